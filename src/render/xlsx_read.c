/* xlsx_read.c — see xlsx_read.h. */
#include "render/xlsx_read.h"

#include <libxml/xmlreader.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#define MAX_ENTRIES 10000
#define MAX_SST 2000000
#define MAX_XFS 100000
#define RATIO_FLOOR (4u << 20) /* small entries may compress very well */

enum fmt_kind { FK_NONE = 0, FK_DATE, FK_TIME, FK_MONEY };

typedef struct sst_entry {
	const char *text; /* NULL: longer than max_cell_bytes (len says how long) */
	size_t len;
} sst_entry;

typedef struct rel {
	char *id, *target, *type;
} rel;

typedef struct wb_sheet {
	char *name, *rid;
} wb_sheet;

typedef struct xr {
	zip_t *za;
	lt_table_limits lim;
	lt_error *e;
	lt_table *t;
	size_t total; /* bytes inflated so far, all entries */
	int err;      /* set by the IO callback when a limit trips */
	bool date1904;
	/* current entry */
	zip_file_t *zf;
	const char *entry;
	size_t declared, got;
	xmlTextReaderPtr r;
	char xml_msg[160];
	int xml_line;
	/* workbook parts */
	sst_entry *sst;
	size_t nsst, capsst;
	unsigned char *xf;
	size_t nxf;
	struct { int id; unsigned char kind; } *numfmt;
	size_t nnumfmt;
	rel *rels;
	size_t nrels;
	wb_sheet *sheets;
	size_t nsheets;
	lt_buf text; /* scratch for one cell's text */
} xr;

static int oom(xr *x)
{
	return lt_error_set(x->e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
}

/* e with one language per argument (lt_error_set shares its arguments). */
static int set2(lt_error *e, int code, const char *field, const char *vi, const char *en)
{
	if (!e)
		return code;
	lt_error_set(e, code, field, "%s", "%s", "");
	snprintf(e->vi, sizeof(e->vi), "%s", vi);
	snprintf(e->en, sizeof(e->en), "%s", en);
	return code;
}

static int bad_file(xr *x, const char *vi, const char *en)
{
	char v[LT_ERR_MSG_MAX], g[LT_ERR_MSG_MAX];

	snprintf(v, sizeof(v), "Tệp XLSX hỏng: %s", vi);
	snprintf(g, sizeof(g), "Damaged XLSX file: %s", en);
	return set2(x->e, LT_EINVAL, "file", v, g);
}

static int cell_err(xr *x, int code, const char *sheet, int row, int col,
		    const char *vi, const char *en)
{
	char cn[8], field[LT_ERR_FIELD_MAX], v[LT_ERR_MSG_MAX], g[LT_ERR_MSG_MAX];

	lt_table_colname(col, cn);
	snprintf(field, sizeof(field), "%s!%s%d", sheet, cn, row);
	snprintf(v, sizeof(v), "Trang “%s”, dòng %d, cột %s: %s", sheet, row, cn, vi);
	snprintf(g, sizeof(g), "Sheet “%s”, row %d, column %s: %s", sheet, row, cn, en);
	return set2(x->e, code, field, v, g);
}

/* ---- zip entries streamed into libxml2 ---------------------------------- */

static int io_read(void *ctx, char *buf, int len)
{
	xr *x = ctx;
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
	xr *x = ctx;

	if (x->xml_msg[0] || !err)
		return;
	snprintf(x->xml_msg, sizeof(x->xml_msg), "%s", err->message ? err->message : "?");
	x->xml_msg[strcspn(x->xml_msg, "\n")] = '\0';
	x->xml_line = err->line;
}

static int too_big(xr *x, const char *name)
{
	return lt_error_set(x->e, LT_ETOOBIG, "file",
			    "Tệp XLSX giải nén quá lớn hoặc là “bom zip” (%s)",
			    "XLSX file inflates too much or is a zip bomb (%s)", name);
}

static void entry_close(xr *x)
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
static int entry_open(xr *x, const char *name)
{
	zip_stat_t st;
	zip_int64_t idx = zip_name_locate(x->za, name, ZIP_FL_NOCASE);

	if (idx < 0)
		return 1;
	if (zip_stat_index(x->za, (zip_uint64_t)idx, 0, &st) ||
	    !(st.valid & ZIP_STAT_SIZE) || !(st.valid & ZIP_STAT_COMP_SIZE))
		return bad_file(x, "mục zip không đọc được", "unreadable zip entry");
	if (st.size > x->lim.max_unzipped - x->total ||
	    (st.size > RATIO_FLOOR &&
	     st.size / (st.comp_size ? st.comp_size : 1) > x->lim.max_ratio))
		return too_big(x, name);
	x->zf = zip_fopen_index(x->za, (zip_uint64_t)idx, 0);
	if (!x->zf)
		return bad_file(x, "mục zip không mở được (mã hóa?)",
				"cannot open zip entry (encrypted?)");
	x->entry = name;
	x->declared = (size_t)st.size;
	x->got = 0;
	x->xml_msg[0] = '\0';
	x->r = xmlReaderForIO(io_read, NULL, x, NULL, NULL,
			      XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
				      XML_PARSE_COMPACT);
	if (!x->r) {
		entry_close(x);
		return oom(x);
	}
	xmlTextReaderSetStructuredErrorHandler(x->r, xml_error, x);
	return 0;
}

/* Next node: 1, 0 at the end, or a negative code with x->e set. */
static int next(xr *x)
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
		return bad_file(x, "dữ liệu nén hỏng", "corrupt compressed data");
	return lt_error_set(x->e, LT_EINVAL, x->entry, "XML hỏng trong %s, dòng %d: %s",
			    "Bad XML in %s, line %d: %s", x->entry, x->xml_line,
			    x->xml_msg[0] ? x->xml_msg : "?");
}

