/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * feedback_classify.c — which topics a message gets: an officer's rule that
 * matches wins (the officers read and edit them; the "why" says a rule
 * overrode the model), else the model (feedback_model.c: the shipped one,
 * or the database's copy that learnt the cadres' confirmations); and
 * whether it is urgent, from the model, with the reasons.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/feedback_int.h"
#include "text/abbrev.h"
#include "text/simhash.h"

#define WHY_TERMS 5
#define NO_WORDS_VI "không có chữ để phân loại (trống, chỉ biểu tượng hay số)"
#define MAX_MATCH 16

_Static_assert(LT_FB_GROUP_DISTANCE == LT_SIMHASH_NEAR,
	       "the default near-duplicate distance is text/simhash.h's");

int lt_app_fb_nomem(lt_error *e)
{
	return lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
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
	int rc;

	memset(c, 0, sizeof(*c));
	/* no fallback label: nothing matched leaves the model to decide */
	lt_topics_init(&c->rules, lt_topic_codes(), LT_TOPIC_COUNT, -1, lt_abbrev_default());
	lt_tokens_init(&c->tok);
	lt_svm_pred_init(&c->pred);
	rc = load_db_rules(db, &c->rules, e);
	if (!rc)
		rc = lt_app_fb_model_use(db, &c->model, &c->model_ref, e);
	if (rc)
		lt_app_fb_clf_close(c);
	return rc;
}

void lt_app_fb_clf_close(lt_fb_clf *c)
{
	lt_topics_free(&c->rules);
	if (c->model_ref)
		lt_app_fb_model_release(c->model_ref);
	c->model = NULL;
	c->model_ref = NULL;
	lt_tokens_free(&c->tok);
	lt_svm_pred_free(&c->pred);
}

static json_t *why_item(const char *kind, int topic, const char *term, double weight)
{
	return json_pack("{s:s,s:s,s:s,s:f}", "kind", kind, "topic", lt_topic_code(topic), "term",
			 term, "weight", weight);
}

/* The label of the strongest matched rule whose label was assigned. */
static int rules_main(const lt_fb_clf *c, const lt_topic_match *m, size_t nm, uint32_t labels)
{
	int best = -1;
	double w = 0;

	for (size_t i = 0; i < nm; i++) {
		const lt_topic_rule *r = &c->rules.v[m[i].rule];
		if (((labels >> r->label) & 1u) && (best < 0 || r->weight > w)) {
			best = r->label;
			w = r->weight;
		}
	}
	return best;
}

int lt_app_fb_clf_run(lt_fb_clf *c, const char *text, size_t n, lt_fb_class *out, lt_error *e)
{
	lt_topic_match m[MAX_MATCH];
	lt_fbm_result r;
	size_t nm = 0;
	uint32_t labels = 0;
	json_t *why = json_array();
	int rc;

	memset(out, 0, sizeof(*out));
	if (!text)
		text = "";
	rc = lt_fbm_predict(c->model, text, n, 1, &c->pred, &r);
	if (!rc)
		rc = lt_topics_apply_text(&c->rules, text, n, &c->tok, &labels, m, MAX_MATCH, &nm);
	if (rc || !why)
		goto nomem;
	if (labels) {
		/* an officer's rule wins over the model, and says so */
		out->topics = labels;
		out->main_topic = rules_main(c, m, nm, labels);
		out->source = "rules";
		for (size_t i = 0; i < nm; i++) {
			const lt_topic_rule *x = &c->rules.v[m[i].rule];
			json_array_append_new(why, why_item("rule", m[i].label, x->text, x->weight));
		}
		json_array_append_new(why, why_item("overridden_model", r.main,
						    "luật của cán bộ thay cho mô hình", 0));
	} else if (r.no_words) {
		out->topics = r.topics;
		out->main_topic = r.main;
		out->source = "model";
		json_array_append_new(why, why_item("no_words", r.main, NO_WORDS_VI, 0));
	} else {
		out->topics = r.topics;
		out->main_topic = r.main;
		out->source = "model";
		for (size_t i = 0; i < r.nwhy && i < WHY_TERMS; i++)
			json_array_append_new(why, why_item("model", r.main, r.why[i].term,
							    r.why[i].weight));
	}
	out->urgent = r.urgent != 0;
	snprintf(out->urgency_why, sizeof(out->urgency_why), "%s", r.urgent ? r.urgency_why : "");
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
	/* "Try a text" classifies it as a message received by the actor's unit would be. */
	rc = lt_app_fb_clf_open_at(db, who->unit_id, &c, e);
	if (rc)
		return rc;
	/* any text: an empty one is "khac" with the reason, a long one is cut */
	rc = lt_app_fb_clf_run(&c, text ? text : "", text ? strlen(text) : 0, out, e);
	lt_app_fb_clf_close(&c);
	return rc;
}
