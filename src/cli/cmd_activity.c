/*
 * cmd_activity.c — `lantoa activity add|list|import|export|template` and
 * the option parsing shared with cmd_figure.c and cmd_contest.c.
 */
#include <getopt.h>
#include <inttypes.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmd_activity.h"
#include "http/api_activity.h"
#include "net/url.h"
#include "render/csv.h"
#include "render/xlsx_write.h"
#include "store/directive.h"
#include "store/store.h"
#include "store/unit.h"

#define MAX_FILE (50u << 20)

int lt_act_opts_parse(lt_cli *cli, int argc, char **argv, lt_act_opts *o, const char *usage,
		      int min, int max)
{
	static const struct option opts[] = {
		{ "directive", required_argument, NULL, 'd' }, { "unit", required_argument, NULL, 'u' },
		{ "url", required_argument, NULL, 'U' },       { "title", required_argument, NULL, 't' },
		{ "channel", required_argument, NULL, 'c' },   { "kind", required_argument, NULL, 'k' },
		{ "date", required_argument, NULL, 'D' },      { "theme", required_argument, NULL, 'T' },
		{ "from", required_argument, NULL, 'f' },      { "to", required_argument, NULL, 'F' },
		{ "q", required_argument, NULL, 'q' },         { "format", required_argument, NULL, 'm' },
		{ "output", required_argument, NULL, 'o' },    { "comment", required_argument, NULL, 'C' },
		{ "contest", required_argument, NULL, 'x' },   { "member", required_argument, NULL, 'M' },
		{ "category", required_argument, NULL, 'g' },  { "platform", required_argument, NULL, 'p' },
		{ "hashtag", required_argument, NULL, 'H' },   { "views", required_argument, NULL, 'v' },
		{ "reactions", required_argument, NULL, 'r' }, { "comments", required_argument, NULL, 'n' },
		{ "shares", required_argument, NULL, 's' },    { "counts-on", required_argument, NULL, 'O' },
		{ "json", no_argument, NULL, 'j' },            { "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	memset(o, 0, sizeof(*o));
	o->views = o->reactions = o->comments = o->shares = -1;
	optind = 0;
	while ((c = getopt_long(argc, argv, "ho:", opts, NULL)) != -1) {
		int64_t *num = NULL;
		switch (c) {
		case 'd': o->directive = optarg; break;
		case 'u': o->unit = optarg; break;
		case 'U': o->url = optarg; break;
		case 't': o->title = optarg; break;
		case 'c': o->channel = optarg; break;
		case 'k': o->kind = optarg; break;
		case 'D': o->date = optarg; break;
		case 'T': o->theme = optarg; break;
		case 'f': o->from = optarg; break;
		case 'F': o->to = optarg; break;
		case 'q': o->q = optarg; break;
		case 'm': o->format = optarg; break;
		case 'o': o->output = optarg; break;
		case 'C': o->comment = optarg; break;
		case 'x': o->contest = optarg; break;
		case 'M': o->member = optarg; break;
		case 'g': o->category = optarg; break;
		case 'p': o->platform = optarg; break;
		case 'H': o->hashtag = optarg; break;
		case 'O': o->counts_on = optarg; break;
		case 'v': num = &o->views; break;
		case 'r': num = &o->reactions; break;
		case 'n': num = &o->comments; break;
		case 's': num = &o->shares; break;
		case 'j': cli->json = true; break;
		case 'h':
			printf("%s\n", usage);
			return 1;
		default:
			return lt_error_set(&cli->err, LT_EINVAL, argv[0], "Tuỳ chọn không hợp lệ",
					    "Invalid option");
		}
		if (num) {
			char *end;
			long long v = strtoll(optarg, &end, 10);
			if (!*optarg || *end || v < 0)
				return lt_error_set(&cli->err, LT_EINVAL, argv[0],
						    "Số lượt phải là số nguyên không âm: %s",
						    "Counts must be non-negative integers: %s", optarg);
			*num = v;
		}
	}
	o->npos = argc - optind;
	o->pos = argv + optind;
	if (o->npos < min || o->npos > max)
		return lt_error_set(&cli->err, LT_EINVAL, argv[0], "Sai số tham số: %s",
				    "Wrong number of arguments: %s", usage);
	return 0;
}

int lt_act_directive(lt_cli *cli, lt_db *db, const char *ref, int64_t *id)
{
	if (!ref)
		return lt_error_set(&cli->err, LT_EINVAL, "--directive",
				    "Cần --directive (mã số hoặc số công văn, ví dụ 42/LĐLĐ)",
				    "--directive is needed (an id or a number such as 42/LĐLĐ)");
	return lt_directive_find(db, ref, id, &cli->err);
}

int lt_act_unit(lt_cli *cli, lt_db *db, lt_arena *a, const char *code, int64_t *id)
{
	lt_unit u;
	int rc;

	if (!code)
		return lt_error_set(&cli->err, LT_EINVAL, "--unit", "Cần --unit MÃ",
				    "--unit CODE is needed");
	rc = lt_unit_get_by_code(db, code, a, &u, &cli->err);
	if (!rc)
		*id = u.id;
	return rc;
}

void lt_act_report(lt_cli *cli, const lt_import_report *rep)
{
	lt_buf b;

	lt_buf_init(&b, 1 << 20);
	lt_import_report_text(rep, cli->en, &b);
	if (!cli->json)
		fputs(lt_buf_cstr(&b), stderr);
	lt_buf_free(&b);
	lt_import_report_first(rep, &cli->err);
}

/* Theme id of "N" (position) for directive. */
static int theme_id(lt_cli *cli, lt_db *db, int64_t directive, const char *pos, int64_t *id)
{
	json_t *themes = NULL, *t;
	size_t i;
	long want = strtol(pos, NULL, 10);
	int rc = lt_directive_themes(db, directive, &themes, &cli->err);

	*id = 0;
	if (rc)
		return rc;
	json_array_foreach(themes, i, t)
		if (json_integer_value(json_object_get(t, "pos")) == want)
			*id = json_integer_value(json_object_get(t, "id"));
	json_decref(themes);
	if (!*id)
		return lt_error_set(&cli->err, LT_EINVAL, "--theme", "Công văn không có chủ đề số %s",
				    "The directive has no theme %s", pos);
	return 0;
}

int lt_cmd_activity_add(lt_cli *cli, int argc, char **argv)
{
	static const char usage[] =
		"lantoa activity add --directive REF --unit CODE --url URL [--title T] [--theme N]\n"
		"    [--channel C] [--kind post|share|article|video|livestream|event] [--date YYYY-MM-DD]\n"
		"    [--views N] [--reactions N] [--comments N] [--shares N] [--counts-on YYYY-MM-DD]";
	lt_act_opts o;
	lt_activity_in in = { 0 };
	lt_db *db = NULL;
	lt_arena a;
	int64_t dir = 0, id = 0;
	char *canon = NULL, today[11];
	lt_channel ch = LT_CHANNEL_OTHER;
	double score;
	int rc = lt_act_opts_parse(cli, argc, argv, &o, usage, 0, 0);

	if (rc)
		return rc == 1 ? 0 : rc;
	lt_arena_init(&a);
	rc = lt_cli_open_db(cli, &db);
	if (!rc)
		rc = lt_act_directive(cli, db, o.directive, &dir);
	if (!rc)
		rc = lt_act_unit(cli, db, &a, o.unit, &in.unit_id);
	if (!rc && o.url)
		rc = lt_url_canonical(o.url, &canon, &ch, &cli->err);
	if (!rc && o.theme)
		rc = theme_id(cli, db, dir, o.theme, &in.theme_id);
	if (rc)
		goto out;
	lt_today(today);
	in.url = o.url;
	in.url_canonical = canon;
	in.channel = o.channel ? o.channel : canon ? lt_channel_code(ch) : NULL;
	in.kind = o.kind ? o.kind : "post";
	in.title = o.title ? o.title : canon;
	in.date = o.date ? o.date : today;
	in.views = o.views;
	in.reactions = o.reactions;
	in.comments = o.comments;
	in.shares = o.shares;
	in.counts_on = o.counts_on;
	if (!in.theme_id)
		lt_activity_guess_theme(db, dir, in.title, canon, &in.theme_id, &score, NULL);
	rc = lt_activity_create(db, dir, &in, 0, &id, &cli->err);
	if (!rc) {
		if (cli->json)
			printf("{\"id\":%" PRId64 ",\"url_canonical\":\"%s\",\"channel\":\"%s\"}\n", id,
			       canon ? canon : "", in.channel);
		else
			printf("%" PRId64 "\t%s\t%s\n", id, in.channel, canon ? canon : "");
	}
out:
	free(canon);
	lt_db_close(db);
	lt_arena_free(&a);
	return rc;
}

int lt_cmd_activity_list(lt_cli *cli, int argc, char **argv)
{
	static const char usage[] =
		"lantoa activity list [--directive REF] [--unit CODE] [--channel C] [--kind K]\n"
		"    [--theme N] [--from D] [--to D] [--q TEXT] [--json]";
	lt_act_opts o;
	lt_activity_filter f = { 0 };
	lt_db *db = NULL;
	lt_arena a;
	json_t *items = NULL, *counts = NULL, *x;
	size_t i;
	int rc = lt_act_opts_parse(cli, argc, argv, &o, usage, 0, 0);

	if (rc)
		return rc == 1 ? 0 : rc;
	lt_arena_init(&a);
	rc = lt_cli_open_db(cli, &db);
	if (!rc && o.directive)
		rc = lt_act_directive(cli, db, o.directive, &f.directive_id);
	if (!rc && o.unit) {
		lt_unit u;
		rc = lt_unit_get_by_code(db, o.unit, &a, &u, &cli->err);
		f.within = rc ? NULL : u.path;
	}
	if (!rc && o.theme)
		rc = f.directive_id ? theme_id(cli, db, f.directive_id, o.theme, &f.theme_id)
				    : lt_error_set(&cli->err, LT_EINVAL, "--theme",
						   "--theme cần --directive", "--theme needs --directive");
	if (rc)
		goto out;
	f.channel = o.channel;
	f.kind = o.kind;
	f.from = o.from;
	f.to = o.to;
	f.q = o.q;
	f.limit = 10000;
	rc = lt_activity_list(db, &f, &items, &counts, &cli->err);
	if (rc)
		goto out;
	if (cli->json) {
		json_t *j = json_pack("{s:O,s:O}", "items", items, "counts", counts);
		char *s = json_dumps(j, JSON_COMPACT);
		printf("%s\n", s ? s : "{}");
		free(s);
		json_decref(j);
		goto out;
	}
	json_array_foreach(items, i, x)
		printf("%lld\t%s\t%s\t%s\t%s\t%s\t%s\n", (long long)json_integer_value(json_object_get(x, "id")),
		       json_string_value(json_object_get(x, "date")),
		       json_string_value(json_object_get(json_object_get(x, "unit"), "code")),
		       json_string_value(json_object_get(x, "channel")),
		       json_is_true(json_object_get(x, "is_original")) ? (cli->en ? "original" : "gốc")
								       : (cli->en ? "share" : "chia sẻ"),
		       json_string_value(json_object_get(x, "title")),
		       json_is_string(json_object_get(x, "url_canonical"))
			       ? json_string_value(json_object_get(x, "url_canonical"))
			       : "");
	fprintf(stderr, cli->en ? "%lld items: %lld originals, %lld shares\n"
				: "%lld tin: %lld bản gốc, %lld lượt chia sẻ\n",
		(long long)json_integer_value(json_object_get(counts, "items")),
		(long long)json_integer_value(json_object_get(counts, "originals")),
		(long long)json_integer_value(json_object_get(counts, "shares")));
out:
	json_decref(items);
	json_decref(counts);
	lt_db_close(db);
	lt_arena_free(&a);
	return rc;
}

int lt_cmd_activity_import(lt_cli *cli, int argc, char **argv)
{
	static const char usage[] =
		"lantoa activity import --directive REF [--unit CODE] FILE.xlsx|FILE.csv\n"
		"  All or nothing; every bad cell is reported with its sheet, row and column.\n"
		"  With --unit every row is that unit's; without, the \"Mã đơn vị\" column decides.";
	lt_act_opts o;
	lt_import_report *rep = calloc(1, sizeof(*rep));
	lt_table *t = NULL;
	lt_activity_in *rows = NULL;
	lt_db *db = NULL;
	lt_arena a;
	char *data = NULL;
	size_t len = 0, n = 0, bad = 0;
	int64_t dir = 0, unit = 0;
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
		rc = lt_act_directive(cli, db, o.directive, &dir);
	if (!rc && o.unit)
		rc = lt_act_unit(cli, db, &a, o.unit, &unit);
	if (rc)
		goto out;
	rc = lt_activity_io_items(db, dir, t, unit, "/", &a, &rows, &n, rep, &cli->err);
	if (rc == LT_EINVAL && rep->total) {
		lt_act_report(cli, rep);
		goto out;
	}
	if (!rc)
		rc = lt_activity_import(db, dir, rows, n, 0, &bad, &cli->err);
	if (rc && n && bad < n) {
		lt_activity_io_store_error(t, "items", rows[bad].line, &cli->err, rep);
		lt_act_report(cli, rep);
		cli->err.code = rc;
		goto out;
	}
	if (!rc) {
		if (cli->json)
			printf("{\"imported\":%zu}\n", n);
		else
			fprintf(stderr, cli->en ? "Imported %zu items.\n" : "Đã nhập %zu tin.\n", n);
	}
out:
	lt_table_free(t);
	lt_db_close(db);
	free(data);
	free(rep);
	lt_arena_free(&a);
	return rc;
}

int lt_act_write_table(lt_cli *cli, lt_table *t, const char *format, const char *path)
{
	lt_buf b;
	bool xlsx;
	FILE *f;
	int rc;

	if (!path)
		return lt_error_set(&cli->err, LT_EINVAL, "--output", "Cần -o TỆP (hoặc - cho stdout)",
				    "-o FILE is needed (or - for stdout)");
	xlsx = format ? !strcmp(format, "xlsx")
		      : (strlen(path) > 5 && !strcmp(path + strlen(path) - 5, ".xlsx"));
	lt_buf_init(&b, 200u << 20);
	rc = xlsx ? lt_xlsx_write_buf(t, &b, &cli->err)
		  : lt_csv_write(lt_table_sheet_at(t, 0), ',', &b, &cli->err);
	if (!rc) {
		f = strcmp(path, "-") ? fopen(path, "wb") : stdout;
		if (!f || fwrite(b.ptr ? b.ptr : "", 1, b.len, f) != b.len)
			rc = lt_error_set(&cli->err, LT_EIO, "--output", "Không ghi được %s",
					  "Cannot write %s", path);
		if (f && f != stdout && fclose(f))
			rc = lt_error_set(&cli->err, LT_EIO, "--output", "Không ghi được %s",
					  "Cannot write %s", path);
	}
	lt_buf_free(&b);
	return rc;
}

int lt_cmd_activity_export(lt_cli *cli, int argc, char **argv)
{
	static const char usage[] =
		"lantoa activity export --directive REF [--unit CODE] [--format xlsx|csv] -o FILE";
	lt_act_opts o;
	lt_activity_filter f = { 0 };
	lt_table *t = NULL;
	lt_db *db = NULL;
	lt_arena a;
	int rc = lt_act_opts_parse(cli, argc, argv, &o, usage, 0, 0);

	if (rc)
		return rc == 1 ? 0 : rc;
	lt_arena_init(&a);
	f.within = "/";
	rc = lt_cli_open_db(cli, &db);
	if (!rc)
		rc = lt_act_directive(cli, db, o.directive, &f.directive_id);
	if (!rc && o.unit) {
		lt_unit u;
		rc = lt_unit_get_by_code(db, o.unit, &a, &u, &cli->err);
		f.within = rc ? "/" : u.path;
	}
	if (!rc)
		rc = lt_activity_io_items_table(db, &f, &t, &cli->err);
	if (!rc)
		rc = lt_act_write_table(cli, t, o.format, o.output);
	lt_table_free(t);
	lt_db_close(db);
	lt_arena_free(&a);
	return rc;
}

int lt_cmd_activity_template(lt_cli *cli, int argc, char **argv)
{
	static const char usage[] = "lantoa activity template --directive REF [--unit CODE] -o FILE.xlsx";
	lt_act_opts o;
	lt_db *db = NULL;
	lt_arena a;
	lt_buf b;
	int64_t dir = 0, unit = 0;
	FILE *f;
	int rc = lt_act_opts_parse(cli, argc, argv, &o, usage, 0, 0);

	if (rc)
		return rc == 1 ? 0 : rc;
	lt_arena_init(&a);
	lt_buf_init(&b, 50u << 20);
	rc = lt_cli_open_db(cli, &db);
	if (!rc)
		rc = lt_act_directive(cli, db, o.directive, &dir);
	if (!rc && o.unit)
		rc = lt_act_unit(cli, db, &a, o.unit, &unit);
	if (!rc && !o.output)
		rc = lt_error_set(&cli->err, LT_EINVAL, "--output", "Cần -o TỆP.xlsx",
				  "-o FILE.xlsx is needed");
	if (!rc)
		rc = lt_activity_io_items_template(db, dir, unit, "/", &b, &cli->err);
	if (!rc) {
		f = fopen(o.output, "wb");
		if (!f || fwrite(b.ptr, 1, b.len, f) != b.len || fclose(f))
			rc = lt_error_set(&cli->err, LT_EIO, "--output", "Không ghi được %s",
					  "Cannot write %s", o.output);
	}
	lt_buf_free(&b);
	lt_db_close(db);
	lt_arena_free(&a);
	return rc;
}
