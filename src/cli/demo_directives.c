/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * demo_directives.c — the two real directives of the demo.
 *
 * 228/LĐLĐ of the Hà Nội federation is known only from what letter 42
 * says of it: number, date, issuer and subject, so that is all it holds.
 * 42/LĐLĐ is imported from the letter's text through the parser, as an
 * officer would, issued to every grassroots union of Gia Lâm, and some of
 * them open and acknowledge it over the following days.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/demo.h"
#include "core/directive.h"
#include "store/directive.h"
#include "render/csv.h"
#include "app/series.h"
#include "store/unit.h"
#include "text/letter.h"
#include "text/letter_directive.h"

#define SUBJECT "truyền thông các hoạt động chăm lo đoàn viên, NLĐ dịp Tết Giáp Thìn 2024"

static int city_directive(lt_cli *cli, lt_db *db, lt_arena *a, int64_t *id)
{
	lt_unit hn, gl;
	json_t *doc = NULL, *checked = NULL;
	int rc = lt_unit_get_by_code(db, "01", a, &hn, &cli->err);

	if (!rc)
		rc = lt_unit_get_by_code(db, "01.018", a, &gl, &cli->err);
	if (rc)
		return rc;
	doc = json_pack("{s:s,s:s,s:s,s:s,s:{s:s,s:I},s:[s]}", "number", "228/LĐLĐ", "place",
			"Hà Nội", "date", "2024-01-16", "subject", SUBJECT, "recipients", "mode",
			"children_of", "unit_id", (json_int_t)hn.id, "tasks",
			"Truyền thông các hoạt động chăm lo đoàn viên, NLĐ dịp Tết Giáp Thìn 2024.");
	lt_demo_clock("2024-01-16 15:00");
	rc = lt_directive_check(doc, true, &checked, &cli->err);
	if (!rc)
		rc = lt_directive_create(db, hn.id, checked, "directive", 0, 0, 0, id, &cli->err);
	if (!rc)
		rc = lt_directive_issue(db, *id, 0, NULL, &cli->err);
	lt_demo_clock("2024-01-17 08:10");
	if (!rc)
		rc = lt_receipt_ack(db, *id, gl.id, 0, &cli->err);
	json_decref(doc);
	json_decref(checked);
	return rc;
}

static int district_directive(lt_cli *cli, lt_db *db, lt_arena *a, int64_t parent, int64_t *id)
{
	char *path = lt_arena_printf(a, "%s/42-LDLD-gia-lam-2024.txt", lt_demo_dir());
	char *text = NULL;
	size_t len = 0;
	lt_letter *l = NULL;
	lt_unit gl;
	json_t *doc = NULL, *checked = NULL, *refs;
	int rc = lt_cli_read_file(cli, path, 1u << 20, &text, &len);

	if (!rc)
		rc = lt_letter_parse(text, len, &l, &cli->err);
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
	rc = lt_directive_check(doc, true, &checked, &cli->err);
	if (!rc)
		rc = lt_directive_create(db, gl.id, checked, "directive", 0, parent, 0, id, &cli->err);
	if (!rc)
		rc = lt_directive_issue(db, *id, 0, NULL, &cli->err);
out:
	json_decref(doc);
	json_decref(checked);
	lt_letter_free(l);
	free(text);
	return rc;
}

/* Over the next days most unions open the letter and many acknowledge it. */
static int receipts(lt_cli *cli, lt_db *db, int64_t id)
{
	json_t *items = NULL, *counts = NULL, *x;
	size_t i;
	int rc = lt_receipt_list(db, id, NULL, &items, &counts, &cli->err);

	json_array_foreach(items, i, x) {
		int64_t unit = json_integer_value(json_object_get(json_object_get(x, "unit"), "id"));
		char when[32];
		if (rc)
			break;
		/* A fixed pattern: 1 in 4 never opens, 1 in 4 only opens, the rest acknowledge. */
		if (i % 4 == 1)
			continue;
		snprintf(when, sizeof(when), "2024-01-%02d %02d:%02d", 18 + (int)(i % 5),
			 8 + (int)(i % 9), (int)(i * 7 % 60));
		lt_demo_clock(when);
		rc = i % 4 == 2 ? lt_receipt_open(db, id, unit, 0, &cli->err)
				: lt_receipt_ack(db, id, unit, 0, &cli->err);
	}
	json_decref(items);
	json_decref(counts);
	return rc;
}

int lt_demo_directives(lt_cli *cli, lt_db *db, lt_arena *a)
{
	int64_t city = 0, district = 0;
	int rc = city_directive(cli, db, a, &city);

	if (!rc)
		rc = district_directive(cli, db, a, city, &district);
	if (!rc)
		rc = receipts(cli, db, district);
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
