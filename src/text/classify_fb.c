/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* classify_fb.c — see classify_fb.h. */
#include "text/classify_fb.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text/classify_bytes.h"
#include "text/classify_fb_delta.h"
#include "text/urgency.h"

#define MAGIC "LTFBM\x01"
#define LEX_TOPICS 0
#define LEX_URGENCY 1

struct lt_fbm {
	lt_svm *svm;
	double th[LT_TOPIC_COUNT]; /* secondary thresholds */
	double uth;                /* urgency threshold */
	uint64_t base;             /* id of the model this one was derived from, or 0 */
};

static const char *const out_names[LT_TOPIC_COUNT + 1] = {
	"doi_song", "viec_lam", "tien_luong", "thuong_tet",
	"bhxh_phuc_loi", "an_toan", "khac", "khan",
};

_Static_assert(LT_TOPIC_COUNT == 7, "out_names lists the topics of topics.c, then khan");

static const char *const urg_codes[LT_URG_COUNT] = {
	"no_luong", "thuong_tet", "cat_giam", "tai_nan", "dinh_cong", "nguy_hiem", "han_gan",
};

static int nomem(lt_error *e)
{
	return lt_error_set(e, LT_ENOMEM, NULL, "hết bộ nhớ", "out of memory");
}

int lt_fbm_train(const lt_svm_opts *o, const lt_fbc_msg *train, size_t n, lt_fbm **out,
		 lt_error *e)
{
	lt_svm_lexicon lex[2] = {
		{ lt_topics_default_text(), lt_topic_codes(), LT_TOPIC_COUNT },
		{ lt_urgency_default_text(), urg_codes, LT_URG_COUNT },
	};
	const char **texts = NULL;
	uint32_t *labels = NULL;
	lt_svm_opts oo = *o;
	lt_fbm *m = NULL;
	int rc;

	*out = NULL;
	oo.weighted_outputs = LT_TOPIC_COUNT; /* the topics are weighted, urgency is not */
	for (size_t r = 0; r < LT_URG_COUNT; r++)
		if (strcmp(urg_codes[r], lt_urgency_code((int)r)))
			return lt_error_set(e, LT_EINVAL, "urgency", "mã lý do khẩn lệch",
					    "urgency reason codes differ");
	texts = malloc((n ? n : 1) * sizeof(*texts));
	labels = malloc((n ? n : 1) * sizeof(*labels));
	m = calloc(1, sizeof(*m));
	if (!texts || !labels || !m) {
		rc = nomem(e);
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		texts[i] = train[i].text;
		/* a topic the message has as a secondary: a weak negative of it */
		uint32_t sec = train[i].topics & ~(1u << train[i].topic) &
			       ((1u << LT_TOPIC_COUNT) - 1);
		labels[i] = (1u << train[i].topic) | (sec << LT_SVM_WEAK) |
			    (train[i].urgent ? 1u << LT_FBM_OUT_URGENT : 0);
	}
	rc = lt_svm_train(&oo, LT_TOPIC_COUNT + 1, out_names, lex, 2, texts, labels, n, &m->svm, e);
	if (rc)
		goto out;
	*out = m;
	m = NULL;
out:
	lt_fbm_free(m);
	free(texts);
	free(labels);
	return rc;
}

void lt_fbm_free(lt_fbm *m)
{
	if (!m)
		return;
	lt_svm_free(m->svm);
	free(m);
}

const lt_svm *lt_fbm_svm(const lt_fbm *m)
{
	return m->svm;
}

void lt_fbm_get_calib(const lt_fbm *m, lt_fbm_calib *out)
{
	memcpy(out->threshold, m->th, sizeof(m->th));
	out->urgent_threshold = m->uth;
}

/* ---------- prediction ---------- */

