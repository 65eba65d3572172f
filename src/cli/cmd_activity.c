/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * cmd_activity.c — `lantoa activity add|list|import|export|template`
 * (the option parsing they share with cmd_figure.c and cmd_contest.c is in
 * cmd_common.c).
 */
#include <inttypes.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmd_activity.h"
#include "app/activity_io.h"
#include "net/url.h"
#include "store/directive.h"
#include "store/store.h"
#include "store/unit.h"

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
	lt_act_scope s;
	const lt_act_opts *o = &s.o;
	lt_activity_in in = { 0 };
	int64_t id = 0;
	char *canon = NULL, today[11];
	lt_channel ch = LT_CHANNEL_OTHER;
	double score;
	int rc = lt_act_scope_parse(cli, argc, argv, usage, 0, 0, &s);

	if (!rc)
		rc = lt_act_scope_resolve(cli, &s, lt_act_owner_directive, true);
	in.unit_id = s.unit_id;
	if (!rc && o->url)
		rc = lt_url_canonical(o->url, &canon, &ch, &cli->err);
	if (!rc && o->theme)
		rc = theme_id(cli, s.db, s.owner, o->theme, &in.theme_id);
	if (rc)
		goto out;
	lt_today(today);
	in.url = o->url;
	in.url_canonical = canon;
	in.channel = o->channel ? o->channel : canon ? lt_channel_code(ch) : NULL;
	in.kind = o->kind ? o->kind : "post";
	in.title = o->title ? o->title : canon;
	in.date = o->date ? o->date : today;
	in.views = o->views;
	in.reactions = o->reactions;
	in.comments = o->comments;
	in.shares = o->shares;
	in.counts_on = o->counts_on;
	if (!in.theme_id)
		lt_ignore(lt_activity_guess_theme(s.db, s.owner, in.title, canon, &in.theme_id,
						  &score, NULL)); /* a guess: none is fine */
	rc = lt_activity_create(s.db, s.owner, &in, 0, &id, &cli->err);
	if (!rc) {
		if (cli->json)
			printf("{\"id\":%" PRId64 ",\"url_canonical\":\"%s\",\"channel\":\"%s\"}\n", id,
			       canon ? canon : "", in.channel);
		else
			printf("%" PRId64 "\t%s\t%s\n", id, in.channel, canon ? canon : "");
	}
out:
	free(canon);
	lt_act_scope_close(&s);
	return rc == 1 ? 0 : rc;
}

