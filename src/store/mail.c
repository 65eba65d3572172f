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
	int64_t made = 0;
	int rc = lt_db_begin(db, e);

	if (rc)
		return rc;
	rc = lt_db_int(db,
		       "INSERT INTO mail_queue(kind, ref_id, to_addr, subject, body,"
		       " next_attempt_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, $6)"
		       " RETURNING id",
		       &made, e, LT_T(kind), LT_I(ref_id), LT_T(to), LT_T(subject), LT_T(body),
		       LT_I(lt_now()));
	rc = rc < 0 ? rc : 0;
	for (size_t i = 0; !rc && i < natt; i++)
		rc = lt_db_run(db,
			       "INSERT INTO mail_attachment(mail_id, pos, filename, content_type, data)"
			       " VALUES ($1, $2, $3, $4, $5)",
			       e, LT_I(made), LT_I((int64_t)i + 1), LT_T(att[i].filename),
			       LT_T(att[i].content_type), LT_BLOB(att[i].data, att[i].len));
	rc = lt_db_end(db, rc, e);
	if (!rc && id)
		*id = made;
	return rc;
}

/*
 * The claim is one UPDATE whose WHERE re-checks what the sub-select chose,
 * so that of two claimers racing for one row only the first changes it:
 * SQLite runs writers one at a time; on PostgreSQL the sub-select takes
 * FOR UPDATE SKIP LOCKED, so a second claimer skips a row being claimed
 * instead of waiting for it, and the re-check covers a row it read before
 * the first one committed.
 */
#define CLAIM_SET "UPDATE mail_queue SET claimed_by = $3, claimed_until = $2 WHERE id ="
#define CLAIM_DUE                                                                         \
	" status = 'queued' AND next_attempt_at <= $1"                                    \
	" AND (claimed_until IS NULL OR claimed_until <= $1)"
#define CLAIM_PICK "SELECT id FROM mail_queue WHERE" CLAIM_DUE " ORDER BY next_attempt_at, id LIMIT 1"

static const char claim_sqlite[] = CLAIM_SET " (" CLAIM_PICK ") AND" CLAIM_DUE " RETURNING id";
static const char claim_postgres[] =
	CLAIM_SET " (" CLAIM_PICK " FOR UPDATE SKIP LOCKED) AND" CLAIM_DUE " RETURNING id";

int lt_mail_claim(lt_db *db, int64_t now, int64_t until, const char *token, int64_t *id,
		  lt_error *e)
{
	int rc;

	*id = 0;
	rc = lt_db_int(db, lt_db_dialect(db) == LT_DIALECT_POSTGRES ? claim_postgres : claim_sqlite,
		       id, e, LT_I(now), LT_I(until), LT_T(token));
	return rc < 0 ? rc : 0;
}

int lt_mail_load(lt_db *db, int64_t id, lt_arena *a, lt_mail_msg *m, lt_error *e)
{
	lt_stmt *st = NULL;
	size_t cap = 0;
	int rc;

	memset(m, 0, sizeof(*m));
	rc = lt_db_row(db, "SELECT to_addr, subject, body, attempts FROM mail_queue WHERE id = $1",
		       &st, e, LT_I(id));
	if (rc == 1) {
		m->id = id;
		m->to = lt_arena_strdup(a, lt_stmt_text(st, 0));
		m->subject = lt_arena_strdup(a, lt_stmt_text(st, 1));
		m->body = lt_arena_strdup(a, lt_stmt_text(st, 2));
		m->attempts = (int)lt_stmt_int(st, 3);
	}
	lt_stmt_done(st);
	if (rc == 0)
		return lt_error_set(e, LT_ENOTFOUND, "id", "Không có thư #%lld", "No mail #%lld",
				    (long long)id);
	if (rc < 0)
		return rc;
	rc = lt_db_query(db,
			 "SELECT filename, content_type, data FROM mail_attachment WHERE mail_id = $1"
			 " ORDER BY pos",
			 &st, e, LT_I(id));
	if (rc)
		return rc;
	while ((rc = lt_stmt_step(st, e)) == 1) {
		size_t n = 0;
		const void *p = lt_stmt_blob(st, 2, &n);
		if (m->natt == cap) {
			lt_mail_att *grown = lt_arena_alloc(a, (cap ? cap * 2 : 4) * sizeof(*grown));
			if (!grown)
				break;
			if (m->natt)
				memcpy(grown, m->att, m->natt * sizeof(*grown));
			m->att = grown;
			cap = cap ? cap * 2 : 4;
		}
		m->att[m->natt].filename = lt_arena_strdup(a, lt_stmt_text(st, 0));
		m->att[m->natt].content_type = lt_arena_strdup(a, lt_stmt_text(st, 1));
		m->att[m->natt].data = lt_arena_strndup(a, p ? p : "", n);
		m->att[m->natt].len = n;
		m->natt++;
	}
	lt_stmt_done(st);
	if (rc < 0)
		return rc;
	if (lt_arena_failed(a))
		return lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	return 0;
}

