/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * activity_io.c — spreadsheets in and out for the activity log: reading
 * an upload, the error report, and the cell readers, header mapping, unit
 * of a row and table building every list shares. The lists themselves:
 * activity_io_items.c (activities), activity_io_figures.c (figures),
 * activity_io_entries.c (contest entries); the use cases that run them:
 * activity_io_run.c. See activity_io.h.
 */
#include <ctype.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/activity_access.h"
#include "app/activity_io_int.h"
#include "core/validate.h"
#include "render/csv.h"
#include "render/xlsx_read.h"
#include "render/xlsx_write.h"
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
		lt_buf_putf(out, "%s: %s\n", where, en ? r->v[i].en : r->v[i].vi);
	}
	if (r->total > r->n)
		lt_buf_putf(out, en ? "… and %zu more errors\n" : "… và %zu lỗi khác\n",
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
		 const char *what_vi, lt_sheet **out, int *col_of, lt_import_report *rep, lt_error *e)
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
		lt_ignore(lt_table_sheet_names(t, &names)); /* too many to list: the message has none */
		/* The English message names the list in Vietnamese too: it is the sheet's language. */
		lt_error_set(e, LT_EINVAL, s->name,
			     "Trang “%s” không phải %s (không có cột nào quen thuộc ở dòng 1);"
			     " các trang trong tệp: %s",
			     "Sheet “%s” is not %s (no known column in row 1); the file's sheets: %s",
			     s->name, what_vi, lt_buf_cstr(&names));
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

bool lt_io_date(const lt_cell *c, char out[11])
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
			return false;
		memcpy(out, iso, 10);
		out[10] = '\0';
	} else if ((sscanf(t, "%4d-%2d-%2d%n", &y, &m, &d, &n) == 3 && n == 10) ||
		   (sscanf(t, "%2d/%2d/%4d%n", &d, &m, &y, &n) == 3 && y >= 1900)) {
		if (y < 1900 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31)
			return false;
		snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u,
			 (unsigned)d % 100u);
	} else {
		return false;
	}
	return lt_date_valid(out);
}

/* Digits with optional "." "," or space thousands separators ("12.345"): true when t reads so. */
static bool grouped_int(const char *t, int64_t *out)
{
	int64_t v = 0;
	int digits = 0, group = -1;

	if (!*t)
		return false;
	for (; *t; t++) {
		if (*t >= '0' && *t <= '9') {
			if (v > 100000000000000LL)
				return false;
			v = v * 10 + (*t - '0');
			digits++;
			if (group >= 0)
				group++;
		} else if ((*t == '.' || *t == ',' || *t == ' ') && digits) {
			if (group >= 0 && group != 3)
				return false;
			if (group < 0 && digits > 3)
				return false;
			group = 0;
		} else {
			return false;
		}
	}
	if (group >= 0 && group != 3)
		return false;
	*out = v;
	return true;
}

bool lt_io_count(const lt_cell *c, int64_t *out)
{
	char buf[64];
	size_t n;

	if (c->type == LT_CELL_NUMBER) {
		if (c->num < 0 || c->num > 1e14 || c->num != (double)(int64_t)c->num)
			return false;
		*out = (int64_t)c->num;
		return true;
	}
	n = c->len < sizeof(buf) - 1 ? c->len : sizeof(buf) - 1;
	memcpy(buf, c->text, n);
	buf[n] = '\0';
	while (n && buf[n - 1] == ' ')
		buf[--n] = '\0';
	return grouped_int(buf[0] == ' ' ? buf + strspn(buf, " ") : buf, out);
}

bool lt_io_number(const lt_cell *c, double *out)
{
	char buf[64], *end;
	int64_t iv;
	size_t n;

	if (c->type == LT_CELL_NUMBER) {
		*out = c->num;
		return true;
	}
	n = c->len < sizeof(buf) - 1 ? c->len : sizeof(buf) - 1;
	memcpy(buf, c->text, n);
	buf[n] = '\0';
	if (buf[0] == '-') {
		/* Negative numbers are read so that the rules can say why they are refused. */
		if (!lt_io_number(&(lt_cell){ .text = buf + 1, .len = n - 1 }, out))
			return false;
		*out = -*out;
		return true;
	}
	if (grouped_int(buf, &iv)) {
		*out = (double)iv;
		return true;
	}
	/* "1234,5" or "1234.5": one decimal mark. */
	for (char *p = buf; *p; p++)
		if (*p == ',')
			*p = '.';
	*out = strtod(buf, &end);
	return end != buf && !*end;
}

/* Unit id of code, which must lie in who's subtree. */
static int unit_of(lt_db *db, const lt_actor *who, lt_arena *a, const char *code, int64_t *id,
		   lt_error *e)
{
	lt_unit u;
	int rc = lt_unit_get_by_code(db, code, a, &u, e);

	if (rc)
		return rc;
	if (!lt_actor_reads(who, u.path))
		return lt_error_set(e, LT_EFORBIDDEN, "unit", "Đơn vị %s nằm ngoài phạm vi của bạn",
				    "Unit %s is outside your part of the tree", code);
	*id = u.id;
	return 0;
}

