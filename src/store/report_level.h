/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * report_level.h — approval by level: the recipients of a directive below
 * one unit and the state of each one's report (none yet, draft, submitted,
 * returned, accepted), for its direct children and for its whole subtree.
 */
#ifndef LT_STORE_REPORT_LEVEL_H
#define LT_STORE_REPORT_LEVEL_H

#include <stdint.h>

#include "core/arena.h"
#include "core/error.h"
#include "store/db.h"

/* A recipient child and its report's status ("none" when it has no report row). */
typedef struct lt_report_state {
	int64_t unit_id;
	const char *code, *name, *status; /* arena-owned */
} lt_report_state;

/*
 * The direct children of parent that are recipients of directive, by unit
 * id after after_id (0: from the start), at most max (0: no limit), into
 * *out (arena array of *n).
 */
LT_MUST_CHECK int lt_report_child_states(lt_db *db, int64_t directive, int64_t parent,
					 int64_t after_id, int max, lt_arena *a,
					 lt_report_state **out, size_t *n, lt_error *e);

/* Recipients by the state of their report. */
typedef struct lt_report_state_counts {
	int64_t none, draft, submitted, returned, accepted;
} lt_report_state_counts;

/*
 * Count the recipients of directive among the direct children of parent
 * (into *kids) and strictly under path, parent's path (into *subtree).
 */
LT_MUST_CHECK int lt_report_level_counts(lt_db *db, int64_t directive, int64_t parent,
					 const char *path, lt_report_state_counts *kids,
					 lt_report_state_counts *subtree, lt_error *e);

#endif
