/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* dbcopy.c — see dbcopy.h. */
#include "store/dbcopy.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/password.h"

/* Parameters in one INSERT: below SQLite's 32766 and PostgreSQL's 65535. */
#define BATCH_PARAMS 8000
#define BATCH_ROWS 500
/* Rows of one second-pass UPDATE: SQLite allows 500 terms in a compound SELECT. */
#define LATE_ROWS 200
/* Longest statement built here. */
#define SQL_MAX (4u << 20)

static const char shape_sqlite[] =
	"SELECT name, type, pk FROM pragma_table_info($1) ORDER BY cid";
static const char shape_pg[] =
	"SELECT a.attname::text, format_type(a.atttypid, a.atttypmod),"
	" coalesce((SELECT array_position(i.indkey::int2[], a.attnum)"
	"   - array_lower(i.indkey::int2[], 1) + 1 FROM pg_index i"
	"  WHERE i.indrelid = a.attrelid AND i.indisprimary), 0)"
	" FROM pg_attribute a WHERE a.attrelid = to_regclass($1) AND a.attnum > 0"
	" AND NOT a.attisdropped ORDER BY a.attnum";

/* A name we put in SQL: lower-case letters, digits and _, as every name of the schema. */
static bool plain_name(const char *s)
{
	if (!*s || strlen(s) >= LT_TABLE_NAME_MAX)
		return false;
	for (; *s; s++)
		if (!(islower((unsigned char)*s) || isdigit((unsigned char)*s) || *s == '_'))
			return false;
	return true;
}

static int bad_name(const char *name, lt_error *e)
{
	return lt_error_set(e, LT_EINVAL, "table", "Tên không hợp lệ: %s", "Invalid name: %s",
			    name);
}

/* The kind of a declared type, by SQLite's affinity rules (PostgreSQL's names fit them). */
static int kind_of(const char *type)
{
	char t[64];
	size_t i;

	for (i = 0; type && type[i] && i + 1 < sizeof(t); i++)
		t[i] = (char)tolower((unsigned char)type[i]);
	t[i] = '\0';
	if (strstr(t, "int"))
		return LT_COL_INT;
	if (strstr(t, "blob") || strstr(t, "bytea"))
		return LT_COL_BLOB;
	if (strstr(t, "doub") || strstr(t, "real") || strstr(t, "floa") || strstr(t, "numeric"))
		return LT_COL_DOUBLE;
	return LT_COL_TEXT;
}

int lt_table_shape_read(lt_db *db, const char *table, lt_table_shape *out, lt_error *e)
{
	lt_stmt *st = NULL;
	int pos[LT_TABLE_COLS_MAX];
	int rc;

	memset(out, 0, sizeof(*out));
	if (!plain_name(table))
		return bad_name(table, e);
	rc = lt_db_query(db, lt_db_dialect(db) == LT_DIALECT_POSTGRES ? shape_pg : shape_sqlite,
			 &st, e, LT_T(table));
	if (rc)
		return rc;
	while ((rc = lt_stmt_step(st, e)) == 1) {
		const char *name = lt_stmt_text(st, 0);
		if (out->n == LT_TABLE_COLS_MAX) {
			rc = lt_error_set(e, LT_ETOOBIG, table, "Bảng %s có quá nhiều cột",
					  "Table %s has too many columns", table);
			break;
		}
		if (!name || !plain_name(name)) {
			rc = bad_name(name ? name : "", e);
			break;
		}
		snprintf(out->name[out->n], LT_TABLE_NAME_MAX, "%s", name);
		out->kind[out->n] = kind_of(lt_stmt_text(st, 1));
		pos[out->n] = (int)lt_stmt_int(st, 2);
		out->n++;
	}
	lt_stmt_done(st);
	if (rc < 0)
		return rc;
	if (!out->n)
		return lt_error_set(e, LT_ENOTFOUND, "table", "Không có bảng %s",
				    "There is no table %s", table);
	/* The key's columns in key order (pk / array_position count from 1). */
	for (int k = 1; k <= out->n; k++)
		for (int c = 0; c < out->n; c++)
			if (pos[c] == k)
				out->key[out->nkey++] = c;
	return 0;
}

