/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * directive_doc.h — a directive (core/directive.h JSON) as an official
 * công văn in the Nghị định 30/2020 layout: number and "V/v" under the
 * issuer, "Kính gửi", the themes with their items, the tasks, "Nơi nhận"
 * and the signer; PDF or DOCX through doc.h.
 */
#ifndef LT_DIRECTIVE_DOC_H
#define LT_DIRECTIVE_DOC_H

#include <jansson.h>
#include <stddef.h>

#include "core/buf.h"
#include "core/error.h"
#include "render/doc_pdf.h"

/*
 * Render doc (borrowed) issued by issuer under parent (names, may be NULL)
 * as "pdf" or "docx", appended to out; *type gets the MIME type. doc's
 * optional "indicator_labels" [{label, measure}] lists the figures asked for
 * ("Các chỉ tiêu báo cáo"); the codes of "indicators" are never printed.
 */
LT_MUST_CHECK int lt_directive_render(json_t *doc, const char *parent, const char *issuer,
			const char *recipients, const char *format, lt_buf *out, const char **type,
			lt_error *e);

/*
 * The PDF of lt_directive_render (the same bytes), and *spot (OUT): where
 * the signer's digital signature goes (doc_pdf.h), for signing it.
 */
LT_MUST_CHECK int lt_directive_render_pdf_spot(json_t *doc, const char *parent, const char *issuer,
					       const char *recipients, lt_buf *out,
					       lt_doc_pdf_spot *spot, lt_error *e);

/*
 * The annex of a directive sent to a list of units ("Các đơn vị có tên
 * trong danh sách gửi kèm"): "Danh sách các đơn vị nhận công văn (Kèm theo
 * Công văn số … ngày … của issuer)" and a table of the n units' codes and
 * names (borrowed), as PDF appended to out. No header and no signer: it is
 * signed as an attachment (pdf_sign.h LT_PDF_LOOK_ATTACHMENT).
 */
LT_MUST_CHECK int lt_directive_annex_pdf(json_t *doc, const char *issuer, const char *const *codes,
					 const char *const *names, size_t n, lt_buf *out,
					 lt_error *e);

/* "Kính gửi" text for the directive's recipients rule; root_name names its unit. Writes out[n]. */
const char *lt_directive_recipients_text(json_t *doc, const char *root_name, char *out, size_t n);

#endif
