/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* report_sign.c — sign a report's revision on a PKCS#11 token; see report_sign.h. */
#include "app/report_sign.h"
#include "app/report_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "core/clock.h"
#include "core/password.h"
#include "render/doc_pdf.h"
#include "render/pdf_sign.h"
#include "render/report_render.h"
#include "store/audit.h"

/* An officer of the unit or above it, or the console; never a cadre. */
static int may_sign(const lt_actor *who, const lt_unit *u, lt_error *e)
{
	if (who->kind == LT_ACTOR_OPERATOR)
		return 0;
	if (who->kind == LT_ACTOR_USER && who->role >= LT_ROLE_OFFICER && lt_actor_reads(who, u->path))
		return 0;
	return lt_error_set(e, LT_EFORBIDDEN, "role",
			    "Chỉ cán bộ công đoàn của đơn vị hoặc cấp trên mới ký được báo cáo",
			    "Only an officer of the unit or of a unit above it signs a report");
}

/* Revision r->rev rendered as PDF (appended to pdf) with the signature's place. */
static int render_rev(lt_db *db, const lt_report *r, lt_arena *a, lt_buf *pdf,
		      lt_doc_pdf_spot *spot, char sha[65], lt_error *e)
{
	json_t *snap = NULL;
	lt_doc *d = NULL;
	int rc = lt_app_report_snapshot(db, r->id, r->rev, a, &snap, sha, e);

	if (!rc)
		rc = lt_doc_pdf_init(e);
	if (!rc)
		rc = lt_report_doc(snap, sha, &d, e);
	if (!rc)
		rc = lt_doc_render_pdf_spot(d, pdf, spot, e);
	lt_doc_free(d);
	json_decref(snap);
	return rc;
}

/* Store the record in one transaction, if the report (ctx: its ref) still stands at s->rev. */
static int record(lt_db *db, const lt_actor *who, void *ctx, lt_report_sig *s, lt_arena *a,
		  lt_error *e)
{
	const lt_report_ref *ref = ctx;
	lt_report r;
	int rc = lt_db_begin(db, e);

	if (rc)
		return rc;
	rc = lt_report_open(db, ref->directive, ref->unit, a, &r, e);
	if (!rc && (r.rev != s->rev || !lt_report_state_signable(r.status)))
		rc = lt_error_set(e, LT_ECONFLICT, "status",
				  "Báo cáo đã thay đổi trong khi ký: hãy ký lại",
				  "The report changed while it was being signed: sign it again");
	if (!rc)
		rc = lt_report_sig_add(db, s, &s->id, e);
	if (!rc) {
		char detail[256];
		lt_app_sign_audit_detail(s, detail, sizeof(detail));
		rc = lt_audit(db, lt_actor_audit_id(who), "sign", "report", r.id, detail, e);
	}
	return lt_db_end(db, rc, e);
}

int lt_app_report_sign(lt_db *db, const lt_actor *who, const lt_report_sign_in *in, lt_arena *a,
		       lt_report_sig *out, lt_buf *pdf, lt_error *e)
{
	lt_unit u;
	lt_report r;
	lt_report_sig s, had;
	lt_sign_place place = { .reason = "Ký ban hành báo cáo" };
	lt_report_ref ref = in->ref;
	lt_buf plain;
	char sha[65] = "";
	int rc;

	memset(&s, 0, sizeof(s));
	lt_buf_init(&plain, 64u << 20);
	rc = lt_app_report_target(db, who, &in->ref, a, &u, e);
	if (!rc)
		rc = may_sign(who, &u, e);
	if (!rc)
		rc = lt_app_sign_how_check(&in->how, e);
	if (!rc)
		rc = lt_report_find(db, in->ref.directive, u.id, a, &r, e);
	if (!rc && !lt_report_state_signable(r.status))
		rc = lt_error_set(e, LT_ECONFLICT, "status",
				  "Chỉ ký được báo cáo đã nộp hoặc đã duyệt (báo cáo đang ở trạng thái %s)",
				  "Only a submitted or accepted report can be signed (it is %s)",
				  r.status);
	if (!rc) {
		rc = lt_report_sig_get(db, r.id, r.rev, false, a, &had, e);
		if (rc == 1)
			rc = lt_error_set(e, LT_ECONFLICT, "rev", "Lần nộp %d đã được ký",
					  "Revision %d is signed already", r.rev);
	}
	if (!rc)
		rc = render_rev(db, &r, a, &plain, &place.spot, sha, e);
	if (!rc) {
		place.location = lt_report_place(u.name);
		place.org = u.name;
		s.report_id = r.id;
		s.rev = r.rev;
		s.revision_sha256 = lt_arena_strdup(a, sha);
		rc = lt_app_sign_doc(db, who, &in->how, &place, (const uint8_t *)plain.ptr, plain.len,
				     record, &ref, a, &s, pdf, e);
	}
	if (!rc && out)
		*out = s;
	lt_buf_free(&plain);
	return rc;
}