static bool is_elem(xr *x, const char *local)
{
	return xmlTextReaderNodeType(x->r) == XML_READER_TYPE_ELEMENT &&
	       strcmp((const char *)xmlTextReaderConstLocalName(x->r), local) == 0;
}

static bool is_end(xr *x, const char *local)
{
	return xmlTextReaderNodeType(x->r) == XML_READER_TYPE_END_ELEMENT &&
	       strcmp((const char *)xmlTextReaderConstLocalName(x->r), local) == 0;
}

/* Attribute by local name (any namespace when ns is false, else only a
 * namespaced one, for r:id); owned xmlChar* or NULL. */
static char *attr(xr *x, const char *local, bool ns)
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

static bool is_text(xr *x)
{
	int t = xmlTextReaderNodeType(x->r);
	return t == XML_READER_TYPE_TEXT || t == XML_READER_TYPE_CDATA ||
	       t == XML_READER_TYPE_WHITESPACE || t == XML_READER_TYPE_SIGNIFICANT_WHITESPACE;
}

/* ---- workbook, relationships, styles, shared strings -------------------- */

static int read_workbook(xr *x)
{
	int rc = entry_open(x, "xl/workbook.xml");

	if (rc == 1)
		return set2(x->e, LT_EINVAL, "file",
			    "Tệp không phải XLSX: thiếu xl/workbook.xml",
			    "Not an XLSX file: xl/workbook.xml is missing");
	while (rc == 0 && (rc = next(x)) == 1) {
		rc = 0;
		if (is_elem(x, "workbookPr")) {
			char *v = attr(x, "date1904", false);
			x->date1904 = v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0);
			xmlFree(v);
		} else if (is_elem(x, "sheet")) {
			wb_sheet *n;
			if (x->nsheets >= (size_t)x->lim.max_sheets) {
				rc = lt_error_set(x->e, LT_ETOOBIG, "file",
						  "Quá nhiều trang tính (tối đa %d)",
						  "Too many sheets (at most %d)", x->lim.max_sheets);
				break;
			}
			n = realloc(x->sheets, (x->nsheets + 1) * sizeof(*n));
			if (!n) {
				rc = oom(x);
				break;
			}
			x->sheets = n;
			n = &x->sheets[x->nsheets++];
			n->name = attr(x, "name", false);
			n->rid = attr(x, "id", true);
		}
	}
	entry_close(x);
	return rc;
}

