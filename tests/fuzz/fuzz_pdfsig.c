/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * fuzz_pdfsig.c — libFuzzer target for the PDF side of signature checks:
 * lt_pdf_sigs_find and lt_pdf_sig_check (render/pdf_verify.c), which read
 * any PDF a user hands to `lantoa doc verify`, and the reader the signer
 * uses on a PDF to co-sign (lt_pdfdoc_open, lt_pdfdoc_page:
 * render/pdf_sign_parse.c).
 *
 * Any input: no crash, no leak, no sanitizer report. Every signature found
 * has its CMS inside the file's length, ranges_ok implies the ranges lie in
 * the file with the gap exactly on /Contents, and lt_pdf_sig_check agrees
 * with ranges_ok / whole_file; the reader's page, when found, is a
 * dictionary inside the file with a non-empty MediaBox.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "render/pdf_sign_int.h"
#include "render/pdf_verify.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	lt_pdf_sigs s;
	lt_pdfdoc d;
	lt_pdfpage pg;
	lt_error e = { 0 };

	if (lt_pdf_sigs_find(data, size, &s, &e) == 0) {
		for (size_t i = 0; i < s.n; i++) {
			const lt_pdf_sig *g = &s.v[i];
			int rc = lt_pdf_sig_check(g, size, &e);
			if (g->hole[1] > size || g->hole[0] >= g->hole[1] || g->cms_len > size)
				abort();
			if (g->ranges_ok && (g->range[0] != 0 || g->range[1] != g->hole[0] ||
					     g->range[2] != g->hole[1] || g->revision_len > size))
				abort();
			if ((rc == 0) != g->whole_file || (!g->ranges_ok && rc != LT_EINVAL))
				abort();
		}
	}
	lt_pdf_sigs_free(&s);
	if (lt_pdfdoc_open(&d, data, size, &e) == 0) {
		if (lt_pdfdoc_page(&d, 1, &pg, &e) == 0) {
			if (pg.ve > size || pg.vs >= pg.ve || data[pg.vs] != '<' ||
			    !(pg.box[2] > pg.box[0] && pg.box[3] > pg.box[1]))
				abort();
			if (pg.count > 1)
				lt_ignore(lt_pdfdoc_page(&d, (int)(pg.count < 100 ? pg.count : 100), &pg, &e));
		}
	}
	lt_pdfdoc_close(&d);
	return 0;
}
