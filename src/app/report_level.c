/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* report_level.c — approval by level; see report_level.h. */
#include "app/report_level.h"

#include <string.h>

#include "app/report_int.h"

static int64_t total(const lt_report_state_counts *c)
{
	return c->none + c->draft + c->submitted + c->returned + c->accepted;
}

static void tally(lt_report_state_counts *c, const char *s)
{
	if (!strcmp(s, "submitted"))
		c->submitted++;
	else if (!strcmp(s, "returned"))
		c->returned++;
	else if (!strcmp(s, "accepted"))
		c->accepted++;
	else if (!strcmp(s, "draft"))
		c->draft++;
	else
		c->none++;
}

/*
 * The counts of u's level: its recipient children (direct children that are
 * recipients or hold recipients) by their own report's state into *kids, the
 * recipients strictly under it by state into *sub. The subtree's counts are
 * kept (store/report_level.h); the children are an index walk of u's.
 */
static int level_counts(lt_db *db, int64_t directive, const lt_unit *u, lt_arena *a,
			lt_report_state_counts *kids, size_t *nkids, lt_report_state_counts *sub,
			lt_error *e)
{
	int64_t k[LT_REPORT_STATES];
	lt_report_state *v = NULL;
	int rc = lt_report_state_kept(db, directive, u->id, k, e);

	memset(kids, 0, sizeof(*kids));
	memset(sub, 0, sizeof(*sub));
	*nkids = 0;
	if (!rc)
		rc = lt_report_level_children(db, directive, u->id, 0, 0, a, &v, nkids, e);
	if (rc)
		return rc;
	*sub = (lt_report_state_counts){ k[0], k[1], k[2], k[3], k[4] };
	for (size_t i = 0; i < *nkids; i++)
		tally(kids, v[i].status);
	return 0;
}

int lt_app_report_level(lt_db *db, const lt_actor *who, const lt_report_ref *ref, lt_arena *a,
			lt_report_level *out, lt_error *e)
{
	lt_unit u;
	lt_report r;
	size_t n = 0;
	int rc = lt_app_report_look(db, who, ref, a, &u, &r, e);

	memset(out, 0, sizeof(*out));
	if (!rc)
		rc = level_counts(db, ref->directive, &u, a, &out->kids, &n, &out->subtree, e);
	if (rc)
		return rc;
	out->has = n > 0;
	if (r.status && !strcmp(r.status, "accepted"))
		out->readiness = "accepted";
	else if (out->kids.accepted < total(&out->kids))
		out->readiness = "waiting_lower";
	else
		out->readiness = "ready";
	return 0;
}

int lt_app_report_children(lt_db *db, const lt_actor *who, const lt_report_ref *ref,
			   const lt_page *pg, lt_arena *a, lt_report_child **items, size_t *n,
			   const char **next, lt_error *e)
{
	lt_unit u, k;
	lt_report_state *rows = NULL;
	lt_report_child *v = NULL;
	int64_t after = 0;
	int max = 0;
	int rc = lt_app_report_target(db, who, ref, a, &u, e);

	*items = NULL;
	*n = 0;
	*next = NULL;
	if (!rc)
		rc = lt_page_cursor_id(pg, &after, &max, e);
	/* One page of the children (and the row that tells a next page exists). */
	if (!rc)
		rc = lt_report_level_children(db, ref->directive, u.id, after, max, a, &rows, n, e);
	if (!rc && *n && !(v = lt_arena_alloc(a, *n * sizeof(*v))))
		rc = lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	for (size_t i = 0; !rc && i < *n; i++) {
		rc = lt_unit_get(db, rows[i].unit_id, a, &k, e);
		if (!rc)
			v[i] = (lt_report_child){ .unit_id = rows[i].unit_id, .code = k.code,
						  .name = k.name, .status = rows[i].status };
	}
	if (!rc) {
		/* When a row more than the page came, the last kept is row limit - 1. */
		size_t last = *n > (size_t)pg->limit ? (size_t)pg->limit - 1 : *n - 1;
		*items = v;
		rc = lt_page_next_id(pg, n, *n ? v[last].unit_id : 0, a, next, e);
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

json_t *lt_app_report_children_json(const lt_report_child *v, size_t n, const char *next)
{
	json_t *arr = json_array();

	for (size_t i = 0; arr && i < n; i++)
		json_array_append_new(arr, json_pack("{s:I,s:s,s:s,s:s}", "unit_id",
						     (json_int_t)v[i].unit_id, "code", v[i].code,
						     "name", v[i].name, "status", v[i].status));
	return json_pack("{s:o,s:s?}", "items", arr ? arr : json_array(), "next_cursor", next);
}
