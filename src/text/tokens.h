/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * tokens.h — Vietnamese syllable tokens and hashed features for the
 * feedback classifier, topic rules, urgency and near-duplicate detection.
 *
 * One pass over UTF-8: NFC/NFD-insensitive case and diacritic folding
 * (đ → d, marks dropped, so "Lương tháng 13 chưa trả" and
 * "luong thang 13 chua tra" give the same tokens), split on anything that is
 * not a letter or digit, chat abbreviations expanded (ko → khong,
 * bhxh → bao hiem xa hoi, see abbrev.h), and each syllable hashed to 64 bits.
 * The folding table comes from utf8proc and is built once (thread-safe).
 * No I/O. Invalid UTF-8 bytes act as separators: the tokenizer never fails
 * on content, only on memory.
 */
#ifndef LT_TOKENS_H
#define LT_TOKENS_H

#include "core/error.h"

#include <stddef.h>
#include <stdint.h>

typedef struct lt_abbrev lt_abbrev;

#define LT_TOK_MAX_LEN 48 /* bytes of one folded syllable; longer runs are cut */

typedef struct lt_tok {
	uint32_t off; /* byte offset into lt_tokens.text */
	uint32_t len; /* bytes */
	uint64_t h;   /* lt_tok_hash() of the folded syllable */
	uint64_t hx;  /* hash of the syllable lower-cased with its diacritics
		       * (NFC), for LT_FEAT_EXACT; equals h for abbreviations */
} lt_tok;

/* Reusable token list: call lt_tokens_init once, lt_tokenize many times. */
typedef struct lt_tokens {
	char *text;  /* folded syllables joined by one space, NUL-terminated */
	size_t text_len, text_cap;
	lt_tok *v;
	size_t n, cap;
} lt_tokens;

/* Feature kinds for lt_features (bit flags). */
enum lt_feat_kind {
	LT_FEAT_UNI = 1,   /* each syllable */
	LT_FEAT_BI = 2,    /* each pair of adjacent syllables */
	LT_FEAT_TRI = 4,   /* each run of three syllables */
	LT_FEAT_CHAR3 = 8, /* character 3-grams of "#syllable#" */
	LT_FEAT_CHAR4 = 16, /* character 4-grams of "#syllable#" */
	LT_FEAT_EXACT = 32, /* syllables and pairs with their diacritics kept
			     * (added to, never instead of, the folded ones) */
	LT_FEAT_EDGE = 64,  /* the first syllable, marked as such (how a message
			     * opens — "thầy", "phòng", "môn" — tells its topic) */
};

/* A hashed feature and the span of lt_tokens.text it comes from (for "why"). */
typedef struct lt_feat {
	uint64_t id;
	uint32_t off, len;
} lt_feat;

typedef struct lt_feats {
	lt_feat *v;
	size_t n, cap;
} lt_feats;

void lt_tokens_init(lt_tokens *t);
void lt_tokens_free(lt_tokens *t);

/*
 * Fold and split the n bytes at s into t (previous content replaced).
 * ab: abbreviation table to expand (NULL: none; lt_abbrev_default() for
 * the built-in one). Borrows s and ab. Returns 0 or LT_ENOMEM.
 */
LT_MUST_CHECK int lt_tokenize(const char *s, size_t n, const lt_abbrev *ab, lt_tokens *t);

/* 64-bit hash of a folded syllable (FNV-1a + murmur finaliser); never 0. */
uint64_t lt_tok_hash(const char *s, size_t n);
/* The murmur3 64-bit finaliser the hashes use (to combine them into feature ids). */
uint64_t lt_tok_mix(uint64_t k);

void lt_feats_init(lt_feats *f);
void lt_feats_free(lt_feats *f);

/*
 * Hashed features of the tokens t of the kinds in flags (LT_FEAT_*), written
 * into f (previous content replaced), in text order, duplicates kept.
 * Returns 0 or LT_ENOMEM.
 */
LT_MUST_CHECK int lt_features(const lt_tokens *t, unsigned flags, lt_feats *f);

#endif
