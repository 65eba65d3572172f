/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * cmd_directive.c — `lantoa directive list|show|create|issue|ack|receipts|
 * cascade`: adapters over app/directive.h. A directive is named by its id
 * or its number ("42/LĐLĐ"); units by their code. --json prints the API's
 * documents.
 */
#include <inttypes.h>
#include <jansson.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmds.h"
#include "app/directive.h"
#include "cli/opts.h"

typedef struct dopts {
	const char *unit, *box, *q, *state;
	bool issue;
} dopts;

#define O(f) offsetof(dopts, f)
#define END { NULL, 0, 0, NULL, NULL, NULL }

static const lt_opt list_opts[] = {
	{ "unit", LT_OPT_STR, O(unit), "CODE", "đơn vị (mặc định: của --as)", "the unit (default: --as's)" },
	{ "box", LT_OPT_STR, O(box), "inbox|issued", "công văn đến hoặc đã ban hành (mặc định issued)",
	  "received or issued (default issued)" },
	{ "q", LT_OPT_STR, O(q), "TEXT", "tìm theo số, trích yếu, nội dung", "search numbers, subjects, themes" },
	{ "state", LT_OPT_STR, O(state), "S", "công văn đến: new, opened, acknowledged, pending",
	  "inbox: new, opened, acknowledged, pending" },
	END,
};

static const lt_opt create_opts[] = {
	{ "issuer", LT_OPT_STR, O(unit), "CODE", "đơn vị ban hành", "the issuing unit" },
	{ "unit", LT_OPT_STR, O(unit), "CODE", "như --issuer", "the same as --issuer" },
	{ "issue", LT_OPT_FLAG, O(issue), NULL, "ban hành ngay", "issue it at once" },
	END,
};

static const lt_opt unit_opts[] = {
	{ "unit", LT_OPT_STR, O(unit), "CODE", "đơn vị nhận (mặc định: của --as)",
	  "the recipient unit (default: --as's)" },
	END,
};

static const lt_opt receipts_opts[] = {
	{ "state", LT_OPT_STR, O(state), "S", "new, opened, acknowledged hoặc pending",
	  "new, opened, acknowledged or pending" },
	END,
};

static const lt_cmd_spec list_spec = { "directive list", NULL, 0, 0, list_opts,
	"Liệt kê công văn của một đơn vị.", "List a unit's directives." };
static const lt_cmd_spec show_spec = { "directive show", "ID|NUMBER", 1, 1, NULL,
	"Xem một công văn.", "Show a directive." };
static const lt_cmd_spec create_spec = { "directive create", "FILE", 1, 1, create_opts,
	"Tạo công văn từ tệp: JSON, hoặc văn bản công văn (.txt / .docx) để nhập.",
	"Create a directive from a file: its JSON, or a letter (.txt / .docx) to import." };
static const lt_cmd_spec issue_spec = { "directive issue", "ID|NUMBER", 1, 1, NULL,
	"Ban hành công văn tới các đơn vị nhận.", "Issue a directive to its recipients." };
static const lt_cmd_spec ack_spec = { "directive ack", "ID|NUMBER", 1, 1, unit_opts,
	"Xác nhận đơn vị đã nhận công văn.", "Acknowledge receipt for a unit." };
static const lt_cmd_spec receipts_spec = { "directive receipts", "ID|NUMBER", 1, 1, receipts_opts,
	"Tình trạng nhận của các đơn vị.", "The recipients' receipts." };
static const lt_cmd_spec cascade_spec = { "directive cascade", "ID|NUMBER", 1, 1, unit_opts,
	"Soạn công văn triển khai xuống cấp dưới.", "Draft the implementing directive below." };

/* Parse, open the database, get the actor; resolve --unit (into *unit, 0 when not given) and ID|NUMBER. */
static int start(lt_cli *cli, const lt_cmd_spec *spec, int argc, char **argv, dopts *o,
		 lt_cli_session *s, int64_t *unit, int64_t *id, char **arg)
{
	char *args[1] = { NULL };
	lt_unit u;
	int rc = lt_cli_parse(cli, spec, argc, argv, o, args, NULL);

	*unit = 0;
	if (arg)
		*arg = args[0];
	if (rc)
		return rc;
	rc = lt_cli_start(cli, s);
	if (!rc && o->unit) {
		rc = lt_cli_unit(cli, s->db, &s->a, o->unit, "--unit", &u);
		*unit = rc ? 0 : u.id;
	}
	if (!rc && id)
		rc = lt_app_directive_find(s->db, &s->who, args[0], id, &cli->err);
	return rc;
}

static int done(lt_cli_session *s, int rc)
{
	lt_cli_stop(s);
	return rc > 0 ? 0 : rc;
}

/* With --json the directive's document; else line, the text summary. */
static void print_view(const lt_cli *cli, lt_directive_view *v, const char *fmt, int64_t n)
{
	if (cli->json)
		lt_cli_print_json(lt_app_directive_view_json(v), JSON_INDENT(2));
	else if (fmt)
		printf(fmt, n);
	lt_app_directive_view_free(v);
}

static const char *or(const char *s, const char *dflt)
{
	return s ? s : dflt;
}

