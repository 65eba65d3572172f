/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* series.c — past campaigns' figures: import, show, list; see series.h. */
#include "app/series.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render/csv.h"
#include "render/xlsx_read.h"
#include "store/unit.h"

static const char *const cols[] = { "indicator", "year", "scope", "value", "source" };
#define NCOLS 5

static int where(lt_error *e, int row, int col, const char *field)
{
	char letter[8], tmp[LT_ERR_FIELD_MAX];

	lt_table_colname(col, letter);
	snprintf(tmp, sizeof(tmp), "row %d, column %s (%.60s)", row, letter, field);
	if (e)
		snprintf(e->field, sizeof(e->field), "%s", tmp);
	return e ? e->code : LT_EINVAL;
}

/*
 * The path of scope's unit: a unit code, or "VN" for the whole country when
 * no unit has that code (the tree's root is then a province: the country
 * lies above every unit, "/"). LT_EINVAL naming "scope" when it is neither.
 */
static int scope_path(lt_db *db, const char *scope, lt_arena *a, const char **path, lt_error *e)
{
	lt_unit u;
	int rc = lt_unit_get_by_code(db, scope, a, &u, e);

	*path = NULL;
	if (rc == LT_ENOTFOUND && !strcmp(scope, "VN")) {
		*path = "/";
		return 0;
	}
	if (rc == LT_ENOTFOUND)
		return lt_error_set(e, LT_EINVAL, "scope",
				    "Không có đơn vị mã \"%s\" (phạm vi là VN hoặc mã một đơn vị)",
				    "No unit has the code \"%s\" (the scope is VN or a unit code)",
				    scope);
	if (!rc)
		*path = u.path;
	return rc;
}

/*
 * May who write the figures of every row's scope? Its own unit or a unit
 * below it: an officer does not rewrite the figures of the units above or
 * beside it. The first row refused is named in *bad_line (and the message
 * counts them all); nothing is written then.
 */
static int check_scopes(lt_db *db, const lt_actor *who, const lt_series_row *rows, size_t k,
			lt_arena *a, int *bad_line, lt_error *e)
{
	const char *path, *first = NULL;
	size_t refused = 0;
	int rc = 0;

	*bad_line = 0;
	for (size_t i = 0; i < k && !rc; i++) {
		rc = scope_path(db, rows[i].scope, a, &path, e);
		if (rc) {
			*bad_line = rows[i].line;
			break;
		}
		if (lt_actor_reads(who, path))
			continue;
		if (!refused++) {
			*bad_line = rows[i].line;
			first = rows[i].scope;
		}
	}
	if (!rc && refused)
		rc = lt_error_set(e, LT_EFORBIDDEN, "scope",
				  "Chỉ được nhập số liệu của đơn vị mình và các đơn vị cấp dưới:"
				  " phạm vi \"%s\" nằm ngoài; %zu dòng bị từ chối, chưa ghi gì",
				  "You may write the figures of your own unit and the units below it"
				  " only: scope \"%s\" is outside; %zu row(s) refused, nothing written",
				  first, refused);
	return rc;
}

/* Import the first sheet of t as who, all or nothing. */
static int import_table(lt_db *db, const lt_actor *who, const lt_table *t, lt_arena *a, size_t *n,
			lt_error *e)
{
	lt_sheet *s = lt_table_sheet_at(t, 0);
	int at[NCOLS] = { 0 }, bad = 0, rc;
	lt_series_row *rows;
	size_t k = 0;

	*n = 0;
	if (!s || s->nrows < 1)
		return lt_error_set(e, LT_EINVAL, "row 1", "Tệp trống: cần dòng tiêu đề",
				    "Empty file: a header row is required");
	for (int c = 1; c <= lt_sheet_row_len(s, 1); c++)
		for (int i = 0; i < NCOLS; i++)
			if (!strcmp(lt_sheet_cell(s, 1, c)->text, cols[i]))
				at[i] = c;
	for (int i = 0; i < 4; i++)
		if (!at[i])
			return lt_error_set(e, LT_EINVAL, "row 1", "Thiếu cột \"%s\"",
					    "Missing column \"%s\"", cols[i]);
	rows = lt_arena_alloc(a, (size_t)s->nrows * sizeof(*rows));
	if (!rows)
		return lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	for (int r = 2; r <= s->nrows; r++) {
		const lt_cell *y = lt_sheet_cell(s, r, at[1]), *v = lt_sheet_cell(s, r, at[3]);
		char *end;
		lt_series_row *x = &rows[k];
		if (!lt_sheet_cell(s, r, at[0])->len && !y->len && !v->len)
			continue; /* blank row */
		x->line = r;
		x->indicator = lt_sheet_cell(s, r, at[0])->text;
		x->scope = lt_sheet_cell(s, r, at[2])->text;
		x->source = at[4] ? lt_sheet_cell(s, r, at[4])->text : NULL;
		x->year = (int)strtol(y->text, &end, 10);
		if (!y->len || *end) {
			lt_error_set(e, LT_EINVAL, "year", "Năm phải là số: \"%s\"",
				     "The year must be a number: \"%s\"", y->text);
			return where(e, r, at[1], "year");
		}
		x->value = strtod(v->text, &end);
		if (!v->len || *end) {
			lt_error_set(e, LT_EINVAL, "value", "Giá trị phải là số (không dấu chấm ngăn cách): \"%s\"",
				     "The value must be a plain number: \"%s\"", v->text);
			return where(e, r, at[3], "value");
		}
		if (x->year < 1990 || x->year > 2100) {
			lt_error_set(e, LT_EINVAL, "year", "Năm không hợp lệ: %d", "Invalid year: %d", x->year);
			return where(e, r, at[1], "year");
		}
		if (!*x->scope) {
			lt_error_set(e, LT_EINVAL, "scope", "Thiếu phạm vi (VN hoặc mã đơn vị)",
				     "Missing scope (VN or a unit code)");
			return where(e, r, at[2], "scope");
		}
		k++;
	}
	rc = lt_db_begin(db, e);
	if (rc)
		return rc;
	rc = check_scopes(db, who, rows, k, a, &bad, e);
	if (!rc)
		rc = lt_series_import(db, rows, k, &bad, e);
	rc = lt_db_end(db, rc, e);
	if (rc && bad) {
		int c = 1;
		for (int i = 0; i < NCOLS; i++)
			if (e && !strcmp(e->field, cols[i]) && at[i])
				c = at[i];
		return where(e, bad, c, e ? e->field : "?");
	}
	if (rc)
		return rc;
	*n = k;
	return 0;
}

