/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* xlsx_write.c — see xlsx_write.h. */
#include "render/xlsx_write.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#define WIDTH_MIN 8.0
#define WIDTH_MAX 60.0
#define LIST_INLINE_MAX 255 /* Excel's limit on an inline validation list */

typedef struct formats {
	lxw_format *header, *money, *date, *datetime, *time, *text, *constant, *wrap,
		*bold;
} formats;

/* Characters (not bytes) of UTF-8 text: what a column width counts. */
static size_t u8chars(const char *s, size_t n)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++)
		k += ((unsigned char)s[i] & 0xC0) != 0x80;
	return k;
}

static double clamp_width(size_t chars, double lo)
{
	double w = (double)chars + 2;
	return w < lo ? lo : (w > WIDTH_MAX ? WIDTH_MAX : w);
}

static int io_err(lt_error *e, const char *path, lxw_error err)
{
	return lt_error_set(e, LT_EIO, "file", "Không ghi được tệp XLSX %s: %s",
			    "Cannot write XLSX file %s: %s", path, lxw_strerror(err));
}

static void make_formats(lxw_workbook *wb, formats *f)
{
	f->header = workbook_add_format(wb);
	format_set_bold(f->header);
	format_set_bg_color(f->header, 0xD9E1F2);
	format_set_bottom(f->header, LXW_BORDER_THIN);
	format_set_text_wrap(f->header);
	format_set_align(f->header, LXW_ALIGN_VERTICAL_CENTER);
	f->money = workbook_add_format(wb);
	format_set_num_format_index(f->money, 3); /* built-in "#,##0" */
	f->date = workbook_add_format(wb);
	format_set_num_format(f->date, "dd/mm/yyyy");
	f->datetime = workbook_add_format(wb);
	format_set_num_format(f->datetime, "dd/mm/yyyy hh:mm");
	f->time = workbook_add_format(wb);
	format_set_num_format(f->time, "hh:mm:ss");
	f->text = workbook_add_format(wb);
	format_set_num_format(f->text, "@");
	f->constant = workbook_add_format(wb);
	format_set_num_format(f->constant, "@");
	format_set_bg_color(f->constant, 0xEDEDED);
	f->wrap = workbook_add_format(wb);
	format_set_text_wrap(f->wrap);
	format_set_align(f->wrap, LXW_ALIGN_VERTICAL_TOP);
	f->bold = workbook_add_format(wb);
	format_set_bold(f->bold);
}

/*
 * A sheet name Excel accepts, into buf: no []:*?/\, no leading or trailing
 * apostrophe, at most 31 characters, not "History"; dflt when nothing is left.
 */
static void sheet_name(const char *name, const char *dflt, char buf[128])
{
	size_t w = 0, chars = 0;

	for (const char *p = name ? name : ""; *p && w < 124;) {
		size_t k = 1;
		unsigned char c = (unsigned char)*p;
		if (c >= 0xF0)
			k = 4;
		else if (c >= 0xE0)
			k = 3;
		else if (c >= 0xC0)
			k = 2;
		if (chars == 31 || strnlen(p, k) < k)
			break;
		if (k == 1 && strchr("[]:*?/\\", c))
			buf[w++] = '_';
		else
			memcpy(buf + w, p, k), w += k;
		p += k;
		chars++;
	}
	while (w && buf[w - 1] == '\'')
		w--;
	buf[w] = '\0';
	if (buf[0] == '\'')
		buf[0] = '_';
	if (!w || strcasecmp(buf, "History") == 0)
		snprintf(buf, 128, "%s", dflt);
}

static lxw_worksheet *add_sheet(lxw_workbook *wb, const char *name, int i)
{
	char buf[128], dflt[32];
	lxw_worksheet *ws;

	snprintf(dflt, sizeof(dflt), "Sheet%d", i + 1);
	sheet_name(name, dflt, buf);
	ws = workbook_get_worksheet_by_name(wb, buf) ? NULL : workbook_add_worksheet(wb, buf);
	if (!ws && !workbook_get_worksheet_by_name(wb, dflt))
		ws = workbook_add_worksheet(wb, dflt); /* duplicate or refused name */
	return ws;
}

