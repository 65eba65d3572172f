/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * activity_io_figures.c — spreadsheets for care figures (one row per unit and
 * indicator) and contest entries: import rows, export tables, templates.
 * The shared cell readers are in activity_io.c. See activity_io.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/tree.h"
#include "app/activity_io.h"
#include "net/url.h"
#include "render/xlsx_write.h"
#include "store/unit.h"
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

int lt_activity_io_figures(lt_db *db, int64_t directive_id, const lt_table *t, int64_t unit_id,
			   const char *within, lt_arena *a, lt_figure_in **rows, size_t *n,
			   lt_import_report *rep, lt_error *e)
{
	lt_sheet *s = NULL;
	lt_unit fixed;
	lt_indicator_info *set = NULL;
	size_t nset = 0, k = 0;
	int col_of[FC_N];
	int rc;

	*rows = NULL;
	*n = 0;
	memset(&fixed, 0, sizeof(fixed)); /* its code is read only with unit_id */
	rc = lt_io_header(t, LT_IO_FIGURES_SHEET, figure_cols, FC_N, "danh sách chỉ tiêu",
			  "a list of figures", &s, col_of, rep, e);
	if (rc && !s)
		return rc;
	if (!unit_id && !col_of[FC_UNIT])
		lt_io_err(rep, s, 1, 0, "unit_code", "Thiếu cột bắt buộc \"%s\"",
			  "Missing required column \"%s\"", figure_cols[FC_UNIT].vi);
	if (rep->total)
		goto done;
	rc = lt_indicator_set_of(db, directive_id, a, &set, &nset, e);
	if (!rc && unit_id)
		rc = lt_unit_get(db, unit_id, a, &fixed, e);
	if (rc)
		return rc;
	*rows = lt_arena_alloc(a, (size_t)(s->nrows + 1) * sizeof(**rows));
	if (!*rows)
		return lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	for (int r = 2; r <= s->nrows; r++) {
		lt_figure_in *x = &(*rows)[k];
		const lt_indicator_info *info = NULL;
		const char *v;
		size_t before = rep->total;

		/* A template row with only the unit code, or only the indicator picked, is empty. */
		if (lt_io_blank(s, r, col_of, FC_N, FC_UNIT) ||
		    (col_of[FC_VALUE] && !lt_io_cell(s, r, col_of[FC_VALUE])->len &&
		     !(col_of[FC_NOTE] && lt_io_cell(s, r, col_of[FC_NOTE])->len)))
			continue;
		memset(x, 0, sizeof(*x));
		x->line = r;
		lt_io_row_unit(db, a, s, r, col_of[FC_UNIT], unit_id, fixed.code, within, NULL,
			       &x->unit_id, rep);
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
			if (lt_io_number(lt_io_cell(s, r, col_of[FC_VALUE]), &x->value))
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
		(void)before;
		k++;
	}
done:
	return lt_io_rows_end(s, k, n, rep, e);
}

static void set_str(lt_sheet *s, int r, int c, const char *v)
{
	if (v)
		lt_ignore(lt_sheet_set_text(s, r, c, v, strlen(v)));
}

static void header_row(lt_sheet *s, const lt_io_col *cols, size_t n)
{
	for (size_t k = 0; k < n; k++)
		lt_ignore(lt_sheet_set_text(s, 1, (int)k + 1, cols[k].vi, strlen(cols[k].vi)));
}

