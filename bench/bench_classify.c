/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* bench_classify.c — feedback topic classifier on UIT-VSFC: train on train,
 * then messages per second of prediction on the test split (repeated for at
 * least a second, one thread) next to a tokenise-only pass over the same
 * text, plus test/dev scores. Prints a markdown section for bench/RESULTS.md.
 * Usage: bench_classify [CORPUS_DIR]   (default $LT_SHARED_DATA/uit-vsfc,
 * else ../shared/data/uit-vsfc) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "text/abbrev.h"
#include "text/classify.h"
#include "text/corpus.h"
#include "text/tokens.h"

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static void cpu_model(char *out, size_t n)
{
	FILE *f = fopen("/proc/cpuinfo", "r");
	char line[512];

	snprintf(out, n, "unknown");
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		char *c = strchr(line, ':');
		if (!strncmp(line, "model name", 10) && c) {
			snprintf(out, n, "%s", c + 2);
			out[strcspn(out, "\n")] = '\0';
			break;
		}
	}
	fclose(f);
}

/* Messages per second over c, repeated for ≥ 1 s; tokenise only or predict. */
static double rate(const lt_classifier *m, const lt_corpus *c, int predict)
{
	lt_classify_pred p;
	lt_tokens t;
	size_t done = 0, *len = malloc(c->n * sizeof(size_t));
	double t0, dt;

	for (size_t i = 0; i < c->n; i++)
		len[i] = strlen(c->texts[i]);
	lt_classify_pred_init(&p);
	lt_tokens_init(&t);
	t0 = now();
	do {
		for (size_t i = 0; i < c->n; i++) {
			int rc = predict ? lt_classify_predict(m, c->texts[i], len[i], 0, &p)
					 : lt_tokenize(c->texts[i], len[i], lt_abbrev_default(), &t);
			if (rc)
				exit(1);
		}
		done += c->n;
		dt = now() - t0;
	} while (dt < 1.0);
	lt_classify_pred_free(&p);
	lt_tokens_free(&t);
	free(len);
	return (double)done / dt;
}

static int load(const char *dir, const char *split, lt_corpus *c)
{
	char path[4096];
	lt_error e;

	snprintf(path, sizeof(path), "%s/%s", dir, split);
	if (lt_corpus_load(path, 4, c, &e)) {
		fprintf(stderr, "bench_classify: %s\n", e.en);
		return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	const char *root = getenv("LT_SHARED_DATA");
	char dir[2048], cpu[256];
	lt_corpus tr, dv, te;
	lt_classify_opts o;
	lt_classifier *m = NULL, *nb = NULL;
	lt_classify_scores st, sd, nt, nd;
	lt_error e;
	double t0, train_s, mps, tps;

	if (argc > 1)
		snprintf(dir, sizeof(dir), "%s", argv[1]);
	else
		snprintf(dir, sizeof(dir), "%s/uit-vsfc", root ? root : "../shared/data");
	if (load(dir, "train", &tr) || load(dir, "dev", &dv) || load(dir, "test", &te))
		return 1;
	lt_classify_opts_default(&o, LT_CLASSIFY_LR);
	t0 = now();
	if (lt_corpus_train(&tr, 4, &o, &m, &e)) {
		fprintf(stderr, "bench_classify: %s\n", e.en);
		return 1;
	}
	train_s = now() - t0;
	lt_classify_opts_default(&o, LT_CLASSIFY_NB);
	if (lt_corpus_train(&tr, 4, &o, &nb, &e)) {
		fprintf(stderr, "bench_classify: %s\n", e.en);
		return 1;
	}
	if (lt_corpus_eval(m, &te, NULL, &st) || lt_corpus_eval(m, &dv, NULL, &sd) ||
	    lt_corpus_eval(nb, &te, NULL, &nt) || lt_corpus_eval(nb, &dv, NULL, &nd))
		return 1;
	mps = rate(m, &te, 1);
	tps = rate(m, &te, 0);
	cpu_model(cpu, sizeof(cpu));
	printf("## Feedback classifier (UIT-VSFC topics)\n\n");
	printf("Machine: %ld CPUs (`nproc`), %s. One thread. `bench/bench_classify` (meson target).\n\n",
	       sysconf(_SC_NPROCESSORS_ONLN), cpu);
	printf("Trained on train (%zu messages, %.2f s, %zu features), "
	       "hyper-parameters chosen on dev only.\n\n",
	       tr.n, train_s, lt_classify_nfeatures(m));
	printf("| model | dev acc | dev macro-F1 | dev weighted-F1 | test acc | test macro-F1 | test weighted-F1 |\n");
	printf("|---|---|---|---|---|---|---|\n");
	printf("| linear SVM: squared hinge, one-vs-rest, SGD (chosen) | %.4f | %.4f | %.4f | %.4f | %.4f | %.4f |\n",
	       sd.accuracy, sd.macro_f1, sd.weighted_f1, st.accuracy, st.macro_f1, st.weighted_f1);
	printf("| naive Bayes | %.4f | %.4f | %.4f | %.4f | %.4f | %.4f |\n\n",
	       nd.accuracy, nd.macro_f1, nd.weighted_f1, nt.accuracy, nt.macro_f1, nt.weighted_f1);
	printf("| pass over test (%zu messages, repeated ≥ 1 s) | messages/s |\n|---|---|\n", te.n);
	printf("| tokenise only | %.0f |\n", tps);
	printf("| tokenise + features + predict | %.0f |\n", mps);
	printf("| ratio predict / tokenise | %.2f |\n", mps / tps);
	lt_classify_free(m);
	lt_classify_free(nb);
	lt_corpus_free(&tr);
	lt_corpus_free(&dv);
	lt_corpus_free(&te);
	return 0;
}
