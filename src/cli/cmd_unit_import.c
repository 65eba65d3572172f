/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * cmd_unit_import.c — `lantoa unit import FILE.csv` and
 * `lantoa unit import-dvhcvn FILE [--province 01] [--district 018]`.
 * Both are all-or-nothing: one transaction, an error names row and column.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmds.h"
#include "render/csv.h"
#include "store/unit_import.h"
#include "text/dvhcvn.h"

#define MAX_FILE (50u << 20)

static const char *const columns[] = { "code",    "name",       "level", "parent_code",
				       "email",   "members",    "active_from" };
#define NCOLS (sizeof(columns) / sizeof(columns[0]))

static void progress(void *ctx, size_t done, size_t total)
{
	lt_cli_progress(ctx, "unit import", (long)done, (long)total);
}

/* Map the failing row's field to its column letter for the message. */
static void place_error(lt_cli *cli, int line, const int *col_of)
{
	char field[LT_ERR_FIELD_MAX], col[8] = "?";

	for (size_t k = 0; k < NCOLS; k++)
		if (!strcmp(cli->err.field, columns[k]) && col_of[k] > 0)
			lt_table_colname(col_of[k], col);
	snprintf(field, sizeof(field), "row %d, column %s (%.60s)", line, col,
		 cli->err.field[0] ? cli->err.field : "?");
	snprintf(cli->err.field, sizeof(cli->err.field), "%s", field);
}

