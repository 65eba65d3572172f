/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * feedback_flow.c — handling a message: the status machine, escalation up
 * the tree and the answer back down, and a cadre's topic confirmation, which
 * the model learns at once.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/audit.h"
#include "store/feedback_int.h"
#include "store/store.h"
#include "text/fold.h"

/* The row as the flow needs it. */
typedef struct flow_row {
	int status;
	int64_t unit_id, handler_unit_id, handler_parent;
	bool urgent;
	char *proposal, *answer, *text; /* owned by the arena */
	uint32_t topics;
} flow_row;

static int load_row(lt_db *db, int64_t id, lt_arena *a, flow_row *r, lt_error *e)
{
	lt_stmt *st = NULL;
	int rc = lt_db_prepare(db,
			       "SELECT f.status, f.unit_id, f.handler_unit_id, h.parent_id, f.urgent,"
			       " f.proposal, f.answer, f.text, f.topics FROM feedback f"
			       " JOIN unit h ON h.id = f.handler_unit_id WHERE f.id = $1",
			       &st, e);

	if (rc)
		return rc;
	lt_stmt_bind_int(st, 1, id);
	rc = lt_stmt_step(st, e);
	if (rc == 1) {
		r->status = lt_fb_status_from(lt_stmt_text(st, 0));
		r->unit_id = lt_stmt_int(st, 1);
		r->handler_unit_id = lt_stmt_int(st, 2);
		r->handler_parent = lt_stmt_is_null(st, 3) ? 0 : lt_stmt_int(st, 3);
		r->urgent = lt_stmt_int(st, 4) != 0;
		r->proposal = lt_arena_strdup(a, lt_stmt_text(st, 5));
		r->answer = lt_arena_strdup(a, lt_stmt_text(st, 6));
		r->text = lt_arena_strdup(a, lt_stmt_text(st, 7));
		r->topics = (uint32_t)lt_stmt_int(st, 8);
	}
	lt_stmt_done(st);
	if (rc == 0)
		return lt_error_set(e, LT_ENOTFOUND, "id", "Không tìm thấy ý kiến #%" PRId64,
				    "No such feedback message: #%" PRId64, id);
	return rc < 0 ? rc : 0;
}

static int add_step(lt_db *db, int64_t id, int64_t actor, int64_t unit, const char *action,
		    const char *from, const char *to, const char *note, lt_error *e)
{
	lt_stmt *st = NULL;
	char detail[160];
	int rc = lt_db_prepare(db,
			       "INSERT INTO feedback_step(feedback_id, at, user_id, unit_id, action,"
			       " from_status, to_status, note) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
			       &st, e);

	if (rc)
		return rc;
	lt_stmt_bind_int(st, 1, id);
	lt_stmt_bind_int(st, 2, lt_now());
	lt_stmt_bind_id(st, 3, actor);
	lt_stmt_bind_id(st, 4, unit);
	lt_stmt_bind_text(st, 5, action);
	lt_stmt_bind_text(st, 6, from);
	lt_stmt_bind_text(st, 7, to);
	lt_stmt_bind_text(st, 8, note && *note ? note : NULL);
	rc = lt_stmt_run(st, e);
	snprintf(detail, sizeof(detail), "{\"from\":\"%s\",\"to\":\"%s\"}", from ? from : "", to);
	if (!rc)
		rc = lt_audit(db, actor, action, "feedback", id, detail, e);
	return rc;
}

