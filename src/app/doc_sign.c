/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* doc_sign.c — what report and directive signing share; see doc_sign.h. */
#include "app/doc_sign.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/report_sign.h" /* lt_app_doc_verify */
#include "core/password.h"   /* lt_sha256_hex */
#include "render/pdf_sign.h"

int lt_app_sign_how_check(const lt_sign_how *how, lt_error *e)
{
	if (how->position && strlen(how->position) > 200)
		return lt_error_set(e, LT_EINVAL, "position", "Chức vụ tối đa 200 byte",
				    "The position is at most 200 bytes");
	return 0;
}

/*
 * The signed PDF must be intact before it is stored (its chain is the
 * reader's business): every signature intact, the last covering the whole
 * file, each before it covered by the updates after it (the seal's).
 */
static int self_check(const uint8_t *pdf, size_t n, lt_error *e)
{
	lt_doc_check dc = { 0 };
	lt_error e1 = { 0 };
	bool ok;

	/* Its verdict may be an untrusted chain (the system's roots): only intact and whole count. */
	if (lt_app_doc_verify(pdf, n, NULL, &dc, &e1) == LT_ENOMEM) {
		free(dc.v);
		return lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	}
	ok = dc.n > 0 && dc.v[dc.n - 1].whole_file;
	for (size_t i = 0; ok && i < dc.n; i++)
		ok = dc.v[i].check.intact && (dc.v[i].whole_file || dc.v[i].later_covered);
	free(dc.v);
	if (!ok)
		return lt_error_set(e, LT_EINTERNAL, "pdf", "Tệp đã ký không tự kiểm tra được: %s",
				    "The signed file does not check: %s", e1.en);
	return 0;
}

/* Sign pdf[0..n) with opts po (its look and place) into out, and check it. */
static int sign_one(const lt_pdf_sign_opts *po, const uint8_t *pdf, size_t n, lt_buf *out,
		    lt_error *e)
{
	int rc = lt_pdf_sign(pdf, n, po, out, e);

	/* The images' names as the callers know them. */
	if (rc && !strcmp(e->field, "sig_png"))
		snprintf(e->field, sizeof(e->field), "signature_image");
	else if (rc && !strcmp(e->field, "seal_png"))
		snprintf(e->field, sizeof(e->field), "seal_image");
	if (!rc)
		rc = self_check((const uint8_t *)out->ptr, out->len, e);
	return rc;
}

/* Put pre before the text of buf[cap], cutting its end when it does not fit. */
static void prefix(char *buf, size_t cap, const char *pre)
{
	size_t p = strlen(pre), t = strlen(buf);

	if (p >= cap)
		return;
	if (p + t >= cap)
		t = cap - 1 - p;
	memmove(buf + p, buf, t);
	memcpy(buf, pre, p);
	buf[p + t] = 0;
}

/*
 * A failure on the agency's token (rc, e) said as such: the fields its
 * options have where they are set, the messages headed by whose key it is.
 */
static int seal_error(int rc, lt_error *e)
{
	static const char *const fields[][2] = {
		{ "pin", "seal_pin" }, { "token", "seal_token" }, { "key", "seal_key" },
		{ "certificate", "seal_cert" },
	};

	if (rc == LT_ENOMEM)
		return rc;
	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		if (!strcmp(e->field, fields[i][0])) {
			snprintf(e->field, sizeof(e->field), "%s", fields[i][1]);
			break;
		}
	prefix(e->vi, sizeof(e->vi), "Khoá ký số của cơ quan (con dấu): ");
	prefix(e->en, sizeof(e->en), "The agency's signing key (seal): ");
	return rc;
}

int lt_app_sign_need_seal(const lt_sign_how *how, bool annex, lt_error *e)
{
	if (annex && !how->seal.key)
		return lt_error_set(e, LT_ECONFLICT, "seal_key",
				    "Văn bản kèm theo (phụ lục) phải được ký bằng chữ ký số của cơ quan: "
				    "hãy cấu hình khoá con dấu (seal_key, --seal-key)",
				    "The annex must be signed with the agency's digital signature: "
				    "configure the seal key (seal_key, --seal-key)");
	return 0;
}

/*
 * The agency's part, on its own token (how->seal), at now: plain (the
 * signer's signed PDF) sealed with an invisible signature into out, and
 * place->annex signed as an attachment into annex_out; its certificate into c.
 */
