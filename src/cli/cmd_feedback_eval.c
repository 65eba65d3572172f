/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* cmd_feedback_eval.c — `lantoa feedback eval`: measure the feedback topic
 * classifier on a labelled corpus laid out like UIT-VSFC (train/, dev/,
 * test/, each with sents.txt and topics.txt aligned by line). */
#include "cli/cmd_feedback.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "text/classify.h"
#include "text/corpus.h"

#define NCLASS 4 /* UIT-VSFC topics: lecturer, training program, facility, others */

static const char usage[] =
	"Cách dùng / usage: lantoa feedback eval --corpus DIR [--json]\n"
	"  Huấn luyện bộ phân loại chủ đề trên DIR/train, chấm điểm trên DIR/test\n"
	"  (và DIR/dev nếu có): accuracy, macro-F1, weighted F1, tốc độ dự đoán.\n"
	"  Trains the topic classifier on DIR/train and scores it on DIR/test\n"
	"  (and DIR/dev when present). Each folder holds sents.txt and topics.txt\n"
	"  aligned by line (labels 0..3).\n"
	"  --json   {\"test\":{\"accuracy\",\"macro_f1\",\"weighted_f1\",\"n\"},\"dev\":{…},\n"
	"            \"train_seconds\",\"messages_per_second\"}\n";

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* Messages per second predicting c once or more, for at least 0.3 s. */
static int speed(const lt_classifier *m, const lt_corpus *c, double *mps)
{
	lt_classify_pred p;
	double t0 = now(), dt;
	size_t done = 0;
	int rc = 0;

	lt_classify_pred_init(&p);
	do {
		for (size_t i = 0; i < c->n && !rc; i++)
			rc = lt_classify_predict(m, c->texts[i], strlen(c->texts[i]), 0, &p);
		done += c->n;
		dt = now() - t0;
	} while (!rc && c->n && dt < 0.3);
	lt_classify_pred_free(&p);
	*mps = dt > 0 ? (double)done / dt : 0;
	return rc;
}

static void print_scores(const char *name, const lt_classify_scores *s)
{
	printf("%-5s  n=%-5zu  accuracy %.4f  macro-F1 %.4f  weighted-F1 %.4f\n", name,
	       s->n, s->accuracy, s->macro_f1, s->weighted_f1);
}

static void json_scores(const lt_classify_scores *s)
{
	printf("{\"accuracy\":%.6f,\"macro_f1\":%.6f,\"weighted_f1\":%.6f,\"n\":%zu}",
	       s->accuracy, s->macro_f1, s->weighted_f1, s->n);
}

static int load_split(lt_cli *cli, const char *dir, const char *split, lt_corpus *c)
{
	char path[4096];
	int rc;

	snprintf(path, sizeof(path), "%s/%s", dir, split);
	rc = lt_corpus_load(path, NCLASS, c, &cli->err);
	return rc;
}

int lt_cmd_feedback_eval(lt_cli *cli, int argc, char **argv)
{
	lt_corpus train, dev, test;
	lt_classifier *m = NULL;
	lt_classify_opts o;
	lt_classify_scores st, sd;
	const char *dir = NULL;
	char devpath[4096];
	struct stat sb;
	int json = cli->json, have_dev, rc;
	double t0, train_s, mps = 0;

	memset(&train, 0, sizeof(train));
	memset(&dev, 0, sizeof(dev));
	memset(&test, 0, sizeof(test));
	if (lt_cli_wants_help(argc, argv)) {
		fputs(usage, stdout);
		return 0;
	}
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--corpus") && i + 1 < argc) {
			dir = argv[++i];
		} else if (!strncmp(argv[i], "--corpus=", 9)) {
			dir = argv[i] + 9;
		} else if (!strcmp(argv[i], "--json")) {
			json = 1;
		} else {
			rc = lt_error_set(&cli->err, LT_EINVAL, argv[i],
					  "tham số không hợp lệ: %s (xem --help)",
					  "invalid argument: %s (see --help)", argv[i]);
			goto fail;
		}
	}
	if (!dir) {
		rc = lt_error_set(&cli->err, LT_EINVAL, "--corpus", "thiếu --corpus DIR",
				  "missing --corpus DIR");
		goto fail;
	}
	rc = load_split(cli, dir, "train", &train);
	if (rc)
		goto fail;
	rc = load_split(cli, dir, "test", &test);
	if (rc)
		goto fail;
	snprintf(devpath, sizeof(devpath), "%s/dev", dir);
	have_dev = !stat(devpath, &sb) && S_ISDIR(sb.st_mode);
	if (have_dev) {
		rc = load_split(cli, dir, "dev", &dev);
		if (rc)
			goto fail;
	}
	lt_classify_opts_default(&o, LT_CLASSIFY_LR);
	t0 = now();
	rc = lt_corpus_train(&train, NCLASS, &o, &m, &cli->err);
	if (rc)
		goto fail;
	train_s = now() - t0;
	rc = lt_corpus_eval(m, &test, NULL, &st);
	if (!rc && have_dev)
		rc = lt_corpus_eval(m, &dev, NULL, &sd);
	if (!rc)
		rc = speed(m, &test, &mps);
	if (rc) {
		rc = lt_error_set(&cli->err, LT_ENOMEM, NULL, "hết bộ nhớ", "out of memory");
		goto fail;
	}
	if (json) {
		printf("{\"test\":");
		json_scores(&st);
		printf(",\"dev\":");
		if (have_dev)
			json_scores(&sd);
		else
			printf("null");
		printf(",\"train_seconds\":%.6f,\"messages_per_second\":%.0f}\n", train_s, mps);
	} else {
		printf("%s: %zu câu huấn luyện / training messages, %zu đặc trưng / features, %.2f s\n",
		       dir, train.n, lt_classify_nfeatures(m), train_s);
		print_scores("test", &st);
		if (have_dev)
			print_scores("dev", &sd);
		printf("%.0f câu/giây / messages per second (1 luồng / thread)\n", mps);
	}
	rc = 0;
fail:
	lt_classify_free(m);
	lt_corpus_free(&train);
	lt_corpus_free(&dev);
	lt_corpus_free(&test);
	return rc;
}
