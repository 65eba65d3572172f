/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* bench_classify.c — the feedback classifiers, one thread, best of 5 rounds:
 *   - the shipped feedback model on the workers' corpus (data/feedback):
 *     built as `make model` builds it (train, dev, holdout…holdout4;
 *     thresholds out of fold), scored out of fold (site-grouped 5-fold
 *     cross-validation) per split, per topic and for urgency; messages per second of the
 *     classification (topics, secondaries, urgency) with and without the
 *     "why", next to a tokenise-only pass over the same messages;
 *   - the UIT-VSFC topic classifier: train on train, then test/dev scores
 *     and messages per second on the test split.
 * Prints markdown sections for bench/RESULTS.md.
 * Usage: bench_classify [UIT_DIR [FEEDBACK_DIR]]   (default
 * $LT_SHARED_DATA/uit-vsfc, else ../shared/data/uit-vsfc; data/feedback) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "text/abbrev.h"
#include "text/classify.h"
#include "text/classify_fb.h"
#include "text/corpus.h"
#include "text/tokens.h"

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static double loadavg(void)
{
	double l = 0;
	FILE *f = fopen("/proc/loadavg", "r");

	if (f) {
		if (fscanf(f, "%lf", &l) != 1)
			l = 0;
		fclose(f);
	}
	return l;
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

/* CPU time of this thread: on a shared machine, what one core gives us. */
static double cpu_now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
	return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* Best of 5 rounds (≥ 0.3 s of CPU each) of messages per CPU second over c:
 * 0 tokenise, 1 classify, 2 classify with the why. */
static double fb_rate(const lt_fbm *m, const lt_fbc *c, int what)
{
	lt_svm_pred p;
	lt_fbm_result r;
	lt_tokens t;
	double best = 0;

	lt_svm_pred_init(&p);
	lt_tokens_init(&t);
	for (int round = 0; round < 5; round++) {
		double t0 = cpu_now(), dt;
		size_t done = 0;
		do {
			for (size_t i = 0; i < c->n; i++) {
				const char *x = c->v[i].text;
				int rc = what ? lt_fbm_predict(m, x, strlen(x), what == 2, &p, &r)
					      : lt_tokenize(x, strlen(x), lt_abbrev_default(), &t);
				if (rc)
					exit(1);
			}
			done += c->n;
			dt = cpu_now() - t0;
		} while (dt < 0.3);
		if ((double)done / dt > best)
			best = (double)done / dt;
	}
	lt_svm_pred_free(&p);
	lt_tokens_free(&t);
	return best;
}

static void fb_row(const char *name, const lt_fbm_scores *s)
{
	printf("| %s | %zu | %.4f | %.4f | %.4f | %.3f | %.3f | %.3f | %.3f |\n", name, s->n, s->top1,
	       s->macro_f1, s->weighted_f1, s->ml_f1, s->urgent_precision, s->urgent_recall,
	       s->urgent_f1);
}

/* The feedback model on the workers' corpus, built as `make model` builds it
 * (every non-blind file, thresholds out of fold); 0 or 1 (error printed). */
static int feedback_section(const char *dir, const char *cpu)
{
	static const char *const split[] = { "train", "dev", "holdout", "holdout2", "holdout3",
					     "holdout4" };
	lt_fbc all = { 0 }, dv = { 0 };
	size_t first[6] = { 0 }, n[6] = { 0 };
	char path[4096];
	struct stat sb;
	lt_svm_opts o;
	lt_fbm *m = NULL;
	lt_fbm_scores s[7];
	lt_buf b;
	lt_error e;
	double t0, train_s, tok, cls, why, *oof;

	for (int i = 0; i < 6; i++) {
		snprintf(path, sizeof(path), "%s/%s.jsonl", dir, split[i]);
		first[i] = all.n;
		if ((i && stat(path, &sb)) || !lt_fbc_load(path, &all, &e)) {
			n[i] = all.n - first[i];
			continue;
		}
		fprintf(stderr, "bench_classify: %s\n", e.en);
		return 1;
	}
	oof = malloc((all.n ? all.n : 1) * LT_FBM_NOUT * sizeof(*oof));
	lt_svm_opts_default(&o);
	t0 = now();
	if (!oof || lt_fbm_train_cv(&o, all.v, all.n, 5, &m, oof, NULL, &e)) {
		fprintf(stderr, "bench_classify: training failed\n");
		return 1;
	}
	train_s = now() - t0;
	lt_buf_init(&b, 1u << 28);
	for (int i = 0; i < 6; i++)
		lt_fbm_eval_margins(m, all.v + first[i], n[i], oof + first[i] * LT_FBM_NOUT, &s[i]);
	lt_fbm_eval_margins(m, all.v, all.n, oof, &s[6]);
	if (lt_fbm_save(m, &b, &e))
		return 1;
	dv.v = all.v + first[1];
	dv.n = n[1];
	tok = fb_rate(m, &dv, 0);
	cls = fb_rate(m, &dv, 1);
	why = fb_rate(m, &dv, 2);
	printf("## Feedback model (workers' messages, data/feedback)\n\n");
	printf("Machine: %ld CPUs (`nproc`), %s; load average %.1f at the start. One thread;"
	       " speed in messages per second of the thread's CPU time, best of 5 rounds of"
	       " ≥ 0.3 s (the machine is shared: wall-clock time counts the others' work)."
	       " `bench/bench_classify` (meson target).\n\n",
	       sysconf(_SC_NPROCESSORS_ONLN), cpu, loadavg());
	printf("The shipped model (data/model/, `make model`): trained on every non-blind file"
	       " (train, dev, holdout…holdout4: %zu messages, %.2f s with the 5 fold models,"
	       " %zu features, %zu bytes saved), thresholds on site-grouped out-of-fold margins."
	       " Every score below is out of fold (site-grouped 5-fold cross-validation);"
	       " holdout5, the blind set, is not used here.\n\n",
	       all.n, train_s, lt_svm_nfeatures(lt_fbm_svm(m)), b.len);
	printf("| split (out of fold) | n | top-1 | macro-F1 | weighted-F1 | multi-label F1 |"
	       " urgency P | urgency R | urgency F1 |\n|---|---|---|---|---|---|---|---|---|\n");
	for (int i = 0; i < 6; i++)
		if (n[i])
			fb_row(split[i], &s[i]);
	fb_row("all", &s[6]);
	printf("\n| topic (all, out of fold) | P | R | F1 | n |\n|---|---|---|---|---|\n");
	for (int t = 0; t < LT_TOPIC_COUNT; t++)
		printf("| %s | %.3f | %.3f | %.3f | %zu |\n", lt_topic_code(t),
		       s[6].topic[t].precision, s[6].topic[t].recall, s[6].topic[t].f1,
		       s[6].topic[t].support);
	printf("\n| pass over dev (%zu messages, median 191 characters) | messages/s |\n"
	       "|---|---|\n", dv.n);
	printf("| tokenise only | %.0f |\n", tok);
	printf("| classify: topics, secondaries, urgency | %.0f |\n", cls);
	printf("| classify with the why terms and urgency reasons | %.0f |\n", why);
	printf("| ratio classify / tokenise | %.2f |\n\n", cls / tok);
	lt_buf_free(&b);
	lt_fbm_free(m);
	free(oof);
	lt_fbc_free(&all);
	return 0;
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
	cpu_model(cpu, sizeof(cpu));
	if (feedback_section(argc > 2 ? argv[2] : "data/feedback", cpu))
		return 1;
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
