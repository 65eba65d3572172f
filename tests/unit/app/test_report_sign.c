/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Tests for src/app/report_sign.c and report_verify.c: who may sign a
 * report (an officer of the unit or above, the console; never a cadre, a
 * sibling or another district), in which state, what is stored (the
 * revision, its hash, the certificate, the signed PDF that checks), that a
 * failure on the token stores nothing, the lock of a signed report (accept
 * keeps the signature, reopen supersedes it and the audit says so, the next
 * revision is unsigned), the agency's seal (with its key, a second
 * signature after the person's, its certificate stored and shown; without
 * it, the person's signature alone and no seal; a wrong agency PIN stores
 * nothing and says whose token), and checking PDFs. The tokens are SoftHSM2
 * with the PKI of tests/lib/softhsm.sh, made at test time: the signer's
 * "lantoa-test" and the agency's "lantoa-seal".
 */
#include <time.h>

#include "report_fx.h"

#include "app/report_sign.h"

#include "sign_fx.h"

#define AGENCY "Liên đoàn Lao động huyện Gia Lâm"

/* Sign with the signer's key (pin), and the agency's when seal_pin is not NULL. */
static int sign_sealed(fx *f, const lt_actor *who, int64_t unit, const char *key,
		       const char *pin, const char *seal_pin, lt_report_sig *out, lt_buf *pdf,
		       lt_error *e)
{
	lt_report_sign_in in = {
		.ref = { f->dir, unit },
		.how.token = { .module = module, .token = "lantoa-test", .key = key, .pin = pin,
			   .chain_file = chain },
	};
	if (seal_pin)
		in.how.seal = seal_key(seal_pin);
	return lt_app_report_sign(f->db, who, &in, &f->a, out, pdf, e);
}

static int sign(fx *f, const lt_actor *who, int64_t unit, const char *key, const char *pin,
		lt_report_sig *out, lt_buf *pdf, lt_error *e)
{
	return sign_sealed(f, who, unit, key, pin, NULL, out, pdf, e);
}

static void test_who_may_sign(void **state)
{
	fx *f = *state;
	lt_actor cadre = as(f, f->g1, "cadre"), own_officer = as(f, f->g1, "officer");
	lt_actor sibling = as(f, f->g2, "officer"), c1 = as(f, f->c1, "officer");
	lt_actor gl_cadre = as(f, f->gl, "cadre"), other = as(f, f->d2, "officer");
	lt_report_sig s;
	lt_error e;

	NEED_PKI();
	assert_int_equal(submit(f, &cadre, f->g1, NULL, &e), 0);
	assert_int_equal(sign(f, &cadre, f->g1, "signer", "1234", &s, NULL, &e), LT_EFORBIDDEN);
	assert_string_equal(e.field, "role");
	assert_int_equal(sign(f, &gl_cadre, f->g1, "signer", "1234", &s, NULL, &e), LT_EFORBIDDEN);
	assert_int_equal(sign(f, &sibling, f->g1, "signer", "1234", &s, NULL, &e), LT_EFORBIDDEN);
	assert_int_equal(sign(f, &other, f->g1, "signer", "1234", &s, NULL, &e), LT_ENOTFOUND);
	assert_int_equal(count(f, "SELECT count(*) FROM report_signature"), 0);
	/* The unit's own officer signs; so would an officer above (c1) or the console. */
	assert_int_equal(sign(f, &own_officer, f->g1, "signer", "1234", &s, NULL, &e), 0);
	assert_int_equal(submit(f, &f->op, f->g2, NULL, &e), 0);
	assert_int_equal(sign(f, &c1, f->g2, "signer", "1234", &s, NULL, &e), 0);
	assert_int_equal(submit(f, &f->op, f->g3, NULL, &e), 0);
	assert_int_equal(sign(f, &f->op, f->g3, "signer", "1234", &s, NULL, &e), 0);
	assert_int_equal(s.signed_by, 0);
	assert_int_equal(count(f, "SELECT count(*) FROM report_signature"), 3);
}

