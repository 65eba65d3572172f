/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * sign_cms.c — the PAdES-B-B CMS of sign.h, signed on the token.
 *
 * OpenSSL's CMS_final always adds a signing-time attribute (cms_sd.c,
 * CMS_SignerInfo_sign), which EN 319 142-1 §5.2.2 rules out for PAdES. So
 * the SignerInfo is built by CMS_add1_signer (certificates, algorithms,
 * ESS signing-certificate-v2 with CMS_CADES) and finished here: the
 * content-type and message-digest attributes are added, the signed
 * attributes encoded the way OpenSSL encodes them (the SET OF item
 * PKCS7_ATTR_SIGN, DER-sorted), signed with the token's key, and the value
 * put in the SignerInfo.
 */
#include "net/sign_int.h"

#include <openssl/err.h>
#include <openssl/pkcs7.h>
#include <string.h>
#include <time.h>

static uint64_t mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* DER of the signed attributes as they are signed (universal SET tag). */
static int signed_attrs_der(CMS_SignerInfo *si, unsigned char **der, int *len)
{
	STACK_OF(X509_ATTRIBUTE) *sk = sk_X509_ATTRIBUTE_new_null();
	int n = CMS_signed_get_attr_count(si), rc = 0;

	*der = NULL;
	if (!sk)
		return LT_ENOMEM;
	for (int i = 0; i < n && !rc; i++)
		if (!sk_X509_ATTRIBUTE_push(sk, CMS_signed_get_attr(si, i)))
			rc = LT_ENOMEM;
	if (!rc) {
		*len = ASN1_item_i2d((ASN1_VALUE *)sk, der, ASN1_ITEM_rptr(PKCS7_ATTR_SIGN));
		if (*len <= 0 || !*der)
			rc = LT_ENOMEM;
	}
	sk_X509_ATTRIBUTE_free(sk); /* the attributes stay the SignerInfo's */
	return rc;
}

/* Sign the signed attributes on the token and store the value in si. */
static int sign_attrs(lt_signer *s, CMS_SignerInfo *si, lt_error *e)
{
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	unsigned char *der = NULL, *sig = NULL;
	size_t siglen = 0;
	int len = 0, rc;
	char err[160];
	uint64_t t0;

	rc = md ? signed_attrs_der(si, &der, &len) : LT_ENOMEM;
	if (rc)
		goto fail;
	t0 = mono_ns();
	if (EVP_DigestSignInit(md, NULL, EVP_sha256(), NULL, s->pkey) != 1 ||
	    EVP_DigestSign(md, NULL, &siglen, der, (size_t)len) != 1 ||
	    !(sig = OPENSSL_malloc(siglen)) ||
	    EVP_DigestSign(md, sig, &siglen, der, (size_t)len) != 1) {
		rc = lt_error_set(e, LT_EIO, "token", "Token không ký được (%s)",
				  "The token could not sign (%s)", lt_ossl_err(err, sizeof(err)));
		goto fail;
	}
	s->token_ns += mono_ns() - t0;
	s->token_calls++;
	if (!ASN1_STRING_set(CMS_SignerInfo_get0_signature(si), sig, (int)siglen))
		rc = LT_ENOMEM;
fail:
	OPENSSL_free(sig);
	OPENSSL_free(der);
	EVP_MD_CTX_free(md);
	return rc;
}

/* Add the RFC 3161 timestamp over the signature value as an unsigned attribute. */
static int add_timestamp(lt_signer *s, CMS_SignerInfo *si, lt_error *e)
{
	ASN1_OCTET_STRING *sv = CMS_SignerInfo_get0_signature(si);
	lt_buf tok;
	int rc;

	lt_buf_init(&tok, 1u << 20);
	rc = lt_tsa_stamp(s->tsa_url, s->tsa_timeout_ms, ASN1_STRING_get0_data(sv),
			  (size_t)ASN1_STRING_length(sv), &tok, e);
	if (!rc && !CMS_unsigned_add1_attr_by_NID(si, NID_id_smime_aa_timeStampToken,
						  V_ASN1_SEQUENCE, tok.ptr, (int)tok.len))
		rc = LT_ENOMEM;
	lt_buf_free(&tok);
	return rc;
}

int lt_signer_cms(void *ctx, const uint8_t *digest, lt_buf *cms, lt_error *e)
{
	lt_signer *s = ctx;
	CMS_ContentInfo *ci = NULL;
	CMS_SignerInfo *si;
	unsigned char *der = NULL;
	int len, rc = 0;

	ci = CMS_sign(NULL, NULL, NULL, NULL, CMS_PARTIAL | CMS_DETACHED | CMS_BINARY);
	if (!ci) {
		rc = LT_ENOMEM;
		goto fail;
	}
	si = CMS_add1_signer(ci, s->cert, s->pkey, EVP_sha256(),
			     CMS_PARTIAL | CMS_BINARY | CMS_NOSMIMECAP | CMS_CADES);
	if (!si) {
		rc = LT_ENOMEM;
		goto fail;
	}
	for (int i = 0; i < sk_X509_num(s->chain); i++)
		if (!CMS_add1_cert(ci, sk_X509_value(s->chain, i))) {
			rc = LT_ENOMEM;
			goto fail;
		}
	if (!CMS_signed_add1_attr_by_NID(si, NID_pkcs9_contentType, V_ASN1_OBJECT,
					 OBJ_nid2obj(NID_pkcs7_data), -1) ||
	    !CMS_signed_add1_attr_by_NID(si, NID_pkcs9_messageDigest, V_ASN1_OCTET_STRING, digest,
					 32)) {
		rc = LT_ENOMEM;
		goto fail;
	}
	rc = sign_attrs(s, si, e);
	if (!rc && s->tsa_url)
		rc = add_timestamp(s, si, e);
	if (rc)
		goto fail;
	if (!CMS_set_detached(ci, 1)) {
		rc = LT_EINTERNAL;
		goto fail;
	}
	len = i2d_CMS_ContentInfo(ci, &der);
	if (len <= 0) {
		rc = LT_ENOMEM;
		goto fail;
	}
	rc = lt_buf_add(cms, der, (size_t)len);
fail:
	if (rc && e && !e->code)
		lt_error_set(e, rc, "cms", "Không tạo được chữ ký CMS (%s)",
			     "Cannot build the CMS signature (%s)", lt_err_name(rc));
	OPENSSL_free(der);
	CMS_ContentInfo_free(ci);
	ERR_clear_error();
	return rc;
}