static int seal_pdf(const lt_sign_how *how, const lt_sign_place *place, const lt_buf *plain,
		    int64_t now, lt_sign_check *c, lt_buf *out, lt_buf *annex_out, lt_error *e)
{
	lt_signer_opts so = how->seal;
	lt_signer *s = NULL;
	int rc;

	so.now = now;
	rc = lt_signer_open(&so, &s, e);
	if (rc)
		return seal_error(rc, e);
	lt_signer_describe(s, c);
	lt_pdf_sign_opts ps = {
		.cms = lt_signer_cms, .cms_ctx = s, .when = now, .name = c->signer_cn,
		.reason = LT_SIGN_SEAL_REASON, .location = place->location,
		.look = LT_PDF_LOOK_INVISIBLE,
	};
	lt_pdf_sign_opts pa = {
		.cms = lt_signer_cms, .cms_ctx = s, .when = now, .name = c->signer_cn,
		.reason = "Văn bản kèm theo", .location = place->location,
		.look = LT_PDF_LOOK_ATTACHMENT, .page = 1, .doc_number = place->number,
	};
	rc = sign_one(&ps, (const uint8_t *)plain->ptr, plain->len, out, e);
	if (!rc && place->annex)
		rc = sign_one(&pa, place->annex, place->annex_len, annex_out, e);
	lt_signer_close(s);
	return rc && e->code != LT_EINTERNAL ? seal_error(rc, e) : rc;
}

/*
 * Sign plain on the token at place into out, the certificate into c; then,
 * with the agency's key (how->seal), seal it and sign place->annex as an
 * attachment, into annex_out, the agency's certificate into sc.
 */
static int sign_pdf(const lt_sign_how *how, const lt_sign_place *place, const uint8_t *plain,
		    size_t n, int64_t now, lt_sign_check *c, lt_sign_check *sc, lt_buf *out,
		    lt_buf *annex_out, lt_error *e)
{
	lt_signer_opts so = how->token;
	lt_signer *s = NULL;
	lt_buf mine;
	int rc = lt_app_sign_need_seal(how, place->annex != NULL, e);

	if (rc)
		return rc;
	so.now = now;
	rc = lt_signer_open(&so, &s, e);
	if (rc)
		return rc;
	lt_buf_init(&mine, 64u << 20);
	lt_signer_describe(s, c);
	lt_pdf_sign_opts po = {
		.cms = lt_signer_cms, .cms_ctx = s, .when = now, .name = c->signer_cn,
		.reason = place->reason, .location = place->location,
		.look = LT_PDF_LOOK_SIGNER, .page = place->spot.page,
		.x = place->spot.x, .y = place->spot.y, .w = place->spot.w, .h = place->spot.h,
		.signer = c->signer_cn,
		.position = how->position ? how->position
					  : (c->signer_title[0] ? c->signer_title : NULL),
		.org = place->org,
		.sig_png = how->signature_png, .sig_png_len = how->signature_png_len,
		.seal_png = how->seal_png, .seal_png_len = how->seal_png_len,
	};
	rc = sign_one(&po, plain, n, how->seal.key ? &mine : out, e);
	/* Closed before the agency's token is opened: one signer at a time (net/sign.h). */
	lt_signer_close(s);
	if (!rc && how->seal.key)
		rc = seal_pdf(how, place, &mine, now, sc, out, annex_out, e);
	lt_buf_free(&mine);
	return rc;
}

/*
 * s's signer and certificate fields, position, time and PDF (signed_pdf,
 * kept), and the agency's certificate (sc, when how has its key), strings in a.
 */
static int fill_record(const lt_actor *who, const lt_sign_how *how, const lt_sign_check *c,
		       const lt_sign_check *sc, int64_t now, const lt_buf *signed_pdf, lt_arena *a,
		       lt_report_sig *s, lt_error *e)
{
	char pdf_sha[65];

	lt_sha256_hex(signed_pdf->ptr, signed_pdf->len, pdf_sha);
	s->signed_by = lt_actor_audit_id(who);
	s->signer_name = lt_arena_strdup(a, c->signer_cn);
	s->position = how->position ? lt_arena_strdup(a, how->position)
				    : (c->signer_title[0] ? lt_arena_strdup(a, c->signer_title) : NULL);
	s->signed_at = now;
	s->cert_subject = lt_arena_strdup(a, c->signer_dn);
	s->cert_issuer = lt_arena_strdup(a, c->issuer_cn);
	s->cert_serial = lt_arena_strdup(a, c->serial);
	s->cert_not_after = c->not_after;
	s->pdf_sha256 = lt_arena_strdup(a, pdf_sha);
	s->pdf = (const uint8_t *)signed_pdf->ptr;
	s->pdf_len = signed_pdf->len;
	if (how->seal.key) {
		s->seal_name = lt_arena_strdup(a, sc->signer_cn);
		s->seal_subject = lt_arena_strdup(a, sc->signer_dn);
		s->seal_issuer = lt_arena_strdup(a, sc->issuer_cn);
		s->seal_serial = lt_arena_strdup(a, sc->serial);
		s->seal_not_after = sc->not_after;
	}
	return lt_arena_failed(a) ? lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory")
				  : 0;
}

