/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * sign_verify.c — lt_sign_verify of sign.h: one CMS SignedData over a PDF's
 * two byte ranges (ETSI.CAdES.detached or adbe.pkcs7.detached), its signer's
 * chain, and its RFC 3161 timestamp.
 */
#include "net/sign_int.h"

#include <openssl/err.h>
#include <openssl/ess.h>
#include <openssl/evp.h>
#include <openssl/ts.h>
#include <openssl/x509v3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/clock.h"

static X509_STORE *load_store(const lt_sign_trust *t, lt_error *e)
{
	X509_STORE *st = X509_STORE_new();
	char err[160];

	if (!st)
		return NULL;
	if (t && (t->ca_file || t->ca_dir)) {
		if ((t->ca_file && !X509_STORE_load_file(st, t->ca_file)) ||
		    (t->ca_dir && !X509_STORE_load_path(st, t->ca_dir))) {
			lt_error_set(e, LT_EINVAL, "trust",
				     "Không đọc được kho chứng thư tin cậy %s (%s)",
				     "Cannot read the trust store %s (%s)",
				     t->ca_file ? t->ca_file : t->ca_dir, lt_ossl_err(err, sizeof(err)));
			X509_STORE_free(st);
			return NULL;
		}
	} else if (!X509_STORE_set_default_paths(st)) {
		X509_STORE_free(st);
		return NULL;
	}
	return st;
}

/* The digest of the two ranges with md into out (EVP_MAX_MD_SIZE), its length. */
static int digest_ranges(const EVP_MD *md, const uint8_t *p1, size_t n1, const uint8_t *p2,
			 size_t n2, unsigned char *out, unsigned *len)
{
	EVP_MD_CTX *c = EVP_MD_CTX_new();
	int ok = c && EVP_DigestInit_ex(c, md, NULL) && EVP_DigestUpdate(c, p1, n1) &&
		 EVP_DigestUpdate(c, p2, n2) && EVP_DigestFinal_ex(c, out, len);

	EVP_MD_CTX_free(c);
	return ok ? 0 : LT_ENOMEM;
}

/* Without signed attributes the signature is over the content itself: let
 * CMS_verify read the two ranges (rare: old adbe.pkcs7.detached writers). */
static bool verify_plain(CMS_ContentInfo *ci, const uint8_t *p1, size_t n1, const uint8_t *p2,
			 size_t n2)
{
	unsigned char *all = malloc(n1 + n2 + 1);
	BIO *in = NULL;
	bool ok = false;

	if (!all)
		return false;
	memcpy(all, p1, n1);
	memcpy(all + n1, p2, n2);
	in = BIO_new_mem_buf(all, (int)(n1 + n2));
	ok = in && CMS_verify(ci, NULL, NULL, in, NULL,
			      CMS_NO_SIGNER_CERT_VERIFY | CMS_BINARY | CMS_NO_ATTR_VERIFY) == 1;
	BIO_free(in);
	free(all);
	return ok;
}

/* The signing-certificate(-v2) attribute, checked against the signer's certificate. */
static bool check_ess(CMS_SignerInfo *si, X509 *signer)
{
	ASN1_STRING *v2 = CMS_signed_get0_data_by_OBJ(si, OBJ_nid2obj(NID_id_smime_aa_signingCertificateV2),
						      -3, V_ASN1_SEQUENCE);
	ASN1_STRING *v1 = CMS_signed_get0_data_by_OBJ(si, OBJ_nid2obj(NID_id_smime_aa_signingCertificate),
						      -3, V_ASN1_SEQUENCE);
	ESS_SIGNING_CERT_V2 *s2 = NULL;
	ESS_SIGNING_CERT *s1 = NULL;
	STACK_OF(X509) *chain = sk_X509_new_null();
	const unsigned char *q;
	bool ok = false;

	if (!chain || (!v1 && !v2) || !sk_X509_push(chain, signer))
		goto out;
	if (v2) {
		q = ASN1_STRING_get0_data(v2);
		s2 = d2i_ESS_SIGNING_CERT_V2(NULL, &q, ASN1_STRING_length(v2));
	}
	if (v1) {
		q = ASN1_STRING_get0_data(v1);
		s1 = d2i_ESS_SIGNING_CERT(NULL, &q, ASN1_STRING_length(v1));
	}
	ok = (s1 || s2) && OSSL_ESS_check_signing_certs(s1, s2, chain, 1) > 0;
out:
	ESS_SIGNING_CERT_V2_free(s2);
	ESS_SIGNING_CERT_free(s1);
	sk_X509_free(chain);
	ERR_clear_error();
	return ok;
}