int lt_cmd_unit_import(lt_cli *cli, int argc, char **argv)
{
	char *data = NULL;
	size_t len = 0, created = 0;
	lt_table *t = NULL;
	lt_sheet *s;
	lt_unit_row *rows = NULL;
	lt_db *db = NULL;
	int col_of[NCOLS] = { 0 };
	int bad = 0, nrows = 0, rc;

	if (lt_cli_wants_help(argc, argv)) {
		printf("lantoa unit import FILE.csv\n  %s\n  %s\n",
		       cli->en ? "Import units from CSV (UTF-8; , ; or TAB separated), all or nothing."
			       : "Nhập đơn vị từ CSV (UTF-8; phân cách , ; hoặc TAB), lỗi một dòng thì không nhập gì.",
		       "code,name,level,parent_code,email,members,active_from");
		return 0;
	}
	if (argc != 2)
		return lt_error_set(&cli->err, LT_EINVAL, "FILE", "Cần đúng một tệp CSV",
				    "Exactly one CSV FILE is needed");
	rc = lt_cli_read_file(cli, argv[1], MAX_FILE, &data, &len);
	if (!rc)
		rc = lt_csv_read(data, len, NULL, &t, &cli->err);
	if (rc)
		goto out;
	s = lt_table_sheet_at(t, 0);
	if (!s || s->nrows < 1) {
		rc = lt_error_set(&cli->err, LT_EINVAL, "row 1", "Tệp trống: cần dòng tiêu đề",
				  "Empty file: a header row is required");
		goto out;
	}
	/* Header: known column names in any order; code, name, level required. */
	for (int c = 1; c <= lt_sheet_row_len(s, 1); c++) {
		const lt_cell *h = lt_sheet_cell(s, 1, c);
		bool known = false;
		char letter[8];
		for (size_t k = 0; k < NCOLS; k++) {
			if (!strcmp(h->text, columns[k])) {
				col_of[k] = c;
				known = true;
			}
		}
		if (!known && h->len) {
			lt_table_colname(c, letter);
			rc = lt_error_set(&cli->err, LT_EINVAL, "row 1", "Cột %s: tiêu đề không rõ \"%s\"",
					  "Column %s: unknown header \"%s\"", letter, h->text);
			goto out;
		}
	}
	for (size_t k = 0; k < 3; k++) {
		if (!col_of[k]) {
			rc = lt_error_set(&cli->err, LT_EINVAL, "row 1", "Thiếu cột bắt buộc \"%s\"",
					  "Missing required column \"%s\"", columns[k]);
			goto out;
		}
	}
	rows = calloc((size_t)s->nrows, sizeof(*rows));
	if (!rows) {
		rc = lt_error_set(&cli->err, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
		goto out;
	}
	for (int r = 2; r <= s->nrows; r++) {
		lt_unit_row *u = &rows[nrows];
		const char *v[NCOLS];
		bool blank = true;
		for (size_t k = 0; k < NCOLS; k++) {
			v[k] = col_of[k] ? lt_sheet_cell(s, r, col_of[k])->text : "";
			blank = blank && !*v[k];
		}
		if (blank)
			continue;
		u->line = r;
		u->code = v[0];
		u->name = v[1];
		u->level = v[2];
		u->parent_code = v[3];
		u->email = v[4];
		u->active_from = *v[6] ? v[6] : NULL;
		if (*v[5]) {
			char *end;
			u->members = strtoll(v[5], &end, 10);
			if (*end || u->members < 0) {
				int cols[NCOLS];
				memcpy(cols, col_of, sizeof(cols));
				rc = lt_error_set(&cli->err, LT_EINVAL, "members",
						  "Số đoàn viên phải là số nguyên không âm: \"%s\"",
						  "Members must be a non-negative integer: \"%s\"", v[5]);
				place_error(cli, r, cols);
				goto out;
			}
		}
		nrows++;
	}
	rc = lt_cli_open_db(cli, &db);
	if (rc)
		goto out;
	rc = lt_unit_import(db, rows, (size_t)nrows, false, progress, cli, &created, &bad,
			    &cli->err);
	if (rc) {
		place_error(cli, bad, col_of);
		goto out;
	}
	if (cli->json)
		printf("{\"created\":%zu}\n", created);
	else
		fprintf(stderr, cli->en ? "Imported %zu units.\n" : "Đã nhập %zu đơn vị.\n", created);
out:
	lt_db_close(db);
	free(rows);
	lt_table_free(t);
	free(data);
	return rc;
}

int lt_cmd_unit_import_dvhcvn(lt_cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "province", required_argument, NULL, 'p' },
		{ "district", required_argument, NULL, 'd' },
		{ "from", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *province = NULL, *district = NULL, *from = NULL;
	char *data = NULL;
	size_t len = 0, n = 0, created = 0;
	lt_dvhcvn_unit *units = NULL;
	lt_unit_row *rows = NULL;
	lt_db *db = NULL;
	lt_arena a;
	int c, bad = 0, rc;

	optind = 0;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'p': province = optarg; break;
		case 'd': district = optarg; break;
		case 'f': from = optarg; break;
		case 'h':
			printf("lantoa unit import-dvhcvn FILE.json [--province 01] [--district 018]"
			       " [--from YYYY-MM-DD]\n  %s\n",
			       cli->en ? "Build federation → commune units with official GSO codes."
				       : "Tạo cây LĐLĐ → công đoàn xã/phường theo mã hành chính chính thức.");
			return 0;
		default:
			return lt_error_set(&cli->err, LT_EINVAL, argv[0], "Tuỳ chọn không hợp lệ",
					    "Invalid option");
		}
	}
	if (argc - optind != 1)
		return lt_error_set(&cli->err, LT_EINVAL, "FILE", "Cần đúng một tệp JSON",
				    "Exactly one JSON FILE is needed");
	if (district && !province)
		return lt_error_set(&cli->err, LT_EINVAL, "--district", "--district cần --province",
				    "--district needs --province");
	lt_arena_init(&a);
	rc = lt_cli_read_file(cli, argv[optind], 64u << 20, &data, &len);
	if (!rc)
		rc = lt_dvhcvn_parse(data, len, province, district, &a, &units, &n, &cli->err);
	if (rc)
		goto out;
	rows = calloc(n ? n : 1, sizeof(*rows));
	if (!rows) {
		rc = lt_error_set(&cli->err, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		rows[i].line = (int)i + 1;
		rows[i].code = units[i].code;
		rows[i].name = units[i].name;
		rows[i].level = units[i].level;
		rows[i].parent_code = units[i].parent_code;
		rows[i].active_from = from;
	}
	rc = lt_cli_open_db(cli, &db);
	if (!rc)
		rc = lt_unit_import(db, rows, n, true, progress, cli, &created, &bad, &cli->err);
	if (rc)
		goto out;
	if (cli->json)
		printf("{\"units\":%zu,\"created\":%zu}\n", n, created);
	else
		fprintf(stderr, cli->en ? "%zu units, %zu created.\n" : "%zu đơn vị, tạo mới %zu.\n",
			n, created);
out:
	lt_db_close(db);
	free(rows);
	free(data);
	lt_arena_free(&a);
	return rc;
}
