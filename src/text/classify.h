/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * classify.h — statistical topic classifier for workers' feedback messages.
 *
 * Linear models over hashed features of folded syllables (tokens.h):
 *   - LT_CLASSIFY_NB: multinomial naive Bayes with additive smoothing alpha;
 *   - LT_CLASSIFY_LR: a linear model trained by SGD with L2 and optional
 *     class weighting, with the loss o.loss: multinomial logistic (softmax),
 *     or one-vs-rest logistic, squared hinge or hinge (linear SVM). The
 *     default is the squared-hinge SVM; p[] is then the softmax of its scores.
 * Up to LT_CLASSIFY_MAX_CLASS classes with names (topic codes). Labels are
 * bit masks, so a training message may have several topics; prediction gives
 * the best class (multi-class) and every class whose probability reaches the
 * threshold (multi-label), plus the terms that explain the decision.
 * A cadre's correction is one lt_classify_update call. The model is saved to
 * and loaded from a byte buffer (the store keeps it). No I/O.
 *
 * A model is not thread-safe for writing; concurrent lt_classify_predict
 * calls on one model are fine, each with its own lt_classify_pred.
 */
#ifndef LT_CLASSIFY_H
#define LT_CLASSIFY_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/error.h"
#include "text/tokens.h"

#define LT_CLASSIFY_MAX_CLASS 32
#define LT_CLASSIFY_WHY_MAX 16
#define LT_CLASSIFY_NAME_MAX 32

enum lt_classify_algo {
	LT_CLASSIFY_NB = 1,
	LT_CLASSIFY_LR = 2,
};

/* Loss of the linear (LT_CLASSIFY_LR) family. */
enum lt_classify_loss {
	LT_CLASSIFY_LOSS_SOFTMAX = 0, /* multinomial logistic */
	LT_CLASSIFY_LOSS_OVR_LOG = 1, /* one-vs-rest logistic */
	LT_CLASSIFY_LOSS_OVR_SQHINGE = 2, /* one-vs-rest squared hinge (linear SVM) */
	LT_CLASSIFY_LOSS_OVR_HINGE = 3, /* one-vs-rest hinge (linear SVM) */
};

typedef struct lt_classify_opts {
	int algo;          /* LT_CLASSIFY_NB or LT_CLASSIFY_LR */
	unsigned feats;    /* LT_FEAT_* flags */
	int binary;        /* count each feature once per message (else each
			    * occurrence counts) */
	double alpha;      /* NB: additive smoothing */
	double lr;         /* LR: initial learning rate */
	double l2;         /* LR: L2 regularisation per example */
	int epochs;        /* LR: passes over the training set */
	double class_weight; /* LR: weight of class c is (n/(K*n_c))^class_weight; 0 = none */
	double threshold;  /* multi-label: report classes with p >= threshold */
	uint64_t seed;     /* LR: shuffling */
	int loss;          /* LR: LT_CLASSIFY_LOSS_* */
} lt_classify_opts;

typedef struct lt_classifier lt_classifier;

/* One term explaining a prediction: folded text and its contribution
 * (score of the best class minus the best other class, in nats). */
typedef struct lt_classify_why {
	char term[LT_TOK_MAX_LEN * 3 + 4];
	double weight;
} lt_classify_why;

/* Result of lt_classify_predict; also holds reusable scratch memory. */
typedef struct lt_classify_pred {
	int best;          /* argmax class */
	uint32_t labels;   /* bit c set when p[c] >= threshold; best always set */
	double p[LT_CLASSIFY_MAX_CLASS];
	double z[LT_CLASSIFY_MAX_CLASS]; /* raw scores (LR: margins; NB: log-joint) */
	size_t nwhy;
	lt_classify_why why[LT_CLASSIFY_WHY_MAX]; /* strongest first */
	/* scratch */
	lt_tokens tok;
	lt_feats feats;
} lt_classify_pred;

/* Scores of a multi-class evaluation. */
typedef struct lt_classify_scores {
	double accuracy, macro_f1, weighted_f1;
	size_t n;
} lt_classify_scores;

/* The defaults chosen on UIT-VSFC dev for algo (see bench/RESULTS.md). */
void lt_classify_opts_default(lt_classify_opts *o, int algo);

/*
 * New empty model with nclass classes named names[0..nclass-1] (copied,
 * each < LT_CLASSIFY_NAME_MAX bytes). OUT *out owned: lt_classify_free.
 * LT_EINVAL on bad options, LT_ENOMEM.
 */
LT_MUST_CHECK int lt_classify_new(const lt_classify_opts *o, size_t nclass,
		    const char *const *names, lt_classifier **out, lt_error *e);
void lt_classify_free(lt_classifier *m);

/*
 * Train m on n messages texts[i] (NUL-terminated UTF-8) with label masks
 * labels[i] (bit c = class c; 0 masks are skipped). Adds to what m already
 * learnt for NB; LR continues from the current weights. Borrows everything.
 */
LT_MUST_CHECK int lt_classify_train(lt_classifier *m, const char *const *texts,
		      const uint32_t *labels, size_t n, lt_error *e);

/*
 * A cadre corrected one message to labels: learn it now. NB adds the example;
 * LR takes SGD steps on it until its best class is in labels (at most 50).
 */
LT_MUST_CHECK int lt_classify_update(lt_classifier *m, const char *text, uint32_t labels,
		       lt_error *e);

void lt_classify_pred_init(lt_classify_pred *p);
void lt_classify_pred_free(lt_classify_pred *p);

/*
 * Predict the n bytes at text into out (reused: init once, free once).
 * why_k (≤ LT_CLASSIFY_WHY_MAX): how many explaining terms to return; 0 is
 * fastest. Returns 0 or LT_ENOMEM.
 */
LT_MUST_CHECK int lt_classify_predict(const lt_classifier *m, const char *text, size_t n,
			size_t why_k, lt_classify_pred *out);

size_t lt_classify_nclass(const lt_classifier *m);
/* Name of class c; borrowed from m. */
const char *lt_classify_class_name(const lt_classifier *m, size_t c);
/* Number of distinct features the model holds. */
size_t lt_classify_nfeatures(const lt_classifier *m);

/* Append the model to out (a self-describing little-endian format). */
LT_MUST_CHECK int lt_classify_save(const lt_classifier *m, lt_buf *out, lt_error *e);
/*
 * Load a model saved by lt_classify_save from the n bytes at p (borrowed).
 * OUT *out owned. LT_EINVAL with a reason for a truncated or foreign buffer.
 */
LT_MUST_CHECK int lt_classify_load(const void *p, size_t n, lt_classifier **out, lt_error *e);

/*
 * Accuracy, macro-F1 and support-weighted F1 of pred against gold (n values
 * in 0..nclass-1) into out.
 */
void lt_classify_score(const int *gold, const int *pred, size_t n, size_t nclass,
		       lt_classify_scores *out);

#endif