int lt_series_import_table(lt_db *db, const lt_table *t, lt_arena *a, size_t *n, lt_error *e)
{
	lt_actor console;

	lt_actor_operator(&console);
	return import_table(db, &console, t, a, n, e);
}

int lt_app_series_import(lt_db *db, const lt_actor *who, const char *data, size_t len, size_t *n,
			 lt_error *e)
{
	lt_table *t = NULL;
	lt_arena a;
	int rc = lt_actor_need_role(who, LT_ROLE_OFFICER, e);

	*n = 0;
	if (rc)
		return rc;
	if (!len)
		return lt_error_set(e, LT_EINVAL, "body", "Hãy gửi tệp CSV hoặc XLSX",
				    "Send a CSV or XLSX file");
	lt_arena_init(&a);
	rc = len > 2 && !memcmp(data, "PK", 2) ? lt_xlsx_read(data, len, NULL, &t, e)
					       : lt_csv_read(data, len, NULL, &t, e);
	if (!rc)
		rc = import_table(db, who, t, &a, n, e);
	lt_table_free(t);
	lt_arena_free(&a);
	return rc;
}

int lt_app_series_get(lt_db *db, const lt_actor *who, const char *indicator, const char *scope,
		      lt_arena *a, lt_series_point **out, size_t *n, lt_error *e)
{
	int rc = lt_actor_need_role(who, LT_ROLE_CADRE, e);

	*out = NULL;
	*n = 0;
	if (!rc && (!indicator || !*indicator))
		rc = lt_error_set(e, LT_EINVAL, "indicator", "Cần mã chỉ tiêu", "An indicator code is required");
	return rc ? rc : lt_series_points(db, indicator, scope ? scope : "VN", a, out, n, e);
}

int lt_app_series_list(lt_db *db, const lt_actor *who, lt_arena *a, lt_series_info **out,
		       size_t *n, lt_error *e)
{
	int rc = lt_actor_need_role(who, LT_ROLE_CADRE, e);

	*out = NULL;
	*n = 0;
	return rc ? rc : lt_series_infos(db, a, out, n, e);
}

json_t *lt_app_series_json(const char *indicator, const char *scope, const lt_series_point *p,
			   size_t n)
{
	json_t *items = json_array();

	for (size_t i = 0; items && i < n; i++)
		json_array_append_new(items, json_pack("{s:i,s:f,s:s?}", "year", p[i].year, "value",
						       p[i].value, "source", p[i].source));
	return json_pack("{s:s,s:s,s:o}", "indicator", indicator, "scope", scope ? scope : "VN",
			 "items", items);
}

json_t *lt_app_series_list_json(const lt_series_info *s, size_t n)
{
	json_t *arr = json_array();

	for (size_t i = 0; arr && i < n; i++)
		json_array_append_new(arr, json_pack("{s:s,s:s,s:s,s:s,s:s,s:i,s:i,s:i}", "indicator",
						     s[i].indicator, "name_vi", s[i].name_vi, "name_en",
						     s[i].name_en, "measure", s[i].measure, "scope",
						     s[i].scope, "years", s[i].years, "from", s[i].from,
						     "to", s[i].to));
	return arr;
}
