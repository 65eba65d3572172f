/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * report_sign.h — a report signed with a PKCS#11 token (issue 15), and the
 * check of any signed PDF.
 *
 * Who signs: an officer of the report's unit or of a unit above it (the
 * unit's chairman signs its own report; a federation officer may sign for a
 * unit below), or the console operator. A cadre never signs: a signature
 * commits the union, not the person who typed the figures in.
 *
 * What is signed: the report's last revision, rendered as the PDF whose
 * footer prints that revision's SHA-256, while the report is submitted or
 * accepted (core/report.h: lt_report_state_signable). The signed PDF and a
 * record of the signature are stored with that revision (store/report_sign.h)
 * and stay with it; a later revision is unsigned until it is signed itself.
 * The lock this puts on the report is core/report.h's table, applied by
 * app/report.c.
 *
 * Who seals: with the agency's key (in->how.seal, [signing] seal_key;
 * chữ ký số của cơ quan, tổ chức, Nghị định 30/2020), the agency adds its
 * signature after the person's, as it does a directive's (app/doc_sign.h),
 * and the record keeps its certificate. Without one the person signs alone
 * and the record says there is no seal: a grassroots union often has no
 * agency key, and its report must still be signable (unlike a directive
 * with an annex, which is the agency's to sign and is refused).
 *
 * The token is opened, used and closed inside lt_app_report_sign, outside
 * any database transaction (a token can take seconds, a PIN pad longer);
 * the row is written afterwards in one transaction that checks the revision
 * is still the one signed.
 */
#ifndef LT_APP_REPORT_SIGN_H
#define LT_APP_REPORT_SIGN_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "app/config.h"
#include "app/doc_sign.h"
#include "app/report.h"
#include "net/sign.h"
#include "render/pdf_verify.h"
#include "store/report_sign.h"

typedef struct lt_report_sign_in {
	lt_report_ref ref;
	lt_sign_how how; /* the token, the position, the images (app/doc_sign.h) */
} lt_report_sign_in;

/*
 * Sign the last revision of in->ref as who. out (may be NULL) gets the
 * signature's record (strings in a); pdf (may be NULL; initialised by the
 * caller) gets the signed PDF appended. Nothing is stored on failure.
 * Returns 0, or with e set: the access errors of report.h (LT_EFORBIDDEN
 * naming "role" for a cadre); LT_EINVAL naming "position" (over 200
 * bytes), "signature_image" or "seal_image" (not a PNG, too large);
 * LT_ECONFLICT naming "status" (not submitted or accepted, or changed
 * while signing) or "rev" (signed already); the
 * token's errors (net/sign.h: LT_ENOTFOUND module/token/key, LT_EAUTH pin,
 * LT_EINVAL certificate expired or not yet valid; those of the agency's
 * token name "seal_pin", "seal_token", "seal_key", "seal_cert" and say it is
 * the agency's key); LT_ENOMEM, LT_EDB.
 */
LT_MUST_CHECK int lt_app_report_sign(lt_db *db, const lt_actor *who, const lt_report_sign_in *in,
				     lt_arena *a, lt_report_sig *out, lt_buf *pdf, lt_error *e);

/*
 * Sign the last revision of ref on the server's token (cfg, [signing]) as
 * who: the same rules as lt_app_report_sign, and who must be one of
 * cfg->signers; sealed with cfg->seal_key when the server has one
 * (lt_app_sign_server_seal). Returns LT_ECONFLICT naming "signing" when the server has no
 * token configured, LT_EFORBIDDEN naming "role" for a user not among the
 * signers, LT_EIO naming "pin_file" ("seal_pin_file") when the PIN cannot be read or "pin" ("seal_pin")
 * when the token refuses it (the server's configuration, not the user's
 * login: never LT_EAUTH); else as lt_app_report_sign.
 */
LT_MUST_CHECK int lt_app_report_sign_server(lt_db *db, const lt_actor *who,
					    const lt_report_ref *ref,
					    const lt_signing_config *cfg, lt_arena *a,
					    lt_report_sig *out, lt_error *e);

/*
 * The signature of revision rev (0: the last revision) of ref, with its PDF
 * when with_pdf (in a). Anyone who may read the report may read it.
 * LT_ENOTFOUND naming "rev" when that revision is not signed.
 */
LT_MUST_CHECK int lt_app_report_signature(lt_db *db, const lt_actor *who,
					  const lt_report_ref *ref, int rev, bool with_pdf,
					  lt_arena *a, lt_report_sig *out, lt_error *e);

/* Every signature of the report (without PDFs, rows in a), oldest revision first. */
LT_MUST_CHECK int lt_app_report_signatures(lt_db *db, const lt_actor *who,
					   const lt_report_ref *ref, lt_arena *a,
					   lt_report_sig **out, size_t *n, lt_error *e);

/* --- checking a signed PDF, wherever it was signed (report_verify.c) --- */

/* One signature of a PDF as checked. */
typedef struct lt_doc_sig {
	char name[256];        /* /Name, else the certificate's common name */
	char reason[256];      /* /Reason */
	char subfilter[48];
	int64_t claimed;       /* /M */
	bool whole_file;       /* it covers the file to its end */
	bool later_covered;    /* bytes follow it, and they are a later signature's update */
	lt_sign_check check;   /* the CMS and its chain (net/sign.h) */
	int rc;                /* 0: valid; else this signature's first failure */
	lt_error err;          /* … and its message */
} lt_doc_sig;

typedef struct lt_doc_check {
	lt_doc_sig *v; /* owned: free(v) */
	size_t n;
} lt_doc_check;

/*
 * Check every signature of pdf[0..n) (borrowed) against trust (NULL: the
 * system's trust store, now): its byte ranges, whether the document was
 * changed after it, its CMS and its certificate chain. out (owned, free
 * out->v even on error) gets one entry per signature, in file order.
 * Returns 0 when there is at least one signature and all are valid; else,
 * with e set to the first failure: LT_ENOTFOUND (no signature), LT_EINVAL
 * (not a PDF; a forged byte range; a chain that does not verify: untrusted,
 * expired), LT_ECONFLICT (changed after signing), LT_EUNSUPPORTED, LT_ENOMEM.
 */
LT_MUST_CHECK int lt_app_doc_verify(const uint8_t *pdf, size_t n, const lt_sign_trust *trust,
				    lt_doc_check *out, lt_error *e);

/* A PDF checked on a user's request: the check, and its verdict (lt_app_doc_verify's). */
typedef struct lt_doc_verdict {
	lt_doc_check check; /* owned: free(check.v) */
	int rc;
	lt_error err;
} lt_doc_verdict;

/*
 * Check an uploaded PDF (pdf[0..n), borrowed) for who, anyone logged in,
 * against trust: out gets the check whatever its verdict. Returns 0, or
 * LT_EINVAL naming "body" when it is empty or not a PDF, LT_EAUTH for the
 * public (no login), LT_ENOMEM. Free out->check.v in every case.
 */
LT_MUST_CHECK int lt_app_doc_verify_upload(const lt_actor *who, const uint8_t *pdf, size_t n,
					   const lt_sign_trust *trust, lt_doc_verdict *out,
					   lt_error *e);
/* {valid, signatures[…], error?{vi, en, field}}: what `lantoa doc verify --json` prints, and why not valid. */
json_t *lt_app_doc_verdict_json(const lt_doc_verdict *v);

/* A stored signature and the check of its PDF as it is stored now. */
typedef struct lt_report_sig_view {
	lt_report_sig sig;   /* strings in the caller's arena; pdf NULL */
	lt_doc_check check;  /* owned: lt_app_report_sig_view_free */
	int check_rc;        /* lt_app_doc_verify's result */
	lt_error check_err;
} lt_report_sig_view;

/*
 * The signature of revision rev (0: the last) of ref, its stored PDF
 * checked against trust (NULL: the system's). LT_ENOTFOUND naming "rev"
 * when that revision is not signed. A check that fails is reported in out,
 * not as an error.
 */
LT_MUST_CHECK int lt_app_report_signature_check(lt_db *db, const lt_actor *who,
						const lt_report_ref *ref, int rev,
						const lt_sign_trust *trust, lt_arena *a,
						lt_report_sig_view *out, lt_error *e);
void lt_app_report_sig_view_free(lt_report_sig_view *v);

/* --- JSON (report_sign.c), the same for HTTP and --json --- */

/*
 * {signature, verifies, trusted, changed_after, check, seal}: verifies is
 * true when the stored PDF's last signature covers the whole file (nothing
 * changed since signing) and every signature in it is intact; trusted when
 * every signature's chain reaches a trust anchor too (the signer's and the
 * agency's seal alike); seal the agency's signature over the signer's
 * (lt_app_doc_sig_json), null when the PDF has none. New reference.
 */
json_t *lt_app_report_sig_view_json(const lt_report_sig_view *v);

/*
 * One checked signature as its reader needs it: {signed_by, subject, issuer,
 * serial, signed_at, valid, intact, trusted, changed_after, error?}. New reference.
 */
json_t *lt_app_doc_sig_json(const lt_doc_sig *g);

/*
 * A signature record: {rev, revision_sha256, signed_by, position, signed_at,
 * certificate{…}, pdf_sha256, pdf_bytes, seal}: seal the agency's
 * certificate {signed_by, subject, issuer, serial, not_after}, null when it
 * did not sign (no agency key).
 */
json_t *lt_app_report_sig_json(const lt_report_sig *s);
/* A checked PDF: {valid, signatures:[{name, signed_at, whole_file, intact, chain_ok, …, error}]}. */
json_t *lt_app_doc_check_json(const lt_doc_check *c, int rc);

#endif
