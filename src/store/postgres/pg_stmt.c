/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * pg_stmt.c — the PostgreSQL driver's statements: prepare, bind, rows.
 *
 * A cached statement (lt_db_prepare, keyed by the SQL literal's address like
 * the SQLite driver's cache) is prepared on the server once per connection
 * (PQprepare, then PQdescribePrepared for its parameter count and column
 * types) and run with PQsendQueryPrepared. A statement built at run time
 * (lt_db_prepare_once) is sent with its text (PQsendQueryParams): one round
 * trip, no server-side name to clean up.
 *
 * Parameters go as text, blobs as binary bytes. The server infers their
 * types from the SQL, except in two shapes lantoa's SQL uses for optional
 * filters, where it would guess wrong or not at all (param_types):
 * "$5 IS NULL OR x = $5" (no type at the first use: declared text; lantoa's
 * optional numbers are 0, not NULL) and "$3 = 0 OR id = $3" (integer, 32
 * bits, from the literal: declared bigint, as every SQLite integer is).
 * Results come in binary when every column is of a type decoded here
 * (integers, floats, booleans, text, bytea: no digit parsing, no hex), else
 * in text.
 *
 * Rows stream: each statement runs in libpq's single-row mode, so a large
 * result is never held whole in memory while the caller copies it out. The
 * protocol allows one command at a time per connection, and store code often
 * runs a statement while reading another's rows; when that happens the rows
 * still to come are read off the connection into one compact result
 * (pg_detach), which the first statement then reads on.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "store/postgres/pg_int.h"

/* Type OIDs (catalog/pg_type.h; fixed since PostgreSQL 7). */
enum {
	BOOLOID = 16,
	BYTEAOID = 17,
	NAMEOID = 19,
	INT8OID = 20,
	INT2OID = 21,
	INT4OID = 23,
	TEXTOID = 25,
	OIDOID = 26,
	FLOAT4OID = 700,
	FLOAT8OID = 701,
	UNKNOWNOID = 705,
	BPCHAROID = 1042,
	VARCHAROID = 1043,
};

static bool decodable(Oid t)
{
	switch (t) {
	case BOOLOID:
	case BYTEAOID:
	case NAMEOID:
	case INT8OID:
	case INT2OID:
	case INT4OID:
	case TEXTOID:
	case OIDOID:
	case FLOAT4OID:
	case FLOAT8OID:
	case UNKNOWNOID:
	case BPCHAROID:
	case VARCHAROID:
		return true;
	default:
		return false; /* numeric (sum of bigint), dates, json…: text */
	}
}

/*
 * Declare the types of parameters the server cannot infer well from their
 * first use (see the top of this file); every other one is left to it (0).
 * Only the first use of each $N counts: that is where the server fixes it.
 */
static void param_types(const char *sql, int n, Oid *types)
{
	unsigned char *seen = calloc((size_t)n + 1, 1);
	char quote = 0;

	for (int i = 0; i < n; i++)
		types[i] = 0;
	if (!seen)
		return; /* the server infers them all */
	for (const char *p = sql; *p; p++) {
		const char *q;
		int k;
		if (quote) {
			if (*p == quote)
				quote = 0;
			continue;
		}
		if (*p == '\'' || *p == '"') {
			quote = *p;
			continue;
		}
		if (*p != '$' || p[1] < '0' || p[1] > '9')
			continue;
		k = (int)strtol(p + 1, (char **)&q, 10);
		if (k < 1 || k > n || seen[k])
			continue;
		seen[k] = 1;
		while (*q == ' ')
			q++;
		if (!strncasecmp(q, "IS NULL", 7) || !strncasecmp(q, "IS NOT NULL", 11)) {
			types[k - 1] = TEXTOID;
			continue;
		}
		if (!strchr("=<>!", *q) || !*q)
			continue;
		while (*q && strchr("=<>!", *q))
			q++;
		while (*q == ' ')
			q++;
		if (*q == '-')
			q++;
		if (*q < '0' || *q > '9')
			continue;
		while (*q >= '0' && *q <= '9')
			q++;
		if (*q != '.' && *q != 'e' && *q != 'E')
			types[k - 1] = INT8OID;
	}
	/* A parameter the SQL never uses (SQLite does not mind) has no type to infer. */
	for (int k = 1; k <= n; k++)
		if (!seen[k])
			types[k - 1] = TEXTOID;
	free(seen);
}

/* "could not determine data type of parameter $5" → 5, else 0. */
static int undetermined(const PGresult *r)
{
	const char *state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
	const char *msg = PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY);
	const char *dollar = msg ? strrchr(msg, '$') : NULL;

	if (!state || (strcmp(state, "42P18") && strcmp(state, "42P08")) || !dollar)
		return 0;
	return atoi(dollar + 1);
}

