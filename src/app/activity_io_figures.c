/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * activity_io_figures.c — care figures as a spreadsheet (one row per unit
 * and indicator): import rows, the export table, the template. The shared
 * cell readers are in activity_io.c. See activity_io.h.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/activity_access.h"
#include "app/activity_io_int.h"
#include "app/figure.h"
#include "render/xlsx_write.h"
#include "text/fold.h"

/* ---------- figures ---------- */


enum { FC_UNIT, FC_CODE, FC_VALUE, FC_NOTE, FC_UNIT_NAME, FC_MEASURE, FC_N };

static const lt_io_col figure_cols[FC_N] = {
	{ "unit_code", "Mã đơn vị", "Unit code", false },
	{ "indicator", "Chỉ tiêu", "Indicator", true },
	{ "value", "Giá trị", "Value", true },
	{ "note", "Ghi chú", "Note", false },
	{ "unit_name", "Tên đơn vị", "Unit name", false },
	{ "measure", "Đơn vị tính", "Measure", false },
};

/* "gift_vnd — Giá trị quà tặng" as the drop-down and the export show an indicator. */
static char *choice_of(lt_arena *a, const lt_indicator_info *x)
{
	return lt_arena_printf(a, "%s — %s", x->def.code, x->name_vi);
}

/* Indicator of a cell: its code, "code — name", or its Vietnamese name. */
static const lt_indicator_info *indicator_of(const lt_indicator_info *set, size_t n,
					     const char *text)
{
	size_t k = strcspn(text, " ");
	char *f;
	const lt_indicator_info *found = NULL;

	for (size_t i = 0; i < n; i++)
		if (strlen(set[i].def.code) == k && !strncmp(set[i].def.code, text, k))
			return &set[i];
	f = lt_text_fold(text, strlen(text));
	for (size_t i = 0; f && !found && i < n; i++) {
		char *g = lt_text_fold(set[i].name_vi, strlen(set[i].name_vi));
		if (g && !strcmp(f, g))
			found = &set[i];
		free(g);
	}
	free(f);
	return found;
}

int lt_io_figures(lt_db *db, const lt_actor *who, int64_t directive_id, const lt_table *t,
		  int64_t unit_id, lt_arena *a, lt_figure_in **rows, size_t *n, lt_import_report *rep,
		  lt_error *e)
{
	lt_sheet *s = NULL;
	const char *fixed = NULL;
	lt_indicator_info *set = NULL;
	size_t nset = 0, k = 0;
	int col_of[FC_N];
	int rc;

	*rows = NULL;
	*n = 0;
	rc = lt_io_start(db, t, LT_IO_FIGURES_SHEET, figure_cols, FC_N, "danh sách chỉ tiêu", FC_UNIT,
			 unit_id, a, &s, col_of, &fixed, rep, e);
	if (rc == LT_EINVAL && rep->total)
		goto done;
	if (!rc)
		rc = lt_indicator_set_of(db, directive_id, a, &set, &nset, e);
	if (rc)
		return rc;
	*rows = lt_arena_alloc(a, (size_t)(s->nrows + 1) * sizeof(**rows));
	if (!*rows)
		return lt_app_act_nomem(e);
	for (int r = 2; r <= s->nrows; r++) {
		lt_figure_in *x = &(*rows)[k];
		const lt_indicator_info *info = NULL;
		const char *v;

		/* A template row with only the unit code, or only the indicator picked, is empty. */
		if (lt_io_blank(s, r, col_of, FC_N, FC_UNIT) ||
		    (col_of[FC_VALUE] && !lt_io_cell(s, r, col_of[FC_VALUE])->len &&
		     !(col_of[FC_NOTE] && lt_io_cell(s, r, col_of[FC_NOTE])->len)))
			continue;
		memset(x, 0, sizeof(*x));
		x->line = r;
		lt_io_row_unit(db, who, a, s, r, col_of[FC_UNIT], unit_id, fixed, NULL, &x->unit_id,
			       rep);
		v = lt_io_text(a, lt_io_cell(s, r, col_of[FC_CODE]));
		if (v)
			info = indicator_of(set, nset, v);
		if (!info) {
			lt_io_err(rep, s, r, col_of[FC_CODE], "indicator",
				  "Công văn này không yêu cầu chỉ tiêu \"%s\"",
				  "This directive does not ask for indicator \"%s\"", v ? v : "");
		} else {
			lt_error ve;
			x->code = info->def.code;
			if (!lt_io_number(lt_io_cell(s, r, col_of[FC_VALUE]), &x->value))
				lt_io_err(rep, s, r, col_of[FC_VALUE], "value",
					  "\"%s\" không phải là số", "\"%s\" is not a number",
					  lt_io_cell(s, r, col_of[FC_VALUE])->text);
			else if (lt_indicator_check(&info->def, x->value, &ve))
				lt_io_err(rep, s, r, col_of[FC_VALUE], "value", "%s", "%s", ve.vi);
		}
		x->note = col_of[FC_NOTE] ? lt_io_text(a, lt_io_cell(s, r, col_of[FC_NOTE])) : NULL;
		if (x->note && strlen(x->note) > 1000)
			lt_io_err(rep, s, r, col_of[FC_NOTE], "note", "Ghi chú dài quá 1000 byte",
				  "The note is longer than 1000 bytes");
		k++;
	}
done:
	return lt_io_rows_end(s, k, n, rep, e);
}

