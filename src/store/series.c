/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* series.c — see series.h. */
#include "store/series.h"

#include <stdio.h>
#include <string.h>

int lt_series_import(lt_db *db, const lt_series_row *rows, size_t n, int *bad_line, lt_error *e)
{
	lt_stmt *st = NULL;
	int rc = lt_db_begin(db, e);

	*bad_line = 0;
	if (rc)
		return rc;
	for (size_t i = 0; i < n && !rc; i++) {
		const lt_series_row *r = &rows[i];
		*bad_line = r->line;
		if (r->year < 1990 || r->year > 2100) {
			rc = lt_error_set(e, LT_EINVAL, "year", "Năm không hợp lệ: %d",
					  "Invalid year: %d", r->year);
			break;
		}
		if (!r->scope || !*r->scope) {
			rc = lt_error_set(e, LT_EINVAL, "scope", "Thiếu phạm vi (VN hoặc mã đơn vị)",
					  "Missing scope (VN or a unit code)");
			break;
		}
		rc = lt_db_prepare(db, "SELECT 1 FROM indicator WHERE code = $1", &st, e);
		if (!rc) {
			lt_stmt_bind_text(st, 1, r->indicator);
			rc = lt_stmt_step(st, e);
			lt_stmt_done(st);
			if (rc == 0)
				rc = lt_error_set(e, LT_EINVAL, "indicator", "Chỉ tiêu không có trong danh mục: %s",
						  "Not in the indicator catalogue: %s",
						  r->indicator ? r->indicator : "");
			else if (rc == 1)
				rc = 0;
		}
		if (!rc)
			rc = lt_db_prepare(db,
					   "INSERT INTO campaign_series(indicator_code, year, scope, value, source)"
					   " VALUES ($1, $2, $3, $4, $5) ON CONFLICT (indicator_code, year, scope)"
					   " DO UPDATE SET value = excluded.value, source = excluded.source",
					   &st, e);
		if (!rc) {
			lt_stmt_bind_text(st, 1, r->indicator);
			lt_stmt_bind_int(st, 2, r->year);
			lt_stmt_bind_text(st, 3, r->scope);
			lt_stmt_bind_double(st, 4, r->value);
			lt_stmt_bind_text(st, 5, r->source);
			rc = lt_stmt_run(st, e);
		}
	}
	if (rc) {
		lt_db_rollback(db);
		return rc;
	}
	*bad_line = 0;
	return lt_db_commit(db, e);
}

int lt_series_get(lt_db *db, const char *indicator, const char *scope, json_t **out, lt_error *e)
{
	lt_stmt *st = NULL;
	json_t *items = json_array();
	int rc = lt_db_prepare(db,
			       "SELECT year, value, source FROM campaign_series WHERE indicator_code = $1"
			       " AND scope = $2 ORDER BY year",
			       &st, e);

	*out = NULL;
	if (rc) {
		json_decref(items);
		return rc;
	}
	lt_stmt_bind_text(st, 1, indicator);
	lt_stmt_bind_text(st, 2, scope ? scope : "VN");
	while ((rc = lt_stmt_step(st, e)) == 1)
		json_array_append_new(items, json_pack("{s:I,s:f,s:s?}", "year",
						       (json_int_t)lt_stmt_int(st, 0), "value",
						       lt_stmt_double(st, 1), "source", lt_stmt_text(st, 2)));
	lt_stmt_done(st);
	if (rc < 0) {
		json_decref(items);
		return rc;
	}
	*out = json_pack("{s:s,s:s,s:o}", "indicator", indicator, "scope", scope ? scope : "VN",
			 "items", items);
	return 0;
}

int lt_series_list(lt_db *db, json_t **out, lt_error *e)
{
	lt_stmt *st = NULL;
	json_t *arr = json_array();
	int rc = lt_db_prepare(db,
			       "SELECT s.indicator_code, i.name_vi, i.name_en, i.measure, s.scope,"
			       " count(*), min(s.year), max(s.year) FROM campaign_series s"
			       " JOIN indicator i ON i.code = s.indicator_code"
			       " GROUP BY s.indicator_code, i.name_vi, i.name_en, i.measure, s.scope, i.pos"
			       " ORDER BY i.pos, s.scope",
			       &st, e);

	*out = NULL;
	if (rc) {
		json_decref(arr);
		return rc;
	}
	while ((rc = lt_stmt_step(st, e)) == 1)
		json_array_append_new(arr, json_pack("{s:s,s:s,s:s,s:s,s:s,s:I,s:I,s:I}", "indicator",
						     lt_stmt_text(st, 0), "name_vi", lt_stmt_text(st, 1),
						     "name_en", lt_stmt_text(st, 2), "measure",
						     lt_stmt_text(st, 3), "scope", lt_stmt_text(st, 4),
						     "years", (json_int_t)lt_stmt_int(st, 5), "from",
						     (json_int_t)lt_stmt_int(st, 6), "to",
						     (json_int_t)lt_stmt_int(st, 7)));
	lt_stmt_done(st);
	if (rc < 0) {
		json_decref(arr);
		return rc;
	}
	*out = arr;
	return 0;
}
