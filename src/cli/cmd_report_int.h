/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* cmd_report_int.h — what cmd_report.c and cmd_report_mail.c share. Internal to src/cli/. */
#ifndef LT_CMD_REPORT_INT_H
#define LT_CMD_REPORT_INT_H

#include <stdbool.h>

#include "app/mail.h"
#include "app/report.h"
#include "cli/cli.h"
#include "store/directive.h"

/* The options of every `lantoa report …` command (each command's table takes a few). */
typedef struct ropts {
	const char *directive, *unit, *kind, *comment, *format, *out, *to;
	long rev, from, upto;
	bool submitted;
} ropts;

/* The database, the actor and the report named by --directive and --unit. */
typedef struct rtarget {
	lt_db *db;
	lt_arena a;
	lt_actor who;
	lt_report_ref ref;
} rtarget;

/* Clear o and t (before parsing into o). */
void lt_cli_report_init(ropts *o, rtarget *t);
/* Open the database, get the actor, resolve --directive (and --unit: required when need_unit). */
LT_MUST_CHECK int lt_cli_report_open(lt_cli *cli, const ropts *o, bool need_unit, rtarget *t);
void lt_cli_report_close(rtarget *t);
/* Write len bytes at p to path (the option named field): 0 or LT_EIO. */
LT_MUST_CHECK int lt_cli_report_write(lt_cli *cli, const char *field, const char *path,
				      const void *p, size_t len);
/* Deliver the queue now when [smtp] url is set (else nothing: the server's worker will). */
LT_MUST_CHECK int lt_cli_mail_deliver(lt_cli *cli, rtarget *t, lt_mail_run *run);

#endif
