/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * fx_tree.h — what test_rollup_keep.c and test_move_locks.c make their union
 * tree and directives with. Test code only; failures end the test.
 */
#ifndef LT_TEST_FX_TREE_H
#define LT_TEST_FX_TREE_H

#include <jansson.h>

#include "core/directive.h"
#include "store/directive.h"
#include "store/unit.h"

/* A unit under parent (0: a root), active since 2020: its id. */
static inline int64_t fx_unit(lt_db *db, const char *code, const char *level, int64_t parent)
{
	lt_unit_input in = { .code = code, .name = code, .level = level, .parent_id = parent,
			     .active_from = "2020-01-01" };
	lt_error e;
	int64_t id = 0;

	if (lt_unit_create(db, &in, 0, &id, &e))
		fail_msg("%s", e.en);
	return id;
}

/*
 * A directive of issuer to the grassroots under root, asking for people
 * supported and VND, its report due on deadline, carrying out implements
 * (0: none), issued: its id.
 */
static inline int64_t fx_directive(lt_db *db, int64_t issuer, int64_t root, const char *number,
				   const char *deadline, int64_t implements)
{
	lt_error e;
	json_t *doc = NULL;
	json_t *in = json_pack("{s:s,s:s,s:s,s:{s:s,s:I},s:[s],s:s,s:[s,s]}", "number", number,
			       "date", "2024-01-05", "subject", "Tết", "recipients", "mode",
			       "grassroots_under", "unit_id", (json_int_t)root, "tasks", "báo cáo",
			       "report_deadline", deadline, "indicators", "people_supported",
			       "support_vnd");
	int64_t id = 0, n = 0;

	if (lt_directive_check(in, true, &doc, &e))
		fail_msg("%s", e.en);
	if (lt_directive_create(db, issuer, doc, "directive", 0, implements, 0, &id, &e) ||
	    lt_directive_issue(db, id, 0, &n, &e))
		fail_msg("%s", e.en);
	json_decref(in);
	json_decref(doc);
	return id;
}

#endif
