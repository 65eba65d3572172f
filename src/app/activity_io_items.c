/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * activity_io_items.c — the activities list as a spreadsheet: import
 * rows (every bad cell reported), the export table (the import columns, so
 * that export → import gives the same records) and the XLSX template. See
 * activity_io.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/activity.h"
#include "app/activity_access.h"
#include "app/activity_io_int.h"
#include "render/xlsx_write.h"
#include "store/unit.h"
#include "text/fold.h"

/* ---------- activities ---------- */

enum { IC_UNIT, IC_THEME, IC_CHANNEL, IC_KIND, IC_URL, IC_TITLE, IC_DATE, IC_VIEWS,
       IC_REACTIONS, IC_COMMENTS, IC_SHARES, IC_COUNTS_ON, IC_KIT, IC_UNIT_NAME, IC_ORIGINAL, IC_N };

const lt_io_col lt_io_item_cols[IC_N] = {
	{ "unit_code", "Mã đơn vị", "Unit code", false },
	{ "theme", "Chủ đề", "Theme", false },
	{ "channel", "Kênh", "Channel", false },
	{ "kind", "Loại tin", "Kind", false },
	{ "url", "Đường dẫn", "Link", false },
	{ "title", "Tiêu đề", "Title", true },
	{ "date", "Ngày đăng", "Date", true },
	{ "views", "Lượt xem", "Views", false },
	{ "reactions", "Lượt cảm xúc", "Reactions", false },
	{ "comments", "Bình luận", "Comments", false },
	{ "shares", "Lượt chia sẻ", "Shares", false },
	{ "counts_on", "Ngày đọc số liệu", "Counts read on", false },
	{ "kit_item", "Mã đường dẫn giới thiệu", "Link kit item", false },
	{ "unit_name", "Tên đơn vị", "Unit name", false },
	{ "original", "Gốc / chia sẻ", "Original / share", false },
};
const size_t lt_io_item_ncols = IC_N;


typedef struct theme_ref {
	int64_t id;
	int64_t pos;
	char *fold;
	const char *title;
} theme_ref;

/* The directive's themes, for resolving "2. Chợ Tết…", "2" or the title. */
static int load_themes(lt_db *db, int64_t directive_id, lt_arena *a, theme_ref **out, size_t *n,
		       lt_error *e)
{
	lt_activity_theme *t = NULL;
	int rc = lt_activity_themes(db, directive_id, a, &t, n, e);

	*out = NULL;
	if (rc)
		return rc;
	*out = lt_arena_alloc(a, (*n + 1) * sizeof(**out));
	if (!*out)
		return lt_app_act_nomem(e);
	for (size_t i = 0; i < *n; i++) {
		char *f = lt_text_fold(t[i].title, strlen(t[i].title));
		(*out)[i].id = t[i].id;
		(*out)[i].pos = t[i].pos;
		(*out)[i].title = t[i].title;
		(*out)[i].fold = lt_arena_strdup(a, f ? f : "");
		free(f);
	}
	return 0;
}

static int64_t theme_of(const theme_ref *th, size_t n, const char *text)
{
	char *end, *f;
	long long pos = strtoll(text, &end, 10);
	int64_t found = 0;

	if (end != text && (*end == '\0' || *end == '.' || *end == ')')) {
		for (size_t i = 0; i < n; i++)
			if (th[i].pos == pos)
				return th[i].id;
		return 0;
	}
	f = lt_text_fold(text, strlen(text));
	for (size_t i = 0; f && i < n && !found; i++)
		if (!strcmp(f, th[i].fold))
			found = th[i].id;
	free(f);
	return found;
}

