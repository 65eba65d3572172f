/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * feedback_learn.c — the database's feedback model: the shipped model plus
 * the rows cadres' confirmations changed (store/feedback.h, migration 31).
 *
 *   - A confirmation learns at once (a few passive-aggressive steps, no
 *     retraining inside the cadre's transaction) and writes only what the
 *     update changed: the rows of the message's features and the biases
 *     (tens to a couple of hundred rows), as increments added to the stored
 *     sums, never the whole model (1.2–1.7 MB).
 *   - Two nodes confirming at once: the head row's lock (taken first) makes
 *     the second wait and then learn from the first's rows, as one node
 *     would; and the rows add rather than overwrite, so that even updates
 *     computed from the same state both stay (store/feedback_model.c).
 *   - It learns on a copy the process keeps (the learner), brought up to
 *     date like the readers' and never changed by learning: the change is
 *     measured, then taken back (lt_fbm_change_of).
 *   - Classification uses one copy per process, shared between threads:
 *     built once (the shipped model copied in memory, every row applied),
 *     then kept current by applying only the rows of the versions it has
 *     not seen; the head row's stamp and version say when that is needed.
 *   - Rows derived from another shipped model (an older or newer lantoa),
 *     and a whole copy written by an older lantoa that derives from another
 *     shipped model, are set aside: the shipped model classifies, the next
 *     confirmation starts over from it, an officer's "train" rebuilds the
 *     rows by replaying every confirmed message. A whole copy derived from
 *     this shipped model is the base the rows add to until a training.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/feedback_int.h"
#include "text/classify_fb_delta.h"

/* A whole copy an older lantoa stored, parsed once: shared by the copies built on it. */
typedef struct legacy {
	lt_fbm *m;
	_Atomic int refs;
} legacy;

static legacy *legacy_hold(legacy *l)
{
	if (l)
		l->refs++;
	return l;
}

static void legacy_drop(legacy *l)
{
	if (l && --l->refs == 0) {
		lt_fbm_free(l->m);
		free(l);
	}
}

/*
 * The copy that classifies for one stamp, current up to version. `refs`
 * counts the cache and every classifier holding it; the last to let go
 * frees it. Nobody writes a copy another can reach: a refresh applies rows
 * in place only to a copy the cache alone held, else to a new copy.
 */
struct lt_fb_shared {
	lt_fbm *m;      /* base plus rows; NULL: set aside (the shipped model classifies) */
	legacy *legacy; /* the whole copy of an older lantoa the rows add to, or NULL */
	char stamp[LT_FB_STAMP_MAX];
	int64_t version;
	int refs;
};

static pthread_mutex_t shared_mu = PTHREAD_MUTEX_INITIALIZER;  /* refs, shared_last */
static pthread_mutex_t refresh_mu = PTHREAD_MUTEX_INITIALIZER; /* one refresh at a time */
static lt_fb_shared *shared_last; /* the current copy, or NULL */
static _Atomic long long builds;  /* copies built whole */

/*
 * The transaction (lt_db_tx_seq) in which this thread last wrote the model:
 * what it reads there includes its own rows, which a rollback (its own, or
 * its group-commit batch's) would take back, so it never fills the cache.
 */
static _Thread_local struct {
	const lt_db *db;
	uint64_t seq;
} wrote;

static void mark_wrote(const lt_db *db)
{
	wrote.db = db;
	wrote.seq = lt_db_tx_seq(db);
}

static bool wrote_here(const lt_db *db)
{
	return wrote.db == db && wrote.seq && wrote.seq == lt_db_tx_seq(db);
}

static void shared_free(lt_fb_shared *s)
{
	lt_fbm_free(s->m);
	legacy_drop(s->legacy);
	free(s);
}

static void shared_drop(lt_fb_shared *s)
{
	if (s && --s->refs == 0)
		shared_free(s);
}

void lt_app_fb_model_release(lt_fb_shared *s)
{
	pthread_mutex_lock(&shared_mu);
	shared_drop(s);
	pthread_mutex_unlock(&shared_mu);
}

/* The cached copy when it is at least as new as head (a hold for the caller), else NULL. */
static lt_fb_shared *cached(const lt_fb_model_head *h)
{
	lt_fb_shared *s = NULL;

	pthread_mutex_lock(&shared_mu);
	if (shared_last && !strcmp(shared_last->stamp, h->stamp) &&
	    shared_last->version >= h->version) {
		s = shared_last;
		s->refs++;
	}
	pthread_mutex_unlock(&shared_mu);
	return s;
}

typedef struct apply_ctx {
	lt_fbm *m;
	const lt_fbm *base;
	int64_t version; /* the newest row's */
} apply_ctx;

static int apply_row(void *ctx, const lt_fb_model_row *r, lt_error *e)
{
	apply_ctx *c = ctx;

	if (r->version > c->version)
		c->version = r->version;
	return lt_fbm_set_row(c->m, c->base, r->feature, (float)r->idf, r->w, e);
}

/* Apply to s the rows changed after s->version over base; s->version becomes the newest seen. */
static int apply_rows(lt_db *db, lt_fb_shared *s, const lt_fbm *base, const lt_fb_model_head *h,
		      lt_error *e)
{
	apply_ctx c = { s->m, base, h->version };
	int rc = lt_feedback_model_rows(db, s->version, apply_row, &c, e);

	if (rc)
		return rc;
	lt_fbm_set_updates(s->m, lt_svm_updates(lt_fbm_svm(base)) + (uint64_t)h->updates);
	s->version = c.version;
	return 0;
}

/* The base a new copy starts from: shipped, or a whole copy (s->legacy); *aside when neither. */
static int base_of(lt_db *db, const lt_fb_model_head *h, lt_fb_shared *s, const lt_fbm **base,
		   bool *aside, lt_error *e)
{
	lt_arena a;
	lt_error ignored;
	lt_fbm *m = NULL;
	const void *p = NULL;
	size_t n = 0;
	int rc = lt_app_fb_shipped(base, e);

	*aside = false;
	if (rc || !h->blob) {
		*aside = !rc && (uint64_t)h->base != lt_app_fb_shipped_id();
		return rc;
	}
	lt_arena_init(&a);
	rc = lt_feedback_model_blob(db, &a, &p, &n, e);
	/* a copy of another format or another shipped model is set aside */
	if (!rc && p && !lt_fbm_load(p, n, &m, &ignored) && lt_fbm_base(m) != lt_app_fb_shipped_id()) {
		lt_fbm_free(m);
		m = NULL;
	}
	if (m && !(s->legacy = calloc(1, sizeof(*s->legacy)))) {
		lt_fbm_free(m);
		m = NULL;
		rc = rc ? rc : lt_app_fb_nomem(e);
	}
	if (m) {
		s->legacy->m = m;
		s->legacy->refs = 1;
	}
	lt_arena_free(&a);
	*aside = !s->legacy;
	*base = s->legacy ? s->legacy->m : NULL;
	return rc;
}

/* A new copy of head's stamp (refs 1: the caller's): every row applied to its base. */
static int build(lt_db *db, const lt_fb_model_head *h, lt_fb_shared **out, lt_error *e)
{
	lt_fb_shared *s = calloc(1, sizeof(*s));
	const lt_fbm *base = NULL;
	bool aside = false;
	int rc = s ? 0 : lt_app_fb_nomem(e);

	builds++;

	if (!rc) {
		snprintf(s->stamp, sizeof(s->stamp), "%s", h->stamp);
		s->version = -1;
		s->refs = 1;
		rc = base_of(db, h, s, &base, &aside, e);
	}
	if (!rc && !aside)
		rc = lt_fbm_clone(base, &s->m, e);
	if (!rc && !aside)
		rc = apply_rows(db, s, base, h, e);
	if (!rc && aside)
		s->version = h->version;
	if (rc && s) {
		shared_free(s);
		return rc;
	}
	*out = s;
	return 0;
}

/*
 * A copy of c that only the caller holds (refs 1), at c's version: its own
 * model, and c's whole copy of an older lantoa, if any, shared (never written).
 */
static int copy_of(const lt_fb_shared *c, lt_fb_shared **out, lt_error *e)
{
	lt_fb_shared *s = calloc(1, sizeof(*s));
	int rc = s ? lt_fbm_clone(c->m, &s->m, e) : lt_app_fb_nomem(e);

	*out = NULL;
	if (rc) {
		if (s)
			shared_free(s);
		return rc;
	}
	memcpy(s->stamp, c->stamp, sizeof(s->stamp));
	s->version = c->version;
	s->refs = 1;
	s->legacy = legacy_hold(c->legacy);
	*out = s;
	return 0;
}

/* Apply to s the rows after its version, over its base (its older whole copy, or shipped). */
static int apply_newer(lt_db *db, lt_fb_shared *s, const lt_fb_model_head *h, lt_error *e)
{
	const lt_fbm *shipped = NULL;
	int rc = lt_app_fb_shipped(&shipped, e);

	return rc ? rc : apply_rows(db, s, s->legacy ? s->legacy->m : shipped, h, e);
}

/*
 * The copy for head, with refresh_mu held (refs 1: the caller's): the cached
 * copy of the same stamp brought up to date — in place when nobody else holds
 * it, else on a copy — or a new one.
 */
static int refresh(lt_db *db, const lt_fb_model_head *h, lt_fb_shared **out, lt_error *e)
{
	lt_fb_shared *old = NULL, *s = NULL;
	int rc = 0;

	pthread_mutex_lock(&shared_mu);
	if (shared_last && shared_last->m && !strcmp(shared_last->stamp, h->stamp)) {
		old = shared_last; /* the cache's hold is ours now */
		shared_last = NULL;
		if (old->refs == 1) {
			s = old;
			old = NULL;
		} else {
			old->refs++; /* ours, for the copy */
		}
	}
	pthread_mutex_unlock(&shared_mu);
	if (old) {
		rc = copy_of(old, &s, e);
		pthread_mutex_lock(&shared_mu);
		old->refs--;      /* the cache's hold (another's remains) */
		shared_drop(old); /* ours */
		pthread_mutex_unlock(&shared_mu);
		if (rc)
			return rc;
	}
	if (s) {
		rc = apply_newer(db, s, h, e);
	} else {
		rc = build(db, h, &s, e);
	}
	if (rc) {
		if (s)
			shared_free(s);
		return rc;
	}
	*out = s;
	return 0;
}

/*
 * A copy for head that only the caller holds (refs 1), never cached: the
 * cached copy of the same stamp, copied and brought up to date, else one
 * built whole.
 */
static int private_copy(lt_db *db, const lt_fb_model_head *h, lt_fb_shared **out, lt_error *e)
{
	lt_fb_shared *c = NULL, *s = NULL;
	int rc;

	pthread_mutex_lock(&shared_mu);
	if (shared_last && shared_last->m && !strcmp(shared_last->stamp, h->stamp)) {
		c = shared_last;
		c->refs++;
	}
	pthread_mutex_unlock(&shared_mu);
	if (!c)
		return build(db, h, out, e);
	rc = copy_of(c, &s, e);
	lt_app_fb_model_release(c);
	if (!rc)
		rc = apply_newer(db, s, h, e);
	if (rc) {
		if (s)
			shared_free(s);
		return rc;
	}
	*out = s;
	return 0;
}

int lt_app_fb_model_use(lt_db *db, const lt_fbm **m, lt_fb_shared **ref, lt_error *e)
{
	lt_fb_model_head h;
	lt_fb_shared *s = NULL;
	const lt_fbm *base = NULL;
	int rc = lt_app_fb_shipped(&base, e);

	*m = NULL;
	*ref = NULL;
	if (!rc)
		rc = lt_feedback_model_head(db, &h, e);
	if (rc)
		return rc;
	if (!h.present) { /* nothing learnt: the shipped model */
		*m = base;
		return 0;
	}
	s = cached(&h);
	if (!s && wrote_here(db)) {
		rc = private_copy(db, &h, &s, e);
		if (rc)
			return rc;
	}
	if (!s) {
		pthread_mutex_lock(&refresh_mu);
		s = cached(&h); /* another thread may have refreshed meanwhile */
		if (!s) {
			rc = refresh(db, &h, &s, e);
			if (!rc) {
				pthread_mutex_lock(&shared_mu);
				shared_drop(shared_last);
				shared_last = s;
				s->refs++;
				pthread_mutex_unlock(&shared_mu);
			}
		}
		pthread_mutex_unlock(&refresh_mu);
		if (rc)
			return rc;
	}
	*m = s->m ? s->m : base;
	*ref = s;
	return 0;
}

/* The rows of a change, as the store takes them. OUT *rows owned (free). */
static int change_rows(const lt_fbm_delta *d, lt_fb_model_row **rows, lt_error *e)
{
	_Static_assert(LT_FB_MODEL_NOUT == LT_FBM_NOUT, "the store keeps every output");
	*rows = calloc(d->n ? d->n : 1, sizeof(**rows));
	if (!*rows)
		return lt_app_fb_nomem(e);
	for (size_t i = 0; i < d->n; i++) {
		(*rows)[i].feature = d->v[i].id;
		(*rows)[i].idf = d->v[i].idf;
		memcpy((*rows)[i].w, d->v[i].w, sizeof((*rows)[i].w));
	}
	return 0;
}

/*
 * The copy this process learns on: kept from one confirmation to the next,
 * brought up to date with the rows of the versions it has not seen, and
 * never changed by learning (lt_fbm_change_of measures an update and takes
 * it back): a confirmation needs no copy of the model. Only for rows over
 * the shipped model (a whole copy of an older lantoa learns on a copy).
 */
static pthread_mutex_t learner_mu = PTHREAD_MUTEX_INITIALIZER;
static struct {
	lt_fbm *m;
	char stamp[LT_FB_STAMP_MAX];
	int64_t version;
} learner;

/* The change of learning text on the learner (learner_mu held), which is brought up to date. */
static int learner_change(lt_db *db, const lt_fb_model_head *h, const char *text,
			  uint32_t topics, lt_fbm_delta *d, lt_error *e)
{
	const lt_fbm *shipped = NULL, *cur = NULL;
	lt_fb_shared *ref = NULL;
	lt_fb_shared s = { 0 };
	int rc = lt_app_fb_shipped(&shipped, e);

	if (!rc && (!learner.m || strcmp(learner.stamp, h->stamp) || learner.version > h->version)) {
		lt_fbm_free(learner.m);
		learner.m = NULL;
		rc = lt_app_fb_model_use(db, &cur, &ref, e);
		if (!rc && !lt_app_fb_model_learnt(ref))
			rc = lt_error_set(e, LT_EINTERNAL, "model", "mô hình bị gác lại",
					  "the stored model is set aside");
		if (!rc)
			rc = lt_fbm_clone(cur, &learner.m, e);
		if (!rc) {
			snprintf(learner.stamp, sizeof(learner.stamp), "%s", ref->stamp);
			learner.version = ref->version;
		}
		lt_app_fb_model_release(ref);
	}
	if (!rc) {
		s.m = learner.m;
		s.version = learner.version;
		rc = apply_rows(db, &s, shipped, h, e);
		learner.version = s.version;
	}
	if (!rc)
		rc = lt_fbm_change_of(learner.m, text, strlen(text), topics, d, e);
	if (rc) { /* in doubt: built again next time */
		lt_fbm_free(learner.m);
		learner.m = NULL;
	}
	return rc;
}

int lt_app_fb_learn(lt_db *db, const char *text, uint32_t topics, lt_error *e)
{
	const lt_fbm *cur = NULL;
	lt_fb_shared *ref = NULL;
	lt_fbm *work = NULL;
	lt_fbm_delta d;
	lt_fb_model_head h;
	lt_fb_model_row *rows = NULL;
	bool fresh = false, keep;
	int64_t confirmed = 1;
	int rc;

	lt_fbm_delta_init(&d);
	/* the head's lock first: a node confirming at the same time waits for our rows */
	rc = lt_feedback_model_lock(db, true, e);
	if (!rc)
		rc = lt_feedback_model_head(db, &h, e);
	fresh = !rc && !h.blob && (uint64_t)h.base != lt_app_fb_shipped_id();
	/* the learner reads rows: only those of committed transactions */
	keep = !rc && !fresh && !h.blob && !wrote_here(db);
	if (keep) {
		pthread_mutex_lock(&learner_mu);
		rc = learner_change(db, &h, text, topics, &d, e);
		pthread_mutex_unlock(&learner_mu);
	} else if (!rc && !fresh) {
		rc = lt_app_fb_model_use(db, &cur, &ref, e);
		fresh = !rc && !lt_app_fb_model_learnt(ref);
	}
	if (!rc)
		mark_wrote(db); /* from here on, this transaction's reads include its own rows */
	if (!rc && fresh) {
		/* nothing learnt, or set aside: a new copy of the shipped model */
		rc = lt_feedback_confirmed_count(db, &confirmed, e);
		if (!rc)
			rc = lt_feedback_model_reset(db, (int64_t)lt_app_fb_shipped_id(),
						     confirmed > 0 ? confirmed : 1, e);
		if (!rc)
			rc = lt_app_fb_shipped(&cur, e);
	}
	/* else learnt on a copy (in memory, no parse), of which only the change is kept */
	if (!rc && !keep)
		rc = lt_fbm_clone(cur, &work, e);
	lt_app_fb_model_release(ref);
	if (!rc && !keep)
		rc = lt_fbm_learn(work, text, strlen(text), topics, &d, e);
	if (!rc)
		rc = change_rows(&d, &rows, e);
	if (!rc)
		rc = lt_feedback_model_add(db, rows, d.n, !fresh, e);
	free(rows);
	lt_fbm_free(work);
	lt_fbm_delta_free(&d);
	return rc;
}

int lt_app_fb_store_trained(lt_db *db, const lt_fbm *m, int64_t n_train, lt_error *e)
{
	const lt_fbm *shipped = NULL;
	lt_fbm_delta d;
	lt_fb_model_row *rows = NULL;
	int rc = lt_app_fb_shipped(&shipped, e);

	lt_fbm_delta_init(&d);
	mark_wrote(db);
	if (!rc)
		rc = lt_fbm_diff(m, shipped, &d, e);
	if (!rc)
		rc = change_rows(&d, &rows, e);
	if (!rc)
		rc = lt_feedback_model_reset(db, (int64_t)lt_app_fb_shipped_id(), n_train, e);
	if (!rc)
		rc = lt_feedback_model_add(db, rows, d.n, false, e);
	free(rows);
	lt_fbm_delta_free(&d);
	return rc;
}

bool lt_app_fb_model_learnt(const lt_fb_shared *ref)
{
	return ref && ref->m;
}

long long lt_app_fb_model_builds(void)
{
	return builds;
}
