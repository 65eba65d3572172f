/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* form.c — urlencoded form bodies; see form.h. */
#include "http/form.h"

#include <string.h>

#include "text/fold.h"

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decode n bytes at s into a new arena string; *out_len its length. LT_EINVAL on a bad escape. */
static int decode(const char *s, size_t n, lt_arena *a, char **out, size_t *out_len, lt_error *e)
{
	char *d = lt_arena_alloc(a, n + 1);
	size_t k = 0;

	*out = NULL;
	if (!d)
		return lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '+') {
			d[k++] = ' ';
		} else if (s[i] == '%') {
			int hi, lo;
			hi = i + 2 < n ? hexval(s[i + 1]) : -1;
			lo = i + 2 < n ? hexval(s[i + 2]) : -1;
			if (hi < 0 || lo < 0)
				return lt_error_set(e, LT_EINVAL, "body", "Mã %%XX sai trong biểu mẫu",
						    "Bad %%XX escape in the form");
			d[k++] = (char)(hi * 16 + lo);
			i += 2;
		} else {
			d[k++] = s[i];
		}
	}
	d[k] = '\0';
	*out = d;
	*out_len = k;
	return 0;
}

int lt_form_parse(const char *body, size_t len, size_t max_fields, lt_arena *a, lt_form *out,
		  lt_error *e)
{
	size_t pos = 0, cap = 0;

	out->v = NULL;
	out->n = 0;
	while (pos < len) {
		const char *seg = body + pos, *amp = memchr(seg, '&', len - pos), *eq;
		size_t slen = amp ? (size_t)(amp - seg) : len - pos;
		char *key, *val;
		size_t klen, vlen;
		int rc;

		pos += slen + 1;
		if (!slen)
			continue; /* "a=1&&b=2" */
		eq = memchr(seg, '=', slen);
		rc = decode(seg, eq ? (size_t)(eq - seg) : slen, a, &key, &klen, e);
		if (!rc)
			rc = eq ? decode(eq + 1, slen - (size_t)(eq - seg) - 1, a, &val, &vlen, e)
				: decode("", 0, a, &val, &vlen, e);
		if (rc)
			return rc;
		if (!klen || strlen(key) != klen || strlen(val) != vlen ||
		    !lt_utf8_valid(key, klen) || !lt_utf8_valid(val, vlen))
			return lt_error_set(e, LT_EINVAL, klen && strlen(key) == klen &&
							 lt_utf8_valid(key, klen) ? key : "body",
					    "Trường không hợp lệ (rỗng, NUL hoặc không phải UTF-8)",
					    "Invalid field (empty, NUL or not UTF-8)");
		/* Decoded text holds no noncharacter or XML-forbidden code point (%EF%BF%BE). */
		rc = lt_text_check_field(key, klen, "body", e);
		if (!rc)
			rc = lt_text_check_field(val, vlen, key, e);
		if (rc)
			return rc;
		for (size_t i = 0; i < out->n; i++)
			if (!strcmp(out->v[i].key, key))
				return lt_error_set(e, LT_EINVAL, key, "Trường %s bị lặp",
						    "Field %s appears twice", key);
		if (out->n >= max_fields)
			return lt_error_set(e, LT_EINVAL, "body", "Biểu mẫu có quá nhiều trường",
					    "The form has too many fields");
		if (out->n == cap) {
			lt_form_field *p;
			cap = cap ? cap * 2 : 8;
			p = lt_arena_alloc(a, cap * sizeof(*p));
			if (!p)
				return lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
			if (out->n)
				memcpy(p, out->v, out->n * sizeof(*p));
			out->v = p;
		}
		out->v[out->n].key = key;
		out->v[out->n].value = val;
		out->v[out->n].value_len = vlen;
		out->n++;
	}
	return 0;
}

const char *lt_form_get(const lt_form *f, const char *key)
{
	for (size_t i = 0; i < f->n; i++)
		if (!strcmp(f->v[i].key, key))
			return f->v[i].value;
	return NULL;
}