/* A count cell: empty → -1; bad → error. */
static int64_t count_cell(const lt_sheet *s, int r, int c, const char *field,
			  lt_import_report *rep)
{
	const lt_cell *x = lt_io_cell(s, r, c);
	int64_t v;

	if (!c || !x->len)
		return -1;
	if (!lt_io_count(x, &v)) {
		lt_io_err(rep, s, r, c, field, "\"%s\" không phải số nguyên không âm",
			  "\"%s\" is not a non-negative whole number", x->text);
		return -1;
	}
	return v;
}

int lt_activity_io_items(lt_db *db, const lt_actor *who, int64_t directive_id, const lt_table *t,
			 int64_t unit_id, lt_arena *a, lt_activity_in **rows, size_t *n,
			 lt_import_report *rep, lt_error *e)
{
	lt_sheet *s = NULL;
	const char *fixed = NULL;
	theme_ref *themes = NULL;
	size_t nthemes = 0, k = 0;
	int col_of[IC_N];
	lt_io_unit_memo memo = { "", 0 };
	int rc;

	*rows = NULL;
	*n = 0;
	rc = lt_io_start(db, t, LT_IO_ITEMS_SHEET, lt_io_item_cols, IC_N, "danh sách hoạt động",
			 IC_UNIT, unit_id, a, &s, col_of, &fixed, rep, e);
	if (rc && !(rc == LT_EINVAL && rep->total))
		return rc;
	if (!col_of[IC_URL] && !col_of[IC_CHANNEL])
		lt_io_err(rep, s, 1, 0, "url", "Cần cột \"Đường dẫn\" hoặc \"Kênh\"",
			  "A \"Đường dẫn\" (link) or \"Kênh\" (channel) column is needed");
	if (rep->total)
		goto done;
	rc = load_themes(db, directive_id, a, &themes, &nthemes, e);
	if (rc)
		return rc;
	*rows = lt_arena_alloc(a, (size_t)(s->nrows + 1) * sizeof(**rows));
	if (!*rows)
		return lt_app_act_nomem(e);
	for (int r = 2; r <= s->nrows; r++) {
		lt_activity_in *x = &(*rows)[k];
		const char *v;
		char d[11];
		const char *ch = NULL;
		size_t before = rep->total;

		if (lt_io_blank(s, r, col_of, IC_N, IC_UNIT))
			continue;
		memset(x, 0, sizeof(*x));
		x->line = r;
		lt_io_row_unit(db, who, a, s, r, col_of[IC_UNIT], unit_id, fixed, &memo, &x->unit_id,
			       rep);
		/* link and channel */
		v = col_of[IC_URL] ? lt_io_text(a, lt_io_cell(s, r, col_of[IC_URL])) : NULL;
		if (v) {
			lt_error ue;
			if (lt_app_link(v, "url", a, &x->url_canonical, &ch, &ue))
				lt_io_err(rep, s, r, col_of[IC_URL], "url", "%s%.0s", "%.0s%s", ue.vi, ue.en);
			else
				x->url = v;
		}
		v = col_of[IC_CHANNEL] ? lt_io_text(a, lt_io_cell(s, r, col_of[IC_CHANNEL])) : NULL;
		if (v) {
			x->channel = lt_io_channel(v);
			if (!x->channel)
				lt_io_err(rep, s, r, col_of[IC_CHANNEL], "channel",
					  "Kênh không rõ \"%s\" (facebook, zalo, youtube, tiktok, website,"
					  " e-newspaper, radio, tv, print, event, other)",
					  "Unknown channel \"%s\"", v);
		} else if (ch) {
			x->channel = ch;
		} else if (!x->url && !(col_of[IC_URL] && lt_io_cell(s, r, col_of[IC_URL])->len)) {
			lt_io_err(rep, s, r, col_of[IC_URL] ? col_of[IC_URL] : col_of[IC_CHANNEL],
				  "url", "Cần đường dẫn hoặc kênh", "A link or a channel is needed");
		}
		/* kind */
		v = col_of[IC_KIND] ? lt_io_text(a, lt_io_cell(s, r, col_of[IC_KIND])) : NULL;
		x->kind = v ? lt_io_kind(v) : "post";
		if (!x->kind)
			lt_io_err(rep, s, r, col_of[IC_KIND], "kind",
				  "Loại tin không rõ \"%s\" (post, share, article, video, livestream,"
				  " event)",
				  "Unknown kind \"%s\"", v);
		/* theme */
		v = col_of[IC_THEME] ? lt_io_text(a, lt_io_cell(s, r, col_of[IC_THEME])) : NULL;
		if (v) {
			x->theme_id = theme_of(themes, nthemes, v);
			if (!x->theme_id)
				lt_io_err(rep, s, r, col_of[IC_THEME], "theme",
					  "Chủ đề \"%s\" không có trong công văn", "No theme \"%s\" in the directive",
					  v);
		}
		/* title, date */
		x->title = col_of[IC_TITLE] ? lt_io_text(a, lt_io_cell(s, r, col_of[IC_TITLE])) : NULL;
		if (!x->title)
			lt_io_err(rep, s, r, col_of[IC_TITLE], "title", "Thiếu tiêu đề",
				  "The title is missing");
		else if (strlen(x->title) > LT_ACTIVITY_TITLE_MAX)
			lt_io_err(rep, s, r, col_of[IC_TITLE], "title", "Tiêu đề dài quá %d byte",
				  "The title is longer than %d bytes", LT_ACTIVITY_TITLE_MAX);
		if (!lt_io_date(lt_io_cell(s, r, col_of[IC_DATE]), d))
			lt_io_err(rep, s, r, col_of[IC_DATE], "date",
				  "Ngày không hợp lệ \"%s\" (dd/mm/yyyy)", "Invalid date \"%s\" (dd/mm/yyyy)",
				  lt_io_cell(s, r, col_of[IC_DATE])->text);
		else
			x->date = lt_arena_strdup(a, d);
		x->views = count_cell(s, r, col_of[IC_VIEWS], "views", rep);
		x->reactions = count_cell(s, r, col_of[IC_REACTIONS], "reactions", rep);
		x->comments = count_cell(s, r, col_of[IC_COMMENTS], "comments", rep);
		x->shares = count_cell(s, r, col_of[IC_SHARES], "shares", rep);
		if (col_of[IC_COUNTS_ON] && lt_io_cell(s, r, col_of[IC_COUNTS_ON])->len) {
			if (!lt_io_date(lt_io_cell(s, r, col_of[IC_COUNTS_ON]), d))
				lt_io_err(rep, s, r, col_of[IC_COUNTS_ON], "counts_on",
					  "Ngày không hợp lệ \"%s\" (dd/mm/yyyy)",
					  "Invalid date \"%s\" (dd/mm/yyyy)",
					  lt_io_cell(s, r, col_of[IC_COUNTS_ON])->text);
			else
				x->counts_on = lt_arena_strdup(a, d);
		}
		if (col_of[IC_KIT] && lt_io_cell(s, r, col_of[IC_KIT])->len &&
		    !lt_io_count(lt_io_cell(s, r, col_of[IC_KIT]), &x->kit_item_id))
			lt_io_err(rep, s, r, col_of[IC_KIT], "kit_item_id",
				  "\"%s\" không phải mã đường dẫn (số)", "\"%s\" is not a link id",
				  lt_io_cell(s, r, col_of[IC_KIT])->text);
		/* Whatever the cells say, the row as a whole must pass the store's rules. */
		if (rep->total == before) {
			lt_error ve;
			if (lt_activity_validate(x, &ve)) {
				int c = 0;
				for (int q = 0; q < IC_N; q++)
					if (!strcmp(lt_io_item_cols[q].key, ve.field) ||
					    (!strcmp(ve.field, "unit") && q == IC_UNIT))
						c = col_of[q];
				lt_io_err(rep, s, r, c, ve.field, "%s", "%s", ve.vi);
			}
		}
		k++;
	}
done:
	return lt_io_rows_end(s, k, n, rep, e);
}

