/*
 * api_activity_io.c — spreadsheets in and out for the activity log: the
 * cell readers and header mapping every list shares, and the activities
 * list itself (import rows, export table, template). Figures and contest
 * entries are in api_activity_io2.c. See api_activity.h.
 */
#include <ctype.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/tree.h"
#include "core/validate.h"
#include "http/api_activity.h"
#include "net/url.h"
#include "render/csv.h"
#include "render/xlsx_read.h"
#include "render/xlsx_write.h"
#include "store/directive.h"
#include "store/unit.h"
#include "text/fold.h"

/* ---------- shared helpers ---------- */

int lt_activity_io_read(const char *data, size_t len, lt_table **out, lt_error *e)
{
	*out = NULL;
	if (!len)
		return lt_error_set(e, LT_EINVAL, "file", "Tệp trống", "The file is empty");
	if (len >= 4 && !memcmp(data, "PK\x03\x04", 4))
		return lt_xlsx_read(data, len, NULL, out, e);
	if (len >= 2 && (!memcmp(data, "\xd0\xcf", 2) || !memcmp(data, "PK", 2)))
		return lt_error_set(e, LT_EINVAL, "file",
				    "Không phải tệp XLSX hoặc CSV (tệp .xls cũ: hãy lưu lại dạng .xlsx)",
				    "Not an XLSX or CSV file (an old .xls: save it as .xlsx)");
	return lt_csv_read(data, len, NULL, out, e);
}

void lt_io_err(lt_import_report *r, const lt_sheet *s, int row, int col, const char *field,
	       const char *vi, const char *en, ...)
{
	lt_import_error *x;
	va_list ap;

	r->total++;
	if (r->n >= LT_IMPORT_MAX_ERRORS)
		return;
	x = &r->v[r->n++];
	memset(x, 0, sizeof(*x));
	snprintf(x->sheet, sizeof(x->sheet), "%s", s && s->name ? s->name : "");
	x->row = row;
	if (col > 0)
		lt_table_colname(col, x->col);
	snprintf(x->field, sizeof(x->field), "%s", field ? field : "");
	va_start(ap, en);
	{
		va_list ap2;
		va_copy(ap2, ap);
		vsnprintf(x->vi, sizeof(x->vi), vi, ap);
		vsnprintf(x->en, sizeof(x->en), en, ap2);
		va_end(ap2);
	}
	va_end(ap);
}

static void place(const lt_import_error *x, bool en, char *buf, size_t n)
{
	if (x->col[0])
		snprintf(buf, n, en ? "%s, row %d, column %s (%s)" : "%s, dòng %d, cột %s (%s)",
			 x->sheet, x->row, x->col, x->field);
	else if (x->row)
		snprintf(buf, n, en ? "%s, row %d" : "%s, dòng %d", x->sheet, x->row);
	else
		snprintf(buf, n, "%s", x->sheet);
}

void lt_import_report_text(const lt_import_report *r, bool en, lt_buf *out)
{
	char where[160];

	for (size_t i = 0; i < r->n; i++) {
		place(&r->v[i], en, where, sizeof(where));
		lt_buf_printf(out, "%s: %s\n", where, en ? r->v[i].en : r->v[i].vi);
	}
	if (r->total > r->n)
		lt_buf_printf(out, en ? "… and %zu more errors\n" : "… và %zu lỗi khác\n",
			      r->total - r->n);
}

/* dst = a + b, cut at cap (UTF-8 may lose its last character's tail: messages are short). */
static void join2(char *dst, size_t cap, const char *a, const char *b)
{
	size_t n = strlen(a), m = strlen(b);

	if (n > cap - 1)
		n = cap - 1;
	memcpy(dst, a, n);
	if (m > cap - 1 - n)
		m = cap - 1 - n;
	memcpy(dst + n, b, m);
	dst[n + m] = '\0';
}

