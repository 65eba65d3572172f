/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Tests for src/app/directive_sign.c (and the shared app/doc_sign.c): who
 * may sign a directive (an officer of the issuing side, the console; not a
 * cadre, not a recipient's officer, not another district), what is stored
 * (the document's hash, the certificate, the signed PDF that checks, the
 * audit), that the PDF download is then the signed file, that a failure on
 * the token stores nothing, that an edited draft needs a new signature and
 * keeps the earlier one, that the annex of a directive sent to a list of
 * units is signed by the agency's key (and refused without one), that the
 * agency's key seals the directive after the signer, that a wrong PIN for
 * the agency's token says whose token, and the check of an uploaded file.
 * The tokens are SoftHSM2 with the PKI of tests/lib/softhsm.sh, made at
 * test time: the signer's "lantoa-test" and the agency's "lantoa-seal".
 */
#include "report_fx.h"

#include "app/directive.h"
#include "app/directive_sign.h"
#include "core/password.h"

#include "sign_fx.h"

#define AGENCY "Liên đoàn Lao động huyện Gia Lâm"

/* Sign with the signer's token (pin), and the agency's when seal_pin is not NULL. */
static int sign_sealed(fx *f, const lt_actor *who, int64_t id, const char *pin,
		       const char *seal_pin, lt_report_sig *out, lt_buf *pdf, lt_error *e)
{
	lt_directive_sign_in in = {
		.id = id,
		.how.token = { .module = module, .token = "lantoa-test", .key = "signer", .pin = pin,
			       .chain_file = chain },
	};
	if (seal_pin)
		in.how.seal = seal_key(seal_pin);
	return lt_app_directive_sign(f->db, who, &in, &f->a, out, pdf, e);
}

static int sign(fx *f, const lt_actor *who, int64_t id, const char *pin, lt_report_sig *out,
		lt_buf *pdf, lt_error *e)
{
	return sign_sealed(f, who, id, pin, NULL, out, pdf, e);
}

/* A draft of the issuing district sent to a list of two units: it has an annex. */
static int64_t listed_draft(fx *f, const lt_actor *issuer, const char *number)
{
	lt_directive_draft d = { 0 };
	lt_directive_view v;
	lt_error e;

	d.doc = json_pack("{s:s,s:s,s:s,s:{s:s,s:[I,I]},s:[s],s:s}", "number", number, "date",
			  "2024-02-03", "subject", "Danh sách", "recipients", "mode", "units",
			  "unit_ids", (json_int_t)f->g1, (json_int_t)f->g3, "tasks", "báo cáo",
			  "report_deadline", "2024-02-20");
	assert_int_equal(lt_app_directive_create(f->db, issuer, &d, &f->a, &v, &e), 0);
	json_decref(d.doc);
	lt_app_directive_view_free(&v);
	return v.meta.id;
}

static void test_who_may_sign(void **state)
{
	fx *f = *state;
	lt_actor cadre = as(f, f->gl, "cadre"), recipient = as(f, f->c1, "officer");
	lt_actor other = as(f, f->d2, "officer"), issuer = as(f, f->gl, "officer");
	lt_actor city = as(f, f->city, "officer");
	lt_report_sig s;
	lt_error e;

	NEED_PKI();
	assert_int_equal(sign(f, &cadre, f->dir, "1234", &s, NULL, &e), LT_EFORBIDDEN);
	assert_int_equal(sign(f, &recipient, f->dir, "1234", &s, NULL, &e), LT_EFORBIDDEN);
	assert_int_equal(sign(f, &other, f->dir, "1234", &s, NULL, &e), LT_ENOTFOUND);
	assert_int_equal(count(f, "SELECT count(*) FROM directive_signature"), 0);
	/* The issuing unit's officer signs; so would an officer above (city) or the console. */
	assert_int_equal(sign(f, &issuer, f->dir, "1234", &s, NULL, &e), 0);
	assert_int_equal(s.rev, 1);
	assert_int_equal(sign(f, &city, f->dir, "1234", &s, NULL, &e), LT_ECONFLICT);
	assert_string_equal(e.field, "doc");
}

static void test_stored_and_served(void **state)
{
	fx *f = *state;
	lt_actor issuer = as(f, f->gl, "officer"), reader = as(f, f->g1, "cadre");
	lt_directive_meta m;
	lt_directive_sig_state st;
	lt_report_sig s;
	lt_sign_trust trust = { .ca_file = ca };
	lt_buf pdf, doc;
	const char *text = NULL, *type = NULL;
	char sha[65];
	lt_error e;

	NEED_PKI();
	lt_buf_init(&pdf, 64u << 20);
	lt_buf_init(&doc, 64u << 20);
	assert_int_equal(sign(f, &issuer, f->dir, "1234", &s, &pdf, &e), 0);
	assert_string_equal(s.signer_name, "Nguyễn Văn Thành");
	assert_string_equal(s.position, "Chủ tịch");
	assert_null(s.seal_name);
	assert_int_equal(count(f, "SELECT count(*) FROM directive_signature WHERE seal_name IS NULL"), 1);
	assert_int_equal(s.pdf_len, pdf.len);
	assert_null(s.pdf);
	/* The hash is the document's as stored. */
	assert_int_equal(lt_directive_load(f->db, f->dir, &f->a, &m, &text, &e), 0);
	lt_sha256_hex(text, strlen(text), sha);
	assert_string_equal(s.doc_sha256, sha);
	assert_int_equal(count(f, "SELECT count(*) FROM audit_event WHERE action = 'sign'"
				  " AND entity = 'directive'"), 1);
	/* A recipient's download is the signed file, and its check says so. */
	assert_int_equal(lt_app_directive_document(f->db, &reader, f->dir, "pdf", &f->a, &doc,
						   &type, &e), 0);
	assert_int_equal(doc.len, pdf.len);
	assert_memory_equal(doc.ptr, pdf.ptr, pdf.len);
	assert_int_equal(lt_app_directive_signature(f->db, &reader, f->dir, &trust, &f->a, &st, &e), 0);
	assert_true(st.signed_now);
	assert_int_equal(st.cur.check_rc, 0);
	assert_int_equal(st.cur.check.n, 1);
	lt_app_directive_sig_state_free(&st);
	lt_buf_free(&pdf);
	lt_buf_free(&doc);
}

static void test_token_failure_stores_nothing(void **state)
{
	fx *f = *state;
	lt_actor issuer = as(f, f->gl, "officer");
	lt_report_sig s;
	lt_buf pdf;
	lt_error e;

	NEED_PKI();
	lt_buf_init(&pdf, 64u << 20);
	assert_int_equal(sign(f, &issuer, f->dir, "9999", &s, &pdf, &e), LT_EAUTH);
	assert_string_equal(e.field, "pin");
	assert_non_null(strstr(e.vi, "PIN"));
	assert_int_equal(pdf.len, 0);
	assert_int_equal(count(f, "SELECT count(*) FROM directive_signature"), 0);
	lt_buf_free(&pdf);
}

static void test_edited_draft_needs_new_signature(void **state)
{
	fx *f = *state;
	lt_actor issuer = as(f, f->gl, "officer");
	lt_directive_draft d = { 0 };
	lt_directive_view v;
	lt_directive_sig_state st;
	lt_report_sig s;
	lt_buf signed1, fresh;
	const char *type = NULL;
	int64_t id;
	lt_error e;
	json_t *doc = json_pack("{s:s,s:s,s:s,s:{s:s,s:I},s:[s],s:s}", "number", "58/LĐLĐ", "date",
				"2024-02-02", "subject", "Chợ Tết", "recipients", "mode",
				"grassroots_under", "unit_id", (json_int_t)f->gl, "tasks", "báo cáo",
				"report_deadline", "2024-02-20");

	NEED_PKI();
	lt_buf_init(&signed1, 64u << 20);
	lt_buf_init(&fresh, 64u << 20);
	/* Incomplete: the missing field is named, nothing stored. */
	d.doc = json_pack("{s:s}", "subject", "Nháp");
	assert_int_equal(lt_app_directive_create(f->db, &issuer, &d, &f->a, &v, &e), 0);
	lt_app_directive_view_free(&v);
	json_decref(d.doc);
	assert_int_equal(sign(f, &issuer, v.meta.id, "1234", &s, NULL, &e), LT_EINVAL);
	assert_true(e.field[0] != 0);
	/* A complete draft is signed; edited, it is unsigned again, the first signature kept. */
	d.doc = doc;
	assert_int_equal(lt_app_directive_create(f->db, &issuer, &d, &f->a, &v, &e), 0);
	id = v.meta.id;
	lt_app_directive_view_free(&v);
	assert_int_equal(sign(f, &issuer, id, "1234", &s, &signed1, &e), 0);
	json_object_set_new(doc, "subject", json_string("Chợ Tết Công đoàn"));
	assert_int_equal(lt_app_directive_update(f->db, &issuer, id, doc, &f->a, &v, &e), 0);
	lt_app_directive_view_free(&v);
	assert_int_equal(lt_app_directive_signature(f->db, &issuer, id, NULL, &f->a, &st, &e), 0);
	assert_false(st.signed_now);
	assert_int_equal(st.n, 1);
	lt_app_directive_sig_state_free(&st);
	assert_int_equal(lt_app_directive_signed_pdf(f->db, &issuer, id, 0, &f->a, &s, &e),
			 LT_ENOTFOUND);
	assert_int_equal(lt_app_directive_document(f->db, &issuer, id, "pdf", &f->a, &fresh, &type,
						   &e), 0);
	assert_true(fresh.len != signed1.len || memcmp(fresh.ptr, signed1.ptr, fresh.len));
	assert_int_equal(lt_app_directive_signed_pdf(f->db, &issuer, id, 1, &f->a, &s, &e), 0);
	assert_int_equal(s.pdf_len, signed1.len);
	/* Signed again: number 2. */
	assert_int_equal(sign(f, &issuer, id, "1234", &s, NULL, &e), 0);
	assert_int_equal(s.rev, 2);
	json_decref(doc);
	lt_buf_free(&signed1);
	lt_buf_free(&fresh);
}

static void test_annex_signed_as_attachment(void **state)
{
	fx *f = *state;
	lt_actor issuer = as(f, f->gl, "officer"), reader = as(f, f->g1, "cadre");
	lt_report_sig s;
	lt_doc_check c = { 0 };
	lt_directive_sig_state st;
	lt_sign_trust trust = { .ca_file = ca };
	lt_buf plain, annex, none;
	bool signed_now = true;
	int64_t id;
	json_t *j, *ac;
	lt_error e;

	NEED_PKI();
	lt_buf_init(&plain, 64u << 20);
	lt_buf_init(&annex, 64u << 20);
	lt_buf_init(&none, 1u << 20);
	/* 42/LĐLĐ goes to a subtree: no annex. */
	assert_int_equal(lt_app_directive_annex(f->db, &issuer, f->dir, &f->a, &none, &signed_now, &e),
			 LT_ENOTFOUND);
	assert_string_equal(e.field, "annex");
	id = listed_draft(f, &issuer, "59/LĐLĐ");
	/* Unsigned: the rendered list. */
	assert_int_equal(lt_app_directive_annex(f->db, &issuer, id, &f->a, &plain, &signed_now, &e), 0);
	assert_false(signed_now);
	assert_true(plain.len > 0);
	/* Signed by the chairman and the agency: the annex's signature is the agency's and covers the list. */
	assert_int_equal(sign_sealed(f, &issuer, id, "1234", "4321", &s, NULL, &e), 0);
	assert_string_equal(s.signer_name, "Nguyễn Văn Thành");
	assert_string_equal(s.seal_name, AGENCY);
	assert_true(s.annex_len > plain.len);
	/* The row records the agency's certificate beside the signer's (migration 27). */
	assert_int_equal(count(f, "SELECT count(*) FROM directive_signature WHERE seal_name = "
				  "'" AGENCY "' AND seal_issuer = 'Lantoa Test Sub CA'"
				  " AND seal_serial <> cert_serial AND seal_not_after > 0"), 1);
	assert_int_equal(lt_app_directive_issue(f->db, &issuer, id, false, &(int64_t){ 0 }, &f->a,
						NULL, &e), 0);
	assert_int_equal(lt_app_directive_annex(f->db, &reader, id, &f->a, &annex, &signed_now, &e), 0);
	assert_true(signed_now);
	assert_int_equal(annex.len, s.annex_len);
	assert_memory_equal(annex.ptr, plain.ptr, plain.len);
	assert_int_equal(lt_app_doc_verify((const uint8_t *)annex.ptr, annex.len, &trust, &c, &e), 0);
	assert_int_equal(c.n, 1);
	assert_true(c.v[0].whole_file);
	assert_true(c.v[0].check.intact);
	assert_true(c.v[0].check.chain_ok);
	assert_string_equal(c.v[0].check.signer_cn, AGENCY);
	free(c.v);
	/* The reader's view: annex_check names the agency, valid and unchanged; the seal too. */
	assert_int_equal(lt_app_directive_signature(f->db, &reader, id, &trust, &f->a, &st, &e), 0);
	assert_true(st.annex_signed);
	assert_int_equal(st.annex_rc, 0);
	j = lt_app_directive_sig_state_json(&st);
	ac = json_object_get(j, "annex_check");
	assert_string_equal(json_string_value(json_object_get(ac, "signed_by")), AGENCY);
	assert_true(json_is_true(json_object_get(ac, "valid")));
	assert_true(json_is_true(json_object_get(ac, "trusted")));
	assert_true(json_is_false(json_object_get(ac, "changed_after")));
	assert_string_equal(json_string_value(json_object_get(json_object_get(j, "seal"), "signed_by")),
			    AGENCY);
	json_decref(j);
	lt_app_directive_sig_state_free(&st);
	lt_buf_free(&plain);
	lt_buf_free(&annex);
	lt_buf_free(&none);
}

static void test_annex_needs_agency_key(void **state)
{
	fx *f = *state;
	lt_actor issuer = as(f, f->gl, "officer");
	lt_report_sig s;
	lt_buf pdf;
	int64_t id;
	lt_error e;

	NEED_PKI();
	lt_buf_init(&pdf, 64u << 20);
	id = listed_draft(f, &issuer, "60/LĐLĐ");
	/* The person's key alone does not sign an annex: refused, naming the missing key, nothing stored. */
	assert_int_equal(sign(f, &issuer, id, "1234", &s, &pdf, &e), LT_ECONFLICT);
	assert_string_equal(e.field, "seal_key");
	assert_non_null(strstr(e.vi, "chữ ký số của cơ quan"));
	assert_non_null(strstr(e.en, "agency's digital signature"));
	assert_int_equal(pdf.len, 0);
	assert_int_equal(count(f, "SELECT count(*) FROM directive_signature"), 0);
	assert_int_equal(count(f, "SELECT count(*) FROM audit_event WHERE action = 'sign'"), 0);
	/* The chairman's PIN is right, the agency's wrong: the error says whose token, nothing stored. */
	assert_int_equal(sign_sealed(f, &issuer, id, "1234", "0000", &s, &pdf, &e), LT_EAUTH);
	assert_string_equal(e.field, "seal_pin");
	assert_non_null(strstr(e.vi, "của cơ quan"));
	assert_non_null(strstr(e.vi, "PIN"));
	assert_non_null(strstr(e.vi, "lantoa-seal"));
	assert_non_null(strstr(e.en, "agency's"));
	assert_non_null(strstr(e.en, "Wrong PIN"));
	assert_int_equal(pdf.len, 0);
	assert_int_equal(count(f, "SELECT count(*) FROM directive_signature"), 0);
	/* Right, it signs. */
	assert_int_equal(sign_sealed(f, &issuer, id, "1234", "4321", &s, &pdf, &e), 0);
	assert_int_equal(count(f, "SELECT count(*) FROM directive_signature"), 1);
	lt_buf_free(&pdf);
}

static void test_agency_seals_after_signer(void **state)
{
	fx *f = *state;
	lt_actor issuer = as(f, f->gl, "officer");
	lt_report_sig s;
	lt_doc_check c = { 0 };
	lt_directive_sig_state st;
	lt_sign_trust trust = { .ca_file = ca };
	lt_buf pdf, plain;
	const char *type = NULL;
	json_t *j;
	lt_error e;

	NEED_PKI();
	lt_buf_init(&pdf, 64u << 20);
	lt_buf_init(&plain, 64u << 20);
	assert_int_equal(lt_app_directive_document(f->db, &issuer, f->dir, "pdf", &f->a, &plain,
						   &type, &e), 0);
	/* 42/LĐLĐ has no annex; with the agency's key it is sealed all the same. */
	assert_int_equal(sign_sealed(f, &issuer, f->dir, "1234", "4321", &s, &pdf, &e), 0);
	assert_memory_equal(pdf.ptr, plain.ptr, plain.len);
	assert_int_equal(lt_app_doc_verify((const uint8_t *)pdf.ptr, pdf.len, &trust, &c, &e), 0);
	assert_int_equal(c.n, 2);
	/* First the chairman's, covered by the agency's update; then the agency's over the whole file. */
	assert_string_equal(c.v[0].check.signer_cn, "Nguyễn Văn Thành");
	assert_true(c.v[0].check.intact);
	assert_false(c.v[0].whole_file);
	assert_true(c.v[0].later_covered);
	assert_string_equal(c.v[1].check.signer_cn, AGENCY);
	assert_string_equal(c.v[1].reason, LT_SIGN_SEAL_REASON);
	assert_true(c.v[1].whole_file);
	assert_true(c.v[1].check.chain_ok);
	free(c.v);
	assert_int_equal(lt_app_directive_signature(f->db, &issuer, f->dir, &trust, &f->a, &st, &e), 0);
	j = lt_app_directive_sig_state_json(&st);
	assert_true(json_is_true(json_object_get(j, "verifies")));
	assert_true(json_is_true(json_object_get(json_object_get(j, "seal"), "valid")));
	assert_true(json_is_null(json_object_get(j, "annex_check")));
	assert_string_equal(json_string_value(json_object_get(
				    json_object_get(json_object_get(j, "signature"), "seal"), "signed_by")),
			    AGENCY);
	assert_string_equal(json_string_value(json_object_get(json_object_get(j, "signature"),
							      "signed_by")),
			    "Nguyễn Văn Thành");
	json_decref(j);
	lt_app_directive_sig_state_free(&st);
	lt_buf_free(&pdf);
	lt_buf_free(&plain);
}

static void test_server_agency_key(void **state)
{
	fx *f = *state;
	lt_actor issuer = as(f, f->gl, "officer");
	lt_signing_config cfg;
	lt_report_sig s;
	char pinf[320], sealf[320];
	int64_t id;
	FILE *p;
	lt_error e;

	NEED_PKI();
	memset(&cfg, 0, sizeof(cfg));
	snprintf(pinf, sizeof(pinf), "%s/pin-u", pki);
	snprintf(sealf, sizeof(sealf), "%s/seal-pin-u", pki);
	p = fopen(pinf, "w");
	assert_non_null(p);
	fputs("1234\n", p);
	fclose(p);
	snprintf(cfg.module, sizeof(cfg.module), "%s", module);
	snprintf(cfg.token, sizeof(cfg.token), "lantoa-test");
	snprintf(cfg.key, sizeof(cfg.key), "signer");
	snprintf(cfg.pin_file, sizeof(cfg.pin_file), "%s", pinf);
	snprintf(cfg.chain_file, sizeof(cfg.chain_file), "%s", chain);
	snprintf(cfg.signers, sizeof(cfg.signers), "%s", issuer.login);
	id = listed_draft(f, &issuer, "62/LĐLĐ");
	/* No seal_key: the annex is refused (409 over HTTP). */
	assert_int_equal(lt_app_directive_sign_server(f->db, &issuer, id, &cfg, &f->a, &s, &e),
			 LT_ECONFLICT);
	assert_string_equal(e.field, "seal_key");
	/* A seal PIN file the server cannot read is named. */
	snprintf(cfg.seal_key, sizeof(cfg.seal_key), "seal");
	snprintf(cfg.seal_token, sizeof(cfg.seal_token), "lantoa-seal");
	snprintf(cfg.seal_pin_file, sizeof(cfg.seal_pin_file), "%s", sealf);
	assert_int_equal(lt_app_directive_sign_server(f->db, &issuer, id, &cfg, &f->a, &s, &e),
			 LT_EIO);
	assert_string_equal(e.field, "seal_pin_file");
	/* A wrong one is the server's configuration: LT_EIO naming the agency's PIN, not a login error. */
	p = fopen(sealf, "w");
	assert_non_null(p);
	fputs("9999\n", p);
	fclose(p);
	assert_int_equal(lt_app_directive_sign_server(f->db, &issuer, id, &cfg, &f->a, &s, &e),
			 LT_EIO);
	assert_string_equal(e.field, "seal_pin");
	assert_int_equal(count(f, "SELECT count(*) FROM directive_signature"), 0);
	p = fopen(sealf, "w");
	assert_non_null(p);
	fputs("4321\n", p);
	fclose(p);
	assert_int_equal(lt_app_directive_sign_server(f->db, &issuer, id, &cfg, &f->a, &s, &e), 0);
	assert_true(s.annex_len > 0);
	assert_int_equal(count(f, "SELECT count(*) FROM directive_signature"), 1);
}

static void test_upload_check(void **state)
{
	fx *f = *state;
	lt_actor cadre = as(f, f->g1, "cadre"), anyone;
	lt_doc_verdict v;
	lt_error e;
	static const uint8_t text[] = "hello";
	static const uint8_t plain[] = "%PDF-1.7\n%%EOF\n";

	(void)f;
	lt_actor_public(&anyone, NULL);
	assert_int_equal(lt_app_doc_verify_upload(&cadre, text, 5, NULL, &v, &e), LT_EINVAL);
	assert_string_equal(e.field, "body");
	assert_non_null(strstr(e.en, "not a PDF"));
	assert_non_null(strstr(e.vi, "không phải PDF"));
	/* The public (no login) is told to log in. */
	assert_int_equal(lt_app_doc_verify_upload(&anyone, plain, sizeof(plain) - 1, NULL, &v, &e),
			 LT_EAUTH);
	/* A PDF without a signature is checked, and said to have none. */
	assert_int_equal(lt_app_doc_verify_upload(&cadre, plain, sizeof(plain) - 1, NULL, &v, &e), 0);
	assert_int_not_equal(v.rc, 0);
	assert_int_equal(v.check.n, 0);
	free(v.check.v);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_who_may_sign, setup_now, teardown),
		cmocka_unit_test_setup_teardown(test_stored_and_served, setup_now, teardown),
		cmocka_unit_test_setup_teardown(test_token_failure_stores_nothing, setup_now, teardown),
		cmocka_unit_test_setup_teardown(test_edited_draft_needs_new_signature, setup_now,
						teardown),
		cmocka_unit_test_setup_teardown(test_annex_signed_as_attachment, setup_now, teardown),
		cmocka_unit_test_setup_teardown(test_annex_needs_agency_key, setup_now, teardown),
		cmocka_unit_test_setup_teardown(test_agency_seals_after_signer, setup_now, teardown),
		cmocka_unit_test_setup_teardown(test_server_agency_key, setup_now, teardown),
		cmocka_unit_test_setup_teardown(test_upload_check, setup_now, teardown),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