/* "reason (pattern); reason (pattern)" of the urgency keywords in p into out. */
static void reasons_text(const lt_svm *s, const lt_svm_pred *p, lt_fbm_result *out)
{
	const lt_topic_rules *r = lt_svm_lexicon_rules(s, LEX_URGENCY);
	size_t w = strlen(out->urgency_why);

	for (size_t i = 0; r && i < p->nf; i++) {
		const lt_svm_feat *f = &p->f[i];
		int k;
		if (f->lex != LEX_URGENCY || f->rule < 0 || (size_t)f->rule >= r->n)
			continue;
		out->reasons |= 1u << r->v[f->rule].label;
		if (w >= sizeof(out->urgency_why))
			continue;
		k = snprintf(out->urgency_why + w, sizeof(out->urgency_why) - w, "%s%s (%s)",
			     w ? "; " : "", lt_urgency_name_vi(r->v[f->rule].label),
			     r->v[f->rule].text);
		w = k < 0 ? sizeof(out->urgency_why) : w + (size_t)k;
	}
}

/* Append "từ: a, b, c" (the terms that pushed urgency) to urgency_why. */
static void terms_text(lt_fbm_result *out)
{
	size_t w = strlen(out->urgency_why);

	for (size_t i = 0; i < out->nuwhy && i < 3 && w < sizeof(out->urgency_why); i++) {
		int k = snprintf(out->urgency_why + w, sizeof(out->urgency_why) - w, "%s%s",
				 i ? ", " : w ? "; từ: " : "từ: ", out->uwhy[i].term);
		w = k < 0 ? sizeof(out->urgency_why) : w + (size_t)k;
	}
}

/* Main topic, secondaries and urgency of the margins z (K+1 outputs) into out. */
static int decide(const lt_fbm *m, const double *z, lt_fbm_result *out)
{
	int runner = -1;
	size_t nsec = 0;

	out->main = 0;
	for (int t = 0; t < LT_TOPIC_COUNT; t++) {
		out->score[t] = z[t];
		if (z[t] > z[out->main])
			out->main = t;
	}
	out->topics = 1u << out->main;
	for (int t = 0; t < LT_TOPIC_COUNT; t++)
		if (t != out->main && (runner < 0 || z[t] > z[runner]))
			runner = t;
	/* secondaries: best first, at most LT_FBM_MAX_SECONDARY */
	while (nsec < LT_FBM_MAX_SECONDARY) {
		int best = -1;
		for (int t = 0; t < LT_TOPIC_COUNT; t++)
			if (!(out->topics & (1u << t)) && z[t] >= m->th[t] &&
			    (best < 0 || z[t] > z[best]))
				best = t;
		if (best < 0)
			break;
		out->topics |= 1u << best;
		nsec++;
	}
	out->urgency = z[LT_FBM_OUT_URGENT] - m->uth;
	out->urgent = out->urgency >= 0;
	return runner;
}

int lt_fbm_predict(const lt_fbm *m, const char *text, size_t n, int explain, lt_svm_pred *p,
		   lt_fbm_result *out)
{
	int runner, rc;

	memset(out, 0, sizeof(*out));
	rc = lt_svm_predict(m->svm, text, n, p);
	if (rc)
		return rc;
	out->cut = p->cut;
	if (!p->nwords) {
		/* empty, emoji, a phone number: no word to go by */
		out->no_words = 1;
		out->main = LT_TOPIC_KHAC;
		out->topics = 1u << LT_TOPIC_KHAC;
		return 0;
	}
	runner = decide(m, p->z, out);
	if (explain)
		out->nwhy = lt_svm_explain(m->svm, p, (size_t)out->main, runner, out->why,
					   LT_FBM_WHY);
	if (explain && out->urgent) {
		out->nuwhy = lt_svm_explain(m->svm, p, LT_FBM_OUT_URGENT, -1, out->uwhy, LT_FBM_WHY);
		reasons_text(m->svm, p, out);
		terms_text(out);
	}
	return 0;
}

