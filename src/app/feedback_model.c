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

static json_t *file_json(const char *dir, const char *name, const lt_fbc *c, lt_error *e,
			 int *rc)
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
	return json_pack("{s:s,s:I,s:s}", "file", name, "messages", (json_int_t)c->n, "sha256", hex);
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
			 "calibration", "dev: per-topic secondary threshold with the best F1;"
			 " urgency threshold with the best min(precision, recall)",
			 "secondary_thresholds", th, "urgent_threshold", c->urgent_threshold);
}

int lt_app_feedback_model_build(const lt_actor *who, const char *dir, lt_buf *model,
				json_t **manifest, lt_error *e)
{
	lt_fbc tr = { 0 }, dv = { 0 }, ho = { 0 }, h2 = { 0 };
	char path[4096];
	struct stat sb;
	bool have_h2;
	lt_svm_opts o;
	lt_fbm *m = NULL;
	lt_fbm_calib cal;
	lt_fbm_scores sd, sh, s2;
	json_t *files[4] = { NULL, NULL, NULL, NULL };
	unsigned char h[crypto_hash_sha256_BYTES];
	char hex[2 * crypto_hash_sha256_BYTES + 1];
	int rc = 0;

	(void)who; /* reads files only */
	*manifest = NULL;
	if (!dir || !*dir)
		return lt_error_set(e, LT_EINVAL, "--corpus", "thiếu --corpus DIR",
				    "missing --corpus DIR");
	snprintf(path, sizeof(path), "%s/train.jsonl", dir);
	rc = lt_fbc_load(path, &tr, e);
	snprintf(path, sizeof(path), "%s/dev.jsonl", dir);
	if (!rc)
		rc = lt_fbc_load(path, &dv, e);
	snprintf(path, sizeof(path), "%s/holdout.jsonl", dir);
	if (!rc)
		rc = lt_fbc_load(path, &ho, e);
	/* holdout2.jsonl (optional): a second out-of-corpus set, scored only */
	snprintf(path, sizeof(path), "%s/holdout2.jsonl", dir);
	have_h2 = !stat(path, &sb) && S_ISREG(sb.st_mode);
	if (!rc && have_h2)
		rc = lt_fbc_load(path, &h2, e);
	lt_svm_opts_default(&o);
	if (!rc)
		rc = lt_fbm_train(&o, tr.v, tr.n, &m, e);
	if (!rc && (lt_fbm_calibrate(m, dv.v, dv.n, &cal) || lt_fbm_eval(m, dv.v, dv.n, &sd) ||
		    lt_fbm_eval(m, ho.v, ho.n, &sh) || (have_h2 && lt_fbm_eval(m, h2.v, h2.n, &s2))))
		rc = lt_app_fb_nomem(e);
	if (!rc)
		rc = lt_fbm_save(m, model, e);
	if (!rc)
		files[0] = file_json(dir, "train.jsonl", &tr, e, &rc);
	if (!rc)
		files[1] = file_json(dir, "dev.jsonl", &dv, e, &rc);
	if (!rc)
		files[2] = file_json(dir, "holdout.jsonl", &ho, e, &rc);
	if (!rc && have_h2)
		files[3] = file_json(dir, "holdout2.jsonl", &h2, e, &rc);
	if (rc)
		goto out;
	crypto_hash_sha256(h, (const unsigned char *)model->ptr, model->len);
	sodium_bin2hex(hex, sizeof(hex), h, sizeof(h));
	*manifest = json_pack(
		"{s:s,s:I,s:s,s:I,s:{s:o,s:o,s:o,s:s},s:o,s:{s:o,s:o},s:s}", "model",
		"feedback.model", "bytes", (json_int_t)model->len, "sha256", hex, "features",
		(json_int_t)lt_svm_nfeatures(lt_fbm_svm(m)), "corpus", "trained_on", files[0],
		"calibrated_on", files[1], "scored_on", files[2], "rule",
		"fit on train only; thresholds and settings chosen on dev; holdout and holdout2 never"
		" used to choose",
		"settings", settings_json(&o, &cal), "scores", "dev", lt_app_fb_scores_json(&sd),
		"holdout", lt_app_fb_scores_json(&sh), "rebuild", "make model");
	files[0] = files[1] = files[2] = NULL;
	if (*manifest && have_h2) {
		json_t *h2s = lt_app_fb_scores_json(&s2);
		/* json_object_set_new takes the reference, also when it fails */
		int bad = json_object_set_new(json_object_get(*manifest, "corpus"),
					      "also_scored_on", files[3]);

		files[3] = NULL;
		if (bad)
			json_decref(h2s);
		if (bad || json_object_set_new(json_object_get(*manifest, "scores"), "holdout2", h2s)) {
			json_decref(*manifest);
			*manifest = NULL;
		}
	}
	if (!*manifest)
		rc = lt_app_fb_nomem(e);
out:
	for (int i = 0; i < 4; i++)
		json_decref(files[i]);
	lt_fbm_free(m);
	lt_fbc_free(&tr);
	lt_fbc_free(&dv);
	lt_fbc_free(&ho);
	lt_fbc_free(&h2);
	return rc;
}
