/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * cmd_activity.h — `lantoa activity …`, `lantoa figure …`, `lantoa
 * contest …` (cmd_activity.c, cmd_figure.c, cmd_contest.c) and the demo's
 * activity log (demo_activity.c). Each command calls the use cases of
 * app/ as the console operator (the whole tree), or with --as LOGIN as that
 * user, whose access app/ checks as the web's; the rules (recipients,
 * locks, all-or-nothing imports) apply either way.
 */
#ifndef LT_CMD_ACTIVITY_H
#define LT_CMD_ACTIVITY_H

#include <stdbool.h>
#include <stdint.h>

#include "cli/cli.h"
#include "cli/cmd_common.h"
#include "core/arena.h"
#include "store/db.h"


/* demo_activity.c: the 42/LĐLĐ campaign in progress (items, figures, entries, a link kit). */
int lt_demo_activity(lt_cli *cli, lt_db *db, lt_arena *a);

#endif
