/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * pdf_sign_parse.c — the PDF object reader of pdf_sign_int.h: values,
 * dictionaries, strings, classic cross-reference tables and the page tree.
 * Every index is checked against n: the verifier runs it on untrusted files
 * (tests/fuzz/fuzz_pdfsig.c).
 */
#include "render/pdf_sign_int.h"

#include <ctype.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

static int is_ws(uint8_t c)
{
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0;
}

int lt_pdfp_is_delim(uint8_t c)
{
	return is_ws(c) || c == '(' || c == ')' || c == '<' || c == '>' || c == '[' ||
	       c == ']' || c == '{' || c == '}' || c == '/' || c == '%';
}

size_t lt_pdfp_skip_ws(const uint8_t *p, size_t n, size_t i)
{
	while (i < n) {
		if (is_ws(p[i])) {
			i++;
		} else if (p[i] == '%') {
			while (i < n && p[i] != '\n' && p[i] != '\r')
				i++;
		} else {
			break;
		}
	}
	return i;
}

/* A regular token (number, keyword, name body) from i: index past it. */
static size_t token_end(const uint8_t *p, size_t n, size_t i)
{
	while (i < n && !lt_pdfp_is_delim(p[i]))
		i++;
	return i;
}

static int is_uint_token(const uint8_t *p, size_t s, size_t e)
{
	if (s == e)
		return 0;
	for (size_t i = s; i < e; i++)
		if (p[i] < '0' || p[i] > '9')
			return 0;
	return 1;
}

/* A literal string "(…)" from i: balanced parentheses, backslash escapes. */
static int string_end(const uint8_t *p, size_t n, size_t i, size_t *end)
{
	int depth = 0;

	for (; i < n; i++) {
		if (p[i] == '\\') {
			i++;
		} else if (p[i] == '(') {
			depth++;
		} else if (p[i] == ')') {
			if (--depth == 0) {
				*end = i + 1;
				return 0;
			}
		}
	}
	return LT_EINVAL;
}

static int value_end(const uint8_t *p, size_t n, size_t i, size_t *end, int depth)
{
	size_t j, k;
	int rc;

	if (i >= n || depth > LT_PDFP_DEPTH)
		return LT_EINVAL;
	switch (p[i]) {
	case '(':
		return string_end(p, n, i, end);
	case '<':
		if (i + 1 < n && p[i + 1] == '<') {
			/* dictionary: keys and values until ">>" */
			i = lt_pdfp_skip_ws(p, n, i + 2);
			while (i < n && p[i] != '>') {
				if (p[i] != '/')
					return LT_EINVAL;
				i = lt_pdfp_skip_ws(p, n, token_end(p, n, i + 1));
				rc = value_end(p, n, i, &j, depth + 1);
				if (rc)
					return rc;
				i = lt_pdfp_skip_ws(p, n, j);
			}
			if (i + 1 >= n || p[i + 1] != '>')
				return LT_EINVAL;
			*end = i + 2;
			return 0;
		}
		for (j = i + 1; j < n && p[j] != '>'; j++)
			if (!is_ws(p[j]) && !strchr("0123456789abcdefABCDEF", p[j]))
				return LT_EINVAL;
		if (j >= n)
			return LT_EINVAL;
		*end = j + 1;
		return 0;
	case '[':
		i = lt_pdfp_skip_ws(p, n, i + 1);
		while (i < n && p[i] != ']') {
			rc = value_end(p, n, i, &j, depth + 1);
			if (rc)
				return rc;
			i = lt_pdfp_skip_ws(p, n, j);
		}
		if (i >= n)
			return LT_EINVAL;
		*end = i + 1;
		return 0;
	case '/':
		*end = token_end(p, n, i + 1);
		return 0;
	case ')': case '>': case ']': case '{': case '}':
		return LT_EINVAL;
	default:
		j = token_end(p, n, i);
		if (j == i)
			return LT_EINVAL;
		*end = j;
		/* "N G R": a reference is one value. */
		if (is_uint_token(p, i, j)) {
			size_t g = lt_pdfp_skip_ws(p, n, j), ge = token_end(p, n, g);
			if (is_uint_token(p, g, ge)) {
				k = lt_pdfp_skip_ws(p, n, ge);
				if (k < n && p[k] == 'R' && (k + 1 == n || lt_pdfp_is_delim(p[k + 1])))
					*end = k + 1;
			}
		}
		return 0;
	}
}

