/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* fold.c — see fold.h. Unicode tables come from utf8proc; only the đ rule
 * (U+0111/U+0110 have no decomposition, so stripping marks keeps them) and
 * white-space collapsing are ours. */
#include "text/fold.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

bool lt_utf8_valid(const char *s, size_t n)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	utf8proc_ssize_t left = (utf8proc_ssize_t)n;

	while (left > 0) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate(p, left, &cp);
		if (k <= 0 || cp == 0)
			return false;
		p += k;
		left -= k;
	}
	return true;
}

bool lt_text_cp_ok(int32_t cp)
{
	if (cp < 0x20)
		return cp == '\t' || cp == '\n' || cp == '\r';
	if (cp >= 0xD800 && cp <= 0xDFFF)
		return false;
	if (cp >= 0xFDD0 && cp <= 0xFDEF)
		return false;
	if ((cp & 0xFFFE) == 0xFFFE) /* U+FFFE, U+FFFF and their twins in every plane */
		return false;
	return cp <= 0x10FFFF;
}

int lt_text_check(const char *s, size_t n, int32_t *cp)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	utf8proc_ssize_t left = (utf8proc_ssize_t)n;

	while (left > 0) {
		utf8proc_int32_t c;
		utf8proc_ssize_t k = utf8proc_iterate(p, left, &c);
		if (k <= 0)
			return LT_TEXT_BAD_UTF8;
		if (c == 0)
			return LT_TEXT_NUL;
		if (!lt_text_cp_ok(c)) {
			if (cp)
				*cp = c;
			return LT_TEXT_FORBIDDEN;
		}
		p += k;
		left -= k;
	}
	return LT_TEXT_OK;
}

int lt_text_check_field(const char *s, size_t n, const char *field, lt_error *e)
{
	int32_t cp = 0;

	switch (lt_text_check(s, n, &cp)) {
	case LT_TEXT_OK:
		return 0;
	case LT_TEXT_BAD_UTF8:
		return lt_error_set(e, LT_EINVAL, field, "%s không phải văn bản UTF-8 hợp lệ",
				    "%s is not valid UTF-8 text", field);
	case LT_TEXT_NUL:
		return lt_error_set(e, LT_EINVAL, field, "%s chứa ký tự NUL",
				    "%s holds a NUL character", field);
	default:
		return lt_error_set(e, LT_EINVAL, field,
				    "%s chứa ký tự điều khiển hoặc không phải ký tự (U+%04X)",
				    "%s holds a control character or a noncharacter (U+%04X)", field,
				    (unsigned)cp);
	}
}

int lt_text_xml_safe(lt_buf *b, const char *s, size_t n)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	utf8proc_ssize_t left = (utf8proc_ssize_t)n;
	int rc = 0;

	while (left > 0 && !rc) {
		utf8proc_int32_t c = -1;
		utf8proc_ssize_t k = utf8proc_iterate(p, left, &c);
		bool bad = k <= 0 || c <= 0 || !lt_text_cp_ok(c);
		if (k <= 0)
			k = 1; /* skip one bad byte */
		if (bad)
			rc = lt_buf_add(b, "\xEF\xBF\xBD", 3); /* U+FFFD */
		else
			rc = lt_buf_add(b, p, (size_t)k);
		p += k;
		left -= k;
	}
	return rc;
}

static char *map(const char *s, size_t n, utf8proc_option_t opt)
{
	utf8proc_uint8_t *out = NULL;
	utf8proc_ssize_t r;

	if (!lt_utf8_valid(s, n))
		return NULL;
	r = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &out, opt);
	if (r < 0)
		return NULL;
	return (char *)out;
}

