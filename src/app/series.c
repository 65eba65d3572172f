/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* series.c — importing past campaigns' figures; see series.h. */
#include "app/series.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

int lt_series_import_table(lt_db *db, const lt_table *t, lt_arena *a, size_t *n, lt_error *e)
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
		k++;
	}
	rc = lt_series_import(db, rows, k, &bad, e);
	if (rc) {
		int c = 1;
		for (int i = 0; i < NCOLS; i++)
			if (e && !strcmp(e->field, cols[i]) && at[i])
				c = at[i];
		return where(e, bad, c, e ? e->field : "?");
	}
	*n = k;
	return 0;
}
