/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * report_formats.c — a report snapshot as PDF, DOCX, XLSX, CSV or HTML;
 * see report_render.h. The PDF and DOCX come from the same lt_doc.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render/csv.h"
#include "render/doc_docx.h"
#include "render/doc_pdf.h"
#include "render/report_render.h"
#include "render/table.h"
#include "render/vndate.h"
#include "render/xlsx_write.h"

#define S(o, k) json_string_value(json_object_get((o), (k)))

static const char *or_(const char *s, const char *d)
{
	return s && *s ? s : d;
}

/* Cell writers: a failure is kept by the table, which lt_report_render checks once. */
static void put_num(lt_sheet *sh, int r, int c, json_t *v, const char *measure)
{
	if (json_is_number(v))
		lt_ignore(lt_sheet_set_number(sh, r, c, json_number_value(v),
					      measure && !strcmp(measure, "vnd") ? LT_NUMFMT_MONEY
										 : LT_NUMFMT_GENERAL));
}

static void put_text(lt_sheet *sh, int r, int c, const char *s)
{
	if (s)
		lt_ignore(lt_sheet_set_text(sh, r, c, s, strlen(s)));
}

/* Sheet of figures: one row per counted unit (or child), one column per indicator. */
static int sheet_figures(lt_table *t, json_t *snap, const char *name)
{
	lt_sheet *sh = lt_table_add_sheet(t, name);
	json_t *figs = json_object_get(json_object_get(snap, "rollup"), "figures"), *units, *u, *f;
	size_t i, j;
	int r = 2;

	if (!sh)
		return LT_ENOMEM;
	units = json_object_get(snap, "units");
	if (!json_array_size(units))
		units = json_object_get(snap, "children");
	put_text(sh, 1, 1, "Mã đơn vị");
	put_text(sh, 1, 2, "Đơn vị");
	json_array_foreach(figs, j, f)
		put_text(sh, 1, (int)j + 3, or_(S(f, "name"), S(f, "code")));
	json_array_foreach(units, i, u) {
		/* A unit counted only for its news items (the reporting unit itself) has no row here. */
		if (!json_object_size(json_object_get(u, "figures")))
			continue;
		put_text(sh, r, 1, S(u, "code"));
		put_text(sh, r, 2, S(u, "name"));
		json_array_foreach(figs, j, f)
			put_num(sh, r, (int)j + 3, json_object_get(json_object_get(u, "figures"), S(f, "code")),
				S(f, "measure"));
		r++;
	}
	put_text(sh, r, 2, "Tổng cộng");
	json_array_foreach(figs, j, f)
		put_num(sh, r, (int)j + 3, json_object_get(f, "value"), S(f, "measure"));
	return 0;
}

static int sheet_items(lt_table *t, json_t *snap)
{
	lt_sheet *sh = lt_table_add_sheet(t, "Tin bài");
	const char *theme = NULL;
	json_t *it;
	size_t i;
	static const char *const head[] = { "Chủ đề", "Kênh", "Tin bài", "Bài gốc", "Chia sẻ",
					     "Đường dẫn khác nhau" };

	if (!sh)
		return LT_ENOMEM;
	for (int c = 0; c < 6; c++)
		put_text(sh, 1, c + 1, head[c]);
	/* Theme by theme (store/rollup's order): the theme once, on its first row. */
	json_array_foreach(json_object_get(json_object_get(snap, "rollup"), "items"), i, it) {
		int r = (int)i + 2;
		const char *th = lt_report_theme_name(S(it, "theme"));
		if (!theme || strcmp(theme, th))
			put_text(sh, r, 1, th);
		theme = th;
		put_text(sh, r, 2, lt_channel_label(S(it, "channel"), false));
		put_num(sh, r, 3, json_object_get(it, "items"), NULL);
		put_num(sh, r, 4, json_object_get(it, "originals"), NULL);
		put_num(sh, r, 5, json_object_get(it, "shares"), NULL);
		put_num(sh, r, 6, json_object_get(it, "distinct_links"), NULL);
	}
	return 0;
}

