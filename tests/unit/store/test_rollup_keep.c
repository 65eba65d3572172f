/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Tests for src/store/rollup_keep.c, rollup_build.c, rollup_items*.c and
 * rollup_repeats.c: the roll-up kept by the writes (figures, and the
 * activity items per theme, channel and day with their distinct links)
 * equals today's recomputation (lt_rollup_collect, the reference) after
 * EVERY step of random sequences (fixed seeds) of figure writes, item
 * writes, report state changes and tree moves and closings, on every unit,
 * every directive (one past its day, one implementing another) and both
 * bases; lt_rollup_verify finds nothing to repair, and finds a row spoiled
 * by hand. The report level's kept counts by report state (report_state_count,
 * store/report_level.c) equal a walk of the recipients under each unit, and
 * its children those the walk meets, after every step too.
 */
#include <math.h>
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
#include "store/contest.h"
#include "store/directive.h"
#include "store/indicator.h"
#include "store/report.h"
#include "store/report_level.h"
#include "store/rollup.h"
#include "store/store.h"
#include "store/unit.h"
#include "../../lib/pg.h"
#include "fx_tree.h"

#define NUNITS 16
#define NDIRS 3

static const char *const codes[] = { "people_supported", "support_vnd", "peak_test", "last_test" };

typedef struct fx {
	lt_db *db;
	int64_t unit[NUNITS];
	int nunits;
	bool closed[NUNITS];
	int64_t dir[NDIRS];
	int64_t contest[NDIRS];
	int entries;
	int64_t now;
	unsigned seed;
} fx;

static unsigned rnd(fx *f, unsigned n)
{
	f->seed = f->seed * 1103515245u + 12345u;
	return ((f->seed >> 8) & 0xffffff) % n;
}

static void tick(fx *f, int64_t secs)
{
	char s[32];
	f->now += secs;
	snprintf(s, sizeof(s), "%lld", (long long)f->now);
	setenv("LANTOA_NOW", s, 1);
}

/*
 * The tree: a district, three communes, grassroots under them and one
 * level deeper; a max and a latest indicator beside the catalogue's sums.
 */