int lt_cmd_activity_list(lt_cli *cli, int argc, char **argv)
{
	static const char usage[] =
		"lantoa activity list [--directive REF] [--unit CODE] [--channel C] [--kind K]\n"
		"    [--theme N] [--from D] [--to D] [--q TEXT] [--json]";
	lt_act_scope s;
	const lt_act_opts *o = &s.o;
	lt_activity_filter f = { 0 };
	json_t *items = NULL, *counts = NULL, *x;
	size_t i;
	int rc = lt_act_scope_parse(cli, argc, argv, usage, 0, 0, &s);

	if (!rc)
		rc = lt_act_scope_resolve(cli, &s, lt_act_owner_directive_opt, false);
	f.directive_id = s.owner;
	f.within = o->unit ? s.within : NULL;
	if (!rc && o->theme)
		rc = f.directive_id ? theme_id(cli, s.db, f.directive_id, o->theme, &f.theme_id)
				    : lt_error_set(&cli->err, LT_EINVAL, "--theme",
						   "--theme cần --directive", "--theme needs --directive");
	if (rc)
		goto out;
	f.channel = o->channel;
	f.kind = o->kind;
	f.from = o->from;
	f.to = o->to;
	f.q = o->q;
	f.limit = 10000;
	rc = lt_activity_list(s.db, &f, &items, &counts, &cli->err);
	if (rc)
		goto out;
	if (cli->json) {
		json_t *j = json_pack("{s:O,s:O}", "items", items, "counts", counts);
		char *js = json_dumps(j, JSON_COMPACT);
		printf("%s\n", js ? js : "{}");
		free(js);
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
	lt_act_scope_close(&s);
	return rc == 1 ? 0 : rc;
}

static int items_parse(lt_db *db, int64_t dir, const lt_table *t, int64_t unit, lt_arena *a,
		       void **rows, size_t *n, lt_import_report *rep, lt_error *e)
{
	return lt_activity_io_items(db, dir, t, unit, "/", a, (lt_activity_in **)rows, n, rep, e);
}

static int items_store(lt_db *db, int64_t dir, const void *rows, size_t n, size_t *bad,
		       lt_error *e)
{
	return lt_activity_import(db, dir, rows, n, 0, bad, e);
}

static int items_line(const void *rows, size_t i)
{
	return ((const lt_activity_in *)rows)[i].line;
}

int lt_cmd_activity_import(lt_cli *cli, int argc, char **argv)
{
	static const char usage[] =
		"lantoa activity import --directive REF [--unit CODE] FILE.xlsx|FILE.csv\n"
		"  All or nothing; every bad cell is reported with its sheet, row and column.\n"
		"  With --unit every row is that unit's; without, the \"Mã đơn vị\" column decides.";
	static const lt_act_import_kind items = {
		.sheet = "items",
		.done_en = "Imported %zu items.\n",
		.done_vi = "Đã nhập %zu tin.\n",
		.owner = lt_act_owner_directive,
		.parse = items_parse,
		.store = items_store,
		.line = items_line,
	};

	return lt_act_import_run(cli, argc, argv, usage, &items);
}

int lt_cmd_activity_export(lt_cli *cli, int argc, char **argv)
{
	static const char usage[] =
		"lantoa activity export --directive REF [--unit CODE] [--format xlsx|csv] -o FILE";
	lt_act_scope s;
	lt_activity_filter f = { 0 };
	lt_table *t = NULL;
	int rc = lt_act_scope_parse(cli, argc, argv, usage, 0, 0, &s);

	if (!rc)
		rc = lt_act_scope_resolve(cli, &s, lt_act_owner_directive, false);
	f.directive_id = s.owner;
	f.within = s.within;
	if (!rc)
		rc = lt_activity_io_items_table(s.db, &f, &t, &cli->err);
	if (!rc)
		rc = lt_act_write_table(cli, t, s.o.format, s.o.output);
	lt_table_free(t);
	lt_act_scope_close(&s);
	return rc == 1 ? 0 : rc;
}

int lt_cmd_activity_template(lt_cli *cli, int argc, char **argv)
{
	static const char usage[] = "lantoa activity template --directive REF [--unit CODE] -o FILE.xlsx";
	lt_act_scope s;
	lt_buf b;
	FILE *f;
	int rc = lt_act_scope_parse(cli, argc, argv, usage, 0, 0, &s);

	lt_buf_init(&b, 50u << 20);
	if (!rc)
		rc = lt_act_scope_resolve(cli, &s, lt_act_owner_directive, false);
	if (!rc && !s.o.output)
		rc = lt_error_set(&cli->err, LT_EINVAL, "--output", "Cần -o TỆP.xlsx",
				  "-o FILE.xlsx is needed");
	if (!rc)
		rc = lt_activity_io_items_template(s.db, s.owner, s.unit_id, "/", &b, &cli->err);
	if (!rc) {
		bool ok;
		f = fopen(s.o.output, "wb");
		ok = f && fwrite(b.ptr, 1, b.len, f) == b.len;
		/* Close the file on every path, and count a failed close as a failed write. */
		if (f && fclose(f))
			ok = false;
		if (!ok)
			rc = lt_error_set(&cli->err, LT_EIO, "--output", "Không ghi được %s",
					  "Cannot write %s", s.o.output);
	}
	lt_buf_free(&b);
	lt_act_scope_close(&s);
	return rc == 1 ? 0 : rc;
}
