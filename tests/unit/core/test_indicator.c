/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* Tests for src/core/indicator.c: value checks, warning rules, aggregation. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/indicator.h"

static lt_indicator_def def(const char *code, const char *measure, const char *rules)
{
	lt_indicator_def d;
	lt_error e;

	if (lt_indicator_def_parse(code, measure, "sum", rules, &d, &e))
		fail_msg("parse %s: %s", code, e.en);
	return d;
}

static void test_errors_for_impossible_values(void **state)
{
	lt_indicator_def people = def("people_supported", "people", NULL);
	lt_indicator_def money = def("support_vnd", "vnd", NULL);
	lt_indicator_def pct = def("share_pct", "percent", NULL);
	lt_error e;

	(void)state;
	assert_int_equal(lt_indicator_check(&people, 120, &e), 0);
	assert_int_equal(lt_indicator_check(&people, 0, &e), 0);
	/* A fraction of a person. */
	assert_int_equal(lt_indicator_check(&people, 2.5, &e), LT_EINVAL);
	assert_string_equal(e.field, "people_supported");
	assert_non_null(strstr(e.vi, "số nguyên"));
	assert_non_null(strstr(e.vi, "2,5 người"));
	/* Negative money. */
	assert_int_equal(lt_indicator_check(&money, -5000, &e), LT_EINVAL);
	assert_non_null(strstr(e.vi, "không được âm"));
	assert_non_null(strstr(e.en, "-5.000"));
	/* Not a number at all, and an absurd amount (a typing slip of many zeros). */
	assert_int_equal(lt_indicator_check(&money, 0.0 / 0.0, &e), LT_EINVAL);
	assert_int_equal(lt_indicator_check(&money, 7e15, &e), LT_EINVAL);
	assert_int_equal(lt_indicator_check(&money, 7e12, &e), 0); /* VND 7 trillion: Tết 2024 */
	/* Percentages may be fractions but not above 100. */
	assert_int_equal(lt_indicator_check(&pct, 37.5, &e), 0);
	assert_int_equal(lt_indicator_check(&pct, 101, &e), LT_EINVAL);
}

static void test_rules_parse_and_bounds(void **state)
{
	lt_indicator_def d;
	lt_error e;

	(void)state;
	d = def("gift_vnd", "vnd", "{\"per\":\"gift_recipients\",\"per_min\":100000,\"per_max\":5000000}");
	assert_string_equal(d.per, "gift_recipients");
	assert_true(d.per_min == 100000 && d.per_max == 5000000);
	d = def("x", "people", "{\"min\":10,\"max\":20}");
	assert_int_equal(lt_indicator_check(&d, 9, &e), LT_EINVAL);
	assert_non_null(strstr(e.vi, "10 – 20"));
	assert_int_equal(lt_indicator_check(&d, 20, &e), 0);
	assert_int_equal(lt_indicator_def_parse("x", "people", "sum", "[1]", &d, &e), LT_EINVAL);
	assert_string_equal(e.field, "rules");
	assert_int_equal(lt_indicator_def_parse("x", "people", "sum", "{\"min\":5,\"max\":1}", &d, &e),
			 LT_EINVAL);
	assert_int_equal(lt_indicator_def_parse("x", "kilograms", "sum", NULL, &d, &e), LT_EINVAL);
	assert_string_equal(e.field, "measure");
	assert_int_equal(lt_indicator_def_parse("x", "people", "avg", NULL, &d, &e), LT_EINVAL);
	assert_int_equal(lt_indicator_def_parse("", "people", "sum", NULL, &d, &e), LT_EINVAL);
	assert_int_equal(lt_indicator_def_parse("x", "vnd", "sum", "{\"per\":\"y\"}", &d, &e), LT_EINVAL);
	assert_true(lt_indicator_measure_known("stalls"));
	assert_false(lt_indicator_measure_known("stall"));
}

