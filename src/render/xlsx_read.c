/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* xlsx_read.c — see xlsx_read.h. */
#include "render/xlsx_read.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render/xlsx_int.h"

/* ---- worksheets ---------------------------------------------------------- */

/* "B7" → col 2, row 7 (row 0 when absent). -1 when malformed. */
static int parse_ref(const char *p, int *row, int *col)
{
	long c = 0, r = 0;

	for (; *p >= 'A' && *p <= 'Z'; p++)
		if ((c = c * 26 + (*p - 'A' + 1)) > 16384)
			return -1;
	for (; *p >= '0' && *p <= '9'; p++)
		if ((r = r * 10 + (*p - '0')) > 1048576)
			return -1;
	if (*p || !c)
		return -1;
	*col = (int)c;
	*row = (int)r;
	return 0;
}

typedef struct cell_in {
	int row, col, style;
	char t[12];
	bool over, has_v;
} cell_in;

/* Read the children of a non-empty <c> into x->text; ci->over when too long. */
static int read_cell_body(lt_xr *x, cell_in *ci)
{
	bool in_v = false;
	int rc;

	lt_buf_reset(&x->text);
	while ((rc = lt_xlsx_next(x)) == 1) {
		int type = xmlTextReaderNodeType(x->r);
		const char *ln;

		if (type == XML_READER_TYPE_ELEMENT) {
			ln = (const char *)xmlTextReaderConstLocalName(x->r);
			if (strcmp(ln, "v") == 0) {
				in_v = !xmlTextReaderIsEmptyElement(x->r);
				ci->has_v = true;
			} else if (strcmp(ln, "is") == 0 && !xmlTextReaderIsEmptyElement(x->r)) {
				rc = lt_xlsx_collect_text(x, "is", &ci->over);
				if (rc)
					return rc;
				ci->has_v = true;
			}
		} else if (type == XML_READER_TYPE_END_ELEMENT) {
			ln = (const char *)xmlTextReaderConstLocalName(x->r);
			if (strcmp(ln, "v") == 0)
				in_v = false;
			else if (strcmp(ln, "c") == 0)
				break;
		} else if (in_v && !ci->over && lt_xlsx_is_text(x)) {
			const char *v = (const char *)xmlTextReaderConstValue(x->r);
			rc = lt_buf_adds(&x->text, v ? v : "");
			if (rc == LT_ETOOBIG)
				ci->over = true;
			else if (rc)
				return lt_xlsx_oom(x);
		}
	}
	return rc < 0 ? rc : 0;
}

