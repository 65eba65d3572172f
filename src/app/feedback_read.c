/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * feedback_read.c — reading messages: who may read which message, who sees
 * a sender in full (and the audit of each such view), one message with its
 * history and case, filtered lists, the summary for reports and the link of
 * a unit's public form.
 */
#include <assert.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/feedback_int.h"
#include "core/page.h"
#include "store/audit.h"

/* ---------- access ---------- */

int lt_app_fb_unit(lt_db *db, const lt_actor *who, int64_t unit_id, const char *field,
		   lt_arena *a, lt_unit *u, lt_error *e)
{
	int rc = lt_unit_get(db, unit_id, a, u, e);

	if (rc == LT_ENOTFOUND && e)
		snprintf(e->field, sizeof(e->field), "%s", field);
	return rc ? rc : lt_actor_need_read(who, u->path, field, e);
}

int lt_app_fb_message(lt_db *db, const lt_actor *who, int64_t id, lt_arena *a, lt_feedback *out,
		      lt_error *e)
{
	int rc = lt_actor_need_role(who, LT_ROLE_CADRE, e);

	if (!rc)
		rc = lt_feedback_get(db, id, a, out, e);
	if (!rc && !lt_actor_reads(who, out->unit_path))
		rc = lt_error_set(e, LT_EFORBIDDEN, "id", "Ý kiến này nằm ngoài phạm vi của bạn",
				  "This message is outside your part of the tree");
	return rc;
}

int lt_app_fb_need_holder(const lt_actor *who, const lt_feedback *f, lt_error *e)
{
	/* Only the unit that holds the message (or one above it) moves it on. */
	if (lt_actor_reads(who, f->handler_path))
		return 0;
	return lt_error_set(e, LT_EFORBIDDEN, "id", "Ý kiến đang do đơn vị cấp trên xử lý",
			    "A unit above yours is handling this message now");
}

/*
 * May the actor see f's sender in full? Administrators (and the operator)
 * always; the receiving unit's own users, except an enterprise union a
 * sender who asked to stay anonymous from the employer.
 */
static bool sees_sender(const lt_actor *who, const lt_feedback *f)
{
	if (who->role >= LT_ROLE_ADMIN)
		return true;
	return who->kind == LT_ACTOR_USER && who->unit_id == f->unit_id &&
	       !(f->anonymous && f->unit_grassroots);
}

/* Mask f's sender for the actor; true when it stays in full (the view is to be logged). */
static bool mask(const lt_actor *who, bool reveal, lt_feedback *f, lt_arena *a)
{
	if (!f->sender_name && !f->sender_phone) {
		f->sender = LT_FB_SENDER_NONE;
		return false;
	}
	if (reveal && sees_sender(who, f)) {
		f->sender = LT_FB_SENDER_FULL;
		return true;
	}
	if (f->anonymous) {
		f->sender = LT_FB_SENDER_HIDDEN;
		f->sender_name = NULL;
		f->sender_phone = NULL;
		return false;
	}
	f->sender = LT_FB_SENDER_MASKED;
	if (f->sender_name)
		f->sender_name = lt_fb_mask_name(a, f->sender_name);
	if (f->sender_phone)
		f->sender_phone = lt_fb_mask_phone(a, f->sender_phone);
	return false;
}

/* One audit event per message id of ids[n] whose sender the actor saw in full, via via. */
static int log_views(lt_db *db, const lt_actor *who, const char *via, const int64_t *ids,
		     size_t n, lt_error *e)
{
	char detail[96];
	int rc;

	if (!n)
		return 0;
	snprintf(detail, sizeof(detail), "{\"via\":\"%s\",\"unit_id\":%" PRId64 "}",
		 via ? via : "list", who->unit_id);
	rc = lt_db_begin(db, e);
	for (size_t i = 0; !rc && i < n; i++)
		rc = lt_audit(db, lt_actor_audit_id(who), "view_personal", "feedback", ids[i],
			      detail, e);
	return lt_db_end(db, rc, e);
}

