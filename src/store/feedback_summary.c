/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * feedback_summary.c — the "tổng hợp và đề xuất" of a subtree for a period:
 * counts by topic, status, urgency, sub-unit and week, and the largest
 * near-duplicate cases with their proposals. The report feature puts it in
 * the report; the web UI draws the weekly topic chart from it. No personal
 * data leaves this file: senders are never read.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/clock.h"
#include "core/tree.h"
#include "store/feedback_int.h"
#include "store/store.h"

typedef struct week {
	int64_t monday; /* days since 1970-01-01 */
	int64_t total;
	int64_t topic[LT_TOPIC_COUNT];
} week;

typedef struct child {
	int64_t id;
	int64_t total, urgent, open, overdue;
} child;

static int cmp_week(const void *a, const void *b)
{
	const week *x = a, *y = b;
	return (x->monday > y->monday) - (x->monday < y->monday);
}

static void iso_of_day(int64_t day, char out[11])
{
	time_t t = (time_t)(day * 86400);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

/* The id right under root_path in path ("/1/5/" under "/1/" → 5), or 0 for root itself. */
static int64_t child_under(const char *path, const char *root_path)
{
	const char *p = path + strlen(root_path);

	return *p ? strtoll(p, NULL, 10) : 0;
}

static int unit_name(lt_db *db, int64_t id, lt_arena *a, const char **code, const char **name,
		     const char **path, lt_error *e)
{
	lt_stmt *st = NULL;
	int rc = lt_db_prepare(db, "SELECT code, name, path FROM unit WHERE id = $1", &st, e);

	if (rc)
		return rc;
	lt_stmt_bind_int(st, 1, id);
	rc = lt_stmt_step(st, e);
	if (rc == 1) {
		*code = lt_arena_strdup(a, lt_stmt_text(st, 0));
		*name = lt_arena_strdup(a, lt_stmt_text(st, 1));
		if (path)
			*path = lt_arena_strdup(a, lt_stmt_text(st, 2));
	}
	lt_stmt_done(st);
	if (rc == 0)
		return lt_error_set(e, LT_ENOTFOUND, "unit_id", "Không tìm thấy đơn vị #%" PRId64,
				    "No such unit: #%" PRId64, id);
	return rc < 0 ? rc : 0;
}

static int top_cases(lt_db *db, const char *root_path, int64_t t0, int64_t t1, int top_n,
		     json_t *arr, lt_error *e)
{
	lt_stmt *st = NULL;
	char end[LT_PATH_MAX];
	int rc;

	lt_tree_path_end(root_path, end);
	rc = lt_db_prepare(db,
			   "SELECT f.case_id, count(*) AS n, max(f.urgent),"
			   " sum(CASE WHEN f.status IN " FB_OPEN_SQL " THEN 1 ELSE 0 END),"
			   " l.text, l.topics, l.status, u.code, u.name,"
			   " (SELECT g.proposal FROM feedback g WHERE g.case_id = f.case_id"
			   "  AND g.proposal IS NOT NULL ORDER BY g.updated_at DESC LIMIT 1),"
			   " (SELECT g.answer FROM feedback g WHERE g.case_id = f.case_id"
			   "  AND g.answer IS NOT NULL ORDER BY g.updated_at DESC LIMIT 1)"
			   " FROM feedback f JOIN unit u ON u.id = f.unit_id"
			   " JOIN feedback l ON l.id = f.case_id"
			   " WHERE u.path >= $1 AND u.path < $2 AND f.received_at >= $3"
			   " AND f.received_at < $4 AND f.status NOT IN ('spam')"
			   " GROUP BY f.case_id, l.text, l.topics, l.status, u.code, u.name"
			   " ORDER BY n DESC, max(f.urgent) DESC, f.case_id LIMIT $5",
			   &st, e);
	if (rc)
		return rc;
	lt_stmt_bind_text(st, 1, root_path);
	lt_stmt_bind_text(st, 2, end);
	lt_stmt_bind_int(st, 3, t0);
	lt_stmt_bind_int(st, 4, t1);
	lt_stmt_bind_int(st, 5, top_n);
	while ((rc = lt_stmt_step(st, e)) == 1) {
		json_t *c = json_pack("{s:I,s:I,s:b,s:I,s:s,s:o,s:s,s:{s:s,s:s}}", "case_id",
				      (json_int_t)lt_stmt_int(st, 0), "count",
				      (json_int_t)lt_stmt_int(st, 1), "urgent",
				      (int)lt_stmt_int(st, 2), "open",
				      (json_int_t)lt_stmt_int(st, 3), "text", lt_stmt_text(st, 4),
				      "topics", lt_feedback_topics_json((uint32_t)lt_stmt_int(st, 5)),
				      "status", lt_stmt_text(st, 6), "unit", "code",
				      lt_stmt_text(st, 7), "name", lt_stmt_text(st, 8));
		const char *p = lt_stmt_text(st, 9), *ans = lt_stmt_text(st, 10);
		json_object_set_new(c, "proposal", p ? json_string(p) : json_null());
		json_object_set_new(c, "answer", ans ? json_string(ans) : json_null());
		json_array_append_new(arr, c);
	}
	lt_stmt_done(st);
	return rc < 0 ? rc : 0;
}

int lt_feedback_summary(lt_db *db, int64_t root_unit_id, const char *from, const char *to,
			int top_n, json_t **out, lt_error *e)
{
	lt_arena a;
	lt_stmt *st = NULL;
	const char *rcode = NULL, *rname = NULL, *rpath = NULL;
	char end[LT_PATH_MAX], iso[11];
	int64_t t0 = 0, t1 = INT64_MAX, now = lt_now();
	int64_t total = 0, urgent = 0, overdue = 0, by_topic[LT_TOPIC_COUNT] = { 0 };
	int64_t by_status[LT_FB_STATUS_COUNT] = { 0 };
	week *weeks = NULL;
	child *kids = NULL;
	size_t nweeks = 0, wcap = 0, nkids = 0, kcap = 0;
	json_t *j = NULL, *arr;
	int rc;

	*out = NULL;
	lt_arena_init(&a);
	if ((from && *from && lt_feedback_day_start(from, &t0)) ||
	    (to && *to && lt_feedback_day_start(to, &t1))) {
		rc = lt_error_set(e, LT_EINVAL, from && lt_feedback_day_start(from, &t0) ? "from" : "to",
				  "Ngày phải có dạng YYYY-MM-DD", "Dates must be YYYY-MM-DD");
		goto out;
	}
	if (to && *to)
		t1 += 86400; /* inclusive */
	if (top_n <= 0 || top_n > 100)
		top_n = 10;
	rc = unit_name(db, root_unit_id, &a, &rcode, &rname, &rpath, e);
	if (rc)
		goto out;
	lt_tree_path_end(rpath, end);
	rc = lt_db_prepare(db,
			   "SELECT u.path, f.topics, f.status, f.urgent, f.due_at, f.received_at"
			   " FROM feedback f JOIN unit u ON u.id = f.unit_id"
			   " WHERE u.path >= $1 AND u.path < $2 AND f.received_at >= $3"
			   " AND f.received_at < $4",
			   &st, e);
	if (rc)
		goto out;
	lt_stmt_bind_text(st, 1, rpath);
	lt_stmt_bind_text(st, 2, end);
	lt_stmt_bind_int(st, 3, t0);
	lt_stmt_bind_int(st, 4, t1);
	while ((rc = lt_stmt_step(st, e)) == 1) {
		uint32_t topics = (uint32_t)lt_stmt_int(st, 1);
		int status = lt_fb_status_from(lt_stmt_text(st, 2));
		bool urg = lt_stmt_int(st, 3) != 0;
		bool open = status >= 0 && status <= LT_FB_ESCALATED;
		bool late = open && lt_stmt_int(st, 4) < now;
		int64_t day = lt_vn_day(lt_stmt_int(st, 5));
		int64_t monday = day - ((day + 3) % 7);
		int64_t cid = child_under(lt_stmt_text(st, 0), rpath);
		size_t w, k;

		total++;
		urgent += urg;
		overdue += late;
		if (status >= 0)
			by_status[status]++;
		for (int t = 0; t < LT_TOPIC_COUNT; t++)
			by_topic[t] += (topics >> t) & 1;
		for (w = 0; w < nweeks && weeks[w].monday != monday; w++)
			;
		if (w == nweeks) {
			weeks = lt_fb_grow(&a, weeks, nweeks, &wcap, sizeof(*weeks));
			if (!weeks)
				goto nomem;
			memset(&weeks[nweeks], 0, sizeof(*weeks));
			weeks[nweeks++].monday = monday;
		}
		weeks[w].total++;
		for (int t = 0; t < LT_TOPIC_COUNT; t++)
			weeks[w].topic[t] += (topics >> t) & 1;
		for (k = 0; k < nkids && kids[k].id != cid; k++)
			;
		if (k == nkids) {
			kids = lt_fb_grow(&a, kids, nkids, &kcap, sizeof(*kids));
			if (!kids)
				goto nomem;
			memset(&kids[nkids], 0, sizeof(*kids));
			kids[nkids++].id = cid;
		}
		kids[k].total++;
		kids[k].urgent += urg;
		kids[k].open += open;
		kids[k].overdue += late;
	}
	lt_stmt_done(st);
	if (rc < 0)
		goto out;

	j = json_pack("{s:{s:I,s:s,s:s},s:I,s:I,s:I}", "unit", "id", (json_int_t)root_unit_id,
		      "code", rcode, "name", rname, "total", (json_int_t)total, "urgent",
		      (json_int_t)urgent, "overdue", (json_int_t)overdue);
	json_object_set_new(j, "from", from && *from ? json_string(from) : json_null());
	json_object_set_new(j, "to", to && *to ? json_string(to) : json_null());
	arr = json_array();
	for (int t = 0; t < LT_TOPIC_COUNT; t++)
		json_array_append_new(arr, json_pack("{s:s,s:s,s:s,s:I}", "code", lt_topic_code(t),
						     "name_vi", lt_topic_name_vi(t), "name_en",
						     lt_topic_name_en(t), "count",
						     (json_int_t)by_topic[t]));
	json_object_set_new(j, "by_topic", arr);
	arr = json_object();
	for (int s = 0; s < LT_FB_STATUS_COUNT; s++)
		json_object_set_new(arr, lt_fb_status_code(s), json_integer(by_status[s]));
	json_object_set_new(j, "by_status", arr);
	json_object_set_new(j, "by_urgency", json_pack("{s:I,s:I}", "urgent", (json_int_t)urgent,
						       "normal", (json_int_t)(total - urgent)));
	arr = json_array();
	for (size_t k = 0; k < nkids; k++) {
		const char *code = rcode, *name = rname;
		if (kids[k].id) {
			rc = unit_name(db, kids[k].id, &a, &code, &name, NULL, e);
			if (rc)
				goto out;
		}
		json_array_append_new(arr, json_pack("{s:I,s:s,s:s,s:I,s:I,s:I,s:I}", "id",
						     (json_int_t)(kids[k].id ? kids[k].id
									     : root_unit_id),
						     "code", code, "name", name, "total",
						     (json_int_t)kids[k].total, "urgent",
						     (json_int_t)kids[k].urgent, "open",
						     (json_int_t)kids[k].open, "overdue",
						     (json_int_t)kids[k].overdue));
	}
	json_object_set_new(j, "by_unit", arr);
	if (nweeks)
		qsort(weeks, nweeks, sizeof(*weeks), cmp_week);
	arr = json_array();
	for (size_t w = 0; w < nweeks; w++) {
		json_t *tc = json_object();
		for (int t = 0; t < LT_TOPIC_COUNT; t++)
			json_object_set_new(tc, lt_topic_code(t), json_integer(weeks[w].topic[t]));
		iso_of_day(weeks[w].monday, iso);
		json_array_append_new(arr, json_pack("{s:s,s:I,s:o}", "week", iso, "total",
						     (json_int_t)weeks[w].total, "topics", tc));
	}
	json_object_set_new(j, "by_week", arr);
	arr = json_array();
	json_object_set_new(j, "top_cases", arr);
	rc = top_cases(db, rpath, t0, t1, top_n, arr, e);
	if (rc)
		goto out;
	*out = j;
	j = NULL;
	goto out;
nomem:
	lt_stmt_done(st);
	rc = lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
out:
	json_decref(j);
	lt_arena_free(&a);
	return rc;
}
