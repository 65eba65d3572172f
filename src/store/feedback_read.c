/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * feedback_read.c — reading messages: one, a filtered list, the history, the
 * public receipt status. Rows come back as stored: app/feedback masks the
 * senders for the viewer and logs every full view.
 */
#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/tree.h"
#include "store/feedback_int.h"
#include "store/store.h"

void lt_fb_read_row(lt_stmt *st, lt_arena *a, lt_feedback *f)
{
	int64_t now = lt_now();

	memset(f, 0, sizeof(*f));
	f->id = lt_stmt_int(st, 0);
	f->unit_id = lt_stmt_int(st, 1);
	f->handler_unit_id = lt_stmt_int(st, 2);
	f->case_id = lt_stmt_is_null(st, 3) ? f->id : lt_stmt_int(st, 3);
	f->case_count = lt_stmt_int(st, 4);
	f->unit_code = lt_arena_strdup(a, lt_stmt_text(st, 5));
	f->unit_name = lt_arena_strdup(a, lt_stmt_text(st, 6));
	f->unit_path = lt_arena_strdup(a, lt_stmt_text(st, 7));
	f->unit_level = lt_arena_strdup(a, lt_stmt_text(st, 8));
	f->unit_grassroots = lt_stmt_int(st, 9) != 0;
	f->handler_name = lt_arena_strdup(a, lt_stmt_text(st, 10));
	f->handler_path = lt_arena_strdup(a, lt_stmt_text(st, 11));
	f->receipt = lt_arena_strdup(a, lt_stmt_text(st, 12));
	f->channel = lt_arena_strdup(a, lt_stmt_text(st, 13));
	f->text = lt_arena_strdup(a, lt_stmt_text(st, 14));
	f->sender_name = lt_arena_strdup(a, lt_stmt_text(st, 15));
	f->sender_phone = lt_arena_strdup(a, lt_stmt_text(st, 16));
	f->anonymous = lt_stmt_int(st, 17) != 0;
	f->topics = (uint32_t)lt_stmt_int(st, 18);
	f->topics_source = lt_arena_strdup(a, lt_stmt_text(st, 19));
	f->why = lt_arena_strdup(a, lt_stmt_text(st, 20));
	f->urgent = lt_stmt_int(st, 21) != 0;
	f->urgency_why = lt_arena_strdup(a, lt_stmt_text(st, 22));
	f->status = lt_fb_status_from(lt_stmt_text(st, 23));
	f->proposal = lt_arena_strdup(a, lt_stmt_text(st, 24));
	f->answer = lt_arena_strdup(a, lt_stmt_text(st, 25));
	f->answer_published = lt_stmt_int(st, 26) != 0;
	f->received_at = lt_stmt_int(st, 27);
	f->due_at = lt_stmt_int(st, 28);
	f->created_at = lt_stmt_int(st, 29);
	f->updated_at = lt_stmt_int(st, 30);
	f->overdue = lt_fb_status_open(f->status) && f->due_at < now;
	f->verdict = lt_fb_verdict_from(lt_stmt_text(st, 32));
	f->verdict_at = lt_stmt_is_null(st, 33) ? 0 : lt_stmt_int(st, 33);
	f->reopened_at = lt_stmt_is_null(st, 34) ? 0 : lt_stmt_int(st, 34);
}

int lt_feedback_get(lt_db *db, int64_t id, lt_arena *a, lt_feedback *out, lt_error *e)
{
	lt_stmt *st = NULL;
	int rc = lt_db_prepare(db, "SELECT " FB_COLS FB_FROM " WHERE f.id = $1", &st, e);

	if (rc)
		return rc;
	lt_stmt_bind_int(st, 1, id);
	rc = lt_stmt_step(st, e);
	if (rc == 1)
		lt_fb_read_row(st, a, out);
	lt_stmt_done(st);
	if (rc == 0)
		return lt_fb_notfound(e, id);
	return rc < 0 ? rc : 0;
}