static void test_what_is_stored(void **state)
{
	fx *f = *state;
	lt_actor cadre = as(f, f->g1, "cadre"), c1 = as(f, f->c1, "officer");
	lt_report_ref ref = { f->dir, f->g1 };
	lt_report_view v;
	lt_report_sig s, got;
	lt_report_sig_view sv;
	lt_doc_check dc;
	lt_sign_trust trust = { .ca_file = ca };
	lt_buf pdf;
	lt_error e;

	NEED_PKI();
	lt_buf_init(&pdf, 64u << 20);
	/* A draft has no revision to sign. */
	assert_int_equal(sign(f, &c1, f->g1, "signer", "1234", &s, NULL, &e), LT_ECONFLICT);
	assert_string_equal(e.field, "status");
	assert_int_equal(submit(f, &cadre, f->g1, NULL, &e), 0);
	assert_int_equal(sign(f, &c1, f->g1, "signer", "1234", &s, &pdf, &e), 0);
	assert_int_equal(lt_app_report_get(f->db, &cadre, &ref, false, &f->a, &v, &e), 0);
	assert_int_equal(s.rev, 1);
	assert_string_equal(s.revision_sha256, v.sha256);
	assert_string_equal(s.signer_name, "Nguyễn Văn Thành");
	assert_string_equal(s.position, "Chủ tịch");
	assert_string_equal(s.cert_issuer, "Lantoa Test Sub CA");
	assert_non_null(strstr(s.cert_subject, "CN=Nguyễn Văn Thành"));
	/* No agency key: the person's signature alone, and the record says there is no seal. */
	assert_null(s.seal_name);
	assert_int_equal(count(f, "SELECT count(*) FROM report_signature WHERE seal_name IS NULL"
				  " AND seal_serial IS NULL AND seal_not_after IS NULL"), 1);
	assert_true(v.signed_now);
	assert_int_equal(v.nsigs, 1);
	lt_app_report_view_free(&v);
	/* The stored PDF is the one handed back, and it checks against the test root. */
	assert_int_equal(lt_app_report_signature(f->db, &cadre, &ref, 0, true, &f->a, &got, &e), 0);
	assert_int_equal(got.pdf_len, pdf.len);
	assert_memory_equal(got.pdf, pdf.ptr, pdf.len);
	assert_int_equal(lt_app_doc_verify(got.pdf, got.pdf_len, &trust, &dc, &e), 0);
	assert_int_equal(dc.n, 1);
	assert_true(dc.v[0].check.intact && dc.v[0].check.chain_ok && dc.v[0].whole_file);
	free(dc.v);
	assert_int_equal(lt_app_report_signature_check(f->db, &cadre, &ref, 0, &trust, &f->a, &sv, &e), 0);
	json_t *j = lt_app_report_sig_view_json(&sv);
	assert_true(json_is_true(json_object_get(j, "verifies")));
	assert_true(json_is_true(json_object_get(j, "trusted")));
	assert_true(json_is_null(json_object_get(j, "seal")));
	assert_true(json_is_null(json_object_get(json_object_get(j, "signature"), "seal")));
	json_decref(j);
	lt_app_report_sig_view_free(&sv);
	/* Signed once per revision. */
	assert_int_equal(sign(f, &c1, f->g1, "signer", "1234", &s, NULL, &e), LT_ECONFLICT);
	assert_string_equal(e.field, "rev");
	/* One changed byte: changed after signing. */
	char *hit = memmem(pdf.ptr, pdf.len, "/Creator (lantoa)", 17);
	assert_non_null(hit);
	hit[10] = 'L';
	assert_int_equal(lt_app_doc_verify((const uint8_t *)pdf.ptr, pdf.len, &trust, &dc, &e),
			 LT_ECONFLICT);
	assert_false(dc.v[0].check.intact);
	free(dc.v);
	lt_buf_free(&pdf);
}

static void test_token_failures_store_nothing(void **state)
{
	fx *f = *state;
	lt_actor cadre = as(f, f->g1, "cadre"), c1 = as(f, f->c1, "officer");
	lt_report_sig s;
	lt_buf pdf;
	lt_error e;

	NEED_PKI();
	lt_buf_init(&pdf, 64u << 20);
	assert_int_equal(submit(f, &cadre, f->g1, NULL, &e), 0);
	assert_int_equal(sign(f, &c1, f->g1, "signer", "0000", &s, &pdf, &e), LT_EAUTH);
	assert_string_equal(e.field, "pin");
	assert_true(e.vi[0] && e.en[0] && strcmp(e.vi, e.en));
	assert_int_equal(sign(f, &c1, f->g1, "expired", "1234", &s, &pdf, &e), LT_EINVAL);
	assert_string_equal(e.field, "certificate");
	assert_int_equal(sign(f, &c1, f->g1, "nokey", "1234", &s, &pdf, &e), LT_ENOTFOUND);
	assert_string_equal(e.field, "key");
	/* The agency's PIN wrong (the person's right): whose token it is, in both languages. */
	assert_int_equal(sign_sealed(f, &c1, f->g1, "signer", "1234", "0000", &s, &pdf, &e), LT_EAUTH);
	assert_string_equal(e.field, "seal_pin");
	assert_non_null(strstr(e.vi, "Khoá ký số của cơ quan"));
	assert_non_null(strstr(e.en, "The agency's signing key"));
	assert_int_equal(pdf.len, 0);
	assert_int_equal(count(f, "SELECT count(*) FROM report_signature"), 0);
	assert_int_equal(count(f, "SELECT count(*) FROM audit_event WHERE action = 'sign'"), 0);
	lt_buf_free(&pdf);
}

