/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * bench_fb_learn.c — what a cadre's confirmation of a feedback message costs
 * (issue 10): n messages of data/feedback/dev.jsonl are added to a fresh
 * SQLite database, then confirmed one by one with their gold topics on one
 * connection (node a); after each, one message is classified on a second
 * connection (node b), which has to pick up the change.
 * Prints, per confirmation: CPU and wall time of the confirmation, bytes
 * written (SQLite: what the process wrote, /proc/self/io wchar, the WAL and
 * its checkpoints; PostgreSQL: the server's WAL, pg_current_wal_lsn), and
 * CPU of node b's first classification after it (its refresh of the
 * model), against a classification with nothing new. CPU is this
 * process's (PostgreSQL's own is not counted).
 *
 *     bench_fb_learn DEV.JSONL DIR|POSTGRESQL-URL [N]
 *
 * With a PostgreSQL URL the tables go in a schema of their own, dropped at the end.
 * With BENCH_FB_CORRECT set, every third message is corrected to another
 * topic instead of confirmed (the model then has more to learn).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "app/feedback.h"
#include "app/feedback_int.h"
#include "text/classify_fb_delta.h"
#include "store/store.h"
#include "store/unit.h"
#include "store/user.h"
#include "text/corpus.h"

static double cpu_now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static double wall_now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static long long wchar(void)
{
	FILE *f = fopen("/proc/self/io", "r");
	char line[128];
	long long v = -1;

	while (f && fgets(line, sizeof(line), f))
		if (!strncmp(line, "wchar:", 6))
			v = atoll(line + 6);
	if (f)
		fclose(f);
	return v;
}

static bool pg;

/* Bytes written so far: the server's WAL position on PostgreSQL, else this process's writes. */
static long long written(lt_db *db)
{
	int64_t v = -1;
	lt_error e;

	if (!pg)
		return wchar();
	if (lt_db_int(db, "SELECT (pg_current_wal_lsn() - $1::pg_lsn)::bigint", &v, &e,
		      LT_T("0/0")) != 1)
		return -1;
	return v;
}

static void die(const char *what, const lt_error *e)
{
	fprintf(stderr, "bench_fb_learn: %s: %s\n", what, e->en);
	exit(1);
}

