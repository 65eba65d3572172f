/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Tests for src/store/feedback*.c: the rows of workers' feedback. A message
 * stored with its receipt, first step and audit; the near-duplicate case
 * lookup; list filters; the handling rows; topic updates that never
 * override a cadre; rules, training set and model blob; the form's rate
 * counters; the summary's counts. (The rules about them are tested in
 * tests/unit/core/test_feedback.c and tests/unit/app/test_feedback.c.)
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/clock.h"
#include "store/feedback.h"
#include "store/store.h"
#include "store/unit.h"
#include "text/fold.h"

#include "../../lib/pg.h"

typedef struct fx {
	lt_db *db;
	int64_t city, commune, g1, g2;
} fx;

static int64_t mk(lt_db *db, const char *code, const char *name, const char *level,
		  int64_t parent)
{
	lt_unit_input in = { .code = code, .name = name, .level = level, .parent_id = parent,
			     .active_from = "2020-01-01" };
	lt_error e;
	int64_t id = 0;
	if (lt_unit_create(db, &in, 0, &id, &e))
		fail_msg("create %s: %s", code, e.en);
	return id;
}

static int setup(void **state)
{
	fx *f = calloc(1, sizeof(*f));
	lt_error e;

	assert_int_equal(lt_test_db_open(&f->db, &e), 0);
	assert_int_equal(lt_store_migrate(f->db, &e), 0);
	f->city = mk(f->db, "HN", "LĐLĐ thành phố Hà Nội", "province", 0);
	f->commune = mk(f->db, "DT", "Công đoàn xã Đa Tốn", "commune", f->city);
	f->g1 = mk(f->db, "G1", "CĐCS Công ty May Đa Tốn", "grassroots", f->commune);
	f->g2 = mk(f->db, "G2", "CĐCS Trường THCS Đa Tốn", "grassroots", f->commune);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fx *f = *state;
	lt_db_close(f->db);
	free(f);
	return 0;
}

static int64_t count(fx *f, const char *sql)
{
	lt_stmt *st = NULL;
	int64_t n = -1;
	assert_int_equal(lt_db_prepare_once(f->db, sql, &st, NULL), 0);
	if (lt_stmt_step(st, NULL) == 1)
		n = lt_stmt_int(st, 0);
	lt_stmt_free(st);
	return n;
}

/* Store a message as app/feedback would after classifying it. */
static int64_t put(fx *f, int64_t unit, const char *text, uint32_t topics, bool urgent,
		   uint64_t sig, int64_t case_id, char receipt[LT_FB_RECEIPT_LEN + 1])
{
	char *fold = lt_text_fold(text, strlen(text));
	lt_feedback_row r = { .unit_id = unit, .channel = "zalo", .text = text, .text_fold = fold,
			      .sender_name = "Nguyễn Thị Hoa", .sender_phone = "0912 345 678",
			      .received_at = lt_now() - 3600, .due_at = lt_now() + 86400,
			      .topics = topics, .topics_source = "rules", .why = "[]",
			      .urgent = urgent, .urgency_why = "nợ lương", .simhash = sig,
			      .case_id = case_id };
	lt_error e;
	int64_t id = 0;

	if (lt_feedback_insert(f->db, &r, 7, &id, receipt, &e))
		fail_msg("insert: %s", e.en);
	free(fold);
	return id;
}

