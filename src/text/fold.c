/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* fold.c — see fold.h. Unicode tables come from utf8proc; only the đ rule
 * (U+0111/U+0110 have no decomposition, so stripping marks keeps them) and
 * white-space collapsing are ours. */
#include "text/fold.h"

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

char *lt_text_fold(const char *s, size_t n)
{
	char *m = map(s, n,
		      UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD |
			      UTF8PROC_STRIPMARK);
	char *w, *r;
	bool space = true; /* drop leading space */

	if (!m)
		return NULL;
	/* In place: đ (C4 91) → d shrinks; spaces collapse. */
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
