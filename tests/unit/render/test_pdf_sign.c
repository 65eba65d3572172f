/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Tests for src/render/pdf_sign*.c and pdf_verify.c: the incremental update
 * on a PDF lantoa rendered, as poppler (pdfsig, pdftoppm) reads it.
 *
 * The CMS comes from a software key made here with OpenSSL: these tests are
 * about the PDF; the token and the PAdES CMS are tests/unit/net/test_sign.c.
 *
 * LT_TEST_PNG_DIR (optional): also save the signed page there as
 * pdf_sign_signer.png, to look at.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include <openssl/cms.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>
#include <sodium.h>

#include "render/pdf_sign.h"
#include "render/pdf_verify.h"
#include "../../lib/sign_fixtures.h"
#include "shell_helpers.h"

static char tmpdir[] = "/tmp/lt-pdfsig-XXXXXX";

/* --- a software signer --- */

typedef struct soft {
	EVP_PKEY *key;
	X509 *cert;
	uint8_t last[32]; /* the digest of the last call */
	int calls;
	int fail;         /* return this error instead of signing */
} soft;

static soft signer;

static void soft_init(soft *s)
{
	X509_NAME *nm;

	s->key = EVP_RSA_gen(2048);
	assert_non_null(s->key);
	s->cert = X509_new();
	X509_set_version(s->cert, 2);
	ASN1_INTEGER_set(X509_get_serialNumber(s->cert), 7);
	X509_gmtime_adj(X509_getm_notBefore(s->cert), -3600);
	X509_gmtime_adj(X509_getm_notAfter(s->cert), 86400);
	nm = X509_get_subject_name(s->cert);
	X509_NAME_add_entry_by_txt(nm, "CN", MBSTRING_UTF8,
				   (const unsigned char *)"Nguyễn Văn Thành", -1, -1, 0);
	X509_set_issuer_name(s->cert, nm);
	X509_set_pubkey(s->cert, s->key);
	assert_true(X509_sign(s->cert, s->key, EVP_sha256()) > 0);
}

static int soft_cms(void *ctx, const uint8_t *digest, lt_buf *out, lt_error *e)
{
	soft *s = ctx;
	CMS_ContentInfo *ci;
	CMS_SignerInfo *si;
	unsigned char *der = NULL;
	int len, rc;

	s->calls++;
	memcpy(s->last, digest, 32);
	if (s->fail)
		return lt_error_set(e, s->fail, "pin", "Mã PIN của token \"t\" không đúng",
				    "Wrong PIN for token \"t\"");
	ci = CMS_sign(NULL, NULL, NULL, NULL, CMS_PARTIAL | CMS_DETACHED | CMS_BINARY);
	si = CMS_add1_signer(ci, s->cert, s->key, EVP_sha256(), CMS_PARTIAL | CMS_BINARY | CMS_NOSMIMECAP);
	assert_non_null(si);
	assert_true(CMS_signed_add1_attr_by_NID(si, NID_pkcs9_contentType, V_ASN1_OBJECT,
						OBJ_nid2obj(NID_pkcs7_data), -1));
	assert_true(CMS_signed_add1_attr_by_NID(si, NID_pkcs9_messageDigest, V_ASN1_OCTET_STRING,
						digest, 32));
	assert_int_equal(CMS_SignerInfo_sign(si), 1);
	assert_int_equal(CMS_set_detached(ci, 1), 1);
	len = i2d_CMS_ContentInfo(ci, &der);
	assert_true(len > 0);
	rc = lt_buf_add(out, der, (size_t)len);
	OPENSSL_free(der);
	CMS_ContentInfo_free(ci);
	return rc;
}

/* --- fixtures --- */

static lt_buf report;          /* a three-page report */
static lt_doc_pdf_spot spot;   /* where its signature goes */
static lt_buf sig_png, seal_png;

