/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * report_sign.h — the rows of signed documents, with the signed PDF:
 * report signatures (migration 12), one per signed revision, and directive
 * signatures (migration 26), one per signed version of the document. SQL and
 * rows only: who may sign and what is signed is app/report_sign.c's and
 * app/directive_sign.c's.
 */
#ifndef LT_STORE_REPORT_SIGN_H
#define LT_STORE_REPORT_SIGN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/error.h"
#include "store/db.h"

typedef struct lt_report_sig {
	int64_t id;
	union {
		int64_t report_id;    /* report signatures */
		int64_t directive_id; /* directive signatures */
	};
	int rev; /* the signed revision; a directive's signatures are numbered 1, 2, … */
	union {
		const char *revision_sha256; /* a report's: its hash, as its footer prints it */
		const char *doc_sha256;      /* a directive's: the SHA-256 of its document's JSON text */
	};
	int64_t signed_by;           /* the user; 0: the console */
	const char *signer_name;     /* the certificate's common name */
	const char *position;        /* "Chủ tịch", or NULL */
	int64_t signed_at;           /* the claimed time (/M), epoch seconds */
	const char *cert_subject;    /* RFC 2253, UTF-8 */
	const char *cert_issuer;     /* the issuer's common name */
	const char *cert_serial;     /* hex */
	int64_t cert_not_after;
	const char *pdf_sha256;      /* of the signed PDF */
	size_t pdf_len;
	const uint8_t *pdf;          /* the signed PDF when asked for, else NULL */
	/* A directive's signed annex (with pdf), or NULL and 0: none, or not asked for. */
	const uint8_t *annex_pdf;
	size_t annex_len;
	/* The agency's signature (migrations 27 and 28): the certificate that
	 * sealed the PDF after the signer (and signed a directive's annex);
	 * seal_name NULL when none. */
	const char *seal_name;     /* its common name */
	const char *seal_subject;  /* RFC 2253, UTF-8 */
	const char *seal_issuer;   /* the issuer's common name */
	const char *seal_serial;   /* hex */
	int64_t seal_not_after;
} lt_report_sig;

/*
 * Store s (s->pdf[0..pdf_len) required; id ignored). *id gets the new row.
 * LT_ECONFLICT naming "rev" when that revision is signed already.
 */
LT_MUST_CHECK int lt_report_sig_add(lt_db *db, const lt_report_sig *s, int64_t *id, lt_error *e);
/*
 * The signature of revision rev of report id (strings, and the PDF when
 * with_pdf, in a). Returns 1 found, 0 none (*out zeroed), < 0 error.
 */
LT_MUST_CHECK int lt_report_sig_get(lt_db *db, int64_t id, int rev, bool with_pdf, lt_arena *a,
				    lt_report_sig *out, lt_error *e);
/* Every signature of report id without its PDF, oldest revision first (rows in a). */
LT_MUST_CHECK int lt_report_sig_list(lt_db *db, int64_t id, lt_arena *a, lt_report_sig **out,
				     size_t *n, lt_error *e);

/* --- directive signatures --- */

/*
 * Store s (directive_id, doc_sha256 and the PDF required, the annex if
 * any; id and rev ignored): it gets the directive's next number, into *rev (may be NULL).
 * Call inside a transaction. LT_ECONFLICT naming "doc" when that version of
 * the document is signed already.
 */
LT_MUST_CHECK int lt_directive_sig_add(lt_db *db, const lt_report_sig *s, int64_t *id, int *rev,
				       lt_error *e);
/*
 * The signature of directive id's document whose hash is doc_sha256 (or,
 * with doc_sha256 NULL, of number rev), with the PDF and the annex's when
 * with_pdf (in a).
 * Returns 1 found, 0 none (*out zeroed), < 0 error.
 */
LT_MUST_CHECK int lt_directive_sig_get(lt_db *db, int64_t id, const char *doc_sha256, int rev,
				       bool with_pdf, lt_arena *a, lt_report_sig *out, lt_error *e);
/* Every signature of directive id without its PDF, oldest first (rows in a). */
LT_MUST_CHECK int lt_directive_sig_list(lt_db *db, int64_t id, lt_arena *a, lt_report_sig **out,
					size_t *n, lt_error *e);

#endif