static int sheet_completeness(lt_table *t, json_t *snap)
{
	lt_sheet *sh = lt_table_add_sheet(t, "Tiến độ");
	json_t *comp = json_object_get(snap, "completeness"), *k, *m;
	size_t i;
	int r = 2;
	static const char *const head[] = { "Mã", "Đơn vị", "Phải báo cáo", "Đúng hạn", "Muộn",
					     "Chưa báo cáo", "Tỷ lệ báo cáo", "Tỷ lệ đúng hạn" };

	if (!sh)
		return LT_ENOMEM;
	for (int c = 0; c < 8; c++)
		put_text(sh, 1, c + 1, head[c]);
	json_array_foreach(json_object_get(snap, "children"), i, k) {
		json_t *c = json_object_get(k, "completeness");
		if (!json_integer_value(json_object_get(c, "expected")))
			continue;
		put_text(sh, r, 1, S(k, "code"));
		put_text(sh, r, 2, S(k, "name"));
		put_num(sh, r, 3, json_object_get(c, "expected"), NULL);
		put_num(sh, r, 4, json_object_get(c, "on_time"), NULL);
		put_num(sh, r, 5, json_object_get(c, "late"), NULL);
		put_num(sh, r, 6, json_object_get(c, "missing"), NULL);
		put_num(sh, r, 7, json_object_get(c, "reporting_rate"), NULL);
		put_num(sh, r, 8, json_object_get(c, "on_time_rate"), NULL);
		r++;
	}
	put_text(sh, r, 2, "Tổng cộng");
	put_num(sh, r, 3, json_object_get(comp, "expected"), NULL);
	put_num(sh, r, 4, json_object_get(comp, "on_time"), NULL);
	put_num(sh, r, 5, json_object_get(comp, "late"), NULL);
	put_num(sh, r, 6, json_object_get(comp, "missing"), NULL);
	put_num(sh, r, 7, json_object_get(comp, "reporting_rate"), NULL);
	put_num(sh, r, 8, json_object_get(comp, "on_time_rate"), NULL);
	r += 2;
	put_text(sh, r++, 1, "Đơn vị chưa báo cáo");
	json_array_foreach(json_object_get(comp, "missing_units"), i, m) {
		put_text(sh, r, 1, S(m, "code"));
		put_text(sh, r++, 2, S(m, "name"));
	}
	/* The snapshot keeps a bounded list (store/rollup.h): say how many it leaves out. */
	if (json_integer_value(json_object_get(comp, "missing")) > (json_int_t)i) {
		char more[96];
		snprintf(more, sizeof(more), "và %lld đơn vị khác",
			 (long long)(json_integer_value(json_object_get(comp, "missing")) - (json_int_t)i));
		put_text(sh, r, 2, more);
	}
	return 0;
}

static void html_text(lt_buf *b, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '<': lt_buf_puts(b, "&lt;"); break;
		case '>': lt_buf_puts(b, "&gt;"); break;
		case '&': lt_buf_puts(b, "&amp;"); break;
		case '"': lt_buf_puts(b, "&quot;"); break;
		case '\'': lt_buf_puts(b, "&#39;"); break;
		default: lt_buf_put(b, s, 1);
		}
	}
}

static void html_value(lt_buf *b, json_t *v, const char *measure)
{
	if (!json_is_number(v)) {
		lt_buf_puts(b, "—");
		return;
	}
	/* Sticky in b: render_html checks b once at its end. */
	if (measure && !strcmp(measure, "vnd"))
		lt_ignore(lt_vndate_format_money(b, (int64_t)llround(json_number_value(v))));
	else
		lt_ignore(lt_vndate_format_number(b, (int64_t)llround(json_number_value(v))));
}

