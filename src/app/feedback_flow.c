/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * feedback_flow.c — handling a message: a step of the flow (core/feedback.h
 * says which are allowed), escalation up the tree and the answer back down,
 * and a cadre's topic confirmation, which the model learns at once
 * (feedback_model.c).
 */
#include <assert.h>
#include <stdio.h>
#include <string.h>

#include "app/auth_int.h"
#include "app/feedback_int.h"
#include "store/user.h"
#include "core/clock.h"
#include "text/fold.h"

static int check_note(const char *field, const char *s, bool required, lt_error *e)
{
	size_t n = s ? strlen(s) : 0;

	if (required && (!s || !s[strspn(s, " \t\r\n")]))
		return lt_error_set(e, LT_EINVAL, field, "Cần nhập nội dung (%s)",
				    "Please write the %s", field);
	if (n > LT_FB_NOTE_MAX || (s && !lt_utf8_valid(s, n)))
		return lt_error_set(e, LT_EINVAL, field, "Nội dung %s quá dài hoặc không hợp lệ",
				    "The %s is too long or invalid", field);
	return 0;
}

/*
 * The unit a step is recorded for: the user's own; the operator (and the
 * system) act for the unit that holds the message.
 */
static int64_t acting_unit(const lt_actor *who, int64_t holder)
{
	return who->kind == LT_ACTOR_USER ? who->unit_id : holder;
}

/* The step, in the caller's transaction: check it against the flow, then write it. */
static int apply_step(lt_db *db, const lt_actor *who, int64_t id, int action,
		      const lt_fb_action *act, lt_arena *a, lt_error *e)
{
	lt_fb_flow_row r;
	lt_fb_state s;
	lt_fb_move m;
	lt_fb_flow_set set;
	bool answering = action == LT_FB_DO_ANSWER;
	bool gives_proposal = act->text && *act->text && !answering;
	int rc = lt_feedback_flow_get(db, id, a, &r, e);

	assert(action >= 0 && action < LT_FB_ACTION_COUNT); /* parsed by the caller */
	if (rc)
		return rc;
	memset(&s, 0, sizeof(s));
	s.status = r.status;
	s.has_proposal = gives_proposal || (r.proposal && *r.proposal);
	s.has_answer = answering || r.answer;
	s.holder_has_parent = r.handler_parent != 0;
	s.answer_published = r.answer_published;
	s.verdict_given = r.verdict >= 0;
	rc = lt_fb_transition(action, &s, act->publish, &m, e);
	if (rc)
		return rc;
	memset(&set, 0, sizeof(set));
	set.status = m.to;
	set.handler_unit_id = m.holder == LT_FB_HOLD_PARENT     ? r.handler_parent
			      : m.holder == LT_FB_HOLD_RECEIVER ? r.unit_id
								 : r.handler_unit_id;
	set.proposal = gives_proposal ? act->text : r.proposal;
	set.answer = answering ? act->text : r.answer;
	set.publish = m.publish;
	set.new_answer = answering;
	set.due_at = m.new_deadline ? lt_fb_deadline(lt_now(), r.urgent) : 0;
	rc = lt_feedback_flow_update(db, id, &set, e);
	if (!rc)
		rc = lt_feedback_step_add(db, id, lt_actor_audit_id(who),
					  acting_unit(who, r.handler_unit_id), lt_fb_action_code(action),
					  lt_fb_status_code(r.status), lt_fb_status_code(m.to),
					  act->note && *act->note ? act->note : act->text, e);
	return rc;
}

int lt_app_feedback_act(lt_db *db, const lt_actor *who, int64_t id, const lt_fb_action *act,
			lt_arena *a, lt_fb_view *view, lt_error *e)
{
	lt_feedback f;
	int action = -1;
	int rc = lt_app_fb_message(db, who, id, a, &f, e);

	if (!rc)
		rc = lt_app_fb_need_holder(who, &f, e);
	if (!rc)
		rc = lt_fb_action_parse(act->action, &action, e);
	if (!rc)
		rc = check_note("note", act->note, false, e);
	if (!rc)
		rc = check_note(lt_fb_action_text_field(action), act->text,
				lt_fb_action_needs_text(action), e);
	if (rc)
		return rc;
	rc = lt_db_begin(db, e);
	if (rc)
		return rc;
	rc = apply_step(db, who, id, action, act, a, e);
	rc = lt_db_end(db, rc, e);
	if (!rc && view)
		rc = lt_app_feedback_get(db, who, id, true, a, view, e);
	return rc;
}