static void test_insert_keeps_everything_and_starts_the_history(void **state)
{
	fx *f = *state;
	lt_arena a;
	lt_feedback fb;
	lt_fb_step *steps;
	size_t n;
	lt_error e;
	char receipt[LT_FB_RECEIPT_LEN + 1];
	int64_t id = put(f, f->g1, "Công ty nợ lương", 1u << LT_TOPIC_TIEN_LUONG, true, 0, 0,
			 receipt);

	lt_arena_init(&a);
	assert_int_equal(strlen(receipt), 9);
	assert_int_equal(receipt[4], '-');
	assert_null(strpbrk(receipt, "01OIL")); /* no look-alikes */
	assert_int_equal(lt_feedback_get(f->db, id, &a, &fb, &e), 0);
	assert_string_equal(fb.receipt, receipt);
	assert_int_equal(fb.case_id, id); /* a message without a case starts its own */
	assert_int_equal(fb.handler_unit_id, f->g1);
	assert_string_equal(fb.sender_name, "Nguyễn Thị Hoa"); /* stored as is: app masks */
	assert_true(fb.unit_grassroots);
	assert_int_equal(fb.status, LT_FB_NEW);
	assert_true(fb.urgent);
	assert_string_equal(fb.urgency_why, "nợ lương");
	assert_int_equal(lt_feedback_steps(f->db, id, &a, &steps, &n, &e), 0);
	assert_int_equal(n, 1);
	assert_string_equal(steps[0].action, "receive");
	assert_null(steps[0].from_status);
	assert_string_equal(steps[0].note, "zalo");
	assert_int_equal(count(f, "SELECT count(*) FROM audit_event WHERE entity = 'feedback'"
				  " AND action = 'create'"), 1);
	assert_int_equal(count(f, "SELECT count(*) FROM audit_event WHERE action = 'receive'"), 0);
	assert_int_equal(lt_feedback_get(f->db, id + 100, &a, &fb, &e), LT_ENOTFOUND);
	assert_string_equal(e.field, "id");
	lt_arena_free(&a);
}

/* Receipt codes drawn in a test: "AAAA-AAAA" twice, then "BBBB-BBBB". */
static int draws;
static void draw_taken_then_free(char out[LT_FB_RECEIPT_LEN + 1])
{
	strcpy(out, draws++ < 2 ? "AAAA-AAAA" : "BBBB-BBBB");
}

/*
 * A drawn receipt code that is taken is drawn again, and nothing fails:
 * not the message, nor the transaction around it (the national demo's one
 * transaction, an import's). A failed INSERT used to undo it at its commit.
 */
static void test_taken_receipt_drawn_again(void **state)
{
	fx *f = *state;
	lt_error e;
	char first[LT_FB_RECEIPT_LEN + 1], second[LT_FB_RECEIPT_LEN + 1];
	int64_t id;

	draws = 0;
	lt_fb_receipt_draw = draw_taken_then_free;
	put(f, f->g1, "Công ty nợ lương tháng 12", 0, false, 0, 0, first);
	assert_string_equal(first, "AAAA-AAAA");
	assert_int_equal(lt_db_begin(f->db, &e), 0);
	id = put(f, f->g2, "Xin hỏi về thưởng Tết", 0, false, 0, 0, second);
	assert_int_equal(lt_db_end(f->db, 0, &e), 0); /* the outer transaction commits */
	lt_fb_receipt_draw = NULL;
	assert_string_equal(second, "BBBB-BBBB");
	assert_int_equal(draws, 3);
	assert_int_equal(count(f, "SELECT count(*) FROM feedback"), 2);
	assert_true(id > 0);
}

static void test_find_case_nearest_in_window_not_spam(void **state)
{
	fx *f = *state;
	uint64_t sig = 0xF0F0F0F0F0F0F0F0ull;
	int64_t c = -1, first, spam;
	lt_fb_flow_set s = { .status = LT_FB_SPAM };
	lt_error e;

	assert_int_equal(lt_feedback_find_case(f->db, f->g1, sig, 0, 3, &c, &e), 0);
	assert_int_equal(c, 0); /* nothing yet */
	first = put(f, f->g1, "a", 1, false, sig ^ 0x7, 0, NULL); /* distance 3 */
	put(f, f->g2, "b", 1, false, sig, 0, NULL);               /* another unit */
	assert_int_equal(lt_feedback_find_case(f->db, f->g1, sig, 0, 3, &c, &e), 0);
	assert_int_equal(c, first);
	assert_int_equal(lt_feedback_find_case(f->db, f->g1, sig, 0, 2, &c, &e), 0);
	assert_int_equal(c, 0); /* too far */
	assert_int_equal(lt_feedback_find_case(f->db, f->g1, sig, lt_now(), 3, &c, &e), 0);
	assert_int_equal(c, 0); /* before the window */
	/* A closer message marked spam is never a case to join. */
	spam = put(f, f->g1, "c", 1, false, sig ^ 0x1, 0, NULL);
	s.handler_unit_id = f->g1;
	assert_int_equal(lt_feedback_flow_update(f->db, spam, &s, &e), 0);
	assert_int_equal(lt_feedback_find_case(f->db, f->g1, sig, 0, 3, &c, &e), 0);
	assert_int_equal(c, first);
	assert_int_equal(lt_feedback_find_case(f->db, f->g1, 0, 0, 64, &c, &e), 0);
	assert_int_equal(c, 0); /* no signature, no case */
}

