/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * feedback.c — storing a new message (receipt code, first step, audit), the
 * near-duplicate case lookup and the public form's rate counters; see
 * feedback.h.
 */
#include "store/feedback.h"

#include <inttypes.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "core/clock.h"
#include "core/password.h"
#include "store/audit.h"
#include "store/feedback_int.h"
#include "text/simhash.h"

void (*lt_fb_receipt_draw)(char out[LT_FB_RECEIPT_LEN + 1]);

int lt_fb_nomem(lt_error *e)
{
	return lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
}

int lt_fb_notfound(lt_error *e, int64_t id)
{
	return lt_error_set(e, LT_ENOTFOUND, "id", "Không tìm thấy ý kiến #%" PRId64,
			    "No such feedback message: #%" PRId64, id);
}

/* Receipt code: 8 symbols without look-alikes (no 0/O, 1/I/L), "ABCD-EFGH": 40 bits. */
static void new_receipt(char out[LT_FB_RECEIPT_LEN + 1])
{
	if (lt_fb_receipt_draw) { /* tests: a code they choose */
		lt_fb_receipt_draw(out);
		return;
	}
	static const char alphabet[] = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
	int k = 0;

	for (int i = 0; i < 8; i++) {
		if (i == 4)
			out[k++] = '-';
		out[k++] = alphabet[randombytes_uniform(sizeof(alphabet) - 1)];
	}
	out[k] = '\0';
}

/*
 * INSERT the row with receipt code; 1 with *id, 0 when the code is taken
 * (no row, and no failed statement: a failure would undo the caller's
 * whole transaction at its commit), or < 0.
 */
static int insert_row(lt_db *db, const lt_feedback_row *r, int64_t actor, const char *code,
		      int64_t now, int64_t *id, lt_error *e)
{
	lt_stmt *st = NULL;
	int rc = lt_db_prepare(db,
			       "INSERT INTO feedback(unit_id, handler_unit_id, receipt, channel,"
			       " received_at, text, text_fold, sender_name, sender_phone, anonymous,"
			       " topics, topics_source, why, urgent, urgency_why, simhash, case_id,"
			       " status, due_at, created_by, created_at, updated_at)"
			       " VALUES ($1, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13,"
			       " $14, $15, $16, 'new', $17, $18, $19, $19)"
			       " ON CONFLICT (receipt) DO NOTHING RETURNING id",
			       &st, e);

	if (rc)
		return rc;
	lt_stmt_bind_int(st, 1, r->unit_id);
	lt_stmt_bind_text(st, 2, code);
	lt_stmt_bind_text(st, 3, r->channel);
	lt_stmt_bind_int(st, 4, r->received_at);
	lt_stmt_bind_text(st, 5, r->text);
	lt_stmt_bind_text(st, 6, r->text_fold);
	lt_stmt_bind_text(st, 7, r->sender_name);
	lt_stmt_bind_text(st, 8, r->sender_phone);
	lt_stmt_bind_int(st, 9, r->anonymous ? 1 : 0);
	lt_stmt_bind_int(st, 10, r->topics);
	lt_stmt_bind_text(st, 11, r->topics_source);
	lt_stmt_bind_text(st, 12, r->why);
	lt_stmt_bind_int(st, 13, r->urgent ? 1 : 0);
	lt_stmt_bind_text(st, 14, r->urgent ? r->urgency_why : NULL);
	lt_stmt_bind_int(st, 15, (int64_t)r->simhash);
	lt_stmt_bind_id(st, 16, r->case_id);
	lt_stmt_bind_int(st, 17, r->due_at);
	lt_stmt_bind_id(st, 18, actor);
	lt_stmt_bind_int(st, 19, now);
	rc = lt_stmt_step(st, e);
	if (rc == 1)
		*id = lt_stmt_int(st, 0);
	lt_stmt_done(st);
	return rc;
}

/* A message that starts its own case is its case's first message. */
static int own_case(lt_db *db, int64_t id, lt_error *e)
{
	lt_stmt *st = NULL;
	int rc = lt_db_prepare(db, "UPDATE feedback SET case_id = id WHERE id = $1", &st, e);

	if (rc)
		return rc;
	lt_stmt_bind_int(st, 1, id);
	return lt_stmt_run(st, e);
}

int lt_feedback_insert(lt_db *db, const lt_feedback_row *r, int64_t actor, int64_t *id_out,
		       char receipt[LT_FB_RECEIPT_LEN + 1], lt_error *e)
{
	char code[LT_FB_RECEIPT_LEN + 1], detail[96];
	int64_t now = lt_now(), id = 0;
	int rc = lt_db_begin(db, e);

	if (rc)
		return rc;
	/*
	 * A clash of the 31^8 codes is rare, but not at a national union's
	 * million messages (even odds by about 1.1 million); draw again a few times.
	 */
	for (int tries = 0; tries < 5; tries++) {
		new_receipt(code);
		rc = insert_row(db, r, actor, code, now, &id, e);
		if (rc != 0)
			break;
	}
	if (rc == 0)
		rc = lt_error_set(e, LT_EEXIST, "receipt", "Không cấp được mã tiếp nhận, hãy thử lại",
				  "No free receipt code was drawn; try again");
	if (rc > 0)
		rc = 0;
	if (!rc && !r->case_id)
		rc = own_case(db, id, e);
	if (!rc)
		rc = lt_feedback_step_add(db, id, actor, r->unit_id, "receive", NULL, "new",
					  r->channel, e);
	snprintf(detail, sizeof(detail), "{\"unit_id\":%" PRId64 ",\"channel\":\"%s\"}",
		 r->unit_id, r->channel);
	if (!rc)
		rc = lt_audit(db, actor, "create", "feedback", id, detail, e);
	rc = lt_db_end(db, rc, e);
	if (rc)
		return rc;
	if (id_out)
		*id_out = id;
	if (receipt)
		memcpy(receipt, code, sizeof(code));
	return 0;
}

