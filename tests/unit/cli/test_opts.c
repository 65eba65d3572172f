/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* Tests for src/cli/opts.c: every command parses its options the same way. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "cli/opts.h"

typedef struct o {
	const char *unit;
	long rev;
	bool submitted;
} o;

static const lt_opt table[] = {
	{ "unit", LT_OPT_STR, offsetof(o, unit), "CODE", "mã đơn vị", "unit code" },
	{ "rev", LT_OPT_INT, offsetof(o, rev), "N", "lần nộp", "revision" },
	{ "submitted", LT_OPT_FLAG, offsetof(o, submitted), NULL, "gồm bản đã nộp",
	  "include submitted" },
	{ NULL, 0, 0, NULL, NULL, NULL },
};

static const lt_cmd_spec spec = { "report show", "[FILE]", 0, 1, table, "xem", "show" };

static int run(lt_cli *cli, o *out, char **args, int *n, int argc, char **argv)
{
	memset(cli, 0, sizeof(*cli));
	memset(out, 0, sizeof(*out));
	cli->en = true;
	return lt_cli_parse(cli, &spec, argc, argv, out, args, n);
}

static void test_values_flags_and_arguments(void **state)
{
	char *argv[] = { "show", "--unit", "01.018", "--rev=2", "--submitted", "--json", "f.csv" };
	char *args[1];
	lt_cli cli;
	o out;
	int n = 0;

	(void)state;
	assert_int_equal(run(&cli, &out, args, &n, 7, argv), 0);
	assert_string_equal(out.unit, "01.018");
	assert_int_equal(out.rev, 2);
	assert_true(out.submitted);
	assert_true(cli.json);
	assert_int_equal(n, 1);
	assert_string_equal(args[0], "f.csv");
}

static void test_unknown_option_is_named(void **state)
{
	char *argv[] = { "show", "--bogus" };
	lt_cli cli;
	o out;

	(void)state;
	assert_int_equal(run(&cli, &out, NULL, NULL, 2, argv), LT_EINVAL);
	assert_string_equal(cli.err.field, "--bogus");
	assert_non_null(strstr(cli.err.en, "Unknown option"));
}

static void test_bad_number_missing_value_stray_argument(void **state)
{
	char *bad_num[] = { "show", "--rev", "2x" };
	char *no_value[] = { "show", "--unit" };
	char *stray[] = { "show", "a", "b" };
	char *flag_value[] = { "show", "--submitted=yes" };
	char *args[1];
	lt_cli cli;
	o out;
	int n;

	(void)state;
	assert_int_equal(run(&cli, &out, args, &n, 3, bad_num), LT_EINVAL);
	assert_string_equal(cli.err.field, "--rev");
	assert_int_equal(run(&cli, &out, args, &n, 2, no_value), LT_EINVAL);
	assert_string_equal(cli.err.field, "--unit");
	assert_int_equal(run(&cli, &out, args, &n, 3, stray), LT_EINVAL);
	assert_string_equal(cli.err.field, "b");
	assert_int_equal(run(&cli, &out, args, &n, 2, flag_value), LT_EINVAL);
}

static void test_help_and_double_dash(void **state)
{
	char *help[] = { "show", "--help" };
	char *dash[] = { "show", "--", "--unit" };
	char *args[1];
	lt_cli cli;
	o out;
	int n = 0;

	(void)state;
	assert_int_equal(run(&cli, &out, args, &n, 2, help), 1);
	assert_int_equal(run(&cli, &out, args, &n, 3, dash), 0);
	assert_int_equal(n, 1);
	assert_string_equal(args[0], "--unit"); /* after --, a file may start with dashes */
	assert_null(out.unit);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_values_flags_and_arguments),
		cmocka_unit_test(test_unknown_option_is_named),
		cmocka_unit_test(test_bad_number_missing_value_stray_argument),
		cmocka_unit_test(test_help_and_double_dash),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