/*
 * A unit's near-duplicates are looked for among its latest LT_FB_CASE_SCAN
 * messages only: one older than those is not joined, one among them is, and
 * of two equally near the earlier's case is taken.
 */
static void test_find_case_looks_at_the_latest_messages_only(void **state)
{
	fx *f = *state;
	uint64_t sig = 0xF0F0F0F0F0F0F0F0ull;
	int64_t c = -1, old, near, same;
	lt_error e;

	old = put(f, f->g1, "cũ", 1, false, sig ^ 0x1, 0, NULL); /* distance 1 */
	assert_int_equal(lt_db_begin(f->db, &e), 0);
	for (int i = 0; i < LT_FB_CASE_SCAN; i++)
		put(f, f->g1, "khác", 1, false, ~sig, 0, NULL); /* distance 64 */
	assert_int_equal(lt_db_end(f->db, 0, &e), 0);
	assert_int_equal(lt_feedback_find_case(f->db, f->g1, sig, 0, 3, &c, &e), 0);
	assert_int_equal(c, 0); /* the near one is older than the latest LT_FB_CASE_SCAN */
	assert_int_equal(lt_feedback_find_case(f->db, f->g1, sig ^ 0x1, 0, 64, &c, &e), 0);
	assert_true(c != old && c != 0);
	near = put(f, f->g1, "gần", 1, false, sig ^ 0x3, 0, NULL);   /* distance 2 */
	same = put(f, f->g1, "cũng gần", 1, false, sig ^ 0x5, 0, NULL); /* distance 2 */
	assert_int_equal(lt_feedback_find_case(f->db, f->g1, sig, 0, 3, &c, &e), 0);
	assert_int_equal(c, near);
	assert_true(same > near);
}

/* lt_feedback_list with the old outputs: the page's items, their number and the total. */
static void list(fx *f, const lt_feedback_query *q, lt_arena *a, lt_feedback **items, size_t *n,
		 size_t *total)
{
	lt_feedback_page p;
	lt_error e;

	if (lt_feedback_list(f->db, q, a, &p, &e))
		fail_msg("list: %s", e.en);
	*items = p.items;
	*n = p.n;
	*total = p.total;
}

