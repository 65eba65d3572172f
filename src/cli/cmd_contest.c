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
#include "http/api_activity.h"
#include "net/url.h"
#include "store/contest.h"
#include "store/store.h"
#include "store/unit.h"

#define MAX_FILE (50u << 20)

static void print_json(json_t *j)
{
	char *s = json_dumps(j, JSON_COMPACT);

	printf("%s\n", s ? s : "null");
	free(s);
}

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
		print_json(arr);
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
	lt_act_opts o;
	lt_db *db = NULL;
	lt_arena a;
	int64_t dir = 0, unit = 0, id = 0;
	int rc = lt_act_opts_parse(cli, argc, argv, &o, usage, 1, 1);

	if (rc)
		return rc == 1 ? 0 : rc;
	lt_arena_init(&a);
	rc = lt_cli_open_db(cli, &db);
	if (!rc)
		rc = lt_act_directive(cli, db, o.directive, &dir);
	if (!rc)
		rc = lt_act_unit(cli, db, &a, o.unit, &unit);
	if (!rc)
		rc = lt_activity_check_scope(db, dir, unit, &cli->err);
	if (!rc)
		rc = lt_contest_create(db, dir, unit, o.pos[0], o.hashtag, 0, &id, &cli->err);
	if (!rc)
		printf("%" PRId64 "\n", id);
	lt_db_close(db);
	lt_arena_free(&a);
	return rc;
}

int lt_cmd_contest_entry(lt_cli *cli, int argc, char **argv)
{
	static const char usage[] =
		"lantoa contest entry --contest ID|NAME [--directive REF] --unit CODE --member NAME\n"
		"    --category writing|video --url URL [--platform facebook|tiktok|other]\n"
		"    [--hashtag TAG] [--date YYYY-MM-DD] [--views N]";
	lt_act_opts o;
	lt_contest_entry_in in = { 0 };
	lt_db *db = NULL;
	lt_arena a;
	int64_t contest = 0, id = 0, existing = 0;
	char *canon = NULL, today[11];
	lt_channel ch = LT_CHANNEL_OTHER;
	int rc = lt_act_opts_parse(cli, argc, argv, &o, usage, 0, 0);

	if (rc)
		return rc == 1 ? 0 : rc;
	lt_arena_init(&a);
	rc = lt_cli_open_db(cli, &db);
	if (!rc)
		rc = contest_ref(cli, db, &o, &contest);
	if (!rc)
		rc = lt_act_unit(cli, db, &a, o.unit, &in.unit_id);
	if (!rc && !o.url)
		rc = lt_error_set(&cli->err, LT_EINVAL, "--url", "Cần --url", "--url is needed");
	if (!rc)
		rc = lt_url_canonical(o.url, &canon, &ch, &cli->err);
	if (rc)
		goto out;
	lt_today(today);
	in.member_name = o.member;
	in.category = o.category;
	in.platform = o.platform ? o.platform
				 : ch == LT_CHANNEL_FACEBOOK ? "facebook"
				 : ch == LT_CHANNEL_TIKTOK   ? "tiktok"
							     : "other";
	in.url = o.url;
	in.url_canonical = canon;
	in.hashtag = o.hashtag;
	in.posted_on = o.date ? o.date : today;
	in.views = o.views;
	rc = lt_contest_entry_add(db, contest, &in, 0, &id, &existing, &cli->err);
	if (!rc)
		printf("%" PRId64 "\n", id);
out:
	free(canon);
	lt_db_close(db);
	lt_arena_free(&a);
	return rc;
}

