/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * series_import.h — past campaigns' figures from a CSV/XLSX table:
 * columns indicator, year, scope, value, source (header row, any order).
 */
#ifndef LT_APP_SERIES_H
#define LT_APP_SERIES_H

#include "core/arena.h"
#include "render/table.h"
#include "store/db.h"
#include "store/series.h"

/*
 * Read the first sheet of t into rows (arena-owned) and import them, all or
 * nothing. Errors name "row R, column C (field)". *n gets the row count.
 */
int lt_series_import_table(lt_db *db, const lt_table *t, lt_arena *a, size_t *n, lt_error *e);

#endif
