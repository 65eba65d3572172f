/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * doc_pdf_int.h — what doc_pdf.c (pages, header, text, signature) and
 * doc_pdf_table.c (figure tables with their fast numeric path) share.
 * Internal to src/render/.
 */
#ifndef LT_DOC_PDF_INT_H
#define LT_DOC_PDF_INT_H

#include "core/error.h"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <stdbool.h>

#include "core/buf.h"
#include "render/doc.h"

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

/* The thread's PangoContext (72 dpi, unhinted); NULL when out of memory.
 * Also used by pdf_sign_ap.c for the signature's text. */
PangoContext *lt_pdf_thread_ctx(void);
/* Shared by doc_pdf.c (pages, text) and doc_pdf_table.c (tables). */
/* Configure layout l for text in a box of the given width. attrs may be NULL. */
void lt_pdf_lay_set(pdf *p, PangoLayout *l, const char *text, int len, double width,
		    const style *s, PangoAttrList *attrs);
double lt_pdf_lay_height(PangoLayout *l);
double lt_pdf_lay_width(PangoLayout *l);
void lt_pdf_lay_draw(pdf *p, PangoLayout *l, double x, double y);
void lt_pdf_ensure(pdf *p, double h);
void lt_pdf_flow(pdf *p, PangoLayout *l, double x, double after);
void lt_pdf_flush(pdf *p);
void lt_pdf_new_page(pdf *p);
/* doc_pdf_table.c */
void lt_pdf_numfont_init(pdf *p, numfont *nf, bool bold);
LT_MUST_CHECK int lt_pdf_draw_table(pdf *p, const lt_doc_table *t);

#endif