int lt_mail_finish(lt_db *db, int64_t id, const char *token, int64_t at, bool ok,
		   const char *reply, const char *status, int64_t next_at, bool *held, lt_error *e)
{
	int rc = lt_db_begin(db, e);

	*held = false;
	if (rc)
		return rc;
	rc = lt_db_run(db,
		       "UPDATE mail_queue SET attempts = attempts + 1, status = $3,"
		       " next_attempt_at = $4, sent_at = $5, last_error = $6,"
		       " claimed_by = NULL, claimed_until = NULL WHERE id = $1 AND claimed_by = $2",
		       e, LT_I(id), LT_T(token), LT_T(status), LT_I(next_at), ok ? LT_I(at) : LT_NULL,
		       LT_T(ok ? NULL : reply));
	if (!rc)
		*held = lt_db_changes(db) > 0;
	if (!rc && *held)
		rc = lt_db_run(db,
			       "INSERT INTO mail_attempt(mail_id, at, ok, reply) VALUES ($1, $2, $3, $4)",
			       e, LT_I(id), LT_I(at), LT_I(ok ? 1 : 0), LT_T(reply));
	rc = lt_db_end(db, rc, e);
	if (rc)
		*held = false;
	return rc;
}

/* Append one element to the arena array *v of *n elements (capacity *cap). */
static void *grow(lt_arena *a, void *v, size_t *n, size_t *cap, size_t size)
{
	void *nv = v;

	if (*n == *cap) {
		nv = lt_arena_alloc(a, (*cap ? *cap * 2 : 8) * size);
		if (!nv)
			return NULL;
		if (*n)
			memcpy(nv, v, *n * size);
		*cap = *cap ? *cap * 2 : 8;
	}
	(*n)++;
	return nv;
}

int lt_mail_log(lt_db *db, const char *kind, int64_t ref_id, lt_arena *a, lt_mail_entry **out,
		size_t *n, lt_error *e)
{
	lt_stmt *st = NULL;
	lt_mail_entry *v = NULL, *last = NULL;
	size_t cap = 0, tcap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	rc = lt_db_query(db,
			 "SELECT q.id, q.to_addr, q.subject, q.status, q.attempts, q.created_at,"
			 " q.sent_at, a.at, a.ok, a.reply FROM mail_queue q"
			 " LEFT JOIN mail_attempt a ON a.mail_id = q.id"
			 " WHERE q.kind = $1 AND q.ref_id = $2 ORDER BY q.id DESC, a.id",
			 &st, e, LT_T(kind), LT_I(ref_id));
	if (rc)
		return rc;
	while ((rc = lt_stmt_step(st, e)) == 1) {
		if (!last || last->id != lt_stmt_int(st, 0)) {
			v = grow(a, v, n, &cap, sizeof(*v));
			if (!v)
				break;
			last = &v[*n - 1];
			memset(last, 0, sizeof(*last));
			tcap = 0;
			last->id = lt_stmt_int(st, 0);
			last->to = lt_arena_strdup(a, lt_stmt_text(st, 1));
			last->subject = lt_arena_strdup(a, lt_stmt_text(st, 2));
			last->status = lt_arena_strdup(a, lt_stmt_text(st, 3));
			last->attempts = (int)lt_stmt_int(st, 4);
			last->created_at = lt_stmt_int(st, 5);
			last->sent_at = lt_stmt_is_null(st, 6) ? 0 : lt_stmt_int(st, 6);
		}
		if (!lt_stmt_is_null(st, 7)) {
			lt_mail_try *t;
			last->tries = grow(a, last->tries, &last->ntries, &tcap, sizeof(*last->tries));
			if (!last->tries)
				break;
			t = &last->tries[last->ntries - 1];
			t->at = lt_stmt_int(st, 7);
			t->ok = lt_stmt_int(st, 8) != 0;
			t->reply = lt_arena_strdup(a, lt_stmt_text(st, 9));
		}
	}
	lt_stmt_done(st);
	if (rc < 0)
		return rc;
	if (lt_arena_failed(a))
		return lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	*out = v;
	return 0;
}
