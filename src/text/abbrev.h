/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * abbrev.h — chat spellings and abbreviations of workers' messages
 * (ko/k/kh/hok → không, đc → được, bhxh → bảo hiểm xã hội, cty → công ty…),
 * expanded by the tokenizer so that "cty ko tra lg" and "công ty không trả
 * lương" give the same features.
 *
 * The table is editable text, one entry a line:
 *     abbrev<TAB>expansion
 * Blank lines and lines starting with '#' are ignored. Both sides are folded
 * like message text (so "đc" and "dc" are the same key); the key must be one
 * syllable. A later line for the same key replaces the earlier one.
 */
#ifndef LT_ABBREV_H
#define LT_ABBREV_H

#include <stddef.h>
#include <stdint.h>

#include "core/error.h"

typedef struct lt_abbrev lt_abbrev;

/*
 * Parse the n bytes at s (format above) into a new table.
 * OUT *out: owned, free with lt_abbrev_free. On error (LT_EINVAL naming the
 * line, LT_ENOMEM) *out is NULL and e says why. Borrows s.
 */
LT_MUST_CHECK int lt_abbrev_parse(const char *s, size_t n, lt_abbrev **out, lt_error *e);

/* The built-in table (parsed once, thread-safe). Borrowed; never free it. */
const lt_abbrev *lt_abbrev_default(void);

/* The built-in table as text, for an officer to copy and edit. Static. */
const char *lt_abbrev_default_text(void);

/* Number of entries. */
size_t lt_abbrev_count(const lt_abbrev *a);

/*
 * Expansion of the syllable whose lt_tok_hash is h: folded syllables
 * separated by single spaces, *n bytes, not NUL-terminated. NULL when h is
 * not an abbreviation. Borrows from a.
 */
const char *lt_abbrev_lookup(const lt_abbrev *a, uint64_t h, size_t *n);

void lt_abbrev_free(lt_abbrev *a);

#endif
