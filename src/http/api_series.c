/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* api_series.c — past campaigns' figures by year over HTTP: list, one series, CSV/XLSX import. */
#include "app/series.h"
#include "http/api.h"

/* GET /api/v1/series[?indicator=CODE&scope=VN] */
int lt_api_series(lt_http_req *req)
{
	const char *ind = lt_req_query(req, "indicator"), *scope = lt_req_query(req, "scope");
	lt_series_point *p = NULL;
	lt_series_info *s = NULL;
	size_t n = 0;
	int rc;

	if (ind) {
		rc = lt_app_series_get(req->db, &req->actor, ind, scope, &req->arena, &p, &n, &req->err);
		return rc ? rc : lt_reply_json(req, 200, lt_app_series_json(ind, scope, p, n));
	}
	rc = lt_app_series_list(req->db, &req->actor, &req->arena, &s, &n, &req->err);
	return rc ? rc
		  : lt_reply_json(req, 200, json_pack("{s:o}", "items", lt_app_series_list_json(s, n)));
}

/* POST /api/v1/series/import: the body is a CSV or an XLSX file. */
int lt_api_series_import(lt_http_req *req)
{
	size_t n = 0;
	int rc = lt_app_series_import(req->db, &req->actor, req->body, req->body_len, &n, &req->err);

	return rc ? rc : lt_reply_json(req, 200, json_pack("{s:I}", "imported", (json_int_t)n));
}
