/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* tokens.c — see tokens.h. The hot path is a table lookup per code point:
 * utf8proc is asked once per code point below FOLD_TABLE_MAX (Latin,
 * combining marks and the Vietnamese block U+1EA0–U+1EF9), then never again
 * for that range, which keeps tokenising well under a microsecond a message. */
#include "text/tokens.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "core/error.h"
#include "text/abbrev.h"
#include "text/fold.h"

#define FOLD_TABLE_MAX 0x1F00
#define FOLD_SEP 0    /* separator */
#define FOLD_MARK 1   /* combining mark: dropped, token continues */

static uint16_t fold_table[FOLD_TABLE_MAX];
static pthread_once_t fold_once = PTHREAD_ONCE_INIT;

static int is_letter_or_digit(utf8proc_category_t c)
{
	switch (c) {
	case UTF8PROC_CATEGORY_LU:
	case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT:
	case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO:
	case UTF8PROC_CATEGORY_ND:
	case UTF8PROC_CATEGORY_NL:
	case UTF8PROC_CATEGORY_NO:
		return 1;
	default:
		return 0;
	}
}

static int is_mark(utf8proc_category_t c)
{
	return c == UTF8PROC_CATEGORY_MN || c == UTF8PROC_CATEGORY_MC ||
	       c == UTF8PROC_CATEGORY_ME;
}

/* Folded code point of cp, or FOLD_SEP / FOLD_MARK. */
static uint32_t fold_slow(uint32_t cp)
{
	utf8proc_category_t cat = utf8proc_category((utf8proc_int32_t)cp);
	utf8proc_int32_t d[8];
	int last = 0;
	utf8proc_ssize_t k;

	if (is_mark(cat))
		return FOLD_MARK;
	if (!is_letter_or_digit(cat))
		return FOLD_SEP;
	if (cp == 0x110 || cp == 0x111)
		return 'd';
	k = utf8proc_decompose_char((utf8proc_int32_t)cp, d, 8,
				    UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD |
					    UTF8PROC_STRIPMARK,
				    &last);
	if (k < 1 || k > 8 || d[0] < 0x20)
		return (uint32_t)utf8proc_tolower((utf8proc_int32_t)cp);
	return (uint32_t)d[0];
}

static void fold_build(void)
{
	for (uint32_t cp = 0; cp < FOLD_TABLE_MAX; cp++) {
		uint32_t f;
		if (cp < 0x80) {
			if (cp >= 'A' && cp <= 'Z')
				f = cp + 32;
			else if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9'))
				f = cp;
			else
				f = FOLD_SEP;
		} else {
			f = fold_slow(cp);
		}
		fold_table[cp] = (uint16_t)(f < 0x10000 ? f : FOLD_SEP);
	}
}

/* Decode one code point at s (n > 0 bytes left); *k gets its length.
 * Invalid sequences decode as U+FFFD over one byte (a separator). */
static uint32_t decode(const unsigned char *s, size_t n, size_t *k)
{
	uint32_t c = s[0], cp;

	*k = 1;
	if (c < 0x80)
		return c;
	if (c >= 0xC2 && c <= 0xDF && n >= 2 && (s[1] & 0xC0) == 0x80) {
		*k = 2;
		return ((c & 0x1F) << 6) | (s[1] & 0x3F);
	}
	if (c >= 0xE0 && c <= 0xEF && n >= 3 && (s[1] & 0xC0) == 0x80 &&
	    (s[2] & 0xC0) == 0x80) {
		cp = ((c & 0x0F) << 12) | ((uint32_t)(s[1] & 0x3F) << 6) | (s[2] & 0x3F);
		if (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))
			return 0xFFFD;
		*k = 3;
		return cp;
	}
	if (c >= 0xF0 && c <= 0xF4 && n >= 4 && (s[1] & 0xC0) == 0x80 &&
	    (s[2] & 0xC0) == 0x80 && (s[3] & 0xC0) == 0x80) {
		cp = ((c & 0x07) << 18) | ((uint32_t)(s[1] & 0x3F) << 12) |
		     ((uint32_t)(s[2] & 0x3F) << 6) | (s[3] & 0x3F);
		if (cp < 0x10000 || cp > 0x10FFFF)
			return 0xFFFD;
		*k = 4;
		return cp;
	}
	return 0xFFFD;
}