static int setup(void **state)
{
	(void)state;
	if (!mkdtemp(tmpdir))
		return -1;
	soft_init(&signer);
	lt_buf_init(&report, 64u << 20);
	lt_buf_init(&sig_png, 1u << 20);
	lt_buf_init(&seal_png, 1u << 20);
	fix_report_pdf(2, &report, &spot);
	fix_signature_png(&sig_png);
	fix_seal_png(&seal_png);
	return 0;
}

static int teardown(void **state)
{
	char cmd[128];

	(void)state;
	lt_buf_free(&report);
	lt_buf_free(&sig_png);
	lt_buf_free(&seal_png);
	EVP_PKEY_free(signer.key);
	X509_free(signer.cert);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

static const char *save(const char *name, const lt_buf *b)
{
	static char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
	f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(b->ptr, 1, b->len, f), b->len);
	assert_int_equal(fclose(f), 0);
	return path;
}

/* pdfsig's report on a file (without certificate checks: the key is made here). */
static char *pdfsig(const char *path)
{
	char cmd[512];

	snprintf(cmd, sizeof(cmd), "pdfsig -nocert %s 2>&1", path);
	return run(cmd);
}

/* A report must contain part: on failure, show it. */
static void expect_in(const char *s, const char *part)
{
	if (!strstr(s, part))
		fail_msg("\"%s\" not found in:\n%.3000s", part, s);
}

/* The bytes [from, b->len) of a PDF (an update: it holds binary streams)
 * must contain part: on failure, show their end (catalog, page, trailer). */
static void expect_upd(const lt_buf *b, size_t from, const char *part)
{
	size_t n = b->len - from, k = n > 600 ? n - 600 : 0;
	char tail[601];

	if (memmem(b->ptr + from, n, part, strlen(part)))
		return;
	for (size_t i = k; i < n; i++)
		tail[i - k] = b->ptr[from + i] >= 32 || b->ptr[from + i] == '\n' ? b->ptr[from + i] : '.';
	tail[n - k] = 0;
	fail_msg("\"%s\" not found in the update, which ends:\n%s", part, tail);
}

static lt_pdf_sign_opts signer_opts(void)
{
	lt_pdf_sign_opts o = {
		.cms = soft_cms, .cms_ctx = &signer, .when = 1707120000, /* 2024-02-05 15:00 +07 */
		.name = "Nguyễn Văn Thành", .reason = "Ký ban hành báo cáo", .location = "Gia Lâm",
		.look = LT_PDF_LOOK_SIGNER, .page = spot.page,
		.x = spot.x, .y = spot.y, .w = spot.w, .h = spot.h,
		.sig_png = (const uint8_t *)sig_png.ptr, .sig_png_len = sig_png.len,
		.seal_png = (const uint8_t *)seal_png.ptr, .seal_png_len = seal_png.len,
		.signer = "Nguyễn Văn Thành", .position = "Chủ tịch",
		.org = "Liên đoàn Lao động huyện Gia Lâm",
	};
	return o;
}

static void sha256_ranges(const lt_buf *b, const lt_pdf_sig *g, uint8_t out[32])
{
	crypto_hash_sha256_state st;

	crypto_hash_sha256_init(&st);
	crypto_hash_sha256_update(&st, (const uint8_t *)b->ptr + g->range[0], g->range[1]);
	crypto_hash_sha256_update(&st, (const uint8_t *)b->ptr + g->range[2], g->range[3]);
	crypto_hash_sha256_final(&st, out);
}

/* --- tests --- */

/* The rendered revision is kept byte for byte; the signature covers all
 * but its hole; poppler calls it valid and the whole document signed. */