int lt_fbm_update(lt_fbm *m, const char *text, size_t n, uint32_t topics, lt_error *e)
{
	lt_svm_pred p;
	uint32_t all = (1u << LT_TOPIC_COUNT) - 1;
	int want = -1, rc;

	topics &= all;
	if (!topics)
		return lt_error_set(e, LT_EINVAL, "topics", "cần ít nhất một chủ đề",
				    "at least one topic is needed");
	lt_svm_pred_init(&p);
	rc = lt_svm_predict(m->svm, text, n, &p);
	for (int t = 0; t < LT_TOPIC_COUNT && !rc; t++)
		if (((topics >> t) & 1u) && (want < 0 || p.z[t] > p.z[want]))
			want = t;
	lt_svm_pred_free(&p);
	if (rc)
		return nomem(e);
	return lt_svm_update(m->svm, text, n, (size_t)want, all & ~topics, e);
}

/* ---------- calibration ---------- */

/*
 * The threshold over n scores s with gold y[]: the best F1 or, balanced,
 * the best min(precision, recall) (ties: the better F1, then the higher
 * threshold); HUGE_VAL when there is no positive.
 */
static double best_threshold(const double *s, const unsigned char *y, size_t n, int balanced)
{
	double best = HUGE_VAL, bestk = -1, bestf = -1;
	size_t pos = 0;

	for (size_t i = 0; i < n; i++)
		pos += y[i];
	for (size_t c = 0; pos && c < n; c++) {
		double tp = 0, fp = 0, p, r, f, k;
		for (size_t i = 0; i < n; i++)
			if (s[i] >= s[c]) {
				tp += y[i];
				fp += !y[i];
			}
		p = tp / (tp + fp);
		r = tp / (double)pos;
		f = p + r > 0 ? 2 * p * r / (p + r) : 0;
		k = balanced ? fmin(p, r) : f;
		if (k > bestk + 1e-12 || (k > bestk - 1e-12 && (f > bestf + 1e-12 ||
		    (f > bestf - 1e-12 && s[c] > best)))) {
			bestk = k;
			bestf = f;
			best = s[c];
		}
	}
	return best;
}

int lt_fbm_margins(const lt_fbm *m, const lt_fbc_msg *v, size_t n, double *z)
{
	lt_svm_pred p;
	int rc = 0;

	lt_svm_pred_init(&p);
	for (size_t i = 0; i < n && !rc; i++) {
		rc = lt_svm_predict(m->svm, v[i].text, strlen(v[i].text), &p);
		memcpy(z + i * LT_FBM_NOUT, p.z, LT_FBM_NOUT * sizeof(*z));
	}
	lt_svm_pred_free(&p);
	return rc;
}

int lt_fbm_calibrate_margins(lt_fbm *m, const lt_fbc_msg *dev, size_t n, const double *z,
			     lt_fbm_calib *out)
{
	double *s = malloc((n ? n : 1) * sizeof(*s));
	unsigned char *y = malloc(n ? n : 1);

	if (!s || !y) {
		free(s);
		free(y);
		return LT_ENOMEM;
	}
	for (int t = 0; t < LT_TOPIC_COUNT; t++) {
		size_t k = 0;
		for (size_t i = 0; i < n; i++) {
			if (dev[i].topic == t)
				continue;
			s[k] = z[i * LT_FBM_NOUT + (size_t)t];
			y[k++] = (dev[i].topics >> t) & 1u;
		}
		m->th[t] = best_threshold(s, y, k, 0);
	}
	for (size_t i = 0; i < n; i++) {
		s[i] = z[i * LT_FBM_NOUT + LT_FBM_OUT_URGENT];
		y[i] = (unsigned char)dev[i].urgent;
	}
	if (n) {
		double th = best_threshold(s, y, n, 1);
		m->uth = isfinite(th) ? th : 0;
	}
	if (out)
		lt_fbm_get_calib(m, out);
	free(s);
	free(y);
	return 0;
}