static int store_cell(lt_xr *x, lt_sheet *sh, cell_in *ci)
{
	lt_cell c = { "", 0, 0.0, LT_CELL_EMPTY, LT_NUMFMT_GENERAL };
	const char *t = ci->t;
	char buf[32];
	int rc = 0;

	if (!ci->has_v)
		return 0;
	if (ci->over)
		goto too_long;
	if (strcmp(t, "s") == 0) {
		char *end;
		unsigned long i = strtoul(x->text.ptr ? x->text.ptr : "", &end, 10);
		if (!x->text.len || *end || i >= x->nsst)
			return lt_xlsx_cell_err(x, LT_EINVAL, sh->name, ci->row, ci->col,
					"chỉ số chuỗi dùng chung sai",
					"bad shared string index");
		if (x->sst[i].bad) {
			rc = LT_EUNSUPPORTED;
			goto bad_text;
		}
		if (!x->sst[i].text)
			goto too_long;
		c.text = x->sst[i].text;
		c.len = x->sst[i].len;
		c.type = LT_CELL_STRING;
	} else if (!x->text.len) {
		return 0;
	} else if (strcmp(t, "inlineStr") == 0 || strcmp(t, "str") == 0 ||
		   strcmp(t, "e") == 0) {
		if (t[0] != 'e')
			lt_xlsx_unescape_x(&x->text);
		rc = lt_table_intern(x->t, x->text.ptr, x->text.len, &c.text, &c.len);
		c.type = t[0] == 'e' ? LT_CELL_ERROR : LT_CELL_STRING;
	} else if (strcmp(t, "b") == 0) {
		c.type = LT_CELL_BOOL;
		c.num = strcmp(x->text.ptr, "1") == 0 || strcmp(x->text.ptr, "true") == 0;
		c.text = c.num ? "TRUE" : "FALSE";
		c.len = strlen(c.text);
	} else if (strcmp(t, "d") == 0) {
		double serial;
		if (x->text.len > 19)
			x->text.ptr[19] = '\0'; /* drop ".000" / "Z" */
		if (x->text.len >= 10 && x->text.ptr[10] == 'T' && x->text.len >= 19 &&
		    strcmp(x->text.ptr + 11, "00:00:00") == 0)
			x->text.ptr[10] = '\0';
		if (lt_table_iso_to_serial(x->text.ptr, &serial) ||
		    lt_table_serial_to_iso(serial, false, buf))
			return lt_xlsx_cell_err(x, LT_EINVAL, sh->name, ci->row, ci->col,
					"ngày không hợp lệ", "invalid date");
		c.type = LT_CELL_DATE;
		c.num = serial;
		c.text = buf;
	} else {
		char *end;
		double v = strtod(x->text.ptr, &end);
		unsigned char kind = ci->style >= 0 && (size_t)ci->style < x->nxf ?
					     x->xf[ci->style] : FK_NONE;
		if (*end || !isfinite(v)) {
			rc = lt_table_intern(x->t, x->text.ptr, x->text.len, &c.text, &c.len);
			c.type = LT_CELL_STRING;
		} else {
			double serial = v + (x->date1904 ? 1462 : 0);
			c.num = v;
			c.type = LT_CELL_NUMBER;
			c.text = buf;
			if ((kind == FK_DATE || kind == FK_TIME) &&
			    lt_table_serial_to_iso(serial, kind == FK_TIME, buf) == 0) {
				/* the serial rounded to the second, as the text says */
				c.type = LT_CELL_DATE;
				c.num = serial;
				if (lt_table_iso_to_serial(buf, &c.num))
					c.num = serial; /* cannot happen: buf was made from serial */
			} else {
				lt_table_format_number(v, buf);
				c.numfmt = kind == FK_MONEY ? LT_NUMFMT_MONEY : LT_NUMFMT_GENERAL;
			}
		}
	}
	if (rc == LT_EINVAL)
		return lt_xlsx_cell_err(x, rc, sh->name, ci->row, ci->col, "văn bản có ký tự NUL",
				"text holds a NUL character");
bad_text:
	if (rc == LT_EUNSUPPORTED)
		return lt_xlsx_cell_err(x, LT_EINVAL, sh->name, ci->row, ci->col,
					"ô chứa ký tự điều khiển hoặc không phải ký tự (như U+FFFE)",
					"the cell holds a control character or a noncharacter "
					"(such as U+FFFE)");
	if (rc)
		return lt_xlsx_oom(x);
	if (c.text == buf) {
		c.len = strlen(buf);
		c.text = lt_arena_strndup(&x->t->arena, buf, c.len);
		if (!c.text)
			return lt_xlsx_oom(x);
	}
	if (c.type == LT_CELL_STRING && !c.len)
		return 0;
	if (ci->row > x->lim.max_rows)
		return lt_xlsx_cell_err(x, LT_ETOOBIG, sh->name, ci->row, ci->col,
				"quá nhiều dòng", "too many rows");
	if (ci->col > x->lim.max_cols)
		return lt_xlsx_cell_err(x, LT_ETOOBIG, sh->name, ci->row, ci->col,
				"quá nhiều cột", "too many columns");
	rc = lt_sheet_put(sh, ci->row, ci->col, &c);
	return rc ? lt_xlsx_oom(x) : 0;
too_long:
	snprintf(buf, sizeof(buf), "%zu", x->lim.max_cell_bytes);
	{
		char v[96], g[96];
		snprintf(v, sizeof(v), "ô quá dài (tối đa %s byte)", buf);
		snprintf(g, sizeof(g), "cell too long (at most %s bytes)", buf);
		return lt_xlsx_cell_err(x, LT_ETOOBIG, sh->name, ci->row, ci->col, v, g);
	}
}

