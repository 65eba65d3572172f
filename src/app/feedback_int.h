/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * feedback_int.h — what the app/feedback*.c files share and nobody else
 * uses: the access decisions on messages and senders, and the
 * classification context (the built-in keyword rules plus the officers'
 * rules, then the stored model).
 */
#ifndef LT_APP_FEEDBACK_INT_H
#define LT_APP_FEEDBACK_INT_H

#include "app/feedback.h"
#include "text/classify_fb.h"
#include "text/tokens.h"
#include "text/topics.h"

/* ---------- access (feedback_read.c) ---------- */

/*
 * The unit unit_id, which the actor must be able to read (its subtree).
 * LT_ENOTFOUND / LT_EFORBIDDEN naming field.
 */
/* A batch of messages masked for the actor, valid until the function returns. */
typedef int (*lt_fb_rows_fn)(lt_feedback *rows, size_t n, void *ctx, lt_error *e);
/*
 * Every message of the list in (its limit and cursor aside), newest first,
 * in batches, senders masked as the list shows them; the full views are
 * logged (via in->via) once all were read.
 */
LT_MUST_CHECK int lt_app_fb_each(lt_db *db, const lt_actor *who, const lt_fb_list_in *in,
				 lt_fb_rows_fn fn, void *ctx, lt_error *e);
LT_MUST_CHECK int lt_app_fb_unit(lt_db *db, const lt_actor *who, int64_t unit_id,
				 const char *field, lt_arena *a, lt_unit *u, lt_error *e);

/*
 * Message id as stored (sender unmasked), which the actor must be able to
 * read: a cadre or above of a unit over the receiving unit. LT_ENOTFOUND /
 * LT_EFORBIDDEN naming "id".
 */
LT_MUST_CHECK int lt_app_fb_message(lt_db *db, const lt_actor *who, int64_t id, lt_arena *a,
				    lt_feedback *out, lt_error *e);

/*
 * May the actor move message f on? A unit of its subtree must hold it:
 * LT_EFORBIDDEN naming "id" otherwise.
 */
LT_MUST_CHECK int lt_app_fb_need_holder(const lt_actor *who, const lt_feedback *f, lt_error *e);

/* ---------- the workers' corpus (feedback_model.c) ---------- */

/*
 * The files of data/feedback/ the shipped model learns from, in order
 * (NULL-terminated): train.jsonl is required, the others are used when
 * present. Since issue 14 round 5 the earlier out-of-corpus sets are among
 * them; holdout5.jsonl, the round-5 blind set, is not.
 */
extern const char *const lt_app_fb_pool_files[];
#define LT_APP_FB_POOL_MAX 8
#define LT_APP_FB_FOLDS 5 /* site-grouped folds for the thresholds and the scores */

typedef struct lt_fb_pool {
	lt_fbc all;                       /* every message of the files present, in order */
	const char *file[LT_APP_FB_POOL_MAX];
	size_t first[LT_APP_FB_POOL_MAX], n[LT_APP_FB_POOL_MAX];
	size_t nfiles;
} lt_fb_pool;

/* Load the pool files of dir present into p ({0} first; lt_fbc_free(&p->all)). */
LT_MUST_CHECK int lt_app_fb_pool_load(const char *dir, lt_fb_pool *p, lt_error *e);
/* Index in p of file name (e.g. "dev.jsonl"), or -1 when not loaded. */
int lt_app_fb_pool_find(const lt_fb_pool *p, const char *name);

/* ---------- classification (feedback_classify.c) ---------- */

typedef struct lt_fb_shared lt_fb_shared;
typedef struct lt_fb_clf {
	lt_topic_rules rules;  /* the officers' rules: a match overrides the model */
	const lt_fbm *model;   /* the database's copy (shared) or the shipped one */
	lt_fb_shared *model_ref; /* the hold on the database's copy, or NULL */
	lt_tokens tok;
	lt_svm_pred pred;
} lt_fb_clf;

/* Load the officers' rules and the model from db into c (owned: lt_app_fb_clf_close). */
LT_MUST_CHECK int lt_app_fb_clf_open(lt_db *db, lt_fb_clf *c, lt_error *e);
void lt_app_fb_clf_close(lt_fb_clf *c);
/*
 * The same for a message received by unit unit_id (feedback_rules.c): the
 * officers' rules of that unit and the units above it join the built-in and
 * whole-tree ones. An unknown unit gets those two only.
 */
LT_MUST_CHECK int lt_app_fb_clf_open_at(lt_db *db, int64_t unit_id, lt_fb_clf *c, lt_error *e);
/*
 * Classify n bytes of text: an officer's rule that matches wins, else the
 * model; urgency from the model. Never fails on content (an empty text is
 * "khac" with the reason). out->why is owned.
 */
LT_MUST_CHECK int lt_app_fb_clf_run(lt_fb_clf *c, const char *text, size_t n, lt_fb_class *out,
				    lt_error *e);

/*
 * Validate, classify (with clf, open) and store one message for actor (an
 * audit id): the check of intake shared by every way in. The receiving unit
 * must exist and be open; the caller decided access. OUT *out (may be NULL).
 */
LT_MUST_CHECK int lt_app_fb_intake(lt_db *db, lt_fb_clf *clf, const lt_feedback_input *in,
				   int64_t actor, lt_fb_added *out, lt_error *e);

/* ---------- the model (feedback_model.c) ---------- */

/* The shipped model, parsed once and shared (never written). */
LT_MUST_CHECK int lt_app_fb_shipped(const lt_fbm **m, lt_error *e);
/* Its identity (lt_fbm_id of its bytes): what the database's rows say they add to. */
uint64_t lt_app_fb_shipped_id(void);
/*
 * The model to classify with (feedback_learn.c), read-only and shared
 * between threads: the shipped model plus the database's rows, built once
 * and then brought up to date by applying only the rows of newer versions.
 * *ref (NULL when nothing is stored) holds it until
 * lt_app_fb_model_release(*ref).
 */
LT_MUST_CHECK int lt_app_fb_model_use(lt_db *db, const lt_fbm **m, lt_fb_shared **ref,
				      lt_error *e);
void lt_app_fb_model_release(lt_fb_shared *ref);
/* How many copies this process built whole (the rest were brought up to date). */
long long lt_app_fb_model_builds(void);
/* Whether ref's model is the database's (false: its rows are set aside, the shipped one). */
bool lt_app_fb_model_learnt(const lt_fb_shared *ref);
/*
 * A cadre confirmed text's topics: the database's copy learns it now, in the
 * caller's transaction, which stores only the rows the update changed
 * (started from the shipped model when nothing, or only rows set aside, is
 * stored).
 */
LT_MUST_CHECK int lt_app_fb_learn(lt_db *db, const char *text, uint32_t topics, lt_error *e);
/* Store m, the shipped model trained on n_train messages, as its changed rows. */
LT_MUST_CHECK int lt_app_fb_store_trained(lt_db *db, const lt_fbm *m, int64_t n_train,
					  lt_error *e);
/*
 * Rebuild the database's copy from the shipped model by replaying every
 * confirmed message, in the caller's transaction; none confirmed: the copy
 * is dropped (the shipped model classifies), *trained false.
 */
LT_MUST_CHECK int lt_app_fb_train_in_tx(lt_db *db, bool *trained, size_t *n_used, lt_error *e);
/* The scores of a model on a split as the eval and the manifest print them. */
json_t *lt_app_fb_scores_json(const lt_fbm_scores *s);

/* The out-of-memory error. */
int lt_app_fb_nomem(lt_error *e);

#endif
