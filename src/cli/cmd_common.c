/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * cmd_common.c — the option parsing, owner/unit resolution, spreadsheet
 * import and table writing shared by cmd_activity.c, cmd_figure.c and
 * cmd_contest.c.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmd_common.h"
#include "app/activity_io.h"
#include "render/csv.h"
#include "render/xlsx_write.h"
#include "store/directive.h"
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

	rc = lt_cli_unit(cli, db, a, code, "--unit", &u);
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

int lt_act_owner_directive(lt_cli *cli, lt_db *db, const lt_act_opts *o, int64_t *id)
{
	return lt_act_directive(cli, db, o->directive, id);
}

int lt_act_owner_directive_opt(lt_cli *cli, lt_db *db, const lt_act_opts *o, int64_t *id)
{
	*id = 0;
	return o->directive ? lt_act_directive(cli, db, o->directive, id) : 0;
}

int lt_act_scope_parse(lt_cli *cli, int argc, char **argv, const char *usage, int min, int max,
		       lt_act_scope *s)
{
	memset(s, 0, sizeof(*s));
	s->within = "/";
	lt_arena_init(&s->a);
	return lt_act_opts_parse(cli, argc, argv, &s->o, usage, min, max);
}

int lt_act_scope_resolve(lt_cli *cli, lt_act_scope *s, lt_act_owner_fn owner, bool need_unit)
{
	lt_unit u;
	int rc = lt_cli_open_db(cli, &s->db);

	if (!rc && owner)
		rc = owner(cli, s->db, &s->o, &s->owner);
	if (rc || (!need_unit && !s->o.unit))
		return rc;
	if (!s->o.unit)
		return lt_act_unit(cli, s->db, &s->a, s->o.unit, &s->unit_id);
	rc = lt_unit_get_by_code(s->db, s->o.unit, &s->a, &u, &cli->err);
	if (!rc) {
		s->unit_id = u.id;
		s->within = u.path;
	}
	return rc;
}

void lt_act_scope_close(lt_act_scope *s)
{
	lt_db_close(s->db);
	s->db = NULL;
	lt_arena_free(&s->a);
}

int lt_act_import_run(lt_cli *cli, int argc, char **argv, const char *usage,
		      const lt_act_import_kind *k)
{
	lt_act_scope s;
	lt_import_report *rep = calloc(1, sizeof(*rep));
	lt_table *t = NULL;
	void *rows = NULL;
	char *data = NULL;
	size_t len = 0, n = 0, bad = 0;
	int rc;

	if (!rep)
		return LT_ENOMEM;
	rc = lt_act_scope_parse(cli, argc, argv, usage, 1, 1, &s);
	if (rc)
		goto out;
	/* The file is checked before the database is opened, as it always was. */
	rc = lt_cli_read_file(cli, s.o.pos[0], MAX_FILE, &data, &len);
	if (!rc)
		rc = lt_activity_io_read(data, len, &t, &cli->err);
	if (!rc)
		rc = lt_act_scope_resolve(cli, &s, k->owner, false);
	if (rc)
		goto out;
	rc = k->parse(s.db, s.owner, t, s.unit_id, &s.a, &rows, &n, rep, &cli->err);
	if (rc == LT_EINVAL && rep->total) {
		lt_act_report(cli, rep);
		goto out;
	}
	if (!rc)
		rc = k->store(s.db, s.owner, rows, n, &bad, &cli->err);
	if (rc && n && bad < n) {
		lt_activity_io_store_error(t, k->sheet, k->line(rows, bad), &cli->err, rep);
		lt_act_report(cli, rep);
		cli->err.code = rc;
		goto out;
	}
	if (!rc) {
		if (cli->json)
			printf("{\"imported\":%zu}\n", n);
		else
			fprintf(stderr, cli->en ? k->done_en : k->done_vi, n);
	}
out:
	lt_table_free(t);
	free(data);
	free(rep);
	lt_act_scope_close(&s);
	return rc == 1 ? 0 : rc;
}
