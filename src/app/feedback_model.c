/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * feedback_model.c — the feedback model in the app (text/classify_fb.h):
 *   - the shipped model, data/model/feedback.model built into the binary
 *     (`make model` rebuilds it from data/feedback/), parsed once and shared:
 *     a new installation classifies with it from the first message;
 *   - the database's copy (feedback_learn.c: the shipped model plus the
 *     rows cadres' confirmations changed), which an officer's "train"
 *     rebuilds from the shipped model by replaying every confirmed message,
 *     oldest first;
 *   - the use cases over it: its state, training, and building the shipped
 *     model from a corpus (the manifest says how).
 */
#include <jansson.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "app/feedback_int.h"
#include "store/audit.h"
#include "text/classify_fb_delta.h"
#include "text/corpus.h"

extern const unsigned char lt_fb_model_shipped[];
extern const size_t lt_fb_model_shipped_size;

#define REPLAY_PASSES 2

static lt_fbm *shipped;
static uint64_t shipped_id;
static pthread_once_t shipped_once = PTHREAD_ONCE_INIT;

static void shipped_load(void)
{
	lt_error e;

	shipped_id = lt_fbm_id(lt_fb_model_shipped, lt_fb_model_shipped_size);
	if (lt_fbm_load(lt_fb_model_shipped, lt_fb_model_shipped_size, &shipped, &e))
		shipped = NULL;
}

int lt_app_fb_shipped(const lt_fbm **m, lt_error *e)
{
	pthread_once(&shipped_once, shipped_load);
	*m = shipped;
	if (!shipped)
		return lt_error_set(e, LT_EINTERNAL, "model",
				    "mô hình kèm theo lantoa bị hỏng (hãy chạy make model)",
				    "the model shipped with lantoa is corrupt (run make model)");
	return 0;
}

uint64_t lt_app_fb_shipped_id(void)
{
	pthread_once(&shipped_once, shipped_load);
	return shipped_id;
}

/*
 * Replay every confirmed message on a copy of the shipped model: *out NULL
 * when none is confirmed. Only reads: the training (seconds on a big
 * inbox) runs outside the write transaction, which then holds the lock
 * only to store the result.
 */
static int train_copy(lt_db *db, lt_fbm **out, size_t *n_used, lt_error *e)
{
	lt_arena a;
	const lt_fbm *base = NULL;
	lt_fbm *m = NULL;
	lt_fb_text *rows = NULL;
	size_t n = 0;
	int rc;

	*out = NULL;
	*n_used = 0;
	lt_arena_init(&a);
	rc = lt_feedback_confirmed(db, &a, &rows, &n, e);
	if (!rc && n)
		rc = lt_app_fb_shipped(&base, e);
	if (!rc && n)
		rc = lt_fbm_clone(base, &m, e); /* a memory copy: no parse */
	for (int pass = 0; pass < REPLAY_PASSES && !rc && n; pass++)
		for (size_t i = 0; i < n && !rc; i++)
			rc = lt_fbm_update(m, rows[i].text, strlen(rows[i].text), rows[i].topics, e);
	lt_arena_free(&a);
	if (rc) {
		lt_fbm_free(m);
		return rc;
	}
	*out = m;
	*n_used = n;
	return 0;
}

/* What the training read: a confirmation since then changes one of these. */
static int train_basis(lt_db *db, lt_fb_model_info *out, lt_error *e)
{
	int rc = lt_feedback_model_meta(db, out, e);

	out->bytes = 0;
	return rc;
}

static bool same_basis(const lt_fb_model_info *x, const lt_fb_model_info *y)
{
	return x->present == y->present && x->n_train == y->n_train && x->updates == y->updates &&
	       x->trained_at == y->trained_at && x->updated_at == y->updated_at &&
	       x->confirmed == y->confirmed;
}