static void test_sign_keeps_revision_and_verifies(void **state)
{
	lt_pdf_sign_opts o = signer_opts();
	lt_error e = { 0 };
	lt_buf out;
	lt_pdf_sigs s;
	uint8_t d[32];
	char *rep;

	(void)state;
	lt_buf_init(&out, 64u << 20);
	signer.calls = 0;
	assert_int_equal(lt_pdf_sign((const uint8_t *)report.ptr, report.len, &o, &out, &e), 0);
	assert_int_equal(signer.calls, 1);
	assert_true(out.len > report.len);
	assert_memory_equal(out.ptr, report.ptr, report.len);

	assert_int_equal(lt_pdf_sigs_find((const uint8_t *)out.ptr, out.len, &s, &e), 0);
	assert_int_equal(s.n, 1);
	assert_true(s.v[0].ranges_ok);
	assert_true(s.v[0].whole_file);
	assert_int_equal(lt_pdf_sig_check(&s.v[0], out.len, &e), 0);
	assert_string_equal(s.v[0].subfilter, "ETSI.CAdES.detached");
	assert_string_equal(s.v[0].filter, "Adobe.PPKLite");
	assert_string_equal(s.v[0].name, "Nguyễn Văn Thành");
	assert_string_equal(s.v[0].reason, "Ký ban hành báo cáo");
	assert_int_equal(s.v[0].claimed, 1707120000);
	assert_true(s.v[0].range[1] > report.len); /* the hole is in the update */
	sha256_ranges(&out, &s.v[0], d);
	assert_memory_equal(d, signer.last, 32); /* the callback signed exactly those bytes */
	assert_true(s.v[0].cms_len > 1000 && s.v[0].cms[0] == 0x30);
	lt_pdf_sigs_free(&s);

	if (!have("pdfsig")) {
		print_message("# pdfsig (poppler-utils) is missing\n");
		lt_buf_free(&out);
		skip();
	}
	rep = pdfsig(save("signed.pdf", &out));
	assert_non_null(rep);
	expect_in(rep, "Signature Type: ETSI.CAdES.detached");
	expect_in(rep, "Signature Field Name: Signature1");
	expect_in(rep, "Total document signed");
	expect_in(rep, "Signature is Valid.");
	free(rep);
	lt_buf_free(&out);
}

/* The appearance: the seal over the left third of the signature image, both
 * at the signature position between the title and the name, text beside. */
static void test_appearance_signer(void **state)
{
	lt_pdf_sign_opts o = signer_opts();
	lt_error e = { 0 };
	lt_buf out;
	char cmd[512];
	cairo_surface_t *img;
	int bx0, bx1, rx0, rx1, dx0, dx1;
	const char *path;

	(void)state;
	if (!have("pdftoppm"))
		skip();
	lt_buf_init(&out, 64u << 20);
	assert_int_equal(lt_pdf_sign((const uint8_t *)report.ptr, report.len, &o, &out, &e), 0);
	path = save("look.pdf", &out);
	/* 72 dpi: one pixel per point, page coordinates from the top-left as the spot's. */
	snprintf(cmd, sizeof(cmd), "pdftoppm -r 72 -png -singlefile -f %d -l %d %s %s/look",
		 spot.page, spot.page, path, tmpdir);
	assert_int_equal(system(cmd), 0);
	if (getenv("LT_TEST_PNG_DIR")) {
		snprintf(cmd, sizeof(cmd), "pdftoppm -r 110 -png -singlefile -f %d -l %d %s %s/pdf_sign_signer",
			 spot.page, spot.page, path, getenv("LT_TEST_PNG_DIR"));
		assert_int_equal(system(cmd), 0);
	}
	snprintf(cmd, sizeof(cmd), "%s/look.png", tmpdir);
	img = cairo_image_surface_create_from_png(cmd);
	assert_int_equal(cairo_surface_status(img), CAIRO_STATUS_SUCCESS);
	/* Blue (signature) and red (seal) inside the signature band. */
	int y0 = (int)(spot.y + spot.h / 2 - 60), y1 = (int)(spot.y + spot.h / 2 + 60);
	assert_true(fix_extent(img, FIX_BLUE, (int)spot.y, (int)(spot.y + spot.h), &bx0, &bx1) > 200);
	assert_true(fix_extent(img, FIX_RED, y0, y1, &rx0, &rx1) > 200);
	/* Nothing blue outside the band: it sits between the title and the name. */
	assert_int_equal(fix_extent(img, FIX_BLUE, 0, (int)spot.y - 2, &dx0, &dx1), 0);
	/* The seal is left of the signature and covers about a third of it. */
	double third = (double)(rx1 - bx0) / (bx1 - bx0);
	print_message("# seal covers %.2f of the signature\n", third);
	assert_true(rx0 < bx0);
	assert_true(third > 0.25 && third < 0.42);
	/* 36 mm seal, at 72 dpi. */
	assert_true(abs((rx1 - rx0) - (int)(36 / 25.4 * 72)) <= 3);
	/* The text (dark outlines) right of the images, in the signer column. */
	assert_true(fix_extent(img, FIX_DARK, (int)spot.y + 4, (int)(spot.y + spot.h) - 4, &dx0, &dx1) > 100);
	print_message("# blue %d..%d red %d..%d text %d..%d, position %.0f..%.0f\n", bx0, bx1, rx0, rx1, dx0, dx1, spot.x, spot.x + spot.w);
	assert_true(dx0 > bx1 - 2 && dx1 <= (int)(spot.x + spot.w) + 1);
	cairo_surface_destroy(img);
	lt_buf_free(&out);
}

