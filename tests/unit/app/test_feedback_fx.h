/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* test_feedback_fx.h — units and users for the feedback tests of src/app
 * (test_feedback_app.h's files, test_feedback_model.c), on an in-memory database. */
#ifndef LT_TEST_FEEDBACK_FX_H
#define LT_TEST_FEEDBACK_FX_H

#include "app/actor.h"
#include "core/arena.h"
#include "store/db.h"
#include "store/unit.h"
#include "store/user.h"

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

/* A user of unit with role, as the actor the web would build from its session. */
static void mk_user(lt_db *db, lt_arena *a, lt_actor *out, const char *login, const char *role,
		    int64_t unit)
{
	lt_user_input in = { .login = login, .name = login, .role = role, .unit_id = unit,
			     .pw_hash = "$argon2id$test" };
	lt_user *u = lt_arena_alloc(a, sizeof(*u));
	char hash[128];
	lt_error e;

	if (lt_user_create(db, &in, 0, NULL, &e) || lt_user_get_by_login(db, login, a, u, hash, &e))
		fail_msg("user %s: %s", login, e.en);
	lt_actor_user(out, u, "10.0.0.9");
}

#endif
