/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* classify_train.c — lt_classify_train and lt_classify_update (see
 * classify.h). Naive Bayes adds counts. The linear family runs SGD over
 * L2-normalised feature vectors (each feature 1/√n) with one of four losses:
 * softmax, one-vs-rest logistic, squared hinge or hinge. L2 decay is lazy:
 * one scale factor for all weights, folded in when it gets small. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "text/classify_int.h"

static void nb_add(lt_classifier *m, const uint32_t *rows, size_t nr, uint32_t labels)
{
	for (size_t c = 0; c < m->K; c++) {
		if (!(labels & (1u << c)))
			continue;
		m->docs[c] += 1;
		m->total[c] += (double)nr;
		for (size_t i = 0; i < nr; i++) {
			float *w = m->w + (size_t)rows[i] * m->K + c;
			*w += 1.0f;
			m->lp[(size_t)rows[i] * m->K + c] = (float)log(*w + m->o.alpha);
		}
	}
}

/* Fold the lazy L2 factor into the weights. */
static void lr_rescale(lt_classifier *m)
{
	size_t nw = m->nrows * m->K;
	for (size_t i = 0; i < nw; i++)
		m->w[i] = (float)(m->w[i] * m->scale);
	m->scale = 1.0;
}

/* Gradient of the loss in the scores z for labels (nl of them) into g. */
static void loss_grad(const lt_classifier *m, double *z, uint32_t labels, double nl,
		      double exw, double *g)
{
	size_t K = m->K;

	if (m->o.loss == LT_CLASSIFY_LOSS_SOFTMAX) {
		lt_classify_softmax(z, K);
		for (size_t c = 0; c < K; c++)
			g[c] = exw * (z[c] - (((labels >> c) & 1u) ? 1.0 / nl : 0.0));
		return;
	}
	for (size_t c = 0; c < K; c++) {
		double y = ((labels >> c) & 1u) ? 1.0 : -1.0, mg = y * z[c];
		switch (m->o.loss) {
		case LT_CLASSIFY_LOSS_OVR_LOG:
			g[c] = exw * -y / (1.0 + exp(mg));
			break;
		case LT_CLASSIFY_LOSS_OVR_SQHINGE:
			g[c] = mg < 1 ? exw * -y * (1.0 - mg) : 0;
			break;
		default:
			g[c] = mg < 1 ? exw * -y : 0;
			break;
		}
	}
}

/* One SGD step on an example (rows, labels). */
static void lr_step(lt_classifier *m, const uint32_t *rows, size_t nr, uint32_t labels,
		    double lr, double exw)
{
	size_t K = m->K;
	double z[LT_CLASSIFY_MAX_CLASS] = { 0 }, g[LT_CLASSIFY_MAX_CLASS], x, nl = 0;

	for (size_t c = 0; c < K; c++)
		nl += (labels >> c) & 1u;
	if (!nr || !nl)
		return;
	x = 1.0 / sqrt((double)nr);
	for (size_t i = 0; i < nr; i++) {
		const float *row = m->w + (size_t)rows[i] * K;
		for (size_t c = 0; c < K; c++)
			z[c] += row[c];
	}
	for (size_t c = 0; c < K; c++)
		z[c] = m->bias[c] + m->scale * x * z[c];
	loss_grad(m, z, labels, nl, exw, g);
	m->scale *= 1.0 - lr * m->o.l2;
	if (m->scale < 1e-6)
		lr_rescale(m);
	for (size_t i = 0; i < nr; i++) {
		float *row = m->w + (size_t)rows[i] * K;
		for (size_t c = 0; c < K; c++)
			row[c] -= (float)(lr * g[c] * x / m->scale);
	}
	for (size_t c = 0; c < K; c++)
		m->bias[c] -= lr * g[c];
	m->steps += 1;
}

static double ex_weight(const lt_classifier *m, uint32_t labels)
{
	double s = 0, n = 0;
	for (size_t c = 0; c < m->K; c++)
		if (labels & (1u << c)) {
			s += m->cw[c];
			n++;
		}
	return n ? s / n : 0;
}