static void test_list_filters(void **state)
{
	fx *f = *state;
	lt_arena a;
	lt_feedback *items;
	lt_feedback_query q = { .status = -1, .topic = -1, .urgent = -1 };
	size_t n, total;
	lt_error e;
	int64_t id1 = put(f, f->g1, "Chưa trả thưởng Tết", 1u << LT_TOPIC_THUONG_TET, true, 0, 0,
			  NULL);
	int64_t id2 = put(f, f->g1, "Cty chưa trả thưởng tết", 1u << LT_TOPIC_THUONG_TET, false, 0,
			  id1, NULL);
	int64_t id3 = put(f, f->g2, "Bếp ăn nguội", 1u << LT_TOPIC_DOI_SONG, false, 0, 0, NULL);
	lt_fb_flow_set up = { .status = LT_FB_ESCALATED, .handler_unit_id = f->commune };

	lt_arena_init(&a);
	list(f, &q, &a, &items, &n, &total);
	assert_int_equal(n, 3);
	assert_int_equal(items[0].id, id3); /* newest first */
	q.within = "/none/";
	list(f, &q, &a, &items, &n, &total);
	assert_int_equal(n, 0);
	q.within = NULL;
	q.topic = LT_TOPIC_THUONG_TET;
	list(f, &q, &a, &items, &n, &total);
	assert_int_equal(n, 2);
	q.leads_only = true; /* one row per case, the case counted */
	list(f, &q, &a, &items, &n, &total);
	assert_int_equal(n, 1);
	assert_int_equal(items[0].case_count, 2);
	q.leads_only = false;
	q.topic = -1;
	q.urgent = 1;
	list(f, &q, &a, &items, &n, &total);
	assert_true(n == 1 && items[0].id == id1);
	q.urgent = -1;
	q.q = "THUONG TET"; /* diacritics and case ignored */
	list(f, &q, &a, &items, &n, &total);
	assert_int_equal(n, 2);
	q.q = NULL;
	q.limit = 1;
	q.offset = 1;
	list(f, &q, &a, &items, &n, &total);
	assert_int_equal(n, 1);
	assert_int_equal(total, 3);
	assert_int_equal(items[0].id, id2);
	/* Escalated to the commune: held there, still in the grassroots unit's inbox. */
	assert_int_equal(lt_feedback_flow_update(f->db, id3, &up, &e), 0);
	memset(&q, 0, sizeof(q));
	q.status = -1;
	q.topic = -1;
	q.urgent = -1;
	q.handler_unit_id = f->commune;
	list(f, &q, &a, &items, &n, &total);
	assert_true(n == 1 && items[0].id == id3);
	q.handler_unit_id = 0;
	q.involves = f->g2;
	list(f, &q, &a, &items, &n, &total);
	assert_true(n == 1 && items[0].id == id3);
	q.involves = 0;
	q.status = LT_FB_ESCALATED;
	list(f, &q, &a, &items, &n, &total);
	assert_int_equal(n, 1);
	lt_arena_free(&a);
}

/* Move message id's deadline to an hour ago, and close it when closed. */
static void past_due(fx *f, int64_t id, bool closed)
{
	lt_stmt *st = NULL;

	assert_int_equal(lt_db_prepare_once(f->db,
					    "UPDATE feedback SET due_at = $1, status = $2"
					    " WHERE id = $3",
					    &st, NULL),
			 0);
	lt_stmt_bind_int(st, 1, lt_now() - 3600);
	lt_stmt_bind_text(st, 2, closed ? "closed" : "new");
	lt_stmt_bind_int(st, 3, id);
	assert_int_equal(lt_stmt_run(st, NULL), 0);
	lt_stmt_free(st);
}

/* The ids of all[] (oldest first) that pass keep, newest first, into want; how many. */
static size_t expect(const int64_t *all, size_t nall, bool (*keep)(size_t i), int64_t *want)
{
	size_t k = 0;

	for (size_t i = nall; i-- > 0;)
		if (keep(i))
			want[k++] = all[i];
	return k;
}

/* In test_list_windows_reach_every_match, message i is urgent, past due, closed: */
static bool is_urgent(size_t i)
{
	return i % 3 == 0;
}
static bool is_closed(size_t i)
{
	return i % 5 == 0;
}
static bool is_late(size_t i)
{
	return i % 4 == 0 && !is_closed(i);
}
static bool is_open(size_t i)
{
	return !is_closed(i);
}

/* Every match of q, page after page of `limit` from windows of `scan`; returns how many. */
static size_t walk(fx *f, lt_feedback_query q, int limit, int scan, int64_t *ids, size_t cap,
		   size_t *pages)
{
	lt_arena a;
	lt_feedback_page p;
	lt_error e;
	size_t n = 0;

	lt_arena_init(&a);
	q.limit = limit;
	q.scan = scan;
	*pages = 0;
	do {
		if (lt_feedback_list(f->db, &q, &a, &p, &e))
			fail_msg("list: %s", e.en);
		assert_true(p.n <= (size_t)limit);
		assert_true(p.total <= (size_t)scan);
		for (size_t i = 0; i < p.n; i++) {
			assert_true(n < cap);
			ids[n++] = p.items[i].id;
		}
		q.after_at = p.next_at;
		q.after_id = p.next_id;
		(*pages)++;
	} while (p.next_id && *pages < 1000);
	lt_arena_free(&a);
	return n;
}

