/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* report_render.c — see report_render.h. */
#include "core/clock.h"
#include "render/report_render.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "render/csv.h"
#include "render/doc_docx.h"
#include "render/doc_pdf.h"
#include "render/table.h"
#include "render/vndate.h"
#include "render/xlsx_write.h"

#define S(o, k) json_string_value(json_object_get((o), (k)))

/* Units the official document names one by one as not yet reported. */
#define LT_REPORT_MISSING_LISTED 50

static const char *or_(const char *s, const char *d)
{
	return s && *s ? s : d;
}

const char *lt_report_place(const char *name)
{
	static const char *const prefixes[] = {
		"LĐLĐ ", "Liên đoàn Lao động ", "Công đoàn ", "CĐCS ", "huyện ", "quận ",
		"thành phố ", "thị xã ", "tỉnh ", "thị trấn ", "xã ", "phường ",
	};
	bool again = true;

	while (name && again) {
		again = false;
		for (size_t i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++) {
			size_t n = strlen(prefixes[i]);
			if (!strncmp(name, prefixes[i], n)) {
				name += n;
				again = true;
			}
		}
	}
	return name;
}

const char *lt_report_theme_name(const char *theme)
{
	return or_(theme, "(chưa gắn chủ đề)");
}

/* Format a figure for a table: money with dots and "đ", counts with dots. */
static const char *fmt_value(lt_doc *d, json_t *v, const char *measure)
{
	lt_buf b;

	if (!json_is_number(v))
		return "—";
	lt_buf_init(&b, 64);
	/* A failure is sticky in b and then in the arena, which lt_report_doc checks. */
	if (measure && !strcmp(measure, "vnd"))
		lt_ignore(lt_vndate_format_money(&b, (int64_t)llround(json_number_value(v))));
	else if (json_is_integer(v))
		lt_ignore(lt_vndate_format_number(&b, (int64_t)json_integer_value(v)));
	else
		lt_ignore(lt_vndate_format_decimal(&b, json_number_value(v), 1));
	return lt_arena_take_buf(&d->arena, &b);
}

static const char *int_s(lt_doc *d, json_int_t v)
{
	return lt_arena_printf(&d->arena, "%lld", (long long)v);
}

static void iso_of(json_t *snap, char out[11])
{
	lt_vn_date(json_integer_value(json_object_get(snap, "generated_at")), out);
}

static const char *short_date(lt_doc *d, const char *iso)
{
	int y, m, dd;
	lt_buf b;

	if (!iso || lt_vndate_parse_iso(iso, &y, &m, &dd))
		return or_(iso, "");
	lt_buf_init(&b, 32);
	lt_ignore(lt_vndate_format_short(&b, y, m, dd)); /* sticky: see num_s */
	return lt_arena_take_buf(&d->arena, &b);
}

/*
 * Items per theme and channel: one heading row per theme, its channels under
 * it by the names people use ("Báo điện tử", not "e-newspaper"). The rows
 * come theme by theme (store/rollup), so a heading starts at each change.
 */