void lt_import_report_first(const lt_import_report *r, lt_error *e)
{
	char where[160], vi[96], en[96];

	if (!r->n || !e)
		return;
	place(&r->v[0], false, where, sizeof(where));
	lt_error_clear(e);
	e->code = LT_EINVAL;
	join2(e->field, sizeof(e->field), where, "");
	if (r->total > 1) {
		snprintf(vi, sizeof(vi), " (và %zu lỗi khác; không dòng nào được nhập)", r->total - 1);
		snprintf(en, sizeof(en), " (and %zu more errors; nothing was imported)", r->total - 1);
	} else {
		snprintf(vi, sizeof(vi), " (không dòng nào được nhập)");
		snprintf(en, sizeof(en), " (nothing was imported)");
	}
	join2(e->vi, sizeof(e->vi), r->v[0].vi, vi);
	join2(e->en, sizeof(e->en), r->v[0].en, en);
}

json_t *lt_import_report_json(const lt_import_report *r, bool en)
{
	json_t *arr = json_array();

	for (size_t i = 0; i < r->n; i++) {
		const lt_import_error *x = &r->v[i];
		json_array_append_new(arr, json_pack("{s:s,s:i,s:s,s:s,s:s}", "sheet", x->sheet, "row",
						     x->row, "column", x->col, "field", x->field,
						     "message", en ? x->en : x->vi));
	}
	return arr;
}

/* Does header text h name column c (its Vietnamese or English header, its key, or "… [key]")? */
bool lt_io_header_is(const char *h, const lt_io_col *c)
{
	char *f = lt_text_fold(h, strlen(h)), *fv = NULL, *fe = NULL;
	size_t n = strlen(h), k = strlen(c->key);
	bool ok = false;

	if (!f)
		return false;
	fv = lt_text_fold(c->vi, strlen(c->vi));
	fe = c->en ? lt_text_fold(c->en, strlen(c->en)) : NULL;
	ok = !strcmp(f, c->key) || (fv && !strcmp(f, fv)) || (fe && !strcmp(f, fe)) ||
	     (n > k + 2 && h[n - 1] == ']' && h[n - k - 2] == '[' &&
	      !strncmp(h + n - k - 1, c->key, k));
	free(f);
	free(fv);
	free(fe);
	return ok;
}

int lt_io_header(const lt_table *t, const char *sheet_name, const lt_io_col *cols, size_t ncols,
		 const char *what_vi, const char *what_en, lt_sheet **out, int *col_of,
		 lt_import_report *rep, lt_error *e)
{
	lt_sheet *s = lt_table_sheet(t, sheet_name);
	lt_buf names;
	int known = 0;

	*out = NULL;
	for (size_t k = 0; k < ncols; k++)
		col_of[k] = 0;
	if (!s)
		s = lt_table_sheet_at(t, 0);
	if (!s)
		return lt_error_set(e, LT_EINVAL, "file", "Tệp không có trang tính nào",
				    "The file has no sheet");
	for (int c = 1; c <= lt_sheet_row_len(s, 1); c++) {
		const lt_cell *h = lt_sheet_cell(s, 1, c);
		bool hit = false;
		if (!h->len)
			continue;
		for (size_t k = 0; k < ncols && !hit; k++) {
			if (!col_of[k] && lt_io_header_is(h->text, &cols[k])) {
				col_of[k] = c;
				hit = true;
				known++;
			}
		}
		if (!hit)
			lt_io_err(rep, s, 1, c, "header", "Tiêu đề cột không rõ \"%s\"",
				  "Unknown column header \"%s\"", h->text);
	}
	if (!known) {
		/* Not this list at all: one error about the sheet, not one per header. */
		rep->n = rep->total = 0;
		lt_buf_init(&names, 4096);
		lt_table_sheet_names(t, &names);
		lt_error_set(e, LT_EINVAL, s->name,
			     "Trang “%s” không phải %s (không có cột nào quen thuộc ở dòng 1);"
			     " các trang trong tệp: %s",
			     "Sheet “%s” is not %s (no known column in row 1); the file's sheets: %s",
			     s->name, what_vi, lt_buf_cstr(&names));
		(void)what_en;
		lt_buf_free(&names);
		return LT_EINVAL;
	}
	for (size_t k = 0; k < ncols; k++)
		if (cols[k].required && !col_of[k])
			lt_io_err(rep, s, 1, 0, cols[k].key, "Thiếu cột bắt buộc \"%s\"",
				  "Missing required column \"%s\"", cols[k].vi);
	*out = s;
	return rep->total ? LT_EINVAL : 0;
}

