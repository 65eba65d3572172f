/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* directive_int.h — what directive.c and directive_flow.c share (internal to src/app/). */
#ifndef LT_APP_DIRECTIVE_INT_H
#define LT_APP_DIRECTIVE_INT_H

#include "app/directive.h"
#include "render/doc_pdf.h"
#include "store/report_sign.h"

/* The issuing side's officers (and the console): 0, or LT_EFORBIDDEN naming "id". */
LT_MUST_CHECK int lt_app_need_issuer_officer(const lt_actor *who, int acc, lt_error *e);
/* Load directive id (and its document's text, when doc is not NULL) for its issuing side's officers. */
LT_MUST_CHECK int lt_app_directive_load_issuer(lt_db *db, const lt_actor *who, int64_t id,
					       lt_arena *a, lt_directive_meta *m, const char **doc,
					       lt_error *e);
/* Parse a stored document (owned *doc); LT_EDB when it is corrupt. */
LT_MUST_CHECK int lt_app_directive_parse_doc(const char *text, json_t **doc, lt_error *e);
/* unit_id, or the actor's unit when 0, into *out: who must act as that unit. */
LT_MUST_CHECK int lt_app_directive_acting_unit(const lt_actor *who, int64_t unit_id, int64_t *out,
					       lt_error *e);
/* lt_app_directive_get inside the caller's transaction. */
LT_MUST_CHECK int lt_app_directive_view(lt_db *db, const lt_actor *who, int64_t id, lt_arena *a,
					lt_directive_view *out, lt_error *e);
/* Issue draft id (status, completeness, recipients) inside the caller's transaction. */
LT_MUST_CHECK int lt_app_directive_issue_one(lt_db *db, const lt_actor *who, int64_t id,
					     int64_t *n, lt_error *e);
/*
 * A change's bracket: lt_app_directive_begin clears out (may be NULL) and
 * opens the transaction; lt_app_directive_finish fills out with directive
 * id as who now sees it when rc is 0, ends the transaction with rc, and
 * releases out on failure. Returns the outcome.
 */
LT_MUST_CHECK int lt_app_directive_begin(lt_db *db, lt_directive_view *out, lt_error *e);
LT_MUST_CHECK int lt_app_directive_finish(lt_db *db, const lt_actor *who, int64_t id, int rc,
					  lt_arena *a, lt_directive_view *out, lt_error *e);
/* Store a checked document as base describes it (issuer, kind, links); *id gets it. */
LT_MUST_CHECK int lt_app_directive_insert(lt_db *db, const lt_actor *who, json_t *checked,
					  const lt_directive_new *base, int64_t *id, lt_error *e);

/*
 * Render directive m (text: its document's JSON) as format ("pdf", "docx";
 * NULL: pdf), appended to out, *type its MIME type; with spot (not NULL) as
 * PDF, and *spot gets where the signer's signature goes. No access check.
 */
LT_MUST_CHECK int lt_app_directive_render(lt_db *db, const lt_directive_meta *m, const char *text,
					  const char *format, lt_arena *a, lt_buf *out,
					  const char **type, lt_doc_pdf_spot *spot, lt_error *e);
/*
 * The signature of directive id's document as it stands (text: its JSON),
 * with the signed PDF when with_pdf (directive_sign.c): 1 signed, 0 not
 * (none, or an earlier version's), < 0 error.
 */
LT_MUST_CHECK int lt_app_directive_sig_current(lt_db *db, int64_t id, const char *text,
					       bool with_pdf, lt_arena *a, lt_report_sig *out,
					       lt_error *e);

#endif
