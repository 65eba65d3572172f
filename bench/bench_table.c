/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * bench_table — tabular import speed: a 10,000-row × 10-column list of
 * activity-like data written as XLSX (libxlsxwriter, via lt_xlsx_write) and
 * as CSV (lt_csv_write), then read back with lt_xlsx_read / lt_csv_read.
 * Baselines in the same run: inflating the sheet XML alone (libzip), a bare
 * libxml2 xmlReader pass over it that only counts nodes, and a memchr line
 * count over the CSV.
 *
 * Prints a markdown section; with `--write FILE` also puts it in FILE under
 * "## Tabular import (10,000 rows)", replacing only that section.
 * Usage: bench_table [--write bench/RESULTS.md] [--reps N]
 */
#include <libxml/xmlreader.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <zip.h>

#include "render/csv.h"
#include "render/xlsx_read.h"
#include "render/xlsx_write.h"
#include "results.h"

#define ROWS 10000
#define HEADING "## Tabular import (10,000 rows)"

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static lt_table *make_table(void)
{
	static const char *themes[] = { "10 năm Tết Sum vầy", "Chợ Tết Công đoàn 2024",
					"Hành trình Tết Công đoàn", "Tết Sum vầy – Xuân chia sẻ" };
	static const char *channels[] = { "Facebook", "Zalo", "YouTube", "TikTok", "Báo in",
					  "Trang đơn vị" };
	static const char *kinds[] = { "Bài viết", "Video", "Ảnh", "Livestream" };
	static const char *hdr[] = { "Mã đơn vị", "Chủ đề", "Kênh", "Loại", "Đường dẫn",
				     "Tiêu đề", "Ngày", "Lượt xem", "Lượt chia sẻ", "Kinh phí (đ)" };
	lt_table *t = NULL;
	lt_sheet *s;
	char buf[160], date[16];

	if (lt_table_new(&t) || !(s = lt_table_add_sheet(t, "Hoạt động")))
		exit(1);
	for (int c = 0; c < 10; c++)
		lt_ignore(lt_sheet_set_text(s, 1, c + 1, hdr[c], strlen(hdr[c])));
	for (int r = 2; r <= ROWS + 1; r++) {
		int i = r - 2;
		snprintf(buf, sizeof(buf), "ĐV%04d", i % 300);
		lt_ignore(lt_sheet_set_text(s, r, 1, buf, strlen(buf)));
		lt_ignore(lt_sheet_set_text(s, r, 2, themes[i % 4], strlen(themes[i % 4])));
		lt_ignore(lt_sheet_set_text(s, r, 3, channels[i % 6], strlen(channels[i % 6])));
		lt_ignore(lt_sheet_set_text(s, r, 4, kinds[i % 4], strlen(kinds[i % 4])));
		snprintf(buf, sizeof(buf), "https://www.facebook.com/congdoan%d/posts/%d", i % 300,
			 100000 + i);
		lt_ignore(lt_sheet_set_text(s, r, 5, buf, strlen(buf)));
		snprintf(buf, sizeof(buf), "Công đoàn cơ sở số %d trao %d suất quà Tết cho đoàn viên",
			 i % 300, 10 + i % 90);
		lt_ignore(lt_sheet_set_text(s, r, 6, buf, strlen(buf)));
		snprintf(date, sizeof(date), "2024-%02d-%02d", 1 + i % 2, 1 + i % 28);
		lt_ignore(lt_sheet_set_date(s, r, 7, date));
		lt_ignore(lt_sheet_set_number(s, r, 8, (i * 37) % 5000, LT_NUMFMT_GENERAL));
		lt_ignore(lt_sheet_set_number(s, r, 9, (i * 7) % 300, LT_NUMFMT_GENERAL));
		lt_ignore(lt_sheet_set_number(s, r, 10, 500000.0 * (1 + i % 40), LT_NUMFMT_MONEY));
	}
	if (lt_table_error(t)) /* the cells above ignore theirs: the table keeps the first */
		exit(1);
	return t;
}

static char *entry(const lt_buf *x, const char *name, size_t *len)
{
	zip_error_t ze;
	zip_source_t *src;
	zip_t *za;
	zip_file_t *zf;
	zip_stat_t st;
	char *p = NULL;

	zip_error_init(&ze);
	src = zip_source_buffer_create(x->ptr, x->len, 0, &ze);
	za = zip_open_from_source(src, ZIP_RDONLY, &ze);
	if (za && zip_stat(za, name, 0, &st) == 0 && (zf = zip_fopen(za, name, 0))) {
		p = malloc(st.size + 1);
		*len = (size_t)zip_fread(zf, p, st.size);
		zip_fclose(zf);
	}
	if (za)
		zip_discard(za);
	zip_error_fini(&ze);
	return p;
}

static long count_nodes(const char *xml, size_t len)
{
	xmlTextReaderPtr r = xmlReaderForMemory(xml, (int)len, NULL, NULL,
						XML_PARSE_NONET | XML_PARSE_COMPACT);
	long n = 0;

	while (xmlTextReaderRead(r) == 1)
		n++;
	xmlFreeTextReader(r);
	return n;
}

static long count_lines(const char *p, size_t len)
{
	const char *end = p + len;
	long n = 0;

	while ((p = memchr(p, '\n', (size_t)(end - p)))) {
		n++;
		p++;
	}
	return n;
}

/* Best of reps runs, in ms. */
#define TIME(reps, out, stmt)                         \
	do {                                          \
		(out) = 1e30;                         \
		for (int k_ = 0; k_ < (reps); k_++) { \
			double t0_ = now_ms();        \
			stmt;                         \
			double d_ = now_ms() - t0_;   \
			if (d_ < (out))               \
				(out) = d_;           \
		}                                     \
	} while (0)

