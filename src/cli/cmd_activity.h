/*
 * cmd_activity.h — `lantoa activity …`, `lantoa figure …`, `lantoa
 * contest …` (cmd_activity.c, cmd_figure.c, cmd_contest.c) and the demo's
 * activity log (demo_activity.c). The CLI acts as the system (actor 0):
 * it is the operator's tool, with no per-unit access checks; the store's
 * rules (recipients, locks, all-or-nothing imports) still apply.
 */
#ifndef LT_CMD_ACTIVITY_H
#define LT_CMD_ACTIVITY_H

#include <stdbool.h>
#include <stdint.h>

#include "cli/cli.h"
#include "core/arena.h"
#include "store/db.h"

int lt_cmd_activity_add(lt_cli *cli, int argc, char **argv);
int lt_cmd_activity_list(lt_cli *cli, int argc, char **argv);
int lt_cmd_activity_import(lt_cli *cli, int argc, char **argv);
int lt_cmd_activity_export(lt_cli *cli, int argc, char **argv);
int lt_cmd_activity_template(lt_cli *cli, int argc, char **argv);
int lt_cmd_figure_set(lt_cli *cli, int argc, char **argv);
int lt_cmd_figure_list(lt_cli *cli, int argc, char **argv);
int lt_cmd_figure_import(lt_cli *cli, int argc, char **argv);
int lt_cmd_figure_export(lt_cli *cli, int argc, char **argv);
int lt_cmd_contest_list(lt_cli *cli, int argc, char **argv);
int lt_cmd_contest_add(lt_cli *cli, int argc, char **argv);
int lt_cmd_contest_entry(lt_cli *cli, int argc, char **argv);
int lt_cmd_contest_entries(lt_cli *cli, int argc, char **argv);
int lt_cmd_contest_import(lt_cli *cli, int argc, char **argv);
int lt_cmd_contest_export(lt_cli *cli, int argc, char **argv);

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
struct lt_import_report;
void lt_act_report(lt_cli *cli, const struct lt_import_report *rep);

/* Write t as XLSX or CSV (--format, else path's extension) to path ("-": stdout). */
struct lt_table;
int lt_act_write_table(lt_cli *cli, struct lt_table *t, const char *format, const char *path);

/* demo_activity.c: the 42/LĐLĐ campaign in progress (items, figures, entries, a link kit). */
int lt_demo_activity(lt_cli *cli, lt_db *db, lt_arena *a);

#endif
