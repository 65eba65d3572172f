/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* doc_docx.c — see doc_docx.h. Lengths are twips (1/20 pt) unless named. */
#include "render/doc_docx.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <zip.h>

#include "render/vndate.h"

#define PG_W 11906   /* A4, 210 mm */
#define PG_H 16838   /* 297 mm */
#define MG_TOP 1134  /* 20 mm */
#define MG_BOTTOM 1134
#define MG_LEFT 1701 /* 30 mm */
#define MG_RIGHT 850 /* 15 mm */
#define TEXT_W (PG_W - MG_LEFT - MG_RIGHT)
#define HDR_LEFT (TEXT_W * 42 / 100)
#define SIG_LEFT (TEXT_W * 45 / 100)
#define PART_MAX (256u << 20)

#define NS_W "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define NS_R "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define XML_DECL "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"

/* An XML writer with a sticky error: after the first failure every call is a
 * no-op and x->rc says why, so the builders need not check each append. */
typedef struct xw {
	lt_buf b;
	int rc;
} xw;

static void xs(xw *x, const char *s)
{
	if (!x->rc)
		x->rc = lt_buf_adds(&x->b, s);
}

static void xf(xw *x, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void xf(xw *x, const char *fmt, ...)
{
	va_list ap;

	if (x->rc)
		return;
	va_start(ap, fmt);
	x->rc = lt_buf_vprintf(&x->b, fmt, ap);
	va_end(ap);
}

int lt_doc_xml_escape(lt_buf *b, const char *s)
{
	const char *run = s;
	int rc = 0;

	for (; *s && !rc; s++) {
		unsigned char c = (unsigned char)*s;
		const char *rep = NULL;

		switch (c) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&apos;"; break;
		default:
			if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
				rep = ""; /* not allowed in XML 1.0 */
		}
		if (!rep)
			continue;
		rc = lt_buf_add(b, run, (size_t)(s - run));
		if (!rc)
			rc = lt_buf_adds(b, rep);
		run = s + 1;
	}
	if (!rc)
		rc = lt_buf_add(b, run, (size_t)(s - run));
	return rc;
}

static void xe(xw *x, const char *s)
{
	if (!x->rc)
		x->rc = lt_doc_xml_escape(&x->b, s);
}

/* Paragraph formatting: the subset the layout needs. */
typedef struct pf {
	const char *style; /* pStyle or NULL */
	const char *jc;    /* "both", "center", "left", "right" */
	int first;         /* first-line indent; negative: hanging */
	int left, right;   /* indents */
	int before, after;
	int line;          /* 240 = single */
	bool keep;         /* keep with next */
	int rule;          /* >0: bottom border of this paragraph, in 1/8 pt */
	int mark_hp;       /* >0: size of the paragraph mark, half-points */
} pf;

/* Run formatting. */
typedef struct rf {
	int hp; /* size in half-points, 0: style default */
	bool b, i;
} rf;

static void p_open(xw *x, const pf *p)
{
	xs(x, "<w:p><w:pPr>");
	if (p->style)
		xf(x, "<w:pStyle w:val=\"%s\"/>", p->style);
	if (p->keep)
		xs(x, "<w:keepNext/>");
	if (p->rule)
		xf(x, "<w:pBdr><w:bottom w:val=\"single\" w:sz=\"%d\" w:space=\"1\" "
		      "w:color=\"000000\"/></w:pBdr>", p->rule);
	xf(x, "<w:spacing w:before=\"%d\" w:after=\"%d\" w:line=\"%d\" w:lineRule=\"auto\"/>",
	   p->before, p->after, p->line ? p->line : 240);
	if (p->first || p->left || p->right) {
		xf(x, "<w:ind w:left=\"%d\" w:right=\"%d\"", p->left, p->right);
		if (p->first >= 0)
			xf(x, " w:firstLine=\"%d\"/>", p->first);
		else
			xf(x, " w:hanging=\"%d\"/>", -p->first);
	}
	if (p->jc)
		xf(x, "<w:jc w:val=\"%s\"/>", p->jc);
	if (p->mark_hp)
		xf(x, "<w:rPr><w:sz w:val=\"%d\"/><w:szCs w:val=\"%d\"/></w:rPr>", p->mark_hp,
		   p->mark_hp);
	xs(x, "</w:pPr>");
}

