/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* report_mail.c — see report_mail.h. */
#include "app/report_mail.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/directive.h"
#include "core/report.h"
#include "render/report_render.h"
#include "store/mail.h"
#include "store/report.h"
#include "store/rollup.h"
#include "store/store.h"
#include "text/fold.h"

#define S(o, k) json_string_value(json_object_get((o), (k)))

static const char *or_(const char *s, const char *d)
{
	return s && *s ? s : d;
}

/* "2024-01-18" → "18/01/2024" (into the arena). */
static const char *vn_date(lt_arena *a, const char *iso)
{
	if (!iso || strlen(iso) != 10)
		return or_(iso, "");
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

int lt_report_mail(lt_db *db, int64_t report_id, const char *to, int64_t *mail_id, lt_error *e)
{
	lt_arena a;
	lt_report r = { 0 };
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
	rc = lt_report_get(db, report_id, &a, &r, e);
	if (!rc && r.rev < 1)
		rc = lt_error_set(e, LT_ECONFLICT, "status", "Báo cáo chưa nộp lần nào: chưa gửi được",
				  "The report has not been submitted yet: nothing to send");
	if (!rc)
		rc = lt_report_revision(db, report_id, r.rev, &snap, sha, e);
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
	file_stem(or_(r.number, "bao-cao"), stem);
	subject = lt_arena_printf(&a, "Báo cáo số %s: kết quả thực hiện Công văn số %s – %s",
				  or_(r.number, ""), or_(S(d, "number"), ""), S(u, "name"));
	body = lt_arena_printf(
		&a,
		"Kính gửi: %s\n\n"
		"%s gửi Báo cáo số %s về kết quả thực hiện Công văn số %s ngày %s về việc %s.\n\n"
		"Đính kèm: báo cáo (PDF) và bảng số liệu (XLSX).\n"
		"Lần nộp: %d. Mã kiểm tra SHA-256 của bản báo cáo: %s\n\n"
		"Trân trọng,\n%s\n\n-- \nThư gửi từ lantoa.\n",
		or_(S(d, "issuer"), ""), S(u, "name"), or_(r.number, ""), or_(S(d, "number"), ""),
		vn_date(&a, S(d, "date")), or_(S(d, "subject"), ""), r.rev, sha, S(u, "name"));
	att[0] = (lt_mail_att){ lt_arena_printf(&a, "%s.pdf", stem), "application/pdf", pdf.ptr, pdf.len };
	att[1] = (lt_mail_att){ lt_arena_printf(&a, "%s.xlsx", stem),
				"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
				xlsx.ptr, xlsx.len };
	rc = lt_mail_enqueue(db, "report", report_id, addr, subject, body, att, 2, mail_id, e);
out:
	json_decref(snap);
	lt_report_clear(&r);
	lt_buf_free(&pdf);
	lt_buf_free(&xlsx);
	lt_arena_free(&a);
	return rc;
}

int lt_report_remind(lt_db *db, int64_t directive, const int *offsets, size_t n, int *queued,
		     lt_error *e)
{
	lt_stmt *st = NULL;
	char day[11], today[11];
	json_t *dir = NULL, *todo = json_array(), *x;
	lt_arena a;
	size_t i;
	int rc;

	*queued = 0;
	lt_arena_init(&a);
	rc = lt_rollup_day(db, directive, day, e);
	if (rc)
		goto out;
	lt_today(today);
	rc = lt_db_prepare(db,
			   "SELECT d.number, d.subject, d.date, x.name, d.report_deadline FROM directive d"
			   " JOIN unit x ON x.id = d.issuer_id WHERE d.id = $1",
			   &st, e);
	if (rc)
		goto out;
	lt_stmt_bind_int(st, 1, directive);
	if (lt_stmt_step(st, e) == 1)
		dir = json_pack("{s:s?,s:s?,s:s?,s:s?,s:s?}", "number", lt_stmt_text(st, 0), "subject",
				lt_stmt_text(st, 1), "date", lt_stmt_text(st, 2), "issuer",
				lt_stmt_text(st, 3), "deadline", lt_stmt_text(st, 4));
	lt_stmt_done(st);
	if (!dir || !S(dir, "deadline"))
		goto out; /* no deadline: nothing to remind of */
	/* Recipients with nothing submitted. */
	rc = lt_db_prepare(db,
			   "SELECT u.id, u.name, u.email FROM receipt r JOIN unit u ON u.id = r.unit_id"
			   " WHERE r.directive_id = $1 AND u.active_to IS NULL AND NOT EXISTS"
			   " (SELECT 1 FROM report p WHERE p.directive_id = r.directive_id"
			   "  AND p.unit_id = r.unit_id AND p.first_submitted_at IS NOT NULL)",
			   &st, e);
	if (rc)
		goto out;
	lt_stmt_bind_int(st, 1, directive);
	while ((rc = lt_stmt_step(st, e)) == 1)
		json_array_append_new(todo, json_pack("{s:I,s:s,s:s?}", "id", (json_int_t)lt_stmt_int(st, 0),
						      "name", lt_stmt_text(st, 1), "email",
						      lt_stmt_text(st, 2)));
	lt_stmt_done(st);
	if (rc < 0)
		goto out;
	rc = 0;
	json_array_foreach(todo, i, x) {
		int latest = -1;
		for (size_t k = 0; k < n; k++) {
			char when[11];
			lt_date_minus_days(day, -offsets[k], when);
			if (strcmp(today, when) < 0)
				continue;
			/* Already logged for this offset? */
			rc = lt_db_prepare(db,
					   "INSERT INTO reminder_log(directive_id, unit_id, offset_days)"
					   " VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
					   &st, e);
			if (rc)
				goto out;
			lt_stmt_bind_int(st, 1, directive);
			lt_stmt_bind_int(st, 2, json_integer_value(json_object_get(x, "id")));
			lt_stmt_bind_int(st, 3, offsets[k]);
			rc = lt_stmt_run(st, e);
			if (rc)
				goto out;
			if (lt_db_changes(db) > 0 && (latest < 0 || offsets[k] > offsets[latest]))
				latest = (int)k;
		}
		if (latest >= 0 && S(x, "email")) {
			int64_t mail = 0;
			char *subject = NULL, *body = NULL;
			int off = offsets[latest];
			if (asprintf(&subject, "Nhắc báo cáo: Công văn số %s (hạn %s)",
				     or_(S(dir, "number"), ""), vn_date(&a, S(dir, "deadline"))) < 0)
				subject = NULL;
			if (asprintf(&body,
				     "Kính gửi: %s\n\n%s đề nghị đơn vị báo cáo kết quả thực hiện Công văn số"
				     " %s ngày %s về việc %s. Hạn báo cáo: %s (%s).\n\n"
				     "Đơn vị chưa nộp báo cáo trên lantoa.\n\n-- \nThư nhắc tự động từ lantoa.\n",
				     S(x, "name"), or_(S(dir, "issuer"), ""), or_(S(dir, "number"), ""),
				     vn_date(&a, S(dir, "date")), or_(S(dir, "subject"), ""),
				     vn_date(&a, S(dir, "deadline")),
				     off < 0 ? lt_arena_printf(&a, "còn %d ngày", -off)
				     : off == 0 ? "hôm nay là hạn" : lt_arena_printf(&a, "đã quá hạn %d ngày", off)) < 0)
				body = NULL;
			rc = subject && body ? lt_mail_enqueue(db, "reminder", directive, S(x, "email"),
							       subject, body, NULL, 0, &mail, e)
					     : lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
			free(subject);
			free(body);
			if (rc)
				goto out;
			(*queued)++;
		}
	}
out:
	json_decref(dir);
	json_decref(todo);
	lt_arena_free(&a);
	return rc;
}
