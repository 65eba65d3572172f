/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * docx_text.h — the plain text of a .docx, for the letter parser.
 *
 * One line per paragraph (<w:p>), <w:tab/> → tab, <w:br/> → new line,
 * table rows flattened with their cells separated by " | " (paragraph k of
 * every cell on line k, the way the header table of a Vietnamese official
 * letter reads), bold runs and heading-styled paragraphs wrapped in "**",
 * list paragraphs (<w:numPr>) prefixed with "- ". Deleted text and field
 * codes are left out.
 */
#ifndef LT_DOCX_TEXT_H
#define LT_DOCX_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "core/buf.h"
#include "core/error.h"

/* word/document.xml larger than this (uncompressed) is refused: zip bombs. */
#define LT_DOCX_XML_MAX ((size_t)20 * 1024 * 1024)

/*
 * Extract the text of the .docx held in the len bytes at data (borrowed).
 * Appends to out (initialised by the caller; its cap bounds the text).
 * Returns 0, or LT_EINVAL (not a zip, no word/document.xml, bad XML,
 * corrupt entry), LT_ETOOBIG (entry over LT_DOCX_XML_MAX or text over
 * out->cap), LT_ENOMEM; e says which, in Vietnamese and English.
 */
LT_MUST_CHECK int lt_docx_text(const void *data, size_t len, lt_buf *out, lt_error *e);

/* True when the bytes start like a zip archive ("PK\3\4"). */
bool lt_docx_is_zip(const void *data, size_t len);

#endif