const lt_cell *lt_io_cell(const lt_sheet *s, int row, int col)
{
	return lt_sheet_cell(s, row, col > 0 ? col : 1 << 20);
}

/* Trimmed copy of a cell's text in a (NULL for an empty cell). */
const char *lt_io_text(lt_arena *a, const lt_cell *c)
{
	const char *p = c->text, *q = c->text + c->len;

	while (p < q && isspace((unsigned char)*p))
		p++;
	while (q > p && isspace((unsigned char)q[-1]))
		q--;
	return q > p ? lt_arena_strndup(a, p, (size_t)(q - p)) : NULL;
}

bool lt_io_blank(const lt_sheet *s, int row, const int *col_of, size_t ncols, int skip)
{
	for (size_t k = 0; k < ncols; k++) {
		const lt_cell *c;
		if ((int)k == skip || !col_of[k])
			continue;
		c = lt_io_cell(s, row, col_of[k]);
		for (size_t i = 0; i < c->len; i++)
			if (!isspace((unsigned char)c->text[i]))
				return false;
	}
	return true;
}

int lt_io_date(const lt_cell *c, char out[11])
{
	int d, m, y, n = 0;
	const char *t = c->text;

	while (*t == ' ')
		t++;
	if (c->type == LT_CELL_DATE && strlen(t) >= 10 && t[4] == '-') {
		memcpy(out, t, 10);
		out[10] = '\0';
	} else if (c->type == LT_CELL_NUMBER) {
		char iso[20];
		if (lt_table_serial_to_iso(c->num, false, iso))
			return -1;
		memcpy(out, iso, 10);
		out[10] = '\0';
	} else if ((sscanf(t, "%4d-%2d-%2d%n", &y, &m, &d, &n) == 3 && n == 10) ||
		   (sscanf(t, "%2d/%2d/%4d%n", &d, &m, &y, &n) == 3 && y >= 1900)) {
		if (y < 1900 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31)
			return -1;
		snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u,
			 (unsigned)d % 100u);
	} else {
		return -1;
	}
	return lt_date_valid(out) ? 0 : -1;
}

/* Digits with optional "." "," or space thousands separators ("12.345"). */
static int grouped_int(const char *t, int64_t *out)
{
	int64_t v = 0;
	int digits = 0, group = -1;

	if (!*t)
		return -1;
	for (; *t; t++) {
		if (*t >= '0' && *t <= '9') {
			if (v > 100000000000000LL)
				return -1;
			v = v * 10 + (*t - '0');
			digits++;
			if (group >= 0)
				group++;
		} else if ((*t == '.' || *t == ',' || *t == ' ') && digits) {
			if (group >= 0 && group != 3)
				return -1;
			if (group < 0 && digits > 3)
				return -1;
			group = 0;
		} else {
			return -1;
		}
	}
	if (group >= 0 && group != 3)
		return -1;
	*out = v;
	return 0;
}

int lt_io_count(const lt_cell *c, int64_t *out)
{
	char buf[64];
	size_t n;

	if (c->type == LT_CELL_NUMBER) {
		if (c->num < 0 || c->num > 1e14 || c->num != (double)(int64_t)c->num)
			return -1;
		*out = (int64_t)c->num;
		return 0;
	}
	n = c->len < sizeof(buf) - 1 ? c->len : sizeof(buf) - 1;
	memcpy(buf, c->text, n);
	buf[n] = '\0';
	while (n && buf[n - 1] == ' ')
		buf[--n] = '\0';
	return grouped_int(buf[0] == ' ' ? buf + strspn(buf, " ") : buf, out);
}

