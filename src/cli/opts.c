/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * opts.c — see opts.h. Written here rather than with getopt_long because the
 * table also drives the usage text, the error messages and the typed
 * values, and getopt's global state and permutation rules differ between
 * commands that take positional arguments and those that do not.
 */
#include "cli/opts.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const lt_opt common[] = {
	{ "json", LT_OPT_FLAG, 0, NULL, "kết quả dạng JSON", "machine-readable JSON output" },
	{ "help", LT_OPT_FLAG, 0, NULL, "in cách dùng này", "print this usage" },
	{ NULL, 0, 0, NULL, NULL, NULL },
};

static void print_opts(const lt_cli *cli, const lt_opt *o, FILE *f)
{
	for (; o && o->name; o++) {
		char left[64];
		snprintf(left, sizeof(left), "--%s%s%s", o->name, o->arg ? " " : "",
			 o->arg ? o->arg : "");
		fprintf(f, "  %-26s %s\n", left, cli->en ? o->en : o->vi);
	}
}

void lt_cli_usage(const lt_cli *cli, const lt_cmd_spec *spec, FILE *f)
{
	fprintf(f, "%s: lantoa %s%s%s%s\n", cli->en ? "Usage" : "Cách dùng", spec->name,
		spec->opts && spec->opts->name ? (cli->en ? " [OPTIONS]" : " [TUỲ CHỌN]") : "",
		spec->args ? " " : "", spec->args ? spec->args : "");
	if (spec->vi)
		fprintf(f, "%s\n", cli->en ? spec->en : spec->vi);
	fputc('\n', f);
	print_opts(cli, spec->opts, f);
	print_opts(cli, common, f);
}

static const lt_opt *find(const lt_opt *o, const char *name, size_t n)
{
	for (; o && o->name; o++)
		if (strlen(o->name) == n && !strncmp(o->name, name, n))
			return o;
	return NULL;
}

static int bad(lt_cli *cli, const lt_cmd_spec *spec, const char *field, const char *vi,
	       const char *en, const char *what)
{
	int rc = lt_error_set(&cli->err, LT_EINVAL, field, vi, en, what);

	lt_cli_usage(cli, spec, stderr);
	return rc;
}

/* Store value into the field of o at out. */
static int set(lt_cli *cli, const lt_cmd_spec *spec, const lt_opt *o, const char *value,
	       void *out)
{
	char *p = (char *)out + o->off;
	char field[64];

	snprintf(field, sizeof(field), "--%s", o->name);
	if (o->kind == LT_OPT_STR) {
		*(const char **)(void *)p = value;
	} else {
		char *end = NULL;
		long v;
		errno = 0;
		v = strtol(value, &end, 10);
		if (!*value || *end || errno)
			return bad(cli, spec, field, "%s phải là số nguyên", "%s takes a whole number",
				   field);
		*(long *)(void *)p = v;
	}
	return 0;
}

int lt_cli_parse(lt_cli *cli, const lt_cmd_spec *spec, int argc, char **argv, void *out,
		 char **args, int *nargs)
{
	bool opts_done = false;
	int n = 0, rc;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *eq;
		const lt_opt *o;
		size_t len;

		if (opts_done || a[0] != '-' || !strcmp(a, "-")) {
			if (spec->max_args >= 0 && n >= spec->max_args)
				return bad(cli, spec, a, "Tham số thừa: %s", "Unexpected argument: %s",
					   a);
			args[n++] = argv[i];
			continue;
		}
		if (!strcmp(a, "--")) {
			opts_done = true;
			continue;
		}
		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			lt_cli_usage(cli, spec, stdout);
			return 1;
		}
		if (a[1] != '-')
			return bad(cli, spec, a, "Tuỳ chọn không hợp lệ: %s", "Unknown option: %s", a);
		eq = strchr(a + 2, '=');
		len = eq ? (size_t)(eq - a - 2) : strlen(a + 2);
		if (len == 4 && !strncmp(a + 2, "json", 4) && !eq) {
			cli->json = true;
			continue;
		}
		o = find(spec->opts, a + 2, len);
		if (!o)
			return bad(cli, spec, a, "Tuỳ chọn không hợp lệ: %s", "Unknown option: %s", a);
		if (o->kind == LT_OPT_FLAG) {
			if (eq)
				return bad(cli, spec, a, "%s không nhận giá trị", "%s takes no value", a);
			*(bool *)(void *)((char *)out + o->off) = true;
			continue;
		}
		if (!eq && i + 1 >= argc)
			return bad(cli, spec, a, "%s cần một giá trị", "%s needs a value", a);
		rc = set(cli, spec, o, eq ? eq + 1 : argv[++i], out);
		if (rc)
			return rc;
	}
	if (n < spec->min_args)
		return bad(cli, spec, spec->args ? spec->args : spec->name, "Thiếu tham số: %s",
			   "Missing argument: %s", spec->args ? spec->args : "");
	if (nargs)
		*nargs = n;
	return 0;
}
