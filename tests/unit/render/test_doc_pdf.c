/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Tests for src/render/doc_pdf.c (and the model in doc.c): a district
 * report in the Nghị định 30/2020 layout, checked with poppler's pdfinfo
 * and pdftotext as a reader would see it.
 *
 * LT_TEST_PNG_DIR (optional): also save pages 1 and 2 as PNG there.
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include <utf8proc.h>

#include "render/doc.h"
#include "render/doc_pdf.h"
#include "render/vndate.h"
#include "shell_helpers.h"

/* --- NFD feeding: every string handed to the model can be decomposed. --- */
static bool nfd_mode;
static char *pool[4096];
static size_t npool;

static const char *S(const char *s)
{
	char *r;

	if (!nfd_mode || !s)
		return s;
	r = (char *)utf8proc_NFD((const utf8proc_uint8_t *)s);
	assert_non_null(r);
	assert_true(npool < sizeof(pool) / sizeof(pool[0]));
	pool[npool++] = r;
	return r;
}

static void pool_free(void)
{
	while (npool)
		free(pool[--npool]);
}

static const char *const units[] = {
	"Công ty TNHH Nhựa Hà Nội", "Công ty CP Gốm sứ Bát Tràng", "Trường THCS Kiêu Kỵ",
	"Trường Tiểu học Đa Tốn", "Trường Mầm non Dương Xá", "UBND xã Phù Đổng",
	"Trạm Y tế xã Đặng Xá", "Công ty TNHH May Đức Giang – Gia Lâm",
	"Trường THCS Trâu Quỳ", "Công ty CP Đầu tư Xây dựng Yên Viên",
	"Trường Tiểu học Cổ Bi", "UBND xã Ninh Hiệp", "Trường Mầm non Hoa Sữa",
	"Công ty TNHH Thực phẩm Đình Xuyên", "Trường THCS Lệ Chi", "Trạm Y tế xã Kim Sơn",
	"Trường Tiểu học Dương Quang", "Công ty CP Vận tải Văn Đức", "UBND xã Đông Dư",
	"Trường THCS Kim Lan", "Trường Mầm non Yên Thường", "Bệnh viện Đa khoa huyện Gia Lâm",
	"Trung tâm Văn hóa – Thông tin và Thể thao huyện", "Công ty TNHH Điện tử Phú Thị",
	"Trường THPT Nguyễn Văn Cừ", "Chi nhánh Điện lực Gia Lâm",
	"Kho bạc Nhà nước Gia Lâm", "Công ty CP Cơ khí Dương Hà", "Trường THCS Trung Mầu",
	"Công đoàn Giáo dục huyện",
};
#define NUNITS (sizeof(units) / sizeof(units[0]))

static const char *num(lt_buf *b, int64_t v)
{
	lt_buf_reset(b);
	assert_int_equal(lt_vndate_format_number(b, v), 0);
	return lt_buf_cstr(b);
}

