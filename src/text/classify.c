/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* classify.c — see classify.h. Features live in one open-addressing table
 * keyed by their 64-bit id; each has a row of K floats (NB: counts, LR:
 * weights). Only features seen in training get a row, so the model stays
 * small enough for the store and prediction is a few dozen probes. */
#include "text/classify.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "text/abbrev.h"
#include "text/classify_int.h"


void lt_classify_opts_default(lt_classify_opts *o, int algo)
{
	memset(o, 0, sizeof(*o));
	o->algo = algo;
	/* chosen by weighted F1 on UIT-VSFC dev (bench/RESULTS.md) */
	o->feats = LT_FEAT_UNI | LT_FEAT_BI | LT_FEAT_TRI | LT_FEAT_EXACT | LT_FEAT_EDGE;
	o->binary = algo == LT_CLASSIFY_NB;
	o->alpha = 0.3;
	o->loss = LT_CLASSIFY_LOSS_OVR_SQHINGE;
	o->lr = 0.3;
	o->l2 = 3e-6;
	o->epochs = 30;
	o->class_weight = 0;
	o->threshold = 0.35;
	o->seed = 42;
}

static int valid_opts(const lt_classify_opts *o)
{
	return (o->algo == LT_CLASSIFY_NB || o->algo == LT_CLASSIFY_LR) &&
	       (o->feats & 127u) && !(o->feats & ~127u) && o->alpha > 0 &&
	       o->alpha < 1e6 && o->lr > 0 && o->lr < 1e3 && o->l2 >= 0 &&
	       o->l2 < 1 && o->epochs >= 0 && o->epochs <= 1000 &&
	       o->class_weight >= 0 && o->class_weight <= 4 &&
	       o->threshold >= 0 && o->threshold <= 1 && o->loss >= 0 &&
	       o->loss <= LT_CLASSIFY_LOSS_OVR_HINGE;
}

static int table_init(lt_classifier *m, size_t slots)
{
	m->keys = calloc(slots, sizeof(*m->keys));
	m->slot_row = calloc(slots, sizeof(*m->slot_row));
	if (!m->keys || !m->slot_row)
		return LT_ENOMEM;
	m->mask = slots - 1;
	return 0;
}

int lt_classify_new(const lt_classify_opts *o, size_t nclass,
		    const char *const *names, lt_classifier **out, lt_error *e)
{
	lt_classifier *m = NULL;
	int rc;

	*out = NULL;
	if (!valid_opts(o))
		return lt_error_set(e, LT_EINVAL, "opts", "tùy chọn bộ phân loại không hợp lệ",
				    "invalid classifier options");
	if (nclass < 2 || nclass > LT_CLASSIFY_MAX_CLASS)
		return lt_error_set(e, LT_EINVAL, "nclass", "số lớp phải từ 2 đến %d",
				    "the number of classes must be 2 to %d",
				    LT_CLASSIFY_MAX_CLASS);
	for (size_t c = 0; c < nclass; c++)
		if (!names[c] || !names[c][0] || strlen(names[c]) >= LT_CLASSIFY_NAME_MAX)
			return lt_error_set(e, LT_EINVAL, "names", "tên lớp %zu không hợp lệ",
					    "class name %zu is invalid", c);
	m = calloc(1, sizeof(*m));
	if (!m)
		goto nomem;
	m->o = *o;
	m->K = nclass;
	m->ab = lt_abbrev_default();
	m->scale = 1.0;
	m->rng = o->seed * 2654435761u + 1;
	for (size_t c = 0; c < nclass; c++) {
		strcpy(m->names[c], names[c]);
		m->cw[c] = 1.0;
	}
	rc = table_init(m, 1024);
	if (rc)
		goto nomem;
	*out = m;
	return 0;
nomem:
	lt_classify_free(m);
	return lt_error_set(e, LT_ENOMEM, NULL, "hết bộ nhớ", "out of memory");
}

