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
#include <strings.h>

#include "core/clock.h"
#include "core/validate.h"
#include "render/report_render.h"
#include "store/audit.h"
#include "store/mail.h"

#define S(o, k) json_string_value(json_object_get((o), (k)))
/* One report goes to one address once while that mail waits and this long after. */
#define RESEND_AFTER (10 * 60)

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

/* Is addr one of the union's addresses for unit u: its own, or a unit's above it? */
static int union_address(lt_db *db, const lt_unit *u, const char *addr, lt_arena *a, bool *yes,
			 lt_error *e)
{
	lt_unit *up = NULL;
	size_t n = 0;
	int rc;

	*yes = u->email && !strcasecmp(u->email, addr);
	if (*yes)
		return 0;
	rc = lt_unit_ancestors(db, u, a, &up, &n, e);
	for (size_t i = 0; !rc && !*yes && i < n; i++)
		*yes = up[i].email && !strcasecmp(up[i].email, addr);
	return rc;
}

/*
 * May who mail unit u's report to addr? Anyone may mail the directive's
 * report address (report_email, may be NULL) and the union's own addresses
 * (u's, its ancestors'); only an officer (or the console) may mail an
 * address outside the union: a report carries the subtree's figures and
 * its workers' feedback, and a cadre's account is the easiest to steal.
 * LT_EFORBIDDEN naming "to" otherwise.
 */
static int may_mail(lt_db *db, const lt_actor *who, const lt_unit *u, const char *addr,
		    const char *report_email, lt_arena *a, lt_error *e)
{
	bool ok = lt_actor_at_least(who, LT_ROLE_OFFICER) ||
		  (report_email && !strcasecmp(report_email, addr));
	int rc = ok ? 0 : union_address(db, u, addr, a, &ok, e);

	if (!rc && !ok)
		rc = lt_error_set(e, LT_EFORBIDDEN, "to",
				  "Cán bộ cơ sở chỉ gửi được báo cáo tới địa chỉ nhận báo cáo của công"
				  " văn hoặc e-mail của đơn vị mình và các đơn vị cấp trên",
				  "A cadre may mail a report only to the directive's report address or"
				  " to the e-mail of its own unit or a unit above it");
	return rc;
}

/*
 * Has report id just gone to addr (a mail still queued, or queued in the
 * last RESEND_AFTER seconds)? Then LT_ETHROTTLE naming "to": sending it
 * again and again would fill the queue (each mail keeps its PDF and XLSX)
 * and the recipient's mailbox.
 */
static int not_just_sent(lt_db *db, int64_t id, const char *addr, lt_arena *a, lt_error *e)
{
	lt_mail_entry *m = NULL;
	size_t n = 0;
	int64_t now = lt_now();
	int rc = lt_mail_log(db, "report", id, a, &m, &n, e);

	for (size_t i = 0; !rc && i < n; i++)
		if (!strcasecmp(m[i].to, addr) &&
		    (!strcmp(m[i].status, "queued") || now - m[i].created_at < RESEND_AFTER))
			rc = lt_error_set(e, LT_ETHROTTLE, "to",
					  "Báo cáo này vừa được gửi tới %s: hãy chờ thư đi và %d phút"
					  " rồi mới gửi lại",
					  "This report was just sent to %s: wait until that mail has"
					  " gone and %d minutes before sending it again",
					  addr, RESEND_AFTER / 60);
	return rc;
}

int lt_app_report_mail_queue(lt_db *db, const lt_actor *who, const lt_unit *u,
			      const lt_report *r, const char *to, int64_t *mail_id, lt_error *e)
{
	lt_arena a;
	json_t *snap = NULL, *audit = NULL, *d, *un;
	char sha[65], pdf_name[160], xlsx_name[160], *detail = NULL;
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
	un = json_object_get(snap, "unit");
	addr = to && *to ? to : S(d, "report_email");
	if (!addr) {
		rc = lt_error_set(e, LT_EINVAL, "to",
				  "Công văn không ghi địa chỉ nhận báo cáo: hãy nhập địa chỉ",
				  "The directive names no report address: give one");
		goto out;
	}
	/* Checked here too: an address stored before the strict rule goes no further. */
	rc = lt_check_email("to", addr, e);
	if (!rc)
		rc = may_mail(db, who, u, addr, S(d, "report_email"), &a, e);
	if (!rc)
		rc = not_just_sent(db, r->id, addr, &a, e);
	if (!rc)
		rc = lt_report_render(snap, sha, "pdf", &pdf, &type, &ext, e);
	if (!rc)
		rc = lt_report_render(snap, sha, "xlsx", &xlsx, &type, &ext, e);
	if (rc)
		goto out;
	subject = lt_arena_printf(&a, "Báo cáo số %s: kết quả thực hiện Công văn số %s – %s",
				  lt_app_or(r->number, ""), lt_app_or(S(d, "number"), ""), S(un, "name"));
	body = lt_arena_printf(
		&a,
		"Kính gửi: %s\n\n"
		"%s gửi Báo cáo số %s về kết quả thực hiện Công văn số %s ngày %s về việc %s.\n\n"
		"Đính kèm: báo cáo (PDF) và bảng số liệu (XLSX).\n"
		"Lần nộp: %d. Mã kiểm tra SHA-256 của bản báo cáo: %s\n\n"
		"Trân trọng,\n%s\n\n-- \nThư gửi từ lantoa.\n",
		lt_app_or(S(d, "issuer"), ""), S(un, "name"), lt_app_or(r->number, ""), lt_app_or(S(d, "number"), ""),
		lt_app_vn_date(&a, S(d, "date")), lt_app_or(S(d, "subject"), ""), r->rev, sha, S(un, "name"));
	/* The same names as a download: directive, unit, day ("bao-cao-42-LDLD-gia-lam-…"). */
	lt_report_file_name(snap, "pdf", pdf_name, sizeof(pdf_name));
	lt_report_file_name(snap, "xlsx", xlsx_name, sizeof(xlsx_name));
	att[0] = (lt_mail_att){ pdf_name, "application/pdf", pdf.ptr, pdf.len };
	att[1] = (lt_mail_att){ xlsx_name,
				"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
				xlsx.ptr, xlsx.len };
	audit = json_pack("{s:s,s:i}", "to", addr, "rev", r->rev);
	detail = audit ? json_dumps(audit, JSON_COMPACT) : NULL;
	if (!detail) {
		rc = lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
		goto out;
	}
	/* The message and who sent it where, together (rendering stays outside the transaction). */
	rc = lt_db_begin(db, e);
	if (rc)
		goto out;
	rc = lt_mail_enqueue(db, "report", r->id, addr, subject, body, att, 2, mail_id, e);
	if (!rc)
		rc = lt_audit(db, lt_actor_audit_id(who), "send", "report", r->id, detail, e);
	rc = lt_db_end(db, rc, e);
out:
	json_decref(audit);
	free(detail);
	json_decref(snap);
	lt_buf_free(&pdf);
	lt_buf_free(&xlsx);
	lt_arena_free(&a);
	return rc;
}
