/* doc_pdf.c — see doc_pdf.h. Units are PDF points (1/72 inch) throughout. */
#include "render/doc_pdf.h"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render/vndate.h"

#define MM (72.0 / 25.4)
#define PAGE_W (210 * MM)
#define PAGE_H (297 * MM)
#define M_TOP (20 * MM)
#define M_BOTTOM (20 * MM)
#define M_LEFT (30 * MM)
#define M_RIGHT (15 * MM)
#define TEXT_W (PAGE_W - M_LEFT - M_RIGHT)
#define Y_LIMIT (PAGE_H - M_BOTTOM)

#define FONT "Liberation Serif"
#define BODY_PT 14.0
#define TABLE_PT 12.0
#define LINE_FACTOR 1.15 /* of the font's single line height */
#define PARA_AFTER 6.0
#define INDENT (1.27 / 2.54 * 72.0)
#define RULE_W 0.6
#define CELL_PX 3.0
#define CELL_PY 2.0
#define MAX_COLS 32

typedef struct style {
	double pt;
	bool bold, italic;
	PangoAlignment align;
	bool justify;
	double indent;
	double spacing; /* line spacing factor, 0: single */
} style;

/*
 * Figures dominate big tables. Shaping "12.345" through a PangoLayout per cell
 * costs as much as the rest of the document, so numeric cells take a fast
 * path: the glyph and advance of each character they may contain are looked
 * up once per font (from one Pango layout, so glyphs and metrics are Pango's),
 * and cells are drawn in batches with cairo_show_text_glyphs (which keeps the
 * text extractable).
 */
#define FAST_CHARS "0123456789.,-+%()/ "
#define BATCH_MAX 2048

typedef struct numfont {
	cairo_scaled_font_t *sf; /* NULL: fast path unavailable */
	unsigned long glyph[128];
	double adv[128];
	bool has[128];
	double height, baseline; /* one line, as a PangoLayout measures it */
} numfont;

typedef struct batch {
	cairo_scaled_font_t *sf;
	cairo_glyph_t g[BATCH_MAX];
	cairo_text_cluster_t cl[BATCH_MAX];
	char utf8[BATCH_MAX];
	int n;
} batch;

typedef struct pdf {
	const lt_doc *d;
	lt_buf *out;
	int wrc; /* first write error */
	cairo_surface_t *surf;
	cairo_t *cr;
	PangoContext *ctx;
	PangoLayout *lay; /* general-purpose layout */
	PangoLayout *aux; /* page number and footer: drawn while lay is pending */
	PangoFontDescription *fd;
	lt_buf text; /* scratch text */
	double y;
	int page;
	numfont num[2]; /* table figures: regular, bold */
	batch *bat;
} pdf;

static pthread_key_t ctx_key;
static pthread_once_t ctx_once = PTHREAD_ONCE_INIT;

static void ctx_destroy(void *p)
{
	g_object_unref(p);
}

static void ctx_key_make(void)
{
	pthread_key_create(&ctx_key, ctx_destroy);
}

/* The calling thread's PangoContext at 72 dpi with unhinted metrics (PDF is
 * resolution-independent), created on first use and freed at thread exit. */
static PangoContext *thread_ctx(void)
{
	PangoContext *ctx;
	cairo_font_options_t *fo;

	pthread_once(&ctx_once, ctx_key_make);
	ctx = pthread_getspecific(ctx_key);
	if (ctx)
		return ctx;
	ctx = pango_font_map_create_context(pango_cairo_font_map_get_default());
	if (!ctx)
		return NULL;
	pango_cairo_context_set_resolution(ctx, 72.0);
	fo = cairo_font_options_create();
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	pango_cairo_context_set_font_options(ctx, fo);
	cairo_font_options_destroy(fo);
	pango_context_set_round_glyph_positions(ctx, FALSE);
	pthread_setspecific(ctx_key, ctx);
	return ctx;
}