/* A horizontal bar chart as inline SVG (presentation attributes only: no style). */
static void svg_bars(lt_buf *b, const char *title, const char *const *labels, const double *v,
		     size_t n)
{
	double max = 0;
	int h = 22 * (int)n + 30;

	for (size_t i = 0; i < n; i++)
		max = v[i] > max ? v[i] : max;
	lt_buf_putf(b, "<figure><figcaption>");
	html_text(b, title);
	lt_buf_putf(b, "</figcaption><svg role=\"img\" viewBox=\"0 0 640 %d\" width=\"640\" height=\"%d\">", h, h);
	for (size_t i = 0; i < n; i++) {
		double w = max > 0 ? v[i] / max * 380.0 : 0;
		int y = 10 + 22 * (int)i;
		lt_buf_putf(b, "<text x=\"0\" y=\"%d\" font-size=\"12\" fill=\"#222\">", y + 13);
		html_text(b, labels[i]);
		lt_buf_putf(b, "</text><rect x=\"220\" y=\"%d\" width=\"%.1f\" height=\"16\" fill=\"#b3261e\"/>"
				 "<text x=\"%.1f\" y=\"%d\" font-size=\"12\" fill=\"#222\">%.0f</text>",
			      y, w, 226 + w, y + 13, v[i]);
	}
	lt_buf_puts(b, "</svg></figure>");
}

static int render_html(json_t *snap, const char *sha, lt_buf *b)
{
	json_t *u = json_object_get(snap, "unit"), *d = json_object_get(snap, "directive");
	json_t *r = json_object_get(snap, "rollup"), *comp = json_object_get(snap, "completeness");
	json_t *f, *k;
	size_t i, n;
	const char *labels[64];
	double vals[64];

	lt_buf_puts(b, "<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\">"
		       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
		       "<link rel=\"stylesheet\" href=\"/report.css\"><title>Báo cáo ");
	html_text(b, S(u, "name"));
	lt_buf_puts(b, "</title></head><body><header><p>");
	html_text(b, S(json_object_get(u, "parent"), "name"));
	lt_buf_puts(b, "</p><h1>BÁO CÁO</h1><p class=\"summary\">Kết quả thực hiện Công văn số ");
	html_text(b, S(d, "number"));
	lt_buf_puts(b, " — ");
	html_text(b, S(d, "subject"));
	lt_buf_puts(b, "</p><p>");
	html_text(b, S(u, "name"));
	lt_buf_putf(b, " · %s</p></header><main>", or_(S(snap, "report_number"), "bản nháp"));
	/* Figures table and chart. */
	lt_buf_puts(b, "<h2>Kết quả chăm lo</h2><table><thead><tr><th>Chỉ tiêu</th><th>Kết quả</th>"
		       "<th>Số đơn vị</th></tr></thead><tbody>");
	json_array_foreach(json_object_get(r, "figures"), i, f) {
		lt_buf_puts(b, "<tr><td>");
		html_text(b, S(f, "name"));
		lt_buf_puts(b, "</td><td class=\"num\">");
		html_value(b, json_object_get(f, "value"), S(f, "measure"));
		lt_buf_putf(b, "</td><td class=\"num\">%lld</td></tr>",
			      (long long)json_integer_value(json_object_get(f, "units")));
	}
	lt_buf_puts(b, "</tbody></table>");
	/* The chart sums the theme × channel rows by channel. */
	n = 0;
	json_array_foreach(json_object_get(r, "items"), i, f) {
		const char *ch = lt_channel_label(S(f, "channel"), false);
		size_t at = 0;
		while (at < n && strcmp(labels[at], ch))
			at++;
		if (at == n) {
			if (n >= 64)
				continue;
			labels[n] = ch;
			vals[n++] = 0;
		}
		vals[at] += (double)json_integer_value(json_object_get(f, "items"));
	}
	lt_buf_putf(b, "<h2>Truyền thông</h2><p>%lld tin bài, %lld bài gốc, %lld chia sẻ, %lld đường dẫn khác nhau.</p>",
		      (long long)json_integer_value(json_object_get(json_object_get(r, "item_totals"), "items")),
		      (long long)json_integer_value(json_object_get(json_object_get(r, "item_totals"), "originals")),
		      (long long)json_integer_value(json_object_get(json_object_get(r, "item_totals"), "shares")),
		      (long long)json_integer_value(json_object_get(json_object_get(r, "item_totals"), "distinct_links")));
	if (n)
		svg_bars(b, "Tin bài theo kênh", labels, vals, n);
	/* Completeness by child. */
	n = 0;
	json_array_foreach(json_object_get(snap, "children"), i, k) {
		json_t *c = json_object_get(k, "completeness");
		if (n >= 64 || !json_integer_value(json_object_get(c, "expected")))
			continue;
		labels[n] = S(k, "name");
		vals[n++] = 100.0 * json_number_value(json_object_get(c, "reporting_rate"));
	}
	lt_buf_putf(b, "<h2>Tiến độ báo cáo</h2><p>%lld/%lld đơn vị đã báo cáo (đúng hạn %lld, muộn %lld, chưa báo cáo %lld).</p>",
		      (long long)json_integer_value(json_object_get(comp, "submitted")),
		      (long long)json_integer_value(json_object_get(comp, "expected")),
		      (long long)json_integer_value(json_object_get(comp, "on_time")),
		      (long long)json_integer_value(json_object_get(comp, "late")),
		      (long long)json_integer_value(json_object_get(comp, "missing")));
	if (n)
		svg_bars(b, "Tỷ lệ báo cáo (%) theo đơn vị", labels, vals, n);
	/* The unit's own words: narrative per theme and general part. */
	{
		const char *key;
		json_t *v;
		bool any = false;
		json_object_foreach(json_object_get(snap, "narrative"), key, v) {
			if (!strncmp(key, "signer_", 7) || !json_string_length(v))
				continue;
			if (!any)
				lt_buf_puts(b, "<h2>Thuyết minh</h2>");
			any = true;
			lt_buf_puts(b, "<p>");
			html_text(b, json_string_value(v));
			lt_buf_puts(b, "</p>");
		}
	}
	lt_buf_puts(b, "</main><footer>");
	if (sha)
		lt_buf_putf(b, "Mã kiểm tra (SHA-256): %s", sha);
	else
		lt_buf_puts(b, "Bản nháp — chưa nộp");
	lt_buf_puts(b, "</footer></body></html>\n");
	return lt_buf_error(b);
}

