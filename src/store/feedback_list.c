/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * feedback_list.c — a filtered list of messages, newest first, bounded at
 * any size: a national union holds about a million of them.
 *
 * One request looks at a window of at most LT_FB_SCAN candidate messages,
 * newest first from the page's cursor, read through the index that fits
 * the request (the drive below), and checks every filter on each of them.
 * The page is the first matches of the window; total counts the matches
 * in the window; when the window ends before the candidates do, the next
 * cursor continues from where it stopped, so that paging still reaches
 * every match and no request reads more than the window.
 *
 * The drive: a case, a holder, a receiving unit, or an inbox (held or
 * received) each has its own index. A subtree of at most LT_FB_SMALL units is
 * read unit by unit (unit(path), then feedback(unit_id, received_at)); a
 * larger one by time (feedback(received_at)), where each unit's share of
 * the messages fills a window, or, when a status (or the open ones, or the
 * overdue ones) is asked, by status and time (feedback(status,
 * received_at, due_at)), where a rare status fills it as well. The SQL picks neither
 * order by itself: SQLite has no statistics on the tree's paths, and the
 * wrong order costs a scan of every message (CROSS JOIN fixes the order
 * in SQLite; PostgreSQL plans the same text from its own statistics).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "core/tree.h"
#include "store/feedback_int.h"
#include "store/store.h"
#include "store/unit.h"
#include "text/fold.h"

/* Every filter of the query but the subtree's ($1, $2). */
#define FB_FILTERS                                                                           \
	" AND ($3 = 0 OR f.handler_unit_id = $3)"                                            \
	" AND ($4 = 0 OR f.unit_id = $4)"                                                    \
	" AND ($5 = '' OR f.status = $5)"                                                    \
	" AND ($6 = 0 OR f.status IN " FB_OPEN_SQL ")"                                       \
	" AND ($7 < 0 OR (f.topics & $8) != 0)"                                              \
	" AND ($9 < 0 OR f.urgent = $9)"                                                     \
	" AND ($10 = 0 OR (f.status IN " FB_OPEN_SQL " AND f.due_at < $11))"                 \
	" AND ($12 = 0 OR f.case_id = $12)"                                                  \
	" AND ($15 = 0 OR f.handler_unit_id = $15 OR f.unit_id = $15)"
/* Every filter, as one 0/1 column: the window's rows all come back. */
#define FB_OK "CASE WHEN u.path >= $1 AND u.path < $2" FB_FILTERS " THEN 1 ELSE 0 END"

/* The window: candidates after the cursor ($16, $17) in [$13, $14), newest first. */
#define FB_WINDOW(FROM, DRIVE)                                                               \
	"SELECT w.id, w.at, f.case_id, f.text_fold, " FB_OK " FROM (SELECT f.id AS id,"       \
	" f.received_at AS at FROM " FROM " WHERE " DRIVE " AND f.received_at >= $13"          \
	" AND f.received_at < $14 AND f.received_at <= $16"                                   \
	" AND (f.received_at < $16 OR f.id < $17)"                                            \
	" ORDER BY f.received_at DESC, f.id DESC LIMIT $18) w"                                \
	" JOIN feedback f ON f.id = w.id JOIN unit u ON u.id = f.unit_id"                     \
	" ORDER BY w.at DESC, w.id DESC"

/*
 * The messages of one status, newest first from the cursor, read in order
 * from feedback(status, received_at, due_at); LATE: only those past their
 * deadline. The four open statuses merged are the open (or overdue) window
 * of a large subtree.
 */
#define FB_OF(STATUS, LATE)                                                                  \
	"SELECT * FROM (SELECT f.id, f.received_at FROM feedback f WHERE f.status = " STATUS   \
	LATE " AND f.received_at >= $13 AND f.received_at < $14"                              \
	" AND f.received_at <= $16 AND (f.received_at < $16 OR f.id < $17)"                    \
	" ORDER BY f.received_at DESC, f.id DESC LIMIT $18) x"
