/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * classify_fb_delta.h — what a feedback model's learning changes, as rows:
 * a store that keeps only what cadres' confirmations changed
 * (app/feedback_model.c) stores these and rebuilds the model from the
 * shipped one plus them.
 *
 * An update (lt_fbm_update) changes the weights of the message's features
 * for two outputs at a time, adds a row (with an idf) for a feature the
 * model lacked, and changes two biases: nothing else. A change is one row
 * per such feature — its id, its idf when the row is new, and the
 * increment of each of the LT_FBM_NOUT weights — plus the biases as the
 * row of feature 0 (no feature has id 0). Increments add: the sum of the
 * changes of K updates applied to the model the first started from gives
 * the model the K updates made in memory, to float rounding. No I/O.
 */
#ifndef LT_CLASSIFY_FB_DELTA_H
#define LT_CLASSIFY_FB_DELTA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/error.h"
#include "text/classify_fb.h"

#define LT_FBM_BIAS_ROW 0                /* the feature id of the biases */

typedef struct lt_fbm_change {
	uint64_t id;            /* feature id; LT_FBM_BIAS_ROW: the biases */
	float idf;              /* the row's idf (of a new row: the one it was given) */
	bool new_row;           /* the model had no row for the feature */
	double w[LT_FBM_NOUT];  /* increments of the row's weights (the biases) */
} lt_fbm_change;

typedef struct lt_fbm_delta {
	lt_fbm_change *v;       /* by id, ascending: the biases first */
	size_t n, cap;
} lt_fbm_delta;

void lt_fbm_delta_init(lt_fbm_delta *d);
void lt_fbm_delta_free(lt_fbm_delta *d);

/*
 * lt_fbm_update(m, text, n, topics) and what it changed into out (reset
 * first): the rows whose weights moved or that are new, and the biases.
 * LT_EINVAL (empty mask), LT_ENOMEM.
 */
LT_MUST_CHECK int lt_fbm_learn(lt_fbm *m, const char *text, size_t n, uint32_t topics,
			       lt_fbm_delta *out, lt_error *e);

/*
 * What lt_fbm_learn would put in out, m left as it was (the update made,
 * measured, then taken back: weights restored exactly, new rows dropped):
 * a copy kept for learning need not be copied again for each message. On
 * an error m may be changed: free it.
 */
LT_MUST_CHECK int lt_fbm_change_of(lt_fbm *m, const char *text, size_t n, uint32_t topics,
				   lt_fbm_delta *out, lt_error *e);

/*
 * What m changed in base (the model m was copied from, then trained on)
 * into out (reset first): every row whose weights differ or that base
 * lacks, and the biases. 0, LT_EINVAL (not feedback models), LT_ENOMEM.
 */
LT_MUST_CHECK int lt_fbm_diff(const lt_fbm *m, const lt_fbm *base, lt_fbm_delta *out,
			      lt_error *e);

/*
 * Row id of m := base's row (weights 0 and idf when base has none) plus the
 * LT_FBM_NOUT increments w; LT_FBM_BIAS_ROW: the biases. base is the model
 * m was copied from (borrowed; the same outputs). 0 or LT_ENOMEM.
 */
LT_MUST_CHECK int lt_fbm_set_row(lt_fbm *m, const lt_fbm *base, uint64_t id, float idf,
				 const double *w, lt_error *e);
/* The update count lt_svm_updates reports (the base's plus the confirmations). */
void lt_fbm_set_updates(lt_fbm *m, uint64_t n);

/* A copy of m that can learn or take rows (owned): no parse. 0 or LT_ENOMEM. */
LT_MUST_CHECK int lt_fbm_clone(const lt_fbm *m, lt_fbm **out, lt_error *e);
/* The writable classifier of m (for this module; classify_fb.c). */
lt_svm *lt_fbm_svm_rw(lt_fbm *m);
/* A copy of s (owned), its lexicons parsed again, its rows copied. 0 or LT_ENOMEM. */
LT_MUST_CHECK int lt_svm_clone(const lt_svm *s, lt_svm **out, lt_error *e);

#endif