int lt_activity_io_figures_table(lt_db *db, int64_t directive_id, int64_t unit_id,
				 const char *within, lt_table **out, lt_error *e)
{
	lt_arena a;
	lt_indicator_info *set = NULL;
	size_t nset = 0, i;
	json_t *sum = NULL, *u;
	lt_table *t = NULL;
	lt_sheet *s;
	int rc;

	*out = NULL;
	lt_arena_init(&a);
	rc = lt_indicator_set_of(db, directive_id, &a, &set, &nset, e);
	if (!rc)
		rc = lt_figures_summary(db, directive_id, within, &sum, e);
	if (rc)
		goto out;
	if (lt_table_new(&t) || !(s = lt_table_add_sheet(t, LT_IO_FIGURES_SHEET))) {
		rc = lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
		goto out;
	}
	header_row(s, figure_cols, FC_N);
	json_array_foreach(json_object_get(sum, "units"), i, u) {
		json_t *unit = json_object_get(u, "unit"), *vals = json_object_get(u, "values");
		if (unit_id && json_integer_value(json_object_get(unit, "id")) != unit_id)
			continue;
		for (size_t j = 0; j < nset; j++) {
			json_t *v = json_object_get(vals, set[j].def.code);
			int r = s->nrows + 1;
			if (!v)
				continue;
			set_str(s, r, FC_UNIT + 1, json_string_value(json_object_get(unit, "code")));
			set_str(s, r, FC_CODE + 1, choice_of(&a, &set[j]));
			lt_ignore(lt_sheet_set_number(s, r, FC_VALUE + 1, json_number_value(v),
					    strcmp(set[j].def.measure, "vnd") ? LT_NUMFMT_GENERAL
									      : LT_NUMFMT_MONEY));
			set_str(s, r, FC_UNIT_NAME + 1, json_string_value(json_object_get(unit, "name")));
			set_str(s, r, FC_MEASURE + 1, set[j].def.measure);
		}
	}
	rc = lt_table_error(t); /* the cells above ignore theirs: the table keeps the first */
	if (rc) {
		rc = lt_error_set(e, rc, NULL, "Không tạo được bảng", "Cannot build the table");
		goto out;
	}
	*out = t;
	t = NULL;
out:
	json_decref(sum);
	lt_table_free(t);
	lt_arena_free(&a);
	return rc;
}

int lt_activity_io_figures_template(lt_db *db, int64_t directive_id, int64_t unit_id,
				    const char *within, lt_buf *out, lt_error *e)
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
	lt_xlsx_template tpl = { 0 };
	int rc;

	lt_arena_init(&a);
	memset(cols, 0, sizeof(cols));
	rc = lt_indicator_set_of(db, directive_id, &a, &set, &nset, e);
	if (!rc)
		rc = lt_io_template_unit_col(db, unit_id, within, &a, &cols[FC_UNIT], e);
	if (rc)
		goto out;
	choices = lt_arena_alloc(&a, (nset + 1) * sizeof(*choices));
	for (size_t i = 0; i < nset; i++)
		choices[i] = choice_of(&a, &set[i]);
	for (int k = 0; k <= FC_NOTE; k++)
		cols[k].header = figure_cols[k].vi;
	cols[FC_CODE].choices = choices;
	cols[FC_CODE].nchoices = (int)nset;
	cols[FC_CODE].width = 50;
	cols[FC_VALUE].kind = LT_XLSX_MONEY;
	cols[FC_NOTE].width = 40;
	tpl.sheet = LT_IO_FIGURES_SHEET;
	tpl.cols = cols;
	tpl.ncols = FC_NOTE + 1;
	tpl.nrows = unit_id ? (int)(nset ? nset : 1) : 1000;
	tpl.instructions_sheet = "Hướng dẫn";
	tpl.instructions = help;
	tpl.ninstructions = (int)(sizeof(help) / sizeof(help[0]));
	rc = lt_xlsx_template_write_buf(&tpl, out, e);
out:
	lt_arena_free(&a);
	return rc;
}

/* ---------- contest entries ---------- */

enum { EC_UNIT, EC_MEMBER, EC_CATEGORY, EC_PLATFORM, EC_URL, EC_HASHTAG, EC_POSTED, EC_VIEWS,
       EC_UNIT_NAME, EC_N };