int lt_doc_pdf_init(lt_error *e)
{
	PangoContext *ctx = thread_ctx();
	PangoFontDescription *fd = NULL;
	PangoFontDescription *got = NULL;
	PangoFont *font = NULL;
	int rc = 0;

	if (!ctx) {
		rc = lt_error_set(e, LT_EINTERNAL, NULL, "Không khởi tạo được Pango",
				  "Cannot initialise Pango");
		goto fail;
	}
	fd = pango_font_description_from_string(FONT " 12");
	font = pango_context_load_font(ctx, fd);
	if (font)
		got = pango_font_describe(font);
	if (!got || strcmp(pango_font_description_get_family(got), FONT) != 0) {
		rc = lt_error_set(e, LT_EUNSUPPORTED, "font",
				  "Thiếu phông " FONT " (gói fonts-liberation2)",
				  "Font " FONT " is missing (package fonts-liberation2)");
		goto fail;
	}
fail:
	if (got)
		pango_font_description_free(got);
	if (font)
		g_object_unref(font);
	if (fd)
		pango_font_description_free(fd);
	return rc;
}

static cairo_status_t write_cb(void *closure, const unsigned char *data, unsigned int len)
{
	pdf *p = closure;
	int rc = lt_buf_add(p->out, data, len);

	if (rc) {
		if (!p->wrc)
			p->wrc = rc;
		return CAIRO_STATUS_WRITE_ERROR;
	}
	return CAIRO_STATUS_SUCCESS;
}