static lxw_error write_cell(lxw_worksheet *ws, const formats *f, int r, int c,
			    const lt_cell *cell)
{
	lxw_row_t row = (lxw_row_t)(r - 1);
	lxw_col_t col = (lxw_col_t)(c - 1);
	lxw_format *hdr = r == 1 ? f->header : NULL;

	switch (cell->type) {
	case LT_CELL_STRING:
	case LT_CELL_ERROR:
		return worksheet_write_string(ws, row, col, cell->text, hdr);
	case LT_CELL_NUMBER:
		return worksheet_write_number(ws, row, col, cell->num,
					      hdr ? hdr : (cell->numfmt == LT_NUMFMT_MONEY ?
								   f->money : NULL));
	case LT_CELL_BOOL:
		return worksheet_write_boolean(ws, row, col, cell->num != 0, hdr);
	case LT_CELL_DATE:
		return worksheet_write_number(
			ws, row, col, cell->num,
			cell->len == 8 ? f->time : (cell->len > 10 ? f->datetime : f->date));
	default:
		return hdr ? worksheet_write_blank(ws, row, col, hdr) : LXW_NO_ERROR;
	}
}

static int write_sheet(lxw_worksheet *ws, const formats *f, const lt_sheet *s,
		       lt_error *e)
{
	double *width = NULL;
	int rc = 0;

	if (s->ncols) {
		width = calloc((size_t)s->ncols, sizeof(*width));
		if (!width)
			return lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	}
	for (int r = 1; r <= s->nrows && !rc; r++) {
		for (int c = 1; c <= lt_sheet_row_len(s, r); c++) {
			const lt_cell *cell = lt_sheet_cell(s, r, c);
			double w = cell->type == LT_CELL_DATE ? 12 :
				   clamp_width(u8chars(cell->text, cell->len), WIDTH_MIN);
			lxw_error err = write_cell(ws, f, r, c, cell);
			if (err) {
				char cn[8];
				lt_table_colname(c, cn);
				rc = lt_error_set(e, LT_EINVAL, s->name,
						  "Trang “%s”, ô %s%d: không ghi được (%s)",
						  "Sheet “%s”, cell %s%d: cannot write (%s)",
						  s->name, cn, r, lxw_strerror(err));
				break;
			}
			if (r == 1)
				w += 2; /* room for the autofilter button */
			if (w > width[c - 1])
				width[c - 1] = w;
		}
	}
	for (int c = 0; c < s->ncols && !rc; c++)
		worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, width[c], NULL);
	if (!rc && s->nrows) {
		worksheet_freeze_panes(ws, 1, 0);
		if (s->ncols)
			worksheet_autofilter(ws, 0, 0, (lxw_row_t)(s->nrows - 1),
					     (lxw_col_t)(s->ncols - 1));
	}
	free(width);
	return rc;
}

static lxw_workbook *open_wb(const char *path, lt_error *e)
{
	lxw_workbook_options opt = { 0 };
	lxw_workbook *wb;

	opt.tmpdir = getenv("TMPDIR");
	wb = workbook_new_opt(path, &opt);
	if (!wb)
		lt_error_set(e, LT_ENOMEM, NULL, "Không tạo được sổ tính",
			     "Cannot create workbook");
	return wb;
}

