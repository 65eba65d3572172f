/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * api_edxml.c — edXML messages (QCVN 102:2016) over the API: a directive,
 * a report or its status out, any of them in, and the messages received
 * found again (a page, one's metadata, its attachment). Each handler parses, calls
 * one app/edxml.h function with the request's actor (which decides access)
 * and replies with the message or the import's result.
 */
#include <stdbool.h>
#include <string.h>

#include "app/edxml.h"
#include "http/api.h"
#include "http/http.h"

static int reply_xml(lt_http_req *req, int rc, lt_buf *out, const char *name)
{
	if (!rc) {
		rc = lt_reply_bytes(req, 200, "application/xml; charset=utf-8", out->ptr, out->len);
		lt_reply_header(req, "Content-Disposition",
				lt_arena_printf(&req->arena, "attachment; filename=\"%s.xml\"", name));
	}
	lt_buf_free(out);
	return rc;
}

/* GET /api/v1/directives/{id}/edxml?unit=ID&priority=0..4: the directive as edXML. */
int lt_api_directive_edxml(lt_http_req *req)
{
	lt_edxml_out in = { .directive = req->params[0], .priority = -1 };
	int64_t unit = 0, priority = -1;
	lt_buf out;
	int rc = lt_query_int_or_reply(req, "unit", &unit);

	lt_buf_init(&out, LT_EDXML_MAX_BYTES);
	if (!rc)
		rc = lt_query_int_or_reply(req, "priority", &priority);
	if (!rc && priority > 4)
		rc = lt_req_fail(req, LT_EINVAL, "priority", "Độ khẩn phải từ 0 đến 4",
				 "priority must be 0 to 4");
	in.unit = unit;
	in.priority = (int)priority;
	if (!rc)
		rc = lt_app_edxml_directive(req->db, &req->actor, &in, &req->arena, &out,
					    &req->err);
	return reply_xml(req, rc,
			 &out, lt_arena_printf(&req->arena, "cong-van-%lld", (long long)in.directive));
}

/* GET /api/v1/directives/{id}/units/{id}/report/edxml[?kind=status]: the report, or its status. */
int lt_api_report_edxml(lt_http_req *req)
{
	lt_edxml_out in = { .directive = req->params[0], .unit = req->params[1] };
	const char *kind = lt_req_query(req, "kind");
	lt_buf out;
	int rc = 0;

	lt_buf_init(&out, LT_EDXML_MAX_BYTES);
	if (kind && strcmp(kind, "report") && strcmp(kind, "status"))
		rc = lt_req_fail(req, LT_EINVAL, "kind", "kind phải là report hoặc status",
				 "kind must be report or status");
	else if (kind && !strcmp(kind, "status"))
		rc = lt_app_edxml_status(req->db, &req->actor, &in, &req->arena, &out, &req->err);
	else
		rc = lt_app_edxml_report(req->db, &req->actor, &in, &req->arena, &out, &req->err);
	return reply_xml(req, rc, &out,
			 lt_arena_printf(&req->arena, "%s-%lld-%lld",
					 kind && !strcmp(kind, "status") ? "trang-thai" : "bao-cao",
					 (long long)in.directive, (long long)in.unit));
}

/* POST /api/v1/edxml/import (body: the message): a directive, a report or a status in. */
int lt_api_edxml_import(lt_http_req *req)
{
	lt_edxml_result r;
	int rc = lt_app_edxml_import(req->db, &req->actor, req->body, req->body_len, &req->arena,
				     &r, &req->err);

	return rc ? rc : lt_reply_json(req, 201, lt_app_edxml_result_json(&r));
}

/* GET /api/v1/edxml/messages?directive=&kind=&unit=&limit=&cursor=: the messages received. */
int lt_api_edxml_messages(lt_http_req *req)
{
	lt_edxml_query q = { .kind = lt_req_query(req, "kind") };
	lt_edxml_row *items = NULL;
	lt_page pg;
	const char *next = NULL;
	size_t n = 0;
	int rc = lt_query_int_or_reply(req, "directive", &q.directive);

	if (!rc)
		rc = lt_query_int_or_reply(req, "unit", &q.unit);
	if (!rc)
		rc = lt_page_or_reply(req, &pg);
	if (!rc)
		rc = lt_app_edxml_list(req->db, &req->actor, &q, &pg, &req->arena, &items, &n, &next,
				       &req->err);
	return rc ? rc : lt_reply_json(req, 200, lt_app_edxml_list_json(items, n, next));
}

/* GET /api/v1/edxml/messages/{id}: one message's metadata. */
int lt_api_edxml_message(lt_http_req *req)
{
	lt_edxml_row r;
	int rc = lt_app_edxml_message(req->db, &req->actor, req->params[0], false, &req->arena, &r,
				      &req->err);

	return rc ? rc : lt_reply_json(req, 200, lt_app_edxml_message_json(&r));
}

/* GET /api/v1/edxml/messages/{id}/attachment: the file it came with, as it came. */
int lt_api_edxml_attachment(lt_http_req *req)
{
	lt_edxml_row r;
	int rc = lt_app_edxml_message(req->db, &req->actor, req->params[0], true, &req->arena, &r,
				      &req->err);

	if (rc)
		return rc;
	rc = lt_reply_bytes(req, 200, r.file_type && *r.file_type ? r.file_type : "application/pdf",
			    r.file ? (const void *)r.file : "", r.file_len);
	lt_reply_attachment(req, lt_arena_printf(&req->arena, "edxml-%lld.pdf", (long long)r.id),
			    r.file_name);
	return rc;
}
