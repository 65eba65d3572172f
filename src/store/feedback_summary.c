/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * feedback_summary.c — the counts behind the "tổng hợp và đề xuất" of a
 * subtree for a period: by topic, status, urgency, sub-unit and week, and
 * the largest near-duplicate cases with their proposals. The report feature
 * puts it in the report; the web UI draws the weekly topic chart from it.
 * No personal data leaves this file: senders are never read.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "core/tree.h"
#include "store/feedback_int.h"

static int cmp_week(const void *a, const void *b)
{
	const lt_fb_sum_week *x = a, *y = b;
	return (x->monday > y->monday) - (x->monday < y->monday);
}

/* The id right under root_path in path ("/1/5/" under "/1/" → 5), or 0 for root itself. */
static int64_t child_under(const char *path, const char *root_path)
{
	const char *p = path + strlen(root_path);

	return *p ? strtoll(p, NULL, 10) : 0;
}

static int unit_names(lt_db *db, int64_t id, lt_arena *a, const char **code, const char **name,
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
	if (rc < 0)
		return rc;
	return lt_arena_failed(a) ? lt_fb_nomem(e) : 0;
}

/* One message of a case, as the pass over the subtree saw it (spam left out). */
typedef struct case_row {
	int64_t case_id;
	uint32_t open, urgent;
} case_row;

static int cmp_case(const void *a, const void *b)
{
	const case_row *x = a, *y = b;
	return (x->case_id > y->case_id) - (x->case_id < y->case_id);
}

/*
 * rows[0..n) in the order of their case: a radix sort, 16 bits a pass and
 * only as many passes as the largest case id needs (two for four billion
 * messages). A national summary sorts a million rows; qsort's comparisons
 * were a fifth of its time. qsort when the scratch copy cannot be had.
 */
static void sort_by_case(case_row *rows, size_t n)
{
	case_row *tmp = n > 1 ? malloc(n * sizeof(*tmp)) : NULL, *from = rows, *to = tmp;
	uint64_t max = 0;

	if (!tmp) {
		if (n > 1)
			qsort(rows, n, sizeof(*rows), cmp_case);
		return;
	}
	for (size_t i = 0; i < n; i++)
		if ((uint64_t)rows[i].case_id > max)
			max = (uint64_t)rows[i].case_id;
	for (unsigned shift = 0; shift < 64 && (shift == 0 || (max >> shift)); shift += 16) {
		static __thread size_t count[65537];
		memset(count, 0, sizeof(count));
		for (size_t i = 0; i < n; i++)
			count[(((uint64_t)from[i].case_id >> shift) & 0xffff) + 1]++;
		for (size_t d = 1; d <= 65536; d++)
			count[d] += count[d - 1];
		for (size_t i = 0; i < n; i++)
			to[count[((uint64_t)from[i].case_id >> shift) & 0xffff]++] = from[i];
		case_row *x = from;
		from = to;
		to = x;
	}
	if (from != rows)
		memcpy(rows, from, n * sizeof(*rows));
	free(tmp);
}

/* Does case x rank above y? Largest, then urgent, then the oldest id. */
static bool ranks_above(const lt_fb_sum_case *x, const lt_fb_sum_case *y)
{
	if (x->count != y->count)
		return x->count > y->count;
	if (x->urgent != y->urgent)
		return x->urgent;
	return x->case_id < y->case_id;
}

/* A case's lead message, its unit, and the case's latest proposal and answer into c. */
static int case_details(lt_db *db, lt_arena *a, lt_fb_sum_case *c, lt_error *e)
{
	lt_stmt *st = NULL;
	int rc = lt_db_prepare(db,
			       "SELECT l.text, l.topics, l.status, u.code, u.name,"
			       " (SELECT g.proposal FROM feedback g WHERE g.case_id = l.id"
			       "  AND g.proposal IS NOT NULL ORDER BY g.updated_at DESC LIMIT 1),"
			       " (SELECT g.answer FROM feedback g WHERE g.case_id = l.id"
			       "  AND g.answer IS NOT NULL ORDER BY g.updated_at DESC LIMIT 1)"
			       " FROM feedback l JOIN unit u ON u.id = l.unit_id WHERE l.id = $1",
			       &st, e);

	if (rc)
		return rc;
	lt_stmt_bind_int(st, 1, c->case_id);
	rc = lt_stmt_step(st, e);
	if (rc == 1) {
		c->text = lt_arena_strdup(a, lt_stmt_text(st, 0));
		c->topics = (uint32_t)lt_stmt_int(st, 1);
		c->status = lt_arena_strdup(a, lt_stmt_text(st, 2));
		c->unit_code = lt_arena_strdup(a, lt_stmt_text(st, 3));
		c->unit_name = lt_arena_strdup(a, lt_stmt_text(st, 4));
		c->proposal = lt_arena_strdup(a, lt_stmt_text(st, 5));
		c->answer = lt_arena_strdup(a, lt_stmt_text(st, 6));
	}
	lt_stmt_done(st);
	return rc < 0 ? rc : 0;
}

