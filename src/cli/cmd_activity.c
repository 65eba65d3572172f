/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * cmd_activity.c — `lantoa activity add|list|import|export|template`:
 * adapters over app/activity.h and app/activity_io.h (options and the
 * spreadsheet runner shared with cmd_figure.c and cmd_contest.c are in
 * cmd_common.c).
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmds.h"
#include "app/activity.h"
#include "app/activity_json.h"
#include "cli/cmd_activity.h"

#define O_UNIT LT_ACT_OPT(unit, "CODE", "mã đơn vị", "unit code")

static const lt_opt add_opts[] = {
	LT_ACT_O_DIRECTIVE,
	O_UNIT,
	LT_ACT_OPT(url, "URL", "đường dẫn bài đăng", "link of the item"),
	LT_ACT_OPT(title, "T", "tiêu đề (mặc định: đường dẫn)", "title (default: the link)"),
	LT_ACT_OPT(theme, "N", "chủ đề số N của công văn (mặc định: đoán)",
		   "theme N of the directive (default: guessed)"),
	LT_ACT_OPT(channel, "C", "kênh (mặc định: theo đường dẫn)", "channel (default: from the link)"),
	LT_ACT_OPT(kind, "K", "post|share|article|video|livestream|event", "post|share|article|video|livestream|event"),
	LT_ACT_OPT(date, "YYYY-MM-DD", "ngày đăng (mặc định: hôm nay)", "date posted (default: today)"),
	LT_ACT_NUM(views, "lượt xem", "views"),
	LT_ACT_NUM(reactions, "lượt cảm xúc", "reactions"),
	LT_ACT_NUM(comments, "bình luận", "comments"),
	LT_ACT_NUM(shares, "lượt chia sẻ", "shares"),
	{ "counts-on", LT_OPT_STR, offsetof(lt_act_opts, counts_on), "YYYY-MM-DD",
	  "ngày đọc số liệu", "date the counts were read" },
	LT_ACT_O_END,
};

static const lt_cmd_spec add_spec = {
	"activity add", NULL, 0, 0, add_opts, "Ghi nhận một tin, bài của đơn vị cho công văn.",
	"Record a communication item of a unit for a directive.",
};

/* A count option: given when not -1. */
static void count_opt(long v, unsigned flag, int64_t *out, lt_app_item_in *in)
{
	*out = v;
	if (v != -1)
		in->given |= flag;
}

int lt_cmd_activity_add(lt_cli *cli, int argc, char **argv)
{
	lt_act_cmd c;
	lt_app_item_in in;
	lt_app_item it;
	int rc = lt_act_parse(cli, &add_spec, argc, argv, &c);

	memset(&in, 0, sizeof(in));
	if (!rc)
		rc = lt_act_open_for(cli, &c, false, &in.directive_id, &in.unit_id, true);
	if (rc)
		goto out;
	in.url = c.o.url;
	in.title = c.o.title;
	in.channel = c.o.channel;
	in.kind = c.o.kind;
	in.date = c.o.date;
	in.counts_on = c.o.counts_on;
	if (c.o.theme) {
		in.given |= LT_ITEM_THEME;
		in.theme_pos = (int)strtol(c.o.theme, NULL, 10);
		if (in.theme_pos <= 0) {
			rc = lt_error_set(&cli->err, LT_EINVAL, "--theme", "--theme là số thứ tự chủ đề",
					  "--theme is the theme's number");
			goto out;
		}
	}
	count_opt(c.o.views, LT_ITEM_VIEWS, &in.views, &in);
	count_opt(c.o.reactions, LT_ITEM_REACTIONS, &in.reactions, &in);
	count_opt(c.o.comments, LT_ITEM_COMMENTS, &in.comments, &in);
	count_opt(c.o.shares, LT_ITEM_SHARES, &in.shares, &in);
	rc = lt_app_activity_create(c.db, &c.who, &in, &c.a, &it, &cli->err);
	if (!rc && cli->json) {
		json_t *j = NULL;
		rc = lt_act_print(lt_app_item_json(&it, &j, &cli->err), &j);
	} else if (!rc) {
		printf("%lld\t%s\t%s\n", (long long)it.row.id, it.row.channel,
		       it.row.url_canonical ? it.row.url_canonical : "");
	}
out:
	lt_act_close(&c);
	return rc == 1 ? 0 : rc;
}