static int read_rels(xr *x)
{
	int rc = entry_open(x, "xl/_rels/workbook.xml.rels");

	if (rc == 1)
		return 0; /* targets fall back to the usual names */
	while (rc == 0 && (rc = next(x)) == 1) {
		rel *n;
		rc = 0;
		if (!is_elem(x, "Relationship"))
			continue;
		if (x->nrels >= MAX_ENTRIES) {
			rc = bad_file(x, "quá nhiều quan hệ", "too many relationships");
			break;
		}
		n = realloc(x->rels, (x->nrels + 1) * sizeof(*n));
		if (!n) {
			rc = oom(x);
			break;
		}
		x->rels = n;
		n = &x->rels[x->nrels++];
		n->id = attr(x, "Id", false);
		n->target = attr(x, "Target", false);
		n->type = attr(x, "Type", false);
	}
	entry_close(x);
	return rc;
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t a = s ? strlen(s) : 0, b = strlen(suffix);
	return a >= b && strcmp(s + a - b, suffix) == 0;
}

/* Zip path of a workbook relationship target, into buf. */
static void resolve(const char *target, char *buf, size_t n)
{
	if (target[0] == '/')
		snprintf(buf, n, "%s", target + 1);
	else if (strncmp(target, "../", 3) == 0)
		snprintf(buf, n, "%s", target + 3);
	else
		snprintf(buf, n, "xl/%s", target + (strncmp(target, "./", 2) == 0 ? 2 : 0));
}

