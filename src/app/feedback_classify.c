/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * feedback_classify.c — which topics a message gets: the built-in keyword
 * rules plus the officers' rules first (a matched rule is the clearest
 * "why"), then the model trained on the messages cadres confirmed; and
 * whether it is urgent. Also the model's use cases: its state and training.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/feedback_int.h"
#include "store/audit.h"
#include "text/simhash.h"
#include "text/urgency.h"

#define WHY_TERMS 5
#define MAX_MATCH 16

_Static_assert(LT_FB_GROUP_DISTANCE == LT_SIMHASH_NEAR,
	       "the default near-duplicate distance is text/simhash.h's");

int lt_app_fb_nomem(lt_error *e)
{
	return lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
}

/* ---------- the model in the database ---------- */

int lt_app_fb_model_load(lt_db *db, lt_classifier **m, lt_error *e)
{
	lt_arena a;
	const void *p = NULL;
	size_t n = 0;
	int rc;

	*m = NULL;
	lt_arena_init(&a);
	rc = lt_feedback_model_blob(db, &a, &p, &n, e);
	if (!rc && p)
		rc = lt_classify_load(p, n, m, e);
	lt_arena_free(&a);
	return rc;
}

int lt_app_fb_model_save(lt_db *db, const lt_classifier *m, int64_t n_train, lt_error *e)
{
	lt_buf b;
	int rc;

	lt_buf_init(&b, 256u << 20);
	rc = lt_classify_save(m, &b, e);
	if (!rc)
		rc = lt_feedback_model_put(db, b.ptr, b.len, n_train, e);
	lt_buf_free(&b);
	return rc;
}

int lt_app_fb_train_in_tx(lt_db *db, bool *trained, size_t *n_used, lt_error *e)
{
	lt_arena a;
	lt_classify_opts o;
	lt_classifier *m = NULL;
	lt_fb_text *rows = NULL;
	const char **texts = NULL;
	uint32_t *labels = NULL;
	size_t n = 0;
	int rc;

	if (trained)
		*trained = false;
	if (n_used)
		*n_used = 0;
	lt_arena_init(&a);
	rc = lt_feedback_confirmed(db, &a, &rows, &n, e);
	if (rc)
		goto out;
	if (n_used)
		*n_used = n;
	if (n < (size_t)lt_feedback_config_get()->min_train) {
		/* Too few to learn from: the rules alone classify. */
		rc = lt_feedback_model_drop(db, e);
		goto out;
	}
	texts = lt_arena_alloc(&a, n * sizeof(*texts));
	labels = lt_arena_alloc(&a, n * sizeof(*labels));
	if (!texts || !labels) {
		rc = lt_app_fb_nomem(e);
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		texts[i] = rows[i].text;
		labels[i] = rows[i].topics;
	}
	lt_classify_opts_default(&o, LT_CLASSIFY_LR);
	rc = lt_classify_new(&o, LT_TOPIC_COUNT, lt_topic_codes(), &m, e);
	if (!rc)
		rc = lt_classify_train(m, texts, labels, n, e);
	if (!rc)
		rc = lt_app_fb_model_save(db, m, (int64_t)n, e);
	if (!rc && trained)
		*trained = true;
out:
	lt_classify_free(m);
	lt_arena_free(&a);
	return rc;
}

/* ---------- the rule set and the classifier ---------- */

/* Append the officers' rules from the database to r. */
static int load_db_rules(lt_db *db, lt_topic_rules *r, lt_error *e)
{
	lt_arena a;
	lt_fb_rule *rules = NULL;
	size_t n = 0;
	int rc;

	lt_arena_init(&a);
	rc = lt_feedback_rule_list(db, &a, &rules, &n, e);
	for (size_t i = 0; !rc && i < n; i++)
		rc = lt_topics_add(r, rules[i].topic, rules[i].pattern, rules[i].weight, e);
	lt_arena_free(&a);
	return rc;
}

int lt_app_fb_clf_open(lt_db *db, lt_fb_clf *c, lt_error *e)
{
	const char *def = lt_topics_default_text();
	int rc;

	memset(c, 0, sizeof(*c));
	lt_topics_init_default(&c->rules);
	lt_tokens_init(&c->tok);
	lt_classify_pred_init(&c->pred);
	rc = lt_topics_parse(&c->rules, def, strlen(def), e);
	if (!rc)
		rc = load_db_rules(db, &c->rules, e);
	if (!rc)
		rc = lt_app_fb_model_load(db, &c->model, e);
	if (rc)
		lt_app_fb_clf_close(c);
	return rc;
}

void lt_app_fb_clf_close(lt_fb_clf *c)
{
	lt_topics_free(&c->rules);
	lt_classify_free(c->model);
	c->model = NULL;
	lt_tokens_free(&c->tok);
	lt_classify_pred_free(&c->pred);
}

