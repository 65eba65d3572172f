/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * api_reports.c — a unit's report on a directive over HTTP:
 * /api/v1/directives/{id}/units/{id}/report[/…], plus the completeness
 * and dashboard views of a directive for the caller's unit.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/access.h"
#include "core/report.h"
#include "http/api.h"
#include "app/report_mail.h"
#include "render/report_render.h"
#include "store/directive.h"
#include "store/mail.h"
#include "store/report.h"
#include "store/rollup.h"

/* The directive (params[0]) must be readable by the caller, and the unit (params[1]) in scope. */
static int target(lt_http_req *req, lt_unit *u)
{
	lt_directive_meta m;
	int rc = lt_directive_get(req->db, req->params[0], &req->arena, &m, NULL, &req->err);

	if (rc)
		return rc;
	if (lt_directive_access(req->db, &m, req->user.unit_id, req->user.unit_path) == LT_DIR_NONE)
		return lt_req_fail(req, LT_ENOTFOUND, "id", "Không có công văn này", "No such directive");
	return lt_api_unit_in_scope(req, req->params[1], u);
}

/* The unit itself writes its report; officers above it review. */
static int need_own(lt_http_req *req, const lt_unit *u)
{
	if (req->user.unit_id != u->id)
		return lt_req_fail(req, LT_EFORBIDDEN, "unit_id",
				   "Chỉ đơn vị báo cáo mới sửa hoặc nộp được báo cáo của mình",
				   "Only the reporting unit edits or submits its report");
	return 0;
}

static int need_reviewer(lt_http_req *req, const lt_unit *u)
{
	if (!lt_access_structure(req->user.role, req->user.unit_path, u->path))
		return lt_req_fail(req, LT_EFORBIDDEN, "unit_id",
				   "Chỉ cán bộ đơn vị cấp trên mới duyệt hoặc trả lại được",
				   "Only officers of a unit above it review a report");
	return 0;
}

static bool small(const lt_unit *u)
{
	return u->child_count < 2000;
}

static json_t *report_json(const lt_report *r)
{
	return json_pack("{s:I,s:s,s:s?,s:i,s:O,s:o?,s:o?,s:o?}", "id", (json_int_t)r->id, "status",
			 r->status, "number", r->number, "rev", r->rev, "narrative", r->narrative,
			 "first_submitted_at",
			 r->first_submitted_at ? json_integer(r->first_submitted_at) : NULL,
			 "last_submitted_at",
			 r->last_submitted_at ? json_integer(r->last_submitted_at) : NULL,
			 "accepted_at", r->accepted_at ? json_integer(r->accepted_at) : NULL);
}

static bool basis_submitted(lt_http_req *req)
{
	const char *b = lt_req_query(req, "basis");
	return b && !strcmp(b, "accepted_submitted");
}

int lt_api_report_get(lt_http_req *req)
{
	lt_unit u;
	lt_report r = { 0 };
	lt_rollup_opts o = { 0 };
	json_t *snap = NULL, *revs = NULL, *out;
	char sha[65] = "";
	int rc = target(req, &u);

	if (!rc)
		rc = lt_report_open(req->db, req->params[0], u.id, &req->arena, &r, &req->err);
	/* A draft shows the live roll-up; otherwise the last submitted revision. */
	if (!rc && (!strcmp(r.status, "draft") || !strcmp(r.status, "returned"))) {
		o.include_submitted = basis_submitted(req);
		o.per_unit = small(&u);
		rc = lt_rollup_collect(req->db, req->params[0], u.id, &o, &snap, &req->err);
	} else if (!rc) {
		rc = lt_report_revision(req->db, r.id, r.rev, &snap, sha, &req->err);
	}
	if (!rc)
		rc = lt_report_revisions(req->db, r.id, &revs, &req->err);
	if (rc) {
		json_decref(snap);
		lt_report_clear(&r);
		return rc;
	}
	out = json_pack("{s:o,s:o,s:o,s:b,s:b}", "report", report_json(&r), "snapshot", snap,
			"revisions", revs, "can_edit", req->user.unit_id == u.id, "can_review",
			lt_access_structure(req->user.role, req->user.unit_path, u.path));
	if (sha[0])
		json_object_set_new(out, "sha256", json_string(sha));
	lt_report_clear(&r);
	return lt_reply_json(req, 200, out);
}

int lt_api_report_narrative(lt_http_req *req)
{
	lt_unit u;
	lt_report r = { 0 };
	json_t *b = NULL;
	int rc = target(req, &u);

	if (!rc)
		rc = need_own(req, &u);
	if (!rc)
		rc = lt_req_json_or_reply(req, (const char *const[]){ "narrative", NULL }, &b);
	if (!rc)
		rc = lt_report_open(req->db, req->params[0], u.id, &req->arena, &r, &req->err);
	if (!rc)
		rc = lt_report_set_narrative(req->db, r.id, json_object_get(b, "narrative"), req->user.id,
					     &req->err);
	json_decref(b);
	lt_report_clear(&r);
	return rc ? rc : lt_api_report_get(req);
}

