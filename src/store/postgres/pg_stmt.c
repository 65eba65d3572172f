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
 * Results come in binary when every column is of a type pg_row.c decodes
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
		if (!pg_decodable(PQftype(r, i)))
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
