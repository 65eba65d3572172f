/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * report_mail.c — a submitted report as e-mail: to the address its
 * directive names, in Vietnamese, with the PDF and the XLSX attached,
 * queued for the mail worker (app/mail.c).
 */
#include "app/report_int.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render/report_render.h"
#include "store/mail.h"
#include "text/fold.h"

#define S(o, k) json_string_value(json_object_get((o), (k)))

const char *lt_app_or(const char *s, const char *d)
{
	return s && *s ? s : d;
}

/* "2024-01-18" → "18/01/2024" (into the arena). */
const char *lt_app_vn_date(lt_arena *a, const char *iso)
{
	if (!iso || strlen(iso) != 10)
		return lt_app_or(iso, "");
	return lt_arena_printf(a, "%.2s/%.2s/%.4s", iso + 8, iso + 5, iso);
}

/* "15/BC-LĐLĐ" → "bao-cao-15-bc-ldld": a file name every mail client keeps. */
static void file_stem(const char *number, char out[96])
{
	char *f = lt_text_fold(number, strlen(number));
	size_t w = 0;

	w = (size_t)snprintf(out, 96, "bao-cao-");
	for (const char *p = f ? f : ""; *p && w < 90; p++) {
		char c = *p;
		out[w++] = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ? c : '-';
	}
	out[w] = '\0';
	free(f);
}

int lt_app_report_mail_queue(lt_db *db, const lt_report *r, const char *to, int64_t *mail_id,
			      lt_error *e)
{
	lt_arena a;
	json_t *snap = NULL, *d, *u;
	char sha[65], stem[96];
	lt_buf pdf, xlsx;
	const char *type, *ext, *addr;
	char *subject = NULL, *body = NULL;
	lt_mail_att att[2];
	int rc;

	lt_arena_init(&a);
	lt_buf_init(&pdf, 64u << 20);
	lt_buf_init(&xlsx, 64u << 20);
	rc = r->rev < 1 ? lt_error_set(e, LT_ECONFLICT, "status",
				       "Báo cáo chưa nộp lần nào: chưa gửi được",
				       "The report has not been submitted yet: nothing to send")
			: lt_app_report_snapshot(db, r->id, r->rev, &a, &snap, sha, e);
	if (rc)
		goto out;
	d = json_object_get(snap, "directive");
	u = json_object_get(snap, "unit");
	addr = to && *to ? to : S(d, "report_email");
	if (!addr) {
		rc = lt_error_set(e, LT_EINVAL, "to",
				  "Công văn không ghi địa chỉ nhận báo cáo: hãy nhập địa chỉ",
				  "The directive names no report address: give one");
		goto out;
	}
	rc = lt_report_render(snap, sha, "pdf", &pdf, &type, &ext, e);
	if (!rc)
		rc = lt_report_render(snap, sha, "xlsx", &xlsx, &type, &ext, e);
	if (rc)
		goto out;
	file_stem(lt_app_or(r->number, "bao-cao"), stem);
	subject = lt_arena_printf(&a, "Báo cáo số %s: kết quả thực hiện Công văn số %s – %s",
				  lt_app_or(r->number, ""), lt_app_or(S(d, "number"), ""), S(u, "name"));
	body = lt_arena_printf(
		&a,
		"Kính gửi: %s\n\n"
		"%s gửi Báo cáo số %s về kết quả thực hiện Công văn số %s ngày %s về việc %s.\n\n"
		"Đính kèm: báo cáo (PDF) và bảng số liệu (XLSX).\n"
		"Lần nộp: %d. Mã kiểm tra SHA-256 của bản báo cáo: %s\n\n"
		"Trân trọng,\n%s\n\n-- \nThư gửi từ lantoa.\n",
		lt_app_or(S(d, "issuer"), ""), S(u, "name"), lt_app_or(r->number, ""), lt_app_or(S(d, "number"), ""),
		lt_app_vn_date(&a, S(d, "date")), lt_app_or(S(d, "subject"), ""), r->rev, sha, S(u, "name"));
	att[0] = (lt_mail_att){ lt_arena_printf(&a, "%s.pdf", stem), "application/pdf", pdf.ptr, pdf.len };
	att[1] = (lt_mail_att){ lt_arena_printf(&a, "%s.xlsx", stem),
				"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
				xlsx.ptr, xlsx.len };
	rc = lt_mail_enqueue(db, "report", r->id, addr, subject, body, att, 2, mail_id, e);
out:
	json_decref(snap);
	lt_buf_free(&pdf);
	lt_buf_free(&xlsx);
	lt_arena_free(&a);
	return rc;
}
