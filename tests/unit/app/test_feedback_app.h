/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * test_feedback_app.h — the fixture of the use-case tests of workers'
 * feedback (test_feedback.c, test_feedback_rules.c): seven units from the
 * city to three grassroots unions, a user of each kind, and the steps the
 * tests take (add, read, act) as one of them.
 */
#ifndef LT_TEST_FEEDBACK_APP_H
#define LT_TEST_FEEDBACK_APP_H

#include "app/feedback.h"
#include "store/store.h"
#include "test_feedback_fx.h"

typedef struct fx {
	lt_db *db;
	lt_arena a;
	int64_t city, district, commune, g1, g2, other, g3;
	lt_actor cadre, sibling, commune_officer, district_officer, other_officer, admin, op, pub;
} fx;

#define user(f, out, login, role, unit) mk_user((f)->db, &(f)->a, out, login, role, unit)

static inline int setup(void **state)
{
	fx *f = calloc(1, sizeof(*f));
	lt_feedback_config c;
	lt_error e;

	lt_feedback_config_defaults(&c);
	lt_feedback_config_set(&c);
	lt_arena_init(&f->a);
	assert_int_equal(lt_db_open("sqlite::memory:", &f->db, &e), 0);
	assert_int_equal(lt_store_migrate(f->db, &e), 0);
	f->city = mk(f->db, "HN", "LĐLĐ thành phố Hà Nội", "province", 0);
	f->district = mk(f->db, "GL", "LĐLĐ huyện Gia Lâm", "district", f->city);
	f->commune = mk(f->db, "DT", "Công đoàn xã Đa Tốn", "commune", f->district);
	f->g1 = mk(f->db, "G1", "CĐCS Công ty May Đa Tốn", "grassroots", f->commune);
	f->g2 = mk(f->db, "G2", "CĐCS Trường THCS Đa Tốn", "grassroots", f->commune);
	f->other = mk(f->db, "LB", "LĐLĐ quận Long Biên", "district", f->city);
	f->g3 = mk(f->db, "G3", "CĐCS Công ty Cơ khí Long Biên", "grassroots", f->other);
	user(f, &f->cadre, "cs-g1", "cadre", f->g1);
	user(f, &f->sibling, "cs-g2", "cadre", f->g2);
	user(f, &f->commune_officer, "xa-dt", "officer", f->commune);
	user(f, &f->district_officer, "gialam", "officer", f->district);
	user(f, &f->other_officer, "longbien", "officer", f->other);
	user(f, &f->admin, "admin", "admin", f->city);
	lt_actor_operator(&f->op);
	lt_actor_public(&f->pub, "203.0.113.7");
	*state = f;
	return 0;
}

static inline int teardown(void **state)
{
	fx *f = *state;
	lt_db_close(f->db);
	lt_arena_free(&f->a);
	free(f);
	return 0;
}

static inline int64_t count(fx *f, const char *sql)
{
	lt_stmt *st = NULL;
	int64_t n = -1;
	assert_int_equal(lt_db_prepare_once(f->db, sql, &st, NULL), 0);
	if (lt_stmt_step(st, NULL) == 1)
		n = lt_stmt_int(st, 0);
	lt_stmt_free(st);
	return n;
}

static inline int64_t views(fx *f)
{
	return count(f, "SELECT count(*) FROM audit_event WHERE action = 'view_personal'");
}

static inline int64_t add_as(fx *f, const lt_actor *who, int64_t unit, const char *text,
		      const char *name, const char *phone, bool anon)
{
	lt_feedback_input in = { .unit_id = unit, .channel = "zalo", .text = text,
				 .sender_name = name, .sender_phone = phone, .anonymous = anon };
	lt_fb_added out;
	lt_error e;

	if (lt_app_feedback_add(f->db, who, &in, &out, &f->a, NULL, &e))
		fail_msg("add: %s (%s)", e.en, e.field);
	return out.id;
}

static inline int64_t add(fx *f, int64_t unit, const char *text)
{
	return add_as(f, &f->op, unit, text, NULL, NULL, false);
}

static inline lt_fb_view get_as(fx *f, const lt_actor *who, int64_t id)
{
	lt_fb_view v;
	lt_error e;

	if (lt_app_feedback_get(f->db, who, id, true, &f->a, &v, &e))
		fail_msg("get: %s", e.en);
	return v;
}

static inline int act(fx *f, const lt_actor *who, int64_t id, const char *action, const char *text,
	       bool publish, lt_error *e)
{
	lt_fb_action x = { .action = action, .text = text, .publish = publish };

	return lt_app_feedback_act(f->db, who, id, &x, &f->a, NULL, e);
}

#endif