/* Configure layout l for text in a box of the given width. attrs may be NULL. */
static void lay_set(pdf *p, PangoLayout *l, const char *text, int len, double width,
		    const style *s, PangoAttrList *attrs)
{
	pango_font_description_set_absolute_size(p->fd, s->pt * PANGO_SCALE);
	pango_font_description_set_weight(p->fd, s->bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
	pango_font_description_set_style(p->fd, s->italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
	pango_layout_set_font_description(l, p->fd);
	pango_layout_set_width(l, (int)(width * PANGO_SCALE));
	pango_layout_set_alignment(l, s->align);
	pango_layout_set_justify(l, s->justify);
	pango_layout_set_indent(l, (int)(s->indent * PANGO_SCALE));
	pango_layout_set_line_spacing(l, (float)s->spacing);
	pango_layout_set_attributes(l, attrs);
	pango_layout_set_text(l, text, len);
}

static double lay_height(PangoLayout *l)
{
	PangoRectangle r;

	pango_layout_get_extents(l, NULL, &r);
	return (double)r.height / PANGO_SCALE;
}

static double lay_width(PangoLayout *l)
{
	PangoRectangle r;

	pango_layout_get_extents(l, NULL, &r);
	return (double)r.width / PANGO_SCALE;
}

/* Draw the whole layout with its top-left at (x, y). */
static void lay_draw(pdf *p, PangoLayout *l, double x, double y)
{
	cairo_move_to(p->cr, x, y);
	pango_cairo_show_layout(p->cr, l);
}

/* Set p->lay, draw it at (x, y) and return its height. */
static double text_at(pdf *p, const char *text, double x, double y, double width,
		      const style *s)
{
	lay_set(p, p->lay, text, -1, width, s, NULL);
	lay_draw(p, p->lay, x, y);
	return lay_height(p->lay);
}

static void hrule(pdf *p, double cx, double y, double w)
{
	cairo_set_line_width(p->cr, RULE_W);
	cairo_move_to(p->cr, cx - w / 2, y);
	cairo_line_to(p->cr, cx + w / 2, y);
	cairo_stroke(p->cr);
}

static void draw_footer(pdf *p)
{
	style s = { .pt = 8, .align = PANGO_ALIGN_LEFT };

	lay_set(p, p->aux, p->d->footer, -1, TEXT_W, &s, NULL);
	lay_draw(p, p->aux, M_LEFT, PAGE_H - M_BOTTOM + 6);
}

/* Page number centred in the top margin, from page 2 on. */
static void draw_page_number(pdf *p)
{
	style s = { .pt = 13, .align = PANGO_ALIGN_CENTER };
	char num[16];

	snprintf(num, sizeof(num), "%d", p->page);
	lay_set(p, p->aux, num, -1, TEXT_W, &s, NULL);
	lay_draw(p, p->aux, M_LEFT, M_TOP / 2 - 6);
}

static void flush(pdf *p)
{
	batch *b = p->bat;

	if (!b || !b->n)
		return;
	cairo_set_scaled_font(p->cr, b->sf);
	cairo_show_text_glyphs(p->cr, b->utf8, b->n, b->g, b->n, b->cl, b->n, 0);
	b->n = 0;
}

static void new_page(pdf *p)
{
	flush(p);
	if (p->d->footer && p->d->footer_every_page)
		draw_footer(p);
	cairo_show_page(p->cr);
	p->page++;
	p->y = M_TOP;
	draw_page_number(p);
}

static void ensure(pdf *p, double h)
{
	if (p->y + h > Y_LIMIT && p->y > M_TOP + 0.5)
		new_page(p);
}

/*
 * Draw layout l line by line from p->y at x, breaking to a new page between
 * lines where needed (pagination never cuts a line), then add `after`.
 */
static void flow(pdf *p, PangoLayout *l, double x, double after)
{
	PangoLayoutIter *it = pango_layout_get_iter(l);
	double off = 0; /* layout y of the current page part's top */
	double bottom = 0;
	bool first = true;

	do {
		PangoRectangle r;
		double top, bot, base;

		pango_layout_iter_get_line_extents(it, NULL, &r);
		top = (double)r.y / PANGO_SCALE;
		bot = (double)(r.y + r.height) / PANGO_SCALE;
		base = (double)pango_layout_iter_get_baseline(it) / PANGO_SCALE;
		if (first) {
			off = top;
			first = false;
		}
		if (p->y + (bot - off) > Y_LIMIT && p->y + (top - off) > M_TOP + 0.5) {
			p->y += top - off;
			new_page(p);
			off = top;
		}
		cairo_move_to(p->cr, x + (double)r.x / PANGO_SCALE, p->y + base - off);
		pango_cairo_show_layout_line(p->cr, pango_layout_iter_get_line_readonly(it));
		bottom = bot;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	p->y += bottom - off + after;
}

/* Concatenate a block's runs (after its marker) into p->text with bold/italic
 * attributes; returns the attribute list (owned) or NULL on OOM. */
static PangoAttrList *runs_text(pdf *p, const lt_doc_block *b)
{
	PangoAttrList *al = pango_attr_list_new();

	lt_buf_reset(&p->text);
	if (b->marker && (lt_buf_adds(&p->text, b->marker) || lt_buf_adds(&p->text, " ")))
		goto fail;
	for (size_t i = 0; i < b->nruns; i++) {
		size_t start = p->text.len;
		if (lt_buf_adds(&p->text, b->runs[i].text))
			goto fail;
		if (b->runs[i].flags & LT_RUN_BOLD) {
			PangoAttribute *a = pango_attr_weight_new(PANGO_WEIGHT_BOLD);
			a->start_index = (guint)start;
			a->end_index = (guint)p->text.len;
			pango_attr_list_insert(al, a);
		}
		if (b->runs[i].flags & LT_RUN_ITALIC) {
			PangoAttribute *a = pango_attr_style_new(PANGO_STYLE_ITALIC);
			a->start_index = (guint)start;
			a->end_index = (guint)p->text.len;
			pango_attr_list_insert(al, a);
		}
	}
	return al;
fail:
	pango_attr_list_unref(al);
	return NULL;
}

static int draw_text_block(pdf *p, const lt_doc_block *b)
{
	style s = { .pt = BODY_PT, .align = PANGO_ALIGN_LEFT, .justify = true,
		    .indent = INDENT, .spacing = LINE_FACTOR };
	PangoAttrList *al = runs_text(p, b);

	if (!al)
		return LT_ENOMEM;
	if (b->type == LT_BLOCK_HEADING) {
		s.bold = true;
		s.italic = b->level == 3;
		s.justify = false;
	}
	lay_set(p, p->lay, lt_buf_cstr(&p->text), (int)p->text.len, TEXT_W, &s, al);
	pango_attr_list_unref(al);
	if (b->type == LT_BLOCK_HEADING) {
		/* Keep a heading with the start of what follows: its own height plus
		 * about three body lines (or a table header and first row). */
		ensure(p, lay_height(p->lay) + 3 * BODY_PT * 1.32);
		p->y += 3; /* a little air above headings */
	}
	flow(p, p->lay, M_LEFT, PARA_AFTER);
	return 0;
}

/* Fill nf for the table font (bold or not) from one layout of FAST_CHARS. */
static void numfont_init(pdf *p, numfont *nf, bool bold)
{
	style s = { .pt = TABLE_PT, .bold = bold, .align = PANGO_ALIGN_LEFT };
	PangoLayoutLine *line;
	PangoGlyphItem *run;
	PangoGlyphString *gs;
	const char *chars = FAST_CHARS;
	int n = (int)strlen(FAST_CHARS);

	memset(nf, 0, sizeof(*nf));
	lay_set(p, p->aux, chars, n, -1, &s, NULL);
	nf->height = lay_height(p->aux);
	nf->baseline = (double)pango_layout_get_baseline(p->aux) / PANGO_SCALE;
	line = pango_layout_get_line_readonly(p->aux, 0);
	/* One run, one glyph per character, or no fast path (the slow one is right). */
	if (!line || !line->runs || line->runs->next)
		return;
	run = line->runs->data;
	gs = run->glyphs;
	if (gs->num_glyphs != n)
		return;
	for (int i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)chars[gs->log_clusters[i]];
		if (gs->glyphs[i].glyph & PANGO_GLYPH_UNKNOWN_FLAG)
			return;
		nf->glyph[ch] = gs->glyphs[i].glyph;
		nf->adv[ch] = (double)gs->glyphs[i].geometry.width / PANGO_SCALE;
		nf->has[ch] = true;
	}
	nf->sf = cairo_scaled_font_reference(
		pango_cairo_font_get_scaled_font(PANGO_CAIRO_FONT(run->item->analysis.font)));
}

/* Width of s in nf, or -1 when s has a character outside the fast path. */
static double fast_width(const numfont *nf, const char *s)
{
	double w = 0;

	if (!nf->sf)
		return -1;
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;
		if (ch >= 128 || !nf->has[ch])
			return -1;
		w += nf->adv[ch];
	}
	return w;
}

/* Queue s with its baseline origin at (x, y). */
static void fast_draw(pdf *p, const numfont *nf, const char *s, double x, double y)
{
	batch *b = p->bat;
	size_t len = strlen(s);

	if (b->sf != nf->sf || b->n + (int)len > BATCH_MAX) {
		flush(p);
		b->sf = nf->sf;
	}
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;
		b->g[b->n].index = nf->glyph[ch];
		b->g[b->n].x = x;
		b->g[b->n].y = y;
		b->cl[b->n].num_bytes = 1;
		b->cl[b->n].num_glyphs = 1;
		b->utf8[b->n] = (char)ch;
		b->n++;
		x += nf->adv[ch];
	}
}