/*
 * The top_n largest cases among rows (n of them, sorted here by case): each
 * case's messages counted in the subtree and the period, as the rest of
 * the summary counts them; then the details of the few that are shown.
 */
static int top_cases(lt_db *db, case_row *rows, size_t n, int top_n, lt_arena *a,
		     lt_fb_summary *s, lt_error *e)
{
	int rc = 0;

	if (!n)
		return 0;
	if (!(s->cases = lt_arena_alloc(a, (size_t)top_n * sizeof(*s->cases))))
		return lt_fb_nomem(e);
	sort_by_case(rows, n);
	for (size_t i = 0, j; i < n; i = j) {
		lt_fb_sum_case c = { .case_id = rows[i].case_id };
		size_t k;

		for (j = i; j < n && rows[j].case_id == c.case_id; j++) {
			c.count++;
			c.open += rows[j].open;
			c.urgent = c.urgent || rows[j].urgent;
		}
		/* Insertion into the ranked few. */
		for (k = s->ncases; k > 0 && ranks_above(&c, &s->cases[k - 1]); k--)
			if (k < (size_t)top_n)
				s->cases[k] = s->cases[k - 1];
		if (k < (size_t)top_n) {
			s->cases[k] = c;
			if (s->ncases < (size_t)top_n)
				s->ncases++;
		}
	}
	for (size_t i = 0; !rc && i < s->ncases; i++)
		rc = case_details(db, a, &s->cases[i], e);
	if (!rc && lt_arena_failed(a))
		rc = lt_fb_nomem(e);
	return rc;
}

/* The week starting on Monday `monday` (days since 1970), found or added; slot: week → index + 1. */
static lt_fb_sum_week *week_of(lt_fb_summary *s, lt_arena *a, int64_t monday, size_t *cap,
			       int32_t *slot, size_t nslot)
{
	size_t w = monday >= 0 ? (size_t)(monday / 7) : nslot;
	size_t i;

	if (w < nslot && slot[w])
		return &s->weeks[slot[w] - 1];
	for (i = 0; i < s->nweeks && s->weeks[i].monday != monday; i++)
		;
	if (i == s->nweeks) {
		s->weeks = lt_fb_grow(a, s->weeks, s->nweeks, cap, sizeof(*s->weeks));
		if (!s->weeks)
			return NULL;
		memset(&s->weeks[s->nweeks], 0, sizeof(*s->weeks));
		s->weeks[s->nweeks++].monday = monday;
	}
	if (w < nslot)
		slot[w] = (int32_t)i + 1;
	return &s->weeks[i];
}

/* The sub-unit cid, found or added. */
static lt_fb_sum_unit *unit_of(lt_fb_summary *s, lt_arena *a, int64_t cid, size_t *cap)
{
	size_t i;

	for (i = 0; i < s->nunits && s->units[i].id != cid; i++)
		;
	if (i == s->nunits) {
		s->units = lt_fb_grow(a, s->units, s->nunits, cap, sizeof(*s->units));
		if (!s->units)
			return NULL;
		memset(&s->units[s->nunits], 0, sizeof(*s->units));
		s->units[s->nunits++].id = cid;
	}
	return &s->units[i];
}

/*
 * Count every message of the subtree at rpath received in [t0, t1), and
 * gather the non-spam ones by case into *cases (malloc'd, *ncases).
 *
 * One pass, unit by unit in path order, over the index feedback(unit_id,
 * received_at, topics, status, urgent, due_at, case_id) alone (migration
 * 32): a national summary reads about a million index entries and no
 * message row. A unit's rows come together, so its sub-unit is found once
 * per unit; a week's bucket is found by its number.
 */