int lt_app_fb_train_in_tx(lt_db *db, bool *trained, size_t *n_used, lt_error *e)
{
	lt_fbm *m = NULL;
	size_t n = 0;
	int rc = train_copy(db, &m, &n, e);

	if (!rc)
		rc = m ? lt_app_fb_store_trained(db, m, (int64_t)n, e) : lt_feedback_model_drop(db, e);
	lt_fbm_free(m);
	if (trained)
		*trained = !rc && n;
	if (n_used)
		*n_used = rc ? 0 : n;
	return rc;
}

/* ---------- use cases ---------- */

int lt_app_feedback_model(lt_db *db, const lt_actor *who, lt_fb_model_info *out, lt_error *e)
{
	const lt_fbm *m = NULL;
	lt_fb_shared *ref = NULL;
	int rc = lt_actor_need_role(who, LT_ROLE_CADRE, e);

	memset(out, 0, sizeof(*out));
	if (!rc)
		rc = lt_feedback_model_meta(db, out, e);
	if (!rc)
		rc = lt_app_fb_model_use(db, &m, &ref, e);
	if (rc)
		return rc;
	out->nfeatures = lt_svm_nfeatures(lt_fbm_svm(m));
	out->shipped = !ref || !lt_app_fb_model_learnt(ref);
	lt_app_fb_model_release(ref);
	if (out->shipped) {
		/* what classifies is the shipped model, whatever the table holds */
		out->present = true;
		out->n_train = 0;
		out->updates = 0;
		out->bytes = lt_fb_model_shipped_size;
	}
	return 0;
}

int lt_app_feedback_train(lt_db *db, const lt_actor *who, lt_fb_trained *out, lt_error *e)
{
	char detail[96];
	lt_fb_model_info before, now;
	lt_fbm *m = NULL;
	size_t n = 0;
	int rc = lt_actor_need_role(who, LT_ROLE_OFFICER, e);

	memset(out, 0, sizeof(*out));
	if (!rc)
		rc = train_basis(db, &before, e);
	if (!rc)
		rc = train_copy(db, &m, &n, e);
	if (!rc)
		rc = lt_db_begin(db, e);
	if (rc) {
		lt_fbm_free(m);
		return rc;
	}
	/* a confirmation on another node waits until the training is stored */
	rc = lt_feedback_model_lock(db, false, e);
	if (!rc)
		rc = train_basis(db, &now, e);
	if (!rc && same_basis(&before, &now)) {
		rc = m ? lt_app_fb_store_trained(db, m, (int64_t)n, e) : lt_feedback_model_drop(db, e);
		out->trained = !rc && m;
		out->used = n;
	} else if (!rc) {
		/* A cadre confirmed a message meanwhile: train again, on what is there now. */
		rc = lt_app_fb_train_in_tx(db, &out->trained, &out->used, e);
	}
	lt_fbm_free(m);
	snprintf(detail, sizeof(detail), "{\"messages\":%zu,\"trained\":%s}", out->used,
		 out->trained ? "true" : "false");
	if (!rc)
		rc = lt_audit(db, lt_actor_audit_id(who), "train", "feedback_model", 1, detail, e);
	rc = lt_db_end(db, rc, e);
	if (!rc)
		rc = lt_app_feedback_model(db, who, &out->model, e);
	if (rc) {
		out->trained = false;
		out->used = 0;
	}
	return rc;
}

/* ---------- building the shipped model ---------- */

static json_t *file_json(const char *dir, const char *name, size_t n, lt_error *e, int *rc)
{
	char path[4096];
	unsigned char h[crypto_hash_sha256_BYTES];
	char hex[2 * crypto_hash_sha256_BYTES + 1];
	FILE *f;
	crypto_hash_sha256_state st;
	unsigned char buf[65536];
	size_t k;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "rb");
	if (!f) {
		*rc = lt_error_set(e, LT_EIO, "--corpus", "không đọc được %s", "cannot read %s", path);
		return NULL;
	}
	crypto_hash_sha256_init(&st);
	while ((k = fread(buf, 1, sizeof(buf), f)) > 0)
		crypto_hash_sha256_update(&st, buf, k);
	fclose(f);
	crypto_hash_sha256_final(&st, h);
	sodium_bin2hex(hex, sizeof(hex), h, sizeof(h));
	return json_pack("{s:s,s:I,s:s}", "file", name, "messages", (json_int_t)n, "sha256", hex);
}