int main(int argc, char **argv)
{
	lt_fbc c = { 0 };
	lt_db *a = NULL, *b = NULL;
	lt_arena ar;
	lt_error e;
	lt_actor cadre;
	lt_user u;
	char url[4200], hash[128], schema[64], sql[128];
	lt_db *admin = NULL;
	size_t n;
	int64_t unit = 0, *ids;
	double cpu = 0, wall = 0, rcpu = 0, ccpu = 0;
	long long bytes = 0, rows = 0;
	lt_feedback_config fc;
	bool correct = getenv("BENCH_FB_CORRECT") != NULL;

	if (argc < 3) {
		fprintf(stderr, "usage: bench_fb_learn DEV.JSONL DIR [N]\n");
		return 2;
	}
	lt_feedback_config_defaults(&fc);
	lt_feedback_config_set(&fc);
	if (lt_fbc_load(argv[1], &c, &e))
		die("corpus", &e);
	n = argc > 3 ? (size_t)atol(argv[3]) : 100;
	if (n > c.n)
		n = c.n;
	pg = !strncmp(argv[2], "postgresql:", 11);
	if (pg) {
		snprintf(schema, sizeof(schema), "bench_fb_%ld", (long)getpid());
		snprintf(url, sizeof(url), "%s%soptions=-csearch_path%%3D%s", argv[2],
			 strchr(argv[2], '?') ? "&" : "?", schema);
		snprintf(sql, sizeof(sql), "CREATE SCHEMA %s", schema);
		if (lt_db_open(argv[2], &admin, &e) || lt_db_exec(admin, sql, &e))
			die("schema", &e);
	} else {
		snprintf(url, sizeof(url), "sqlite:%s/fb.db", argv[2]);
	}
	if (lt_db_open(url, &a, &e) || lt_store_migrate(a, &e) || lt_db_open(url, &b, &e))
		die("open", &e);
	lt_arena_init(&ar);
	{
		lt_unit_input in = { .code = "G1", .name = "CĐCS", .level = "grassroots",
				     .active_from = "2020-01-01" };
		lt_user_input ui = { .login = "cs", .name = "cs", .role = "cadre",
				     .pw_hash = "$argon2id$x" };
		if (lt_unit_create(a, &in, 0, &unit, &e))
			die("unit", &e);
		ui.unit_id = unit;
		if (lt_user_create(a, &ui, 0, NULL, &e) ||
		    lt_user_get_by_login(a, "cs", &ar, &u, hash, &e))
			die("user", &e);
		lt_actor_user(&cadre, &u, "127.0.0.1");
	}
	ids = calloc(n, sizeof(*ids));
	for (size_t i = 0; i < n; i++) {
		lt_feedback_input in = { .unit_id = unit, .channel = "hotline", .text = c.v[i].text };
		lt_fb_added out;
		if (lt_app_feedback_add(a, &cadre, &in, &out, &ar, NULL, &e))
			die("add", &e);
		ids[i] = out.id;
	}
	for (size_t i = 0; i < n; i++) {
		lt_fb_view v;
		lt_fb_class k;
		double c0 = cpu_now(), w0 = wall_now(), c1;
		long long b0 = written(a);
		/* BENCH_FB_CORRECT set: every third message is corrected to another topic */
		uint32_t topics = correct && i % 3 == 2 ? 1u << ((c.v[i].topic + 3) % LT_TOPIC_COUNT)
						       : c.v[i].topics;
		if (lt_app_feedback_set_topics(a, &cadre, ids[i], topics, &ar, &v, &e))
			die("confirm", &e);
		cpu += cpu_now() - c0;
		wall += wall_now() - w0;
		bytes += written(a) - b0;
		{
			int64_t changed = 0;
			if (lt_db_int(a, "SELECT count(*) FROM feedback_model_row WHERE version ="
					 " (SELECT version FROM feedback_model WHERE id = $1)",
				      &changed, &e, LT_I(1)) != 1)
				die("rows", &e);
			rows += changed;
		}
		c0 = cpu_now();
		if (lt_app_feedback_classify(b, &cadre, c.v[(i + 1) % c.n].text, &k, &e))
			die("classify", &e);
		c1 = cpu_now();
		rcpu += c1 - c0;
		free(k.why);
		if (lt_app_feedback_classify(b, &cadre, c.v[(i + 2) % c.n].text, &k, &e))
			die("classify", &e);
		ccpu += cpu_now() - c1;
		free(k.why);
	}
	printf("| confirmations | CPU ms each | wall ms each | bytes written each |"
	       " node b's next classification, CPU ms | a classification with nothing new, CPU ms |\n");
	printf("|---|---|---|---|---|---|\n");
	printf("| %zu | %.2f | %.2f | %.0f | %.2f | %.3f |\n", n, 1e3 * cpu / (double)n,
	       1e3 * wall / (double)n, (double)bytes / (double)n, 1e3 * rcpu / (double)n,
	       1e3 * ccpu / (double)n);
	{
		/* what a copy costs: parsed from the shipped bytes, or copied in memory */
		extern const unsigned char lt_fb_model_shipped[];
		extern const size_t lt_fb_model_shipped_size;
		const lt_fbm *sh = NULL;
		double parse = 1e9, clone = 1e9, c0, t;
		if (lt_app_fb_shipped(&sh, &e))
			die("shipped", &e);
		for (int r = 0; r < 20; r++) {
			lt_fbm *m = NULL;
			c0 = cpu_now();
			if (lt_fbm_load(lt_fb_model_shipped, lt_fb_model_shipped_size, &m, &e))
				die("load", &e);
			t = cpu_now() - c0;
			parse = t < parse ? t : parse;
			lt_fbm_free(m);
			c0 = cpu_now();
			if (lt_fbm_clone(sh, &m, &e))
				die("clone", &e);
			t = cpu_now() - c0;
			clone = t < clone ? t : clone;
			lt_fbm_free(m);
		}
		printf("\nRows a confirmation wrote: %.1f on average (%lld in all, %zu confirmations).\n",
		       (double)rows / (double)n, rows, n);
		/* the best of 20: the first copies also pay for fresh pages (malloc's mmap) */
		printf("\nThe model (%zu bytes): parsed in %.2f ms of CPU, copied in memory in %.2f ms"
		       " (best of 20).\n",
		       lt_fb_model_shipped_size, 1e3 * parse, 1e3 * clone);
	}
	free(ids);
	lt_arena_free(&ar);
	lt_db_close(b);
	lt_db_close(a);
	if (admin) {
		snprintf(sql, sizeof(sql), "DROP SCHEMA %s CASCADE", schema);
		if (lt_db_exec(admin, sql, &e))
			die("drop", &e);
		lt_db_close(admin);
	}
	lt_fbc_free(&c);
	return 0;
}