static json_t *why_item(const char *kind, int topic, const char *term, double weight)
{
	return json_pack("{s:s,s:s,s:s,s:f}", "kind", kind, "topic", lt_topic_code(topic), "term",
			 term, "weight", weight);
}

int lt_app_fb_clf_run(lt_fb_clf *c, const char *text, size_t n, lt_fb_class *out, lt_error *e)
{
	lt_topic_match m[MAX_MATCH];
	lt_urgency u;
	size_t nm = 0;
	uint32_t labels = 0, fallback = 1u << LT_TOPIC_KHAC;
	json_t *why = json_array();
	int rc;

	memset(out, 0, sizeof(*out));
	rc = lt_topics_apply_text(&c->rules, text, n, &c->tok, &labels, m, MAX_MATCH, &nm);
	if (rc)
		goto nomem;
	if (labels & ~fallback) {
		/* Rules first: a matched rule is the clearest "why". */
		out->topics = labels;
		out->source = "rules";
		for (size_t i = 0; i < nm; i++) {
			const lt_topic_rule *r = &c->rules.v[m[i].rule];
			json_array_append_new(why, why_item("rule", m[i].label, r->text, r->weight));
		}
	} else if (c->model) {
		rc = lt_classify_predict(c->model, text, n, WHY_TERMS, &c->pred);
		if (rc)
			goto nomem;
		out->topics = c->pred.labels ? c->pred.labels : fallback;
		out->source = "model";
		for (size_t i = 0; i < c->pred.nwhy; i++)
			json_array_append_new(why, why_item("model", c->pred.best, c->pred.why[i].term,
							    c->pred.why[i].weight));
	} else {
		out->topics = fallback;
		out->source = "rules";
	}
	rc = lt_urgency_check(NULL, text, n, &c->tok, &u);
	if (rc)
		goto nomem;
	out->urgent = u.urgent != 0;
	snprintf(out->urgency_why, sizeof(out->urgency_why), "%s", u.urgent ? u.why : "");
	out->why = json_dumps(why, JSON_COMPACT);
	json_decref(why);
	return out->why ? 0 : lt_app_fb_nomem(e);
nomem:
	json_decref(why);
	return lt_app_fb_nomem(e);
}

/* ---------- use cases ---------- */

int lt_app_feedback_classify(lt_db *db, const lt_actor *who, const char *text, lt_fb_class *out,
			     lt_error *e)
{
	lt_fb_clf c;
	int rc = lt_actor_need_role(who, LT_ROLE_CADRE, e);

	memset(out, 0, sizeof(*out));
	if (rc)
		return rc;
	if (!text || !*text || strlen(text) > LT_FB_TEXT_MAX)
		return lt_error_set(e, LT_EINVAL, "text", "Cần nội dung (tối đa %d byte)",
				    "The text is required (at most %d bytes)", LT_FB_TEXT_MAX);
	rc = lt_app_fb_clf_open(db, &c, e);
	if (rc)
		return rc;
	rc = lt_app_fb_clf_run(&c, text, strlen(text), out, e);
	lt_app_fb_clf_close(&c);
	return rc;
}

int lt_app_feedback_model(lt_db *db, const lt_actor *who, lt_fb_model_info *out, lt_error *e)
{
	lt_classifier *m = NULL;
	int rc = lt_actor_need_role(who, LT_ROLE_CADRE, e);

	memset(out, 0, sizeof(*out));
	if (!rc)
		rc = lt_feedback_model_meta(db, out, e);
	if (!rc && out->present)
		rc = lt_app_fb_model_load(db, &m, e);
	if (!rc && m)
		out->nfeatures = lt_classify_nfeatures(m);
	lt_classify_free(m);
	return rc;
}

int lt_app_feedback_train(lt_db *db, const lt_actor *who, lt_fb_trained *out, lt_error *e)
{
	char detail[96];
	int rc = lt_actor_need_role(who, LT_ROLE_OFFICER, e);

	memset(out, 0, sizeof(*out));
	if (rc)
		return rc;
	rc = lt_db_begin(db, e);
	if (rc)
		return rc;
	rc = lt_app_fb_train_in_tx(db, &out->trained, &out->used, e);
	snprintf(detail, sizeof(detail), "{\"messages\":%zu,\"trained\":%s}", out->used,
		 out->trained ? "true" : "false");
	if (!rc)
		rc = lt_audit(db, lt_actor_audit_id(who), "train", "feedback_model", 1, detail, e);
	rc = lt_db_end(db, rc, e);
	if (!rc)
		rc = lt_app_feedback_model(db, who, &out->model, e);
	if (rc) {
		out->trained = false;
		out->used = 0;
	}
	return rc;
}
