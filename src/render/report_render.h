/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * report_render.h — a report snapshot (store/rollup.h, plus the number,
 * revision and narrative added at submission) as the documents people use:
 * the official PDF and DOCX (Nghị định 30/2020 layout through doc.h), an
 * XLSX workbook (figures per unit, items, completeness), CSV of the figures
 * and a self-contained HTML view with charts.
 */
#ifndef LT_REPORT_RENDER_H
#define LT_REPORT_RENDER_H

#include <jansson.h>

#include "core/buf.h"
#include "core/error.h"
#include "render/doc.h"

/*
 * Build the official document of snapshot snap (borrowed). sha is the
 * revision's SHA-256 shown in the footer, or NULL for a draft.
 */
LT_MUST_CHECK int lt_report_doc(json_t *snap, const char *sha, lt_doc **out, lt_error *e);

/*
 * Render snap as format "pdf", "docx", "xlsx", "csv" or "html", appended to
 * out; *type gets the MIME type and *ext the file extension.
 */
LT_MUST_CHECK int lt_report_render(json_t *snap, const char *sha, const char *format, lt_buf *out,
		     const char **type, const char **ext, lt_error *e);

/* The place name of a unit for the date line: "LĐLĐ huyện Gia Lâm" → "Gia Lâm". */
const char *lt_report_place(const char *unit_name);

#endif