int lt_xlsx_write(const lt_table *t, const char *path, lt_error *e)
{
	lxw_workbook *wb = open_wb(path, e);
	formats f;
	lxw_error err;
	int rc = 0;

	if (!wb)
		return LT_ENOMEM;
	make_formats(wb, &f);
	for (int i = 0; i < t->nsheets && !rc; i++) {
		lxw_worksheet *ws = add_sheet(wb, t->sheets[i]->name, i);
		if (!ws)
			rc = lt_error_set(e, LT_EINVAL, t->sheets[i]->name,
					  "Tên trang không hợp lệ: “%s”",
					  "Invalid sheet name: “%s”", t->sheets[i]->name);
		else
			rc = write_sheet(ws, &f, t->sheets[i], e);
	}
	if (!rc && !t->nsheets && !workbook_add_worksheet(wb, NULL))
		rc = lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	err = workbook_close(wb); /* frees wb, also after an error */
	if (!rc && err)
		rc = io_err(e, path, err);
	if (rc)
		unlink(path);
	return rc;
}

/* ---- template ------------------------------------------------------------- */

static bool list_fits_inline(const lt_xlsx_col *c)
{
	size_t n = 0;

	for (int i = 0; i < c->nchoices; i++) {
		if (strpbrk(c->choices[i], ",\""))
			return false;
		n += strlen(c->choices[i]) + (i ? 1 : 0);
	}
	return n <= LIST_INLINE_MAX;
}

static lxw_error validate_col(lxw_worksheet *ws, const lt_xlsx_template *tpl, int c,
			      lxw_worksheet *lists, int *nlists)
{
	const lt_xlsx_col *col = &tpl->cols[c];
	lxw_data_validation dv = { 0 };
	char formula[64], cn[8];
	lxw_error err;

	if (col->choices && col->nchoices > 0) {
		dv.error_title = "Giá trị không hợp lệ";
		dv.error_message = "Hãy chọn một giá trị trong danh sách. / "
				   "Choose a value from the list.";
		if (list_fits_inline(col)) {
			dv.validate = LXW_VALIDATION_TYPE_LIST;
			dv.value_list = (char **)calloc((size_t)col->nchoices + 1, sizeof(char *));
			if (!dv.value_list)
				return LXW_ERROR_MEMORY_MALLOC_FAILED;
			for (int i = 0; i < col->nchoices; i++)
				dv.value_list[i] = (char *)col->choices[i];
		} else {
			/* One column per long list on the hidden "lists" sheet. */
			for (int i = 0; i < col->nchoices; i++) {
				err = worksheet_write_string(lists, (lxw_row_t)i,
							     (lxw_col_t)*nlists,
							     col->choices[i], NULL);
				if (err)
					return err;
			}
			lt_table_colname(*nlists + 1, cn);
			snprintf(formula, sizeof(formula), "=lists!$%s$1:$%s$%d", cn, cn,
				 col->nchoices);
			(*nlists)++;
			dv.validate = LXW_VALIDATION_TYPE_LIST_FORMULA;
			dv.value_formula = formula;
		}
	} else if (col->kind == LT_XLSX_INTEGER || col->kind == LT_XLSX_MONEY) {
		dv.validate = LXW_VALIDATION_TYPE_INTEGER;
		dv.criteria = LXW_VALIDATION_CRITERIA_GREATER_THAN_OR_EQUAL_TO;
		dv.value_number = 0;
		dv.error_title = "Số không hợp lệ";
		dv.error_message = "Hãy nhập một số nguyên không âm. / "
				   "Enter a whole number, 0 or more.";
	} else if (col->kind == LT_XLSX_DATE) {
		dv.validate = LXW_VALIDATION_TYPE_DATE_NUMBER;
		dv.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
		dv.minimum_number = 36526; /* 01/01/2000 */
		dv.maximum_number = 73050; /* 31/12/2099 */
		dv.error_title = "Ngày không hợp lệ";
		dv.error_message = "Hãy nhập ngày dạng dd/mm/yyyy. / "
				   "Enter a date as dd/mm/yyyy.";
	}
	if (col->hint && strlen(col->hint) <= 255)
		dv.input_message = (char *)col->hint;
	if (!dv.validate && !dv.input_message)
		return LXW_NO_ERROR;
	if (!dv.validate)
		dv.validate = LXW_VALIDATION_TYPE_ANY;
	err = worksheet_data_validation_range(ws, 1, (lxw_col_t)c, (lxw_row_t)tpl->nrows,
					      (lxw_col_t)c, &dv);
	free(dv.value_list);
	return err;
}

