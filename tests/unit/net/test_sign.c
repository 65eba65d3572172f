/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Tests for src/net/sign*.c: PAdES signatures with the key on a PKCS#11
 * token. tests/lib/softhsm.sh makes, in a temporary directory, a test CA,
 * the signer's certificates (valid and expired), a TSA and a SoftHSM2
 * token holding the keys; an RFC 3161 server runs here on 127.0.0.1 with
 * OpenSSL's TS responder. The end-to-end cases sign a report rendered by
 * lantoa and check it with lantoa and with poppler's pdfsig, before and
 * after one byte is changed, and read a PDF that pdfsig itself signed.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <openssl/cms.h>
#include <openssl/pem.h>
#include <openssl/ts.h>
#include <sodium.h>

#include "core/clock.h"
#include "net/sign.h"
#include "render/pdf_sign.h"
#include "render/pdf_verify.h"
#include "../../lib/sign_fixtures.h"
#include "../render/shell_helpers.h"

static char dir[] = "/tmp/lt-sign-XXXXXX";
static bool ready; /* the PKI and the token were made */
static char module[256];
static char chain_pem[300], ca_pem[300]; /* kept: P() reuses its buffers */
static struct MHD_Daemon *tsa;
static unsigned short tsa_port;
static int tsa_requests;
static X509 *tsa_cert;
static EVP_PKEY *tsa_key;
static STACK_OF(X509) *tsa_chain;

static const char *P(const char *name)
{
	static char buf[4][300];
	static int k;

	k = (k + 1) % 4;
	snprintf(buf[k], sizeof(buf[k]), "%s/%s", dir, name);
	return buf[k];
}

#define NEED_PKI()                                                                             \
	do {                                                                                   \
		if (!ready) {                                                                  \
			print_message("# softhsm2, opensc or libnss3-tools is missing "       \
				      "(scripts/install-deps.sh installs them)\n");           \
			skip();                                                                \
		}                                                                              \
	} while (0)

/* --- a local RFC 3161 server: /tsa answers, /html and /other do not --- */

typedef struct upload {
	lt_buf body;
} upload;

static TS_RESP *tsa_answer(const lt_buf *req)
{
	TS_RESP_CTX *c = TS_RESP_CTX_new();
	ASN1_OBJECT *pol = OBJ_txt2obj("1.3.6.1.4.1.61000.1.1", 1);
	BIO *in = BIO_new_mem_buf(req->ptr, (int)req->len);
	TS_RESP *r = NULL;

	if (c && pol && in && TS_RESP_CTX_set_signer_cert(c, tsa_cert) &&
	    TS_RESP_CTX_set_signer_key(c, tsa_key) && TS_RESP_CTX_set_certs(c, tsa_chain) &&
	    TS_RESP_CTX_set_def_policy(c, pol) && TS_RESP_CTX_add_md(c, EVP_sha256()) &&
	    TS_RESP_CTX_set_signer_digest(c, EVP_sha256()))
		r = TS_RESP_create_response(c, in);
	BIO_free(in);
	ASN1_OBJECT_free(pol);
	TS_RESP_CTX_free(c);
	return r;
}

