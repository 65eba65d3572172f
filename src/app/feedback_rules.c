/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * feedback_rules.c — officers' topic rules: list, preview (which messages
 * of the officer's subtree the rule would re-classify), then apply. A rule
 * has the scope of the unit that made it: it applies to the messages
 * received in that unit's subtree (lt_app_fb_clf_open_at); a user sees the
 * rules in force in its own subtree (its units' and those above it), never
 * a sibling's. A rule never overrides the topics a cadre confirmed.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/feedback_int.h"
#include "core/page.h"
#include "core/tree.h"
#include "store/audit.h"

/* Add the scoped rules r[0..n) to set: those whose unit is at or above path. */
static int add_rules_at(lt_topic_rules *set, const lt_fb_rule *r, size_t n, const char *path,
			lt_error *e)
{
	int rc = 0;

	for (size_t i = 0; !rc && i < n; i++)
		if (lt_tree_path_under(path, r[i].unit_path))
			rc = lt_topics_add(set, r[i].topic, r[i].pattern, r[i].weight, e);
	return rc;
}

int lt_app_fb_clf_open_at(lt_db *db, int64_t unit_id, lt_fb_clf *c, lt_error *e)
{
	lt_arena a;
	lt_unit u;
	lt_fb_rule *rules = NULL;
	size_t n = 0;
	int rc = lt_app_fb_clf_open(db, c, e);

	if (rc)
		return rc;
	lt_arena_init(&a);
	/* An unknown unit gets the whole tree's rules only; intake then refuses it. */
	if (lt_unit_get(db, unit_id, &a, &u, NULL) == 0) {
		rc = lt_feedback_rule_scoped(db, u.path, LT_FB_RULES_ABOVE, 0, 0, &a, &rules, &n, e);
		if (!rc)
			rc = add_rules_at(&c->rules, rules, n, u.path, e);
	}
	lt_arena_free(&a);
	if (rc)
		lt_app_fb_clf_close(c);
	return rc;
}

int lt_app_feedback_rules(lt_db *db, const lt_actor *who, const lt_page *pg, lt_arena *a,
			  lt_fb_rule **items, size_t *n, lt_error *e)
{
	int rc = lt_actor_need_role(who, LT_ROLE_CADRE, e);
	unsigned which = LT_FB_RULES_ABOVE | LT_FB_RULES_BELOW | LT_FB_RULES_WHOLE_TREE;
	int64_t after = 0;
	int max = 0;

	*items = NULL;
	*n = 0;
	if (!rc)
		rc = lt_page_cursor_id(pg, &after, &max, e);
	/* The rules in force in the actor's subtree: none of a sibling's or another province's. */
	return rc ? rc
		  : lt_feedback_rule_scoped(db, who->unit_path, which, after, max, a, items, n, e);
}

/* "TOPIC | pattern | weight" after checking the parts; owned by a. */
static int rule_text(lt_arena *a, const lt_fb_rule_in *in, char **out, lt_error *e)
{
	*out = NULL;
	if (!in->topic || lt_topic_from_code(in->topic, strlen(in->topic)) < 0)
		return lt_error_set(e, LT_EINVAL, "topic", "Chủ đề không hợp lệ", "Unknown topic");
	if (!in->pattern || !*in->pattern || strlen(in->pattern) > 200 ||
	    strpbrk(in->pattern, "|\t\r\n#"))
		return lt_error_set(e, LT_EINVAL, "pattern",
				    "Mẫu phải có từ 1 đến 200 byte, không chứa | # hay xuống dòng",
				    "The pattern must be 1 to 200 bytes without | # or line breaks");
	if (!(in->weight >= -100 && in->weight <= 100) || in->weight == 0)
		return lt_error_set(e, LT_EINVAL, "weight",
				    "Trọng số phải khác 0, từ -100 đến 100",
				    "The weight must be non-zero, from -100 to 100");
	*out = lt_arena_printf(a, "%s | %s | %g", in->topic, in->pattern, in->weight);
	return *out ? 0 : lt_app_fb_nomem(e);
}

/* An officer (or the operator) with a valid rule. */
static int need_rule(const lt_actor *who, const lt_fb_rule_in *in, lt_arena *a, char **rtext,
		     lt_error *e)
{
	int rc = lt_actor_need_role(who, LT_ROLE_OFFICER, e);

	return rc ? rc : rule_text(a, in, rtext, e);
}

/*
 * The deepest scope among rules[0..n) at or above path, or "" when none:
 * the rules a message at path gets are exactly those at or above it, so
 * messages with the same deepest scope get the same rule set.
 */
static const char *deepest_scope(const lt_fb_rule *rules, size_t n, const char *path)
{
	const char *best = "";

	for (size_t i = 0; i < n; i++)
		if (lt_tree_path_under(path, rules[i].unit_path) &&
		    strlen(rules[i].unit_path) > strlen(best))
			best = rules[i].unit_path;
	return best;
}

/* Newest message first, as the preview lists them. */
static int by_id_desc(const void *x, const void *y)
{
	const lt_fb_rule_change *p = x, *q = y;

	return p->id < q->id ? 1 : p->id > q->id ? -1 : 0;
}

/* What the changes_of of one group of messages shares. */
typedef struct change_run {
	lt_db *db;
	const char *rtext;     /* the new rule's text */
	bool apply;            /* store the new topics */
	const lt_fb_rule *rules; /* the scoped rules around the officer's subtree */
	size_t nrules;
	lt_fb_text *rows;      /* the messages, with key[i] their deepest scope */
	const char **key;
	bool *done;
	size_t nrows;
	lt_fb_rule_change *out; /* the changes so far */
	size_t nout;
} change_run;

/*
 * The changes among the messages whose deepest scope is key (marked done):
 * classified with the rule set they really get (the built-in and whole-tree
 * rules, the scoped ones at or above key, then the model), before and
 * after the new rule.
 */
static int changes_in_group(change_run *x, const char *key, lt_arena *a, lt_error *e)
{
	lt_fb_clf c;
	lt_topic_change *ch = NULL;
	const char **texts = NULL;
	size_t *idx = NULL, m = 0, nch = 0;
	int rc = lt_app_fb_clf_open(x->db, &c, e);

	if (rc)
		return rc;
	if (*key)
		rc = add_rules_at(&c.rules, x->rules, x->nrules, key, e);
	texts = lt_arena_alloc(a, x->nrows * sizeof(*texts));
	idx = lt_arena_alloc(a, x->nrows * sizeof(*idx));
	if (!rc && (!texts || !idx))
		rc = lt_app_fb_nomem(e);
	for (size_t i = 0; !rc && i < x->nrows; i++) {
		if (x->done[i] || strcmp(x->key[i], key))
			continue;
		x->done[i] = true;
		idx[m] = i;
		texts[m++] = x->rows[i].text;
	}
	if (!rc)
		rc = lt_topics_diff(&c.rules, x->rtext, texts, m, &ch, &nch, e);
	/* The new rule joins the set, then each changed message is classified in full. */
	if (!rc)
		rc = lt_topics_parse(&c.rules, x->rtext, strlen(x->rtext), e);
	for (size_t i = 0; i < nch && !rc; i++) {
		lt_fb_class cls;
		const lt_fb_text *r = &x->rows[idx[ch[i].index]];
		rc = lt_app_fb_clf_run(&c, r->text, strlen(r->text), &cls, e);
		if (!rc && cls.topics != r->topics) {
			x->out[x->nout++] = (lt_fb_rule_change){ r->id, r->text, r->topics, cls.topics };
			if (x->apply)
				rc = lt_feedback_topics_update(x->db, r->id, cls.topics, cls.source,
							       cls.why, e);
		}
		free(cls.why);
	}
	free(ch);
	lt_app_fb_clf_close(&c);
	return rc;
}

/*
 * The changes rule rtext would make in within (the officer's subtree):
 * every message not confirmed by a cadre whose rule labels move, with the
 * topics the full classification (new rules, then the model) gives it; with
 * apply, those topics are stored too. Each message is judged with the rules
 * of its own unit: a rule made below within applies below it only.
 */
static int changes_of(lt_db *db, const char *within, const char *rtext, bool apply, lt_arena *a,
		      lt_fb_rule_change **out, size_t *nout, lt_error *e)
{
	change_run x = { .db = db, .rtext = rtext, .apply = apply };
	lt_fb_rule *rules = NULL;
	int rc;

	*out = NULL;
	*nout = 0;
	rc = lt_feedback_unconfirmed(db, within, a, &x.rows, &x.nrows, e);
	if (!rc)
		rc = lt_feedback_rule_scoped(db, within, LT_FB_RULES_ABOVE | LT_FB_RULES_BELOW, 0, 0,
					     a, &rules, &x.nrules, e);
	if (rc)
		return rc;
	x.rules = rules;
	x.key = lt_arena_alloc(a, (x.nrows ? x.nrows : 1) * sizeof(*x.key));
	x.done = lt_arena_alloc(a, (x.nrows ? x.nrows : 1) * sizeof(*x.done));
	x.out = lt_arena_alloc(a, (x.nrows ? x.nrows : 1) * sizeof(*x.out));
	if (!x.key || !x.done || !x.out)
		return lt_app_fb_nomem(e);
	for (size_t i = 0; i < x.nrows; i++) {
		x.key[i] = deepest_scope(rules, x.nrules, x.rows[i].unit_path);
		x.done[i] = false;
	}
	for (size_t i = 0; !rc && i < x.nrows; i++)
		if (!x.done[i])
			rc = changes_in_group(&x, x.key[i], a, e);
	if (rc)
		return rc;
	qsort(x.out, x.nout, sizeof(*x.out), by_id_desc);
	*out = x.out;
	*nout = x.nout;
	return 0;
}

int lt_app_feedback_rule_preview(lt_db *db, const lt_actor *who, const lt_fb_rule_in *in,
				 lt_arena *a, lt_fb_rule_change **changes, size_t *n, lt_error *e)
{
	char *rt;
	int rc = need_rule(who, in, a, &rt, e);

	*changes = NULL;
	*n = 0;
	return rc ? rc : changes_of(db, who->unit_path, rt, false, a, changes, n, e);
}

int lt_app_feedback_rule_add(lt_db *db, const lt_actor *who, const lt_fb_rule_in *in,
			     int64_t *rule_id, size_t *changed, lt_error *e)
{
	lt_arena a;
	lt_fb_rule_change *ch = NULL;
	size_t nch = 0;
	char *rt, detail[128];
	int64_t id = 0;
	int rc;

	lt_arena_init(&a);
	rc = need_rule(who, in, &a, &rt, e);
	if (rc)
		goto out;
	rc = lt_db_begin(db, e);
	if (rc)
		goto out;
	/* Re-classify what the rule changes (in the officer's subtree), then store the rule. */
	rc = changes_of(db, who->unit_path, rt, true, &a, &ch, &nch, e);
	/* Its scope is the unit that made it: the console's is the whole tree's. */
	if (!rc)
		rc = lt_feedback_rule_insert(db, who->kind == LT_ACTOR_USER ? who->unit_id : 0,
					     in->topic, in->pattern, in->weight,
					     lt_actor_audit_id(who), &id, e);
	snprintf(detail, sizeof(detail), "{\"topic\":\"%s\",\"changed\":%zu}", in->topic, nch);
	if (!rc)
		rc = lt_audit(db, lt_actor_audit_id(who), "create", "feedback_rule", id, detail, e);
	rc = lt_db_end(db, rc, e);
	if (!rc && rule_id)
		*rule_id = id;
	if (!rc && changed)
		*changed = nch;
out:
	lt_arena_free(&a);
	return rc;
}