int lt_api_report_submit(lt_http_req *req)
{
	lt_unit u;
	lt_report r = { 0 };
	lt_rollup_opts o = { 0 };
	json_t *b = NULL, *snap = NULL;
	const char *kind = NULL, *basis = NULL;
	int rev = 0, rc = target(req, &u);

	if (!rc)
		rc = need_own(req, &u);
	if (!rc)
		rc = lt_req_json_or_reply(req, (const char *const[]){ "kind", "basis", NULL }, &b);
	if (!rc)
		rc = lt_json_str_or_reply(req, b, "kind", false, 16, &kind);
	if (!rc)
		rc = lt_json_str_or_reply(req, b, "basis", false, 32, &basis);
	json_decref(b);
	if (!rc && basis && strcmp(basis, "accepted") && strcmp(basis, "accepted_submitted"))
		rc = lt_req_fail(req, LT_EINVAL, "basis", "basis là accepted hoặc accepted_submitted",
				 "basis is accepted or accepted_submitted");
	o.include_submitted = basis && !strcmp(basis, "accepted_submitted");
	o.per_unit = small(&u);
	if (!rc)
		rc = lt_report_open(req->db, req->params[0], u.id, &req->arena, &r, &req->err);
	if (!rc)
		rc = lt_rollup_collect(req->db, req->params[0], u.id, &o, &snap, &req->err);
	if (!rc)
		rc = lt_report_submit(req->db, r.id, kind ? kind : "final", snap, req->user.id, &rev,
				      &req->err);
	json_decref(snap);
	lt_report_clear(&r);
	return rc ? rc : lt_api_report_get(req);
}

/* return / accept / reopen */
static int review(lt_http_req *req, int which)
{
	lt_unit u;
	lt_report r = { 0 };
	json_t *b = NULL;
	const char *text = NULL;
	int rc = target(req, &u);

	if (!rc && which == 2 && req->user.unit_id != u.id)
		rc = need_reviewer(req, &u);
	else if (!rc && which != 2)
		rc = need_reviewer(req, &u);
	if (!rc && which != 1) {
		rc = lt_req_json_or_reply(req, (const char *const[]){ "comment", "reason", NULL }, &b);
		if (!rc)
			rc = lt_json_str_or_reply(req, b, which == 0 ? "comment" : "reason", true, 4000,
						  &text);
	}
	if (!rc)
		rc = lt_report_open(req->db, req->params[0], u.id, &req->arena, &r, &req->err);
	if (!rc)
		rc = which == 0   ? lt_report_return(req->db, r.id, text, req->user.id, &req->err)
		     : which == 1 ? lt_report_accept(req->db, r.id, req->user.id, &req->err)
				  : lt_report_reopen(req->db, r.id, text, req->user.id, &req->err);
	json_decref(b);
	lt_report_clear(&r);
	return rc ? rc : lt_api_report_get(req);
}

int lt_api_report_return(lt_http_req *req)
{
	return review(req, 0);
}

int lt_api_report_accept(lt_http_req *req)
{
	return review(req, 1);
}

int lt_api_report_reopen(lt_http_req *req)
{
	return review(req, 2);
}

/* Read ?rev= (default: the last), with the report. */
static int rev_param(lt_http_req *req, const char *name, const lt_report *r, int *rev)
{
	int64_t v = r->rev;
	int rc = lt_query_int_or_reply(req, name, &v);

	*rev = (int)v;
	return rc;
}

int lt_api_report_compare(lt_http_req *req)
{
	lt_unit u;
	lt_report r = { 0 };
	json_t *a = NULL, *b = NULL;
	char sha[65];
	int from = 0, to = 0, rc = target(req, &u);

	if (!rc)
		rc = lt_report_open(req->db, req->params[0], u.id, &req->arena, &r, &req->err);
	if (!rc)
		rc = rev_param(req, "from", &r, &from);
	if (!rc)
		rc = rev_param(req, "to", &r, &to);
	if (!rc)
		rc = lt_report_revision(req->db, r.id, from, &a, sha, &req->err);
	if (!rc)
		rc = lt_report_revision(req->db, r.id, to, &b, sha, &req->err);
	if (!rc)
		rc = lt_reply_json(req, 200, json_pack("{s:i,s:i,s:o}", "from", from, "to", to,
						       "changes", lt_report_compare(a, b)));
	json_decref(a);
	json_decref(b);
	lt_report_clear(&r);
	return rc;
}

