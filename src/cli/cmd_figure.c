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
#include "http/api_activity.h"
#include "store/indicator.h"
#include "store/unit.h"

#define MAX_FILE (50u << 20)

int lt_cmd_figure_set(lt_cli *cli, int argc, char **argv)
{
	static const char usage[] =
		"lantoa figure set --directive REF --unit CODE CODE=VALUE… [--comment TEXT]\n"
		"  e.g. gift_recipients=120 gift_vnd=60000000; CODE= clears a value.";
	lt_act_opts o;
	lt_figure_in *vals = NULL;
	lt_db *db = NULL;
	lt_arena a;
	int64_t dir = 0, unit = 0;
	size_t bad = 0;
	json_t *fig = NULL, *w;
	size_t i;
	int rc = lt_act_opts_parse(cli, argc, argv, &o, usage, 1, 200);

	if (rc)
		return rc == 1 ? 0 : rc;
	lt_arena_init(&a);
	vals = lt_arena_alloc(&a, (size_t)o.npos * sizeof(*vals));
	for (int k = 0; k < o.npos; k++) {
		char *eq = strchr(o.pos[k], '='), *end;
		if (!eq || eq == o.pos[k]) {
			rc = lt_error_set(&cli->err, LT_EINVAL, o.pos[k], "Cần dạng MÃ=GIÁ_TRỊ",
					  "Expected CODE=VALUE");
			goto out;
		}
		vals[k].code = lt_arena_strndup(&a, o.pos[k], (size_t)(eq - o.pos[k]));
		vals[k].note = o.comment;
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
	rc = lt_cli_open_db(cli, &db);
	if (!rc)
		rc = lt_act_directive(cli, db, o.directive, &dir);
	if (!rc)
		rc = lt_act_unit(cli, db, &a, o.unit, &unit);
	if (!rc)
		rc = lt_figures_set(db, dir, unit, vals, (size_t)o.npos, 0, &bad, &cli->err);
	if (!rc)
		rc = lt_figures_get(db, dir, unit, &fig, &cli->err);
	if (rc)
		goto out;
	json_array_foreach(json_object_get(fig, "warnings"), i, w)
		fprintf(stderr, "%s: %s\n", cli->en ? "warning" : "cảnh báo",
			json_string_value(json_object_get(w, cli->en ? "en" : "vi")));
	if (cli->json) {
		char *s = json_dumps(fig, JSON_COMPACT);
		printf("%s\n", s ? s : "{}");
		free(s);
	}
out:
	json_decref(fig);
	lt_db_close(db);
	lt_arena_free(&a);
	return rc;
}

int lt_cmd_figure_list(lt_cli *cli, int argc, char **argv)
{
	static const char usage[] =
		"lantoa figure list --directive REF [--unit CODE] [--json]\n"
		"  With --unit: that unit's figures and warnings; without: the totals of all recipients.";
	lt_act_opts o;
	lt_db *db = NULL;
	lt_arena a;
	int64_t dir = 0, unit = 0;
	json_t *out = NULL, *x;
	size_t i;
	int rc = lt_act_opts_parse(cli, argc, argv, &o, usage, 0, 0);

	if (rc)
		return rc == 1 ? 0 : rc;
	lt_arena_init(&a);
	rc = lt_cli_open_db(cli, &db);
	if (!rc)
		rc = lt_act_directive(cli, db, o.directive, &dir);
	if (!rc && o.unit)
		rc = lt_act_unit(cli, db, &a, o.unit, &unit);
	if (!rc)
		rc = unit ? lt_figures_get(db, dir, unit, &out, &cli->err)
			  : lt_figures_summary(db, dir, "/", &out, &cli->err);
	if (rc)
		goto out;
	if (cli->json) {
		char *s = json_dumps(out, JSON_COMPACT);
		printf("%s\n", s ? s : "{}");
		free(s);
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
	lt_db_close(db);
	lt_arena_free(&a);
	return rc;
}

int lt_cmd_figure_import(lt_cli *cli, int argc, char **argv)
{
	static const char usage[] =
		"lantoa figure import --directive REF [--unit CODE] FILE.xlsx|FILE.csv\n"
		"  Columns: Mã đơn vị, Chỉ tiêu (code or name), Giá trị, Ghi chú. All or nothing.";
	lt_act_opts o;
	lt_import_report *rep = calloc(1, sizeof(*rep));
	lt_table *t = NULL;
	lt_figure_in *rows = NULL;
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
	rc = lt_activity_io_figures(db, dir, t, unit, "/", &a, &rows, &n, rep, &cli->err);
	if (rc == LT_EINVAL && rep->total) {
		lt_act_report(cli, rep);
		goto out;
	}
	if (!rc)
		rc = lt_figures_import(db, dir, rows, n, 0, &bad, &cli->err);
	if (rc && n && bad < n) {
		lt_activity_io_store_error(t, "figures", rows[bad].line, &cli->err, rep);
		lt_act_report(cli, rep);
		cli->err.code = rc;
		goto out;
	}
	if (!rc) {
		if (cli->json)
			printf("{\"imported\":%zu}\n", n);
		else
			fprintf(stderr, cli->en ? "Imported %zu figures.\n" : "Đã nhập %zu số liệu.\n", n);
	}
out:
	lt_table_free(t);
	lt_db_close(db);
	free(data);
	free(rep);
	lt_arena_free(&a);
	return rc;
}

int lt_cmd_figure_export(lt_cli *cli, int argc, char **argv)
{
	static const char usage[] =
		"lantoa figure export --directive REF [--unit CODE] [--format xlsx|csv] -o FILE";
	lt_act_opts o;
	lt_table *t = NULL;
	lt_db *db = NULL;
	lt_arena a;
	int64_t dir = 0, unit = 0;
	int rc = lt_act_opts_parse(cli, argc, argv, &o, usage, 0, 0);

	if (rc)
		return rc == 1 ? 0 : rc;
	lt_arena_init(&a);
	rc = lt_cli_open_db(cli, &db);
	if (!rc)
		rc = lt_act_directive(cli, db, o.directive, &dir);
	if (!rc && o.unit)
		rc = lt_act_unit(cli, db, &a, o.unit, &unit);
	if (!rc)
		rc = lt_activity_io_figures_table(db, dir, unit, "/", &t, &cli->err);
	if (!rc)
		rc = lt_act_write_table(cli, t, o.format, o.output);
	lt_table_free(t);
	lt_db_close(db);
	lt_arena_free(&a);
	return rc;
}
