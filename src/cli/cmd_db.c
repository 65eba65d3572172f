/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* cmd_db.c — `lantoa init`, `lantoa backup FILE` and `lantoa db copy`. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "app/dbcopy.h"
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

typedef struct copy_opts {
	const char *from, *to;
} copy_opts;

static const lt_opt copy_opts_table[] = {
	{ "from", LT_OPT_STR, offsetof(copy_opts, from), "URL", "CSDL nguồn (sqlite:TỆP hoặc postgresql://…)",
	  "source database (sqlite:FILE or postgresql://…)" },
	{ "to", LT_OPT_STR, offsetof(copy_opts, to), "URL",
	  "CSDL đích, mới và trống (được tạo cấu trúc trước)",
	  "target database, new and empty (its schema is made first)" },
	{ NULL, 0, 0, NULL, NULL, NULL },
};

static const lt_cmd_spec copy_spec = {
	"db copy", NULL, 0, 0, copy_opts_table,
	"Chép toàn bộ dữ liệu sang CSDL khác (SQLite ⇄ PostgreSQL), giữ mã số, trong một giao"
	" dịch, rồi so số dòng và mã băm từng bảng.",
	"Copy all data to another database (SQLite ⇄ PostgreSQL), ids kept, in one transaction,"
	" then compare each table's row count and hash.",
};

static void copy_progress(void *ctx, size_t done, size_t total)
{
	lt_cli_progress(ctx, "copy", (long)done, (long)total);
}

static void check_progress(void *ctx, size_t done, size_t total)
{
	lt_cli_progress(ctx, "verify", (long)done, (long)total);
}

static void print_copy(const lt_cli *cli, const lt_db_copy_result *r, double secs)
{
	if (cli->json) {
		json_t *tables = json_array();
		for (size_t i = 0; i < r->n; i++) {
			const lt_db_copy_table *t = &r->tables[i];
			json_array_append_new(
				tables, json_pack("{s:s, s:I, s:I, s:s, s:s, s:b}", "table", t->name,
						  "rows_from", (json_int_t)t->rows_from, "rows_to",
						  (json_int_t)t->rows_to, "hash_from", t->hash_from,
						  "hash_to", t->hash_to, "ok", t->ok));
		}
		lt_cli_print_json(json_pack("{s:I, s:f, s:o}", "rows", (json_int_t)r->rows,
					    "seconds", secs, "tables", tables),
				  JSON_INDENT(2));
		return;
	}
	/* Headers in ASCII-width columns: printf pads bytes, not letters. */
	printf("%s\n", cli->en ? "table                        source     target  hash source   hash target"
				: "bảng                          nguồn       đích  băm nguồn     băm đích");
	for (size_t i = 0; i < r->n; i++) {
		const lt_db_copy_table *t = &r->tables[i];
		printf("%-24s %10lld %10lld  %.12s  %.12s  %s\n", t->name, (long long)t->rows_from,
		       (long long)t->rows_to, t->hash_from, t->hash_to,
		       t->ok ? "ok" : (cli->en ? "DIFFERS" : "KHÁC"));
	}
}

int lt_cmd_db_copy(lt_cli *cli, int argc, char **argv)
{
	copy_opts o = { NULL, NULL };
	lt_db *from = NULL, *to = NULL;
	lt_db_copy_result r = { NULL, 0, 0, false };
	struct timespec t0, t1;
	lt_actor who;
	double secs;
	int rc = lt_cli_parse(cli, &copy_spec, argc, argv, &o, NULL, NULL);

	if (rc)
		return rc > 0 ? 0 : rc;
	if (!o.from || !*o.from)
		return lt_error_set(&cli->err, LT_EINVAL, "--from", "Thiếu --from URL",
				    "Missing --from URL");
	if (!o.to || !*o.to)
		return lt_error_set(&cli->err, LT_EINVAL, "--to", "Thiếu --to URL",
				    "Missing --to URL");
	if (!strcmp(o.from, o.to))
		return lt_error_set(&cli->err, LT_EINVAL, "--to",
				    "--from và --to là cùng một CSDL", "--from and --to are the same database");
	if (!strstr(o.from, "://")) {
		/* SQLite would make an empty file of a mistyped name: the source must be there. */
		const char *path = strncmp(o.from, "sqlite:", 7) ? o.from : o.from + 7;
		if (strcmp(path, ":memory:") && access(path, F_OK))
			return lt_error_set(&cli->err, LT_ENOTFOUND, "--from", "Không có tệp %s",
					    "There is no file %s", path);
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	rc = lt_db_open(o.from, &from, &cli->err); /* the source is read, never migrated */
	if (!rc)
		rc = lt_db_open(o.to, &to, &cli->err);
	if (!rc)
		rc = lt_store_migrate(to, &cli->err);
	if (!rc) {
		lt_actor_operator(&who);
		rc = lt_app_db_copy(from, to, &who, copy_progress, check_progress, cli, &r,
				    &cli->err);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	if (r.tables)
		print_copy(cli, &r, secs);
	if (!rc && !cli->json) {
		char url[512];
		lt_db_url_redact(o.to, url, sizeof(url));
		fprintf(stderr,
			cli->en ? "Copied %lld rows to %s in %.1f s (%.0f rows/s); every table verified.\n"
				: "Đã chép %lld dòng sang %s trong %.1f giây (%.0f dòng/giây); mọi bảng"
				  " đã được đối chiếu.\n",
			(long long)r.rows, url, secs, secs > 0 ? (double)r.rows / secs : 0.0);
	}
	free(r.tables);
	lt_db_close(from);
	lt_db_close(to);
	return rc;
}