static pg_db *conn_of(pg_stmt *s)
{
	return (pg_db *)s->head.db;
}

/* Room for n parameters, keeping the values already bound. */
static int params_room(pg_stmt *s, int n)
{
	if (n > s->pcap) {
		pg_param *p = realloc(s->params, (size_t)n * sizeof(*p));
		if (!p)
			return LT_ENOMEM;
		s->params = p;
		memset(p + s->pcap, 0, (size_t)(n - s->pcap) * sizeof(*p));
		for (int i = s->pcap; i < n; i++)
			p[i].null = true;
		const char **v = realloc(s->vals, (size_t)n * sizeof(*v));
		if (v)
			s->vals = v;
		int *l = realloc(s->lens, (size_t)n * sizeof(*l));
		if (l)
			s->lens = l;
		int *f = realloc(s->fmts, (size_t)n * sizeof(*f));
		if (f)
			s->fmts = f;
		if (!v || !l || !f)
			return LT_ENOMEM; /* pcap stays: the next try grows the rest */
		s->pcap = n;
	}
	s->nparams = n;
	return 0;
}

/* Unbound parameters are NULL, as in SQLite. */
static void params_clear(pg_stmt *s)
{
	for (int i = 0; i < s->nparams; i++)
		s->params[i].null = true;
}

/* Append the one row of a single-row result r to *acc (made on the first row). */
static int keep_row(PGresult **acc, const PGresult *r)
{
	int t;

	if (!*acc) {
		*acc = PQcopyResult(r, PG_COPYRES_ATTRS);
		if (!*acc)
			return LT_ENOMEM;
	}
	t = PQntuples(*acc);
	for (int c = 0; c < PQnfields(r); c++) {
		bool null = PQgetisnull(r, 0, c);
		if (!PQsetvalue(*acc, t, c, null ? NULL : PQgetvalue(r, 0, c),
				null ? -1 : PQgetlength(r, 0, c)))
			return LT_ENOMEM;
	}
	return 0;
}

void pg_detach(pg_stmt *s)
{
	pg_db *d = conn_of(s);
	PGresult *r, *acc = NULL;

	while ((r = PQgetResult(d->conn))) {
		ExecStatusType st = PQresultStatus(r);
		if (st == PGRES_SINGLE_TUPLE) {
			if (!s->tail_rc)
				s->tail_rc = keep_row(&acc, r);
			PQclear(r);
			continue;
		}
		if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK)
			pg_note(d, r); /* changes are counted in the order the server ran the commands */
		PQclear(s->tail);
		s->tail = r;
	}
	d->active = NULL;
	pg_command_done(d);
	/* Rows arrive in single-row mode, so acc holds them all and the tail none. */
	PQclear(s->acc);
	s->acc = acc;
	s->state = PG_BUFFERED;
}

/* The next result of s's command, owned by the caller; NULL when there is none left. */
static PGresult *next_result(pg_stmt *s)
{
	pg_db *d = conn_of(s);
	PGresult *r = NULL;

	if (s->state == PG_STREAM) {
		r = PQgetResult(d->conn);
		if (!r) {
			d->active = NULL;
			pg_command_done(d);
			s->state = PG_DONE;
		}
	} else if (s->state == PG_BUFFERED) {
		if (s->acc) {
			r = s->acc;
			s->acc = NULL;
		} else if (s->tail) {
			r = s->tail;
			s->tail = NULL;
		} else {
			s->state = PG_DONE;
		}
	}
	return r;
}