int lt_io_number(const lt_cell *c, double *out)
{
	char buf[64], *end;
	int64_t iv;
	size_t n;

	if (c->type == LT_CELL_NUMBER) {
		*out = c->num;
		return 0;
	}
	n = c->len < sizeof(buf) - 1 ? c->len : sizeof(buf) - 1;
	memcpy(buf, c->text, n);
	buf[n] = '\0';
	if (buf[0] == '-') {
		/* Negative numbers are read so that the rules can say why they are refused. */
		if (lt_io_number(&(lt_cell){ .text = buf + 1, .len = n - 1 }, out))
			return -1;
		*out = -*out;
		return 0;
	}
	if (!grouped_int(buf, &iv)) {
		*out = (double)iv;
		return 0;
	}
	/* "1234,5" or "1234.5": one decimal mark. */
	for (char *p = buf; *p; p++)
		if (*p == ',')
			*p = '.';
	*out = strtod(buf, &end);
	return (end == buf || *end) ? -1 : 0;
}

int lt_io_unit(lt_db *db, lt_arena *a, const char *code, const char *within, int64_t *id,
	       lt_error *e)
{
	lt_unit u;
	int rc = lt_unit_get_by_code(db, code, a, &u, e);

	if (rc)
		return rc;
	if (within && !lt_tree_path_under(u.path, within))
		return lt_error_set(e, LT_EFORBIDDEN, "unit", "Đơn vị %s nằm ngoài phạm vi của bạn",
				    "Unit %s is outside your part of the tree", code);
	*id = u.id;
	return 0;
}

/* Folded form equal to one of the aliases? */
static bool fold_is(const char *folded, const char *const *aliases)
{
	for (size_t i = 0; aliases[i]; i++)
		if (!strcmp(folded, aliases[i]))
			return true;
	return false;
}

/* Channel code of a cell: the code itself or a Vietnamese name. NULL if unknown. */
const char *lt_io_channel(const char *text)
{
	static const struct {
		const char *code;
		const char *const aliases[6];
	} t[] = {
		{ "facebook", { "facebook", "fb", NULL } },
		{ "zalo", { "zalo", NULL } },
		{ "youtube", { "youtube", NULL } },
		{ "tiktok", { "tiktok", NULL } },
		{ "website", { "website", "trang web", "trang thong tin dien tu", "web", NULL } },
		{ "e-newspaper", { "e-newspaper", "bao dien tu", "bao mang", NULL } },
		{ "radio", { "radio", "phat thanh", "dai phat thanh", NULL } },
		{ "tv", { "tv", "truyen hinh", "dai truyen hinh", NULL } },
		{ "print", { "print", "bao in", "an pham", NULL } },
		{ "event", { "event", "su kien", "su kien truc tiep", "in-person event", NULL } },
		{ "other", { "other", "khac", NULL } },
	};
	char *f = lt_text_fold(text, strlen(text));
	const char *found = NULL;

	for (size_t i = 0; f && !found && i < sizeof(t) / sizeof(t[0]); i++)
		if (fold_is(f, t[i].aliases))
			found = t[i].code;
	free(f);
	return found;
}

const char *lt_io_kind(const char *text)
{
	static const struct {
		const char *code;
		const char *const aliases[5];
	} t[] = {
		{ "post", { "post", "bai dang", "tin dang", NULL } },
		{ "share", { "share", "chia se", NULL } },
		{ "article", { "article", "bai bao", "bai viet", NULL } },
		{ "video", { "video", "clip", NULL } },
		{ "livestream", { "livestream", "truc tuyen", "phat truc tiep", NULL } },
		{ "event", { "event", "su kien", NULL } },
	};
	char *f = lt_text_fold(text, strlen(text));
	const char *found = NULL;

	for (size_t i = 0; f && !found && i < sizeof(t) / sizeof(t[0]); i++)
		if (fold_is(f, t[i].aliases))
			found = t[i].code;
	free(f);
	return found;
}

/* ---------- activities ---------- */

enum { IC_UNIT, IC_THEME, IC_CHANNEL, IC_KIND, IC_URL, IC_TITLE, IC_DATE, IC_VIEWS,
       IC_REACTIONS, IC_COMMENTS, IC_SHARES, IC_COUNTS_ON, IC_KIT, IC_UNIT_NAME, IC_ORIGINAL, IC_N };

