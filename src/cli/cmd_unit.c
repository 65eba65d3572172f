/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * cmd_unit.c — `lantoa unit list|show|add|rename|move|merge|close|history`:
 * adapters over app/unit.h. Units are named by their code; --json prints
 * the API's documents.
 */
#include <inttypes.h>
#include <limits.h>
#include <stddef.h>
#include <stdio.h>

#include "app/unit.h"
#include "cli/cmds.h"
#include "cli/opts.h"

typedef struct unit_opts {
	const char *date, *to, *into, *q, *parent, *name, *level, *email, *from, *code;
	long members; /* LONG_MIN: not given */
	bool closed;
} unit_opts;

#define O(f) offsetof(unit_opts, f)
#define DATE_OPT                                                                   \
	{ "date", LT_OPT_STR, O(date), "YYYY-MM-DD", "ngày có hiệu lực (mặc định hôm nay)", \
	  "the day it takes effect (default today)" }

static const lt_opt list_opts[] = {
	{ "q", LT_OPT_STR, O(q), "TEXT", "tìm theo tên hoặc mã (không dấu cũng được)",
	  "search names and codes (diacritics optional)" },
	{ "parent", LT_OPT_STR, O(parent), "CODE", "chỉ các đơn vị trực thuộc", "only its direct units" },
	{ "closed", LT_OPT_FLAG, O(closed), NULL, "gồm cả đơn vị đã giải thể", "include closed units" },
	{ NULL, 0, 0, NULL, NULL, NULL },
};

static const lt_opt add_opts[] = {
	{ "code", LT_OPT_STR, O(code), "CODE", "mã đơn vị (bắt buộc)", "unit code (required)" },
	{ "name", LT_OPT_STR, O(name), "NAME", "tên (bắt buộc)", "name (required)" },
	{ "level", LT_OPT_STR, O(level), "LEVEL", "cấp (bắt buộc)", "level (required)" },
	{ "parent", LT_OPT_STR, O(parent), "CODE", "đơn vị cấp trên (không có: đơn vị gốc)",
	  "parent unit (none: a root)" },
	{ "email", LT_OPT_STR, O(email), "E", "địa chỉ e-mail", "e-mail address" },
	{ "members", LT_OPT_INT, O(members), "N", "số đoàn viên", "member count" },
	{ "from", LT_OPT_STR, O(from), "YYYY-MM-DD", "ngày thành lập (mặc định hôm nay)",
	  "active from (default today)" },
	{ NULL, 0, 0, NULL, NULL, NULL },
};

static const lt_opt rename_opts[] = {
	{ "name", LT_OPT_STR, O(name), "NAME", "tên mới (bắt buộc)", "the new name (required)" },
	{ "email", LT_OPT_STR, O(email), "E", "địa chỉ e-mail mới (\"\" để xoá)",
	  "new e-mail address (\"\" clears it)" },
	{ "members", LT_OPT_INT, O(members), "N", "số đoàn viên", "member count" },
	DATE_OPT,
	{ NULL, 0, 0, NULL, NULL, NULL },
};

static const lt_opt move_opts[] = {
	{ "to", LT_OPT_STR, O(to), "CODE", "đơn vị cấp trên mới (bắt buộc)", "the new parent (required)" },
	DATE_OPT,
	{ NULL, 0, 0, NULL, NULL, NULL },
};

static const lt_opt merge_opts[] = {
	{ "into", LT_OPT_STR, O(into), "CODE", "đơn vị nhận sáp nhập (bắt buộc)",
	  "the unit it merges into (required)" },
	DATE_OPT,
	{ NULL, 0, 0, NULL, NULL, NULL },
};

static const lt_opt close_opts[] = {
	DATE_OPT,
	{ NULL, 0, 0, NULL, NULL, NULL },
};

static const lt_cmd_spec list_spec = { "unit list", NULL, 0, 0, list_opts,
	"Liệt kê hoặc tìm đơn vị.", "List or search units." };
static const lt_cmd_spec show_spec = { "unit show", "CODE", 1, 1, NULL,
	"Xem một đơn vị.", "Show one unit." };
static const lt_cmd_spec add_spec = { "unit add", NULL, 0, 0, add_opts,
	"Thêm một đơn vị.", "Add a unit." };
static const lt_cmd_spec rename_spec = { "unit rename", "CODE", 1, 1, rename_opts,
	"Đổi tên đơn vị (một phiên bản mới từ ngày đó).", "Rename a unit (a new version from that day)." };
static const lt_cmd_spec move_spec = { "unit move", "CODE", 1, 1, move_opts,
	"Chuyển đơn vị (cả các đơn vị trực thuộc) sang cấp trên khác.",
	"Move a unit, with its own units, under another parent." };
