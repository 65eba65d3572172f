/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * api_reports.c — a unit's report on a directive over HTTP:
 * /api/v1/directives/{id}/units/{id}/report[/…], plus the dashboard of a
 * directive for a unit. Adapters: parse, call one app/report.h use case
 * with the request's actor, serialise.
 */
#include <string.h>

#include "app/report.h"
#include "app/report_level.h"
#include "app/report_sign.h"
#include "core/page.h"
#include "http/api.h"

static lt_report_ref ref_of(const lt_http_req *req)
{
	return (lt_report_ref){ req->params[0], req->params[1] };
}

static bool with_submitted(lt_http_req *req)
{
	const char *b = lt_req_query(req, "basis");
	return b && !strcmp(b, "accepted_submitted");
}

/* Reply with the report view (and release it). */
static int reply_view(lt_http_req *req, lt_report_view *v)
{
	json_t *out = lt_app_report_json(v);

	lt_app_report_view_free(v);
	return lt_reply_json(req, 200, out);
}

int lt_api_report_get(lt_http_req *req)
{
	lt_report_ref ref = ref_of(req);
	lt_report_view v;
	lt_report_level lv;
	lt_page pg;
	json_t *out;
	int rc = lt_page_or_reply(req, &pg);

	if (!rc)
		rc = lt_app_report_level(req->db, &req->actor, &ref, &req->arena, &lv, &req->err);
	if (!rc)
		rc = lt_app_report_get(req->db, &req->actor, &ref, with_submitted(req), &req->arena,
				       &v, &req->err);
	if (rc)
		return rc;
	/* The children of the unit come a page at a time (?limit=&cursor=). */
	if (v.snapshot)
		lt_app_snapshot_page(v.snapshot, &pg, &req->arena);
	out = lt_app_report_json(&v);
	lt_app_report_view_free(&v);
	if (out)
		json_object_set_new(out, "level", lt_app_report_level_json(&lv));
	return lt_reply_json(req, 200, out);
}

/* GET …/report/children: the unit's recipient children and their reports' states, paged. */
int lt_api_report_children(lt_http_req *req)
{
	lt_report_ref ref = ref_of(req);
	lt_report_child *v = NULL;
	const char *next = NULL;
	size_t n = 0;
	lt_page pg;
	int rc = lt_page_or_reply(req, &pg);

	if (!rc)
		rc = lt_app_report_children(req->db, &req->actor, &ref, &pg, &req->arena, &v, &n,
					    &next, &req->err);
	return rc ? rc : lt_reply_json(req, 200, lt_app_report_children_json(v, n, next));
}

int lt_api_report_narrative(lt_http_req *req)
{
	lt_report_ref ref = ref_of(req);
	lt_report_view v;
	json_t *b = NULL;
	int rc = lt_req_json_or_reply(req, (const char *const[]){ "narrative", NULL }, &b);

	if (!rc)
		rc = lt_app_report_narrative(req->db, &req->actor, &ref, json_object_get(b, "narrative"),
					     &req->arena, &v, &req->err);
	json_decref(b);
	return rc ? rc : reply_view(req, &v);
}

int lt_api_report_submit(lt_http_req *req)
{
	lt_report_submit_in in = { .ref = ref_of(req) };
	lt_report_view v;
	json_t *b = NULL;
	int rc = lt_req_json_or_reply(req, (const char *const[]){ "kind", "basis", NULL }, &b);

	if (!rc)
		rc = lt_json_str_or_reply(req, b, "kind", false, 16, &in.kind);
	if (!rc)
		rc = lt_json_str_or_reply(req, b, "basis", false, 32, &in.basis);
	if (!rc)
		rc = lt_app_report_submit(req->db, &req->actor, &in, NULL, &req->arena, &v, &req->err);
	json_decref(b);
	return rc ? rc : reply_view(req, &v);
}

/* return (comment) / accept / reopen (reason) */
static int review(lt_http_req *req, lt_report_act act)
{
	lt_report_ref ref = ref_of(req);
	lt_report_view v;
	json_t *b = NULL;
	const char *text = NULL;
	int rc = 0;

	if (act != LT_REPORT_ACCEPT) {
		rc = lt_req_json_or_reply(req, (const char *const[]){ "comment", "reason", NULL }, &b);
		if (!rc)
			rc = lt_json_str_or_reply(req, b, act == LT_REPORT_RETURN ? "comment" : "reason",
						  false, 4000, &text);
	}
	if (!rc)
		rc = lt_app_report_review(req->db, &req->actor, &ref, act, text, &req->arena, &v,
					  &req->err);
	json_decref(b);
	return rc ? rc : reply_view(req, &v);
}

int lt_api_report_return(lt_http_req *req)
{
	return review(req, LT_REPORT_RETURN);
}

int lt_api_report_accept(lt_http_req *req)
{
	return review(req, LT_REPORT_ACCEPT);
}

int lt_api_report_reopen(lt_http_req *req)
{
	return review(req, LT_REPORT_REOPEN);
}

/* ?name= as a revision number (absent: 0, the last). */
static int rev_param(lt_http_req *req, const char *name, int *rev)
{
	int64_t v = 0;
	int rc = lt_query_int_or_reply(req, name, &v);

	if (!rc && (v < 0 || v > 1000000))
		rc = lt_req_fail(req, LT_EINVAL, name, "Số lần nộp không hợp lệ", "Invalid revision");
	*rev = (int)v;
	return rc;
}

int lt_api_report_compare(lt_http_req *req)
{
	lt_report_ref ref = ref_of(req);
	json_t *changes = NULL;
	int from = 0, to = 0, rc = rev_param(req, "from", &from);

	if (!rc)
		rc = rev_param(req, "to", &to);
	if (!rc)
		rc = lt_app_report_compare(req->db, &req->actor, &ref, &from, &to, &changes, &req->err);
	if (rc)
		return rc;
	return lt_reply_json(req, 200, json_pack("{s:i,s:i,s:o}", "from", from, "to", to, "changes",
						 changes));
}

