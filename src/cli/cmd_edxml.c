/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * cmd_edxml.c — `lantoa doc edxml export|import`: directives, reports and
 * their statuses as edXML messages (QCVN 102:2016). Adapters over
 * app/edxml.h; the directive is named by id or number, units by code.
 *
 *   lantoa doc edxml export --directive 42/LĐLĐ [--unit CODE] [--kind directive|report|status]
 *                           [--priority 0-4] [--out FILE]
 *   lantoa [--as LOGIN] doc edxml import FILE
 *   lantoa [--as LOGIN] doc edxml list [--directive SỐ] [--kind K] [--unit CODE]
 *                                      [--limit N] [--cursor C]
 *   lantoa [--as LOGIN] doc edxml attachment ID [--out FILE]
 */
#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/directive.h"
#include "app/edxml.h"
#include "cli/cmd_report_int.h" /* lt_cli_report_write */
#include "cli/cmds.h"
#include "cli/opts.h"

typedef struct xopts {
	const char *directive, *unit, *kind, *out, *cursor;
	long priority, limit;
} xopts;

#define O(f) offsetof(xopts, f)

static const lt_opt export_opts[] = {
	{ "directive", LT_OPT_STR, O(directive), "SỐ", "công văn (số hiệu hoặc id)",
	  "the directive (number or id)" },
	{ "unit", LT_OPT_STR, O(unit), "MÃ",
	  "đơn vị: nơi nhận công văn (mặc định: mọi nơi nhận), hoặc đơn vị báo cáo",
	  "the unit: the directive's recipient (default: every recipient), or the reporting unit" },
	{ "kind", LT_OPT_STR, O(kind), "directive|report|status",
	  "công văn (mặc định), báo cáo của --unit, hoặc trạng thái xử lý của --unit",
	  "the directive (default), --unit's report, or --unit's processing status" },
	{ "priority", LT_OPT_INT, O(priority), "0-4",
	  "độ khẩn: 0 thường, 1 khẩn, 2 thượng khẩn, 3 hoả tốc, 4 hoả tốc hẹn giờ",
	  "priority: 0 normal, 1 urgent, 2 very urgent, 3 express, 4 timed express" },
	{ "out", LT_OPT_STR, O(out), "FILE", "ghi thông điệp ra tệp (mặc định: stdout)",
	  "write the message to FILE (default: stdout)" },
	{ NULL, 0, 0, NULL, NULL, NULL },
};

static const lt_opt list_opts[] = {
	{ "directive", LT_OPT_STR, O(directive), "SỐ", "chỉ thông điệp về công văn này (số hiệu hoặc id)",
	  "only messages about this directive (number or id)" },
	{ "kind", LT_OPT_STR, O(kind), "directive|report|status", "chỉ loại thông điệp này",
	  "only messages of this kind" },
	{ "unit", LT_OPT_STR, O(unit), "MÃ", "chỉ thông điệp đơn vị này gửi hoặc nhận",
	  "only messages this unit sent or received" },
	{ "limit", LT_OPT_INT, O(limit), "N", "số thông điệp một trang (1–500, mặc định 50)",
	  "messages per page (1–500, default 50)" },
	{ "cursor", LT_OPT_STR, O(cursor), "C", "next_cursor của trang trước",
	  "the previous page's next_cursor" },
	{ NULL, 0, 0, NULL, NULL, NULL },
};

static const lt_opt attachment_opts[] = {
	{ "out", LT_OPT_STR, O(out), "FILE", "ghi tệp đính kèm ra FILE (mặc định: stdout)",
	  "write the attachment to FILE (default: stdout)" },
	{ NULL, 0, 0, NULL, NULL, NULL },
};

static const lt_cmd_spec list_spec = { "doc edxml list", NULL, 0, 0, list_opts,
	"Liệt kê văn bản nhận qua trục liên thông (thông điệp edXML gửi đến đơn vị mình và cấp dưới).",
	"List the documents received over the national axis (edXML messages addressed to your subtree)." };
static const lt_cmd_spec attachment_spec = { "doc edxml attachment", "ID", 1, 1, attachment_opts,
	"Tải tệp đính kèm (PDF) của một thông điệp đã nhận.",
	"Download the attachment (PDF) of a message received." };

static const lt_cmd_spec export_spec = { "doc edxml export", NULL, 0, 0, export_opts,
	"Xuất công văn, báo cáo hoặc trạng thái thành thông điệp edXML (QCVN 102:2016).",
	"Export a directive, a report or a status as an edXML message (QCVN 102:2016)." };
static const lt_cmd_spec import_spec = { "doc edxml import", "FILE.xml", 1, 1, NULL,
	"Nhập thông điệp edXML: tạo công văn (dự thảo), gắn báo cáo, ghi trạng thái.",
	"Import an edXML message: a directive (as a draft), a report, a status." };

