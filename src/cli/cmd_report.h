/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* cmd_report.h — `lantoa report …` and `lantoa mail run` (cmd_report.c). */
#ifndef LT_CMD_REPORT_H
#define LT_CMD_REPORT_H

#include "cli/cli.h"

int lt_cmd_report_show(lt_cli *cli, int argc, char **argv);
int lt_cmd_report_submit(lt_cli *cli, int argc, char **argv);
int lt_cmd_report_return(lt_cli *cli, int argc, char **argv);
int lt_cmd_report_accept(lt_cli *cli, int argc, char **argv);
int lt_cmd_report_reopen(lt_cli *cli, int argc, char **argv);
int lt_cmd_report_revisions(lt_cli *cli, int argc, char **argv);
int lt_cmd_report_compare(lt_cli *cli, int argc, char **argv);
int lt_cmd_report_verify(lt_cli *cli, int argc, char **argv);
int lt_cmd_report_render(lt_cli *cli, int argc, char **argv);
int lt_cmd_report_send(lt_cli *cli, int argc, char **argv);
int lt_cmd_report_remind(lt_cli *cli, int argc, char **argv);
int lt_cmd_mail_run(lt_cli *cli, int argc, char **argv);

#endif