/* Attributes r, t, s of the current <c>, in one pass. */
static int cell_attrs(lt_xr *x, cell_in *ci, int *col)
{
	int rc = 0;

	ci->t[0] = '\0';
	ci->style = 0;
	ci->over = ci->has_v = false;
	while (xmlTextReaderMoveToNextAttribute(x->r) == 1) {
		const char *ln = (const char *)xmlTextReaderConstLocalName(x->r);
		const char *v = (const char *)xmlTextReaderConstValue(x->r);
		if (!v)
			continue;
		if (strcmp(ln, "r") == 0) {
			int r = 0;
			rc = parse_ref(v, &r, col) ? -1 : 0;
			if (r)
				ci->row = r;
			*col -= 1; /* made +1 below, like a missing r= */
		} else if (strcmp(ln, "t") == 0) {
			snprintf(ci->t, sizeof(ci->t), "%s", v);
		} else if (strcmp(ln, "s") == 0) {
			ci->style = atoi(v);
		}
	}
	xmlTextReaderMoveToElement(x->r);
	*col += 1;
	ci->col = *col;
	return rc;
}

static int read_sheet(lt_xr *x, lt_sheet *sh, const char *path)
{
	int rc = lt_xlsx_entry_open(x, path), row = 0, col = 0;
	cell_in ci = { 0 };

	if (rc == 1) {
		char v[LT_ERR_MSG_MAX], g[LT_ERR_MSG_MAX];
		snprintf(v, sizeof(v), "Tệp XLSX thiếu trang “%s” (%s)", sh->name, path);
		snprintf(g, sizeof(g), "The XLSX file lacks sheet “%s” (%s)", sh->name, path);
		return lt_xlsx_set2(x->e, LT_EINVAL, sh->name, v, g);
	}
	while (rc == 0 && (rc = lt_xlsx_next(x)) == 1) {
		int type = xmlTextReaderNodeType(x->r);
		const char *ln;

		rc = 0;
		if (type != XML_READER_TYPE_ELEMENT && type != XML_READER_TYPE_END_ELEMENT)
			continue; /* text between cells: one test per node is enough */
		ln = (const char *)xmlTextReaderConstLocalName(x->r);
		if (type == XML_READER_TYPE_END_ELEMENT) {
			if (strcmp(ln, "sheetData") == 0)
				break; /* merged cells, validations… are not data */
		} else if (strcmp(ln, "row") == 0) {
			char *v = lt_xlsx_attr(x, "r", false);
			long r = v ? strtol(v, NULL, 10) : 0;
			xmlFree(v);
			row = r > 0 && r <= 1048576 ? (int)r : row + 1;
			col = 0;
		} else if (strcmp(ln, "c") == 0) {
			ci.row = row ? row : 1;
			if (cell_attrs(x, &ci, &col)) {
				rc = lt_error_set(x->e, LT_EINVAL, sh->name,
						  "Trang “%s”: tham chiếu ô sai",
						  "Sheet “%s”: bad cell reference", sh->name);
				break;
			}
			if (xmlTextReaderIsEmptyElement(x->r))
				continue;
			rc = read_cell_body(x, &ci);
			if (!rc)
				rc = store_cell(x, sh, &ci);
		}
	}
	lt_xlsx_entry_close(x);
	return rc;
}

/* ---- entry point ---------------------------------------------------------- */

static const char *rel_target(lt_xr *x, const char *rid, const char **type)
{
	for (size_t i = 0; rid && i < x->nrels; i++)
		if (x->rels[i].id && strcmp(x->rels[i].id, rid) == 0) {
			*type = x->rels[i].type;
			return x->rels[i].target;
		}
	return NULL;
}

static void xr_free(lt_xr *x)
{
	lt_xlsx_entry_close(x);
	if (x->za)
		zip_discard(x->za);
	for (size_t i = 0; i < x->nrels; i++) {
		xmlFree(x->rels[i].id);
		xmlFree(x->rels[i].target);
		xmlFree(x->rels[i].type);
	}
	for (size_t i = 0; i < x->nsheets; i++) {
		xmlFree(x->sheets[i].name);
		xmlFree(x->sheets[i].rid);
	}
	free(x->rels);
	free(x->sheets);
	free(x->sst);
	free(x->xf);
	free(x->numfmt);
	lt_buf_free(&x->text);
}