void lt_classify_free(lt_classifier *m)
{
	if (!m)
		return;
	free(m->keys);
	free(m->slot_row);
	free(m->w);
	free(m->lp);
	free(m);
}

size_t lt_classify_nclass(const lt_classifier *m)
{
	return m->K;
}

const char *lt_classify_class_name(const lt_classifier *m, size_t c)
{
	return c < m->K ? m->names[c] : NULL;
}

size_t lt_classify_nfeatures(const lt_classifier *m)
{
	return m->nrows;
}

/* Row of feature id, or -1. */
long lt_classify_find_row(const lt_classifier *m, uint64_t id)
{
	for (size_t i = id & m->mask; m->keys[i]; i = (i + 1) & m->mask)
		if (m->keys[i] == id)
			return (long)m->slot_row[i];
	return -1;
}

static int grow_table(lt_classifier *m)
{
	size_t slots = (m->mask + 1) * 2;
	uint64_t *ok = m->keys;
	uint32_t *orow = m->slot_row;
	size_t omask = m->mask;

	m->keys = NULL;
	m->slot_row = NULL;
	if (table_init(m, slots)) {
		free(m->keys);
		free(m->slot_row);
		m->keys = ok;
		m->slot_row = orow;
		m->mask = omask;
		return LT_ENOMEM;
	}
	for (size_t i = 0; i <= omask; i++) {
		size_t j;
		if (!ok[i])
			continue;
		for (j = ok[i] & m->mask; m->keys[j]; j = (j + 1) & m->mask)
			;
		m->keys[j] = ok[i];
		m->slot_row[j] = orow[i];
	}
	free(ok);
	free(orow);
	return 0;
}

/* Row of feature id, created (zeroed) when absent; LT_ENOMEM (< 0) when out of memory. */
long lt_classify_get_row(lt_classifier *m, uint64_t id)
{
	size_t i;
	long r = lt_classify_find_row(m, id);

	if (r >= 0)
		return r;
	if (m->nrows >= UINT32_MAX - 1)
		return LT_ENOMEM; /* < 0: no row */
	if ((m->nrows + 1) * 2 > m->mask + 1 && grow_table(m))
		return LT_ENOMEM; /* < 0: no row */
	if (m->nrows == m->rows_cap) {
		size_t cap = m->rows_cap ? m->rows_cap * 2 : 1024;
		float *w = realloc(m->w, cap * m->K * sizeof(float));
		float *lp;
		if (!w)
			return LT_ENOMEM; /* < 0: no row */
		m->w = w;
		lp = realloc(m->lp, cap * m->K * sizeof(float));
		if (!lp)
			return LT_ENOMEM; /* < 0: no row */
		m->lp = lp;
		m->rows_cap = cap;
	}
	for (i = id & m->mask; m->keys[i]; i = (i + 1) & m->mask)
		;
	m->keys[i] = id;
	m->slot_row[i] = (uint32_t)m->nrows;
	memset(m->w + m->nrows * m->K, 0, m->K * sizeof(float));
	for (size_t c = 0; c < m->K; c++)
		m->lp[m->nrows * m->K + c] = (float)log(m->o.alpha);
	return (long)m->nrows++;
}

static int cmp_feat(const void *a, const void *b)
{
	uint64_t x = ((const lt_feat *)a)->id, y = ((const lt_feat *)b)->id;
	return x < y ? -1 : x > y;
}

/* Tokens and features of text into p's scratch; binary → one per id. */
int lt_classify_featurize(const lt_classifier *m, const char *text, size_t n,
		     lt_classify_pred *p)
{
	int rc = lt_tokenize(text, n, m->ab, &p->tok);
	size_t w = 0;

	if (rc)
		return rc;
	rc = lt_features(&p->tok, m->o.feats, &p->feats);
	if (rc || !m->o.binary || p->feats.n < 2)
		return rc;
	qsort(p->feats.v, p->feats.n, sizeof(lt_feat), cmp_feat);
	for (size_t i = 0; i < p->feats.n; i++)
		if (!w || p->feats.v[i].id != p->feats.v[w - 1].id)
			p->feats.v[w++] = p->feats.v[i];
	p->feats.n = w;
	return 0;
}