static int items_section(lt_doc *d, json_t *snap, lt_error *e)
{
	static const char *const head[] = { "Chủ đề, kênh", "Tin bài", "Bài gốc", "Chia sẻ",
					     "Đường dẫn" };
	static const double w[] = { 4.6, 0.9, 0.9, 0.9, 1.1 };
	static const bool numeric[] = { false, true, true, true, true };
	json_t *r = json_object_get(snap, "rollup"), *it, *tot = json_object_get(r, "item_totals");
	json_t *narr = json_object_get(snap, "narrative");
	lt_doc_table *t = NULL;
	const char *theme = NULL;
	size_t i;
	int rc = lt_doc_add_heading(d, 1, "I. KẾT QUẢ CÔNG TÁC TRUYỀN THÔNG", e);

	if (!rc)
		rc = lt_doc_add_paragraph(
			d,
			lt_arena_printf(&d->arena,
					"Tổng số %lld tin, bài, sản phẩm truyền thông; trong đó %lld bài gốc"
					" và %lld lượt chia sẻ, với %lld đường dẫn khác nhau; %lld lượt chia"
					" sẻ từ bộ đường dẫn được giới thiệu.",
					(long long)json_integer_value(json_object_get(tot, "items")),
					(long long)json_integer_value(json_object_get(tot, "originals")),
					(long long)json_integer_value(json_object_get(tot, "shares")),
					(long long)json_integer_value(json_object_get(tot, "distinct_links")),
					(long long)json_integer_value(json_object_get(tot, "kit_shares"))),
			e);
	if (!rc && json_array_size(json_object_get(r, "items")))
		rc = lt_doc_add_table(d, 5, head, w, numeric, &t, e);
	json_array_foreach(json_object_get(r, "items"), i, it) {
		const char *cells[5], *th = lt_report_theme_name(S(it, "theme"));
		if (rc)
			break;
		if (!theme || strcmp(theme, th)) {
			theme = th;
			rc = lt_doc_table_add_group(d, t, th, e);
			if (rc)
				break;
		}
		cells[0] = lt_channel_label(S(it, "channel"), false);
		cells[1] = int_s(d, json_integer_value(json_object_get(it, "items")));
		cells[2] = int_s(d, json_integer_value(json_object_get(it, "originals")));
		cells[3] = int_s(d, json_integer_value(json_object_get(it, "shares")));
		cells[4] = int_s(d, json_integer_value(json_object_get(it, "distinct_links")));
		rc = lt_doc_table_add_row(d, t, cells, false, e);
	}
	if (!rc && t) {
		const char *cells[5] = { "Tổng cộng",
			int_s(d, json_integer_value(json_object_get(tot, "items"))),
			int_s(d, json_integer_value(json_object_get(tot, "originals"))),
			int_s(d, json_integer_value(json_object_get(tot, "shares"))),
			int_s(d, json_integer_value(json_object_get(tot, "distinct_links"))) };
		rc = lt_doc_table_add_row(d, t, cells, true, e);
	}
	/* The cadre's narrative per theme, then the general part. */
	{
		const char *k;
		json_t *v;
		json_object_foreach(narr, k, v) {
			if (rc)
				break;
			if (!strncmp(k, "signer_", 7) || !json_string_length(v))
				continue;
			rc = lt_doc_add_paragraph(d, json_string_value(v), e);
		}
	}
	return rc;
}

static int figures_section(lt_doc *d, json_t *snap, lt_error *e)
{
	static const char *const head[] = { "TT", "Chỉ tiêu", "Kết quả", "Số đơn vị" };
	static const double w[] = { 0.5, 4.5, 1.8, 1.0 };
	static const bool numeric[] = { true, false, true, true };
	json_t *figs = json_object_get(json_object_get(snap, "rollup"), "figures"), *f;
	lt_doc_table *t = NULL;
	size_t i;
	int rc = lt_doc_add_heading(d, 1, "II. KẾT QUẢ CHĂM LO ĐOÀN VIÊN, NGƯỜI LAO ĐỘNG", e);

	if (!rc && !json_array_size(figs))
		return lt_doc_add_paragraph(d, "Chưa có số liệu.", e);
	if (!rc)
		rc = lt_doc_add_table(d, 4, head, w, numeric, &t, e);
	json_array_foreach(figs, i, f) {
		const char *cells[4];
		if (rc)
			break;
		cells[0] = int_s(d, (json_int_t)i + 1);
		cells[1] = or_(S(f, "name"), S(f, "code"));
		cells[2] = fmt_value(d, json_object_get(f, "value"), S(f, "measure"));
		cells[3] = int_s(d, json_integer_value(json_object_get(f, "units")));
		rc = lt_doc_table_add_row(d, t, cells, false, e);
	}
	return rc;
}

