/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* xlsx_parts.c — see xlsx_int.h: zip entries, workbook, relationships,
 * styles and shared strings for the XLSX reader (xlsx_read.c). */
#include "render/xlsx_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int lt_xlsx_oom(lt_xr *x)
{
	return lt_error_set(x->e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
}

/* e with one language per argument (lt_error_set shares its arguments). */
int lt_xlsx_set2(lt_error *e, int code, const char *field, const char *vi, const char *en)
{
	if (!e)
		return code;
	lt_error_set(e, code, field, "%s", "%s", "");
	snprintf(e->vi, sizeof(e->vi), "%s", vi);
	snprintf(e->en, sizeof(e->en), "%s", en);
	return code;
}

int lt_xlsx_bad_file(lt_xr *x, const char *vi, const char *en)
{
	char v[LT_ERR_MSG_MAX], g[LT_ERR_MSG_MAX];

	snprintf(v, sizeof(v), "Tệp XLSX hỏng: %s", vi);
	snprintf(g, sizeof(g), "Damaged XLSX file: %s", en);
	return lt_xlsx_set2(x->e, LT_EINVAL, "file", v, g);
}

int lt_xlsx_cell_err(lt_xr *x, int code, const char *sheet, int row, int col,
		    const char *vi, const char *en)
{
	char cn[8], field[LT_ERR_FIELD_MAX], v[LT_ERR_MSG_MAX], g[LT_ERR_MSG_MAX];

	lt_table_colname(col, cn);
	snprintf(field, sizeof(field), "%s!%s%d", sheet, cn, row);
	snprintf(v, sizeof(v), "Trang “%s”, dòng %d, cột %s: %s", sheet, row, cn, vi);
	snprintf(g, sizeof(g), "Sheet “%s”, row %d, column %s: %s", sheet, row, cn, en);
	return lt_xlsx_set2(x->e, code, field, v, g);
}

/* ---- zip entries streamed into libxml2 ---------------------------------- */

static int io_read(void *ctx, char *buf, int len)
{
	lt_xr *x = ctx;
	zip_int64_t n = zip_fread(x->zf, buf, (zip_uint64_t)len);

	if (n < 0) {
		x->err = LT_EINVAL;
		return -1;
	}
	x->got += (size_t)n;
	x->total += (size_t)n;
	if (x->got > x->declared || x->total > x->lim.max_unzipped) {
		x->err = LT_ETOOBIG;
		return -1;
	}
	return (int)n;
}

static void xml_error(void *ctx, xmlErrorPtr err)
{
	lt_xr *x = ctx;

	if (x->xml_msg[0] || !err)
		return;
	snprintf(x->xml_msg, sizeof(x->xml_msg), "%s", err->message ? err->message : "?");
	x->xml_msg[strcspn(x->xml_msg, "\n")] = '\0';
	x->xml_line = err->line;
}

static int too_big(lt_xr *x, const char *name)
{
	return lt_error_set(x->e, LT_ETOOBIG, "file",
			    "Tệp XLSX giải nén quá lớn hoặc là “bom zip” (%s)",
			    "XLSX file inflates too much or is a zip bomb (%s)", name);
}

void lt_xlsx_entry_close(lt_xr *x)
{
	if (x->r)
		xmlFreeTextReader(x->r);
	if (x->zf)
		zip_fclose(x->zf);
	x->r = NULL;
	x->zf = NULL;
}

/*
 * Open entry name as an XML reader in x->r. 1 when the entry is absent
 * (nothing set), 0 when open, or a negative code with x->e set.
 */
int lt_xlsx_entry_open(lt_xr *x, const char *name)
{
	zip_stat_t st;
	zip_int64_t idx = zip_name_locate(x->za, name, ZIP_FL_NOCASE);

	if (idx < 0)
		return 1;
	if (zip_stat_index(x->za, (zip_uint64_t)idx, 0, &st) ||
	    !(st.valid & ZIP_STAT_SIZE) || !(st.valid & ZIP_STAT_COMP_SIZE))
		return lt_xlsx_bad_file(x, "mục zip không đọc được", "unreadable zip entry");
	if (st.size > x->lim.max_unzipped - x->total ||
	    (st.size > RATIO_FLOOR &&
	     st.size / (st.comp_size ? st.comp_size : 1) > x->lim.max_ratio))
		return too_big(x, name);
	x->zf = zip_fopen_index(x->za, (zip_uint64_t)idx, 0);
	if (!x->zf)
		return lt_xlsx_bad_file(x, "mục zip không mở được (mã hóa?)",
				"cannot open zip entry (encrypted?)");
	x->entry = name;
	x->declared = (size_t)st.size;
	x->got = 0;
	x->xml_msg[0] = '\0';
	x->r = xmlReaderForIO(io_read, NULL, x, NULL, NULL,
			      XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
				      XML_PARSE_COMPACT);
	if (!x->r) {
		lt_xlsx_entry_close(x);
		return lt_xlsx_oom(x);
	}
	xmlTextReaderSetStructuredErrorHandler(x->r, xml_error, x);
	return 0;
}

/* Next node: 1, 0 at the end, or a negative code with x->e set. */
int lt_xlsx_next(lt_xr *x)
{
	int k = xmlTextReaderRead(x->r);

	if (k == 1 && xmlTextReaderNodeType(x->r) == XML_READER_TYPE_DOCUMENT_TYPE) {
		return lt_error_set(x->e, LT_EINVAL, x->entry,
				    "Tệp XLSX có DTD trong %s; không chấp nhận",
				    "XLSX part %s has a DTD; refused", x->entry);
	}
	if (k >= 0)
		return k;
	if (x->err == LT_ETOOBIG)
		return too_big(x, x->entry);
	if (x->err)
		return lt_xlsx_bad_file(x, "dữ liệu nén hỏng", "corrupt compressed data");
	return lt_error_set(x->e, LT_EINVAL, x->entry, "XML hỏng trong %s, dòng %d: %s",
			    "Bad XML in %s, line %d: %s", x->entry, x->xml_line,
			    x->xml_msg[0] ? x->xml_msg : "?");
}

bool lt_xlsx_is_elem(lt_xr *x, const char *local)
{
	return xmlTextReaderNodeType(x->r) == XML_READER_TYPE_ELEMENT &&
	       strcmp((const char *)xmlTextReaderConstLocalName(x->r), local) == 0;
}

bool lt_xlsx_is_end(lt_xr *x, const char *local)
{
	return xmlTextReaderNodeType(x->r) == XML_READER_TYPE_END_ELEMENT &&
	       strcmp((const char *)xmlTextReaderConstLocalName(x->r), local) == 0;
}

/* Attribute by local name (any namespace when ns is false, else only a
 * namespaced one, for r:id); owned xmlChar* or NULL. */
char *lt_xlsx_attr(lt_xr *x, const char *local, bool ns)
{
	char *v = NULL;

	if (!xmlTextReaderHasAttributes(x->r))
		return NULL;
	while (xmlTextReaderMoveToNextAttribute(x->r) == 1) {
		const char *ln = (const char *)xmlTextReaderConstLocalName(x->r);
		if (strcmp(ln, local) == 0 &&
		    (!ns || xmlTextReaderConstNamespaceUri(x->r))) {
			v = (char *)xmlTextReaderValue(x->r);
			break;
		}
	}
	xmlTextReaderMoveToElement(x->r);
	return v;
}

bool lt_xlsx_is_text(lt_xr *x)
{
	int t = xmlTextReaderNodeType(x->r);
	return t == XML_READER_TYPE_TEXT || t == XML_READER_TYPE_CDATA ||
	       t == XML_READER_TYPE_WHITESPACE || t == XML_READER_TYPE_SIGNIFICANT_WHITESPACE;
}

/* ---- workbook, relationships, styles, shared strings -------------------- */

int lt_xlsx_read_workbook(lt_xr *x)
{
	int rc = lt_xlsx_entry_open(x, "xl/workbook.xml");

	if (rc == 1)
		return lt_xlsx_set2(x->e, LT_EINVAL, "file",
			    "Tệp không phải XLSX: thiếu xl/workbook.xml",
			    "Not an XLSX file: xl/workbook.xml is missing");
	while (rc == 0 && (rc = lt_xlsx_next(x)) == 1) {
		rc = 0;
		if (lt_xlsx_is_elem(x, "workbookPr")) {
			char *v = lt_xlsx_attr(x, "date1904", false);
			x->date1904 = v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0);
			xmlFree(v);
		} else if (lt_xlsx_is_elem(x, "sheet")) {
			wb_sheet *n;
			if (x->nsheets >= (size_t)x->lim.max_sheets) {
				rc = lt_error_set(x->e, LT_ETOOBIG, "file",
						  "Quá nhiều trang tính (tối đa %d)",
						  "Too many sheets (at most %d)", x->lim.max_sheets);
				break;
			}
			n = realloc(x->sheets, (x->nsheets + 1) * sizeof(*n));
			if (!n) {
				rc = lt_xlsx_oom(x);
				break;
			}
			x->sheets = n;
			n = &x->sheets[x->nsheets++];
			n->name = lt_xlsx_attr(x, "name", false);
			n->rid = lt_xlsx_attr(x, "id", true);
		}
	}
	lt_xlsx_entry_close(x);
	return rc;
}