/* A count (-1: unknown, left blank). */
static void set_count(lt_sheet *s, int r, int c, int64_t v)
{
	if (v >= 0)
		lt_ignore(lt_sheet_set_number(s, r, c, (double)v, LT_NUMFMT_GENERAL));
}

/* Item x as the next row of s. */
static void add_item(lt_sheet *s, const lt_activity_row *x)
{
	int r = s->nrows + 1;

	lt_io_set_text(s, r, IC_UNIT + 1, x->unit.code);
	if (x->theme_id) {
		char buf[600];
		snprintf(buf, sizeof(buf), "%lld. %s", (long long)x->theme_pos, x->theme_title);
		lt_io_set_text(s, r, IC_THEME + 1, buf);
	}
	lt_io_set_text(s, r, IC_CHANNEL + 1, x->channel);
	lt_io_set_text(s, r, IC_KIND + 1, x->kind);
	lt_io_set_text(s, r, IC_URL + 1, x->url);
	lt_io_set_text(s, r, IC_TITLE + 1, x->title);
	lt_ignore(lt_sheet_set_date(s, r, IC_DATE + 1, x->date));
	set_count(s, r, IC_VIEWS + 1, x->views);
	set_count(s, r, IC_REACTIONS + 1, x->reactions);
	set_count(s, r, IC_COMMENTS + 1, x->comments);
	set_count(s, r, IC_SHARES + 1, x->shares);
	if (x->counts_on)
		lt_ignore(lt_sheet_set_date(s, r, IC_COUNTS_ON + 1, x->counts_on));
	set_count(s, r, IC_KIT + 1, x->kit_item_id ? x->kit_item_id : -1);
	lt_io_set_text(s, r, IC_UNIT_NAME + 1, x->unit.name);
	lt_io_set_text(s, r, IC_ORIGINAL + 1, x->is_original ? "gốc" : "chia sẻ");
}