static int read_sheets(lt_xr *x)
{
	int rc = 0;

	if (!x->nsheets)
		return lt_xlsx_set2(x->e, LT_EINVAL, "file", "Tệp XLSX không có trang tính nào",
			    "The XLSX file has no sheets");
	for (size_t i = 0; i < x->nsheets && !rc; i++) {
		const char *type = NULL, *target = rel_target(x, x->sheets[i].rid, &type);
		const char *name = NULL;
		char path[256], dflt[48];
		size_t nlen;
		lt_sheet *sh;

		if (type && !lt_xlsx_ends_with(type, "/worksheet"))
			continue; /* chart sheet, dialog sheet… */
		if (!target) {
			snprintf(dflt, sizeof(dflt), "worksheets/sheet%zu.xml", i + 1);
			target = dflt;
		}
		lt_xlsx_resolve(target, path, sizeof(path));
		if (x->sheets[i].name) {
			rc = lt_table_intern(x->t, x->sheets[i].name,
					     strlen(x->sheets[i].name), &name, &nlen);
			if (rc == LT_EUNSUPPORTED || rc == LT_EINVAL)
				return lt_xlsx_bad_file(x, "tên trang tính có ký tự không hợp lệ",
							"a sheet name holds a character lantoa does not store");
			if (rc)
				return lt_xlsx_oom(x);
		}
		snprintf(dflt, sizeof(dflt), "Sheet%zu", i + 1);
		sh = lt_table_add_sheet(x->t, name ? name : dflt);
		if (!sh)
			return lt_xlsx_oom(x);
		rc = read_sheet(x, sh, path);
	}
	return rc;
}

static void silent(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

int lt_xlsx_read(const void *data, size_t len, const lt_table_limits *lim,
		 lt_table **out, lt_error *e)
{
	lt_xr x = { 0 };
	zip_source_t *src = NULL;
	zip_error_t zerr;
	xmlGenericErrorFunc old_err = NULL;
	void *old_ctx = NULL;
	bool quiet = false;
	int rc;

	*out = NULL;
	x.e = e;
	lt_table_limits_resolve(lim, &x.lim);
	lt_buf_init(&x.text, x.lim.max_cell_bytes);
	zip_error_init(&zerr);
	if (len > x.lim.max_bytes) {
		rc = lt_error_set(e, LT_ETOOBIG, "file", "Tệp quá lớn (tối đa %zu MiB)",
				  "File too large (at most %zu MiB)", x.lim.max_bytes >> 20);
		goto fail;
	}
	if (len >= 4 && memcmp(data, "\xD0\xCF\x11\xE0", 4) == 0) {
		rc = lt_xlsx_set2(e, LT_EINVAL, "file",
			  "Đây là tệp .xls cũ, không phải XLSX: hãy lưu lại dưới dạng .xlsx",
			  "This is an old .xls file, not XLSX: save it again as .xlsx");
		goto fail;
	}
	xmlInitParser();
	/* libxml2 reports encoding errors through the (per-thread) generic
	 * handler, not the reader's: keep them off stderr, restore at the end. */
	old_err = xmlGenericError;
	old_ctx = xmlGenericErrorContext;
	xmlSetGenericErrorFunc(NULL, silent);
	quiet = true;
	src = len ? zip_source_buffer_create(data, len, 0, &zerr) : NULL;
	if (src)
		x.za = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &zerr);
	if (!x.za) {
		if (src)
			zip_source_free(src);
		rc = lt_xlsx_set2(e, LT_EINVAL, "file", "Không phải tệp XLSX (không phải tệp zip hợp lệ)",
			  "Not an XLSX file (not a valid zip file)");
		goto fail;
	}
	if (zip_get_num_entries(x.za, 0) > MAX_ENTRIES) {
		rc = lt_xlsx_bad_file(&x, "quá nhiều mục", "too many entries");
		goto fail;
	}
	rc = lt_table_new(&x.t);
	if (rc) {
		rc = lt_xlsx_oom(&x);
		goto fail;
	}
	rc = lt_xlsx_read_workbook(&x);
	if (!rc)
		rc = lt_xlsx_read_rels(&x);
	if (!rc)
		rc = lt_xlsx_read_styles(&x);
	if (!rc)
		rc = lt_xlsx_read_sst(&x);
	if (!rc)
		rc = read_sheets(&x);
	if (rc)
		goto fail;
	zip_error_fini(&zerr);
	xr_free(&x);
	xmlSetGenericErrorFunc(old_ctx, old_err);
	*out = x.t;
	return 0;
fail:
	zip_error_fini(&zerr);
	xr_free(&x);
	if (quiet)
		xmlSetGenericErrorFunc(old_ctx, old_err);
	lt_table_free(x.t);
	return rc;
}