int lt_xlsx_read_rels(lt_xr *x)
{
	int rc = lt_xlsx_entry_open(x, "xl/_rels/workbook.xml.rels");

	if (rc == 1)
		return 0; /* targets fall back to the usual names */
	while (rc == 0 && (rc = lt_xlsx_next(x)) == 1) {
		rel *n;
		rc = 0;
		if (!lt_xlsx_is_elem(x, "Relationship"))
			continue;
		if (x->nrels >= MAX_ENTRIES) {
			rc = lt_xlsx_bad_file(x, "quá nhiều quan hệ", "too many relationships");
			break;
		}
		n = realloc(x->rels, (x->nrels + 1) * sizeof(*n));
		if (!n) {
			rc = lt_xlsx_oom(x);
			break;
		}
		x->rels = n;
		n = &x->rels[x->nrels++];
		n->id = lt_xlsx_attr(x, "Id", false);
		n->target = lt_xlsx_attr(x, "Target", false);
		n->type = lt_xlsx_attr(x, "Type", false);
	}
	lt_xlsx_entry_close(x);
	return rc;
}

bool lt_xlsx_ends_with(const char *s, const char *suffix)
{
	size_t a = s ? strlen(s) : 0, b = strlen(suffix);
	return a >= b && strcmp(s + a - b, suffix) == 0;
}