/* An attachment's signature: top right of its first page, black, no image. */
static void test_appearance_attachment(void **state)
{
	lt_pdf_sign_opts o = { .cms = soft_cms, .cms_ctx = &signer, .when = 1707120000,
			       .look = LT_PDF_LOOK_ATTACHMENT, .doc_number = "15/BC-LĐLĐ" };
	lt_error e = { 0 };
	lt_buf out;
	char cmd[512];
	const char *rect;
	double r[4];
	cairo_surface_t *img;
	int x0, x1;

	(void)state;
	lt_buf_init(&out, 64u << 20);
	assert_int_equal(lt_pdf_sign((const uint8_t *)report.ptr, report.len, &o, &out, &e), 0);
	rect = memmem(out.ptr + report.len, out.len - report.len, "/Rect [", 7);
	assert_non_null(rect);
	assert_int_equal(sscanf(rect, "/Rect [%lf %lf %lf %lf]", &r[0], &r[1], &r[2], &r[3]), 4);
	/* Right edge on the 15 mm right margin, in the top margin of page 1. */
	assert_true(fabs(r[2] - (595.28 - 15 * 72 / 25.4)) < 1);
	assert_true(r[3] > 841.89 - 30 && r[1] > 841.89 - 20 * 72 / 25.4 - 30);
	expect_upd(&out, report.len, "/P 2 0 R"); /* cairo's first page */
	assert_null(memmem(out.ptr + report.len, out.len - report.len, "/Subtype /Image", 15));
	if (!have("pdftoppm")) {
		lt_buf_free(&out);
		skip();
	}
	snprintf(cmd, sizeof(cmd), "pdftoppm -r 72 -png -singlefile -f 1 -l 1 %s %s/att",
		 save("att.pdf", &out), tmpdir);
	assert_int_equal(system(cmd), 0);
	if (getenv("LT_TEST_PNG_DIR")) {
		snprintf(cmd, sizeof(cmd), "pdftoppm -r 110 -png -singlefile -f 1 -l 1 %s/att.pdf %s/pdf_sign_attachment",
			 tmpdir, getenv("LT_TEST_PNG_DIR"));
		assert_int_equal(system(cmd), 0);
	}
	snprintf(cmd, sizeof(cmd), "%s/att.png", tmpdir);
	img = cairo_image_surface_create_from_png(cmd);
	assert_true(fix_extent(img, FIX_DARK, (int)(841.89 - r[3]), (int)(841.89 - r[1]), &x0, &x1) > 50);
	assert_true(x0 >= (int)r[0] - 1 && x1 <= (int)r[2] + 1);
	cairo_surface_destroy(img);
	lt_buf_free(&out);
}