static const lt_io_col item_cols[IC_N] = {
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
	json_t *arr = NULL, *t;
	size_t i;
	int rc = lt_directive_themes(db, directive_id, &arr, e);

	*out = NULL;
	*n = 0;
	if (rc)
		return rc;
	*out = lt_arena_alloc(a, (json_array_size(arr) + 1) * sizeof(**out));
	json_array_foreach(arr, i, t) {
		const char *title = json_string_value(json_object_get(t, "title"));
		char *f = lt_text_fold(title, strlen(title));
		(*out)[i].id = json_integer_value(json_object_get(t, "id"));
		(*out)[i].pos = json_integer_value(json_object_get(t, "pos"));
		(*out)[i].title = lt_arena_strdup(a, title);
		(*out)[i].fold = lt_arena_strdup(a, f ? f : "");
		free(f);
	}
	*n = json_array_size(arr);
	json_decref(arr);
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
	if (lt_io_count(x, &v)) {
		lt_io_err(rep, s, r, c, field, "\"%s\" không phải số nguyên không âm",
			  "\"%s\" is not a non-negative whole number", x->text);
		return -1;
	}
	return v;
}

int lt_activity_io_items(lt_db *db, int64_t directive_id, const lt_table *t, int64_t unit_id,
			 const char *within, lt_arena *a, lt_activity_in **rows, size_t *n,
			 lt_import_report *rep, lt_error *e)
{
	lt_sheet *s = NULL;
	lt_unit fixed;
	theme_ref *themes = NULL;
	size_t nthemes = 0, k = 0;
	int col_of[IC_N];
	int64_t last_unit = 0;
	char last_code[64] = "";
	int rc;

	*rows = NULL;
	*n = 0;
	memset(&fixed, 0, sizeof(fixed));
	rc = lt_io_header(t, LT_IO_ITEMS_SHEET, item_cols, IC_N, "danh sách hoạt động",
			  "an activity list", &s, col_of, rep, e);
	if (rc && !s)
		return rc;
	if (!col_of[IC_URL] && !col_of[IC_CHANNEL])
		lt_io_err(rep, s, 1, 0, "url", "Cần cột \"Đường dẫn\" hoặc \"Kênh\"",
			  "A \"Đường dẫn\" (link) or \"Kênh\" (channel) column is needed");
	if (!unit_id && !col_of[IC_UNIT])
		lt_io_err(rep, s, 1, 0, "unit_code", "Thiếu cột bắt buộc \"%s\"",
			  "Missing required column \"%s\"", item_cols[IC_UNIT].vi);
	if (rep->total)
		goto done;
	if (unit_id) {
		rc = lt_unit_get(db, unit_id, a, &fixed, e);
		if (rc)
			return rc;
	}
	rc = load_themes(db, directive_id, a, &themes, &nthemes, e);
	if (rc)
		return rc;
	*rows = lt_arena_alloc(a, (size_t)(s->nrows + 1) * sizeof(**rows));
	if (!*rows)
		return lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	for (int r = 2; r <= s->nrows; r++) {
		lt_activity_in *x = &(*rows)[k];
		const char *v;
		char d[11];
		lt_channel ch = LT_CHANNEL_OTHER;
		bool has_ch = false;
		size_t before = rep->total;

		if (lt_io_blank(s, r, col_of, IC_N, IC_UNIT))
			continue;
		memset(x, 0, sizeof(*x));
		x->line = r;
		/* unit */
		v = col_of[IC_UNIT] ? lt_io_text(a, lt_io_cell(s, r, col_of[IC_UNIT])) : NULL;
		if (unit_id) {
			if (v && strcmp(v, fixed.code))
				lt_io_err(rep, s, r, col_of[IC_UNIT], "unit_code",
					  "Mã đơn vị %s không phải đơn vị của bạn (%s)",
					  "Unit code %s is not your unit (%s)", v, fixed.code);
			x->unit_id = unit_id;
		} else if (!v) {
			lt_io_err(rep, s, r, col_of[IC_UNIT], "unit_code", "Thiếu mã đơn vị",
				  "The unit code is missing");
		} else if (!strcmp(v, last_code)) {
			x->unit_id = last_unit;
		} else {
			lt_error ue;
			if (lt_io_unit(db, a, v, within, &x->unit_id, &ue))
				lt_io_err(rep, s, r, col_of[IC_UNIT], "unit_code", "%s", "%s", ue.vi);
			else {
				snprintf(last_code, sizeof(last_code), "%s", v);
				last_unit = x->unit_id;
			}
		}
		/* link and channel */
		v = col_of[IC_URL] ? lt_io_text(a, lt_io_cell(s, r, col_of[IC_URL])) : NULL;
		if (v) {
			char *canon = NULL;
			lt_error ue;
			if (lt_url_canonical(v, &canon, &ch, &ue)) {
				lt_io_err(rep, s, r, col_of[IC_URL], "url", "%s", "%s", ue.vi);
			} else {
				x->url = v;
				x->url_canonical = lt_arena_strdup(a, canon);
				has_ch = true;
			}
			free(canon);
		}
		v = col_of[IC_CHANNEL] ? lt_io_text(a, lt_io_cell(s, r, col_of[IC_CHANNEL])) : NULL;
		if (v) {
			x->channel = lt_io_channel(v);
			if (!x->channel)
				lt_io_err(rep, s, r, col_of[IC_CHANNEL], "channel",
					  "Kênh không rõ \"%s\" (facebook, zalo, youtube, tiktok, website,"
					  " e-newspaper, radio, tv, print, event, other)",
					  "Unknown channel \"%s\"", v);
		} else if (has_ch) {
			x->channel = lt_channel_code(ch);
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
		if (lt_io_date(lt_io_cell(s, r, col_of[IC_DATE]), d))
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
			if (lt_io_date(lt_io_cell(s, r, col_of[IC_COUNTS_ON]), d))
				lt_io_err(rep, s, r, col_of[IC_COUNTS_ON], "counts_on",
					  "Ngày không hợp lệ \"%s\" (dd/mm/yyyy)",
					  "Invalid date \"%s\" (dd/mm/yyyy)",
					  lt_io_cell(s, r, col_of[IC_COUNTS_ON])->text);
			else
				x->counts_on = lt_arena_strdup(a, d);
		}
		if (col_of[IC_KIT] && lt_io_cell(s, r, col_of[IC_KIT])->len &&
		    lt_io_count(lt_io_cell(s, r, col_of[IC_KIT]), &x->kit_item_id))
			lt_io_err(rep, s, r, col_of[IC_KIT], "kit_item_id",
				  "\"%s\" không phải mã đường dẫn (số)", "\"%s\" is not a link id",
				  lt_io_cell(s, r, col_of[IC_KIT])->text);
		/* Whatever the cells say, the row as a whole must pass the store's rules. */
		if (rep->total == before) {
			lt_error ve;
			if (lt_activity_validate(x, &ve)) {
				int c = 0;
				for (int q = 0; q < IC_N; q++)
					if (!strcmp(item_cols[q].key, ve.field) ||
					    (!strcmp(ve.field, "unit") && q == IC_UNIT))
						c = col_of[q];
				lt_io_err(rep, s, r, c, ve.field, "%s", "%s", ve.vi);
			}
		}
		k++;
	}
	if (!k && !rep->total)
		lt_io_err(rep, s, 2, 0, "", "Không có dòng dữ liệu nào", "There is no data row");
done:
	if (rep->total) {
		lt_import_report_first(rep, e);
		return LT_EINVAL;
	}
	*n = k;
	return 0;
}