/* Walk q as pages of 3 from windows of 5: exactly want, in order. */
static void walks_to(fx *f, const lt_feedback_query *q, const int64_t *want, size_t k)
{
	int64_t got[200];
	size_t pages, n = walk(f, *q, 3, 5, got, 200, &pages);

	assert_int_equal(n, k);
	assert_memory_equal(got, want, k * sizeof(*got));
}

/* lt_feedback_each's batches, gathered. */
typedef struct gathered {
	int64_t ids[200];
	size_t n, batches;
} gathered;

static int gather(lt_feedback *rows, size_t n, void *ctx, lt_error *e)
{
	gathered *g = ctx;

	(void)e;
	assert_true(n > 0 && n <= 7);
	for (size_t i = 0; i < n; i++)
		g->ids[g->n++] = rows[i].id;
	g->batches++;
	return 0;
}

/* An export's walk of q, in batches of 7: exactly want, in order. */
static void each_is(fx *f, const lt_feedback_query *q, const int64_t *want, size_t k)
{
	gathered g = { .n = 0 };
	lt_error e;

	assert_int_equal(lt_feedback_each(f->db, q, 7, gather, &g, &e), 0);
	assert_int_equal(g.n, k);
	assert_memory_equal(g.ids, want, k * sizeof(*want));
	assert_int_equal(g.batches, (k + 6) / 7);
}

/* The same matches, newest first, whichever index reads them and however small the window. */
static void check_walks(fx *f, const int64_t *all, size_t nall, int small)
{
	lt_feedback_query q = { .status = -1, .topic = -1, .urgent = -1, .small = small };
	int64_t got[200], want[200];
	size_t n, pages;

	q.within = "/";
	/* Windows of 7 for pages of 5: every message once, in order, though no window holds a page. */
	n = walk(f, q, 5, 7, got, 200, &pages);
	assert_int_equal(n, nall);
	for (size_t i = 0; i < nall; i++)
		assert_int_equal(got[i], all[nall - 1 - i]);
	assert_true(pages >= nall / 5);
	/* A filter that most candidates fail: still all of the matches. */
	q.urgent = 1;
	walks_to(f, &q, want, expect(all, nall, is_urgent, want));
	/* A window wider than everything: one page holds all, the total is exact and final. */
	n = walk(f, q, 100, 1000, got, 200, &pages);
	assert_int_equal(n, expect(all, nall, is_urgent, want));
	assert_int_equal(pages, 1);
	/* By status (read by status and time when large), open ones, overdue ones. */
	q.urgent = -1;
	q.status = LT_FB_CLOSED;
	walks_to(f, &q, want, expect(all, nall, is_closed, want));
	q.status = -2;
	walks_to(f, &q, want, expect(all, nall, is_open, want));
	q.status = -1;
	q.overdue = true;
	walks_to(f, &q, want, expect(all, nall, is_late, want));
	/* An export's walk: the same rows, read at once, by time when large. */
	each_is(f, &q, want, expect(all, nall, is_late, want));
	q.overdue = false;
	q.urgent = 1;
	each_is(f, &q, want, expect(all, nall, is_urgent, want));
}

static void test_list_windows_reach_every_match(void **state)
{
	fx *f = *state;
	int64_t all[60];
	lt_feedback_query q = { .status = -1, .topic = -1, .urgent = -1, .limit = 10, .scan = 8 };
	lt_feedback_page p;
	lt_arena a;
	lt_error e;

	for (size_t i = 0; i < 60; i++) {
		all[i] = put(f, i % 2 ? f->g1 : f->g2, "Công ty nợ lương", 1u, is_urgent(i), 0, 0,
			     NULL);
		if (i % 4 == 0 || is_closed(i))
			past_due(f, all[i], is_closed(i));
	}
	/* A few units: read unit by unit. */
	check_walks(f, all, 60, 0);
	/* The window ended first: total counts what it saw, and says so. */
	lt_arena_init(&a);
	q.within = "/";
	assert_int_equal(lt_feedback_list(f->db, &q, &a, &p, &e), 0);
	assert_true(p.more && p.total == 8 && p.n == 8 && p.next_id == all[52]);
	q.scan = 100;
	assert_int_equal(lt_feedback_list(f->db, &q, &a, &p, &e), 0);
	assert_true(!p.more && p.total == 60 && p.n == 10 && p.next_id == all[50]);
	lt_arena_free(&a);
	/* A subtree of more units than `small` is read by time: the same pages. */
	check_walks(f, all, 60, 3);
}