/* Stop reading s: drop its rows (reading off the connection what is still on it). */
static void finish(pg_stmt *s)
{
	PGresult *r;

	if (s->state == PG_STREAM) {
		while ((r = next_result(s))) {
			ExecStatusType st = PQresultStatus(r);
			if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK)
				pg_note(conn_of(s), r);
			PQclear(r);
		}
	}
	PQclear(s->res);
	PQclear(s->acc);
	PQclear(s->tail);
	s->res = s->acc = s->tail = NULL;
	s->row = 0;
	s->tail_rc = 0;
	s->state = PG_IDLE;
}

/*
 * Prepare s on the server of this connection and learn its shape. A
 * parameter the server still cannot type is declared text and the statement
 * prepared again, outside a transaction; inside one the failure has aborted
 * the transaction, so the statement fails this time and keeps the type for
 * the next (the shapes param_types knows cover lantoa's SQL).
 */
static int server_prepare(pg_db *d, pg_stmt *s, lt_error *e)
{
	PGresult *r = NULL;
	int rc = pg_ready(d, e), k;

	if (rc)
		return rc;
	snprintf(s->name, sizeof(s->name), "lt%u", ++d->seq);
	for (int tries = 0;; tries++) {
		r = PQprepare(d->conn, s->name, s->sql, s->nparams, s->types);
		if (PQresultStatus(r) == PGRES_COMMAND_OK)
			break;
		k = undetermined(r);
		if (k < 1 || k > s->nparams || s->types[k - 1] || tries > s->nparams)
			goto fail;
		s->types[k - 1] = TEXTOID;
		if (PQtransactionStatus(d->conn) != PQTRANS_IDLE)
			goto fail;
		PQclear(r);
	}
	PQclear(r);
	r = PQdescribePrepared(d->conn, s->name);
	if (PQresultStatus(r) != PGRES_COMMAND_OK)
		goto fail;
	s->ncols = PQnfields(r);
	s->binary = 1;
	for (int i = 0; i < s->ncols; i++)
		if (!decodable(PQftype(r, i)))
			s->binary = 0;
	PQclear(r);
	pg_command_done(d);
	s->gen = d->gen;
	return 0;
fail:
	rc = pg_fail(d, r, e);
	pg_trace(s->sql, rc, e);
	PQclear(r);
	pg_command_done(d);
	return rc;
}

void pg_stmt_destroy(pg_stmt *s)
{
	finish(s);
	for (int i = 0; i < s->pcap; i++)
		free(s->params[i].heap);
	for (int i = 0; i < s->nconv; i++)
		free(s->conv[i]);
	free(s->conv);
	free(s->convcap);
	free(s->params);
	free(s->types);
	free(s->vals);
	free(s->lens);
	free(s->fmts);
	free(s->sql);
	free(s);
}

int pg_prepare(lt_db *db, const char *sql, bool cache, lt_stmt **out, lt_error *e)
{
	pg_db *d = (pg_db *)db;
	pg_stmt *s = NULL;
	unsigned b = lt_db_bucket(sql, PG_BUCKETS);
	int rc, n = 0;

	*out = NULL;
	if (cache) {
		for (s = d->cache[b]; s; s = s->next) {
			if (s->key != sql)
				continue;
			finish(s);
			params_clear(s);
			if (s->gen != d->gen) {
				rc = server_prepare(d, s, e);
				if (rc)
					return rc;
			}
			*out = &s->head;
			return 0;
		}
	}
	s = calloc(1, sizeof(*s));
	if (!s)
		return lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	s->head.drv = &lt_pg_driver;
	s->head.db = db;
	s->sql = pg_translate(sql, &n);
	s->types = calloc((size_t)n + 1, sizeof(*s->types));
	if (!s->sql || !s->types || params_room(s, n)) {
		rc = lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
		goto fail;
	}
	param_types(s->sql, n, s->types);
	if (cache) {
		rc = server_prepare(d, s, e);
		if (rc)
			goto fail;
		s->key = sql;
		s->next = d->cache[b];
		d->cache[b] = s;
	}
	*out = &s->head;
	return 0;
fail:
	pg_stmt_destroy(s);
	return rc;
}

