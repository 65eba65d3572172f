/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* mail.c — see mail.h. */
#include "store/mail.h"

#include <stdlib.h>
#include <string.h>

#include "store/store.h"

int lt_mail_enqueue(lt_db *db, const char *kind, int64_t ref_id, const char *to,
		    const char *subject, const char *body, const lt_mail_att *att, size_t natt,
		    int64_t *id, lt_error *e)
{
	lt_stmt *st = NULL;
	int64_t made = 0, now = lt_now();
	int rc = lt_db_begin(db, e);

	if (rc)
		return rc;
	rc = lt_db_prepare(db,
			   "INSERT INTO mail_queue(kind, ref_id, to_addr, subject, body,"
			   " next_attempt_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, $6)"
			   " RETURNING id",
			   &st, e);
	if (rc)
		goto fail;
	lt_stmt_bind_text(st, 1, kind);
	lt_stmt_bind_int(st, 2, ref_id);
	lt_stmt_bind_text(st, 3, to);
	lt_stmt_bind_text(st, 4, subject);
	lt_stmt_bind_text(st, 5, body);
	lt_stmt_bind_int(st, 6, now);
	rc = lt_stmt_step(st, e);
	if (rc == 1)
		made = lt_stmt_int(st, 0);
	lt_stmt_done(st);
	if (rc < 0)
		goto fail;
	for (size_t i = 0; i < natt; i++) {
		rc = lt_db_prepare(db,
				   "INSERT INTO mail_attachment(mail_id, pos, filename, content_type, data)"
				   " VALUES ($1, $2, $3, $4, $5)",
				   &st, e);
		if (rc)
			goto fail;
		lt_stmt_bind_int(st, 1, made);
		lt_stmt_bind_int(st, 2, (int64_t)i + 1);
		lt_stmt_bind_text(st, 3, att[i].filename);
		lt_stmt_bind_text(st, 4, att[i].content_type);
		lt_stmt_bind_blob(st, 5, att[i].data, att[i].len);
		rc = lt_stmt_run(st, e);
		if (rc)
			goto fail;
	}
	rc = lt_db_commit(db, e);
	if (!rc && id)
		*id = made;
	return rc;
fail:
	lt_db_rollback(db);
	return rc;
}

int lt_mail_due(lt_db *db, int64_t now, int limit, json_t **ids, lt_error *e)
{
	lt_stmt *st = NULL;
	json_t *arr = json_array();
	int rc = lt_db_prepare(db,
			       "SELECT id FROM mail_queue WHERE status = 'queued'"
			       " AND next_attempt_at <= $1 ORDER BY next_attempt_at, id LIMIT $2",
			       &st, e);

	*ids = NULL;
	if (rc) {
		json_decref(arr);
		return rc;
	}
	lt_stmt_bind_int(st, 1, now);
	lt_stmt_bind_int(st, 2, limit);
	while ((rc = lt_stmt_step(st, e)) == 1)
		json_array_append_new(arr, json_integer(lt_stmt_int(st, 0)));
	lt_stmt_done(st);
	if (rc < 0) {
		json_decref(arr);
		return rc;
	}
	*ids = arr;
	return 0;
}

int lt_mail_load(lt_db *db, int64_t id, json_t **msg, unsigned char **blobs, lt_error *e)
{
	lt_stmt *st = NULL;
	json_t *m = NULL, *atts = json_array();
	unsigned char *buf = NULL;
	size_t used = 0;
	int rc = lt_db_prepare(db,
			       "SELECT to_addr, subject, body, status, attempts FROM mail_queue"
			       " WHERE id = $1",
			       &st, e);

	*msg = NULL;
	*blobs = NULL;
	if (rc)
		goto fail;
	lt_stmt_bind_int(st, 1, id);
	rc = lt_stmt_step(st, e);
	if (rc == 1)
		m = json_pack("{s:I,s:s,s:s,s:s,s:s,s:I}", "id", (json_int_t)id, "to",
			      lt_stmt_text(st, 0), "subject", lt_stmt_text(st, 1), "body",
			      lt_stmt_text(st, 2), "status", lt_stmt_text(st, 3), "attempts",
			      (json_int_t)lt_stmt_int(st, 4));
	lt_stmt_done(st);
	if (rc <= 0) {
		rc = rc ? rc : lt_error_set(e, LT_ENOTFOUND, "id", "Không có thư này", "No such mail");
		goto fail;
	}
	rc = lt_db_prepare(db,
			   "SELECT filename, content_type, data FROM mail_attachment WHERE mail_id = $1"
			   " ORDER BY pos",
			   &st, e);
	if (rc)
		goto fail;
	lt_stmt_bind_int(st, 1, id);
	while ((rc = lt_stmt_step(st, e)) == 1) {
		size_t n = 0;
		const void *p = lt_stmt_blob(st, 2, &n);
		unsigned char *nb = realloc(buf, used + n + 1);
		if (!nb) {
			rc = lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
			break;
		}
		buf = nb;
		if (n)
			memcpy(buf + used, p, n);
		json_array_append_new(atts, json_pack("{s:s,s:s,s:I,s:I}", "filename",
						      lt_stmt_text(st, 0), "content_type",
						      lt_stmt_text(st, 1), "offset", (json_int_t)used,
						      "len", (json_int_t)n));
		used += n;
	}
	lt_stmt_done(st);
	if (rc < 0)
		goto fail;
	json_object_set_new(m, "attachments", atts);
	*msg = m;
	*blobs = buf;
	return 0;
fail:
	json_decref(m);
	json_decref(atts);
	free(buf);
	return rc;
}

