/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* doc_pdf.c — see doc_pdf.h. Units are PDF points (1/72 inch) throughout. */
#include "render/doc_pdf.h"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render/vndate.h"

#include "render/doc_pdf_int.h"

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
 * resolution-independent), created on first use and freed at thread exit.
 * pdf_sign_ap.c lays out the signature's text with it too. */
PangoContext *lt_pdf_thread_ctx(void)
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
	PangoContext *ctx = lt_pdf_thread_ctx();
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
void lt_pdf_lay_set(pdf *p, PangoLayout *l, const char *text, int len, double width,
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

double lt_pdf_lay_height(PangoLayout *l)
{
	PangoRectangle r;

	pango_layout_get_extents(l, NULL, &r);
	return (double)r.height / PANGO_SCALE;
}

double lt_pdf_lay_width(PangoLayout *l)
{
	PangoRectangle r;

	pango_layout_get_extents(l, NULL, &r);
	return (double)r.width / PANGO_SCALE;
}

/* Draw the whole layout with its top-left at (x, y). */
void lt_pdf_lay_draw(pdf *p, PangoLayout *l, double x, double y)
{
	cairo_move_to(p->cr, x, y);
	pango_cairo_show_layout(p->cr, l);
}

/* Set p->lay, draw it at (x, y) and return its height. */
static double text_at(pdf *p, const char *text, double x, double y, double width,
		      const style *s)
{
	lt_pdf_lay_set(p, p->lay, text, -1, width, s, NULL);
	lt_pdf_lay_draw(p, p->lay, x, y);
	return lt_pdf_lay_height(p->lay);
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

	lt_pdf_lay_set(p, p->aux, p->d->footer, -1, TEXT_W, &s, NULL);
	lt_pdf_lay_draw(p, p->aux, M_LEFT, PAGE_H - M_BOTTOM + 6);
}

/* Page number centred in the top margin, from page 2 on. */
static void draw_page_number(pdf *p)
{
	style s = { .pt = 13, .align = PANGO_ALIGN_CENTER };
	char num[16];

	snprintf(num, sizeof(num), "%d", p->page);
	lt_pdf_lay_set(p, p->aux, num, -1, TEXT_W, &s, NULL);
	lt_pdf_lay_draw(p, p->aux, M_LEFT, M_TOP / 2 - 6);
}

void lt_pdf_flush(pdf *p)
{
	batch *b = p->bat;

	if (!b || !b->n)
		return;
	cairo_set_scaled_font(p->cr, b->sf);
	cairo_show_text_glyphs(p->cr, b->utf8, b->n, b->g, b->n, b->cl, b->n, 0);
	b->n = 0;
}

void lt_pdf_new_page(pdf *p)
{
	lt_pdf_flush(p);
	if (p->d->footer && p->d->footer_every_page)
		draw_footer(p);
	cairo_show_page(p->cr);
	p->page++;
	p->y = M_TOP;
	draw_page_number(p);
}

void lt_pdf_ensure(pdf *p, double h)
{
	if (p->y + h > Y_LIMIT && p->y > M_TOP + 0.5)
		lt_pdf_new_page(p);
}

/*
 * Draw layout l line by line from p->y at x, breaking to a new page between
 * lines where needed (pagination never cuts a line), then add `after`.
 */
void lt_pdf_flow(pdf *p, PangoLayout *l, double x, double after)
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
			lt_pdf_new_page(p);
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
	lt_pdf_lay_set(p, p->lay, lt_buf_cstr(&p->text), (int)p->text.len, TEXT_W, &s, al);
	pango_attr_list_unref(al);
	if (b->type == LT_BLOCK_HEADING) {
		/* Keep a heading with the start of what follows: its own height plus
		 * about three body lines (or a table header and first row). */
		lt_pdf_ensure(p, lt_pdf_lay_height(p->lay) + 3 * BODY_PT * 1.32);
		p->y += 3; /* a little air above headings */
	}
	lt_pdf_flow(p, p->lay, M_LEFT, PARA_AFTER);
	return 0;
}

