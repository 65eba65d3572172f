/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * cmd_figure.c — `lantoa figure set|list|import|export`: a unit's care
 * figures for a directive (CODE=VALUE pairs), the summary over every
 * recipient, and the spreadsheet round trip. Adapters over app/figure.h
 * and app/activity_io.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmds.h"
#include "app/activity_json.h"
#include "app/figure.h"
#include "cli/cmd_activity.h"


static const lt_opt set_opts[] = {
	LT_ACT_O_DIRECTIVE,
	LT_ACT_OPT(unit, "CODE", "mã đơn vị", "unit code"),
	LT_ACT_OPT(comment, "TEXT", "ghi chú kèm các giá trị", "a note kept with the values"),
	LT_ACT_O_END,
};

static const lt_cmd_spec set_spec = {
	"figure set", "CODE=VALUE…", 1, 200, set_opts,
	"Ghi số liệu chỉ tiêu của đơn vị, ví dụ gift_recipients=120 gift_vnd=60000000;"
	" CODE= xoá một giá trị.",
	"Set a unit's figures, e.g. gift_recipients=120 gift_vnd=60000000; CODE= clears a value.",
};

/* The CODE=VALUE arguments of c into *vals (arena). */
static int read_values(lt_cli *cli, lt_act_cmd *c, lt_figure_in **vals)
{
	lt_figure_in *v = lt_arena_alloc(&c->a, (size_t)c->nargs * sizeof(*v));

	if (!v)
		return lt_error_set(&cli->err, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	for (int k = 0; k < c->nargs; k++) {
		char *eq = strchr(c->args[k], '='), *end;
		if (!eq || eq == c->args[k])
			return lt_error_set(&cli->err, LT_EINVAL, c->args[k], "Cần dạng MÃ=GIÁ_TRỊ",
					    "Expected CODE=VALUE");
		v[k].code = lt_arena_strndup(&c->a, c->args[k], (size_t)(eq - c->args[k]));
		v[k].note = c->o.comment;
		if (!eq[1]) {
			v[k].clear = true;
			continue;
		}
		v[k].value = strtod(eq + 1, &end);
		if (*end)
			return lt_error_set(&cli->err, LT_EINVAL, v[k].code, "\"%s\" không phải là số",
					    "\"%s\" is not a number", eq + 1);
	}
	*vals = v;
	return 0;
}

/* The warnings of f on stderr (with --json the document goes to stdout). */
static void print_warnings(const lt_cli *cli, const lt_app_warning *w, size_t n, FILE *f)
{
	for (size_t i = 0; i < n; i++)
		fprintf(f, "%s: %s%s\n", cli->en ? "warning" : "cảnh báo", cli->en ? w[i].w.en : w[i].w.vi,
			!w[i].confirmed ? "" : cli->en ? " (confirmed)" : " (đã xác nhận)");
}

int lt_cmd_figure_set(lt_cli *cli, int argc, char **argv)
{
	lt_act_cmd c;
	lt_figure_in *vals = NULL;
	lt_app_figures f;
	int64_t dir = 0, unit = 0;
	int rc = lt_act_parse(cli, &set_spec, argc, argv, &c);

	if (!rc)
		rc = read_values(cli, &c, &vals);
	if (!rc)
		rc = lt_act_open_for(cli, &c, false, &dir, &unit, true);
	if (!rc)
		rc = lt_app_figures_set(c.db, &c.who, dir, unit, vals, (size_t)c.nargs, &c.a, &f,
					&cli->err);
	if (!rc) {
		json_t *j = NULL;
		print_warnings(cli, f.warnings, f.nwarnings, stderr);
		if (cli->json)
			rc = lt_act_print(lt_app_figures_json(&f, &j, &cli->err), &j);
	}
	lt_act_close(&c);
	return rc == 1 ? 0 : rc;
}

static const lt_opt list_opts[] = {
	LT_ACT_O_DIRECTIVE,
	LT_ACT_OPT(unit, "CODE", "số liệu và cảnh báo của đơn vị này (mặc định: tổng hợp)",
		   "this unit's figures and warnings (default: the totals)"),
	LT_ACT_OPT(limit, "N", "tổng hợp --json: số đơn vị một trang (1–500, mặc định 50)",
		   "totals --json: units per page (1–500, default 50)"),
	LT_ACT_OPT(cursor, "C", "tổng hợp --json: next_cursor của trang trước",
		   "totals --json: the previous page's next_cursor"),
	LT_ACT_O_END,
};

static const lt_cmd_spec list_spec = {
	"figure list", NULL, 0, 0, list_opts,
	"Xem số liệu: của một đơn vị (--unit) hoặc tổng hợp mọi đơn vị nhận công văn (--json: các"
	" tổng và một trang đơn vị, như API; cả danh sách: figure export).",
	"Show figures: one unit's (--unit) or the totals of all recipients (--json: the totals and a"
	" page of units, as the API gives them; every unit: figure export).",
};

/*
 * The totals of every recipient in the actor's subtree, and with --json a
 * page of its units: the API's bounded summary (kept totals, one page), so
 * that a national officer's `figure list` reads a few rows, not the 1.8
 * million values under them (8.2 s and 1.7 GB before).
 */
static int list_totals(lt_cli *cli, lt_act_cmd *c, int64_t dir)
{
	lt_page pg;
	lt_buf b;
	json_t *doc = NULL, *ind;
	size_t i;
	int rc = lt_page_parse(c->o.limit, c->o.cursor, &c->a, &pg, &cli->err);

	lt_buf_init(&b, 64u << 20);
	if (!rc)
		rc = lt_app_figures_summary_reply(c->db, &c->who, dir, 0, &pg, &c->a, &b, &cli->err);
	if (!rc && !(doc = json_loadb(b.ptr, b.len, 0, NULL)))
		rc = lt_error_set(&cli->err, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	lt_buf_free(&b);
	if (rc)
		return rc;
	if (cli->json) {
		lt_cli_print_json(doc, JSON_INDENT(2));
		return 0;
	}
	json_array_foreach(json_object_get(doc, "indicators"), i, ind) {
		char num[40];
		snprintf(num, sizeof(num), "%.15g", json_number_value(json_object_get(ind, "total")));
		printf("%-24s %16s  %s\n", json_string_value(json_object_get(ind, "code")), num,
		       json_string_value(json_object_get(ind, cli->en ? "name_en" : "name_vi")));
	}
	json_decref(doc);
	return 0;
}

int lt_cmd_figure_list(lt_cli *cli, int argc, char **argv)
{
	lt_act_cmd c;
	lt_app_figures f;
	json_t *j = NULL;
	int64_t dir = 0, unit = 0;
	int rc = lt_act_parse(cli, &list_spec, argc, argv, &c);

	if (!rc)
		rc = lt_act_open_for(cli, &c, false, &dir, &unit, false);
	if (rc)
		goto out;
	if (unit) {
		rc = lt_app_figures_get(c.db, &c.who, dir, unit, &c.a, &f, &cli->err);
		if (!rc && cli->json)
			rc = lt_act_print(lt_app_figures_json(&f, &j, &cli->err), &j);
		for (size_t i = 0; !rc && !cli->json && i < f.n; i++) {
			char num[40] = "—";
			if (f.v[i].set)
				snprintf(num, sizeof(num), "%.15g", f.v[i].value);
			printf("%-24s %16s  %s\n", f.v[i].info->def.code, num,
			       cli->en ? f.v[i].info->name_en : f.v[i].info->name_vi);
		}
		if (!rc && !cli->json)
			print_warnings(cli, f.warnings, f.nwarnings, stdout);
		goto out;
	}
	rc = list_totals(cli, &c, dir);
out:
	lt_act_close(&c);
	return rc == 1 ? 0 : rc;
}

int lt_cmd_figure_import(lt_cli *cli, int argc, char **argv)
{
	return lt_act_import(cli, argc, argv, LT_APP_LIST_FIGURES);
}

int lt_cmd_figure_export(lt_cli *cli, int argc, char **argv)
{
	return lt_act_export(cli, argc, argv, LT_APP_LIST_FIGURES);
}
