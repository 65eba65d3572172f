/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * cmd_contest.c — `lantoa contest list|add|entry|entries|import|export`:
 * contests of a directive ("Bên nhau là Tết") and their entries, adapters
 * over app/contest.h and app/activity_io.h. A contest is named by its id
 * or its name (--contest "Bên nhau là Tết").
 */
#include <stdio.h>
#include <string.h>

#include "cli/cmds.h"
#include "app/activity_json.h"
#include "app/contest.h"
#include "cli/cmd_activity.h"


static const lt_opt list_opts[] = { LT_ACT_O_DIRECTIVE, LT_ACT_O_END };

static const lt_cmd_spec list_spec = {
	"contest list", NULL, 0, 0, list_opts, "Liệt kê cuộc thi.", "List contests.",
};

int lt_cmd_contest_list(lt_cli *cli, int argc, char **argv)
{
	lt_act_cmd c;
	lt_contest_row *v = NULL;
	size_t n = 0;
	int64_t dir = 0;
	int rc = lt_act_parse(cli, &list_spec, argc, argv, &c);

	if (!rc)
		rc = lt_act_open(cli, &c);
	if (!rc && c.o.directive)
		rc = lt_act_directive_ref(cli, &c, &dir);
	if (!rc)
		rc = lt_app_contest_list(c.db, &c.who, dir, NULL, &c.a, &v, &n, &cli->err);
	if (!rc && cli->json) {
		json_t *j = NULL;
		rc = lt_act_print(lt_app_contests_json(v, n, &j, &cli->err), &j);
	}
	for (size_t i = 0; !rc && !cli->json && i < n; i++)
		printf("%lld\t%s\t%s\t%lld\n", (long long)v[i].id, v[i].name, v[i].issuer.name,
		       (long long)v[i].entries);
	lt_act_close(&c);
	return rc == 1 ? 0 : rc;
}

static const lt_opt add_opts[] = {
	LT_ACT_O_DIRECTIVE,
	LT_ACT_OPT(unit, "ISSUER_CODE", "đơn vị phát động", "the issuing unit"),
	LT_ACT_OPT(hashtag, "TAG", "hashtag của cuộc thi", "the contest's hashtag"),
	LT_ACT_O_END,
};

static const lt_cmd_spec add_spec = {
	"contest add", "NAME", 1, 1, add_opts, "Tạo cuộc thi của công văn.",
	"Create a contest of a directive.",
};

int lt_cmd_contest_add(lt_cli *cli, int argc, char **argv)
{
	lt_act_cmd c;
	lt_app_contest_in in;
	lt_contest_row row;
	int rc = lt_act_parse(cli, &add_spec, argc, argv, &c);

	memset(&in, 0, sizeof(in));
	if (!rc)
		rc = lt_act_open_for(cli, &c, false, &in.directive_id, &in.issuer_id, true);
	in.name = c.args[0];
	in.hashtag = c.o.hashtag;
	if (!rc)
		rc = lt_app_contest_create(c.db, &c.who, &in, &c.a, &row, &cli->err);
	if (!rc && cli->json) {
		json_t *j = NULL;
		rc = lt_act_print(lt_app_contest_json(&row, -1, &j, &cli->err), &j);
	} else if (!rc) {
		printf("%lld\n", (long long)row.id);
	}
	lt_act_close(&c);
	return rc == 1 ? 0 : rc;
}

static const lt_opt entry_opts[] = {
	LT_ACT_O_CONTEST,
	LT_ACT_O_DIRECTIVE,
	LT_ACT_OPT(unit, "CODE", "đơn vị của đoàn viên", "the member's unit"),
	LT_ACT_OPT(member, "NAME", "họ tên đoàn viên", "the member's name"),
	LT_ACT_OPT(category, "writing|video", "thể loại", "category"),
	LT_ACT_OPT(url, "URL", "đường dẫn bài dự thi", "link of the entry"),
	LT_ACT_OPT(platform, "facebook|tiktok|other", "nền tảng (mặc định: theo đường dẫn)",
		   "platform (default: from the link)"),
	LT_ACT_OPT(hashtag, "TAG", "hashtag", "hashtag"),
	LT_ACT_OPT(date, "YYYY-MM-DD", "ngày đăng (mặc định: hôm nay)", "date posted (default: today)"),
	LT_ACT_NUM(views, "lượt xem", "views"),
	LT_ACT_O_END,
};

