/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * feedback_flow.c — the rows of a message's handling: its state, the update
 * a step makes, the step itself with its audit event, and its topics. The
 * flow's rules are core/feedback.h's; app/feedback_flow.c applies them.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "core/clock.h"
#include "store/audit.h"
#include "store/feedback_int.h"

int lt_feedback_flow_get(lt_db *db, int64_t id, lt_arena *a, lt_fb_flow_row *r, lt_error *e)
{
	lt_stmt *st = NULL;
	int rc = lt_db_prepare(db,
			       "SELECT f.status, f.unit_id, f.handler_unit_id, h.parent_id, f.urgent,"
			       " f.proposal, f.answer, f.text, f.topics, f.answer_published, f.verdict"
			       " FROM feedback f"
			       " JOIN unit h ON h.id = f.handler_unit_id WHERE f.id = $1",
			       &st, e);

	memset(r, 0, sizeof(*r));
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
		r->answer_published = lt_stmt_int(st, 9) != 0;
		r->verdict = lt_fb_verdict_from(lt_stmt_text(st, 10));
	}
	lt_stmt_done(st);
	if (rc == 0)
		return lt_fb_notfound(e, id);
	if (rc < 0)
		return rc;
	if (lt_arena_failed(a))
		return lt_fb_nomem(e);
	if (r->status < 0)
		return lt_error_set(e, LT_EINTERNAL, "status", "Trạng thái lạ trong CSDL",
				    "Unknown status in the database");
	return 0;
}

int lt_feedback_flow_update(lt_db *db, int64_t id, const lt_fb_flow_set *s, lt_error *e)
{
	lt_stmt *st = NULL;
	int rc = lt_db_prepare(db,
			       "UPDATE feedback SET status = $2, handler_unit_id = $3, proposal = $4,"
			       " answer = $5, answer_published = CASE WHEN $6 = 1 THEN 1"
			       " ELSE answer_published END, due_at = CASE WHEN $7 > 0 THEN $7 ELSE"
			       " due_at END, updated_at = $8, reopened_at = NULL,"
			       " verdict = CASE WHEN $9 = 1 THEN NULL ELSE verdict END,"
			       " verdict_at = CASE WHEN $9 = 1 THEN NULL ELSE verdict_at END"
			       " WHERE id = $1",
			       &st, e);

	if (rc)
		return rc;
	lt_stmt_bind_int(st, 1, id);
	lt_stmt_bind_text(st, 2, lt_fb_status_code(s->status));
	lt_stmt_bind_int(st, 3, s->handler_unit_id);
	lt_stmt_bind_text(st, 4, s->proposal);
	lt_stmt_bind_text(st, 5, s->answer);
	lt_stmt_bind_int(st, 6, s->publish ? 1 : 0);
	lt_stmt_bind_int(st, 7, s->due_at);
	lt_stmt_bind_int(st, 8, lt_now());
	lt_stmt_bind_int(st, 9, s->new_answer ? 1 : 0);
	return lt_stmt_run(st, e);
}

int lt_feedback_verdict_set(lt_db *db, int64_t id, const char *verdict, int from, int status,
			    bool reopen, int64_t due_at, lt_error *e)
{
	lt_stmt *st = NULL;
	int64_t now = lt_now();
	/* The write is the check: still in the status read, and not judged meanwhile. */
	int rc = lt_db_prepare(db,
			       "UPDATE feedback SET status = $2, verdict = $3, verdict_at = $4,"
			       " updated_at = $4, reopened_at = $5,"
			       " due_at = CASE WHEN $6 > 0 THEN $6 ELSE due_at END"
			       " WHERE id = $1 AND status = $7 AND verdict IS NULL",
			       &st, e);

	if (rc)
		return rc;
	lt_stmt_bind_int(st, 1, id);
	lt_stmt_bind_text(st, 2, lt_fb_status_code(status));
	lt_stmt_bind_text(st, 3, verdict);
	lt_stmt_bind_int(st, 4, now);
	lt_stmt_bind_id(st, 5, reopen ? now : 0);
	lt_stmt_bind_int(st, 6, due_at);
	lt_stmt_bind_text(st, 7, lt_fb_status_code(from));
	rc = lt_stmt_run(st, e);
	if (!rc && lt_db_changes(db) == 0)
		rc = lt_error_set(e, LT_ECONFLICT, "verdict", "Ý kiến vừa được cập nhật; hãy tải lại trang",
				  "The message changed meanwhile; reload the page");
	return rc;
}

int lt_feedback_step_add(lt_db *db, int64_t id, int64_t actor, int64_t unit, const char *action,
			 const char *from, const char *to, const char *note, lt_error *e)
{
	lt_stmt *st = NULL;
	char detail[160];
	int rc = lt_db_begin(db, e);

	if (!rc)
		rc = lt_db_prepare(db,
				   "INSERT INTO feedback_step(feedback_id, at, user_id, unit_id, action,"
				   " from_status, to_status, note) VALUES ($1, $2, $3, $4, $5, $6, $7,"
				   " $8)",
				   &st, e);
	if (!rc) {
		lt_stmt_bind_int(st, 1, id);
		lt_stmt_bind_int(st, 2, lt_now());
		lt_stmt_bind_id(st, 3, actor);
		lt_stmt_bind_id(st, 4, unit);
		lt_stmt_bind_text(st, 5, action);
		lt_stmt_bind_text(st, 6, from);
		lt_stmt_bind_text(st, 7, to);
		lt_stmt_bind_text(st, 8, note && *note ? note : NULL);
		rc = lt_stmt_run(st, e);
	}
	/* The first step ("receive") is audited as the creation itself. */
	if (!rc && from) {
		snprintf(detail, sizeof(detail), "{\"from\":\"%s\",\"to\":\"%s\"}", from, to);
		rc = lt_audit(db, actor, action, "feedback", id, detail, e);
	}
	return lt_db_end(db, rc, e);
}

int lt_feedback_topics_update(lt_db *db, int64_t id, uint32_t topics, const char *source,
			      const char *why, lt_error *e)
{
	lt_stmt *st = NULL;
	int rc = lt_db_prepare(db,
			       "UPDATE feedback SET topics = $2, topics_source = $3, why = $4,"
			       " updated_at = $5 WHERE id = $1"
			       " AND ($3 = 'cadre' OR topics_source != 'cadre')",
			       &st, e);

	if (rc)
		return rc;
	lt_stmt_bind_int(st, 1, id);
	lt_stmt_bind_int(st, 2, topics);
	lt_stmt_bind_text(st, 3, source);
	lt_stmt_bind_text(st, 4, why);
	lt_stmt_bind_int(st, 5, lt_now());
	return lt_stmt_run(st, e);
}