void lt_io_row_unit(lt_db *db, const lt_actor *who, lt_arena *a, const lt_sheet *s, int r, int col,
		    int64_t unit_id, const char *fixed_code, lt_io_unit_memo *memo, int64_t *id,
		    lt_import_report *rep)
{
	const char *v = col ? lt_io_text(a, lt_io_cell(s, r, col)) : NULL;
	lt_error ue;

	if (unit_id) {
		if (v && strcmp(v, fixed_code))
			lt_io_err(rep, s, r, col, "unit_code",
				  "Mã đơn vị %s không phải đơn vị của bạn (%s)",
				  "Unit code %s is not your unit (%s)", v, fixed_code);
		*id = unit_id;
	} else if (!v) {
		lt_io_err(rep, s, r, col, "unit_code", "Thiếu mã đơn vị", "The unit code is missing");
	} else if (memo && !strcmp(v, memo->code)) {
		*id = memo->id;
	} else if (unit_of(db, who, a, v, id, &ue)) {
		lt_io_err(rep, s, r, col, "unit_code", "%s%.0s", "%.0s%s", ue.vi, ue.en);
	} else if (memo) {
		snprintf(memo->code, sizeof(memo->code), "%s", v);
		memo->id = *id;
	}
}

int lt_io_unit_code(lt_db *db, int64_t unit_id, lt_arena *a, const char **code, lt_error *e)
{
	lt_unit u;
	int rc;

	*code = "";
	if (!unit_id)
		return 0;
	rc = lt_unit_get(db, unit_id, a, &u, e);
	if (!rc)
		*code = u.code;
	return rc;
}

int lt_io_template_unit_col(lt_db *db, const lt_actor *who, int64_t unit_id, lt_arena *a,
			    lt_xlsx_col *col, lt_error *e)
{
	const char **codes = NULL;
	size_t n = 0;
	int rc;

	if (unit_id)
		return lt_io_unit_code(db, unit_id, a, &col->constant, e);
	rc = lt_activity_unit_codes(db, who->unit_path, a, &codes, &n, e);
	col->choices = codes;
	col->nchoices = (int)n;
	return rc;
}

int lt_io_template_write(const char *sheet, const lt_io_col *heads, lt_xlsx_col *cols, int ncols,
			 int nrows, const char *const *help, int nhelp, lt_buf *out, lt_error *e)
{
	lt_xlsx_template tpl = { 0 };

	for (int k = 0; k < ncols; k++)
		if (!cols[k].header)
			cols[k].header = heads[k].vi;
	tpl.sheet = sheet;
	tpl.cols = cols;
	tpl.ncols = ncols;
	tpl.nrows = nrows;
	tpl.instructions_sheet = "Hướng dẫn";
	tpl.instructions = help;
	tpl.ninstructions = nhelp;
	return lt_xlsx_template_write_buf(&tpl, out, e);
}

int lt_io_start(lt_db *db, const lt_table *t, const char *sheet, const lt_io_col *cols,
		size_t ncols, const char *what_vi, int unit_col, int64_t unit_id, lt_arena *a,
		lt_sheet **s, int *col_of, const char **fixed, lt_import_report *rep, lt_error *e)
{
	int rc = lt_io_header(t, sheet, cols, ncols, what_vi, s, col_of, rep, e);

	*fixed = "";
	if (rc && !*s)
		return rc;
	if (!unit_id && !col_of[unit_col])
		lt_io_err(rep, *s, 1, 0, "unit_code", "Thiếu cột bắt buộc \"%s\"",
			  "Missing required column \"%s\"", cols[unit_col].vi);
	if (rep->total)
		return LT_EINVAL;
	return lt_io_unit_code(db, unit_id, a, fixed, e);
}

int lt_io_rows_end(const lt_sheet *s, size_t k, size_t *n, lt_import_report *rep, lt_error *e)
{
	if (!k && !rep->total)
		lt_io_err(rep, s, 2, 0, "", "Không có dòng dữ liệu nào", "There is no data row");
	if (rep->total) {
		lt_import_report_first(rep, e);
		return LT_EINVAL;
	}
	*n = k;
	return 0;
}

/* A code and the folded names a cell may give for it (NULL-terminated). */
typedef struct code_aliases {
	const char *code;
	const char *const aliases[6];
} code_aliases;

/* Code of t[0..n) whose aliases hold the folded text, or NULL. */
static const char *code_of(const code_aliases *t, size_t n, const char *text)
{
	char *f = lt_text_fold(text, strlen(text));
	const char *found = NULL;

	for (size_t i = 0; f && !found && i < n; i++)
		for (size_t j = 0; !found && t[i].aliases[j]; j++)
			if (!strcmp(f, t[i].aliases[j]))
				found = t[i].code;
	free(f);
	return found;
}

