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

int lt_app_summary_json(const lt_app_summary *s, json_t **out, lt_error *e)
{
	json_t *inds = json_array(), *units = json_array(), *o;
	int bad = !inds || !units;

	for (size_t j = 0; !bad && j < s->nset; j++)
		bad |= lt_app_json_push(
			inds, json_pack("{s:s,s:s,s:s,s:s,s:s,s:o,s:I}", "code", s->set[j].def.code,
					"name_vi", s->set[j].name_vi, "name_en", s->set[j].name_en,
					"measure", s->set[j].def.measure, "aggregation",
					s->set[j].def.aggregation, "total",
					lt_app_json_num(s->total[j]), "units_reporting",
					(json_int_t)s->reporting[j]));
	for (size_t i = 0; !bad && i < s->nunits; i++) {
		const lt_app_summary_unit *u = &s->units[i];
		json_t *values = json_object();
		bad |= !values;
		for (size_t j = 0; !bad && j < s->nset; j++)
			if (u->v[j].set)
				bad |= lt_app_json_put(values, s->set[j].def.code,
						       lt_app_json_num(u->v[j].value));
		bad |= lt_app_json_push(units, json_pack("{s:o,s:o,s:o,s:I}", "unit",
							 lt_app_json_unit(&u->unit, false),
							 "values", values, "warnings",
							 warnings_json(u->warnings, u->nwarnings),
							 "unconfirmed_warnings",
							 (json_int_t)u->unconfirmed));
	}
	o = json_pack("{s:o,s:I,s:o,s:o}", "indicators", inds, "recipients",
		      (json_int_t)s->recipients, "units", units, "next_cursor",
		      s->next_cursor ? json_string(s->next_cursor) : json_null());
	return lt_app_json_done(o, bad, out, e);
}
