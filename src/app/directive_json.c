/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* directive_json.c — directives as the API and `--json` show them; see directive.h. */
#include "app/directive.h"
#include "app/indicator_catalog.h"
#include "core/page.h"

/* A Unix time, or null when not yet. */
static json_t *when(int64_t t)
{
	return t ? json_integer(t) : json_null();
}

/* {received_at, opened_at, acknowledged_at, state} */
static json_t *receipt_json(const lt_receipt *r)
{
	return json_pack("{s:I,s:o,s:o,s:s}", "received_at", (json_int_t)r->received_at,
			 "opened_at", when(r->opened_at), "acknowledged_at",
			 when(r->acknowledged_at), "state",
			 lt_receipt_state(r->opened_at, r->acknowledged_at));
}

static json_t *counts_json(const lt_receipt_counts *c, bool pending)
{
	json_t *j = json_pack("{s:I,s:I,s:I}", "recipients", (json_int_t)c->recipients, "opened",
			      (json_int_t)c->opened, "acknowledged", (json_int_t)c->acknowledged);

	if (pending)
		json_object_set_new(j, "pending", json_integer(c->pending));
	return j;
}

static json_t *issuer_json(int64_t id, const char *name)
{
	return json_pack("{s:I,s:s?}", "id", (json_int_t)id, "name", name);
}

json_t *lt_app_directive_themes_json(const lt_directive_theme *t, size_t n)
{
	json_t *arr = json_array();

	for (size_t i = 0; i < n; i++) {
		json_t *items = json_loads(t[i].items ? t[i].items : "[]", 0, NULL);
		json_array_append_new(arr, json_pack("{s:I,s:I,s:s?,s:o}", "id", (json_int_t)t[i].id,
						     "pos", (json_int_t)t[i].pos, "title",
						     t[i].title, "items",
						     items ? items : json_array()));
	}
	return arr;
}

json_t *lt_app_directive_view_json(const lt_directive_view *v)
{
	const lt_directive_meta *m = &v->meta;
	json_t *j = json_deep_copy(v->doc), *out;

	json_object_set_new(j, "id", json_integer(m->id));
	json_object_set_new(j, "status", json_string(m->status));
	json_object_set_new(j, "kind", json_string(m->kind));
	json_object_set_new(j, "issuer", json_pack("{s:I,s:s,s:s}", "id", (json_int_t)m->issuer_id,
						   "code", m->issuer_code, "name", m->issuer_name));
	json_object_set_new(j, "amends_id", m->amends_id ? json_integer(m->amends_id) : json_null());
	json_object_set_new(j, "implements_id",
			    m->implements_id ? json_integer(m->implements_id) : json_null());
	json_object_set_new(j, "issued_at", when(m->issued_at));
	out = json_pack("{s:o,s:o,s:o,s:s}", "directive", j, "themes",
			lt_app_directive_themes_json(v->themes, v->nthemes), "receipt",
			v->has_receipt ? receipt_json(&v->receipt) : json_null(), "access",
			v->access == LT_DIR_ISSUER ? "issuer" : "reader");
	if (v->has_counts)
		json_object_set_new(out, "counts", counts_json(&v->counts, true));
	/* The figures asked for with their labels: a letter shows these, never the codes. */
	{
		json_t *inds = json_array();
		for (size_t i = 0; inds && i < v->nindicators; i++)
			json_array_append_new(inds, lt_app_indicator_json(&v->indicators[i]));
		json_object_set_new(out, "indicators", inds ? inds : json_array());
	}
	return out;
}

json_t *lt_app_directive_list_json(const lt_directive_summary *items, size_t n, bool inbox)
{
	json_t *arr = json_array();

	for (size_t i = 0; i < n; i++) {
		const lt_directive_summary *s = &items[i];
		json_t *o = json_pack("{s:I,s:s?,s:s?,s:s?,s:s,s:s,s:s?,s:o}", "id", (json_int_t)s->id,
				      "number", s->number, "date", s->date, "subject", s->subject,
				      "status", s->status, "kind", s->kind, "report_deadline",
				      s->report_deadline, "issuer",
				      issuer_json(s->issuer_id, s->issuer_name));
		if (inbox)
			json_object_set_new(o, "receipt", receipt_json(&s->receipt));
		else
			json_object_set_new(o, "counts", counts_json(&s->counts, false));
		json_array_append_new(arr, o);
	}
	return json_pack("{s:o,s:I}", "items", arr, "total", (json_int_t)n);
}

json_t *lt_app_directive_list_page_json(const lt_directive_summary *items, size_t n, bool inbox,
					int limit, lt_arena *a)
{
	bool more = n > (size_t)limit;
	const lt_directive_summary *last = more ? &items[limit - 1] : NULL;
	json_t *j = lt_app_directive_list_json(items, more ? (size_t)limit : n, inbox);
	const char *key = !last ? NULL
			  : inbox ? lt_arena_printf(a, "%lld|%lld", (long long)last->receipt.received_at,
						    (long long)last->id)
				  : lt_arena_printf(a, "%s|%s|%lld", last->status,
						    last->date ? last->date : "", (long long)last->id);
	const char *next = key ? lt_page_cursor(a, key) : NULL;

	json_object_set_new(j, "next_cursor", next ? json_string(next) : json_null());
	return j;
}

json_t *lt_app_directive_receipts_json(const lt_receipt *items, size_t n,
				       const lt_receipt_counts *c)
{
	json_t *arr = json_array();

	for (size_t i = 0; i < n; i++) {
		json_t *o = receipt_json(&items[i]);
		json_object_set_new(o, "unit", json_pack("{s:I,s:s?,s:s?}", "id",
							 (json_int_t)items[i].unit_id, "code",
							 items[i].unit_code, "name",
							 items[i].unit_name));
		json_array_append_new(arr, o);
	}
	return json_pack("{s:o,s:o}", "items", arr, "counts", counts_json(c, true));
}

json_t *lt_app_directive_receipts_page_json(const lt_receipt *items, size_t n,
					    const lt_receipt_counts *c, int limit, lt_arena *a)
{
	bool more = n > (size_t)limit;
	json_t *j = lt_app_directive_receipts_json(items, more ? (size_t)limit : n, c);
	const char *next = more ? lt_page_cursor(a, items[limit - 1].unit_path) : NULL;

	json_object_set_new(j, "next_cursor", next ? json_string(next) : json_null());
	return j;
}

/* {id, number, date, subject, status, issuer} (and implements_id going down). */
static json_t *chain_rows(const lt_directive_summary *s, size_t n, bool down)
{
	json_t *arr = json_array();

	for (size_t i = 0; i < n; i++) {
		json_t *o = json_pack("{s:I,s:s?,s:s?,s:s?,s:s,s:o}", "id", (json_int_t)s[i].id,
				      "number", s[i].number, "date", s[i].date, "subject",
				      s[i].subject, "status", s[i].status, "issuer",
				      issuer_json(s[i].issuer_id, s[i].issuer_name));
		if (down)
			json_object_set_new(o, "implements_id", json_integer(s[i].implements_id));
		json_array_append_new(arr, o);
	}
	return arr;
}

json_t *lt_app_directive_chain_json(const lt_directive_chain *c)
{
	json_t *self = json_pack("{s:I,s:o}", "id", (json_int_t)c->meta.id, "issuer",
				 issuer_json(c->meta.issuer_id, c->meta.issuer_name));

	return json_pack("{s:o,s:o,s:o}", "up", chain_rows(c->up, c->nup, false), "self", self,
			 "down", chain_rows(c->down, c->ndown, true));
}
