/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* figure_json.c — the JSON documents of care figures; see activity_json.h. */
#include "app/activity_json.h"

static json_t *warnings_json(const lt_app_warning *v, size_t n)
{
	json_t *arr = json_array();
	int bad = !arr;

	for (size_t i = 0; !bad && i < n; i++) {
		json_t *o = json_pack("{s:s,s:s,s:s,s:s,s:b,s:o}", "rule", v[i].w.rule, "code",
				      v[i].w.code, "vi", v[i].w.vi, "en", v[i].w.en, "confirmed",
				      v[i].confirmed, "comment", lt_app_json_str(v[i].comment));
		if (v[i].confirmed)
			bad |= lt_app_json_put(o, "confirmed_at", json_integer(v[i].confirmed_at));
		bad |= lt_app_json_push(arr, o);
	}
	if (bad) {
		json_decref(arr);
		return NULL;
	}
	return arr;
}

int lt_app_indicators_json(const lt_app_indicators *x, json_t **out, lt_error *e)
{
	json_t *arr = json_array();
	int bad = !arr;

	for (size_t i = 0; !bad && i < x->n; i++) {
		json_t *o;
		if (x->catalogue) {
			const lt_indicator_row *r = &x->rows[i];
			json_t *rules = json_loads(r->rules ? r->rules : "{}", 0, NULL);
			o = json_pack("{s:s,s:s,s:s,s:s,s:s,s:o,s:b}", "code", r->code, "name_vi",
				      r->name_vi, "name_en", r->name_en, "measure", r->measure,
				      "aggregation", r->aggregation, "rules",
				      rules ? rules : json_object(), "tet_default", r->tet_default);
		} else {
			const lt_indicator_info *s = &x->set[i];
			o = json_pack("{s:s,s:s,s:s,s:s,s:s}", "code", s->def.code, "name_vi",
				      s->name_vi, "name_en", s->name_en, "measure", s->def.measure,
				      "aggregation", s->def.aggregation);
		}
		bad |= lt_app_json_push(arr, o);
	}
	return lt_app_json_done(json_pack("{s:o}", "items", arr), bad, out, e);
}

int lt_app_figures_json(const lt_app_figures *f, json_t **out, lt_error *e)
{
	json_t *inds = json_array(), *o;
	int bad = !inds;

	for (size_t i = 0; !bad && i < f->n; i++) {
		const lt_app_figure *x = &f->v[i];
		json_t *ind = json_pack("{s:s,s:s,s:s,s:s,s:o,s:o,s:o}", "code", x->info->def.code,
					"name_vi", x->info->name_vi, "name_en", x->info->name_en,
					"measure", x->info->def.measure, "value",
					x->set ? lt_app_json_num(x->value) : json_null(), "note",
					lt_app_json_str(x->set ? x->note : NULL), "updated_at",
					x->set ? json_integer(x->updated_at) : json_null());
		bad |= lt_app_json_push(inds, ind);
	}
	o = json_pack("{s:o,s:o,s:b,s:s?,s:I,s:I}", "indicators", inds, "warnings",
		      warnings_json(f->warnings, f->nwarnings), "locked", f->locked, "locked_by",
		      !f->locked ? NULL : f->waiting ? "submitted" : "accepted", "unit_id",
		      (json_int_t)f->unit_id, "directive_id", (json_int_t)f->directive_id);
	return lt_app_json_done(o, bad, out, e);
}

int lt_app_figures_history_json(const lt_figure_change *v, size_t n, json_t **out, lt_error *e)
{
	json_t *arr = json_array();
	int bad = !arr;

	for (size_t i = 0; !bad && i < n; i++) {
		const lt_figure_change *x = &v[i];
		json_t *by = x->by_id ? json_pack("{s:I,s:s?,s:s?}", "id", (json_int_t)x->by_id,
						  "login", x->by_login, "name", x->by_name)
				      : json_null();
		json_t *o = json_pack("{s:s,s:o,s:o,s:I,s:o,s:o}", "code", x->code, "old",
				      x->had_old ? lt_app_json_num(x->old_value) : json_null(), "new",
				      x->has_new ? lt_app_json_num(x->new_value) : json_null(), "at",
				      (json_int_t)x->at, "note", lt_app_json_str(x->note), "by", by);
		bad |= lt_app_json_push(arr, o);
	}
	return lt_app_json_done(json_pack("{s:o}", "items", arr), bad, out, e);
}

/* A unit's warnings as warnings_json builds them, into w. */
static void warnings_write(lt_jw *w, const lt_app_warning *v, size_t n)
{
	lt_jw_open(w, '[');
	for (size_t i = 0; i < n; i++) {
		lt_jw_open(w, '{');
		lt_jw_kstr(w, "rule", v[i].w.rule);
		lt_jw_kstr(w, "code", v[i].w.code);
		lt_jw_kstr(w, "vi", v[i].w.vi);
		lt_jw_kstr(w, "en", v[i].w.en);
		lt_jw_kbool(w, "confirmed", v[i].confirmed);
		lt_jw_kstr(w, "comment", v[i].comment);
		if (v[i].confirmed)
			lt_jw_kint(w, "confirmed_at", v[i].confirmed_at);
		lt_jw_close(w, '}');
	}
	lt_jw_close(w, ']');
}

int lt_app_summary_write(const lt_app_summary *s, lt_buf *out, lt_error *e)
{
	lt_jw w;

	lt_jw_init(&w, out);
	lt_jw_open(&w, '{');
	lt_jw_key(&w, "indicators");
	lt_jw_open(&w, '[');
	for (size_t j = 0; j < s->nset; j++) {
		lt_jw_open(&w, '{');
		lt_jw_kstr(&w, "code", s->set[j].def.code);
		lt_jw_kstr(&w, "name_vi", s->set[j].name_vi);
		lt_jw_kstr(&w, "name_en", s->set[j].name_en);
		lt_jw_kstr(&w, "measure", s->set[j].def.measure);
		lt_jw_kstr(&w, "aggregation", s->set[j].def.aggregation);
		lt_jw_knum(&w, "total", s->total[j]);
		lt_jw_kint(&w, "units_reporting", s->reporting[j]);
		lt_jw_close(&w, '}');
	}
	lt_jw_close(&w, ']');
	lt_jw_kint(&w, "recipients", s->recipients);
	lt_jw_key(&w, "units");
	lt_jw_open(&w, '[');
	for (size_t i = 0; i < s->nunits; i++) {
		const lt_app_summary_unit *u = &s->units[i];
		lt_jw_open(&w, '{');
		lt_jw_key(&w, "unit");
		lt_app_unit_ref_write(&w, &u->unit, false);
		lt_jw_key(&w, "values");
		lt_jw_open(&w, '{');
		for (size_t j = 0; j < s->nset; j++)
			if (u->v[j].set)
				lt_jw_knum(&w, s->set[j].def.code, u->v[j].value);
		lt_jw_close(&w, '}');
		lt_jw_key(&w, "warnings");
		warnings_write(&w, u->warnings, u->nwarnings);
		lt_jw_kint(&w, "unconfirmed_warnings", (int64_t)u->unconfirmed);
		lt_jw_close(&w, '}');
	}
	lt_jw_close(&w, ']');
	lt_jw_kstr(&w, "next_cursor", s->next_cursor);
	lt_jw_close(&w, '}');
	return lt_jw_end(&w, e);
}

int lt_app_summary_json(const lt_app_summary *s, json_t **out, lt_error *e)
{
	lt_jw w;

	lt_jw_init(&w, NULL);
	return lt_app_json_tree(&w, lt_app_summary_write(s, w.b, e), out, e);
}