/* The timestamp token over the signature value: its time, whether it verifies. */
static void check_timestamp(CMS_SignerInfo *si, X509_STORE *st, lt_sign_check *out)
{
	int idx = CMS_unsigned_get_attr_by_NID(si, NID_id_smime_aa_timeStampToken, -1);
	X509_ATTRIBUTE *at;
	ASN1_TYPE *ty;
	PKCS7 *p7 = NULL;
	TS_TST_INFO *tst = NULL;
	TS_VERIFY_CTX *vc = NULL;
	const unsigned char *q;
	unsigned char *imp = NULL;
	ASN1_OCTET_STRING *sv = CMS_SignerInfo_get0_signature(si);

	if (idx < 0)
		return;
	out->has_timestamp = true;
	at = CMS_unsigned_get_attr(si, idx);
	ty = at ? X509_ATTRIBUTE_get0_type(at, 0) : NULL;
	if (!ty || ty->type != V_ASN1_SEQUENCE)
		goto out;
	q = ASN1_STRING_get0_data(ty->value.sequence);
	p7 = d2i_PKCS7(NULL, &q, ASN1_STRING_length(ty->value.sequence));
	tst = p7 ? PKCS7_to_TS_TST_INFO(p7) : NULL;
	if (!tst)
		goto out;
	/* The imprint must be the digest of this signature value. */
	X509_ALGOR *alg = TS_MSG_IMPRINT_get_algo(TS_TST_INFO_get_msg_imprint(tst));
	const EVP_MD *md = EVP_get_digestbyobj(alg->algorithm);
	unsigned char d[EVP_MAX_MD_SIZE];
	unsigned dl = 0;
	if (!md || !EVP_Digest(ASN1_STRING_get0_data(sv), (size_t)ASN1_STRING_length(sv), d, &dl,
			       md, NULL))
		goto out;
	vc = TS_VERIFY_CTX_new();
	imp = OPENSSL_memdup(d, dl);
	if (!vc || !imp || !X509_STORE_up_ref(st))
		goto out;
	TS_VERIFY_CTX_set_flags(vc, TS_VFY_SIGNATURE | TS_VFY_IMPRINT | TS_VFY_VERSION);
	TS_VERIFY_CTX_set_store(vc, st);
	TS_VERIFY_CTX_set_imprint(vc, imp, dl);
	imp = NULL; /* the context owns it */
	if (TS_RESP_verify_token(vc, p7) == 1) {
		out->timestamp_ok = true;
		out->signing_time = lt_asn1_time_epoch(TS_TST_INFO_get_time(tst));
		out->time_src = LT_SIGN_TIME_TSA;
	}
out:
	OPENSSL_free(imp);
	TS_VERIFY_CTX_free(vc);
	TS_TST_INFO_free(tst);
	PKCS7_free(p7);
	ERR_clear_error();
}

/* The signer's chain at time t against st; untrusted helpers from the CMS. */
static void check_chain(X509 *signer, STACK_OF(X509) *certs, X509_STORE *st, int64_t t,
			lt_sign_check *out)
{
	X509_STORE_CTX *c = X509_STORE_CTX_new();

	if (!c || !X509_STORE_CTX_init(c, st, signer, certs)) {
		snprintf(out->chain_error, sizeof(out->chain_error), "out of memory");
		goto out;
	}
	X509_STORE_CTX_set_time(c, 0, (time_t)t);
	if (X509_verify_cert(c) == 1) {
		out->chain_ok = true;
		out->chain_len = sk_X509_num(X509_STORE_CTX_get0_chain(c));
	} else {
		snprintf(out->chain_error, sizeof(out->chain_error), "%s",
			 X509_verify_cert_error_string(X509_STORE_CTX_get_error(c)));
		out->chain_len = -X509_STORE_CTX_get_error(c); /* the code, for the message */
	}
out:
	X509_STORE_CTX_free(c);
	ERR_clear_error();
}

