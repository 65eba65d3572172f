/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* mail.c — delivering the mail queue; see mail.h. */
#include "app/mail.h"

#include <assert.h>

#include "core/arena.h"
#include "core/password.h"
#include "store/mail.h"

static lt_db *conn_get(const lt_app_conn *c)
{
	return c->pool ? lt_store_acquire(c->pool) : c->db;
}

static void conn_put(const lt_app_conn *c, lt_db *db)
{
	if (c->pool)
		lt_store_release(c->pool, db);
}

int64_t lt_app_mail_retry_delay(int attempts)
{
	/* 1, 2, 4 … minutes, at most 6 hours. */
	if (attempts < 0)
		attempts = 0;
	return attempts >= 9 ? 21600 : 60 * ((int64_t)1 << attempts);
}

/* Claim the next due message and load it, in one short transaction; *id 0: none due. */
static int claim(const lt_app_conn *c, const char *token, lt_arena *a, lt_mail_msg *m,
		 int64_t *id, lt_error *e)
{
	lt_db *db = conn_get(c);
	int64_t now = lt_now();
	int rc = lt_db_begin(db, e);

	if (!rc)
		rc = lt_mail_claim(db, now, now + LT_MAIL_LEASE, token, id, e);
	if (!rc && *id)
		rc = lt_mail_load(db, *id, a, m, e);
	rc = lt_db_end(db, rc, e);
	conn_put(c, db);
	return rc;
}

/* Send m with no connection held; *ok, and the server's reply (or curl's error) in reply. */
static void send_one(const lt_smtp_config *smtp, const lt_mail_msg *m, lt_arena *a, bool *ok,
		     const char **reply)
{
	lt_mail_part *parts = m->natt ? lt_arena_alloc(a, m->natt * sizeof(*parts)) : NULL;
	lt_buf r;

	*ok = false;
	*reply = "error";
	if (m->natt && !parts) {
		*reply = "out of memory";
		return;
	}
	for (size_t i = 0; i < m->natt; i++)
		parts[i] = (lt_mail_part){ m->att[i].filename, m->att[i].content_type, m->att[i].data,
					   m->att[i].len };
	lt_buf_init(&r, 1024);
	*ok = lt_smtp_send(smtp, m->to, m->subject, m->body, parts, m->natt, &r, NULL) == 0;
	if (r.len)
		*reply = lt_arena_strdup(a, lt_buf_cstr(&r));
	else if (*ok)
		*reply = "250";
	lt_buf_free(&r);
}

int lt_app_mail_deliver(const lt_app_conn *c, const lt_actor *who, const lt_smtp_config *smtp,
			int limit, lt_mail_run *out, lt_error *e)
{
	char token[44];
	int rc;

	assert(c && (c->pool || c->db) && smtp && out);
	*out = (lt_mail_run){ 0 };
	rc = lt_actor_need_role(who, LT_ROLE_ADMIN, e);
	if (rc)
		return rc;
	if (!smtp->url[0])
		return lt_error_set(e, LT_EINVAL, "smtp.url", "Chưa cấu hình [smtp] url",
				    "No [smtp] url configured");
	/* One token per run: a finish only counts while this run's claim holds. */
	lt_random_token(token);
	for (int i = 0; i < limit; i++) {
		lt_arena a;
		lt_mail_msg m;
		int64_t id = 0;
		bool ok = false, held = false;
		const char *reply = NULL, *status;
		lt_db *db;

		lt_arena_init(&a);
		rc = claim(c, token, &a, &m, &id, e);
		if (rc || !id) {
			lt_arena_free(&a);
			break;
		}
		send_one(smtp, &m, &a, &ok, &reply);
		status = ok ? "sent" : m.attempts + 1 >= LT_MAIL_MAX_ATTEMPTS ? "failed" : "queued";
		db = conn_get(c);
		rc = lt_mail_finish(db, id, token, lt_now(), ok, reply, status,
				    lt_now() + lt_app_mail_retry_delay(m.attempts), &held, e);
		conn_put(c, db);
		lt_arena_free(&a);
		if (rc)
			break;
		if (!held)
			out->lost++;
		else if (ok)
			out->sent++;
		else
			out->failed++;
	}
	return rc;
}