int lt_api_report_verify(lt_http_req *req)
{
	lt_unit u;
	lt_report r = { 0 };
	char stored[65] = "", computed[65] = "";
	bool ok = false;
	int rev = 0, rc = target(req, &u);

	if (!rc)
		rc = lt_report_open(req->db, req->params[0], u.id, &req->arena, &r, &req->err);
	if (!rc)
		rc = rev_param(req, "rev", &r, &rev);
	if (!rc)
		rc = lt_report_verify(req->db, r.id, rev, &ok, stored, computed, &req->err);
	lt_report_clear(&r);
	if (rc)
		return rc;
	return lt_reply_json(req, 200, json_pack("{s:i,s:b,s:s,s:s}", "rev", rev, "ok", ok,
						 "sha256", stored, "computed", computed));
}

int lt_api_report_document(lt_http_req *req)
{
	lt_unit u;
	lt_report r = { 0 };
	lt_rollup_opts o = { 0 };
	json_t *snap = NULL;
	lt_buf out;
	char sha[65] = "";
	const char *format = lt_req_query(req, "format"), *type = NULL, *ext = NULL;
	int64_t want = -1;
	int rc = target(req, &u);

	lt_buf_init(&out, 128u << 20);
	if (!rc)
		rc = lt_report_open(req->db, req->params[0], u.id, &req->arena, &r, &req->err);
	if (!rc)
		rc = lt_query_int_or_reply(req, "rev", &want);
	if (!rc && (want > 0 || (want < 0 && r.rev > 0)))
		rc = lt_report_revision(req->db, r.id, want > 0 ? (int)want : r.rev, &snap, sha,
					&req->err);
	else if (!rc) {
		o.include_submitted = basis_submitted(req);
		o.per_unit = small(&u);
		rc = lt_rollup_collect(req->db, req->params[0], u.id, &o, &snap, &req->err);
		if (!rc)
			json_object_set(snap, "narrative", r.narrative);
	}
	if (!rc)
		rc = lt_report_render(snap, sha[0] ? sha : NULL, format ? format : "pdf", &out, &type,
				      &ext, &req->err);
	if (!rc) {
		rc = lt_reply_bytes(req, 200, type, out.ptr, out.len);
		lt_reply_header(req, "Content-Disposition",
				!strcmp(ext, "html")
					? "inline"
					: lt_arena_printf(&req->arena,
							  "attachment; filename=\"bao-cao-%s.%s\"",
							  u.code, ext));
	}
	json_decref(snap);
	lt_buf_free(&out);
	lt_report_clear(&r);
	return rc;
}

int lt_api_report_send(lt_http_req *req)
{
	lt_unit u;
	lt_report r = { 0 };
	json_t *b = NULL, *log = NULL;
	const char *to = NULL;
	int64_t mail = 0;
	int rc = target(req, &u);

	if (!rc)
		rc = need_own(req, &u);
	if (!rc && req->body_len)
		rc = lt_req_json_or_reply(req, (const char *const[]){ "to", NULL }, &b);
	if (!rc)
		rc = lt_json_str_or_reply(req, b, "to", false, 254, &to);
	if (!rc)
		rc = lt_report_open(req->db, req->params[0], u.id, &req->arena, &r, &req->err);
	if (!rc)
		rc = lt_report_mail(req->db, r.id, to, &mail, &req->err);
	if (!rc)
		rc = lt_mail_log(req->db, "report", r.id, &log, &req->err);
	json_decref(b);
	lt_report_clear(&r);
	if (rc)
		return rc;
	/* The mail worker delivers it within seconds; the log shows each attempt. */
	return lt_reply_json(req, 202, json_pack("{s:I,s:o}", "mail_id", (json_int_t)mail, "mail", log));
}

int lt_api_report_mail(lt_http_req *req)
{
	lt_unit u;
	lt_report r = { 0 };
	json_t *log = NULL;
	int rc = target(req, &u);

	if (!rc)
		rc = lt_report_open(req->db, req->params[0], u.id, &req->arena, &r, &req->err);
	if (!rc)
		rc = lt_mail_log(req->db, "report", r.id, &log, &req->err);
	lt_report_clear(&r);
	return rc ? rc : lt_reply_json(req, 200, json_pack("{s:o}", "items", log));
}

/* GET /api/v1/directives/{id}/dashboard?unit_id=&basis= : the officer's view. */
int lt_api_directive_dashboard(lt_http_req *req)
{
	lt_unit u;
	lt_rollup_opts o = { 0 };
	json_t *snap = NULL;
	int64_t unit = req->user.unit_id;
	int rc = lt_query_int_or_reply(req, "unit_id", &unit);

	req->params[1] = unit;
	if (!rc)
		rc = target(req, &u);
	o.include_submitted = basis_submitted(req);
	o.per_unit = small(&u);
	if (!rc)
		rc = lt_rollup_collect(req->db, req->params[0], u.id, &o, &snap, &req->err);
	return rc ? rc : lt_reply_json(req, 200, snap);
}
