/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* corpus.c — see corpus.h. */
#include "text/corpus.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text/fold.h"

/* Whole file into an owned NUL-terminated buffer. */
static int slurp(const char *path, char **out, size_t *len, lt_error *e)
{
	FILE *f = NULL;
	char *b = NULL;
	long sz;
	int rc;

	*out = NULL;
	f = fopen(path, "rb");
	if (!f) {
		rc = lt_error_set(e, LT_EIO, path, "không mở được tệp %s: %s",
				  "cannot open file %s: %s", path, strerror(errno));
		goto fail;
	}
	if (fseek(f, 0, SEEK_END) || (sz = ftell(f)) < 0 || fseek(f, 0, SEEK_SET)) {
		rc = lt_error_set(e, LT_EIO, path, "không đọc được tệp %s",
				  "cannot read file %s", path);
		goto fail;
	}
	b = malloc((size_t)sz + 1);
	if (!b) {
		rc = lt_error_set(e, LT_ENOMEM, path, "hết bộ nhớ", "out of memory");
		goto fail;
	}
	if (fread(b, 1, (size_t)sz, f) != (size_t)sz) {
		rc = lt_error_set(e, LT_EIO, path, "không đọc được tệp %s",
				  "cannot read file %s", path);
		goto fail;
	}
	b[sz] = '\0';
	*out = b;
	*len = (size_t)sz;
	b = NULL;
	rc = 0;
fail:
	if (f)
		fclose(f);
	free(b);
	return rc;
}

/* Count the lines of b; with lines, also cut them in place (b then holds
 * NULs). A final newline does not start a line. */
static size_t split_lines(char *b, size_t len, char **lines)
{
	size_t n = 0;
	char *p = b, *end = b + len;

	while (p < end) {
		char *nl = memchr(p, '\n', (size_t)(end - p));
		char *stop = nl ? nl : end;
		if (lines) {
			if (stop > p && stop[-1] == '\r')
				stop[-1] = '\0';
			*stop = '\0';
			lines[n] = p;
		}
		n++;
		p = stop + 1;
	}
	return n;
}

int lt_corpus_load(const char *dir, int maxclass, lt_corpus *c, lt_error *e)
{
	char sp[4096], tp[4096];
	char *lab = NULL, **ll = NULL;
	size_t sl = 0, tl = 0, ns, nt;
	int rc;

	memset(c, 0, sizeof(*c));
	snprintf(sp, sizeof(sp), "%s/sents.txt", dir);
	snprintf(tp, sizeof(tp), "%s/topics.txt", dir);
	rc = slurp(sp, &c->blob, &sl, e);
	if (rc)
		goto fail;
	rc = slurp(tp, &lab, &tl, e);
	if (rc)
		goto fail;
	ns = split_lines(c->blob, sl, NULL);
	nt = split_lines(lab, tl, NULL);
	c->texts = malloc((ns ? ns : 1) * sizeof(char *));
	c->gold = malloc((ns ? ns : 1) * sizeof(int));
	ll = malloc((nt ? nt : 1) * sizeof(char *));
	if (!c->texts || !c->gold || !ll) {
		rc = lt_error_set(e, LT_ENOMEM, dir, "hết bộ nhớ", "out of memory");
		goto fail;
	}
	split_lines(c->blob, sl, c->texts);
	split_lines(lab, tl, ll);
	if (ns != nt) {
		rc = lt_error_set(e, LT_EINVAL, ns < nt ? sp : tp,
				  "%s có %zu dòng nhưng %s có %zu dòng (lệch từ dòng %zu)",
				  "%s has %zu lines but %s has %zu lines (misaligned from line %zu)",
				  sp, ns, tp, nt, (ns < nt ? ns : nt) + 1);
		goto fail;
	}
	for (size_t i = 0; i < ns; i++) {
		char *endp;
		long v;
		if (!lt_utf8_valid(c->texts[i], strlen(c->texts[i]))) {
			rc = lt_error_set(e, LT_EINVAL, sp, "%s dòng %zu: không phải UTF-8 hợp lệ",
					  "%s line %zu: not valid UTF-8", sp, i + 1);
			goto fail;
		}
		errno = 0;
		v = strtol(ll[i], &endp, 10);
		while (*endp == ' ' || *endp == '\t')
			endp++;
		if (endp == ll[i] || *endp || errno || v < 0 || v >= maxclass) {
			rc = lt_error_set(e, LT_EINVAL, tp,
					  "%s dòng %zu: nhãn \"%.32s\" không phải số từ 0 đến %d",
					  "%s line %zu: label \"%.32s\" is not a number from 0 to %d",
					  tp, i + 1, ll[i], maxclass - 1);
			goto fail;
		}
		c->gold[i] = (int)v;
	}
	c->n = ns;
	free(lab);
	free(ll);
	return 0;
fail:
	free(lab);
	free(ll);
	lt_corpus_free(c);
	return rc;
}

void lt_corpus_free(lt_corpus *c)
{
	free(c->texts);
	free(c->gold);
	free(c->blob);
	memset(c, 0, sizeof(*c));
}

int lt_corpus_train(const lt_corpus *c, size_t nclass, const lt_classify_opts *o,
		    lt_classifier **out, lt_error *e)
{
	char names[LT_CLASSIFY_MAX_CLASS][24];
	const char *np[LT_CLASSIFY_MAX_CLASS];
	uint32_t *lab = NULL;
	lt_classifier *m = NULL;
	int rc;

	*out = NULL;
	if (nclass > LT_CLASSIFY_MAX_CLASS)
		nclass = LT_CLASSIFY_MAX_CLASS;
	for (size_t k = 0; k < nclass; k++) {
		snprintf(names[k], sizeof(names[k]), "%zu", k);
		np[k] = names[k];
	}
	lab = malloc((c->n ? c->n : 1) * sizeof(*lab));
	if (!lab)
		return lt_error_set(e, LT_ENOMEM, NULL, "hết bộ nhớ", "out of memory");
	for (size_t i = 0; i < c->n; i++)
		lab[i] = c->gold[i] >= 0 && (size_t)c->gold[i] < nclass ? 1u << c->gold[i] : 0;
	rc = lt_classify_new(o, nclass, np, &m, e);
	if (rc)
		goto fail;
	rc = lt_classify_train(m, (const char *const *)c->texts, lab, c->n, e);
	if (rc)
		goto fail;
	*out = m;
	m = NULL;
fail:
	lt_classify_free(m);
	free(lab);
	return rc;
}

int lt_corpus_eval(const lt_classifier *m, const lt_corpus *c, int *pred,
		   lt_classify_scores *s)
{
	lt_classify_pred p;
	int *own = NULL, rc = 0;

	lt_classify_pred_init(&p);
	if (!pred) {
		own = malloc((c->n ? c->n : 1) * sizeof(int));
		if (!own) {
			rc = LT_ENOMEM;
			goto fail;
		}
		pred = own;
	}
	for (size_t i = 0; i < c->n; i++) {
		rc = lt_classify_predict(m, c->texts[i], strlen(c->texts[i]), 0, &p);
		if (rc)
			goto fail;
		pred[i] = p.best;
	}
	lt_classify_score(c->gold, pred, c->n, lt_classify_nclass(m), s);
fail:
	free(own);
	lt_classify_pred_free(&p);
	return rc;
}
