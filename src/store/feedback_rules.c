/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * feedback_rules.c — classification of messages: the built-in keyword rules
 * plus the officers' rules (table feedback_rule), then the model kept in
 * feedback_model as a blob (lt_classify_save/load). Rule preview and apply,
 * training from the messages cadres confirmed.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/tree.h"
#include "store/audit.h"
#include "store/feedback_int.h"
#include "store/store.h"
#include "text/urgency.h"

#define WHY_TERMS 5
#define MAX_MATCH 16

/* ---------- the model in the database ---------- */

int lt_fb_model_load(lt_db *db, lt_classifier **m, lt_error *e)
{
	lt_stmt *st = NULL;
	const void *p;
	size_t n = 0;
	int rc = lt_db_prepare(db, "SELECT model FROM feedback_model WHERE id = 1", &st, e);

	*m = NULL;
	if (rc)
		return rc;
	rc = lt_stmt_step(st, e);
	if (rc == 1) {
		p = lt_stmt_blob(st, 0, &n);
		rc = lt_classify_load(p, n, m, e);
	}
	lt_stmt_done(st);
	return rc < 0 ? rc : 0;
}

int lt_fb_model_save(lt_db *db, const lt_classifier *m, int64_t n_train, lt_error *e)
{
	lt_stmt *st = NULL;
	lt_buf b;
	int rc;

	lt_buf_init(&b, 256u << 20);
	rc = lt_classify_save(m, &b, e);
	if (rc)
		goto out;
	if (n_train > 0)
		rc = lt_db_prepare(db,
				   "INSERT INTO feedback_model(id, algo, model, n_train, updates,"
				   " trained_at, updated_at) VALUES (1, 'lr', $1, $2, 0, $3, $3)"
				   " ON CONFLICT (id) DO UPDATE SET model = excluded.model,"
				   " n_train = excluded.n_train, updates = 0,"
				   " trained_at = excluded.trained_at, updated_at = excluded.updated_at",
				   &st, e);
	else
		rc = lt_db_prepare(db,
				   "UPDATE feedback_model SET model = $1, updates = updates + 1,"
				   " updated_at = $3 WHERE id = 1 AND $2 = 0",
				   &st, e);
	if (rc)
		goto out;
	lt_stmt_bind_blob(st, 1, b.ptr ? b.ptr : "", b.len);
	lt_stmt_bind_int(st, 2, n_train);
	lt_stmt_bind_int(st, 3, lt_now());
	rc = lt_stmt_run(st, e);
out:
	lt_buf_free(&b);
	return rc;
}

int lt_fb_confirmed_count(lt_db *db, int64_t *n, lt_error *e)
{
	lt_stmt *st = NULL;
	int rc = lt_db_prepare(db, "SELECT count(*) FROM feedback WHERE topics_source = 'cadre'",
			       &st, e);

	*n = 0;
	if (rc)
		return rc;
	rc = lt_stmt_step(st, e);
	if (rc == 1)
		*n = lt_stmt_int(st, 0);
	lt_stmt_done(st);
	return rc < 0 ? rc : 0;
}