static void test_signed_report_is_locked(void **state)
{
	fx *f = *state;
	lt_actor cadre = as(f, f->g1, "cadre"), c1 = as(f, f->c1, "officer");
	lt_report_ref ref = { f->dir, f->g1 };
	lt_report_view v;
	lt_report_sig s;
	lt_error e;

	NEED_PKI();
	assert_int_equal(submit(f, &cadre, f->g1, NULL, &e), 0);
	assert_int_equal(sign(f, &c1, f->g1, "signer", "1234", &s, NULL, &e), 0);
	/* Accepting keeps the signature; the state table still refuses a new submission. */
	assert_int_equal(review(f, &c1, f->g1, LT_REPORT_ACCEPT, NULL, &e), 0);
	assert_int_equal(submit(f, &cadre, f->g1, NULL, &e), LT_ECONFLICT);
	assert_int_equal(lt_app_report_get(f->db, &cadre, &ref, false, &f->a, &v, &e), 0);
	assert_true(v.signed_now);
	lt_app_report_view_free(&v);
	/* Reopening (from above: the unit may not, once accepted) supersedes it, visibly. */
	assert_int_equal(review(f, &cadre, f->g1, LT_REPORT_REOPEN, "Sửa số người", &e), LT_EFORBIDDEN);
	assert_int_equal(review(f, &c1, f->g1, LT_REPORT_REOPEN, "Sửa số người", &e), 0);
	assert_int_equal(count(f, "SELECT count(*) FROM audit_event WHERE action = 'reopen'"
				  " AND detail LIKE '%superseded_signature%'"),
			 1);
	assert_int_equal(lt_app_report_get(f->db, &cadre, &ref, false, &f->a, &v, &e), 0);
	assert_false(v.signed_now);
	assert_int_equal(v.nsigs, 1);
	lt_app_report_view_free(&v);
	/* The next revision is unsigned; the first keeps its signature. */
	assert_int_equal(submit(f, &cadre, f->g1, NULL, &e), 0);
	assert_int_equal(lt_app_report_signature(f->db, &cadre, &ref, 0, false, &f->a, &s, &e),
			 LT_ENOTFOUND);
	assert_int_equal(lt_app_report_signature(f->db, &cadre, &ref, 1, false, &f->a, &s, &e), 0);
	assert_int_equal(s.rev, 1);
	/* Returning a signed revision supersedes it too. */
	assert_int_equal(sign(f, &c1, f->g1, "signer", "1234", &s, NULL, &e), 0);
	assert_int_equal(s.rev, 2);
	assert_int_equal(review(f, &c1, f->g1, LT_REPORT_RETURN, "Thiếu số quà", &e), 0);
	assert_int_equal(count(f, "SELECT count(*) FROM audit_event WHERE action = 'return'"
				  " AND detail LIKE '%superseded_signature%'"),
			 1);
}

static void write_pin(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	assert_true(fputs(text, f) >= 0);
	assert_int_equal(fclose(f), 0);
}

