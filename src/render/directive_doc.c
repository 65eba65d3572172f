/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* directive_doc.c — see directive_doc.h. */
#include "render/directive_doc.h"

#include <stdio.h>
#include <string.h>

#include "render/doc.h"
#include "render/doc_docx.h"
#include "render/doc_pdf.h"

#define S(o, k) json_string_value(json_object_get((o), (k)))

static const char *or_(const char *s, const char *d)
{
	return s && *s ? s : d;
}

/* "2024-02-20" → "20/02/2024" into out[11]. */
static const char *vn(const char *iso, char out[11])
{
	if (!iso || strlen(iso) != 10)
		return iso ? iso : "";
	snprintf(out, 11, "%.2s/%.2s/%.4s", iso + 8, iso + 5, iso);
	return out;
}

static const char *roman(size_t i)
{
	static const char *const r[] = { "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X" };
	return i < 10 ? r[i] : "";
}

/* The unit word of an indicator's measure in a letter, or NULL (counted items). */
static const char *measure_word(const char *m)
{
	static const char *const w[][2] = {
		{ "people", "người" },	   { "vnd", "đồng" },	      { "tickets", "vé" },
		{ "trips", "chuyến" },	   { "stalls", "gian hàng" }, { "programmes", "chương trình" },
		{ "visits", "lượt" },	   { "percent", "%" },
	};
	for (size_t i = 0; m && i < sizeof(w) / sizeof(w[0]); i++)
		if (!strcmp(m, w[i][0]))
			return w[i][1];
	return NULL;
}

/*
 * "Các chỉ tiêu báo cáo": one bullet per figure asked for, by its label and
 * unit (doc's "indicator_labels", filled by the app from the catalogue); the
 * codes of "indicators" are never printed.
 */
static int indicators(lt_doc *d, json_t *doc, lt_error *e)
{
	json_t *x, *v = json_object_get(doc, "indicator_labels");
	size_t i;
	int rc = 0;

	if (!json_array_size(v))
		return 0;
	rc = lt_doc_add_heading(d, 1, "CÁC CHỈ TIÊU BÁO CÁO", e);
	if (!rc)
		rc = lt_doc_add_paragraph(
			d, "Các đơn vị báo cáo số liệu theo các chỉ tiêu sau:", e);
	json_array_foreach(v, i, x) {
		char line[400];
		const char *w = measure_word(S(x, "measure"));
		if (rc)
			break;
		snprintf(line, sizeof(line), "%s%s%s%s", or_(S(x, "label"), "…"), w ? " (đơn vị tính: " : "",
			 w ? w : "", w ? ")" : "");
		rc = lt_doc_add_bullet(d, "-", line, e);
	}
	return rc;
}

static int build(lt_doc *d, json_t *doc, const char *parent, const char *issuer,
		 const char *recipients, lt_error *e)
{
	json_t *t, *x, *signer = json_object_get(doc, "signer");
	size_t i, j;
	int rc = lt_doc_set_header(d, parent, issuer, or_(S(doc, "number"), "…"), e);

	if (!rc && S(doc, "date"))
		rc = lt_doc_set_place_date(d, or_(S(doc, "place"), ""), S(doc, "date"), e);
	if (!rc && S(doc, "subject"))
		rc = lt_doc_set_title(d, NULL, S(doc, "subject"), e);
	if (!rc && recipients)
		rc = lt_doc_add_recipient(d, recipients, e);
	json_array_foreach(json_object_get(doc, "references"), i, x) {
		char line[600], d10[11];
		if (rc)
			break;
		snprintf(line, sizeof(line), "Thực hiện văn bản số %s%s%s%s%s.", S(x, "number"),
			 S(x, "date") ? " ngày " : "", vn(S(x, "date"), d10),
			 S(x, "issuer") ? " của " : "", or_(S(x, "issuer"), ""));
		rc = lt_doc_add_paragraph(d, line, e);
	}
	if (!rc && S(doc, "motto")) {
		char line[700];
		snprintf(line, sizeof(line), "Phương châm: “%s”.", S(doc, "motto"));
		rc = lt_doc_add_paragraph(d, line, e);
	}
	json_array_foreach(json_object_get(doc, "themes"), i, t) {
		char head[700];
		if (rc)
			break;
		snprintf(head, sizeof(head), "%s. %s", roman(i), S(t, "title"));
		rc = lt_doc_add_heading(d, 1, head, e);
		json_array_foreach(json_object_get(t, "items"), j, x) {
			if (rc)
				break;
			rc = lt_doc_add_bullet(d, "-", json_string_value(x), e);
		}
	}
	if (!rc && json_array_size(json_object_get(doc, "tasks")))
		rc = lt_doc_add_heading(d, 1, "NHIỆM VỤ", e);
	json_array_foreach(json_object_get(doc, "tasks"), i, x) {
		if (rc)
			break;
		rc = lt_doc_add_bullet(d, "+", json_string_value(x), e);
	}
	if (!rc)
		rc = indicators(d, doc, e);
	if (!rc && (S(doc, "report_deadline") || S(doc, "report_email"))) {
		char line[600], d10[11];
		snprintf(line, sizeof(line), "Báo cáo kết quả%s%s%s%s.",
			 S(doc, "report_deadline") ? " trước ngày " : "", vn(S(doc, "report_deadline"), d10),
			 S(doc, "report_email") ? " qua địa chỉ e-mail " : "", or_(S(doc, "report_email"), ""));
		rc = lt_doc_add_paragraph(d, line, e);
	}
	json_array_foreach(json_object_get(doc, "cc"), i, x) {
		if (rc)
			break;
		rc = lt_doc_add_cc(d, json_string_value(x), e);
	}
	if (!rc)
		rc = lt_doc_set_signer(d, or_(S(signer, "authority"), ""), or_(S(signer, "title"), ""),
				       or_(S(signer, "name"), "…………………………"), NULL, e);
	return rc;
}