static void test_warnings_parts_and_ratio(void **state)
{
	lt_indicator_def defs[] = {
		def("support_vnd", "vnd", "{\"parts\":[\"support_vnd_union\",\"support_vnd_other\"]}"),
		def("support_vnd_union", "vnd", NULL),
		def("support_vnd_other", "vnd", NULL),
		def("gift_recipients", "people", NULL),
		def("gift_vnd", "vnd", "{\"per\":\"gift_recipients\",\"per_min\":100000,\"per_max\":5000000}"),
	};
	lt_indicator_val v[] = {
		{ "support_vnd", 30000000, true },
		{ "support_vnd_union", 20000000, true },
		{ "support_vnd_other", 5000000, true },
		{ "gift_recipients", 40, true },
		{ "gift_vnd", 400000, true }, /* 10.000 đ a gift */
	};
	lt_indicator_warning w[4];
	size_t n;

	(void)state;
	n = lt_indicator_warnings(defs, 5, v, 5, w, 4);
	assert_int_equal(n, 2);
	assert_string_equal(w[0].rule, "parts:support_vnd");
	assert_non_null(strstr(w[0].vi, "30.000.000"));
	assert_non_null(strstr(w[0].vi, "25.000.000"));
	assert_string_equal(w[1].rule, "per:gift_vnd");
	assert_string_equal(w[1].code, "gift_vnd");
	assert_non_null(strstr(w[1].en, "10.000"));
	/* The values in the definitions' order are found without a search; in any other
	 * order, or fewer of them, each is still found by its code. */
	{
		lt_indicator_val r[5], part[2] = { v[0], v[1] };
		for (size_t i = 0; i < 5; i++)
			r[i] = v[4 - i];
		assert_int_equal(lt_indicator_warnings(defs, 5, r, 5, w, 4), 2);
		assert_string_equal(w[0].rule, "parts:support_vnd");
		assert_string_equal(w[1].rule, "per:gift_vnd");
		r[0].set = false; /* gift_vnd, out of place and unset: no ratio */
		assert_int_equal(lt_indicator_warnings(defs, 5, r, 5, w, 4), 1);
		assert_int_equal(lt_indicator_warnings(defs, 5, part, 2, w, 4), 0);
	}
	/* Consistent values: no warning. */
	v[2].v = 10000000;
	v[4].v = 40 * 500000.0;
	assert_int_equal(lt_indicator_warnings(defs, 5, v, 5, w, 4), 0);
	/* A rule waits until every value it needs is set; a zero denominator is no ratio. */
	v[2].set = false;
	v[3].v = 0;
	assert_int_equal(lt_indicator_warnings(defs, 5, v, 5, w, 4), 0);
	/* Rounding noise under half a đồng is not a mismatch. */
	v[2].set = true;
	v[2].v = 10000000.4;
	assert_int_equal(lt_indicator_warnings(defs, 5, v, 5, w, 4), 0);
	/* More warnings than room: the count is still right. */
	v[2].v = 1;
	v[3].v = 1;
	assert_int_equal(lt_indicator_warnings(defs, 5, v, 5, w, 1), 2);
}

static void test_aggregate(void **state)
{
	lt_indicator_def d = def("x", "people", NULL);
	double v[] = { 3, 10, 4 };
	long long stamps[] = { 100, 50, 200 };

	(void)state;
	assert_true(lt_indicator_aggregate(&d, v, NULL, 3) == 17);
	strcpy(d.aggregation, "max");
	assert_true(lt_indicator_aggregate(&d, v, NULL, 3) == 10);
	strcpy(d.aggregation, "latest");
	assert_true(lt_indicator_aggregate(&d, v, stamps, 3) == 4);
	assert_true(lt_indicator_aggregate(&d, v, NULL, 3) == 4);
	strcpy(d.aggregation, "none");
	assert_true(lt_indicator_aggregate(&d, v, NULL, 3) == 0);
	strcpy(d.aggregation, "sum");
	assert_true(lt_indicator_aggregate(&d, v, NULL, 0) == 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_errors_for_impossible_values),
		cmocka_unit_test(test_rules_parse_and_bounds),
		cmocka_unit_test(test_warnings_parts_and_ratio),
		cmocka_unit_test(test_aggregate),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
