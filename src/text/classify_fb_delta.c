/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* classify_fb_delta.c — see classify_fb_delta.h. */
#include "text/classify_fb_delta.h"

#include <stdlib.h>
#include <string.h>

#include "text/classify_svm_int.h"

_Static_assert(LT_FBM_NOUT <= LT_SVM_MAX_OUT, "the feedback model's outputs fit an lt_svm");

static int nomem(lt_error *e)
{
	return lt_error_set(e, LT_ENOMEM, NULL, "hết bộ nhớ", "out of memory");
}

void lt_fbm_delta_init(lt_fbm_delta *d)
{
	memset(d, 0, sizeof(*d));
}

void lt_fbm_delta_free(lt_fbm_delta *d)
{
	free(d->v);
	memset(d, 0, sizeof(*d));
}

static int by_id(const void *a, const void *b)
{
	uint64_t x = ((const lt_fbm_change *)a)->id, y = ((const lt_fbm_change *)b)->id;

	return x < y ? -1 : x > y;
}

/* Take feature id's row out of s's table (linear probing: the entries after it move back). */
static void drop_slot(lt_svm *s, uint64_t id)
{
	size_t i = id & s->mask, j;

	while (s->slots[i].key && s->slots[i].key != id)
		i = (i + 1) & s->mask;
	if (!s->slots[i].key)
		return;
	s->slots[i].key = 0;
	for (j = (i + 1) & s->mask; s->slots[j].key; j = (j + 1) & s->mask) {
		size_t home = s->slots[j].key & s->mask;
		/* the entry at j may fill the hole at i unless its home lies in (i, j] */
		if (i <= j ? (home <= i || home > j) : (home <= i && home > j)) {
			s->slots[i] = s->slots[j];
			s->slots[j].key = 0;
			i = j;
		}
	}
}

/* lt_fbm_learn, and with undo, m as it was after (the weights before put back). */
static int learn(lt_fbm *m, const char *text, size_t n, uint32_t topics, bool undo,
		 lt_fbm_delta *out, lt_error *e)
{
	lt_svm *s = lt_fbm_svm_rw(m);
	lt_svm_pred p;
	size_t w = 0, nrows = s->nrows;
	uint64_t updates = s->updates;
	int rc;

	out->n = 0;
	if (s->K != LT_FBM_NOUT)
		return lt_error_set(e, LT_EINVAL, "model", "mô hình không đúng số đầu ra",
				    "the model has the wrong number of outputs");
	lt_svm_pred_init(&p);
	/* the message's features and their weights before the update */
	rc = lt_svm_predict(s, text, n, &p) ? nomem(e) : 0;
	if (!rc && p.nf + 1 > out->cap) {
		lt_fbm_change *v = realloc(out->v, (p.nf + 1) * sizeof(*v));
		if (!v)
			rc = nomem(e);
		else {
			out->v = v;
			out->cap = p.nf + 1;
		}
	}
	if (rc)
		goto out;
	memset(out->v, 0, (p.nf + 1) * sizeof(*out->v));
	out->v[0].id = LT_FBM_BIAS_ROW;
	for (size_t k = 0; k < LT_FBM_NOUT; k++)
		out->v[0].w[k] = s->bias[k];
	for (size_t i = 0; i < p.nf; i++) {
		lt_fbm_change *c = &out->v[i + 1];
		c->id = p.f[i].id;
		c->new_row = p.f[i].row < 0;
		for (size_t k = 0; !c->new_row && k < LT_FBM_NOUT; k++)
			c->w[k] = LT_SVM_W(s, p.f[i].row)[k];
	}
	rc = lt_fbm_update(m, text, n, topics, e);
	if (rc)
		goto out;
	/* after minus before; kept: the rows that moved or are new, and the biases */
	for (size_t k = 0; k < LT_FBM_NOUT; k++) {
		double before = out->v[0].w[k];
		out->v[0].w[k] = s->bias[k] - before;
		if (undo)
			s->bias[k] = before;
	}
	w = 1;
	for (size_t i = 1; i <= p.nf; i++) {
		lt_fbm_change *c = &out->v[i];
		long row = lt_svm_find(s, c->id);
		bool moved = c->new_row;
		if (row < 0)
			continue; /* not learnt (an update that stopped early): unchanged */
		c->idf = LT_SVM_IDF(s, row);
		for (size_t k = 0; k < LT_FBM_NOUT; k++) {
			double before = c->w[k];
			c->w[k] = (double)LT_SVM_W(s, row)[k] - before;
			moved |= c->w[k] != 0;
			if (undo)
				LT_SVM_W(s, row)[k] = (float)before; /* a float: exact */
		}
		if (undo && c->new_row)
			drop_slot(s, c->id);
		if (moved)
			out->v[w++] = *c;
	}
	if (undo) {
		s->nrows = nrows; /* the rows it added were the last ones, every one dropped */
		s->updates = updates;
	}
	out->n = w;
	qsort(out->v, out->n, sizeof(*out->v), by_id);
out:
	lt_svm_pred_free(&p);
	return rc;
}