const lt_io_col lt_io_entry_cols[EC_N] = {
	{ "unit_code", "Mã đơn vị", "Unit code", false },
	{ "member_name", "Họ tên đoàn viên", "Member name", true },
	{ "category", "Thể loại", "Category", true },
	{ "platform", "Nền tảng", "Platform", false },
	{ "url", "Đường dẫn", "Link", true },
	{ "hashtag", "Hashtag", "Hashtag", false },
	{ "posted_on", "Ngày đăng", "Date posted", true },
	{ "views", "Lượt xem", "Views", false },
	{ "unit_name", "Tên đơn vị", "Unit name", false },
};
const size_t lt_io_entry_ncols = EC_N;

static const char *category_of(const char *text)
{
	char *f = lt_text_fold(text, strlen(text));
	const char *c = NULL;

	if (f && (!strcmp(f, "writing") || !strcmp(f, "bai viet") || !strcmp(f, "viet")))
		c = "writing";
	else if (f && (!strcmp(f, "video") || !strcmp(f, "clip") || !strcmp(f, "video clip")))
		c = "video";
	free(f);
	return c;
}

static const char *platform_of(const char *text)
{
	char *f = lt_text_fold(text, strlen(text));
	const char *c = NULL;

	if (f && (!strcmp(f, "facebook") || !strcmp(f, "fb")))
		c = "facebook";
	else if (f && !strcmp(f, "tiktok"))
		c = "tiktok";
	else if (f && (!strcmp(f, "other") || !strcmp(f, "khac")))
		c = "other";
	free(f);
	return c;
}