void lt_activity_io_store_error(const lt_table *t, const char *list, int line, const lt_error *e,
				lt_import_report *rep)
{
	const bool items = !strcmp(list, "items"), entries = !strcmp(list, "entries");
	const lt_io_col *cols = items ? item_cols : entries ? lt_io_entry_cols : NULL;
	size_t ncols = items ? IC_N : entries ? lt_io_entry_ncols : 0;
	const char *name = items ? LT_IO_ITEMS_SHEET : entries ? LT_IO_ENTRIES_SHEET
							     : LT_IO_FIGURES_SHEET;
	const char *field = e->field[0] ? e->field : "";
	lt_sheet *s = lt_table_sheet(t, name);
	int col = 0;

	if (!s)
		s = lt_table_sheet_at(t, 0);
	/* The store says "unit" where the sheet has the unit's code. */
	if (!strcmp(field, "unit"))
		field = "unit_code";
	else if (!strcmp(field, "kit_item_id"))
		field = "kit_item";
	for (int c = 1; s && !col && c <= lt_sheet_row_len(s, 1); c++) {
		const char *h = lt_sheet_cell(s, 1, c)->text;
		lt_io_col probe = { field, field, NULL, false };
		if (lt_io_header_is(h, &probe))
			col = c;
		for (size_t q = 0; !col && q < ncols; q++)
			if (!strcmp(cols[q].key, field) && lt_io_header_is(h, &cols[q]))
				col = c;
	}
	lt_io_err(rep, s, line, col, field, "%s", "%s", e->vi);
	if (rep->n)
		memcpy(rep->v[rep->n - 1].en, e->en, sizeof(e->en));
}