static const lt_opt list_opts[] = {
	LT_ACT_O_DIRECTIVE,
	LT_ACT_OPT(unit, "CODE", "đơn vị và các đơn vị cấp dưới", "a unit and the units below it"),
	LT_ACT_OPT(channel, "C", "kênh", "channel"),
	LT_ACT_OPT(kind, "K", "loại tin", "kind"),
	LT_ACT_OPT(theme, "N", "chủ đề số N (cần --directive)", "theme N (needs --directive)"),
	LT_ACT_OPT(from, "YYYY-MM-DD", "từ ngày", "from"),
	LT_ACT_OPT(to, "YYYY-MM-DD", "đến ngày", "to"),
	LT_ACT_OPT(q, "TEXT", "tìm (không dấu cũng được)", "search (diacritics optional)"),
	LT_ACT_O_END,
};

static const lt_cmd_spec list_spec = {
	"activity list", NULL, 0, 0, list_opts, "Liệt kê tin, bài (bản gốc / lượt chia sẻ).",
	"List items (originals / shares).",
};

int lt_cmd_activity_list(lt_cli *cli, int argc, char **argv)
{
	lt_act_cmd c;
	lt_app_activity_query q;
	lt_activity_page p;
	int rc = lt_act_parse(cli, &list_spec, argc, argv, &c);

	memset(&q, 0, sizeof(q));
	if (!rc)
		rc = lt_act_open(cli, &c);
	if (!rc && c.o.directive)
		rc = lt_act_directive_ref(cli, &c, &q.directive_id);
	if (!rc)
		rc = lt_act_unit_ref(cli, &c, false, &q.unit_id);
	if (rc)
		goto out;
	q.theme_pos = c.o.theme ? (int)strtol(c.o.theme, NULL, 10) : 0;
	q.channel = c.o.channel;
	q.kind = c.o.kind;
	q.from = c.o.from;
	q.to = c.o.to;
	q.q = c.o.q;
	q.limit = 10000;
	rc = lt_app_activity_list(c.db, &c.who, &q, &c.a, &p, &cli->err);
	if (!rc && cli->json) {
		json_t *j = NULL;
		rc = lt_act_print(lt_app_activity_page_json(&p, &j, &cli->err), &j);
		goto out;
	}
	for (size_t i = 0; !rc && i < p.n; i++) {
		const lt_activity_row *x = &p.rows[i];
		printf("%lld\t%s\t%s\t%s\t%s\t%s\t%s\n", (long long)x->id, x->date, x->unit.code,
		       x->channel,
		       x->is_original ? (cli->en ? "original" : "gốc") : (cli->en ? "share" : "chia sẻ"),
		       x->title, x->url_canonical ? x->url_canonical : "");
	}
	if (!rc)
		fprintf(stderr, cli->en ? "%lld items: %lld originals, %lld shares\n"
					: "%lld tin: %lld bản gốc, %lld lượt chia sẻ\n",
			(long long)p.total, (long long)p.originals,
			(long long)(p.total - p.originals));
out:
	lt_act_close(&c);
	return rc == 1 ? 0 : rc;
}

int lt_cmd_activity_import(lt_cli *cli, int argc, char **argv)
{
	return lt_act_import(cli, argc, argv, LT_APP_LIST_ITEMS);
}

int lt_cmd_activity_export(lt_cli *cli, int argc, char **argv)
{
	return lt_act_export(cli, argc, argv, LT_APP_LIST_ITEMS);
}

int lt_cmd_activity_template(lt_cli *cli, int argc, char **argv)
{
	return lt_act_template(cli, argc, argv, LT_APP_LIST_ITEMS);
}