static int count_all(lt_db *db, const char *rpath, int64_t t0, int64_t t1, lt_arena *a,
		     lt_fb_summary *s, case_row **cases, size_t *ncases, lt_error *e)
{
	enum { NSLOT = 4096 }; /* weeks since 1970: up to 2048 */
	lt_stmt *st = NULL;
	char end[LT_PATH_MAX];
	size_t wcap = 0, kcap = 0, ccap = 0;
	int64_t now = lt_now(), last_unit = -1;
	int32_t *slot = calloc(NSLOT, sizeof(*slot));
	lt_fb_sum_unit *k = NULL;
	int rc;

	*cases = NULL;
	*ncases = 0;
	if (!slot)
		return lt_fb_nomem(e);
	lt_tree_path_end(rpath, end);
	rc = lt_db_prepare(db,
			   "SELECT u.id, u.path, f.topics, f.status, f.urgent, f.due_at,"
			   " f.received_at, f.case_id FROM unit u CROSS JOIN feedback f"
			   " WHERE u.path >= $1 AND u.path < $2 AND f.unit_id = u.id"
			   " AND f.received_at >= $3 AND f.received_at < $4",
			   &st, e);
	if (rc)
		goto out;
	lt_stmt_bind_text(st, 1, rpath);
	lt_stmt_bind_text(st, 2, end);
	lt_stmt_bind_int(st, 3, t0);
	lt_stmt_bind_int(st, 4, t1);
	while ((rc = lt_stmt_step(st, e)) == 1) {
		uint32_t topics = (uint32_t)lt_stmt_int(st, 2);
		int status = lt_fb_status_from(lt_stmt_text(st, 3));
		bool urg = lt_stmt_int(st, 4) != 0;
		bool open = lt_fb_status_open(status);
		bool late = open && lt_stmt_int(st, 5) < now;
		int64_t day = lt_vn_day(lt_stmt_int(st, 6));
		lt_fb_sum_week *w = week_of(s, a, day - ((day + 3) % 7), &wcap, slot, NSLOT);

		if (lt_stmt_int(st, 0) != last_unit) {
			last_unit = lt_stmt_int(st, 0);
			k = unit_of(s, a, child_under(lt_stmt_text(st, 1), rpath), &kcap);
		}
		if (!w || !k)
			goto nomem;
		s->total++;
		s->urgent += urg;
		s->overdue += late;
		if (status >= 0)
			s->by_status[status]++;
		w->total++;
		for (int t = 0; t < LT_TOPIC_COUNT; t++) {
			s->by_topic[t] += (topics >> t) & 1;
			w->topic[t] += (topics >> t) & 1;
		}
		k->total++;
		k->urgent += urg;
		k->open += open;
		k->overdue += late;
		/* Spam forms no case worth showing; a message without a case has none to join. */
		if (status == LT_FB_SPAM || lt_stmt_is_null(st, 7))
			continue;
		if (*ncases == ccap) {
			size_t ncap = ccap ? ccap * 2 : 1024;
			case_row *grown = realloc(*cases, ncap * sizeof(**cases));
			if (!grown)
				goto nomem;
			*cases = grown;
			ccap = ncap;
		}
		(*cases)[(*ncases)++] = (case_row){ lt_stmt_int(st, 7), open, urg };
	}
	lt_stmt_done(st);
	rc = rc < 0 ? rc : 0;
	goto out;
nomem:
	lt_stmt_done(st);
	rc = lt_fb_nomem(e);
out:
	free(slot);
	return rc;
}

int lt_feedback_summary_read(lt_db *db, int64_t root_unit_id, int64_t t0, int64_t t1,
			     int top_n, lt_arena *a, lt_fb_summary *s, lt_error *e)
{
	const char *rpath = NULL;
	case_row *cases = NULL;
	size_t ncases = 0;
	int rc;

	memset(s, 0, sizeof(*s));
	s->unit_id = root_unit_id;
	rc = unit_names(db, root_unit_id, a, &s->unit_code, &s->unit_name, &rpath, e);
	if (!rc)
		rc = count_all(db, rpath, t0, t1, a, s, &cases, &ncases, e);
	/* The messages of the root itself count under its own name. */
	for (size_t k = 0; !rc && k < s->nunits; k++) {
		lt_fb_sum_unit *u = &s->units[k];
		if (!u->id) {
			u->id = root_unit_id;
			u->code = s->unit_code;
			u->name = s->unit_name;
		} else {
			rc = unit_names(db, u->id, a, &u->code, &u->name, NULL, e);
		}
	}
	if (!rc && s->nweeks)
		qsort(s->weeks, s->nweeks, sizeof(*s->weeks), cmp_week);
	if (!rc)
		rc = top_cases(db, cases, ncases, top_n, a, s, e);
	free(cases);
	return rc;
}

/* ---------- the report's JSON (see feedback.h: kept for store/rollup_collect.c) ---------- */

static json_t *topics_json(uint32_t topics)
{
	json_t *arr = json_array();

	for (int t = 0; t < LT_TOPIC_COUNT; t++)
		if (topics & (1u << t))
			json_array_append_new(arr, json_string(lt_topic_code(t)));
	return arr;
}