int lt_pdfp_value_end(const uint8_t *p, size_t n, size_t i, size_t *end)
{
	return value_end(p, n, i, end, 0);
}

int lt_pdfp_dict_next(const uint8_t *p, size_t n, size_t *i, size_t *ks, size_t *ke, size_t *vs,
		      size_t *ve)
{
	size_t j = *i;
	int rc;

	if (j + 1 < n && p[j] == '<' && p[j + 1] == '<')
		j += 2;
	j = lt_pdfp_skip_ws(p, n, j);
	if (j + 1 < n && p[j] == '>' && p[j + 1] == '>') {
		*i = j + 2;
		return 0;
	}
	if (j >= n || p[j] != '/')
		return LT_EINVAL;
	*ks = j + 1;
	*ke = token_end(p, n, j + 1);
	j = lt_pdfp_skip_ws(p, n, *ke);
	*vs = j;
	rc = lt_pdfp_value_end(p, n, j, ve);
	if (rc)
		return rc;
	*i = *ve;
	return 1;
}

int lt_pdfp_dict_get(const uint8_t *p, size_t n, size_t d, const char *key, size_t *vs, size_t *ve)
{
	size_t i = d, ks, ke, klen = strlen(key);
	int rc;

	if (d + 1 >= n || p[d] != '<' || p[d + 1] != '<')
		return LT_EINVAL;
	for (;;) {
		rc = lt_pdfp_dict_next(p, n, &i, &ks, &ke, vs, ve);
		if (rc <= 0)
			return rc ? rc : LT_ENOTFOUND;
		if (ke - ks == klen && memcmp(p + ks, key, klen) == 0)
			return 0;
	}
}

int lt_pdfp_int(const uint8_t *p, size_t vs, size_t ve, long long *out)
{
	long long v = 0;

	if (!is_uint_token(p, vs, ve) || ve - vs > 15)
		return LT_EINVAL;
	for (size_t i = vs; i < ve; i++)
		v = v * 10 + (p[i] - '0');
	*out = v;
	return 0;
}

int lt_pdfp_num(const uint8_t *p, size_t vs, size_t ve, double *out)
{
	char tmp[40];
	char *end;

	if (ve <= vs || ve - vs >= sizeof(tmp))
		return LT_EINVAL;
	memcpy(tmp, p + vs, ve - vs);
	tmp[ve - vs] = 0;
	if (!strchr("+-.0123456789", tmp[0]))
		return LT_EINVAL;
	*out = strtod(tmp, &end);
	return *end ? LT_EINVAL : 0;
}

int lt_pdfp_ref(const uint8_t *p, size_t vs, size_t ve, unsigned *num, unsigned *gen)
{
	size_t a = token_end(p, ve, vs), g = lt_pdfp_skip_ws(p, ve, a), ge = token_end(p, ve, g);
	long long x, y;

	if (lt_pdfp_int(p, vs, a, &x) || lt_pdfp_int(p, g, ge, &y) || x > 0x7fffffff || y > 65535)
		return LT_EINVAL;
	if (lt_pdfp_skip_ws(p, ve, ge) + 1 != ve || p[ve - 1] != 'R')
		return LT_EINVAL;
	*num = (unsigned)x;
	*gen = (unsigned)y;
	return 0;
}

int lt_pdfp_name_is(const uint8_t *p, size_t vs, size_t ve, const char *name)
{
	size_t len = strlen(name);

	return ve - vs == len + 1 && p[vs] == '/' && memcmp(p + vs + 1, name, len) == 0;
}