#define FB_OPEN(LATE)                                                                        \
	"(" FB_OF("'new'", LATE) " UNION ALL " FB_OF("'in_progress'", LATE)                  \
	" UNION ALL " FB_OF("'proposed'", LATE) " UNION ALL " FB_OF("'escalated'", LATE) ") f"
#define FB_LATE " AND f.due_at < $11"

enum drive { BY_CASE, BY_HOLDER, BY_INBOX, BY_UNIT, BY_UNITS, BY_LATE, BY_OPEN, BY_STATUS, BY_TIME };

static const char *const window_sql[] = {
	[BY_CASE] = FB_WINDOW("feedback f", "f.case_id = $12"),
	[BY_HOLDER] = FB_WINDOW("feedback f", "f.handler_unit_id = $3"),
	[BY_INBOX] = FB_WINDOW("feedback f", "(f.handler_unit_id = $15 OR f.unit_id = $15)"),
	[BY_UNIT] = FB_WINDOW("feedback f", "f.unit_id = $4"),
	[BY_UNITS] = FB_WINDOW("unit v CROSS JOIN feedback f",
			       "v.path >= $1 AND v.path < $2 AND f.unit_id = v.id"),
	[BY_LATE] = FB_WINDOW(FB_OPEN(FB_LATE), "f.received_at >= 0"),
	[BY_OPEN] = FB_WINDOW(FB_OPEN(""), "f.received_at >= 0"),
	[BY_STATUS] = FB_WINDOW("(" FB_OF("$5", "") ") f", "f.received_at >= 0"),
	[BY_TIME] = FB_WINDOW("feedback f", "f.received_at >= 0"),
};

static int pick_drive(lt_db *db, const lt_feedback_query *q, const char *lo, enum drive *d,
		      lt_error *e)
{
	int small = q->small > 0 ? q->small : LT_FB_SMALL;
	int64_t n = 0;
	int rc;

	if (q->case_id)
		*d = BY_CASE;
	else if (q->unit_id)
		*d = BY_UNIT;
	else if (q->handler_unit_id)
		*d = BY_HOLDER;
	else if (q->involves)
		*d = BY_INBOX;
	else if ((rc = lt_unit_count_under(db, lo, small, &n, e)))
		return rc;
	else if (n <= small)
		*d = BY_UNITS;
	else if (q->overdue)
		*d = BY_LATE;
	else
		*d = q->status == -2 ? BY_OPEN : q->status >= 0 ? BY_STATUS : BY_TIME;
	return 0;
}

/* A set of case ids (open addressing; 0 is never an id). */
typedef struct id_set {
	int64_t *slot;
	size_t mask, used;
} id_set;

/* Add id; true when it was there already. */
static bool id_set_put(id_set *s, int64_t id)
{
	size_t i = (size_t)((uint64_t)id * 0x9e3779b97f4a7c15u >> 20) & s->mask;

	while (s->slot[i] && s->slot[i] != id)
		i = (i + 1) & s->mask;
	if (s->slot[i])
		return true;
	s->slot[i] = id;
	s->used++;
	return false;
}

/* Double a heap set's slots (1,024 to start), keeping its ids; LT_ENOMEM. */
static int id_set_grow(id_set *s)
{
	id_set g = { .mask = s->slot ? s->mask * 2 + 1 : 1023 };

	if (!(g.slot = calloc(g.mask + 1, sizeof(*g.slot))))
		return LT_ENOMEM;
	for (size_t i = 0; s->slot && i <= s->mask; i++)
		if (s->slot[i])
			(void)id_set_put(&g, s->slot[i]);
	free(s->slot);
	*s = g;
	return 0;
}