typedef struct tcol {
	PangoLayout *hdr; /* header cell, kept for repeats */
	PangoLayout *cell;
	double x, w;
	const char *fast; /* this row's text when drawn by the fast path */
	double fast_w;
	bool right;
} tcol;

static void draw_row(pdf *p, tcol *c, size_t n, double h, bool header, const numfont *nf)
{
	cairo_t *cr = p->cr;

	if (header) {
		cairo_set_source_rgb(cr, 0.93, 0.93, 0.93);
		cairo_rectangle(cr, M_LEFT, p->y, TEXT_W, h);
		cairo_fill(cr);
		cairo_set_source_rgb(cr, 0, 0, 0);
	}
	for (size_t i = 0; i < n; i++) {
		PangoLayout *l = header ? c[i].hdr : c[i].cell;
		double th;

		if (!header && c[i].fast) {
			double x = c[i].right ? c[i].x + c[i].w - CELL_PX - c[i].fast_w
					      : c[i].x + CELL_PX;
			fast_draw(p, nf, c[i].fast, x, p->y + (h - nf->height) / 2 + nf->baseline);
			continue;
		}
		th = lay_height(l);
		lay_draw(p, l, c[i].x + CELL_PX, p->y + (h - th) / 2);
	}
	cairo_set_line_width(cr, 0.5);
	cairo_rectangle(cr, M_LEFT, p->y, TEXT_W, h);
	for (size_t i = 1; i < n; i++) {
		cairo_move_to(cr, c[i].x, p->y);
		cairo_line_to(cr, c[i].x, p->y + h);
	}
	cairo_stroke(cr);
	p->y += h;
}