bool lt_table_shape_equal(const lt_table_shape *a, const lt_table_shape *b)
{
	if (a->n != b->n)
		return false;
	for (int c = 0; c < a->n; c++)
		if (strcmp(a->name[c], b->name[c]) || a->kind[c] != b->kind[c])
			return false;
	return true;
}

/* Prepare a statement built in sql (owned in *st). */
static int prepare_built(lt_db *db, lt_buf *sql, lt_stmt **st, lt_error *e)
{
	int rc = lt_buf_error(sql);

	*st = NULL;
	if (rc)
		return lt_error_set(e, rc, NULL, "Hết bộ nhớ", "Out of memory");
	return lt_db_prepare_once(db, lt_buf_cstr(sql), st, e);
}
/* Run a statement built from checked names (owned, not cached); 0 or < 0. */
static int run_built(lt_db *db, lt_buf *sql, lt_error *e)
{
	lt_stmt *st = NULL;
	int rc = prepare_built(db, sql, &st, e);

	if (!rc)
		rc = lt_stmt_run(st, e);
	lt_stmt_free(st);
	return rc;
}

int lt_table_count(lt_db *db, const char *table, int64_t *n, lt_error *e)
{
	lt_stmt *st = NULL;
	char sql[128];
	int rc;

	*n = 0;
	if (!plain_name(table))
		return bad_name(table, e);
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM %s", table);
	rc = lt_db_prepare_once(db, sql, &st, e);
	if (!rc) {
		rc = lt_stmt_step(st, e);
		if (rc == 1)
			*n = lt_stmt_int(st, 0);
	}
	lt_stmt_free(st);
	return rc < 0 ? rc : 0;
}

int lt_table_clear(lt_db *db, const char *table, lt_error *e)
{
	lt_buf sql;
	int rc;

	if (!plain_name(table))
		return bad_name(table, e);
	lt_buf_init(&sql, 256);
	lt_buf_putf(&sql, "DELETE FROM %s", table);
	rc = run_built(db, &sql, e);
	lt_buf_free(&sql);
	return rc;
}

/* "SELECT c1, c2 … FROM table ORDER BY key" into sql (every column when no key). */
static void select_sql(lt_buf *sql, const char *table, const lt_table_shape *s)
{
	lt_buf_puts(sql, "SELECT ");
	for (int c = 0; c < s->n; c++)
		lt_buf_putf(sql, "%s%s", c ? ", " : "", s->name[c]);
	lt_buf_putf(sql, " FROM %s ORDER BY ", table);
	for (int k = 0; k < (s->nkey ? s->nkey : s->n); k++)
		lt_buf_putf(sql, "%s%s", k ? ", " : "", s->name[s->nkey ? s->key[k] : k]);
}

/* "INSERT INTO table (c…) VALUES ($1, …), …" for rows rows. */
static void insert_sql(lt_buf *sql, const char *table, const lt_table_shape *s, int rows)
{
	int p = 1;

	lt_buf_putf(sql, "INSERT INTO %s (", table);
	for (int c = 0; c < s->n; c++)
		lt_buf_putf(sql, "%s%s", c ? ", " : "", s->name[c]);
	lt_buf_puts(sql, ") VALUES ");
	for (int r = 0; r < rows; r++) {
		lt_buf_puts(sql, r ? ", (" : "(");
		for (int c = 0; c < s->n; c++)
			lt_buf_putf(sql, "%s$%d", c ? ", " : "", p++);
		lt_buf_puts(sql, ")");
	}
}


/* Is column name one of the comma-separated late? */
static bool is_late(const char *late, const char *name)
{
	size_t n = strlen(name);

	for (const char *p = late; p && *p;) {
		const char *end = strchr(p, ',');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		if (len == n && !strncmp(p, name, n))
			return true;
		p = end ? end + 1 : NULL;
	}
	return false;
}

/* Bind the source row's column c to parameter idx of the insert. */
static void bind_value(lt_stmt *src, int c, int kind, lt_stmt *dst, int idx)
{
	size_t n = 0;
	const void *p;

	if (lt_stmt_is_null(src, c)) {
		lt_stmt_bind_null(dst, idx);
		return;
	}
	switch (kind) {
	case LT_COL_INT:
		lt_stmt_bind_int(dst, idx, lt_stmt_int(src, c));
		break;
	case LT_COL_DOUBLE:
		lt_stmt_bind_double(dst, idx, lt_stmt_double(src, c));
		break;
	case LT_COL_BLOB:
		p = lt_stmt_blob(src, c, &n);
		lt_stmt_bind_blob(dst, idx, p ? p : "", n);
		break;
	default:
		lt_stmt_bind_text(dst, idx, lt_stmt_text(src, c));
		break;
	}
}