int lt_pdfp_string(const uint8_t *p, size_t vs, size_t ve, lt_buf *out)
{
	if (ve - vs < 2)
		return LT_EINVAL;
	if (p[vs] == '<') {
		/* White space may sit anywhere between the digits, and an odd last
		 * digit is followed by an implied 0 (ISO 32000-1 §7.3.4.3): gather
		 * the digits, then libsodium decodes them. */
		char *hex = malloc(ve - vs + 1);
		unsigned char *bin = malloc((ve - vs) / 2 + 1);
		size_t k = 0, len = 0;
		if (!hex || !bin) {
			free(hex);
			free(bin);
			return LT_ENOMEM;
		}
		for (size_t i = vs + 1; i + 1 < ve; i++)
			if (isxdigit(p[i]))
				hex[k++] = (char)p[i];
		if (k % 2)
			hex[k++] = '0';
		if (sodium_hex2bin(bin, (ve - vs) / 2 + 1, hex, k, NULL, &len, NULL) == 0)
			lt_buf_put(out, bin, len);
		free(hex);
		free(bin);
		return lt_buf_error(out);
	}
	if (p[vs] != '(')
		return LT_EINVAL;
	for (size_t i = vs + 1; i + 1 < ve; i++) {
		uint8_t c = p[i];
		if (c == '\r') { /* an end of line in a string reads as \n */
			if (i + 2 < ve && p[i + 1] == '\n')
				i++;
			c = '\n';
		} else if (c == '\\' && i + 2 < ve) {
			c = p[++i];
			switch (c) {
			case 'n': c = '\n'; break;
			case 'r': c = '\r'; break;
			case 't': c = '\t'; break;
			case 'b': c = '\b'; break;
			case 'f': c = '\f'; break;
			case '\r':
				if (i + 2 < ve && p[i + 1] == '\n')
					i++;
				continue;
			case '\n':
				continue;
			default:
				if (c >= '0' && c <= '7') {
					int v = c - '0';
					for (int k = 0; k < 2 && i + 2 < ve && p[i + 1] >= '0' && p[i + 1] <= '7'; k++)
						v = v * 8 + (p[++i] - '0');
					c = (uint8_t)v;
				}
			}
		}
		lt_buf_put(out, &c, 1);
	}
	return lt_buf_error(out);
}

int lt_pdfp_text_utf8(const uint8_t *s, size_t n, lt_buf *out)
{
	uint8_t u[4];

	if (n >= 2 && s[0] == 0xfe && s[1] == 0xff) {
		for (size_t i = 2; i + 1 < n; i += 2) {
			int32_t c = s[i] << 8 | s[i + 1];
			if (c >= 0xd800 && c < 0xdc00 && i + 3 < n) {
				int32_t lo = s[i + 2] << 8 | s[i + 3];
				if (lo >= 0xdc00 && lo < 0xe000) {
					c = 0x10000 + ((c - 0xd800) << 10) + (lo - 0xdc00);
					i += 2;
				}
			}
			if (!utf8proc_codepoint_valid(c))
				c = 0xfffd;
			lt_buf_put(out, u, (size_t)utf8proc_encode_char(c, u));
		}
	} else if (n >= 3 && s[0] == 0xef && s[1] == 0xbb && s[2] == 0xbf) {
		lt_buf_put(out, s + 3, n - 3); /* PDF 2.0: UTF-8 with its BOM */
	} else {
		/* PDFDocEncoding, but some writers (poppler's pdfsig among them) put
		 * bare UTF-8 there: valid UTF-8 with non-ASCII bytes is read as such. */
		bool utf8 = true;
		for (size_t i = 0; i < n && utf8;) {
			utf8proc_int32_t c;
			utf8proc_ssize_t k = utf8proc_iterate(s + i, (utf8proc_ssize_t)(n - i), &c);
			utf8 = k > 0;
			i += k > 0 ? (size_t)k : 1;
		}
		if (utf8) {
			lt_buf_put(out, s, n);
		} else {
			for (size_t i = 0; i < n; i++)
				lt_buf_put(out, u, (size_t)utf8proc_encode_char(s[i], u));
		}
	}
	return lt_buf_error(out);
}

/* --- cross-reference tables --- */

/* A PDF lantoa cannot sign: e says why, in both languages. */
#define UNSUP(e, vi, en) lt_error_set((e), LT_EUNSUPPORTED, "pdf", \
	"Không ký được PDF này: " vi, "This PDF cannot be signed: " en)

static int match(const uint8_t *p, size_t n, size_t i, const char *kw)
{
	size_t len = strlen(kw);

	return i + len <= n && memcmp(p + i, kw, len) == 0 &&
	       (i + len == n || lt_pdfp_is_delim(p[i + len]));
}

/* The number token at *i (after white space): *i moves past it. */
static int read_uint(const uint8_t *p, size_t n, size_t *i, long long *v)
{
	size_t s = lt_pdfp_skip_ws(p, n, *i), t = token_end(p, n, s);
	int rc = lt_pdfp_int(p, s, t, v);

	if (!rc)
		*i = t;
	return rc;
}

