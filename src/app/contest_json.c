/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* contest_json.c — the JSON documents of contests, entries and link kits; see activity_json.h. */
#include "app/activity_json.h"

#include <string.h>

/* A contest as an object (NULL when out of memory). */
static json_t *contest_obj(const lt_contest_row *c, int issuer_side)
{
	json_t *o = json_pack("{s:I,s:s?,s:o,s:o,s:I,s:o}", "id", (json_int_t)c->id, "name", c->name,
			      "hashtag", lt_app_json_str(c->hashtag), "issuer",
			      lt_app_json_unit(&c->issuer, true), "entries", (json_int_t)c->entries,
			      "directive_id",
			      c->directive_id ? json_integer(c->directive_id) : json_null());
	json_t *kinds = json_array();
	bool w = !c->kinds || strstr(c->kinds, "writing"), v = !c->kinds || strstr(c->kinds, "video");
	int bad = !kinds;

	if (w)
		bad |= lt_app_json_push(kinds, json_string("writing"));
	if (v)
		bad |= lt_app_json_push(kinds, json_string("video"));
	/* The officer's fields: rules, the entry period, the prize and the kinds it takes. */
	bad |= lt_app_json_put(o, "rules", lt_app_json_str(c->rules));
	bad |= lt_app_json_put(o, "starts_on", lt_app_json_str(c->starts_on));
	bad |= lt_app_json_put(o, "ends_on", lt_app_json_str(c->ends_on));
	bad |= lt_app_json_put(o, "prize", lt_app_json_str(c->prize));
	bad |= lt_app_json_put(o, "kinds", kinds);
	if (bad) {
		json_decref(o);
		return NULL;
	}
	if (o && issuer_side >= 0 && lt_app_json_put(o, "issuer_side", json_boolean(issuer_side))) {
		json_decref(o);
		return NULL;
	}
	return o;
}

int lt_app_contest_json(const lt_contest_row *c, int issuer_side, json_t **out, lt_error *e)
{
	return lt_app_json_done(contest_obj(c, issuer_side), 0, out, e);
}

int lt_app_contests_json(const lt_contest_row *v, size_t n, json_t **out, lt_error *e)
{
	json_t *arr = json_array();
	int bad = !arr;

	for (size_t i = 0; !bad && i < n; i++)
		bad |= lt_app_json_push(arr, contest_obj(&v[i], -1));
	return lt_app_json_done(json_pack("{s:o}", "items", arr), bad, out, e);
}

int lt_app_entries_json(const lt_app_entries *x, json_t **out, lt_error *e)
{
	json_t *items = json_array(), *bycat = json_object(), *units = json_array(), *o;
	int bad = !items || !bycat || !units;

	for (size_t i = 0; !bad && i < x->n; i++) {
		const lt_contest_entry_row *r = &x->v[i];
		bad |= lt_app_json_push(
			items, json_pack("{s:I,s:s?,s:s?,s:s?,s:s?,s:s?,s:o,s:s?,s:o,s:o,s:I}", "id",
					 (json_int_t)r->id, "member_name", r->member_name, "category",
					 r->category, "platform", r->platform, "url", r->url,
					 "url_canonical", r->url_canonical, "hashtag",
					 lt_app_json_str(r->hashtag), "posted_on", r->posted_on,
					 "views", lt_app_json_count(r->views), "unit",
					 lt_app_json_unit(&r->unit, false), "created_at",
					 (json_int_t)r->created_at));
	}
	if (x->has_writing)
		bad |= lt_app_json_put(bycat, "writing", json_integer(x->writing));
	if (x->has_video)
		bad |= lt_app_json_put(bycat, "video", json_integer(x->video));
	for (size_t i = 0; !bad && i < x->nunits; i++) {
		const lt_app_entry_count *c = &x->by_unit[i];
		bad |= lt_app_json_push(units, json_pack("{s:o,s:I,s:I,s:I,s:I}", "unit",
							 lt_app_json_unit(&c->unit, false),
							 "writing", (json_int_t)c->writing,
							 "video", (json_int_t)c->video, "total",
							 (json_int_t)c->total, "views",
							 (json_int_t)c->views));
	}
	/* The counts cover every entry; items may be one page of them. */
	o = json_pack("{s:o,s:o,s:{s:I,s:o,s:o},s:o}", "contest", contest_obj(&x->contest, -1),
		      "items", items, "counts", "entries", (json_int_t)(x->writing + x->video),
		      "by_category", bycat, "by_unit", units, "next_cursor",
		      x->next_cursor ? json_string(x->next_cursor) : json_null());
	return lt_app_json_done(o, bad, out, e);
}

