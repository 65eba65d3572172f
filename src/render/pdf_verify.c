/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* pdf_verify.c — see pdf_verify.h. */
#include "render/pdf_verify.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/clock.h"
#include "render/pdf_sign_int.h"

#define MAX_SIGS 256
#define BACK_MAX (4u << 20) /* how far before /ByteRange its dictionary may start */
#define TRIES_MAX 64        /* "<<" tried per /ByteRange */
#define TRIES_FILE 4096     /* and per file: a file of many /ByteRange stays linear */

/* Whether the dictionary at d has the key whose '/' is at k among its own entries. */
static bool dict_has_key_at(const uint8_t *p, size_t n, size_t d, size_t k, size_t *end)
{
	size_t i = d, ks, ke, vs, ve;
	int rc;

	while ((rc = lt_pdfp_dict_next(p, n, &i, &ks, &ke, &vs, &ve)) == 1)
		if (ks == k + 1)
			return lt_pdfp_value_end(p, n, d, end) == 0;
	return false;
}

/* The innermost dictionary that holds the key at k: its "<<" in *d.
 * *budget counts the dictionaries tried in the whole file. */
static bool enclosing_dict(const uint8_t *p, size_t n, size_t k, size_t *d, size_t *end,
			   int *budget)
{
	size_t lo = k > BACK_MAX ? k - BACK_MAX : 0;
	int tries = 0;

	for (size_t i = k; i-- > lo && tries < TRIES_MAX && *budget > 0;) {
		if (p[i] != '<' || i + 1 >= n || p[i + 1] != '<' || (i > 0 && p[i - 1] == '<'))
			continue;
		tries++;
		(*budget)--;
		if (dict_has_key_at(p, n, i, k, end)) {
			*d = i;
			return true;
		}
	}
	return false;
}

static char *text_of(const uint8_t *p, size_t n, size_t d, const char *key)
{
	size_t vs, ve;
	lt_buf raw, txt;
	char *r = NULL;

	if (lt_pdfp_dict_get(p, n, d, key, &vs, &ve))
		return NULL;
	lt_buf_init(&raw, 1 << 16);
	lt_buf_init(&txt, 1 << 18);
	if (lt_pdfp_string(p, vs, ve, &raw) == 0 &&
	    lt_pdfp_text_utf8((const uint8_t *)raw.ptr, raw.len, &txt) == 0)
		r = lt_buf_steal(&txt);
	lt_buf_free(&raw);
	lt_buf_free(&txt);
	return r;
}

static void name_of(const uint8_t *p, size_t n, size_t d, const char *key, char *out, size_t cap)
{
	size_t vs, ve, len;

	out[0] = 0;
	if (lt_pdfp_dict_get(p, n, d, key, &vs, &ve) || p[vs] != '/')
		return;
	len = ve - vs - 1;
	if (len >= cap)
		len = cap - 1;
	memcpy(out, p + vs + 1, len);
	out[len] = 0;
}

/* "D:YYYYMMDDHHmmSSOHH'mm'" (every part after the year optional) as epoch seconds. */
static int64_t pdf_date(const char *s)
{
	int f[6] = { 0, 1, 1, 0, 0, 0 }, oh = 0, om = 0, used = 0, k;
	char sign = 0;

	if (!s)
		return 0;
	if (strncmp(s, "D:", 2) == 0)
		s += 2;
	/* Fixed-width fields: each %Nd stops at its width; parts may be missing. */
	k = sscanf(s, "%4d%n%2d%n%2d%n%2d%n%2d%n%2d%n", &f[0], &used, &f[1], &used, &f[2], &used,
		   &f[3], &used, &f[4], &used, &f[5], &used);
	if (k < 1 || f[0] < 1900 || f[1] < 1 || f[1] > 12 || f[2] < 1 || f[2] > 31 || f[3] < 0 ||
	    f[3] > 23 || f[4] < 0 || f[4] > 59 || f[5] < 0 || f[5] > 60)
		return 0;
	s += used;
	if ((*s == '+' || *s == '-') && sscanf(s + 1, "%2d'%2d", &oh, &om) >= 1)
		sign = *s;
	int64_t off = sign ? (sign == '-' ? -1 : 1) * (int64_t)(oh * 3600 + om * 60) : 0;
	return lt_days_from_civil(f[0], f[1], f[2]) * 86400 + f[3] * 3600 + f[4] * 60 + f[5] - off;
}

/* The DER length of the object at c (0 when not a definite-length SEQUENCE). */
static size_t der_len(const uint8_t *c, size_t n)
{
	size_t len = 0, k;

	if (n < 2 || c[0] != 0x30)
		return 0;
	if (c[1] < 0x80)
		return 2 + (size_t)c[1] <= n ? 2 + (size_t)c[1] : 0;
	k = c[1] & 0x7f;
	if (k == 0 || k > 4 || n < 2 + k)
		return 0;
	for (size_t i = 0; i < k; i++)
		len = len << 8 | c[2 + i];
	return 2 + k + len <= n ? 2 + k + len : 0;
}

static void sig_free(lt_pdf_sig *s)
{
	free(s->cms);
	free(s->name);
	free(s->reason);
	free(s->location);
}