/* The export's rows: only unit_id's (0: every unit's), into one table or written out as CSV. */
typedef struct figure_rows {
	int64_t unit_id;
	lt_io_rows rows;
} figure_rows;

/* A row per value of the stretch's units into s. */
static void add_rows(lt_sheet *s, const lt_app_summary *part, int64_t unit_id, lt_arena *a)
{
	for (size_t i = 0; i < part->nunits; i++) {
		const lt_app_summary_unit *u = &part->units[i];
		if (unit_id && u->unit.id != unit_id)
			continue;
		for (size_t j = 0; j < part->nset; j++) {
			int r = s->nrows + 1;
			if (!u->v[j].set)
				continue;
			lt_io_set_text(s, r, FC_UNIT + 1, u->unit.code);
			lt_io_set_text(s, r, FC_CODE + 1, choice_of(a, &part->set[j]));
			lt_ignore(lt_sheet_set_number(s, r, FC_VALUE + 1, u->v[j].value,
						      strcmp(part->set[j].def.measure, "vnd")
							      ? LT_NUMFMT_GENERAL
							      : LT_NUMFMT_MONEY));
			lt_io_set_text(s, r, FC_UNIT_NAME + 1, u->unit.name);
			lt_io_set_text(s, r, FC_MEASURE + 1, part->set[j].def.measure);
		}
	}
}

/* A stretch's rows, then written out when a piece is full (CSV). */
static int take_stretch(const lt_app_summary *part, void *ctx, lt_error *e)
{
	figure_rows *x = ctx;
	lt_arena a;

	lt_arena_init(&a);
	add_rows(x->rows.s, part, x->unit_id, &a);
	lt_arena_free(&a);
	return lt_io_rows_added(&x->rows, e);
}

/*
 * A sheet holds 1,048,575 data rows: a subtree with more values (the whole
 * country has 1.8 million) is refused before anything is written, which
 * took 12 s and 1.9 GB only to fail at the last row.
 */
static int fits_a_sheet(lt_db *db, const lt_actor *who, int64_t directive_id, lt_error *e)
{
	int64_t n = 0;
	int rc = lt_app_figures_count(db, who, directive_id, 0, &n, e);

	if (!rc && n > LT_IO_XLSX_ROWS)
		rc = lt_error_set(e, LT_ETOOBIG, "format",
				  "%" PRId64 " số liệu, quá số dòng một trang XLSX chứa (%d): hãy"
				  " xuất CSV, hoặc từng đơn vị cấp dưới",
				  "%" PRId64 " values, more rows than an XLSX sheet holds (%d):"
				  " export CSV, or each unit below",
				  n, LT_IO_XLSX_ROWS);
	return rc;
}