/* One run; "\n" in text becomes a line break. */
static void run(xw *x, const char *text, const rf *r)
{
	const char *nl;

	xs(x, "<w:r>");
	if (r->b || r->i || r->hp) {
		xs(x, "<w:rPr>");
		if (r->b)
			xs(x, "<w:b/><w:bCs/>");
		if (r->i)
			xs(x, "<w:i/><w:iCs/>");
		if (r->hp)
			xf(x, "<w:sz w:val=\"%d\"/><w:szCs w:val=\"%d\"/>", r->hp, r->hp);
		xs(x, "</w:rPr>");
	}
	for (;;) {
		nl = strchr(text, '\n');
		xs(x, "<w:t xml:space=\"preserve\">");
		if (nl) {
			char tmp[1024];
			size_t n = (size_t)(nl - text);
			/* Lines are short in practice; a longer one is cut into pieces. */
			while (n) {
				size_t k = n < sizeof(tmp) - 1 ? n : sizeof(tmp) - 1;
				memcpy(tmp, text, k);
				tmp[k] = '\0';
				xe(x, tmp);
				text += k;
				n -= k;
			}
			xs(x, "</w:t><w:br/>");
			text = nl + 1;
			continue;
		}
		xe(x, text);
		xs(x, "</w:t>");
		break;
	}
	xs(x, "</w:r>");
}

static void para(xw *x, const pf *p, const char *text, const rf *r)
{
	p_open(x, p);
	if (text && text[0])
		run(x, text, r);
	xs(x, "</w:p>");
}

/* An empty paragraph whose bottom border is a centred rule `w` twips long in
 * a box `box` twips wide. */
static void rule(xw *x, int box, int w)
{
	pf p = { .rule = 6, .left = (box - w) / 2, .right = (box - w) / 2, .mark_hp = 4 };

	p_open(x, &p);
	xs(x, "</w:p>");
}

static void tbl_open(xw *x, const int *cols, size_t n, bool borders)
{
	int total = 0;

	for (size_t i = 0; i < n; i++)
		total += cols[i];
	xf(x, "<w:tbl><w:tblPr><w:tblW w:w=\"%d\" w:type=\"dxa\"/>", total);
	if (borders)
		xs(x, "<w:tblBorders><w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
		      "<w:left w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
		      "<w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
		      "<w:right w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
		      "<w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
		      "<w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
		      "</w:tblBorders>");
	else
		xs(x, "<w:tblBorders><w:top w:val=\"nil\"/><w:left w:val=\"nil\"/>"
		      "<w:bottom w:val=\"nil\"/><w:right w:val=\"nil\"/>"
		      "<w:insideH w:val=\"nil\"/><w:insideV w:val=\"nil\"/></w:tblBorders>");
	xs(x, "<w:tblLayout w:type=\"fixed\"/><w:tblCellMar><w:left w:w=\"57\" w:type=\"dxa\"/>"
	      "<w:right w:w=\"57\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr><w:tblGrid>");
	for (size_t i = 0; i < n; i++)
		xf(x, "<w:gridCol w:w=\"%d\"/>", cols[i]);
	xs(x, "</w:tblGrid>");
}

static void tc_open(xw *x, int w, const char *fill, const char *valign)
{
	xf(x, "<w:tc><w:tcPr><w:tcW w:w=\"%d\" w:type=\"dxa\"/>", w);
	if (fill)
		xf(x, "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"%s\"/>", fill);
	xf(x, "<w:vAlign w:val=\"%s\"/></w:tcPr>", valign);
}

/* Rough width in twips of upper-case bold text at `pt`, to size the rules
 * (Times New Roman capitals average ~0.68 em; UTF-8 letters counted once). */
static int caps_width(const char *s, int pt)
{
	int n = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n * pt * 68 / 5; /* n × pt × 0.68 × 20 */
}

/* Two borderless rows: bodies | national motto (each with its rule), then
 * number and "V/v" | place and date, so that "Số:" and the date share a line. */