static double col_width(const lt_xlsx_col *c)
{
	size_t n = u8chars(c->header, strlen(c->header));

	if (c->width > 0)
		return c->width;
	for (int i = 0; c->choices && i < c->nchoices; i++) {
		size_t k = u8chars(c->choices[i], strlen(c->choices[i]));
		n = k > n ? k : n;
	}
	if (c->constant && strlen(c->constant) > n)
		n = u8chars(c->constant, strlen(c->constant));
	return clamp_width(n + 2, 12);
}

static bool needs_lists(const lt_xlsx_template *tpl)
{
	for (int c = 0; c < tpl->ncols; c++)
		if (tpl->cols[c].choices && tpl->cols[c].nchoices > 0 &&
		    !list_fits_inline(&tpl->cols[c]))
			return true;
	return false;
}

static lxw_error write_template(lxw_workbook *wb, const formats *f,
				const lt_xlsx_template *tpl)
{
	lxw_worksheet *ws = add_sheet(wb, tpl->sheet, 0), *ins = NULL, *lists = NULL;
	lxw_error err = LXW_NO_ERROR;
	int nlists = 0;

	if (ws && tpl->instructions_sheet)
		ins = add_sheet(wb, tpl->instructions_sheet, 1);
	if (ws && needs_lists(tpl)) {
		lists = workbook_add_worksheet(wb, "lists");
		if (lists)
			worksheet_hide(lists);
	}
	if (!ws || (tpl->instructions_sheet && !ins) || (needs_lists(tpl) && !lists))
		return LXW_ERROR_PARAMETER_VALIDATION;
	worksheet_activate(ws);
	for (int c = 0; c < tpl->ncols && !err; c++) {
		const lt_xlsx_col *col = &tpl->cols[c];
		lxw_format *fmt = col->kind == LT_XLSX_MONEY ? f->money :
				  col->kind == LT_XLSX_DATE  ? f->date :
				  col->kind == LT_XLSX_TEXT  ? f->text : NULL;

		err = worksheet_write_string(ws, 0, (lxw_col_t)c, col->header, f->header);
		if (!err)
			err = worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c,
						   col_width(col), fmt);
		for (int r = 1; col->constant && r <= tpl->nrows && !err; r++)
			err = worksheet_write_string(ws, (lxw_row_t)r, (lxw_col_t)c,
						     col->constant, f->constant);
		if (!err)
			err = validate_col(ws, tpl, c, lists, &nlists);
	}
	worksheet_freeze_panes(ws, 1, 0);
	if (ins) {
		worksheet_set_column(ins, 0, 0, 100, f->wrap);
		for (int i = 0; i < tpl->ninstructions && !err; i++)
			err = worksheet_write_string(ins, (lxw_row_t)i, 0, tpl->instructions[i],
						     i == 0 ? f->bold : NULL);
	}
	return err;
}

int lt_xlsx_template_write(const lt_xlsx_template *tpl, const char *path, lt_error *e)
{
	lxw_workbook *wb = NULL;
	formats f;
	lxw_error err, cerr;

	if (!tpl || !tpl->cols || tpl->ncols < 1 || tpl->ncols > LT_TABLE_MAX_COLS ||
	    tpl->nrows < 1 || tpl->nrows > 100000)
		return lt_error_set(e, LT_EINVAL, "template", "Mẫu nhập không hợp lệ",
				    "Invalid import template");
	for (int c = 0; c < tpl->ncols; c++)
		if (!tpl->cols[c].header)
			return lt_error_set(e, LT_EINVAL, "template",
					    "Cột %d của mẫu không có tiêu đề",
					    "Template column %d has no header", c + 1);
	wb = open_wb(path, e);
	if (!wb)
		return LT_ENOMEM;
	make_formats(wb, &f);
	err = write_template(wb, &f, tpl);
	cerr = workbook_close(wb);
	if (err || cerr) {
		unlink(path);
		if (err == LXW_ERROR_MEMORY_MALLOC_FAILED)
			return lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
		if (err)
			return lt_error_set(e, LT_EINVAL, "template",
					    "Mẫu nhập không hợp lệ: %s",
					    "Invalid import template: %s", lxw_strerror(err));
		return io_err(e, path, cerr);
	}
	return 0;
}