static void add_table(lt_doc *d)
{
	static const char *const hdr[] = { "STT", "Đơn vị", "Tin, bài", "Lượt xem",
					   "Lượt chia sẻ", "Ý kiến phản hồi",
					   "Kinh phí chăm lo (đồng)" };
	static const double w[] = { 0.7, 3.6, 0.8, 1.2, 1.1, 1.0, 1.6 };
	static const bool numeric[] = { true, false, true, true, true, true, true };
	const char *hdr_s[7];
	lt_doc_table *t = NULL;
	lt_buf b[7];
	int64_t tot[7] = { 0 };
	lt_error e;

	for (int i = 0; i < 7; i++) {
		hdr_s[i] = S(hdr[i]);
		lt_buf_init(&b[i], 256);
	}
	assert_int_equal(lt_doc_add_table(d, 7, hdr_s, w, numeric, &t, &e), 0);
	for (size_t r = 0; r < NUNITS; r++) {
		const char *cells[7];
		int64_t v[7];
		v[2] = 3 + (int64_t)(r * 7 % 11);
		/* Views add up to 1.234.567 exactly: the last unit takes the rest. */
		v[3] = r + 1 < NUNITS ? 20000 + (int64_t)(r * 3571 % 40000) : 1234567 - tot[3];
		v[4] = 150 + (int64_t)(r * 97 % 900);
		v[5] = (int64_t)(r * 5 % 13);
		v[6] = 5000000 + (int64_t)(r * 1250000 % 30000000);
		for (int c = 2; c < 7; c++)
			tot[c] += v[c];
		cells[0] = num(&b[0], (int64_t)r + 1);
		cells[1] = S(units[r]);
		for (int c = 2; c < 7; c++)
			cells[c] = num(&b[c], v[c]);
		assert_int_equal(lt_doc_table_add_row(d, t, cells, false, &e), 0);
	}
	{
		const char *cells[7] = { "", S("Tổng cộng") };
		for (int c = 2; c < 7; c++)
			cells[c] = num(&b[c], tot[c]);
		assert_int_equal(lt_doc_table_add_row(d, t, cells, true, &e), 0);
	}
	assert_int_equal(tot[3], 1234567);
	for (int i = 0; i < 7; i++)
		lt_buf_free(&b[i]);
}

