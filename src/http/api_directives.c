/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * api_directives.c — directives over HTTP: drafts, issue, amendments,
 * cascade, inbox and receipts, the implementing chain, letter import and
 * the official document. Each handler parses, calls one app/directive.h
 * function with the request's actor, and replies with its document.
 */
#include <string.h>

#include "app/directive.h"
#include "core/page.h"
#include "http/api.h"

/* Reply with the directive as the actor now sees it (status 200 or 201), and release it. */
static int reply_view(lt_http_req *req, int rc, int status, lt_directive_view *v)
{
	if (!rc)
		rc = lt_reply_json(req, status, lt_app_directive_view_json(v));
	lt_app_directive_view_free(v);
	return rc;
}

int lt_api_directives_list(lt_http_req *req)
{
	lt_directive_filter f = { 0 };
	lt_directive_summary *items;
	lt_page pg;
	size_t n;
	int rc = lt_page_or_reply(req, &pg);

	if (rc)
		return rc;
	f.box = lt_req_query(req, "box");
	if (!f.box)
		f.box = "inbox";
	f.q = lt_req_query(req, "q");
	f.state = lt_req_query(req, "state");
	f.limit = pg.limit + 1;
	f.after = pg.after;
	rc = lt_app_directive_list(req->db, &req->actor, &f, &req->arena, &items, &n, &req->err);
	return rc ? rc
		  : lt_reply_json(req, 200,
				  lt_app_directive_list_page_json(items, n, !strcmp(f.box, "inbox"),
								  pg.limit, &req->arena));
}

/* The body of a draft: directive fields, plus issuer_id on creation. */
static int read_draft(lt_http_req *req, int64_t *issuer, json_t **doc)
{
	json_t *iss;
	int rc = lt_req_json_or_reply(req, (const char *const[]){ "number", "place", "date",
		"subject", "motto", "recipients", "references", "themes", "tasks", "indicators",
		"contests", "report_deadline", "report_email", "signer", "cc", "issuer_id", NULL },
		doc);

	if (rc)
		return rc;
	iss = json_object_get(*doc, "issuer_id");
	if (iss && !json_is_integer(iss))
		return lt_req_fail(req, LT_EINVAL, "issuer_id", "issuer_id phải là số nguyên",
				   "issuer_id must be an integer");
	if (iss && issuer) /* on an edit the issuer stays: the key is ignored, as always */
		*issuer = json_integer_value(iss);
	json_object_del(*doc, "issuer_id");
	return 0;
}

int lt_api_directive_create(lt_http_req *req)
{
	lt_directive_draft in = { 0 };
	lt_directive_view v;
	int rc = read_draft(req, &in.issuer_id, &in.doc);

	if (!rc)
		rc = lt_app_directive_create(req->db, &req->actor, &in, &req->arena, &v, &req->err);
	json_decref(in.doc);
	return rc ? rc : reply_view(req, rc, 201, &v);
}

int lt_api_directive_get(lt_http_req *req)
{
	lt_directive_view v;
	int rc = lt_app_directive_get(req->db, &req->actor, req->params[0], &req->arena, &v,
				      &req->err);

	return rc ? rc : reply_view(req, rc, 200, &v);
}

int lt_api_directive_update(lt_http_req *req)
{
	lt_directive_view v;
	json_t *doc = NULL;
	int rc = read_draft(req, NULL, &doc);

	if (!rc)
		rc = lt_app_directive_update(req->db, &req->actor, req->params[0], doc, &req->arena,
					     &v, &req->err);
	json_decref(doc);
	return rc ? rc : reply_view(req, rc, 200, &v);
}

int lt_api_directive_issue(lt_http_req *req)
{
	const char *dry = lt_req_query(req, "dry_run");
	bool dry_run = dry && !strcmp(dry, "1");
	lt_directive_view v;
	int64_t n = 0;
	int rc = lt_app_directive_issue(req->db, &req->actor, req->params[0], dry_run, &n,
					&req->arena, &v, &req->err);

	if (rc)
		return rc;
	if (dry_run)
		return lt_reply_json(req, 200, json_pack("{s:b,s:I}", "dry_run", 1, "recipients",
							 (json_int_t)n));
	return reply_view(req, rc, 200, &v);
}

int lt_api_directive_ack(lt_http_req *req)
{
	lt_directive_view v;
	int rc = lt_app_directive_ack(req->db, &req->actor, req->params[0], 0, &req->arena, &v,
				      &req->err);

	return rc ? rc : reply_view(req, rc, 200, &v);
}

int lt_api_directive_receipts(lt_http_req *req)
{
	lt_receipt *items;
	lt_receipt_counts c;
	lt_page pg;
	size_t n;
	int rc = lt_page_or_reply(req, &pg);

	if (!rc)
		rc = lt_app_directive_receipts_page(req->db, &req->actor, req->params[0],
						    lt_req_query(req, "state"), &pg, &req->arena,
						    &items, &n, &c, &req->err);
	return rc ? rc
		  : lt_reply_json(req, 200, lt_app_directive_receipts_page_json(items, n, &c, pg.limit,
										 &req->arena));
}

int lt_api_directive_cascade(lt_http_req *req)
{
	lt_directive_view v;
	int rc = lt_app_directive_cascade(req->db, &req->actor, req->params[0], 0, &req->arena, &v,
					  &req->err);

	return rc ? rc : reply_view(req, rc, 201, &v);
}

int lt_api_directive_amend(lt_http_req *req)
{
	lt_directive_view v;
	int rc = lt_app_directive_amend(req->db, &req->actor, req->params[0], &req->arena, &v,
					&req->err);

	return rc ? rc : reply_view(req, rc, 201, &v);
}

int lt_api_directive_chain(lt_http_req *req)
{
	lt_directive_chain c;
	int rc = lt_app_directive_chain(req->db, &req->actor, req->params[0], &req->arena, &c,
					&req->err);

	return rc ? rc : lt_reply_json(req, 200, lt_app_directive_chain_json(&c));
}

/*
 * POST /api/v1/directives/parse: the body is a letter as plain text or a
 * .docx (told apart by content). ?draft=1 also saves it as a draft.
 */
int lt_api_directive_parse(lt_http_req *req)
{
	const char *draft = lt_req_query(req, "draft");
	json_t *out = NULL;
	int64_t id = 0;
	int rc = lt_app_directive_parse(req->db, &req->actor, req->body, req->body_len,
					draft && !strcmp(draft, "1"), &out, &id, &req->err);

	return rc ? rc : lt_reply_json(req, id ? 201 : 200, out);
}

/* GET /api/v1/directives/{id}/document?format=pdf|docx: the công văn itself. */
int lt_api_directive_document(lt_http_req *req)
{
	const char *format = lt_req_query(req, "format"), *type = NULL;
	lt_buf out;
	int rc;

	lt_buf_init(&out, 64u << 20);
	rc = lt_app_directive_document(req->db, &req->actor, req->params[0], format, &req->arena,
				       &out, &type, &req->err);
	if (!rc) {
		rc = lt_reply_bytes(req, 200, type, out.ptr, out.len);
		lt_reply_header(req, "Content-Disposition",
				lt_arena_printf(&req->arena, "attachment; filename=\"cong-van-%lld.%s\"",
						(long long)req->params[0], format ? format : "pdf"));
	}
	lt_buf_free(&out);
	return rc;
}
