/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * cmd_common.h — what the activity, figure and contest commands share:
 * their option parser, naming a directive/unit on the command line, the
 * "open the database and resolve --directive/--contest and --unit" step,
 * the all-or-nothing spreadsheet import and writing a table to a file.
 */
#ifndef LT_CMD_COMMON_H
#define LT_CMD_COMMON_H

#include <stdbool.h>
#include <stdint.h>

#include "cli/cli.h"
#include "core/arena.h"
#include "store/db.h"

struct lt_import_report;
struct lt_table;

/* Options shared by these commands (NULL / -1 when not given). */
typedef struct lt_act_opts {
	const char *directive, *unit, *url, *title, *channel, *kind, *date, *theme;
	const char *from, *to, *q, *format, *output, *comment, *contest, *member, *category,
		*platform, *hashtag, *counts_on;
	int64_t views, reactions, comments, shares;
	int npos;
	char **pos; /* positional arguments after the options */
} lt_act_opts;

/*
 * Parse argv into o; usage is printed for --help (then returns 1). Between
 * min and max positional arguments are required. 0, 1 or LT_EINVAL.
 */
int lt_act_opts_parse(lt_cli *cli, int argc, char **argv, lt_act_opts *o, const char *usage,
		      int min, int max);
/* Directive id of ref (id or number, e.g. "42/LĐLĐ"); LT_EINVAL when ref is NULL. */
int lt_act_directive(lt_cli *cli, lt_db *db, const char *ref, int64_t *id);
/* Unit id of code; LT_EINVAL when code is NULL. */
int lt_act_unit(lt_cli *cli, lt_db *db, lt_arena *a, const char *code, int64_t *id);
/* Write an import report's errors on stderr (in the CLI's language) and set cli->err. */
void lt_act_report(lt_cli *cli, const struct lt_import_report *rep);
/* Write t as XLSX or CSV (--format, else path's extension) to path ("-": stdout). */
int lt_act_write_table(lt_cli *cli, struct lt_table *t, const char *format, const char *path);

/* The id a command works under (a directive or a contest), from its options. */
typedef int (*lt_act_owner_fn)(lt_cli *cli, lt_db *db, const lt_act_opts *o, int64_t *id);
/* Owner: --directive, required. */
int lt_act_owner_directive(lt_cli *cli, lt_db *db, const lt_act_opts *o, int64_t *id);
/* Owner: --directive when given, else 0. */
int lt_act_owner_directive_opt(lt_cli *cli, lt_db *db, const lt_act_opts *o, int64_t *id);

/*
 * A command's parsed options, open database and resolved owner and unit.
 * unit_id is 0 and within "/" when no --unit was given; within borrows
 * from the arena.
 */
typedef struct lt_act_scope {
	lt_act_opts o;
	lt_db *db;
	lt_arena a;
	int64_t owner, unit_id;
	const char *within;
} lt_act_scope;

/*
 * Parse argv into s->o (see lt_act_opts_parse: 0, 1 after --help, or
 * LT_EINVAL). Always leaves s ready for lt_act_scope_close.
 */
int lt_act_scope_parse(lt_cli *cli, int argc, char **argv, const char *usage, int min, int max,
		       lt_act_scope *s);
/*
 * Open the database, resolve the owner with owner (NULL: none) and --unit:
 * required when need_unit ("--unit CODE is needed"), else only when given.
 */
int lt_act_scope_resolve(lt_cli *cli, lt_act_scope *s, lt_act_owner_fn owner, bool need_unit);
/* Close the database and free the arena. */
void lt_act_scope_close(lt_act_scope *s);

/*
 * One kind of all-or-nothing spreadsheet import (activities, figures,
 * contest entries): how its rows are read from the table and stored.
 * rows are the kind's own row structs, each with a source line.
 */
typedef struct lt_act_import_kind {
	const char *sheet;            /* list name in store errors: "items", … */
	const char *done_en, *done_vi; /* "Imported %zu items.\n" */
	lt_act_owner_fn owner;
	int (*parse)(lt_db *db, int64_t owner, const struct lt_table *t, int64_t unit_id,
		     lt_arena *a, void **rows, size_t *n, struct lt_import_report *rep, lt_error *e);
	int (*store)(lt_db *db, int64_t owner, const void *rows, size_t n, size_t *bad,
		     lt_error *e);
	int (*line)(const void *rows, size_t i);
} lt_act_import_kind;

/*
 * `… import [--unit CODE] FILE`: read FILE (xlsx or csv), check every row
 * (all errors on stderr with sheet, row and column), store all or none.
 */
int lt_act_import_run(lt_cli *cli, int argc, char **argv, const char *usage,
		      const lt_act_import_kind *k);

#endif
