/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* cmd_unit.c — `lantoa unit list|show|add|rename|move|merge|close|history`. */
#include <getopt.h>
#include <inttypes.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmds.h"
#include "store/unit.h"

static json_t *unit_json(const lt_unit *u)
{
	json_t *j = json_pack("{s:I,s:s,s:s,s:s,s:I,s:s,s:I}", "id", (json_int_t)u->id, "code",
			      u->code, "name", u->name, "level", u->level, "members",
			      (json_int_t)u->members, "active_from", u->active_from, "child_count",
			      (json_int_t)u->child_count);

	json_object_set_new(j, "parent_id", u->parent_id ? json_integer(u->parent_id) : json_null());
	json_object_set_new(j, "email", u->email ? json_string(u->email) : json_null());
	json_object_set_new(j, "active_to", u->active_to ? json_string(u->active_to) : json_null());
	return j;
}

/* Shared parse of [--date D] [--to CODE] [--into CODE] [--name N] …; returns the positional args count. */
typedef struct unit_opts {
	const char *date, *to, *into, *q, *parent, *name, *level, *email, *from, *code;
	int64_t members;
	bool closed;
} unit_opts;

static int parse(lt_cli *cli, int argc, char **argv, unit_opts *o, const char *usage_vi,
		 const char *usage_en, int want_pos)
{
	static const struct option opts[] = {
		{ "date", required_argument, NULL, 'd' },   { "to", required_argument, NULL, 't' },
		{ "into", required_argument, NULL, 'i' },   { "q", required_argument, NULL, 'q' },
		{ "parent", required_argument, NULL, 'p' }, { "name", required_argument, NULL, 'n' },
		{ "level", required_argument, NULL, 'l' },  { "email", required_argument, NULL, 'e' },
		{ "from", required_argument, NULL, 'f' },   { "members", required_argument, NULL, 'm' },
		{ "code", required_argument, NULL, 'c' },   { "closed", no_argument, NULL, 'C' },
		{ "json", no_argument, NULL, 'j' },         { "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	memset(o, 0, sizeof(*o));
	o->members = -1;
	optind = 0;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'd': o->date = optarg; break;
		case 't': o->to = optarg; break;
		case 'i': o->into = optarg; break;
		case 'q': o->q = optarg; break;
		case 'p': o->parent = optarg; break;
		case 'n': o->name = optarg; break;
		case 'l': o->level = optarg; break;
		case 'e': o->email = optarg; break;
		case 'f': o->from = optarg; break;
		case 'c': o->code = optarg; break;
		case 'C': o->closed = true; break;
		case 'j': cli->json = true; break;
		case 'm': {
			char *end;
			o->members = strtoll(optarg, &end, 10);
			if (*end || o->members < 0)
				return lt_error_set(&cli->err, LT_EINVAL, "--members",
						    "Số đoàn viên phải là số nguyên không âm",
						    "Members must be a non-negative integer");
			break;
		}
		case 'h':
			printf("%s\n", cli->en ? usage_en : usage_vi);
			return 1;
		default:
			return lt_error_set(&cli->err, LT_EINVAL, argv[0], "Tuỳ chọn không hợp lệ",
					    "Invalid option");
		}
	}
	if (want_pos >= 0 && argc - optind != want_pos)
		return lt_error_set(&cli->err, LT_EINVAL, argv[0], "Sai số tham số. %s%.0s",
				    "Wrong number of arguments. %.0s%s", usage_vi, usage_en);
	return 0;
}

int lt_cmd_unit_list(lt_cli *cli, int argc, char **argv)
{
	unit_opts o;
	lt_unit_query q = { 0 };
	lt_db *db = NULL;
	lt_arena a;
	lt_unit *items, p;
	size_t n;
	int rc = parse(cli, argc, argv, &o, "lantoa unit list [--q TEXT] [--parent CODE] [--closed] [--json]",
		       "lantoa unit list [--q TEXT] [--parent CODE] [--closed] [--json]", 0);

	if (rc)
		return rc > 0 ? 0 : rc;
	lt_arena_init(&a);
	rc = lt_cli_open_db(cli, &db);
	if (rc)
		goto out;
	q.q = o.q;
	q.limit = 1000;
	q.include_closed = o.closed;
	if (o.parent) {
		rc = lt_cli_unit(cli, db, &a, o.parent, "--parent", &p);
		if (rc)
			goto out;
		q.parent_id = p.id;
	}
	rc = lt_unit_list(db, &q, &a, &items, &n, &cli->err);
	if (rc)
		goto out;
	if (cli->json) {
		json_t *arr = json_array();
		for (size_t i = 0; i < n; i++)
			json_array_append_new(arr, unit_json(&items[i]));
		lt_cli_print_json(json_pack("{s:o}", "items", arr), JSON_INDENT(2));
	} else {
		for (size_t i = 0; i < n; i++)
			printf("%-22s %-11s %s%s\n", items[i].code, items[i].level, items[i].name,
			       items[i].active_to ? (cli->en ? " (closed)" : " (đã giải thể)") : "");
	}
out:
	lt_db_close(db);
	lt_arena_free(&a);
	return rc;
}