/* The filters' parameters, $1..$15. */
static void bind_filters(lt_stmt *st, const lt_feedback_query *q, const char *lo, const char *hi)
{
	lt_stmt_bind_text(st, 1, lo);
	lt_stmt_bind_text(st, 2, hi);
	lt_stmt_bind_int(st, 3, q->handler_unit_id);
	lt_stmt_bind_int(st, 4, q->unit_id);
	lt_stmt_bind_text(st, 5, q->status >= 0 ? lt_fb_status_code(q->status) : "");
	lt_stmt_bind_int(st, 6, q->status == -2 ? 1 : 0);
	lt_stmt_bind_int(st, 7, q->topic);
	lt_stmt_bind_int(st, 8, q->topic >= 0 ? (int64_t)1 << q->topic : 0);
	lt_stmt_bind_int(st, 9, q->urgent);
	lt_stmt_bind_int(st, 10, q->overdue ? 1 : 0);
	lt_stmt_bind_int(st, 11, lt_now());
	lt_stmt_bind_int(st, 12, q->case_id);
	lt_stmt_bind_int(st, 13, q->from > 0 ? q->from : 0);
	lt_stmt_bind_int(st, 14, q->to > 0 ? q->to : INT64_MAX);
	lt_stmt_bind_int(st, 15, q->involves);
}

/* The filters' and the window's parameters, $1..$18. */
static void bind_all(lt_stmt *st, const lt_feedback_query *q, const char *lo, const char *hi,
		     int scan)
{
	bind_filters(st, q, lo, hi);
	lt_stmt_bind_int(st, 16, q->after_id ? q->after_at : INT64_MAX);
	lt_stmt_bind_int(st, 17, q->after_id ? q->after_id : INT64_MAX);
	lt_stmt_bind_int(st, 18, scan);
}

int lt_feedback_list(lt_db *db, const lt_feedback_query *q, lt_arena *a, lt_feedback_page *out,
		     lt_error *e)
{
	lt_stmt *st = NULL;
	char *qfold = NULL, hi[LT_PATH_MAX];
	const char *lo = q->within ? q->within : "/";
	int limit = q->limit > 0 ? (q->limit > 1000 ? 1000 : q->limit) : 50;
	int scan = q->scan > 0 ? q->scan : LT_FB_SCAN, skip = q->offset > 0 ? q->offset : 0;
	int64_t *page = NULL, last_at = 0, last_id = 0, cut_at = 0, cut_id = 0;
	size_t npage = 0, seen = 0;
	id_set cases = { 0 };
	enum drive d;
	int rc;

	memset(out, 0, sizeof(*out));
	if (q->q && *q->q) {
		qfold = lt_text_fold(q->q, strlen(q->q));
		if (!qfold)
			return lt_error_set(e, LT_EINVAL, "q", "Từ khoá không phải UTF-8 hợp lệ",
					    "Search text is not valid UTF-8");
	}
	lt_tree_path_end(lo, hi);
	if (!(page = lt_arena_alloc(a, (size_t)limit * sizeof(*page))))
		goto nomem;
	if (q->leads_only) {
		size_t cap = 1024;
		while (cap < (size_t)scan * 2)
			cap <<= 1;
		cases.mask = cap - 1;
		if (!(cases.slot = lt_arena_alloc(a, cap * sizeof(*cases.slot))))
			goto nomem;
		memset(cases.slot, 0, cap * sizeof(*cases.slot));
	}
	rc = pick_drive(db, q, lo, &d, e);
	if (!rc)
		rc = lt_db_prepare(db, window_sql[d], &st, e);
	if (rc)
		goto out;
	bind_all(st, q, lo, hi, scan);
	while ((rc = lt_stmt_step(st, e)) == 1) {
		int64_t id = lt_stmt_int(st, 0), at = lt_stmt_int(st, 1);

		seen++;
		cut_at = at;
		cut_id = id;
		if (!lt_stmt_int(st, 4))
			continue;
		if (qfold && !lt_text_match_folded(lt_stmt_text(st, 3), qfold))
			continue;
		/* One row per case: the newest matching message stands for it. */
		if (q->leads_only && id_set_put(&cases, lt_stmt_is_null(st, 2) ? id
									 : lt_stmt_int(st, 2)))
			continue;
		out->total++;
		if (skip > 0) {
			skip--;
			continue;
		}
		if (npage < (size_t)limit) {
			page[npage++] = id;
			last_at = at;
			last_id = id;
		} else if (!out->next_at) {
			/* A match past the page: the next page starts after the page's last. */
			out->next_at = last_at;
			out->next_id = last_id;
		}
	}
	lt_stmt_done(st);
	if (rc < 0)
		goto out;
	/* The window ended before the candidates did: the rest lies after it. */
	out->more = seen == (size_t)scan;
	if (out->more && !out->next_at) {
		out->next_at = cut_at;
		out->next_id = cut_id;
	}
	rc = 0;
	if (npage && !(out->items = lt_arena_alloc(a, npage * sizeof(*out->items))))
		goto nomem;
	for (size_t i = 0; !rc && i < npage; i++)
		rc = lt_feedback_get(db, page[i], a, &out->items[i], e);
	if (!rc)
		out->n = npage;
	goto out;
nomem:
	rc = lt_fb_nomem(e);
out:
	free(qfold);
	if (rc)
		memset(out, 0, sizeof(*out));
	return rc;
}

