/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * cmd_contest.c — `lantoa contest list|add|entry|entries|import|export`:
 * contests of a directive ("Bên nhau là Tết") and their entries. A contest
 * is named by its id or its name (--contest "Bên nhau là Tết").
 */
#include <inttypes.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmd_activity.h"
#include "app/activity_io.h"
#include "net/url.h"
#include "store/contest.h"
#include "store/store.h"
#include "store/unit.h"

/* Contest id of ref: a number, or a name (within --directive when given). */
static int contest_ref(lt_cli *cli, lt_db *db, const lt_act_opts *o, int64_t *id)
{
	int64_t dir = 0;
	char *end;
	long long v;
	int rc;

	if (!o->contest)
		return lt_error_set(&cli->err, LT_EINVAL, "--contest", "Cần --contest MÃ|TÊN",
				    "--contest ID|NAME is needed");
	v = strtoll(o->contest, &end, 10);
	if (*o->contest && !*end && v > 0) {
		*id = v;
		return 0;
	}
	if (o->directive) {
		rc = lt_act_directive(cli, db, o->directive, &dir);
		if (rc)
			return rc;
	}
	return lt_contest_find(db, dir, o->contest, id, &cli->err);
}

int lt_cmd_contest_list(lt_cli *cli, int argc, char **argv)
{
	static const char usage[] = "lantoa contest list [--directive REF] [--json]";
	lt_act_opts o;
	lt_db *db = NULL;
	int64_t dir = 0;
	json_t *arr = NULL, *x;
	size_t i;
	int rc = lt_act_opts_parse(cli, argc, argv, &o, usage, 0, 0);

	if (rc)
		return rc == 1 ? 0 : rc;
	rc = lt_cli_open_db(cli, &db);
	if (!rc && o.directive)
		rc = lt_act_directive(cli, db, o.directive, &dir);
	if (!rc)
		rc = lt_contest_list(db, dir, &arr, &cli->err);
	if (!rc && cli->json)
		lt_cli_print_json(json_incref(arr), JSON_COMPACT);
	else if (!rc)
		json_array_foreach(arr, i, x)
			printf("%lld\t%s\t%s\t%lld\n", (long long)json_integer_value(json_object_get(x, "id")),
			       json_string_value(json_object_get(x, "name")),
			       json_string_value(json_object_get(json_object_get(x, "issuer"), "name")),
			       (long long)json_integer_value(json_object_get(x, "entries")));
	json_decref(arr);
	lt_db_close(db);
	return rc;
}

int lt_cmd_contest_add(lt_cli *cli, int argc, char **argv)
{
	static const char usage[] =
		"lantoa contest add --directive REF --unit ISSUER_CODE [--hashtag TAG] NAME";
	lt_act_scope s;
	int64_t id = 0;
	int rc = lt_act_scope_parse(cli, argc, argv, usage, 1, 1, &s);

	if (!rc)
		rc = lt_act_scope_resolve(cli, &s, lt_act_owner_directive, true);
	if (!rc)
		rc = lt_activity_check_scope(s.db, s.owner, s.unit_id, &cli->err);
	if (!rc)
		rc = lt_contest_create(s.db, s.owner, s.unit_id, s.o.pos[0], s.o.hashtag, 0, &id,
				       &cli->err);
	if (!rc)
		printf("%" PRId64 "\n", id);
	lt_act_scope_close(&s);
	return rc == 1 ? 0 : rc;
}

int lt_cmd_contest_entry(lt_cli *cli, int argc, char **argv)
{
	static const char usage[] =
		"lantoa contest entry --contest ID|NAME [--directive REF] --unit CODE --member NAME\n"
		"    --category writing|video --url URL [--platform facebook|tiktok|other]\n"
		"    [--hashtag TAG] [--date YYYY-MM-DD] [--views N]";
	lt_act_scope s;
	const lt_act_opts *o = &s.o;
	lt_contest_entry_in in = { 0 };
	int64_t id = 0, existing = 0;
	char *canon = NULL, today[11];
	lt_channel ch = LT_CHANNEL_OTHER;
	int rc = lt_act_scope_parse(cli, argc, argv, usage, 0, 0, &s);

	if (!rc)
		rc = lt_act_scope_resolve(cli, &s, contest_ref, true);
	in.unit_id = s.unit_id;
	if (!rc && !o->url)
		rc = lt_error_set(&cli->err, LT_EINVAL, "--url", "Cần --url", "--url is needed");
	if (!rc)
		rc = lt_url_canonical(o->url, &canon, &ch, &cli->err);
	if (rc)
		goto out;
	lt_today(today);
	in.member_name = o->member;
	in.category = o->category;
	in.platform = o->platform ? o->platform
				 : ch == LT_CHANNEL_FACEBOOK ? "facebook"
				 : ch == LT_CHANNEL_TIKTOK   ? "tiktok"
							     : "other";
	in.url = o->url;
	in.url_canonical = canon;
	in.hashtag = o->hashtag;
	in.posted_on = o->date ? o->date : today;
	in.views = o->views;
	rc = lt_contest_entry_add(s.db, s.owner, &in, 0, &id, &existing, &cli->err);
	if (!rc)
		printf("%" PRId64 "\n", id);
out:
	free(canon);
	lt_act_scope_close(&s);
	return rc == 1 ? 0 : rc;
}

