/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * cmd_directive.c — `lantoa directive list|show|create|import|issue|ack|
 * receipts|cascade`. A directive is named by its id or its number
 * ("42/LĐLĐ"); units by their code.
 */
#include <getopt.h>
#include <inttypes.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmd_directive.h"
#include "core/directive.h"
#include "store/directive.h"
#include "store/unit.h"
#include "text/docx_text.h"
#include "text/letter.h"
#include "text/letter_directive.h"

typedef struct dopts {
	const char *unit, *box, *q, *state;
	bool issue;
} dopts;

static int parse(lt_cli *cli, int argc, char **argv, dopts *o, const char *usage, int pos)
{
	static const struct option opts[] = {
		{ "unit", required_argument, NULL, 'u' },  { "issuer", required_argument, NULL, 'u' },
		{ "box", required_argument, NULL, 'b' },   { "q", required_argument, NULL, 'q' },
		{ "state", required_argument, NULL, 's' }, { "issue", no_argument, NULL, 'i' },
		{ "json", no_argument, NULL, 'j' },        { "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	memset(o, 0, sizeof(*o));
	optind = 0;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'u': o->unit = optarg; break;
		case 'b': o->box = optarg; break;
		case 'q': o->q = optarg; break;
		case 's': o->state = optarg; break;
		case 'i': o->issue = true; break;
		case 'j': cli->json = true; break;
		case 'h':
			printf("%s\n", usage);
			return 1;
		default:
			return lt_error_set(&cli->err, LT_EINVAL, argv[0], "Tuỳ chọn không hợp lệ",
					    "Invalid option");
		}
	}
	if (argc - optind != pos)
		return lt_error_set(&cli->err, LT_EINVAL, argv[0], "Sai số tham số: %s",
				    "Wrong number of arguments: %s", usage);
	return 0;
}

/* obj[key] as text, or dflt when absent. */
static const char *sv(json_t *obj, const char *key, const char *dflt)
{
	const char *v = json_string_value(json_object_get(obj, key));

	return v ? v : dflt;
}

/* Open the database and parse common options; *db owned by the caller. */
static int start(lt_cli *cli, int argc, char **argv, dopts *o, const char *usage, int pos,
		 lt_db **db)
{
	int rc = parse(cli, argc, argv, o, usage, pos);

	*db = NULL;
	if (rc)
		return rc;
	return lt_cli_open_db(cli, db);
}

int lt_cmd_directive_list(lt_cli *cli, int argc, char **argv)
{
	static const char usage[] =
		"lantoa directive list --unit CODE [--box inbox|issued] [--q TEXT] [--state S] [--json]";
	lt_directive_filter f = { 0 };
	lt_db *db = NULL;
	lt_arena a;
	lt_unit u;
	dopts o;
	json_t *items = NULL, *x;
	size_t i;
	int rc = start(cli, argc, argv, &o, usage, 0, &db);

	lt_arena_init(&a);
	if (rc)
		goto out;
	rc = lt_cli_unit(cli, db, &a, o.unit, "--unit", &u);
	if (rc)
		goto out;
	f.box = o.box ? o.box : "issued";
	f.unit_id = u.id;
	f.unit_path = u.path;
	f.q = o.q;
	f.state = o.state;
	rc = lt_directive_list(db, &f, &items, &cli->err);
	if (rc)
		goto out;
	if (cli->json) {
		lt_cli_print_json(json_pack("{s:O}", "items", items), JSON_INDENT(2));
	} else {
		json_array_foreach(items, i, x)
			printf("%-5" JSON_INTEGER_FORMAT " %-14s %-10s %-7s %s\n",
			       json_integer_value(json_object_get(x, "id")),
			       sv(x, "number", "—"),
			       sv(x, "date", ""),
			       json_string_value(json_object_get(x, "status")),
			       sv(x, "subject", ""));
	}
out:
	json_decref(items);
	lt_db_close(db);
	lt_arena_free(&a);
	return rc > 0 ? 0 : rc;
}