static json_t *legacy_json(const lt_fb_summary *s)
{
	json_t *j = json_pack("{s:{s:I,s:s,s:s},s:I,s:I,s:I}", "unit", "id",
			      (json_int_t)s->unit_id, "code", s->unit_code, "name", s->unit_name,
			      "total", (json_int_t)s->total, "urgent", (json_int_t)s->urgent,
			      "overdue", (json_int_t)s->overdue);
	json_t *arr = json_array(), *o = json_object();
	char iso[11];

	json_object_set_new(j, "from", s->from ? json_string(s->from) : json_null());
	json_object_set_new(j, "to", s->to ? json_string(s->to) : json_null());
	for (int t = 0; t < LT_TOPIC_COUNT; t++)
		json_array_append_new(arr, json_pack("{s:s,s:s,s:s,s:I}", "code", lt_topic_code(t),
						     "name_vi", lt_topic_name_vi(t), "name_en",
						     lt_topic_name_en(t), "count",
						     (json_int_t)s->by_topic[t]));
	json_object_set_new(j, "by_topic", arr);
	for (int st = 0; st < LT_FB_STATUS_COUNT; st++)
		json_object_set_new(o, lt_fb_status_code(st), json_integer(s->by_status[st]));
	json_object_set_new(j, "by_status", o);
	json_object_set_new(j, "by_urgency", json_pack("{s:I,s:I}", "urgent", (json_int_t)s->urgent,
						       "normal", (json_int_t)(s->total - s->urgent)));
	arr = json_array();
	for (size_t k = 0; k < s->nunits; k++)
		json_array_append_new(arr, json_pack("{s:I,s:s,s:s,s:I,s:I,s:I,s:I}", "id",
						     (json_int_t)s->units[k].id, "code",
						     s->units[k].code, "name", s->units[k].name,
						     "total", (json_int_t)s->units[k].total, "urgent",
						     (json_int_t)s->units[k].urgent, "open",
						     (json_int_t)s->units[k].open, "overdue",
						     (json_int_t)s->units[k].overdue));
	json_object_set_new(j, "by_unit", arr);
	arr = json_array();
	for (size_t w = 0; w < s->nweeks; w++) {
		o = json_object();
		for (int t = 0; t < LT_TOPIC_COUNT; t++)
			json_object_set_new(o, lt_topic_code(t), json_integer(s->weeks[w].topic[t]));
		lt_iso_of_day(s->weeks[w].monday, iso);
		json_array_append_new(arr, json_pack("{s:s,s:I,s:o}", "week", iso, "total",
						     (json_int_t)s->weeks[w].total, "topics", o));
	}
	json_object_set_new(j, "by_week", arr);
	arr = json_array();
	for (size_t i = 0; i < s->ncases; i++) {
		const lt_fb_sum_case *c = &s->cases[i];
		o = json_pack("{s:I,s:I,s:b,s:I,s:s,s:o,s:s,s:{s:s,s:s}}", "case_id",
			      (json_int_t)c->case_id, "count", (json_int_t)c->count, "urgent",
			      c->urgent, "open", (json_int_t)c->open, "text", c->text, "topics",
			      topics_json(c->topics), "status", c->status, "unit", "code",
			      c->unit_code, "name", c->unit_name);
		json_object_set_new(o, "proposal", c->proposal ? json_string(c->proposal) : json_null());
		json_object_set_new(o, "answer", c->answer ? json_string(c->answer) : json_null());
		json_array_append_new(arr, o);
	}
	json_object_set_new(j, "top_cases", arr);
	return j;
}

int lt_feedback_summary(lt_db *db, int64_t root_unit_id, const char *from, const char *to,
			int top_n, json_t **out, lt_error *e)
{
	lt_arena a;
	lt_fb_summary s;
	int64_t t0 = 0, t1 = INT64_MAX;
	int rc = 0;

	*out = NULL;
	if (from && *from)
		rc = lt_feedback_day_start(from, &t0, "from", e);
	if (!rc && to && *to) {
		rc = lt_feedback_day_start(to, &t1, "to", e);
		t1 += 86400; /* inclusive */
	}
	if (rc)
		return rc;
	lt_arena_init(&a);
	rc = lt_feedback_summary_read(db, root_unit_id, t0, t1, top_n <= 0 || top_n > 100 ? 10 : top_n,
				      &a, &s, e);
	if (!rc) {
		s.from = from && *from ? from : NULL;
		s.to = to && *to ? to : NULL;
		*out = legacy_json(&s);
		rc = *out ? 0 : lt_fb_nomem(e);
	}
	lt_arena_free(&a);
	return rc;
}