/* ---- buffer variants ------------------------------------------------------ */

typedef int (*write_fn)(const void *obj, const char *path, lt_error *e);
typedef int (*put_fn)(const void *p, size_t n, void *ctx);

/*
 * The bytes of the file at path handed to put (0, or non-zero: it could
 * not take them) in 64 KB pieces. 0; 1 when put refused, its answer in
 * *refused (the caller says why); or LT_EIO, set on e, when the file
 * cannot be read back.
 */
static int read_back(const char *path, put_fn put, void *ctx, int *refused, lt_error *e)
{
	char chunk[65536];
	FILE *fp = fopen(path, "rb");
	size_t n;
	int rc = 0;

	if (!fp)
		return lt_error_set(e, LT_EIO, "file", "Không đọc lại được tệp tạm",
				    "Cannot read the temporary file back");
	while (!rc && (n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		rc = (*refused = put(chunk, n, ctx)) ? 1 : 0;
	if (!rc && ferror(fp))
		rc = lt_error_set(e, LT_EIO, "file", "Lỗi đọc tệp tạm",
				  "Error reading the temporary file");
	fclose(fp);
	return rc;
}

/* read_back's put into an lt_buf: LT_ETOOBIG (its cap) or LT_ENOMEM when it cannot. */
static int put_buf(const void *p, size_t n, void *ctx)
{
	return lt_buf_add(ctx, p, n);
}

/* A new empty temporary file (in $TMPDIR, else /tmp) for libxlsxwriter, its name in path. */
static int temp_path(char path[512], lt_error *e)
{
	const char *dir = getenv("TMPDIR");
	int fd;

	snprintf(path, 512, "%s/lantoa-xlsx-XXXXXX", dir && *dir ? dir : "/tmp");
	fd = mkstemp(path);
	if (fd < 0)
		return lt_error_set(e, LT_EIO, "file", "Không tạo được tệp tạm",
				    "Cannot create a temporary file");
	close(fd);
	return 0;
}

static int via_temp(write_fn fn, const void *obj, lt_buf *out, lt_error *e)
{
	char path[512];
	int why = 0, rc = temp_path(path, e);

	if (rc)
		return rc;
	rc = fn(obj, path, e);
	if (!rc && (rc = read_back(path, put_buf, out, &why, e)) == 1)
		rc = lt_error_set(e, why, "file", "Tệp XLSX quá lớn", "XLSX file too large");
	unlink(path);
	return rc;
}

static int write_table_fn(const void *obj, const char *path, lt_error *e)
{
	return lt_xlsx_write(obj, path, e);
}

static int write_template_fn(const void *obj, const char *path, lt_error *e)
{
	return lt_xlsx_template_write(obj, path, e);
}

int lt_xlsx_write_buf(const lt_table *t, lt_buf *out, lt_error *e)
{
	return via_temp(write_table_fn, t, out, e);
}

int lt_xlsx_template_write_buf(const lt_xlsx_template *tpl, lt_buf *out, lt_error *e)
{
	return via_temp(write_template_fn, tpl, out, e);
}

/* ---- streamed ------------------------------------------------------------- */

struct lt_xlsx_stream {
	lxw_workbook *wb;
	lxw_worksheet *ws;
	formats f;
	char path[512];
	int rows;  /* rows written so far, the header among them */
	int ncols; /* the widest row so far */
};

int lt_xlsx_stream_open(const char *sheet, lt_xlsx_stream **out, lt_error *e)
{
	lxw_workbook_options opt = { .constant_memory = LXW_TRUE, .tmpdir = getenv("TMPDIR") };
	lt_xlsx_stream *x = calloc(1, sizeof(*x));
	int rc;

	*out = NULL;
	if (!x)
		return lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	if ((rc = temp_path(x->path, e))) {
		free(x);
		return rc;
	}
	x->wb = workbook_new_opt(x->path, &opt);
	if (x->wb) {
		make_formats(x->wb, &x->f);
		x->ws = add_sheet(x->wb, sheet, 0);
	}
	if (!x->ws) {
		if (x->wb)
			workbook_close(x->wb);
		unlink(x->path);
		free(x);
		return lt_error_set(e, LT_ENOMEM, NULL, "Không tạo được sổ tính",
				    "Cannot create workbook");
	}
	*out = x;
	return 0;
}

int lt_xlsx_stream_put(lt_xlsx_stream *x, const lt_sheet *s, int first, lt_error *e)
{
	enum { SHEET_ROWS = 1048576 };
	int n = s->nrows >= first ? s->nrows - first + 1 : 0;

	if ((int64_t)x->rows + n > SHEET_ROWS)
		return lt_error_set(e, LT_ETOOBIG, "format",
				    "Quá %d dòng cho một trang XLSX: hãy lọc bớt hoặc xuất CSV",
				    "More than %d rows for one XLSX sheet: filter the list or"
				    " export CSV",
				    SHEET_ROWS - 1);
	/* The first piece sets the columns' widths: they go out before the rows. */
	if (!x->rows && s->ncols > 0) {
		for (int c = 1; c <= s->ncols; c++) {
			double w = WIDTH_MIN;
			for (int r = 1; r <= s->nrows; r++) {
				const lt_cell *cell = c <= lt_sheet_row_len(s, r) ? lt_sheet_cell(s, r, c)
										   : NULL;
				double cw = !cell ? 0 : cell->type == LT_CELL_DATE ? 12 :
					    clamp_width(u8chars(cell->text, cell->len), WIDTH_MIN) +
						    (r == 1 ? 2 : 0);
				if (cw > w)
					w = cw;
			}
			worksheet_set_column(x->ws, (lxw_col_t)(c - 1), (lxw_col_t)(c - 1), w, NULL);
		}
		worksheet_freeze_panes(x->ws, 1, 0);
	}
	for (int r = first; r <= s->nrows; r++) {
		/* The piece's row r is the file's row x->rows + 1 (1-based, as write_cell takes). */
		int at = x->rows + 1;
		for (int c = 1; c <= lt_sheet_row_len(s, r); c++) {
			lxw_error err = write_cell(x->ws, &x->f, at, c, lt_sheet_cell(s, r, c));
			if (err) {
				char cn[8];
				lt_table_colname(c, cn);
				return lt_error_set(e, LT_EINVAL, s->name,
						    "Trang “%s”, ô %s%d: không ghi được (%s)",
						    "Sheet “%s”, cell %s%d: cannot write (%s)", s->name,
						    cn, at, lxw_strerror(err));
			}
		}
		if (lt_sheet_row_len(s, r) > x->ncols)
			x->ncols = lt_sheet_row_len(s, r);
		x->rows++;
	}
	return 0;
}

int lt_xlsx_stream_close(lt_xlsx_stream *x, int rc, int (*put)(const void *p, size_t n, void *ctx),
			 void *ctx, lt_error *e)
{
	lxw_error err;
	int why = 0;

	if (!rc && x->rows && x->ncols)
		worksheet_autofilter(x->ws, 0, 0, (lxw_row_t)(x->rows - 1), (lxw_col_t)(x->ncols - 1));
	err = workbook_close(x->wb); /* frees wb, also after an error */
	if (!rc && err)
		rc = io_err(e, x->path, err);
	if (!rc && (rc = read_back(x->path, put, ctx, &why, e)) == 1)
		rc = lt_error_set(e, LT_EIO, "file", "Không ghi được tệp xuất",
				  "Cannot write the export");
	unlink(x->path);
	free(x);
	return rc;
}