/* The district report on letter 42/LĐLĐ, as in the reference case. */
static lt_doc *build_report(void)
{
	lt_doc *d = NULL;
	lt_doc_block *p = NULL;
	lt_error e;

	assert_int_equal(lt_doc_new(&d, LT_DOC_REPORT, &e), 0);
	assert_int_equal(lt_doc_set_header(d, S("LĐLĐ thành phố Hà Nội"),
					   S("Liên đoàn Lao động huyện Gia Lâm"),
					   S("15/BC-LĐLĐ"), &e), 0);
	assert_int_equal(lt_doc_set_place_date(d, S("Gia Lâm"), "2024-02-05", &e), 0);
	assert_int_equal(lt_doc_set_title(d, S("Báo cáo"),
		S("Kết quả truyền thông các hoạt động chăm lo đoàn viên, người lao động "
		  "dịp Tết Giáp Thìn 2024"), &e), 0);
	assert_int_equal(lt_doc_add_recipient(d, S("Liên đoàn Lao động thành phố Hà Nội"), &e), 0);
	assert_int_equal(lt_doc_begin_paragraph(d, NULL, &p, &e), 0);
	assert_int_equal(lt_doc_add_run(d, p, S("Thực hiện Công văn số 42/LĐLĐ ngày 18/01/2024 "
		"của Liên đoàn Lao động huyện về việc truyền thông các hoạt động chăm lo đoàn viên, "
		"NLĐ dịp Tết Giáp Thìn 2024 theo phương châm "), 0, &e), 0);
	assert_int_equal(lt_doc_add_run(d, p, S("“Tất cả đoàn viên, người lao động đều có Tết”"),
					LT_RUN_ITALIC, &e), 0);
	assert_int_equal(lt_doc_add_run(d, p, S(", Liên đoàn Lao động huyện Gia Lâm báo cáo kết "
		"quả thực hiện như sau:"), 0, &e), 0);
	assert_int_equal(lt_doc_add_heading(d, 1, S("I. KẾT QUẢ THỰC HIỆN"), &e), 0);
	assert_int_equal(lt_doc_add_heading(d, 2, S("1. Số liệu tổng hợp"), &e), 0);
	assert_int_equal(lt_doc_add_paragraph(d, S("Tính đến ngày 05/02/2024, 30/30 công đoàn cơ "
		"sở đã gửi báo cáo qua địa chỉ gialam@congdoanhanoi.org.vn. Số liệu của từng đơn vị "
		"như sau:"), &e), 0);
	add_table(d);
	assert_int_equal(lt_doc_add_heading(d, 2, S("2. Truyền thông về tổng kết 10 năm Chương "
		"trình “Tết Sum vầy”"), &e), 0);
	assert_int_equal(lt_doc_add_bullet(d, "-", S("Các đơn vị đã đăng tải 214 tin, bài về những "
		"con số tiêu biểu, mô hình và cách làm hiệu quả trong 10 năm triển khai Chương "
		"trình; nhiều bài viết được chia sẻ lại trên trang của Liên đoàn Lao động thành phố."),
		&e), 0);
	assert_int_equal(lt_doc_add_bullet(d, "-", S("Phản ánh đánh giá của đoàn viên, người lao "
		"động, cấp ủy, chính quyền và người sử dụng lao động về Chương trình."), &e), 0);
	assert_int_equal(lt_doc_add_heading(d, 2, S("3. “Chợ Tết Công đoàn năm 2024”"), &e), 0);
	assert_int_equal(lt_doc_add_paragraph(d, S("Các công đoàn cơ sở tổ chức 46 gian hàng 0 "
		"đồng, tư vấn pháp luật, tư vấn sức khỏe và tặng quà cho đoàn viên, người lao động "
		"có hoàn cảnh khó khăn; giới thiệu Chợ Tết Công đoàn trực tuyến trên sàn thương mại "
		"điện tử với 1.120 lượt người lao động tham gia mua sắm."), &e), 0);
	assert_int_equal(lt_doc_add_heading(d, 2, S("4. Hành trình Tết Công đoàn - Xuân 2024"), &e), 0);
	assert_int_equal(lt_doc_add_paragraph(d, S("Phối hợp tổ chức 4 chuyến xe miễn phí đưa 162 "
		"đoàn viên, công nhân lao động có hoàn cảnh khó khăn về quê đón Tết; ghi lại nhiều "
		"câu chuyện cảm động trên các chuyến xe."), &e), 0);
	assert_int_equal(lt_doc_add_heading(d, 2, S("5. Chương trình “Tết Sum vầy - Xuân chia sẻ”"),
					    &e), 0);
	assert_int_equal(lt_doc_add_paragraph(d, S("Lãnh đạo Huyện ủy, UBND huyện và Liên đoàn Lao "
		"động huyện thăm, tặng 850 suất quà cho đoàn viên, người lao động không có điều "
		"kiện về quê đón Tết; tổng kinh phí chăm lo của toàn huyện được tổng hợp tại bảng "
		"trên."), &e), 0);
	assert_int_equal(lt_doc_add_heading(d, 1, S("II. Ý KIẾN PHẢN HỒI CỦA ĐOÀN VIÊN, NGƯỜI LAO "
		"ĐỘNG"), &e), 0);
	assert_int_equal(lt_doc_add_paragraph(d, S("Tổng hợp 150 ý kiến phản hồi, chủ yếu về tiền "
		"lương, thưởng Tết, việc làm sau Tết và phúc lợi; 12 ý kiến đã được chuyển tới "
		"người sử dụng lao động và cơ quan chức năng để giải quyết."), &e), 0);
	assert_int_equal(lt_doc_add_heading(d, 1, S("III. ĐÁNH GIÁ CHUNG VÀ ĐỀ XUẤT"), &e), 0);
	assert_int_equal(lt_doc_add_paragraph(d, S("Công tác truyền thông được triển khai kịp "
		"thời, lan tỏa rộng rãi. Đề nghị Liên đoàn Lao động thành phố tiếp tục hỗ trợ các "
		"đơn vị về nội dung và kỹ năng truyền thông trên mạng xã hội."), &e), 0);
	assert_int_equal(lt_doc_add_cc(d, S("LĐLĐ Thành phố (để b/c);"), &e), 0);
	assert_int_equal(lt_doc_add_cc(d, S("Thường trực Huyện ủy (để b/c);"), &e), 0);
	assert_int_equal(lt_doc_add_cc(d, S("Lưu: VT."), &e), 0);
	assert_int_equal(lt_doc_set_signer(d, S("TM. Ban Thường vụ"), S("Chủ tịch"),
					   S("Nguyễn Đức Thê"), S("(Đã ký)"), &e), 0);
	assert_int_equal(lt_doc_set_footer(d, "SHA-256: 3f5a9c0e7b1d2f4a6c8e0b2d4f6a8c0e"
					   "1b3d5f7a9c1e3b5d7f9a1c3e5b7d9f1a", false, &e), 0);
	return d;
}