int lt_activity_io_entries(lt_db *db, const lt_table *t, int64_t unit_id, const char *within,
			   lt_arena *a, lt_contest_entry_in **rows, size_t *n,
			   lt_import_report *rep, lt_error *e)
{
	lt_sheet *s = NULL;
	lt_unit fixed;
	size_t k = 0;
	int col_of[EC_N];
	int rc;

	*rows = NULL;
	*n = 0;
	memset(&fixed, 0, sizeof(fixed)); /* its code is read only with unit_id */
	rc = lt_io_header(t, LT_IO_ENTRIES_SHEET, lt_io_entry_cols, EC_N,
			  "danh sách bài dự thi", "a list of contest entries", &s, col_of, rep, e);
	if (rc && !s)
		return rc;
	if (!unit_id && !col_of[EC_UNIT])
		lt_io_err(rep, s, 1, 0, "unit_code", "Thiếu cột bắt buộc \"%s\"",
			  "Missing required column \"%s\"", lt_io_entry_cols[EC_UNIT].vi);
	if (rep->total)
		goto done;
	if (unit_id) {
		rc = lt_unit_get(db, unit_id, a, &fixed, e);
		if (rc)
			return rc;
	}
	*rows = lt_arena_alloc(a, (size_t)(s->nrows + 1) * sizeof(**rows));
	if (!*rows)
		return lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	for (int r = 2; r <= s->nrows; r++) {
		lt_contest_entry_in *x = &(*rows)[k];
		const char *v;
		char d[11];
		int64_t views;
		size_t before = rep->total;

		if (lt_io_blank(s, r, col_of, EC_N, EC_UNIT))
			continue;
		memset(x, 0, sizeof(*x));
		x->line = r;
		x->views = -1;
		lt_io_row_unit(db, a, s, r, col_of[EC_UNIT], unit_id, fixed.code, within, NULL,
			       &x->unit_id, rep);
		x->member_name = lt_io_text(a, lt_io_cell(s, r, col_of[EC_MEMBER]));
		if (!x->member_name)
			lt_io_err(rep, s, r, col_of[EC_MEMBER], "member_name", "Thiếu họ tên",
				  "The member's name is missing");
		v = lt_io_text(a, lt_io_cell(s, r, col_of[EC_CATEGORY]));
		x->category = v ? category_of(v) : NULL;
		if (!x->category)
			lt_io_err(rep, s, r, col_of[EC_CATEGORY], "category",
				  "Thể loại phải là \"bài viết\" (writing) hoặc \"video\"",
				  "Category must be writing or video");
		v = lt_io_text(a, lt_io_cell(s, r, col_of[EC_URL]));
		if (!v) {
			lt_io_err(rep, s, r, col_of[EC_URL], "url", "Thiếu đường dẫn",
				  "The link is missing");
		} else {
			char *canon = NULL;
			lt_channel ch;
			lt_error ue;
			if (lt_url_canonical(v, &canon, &ch, &ue)) {
				lt_io_err(rep, s, r, col_of[EC_URL], "url", "%s%.0s", "%.0s%s", ue.vi, ue.en);
			} else {
				x->url = v;
				x->url_canonical = lt_arena_strdup(a, canon);
				x->platform = ch == LT_CHANNEL_FACEBOOK ? "facebook"
					      : ch == LT_CHANNEL_TIKTOK ? "tiktok"
									: "other";
			}
			free(canon);
		}
		v = col_of[EC_PLATFORM] ? lt_io_text(a, lt_io_cell(s, r, col_of[EC_PLATFORM])) : NULL;
		if (v) {
			x->platform = platform_of(v);
			if (!x->platform)
				lt_io_err(rep, s, r, col_of[EC_PLATFORM], "platform",
					  "Nền tảng phải là facebook, tiktok hoặc khác",
					  "Platform must be facebook, tiktok or other");
		}
		x->hashtag = col_of[EC_HASHTAG] ? lt_io_text(a, lt_io_cell(s, r, col_of[EC_HASHTAG]))
						: NULL;
		if (lt_io_date(lt_io_cell(s, r, col_of[EC_POSTED]), d))
			lt_io_err(rep, s, r, col_of[EC_POSTED], "posted_on",
				  "Ngày không hợp lệ \"%s\" (dd/mm/yyyy)",
				  "Invalid date \"%s\" (dd/mm/yyyy)",
				  lt_io_cell(s, r, col_of[EC_POSTED])->text);
		else
			x->posted_on = lt_arena_strdup(a, d);
		if (col_of[EC_VIEWS] && lt_io_cell(s, r, col_of[EC_VIEWS])->len) {
			if (lt_io_count(lt_io_cell(s, r, col_of[EC_VIEWS]), &views))
				lt_io_err(rep, s, r, col_of[EC_VIEWS], "views",
					  "\"%s\" không phải số nguyên không âm",
					  "\"%s\" is not a non-negative whole number",
					  lt_io_cell(s, r, col_of[EC_VIEWS])->text);
			else
				x->views = views;
		}
		if (rep->total == before) {
			lt_error ve;
			if (lt_contest_entry_validate(x, &ve))
				lt_io_err(rep, s, r, 0, ve.field, "%s", "%s", ve.vi);
		}
		/* The same link twice in one file is a duplicate too. */
		for (size_t j = 0; x->url_canonical && j < k; j++)
			if ((*rows)[j].url_canonical && !strcmp((*rows)[j].url_canonical, x->url_canonical))
				lt_io_err(rep, s, r, col_of[EC_URL], "url",
					  "Đường dẫn trùng với dòng %d", "Same link as row %d",
					  (*rows)[j].line);
		k++;
	}
done:
	return lt_io_rows_end(s, k, n, rep, e);
}

