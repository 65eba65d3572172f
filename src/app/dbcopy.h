/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * dbcopy.h — moving a lantoa database from one backend to another (`lantoa
 * db copy`: SQLite to PostgreSQL when one machine is outgrown, and back).
 */
#ifndef LT_APP_DBCOPY_H
#define LT_APP_DBCOPY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app/actor.h"
#include "core/error.h"
#include "store/db.h"
#include "store/unit_import.h" /* lt_progress_fn */

/* One table of the copy as verified: rows and content hash on each side. */
typedef struct lt_db_copy_table {
	const char *name; /* static */
	int64_t rows_from, rows_to;
	char hash_from[65], hash_to[65];
	bool ok;
} lt_db_copy_table;

typedef struct lt_db_copy_result {
	lt_db_copy_table *tables; /* every table of the schema, in copy order; owned: free() */
	size_t n;
	int64_t rows;             /* rows copied */
	bool verified;            /* the comparison ran (tables[].ok says how it went) */
} lt_db_copy_result;

/*
 * Copy every table of from into to, ids kept, in one transaction on to, and
 * before it commits compare each table's row count and content hash on both
 * sides (store/dbcopy.h). from is read in one snapshot. Both databases must
 * have the same schema version (migrate to first) and to must hold no data
 * but what the migrations put there. Only the operator or the system may.
 * copied(ctx, rows, total) follows the copy, checked(ctx, tables, total) the
 * comparison (either may be NULL).
 *
 * Returns 0 with out filled (free out->tables); else nothing is written to
 * to, and: LT_ECONFLICT for different schema versions (field "--to") or a
 * table whose rows differ after the copy (field = the table; out is filled
 * for the report), LT_EEXIST when to holds data (field "--to", the message
 * names the table), or the error of the statement that failed.
 */
LT_MUST_CHECK int lt_app_db_copy(lt_db *from, lt_db *to, const lt_actor *who,
				 lt_progress_fn copied, lt_progress_fn checked, void *ctx,
				 lt_db_copy_result *out, lt_error *e);

#endif