int lt_cmd_directive_list(lt_cli *cli, int argc, char **argv)
{
	dopts o = { .box = "issued" };
	lt_cli_session s = { 0 };
	lt_directive_filter f = { 0 };
	lt_directive_summary *items;
	size_t n;
	int rc = start(cli, &list_spec, argc, argv, &o, &s, &f.unit_id, NULL, NULL);

	f.box = o.box;
	f.q = o.q;
	f.state = o.state;
	if (!rc)
		rc = lt_app_directive_list(s.db, &s.who, &f, &s.a, &items, &n, &cli->err);
	if (rc && !strcmp(cli->err.field, "unit_id"))
		strcpy(cli->err.field, "--unit"); /* the option that names it here */
	if (!rc && cli->json)
		lt_cli_print_json(lt_app_directive_list_json(items, n, !strcmp(f.box, "inbox")),
				  JSON_INDENT(2));
	for (size_t i = 0; !rc && !cli->json && i < n; i++)
		printf("%-5" PRId64 " %-14s %-10s %-7s %s\n", items[i].id, or(items[i].number, "—"),
		       or(items[i].date, ""), items[i].status, or(items[i].subject, ""));
	return done(&s, rc);
}

int lt_cmd_directive_show(lt_cli *cli, int argc, char **argv)
{
	dopts o = { 0 };
	lt_cli_session s = { 0 };
	lt_directive_view v;
	int64_t unit, id = 0;
	int rc = start(cli, &show_spec, argc, argv, &o, &s, &unit, &id, NULL);

	if (!rc)
		rc = lt_app_directive_get(s.db, &s.who, id, &s.a, &v, &cli->err);
	if (!rc && !cli->json) {
		printf("%s  %s  %s\n%s\n",
		       or(json_string_value(json_object_get(v.doc, "number")), "—"),
		       or(json_string_value(json_object_get(v.doc, "date")), ""), v.meta.status,
		       or(json_string_value(json_object_get(v.doc, "subject")), ""));
		if (v.has_counts)
			printf(cli->en ? "%s; %" PRId64 " recipients, %" PRId64 " acknowledged\n"
				       : "%s; %" PRId64 " nơi nhận, %" PRId64 " đã xác nhận\n",
			       v.meta.issuer_name, v.counts.recipients, v.counts.acknowledged);
	}
	if (!rc)
		print_view(cli, &v, NULL, 0);
	return done(&s, rc);
}

int lt_cmd_directive_create(lt_cli *cli, int argc, char **argv)
{
	dopts o = { 0 };
	lt_cli_session s = { 0 };
	lt_directive_view v;
	json_t *notes = NULL, *x;
	char *file = NULL, *data = NULL;
	size_t len = 0, i;
	int64_t issuer;
	int rc = start(cli, &create_spec, argc, argv, &o, &s, &issuer, NULL, &file);

	if (!rc)
		rc = lt_cli_read_file(cli, file, 64u << 20, &data, &len);
	if (!rc)
		rc = lt_app_directive_import(s.db, &s.who, data, len, issuer, o.issue, &s.a, &v,
					     &notes, &cli->err);
	if (rc && !strcmp(cli->err.field, "issuer_id"))
		strcpy(cli->err.field, "--issuer");
	json_array_foreach(notes, i, x)
		fprintf(stderr, "  ! %s\n", json_string_value(x));
	if (!rc)
		print_view(cli, &v, "%" PRId64, v.meta.id);
	if (!rc && !cli->json)
		printf(" (%" PRId64 ")\n", v.counts.recipients);
	json_decref(notes);
	free(data);
	return done(&s, rc);
}

int lt_cmd_directive_issue(lt_cli *cli, int argc, char **argv)
{
	dopts o = { 0 };
	lt_cli_session s = { 0 };
	lt_directive_view v;
	int64_t unit, id = 0, n = 0;
	int rc = start(cli, &issue_spec, argc, argv, &o, &s, &unit, &id, NULL);

	if (!rc)
		rc = lt_app_directive_issue(s.db, &s.who, id, false, &n, &s.a, &v, &cli->err);
	if (!rc)
		print_view(cli, &v, "%" PRId64 "\n", n);
	return done(&s, rc);
}

int lt_cmd_directive_ack(lt_cli *cli, int argc, char **argv)
{
	dopts o = { 0 };
	lt_cli_session s = { 0 };
	lt_directive_view v;
	int64_t unit, id = 0;
	int rc = start(cli, &ack_spec, argc, argv, &o, &s, &unit, &id, NULL);

	if (!rc)
		rc = lt_app_directive_ack(s.db, &s.who, id, unit, &s.a, &v, &cli->err);
	if (!rc)
		print_view(cli, &v, NULL, 0);
	return done(&s, rc);
}

int lt_cmd_directive_receipts(lt_cli *cli, int argc, char **argv)
{
	dopts o = { 0 };
	lt_cli_session s = { 0 };
	lt_receipt *items;
	lt_receipt_counts c;
	size_t n;
	int64_t unit, id = 0;
	int rc = start(cli, &receipts_spec, argc, argv, &o, &s, &unit, &id, NULL);

	if (!rc)
		rc = lt_app_directive_receipts(s.db, &s.who, id, o.state, &s.a, &items, &n, &c,
					       &cli->err);
	if (!rc && cli->json)
		lt_cli_print_json(lt_app_directive_receipts_json(items, n, &c), JSON_INDENT(2));
	for (size_t i = 0; !rc && !cli->json && i < n; i++)
		printf("%-13s %-20s %s\n", lt_receipt_state(items[i].opened_at, items[i].acknowledged_at),
		       items[i].unit_code, items[i].unit_name);
	return done(&s, rc);
}

int lt_cmd_directive_cascade(lt_cli *cli, int argc, char **argv)
{
	dopts o = { 0 };
	lt_cli_session s = { 0 };
	lt_directive_view v;
	int64_t unit, id = 0;
	int rc = start(cli, &cascade_spec, argc, argv, &o, &s, &unit, &id, NULL);

	if (!rc)
		rc = lt_app_directive_cascade(s.db, &s.who, id, unit, &s.a, &v, &cli->err);
	if (!rc)
		print_view(cli, &v, "%" PRId64 "\n", v.meta.id);
	return done(&s, rc);
}