int lt_cmd_unit_show(lt_cli *cli, int argc, char **argv)
{
	unit_opts o;
	lt_db *db = NULL;
	lt_arena a;
	lt_unit u;
	int rc = parse(cli, argc, argv, &o, "lantoa unit show CODE [--json]",
		       "lantoa unit show CODE [--json]", 1);

	if (rc)
		return rc > 0 ? 0 : rc;
	lt_arena_init(&a);
	rc = lt_cli_open_db(cli, &db);
	if (!rc)
		rc = lt_cli_unit(cli, db, &a, argv[optind], "CODE", &u);
	if (!rc) {
		if (cli->json)
			lt_cli_print_json(unit_json(&u), JSON_INDENT(2));
		else
			printf("%s  %s\n  %s: %s\n  e-mail: %s\n  %s: %" PRId64 "\n  %s: %s → %s\n",
			       u.code, u.name, cli->en ? "level" : "cấp", u.level,
			       u.email ? u.email : "-", cli->en ? "members" : "đoàn viên", u.members,
			       cli->en ? "active" : "hoạt động", u.active_from,
			       u.active_to ? u.active_to : "");
	}
	lt_db_close(db);
	lt_arena_free(&a);
	return rc;
}

int lt_cmd_unit_add(lt_cli *cli, int argc, char **argv)
{
	unit_opts o;
	lt_db *db = NULL;
	lt_arena a;
	lt_unit p;
	lt_unit_input in = { 0 };
	int64_t id = 0;
	int rc = parse(cli, argc, argv, &o,
		       "lantoa unit add --code MÃ --name TÊN --level CẤP [--parent MÃ] [--email E]"
		       " [--members N] [--from YYYY-MM-DD]",
		       "lantoa unit add --code CODE --name NAME --level LEVEL [--parent CODE]"
		       " [--email E] [--members N] [--from YYYY-MM-DD]",
		       0);

	if (rc)
		return rc > 0 ? 0 : rc;
	lt_arena_init(&a);
	rc = lt_cli_open_db(cli, &db);
	if (rc)
		goto out;
	in.code = o.code;
	in.name = o.name;
	in.level = o.level;
	in.email = o.email;
	in.members = o.members < 0 ? 0 : o.members;
	in.active_from = o.from;
	if (o.parent) {
		rc = lt_cli_unit(cli, db, &a, o.parent, "--parent", &p);
		if (rc)
			goto out;
		in.parent_id = p.id;
	}
	rc = lt_unit_create(db, &in, 0, &id, &cli->err);
	if (!rc)
		printf(cli->json ? "{\"id\":%" PRId64 "}\n" : "%" PRId64 "\n", id);
out:
	lt_db_close(db);
	lt_arena_free(&a);
	return rc;
}

/* rename / move / merge / close share this shape: CODE plus one option. */
static int structural(lt_cli *cli, int argc, char **argv, const char *vi, const char *en,
		      int (*op)(lt_cli *, lt_db *, lt_arena *, const lt_unit *, const unit_opts *))
{
	unit_opts o;
	lt_db *db = NULL;
	lt_arena a;
	lt_unit u;
	int rc = parse(cli, argc, argv, &o, vi, en, 1);

	if (rc)
		return rc > 0 ? 0 : rc;
	lt_arena_init(&a);
	rc = lt_cli_open_db(cli, &db);
	if (!rc)
		rc = lt_cli_unit(cli, db, &a, argv[optind], "CODE", &u);
	if (!rc)
		rc = op(cli, db, &a, &u, &o);
	lt_db_close(db);
	lt_arena_free(&a);
	return rc;
}