/* Channel code of a cell: the code itself or a Vietnamese name. NULL if unknown. */
const char *lt_io_channel(const char *text)
{
	static const code_aliases t[] = {
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

	return code_of(t, sizeof(t) / sizeof(t[0]), text);
}

const char *lt_io_kind(const char *text)
{
	static const code_aliases t[] = {
		{ "post", { "post", "bai dang", "tin dang", NULL } },
		{ "share", { "share", "chia se", NULL } },
		{ "article", { "article", "bai bao", "bai viet", NULL } },
		{ "video", { "video", "clip", NULL } },
		{ "livestream", { "livestream", "truc tuyen", "phat truc tiep", NULL } },
		{ "event", { "event", "su kien", NULL } },
	};

	return code_of(t, sizeof(t) / sizeof(t[0]), text);
}

void lt_io_set_text(lt_sheet *s, int r, int c, const char *v)
{
	if (v)
		lt_ignore(lt_sheet_set_text(s, r, c, v, strlen(v))); /* kept by lt_table_error */
}

void lt_io_header_row(lt_sheet *s, const lt_io_col *cols, size_t n)
{
	for (size_t k = 0; k < n; k++)
		lt_io_set_text(s, 1, (int)k + 1, cols[k].vi);
}

int lt_io_table_new(const char *name, const lt_io_col *cols, size_t n, lt_table **t, lt_sheet **s,
		    lt_error *e)
{
	*s = NULL;
	if (lt_table_new(t) || !(*s = lt_table_add_sheet(*t, name)))
		return lt_app_act_nomem(e);
	lt_io_header_row(*s, cols, n);
	return 0;
}

int lt_io_rows_begin(lt_io_rows *r, const char *sheet, const lt_io_col *cols, size_t ncols,
		     lt_io_sink sink, void *ctx, bool xlsx, lt_error *e)
{
	int rc;

	*r = (lt_io_rows){ .sheet = sheet, .cols = cols, .ncols = ncols, .sink = sink, .ctx = ctx };
	lt_buf_init(&r->csv, 64u << 20); /* a piece: a few MB at most */
	rc = lt_io_table_new(sheet, cols, ncols, &r->t, &r->s, e);
	if (!rc && sink && xlsx && (rc = lt_xlsx_stream_open(sheet, &r->xlsx, e))) {
		lt_table_free(r->t);
		r->t = NULL;
	}
	return rc;
}

/* The piece's rows written out (CSV or XLSX) and let go; a new piece begun when more may come. */
static int write_piece(lt_io_rows *r, bool more, lt_error *e)
{
	lt_table *done = NULL;
	int rc = lt_io_table_end(r->t, 0, &done, e); /* on error the table is freed */
	int first = r->started ? 2 : 1;

	r->t = NULL;
	lt_buf_reset(&r->csv);
	if (!rc && r->xlsx)
		rc = lt_xlsx_stream_put(r->xlsx, lt_table_sheet_at(done, 0), first, e);
	else if (!rc)
		rc = r->started ? lt_csv_write_rows(lt_table_sheet_at(done, 0), 2, ',', &r->csv, e)
				: lt_csv_write(lt_table_sheet_at(done, 0), ',', &r->csv, e);
	r->started = true;
	if (!rc && r->csv.len && r->sink(r->csv.ptr, r->csv.len, r->ctx))
		rc = lt_error_set(e, LT_EIO, "file", "Không ghi được tệp xuất",
				  "Cannot write the export");
	lt_table_free(done);
	if (!rc && more)
		rc = lt_io_table_new(r->sheet, r->cols, r->ncols, &r->t, &r->s, e);
	return rc;
}

int lt_io_rows_added(lt_io_rows *r, lt_error *e)
{
	return r->sink && r->s->nrows > LT_IO_PIECE ? write_piece(r, true, e) : 0;
}

int lt_io_rows_finish(lt_io_rows *r, int rc, lt_table **out, lt_error *e)
{
	if (out)
		*out = NULL;
	if (!r->sink) /* nothing was written into r->csv */
		return lt_io_table_end(r->t, rc, out, e);
	if (!rc && r->t)
		rc = write_piece(r, false, e);
	if (r->xlsx)
		rc = lt_xlsx_stream_close(r->xlsx, rc, r->sink, r->ctx, e);
	lt_buf_free(&r->csv);
	lt_table_free(r->t);
	return rc;
}

int lt_io_table_end(lt_table *t, int rc, lt_table **out, lt_error *e)
{
	if (!rc && lt_table_error(t)) /* the cells ignore theirs: the table keeps the first */
		rc = lt_error_set(e, lt_table_error(t), NULL, "Không tạo được bảng",
				  "Cannot build the table");
	if (rc) {
		lt_table_free(t);
		return rc;
	}
	*out = t;
	return 0;
}

void lt_io_store_error(const lt_table *t, lt_app_list list, int line, const lt_error *e,
		       lt_import_report *rep)
{
	const bool items = list == LT_APP_LIST_ITEMS, entries = list == LT_APP_LIST_ENTRIES;
	const lt_io_col *cols = items ? lt_io_item_cols : entries ? lt_io_entry_cols : NULL;
	size_t ncols = items ? lt_io_item_ncols : entries ? lt_io_entry_ncols : 0;
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
