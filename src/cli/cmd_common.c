/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * cmd_common.c — options, references, the console's actor and the
 * spreadsheet runner shared by cmd_activity.c, cmd_figure.c and
 * cmd_contest.c; see cmd_common.h.
 */
#include "cli/cmds.h"
#include "cli/cmd_common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/activity_json.h"
#include "store/contest.h"
#include "store/directive.h"
#include "store/unit.h"

#define MAX_FILE (50u << 20)

#define O_IMPORT_UNIT \
	LT_ACT_OPT(unit, "CODE", "đơn vị (mặc định: cột “Mã đơn vị” của từng dòng)", \
		   "the unit (default: each row's “Mã đơn vị” column)")
#define O_EXPORT                                                                               \
	LT_ACT_OPT(unit, "CODE", "đơn vị (mặc định: cả phạm vi của bạn)",                           \
		   "the unit (default: all of your part of the tree)"),                            \
	LT_ACT_OPT(format, "xlsx|csv", "định dạng (mặc định: theo đuôi tệp)",                     \
		   "format (default: from the file name)"),                                        \
	LT_ACT_OPT(output, "FILE", "tệp ghi ra (- : stdout); viết tắt -o",                          \
		   "file to write (-: stdout); short -o")

static const lt_opt import_opts[] = { LT_ACT_O_DIRECTIVE, O_IMPORT_UNIT, LT_ACT_O_END };
static const lt_opt export_opts[] = { LT_ACT_O_DIRECTIVE, O_EXPORT, LT_ACT_O_END };
static const lt_opt contest_import_opts[] = { LT_ACT_O_CONTEST, LT_ACT_O_DIRECTIVE, O_IMPORT_UNIT,
					      LT_ACT_O_END };
static const lt_opt contest_export_opts[] = { LT_ACT_O_CONTEST, LT_ACT_O_DIRECTIVE, O_EXPORT,
					      LT_ACT_O_END };
#define O_TEMPLATE                                                                       \
	LT_ACT_OPT(unit, "CODE", "điền sẵn mã đơn vị này", "pre-fill this unit's code"),     \
	LT_ACT_OPT(output, "FILE.xlsx", "tệp ghi ra; viết tắt -o", "file to write; short -o")
static const lt_opt template_opts[] = { LT_ACT_O_DIRECTIVE, O_TEMPLATE, LT_ACT_O_END };
static const lt_opt contest_template_opts[] = { LT_ACT_O_CONTEST, LT_ACT_O_DIRECTIVE, O_TEMPLATE,
						LT_ACT_O_END };

/* The spreadsheet commands of each list, and what an import says when it is done. */
static const struct sheet_cmds {
	lt_cmd_spec import, export, tmpl;
	const char *done_vi, *done_en;
} sheets[] = {
	[LT_APP_LIST_ITEMS] = {
		{ "activity import", "FILE.xlsx|FILE.csv", 1, 1, import_opts,
		  "Nhập tin, bài từ XLSX/CSV: tất cả hoặc không; mỗi ô sai được báo với trang, dòng"
		  " và cột.",
		  "Import items from XLSX/CSV, all or nothing; every bad cell is reported with its"
		  " sheet, row and column." },
		{ "activity export", NULL, 0, 0, export_opts, "Xuất tin, bài ra XLSX/CSV.",
		  "Export items to XLSX/CSV." },
		{ "activity template", NULL, 0, 0, template_opts, "Tệp mẫu XLSX để nhập tin, bài.",
		  "The XLSX template for importing items." },
		"Đã nhập %zu tin.\n", "Imported %zu items.\n",
	},
	[LT_APP_LIST_FIGURES] = {
		{ "figure import", "FILE.xlsx|FILE.csv", 1, 1, import_opts,
		  "Nhập số liệu từ XLSX/CSV (cột Mã đơn vị, Chỉ tiêu — mã hoặc tên, Giá trị, Ghi chú):"
		  " tất cả hoặc không.",
		  "Import figures from XLSX/CSV (columns Mã đơn vị, Chỉ tiêu — code or name, Giá trị,"
		  " Ghi chú), all or nothing." },
		{ "figure export", NULL, 0, 0, export_opts, "Xuất số liệu ra XLSX/CSV.",
		  "Export figures to XLSX/CSV." },
		{ "figure template", NULL, 0, 0, template_opts, "Tệp mẫu XLSX để nhập số liệu.",
		  "The XLSX template for importing figures." },
		"Đã nhập %zu số liệu.\n", "Imported %zu figures.\n",
	},
	[LT_APP_LIST_ENTRIES] = {
		{ "contest import", "FILE", 1, 1, contest_import_opts,
		  "Nhập bài dự thi (Mã đơn vị, Họ tên đoàn viên, Thể loại, Nền tảng, Đường dẫn,"
		  " Hashtag, Ngày đăng, Lượt xem): tất cả hoặc không; đường dẫn đã dự thi bị từ chối.",
		  "Import entries (Mã đơn vị, Họ tên đoàn viên, Thể loại, Nền tảng, Đường dẫn,"
		  " Hashtag, Ngày đăng, Lượt xem), all or nothing; a link already entered is"
		  " refused." },
		{ "contest export", NULL, 0, 0, contest_export_opts, "Xuất bài dự thi ra XLSX/CSV.",
		  "Export entries to XLSX/CSV." },
		{ "contest template", NULL, 0, 0, contest_template_opts,
		  "Tệp mẫu XLSX để nhập bài dự thi.", "The XLSX template for importing entries." },
		"Đã nhập %zu bài dự thi.\n", "Imported %zu entries.\n",
	},
};