/* Figures per counted unit (or per child for big subtrees): a few key columns. */
static int per_unit_section(lt_doc *d, json_t *snap, lt_error *e)
{
	json_t *units = json_object_get(snap, "units"), *figs, *u, *f;
	const char *head[6];
	const char *codes[4];
	const char *measures[4];
	double w[6] = { 0.5, 3.4, 1.3, 1.3, 1.3, 1.3 };
	bool numeric[6] = { true, false, true, true, true, true };
	lt_doc_table *t = NULL;
	size_t i, n = 0, shown = 0;
	int rc;

	if (!json_array_size(units))
		units = json_object_get(snap, "children");
	figs = json_object_get(json_object_get(snap, "rollup"), "figures");
	if (!json_array_size(units) || !json_array_size(figs))
		return 0;
	json_array_foreach(figs, i, f) {
		if (n < 4 && json_integer_value(json_object_get(f, "units")) > 0) {
			codes[n] = S(f, "code");
			measures[n] = S(f, "measure");
			head[n + 2] = S(f, "name");
			n++;
		}
	}
	if (!n)
		return 0;
	/*
	 * A sum of money ("100.800.000 đ") needs a wider column than a count,
	 * or it breaks before its "đ"; the unit's name takes what is left.
	 */
	w[1] = 9.1 - w[0];
	for (size_t k = 0; k < n; k++) {
		w[k + 2] = measures[k] && !strcmp(measures[k], "vnd") ? 1.75 : 1.1;
		w[1] -= w[k + 2];
	}
	head[0] = "TT";
	head[1] = "Đơn vị";
	rc = lt_doc_add_heading(d, 2, "Số liệu theo đơn vị", e);
	if (!rc)
		rc = lt_doc_add_table(d, n + 2, head, w, numeric, &t, e);
	json_array_foreach(units, i, u) {
		const char *cells[6];
		json_t *uf = json_object_get(u, "figures");
		bool any = false;
		if (rc)
			break;
		/*
		 * A counted unit with none of these figures (the reporting unit
		 * itself, counted for its news items) would be a row of dashes.
		 */
		for (size_t k = 0; k < n; k++)
			any |= json_is_number(json_object_get(uf, codes[k]));
		if (!any)
			continue;
		cells[0] = int_s(d, (json_int_t)++shown);
		cells[1] = or_(S(u, "name"), "");
		for (size_t k = 0; k < n; k++)
			cells[k + 2] = fmt_value(d, json_object_get(uf, codes[k]), measures[k]);
		rc = lt_doc_table_add_row(d, t, cells, false, e);
	}
	return rc;
}

/* "12,5": a percentage the Vietnamese way. */
static const char *pct(lt_doc *d, double v)
{
	lt_buf b;

	lt_buf_init(&b, 32);
	lt_ignore(lt_vndate_format_decimal(&b, isnan(v) ? 0.0 : v, 1)); /* sticky: see num_s */
	return lt_arena_take_buf(&d->arena, &b);
}

