/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * feedback_int.h — what the feedback*.c files share and nobody else uses:
 * the classification context (rules from the built-in text plus the
 * officers' rules in the database, and the stored model) and small helpers.
 */
#ifndef LT_FEEDBACK_INT_H
#define LT_FEEDBACK_INT_H

#include "core/error.h"

#include "store/feedback.h"
#include "text/classify.h"
#include "text/topics.h"

#define FB_OPEN_SQL "('new', 'in_progress', 'proposed', 'escalated')"

typedef struct lt_fb_clf {
	lt_topic_rules rules;
	lt_classifier *model; /* NULL: rules only */
	lt_tokens tok;
	lt_classify_pred pred;
} lt_fb_clf;

/* Load the rules and the model from db into c (owned: lt_fb_clf_close). */
LT_MUST_CHECK int lt_fb_clf_open(lt_db *db, lt_fb_clf *c, lt_error *e);
void lt_fb_clf_close(lt_fb_clf *c);
/* Classify n bytes of text: rules first, then the model. out->why is owned. */
LT_MUST_CHECK int lt_fb_clf_run(lt_fb_clf *c, const char *text, size_t n, lt_fb_class *out, lt_error *e);

/* The stored model, or *m NULL when there is none. Owned. */
LT_MUST_CHECK int lt_fb_model_load(lt_db *db, lt_classifier **m, lt_error *e);
/* Store m (replacing the old one); n_train > 0 for a fresh training, 0 for an update. */
LT_MUST_CHECK int lt_fb_model_save(lt_db *db, const lt_classifier *m, int64_t n_train, lt_error *e);
/* Number of messages whose topics a cadre confirmed. */
LT_MUST_CHECK int lt_fb_confirmed_count(lt_db *db, int64_t *n, lt_error *e);
/* Train and store a model from every confirmed message (see lt_feedback_train). */
LT_MUST_CHECK int lt_fb_train_in_tx(lt_db *db, bool *trained, size_t *n_used, lt_error *e);

/* Deadline for a message that became due now: now + urgent/normal days. */
int64_t lt_fb_deadline(int64_t from, bool urgent);

/* Grow an arena array by doubling. */
void *lt_fb_grow(lt_arena *a, void *items, size_t n, size_t *cap, size_t size);

#endif