int lt_fbm_calibrate(lt_fbm *m, const lt_fbc_msg *dev, size_t n, lt_fbm_calib *out)
{
	double *z = malloc((n ? n : 1) * LT_FBM_NOUT * sizeof(*z));
	int rc = z ? lt_fbm_margins(m, dev, n, z) : LT_ENOMEM;

	if (!rc)
		rc = lt_fbm_calibrate_margins(m, dev, n, z, out);
	free(z);
	return rc;
}

/* ---------- evaluation ---------- */

static double ratio(double a, double b)
{
	return b > 0 ? a / b : 0;
}

static double f1(double p, double r)
{
	return p + r > 0 ? 2 * p * r / (p + r) : 0;
}

typedef struct acc {
	double tp[LT_TOPIC_COUNT], fp[LT_TOPIC_COUNT], fn[LT_TOPIC_COUNT];
	double ok, ing, mtp, mfp, mfn, utp, ufp, ufn;
} acc;

static void count(acc *a, const lt_fbc_msg *g, const lt_fbm_result *r)
{
	if (r->main == g->topic) {
		a->ok++;
		a->tp[g->topic]++;
	} else {
		a->fn[g->topic]++;
		a->fp[r->main]++;
	}
	a->ing += (g->topics >> r->main) & 1u;
	for (int t = 0; t < LT_TOPIC_COUNT; t++) {
		int want = (g->topics >> t) & 1u, got = (r->topics >> t) & 1u;
		a->mtp += want && got;
		a->mfp += !want && got;
		a->mfn += want && !got;
	}
	a->utp += g->urgent && r->urgent;
	a->ufp += !g->urgent && r->urgent;
	a->ufn += g->urgent && !r->urgent;
}

static void sum_up(const acc *a, size_t n, lt_fbm_scores *out)
{
	double seen = 0;

	out->n = n;
	out->top1 = ratio(a->ok, (double)n);
	out->in_gold = ratio(a->ing, (double)n);
	for (int t = 0; t < LT_TOPIC_COUNT; t++) {
		lt_fbm_topic_score *s = &out->topic[t];
		s->support = (size_t)(a->tp[t] + a->fn[t]);
		s->precision = ratio(a->tp[t], a->tp[t] + a->fp[t]);
		s->recall = ratio(a->tp[t], a->tp[t] + a->fn[t]);
		s->f1 = f1(s->precision, s->recall);
		if (s->support || a->fp[t]) {
			out->macro_f1 += s->f1;
			seen++;
		}
		out->weighted_f1 += s->f1 * (double)s->support;
	}
	out->macro_f1 = ratio(out->macro_f1, seen);
	out->weighted_f1 = ratio(out->weighted_f1, (double)n);
	out->ml_precision = ratio(a->mtp, a->mtp + a->mfp);
	out->ml_recall = ratio(a->mtp, a->mtp + a->mfn);
	out->ml_f1 = f1(out->ml_precision, out->ml_recall);
	out->urgent_support = (size_t)(a->utp + a->ufn);
	out->urgent_precision = ratio(a->utp, a->utp + a->ufp);
	out->urgent_recall = ratio(a->utp, a->utp + a->ufn);
	out->urgent_f1 = f1(out->urgent_precision, out->urgent_recall);
}

int lt_fbm_eval(const lt_fbm *m, const lt_fbc_msg *msgs, size_t n, lt_fbm_scores *out)
{
	acc a;
	lt_svm_pred p;
	lt_fbm_result r;
	int rc = 0;

	memset(out, 0, sizeof(*out));
	memset(&a, 0, sizeof(a));
	lt_svm_pred_init(&p);
	for (size_t i = 0; i < n && !rc; i++) {
		rc = lt_fbm_predict(m, msgs[i].text, strlen(msgs[i].text), 0, &p, &r);
		if (!rc)
			count(&a, &msgs[i], &r);
	}
	lt_svm_pred_free(&p);
	if (!rc)
		sum_up(&a, n, out);
	return rc;
}