void lt_x509_describe(X509 *x, lt_sign_check *out, int64_t now)
{
	BIO *b = BIO_new(BIO_s_mem());
	char *p = NULL;
	long len;
	BIGNUM *bn = ASN1_INTEGER_to_BN(X509_get0_serialNumber(x), NULL);
	char *hex = bn ? BN_bn2hex(bn) : NULL;

	lt_x509_cn(X509_get_subject_name(x), out->signer_cn, sizeof(out->signer_cn));
	lt_x509_cn(X509_get_issuer_name(x), out->issuer_cn, sizeof(out->issuer_cn));
	lt_x509_attr(X509_get_subject_name(x), NID_title, out->signer_title,
		     sizeof(out->signer_title));
	if (b && X509_NAME_print_ex(b, X509_get_subject_name(x), 0,
				    XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB) >= 0) {
		len = BIO_get_mem_data(b, &p);
		snprintf(out->signer_dn, sizeof(out->signer_dn), "%.*s", (int)len, p);
	}
	snprintf(out->serial, sizeof(out->serial), "%s", hex ? hex : "");
	out->not_before = lt_asn1_time_epoch(X509_get0_notBefore(x));
	out->not_after = lt_asn1_time_epoch(X509_get0_notAfter(x));
	out->valid_now = out->not_before <= now && now <= out->not_after;
	OPENSSL_free(hex);
	BN_free(bn);
	BIO_free(b);
}

static int chain_error(const lt_sign_check *c, lt_error *e)
{
	char d[16];

	switch (-c->chain_len) {
	case X509_V_ERR_CERT_HAS_EXPIRED:
		lt_sign_date(c->not_after, d);
		return lt_error_set(e, LT_EINVAL, "certificate",
				    "Chứng thư số của người ký \"%s\" đã hết hạn ngày %s (hoặc một chứng thư trong chuỗi đã hết hạn)",
				    "The signer's certificate \"%s\" expired on %s (or a certificate of its chain has)",
				    c->signer_cn, d);
	case X509_V_ERR_CERT_NOT_YET_VALID:
		lt_sign_date(c->not_before, d);
		return lt_error_set(e, LT_EINVAL, "certificate",
				    "Chứng thư số của người ký \"%s\" chưa có hiệu lực (từ %s)",
				    "The signer's certificate \"%s\" is not yet valid (from %s)",
				    c->signer_cn, d);
	case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
	case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
	case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
	case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
		return lt_error_set(e, LT_EINVAL, "certificate",
				    "Chứng thư số của \"%s\" (do \"%s\" cấp) không dẫn tới tổ chức chứng thực tin cậy nào",
				    "The certificate of \"%s\" (issued by \"%s\") does not lead to a trusted certification authority",
				    c->signer_cn, c->issuer_cn);
	default:
		return lt_error_set(e, LT_EINVAL, "certificate",
				    "Chuỗi chứng thư số của \"%s\" không hợp lệ (%s)",
				    "The certificate chain of \"%s\" is not valid (%s)", c->signer_cn,
				    c->chain_error);
	}
}

