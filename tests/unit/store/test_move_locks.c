/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Tests for the locks a unit move takes (src/store/rollup_keep.c
 * lt_rollup_keep_tree, figure_total.c, report_level.c, activity_count.c):
 * on PostgreSQL, units move while other connections write figures, open and
 * submit reports, or post and delete activities, on the same directives and
 * the same ancestors. No write fails (a deadlock would be LT_EBUSY, 40P01),
 * and afterwards the kept summaries (roll-up, figure totals, report-state
 * counts; the activity list's counts) equal their recomputation
 * (lt_rollup_verify, lt_activity_count_verify).
 * PostgreSQL only: SQLite has one writer at a time, so nothing to order.
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/directive.h"
#include "core/tree.h"
#include "store/activity.h"
#include "store/activity_count.h"
#include "store/directive.h"
#include "store/indicator.h"
#include "store/report.h"
#include "store/rollup.h"
#include "store/store.h"
#include "store/unit.h"
#include "../../lib/pg.h"
#include "fx_tree.h"

#define NUNITS FX_TREE_UNITS
#define NDIRS 3
#define ROUNDS 60

static const char *const codes[] = { "people_supported", "support_vnd" };
static const char *const chans[] = { "facebook", "zalo", "youtube", "print" };

typedef struct fx {
	char url[1024];
	lt_db *db;
	int64_t unit[NUNITS];
	int64_t dir[NDIRS];
} fx;

/* One writer: its own connection, its own random sequence, its first failure. */
typedef struct worker {
	fx *f;
	void (*step)(struct worker *w, lt_db *db);
	unsigned seed;
	int rc;
	char why[512];
	int done;
} worker;

static unsigned rnd(unsigned *seed, unsigned n)
{
	*seed = *seed * 1103515245u + 12345u;
	return ((*seed >> 8) & 0xffffff) % n;
}

/* A district, three communes, grassroots under them and one level deeper. */
static int setup(void **state)
{
	fx *f = calloc(1, sizeof(*f));
	lt_error e;

	*state = f;
	if (!lt_test_pg_url())
		return 0;
	setenv("LANTOA_NOW", "1707955200", 1); /* 2024-02-15; never changed while threads run */
	assert_int_equal(lt_test_db_url(f->url, sizeof(f->url), &e), 0);
	assert_int_equal(lt_db_open(f->url, &f->db, &e), 0);
	assert_int_equal(lt_store_migrate(f->db, &e), 0);
	fx_tree(f->db, f->unit, f->dir);
	return 0;
}

static int teardown(void **state)
{
	fx *f = *state;
	lt_db_close(f->db);
	free(f);
	unsetenv("LANTOA_NOW");
	return 0;
}

static void failed(worker *w, int rc, const char *what, const lt_error *e)
{
	if (w->rc)
		return;
	w->rc = rc;
	snprintf(w->why, sizeof(w->why), "%s: %s", what, e->en);
}

/* Move a unit (never the district) under another that is not in its subtree. */
static void step_move(worker *w, lt_db *db)
{
	fx *f = w->f;
	lt_error e;
	lt_arena a;
	lt_unit m, p;
	int i = 1 + (int)rnd(&w->seed, NUNITS - 1), j = (int)rnd(&w->seed, NUNITS);
	int rc;

	lt_arena_init(&a);
	rc = lt_unit_get(db, f->unit[i], &a, &m, &e);
	if (!rc)
		rc = lt_unit_get(db, f->unit[j], &a, &p, &e);
	if (!rc && i != j && !lt_tree_path_under(p.path, m.path))
		rc = lt_unit_move(db, m.id, p.id, "2024-02-01", 0, &e);
	if (rc)
		failed(w, rc, "move", &e);
	lt_arena_free(&a);
}

static void step_figure(worker *w, lt_db *db)
{
	fx *f = w->f;
	lt_error e;
	lt_figure_in v[2] = {
		{ .code = codes[rnd(&w->seed, 2)], .value = (double)rnd(&w->seed, 50),
		  .clear = rnd(&w->seed, 6) == 0, .unit_id = f->unit[rnd(&w->seed, NUNITS)] },
		{ .code = codes[rnd(&w->seed, 2)], .value = (double)rnd(&w->seed, 50),
		  .unit_id = f->unit[rnd(&w->seed, NUNITS)] },
	};
	/* Two figures of two units in one write, as an import does. */
	int rc = lt_figures_write(db, f->dir[rnd(&w->seed, NDIRS)], 0, v, 2, 0, NULL, &e);

	if (rc)
		failed(w, rc, "figures", &e);
}

/* Open the report (a new draft moves the counts) and move it one state on. */
static void step_report(worker *w, lt_db *db)
{
	fx *f = w->f;
	lt_error e;
	lt_arena a;
	lt_report r;
	int64_t d = f->dir[rnd(&w->seed, NDIRS)], u = f->unit[rnd(&w->seed, NUNITS)];
	int rc;

	lt_arena_init(&a);
	rc = lt_db_begin(db, &e);
	if (!rc)
		rc = lt_report_open(db, d, u, &a, &r, &e);
	if (!rc && (!strcmp(r.status, "draft") || !strcmp(r.status, "returned")))
		rc = lt_report_mark_submitted(db, r.id, NULL, 1707955200, &e);
	else if (!rc && !strcmp(r.status, "submitted"))
		rc = lt_report_mark_reviewed(db, r.id, r.rev,
					     rnd(&w->seed, 3) ? "accepted" : "returned", "", 0,
					     1707955200, &e);
	else if (!rc)
		rc = lt_report_mark_draft(db, r.id, 1707955200, &e);
	rc = lt_db_end(db, rc, &e);
	if (rc)
		failed(w, rc, "report", &e);
	lt_arena_free(&a);
}

/* Post an activity, or delete the oldest of the directive. */
static void step_activity(worker *w, lt_db *db)
{
	fx *f = w->f;
	lt_activity_in in = { 0 };
	lt_error e;
	char title[32], link[64];
	int64_t d = f->dir[rnd(&w->seed, NDIRS)], id = 0;
	int rc;

	if (rnd(&w->seed, 4) == 0) {
		rc = lt_db_int(db, "SELECT COALESCE(min(id), 0) FROM activity WHERE directive_id = $1",
			       &id, &e, LT_I(d));
		if (rc >= 0 && id)
			rc = lt_activity_delete(db, id, 0, &e);
		if (rc < 0 && rc != LT_ENOTFOUND) /* the other writer deleted it first */
			failed(w, rc, "activity delete", &e);
		return;
	}
	in.unit_id = f->unit[rnd(&w->seed, NUNITS)];
	in.channel = chans[rnd(&w->seed, 4)];
	in.kind = "post";
	snprintf(link, sizeof(link), "https://example.vn/tin/%u", rnd(&w->seed, 1000000));
	if (strcmp(in.channel, "print"))
		in.url = in.url_canonical = link;
	snprintf(title, sizeof(title), "Tin %u", rnd(&w->seed, 100000));
	in.title = title;
	in.date = "2024-01-12";
	in.views = in.reactions = in.comments = in.shares = -1;
	rc = lt_activity_create(db, d, &in, 0, &id, &e);
	if (rc)
		failed(w, rc, "activity", &e);
}

static void *run(void *arg)
{
	worker *w = arg;
	lt_db *db = NULL;
	lt_error e;
	int rc = lt_db_open(w->f->url, &db, &e);

	if (rc) {
		failed(w, rc, "open", &e);
		return NULL;
	}
	for (w->done = 0; w->done < ROUNDS && !w->rc; w->done++)
		w->step(w, db);
	lt_db_close(db);
	return NULL;
}

static void show(const lt_rollup_diff *d, void *ctx)
{
	(void)ctx;
	print_message("# directive %lld unit %lld basis %d %s: kept %g (%lld units), recount %g"
		      " (%lld units)\n",
		      (long long)d->directive, (long long)d->unit, d->basis, d->code, d->kept,
		      (long long)d->kept_units, d->fresh, (long long)d->fresh_units);
}

/*
 * Run the writers at once, each on its own connection; then no write failed
 * and, with check, the kept rows equal the recount.
 */
static void run_all(fx *f, worker *w, size_t nw, bool check)
{
	pthread_t t[8];
	lt_error e;
	size_t nd = 0;
	int bad = 0;

	assert_true(nw <= 8);
	for (size_t i = 0; i < nw; i++)
		assert_int_equal(pthread_create(&t[i], NULL, run, &w[i]), 0);
	for (size_t i = 0; i < nw; i++)
		pthread_join(t[i], NULL);
	for (size_t i = 0; i < nw; i++)
		if (w[i].rc) {
			print_message("# writer %zu, after %d steps: %s\n", i, w[i].done, w[i].why);
			bad++;
		}
	assert_int_equal(bad, 0);
	for (int d = 0; check && d < NDIRS; d++) {
		if (lt_rollup_verify(f->db, f->dir[d], false, show, NULL, &nd, &e))
			fail_msg("verify: %s", e.en);
		if (nd)
			fail_msg("directive %lld: the kept rows differ from the recount in %zu places",
				 (long long)f->dir[d], nd);
	}
}

#define NEED_PG()                                                    \
	do {                                                         \
		if (!lt_test_pg_url()) {                             \
			print_message("# LANTOA_TEST_PG is not set\n"); \
			skip();                                      \
		}                                                    \
	} while (0)

/*
 * Moves beside figure writes (two figures of two units each, as an import
 * writes them) and report changes: the roll-up, the figure totals and the
 * report-state counts. One mover: two at once could each pass the other's
 * "not under itself" check.
 */
static void test_moves_beside_figures_and_reports(void **state)
{
	worker w[] = {
		{ *state, step_move, 1, 0, "", 0 },   { *state, step_figure, 3, 0, "", 0 },
		{ *state, step_figure, 4, 0, "", 0 }, { *state, step_report, 5, 0, "", 0 },
		{ *state, step_report, 6, 0, "", 0 },
	};

	NEED_PG();
	run_all(*state, w, sizeof(w) / sizeof(w[0]), true);
}

static void show_activity(const lt_activity_count_diff *d, void *ctx)
{
	(void)ctx;
	print_message("# directive %lld unit %lld %s: kept %lld (%lld originals), recount %lld"
		      " (%lld)\n",
		      (long long)d->directive, (long long)d->unit, d->channel,
		      (long long)d->kept_sub, (long long)d->kept_orig, (long long)d->real_sub,
		      (long long)d->real_orig);
}

/*
 * Moves beside activity posts and deletes: no deadlock (the move takes the
 * activity counts' rows from the deepest up, as the items' writes do), and
 * afterwards the kept counts of the activity list (own and subtree, items
 * and originals, every directive × unit × channel) equal their recount.
 */
static void test_moves_beside_activities(void **state)
{
	fx *f = *state;
	worker w[] = {
		{ *state, step_move, 1, 0, "", 0 },     { *state, step_activity, 7, 0, "", 0 },
		{ *state, step_activity, 8, 0, "", 0 }, { *state, step_activity, 9, 0, "", 0 },
	};
	lt_error e;
	int64_t items = 0;
	size_t nd = 0;

	NEED_PG();
	run_all(f, w, sizeof(w) / sizeof(w[0]), false);
	/* The writers did write: a recount of nothing would prove nothing. */
	assert_int_equal(lt_db_int(f->db, "SELECT count(*) FROM activity", &items, &e), 1);
	assert_true(items > 0);
	if (lt_activity_count_verify(f->db, 0, false, show_activity, NULL, &nd, &e))
		fail_msg("verify: %s", e.en);
	if (nd)
		fail_msg("the kept activity counts differ from the recount in %zu rows", nd);
}

/* ---------- one original per link, writers in step (issue 11) ---------- */

#define NSTEP 3      /* writers posting the same links at the same moment */
#define LINK_ROUNDS 40

typedef struct stepper {
	fx *f;
	pthread_barrier_t *bar;
	int me;
	int run;         /* links of this run are new: https://example.vn/cung/RUN/… */
	int rc, fails, round; /* the first failure, its round; how many writes failed */
	char why[512];
	int done;
} stepper;

static void step_failed(stepper *s, int rc, const char *what, const lt_error *e)
{
	if (s->fails++)
		return;
	s->rc = rc;
	s->round = s->done;
	snprintf(s->why, sizeof(s->why), "%s: %s", what, e->en);
}

/* An item of unit u: an own post (each one could be the original) or a share of link. */
static lt_activity_in item_of(int64_t u, const char *kind, const char *link)
{
	lt_activity_in in = { .unit_id = u, .channel = "facebook", .kind = kind, .url = link,
			      .url_canonical = link, .title = "Cùng một tin", .date = "2024-01-12",
			      .views = -1, .reactions = -1, .comments = -1, .shares = -1 };
	return in;
}

static int post(lt_db *db, int64_t d, int64_t u, const char *link, int64_t *id, lt_error *e)
{
	lt_activity_in in = item_of(u, "post", link);

	return lt_activity_create(db, d, &in, 0, id, e);
}

/*
 * Each round: every writer posts the same new link at once (two directives:
 * a link's original is one across directives); then, at once again, writer
 * 0 deletes the link's original, writer 1 imports it once more with a
 * second new link, and writer 2 moves its item to that link (as a share)
 * and back.
 */
static void *run_step(void *arg)
{
	stepper *s = arg;
	fx *f = s->f;
	lt_db *db = NULL;
	lt_error e;
	int rc = lt_db_open(f->url, &db, &e);

	if (rc) {
		step_failed(s, rc, "open", &e);
		db = NULL;
	}
	for (s->done = 0; s->done < LINK_ROUNDS; s->done++) {
		char link[96], other[96];
		int64_t d = f->dir[s->me == 2], u = f->unit[4 + s->me], id = 0, orig = 0;

		snprintf(link, sizeof(link), "https://example.vn/cung/%d/%d", s->run, s->done);
		snprintf(other, sizeof(other), "https://example.vn/khac/%d/%d", s->run, s->done);
		pthread_barrier_wait(s->bar);
		rc = db ? post(db, d, u, link, &id, &e) : 0;
		if (rc)
			step_failed(s, rc, "post", &e);
		pthread_barrier_wait(s->bar);
		if (!db)
			continue;
		if (s->me == 0) {
			rc = lt_db_int(db,
				       "SELECT COALESCE(min(id), 0) FROM activity WHERE url_canonical = $1"
				       " AND is_original <> 0",
				       &orig, &e, LT_T(link));
			if (rc >= 0 && orig)
				rc = lt_activity_delete(db, orig, 0, &e);
			if (rc < 0)
				step_failed(s, rc, "delete", &e);
		} else if (s->me == 1) {
			/* An import of both links, as writer 2 moves its item between them. */
			lt_activity_in rows[2] = { item_of(f->unit[7], "post", other),
						   item_of(f->unit[7], "post", link) };
			size_t bad = 0;
			rc = lt_activity_import(db, f->dir[0], rows, 2, 0, &bad, &e);
			if (rc)
				step_failed(s, rc, "import", &e);
		} else if (id) {
			lt_activity_in in = item_of(u, "share", other);
			rc = lt_activity_update(db, id, &in, 0, &e);
			if (!rc) {
				in = item_of(u, "post", link);
				rc = lt_activity_update(db, id, &in, 0, &e);
			}
			if (rc && rc != LT_ENOTFOUND) /* writer 0 may delete it as the original */
				step_failed(s, rc, "update", &e);
		}
	}
	lt_db_close(db);
	return NULL;
}

/* How many links of the run have other than exactly one original; *links: how many links. */
static int64_t bad_links(lt_db *db, int run, int64_t *links)
{
	char like[64];
	lt_error e;
	int64_t n = 0;

	snprintf(like, sizeof(like), "https://example.vn/%%/%d/%%", run);
	if (lt_db_int(db,
		      "SELECT count(DISTINCT url_canonical) FROM activity WHERE url_canonical LIKE $1",
		      links, &e, LT_T(like)) < 0 ||
	    lt_db_int(db,
		      "SELECT count(*) FROM (SELECT url_canonical FROM activity"
		      " WHERE url_canonical LIKE $1 GROUP BY url_canonical"
		      " HAVING sum(CASE WHEN is_original <> 0 THEN 1 ELSE 0 END) <> 1) x",
		      &n, &e, LT_T(like)) < 0)
		fail_msg("count: %s", e.en);
	return n;
}

/*
 * Writers post the same new links at the same moment, then delete the
 * original of one while another imports it again with a second link and a
 * third moves its item to that link and back. On PostgreSQL (READ COMMITTED) each writer's
 * recompute of the link's originals would not see the others' uncommitted
 * items: both ended original, or none did. With the lock on the link's
 * group (lt_activity_lock_links) every link has exactly one original, no
 * write fails, and the kept counts equal the recount.
 */
static void test_same_links_in_step(void **state)
{
	fx *f = *state;
	pthread_barrier_t bar;
	pthread_t t[NSTEP];
	stepper s[NSTEP];
	lt_error e;
	int64_t links = 0, bad;
	size_t nd = 0;
	int failed_writes = 0;

	NEED_PG();
	assert_int_equal(pthread_barrier_init(&bar, NULL, NSTEP), 0);
	for (int i = 0; i < NSTEP; i++) {
		s[i] = (stepper){ .f = f, .bar = &bar, .me = i, .run = 1 };
		assert_int_equal(pthread_create(&t[i], NULL, run_step, &s[i]), 0);
	}
	for (int i = 0; i < NSTEP; i++)
		pthread_join(t[i], NULL);
	pthread_barrier_destroy(&bar);
	for (int i = 0; i < NSTEP; i++)
		if (s[i].rc) {
			print_message("# writer %d: %d writes failed, the first in round %d: %s\n", i,
				      s[i].fails, s[i].round, s[i].why);
			failed_writes += s[i].fails;
		}
	bad = bad_links(f->db, 1, &links);
	print_message("# %lld of %lld links with other than one original\n", (long long)bad,
		      (long long)links);
	assert_true(links >= LINK_ROUNDS);
	assert_int_equal(failed_writes, 0);
	assert_int_equal(bad, 0);
	if (lt_activity_count_verify(f->db, 0, false, show_activity, NULL, &nd, &e))
		fail_msg("verify: %s", e.en);
	if (nd)
		fail_msg("verify finds %zu differences", nd);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_moves_beside_figures_and_reports, setup, teardown),
		cmocka_unit_test_setup_teardown(test_moves_beside_activities, setup, teardown),
		cmocka_unit_test_setup_teardown(test_same_links_in_step, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL); /* pg.h drops its schemas at exit */
}
