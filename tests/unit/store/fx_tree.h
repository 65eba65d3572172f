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

/*
 * The tree both tests run on, into unit[0..14): a district, three communes,
 * grassroots under them and two one level deeper; and into dir[0..3) three
 * directives of the district: its day after the tests' moves (2024-02-01),
 * its day before them, and one of the first commune carrying out the first.
 */
#define FX_TREE_UNITS 14
static inline void fx_tree(lt_db *db, int64_t unit[FX_TREE_UNITS], int64_t dir[3])
{
	static const struct {
		const char *code, *level;
		int parent; /* index in unit[], -1: none */
	} t[FX_TREE_UNITS] = {
		{ "GL", "district", -1 },   { "C1", "commune", 0 },     { "C2", "commune", 0 },
		{ "C3", "commune", 0 },     { "G1", "grassroots", 1 },  { "G2", "grassroots", 1 },
		{ "G3", "grassroots", 1 },  { "G4", "grassroots", 2 },  { "G5", "grassroots", 2 },
		{ "G6", "grassroots", 3 },  { "G7", "grassroots", 3 },  { "T1", "grassroots", 4 },
		{ "T2", "grassroots", 4 },  { "G8", "grassroots", 3 },
	};

	for (int i = 0; i < FX_TREE_UNITS; i++)
		unit[i] = fx_unit(db, t[i].code, t[i].level, t[i].parent < 0 ? 0 : unit[t[i].parent]);
	dir[0] = fx_directive(db, unit[0], unit[0], "42/LĐLĐ", "2024-02-20", 0);
	dir[1] = fx_directive(db, unit[0], unit[0], "7/LĐLĐ", "2024-01-10", 0);
	dir[2] = fx_directive(db, unit[1], unit[1], "3/CĐ", "2024-02-25", dir[0]);
}

#endif
