/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* json_write.c — see json_write.h. */
#include "text/json_write.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

void lt_jw_init(lt_jw *w, lt_buf *b)
{
	/* Its own buffer holds one document (an item, a unit's page of children): 1 GiB at most. */
	lt_buf_init(&w->own, (size_t)1 << 30);
	w->b = b ? b : &w->own;
	w->comma = false;
	w->bad = false;
}

/*
 * Append n bytes: straight into the buffer while it has room (nearly every
 * piece of a page), else through lt_buf_put, which grows it or fails it
 * (a failed buffer has no room: ptr NULL, alloc 0). alloc counts the NUL.
 */
static inline void put(lt_jw *w, const void *p, size_t n)
{
	lt_buf *b = w->b;

	if (b->len + n < b->alloc && n <= b->cap - b->len) {
		memcpy(b->ptr + b->len, p, n);
		b->len += n;
		b->ptr[b->len] = '\0';
		return;
	}
	lt_buf_put(b, p, n);
}

static void sep(lt_jw *w)
{
	if (w->comma)
		put(w, ",", 1);
}

void lt_jw_open(lt_jw *w, char c)
{
	sep(w);
	put(w, &c, 1);
	w->comma = false;
}

void lt_jw_close(lt_jw *w, char c)
{
	put(w, &c, 1);
	w->comma = true;
}

/*
 * Are the n bytes at s UTF-8 as jansson checks it (json_string): no overlong
 * form, no surrogate, nothing past U+10FFFF. Inline, not utf8proc's
 * iterator: nearly every name and title is Vietnamese, checked here once.
 */
static bool utf8_ok(const unsigned char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		unsigned c = s[i];
		size_t k;
		uint32_t cp;
		if (c < 0x80) {
			i++;
			continue;
		}
		if (c < 0xC2)
			return false; /* a continuation byte, or a 2-byte overlong form */
		k = c < 0xE0 ? 2 : c < 0xF0 ? 3 : c < 0xF5 ? 4 : 0;
		if (!k || n - i < k)
			return false;
		cp = c & (0x7Fu >> k);
		for (size_t j = 1; j < k; j++) {
			if ((s[i + j] & 0xC0) != 0x80)
				return false;
			cp = cp << 6 | (s[i + j] & 0x3Fu);
		}
		if ((k == 3 && cp < 0x800) || (k == 4 && cp < 0x10000) || cp > 0x10FFFF ||
		    (cp >= 0xD800 && cp <= 0xDFFF))
			return false;
		i += k;
	}
	return true;
}

/* The n bytes at s with escapes, as jansson's dump_string writes them without flags. */
static void put_escaped(lt_jw *w, const unsigned char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p = s, *run = s, *end = s + n;

	for (; p < end; p++) {
		const char *esc;
		char u[6];
		if (*p >= 0x20 && *p != '"' && *p != '\\')
			continue;
		put(w, run, (size_t)(p - run));
		run = p + 1;
		switch (*p) {
		case '"': esc = "\\\""; break;
		case '\\': esc = "\\\\"; break;
		case '\b': esc = "\\b"; break;
		case '\f': esc = "\\f"; break;
		case '\n': esc = "\\n"; break;
		case '\r': esc = "\\r"; break;
		case '\t': esc = "\\t"; break;
		default:
			memcpy(u, "\\u00", 4);
			u[4] = hex[*p >> 4];
			u[5] = hex[*p & 15];
			put(w, u, 6);
			continue;
		}
		put(w, esc, 2);
	}
	put(w, run, (size_t)(p - run));
}

/*
 * Does any of the 8 bytes in x need an escape: below 0x20, '"' or '\\'
 * (the high bit of a matching byte is set in the result). The classic SWAR
 * "has less than" and "has zero" tests, which ignore non-ASCII bytes; a false
 * mark can only follow a true one in the same word, and the caller then
 * looks at that word byte by byte anyway.
 */
static inline uint64_t word_escape(uint64_t x)
{
	const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
	uint64_t q = x ^ (ones * '"'), b = x ^ (ones * '\\');

	return (((x - ones * 0x20) & ~x) | ((q - ones) & ~q) | ((b - ones) & ~b)) & high;
}

/*
 * s (n bytes) quoted: copied whole when nothing in it needs an escape
 * (nearly always). Eight bytes are tested at a time, Vietnamese letters
 * included: this scan was 10% of the server's CPU for GET
 * /activities?limit=20 when it went byte by byte.
 */
