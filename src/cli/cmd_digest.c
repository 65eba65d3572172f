/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * cmd_digest.c — `lantoa digest send [--now]`: queue today's daily digests
 * (app/digest.h), as the server's round does once the day's sending hour
 * has come (--now: whatever the hour), then deliver the queue when SMTP is
 * configured. A day's digest is queued once, whoever runs first.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "app/digest.h"
#include "app/mail.h"
#include "cli/cmds.h"
#include "cli/config.h"
#include "cli/opts.h"

typedef struct dopts {
	bool now;
} dopts;

static const lt_opt digest_opts[] = {
	{ "now", LT_OPT_FLAG, offsetof(dopts, now), NULL, "gửi ngay, không chờ đến giờ gửi (7 giờ)",
	  "send now, whatever the hour (the round waits for 7:00)" },
	{ NULL, 0, 0, NULL, NULL, NULL },
};

static const lt_cmd_spec digest_spec = {
	"digest send", NULL, 0, 0, digest_opts,
	"Xếp thư tóm tắt việc cần làm hôm nay cho người dùng đã đăng ký, rồi gửi thư.",
	"Queue today's to-do digest of each user who asked for it, then deliver.",
};

int lt_cmd_digest_send(lt_cli *cli, int argc, char **argv)
{
	dopts o = { 0 };
	lt_db *db = NULL;
	lt_arena a;
	lt_actor who, system;
	lt_digest_run run;
	lt_mail_run mail = { 0 };
	int rc = lt_cli_parse(cli, &digest_spec, argc, argv, &o, NULL, NULL);

	if (rc)
		return rc > 0 ? 0 : rc;
	lt_arena_init(&a);
	rc = lt_cli_open_db(cli, &db);
	if (!rc)
		rc = lt_cli_actor(cli, db, &a, &who);
	if (!rc)
		rc = lt_app_digest_send(db, &who, o.now, &run, &cli->err);
	if (!rc && cli->cfg->smtp.url[0]) {
		const lt_app_conn conn = { .db = db };
		lt_actor_system(&system);
		rc = lt_app_mail_deliver(&conn, &system, &cli->cfg->smtp, 500, &mail, &cli->err);
	}
	if (!rc && cli->json)
		printf("{\"queued\":%d,\"empty\":%d,\"early\":%s,\"sent\":%d,\"failed\":%d}\n",
		       run.queued, run.empty, run.early ? "true" : "false", mail.sent, mail.failed);
	else if (!rc && run.early)
		printf(cli->en ? "before %d:00 (Vietnam time): nothing sent; --now sends now\n"
			       : "chưa đến %d giờ (giờ Việt Nam): chưa gửi; dùng --now để gửi ngay\n",
		       LT_DIGEST_HOUR);
	else if (!rc)
		printf(cli->en ? "%d digests queued, %d users with nothing to do; %d sent, %d failed\n"
			       : "đã xếp %d thư tóm tắt, %d người không có việc; đã gửi %d, lỗi %d\n",
		       run.queued, run.empty, mail.sent, mail.failed);
	lt_db_close(db);
	lt_arena_free(&a);
	return rc;
}