int lt_app_entry_added_json(int64_t id, const char *url_canonical, json_t **out, lt_error *e)
{
	return lt_app_json_done(json_pack("{s:I,s:s?}", "id", (json_int_t)id, "url_canonical",
					  url_canonical),
				0, out, e);
}

int lt_app_entry_exists_json(const lt_error *why, bool en, int64_t existing, json_t **out,
			     lt_error *e)
{
	/* The pointer to the entry that holds the link, for the UI to link to. */
	return lt_app_json_done(json_pack("{s:{s:s,s:s,s:s,s:I}}", "error", "code", "exists",
					  "message", lt_error_msg(why, en), "field", "url",
					  "existing_id", (json_int_t)existing),
				0, out, e);
}

/* A link kit as an object (NULL when out of memory). */
static json_t *kit_obj(const lt_linkkit_row *k)
{
	json_t *items = json_array(), *o;
	int bad = !items;

	for (size_t i = 0; !bad && i < k->nitems; i++) {
		const lt_linkkit_item_row *x = &k->items[i];
		bad |= lt_app_json_push(
			items, json_pack("{s:I,s:s?,s:s?,s:s?,s:s?,s:o,s:I,s:I,s:o}", "id",
					 (json_int_t)x->id, "url", x->url, "url_canonical",
					 x->url_canonical, "channel", x->channel, "title", x->title,
					 "source", lt_app_json_str(x->source), "shares",
					 (json_int_t)x->shares, "units_shared",
					 (json_int_t)x->units_shared, "my_share",
					 x->my_share ? json_integer(x->my_share) : json_null()));
	}
	o = json_pack("{s:I,s:s?,s:o,s:o,s:I,s:I,s:o,s:o}", "id", (json_int_t)k->id, "title",
		      k->title, "note", lt_app_json_str(k->note), "issuer",
		      lt_app_json_unit(&k->issuer, true), "directive_id", (json_int_t)k->directive_id,
		      "created_at", (json_int_t)k->created_at, "theme",
		      k->theme_id ? json_pack("{s:I,s:I,s:s?}", "id", (json_int_t)k->theme_id, "pos",
					      (json_int_t)k->theme_pos, "title", k->theme_title)
				  : json_null(),
		      "items", items);
	if (bad) {
		json_decref(o);
		return NULL;
	}
	return o;
}

int lt_app_linkkit_json(const lt_linkkit_row *k, json_t **out, lt_error *e)
{
	return lt_app_json_done(kit_obj(k), 0, out, e);
}

int lt_app_linkkits_json(const lt_linkkit_row *v, size_t n, json_t **out, lt_error *e)
{
	json_t *arr = json_array();
	int bad = !arr;

	for (size_t i = 0; !bad && i < n; i++)
		bad |= lt_app_json_push(arr, kit_obj(&v[i]));
	return lt_app_json_done(json_pack("{s:o}", "items", arr), bad, out, e);
}

int lt_app_kit_shares_json(const lt_app_kit_shares *x, json_t **out, lt_error *e)
{
	json_t *o = kit_obj(&x->kit), *links = json_array(), *units = json_array();
	int bad = !links || !units;

	for (size_t i = 0; !bad && i < x->nlinks; i++) {
		const lt_app_link_shares *l = &x->links[i];
		json_t *who = json_array();
		bad |= !who;
		for (size_t k = 0; !bad && k < l->n; k++) {
			const lt_linkkit_share_row *s = &l->shares[k];
			bad |= lt_app_json_push(who, json_pack("{s:I,s:s?,s:s?,s:I,s:o,s:s?}", "id",
							       (json_int_t)s->unit.id, "code",
							       s->unit.code, "name", s->unit.name,
							       "activity_id",
							       (json_int_t)s->activity_id, "url",
							       lt_app_json_str(s->url), "date",
							       s->date));
		}
		bad |= lt_app_json_push(links, json_pack("{s:{s:I,s:s?,s:s?},s:I,s:o}", "item", "id",
							 (json_int_t)l->item_id, "title", l->title,
							 "url_canonical", l->url_canonical,
							 "shares", (json_int_t)l->n, "units", who));
	}
	for (size_t i = 0; !bad && i < x->nunits; i++) {
		const lt_app_unit_shares *u = &x->units[i];
		json_t *ids = json_array();
		bad |= !ids;
		for (size_t k = 0; !bad && k < u->n; k++)
			bad |= lt_app_json_push(ids, json_integer(u->items[k]));
		bad |= lt_app_json_push(units, json_pack("{s:o,s:I,s:o}", "unit",
							 lt_app_json_unit(&u->unit, false),
							 "shares", (json_int_t)u->n, "items", ids));
	}
	bad |= lt_app_json_put(o, "shares", json_pack("{s:o,s:o}", "links", links, "units", units));
	return lt_app_json_done(o, bad, out, e);
}
