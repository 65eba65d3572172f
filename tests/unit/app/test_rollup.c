/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Tests for src/app/rollup.c (`lantoa rollup verify`): after the report
 * workflow of the use cases the kept roll-up equals a recomputation and
 * the dashboard shows a grassroots figure at once; a spoiled row is found
 * (unit, code, both values) and repaired; only administrators check.
 */
#include "report_fx.h"

#include <math.h>

#include "app/rollup.h"
#include "store/indicator.h"
#include "store/rollup.h"

typedef struct seen {
	size_t n;
	int64_t unit;
	char code[40];
	double kept, fresh;
} seen;

static void note(const lt_rollup_diff *d, void *ctx)
{
	seen *s = ctx;
	if (!s->n++) {
		s->unit = d->unit;
		snprintf(s->code, sizeof(s->code), "%s", d->code);
		s->kept = d->kept;
		s->fresh = d->fresh;
	}
}

/* The district's people_supported on the dashboard (the use case's snapshot). */
static double dashboard_total(fx *f)
{
	lt_error e;
	lt_report_ref ref = { f->dir, f->gl };
	json_t *snap = NULL, *x;
	size_t i;
	double v = NAN;

	assert_int_equal(lt_app_report_rollup(f->db, &f->op, &ref, false, &snap, &e), 0);
	json_array_foreach(json_object_get(json_object_get(snap, "rollup"), "figures"), i, x)
		if (!strcmp(json_string_value(json_object_get(x, "code")), "people_supported"))
			v = json_is_null(json_object_get(x, "value"))
				    ? NAN
				    : json_number_value(json_object_get(x, "value"));
	json_decref(snap);
	return v;
}

static void put(fx *f, int64_t unit, double v)
{
	lt_error e;
	lt_figure_in in = { .code = "people_supported", .value = v };
	assert_int_equal(lt_figures_write(f->db, f->dir, unit, &in, 1, 0, NULL, &e), 0);
}

static void test_workflow_kept_equals_recomputed(void **state)
{
	fx *f = *state;
	lt_error e;
	lt_app_rollup_check c;
	lt_actor g1 = as(f, f->g1, "cadre"), g3 = as(f, f->g3, "cadre"), gl = as(f, f->gl, "officer");
	lt_arena a;
	lt_rollup_kept k;

	lt_arena_init(&a);
	put(f, f->g1, 120);
	put(f, f->g3, 30);
	assert_int_equal(submit(f, &g1, f->g1, NULL, &e), 0);
	assert_int_equal(submit(f, &g3, f->g3, NULL, &e), 0);
	assert_true(isnan(dashboard_total(f))); /* nothing accepted yet */
	assert_int_equal(review(f, &gl, f->g1, LT_REPORT_ACCEPT, NULL, &e), 0);
	assert_true(dashboard_total(f) == 120);
	/* A grassroots correction shows at the district at once. */
	put(f, f->g1, 125);
	assert_true(dashboard_total(f) == 125);
	assert_int_equal(lt_rollup_read(f->db, f->dir, f->gl, false, &a, &k, &e), 0);
	assert_string_equal(k.figs[0].code, "people_supported");
	assert_true(k.figs[0].value == 125 && k.figs[0].units == 1);
	assert_int_equal(k.expected, 3);
	assert_int_equal(k.on_time, 2);
	assert_int_equal(lt_app_rollup_verify(f->db, &f->op, 0, false, NULL, NULL, &c, &e), 0);
	assert_int_equal(c.directives, 1);
	assert_int_equal(c.differences, 0);
	lt_arena_free(&a);
}

static void test_spoiled_row_found_and_repaired(void **state)
{
	fx *f = *state;
	lt_error e;
	lt_app_rollup_check c;
	lt_actor g1 = as(f, f->g1, "cadre"), gl = as(f, f->gl, "officer");
	seen s = { 0 };

	put(f, f->g1, 40);
	assert_int_equal(submit(f, &g1, f->g1, NULL, &e), 0);
	assert_int_equal(review(f, &gl, f->g1, LT_REPORT_ACCEPT, NULL, &e), 0);
	assert_int_equal(lt_db_exec(f->db,
				    "UPDATE rollup_total SET value = 41 WHERE code = 'people_supported'"
				    " AND basis = 0 AND unit_id = (SELECT id FROM unit WHERE code = 'GL')",
				    &e), 0);
	assert_int_equal(lt_app_rollup_verify(f->db, &f->op, f->dir, false, note, &s, &c, &e), 0);
	assert_int_equal(c.differences, 1);
	assert_int_equal(s.unit, f->gl);
	assert_string_equal(s.code, "people_supported");
	assert_true(s.kept == 41 && s.fresh == 40);
	assert_false(c.repaired);
	assert_int_equal(lt_app_rollup_verify(f->db, &f->op, f->dir, true, NULL, NULL, &c, &e), 0);
	assert_true(c.repaired);
	assert_int_equal(lt_app_rollup_verify(f->db, &f->op, f->dir, false, NULL, NULL, &c, &e), 0);
	assert_int_equal(c.differences, 0);
	assert_true(dashboard_total(f) == 40);
}

static void test_only_administrators(void **state)
{
	fx *f = *state;
	lt_error e;
	lt_app_rollup_check c;
	lt_actor officer = as(f, f->city, "officer");

	assert_int_equal(lt_app_rollup_verify(f->db, &officer, 0, false, NULL, NULL, &c, &e),
			 LT_EFORBIDDEN);
	assert_int_equal(lt_app_rollup_verify(f->db, &f->op, 999, false, NULL, NULL, &c, &e),
			 LT_ENOTFOUND);
	assert_string_equal(e.field, "directive");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_workflow_kept_equals_recomputed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_spoiled_row_found_and_repaired, setup, teardown),
		cmocka_unit_test_setup_teardown(test_only_administrators, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