json_t *lt_app_fb_scores_json(const lt_fbm_scores *s)
{
	json_t *topics = json_object();

	for (int t = 0; t < LT_TOPIC_COUNT; t++)
		json_object_set_new(topics, lt_topic_code(t),
				    json_pack("{s:f,s:f,s:f,s:I}", "precision",
					      s->topic[t].precision, "recall", s->topic[t].recall,
					      "f1", s->topic[t].f1, "support",
					      (json_int_t)s->topic[t].support));
	return json_pack("{s:I,s:f,s:f,s:f,s:f,s:o,s:{s:f,s:f,s:f},s:{s:f,s:f,s:f,s:I}}", "n",
			 (json_int_t)s->n, "top1_accuracy", s->top1, "macro_f1", s->macro_f1,
			 "weighted_f1", s->weighted_f1, "main_in_gold_topics", s->in_gold,
			 "topics", topics, "multi_label", "precision", s->ml_precision, "recall",
			 s->ml_recall, "f1", s->ml_f1, "urgency", "precision",
			 s->urgent_precision, "recall", s->urgent_recall, "f1", s->urgent_f1,
			 "support", (json_int_t)s->urgent_support);
}

static json_t *settings_json(const lt_svm_opts *o, const lt_fbm_calib *c)
{
	json_t *feats = json_array(), *th = json_object();
	static const char *const kinds[] = { "syllable", "syllable_pair", "syllable_triple",
					     "char3", "char4", "with_diacritics", "first_syllable" };

	for (int k = 0; k < 7; k++)
		if (o->feats & (1u << k))
			json_array_append_new(feats, json_string(kinds[k]));
	for (int t = 0; t < LT_TOPIC_COUNT; t++)
		json_object_set_new(th, lt_topic_code(t),
				    c->threshold[t] < 1e299 ? json_real(c->threshold[t])
							    : json_null());
	return json_pack("{s:s,s:o,s:s,s:f,s:f,s:i,s:f,s:I,s:I,s:s,s:o,s:f}", "algorithm",
			 "one-vs-rest linear SVM (squared hinge, L2), dual coordinate descent;"
			 " TF-IDF (1+ln tf) features, L2-normalised",
			 "features", feats, "lexicons", "topic and urgency keywords (topics.c, urgency.c)",
			 "c", o->c, "topic_class_weight", o->class_weight, "max_iterations", o->iters,
			 "lexicon_weight", o->lex_weight,
			 "max_bytes", (json_int_t)o->max_bytes, "seed", (json_int_t)o->seed,
			 "calibration", "out-of-fold margins of a site-grouped 5-fold cross-validation over"
			 " the training messages: per-topic secondary threshold with the best F1;"
			 " urgency threshold with the best min(precision, recall)",
			 "secondary_thresholds", th, "urgent_threshold", c->urgent_threshold);
}

const char *const lt_app_fb_pool_files[] = {
	"train.jsonl", "dev.jsonl", "holdout.jsonl", "holdout2.jsonl", "holdout3.jsonl",
	"holdout4.jsonl", NULL,
};

int lt_app_fb_pool_load(const char *dir, lt_fb_pool *p, lt_error *e)
{
	char path[4096];
	struct stat sb;
	int rc = 0;

	for (size_t i = 0; lt_app_fb_pool_files[i] && !rc; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, lt_app_fb_pool_files[i]);
		if (i && (stat(path, &sb) || !S_ISREG(sb.st_mode)))
			continue; /* only train.jsonl is required */
		p->file[p->nfiles] = lt_app_fb_pool_files[i];
		p->first[p->nfiles] = p->all.n;
		rc = lt_fbc_load(path, &p->all, e);
		p->n[p->nfiles] = p->all.n - p->first[p->nfiles];
		p->nfiles++;
	}
	return rc;
}

int lt_app_fb_pool_find(const lt_fb_pool *p, const char *name)
{
	for (size_t i = 0; i < p->nfiles; i++)
		if (!strcmp(p->file[i], name))
			return (int)i;
	return -1;
}