/* Mask n messages for the actor and log one audit event per sender shown in full. */
static int mask_and_log(lt_db *db, const lt_actor *who, bool reveal, const char *via,
			lt_feedback *items, size_t n, lt_arena *a, lt_error *e)
{
	size_t k = 0;
	int64_t *full = lt_arena_alloc(a, (n + 1) * sizeof(*full));

	if (!full)
		return lt_app_fb_nomem(e);
	for (size_t i = 0; i < n; i++)
		if (mask(who, reveal, &items[i], a))
			full[k++] = items[i].id;
	if (lt_arena_failed(a))
		return lt_app_fb_nomem(e);
	return log_views(db, who, via, full, k, e);
}

/* ---------- lists ---------- */

/* The store query of a list request, checked for the actor. */
static int to_query(lt_db *db, const lt_actor *who, const lt_fb_list_in *in, lt_arena *a,
		    lt_feedback_query *q, lt_error *e)
{
	const char *view = in->view && *in->view ? in->view : "inbox";
	lt_unit u;
	int rc = lt_actor_need_role(who, LT_ROLE_CADRE, e);

	memset(q, 0, sizeof(*q));
	q->status = -1;
	q->topic = -1;
	q->urgent = in->urgent < 0 ? -1 : in->urgent != 0;
	q->within = who->unit_path;
	if (rc)
		return rc;
	if (!strcmp(view, "inbox"))
		q->involves = who->unit_id;
	else if (!strcmp(view, "held"))
		q->handler_unit_id = who->unit_id;
	else if (strcmp(view, "subtree"))
		return lt_error_set(e, LT_EINVAL, "view", "view phải là inbox, held hoặc subtree",
				    "view must be inbox, held or subtree");
	if (in->status && !strcmp(in->status, "open"))
		q->status = -2;
	else if (in->status && *in->status && (q->status = lt_fb_status_from(in->status)) < 0)
		return lt_error_set(e, LT_EINVAL, "status", "Trạng thái không hợp lệ",
				    "Unknown status");
	if (in->topic && *in->topic &&
	    (q->topic = lt_topic_from_code(in->topic, strlen(in->topic))) < 0)
		return lt_error_set(e, LT_EINVAL, "topic", "Chủ đề không hợp lệ", "Unknown topic");
	if (in->q && strlen(in->q) > 200)
		return lt_error_set(e, LT_EINVAL, "q", "Từ khoá quá dài", "Search text too long");
	q->q = in->q && *in->q ? in->q : NULL;
	q->overdue = in->overdue;
	q->leads_only = in->by_case;
	q->case_id = in->case_id;
	q->limit = in->limit > 1000 ? 1000 : in->limit;
	q->offset = in->offset > 1000000 ? 1000000 : in->offset;
	if (in->after) {
		char *end = NULL;
		q->after_at = strtoll(in->after, &end, 10);
		if (end && *end == '|')
			q->after_id = strtoll(end + 1, &end, 10);
		if (!end || *end || q->after_id <= 0)
			return lt_page_bad_cursor(e);
	}
	if (in->from && *in->from)
		rc = lt_feedback_day_start(in->from, &q->from, "from", e);
	if (!rc && in->to && *in->to) {
		rc = lt_feedback_day_start(in->to, &q->to, "to", e);
		q->to += 86400; /* inclusive */
	}
	if (!rc && in->unit_id) {
		rc = lt_app_fb_unit(db, who, in->unit_id, "unit_id", a, &u, e);
		q->unit_id = in->unit_id;
	}
	if (!rc && in->under) {
		rc = lt_app_fb_unit(db, who, in->under, "unit_id", a, &u, e);
		q->within = u.path;
	}
	return rc;
}

/* The page of q for the actor (q from to_query of in): senders masked, full views logged. */
static int list_page(lt_db *db, const lt_actor *who, const lt_fb_list_in *in,
		     const lt_feedback_query *q, lt_arena *a, lt_fb_list *out, lt_error *e)
{
	lt_feedback_page page;
	int rc = lt_feedback_list(db, q, a, &page, e);

	if (rc)
		return rc;
	out->items = page.items;
	out->n = page.n;
	out->total = page.total;
	out->total_more = page.more;
	if (page.next_id) {
		const char *key = lt_arena_printf(a, "%lld|%lld", (long long)page.next_at,
						  (long long)page.next_id);
		out->next_cursor = key ? lt_page_cursor(a, key) : NULL;
		if (!out->next_cursor)
			return lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	}
	return mask_and_log(db, who, in->reveal, in->via, out->items, out->n, a, e);
}

