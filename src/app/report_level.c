/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* report_level.c — approval by level; see report_level.h. */
#include "app/report_level.h"

#include <string.h>

#include "app/report_int.h"

static int64_t total(const lt_report_state_counts *c)
{
	return c->none + c->draft + c->submitted + c->returned + c->accepted;
}

int lt_app_report_level(lt_db *db, const lt_actor *who, const lt_report_ref *ref, lt_arena *a,
			lt_report_level *out, lt_error *e)
{
	lt_unit u;
	lt_report r;
	int rc = lt_app_report_look(db, who, ref, a, &u, &r, e);

	memset(out, 0, sizeof(*out));
	if (!rc)
		rc = lt_report_level_counts(db, ref->directive, u.id, u.path, &out->kids,
					    &out->subtree, e);
	if (rc)
		return rc;
	out->has = total(&out->kids) > 0;
	if (r.status && !strcmp(r.status, "accepted"))
		out->readiness = "accepted";
	else if (out->kids.accepted < total(&out->kids))
		out->readiness = "waiting_lower";
	else
		out->readiness = "ready";
	return 0;
}

int lt_app_report_children(lt_db *db, const lt_actor *who, const lt_report_ref *ref,
			   const lt_page *pg, lt_arena *a, lt_report_state **items, size_t *n,
			   const char **next, lt_error *e)
{
	lt_unit u;
	int64_t after = 0;
	int max = 0;
	int rc = lt_app_report_target(db, who, ref, a, &u, e);

	*items = NULL;
	*n = 0;
	*next = NULL;
	if (!rc)
		rc = lt_page_cursor_id(pg, &after, &max, e);
	if (!rc)
		rc = lt_report_child_states(db, ref->directive, u.id, after, max, a, items, n, e);
	if (!rc) {
		/* When a row more than the page came, the last kept is row limit - 1. */
		size_t last = *n > (size_t)pg->limit ? (size_t)pg->limit - 1 : *n - 1;
		rc = lt_page_next_id(pg, n, *n ? (*items)[last].unit_id : 0, a, next, e);
	}
	return rc;
}

static json_t *counts_json(const lt_report_state_counts *c)
{
	return json_pack("{s:I,s:I,s:I,s:I,s:I,s:I}", "none", (json_int_t)c->none, "draft",
			 (json_int_t)c->draft, "submitted", (json_int_t)c->submitted, "returned",
			 (json_int_t)c->returned, "accepted", (json_int_t)c->accepted, "total",
			 (json_int_t)total(c));
}

json_t *lt_app_report_level_json(const lt_report_level *l)
{
	if (!l->has)
		return json_null();
	return json_pack("{s:s,s:o,s:o}", "readiness", l->readiness, "children",
			 counts_json(&l->kids), "subtree", counts_json(&l->subtree));
}

json_t *lt_app_report_children_json(const lt_report_state *v, size_t n, const char *next)
{
	json_t *arr = json_array();

	for (size_t i = 0; arr && i < n; i++)
		json_array_append_new(arr, json_pack("{s:I,s:s,s:s,s:s}", "unit_id",
						     (json_int_t)v[i].unit_id, "code", v[i].code,
						     "name", v[i].name, "status", v[i].status));
	return json_pack("{s:o,s:s?}", "items", arr ? arr : json_array(), "next_cursor", next);
}