static enum MHD_Result tsa_handler(void *cls, struct MHD_Connection *conn, const char *url,
				   const char *method, const char *version, const char *data,
				   size_t *size, void **ctx)
{
	upload *u = *ctx;
	struct MHD_Response *resp;
	unsigned char *der = NULL;
	const char *ctype = "application/timestamp-reply";
	enum MHD_Result ret;
	int len = 0;

	(void)cls, (void)method, (void)version;
	if (!u) {
		u = calloc(1, sizeof(*u));
		lt_buf_init(&u->body, 1 << 16);
		*ctx = u;
		return MHD_YES;
	}
	if (*size) {
		if (lt_buf_add(&u->body, data, *size))
			return MHD_NO;
		*size = 0;
		return MHD_YES;
	}
	tsa_requests++;
	if (!strcmp(url, "/html")) {
		static const char page[] = "<html>not a TSA</html>";
		resp = MHD_create_response_from_buffer(sizeof(page) - 1, (void *)page, MHD_RESPMEM_PERSISTENT);
		MHD_add_response_header(resp, "Content-Type", "text/html");
		ret = MHD_queue_response(conn, 200, resp);
		MHD_destroy_response(resp);
		return ret;
	}
	if (!strcmp(url, "/other")) {
		/* A good token, for another imprint than the one asked. */
		const unsigned char *q = (const unsigned char *)u->body.ptr;
		TS_REQ *req = d2i_TS_REQ(NULL, &q, (long)u->body.len);
		ASN1_OCTET_STRING *m = req ? TS_MSG_IMPRINT_get_msg(TS_REQ_get_msg_imprint(req)) : NULL;
		unsigned char *rder = NULL;
		if (m) {
			((unsigned char *)ASN1_STRING_get0_data(m))[0] ^= 0xff;
			len = i2d_TS_REQ(req, &rder);
			lt_buf_reset(&u->body);
			lt_ignore(lt_buf_add(&u->body, rder, (size_t)len));
		}
		OPENSSL_free(rder);
		TS_REQ_free(req);
	}
	TS_RESP *r = tsa_answer(&u->body);
	len = r ? i2d_TS_RESP(r, &der) : 0;
	TS_RESP_free(r);
	resp = MHD_create_response_from_buffer((size_t)(len > 0 ? len : 0), der, MHD_RESPMEM_MUST_COPY);
	OPENSSL_free(der);
	MHD_add_response_header(resp, "Content-Type", ctype);
	ret = MHD_queue_response(conn, len > 0 ? 200 : 500, resp);
	MHD_destroy_response(resp);
	return ret;
}

static void tsa_done(void *cls, struct MHD_Connection *conn, void **ctx,
		     enum MHD_RequestTerminationCode toe)
{
	upload *u = *ctx;

	(void)cls, (void)conn, (void)toe;
	if (u) {
		lt_buf_free(&u->body);
		free(u);
		*ctx = NULL;
	}
}

static int start_tsa(void)
{
	FILE *f;
	const union MHD_DaemonInfo *info;

	f = fopen(P("tsa.pem"), "r");
	tsa_cert = f ? PEM_read_X509(f, NULL, NULL, NULL) : NULL;
	if (f)
		fclose(f);
	f = fopen(P("tsa.key"), "r");
	tsa_key = f ? PEM_read_PrivateKey(f, NULL, NULL, NULL) : NULL;
	if (f)
		fclose(f);
	f = fopen(P("sub.pem"), "r");
	tsa_chain = sk_X509_new_null();
	if (f) {
		sk_X509_push(tsa_chain, PEM_read_X509(f, NULL, NULL, NULL));
		fclose(f);
	}
	if (!tsa_cert || !tsa_key)
		return -1;
	tsa = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD, 0, NULL, NULL, tsa_handler, NULL,
			       MHD_OPTION_NOTIFY_COMPLETED, tsa_done, NULL,
			       MHD_OPTION_SOCK_ADDR,
			       (const struct sockaddr *)&(struct sockaddr_in){
				       .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) },
			       MHD_OPTION_END);
	if (!tsa)
		return -1;
	info = MHD_get_daemon_info(tsa, MHD_DAEMON_INFO_BIND_PORT);
	tsa_port = info ? info->port : 0;
	return tsa_port ? 0 : -1;
}

static int setup(void **state)
{
	int rc;

	(void)state;
	if (!mkdtemp(dir))
		return -1;
	rc = fix_softhsm(SOURCE_ROOT, dir, module, sizeof(module));
	if (rc == 77) {
		const char *ci = getenv("CI");
		return ci && !strcmp(ci, "true") ? -1 : 0; /* the project's scripts install them */
	}
	if (rc)
		return -1;
	snprintf(chain_pem, sizeof(chain_pem), "%s", P("chain.pem"));
	snprintf(ca_pem, sizeof(ca_pem), "%s", P("ca.pem"));
	if (start_tsa())
		return -1;
	ready = true;
	return 0;
}

