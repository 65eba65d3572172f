/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * rollup.h — a report's figures over a subtree, and who has reported.
 *
 * The tree is read as it stood on the directive's reference day (its
 * report deadline, else its date): units moved, merged or closed later are
 * counted where they were. The set of units counted is the root itself
 * plus every unit of the subtree whose report is accepted (or, with
 * include_submitted, accepted or submitted).
 *
 * Why not SQL all the way: a national directive has ~130,000 reporting
 * units and ~20 figures each. One range scan of unit_version marks the
 * subtree in a bitmap, one scan of the directive's figures aggregates them
 * in C by each indicator's rule; no per-row tree walk (see bench/).
 */
#ifndef LT_ROLLUP_H
#define LT_ROLLUP_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/error.h"
#include "store/db.h"

/* Bounds of a snapshot: units[] only for subtrees this small; missing_units[] at most this long. */
#define LT_ROLLUP_UNITS_MAX 500
#define LT_ROLLUP_MISSING_MAX 200

typedef struct lt_rollup_opts {
	bool include_submitted; /* count submitted reports too, not only accepted */
	bool per_unit;          /* list every counted unit's figures (small subtrees) */
	const char *as_of;      /* override the reference day (tests), or NULL */
} lt_rollup_opts;

/*
 * The snapshot of (directive, unit): directive and unit headers, rollup
 * {figures[], item_totals{}, items[], items_per_day{}, contests{}}, children[]
 * (per child of the unit: figures, counts, completeness), units[] when
 * per_unit (and the subtree has at most LT_ROLLUP_UNITS_MAX units),
 * completeness{}. New reference in *out.
 */
/* (The workers' feedback of the subtree is added by app/report.c.) */
LT_MUST_CHECK int lt_rollup_collect(lt_db *db, int64_t directive, int64_t unit, const lt_rollup_opts *o,
		      json_t **out, lt_error *e);

/*
 * Only the figures: {code: value} over the subtree (for benchmarks and the
 * dashboard). New reference in *out.
 */
LT_MUST_CHECK int lt_rollup_figures(lt_db *db, int64_t directive, int64_t unit, const lt_rollup_opts *o,
		      json_t **out, lt_error *e);

/* Per indicator over the recipients of a directive under a path (figures summary). */
typedef struct lt_rollup_total {
	const char *code;
	double sum, max;
	int64_t units; /* recipients with a value */
} lt_rollup_total;

/*
 * Totals of every indicator over the recipients of directive whose path
 * lies under within (NULL: all): one aggregate query on the figures'
 * covering index, nothing per unit in memory. Rows in a.
 */
LT_MUST_CHECK int lt_rollup_recipient_totals(lt_db *db, int64_t directive, const char *within,
					     lt_arena *a, lt_rollup_total **out, size_t *n,
					     lt_error *e);

/*
 * One page of those recipients in tree order: at most limit units whose
 * path sorts after `after` (NULL: from the start). Rows (with path) in a.
 */
struct lt_act_unit;
LT_MUST_CHECK int lt_rollup_recipients_page(lt_db *db, int64_t directive, const char *within,
					    const char *after, int limit, lt_arena *a,
					    struct lt_act_unit **out, size_t *n, lt_error *e);

/* The reference day of a directive into day[11]. */
LT_MUST_CHECK int lt_rollup_day(lt_db *db, int64_t directive, char day[11], lt_error *e);

#endif
