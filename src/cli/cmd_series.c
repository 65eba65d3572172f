/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* cmd_series.c — `lantoa series import FILE` and `lantoa series show [--indicator CODE] [--scope VN]`. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>

#include "app/series.h"
#include "cli/cmds.h"
#include "cli/opts.h"

static const lt_cmd_spec import_spec = {
	"series import", "FILE.csv|FILE.xlsx", 1, 1, NULL,
	"Nhập số liệu các năm trước: cột indicator,year,scope,value,source (lỗi một dòng thì không"
	" nhập gì).",
	"Import past campaigns' figures: columns indicator,year,scope,value,source (all or nothing).",
};

typedef struct show_opts {
	const char *indicator, *scope;
} show_opts;

static const lt_opt show_table[] = {
	{ "indicator", LT_OPT_STR, offsetof(show_opts, indicator), "CODE",
	  "chỉ tiêu (không có: liệt kê các chuỗi)", "the indicator (none: list the series)" },
	{ "scope", LT_OPT_STR, offsetof(show_opts, scope), "VN", "phạm vi (VN hoặc mã đơn vị)",
	  "the scope (VN or a unit code)" },
	{ NULL, 0, 0, NULL, NULL, NULL },
};

static const lt_cmd_spec show_spec = {
	"series show", NULL, 0, 0, show_table, "Xem số liệu các năm trước.",
	"Show past campaigns' figures by year.",
};

int lt_cmd_series_import(lt_cli *cli, int argc, char **argv)
{
	char *file = NULL, *data = NULL;
	size_t len = 0, n = 0;
	lt_db *db = NULL;
	lt_arena a;
	lt_actor who;
	int rc = lt_cli_parse(cli, &import_spec, argc, argv, NULL, &file, NULL);

	if (rc)
		return rc > 0 ? 0 : rc;
	lt_arena_init(&a);
	rc = lt_cli_read_file(cli, file, 50u << 20, &data, &len);
	if (!rc)
		rc = lt_cli_open_db(cli, &db);
	if (!rc)
		rc = lt_cli_actor(cli, db, &a, &who);
	if (!rc)
		rc = lt_app_series_import(db, &who, data, len, &n, &cli->err);
	if (!rc)
		printf(cli->json ? "{\"imported\":%zu}\n" : "%zu\n", n);
	lt_db_close(db);
	free(data);
	lt_arena_free(&a);
	return rc;
}

int lt_cmd_series_show(lt_cli *cli, int argc, char **argv)
{
	show_opts o = { NULL, "VN" };
	lt_series_point *p = NULL;
	lt_series_info *s = NULL;
	size_t n = 0;
	lt_db *db = NULL;
	lt_arena a;
	lt_actor who;
	int rc = lt_cli_parse(cli, &show_spec, argc, argv, &o, NULL, NULL);

	if (rc)
		return rc > 0 ? 0 : rc;
	lt_arena_init(&a);
	rc = lt_cli_open_db(cli, &db);
	if (!rc)
		rc = lt_cli_actor(cli, db, &a, &who);
	if (!rc)
		rc = o.indicator ? lt_app_series_get(db, &who, o.indicator, o.scope, &a, &p, &n, &cli->err)
				 : lt_app_series_list(db, &who, &a, &s, &n, &cli->err);
	if (!rc && cli->json)
		lt_cli_print_json(o.indicator ? lt_app_series_json(o.indicator, o.scope, p, n)
					      : lt_app_series_list_json(s, n),
				  JSON_INDENT(2));
	for (size_t i = 0; !rc && !cli->json && o.indicator && i < n; i++)
		printf("%d  %.0f\n", p[i].year, p[i].value);
	for (size_t i = 0; !rc && !cli->json && !o.indicator && i < n; i++)
		printf("%-24s %-4s %d–%d\n", s[i].indicator, s[i].scope, s[i].from, s[i].to);
	lt_db_close(db);
	lt_arena_free(&a);
	return rc;
}