static size_t encode(uint32_t cp, char *o)
{
	if (cp < 0x80) {
		o[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (char)(0xC0 | (cp >> 6));
		o[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (char)(0xE0 | (cp >> 12));
		o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (char)(0xF0 | (cp >> 18));
	o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

#define EXACT_SEED 0x84222325cbf29ce4ULL

static uint32_t lower_cp(uint32_t cp)
{
	return (uint32_t)utf8proc_tolower((utf8proc_int32_t)cp);
}

static uint64_t fmix64(uint64_t k)
{
	k ^= k >> 33;
	k *= 0xff51afd7ed558ccdULL;
	k ^= k >> 33;
	k *= 0xc4ceb9fe1a85ec53ULL;
	k ^= k >> 33;
	return k;
}

uint64_t lt_tok_mix(uint64_t k)
{
	return fmix64(k);
}

uint64_t lt_tok_hash(const char *s, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3ULL;
	}
	h = fmix64(h);
	return h ? h : 1;
}

void lt_tokens_init(lt_tokens *t)
{
	memset(t, 0, sizeof(*t));
}

void lt_tokens_free(lt_tokens *t)
{
	free(t->text);
	free(t->v);
	memset(t, 0, sizeof(*t));
}

static int grow_text(lt_tokens *t, size_t need)
{
	size_t cap;
	char *p;

	if (t->text_len + need + 1 <= t->text_cap)
		return 0;
	cap = t->text_cap ? t->text_cap * 2 : 256;
	while (cap < t->text_len + need + 1)
		cap *= 2;
	p = realloc(t->text, cap);
	if (!p)
		return LT_ENOMEM;
	t->text = p;
	t->text_cap = cap;
	return 0;
}

static int grow_toks(lt_tokens *t)
{
	size_t cap;
	lt_tok *p;

	if (t->n < t->cap)
		return 0;
	cap = t->cap ? t->cap * 2 : 32;
	p = realloc(t->v, cap * sizeof(*p));
	if (!p)
		return LT_ENOMEM;
	t->v = p;
	t->cap = cap;
	return 0;
}

/* Append one syllable (already folded) to t. */
static int push(lt_tokens *t, const char *s, size_t n, uint64_t h, uint64_t hx)
{
	int rc;

	rc = grow_text(t, n + 1);
	if (rc)
		return rc;
	rc = grow_toks(t);
	if (rc)
		return rc;
	if (t->n)
		t->text[t->text_len++] = ' ';
	memcpy(t->text + t->text_len, s, n);
	t->v[t->n].off = (uint32_t)t->text_len;
	t->v[t->n].len = (uint32_t)n;
	t->v[t->n].h = h;
	t->v[t->n].hx = hx;
	t->n++;
	t->text_len += n;
	t->text[t->text_len] = '\0';
	return 0;
}

/* End of a syllable in buf (hx: its diacritic hash, 0 when it had none):
 * expand it when it is an abbreviation. */
static int flush(lt_tokens *t, const lt_abbrev *ab, const char *buf, size_t n,
		 uint64_t hx)
{
	uint64_t h = lt_tok_hash(buf, n);
	const char *x;
	size_t xn;
	int rc;

	if (!hx) /* plain ASCII syllable: its exact form is its folded form */
		hx = h;
	x = ab ? lt_abbrev_lookup(ab, h, &xn) : NULL;
	if (!x)
		return push(t, buf, n, h, hx);
	/* x holds folded syllables separated by single spaces. */
	while (xn) {
		size_t k = 0;
		while (k < xn && x[k] != ' ')
			k++;
		h = lt_tok_hash(x, k);
		rc = push(t, x, k, h, h);
		if (rc)
			return rc;
		if (k < xn)
			k++;
		x += k;
		xn -= k;
	}
	return 0;
}

/* composed: s is the NFC of the caller's text (do not compose again). */
static int tokenize(const char *s, size_t n, const lt_abbrev *ab, lt_tokens *t,
		    int composed)
{
	const unsigned char *p = (const unsigned char *)s;
	char buf[LT_TOK_MAX_LEN + 4];
	size_t blen = 0, i = 0;
	uint64_t hx = EXACT_SEED;
	int rc, marked = 0; /* the syllable had a non-ASCII letter */

	pthread_once(&fold_once, fold_build);
	t->n = 0;
	t->text_len = 0;
	rc = grow_text(t, 0);
	if (rc)
		return rc;
	t->text[0] = '\0';
	while (i < n) {
		size_t k;
		uint32_t cp = decode(p + i, n - i, &k);
		uint32_t f;

		i += k;
		if (cp < FOLD_TABLE_MAX)
			f = fold_table[cp];
		else
			f = fold_slow(cp);
		if (f == FOLD_MARK) {
			/* Decomposed input: compose it once so that the
			 * diacritic hashes match those of NFC text. */
			char *nfc = composed ? NULL : lt_text_nfc(s, n);
			if (nfc) {
				rc = tokenize(nfc, strlen(nfc), ab, t, 1);
				free(nfc);
				return rc;
			}
			continue;
		}
		if (f == FOLD_SEP) {
			if (blen) {
				rc = flush(t, ab, buf, blen,
					   marked ? fmix64(hx) | 1 : 0);
				if (rc)
					return rc;
				blen = 0;
				hx = EXACT_SEED;
				marked = 0;
			}
			continue;
		}
		if (blen + 4 <= LT_TOK_MAX_LEN) {
			blen += encode(f, buf + blen);
			hx = (hx ^ (cp < 0x80 ? f : lower_cp(cp))) * 0x100000001b3ULL;
			marked |= cp >= 0x80;
		}
	}
	if (blen)
		return flush(t, ab, buf, blen, marked ? fmix64(hx) | 1 : 0);
	return 0;
}

int lt_tokenize(const char *s, size_t n, const lt_abbrev *ab, lt_tokens *t)
{
	return tokenize(s, n, ab, t, 0);
}

void lt_feats_init(lt_feats *f)
{
	memset(f, 0, sizeof(*f));
}

void lt_feats_free(lt_feats *f)
{
	free(f->v);
	memset(f, 0, sizeof(*f));
}

static int feat_add(lt_feats *f, uint64_t id, uint32_t off, uint32_t len)
{
	if (f->n == f->cap) {
		size_t cap = f->cap ? f->cap * 2 : 64;
		lt_feat *p = realloc(f->v, cap * sizeof(*p));
		if (!p)
			return LT_ENOMEM;
		f->v = p;
		f->cap = cap;
	}
	f->v[f->n].id = id ? id : 1;
	f->v[f->n].off = off;
	f->v[f->n].len = len;
	f->n++;
	return 0;
}

/* Character n-grams of "#syllable#" (bytes, which is letters for folded
 * Vietnamese); the span reported is the syllable. */
static int char_grams(const lt_tokens *t, const lt_tok *k, size_t g, lt_feats *f)
{
	char w[LT_TOK_MAX_LEN + 8];
	size_t wn = k->len + 2;
	int rc;

	w[0] = '#';
	memcpy(w + 1, t->text + k->off, k->len);
	w[wn - 1] = '#';
	if (wn < g)
		return 0;
	for (size_t j = 0; j + g <= wn; j++) {
		uint64_t id = lt_tok_hash(w + j, g) ^ (0x9e3779b97f4a7c15ULL * g);
		rc = feat_add(f, id, k->off, k->len);
		if (rc)
			return rc;
	}
	return 0;
}

int lt_features(const lt_tokens *t, unsigned flags, lt_feats *f)
{
	int rc = 0;

	f->n = 0;
	for (size_t i = 0; i < t->n; i++) {
		const lt_tok *a = &t->v[i];
		if (flags & LT_FEAT_UNI) {
			rc = feat_add(f, a->h, a->off, a->len);
			if (rc)
				return rc;
		}
		if ((flags & LT_FEAT_BI) && i + 1 < t->n) {
			const lt_tok *b = &t->v[i + 1];
			rc = feat_add(f, fmix64(a->h * 31 + (b->h ^ 0x5bd1e995ULL)),
				      a->off, b->off + b->len - a->off);
			if (rc)
				return rc;
		}
		if ((flags & LT_FEAT_TRI) && i + 2 < t->n) {
			const lt_tok *b = &t->v[i + 1], *c = &t->v[i + 2];
			uint64_t id = fmix64(fmix64(a->h * 31 + b->h) ^ c->h ^ 0x2545f4914f6cdd1dULL);
			rc = feat_add(f, id, a->off, c->off + c->len - a->off);
			if (rc)
				return rc;
		}
		if ((flags & LT_FEAT_EXACT) && a->hx != a->h) {
			rc = feat_add(f, fmix64(a->hx ^ 0x7f4a7c159e3779b9ULL), a->off, a->len);
			if (rc)
				return rc;
		}
		if ((flags & LT_FEAT_EXACT) && i + 1 < t->n &&
		    (a->hx != a->h || t->v[i + 1].hx != t->v[i + 1].h)) {
			const lt_tok *b = &t->v[i + 1];
			rc = feat_add(f, fmix64(a->hx * 37 + (b->hx ^ 0x1b873593ULL)),
				      a->off, b->off + b->len - a->off);
			if (rc)
				return rc;
		}
		if ((flags & LT_FEAT_EDGE) && i == 0) {
			rc = feat_add(f, fmix64(a->h ^ 0x3c6ef372fe94f82bULL), a->off, a->len);
			if (rc)
				return rc;
		}
		if (flags & LT_FEAT_CHAR3) {
			rc = char_grams(t, a, 3, f);
			if (rc)
				return rc;
		}
		if (flags & LT_FEAT_CHAR4) {
			rc = char_grams(t, a, 4, f);
			if (rc)
				return rc;
		}
	}
	return rc;
}
