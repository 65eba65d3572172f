/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * pdf_verify.h — find the signatures of a PDF and check what the PDF side
 * of a signature says: which bytes it covers, whether they are the whole
 * file but its own /Contents hole, and whether anything was appended after
 * the revision it signed. The CMS itself (signer, certificate chain,
 * timestamp, and whether it matches those bytes) is checked by
 * lt_sign_verify (net/sign.h) over the two byte ranges; the app layer puts
 * the two together:
 *
 *     lt_pdf_sigs s;
 *     rc = lt_pdf_sigs_find(pdf, n, &s, e);
 *     for (size_t i = 0; !rc && i < s.n; i++) {
 *         const lt_pdf_sig *g = &s.v[i];
 *         int pdf_rc = lt_pdf_sig_check(g, n, &e1);     // ranges, changed after
 *         int cms_rc = lt_sign_verify(g->cms, g->cms_len,
 *                                     pdf + g->range[0], g->range[1],
 *                                     pdf + g->range[2], g->range[3],
 *                                     &trust, &check, &e2);
 *     }
 *     lt_pdf_sigs_free(&s);
 *
 * It reads PDFs signed elsewhere too: signature dictionaries are found by
 * their /ByteRange wherever they are (an indirect object or a field's
 * direct /V), whatever the file's cross-references are (tables or streams;
 * a signature dictionary cannot sit in an object stream, since its /Contents
 * is patched in place). Input is untrusted: every offset is checked
 * (tests/fuzz/fuzz_pdfsig.c).
 */
#ifndef LT_PDF_VERIFY_H
#define LT_PDF_VERIFY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/error.h"

typedef struct lt_pdf_sig {
	size_t range[4];     /* /ByteRange as written: start1 len1 start2 len2 */
	uint8_t *cms;        /* owned: the DER in /Contents, padding removed */
	size_t cms_len;
	char filter[48];     /* "Adobe.PPKLite" */
	char subfilter[48];  /* "ETSI.CAdES.detached", "adbe.pkcs7.detached", … */
	bool doc_timestamp;  /* /Type /DocTimeStamp (ETSI.RFC3161) */
	char *name;          /* owned UTF-8 or NULL: /Name */
	char *reason;        /* owned UTF-8 or NULL: /Reason */
	char *location;      /* owned UTF-8 or NULL: /Location */
	int64_t claimed;     /* /M as epoch seconds (the claimed time), 0 when absent */
	size_t dict_at;      /* offset of the signature dictionary's "<<" */
	size_t hole[2];      /* the /Contents value: offset of '<' and just past '>' */
	bool ranges_ok;      /* range[0] == 0, the gap is exactly hole, all inside the file */
	size_t revision_len; /* range[2] + range[3]: the signed revision ends here */
	bool whole_file;     /* ranges_ok and revision_len is the file's length */
} lt_pdf_sig;

typedef struct lt_pdf_sigs {
	lt_pdf_sig *v; /* owned, in file order */
	size_t n;
} lt_pdf_sigs;

/*
 * Find every signature dictionary of pdf[0..n) (borrowed). out (OUT, owned:
 * release with lt_pdf_sigs_free even on error) may have n == 0: an unsigned
 * PDF is not an error. Returns 0, LT_EINVAL (not a PDF), LT_ENOMEM.
 */
LT_MUST_CHECK int lt_pdf_sigs_find(const uint8_t *pdf, size_t n, lt_pdf_sigs *out, lt_error *e);
void lt_pdf_sigs_free(lt_pdf_sigs *s);

/*
 * The PDF side of signature s in a file of n bytes. Returns 0 when its
 * byte ranges are sound and cover the whole file but its /Contents;
 * LT_EINVAL when they are not (they skip other bytes than the signature,
 * start elsewhere than 0 or run past the end: a malformed or forged
 * signature); LT_ECONFLICT when bytes follow the signed revision: the
 * document was changed after signing (e says how many bytes; a later
 * signature's own update counts as a change too, and the caller may accept
 * it when that later signature covers the rest).
 */
LT_MUST_CHECK int lt_pdf_sig_check(const lt_pdf_sig *s, size_t n, lt_error *e);

#endif