/* A second signature (the agency's after the signer's) keeps the first one
 * valid for its revision; the first no longer covers the whole file. */
static void test_second_signature(void **state)
{
	lt_pdf_sign_opts o = signer_opts();
	lt_error e = { 0 };
	lt_buf one, two;
	lt_pdf_sigs s;
	uint8_t d[32];
	char *rep;

	(void)state;
	lt_buf_init(&one, 64u << 20);
	lt_buf_init(&two, 64u << 20);
	o.look = LT_PDF_LOOK_INVISIBLE;
	assert_int_equal(lt_pdf_sign((const uint8_t *)report.ptr, report.len, &o, &one, &e), 0);
	o = signer_opts();
	assert_int_equal(lt_pdf_sign((const uint8_t *)one.ptr, one.len, &o, &two, &e), 0);
	assert_memory_equal(two.ptr, one.ptr, one.len);
	assert_int_equal(lt_pdf_sigs_find((const uint8_t *)two.ptr, two.len, &s, &e), 0);
	assert_int_equal(s.n, 2);
	assert_int_equal(s.v[0].revision_len, one.len);
	assert_false(s.v[0].whole_file);
	assert_int_equal(lt_pdf_sig_check(&s.v[0], two.len, &e), LT_ECONFLICT);
	assert_non_null(strstr(e.en, "changed after signing"));
	assert_non_null(strstr(e.vi, "đã bị thay đổi sau khi ký"));
	assert_true(s.v[1].whole_file);
	sha256_ranges(&two, &s.v[1], d);
	assert_memory_equal(d, signer.last, 32);
	lt_pdf_sigs_free(&s);
	/* One AcroForm with both fields, the page with one widget per signature. */
	expect_upd(&two, one.len, "/Fields [ ");
	expect_upd(&two, one.len, "(Signature2)");
	if (!have("pdfsig")) {
		lt_buf_free(&one);
		lt_buf_free(&two);
		skip();
	}
	rep = pdfsig(save("two.pdf", &two));
	assert_non_null(rep);
	expect_in(rep, "Signature #2:");
	expect_in(rep, "Signature Field Name: Signature1");
	expect_in(rep, "Signature Field Name: Signature2");
	expect_in(rep, "Not total document signed");
	assert_null(strstr(rep, "Signature is Invalid"));
	free(rep);
	lt_buf_free(&one);
	lt_buf_free(&two);
}

/* One byte changed after signing: the ranges still look right, but their
 * digest is no longer the signed one, and poppler says so. Bytes appended:
 * the signature no longer covers the file. */
static void test_changed_after_signing(void **state)
{
	lt_pdf_sign_opts o = signer_opts();
	lt_error e = { 0 };
	lt_buf out;
	lt_pdf_sigs s;
	uint8_t d[32];
	char *rep;
	char *hit;

	(void)state;
	lt_buf_init(&out, 64u << 20);
	o.look = LT_PDF_LOOK_INVISIBLE;
	assert_int_equal(lt_pdf_sign((const uint8_t *)report.ptr, report.len, &o, &out, &e), 0);
	/* Change a figure of the rendered text: the creator's name in the metadata. */
	hit = memmem(out.ptr, report.len, "(lantoa)", 8);
	assert_non_null(hit);
	hit[1] = 'L';
	assert_int_equal(lt_pdf_sigs_find((const uint8_t *)out.ptr, out.len, &s, &e), 0);
	assert_int_equal(s.n, 1);
	assert_int_equal(lt_pdf_sig_check(&s.v[0], out.len, &e), 0); /* the PDF side cannot see it */
	sha256_ranges(&out, &s.v[0], d);
	assert_memory_not_equal(d, signer.last, 32);
	lt_pdf_sigs_free(&s);
	if (have("pdfsig")) {
		rep = pdfsig(save("changed.pdf", &out));
		assert_non_null(rep);
		assert_null(strstr(rep, "Signature is Valid."));
		expect_in(rep, "Digest Mismatch");
		free(rep);
	}
	hit[1] = 'l';
	/* An appended update. */
	assert_int_equal(lt_buf_adds(&out, "\n% more\n"), 0);
	assert_int_equal(lt_pdf_sigs_find((const uint8_t *)out.ptr, out.len, &s, &e), 0);
	assert_int_equal(lt_pdf_sig_check(&s.v[0], out.len, &e), LT_ECONFLICT);
	assert_non_null(strstr(e.en, "8 bytes were added after the signed revision"));
	lt_pdf_sigs_free(&s);
	lt_buf_free(&out);
}