/* Read the signature dictionary at d into s. 0, 1 (not a signature), LT_ENOMEM. */
static int read_sig(const uint8_t *p, size_t n, size_t d, lt_pdf_sig *s)
{
	size_t vs, ve, i;
	long long r[4];
	lt_buf raw;
	char *m;
	int rc;

	memset(s, 0, sizeof(*s));
	s->dict_at = d;
	if (lt_pdfp_dict_get(p, n, d, "ByteRange", &vs, &ve) || p[vs] != '[')
		return 1;
	i = vs + 1;
	for (int k = 0; k < 4; k++) {
		size_t j;
		i = lt_pdfp_skip_ws(p, ve, i);
		if (lt_pdfp_value_end(p, ve, i, &j) || lt_pdfp_int(p, i, j, &r[k]))
			return 1;
		s->range[k] = (size_t)r[k];
		i = j;
	}
	if (lt_pdfp_skip_ws(p, ve, i) + 1 != ve)
		return 1; /* more than four numbers */
	if (lt_pdfp_dict_get(p, n, d, "Contents", &vs, &ve) || p[vs] != '<')
		return 1;
	s->hole[0] = vs;
	s->hole[1] = ve;
	lt_buf_init(&raw, n);
	rc = lt_pdfp_string(p, vs, ve, &raw);
	if (rc) {
		lt_buf_free(&raw);
		return rc == LT_EINVAL ? 1 : rc;
	}
	s->cms_len = der_len((const uint8_t *)raw.ptr, raw.len);
	if (!s->cms_len)
		s->cms_len = raw.len;
	s->cms = (uint8_t *)lt_buf_steal(&raw);
	if (!s->cms)
		return LT_ENOMEM;
	name_of(p, n, d, "Filter", s->filter, sizeof(s->filter));
	name_of(p, n, d, "SubFilter", s->subfilter, sizeof(s->subfilter));
	s->doc_timestamp = lt_pdfp_dict_get(p, n, d, "Type", &vs, &ve) == 0 &&
			   lt_pdfp_name_is(p, vs, ve, "DocTimeStamp");
	s->name = text_of(p, n, d, "Name");
	s->reason = text_of(p, n, d, "Reason");
	s->location = text_of(p, n, d, "Location");
	m = text_of(p, n, d, "M");
	s->claimed = pdf_date(m);
	free(m);
	s->ranges_ok = s->range[0] == 0 && s->range[1] == s->hole[0] && s->range[2] == s->hole[1] &&
		       s->range[3] <= n && s->range[2] <= n - s->range[3];
	s->revision_len = s->range[2] + s->range[3];
	s->whole_file = s->ranges_ok && s->revision_len == n;
	return 0;
}

int lt_pdf_sigs_find(const uint8_t *pdf, size_t n, lt_pdf_sigs *out, lt_error *e)
{
	static const char key[] = "/ByteRange";
	const size_t klen = sizeof(key) - 1;
	size_t at = 0, cap = 0;
	int rc = 0, budget = TRIES_FILE;

	memset(out, 0, sizeof(*out));
	if (n < 8 || !memmem(pdf, n < 1024 ? n : 1024, "%PDF-", 5))
		return lt_error_set(e, LT_EINVAL, "pdf", "Tệp không phải PDF", "The file is not a PDF");
	for (;;) {
		const uint8_t *k = at < n ? memmem(pdf + at, n - at, key, klen) : NULL;
		size_t d, end;
		lt_pdf_sig s;

		if (!k)
			break;
		at = (size_t)(k - pdf) + klen;
		if (!enclosing_dict(pdf, n, (size_t)(k - pdf), &d, &end, &budget))
			continue;
		rc = read_sig(pdf, n, d, &s);
		if (rc == 1) {
			sig_free(&s);
			rc = 0;
			continue;
		}
		if (rc) {
			sig_free(&s);
			break;
		}
		if (out->n == MAX_SIGS) {
			sig_free(&s);
			rc = lt_error_set(e, LT_ETOOBIG, "pdf", "PDF có quá %d chữ ký",
					  "The PDF has more than %d signatures", MAX_SIGS);
			break;
		}
		if (out->n == cap) {
			size_t nc = cap ? cap * 2 : 4;
			lt_pdf_sig *v = realloc(out->v, nc * sizeof(*v));
			if (!v) {
				sig_free(&s);
				rc = LT_ENOMEM;
				break;
			}
			out->v = v;
			cap = nc;
		}
		out->v[out->n++] = s;
		at = end > at ? end : at; /* the dictionary's own bytes hold no other signature */
	}
	if (rc && e && !e->code)
		lt_error_set(e, rc, NULL, "Không đọc được chữ ký trong PDF (%s)",
			     "Cannot read the PDF's signatures (%s)", lt_err_name(rc));
	return rc;
}

void lt_pdf_sigs_free(lt_pdf_sigs *s)
{
	for (size_t i = 0; i < s->n; i++)
		sig_free(&s->v[i]);
	free(s->v);
	s->v = NULL;
	s->n = 0;
}

int lt_pdf_sig_check(const lt_pdf_sig *s, size_t n, lt_error *e)
{
	if (!s->ranges_ok)
		return lt_error_set(e, LT_EINVAL, "byte_range",
				    "Vùng ký (/ByteRange %zu %zu %zu %zu) không khớp chữ ký: chữ ký hỏng hoặc bị giả",
				    "The signed ranges (/ByteRange %zu %zu %zu %zu) do not match the signature: it is malformed or forged",
				    s->range[0], s->range[1], s->range[2], s->range[3]);
	if (s->revision_len != n)
		return lt_error_set(e, LT_ECONFLICT, "pdf",
				    "Tài liệu đã bị thay đổi sau khi ký: có %zu byte thêm vào sau bản đã ký",
				    "The document was changed after signing: %zu bytes were added after the signed revision",
				    n - s->revision_len);
	return 0;
}