/* Zip path of a workbook relationship target, into buf. */
void lt_xlsx_resolve(const char *target, char *buf, size_t n)
{
	if (target[0] == '/')
		snprintf(buf, n, "%s", target + 1);
	else if (strncmp(target, "../", 3) == 0)
		snprintf(buf, n, "%s", target + 3);
	else
		snprintf(buf, n, "xl/%s", target + (strncmp(target, "./", 2) == 0 ? 2 : 0));
}

static const rel *rel_by_type(lt_xr *x, const char *suffix)
{
	for (size_t i = 0; i < x->nrels; i++)
		if (lt_xlsx_ends_with(x->rels[i].type, suffix) && x->rels[i].target)
			return &x->rels[i];
	return NULL;
}

/* What a number format code shows: a date, a time, money or a plain number. */
static unsigned char classify(const char *code)
{
	bool d = false, t = false, m = false;

	for (const char *p = code; *p && *p != ';'; p++) {
		switch (*p) {
		case '"':
			p = strchr(p + 1, '"');
			if (!p)
				return FK_NONE;
			break;
		case '\\': case '_': case '*':
			if (p[1])
				p++;
			break;
		case '[':
			/* [Red], [$-42A]: skip; [h] [mm] [ss]: elapsed time */
			if (strchr("hHmMsS", p[1]))
				t = true;
			p = strchr(p, ']');
			if (!p)
				return FK_NONE;
			break;
		case 'd': case 'D': case 'y': case 'Y':
			d = true;
			break;
		case 'm': case 'M':
			m = true;
			break;
		case 'h': case 'H': case 's': case 'S':
			t = true;
			break;
		default:
			break;
		}
	}
	if (d || (m && !t))
		return FK_DATE;
	if (t)
		return FK_TIME;
	if (strncmp(code, "#,##0", 5) == 0 && !strpbrk(code, ".;E"))
		return FK_MONEY;
	return FK_NONE;
}