int lt_cmd_directive_show(lt_cli *cli, int argc, char **argv)
{
	static const char usage[] = "lantoa directive show ID|NUMBER [--json]";
	lt_directive_meta m;
	lt_db *db = NULL;
	lt_arena a;
	dopts o;
	json_t *doc = NULL, *items = NULL, *counts = NULL;
	int64_t id = 0;
	int rc = start(cli, argc, argv, &o, usage, 1, &db);

	lt_arena_init(&a);
	if (!rc)
		rc = lt_directive_find(db, argv[optind], &id, &cli->err);
	if (!rc)
		rc = lt_directive_get(db, id, &a, &m, &doc, &cli->err);
	if (!rc)
		rc = lt_receipt_list(db, id, NULL, &items, &counts, &cli->err);
	if (!rc) {
		json_object_set_new(doc, "id", json_integer(id));
		json_object_set_new(doc, "status", json_string(m.status));
		json_object_set_new(doc, "issuer", json_string(m.issuer_name));
		json_object_set(doc, "counts", counts);
		if (cli->json) {
			lt_cli_print_json(json_incref(doc), JSON_INDENT(2));
		} else {
			printf("%s  %s  %s\n%s\n", sv(doc, "number", "—"),
			       sv(doc, "date", ""), m.status,
			       sv(doc, "subject", ""));
			printf(cli->en ? "%s; %" JSON_INTEGER_FORMAT " recipients, %" JSON_INTEGER_FORMAT
					 " acknowledged\n"
				       : "%s; %" JSON_INTEGER_FORMAT " nơi nhận, %" JSON_INTEGER_FORMAT
					 " đã xác nhận\n",
			       m.issuer_name, json_integer_value(json_object_get(counts, "recipients")),
			       json_integer_value(json_object_get(counts, "acknowledged")));
		}
	}
	json_decref(doc);
	json_decref(items);
	json_decref(counts);
	lt_db_close(db);
	lt_arena_free(&a);
	return rc > 0 ? 0 : rc;
}

/* Read a letter (.txt or .docx) or a directive JSON file into a checked draft document. */
static int read_doc(lt_cli *cli, const char *path, int64_t issuer, json_t **doc)
{
	char *data = NULL;
	size_t len = 0;
	lt_buf text;
	lt_letter *l = NULL;
	json_t *raw = NULL, *notes = NULL, *x;
	json_error_t jerr;
	size_t i;
	int rc;

	*doc = NULL;
	lt_buf_init(&text, 4u << 20);
	rc = lt_cli_read_file(cli, path, 64u << 20, &data, &len);
	if (rc)
		goto out;
	if (len && data[0] == '{') {
		raw = json_loadb(data, len, JSON_REJECT_DUPLICATES, &jerr);
		if (!raw) {
			rc = lt_error_set(&cli->err, LT_EINVAL, "FILE", "JSON lỗi ở dòng %d: %s",
					  "Invalid JSON on line %d: %s", jerr.line, jerr.text);
			goto out;
		}
	} else {
		const char *p = data;
		if (lt_docx_is_zip(data, len)) {
			rc = lt_docx_text(data, len, &text, &cli->err);
			if (rc)
				goto out;
			p = lt_buf_cstr(&text);
			len = text.len;
		}
		rc = lt_letter_parse(p, len, &l, &cli->err);
		if (rc)
			goto out;
		raw = lt_letter_to_directive(l, issuer, &notes);
		json_array_foreach(notes, i, x)
			fprintf(stderr, "  ! %s\n", json_string_value(x));
	}
	rc = lt_directive_check(raw, false, doc, &cli->err);
out:
	json_decref(raw);
	json_decref(notes);
	lt_letter_free(l);
	lt_buf_free(&text);
	free(data);
	return rc;
}

int lt_cmd_directive_create(lt_cli *cli, int argc, char **argv)
{
	static const char usage[] =
		"lantoa directive create FILE --issuer CODE [--issue]\n"
		"  FILE: a directive as JSON, or a letter (.txt / .docx) to import";
	lt_db *db = NULL;
	lt_arena a;
	lt_unit u;
	dopts o;
	json_t *doc = NULL;
	int64_t id = 0, n = 0;
	int rc = start(cli, argc, argv, &o, usage, 1, &db);

	lt_arena_init(&a);
	if (!rc)
		rc = lt_cli_unit(cli, db, &a, o.unit, "--unit", &u);
	if (!rc)
		rc = read_doc(cli, argv[optind], u.id, &doc);
	if (!rc)
		rc = lt_db_begin(db, &cli->err);
	if (!rc) {
		rc = lt_directive_create(db, u.id, doc, "directive", 0, 0, 0, &id, &cli->err);
		if (!rc && o.issue)
			rc = lt_directive_issue(db, id, 0, &n, &cli->err);
		if (rc)
			lt_db_rollback(db);
		else
			rc = lt_db_commit(db, &cli->err);
	}
	if (!rc)
		printf(cli->json ? "{\"id\":%" PRId64 ",\"recipients\":%" PRId64 "}\n"
				 : "%" PRId64 " (%" PRId64 ")\n",
		       id, n);
	json_decref(doc);
	lt_db_close(db);
	lt_arena_free(&a);
	return rc > 0 ? 0 : rc;
}

