/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * sign_fixtures.h — what the signing tests and bench/bench_sign.c share: a
 * report rendered by lantoa with the place its signature goes, the signer's
 * signature and the seal as PNGs drawn at test time (blue and red on a
 * transparent background, as Nghị định 30 Phụ lục I asks), and counting
 * coloured pixels in a page rendered by pdftoppm.
 * Header-only, test code only: every failure aborts with a message (no
 * cmocka here, so that the benchmark can use it too).
 */
#ifndef LT_TEST_SIGN_FIXTURES_H
#define LT_TEST_SIGN_FIXTURES_H

#include <cairo.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "core/buf.h"
#include "render/doc.h"
#include "render/doc_pdf.h"

#define FIX_CHECK(x)                                                              \
	do {                                                                      \
		if (!(x)) {                                                       \
			fprintf(stderr, "%s:%d: fixture failed: %s\n", __FILE__, \
				__LINE__, #x);                                    \
			abort();                                                  \
		}                                                                 \
	} while (0)

/*
 * A report of about `pages` A4 pages (≥ 1) with the signer block, rendered
 * into pdf (initialised by the caller); *spot gets the signature position.
 */
static inline void fix_report_pdf(int pages, lt_buf *pdf, lt_doc_pdf_spot *spot)
{
	lt_doc *d = NULL;
	lt_error e = { 0 };

	FIX_CHECK(lt_doc_new(&d, LT_DOC_REPORT, &e) == 0);
	FIX_CHECK(lt_doc_set_header(d, "LĐLĐ thành phố Hà Nội", "Liên đoàn Lao động huyện Gia Lâm",
				    "15/BC-LĐLĐ", &e) == 0);
	FIX_CHECK(lt_doc_set_place_date(d, "Gia Lâm", "2024-02-05", &e) == 0);
	FIX_CHECK(lt_doc_set_title(d, "Báo cáo", "Kết quả thực hiện Chương trình “Tết Sum vầy” năm 2024",
				   &e) == 0);
	FIX_CHECK(lt_doc_add_recipient(d, "Liên đoàn Lao động thành phố Hà Nội", &e) == 0);
	/* About 11 paragraphs of three lines and a heading fill a page. */
	for (int i = 0; i < pages * 11 - 2; i++) {
		char h[64];
		if (i % 11 == 0) {
			snprintf(h, sizeof(h), "%d. Kết quả phần %d", i / 11 + 1, i / 11 + 1);
			FIX_CHECK(lt_doc_add_heading(d, 2, h, &e) == 0);
		}
		FIX_CHECK(lt_doc_add_paragraph(d,
			"Các công đoàn cơ sở đã tổ chức thăm hỏi, tặng quà đoàn viên, người lao động "
			"có hoàn cảnh khó khăn; phối hợp với chuyên môn đưa người lao động về quê đón "
			"Tết và ghi nhận ý kiến về tiền lương, thưởng Tết, việc làm sau Tết.", &e) == 0);
	}
	FIX_CHECK(lt_doc_add_cc(d, "Như kính gửi;", &e) == 0);
	FIX_CHECK(lt_doc_add_cc(d, "Lưu: VT.", &e) == 0);
	FIX_CHECK(lt_doc_set_signer(d, "TM. Ban Thường vụ", "Chủ tịch", "Nguyễn Văn Thành", NULL,
				    &e) == 0);
	FIX_CHECK(lt_doc_set_footer(d, "Bản nộp lần 1 — mã kiểm tra SHA-256: 0f1e2d3c4b5a6978", false,
				    &e) == 0);
	FIX_CHECK(lt_doc_render_pdf_spot(d, pdf, spot, &e) == 0);
	lt_doc_free(d);
}

static cairo_status_t fix_png_write(void *closure, const unsigned char *data, unsigned int len)
{
	return lt_buf_add(closure, data, len) ? CAIRO_STATUS_WRITE_ERROR : CAIRO_STATUS_SUCCESS;
}

static inline void fix_png(cairo_surface_t *s, lt_buf *out)
{
	FIX_CHECK(cairo_surface_write_to_png_stream(s, fix_png_write, out) == CAIRO_STATUS_SUCCESS);
	cairo_surface_destroy(s);
}

/* A signature: blue strokes on transparency, 400×160, with a line from the
 * left edge to the right edge so that its extent can be measured. */
static inline void fix_signature_png(lt_buf *out)
{
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 400, 160);
	cairo_t *cr = cairo_create(s);

	cairo_set_source_rgb(cr, 0.05, 0.15, 0.75);
	cairo_set_line_width(cr, 8);
	cairo_move_to(cr, 0, 120);
	cairo_line_to(cr, 400, 120);
	cairo_move_to(cr, 40, 110);
	cairo_curve_to(cr, 90, 10, 140, 150, 190, 40);
	cairo_curve_to(cr, 230, -10, 280, 150, 360, 60);
	cairo_stroke(cr);
	cairo_destroy(cr);
	fix_png(s, out);
}

