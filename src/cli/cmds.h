/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* cmds.h — every `lantoa` command function, one cmd_*.c file each (see main.c's table). */
#ifndef LT_CMDS_H
#define LT_CMDS_H

#include "cli/cli.h"
#include "cli/cmd_directive.h"
#include "cli/cmd_feedback.h"
#include "cli/cmd_link.h"
#include "cli/cmd_report.h"

int lt_cmd_serve(lt_cli *cli, int argc, char **argv);
int lt_cmd_init(lt_cli *cli, int argc, char **argv);
int lt_cmd_backup(lt_cli *cli, int argc, char **argv);
int lt_cmd_demo(lt_cli *cli, int argc, char **argv);
int lt_cmd_unit_list(lt_cli *cli, int argc, char **argv);
int lt_cmd_unit_show(lt_cli *cli, int argc, char **argv);
int lt_cmd_unit_add(lt_cli *cli, int argc, char **argv);
int lt_cmd_unit_rename(lt_cli *cli, int argc, char **argv);
int lt_cmd_unit_move(lt_cli *cli, int argc, char **argv);
int lt_cmd_unit_merge(lt_cli *cli, int argc, char **argv);
int lt_cmd_unit_close(lt_cli *cli, int argc, char **argv);
int lt_cmd_unit_history(lt_cli *cli, int argc, char **argv);
int lt_cmd_unit_import(lt_cli *cli, int argc, char **argv);
int lt_cmd_unit_import_dvhcvn(lt_cli *cli, int argc, char **argv);
int lt_cmd_user_add(lt_cli *cli, int argc, char **argv);
int lt_cmd_user_passwd(lt_cli *cli, int argc, char **argv);
int lt_cmd_user_list(lt_cli *cli, int argc, char **argv);
int lt_cmd_series_import(lt_cli *cli, int argc, char **argv);
int lt_cmd_series_show(lt_cli *cli, int argc, char **argv);


#endif
