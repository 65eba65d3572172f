/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * doc_docx.h — render an lt_doc (doc.h) as a Word document (OOXML, zipped
 * with libzip) in the Nghị định 30/2020/NĐ-CP layout: A4, margins 20/20/30/15
 * mm, Times New Roman 14 pt, the two-column header as a borderless table,
 * page numbers centred in the header from page 2 ("different first page"),
 * tables whose header row repeats on every page. Opens without repair in
 * LibreOffice and Word. Thread-safe: no shared state.
 */
#ifndef LT_DOC_DOCX_H
#define LT_DOC_DOCX_H

#include "core/buf.h"
#include "core/error.h"
#include "render/doc.h"

/*
 * Render d as a .docx package, appending the bytes to out (caller-owned,
 * initialised; LT_ETOOBIG past its cap). Borrows d.
 * Returns 0, LT_EINVAL for an incomplete document, LT_ETOOBIG, LT_ENOMEM or
 * LT_EINTERNAL (libzip failure). On error out may hold partial bytes.
 */
LT_MUST_CHECK int lt_doc_render_docx(const lt_doc *d, lt_buf *out, lt_error *e);

/*
 * Append s to b escaped for XML text and attribute values (& < > " ');
 * characters XML 1.0 forbids (C0 controls other than tab/newline/CR) are
 * dropped. Borrows s. 0 or the lt_buf error.
 */
LT_MUST_CHECK int lt_doc_xml_escape(lt_buf *b, const char *s);

#endif