int lt_io_figures_table(lt_db *db, const lt_actor *who, int64_t directive_id, int64_t unit_id,
			lt_table **out, lt_error *e)
{
	figure_rows x = { .unit_id = unit_id };
	int rc = unit_id ? 0 : fits_a_sheet(db, who, directive_id, e);

	*out = NULL;
	if (rc)
		return rc;
	/* The summary of unit_id's subtree (the actor's when 0), then unit_id's own rows. */
	rc = lt_io_rows_begin(&x.rows, LT_IO_FIGURES_SHEET, figure_cols, FC_N, NULL, NULL, false, e);
	if (!rc)
		rc = lt_app_figures_each(db, who, directive_id, unit_id, take_stretch, &x, e);
	return lt_io_rows_finish(&x.rows, rc, out, e);
}

int lt_io_figures_stream(lt_db *db, const lt_actor *who, int64_t directive_id, int64_t unit_id,
			 bool xlsx, lt_io_sink sink, void *ctx, lt_error *e)
{
	figure_rows x = { .unit_id = unit_id };
	int rc = xlsx && !unit_id ? fits_a_sheet(db, who, directive_id, e) : 0;

	if (!rc)
		rc = lt_io_rows_begin(&x.rows, LT_IO_FIGURES_SHEET, figure_cols, FC_N, sink, ctx,
				      xlsx, e);
	if (rc)
		return rc;
	rc = lt_app_figures_each(db, who, directive_id, unit_id, take_stretch, &x, e);
	return lt_io_rows_finish(&x.rows, rc, NULL, e);
}

int lt_io_figures_template(lt_db *db, const lt_actor *who, int64_t directive_id, int64_t unit_id,
			   lt_buf *out, lt_error *e)
{
	static const char *const help[] = {
		"Mỗi dòng là một chỉ tiêu của một đơn vị: chọn chỉ tiêu trong danh sách, ghi giá trị.",
		"Tiền ghi bằng đồng, không dấu chấm lẻ (1.500.000 hoặc 1500000); người, vé, chuyến… là số nguyên.",
		"Dòng để trống giá trị thì bỏ qua; nhập lại một chỉ tiêu thì giá trị mới thay giá trị cũ (có lưu lịch sử).",
		"Nhập là tất cả hoặc không: một ô sai thì không dòng nào được nhập, lỗi ghi rõ dòng và cột.",
	};
	lt_arena a;
	lt_indicator_info *set = NULL;
	size_t nset = 0;
	const char **choices;
	lt_xlsx_col cols[FC_NOTE + 1];
	int rc;

	lt_arena_init(&a);
	memset(cols, 0, sizeof(cols));
	rc = lt_indicator_set_of(db, directive_id, &a, &set, &nset, e);
	if (!rc)
		rc = lt_io_template_unit_col(db, who, unit_id, &a, &cols[FC_UNIT], e);
	if (rc)
		goto out;
	choices = lt_arena_alloc(&a, (nset + 1) * sizeof(*choices));
	for (size_t i = 0; choices && i < nset; i++)
		choices[i] = choice_of(&a, &set[i]);
	if (lt_arena_failed(&a)) {
		rc = lt_app_act_nomem(e);
		goto out;
	}
	cols[FC_CODE].choices = choices;
	cols[FC_CODE].nchoices = (int)nset;
	cols[FC_CODE].width = 50;
	cols[FC_VALUE].kind = LT_XLSX_MONEY;
	cols[FC_NOTE].width = 40;
	/* One row per indicator for one unit; room for many units' rows otherwise. */
	rc = lt_io_template_write(LT_IO_FIGURES_SHEET, figure_cols, cols, FC_NOTE + 1,
				  unit_id ? (int)(nset ? nset : 1) : 1000, help,
				  (int)(sizeof(help) / sizeof(help[0])), out, e);
out:
	lt_arena_free(&a);
	return rc;
}

