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

/* Sign plain on the token as in says; the signed PDF into out, the certificate into c. */
static int sign_on_token(const lt_report_sign_in *in, const lt_unit *u, const uint8_t *plain,
			 size_t n, const lt_doc_pdf_spot *spot, int64_t now, lt_sign_check *c,
			 lt_buf *out, lt_error *e)
{
	lt_signer_opts so = in->token;
	lt_signer *s = NULL;
	int rc;

	so.now = now;
	rc = lt_signer_open(&so, &s, e);
	if (rc)
		return rc;
	lt_signer_describe(s, c);
	lt_pdf_sign_opts po = {
		.cms = lt_signer_cms, .cms_ctx = s, .when = now, .name = c->signer_cn,
		.reason = "Ký ban hành báo cáo", .location = lt_report_place(u->name),
		.look = LT_PDF_LOOK_SIGNER, .page = spot->page,
		.x = spot->x, .y = spot->y, .w = spot->w, .h = spot->h,
		.signer = c->signer_cn,
		.position = in->position ? in->position : (c->signer_title[0] ? c->signer_title : NULL),
		.org = u->name,
		.sig_png = in->signature_png, .sig_png_len = in->signature_png_len,
		.seal_png = in->seal_png, .seal_png_len = in->seal_png_len,
	};
	rc = lt_pdf_sign(plain, n, &po, out, e);
	lt_signer_close(s);
	/* The images' names as the callers know them. */
	if (rc && !strcmp(e->field, "sig_png"))
		snprintf(e->field, sizeof(e->field), "signature_image");
	else if (rc && !strcmp(e->field, "seal_png"))
		snprintf(e->field, sizeof(e->field), "seal_image");
	return rc;
}

/* The signed PDF must be intact before it is stored (its chain is the reader's business). */
static int self_check(const lt_buf *pdf, lt_error *e)
{
	lt_doc_check dc = { 0 };
	lt_error e1 = { 0 };
	bool ok;

	/* Its verdict may be an untrusted chain (the system's roots): only intact and whole count. */
	if (lt_app_doc_verify((const uint8_t *)pdf->ptr, pdf->len, NULL, &dc, &e1) == LT_ENOMEM) {
		free(dc.v);
		return lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	}
	ok = dc.n > 0 && dc.v[dc.n - 1].whole_file && dc.v[dc.n - 1].check.intact;
	free(dc.v);
	if (!ok)
		return lt_error_set(e, LT_EINTERNAL, "pdf", "Tệp đã ký không tự kiểm tra được: %s",
				    "The signed file does not check: %s", e1.en);
	return 0;
}