int lt_fb_train_in_tx(lt_db *db, bool *trained, size_t *n_used, lt_error *e)
{
	lt_arena a;
	lt_stmt *st = NULL;
	lt_classify_opts o;
	lt_classifier *m = NULL;
	const char **texts = NULL;
	uint32_t *labels = NULL;
	size_t n = 0, cap = 0, lcap = 0;
	int rc;

	if (trained)
		*trained = false;
	if (n_used)
		*n_used = 0;
	lt_arena_init(&a);
	rc = lt_db_prepare(db,
			   "SELECT text, topics FROM feedback WHERE topics_source = 'cadre'"
			   " ORDER BY id",
			   &st, e);
	if (rc)
		goto out;
	while ((rc = lt_stmt_step(st, e)) == 1) {
		size_t c0 = cap;
		texts = lt_fb_grow(&a, texts, n, &c0, sizeof(*texts));
		labels = lt_fb_grow(&a, labels, n, &lcap, sizeof(*labels));
		cap = c0;
		if (!texts || !labels) {
			lt_stmt_done(st);
			rc = lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
			goto out;
		}
		texts[n] = lt_arena_strdup(&a, lt_stmt_text(st, 0));
		labels[n] = (uint32_t)lt_stmt_int(st, 1);
		n++;
	}
	lt_stmt_done(st);
	if (rc < 0)
		goto out;
	if (n_used)
		*n_used = n;
	if (n < (size_t)lt_feedback_config_get()->min_train) {
		/* Too few to learn from: the rules alone classify. */
		rc = lt_db_prepare(db, "DELETE FROM feedback_model", &st, e);
		if (!rc)
			rc = lt_stmt_run(st, e);
		goto out;
	}
	lt_classify_opts_default(&o, LT_CLASSIFY_LR);
	rc = lt_classify_new(&o, LT_TOPIC_COUNT, lt_topic_codes(), &m, e);
	if (!rc)
		rc = lt_classify_train(m, texts, labels, n, e);
	if (!rc)
		rc = lt_fb_model_save(db, m, (int64_t)n, e);
	if (!rc && trained)
		*trained = true;
out:
	lt_classify_free(m);
	lt_arena_free(&a);
	return rc;
}

int lt_feedback_train(lt_db *db, int64_t actor, bool *trained, size_t *n_used, lt_error *e)
{
	bool ok = false;
	size_t n = 0;
	char detail[96];
	int rc = lt_db_begin(db, e);

	if (rc)
		return rc;
	rc = lt_fb_train_in_tx(db, &ok, &n, e);
	snprintf(detail, sizeof(detail), "{\"messages\":%zu,\"trained\":%s}", n,
		 ok ? "true" : "false");
	if (!rc)
		rc = lt_audit(db, actor, "train", "feedback_model", 1, detail, e);
	if (rc) {
		lt_db_rollback(db);
		return rc;
	}
	rc = lt_db_commit(db, e);
	if (!rc && trained)
		*trained = ok;
	if (!rc && n_used)
		*n_used = n;
	return rc;
}

int lt_feedback_model_info(lt_db *db, lt_fb_model_info *out, lt_error *e)
{
	lt_stmt *st = NULL;
	lt_classifier *m = NULL;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = lt_fb_confirmed_count(db, &out->confirmed, e);
	if (!rc)
		rc = lt_db_prepare(db,
				   "SELECT n_train, updates, trained_at, updated_at, length(model)"
				   " FROM feedback_model WHERE id = 1",
				   &st, e);
	if (rc)
		return rc;
	rc = lt_stmt_step(st, e);
	if (rc == 1) {
		out->present = true;
		out->n_train = lt_stmt_int(st, 0);
		out->updates = lt_stmt_int(st, 1);
		out->trained_at = lt_stmt_int(st, 2);
		out->updated_at = lt_stmt_int(st, 3);
		out->bytes = (size_t)lt_stmt_int(st, 4);
	}
	lt_stmt_done(st);
	if (rc < 0)
		return rc;
	if (out->present) {
		rc = lt_fb_model_load(db, &m, e);
		if (!rc && m)
			out->nfeatures = lt_classify_nfeatures(m);
		lt_classify_free(m);
	}
	return rc;
}

/* ---------- the rule set ---------- */

/* Append the officers' rules from the database to r. */
static int load_db_rules(lt_db *db, lt_topic_rules *r, lt_error *e)
{
	lt_stmt *st = NULL;
	int rc = lt_db_prepare(db, "SELECT topic, pattern, weight FROM feedback_rule ORDER BY id",
			       &st, e);

	if (rc)
		return rc;
	while ((rc = lt_stmt_step(st, e)) == 1) {
		rc = lt_topics_add(r, lt_stmt_text(st, 0), lt_stmt_text(st, 1),
				   lt_stmt_double(st, 2), e);
		if (rc)
			break;
	}
	lt_stmt_done(st);
	return rc < 0 ? rc : 0;
}

