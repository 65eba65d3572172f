/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * demo_directives.c — the two real directives of the demo.
 *
 * 228/LĐLĐ of the Hà Nội federation is known only from what letter 42
 * says of it: number, date, issuer and subject, so that is all it holds.
 * 42/LĐLĐ is imported from the letter's text through the parser, as an
 * officer would, issued to every grassroots union of Gia Lâm, and some of
 * them open and acknowledge it over the following days. Everything goes
 * through app/directive.h at the console, like `lantoa directive …`.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/directive.h"
#include "app/series.h"
#include "cli/demo.h"
#include "render/csv.h"
#include "store/unit.h"
#include "text/letter.h"
#include "text/letter_directive.h"

#define SUBJECT "truyền thông các hoạt động chăm lo đoàn viên, NLĐ dịp Tết Giáp Thìn 2024"

/* Create (and issue) doc for the unit with code issuer, at the console. */
static int issue(lt_cli *cli, lt_db *db, lt_arena *a, const char *issuer, json_t *doc,
		 int64_t implements, int64_t *id)
{
	lt_actor op;
	lt_unit u;
	lt_directive_draft in = { .doc = doc, .implements_id = implements, .issue = true };
	lt_directive_view v;
	int rc = lt_unit_get_by_code(db, issuer, a, &u, &cli->err);

	lt_actor_operator(&op);
	in.issuer_id = u.id;
	if (!rc)
		rc = lt_app_directive_create(db, &op, &in, a, &v, &cli->err);
	if (!rc)
		*id = v.meta.id;
	lt_app_directive_view_free(&v);
	return rc;
}

static int city_directive(lt_cli *cli, lt_db *db, lt_arena *a, int64_t *id)
{
	lt_actor op;
	lt_unit hn, gl;
	json_t *doc = NULL;
	int rc = lt_unit_get_by_code(db, "01", a, &hn, &cli->err);

	lt_actor_operator(&op);
	if (!rc)
		rc = lt_unit_get_by_code(db, "01.018", a, &gl, &cli->err);
	if (rc)
		return rc;
	doc = json_pack("{s:s,s:s,s:s,s:s,s:{s:s,s:I},s:[s]}", "number", "228/LĐLĐ", "place",
			"Hà Nội", "date", "2024-01-16", "subject", SUBJECT, "recipients", "mode",
			"children_of", "unit_id", (json_int_t)hn.id, "tasks",
			"Truyền thông các hoạt động chăm lo đoàn viên, NLĐ dịp Tết Giáp Thìn 2024.");
	lt_demo_clock("2024-01-16 15:00");
	rc = issue(cli, db, a, "01", doc, 0, id);
	lt_demo_clock("2024-01-17 08:10");
	if (!rc)
		rc = lt_app_directive_ack(db, &op, *id, gl.id, a, NULL, &cli->err);
	json_decref(doc);
	return rc;
}

static int district_directive(lt_cli *cli, lt_db *db, lt_arena *a, int64_t parent, int64_t *id)
{
	char *path = lt_arena_printf(a, "%s/42-LDLD-gia-lam-2024.txt", lt_demo_dir());
	char *text = NULL;
	size_t len = 0;
	lt_letter *l = NULL;
	lt_unit gl;
	json_t *doc = NULL, *refs;
	int rc = lt_cli_read_file(cli, path, 1u << 20, &text, &len);

	/* Imported through the parser, as an officer would. */
	if (!rc)
		rc = lt_app_letter_read(text, len, &l, &cli->err);
	if (!rc)
		rc = lt_unit_get_by_code(db, "01.018", a, &gl, &cli->err);
	if (rc)
		goto out;
	doc = lt_letter_to_directive(l, gl.id, NULL);
	/* Link the citation of 228/LĐLĐ to the city's directive, and set a deadline. */
	refs = json_object_get(doc, "references");
	if (json_array_size(refs))
		json_object_set_new(json_array_get(refs, 0), "directive_id", json_integer(parent));
	json_object_set_new(doc, "report_deadline", json_string("2024-02-20"));
	json_object_set_new(doc, "contests", json_pack("[s]", "Bên nhau là Tết"));
	lt_demo_clock("2024-01-18 09:30");
	rc = issue(cli, db, a, "01.018", doc, parent, id);
out:
	json_decref(doc);
	lt_letter_free(l);
	free(text);
	return rc;
}

/* Over the next days most unions open the letter and many acknowledge it. */
static int receipts(lt_cli *cli, lt_db *db, lt_arena *a, int64_t id)
{
	lt_actor op;
	lt_receipt *items;
	lt_receipt_counts counts;
	size_t n;
	int rc;

	lt_actor_operator(&op);
	rc = lt_app_directive_receipts(db, &op, id, NULL, a, &items, &n, &counts, &cli->err);
	for (size_t i = 0; !rc && i < n; i++) {
		char when[32];
		/* A fixed pattern: 1 in 4 never opens, 1 in 4 only opens, the rest acknowledge. */
		if (i % 4 == 1)
			continue;
		snprintf(when, sizeof(when), "2024-01-%02d %02d:%02d", 18 + (int)(i % 5),
			 8 + (int)(i % 9), (int)(i * 7 % 60));
		lt_demo_clock(when);
		rc = i % 4 == 2 ? lt_app_directive_open(db, &op, id, items[i].unit_id, &cli->err)
				: lt_app_directive_ack(db, &op, id, items[i].unit_id, a, NULL, &cli->err);
	}
	return rc;
}

int lt_demo_directives(lt_cli *cli, lt_db *db, lt_arena *a)
{
	int64_t city = 0, district = 0;
	int rc = city_directive(cli, db, a, &city);

	if (!rc)
		rc = district_directive(cli, db, a, city, &district);
	if (!rc)
		rc = receipts(cli, db, a, district);
	return rc;
}

int lt_demo_series(lt_cli *cli, lt_db *db, lt_arena *a)
{
	char *path = lt_arena_printf(a, "%s/tet-sum-vay-series.csv", lt_demo_dir());
	char *data = NULL;
	size_t len = 0, n = 0;
	lt_table *t = NULL;
	int rc = lt_cli_read_file(cli, path, 1u << 20, &data, &len);

	if (!rc)
		rc = lt_csv_read(data, len, NULL, &t, &cli->err);
	if (!rc)
		rc = lt_series_import_table(db, t, a, &n, &cli->err);
	lt_table_free(t);
	free(data);
	return rc;
}
