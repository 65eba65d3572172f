/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * bulk.h — fast loading of generated records for `lantoa demo --national`
 * (about 130,000 reporting units, two million figures). Each call is one
 * cached prepared statement inside the caller's transaction; nothing is
 * validated beyond the schema's constraints: the rows come from the
 * generator, not from a user. Everything a user writes goes through app/.
 */
#ifndef LT_BULK_H
#define LT_BULK_H

#include <stdint.h>

#include "core/error.h"
#include "store/db.h"

/*
 * Before a bulk load in one transaction: let SQLite's page cache grow to
 * mb megabytes on this connection (PostgreSQL: nothing), so that the
 * transaction's pages are not spilled to the WAL and looked up there again.
 */
LT_MUST_CHECK int lt_bulk_cache(lt_db *db, int mb, lt_error *e);

/* One figure of unit for directive (an upsert, no history). */
LT_MUST_CHECK int lt_bulk_figure(lt_db *db, int64_t directive, int64_t unit, const char *code,
				 double value, int64_t at, lt_error *e);

/*
 * The report of unit on directive in status (submitted, returned,
 * accepted) with one final revision submitted at `at`, whose snapshot is
 * snapshot (its SHA-256 is computed here).
 */
LT_MUST_CHECK int lt_bulk_report(lt_db *db, int64_t directive, int64_t unit, const char *status,
				 int64_t at, const char *snapshot, lt_error *e);

/* One logged activity item (an original) of unit for directive on day; theme 0: none. */
typedef struct lt_bulk_item {
	int64_t directive, unit, theme;
	const char *channel, *kind, *title, *url, *day;
	int64_t at;
} lt_bulk_item;
LT_MUST_CHECK int lt_bulk_activity(lt_db *db, const lt_bulk_item *it, lt_error *e);

#endif
