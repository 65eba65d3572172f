/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * sign_int.h — what sign.c (the token), sign_cms.c (the CMS), sign_tsa.c
 * (the RFC 3161 client) and sign_verify.c share. Internal to src/net/.
 */
#ifndef LT_NET_SIGN_INT_H
#define LT_NET_SIGN_INT_H

#include <libp11.h>
#include <openssl/cms.h>
#include <openssl/x509.h>

#include "net/sign.h"

struct lt_signer {
	PKCS11_CTX *ctx;
	PKCS11_SLOT *slots;
	unsigned nslots;
	PKCS11_SLOT *slot;
	bool logged_in;
	EVP_PKEY *pkey;        /* operations run on the token */
	X509 *cert;            /* owned */
	STACK_OF(X509) *chain; /* owned: issuer first, up to the root when known */
	char *tsa_url;         /* owned or NULL */
	long tsa_timeout_ms;
	char cn[256];
	int64_t not_after;
	uint64_t token_ns;
	unsigned token_calls;
};

/*
 * Ask the TSA at url for a timestamp over the SHA-256 of sig[0..n). The
 * TimeStampToken (DER ContentInfo) is appended to token. Checks the status,
 * the imprint and the nonce, not the TSA's chain (the verifier does).
 * 0 or LT_EIO / LT_EINVAL / LT_ENOMEM with e set (field "tsa_url").
 */
LT_MUST_CHECK int lt_tsa_stamp(const char *url, long timeout_ms, const uint8_t *sig, size_t n,
			       lt_buf *token, lt_error *e);

/* The subject's or issuer's common name as UTF-8 into out[cap] ("" if none). */
void lt_x509_cn(const X509_NAME *name, char *out, size_t cap);
/* The first attribute nid (NID_title, …) of name as UTF-8 into out ("" when none). */
void lt_x509_attr(const X509_NAME *name, int nid, char *out, size_t cap);
/* Fill out's certificate fields (names, title, serial, validity, valid_now at now) from x. */
void lt_x509_describe(X509 *x, lt_sign_check *out, int64_t now);
/* An ASN1_TIME as epoch seconds (0 when unreadable). */
int64_t lt_asn1_time_epoch(const ASN1_TIME *t);
/* "dd/mm/yyyy" of epoch t in Vietnam, into out[16]. */
void lt_sign_date(int64_t t, char out[16]);
/* The first OpenSSL error's text, for messages (the queue is cleared). */
const char *lt_ossl_err(char *buf, size_t cap);

#endif