static uint64_t rng_next(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

/* Rows of the features of text, created as needed, into *rows (grown). */
static int text_rows(lt_classifier *m, lt_classify_pred *scr, const char *text,
		     uint32_t **rows, size_t *cap, size_t *nr)
{
	int rc = lt_classify_featurize(m, text, strlen(text), scr);

	if (rc)
		return rc;
	if (scr->feats.n > *cap) {
		uint32_t *p = realloc(*rows, scr->feats.n * sizeof(uint32_t));
		if (!p)
			return LT_ENOMEM;
		*rows = p;
		*cap = scr->feats.n;
	}
	for (size_t i = 0; i < scr->feats.n; i++) {
		long r = lt_classify_get_row(m, scr->feats.v[i].id);
		if (r < 0)
			return LT_ENOMEM;
		(*rows)[i] = (uint32_t)r;
	}
	*nr = scr->feats.n;
	return 0;
}

/* The SGD epochs of lt_classify_train over the n examples cut by start
 * (order: n entries of scratch). */
static void lr_train(lt_classifier *m, const uint32_t *all, const size_t *start,
		     const uint32_t *labels, size_t n, uint32_t keep, size_t *order)
{
	double cnt[LT_CLASSIFY_MAX_CLASS] = { 0 }, tot = 0;
	size_t no = 0;

	for (size_t i = 0; i < n; i++) {
		uint32_t l = labels[i] & keep;
		if (!l)
			continue;
		order[no++] = i;
		for (size_t c = 0; c < m->K; c++)
			if (l & (1u << c)) {
				cnt[c]++;
				tot++;
			}
	}
	if (!no)
		return;
	for (size_t c = 0; c < m->K; c++)
		m->cw[c] = m->o.class_weight > 0 && cnt[c] > 0 ?
				   pow(tot / ((double)m->K * cnt[c]), m->o.class_weight) :
				   1.0;
	for (int ep = 0; ep < m->o.epochs; ep++) {
		for (size_t i = no; i > 1; i--) {
			size_t j = (size_t)(rng_next(&m->rng) % i), t = order[i - 1];
			order[i - 1] = order[j];
			order[j] = t;
		}
		for (size_t k = 0; k < no; k++) {
			size_t i = order[k];
			uint32_t l = labels[i] & keep;
			double lr = m->o.lr / (1.0 + m->steps / (double)no);
			lr_step(m, all + start[i], start[i + 1] - start[i], l, lr, ex_weight(m, l));
		}
	}
	lr_rescale(m);
}

int lt_classify_train(lt_classifier *m, const char *const *texts,
		      const uint32_t *labels, size_t n, lt_error *e)
{
	lt_classify_pred scr;
	uint32_t *rows = NULL, *all = NULL;
	size_t *start = NULL, *order = NULL, cap = 0, nr, nall = 0, allcap = 0;
	uint32_t keep = m->K >= 32 ? UINT32_MAX : (1u << m->K) - 1;
	int rc = 0;

	lt_classify_pred_init(&scr);
	start = malloc((n + 1) * sizeof(*start));
	order = malloc((n ? n : 1) * sizeof(*order));
	if (!start || !order)
		goto nomem;
	for (size_t i = 0; i < n; i++) {
		uint32_t l = labels[i] & keep;
		start[i] = nall;
		if (!l)
			continue;
		rc = text_rows(m, &scr, texts[i], &rows, &cap, &nr);
		if (rc)
			goto nomem;
		if (m->o.algo == LT_CLASSIFY_NB) {
			nb_add(m, rows, nr, l);
			continue;
		}
		if (nall + nr > allcap) {
			size_t nc = allcap ? allcap * 2 : 4096;
			uint32_t *p;
			while (nc < nall + nr)
				nc *= 2;
			p = realloc(all, nc * sizeof(*p));
			if (!p)
				goto nomem;
			all = p;
			allcap = nc;
		}
		memcpy(all + nall, rows, nr * sizeof(*rows));
		nall += nr;
	}
	start[n] = nall;
	if (m->o.algo == LT_CLASSIFY_LR)
		lr_train(m, all, start, labels, n, keep, order);
	goto done;
nomem:
	rc = lt_error_set(e, LT_ENOMEM, NULL, "hết bộ nhớ", "out of memory");
done:
	lt_classify_pred_free(&scr);
	free(rows);
	free(all);
	free(start);
	free(order);
	return rc;
}

int lt_classify_update(lt_classifier *m, const char *text, uint32_t labels, lt_error *e)
{
	lt_classify_pred scr;
	uint32_t *rows = NULL;
	size_t cap = 0, nr = 0;
	uint32_t keep = m->K >= 32 ? UINT32_MAX : (1u << m->K) - 1;
	int rc;

	labels &= keep;
	if (!labels)
		return lt_error_set(e, LT_EINVAL, "labels", "thiếu nhãn", "no label given");
	lt_classify_pred_init(&scr);
	rc = text_rows(m, &scr, text, &rows, &cap, &nr);
	if (rc) {
		rc = lt_error_set(e, LT_ENOMEM, NULL, "hết bộ nhớ", "out of memory");
		goto done;
	}
	if (m->o.algo == LT_CLASSIFY_NB) {
		nb_add(m, rows, nr, labels);
		goto done;
	}
	for (int step = 0; step < 50; step++) {
		rc = lt_classify_predict(m, text, strlen(text), 0, &scr);
		if (rc) {
			rc = lt_error_set(e, LT_ENOMEM, NULL, "hết bộ nhớ", "out of memory");
			goto done;
		}
		if ((labels >> scr.best) & 1u)
			break;
		/* a correction counts: a firm step, not the decayed rate */
		lr_step(m, rows, nr, labels, m->o.lr, 1.0);
	}
	lr_rescale(m);
done:
	free(rows);
	lt_classify_pred_free(&scr);
	return rc;
}