/* Set the late column col of table from the source, LATE_ROWS rows per UPDATE. */
static int copy_late(lt_db *from, lt_db *to, const char *table, const lt_table_shape *s,
		     int col, lt_error *e)
{
	lt_stmt *src = NULL, *upd = NULL;
	const char *key = s->name[s->key[0]];
	const char *name = s->name[col];
	int64_t ids[LATE_ROWS], vals[LATE_ROWS];
	lt_buf sql;
	int rc, n = 0;

	lt_buf_init(&sql, SQL_MAX);
	lt_buf_putf(&sql, "SELECT %s, %s FROM %s WHERE %s IS NOT NULL ORDER BY %s", key, name,
		    table, name, key);
	rc = prepare_built(from, &sql, &src, e);
	while (!rc) {
		int got = lt_stmt_step(src, e);
		if (got < 0) {
			rc = got;
			break;
		}
		if (got == 1) {
			ids[n] = lt_stmt_int(src, 0);
			vals[n++] = lt_stmt_int(src, 1);
			if (n < LATE_ROWS)
				continue;
		}
		if (n) {
			/* A derived table of (id, value) pairs: both dialects, typed by the casts. */
			lt_buf_reset(&sql);
			lt_buf_putf(&sql, "UPDATE %s SET %s = v.c FROM (", table, name);
			for (int i = 0; i < n; i++)
				lt_buf_putf(&sql,
					    "%sSELECT CAST($%d AS BIGINT) AS k, CAST($%d AS BIGINT) AS c",
					    i ? " UNION ALL " : "", 2 * i + 1, 2 * i + 2);
			lt_buf_putf(&sql, ") AS v WHERE %s.%s = v.k", table, key);
			rc = prepare_built(to, &sql, &upd, e);
			for (int i = 0; !rc && i < n; i++) {
				lt_stmt_bind_int(upd, 2 * i + 1, ids[i]);
				lt_stmt_bind_int(upd, 2 * i + 2, vals[i]);
			}
			if (!rc)
				rc = lt_stmt_run(upd, e);
			lt_stmt_free(upd);
			upd = NULL;
			n = 0;
		}
		if (got == 0)
			break;
	}
	lt_stmt_free(src);
	lt_buf_free(&sql);
	return rc;
}

/* The rows of the source changed under the copy (outside a snapshot). */
static int changed(const char *table, lt_error *e)
{
	return lt_error_set(e, LT_ECONFLICT, table, "Bảng %s đã thay đổi trong khi chép",
			    "Table %s changed during the copy", table);
}

