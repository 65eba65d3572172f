/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * series.h — figures of past campaigns by year (e.g. the national "Tết Sum
 * vầy" figures since 2015), for charts of any indicator across years.
 * SQL and rows only; app/series.c reads files and checks the rows.
 */
#ifndef LT_SERIES_H
#define LT_SERIES_H

#include <stddef.h>

#include "core/arena.h"
#include "core/error.h"
#include "store/db.h"

typedef struct lt_series_row {
	int line;            /* source row, for errors */
	const char *indicator;
	int year;
	const char *scope;   /* "VN" or a unit code */
	double value;
	const char *source;  /* where the figure comes from */
} lt_series_row;

/* One year of a series. */
typedef struct lt_series_point {
	int year;
	double value;
	const char *source; /* or NULL */
} lt_series_point;

/* What has a series. */
typedef struct lt_series_info {
	const char *indicator, *name_vi, *name_en, *measure, *scope;
	int years, from, to;
} lt_series_info;

/*
 * Insert or replace rows, all or nothing. An indicator code not in the
 * catalogue is an error naming "indicator"; *bad_line gets the row's line.
 */
LT_MUST_CHECK int lt_series_import(lt_db *db, const lt_series_row *rows, size_t n, int *bad_line,
				   lt_error *e);
/* The years of (indicator, scope), oldest first (rows in a). */
LT_MUST_CHECK int lt_series_points(lt_db *db, const char *indicator, const char *scope,
				   lt_arena *a, lt_series_point **out, size_t *n, lt_error *e);
/* Every series, in the catalogue's order (rows in a). */
LT_MUST_CHECK int lt_series_infos(lt_db *db, lt_arena *a, lt_series_info **out, size_t *n,
				  lt_error *e);

#endif