void lt_fbm_eval_margins(const lt_fbm *m, const lt_fbc_msg *msgs, size_t n, const double *z,
			 lt_fbm_scores *out)
{
	acc a;
	lt_fbm_result r;

	memset(out, 0, sizeof(*out));
	memset(&a, 0, sizeof(a));
	for (size_t i = 0; i < n; i++) {
		memset(&r, 0, sizeof(r));
		decide(m, z + i * LT_FBM_NOUT, &r);
		count(&a, &msgs[i], &r);
	}
	sum_up(&a, n, out);
}

/* ---------- save / load ---------- */

void lt_fbm_set_base(lt_fbm *m, uint64_t base)
{
	m->base = base;
}

uint64_t lt_fbm_base(const lt_fbm *m)
{
	return m->base;
}

uint64_t lt_fbm_id(const void *p, size_t n)
{
	const unsigned char *b = p;
	uint64_t h = 0xcbf29ce484222325ULL;

	for (size_t i = 0; i < n; i++) {
		h ^= b[i];
		h *= 0x100000001b3ULL;
	}
	return h ? h : 1;
}

int lt_fbm_save(const lt_fbm *m, lt_buf *out, lt_error *e)
{
	int rc = lt_buf_add(out, MAGIC, 6);

	for (int t = -1; t <= LT_TOPIC_COUNT && !rc; t++) {
		double d = t < 0 ? 0 : t < LT_TOPIC_COUNT ? m->th[t] : m->uth;
		uint64_t v = m->base;
		if (!isfinite(d))
			d = 1e300; /* never */
		if (t >= 0)
			memcpy(&v, &d, 8);
		rc = lt_le_add(out, v, 8);
	}
	if (rc)
		return lt_error_set(e, rc, "model", "không ghi được mô hình",
				    "cannot write the model");
	return lt_svm_save(m->svm, out, e);
}

int lt_fbm_load(const void *p, size_t n, lt_fbm **out, lt_error *e)
{
	const unsigned char *b = p;
	size_t head = 6 + 8 + 8 * (LT_TOPIC_COUNT + 1);
	lt_fbm *m = NULL;
	int rc;

	*out = NULL;
	if (n < head || memcmp(b, MAGIC, 6))
		goto bad;
	m = calloc(1, sizeof(*m));
	if (!m)
		return nomem(e);
	m->base = lt_le_load(b + 6, 8);
	for (int t = 0; t <= LT_TOPIC_COUNT; t++) {
		uint64_t v = lt_le_load(b + 14 + 8 * t, 8);
		double d;
		memcpy(&d, &v, 8);
		if (!isfinite(d))
			goto bad;
		if (t < LT_TOPIC_COUNT)
			m->th[t] = d;
		else
			m->uth = d;
	}
	rc = lt_svm_load(b + head, n - head, &m->svm, e);
	if (rc) {
		lt_fbm_free(m);
		return rc;
	}
	if (lt_svm_nout(m->svm) != LT_TOPIC_COUNT + 1)
		goto bad;
	*out = m;
	return 0;
bad:
	lt_fbm_free(m);
	return lt_error_set(e, LT_EINVAL, "model", "dữ liệu mô hình hỏng hoặc không đúng định dạng",
			    "model data is corrupt or not a lantoa feedback model");
}

/* ---------- copies (classify_fb_delta.h) ---------- */

lt_svm *lt_fbm_svm_rw(lt_fbm *m)
{
	return m->svm;
}

int lt_fbm_clone(const lt_fbm *m, lt_fbm **out, lt_error *e)
{
	lt_fbm *c = calloc(1, sizeof(*c));
	int rc;

	*out = NULL;
	if (!c)
		return nomem(e);
	*c = *m; /* thresholds and base: values; the classifier is copied below */
	c->svm = NULL;
	rc = lt_svm_clone(m->svm, &c->svm, e);
	if (rc) {
		free(c);
		return rc;
	}
	*out = c;
	return 0;
}
