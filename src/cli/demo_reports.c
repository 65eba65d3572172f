/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * demo_reports.c — the 42/LĐLĐ campaign as a district officer meets it in
 * February 2024: most unions have reported (a few late), some reports wait
 * for review, one was returned with a comment, and about one in five has
 * not reported yet — so the dashboard has something to show at once.
 * Three communes (Yên Viên, Đa Tốn, Kiêu Kỵ) are still at work: none of
 * their unions has reported, so their records stay open to edit in the demo
 * — but for one Đa Tốn union whose report waits for the commune's review.
 * Reports are submitted and reviewed through the same use cases as the web
 * and the console (app/report.h), as the console operator.
 */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "app/report.h"
#include "cli/demo.h"
#include "store/directive.h"

/* Submit the report of unit at when; then review it: 'a'ccept, 'r'eturn or leave ('-'). */
static int submit(lt_cli *cli, lt_db *db, lt_arena *a, const lt_actor *op, int64_t dir,
		  int64_t unit, const char *when, char review)
{
	lt_report_submit_in in = { .ref = { dir, unit }, .kind = "final" };
	int rc;

	lt_demo_clock(when);
	rc = lt_app_report_submit(db, op, &in, NULL, a, NULL, &cli->err);
	if (!rc && review == 'a')
		rc = lt_app_report_review(db, op, &in.ref, LT_REPORT_ACCEPT, NULL, a, NULL, &cli->err);
	if (!rc && review == 'r')
		rc = lt_app_report_review(db, op, &in.ref, LT_REPORT_RETURN,
					  "Đề nghị bổ sung số liệu quà tặng và số người được thăm hỏi.",
					  a, NULL, &cli->err);
	return rc;
}

int lt_demo_reports(lt_cli *cli, lt_db *db, lt_arena *a)
{
	json_t *items = NULL, *counts = NULL, *x;
	lt_actor op;
	int64_t dir = 0;
	bool returned = false;
	size_t i;
	int rc = lt_directive_find(db, "42/LĐLĐ", &dir, &cli->err);

	lt_actor_operator(&op);
	if (!rc)
		rc = lt_receipt_list(db, dir, NULL, &items, &counts, &cli->err);
	json_array_foreach(items, i, x) {
		int64_t unit = json_integer_value(json_object_get(json_object_get(x, "unit"), "id"));
		const char *code = json_string_value(json_object_get(json_object_get(x, "unit"), "code"));
		char when[32];
		int k = (int)(i % 10);
		if (rc)
			break;
		/* One Đa Tốn union has submitted: its report waits at the commune (xa-00577). */
		if (!strcmp(code, "01.018.00577.06")) {
			rc = submit(cli, db, a, &op, dir, unit, "2024-02-15 09:10", '-');
			continue;
		}
		if (!strncmp(code, "01.018.00526.", 13) || !strncmp(code, "01.018.00577.", 13) ||
		    !strncmp(code, "01.018.00580.", 13))
			continue;
		if (k <= 5) { /* on time, accepted */
			snprintf(when, sizeof(when), "2024-02-%02d %02d:%02d", 5 + (int)(i % 15),
				 8 + (int)(i % 9), (int)(i * 13 % 60));
			rc = submit(cli, db, a, &op, dir, unit, when, 'a');
		} else if (k == 6) { /* late, accepted */
			snprintf(when, sizeof(when), "2024-02-%02d 10:%02d", 22 + (int)(i % 4),
				 (int)(i % 60));
			rc = submit(cli, db, a, &op, dir, unit, when, 'a');
		} else if (k == 7) { /* on time, waiting for review; the first one was returned */
			snprintf(when, sizeof(when), "2024-02-%02d 15:30", 10 + (int)(i % 9));
			rc = submit(cli, db, a, &op, dir, unit, when, returned ? '-' : 'r');
			returned = true;
		}
		/* k = 8, 9: nothing submitted yet */
	}
	json_decref(items);
	json_decref(counts);
	return rc;
}
