/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* api_series.c — past campaigns' figures by year: list, one series, CSV/XLSX import. */
#include <string.h>

#include "http/api.h"
#include "render/csv.h"
#include "app/series.h"
#include "render/xlsx_read.h"
#include "store/series.h"

int lt_api_series(lt_http_req *req)
{
	const char *ind = lt_req_query(req, "indicator");
	json_t *out = NULL;
	int rc = ind ? lt_series_get(req->db, ind, lt_req_query(req, "scope"), &out, &req->err)
		     : lt_series_list(req->db, &out, &req->err);

	if (rc)
		return rc;
	return lt_reply_json(req, 200, ind ? out : json_pack("{s:o}", "items", out));
}

/* POST /api/v1/series/import: the body is a CSV or an XLSX file. */
int lt_api_series_import(lt_http_req *req)
{
	lt_table *t = NULL;
	lt_arena a;
	size_t n = 0;
	int rc;

	if (!req->body_len)
		return lt_req_fail(req, LT_EINVAL, "body", "Hãy gửi tệp CSV hoặc XLSX",
				   "Send a CSV or XLSX file");
	lt_arena_init(&a);
	rc = req->body_len > 2 && !memcmp(req->body, "PK", 2)
		     ? lt_xlsx_read(req->body, req->body_len, NULL, &t, &req->err)
		     : lt_csv_read(req->body, req->body_len, NULL, &t, &req->err);
	if (!rc)
		rc = lt_series_import_table(req->db, t, &a, &n, &req->err);
	lt_table_free(t);
	lt_arena_free(&a);
	if (rc)
		return rc;
	return lt_reply_json(req, 200, json_pack("{s:I}", "imported", (json_int_t)n));
}