int lt_act_parse(lt_cli *cli, const lt_cmd_spec *spec, int argc, char **argv, lt_act_cmd *c)
{
	char *av[256];
	int n = 0;

	memset(c, 0, sizeof(*c));
	lt_arena_init(&c->a);
	c->o.views = c->o.reactions = c->o.comments = c->o.shares = -1;
	if (argc > (int)(sizeof(av) / sizeof(av[0])) - 1)
		return lt_error_set(&cli->err, LT_EINVAL, argv[0], "Quá nhiều tham số",
				    "Too many arguments");
	/* "-o FILE" / "-oFILE", as every version of these commands took it: --output. */
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		if (i && !strcmp(a, "-o"))
			av[n++] = "--output";
		else if (i && !strncmp(a, "-o", 2) && a[2])
			av[n++] = lt_arena_printf(&c->a, "--output=%s", a + 2);
		else
			av[n++] = argv[i];
		if (!av[n - 1])
			return lt_error_set(&cli->err, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	}
	av[n] = NULL;
	return lt_cli_parse(cli, spec, n, av, &c->o, c->args, &c->nargs);
}

int lt_act_open(lt_cli *cli, lt_act_cmd *c)
{
	int rc = lt_cli_open_db(cli, &c->db);

	return rc ? rc : lt_cli_actor(cli, c->db, &c->a, &c->who);
}

void lt_act_close(lt_act_cmd *c)
{
	lt_db_close(c->db);
	c->db = NULL;
	lt_arena_free(&c->a);
}

int lt_act_directive_ref(lt_cli *cli, lt_act_cmd *c, int64_t *id)
{
	int rc;

	*id = 0;
	if (!c->o.directive)
		return lt_error_set(&cli->err, LT_EINVAL, "--directive",
				    "Cần --directive (mã số hoặc số công văn, ví dụ 42/LĐLĐ)",
				    "--directive is needed (an id or a number such as 42/LĐLĐ)");
	rc = lt_directive_find(c->db, c->o.directive, id, &cli->err);
	if (rc == LT_ENOTFOUND)
		snprintf(cli->err.field, sizeof(cli->err.field), "--directive");
	return rc;
}

int lt_act_unit_ref(lt_cli *cli, lt_act_cmd *c, bool required, int64_t *id)
{
	lt_unit u;
	int rc;

	*id = 0;
	if (!c->o.unit && !required)
		return 0;
	rc = lt_cli_unit(cli, c->db, &c->a, c->o.unit, "--unit", &u);
	if (!rc)
		*id = u.id;
	return rc;
}