int lt_feedback_steps(lt_db *db, int64_t id, lt_arena *a, lt_fb_step **items, size_t *n,
		      lt_error *e)
{
	lt_stmt *st = NULL;
	lt_fb_step *arr = NULL;
	size_t cnt = 0, cap = 0;
	int rc = lt_db_prepare(db,
			       "SELECT s.at, s.user_id, au.name, s.unit_id, un.name, s.action,"
			       " s.from_status, s.to_status, s.note FROM feedback_step s"
			       " LEFT JOIN app_user au ON au.id = s.user_id"
			       " LEFT JOIN unit un ON un.id = s.unit_id"
			       " WHERE s.feedback_id = $1 ORDER BY s.at, s.id",
			       &st, e);

	*items = NULL;
	*n = 0;
	if (rc)
		return rc;
	lt_stmt_bind_int(st, 1, id);
	while ((rc = lt_stmt_step(st, e)) == 1) {
		lt_fb_step *s;
		arr = lt_fb_grow(a, arr, cnt, &cap, sizeof(*arr));
		if (!arr) {
			lt_stmt_done(st);
			return lt_fb_nomem(e);
		}
		s = &arr[cnt++];
		s->at = lt_stmt_int(st, 0);
		s->user_id = lt_stmt_is_null(st, 1) ? 0 : lt_stmt_int(st, 1);
		s->user_name = lt_arena_strdup(a, lt_stmt_text(st, 2));
		s->unit_id = lt_stmt_is_null(st, 3) ? 0 : lt_stmt_int(st, 3);
		s->unit_name = lt_arena_strdup(a, lt_stmt_text(st, 4));
		s->action = lt_arena_strdup(a, lt_stmt_text(st, 5));
		s->from_status = lt_arena_strdup(a, lt_stmt_text(st, 6));
		s->to_status = lt_arena_strdup(a, lt_stmt_text(st, 7));
		s->note = lt_arena_strdup(a, lt_stmt_text(st, 8));
	}
	lt_stmt_done(st);
	if (rc < 0)
		return rc;
	*items = arr;
	*n = cnt;
	return 0;
}

/* "abcd efgh", "ABCDEFGH", "ABCD-EFGH" → "ABCD-EFGH": the worker types it from paper. */
static bool receipt_norm(const char *code, char norm[LT_FB_RECEIPT_LEN + 1])
{
	size_t k = 0;

	for (const char *p = code ? code : ""; *p && k < LT_FB_RECEIPT_LEN; p++) {
		if (*p == '-' || *p == ' ')
			continue;
		if (!isalnum((unsigned char)*p))
			return false;
		if (k == 4)
			norm[k++] = '-';
		norm[k++] = (char)toupper((unsigned char)*p);
	}
	norm[k] = '\0';
	return k == LT_FB_RECEIPT_LEN;
}

static int receipt_missing(lt_error *e)
{
	return lt_error_set(e, LT_ENOTFOUND, "code", "Không tìm thấy mã tiếp nhận này",
			    "No message has this receipt code");
}

int lt_feedback_receipt_shaped(const char *code, lt_error *e)
{
	char norm[LT_FB_RECEIPT_LEN + 1];

	return receipt_norm(code, norm) ? 0 : receipt_missing(e);
}

int lt_feedback_status_by_receipt(lt_db *db, const char *code, lt_arena *a,
				  lt_fb_public_status *out, lt_error *e)
{
	lt_stmt *st = NULL;
	char norm[LT_FB_RECEIPT_LEN + 1];
	int rc;

	if (!receipt_norm(code, norm))
		return receipt_missing(e);
	rc = lt_db_prepare(db,
			   "SELECT status, received_at, updated_at,"
			   " CASE WHEN answer_published = 1 THEN answer END, verdict"
			   " FROM feedback WHERE receipt = $1",
			   &st, e);
	if (rc)
		return rc;
	lt_stmt_bind_text(st, 1, norm);
	rc = lt_stmt_step(st, e);
	if (rc == 1) {
		out->status = lt_fb_status_from(lt_stmt_text(st, 0));
		out->received_at = lt_stmt_int(st, 1);
		out->updated_at = lt_stmt_int(st, 2);
		out->answer = lt_arena_strdup(a, lt_stmt_text(st, 3));
		out->verdict = lt_fb_verdict_from(lt_stmt_text(st, 4));
	}
	lt_stmt_done(st);
	if (rc < 0)
		return rc;
	return rc == 1 ? 0 : receipt_missing(e);
}

int lt_feedback_receipt_find(lt_db *db, const char *code, int64_t *id, int64_t *unit_id,
			     lt_error *e)
{
	lt_stmt *st = NULL;
	char norm[LT_FB_RECEIPT_LEN + 1];
	int rc;

	*id = *unit_id = 0;
	if (!receipt_norm(code, norm))
		return receipt_missing(e);
	rc = lt_db_prepare(db, "SELECT id, unit_id FROM feedback WHERE receipt = $1", &st, e);
	if (rc)
		return rc;
	lt_stmt_bind_text(st, 1, norm);
	rc = lt_stmt_step(st, e);
	if (rc == 1) {
		*id = lt_stmt_int(st, 0);
		*unit_id = lt_stmt_int(st, 1);
	}
	lt_stmt_done(st);
	if (rc < 0)
		return rc;
	return rc == 1 ? 0 : receipt_missing(e);
}