static void test_flow_rows_and_steps(void **state)
{
	fx *f = *state;
	lt_arena a;
	lt_fb_flow_row r;
	lt_fb_public_status ps;
	lt_error e;
	char receipt[LT_FB_RECEIPT_LEN + 1], loose[16];
	int64_t id = put(f, f->g1, "Xe về quê", 1, false, 0, 0, receipt);
	lt_fb_flow_set s = { .status = LT_FB_ANSWERED, .handler_unit_id = f->g1,
			     .proposal = "Đề nghị", .answer = "Đã bố trí xe", .publish = true,
			     .due_at = 0 };

	lt_arena_init(&a);
	assert_int_equal(lt_feedback_flow_get(f->db, id, &a, &r, &e), 0);
	assert_int_equal(r.status, LT_FB_NEW);
	assert_int_equal(r.handler_parent, f->commune);
	assert_int_equal(lt_feedback_flow_update(f->db, id, &s, &e), 0);
	assert_int_equal(lt_feedback_step_add(f->db, id, 7, f->g1, "answer", "new", "answered",
					      "Đã bố trí xe", &e),
			 0);
	assert_int_equal(count(f, "SELECT count(*) FROM audit_event WHERE action = 'answer'"), 1);
	/* Closing later never takes the published answer back. */
	s.status = LT_FB_CLOSED;
	s.publish = false;
	assert_int_equal(lt_feedback_flow_update(f->db, id, &s, &e), 0);
	snprintf(loose, sizeof(loose), "%.4s %s", receipt, receipt + 5);
	for (char *p = loose; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p |= 0x20;
	assert_int_equal(lt_feedback_status_by_receipt(f->db, loose, &a, &ps, &e), 0);
	assert_int_equal(ps.status, LT_FB_CLOSED);
	assert_string_equal(ps.answer, "Đã bố trí xe");
	assert_int_equal(lt_feedback_status_by_receipt(f->db, "ZZZZ-ZZZZ", &a, &ps, &e),
			 LT_ENOTFOUND);
	assert_string_equal(e.field, "code");
	assert_int_equal(lt_feedback_status_by_receipt(f->db, "<script>", &a, &ps, &e),
			 LT_ENOTFOUND);
	assert_int_equal(lt_feedback_flow_get(f->db, id + 9, &a, &r, &e), LT_ENOTFOUND);
	lt_arena_free(&a);
}

static void test_topics_update_never_overrides_a_cadre(void **state)
{
	fx *f = *state;
	lt_arena a;
	lt_feedback fb;
	lt_error e;
	int64_t id = put(f, f->g1, "Cơm nguội", 1u << LT_TOPIC_KHAC, false, 0, 0, NULL);

	lt_arena_init(&a);
	assert_int_equal(lt_feedback_topics_update(f->db, id, 1u << LT_TOPIC_AN_TOAN, "cadre",
						   "[{\"kind\":\"cadre\"}]", &e),
			 0);
	assert_int_equal(lt_feedback_topics_update(f->db, id, 1u << LT_TOPIC_DOI_SONG, "rules",
						   "[]", &e),
			 0);
	assert_int_equal(lt_feedback_get(f->db, id, &a, &fb, &e), 0);
	assert_int_equal(fb.topics, 1u << LT_TOPIC_AN_TOAN);
	assert_string_equal(fb.topics_source, "cadre");
	lt_arena_free(&a);
}

static void test_rules_texts_and_model(void **state)
{
	fx *f = *state;
	lt_arena a;
	lt_fb_rule *rules;
	lt_fb_text *texts;
	lt_fb_model_info m;
	const void *p;
	size_t n, len;
	int64_t rid = 0, confirmed = -1;
	lt_error e;
	int64_t id1 = put(f, f->g1, "một", 1, false, 0, 0, NULL);

	lt_arena_init(&a);
	put(f, f->g2, "hai", 1, false, 0, 0, NULL);
	assert_int_equal(lt_feedback_rule_insert(f->db, 0, "doi_song", "cơm nguội", 2, 7, &rid, &e), 0);
	assert_int_equal(lt_feedback_rule_list(f->db, &a, &rules, &n, &e), 0);
	assert_true(n == 1 && rules[0].id == rid && rules[0].weight == 2);
	assert_string_equal(rules[0].pattern, "cơm nguội");
	assert_int_equal(lt_feedback_topics_update(f->db, id1, 2, "cadre", "[]", &e), 0);
	assert_int_equal(lt_feedback_confirmed(f->db, &a, &texts, &n, &e), 0);
	assert_true(n == 1 && texts[0].id == id1 && texts[0].topics == 2);
	assert_int_equal(lt_feedback_confirmed_count(f->db, &confirmed, &e), 0);
	assert_int_equal(confirmed, 1);
	assert_int_equal(lt_feedback_unconfirmed(f->db, "/", &a, &texts, &n, &e), 0);
	assert_int_equal(n, 1);
	assert_string_equal(texts[0].text, "hai");
	/* The model: none, stored fresh, updated in place, dropped. */
	assert_int_equal(lt_feedback_model_blob(f->db, &a, &p, &len, &e), 0);
	assert_null(p);
	assert_int_equal(lt_feedback_model_put(f->db, "abc", 3, 5, &e), 0);
	assert_int_equal(lt_feedback_model_put(f->db, "abcd", 4, 0, &e), 0);
	assert_int_equal(lt_feedback_model_blob(f->db, &a, &p, &len, &e), 0);
	assert_true(len == 4 && !memcmp(p, "abcd", 4));
	assert_int_equal(lt_feedback_model_meta(f->db, &m, &e), 0);
	assert_true(m.present);
	assert_int_equal(m.n_train, 5);
	assert_int_equal(m.updates, 1);
	assert_int_equal(m.bytes, 4);
	assert_int_equal(m.confirmed, 1);
	assert_int_equal(lt_feedback_model_drop(f->db, &e), 0);
	assert_int_equal(lt_feedback_model_meta(f->db, &m, &e), 0);
	assert_false(m.present);
	lt_arena_free(&a);
}

static void test_rate_counters(void **state)
{
	fx *f = *state;
	bool ok = false;
	lt_error e;

	for (int i = 0; i < 2; i++) {
		assert_int_equal(lt_feedback_rate_take(f->db, "10.0.0.1", f->g1, 600, 2, 3, &ok, &e),
				 0);
		assert_true(ok);
	}
	assert_int_equal(lt_feedback_rate_take(f->db, "10.0.0.1", f->g1, 600, 2, 3, &ok, &e), 0);
	assert_false(ok); /* the IP's limit */
	assert_int_equal(lt_feedback_rate_take(f->db, "10.0.0.2", f->g1, 600, 2, 3, &ok, &e), 0);
	assert_true(ok);
	assert_int_equal(lt_feedback_rate_take(f->db, "10.0.0.3", f->g1, 600, 2, 3, &ok, &e), 0);
	assert_false(ok); /* the unit's limit */
	assert_int_equal(lt_feedback_rate_take(f->db, "10.0.0.3", f->g2, 600, 2, 3, &ok, &e), 0);
	assert_true(ok);
	assert_int_equal(count(f, "SELECT count(*) FROM feedback_rate"), 4); /* refusals not counted */
	assert_int_equal(count(f, "SELECT count(*) FROM feedback_rate WHERE ip_hash LIKE '10.%'"),
			 0);
}

static void test_summary_counts(void **state)
{
	fx *f = *state;
	lt_arena a;
	lt_fb_summary s;
	lt_fb_flow_set set = { .status = LT_FB_PROPOSED, .proposal = "Đề nghị làm việc với công ty" };
	lt_error e;
	int64_t id = put(f, f->g1, "Chưa trả thưởng Tết", 1u << LT_TOPIC_THUONG_TET, true, 0, 0,
			 NULL);

	lt_arena_init(&a);
	put(f, f->g1, "Cty chưa trả thưởng tết", 1u << LT_TOPIC_THUONG_TET, false, 0, id, NULL);
	put(f, f->g2, "Lương chậm", 1u << LT_TOPIC_TIEN_LUONG, false, 0, 0, NULL);
	set.handler_unit_id = f->g1;
	assert_int_equal(lt_feedback_flow_update(f->db, id, &set, &e), 0);
	assert_int_equal(lt_feedback_summary_read(f->db, f->commune, 0, INT64_MAX, 5, &a, &s, &e), 0);
	assert_int_equal(s.total, 3);
	assert_int_equal(s.urgent, 1);
	assert_int_equal(s.by_topic[LT_TOPIC_THUONG_TET], 2);
	assert_int_equal(s.by_status[LT_FB_PROPOSED], 1);
	assert_int_equal(s.nunits, 2);
	assert_int_equal(s.nweeks, 1);
	assert_int_equal(s.ncases, 2);
	assert_int_equal(s.cases[0].count, 2);
	assert_string_equal(s.cases[0].proposal, "Đề nghị làm việc với công ty");
	assert_int_equal(lt_feedback_summary_read(f->db, f->commune, 0, 1, 5, &a, &s, &e), 0);
	assert_int_equal(s.total, 0);
	assert_int_equal(lt_feedback_summary_read(f->db, 9999, 0, 1, 5, &a, &s, &e), LT_ENOTFOUND);
	assert_string_equal(e.field, "unit_id");
	lt_arena_free(&a);
}

/* The JSON document store/rollup_collect.c still asks for, until the roll-up moves to app/. */
static void test_legacy_summary_json(void **state)
{
	fx *f = *state;
	json_t *j = NULL;
	char *s;
	lt_error e;

	put(f, f->g1, "Chưa trả thưởng Tết", 1u << LT_TOPIC_THUONG_TET, true, 0, 0, NULL);
	assert_int_equal(lt_feedback_summary(f->db, f->commune, NULL, NULL, 5, &j, &e), 0);
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 1);
	assert_true(json_is_null(json_object_get(j, "from")));
	assert_int_equal(json_array_size(json_object_get(j, "by_topic")), LT_TOPIC_COUNT);
	s = json_dumps(j, 0);
	assert_null(strstr(s, "Nguyễn")); /* no personal data */
	assert_null(strstr(s, "0912"));
	free(s);
	json_decref(j);
	assert_int_equal(lt_feedback_summary(f->db, f->commune, "2020-13-01", NULL, 5, &j, &e),
			 LT_EINVAL);
	assert_string_equal(e.field, "from");
	assert_int_equal(lt_feedback_summary(f->db, f->commune, "2000-01-01", "2000-12-31", 5, &j,
					     &e),
			 0);
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 0);
	assert_string_equal(json_string_value(json_object_get(j, "to")), "2000-12-31");
	json_decref(j);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_insert_keeps_everything_and_starts_the_history,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_taken_receipt_drawn_again, setup, teardown),
		cmocka_unit_test_setup_teardown(test_find_case_nearest_in_window_not_spam, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_find_case_looks_at_the_latest_messages_only,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_list_filters, setup, teardown),
		cmocka_unit_test_setup_teardown(test_list_windows_reach_every_match, setup, teardown),
		cmocka_unit_test_setup_teardown(test_flow_rows_and_steps, setup, teardown),
		cmocka_unit_test_setup_teardown(test_topics_update_never_overrides_a_cadre, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_rules_texts_and_model, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rate_counters, setup, teardown),
		cmocka_unit_test_setup_teardown(test_summary_counts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_legacy_summary_json, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