int lt_app_sign_doc(lt_db *db, const lt_actor *who, const lt_sign_how *how,
		    const lt_sign_place *place, const uint8_t *plain, size_t n, lt_sign_keep_fn keep,
		    void *ctx, lt_arena *a, lt_report_sig *s, lt_buf *pdf, lt_error *e)
{
	lt_sign_check c, sc;
	lt_buf done, annex;
	int64_t now = lt_now();
	size_t kept = pdf ? pdf->len : 0;
	int rc;

	lt_buf_init(&done, 64u << 20);
	lt_buf_init(&annex, 64u << 20);
	rc = sign_pdf(how, place, plain, n, now, &c, &sc, &done, &annex, e);
	if (!rc)
		rc = fill_record(who, how, &c, &sc, now, &done, a, s, e);
	if (!rc && place->annex) {
		s->annex_pdf = (const uint8_t *)annex.ptr;
		s->annex_len = annex.len;
	}
	/* The caller's copy first, so that a stored signature is never one the caller lacks. */
	if (!rc && pdf && lt_buf_add(pdf, done.ptr, done.len))
		rc = lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	if (!rc) {
		rc = keep(db, who, ctx, s, a, e);
		if (rc && pdf)
			pdf->len = kept;
	}
	s->pdf = NULL; /* done's and annex's bytes go with them */
	s->annex_pdf = NULL;
	lt_buf_free(&done);
	lt_buf_free(&annex);
	return rc;
}

void lt_app_sign_audit_detail(const lt_report_sig *s, char *buf, size_t cap)
{
	int k = snprintf(buf, cap, "{\"rev\":%d,\"serial\":\"%.80s\"", s->rev, s->cert_serial);

	/* The agency's certificate too, when it sealed (serials are hex: no escaping). */
	if (k > 0 && (size_t)k < cap)
		snprintf(buf + k, cap - (size_t)k, s->seal_serial ? ",\"seal_serial\":\"%.80s\"}" : "}",
			 s->seal_serial);
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

int lt_app_sign_server_how(const lt_actor *who, const lt_signing_config *cfg,
			   const char *cli_hint, lt_arena *a, lt_sign_how *how, char *pin,
			   size_t cap, lt_error *e)
{
	int rc = 0;

	memset(how, 0, sizeof(*how));
	pin[0] = 0;
	if (!cfg->module[0])
		rc = lt_error_set(e, LT_ECONFLICT, "signing",
				  "Máy chủ chưa cấu hình token ký số ([signing]): hãy ký bằng lệnh %s",
				  "The server has no signing token ([signing]): sign with %s", cli_hint);
	if (!rc && who->kind != LT_ACTOR_OPERATOR && !listed(cfg->signers, who->login))
		rc = lt_error_set(e, LT_EFORBIDDEN, "role",
				  "Chỉ người ký được chỉ định mới ký bằng token của máy chủ",
				  "Only the designated signers sign with the server's token");
	if (!rc && cfg->pin_file[0])
		rc = read_pin_file(cfg->pin_file, pin, cap, e);
	if (!rc)
		rc = read_image_file(cfg->signature_image, "signature_image", a, &how->signature_png,
				     &how->signature_png_len, e);
	if (!rc)
		rc = read_image_file(cfg->seal_image, "seal_image", a, &how->seal_png,
				     &how->seal_png_len, e);
	how->token = (lt_signer_opts){
		.module = cfg->module, .token = cfg->token, .key = cfg->key,
		.pin = cfg->pin_file[0] ? pin : NULL,
		.chain_file = cfg->chain_file[0] ? cfg->chain_file : NULL,
		.tsa_url = cfg->tsa_url[0] ? cfg->tsa_url : NULL,
	};
	return rc;
}

int lt_app_sign_server_seal(const lt_signing_config *cfg, lt_sign_how *how, char *pin,
			    size_t cap, lt_error *e)
{
	const char *pin_file = cfg->seal_pin_file[0] ? cfg->seal_pin_file : cfg->pin_file;
	int rc = 0;

	pin[0] = 0;
	if (!cfg->seal_key[0])
		return 0;
	if (pin_file[0])
		rc = read_pin_file(pin_file, pin, cap, e);
	if (rc && cfg->seal_pin_file[0])
		snprintf(e->field, sizeof(e->field), "seal_pin_file");
	how->seal = how->token;
	how->seal.token = cfg->seal_token[0] ? cfg->seal_token : cfg->token;
	how->seal.key = cfg->seal_key;
	how->seal.pin = pin_file[0] ? pin : NULL;
	how->seal.cert_file = NULL;
	return rc;
}

int lt_app_sign_server_rc(const lt_actor *who, int rc, lt_error *e)
{
	if (rc == LT_EAUTH && who->kind != LT_ACTOR_PUBLIC)
		e->code = rc = LT_EIO;
	return rc;
}