void lt_classify_softmax(double *z, size_t K)
{
	double mx = z[0], s = 0;

	for (size_t c = 1; c < K; c++)
		if (z[c] > mx)
			mx = z[c];
	for (size_t c = 0; c < K; c++) {
		z[c] = exp(z[c] - mx);
		s += z[c];
	}
	for (size_t c = 0; c < K; c++)
		z[c] /= s;
}

/*
 * Scores z[c] of the features in p->feats; rows[i] gets the row of feature i
 * (-1 unknown). NB: log prior + Σ (log(n_fc+α) − log(N_c+αV)) over known
 * features; LR: bias + scale/√nf × Σ w_fc. *xf gets the per-feature factor
 * and norm[c] the per-feature NB offset, for the explanation.
 */
static void scores(const lt_classifier *m, const lt_classify_pred *p, long *rows,
		   double *z, double *norm, double *xf)
{
	size_t K = m->K, nf = p->feats.n, known = 0;
	double acc[LT_CLASSIFY_MAX_CLASS] = { 0 };

	for (size_t i = 0; i < nf; i++) {
		long r = lt_classify_find_row(m, p->feats.v[i].id);
		const float *row;
		if (rows)
			rows[i] = r;
		if (r < 0)
			continue;
		known++;
		row = (m->o.algo == LT_CLASSIFY_NB ? m->lp : m->w) + (size_t)r * K;
		for (size_t c = 0; c < K; c++)
			acc[c] += row[c];
	}
	if (m->o.algo == LT_CLASSIFY_NB) {
		double D = 0, aV = m->o.alpha * (double)m->nrows;
		for (size_t c = 0; c < K; c++)
			D += m->docs[c];
		for (size_t c = 0; c < K; c++) {
			norm[c] = log(m->total[c] + aV + 1e-300);
			z[c] = log((m->docs[c] + 1) / (D + (double)K)) + acc[c] -
			       (double)known * norm[c];
		}
		*xf = 1.0;
	} else {
		*xf = nf ? m->scale / sqrt((double)nf) : 0;
		for (size_t c = 0; c < K; c++) {
			norm[c] = 0;
			z[c] = m->bias[c] + *xf * acc[c];
		}
	}
}

/* Feature i repeats an earlier one (counted features): explain it once. */
static int seen_before(const lt_classify_pred *p, size_t i)
{
	if (p->feats.n > 256)
		return 0; /* long messages: not worth the quadratic scan */
	for (size_t j = 0; j < i; j++)
		if (p->feats.v[j].id == p->feats.v[i].id)
			return 1;
	return 0;
}

static void explain(const lt_classifier *m, const lt_classify_pred *p, const long *rows,
		    const double *norm, double xf, size_t k, lt_classify_pred *out)
{
	size_t K = m->K, best = (size_t)out->best;

	out->nwhy = 0;
	for (size_t i = 0; i < p->feats.n; i++) {
		const float *row;
		double mine, other = -INFINITY, d;
		size_t j;

		if (rows[i] < 0)
			continue;
		row = (m->o.algo == LT_CLASSIFY_NB ? m->lp : m->w) + (size_t)rows[i] * K;
		mine = xf * (row[best] - norm[best]);
		for (size_t c = 0; c < K; c++)
			if (c != best && xf * (row[c] - norm[c]) > other)
				other = xf * (row[c] - norm[c]);
		d = mine - other;
		if (d <= 0 || seen_before(p, i))
			continue;
		/* insertion into the sorted top-k */
		j = out->nwhy < k ? out->nwhy++ : k;
		if (j == k && (k == 0 || d <= out->why[k - 1].weight))
			continue;
		if (j == k)
			j = k - 1;
		while (j > 0 && out->why[j - 1].weight < d) {
			out->why[j] = out->why[j - 1];
			j--;
		}
		out->why[j].weight = d;
		{
			const lt_feat *f = &p->feats.v[i];
			size_t len = f->len < sizeof(out->why[j].term) - 1 ?
					     f->len : sizeof(out->why[j].term) - 1;
			memcpy(out->why[j].term, p->tok.text + f->off, len);
			out->why[j].term[len] = '\0';
		}
	}
}

