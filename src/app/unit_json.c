/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* unit_json.c — the union tree's API documents, shared by HTTP and `--json`; see unit.h. */
#include "app/unit.h"
#include "core/page.h"
#include "text/json_write.h"

/* One unit's document, written once here for the list page and the trees below. */
static void unit_write(lt_jw *w, const lt_actor *who, const lt_unit *u)
{
	bool full = lt_actor_reads(who, u->path);

	lt_jw_open(w, '{');
	lt_jw_kint(w, "id", u->id);
	lt_jw_kstr(w, "code", u->code);
	lt_jw_kstr(w, "name", u->name);
	lt_jw_kstr(w, "level", u->level);
	lt_jw_kint_or_null(w, "parent_id", u->parent_id, !u->parent_id);
	lt_jw_kbool(w, "active", u->active_to == NULL);
	lt_jw_kbool(w, "in_scope", full);
	if (full) {
		lt_jw_kstr(w, "email", u->email);
		lt_jw_kint(w, "members", u->members);
		lt_jw_kstr(w, "active_from", u->active_from);
		lt_jw_kstr(w, "active_to", u->active_to);
		lt_jw_kint(w, "child_count", u->child_count);
		if (u->merged_into)
			lt_jw_kint(w, "merged_into", u->merged_into);
	}
	lt_jw_close(w, '}');
}

static void units_write(lt_jw *w, const lt_actor *who, const lt_unit *items, size_t n)
{
	lt_jw_open(w, '[');
	for (size_t i = 0; i < n; i++)
		unit_write(w, who, &items[i]);
	lt_jw_close(w, ']');
}

json_t *lt_app_unit_json(const lt_actor *who, const lt_unit *u)
{
	lt_jw w;

	lt_jw_init(&w, NULL);
	unit_write(&w, who, u);
	return lt_jw_tree(&w);
}

json_t *lt_app_unit_doc_json(const lt_actor *who, const lt_unit *u)
{
	return json_pack("{s:o}", "unit", lt_app_unit_json(who, u));
}

static json_t *unit_array(const lt_actor *who, const lt_unit *items, size_t n)
{
	lt_jw w;

	lt_jw_init(&w, NULL);
	units_write(&w, who, items, n);
	return lt_jw_tree(&w);
}

json_t *lt_app_units_json(const lt_actor *who, const lt_unit *items, size_t n)
{
	return json_pack("{s:o,s:I}", "items", unit_array(who, items, n), "total", (json_int_t)n);
}

int lt_app_units_page_write(const lt_actor *who, const lt_unit *items, size_t n, int limit,
			    lt_arena *a, lt_buf *out, lt_error *e)
{
	bool more = n > (size_t)limit;
	const char *next = more ? lt_page_cursor(a, items[limit - 1].path) : NULL;
	lt_jw w;

	if (more && !next)
		return lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	lt_jw_init(&w, out);
	lt_jw_open(&w, '{');
	lt_jw_key(&w, "items");
	units_write(&w, who, items, more ? (size_t)limit : n);
	lt_jw_kint(&w, "total", (int64_t)(more ? (size_t)limit : n));
	lt_jw_kstr(&w, "next_cursor", next);
	lt_jw_close(&w, '}');
	return lt_jw_end(&w, e);
}

json_t *lt_app_unit_page_json(const lt_actor *who, const lt_unit_page *p)
{
	json_t *j = lt_app_unit_json(who, &p->unit), *aj = json_array();

	/* Ancestors and children carry only public fields outside the actor's subtree. */
	for (size_t i = 0; i < p->nancestors; i++)
		json_array_append_new(aj, json_pack("{s:I,s:s,s:s}", "id",
						    (json_int_t)p->ancestors[i].id, "code",
						    p->ancestors[i].code, "name", p->ancestors[i].name));
	json_object_set_new(j, "ancestors", aj);
	return json_pack("{s:o,s:o,s:o}", "unit", j, "children",
			 unit_array(who, p->children, p->nchildren), "children_next_cursor",
			 p->children_next_cursor ? json_string(p->children_next_cursor) : json_null());
}

json_t *lt_app_unit_history_json(const lt_unit_version *v, size_t n)
{
	json_t *arr = json_array();

	for (size_t i = 0; i < n; i++) {
		json_t *o = json_pack("{s:s,s:s,s:s,s:s}", "name", v[i].name, "path", v[i].path,
				      "valid_from", v[i].valid_from, "change", v[i].change);
		json_object_set_new(o, "parent_id",
				    v[i].parent_id ? json_integer(v[i].parent_id) : json_null());
		json_object_set_new(o, "valid_to",
				    v[i].valid_to ? json_string(v[i].valid_to) : json_null());
		json_array_append_new(arr, o);
	}
	return json_pack("{s:o}", "items", arr);
}

json_t *lt_app_unit_history_page_json(const lt_unit_version *v, size_t n, int limit, lt_arena *a)
{
	bool more = n > (size_t)limit;
	const lt_unit_version *last = more ? &v[limit - 1] : NULL;
	json_t *j = lt_app_unit_history_json(v, more ? (size_t)limit : n);
	const char *key = last ? lt_arena_printf(a, "%s|%lld", last->valid_from ? last->valid_from : "",
						 (long long)last->id)
			       : NULL;
	const char *next = key ? lt_page_cursor(a, key) : NULL;

	json_object_set_new(j, "next_cursor", next ? json_string(next) : json_null());
	return j;
}

json_t *lt_app_levels_json(const lt_level *items, size_t n)
{
	json_t *arr = json_array();

	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, json_pack("{s:s,s:s,s:s,s:b}", "code", items[i].code,
						     "name_vi", items[i].name_vi, "name_en",
						     items[i].name_en, "grassroots",
						     (int)items[i].grassroots));
	return json_pack("{s:o}", "items", arr);
}
