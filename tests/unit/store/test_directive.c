/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* Tests for src/store/directive.c and directive_flow.c: issue, receipts, cascade, chain. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/directive.h"
#include "store/directive.h"
#include "store/store.h"
#include "store/unit.h"
#include "../../lib/pg.h"

typedef struct fx {
	lt_db *db;
	int64_t city, district, other, commune, g1, g2, g3;
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
	f->city = mk(f->db, "HN", "province", 0);
	f->district = mk(f->db, "GL", "district", f->city);
	f->other = mk(f->db, "DA", "district", f->city);
	f->commune = mk(f->db, "DT", "commune", f->district);
	f->g1 = mk(f->db, "G1", "grassroots", f->commune);
	f->g2 = mk(f->db, "G2", "grassroots", f->commune);
	f->g3 = mk(f->db, "G3", "grassroots", f->other);
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

static int64_t draft(fx *f, int64_t issuer, const char *number, const char *mode, int64_t root)
{
	json_t *in = json_pack("{s:s,s:s,s:s,s:{s:s,s:I},s:[{s:s,s:[s]}],s:s}", "number", number,
			       "date", "2024-01-18", "subject", "truyền thông Tết", "recipients",
			       "mode", mode, "unit_id", (json_int_t)root, "themes", "title",
			       "Tết Sum vầy", "items", "10 năm", "report_deadline", "2024-02-20");
	json_t *doc = NULL;
	lt_error e;
	int64_t id = 0;
	assert_int_equal(lt_directive_check(in, true, &doc, &e), 0);
	assert_int_equal(lt_directive_create(f->db, issuer, doc, "directive", 0, 0, 0, &id, &e), 0);
	json_decref(in);
	json_decref(doc);
	return id;
}

static void test_issue_resolves_grassroots_at_issue_time(void **state)
{
	fx *f = *state;
	lt_error e;
	int64_t n = 0, id = draft(f, f->district, "42/LĐLĐ", "grassroots_under", f->district);
	json_t *items, *counts;

	/* A union created after the draft but before issue is included. */
	int64_t late = mk(f->db, "G4", "grassroots", f->commune);
	assert_int_equal(lt_directive_issue(f->db, id, 0, &n, &e), 0);
	assert_int_equal(n, 3);
	/* One created after issue is not. */
	mk(f->db, "G5", "grassroots", f->commune);
	assert_int_equal(lt_receipt_list(f->db, id, NULL, &items, &counts, &e), 0);
	assert_int_equal(json_integer_value(json_object_get(counts, "recipients")), 3);
	assert_int_equal(json_array_size(items), 3);
	json_decref(items);
	json_decref(counts);
	(void)late;
	/* Issued means immutable. */
	assert_int_equal(lt_directive_issue(f->db, id, 0, &n, &e), LT_ECONFLICT);
	assert_false(lt_db_in_tx(f->db));
}

static void test_receipt_states_and_access(void **state)
{
	fx *f = *state;
	lt_error e;
	lt_arena a;
	lt_directive_meta m;
	lt_unit g1, g3;
	int64_t n, id = draft(f, f->district, "42/LĐLĐ", "grassroots_under", f->district);
	json_t *items, *counts;

	assert_int_equal(lt_directive_issue(f->db, id, 0, &n, &e), 0);
	assert_int_equal(lt_receipt_open(f->db, id, f->g1, 7, &e), 0);
	assert_int_equal(lt_receipt_ack(f->db, id, f->g2, 8, &e), 0);
	assert_int_equal(lt_receipt_ack(f->db, id, f->g3, 9, &e), LT_ENOTFOUND);
	assert_int_equal(lt_receipt_list(f->db, id, "pending", &items, &counts, &e), 0);
	assert_int_equal(json_array_size(items), 1);
	assert_int_equal(json_integer_value(json_object_get(counts, "opened")), 2);
	assert_int_equal(json_integer_value(json_object_get(counts, "acknowledged")), 1);
	json_decref(items);
	json_decref(counts);
	lt_arena_init(&a);
	assert_int_equal(lt_directive_get(f->db, id, &a, &m, NULL, &e), 0);
	assert_int_equal(lt_unit_get(f->db, f->g1, &a, &g1, &e), 0);
	assert_int_equal(lt_unit_get(f->db, f->g3, &a, &g3, &e), 0);
	assert_int_equal(lt_directive_access(f->db, &m, g1.id, g1.path), LT_DIR_READER);
	assert_int_equal(lt_directive_access(f->db, &m, g3.id, g3.path), LT_DIR_NONE);
	lt_arena_free(&a);
}

static void test_recipients_must_lie_below_the_issuer(void **state)
{
	fx *f = *state;
	lt_error e;
	int64_t n, id = draft(f, f->district, "43/LĐLĐ", "children_of", f->other);

	assert_int_equal(lt_directive_issue(f->db, id, 0, &n, &e), LT_EFORBIDDEN);
	assert_string_equal(e.field, "recipients.unit_id");
}

static void test_cascade_and_chain(void **state)
{
	fx *f = *state;
	lt_error e;
	lt_arena a;
	lt_directive_meta m;
	json_t *doc, *up, *down;
	int64_t n, child = 0, city = draft(f, f->city, "228/LĐLĐ", "children_of", f->city);

	assert_int_equal(lt_directive_issue(f->db, city, 0, &n, &e), 0);
	assert_int_equal(n, 2);
	/* The commune got nothing: it cannot cascade. */
	assert_int_equal(lt_directive_cascade(f->db, city, f->commune, 0, &child, &e), LT_EFORBIDDEN);
	assert_int_equal(lt_directive_cascade(f->db, city, f->district, 0, &child, &e), 0);
	lt_arena_init(&a);
	assert_int_equal(lt_directive_get(f->db, child, &a, &m, &doc, &e), 0);
	assert_string_equal(m.status, "draft");
	assert_int_equal(m.implements_id, city);
	assert_string_equal(json_string_value(json_object_get(doc, "report_deadline")), "2024-02-17");
	assert_string_equal(json_string_value(json_object_get(json_array_get(
				    json_object_get(doc, "references"), 0), "number")),
			    "228/LĐLĐ");
	json_decref(doc);
	lt_arena_free(&a);
	assert_int_equal(lt_directive_chain(f->db, child, &up, &down, &e), 0);
	assert_int_equal(json_array_size(up), 1);
	assert_int_equal(json_array_size(down), 0);
	json_decref(up);
	json_decref(down);
	assert_int_equal(lt_directive_chain(f->db, city, &up, &down, &e), 0);
	assert_int_equal(json_array_size(down), 1);
	json_decref(up);
	json_decref(down);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_issue_resolves_grassroots_at_issue_time, setup, teardown),
		cmocka_unit_test_setup_teardown(test_receipt_states_and_access, setup, teardown),
		cmocka_unit_test_setup_teardown(test_recipients_must_lie_below_the_issuer, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cascade_and_chain, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
