/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * doc_pdf_table.c — figure tables in the PDF: rows split across pages with
 * the header repeated, numeric cells drawn through a fast glyph path.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render/doc_pdf_int.h"

/* Fill nf for the table font (bold or not) from one layout of FAST_CHARS. */
void lt_pdf_numfont_init(pdf *p, numfont *nf, bool bold)
{
	style s = { .pt = TABLE_PT, .bold = bold, .align = PANGO_ALIGN_LEFT };
	PangoLayoutLine *line;
	PangoGlyphItem *run;
	PangoGlyphString *gs;
	const char *chars = FAST_CHARS;
	int n = (int)strlen(FAST_CHARS);

	memset(nf, 0, sizeof(*nf));
	lt_pdf_lay_set(p, p->aux, chars, n, -1, &s, NULL);
	nf->height = lt_pdf_lay_height(p->aux);
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
		lt_pdf_flush(p);
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
		th = lt_pdf_lay_height(l);
		lt_pdf_lay_draw(p, l, c[i].x + CELL_PX, p->y + (h - th) / 2);
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

/* A group heading: one bold cell across the table, lightly shaded. */
static void draw_group(pdf *p, PangoLayout *l, double h)
{
	cairo_t *cr = p->cr;

	cairo_set_source_rgb(cr, 0.97, 0.97, 0.97);
	cairo_rectangle(cr, M_LEFT, p->y, TEXT_W, h);
	cairo_fill(cr);
	cairo_set_source_rgb(cr, 0, 0, 0);
	lt_pdf_lay_draw(p, l, M_LEFT + CELL_PX, p->y + (h - lt_pdf_lay_height(l)) / 2);
	cairo_set_line_width(cr, 0.5);
	cairo_rectangle(cr, M_LEFT, p->y, TEXT_W, h);
	cairo_stroke(cr);
	p->y += h;
}

int lt_pdf_draw_table(pdf *p, const lt_doc_table *t)
{
	PangoLayout *grp = pango_layout_new(p->ctx);
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
		lt_pdf_lay_set(p, c[i].hdr, t->header[i], -1, c[i].w - 2 * CELL_PX, &hs, al);
		pango_layout_set_wrap(c[i].hdr, PANGO_WRAP_WORD_CHAR);
		pango_layout_set_wrap(c[i].cell, PANGO_WRAP_WORD_CHAR);
		if (lt_pdf_lay_height(c[i].hdr) > hh)
			hh = lt_pdf_lay_height(c[i].hdr);
	}
	hh += 2 * CELL_PY;
	for (size_t r = 0; r < t->nrows; r++) {
		style s = { .pt = TABLE_PT, .bold = t->rows[r].total };
		const numfont *nf = &p->num[s.bold];
		double h = 0, ch;

		if (t->rows[r].group) {
			s.align = PANGO_ALIGN_LEFT;
			lt_pdf_lay_set(p, grp, t->rows[r].cells[0], -1, TEXT_W - 2 * CELL_PX, &s, al);
			pango_layout_set_wrap(grp, PANGO_WRAP_WORD_CHAR);
			h = lt_pdf_lay_height(grp) + 2 * CELL_PY;
			/* A heading is never left alone at the foot of a page. */
			if (r == 0) {
				lt_pdf_ensure(p, hh + 2 * h);
				draw_row(p, c, n, hh, true, nf);
			} else if (p->y + 2 * h > Y_LIMIT) {
				lt_pdf_new_page(p);
				draw_row(p, c, n, hh, true, nf);
			}
			lt_pdf_flush(p);
			draw_group(p, grp, h);
			continue;
		}
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
				lt_pdf_lay_set(p, c[i].cell, txt, -1, c[i].w - 2 * CELL_PX, &s, al);
				ch = lt_pdf_lay_height(c[i].cell);
			}
			if (ch > h)
				h = ch;
		}
		h += 2 * CELL_PY;
		if (r == 0) {
			lt_pdf_ensure(p, hh + h);
			draw_row(p, c, n, hh, true, nf);
		} else if (p->y + h > Y_LIMIT) {
			lt_pdf_new_page(p);
			draw_row(p, c, n, hh, true, nf);
		}
		draw_row(p, c, n, h, false, nf);
	}
	if (t->nrows == 0) {
		lt_pdf_ensure(p, hh);
		draw_row(p, c, n, hh, true, &p->num[0]);
	}
	lt_pdf_flush(p);
	p->y += PARA_AFTER + 2;
	for (size_t i = 0; i < n; i++) {
		g_object_unref(c[i].hdr);
		g_object_unref(c[i].cell);
	}
	g_object_unref(grp);
	pango_attr_list_unref(al);
	return 0;
}