static void topics_note(uint32_t before, uint32_t after, char *buf, size_t n)
{
	size_t k = 0;

	buf[0] = '\0';
	for (int pass = 0; pass < 2; pass++) {
		uint32_t m = pass ? after : before;
		bool first = true;
		if (pass)
			k += (size_t)snprintf(buf + k, n - k, " → ");
		for (int t = 0; t < LT_TOPIC_COUNT && k < n; t++)
			if (m & (1u << t)) {
				k += (size_t)snprintf(buf + k, n - k, "%s%s", first ? "" : ",",
						      lt_topic_code(t));
				first = false;
			}
		if (k >= n)
			break;
	}
}

/* Confirm or correct the topics, in the caller's transaction. */
static int confirm(lt_db *db, const lt_actor *who, int64_t id, uint32_t topics, lt_arena *a,
		   lt_error *e)
{
	lt_fb_flow_row r;
	char note[256];
	int rc = lt_feedback_flow_get(db, id, a, &r, e);

	if (!rc)
		rc = lt_feedback_topics_update(db, id, topics, "cadre", "[{\"kind\":\"cadre\"}]", e);
	topics_note(r.topics, topics, note, sizeof(note));
	if (!rc)
		rc = lt_feedback_step_add(db, id, lt_actor_audit_id(who),
					  acting_unit(who, r.handler_unit_id),
					  r.topics == topics ? "confirm" : "topics",
					  lt_fb_status_code(r.status), lt_fb_status_code(r.status),
					  note, e);
	return rc ? rc : lt_app_fb_learn(db, r.text, topics, e);
}

int lt_app_feedback_set_topics(lt_db *db, const lt_actor *who, int64_t id, uint32_t topics,
			       lt_arena *a, lt_fb_view *view, lt_error *e)
{
	lt_feedback f;
	int rc = lt_actor_need_role(who, LT_ROLE_CADRE, e);

	if (!rc && (!topics || topics >= (1u << LT_TOPIC_COUNT)))
		rc = lt_error_set(e, LT_EINVAL, "topics", "Cần ít nhất một chủ đề hợp lệ",
				  "At least one valid topic is needed");
	if (!rc)
		rc = lt_app_fb_message(db, who, id, a, &f, e);
	if (rc)
		return rc;
	rc = lt_db_begin(db, e);
	if (rc)
		return rc;
	rc = confirm(db, who, id, topics, a, e);
	rc = lt_db_end(db, rc, e);
	if (!rc && view)
		rc = lt_app_feedback_get(db, who, id, true, a, view, e);
	return rc;
}

/* ---------- the worker's verdict ---------- */

/* The state the verdict rule needs, as the receipt page knows it. */
static void public_state(const lt_fb_public_status *p, lt_fb_state *s)
{
	memset(s, 0, sizeof(*s));
	s->status = p->status;
	s->has_answer = s->answer_published = p->answer != NULL;
	s->verdict_given = p->verdict >= 0;
}

int lt_app_feedback_receipt(lt_db *db, const lt_actor *who, const char *code, lt_arena *a,
			    lt_fb_public_status *out, lt_error *e)
{
	lt_fb_state s;
	int rc;

	(void)who; /* the code is the worker's key: it shows nothing personal */
	memset(out, 0, sizeof(*out));
	out->verdict = -1;
	rc = lt_feedback_status_by_receipt(db, code, a, out, e);
	if (rc)
		return rc;
	public_state(out, &s);
	out->may_verdict = lt_fb_verdict_transition(-1, &s, NULL, NULL) == 0;
	return 0;
}

/* The login throttle's address counter that receipt lookups are charged to. */
#define RECEIPT_KEY "receipt:"

/*
 * Count one lookup of code from who's address; refused (LT_ETHROTTLE, *wait)
 * while it waits. A code that cannot be one is LT_ENOTFOUND, uncounted.
 */
