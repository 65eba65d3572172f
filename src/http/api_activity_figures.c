/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * api_activity_figures.c — care figures over HTTP: the indicator catalogue,
 * a unit's figures for a directive (read, set, confirm a warning, history)
 * and the summary over the reader's subtree.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "http/api.h"
#include "http/api_activity.h"

int lt_api_indicators(lt_http_req *req)
{
	json_t *arr = NULL;
	int64_t dir = 0;
	int rc = lt_query_int_or_reply(req, "directive_id", &dir);

	if (rc)
		return rc;
	if (dir) {
		/* The set the directive asks for, in catalogue order. */
		lt_indicator_info *set = NULL;
		size_t n = 0;
		rc = lt_api_act_directive(req, dir);
		if (!rc)
			rc = lt_indicator_set_of(req->db, dir, &req->arena, &set, &n, &req->err);
		if (rc)
			return rc;
		arr = json_array();
		for (size_t i = 0; i < n; i++)
			json_array_append_new(arr, json_pack("{s:s,s:s,s:s,s:s,s:s}", "code",
							     set[i].def.code, "name_vi", set[i].name_vi,
							     "name_en", set[i].name_en, "measure",
							     set[i].def.measure, "aggregation",
							     set[i].def.aggregation));
	} else {
		rc = lt_indicator_catalogue(req->db, &arr, &req->err);
		if (rc)
			return rc;
	}
	return lt_reply_json(req, 200, json_pack("{s:o}", "items", arr));
}

/* The directive (params[0]) and the unit (?unit_id or the body's, default the user's own). */
static int figure_target(lt_http_req *req, int64_t unit, bool write, int64_t *out)
{
	int rc = lt_api_act_directive(req, req->params[0]);

	if (rc)
		return rc;
	return write ? lt_api_act_write_unit(req, unit, out) : lt_api_act_read_unit(req, unit, out);
}

static int reply_figures(lt_http_req *req, int64_t unit)
{
	json_t *out = NULL;
	int rc = lt_figures_get(req->db, req->params[0], unit, &out, &req->err);

	if (rc)
		return rc;
	json_object_set_new(out, "unit_id", json_integer(unit));
	json_object_set_new(out, "directive_id", json_integer(req->params[0]));
	return lt_reply_json(req, 200, out);
}

int lt_api_figures_get(lt_http_req *req)
{
	int64_t unit = 0, target = 0;
	int rc = lt_query_int_or_reply(req, "unit_id", &unit);

	if (!rc)
		rc = figure_target(req, unit, false, &target);
	return rc ? rc : reply_figures(req, target);
}

/*
 * PUT /api/v1/directives/{id}/figures {unit_id?, values: {code: number|null},
 * notes: {code: text}}: null clears a value. Errors name the code.
 */
int lt_api_figures_set(lt_http_req *req)
{
	json_t *b = NULL, *values, *notes, *v;
	lt_figure_in *vals = NULL;
	int64_t unit = 0, target = 0;
	size_t n = 0, bad = 0;
	const char *code;
	int rc = lt_req_json_or_reply(req, (const char *const[]){ "unit_id", "values", "notes", NULL },
				      &b);

	if (!rc)
		rc = lt_json_int_or_reply(req, b, "unit_id", false, &unit);
	if (!rc)
		rc = figure_target(req, unit, true, &target);
	if (rc)
		goto out;
	values = json_object_get(b, "values");
	notes = json_object_get(b, "notes");
	if (!json_is_object(values) || (notes && !json_is_object(notes))) {
		rc = lt_req_fail(req, LT_EINVAL, "values",
				 "values phải là đối tượng {mã chỉ tiêu: số}",
				 "values must be an object {indicator code: number}");
		goto out;
	}
	vals = lt_arena_alloc(&req->arena, (json_object_size(values) + 1) * sizeof(*vals));
	json_object_foreach(values, code, v) {
		lt_figure_in *x = &vals[n++];
		json_t *note = json_object_get(notes, code);
		x->code = lt_arena_strdup(&req->arena, code);
		if (json_is_null(v)) {
			x->clear = true;
		} else if (json_is_number(v)) {
			x->value = json_number_value(v);
		} else {
			rc = lt_error_set(&req->err, LT_EINVAL, x->code, "%s phải là một số",
					  "%s must be a number", x->code);
			goto out;
		}
		if (note && !json_is_string(note) && !json_is_null(note)) {
			rc = lt_error_set(&req->err, LT_EINVAL, "notes", "Ghi chú của %s phải là chuỗi",
					  "The note of %s must be a string", x->code);
			goto out;
		}
		x->note = json_string_value(note);
	}
	rc = lt_figures_set(req->db, req->params[0], target, vals, n, req->user.id, &bad, &req->err);
out:
	json_decref(b);
	return rc ? rc : reply_figures(req, target);
}

/* POST /api/v1/directives/{id}/figures/confirm {unit_id?, rule, comment} */
int lt_api_figures_confirm(lt_http_req *req)
{
	json_t *b = NULL;
	const char *rule = NULL, *comment = NULL;
	int64_t unit = 0, target = 0;
	int rc = lt_req_json_or_reply(req, (const char *const[]){ "unit_id", "rule", "comment", NULL },
				      &b);

	if (!rc)
		rc = lt_json_int_or_reply(req, b, "unit_id", false, &unit);
	if (!rc)
		rc = lt_json_str_or_reply(req, b, "rule", true, 100, &rule);
	if (!rc)
		rc = lt_json_str_or_reply(req, b, "comment", true, 1000, &comment);
	if (!rc)
		rc = figure_target(req, unit, true, &target);
	if (!rc)
		rc = lt_figures_ack(req->db, req->params[0], target, rule, comment, req->user.id,
				    &req->err);
	json_decref(b);
	return rc ? rc : reply_figures(req, target);
}

int lt_api_figures_history(lt_http_req *req)
{
	int64_t unit = 0, target = 0;
	json_t *items = NULL;
	int rc = lt_query_int_or_reply(req, "unit_id", &unit);

	if (!rc)
		rc = figure_target(req, unit, false, &target);
	if (!rc)
		rc = lt_figures_history(req->db, req->params[0], target, &items, &req->err);
	return rc ? rc : lt_reply_json(req, 200, json_pack("{s:o}", "items", items));
}

int lt_api_figures_summary(lt_http_req *req)
{
	int64_t unit = 0;
	const char *within = req->user.unit_path;
	json_t *out = NULL;
	int rc = lt_api_act_directive(req, req->params[0]);

	if (!rc)
		rc = lt_query_int_or_reply(req, "unit_id", &unit);
	if (!rc && unit) {
		lt_unit u;
		rc = lt_api_unit_in_scope(req, unit, &u);
		if (!rc)
			within = u.path;
	}
	if (!rc)
		rc = lt_figures_summary(req->db, req->params[0], within, &out, &req->err);
	return rc ? rc : lt_reply_json(req, 200, out);
}
