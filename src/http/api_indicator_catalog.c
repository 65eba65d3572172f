/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * api_indicator_catalog.c — the indicator catalogue for the directive
 * form's picker: search it a page at a time, add a definition by its
 * Vietnamese label. Adapters over app/indicator_catalog.h; the set a
 * directive asks for (?directive_id=) stays api_activity_figures.c's.
 */
#include <string.h>

#include "app/indicator_catalog.h"
#include "core/page.h"
#include "http/api_activity.h"

/* GET /api/v1/indicators?q=&limit=&cursor= (or ?directive_id=: the set that directive asks for) */
int lt_api_indicator_catalog(lt_http_req *req)
{
	lt_app_indicator_page p;
	lt_page pg;
	json_t *j = NULL;
	int rc;

	if (lt_req_query(req, "directive_id"))
		return lt_api_indicators(req);
	rc = lt_page_or_reply(req, &pg);
	if (!rc)
		rc = lt_app_indicator_search(req->db, &req->actor, lt_req_query(req, "q"), &pg,
					     &req->arena, &p, &req->err);
	if (!rc)
		rc = lt_app_indicator_page_json(&p, &j, &req->err);
	return lt_api_act_reply(req, 200, rc, j);
}

/* POST /api/v1/indicators {name_vi, name_en?, measure?}: officers add a definition. */
int lt_api_indicator_create(lt_http_req *req)
{
	lt_app_indicator_in in;
	lt_indicator_entry x;
	json_t *b = NULL, *j = NULL;
	int rc = lt_req_json_or_reply(req, (const char *const[]){ "name_vi", "name_en", "measure",
								  NULL }, &b);

	memset(&in, 0, sizeof(in));
	if (!rc)
		rc = lt_json_line_or_reply(req, b, "name_vi", true, 200, &in.name_vi);
	if (!rc)
		rc = lt_json_line_or_reply(req, b, "name_en", false, 200, &in.name_en);
	if (!rc)
		rc = lt_json_line_or_reply(req, b, "measure", false, 24, &in.measure);
	if (!rc)
		rc = lt_app_indicator_create(req->db, &req->actor, &in, &req->arena, &x, &req->err);
	if (!rc) {
		j = lt_app_indicator_json(&x.row);
		if (!j)
			rc = lt_req_fail(req, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	}
	json_decref(b);
	return lt_api_act_reply(req, 201, rc, j);
}