int lt_table_copy(lt_db *from, lt_db *to, const char *table, const lt_table_shape *s,
		  int64_t count, const char *late, lt_progress_fn progress, void *ctx,
		  size_t *done, size_t total, lt_error *e)
{
	lt_stmt *src = NULL, *full = NULL, *ins = NULL;
	bool is_late_col[LT_TABLE_COLS_MAX];
	int64_t left = count;
	int per = BATCH_PARAMS / (s->n ? s->n : 1);
	int rc, rows = 0, want;
	lt_buf sql;

	if (!plain_name(table))
		return bad_name(table, e);
	if (per > BATCH_ROWS)
		per = BATCH_ROWS;
	if (per < 1)
		per = 1;
	for (int c = 0; c < s->n; c++) {
		is_late_col[c] = is_late(late, s->name[c]);
		if (is_late_col[c] && (s->nkey != 1 || s->kind[c] != LT_COL_INT ||
				       s->kind[s->key[0]] != LT_COL_INT))
			return lt_error_set(e, LT_EINTERNAL, table,
					    "Cột %s.%s không chép sau được",
					    "Column %s.%s cannot be written in a second pass", table,
					    s->name[c]);
	}
	lt_buf_init(&sql, SQL_MAX);
	select_sql(&sql, table, s);
	rc = prepare_built(from, &sql, &src, e);
	/*
	 * Batches of per rows, then one of the rest: the count (read in the
	 * same snapshot) says how long the last is before its rows are read.
	 */
	while (!rc) {
		int got = lt_stmt_step(src, e);
		if (got < 0) {
			rc = got;
			break;
		}
		if (got == 0) {
			rc = left || rows ? changed(table, e) : 0;
			break;
		}
		if (!rows) {
			if (left <= 0) {
				rc = changed(table, e);
				break;
			}
			want = left < per ? (int)left : per;
			if (want == per && full) {
				ins = full;
			} else {
				lt_buf_reset(&sql);
				insert_sql(&sql, table, s, want);
				rc = prepare_built(to, &sql, &ins, e);
				if (rc)
					break;
				if (want == per)
					full = ins;
			}
		}
		for (int c = 0; c < s->n; c++) {
			int idx = rows * s->n + c + 1;
			if (is_late_col[c])
				lt_stmt_bind_null(ins, idx);
			else
				bind_value(src, c, s->kind[c], ins, idx);
		}
		if (++rows < want)
			continue;
		rc = lt_stmt_run(ins, e);
		lt_stmt_done(ins);
		if (ins != full)
			lt_stmt_free(ins);
		ins = NULL;
		left -= rows;
		*done += (size_t)rows;
		rows = 0;
		if (progress)
			progress(ctx, *done, total);
	}
	if (ins != full)
		lt_stmt_free(ins);
	lt_stmt_free(full);
	lt_stmt_free(src);
	lt_buf_free(&sql);
	for (int c = 0; !rc && c < s->n; c++)
		if (is_late_col[c])
			rc = copy_late(from, to, table, s, c, e);
	return rc;
}

/* Feed one value of the current row of st, in its one form (dbcopy.h), to h. */
static void hash_value(lt_sha256 *h, lt_stmt *st, int c, int kind)
{
	char num[48];
	const void *p;
	size_t n = 0;
	int len;

	if (lt_stmt_is_null(st, c)) {
		lt_sha256_update(h, "N", 1);
		return;
	}
	switch (kind) {
	case LT_COL_INT:
		len = snprintf(num, sizeof(num), "I%" PRId64 ";", lt_stmt_int(st, c));
		lt_sha256_update(h, num, (size_t)len);
		return;
	case LT_COL_DOUBLE:
		len = snprintf(num, sizeof(num), "D%.17g;", lt_stmt_double(st, c));
		lt_sha256_update(h, num, (size_t)len);
		return;
	case LT_COL_BLOB:
		p = lt_stmt_blob(st, c, &n);
		len = snprintf(num, sizeof(num), "B%zu:", n);
		break;
	default:
		p = lt_stmt_text(st, c);
		n = p ? strlen(p) : 0;
		len = snprintf(num, sizeof(num), "T%zu:", n);
		break;
	}
	lt_sha256_update(h, num, (size_t)len);
	if (n)
		lt_sha256_update(h, p, n);
}

int lt_table_hash(lt_db *db, const char *table, const lt_table_shape *s, char hex[65],
		  int64_t *rows, lt_error *e)
{
	lt_stmt *st = NULL;
	lt_sha256 h;
	lt_buf sql;
	int rc;

	*rows = 0;
	hex[0] = '\0';
	if (!plain_name(table))
		return bad_name(table, e);
	lt_buf_init(&sql, SQL_MAX);
	select_sql(&sql, table, s);
	rc = prepare_built(db, &sql, &st, e);
	lt_sha256_init(&h);
	while (!rc && (rc = lt_stmt_step(st, e)) == 1) {
		for (int c = 0; c < s->n; c++)
			hash_value(&h, st, c, s->kind[c]);
		lt_sha256_update(&h, "\n", 1);
		(*rows)++;
		rc = 0;
	}
	lt_stmt_free(st);
	lt_buf_free(&sql);
	lt_sha256_final_hex(&h, hex);
	return rc < 0 ? rc : 0;
}

int lt_db_begin_snapshot(lt_db *db, lt_error *e)
{
	int rc = lt_db_begin(db, e);

	if (rc || lt_db_dialect(db) != LT_DIALECT_POSTGRES)
		return rc;
	/* Before the transaction's first query, or it is too late. */
	rc = lt_db_exec(db, "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ", e);
	return rc ? lt_db_end(db, rc, e) : 0;
}
