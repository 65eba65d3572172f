/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* corpus.c — see corpus.h. */
#include "text/corpus.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "text/fold.h"
#include "text/topics.h"

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

/* ---------- JSONL: one labelled message a line ---------- */

static int fbc_bad(lt_error *e, const char *path, size_t line, const char *vi, const char *en)
{
	/* both texts are arguments of both formats: each prints its own */
	return lt_error_set(e, LT_EINVAL, path, "%s dòng %zu: %s%.0s", "%s line %zu: %.0s%s", path,
			    line, vi, en);
}

static int fbc_topic(json_t *v, int *out)
{
	const char *s = json_string_value(v);

	*out = s ? lt_topic_from_code(s, json_string_length(v)) : -1;
	return *out >= 0;
}

/* Parse one non-blank line into m (strings owned). */
static int fbc_line(const char *path, size_t line, const char *s, size_t n, lt_fbc_msg *m,
		    lt_error *e)
{
	json_error_t jerr;
	json_t *o = NULL, *v;
	const char *id, *reason, *site;
	size_t k;
	int rc = 0, t;

	memset(m, 0, sizeof(*m));
	if (!lt_utf8_valid(s, n))
		return fbc_bad(e, path, line, "không phải UTF-8 hợp lệ", "not valid UTF-8");
	o = json_loadb(s, n, JSON_REJECT_DUPLICATES, &jerr);
	if (!json_is_object(o)) {
		rc = fbc_bad(e, path, line, "không phải một đối tượng JSON", "not a JSON object");
		goto out;
	}
	v = json_object_get(o, "text");
	if (!json_is_string(v) || !json_string_length(v)) {
		rc = fbc_bad(e, path, line, "thiếu \"text\"", "\"text\" is missing or empty");
		goto out;
	}
	m->text = strdup(json_string_value(v));
	if (!fbc_topic(json_object_get(o, "topic"), &m->topic)) {
		rc = fbc_bad(e, path, line, "\"topic\" không phải mã chủ đề",
			     "\"topic\" is not a topic code");
		goto out;
	}
	m->topics = 1u << m->topic;
	v = json_object_get(o, "secondary");
	if (v && !json_is_array(v) && !json_is_null(v)) {
		rc = fbc_bad(e, path, line, "\"secondary\" phải là mảng", "\"secondary\" must be an array");
		goto out;
	}
	for (k = 0; json_is_array(v) && k < json_array_size(v); k++) {
		if (!fbc_topic(json_array_get(v, k), &t)) {
			rc = fbc_bad(e, path, line, "\"secondary\" có mã chủ đề sai",
				     "\"secondary\" holds a bad topic code");
			goto out;
		}
		m->topics |= 1u << t;
	}
	v = json_object_get(o, "urgent");
	if (!json_is_boolean(v)) {
		rc = fbc_bad(e, path, line, "\"urgent\" phải là true/false",
			     "\"urgent\" must be true or false");
		goto out;
	}
	m->urgent = json_is_true(v);
	id = json_string_value(json_object_get(o, "id"));
	reason = json_string_value(json_object_get(o, "urgency_reason"));
	m->id = strdup(id ? id : "");
	site = json_string_value(json_object_get(o, "site"));
	m->reason = strdup(reason ? reason : "");
	m->site = strdup(site ? site : "");
	if (!m->text || !m->id || !m->reason || !m->site)
		rc = lt_error_set(e, LT_ENOMEM, path, "hết bộ nhớ", "out of memory");
out:
	json_decref(o);
	if (rc) {
		free(m->text);
		free(m->id);
		free(m->reason);
		free(m->site);
		memset(m, 0, sizeof(*m));
	}
	return rc;
}

int lt_fbc_load(const char *path, lt_fbc *c, lt_error *e)
{
	char *b = NULL, *p, *end;
	size_t len = 0, line = 0;
	int rc = slurp(path, &b, &len, e);

	if (rc)
		return rc;
	for (p = b, end = b + len; p < end && !rc; ) {
		char *nl = memchr(p, '\n', (size_t)(end - p));
		char *stop = nl ? nl : end;
		size_t n = (size_t)(stop - p), blank = 0;
		line++;
		if (n && p[n - 1] == '\r')
			n--;
		while (blank < n && (p[blank] == ' ' || p[blank] == '\t'))
			blank++;
		if (blank < n) {
			if (c->n == c->cap) {
				size_t cap = c->cap ? c->cap * 2 : 256;
				lt_fbc_msg *v = realloc(c->v, cap * sizeof(*v));
				if (!v) {
					rc = lt_error_set(e, LT_ENOMEM, path, "hết bộ nhớ",
							  "out of memory");
					break;
				}
				c->v = v;
				c->cap = cap;
			}
			rc = fbc_line(path, line, p, n, &c->v[c->n], e);
			if (!rc)
				c->n++;
		}
		p = stop + 1;
	}
	free(b);
	return rc;
}

void lt_fbc_free(lt_fbc *c)
{
	for (size_t i = 0; i < c->n; i++) {
		free(c->v[i].id);
		free(c->v[i].text);
		free(c->v[i].reason);
		free(c->v[i].site);
	}
	free(c->v);
	memset(c, 0, sizeof(*c));
}
