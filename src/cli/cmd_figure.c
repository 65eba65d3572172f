/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * cmd_figure.c — `lantoa figure set|list|import|export`: a unit's care
 * figures for a directive (CODE=VALUE pairs), the summary over every
 * recipient, and the spreadsheet round trip.
 */
#include <inttypes.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmd_activity.h"
#include "app/activity_io.h"
#include "store/indicator.h"
#include "store/unit.h"

int lt_cmd_figure_set(lt_cli *cli, int argc, char **argv)
{
	static const char usage[] =
		"lantoa figure set --directive REF --unit CODE CODE=VALUE… [--comment TEXT]\n"
		"  e.g. gift_recipients=120 gift_vnd=60000000; CODE= clears a value.";
	lt_act_scope s;
	const lt_act_opts *o = &s.o;
	lt_figure_in *vals = NULL;
	size_t bad = 0;
	json_t *fig = NULL, *w;
	size_t i;
	int rc = lt_act_scope_parse(cli, argc, argv, usage, 1, 200, &s);

	if (rc)
		goto out;
	vals = lt_arena_alloc(&s.a, (size_t)o->npos * sizeof(*vals));
	for (int k = 0; k < o->npos; k++) {
		char *eq = strchr(o->pos[k], '='), *end;
		if (!eq || eq == o->pos[k]) {
			rc = lt_error_set(&cli->err, LT_EINVAL, o->pos[k], "Cần dạng MÃ=GIÁ_TRỊ",
					  "Expected CODE=VALUE");
			goto out;
		}
		vals[k].code = lt_arena_strndup(&s.a, o->pos[k], (size_t)(eq - o->pos[k]));
		vals[k].note = o->comment;
		if (!eq[1]) {
			vals[k].clear = true;
			continue;
		}
		vals[k].value = strtod(eq + 1, &end);
		if (*end) {
			rc = lt_error_set(&cli->err, LT_EINVAL, vals[k].code, "\"%s\" không phải là số",
					  "\"%s\" is not a number", eq + 1);
			goto out;
		}
	}
	rc = lt_act_scope_resolve(cli, &s, lt_act_owner_directive, true);
	if (!rc)
		rc = lt_figures_set(s.db, s.owner, s.unit_id, vals, (size_t)o->npos, 0, &bad,
				    &cli->err);
	if (!rc)
		rc = lt_figures_get(s.db, s.owner, s.unit_id, &fig, &cli->err);
	if (rc)
		goto out;
	json_array_foreach(json_object_get(fig, "warnings"), i, w)
		fprintf(stderr, "%s: %s\n", cli->en ? "warning" : "cảnh báo",
			json_string_value(json_object_get(w, cli->en ? "en" : "vi")));
	if (cli->json)
		lt_cli_print_json(json_incref(fig), JSON_COMPACT);
out:
	json_decref(fig);
	lt_act_scope_close(&s);
	return rc == 1 ? 0 : rc;
}

int lt_cmd_figure_list(lt_cli *cli, int argc, char **argv)
{
	static const char usage[] =
		"lantoa figure list --directive REF [--unit CODE] [--json]\n"
		"  With --unit: that unit's figures and warnings; without: the totals of all recipients.";
	lt_act_scope s;
	json_t *out = NULL, *x;
	size_t i;
	int64_t unit;
	int rc = lt_act_scope_parse(cli, argc, argv, usage, 0, 0, &s);

	if (!rc)
		rc = lt_act_scope_resolve(cli, &s, lt_act_owner_directive, false);
	unit = s.unit_id;
	if (!rc)
		rc = unit ? lt_figures_get(s.db, s.owner, unit, &out, &cli->err)
			  : lt_figures_summary(s.db, s.owner, "/", &out, &cli->err);
	if (rc)
		goto out;
	if (cli->json) {
		lt_cli_print_json(json_incref(out), JSON_COMPACT);
		goto out;
	}
	json_array_foreach(json_object_get(out, "indicators"), i, x) {
		json_t *v = json_object_get(x, unit ? "value" : "total");
		char num[40] = "—";
		if (json_is_number(v))
			snprintf(num, sizeof(num), "%.15g", json_number_value(v));
		printf("%-24s %16s  %s\n", json_string_value(json_object_get(x, "code")), num,
		       json_string_value(json_object_get(x, cli->en ? "name_en" : "name_vi")));
	}
	json_array_foreach(json_object_get(out, "warnings"), i, x)
		printf("%s: %s%s\n", cli->en ? "warning" : "cảnh báo",
		       json_string_value(json_object_get(x, cli->en ? "en" : "vi")),
		       json_is_true(json_object_get(x, "confirmed")) ? (cli->en ? " (confirmed)" : " (đã xác nhận)") : "");
out:
	json_decref(out);
	lt_act_scope_close(&s);
	return rc == 1 ? 0 : rc;
}

static int figures_parse(lt_db *db, int64_t dir, const lt_table *t, int64_t unit, lt_arena *a,
			 void **rows, size_t *n, lt_import_report *rep, lt_error *e)
{
	return lt_activity_io_figures(db, dir, t, unit, "/", a, (lt_figure_in **)rows, n, rep, e);
}

static int figures_store(lt_db *db, int64_t dir, const void *rows, size_t n, size_t *bad,
			 lt_error *e)
{
	return lt_figures_import(db, dir, rows, n, 0, bad, e);
}

static int figures_line(const void *rows, size_t i)
{
	return ((const lt_figure_in *)rows)[i].line;
}

int lt_cmd_figure_import(lt_cli *cli, int argc, char **argv)
{
	static const char usage[] =
		"lantoa figure import --directive REF [--unit CODE] FILE.xlsx|FILE.csv\n"
		"  Columns: Mã đơn vị, Chỉ tiêu (code or name), Giá trị, Ghi chú. All or nothing.";
	static const lt_act_import_kind figures = {
		.sheet = "figures",
		.done_en = "Imported %zu figures.\n",
		.done_vi = "Đã nhập %zu số liệu.\n",
		.owner = lt_act_owner_directive,
		.parse = figures_parse,
		.store = figures_store,
		.line = figures_line,
	};

	return lt_act_import_run(cli, argc, argv, usage, &figures);
}

int lt_cmd_figure_export(lt_cli *cli, int argc, char **argv)
{
	static const char usage[] =
		"lantoa figure export --directive REF [--unit CODE] [--format xlsx|csv] -o FILE";
	lt_act_scope s;
	lt_table *t = NULL;
	int rc = lt_act_scope_parse(cli, argc, argv, usage, 0, 0, &s);

	if (!rc)
		rc = lt_act_scope_resolve(cli, &s, lt_act_owner_directive, false);
	if (!rc)
		rc = lt_activity_io_figures_table(s.db, s.owner, s.unit_id, "/", &t, &cli->err);
	if (!rc)
		rc = lt_act_write_table(cli, t, s.o.format, s.o.output);
	lt_table_free(t);
	lt_act_scope_close(&s);
	return rc == 1 ? 0 : rc;
}
