/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * series.h — past campaigns' figures by year, as use cases: import a CSV or
 * XLSX file (columns indicator, year, scope, value, source; header row, any
 * order), show one series, list what has one. Any logged-in user reads;
 * officers import the figures of their own unit and the units below it
 * (scope: a unit code); "VN", the whole country, is the national unit's
 * when one has that code, else the console's.
 */
#ifndef LT_APP_SERIES_H
#define LT_APP_SERIES_H

#include <jansson.h>
#include <stddef.h>

#include "app/actor.h"
#include "core/arena.h"
#include "render/table.h"
#include "store/db.h"
#include "store/series.h"

/*
 * Import the file's bytes (XLSX when they start with "PK", else CSV), all or
 * nothing. Errors name "row R, column C (field)": a scope outside who's
 * subtree is LT_EFORBIDDEN naming the first such row (nothing is written),
 * an unknown one LT_EINVAL. *n gets the row count.
 */
LT_MUST_CHECK int lt_app_series_import(lt_db *db, const lt_actor *who, const char *data,
				       size_t len, size_t *n, lt_error *e);
/* The years of (indicator, scope) (scope NULL: "VN"), oldest first; rows in a. */
LT_MUST_CHECK int lt_app_series_get(lt_db *db, const lt_actor *who, const char *indicator,
				    const char *scope, lt_arena *a, lt_series_point **out,
				    size_t *n, lt_error *e);
/* Every series; rows in a. */
LT_MUST_CHECK int lt_app_series_list(lt_db *db, const lt_actor *who, lt_arena *a,
				     lt_series_info **out, size_t *n, lt_error *e);

/* {indicator, scope, items:[{year, value, source}]}: new reference. */
json_t *lt_app_series_json(const char *indicator, const char *scope, const lt_series_point *p,
			   size_t n);
/* [{indicator, name_vi, name_en, measure, scope, years, from, to}]: new reference. */
json_t *lt_app_series_list_json(const lt_series_info *s, size_t n);

/*
 * Import the first sheet of t (the demo loader's entry, which has already
 * read its file) as the console. Same errors as lt_app_series_import.
 */
LT_MUST_CHECK int lt_series_import_table(lt_db *db, const lt_table *t, lt_arena *a, size_t *n,
					 lt_error *e);

#endif