/* A CMS larger than the room kept is signed again with room for it. */
static void test_reserve_retry(void **state)
{
	lt_pdf_sign_opts o = signer_opts();
	lt_error e = { 0 };
	lt_buf out;
	lt_pdf_sigs s;
	uint8_t d[32];

	(void)state;
	lt_buf_init(&out, 64u << 20);
	o.look = LT_PDF_LOOK_INVISIBLE;
	o.reserve = 256;
	signer.calls = 0;
	assert_int_equal(lt_pdf_sign((const uint8_t *)report.ptr, report.len, &o, &out, &e), 0);
	assert_int_equal(signer.calls, 2);
	assert_int_equal(lt_pdf_sigs_find((const uint8_t *)out.ptr, out.len, &s, &e), 0);
	sha256_ranges(&out, &s.v[0], d);
	assert_memory_equal(d, signer.last, 32);
	lt_pdf_sigs_free(&s);
	lt_buf_free(&out);
}

/* --- refusals: each names its reason, and nothing is appended --- */

/* A small hand-made PDF: one page under a /Pages that carries the MediaBox,
 * an existing annotation, a direct AcroForm; trailer extras and, with
 * xref_stream, a cross-reference stream instead of a table. */
static void mini_pdf(lt_buf *b, const char *trailer_extra, bool xref_stream)
{
	static const char *const objs[] = {
		"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [] /DA (/Helv 0 Tf 0 g) >> >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 /MediaBox [0 0 612 792] >>",
		"<< /Type /Page /Parent 2 0 R /Annots [4 0 R] /Contents 5 0 R >>",
		"<< /Type /Annot /Subtype /Text /Rect [10 10 20 20] /Contents (note) >>",
		"<< /Length 0 >>\nstream\n\nendstream",
	};
	size_t off[6], xref;

	lt_buf_reset(b);
	lt_buf_puts(b, "%PDF-1.4\n");
	for (int i = 0; i < 5; i++) {
		off[i + 1] = b->len;
		lt_buf_putf(b, "%d 0 obj\n%s\nendobj\n", i + 1, objs[i]);
	}
	xref = b->len;
	if (xref_stream) {
		lt_buf_putf(b, "6 0 obj\n<< /Type /XRef /Size 7 /W [1 4 1] /Root 1 0 R /Length 0 >>\n"
			       "stream\n\nendstream\nendobj\n");
	} else {
		lt_buf_puts(b, "xref\n0 6\n0000000000 65535 f \n");
		for (int i = 1; i <= 5; i++)
			lt_buf_putf(b, "%010zu 00000 n \n", off[i]);
		lt_buf_putf(b, "trailer\n<< /Size 6 /Root 1 0 R %s>>\n", trailer_extra);
	}
	lt_buf_putf(b, "startxref\n%zu\n%%%%EOF\n", xref);
	assert_int_equal(lt_buf_error(b), 0);
}

/* A PDF written elsewhere: an inherited MediaBox, an annotation already on
 * the page and a direct AcroForm are all kept. */
