/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * bench_render — a 500-unit district report rendered by lt_doc_render_pdf,
 * against LibreOffice converting the same report (our DOCX) to PDF.
 * Requirement: ours at least 20× faster.
 *
 * Usage: bench_render [RESULTS.md] [pdf runs]
 * Prints a markdown section and, when RESULTS.md is given, puts it there
 * under "## Document rendering (500-unit district report)", replacing that
 * section only. Exit status 1 if the 20× requirement is not met.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "render/doc.h"
#include "render/doc_docx.h"
#include "render/doc_pdf.h"
#include "render/vndate.h"
#include "results.h"

#define NUNITS 500
#define SECTION "## Document rendering (500-unit district report)"

static const char *const communes[] = {
	"Bát Tràng", "Kiêu Kỵ", "Đa Tốn", "Dương Xá", "Phú Thị", "Đặng Xá", "Cổ Bi",
	"Trâu Quỳ", "Yên Viên", "Đình Xuyên", "Dương Hà", "Ninh Hiệp", "Phù Đổng",
	"Trung Mầu", "Lệ Chi", "Kim Sơn", "Dương Quang", "Văn Đức", "Đông Dư", "Kim Lan",
	"Yên Thường", "Yên Viên", "Kim Đức",
};
static const char *const kinds[] = {
	"Trường Mầm non", "Trường Tiểu học", "Trường THCS", "Trạm Y tế xã",
	"Công ty TNHH Cơ khí", "Công ty CP Thương mại", "Hợp tác xã Dịch vụ Nông nghiệp",
	"Công ty TNHH May mặc", "Công ty CP Gốm sứ", "UBND xã", "Công ty TNHH Thực phẩm",
};

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof(*v), cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

