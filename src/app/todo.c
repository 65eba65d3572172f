/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* todo.c — the signed-in user's to-do list; see todo.h. */
#include "app/todo.h"

#include <string.h>

#include "core/clock.h"

static const char *const kind_names[LT_TODO_KINDS] = {
	"report_fix", "report_write", "directive_ack", "report_review", "feedback_triage",
	"units_remind",
};

const char *lt_app_todo_kind_name(lt_todo_kind k)
{
	return k < LT_TODO_KINDS ? kind_names[k] : "";
}

static int check_in(const lt_todo_in *in, int *only, lt_error *e)
{
	*only = -1;
	if (in->kind && *in->kind) {
		for (int k = 0; k < LT_TODO_KINDS; k++)
			if (!strcmp(in->kind, kind_names[k]))
				*only = k;
		if (*only < 0)
			return lt_error_set(e, LT_EINVAL, "kind",
					    "kind phải là report_fix, report_write, directive_ack,"
					    " report_review, feedback_triage hoặc units_remind",
					    "kind must be report_fix, report_write, directive_ack,"
					    " report_review, feedback_triage or units_remind");
	}
	if (in->limit < 1 || in->limit > LT_TODO_LIMIT_MAX)
		return lt_error_set(e, LT_EINVAL, "limit", "limit phải từ 1 đến %d",
				    "limit must be 1 to %d", LT_TODO_LIMIT_MAX);
	if (in->offset < 0 || in->offset > 100000)
		return lt_error_set(e, LT_EINVAL, "offset", "offset phải từ 0 đến 100000",
				    "offset must be 0 to 100000");
	return 0;
}

int lt_app_todo_list(lt_db *db, const lt_actor *who, const lt_todo_in *in, lt_arena *a,
		     lt_todo_page *out, lt_error *e)
{
	lt_todo_query q = { 0 };
	lt_todo_row *rows = NULL;
	size_t n = 0;
	int rc = lt_actor_need_role(who, LT_ROLE_CADRE, e);

	memset(out, 0, sizeof(*out));
	if (!rc)
		rc = check_in(in, &q.only, e);
	if (!rc && (!who->unit_id || !who->unit_path))
		rc = lt_error_set(e, LT_EINVAL, "unit_id",
				  "Danh sách việc cần làm là của một người dùng có đơn vị",
				  "A to-do list belongs to a user with a unit");
	if (rc)
		return rc;
	lt_today(out->today);
	q.unit_id = who->unit_id;
	q.unit_path = who->unit_path;
	q.reviewer = who->role >= LT_ROLE_OFFICER;
	q.now = lt_now();
	q.today = out->today;
	q.max = LT_TODO_KIND_MAX;
	rc = lt_todo_collect(db, &q, a, &rows, &n, out->more, e);
	if (rc)
		return rc;
	out->limit = in->limit;
	out->offset = in->offset;
	out->total = n;
	for (size_t i = 0; i < n; i++)
		out->counts[rows[i].kind]++;
	if ((size_t)out->offset < n) {
		out->rows = rows + out->offset;
		out->n = n - (size_t)out->offset;
		if (out->n > (size_t)out->limit)
			out->n = (size_t)out->limit;
	}
	return 0;
}

/* "42/LĐLĐ — Tổ chức Tết Sum vầy" (either part may be missing). */
static char *directive_title(const lt_todo_row *r, char *buf, size_t n)
{
	if (r->number && r->subject)
		snprintf(buf, n, "%s — %s", r->number, r->subject);
	else
		snprintf(buf, n, "%s", r->number ? r->number : r->subject ? r->subject : "");
	return buf;
}

/* Days from today to the ISO day, or to the day of an epoch; no due: null. */
static json_t *days_left(const lt_todo_row *r, const char *today)
{
	int64_t d, t;

	if (lt_iso_day(today, &t))
		return json_null();
	if (r->due && !lt_iso_day(r->due, &d))
		return json_integer(d - t);
	if (r->due_at)
		return json_integer(lt_vn_day(r->due_at) - t);
	return json_null();
}

static json_t *item_json(const lt_todo_row *r, const char *today)
{
	char title[1024], url[160], due[11] = "";
	json_t *o;

	switch (r->kind) {
	case LT_TODO_REPORT_REVIEW:
		snprintf(title, sizeof(title), "%s — %s", r->unit_name ? r->unit_name : "",
			 r->number ? r->number : r->subject ? r->subject : "");
		break;
	case LT_TODO_FEEDBACK_TRIAGE:
		snprintf(title, sizeof(title), "%s", r->note ? r->note : "");
		break;
	default:
		directive_title(r, title, sizeof(title));
	}
	switch (r->kind) {
	case LT_TODO_REPORT_FIX:
	case LT_TODO_REPORT_WRITE:
	case LT_TODO_REPORT_REVIEW:
		snprintf(url, sizeof(url), "/#/directives/%lld/units/%lld/report",
			 (long long)r->directive_id, (long long)r->unit_id);
		break;
	case LT_TODO_FEEDBACK_TRIAGE:
		snprintf(url, sizeof(url), "/#/feedback/%lld", (long long)r->ref_id);
		break;
	case LT_TODO_UNITS_REMIND:
		snprintf(url, sizeof(url), "/#/directives/%lld/dashboard", (long long)r->directive_id);
		break;
	default:
		snprintf(url, sizeof(url), "/#/directives/%lld", (long long)r->directive_id);
	}
	if (r->due)
		snprintf(due, sizeof(due), "%s", r->due);
	else if (r->due_at)
		lt_vn_date(r->due_at, due);
	o = json_pack("{s:s,s:s,s:s}", "kind", lt_app_todo_kind_name(r->kind), "title", title,
		      "url", url);
	if (!o)
		return NULL;
	json_object_set_new(o, "due", *due ? json_string(due) : json_null());
	json_object_set_new(o, "days_left", days_left(r, today));
	json_object_set_new(o, "directive",
			    r->directive_id ? json_pack("{s:I,s:s?,s:s?}", "id",
							(json_int_t)r->directive_id, "number",
							r->number, "subject", r->subject)
					    : json_null());
	json_object_set_new(o, "unit",
			    r->unit_id ? json_pack("{s:I,s:s?}", "id", (json_int_t)r->unit_id,
						   "name", r->unit_name)
				       : json_null());
	json_object_set_new(o, "status", r->status ? json_string(r->status) : json_null());
	json_object_set_new(o, "note", r->note ? json_string(r->note) : json_null());
	json_object_set_new(o, "at", r->at ? json_integer(r->at) : json_null());
	if (r->kind == LT_TODO_FEEDBACK_TRIAGE)
		json_object_set_new(o, "feedback_id", json_integer(r->ref_id));
	if (r->kind == LT_TODO_UNITS_REMIND)
		json_object_set_new(o, "count", json_integer(r->count));
	return o;
}

json_t *lt_app_todo_json(const lt_todo_page *p)
{
	json_t *items = json_array(), *counts = json_object();
	int truncated = 0;

	for (size_t i = 0; i < p->n; i++)
		json_array_append_new(items, item_json(&p->rows[i], p->today));
	for (int k = 0; k < LT_TODO_KINDS; k++) {
		json_object_set_new(counts, kind_names[k], json_integer((json_int_t)p->counts[k]));
		truncated |= p->more[k];
	}
	return json_pack("{s:o,s:I,s:I,s:I,s:o,s:b,s:s}", "items", items, "total",
			 (json_int_t)p->total, "limit", (json_int_t)p->limit, "offset",
			 (json_int_t)p->offset, "counts", counts, "truncated", truncated, "today",
			 p->today);
}