/* The server's own token ([signing]): only the designated signers; its PIN is never the user's login. */
static void test_server_token(void **state)
{
	fx *f = *state;
	lt_actor cadre = as(f, f->g1, "cadre"), c1 = as(f, f->c1, "officer");
	lt_report_ref ref = { f->dir, f->g1 };
	lt_signing_config cfg;
	lt_report_sig s;
	lt_error e;

	NEED_PKI();
	memset(&cfg, 0, sizeof(cfg));
	assert_int_equal(submit(f, &cadre, f->g1, NULL, &e), 0);
	/* No token configured: said after access. */
	assert_int_equal(lt_app_report_sign_server(f->db, &cadre, &ref, &cfg, &f->a, &s, &e), LT_EFORBIDDEN);
	assert_int_equal(lt_app_report_sign_server(f->db, &c1, &ref, &cfg, &f->a, &s, &e), LT_ECONFLICT);
	assert_string_equal(e.field, "signing");
	snprintf(cfg.module, sizeof(cfg.module), "%s", module);
	snprintf(cfg.token, sizeof(cfg.token), "lantoa-test");
	snprintf(cfg.key, sizeof(cfg.key), "signer");
	snprintf(cfg.chain_file, sizeof(cfg.chain_file), "%s", chain);
	snprintf(cfg.pin_file, sizeof(cfg.pin_file), "%s/pin", pki);
	snprintf(cfg.signers, sizeof(cfg.signers), "someone, other");
	/* c1's login ("test") is not a designated signer. */
	assert_int_equal(lt_app_report_sign_server(f->db, &c1, &ref, &cfg, &f->a, &s, &e), LT_EFORBIDDEN);
	assert_string_equal(e.field, "role");
	snprintf(cfg.signers, sizeof(cfg.signers), "someone,test other");
	assert_int_equal(lt_app_report_sign_server(f->db, &c1, &ref, &cfg, &f->a, &s, &e), LT_EIO);
	assert_string_equal(e.field, "pin_file");
	write_pin(cfg.pin_file, "0000\n");
	assert_int_equal(lt_app_report_sign_server(f->db, &c1, &ref, &cfg, &f->a, &s, &e), LT_EIO);
	assert_string_equal(e.field, "pin");
	write_pin(cfg.pin_file, "1234\n");
	assert_int_equal(count(f, "SELECT count(*) FROM report_signature"), 0);
	assert_int_equal(lt_app_report_sign_server(f->db, &c1, &ref, &cfg, &f->a, &s, &e), 0);
	assert_int_equal(s.rev, 1);
	/* The server has no agency key: the report is signed all the same, with no seal. */
	assert_null(s.seal_name);
	assert_int_equal(count(f, "SELECT count(*) FROM report_signature"), 1);

	/* The server's agency key ([signing] seal_key) on its own token, for the next revision. */
	assert_int_equal(review(f, &c1, f->g1, LT_REPORT_REOPEN, "Sửa số người", &e), 0);
	assert_int_equal(submit(f, &cadre, f->g1, NULL, &e), 0);
	snprintf(cfg.seal_key, sizeof(cfg.seal_key), "seal");
	snprintf(cfg.seal_token, sizeof(cfg.seal_token), "lantoa-seal");
	snprintf(cfg.seal_pin_file, sizeof(cfg.seal_pin_file), "%s/seal-pin-r", pki);
	assert_int_equal(lt_app_report_sign_server(f->db, &c1, &ref, &cfg, &f->a, &s, &e), LT_EIO);
	assert_string_equal(e.field, "seal_pin_file");
	/* A wrong one is the server's configuration: LT_EIO naming the agency's PIN, not a login error. */
	write_pin(cfg.seal_pin_file, "9999\n");
	assert_int_equal(lt_app_report_sign_server(f->db, &c1, &ref, &cfg, &f->a, &s, &e), LT_EIO);
	assert_string_equal(e.field, "seal_pin");
	assert_int_equal(count(f, "SELECT count(*) FROM report_signature"), 1);
	write_pin(cfg.seal_pin_file, "4321\n");
	assert_int_equal(lt_app_report_sign_server(f->db, &c1, &ref, &cfg, &f->a, &s, &e), 0);
	assert_int_equal(s.rev, 2);
	assert_string_equal(s.seal_name, AGENCY);
	assert_int_equal(count(f, "SELECT count(*) FROM report_signature WHERE rev = 2"
				  " AND seal_serial IS NOT NULL"), 1);
}