static void header_row(lt_sheet *s, const lt_io_col *cols, size_t n)
{
	for (size_t k = 0; k < n; k++)
		lt_sheet_set_text(s, 1, (int)k + 1, cols[k].vi, strlen(cols[k].vi));
}

static void set_count(lt_sheet *s, int r, int c, json_t *v)
{
	if (json_is_integer(v))
		lt_sheet_set_number(s, r, c, (double)json_integer_value(v), LT_NUMFMT_GENERAL);
}

static void set_str(lt_sheet *s, int r, int c, const char *v)
{
	if (v)
		lt_sheet_set_text(s, r, c, v, strlen(v));
}

int lt_activity_io_items_table(lt_db *db, const lt_activity_filter *f, lt_table **out,
			       lt_error *e)
{
	lt_activity_filter all = *f;
	lt_table *t = NULL;
	lt_sheet *s;
	json_t *items = NULL, *counts = NULL, *x;
	size_t i;
	int rc;

	*out = NULL;
	all.limit = 10000;
	all.offset = 0;
	rc = lt_activity_list(db, &all, &items, &counts, e);
	if (rc)
		return rc;
	if (lt_table_new(&t) || !(s = lt_table_add_sheet(t, LT_IO_ITEMS_SHEET))) {
		rc = lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
		goto out;
	}
	header_row(s, item_cols, IC_N);
	/* Oldest first, as cadres keep their lists. */
	for (i = json_array_size(items); i-- > 0;) {
		int r = s->nrows + 1;
		json_t *th;
		x = json_array_get(items, i);
		set_str(s, r, IC_UNIT + 1,
			json_string_value(json_object_get(json_object_get(x, "unit"), "code")));
		th = json_object_get(x, "theme");
		if (json_is_object(th)) {
			char buf[600];
			snprintf(buf, sizeof(buf), "%lld. %s",
				 (long long)json_integer_value(json_object_get(th, "pos")),
				 json_string_value(json_object_get(th, "title")));
			set_str(s, r, IC_THEME + 1, buf);
		}
		set_str(s, r, IC_CHANNEL + 1, json_string_value(json_object_get(x, "channel")));
		set_str(s, r, IC_KIND + 1, json_string_value(json_object_get(x, "kind")));
		set_str(s, r, IC_URL + 1, json_string_value(json_object_get(x, "url")));
		set_str(s, r, IC_TITLE + 1, json_string_value(json_object_get(x, "title")));
		lt_sheet_set_date(s, r, IC_DATE + 1, json_string_value(json_object_get(x, "date")));
		set_count(s, r, IC_VIEWS + 1, json_object_get(x, "views"));
		set_count(s, r, IC_REACTIONS + 1, json_object_get(x, "reactions"));
		set_count(s, r, IC_COMMENTS + 1, json_object_get(x, "comments"));
		set_count(s, r, IC_SHARES + 1, json_object_get(x, "shares"));
		if (json_is_string(json_object_get(x, "counts_on")))
			lt_sheet_set_date(s, r, IC_COUNTS_ON + 1,
					  json_string_value(json_object_get(x, "counts_on")));
		set_count(s, r, IC_KIT + 1, json_object_get(x, "kit_item_id"));
		set_str(s, r, IC_UNIT_NAME + 1,
			json_string_value(json_object_get(json_object_get(x, "unit"), "name")));
		set_str(s, r, IC_ORIGINAL + 1,
			json_is_true(json_object_get(x, "is_original")) ? "gốc" : "chia sẻ");
	}
	*out = t;
	t = NULL;
out:
	lt_table_free(t);
	json_decref(items);
	json_decref(counts);
	return rc;
}

