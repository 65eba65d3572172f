/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* classify_io.c — lt_classify_save / lt_classify_load (see classify.h):
 * a little-endian, self-describing byte format, checked field by field on
 * load so that a corrupt buffer from the store is refused, never trusted. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "text/classify_int.h"

/* ---- save / load: "LTCLF" 2, options, classes, per-class state, rows ----
 * Version 1 (before the loss option: softmax) still loads. */

#define MAGIC "LTCLF\x02"
#define MAGIC_V1 "LTCLF\x01"

static void put_u32(unsigned char *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

static void put_u64(unsigned char *p, uint64_t v)
{
	for (int i = 0; i < 8; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

static void put_f64(unsigned char *p, double d)
{
	uint64_t v;
	memcpy(&v, &d, 8);
	put_u64(p, v);
}

static int add_u32(lt_buf *b, uint32_t v)
{
	unsigned char t[4];
	put_u32(t, v);
	return lt_buf_add(b, t, 4);
}

static int add_u64(lt_buf *b, uint64_t v)
{
	unsigned char t[8];
	put_u64(t, v);
	return lt_buf_add(b, t, 8);
}

static int add_f64(lt_buf *b, double d)
{
	unsigned char t[8];
	put_f64(t, d);
	return lt_buf_add(b, t, 8);
}

int lt_classify_save(const lt_classifier *m, lt_buf *out, lt_error *e)
{
	const lt_classify_opts *o = &m->o;
	unsigned char *row = NULL;
	size_t rl = 8 + 4 * m->K;
	int rc = 0;

	rc |= lt_buf_add(out, MAGIC, 6);
	rc |= add_u32(out, (uint32_t)o->algo);
	rc |= add_u32(out, o->feats);
	rc |= add_u32(out, (uint32_t)o->binary);
	rc |= add_u32(out, (uint32_t)o->epochs);
	rc |= add_f64(out, o->alpha);
	rc |= add_f64(out, o->lr);
	rc |= add_f64(out, o->l2);
	rc |= add_f64(out, o->class_weight);
	rc |= add_f64(out, o->threshold);
	rc |= add_u64(out, o->seed);
	rc |= add_u32(out, (uint32_t)o->loss);
	rc |= add_u32(out, (uint32_t)m->K);
	for (size_t c = 0; c < m->K; c++)
		rc |= lt_buf_add(out, m->names[c], LT_CLASSIFY_NAME_MAX);
	for (size_t c = 0; c < m->K; c++) {
		rc |= add_f64(out, m->docs[c]);
		rc |= add_f64(out, m->total[c]);
		rc |= add_f64(out, m->bias[c]);
		rc |= add_f64(out, m->cw[c]);
	}
	rc |= add_f64(out, m->scale);
	rc |= add_f64(out, m->steps);
	rc |= add_u64(out, m->rng);
	rc |= add_u64(out, m->nrows);
	if (rc)
		goto fail;
	row = malloc(rl);
	if (!row)
		goto fail;
	for (size_t i = 0; i <= m->mask; i++) {
		const float *w;
		if (!m->keys[i])
			continue;
		put_u64(row, m->keys[i]);
		w = m->w + (size_t)m->slot_row[i] * m->K;
		for (size_t c = 0; c < m->K; c++) {
			uint32_t v;
			memcpy(&v, &w[c], 4);
			put_u32(row + 8 + 4 * c, v);
		}
		rc = lt_buf_add(out, row, rl);
		if (rc)
			goto fail;
	}
	free(row);
	return 0;
fail:
	free(row);
	return lt_error_set(e, rc == LT_ETOOBIG ? LT_ETOOBIG : LT_ENOMEM, "model",
			    "không ghi được mô hình (bộ nhớ hoặc giới hạn kích thước)",
			    "cannot write the model (memory or size limit)");
}

typedef struct reader {
	const unsigned char *p;
	size_t n, pos;
	int bad;
} reader;

static const unsigned char *take(reader *r, size_t k)
{
	const unsigned char *p;
	if (r->bad || r->n - r->pos < k) {
		r->bad = 1;
		return NULL;
	}
	p = r->p + r->pos;
	r->pos += k;
	return p;
}

static uint64_t get_u64(reader *r)
{
	const unsigned char *p = take(r, 8);
	uint64_t v = 0;
	for (int i = 0; p && i < 8; i++)
		v |= (uint64_t)p[i] << (8 * i);
	return v;
}

static uint32_t get_u32(reader *r)
{
	const unsigned char *p = take(r, 4);
	uint32_t v = 0;
	for (int i = 0; p && i < 4; i++)
		v |= (uint32_t)p[i] << (8 * i);
	return v;
}

static double get_f64(reader *r)
{
	uint64_t v = get_u64(r);
	double d;
	memcpy(&d, &v, 8);
	return isfinite(d) ? d : (r->bad = 1, 0);
}

int lt_classify_load(const void *p, size_t n, lt_classifier **out, lt_error *e)
{
	reader r = { p, n, 0, 0 };
	lt_classify_opts o;
	lt_classifier *m = NULL;
	char names[LT_CLASSIFY_MAX_CLASS][LT_CLASSIFY_NAME_MAX];
	const char *np[LT_CLASSIFY_MAX_CLASS];
	const unsigned char *mg;
	uint64_t nrows;
	size_t K;
	int rc;

	*out = NULL;
	memset(&o, 0, sizeof(o));
	mg = take(&r, 6);
	if (!mg || (memcmp(mg, MAGIC, 6) && memcmp(mg, MAGIC_V1, 6)))
		goto bad;
	o.algo = (int)get_u32(&r);
	o.feats = get_u32(&r);
	o.binary = (int)get_u32(&r);
	o.epochs = (int)get_u32(&r);
	o.alpha = get_f64(&r);
	o.lr = get_f64(&r);
	o.l2 = get_f64(&r);
	o.class_weight = get_f64(&r);
	o.threshold = get_f64(&r);
	o.seed = get_u64(&r);
	if (mg[5] == 2)
		o.loss = (int)get_u32(&r);
	K = get_u32(&r);
	if (r.bad || K < 2 || K > LT_CLASSIFY_MAX_CLASS)
		goto bad;
	for (size_t c = 0; c < K; c++) {
		const unsigned char *s = take(&r, LT_CLASSIFY_NAME_MAX);
		if (!s || !memchr(s, 0, LT_CLASSIFY_NAME_MAX))
			goto bad;
		memcpy(names[c], s, LT_CLASSIFY_NAME_MAX);
		np[c] = names[c];
	}
	rc = lt_classify_new(&o, K, np, &m, e);
	if (rc == LT_EINVAL)
		goto bad;
	if (rc)
		return rc;
	for (size_t c = 0; c < K; c++) {
		m->docs[c] = get_f64(&r);
		m->total[c] = get_f64(&r);
		m->bias[c] = get_f64(&r);
		m->cw[c] = get_f64(&r);
		if (m->docs[c] < 0 || m->total[c] < 0)
			goto bad;
	}
	m->scale = get_f64(&r);
	m->steps = get_f64(&r);
	m->rng = get_u64(&r);
	nrows = get_u64(&r);
	if (r.bad || m->scale <= 0 || nrows > (n - r.pos) / (8 + 4 * K))
		goto bad;
	for (uint64_t i = 0; i < nrows; i++) {
		uint64_t id = get_u64(&r);
		long row;
		if (!id || lt_classify_find_row(m, id) >= 0)
			goto bad;
		row = lt_classify_get_row(m, id);
		if (row < 0) {
			lt_classify_free(m);
			return lt_error_set(e, LT_ENOMEM, NULL, "hết bộ nhớ", "out of memory");
		}
		for (size_t c = 0; c < K; c++) {
			uint32_t v = get_u32(&r);
			float f;
			memcpy(&f, &v, 4);
			if (!isfinite(f) || (o.algo == LT_CLASSIFY_NB && f < 0))
				goto bad;
			m->w[(size_t)row * K + c] = f;
			m->lp[(size_t)row * K + c] = (float)log(f + o.alpha);
		}
	}
	if (r.bad || r.pos != n)
		goto bad;
	*out = m;
	return 0;
bad:
	lt_classify_free(m);
	return lt_error_set(e, LT_EINVAL, "model", "dữ liệu mô hình hỏng hoặc không đúng định dạng",
			    "model data is corrupt or not a lantoa classifier");
}
