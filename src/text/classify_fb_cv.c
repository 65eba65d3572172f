/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* classify_fb_cv.c — lt_fbm_train_cv (classify_fb.h): train on every
 * message, thresholds from site-grouped out-of-fold margins. */
#include "text/classify_fb.h"

#include <stdlib.h>
#include <string.h>

static int nomem(lt_error *e)
{
	return lt_error_set(e, LT_ENOMEM, NULL, "hết bộ nhớ", "out of memory");
}

/* qsort_r's comparison of two indexes into the messages v: by site, then id. */
static int by_site(const void *a, const void *b, void *v)
{
	const lt_fbc_msg *x = (const lt_fbc_msg *)v + *(const size_t *)a;
	const lt_fbc_msg *y = (const lt_fbc_msg *)v + *(const size_t *)b;
	int c = strcmp(x->site ? x->site : "", y->site ? y->site : "");

	if (!c)
		c = strcmp(x->id ? x->id : "", y->id ? y->id : "");
	return c;
}

typedef struct group {
	size_t first, n; /* a run of ord[] */
} group;

static int by_size(const void *a, const void *b)
{
	const group *x = a, *y = b;

	if (x->n != y->n)
		return x->n < y->n ? 1 : -1;
	return x->first < y->first ? -1 : x->first > y->first;
}

int lt_fbm_folds(const lt_fbc_msg *v, size_t n, size_t nfolds, size_t *fold)
{
	size_t *ord = malloc((n ? n : 1) * sizeof(*ord));
	group *g = malloc((n ? n : 1) * sizeof(*g));
	size_t *load = calloc(nfolds ? nfolds : 1, sizeof(*load)), ng = 0;

	if (!ord || !g || !load) {
		free(ord);
		free(g);
		free(load);
		return LT_ENOMEM;
	}
	for (size_t i = 0; i < n; i++)
		ord[i] = i;
	qsort_r(ord, n, sizeof(*ord), by_site, (void *)v);
	for (size_t i = 0; i < n; i++) {
		const char *s = v[ord[i]].site;
		if (ng && s && *s && !strcmp(s, v[ord[g[ng - 1].first]].site)) {
			g[ng - 1].n++;
			continue;
		}
		g[ng].first = i;
		g[ng++].n = 1;
	}
	qsort(g, ng, sizeof(*g), by_size);
	for (size_t k = 0; k < ng; k++) {
		size_t best = 0;
		for (size_t f = 1; f < nfolds; f++)
			if (load[f] < load[best])
				best = f;
		load[best] += g[k].n;
		for (size_t j = 0; j < g[k].n; j++)
			fold[ord[g[k].first + j]] = best;
	}
	free(ord);
	free(g);
	free(load);
	return 0;
}

int lt_fbm_train_cv(const lt_svm_opts *o, const lt_fbc_msg *v, size_t n, size_t nfolds,
		    lt_fbm **out, double *oof, lt_fbm_calib *cal, lt_error *e)
{
	size_t *fold = malloc((n ? n : 1) * sizeof(*fold));
	lt_fbc_msg *part = malloc((n ? n : 1) * sizeof(*part));
	double *z = malloc((n ? n : 1) * LT_FBM_NOUT * sizeof(*z));
	double *zf = malloc((n ? n : 1) * LT_FBM_NOUT * sizeof(*zf));
	lt_fbm *m = NULL;
	int rc = 0;

	*out = NULL;
	if (nfolds < 2 || nfolds > n)
		rc = lt_error_set(e, LT_EINVAL, "folds", "số phần kiểm định chéo không hợp lệ",
				  "bad number of cross-validation folds");
	else if (!fold || !part || !z || !zf || lt_fbm_folds(v, n, nfolds, fold))
		rc = nomem(e);
	for (size_t f = 0; f < nfolds && !rc; f++) {
		size_t nt = 0, nh = 0;
		for (size_t i = 0; i < n; i++)
			if (fold[i] != f)
				part[nt++] = v[i];
		rc = lt_fbm_train(o, part, nt, &m, e);
		for (size_t i = 0; i < n && !rc; i++)
			if (fold[i] == f)
				part[nh++] = v[i];
		if (!rc && lt_fbm_margins(m, part, nh, zf))
			rc = nomem(e);
		for (size_t i = 0, j = 0; i < n && !rc; i++)
			if (fold[i] == f)
				memcpy(z + i * LT_FBM_NOUT, zf + j++ * LT_FBM_NOUT,
				       LT_FBM_NOUT * sizeof(*z));
		lt_fbm_free(m);
		m = NULL;
	}
	if (!rc)
		rc = lt_fbm_train(o, v, n, &m, e);
	if (!rc && lt_fbm_calibrate_margins(m, v, n, z, cal))
		rc = nomem(e);
	if (!rc && oof)
		memcpy(oof, z, n * LT_FBM_NOUT * sizeof(*z));
	if (!rc) {
		*out = m;
		m = NULL;
	}
	lt_fbm_free(m);
	free(fold);
	free(part);
	free(z);
	free(zf);
	return rc;
}
