/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * cmd_report_mail.c — `lantoa report remind` and `lantoa mail run`: the
 * mail a console queues and delivers. Any number of these may run beside
 * the server's worker: each message is claimed before it is sent, so it
 * goes out once (app/mail.h).
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "cli/cmds.h"
#include "app/remind.h"
#include "cli/cmd_report_int.h"
#include "cli/config.h"
#include "cli/opts.h"

int lt_cli_mail_deliver(lt_cli *cli, rtarget *t, lt_mail_run *run)
{
	const lt_app_conn conn = { .db = t->db };
	lt_actor system;

	*run = (lt_mail_run){ 0 };
	if (!cli->cfg->smtp.url[0])
		return 0;
	/* Delivering the queue is the system's work, whoever queued the mail (--as). */
	lt_actor_system(&system);
	return lt_app_mail_deliver(&conn, &system, &cli->cfg->smtp, 500, run, &cli->err);
}

static const lt_opt remind_opts[] = {
	{ "directive", LT_OPT_STR, offsetof(ropts, directive), "SỐ", "công văn (số hiệu hoặc id)",
	  "the directive (number or id)" },
	{ NULL, 0, 0, NULL, NULL, NULL },
};

static const lt_cmd_spec remind_spec = {
	"report remind", NULL, 0, 0, remind_opts,
	"Nhắc các đơn vị chưa nộp báo cáo (theo các mốc trong [reminders]) rồi gửi thư.",
	"Remind the units that have not reported (at the [reminders] offsets), then deliver.",
};

static const lt_cmd_spec mail_spec = {
	"mail run", NULL, 0, 0, NULL, "Gửi các thư đang chờ đến hạn.",
	"Deliver the queued mail that is due.",
};

int lt_cmd_report_remind(lt_cli *cli, int argc, char **argv)
{
	ropts o;
	rtarget t;
	lt_mail_run run = { 0 };
	int queued = 0, rc;

	lt_cli_report_init(&o, &t);
	rc = lt_cli_parse(cli, &remind_spec, argc, argv, &o, NULL, NULL);
	if (!rc)
		rc = lt_cli_report_open(cli, &o, false, &t);
	if (!rc)
		rc = lt_app_report_remind(t.db, &t.who, t.ref.directive, cli->cfg->remind_offsets,
					  cli->cfg->nremind, &queued, &cli->err);
	if (!rc)
		rc = lt_cli_mail_deliver(cli, &t, &run);
	if (!rc)
		printf(cli->json ? "{\"queued\":%d,\"sent\":%d,\"failed\":%d}\n"
				 : "%d queued, %d sent, %d failed\n",
		       queued, run.sent, run.failed);
	lt_cli_report_close(&t);
	return rc > 0 ? 0 : rc;
}

int lt_cmd_mail_run(lt_cli *cli, int argc, char **argv)
{
	lt_db *db = NULL;
	lt_arena a;
	lt_actor who;
	lt_mail_run run = { 0 };
	int rc = lt_cli_parse(cli, &mail_spec, argc, argv, NULL, NULL, NULL);

	if (rc)
		return rc > 0 ? 0 : rc;
	lt_arena_init(&a);
	rc = lt_cli_open_db(cli, &db);
	if (!rc)
		rc = lt_cli_actor(cli, db, &a, &who);
	if (!rc) {
		const lt_app_conn conn = { .db = db };
		rc = lt_app_mail_deliver(&conn, &who, &cli->cfg->smtp, 500, &run, &cli->err);
	}
	if (!rc && cli->json)
		printf("{\"sent\":%d,\"failed\":%d,\"lost\":%d}\n", run.sent, run.failed, run.lost);
	else if (!rc)
		printf("%d sent, %d failed\n", run.sent, run.failed);
	lt_db_close(db);
	lt_arena_free(&a);
	return rc;
}
