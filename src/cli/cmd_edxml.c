/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * cmd_edxml.c — `lantoa doc edxml export|import`: directives, reports and
 * their statuses as edXML messages (QCVN 102:2016). Adapters over
 * app/edxml.h; the directive is named by id or number, units by code.
 *
 *   lantoa doc edxml export --directive 42/LĐLĐ [--unit CODE] [--kind directive|report|status]
 *                           [--priority 0-4] [--out FILE]
 *   lantoa [--as LOGIN] doc edxml import FILE
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
	const char *directive, *unit, *kind, *out;
	long priority;
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
	free(data);
	lt_cli_stop(&s);
	return rc > 0 ? 0 : rc;
}

int lt_cmd_doc_edxml(lt_cli *cli, int argc, char **argv)
{
	if (argc >= 2 && !strcmp(argv[1], "export"))
		return do_export(cli, argc - 1, argv + 1);
	if (argc >= 2 && !strcmp(argv[1], "import"))
		return do_import(cli, argc - 1, argv + 1);
	if (argc >= 2 && lt_cli_wants_help(argc, argv)) {
		lt_cli_usage(cli, &export_spec, stdout);
		lt_cli_usage(cli, &import_spec, stdout);
		return 0;
	}
	lt_cli_usage(cli, &export_spec, stderr);
	lt_cli_usage(cli, &import_spec, stderr);
	return lt_error_set(&cli->err, LT_EINVAL, "edxml", "Hãy chọn export hoặc import",
			    "Choose export or import");
}
