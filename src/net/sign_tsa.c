/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * sign_tsa.c — an RFC 3161 timestamp client: OpenSSL builds the request and
 * reads the reply, libcurl carries them (HTTP POST of
 * application/timestamp-query, RFC 3161 §3.4).
 */
#include "net/sign_int.h"

#include <curl/curl.h>
#include <openssl/err.h>
#include <openssl/rand.h>
#include <openssl/ts.h>
#include <string.h>

#define REPLY_MAX (256u << 10)

static size_t on_body(char *p, size_t size, size_t nmemb, void *ud)
{
	lt_buf *b = ud;

	return lt_buf_add(b, p, size * nmemb) ? 0 : size * nmemb;
}

/* POST the DER request, get the DER reply into out. */
static int post(const char *url, long timeout_ms, const unsigned char *req, int len, lt_buf *out,
		lt_error *e)
{
	CURL *c = curl_easy_init();
	struct curl_slist *h = NULL, *h2;
	char errbuf[CURL_ERROR_SIZE] = "";
	char *ctype = NULL;
	long status = 0;
	CURLcode cc;
	int rc = 0;

	if (!c)
		return LT_ENOMEM;
	h = curl_slist_append(NULL, "Content-Type: application/timestamp-query");
	h2 = h ? curl_slist_append(h, "Accept: application/timestamp-reply") : NULL;
	if (!h2) {
		rc = LT_ENOMEM;
		goto fail;
	}
	h = h2;
	cc = curl_easy_setopt(c, CURLOPT_URL, url);
	if (!cc)
		cc = curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	if (!cc)
		cc = curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	if (!cc)
		cc = curl_easy_setopt(c, CURLOPT_POSTFIELDS, req);
	if (!cc)
		cc = curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, (long)len);
	if (!cc)
		cc = curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, timeout_ms);
	if (!cc)
		cc = curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	if (!cc)
		cc = curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
	if (!cc)
		cc = curl_easy_setopt(c, CURLOPT_WRITEDATA, out);
	if (!cc)
		cc = curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
	if (!cc)
		cc = curl_easy_perform(c);
	if (cc) {
		rc = lt_error_set(e, LT_EIO, "tsa_url",
				  "Không lấy được dấu thời gian từ %s (%s)",
				  "Cannot get a timestamp from %s (%s)", url,
				  *errbuf ? errbuf : curl_easy_strerror(cc));
		goto fail;
	}
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	curl_easy_getinfo(c, CURLINFO_CONTENT_TYPE, &ctype);
	if (status != 200 || !ctype || strncmp(ctype, "application/timestamp-reply", 27) != 0) {
		rc = lt_error_set(e, LT_EIO, "tsa_url",
				  "Máy chủ dấu thời gian %s trả lời HTTP %ld (%s), không phải một dấu thời gian",
				  "The timestamp server %s answered HTTP %ld (%s), not a timestamp", url,
				  status, ctype ? ctype : "-");
		goto fail;
	}
fail:
	curl_slist_free_all(h);
	curl_easy_cleanup(c);
	return rc;
}

/* The request: SHA-256 imprint of sig, a random nonce, the TSA's certificate asked for. */
static TS_REQ *make_req(const uint8_t *sig, size_t n, ASN1_INTEGER **nonce_out)
{
	unsigned char md[32], rnd[8];
	TS_REQ *req = TS_REQ_new();
	TS_MSG_IMPRINT *mi = TS_MSG_IMPRINT_new();
	X509_ALGOR *alg = X509_ALGOR_new();
	ASN1_INTEGER *nonce = NULL;
	BIGNUM *bn = NULL;
	bool ok = false;

	if (!req || !mi || !alg || !SHA256(sig, n, md) || RAND_bytes(rnd, sizeof(rnd)) != 1)
		goto out;
	rnd[0] &= 0x7f; /* a positive INTEGER */
	bn = BN_bin2bn(rnd, sizeof(rnd), NULL);
	nonce = bn ? BN_to_ASN1_INTEGER(bn, NULL) : NULL;
	ok = nonce && X509_ALGOR_set0(alg, OBJ_nid2obj(NID_sha256), V_ASN1_NULL, NULL) &&
	     TS_MSG_IMPRINT_set_algo(mi, alg) && TS_MSG_IMPRINT_set_msg(mi, md, sizeof(md)) &&
	     TS_REQ_set_version(req, 1) && TS_REQ_set_msg_imprint(req, mi) &&
	     TS_REQ_set_nonce(req, nonce) && TS_REQ_set_cert_req(req, 1);
out:
	BN_free(bn);
	X509_ALGOR_free(alg);
	TS_MSG_IMPRINT_free(mi);
	if (!ok) {
		ASN1_INTEGER_free(nonce);
		TS_REQ_free(req);
		return NULL;
	}
	*nonce_out = nonce;
	return req;
}