#define CK(x)                                                                   \
	do {                                                                    \
		if ((x) != 0) {                                                 \
			fprintf(stderr, "bench_render: %s failed: %s\n", #x, e.en); \
			exit(2);                                                \
		}                                                               \
	} while (0)

static const char *lorem[] = {
	"Các công đoàn cơ sở đã đăng tải tin, bài về những con số tiêu biểu, mô hình và cách "
	"làm hiệu quả trong 10 năm triển khai Chương trình “Tết Sum vầy”; nhiều bài viết được "
	"chia sẻ lại trên trang của Liên đoàn Lao động thành phố.",
	"Tổ chức gian hàng 0 đồng, tư vấn pháp luật, tư vấn sức khỏe và tặng quà cho đoàn viên, "
	"người lao động có hoàn cảnh khó khăn; giới thiệu Chợ Tết Công đoàn trực tuyến trên sàn "
	"thương mại điện tử.",
	"Phối hợp tổ chức các chuyến xe miễn phí đưa đoàn viên, công nhân lao động có hoàn cảnh "
	"khó khăn về quê đón Tết; ghi lại nhiều câu chuyện cảm động trên các chuyến xe.",
	"Lãnh đạo Huyện ủy, UBND huyện và Liên đoàn Lao động huyện thăm, tặng quà cho đoàn viên, "
	"người lao động không có điều kiện về quê đón Tết.",
};

static lt_doc *build(void)
{
	static const char *const hdr[] = { "STT", "Đơn vị", "Tin, bài", "Lượt xem",
					   "Lượt chia sẻ", "Ý kiến phản hồi",
					   "Người được hỗ trợ", "Kinh phí (đồng)" };
	static const double w[] = { 0.8, 3.6, 0.9, 1.2, 1.1, 1.1, 1.1, 1.7 };
	static const bool numeric[] = { true, false, true, true, true, true, true, true };
	static const char *const themes[] = {
		"1. Tổng kết 10 năm Chương trình “Tết Sum vầy”",
		"2. “Chợ Tết Công đoàn năm 2024”",
		"3. Hành trình Tết Công đoàn - Xuân 2024",
		"4. Chương trình “Tết Sum vầy - Xuân chia sẻ”",
	};
	lt_doc *d = NULL;
	lt_doc_table *t = NULL;
	lt_error e;
	lt_buf b[8], name;
	int64_t tot[8] = { 0 };

	lt_error_clear(&e);
	CK(lt_doc_new(&d, LT_DOC_REPORT, &e));
	CK(lt_doc_set_header(d, "LĐLĐ thành phố Hà Nội", "Liên đoàn Lao động huyện Gia Lâm",
			     "15/BC-LĐLĐ", &e));
	CK(lt_doc_set_place_date(d, "Gia Lâm", "2024-02-05", &e));
	CK(lt_doc_set_title(d, "Báo cáo", "Kết quả truyền thông các hoạt động chăm lo đoàn viên, "
			    "người lao động dịp Tết Giáp Thìn 2024", &e));
	CK(lt_doc_add_recipient(d, "Liên đoàn Lao động thành phố Hà Nội", &e));
	CK(lt_doc_add_paragraph(d, "Thực hiện Công văn số 42/LĐLĐ ngày 18/01/2024 của Liên đoàn "
		"Lao động huyện, Liên đoàn Lao động huyện Gia Lâm báo cáo kết quả như sau:", &e));
	CK(lt_doc_add_heading(d, 1, "I. SỐ LIỆU TỔNG HỢP", &e));
	CK(lt_doc_add_table(d, 8, hdr, w, numeric, &t, &e));
	for (int i = 0; i < 8; i++)
		lt_buf_init(&b[i], 64);
	lt_buf_init(&name, 256);
	for (int r = 0; r < NUNITS; r++) {
		const char *cells[8];
		int64_t v[8];
		v[2] = 2 + r * 7 % 19;
		v[3] = 1500 + (int64_t)r * 3571 % 40000;
		v[4] = 40 + r * 97 % 900;
		v[5] = r * 5 % 13;
		v[6] = 20 + r * 31 % 400;
		v[7] = 2000000 + (int64_t)r * 1250000 % 60000000;
		lt_buf_reset(&name);
		lt_buf_putf(&name, "%s %s%s", kinds[r % 11], communes[r % 23],
			      r >= 253 ? " II" : "");
		cells[1] = lt_buf_cstr(&name);
		for (int c = 0; c < 8; c++) {
			if (c == 1)
				continue;
			lt_buf_reset(&b[c]);
			if (lt_vndate_format_number(&b[c], c == 0 ? r + 1 : v[c]))
				exit(1);
			cells[c] = lt_buf_cstr(&b[c]);
			if (c >= 2)
				tot[c] += v[c];
		}
		CK(lt_doc_table_add_row(d, t, cells, false, &e));
	}
	{
		const char *cells[8] = { "", "Tổng cộng" };
		for (int c = 2; c < 8; c++) {
			lt_buf_reset(&b[c]);
			if (lt_vndate_format_number(&b[c], tot[c]))
				exit(1);
			cells[c] = lt_buf_cstr(&b[c]);
		}
		CK(lt_doc_table_add_row(d, t, cells, true, &e));
	}
	CK(lt_doc_add_heading(d, 1, "II. KẾT QUẢ THEO CHỦ ĐỀ", &e));
	for (int k = 0; k < 4; k++) {
		CK(lt_doc_add_heading(d, 2, themes[k], &e));
		for (int j = 0; j < 3; j++)
			CK(lt_doc_add_bullet(d, "-", lorem[(k + j) % 4], &e));
		CK(lt_doc_add_paragraph(d, lorem[k], &e));
	}
	CK(lt_doc_add_cc(d, "LĐLĐ Thành phố (để b/c);", &e));
	CK(lt_doc_add_cc(d, "Lưu: VT.", &e));
	CK(lt_doc_set_signer(d, "TM. Ban Thường vụ", "Chủ tịch", "Nguyễn Đức Thê", "(Đã ký)", &e));
	for (int i = 0; i < 8; i++)
		lt_buf_free(&b[i]);
	lt_buf_free(&name);
	return d;
}

/* The 1-minute load average: other work on the machine skews both timings. */
static double loadavg(void)
{
	FILE *f = fopen("/proc/loadavg", "r");
	double l = -1;

	if (f) {
		if (fscanf(f, "%lf", &l) != 1)
			l = -1;
		fclose(f);
	}
	return l;
}

static void cpu_model(char *out, size_t n)
{
	FILE *f = fopen("/proc/cpuinfo", "r");
	char line[512];

	snprintf(out, n, "unknown");
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		char *c = strchr(line, ':');
		if (strncmp(line, "model name", 10) == 0 && c) {
			c += 2;
			c[strcspn(c, "\n")] = '\0';
			snprintf(out, n, "%s", c);
			break;
		}
	}
	fclose(f);
}