int lt_cmd_directive_issue(lt_cli *cli, int argc, char **argv)
{
	static const char usage[] = "lantoa directive issue ID|NUMBER";
	lt_db *db = NULL;
	dopts o;
	int64_t id = 0, n = 0;
	int rc = start(cli, argc, argv, &o, usage, 1, &db);

	if (!rc)
		rc = lt_directive_find(db, argv[optind], &id, &cli->err);
	if (!rc)
		rc = lt_directive_issue(db, id, 0, &n, &cli->err);
	if (!rc)
		printf(cli->json ? "{\"recipients\":%" PRId64 "}\n" : "%" PRId64 "\n", n);
	lt_db_close(db);
	return rc > 0 ? 0 : rc;
}

int lt_cmd_directive_ack(lt_cli *cli, int argc, char **argv)
{
	static const char usage[] = "lantoa directive ack ID|NUMBER --unit CODE";
	lt_db *db = NULL;
	lt_arena a;
	lt_unit u;
	dopts o;
	int64_t id = 0;
	int rc = start(cli, argc, argv, &o, usage, 1, &db);

	lt_arena_init(&a);
	if (!rc)
		rc = lt_directive_find(db, argv[optind], &id, &cli->err);
	if (!rc)
		rc = lt_cli_unit(cli, db, &a, o.unit, "--unit", &u);
	if (!rc)
		rc = lt_receipt_ack(db, id, u.id, 0, &cli->err);
	lt_db_close(db);
	lt_arena_free(&a);
	return rc > 0 ? 0 : rc;
}

int lt_cmd_directive_receipts(lt_cli *cli, int argc, char **argv)
{
	static const char usage[] =
		"lantoa directive receipts ID|NUMBER [--state new|opened|acknowledged|pending] [--json]";
	lt_db *db = NULL;
	dopts o;
	json_t *items = NULL, *counts = NULL, *x;
	int64_t id = 0;
	size_t i;
	int rc = start(cli, argc, argv, &o, usage, 1, &db);

	if (!rc)
		rc = lt_directive_find(db, argv[optind], &id, &cli->err);
	if (!rc)
		rc = lt_receipt_list(db, id, o.state, &items, &counts, &cli->err);
	if (!rc && cli->json) {
		lt_cli_print_json(json_pack("{s:O,s:O}", "items", items, "counts", counts),
				  JSON_INDENT(2));
	} else if (!rc) {
		json_array_foreach(items, i, x)
			printf("%-13s %-20s %s\n", json_string_value(json_object_get(x, "state")),
			       json_string_value(json_object_get(json_object_get(x, "unit"), "code")),
			       json_string_value(json_object_get(json_object_get(x, "unit"), "name")));
	}
	json_decref(items);
	json_decref(counts);
	lt_db_close(db);
	return rc > 0 ? 0 : rc;
}

int lt_cmd_directive_cascade(lt_cli *cli, int argc, char **argv)
{
	static const char usage[] = "lantoa directive cascade ID|NUMBER --unit CODE";
	lt_db *db = NULL;
	lt_arena a;
	lt_unit u;
	dopts o;
	int64_t id = 0, made = 0;
	int rc = start(cli, argc, argv, &o, usage, 1, &db);

	lt_arena_init(&a);
	if (!rc)
		rc = lt_directive_find(db, argv[optind], &id, &cli->err);
	if (!rc)
		rc = lt_cli_unit(cli, db, &a, o.unit, "--unit", &u);
	if (!rc)
		rc = lt_directive_cascade(db, id, u.id, 0, &made, &cli->err);
	if (!rc)
		printf(cli->json ? "{\"id\":%" PRId64 "}\n" : "%" PRId64 "\n", made);
	lt_db_close(db);
	lt_arena_free(&a);
	return rc > 0 ? 0 : rc;
}