static unsigned char builtin_kind(int id)
{
	if ((id >= 14 && id <= 17) || id == 22)
		return FK_DATE;
	if ((id >= 18 && id <= 21) || (id >= 45 && id <= 47))
		return FK_TIME;
	return id == 3 ? FK_MONEY : FK_NONE;
}

int lt_xlsx_read_styles(lt_xr *x)
{
	const rel *rl = rel_by_type(x, "/styles");
	char path[256];
	bool in_xfs = false;
	int rc;

	lt_xlsx_resolve(rl ? rl->target : "styles.xml", path, sizeof(path));
	rc = lt_xlsx_entry_open(x, path);
	if (rc == 1)
		return 0;
	while (rc == 0 && (rc = lt_xlsx_next(x)) == 1) {
		rc = 0;
		if (lt_xlsx_is_elem(x, "numFmt") && x->nnumfmt < 1000) {
			char *id = lt_xlsx_attr(x, "numFmtId", false), *code = lt_xlsx_attr(x, "formatCode", false);
			void *n = realloc(x->numfmt, (x->nnumfmt + 1) * sizeof(*x->numfmt));
			if (n) {
				x->numfmt = n;
				x->numfmt[x->nnumfmt].id = id ? atoi(id) : -1;
				x->numfmt[x->nnumfmt++].kind = code ? classify(code) : FK_NONE;
			}
			xmlFree(id);
			xmlFree(code);
			if (!n)
				rc = lt_xlsx_oom(x);
		} else if (lt_xlsx_is_elem(x, "cellXfs")) {
			in_xfs = !xmlTextReaderIsEmptyElement(x->r);
		} else if (lt_xlsx_is_end(x, "cellXfs")) {
			in_xfs = false;
		} else if (in_xfs && lt_xlsx_is_elem(x, "xf") && x->nxf < MAX_XFS) {
			char *v = lt_xlsx_attr(x, "numFmtId", false);
			int id = v ? atoi(v) : 0;
			unsigned char kind = builtin_kind(id);
			unsigned char *n = realloc(x->xf, x->nxf + 1);
			xmlFree(v);
			for (size_t i = 0; i < x->nnumfmt; i++)
				if (x->numfmt[i].id == id)
					kind = x->numfmt[i].kind;
			if (!n) {
				rc = lt_xlsx_oom(x);
				break;
			}
			x->xf = n;
			x->xf[x->nxf++] = kind;
		}
	}
	lt_xlsx_entry_close(x);
	return rc;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decode OOXML's _xHHHH_ escapes (Excel writes CR as _x000D_) in place. */
void lt_xlsx_unescape_x(lt_buf *b)
{
	char *r, *w, *end;

	if (!b->len || !memmem(b->ptr, b->len, "_x", 2))
		return;
	end = b->ptr + b->len;
	for (r = w = b->ptr; r < end;) {
		unsigned cp = 0;
		bool ok = end - r >= 7 && r[0] == '_' && r[1] == 'x' && r[6] == '_';
		for (int i = 2; ok && i < 6; i++) {
			int h = hexval(r[i]);
			ok = h >= 0;
			cp = cp * 16 + (unsigned)(h < 0 ? 0 : h);
		}
		if (!ok || cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF)) {
			*w++ = *r++;
			continue;
		}
		if (cp < 0x80) {
			*w++ = (char)cp;
		} else if (cp < 0x800) {
			*w++ = (char)(0xC0 | (cp >> 6));
			*w++ = (char)(0x80 | (cp & 0x3F));
		} else {
			*w++ = (char)(0xE0 | (cp >> 12));
			*w++ = (char)(0x80 | ((cp >> 6) & 0x3F));
			*w++ = (char)(0x80 | (cp & 0x3F));
		}
		r += 7;
	}
	b->len = (size_t)(w - b->ptr);
	*w = '\0';
}

