/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* bench_feedback_cv.c — the site-grouped cross-validation that chooses the
 * feedback model's settings (data/feedback/README.md, round 5), so that a
 * choice can be checked and repeated. The messages of train, dev and
 * holdout…holdout4 are cut into 5 folds by site (lt_fbm_folds); for each
 * fold f, a model trained on the other four scores f (top-1, macro-F1),
 * and a model trained on three, calibrated on fold f+1, scores f (urgency,
 * multi-label: "nested"). Prints one markdown row.
 * Usage: bench_feedback_cv [DIR [KEY VALUE]...]   (DIR default data/feedback)
 *   c C · cw CLASS_WEIGHT · feats LT_FEAT_MASK · lex LEXICON_WEIGHT ·
 *   weak WEAK_COST —
 *   the SVM options (default: lt_svm_opts_default);
 *   frac F — keep about that share of each training side (learning curve);
 *   only FILE — train only on the messages of FILE (e.g. train.jsonl);
 *   with FILE — also put FILE's messages in the folds (e.g. holdout5.jsonl:
 *   what learning from a blind set once it is scored would give);
 *   only pool — with "with": learn only from the files of `make model`,
 *   score every fold (the same test messages, to compare with learning from all);
 *   seed S — other folds: each site into fold hash(site, S) mod 5 (still never
 *   one site in two folds), to see whether a difference holds on another cut;
 *   0 (the default): the folds of `make model`. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "text/classify_fb.h"
#include "text/corpus.h"

#define NF 5

#define NPOOL 6 /* the pool of `make model`; then up to MAXWITH files named by "with" */
#define MAXWITH 4

static const char *files[NPOOL + MAXWITH] = { "train.jsonl", "dev.jsonl", "holdout.jsonl",
					      "holdout2.jsonl", "holdout3.jsonl",
					      "holdout4.jsonl" };

typedef struct sums {
	double n, ok, mf, utp, upred, upos, mlf, nn;
} sums;

/* The messages of folds not in skip (a mask) kept by frac and only into part. */
static size_t pick(const lt_fbc *all, const size_t *fold, const int *src, unsigned skip,
		   double frac, int only, lt_fbc_msg *part)
{
	size_t k = 0;

	for (size_t i = 0; i < all->n; i++) {
		if ((skip >> fold[i]) & 1u ||
		    (only >= 0 && (only == NPOOL ? src[i] >= NPOOL : src[i] != only)))
			continue;
		if (frac < 1 && (i * 2654435761u) % 1000u >= frac * 1000)
			continue;
		part[k++] = all->v[i];
	}
	return k;
}

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : "data/feedback";
	lt_fbc all = { 0 };
	lt_svm_opts o;
	lt_error e;
	char path[4096];
	struct stat sb;
	double frac = 1;
	unsigned long seed = 0;
	int only = -1, nfiles = NPOOL, *src;
	size_t *fold;
	lt_fbc_msg *part, *test;
	sums s = { 0 };

	lt_svm_opts_default(&o);
	for (int a = 2; a + 1 < argc; a += 2) {
		if (!strcmp(argv[a], "c"))
			o.c = atof(argv[a + 1]);
		else if (!strcmp(argv[a], "cw"))
			o.class_weight = atof(argv[a + 1]);
		else if (!strcmp(argv[a], "feats"))
			o.feats = (unsigned)strtoul(argv[a + 1], NULL, 0);
		else if (!strcmp(argv[a], "lex"))
			o.lex_weight = atof(argv[a + 1]);
		else if (!strcmp(argv[a], "weak"))
			o.weak_cost = atof(argv[a + 1]);
		else if (!strcmp(argv[a], "frac"))
			frac = atof(argv[a + 1]);
		else if (!strcmp(argv[a], "only") && !strcmp(argv[a + 1], "pool"))
			only = NPOOL; /* every file of the pool */
		else if (!strcmp(argv[a], "only"))
			for (int f = 0; f < NPOOL; f++)
				only = strcmp(argv[a + 1], files[f]) ? only : f;
		else if (!strcmp(argv[a], "seed"))
			seed = strtoul(argv[a + 1], NULL, 0);
		else if (!strcmp(argv[a], "with") && nfiles < NPOOL + MAXWITH)
			files[nfiles++] = argv[a + 1];
	}
	src = malloc(65536 * sizeof(*src));
	for (int f = 0; f < nfiles && src; f++) {
		size_t before = all.n;
		snprintf(path, sizeof(path), "%s/%s", dir, files[f]);
		if (f && stat(path, &sb))
			continue;
		if (lt_fbc_load(path, &all, &e) || all.n > 65536) {
			fprintf(stderr, "bench_feedback_cv: %s\n", e.en);
			return 1;
		}
		for (size_t i = before; i < all.n; i++)
			src[i] = f;
	}
	fold = malloc((all.n + 1) * sizeof(*fold));
	part = malloc((all.n + 1) * sizeof(*part));
	test = malloc((all.n + 1) * sizeof(*test));
	if (!src || !fold || !part || !test || lt_fbm_folds(all.v, all.n, NF, fold))
		return 1;
	for (size_t i = 0; seed && i < all.n; i++) {
		uint64_t h = 0xcbf29ce484222325ULL ^ seed;
		for (const char *c = *all.v[i].site ? all.v[i].site : all.v[i].id; *c; c++)
			h = (h ^ (unsigned char)*c) * 0x100000001b3ULL;
		fold[i] = (size_t)((h >> 17) % NF);
	}
	for (size_t f = 0; f < NF; f++) {
		size_t g = (f + 1) % NF, nt, nh = pick(&all, fold, src, ~(1u << f), 1, -1, test);
		lt_fbm *m = NULL;
		lt_fbm_scores r;
		lt_fbm_calib cal;
		double tp;

		nt = pick(&all, fold, src, 1u << f, frac, only, part);
		if (lt_fbm_train(&o, part, nt, &m, &e) || lt_fbm_eval(m, test, nh, &r))
			return 1;
		s.n += (double)nh;
		s.ok += r.top1 * (double)nh;
		s.mf += r.macro_f1 * (double)nh;
		lt_fbm_free(m);
		nt = pick(&all, fold, src, (1u << f) | (1u << g), frac, only, part);
		if (lt_fbm_train(&o, part, nt, &m, &e))
			return 1;
		nt = pick(&all, fold, src, ~(1u << g), 1, -1, part);
		if (lt_fbm_calibrate(m, part, nt, &cal) || lt_fbm_eval(m, test, nh, &r))
			return 1;
		tp = r.urgent_recall * (double)r.urgent_support;
		s.utp += tp;
		s.upos += (double)r.urgent_support;
		s.upred += r.urgent_precision > 0 ? tp / r.urgent_precision : 0;
		s.mlf += r.ml_f1 * (double)nh;
		s.nn += (double)nh;
		lt_fbm_free(m);
	}
	printf("| C %g, class weight %g, features 0x%x, lexicon %g, weak negatives %g%s%s%s, folds %lu |"
	       " %.0f | %.4f | %.4f |"
	       " %.3f | %.3f | %.3f |\n", o.c, o.class_weight, o.feats, o.lex_weight, o.weak_cost,
	       frac < 1 ? ", part of each training side" : "",
	       only == NPOOL ? ", learning from the pool only" : only >= 0 ? ", one file" : "",
	       nfiles > NPOOL ? ", with more files" : "", seed, s.n, s.ok / s.n, s.mf / s.n,
	       s.utp / s.upred, s.utp / s.upos, s.mlf / s.nn);
	free(src);
	free(fold);
	free(part);
	free(test);
	lt_fbc_free(&all);
	return 0;
}