static int teardown(void **state)
{
	char cmd[128];

	(void)state;
	if (tsa)
		MHD_stop_daemon(tsa);
	X509_free(tsa_cert);
	EVP_PKEY_free(tsa_key);
	sk_X509_pop_free(tsa_chain, X509_free);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static lt_signer_opts opts(void)
{
	lt_signer_opts o = { .module = module, .token = "lantoa-test", .key = "signer", .pin = "1234",
			     .chain_file = chain_pem };
	return o;
}

static lt_sign_trust trust(void)
{
	lt_sign_trust t = { .ca_file = ca_pem };
	return t;
}

static void expect_open_error(const lt_signer_opts *o, int code, const char *field, const char *en)
{
	lt_signer *s = NULL;
	lt_error e = { 0 };

	assert_int_equal(lt_signer_open(o, &s, &e), code);
	assert_null(s);
	assert_string_equal(e.field, field);
	if (!strstr(e.en, en))
		fail_msg("\"%s\" not in \"%s\"", en, e.en);
	assert_true(e.vi[0] && strcmp(e.vi, e.en) != 0);
}

/* --- tests --- */

/* The CMS is PAdES-B-B: content-type, message-digest, signing-certificate-v2,
 * no signing-time; the whole chain; detached; made on the token. */
static void test_cms_is_pades_bb(void **state)
{
	lt_signer_opts o = opts();
	lt_signer *s = NULL;
	lt_error e = { 0 };
	lt_buf cms;
	uint8_t d[32];
	const unsigned char *q;
	CMS_ContentInfo *ci;
	CMS_SignerInfo *si;
	STACK_OF(X509) *certs;
	ASN1_OCTET_STRING *md;
	lt_sign_check c;
	lt_sign_trust t = trust();
	unsigned calls;

	(void)state;
	NEED_PKI();
	assert_int_equal(lt_signer_open(&o, &s, &e), 0);
	assert_string_equal(lt_signer_cn(s), "Nguyễn Văn Thành");
	assert_true(lt_signer_not_after(s) > lt_now());
	crypto_hash_sha256(d, (const uint8_t *)"báo cáo", strlen("báo cáo"));
	lt_buf_init(&cms, 1 << 20);
	assert_int_equal(lt_signer_cms(s, d, &cms, &e), 0);
	assert_true(lt_signer_token_ns(s, &calls) > 0);
	assert_int_equal(calls, 1);

	q = (const unsigned char *)cms.ptr;
	ci = d2i_CMS_ContentInfo(NULL, &q, (long)cms.len);
	assert_non_null(ci);
	assert_int_equal(OBJ_obj2nid(CMS_get0_type(ci)), NID_pkcs7_signed);
	assert_null(*CMS_get0_content(ci)); /* detached */
	si = sk_CMS_SignerInfo_value(CMS_get0_SignerInfos(ci), 0);
	assert_int_equal(CMS_signed_get_attr_count(si), 3);
	assert_true(CMS_signed_get_attr_by_NID(si, NID_pkcs9_contentType, -1) >= 0);
	assert_true(CMS_signed_get_attr_by_NID(si, NID_id_smime_aa_signingCertificateV2, -1) >= 0);
	assert_true(CMS_signed_get_attr_by_NID(si, NID_pkcs9_signingTime, -1) < 0);
	md = CMS_signed_get0_data_by_OBJ(si, OBJ_nid2obj(NID_pkcs9_messageDigest), -3, V_ASN1_OCTET_STRING);
	assert_non_null(md);
	assert_int_equal(ASN1_STRING_length(md), 32);
	assert_memory_equal(ASN1_STRING_get0_data(md), d, 32);
	certs = CMS_get1_certs(ci);
	assert_int_equal(sk_X509_num(certs), 3); /* signer, sub CA, root */
	sk_X509_pop_free(certs, X509_free);
	CMS_ContentInfo_free(ci);

	/* It verifies over the bytes whose digest it signed, split anywhere. */
	assert_int_equal(lt_sign_verify((const uint8_t *)cms.ptr, cms.len, (const uint8_t *)"báo", 4,
					(const uint8_t *)" cáo", strlen(" cáo"), &t, &c, &e), 0);
	assert_true(c.intact && c.cades && c.chain_ok && c.valid_now);
	assert_int_equal(c.chain_len, 3);
	assert_string_equal(c.signer_cn, "Nguyễn Văn Thành");
	assert_string_equal(c.issuer_cn, "Lantoa Test Sub CA");
	assert_string_equal(c.digest, "SHA256");
	assert_int_equal(c.time_src, LT_SIGN_TIME_NONE);
	assert_false(c.has_timestamp);
	/* Years later, without a timestamp, the chain is checked now: expired. */
	t.now = lt_vn_epoch(2100, 1, 1, 0, 0, 0);
	assert_int_equal(lt_sign_verify((const uint8_t *)cms.ptr, cms.len, (const uint8_t *)"báo", 4,
					(const uint8_t *)" cáo", strlen(" cáo"), &t, &c, &e), LT_EINVAL);
	assert_true(c.intact);
	assert_false(c.chain_ok || c.valid_now);
	assert_string_equal(e.field, "certificate");
	assert_non_null(strstr(e.en, "expired on"));
	t.now = lt_vn_epoch(2000, 1, 1, 0, 0, 0);
	memset(&e, 0, sizeof(e));
	assert_int_equal(lt_sign_verify((const uint8_t *)cms.ptr, cms.len, (const uint8_t *)"báo", 4,
					(const uint8_t *)" cáo", strlen(" cáo"), &t, &c, &e), LT_EINVAL);
	assert_non_null(strstr(e.en, "is not yet valid"));
	t.now = 0;
	/* Not over other bytes. */
	assert_int_equal(lt_sign_verify((const uint8_t *)cms.ptr, cms.len, (const uint8_t *)"bao", 3,
					(const uint8_t *)" cao", 4, &t, &c, &e), LT_ECONFLICT);
	assert_false(c.intact);
	assert_non_null(strstr(e.en, "changed after signing"));
	lt_buf_free(&cms);
	lt_signer_close(s);
}

static void test_wrong_pin(void **state)
{
	lt_signer_opts o = opts();
	lt_signer *s = NULL;
	lt_error e = { 0 };

	(void)state;
	NEED_PKI();
	o.pin = "9999";
	expect_open_error(&o, LT_EAUTH, "pin", "Wrong PIN for token \"lantoa-test\"");
	/* The right PIN still works afterwards. */
	o.pin = "1234";
	assert_int_equal(lt_signer_open(&o, &s, &e), 0);
	lt_signer_close(s);
}

static double mono(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static double second_opened_at;

static void *open_second(void *arg)
{
	lt_signer_opts o = opts();
	lt_signer *s = NULL;
	lt_error e = { 0 };

	(void)arg;
	if (lt_signer_open(&o, &s, &e) == 0) {
		second_opened_at = mono();
		lt_signer_close(s);
	}
	return NULL;
}

/* A second signer waits for the first to be closed: they would share one
 * login on the token. */
static void test_one_signer_at_a_time(void **state)
{
	lt_signer_opts o = opts();
	lt_signer *s = NULL;
	lt_error e = { 0 };
	pthread_t th;
	double closed_at;

	(void)state;
	NEED_PKI();
	second_opened_at = 0;
	assert_int_equal(lt_signer_open(&o, &s, &e), 0);
	assert_int_equal(pthread_create(&th, NULL, open_second, NULL), 0);
	usleep(300 * 1000);
	assert_true(second_opened_at == 0);
	closed_at = mono();
	lt_signer_close(s);
	assert_int_equal(pthread_join(th, NULL), 0);
	assert_true(second_opened_at >= closed_at);
}

static void test_token_absent(void **state)
{
	lt_signer_opts o = opts();

	(void)state;
	NEED_PKI();
	o.token = "VNPT-CA 0123";
	expect_open_error(&o, LT_ENOTFOUND, "token", "Token \"VNPT-CA 0123\" is absent");
	{
		lt_signer *s = NULL;
		lt_error e = { 0 };
		assert_int_equal(lt_signer_open(&o, &s, &e), LT_ENOTFOUND);
		assert_non_null(strstr(e.vi, "\"lantoa-test\"")); /* the tokens that are there */
	}
}

static void test_key_and_module(void **state)
{
	lt_signer_opts o = opts();
	FILE *f;

	(void)state;
	NEED_PKI();
	o.key = "ký số";
	expect_open_error(&o, LT_ENOTFOUND, "key", "no private key labelled \"ký số\"");
	o = opts();
	o.module = "/usr/lib/no-such-pkcs11.so";
	expect_open_error(&o, LT_ENOTFOUND, "module", "does not exist");
	f = fopen(P("fake.so"), "w");
	assert_non_null(f);
	fputs("not a library\n", f);
	fclose(f);
	o.module = P("fake.so");
	expect_open_error(&o, LT_EIO, "module", "Cannot load the PKCS#11 module");
	o = opts();
	o.token = NULL;
	expect_open_error(&o, LT_EINVAL, "token", "missing");
	o = opts();
	o.tsa_url = "ftp://127.0.0.1/tsa";
	expect_open_error(&o, LT_EINVAL, "tsa_url", "http:// or https://");
}

static void test_certificate_dates(void **state)
{
	lt_signer_opts o = opts();

	(void)state;
	NEED_PKI();
	o.key = "expired";
	expect_open_error(&o, LT_EINVAL, "certificate", "expired on 01/01/2021");
	o = opts();
	o.now = lt_vn_epoch(2000, 1, 1, 0, 0, 0);
	expect_open_error(&o, LT_EINVAL, "certificate", "is not yet valid");
}

static void test_timestamp(void **state)
{
	lt_signer_opts o = opts();
	lt_signer *s = NULL;
	lt_error e = { 0 };
	lt_buf cms;
	uint8_t d[32];
	char url[128];
	lt_sign_check c;
	lt_sign_trust t = trust();

	(void)state;
	NEED_PKI();
	snprintf(url, sizeof(url), "http://127.0.0.1:%u/tsa", tsa_port);
	o.tsa_url = url;
	assert_int_equal(lt_signer_open(&o, &s, &e), 0);
	crypto_hash_sha256(d, (const uint8_t *)"x", 1);
	lt_buf_init(&cms, 1 << 20);
	tsa_requests = 0;
	assert_int_equal(lt_signer_cms(s, d, &cms, &e), 0);
	assert_int_equal(tsa_requests, 1);
	lt_signer_close(s);
	{
		const unsigned char *q = (const unsigned char *)cms.ptr;
		CMS_ContentInfo *ci = d2i_CMS_ContentInfo(NULL, &q, (long)cms.len);
		CMS_SignerInfo *si = sk_CMS_SignerInfo_value(CMS_get0_SignerInfos(ci), 0);
		assert_true(CMS_unsigned_get_attr_by_NID(si, NID_id_smime_aa_timeStampToken, -1) >= 0);
		CMS_ContentInfo_free(ci);
	}
	assert_int_equal(lt_sign_verify((const uint8_t *)cms.ptr, cms.len, (const uint8_t *)"x", 1,
					(const uint8_t *)"", 0, &t, &c, &e), 0);
	assert_true(c.intact && c.chain_ok && c.has_timestamp && c.timestamp_ok);
	assert_int_equal(c.time_src, LT_SIGN_TIME_TSA);
	assert_true(llabs(c.signing_time - lt_now()) < 300);
	/* Years later the certificate has expired, but the timestamp proves it
	 * was valid when it signed: the chain is checked at the timestamp's time. */
	t.now = lt_vn_epoch(2100, 1, 1, 0, 0, 0);
	assert_int_equal(lt_sign_verify((const uint8_t *)cms.ptr, cms.len, (const uint8_t *)"x", 1,
					(const uint8_t *)"", 0, &t, &c, &e), 0);
	assert_true(c.chain_ok);
	assert_false(c.valid_now);
	lt_buf_free(&cms);

	/* Servers that do not give a timestamp for this signature. */
	static const struct { const char *path; int code; const char *en; } bad[] = {
		{ "/html", LT_EIO, "answered HTTP 200 (text/html)" },
		{ "/other", LT_EINVAL, "not for this signature" },
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		memset(&e, 0, sizeof(e));
		snprintf(url, sizeof(url), "http://127.0.0.1:%u%s", tsa_port, bad[i].path);
		assert_int_equal(lt_signer_open(&o, &s, &e), 0);
		lt_buf_init(&cms, 1 << 20);
		assert_int_equal(lt_signer_cms(s, d, &cms, &e), bad[i].code);
		assert_string_equal(e.field, "tsa_url");
		if (!strstr(e.en, bad[i].en))
			fail_msg("\"%s\" not in \"%s\"", bad[i].en, e.en);
		assert_int_equal(cms.len, 0); /* nothing half-made */
		lt_buf_free(&cms);
		lt_signer_close(s);
	}
	/* Nobody listening. */
	snprintf(url, sizeof(url), "http://127.0.0.1:1/tsa");
	assert_int_equal(lt_signer_open(&o, &s, &e), 0);
	lt_buf_init(&cms, 1 << 20);
	assert_int_equal(lt_signer_cms(s, d, &cms, &e), LT_EIO);
	assert_non_null(strstr(e.en, "Cannot get a timestamp from http://127.0.0.1:1/tsa"));
	lt_buf_free(&cms);
	lt_signer_close(s);
}

/* --- a report rendered, signed on the token, verified by lantoa and by poppler --- */

static lt_buf sig_png, seal_png;

static const char *save(const char *name, const void *p, size_t n)
{
	const char *path = P(name);
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(p, 1, n, f), n);
	assert_int_equal(fclose(f), 0);
	return path;
}

static char *pdfsig(const char *path)
{
	char cmd[700];

	snprintf(cmd, sizeof(cmd), "pdfsig -nssdir sql:%s/nss %s 2>&1", dir, path);
	return run(cmd);
}

static void expect_in(const char *s, const char *part)
{
	if (!s || !strstr(s, part))
		fail_msg("\"%s\" not found in:\n%s", part, s ? s : "(no output)");
}

/* lantoa's verdict on every signature of a PDF: the first failure's code. */
static int lantoa_verify(const lt_buf *pdf, size_t want, lt_sign_check *last, lt_error *e)
{
	const uint8_t *p = (const uint8_t *)pdf->ptr;
	lt_sign_trust t = trust();
	lt_pdf_sigs s;
	int rc;

	assert_int_equal(lt_pdf_sigs_find(p, pdf->len, &s, e), 0);
	assert_int_equal(s.n, want);
	rc = 0;
	for (size_t i = 0; i < s.n && !rc; i++) {
		const lt_pdf_sig *g = &s.v[i];
		if (i + 1 == s.n)
			rc = lt_pdf_sig_check(g, pdf->len, e);
		if (!rc)
			rc = lt_sign_verify(g->cms, g->cms_len, p + g->range[0], g->range[1],
					    p + g->range[2], g->range[3], &t, last, e);
	}
	lt_pdf_sigs_free(&s);
	return rc;
}

/* Change one byte of the rendered revision (the creator in the metadata,
 * within the first `within` bytes) and expect lantoa to say the document
 * was changed after signing. Returns the byte, to be put back. */
static char *expect_tampered(lt_buf *pdf, size_t within, size_t nsigs)
{
	char *hit = memmem(pdf->ptr, within, "/Creator (lantoa)", 17);
	lt_sign_check c;
	lt_error e = { 0 };

	assert_non_null(hit);
	hit[10] = 'L';
	assert_int_equal(lantoa_verify(pdf, nsigs, &c, &e), LT_ECONFLICT);
	assert_false(c.intact);
	expect_in(e.en, "does not match the content: the document was changed after signing");
	expect_in(e.vi, "tài liệu đã bị thay đổi sau khi ký");
	return hit + 10;
}

static void test_report_signed_on_token(void **state)
{
	lt_signer_opts so = opts();
	lt_signer *s = NULL;
	lt_error e = { 0 };
	lt_buf pdf, out;
	lt_doc_pdf_spot spot;
	lt_sign_check c;
	char url[128], *rep;
	const char *path;

	(void)state;
	NEED_PKI();
	lt_buf_init(&pdf, 64u << 20);
	lt_buf_init(&out, 64u << 20);
	lt_buf_init(&sig_png, 1 << 20);
	lt_buf_init(&seal_png, 1 << 20);
	fix_report_pdf(2, &pdf, &spot);
	fix_signature_png(&sig_png);
	fix_seal_png(&seal_png);
	snprintf(url, sizeof(url), "http://127.0.0.1:%u/tsa", tsa_port);
	so.tsa_url = url;
	assert_int_equal(lt_signer_open(&so, &s, &e), 0);
	lt_pdf_sign_opts po = {
		.cms = lt_signer_cms, .cms_ctx = s, .name = lt_signer_cn(s),
		.reason = "Ký ban hành báo cáo", .location = "Gia Lâm, Hà Nội",
		.look = LT_PDF_LOOK_SIGNER, .page = spot.page,
		.x = spot.x, .y = spot.y, .w = spot.w, .h = spot.h,
		.sig_png = (const uint8_t *)sig_png.ptr, .sig_png_len = sig_png.len,
		.seal_png = (const uint8_t *)seal_png.ptr, .seal_png_len = seal_png.len,
		.signer = lt_signer_cn(s), .position = "Chủ tịch",
		.org = "Liên đoàn Lao động huyện Gia Lâm",
	};
	assert_int_equal(lt_pdf_sign((const uint8_t *)pdf.ptr, pdf.len, &po, &out, &e), 0);
	lt_signer_close(s);
	assert_memory_equal(out.ptr, pdf.ptr, pdf.len); /* the rendered revision, as it was */

	/* lantoa: intact, trusted, timestamped. */
	assert_int_equal(lantoa_verify(&out, 1, &c, &e), 0);
	assert_true(c.intact && c.chain_ok && c.cades && c.timestamp_ok);
	assert_string_equal(c.signer_cn, "Nguyễn Văn Thành");
	/* poppler: valid, whole document, trusted. */
	path = save("report-signed.pdf", out.ptr, out.len);
	if (!have("pdfsig"))
		skip();
	rep = pdfsig(path);
	expect_in(rep, "Signer Certificate Common Name: Nguyễn Văn Thành");
	expect_in(rep, "Signature Type: ETSI.CAdES.detached");
	expect_in(rep, "Total document signed");
	expect_in(rep, "Signature Validation: Signature is Valid.");
	expect_in(rep, "Certificate Validation: Certificate is Trusted.");
	free(rep);

	/* One byte changed in the rendered text: both say the signature fails. */
	char *hit = expect_tampered(&out, pdf.len, 1);
	rep = pdfsig(save("report-changed.pdf", out.ptr, out.len));
	assert_null(strstr(rep ? rep : "", "Signature is Valid."));
	expect_in(rep, "Digest Mismatch");
	free(rep);
	*hit = 'l';
	/* Bytes appended after signing. */
	assert_int_equal(lt_buf_adds(&out, "%% appended\n"), 0);
	memset(&e, 0, sizeof(e));
	assert_int_equal(lantoa_verify(&out, 1, &c, &e), LT_ECONFLICT);
	expect_in(e.en, "bytes were added after the signed revision");
	rep = pdfsig(save("report-appended.pdf", out.ptr, out.len));
	expect_in(rep, "Not total document signed");
	free(rep);

	/* Against a trust store without our root: signed, but not trusted. */
	out.len -= strlen("%% appended\n");
	{
		lt_pdf_sigs sg;
		lt_sign_trust t = { .ca_file = P("tsa.pem") };
		const uint8_t *p = (const uint8_t *)out.ptr;
		assert_int_equal(lt_pdf_sigs_find(p, out.len, &sg, &e), 0);
		memset(&e, 0, sizeof(e));
		assert_int_equal(lt_sign_verify(sg.v[0].cms, sg.v[0].cms_len, p, sg.v[0].range[1],
						p + sg.v[0].range[2], sg.v[0].range[3], &t, &c, &e),
				 LT_EINVAL);
		assert_true(c.intact);
		assert_false(c.chain_ok);
		assert_string_equal(e.field, "certificate");
		expect_in(e.en, "does not lead to a trusted certification authority");
		lt_pdf_sigs_free(&sg);
	}
	lt_buf_free(&pdf);
	lt_buf_free(&out);
	lt_buf_free(&sig_png);
	lt_buf_free(&seal_png);
}

/* A PDF signed by another tool (poppler's pdfsig, NSS): lantoa reads and
 * checks it, co-signs it, and sees a change made to it afterwards. */
static void test_signed_elsewhere(void **state)
{
	lt_signer_opts so = opts();
	lt_signer *s = NULL;
	lt_error e = { 0 };
	lt_buf pdf, two;
	lt_doc_pdf_spot spot;
	lt_sign_check c;
	lt_pdf_sigs sg;
	char cmd[900], *rep;
	FILE *f;

	(void)state;
	NEED_PKI();
	if (!have("pdfsig"))
		skip();
	lt_buf_init(&pdf, 64u << 20);
	lt_buf_init(&two, 64u << 20);
	fix_report_pdf(1, &pdf, &spot);
	save("plain.pdf", pdf.ptr, pdf.len);
	snprintf(cmd, sizeof(cmd),
		 "pdfsig -nssdir sql:%s/nss -add-signature -nick signer -reason 'Ky bang NSS' %s %s >/dev/null 2>&1",
		 dir, P("plain.pdf"), P("nss-signed.pdf"));
	assert_int_equal(system(cmd), 0);
	lt_buf_reset(&pdf);
	f = fopen(P("nss-signed.pdf"), "rb");
	assert_non_null(f);
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		assert_int_equal(lt_buf_add(&pdf, chunk, n), 0);
	fclose(f);

	assert_int_equal(lt_pdf_sigs_find((const uint8_t *)pdf.ptr, pdf.len, &sg, &e), 0);
	assert_int_equal(sg.n, 1);
	assert_string_equal(sg.v[0].subfilter, "adbe.pkcs7.detached");
	assert_string_equal(sg.v[0].reason, "Ky bang NSS");
	assert_string_equal(sg.v[0].name, "Nguyễn Văn Thành"); /* written as bare UTF-8 */
	lt_pdf_sigs_free(&sg);
	assert_int_equal(lantoa_verify(&pdf, 1, &c, &e), 0);
	assert_true(c.intact && c.chain_ok);
	assert_string_equal(c.signer_cn, "Nguyễn Văn Thành");

	/* lantoa adds its signature after pdfsig's. */
	assert_int_equal(lt_signer_open(&so, &s, &e), 0);
	lt_pdf_sign_opts po = { .cms = lt_signer_cms, .cms_ctx = s, .look = LT_PDF_LOOK_INVISIBLE };
	if (lt_pdf_sign((const uint8_t *)pdf.ptr, pdf.len, &po, &two, &e))
		fail_msg("%s (%s)", e.en, e.field);
	lt_signer_close(s);
	assert_int_equal(lantoa_verify(&two, 2, &c, &e), 0);
	rep = pdfsig(save("cosigned.pdf", two.ptr, two.len));
	expect_in(rep, "Signature #2:");
	assert_null(strstr(rep, "Signature is Invalid"));
	assert_null(strstr(rep, "Digest Mismatch"));
	free(rep);

	/* A byte changed in pdfsig's signed revision. */
	expect_tampered(&pdf, pdf.len, 1);
	lt_buf_free(&pdf);
	lt_buf_free(&two);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cms_is_pades_bb),
		cmocka_unit_test(test_wrong_pin),
		cmocka_unit_test(test_one_signer_at_a_time),
		cmocka_unit_test(test_token_absent),
		cmocka_unit_test(test_key_and_module),
		cmocka_unit_test(test_certificate_dates),
		cmocka_unit_test(test_timestamp),
		cmocka_unit_test(test_report_signed_on_token),
		cmocka_unit_test(test_signed_elsewhere),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
