/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * bench_rollup.c — the national roll-up of one directive.
 *
 * Builds a national-size union tree from the administrative-units catalogue
 * (../shared/data/dvhcvn): the national confederation, 63 provincial, ~700
 * district federations, ~10,500 commune unions and about 130,000 grassroots
 * unions under them; one directive issued to every grassroots union with 20
 * indicators, every union's figures entered and its report accepted. Then
 * times lt_rollup_figures (store/rollup.c) against a straightforward
 * recursive-CTE SQL query giving the same totals on the same SQLite file, in
 * the same run, and checks the totals agree.
 *
 * Usage: bench_rollup DVHCVN.json [DB_PATH]   — prints a markdown section.
 */
#include <inttypes.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "store/db.h"
#include "store/rollup.h"
#include "store/store.h"
#include "text/dvhcvn.h"

#define NIND 20

static double now_s(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void die(const char *what, const lt_error *e)
{
	fprintf(stderr, "bench_rollup: %s: %s (%s)\n", what, e ? e->en : "", e ? e->field : "");
	exit(1);
}

static char *slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long len;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)len + 1);
	if (buf && fread(buf, 1, (size_t)len, f) != (size_t)len) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	if (buf)
		buf[len] = '\0';
	*n = (size_t)len;
	return buf;
}

typedef struct node {
	int64_t id, parent;
	char path[160];
} node;

/* Insert one unit and its current version with a known id and path. */
static void put_unit(lt_db *db, int64_t id, const char *code, const char *name, const char *level,
		     int64_t parent, const char *path)
{
	lt_stmt *st = NULL;
	lt_error e;

	if (lt_db_prepare(db,
			  "INSERT INTO unit(id, code, name, name_fold, level, parent_id, path,"
			  " members, active_from, created_at, updated_at)"
			  " VALUES ($1, $2, $3, $3, $4, $5, $6, 100, '2015-01-01', 0, 0)",
			  &st, &e))
		die("prepare unit", &e);
	lt_stmt_bind_int(st, 1, id);
	lt_stmt_bind_text(st, 2, code);
	lt_stmt_bind_text(st, 3, name);
	lt_stmt_bind_text(st, 4, level);
	if (parent)
		lt_stmt_bind_int(st, 5, parent);
	else
		lt_stmt_bind_null(st, 5);
	lt_stmt_bind_text(st, 6, path);
	if (lt_stmt_run(st, &e))
		die("insert unit", &e);
	if (lt_db_prepare(db,
			  "INSERT INTO unit_version(unit_id, name, parent_id, path, valid_from, change,"
			  " changed_at) VALUES ($1, $2, $3, $4, '2015-01-01', 'create', 0)",
			  &st, &e))
		die("prepare version", &e);
	lt_stmt_bind_int(st, 1, id);
	lt_stmt_bind_text(st, 2, name);
	if (parent)
		lt_stmt_bind_int(st, 3, parent);
	else
		lt_stmt_bind_null(st, 3);
	lt_stmt_bind_text(st, 4, path);
	if (lt_stmt_run(st, &e))
		die("insert version", &e);
}

static const char *codes[NIND];