static const rel *rel_by_type(xr *x, const char *suffix)
{
	for (size_t i = 0; i < x->nrels; i++)
		if (ends_with(x->rels[i].type, suffix) && x->rels[i].target)
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

static int read_styles(xr *x)
{
	const rel *rl = rel_by_type(x, "/styles");
	char path[256];
	bool in_xfs = false;
	int rc;

	resolve(rl ? rl->target : "styles.xml", path, sizeof(path));
	rc = entry_open(x, path);
	if (rc == 1)
		return 0;
	while (rc == 0 && (rc = next(x)) == 1) {
		rc = 0;
		if (is_elem(x, "numFmt") && x->nnumfmt < 1000) {
			char *id = attr(x, "numFmtId", false), *code = attr(x, "formatCode", false);
			void *n = realloc(x->numfmt, (x->nnumfmt + 1) * sizeof(*x->numfmt));
			if (n) {
				x->numfmt = n;
				x->numfmt[x->nnumfmt].id = id ? atoi(id) : -1;
				x->numfmt[x->nnumfmt++].kind = code ? classify(code) : FK_NONE;
			}
			xmlFree(id);
			xmlFree(code);
			if (!n)
				rc = oom(x);
		} else if (is_elem(x, "cellXfs")) {
			in_xfs = !xmlTextReaderIsEmptyElement(x->r);
		} else if (is_end(x, "cellXfs")) {
			in_xfs = false;
		} else if (in_xfs && is_elem(x, "xf") && x->nxf < MAX_XFS) {
			char *v = attr(x, "numFmtId", false);
			int id = v ? atoi(v) : 0;
			unsigned char kind = builtin_kind(id);
			unsigned char *n = realloc(x->xf, x->nxf + 1);
			xmlFree(v);
			for (size_t i = 0; i < x->nnumfmt; i++)
				if (x->numfmt[i].id == id)
					kind = x->numfmt[i].kind;
			if (!n) {
				rc = oom(x);
				break;
			}
			x->xf = n;
			x->xf[x->nxf++] = kind;
		}
	}
	entry_close(x);
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
static void unescape_x(lt_buf *b)
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
static int collect_text(xr *x, const char *until, bool *over)
{
	bool in_t = false;
	int rph = 0, rc;

	lt_buf_reset(&x->text);
	*over = false;
	while ((rc = next(x)) == 1) {
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
		} else if (in_t && !rph && !*over && is_text(x)) {
			const char *v = (const char *)xmlTextReaderConstValue(x->r);
			rc = lt_buf_adds(&x->text, v ? v : "");
			if (rc == LT_ETOOBIG)
				*over = true;
			else if (rc)
				return oom(x);
		}
	}
	if (rc < 0)
		return rc;
	unescape_x(&x->text);
	return 0;
}

static int read_sst(xr *x)
{
	const rel *rl = rel_by_type(x, "/sharedStrings");
	char path[256];
	int rc;

	resolve(rl ? rl->target : "sharedStrings.xml", path, sizeof(path));
	rc = entry_open(x, path);
	if (rc == 1)
		return 0;
	while (rc == 0 && (rc = next(x)) == 1) {
		sst_entry *s;
		bool over = false;
		rc = 0;
		if (!is_elem(x, "si"))
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
				rc = oom(x);
				break;
			}
			x->sst = s;
			x->capsst = nc;
		}
		s = &x->sst[x->nsst++];
		s->text = "";
		s->len = 0;
		if (xmlTextReaderIsEmptyElement(x->r))
			continue;
		rc = collect_text(x, "si", &over);
		if (rc)
			break;
		if (over) {
			s->text = NULL;
		} else if (x->text.len) {
			rc = lt_table_intern(x->t, x->text.ptr, x->text.len, &s->text, &s->len);
			if (rc == LT_EINVAL) /* libxml2 gave UTF-8; only a NUL gets here */
				rc = bad_file(x, "chuỗi có ký tự NUL", "string holds a NUL");
			else if (rc)
				rc = oom(x);
		}
	}
	entry_close(x);
	return rc;
}

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
static int read_cell_body(xr *x, cell_in *ci)
{
	bool in_v = false;
	int rc;

	lt_buf_reset(&x->text);
	while ((rc = next(x)) == 1) {
		int type = xmlTextReaderNodeType(x->r);
		const char *ln;

		if (type == XML_READER_TYPE_ELEMENT) {
			ln = (const char *)xmlTextReaderConstLocalName(x->r);
			if (strcmp(ln, "v") == 0) {
				in_v = !xmlTextReaderIsEmptyElement(x->r);
				ci->has_v = true;
			} else if (strcmp(ln, "is") == 0 && !xmlTextReaderIsEmptyElement(x->r)) {
				rc = collect_text(x, "is", &ci->over);
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
		} else if (in_v && !ci->over && is_text(x)) {
			const char *v = (const char *)xmlTextReaderConstValue(x->r);
			rc = lt_buf_adds(&x->text, v ? v : "");
			if (rc == LT_ETOOBIG)
				ci->over = true;
			else if (rc)
				return oom(x);
		}
	}
	return rc < 0 ? rc : 0;
}

static int store_cell(xr *x, lt_sheet *sh, cell_in *ci)
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
			return cell_err(x, LT_EINVAL, sh->name, ci->row, ci->col,
					"chỉ số chuỗi dùng chung sai",
					"bad shared string index");
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
			unescape_x(&x->text);
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
			return cell_err(x, LT_EINVAL, sh->name, ci->row, ci->col,
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
				lt_table_iso_to_serial(buf, &c.num);
			} else {
				lt_table_format_number(v, buf);
				c.numfmt = kind == FK_MONEY ? LT_NUMFMT_MONEY : LT_NUMFMT_GENERAL;
			}
		}
	}
	if (rc == LT_EINVAL)
		return cell_err(x, rc, sh->name, ci->row, ci->col, "văn bản có ký tự NUL",
				"text holds a NUL character");
	if (rc)
		return oom(x);
	if (c.text == buf) {
		c.len = strlen(buf);
		c.text = lt_arena_strndup(&x->t->arena, buf, c.len);
		if (!c.text)
			return oom(x);
	}
	if (c.type == LT_CELL_STRING && !c.len)
		return 0;
	if (ci->row > x->lim.max_rows)
		return cell_err(x, LT_ETOOBIG, sh->name, ci->row, ci->col,
				"quá nhiều dòng", "too many rows");
	if (ci->col > x->lim.max_cols)
		return cell_err(x, LT_ETOOBIG, sh->name, ci->row, ci->col,
				"quá nhiều cột", "too many columns");
	rc = lt_sheet_put(sh, ci->row, ci->col, &c);
	return rc ? oom(x) : 0;
