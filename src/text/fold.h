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

/* True when the n bytes at s are valid UTF-8 with no NUL and no overlong forms. */
bool lt_utf8_valid(const char *s, size_t n);

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