static int draw_table(pdf *p, const lt_doc_table *t)
{
	tcol c[MAX_COLS];
	style hs = { .pt = TABLE_PT, .bold = true, .align = PANGO_ALIGN_CENTER };
	PangoAttrList *al = pango_attr_list_new();
	double x = M_LEFT, hh = 0;
	size_t n = t->ncols;

	/* Long unit names may break inside a word but never with a hyphen. */
	pango_attr_list_insert(al, pango_attr_insert_hyphens_new(FALSE));
	memset(c, 0, sizeof(c));
	for (size_t i = 0; i < n; i++) {
		c[i].x = x;
		c[i].w = t->widths[i] * TEXT_W;
		x += c[i].w;
		c[i].hdr = pango_layout_new(p->ctx);
		c[i].cell = pango_layout_new(p->ctx);
		lay_set(p, c[i].hdr, t->header[i], -1, c[i].w - 2 * CELL_PX, &hs, al);
		pango_layout_set_wrap(c[i].hdr, PANGO_WRAP_WORD_CHAR);
		pango_layout_set_wrap(c[i].cell, PANGO_WRAP_WORD_CHAR);
		if (lay_height(c[i].hdr) > hh)
			hh = lay_height(c[i].hdr);
	}
	hh += 2 * CELL_PY;
	for (size_t r = 0; r < t->nrows; r++) {
		style s = { .pt = TABLE_PT, .bold = t->rows[r].total };
		const numfont *nf = &p->num[s.bold];
		double h = 0, ch;

		for (size_t i = 0; i < n; i++) {
			const char *txt = t->rows[r].cells[i];
			double fw = fast_width(nf, txt);

			c[i].right = t->numeric[i];
			/* A figure never wraps (a number cut in two misleads);
			 * text that does not fit goes to Pango, which wraps it. */
			if (fw >= 0 && (t->numeric[i] || fw <= c[i].w - 2 * CELL_PX)) {
				c[i].fast = txt;
				c[i].fast_w = fw;
				ch = nf->height;
			} else {
				c[i].fast = NULL;
				s.align = t->numeric[i] ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT;
				lay_set(p, c[i].cell, txt, -1, c[i].w - 2 * CELL_PX, &s, al);
				ch = lay_height(c[i].cell);
			}
			if (ch > h)
				h = ch;
		}
		h += 2 * CELL_PY;
		if (r == 0) {
			ensure(p, hh + h);
			draw_row(p, c, n, hh, true, nf);
		} else if (p->y + h > Y_LIMIT) {
			new_page(p);
			draw_row(p, c, n, hh, true, nf);
		}
		draw_row(p, c, n, h, false, nf);
	}
	if (t->nrows == 0) {
		ensure(p, hh);
		draw_row(p, c, n, hh, true, &p->num[0]);
	}
	flush(p);
	p->y += PARA_AFTER + 2;
	for (size_t i = 0; i < n; i++) {
		g_object_unref(c[i].hdr);
		g_object_unref(c[i].cell);
	}
	pango_attr_list_unref(al);
	return 0;
}