const char *lt_directive_recipients_text(json_t *doc, const char *root_name, char *out, size_t n)
{
	const char *mode = S(json_object_get(doc, "recipients"), "mode");

	if (!mode)
		return NULL;
	if (!strcmp(mode, "grassroots_under"))
		snprintf(out, n, "Ban Chấp hành Công đoàn cơ sở trực thuộc %s", or_(root_name, ""));
	else if (!strcmp(mode, "children_of"))
		snprintf(out, n, "Các đơn vị trực thuộc %s", or_(root_name, ""));
	else
		snprintf(out, n, "Các đơn vị có tên trong danh sách gửi kèm");
	return out;
}

/* As lt_directive_render; spot (may be NULL) gets the signature's place of a PDF. */
static int render(json_t *doc, const char *parent, const char *issuer, const char *recipients,
		  const char *format, lt_buf *out, const char **type, lt_doc_pdf_spot *spot,
		  lt_error *e)
{
	lt_doc *d = NULL;
	bool pdf = !strcmp(format, "pdf");
	int rc;

	if (!pdf && strcmp(format, "docx"))
		return lt_error_set(e, LT_EINVAL, "format", "Định dạng phải là pdf hoặc docx",
				    "The format must be pdf or docx");
	rc = pdf ? lt_doc_pdf_init(e) : 0;
	if (!rc)
		rc = lt_doc_new(&d, LT_DOC_DIRECTIVE, e);
	if (!rc)
		rc = build(d, doc, parent, issuer, recipients, e);
	if (!rc && pdf)
		rc = spot ? lt_doc_render_pdf_spot(d, out, spot, e) : lt_doc_render_pdf(d, out, e);
	else if (!rc)
		rc = lt_doc_render_docx(d, out, e);
	lt_doc_free(d);
	*type = pdf ? "application/pdf"
		    : "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
	return rc;
}

int lt_directive_render(json_t *doc, const char *parent, const char *issuer,
			const char *recipients, const char *format, lt_buf *out, const char **type,
			lt_error *e)
{
	return render(doc, parent, issuer, recipients, format, out, type, NULL, e);
}

int lt_directive_render_pdf_spot(json_t *doc, const char *parent, const char *issuer,
				 const char *recipients, lt_buf *out, lt_doc_pdf_spot *spot,
				 lt_error *e)
{
	const char *type;

	return render(doc, parent, issuer, recipients, "pdf", out, &type, spot, e);
}

int lt_directive_annex_pdf(json_t *doc, const char *issuer, const char *const *codes,
			   const char *const *names, size_t n, lt_buf *out, lt_error *e)
{
	static const char *const head[] = { "STT", "Mã đơn vị", "Tên đơn vị" };
	static const double widths[] = { 0.1, 0.3, 0.6 };
	lt_doc *d = NULL;
	lt_doc_table *t = NULL;
	char sub[600], d10[11], no[24];
	int rc;

	snprintf(sub, sizeof(sub), "(Kèm theo Công văn số %s ngày %s của %s)",
		 or_(S(doc, "number"), "…"), vn(S(doc, "date"), d10), or_(issuer, ""));
	rc = lt_doc_pdf_init(e);
	if (!rc)
		rc = lt_doc_new(&d, LT_DOC_ANNEX, e);
	/* Not drawn on an annex: the PDF's metadata (author, date) only. */
	if (!rc)
		rc = lt_doc_set_header(d, NULL, issuer, S(doc, "number"), e);
	if (!rc && S(doc, "date"))
		rc = lt_doc_set_place_date(d, or_(S(doc, "place"), ""), S(doc, "date"), e);
	if (!rc)
		rc = lt_doc_set_title(d, "Danh sách các đơn vị nhận công văn", sub, e);
	if (!rc)
		rc = lt_doc_add_table(d, 3, head, widths, NULL, &t, e);
	for (size_t i = 0; !rc && i < n; i++) {
		const char *row[3] = { no, codes[i], names[i] };
		snprintf(no, sizeof(no), "%zu", i + 1);
		rc = lt_doc_table_add_row(d, t, row, false, e);
	}
	if (!rc)
		rc = lt_doc_render_pdf(d, out, e);
	lt_doc_free(d);
	return rc;
}