void pg_stmt_free(lt_stmt *st)
{
	pg_stmt *s = (pg_stmt *)st;

	if (s->key)
		finish(s); /* cached: stays for the next prepare */
	else
		pg_stmt_destroy(s);
}

/* --- binds ------------------------------------------------------------------ */

static int put(lt_stmt *st, int idx, const void *v, size_t n, bool binary)
{
	pg_stmt *s = (pg_stmt *)st;
	pg_param *p;

	if (idx < 1 || idx > s->nparams)
		return LT_EINTERNAL; /* no such parameter: a bug in the caller */
	if (n > (size_t)INT32_MAX)
		return LT_EINVAL;
	p = &s->params[idx - 1];
	p->on_heap = n + 1 > sizeof(p->small);
	if (p->on_heap && n + 1 > p->cap) {
		char *h = realloc(p->heap, n + 1);
		if (!h)
			return LT_ENOMEM;
		p->heap = h;
		p->cap = n + 1;
	}
	if (n)
		memcpy(p->on_heap ? p->heap : p->small, v, n);
	(p->on_heap ? p->heap : p->small)[n] = '\0';
	p->len = (int)n;
	p->binary = binary;
	p->null = false;
	return 0;
}

int pg_bind_int(lt_stmt *st, int idx, int64_t v)
{
	char buf[24];
	int n = snprintf(buf, sizeof(buf), "%lld", (long long)v);

	return put(st, idx, buf, (size_t)n, false);
}

int pg_bind_double(lt_stmt *st, int idx, double v)
{
	char buf[32];
	int n;

	if (isnan(v))
		n = snprintf(buf, sizeof(buf), "NaN");
	else if (isinf(v))
		n = snprintf(buf, sizeof(buf), "%sInfinity", v < 0 ? "-" : "");
	else
		n = snprintf(buf, sizeof(buf), "%.17g", v);
	return put(st, idx, buf, (size_t)n, false);
}

int pg_bind_textn(lt_stmt *st, int idx, const char *s, size_t n)
{
	if (memchr(s, '\0', n))
		return LT_EINVAL; /* PostgreSQL text cannot hold NUL */
	return put(st, idx, s, n, false);
}

int pg_bind_blob(lt_stmt *st, int idx, const void *p, size_t n)
{
	return put(st, idx, p, n, true);
}

int pg_bind_null(lt_stmt *st, int idx)
{
	pg_stmt *s = (pg_stmt *)st;

	if (idx < 1 || idx > s->nparams)
		return LT_EINTERNAL;
	s->params[idx - 1].null = true;
	return 0;
}

/* --- running ------------------------------------------------------------------ */

static int start(pg_stmt *s, lt_error *e)
{
	pg_db *d = conn_of(s);
	int rc = pg_ready(d, e), ok;

	if (rc)
		return rc;
	if (s->key && s->gen != d->gen) {
		rc = server_prepare(d, s, e); /* the connection was made anew */
		if (rc)
			return rc;
	}
	for (int i = 0; i < s->nparams; i++) {
		const pg_param *p = &s->params[i];
		s->vals[i] = p->null ? NULL : p->on_heap ? p->heap : p->small;
		s->lens[i] = p->len;
		s->fmts[i] = p->binary;
	}
	if (s->key)
		ok = PQsendQueryPrepared(d->conn, s->name, s->nparams, s->vals, s->lens, s->fmts,
					 s->binary);
	else
		ok = PQsendQueryParams(d->conn, s->sql, s->nparams, s->types, s->vals, s->lens,
				       s->fmts, 0);
	if (!ok) {
		rc = pg_fail(d, NULL, e);
		pg_command_done(d);
		return rc;
	}
	(void)PQsetSingleRowMode(d->conn); /* if refused, rows come whole: read the same way */
	d->active = s;
	s->state = PG_STREAM;
	return 0;
}

