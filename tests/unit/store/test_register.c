/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Tests for src/store/register.c: numbers per unit, register and calendar
 * year in Vietnam time (a new year starts again at 1, at local midnight);
 * a rolled-back entry gives its number back, so the numbers stay gap-free;
 * the two registers and two units count apart; a bad direction is refused
 * with nothing written. The flows that record directives and reports are
 * tested end to end in tests/integration/registers.test.mjs.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/clock.h"
#include "store/register.h"
#include "store/store.h"
#include "store/unit.h"
#include "../../lib/pg.h"

typedef struct fx {
	lt_db *db;
	int64_t a, b;
} fx;

static int64_t mk(lt_db *db, const char *code, const char *level, int64_t parent)
{
	lt_unit_input in = { .code = code, .name = code, .level = level, .parent_id = parent,
			     .active_from = "2020-01-01" };
	lt_error e;
	int64_t id = 0;
	if (lt_unit_create(db, &in, 0, &id, &e))
		fail_msg("%s", e.en);
	return id;
}

static int setup(void **state)
{
	fx *f = calloc(1, sizeof(*f));
	lt_error e;

	assert_int_equal(lt_test_db_open(&f->db, &e), 0);
	assert_int_equal(lt_store_migrate(f->db, &e), 0);
	f->a = mk(f->db, "GL", "district", 0);
	f->b = mk(f->db, "DT", "commune", f->a);
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

static int64_t add(fx *f, int64_t unit, const char *dir, int64_t at)
{
	lt_register_doc d = { .source = "other", .kind = "Công văn", .subject = "thử",
			      .party = "UBND" };
	lt_error e;
	int64_t seq = 0;
	int rc = lt_register_add(f->db, unit, dir, at, &d, &seq, &e);
	if (rc)
		fail_msg("%s", e.en);
	return seq;
}

static int64_t count(fx *f)
{
	lt_error e;
	int64_t n = -1;
	assert_int_equal(lt_db_int(f->db, "SELECT count(*) FROM register_entry", &n, &e), 1);
	return n;
}

static void numbers_per_unit_register_and_year(void **state)
{
	fx *f = *state;
	int64_t eve = lt_vn_epoch(2025, 12, 31, 23, 59, 59);
	int64_t newyear = lt_vn_epoch(2026, 1, 1, 0, 0, 0);

	assert_int_equal(lt_register_year(eve), 2025);
	assert_int_equal(lt_register_year(newyear), 2026);
	assert_int_equal(add(f, f->a, "in", eve - 100), 1);
	assert_int_equal(add(f, f->a, "in", eve), 2);
	assert_int_equal(add(f, f->a, "out", eve), 1);
	assert_int_equal(add(f, f->b, "in", eve), 1);
	/* Midnight in Vietnam (17:00 UTC the day before) opens the new year's register. */
	assert_int_equal(add(f, f->a, "in", newyear), 1);
	assert_int_equal(add(f, f->a, "in", newyear + 60), 2);
	assert_int_equal(add(f, f->a, "in", eve), 3);
}

static void rollback_gives_the_number_back(void **state)
{
	fx *f = *state;
	int64_t t = lt_vn_epoch(2026, 3, 1, 9, 0, 0);
	lt_error e;

	assert_int_equal(add(f, f->a, "out", t), 1);
	assert_int_equal(lt_db_begin(f->db, &e), 0);
	assert_int_equal(add(f, f->a, "out", t), 2);
	assert_int_equal(lt_db_end(f->db, LT_EINVAL, &e), LT_EINVAL); /* the sending write failed */
	assert_int_equal(count(f), 1);
	assert_int_equal(add(f, f->a, "out", t), 2);
	assert_int_equal(add(f, f->a, "out", t), 3);
}

static void bad_direction_writes_nothing(void **state)
{
	fx *f = *state;
	lt_register_doc d = { .source = "other", .kind = "Công văn", .subject = "thử", .party = "x" };
	lt_register_entry *items = NULL;
	lt_arena a;
	lt_error e;
	size_t n = 0;

	assert_int_equal(lt_register_add(f->db, f->a, "sideways", lt_now(), &d, NULL, &e), LT_EINVAL);
	assert_string_equal(e.field, "direction");
	assert_int_equal(count(f), 0);
	lt_arena_init(&a);
	assert_int_equal(lt_register_page(f->db, f->a, "up", 2026, 0, 10, &a, &items, &n, &e), LT_EINVAL);
	lt_arena_free(&a);
}

static void page_in_number_order(void **state)
{
	fx *f = *state;
	int64_t t = lt_vn_epoch(2026, 5, 1, 8, 0, 0);
	lt_register_entry *items = NULL;
	lt_arena a;
	lt_error e;
	size_t n = 0;

	for (int i = 0; i < 5; i++)
		add(f, f->b, "in", t + i);
	lt_arena_init(&a);
	assert_int_equal(lt_register_page(f->db, f->b, "in", 2026, 2, 2, &a, &items, &n, &e), 0);
	assert_int_equal(n, 2);
	assert_int_equal(items[0].seq, 3);
	assert_int_equal(items[1].seq, 4);
	assert_string_equal(items[0].doc.source, "other");
	assert_string_equal(items[0].doc.party, "UBND");
	assert_int_equal(items[0].year, 2026);
	lt_arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(numbers_per_unit_register_and_year, setup, teardown),
		cmocka_unit_test_setup_teardown(rollback_gives_the_number_back, setup, teardown),
		cmocka_unit_test_setup_teardown(bad_direction_writes_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(page_in_number_order, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