static double measure(pdf *p, const char *text, double width, const style *s)
{
	lt_pdf_lay_set(p, p->lay, text, -1, width, s, NULL);
	return lt_pdf_lay_height(p->lay);
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
	lt_pdf_lay_set(p, p->lay, d->issuer, -1, lw, &bold, NULL);
	lt_pdf_lay_draw(p, p->lay, lx, ly);
	w = lt_pdf_lay_width(p->lay);
	ly += lt_pdf_lay_height(p->lay) + 1.5;
	hrule(p, lx + lw / 2, ly, w * 0.4 > 50 ? w * 0.4 : 50);
	lt_pdf_lay_set(p, p->lay, "Độc lập - Tự do - Hạnh phúc", -1, rw, &bold, NULL);
	lt_pdf_lay_draw(p, p->lay, rx, row2);
	w = lt_pdf_lay_width(p->lay);
	ry = row2 + lt_pdf_lay_height(p->lay) + 1.5;
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
	if (d->summary && d->kind == LT_DOC_ANNEX) {
		/* "(Kèm theo Công văn số … ngày … của …)": italic, no rule. */
		style k = { .pt = 14, .italic = true, .align = PANGO_ALIGN_CENTER };
		p->y += text_at(p, d->summary, M_LEFT + TEXT_W * 0.075, p->y, TEXT_W * 0.85, &k);
	} else if (d->summary) {
		lt_pdf_lay_set(p, p->lay, d->summary, -1, TEXT_W * 0.85, &s, NULL);
		lt_pdf_lay_draw(p, p->lay, M_LEFT + TEXT_W * 0.075, p->y);
		w = lt_pdf_lay_width(p->lay);
		p->y += lt_pdf_lay_height(p->lay) + 2;
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
	lt_pdf_lay_set(p, p->lay, "Kính gửi: ", -1, -1, &s, NULL);
	lab = lt_pdf_lay_width(p->lay);
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

/* "Nơi nhận" bottom-left and the signer bottom-right, never split. The room
 * left for the signature and seal goes to *spot (may be NULL). */
static int draw_signature(pdf *p, lt_doc_pdf_spot *spot)
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
	lt_pdf_ensure(p, lh > rh ? lh : rh);
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
	if (spot)
		*spot = (lt_doc_pdf_spot){ p->page, rx, y, rw, gap };
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
	return lt_doc_render_pdf_spot(d, out, NULL, e);
}

int lt_doc_render_pdf_spot(const lt_doc *d, lt_buf *out, lt_doc_pdf_spot *spot, lt_error *e)
{
	pdf p;
	int rc = 0;

	memset(&p, 0, sizeof(p));
	lt_buf_init(&p.text, 1 << 20);
	if (!d->issuer || !d->year || (d->kind != LT_DOC_ANNEX && !d->sign_name)) {
		rc = lt_error_set(e, LT_EINVAL, !d->issuer ? "issuer" : !d->year ? "date" : "sign_name",
				  "Văn bản thiếu cơ quan ban hành, ngày hoặc người ký",
				  "Document lacks its issuer, date or signer");
		goto fail;
	}
	p.d = d;
	p.out = out;
	p.ctx = lt_pdf_thread_ctx();
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
	lt_pdf_numfont_init(&p, &p.num[0], false);
	lt_pdf_numfont_init(&p, &p.num[1], true);
	p.page = 1;
	p.y = M_TOP;
	/* An annex has neither header nor signer: it goes with its document. */
	rc = d->kind == LT_DOC_ANNEX ? 0 : draw_header(&p);
	if (rc)
		goto fail;
	draw_title(&p);
	rc = draw_recipients(&p);
	for (const lt_doc_block *b = d->blocks; b && !rc; b = b->next)
		rc = b->type == LT_BLOCK_TABLE ? lt_pdf_draw_table(&p, b->table) : draw_text_block(&p, b);
	if (!rc && d->kind != LT_DOC_ANNEX)
		rc = draw_signature(&p, spot);
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
