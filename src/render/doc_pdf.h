/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * doc_pdf.h — render an lt_doc (doc.h) to PDF with cairo + pango, in the
 * Nghị định 30/2020/NĐ-CP layout: A4, margins 20/20/30/15 mm, Liberation
 * Serif (Times New Roman metrics), two-column header, page numbers from page
 * 2 centred in the top margin, tables split by row with the header repeated.
 *
 * Threads: each call owns its cairo surface and layouts; the PangoContext is
 * cached per thread (pango's cairo font map is per thread). fontconfig is
 * thread-safe after initialisation; call lt_doc_pdf_init() once at start-up
 * from the main thread so that the first renders do not race to load it.
 */
#ifndef LT_DOC_PDF_H
#define LT_DOC_PDF_H

#include "core/buf.h"
#include "core/error.h"
#include "render/doc.h"

/*
 * Load fontconfig and check that "Liberation Serif" is installed (Debian
 * fonts-liberation2). Optional but recommended before threads start.
 * Returns 0 or LT_EUNSUPPORTED when the font is missing.
 */
LT_MUST_CHECK int lt_doc_pdf_init(lt_error *e);

/*
 * Render d as PDF, appending the bytes to out (caller-owned, initialised;
 * its cap limits the size: LT_ETOOBIG beyond it). Borrows d.
 * Returns 0, LT_EINVAL for an incomplete document (no issuer/date/signer),
 * LT_ETOOBIG, LT_ENOMEM or LT_EINTERNAL (cairo failure). On error out may
 * hold a partial PDF: discard it.
 */
LT_MUST_CHECK int lt_doc_render_pdf(const lt_doc *d, lt_buf *out, lt_error *e);

/* Where a digital signature goes (Nghị định 30, Phụ lục I): the room between
 * the signer's title and name, in points from the page's top-left corner. */
typedef struct lt_doc_pdf_spot {
	int page; /* 1-based */
	double x, y, w, h;
} lt_doc_pdf_spot;

/*
 * As lt_doc_render_pdf (the same bytes), and *spot (OUT) says where the
 * signer's signature goes, for lt_pdf_sign (pdf_sign.h).
 */
LT_MUST_CHECK int lt_doc_render_pdf_spot(const lt_doc *d, lt_buf *out, lt_doc_pdf_spot *spot,
					 lt_error *e);

#endif
