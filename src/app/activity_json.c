/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * activity_json.c — the activity log's JSON documents (items, lists,
 * detection, continuity, import reports) and the helpers the feature's
 * other JSON files share; see activity_json.h. Figures: figure_json.c;
 * contests and link kits: contest_json.c.
 */
#include "app/activity_json.h"

#include <math.h>

#include "app/activity_access.h"
#include "text/json_write.h"

json_t *lt_app_json_str(const char *s)
{
	return s ? json_string(s) : json_null();
}

json_t *lt_app_json_count(int64_t v)
{
	return v < 0 ? json_null() : json_integer(v);
}

json_t *lt_app_json_num(double v)
{
	if (v == floor(v) && fabs(v) < 9e15)
		return json_integer((json_int_t)v);
	return json_real(v);
}

int lt_app_json_put(json_t *o, const char *k, json_t *v)
{
	return !o || !v ? (json_decref(v), 1) : json_object_set_new(o, k, v) != 0;
}

int lt_app_json_push(json_t *arr, json_t *v)
{
	return !arr || !v ? (json_decref(v), 1) : json_array_append_new(arr, v) != 0;
}

int lt_app_json_done(json_t *j, int bad, json_t **out, lt_error *e)
{
	*out = NULL;
	if (!j || bad) {
		json_decref(j);
		return lt_app_act_nomem(e);
	}
	*out = j;
	return 0;
}

/* {id, code, name[, path]} of a unit, written once here for every activity document. */
void lt_app_unit_ref_write(lt_jw *w, const lt_act_unit *u, bool with_path)
{
	lt_jw_open(w, '{');
	lt_jw_kint(w, "id", u->id);
	lt_jw_kstr(w, "code", u->code);
	lt_jw_kstr(w, "name", u->name);
	if (with_path)
		lt_jw_kstr(w, "path", u->path);
	lt_jw_close(w, '}');
}

json_t *lt_app_json_unit(const lt_act_unit *u, bool with_path)
{
	lt_jw w;

	lt_jw_init(&w, NULL);
	lt_app_unit_ref_write(&w, u, with_path);
	return lt_jw_tree(&w);
}

/* The fields of a row, as every list shows them, into an open object; with_path adds the
 * unit's path. */
static void row_fields(lt_jw *w, const lt_activity_row *r, bool with_path)
{
	lt_jw_kint(w, "id", r->id);
	lt_jw_key(w, "unit");
	lt_app_unit_ref_write(w, &r->unit, with_path);
	lt_jw_kint(w, "directive_id", r->directive_id);
	/* The theme {id, pos, title}, or null. */
	lt_jw_key(w, "theme");
	if (r->theme_id) {
		lt_jw_open(w, '{');
		lt_jw_kint(w, "id", r->theme_id);
		lt_jw_kint(w, "pos", r->theme_pos);
		lt_jw_kstr(w, "title", r->theme_title);
		lt_jw_close(w, '}');
	} else {
		lt_jw_null(w);
	}
	lt_jw_kint_or_null(w, "kit_item_id", r->kit_item_id, !r->kit_item_id);
	lt_jw_kstr(w, "channel", r->channel);
	lt_jw_kstr(w, "kind", r->kind);
	lt_jw_kstr(w, "url", r->url);
	lt_jw_kstr(w, "url_canonical", r->url_canonical);
	lt_jw_kstr(w, "title", r->title);
	lt_jw_kstr(w, "date", r->date);
	/* Counts: -1 is unknown (null). */
	lt_jw_kint_or_null(w, "views", r->views, r->views < 0);
	lt_jw_kint_or_null(w, "reactions", r->reactions, r->reactions < 0);
	lt_jw_kint_or_null(w, "comments", r->comments, r->comments < 0);
	lt_jw_kint_or_null(w, "shares", r->shares, r->shares < 0);
	lt_jw_kstr(w, "counts_on", r->counts_on);
	lt_jw_kbool(w, "is_original", r->is_original);
	lt_jw_kint(w, "created_at", r->created_at);
	lt_jw_kint(w, "updated_at", r->updated_at);
	lt_jw_kint(w, "photo_count", r->photo_count);
}

static void row_write(lt_jw *w, const lt_activity_row *r, bool with_path)
{
	lt_jw_open(w, '{');
	row_fields(w, r, with_path);
	lt_jw_close(w, '}');
}