static int receipt_charge(lt_db *db, const lt_actor *who, const lt_http_config *cfg,
			  const char *code, int64_t *wait, lt_error *e)
{
	int rc = lt_feedback_receipt_shaped(code, e);

	if (!rc)
		rc = lt_db_begin(db, e);
	if (rc)
		return rc;
	rc = lt_auth_charge(db, cfg, "address", RECEIPT_KEY, who->ip ? who->ip : "-",
			    cfg->login_free_ip, lt_now(), wait, e);
	return lt_auth_throttle_say(lt_db_end(db, rc, e), *wait, "code",
				    "Đã tra cứu sai mã nhiều lần: hãy thử lại sau %lld giây",
				    "Too many wrong codes: try again in %lld seconds", e);
}

/* A found code takes its attempt back. */
static int receipt_refund(lt_db *db, const lt_actor *who, lt_error *e)
{
	int left = 0, rc = lt_db_begin(db, e);

	if (rc)
		return rc;
	rc = lt_login_refund(db, "address", RECEIPT_KEY, who->ip ? who->ip : "-", false, &left,
			     e);
	return lt_db_end(db, rc, e);
}

int lt_app_feedback_receipt_guarded(lt_db *db, const lt_actor *who, const lt_http_config *cfg,
				    const char *code, lt_arena *a, lt_fb_public_status *out,
				    int64_t *wait, lt_error *e)
{
	int rc = receipt_charge(db, who, cfg, code, wait, e);

	if (!rc)
		rc = lt_app_feedback_receipt(db, who, code, a, out, e);
	if (!rc)
		rc = receipt_refund(db, who, e);
	return rc;
}

/* The verdict, in the caller's transaction: check it against the rule, then write it. */
static int apply_verdict(lt_db *db, int64_t id, int verdict, lt_arena *a, lt_error *e)
{
	lt_fb_flow_row r;
	lt_fb_state s;
	lt_fb_move m;
	int rc = lt_feedback_flow_get(db, id, a, &r, e);

	if (rc)
		return rc;
	memset(&s, 0, sizeof(s));
	s.status = r.status;
	s.has_answer = r.answer != NULL;
	s.answer_published = r.answer_published;
	s.verdict_given = r.verdict >= 0;
	rc = lt_fb_verdict_transition(verdict, &s, &m, e);
	if (!rc)
		rc = lt_feedback_verdict_set(db, id, lt_fb_verdict_code(verdict), r.status, m.to,
					     m.to != LT_FB_CLOSED,
					     m.new_deadline ? lt_fb_deadline(lt_now(), r.urgent) : 0, e);
	/* In the history and the audit as the worker's (no user), for the receiving unit. */
	if (!rc)
		rc = lt_feedback_step_add(db, id, 0, r.unit_id, "verdict", lt_fb_status_code(r.status),
					  lt_fb_status_code(m.to), lt_fb_verdict_code(verdict), e);
	return rc;
}

int lt_app_feedback_verdict(lt_db *db, const lt_actor *who, const lt_http_config *http,
			    int64_t *wait, const char *code, const char *verdict, lt_arena *a,
			    lt_fb_public_status *out, lt_error *e)
{
	const lt_feedback_config *cfg = lt_feedback_config_get();
	int64_t id = 0, unit_id = 0;
	bool allowed = false;
	int v = -1;
	int rc = lt_fb_verdict_parse(verdict, &v, e);

	if (!rc)
		rc = receipt_charge(db, who, http, code, wait, e);
	if (!rc)
		rc = lt_feedback_receipt_find(db, code, &id, &unit_id, e);
	if (!rc)
		rc = receipt_refund(db, who, e);
	/* Counted like a form post: the same address and unit limits. */
	if (!rc)
		rc = lt_feedback_rate_take(db, who->ip, unit_id, cfg->form_window,
					   cfg->form_max_per_ip, cfg->form_max_per_unit, &allowed, e);
	if (!rc && !allowed)
		rc = lt_error_set(e, LT_ETHROTTLE, NULL,
				  "Có quá nhiều lượt gửi từ máy của bạn trong thời gian ngắn. Đánh giá"
				  " chưa được lưu; vui lòng thử lại sau ít phút.",
				  "Too many posts came from your device in a short time. Your answer"
				  " was not saved; please try again in a few minutes.");
	if (rc)
		return rc;
	rc = lt_db_begin(db, e);
	if (rc)
		return rc;
	rc = apply_verdict(db, id, v, a, e);
	rc = lt_db_end(db, rc, e);
	if (!rc && out)
		rc = lt_app_feedback_receipt(db, who, code, a, out, e);
	return rc;
}
