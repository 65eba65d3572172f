/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * sign.h — PAdES signatures (ETSI EN 319 142-1) with the private key on a
 * PKCS#11 token, and their verification.
 *
 * Signing: lt_signer_open loads the token's module (a USB token's vendor
 * library, an HSM's, or SoftHSM2 in tests) through libp11, logs in with the
 * PIN, finds the key by its label and its certificate (on the token, by the
 * key's CKA_ID, or from a file), checks that the certificate may sign now,
 * and builds its chain. lt_signer_cms then makes a CMS SignedData per
 * PAdES-B-B over a digest: signed attributes content-type, message-digest
 * and ESS signing-certificate-v2 (no signing-time: EN 319 142-1 §5.2.2 puts
 * the claimed time in the signature dictionary's /M), the certificate and
 * its whole chain, the signature made on the token; and, when a TSA URL is
 * set, an RFC 3161 timestamp over the signature value as the unsigned
 * signature-time-stamp attribute (PAdES-B-T). lt_signer_cms has the type of
 * lt_pdf_cms_fn (render/pdf_sign.h): pass it with the signer as context.
 *
 * Verification: lt_sign_verify checks one CMS against the two byte ranges
 * it signs (render/pdf_verify.h finds them), the signer's chain against a
 * trust store, and the timestamp.
 *
 * Why libp11 (its PKCS11_* API, not its engine): it is OpenSC's library,
 * kept up for OpenSSL 3.0 in bookworm (0.4.12), and hands back an EVP_PKEY
 * whose operations run on the token, so OpenSSL's CMS code is used as is;
 * the engine would add a global configuration for no gain, and there is no
 * PKCS#11 provider for OpenSSL 3 in bookworm.
 *
 * Threads: one lt_signer is open in a process at a time; lt_signer_open
 * waits (up to a minute) for the one before it to be closed. A PKCS#11
 * module's login state is the process's: two open signers would share a
 * login, so the second PIN would go unchecked, and one's close would end
 * the other's session. Open, sign and close in one go. Verification is
 * thread-safe.
 */
#ifndef LT_NET_SIGN_H
#define LT_NET_SIGN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/error.h"

typedef struct lt_signer lt_signer;
typedef struct lt_sign_check lt_sign_check;

typedef struct lt_signer_opts {
	const char *module;     /* path of the PKCS#11 module (.so); required */
	const char *token;      /* token label; required */
	const char *key;        /* label of the private key; required */
	const char *pin;        /* user PIN; NULL when the reader has a PIN pad */
	const char *cert_file;  /* PEM: the signer's certificate when the token has none */
	const char *chain_file; /* PEM: intermediate and root certificates to embed */
	const char *tsa_url;    /* RFC 3161 server (http/https); NULL: no timestamp */
	long tsa_timeout_ms;    /* whole exchange; 0 → 15000 */
	int64_t now;            /* epoch seconds for the validity check; 0 → lt_now() */
} lt_signer_opts;

/*
 * Open the token and get the signing key ready. o and its strings are
 * borrowed (the PIN is not kept). *out is owned: lt_signer_close.
 * Returns 0, or with e set (field = the option at fault):
 *   LT_ENOTFOUND  module file missing ("module"); no token with that label
 *                 in any slot, e.g. not plugged in ("token"); no key with that
 *                 label ("key"); no certificate for the key ("certificate");
 *   LT_EAUTH      wrong PIN, PIN locked ("pin");
 *   LT_EINVAL     certificate expired, not yet valid, not for signing, or not
 *                 the key's ("certificate"); a missing required option;
 *   LT_EIO        the module cannot be loaded or the token fails;
 *   LT_ETHROTTLE  another signer stayed open for a minute ("token");
 *   LT_ENOMEM.
 */
LT_MUST_CHECK int lt_signer_open(const lt_signer_opts *o, lt_signer **out, lt_error *e);
/* Log out, unload the module, free s (NULL is fine). */
void lt_signer_close(lt_signer *s);

/*
 * The CMS (DER, detached) over digest (SHA-256, 32 bytes), appended to cms.
 * ctx is the lt_signer. Returns 0, or LT_EIO (the token refused to sign,
 * the TSA failed or answered badly: e says which), LT_ENOMEM, with e set;
 * nothing is appended then. Same type as lt_pdf_cms_fn.
 */
LT_MUST_CHECK int lt_signer_cms(void *ctx, const uint8_t *digest, lt_buf *cms, lt_error *e);

/* The certificate's subject common name (UTF-8), borrowed from s. */
const char *lt_signer_cn(const lt_signer *s);
/* The signer's certificate as lt_sign_check describes one (names, title,
 * serial, validity; valid_now at lt_now()); the other fields are zero. */
void lt_signer_describe(const lt_signer *s, lt_sign_check *out);
/* The certificate's validity, epoch seconds. */
int64_t lt_signer_not_after(const lt_signer *s);
/* Time spent in the token's sign calls so far (ns) and their count: the
 * token's own time, which the benchmark subtracts. */
uint64_t lt_signer_token_ns(const lt_signer *s, unsigned *calls);

/* --- verification --- */

typedef struct lt_sign_trust {
	const char *ca_file; /* PEM bundle of trust anchors (root CAs) */
	const char *ca_dir;  /* or an OpenSSL hashed directory; both NULL → the system's */
	int64_t now;         /* epoch seconds; 0 → lt_now() */
} lt_sign_trust;

typedef enum lt_sign_time_src {
	LT_SIGN_TIME_NONE,     /* the CMS says nothing: use the PDF's /M (claimed) */
	LT_SIGN_TIME_CLAIMED,  /* a signing-time attribute (not PAdES, but seen elsewhere) */
	LT_SIGN_TIME_TSA,      /* an RFC 3161 timestamp that verified */
} lt_sign_time_src;

struct lt_sign_check {
	bool parsed;          /* the CMS is a SignedData with one signer we could read */
	bool intact;          /* its message digest is that of the signed bytes and its
			       * signature verifies with the embedded certificate */
	bool cades;           /* an ESS signing-certificate(-v2) attribute names that certificate */
	bool chain_ok;        /* the chain reaches a trust anchor and every certificate
			       * is valid at the check time (the timestamp's, else now) */
	bool valid_now;       /* the signer's certificate is within its validity now */
	bool has_timestamp;   /* an RFC 3161 timestamp is attached */
	bool timestamp_ok;    /* … it covers this signature and its TSA chain verifies */
	char signer_cn[256];  /* UTF-8 */
	char signer_dn[512];  /* RFC 2253, UTF-8 */
	char signer_title[128]; /* the subject's title ("Chủ tịch"), "" when none */
	char issuer_cn[256];
	char serial[80];      /* hex */
	char digest[16];      /* "SHA256", … */
	int64_t not_before, not_after;
	int64_t signing_time; /* per time_src; 0 with LT_SIGN_TIME_NONE */
	lt_sign_time_src time_src;
	int chain_len;        /* certificates in the verified chain, signer and anchor included */
	char chain_error[160]; /* OpenSSL's reason when !chain_ok (English) */
};

/*
 * Verify cms[0..cms_len) (DER SignedData, detached) over the bytes p1[0..n1)
 * followed by p2[0..n2) (a signature's two byte ranges), with trust (NULL →
 * the system's store, now). All borrowed; out is filled as far as the
 * checks went, whatever the result.
 * Returns 0 when the signature is intact and its chain is trusted; else the
 * first failure with e set: LT_EINVAL (not a CMS SignedData, no signer
 * certificate embedded: field "cms"; a chain that does not verify —
 * untrusted issuer, expired or not yet valid: field "certificate"),
 * LT_ECONFLICT (the signature does not match the bytes: the document was
 * changed after signing), LT_EUNSUPPORTED (a digest we do not know),
 * LT_ENOMEM. A timestamp that fails is reported in out, not as an error.
 */
LT_MUST_CHECK int lt_sign_verify(const uint8_t *cms, size_t cms_len, const uint8_t *p1, size_t n1,
				 const uint8_t *p2, size_t n2, const lt_sign_trust *trust,
				 lt_sign_check *out, lt_error *e);

#endif
