/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * fold.h — Vietnamese text basics on top of utf8proc: UTF-8 validation, NFC,
 * and the search fold (NFC → case fold → strip diacritics → đ/Đ → d, runs of
 * white space collapsed), so that "gia lam" finds "Gia Lâm" and "duc the"
 * finds "Nguyễn Đức Thê".
 */
#ifndef LT_FOLD_H
#define LT_FOLD_H

#include <stdbool.h>
#include <stddef.h>

#include <stdint.h>

#include "core/buf.h"
#include "core/error.h"

/* True when the n bytes at s are valid UTF-8 with no NUL and no overlong forms. */
bool lt_utf8_valid(const char *s, size_t n);

/*
 * May code point cp stand in lantoa's text? Everything Unicode calls a
 * character and XML 1.0 can carry: not a C0 control but tab, LF and CR, not
 * a noncharacter (U+FDD0–U+FDEF, U+xxFFFE, U+xxFFFF in every plane), not a
 * surrogate. Text with anything else cannot go into the XLSX, DOCX and PDF
 * documents lantoa writes, so it is refused where it comes in.
 */
bool lt_text_cp_ok(int32_t cp);

enum lt_text_verdict {
	LT_TEXT_OK = 0,
	LT_TEXT_BAD_UTF8,  /* not UTF-8 (or an overlong or surrogate form) */
	LT_TEXT_NUL,       /* holds U+0000 */
	LT_TEXT_FORBIDDEN, /* holds a code point lt_text_cp_ok refuses; *cp says which */
};

/* Check the n bytes at s as text: an lt_text_verdict, with the culprit in *cp (may be NULL). */
int lt_text_check(const char *s, size_t n, int32_t *cp);

/*
 * The check as an error for field: 0, or LT_EINVAL with a bilingual message
 * that names field and, for a forbidden code point, the code point ("U+FFFE").
 */
LT_MUST_CHECK int lt_text_check_field(const char *s, size_t n, const char *field, lt_error *e);

/*
 * Append the n bytes at s to b with every code point an XML document cannot
 * carry (and every invalid byte) replaced by U+FFFD: the writers' last line
 * of defence, should such text reach them despite the checks at the boundary.
 * 0 or b's error.
 */
LT_MUST_CHECK int lt_text_xml_safe(lt_buf *b, const char *s, size_t n);

/* NFC of the n bytes at s. Returns owned malloc'd string, NULL on invalid UTF-8 or OOM. */
char *lt_text_nfc(const char *s, size_t n);

/*
 * Search fold of the n bytes at s: lower case, no diacritics, đ → d, white
 * space runs → one space, trimmed. Returns owned malloc'd string, NULL on
 * invalid UTF-8 or OOM.
 */
char *lt_text_fold(const char *s, size_t n);

/*
 * True when every space-separated token of the folded query q occurs in the
 * folded text t (both already folded). An empty query matches everything.
 */
bool lt_text_match_folded(const char *t, const char *q);

#endif
