/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* cmd_link.h — `lantoa link …` commands (links of communication items). */
#ifndef LT_CMD_LINK_H
#define LT_CMD_LINK_H

#include "cli/cli.h"

/*
 * `lantoa link canonical [URL…]`: for each URL (or, with none, each
 * non-blank line of stdin) print "CANONICAL<TAB>CHANNEL" on stdout; with
 * --json one object per line instead: {"input","url","channel"} or
 * {"input","error":{"code","field","message"}}. A bad URL gets an error line
 * on stderr (in cli->en's language) and the others are still printed.
 * argv[0] is "canonical". Returns 0, or LT_EINVAL with cli->err filled
 * when at least one URL was refused.
 */
int lt_cmd_link_canonical(lt_cli *cli, int argc, char **argv);

#endif