static void header_table(xw *x, const lt_doc *d, lt_buf *tmp)
{
	const int cols[2] = { HDR_LEFT, TEXT_W - HDR_LEFT };
	pf c = { .jc = "center" };
	rf r13 = { .hp = 26 }, b13 = { .hp = 26, .b = true }, b12 = { .hp = 24, .b = true };
	rf i14 = { .hp = 28, .i = true }, r12 = { .hp = 24 };
	int w;

	tbl_open(x, cols, 2, false);
	xs(x, "<w:tr>");
	tc_open(x, cols[0], NULL, "top");
	if (d->parent_body)
		para(x, &c, d->parent_body, &r13);
	para(x, &c, d->issuer, &b13);
	w = caps_width(d->issuer, 13);
	w = (w < cols[0] - 120 ? w : cols[0] - 120) * 2 / 5;
	rule(x, cols[0] - 114, w < 1000 ? 1000 : w);
	xs(x, "</w:tc>");
	tc_open(x, cols[1], NULL, "top");
	para(x, &c, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", &b12);
	para(x, &c, "Độc lập - Tự do - Hạnh phúc", &b13);
	/* "Độc lập - Tự do - Hạnh phúc" is 172 pt wide in bold 13 pt Times. */
	rule(x, cols[1] - 114, 172 * 20);
	xs(x, "</w:tc></w:tr><w:tr>");
	tc_open(x, cols[0], NULL, "top");
	c.before = 120;
	lt_buf_reset(tmp);
	if (d->number && !x->rc)
		x->rc = lt_buf_printf(tmp, "Số: %s", d->number);
	para(x, &c, lt_buf_cstr(tmp), &r13);
	if (d->kind == LT_DOC_DIRECTIVE && d->summary) {
		lt_buf_reset(tmp);
		c.before = 40;
		c.left = c.right = 120;
		if (!x->rc)
			x->rc = lt_buf_printf(tmp, "V/v %s", d->summary);
		para(x, &c, lt_buf_cstr(tmp), &r12);
	}
	xs(x, "</w:tc>");
	tc_open(x, cols[1], NULL, "top");
	c.before = 120;
	c.left = c.right = 0;
	lt_buf_reset(tmp);
	if (!x->rc)
		x->rc = lt_vndate_format_line(tmp, d->place, d->year, d->month, d->day);
	para(x, &c, lt_buf_cstr(tmp), &i14);
	xs(x, "</w:tc></w:tr></w:tbl>");
}

static void title(xw *x, const lt_doc *d)
{
	pf c = { .jc = "center", .before = 240 };
	rf b14 = { .hp = 28, .b = true };

	if (!d->title)
		return;
	para(x, &c, d->title, &b14);
	c.before = 0;
	if (d->summary) {
		c.left = c.right = 600;
		para(x, &c, d->summary, &b14);
		rule(x, TEXT_W, TEXT_W / 5);
	}
	c.after = 120;
	para(x, &c, NULL, &b14);
}

static void recipients(xw *x, const lt_doc *d, lt_buf *tmp)
{
	pf p = { .jc = "center", .after = 120 };
	rf r14 = { .hp = 28 };

	if (!d->recipients.n)
		return;
	if (d->recipients.n == 1) {
		lt_buf_reset(tmp);
		if (lt_buf_printf(tmp, "Kính gửi: %s", d->recipients.v[0]) == 0)
			para(x, &p, lt_buf_cstr(tmp), &r14);
		return;
	}
	p.jc = "left";
	p.after = 0;
	p.left = 1700;
	para(x, &p, "Kính gửi:", &r14);
	p.left = 2900;
	for (size_t i = 0; i < d->recipients.n; i++) {
		lt_buf_reset(tmp);
		if (lt_buf_printf(tmp, "- %s%s", d->recipients.v[i],
				  i + 1 < d->recipients.n ? ";" : ".") == 0)
			para(x, &p, lt_buf_cstr(tmp), &r14);
	}
	para(x, &p, NULL, &r14);
}

static void text_block(xw *x, const lt_doc_block *b)
{
	static const char *const hs[] = { "Heading1", "Heading2", "Heading3" };
	pf p = { .jc = "both", .first = 720, .after = 120, .line = 276 };
	rf r = { 0 };

	if (b->type == LT_BLOCK_HEADING)
		p.style = hs[b->level - 1];
	p_open(x, &p);
	if (b->marker) {
		run(x, b->marker, &r);
		run(x, " ", &r);
	}
	for (size_t i = 0; i < b->nruns; i++) {
		r.b = b->runs[i].flags & LT_RUN_BOLD;
		r.i = b->runs[i].flags & LT_RUN_ITALIC;
		run(x, b->runs[i].text, &r);
	}
	xs(x, "</w:p>");
}

static void table(xw *x, const lt_doc_table *t)
{
	int cols[32];
	pf p = { .jc = "center" };
	rf r = { .hp = 24, .b = true };

	for (size_t i = 0; i < t->ncols; i++)
		cols[i] = (int)(t->widths[i] * TEXT_W);
	tbl_open(x, cols, t->ncols, true);
	/* w:tblHeader repeats this row at the top of every page. */
	xs(x, "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>");
	for (size_t i = 0; i < t->ncols; i++) {
		tc_open(x, cols[i], "EEEEEE", "center");
		para(x, &p, t->header[i], &r);
		xs(x, "</w:tc>");
	}
	xs(x, "</w:tr>");
	for (size_t k = 0; k < t->nrows; k++) {
		r.b = t->rows[k].total;
		if (t->rows[k].group) {
			int all = 0;
			for (size_t i = 0; i < t->ncols; i++)
				all += cols[i];
			/* One cell across the grid; keepNext holds it to its first row. */
			xf(x, "<w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc><w:tcPr><w:tcW w:w=\"%d\""
			      " w:type=\"dxa\"/><w:gridSpan w:val=\"%zu\"/><w:shd w:val=\"clear\""
			      " w:color=\"auto\" w:fill=\"F7F7F7\"/></w:tcPr>", all, t->ncols);
			para(x, &(pf){ .jc = "left", .keep = true }, t->rows[k].cells[0], &r);
			xs(x, "</w:tc></w:tr>");
			continue;
		}
		xs(x, "<w:tr><w:trPr><w:cantSplit/></w:trPr>");
		for (size_t i = 0; i < t->ncols; i++) {
			p.jc = t->numeric[i] ? "right" : "left";
			tc_open(x, cols[i], NULL, "center");
			para(x, &p, t->rows[k].cells[i], &r);
			xs(x, "</w:tc>");
		}
		xs(x, "</w:tr>");
	}
	xs(x, "</w:tbl>");
	para(x, &(pf){ .after = 0 }, NULL, &r); /* a table must not touch the next one */
}

static void signature(xw *x, const lt_doc *d)
{
	const int cols[2] = { SIG_LEFT, TEXT_W - SIG_LEFT };
	pf l = { .jc = "left" }, c = { .jc = "center" };
	rf h = { .hp = 24, .b = true, .i = true }, e11 = { .hp = 22 };
	rf b14 = { .hp = 28, .b = true }, i14 = { .hp = 28, .i = true };
	char tmp[1024];

	para(x, &(pf){ .keep = true }, NULL, &e11);
	tbl_open(x, cols, 2, false);
	xs(x, "<w:tr><w:trPr><w:cantSplit/></w:trPr>");
	tc_open(x, cols[0], NULL, "top");
	if (d->cc.n)
		para(x, &l, "Nơi nhận:", &h);
	for (size_t i = 0; i < d->cc.n; i++) {
		snprintf(tmp, sizeof(tmp), "- %s", d->cc.v[i]);
		para(x, &l, tmp, &e11);
	}
	if (!d->cc.n)
		para(x, &l, NULL, &e11);
	xs(x, "</w:tc>");
	tc_open(x, cols[1], NULL, "top");
	if (d->sign_authority)
		para(x, &c, d->sign_authority, &b14);
	if (d->sign_title)
		para(x, &c, d->sign_title, &b14);
	para(x, &c, NULL, &b14);
	para(x, &c, d->sign_note, &i14);
	para(x, &c, NULL, &b14);
	para(x, &c, NULL, &b14);
	para(x, &c, d->sign_name, &b14);
	xs(x, "</w:tc></w:tr></w:tbl>");
}

static int document_xml(xw *x, const lt_doc *d)
{
	lt_buf tmp;

	lt_buf_init(&tmp, 1 << 20);
	xs(x, XML_DECL "<w:document xmlns:w=\"" NS_W "\" xmlns:r=\"" NS_R "\"><w:body>");
	header_table(x, d, &tmp);
	title(x, d);
	if (!d->title)
		para(x, &(pf){ .after = 120 }, NULL, &(rf){ 0 });
	recipients(x, d, &tmp);
	for (const lt_doc_block *b = d->blocks; b; b = b->next) {
		if (b->type == LT_BLOCK_TABLE)
			table(x, b->table);
		else
			text_block(x, b);
	}
	signature(x, d);
	if (d->footer && !d->footer_every_page)
		para(x, &(pf){ .before = 240 }, d->footer, &(rf){ .hp = 16 });
	xs(x, "<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rIdH1\"/>"
	      "<w:headerReference w:type=\"first\" r:id=\"rIdH2\"/>");
	if (d->footer && d->footer_every_page)
		xs(x, "<w:footerReference w:type=\"default\" r:id=\"rIdF1\"/>"
		      "<w:footerReference w:type=\"first\" r:id=\"rIdF1\"/>");
	xf(x, "<w:pgSz w:w=\"%d\" w:h=\"%d\"/><w:pgMar w:top=\"%d\" w:right=\"%d\" "
	      "w:bottom=\"%d\" w:left=\"%d\" w:header=\"567\" w:footer=\"567\" w:gutter=\"0\"/>"
	      "<w:titlePg/></w:sectPr></w:body></w:document>",
	   PG_W, PG_H, MG_TOP, MG_RIGHT, MG_BOTTOM, MG_LEFT);
	lt_buf_free(&tmp);
	return x->rc;
}

static void styles_xml(xw *x)
{
	xs(x, XML_DECL "<w:styles xmlns:w=\"" NS_W "\"><w:docDefaults><w:rPrDefault><w:rPr>"
	      "<w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" "
	      "w:eastAsia=\"Times New Roman\" w:cs=\"Times New Roman\"/>"
	      "<w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/><w:lang w:val=\"vi-VN\"/></w:rPr>"
	      "</w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after=\"0\" w:line=\"240\" "
	      "w:lineRule=\"auto\"/></w:pPr></w:pPrDefault></w:docDefaults>"
	      "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\">"
	      "<w:name w:val=\"Normal\"/><w:qFormat/></w:style>");
	for (int i = 1; i <= 3; i++)
		xf(x, "<w:style w:type=\"paragraph\" w:styleId=\"Heading%d\">"
		      "<w:name w:val=\"heading %d\"/><w:basedOn w:val=\"Normal\"/>"
		      "<w:next w:val=\"Normal\"/><w:qFormat/><w:pPr><w:keepNext/>"
		      "<w:spacing w:before=\"60\" w:after=\"120\" w:line=\"276\" w:lineRule=\"auto\"/>"
		      "<w:ind w:firstLine=\"720\"/><w:jc w:val=\"both\"/><w:outlineLvl w:val=\"%d\"/>"
		      "</w:pPr><w:rPr><w:b/><w:bCs/>%s</w:rPr></w:style>",
		   i, i, i - 1, i == 3 ? "<w:i/><w:iCs/>" : "");
	xs(x, "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\">"
	      "<w:name w:val=\"Normal Table\"/><w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/>"
	      "<w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"108\" w:type=\"dxa\"/>"
	      "<w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/>"
	      "</w:tblCellMar></w:tblPr></w:style></w:styles>");
}

/* Header (page number) or footer (note) part. */
static void hf_xml(xw *x, bool footer, const char *text, bool page_field)
{
	const char *tag = footer ? "w:ftr" : "w:hdr";

	xf(x, XML_DECL "<%s xmlns:w=\"" NS_W "\" xmlns:r=\"" NS_R "\">", tag);
	p_open(x, &(pf){ .jc = footer ? "left" : "center" });
	if (page_field)
		xs(x, "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText "
		      "xml:space=\"preserve\"> PAGE </w:instrText></w:r><w:r><w:fldChar "
		      "w:fldCharType=\"separate\"/></w:r><w:r><w:rPr><w:sz w:val=\"26\"/></w:rPr>"
		      "<w:t>2</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>");
	if (text)
		run(x, text, &(rf){ .hp = 16 });
	xf(x, "</w:p></%s>", tag);
}

static void core_xml(xw *x, const lt_doc *d, lt_buf *tmp)
{
	lt_buf_reset(tmp);
	xs(x, XML_DECL "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/"
	      "package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
	      "xmlns:dcterms=\"http://purl.org/dc/terms/\" "
	      "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><dc:title>");
	if (lt_doc_meta_title(d, tmp) == 0)
		xe(x, lt_buf_cstr(tmp));
	xs(x, "</dc:title><dc:creator>");
	xe(x, d->issuer);
	xf(x, "</dc:creator><dc:language>vi-VN</dc:language><dcterms:created "
	      "xsi:type=\"dcterms:W3CDTF\">%04d-%02d-%02dT00:00:00Z</dcterms:created>"
	      "</cp:coreProperties>", d->year, d->month, d->day);
}

static const char content_types[] = XML_DECL
	"<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
	"<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
	"<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
	"<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
	"<Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
	"<Override PartName=\"/word/settings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/>"
	"<Override PartName=\"/word/header1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml\"/>"
	"<Override PartName=\"/word/header2.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml\"/>"
	"<Override PartName=\"/word/footer1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/>"
	"<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
	"<Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>"
	"</Types>";

static const char root_rels[] = XML_DECL
	"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	"<Relationship Id=\"rId1\" Type=\"" NS_R "/officeDocument\" Target=\"word/document.xml\"/>"
	"<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
	"<Relationship Id=\"rId3\" Type=\"" NS_R "/extended-properties\" Target=\"docProps/app.xml\"/>"
	"</Relationships>";

static const char doc_rels[] = XML_DECL
	"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	"<Relationship Id=\"rIdS\" Type=\"" NS_R "/styles\" Target=\"styles.xml\"/>"
	"<Relationship Id=\"rIdT\" Type=\"" NS_R "/settings\" Target=\"settings.xml\"/>"
	"<Relationship Id=\"rIdH1\" Type=\"" NS_R "/header\" Target=\"header1.xml\"/>"
	"<Relationship Id=\"rIdH2\" Type=\"" NS_R "/header\" Target=\"header2.xml\"/>"
	"<Relationship Id=\"rIdF1\" Type=\"" NS_R "/footer\" Target=\"footer1.xml\"/>"
	"</Relationships>";

static const char settings[] = XML_DECL
	"<w:settings xmlns:w=\"" NS_W "\"><w:zoom w:percent=\"100\"/>"
	"<w:defaultTabStop w:val=\"720\"/><w:characterSpacingControl w:val=\"doNotCompress\"/>"
	"<w:compat><w:compatSetting w:name=\"compatibilityMode\" "
	"w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>"
	"<w:themeFontLang w:val=\"vi-VN\"/></w:settings>";

static const char app[] = XML_DECL
	"<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">"
	"<Application>lantoa</Application></Properties>";

enum { P_DOC, P_STYLES, P_HDR1, P_HDR2, P_FTR1, P_CORE, P_N };

/* Zip the parts in memory and append the archive to out. */
static int zip_parts(const char *const *names, const char *const *data, const size_t *len,
		     size_t n, lt_buf *out, lt_error *e)
{
	zip_error_t ze;
	zip_source_t *src = NULL, *s = NULL;
	zip_t *za = NULL;
	zip_int64_t size, got;
	bool opened = false;
	int rc = 0;

	zip_error_init(&ze);
	src = zip_source_buffer_create(NULL, 0, 0, &ze);
	if (!src)
		goto zfail;
	za = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
	if (!za)
		goto zfail;
	zip_source_keep(src); /* survive zip_close, to read the archive back */
	for (size_t i = 0; i < n; i++) {
		zip_int64_t idx;
		s = zip_source_buffer(za, data[i], len[i], 0);
		if (!s)
			goto zfail;
		idx = zip_file_add(za, names[i], s, ZIP_FL_ENC_UTF_8);
		if (idx < 0)
			goto zfail;
		s = NULL; /* owned by za now */
		/* A fixed time: the same document gives the same bytes. */
		zip_file_set_mtime(za, (zip_uint64_t)idx, 1704067200, 0);
	}
	if (zip_close(za) < 0)
		goto zfail;
	za = NULL;
	if (zip_source_open(src) < 0)
		goto zfail;
	opened = true;
	if (zip_source_seek(src, 0, SEEK_END) < 0)
		goto zfail;
	size = zip_source_tell(src);
	if (size < 0 || zip_source_seek(src, 0, SEEK_SET) < 0)
		goto zfail;
	if ((size_t)size > out->cap - out->len) {
		rc = LT_ETOOBIG;
		goto fail;
	}
	while (size > 0) {
		char chunk[65536];
		got = zip_source_read(src, chunk, sizeof(chunk));
		if (got <= 0)
			goto zfail;
		rc = lt_buf_add(out, chunk, (size_t)got);
		if (rc)
			goto fail;
		size -= got;
	}
	goto fail;
zfail:
	rc = lt_error_set(e, LT_EINTERNAL, NULL, "Lỗi nén DOCX: %s", "DOCX zip error: %s",
			  za ? zip_strerror(za) : src ? zip_error_strerror(zip_source_error(src))
						       : zip_error_strerror(&ze));
fail:
	if (s)
		zip_source_free(s);
	if (za)
		zip_discard(za);
	if (opened)
		zip_source_close(src);
	if (src)
		zip_source_free(src);
	zip_error_fini(&ze);
	return rc;
}

int lt_doc_render_docx(const lt_doc *d, lt_buf *out, lt_error *e)
{
	static const char *const names[] = {
		"[Content_Types].xml", "_rels/.rels", "word/document.xml",
		"word/_rels/document.xml.rels", "word/styles.xml", "word/settings.xml",
		"word/header1.xml", "word/header2.xml", "word/footer1.xml",
		"docProps/core.xml", "docProps/app.xml",
	};
	xw x[P_N];
	lt_buf tmp;
	const char *data[11];
	size_t len[11];
	int rc = 0;

	lt_buf_init(&tmp, 1 << 20);
	for (int i = 0; i < P_N; i++) {
		lt_buf_init(&x[i].b, PART_MAX);
		x[i].rc = 0;
	}
	if (!d->issuer || !d->year || !d->sign_name) {
		rc = lt_error_set(e, LT_EINVAL, !d->issuer ? "issuer" : !d->year ? "date" : "sign_name",
				  "Văn bản thiếu cơ quan ban hành, ngày hoặc người ký",
				  "Document lacks its issuer, date or signer");
		goto fail;
	}
	document_xml(&x[P_DOC], d);
	styles_xml(&x[P_STYLES]);
	hf_xml(&x[P_HDR1], false, NULL, true);
	hf_xml(&x[P_HDR2], false, NULL, false);
	hf_xml(&x[P_FTR1], true, d->footer_every_page ? d->footer : NULL, false);
	core_xml(&x[P_CORE], d, &tmp);
	for (int i = 0; i < P_N; i++) {
		if (x[i].rc) {
			rc = lt_error_set(e, x[i].rc, NULL, "Văn bản quá lớn hoặc hết bộ nhớ",
					  "Document too large or out of memory");
			goto fail;
		}
	}
	data[0] = content_types;
	data[1] = root_rels;
	data[2] = lt_buf_cstr(&x[P_DOC].b);
	data[3] = doc_rels;
	data[4] = lt_buf_cstr(&x[P_STYLES].b);
	data[5] = settings;
	data[6] = lt_buf_cstr(&x[P_HDR1].b);
	data[7] = lt_buf_cstr(&x[P_HDR2].b);
	data[8] = lt_buf_cstr(&x[P_FTR1].b);
	data[9] = lt_buf_cstr(&x[P_CORE].b);
	data[10] = app;
	for (int i = 0; i < 11; i++)
		len[i] = strlen(data[i]);
	rc = zip_parts(names, data, len, 11, out, e);
fail:
	for (int i = 0; i < P_N; i++)
		lt_buf_free(&x[i].b);
	lt_buf_free(&tmp);
	return rc;
}
