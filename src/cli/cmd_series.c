/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* cmd_series.c — `lantoa series import FILE` and `lantoa series show --indicator CODE [--scope VN]`. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmds.h"
#include "render/csv.h"
#include "app/series.h"
#include "render/xlsx_read.h"
#include "store/series.h"

int lt_cmd_series_import(lt_cli *cli, int argc, char **argv)
{
	char *data = NULL;
	size_t len = 0, n = 0;
	lt_table *t = NULL;
	lt_db *db = NULL;
	lt_arena a;
	int rc;

	if (lt_cli_wants_help(argc, argv)) {
		printf("lantoa series import FILE.csv|FILE.xlsx\n  %s\n  indicator,year,scope,value,source\n",
		       cli->en ? "Import past campaigns' figures by year (all or nothing)."
			       : "Nhập số liệu các năm trước (lỗi một dòng thì không nhập gì).");
		return 0;
	}
	if (argc != 2)
		return lt_error_set(&cli->err, LT_EINVAL, "FILE", "Cần đúng một tệp", "Exactly one FILE is needed");
	lt_arena_init(&a);
	rc = lt_cli_read_file(cli, argv[1], 50u << 20, &data, &len);
	if (!rc)
		rc = len > 2 && !memcmp(data, "PK", 2) ? lt_xlsx_read(data, len, NULL, &t, &cli->err)
						       : lt_csv_read(data, len, NULL, &t, &cli->err);
	if (!rc)
		rc = lt_cli_open_db(cli, &db);
	if (!rc)
		rc = lt_series_import_table(db, t, &a, &n, &cli->err);
	if (!rc)
		printf(cli->json ? "{\"imported\":%zu}\n" : "%zu\n", n);
	lt_db_close(db);
	lt_table_free(t);
	free(data);
	lt_arena_free(&a);
	return rc;
}

int lt_cmd_series_show(lt_cli *cli, int argc, char **argv)
{
	const char *ind = NULL, *scope = "VN";
	lt_db *db = NULL;
	json_t *out = NULL, *x;
	size_t i;
	int rc;

	for (int k = 1; k < argc; k++) {
		if (!strcmp(argv[k], "--indicator") && k + 1 < argc)
			ind = argv[++k];
		else if (!strcmp(argv[k], "--scope") && k + 1 < argc)
			scope = argv[++k];
		else if (!strcmp(argv[k], "--json"))
			cli->json = true;
		else if (!strcmp(argv[k], "--help") || !strcmp(argv[k], "-h")) {
			printf("lantoa series show [--indicator CODE] [--scope VN] [--json]\n");
			return 0;
		} else
			return lt_error_set(&cli->err, LT_EINVAL, argv[k], "Tham số không hợp lệ",
					    "Invalid argument");
	}
	rc = lt_cli_open_db(cli, &db);
	if (!rc)
		rc = ind ? lt_series_get(db, ind, scope, &out, &cli->err) : lt_series_list(db, &out, &cli->err);
	if (!rc && cli->json) {
		char *s = json_dumps(out, JSON_INDENT(2));
		printf("%s\n", s);
		free(s);
	} else if (!rc && ind) {
		json_array_foreach(json_object_get(out, "items"), i, x)
			printf("%lld  %.0f\n", (long long)json_integer_value(json_object_get(x, "year")),
			       json_number_value(json_object_get(x, "value")));
	} else if (!rc) {
		json_array_foreach(out, i, x)
			printf("%-24s %-4s %lld–%lld\n", json_string_value(json_object_get(x, "indicator")),
			       json_string_value(json_object_get(x, "scope")),
			       (long long)json_integer_value(json_object_get(x, "from")),
			       (long long)json_integer_value(json_object_get(x, "to")));
	}
	json_decref(out);
	lt_db_close(db);
	return rc;
}
