/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * bench_rollup_kept.c — the national total read from the kept roll-up
 * (store/rollup_keep.c) against the strongest plain SQL for the same
 * totals (the covering index indicator_value_cover, the accepted reports,
 * the tree as a path range) and against today's recomputation, in the same
 * run on the same database; then how fresh it is: a grassroots figure
 * written (with the upkeep, in its transaction) and read back at once at
 * the national level. Also the national dashboard's snapshot, kept and
 * recomputed, and the figures summary's national total (every recipient's
 * value: store/figure_total.c) against its plain SQL, fresh after the write.
 *
 * Usage: bench_rollup_kept DB   (a `lantoa demo --national` database: a SQLite
 * file path, or a URL, sqlite:FILE or postgresql://…, e.g. a `lantoa db copy`
 * of it; bench/bench_rollup_kept.sh builds one) — prints a markdown section. The
 * figure it writes is put back afterwards.
 */
#include <inttypes.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/tree.h"
#include "store/db.h"
#include "store/figure_total.h"
#include "store/indicator.h"
#include "store/rollup.h"
#include "store/store.h"

static double now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static void die(const char *what, const lt_error *e)
{
	fprintf(stderr, "bench_rollup_kept: %s: %s\n", what, e ? e->en : "");
	exit(1);
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof(*v), cmp);
	return v[n / 2];
}

/* The kept national people_supported (and the whole read's time in *ms). */
static double kept_total(lt_db *db, int64_t dir, int64_t root, double *ms)
{
	lt_error e;
	lt_arena a;
	lt_rollup_kept k;
	double t0 = now_ms(), v = NAN;

	lt_arena_init(&a);
	if (lt_rollup_read(db, dir, root, false, &a, &k, &e))
		die("read", &e);
	*ms = now_ms() - t0;
	for (size_t i = 0; i < k.nfigs; i++)
		if (!strcmp(k.figs[i].code, "people_supported"))
			v = k.figs[i].value;
	lt_arena_free(&a);
	return v;
}

/* A baseline: one GROUP BY (code, sum, …) with $1 the directive, [$2, $3) the root's path range. */
static double sql_sum(lt_db *db, const char *sql, int64_t dir, const char *path, double *ms)
{
	lt_error e;
	lt_stmt *st = NULL;
	char end[LT_PATH_MAX];
	double t0 = now_ms(), v = NAN;
	int rc;

	lt_tree_path_end(path, end);
	if (lt_db_query(db, sql, &st, &e, LT_I(dir), LT_T(path), LT_T(end)))
		die("baseline", &e);
	while ((rc = lt_stmt_step(st, &e)) == 1)
		if (!strcmp(lt_stmt_text(st, 0), "people_supported"))
			v = lt_stmt_double(st, 1);
	lt_stmt_done(st);
	if (rc < 0)
		die("baseline", &e);
	*ms = now_ms() - t0;
	return v;
}

/* The accepted reports' figures in the root's path range. */
static double sql_total(lt_db *db, int64_t dir, const char *path, double *ms)
{
	return sql_sum(db,
		       "SELECT v.code, sum(v.value), count(*) FROM indicator_value v"
		       " WHERE v.directive_id = $1 AND v.unit_id IN (SELECT p.unit_id FROM report p"
		       "  JOIN unit u ON u.id = p.unit_id WHERE p.directive_id = $1"
		       "  AND p.status = 'accepted' AND u.path >= $2 AND u.path < $3)"
		       " GROUP BY v.code",
		       dir, path, ms);
}

/* The figures summary's kept national people_supported: every recipient's value. */
static double summary_kept(lt_db *db, int64_t dir, int64_t root, double *ms)
{
	lt_error e;
	lt_arena a;
	lt_figure_total *t = NULL;
	size_t n = 0;
	double t0 = now_ms(), v = NAN;

	lt_arena_init(&a);
	if (lt_figure_total_read(db, dir, root, &a, &t, &n, &e))
		die("summary read", &e);
	*ms = now_ms() - t0;
	for (size_t i = 0; i < n; i++)
		if (!strcmp(t[i].code, "people_supported"))
			v = t[i].sum;
	lt_arena_free(&a);
	return v;
}

/* Its baseline: every recipient's figures in the root's path range. */
static double summary_sql(lt_db *db, int64_t dir, const char *path, double *ms)
{
	return sql_sum(db,
		       "SELECT v.code, sum(v.value), max(v.value), count(*) FROM receipt r"
		       " JOIN unit u ON u.id = r.unit_id JOIN indicator_value v"
		       " ON v.directive_id = r.directive_id AND v.unit_id = r.unit_id"
		       " WHERE r.directive_id = $1 AND u.path >= $2 AND u.path < $3 GROUP BY v.code",
		       dir, path, ms);
}

static double snapshot_ms(lt_db *db, int64_t dir, int64_t root, bool recompute, double *value)
{
	lt_error e;
	lt_rollup_opts o = { .recompute = recompute };
	json_t *snap = NULL, *x;
	size_t i;
	double t0 = now_ms(), ms;

	if (lt_rollup_collect(db, dir, root, &o, &snap, &e))
		die("collect", &e);
	ms = now_ms() - t0;
	json_array_foreach(json_object_get(json_object_get(snap, "rollup"), "figures"), i, x)
		if (!strcmp(json_string_value(json_object_get(x, "code")), "people_supported"))
			*value = json_number_value(json_object_get(x, "value"));
	json_decref(snap);
	return ms;
}

