/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * classify_svm.h — a linear text classifier for small labelled corpora:
 * TF-IDF over hashed features of folded syllables (tokens.h) plus "lexicon"
 * features (the hits of keyword rule sets, topics.h, one feature per rule
 * label), L2-normalised, and one linear SVM per output (squared hinge, L2,
 * bias as a feature) solved exactly by dual coordinate descent — the method
 * of LIBLINEAR (Hsieh et al., ICML 2008). Training is deterministic: the
 * same messages and options give the same bytes.
 *
 * Outputs are independent binary models over shared features; the caller
 * says what each means (a topic, "urgent"), and decides from the raw
 * scores (margins). Explanations name the features that pushed an output.
 * No I/O; the model is saved to and loaded from a byte buffer.
 *
 * A model is not thread-safe for writing (train, update); concurrent
 * lt_svm_predict calls are fine, each with its own lt_svm_pred.
 */
#ifndef LT_CLASSIFY_SVM_H
#define LT_CLASSIFY_SVM_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/error.h"
#include "text/classify.h"
#include "text/tokens.h"
#include "text/topics.h"

#define LT_SVM_MAX_OUT 16
#define LT_SVM_MAX_LEX 2

typedef struct lt_svm_opts {
	unsigned feats;      /* LT_FEAT_* */
	double c;            /* SVM cost (larger: fit the training set closer) */
	int iters;           /* most passes of coordinate descent per output */
	double lex_weight;   /* raw weight of one lexicon hit (≥ 1) */
	size_t max_bytes;    /* longer messages are cut here (at a UTF-8 boundary) */
	uint64_t seed;       /* order of the coordinate passes */
	/* training only (not saved): the cost of a positive of each of the first
	 * weighted_outputs outputs is multiplied by (n / (weighted_outputs ·
	 * positives))^class_weight — 0 none, 1 balanced — so that a rare class
	 * (a topic few messages have) is not sacrificed to the common ones */
	double class_weight;
	size_t weighted_outputs;
	/* training only (not saved): the cost of a weak negative (labels bit
	 * LT_SVM_WEAK + k, lt_svm_train) relative to an ordinary one; (0, 1] */
	double weak_cost;
} lt_svm_opts;

/* labels[i] bit LT_SVM_WEAK + k: message i is a weak negative of output k */
#define LT_SVM_WEAK 16

/* A lexicon: keyword rules (topics.h format) whose labels become features. */
typedef struct lt_svm_lexicon {
	const char *text;            /* the rules, borrowed */
	const char *const *labels;   /* their labels, borrowed */
	size_t nlabels;
} lt_svm_lexicon;

typedef struct lt_svm lt_svm;

/* One feature of the message being predicted (scratch of lt_svm_pred). */
typedef struct lt_svm_feat {
	uint64_t id;
	double v;          /* raw weight, then the TF-IDF value */
	long row;          /* -1: unknown to the model */
	uint32_t off, len; /* span in the folded text; */
	int rule;          /* lexicon rule (index into that set) or -1 */
	int lex;           /* lexicon set, or -1 */
} lt_svm_feat;

/* Result and reusable scratch of lt_svm_predict. */
typedef struct lt_svm_pred {
	double z[LT_SVM_MAX_OUT]; /* raw score (margin) of each output */
	size_t nwords;            /* syllables with a letter (0: nothing to classify) */
	size_t cut;               /* bytes dropped past max_bytes */
	/* scratch */
	lt_tokens tok;
	lt_feats feats;
	lt_svm_feat *f;
	size_t nf, fcap;
	uint32_t *h;       /* de-duplication table */
	size_t hcap;
} lt_svm_pred;

void lt_svm_opts_default(lt_svm_opts *o);

void lt_svm_pred_init(lt_svm_pred *p);
void lt_svm_pred_free(lt_svm_pred *p);

/*
 * Train a new model with K outputs named names[] (each < LT_CLASSIFY_NAME_MAX
 * bytes) on n messages: labels[i] bit k says that message i is a positive of
 * output k (every other message is a negative); bit LT_SVM_WEAK + k, that it
 * is a weak negative of output k, costing o->weak_cost of an ordinary one (a
 * message that is not quite a negative: one that has the topic as a
 * secondary one). nlex lexicons (≤ LT_SVM_MAX_LEX) are copied into the
 * model. OUT *out owned (lt_svm_free).
 * LT_EINVAL (bad options, weak_cost, lexicon text; e says which), LT_ENOMEM.
 */
LT_MUST_CHECK int lt_svm_train(const lt_svm_opts *o, size_t K, const char *const *names,
			       const lt_svm_lexicon *lex, size_t nlex,
			       const char *const *texts, const uint32_t *labels, size_t n,
			       lt_svm **out, lt_error *e);
void lt_svm_free(lt_svm *m);

/*
 * Scores of the n bytes at text into p->z (p reused: init once, free once).
 * Features stay in p for lt_svm_explain. 0 or LT_ENOMEM.
 */
LT_MUST_CHECK int lt_svm_predict(const lt_svm *m, const char *text, size_t n, lt_svm_pred *p);

/*
 * The features of the last prediction in p that pushed output k up the most
 * against output other (or against 0 when other < 0): at most max terms,
 * strongest first, into why (folded text, or the lexicon rule as written).
 * Returns how many.
 */
size_t lt_svm_explain(const lt_svm *m, const lt_svm_pred *p, size_t k, int other,
		      lt_classify_why *why, size_t max);

/*
 * Learn one corrected message: passive-aggressive steps until output want
 * scores above every output in rivals (a mask; want's own bit is ignored)
 * by a margin of 1, at most 20 steps. Features the model has not seen get
 * a row. 0, LT_EINVAL (bad output), LT_ENOMEM.
 */
LT_MUST_CHECK int lt_svm_update(lt_svm *m, const char *text, size_t n, size_t want,
				uint32_t rivals, lt_error *e);

size_t lt_svm_nout(const lt_svm *m);
const char *lt_svm_out_name(const lt_svm *m, size_t k);
size_t lt_svm_nfeatures(const lt_svm *m);
const lt_svm_opts *lt_svm_get_opts(const lt_svm *m);
/* Lexicon j as parsed (for explanations); NULL past the last. */
const lt_topic_rules *lt_svm_lexicon_rules(const lt_svm *m, size_t j);
/* How many updates (lt_svm_update) the model has had since training. */
uint64_t lt_svm_updates(const lt_svm *m);

/* Append the model to out (little-endian, self-describing; weights as 16-bit
 * steps of a per-output scale, which training already rounded to). */
LT_MUST_CHECK int lt_svm_save(const lt_svm *m, lt_buf *out, lt_error *e);
/* Load a model saved by lt_svm_save (n bytes at p, borrowed). OUT *out
 * owned. LT_EINVAL with a reason for a truncated or foreign buffer. */
LT_MUST_CHECK int lt_svm_load(const void *p, size_t n, lt_svm **out, lt_error *e);

#endif
