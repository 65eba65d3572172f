/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * directive_sign.h — a directive signed with a PKCS#11 token (issue 15).
 *
 * Who signs: an officer of the issuing side (whose subtree holds the
 * issuer: the issuing unit's chairman, or a federation officer above it),
 * or the console; with the server's token ([signing]) only the designated
 * signers among them. A cadre never signs.
 *
 * What is signed: the directive's công văn as the PDF download renders it
 * (app/directive.h lt_app_directive_document), with the signer's appearance
 * at the signature's place, once it is complete enough to issue: a draft
 * that would pass the issue check, or an issued directive. With the
 * agency's key (lt_sign_how.seal: Nghị định 30/2020 asks for the person's
 * signature and the agency's), the agency seals it after the signer (a
 * second, invisible signature), and signs its annex, when it is sent to a
 * list of units, as an attachment (Phụ lục I: an attachment is the
 * agency's); a directive with an annex is refused without that key. The signature
 * belongs to that version of the document, named by the SHA-256 of its JSON
 * text. From then on the PDF download and the edXML export carry the signed
 * bytes.
 *
 * Editing a signed draft is allowed and needs a new signature: the edited
 * document no longer matches the signature's hash, so it reads unsigned
 * (with the earlier signature kept in the history, as superseded) until it
 * is signed again. An issued directive cannot change at all (an amendment
 * is a new directive, signed on its own).
 *
 * The token is used outside any transaction; the row is written afterwards
 * in one transaction that checks the document is still the one signed.
 */
#ifndef LT_APP_DIRECTIVE_SIGN_H
#define LT_APP_DIRECTIVE_SIGN_H

#include <jansson.h>
#include <stdbool.h>

#include "app/directive.h"
#include "app/doc_sign.h"
#include "app/report_sign.h"

typedef struct lt_directive_sign_in {
	int64_t id;      /* the directive */
	lt_sign_how how; /* the token, the position, the images */
} lt_directive_sign_in;

/*
 * Sign directive in->id as who. out (may be NULL) gets the record (strings
 * in a); pdf (may be NULL, initialised) gets the signed PDF appended.
 * Nothing is stored on failure. Returns 0, or with e set: LT_ENOTFOUND
 * naming "id" (not readable); LT_EFORBIDDEN (not an officer of the issuing
 * side); LT_EINVAL naming the missing field of an incomplete draft, or
 * "position", "signature_image", "seal_image"; LT_ECONFLICT naming "doc"
 * (this version signed already), "status" (changed while signing) or
 * "seal_key" (an annex, and no agency key in in->how.seal); the tokens'
 * errors (net/sign.h; the agency's as app/doc_sign.h says); LT_ENOMEM, LT_EDB.
 */
LT_MUST_CHECK int lt_app_directive_sign(lt_db *db, const lt_actor *who,
					const lt_directive_sign_in *in, lt_arena *a,
					lt_report_sig *out, lt_buf *pdf, lt_error *e);

/*
 * Sign directive id on the server's token (cfg) as who: the rules of
 * lt_app_directive_sign, and those of lt_app_sign_server_how (doc_sign.h).
 */
LT_MUST_CHECK int lt_app_directive_sign_server(lt_db *db, const lt_actor *who, int64_t id,
					       const lt_signing_config *cfg, lt_arena *a,
					       lt_report_sig *out, lt_error *e);

/* A directive's signatures as its reader sees them. */
typedef struct lt_directive_sig_state {
	bool signed_now;        /* the document as it stands is signed */
	bool annex;             /* it has an annex: its recipients are a list of units */
	lt_report_sig_view cur; /* its signature, checked (when signed_now); owned */
	lt_report_sig *all;     /* every signature, oldest first, without PDFs (in a) */
	size_t n;
	/* The annex signed with it (signed_now and an annex stored), checked: */
	bool annex_signed;
	lt_doc_check annex_check; /* owned */
	int annex_rc;             /* lt_app_doc_verify's result */
	lt_error annex_err;
} lt_directive_sig_state;

/*
 * The signatures of directive id, the current one's stored PDF checked
 * against trust (NULL: the system's). Anyone who may read the directive.
 * Release with lt_app_directive_sig_state_free.
 */
LT_MUST_CHECK int lt_app_directive_signature(lt_db *db, const lt_actor *who, int64_t id,
					     const lt_sign_trust *trust, lt_arena *a,
					     lt_directive_sig_state *out, lt_error *e);
void lt_app_directive_sig_state_free(lt_directive_sig_state *s);

/*
 * The signed PDF of signature rev (0: the current one) of directive id, in
 * out->pdf (a). LT_ENOTFOUND naming "rev" when there is none.
 */
LT_MUST_CHECK int lt_app_directive_signed_pdf(lt_db *db, const lt_actor *who, int64_t id,
					      int rev, lt_arena *a, lt_report_sig *out,
					      lt_error *e);

/*
 * The annex of directive id, for a directive sent to a list of units ("Các
 * đơn vị có tên trong danh sách gửi kèm"): that list, "Kèm theo Công văn số
 * …", as PDF appended to out. Once the directive is signed, the annex is
 * signed with it as an attachment (Nghị định 30 Phụ lục I: top right of its
 * first page, the directive's number and symbol, the time), and this is the
 * signed file (*signed_now true). Anyone who may read the directive.
 * LT_ENOTFOUND naming "annex" when its recipients are not a list.
 */
LT_MUST_CHECK int lt_app_directive_annex(lt_db *db, const lt_actor *who, int64_t id, lt_arena *a,
					 lt_buf *out, bool *signed_now, lt_error *e);

/*
 * {signed, signature, verifies, trusted, changed_after, check, signatures[],
 * annex, seal, annex_check}: signature null (and no check) when the
 * document as it stands is unsigned; each signature as lt_app_report_sig_json
 * with doc_sha256 for revision_sha256. seal: the agency's signature over the
 * signer's in the main PDF, checked ({signed_by, subject, issuer, serial,
 * signed_at, valid, intact, trusted, changed_after, error?}), null when it has
 * none; annex_check: the annex's signature, the same and its whole check,
 * null when no signed annex is stored. New reference.
 */
json_t *lt_app_directive_sig_state_json(const lt_directive_sig_state *s);
/* One directive signature record, as above. New reference. */
json_t *lt_app_directive_sig_json(const lt_report_sig *s);

#endif
