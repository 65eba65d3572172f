/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * cmd_common.h — what the activity, figure and contest commands share:
 * their options (one struct, one table of option descriptions each
 * command picks from), naming a directive, unit or contest on the command
 * line, the console's actor and database, and the one runner of the
 * spreadsheet commands (template, export, import) of the three lists.
 * Access is decided in app/: without --as the console operator acts on the
 * whole tree.
 */
#ifndef LT_CMD_COMMON_H
#define LT_CMD_COMMON_H

#include <stdbool.h>
#include <stdint.h>

#include "app/activity_io.h"
#include "app/actor.h"
#include "cli/cli.h"
#include "cli/opts.h"
#include "core/arena.h"
#include "store/db.h"

/* Every option of these commands (NULL / -1 when not given); a command's table picks some. */
typedef struct lt_act_opts {
	const char *directive, *unit, *url, *title, *channel, *kind, *date, *theme;
	const char *from, *to, *q, *format, *output, *comment, *contest, *member, *category,
		*platform, *hashtag, *counts_on, *limit, *cursor;
	long views, reactions, comments, shares;
} lt_act_opts;

/* One option of lt_act_opts for a command's table: LT_ACT_OPT(directive, "REF", vi, en). */
#define LT_ACT_OPT(field, arg, vi, en) \
	{ #field, LT_OPT_STR, offsetof(lt_act_opts, field), arg, vi, en }
#define LT_ACT_NUM(field, vi, en) \
	{ #field, LT_OPT_INT, offsetof(lt_act_opts, field), "N", vi, en }

/* The options most commands take. */
#define LT_ACT_O_DIRECTIVE \
	LT_ACT_OPT(directive, "REF", "công văn: mã số hoặc số (42/LĐLĐ)", \
		   "directive: id or number (42/LĐLĐ)")
#define LT_ACT_O_CONTEST LT_ACT_OPT(contest, "ID|NAME", "cuộc thi: mã số hoặc tên", "contest: id or name")
#define LT_ACT_O_END { NULL, 0, 0, NULL, NULL, NULL }

/* A command's state: options, positional arguments, database, actor, arena. */
typedef struct lt_act_cmd {
	lt_act_opts o;
	char *args[200];
	int nargs;
	lt_db *db;
	lt_actor who;
	lt_arena a;
} lt_act_cmd;

/*
 * Parse argv against spec into c (which it first clears; -o FILE is
 * --output FILE). 0; 1 after --help (the command then returns 0); or
 * LT_EINVAL naming the option. Always leaves c ready for lt_act_close.
 */
LT_MUST_CHECK int lt_act_parse(lt_cli *cli, const lt_cmd_spec *spec, int argc, char **argv,
			       lt_act_cmd *c);
/* Open the database and find who acts (the operator, or --as LOGIN). */
LT_MUST_CHECK int lt_act_open(lt_cli *cli, lt_act_cmd *c);
/* Close the database and free the arena. */
void lt_act_close(lt_act_cmd *c);

/* Directive id of --directive (an id or a number such as 42/LĐLĐ); required. */
LT_MUST_CHECK int lt_act_directive_ref(lt_cli *cli, lt_act_cmd *c, int64_t *id);
/* Unit id of --unit CODE, or 0 when not given (required: an error naming --unit). */
LT_MUST_CHECK int lt_act_unit_ref(lt_cli *cli, lt_act_cmd *c, bool required, int64_t *id);
/* Contest id of --contest (an id, or a name within --directive when given); required. */
LT_MUST_CHECK int lt_act_contest_ref(lt_cli *cli, lt_act_cmd *c, int64_t *id);
/*
 * Open (lt_act_open), then name the owner — --contest with contest, else
 * --directive, both required — into *owner and --unit into *unit (an
 * error without it when unit_required; 0 when not given otherwise).
 */
LT_MUST_CHECK int lt_act_open_for(lt_cli *cli, lt_act_cmd *c, bool contest, int64_t *owner,
				  int64_t *unit, bool unit_required);

/*
 * Print the document *j (stolen) that the builder returning rc made (pass
 * the builder's call as rc: *j is read after it). rc is returned.
 */
int lt_act_print(int rc, json_t **j);

/*
 * The spreadsheet commands of list (their options and usage are in
 * cmd_common.c's table): `… template [--unit CODE] -o FILE.xlsx`,
 * `… export [--unit CODE] [--format xlsx|csv] -o FILE` and
 * `… import [--unit CODE] FILE` (all or nothing; every bad cell on stderr
 * with its sheet, row and column, or with --json the API's document).
 */
int lt_act_template(lt_cli *cli, int argc, char **argv, lt_app_list list);
int lt_act_export(lt_cli *cli, int argc, char **argv, lt_app_list list);
int lt_act_import(lt_cli *cli, int argc, char **argv, lt_app_list list);

#endif