int lt_app_feedback_list(lt_db *db, const lt_actor *who, const lt_fb_list_in *in, lt_arena *a,
			 lt_fb_list *out, lt_error *e)
{
	lt_feedback_query q, late;
	lt_feedback_page badge;
	int rc = to_query(db, who, in, a, &q, e);

	memset(out, 0, sizeof(*out));
	if (rc)
		return rc;
	/* Overdue messages of the same view, whatever the other filters: the red badge. */
	memset(&late, 0, sizeof(late));
	late.within = q.within;
	late.involves = q.involves;
	late.handler_unit_id = q.handler_unit_id;
	late.status = -2;
	late.topic = -1;
	late.urgent = -1;
	late.overdue = true;
	late.limit = 1;
	rc = lt_feedback_list(db, &late, a, &badge, e);
	if (!rc)
		rc = list_page(db, who, in, &q, a, out, e);
	if (!rc) {
		out->overdue = badge.total;
		out->overdue_more = badge.more;
	}
	if (rc)
		memset(out, 0, sizeof(*out));
	return rc;
}

/* An export's walk: each batch masked, the ids of senders shown in full kept to log at the end. */
typedef struct each_ctx {
	const lt_actor *who;
	bool reveal;
	lt_fb_rows_fn fn;
	void *ctx;
	int64_t *full;
	size_t nfull, cap;
} each_ctx;

static int each_batch(lt_feedback *rows, size_t n, void *c, lt_error *e)
{
	each_ctx *x = c;
	lt_arena a;
	int rc = 0;

	lt_arena_init(&a);
	for (size_t i = 0; !rc && i < n; i++) {
		if (!mask(x->who, x->reveal, &rows[i], &a))
			continue;
		if (x->nfull == x->cap) {
			size_t cap = x->cap ? x->cap * 2 : 1024;
			int64_t *grown = realloc(x->full, cap * sizeof(*grown));
			if (!grown) {
				rc = lt_app_fb_nomem(e);
				break;
			}
			x->full = grown;
			x->cap = cap;
		}
		x->full[x->nfull++] = rows[i].id;
	}
	if (!rc && lt_arena_failed(&a))
		rc = lt_app_fb_nomem(e);
	if (!rc)
		rc = x->fn(rows, n, x->ctx, e);
	lt_arena_free(&a);
	return rc;
}

int lt_app_fb_each(lt_db *db, const lt_actor *who, const lt_fb_list_in *in, lt_fb_rows_fn fn,
		   void *ctx, lt_error *e)
{
	lt_feedback_query q;
	lt_arena a;
	each_ctx x = { .who = who, .reveal = in->reveal, .fn = fn, .ctx = ctx };
	int rc;

	lt_arena_init(&a);
	rc = to_query(db, who, in, &a, &q, e);
	if (!rc)
		rc = lt_feedback_each(db, &q, 1000, each_batch, &x, e);
	/*
	 * The full views are logged once the walk is over: a write in the middle
	 * of it would make PostgreSQL's connection hold the walk's remaining
	 * rows in memory. A failure here fails the export, which is not sent.
	 */
	if (!rc)
		rc = log_views(db, who, in->via, x.full, x.nfull, e);
	free(x.full);
	lt_arena_free(&a);
	return rc;
}


/* ---------- one message ---------- */

