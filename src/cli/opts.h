/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * opts.h — one table-driven option parser for every `lantoa` command.
 *
 * A command describes its options in a table (name, kind, where the value
 * goes in the command's own options struct, help text) and calls
 * lt_cli_parse. Every command then behaves the same way: --help prints the
 * usage built from the table, --json is understood everywhere, and an
 * unknown option, a missing value, a bad number or a stray argument is an
 * error (exit 2) that names it, followed by the usage.
 */
#ifndef LT_CLI_OPTS_H
#define LT_CLI_OPTS_H

#include <stddef.h>
#include <stdio.h>

#include "cli/cli.h"
#include "core/error.h"

enum lt_opt_kind {
	LT_OPT_FLAG, /* --name: sets a bool */
	LT_OPT_STR,  /* --name VALUE or --name=VALUE: a const char * (borrowed from argv) */
	LT_OPT_INT,  /* the same, a whole number into a long (strictly parsed) */
};

typedef struct lt_opt {
	const char *name;    /* long name without "--"; NULL ends the table */
	int kind;            /* enum lt_opt_kind */
	size_t off;          /* offsetof(options struct, field) */
	const char *arg;     /* the value's placeholder in the usage ("CODE"); NULL for flags */
	const char *vi, *en; /* one line of help */
} lt_opt;

typedef struct lt_cmd_spec {
	const char *name;    /* "report submit", for the usage line */
	const char *args;    /* positional arguments in the usage ("FILE"), or NULL */
	int min_args;        /* positional arguments required */
	int max_args;        /* at most (-1: any number) */
	const lt_opt *opts;  /* may be NULL: no options beyond --json and --help */
	const char *vi, *en; /* what the command does (first line of --help) */
} lt_cmd_spec;

/*
 * Parse argv (argv[0] is the command's own name) against spec. The options
 * struct at out is not cleared: set its defaults before the call. Positional
 * arguments go to args[0..*nargs) (borrowed from argv; args may be NULL when
 * max_args is 0). Returns 0; 1 when --help was given (usage printed on
 * stdout: the command returns 0); or LT_EINVAL with cli->err naming the
 * option or argument (the usage goes to stderr).
 */
LT_MUST_CHECK int lt_cli_parse(lt_cli *cli, const lt_cmd_spec *spec, int argc, char **argv,
			       void *out, char **args, int *nargs);

/* Print spec's usage on f, in the CLI's language. */
void lt_cli_usage(const lt_cli *cli, const lt_cmd_spec *spec, FILE *f);

#endif