/* One xref section at x (a table and its trailer); *prev gets /Prev or 0. */
static int read_section(lt_pdfdoc *d, size_t x, bool newest, size_t *prev, lt_error *e)
{
	const uint8_t *p = d->p;
	size_t n = d->n, i = lt_pdfp_skip_ws(p, n, x), vs, ve;
	long long start, count, off, gen, v;

	*prev = 0;
	if (!match(p, n, i, "xref")) {
		long long a, b;
		size_t j = i;
		if (read_uint(p, n, &j, &a) == 0 && read_uint(p, n, &j, &b) == 0 &&
		    match(p, n, lt_pdfp_skip_ws(p, n, j), "obj"))
			return UNSUP(e, "bảng tham chiếu chéo dạng luồng (xref stream, PDF 1.5) — lantoa chỉ cập nhật được bảng xref cổ điển",
				     "its cross-references are a stream (PDF 1.5 xref stream); lantoa updates classic xref tables only");
		return UNSUP(e, "không thấy bảng xref ở vị trí startxref chỉ tới",
			     "no xref table where startxref points");
	}
	i += 4;
	for (;;) {
		size_t j = lt_pdfp_skip_ws(p, n, i);
		if (match(p, n, j, "trailer")) {
			i = j + 7;
			break;
		}
		if (read_uint(p, n, &i, &start) || read_uint(p, n, &i, &count) || count > 8000000 ||
		    start > 8000000)
			return UNSUP(e, "bảng xref hỏng", "a damaged xref table");
		for (long long k = 0; k < count; k++) {
			size_t t;
			if (read_uint(p, n, &i, &off) || read_uint(p, n, &i, &gen))
				return UNSUP(e, "bảng xref hỏng", "a damaged xref table");
			t = lt_pdfp_skip_ws(p, n, i);
			if (t >= n || (p[t] != 'n' && p[t] != 'f'))
				return UNSUP(e, "bảng xref hỏng", "a damaged xref table");
			i = t + 1;
			size_t num = (size_t)(start + k);
			if (num >= d->size)
				continue; /* past the newest /Size: not an object of this file */
			if (d->off[num] == 0 && d->gen[num] == 0 && p[t] == 'n' && off > 0 &&
			    (size_t)off < n) {
				d->off[num] = (size_t)off;
				d->gen[num] = (unsigned)gen;
			} else if (d->off[num] == 0 && d->gen[num] == 0) {
				d->gen[num] = 0x10000; /* free in a newer section: stays free */
			}
		}
	}
	i = lt_pdfp_skip_ws(p, n, i);
	if (newest)
		d->trailer = i;
	if (lt_pdfp_value_end(p, n, i, &vs) || p[i] != '<')
		return UNSUP(e, "phần trailer hỏng", "a damaged trailer");
	if (lt_pdfp_dict_get(p, n, i, "Encrypt", &vs, &ve) == 0)
		return UNSUP(e, "tệp được mã hoá", "the file is encrypted");
	if (lt_pdfp_dict_get(p, n, i, "Prev", &vs, &ve) == 0) {
		if (lt_pdfp_int(p, vs, ve, &v) || (size_t)v >= n)
			return UNSUP(e, "giá trị /Prev hỏng", "a damaged /Prev");
		*prev = (size_t)v;
	}
	return 0;
}

/* /Size of the trailer that follows the xref table at x (to size the arrays). */
static int newest_size(lt_pdfdoc *d, size_t x, lt_error *e)
{
	const uint8_t *p = d->p;
	size_t n = d->n, i = x, vs, ve;
	long long v;

	/* The first "trailer" keyword after x ends the newest table. */
	for (; i + 7 <= n; i++)
		if (p[i] == 't' && match(p, n, i, "trailer"))
			break;
	if (i + 7 > n)
		return UNSUP(e, "không thấy trailer", "no trailer");
	i = lt_pdfp_skip_ws(p, n, i + 7);
	if (lt_pdfp_dict_get(p, n, i, "Size", &vs, &ve) || lt_pdfp_int(p, vs, ve, &v) || v < 1 ||
	    v > 8000000 || (size_t)v > n)
		return UNSUP(e, "trailer thiếu /Size hợp lệ", "the trailer lacks a valid /Size");
	d->size = (size_t)v;
	return 0;
}