int lt_act_contest_ref(lt_cli *cli, lt_act_cmd *c, int64_t *id)
{
	int64_t dir = 0;
	char *end;
	long long v;
	int rc;

	*id = 0;
	if (!c->o.contest)
		return lt_error_set(&cli->err, LT_EINVAL, "--contest", "Cần --contest MÃ|TÊN",
				    "--contest ID|NAME is needed");
	v = strtoll(c->o.contest, &end, 10);
	if (*c->o.contest && !*end && v > 0) {
		*id = v;
		return 0;
	}
	if (c->o.directive) {
		rc = lt_act_directive_ref(cli, c, &dir);
		if (rc)
			return rc;
	}
	rc = lt_contest_find(c->db, dir, c->o.contest, id, &cli->err);
	if (rc == LT_ENOTFOUND)
		snprintf(cli->err.field, sizeof(cli->err.field), "--contest");
	return rc;
}

int lt_act_open_for(lt_cli *cli, lt_act_cmd *c, bool contest, int64_t *owner, int64_t *unit,
		    bool unit_required)
{
	int rc = lt_act_open(cli, c);

	if (!rc)
		rc = contest ? lt_act_contest_ref(cli, c, owner) : lt_act_directive_ref(cli, c, owner);
	return rc ? rc : lt_act_unit_ref(cli, c, unit_required, unit);
}

int lt_act_print(int rc, json_t **j)
{
	if (rc)
		json_decref(*j);
	else
		lt_cli_print_json(*j, JSON_COMPACT);
	*j = NULL;
	return rc;
}

/* Open the database and name the list's owner (the directive, or the contest) and --unit. */
static int list_ref(lt_cli *cli, lt_act_cmd *c, lt_app_list list, lt_app_list_ref *ref)
{
	memset(ref, 0, sizeof(*ref));
	ref->list = list;
	return lt_act_open_for(cli, c, list == LT_APP_LIST_ENTRIES, &ref->owner, &ref->unit_id, false);
}

static int cannot_write(lt_cli *cli, const char *path)
{
	return lt_error_set(&cli->err, LT_EIO, "--output", "Không ghi được %s", "Cannot write %s",
			    path);
}

/* Write the n bytes at p to path ("-": stdout); a failed close is a failed write. */
static int write_file(lt_cli *cli, const char *path, const void *p, size_t n)
{
	bool to_stdout = !strcmp(path, "-");
	FILE *f = to_stdout ? stdout : fopen(path, "wb");
	bool ok = f && fwrite(p ? p : "", 1, n, f) == n;

	if (f && (to_stdout ? fflush(f) : fclose(f)))
		ok = false;
	return ok ? 0 : cannot_write(cli, path);
}

/* -o FILE is required by the template and the export. */
static int need_output(lt_cli *cli, const lt_act_cmd *c)
{
	if (c->o.output)
		return 0;
	return lt_error_set(&cli->err, LT_EINVAL, "--output", "Cần -o TỆP (hoặc - cho stdout)",
			    "-o FILE is needed (or - for stdout)");
}

int lt_act_template(lt_cli *cli, int argc, char **argv, lt_app_list list)
{
	lt_act_cmd c;
	lt_app_list_ref ref;
	lt_buf b;
	int rc = lt_act_parse(cli, &sheets[list].tmpl, argc, argv, &c);

	lt_buf_init(&b, 50u << 20);
	if (!rc)
		rc = need_output(cli, &c);
	if (!rc)
		rc = list_ref(cli, &c, list, &ref);
	if (!rc)
		rc = lt_app_list_template(c.db, &c.who, &ref, &b, &cli->err);
	if (!rc)
		rc = write_file(cli, c.o.output, b.ptr, b.len);
	lt_buf_free(&b);
	lt_act_close(&c);
	return rc == 1 ? 0 : rc;
}

static int to_file(const void *p, size_t n, void *ctx)
{
	return fwrite(p, 1, n, ctx) == n ? 0 : -1;
}

/*
 * The export written out as it is made, CSV or XLSX (a national one is 1.8
 * million rows): to stdout, or to a file beside the output that takes its
 * name once whole, so that a failed export leaves no part of a file behind.
 */