int lt_app_report_signature(lt_db *db, const lt_actor *who, const lt_report_ref *ref, int rev,
			    bool with_pdf, lt_arena *a, lt_report_sig *out, lt_error *e)
{
	lt_unit u;
	lt_report r;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = lt_app_report_look(db, who, ref, a, &u, &r, e);
	if (!rc && rev <= 0)
		rev = r.rev;
	if (!rc) {
		rc = r.id ? lt_report_sig_get(db, r.id, rev, with_pdf, a, out, e) : 0;
		if (rc == 0)
			rc = lt_error_set(e, LT_ENOTFOUND, "rev", "Lần nộp %d chưa được ký",
					  "Revision %d is not signed", rev);
	}
	return rc < 0 ? rc : 0;
}

int lt_app_report_signatures(lt_db *db, const lt_actor *who, const lt_report_ref *ref,
			     lt_arena *a, lt_report_sig **out, size_t *n, lt_error *e)
{
	lt_unit u;
	lt_report r;
	int rc;

	*out = NULL;
	*n = 0;
	rc = lt_app_report_look(db, who, ref, a, &u, &r, e);
	if (!rc && r.id)
		rc = lt_report_sig_list(db, r.id, a, out, n, e);
	return rc;
}

json_t *lt_app_report_sig_json(const lt_report_sig *s)
{
	json_t *seal = s->seal_name ? json_pack("{s:s,s:s?,s:s?,s:s?,s:I}", "signed_by", s->seal_name,
						"subject", s->seal_subject, "issuer", s->seal_issuer,
						"serial", s->seal_serial, "not_after",
						(json_int_t)s->seal_not_after)
				    : json_null();

	return json_pack("{s:i,s:s,s:o?,s:s,s:s?,s:I,s:{s:s,s:s,s:s,s:I},s:s,s:I,s:o}", "rev", s->rev,
			 "revision_sha256", s->revision_sha256, "signed_by_user",
			 s->signed_by ? json_integer(s->signed_by) : NULL, "signed_by",
			 s->signer_name, "position", s->position, "signed_at",
			 (json_int_t)s->signed_at, "certificate", "subject", s->cert_subject,
			 "issuer", s->cert_issuer, "serial", s->cert_serial, "not_after",
			 (json_int_t)s->cert_not_after, "pdf_sha256", s->pdf_sha256, "pdf_bytes",
			 (json_int_t)s->pdf_len, "seal", seal);
}

int lt_app_report_sign_server(lt_db *db, const lt_actor *who, const lt_report_ref *ref,
			      const lt_signing_config *cfg, lt_arena *a, lt_report_sig *out,
			      lt_error *e)
{
	lt_report_sign_in in = { .ref = *ref };
	lt_unit u;
	char pin[256] = "", seal_pin[256] = "";
	int rc = lt_app_report_target(db, who, ref, a, &u, e);

	/* Access first: a stranger learns nothing of the server's token. */
	if (!rc)
		rc = may_sign(who, &u, e);
	if (!rc)
		rc = lt_app_sign_server_how(who, cfg, "lantoa report sign", a, &in.how, pin,
					    sizeof(pin), e);
	/* The agency's key when the server has one; without, the person's signature alone. */
	if (!rc)
		rc = lt_app_sign_server_seal(cfg, &in.how, seal_pin, sizeof(seal_pin), e);
	if (!rc)
		rc = lt_app_report_sign(db, who, &in, a, out, NULL, e);
	rc = lt_app_sign_server_rc(who, rc, e);
	sodium_memzero(pin, sizeof(pin));
	sodium_memzero(seal_pin, sizeof(seal_pin));
	return rc;
}