int pg_step(lt_stmt *st, lt_error *e)
{
	pg_stmt *s = (pg_stmt *)st;
	pg_db *d = conn_of(s);
	PGresult *r;
	int rc;

	if (s->state == PG_IDLE) {
		rc = start(s, e);
		if (rc)
			return rc;
	}
	if (s->state == PG_DONE)
		return 0;
	if (s->res && ++s->row < PQntuples(s->res))
		return 1;
	PQclear(s->res);
	s->res = NULL;
	if (s->state == PG_BUFFERED && s->tail_rc) {
		finish(s);
		s->state = PG_DONE;
		return lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	}
	for (;;) {
		bool streaming = s->state == PG_STREAM;
		r = next_result(s);
		if (!r)
			return 0;
		switch (PQresultStatus(r)) {
		case PGRES_SINGLE_TUPLE:
		case PGRES_TUPLES_OK:
			if (streaming && PQresultStatus(r) == PGRES_TUPLES_OK)
				pg_note(d, r);
			if (PQntuples(r) > 0) {
				s->res = r;
				s->row = 0;
				return 1;
			}
			PQclear(r);
			break;
		case PGRES_COMMAND_OK:
			if (streaming)
				pg_note(d, r);
			PQclear(r);
			break;
		case PGRES_EMPTY_QUERY:
			PQclear(r);
			break;
		default:
			rc = pg_fail(d, r, e);
			pg_trace(s->sql, rc, e);
			PQclear(r);
			finish(s);
			s->state = PG_DONE;
			return rc;
		}
	}
}

void pg_done(lt_stmt *st)
{
	finish((pg_stmt *)st);
}

/* --- columns ------------------------------------------------------------------ */

/* The current row's field col, or NULL (no row, no such column, SQL NULL). */
static const char *field(pg_stmt *s, int col, int *len, Oid *type, bool *binary)
{
	PGresult *r = s->res;

	if (!r || col < 0 || col >= PQnfields(r) || PQgetisnull(r, s->row, col))
		return NULL;
	*len = PQgetlength(r, s->row, col);
	*type = PQftype(r, col);
	*binary = PQfformat(r, col) == 1;
	return PQgetvalue(r, s->row, col);
}

static uint64_t be(const char *v, int n)
{
	uint64_t x = 0;

	for (int i = 0; i < n; i++)
		x = x << 8 | (unsigned char)v[i];
	return x;
}

static double be_double(const char *v, int len)
{
	if (len == 8) {
		uint64_t x = be(v, 8);
		double f;
		memcpy(&f, &x, sizeof(f));
		return f;
	}
	uint32_t x = (uint32_t)be(v, 4);
	float f;
	memcpy(&f, &x, sizeof(f));
	return f;
}

/* A binary number field as an integer; *is_int false when it is not a number type. */
static int64_t bin_int(const char *v, int len, Oid t, bool *is_int)
{
	*is_int = true;
	switch (t) {
	case INT8OID:
		return (int64_t)be(v, 8);
	case INT4OID:
		return (int32_t)be(v, 4);
	case INT2OID:
		return (int16_t)be(v, 2);
	case OIDOID:
		return (int64_t)be(v, 4);
	case BOOLOID:
		return v[0] != 0;
	case FLOAT8OID:
	case FLOAT4OID:
		return (int64_t)be_double(v, len);
	default:
		*is_int = false;
		return 0;
	}
}

/*
 * The current row's field col as a number, read as SQLite would: an integer
 * in *i, or a fraction in *f (*frac set); text is read up to its first
 * non-digit, "t"/"f" (booleans in text) as 1/0. False for SQL NULL.
 */
static bool number(lt_stmt *st, int col, int64_t *i, double *f, bool *frac)
{
	int len;
	Oid t;
	bool bin, is_int;
	const char *v = field((pg_stmt *)st, col, &len, &t, &bin);
	char *end;

	*frac = false;
	if (!v)
		return false;
	if (bin && (t == FLOAT8OID || t == FLOAT4OID)) {
		*f = be_double(v, len);
		*frac = true;
		return true;
	}
	if (bin) {
		*i = bin_int(v, len, t, &is_int);
		if (is_int)
			return true;
	}
	if (t == BOOLOID) {
		*i = v[0] == 't';
		return true;
	}
	*i = strtoll(v, &end, 10);
	if (*end == '.' || *end == 'e' || *end == 'E') {
		*f = strtod(v, NULL);
		*frac = true;
	}
	return true;
}