static const lt_cmd_spec merge_spec = { "unit merge", "CODE", 1, 1, merge_opts,
	"Sáp nhập đơn vị: các đơn vị trực thuộc chuyển sang, rồi đơn vị giải thể.",
	"Merge a unit: its units move over, then it closes." };
static const lt_cmd_spec close_spec = { "unit close", "CODE", 1, 1, close_opts,
	"Giải thể đơn vị (khi không còn đơn vị trực thuộc).",
	"Close a unit (once no unit is left under it)." };
static const lt_cmd_spec history_spec = { "unit history", "CODE", 1, 1, NULL,
	"Lịch sử tên và vị trí của đơn vị.", "A unit's names and places over time." };

/* Parse, open the database, get the actor, and resolve the CODE argument (when the spec has one). */
static int start(lt_cli *cli, const lt_cmd_spec *spec, int argc, char **argv, unit_opts *o,
		 lt_cli_session *s, lt_unit *u)
{
	char *args[1] = { NULL };
	int rc;

	o->members = LONG_MIN;
	rc = lt_cli_parse(cli, spec, argc, argv, o, args, NULL);
	if (!rc && o->members != LONG_MIN && o->members < 0)
		rc = lt_error_set(&cli->err, LT_EINVAL, "--members",
				  "Số đoàn viên phải là số nguyên không âm",
				  "Members must be a non-negative integer");
	if (rc)
		return rc;
	rc = lt_cli_start(cli, s);
	if (!rc && spec->max_args)
		rc = lt_cli_unit(cli, s->db, &s->a, args[0], "CODE", u);
	return rc;
}

/* A required option. */
static int need(lt_cli *cli, const char *v, const char *field)
{
	return v ? 0 : lt_error_set(&cli->err, LT_EINVAL, field, "Cần %s", "%s is required", field);
}

/* The unit named by option field, when given (else *id stays 0). */
static int unit_opt(lt_cli *cli, lt_cli_session *s, const char *code, const char *field,
		    int64_t *id)
{
	lt_unit u;
	int rc = code ? lt_cli_unit(cli, s->db, &s->a, code, field, &u) : 0;

	if (!rc && code)
		*id = u.id;
	return rc;
}

/* 0 → 0 after a command that printed; 1 (--help) → 0; < 0 stays. */
static int done(lt_cli_session *s, int rc)
{
	lt_cli_stop(s);
	return rc > 0 ? 0 : rc;
}

int lt_cmd_unit_list(lt_cli *cli, int argc, char **argv)
{
	unit_opts o = { 0 };
	lt_cli_session s = { 0 };
	lt_unit_query q = { .limit = 1000 };
	lt_unit *items;
	size_t n;
	int rc = start(cli, &list_spec, argc, argv, &o, &s, NULL);

	q.q = o.q;
	q.include_closed = o.closed;
	if (!rc)
		rc = unit_opt(cli, &s, o.parent, "--parent", &q.parent_id);
	if (!rc)
		rc = lt_app_unit_list(s.db, &s.who, &q, &s.a, &items, &n, &cli->err);
	if (!rc && cli->json)
		lt_cli_print_json(lt_app_units_json(&s.who, items, n), JSON_INDENT(2));
	for (size_t i = 0; !rc && !cli->json && i < n; i++)
		printf("%-22s %-11s %s%s\n", items[i].code, items[i].level, items[i].name,
		       items[i].active_to ? (cli->en ? " (closed)" : " (đã giải thể)") : "");
	return done(&s, rc);
}

int lt_cmd_unit_show(lt_cli *cli, int argc, char **argv)
{
	unit_opts o = { 0 };
	lt_cli_session s = { 0 };
	lt_unit u;
	lt_unit_page p;
	int rc = start(cli, &show_spec, argc, argv, &o, &s, &u);

	if (!rc)
		rc = lt_app_unit_get(s.db, &s.who, u.id, &s.a, &p, &cli->err);
	if (!rc && cli->json) {
		lt_cli_print_json(lt_app_unit_page_json(&s.who, &p), JSON_INDENT(2));
	} else if (!rc) {
		printf("%s  %s\n  %s: %s\n", u.code, u.name, cli->en ? "level" : "cấp", u.level);
		/* The rest is the unit's full record: its subtree's to read (app/unit.h). */
		if (lt_actor_reads(&s.who, u.path))
			printf("  e-mail: %s\n  %s: %" PRId64 "\n  %s: %s → %s\n",
			       u.email ? u.email : "-", cli->en ? "members" : "đoàn viên", u.members,
			       cli->en ? "active" : "hoạt động", u.active_from,
			       u.active_to ? u.active_to : "");
	}
	return done(&s, rc);
}