void lt_classify_pred_init(lt_classify_pred *p)
{
	memset(p, 0, sizeof(*p));
	lt_tokens_init(&p->tok);
	lt_feats_init(&p->feats);
}

void lt_classify_pred_free(lt_classify_pred *p)
{
	lt_tokens_free(&p->tok);
	lt_feats_free(&p->feats);
}

/* Best class and the multi-label mask from probabilities out->p. */
static void decide(const lt_classifier *m, lt_classify_pred *out)
{
	out->best = 0;
	for (size_t c = 1; c < m->K; c++)
		if (out->p[c] > out->p[out->best])
			out->best = (int)c;
	out->labels = 1u << out->best;
	for (size_t c = 0; c < m->K; c++)
		if (out->p[c] >= m->o.threshold)
			out->labels |= 1u << c;
}

int lt_classify_predict(const lt_classifier *m, const char *text, size_t n,
			size_t why_k, lt_classify_pred *out)
{
	double z[LT_CLASSIFY_MAX_CLASS], norm[LT_CLASSIFY_MAX_CLASS], xf;
	long small[256], *rows = NULL;
	int rc;

	rc = lt_classify_featurize(m, text, n, out);
	if (rc)
		return rc;
	if (why_k) {
		rows = out->feats.n <= 256 ? small : malloc(out->feats.n * sizeof(long));
		if (!rows)
			return LT_ENOMEM;
	}
	scores(m, out, rows, z, norm, &xf);
	memset(out->z, 0, sizeof(out->z));
	memcpy(out->z, z, m->K * sizeof(double));
	lt_classify_softmax(z, m->K);
	memset(out->p, 0, sizeof(out->p));
	for (size_t c = 0; c < m->K; c++)
		out->p[c] = z[c];
	decide(m, out);
	out->nwhy = 0;
	if (why_k) {
		explain(m, out, rows, norm, xf,
			why_k < LT_CLASSIFY_WHY_MAX ? why_k : LT_CLASSIFY_WHY_MAX, out);
		if (rows != small)
			free(rows);
	}
	return 0;
}

void lt_classify_score(const int *gold, const int *pred, size_t n, size_t nclass,
		       lt_classify_scores *out)
{
	double tp[LT_CLASSIFY_MAX_CLASS] = { 0 }, fp[LT_CLASSIFY_MAX_CLASS] = { 0 },
	       fn[LT_CLASSIFY_MAX_CLASS] = { 0 }, ok = 0, macro = 0, weighted = 0;
	size_t K = nclass < LT_CLASSIFY_MAX_CLASS ? nclass : LT_CLASSIFY_MAX_CLASS, seen = 0;

	for (size_t i = 0; i < n; i++) {
		int g = gold[i], p = pred[i];
		if (g < 0 || (size_t)g >= K)
			continue;
		if (g == p) {
			ok++;
			tp[g]++;
		} else {
			fn[g]++;
			if (p >= 0 && (size_t)p < K)
				fp[p]++;
		}
	}
	for (size_t c = 0; c < K; c++) {
		double support = tp[c] + fn[c];
		double f1 = tp[c] ? 2 * tp[c] / (2 * tp[c] + fp[c] + fn[c]) : 0;
		if (support > 0 || fp[c] > 0) {
			macro += f1;
			seen++;
		}
		weighted += f1 * support;
	}
	out->n = n;
	out->accuracy = n ? ok / (double)n : 0;
	out->macro_f1 = seen ? macro / (double)seen : 0;
	out->weighted_f1 = n ? weighted / (double)n : 0;
}
