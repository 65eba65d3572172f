/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * dbcopy.h — whole tables between two databases, whatever their drivers
 * (`lantoa db copy`: SQLite to PostgreSQL and back). The tables are those of
 * the schema catalogue (migrations.h); their columns and keys are read from
 * each database's own catalogue (SQLite's pragma_table_info, PostgreSQL's
 * pg_attribute and pg_index), so a column added by a later migration is
 * copied without a change here.
 *
 * Rows stream: a source table is read by one statement, row by row (the
 * PostgreSQL driver reads in single-row mode), and written in batches of
 * multi-row INSERTs, so a table is never held in memory.
 */
#ifndef LT_DBCOPY_H
#define LT_DBCOPY_H

#include <stdbool.h>
#include <stdint.h>

#include "core/error.h"
#include "store/db.h"
#include "store/unit_import.h" /* lt_progress_fn */

#define LT_TABLE_COLS_MAX 48
#define LT_TABLE_NAME_MAX 64

/* How a column's values are read, written and hashed. */
enum lt_col_kind { LT_COL_INT, LT_COL_DOUBLE, LT_COL_TEXT, LT_COL_BLOB };

typedef struct lt_table_shape {
	int n;                                     /* columns, in the table's order */
	char name[LT_TABLE_COLS_MAX][LT_TABLE_NAME_MAX];
	int kind[LT_TABLE_COLS_MAX];               /* enum lt_col_kind, from the declared type */
	int nkey;                                  /* primary-key columns (0: none) */
	int key[LT_TABLE_COLS_MAX];                /* their column indexes, in key order */
} lt_table_shape;

/*
 * Read table's columns and primary key from db's catalogue into *out.
 * LT_ENOTFOUND (field table) when db has no such table; LT_ETOOBIG past
 * LT_TABLE_COLS_MAX columns.
 */
LT_MUST_CHECK int lt_table_shape_read(lt_db *db, const char *table, lt_table_shape *out,
				      lt_error *e);
/* Do a and b have the same columns (names, in order) and kinds? */
bool lt_table_shape_equal(const lt_table_shape *a, const lt_table_shape *b);

/* Rows of table in *n. */
LT_MUST_CHECK int lt_table_count(lt_db *db, const char *table, int64_t *n, lt_error *e);
/* Delete every row of table (inside the caller's transaction). */
LT_MUST_CHECK int lt_table_clear(lt_db *db, const char *table, lt_error *e);

/*
 * Copy every row of table from `from` to `to` with its values as they are
 * (ids kept). s is the table's shape (the same on both sides); count its
 * rows in `from`, read in the same snapshot (LT_ECONFLICT naming the table
 * when the rows read are not that many: the source changed). late: NULL,
 * or comma-separated columns written NULL first and set in a second pass
 * (forward references); they need a single-column key. progress (may be
 * NULL) is called after each batch with *done, which grows by the rows
 * written. The caller holds a transaction on `to`.
 */
LT_MUST_CHECK int lt_table_copy(lt_db *from, lt_db *to, const char *table,
				const lt_table_shape *s, int64_t count, const char *late,
				lt_progress_fn progress,
				void *ctx, size_t *done, size_t total, lt_error *e);

/*
 * SHA-256 (hex, into hex[65]) of table's rows in primary-key order (every
 * column when there is no key), and their number in *rows. Each value is
 * written in one form on both drivers: NULL as "N", an integer as "I"
 * and its decimal digits, a float as "D" and %.17g, text and blobs as "T"
 * or "B", the length and the bytes; so SQLite and PostgreSQL give the same
 * hash for the same rows.
 */
LT_MUST_CHECK int lt_table_hash(lt_db *db, const char *table, const lt_table_shape *s,
				char hex[65], int64_t *rows, lt_error *e);

/*
 * Start a transaction that reads one snapshot of db for the rest of it
 * (SQLite: the write lock; PostgreSQL: REPEATABLE READ). End it with lt_db_end.
 */
LT_MUST_CHECK int lt_db_begin_snapshot(lt_db *db, lt_error *e);

#endif