int lt_report_render(json_t *snap, const char *sha, const char *format, lt_buf *out,
		     const char **type, const char **ext, lt_error *e)
{
	lt_doc *d = NULL;
	lt_table *t = NULL;
	int rc;

	if (!strcmp(format, "pdf") || !strcmp(format, "docx")) {
		bool pdf = !strcmp(format, "pdf");
		rc = pdf ? lt_doc_pdf_init(e) : 0;
		if (!rc)
			rc = lt_report_doc(snap, sha, &d, e);
		if (!rc)
			rc = pdf ? lt_doc_render_pdf(d, out, e) : lt_doc_render_docx(d, out, e);
		lt_doc_free(d);
		*type = pdf ? "application/pdf"
			    : "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
		*ext = format;
		return rc;
	}
	if (!strcmp(format, "xlsx") || !strcmp(format, "csv")) {
		rc = lt_table_new(&t) ? LT_ENOMEM : 0;
		if (!rc)
			rc = sheet_figures(t, snap, "Số liệu");
		if (!rc && !strcmp(format, "xlsx"))
			rc = sheet_items(t, snap);
		if (!rc && !strcmp(format, "xlsx"))
			rc = sheet_completeness(t, snap);
		if (!rc)
			rc = lt_table_error(t);
		if (rc)
			rc = lt_error_set(e, rc, NULL, "Không tạo được bảng", "Cannot build the table");
		else if (!strcmp(format, "xlsx"))
			rc = lt_xlsx_write_buf(t, out, e);
		else
			rc = lt_csv_write(lt_table_sheet_at(t, 0), ',', out, e);
		lt_table_free(t);
		*type = !strcmp(format, "xlsx")
				? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
				: "text/csv; charset=utf-8";
		*ext = format;
		return rc;
	}
	if (!strcmp(format, "html")) {
		*type = "text/html; charset=utf-8";
		*ext = "html";
		return render_html(snap, sha, out);
	}
	return lt_error_set(e, LT_EINVAL, "format", "Định dạng phải là pdf, docx, xlsx, csv hoặc html",
			    "The format must be pdf, docx, xlsx, csv or html");
}
