/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * doc_sign.h — what signing a report (report_sign.c) and signing a
 * directive (directive_sign.c) share: how to sign (the token, the signer's
 * position, the Nghị định 30 Phụ lục I images), the signing of a rendered
 * PDF at its signature's place with the self-check of the result, the
 * record of who signed, and the server's own token ([signing]) made ready
 * for a designated signer. Who may sign what is decided by each caller.
 */
#ifndef LT_APP_DOC_SIGN_H
#define LT_APP_DOC_SIGN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app/actor.h"
#include "app/config.h"
#include "core/clock.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/error.h"
#include "net/sign.h"
#include "render/doc_pdf.h"
#include "store/report_sign.h"

/* How to sign; every pointer borrowed. */
typedef struct lt_sign_how {
	lt_signer_opts token;  /* module, token, key, pin, … (.now is set by the signing) */
	const char *position;  /* the signer's position on the page; NULL: the certificate's title */
	/* Nghị định 30 Phụ lục I: the signer's signature image and the seal over
	 * its left third, PNG with a transparent background (NULL: none, the
	 * visible text alone). */
	const uint8_t *signature_png;
	size_t signature_png_len;
	const uint8_t *seal_png;
	size_t seal_png_len;
	/*
	 * The agency's key (chữ ký số của cơ quan, tổ chức, Nghị định 30/2020
	 * Điều 8 and Phụ lục I), seal.key NULL when there is none: it signs the
	 * annex (the attachment is the agency's, not the person's) and, after
	 * the person, adds a second, invisible signature to the main document
	 * (an incremental update over the person's). Opened in a session of its
	 * own once the person's is closed (net/sign.h: one signer at a time).
	 */
	lt_signer_opts seal;
} lt_sign_how;

/* The /Reason of the agency's signature over the signer's (what the readers look for). */
#define LT_SIGN_SEAL_REASON "Chữ ký số của cơ quan, tổ chức"

/* What the document says of the signature: /Reason, /Location, the agency, where it goes. */
typedef struct lt_sign_place {
	const char *reason;
	const char *location;
	const char *org;
	lt_doc_pdf_spot spot;
	/* A document sent with it (borrowed; NULL: none), signed in the same
	 * session with the attachment's appearance of Nghị định 30 Phụ lục I:
	 * top right of its first page, the main document's number and symbol
	 * (number) and the time. */
	const uint8_t *annex;
	size_t annex_len;
	const char *number;
} lt_sign_place;

/*
 * LT_EINVAL naming "position" when how->position is over 200 bytes; else 0.
 */
LT_MUST_CHECK int lt_app_sign_how_check(const lt_sign_how *how, lt_error *e);

/*
 * A document with an annex (annex true) needs the agency's key: LT_ECONFLICT
 * naming "seal_key" when how has none; else 0. Asked before the token is
 * touched, so that the person does not sign for nothing.
 */
LT_MUST_CHECK int lt_app_sign_need_seal(const lt_sign_how *how, bool annex, lt_error *e);

/*
 * Store s, a signature just made, in one transaction of its own: checks that
 * the document is still the one signed and writes the row and the audit
 * event. ctx is the caller's. 0 or a negative LT_E*.
 */
typedef int (*lt_sign_keep_fn)(lt_db *db, const lt_actor *who, void *ctx, lt_report_sig *s,
			       lt_arena *a, lt_error *e);

/*
 * The audit event's detail of s, a signature just made, into buf[cap]:
 * {"rev":…,"serial":"…"} and "seal_serial" when the agency sealed it.
 */
void lt_app_sign_audit_detail(const lt_report_sig *s, char *buf, size_t cap);

/*
 * Sign plain[0..n) (borrowed, the rendered document) on the token as how
 * says, with the signer's appearance at place, as who, now, then seal it
 * with the agency's key when how has one: the result is checked (intact,
 * covering the whole file), s gets the signer, the certificate, the time
 * and the signed PDF (and place->annex signed by the agency, in
 * s->annex_pdf, and the agency's certificate in s->seal_*; strings in a;
 * the owner, rev and hash are the caller's, set before), pdf (may be NULL)
 * the signed PDF appended, and then keep stores s. s->pdf and s->annex_pdf are NULL again on return (their lengths kept).
 * On failure nothing is stored and pdf is as it was. Errors: the token's
 * (net/sign.h; those of the agency's token name "seal_pin", "seal_token",
 * "seal_key", "seal_cert" and say it is the agency's key), the images'
 * (LT_EINVAL naming "signature_image" or "seal_image"), LT_ECONFLICT naming
 * "seal_key" (an annex and no agency key), LT_EINTERNAL when the result
 * does not check, keep's, LT_ENOMEM.
 */
LT_MUST_CHECK int lt_app_sign_doc(lt_db *db, const lt_actor *who, const lt_sign_how *how,
				  const lt_sign_place *place, const uint8_t *plain, size_t n,
				  lt_sign_keep_fn keep, void *ctx, lt_arena *a, lt_report_sig *s,
				  lt_buf *pdf, lt_error *e);

/*
 * The server's token ([signing], cfg) made ready in *how for who, once the
 * caller has decided who may sign the document: LT_ECONFLICT naming
 * "signing" when the server has none (the message names the command,
 * cli_hint, e.g. "lantoa report sign"), LT_EFORBIDDEN naming "role" when
 * who is not among cfg->signers (the console always is), LT_EIO naming
 * "pin_file", "signature_image" or "seal_image" when the server cannot read
 * it. The PIN is read into pin[cap] (the caller wipes it); images in a.
 */
LT_MUST_CHECK int lt_app_sign_server_how(const lt_actor *who, const lt_signing_config *cfg,
					 const char *cli_hint, lt_arena *a, lt_sign_how *how,
					 char *pin, size_t cap, lt_error *e);

/*
 * The agency's key of the server ([signing] seal_key; "" none: how->seal
 * stays unset) added to how, made ready by lt_app_sign_server_how: on
 * cfg->seal_token ("" the signer's token), its PIN read into pin[cap] (the
 * caller wipes it) from cfg->seal_pin_file ("" the signer's pin_file).
 * LT_EIO naming "seal_pin_file" when the server cannot read it.
 */
LT_MUST_CHECK int lt_app_sign_server_seal(const lt_signing_config *cfg, lt_sign_how *how,
					  char *pin, size_t cap, lt_error *e);

/*
 * A signing on the server's token ended with rc: a PIN the token refuses is
 * the server's configuration, not the user's login, and must not read as
 * "log in again" (401): LT_EAUTH becomes LT_EIO. Returns the outcome.
 */
int lt_app_sign_server_rc(const lt_actor *who, int rc, lt_error *e);

#endif