/*
 * An export's walk: one statement over every match, newest first, each
 * message's columns but its case's size. A large subtree is walked by time
 * (the path test hidden from SQLite's planner, which would otherwise start
 * from the subtree's units and sort a million rows); a small one from its
 * units, its few thousand messages sorted.
 */
#define FB_EACH(PATH)                                                                        \
	"SELECT " FB_COLS_WITH("0") FB_FROM " WHERE " PATH " >= $1 AND " PATH " < $2"        \
	FB_FILTERS " AND f.received_at >= $13 AND f.received_at < $14"                        \
	" ORDER BY f.received_at DESC, f.id DESC"

int lt_feedback_each(lt_db *db, const lt_feedback_query *q, size_t batch, lt_feedback_batch_fn fn,
		     void *ctx, lt_error *e)
{
	lt_stmt *st = NULL;
	char *qfold = NULL, hi[LT_PATH_MAX];
	const char *lo = q->within ? q->within : "/";
	lt_feedback *rows = calloc(batch ? batch : 1, sizeof(*rows));
	id_set cases = { 0 };
	int64_t units = 0;
	int small = q->small > 0 ? q->small : LT_FB_SMALL;
	size_t n = 0;
	lt_arena a;
	int rc = 0;

	lt_arena_init(&a);
	if (!rows)
		return lt_fb_nomem(e);
	if (q->q && *q->q && !(qfold = lt_text_fold(q->q, strlen(q->q)))) {
		rc = lt_error_set(e, LT_EINVAL, "q", "Từ khoá không phải UTF-8 hợp lệ",
				  "Search text is not valid UTF-8");
		goto out;
	}
	lt_tree_path_end(lo, hi);
	rc = lt_unit_count_under(db, lo, small, &units, e);
	if (!rc)
		rc = lt_db_prepare(db,
				   units > small && lt_db_dialect(db) != LT_DIALECT_POSTGRES
					   ? FB_EACH("u.path || ''")
					   : FB_EACH("u.path"),
				   &st, e);
	if (rc)
		goto out;
	bind_filters(st, q, lo, hi);
	while ((rc = lt_stmt_step(st, e)) == 1) {
		int64_t case_id = lt_stmt_is_null(st, 3) ? lt_stmt_int(st, 0) : lt_stmt_int(st, 3);

		if (qfold && !lt_text_match_folded(lt_stmt_text(st, 31), qfold))
			continue;
		if (q->leads_only) {
			/* One row per case: grow the set as the cases come (half full at most). */
			if (!cases.slot || cases.used * 2 >= cases.mask + 1) {
				rc = id_set_grow(&cases);
				if (rc) {
					rc = lt_fb_nomem(e);
					break;
				}
			}
			if (id_set_put(&cases, case_id))
				continue;
		}
		lt_fb_read_row(st, &a, &rows[n++]);
		if (n == batch) {
			rc = lt_arena_failed(&a) ? lt_fb_nomem(e) : fn(rows, n, ctx, e);
			lt_arena_free(&a);
			lt_arena_init(&a);
			n = 0;
			if (rc)
				break;
		}
	}
	lt_stmt_done(st);
	if (rc > 0)
		rc = 0;
	if (!rc && n)
		rc = lt_arena_failed(&a) ? lt_fb_nomem(e) : fn(rows, n, ctx, e);
out:
	free(cases.slot);
	free(rows);
	free(qfold);
	lt_arena_free(&a);
	return rc;
}
