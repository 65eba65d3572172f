/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * cmd_register.c — `lantoa register list` (a page of a unit's register of
 * documents received or sent) and `lantoa register add` (record a document
 * that came or went outside lantoa's flows: a paper letter, an EDXML message).
 */
#include <stddef.h>
#include <stdio.h>

#include "app/register.h"
#include "cli/cmds.h"
#include "cli/opts.h"

typedef struct list_opts {
	const char *unit, *dir, *cursor;
	long year, limit;
} list_opts;

#define L(f) offsetof(list_opts, f)
static const lt_opt list_table[] = {
	{ "unit", LT_OPT_STR, L(unit), "CODE", "mã đơn vị", "the unit's code" },
	{ "dir", LT_OPT_STR, L(dir), "in|out", "sổ văn bản đến (in) hoặc đi (out)",
	  "the register of documents received (in) or sent (out)" },
	{ "year", LT_OPT_INT, L(year), "YYYY", "năm (mặc định năm nay)", "the year (default this year)" },
	{ "limit", LT_OPT_INT, L(limit), "N", "số văn bản một trang (1–500, mặc định 50)",
	  "entries per page (1–500, default 50)" },
	{ "cursor", LT_OPT_STR, L(cursor), "C", "next_cursor của trang trước", "the previous page's next_cursor" },
	{ NULL, 0, 0, NULL, NULL, NULL },
};
#undef L

static const lt_cmd_spec list_spec = {
	"register list", NULL, 0, 0, list_table,
	"Xem sổ đăng ký văn bản đến/đi của đơn vị theo năm, theo số thứ tự (JSON, một trang).",
	"Show a unit's register of documents received or sent for a year, in number order (JSON, a page).",
};

typedef struct add_opts {
	const char *unit, *dir, *source, *kind, *subject, *party, *number, *date, *deadline, *signer;
	long copies;
} add_opts;

#define A(f) offsetof(add_opts, f)
static const lt_opt add_table[] = {
	{ "unit", LT_OPT_STR, A(unit), "CODE", "mã đơn vị", "the unit's code" },
	{ "dir", LT_OPT_STR, A(dir), "in|out", "văn bản đến (in) hoặc đi (out)", "received (in) or sent (out)" },
	{ "source", LT_OPT_STR, A(source), "other|edxml", "nguồn (mặc định other: văn bản giấy)",
	  "where it came from (default other: a paper letter)" },
	{ "kind", LT_OPT_STR, A(kind), "TEN", "tên loại (Công văn, Quyết định…)", "the kind (Công văn, Quyết định…)" },
	{ "subject", LT_OPT_STR, A(subject), "TEXT", "trích yếu", "the subject" },
	{ "party", LT_OPT_STR, A(party), "TEXT", "đến: tác giả; đi: nơi nhận", "in: the sender; out: the recipients" },
	{ "number", LT_OPT_STR, A(number), "SO", "số, ký hiệu", "number and symbol" },
	{ "date", LT_OPT_STR, A(date), "YYYY-MM-DD", "ngày văn bản", "the document's date" },
	{ "deadline", LT_OPT_STR, A(deadline), "YYYY-MM-DD", "hạn giải quyết", "the handling deadline" },
	{ "signer", LT_OPT_STR, A(signer), "TEN", "người ký", "who signed it" },
	{ "copies", LT_OPT_INT, A(copies), "N", "số lượng bản", "copies" },
	{ NULL, 0, 0, NULL, NULL, NULL },
};
#undef A

static const lt_cmd_spec add_spec = {
	"register add", NULL, 0, 0, add_table,
	"Vào sổ một văn bản đến/đi ngoài luồng công văn, báo cáo (văn bản giấy, thông điệp EDXML);"
	" in ra số đến/số đi được cấp.",
	"Register a document received or sent outside the directive and report flows (a paper letter,"
	" an EDXML message); prints the number it gets.",
};

int lt_cmd_register_list(lt_cli *cli, int argc, char **argv)
{
	list_opts o = { 0 };
	lt_register_ref ref;
	lt_register_entry *items = NULL;
	const char *next = NULL;
	char limit[24];
	size_t n = 0;
	lt_page pg;
	lt_db *db = NULL;
	lt_arena a;
	lt_actor who;
	lt_unit u;
	int rc = lt_cli_parse(cli, &list_spec, argc, argv, &o, NULL, NULL);

	if (rc)
		return rc > 0 ? 0 : rc;
	lt_arena_init(&a);
	snprintf(limit, sizeof(limit), "%ld", o.limit ? o.limit : LT_PAGE_DEFAULT);
	rc = lt_page_parse(limit, o.cursor, &a, &pg, &cli->err);
	if (!rc)
		rc = lt_cli_open_db(cli, &db);
	if (!rc)
		rc = lt_cli_actor(cli, db, &a, &who);
	if (!rc)
		rc = lt_cli_unit(cli, db, &a, o.unit, "--unit", &u);
	if (!rc) {
		ref = (lt_register_ref){ u.id, o.dir, o.year < 0 || o.year > 9999 ? -1 : (int)o.year };
		rc = lt_app_register_page(db, &who, &ref, &pg, &a, &items, &n, &next, &cli->err);
	}
	if (!rc)
		lt_cli_print_json(lt_app_register_page_json(&ref, items, n, next), JSON_INDENT(2));
	lt_db_close(db);
	lt_arena_free(&a);
	return rc;
}

int lt_cmd_register_add(lt_cli *cli, int argc, char **argv)
{
	add_opts o = { 0 };
	lt_register_doc doc = { 0 };
	int64_t seq = 0;
	lt_db *db = NULL;
	lt_arena a;
	lt_actor who;
	lt_unit u;
	int rc = lt_cli_parse(cli, &add_spec, argc, argv, &o, NULL, NULL);

	if (rc)
		return rc > 0 ? 0 : rc;
	lt_arena_init(&a);
	doc = (lt_register_doc){ .source = o.source ? o.source : "other", .kind = o.kind,
				 .subject = o.subject, .party = o.party, .number = o.number,
				 .date = o.date, .deadline = o.deadline, .signer = o.signer,
				 .copies = o.copies < 0 || o.copies > 100000 ? -1 : (int)o.copies };
	rc = lt_cli_open_db(cli, &db);
	if (!rc)
		rc = lt_cli_actor(cli, db, &a, &who);
	if (!rc)
		rc = lt_cli_unit(cli, db, &a, o.unit, "--unit", &u);
	if (!rc)
		rc = lt_app_register_record(db, &who, u.id, o.dir, &doc, &seq, &cli->err);
	if (!rc)
		printf(cli->json ? "{\"seq\":%lld}\n" : "%lld\n", (long long)seq);
	lt_db_close(db);
	lt_arena_free(&a);
	return rc;
}