int lt_fb_clf_open(lt_db *db, lt_fb_clf *c, lt_error *e)
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
		rc = lt_fb_model_load(db, &c->model, e);
	if (rc)
		lt_fb_clf_close(c);
	return rc;
}

void lt_fb_clf_close(lt_fb_clf *c)
{
	lt_topics_free(&c->rules);
	lt_classify_free(c->model);
	c->model = NULL;
	lt_tokens_free(&c->tok);
	lt_classify_pred_free(&c->pred);
}

int lt_fb_clf_run(lt_fb_clf *c, const char *text, size_t n, lt_fb_class *out, lt_error *e)
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
			json_array_append_new(why, json_pack("{s:s,s:s,s:s,s:f}", "kind", "rule",
							     "topic", lt_topic_code(m[i].label),
							     "term", r->text, "weight", r->weight));
		}
	} else if (c->model) {
		rc = lt_classify_predict(c->model, text, n, WHY_TERMS, &c->pred);
		if (rc)
			goto nomem;
		out->topics = c->pred.labels ? c->pred.labels : fallback;
		out->source = "model";
		for (size_t i = 0; i < c->pred.nwhy; i++)
			json_array_append_new(why, json_pack("{s:s,s:s,s:s,s:f}", "kind", "model",
							     "topic", lt_topic_code(c->pred.best),
							     "term", c->pred.why[i].term, "weight",
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
	if (!out->why)
		return lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	return 0;
nomem:
	json_decref(why);
	return lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
}

int lt_feedback_classify(lt_db *db, const char *text, lt_fb_class *out, lt_error *e)
{
	lt_fb_clf c;
	int rc = lt_fb_clf_open(db, &c, e);

	if (rc)
		return rc;
	rc = lt_fb_clf_run(&c, text, strlen(text), out, e);
	lt_fb_clf_close(&c);
	return rc;
}

/* ---------- officers' rules ---------- */

/* "TOPIC | pattern | weight" after checking the parts; owned by a. */
static int rule_text(lt_arena *a, const char *topic, const char *pattern, double weight,
		     char **out, lt_error *e)
{
	*out = NULL;
	if (!topic || lt_topic_from_code(topic, strlen(topic)) < 0)
		return lt_error_set(e, LT_EINVAL, "topic", "Chủ đề không hợp lệ",
				    "Unknown topic");
	if (!pattern || !*pattern || strlen(pattern) > 200 || strpbrk(pattern, "|\t\r\n#"))
		return lt_error_set(e, LT_EINVAL, "pattern",
				    "Mẫu phải có từ 1 đến 200 byte, không chứa | # hay xuống dòng",
				    "The pattern must be 1 to 200 bytes without | # or line breaks");
	if (!(weight >= -100 && weight <= 100) || weight == 0)
		return lt_error_set(e, LT_EINVAL, "weight",
				    "Trọng số phải khác 0, từ -100 đến 100",
				    "The weight must be non-zero, from -100 to 100");
	*out = lt_arena_printf(a, "%s | %s | %g", topic, pattern, weight);
	return *out ? 0 : lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
}

/*
 * The changes the rule would make in within: every message not confirmed by
 * a cadre whose rule labels move, with the topics the full classification
 * (new rules, then the model) gives it.
 */
static int changes_of(lt_db *db, const char *within, const char *rtext, lt_arena *a,
		      lt_fb_rule_change **out, size_t *nout, lt_error *e)
{
	lt_fb_clf c;
	lt_stmt *st = NULL;
	lt_topic_change *ch = NULL;
	lt_fb_rule_change *v = NULL;
	const char **texts = NULL;
	int64_t *ids = NULL;
	uint32_t *cur = NULL;
	size_t n = 0, cap = 0, icap = 0, ccap = 0, nch = 0, nv = 0;
	char end[LT_PATH_MAX];
	int rc;

	*out = NULL;
	*nout = 0;
	rc = lt_fb_clf_open(db, &c, e);
	if (rc)
		return rc;
	lt_tree_path_end(within ? within : "/", end);
	rc = lt_db_prepare(db,
			   "SELECT f.id, f.text, f.topics FROM feedback f JOIN unit u ON u.id = f.unit_id"
			   " WHERE u.path >= $1 AND u.path < $2 AND f.topics_source != 'cadre'"
			   " ORDER BY f.id DESC LIMIT 20000",
			   &st, e);
	if (rc)
		goto out;
	lt_stmt_bind_text(st, 1, within ? within : "/");
	lt_stmt_bind_text(st, 2, end);
	while ((rc = lt_stmt_step(st, e)) == 1) {
		texts = lt_fb_grow(a, texts, n, &cap, sizeof(*texts));
		ids = lt_fb_grow(a, ids, n, &icap, sizeof(*ids));
		cur = lt_fb_grow(a, cur, n, &ccap, sizeof(*cur));
		if (!texts || !ids || !cur) {
			lt_stmt_done(st);
			rc = lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
			goto out;
		}
		ids[n] = lt_stmt_int(st, 0);
		texts[n] = lt_arena_strdup(a, lt_stmt_text(st, 1));
		cur[n] = (uint32_t)lt_stmt_int(st, 2);
		n++;
	}
	lt_stmt_done(st);
	if (rc < 0)
		goto out;
	rc = lt_topics_diff(&c.rules, rtext, texts, n, &ch, &nch, e);
	if (rc)
		goto out;
	/* The new rule joins the set, then each changed message is classified in full. */
	rc = lt_topics_parse(&c.rules, rtext, strlen(rtext), e);
	if (rc)
		goto out;
	v = nch ? lt_arena_alloc(a, nch * sizeof(*v)) : NULL;
	for (size_t i = 0; i < nch && !rc; i++) {
		lt_fb_class cls;
		size_t k = ch[i].index;
		rc = lt_fb_clf_run(&c, texts[k], strlen(texts[k]), &cls, e);
		if (rc)
			break;
		free(cls.why);
		if (cls.topics == cur[k])
			continue;
		v[nv].id = ids[k];
		v[nv].text = texts[k];
		v[nv].before = cur[k];
		v[nv].after = cls.topics;
		nv++;
	}
	if (!rc) {
		*out = v;
		*nout = nv;
	}
out:
	free(ch);
	lt_fb_clf_close(&c);
	return rc;
}

int lt_feedback_rule_preview(lt_db *db, const char *within, const char *topic,
			     const char *pattern, double weight, lt_arena *a,
			     lt_fb_rule_change **changes, size_t *n, lt_error *e)
{
	char *rt;
	int rc = rule_text(a, topic, pattern, weight, &rt, e);

	*changes = NULL;
	*n = 0;
	return rc ? rc : changes_of(db, within, rt, a, changes, n, e);
}

int lt_feedback_rule_add(lt_db *db, const char *within, const char *topic,
			 const char *pattern, double weight, int64_t actor, int64_t *rule_id,
			 size_t *changed, lt_error *e)
{
	lt_arena a;
	lt_stmt *st = NULL;
	lt_fb_rule_change *ch = NULL;
	lt_fb_clf clf;
	bool clf_open = false;
	size_t nch = 0;
	char *rt, detail[128];
	int64_t id = 0;
	int rc;

	lt_arena_init(&a);
	rc = rule_text(&a, topic, pattern, weight, &rt, e);
	if (rc)
		goto out;
	rc = lt_db_begin(db, e);
	if (rc)
		goto out;
	/* Compute the changes against the rules as they were, then store the rule. */
	rc = changes_of(db, within, rt, &a, &ch, &nch, e);
	if (!rc)
		rc = lt_db_prepare(db,
				   "INSERT INTO feedback_rule(topic, pattern, weight, created_by,"
				   " created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
				   &st, e);
	if (rc)
		goto fail;
	lt_stmt_bind_text(st, 1, topic);
	lt_stmt_bind_text(st, 2, pattern);
	lt_stmt_bind_double(st, 3, weight);
	lt_stmt_bind_id(st, 4, actor);
	lt_stmt_bind_int(st, 5, lt_now());
	rc = lt_stmt_step(st, e);
	if (rc == 1)
		id = lt_stmt_int(st, 0);
	lt_stmt_done(st);
	if (rc < 0)
		goto fail;
	/* The stored rule is now part of the set: classify the changed messages with it. */
	rc = lt_fb_clf_open(db, &clf, e);
	if (rc)
		goto fail;
	clf_open = true;
	for (size_t i = 0; i < nch; i++) {
		lt_fb_class cls;
		rc = lt_fb_clf_run(&clf, ch[i].text, strlen(ch[i].text), &cls, e);
		if (rc)
			goto fail;
		rc = lt_db_prepare(db,
				   "UPDATE feedback SET topics = $2, topics_source = $3, why = $4,"
				   " updated_at = $5 WHERE id = $1 AND topics_source != 'cadre'",
				   &st, e);
		if (!rc) {
			lt_stmt_bind_int(st, 1, ch[i].id);
			lt_stmt_bind_int(st, 2, cls.topics);
			lt_stmt_bind_text(st, 3, cls.source);
			lt_stmt_bind_text(st, 4, cls.why);
			lt_stmt_bind_int(st, 5, lt_now());
			rc = lt_stmt_run(st, e);
		}
		free(cls.why);
		if (rc)
			goto fail;
	}
	snprintf(detail, sizeof(detail), "{\"topic\":\"%s\",\"changed\":%zu}", topic, nch);
	rc = lt_audit(db, actor, "create", "feedback_rule", id, detail, e);
	if (rc)
		goto fail;
	rc = lt_db_commit(db, e);
	if (!rc && rule_id)
		*rule_id = id;
	if (!rc && changed)
		*changed = nch;
	goto out;
fail:
	lt_db_rollback(db);
out:
	if (clf_open)
		lt_fb_clf_close(&clf);
	lt_arena_free(&a);
	return rc;
}

int lt_feedback_rule_list(lt_db *db, lt_arena *a, lt_fb_rule **items, size_t *n, lt_error *e)
{
	lt_stmt *st = NULL;
	lt_fb_rule *arr = NULL;
	size_t cnt = 0, cap = 0;
	int rc = lt_db_prepare(db,
			       "SELECT id, topic, pattern, weight, created_by, created_at"
			       " FROM feedback_rule ORDER BY id",
			       &st, e);

	*items = NULL;
	*n = 0;
	if (rc)
		return rc;
	while ((rc = lt_stmt_step(st, e)) == 1) {
		arr = lt_fb_grow(a, arr, cnt, &cap, sizeof(*arr));
		if (!arr) {
			lt_stmt_done(st);
			return lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
		}
		arr[cnt].id = lt_stmt_int(st, 0);
		arr[cnt].topic = lt_arena_strdup(a, lt_stmt_text(st, 1));
		arr[cnt].pattern = lt_arena_strdup(a, lt_stmt_text(st, 2));
		arr[cnt].weight = lt_stmt_double(st, 3);
		arr[cnt].created_by = lt_stmt_is_null(st, 4) ? 0 : lt_stmt_int(st, 4);
		arr[cnt].created_at = lt_stmt_int(st, 5);
		cnt++;
	}
	lt_stmt_done(st);
	if (rc < 0)
		return rc;
	*items = arr;
	*n = cnt;
	return 0;
}