static void build(lt_db *db, const char *json, size_t len, int64_t *directive, int64_t *ngrass)
{
	lt_arena a;
	lt_dvhcvn_unit *u;
	lt_stmt *st = NULL;
	lt_error e;
	size_t n;
	node *nodes;
	int64_t next, g = 0;
	json_t *doc;
	char *doctext;

	lt_arena_init(&a);
	if (lt_dvhcvn_parse(json, len, NULL, NULL, &a, &u, &n, &e))
		die("dvhcvn", &e);
	nodes = calloc(n, sizeof(*nodes));
	if (lt_db_begin(db, &e))
		die("begin", &e);
	/* Catalogue units: ids 1..n in catalogue order (parents first). */
	for (size_t i = 0; i < n; i++) {
		int64_t parent = 0;
		const char *ppath = "/";
		if (u[i].parent_code) {
			for (size_t j = i; j-- > 0;) {
				if (!strcmp(u[j].code, u[i].parent_code)) {
					parent = nodes[j].id;
					ppath = nodes[j].path;
					break;
				}
			}
		}
		nodes[i].id = (int64_t)i + 1;
		nodes[i].parent = parent;
		snprintf(nodes[i].path, sizeof(nodes[i].path), "%.120s%" PRId64 "/", ppath, nodes[i].id);
		put_unit(db, nodes[i].id, u[i].code, u[i].name, u[i].level, parent, nodes[i].path);
	}
	/* The directive, issued by the national root to every grassroots union. */
	doc = json_pack("{s:s,s:s,s:s}", "number", "1/TLĐ", "date", "2024-01-10", "subject",
			"Tết 2024");
	doctext = json_dumps(doc, JSON_COMPACT);
	json_decref(doc);
	if (lt_db_prepare(db,
			  "INSERT INTO directive(issuer_id, number, date, subject, status, report_deadline,"
			  " doc, search_fold, created_at, updated_at, issued_at)"
			  " VALUES (1, '1/TLĐ', '2024-01-10', 'Tết 2024', 'issued', '2024-02-20', $1, '',"
			  " 0, 0, 0) RETURNING id",
			  &st, &e))
		die("directive", &e);
	lt_stmt_bind_text(st, 1, doctext);
	if (lt_stmt_step(st, &e) != 1)
		die("directive", &e);
	*directive = lt_stmt_int(st, 0);
	lt_stmt_done(st);
	free(doctext);
	if (lt_db_prepare(db, "SELECT code FROM indicator ORDER BY pos LIMIT 20", &st, &e))
		die("indicators", &e);
	for (int k = 0; k < NIND && lt_stmt_step(st, &e) == 1; k++)
		codes[k] = strdup(lt_stmt_text(st, 0));
	lt_stmt_done(st);
	for (int k = 0; k < NIND; k++) {
		if (lt_db_prepare(db, "INSERT INTO directive_indicator(directive_id, code, pos) VALUES ($1, $2, $3)",
				  &st, &e))
			die("directive_indicator", &e);
		lt_stmt_bind_int(st, 1, *directive);
		lt_stmt_bind_text(st, 2, codes[k]);
		lt_stmt_bind_int(st, 3, k);
		if (lt_stmt_run(st, &e))
			die("directive_indicator", &e);
	}
	/* About 130,000 grassroots unions: 12 or 13 per commune. */
	next = (int64_t)n + 1;
	for (size_t i = 0; i < n; i++) {
		if (strcmp(u[i].level, "commune"))
			continue;
		int k = 12 + (i % 3 == 0);
		for (int j = 0; j < k; j++, next++, g++) {
			char code[64], name[80], path[200];
			snprintf(code, sizeof(code), "%s.%02d", u[i].code, j + 1);
			snprintf(name, sizeof(name), "CĐCS %s", code);
			snprintf(path, sizeof(path), "%.150s%" PRId64 "/", nodes[i].path, next);
			put_unit(db, next, code, name, "grassroots", nodes[i].id, path);
			if (lt_db_prepare(db,
					  "INSERT INTO receipt(directive_id, unit_id, received_at) VALUES ($1, $2, 0)",
					  &st, &e))
				die("receipt", &e);
			lt_stmt_bind_int(st, 1, *directive);
			lt_stmt_bind_int(st, 2, next);
			if (lt_stmt_run(st, &e))
				die("receipt", &e);
			if (lt_db_prepare(db,
					  "INSERT INTO report(directive_id, unit_id, status, rev,"
					  " first_submitted_at, created_at, updated_at)"
					  " VALUES ($1, $2, 'accepted', 1, 1, 0, 0)",
					  &st, &e))
				die("report", &e);
			lt_stmt_bind_int(st, 1, *directive);
			lt_stmt_bind_int(st, 2, next);
			if (lt_stmt_run(st, &e))
				die("report", &e);
			for (int c = 0; c < NIND; c++) {
				if (lt_db_prepare(db,
						  "INSERT INTO indicator_value(directive_id, unit_id, code,"
						  " value, updated_at) VALUES ($1, $2, $3, $4, 0)",
						  &st, &e))
					die("value", &e);
				lt_stmt_bind_int(st, 1, *directive);
				lt_stmt_bind_int(st, 2, next);
				lt_stmt_bind_text(st, 3, codes[c]);
				lt_stmt_bind_double(st, 4, (double)((next * 7 + c * 13) % 500));
				if (lt_stmt_run(st, &e))
					die("value", &e);
			}
		}
	}
	if (lt_db_end(db, 0, &e))
		die("commit", &e);
	if (lt_db_exec(db, "ANALYZE", &e))
		die("analyze", &e);
	*ngrass = g;
	free(nodes);
	lt_arena_free(&a);
}

