/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* cmd_db.c — `lantoa init` and `lantoa backup FILE`. */
#include <stdio.h>
#include <string.h>

#include "cli/cmds.h"
#include "cli/opts.h"
#include "store/store.h"

static const lt_cmd_spec init_spec = {
	"init", NULL, 0, 0, NULL, "Tạo cơ sở dữ liệu hoặc cập nhật cấu trúc.",
	"Create the database or bring its schema up to date.",
};

static const lt_cmd_spec backup_spec = {
	"backup", "FILE", 1, 1, NULL,
	"Sao lưu CSDL đang chạy ra tệp SQLite mới FILE (không cần dừng).",
	"Copy the live database to a new SQLite FILE (online backup).",
};

int lt_cmd_init(lt_cli *cli, int argc, char **argv)
{
	lt_db *db = NULL;
	char url[512];
	int rc = lt_cli_parse(cli, &init_spec, argc, argv, NULL, NULL, NULL);

	if (rc)
		return rc > 0 ? 0 : rc;
	rc = lt_cli_open_db(cli, &db);
	if (rc)
		return rc;
	lt_db_url_redact(cli->db_url, url, sizeof(url)); /* never print a password */
	if (cli->json)
		printf("{\"schema_version\":%d}\n", lt_store_schema_version(db));
	else
		fprintf(stderr, cli->en ? "Database %s ready (schema %d).\n"
					: "Cơ sở dữ liệu %s đã sẵn sàng (phiên bản %d).\n",
			url, lt_store_schema_version(db));
	lt_db_close(db);
	return 0;
}

int lt_cmd_backup(lt_cli *cli, int argc, char **argv)
{
	lt_db *db = NULL;
	char *file = NULL;
	FILE *f;
	int rc = lt_cli_parse(cli, &backup_spec, argc, argv, NULL, &file, NULL);

	if (rc)
		return rc > 0 ? 0 : rc;
	f = fopen(file, "rb");
	if (f) {
		fclose(f);
		return lt_error_set(&cli->err, LT_EEXIST, "FILE", "Tệp %s đã tồn tại",
				    "File %s already exists", file);
	}
	rc = lt_cli_open_db(cli, &db);
	if (!rc)
		rc = lt_db_backup(db, file, &cli->err);
	lt_db_close(db);
	if (!rc)
		fprintf(stderr, cli->en ? "Backed up to %s\n" : "Đã sao lưu vào %s\n", file);
	return rc;
}