/*
 * Collect the text of <t> elements up to the end of element `until` (<si> or
 * <is>), skipping phonetic runs (<rPh>). Sets *over when the text passed
 * max_cell_bytes (the caller reports it with the cell's position).
 */
int lt_xlsx_collect_text(lt_xr *x, const char *until, bool *over)
{
	bool in_t = false;
	int rph = 0, rc;

	lt_buf_reset(&x->text);
	*over = false;
	while ((rc = lt_xlsx_next(x)) == 1) {
		int type = xmlTextReaderNodeType(x->r);
		if (type == XML_READER_TYPE_ELEMENT) {
			const char *ln = (const char *)xmlTextReaderConstLocalName(x->r);
			bool empty = xmlTextReaderIsEmptyElement(x->r);
			if (strcmp(ln, "rPh") == 0 && !empty)
				rph++;
			else if (strcmp(ln, "t") == 0 && !empty)
				in_t = true;
		} else if (type == XML_READER_TYPE_END_ELEMENT) {
			const char *ln = (const char *)xmlTextReaderConstLocalName(x->r);
			if (strcmp(ln, "rPh") == 0 && rph)
				rph--;
			else if (strcmp(ln, "t") == 0)
				in_t = false;
			else if (strcmp(ln, until) == 0)
				break;
		} else if (in_t && !rph && !*over && lt_xlsx_is_text(x)) {
			const char *v = (const char *)xmlTextReaderConstValue(x->r);
			rc = lt_buf_adds(&x->text, v ? v : "");
			if (rc == LT_ETOOBIG)
				*over = true;
			else if (rc)
				return lt_xlsx_oom(x);
		}
	}
	if (rc < 0)
		return rc;
	lt_xlsx_unescape_x(&x->text);
	return 0;
}

int lt_xlsx_read_sst(lt_xr *x)
{
	const rel *rl = rel_by_type(x, "/sharedStrings");
	char path[256];
	int rc;

	lt_xlsx_resolve(rl ? rl->target : "sharedStrings.xml", path, sizeof(path));
	rc = lt_xlsx_entry_open(x, path);
	if (rc == 1)
		return 0;
	while (rc == 0 && (rc = lt_xlsx_next(x)) == 1) {
		sst_entry *s;
		bool over = false;
		rc = 0;
		if (!lt_xlsx_is_elem(x, "si"))
			continue;
		if (x->nsst == x->capsst) {
			size_t nc = x->capsst ? x->capsst * 2 : 256;
			if (x->nsst >= MAX_SST) {
				rc = lt_error_set(x->e, LT_ETOOBIG, "file", "Quá nhiều chuỗi (tối đa %d)",
						  "Too many strings (at most %d)", MAX_SST);
				break;
			}
			s = realloc(x->sst, nc * sizeof(*s));
			if (!s) {
				rc = lt_xlsx_oom(x);
				break;
			}
			x->sst = s;
			x->capsst = nc;
		}
		s = &x->sst[x->nsst++];
		s->text = "";
		s->len = 0;
		s->bad = false;
		if (xmlTextReaderIsEmptyElement(x->r))
			continue;
		rc = lt_xlsx_collect_text(x, "si", &over);
		if (rc)
			break;
		if (over) {
			s->text = NULL;
		} else if (x->text.len) {
			rc = lt_table_intern(x->t, x->text.ptr, x->text.len, &s->text, &s->len);
			if (rc == LT_EUNSUPPORTED) { /* the cell that uses it says so */
				s->text = NULL;
				s->bad = true;
				rc = 0;
			} else if (rc == LT_EINVAL) /* libxml2 gave UTF-8; only a NUL gets here */
				rc = lt_xlsx_bad_file(x, "chuỗi có ký tự NUL", "string holds a NUL");
			else if (rc)
				rc = lt_xlsx_oom(x);
		}
	}
	lt_xlsx_entry_close(x);
	return rc;
}

