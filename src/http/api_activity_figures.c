/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * api_activity_figures.c — care figures over HTTP: the indicator catalogue,
 * a unit's figures for a directive (read, set, confirm a warning, history)
 * and the summary over the reader's subtree. Adapters over app/figure.h.
 */
#include "core/page.h"
#include <string.h>

#include "app/activity_json.h"
#include "app/figure.h"
#include "http/api_activity.h"

int lt_api_indicators(lt_http_req *req)
{
	lt_app_indicators x;
	int64_t dir = 0;
	json_t *j = NULL;
	int rc = lt_query_int_or_reply(req, "directive_id", &dir);

	if (!rc)
		rc = lt_app_indicators_list(req->db, &req->actor, dir, &req->arena, &x, &req->err);
	if (!rc)
		rc = lt_app_indicators_json(&x, &j, &req->err);
	return lt_api_act_reply(req, 200, rc, j);
}

static int reply_figures(lt_http_req *req, int rc, const lt_app_figures *f)
{
	json_t *j = NULL;

	if (!rc)
		rc = lt_app_figures_json(f, &j, &req->err);
	return lt_api_act_reply(req, 200, rc, j);
}

int lt_api_figures_get(lt_http_req *req)
{
	lt_app_figures f;
	int64_t unit = 0;
	int rc = lt_query_int_or_reply(req, "unit_id", &unit);

	if (!rc)
		rc = lt_app_figures_get(req->db, &req->actor, req->params[0], unit, &req->arena, &f,
					&req->err);
	return reply_figures(req, rc, &f);
}

/* The values {code: number|null} and notes {code: text} of body b into *vals[*n] (arena). */
static int read_values(lt_http_req *req, json_t *b, lt_figure_in **vals, size_t *n)
{
	json_t *values = json_object_get(b, "values"), *notes = json_object_get(b, "notes"), *v;
	const char *code;

	*n = 0;
	if (!json_is_object(values))
		return lt_req_fail(req, LT_EINVAL, "values",
				   "values phải là đối tượng {mã chỉ tiêu: số}",
				   "values must be an object {indicator code: number}");
	if (notes && !json_is_null(notes) && !json_is_object(notes))
		return lt_req_fail(req, LT_EINVAL, "notes",
				   "notes phải là đối tượng {mã chỉ tiêu: ghi chú}",
				   "notes must be an object {indicator code: note}");
	*vals = lt_arena_alloc(&req->arena, (json_object_size(values) + 1) * sizeof(**vals));
	if (!*vals)
		return lt_req_fail(req, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	json_object_foreach(values, code, v) {
		lt_figure_in *x = &(*vals)[(*n)++];
		json_t *note = json_object_get(notes, code);
		x->code = lt_arena_strdup(&req->arena, code);
		if (json_is_null(v))
			x->clear = true;
		else if (json_is_number(v))
			x->value = json_number_value(v);
		else
			return lt_error_set(&req->err, LT_EINVAL, x->code, "%s phải là một số",
					    "%s must be a number", x->code);
		if (note && !json_is_string(note) && !json_is_null(note))
			return lt_error_set(&req->err, LT_EINVAL, "notes",
					    "Ghi chú của %s phải là chuỗi",
					    "The note of %s must be a string", x->code);
		x->note = json_string_value(note);
	}
	return 0;
}

/*
 * PUT /api/v1/directives/{id}/figures {unit_id?, values: {code: number|null},
 * notes: {code: text}}: null clears a value. Errors name the code.
 */
int lt_api_figures_set(lt_http_req *req)
{
	lt_app_figures f;
	lt_figure_in *vals = NULL;
	json_t *b = NULL;
	int64_t unit = 0;
	size_t n = 0;
	int rc = lt_req_json_or_reply(req, (const char *const[]){ "unit_id", "values", "notes", NULL },
				      &b);

	if (!rc)
		rc = lt_json_int_or_reply(req, b, "unit_id", false, &unit);
	if (!rc)
		rc = read_values(req, b, &vals, &n);
	if (!rc)
		rc = lt_app_figures_set(req->db, &req->actor, req->params[0], unit, vals, n,
					&req->arena, &f, &req->err);
	rc = reply_figures(req, rc, &f);
	json_decref(b); /* the notes borrowed from it are written by now */
	return rc;
}

/* POST /api/v1/directives/{id}/figures/confirm {unit_id?, rule, comment} */
int lt_api_figures_confirm(lt_http_req *req)
{
	lt_app_figures f;
	json_t *b = NULL;
	const char *rule = NULL, *comment = NULL;
	int64_t unit = 0;
	int rc = lt_req_json_or_reply(req, (const char *const[]){ "unit_id", "rule", "comment", NULL },
				      &b);

	if (!rc)
		rc = lt_json_int_or_reply(req, b, "unit_id", false, &unit);
	if (!rc)
		rc = lt_json_str_or_reply(req, b, "rule", true, 100, &rule);
	if (!rc)
		rc = lt_json_str_or_reply(req, b, "comment", true, 1000, &comment);
	if (!rc)
		rc = lt_app_figures_confirm(req->db, &req->actor, req->params[0], unit, rule, comment,
					    &req->arena, &f, &req->err);
	json_decref(b);
	return reply_figures(req, rc, &f);
}

int lt_api_figures_history(lt_http_req *req)
{
	lt_figure_change *v = NULL;
	const char *next = NULL;
	int64_t unit = 0;
	lt_page pg;
	size_t n = 0;
	json_t *j = NULL;
	int rc = lt_query_int_or_reply(req, "unit_id", &unit);

	if (!rc)
		rc = lt_page_or_reply(req, &pg);
	if (!rc)
		rc = lt_app_figures_history(req->db, &req->actor, req->params[0], unit, &pg,
					    &req->arena, &v, &n, &req->err);
	if (!rc)
		rc = lt_page_next_id(&pg, &n, n > (size_t)pg.limit ? v[pg.limit - 1].id : 0,
				     &req->arena, &next, &req->err);
	if (!rc)
		rc = lt_app_figures_history_json(v, n, &j, &req->err);
	return lt_api_act_reply(req, 200, rc, lt_json_set_next(j, next));
}

int lt_api_figures_summary(lt_http_req *req)
{
	lt_page pg;
	int64_t unit = 0;
	int rc = lt_query_int_or_reply(req, "unit_id", &unit);

	if (!rc)
		rc = lt_page_or_reply(req, &pg);
	if (!rc)
		rc = lt_app_figures_summary_reply(req->db, &req->actor, req->params[0], unit, &pg,
						  &req->arena, lt_reply_json_out(req), &req->err);
	return lt_reply_json_written(req, 200, rc);
}
