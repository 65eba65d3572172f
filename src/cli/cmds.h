/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* cmds.h — every `lantoa` command function (commands.def), one cmd_*.c file each. */
#ifndef LT_CMDS_H
#define LT_CMDS_H

#include "cli/cli.h"
#include "cli/cmd_feedback.h"

/* Every command function of the table, declared from commands.def. */
#define COMMAND(name, sub, fn, ...) int fn(lt_cli *cli, int argc, char **argv);
#include "cli/commands.def"
#undef COMMAND

#endif
