/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * pdf_sign_int.h — what pdf_sign.c (the incremental update), pdf_sign_ap.c
 * (the visible appearance), pdf_sign_parse.c (the object reader) and
 * pdf_verify.c (finding signatures) share. Internal to src/render/.
 *
 * The reader is just enough PDF for signing: values are located, not
 * decoded. A value is a slice [vs, ve) of the file's bytes; dictionaries are
 * searched key by key and copied entry by entry, so what we do not change
 * is written back byte for byte.
 */
#ifndef LT_PDF_SIGN_INT_H
#define LT_PDF_SIGN_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/error.h"
#include "render/pdf_sign.h"

/* Nesting depth of arrays and dictionaries the reader follows. */
#define LT_PDFP_DEPTH 64

/* White space and comments from i on; returns the first other index (≤ n). */
size_t lt_pdfp_skip_ws(const uint8_t *p, size_t n, size_t i);
/* 1 for the PDF delimiters ()<>[]{}/% and white space. */
int lt_pdfp_is_delim(uint8_t c);
/*
 * The value that starts at i (white space already skipped): *end is the
 * index just past it. "N G R" is one value. 0, or LT_EINVAL when malformed
 * or nested deeper than LT_PDFP_DEPTH.
 */
LT_MUST_CHECK int lt_pdfp_value_end(const uint8_t *p, size_t n, size_t i, size_t *end);
/*
 * Walk the dictionary whose "<<" is at *i. First call with *i at "<<"; each
 * call sets the key slice [*ks, *ke) (without the '/') and the value slice
 * [*vs, *ve) and returns 1; 0 at ">>" (then *i is past it); LT_EINVAL when
 * malformed.
 */
LT_MUST_CHECK int lt_pdfp_dict_next(const uint8_t *p, size_t n, size_t *i, size_t *ks,
				    size_t *ke, size_t *vs, size_t *ve);
/* The value of key (without '/') in the dictionary at d: 0, LT_ENOTFOUND or LT_EINVAL. */
LT_MUST_CHECK int lt_pdfp_dict_get(const uint8_t *p, size_t n, size_t d, const char *key,
				   size_t *vs, size_t *ve);
/* A non-negative integer value: 0 or LT_EINVAL. */
LT_MUST_CHECK int lt_pdfp_int(const uint8_t *p, size_t vs, size_t ve, long long *out);
/* A number (integer or real): 0 or LT_EINVAL. */
LT_MUST_CHECK int lt_pdfp_num(const uint8_t *p, size_t vs, size_t ve, double *out);
/* A reference "N G R": 0 or LT_EINVAL. */
LT_MUST_CHECK int lt_pdfp_ref(const uint8_t *p, size_t vs, size_t ve, unsigned *num, unsigned *gen);
/* 1 when the value is the name /name. */
int lt_pdfp_name_is(const uint8_t *p, size_t vs, size_t ve, const char *name);
/*
 * Decode a string value (literal "(…)" or hex "<…>") into out (bytes, not
 * text): 0, LT_EINVAL (not a string), or out's error.
 */
LT_MUST_CHECK int lt_pdfp_string(const uint8_t *p, size_t vs, size_t ve, lt_buf *out);
/*
 * A PDF text string's bytes as UTF-8, appended to out: UTF-16BE or UTF-8
 * with their BOM; else valid UTF-8 as is (some writers put it there); else
 * PDFDocEncoding read as Latin-1. 0 or out's error.
 */
LT_MUST_CHECK int lt_pdfp_text_utf8(const uint8_t *s, size_t n, lt_buf *out);

/* A PDF read through its cross-reference tables (classic tables only). */
typedef struct lt_pdfdoc {
	const uint8_t *p; /* borrowed */
	size_t n;
	size_t *off;      /* offset of object i, 0 when absent or free */
	unsigned *gen;    /* its generation */
	size_t size;      /* /Size of the newest trailer */
	size_t startxref; /* offset of the newest xref section */
	size_t trailer;   /* index of the newest trailer's "<<" */
	unsigned root, root_gen;
} lt_pdfdoc;

/*
 * Read the cross-reference tables of p (borrowed; must outlive d), newest
 * first, following /Prev. Returns 0, or LT_EUNSUPPORTED with e naming the
 * reason (not a PDF, encrypted, an xref stream, damaged tables), LT_ENOMEM.
 * Release with lt_pdfdoc_close even on error.
 */
LT_MUST_CHECK int lt_pdfdoc_open(lt_pdfdoc *d, const uint8_t *p, size_t n, lt_error *e);
void lt_pdfdoc_close(lt_pdfdoc *d);
/* The value of object num: [*vs, *ve). 0 or LT_EUNSUPPORTED (absent, damaged). */
LT_MUST_CHECK int lt_pdfdoc_obj(const lt_pdfdoc *d, unsigned num, size_t *vs, size_t *ve,
				lt_error *e);
/* If [*vs, *ve) is a reference, replace it by the referenced object's value. */
LT_MUST_CHECK int lt_pdfdoc_resolve(const lt_pdfdoc *d, size_t *vs, size_t *ve, lt_error *e);

/* One page of the document, found through the page tree. */
typedef struct lt_pdfpage {
	unsigned num, gen; /* the page object */
	size_t vs, ve;     /* its dictionary */
	double box[4];     /* MediaBox (inherited when absent): x0 y0 x1 y1 */
	size_t count;      /* pages in the document */
} lt_pdfpage;

/* Page index (1-based) of d. 0, LT_EINVAL (no such page), LT_EUNSUPPORTED (damaged tree). */
LT_MUST_CHECK int lt_pdfdoc_page(const lt_pdfdoc *d, int index, lt_pdfpage *pg, lt_error *e);

/* --- the visible appearance (pdf_sign_ap.c) --- */

typedef struct lt_pdf_img {
	int w, h;
	lt_buf rgb;   /* deflated 8-bit RGB samples */
	lt_buf alpha; /* deflated 8-bit alpha, empty when opaque */
} lt_pdf_img;

typedef struct lt_pdf_ap {
	double rect[4]; /* the widget's /Rect in page space (y up): x0 y0 x1 y1 */
	lt_buf content; /* the form's content stream, deflated */
	lt_pdf_img img[2];
	int nimg;       /* images named /I0, /I1 in the form's resources */
} lt_pdf_ap;

/*
 * Build the appearance that o asks for on a page whose MediaBox is box.
 * Returns 0 or LT_EINVAL (a missing text, an image that is not a PNG, a
 * rectangle off the page), LT_ENOMEM, LT_EINTERNAL. Release with
 * lt_pdf_ap_free even on error.
 */
LT_MUST_CHECK int lt_pdf_ap_build(const lt_pdf_sign_opts *o, const double box[4], int64_t when,
				  lt_pdf_ap *ap, lt_error *e);
void lt_pdf_ap_free(lt_pdf_ap *ap);
/* Deflate n bytes into out (appended). 0, LT_ENOMEM or out's error. */
LT_MUST_CHECK int lt_pdf_deflate(const void *src, size_t n, lt_buf *out);
/* "2024-01-18T09:30:00+07:00": epoch t in Vietnam time, ISO 8601, into out[40]. */
void lt_pdf_iso_time(int64_t t, char out[40]);

#endif