/* The view of f (already loaded and readable): history, what the actor may do, its case. */
static int view_of(lt_db *db, const lt_actor *who, bool reveal, lt_arena *a, lt_fb_view *v,
		   lt_error *e)
{
	lt_feedback_query q;
	lt_feedback_page mates = { 0 };
	size_t k = 0;
	int rc = lt_feedback_steps(db, v->f.id, a, &v->steps, &v->nsteps, e);

	assert(v->f.handler_path && v->f.handler_path[0] == '/'); /* joined from unit */
	v->can_act = lt_actor_reads(who, v->f.handler_path);
	v->holder_has_parent = strchr(v->f.handler_path + 1, '/') != strrchr(v->f.handler_path, '/');
	/* The other messages of its near-duplicate case (masked like any list). */
	memset(&q, 0, sizeof(q));
	q.within = who->unit_path;
	q.case_id = v->f.case_id;
	q.status = -1;
	q.topic = -1;
	q.urgent = -1;
	q.limit = 50;
	if (!rc && v->f.case_count > 1)
		rc = lt_feedback_list(db, &q, a, &mates, e);
	if (!rc && mates.n && !(v->mates = lt_arena_alloc(a, mates.n * sizeof(*v->mates))))
		rc = lt_app_fb_nomem(e);
	for (size_t i = 0; !rc && i < mates.n; i++)
		if (mates.items[i].id != v->f.id)
			v->mates[k++] = mates.items[i];
	v->nmates = k;
	if (!rc)
		rc = mask_and_log(db, who, reveal, "get", &v->f, 1, a, e);
	if (!rc)
		rc = mask_and_log(db, who, reveal, "get", v->mates, v->nmates, a, e);
	return rc;
}

int lt_app_feedback_get(lt_db *db, const lt_actor *who, int64_t id, bool reveal, lt_arena *a,
			lt_fb_view *out, lt_error *e)
{
	int rc;

	memset(out, 0, sizeof(*out));
	rc = lt_app_fb_message(db, who, id, a, &out->f, e);
	return rc ? rc : view_of(db, who, reveal, a, out, e);
}

/* ---------- summary and the form's link ---------- */

int lt_app_feedback_summary(lt_db *db, const lt_actor *who, const lt_fb_summary_in *in,
			    lt_arena *a, lt_fb_summary *out, lt_error *e)
{
	int64_t unit = in->unit_id ? in->unit_id : who->unit_id, t0 = 0, t1 = INT64_MAX;
	lt_unit u;
	int rc = lt_actor_need_role(who, LT_ROLE_CADRE, e);

	memset(out, 0, sizeof(*out));
	if (!rc && !unit)
		rc = lt_error_set(e, LT_EINVAL, "unit_id", "Cần chọn đơn vị", "A unit is required");
	if (!rc)
		rc = lt_app_fb_unit(db, who, unit, "unit_id", a, &u, e);
	if (!rc && in->from && *in->from)
		rc = lt_feedback_day_start(in->from, &t0, "from", e);
	if (!rc && in->to && *in->to) {
		rc = lt_feedback_day_start(in->to, &t1, "to", e);
		t1 += 86400; /* inclusive */
	}
	if (!rc)
		rc = lt_feedback_summary_read(db, unit, t0, t1,
					      in->top > 0 && in->top <= 100 ? in->top : 10, a, out, e);
	if (rc)
		return rc;
	out->from = in->from && *in->from ? lt_arena_strdup(a, in->from) : NULL;
	out->to = in->to && *in->to ? lt_arena_strdup(a, in->to) : NULL;
	return 0;
}

int lt_app_feedback_form_link(lt_db *db, const lt_actor *who, int64_t unit_id, const char *host,
			      bool https, lt_arena *a, lt_unit *u, const char **url, lt_error *e)
{
	const char *cfg = lt_feedback_config_get()->public_url, *base;
	int rc = lt_actor_need_role(who, LT_ROLE_CADRE, e);

	*url = NULL;
	if (!rc)
		rc = lt_app_fb_unit(db, who, unit_id, "id", a, u, e);
	if (rc)
		return rc;
	/* The configured public address, else the one the request came to. */
	if (!host || !*host || strlen(host) > 200 || strpbrk(host, " /\\\"<>"))
		host = "localhost";
	base = cfg[0] ? cfg : lt_arena_printf(a, "%s://%s", https ? "https" : "http", host);
	*url = base ? lt_arena_printf(a, "%s/f/%" PRId64, base, u->id) : NULL;
	return *url ? 0 : lt_app_fb_nomem(e);
}
