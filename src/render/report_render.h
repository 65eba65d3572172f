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
#include <stdbool.h>
#include <stddef.h>

#include "core/arena.h"
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

/* The theme's title, or "(chưa gắn chủ đề)" for items with none. Borrows. */
const char *lt_report_theme_name(const char *theme);

/*
 * The label people read for a channel code ("e-newspaper" → "Báo điện tử"),
 * the same words as the web UI; an unknown code comes back as given.
 * Returns a static string (or code itself).
 */
const char *lt_channel_label(const char *code, bool english);

/*
 * The file name of a rendered report, ASCII only, from the directive's
 * number, the unit's place name and the snapshot's day:
 * "bao-cao-42-LDLD-gia-lam-2024-12-05.pdf". Writes at most cap bytes
 * (NUL included) to out; ext without the dot (NULL: none).
 */
void lt_report_file_name(json_t *snap, const char *ext, char *out, size_t cap);

/*
 * Both names of a rendered report, in arena a: *ascii as lt_report_file_name
 * gives it, *utf8 as people write it ("Báo cáo 42-LĐLĐ Gia Lâm
 * 2024-12-05.pdf", no '/' or other path characters) for a
 * Content-Disposition filename*. 0 or LT_ENOMEM.
 */
LT_MUST_CHECK int lt_report_file_names(json_t *snap, const char *ext, lt_arena *a,
				       const char **ascii, const char **utf8);

#endif