int main(int argc, char **argv)
{
	const char *results = argc > 1 ? argv[1] : NULL;
	int runs = argc > 2 ? atoi(argv[2]) : 10;
	char dir[] = "/tmp/lt_bench_render_XXXXXX", path[256], cmd[1024], cpu[256];
	double pdf_ms[64], lo_ms[3], t0, first, pdf_med, lo_med = 0;
	size_t pdf_size = 0, docx_size = 0;
	int pages = 0, lo_runs = 0;
	lt_buf out, section;
	lt_error e;
	lt_doc *d;
	FILE *f;
	double t_build;

	if (runs < 1 || runs > 64)
		runs = 10;
	lt_error_clear(&e);
	CK(lt_doc_pdf_init(&e));
	t0 = now_ms();
	d = build();
	t_build = now_ms() - t0;
	lt_buf_init(&out, 256 << 20);
	/* First call separately: it loads the fonts into the thread's font map. */
	t0 = now_ms();
	CK(lt_doc_render_pdf(d, &out, &e));
	first = now_ms() - t0;
	for (int i = 0; i < runs; i++) {
		lt_buf_reset(&out);
		t0 = now_ms();
		CK(lt_doc_render_pdf(d, &out, &e));
		pdf_ms[i] = now_ms() - t0;
	}
	pdf_size = out.len;
	if (!mkdtemp(dir))
		return 2;
	snprintf(path, sizeof(path), "%s/report.pdf", dir);
	f = fopen(path, "wb");
	if (f) {
		fwrite(out.ptr, 1, out.len, f);
		fclose(f);
		snprintf(cmd, sizeof(cmd), "pdfinfo '%s' 2>/dev/null | awk '/^Pages:/{print $2}'", path);
		f = popen(cmd, "r");
		if (f) {
			if (fscanf(f, "%d", &pages) != 1)
				pages = 0;
			pclose(f);
		}
	}
	lt_buf_reset(&out);
	CK(lt_doc_render_docx(d, &out, &e));
	docx_size = out.len;
	snprintf(path, sizeof(path), "%s/report.docx", dir);
	f = fopen(path, "wb");
	if (!f || fwrite(out.ptr, 1, out.len, f) != out.len || fclose(f) != 0)
		return 2;
	for (int i = 0; i < 3; i++) {
		snprintf(cmd, sizeof(cmd), "command -v libreoffice >/dev/null && timeout 600 "
			 "libreoffice -env:UserInstallation=file://%s/lo-profile --headless "
			 "--convert-to pdf --outdir '%s/lo' '%s' >/dev/null 2>&1", dir, dir, path);
		t0 = now_ms();
		if (system(cmd) != 0)
			break;
		lo_ms[lo_runs++] = now_ms() - t0;
	}
	pdf_med = median(pdf_ms, runs);
	if (lo_runs)
		lo_med = median(lo_ms, lo_runs);
	cpu_model(cpu, sizeof(cpu));
	lt_buf_init(&section, 1 << 16);
	lt_buf_putf(&section,
		      SECTION "\n\n"
		      "Machine: %ld CPU(s), %s; load average %.1f at the end of the run. "
		      "Report: %d units × 8 columns + 4 themes of "
		      "narrative; %d PDF pages (%zu bytes), DOCX %zu bytes. Model built in %.1f ms. "
		      "`bench_render bench/RESULTS.md %d` (meson target bench/bench_render).\n\n"
		      "| step | ms |\n|---|---:|\n"
		      "| lt_doc_render_pdf, first call in the thread (loads fonts) | %.1f |\n"
		      "| lt_doc_render_pdf, median of %d runs | %.1f |\n",
		      sysconf(_SC_NPROCESSORS_ONLN), cpu, loadavg(), NUNITS, pages, pdf_size,
		      docx_size, t_build, runs, first, runs, pdf_med);
	if (lo_runs)
		lt_buf_putf(&section,
			      "| `libreoffice --headless --convert-to pdf` of our DOCX, median of %d "
			      "(fresh profile; the first run creates it) | %.1f |\n\n"
			      "Ratio: LibreOffice / lt_doc_render_pdf = **%.0f×** (requirement ≥ 20×: %s).\n",
			      lo_runs, lo_med, lo_med / pdf_med, lo_med / pdf_med >= 20 ? "met" : "NOT met");
	else
		lt_buf_puts(&section, "\nLibreOffice not installed: no comparison.\n");
	if (lt_buf_error(&section))
		return 1;
	fputs(lt_buf_cstr(&section), stdout);
	if (results && bench_write_section(results, SECTION, lt_buf_cstr(&section)) != 0)
		fprintf(stderr, "bench_render: cannot write %s\n", results);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "bench_render: cannot remove %s\n", dir);
	lt_buf_free(&section);
	lt_buf_free(&out);
	lt_doc_free(d);
	return lo_runs && lo_med / pdf_med < 20 ? 1 : 0;
}