/* Which statuses each action may start from (bit s = enum lt_fb_status s). */
#define B(s) (1u << (s))
static const struct {
	const char *action;
	unsigned from;
	int to; /* -1: unchanged */
} flow[] = {
	{ "start", B(LT_FB_NEW), LT_FB_IN_PROGRESS },
	{ "propose", B(LT_FB_NEW) | B(LT_FB_IN_PROGRESS) | B(LT_FB_PROPOSED), LT_FB_PROPOSED },
	{ "escalate", B(LT_FB_PROPOSED) | B(LT_FB_ESCALATED), LT_FB_ESCALATED },
	{ "answer", B(LT_FB_NEW) | B(LT_FB_IN_PROGRESS) | B(LT_FB_PROPOSED) | B(LT_FB_ESCALATED),
	  LT_FB_ANSWERED },
	{ "publish", B(LT_FB_ANSWERED) | B(LT_FB_CLOSED), -1 },
	{ "close", B(LT_FB_NEW) | B(LT_FB_IN_PROGRESS) | B(LT_FB_PROPOSED) | B(LT_FB_ANSWERED),
	  LT_FB_CLOSED },
	{ "spam", B(LT_FB_NEW) | B(LT_FB_IN_PROGRESS), LT_FB_SPAM },
	{ "duplicate", B(LT_FB_NEW) | B(LT_FB_IN_PROGRESS), LT_FB_DUPLICATE },
};
#undef B

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

