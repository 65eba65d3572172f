/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* classify_io.c — lt_classify_save / lt_classify_load (see classify.h):
 * a little-endian, self-describing byte format, checked field by field on
 * load so that a corrupt buffer from the store is refused, never trusted. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "text/classify_bytes.h"
#include "text/classify_int.h"

/* ---- save / load: "LTCLF" 2, options, classes, per-class state, rows ----
 * Version 1 (before the loss option: softmax) still loads. */

#define MAGIC "LTCLF\x02"
#define MAGIC_V1 "LTCLF\x01"

int lt_classify_save(const lt_classifier *m, lt_buf *out, lt_error *e)
{
	const lt_classify_opts *o = &m->o;
	unsigned char *row = NULL;
	size_t rl = 8 + 4 * m->K;
	int rc = 0;

	rc |= lt_buf_add(out, MAGIC, 6);
	rc |= lt_le_add(out, (uint32_t)o->algo, 4);
	rc |= lt_le_add(out, o->feats, 4);
	rc |= lt_le_add(out, (uint32_t)o->binary, 4);
	rc |= lt_le_add(out, (uint32_t)o->epochs, 4);
	rc |= lt_le_add_f64(out, o->alpha);
	rc |= lt_le_add_f64(out, o->lr);
	rc |= lt_le_add_f64(out, o->l2);
	rc |= lt_le_add_f64(out, o->class_weight);
	rc |= lt_le_add_f64(out, o->threshold);
	rc |= lt_le_add(out, o->seed, 8);
	rc |= lt_le_add(out, (uint32_t)o->loss, 4);
	rc |= lt_le_add(out, (uint32_t)m->K, 4);
	for (size_t c = 0; c < m->K; c++)
		rc |= lt_buf_add(out, m->names[c], LT_CLASSIFY_NAME_MAX);
	for (size_t c = 0; c < m->K; c++) {
		rc |= lt_le_add_f64(out, m->docs[c]);
		rc |= lt_le_add_f64(out, m->total[c]);
		rc |= lt_le_add_f64(out, m->bias[c]);
		rc |= lt_le_add_f64(out, m->cw[c]);
	}
	rc |= lt_le_add_f64(out, m->scale);
	rc |= lt_le_add_f64(out, m->steps);
	rc |= lt_le_add(out, m->rng, 8);
	rc |= lt_le_add(out, m->nrows, 8);
	if (rc)
		goto fail;
	row = malloc(rl);
	if (!row)
		goto fail;
	for (size_t i = 0; i <= m->mask; i++) {
		const float *w;
		if (!m->keys[i])
			continue;
		lt_le_store(row, m->keys[i], 8);
		w = m->w + (size_t)m->slot_row[i] * m->K;
		for (size_t c = 0; c < m->K; c++) {
			uint32_t v;
			memcpy(&v, &w[c], 4);
			lt_le_store(row + 8 + 4 * c, v, 4);
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

int lt_classify_load(const void *p, size_t n, lt_classifier **out, lt_error *e)
{
	lt_reader r = { p, n, 0, 0 };
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
	mg = lt_rd_take(&r, 6);
	if (!mg || (memcmp(mg, MAGIC, 6) && memcmp(mg, MAGIC_V1, 6)))
		goto bad;
	o.algo = (int)(uint32_t)lt_rd_le(&r, 4);
	o.feats = (uint32_t)lt_rd_le(&r, 4);
	o.binary = (int)(uint32_t)lt_rd_le(&r, 4);
	o.epochs = (int)(uint32_t)lt_rd_le(&r, 4);
	o.alpha = lt_rd_f64(&r);
	o.lr = lt_rd_f64(&r);
	o.l2 = lt_rd_f64(&r);
	o.class_weight = lt_rd_f64(&r);
	o.threshold = lt_rd_f64(&r);
	o.seed = lt_rd_le(&r, 8);
	if (mg[5] == 2)
		o.loss = (int)(uint32_t)lt_rd_le(&r, 4);
	K = (uint32_t)lt_rd_le(&r, 4);
	if (r.bad || K < 2 || K > LT_CLASSIFY_MAX_CLASS)
		goto bad;
	for (size_t c = 0; c < K; c++) {
		const unsigned char *s = lt_rd_take(&r, LT_CLASSIFY_NAME_MAX);
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
		m->docs[c] = lt_rd_f64(&r);
		m->total[c] = lt_rd_f64(&r);
		m->bias[c] = lt_rd_f64(&r);
		m->cw[c] = lt_rd_f64(&r);
		if (m->docs[c] < 0 || m->total[c] < 0)
			goto bad;
	}
	m->scale = lt_rd_f64(&r);
	m->steps = lt_rd_f64(&r);
	m->rng = lt_rd_le(&r, 8);
	nrows = lt_rd_le(&r, 8);
	if (r.bad || m->scale <= 0 || nrows > (n - r.pos) / (8 + 4 * K))
		goto bad;
	for (uint64_t i = 0; i < nrows; i++) {
		uint64_t id = lt_rd_le(&r, 8);
		long row;
		if (!id || lt_classify_find_row(m, id) >= 0)
			goto bad;
		row = lt_classify_get_row(m, id);
		if (row < 0) {
			lt_classify_free(m);
			return lt_error_set(e, LT_ENOMEM, NULL, "hết bộ nhớ", "out of memory");
		}
		for (size_t c = 0; c < K; c++) {
			uint32_t v = (uint32_t)lt_rd_le(&r, 4);
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
