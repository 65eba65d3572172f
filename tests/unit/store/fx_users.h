/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * fx_users.h — the fixture of test_reset.c and test_digest.c: a migrated
 * database with one unit and three users: lam (Lam@Example.org), hanh
 * (lam@example.org: the same address in another case) and off (no address).
 */
#ifndef LT_TEST_FX_USERS_H
#define LT_TEST_FX_USERS_H

#include "store/store.h"
#include "store/unit.h"
#include "store/user.h"
#include "../../lib/pg.h"

typedef struct fx {
	lt_db *db;
	int64_t lam, hanh, off;
} fx;

static int64_t mk_user(lt_db *db, int64_t unit, const char *login, const char *email)
{
	lt_user_input in = { .login = login, .name = login, .role = "cadre", .unit_id = unit,
			     .email = email, .pw_hash = "x" };
	lt_error e;
	int64_t id = 0;

	if (lt_user_create(db, &in, 0, &id, &e))
		fail_msg("user %s: %s", login, e.en);
	return id;
}

static int setup(void **state)
{
	fx *f = calloc(1, sizeof(*f));
	lt_unit_input u = { .code = "GL", .name = "LĐLĐ huyện Gia Lâm", .level = "district",
			    .active_from = "2020-01-01" };
	int64_t unit = 0;
	lt_error e;

	assert_int_equal(lt_test_db_open(&f->db, &e), 0);
	assert_int_equal(lt_store_migrate(f->db, &e), 0);
	assert_int_equal(lt_unit_create(f->db, &u, 0, &unit, &e), 0);
	f->lam = mk_user(f->db, unit, "lam", "Lam@Example.org");
	f->hanh = mk_user(f->db, unit, "hanh", "lam@example.org");
	f->off = mk_user(f->db, unit, "off", NULL);
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

#endif
