/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * feedback_eval.c — measuring the topic classifier on a labelled corpus laid
 * out like UIT-VSFC (train/, dev/, test/, each with sents.txt and
 * topics.txt aligned by line): scores, training time, prediction speed.
 */
#include <stdio.h>
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

int lt_app_feedback_eval(const lt_actor *who, const char *dir, lt_fb_eval *out, lt_error *e)
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