int lt_feedback_act(lt_db *db, int64_t id, const lt_fb_action *act, int64_t actor,
		    int64_t actor_unit, lt_error *e)
{
	lt_arena a;
	lt_stmt *st = NULL;
	flow_row r;
	const char *proposal, *answer;
	int64_t handler, due;
	bool publish;
	int k = -1, to, rc;

	for (size_t i = 0; act->action && i < sizeof(flow) / sizeof(flow[0]); i++)
		if (!strcmp(act->action, flow[i].action))
			k = (int)i;
	if (k < 0)
		return lt_error_set(e, LT_EINVAL, "action",
				    "Thao tác không hợp lệ (start, propose, escalate, answer, publish,"
				    " close, spam, duplicate)",
				    "Unknown action (start, propose, escalate, answer, publish, close,"
				    " spam, duplicate)");
	rc = check_note("note", act->note, false, e);
	if (!rc)
		rc = check_note(!strcmp(act->action, "answer") ? "answer" : "proposal", act->text,
				!strcmp(act->action, "propose") || !strcmp(act->action, "answer"),
				e);
	if (rc)
		return rc;
	lt_arena_init(&a);
	rc = lt_db_begin(db, e);
	if (rc)
		goto out;
	rc = load_row(db, id, &a, &r, e);
	if (rc)
		goto fail;
	if (!(flow[k].from & (1u << r.status))) {
		rc = lt_error_set(e, LT_ECONFLICT, "action",
				  "Không thể \"%s\" ý kiến đang ở trạng thái \"%s\"",
				  "Cannot \"%s\" a message whose status is \"%s\"", act->action,
				  lt_fb_status_code(r.status));
		goto fail;
	}
	to = flow[k].to >= 0 ? flow[k].to : r.status;
	handler = r.handler_unit_id;
	due = 0;
	proposal = act->text && *act->text && strcmp(act->action, "answer") ? act->text
									   : r.proposal;
	answer = !strcmp(act->action, "answer") ? act->text : r.answer;
	publish = !strcmp(act->action, "publish") || (!strcmp(act->action, "answer") && act->publish);
	if (!strcmp(act->action, "escalate")) {
		if (!proposal || !*proposal) {
			rc = lt_error_set(e, LT_EINVAL, "proposal",
					  "Cần viết đề xuất trước khi chuyển lên cấp trên",
					  "Write a proposal before escalating");
			goto fail;
		}
		if (!r.handler_parent) {
			rc = lt_error_set(e, LT_ECONFLICT, "action",
					  "Đơn vị đang xử lý không có cấp trên",
					  "The handling unit has no parent unit");
			goto fail;
		}
		handler = r.handler_parent;
		due = lt_fb_deadline(lt_now(), r.urgent);
	} else if (!strcmp(act->action, "answer")) {
		handler = r.unit_id; /* the answer goes back down to the receiving unit */
	} else if (publish && !answer) {
		rc = lt_error_set(e, LT_ECONFLICT, "action", "Chưa có câu trả lời để công bố",
				  "There is no answer to publish");
		goto fail;
	}
	rc = lt_db_prepare(db,
			   "UPDATE feedback SET status = $2, handler_unit_id = $3, proposal = $4,"
			   " answer = $5, answer_published = CASE WHEN $6 = 1 THEN 1"
			   " ELSE answer_published END, due_at = CASE WHEN $7 > 0 THEN $7 ELSE due_at"
			   " END, updated_at = $8 WHERE id = $1",
			   &st, e);
	if (rc)
		goto fail;
	lt_stmt_bind_int(st, 1, id);
	lt_stmt_bind_text(st, 2, lt_fb_status_code(to));
	lt_stmt_bind_int(st, 3, handler);
	lt_stmt_bind_text(st, 4, proposal);
	lt_stmt_bind_text(st, 5, answer);
	lt_stmt_bind_int(st, 6, publish ? 1 : 0);
	lt_stmt_bind_int(st, 7, due);
	lt_stmt_bind_int(st, 8, lt_now());
	rc = lt_stmt_run(st, e);
	if (!rc)
		rc = add_step(db, id, actor, actor_unit, act->action, lt_fb_status_code(r.status),
			      lt_fb_status_code(to), act->note && *act->note ? act->note : act->text,
			      e);
	if (rc)
		goto fail;
	rc = lt_db_commit(db, e);
	goto out;
fail:
	lt_db_rollback(db);
out:
	lt_arena_free(&a);
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

int lt_feedback_set_topics(lt_db *db, int64_t id, uint32_t topics, int64_t actor,
			   int64_t actor_unit, lt_error *e)
{
	lt_arena a;
	lt_stmt *st = NULL;
	lt_classifier *m = NULL;
	flow_row r;
	char note[256];
	int64_t confirmed = 0;
	int rc;

	if (!topics || topics >= (1u << LT_TOPIC_COUNT))
		return lt_error_set(e, LT_EINVAL, "topics", "Cần ít nhất một chủ đề hợp lệ",
				    "At least one valid topic is needed");
	lt_arena_init(&a);
	rc = lt_db_begin(db, e);
	if (rc)
		goto out;
	rc = load_row(db, id, &a, &r, e);
	if (rc)
		goto fail;
	rc = lt_db_prepare(db,
			   "UPDATE feedback SET topics = $2, topics_source = 'cadre',"
			   " why = '[{\"kind\":\"cadre\"}]', updated_at = $3 WHERE id = $1",
			   &st, e);
	if (rc)
		goto fail;
	lt_stmt_bind_int(st, 1, id);
	lt_stmt_bind_int(st, 2, topics);
	lt_stmt_bind_int(st, 3, lt_now());
	rc = lt_stmt_run(st, e);
	topics_note(r.topics, topics, note, sizeof(note));
	if (!rc)
		rc = add_step(db, id, actor, actor_unit, r.topics == topics ? "confirm" : "topics",
			      lt_fb_status_code(r.status), lt_fb_status_code(r.status), note, e);
	if (rc)
		goto fail;
	/* Learn the correction now; without a model, train one once enough are confirmed. */
	rc = lt_fb_model_load(db, &m, e);
	if (!rc && m) {
		rc = lt_classify_update(m, r.text, topics, e);
		if (!rc)
			rc = lt_fb_model_save(db, m, 0, e);
	} else if (!rc) {
		rc = lt_fb_confirmed_count(db, &confirmed, e);
		if (!rc && confirmed >= lt_feedback_config_get()->min_train)
			rc = lt_fb_train_in_tx(db, NULL, NULL, e);
	}
	if (rc)
		goto fail;
	rc = lt_db_commit(db, e);
	goto out;
fail:
	lt_db_rollback(db);
out:
	lt_classify_free(m);
	lt_arena_free(&a);
	return rc;
}