int lt_pdfdoc_open(lt_pdfdoc *d, const uint8_t *p, size_t n, lt_error *e)
{
	size_t i, x, prev, vs, ve, seen[64];
	long long v;
	int rc, nsec = 0;

	memset(d, 0, sizeof(*d));
	d->p = p;
	d->n = n;
	if (n < 32 || memcmp(p, "%PDF-", 5) != 0)
		return UNSUP(e, "không phải tệp PDF", "not a PDF file");
	/* startxref in the last kilobyte, searched from the end. */
	i = n > 1024 ? n - 1024 : 0;
	x = 0;
	for (size_t k = n - 9; k + 1 > i; k--) {
		if (p[k] == 's' && match(p, n, k, "startxref")) {
			size_t j = k + 9;
			if (read_uint(p, n, &j, &v) == 0 && v > 0 && (size_t)v < n)
				x = (size_t)v;
			break;
		}
		if (k == 0)
			break;
	}
	if (!x)
		return UNSUP(e, "không thấy startxref ở cuối tệp", "no startxref at the end of the file");
	d->startxref = x;
	i = lt_pdfp_skip_ws(p, n, x);
	if (!match(p, n, i, "xref")) {
		rc = read_section(d, x, true, &prev, e); /* says what it is instead */
		return rc ? rc : UNSUP(e, "bảng xref hỏng", "a damaged xref table");
	}
	rc = newest_size(d, x, e);
	if (rc)
		return rc;
	d->off = calloc(d->size, sizeof(*d->off));
	d->gen = calloc(d->size, sizeof(*d->gen));
	if (!d->off || !d->gen)
		return lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	for (;;) {
		for (int k = 0; k < nsec; k++)
			if (seen[k] == x)
				return UNSUP(e, "chuỗi /Prev lặp vòng", "a /Prev loop");
		if (nsec == (int)(sizeof(seen) / sizeof(seen[0])))
			return UNSUP(e, "quá nhiều lần cập nhật", "too many updates");
		seen[nsec++] = x;
		rc = read_section(d, x, nsec == 1, &prev, e);
		if (rc)
			return rc;
		if (!prev)
			break;
		x = prev;
	}
	for (size_t k = 0; k < d->size; k++)
		if (d->gen[k] == 0x10000)
			d->gen[k] = 0;
	if (lt_pdfp_dict_get(p, n, d->trailer, "Root", &vs, &ve) ||
	    lt_pdfp_ref(p, vs, ve, &d->root, &d->root_gen) || d->root >= d->size || !d->off[d->root])
		return UNSUP(e, "trailer không có /Root hợp lệ", "the trailer has no valid /Root");
	return 0;
}

void lt_pdfdoc_close(lt_pdfdoc *d)
{
	free(d->off);
	free(d->gen);
	d->off = NULL;
	d->gen = NULL;
}

int lt_pdfdoc_obj(const lt_pdfdoc *d, unsigned num, size_t *vs, size_t *ve, lt_error *e)
{
	const uint8_t *p = d->p;
	size_t n = d->n, i;
	long long a, g;

	if (num >= d->size || !d->off[num])
		return UNSUP(e, "thiếu một đối tượng được tham chiếu", "a referenced object is missing");
	i = d->off[num];
	if (read_uint(p, n, &i, &a) || read_uint(p, n, &i, &g) || a != num)
		return UNSUP(e, "bảng xref chỉ sai vị trí đối tượng", "the xref table points to the wrong place");
	i = lt_pdfp_skip_ws(p, n, i);
	if (!match(p, n, i, "obj"))
		return UNSUP(e, "đối tượng hỏng", "a damaged object");
	*vs = lt_pdfp_skip_ws(p, n, i + 3);
	if (lt_pdfp_value_end(p, n, *vs, ve))
		return UNSUP(e, "đối tượng hỏng", "a damaged object");
	return 0;
}

int lt_pdfdoc_resolve(const lt_pdfdoc *d, size_t *vs, size_t *ve, lt_error *e)
{
	unsigned num, gen;

	if (lt_pdfp_ref(d->p, *vs, *ve, &num, &gen))
		return 0;
	return lt_pdfdoc_obj(d, num, vs, ve, e);
}

static int read_box(const uint8_t *p, size_t vs, size_t ve, double box[4])
{
	size_t i = vs + 1, j;

	if (p[vs] != '[')
		return LT_EINVAL;
	for (int k = 0; k < 4; k++) {
		i = lt_pdfp_skip_ws(p, ve, i);
		j = token_end(p, ve, i);
		if (lt_pdfp_num(p, i, j, &box[k]))
			return LT_EINVAL;
		i = j;
	}
	return box[2] > box[0] && box[3] > box[1] ? 0 : LT_EINVAL;
}