int lt_api_report_verify(lt_http_req *req)
{
	lt_report_ref ref = ref_of(req);
	lt_report_check c;
	int rev = 0, rc = rev_param(req, "rev", &rev);

	if (!rc)
		rc = lt_app_report_verify(req->db, &req->actor, &ref, rev, &c, &req->err);
	return rc ? rc : lt_reply_json(req, 200, lt_app_report_check_json(&c));
}

int lt_api_report_document(lt_http_req *req)
{
	lt_report_file_in in = { .ref = ref_of(req), .format = lt_req_query(req, "format") };
	lt_report_file d;
	int rc = rev_param(req, "rev", &in.rev);

	in.with_submitted = with_submitted(req);
	lt_buf_init(&d.bytes, 128u << 20);
	if (!rc)
		rc = lt_app_report_document(req->db, &req->actor, &in, &req->arena, &d, &req->err);
	if (!rc) {
		rc = lt_reply_bytes(req, 200, d.type, d.bytes.ptr, d.bytes.len);
		if (!strcmp(d.ext, "html"))
			lt_reply_header(req, "Content-Disposition", "inline");
		else
			lt_reply_attachment(req, d.filename, d.filename_utf8);
	}
	lt_buf_free(&d.bytes);
	return rc;
}

/* The signature of a revision (?rev, default the last) and the check of its stored PDF. */
int lt_api_report_signature(lt_http_req *req)
{
	lt_report_ref ref = ref_of(req);
	lt_report_sig_view v;
	int rev = 0, rc = rev_param(req, "rev", &rev);

	lt_sign_trust trust = { .ca_file = req->app->signing.ca_file[0] ? req->app->signing.ca_file
									 : NULL };

	if (!rc)
		rc = lt_app_report_signature_check(req->db, &req->actor, &ref, rev, &trust,
						   &req->arena, &v, &req->err);
	if (!rc)
		rc = lt_reply_json(req, 200, lt_app_report_sig_view_json(&v));
	lt_app_report_sig_view_free(&v);
	return rc;
}

/* Sign the last revision on the server's token ([signing]); 201 with the signature. */
int lt_api_report_sign(lt_http_req *req)
{
	lt_report_ref ref = ref_of(req);
	lt_report_sig s;
	int rc = lt_app_report_sign_server(req->db, &req->actor, &ref, &req->app->signing,
					   &req->arena, &s, &req->err);

	return rc ? rc : lt_reply_json(req, 201, json_pack("{s:o}", "signature", lt_app_report_sig_json(&s)));
}

/* The signed PDF as stored: the rendered revision and its signature's update. */
int lt_api_report_signed_pdf(lt_http_req *req)
{
	lt_report_ref ref = ref_of(req);
	lt_report_sig s;
	int rev = 0, rc = rev_param(req, "rev", &rev);

	if (!rc)
		rc = lt_app_report_signature(req->db, &req->actor, &ref, rev, true, &req->arena, &s,
					     &req->err);
	if (!rc) {
		rc = lt_reply_bytes(req, 200, "application/pdf", s.pdf, s.pdf_len);
		lt_reply_header(req, "Content-Disposition",
				lt_arena_printf(&req->arena,
						"attachment; filename=\"bao-cao-ky-so-lan-%d.pdf\"",
						s.rev));
	}
	return rc;
}

int lt_api_report_send(lt_http_req *req)
{
	lt_report_ref ref = ref_of(req);
	lt_mail_entry *log = NULL;
	json_t *b = NULL;
	const char *to = NULL;
	int64_t mail = 0;
	size_t n = 0;
	int rc = 0;

	if (req->body_len)
		rc = lt_req_json_or_reply(req, (const char *const[]){ "to", NULL }, &b);
	if (!rc)
		rc = lt_json_str_or_reply(req, b, "to", false, 254, &to);
	/* With the log as it stands: the mail worker delivers within seconds. */
	if (!rc)
		rc = lt_app_report_send(req->db, &req->actor, &ref, to, &mail, &req->arena, &log, &n,
					&req->err);
	json_decref(b);
	if (rc)
		return rc;
	return lt_reply_json(req, 202, json_pack("{s:I,s:o}", "mail_id", (json_int_t)mail, "mail",
						 lt_app_mail_log_json(log, n)));
}

int lt_api_report_mail(lt_http_req *req)
{
	lt_report_ref ref = ref_of(req);
	lt_mail_entry *log = NULL;
	size_t n = 0;
	int rc = lt_app_report_mail_log(req->db, &req->actor, &ref, &req->arena, &log, &n, &req->err);

	return rc ? rc : lt_reply_json(req, 200, json_pack("{s:o}", "items", lt_app_mail_log_json(log, n)));
}

/* GET /api/v1/directives/{id}/dashboard?unit_id=&basis= : the officer's view. */
int lt_api_directive_dashboard(lt_http_req *req)
{
	lt_report_ref ref = { req->params[0], req->actor.unit_id };
	json_t *snap = NULL;
	lt_page pg;
	int rc = lt_query_int_or_reply(req, "unit_id", &ref.unit);

	if (!rc)
		rc = lt_page_or_reply(req, &pg);
	if (!rc)
		rc = lt_app_report_rollup(req->db, &req->actor, &ref, with_submitted(req), &snap,
					  &req->err);
	if (!rc)
		lt_app_snapshot_page(snap, &pg, &req->arena);
	return rc ? rc : lt_reply_json(req, 200, snap);
}