static int other_sections(lt_doc *d, json_t *snap, lt_error *e)
{
	json_t *r = json_object_get(snap, "rollup"), *c = json_object_get(r, "contests");
	json_t *fb = json_object_get(r, "feedback"), *comp = json_object_get(snap, "completeness");
	json_t *x;
	size_t i;
	int rc = lt_doc_add_heading(d, 1, "III. CUỘC THI \"BÊN NHAU LÀ TẾT\"", e);

	if (!rc)
		rc = lt_doc_add_paragraph(
			d,
			lt_arena_printf(&d->arena, "Số bài dự thi: %lld bài viết, %lld video clip.",
					(long long)json_integer_value(json_object_get(c, "writing")),
					(long long)json_integer_value(json_object_get(c, "video"))),
			e);
	if (!rc)
		rc = lt_doc_add_heading(d, 1, "IV. TỔNG HỢP Ý KIẾN, ĐỀ XUẤT CỦA NGƯỜI LAO ĐỘNG", e);
	if (!rc && !json_integer_value(json_object_get(fb, "total")))
		rc = lt_doc_add_paragraph(d, "Chưa có tin nhắn phản hồi trong kỳ báo cáo.", e);
	if (!rc && json_integer_value(json_object_get(fb, "total"))) {
		rc = lt_doc_add_paragraph(
			d,
			lt_arena_printf(&d->arena,
					"Tiếp nhận %lld tin nhắn, ý kiến của đoàn viên, người lao động"
					" (%lld tin khẩn, %lld quá hạn xử lý), theo chủ đề:",
					(long long)json_integer_value(json_object_get(fb, "total")),
					(long long)json_integer_value(json_object_get(fb, "urgent")),
					(long long)json_integer_value(json_object_get(fb, "overdue"))),
			e);
		json_array_foreach(json_object_get(fb, "by_topic"), i, x) {
			if (rc)
				break;
			if (!json_integer_value(json_object_get(x, "count")))
				continue;
			rc = lt_doc_add_bullet(d, "-",
					       lt_arena_printf(&d->arena, "%s: %lld tin nhắn",
							       or_(S(x, "name_vi"), S(x, "code")),
							       (long long)json_integer_value(json_object_get(x, "count"))),
					       e);
		}
		if (!rc && json_array_size(json_object_get(fb, "top_cases")))
			rc = lt_doc_add_paragraph(d, "Những vấn đề nhiều người phản ánh và đề xuất:", e);
		json_array_foreach(json_object_get(fb, "top_cases"), i, x) {
			if (rc)
				break;
			rc = lt_doc_add_bullet(
				d, "+",
				lt_arena_printf(&d->arena, "%s (%lld tin nhắn, %s) — đề xuất: %s", S(x, "text"),
						(long long)json_integer_value(json_object_get(x, "count")),
						or_(S(json_object_get(x, "unit"), "name"), ""),
						or_(S(x, "proposal"), "chưa có")),
				e);
		}
	}
	/* A unit with no units under it reports on itself: no progress section. */
	if (!json_array_size(json_object_get(snap, "children")))
		return rc;
	if (!rc)
		rc = lt_doc_add_heading(d, 1, "V. TIẾN ĐỘ BÁO CÁO CỦA CÁC ĐƠN VỊ", e);
	if (!rc) {
		double rate = json_number_value(json_object_get(comp, "reporting_rate")) * 100.0;
		double ontime = json_number_value(json_object_get(comp, "on_time_rate")) * 100.0;
		rc = lt_doc_add_paragraph(
			d,
			lt_arena_printf(&d->arena,
					"Số đơn vị phải báo cáo: %lld; đã báo cáo: %lld (đúng hạn %lld, muộn"
					" %lld); chưa báo cáo: %lld. Tỷ lệ báo cáo %s%%, đúng hạn %s%%"
					" (hạn %s). Số liệu trên tổng hợp từ %s.",
					(long long)json_integer_value(json_object_get(comp, "expected")),
					(long long)json_integer_value(json_object_get(comp, "submitted")),
					(long long)json_integer_value(json_object_get(comp, "on_time")),
					(long long)json_integer_value(json_object_get(comp, "late")),
					(long long)json_integer_value(json_object_get(comp, "missing")),
					pct(d, rate), pct(d, ontime),
					short_date(d, S(comp, "deadline")),
					!strcmp(or_(S(snap, "basis"), ""), "accepted")
						? "các báo cáo đã được duyệt"
						: "các báo cáo đã được duyệt và đã nộp chờ duyệt"),
			e);
	}
	if (!rc && json_integer_value(json_object_get(comp, "missing")) > 0)
		rc = lt_doc_add_paragraph(
			d,
			lt_arena_printf(&d->arena, "Các đơn vị chưa báo cáo (%lld đơn vị):",
					(long long)json_integer_value(json_object_get(comp, "missing"))),
			e);
	json_array_foreach(json_object_get(comp, "missing_units"), i, x) {
		if (rc || i >= LT_REPORT_MISSING_LISTED)
			break;
		rc = lt_doc_add_bullet(d, "-", or_(S(x, "name"), S(x, "code")), e);
	}
	/* The rest by count: the national tree has tens of thousands. */
	if (!rc && json_integer_value(json_object_get(comp, "missing")) > (json_int_t)i)
		rc = lt_doc_add_bullet(
			d, "-",
			lt_arena_printf(&d->arena,
					"và %lld đơn vị khác (danh sách trong tệp Excel của báo cáo,"
					" trang “Tiến độ”).",
					(long long)(json_integer_value(json_object_get(comp, "missing")) -
						    (json_int_t)i)),
			e);
	return rc;
}