int lt_sign_verify(const uint8_t *cms, size_t cms_len, const uint8_t *p1, size_t n1,
		   const uint8_t *p2, size_t n2, const lt_sign_trust *trust, lt_sign_check *out,
		   lt_error *e)
{
	const unsigned char *q = cms;
	CMS_ContentInfo *ci = NULL;
	STACK_OF(CMS_SignerInfo) *sis;
	STACK_OF(X509) *certs = NULL;
	CMS_SignerInfo *si;
	X509_STORE *st = NULL;
	X509 *signer = NULL;
	X509_ALGOR *dig;
	int64_t now = trust && trust->now ? trust->now : lt_now();
	int rc = 0;

	memset(out, 0, sizeof(*out));
	if (cms_len > INT32_MAX)
		cms_len = 0;
	ci = d2i_CMS_ContentInfo(NULL, &q, (long)cms_len);
	sis = ci && OBJ_obj2nid(CMS_get0_type(ci)) == NID_pkcs7_signed ? CMS_get0_SignerInfos(ci) : NULL;
	if (!sis || sk_CMS_SignerInfo_num(sis) != 1) {
		rc = lt_error_set(e, LT_EINVAL, "cms",
				  "Chữ ký không phải một CMS SignedData có đúng một người ký",
				  "The signature is not a CMS SignedData with exactly one signer");
		goto fail;
	}
	si = sk_CMS_SignerInfo_value(sis, 0);
	certs = CMS_get1_certs(ci);
	if (CMS_set1_signers_certs(ci, NULL, 0) < 1) {
		rc = lt_error_set(e, LT_EINVAL, "cms",
				  "Chữ ký không kèm chứng thư số của người ký",
				  "The signature does not carry the signer's certificate");
		goto fail;
	}
	CMS_SignerInfo_get0_algs(si, NULL, &signer, &dig, NULL);
	out->parsed = true;
	lt_x509_describe(signer, out, now);
	const EVP_MD *md = EVP_get_digestbyobj(dig->algorithm);
	if (!md) {
		rc = lt_error_set(e, LT_EUNSUPPORTED, "cms", "Thuật toán băm của chữ ký chưa hỗ trợ",
				  "The signature's digest algorithm is not supported");
		goto fail;
	}
	snprintf(out->digest, sizeof(out->digest), "%s", EVP_MD_get0_name(md));
	if (CMS_signed_get_attr_count(si) > 0) {
		unsigned char d[EVP_MAX_MD_SIZE];
		unsigned dl = 0;
		ASN1_OCTET_STRING *md_attr = CMS_signed_get0_data_by_OBJ(
			si, OBJ_nid2obj(NID_pkcs9_messageDigest), -3, V_ASN1_OCTET_STRING);
		rc = digest_ranges(md, p1, n1, p2, n2, d, &dl);
		if (rc)
			goto fail;
		out->intact = md_attr && (unsigned)ASN1_STRING_length(md_attr) == dl &&
			      memcmp(ASN1_STRING_get0_data(md_attr), d, dl) == 0 &&
			      CMS_SignerInfo_verify(si) == 1;
		ASN1_TIME *stime = CMS_signed_get0_data_by_OBJ(si, OBJ_nid2obj(NID_pkcs9_signingTime),
							       -3, V_ASN1_UTCTIME);
		if (!stime)
			stime = CMS_signed_get0_data_by_OBJ(si, OBJ_nid2obj(NID_pkcs9_signingTime), -3,
							    V_ASN1_GENERALIZEDTIME);
		if (stime) {
			out->signing_time = lt_asn1_time_epoch(stime);
			out->time_src = LT_SIGN_TIME_CLAIMED;
		}
		out->cades = check_ess(si, signer);
	} else {
		out->intact = verify_plain(ci, p1, n1, p2, n2);
	}
	ERR_clear_error();
	st = load_store(trust, e);
	if (!st) {
		rc = e && e->code ? e->code : LT_ENOMEM;
		goto fail;
	}
	check_timestamp(si, st, out);
	check_chain(signer, certs, st, out->time_src == LT_SIGN_TIME_TSA ? out->signing_time : now,
		    out);
	if (!out->intact)
		rc = lt_error_set(e, LT_ECONFLICT, "signature",
				  "Chữ ký của \"%s\" không khớp nội dung: tài liệu đã bị thay đổi sau khi ký",
				  "The signature of \"%s\" does not match the content: the document was changed after signing",
				  out->signer_cn);
	else if (!out->chain_ok)
		rc = chain_error(out, e);
	if (out->chain_len < 0)
		out->chain_len = 0;
fail:
	if (rc && e && !e->code)
		lt_error_set(e, rc, NULL, "Không kiểm tra được chữ ký (%s)",
			     "Cannot verify the signature (%s)", lt_err_name(rc));
	X509_STORE_free(st);
	sk_X509_pop_free(certs, X509_free);
	CMS_ContentInfo_free(ci);
	ERR_clear_error();
	return rc;
}