int lt_fbm_learn(lt_fbm *m, const char *text, size_t n, uint32_t topics, lt_fbm_delta *out,
		 lt_error *e)
{
	return learn(m, text, n, topics, false, out, e);
}

int lt_fbm_change_of(lt_fbm *m, const char *text, size_t n, uint32_t topics, lt_fbm_delta *out,
		     lt_error *e)
{
	return learn(m, text, n, topics, true, out, e);
}

int lt_fbm_set_row(lt_fbm *m, const lt_fbm *base, uint64_t id, float idf, const double *w,
		   lt_error *e)
{
	lt_svm *s = lt_fbm_svm_rw(m);
	const lt_svm *b = lt_fbm_svm(base);
	long rb, r;

	if (id == LT_FBM_BIAS_ROW) {
		for (size_t k = 0; k < LT_FBM_NOUT && k < s->K; k++)
			s->bias[k] = b->bias[k] + w[k];
		return 0;
	}
	rb = lt_svm_find(b, id);
	r = lt_svm_row(s, id, rb >= 0 ? LT_SVM_IDF(b, rb) : idf);
	if (r < 0)
		return nomem(e);
	for (size_t k = 0; k < LT_FBM_NOUT && k < s->K; k++)
		LT_SVM_W(s, r)[k] = (float)((rb >= 0 ? (double)LT_SVM_W(b, rb)[k] : 0) + w[k]);
	return 0;
}

void lt_fbm_set_updates(lt_fbm *m, uint64_t n)
{
	lt_fbm_svm_rw(m)->updates = n;
}

/*
 * Field by field: lt_svm_new parses the lexicons again (their rules point
 * into the copy's own text), then the table, weights and counters are
 * copied. A field added to struct lt_svm is copied here too
 * (test_classify_fb_delta: a copy saves the same bytes).
 */
int lt_svm_clone(const lt_svm *s, lt_svm **out, lt_error *e)
{
	const char *names[LT_SVM_MAX_OUT];
	lt_svm_lexicon lex[LT_SVM_MAX_LEX];
	lt_svm *c = NULL;
	int rc;

	*out = NULL;
	for (size_t k = 0; k < s->K; k++)
		names[k] = s->names[k];
	for (size_t j = 0; j < s->nlex; j++) {
		lex[j].text = s->lex_text[j];
		lex[j].labels = s->lex_labp[j];
		lex[j].nlabels = s->lex[j].nlabels;
	}
	rc = lt_svm_new(&s->o, s->K, names, lex, s->nlex, &c, e);
	if (rc)
		return rc;
	free(c->slots);
	c->slots = malloc((s->mask + 1) * sizeof(*c->slots));
	c->w = malloc((s->cap ? s->cap : 1) * (s->K + 1) * sizeof(float));
	if (!c->slots || !c->w) {
		lt_svm_free(c);
		return nomem(e);
	}
	memcpy(c->slots, s->slots, (s->mask + 1) * sizeof(*c->slots));
	memcpy(c->w, s->w, s->nrows * (s->K + 1) * sizeof(float));
	c->mask = s->mask;
	c->nrows = s->nrows;
	c->cap = s->cap;
	memcpy(c->bias, s->bias, sizeof(c->bias));
	c->ndocs = s->ndocs;
	c->updates = s->updates;
	*out = c;
	return 0;
}

int lt_fbm_diff(const lt_fbm *m, const lt_fbm *base, lt_fbm_delta *out, lt_error *e)
{
	const lt_svm *s = lt_fbm_svm(m), *b = lt_fbm_svm(base);
	size_t need = s->nrows + 1;

	out->n = 0;
	if (s->K != LT_FBM_NOUT || b->K != LT_FBM_NOUT)
		return lt_error_set(e, LT_EINVAL, "model", "mô hình không đúng số đầu ra",
				    "the model has the wrong number of outputs");
	if (need > out->cap) {
		lt_fbm_change *v = realloc(out->v, need * sizeof(*v));
		if (!v)
			return nomem(e);
		out->v = v;
		out->cap = need;
	}
	memset(&out->v[0], 0, sizeof(out->v[0]));
	for (size_t k = 0; k < LT_FBM_NOUT; k++)
		out->v[0].w[k] = s->bias[k] - b->bias[k];
	out->n = 1;
	for (size_t i = 0; i <= s->mask; i++) {
		lt_fbm_change *c = &out->v[out->n];
		long rb;
		bool moved;
		if (!s->slots[i].key)
			continue;
		memset(c, 0, sizeof(*c));
		c->id = s->slots[i].key;
		c->idf = LT_SVM_IDF(s, s->slots[i].row);
		rb = lt_svm_find(b, c->id);
		c->new_row = moved = rb < 0;
		for (size_t k = 0; k < LT_FBM_NOUT; k++) {
			c->w[k] = (double)LT_SVM_W(s, s->slots[i].row)[k] -
				  (rb >= 0 ? (double)LT_SVM_W(b, rb)[k] : 0);
			moved |= c->w[k] != 0;
		}
		out->n += moved;
	}
	qsort(out->v, out->n, sizeof(*out->v), by_id);
	return 0;
}
