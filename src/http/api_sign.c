/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * api_sign.c — a directive's digital signature (sign on the server's token,
 * its state and check, its signed PDF) and the check of any uploaded PDF.
 * Adapters over app/directive_sign.h and app/report_sign.h.
 */
#include <stdlib.h>
#include <string.h>

#include "app/directive_sign.h"
#include "app/report_sign.h"
#include "http/api.h"

/* The server's trust anchors for checks ([signing] ca_file; "" → the system's). */
static lt_sign_trust trust_of(const lt_http_req *req)
{
	return (lt_sign_trust){ .ca_file = req->app->signing.ca_file[0] ? req->app->signing.ca_file
									   : NULL };
}

/* POST /api/v1/directives/{id}/sign: 201 {signature}. */
int lt_api_directive_sign(lt_http_req *req)
{
	lt_report_sig s;
	int rc = lt_app_directive_sign_server(req->db, &req->actor, req->params[0],
					      &req->app->signing, &req->arena, &s, &req->err);

	return rc ? rc : lt_reply_json(req, 201, json_pack("{s:o}", "signature",
							   lt_app_directive_sig_json(&s)));
}

/* GET /api/v1/directives/{id}/signature: whether it is signed, by whom, and whether that verifies. */
int lt_api_directive_signature(lt_http_req *req)
{
	lt_sign_trust trust = trust_of(req);
	lt_directive_sig_state st;
	int rc = lt_app_directive_signature(req->db, &req->actor, req->params[0], &trust,
					    &req->arena, &st, &req->err);

	if (!rc)
		rc = lt_reply_json(req, 200, lt_app_directive_sig_state_json(&st));
	lt_app_directive_sig_state_free(&st);
	return rc;
}

/* GET /api/v1/directives/{id}/signature/pdf?rev=: the signed PDF as stored (rev 0: the current one). */
int lt_api_directive_signed_pdf(lt_http_req *req)
{
	lt_report_sig s;
	int64_t rev = 0;
	int rc = lt_query_int_or_reply(req, "rev", &rev);

	if (!rc && (rev < 0 || rev > 1000000))
		rc = lt_req_fail(req, LT_EINVAL, "rev", "Số thứ tự chữ ký không hợp lệ",
				 "Invalid signature number");
	if (!rc)
		rc = lt_app_directive_signed_pdf(req->db, &req->actor, req->params[0], (int)rev,
						 &req->arena, &s, &req->err);
	if (!rc) {
		rc = lt_reply_bytes(req, 200, "application/pdf", s.pdf, s.pdf_len);
		lt_reply_header(req, "Content-Disposition",
				lt_arena_printf(&req->arena,
						"attachment; filename=\"cong-van-%lld-da-ky-%d.pdf\"",
						(long long)req->params[0], s.rev));
	}
	return rc;
}

/* GET /api/v1/directives/{id}/annex: the list of recipient units sent with it, signed once the directive is. */
int lt_api_directive_annex(lt_http_req *req)
{
	lt_buf out;
	bool signed_now = false;
	int rc;

	lt_buf_init(&out, 64u << 20);
	rc = lt_app_directive_annex(req->db, &req->actor, req->params[0], &req->arena, &out,
				    &signed_now, &req->err);
	if (!rc) {
		rc = lt_reply_bytes(req, 200, "application/pdf", out.ptr, out.len);
		lt_reply_header(req, "Content-Disposition",
				lt_arena_printf(&req->arena,
						"attachment; filename=\"cong-van-%lld-kem-theo%s.pdf\"",
						(long long)req->params[0], signed_now ? "-da-ky" : ""));
	}
	lt_buf_free(&out);
	return rc;
}

/* POST /api/v1/doc/verify (body: the PDF): what `lantoa doc verify --json` prints. */
int lt_api_doc_verify(lt_http_req *req)
{
	lt_sign_trust trust = trust_of(req);
	lt_doc_verdict v;
	int rc = lt_app_doc_verify_upload(&req->actor, (const uint8_t *)req->body, req->body_len,
					  &trust, &v, &req->err);

	if (!rc)
		rc = lt_reply_json(req, 200, lt_app_doc_verdict_json(&v));
	free(v.check.v);
	return rc;
}