int lt_report_doc(json_t *snap, const char *sha, lt_doc **out, lt_error *e)
{
	lt_doc *d = NULL;
	json_t *u = json_object_get(snap, "unit"), *dir = json_object_get(snap, "directive");
	json_t *narr = json_object_get(snap, "narrative");
	char day[11];
	const char *number = S(snap, "report_number"), *place;
	int rc = lt_doc_new(&d, LT_DOC_REPORT, e);

	*out = NULL;
	if (rc)
		return rc;
	iso_of(snap, day);
	place = lt_report_place(strcmp(or_(S(u, "level"), ""), "grassroots")
					? S(u, "name")
					: or_(S(json_object_get(u, "parent"), "name"), S(u, "name")));
	rc = lt_doc_set_header(d, S(json_object_get(u, "parent"), "name"), S(u, "name"),
			       number ? number : "…/BC (dự thảo)", e);
	if (!rc)
		rc = lt_doc_set_place_date(d, place, day, e);
	if (!rc)
		rc = lt_doc_set_title(
			d, "BÁO CÁO",
			lt_arena_printf(&d->arena, "Kết quả thực hiện Công văn số %s ngày %s về việc %s",
					or_(S(dir, "number"), "…"), short_date(d, S(dir, "date")),
					or_(S(dir, "subject"), "")),
			e);
	if (!rc)
		rc = lt_doc_add_paragraph(
			d,
			lt_arena_printf(&d->arena,
					"Thực hiện Công văn số %s ngày %s của %s về việc %s; %s báo cáo"
					" kết quả thực hiện như sau:",
					or_(S(dir, "number"), "…"), short_date(d, S(dir, "date")),
					or_(S(dir, "issuer"), ""), or_(S(dir, "subject"), ""),
					S(u, "name")),
			e);
	if (!rc)
		rc = items_section(d, snap, e);
	if (!rc)
		rc = figures_section(d, snap, e);
	if (!rc)
		rc = per_unit_section(d, snap, e);
	if (!rc)
		rc = other_sections(d, snap, e);
	if (!rc && json_object_get(u, "parent"))
		rc = lt_doc_add_cc(d, lt_arena_printf(&d->arena, "%s (để báo cáo);",
						      S(json_object_get(u, "parent"), "name")),
				   e);
	if (!rc)
		rc = lt_doc_add_cc(d, "Lưu VP.", e);
	if (!rc)
		rc = lt_doc_set_signer(d, or_(S(narr, "signer_authority"), "TM. BAN THƯỜNG VỤ"),
				       or_(S(narr, "signer_title"), "CHỦ TỊCH"),
				       or_(S(narr, "signer_name"), "…………………………"), NULL, e);
	if (!rc)
		rc = lt_doc_set_footer(
			d,
			sha ? lt_arena_printf(&d->arena, "Bản nộp lần %lld — mã kiểm tra SHA-256: %s",
					      (long long)json_integer_value(json_object_get(snap, "revision")),
					      sha)
			    : "Bản nháp — chưa nộp, số liệu có thể còn thay đổi.",
			true, e);
	/* A cell that could not be formatted left the arena failed: no document with holes. */
	if (!rc && lt_arena_failed(&d->arena))
		rc = lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ khi lập báo cáo",
				  "Out of memory while building the report");
	if (rc) {
		lt_doc_free(d);
		return rc;
	}
	*out = d;
	return 0;
}