int lt_mail_attempt(lt_db *db, int64_t id, int ok, const char *reply, lt_error *e)
{
	lt_stmt *st = NULL;
	int64_t now = lt_now(), attempts = 0, delay;
	int rc = lt_db_begin(db, e);

	if (rc)
		return rc;
	rc = lt_db_prepare(db, "INSERT INTO mail_attempt(mail_id, at, ok, reply) VALUES ($1, $2, $3, $4)",
			   &st, e);
	if (!rc) {
		lt_stmt_bind_int(st, 1, id);
		lt_stmt_bind_int(st, 2, now);
		lt_stmt_bind_int(st, 3, ok ? 1 : 0);
		lt_stmt_bind_text(st, 4, reply);
		rc = lt_stmt_run(st, e);
	}
	/*
	 * Retry after 1, 2, 4 … minutes (capped at 6 hours); after the last
	 * attempt the message is failed and stays in the log. The delay is
	 * computed here: SQL dialects disagree on min()/least().
	 */
	if (!rc)
		rc = lt_db_prepare(db, "SELECT attempts FROM mail_queue WHERE id = $1", &st, e);
	if (!rc) {
		lt_stmt_bind_int(st, 1, id);
		rc = lt_stmt_step(st, e);
		if (rc == 1)
			attempts = lt_stmt_int(st, 0);
		lt_stmt_done(st);
		rc = rc < 0 ? rc : 0;
	}
	delay = attempts >= 9 ? 21600 : 60 * ((int64_t)1 << attempts);
	if (delay > 21600)
		delay = 21600;
	if (!rc)
		rc = lt_db_prepare(db,
				   "UPDATE mail_queue SET attempts = attempts + 1, last_error = $2,"
				   " status = $4, sent_at = $5, next_attempt_at = $3 WHERE id = $1",
				   &st, e);
	if (!rc) {
		lt_stmt_bind_int(st, 1, id);
		lt_stmt_bind_text(st, 2, ok ? NULL : reply);
		lt_stmt_bind_int(st, 3, now + delay);
		lt_stmt_bind_text(st, 4, ok ? "sent" : attempts + 1 >= LT_MAIL_MAX_ATTEMPTS ? "failed" : "queued");
		if (ok)
			lt_stmt_bind_int(st, 5, now);
		else
			lt_stmt_bind_null(st, 5);
		rc = lt_stmt_run(st, e);
	}
	if (rc) {
		lt_db_rollback(db);
		return rc;
	}
	return lt_db_commit(db, e);
}

int lt_mail_log(lt_db *db, const char *kind, int64_t ref_id, json_t **out, lt_error *e)
{
	lt_stmt *st = NULL;
	json_t *arr = json_array();
	int rc = lt_db_prepare(db,
			       "SELECT q.id, q.to_addr, q.subject, q.status, q.attempts, q.created_at,"
			       " q.sent_at, a.at, a.ok, a.reply FROM mail_queue q"
			       " LEFT JOIN mail_attempt a ON a.mail_id = q.id"
			       " WHERE q.kind = $1 AND q.ref_id = $2 ORDER BY q.id DESC, a.id",
			       &st, e);

	*out = NULL;
	if (rc) {
		json_decref(arr);
		return rc;
	}
	lt_stmt_bind_text(st, 1, kind);
	lt_stmt_bind_int(st, 2, ref_id);
	while ((rc = lt_stmt_step(st, e)) == 1) {
		json_t *last = json_array_get(arr, json_array_size(arr) - 1);
		if (!last || json_integer_value(json_object_get(last, "id")) != lt_stmt_int(st, 0)) {
			last = json_pack("{s:I,s:s,s:s,s:s,s:I,s:I,s:o?,s:[]}", "id",
					 (json_int_t)lt_stmt_int(st, 0), "to", lt_stmt_text(st, 1),
					 "subject", lt_stmt_text(st, 2), "status", lt_stmt_text(st, 3),
					 "attempts", (json_int_t)lt_stmt_int(st, 4), "created_at",
					 (json_int_t)lt_stmt_int(st, 5), "sent_at",
					 lt_stmt_is_null(st, 6) ? NULL : json_integer(lt_stmt_int(st, 6)),
					 "log");
			json_array_append_new(arr, last);
		}
		if (!lt_stmt_is_null(st, 7))
			json_array_append_new(json_object_get(last, "log"),
					      json_pack("{s:I,s:b,s:s?}", "at", (json_int_t)lt_stmt_int(st, 7),
							"ok", (int)lt_stmt_int(st, 8), "reply",
							lt_stmt_text(st, 9)));
	}
	lt_stmt_done(st);
	if (rc < 0) {
		json_decref(arr);
		return rc;
	}
	*out = arr;
	return 0;
}