int main(int argc, char **argv)
{
	lt_db *db = NULL;
	lt_error e;
	lt_stmt *st = NULL;
	char url[1100], path[LT_PATH_MAX];
	int64_t root = 0, dir = 0, gr = 0, units = 0;
	double kept[21], base[5], ms, k0, s0, v, old = 0, wr, rd, fresh, snap_k[3], snap_r[3];
	double sk[21], sb[5], sk0, sb0, srd, sfresh;

	if (argc < 2) {
		fprintf(stderr, "usage: bench_rollup_kept DB_PATH\n");
		return 2;
	}
	if (!strncmp(argv[1], "sqlite:", 7) || strstr(argv[1], "://"))
		snprintf(url, sizeof(url), "%s", argv[1]);
	else
		snprintf(url, sizeof(url), "sqlite:%s", argv[1]);
	if (lt_db_open(url, &db, &e) || lt_store_migrate(db, &e))
		die("open", &e);
	if (lt_db_row(db, "SELECT id, path FROM unit WHERE code = 'VN'", &st, &e) != 1)
		die("no national root (run lantoa demo --national)", &e);
	root = lt_stmt_int(st, 0);
	snprintf(path, sizeof(path), "%s", lt_stmt_text(st, 1));
	lt_stmt_done(st);
	if (lt_db_int(db, "SELECT min(id) FROM directive", &dir, &e) != 1 ||
	    lt_db_int(db, "SELECT count(*) FROM unit", &units, &e) != 1)
		die("no directive", &e);
	/* A grassroots union whose report is accepted: its figure counts nationally. */
	if (lt_db_row(db,
		      "SELECT v.unit_id, v.value FROM indicator_value v JOIN report p"
		      " ON p.directive_id = v.directive_id AND p.unit_id = v.unit_id"
		      " AND p.status = 'accepted' WHERE v.directive_id = $1"
		      " AND v.code = 'people_supported' ORDER BY v.unit_id LIMIT 1",
		      &st, &e, LT_I(dir)) != 1)
		die("no accepted figure", &e);
	gr = lt_stmt_int(st, 0);
	old = lt_stmt_double(st, 1);
	lt_stmt_done(st);

	k0 = kept_total(db, dir, root, &ms); /* warm */
	for (int i = 0; i < 21; i++)
		kept_total(db, dir, root, &kept[i]);
	s0 = sql_total(db, dir, path, &ms);
	for (int i = 0; i < 5; i++)
		sql_total(db, dir, path, &base[i]);
	sk0 = summary_kept(db, dir, root, &ms); /* warm (builds the rows of an older database) */
	for (int i = 0; i < 21; i++)
		summary_kept(db, dir, root, &sk[i]);
	sb0 = summary_sql(db, dir, path, &ms);
	for (int i = 0; i < 5; i++)
		summary_sql(db, dir, path, &sb[i]);
	for (int i = 0; i < 3; i++) {
		snap_k[i] = snapshot_ms(db, dir, root, false, &v);
		snap_r[i] = snapshot_ms(db, dir, root, true, &v);
	}

	/* Freshness: one grassroots figure, +1, then the national total at once. */
	{
		lt_figure_in f = { .code = "people_supported", .value = old + 1 };
		double t0 = now_ms();
		if (lt_figures_write(db, dir, gr, &f, 1, 0, NULL, &e))
			die("write", &e);
		wr = now_ms() - t0;
		fresh = kept_total(db, dir, root, &rd);
		sfresh = summary_kept(db, dir, root, &srd);
		f.value = old;
		if (lt_figures_write(db, dir, gr, &f, 1, 0, NULL, &e))
			die("write back", &e);
	}

	printf("## The national total, kept current (issue 10, part 3)\n\n");
	printf("%" PRId64 " units, directive #%" PRId64 ". `build/bench/bench_rollup_kept` on the"
	       " `lantoa demo --national` %s, same run.\n\n",
	       units, dir, strncmp(url, "sqlite:", 7) ? "database copied to PostgreSQL" : "SQLite file");
	printf("| the national total (people_supported, accepted basis) | median ms | runs | value |\n");
	printf("|---|---:|---:|---:|\n");
	printf("| kept table: `lt_rollup_read` (store/rollup_keep.c) | %.2f | 21 | %.0f |\n",
	       median(kept, 21), k0);
	printf("| plain SQL: covering index + accepted reports + path range | %.1f | 5 | %.0f |\n",
	       median(base, 5), s0);
	printf("| figures summary's national total (people_supported, every recipient): kept,"
	       " `lt_figure_total_read` (store/figure_total.c) | %.2f | 21 | %.0f |\n",
	       median(sk, 21), sk0);
	printf("| plain SQL: covering index + receipts + path range | %.1f | 5 | %.0f |\n",
	       median(sb, 5), sb0);
	printf("| national dashboard snapshot, figures and completeness kept | %.0f | 3 | |\n",
	       median(snap_k, 3));
	printf("| national dashboard snapshot, recomputed (`recompute`) | %.0f | 3 | |\n\n",
	       median(snap_r, 3));
	printf("Kept read %.0f× faster than the SQL baseline (which also ignores the tree as it"
	       " stood on the deadline).\n\n",
	       median(base, 5) / median(kept, 21));
	printf("Freshness: a grassroots figure written (+1, with the upkeep of its 4 ancestors in the"
	       " same transaction) in %.1f ms; the national total read right after it in %.2f ms"
	       " shows %.0f (before: %.0f): %s.\n\n",
	       wr, rd, fresh, k0, fresh == k0 + 1 ? "the change is there at once" : "STALE");
	printf("The figures summary's national total read right after the same write in %.2f ms"
	       " shows %.0f (before: %.0f): %s.\n\n",
	       srd, sfresh, sk0, sfresh == sk0 + 1 ? "the change is there at once" : "STALE");
	lt_db_close(db);
	return fresh == k0 + 1 && k0 == s0 && sfresh == sk0 + 1 && sk0 == sb0 ? 0 : 1;
}
