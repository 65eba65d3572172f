/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * feedback_eval.c — measuring the topic classifier on a labelled corpus:
 * the workers' corpus (data/feedback/, JSONL: the feedback model, trained
 * and calibrated as `make model` does, scored on one split) or one laid out
 * like UIT-VSFC (train/, dev/, test/, each with sents.txt and topics.txt
 * aligned by line): scores, training time, prediction speed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "app/feedback_int.h"
#include "text/corpus.h"

#define NCLASS 4 /* UIT-VSFC topics: lecturer, training program, facility, others */

static double seconds(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* Messages per second predicting c once or more, for at least 0.3 s. */
static int speed(const lt_classifier *m, const lt_corpus *c, double *mps, lt_error *e)
{
	lt_classify_pred p;
	double t0 = seconds(), dt;
	size_t done = 0;
	int rc = 0;

	lt_classify_pred_init(&p);
	do {
		for (size_t i = 0; i < c->n && !rc; i++)
			rc = lt_classify_predict(m, c->texts[i], strlen(c->texts[i]), 0, &p);
		done += c->n;
		dt = seconds() - t0;
	} while (!rc && c->n && dt < 0.3);
	lt_classify_pred_free(&p);
	*mps = dt > 0 ? (double)done / dt : 0;
	return rc ? lt_app_fb_nomem(e) : 0;
}

static int load_split(const char *dir, const char *split, lt_corpus *c, lt_error *e)
{
	char path[4096];

	snprintf(path, sizeof(path), "%s/%s", dir, split);
	return lt_corpus_load(path, NCLASS, c, e);
}

static double cpu_seconds(void)
{
	struct timespec t;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
	return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* Messages per second of the thread's CPU time (what one core gives, even on
 * a shared machine) of the feedback model over c, best of 3 rounds of ≥ 0.2 s. */
static int fb_speed(const lt_fbm *m, const lt_fbc *c, int explain, double *mps, lt_error *e)
{
	lt_svm_pred p;
	lt_fbm_result r;
	int rc = 0;

	*mps = 0;
	lt_svm_pred_init(&p);
	for (int round = 0; round < 3 && !rc && c->n; round++) {
		double t0 = cpu_seconds(), dt;
		size_t done = 0;
		do {
			for (size_t i = 0; i < c->n && !rc; i++)
				rc = lt_fbm_predict(m, c->v[i].text, strlen(c->v[i].text), explain,
						    &p, &r);
			done += c->n;
			dt = cpu_seconds() - t0;
		} while (!rc && dt < 0.2);
		if (dt > 0 && (double)done / dt > *mps)
			*mps = (double)done / dt;
	}
	lt_svm_pred_free(&p);
	return rc ? lt_app_fb_nomem(e) : 0;
}

/* The splits of the workers' corpus that can be scored (DIR/NAME.jsonl). */
static const char *const fb_splits[] = { "dev", "holdout", "holdout2", "holdout3",
					  "holdout4", "holdout5", "holdout6", "train" };

/*
 * The workers' corpus: the model `make model` builds (every pool file,
 * thresholds out of fold), scoring split: out of fold when it is a pool
 * file, by the model itself otherwise (holdout5, holdout6).
 */
static int eval_feedback(const char *dir, const char *split, lt_fb_eval *out, lt_error *e)
{
	lt_fb_pool pool = { 0 };
	lt_fbc sp = { 0 };
	lt_svm_opts o;
	lt_fbm *m = NULL;
	double *oof = NULL, t0;
	char name[64], path[4096];
	int rc, k;

	out->split = NULL;
	for (size_t i = 0; i < sizeof(fb_splits) / sizeof(fb_splits[0]); i++)
		if (!strcmp(split, fb_splits[i]))
			out->split = fb_splits[i];
	if (!out->split)
		return lt_error_set(e, LT_EINVAL, "--split",
				    "--split phải là dev, holdout, holdout2 … holdout6 hoặc train",
				    "--split must be dev, holdout, holdout2 … holdout6 or train");
	out->feedback = true;
	snprintf(name, sizeof(name), "%s.jsonl", out->split);
	rc = lt_app_fb_pool_load(dir, &pool, e);
	k = rc ? -1 : lt_app_fb_pool_find(&pool, name);
	if (!rc && k < 0) {
		/* not a pool file (or missing): load it, so that a missing one is named */
		snprintf(path, sizeof(path), "%s/%s", dir, name);
		rc = lt_fbc_load(path, &sp, e);
	}
	if (!rc && !(oof = malloc((pool.all.n ? pool.all.n : 1) * LT_FBM_NOUT * sizeof(*oof))))
		rc = lt_app_fb_nomem(e);
	if (rc)
		goto out;
	lt_svm_opts_default(&o);
	t0 = seconds();
	rc = lt_fbm_train_cv(&o, pool.all.v, pool.all.n, LT_APP_FB_FOLDS, &m, oof, &out->calib, e);
	if (rc)
		goto out;
	out->train_seconds = seconds() - t0; /* the final model and the folds' */
	out->n_train = pool.all.n;
	out->nfeatures = lt_svm_nfeatures(lt_fbm_svm(m));
	if (k >= 0) {
		out->cross_validated = true;
		lt_fbm_eval_margins(m, pool.all.v + pool.first[k], pool.n[k],
				    oof + pool.first[k] * LT_FBM_NOUT, &out->fb);
		sp.v = pool.all.v + pool.first[k]; /* borrowed, for the speed */
		sp.n = pool.n[k];
	} else if (lt_fbm_eval(m, sp.v, sp.n, &out->fb)) {
		rc = lt_app_fb_nomem(e);
		goto out;
	}
	rc = fb_speed(m, &sp, 0, &out->messages_per_second, e);
	if (!rc)
		rc = fb_speed(m, &sp, 1, &out->why_per_second, e);
	if (k >= 0)
		memset(&sp, 0, sizeof(sp));
out:
	lt_fbm_free(m);
	free(oof);
	lt_fbc_free(&pool.all);
	lt_fbc_free(&sp);
	return rc;
}

int lt_app_feedback_eval(const lt_actor *who, const char *dir, const char *split,
			 lt_fb_eval *out, lt_error *e)
{
	lt_corpus train, dev, test;
	lt_classifier *m = NULL;
	lt_classify_opts o;
	char devpath[4096];
	struct stat sb;
	double t0;
	int rc;

	(void)who; /* reads files only: no data of anyone's */
	memset(out, 0, sizeof(*out));
	memset(&train, 0, sizeof(train));
	memset(&dev, 0, sizeof(dev));
	memset(&test, 0, sizeof(test));
	if (!dir || !*dir)
		return lt_error_set(e, LT_EINVAL, "--corpus", "thiếu --corpus DIR",
				    "missing --corpus DIR");
	snprintf(devpath, sizeof(devpath), "%s/train.jsonl", dir);
	if (!stat(devpath, &sb) && S_ISREG(sb.st_mode))
		return eval_feedback(dir, split ? split : "dev", out, e);
	if (split)
		return lt_error_set(e, LT_EINVAL, "--split",
				    "--split chỉ dùng với kho ý kiến công nhân (DIR/*.jsonl)",
				    "--split is for the workers' corpus (DIR/*.jsonl) only");
	rc = load_split(dir, "train", &train, e);
	if (!rc)
		rc = load_split(dir, "test", &test, e);
	snprintf(devpath, sizeof(devpath), "%s/dev", dir);
	out->have_dev = !stat(devpath, &sb) && S_ISDIR(sb.st_mode);
	if (!rc && out->have_dev)
		rc = load_split(dir, "dev", &dev, e);
	if (rc)
		goto out;
	lt_classify_opts_default(&o, LT_CLASSIFY_LR);
	t0 = seconds();
	rc = lt_corpus_train(&train, NCLASS, &o, &m, e);
	if (rc)
		goto out;
	out->train_seconds = seconds() - t0;
	out->n_train = train.n;
	out->nfeatures = lt_classify_nfeatures(m);
	if (lt_corpus_eval(m, &test, NULL, &out->test) ||
	    (out->have_dev && lt_corpus_eval(m, &dev, NULL, &out->dev))) {
		rc = lt_app_fb_nomem(e);
		goto out;
	}
	rc = speed(m, &test, &out->messages_per_second, e);
out:
	lt_classify_free(m);
	lt_corpus_free(&train);
	lt_corpus_free(&dev);
	lt_corpus_free(&test);
	return rc;
}
