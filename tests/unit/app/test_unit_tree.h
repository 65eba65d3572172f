/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * test_unit_tree.h — the tree the app tests of units, users and directives
 * act on, in an in-memory database, with an actor of every kind:
 *
 *   HN (province; officer "hanoi", admin "admin")
 *   ├── GL (district; officer "gialam", cadre "glc")
 *   │   ├── DT (commune; officer "daton")
 *   │   │   ├── G1 (grassroots; cadre "cs1")
 *   │   │   └── G2 (grassroots)
 *   │   └── YV (commune)
 *   │       └── G3 (grassroots; cadre "cs3")
 *   └── DA (district; officer "dan")
 *       └── G4 (grassroots)
 */
#ifndef TEST_UNIT_TREE_H
#define TEST_UNIT_TREE_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "app/actor.h"
#include "store/store.h"
#include "store/unit.h"
#include "store/user.h"

typedef struct tree {
	lt_db *db;
	lt_arena a;
	int64_t hn, gl, da, dt, yv, g1, g2, g3, g4;
	lt_actor op, hanoi, admin, gialam, glc, daton, c1, c3, dan;
} tree;

static inline int64_t tree_unit(tree *t, const char *code, const char *level, int64_t parent)
{
	lt_unit_input in = { .code = code, .name = code, .level = level, .parent_id = parent,
			     .email = "x@example.org", .members = 10, .active_from = "2020-01-01" };
	lt_error e;
	int64_t id = 0;

	if (lt_unit_create(t->db, &in, 0, &id, &e))
		fail_msg("unit %s: %s", code, e.en);
	return id;
}

/* A user of unit (its password hash is a placeholder: these tests do not log in). */
static inline void tree_user(tree *t, const char *login, const char *role, int64_t unit, lt_actor *out)
{
	lt_user_input in = { .login = login, .name = login, .role = role, .unit_id = unit,
			     .pw_hash = "not-a-hash" };
	lt_user *u = lt_arena_alloc(&t->a, sizeof(*u));
	lt_error e;

	if (lt_user_create(t->db, &in, 0, NULL, &e) ||
	    lt_user_get_by_login(t->db, login, &t->a, u, NULL, &e))
		fail_msg("user %s: %s", login, e.en);
	lt_actor_user(out, u, "127.0.0.1");
}

static inline int tree_setup(void **state)
{
	tree *t = calloc(1, sizeof(*t));
	lt_error e;

	lt_arena_init(&t->a);
	if (lt_db_open("sqlite::memory:", &t->db, &e) || lt_store_migrate(t->db, &e))
		fail_msg("%s", e.en);
	t->hn = tree_unit(t, "HN", "province", 0);
	t->gl = tree_unit(t, "GL", "district", t->hn);
	t->dt = tree_unit(t, "DT", "commune", t->gl);
	t->g1 = tree_unit(t, "G1", "grassroots", t->dt);
	t->g2 = tree_unit(t, "G2", "grassroots", t->dt);
	t->yv = tree_unit(t, "YV", "commune", t->gl);
	t->g3 = tree_unit(t, "G3", "grassroots", t->yv);
	t->da = tree_unit(t, "DA", "district", t->hn);
	t->g4 = tree_unit(t, "G4", "grassroots", t->da);
	lt_actor_operator(&t->op);
	tree_user(t, "hanoi", "officer", t->hn, &t->hanoi);
	tree_user(t, "admin", "admin", t->hn, &t->admin);
	tree_user(t, "gialam", "officer", t->gl, &t->gialam);
	tree_user(t, "glc", "cadre", t->gl, &t->glc);
	tree_user(t, "daton", "officer", t->dt, &t->daton);
	tree_user(t, "cs1", "cadre", t->g1, &t->c1);
	tree_user(t, "cs3", "cadre", t->g3, &t->c3);
	tree_user(t, "dan", "officer", t->da, &t->dan);
	*state = t;
	return 0;
}

static inline int tree_teardown(void **state)
{
	tree *t = *state;

	assert_false(lt_db_in_tx(t->db)); /* every use case ended its transaction */
	lt_db_close(t->db);
	lt_arena_free(&t->a);
	free(t);
	return 0;
}

/* Does a unit with code exist? */
static inline bool tree_has(tree *t, const char *code)
{
	lt_unit u;

	return lt_unit_get_by_code(t->db, code, &t->a, &u, NULL) == 0;
}

#endif
