/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* series.c — see series.h. */
#include "store/series.h"
#include "store/unit_int.h"

#include <string.h>

/* Is code in the indicator catalogue? 0, or LT_EINVAL naming "indicator". */
static int known(lt_db *db, const char *code, lt_error *e)
{
	lt_stmt *st = NULL;
	int rc = lt_db_prepare(db, "SELECT 1 FROM indicator WHERE code = $1", &st, e);

	if (rc)
		return rc;
	lt_stmt_bind_text(st, 1, code);
	rc = lt_stmt_step(st, e);
	lt_stmt_done(st);
	if (rc == 0)
		return lt_error_set(e, LT_EINVAL, "indicator", "Chỉ tiêu không có trong danh mục: %s",
				    "Not in the indicator catalogue: %s", code ? code : "");
	return rc < 0 ? rc : 0;
}

int lt_series_import(lt_db *db, const lt_series_row *rows, size_t n, int *bad_line, lt_error *e)
{
	lt_stmt *st = NULL;
	int rc = lt_db_begin(db, e);

	*bad_line = 0;
	for (size_t i = 0; i < n && !rc; i++) {
		const lt_series_row *r = &rows[i];
		*bad_line = r->line;
		rc = known(db, r->indicator, e);
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
	rc = lt_db_end(db, rc, e);
	if (!rc)
		*bad_line = 0;
	return rc;
}

/* Room for one more element of size in the arena array v (n used, *cap room). */
int lt_series_points(lt_db *db, const char *indicator, const char *scope, lt_arena *a,
		     lt_series_point **out, size_t *n, lt_error *e)
{
	lt_stmt *st = NULL;
	lt_series_point *v = NULL;
	size_t cap = 0;
	int rc = lt_db_prepare(db,
			       "SELECT year, value, source FROM campaign_series WHERE indicator_code = $1"
			       " AND scope = $2 ORDER BY year",
			       &st, e);

	*out = NULL;
	*n = 0;
	if (rc)
		return rc;
	lt_stmt_bind_text(st, 1, indicator);
	lt_stmt_bind_text(st, 2, scope);
	while ((rc = lt_stmt_step(st, e)) == 1) {
		v = lt_store_grow(a, v, *n, &cap, sizeof(*v));
		if (!v)
			break;
		v[*n].year = (int)lt_stmt_int(st, 0);
		v[*n].value = lt_stmt_double(st, 1);
		v[*n].source = lt_arena_strdup(a, lt_stmt_text(st, 2));
		(*n)++;
	}
	lt_stmt_done(st);
	if (rc < 0)
		return rc;
	if (lt_arena_failed(a))
		return lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	*out = v;
	return 0;
}

int lt_series_infos(lt_db *db, lt_arena *a, lt_series_info **out, size_t *n, lt_error *e)
{
	lt_stmt *st = NULL;
	lt_series_info *v = NULL;
	size_t cap = 0;
	int rc = lt_db_prepare(db,
			       "SELECT s.indicator_code, i.name_vi, i.name_en, i.measure, s.scope,"
			       " count(*), min(s.year), max(s.year) FROM campaign_series s"
			       " JOIN indicator i ON i.code = s.indicator_code"
			       " GROUP BY s.indicator_code, i.name_vi, i.name_en, i.measure, s.scope, i.pos"
			       " ORDER BY i.pos, s.scope",
			       &st, e);

	*out = NULL;
	*n = 0;
	if (rc)
		return rc;
	while ((rc = lt_stmt_step(st, e)) == 1) {
		lt_series_info *x;
		v = lt_store_grow(a, v, *n, &cap, sizeof(*v));
		if (!v)
			break;
		x = &v[(*n)++];
		x->indicator = lt_arena_strdup(a, lt_stmt_text(st, 0));
		x->name_vi = lt_arena_strdup(a, lt_stmt_text(st, 1));
		x->name_en = lt_arena_strdup(a, lt_stmt_text(st, 2));
		x->measure = lt_arena_strdup(a, lt_stmt_text(st, 3));
		x->scope = lt_arena_strdup(a, lt_stmt_text(st, 4));
		x->years = (int)lt_stmt_int(st, 5);
		x->from = (int)lt_stmt_int(st, 6);
		x->to = (int)lt_stmt_int(st, 7);
	}
	lt_stmt_done(st);
	if (rc < 0)
		return rc;
	if (lt_arena_failed(a))
		return lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	*out = v;
	return 0;
}
