/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * report_level.h — approval by level: the recipients of a directive under
 * one unit with the state of their reports, and the report rows of the
 * unit's direct children. Typed rows only; app/report_level.c sums them up.
 */
#ifndef LT_STORE_REPORT_LEVEL_H
#define LT_STORE_REPORT_LEVEL_H

#include <stdint.h>

#include "core/arena.h"
#include "core/error.h"
#include "store/db.h"

/* A unit and its report's status ("none" when it has no report row). */
typedef struct lt_report_state {
	int64_t unit_id;
	const char *path, *status; /* arena-owned */
} lt_report_state;

/*
 * Every recipient of directive strictly under path (a unit's path), with its
 * report's status, in path order, into *out (arena array of *n). Bounded by
 * the directive's recipients (the national tree: 130k).
 */
LT_MUST_CHECK int lt_report_states_under(lt_db *db, int64_t directive, const char *path,
					 lt_arena *a, lt_report_state **out, size_t *n,
					 lt_error *e);

/* The report rows of directive of parent's direct children (path NULL), by unit id. */
LT_MUST_CHECK int lt_report_child_reports(lt_db *db, int64_t directive, int64_t parent,
					  lt_arena *a, lt_report_state **out, size_t *n,
					  lt_error *e);

#endif
