/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* cmd_db.c — `lantoa init` and `lantoa backup FILE`. */
#include <stdio.h>
#include <string.h>

#include "cli/cmds.h"
#include "store/store.h"

int lt_cmd_init(lt_cli *cli, int argc, char **argv)
{
	lt_db *db = NULL;
	int rc;

	if (lt_cli_wants_help(argc, argv)) {
		printf("lantoa init\n  %s\n", cli->en ? "Create the database or bring its schema up to date."
						     : "Tạo cơ sở dữ liệu hoặc cập nhật cấu trúc.");
		return 0;
	}
	rc = lt_cli_open_db(cli, &db);
	if (rc)
		return rc;
	if (cli->json)
		printf("{\"schema_version\":%d}\n", lt_store_schema_version(db));
	else
		fprintf(stderr, cli->en ? "Database %s ready (schema %d).\n"
					: "Cơ sở dữ liệu %s đã sẵn sàng (phiên bản %d).\n",
			cli->db_url, lt_store_schema_version(db));
	lt_db_close(db);
	return 0;
}

int lt_cmd_backup(lt_cli *cli, int argc, char **argv)
{
	lt_db *db = NULL;
	FILE *f;
	int rc;

	if (lt_cli_wants_help(argc, argv)) {
		printf("lantoa backup FILE\n  %s\n",
		       cli->en ? "Copy the live database to a new SQLite FILE (online backup)."
			       : "Sao lưu CSDL đang chạy ra tệp SQLite mới FILE (không cần dừng).");
		return 0;
	}
	if (argc != 2)
		return lt_error_set(&cli->err, LT_EINVAL, "FILE", "Cần đúng một tệp đích",
				    "Exactly one target FILE is needed");
	f = fopen(argv[1], "rb");
	if (f) {
		fclose(f);
		return lt_error_set(&cli->err, LT_EEXIST, "FILE", "Tệp %s đã tồn tại",
				    "File %s already exists", argv[1]);
	}
	rc = lt_cli_open_db(cli, &db);
	if (!rc)
		rc = lt_db_backup(db, argv[1], &cli->err);
	lt_db_close(db);
	if (!rc)
		fprintf(stderr, cli->en ? "Backed up to %s\n" : "Đã sao lưu vào %s\n", argv[1]);
	return rc;
}
