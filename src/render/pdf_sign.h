/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * pdf_sign.h — put a PAdES signature on a PDF that lantoa rendered, as an
 * incremental update: the rendered bytes stay exactly as they were (so the
 * revision whose SHA-256 the footer prints is the revision that is signed),
 * and after them come a signature field (AcroForm), its widget with the
 * visible appearance of Nghị định 30/2020 Phụ lục I, the signature
 * dictionary (/Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached) and
 * the CMS in /Contents over every byte but that hole.
 *
 * The render layer never talks to a token: the caller hands in a function
 * that turns the SHA-256 of the signed bytes into a DER CMS SignedData
 * (detached). In lantoa that is lt_signer_cms (net/sign.h), which has this
 * very type, so phase-2 code writes:
 *
 *     lt_pdf_sign_opts o = { .cms = lt_signer_cms, .cms_ctx = signer, … };
 *     rc = lt_pdf_sign(pdf.ptr, pdf.len, &o, &signed_pdf, e);
 *
 * What can be signed: a PDF with classic cross-reference tables (what
 * cairo writes, and what lantoa's own signed PDFs are, so a second
 * signature — the seal after the signer — is added the same way), not
 * encrypted. A PDF whose cross-references are streams (PDF 1.5 xref
 * streams, object streams) is refused with LT_EUNSUPPORTED: it is not
 * something lantoa renders. Verification (pdf_verify.h) reads any PDF.
 *
 * Thread-safe: no global state but pango's per-thread font map.
 */
#ifndef LT_PDF_SIGN_H
#define LT_PDF_SIGN_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/error.h"

/*
 * Make the CMS. IN: ctx (the caller's), digest: the SHA-256 (32 bytes) of
 * the signed byte ranges. OUT: append the DER CMS SignedData to cms
 * (detached, message-digest attribute = digest). Returns 0 or a negative
 * LT_E* with e set; the signing is then abandoned and nothing is returned.
 */
typedef int (*lt_pdf_cms_fn)(void *ctx, const uint8_t *digest, lt_buf *cms, lt_error *e);

typedef enum lt_pdf_sig_look {
	LT_PDF_LOOK_INVISIBLE,  /* no widget on the page (/Rect [0 0 0 0]) */
	LT_PDF_LOOK_SIGNER,     /* at the signature position: signature image, the
				 * seal over its left third, and the text block */
	LT_PDF_LOOK_ATTACHMENT, /* an attachment: top right of the page, number and
				 * symbol and time, Times New Roman 10 pt, black */
} lt_pdf_sig_look;

typedef struct lt_pdf_sign_opts {
	lt_pdf_cms_fn cms; /* required */
	void *cms_ctx;
	size_t reserve;    /* bytes kept for the CMS; 0 → 16384. A larger CMS is
			    * retried once with room for it (the callback runs again) */
	int64_t when;      /* claimed signing time (/M, the visible time), epoch
			    * seconds; 0 → lt_now() */
	/* Signature dictionary (optional, UTF-8, borrowed). */
	const char *name;     /* /Name: the signer */
	const char *reason;   /* /Reason */
	const char *location; /* /Location */
	const char *field;    /* field name; NULL → "Signature<k>", unique */
	/* Appearance. */
	lt_pdf_sig_look look;
	int page;             /* 1-based; 0 → the last page (SIGNER), 1 (ATTACHMENT) */
	/*
	 * SIGNER: the signature position in points from the page's top-left
	 * corner (lt_doc_pdf_spot gives it for a rendered document): the room
	 * between the signer's title and name. The images are centred in its
	 * left part, the text in its right part; a seal larger than the room
	 * reaches over it, as a seal on paper does.
	 * ATTACHMENT: w = h = 0 places the block at the top right by itself.
	 */
	double x, y, w, h;
	const uint8_t *sig_png;  /* signer's signature image, PNG with a transparent
				  * background (blue, per the decree); may be NULL */
	size_t sig_png_len;
	const uint8_t *seal_png; /* the seal, PNG, red, transparent; may be NULL */
	size_t seal_png_len;
	double seal_mm;          /* the seal's real diameter; 0 → 36 mm */
	const char *signer;      /* SIGNER: "Nguyễn Đức Thê" (required) */
	const char *position;    /* SIGNER: "Chủ tịch" (optional) */
	const char *org;         /* SIGNER: the agency (optional) */
	const char *doc_number;  /* ATTACHMENT: "15/BC-LĐLĐ" (required) */
} lt_pdf_sign_opts;

/*
 * Sign pdf[0..n) (borrowed) as o says and append the signed PDF to out
 * (caller-owned, initialised). Nothing is appended on failure: the whole
 * update is built apart and appended at the end (if that append fails, out
 * is failed as lt_buf says).
 * Returns 0, or with e set (field names the option at fault):
 *   LT_EUNSUPPORTED  not a PDF lantoa can sign (see above; e says why);
 *   LT_EINVAL        a bad option (page out of range, missing text, an image
 *                    that is not a PNG, no callback);
 *   LT_ETOOBIG       the CMS does not fit even after the retry;
 *   whatever o->cms returned (wrong PIN, token absent…), with its e;
 *   LT_ENOMEM, LT_EINTERNAL.
 */
LT_MUST_CHECK int lt_pdf_sign(const uint8_t *pdf, size_t n, const lt_pdf_sign_opts *o,
			      lt_buf *out, lt_error *e);

#endif