too_long:
	snprintf(buf, sizeof(buf), "%zu", x->lim.max_cell_bytes);
	{
		char v[96], g[96];
		snprintf(v, sizeof(v), "ô quá dài (tối đa %s byte)", buf);
		snprintf(g, sizeof(g), "cell too long (at most %s bytes)", buf);
		return cell_err(x, LT_ETOOBIG, sh->name, ci->row, ci->col, v, g);
	}
}

/* Attributes r, t, s of the current <c>, in one pass. */
static int cell_attrs(xr *x, cell_in *ci, int *col)
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

static int read_sheet(xr *x, lt_sheet *sh, const char *path)
{
	int rc = entry_open(x, path), row = 0, col = 0;
	cell_in ci = { 0 };

	if (rc == 1) {
		char v[LT_ERR_MSG_MAX], g[LT_ERR_MSG_MAX];
		snprintf(v, sizeof(v), "Tệp XLSX thiếu trang “%s” (%s)", sh->name, path);
		snprintf(g, sizeof(g), "The XLSX file lacks sheet “%s” (%s)", sh->name, path);
		return set2(x->e, LT_EINVAL, sh->name, v, g);
	}
	while (rc == 0 && (rc = next(x)) == 1) {
		rc = 0;
		if (is_elem(x, "row")) {
			char *v = attr(x, "r", false);
			long r = v ? strtol(v, NULL, 10) : 0;
			xmlFree(v);
			row = r > 0 && r <= 1048576 ? (int)r : row + 1;
			col = 0;
		} else if (is_elem(x, "c")) {
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
		} else if (is_end(x, "sheetData")) {
			break; /* merged cells, validations… are not data */
		}
	}
	entry_close(x);
	return rc;
}

/* ---- entry point ---------------------------------------------------------- */

static const char *rel_target(xr *x, const char *rid, const char **type)
{
	for (size_t i = 0; rid && i < x->nrels; i++)
		if (x->rels[i].id && strcmp(x->rels[i].id, rid) == 0) {
			*type = x->rels[i].type;
			return x->rels[i].target;
		}
	return NULL;
}

static void xr_free(xr *x)
{
	entry_close(x);
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

static int read_sheets(xr *x)
{
	int rc = 0;

	if (!x->nsheets)
		return set2(x->e, LT_EINVAL, "file", "Tệp XLSX không có trang tính nào",
			    "The XLSX file has no sheets");
	for (size_t i = 0; i < x->nsheets && !rc; i++) {
		const char *type = NULL, *target = rel_target(x, x->sheets[i].rid, &type);
		const char *name = NULL;
		char path[256], dflt[48];
		size_t nlen;
		lt_sheet *sh;

		if (type && !ends_with(type, "/worksheet"))
			continue; /* chart sheet, dialog sheet… */
		if (!target) {
			snprintf(dflt, sizeof(dflt), "worksheets/sheet%zu.xml", i + 1);
			target = dflt;
		}
		resolve(target, path, sizeof(path));
		if (x->sheets[i].name) {
			rc = lt_table_intern(x->t, x->sheets[i].name,
					     strlen(x->sheets[i].name), &name, &nlen);
			if (rc)
				return oom(x);
		}
		snprintf(dflt, sizeof(dflt), "Sheet%zu", i + 1);
		sh = lt_table_add_sheet(x->t, name ? name : dflt);
		if (!sh)
			return oom(x);
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
	xr x = { 0 };
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
		rc = set2(e, LT_EINVAL, "file",
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
		rc = set2(e, LT_EINVAL, "file", "Không phải tệp XLSX (không phải tệp zip hợp lệ)",
			  "Not an XLSX file (not a valid zip file)");
		goto fail;
	}
	if (zip_get_num_entries(x.za, 0) > MAX_ENTRIES) {
		rc = bad_file(&x, "quá nhiều mục", "too many entries");
		goto fail;
	}
	rc = lt_table_new(&x.t);
	if (rc) {
		rc = oom(&x);
		goto fail;
	}
	rc = read_workbook(&x);
	if (!rc)
		rc = read_rels(&x);
	if (!rc)
		rc = read_styles(&x);
	if (!rc)
		rc = read_sst(&x);
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