int lt_cmd_contest_entries(lt_cli *cli, int argc, char **argv)
{
	static const char usage[] =
		"lantoa contest entries --contest ID|NAME [--directive REF] [--unit CODE]\n"
		"    [--category writing|video] [--q TEXT] [--json]";
	lt_act_opts o;
	lt_db *db = NULL;
	lt_arena a;
	int64_t contest = 0;
	const char *within = "/";
	json_t *items = NULL, *counts = NULL, *x;
	size_t i;
	int rc = lt_act_opts_parse(cli, argc, argv, &o, usage, 0, 0);

	if (rc)
		return rc == 1 ? 0 : rc;
	lt_arena_init(&a);
	rc = lt_cli_open_db(cli, &db);
	if (!rc)
		rc = contest_ref(cli, db, &o, &contest);
	if (!rc && o.unit) {
		lt_unit u;
		rc = lt_unit_get_by_code(db, o.unit, &a, &u, &cli->err);
		within = rc ? "/" : u.path;
	}
	if (!rc)
		rc = lt_contest_entries(db, contest, within, 0, o.category, o.q, &items, &counts,
					&cli->err);
	if (rc)
		goto out;
	if (cli->json) {
		json_t *j = json_pack("{s:O,s:O}", "items", items, "counts", counts);
		print_json(j);
		json_decref(j);
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
	lt_db_close(db);
	lt_arena_free(&a);
	return rc;
}

int lt_cmd_contest_import(lt_cli *cli, int argc, char **argv)
{
	static const char usage[] =
		"lantoa contest import --contest ID|NAME [--directive REF] [--unit CODE] FILE\n"
		"  Columns: Mã đơn vị, Họ tên đoàn viên, Thể loại, Nền tảng, Đường dẫn, Hashtag,\n"
		"  Ngày đăng, Lượt xem. All or nothing; a link already entered is refused.";
	lt_act_opts o;
	lt_import_report *rep = calloc(1, sizeof(*rep));
	lt_table *t = NULL;
	lt_contest_entry_in *rows = NULL;
	lt_db *db = NULL;
	lt_arena a;
	char *data = NULL;
	size_t len = 0, n = 0, bad = 0;
	int64_t contest = 0, unit = 0;
	int rc = rep ? lt_act_opts_parse(cli, argc, argv, &o, usage, 1, 1) : LT_ENOMEM;

	if (rc) {
		free(rep);
		return rc == 1 ? 0 : rc;
	}
	lt_arena_init(&a);
	rc = lt_cli_read_file(cli, o.pos[0], MAX_FILE, &data, &len);
	if (!rc)
		rc = lt_activity_io_read(data, len, &t, &cli->err);
	if (!rc)
		rc = lt_cli_open_db(cli, &db);
	if (!rc)
		rc = contest_ref(cli, db, &o, &contest);
	if (!rc && o.unit)
		rc = lt_act_unit(cli, db, &a, o.unit, &unit);
	if (rc)
		goto out;
	rc = lt_activity_io_entries(db, t, unit, "/", &a, &rows, &n, rep, &cli->err);
	if (rc == LT_EINVAL && rep->total) {
		lt_act_report(cli, rep);
		goto out;
	}
	if (!rc)
		rc = lt_contest_import(db, contest, rows, n, 0, &bad, &cli->err);
	if (rc && n && bad < n) {
		lt_activity_io_store_error(t, "entries", rows[bad].line, &cli->err, rep);
		lt_act_report(cli, rep);
		cli->err.code = rc;
		goto out;
	}
	if (!rc) {
		if (cli->json)
			printf("{\"imported\":%zu}\n", n);
		else
			fprintf(stderr, cli->en ? "Imported %zu entries.\n" : "Đã nhập %zu bài dự thi.\n", n);
	}
out:
	lt_table_free(t);
	lt_db_close(db);
	free(data);
	free(rep);
	lt_arena_free(&a);
	return rc;
}

int lt_cmd_contest_export(lt_cli *cli, int argc, char **argv)
{
	static const char usage[] =
		"lantoa contest export --contest ID|NAME [--directive REF] [--unit CODE]"
		" [--format xlsx|csv] -o FILE";
	lt_act_opts o;
	lt_table *t = NULL;
	lt_db *db = NULL;
	lt_arena a;
	int64_t contest = 0;
	const char *within = "/";
	int rc = lt_act_opts_parse(cli, argc, argv, &o, usage, 0, 0);

	if (rc)
		return rc == 1 ? 0 : rc;
	lt_arena_init(&a);
	rc = lt_cli_open_db(cli, &db);
	if (!rc)
		rc = contest_ref(cli, db, &o, &contest);
	if (!rc && o.unit) {
		lt_unit u;
		rc = lt_unit_get_by_code(db, o.unit, &a, &u, &cli->err);
		within = rc ? "/" : u.path;
	}
	if (!rc)
		rc = lt_activity_io_entries_table(db, contest, 0, within, &t, &cli->err);
	if (!rc)
		rc = lt_act_write_table(cli, t, o.format, o.output);
	lt_table_free(t);
	lt_db_close(db);
	lt_arena_free(&a);
	return rc;
}