static void test_sign_foreign_structure(void **state)
{
	lt_pdf_sign_opts o = signer_opts();
	lt_error e = { 0 };
	lt_buf in, out;
	lt_pdf_sigs s;
	const char *upd;

	(void)state;
	lt_buf_init(&in, 1 << 20);
	lt_buf_init(&out, 64u << 20);
	mini_pdf(&in, "", false);
	o.page = 1;
	o.x = 300;
	o.y = 600;
	o.w = 250;
	o.h = 72;
	assert_int_equal(lt_pdf_sign((const uint8_t *)in.ptr, in.len, &o, &out, &e), 0);
	upd = out.ptr + in.len;
	expect_upd(&out, in.len, "/Annots [4 0 R 7 0 R]");
	expect_upd(&out, in.len, "/DA (/Helv 0 Tf 0 g)");
	expect_upd(&out, in.len, "/AcroForm 13 0 R"); /* after sig, widget, form, 2 images + masks */
	expect_upd(&out, in.len, "/Size 14 /Root 1 0 R");
	/* The rectangle, y up on a 792 pt page: the 36 mm seal reaches left of
	 * and above the 72 pt position (its top at 792 - 600 = 192). */
	double r[4];
	const char *rect = memmem(upd, out.len - in.len, "/Rect [", 7);
	assert_non_null(rect);
	assert_int_equal(sscanf(rect, "/Rect [%lf %lf %lf %lf]", &r[0], &r[1], &r[2], &r[3]), 4);
	assert_true(r[0] < 300 && r[2] >= 549.9 && r[3] > 192 && r[1] < 120);
	assert_int_equal(lt_pdf_sigs_find((const uint8_t *)out.ptr, out.len, &s, &e), 0);
	assert_int_equal(s.n, 1);
	assert_true(s.v[0].whole_file);
	lt_pdf_sigs_free(&s);
	if (have("pdfsig")) {
		char *rep = pdfsig(save("mini.pdf", &out));
		assert_non_null(rep);
		expect_in(rep, "Signature is Valid.");
		free(rep);
	}
	lt_buf_free(&in);
	lt_buf_free(&out);
}

static void expect_refusal(const lt_buf *in, const lt_pdf_sign_opts *o, int code,
			   const char *field, const char *en_part)
{
	lt_error e = { 0 };
	lt_buf out;

	lt_buf_init(&out, 64u << 20);
	assert_int_equal(lt_buf_adds(&out, "kept"), 0);
	assert_int_equal(lt_pdf_sign((const uint8_t *)in->ptr, in->len, o, &out, &e), code);
	assert_string_equal(e.field, field);
	if (!strstr(e.en, en_part))
		fail_msg("\"%s\" not in \"%s\"", en_part, e.en);
	assert_true(e.vi[0] != 0 && strcmp(e.vi, e.en) != 0);
	assert_string_equal(lt_buf_cstr(&out), "kept"); /* nothing half-written */
	lt_buf_free(&out);
}