static int stream_export(lt_cli *cli, lt_act_cmd *c, const lt_app_list_ref *ref, bool xlsx)
{
	bool to_stdout = !strcmp(c->o.output, "-");
	char *part = to_stdout ? NULL : lt_arena_printf(&c->a, "%s.part", c->o.output);
	FILE *f = to_stdout ? stdout : part ? fopen(part, "wb") : NULL;
	int rc;

	if (!f)
		return cannot_write(cli, c->o.output);
	rc = lt_app_list_export_stream(c->db, &c->who, ref, xlsx, to_file, f, &cli->err);
	if ((to_stdout ? fflush(f) : fclose(f)) && !rc)
		rc = cannot_write(cli, c->o.output);
	if (!rc && part && rename(part, c->o.output))
		rc = cannot_write(cli, c->o.output);
	if (rc && part)
		remove(part);
	return rc;
}

int lt_act_export(lt_cli *cli, int argc, char **argv, lt_app_list list)
{
	lt_act_cmd c;
	lt_app_list_ref ref;
	bool xlsx = false;
	int rc = lt_act_parse(cli, &sheets[list].export, argc, argv, &c);

	if (!rc)
		rc = need_output(cli, &c);
	if (!rc && c.o.format && strcmp(c.o.format, "xlsx") && strcmp(c.o.format, "csv"))
		rc = lt_error_set(&cli->err, LT_EINVAL, "--format", "--format là xlsx hoặc csv",
				  "--format is xlsx or csv");
	if (!rc) {
		size_t n = strlen(c.o.output);
		xlsx = c.o.format ? !strcmp(c.o.format, "xlsx")
				  : n > 5 && !strcmp(c.o.output + n - 5, ".xlsx");
		rc = list_ref(cli, &c, list, &ref);
	}
	if (!rc)
		rc = stream_export(cli, &c, &ref, xlsx);
	lt_act_close(&c);
	return rc == 1 ? 0 : rc;
}

/* Every bad cell of rep on stderr (in the CLI's language) unless --json; cli->err the first. */
static void print_report(lt_cli *cli, const lt_import_report *rep, int rc)
{
	lt_buf b;

	lt_buf_init(&b, 1 << 20);
	lt_import_report_text(rep, cli->en, &b);
	if (cli->json) {
		json_t *j = NULL;
		lt_ignore(lt_act_print(lt_app_import_report_json(rep, cli->en, &j, &cli->err), &j));
	} else {
		fputs(lt_buf_cstr(&b), stderr);
	}
	lt_buf_free(&b);
	lt_import_report_first(rep, &cli->err);
	cli->err.code = rc;
}

int lt_act_import(lt_cli *cli, int argc, char **argv, lt_app_list list)
{
	const char *done_vi = sheets[list].done_vi, *done_en = sheets[list].done_en;
	lt_import_report *rep = calloc(1, sizeof(*rep));
	lt_act_cmd c;
	lt_app_list_ref ref;
	char *data = NULL;
	size_t len = 0, n = 0;
	int rc = lt_act_parse(cli, &sheets[list].import, argc, argv, &c);

	if (!rep && !rc)
		rc = lt_error_set(&cli->err, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	/* The file is read before the database is opened, as it always was. */
	if (!rc)
		rc = lt_cli_read_file(cli, c.args[0], MAX_FILE, &data, &len);
	if (!rc)
		rc = list_ref(cli, &c, list, &ref);
	if (!rc)
		rc = lt_app_list_import(c.db, &c.who, &ref, data, len, rep, &n, &cli->err);
	if (rc && rc != 1 && rep && rep->total) {
		print_report(cli, rep, rc);
	} else if (!rc) {
		json_t *j = NULL;
		if (cli->json)
			rc = lt_act_print(lt_app_imported_json(n, &j, &cli->err), &j);
		else
			fprintf(stderr, cli->en ? done_en : done_vi, n);
	}
	free(data);
	free(rep);
	lt_act_close(&c);
	return rc == 1 ? 0 : rc;
}