/* {"dev.jsonl": out-of-fold scores of its messages, …} for every pool file but train. */
static json_t *per_file_json(const lt_fbm *m, const lt_fb_pool *p, const double *oof)
{
	json_t *o = json_object();

	for (size_t i = 1; o && i < p->nfiles; i++) {
		lt_fbm_scores s;
		char key[64];
		snprintf(key, sizeof(key), "%.*s", (int)(strlen(p->file[i]) - 6), p->file[i]);
		lt_fbm_eval_margins(m, p->all.v + p->first[i], p->n[i], oof + p->first[i] * LT_FBM_NOUT,
				    &s);
		json_object_set_new(o, key, lt_app_fb_scores_json(&s));
	}
	return o;
}

int lt_app_feedback_model_build(const lt_actor *who, const char *dir, lt_buf *model,
				json_t **manifest, lt_error *e)
{
	lt_fb_pool pool = { 0 };
	lt_svm_opts o;
	lt_fbm *m = NULL;
	lt_fbm_calib cal;
	lt_fbm_scores cv;
	json_t *files = NULL, *scores = NULL;
	double *oof = NULL;
	unsigned char h[crypto_hash_sha256_BYTES];
	char hex[2 * crypto_hash_sha256_BYTES + 1];
	int rc = 0;

	(void)who; /* reads files only */
	*manifest = NULL;
	if (!dir || !*dir)
		return lt_error_set(e, LT_EINVAL, "--corpus", "thiếu --corpus DIR",
				    "missing --corpus DIR");
	rc = lt_app_fb_pool_load(dir, &pool, e);
	if (!rc && !(oof = malloc((pool.all.n ? pool.all.n : 1) * LT_FBM_NOUT * sizeof(*oof))))
		rc = lt_app_fb_nomem(e);
	lt_svm_opts_default(&o);
	if (!rc)
		rc = lt_fbm_train_cv(&o, pool.all.v, pool.all.n, LT_APP_FB_FOLDS, &m, oof, &cal, e);
	if (!rc)
		rc = lt_fbm_save(m, model, e);
	if (!rc && !(files = json_array()))
		rc = lt_app_fb_nomem(e);
	for (size_t i = 0; i < pool.nfiles && !rc; i++) {
		json_t *f = file_json(dir, pool.file[i], pool.n[i], e, &rc);
		if (!rc && json_array_append_new(files, f))
			rc = lt_app_fb_nomem(e);
	}
	if (rc)
		goto out;
	lt_fbm_eval_margins(m, pool.all.v, pool.all.n, oof, &cv);
	scores = per_file_json(m, &pool, oof);
	if (scores && json_object_set_new(scores, "cross_validation", lt_app_fb_scores_json(&cv))) {
		json_decref(scores);
		scores = NULL;
	}
	crypto_hash_sha256(h, (const unsigned char *)model->ptr, model->len);
	sodium_bin2hex(hex, sizeof(hex), h, sizeof(h));
	if (scores)
		*manifest = json_pack(
			"{s:s,s:I,s:s,s:I,s:{s:o,s:I,s:s,s:s},s:o,s:o,s:s}", "model",
			"feedback.model", "bytes", (json_int_t)model->len, "sha256", hex, "features",
			(json_int_t)lt_svm_nfeatures(lt_fbm_svm(m)), "corpus", "trained_on", files,
			"messages", (json_int_t)pool.all.n, "calibrated_on",
			"out-of-fold margins of a site-grouped 5-fold cross-validation over the"
			" training messages (no site in two folds)", "rule",
			"settings chosen by that cross-validation; holdout5.jsonl (the blind set of"
			" issue 14 round 5) is neither trained on nor scored here",
			"settings", settings_json(&o, &cal), "scores", scores, "rebuild", "make model");
	files = NULL;
	if (!*manifest)
		rc = lt_app_fb_nomem(e);
out:
	json_decref(files);
	free(oof);
	lt_fbm_free(m);
	lt_fbc_free(&pool.all);
	return rc;
}
