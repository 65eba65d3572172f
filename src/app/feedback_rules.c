/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * feedback_rules.c — officers' topic rules: list, preview (which messages
 * of the officer's subtree the rule would re-classify), then apply. A rule
 * never overrides the topics a cadre confirmed.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/feedback_int.h"
#include "store/audit.h"

int lt_app_feedback_rules(lt_db *db, const lt_actor *who, lt_arena *a, lt_fb_rule **items,
			  size_t *n, lt_error *e)
{
	int rc = lt_actor_need_role(who, LT_ROLE_CADRE, e);

	*items = NULL;
	*n = 0;
	return rc ? rc : lt_feedback_rule_list(db, a, items, n, e);
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
 * The changes rule rtext would make in within: every message not confirmed
 * by a cadre whose rule labels move, with the topics the full
 * classification (new rules, then the model) gives it.
 */
static int changes_of(lt_db *db, const char *within, const char *rtext, lt_arena *a,
		      lt_fb_rule_change **out, size_t *nout, lt_error *e)
{
	lt_fb_clf c;
	lt_fb_text *rows = NULL;
	lt_topic_change *ch = NULL;
	lt_fb_rule_change *v = NULL;
	const char **texts = NULL;
	size_t n = 0, nch = 0, nv = 0;
	int rc;

	*out = NULL;
	*nout = 0;
	rc = lt_app_fb_clf_open(db, &c, e);
	if (rc)
		return rc;
	rc = lt_feedback_unconfirmed(db, within, a, &rows, &n, e);
	if (rc)
		goto out;
	texts = lt_arena_alloc(a, (n ? n : 1) * sizeof(*texts));
	if (!texts) {
		rc = lt_app_fb_nomem(e);
		goto out;
	}
	for (size_t i = 0; i < n; i++)
		texts[i] = rows[i].text;
	rc = lt_topics_diff(&c.rules, rtext, texts, n, &ch, &nch, e);
	/* The new rule joins the set, then each changed message is classified in full. */
	if (!rc)
		rc = lt_topics_parse(&c.rules, rtext, strlen(rtext), e);
	if (!rc && nch && !(v = lt_arena_alloc(a, nch * sizeof(*v))))
		rc = lt_app_fb_nomem(e);
	for (size_t i = 0; i < nch && !rc; i++) {
		lt_fb_class cls;
		const lt_fb_text *r = &rows[ch[i].index];
		rc = lt_app_fb_clf_run(&c, r->text, strlen(r->text), &cls, e);
		if (rc)
			break;
		free(cls.why);
		if (cls.topics == r->topics)
			continue;
		v[nv].id = r->id;
		v[nv].text = r->text;
		v[nv].before = r->topics;
		v[nv].after = cls.topics;
		nv++;
	}
	if (!rc) {
		*out = v;
		*nout = nv;
	}
out:
	free(ch);
	lt_app_fb_clf_close(&c);
	return rc;
}

int lt_app_feedback_rule_preview(lt_db *db, const lt_actor *who, const lt_fb_rule_in *in,
				 lt_arena *a, lt_fb_rule_change **changes, size_t *n, lt_error *e)
{
	char *rt;
	int rc = need_rule(who, in, a, &rt, e);

	*changes = NULL;
	*n = 0;
	return rc ? rc : changes_of(db, who->unit_path, rt, a, changes, n, e);
}

/* Classify the changed messages again with the stored rules (the new one among them). */
static int reclassify(lt_db *db, const lt_fb_rule_change *ch, size_t n, lt_error *e)
{
	lt_fb_clf clf;
	int rc = lt_app_fb_clf_open(db, &clf, e);

	if (rc)
		return rc;
	for (size_t i = 0; !rc && i < n; i++) {
		lt_fb_class cls;
		rc = lt_app_fb_clf_run(&clf, ch[i].text, strlen(ch[i].text), &cls, e);
		if (!rc)
			rc = lt_feedback_topics_update(db, ch[i].id, cls.topics, cls.source, cls.why, e);
		free(cls.why);
	}
	lt_app_fb_clf_close(&clf);
	return rc;
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
	/* Compute the changes against the rules as they were, then store the rule. */
	rc = changes_of(db, who->unit_path, rt, &a, &ch, &nch, e);
	if (!rc)
		rc = lt_feedback_rule_insert(db, in->topic, in->pattern, in->weight,
					     lt_actor_audit_id(who), &id, e);
	if (!rc)
		rc = reclassify(db, ch, nch, e);
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