/* With the agency's key the report carries two signatures: the person's, then the agency's over it. */
static void test_agency_seals_report(void **state)
{
	fx *f = *state;
	lt_actor cadre = as(f, f->g1, "cadre"), c1 = as(f, f->c1, "officer");
	lt_report_ref ref = { f->dir, f->g1 };
	lt_report_sig s, got;
	lt_report_sig_view sv;
	lt_doc_check dc = { 0 };
	lt_sign_trust trust = { .ca_file = ca };
	lt_buf pdf;
	json_t *j, *seal;
	lt_error e;

	NEED_PKI();
	lt_buf_init(&pdf, 64u << 20);
	assert_int_equal(submit(f, &cadre, f->g1, NULL, &e), 0);
	assert_int_equal(sign_sealed(f, &c1, f->g1, "signer", "1234", "4321", &s, &pdf, &e), 0);
	assert_string_equal(s.signer_name, "Nguyễn Văn Thành");
	assert_string_equal(s.seal_name, AGENCY);
	assert_string_equal(s.seal_issuer, "Lantoa Test Sub CA");
	assert_string_not_equal(s.seal_serial, s.cert_serial);
	assert_true(s.seal_not_after > time(NULL));
	/* The PDF: the chairman's signature, covered by the agency's update over the whole file. */
	assert_int_equal(lt_app_doc_verify((const uint8_t *)pdf.ptr, pdf.len, &trust, &dc, &e), 0);
	assert_int_equal(dc.n, 2);
	assert_string_equal(dc.v[0].check.signer_cn, "Nguyễn Văn Thành");
	assert_true(dc.v[0].check.intact && dc.v[0].later_covered && !dc.v[0].whole_file);
	assert_string_equal(dc.v[1].check.signer_cn, AGENCY);
	assert_string_equal(dc.v[1].reason, LT_SIGN_SEAL_REASON);
	assert_true(dc.v[1].whole_file && dc.v[1].check.chain_ok);
	free(dc.v);
	/* Stored: the row names the agency's certificate, read back; the audit has its serial. */
	assert_int_equal(lt_app_report_signature(f->db, &cadre, &ref, 0, true, &f->a, &got, &e), 0);
	assert_memory_equal(got.pdf, pdf.ptr, pdf.len);
	assert_string_equal(got.seal_name, AGENCY);
	assert_string_equal(got.seal_serial, s.seal_serial);
	assert_string_equal(got.seal_subject, s.seal_subject);
	assert_int_equal(got.seal_not_after, s.seal_not_after);
	assert_int_equal(count(f, "SELECT count(*) FROM audit_event WHERE action = 'sign'"
				  " AND detail LIKE '%seal_serial%'"), 1);
	/* The reader's view: verifies, and the seal named, valid and trusted. */
	assert_int_equal(lt_app_report_signature_check(f->db, &cadre, &ref, 0, &trust, &f->a, &sv, &e), 0);
	j = lt_app_report_sig_view_json(&sv);
	assert_true(json_is_true(json_object_get(j, "verifies")));
	seal = json_object_get(j, "seal");
	assert_string_equal(json_string_value(json_object_get(seal, "signed_by")), AGENCY);
	assert_true(json_is_true(json_object_get(seal, "valid")));
	assert_true(json_is_true(json_object_get(seal, "trusted")));
	assert_true(json_is_false(json_object_get(seal, "changed_after")));
	assert_string_equal(json_string_value(json_object_get(json_object_get(json_object_get(j, "signature"),
									      "seal"), "signed_by")), AGENCY);
	assert_true(json_is_true(json_object_get(j, "trusted")));
	json_decref(j);
	/* A signer whose own certificate does not reach a trust anchor: the agency's
	 * trusted seal over it does not make the document trusted. */
	sv.check.v[0].check.chain_ok = false;
	j = lt_app_report_sig_view_json(&sv);
	assert_true(json_is_true(json_object_get(j, "verifies")));
	assert_true(json_is_false(json_object_get(j, "trusted")));
	assert_true(json_is_true(json_object_get(json_object_get(j, "seal"), "trusted")));
	json_decref(j);
	/* Nor does a seal over a signature whose bytes were changed verify. */
	sv.check.v[0].check.intact = false;
	j = lt_app_report_sig_view_json(&sv);
	assert_true(json_is_false(json_object_get(j, "verifies")));
	json_decref(j);
	lt_app_report_sig_view_free(&sv);
	lt_buf_free(&pdf);
}

static void test_verify_unsigned_and_garbage(void **state)
{
	static const char not_pdf[] = "hello";
	lt_doc_check dc;
	lt_error e;

	(void)state;
	assert_int_not_equal(lt_app_doc_verify((const uint8_t *)not_pdf, 5, NULL, &dc, &e), 0);
	assert_int_equal(dc.n, 0);
	free(dc.v);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_who_may_sign, setup_now, teardown),
		cmocka_unit_test_setup_teardown(test_what_is_stored, setup_now, teardown),
		cmocka_unit_test_setup_teardown(test_token_failures_store_nothing, setup_now, teardown),
		cmocka_unit_test_setup_teardown(test_signed_report_is_locked, setup_now, teardown),
		cmocka_unit_test_setup_teardown(test_server_token, setup_now, teardown),
		cmocka_unit_test_setup_teardown(test_agency_seals_report, setup_now, teardown),
		cmocka_unit_test(test_verify_unsigned_and_garbage),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