int lt_activity_io_entries_table(lt_db *db, int64_t contest_id, int64_t unit_id,
				 const char *within, lt_table **out, lt_error *e)
{
	json_t *items = NULL, *counts = NULL, *x;
	lt_table *t = NULL;
	lt_sheet *s;
	size_t i;
	int rc;

	*out = NULL;
	rc = lt_contest_entries(db, contest_id, within, unit_id, NULL, NULL, &items, &counts, e);
	if (rc)
		return rc;
	if (lt_table_new(&t) || !(s = lt_table_add_sheet(t, LT_IO_ENTRIES_SHEET))) {
		rc = lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
		goto out;
	}
	header_row(s, lt_io_entry_cols, EC_N);
	for (i = json_array_size(items); i-- > 0;) {
		int r = s->nrows + 1;
		json_t *unit;
		x = json_array_get(items, i);
		unit = json_object_get(x, "unit");
		set_str(s, r, EC_UNIT + 1, json_string_value(json_object_get(unit, "code")));
		set_str(s, r, EC_MEMBER + 1, json_string_value(json_object_get(x, "member_name")));
		set_str(s, r, EC_CATEGORY + 1, json_string_value(json_object_get(x, "category")));
		set_str(s, r, EC_PLATFORM + 1, json_string_value(json_object_get(x, "platform")));
		set_str(s, r, EC_URL + 1, json_string_value(json_object_get(x, "url")));
		set_str(s, r, EC_HASHTAG + 1, json_string_value(json_object_get(x, "hashtag")));
		lt_ignore(lt_sheet_set_date(s, r, EC_POSTED + 1, json_string_value(json_object_get(x, "posted_on"))));
		if (json_is_integer(json_object_get(x, "views")))
			lt_ignore(lt_sheet_set_number(s, r, EC_VIEWS + 1,
					    (double)json_integer_value(json_object_get(x, "views")),
					    LT_NUMFMT_GENERAL));
		set_str(s, r, EC_UNIT_NAME + 1, json_string_value(json_object_get(unit, "name")));
	}
	rc = lt_table_error(t); /* the cells above ignore theirs: the table keeps the first */
	if (rc) {
		rc = lt_error_set(e, rc, NULL, "Không tạo được bảng", "Cannot build the table");
		goto out;
	}
	*out = t;
	t = NULL;
out:
	lt_table_free(t);
	json_decref(items);
	json_decref(counts);
	return rc;
}

int lt_activity_io_entries_template(lt_db *db, int64_t unit_id, const char *within, lt_buf *out,
				    lt_error *e)
{
	static const char *const categories[] = { "writing", "video" };
	static const char *const platforms[] = { "facebook", "tiktok", "other" };
	static const char *const help[] = {
		"Mỗi dòng là một bài dự thi của một đoàn viên.",
		"Thể loại: writing (bài viết) hoặc video (clip). Nền tảng: facebook, tiktok, other.",
		"Đường dẫn: dán link bài đăng; một đường dẫn chỉ dự thi một lần.",
		"Ngày đăng: dd/mm/yyyy. Lượt xem: số nguyên.",
		"Nhập là tất cả hoặc không: một ô sai thì không dòng nào được nhập, lỗi ghi rõ dòng và cột.",
	};
	lt_arena a;
	lt_xlsx_col cols[EC_VIEWS + 1];
	lt_xlsx_template tpl = { 0 };
	int rc = 0;

	lt_arena_init(&a);
	memset(cols, 0, sizeof(cols));
	rc = lt_io_template_unit_col(db, unit_id, within, &a, &cols[EC_UNIT], e);
	if (rc)
		goto out;
	for (int k = 0; k <= EC_VIEWS; k++)
		cols[k].header = lt_io_entry_cols[k].vi;
	cols[EC_MEMBER].width = 28;
	cols[EC_CATEGORY].choices = categories;
	cols[EC_CATEGORY].nchoices = 2;
	cols[EC_PLATFORM].choices = platforms;
	cols[EC_PLATFORM].nchoices = 3;
	cols[EC_URL].width = 45;
	cols[EC_POSTED].kind = LT_XLSX_DATE;
	cols[EC_VIEWS].kind = LT_XLSX_INTEGER;
	tpl.sheet = LT_IO_ENTRIES_SHEET;
	tpl.cols = cols;
	tpl.ncols = EC_VIEWS + 1;
	tpl.nrows = 300;
	tpl.instructions_sheet = "Hướng dẫn";
	tpl.instructions = help;
	tpl.ninstructions = (int)(sizeof(help) / sizeof(help[0]));
	rc = lt_xlsx_template_write_buf(&tpl, out, e);
out:
	lt_arena_free(&a);
	return rc;
}