static const lt_cmd_spec entry_spec = {
	"contest entry", NULL, 0, 0, entry_opts, "Ghi nhận một bài dự thi.", "Record a contest entry.",
};

int lt_cmd_contest_entry(lt_cli *cli, int argc, char **argv)
{
	lt_act_cmd c;
	lt_app_entry_in in;
	const char *canon = NULL;
	int64_t contest = 0, id = 0, existing = 0;
	int rc = lt_act_parse(cli, &entry_spec, argc, argv, &c);

	memset(&in, 0, sizeof(in));
	if (!rc)
		rc = lt_act_open_for(cli, &c, true, &contest, &in.unit_id, true);
	if (!rc && !c.o.url)
		rc = lt_error_set(&cli->err, LT_EINVAL, "--url", "Cần --url", "--url is needed");
	in.member_name = c.o.member;
	in.category = c.o.category;
	in.platform = c.o.platform;
	in.url = c.o.url;
	in.hashtag = c.o.hashtag;
	in.posted_on = c.o.date;
	in.views = c.o.views;
	if (!rc)
		rc = lt_app_contest_entry_add(c.db, &c.who, contest, &in, &c.a, &id, &canon, &existing,
					      &cli->err);
	if (!rc && cli->json) {
		json_t *j = NULL;
		rc = lt_act_print(lt_app_entry_added_json(id, canon, &j, &cli->err), &j);
	} else if (!rc) {
		printf("%lld\n", (long long)id);
	}
	lt_act_close(&c);
	return rc == 1 ? 0 : rc;
}

static const lt_opt entries_opts[] = {
	LT_ACT_O_CONTEST,
	LT_ACT_O_DIRECTIVE,
	LT_ACT_OPT(unit, "CODE", "đơn vị và các đơn vị cấp dưới", "a unit and the units below it"),
	LT_ACT_OPT(category, "writing|video", "thể loại", "category"),
	LT_ACT_OPT(q, "TEXT", "tìm (không dấu cũng được)", "search (diacritics optional)"),
	LT_ACT_O_END,
};

static const lt_cmd_spec entries_spec = {
	"contest entries", NULL, 0, 0, entries_opts, "Liệt kê bài dự thi, số bài theo đơn vị.",
	"List entries and the counts per unit.",
};

int lt_cmd_contest_entries(lt_cli *cli, int argc, char **argv)
{
	lt_act_cmd c;
	lt_app_entries x;
	int64_t contest = 0, unit = 0;
	int rc = lt_act_parse(cli, &entries_spec, argc, argv, &c);

	if (!rc)
		rc = lt_act_open_for(cli, &c, true, &contest, &unit, false);
	if (!rc)
		rc = lt_app_contest_entries(c.db, &c.who, contest, unit, c.o.category, c.o.q, &c.a, &x,
					    &cli->err);
	if (!rc && cli->json) {
		json_t *j = NULL;
		rc = lt_act_print(lt_app_entries_json(&x, &j, &cli->err), &j);
		goto out;
	}
	for (size_t i = 0; !rc && i < x.n; i++)
		printf("%lld\t%s\t%s\t%s\t%s\t%s\n", (long long)x.v[i].id, x.v[i].posted_on,
		       x.v[i].unit.code, x.v[i].category, x.v[i].member_name, x.v[i].url_canonical);
	for (size_t i = 0; !rc && i < x.nunits; i++)
		fprintf(stderr, "%s\t%s: %lld (%s %lld, video %lld)\n", x.by_unit[i].unit.code,
			x.by_unit[i].unit.name, (long long)x.by_unit[i].total,
			cli->en ? "writing" : "bài viết", (long long)x.by_unit[i].writing,
			(long long)x.by_unit[i].video);
out:
	lt_act_close(&c);
	return rc == 1 ? 0 : rc;
}

int lt_cmd_contest_import(lt_cli *cli, int argc, char **argv)
{
	return lt_act_import(cli, argc, argv, LT_APP_LIST_ENTRIES);
}

int lt_cmd_contest_export(lt_cli *cli, int argc, char **argv)
{
	return lt_act_export(cli, argc, argv, LT_APP_LIST_ENTRIES);
}