static int do_rename(lt_cli *cli, lt_db *db, lt_arena *a, const lt_unit *u, const unit_opts *o)
{
	(void)a;
	if (!o->name)
		return lt_error_set(&cli->err, LT_EINVAL, "--name", "Cần --name", "--name is required");
	return lt_unit_update(db, u->id, o->name, o->email, o->members, o->date, 0, &cli->err);
}

static int do_move(lt_cli *cli, lt_db *db, lt_arena *a, const lt_unit *u, const unit_opts *o)
{
	lt_unit p;
	int rc;

	if (!o->to)
		return lt_error_set(&cli->err, LT_EINVAL, "--to", "Cần --to MÃ", "--to CODE is required");
	rc = lt_cli_unit(cli, db, a, o->to, "--to", &p);
	return rc ? rc : lt_unit_move(db, u->id, p.id, o->date, 0, &cli->err);
}

static int do_merge(lt_cli *cli, lt_db *db, lt_arena *a, const lt_unit *u, const unit_opts *o)
{
	lt_unit p;
	int rc;

	if (!o->into)
		return lt_error_set(&cli->err, LT_EINVAL, "--into", "Cần --into MÃ",
				    "--into CODE is required");
	rc = lt_cli_unit(cli, db, a, o->into, "--into", &p);
	return rc ? rc : lt_unit_merge(db, u->id, p.id, o->date, 0, &cli->err);
}

static int do_close(lt_cli *cli, lt_db *db, lt_arena *a, const lt_unit *u, const unit_opts *o)
{
	(void)a;
	return lt_unit_close(db, u->id, o->date, 0, &cli->err);
}

int lt_cmd_unit_rename(lt_cli *cli, int argc, char **argv)
{
	return structural(cli, argc, argv, "lantoa unit rename MÃ --name TÊN [--date YYYY-MM-DD]",
			  "lantoa unit rename CODE --name NAME [--date YYYY-MM-DD]", do_rename);
}

int lt_cmd_unit_move(lt_cli *cli, int argc, char **argv)
{
	return structural(cli, argc, argv, "lantoa unit move MÃ --to MÃ_CẤP_TRÊN [--date YYYY-MM-DD]",
			  "lantoa unit move CODE --to PARENT_CODE [--date YYYY-MM-DD]", do_move);
}

int lt_cmd_unit_merge(lt_cli *cli, int argc, char **argv)
{
	return structural(cli, argc, argv, "lantoa unit merge MÃ --into MÃ [--date YYYY-MM-DD]",
			  "lantoa unit merge CODE --into CODE [--date YYYY-MM-DD]", do_merge);
}

int lt_cmd_unit_close(lt_cli *cli, int argc, char **argv)
{
	return structural(cli, argc, argv, "lantoa unit close MÃ [--date YYYY-MM-DD]",
			  "lantoa unit close CODE [--date YYYY-MM-DD]", do_close);
}

static int do_history(lt_cli *cli, lt_db *db, lt_arena *a, const lt_unit *u, const unit_opts *o)
{
	lt_unit_version *v;
	size_t n;
	json_t *arr;
	int rc = lt_unit_history(db, u->id, a, &v, &n, &cli->err);

	(void)o;
	if (rc)
		return rc;
	if (!cli->json) {
		for (size_t i = 0; i < n; i++)
			printf("%s → %-10s %-7s %s  %s\n", v[i].valid_from,
			       v[i].valid_to ? v[i].valid_to : "", v[i].change, v[i].path, v[i].name);
		return 0;
	}
	arr = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *j = json_pack("{s:s,s:s,s:s,s:s}", "name", v[i].name, "path", v[i].path,
				      "valid_from", v[i].valid_from, "change", v[i].change);
		json_object_set_new(j, "valid_to", v[i].valid_to ? json_string(v[i].valid_to) : json_null());
		json_array_append_new(arr, j);
	}
	lt_cli_print_json(json_pack("{s:o}", "items", arr), JSON_INDENT(2));
	return 0;
}

int lt_cmd_unit_history(lt_cli *cli, int argc, char **argv)
{
	return structural(cli, argc, argv, "lantoa unit history MÃ [--json]",
			  "lantoa unit history CODE [--json]", do_history);
}