/* The units that claimed a link: [{id, unit, kind, date, is_original, directive_id}]. */
static void claims_write(lt_jw *w, const lt_activity_claim *v, size_t n)
{
	lt_jw_open(w, '[');
	for (size_t i = 0; i < n; i++) {
		lt_jw_open(w, '{');
		lt_jw_kint(w, "id", v[i].id);
		lt_jw_key(w, "unit");
		lt_app_unit_ref_write(w, &v[i].unit, false);
		lt_jw_kstr(w, "kind", v[i].kind);
		lt_jw_kstr(w, "date", v[i].date);
		lt_jw_kbool(w, "is_original", v[i].is_original);
		lt_jw_kint(w, "directive_id", v[i].directive_id);
		lt_jw_close(w, '}');
	}
	lt_jw_close(w, ']');
}

static json_t *claims_json(const lt_activity_claim *v, size_t n)
{
	lt_jw w;

	lt_jw_init(&w, NULL);
	claims_write(&w, v, n);
	return lt_jw_tree(&w);
}

/* The item as GET/POST/PATCH /activities/{id} return it, written into w. */
static void item_write(lt_jw *w, const lt_app_item *it)
{
	const lt_link_check_row *c = &it->check;

	lt_jw_open(w, '{');
	row_fields(w, &it->row, true);
	lt_jw_key(w, "photos");
	lt_jw_open(w, '[');
	for (size_t i = 0; i < it->nphotos; i++) {
		const lt_activity_photo_row *p = &it->photos[i];
		lt_jw_open(w, '{');
		lt_jw_kint(w, "pos", p->pos);
		lt_jw_kstr(w, "hash", p->hash);
		lt_jw_kstr(w, "mime", p->mime);
		lt_jw_kint(w, "width", p->width);
		lt_jw_kint(w, "height", p->height);
		lt_jw_kint(w, "bytes", p->bytes);
		lt_jw_close(w, '}');
	}
	lt_jw_close(w, ']');
	/* claims is required by the contract: an item without a link has none. */
	lt_jw_key(w, "claims");
	claims_write(w, it->claims, it->nclaims);
	if (it->row.url_canonical)
		lt_jw_kbool(w, "claimed_elsewhere", it->claimed_elsewhere);
	if (it->has_check) {
		lt_jw_key(w, "link_check");
		lt_jw_open(w, '{');
		lt_jw_kstr(w, "state", c->state);
		lt_jw_kint_or_null(w, "http_status", c->http_status, !c->http_status);
		lt_jw_kstr(w, "title", c->title);
		lt_jw_kstr(w, "og_title", c->og_title);
		lt_jw_kstr(w, "final_url", c->final_url);
		lt_jw_kstr(w, "error", c->error);
		lt_jw_kint_or_null(w, "checked_at", c->checked_at, !c->checked_at);
		lt_jw_close(w, '}');
	}
	lt_jw_kbool(w, "can_edit", it->can_edit);
	lt_jw_close(w, '}');
}

int lt_app_item_write(const lt_app_item *it, lt_buf *out, lt_error *e)
{
	lt_jw w;

	lt_jw_init(&w, out);
	item_write(&w, it);
	return lt_jw_end(&w, e);
}

int lt_app_json_tree(lt_jw *w, int rc, json_t **out, lt_error *e)
{
	*out = NULL;
	if (rc) {
		lt_buf_free(w->b);
		return rc;
	}
	*out = lt_jw_tree(w);
	return *out ? 0 : lt_app_act_nomem(e);
}

int lt_app_item_json(const lt_app_item *it, json_t **out, lt_error *e)
{
	lt_jw w;

	lt_jw_init(&w, NULL);
	item_write(&w, it);
	return lt_app_json_tree(&w, lt_jw_end(&w, e), out, e);
}

