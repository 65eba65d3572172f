/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * activity_fx.h — the fixture the activity feature's app tests share: an
 * in-memory database with a small union tree, letter 42/LĐLĐ issued by the
 * district to the units of two communes, a draft, and one user per role
 * and place, with the actor of each.
 *
 *   01 city
 *   └ 01.018 district (issuer, no receipt) officer od, admin ad
 *     ├ 01.018.00577 commune C (recipient) officer oc
 *     │ ├ G1 (recipient)                   cadre c1
 *     │ ├ G2 (recipient)                   cadre c2
 *     │ └ X1 (not a recipient)             cadre cx
 *     └ 01.018.00580 commune C2 (recipient)
 *       └ G4 (recipient)                   cadre c4
 */
#ifndef ACTIVITY_FX_H
#define ACTIVITY_FX_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "app/actor.h"
#include "store/store.h"
#include "store/unit.h"
#include "store/user.h"

typedef struct fx {
	lt_db *db;
	lt_arena a;
	int64_t city, district, commune, g1, g2, outsider, commune2, g4;
	int64_t dir, draft;
	lt_actor c1, c2, c4, cx, oc, od, ad, op, pub;
} fx;

static inline int64_t fx_unit(lt_db *db, const char *code, const char *name, const char *level,
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

static inline void fx_exec(lt_db *db, const char *sql)
{
	lt_error e;

	if (lt_db_exec(db, sql, &e))
		fail_msg("%s: %s", sql, e.en);
}

static inline int64_t fx_scalar(lt_db *db, const char *sql)
{
	lt_stmt *st = NULL;
	int64_t v = -1;

	assert_int_equal(lt_db_prepare_once(db, sql, &st, NULL), 0);
	if (lt_stmt_step(st, NULL) == 1)
		v = lt_stmt_int(st, 0);
	lt_stmt_free(st);
	return v;
}

/* A user of unit with role, and its actor (strings in f's arena). */
static inline void fx_user(fx *f, const char *login, const char *role, int64_t unit, lt_actor *out)
{
	lt_user_input in = { .login = login, .name = login, .role = role, .unit_id = unit,
			     .pw_hash = "x" };
	lt_user *u = lt_arena_alloc(&f->a, sizeof(*u));
	char hash[128];
	lt_error e;
	int64_t id = 0;

	assert_non_null(u);
	if (lt_user_create(f->db, &in, 0, &id, &e) ||
	    lt_user_get_by_login(f->db, login, &f->a, u, hash, &e))
		fail_msg("user %s: %s", login, e.en);
	lt_actor_user(out, u, NULL);
}

static inline int fx_setup(void **state)
{
	fx *f = calloc(1, sizeof(*f));
	lt_error e;
	char sql[2048];

	lt_arena_init(&f->a);
	assert_int_equal(lt_db_open("sqlite::memory:", &f->db, &e), 0);
	assert_int_equal(lt_store_migrate(f->db, &e), 0);
	f->city = fx_unit(f->db, "01", "LĐLĐ thành phố Hà Nội", "province", 0);
	f->district = fx_unit(f->db, "01.018", "LĐLĐ huyện Gia Lâm", "district", f->city);
	f->commune = fx_unit(f->db, "01.018.00577", "Công đoàn xã Đa Tốn", "commune", f->district);
	f->g1 = fx_unit(f->db, "G1", "CĐCS Trường Tiểu học Đa Tốn", "grassroots", f->commune);
	f->g2 = fx_unit(f->db, "G2", "CĐCS Công ty May Đa Tốn", "grassroots", f->commune);
	f->outsider = fx_unit(f->db, "X1", "CĐCS không nhận công văn", "grassroots", f->commune);
	f->commune2 = fx_unit(f->db, "01.018.00580", "Công đoàn xã Kiêu Kỵ", "commune", f->district);
	f->g4 = fx_unit(f->db, "G4", "CĐCS Trường Mầm non Kiêu Kỵ", "grassroots", f->commune2);
	snprintf(sql, sizeof(sql),
		 "INSERT INTO directive(id, issuer_id, number, date, subject, status, doc, search_fold,"
		 " created_at, updated_at) VALUES (1, %lld, '42/LĐLĐ', '2024-01-18', 'Tết 2024', 'issued',"
		 " '{}', '', 0, 0), (2, %lld, NULL, NULL, 'nháp', 'draft', '{}', '', 0, 0);"
		 "INSERT INTO directive_theme(id, directive_id, pos, title, items) VALUES"
		 " (11, 1, 1, '10 năm “Tết Sum vầy”', '[\"Số liệu, mô hình, bài học\"]'),"
		 " (12, 1, 2, 'Truyền thông về “Chợ Tết Công đoàn năm 2024”', '[\"Gian hàng 0 đồng\",\"Chợ Tết trực tuyến\"]'),"
		 " (13, 1, 3, '“Hành trình Tết Công đoàn”', '[\"Chuyến xe miễn phí đưa công nhân về quê\"]');"
		 "INSERT INTO receipt(directive_id, unit_id, received_at) VALUES (1, %lld, 1705545000),"
		 " (1, %lld, 1705545000), (1, %lld, 1705545000), (1, %lld, 1705545000),"
		 " (1, %lld, 1705545000), (2, %lld, 0);",
		 (long long)f->district, (long long)f->district, (long long)f->commune,
		 (long long)f->g1, (long long)f->g2, (long long)f->commune2, (long long)f->g4,
		 (long long)f->g1);
	fx_exec(f->db, sql);
	f->dir = 1;
	f->draft = 2;
	fx_user(f, "u-c1", "cadre", f->g1, &f->c1);
	fx_user(f, "u-c2", "cadre", f->g2, &f->c2);
	fx_user(f, "u-c4", "cadre", f->g4, &f->c4);
	fx_user(f, "u-cx", "cadre", f->outsider, &f->cx);
	fx_user(f, "u-oc", "officer", f->commune, &f->oc);
	fx_user(f, "u-od", "officer", f->district, &f->od);
	fx_user(f, "u-ad", "admin", f->district, &f->ad);
	lt_actor_operator(&f->op);
	lt_actor_public(&f->pub, "10.0.0.9");
	*state = f;
	return 0;
}

static inline int fx_teardown(void **state)
{
	fx *f = *state;

	lt_db_close(f->db);
	lt_arena_free(&f->a);
	free(f);
	return 0;
}

/* Lock (or unlock) unit's records for directive d, as an accepted report does. */
static inline void fx_lock(fx *f, int64_t d, int64_t unit, bool on)
{
	char sql[160];

	if (on)
		snprintf(sql, sizeof(sql),
			 "INSERT INTO record_lock(directive_id, unit_id, locked_at) VALUES (%lld, %lld, 0)",
			 (long long)d, (long long)unit);
	else
		snprintf(sql, sizeof(sql), "DELETE FROM record_lock WHERE unit_id = %lld",
			 (long long)unit);
	fx_exec(f->db, sql);
}

#endif
