/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * classify_fb.h — the feedback model: what lantoa ships (data/model/) and
 * goes on learning from cadres. One lt_svm (classify_svm.h) with eight
 * outputs over shared features — the seven topics of topics.h (trained on
 * each message's main topic) and "khan" (urgent) — and two lexicons as
 * features: the topic keywords (lt_topics_default_text) and the urgency
 * keywords (lt_urgency_default_text), which also name the urgency reasons.
 *
 * A prediction gives the main topic (the best topic score), secondary topics
 * (score at or above the topic's threshold, calibrated on a dev split for
 * the best F1; at most two), the terms that pushed the main topic over the
 * runner-up, and urgency (score at or above the urgency threshold) with its
 * reasons: the urgency keywords found, and the terms that pushed it.
 * A message with no word (empty, emoji, a phone number) is "khac", never
 * urgent, with the reason said; a long one is cut at max_bytes.
 * No I/O.
 */
#ifndef LT_CLASSIFY_FB_H
#define LT_CLASSIFY_FB_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/error.h"
#include "text/classify_svm.h"
#include "text/corpus.h"
#include "text/topics.h"

#define LT_FBM_OUT_URGENT LT_TOPIC_COUNT /* the urgency output */
#define LT_FBM_NOUT (LT_TOPIC_COUNT + 1) /* outputs: the topics, then urgency */
#define LT_FBM_WHY 8
#define LT_FBM_MAX_SECONDARY 2

typedef struct lt_fbm lt_fbm;

typedef struct lt_fbm_result {
	int main;                    /* topic */
	uint32_t topics;             /* main and secondary topics (bit t) */
	double score[LT_TOPIC_COUNT];
	int no_words;                /* nothing to classify: main is khac */
	size_t cut;                  /* bytes dropped past max_bytes */
	size_t nwhy;                 /* terms for the main topic, strongest first */
	lt_classify_why why[LT_FBM_WHY];
	int urgent;
	double urgency;              /* score minus threshold (≥ 0: urgent) */
	uint32_t reasons;            /* urgency keywords found (bit r: enum lt_urgency_reason) */
	size_t nuwhy;                /* terms that pushed urgency up */
	lt_classify_why uwhy[LT_FBM_WHY];
	/* "nợ lương (chưa trả lương); từ: nợ lương, 3 tháng", empty when not urgent */
	char urgency_why[256];
} lt_fbm_result;

/* Scores of the model on a labelled split. */
typedef struct lt_fbm_topic_score {
	double precision, recall, f1;
	size_t support;              /* messages with this main topic */
} lt_fbm_topic_score;

typedef struct lt_fbm_scores {
	size_t n;
	double top1;                 /* main topic right */
	double macro_f1, weighted_f1; /* of the main topic */
	lt_fbm_topic_score topic[LT_TOPIC_COUNT];
	double in_gold;              /* main topic among the gold main+secondary */
	double ml_precision, ml_recall, ml_f1; /* every predicted topic vs every gold topic */
	double urgent_precision, urgent_recall, urgent_f1;
	size_t urgent_support;
} lt_fbm_scores;

/* What calibration chose. */
typedef struct lt_fbm_calib {
	double threshold[LT_TOPIC_COUNT]; /* secondary topic; HUGE_VAL: never */
	double urgent_threshold;
} lt_fbm_calib;

/*
 * Train a model with options o on the n messages of train (main topic and
 * urgency; secondaries are for calibration). Thresholds start at 0 (the
 * SVM's own boundary); calibrate on a dev split. OUT *out owned.
 */
LT_MUST_CHECK int lt_fbm_train(const lt_svm_opts *o, const lt_fbc_msg *train, size_t n,
			       lt_fbm **out, lt_error *e);
void lt_fbm_free(lt_fbm *m);

/*
 * Choose the thresholds on the n messages of dev: per topic, the score
 * threshold with the best F1 at telling its secondary messages (main topic
 * elsewhere) from the rest; for urgency, the threshold where the smaller of
 * precision and recall is largest (both matter to a triage inbox). Sets
 * them in m; out (may be NULL) gets them. 0 or LT_ENOMEM.
 */
LT_MUST_CHECK int lt_fbm_calibrate(lt_fbm *m, const lt_fbc_msg *dev, size_t n,
				   lt_fbm_calib *out);

/* The raw margins of m on the n messages of v into z (LT_FBM_NOUT per message).
 * 0 or LT_ENOMEM. */
LT_MUST_CHECK int lt_fbm_margins(const lt_fbm *m, const lt_fbc_msg *v, size_t n, double *z);
/* lt_fbm_calibrate on margins z of the n messages of dev, however they were
 * obtained (e.g. out of fold). 0 or LT_ENOMEM. */
LT_MUST_CHECK int lt_fbm_calibrate_margins(lt_fbm *m, const lt_fbc_msg *dev, size_t n,
					   const double *z, lt_fbm_calib *out);

/*
 * Train on all n messages of v, and choose the thresholds on out-of-fold
 * margins: the messages are cut into nfolds (≥ 2) folds by "site" (a
 * publisher is never in two folds; greedy, largest site first, into the
 * smallest fold — deterministic), a model is trained on every fold but one
 * and scores that one, and lt_fbm_calibrate_margins runs on those margins.
 * The final model is the one on all messages, with those thresholds. oof
 * (may be NULL; LT_FBM_NOUT per message) gets the out-of-fold margins, for
 * cross-validated scores (lt_fbm_eval_margins). OUT *out owned.
 * LT_EINVAL (nfolds), LT_ENOMEM.
 */
/* fold[i] (< nfolds, ≥ 1) of each of the n messages, as lt_fbm_train_cv cuts
 * them: whole sites (a message without one is its own), largest first, each
 * into the fold with the fewest messages so far. 0 or LT_ENOMEM. */
LT_MUST_CHECK int lt_fbm_folds(const lt_fbc_msg *v, size_t n, size_t nfolds, size_t *fold);
LT_MUST_CHECK int lt_fbm_train_cv(const lt_svm_opts *o, const lt_fbc_msg *v, size_t n,
				  size_t nfolds, lt_fbm **out, double *oof, lt_fbm_calib *cal,
				  lt_error *e);

/*
 * Predict the n bytes at text (p: scratch, lt_svm_pred_init'ed). explain:
 * also the "why" terms and the urgency reasons (0 is faster). 0 or LT_ENOMEM.
 */
LT_MUST_CHECK int lt_fbm_predict(const lt_fbm *m, const char *text, size_t n, int explain,
				 lt_svm_pred *p, lt_fbm_result *out);

/*
 * A cadre set the topics of text to mask topics (non-zero): the topic of
 * the mask the model scores highest is learnt as the main one, above every
 * topic outside the mask. LT_EINVAL (empty mask), LT_ENOMEM.
 */
LT_MUST_CHECK int lt_fbm_update(lt_fbm *m, const char *text, size_t n, uint32_t topics,
				lt_error *e);

/* Score m on the n labelled messages. 0 or LT_ENOMEM. */
LT_MUST_CHECK int lt_fbm_eval(const lt_fbm *m, const lt_fbc_msg *msgs, size_t n,
			      lt_fbm_scores *out);
/* The same scores from margins z (LT_FBM_NOUT per message) and m's thresholds;
 * messages are taken to have words. */
void lt_fbm_eval_margins(const lt_fbm *m, const lt_fbc_msg *msgs, size_t n, const double *z,
			 lt_fbm_scores *out);

const lt_svm *lt_fbm_svm(const lt_fbm *m);
void lt_fbm_get_calib(const lt_fbm *m, lt_fbm_calib *out);

/* The model a model was derived from (its lt_fbm_id), 0 for one trained from a corpus. */
void lt_fbm_set_base(lt_fbm *m, uint64_t base);
uint64_t lt_fbm_base(const lt_fbm *m);
/* The identity of a saved model: a 64-bit FNV-1a hash of its n bytes at p. */
uint64_t lt_fbm_id(const void *p, size_t n);

/* Append m to out ("LTFBM" 1, base, thresholds, then the lt_svm). */
LT_MUST_CHECK int lt_fbm_save(const lt_fbm *m, lt_buf *out, lt_error *e);
/* Load a model saved by lt_fbm_save. OUT *out owned. LT_EINVAL when corrupt. */
LT_MUST_CHECK int lt_fbm_load(const void *p, size_t n, lt_fbm **out, lt_error *e);

#endif
