/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* classify_svm_io.c — lt_svm_save / lt_svm_load (see classify_svm.h):
 *   "LTSVM" 1, options, outputs, lexicons (labels and rule text), biases,
 *   per-output weight scales, then one row per feature in row order:
 *   id (u64), idf (f32), K weights (i16 steps of the output's scale).
 * Little-endian; checked field by field on load so that a corrupt buffer
 * (from the store or a file) is refused, never trusted. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "text/classify_bytes.h"
#include "text/classify_svm_int.h"

#define MAGIC "LTSVM\x01"

static int put_name(lt_buf *b, const char *s)
{
	char t[LT_CLASSIFY_NAME_MAX] = { 0 };

	memcpy(t, s, strlen(s));
	return lt_buf_add(b, t, sizeof(t));
}

/* Largest |w| of output k over QSTEPS: the size of one saved step. */
static double step_of(const lt_svm *m, size_t k)
{
	double mx = 0;

	for (size_t r = 0; r < m->nrows; r++)
		mx = fmax(mx, fabs(LT_SVM_W(m, r)[k]));
	return mx > 0 ? mx / 32767 : 1;
}

int lt_svm_save(const lt_svm *m, lt_buf *out, lt_error *e)
{
	const lt_svm_opts *o = &m->o;
	uint64_t *rowkey = NULL;
	double step[LT_SVM_MAX_OUT];
	int rc = 0;

	rc |= lt_buf_add(out, MAGIC, 6);
	rc |= lt_le_add(out, o->feats, 4);
	rc |= lt_le_add_f64(out, o->c);
	rc |= lt_le_add(out, (uint64_t)o->iters, 4);
	rc |= lt_le_add_f64(out, o->lex_weight);
	rc |= lt_le_add(out, o->max_bytes, 8);
	rc |= lt_le_add(out, o->seed, 8);
	rc |= lt_le_add(out, m->K, 4);
	for (size_t k = 0; k < m->K; k++)
		rc |= put_name(out, m->names[k]);
	rc |= lt_le_add(out, m->nlex, 4);
	for (size_t j = 0; j < m->nlex; j++) {
		rc |= lt_le_add(out, m->lex[j].nlabels, 4);
		for (size_t l = 0; l < m->lex[j].nlabels; l++)
			rc |= put_name(out, m->lex_lab[j][l]);
		rc |= lt_le_add(out, strlen(m->lex_text[j]), 4);
		rc |= lt_buf_add(out, m->lex_text[j], strlen(m->lex_text[j]));
	}
	for (size_t k = 0; k < m->K; k++) {
		step[k] = step_of(m, k);
		rc |= lt_le_add_f64(out, m->bias[k]);
		rc |= lt_le_add_f64(out, step[k]);
	}
	rc |= lt_le_add_f64(out, m->ndocs);
	rc |= lt_le_add(out, m->updates, 8);
	rc |= lt_le_add(out, m->nrows, 8);
	if (rc)
		goto fail;
	rowkey = malloc((m->nrows ? m->nrows : 1) * sizeof(*rowkey));
	if (!rowkey)
		goto fail;
	for (size_t i = 0; i <= m->mask; i++)
		if (m->slots[i].key)
			rowkey[m->slots[i].row] = m->slots[i].key;
	for (size_t r = 0; r < m->nrows && !rc; r++) {
		uint32_t f;
		memcpy(&f, &LT_SVM_IDF(m, r), 4);
		rc |= lt_le_add(out, rowkey[r], 8);
		rc |= lt_le_add(out, f, 4);
		for (size_t k = 0; k < m->K; k++) {
			long q = lrint(LT_SVM_W(m, r)[k] / step[k]);
			rc |= lt_le_add(out, (uint16_t)(int16_t)(q > 32767 ? 32767 : q < -32767 ? -32767 : q), 2);
		}
	}
	if (rc)
		goto fail;
	free(rowkey);
	return 0;
fail:
	free(rowkey);
	return lt_error_set(e, rc == LT_ETOOBIG ? LT_ETOOBIG : LT_ENOMEM, "model",
			    "không ghi được mô hình (bộ nhớ hoặc giới hạn kích thước)",
			    "cannot write the model (memory or size limit)");
}

/* A NUL-terminated name of LT_CLASSIFY_NAME_MAX bytes into out. */
static void get_name(lt_reader *r, char *out)
{
	const unsigned char *s = lt_rd_take(r, LT_CLASSIFY_NAME_MAX);

	out[0] = '\0';
	if (!s || !memchr(s, 0, LT_CLASSIFY_NAME_MAX) || !s[0]) {
		r->bad = 1;
		return;
	}
	memcpy(out, s, LT_CLASSIFY_NAME_MAX);
}

int lt_svm_load(const void *p, size_t n, lt_svm **out, lt_error *e)
{
	lt_reader r = { p, n, 0, 0 };
	lt_svm_opts o;
	lt_svm *m = NULL;
	char names[LT_SVM_MAX_OUT][LT_CLASSIFY_NAME_MAX];
	const char *np[LT_SVM_MAX_OUT];
	char lab[LT_SVM_MAX_LEX][LT_TOPICS_MAX_LABELS][LT_CLASSIFY_NAME_MAX];
	const char *lp[LT_SVM_MAX_LEX][LT_TOPICS_MAX_LABELS];
	char *text[LT_SVM_MAX_LEX] = { NULL };
	lt_svm_lexicon lex[LT_SVM_MAX_LEX];
	double step[LT_SVM_MAX_OUT];
	const unsigned char *mg;
	uint64_t nrows;
	size_t K, nlex = 0;
	int rc = 0;

	*out = NULL;
	memset(&o, 0, sizeof(o));
	mg = lt_rd_take(&r, 6);
	if (!mg || memcmp(mg, MAGIC, 6))
		goto bad;
	o.feats = (unsigned)lt_rd_le(&r, 4);
	o.c = lt_rd_f64(&r);
	o.iters = (int)lt_rd_le(&r, 4);
	o.lex_weight = lt_rd_f64(&r);
	o.max_bytes = (size_t)lt_rd_le(&r, 8);
	o.seed = lt_rd_le(&r, 8);
	K = (size_t)lt_rd_le(&r, 4);
	if (r.bad || K < 1 || K > LT_SVM_MAX_OUT)
		goto bad;
	for (size_t k = 0; k < K; k++) {
		get_name(&r, names[k]);
		np[k] = names[k];
	}
	nlex = (size_t)lt_rd_le(&r, 4);
	if (r.bad || nlex > LT_SVM_MAX_LEX)
		goto bad;
	for (size_t j = 0; j < nlex; j++) {
		size_t nl = (size_t)lt_rd_le(&r, 4), tl;
		const unsigned char *t;
		if (r.bad || nl < 1 || nl > LT_TOPICS_MAX_LABELS)
			goto bad;
		for (size_t l = 0; l < nl; l++) {
			get_name(&r, lab[j][l]);
			lp[j][l] = lab[j][l];
		}
		tl = (size_t)lt_rd_le(&r, 4);
		t = lt_rd_take(&r, tl);
		if (!t || memchr(t, 0, tl) || !(text[j] = strndup((const char *)t, tl)))
			goto bad;
		lex[j].text = text[j];
		lex[j].labels = lp[j];
		lex[j].nlabels = nl;
	}
	if (r.bad)
		goto bad;
	rc = lt_svm_new(&o, K, np, lex, nlex, &m, e);
	if (rc == LT_EINVAL)
		goto bad;
	if (rc)
		goto out;
	for (size_t k = 0; k < K; k++) {
		m->bias[k] = lt_rd_f64(&r);
		step[k] = lt_rd_f64(&r);
		if (step[k] <= 0)
			goto bad;
	}
	m->ndocs = lt_rd_f64(&r);
	m->updates = lt_rd_le(&r, 8);
	nrows = lt_rd_le(&r, 8);
	if (r.bad || m->ndocs < 0 || nrows > (n - r.pos) / (12 + 2 * K))
		goto bad;
	for (uint64_t i = 0; i < nrows; i++) {
		uint64_t id = lt_rd_le(&r, 8);
		uint32_t fb = (uint32_t)lt_rd_le(&r, 4);
		float idf;
		long row;
		memcpy(&idf, &fb, 4);
		if (r.bad || !id || !isfinite(idf) || idf < 0 || lt_svm_find(m, id) >= 0)
			goto bad;
		row = lt_svm_row(m, id, idf);
		if (row < 0) {
			rc = lt_error_set(e, LT_ENOMEM, NULL, "hết bộ nhớ", "out of memory");
			goto out;
		}
		for (size_t k = 0; k < K; k++)
			LT_SVM_W(m, row)[k] = (float)((int16_t)(uint16_t)lt_rd_le(&r, 2) * step[k]);
	}
	if (r.bad || r.pos != n)
		goto bad;
	*out = m;
	m = NULL;
	goto out;
bad:
	rc = lt_error_set(e, LT_EINVAL, "model", "dữ liệu mô hình hỏng hoặc không đúng định dạng",
			  "model data is corrupt or not a lantoa classifier");
out:
	lt_svm_free(m);
	for (size_t j = 0; j < LT_SVM_MAX_LEX; j++)
		free(text[j]);
	return rc;
}