int lt_cmd_contest_entries(lt_cli *cli, int argc, char **argv)
{
	static const char usage[] =
		"lantoa contest entries --contest ID|NAME [--directive REF] [--unit CODE]\n"
		"    [--category writing|video] [--q TEXT] [--json]";
	lt_act_scope s;
	json_t *items = NULL, *counts = NULL, *x;
	size_t i;
	int rc = lt_act_scope_parse(cli, argc, argv, usage, 0, 0, &s);

	if (!rc)
		rc = lt_act_scope_resolve(cli, &s, contest_ref, false);
	if (!rc)
		rc = lt_contest_entries(s.db, s.owner, s.within, 0, s.o.category, s.o.q, &items,
					&counts, &cli->err);
	if (rc)
		goto out;
	if (cli->json) {
		json_t *j = json_pack("{s:O,s:O}", "items", items, "counts", counts);
		lt_cli_print_json(j, JSON_COMPACT);
		goto out;
	}
	json_array_foreach(items, i, x)
		printf("%lld\t%s\t%s\t%s\t%s\t%s\n", (long long)json_integer_value(json_object_get(x, "id")),
		       json_string_value(json_object_get(x, "posted_on")),
		       json_string_value(json_object_get(json_object_get(x, "unit"), "code")),
		       json_string_value(json_object_get(x, "category")),
		       json_string_value(json_object_get(x, "member_name")),
		       json_string_value(json_object_get(x, "url_canonical")));
	json_array_foreach(json_object_get(counts, "by_unit"), i, x)
		fprintf(stderr, "%s\t%s: %lld (%s %lld, video %lld)\n",
			json_string_value(json_object_get(json_object_get(x, "unit"), "code")),
			json_string_value(json_object_get(json_object_get(x, "unit"), "name")),
			(long long)json_integer_value(json_object_get(x, "total")),
			cli->en ? "writing" : "bài viết",
			(long long)json_integer_value(json_object_get(x, "writing")),
			(long long)json_integer_value(json_object_get(x, "video")));
out:
	json_decref(items);
	json_decref(counts);
	lt_act_scope_close(&s);
	return rc == 1 ? 0 : rc;
}

static int entries_parse(lt_db *db, int64_t contest, const lt_table *t, int64_t unit,
			 lt_arena *a, void **rows, size_t *n, lt_import_report *rep, lt_error *e)
{
	(void)contest; /* an entry's row names its unit; the contest is the import's */
	return lt_activity_io_entries(db, t, unit, "/", a, (lt_contest_entry_in **)rows, n, rep, e);
}

static int entries_store(lt_db *db, int64_t contest, const void *rows, size_t n, size_t *bad,
			 lt_error *e)
{
	return lt_contest_import(db, contest, rows, n, 0, bad, e);
}

static int entries_line(const void *rows, size_t i)
{
	return ((const lt_contest_entry_in *)rows)[i].line;
}

int lt_cmd_contest_import(lt_cli *cli, int argc, char **argv)
{
	static const char usage[] =
		"lantoa contest import --contest ID|NAME [--directive REF] [--unit CODE] FILE\n"
		"  Columns: Mã đơn vị, Họ tên đoàn viên, Thể loại, Nền tảng, Đường dẫn, Hashtag,\n"
		"  Ngày đăng, Lượt xem. All or nothing; a link already entered is refused.";
	static const lt_act_import_kind entries = {
		.sheet = "entries",
		.done_en = "Imported %zu entries.\n",
		.done_vi = "Đã nhập %zu bài dự thi.\n",
		.owner = contest_ref,
		.parse = entries_parse,
		.store = entries_store,
		.line = entries_line,
	};

	return lt_act_import_run(cli, argc, argv, usage, &entries);
}

int lt_cmd_contest_export(lt_cli *cli, int argc, char **argv)
{
	static const char usage[] =
		"lantoa contest export --contest ID|NAME [--directive REF] [--unit CODE]"
		" [--format xlsx|csv] -o FILE";
	lt_act_scope s;
	lt_table *t = NULL;
	int rc = lt_act_scope_parse(cli, argc, argv, usage, 0, 0, &s);

	if (!rc)
		rc = lt_act_scope_resolve(cli, &s, contest_ref, false);
	if (!rc)
		rc = lt_activity_io_entries_table(s.db, s.owner, 0, s.within, &t, &cli->err);
	if (!rc)
		rc = lt_act_write_table(cli, t, s.o.format, s.o.output);
	lt_table_free(t);
	lt_act_scope_close(&s);
	return rc == 1 ? 0 : rc;
}