int lt_app_activity_page_write(const lt_activity_page *p, lt_buf *out, lt_error *e)
{
	lt_jw w;

	lt_jw_init(&w, out);
	lt_jw_open(&w, '{');
	lt_jw_key(&w, "items");
	lt_jw_open(&w, '[');
	for (size_t i = 0; i < p->n; i++)
		row_write(&w, &p->rows[i], false);
	lt_jw_close(&w, ']');
	lt_jw_key(&w, "counts");
	lt_jw_open(&w, '{');
	lt_jw_kint(&w, "items", p->total);
	lt_jw_kint(&w, "originals", p->originals);
	lt_jw_kint(&w, "shares", p->total - p->originals);
	lt_jw_key(&w, "by_channel");
	lt_jw_open(&w, '{');
	for (size_t i = 0; i < p->nchannels; i++)
		lt_jw_kint(&w, p->by_channel[i].channel, p->by_channel[i].n);
	lt_jw_close(&w, '}');
	lt_jw_kbool(&w, "capped", p->capped);
	lt_jw_close(&w, '}');
	lt_jw_kstr(&w, "next_cursor", p->next_cursor);
	lt_jw_close(&w, '}');
	return lt_jw_end(&w, e);
}

int lt_app_activity_page_json(const lt_activity_page *p, json_t **out, lt_error *e)
{
	lt_jw w;

	lt_jw_init(&w, NULL);
	return lt_app_json_tree(&w, lt_app_activity_page_write(p, w.b, e), out, e);
}

int lt_app_detect_json(const lt_app_detect *d, json_t **out, lt_error *e)
{
	json_t *o = json_pack("{s:s,s:s}", "url_canonical", d->url_canonical, "channel", d->channel);
	json_t *theme = d->has_theme ? json_pack("{s:I,s:I,s:s?,s:f}", "id", (json_int_t)d->theme_id,
						 "pos", (json_int_t)d->theme_pos, "title",
						 d->theme_title, "score", d->score)
				     : json_null();
	int bad = 0;

	bad |= lt_app_json_put(o, "theme", theme);
	bad |= lt_app_json_put(o, "claims", claims_json(d->claims, d->nclaims));
	bad |= lt_app_json_put(o, "claimed_elsewhere", json_boolean(d->claimed_elsewhere));
	return lt_app_json_done(o, bad, out, e);
}

int lt_app_continuity_json(const lt_app_continuity *c, json_t **out, lt_error *e)
{
	json_t *units = json_array(), *o;
	int bad = !units;

	for (size_t i = 0; !bad && i < c->n; i++) {
		const lt_app_continuity_unit *u = &c->units[i];
		json_t *days = json_object(), *x;
		bad |= !days;
		for (size_t k = 0; !bad && k < u->ndays; k++)
			bad |= lt_app_json_put(days, u->days[k].date, json_integer(u->days[k].n));
		x = json_pack("{s:o,s:s,s:o,s:o,s:o,s:I,s:I,s:o}", "unit",
			      lt_app_json_unit(&u->unit, false), "received", u->received, "first_date",
			      lt_app_json_str(u->first_date), "first_after_days",
			      u->first_date ? json_integer(u->first_after_days) : json_null(),
			      "last_date", lt_app_json_str(u->last_date), "total",
			      (json_int_t)u->total, "silent_days", (json_int_t)u->silent_days, "days",
			      days);
		bad |= lt_app_json_push(units, x);
	}
	o = json_pack("{s:s,s:s,s:o,s:o}", "from", c->from, "to", c->to, "units", units,
		      "next_cursor", c->next_cursor ? json_string(c->next_cursor) : json_null());
	return lt_app_json_done(o, bad, out, e);
}

int lt_app_import_report_json(const lt_import_report *r, bool en, json_t **out, lt_error *e)
{
	json_t *arr = json_array(), *o;
	lt_error first;
	int bad = !arr;

	for (size_t i = 0; !bad && i < r->n; i++) {
		const lt_import_error *x = &r->v[i];
		bad |= lt_app_json_push(arr, json_pack("{s:s,s:i,s:s,s:s,s:s}", "sheet", x->sheet,
						       "row", x->row, "column", x->col, "field",
						       x->field, "message", en ? x->en : x->vi));
	}
	lt_error_clear(&first);
	lt_import_report_first(r, &first);
	o = json_pack("{s:{s:s,s:s,s:s},s:o,s:I}", "error", "code", "invalid", "message",
		      lt_error_msg(&first, en), "field", first.field, "errors", arr, "error_count",
		      (json_int_t)r->total);
	return lt_app_json_done(o, bad, out, e);
}

int lt_app_imported_json(size_t n, json_t **out, lt_error *e)
{
	return lt_app_json_done(json_pack("{s:I}", "imported", (json_int_t)n), 0, out, e);
}
