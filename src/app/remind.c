/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* remind.c — reminders to units late with their report; see remind.h. */
#include "app/remind.h"

#include <string.h>

#include "app/directive.h"
#include "app/report_int.h"
#include "core/clock.h"
#include "core/directive.h"
#include "store/directive.h"
#include "store/mail.h"
#include "store/report.h"
#include "store/rollup.h"

/* How the offset reads in the reminder: "còn 3 ngày", "hôm nay là hạn", "đã quá hạn 2 ngày". */
static const char *when_text(lt_arena *a, int off)
{
	if (off < 0)
		return lt_arena_printf(a, "còn %d ngày", -off);
	return off == 0 ? "hôm nay là hạn" : lt_arena_printf(a, "đã quá hạn %d ngày", off);
}

/* Queue one reminder to unit x about directive d, offset off. */
static int queue_one(lt_db *db, const lt_report_dir *d, const lt_report_due *x, int off,
		     lt_arena *a, lt_error *e)
{
	const char *subject, *body;

	subject = lt_arena_printf(a, "Nhắc báo cáo: Công văn số %s (hạn %s)", lt_app_or(d->number, ""),
				  lt_app_vn_date(a, d->deadline));
	body = lt_arena_printf(a,
			       "Kính gửi: %s\n\n%s đề nghị đơn vị báo cáo kết quả thực hiện Công văn số"
			       " %s ngày %s về việc %s. Hạn báo cáo: %s (%s).\n\n"
			       "Đơn vị chưa nộp báo cáo trên lantoa.\n\n-- \nThư nhắc tự động từ lantoa.\n",
			       x->name, lt_app_or(d->issuer, ""), lt_app_or(d->number, ""),
			       lt_app_vn_date(a, d->date), lt_app_or(d->subject, ""),
			       lt_app_vn_date(a, d->deadline), when_text(a, off));
	if (!subject || !body || lt_arena_failed(a))
		return lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	return lt_mail_enqueue(db, "reminder", d->id, x->email, subject, body, NULL, 0, NULL, e);
}

/* The reminders of one directive, in the caller's transaction. */
static int remind(lt_db *db, int64_t directive, const int *offsets, size_t n, lt_arena *a,
		  int *queued, lt_error *e)
{
	lt_report_dir d;
	lt_report_due *todo = NULL;
	char day[11], today[11];
	size_t ntodo = 0;
	int rc = lt_rollup_day(db, directive, day, e);

	if (!rc)
		rc = lt_report_dir_get(db, directive, a, &d, e);
	if (rc || !d.deadline)
		return rc; /* no deadline: nothing to remind of */
	lt_today(today);
	rc = lt_report_unsubmitted(db, directive, a, &todo, &ntodo, e);
	for (size_t i = 0; !rc && i < ntodo; i++) {
		int latest = -1;
		for (size_t k = 0; !rc && k < n; k++) {
			char when[11];
			bool fresh = false;
			lt_date_minus_days(day, -offsets[k], when);
			if (strcmp(today, when) < 0)
				continue;
			rc = lt_reminder_mark(db, directive, todo[i].unit_id, offsets[k], &fresh, e);
			if (!rc && fresh && (latest < 0 || offsets[k] > offsets[latest]))
				latest = (int)k;
		}
		if (!rc && latest >= 0 && todo[i].email) {
			rc = queue_one(db, &d, &todo[i], offsets[latest], a, e);
			*queued += !rc;
		}
	}
	return rc;
}

int lt_app_report_remind(lt_db *db, const lt_actor *who, int64_t directive, const int *offsets,
			 size_t n, int *queued, lt_error *e)
{
	lt_arena a;
	lt_directive_meta m;
	int standing = LT_DIR_NONE, rc;

	*queued = 0;
	lt_arena_init(&a);
	rc = lt_actor_need_role(who, LT_ROLE_OFFICER, e);
	if (!rc)
		rc = lt_db_begin(db, e);
	if (rc)
		goto out;
	rc = lt_directive_get(db, directive, &a, &m, NULL, e);
	if (!rc)
		rc = lt_app_directive_access(db, who, &m, &standing, e);
	if (!rc && standing != LT_DIR_ISSUER)
		rc = lt_error_set(e, LT_EFORBIDDEN, "directive",
				  "Chỉ đơn vị ban hành công văn mới nhắc báo cáo được",
				  "Only the issuing side of a directive sends its reminders");
	if (!rc)
		rc = remind(db, directive, offsets, n, &a, queued, e);
	rc = lt_db_end(db, rc, e);
	if (rc)
		*queued = 0;
out:
	lt_arena_free(&a);
	return rc;
}

int lt_app_remind_due(lt_db *db, const lt_actor *who, const int *offsets, size_t n, int *queued,
		      lt_error *e)
{
	int64_t ids[256];
	size_t nids = 0;
	char lo[11], hi[11];
	int64_t t = lt_now();
	int rc = lt_actor_need_role(who, LT_ROLE_ADMIN, e), last = 0;

	*queued = 0;
	if (rc)
		return rc;
	lt_vn_date(t - 31 * 86400, lo);
	lt_vn_date(t + 31 * 86400, hi);
	rc = lt_report_deadlines_between(db, lo, hi, ids, 256, &nids, e);
	for (size_t i = 0; !rc && i < nids; i++) {
		lt_error one;
		int k = 0, r = lt_app_report_remind(db, who, ids[i], offsets, n, &k, &one);
		*queued += k;
		if (r) {
			last = r;
			if (e)
				*e = one;
		}
	}
	return rc ? rc : last;
}

int lt_app_report_remind_now(lt_db *db, const lt_actor *who, int64_t directive, int *queued,
			     int *late, lt_error *e)
{
	lt_arena a;
	lt_report_dir d;
	lt_directive_meta m;
	lt_report_due *due = NULL;
	size_t ndue = 0;
	int64_t day = 0, today = 0;
	int off = 0, standing = LT_DIR_NONE, rc;

	*queued = *late = 0;
	lt_arena_init(&a);
	rc = lt_actor_need_role(who, LT_ROLE_OFFICER, e);
	if (!rc)
		rc = lt_directive_get(db, directive, &a, &m, NULL, e);
	if (!rc)
		rc = lt_app_directive_access(db, who, &m, &standing, e);
	/* As for a missing one: a directive the actor may not read is not even named. */
	if (!rc && standing == LT_DIR_NONE)
		rc = lt_error_set(e, LT_ENOTFOUND, "id", "Không có công văn này", "No such directive");
	if (!rc && standing != LT_DIR_ISSUER)
		rc = lt_error_set(e, LT_EFORBIDDEN, "directive",
				  "Chỉ đơn vị ban hành công văn mới nhắc báo cáo được",
				  "Only the issuing side of a directive sends its reminders");
	if (!rc)
		rc = lt_report_dir_get(db, directive, &a, &d, e);
	if (!rc && (!d.deadline || lt_iso_day(d.deadline, &day)))
		rc = lt_error_set(e, LT_ECONFLICT, "report_deadline",
				  "Công văn này không yêu cầu báo cáo nên không có gì để nhắc",
				  "This directive asks for no report: there is nothing to remind of");
	if (!rc) {
		today = lt_vn_day(lt_now());
		off = (int)(today - day);
		rc = lt_app_report_remind(db, who, directive, &off, 1, queued, e);
	}
	if (!rc)
		rc = lt_report_unsubmitted(db, directive, &a, &due, &ndue, e);
	if (!rc)
		*late = (int)ndue;
	lt_arena_free(&a);
	return rc;
}