/* The export's items, oldest first as cadres keep their lists: into one table, or as CSV. */
static int take_item(const lt_activity_row *x, void *ctx, lt_error *e)
{
	lt_io_rows *r = ctx;

	add_item(r->s, x);
	return lt_io_rows_added(r, e);
}

int lt_io_items_table(lt_db *db, const lt_activity_filter *f, lt_table **out, lt_error *e)
{
	lt_io_rows r;
	int rc = lt_io_rows_begin(&r, LT_IO_ITEMS_SHEET, lt_io_item_cols, IC_N, NULL, NULL, false, e);

	if (!rc)
		rc = lt_activity_each(db, f, take_item, &r, e);
	return lt_io_rows_finish(&r, rc, out, e);
}

int lt_io_items_stream(lt_db *db, const lt_activity_filter *f, bool xlsx, lt_io_sink sink,
		       void *ctx, lt_error *e)
{
	lt_io_rows r;
	int rc = 0;

	/*
	 * An XLSX sheet holds 1,048,575 rows under its header: without a search
	 * the kept counts say at once whether the items fit (the nation's 1.9
	 * million do not); a search's are counted as they are written.
	 */
	if (xlsx && (!f->q || !*f->q)) {
		lt_activity_filter c = *f;
		lt_activity_page p;
		lt_arena a;
		lt_arena_init(&a);
		c.limit = 1;
		rc = lt_activity_list(db, &c, &a, &p, e);
		if (!rc && p.total > LT_IO_XLSX_ROWS)
			rc = lt_error_set(e, LT_ETOOBIG, "format",
					  "%lld tin, bài, quá số dòng một trang XLSX chứa (%d): hãy"
					  " xuất CSV, hoặc lọc theo đơn vị, kênh",
					  "%lld items, more rows than an XLSX sheet holds (%d): export"
					  " CSV, or filter by unit or channel",
					  (long long)p.total, LT_IO_XLSX_ROWS);
		lt_arena_free(&a);
	}
	if (!rc)
		rc = lt_io_rows_begin(&r, LT_IO_ITEMS_SHEET, lt_io_item_cols, IC_N, sink, ctx, xlsx,
				      e);
	if (rc)
		return rc;
	rc = lt_activity_each(db, f, take_item, &r, e);
	return lt_io_rows_finish(&r, rc, NULL, e);
}

