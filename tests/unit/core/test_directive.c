/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* Tests for src/core/directive.c: checking and normalising a directive document. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/directive.h"

static void test_number_normalise(void **state)
{
	char a[] = "42 /LĐLĐ", b[] = "  175  /CĐN-TGNC ", c[] = "12/ KH-LĐLĐ";
	(void)state;
	lt_directive_number_normalise(a);
	lt_directive_number_normalise(b);
	lt_directive_number_normalise(c);
	assert_string_equal(a, "42/LĐLĐ");
	assert_string_equal(b, "175/CĐN-TGNC");
	assert_string_equal(c, "12/KH-LĐLĐ");
}

static void test_authority_and_dates(void **state)
{
	char d[11];
	(void)state;
	assert_true(lt_directive_authority_valid("TM. BAN THƯỜNG VỤ"));
	assert_true(lt_directive_authority_valid("KT. CHỦ TỊCH"));
	assert_true(lt_directive_authority_valid("TUQ. CHỦ TỊCH"));
	assert_true(lt_directive_authority_valid(""));
	assert_false(lt_directive_authority_valid("THAY MẶT"));
	assert_false(lt_directive_authority_valid("TM."));
	lt_date_minus_days("2024-03-02", 3, d);
	assert_string_equal(d, "2024-02-28");
	lt_date_minus_days("2024-01-01", 1, d);
	assert_string_equal(d, "2023-12-31");
}

static json_t *check(const char *js, bool complete, lt_error *e, int *rc)
{
	json_t *in = json_loads(js, 0, NULL), *out = NULL;
	assert_non_null(in);
	*rc = lt_directive_check(in, complete, &out, e);
	json_decref(in);
	return out;
}

static void test_check_normalises_a_draft(void **state)
{
	lt_error e;
	int rc;
	json_t *o = check("{\"number\":\" 42 /LĐLĐ \",\"subject\":\"  V/v test  \","
			  "\"themes\":[{\"title\":\"Chợ Tết\",\"items\":[\" a \",\"b\"]}]}",
			  false, &e, &rc);
	(void)state;
	assert_int_equal(rc, 0);
	assert_string_equal(json_string_value(json_object_get(o, "number")), "42/LĐLĐ");
	assert_string_equal(json_string_value(json_object_get(o, "subject")), "V/v test");
	assert_string_equal(json_string_value(json_array_get(json_object_get(
				    json_array_get(json_object_get(o, "themes"), 0), "items"), 0)),
			    "a");
	assert_true(json_is_array(json_object_get(o, "tasks")));
	assert_true(json_is_null(json_object_get(o, "recipients")));
	json_decref(o);
}

static void test_check_errors_name_the_path(void **state)
{
	static const struct {
		const char *json;
		bool complete;
		const char *field;
	} cases[] = {
		{ "{\"themes\":[{\"title\":\"x\",\"items\":[\"a\",3]}]}", false, "themes[0].items[1]" },
		{ "{\"date\":\"2024-02-30\"}", false, "date" },
		{ "{\"date\":\"2024-02-10\",\"report_deadline\":\"2024-02-01\"}", false, "report_deadline" },
		{ "{\"report_email\":\"nope\"}", false, "report_email" },
		{ "{\"references\":[{\"date\":\"2024-01-01\"}]}", false, "references[0].number" },
		{ "{\"recipients\":{\"mode\":\"units\",\"unit_ids\":[1,-2]}}", false, "recipients.unit_ids[1]" },
		{ "{\"unknown\":1}", false, "unknown" },
		{ "{\"number\":\"1/X\",\"date\":\"2024-01-01\"}", true, "subject" },
		{ "{\"number\":\"1/X\",\"date\":\"2024-01-01\",\"subject\":\"s\"}", true, "recipients" },
		{ "{\"number\":\"1/X\",\"date\":\"2024-01-01\",\"subject\":\"s\","
		  "\"recipients\":{\"mode\":\"children_of\",\"unit_id\":1}}", true, "themes" },
	};
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		lt_error e;
		int rc;
		json_t *o = check(cases[i].json, cases[i].complete, &e, &rc);
		assert_null(o);
		assert_int_equal(rc, LT_EINVAL);
		assert_string_equal(e.field, cases[i].field);
		assert_true(strlen(e.vi) > 3 && strlen(e.en) > 3);
	}
}

/* A cadre reads the form's words, not the JSON key: "Thiếu trích yếu", not "Thiếu subject". */
static void test_missing_field_says_its_name(void **state)
{
	static const struct {
		const char *json, *field, *vi, *en;
	} cases[] = {
		{ "{\"date\":\"2024-01-01\",\"subject\":\"s\"}", "number", "Thiếu số, ký hiệu",
		  "number is required" },
		{ "{\"number\":\"1/X\",\"date\":\"2024-01-01\"}", "subject", "Thiếu trích yếu",
		  "subject is required" },
		{ "{\"number\":\"1/X\",\"subject\":\"s\"}", "date", "Thiếu ngày ban hành",
		  "date is required" },
		{ "{\"number\":\"1/X\",\"date\":\"2024-01-01\",\"subject\":7}", "subject",
		  "trích yếu phải là chữ", "subject must be a string" },
	};
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		lt_error e;
		int rc;
		json_t *o = check(cases[i].json, true, &e, &rc);
		assert_null(o);
		assert_string_equal(e.field, cases[i].field);
		assert_string_equal(e.vi, cases[i].vi);
		assert_string_equal(e.en, cases[i].en);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_number_normalise),
		cmocka_unit_test(test_authority_and_dates),
		cmocka_unit_test(test_check_normalises_a_draft),
		cmocka_unit_test(test_check_errors_name_the_path),
		cmocka_unit_test(test_missing_field_says_its_name),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
