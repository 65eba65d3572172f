/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* api_ops.c — /healthz and /metrics for operators. */
#include "app/ops.h"
#include "http/api.h"
#include "http/metrics.h"

int lt_api_healthz(lt_http_req *req)
{
	int rc = lt_app_ops_health(req->db, &req->err);

	if (rc)
		return rc;
	return lt_reply_json(req, 200, json_pack("{s:s}", "status", "ok"));
}

int lt_api_metrics(lt_http_req *req)
{
	lt_buf b;
	int rc = lt_app_ops_metrics_allowed(&req->actor, req->app->cfg.metrics_allow, &req->err);

	if (rc)
		return rc;
	lt_buf_init(&b, 1 << 20);
	rc = lt_metrics_render(&b);
	if (!rc)
		rc = lt_reply_bytes(req, 200, "text/plain; version=0.0.4; charset=utf-8",
				    lt_buf_cstr(&b), b.len);
	lt_buf_free(&b);
	return rc ? lt_req_fail(req, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory") : 0;
}