/* Store the record in one transaction, if the report still stands at revision rev. */
static int record(lt_db *db, const lt_actor *who, const lt_report_ref *ref, int rev,
		  lt_report_sig *s, lt_arena *a, lt_error *e)
{
	lt_report r;
	int rc = lt_db_begin(db, e);

	if (rc)
		return rc;
	rc = lt_report_open(db, ref->directive, ref->unit, a, &r, e);
	if (!rc && (r.rev != rev || !lt_report_state_signable(r.status)))
		rc = lt_error_set(e, LT_ECONFLICT, "status",
				  "Báo cáo đã thay đổi trong khi ký: hãy ký lại",
				  "The report changed while it was being signed: sign it again");
	if (!rc)
		rc = lt_report_sig_add(db, s, &s->id, e);
	if (!rc) {
		char detail[128];
		snprintf(detail, sizeof(detail), "{\"rev\":%d,\"serial\":\"%.80s\"}", rev,
			 s->cert_serial);
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
	lt_doc_pdf_spot spot;
	lt_sign_check c;
	lt_buf plain, done;
	char sha[65] = "", pdf_sha[65];
	int64_t now = lt_now();
	size_t kept = pdf ? pdf->len : 0;
	int rc;

	memset(&s, 0, sizeof(s));
	lt_buf_init(&plain, 64u << 20);
	lt_buf_init(&done, 64u << 20);
	rc = lt_app_report_target(db, who, &in->ref, a, &u, e);
	if (!rc)
		rc = may_sign(who, &u, e);
	if (!rc && in->position && strlen(in->position) > 200)
		rc = lt_error_set(e, LT_EINVAL, "position", "Chức vụ tối đa 200 byte",
				  "The position is at most 200 bytes");
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
		rc = render_rev(db, &r, a, &plain, &spot, sha, e);
	if (!rc)
		rc = sign_on_token(in, &u, (const uint8_t *)plain.ptr, plain.len, &spot, now, &c,
				   &done, e);
	if (!rc)
		rc = self_check(&done, e);
	if (!rc) {
		lt_sha256_hex(done.ptr, done.len, pdf_sha);
		s.report_id = r.id;
		s.rev = r.rev;
		s.revision_sha256 = lt_arena_strdup(a, sha);
		s.signed_by = lt_actor_audit_id(who);
		s.signer_name = lt_arena_strdup(a, c.signer_cn);
		s.position = in->position ? lt_arena_strdup(a, in->position)
					  : (c.signer_title[0] ? lt_arena_strdup(a, c.signer_title) : NULL);
		s.signed_at = now;
		s.cert_subject = lt_arena_strdup(a, c.signer_dn);
		s.cert_issuer = lt_arena_strdup(a, c.issuer_cn);
		s.cert_serial = lt_arena_strdup(a, c.serial);
		s.cert_not_after = c.not_after;
		s.pdf_sha256 = lt_arena_strdup(a, pdf_sha);
		s.pdf = (const uint8_t *)done.ptr;
		s.pdf_len = done.len;
		rc = lt_arena_failed(a) ? lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory")
					: 0;
	}
	/* The caller's copy first, so that a stored signature is never one the caller lacks. */
	if (!rc && pdf && lt_buf_add(pdf, done.ptr, done.len))
		rc = lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	if (!rc) {
		rc = record(db, who, &in->ref, r.rev, &s, a, e);
		if (rc && pdf)
			pdf->len = kept;
	}
	if (!rc && out) {
		*out = s;
		out->pdf = NULL;
	}
	lt_buf_free(&plain);
	lt_buf_free(&done);
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
	return json_pack("{s:i,s:s,s:o?,s:s,s:s?,s:I,s:{s:s,s:s,s:s,s:I},s:s,s:I}", "rev", s->rev,
			 "revision_sha256", s->revision_sha256, "signed_by_user",
			 s->signed_by ? json_integer(s->signed_by) : NULL, "signed_by",
			 s->signer_name, "position", s->position, "signed_at",
			 (json_int_t)s->signed_at, "certificate", "subject", s->cert_subject,
			 "issuer", s->cert_issuer, "serial", s->cert_serial, "not_after",
			 (json_int_t)s->cert_not_after, "pdf_sha256", s->pdf_sha256, "pdf_bytes",
			 (json_int_t)s->pdf_len);
}

/* Is login among the comma- or space-separated logins of list? */
static bool listed(const char *list, const char *login)
{
	size_t n = login ? strlen(login) : 0;

	for (const char *p = list; n && *p;) {
		size_t k;
		p += strspn(p, ", \t");
		k = strcspn(p, ", \t");
		if (k == n && !memcmp(p, login, n))
			return true;
		p += k;
	}
	return false;
}

/* The PIN: the first line of path, into pin[cap]. */
static int read_pin_file(const char *path, char *pin, size_t cap, lt_error *e)
{
	FILE *f = fopen(path, "r");
	bool ok = f && fgets(pin, (int)cap, f);

	if (f)
		fclose(f);
	if (!ok)
		return lt_error_set(e, LT_EIO, "pin_file", "Máy chủ không đọc được mã PIN của token",
				    "The server cannot read the token's PIN");
	pin[strcspn(pin, "\r\n")] = 0;
	return 0;
}

/*
 * A [signing] image (the key named by field) into the arena: *png stays NULL
 * when path is "" (the appearance is then text only). At most 8 MiB, as the
 * CLI's --signature-image; that it is a PNG is checked where it is drawn.
 */
static int read_image_file(const char *path, const char *field, lt_arena *a,
			   const uint8_t **png, size_t *len, lt_error *e)
{
	enum { MAX = 8u << 20 };
	FILE *f;
	long n = -1;
	uint8_t *buf = NULL;

	*png = NULL;
	*len = 0;
	if (!path[0])
		return 0;
	f = fopen(path, "rb");
	if (f && !fseek(f, 0, SEEK_END))
		n = ftell(f);
	if (f && n > 0 && n <= MAX && !fseek(f, 0, SEEK_SET))
		buf = lt_arena_alloc(a, (size_t)n);
	if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n)
		buf = NULL;
	if (f)
		fclose(f);
	if (!buf)
		return lt_error_set(e, LT_EIO, field, "Máy chủ không đọc được ảnh [signing] %s (PNG, tối đa 8 MiB)",
				    "The server cannot read the image [signing] %s (PNG, at most 8 MiB)", field);
	*png = buf;
	*len = (size_t)n;
	return 0;
}

int lt_app_report_sign_server(lt_db *db, const lt_actor *who, const lt_report_ref *ref,
			      const lt_signing_config *cfg, lt_arena *a, lt_report_sig *out,
			      lt_error *e)
{
	lt_report_sign_in in = { .ref = *ref };
	lt_unit u;
	char pin[256] = "";
	int rc = lt_app_report_target(db, who, ref, a, &u, e);

	/* Access first: a stranger learns nothing of the server's token. */
	if (!rc)
		rc = may_sign(who, &u, e);
	if (!rc && !cfg->module[0])
		rc = lt_error_set(e, LT_ECONFLICT, "signing",
				  "Máy chủ chưa cấu hình token ký số ([signing]): hãy ký bằng lệnh lantoa report sign",
				  "The server has no signing token ([signing]): sign with lantoa report sign");
	if (!rc && who->kind != LT_ACTOR_OPERATOR && !listed(cfg->signers, who->login))
		rc = lt_error_set(e, LT_EFORBIDDEN, "role",
				  "Chỉ người ký được chỉ định mới ký bằng token của máy chủ",
				  "Only the designated signers sign with the server's token");
	if (!rc && cfg->pin_file[0])
		rc = read_pin_file(cfg->pin_file, pin, sizeof(pin), e);
	if (!rc)
		rc = read_image_file(cfg->signature_image, "signature_image", a, &in.signature_png,
				     &in.signature_png_len, e);
	if (!rc)
		rc = read_image_file(cfg->seal_image, "seal_image", a, &in.seal_png, &in.seal_png_len, e);
	in.token = (lt_signer_opts){
		.module = cfg->module, .token = cfg->token, .key = cfg->key,
		.pin = cfg->pin_file[0] ? pin : NULL,
		.chain_file = cfg->chain_file[0] ? cfg->chain_file : NULL,
		.tsa_url = cfg->tsa_url[0] ? cfg->tsa_url : NULL,
	};
	if (!rc)
		rc = lt_app_report_sign(db, who, &in, a, out, NULL, e);
	/* A PIN the server's token refuses is the server's configuration, not the
	 * user's login: it must not read as "log in again" (401). */
	if (rc == LT_EAUTH && who->kind != LT_ACTOR_PUBLIC)
		e->code = rc = LT_EIO;
	sodium_memzero(pin, sizeof(pin));
	return rc;
}