static int setup(void **state)
{
	fx *f = calloc(1, sizeof(*f));
	lt_error e;

	f->now = 1707955200; /* 2024-02-15: the clock crosses the deadline of 2024-02-20 */
	tick(f, 0);
	assert_int_equal(lt_test_db_open(&f->db, &e), 0);
	assert_int_equal(lt_store_migrate(f->db, &e), 0);
	assert_int_equal(lt_db_exec(f->db,
				    "INSERT INTO indicator(code, pos, name_vi, name_en, measure,"
				    " aggregation) VALUES ('peak_test', 900, 'Cao nhất', 'Peak',"
				    " 'people', 'max'), ('last_test', 910, 'Mới nhất', 'Latest',"
				    " 'people', 'latest')",
				    &e), 0);
	fx_tree(f->db, f->unit, f->dir);
	f->nunits = FX_TREE_UNITS;
	/* Two themes per directive for the items. */
	assert_int_equal(lt_db_exec(f->db,
				    "INSERT INTO directive_theme(directive_id, pos, title, items)"
				    " SELECT id, 1, 'Tết sum vầy', '[]' FROM directive;"
				    "INSERT INTO directive_theme(directive_id, pos, title, items)"
				    " SELECT id, 2, 'An toàn lao động', '[]' FROM directive",
				    &e), 0);
	/* A contest per directive, for the entries the roll-up counts. */
	for (int d = 0; d < NDIRS; d++)
		assert_int_equal(lt_contest_create(f->db, f->dir[d], f->unit[d == 2 ? 1 : 0], "Viết về Tết",
						   NULL, 0, &f->contest[d], &e), 0);
	*state = f;
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

/* ---- the steps ---- */

static void step_figure(fx *f)
{
	lt_error e;
	int64_t d = f->dir[rnd(f, NDIRS)], u = f->unit[rnd(f, (unsigned)f->nunits)];
	lt_figure_in v = { .code = codes[rnd(f, 4)], .value = (double)rnd(f, 50),
			   .clear = rnd(f, 5) == 0 };
	if (lt_figures_write(f->db, d, u, &v, 1, 0, NULL, &e))
		fail_msg("figure: %s", e.en);
}

static void step_report(fx *f)
{
	lt_error e;
	lt_arena a;
	lt_report r;
	int64_t d = f->dir[rnd(f, NDIRS)], u = f->unit[rnd(f, (unsigned)f->nunits)];
	int rc;

	lt_arena_init(&a);
	rc = lt_db_begin(f->db, &e);
	if (!rc)
		rc = lt_report_open(f->db, d, u, &a, &r, &e);
	if (!rc && (!strcmp(r.status, "draft") || !strcmp(r.status, "returned")))
		rc = lt_report_mark_submitted(f->db, r.id, NULL, f->now, &e);
	else if (!rc && !strcmp(r.status, "submitted"))
		rc = lt_report_mark_reviewed(f->db, r.id, r.rev, rnd(f, 3) ? "accepted" : "returned",
					     "", 0, f->now, &e);
	else if (!rc)
		rc = lt_report_mark_draft(f->db, r.id, f->now, &e);
	rc = lt_db_end(f->db, rc, &e);
	if (rc)
		fail_msg("report: %s", e.en);
	lt_arena_free(&a);
}

static void step_tree(fx *f)
{
	lt_error e;
	lt_arena a;
	lt_unit m, p;
	int i = 1 + (int)rnd(f, (unsigned)f->nunits - 1), j = (int)rnd(f, (unsigned)f->nunits);
	int rc;

	if (f->closed[i] || f->closed[j] || i == j)
		return;
	lt_arena_init(&a);
	if (lt_unit_get(f->db, f->unit[i], &a, &m, &e) || lt_unit_get(f->db, f->unit[j], &a, &p, &e))
		fail_msg("unit: %s", e.en);
	if (rnd(f, 8) == 0 && m.child_count == 0) {
		if (lt_unit_close(f->db, m.id, "2024-02-01", 0, &e))
			fail_msg("close: %s", e.en);
		f->closed[i] = true;
	} else if (!lt_tree_path_under(p.path, m.path)) {
		/* On a day before the first directive's, after the second's. */
		rc = lt_unit_move(f->db, m.id, p.id, "2024-02-01", 0, &e);
		if (rc)
			fail_msg("move: %s", e.en);
	}
	lt_arena_free(&a);
}

/*
 * An item posted, changed or deleted: a few links shared between units and
 * directives (so links repeat across subtrees), some with no link.
 */
static void step_item(fx *f)
{
	static const char *const links[] = { "https://bao.vn/p/1", "https://bao.vn/p/2",
					     "https://zalo.me/p/3", "https://fb.com/p/4", NULL };
	static const char *const channels[] = { "facebook", "zalo", "website" };
	lt_error e;
	lt_stmt *st = NULL;
	int64_t d = f->dir[rnd(f, NDIRS)], u = f->unit[rnd(f, (unsigned)f->nunits)], theme = 0;
	int64_t id = 0, n = 0;
	char date[11];
	const char *link = links[rnd(f, 5)];
	unsigned what = rnd(f, 10);
	lt_activity_in in = { .unit_id = u, .channel = channels[rnd(f, 3)],
			      .kind = rnd(f, 3) ? "post" : "share", .url = link,
			      .url_canonical = link, .title = "Tin", .date = date };

	snprintf(date, sizeof(date), "2024-02-%02u", 1 + rnd(f, 4));
	if (what == 5) { /* a contest entry instead, on a link of its own */
		char url[64];
		int k = (int)rnd(f, NDIRS);
		lt_contest_entry_in ce = { .unit_id = u, .member_name = "Nguyễn Văn A",
					   .category = rnd(f, 2) ? "writing" : "video",
					   .platform = "facebook", .url = url, .url_canonical = url,
					   .posted_on = date, .views = -1 };
		snprintf(url, sizeof(url), "https://facebook.com/bai-du-thi/%d", ++f->entries);
		if (lt_contest_entry_add(f->db, f->contest[k], &ce, 0, NULL, NULL, &e))
			fail_msg("entry: %s", e.en);
		return;
	}
	if (!link)
		in.channel = "print", in.kind = "article"; /* online and shares need a link */
	if (lt_db_int(f->db, "SELECT count(*) FROM activity", &n, &e) < 0)
		fail_msg("count: %s", e.en);
	if (what >= 6 && n) {
		int rc = lt_db_row(f->db,
				   "SELECT id, directive_id FROM activity ORDER BY id LIMIT 1 OFFSET $1",
				   &st, &e, LT_I((int64_t)rnd(f, (unsigned)n)));
		if (rc == 1) {
			id = lt_stmt_int(st, 0);
			d = lt_stmt_int(st, 1);
		}
		lt_stmt_done(st);
	}
	if (rnd(f, 3) &&
	    lt_db_row(f->db,
		      "SELECT id FROM directive_theme WHERE directive_id = $1 ORDER BY id LIMIT 1"
		      " OFFSET $2",
		      &st, &e, LT_I(d), LT_I((int64_t)rnd(f, 2))) == 1)
		theme = lt_stmt_int(st, 0);
	lt_stmt_done(st);
	in.theme_id = theme;
	if (!id) {
		if (lt_activity_create(f->db, d, &in, 0, NULL, &e))
			fail_msg("item: %s", e.en);
	} else if (what >= 8) {
		if (lt_activity_delete(f->db, id, 0, &e))
			fail_msg("delete: %s", e.en);
	} else if (lt_activity_update(f->db, id, &in, 0, &e))
		fail_msg("update: %s", e.en);
}

/* ---- the check ---- */

static bool same(double a, double b)
{
	if (isnan(a) || isnan(b))
		return isnan(a) && isnan(b);
	return fabs(a - b) < 1e-6;
}

static void check_one(fx *f, int64_t d, int64_t u, bool sub, int step)
{
	lt_error e;
	lt_arena a;
	lt_rollup_kept k;
	lt_rollup_opts o = { .include_submitted = sub, .recompute = true };
	lt_rollup_opts ko = { .include_submitted = sub };
	json_t *snap = NULL, *ksnap = NULL, *figs, *x, *comp;
	size_t i;
	static const char *const parts[] = { "children", "completeness" };

	lt_arena_init(&a);
	if (lt_rollup_collect(f->db, d, u, &o, &snap, &e))
		fail_msg("collect: %s", e.en);
	/* The dashboard's snapshot from the kept tables equals the recomputed one. */
	if (lt_rollup_collect(f->db, d, u, &ko, &ksnap, &e))
		fail_msg("collect: %s", e.en);
	if (!json_equal(json_object_get(json_object_get(snap, "rollup"), "figures"),
			json_object_get(json_object_get(ksnap, "rollup"), "figures")))
		fail_msg("step %d dir %lld unit %lld basis %d: the snapshot's figures differ", step,
			 (long long)d, (long long)u, sub);
	for (size_t p = 0; p < 2; p++)
		if (!json_equal(json_object_get(snap, parts[p]), json_object_get(ksnap, parts[p]))) {
			char *r = json_dumps(json_object_get(snap, parts[p]), JSON_COMPACT);
			char *kk = json_dumps(json_object_get(ksnap, parts[p]), JSON_COMPACT);
			fail_msg("step %d dir %lld unit %lld basis %d: %s recomputed %s kept %s", step,
				 (long long)d, (long long)u, sub, parts[p], r, kk);
		}
	/* Its items too: per theme and channel, the totals, per day; the units and entries counted. */
	for (size_t p = 0; p < 5; p++) {
		static const char *const items[] = { "items", "item_totals", "items_per_day",
						      "units_counted", "contests" };
		json_t *r = json_object_get(json_object_get(snap, "rollup"), items[p]);
		json_t *kr = json_object_get(json_object_get(ksnap, "rollup"), items[p]);
		if (!json_equal(r, kr)) {
			char *rs = json_dumps(r, JSON_COMPACT), *ks = json_dumps(kr, JSON_COMPACT);
			fail_msg("step %d dir %lld unit %lld basis %d: %s recomputed %s kept %s", step,
				 (long long)d, (long long)u, sub, items[p], rs, ks);
		}
	}
	json_decref(ksnap);
	if (lt_rollup_read(f->db, d, u, sub, &a, &k, &e))
		fail_msg("read: %s", e.en);
	figs = json_object_get(json_object_get(snap, "rollup"), "figures");
	if (json_array_size(figs) != k.nfigs)
		fail_msg("step %d dir %lld unit %lld basis %d: %zu figures recomputed, %zu kept", step,
			 (long long)d, (long long)u, sub, json_array_size(figs), k.nfigs);
	json_array_foreach(figs, i, x) {
		json_t *v = json_object_get(x, "value");
		double ref = json_is_null(v) ? NAN : json_number_value(v);
		if (strcmp(json_string_value(json_object_get(x, "code")), k.figs[i].code) ||
		    !same(ref, k.figs[i].value) ||
		    json_integer_value(json_object_get(x, "units")) != k.figs[i].units)
			fail_msg("step %d dir %lld unit %lld basis %d %s: recomputed %g (%lld units),"
				 " kept %s %g (%lld units)",
				 step, (long long)d, (long long)u, sub,
				 json_string_value(json_object_get(x, "code")), ref,
				 (long long)json_integer_value(json_object_get(x, "units")),
				 k.figs[i].code, k.figs[i].value, (long long)k.figs[i].units);
	}
	comp = json_object_get(snap, "completeness");
	if (json_integer_value(json_object_get(comp, "expected")) != k.expected ||
	    json_integer_value(json_object_get(comp, "on_time")) != k.on_time ||
	    json_integer_value(json_object_get(comp, "late")) != k.late)
		fail_msg("step %d dir %lld unit %lld: completeness recomputed %lld/%lld/%lld, kept"
			 " %lld/%lld/%lld",
			 step, (long long)d, (long long)u,
			 (long long)json_integer_value(json_object_get(comp, "expected")),
			 (long long)json_integer_value(json_object_get(comp, "on_time")),
			 (long long)json_integer_value(json_object_get(comp, "late")),
			 (long long)k.expected, (long long)k.on_time, (long long)k.late);
	json_decref(snap);
	lt_arena_free(&a);
}

/*
 * The report level of (d, u) from the kept counts equals the walk of the
 * recipients under u (lt_report_states_under, the reference): the counts
 * by state, and the children holding recipients with their own state.
 */
static void check_level(fx *f, int64_t d, int64_t u, int step)
{
	lt_error e;
	lt_arena a;
	lt_unit x;
	lt_report_state *under = NULL, *kids = NULL;
	size_t nunder = 0, nkids = 0, nseen = 0, plen;
	int64_t kept[LT_REPORT_STATES], real[LT_REPORT_STATES] = { 0 }, seen[NUNITS];

	lt_arena_init(&a);
	if (lt_unit_get(f->db, u, &a, &x, &e) ||
	    lt_report_states_under(f->db, d, x.path, &a, &under, &nunder, &e) ||
	    lt_report_state_kept(f->db, d, u, kept, &e) ||
	    lt_report_level_children(f->db, d, u, 0, 0, &a, &kids, &nkids, &e))
		fail_msg("level: %s", e.en);
	plen = strlen(x.path);
	for (size_t i = 0; i < nunder; i++) {
		int64_t kid = strtoll(under[i].path + plen, NULL, 10);
		bool met = false;
		real[lt_report_state_index(under[i].status)]++;
		for (size_t j = 0; j < nseen; j++)
			met |= seen[j] == kid;
		if (!met && nseen < NUNITS)
			seen[nseen++] = kid;
	}
	for (int i = 0; i < LT_REPORT_STATES; i++)
		if (kept[i] != real[i])
			fail_msg("step %d dir %lld unit %lld: %d-th state count walked %lld, kept %lld",
				 step, (long long)d, (long long)u, i, (long long)real[i],
				 (long long)kept[i]);
	if (nkids != nseen)
		fail_msg("step %d dir %lld unit %lld: %zu children walked, %zu kept", step,
			 (long long)d, (long long)u, nseen, nkids);
	for (size_t i = 0; i < nkids; i++) {
		bool met = false;
		lt_report r;
		for (size_t j = 0; j < nseen; j++)
			met |= seen[j] == kids[i].unit_id;
		if (!met || (i && kids[i].unit_id <= kids[i - 1].unit_id))
			fail_msg("step %d dir %lld unit %lld: child %lld not walked or out of order",
				 step, (long long)d, (long long)u, (long long)kids[i].unit_id);
		if (lt_report_find(f->db, d, kids[i].unit_id, &a, &r, &e))
			fail_msg("find: %s", e.en);
		if (strcmp(kids[i].status, r.id ? r.status : "none"))
			fail_msg("step %d dir %lld child %lld: status %s, report %s", step,
				 (long long)d, (long long)kids[i].unit_id, kids[i].status,
				 r.id ? r.status : "none");
	}
	lt_arena_free(&a);
}

static void check_all(fx *f, int step)
{
	lt_error e;
	size_t nd = 0;

	for (int d = 0; d < NDIRS; d++) {
		for (int u = 0; u < f->nunits; u++) {
			for (int b = 0; b < 2; b++)
				check_one(f, f->dir[d], f->unit[u], b, step);
			check_level(f, f->dir[d], f->unit[u], step);
		}
		if (lt_rollup_verify(f->db, f->dir[d], false, NULL, NULL, &nd, &e))
			fail_msg("verify: %s", e.en);
		if (nd)
			fail_msg("step %d dir %lld: verify finds %zu differences", step,
				 (long long)f->dir[d], nd);
	}
}

static void run_mix(fx *f, unsigned seed, int steps, const unsigned mix[4]);

static void run(fx *f, unsigned seed)
{
	/* Fewer steps on PostgreSQL: every check recomputes 96 roll-ups over the network.
	 * Fewer under AddressSanitizer too, where each of the checks' many small
	 * allocations costs ~6x (34 s of CPU for 100 steps): the same steps, each seed's
	 * first 25, still run there for memory errors, and the plain build (unit suite)
	 * walks all 100 for the model's disagreements. */
#ifdef __SANITIZE_ADDRESS__
	int steps = lt_test_pg_url() ? 15 : 25;
#else
	int steps = lt_test_pg_url() ? 15 : 100;
#endif

	static const unsigned mix[4] = { 3, 3, 2, 2 }; /* figures, items, reports, tree, of 10 */

	run_mix(f, seed, steps, mix);
}

/* steps random steps, each kind in its share of mix[] (figures, items, reports, tree). */
static void run_mix(fx *f, unsigned seed, int steps, const unsigned mix[4])
{
	f->seed = seed;
	check_all(f, 0);
	for (int s = 1; s <= steps; s++) {
		unsigned k = rnd(f, mix[0] + mix[1] + mix[2] + mix[3]);
		tick(f, 3 * 3600 + (int64_t)rnd(f, 3600));
		if (k < mix[0])
			step_figure(f);
		else if (k < mix[0] + mix[1])
			step_item(f);
		else if (k < mix[0] + mix[1] + mix[2])
			step_report(f);
		else
			step_tree(f);
		check_all(f, s);
	}
}

static void test_random_seed_1(void **state)
{
	run(*state, 1);
}

static void test_random_seed_2(void **state)
{
	run(*state, 20240220);
}

static void test_random_seed_3(void **state)
{
	run(*state, 777);
}

/*
 * Items, reports and moves only: the links' repeats follow a unit's
 * report (counted or not) and its subtree's moves, and an item changed
 * in place (its link the same) is counted once.
 */
static void test_items_reports_moves(void **state)
{
#ifdef __SANITIZE_ADDRESS__
	int steps = lt_test_pg_url() ? 15 : 40;
#else
	int steps = lt_test_pg_url() ? 15 : 150;
#endif
	static const unsigned mix[4] = { 0, 5, 3, 2 };

	run_mix(*state, 4242, steps, mix);
}

/* A row spoiled behind the writes' back is found, and --repair puts it right. */
static void test_verify_finds_and_repairs(void **state)
{
	fx *f = *state;
	lt_error e;
	lt_figure_in v = { .code = "people_supported", .value = 12 };
	size_t nd = 0;

	f->seed = 5;
	for (int s = 0; s < 30; s++) {
		tick(f, 3600);
		if (s % 3 == 2)
			step_report(f);
		else
			step_figure(f);
	}
	/* G1's figure, accepted: its district's kept sum moves with it. */
	assert_int_equal(lt_figures_write(f->db, f->dir[0], f->unit[4], &v, 1, 0, NULL, &e), 0);
	assert_int_equal(lt_db_exec(f->db,
				    "UPDATE rollup_total SET value = value + 1000 WHERE code = 'people_supported'",
				    &e), 0);
	assert_int_equal(lt_rollup_verify(f->db, f->dir[0], false, NULL, NULL, &nd, &e), 0);
	assert_true(nd > 0);
	assert_int_equal(lt_rollup_verify(f->db, f->dir[0], true, NULL, NULL, &nd, &e), 0);
	assert_true(nd > 0);
	assert_int_equal(lt_rollup_verify(f->db, f->dir[0], false, NULL, NULL, &nd, &e), 0);
	assert_int_equal(nd, 0);
	check_all(f, -1);
}

/* A count by report state spoiled by hand is found, and --repair puts it right. */
static void test_verify_finds_report_states(void **state)
{
	fx *f = *state;
	lt_error e;
	size_t nd = 0;

	f->seed = 9;
	for (int s = 0; s < 12; s++) {
		tick(f, 3600);
		step_report(f);
	}
	assert_int_equal(lt_db_run(f->db,
				   "UPDATE report_state_count SET n_none = n_none + 3 WHERE directive_id = $1",
				   &e, LT_I(f->dir[0])), 0);
	assert_int_equal(lt_rollup_verify(f->db, f->dir[0], false, NULL, NULL, &nd, &e), 0);
	assert_true(nd > 0);
	assert_int_equal(lt_rollup_verify(f->db, f->dir[0], true, NULL, NULL, &nd, &e), 0);
	assert_int_equal(lt_rollup_verify(f->db, f->dir[0], false, NULL, NULL, &nd, &e), 0);
	assert_int_equal(nd, 0);
	/* A row for a unit with nothing under it, spoiled the same way, is found too. */
	assert_int_equal(lt_db_exec(f->db,
				    "INSERT INTO report_state_count(directive_id, unit_id, n_draft)"
				    " SELECT id, (SELECT max(id) FROM unit), 1 FROM directive",
				    &e), 0);
	assert_int_equal(lt_rollup_verify(f->db, f->dir[1], false, NULL, NULL, &nd, &e), 0);
	assert_int_equal(nd, 1);
}

/* An old database: its directives are marked, and the first read builds them. */
static void test_stale_built_on_read(void **state)
{
	fx *f = *state;
	lt_error e;
	lt_arena a;
	lt_rollup_kept k;
	lt_figure_in v = { .code = "people_supported", .value = 9 };
	size_t nd = 0;

	lt_arena_init(&a);
	assert_int_equal(lt_figures_write(f->db, f->dir[0], f->unit[0], &v, 1, 0, NULL, &e), 0);
	assert_int_equal(lt_db_exec(f->db,
				    "DELETE FROM rollup_total; DELETE FROM rollup_count;"
				    " INSERT INTO rollup_stale(directive_id) SELECT id FROM directive",
				    &e), 0);
	assert_int_equal(lt_rollup_verify(f->db, f->dir[0], false, NULL, NULL, &nd, &e), 0);
	assert_int_equal(nd, 1); /* "not built" */
	assert_int_equal(lt_rollup_read(f->db, f->dir[0], f->unit[0], false, &a, &k, &e), 0);
	assert_true(k.stood);
	assert_string_equal(k.figs[0].code, "people_supported");
	assert_true(k.figs[0].value >= 9);
	assert_int_equal(k.expected, 10);
	check_all(f, -2);
	lt_arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_random_seed_1, setup, teardown),
		cmocka_unit_test_setup_teardown(test_random_seed_2, setup, teardown),
		cmocka_unit_test_setup_teardown(test_random_seed_3, setup, teardown),
		cmocka_unit_test_setup_teardown(test_items_reports_moves, setup, teardown),
		cmocka_unit_test_setup_teardown(test_verify_finds_and_repairs, setup, teardown),
		cmocka_unit_test_setup_teardown(test_verify_finds_report_states, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stale_built_on_read, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL); /* pg.h drops its schemas at exit */
}