int lt_feedback_find_case(lt_db *db, int64_t unit_id, uint64_t sig, int64_t since,
			  int max_distance, int64_t *case_id, lt_error *e)
{
	lt_stmt *st = NULL;
	int best = 65, rc;
	int64_t best_id = 0;

	*case_id = 0;
	if (!sig)
		return 0;
	/*
	 * Only the unit's latest LT_FB_CASE_SCAN messages in the window are
	 * compared (read by the index feedback_unit, newest first): a unit with
	 * tens of thousands of messages, or an import of 20,000 rows in one
	 * transaction, compared every message with all of them before.
	 */
	rc = lt_db_prepare(db,
			   "SELECT case_id, simhash, id FROM (SELECT case_id, simhash, id, status"
			   " FROM feedback WHERE unit_id = $1 AND received_at >= $2"
			   " ORDER BY received_at DESC, id DESC LIMIT $3) t"
			   " WHERE simhash != 0 AND status != 'spam'",
			   &st, e);
	if (rc)
		return rc;
	lt_stmt_bind_int(st, 1, unit_id);
	lt_stmt_bind_int(st, 2, since);
	lt_stmt_bind_int(st, 3, LT_FB_CASE_SCAN);
	while ((rc = lt_stmt_step(st, e)) == 1) {
		int d = lt_simhash_distance(sig, (uint64_t)lt_stmt_int(st, 1));
		int64_t id = lt_stmt_int(st, 2);
		/* the nearest; of equally near ones, the earliest */
		if (d <= max_distance && (d < best || (d == best && id < best_id))) {
			best = d;
			best_id = id;
			*case_id = lt_stmt_int(st, 0);
		}
	}
	lt_stmt_done(st);
	return rc < 0 ? rc : 0;
}

/* ---------- public form limits ---------- */

/* Posts from ip_hash and to unit_id since `since`. */
static int rate_counts(lt_db *db, const char *hash, int64_t unit_id, int64_t since,
		       int64_t *by_ip, int64_t *by_unit, lt_error *e)
{
	lt_stmt *st = NULL;
	int rc = lt_db_prepare(db,
			       "SELECT (SELECT count(*) FROM feedback_rate WHERE ip_hash = $1"
			       " AND at >= $3), (SELECT count(*) FROM feedback_rate WHERE"
			       " unit_id = $2 AND at >= $3)",
			       &st, e);

	*by_ip = *by_unit = 0;
	if (rc)
		return rc;
	lt_stmt_bind_text(st, 1, hash);
	lt_stmt_bind_int(st, 2, unit_id);
	lt_stmt_bind_int(st, 3, since);
	rc = lt_stmt_step(st, e);
	if (rc == 1) {
		*by_ip = lt_stmt_int(st, 0);
		*by_unit = lt_stmt_int(st, 1);
	}
	lt_stmt_done(st);
	return rc < 0 ? rc : 0;
}

int lt_feedback_rate_take(lt_db *db, const char *ip, int64_t unit_id, int window, int max_ip,
			  int max_unit, bool *allowed, lt_error *e)
{
	lt_stmt *st = NULL;
	char hash[65];
	int64_t now = lt_now(), since = now - window, by_ip = 0, by_unit = 0;
	bool ok = false;
	int rc;

	*allowed = false;
	/* The IP is personal data too: only its hash is kept, and only for the window. */
	lt_sha256_hex(ip ? ip : "?", ip ? strlen(ip) : 1, hash);
	rc = lt_db_begin(db, e);
	if (rc)
		return rc;
	rc = lt_db_prepare(db, "DELETE FROM feedback_rate WHERE at < $1", &st, e);
	if (!rc) {
		lt_stmt_bind_int(st, 1, since);
		rc = lt_stmt_run(st, e);
	}
	if (!rc)
		rc = rate_counts(db, hash, unit_id, since, &by_ip, &by_unit, e);
	ok = !rc && by_ip < max_ip && by_unit < max_unit;
	/* Over a limit: only the expired rows go. */
	if (ok)
		rc = lt_db_prepare(db,
				   "INSERT INTO feedback_rate(ip_hash, unit_id, at) VALUES ($1, $2, $3)",
				   &st, e);
	if (ok && !rc) {
		lt_stmt_bind_text(st, 1, hash);
		lt_stmt_bind_int(st, 2, unit_id);
		lt_stmt_bind_int(st, 3, now);
		rc = lt_stmt_run(st, e);
	}
	rc = lt_db_end(db, rc, e);
	if (!rc)
		*allowed = ok;
	return rc;
}
