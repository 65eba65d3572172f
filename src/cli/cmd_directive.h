/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* cmd_directive.h — `lantoa directive …` commands (one cmd_directive_*.c file each). */
#ifndef LT_CMD_DIRECTIVE_H
#define LT_CMD_DIRECTIVE_H

#include "cli/cli.h"

/*
 * `lantoa directive parse FILE [--json]`: read an official letter (.txt in
 * UTF-8, or .docx — recognised by its zip signature, not its name), parse it
 * with lt_letter_parse and print a readable summary, or the JSON of
 * lt_letter_to_json with --json (global or local). argv[0] is "parse".
 * Returns 0 or a negative LT_E* code with cli->err filled.
 */
int lt_cmd_directive_parse(lt_cli *cli, int argc, char **argv);

/* cmd_directive.c: the rest of `lantoa directive …`. */
int lt_cmd_directive_list(lt_cli *cli, int argc, char **argv);
int lt_cmd_directive_show(lt_cli *cli, int argc, char **argv);
int lt_cmd_directive_create(lt_cli *cli, int argc, char **argv);
int lt_cmd_directive_issue(lt_cli *cli, int argc, char **argv);
int lt_cmd_directive_ack(lt_cli *cli, int argc, char **argv);
int lt_cmd_directive_receipts(lt_cli *cli, int argc, char **argv);
int lt_cmd_directive_cascade(lt_cli *cli, int argc, char **argv);

#endif