/* --- Files for the poppler checks (shell_helpers.h runs the tools). --- */

static char tmpdir[64];

static void write_file(const char *path, const lt_buf *b)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(b->ptr, 1, b->len, f), b->len);
	assert_int_equal(fclose(f), 0);
}

static int setup(void **state)
{
	(void)state;
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/lt_doc_pdf_XXXXXX");
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

/* Render the report (NFD-fed when nfd) to tmpdir/name.pdf. */
static void render_to(const char *path, bool nfd)
{
	lt_doc *d;
	lt_buf out;
	lt_error e;

	nfd_mode = nfd;
	d = build_report();
	lt_buf_init(&out, 64 << 20);
	lt_error_clear(&e);
	assert_int_equal(lt_doc_render_pdf(d, &out, &e), 0);
	assert_true(out.len > 1000);
	assert_memory_equal(out.ptr, "%PDF-", 5);
	write_file(path, &out);
	lt_buf_free(&out);
	lt_doc_free(d);
	pool_free();
	nfd_mode = false;
}

static void test_pdf_is_a4_and_paginated(void **state)
{
	char path[128], cmd[256], *info;
	int pages = 0;
	const char *p;

	(void)state;
	if (!have("pdfinfo"))
		skip();
	snprintf(path, sizeof(path), "%s/report.pdf", tmpdir);
	render_to(path, false);
	snprintf(cmd, sizeof(cmd), "pdfinfo '%s'", path);
	info = run(cmd);
	assert_non_null(info);
	assert_non_null(strstr(info, "595.276 x 841.89 pts (A4)"));
	assert_non_null(strstr(info, "Creator:         lantoa"));
	assert_non_null(strstr(info, "Title:           BÁO CÁO Kết quả truyền thông"));
	p = strstr(info, "Pages:");
	assert_non_null(p);
	pages = atoi(p + 6);
	assert_true(pages >= 2);
	free(info);
}

/* What a reader sees, with NFD input: the model composes before rendering. */
static void check_text(bool nfd)
{
	char path[128], cmd[256], *txt, *p2;

	if (!have("pdftotext"))
		skip();
	snprintf(path, sizeof(path), "%s/report_%d.pdf", tmpdir, nfd);
	render_to(path, nfd);
	snprintf(cmd, sizeof(cmd), "pdftotext '%s' -", path);
	txt = run(cmd);
	assert_non_null(txt);
	squash(txt);
	assert_non_null(strstr(txt, "LĐLĐ THÀNH PHỐ HÀ NỘI"));
	assert_non_null(strstr(txt, "LIÊN ĐOÀN LAO ĐỘNG HUYỆN GIA LÂM"));
	assert_non_null(strstr(txt, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
	assert_non_null(strstr(txt, "Độc lập - Tự do - Hạnh phúc"));
	assert_non_null(strstr(txt, "Số: 15/BC-LĐLĐ"));
	assert_non_null(strstr(txt, "Gia Lâm, ngày 05 tháng 02 năm 2024"));
	assert_non_null(strstr(txt, "BÁO CÁO"));
	assert_non_null(strstr(txt, "Kính gửi: Liên đoàn Lao động thành phố Hà Nội"));
	assert_non_null(strstr(txt, "1.234.567"));
	assert_non_null(strstr(txt, "Trường Tiểu học Dương Quang"));
	assert_non_null(strstr(txt, "II. Ý KIẾN PHẢN HỒI CỦA ĐOÀN VIÊN"));
	assert_non_null(strstr(txt, "TM. BAN THƯỜNG VỤ"));
	assert_non_null(strstr(txt, "CHỦ TỊCH"));
	assert_non_null(strstr(txt, "Nguyễn Đức Thê"));
	assert_non_null(strstr(txt, "Nơi nhận:"));
	assert_non_null(strstr(txt, "SHA-256: 3f5a9c0e"));
	/* No decomposed "a + combining circumflex" may survive. */
	assert_null(strstr(txt, "a\xcc\x82"));
	free(txt);
	/* Page 2 carries its number at the top; page 1 carries none. */
	snprintf(cmd, sizeof(cmd), "pdftotext -f 2 -l 2 '%s' -", path);
	p2 = run(cmd);
	assert_non_null(p2);
	assert_int_equal(strncmp(squash(p2), "2 ", 2), 0);
	free(p2);
	snprintf(cmd, sizeof(cmd), "pdftotext -f 1 -l 1 '%s' -", path);
	p2 = run(cmd);
	assert_non_null(p2);
	assert_int_equal(strncmp(squash(p2), "LĐLĐ", strlen("LĐLĐ")), 0);
	free(p2);
}

static void test_pdf_text_nfc_input(void **state)
{
	(void)state;
	check_text(false);
}

static void test_pdf_text_nfd_input(void **state)
{
	(void)state;
	check_text(true);
}

/* The table header repeats on the page where the table continues. */
static void test_pdf_table_header_repeats(void **state)
{
	char path[128], cmd[256], *txt;
	int pages, n = 0;

	(void)state;
	if (!have("pdftotext"))
		skip();
	snprintf(path, sizeof(path), "%s/repeat.pdf", tmpdir);
	render_to(path, false);
	/* The 31-row table starts on page 1 and ends on page 2. */
	for (pages = 1; pages <= 2; pages++) {
		snprintf(cmd, sizeof(cmd), "pdftotext -f %d -l %d '%s' -", pages, pages, path);
		txt = run(cmd);
		assert_non_null(txt);
		if (strstr(squash(txt), "Kinh phí chăm lo (đồng)"))
			n++;
		free(txt);
	}
	assert_int_equal(n, 2);
}

static void test_pdf_pngs(void **state)
{
	const char *dir = getenv("LT_TEST_PNG_DIR");
	char path[256], cmd[768];

	(void)state;
	if (!dir || !have("pdftoppm"))
		skip();
	snprintf(path, sizeof(path), "%s/doc_report.pdf", dir);
	render_to(path, false);
	snprintf(cmd, sizeof(cmd), "pdftoppm -png -r 80 -f 1 -l 2 '%s' '%s/doc_report_page'",
		 path, dir);
	assert_int_equal(system(cmd), 0);
}

/* A công văn: no title, "V/v" under the number, several recipients as a list. */
static void test_pdf_directive(void **state)
{
	const char *dir = getenv("LT_TEST_PNG_DIR");
	char path[256], cmd[768], *txt;
	lt_doc *d = NULL;
	lt_buf out;
	lt_error e;

	(void)state;
	if (!have("pdftotext"))
		skip();
	assert_int_equal(lt_doc_new(&d, LT_DOC_DIRECTIVE, &e), 0);
	assert_int_equal(lt_doc_set_header(d, "LĐLĐ thành phố Hà Nội",
					   "Liên đoàn Lao động huyện Gia Lâm", "42/LĐLĐ", &e), 0);
	assert_int_equal(lt_doc_set_place_date(d, "Gia Lâm", "2024-01-18", &e), 0);
	assert_int_equal(lt_doc_set_title(d, NULL, "V/v truyền thông các hoạt động chăm lo "
					  "đoàn viên, NLĐ dịp Tết Giáp Thìn 2024", &e), 0);
	assert_int_equal(lt_doc_add_recipient(d, "Ban Chấp hành Công đoàn cơ sở trực thuộc", &e), 0);
	assert_int_equal(lt_doc_add_recipient(d, "Các Công đoàn ngành huyện", &e), 0);
	assert_int_equal(lt_doc_add_paragraph(d, "Liên đoàn Lao động huyện đề nghị Ban Chấp hành "
		"Công đoàn cơ sở truyền thông các hoạt động cao điểm chăm lo cho đoàn viên, người "
		"lao động trong dịp Tết Nguyên đán Giáp Thìn.", &e), 0);
	assert_int_equal(lt_doc_add_cc(d, "Như kính gửi; (để thực hiện)", &e), 0);
	assert_int_equal(lt_doc_add_cc(d, "Lưu VP.", &e), 0);
	assert_int_equal(lt_doc_set_signer(d, "TM. Ban Thường vụ", "Chủ tịch", "Nguyễn Đức Thê",
					   NULL, &e), 0);
	lt_buf_init(&out, 16 << 20);
	assert_int_equal(lt_doc_render_pdf(d, &out, &e), 0);
	snprintf(path, sizeof(path), "%s/cong_van.pdf", dir ? dir : tmpdir);
	write_file(path, &out);
	snprintf(cmd, sizeof(cmd), "pdftotext '%s' -", path);
	txt = run(cmd);
	assert_non_null(txt);
	squash(txt);
	assert_non_null(strstr(txt, "Số: 42/LĐLĐ"));
	assert_non_null(strstr(txt, "V/v truyền thông các hoạt động chăm lo"));
	assert_non_null(strstr(txt, "Gia Lâm, ngày 18 tháng 01 năm 2024"));
	assert_non_null(strstr(txt, "Kính gửi:"));
	assert_non_null(strstr(txt, "- Ban Chấp hành Công đoàn cơ sở trực thuộc;"));
	assert_non_null(strstr(txt, "- Các Công đoàn ngành huyện."));
	assert_null(strstr(txt, "BÁO CÁO"));
	free(txt);
	if (dir && have("pdftoppm")) {
		snprintf(cmd, sizeof(cmd), "pdftoppm -png -r 80 -f 1 -l 1 '%s' '%s/doc_cong_van_page'",
			 path, dir);
		assert_int_equal(system(cmd), 0);
	}
	lt_buf_free(&out);
	lt_doc_free(d);
}

/* Server threads render at once: each call owns its surface and layouts, the
 * PangoContext is per thread. Every thread must produce the same document. */
#define NTHREADS 4

struct job {
	const lt_doc *d;
	lt_buf out;
	int rc;
};

static void *render_job(void *arg)
{
	struct job *j = arg;

	for (int i = 0; i < 3 && !j->rc; i++) {
		lt_buf_reset(&j->out);
		j->rc = lt_doc_render_pdf(j->d, &j->out, NULL);
	}
	return NULL;
}

static char *pdf_text(const lt_buf *b, const char *name)
{
	char path[128], cmd[256];

	snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
	write_file(path, b);
	snprintf(cmd, sizeof(cmd), "pdftotext '%s' -", path);
	return run(cmd);
}

static void test_pdf_threads(void **state)
{
	pthread_t th[NTHREADS];
	struct job jobs[NTHREADS];
	lt_buf ref;
	lt_doc *d;
	char *want;

	(void)state;
	if (!have("pdftotext"))
		skip();
	d = build_report();
	lt_buf_init(&ref, 64 << 20);
	assert_int_equal(lt_doc_render_pdf(d, &ref, NULL), 0);
	want = pdf_text(&ref, "ref.pdf");
	assert_non_null(want);
	for (int i = 0; i < NTHREADS; i++) {
		jobs[i].d = d;
		jobs[i].rc = 0;
		lt_buf_init(&jobs[i].out, 64 << 20);
		assert_int_equal(pthread_create(&th[i], NULL, render_job, &jobs[i]), 0);
	}
	for (int i = 0; i < NTHREADS; i++) {
		char name[32], *got;

		assert_int_equal(pthread_join(th[i], NULL), 0);
		assert_int_equal(jobs[i].rc, 0);
		/* Same pages and text; bytes may differ in sub-point word spacing
		 * of justified lines (per-thread font caches round differently). */
		snprintf(name, sizeof(name), "thread%d.pdf", i);
		got = pdf_text(&jobs[i].out, name);
		assert_non_null(got);
		assert_string_equal(got, want);
		free(got);
		lt_buf_free(&jobs[i].out);
	}
	free(want);
	lt_buf_free(&ref);
	lt_doc_free(d);
}

static void test_model_rejects_bad_input(void **state)
{
	lt_doc *d = NULL;
	lt_doc_table *t = NULL;
	lt_buf out;
	lt_error e;
	const char *h[2] = { "a", "b" };
	const double badw[2] = { 1, 0 };

	(void)state;
	lt_buf_init(&out, 1 << 20);
	assert_int_equal(lt_doc_new(&d, LT_DOC_REPORT, &e), 0);
	assert_int_equal(lt_doc_set_place_date(d, "Gia Lâm", "2024-02-30", &e), LT_EINVAL);
	assert_string_equal(e.field, "date");
	assert_int_equal(lt_doc_set_header(d, NULL, "LĐLĐ\xc3\x28", "1", &e), LT_EINVAL);
	assert_string_equal(e.field, "issuer");
	assert_int_equal(lt_doc_add_heading(d, 4, "x", &e), LT_EINVAL);
	assert_int_equal(lt_doc_add_table(d, 2, h, badw, NULL, &t, &e), LT_EINVAL);
	assert_int_equal(lt_doc_add_table(d, 0, h, NULL, NULL, &t, &e), LT_EINVAL);
	/* Rendering an incomplete document names what is missing. */
	lt_error_clear(&e);
	assert_int_equal(lt_doc_render_pdf(d, &out, &e), LT_EINVAL);
	assert_string_equal(e.field, "issuer");
	assert_int_equal(out.len, 0);
	/* Bodies are stored upper-cased, NFC. */
	assert_int_equal(lt_doc_set_header(d, "ldld thành phố hà nội", "Liên đoàn lao động "
					   "huye\xcc\xa3\xcc\x82n Gia Lâm", "15/BC-LĐLĐ", &e), 0);
	assert_string_equal(d->parent_body, "LDLD THÀNH PHỐ HÀ NỘI");
	assert_string_equal(d->issuer, "LIÊN ĐOÀN LAO ĐỘNG HUYỆN GIA LÂM");
	lt_doc_free(d);
	lt_buf_free(&out);
}

/* A small output cap is honoured with LT_ETOOBIG, not a crash or a truncated "success". */
static void test_pdf_cap(void **state)
{
	lt_doc *d;
	lt_buf out;
	lt_error e;

	(void)state;
	d = build_report();
	lt_buf_init(&out, 4096);
	lt_error_clear(&e);
	assert_int_equal(lt_doc_render_pdf(d, &out, &e), LT_ETOOBIG);
	lt_buf_free(&out);
	lt_doc_free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_model_rejects_bad_input),
		cmocka_unit_test(test_pdf_is_a4_and_paginated),
		cmocka_unit_test(test_pdf_text_nfc_input),
		cmocka_unit_test(test_pdf_text_nfd_input),
		cmocka_unit_test(test_pdf_table_header_repeats),
		cmocka_unit_test(test_pdf_directive),
		cmocka_unit_test(test_pdf_threads),
		cmocka_unit_test(test_pdf_cap),
		cmocka_unit_test(test_pdf_pngs),
	};
	lt_error e;

	lt_error_clear(&e);
	if (lt_doc_pdf_init(&e) != 0) {
		fprintf(stderr, "%s\n", e.en);
		return 1;
	}
	return cmocka_run_group_tests(tests, setup, teardown);
}