static void cpu_model(char *buf, size_t n)
{
	FILE *f = fopen("/proc/cpuinfo", "r");
	char line[256];

	snprintf(buf, n, "unknown");
	while (f && fgets(line, sizeof(line), f)) {
		if (strncmp(line, "model name", 10) == 0) {
			char *v = strchr(line, ':');
			if (v) {
				snprintf(buf, n, "%s", v + 2);
				buf[strcspn(buf, "\n")] = '\0';
			}
			break;
		}
	}
	if (f)
		fclose(f);
}

int main(int argc, char **argv)
{
	const char *write_path = NULL;
	int reps = 7;
	lt_table *t = make_table(), *r = NULL;
	lt_buf xlsx, csv, md;
	lt_error e = { 0 };
	size_t xml_len = 0;
	char *xml, cpu[128];
	double t_xlsx, t_csv, t_unzip, t_nodes, t_lines, t_xwrite, t_cwrite;
	long nodes = 0, lines = 0;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--write") == 0 && i + 1 < argc)
			write_path = argv[++i];
		else if (strcmp(argv[i], "--reps") == 0 && i + 1 < argc)
			reps = atoi(argv[++i]);
	}
	lt_buf_init(&xlsx, 256 << 20);
	lt_buf_init(&csv, 256 << 20);
	lt_buf_init(&md, 1 << 20);
	TIME(1, t_xwrite, if (lt_xlsx_write_buf(t, &xlsx, &e)) { fprintf(stderr, "%s\n", e.en); return 1; });
	TIME(1, t_cwrite, if (lt_csv_write(lt_table_sheet_at(t, 0), 0, &csv, &e)) { fprintf(stderr, "%s\n", e.en); return 1; });
	xml = entry(&xlsx, "xl/worksheets/sheet1.xml", &xml_len);
	if (!xml)
		return 1;

	TIME(reps, t_xlsx, {
		if (lt_xlsx_read(xlsx.ptr, xlsx.len, NULL, &r, &e)) {
			fprintf(stderr, "%s\n", e.en);
			return 1;
		}
		if (lt_table_sheet_at(r, 0)->nrows != ROWS + 1)
			return 1;
		lt_table_free(r);
	});
	TIME(reps, t_csv, {
		if (lt_csv_read(csv.ptr, csv.len, NULL, &r, &e)) {
			fprintf(stderr, "%s\n", e.en);
			return 1;
		}
		if (lt_table_sheet_at(r, 0)->nrows != ROWS + 1)
			return 1;
		lt_table_free(r);
	});
	TIME(reps, t_unzip, { size_t l; free(entry(&xlsx, "xl/worksheets/sheet1.xml", &l)); });
	TIME(reps, t_nodes, nodes = count_nodes(xml, xml_len));
	TIME(reps, t_lines, lines = count_lines(csv.ptr, csv.len));

	cpu_model(cpu, sizeof(cpu));
	{
		double load = -1;
		FILE *f = fopen("/proc/loadavg", "r");
		if (f) {
			if (fscanf(f, "%lf", &load) != 1)
				load = -1;
			fclose(f);
		}
		lt_buf_putf(&md, HEADING "\n\n"
			      "`bench/bench_table.c`: 10,000 rows × 10 columns of activity-like data "
			      "(unit code, theme, channel, kind, URL, Vietnamese title, date, two "
			      "counts, money) plus a header row, best of %d runs. Machine: %ld cores "
			      "(nproc), %s; load average %.1f at the end of the run (shared "
			      "machine: best-of-N keeps the noise down).\n\n",
			      reps, sysconf(_SC_NPROCESSORS_ONLN), cpu, load);
	}
	lt_buf_putf(&md, "| what | size | ms per file | vs baseline |\n|---|---:|---:|---:|\n");
	lt_buf_putf(&md, "| `lt_xlsx_read` (whole workbook → table) | %.0f KiB zip, %.0f KiB sheet XML | %.1f | %.1f× the xmlReader pass, %.1f× unzip+pass |\n",
		      xlsx.len / 1024.0, xml_len / 1024.0, t_xlsx, t_xlsx / t_nodes,
		      t_xlsx / (t_unzip + t_nodes));
	lt_buf_putf(&md, "| baseline: inflate the sheet XML (libzip) | | %.1f | |\n", t_unzip);
	lt_buf_putf(&md, "| baseline: libxml2 xmlReader, count nodes only (%ld nodes) | | %.1f | 1× |\n",
		      nodes, t_nodes);
	lt_buf_putf(&md, "| `lt_csv_read` (detect, parse, UTF-8 check, NFC) | %.0f KiB | %.1f | %.1f× the line count |\n",
		      csv.len / 1024.0, t_csv, t_csv / t_lines);
	lt_buf_putf(&md, "| baseline: memchr line count (%ld lines) | | %.2f | 1× |\n", lines, t_lines);
	lt_buf_putf(&md, "| `lt_xlsx_write_buf` (libxlsxwriter, one run) | | %.1f | |\n", t_xwrite);
	lt_buf_putf(&md, "| `lt_csv_write` (one run) | | %.1f | |\n\n", t_cwrite);
	lt_buf_putf(&md, "A 10,000-row import costs %.0f ms from XLSX and %.0f ms from CSV, "
		      "i.e. %.1f µs and %.1f µs per row.\n",
		      t_xlsx, t_csv, t_xlsx * 1000 / ROWS, t_csv * 1000 / ROWS);
	if (lt_buf_error(&md))
		return 1;
	fputs(md.ptr, stdout);
	if (write_path && bench_write_section(write_path, HEADING, md.ptr))
		return 1;
	free(xml);
	lt_buf_free(&xlsx);
	lt_buf_free(&csv);
	lt_buf_free(&md);
	lt_table_free(t);
	return 0;
}
