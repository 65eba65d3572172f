/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* Tests for src/store/directive*.c: issue, receipts, replace, the chain. */
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
	bool yes = false;
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
	assert_int_equal(lt_receipt_addressed(f->db, m.id, g1.path, &yes, &e), 0);
	assert_true(yes);
	assert_int_equal(lt_directive_standing(m.issuer_path, true, g1.path, yes), LT_DIR_READER);
	assert_int_equal(lt_receipt_addressed(f->db, m.id, g3.path, &yes, &e), 0);
	assert_false(yes);
	assert_int_equal(lt_directive_standing(m.issuer_path, true, g3.path, yes), LT_DIR_NONE);
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

static void test_chain_up_and_down(void **state)
{
	fx *f = *state;
	lt_error e;
	lt_arena a;
	lt_directive_summary *up, *down;
	size_t nup, ndown;
	int64_t n, child = 0, grand = 0, city = draft(f, f->city, "228/LĐLĐ", "children_of", f->city);
	json_t *in = json_pack("{s:s}", "subject", "triển khai"), *doc = NULL;

	assert_int_equal(lt_directive_issue(f->db, city, 0, &n, &e), 0);
	assert_int_equal(n, 2);
	assert_int_equal(lt_directive_check(in, false, &doc, &e), 0);
	assert_int_equal(lt_directive_create(f->db, f->district, doc, "directive", 0, city, 0, &child, &e), 0);
	assert_int_equal(lt_directive_create(f->db, f->commune, doc, "directive", 0, child, 0, &grand, &e), 0);
	json_decref(in);
	json_decref(doc);
	lt_arena_init(&a);
	assert_int_equal(lt_directive_chain_rows(f->db, grand, &a, &up, &nup, &down, &ndown, &e), 0);
	assert_int_equal(nup, 2); /* nearest first */
	assert_int_equal(up[0].id, child);
	assert_int_equal(up[1].id, city);
	assert_string_equal(up[1].number, "228/LĐLĐ");
	assert_int_equal(ndown, 0);
	assert_int_equal(lt_directive_chain_rows(f->db, city, &a, &up, &nup, &down, &ndown, &e), 0);
	assert_int_equal(nup, 0);
	assert_int_equal(ndown, 2); /* breadth first, each with what it implements */
	assert_int_equal(down[0].id, child);
	assert_int_equal(down[0].implements_id, city);
	assert_int_equal(down[1].id, grand);
	assert_int_equal(down[1].implements_id, child);
	lt_arena_free(&a);
}

static void test_replace_only_drafts(void **state)
{
	fx *f = *state;
	lt_error e;
	lt_arena a;
	lt_directive_parts p;
	lt_directive_theme *t;
	size_t nt;
	int64_t n, id = draft(f, f->district, "44/LĐLĐ", "grassroots_under", f->district);
	json_t *in = json_pack("{s:s,s:[{s:s,s:[s,s]}],s:[s]}", "number", "44 / LĐLĐ", "themes",
			       "title", "Chợ Tết", "items", "Gian hàng 0 đồng", "Tư vấn", "indicators",
			       "stalls"),
	       *doc = NULL;

	lt_arena_init(&a);
	assert_int_equal(lt_directive_check(in, false, &doc, &e), 0);
	assert_int_equal(lt_directive_parts_of(doc, &a, &p, &e), 0);
	assert_int_equal(lt_directive_replace(f->db, id, &p, 0, &e), 0);
	assert_int_equal(lt_directive_theme_list(f->db, id, &a, &t, &nt, &e), 0);
	assert_int_equal(nt, 1);
	assert_string_equal(t[0].title, "Chợ Tết");
	assert_string_equal(t[0].items, "[\"Gian hàng 0 đồng\",\"Tư vấn\"]");
	/* The draft lost its recipients: issuing it now names what is missing. */
	assert_int_equal(lt_directive_issue(f->db, id, 0, &n, &e), LT_EINVAL);
	assert_string_equal(e.field, "date");
	/* Once issued, the content cannot change, and nothing is half-written. */
	id = draft(f, f->district, "45/LĐLĐ", "grassroots_under", f->district);
	assert_int_equal(lt_directive_issue(f->db, id, 0, &n, &e), 0);
	assert_int_equal(lt_directive_replace(f->db, id, &p, 0, &e), LT_ECONFLICT);
	assert_string_equal(e.field, "status");
	assert_int_equal(lt_directive_theme_list(f->db, id, &a, &t, &nt, &e), 0);
	assert_string_equal(t[0].title, "Tết Sum vầy");
	assert_false(lt_db_in_tx(f->db));
	json_decref(in);
	json_decref(doc);
	lt_arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_issue_resolves_grassroots_at_issue_time, setup, teardown),
		cmocka_unit_test_setup_teardown(test_receipt_states_and_access, setup, teardown),
		cmocka_unit_test_setup_teardown(test_recipients_must_lie_below_the_issuer, setup, teardown),
		cmocka_unit_test_setup_teardown(test_chain_up_and_down, setup, teardown),
		cmocka_unit_test_setup_teardown(test_replace_only_drafts, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