/* Find page *left (0-based, counted down) under node num. *budget bounds the
 * nodes visited: a damaged tree whose kids point back up stops there. */
static int walk(const lt_pdfdoc *d, unsigned num, unsigned gen, size_t *left, const double *box,
		int depth, size_t *budget, lt_pdfpage *pg, lt_error *e)
{
	const uint8_t *p = d->p;
	size_t vs, ve, ks, ke, i;
	double mine[4];
	int rc;

	if (depth > 32 || *budget == 0)
		return UNSUP(e, "cây trang hỏng hoặc quá sâu", "the page tree is damaged or too deep");
	(*budget)--;
	rc = lt_pdfdoc_obj(d, num, &vs, &ve, e);
	if (rc)
		return rc;
	if (p[vs] != '<')
		return UNSUP(e, "cây trang hỏng", "a damaged page tree");
	if (lt_pdfp_dict_get(p, d->n, vs, "MediaBox", &ks, &ke) == 0 &&
	    lt_pdfdoc_resolve(d, &ks, &ke, e) == 0 && read_box(p, ks, ke, mine) == 0)
		box = mine;
	if (lt_pdfp_dict_get(p, d->n, vs, "Kids", &ks, &ke) != 0) {
		/* a page */
		if (*left > 0) {
			(*left)--;
			return 1;
		}
		if (!box)
			return UNSUP(e, "trang không có MediaBox", "the page has no MediaBox");
		pg->num = num;
		pg->gen = gen;
		pg->vs = vs;
		pg->ve = ve;
		memcpy(pg->box, box, sizeof(pg->box));
		return 0;
	}
	rc = lt_pdfdoc_resolve(d, &ks, &ke, e);
	if (rc)
		return rc;
	if (p[ks] != '[')
		return UNSUP(e, "cây trang hỏng", "a damaged page tree");
	i = lt_pdfp_skip_ws(p, ke, ks + 1);
	while (i < ke && p[i] != ']') {
		size_t j;
		unsigned kn, kg;
		if (lt_pdfp_value_end(p, ke, i, &j) || lt_pdfp_ref(p, i, j, &kn, &kg) || kn == num)
			return UNSUP(e, "cây trang hỏng", "a damaged page tree");
		rc = walk(d, kn, kg, left, box, depth + 1, budget, pg, e);
		if (rc <= 0)
			return rc;
		i = lt_pdfp_skip_ws(p, ke, j);
	}
	return 1;
}

int lt_pdfdoc_page(const lt_pdfdoc *d, int index, lt_pdfpage *pg, lt_error *e)
{
	const uint8_t *p = d->p;
	size_t vs, ve, left, budget;
	unsigned num, gen;
	long long count;
	int rc;

	rc = lt_pdfdoc_obj(d, d->root, &vs, &ve, e);
	if (rc)
		return rc;
	if (p[vs] != '<' || lt_pdfp_dict_get(p, d->n, vs, "Pages", &vs, &ve) ||
	    lt_pdfp_ref(p, vs, ve, &num, &gen))
		return UNSUP(e, "danh mục không có /Pages", "the catalog has no /Pages");
	rc = lt_pdfdoc_obj(d, num, &vs, &ve, e);
	if (rc)
		return rc;
	if (p[vs] != '<' || lt_pdfp_dict_get(p, d->n, vs, "Count", &vs, &ve) ||
	    lt_pdfp_int(p, vs, ve, &count) || count < 1)
		return UNSUP(e, "cây trang không có /Count", "the page tree has no /Count");
	memset(pg, 0, sizeof(*pg));
	pg->count = (size_t)count;
	if (index < 1 || (size_t)index > pg->count)
		return lt_error_set(e, LT_EINVAL, "page",
				    "Không có trang %d (tài liệu có %zu trang)",
				    "There is no page %d (the document has %zu pages)", index, pg->count);
	left = (size_t)index - 1;
	budget = d->size + 1; /* each object is one node at most once in a sound tree */
	rc = walk(d, num, gen, &left, NULL, 0, &budget, pg, e);
	if (rc > 0)
		return UNSUP(e, "cây trang thiếu trang", "the page tree lacks pages");
	pg->count = (size_t)count;
	return rc;
}