int lt_io_items_template(lt_db *db, const lt_actor *who, int64_t directive_id, int64_t unit_id,
			 lt_buf *out, lt_error *e)
{
	static const char *const channels[] = { "facebook", "zalo",  "youtube", "tiktok",
						"website",  "e-newspaper", "radio", "tv",
						"print",    "event", "other" };
	static const char *const kinds[] = { "post", "share", "article", "video", "livestream",
					     "event" };
	static const char *const help[] = {
		"Mỗi dòng là một tin, bài đã đăng hoặc đã chia sẻ.",
		"Mã đơn vị: đã điền sẵn mã đơn vị của bạn (hoặc chọn trong danh sách).",
		"Chủ đề: chọn trong danh sách các chủ đề của công văn.",
		"Kênh: để trống thì lantoa tự nhận từ đường dẫn (facebook, zalo, tiktok…).",
		"Loại tin: post (bài đăng), share (chia sẻ), article (bài báo), video, livestream, event (sự kiện).",
		"Ngày đăng và ngày đọc số liệu: dd/mm/yyyy.",
		"Lượt xem, cảm xúc, bình luận, chia sẻ: số nguyên, để trống nếu chưa biết.",
		"Nhập là tất cả hoặc không: một ô sai thì không dòng nào được nhập, lỗi ghi rõ dòng và cột.",
	};
	lt_arena a;
	theme_ref *themes = NULL;
	size_t nthemes = 0;
	const char **theme_choices = NULL;
	lt_xlsx_col cols[IC_COUNTS_ON + 1];
	int rc;

	lt_arena_init(&a);
	memset(cols, 0, sizeof(cols));
	rc = load_themes(db, directive_id, &a, &themes, &nthemes, e);
	if (!rc)
		rc = lt_io_template_unit_col(db, who, unit_id, &a, &cols[IC_UNIT], e);
	if (rc)
		goto out;
	theme_choices = lt_arena_alloc(&a, (nthemes + 1) * sizeof(*theme_choices));
	for (size_t i = 0; theme_choices && i < nthemes; i++)
		theme_choices[i] = lt_arena_printf(&a, "%lld. %s", (long long)themes[i].pos,
						   themes[i].title);
	if (lt_arena_failed(&a)) {
		rc = lt_app_act_nomem(e);
		goto out;
	}
	cols[IC_THEME].choices = theme_choices;
	cols[IC_THEME].nchoices = (int)nthemes;
	cols[IC_THEME].width = 40;
	cols[IC_CHANNEL].choices = channels;
	cols[IC_CHANNEL].nchoices = 11;
	cols[IC_KIND].choices = kinds;
	cols[IC_KIND].nchoices = 6;
	cols[IC_URL].width = 45;
	cols[IC_URL].hint = "Dán đường dẫn bài đăng (https://…)";
	cols[IC_TITLE].width = 50;
	cols[IC_DATE].kind = LT_XLSX_DATE;
	cols[IC_COUNTS_ON].kind = LT_XLSX_DATE;
	for (int k = IC_VIEWS; k <= IC_SHARES; k++)
		cols[k].kind = LT_XLSX_INTEGER;
	rc = lt_io_template_write(LT_IO_ITEMS_SHEET, lt_io_item_cols, cols, IC_COUNTS_ON + 1, 300, help,
				  (int)(sizeof(help) / sizeof(help[0])), out, e);
out:
	lt_arena_free(&a);
	return rc;
}