int lt_tsa_stamp(const char *url, long timeout_ms, const uint8_t *sig, size_t n, lt_buf *token,
		 lt_error *e)
{
	ASN1_INTEGER *nonce = NULL;
	TS_REQ *req = make_req(sig, n, &nonce);
	TS_RESP *resp = NULL;
	unsigned char *der = NULL, *tder = NULL;
	const unsigned char *q;
	lt_buf reply;
	int len, rc = 0;

	lt_buf_init(&reply, REPLY_MAX);
	if (!req) {
		rc = LT_ENOMEM;
		goto fail;
	}
	len = i2d_TS_REQ(req, &der);
	if (len <= 0) {
		rc = LT_ENOMEM;
		goto fail;
	}
	rc = post(url, timeout_ms, der, len, &reply, e);
	if (rc)
		goto fail;
	q = (const unsigned char *)reply.ptr;
	resp = d2i_TS_RESP(NULL, &q, (long)reply.len);
	if (!resp) {
		rc = lt_error_set(e, LT_EINVAL, "tsa_url",
				  "Trả lời của máy chủ dấu thời gian không đọc được",
				  "The timestamp server's reply cannot be read");
		goto fail;
	}
	long status = ASN1_INTEGER_get(TS_STATUS_INFO_get0_status(TS_RESP_get_status_info(resp)));
	TS_TST_INFO *tst = TS_RESP_get_tst_info(resp);
	PKCS7 *p7 = TS_RESP_get_token(resp);
	if ((status != 0 && status != 1) || !tst || !p7) {
		rc = lt_error_set(e, LT_EIO, "tsa_url",
				  "Máy chủ dấu thời gian từ chối cấp (trạng thái %ld)",
				  "The timestamp server refused (status %ld)", status);
		goto fail;
	}
	ASN1_OCTET_STRING *want = TS_MSG_IMPRINT_get_msg(TS_REQ_get_msg_imprint(req));
	ASN1_OCTET_STRING *got = TS_MSG_IMPRINT_get_msg(TS_TST_INFO_get_msg_imprint(tst));
	const ASN1_INTEGER *gn = TS_TST_INFO_get_nonce(tst);
	if (ASN1_STRING_cmp(want, got) != 0 || !gn || ASN1_INTEGER_cmp(gn, nonce) != 0) {
		rc = lt_error_set(e, LT_EINVAL, "tsa_url",
				  "Dấu thời gian nhận được không phải cho chữ ký này",
				  "The timestamp received is not for this signature");
		goto fail;
	}
	len = i2d_PKCS7(p7, &tder);
	if (len <= 0) {
		rc = LT_ENOMEM;
		goto fail;
	}
	rc = lt_buf_add(token, tder, (size_t)len);
fail:
	if (rc && e && !e->code)
		lt_error_set(e, rc, "tsa_url", "Không lấy được dấu thời gian (%s)",
			     "Cannot get a timestamp (%s)", lt_err_name(rc));
	OPENSSL_free(der);
	OPENSSL_free(tder);
	TS_RESP_free(resp);
	TS_REQ_free(req);
	ASN1_INTEGER_free(nonce);
	lt_buf_free(&reply);
	ERR_clear_error();
	return rc;
}
