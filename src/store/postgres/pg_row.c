/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * pg_row.c — the PostgreSQL driver's columns: the current row's fields read
 * the way the SQLite driver reads them (an integer column's text is its
 * digits, a comparison is 1 or 0, a fraction read as an integer is cut), from
 * a binary result (big-endian integers and floats, raw bytea) or a text one
 * (digits, "t"/"f", "\\x…" bytea). Converted values live in per-column
 * buffers of the statement until its next row.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/postgres/pg_int.h"

bool pg_decodable(Oid t)
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