int lt_cmd_unit_add(lt_cli *cli, int argc, char **argv)
{
	unit_opts o = { 0 };
	lt_cli_session s = { 0 };
	lt_unit_input in = { 0 };
	lt_unit u;
	int rc = start(cli, &add_spec, argc, argv, &o, &s, NULL);

	in.code = o.code;
	in.name = o.name;
	in.level = o.level;
	in.email = o.email;
	in.members = o.members < 0 ? 0 : o.members;
	in.active_from = o.from;
	if (!rc)
		rc = unit_opt(cli, &s, o.parent, "--parent", &in.parent_id);
	if (!rc)
		rc = lt_app_unit_create(s.db, &s.who, &in, &s.a, &u, &cli->err);
	if (!rc && cli->json)
		lt_cli_print_json(lt_app_unit_doc_json(&s.who, &u), JSON_INDENT(2));
	else if (!rc)
		printf("%" PRId64 "\n", u.id);
	return done(&s, rc);
}

/* After a change: the unit's document with --json, else nothing. */
static void changed(const lt_cli *cli, const lt_cli_session *s, const lt_unit *u)
{
	if (cli->json)
		lt_cli_print_json(lt_app_unit_doc_json(&s->who, u), JSON_INDENT(2));
}

int lt_cmd_unit_rename(lt_cli *cli, int argc, char **argv)
{
	unit_opts o = { 0 };
	lt_cli_session s = { 0 };
	lt_unit u;
	lt_unit_edit in = { 0 };
	int rc = start(cli, &rename_spec, argc, argv, &o, &s, &u);

	if (!rc)
		rc = need(cli, o.name, "--name");
	in.name = o.name;
	in.email = o.email;
	in.members = o.members == LONG_MIN ? -1 : o.members;
	in.date = o.date;
	if (!rc)
		rc = lt_app_unit_update(s.db, &s.who, u.id, &in, &s.a, &u, &cli->err);
	if (!rc)
		changed(cli, &s, &u);
	return done(&s, rc);
}

/* move and merge: CODE, a target unit named by option, a date. */
static int relink(lt_cli *cli, int argc, char **argv, bool merge)
{
	unit_opts o = { 0 };
	lt_cli_session s = { 0 };
	const char *field = merge ? "--into" : "--to";
	lt_unit u;
	int64_t target = 0;
	int rc = start(cli, merge ? &merge_spec : &move_spec, argc, argv, &o, &s, &u);

	if (!rc)
		rc = need(cli, merge ? o.into : o.to, field);
	if (!rc)
		rc = unit_opt(cli, &s, merge ? o.into : o.to, field, &target);
	if (!rc && merge)
		rc = lt_app_unit_merge(s.db, &s.who, u.id, target, o.date, &s.a, &u, &cli->err);
	else if (!rc)
		rc = lt_app_unit_move(s.db, &s.who, u.id, target, o.date, &s.a, &u, &cli->err);
	if (!rc)
		changed(cli, &s, &u);
	return done(&s, rc);
}

int lt_cmd_unit_move(lt_cli *cli, int argc, char **argv)
{
	return relink(cli, argc, argv, false);
}

int lt_cmd_unit_merge(lt_cli *cli, int argc, char **argv)
{
	return relink(cli, argc, argv, true);
}

int lt_cmd_unit_close(lt_cli *cli, int argc, char **argv)
{
	unit_opts o = { 0 };
	lt_cli_session s = { 0 };
	lt_unit u;
	int rc = start(cli, &close_spec, argc, argv, &o, &s, &u);

	if (!rc)
		rc = lt_app_unit_close(s.db, &s.who, u.id, o.date, &s.a, &u, &cli->err);
	if (!rc)
		changed(cli, &s, &u);
	return done(&s, rc);
}

int lt_cmd_unit_history(lt_cli *cli, int argc, char **argv)
{
	unit_opts o = { 0 };
	lt_cli_session s = { 0 };
	lt_unit u;
	lt_unit_version *v;
	size_t n;
	int rc = start(cli, &history_spec, argc, argv, &o, &s, &u);

	if (!rc)
		rc = lt_app_unit_history(s.db, &s.who, u.id, NULL, &s.a, &v, &n, &cli->err);
	if (!rc && cli->json)
		lt_cli_print_json(lt_app_unit_history_json(v, n), JSON_INDENT(2));
	for (size_t i = 0; !rc && !cli->json && i < n; i++)
		printf("%s → %-10s %-7s %s  %s\n", v[i].valid_from, v[i].valid_to ? v[i].valid_to : "",
		       v[i].change, v[i].path, v[i].name);
	return done(&s, rc);
}
