/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * classify_int.h — the inside of lt_classifier, shared by classify.c
 * (training, prediction) and classify_io.c (save/load). Not for other modules.
 */
#ifndef LT_CLASSIFY_INT_H
#define LT_CLASSIFY_INT_H

#include "core/error.h"

#include "text/abbrev.h"
#include "text/classify.h"

struct lt_classifier {
	lt_classify_opts o;
	size_t K;
	char names[LT_CLASSIFY_MAX_CLASS][LT_CLASSIFY_NAME_MAX];
	const lt_abbrev *ab;
	/* feature table */
	uint64_t *keys;   /* slots; 0 = empty */
	uint32_t *slot_row;
	size_t mask;      /* slots - 1 */
	size_t nrows, rows_cap;
	float *w;         /* nrows × K */
	float *lp;        /* NB: log(count + alpha), nrows × K */
	double docs[LT_CLASSIFY_MAX_CLASS];  /* NB: messages per class */
	double total[LT_CLASSIFY_MAX_CLASS]; /* NB: feature count per class */
	double bias[LT_CLASSIFY_MAX_CLASS];  /* LR */
	double cw[LT_CLASSIFY_MAX_CLASS];    /* LR: class weights */
	double scale;     /* LR: true weight = scale × w (lazy L2 decay) */
	double steps;     /* LR: SGD steps taken, for the learning-rate decay */
	uint64_t rng;
};

/* Row of feature id, or -1. */
long lt_classify_find_row(const lt_classifier *m, uint64_t id);
/* Row of feature id, created (zeroed) when absent; LT_ENOMEM (< 0) when out of memory. */
long lt_classify_get_row(lt_classifier *m, uint64_t id);

/* Tokens and features of the n bytes at text into p's scratch (one per id
 * when the model is binary). 0 or LT_ENOMEM. */
LT_MUST_CHECK int lt_classify_featurize(const lt_classifier *m, const char *text, size_t n,
			  lt_classify_pred *p);
/* z[0..K-1] ← softmax(z), in place. */
void lt_classify_softmax(double *z, size_t K);

#endif