static double measure(pdf *p, const char *text, double width, const style *s)
{
	lay_set(p, p->lay, text, -1, width, s, NULL);
	return lay_height(p->lay);
}

/*
 * The header: left, the parent and issuing bodies with a short rule and the
 * number (and the "V/v" line of a công văn); right, the national motto with a
 * rule as long as its second line, then the place-and-date line, on the same
 * line as the number.
 */
static int draw_header(pdf *p)
{
	const lt_doc *d = p->d;
	const double lw = TEXT_W * 0.42, rw = TEXT_W - lw;
	const double lx = M_LEFT, rx = M_LEFT + lw;
	style body = { .pt = 13, .align = PANGO_ALIGN_CENTER };
	style bold = { .pt = 13, .bold = true, .align = PANGO_ALIGN_CENTER };
	style qh = { .pt = 12, .bold = true, .align = PANGO_ALIGN_CENTER };
	style date = { .pt = 14, .italic = true, .align = PANGO_ALIGN_CENTER };
	double y0 = M_TOP, ly = y0, ry = y0, row2, w, y;
	int rc;

	/* Row 1: parent body | Quốc hiệu. */
	if (d->parent_body)
		ly += text_at(p, d->parent_body, lx, ly, lw, &body);
	ry += text_at(p, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", rx, ry, rw, &qh);
	row2 = d->parent_body && ly > ry ? ly : ry;
	ly = d->parent_body ? row2 : y0;
	/* Row 2: issuing body | Tiêu ngữ, each with its rule. */
	lay_set(p, p->lay, d->issuer, -1, lw, &bold, NULL);
	lay_draw(p, p->lay, lx, ly);
	w = lay_width(p->lay);
	ly += lay_height(p->lay) + 1.5;
	hrule(p, lx + lw / 2, ly, w * 0.4 > 50 ? w * 0.4 : 50);
	lay_set(p, p->lay, "Độc lập - Tự do - Hạnh phúc", -1, rw, &bold, NULL);
	lay_draw(p, p->lay, rx, row2);
	w = lay_width(p->lay);
	ry = row2 + lay_height(p->lay) + 1.5;
	hrule(p, rx + rw / 2, ry, w);
	/* Row 3: number | place and date. */
	y = (ly > ry ? ly : ry) + 8;
	ly = y;
	if (d->number) {
		lt_buf_reset(&p->text);
		rc = lt_buf_printf(&p->text, "Số: %s", d->number);
		if (rc)
			return rc;
		ly += text_at(p, lt_buf_cstr(&p->text), lx, y, lw, &body);
	}
	lt_buf_reset(&p->text);
	rc = lt_vndate_format_line(&p->text, d->place, d->year, d->month, d->day);
	if (rc)
		return rc;
	ry = y + text_at(p, lt_buf_cstr(&p->text), rx, y, rw, &date);
	if (d->kind == LT_DOC_DIRECTIVE && d->summary) {
		style vv = { .pt = 12, .align = PANGO_ALIGN_CENTER };
		lt_buf_reset(&p->text);
		rc = lt_buf_printf(&p->text, "V/v %s", d->summary);
		if (rc)
			return rc;
		ly += 2 + text_at(p, lt_buf_cstr(&p->text), lx + 8, ly + 2, lw - 16, &vv);
	}
	p->y = (ly > ry ? ly : ry) + 10;
	return 0;
}

static void draw_title(pdf *p)
{
	const lt_doc *d = p->d;
	style s = { .pt = 14, .bold = true, .align = PANGO_ALIGN_CENTER };
	double w;

	if (!d->title)
		return;
	p->y += 12;
	p->y += text_at(p, d->title, M_LEFT, p->y, TEXT_W, &s);
	if (d->summary) {
		lay_set(p, p->lay, d->summary, -1, TEXT_W * 0.85, &s, NULL);
		lay_draw(p, p->lay, M_LEFT + TEXT_W * 0.075, p->y);
		w = lay_width(p->lay);
		p->y += lay_height(p->lay) + 2;
		hrule(p, M_LEFT + TEXT_W / 2, p->y, w / 3 > 60 ? w / 3 : 60);
	}
	p->y += 14;
}

/* "Kính gửi: X" centred for one recipient; a "- X;" list for several. */
static int draw_recipients(pdf *p)
{
	const lt_doc_strv *r = &p->d->recipients;
	style s = { .pt = BODY_PT, .align = PANGO_ALIGN_CENTER };
	double x = M_LEFT + TEXT_W * 0.18, lab;
	int rc;

	if (!r->n)
		return 0;
	if (r->n == 1) {
		lt_buf_reset(&p->text);
		rc = lt_buf_printf(&p->text, "Kính gửi: %s", r->v[0]);
		if (rc)
			return rc;
		p->y += text_at(p, lt_buf_cstr(&p->text), M_LEFT + 20, p->y, TEXT_W - 40, &s);
		p->y += 10;
		return 0;
	}
	s.align = PANGO_ALIGN_LEFT;
	lay_set(p, p->lay, "Kính gửi: ", -1, -1, &s, NULL);
	lab = lay_width(p->lay);
	text_at(p, "Kính gửi:", x, p->y, TEXT_W, &s);
	for (size_t i = 0; i < r->n; i++) {
		lt_buf_reset(&p->text);
		rc = lt_buf_printf(&p->text, "- %s%s", r->v[i],
				   i + 1 < r->n ? ";" : ".");
		if (rc)
			return rc;
		p->y += text_at(p, lt_buf_cstr(&p->text), x + lab, p->y,
				M_LEFT + TEXT_W - x - lab, &s);
	}
	p->y += 10;
	return 0;
}

/* "Nơi nhận" bottom-left and the signer bottom-right, never split. */
static int draw_signature(pdf *p)
{
	const lt_doc *d = p->d;
	const double lw = TEXT_W * 0.45, rw = TEXT_W - lw, rx = M_LEFT + lw;
	style cc_h = { .pt = 12, .bold = true, .italic = true };
	style cc = { .pt = 11, .indent = -6 };
	style sg = { .pt = 14, .bold = true, .align = PANGO_ALIGN_CENTER };
	style note = { .pt = 14, .italic = true, .align = PANGO_ALIGN_CENTER };
	const double gap = 72; /* room for the signature and seal */
	double lh = 0, rh = 0, y;
	int rc;

	lt_buf_reset(&p->text);
	for (size_t i = 0; i < d->cc.n; i++) {
		rc = lt_buf_printf(&p->text, "%s- %s", i ? "\n" : "", d->cc.v[i]);
		if (rc)
			return rc;
	}
	if (d->cc.n)
		lh = measure(p, "Nơi nhận:", lw, &cc_h) + measure(p, lt_buf_cstr(&p->text), lw - 10, &cc);
	if (d->sign_authority)
		rh += measure(p, d->sign_authority, rw, &sg);
	if (d->sign_title)
		rh += measure(p, d->sign_title, rw, &sg);
	rh += gap + measure(p, d->sign_name, rw, &sg);
	p->y += 8;
	ensure(p, lh > rh ? lh : rh);
	y = p->y;
	if (d->cc.n) {
		y += text_at(p, "Nơi nhận:", M_LEFT, y, lw, &cc_h);
		text_at(p, lt_buf_cstr(&p->text), M_LEFT, y, lw - 10, &cc);
	}
	y = p->y;
	if (d->sign_authority)
		y += text_at(p, d->sign_authority, rx, y, rw, &sg);
	if (d->sign_title)
		y += text_at(p, d->sign_title, rx, y, rw, &sg);
	if (d->sign_note)
		text_at(p, d->sign_note, rx, y + gap / 2 - 8, rw, &note);
	y += gap;
	y += text_at(p, d->sign_name, rx, y, rw, &sg);
	p->y += lh > rh ? lh : rh;
	return 0;
}

static void set_metadata(pdf *p)
{
	char date[32];

	lt_buf_reset(&p->text);
	if (lt_doc_meta_title(p->d, &p->text) == 0 && p->text.len)
		cairo_pdf_surface_set_metadata(p->surf, CAIRO_PDF_METADATA_TITLE,
					       lt_buf_cstr(&p->text));
	cairo_pdf_surface_set_metadata(p->surf, CAIRO_PDF_METADATA_CREATOR, "lantoa");
	cairo_pdf_surface_set_metadata(p->surf, CAIRO_PDF_METADATA_AUTHOR, p->d->issuer);
	/* The issue date, not the wall clock: the same document gives the same bytes. */
	snprintf(date, sizeof(date), "%04d-%02d-%02dT00:00:00", p->d->year, p->d->month,
		 p->d->day);
	cairo_pdf_surface_set_metadata(p->surf, CAIRO_PDF_METADATA_CREATE_DATE, date);
}

int lt_doc_render_pdf(const lt_doc *d, lt_buf *out, lt_error *e)
{
	pdf p;
	int rc = 0;

	memset(&p, 0, sizeof(p));
	lt_buf_init(&p.text, 1 << 20);
	if (!d->issuer || !d->year || !d->sign_name) {
		rc = lt_error_set(e, LT_EINVAL, !d->issuer ? "issuer" : !d->year ? "date" : "sign_name",
				  "Văn bản thiếu cơ quan ban hành, ngày hoặc người ký",
				  "Document lacks its issuer, date or signer");
		goto fail;
	}
	p.d = d;
	p.out = out;
	p.ctx = thread_ctx();
	if (!p.ctx) {
		rc = LT_EINTERNAL;
		goto fail;
	}
	p.surf = cairo_pdf_surface_create_for_stream(write_cb, &p, PAGE_W, PAGE_H);
	if (cairo_surface_status(p.surf) != CAIRO_STATUS_SUCCESS) {
		rc = LT_ENOMEM;
		goto fail;
	}
	set_metadata(&p);
	p.cr = cairo_create(p.surf);
	pango_cairo_update_context(p.cr, p.ctx);
	p.lay = pango_layout_new(p.ctx);
	p.aux = pango_layout_new(p.ctx);
	p.fd = pango_font_description_from_string(FONT);
	p.bat = malloc(sizeof(*p.bat));
	if (!p.bat) {
		rc = LT_ENOMEM;
		goto fail;
	}
	p.bat->n = 0;
	p.bat->sf = NULL;
	numfont_init(&p, &p.num[0], false);
	numfont_init(&p, &p.num[1], true);
	p.page = 1;
	p.y = M_TOP;
	rc = draw_header(&p);
	if (rc)
		goto fail;
	draw_title(&p);
	rc = draw_recipients(&p);
	for (const lt_doc_block *b = d->blocks; b && !rc; b = b->next)
		rc = b->type == LT_BLOCK_TABLE ? draw_table(&p, b->table) : draw_text_block(&p, b);
	if (!rc)
		rc = draw_signature(&p);
	if (rc)
		goto fail;
	if (d->footer)
		draw_footer(&p);
	cairo_destroy(p.cr);
	p.cr = NULL;
	cairo_surface_finish(p.surf);
	if (p.wrc)
		rc = p.wrc;
	else if (cairo_surface_status(p.surf) != CAIRO_STATUS_SUCCESS)
		rc = LT_EINTERNAL;
fail:
	if (rc && e && !e->code)
		lt_error_set(e, rc, NULL, "Không tạo được PDF (%s)", "Cannot render the PDF (%s)",
			     lt_err_name(rc));
	for (int i = 0; i < 2; i++)
		if (p.num[i].sf)
			cairo_scaled_font_destroy(p.num[i].sf);
	free(p.bat);
	if (p.fd)
		pango_font_description_free(p.fd);
	if (p.lay)
		g_object_unref(p.lay);
	if (p.aux)
		g_object_unref(p.aux);
	if (p.cr)
		cairo_destroy(p.cr);
	if (p.surf)
		cairo_surface_destroy(p.surf);
	lt_buf_free(&p.text);
	return rc;
}
