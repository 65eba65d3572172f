/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * report_fx.h — the fixture of the report use-case tests (test_report.c,
 * test_report_sign.c): Hà Nội → Gia Lâm → two communes → grassroots unions,
 * a second district, directive 42/LĐLĐ issued to Gia Lâm's unions, the
 * console operator; helpers to make actors, count rows, submit and review.
 * Test code only (cmocka); the clock is pinned to 15/02/2024.
 */
#ifndef LT_TEST_REPORT_FX_H
#define LT_TEST_REPORT_FX_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "app/report.h"
#include "core/directive.h"
#include "store/directive.h"
#include "store/store.h"

typedef struct fx {
	lt_db *db;
	lt_arena a;
	int64_t city, gl, c1, c2, g1, g2, g3, d2, g9, dir;
	lt_user users[8];
	lt_actor op;
} fx;

static inline int64_t mk(lt_db *db, const char *code, const char *level, int64_t parent)
{
	lt_unit_input in = { .code = code, .name = code, .level = level, .parent_id = parent,
			     .active_from = "2020-01-01" };
	lt_error e;
	int64_t id = 0;
	if (lt_unit_create(db, &in, 0, &id, &e))
		fail_msg("%s", e.en);
	return id;
}

/* An actor for a user of unit with role (strings live in f's arena). */
static inline lt_actor as(fx *f, int64_t unit, const char *role)
{
	static int64_t next = 100;
	lt_unit u;
	lt_user usr;
	lt_actor a;
	lt_error e;

	assert_int_equal(lt_unit_get(f->db, unit, &f->a, &u, &e), 0);
	memset(&usr, 0, sizeof(usr));
	usr.id = next++;
	usr.unit_id = unit;
	usr.unit_path = u.path;
	usr.role = role;
	usr.login = "test";
	lt_actor_user(&a, &usr, NULL);
	return a;
}

static inline int64_t count(fx *f, const char *sql)
{
	lt_stmt *st = NULL;
	lt_error e;
	int64_t n;
	assert_int_equal(lt_db_prepare(f->db, sql, &st, &e), 0);
	assert_int_equal(lt_stmt_step(st, &e), 1);
	n = lt_stmt_int(st, 0);
	lt_stmt_done(st);
	return n;
}

static inline int setup(void **state)
{
	fx *f = calloc(1, sizeof(*f));
	lt_error e;
	json_t *in, *doc = NULL;
	int64_t n;

	setenv("LANTOA_NOW", "1708000000", 1); /* 2024-02-15, before the deadline */
	lt_arena_init(&f->a);
	assert_int_equal(lt_db_open("sqlite::memory:", &f->db, &e), 0);
	assert_int_equal(lt_store_migrate(f->db, &e), 0);
	f->city = mk(f->db, "HN", "province", 0);
	f->gl = mk(f->db, "GL", "district", f->city);
	f->c1 = mk(f->db, "C1", "commune", f->gl);
	f->c2 = mk(f->db, "C2", "commune", f->gl);
	f->g1 = mk(f->db, "G1", "grassroots", f->c1);
	f->g2 = mk(f->db, "G2", "grassroots", f->c1);
	f->g3 = mk(f->db, "G3", "grassroots", f->c2);
	f->d2 = mk(f->db, "D2", "district", f->city);
	f->g9 = mk(f->db, "G9", "grassroots", f->d2);
	in = json_pack("{s:s,s:s,s:s,s:{s:s,s:I},s:[s],s:s,s:[s]}", "number", "42/LĐLĐ", "date",
		       "2024-01-18", "subject", "Tết", "recipients", "mode", "grassroots_under",
		       "unit_id", (json_int_t)f->gl, "tasks", "báo cáo", "report_deadline",
		       "2024-02-20", "indicators", "people_supported");
	assert_int_equal(lt_directive_check(in, true, &doc, &e), 0);
	assert_int_equal(lt_directive_create(f->db, f->gl, doc, "directive", 0, 0, 0, &f->dir, &e), 0);
	assert_int_equal(lt_directive_issue(f->db, f->dir, 0, &n, &e), 0);
	assert_int_equal(n, 3);
	json_decref(in);
	json_decref(doc);
	lt_actor_operator(&f->op);
	*state = f;
	return 0;
}

static inline int teardown(void **state)
{
	fx *f = *state;
	lt_db_close(f->db);
	lt_arena_free(&f->a);
	free(f);
	unsetenv("LANTOA_NOW");
	return 0;
}

static inline int submit(fx *f, const lt_actor *who, int64_t unit, const char *kind, lt_error *e)
{
	lt_report_submit_in in = { .ref = { f->dir, unit }, .kind = kind };
	return lt_app_report_submit(f->db, who, &in, NULL, &f->a, NULL, e);
}

static inline int review(fx *f, const lt_actor *who, int64_t unit, lt_report_act act, const char *text,
		  lt_error *e)
{
	lt_report_ref ref = { f->dir, unit };
	return lt_app_report_review(f->db, who, &ref, act, text, &f->a, NULL, e);
}

#endif