static int do_export(lt_cli *cli, int argc, char **argv)
{
	xopts o = { .kind = "directive", .priority = -1 };
	lt_cli_session s = { 0 };
	lt_edxml_out in = { 0 };
	lt_buf out;
	lt_unit u;
	int rc = lt_cli_parse(cli, &export_spec, argc, argv, &o, NULL, NULL);

	lt_buf_init(&out, LT_EDXML_MAX_BYTES);
	if (!rc && !o.directive)
		rc = lt_error_set(&cli->err, LT_EINVAL, "--directive", "Thiếu --directive",
				  "--directive is required");
	if (!rc && strcmp(o.kind, "directive") && strcmp(o.kind, "report") &&
	    strcmp(o.kind, "status"))
		rc = lt_error_set(&cli->err, LT_EINVAL, "--kind",
				  "--kind phải là directive, report hoặc status",
				  "--kind must be directive, report or status");
	if (!rc && strcmp(o.kind, "directive") && !o.unit)
		rc = lt_error_set(&cli->err, LT_EINVAL, "--unit",
				  "Hãy nêu đơn vị báo cáo (--unit)", "Name the reporting unit (--unit)");
	if (!rc)
		rc = lt_cli_start(cli, &s);
	if (!rc)
		rc = lt_app_directive_find(s.db, &s.who, o.directive, &in.directive, &cli->err);
	if (!rc && o.unit) {
		rc = lt_cli_unit(cli, s.db, &s.a, o.unit, "--unit", &u);
		in.unit = rc ? 0 : u.id;
	}
	in.priority = (int)o.priority;
	if (!rc && !strcmp(o.kind, "directive"))
		rc = lt_app_edxml_directive(s.db, &s.who, &in, &s.a, &out, &cli->err);
	else if (!rc && !strcmp(o.kind, "report"))
		rc = lt_app_edxml_report(s.db, &s.who, &in, &s.a, &out, &cli->err);
	else if (!rc)
		rc = lt_app_edxml_status(s.db, &s.who, &in, &s.a, &out, &cli->err);
	/* The options that name what the app calls priority and unit. */
	if (rc && !strcmp(cli->err.field, "priority"))
		strcpy(cli->err.field, "--priority");
	if (rc && !strcmp(cli->err.field, "unit"))
		strcpy(cli->err.field, "--unit");
	if (!rc && o.out)
		rc = lt_cli_report_write(cli, "--out", o.out, out.ptr, out.len);
	else if (!rc && fwrite(out.ptr, 1, out.len, stdout) != out.len)
		rc = lt_error_set(&cli->err, LT_EIO, "stdout", "Không ghi được ra stdout",
				  "Cannot write to stdout");
	lt_buf_free(&out);
	lt_cli_stop(&s);
	return rc > 0 ? 0 : rc;
}

static int do_import(lt_cli *cli, int argc, char **argv)
{
	lt_cli_session s = { 0 };
	lt_edxml_result r;
	char *args[1] = { NULL }, *data = NULL;
	size_t len = 0;
	int rc = lt_cli_parse(cli, &import_spec, argc, argv, NULL, args, NULL);

	if (!rc)
		rc = lt_cli_start(cli, &s);
	if (!rc)
		rc = lt_cli_read_file(cli, args[0], LT_EDXML_MAX_BYTES, &data, &len);
	if (!rc)
		rc = lt_app_edxml_import(s.db, &s.who, data, len, &s.a, &r, &cli->err);
	if (!rc && cli->json)
		lt_cli_print_json(lt_app_edxml_result_json(&r), JSON_INDENT(2));
	else if (!rc)
		printf(cli->en ? "%s %" PRId64 ": directive %" PRId64 ", unit %" PRId64 "%s%s\n"
			       : "%s %" PRId64 ": công văn %" PRId64 ", đơn vị %" PRId64 "%s%s\n",
		       r.kind, r.id, r.directive_id, r.unit_id, r.state ? " → " : "",
		       r.state ? r.state : "");
	/* A status: whether lantoa's receipt or report now says so, and why not. */
	if (!rc && !cli->json && r.status_code && r.applied)
		printf(cli->en ? "applied\n" : "đã áp dụng\n");
	else if (!rc && !cli->json && r.status_code)
		printf(cli->en ? "not applied: %s\n" : "không áp dụng: %s\n",
		       cli->en ? r.why_en : r.why_vi);
	free(data);
	lt_cli_stop(&s);
	return rc > 0 ? 0 : rc;
}