static void test_refusals(void **state)
{
	lt_pdf_sign_opts o = signer_opts();
	lt_buf in;
	static const uint8_t not_png[] = "\x89PNG\r\n\x1a\nnot really";

	(void)state;
	lt_buf_init(&in, 1 << 20);
	assert_int_equal(lt_buf_adds(&in, "Hello, this is not a PDF at all, just text."), 0);
	expect_refusal(&in, &o, LT_EUNSUPPORTED, "pdf", "not a PDF");
	mini_pdf(&in, "/Encrypt 9 0 R ", false);
	expect_refusal(&in, &o, LT_EUNSUPPORTED, "pdf", "encrypted");
	mini_pdf(&in, "", true);
	expect_refusal(&in, &o, LT_EUNSUPPORTED, "pdf", "xref stream");
	/* A cut file: no startxref at its end. */
	lt_buf_reset(&in);
	assert_int_equal(lt_buf_add(&in, report.ptr, report.len / 2), 0);
	expect_refusal(&in, &o, LT_EUNSUPPORTED, "pdf", "startxref");
	/* Options. */
	o.page = 9;
	expect_refusal(&report, &o, LT_EINVAL, "page", "no page 9");
	o = signer_opts();
	o.signer = NULL;
	expect_refusal(&report, &o, LT_EINVAL, "signer", "missing");
	o = signer_opts();
	o.seal_png = not_png;
	o.seal_png_len = sizeof(not_png) - 1;
	expect_refusal(&report, &o, LT_EINVAL, "seal_png", "PNG");
	o = signer_opts();
	o.y = 900;
	expect_refusal(&report, &o, LT_EINVAL, "rect", "off the page");
	o = signer_opts();
	o.look = LT_PDF_LOOK_ATTACHMENT;
	expect_refusal(&report, &o, LT_EINVAL, "doc_number", "missing");
	/* The signer's own error comes back as it was (a wrong PIN here). */
	o = signer_opts();
	signer.fail = LT_EAUTH;
	expect_refusal(&report, &o, LT_EAUTH, "pin", "Wrong PIN");
	signer.fail = 0;
	/* A field name that is taken. */
	{
		lt_error e = { 0 };
		lt_buf one;
		lt_buf_init(&one, 64u << 20);
		o = signer_opts();
		o.look = LT_PDF_LOOK_INVISIBLE;
		o.field = "Chữ ký Chủ tịch";
		assert_int_equal(lt_pdf_sign((const uint8_t *)report.ptr, report.len, &o, &one, &e), 0);
		expect_refusal(&one, &o, LT_EEXIST, "field", "already has a signature field");
		lt_buf_free(&one);
	}
	lt_buf_free(&in);
}

/* The verifier on what is not a signature, and on a forged byte range. */
static void test_verify_odd_input(void **state)
{
	lt_pdf_sign_opts o = signer_opts();
	lt_error e = { 0 };
	lt_buf out;
	lt_pdf_sigs s;
	char *br;

	(void)state;
	assert_int_equal(lt_pdf_sigs_find((const uint8_t *)"GIF89a", 6, &s, &e), LT_EINVAL);
	lt_pdf_sigs_free(&s);
	assert_int_equal(lt_pdf_sigs_find((const uint8_t *)report.ptr, report.len, &s, &e), 0);
	assert_int_equal(s.n, 0); /* unsigned is not an error */
	lt_pdf_sigs_free(&s);
	lt_buf_init(&out, 64u << 20);
	o.look = LT_PDF_LOOK_INVISIBLE;
	assert_int_equal(lt_pdf_sign((const uint8_t *)report.ptr, report.len, &o, &out, &e), 0);
	/* Move the gap: the second range now starts one byte late (same width). */
	br = memmem(out.ptr + report.len, out.len - report.len, "/ByteRange [0 ", 14);
	assert_non_null(br);
	size_t a, b, c;
	assert_int_equal(sscanf(br, "/ByteRange [0 %zu %zu %zu", &a, &b, &c), 3);
	char fake[64];
	int len = snprintf(fake, sizeof(fake), "0 %zu %zu %zu", a, b + 1, c - 1);
	memset(br + 12, ' ', 34);
	memcpy(br + 12, fake, (size_t)len);
	assert_int_equal(lt_pdf_sigs_find((const uint8_t *)out.ptr, out.len, &s, &e), 0);
	assert_int_equal(s.n, 1);
	assert_false(s.v[0].ranges_ok);
	assert_int_equal(lt_pdf_sig_check(&s.v[0], out.len, &e), LT_EINVAL);
	assert_string_equal(e.field, "byte_range");
	lt_pdf_sigs_free(&s);
	lt_buf_free(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sign_keeps_revision_and_verifies),
		cmocka_unit_test(test_appearance_signer),
		cmocka_unit_test(test_appearance_attachment),
		cmocka_unit_test(test_second_signature),
		cmocka_unit_test(test_changed_after_signing),
		cmocka_unit_test(test_reserve_retry),
		cmocka_unit_test(test_sign_foreign_structure),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_verify_odd_input),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