/* A round seal: red rings and a star on transparency, 400×400. */
static inline void fix_seal_png(lt_buf *out)
{
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 400, 400);
	cairo_t *cr = cairo_create(s);

	cairo_set_source_rgb(cr, 0.85, 0.05, 0.05);
	cairo_set_line_width(cr, 14);
	cairo_arc(cr, 200, 200, 190, 0, 2 * M_PI);
	cairo_stroke(cr);
	cairo_set_line_width(cr, 5);
	cairo_arc(cr, 200, 200, 140, 0, 2 * M_PI);
	cairo_stroke(cr);
	for (int i = 0; i < 5; i++) {
		double a = -M_PI / 2 + i * 4 * M_PI / 5;
		if (i == 0)
			cairo_move_to(cr, 200 + 60 * cos(a), 200 + 60 * sin(a));
		else
			cairo_line_to(cr, 200 + 60 * cos(a), 200 + 60 * sin(a));
	}
	cairo_close_path(cr);
	cairo_fill(cr);
	cairo_destroy(cr);
	fix_png(s, out);
}

typedef enum { FIX_BLUE, FIX_RED, FIX_DARK } fix_colour;

/* The horizontal extent [*x0, *x1] of pixels of colour c in a rendered page
 * (ARGB32 from cairo_image_surface_create_from_png), inside rows y0..y1;
 * returns how many there are. */
static inline long fix_extent(cairo_surface_t *img, fix_colour c, int y0, int y1, int *x0, int *x1)
{
	int w = cairo_image_surface_get_width(img), h = cairo_image_surface_get_height(img);
	int stride = cairo_image_surface_get_stride(img);
	const unsigned char *data = cairo_image_surface_get_data(img);
	long n = 0;

	*x0 = w;
	*x1 = -1;
	for (int y = y0 < 0 ? 0 : y0; y < h && y <= y1; y++) {
		const uint32_t *row = (const uint32_t *)(data + (size_t)y * stride);
		for (int x = 0; x < w; x++) {
			int r = (row[x] >> 16) & 255, g = (row[x] >> 8) & 255, b = row[x] & 255;
			bool hit = c == FIX_BLUE  ? b > 140 && r < 110 && g < 130 :
				   c == FIX_RED   ? r > 150 && g < 110 && b < 110 :
						    r < 90 && g < 90 && b < 90;
			if (!hit)
				continue;
			n++;
			if (x < *x0)
				*x0 = x;
			if (x > *x1)
				*x1 = x;
		}
	}
	return n;
}

/*
 * Make the test PKI and SoftHSM2 token in dir with tests/lib/softhsm.sh
 * (root: the source tree), point SOFTHSM2_CONF at it and put the path of
 * SoftHSM2's PKCS#11 module in module[cap]. Returns 0; 77 when a tool is
 * missing (the project's scripts install them: skip); -1 on failure.
 */
static inline int fix_softhsm(const char *root, const char *dir, char *module, size_t cap)
{
	char cmd[1200];
	FILE *f;
	int st;

	snprintf(cmd, sizeof(cmd), "sh %s/tests/lib/softhsm.sh %s >/dev/null", root, dir);
	st = system(cmd);
	if (st == -1 || !WIFEXITED(st) || (WEXITSTATUS(st) != 0 && WEXITSTATUS(st) != 77))
		return -1;
	if (WEXITSTATUS(st) == 77)
		return 77;
	snprintf(cmd, sizeof(cmd), "%s/module", dir);
	f = fopen(cmd, "r");
	if (!f)
		return -1;
	if (!fgets(module, (int)cap, f)) {
		fclose(f);
		return -1;
	}
	fclose(f);
	module[strcspn(module, "\n")] = 0;
	snprintf(cmd, sizeof(cmd), "%s/softhsm2.conf", dir);
	setenv("SOFTHSM2_CONF", cmd, 1);
	return 0;
}

#endif