/* Codes of the active units under within (for a unit drop-down), in path order. */
int lt_io_unit_codes(lt_db *db, const char *within, lt_arena *a, const char ***codes, int *n,
		     lt_error *e)
{
	lt_stmt *st = NULL;
	char end[LT_PATH_MAX];
	const char **v = NULL;
	int cap = 0, k = 0;
	int rc;

	*codes = NULL;
	*n = 0;
	lt_tree_path_end(within, end);
	rc = lt_db_prepare(db,
			   "SELECT code FROM unit WHERE path >= $1 AND path < $2 AND active_to IS NULL"
			   " ORDER BY path LIMIT 5000",
			   &st, e);
	if (rc)
		return rc;
	lt_stmt_bind_text(st, 1, within);
	lt_stmt_bind_text(st, 2, end);
	while ((rc = lt_stmt_step(st, e)) == 1) {
		if (k == cap) {
			const char **nv;
			cap = cap ? cap * 2 : 64;
			nv = lt_arena_alloc(a, (size_t)cap * sizeof(*nv));
			if (!nv)
				break;
			if (k)
				memcpy(nv, v, (size_t)k * sizeof(*nv));
			v = nv;
		}
		v[k++] = lt_arena_strdup(a, lt_stmt_text(st, 0));
	}
	lt_stmt_done(st);
	if (rc < 0)
		return rc;
	*codes = v;
	*n = k;
	return 0;
}

int lt_activity_io_items_template(lt_db *db, int64_t directive_id, int64_t unit_id,
				  const char *within, lt_buf *out, lt_error *e)
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
	lt_unit u;
	theme_ref *themes = NULL;
	size_t nthemes = 0;
	const char **theme_choices = NULL, **codes = NULL;
	int ncodes = 0;
	lt_xlsx_col cols[IC_COUNTS_ON + 1];
	lt_xlsx_template tpl = { 0 };
	int rc;

	lt_arena_init(&a);
	memset(cols, 0, sizeof(cols));
	rc = load_themes(db, directive_id, &a, &themes, &nthemes, e);
	if (!rc && unit_id)
		rc = lt_unit_get(db, unit_id, &a, &u, e);
	if (!rc && !unit_id)
		rc = lt_io_unit_codes(db, within, &a, &codes, &ncodes, e);
	if (rc)
		goto out;
	theme_choices = lt_arena_alloc(&a, (nthemes + 1) * sizeof(*theme_choices));
	for (size_t i = 0; i < nthemes; i++)
		theme_choices[i] = lt_arena_printf(&a, "%lld. %s", (long long)themes[i].pos,
						   themes[i].title);
	for (int k = 0; k <= IC_COUNTS_ON; k++) {
		cols[k].header = item_cols[k].vi;
		cols[k].kind = LT_XLSX_TEXT;
	}
	if (unit_id) {
		cols[IC_UNIT].constant = u.code;
	} else {
		cols[IC_UNIT].choices = codes;
		cols[IC_UNIT].nchoices = ncodes;
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
	tpl.sheet = LT_IO_ITEMS_SHEET;
	tpl.cols = cols;
	tpl.ncols = IC_COUNTS_ON + 1;
	tpl.nrows = 300;
	tpl.instructions_sheet = "Hướng dẫn";
	tpl.instructions = help;
	tpl.ninstructions = (int)(sizeof(help) / sizeof(help[0]));
	rc = lt_xlsx_template_write_buf(&tpl, out, e);
out:
	lt_arena_free(&a);
	return rc;
}