bool pg_is_null(lt_stmt *st, int col)
{
	pg_stmt *s = (pg_stmt *)st;

	return !s->res || col < 0 || col >= PQnfields(s->res) || PQgetisnull(s->res, s->row, col);
}

int64_t pg_col_int(lt_stmt *st, int col)
{
	int64_t i = 0;
	double f = 0;
	bool frac;

	if (!number(st, col, &i, &f, &frac))
		return 0;
	return frac ? (int64_t)f : i;
}

double pg_col_double(lt_stmt *st, int col)
{
	int64_t i = 0;
	double f = 0;
	bool frac;

	if (!number(st, col, &i, &f, &frac))
		return 0;
	return frac ? f : (double)i;
}

/* A buffer of at least n bytes for column col's converted value. */
static char *conv(pg_stmt *s, int col, size_t n)
{
	if (col >= s->nconv) {
		int want = PQnfields(s->res);
		char **c = realloc(s->conv, (size_t)want * sizeof(*c));
		if (!c)
			return NULL;
		s->conv = c;
		size_t *k = realloc(s->convcap, (size_t)want * sizeof(*k));
		if (!k)
			return NULL;
		s->convcap = k;
		for (int i = s->nconv; i < want; i++) {
			c[i] = NULL;
			k[i] = 0;
		}
		s->nconv = want;
	}
	if (s->convcap[col] < n) {
		char *b = realloc(s->conv[col], n);
		if (!b)
			return NULL;
		s->conv[col] = b;
		s->convcap[col] = n;
	}
	return s->conv[col];
}

/* A bytea in text form ("\\x0a1b…") as bytes, NUL-terminated, in column col's buffer. */
static const char *unhex(pg_stmt *s, int col, const char *v, size_t *n)
{
	unsigned char *raw = PQunescapeBytea((const unsigned char *)v, n);
	char *out = raw ? conv(s, col, *n + 1) : NULL;

	if (out) {
		memcpy(out, raw, *n);
		out[*n] = '\0';
	} else {
		*n = 0;
	}
	PQfreemem(raw);
	return out;
}

const char *pg_col_text(lt_stmt *st, int col)
{
	pg_stmt *s = (pg_stmt *)st;
	int len;
	Oid t;
	bool bin, is_int;
	const char *v = field(s, col, &len, &t, &bin);
	size_t n;
	char *out;

	if (!v)
		return NULL;
	if (t == BOOLOID) /* SQLite has no booleans: a comparison is 1 or 0 */
		return (bin ? v[0] != 0 : v[0] == 't') ? "1" : "0";
	if (bin && (t == FLOAT8OID || t == FLOAT4OID)) {
		out = conv(s, col, 32);
		if (out)
			snprintf(out, 32, "%.15g", be_double(v, len));
		return out;
	}
	if (bin) {
		int64_t x = bin_int(v, len, t, &is_int);
		if (!is_int)
			return v; /* text types and bytea: the bytes, NUL-terminated by libpq */
		out = conv(s, col, 24);
		if (out)
			snprintf(out, 24, "%lld", (long long)x);
		return out;
	}
	if (t == BYTEAOID)
		return unhex(s, col, v, &n);
	return v;
}

const void *pg_col_blob(lt_stmt *st, int col, size_t *n)
{
	pg_stmt *s = (pg_stmt *)st;
	int len;
	Oid t;
	bool bin;
	const char *v = field(s, col, &len, &t, &bin), *x;

	*n = 0;
	if (!v)
		return NULL;
	if (t == BYTEAOID) {
		if (!bin)
			return unhex(s, col, v, n);
		*n = (size_t)len;
		return v;
	}
	x = pg_col_text(st, col); /* as SQLite: a number's blob is its text */
	*n = x ? strlen(x) : 0;
	return x;
}

int pg_columns(lt_stmt *st)
{
	pg_stmt *s = (pg_stmt *)st;

	return s->res ? PQnfields(s->res) : s->ncols;
}