static int do_list(lt_cli *cli, int argc, char **argv)
{
	xopts o = { 0 };
	lt_cli_session s = { 0 };
	lt_edxml_query q = { 0 };
	lt_edxml_row *items = NULL;
	const char *next = NULL;
	char limit[24];
	size_t n = 0;
	lt_page pg;
	lt_unit u;
	int rc = lt_cli_parse(cli, &list_spec, argc, argv, &o, NULL, NULL);

	if (!rc)
		rc = lt_cli_start(cli, &s);
	snprintf(limit, sizeof(limit), "%ld", o.limit ? o.limit : LT_PAGE_DEFAULT);
	if (!rc)
		rc = lt_page_parse(limit, o.cursor, &s.a, &pg, &cli->err);
	if (!rc && o.directive)
		rc = lt_app_directive_find(s.db, &s.who, o.directive, &q.directive, &cli->err);
	if (!rc && o.unit) {
		rc = lt_cli_unit(cli, s.db, &s.a, o.unit, "--unit", &u);
		q.unit = rc ? 0 : u.id;
	}
	q.kind = o.kind;
	if (!rc)
		rc = lt_app_edxml_list(s.db, &s.who, &q, &pg, &s.a, &items, &n, &next, &cli->err);
	/* The options that name what the app calls kind, limit and cursor. */
	if (rc && !strcmp(cli->err.field, "kind"))
		strcpy(cli->err.field, "--kind");
	if (rc && !strcmp(cli->err.field, "limit"))
		strcpy(cli->err.field, "--limit");
	if (rc && !strcmp(cli->err.field, "cursor"))
		strcpy(cli->err.field, "--cursor");
	if (!rc && cli->json) {
		lt_cli_print_json(lt_app_edxml_list_json(items, n, next), JSON_INDENT(2));
	} else if (!rc) {
		for (size_t i = 0; i < n; i++)
			printf("%" PRId64 "\t%s\t%s\t%s\t%s\t%s\t%" PRId64 "\n", items[i].id,
			       items[i].kind, items[i].directive_number ? items[i].directive_number : "",
			       items[i].unit_code ? items[i].unit_code : "",
			       items[i].status_code ? items[i].status_code : "",
			       items[i].file_name ? items[i].file_name : "-", items[i].file_bytes);
		if (next)
			printf(cli->en ? "next page: --cursor %s\n" : "trang sau: --cursor %s\n", next);
	}
	lt_cli_stop(&s);
	return rc > 0 ? 0 : rc;
}

static int do_attachment(lt_cli *cli, int argc, char **argv)
{
	xopts o = { 0 };
	lt_cli_session s = { 0 };
	lt_edxml_row r;
	char *args[1] = { NULL }, *end = NULL;
	long long id = 0;
	int rc = lt_cli_parse(cli, &attachment_spec, argc, argv, &o, args, NULL);

	if (!rc) {
		id = strtoll(args[0], &end, 10);
		if (!*args[0] || *end || id <= 0)
			rc = lt_error_set(&cli->err, LT_EINVAL, "ID",
					  "ID phải là số của thông điệp (xem doc edxml list)",
					  "ID must be a message's number (see doc edxml list)");
	}
	if (!rc)
		rc = lt_cli_start(cli, &s);
	if (!rc)
		rc = lt_app_edxml_message(s.db, &s.who, id, true, &s.a, &r, &cli->err);
	if (!rc && o.out)
		rc = lt_cli_report_write(cli, "--out", o.out, (const char *)r.file, r.file_len);
	else if (!rc && fwrite(r.file ? (const void *)r.file : "", 1, r.file_len, stdout) != r.file_len)
		rc = lt_error_set(&cli->err, LT_EIO, "stdout", "Không ghi được ra stdout",
				  "Cannot write to stdout");
	lt_cli_stop(&s);
	return rc > 0 ? 0 : rc;
}

int lt_cmd_doc_edxml(lt_cli *cli, int argc, char **argv)
{
	if (argc >= 2 && !strcmp(argv[1], "list"))
		return do_list(cli, argc - 1, argv + 1);
	if (argc >= 2 && !strcmp(argv[1], "attachment"))
		return do_attachment(cli, argc - 1, argv + 1);
	if (argc >= 2 && !strcmp(argv[1], "export"))
		return do_export(cli, argc - 1, argv + 1);
	if (argc >= 2 && !strcmp(argv[1], "import"))
		return do_import(cli, argc - 1, argv + 1);
	if (argc >= 2 && lt_cli_wants_help(argc, argv)) {
		lt_cli_usage(cli, &export_spec, stdout);
		lt_cli_usage(cli, &import_spec, stdout);
		lt_cli_usage(cli, &list_spec, stdout);
		lt_cli_usage(cli, &attachment_spec, stdout);
		return 0;
	}
	lt_cli_usage(cli, &export_spec, stderr);
	lt_cli_usage(cli, &import_spec, stderr);
	lt_cli_usage(cli, &list_spec, stderr);
	lt_cli_usage(cli, &attachment_spec, stderr);
	return lt_error_set(&cli->err, LT_EINVAL, "edxml",
			    "Hãy chọn export, import, list hoặc attachment",
			    "Choose export, import, list or attachment");
}
