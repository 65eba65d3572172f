/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * activity_io_entries.c — contest entries as a spreadsheet: import rows
 * (every bad cell reported, a link twice in one file too), the export
 * table and the template. The shared cell readers are in activity_io.c.
 * See activity_io.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/activity.h"
#include "app/activity_access.h"
#include "app/activity_io_int.h"
#include "render/xlsx_write.h"
#include "text/fold.h"

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

int lt_io_entries(lt_db *db, const lt_actor *who, const lt_table *t, int64_t unit_id, lt_arena *a,
		  lt_contest_entry_in **rows, size_t *n, lt_import_report *rep, lt_error *e)
{
	lt_sheet *s = NULL;
	const char *fixed = NULL;
	size_t k = 0;
	int col_of[EC_N];
	int rc;

	*rows = NULL;
	*n = 0;
	rc = lt_io_start(db, t, LT_IO_ENTRIES_SHEET, lt_io_entry_cols, EC_N, "danh sách bài dự thi",
			 EC_UNIT, unit_id, a, &s, col_of, &fixed, rep, e);
	if (rc == LT_EINVAL && rep->total)
		goto done;
	if (rc)
		return rc;
	*rows = lt_arena_alloc(a, (size_t)(s->nrows + 1) * sizeof(**rows));
	if (!*rows)
		return lt_app_act_nomem(e);
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
		lt_io_row_unit(db, who, a, s, r, col_of[EC_UNIT], unit_id, fixed, NULL, &x->unit_id,
			       rep);
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
			const char *ch = NULL;
			lt_error ue;
			if (lt_app_link(v, "url", a, &x->url_canonical, &ch, &ue)) {
				lt_io_err(rep, s, r, col_of[EC_URL], "url", "%s%.0s", "%.0s%s", ue.vi, ue.en);
			} else {
				x->url = v;
				x->platform = lt_app_platform_of(ch);
			}
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
		if (!lt_io_date(lt_io_cell(s, r, col_of[EC_POSTED]), d))
			lt_io_err(rep, s, r, col_of[EC_POSTED], "posted_on",
				  "Ngày không hợp lệ \"%s\" (dd/mm/yyyy)",
				  "Invalid date \"%s\" (dd/mm/yyyy)",
				  lt_io_cell(s, r, col_of[EC_POSTED])->text);
		else
			x->posted_on = lt_arena_strdup(a, d);
		if (col_of[EC_VIEWS] && lt_io_cell(s, r, col_of[EC_VIEWS])->len) {
			if (!lt_io_count(lt_io_cell(s, r, col_of[EC_VIEWS]), &views))
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

/* Entry x as the next row of the export, oldest first as cadres keep their lists. */
static int take_entry(const lt_contest_entry_row *x, void *ctx, lt_error *e)
{
	lt_io_rows *rows = ctx;
	lt_sheet *s = rows->s;
	int r = s->nrows + 1;

	lt_io_set_text(s, r, EC_UNIT + 1, x->unit.code);
	lt_io_set_text(s, r, EC_MEMBER + 1, x->member_name);
	lt_io_set_text(s, r, EC_CATEGORY + 1, x->category);
	lt_io_set_text(s, r, EC_PLATFORM + 1, x->platform);
	lt_io_set_text(s, r, EC_URL + 1, x->url);
	lt_io_set_text(s, r, EC_HASHTAG + 1, x->hashtag);
	lt_ignore(lt_sheet_set_date(s, r, EC_POSTED + 1, x->posted_on));
	if (x->views >= 0)
		lt_ignore(lt_sheet_set_number(s, r, EC_VIEWS + 1, (double)x->views,
					      LT_NUMFMT_GENERAL));
	lt_io_set_text(s, r, EC_UNIT_NAME + 1, x->unit.name);
	return lt_io_rows_added(rows, e);
}

int lt_io_entries_table(lt_db *db, int64_t contest_id, const char *within, lt_table **out,
			lt_error *e)
{
	lt_io_rows r;
	int rc = lt_io_rows_begin(&r, LT_IO_ENTRIES_SHEET, lt_io_entry_cols, EC_N, NULL, NULL, false, e);

	if (!rc)
		rc = lt_contest_entries_each(db, contest_id, within, take_entry, &r, e);
	return lt_io_rows_finish(&r, rc, out, e);
}

int lt_io_entries_stream(lt_db *db, int64_t contest_id, const char *within, bool xlsx,
			 lt_io_sink sink, void *ctx, lt_error *e)
{
	lt_io_rows r;
	int rc = lt_io_rows_begin(&r, LT_IO_ENTRIES_SHEET, lt_io_entry_cols, EC_N, sink, ctx, xlsx,
				  e);

	if (rc)
		return rc;
	rc = lt_contest_entries_each(db, contest_id, within, take_entry, &r, e);
	return lt_io_rows_finish(&r, rc, NULL, e);
}

int lt_io_entries_template(lt_db *db, const lt_actor *who, int64_t unit_id, lt_buf *out,
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
	int rc = 0;

	lt_arena_init(&a);
	memset(cols, 0, sizeof(cols));
	rc = lt_io_template_unit_col(db, who, unit_id, &a, &cols[EC_UNIT], e);
	if (rc)
		goto out;
	cols[EC_MEMBER].width = 28;
	cols[EC_CATEGORY].choices = categories;
	cols[EC_CATEGORY].nchoices = 2;
	cols[EC_PLATFORM].choices = platforms;
	cols[EC_PLATFORM].nchoices = 3;
	cols[EC_URL].width = 45;
	cols[EC_POSTED].kind = LT_XLSX_DATE;
	cols[EC_VIEWS].kind = LT_XLSX_INTEGER;
	rc = lt_io_template_write(LT_IO_ENTRIES_SHEET, lt_io_entry_cols, cols, EC_VIEWS + 1, 300, help,
				  (int)(sizeof(help) / sizeof(help[0])), out, e);
out:
	lt_arena_free(&a);
	return rc;
}