char *lt_text_nfc(const char *s, size_t n)
{
	return map(s, n, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
}

/* In place: đ (C4 91) → d, white space runs → one space, trimmed. */
static void squeeze(char *m)
{
	char *w, *r;
	bool space = true; /* drop leading space */

	for (r = w = m; *r;) {
		unsigned char c = (unsigned char)*r;
		if (c == 0xC4 && (unsigned char)r[1] == 0x91) {
			*w++ = 'd';
			r += 2;
			space = false;
		} else if (c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
			   c == '\f' || c == '\v') {
			if (!space)
				*w++ = ' ';
			space = true;
			r++;
		} else {
			*w++ = *r++;
			space = false;
		}
	}
	if (w > m && w[-1] == ' ')
		w--;
	*w = '\0';
}

#define FOLD_OPTS (UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK)

/*
 * The fold of each code point below FOLD_END, made once from utf8proc itself.
 * utf8proc_map decomposes, case-folds and strips every mark of a whole string
 * and composes what is left: on 500-character theme texts that was a third
 * of the group-commit writer's CPU (perf, POST /activities, where each item's
 * theme is guessed against its directive's themes). Below U+3000 (Latin with
 * Vietnamese, Greek, Cyrillic, and general punctuation's dashes, quotes and
 * bullets) a string's fold is the concatenation of its code points' folds
 * (marks fold to nothing, case folding has no context), except where two
 * unmarked code points compose: Hangul jamo (U+1100–U+11FF), which take the
 * whole-string path, as does any text with a code point at or above FOLD_END.
 * tests/unit/text/test_fold.c compares the two paths on every code point and
 * on mixed strings.
 */
#define FOLD_END 0x3000
#define FOLD_WHOLE 0xFF /* this code point needs utf8proc on the whole string */

static struct {
	unsigned char len;
	char s[11];
} fold_cell[FOLD_END];
static pthread_once_t fold_once = PTHREAD_ONCE_INIT;

static void fold_table(void)
{
	for (int32_t cp = 1; cp < FOLD_END; cp++) {
		utf8proc_uint8_t in[4], *out = NULL;
		utf8proc_ssize_t k = utf8proc_encode_char(cp, in), r;

		fold_cell[cp].len = FOLD_WHOLE;
		if ((cp >= 0x1100 && cp <= 0x11FF) || k <= 0)
			continue;
		r = utf8proc_map(in, k, &out, FOLD_OPTS);
		if (r >= 0 && (size_t)r < sizeof(fold_cell[cp].s)) {
			memcpy(fold_cell[cp].s, out, (size_t)r);
			fold_cell[cp].len = (unsigned char)r;
		}
		free(out);
	}
}

/* The fold by the table, or NULL with *whole set when the table cannot do it (or on OOM). */
static char *fold_by_table(const char *s, size_t n, bool *whole)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	utf8proc_ssize_t left = (utf8proc_ssize_t)n;
	size_t len = 0;
	char *m, *w;

	*whole = true;
	if (pthread_once(&fold_once, fold_table))
		return NULL;
	while (left > 0) { /* pass 1: valid, all in the table, and the length */
		utf8proc_int32_t cp = *p;
		utf8proc_ssize_t k = 1;
		if (cp >= 0x80)
			k = utf8proc_iterate(p, left, &cp);
		if (k <= 0 || cp == 0) {
			*whole = false; /* invalid: NULL either way */
			return NULL;
		}
		if (cp >= FOLD_END || fold_cell[cp].len == FOLD_WHOLE)
			return NULL;
		len += fold_cell[cp].len;
		p += k;
		left -= k;
	}
	*whole = false;
	m = w = malloc(len + 1);
	if (!m)
		return NULL;
	for (p = (const utf8proc_uint8_t *)s, left = (utf8proc_ssize_t)n; left > 0;) {
		utf8proc_int32_t cp = *p;
		utf8proc_ssize_t k = 1;
		if (cp >= 0x80)
			k = utf8proc_iterate(p, left, &cp);
		memcpy(w, fold_cell[cp].s, fold_cell[cp].len);
		w += fold_cell[cp].len;
		p += k;
		left -= k;
	}
	*w = '\0';
	return m;
}

char *lt_text_fold(const char *s, size_t n)
{
	bool whole = false;
	char *m = fold_by_table(s, n, &whole);

	if (!m && whole)
		m = map(s, n, FOLD_OPTS);
	if (!m)
		return NULL;
	squeeze(m);
	return m;
}

bool lt_text_match_folded(const char *t, const char *q)
{
	char tok[256];

	while (*q) {
		size_t n;
		while (*q == ' ')
			q++;
		n = strcspn(q, " ");
		if (!n)
			break;
		if (n >= sizeof(tok))
			n = sizeof(tok) - 1;
		memcpy(tok, q, n);
		tok[n] = '\0';
		if (!strstr(t, tok))
			return false;
		q += strcspn(q, " ");
	}
	return true;
}