static void put_string_n(lt_jw *w, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned esc = 0, high = 0;
	uint64_t words = 0;
	size_t i = 0;

	for (; i + 8 <= n; i += 8) {
		uint64_t x;
		memcpy(&x, p + i, 8);
		if (word_escape(x))
			break;
		words |= x;
	}
	for (; i < n; i++) {
		esc |= p[i] < 0x20 || p[i] == '"' || p[i] == '\\';
		high |= p[i] & 0x80;
	}
	high |= (words & 0x8080808080808080u) != 0;
	put(w, "\"", 1);
	if (esc)
		put_escaped(w, p, n);
	else
		put(w, p, n);
	put(w, "\"", 1);
	if (high && !w->bad && !utf8_ok(p, n))
		w->bad = true;
}

static void put_string(lt_jw *w, const char *s)
{
	put_string_n(w, s, strlen(s));
}

void lt_jw_key(lt_jw *w, const char *k)
{
	sep(w);
	put_string(w, k);
	put(w, ":", 1);
	w->comma = false;
}

void lt_jw_str(lt_jw *w, const char *s)
{
	sep(w);
	if (s)
		put_string(w, s);
	else
		put(w, "null", 4);
	w->comma = true;
}

void lt_jw_int(lt_jw *w, int64_t v)
{
	char d[24], *e = d + sizeof(d), *p = e;
	/* The magnitude as unsigned: -INT64_MIN does not fit in int64_t. */
	uint64_t m = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;

	do {
		*--p = (char)('0' + m % 10);
		m /= 10;
	} while (m);
	if (v < 0)
		*--p = '-';
	sep(w);
	put(w, p, (size_t)(e - p));
	w->comma = true;
}

void lt_jw_num(lt_jw *w, double v)
{
	char d[48], *x;
	int n;

	if (!isfinite(v)) {
		lt_jw_null(w);
		return;
	}
	if (v == floor(v) && fabs(v) < 9e15) {
		lt_jw_int(w, (int64_t)v);
		return;
	}
	/* jansson's jsonp_dtostr, step by step (the bytes must be its bytes). */
	n = snprintf(d, sizeof(d) - 3, "%.17g", v);
	if (n < 0 || (size_t)n >= sizeof(d) - 3) {
		lt_jw_null(w);
		return;
	}
	if (!strchr(d, '.') && !strchr(d, 'e')) {
		memcpy(d + n, ".0", 3);
		n += 2;
	}
	x = strchr(d, 'e');
	if (x) {
		char *s = x + 1, *t = s + 1;
		if (*s == '-')
			s++;
		while (*t == '0')
			t++;
		if (t != s) {
			memmove(s, t, (size_t)(d + n - t) + 1);
			n -= (int)(t - s);
		}
	}
	sep(w);
	put(w, d, (size_t)n);
	w->comma = true;
}

void lt_jw_bool(lt_jw *w, bool v)
{
	sep(w);
	put(w, v ? "true" : "false", v ? 4 : 5);
	w->comma = true;
}

void lt_jw_null(lt_jw *w)
{
	lt_jw_str(w, NULL);
}

void lt_jw_kstr(lt_jw *w, const char *k, const char *s)
{
	lt_jw_key(w, k);
	lt_jw_str(w, s);
}

void lt_jw_kint(lt_jw *w, const char *k, int64_t v)
{
	lt_jw_key(w, k);
	lt_jw_int(w, v);
}

void lt_jw_knum(lt_jw *w, const char *k, double v)
{
	lt_jw_key(w, k);
	lt_jw_num(w, v);
}

void lt_jw_kbool(lt_jw *w, const char *k, bool v)
{
	lt_jw_key(w, k);
	lt_jw_bool(w, v);
}

void lt_jw_kint_or_null(lt_jw *w, const char *k, int64_t v, bool is_null)
{
	lt_jw_key(w, k);
	if (is_null)
		lt_jw_null(w);
	else
		lt_jw_int(w, v);
}

int lt_jw_end(const lt_jw *w, lt_error *e)
{
	int rc = lt_buf_error(w->b);

	if (rc == LT_ETOOBIG)
		return lt_error_set(e, rc, NULL, "Tài liệu JSON quá lớn", "The JSON document is too large");
	if (rc)
		return lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	if (w->bad)
		return lt_error_set(e, LT_EINTERNAL, NULL, "Dữ liệu lưu không phải UTF-8 hợp lệ",
				    "Stored text is not valid UTF-8");
	return 0;
}

json_t *lt_jw_tree(lt_jw *w)
{
	json_t *j = NULL;

	if (!lt_buf_error(w->b) && !w->bad)
		j = json_loadb(w->b->ptr ? w->b->ptr : "", w->b->len, 0, NULL);
	lt_buf_free(w->b);
	return j;
}