/* The baseline: walk the tree with a recursive CTE and sum in SQL. */
static double cte_totals(lt_db *db, int64_t directive, double *sums)
{
	lt_stmt *st = NULL;
	lt_error e;
	double t0 = now_s();

	if (lt_db_prepare_once(db,
			       "WITH RECURSIVE sub(id) AS (SELECT 1 UNION ALL"
			       "  SELECT u.id FROM unit u JOIN sub ON u.parent_id = sub.id)"
			       " SELECT v.code, sum(v.value) FROM indicator_value v"
			       " JOIN sub ON sub.id = v.unit_id"
			       " JOIN report r ON r.unit_id = v.unit_id AND r.directive_id = v.directive_id"
			       "  AND r.status = 'accepted'"
			       " WHERE v.directive_id = $1 GROUP BY v.code",
			       &st, &e))
		die("cte", &e);
	lt_stmt_bind_int(st, 1, directive);
	while (lt_stmt_step(st, &e) == 1)
		for (int k = 0; k < NIND; k++)
			if (!strcmp(codes[k], lt_stmt_text(st, 0)))
				sums[k] = lt_stmt_double(st, 1);
	lt_stmt_free(st);
	return now_s() - t0;
}

static double ours(lt_db *db, int64_t directive, double *sums)
{
	json_t *out = NULL;
	lt_error e;
	double t0 = now_s(), t;

	if (lt_rollup_figures(db, directive, 1, NULL, &out, &e))
		die("rollup", &e);
	t = now_s() - t0;
	for (int k = 0; k < NIND; k++)
		sums[k] = json_number_value(json_object_get(out, codes[k]));
	json_decref(out);
	return t;
}

static int cmp_d(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
	const char *src = argc > 1 ? argv[1] : "../shared/data/dvhcvn/dvhcvn_20240901.json";
	const char *path = argc > 2 ? argv[2] : "/tmp/lantoa-bench-rollup.db";
	char url[600], cpu[256] = "?";
	size_t len = 0;
	char *json = slurp(src, &len);
	lt_db *db = NULL;
	lt_error e;
	int64_t directive = 0, ngrass = 0, units = 0;
	double a[NIND], b[NIND], t_ours[5], t_cte[3], build_s;
	bool same = true;
	FILE *f;

	if (!json) {
		fprintf(stderr, "bench_rollup: cannot read %s\n", src);
		return 1;
	}
	unlink(path);
	snprintf(url, sizeof(url), "%s-wal", path);
	unlink(url);
	snprintf(url, sizeof(url), "sqlite:%s", path);
	if (lt_db_open(url, &db, &e) || lt_store_migrate(db, &e))
		die("open", &e);
	build_s = now_s();
	build(db, json, len, &directive, &ngrass);
	build_s = now_s() - build_s;
	{
		lt_stmt *st = NULL;
		if (lt_db_prepare(db, "SELECT count(*) FROM unit", &st, &e))
			die("count", &e);
		if (lt_stmt_step(st, &e) == 1)
			units = lt_stmt_int(st, 0);
		lt_stmt_done(st);
	}
	for (int i = 0; i < 5; i++)
		t_ours[i] = ours(db, directive, a);
	for (int i = 0; i < 3; i++)
		t_cte[i] = cte_totals(db, directive, b);
	for (int k = 0; k < NIND; k++)
		if (fabs(a[k] - b[k]) > 1e-6 * fabs(b[k]))
			same = false;
	qsort(t_ours, 5, sizeof(double), cmp_d);
	qsort(t_cte, 3, sizeof(double), cmp_d);
	f = fopen("/proc/cpuinfo", "r");
	if (f) {
		char line[512];
		while (fgets(line, sizeof(line), f))
			if (!strncmp(line, "model name", 10)) {
				snprintf(cpu, sizeof(cpu), "%s", strchr(line, ':') + 2);
				cpu[strcspn(cpu, "\n")] = '\0';
				break;
			}
		fclose(f);
	}
	printf("## National roll-up (one directive, %" PRId64 " grassroots unions)\n\n", ngrass);
	printf("Machine: %ld CPUs, %s. SQLite %s file, WAL. `build/bench/bench_rollup`.\n\n",
	       sysconf(_SC_NPROCESSORS_ONLN), cpu, path);
	printf("Tree from `dvhcvn_20240901.json`: %" PRId64 " units in all; %d indicators; %" PRId64
	       " figures; every report accepted. Built in %.1f s.\n\n",
	       units, NIND, ngrass * NIND, build_s);
	printf("| roll-up of the whole country | median | runs |\n|---|---|---|\n");
	printf("| `lt_rollup_figures` (range scan + C aggregation) | %.0f ms | 5 |\n", t_ours[2] * 1e3);
	printf("| recursive-CTE SQL, same totals | %.0f ms | 3 |\n", t_cte[1] * 1e3);
	printf("| ratio (CTE / ours) | **%.1f×** | |\n\n", t_cte[1] / t_ours[2]);
	printf("Totals identical: %s. Requirement: under 1 s and at least 5× the CTE.\n\n",
	       same ? "yes" : "**NO**");
	lt_db_close(db);
	free(json);
	return same ? 0 : 1;
}
