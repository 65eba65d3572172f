/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * cmd_unit_import.c — `lantoa unit import FILE.csv` and
 * `lantoa unit import-dvhcvn FILE [--province 01] [--district 018]`:
 * adapters over app/unit.h. Both are all-or-nothing: one transaction, an
 * error names row and column.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>

#include "app/unit.h"
#include "cli/cmds.h"
#include "cli/opts.h"
#include "render/csv.h"

#define MAX_CSV (50u << 20)
#define MAX_JSON (64u << 20)

typedef struct import_opts {
	const char *province, *district, *from;
} import_opts;

static const lt_cmd_spec csv_spec = {
	"unit import", "FILE.csv", 1, 1, NULL,
	"Nhập đơn vị từ CSV (UTF-8; phân cách , ; hoặc TAB), lỗi một dòng thì không nhập gì.\n"
	"Cột: code,name,level,parent_code,email,members,active_from",
	"Import units from CSV (UTF-8; , ; or TAB separated), all or nothing.\n"
	"Columns: code,name,level,parent_code,email,members,active_from",
};

static const lt_opt dvhcvn_opts[] = {
	{ "province", LT_OPT_STR, offsetof(import_opts, province), "01", "chỉ một tỉnh/thành phố",
	  "one province only" },
	{ "district", LT_OPT_STR, offsetof(import_opts, district), "018",
	  "chỉ một quận/huyện của tỉnh đó", "one district of that province only" },
	{ "from", LT_OPT_STR, offsetof(import_opts, from), "YYYY-MM-DD",
	  "ngày bắt đầu hoạt động (mặc định hôm nay)", "active from (default today)" },
	{ NULL, 0, 0, NULL, NULL, NULL },
};

static const lt_cmd_spec dvhcvn_spec = {
	"unit import-dvhcvn", "FILE.json", 1, 1, dvhcvn_opts,
	"Tạo cây LĐLĐ → công đoàn xã/phường theo mã hành chính chính thức.",
	"Build federation → commune units with official GSO codes.",
};

static void progress(void *ctx, size_t done, size_t total)
{
	lt_cli_progress(ctx, "unit import", (long)done, (long)total);
}

int lt_cmd_unit_import(lt_cli *cli, int argc, char **argv)
{
	lt_cli_session s = { 0 };
	char *file = NULL, *data = NULL;
	size_t len = 0, created = 0;
	lt_table *t = NULL;
	int rc = lt_cli_parse(cli, &csv_spec, argc, argv, NULL, &file, NULL);

	if (rc)
		return rc > 0 ? 0 : rc;
	rc = lt_cli_read_file(cli, file, MAX_CSV, &data, &len);
	if (!rc)
		rc = lt_csv_read(data, len, NULL, &t, &cli->err);
	if (!rc)
		rc = lt_cli_start(cli, &s);
	if (!rc)
		rc = lt_app_unit_import_table(s.db, &s.who, t, progress, cli, &created, &cli->err);
	if (!rc && cli->json)
		printf("{\"created\":%zu}\n", created);
	else if (!rc)
		fprintf(stderr, cli->en ? "Imported %zu units.\n" : "Đã nhập %zu đơn vị.\n", created);
	lt_cli_stop(&s);
	lt_table_free(t);
	free(data);
	return rc;
}

int lt_cmd_unit_import_dvhcvn(lt_cli *cli, int argc, char **argv)
{
	import_opts o = { 0 };
	lt_cli_session s = { 0 };
	char *file = NULL, *data = NULL;
	size_t len = 0, n = 0, created = 0;
	int rc = lt_cli_parse(cli, &dvhcvn_spec, argc, argv, &o, &file, NULL);

	if (rc)
		return rc > 0 ? 0 : rc;
	rc = lt_cli_read_file(cli, file, MAX_JSON, &data, &len);
	if (!rc)
		rc = lt_cli_start(cli, &s);
	if (!rc)
		rc = lt_app_unit_import_dvhcvn(s.db, &s.who, data, len, o.province, o.district, o.from,
					       progress, cli, &n, &created, &cli->err);
	if (!rc && cli->json)
		printf("{\"units\":%zu,\"created\":%zu}\n", n, created);
	else if (!rc)
		fprintf(stderr, cli->en ? "%zu units, %zu created.\n" : "%zu đơn vị, tạo mới %zu.\n",
			n, created);
	lt_cli_stop(&s);
	free(data);
	return rc;
}
