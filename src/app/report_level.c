/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* report_level.c — approval by level; see report_level.h. */
#include "app/report_level.h"

#include <stdlib.h>
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

static int by_id(const void *x, const void *y)
{
	int64_t a = ((const lt_report_child *)x)->unit_id, b = ((const lt_report_child *)y)->unit_id;
	return (a > b) - (a < b);
}

static int state_by_id(const void *key, const void *x)
{
	int64_t a = *(const int64_t *)key, b = ((const lt_report_state *)x)->unit_id;
	return (a > b) - (a < b);
}

/*
 * The children of u under the deadline tree (direct children that are
 * recipients or hold recipients), by unit id, with their own report's
 * state, into *kids; the recipients strictly under u by state into *sub.
 * One pass over the directive's recipients under u, ordered by path.
 */
static int level_load(lt_db *db, int64_t directive, const lt_unit *u, lt_arena *a,
		      lt_report_child **kids, size_t *nkids, lt_report_state_counts *sub,
		      lt_error *e)
{
	lt_report_state *under = NULL, *own = NULL;
	size_t nunder = 0, nown = 0, plen = strlen(u->path);
	lt_report_child *v = NULL;
	int rc = lt_report_states_under(db, directive, u->path, a, &under, &nunder, e);

	*kids = NULL;
	*nkids = 0;
	memset(sub, 0, sizeof(*sub));
	if (!rc)
		rc = lt_report_child_reports(db, directive, u->id, a, &own, &nown, e);
	if (!rc && nunder && !(v = lt_arena_alloc(a, nunder * sizeof(*v))))
		rc = lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	for (size_t i = 0; !rc && i < nunder; i++) {
		/* Path order: the rows under one child come together. */
		int64_t kid = strtoll(under[i].path + plen, NULL, 10);
		tally(sub, under[i].status);
		if (*nkids && v[*nkids - 1].unit_id == kid)
			continue;
		v[*nkids] = (lt_report_child){ .unit_id = kid, .status = "none" };
		(*nkids)++;
	}
	if (rc)
		return rc;
	if (*nkids) /* qsort and bsearch take no NULL array, even empty */
		qsort(v, *nkids, sizeof(*v), by_id);
	for (size_t i = 0; nown && i < *nkids; i++) {
		const lt_report_state *s = bsearch(&v[i].unit_id, own, nown, sizeof(*own), state_by_id);
		if (s)
			v[i].status = s->status;
	}
	*kids = v;
	return 0;
}

int lt_app_report_level(lt_db *db, const lt_actor *who, const lt_report_ref *ref, lt_arena *a,
			lt_report_level *out, lt_error *e)
{
	lt_unit u;
	lt_report r;
	lt_report_child *kids = NULL;
	size_t n = 0;
	int rc = lt_app_report_look(db, who, ref, a, &u, &r, e);

	memset(out, 0, sizeof(*out));
	if (!rc)
		rc = level_load(db, ref->directive, &u, a, &kids, &n, &out->subtree, e);
	if (rc)
		return rc;
	for (size_t i = 0; i < n; i++)
		tally(&out->kids, kids[i].status);
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
	lt_report_state_counts sub;
	lt_report_child *kids = NULL;
	size_t nkids = 0, from = 0;
	int64_t after = 0;
	int max = 0;
	int rc = lt_app_report_target(db, who, ref, a, &u, e);

	*items = NULL;
	*n = 0;
	*next = NULL;
	if (!rc)
		rc = lt_page_cursor_id(pg, &after, &max, e);
	if (!rc)
		rc = level_load(db, ref->directive, &u, a, &kids, &nkids, &sub, e);
	if (rc)
		return rc;
	while (from < nkids && kids[from].unit_id <= after)
		from++;
	*items = kids + from;
	*n = nkids - from < (size_t)max ? nkids - from : (size_t)max;
	/* Names for the page only (at most 500 rows). */
	for (size_t i = 0; !rc && i < *n; i++) {
		rc = lt_unit_get(db, (*items)[i].unit_id, a, &k, e);
		if (!rc) {
			(*items)[i].code = k.code;
			(*items)[i].name = k.name;
		}
	}
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

json_t *lt_app_report_children_json(const lt_report_child *v, size_t n, const char *next)
{
	json_t *arr = json_array();

	for (size_t i = 0; arr && i < n; i++)
		json_array_append_new(arr, json_pack("{s:I,s:s,s:s,s:s}", "unit_id",
						     (json_int_t)v[i].unit_id, "code", v[i].code,
						     "name", v[i].name, "status", v[i].status));
	return json_pack("{s:o,s:s?}", "items", arr ? arr : json_array(), "next_cursor", next);
}
