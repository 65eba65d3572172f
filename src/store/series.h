/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * series.h — figures of past campaigns by year (e.g. the national "Tết Sum
 * vầy" figures since 2015), for charts of any indicator across years.
 */
#ifndef LT_SERIES_H
#define LT_SERIES_H

#include <jansson.h>
#include <stddef.h>

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

/*
 * Insert or replace rows, all or nothing. Errors name the row and field
 * (*bad_line); an unknown indicator code is an error.
 */
LT_MUST_CHECK int lt_series_import(lt_db *db, const lt_series_row *rows, size_t n, int *bad_line, lt_error *e);
/* {indicator, scope, items:[{year, value, source}]} oldest first: new reference. */
LT_MUST_CHECK int lt_series_get(lt_db *db, const char *indicator, const char *scope, json_t **out, lt_error *e);
/* What has a series: new array of {indicator, name_vi, name_en, measure, scope, years}. */
LT_MUST_CHECK int lt_series_list(lt_db *db, json_t **out, lt_error *e);

#endif
