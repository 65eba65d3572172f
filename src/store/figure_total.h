/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * figure_total.h — the figures summary's totals kept current (issue 10):
 * per directive × unit × indicator, the sum, the largest value and the
 * count of the values entered by the directive's recipients in the unit's
 * strict subtree as it stands now (the unit's own value is added on
 * reading), and under the code "" the number of recipients there (units).
 * Every figure write and every move of a unit keeps them in its
 * own transaction, so a national total is one row instead of a scan of
 * every recipient's figures. The directive's kept rows are built with the
 * roll-up's (lt_rollup_rebuild) and checked with it (lt_rollup_verify).
 */
#ifndef LT_FIGURE_TOTAL_H
#define LT_FIGURE_TOTAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/error.h"
#include "store/db.h"

/* Migration 23: the table; every directive is marked for a rebuild on its first read. */
#define LT_FIGURE_TOTAL_SCHEMA                                                                  \
	"CREATE TABLE figure_total ("                                                            \
	"  directive_id BIGINT NOT NULL,"                                                        \
	"  unit_id BIGINT NOT NULL,"                                                             \
	"  code TEXT NOT NULL,"                                                                  \
	"  total DOUBLE PRECISION NOT NULL,"                                                     \
	"  top DOUBLE PRECISION NOT NULL,"                                                       \
	"  units BIGINT NOT NULL,"                                                               \
	"  PRIMARY KEY (directive_id, unit_id, code));"                                          \
	"CREATE INDEX figure_total_unit ON figure_total(unit_id);"                               \
	"INSERT INTO rollup_stale(directive_id) SELECT id FROM directive"                        \
	" WHERE id NOT IN (SELECT directive_id FROM rollup_stale);"

/* One indicator's total over a subtree's recipients. */
typedef struct lt_figure_total {
	const char *code;
	double sum, max;
	int64_t units; /* recipients with a value */
} lt_figure_total;

/*
 * The totals of the recipients of directive in unit's subtree (itself
 * included), or over the whole tree when unit is 0: the kept rows of the
 * unit (of each root) and the unit's own values. Rows in a, code order.
 */
LT_MUST_CHECK int lt_figure_total_read(lt_db *db, int64_t directive, int64_t unit, lt_arena *a,
				       lt_figure_total **out, size_t *n, lt_error *e);

/*
 * A figure of (directive, unit, code) went from old (had) to now (has):
 * move the difference along the unit's strict ancestors when the unit is a
 * recipient. Call inside the write's transaction, after the write, holding
 * the directive's upkeep locks (lt_rollup_lock) taken before it.
 */
LT_MUST_CHECK int lt_figure_total_keep(lt_db *db, int64_t directive, int64_t unit,
				       const char *code, bool had, double old, bool has,
				       double now, lt_error *e);

/* The unit's subtree left old_path for its current path: move its totals. */
LT_MUST_CHECK int lt_figure_total_move(lt_db *db, int64_t unit, const char *old_path,
				       lt_error *e);

/* Build the directive's kept rows from scratch (inside the caller's transaction). */
LT_MUST_CHECK int lt_figure_total_rebuild(lt_db *db, int64_t directive, lt_error *e);

/* One kept row that differs from the recount (verify). */
typedef struct lt_figure_total_diff {
	int64_t directive, unit;
	const char *code;
	double kept_sum, real_sum, kept_max, real_max;
	int64_t kept_units, real_units;
} lt_figure_total_diff;

typedef void (*lt_figure_total_diff_fn)(const lt_figure_total_diff *d, void *ctx);

/*
 * Recount the directive's rows from the figures and compare them with the
 * kept ones: *ndiff differences, each to fn (may be NULL). With repair,
 * the kept rows are rebuilt when they differ. Inside the caller's transaction.
 */
LT_MUST_CHECK int lt_figure_total_verify(lt_db *db, int64_t directive, bool repair,
					 lt_figure_total_diff_fn fn, void *ctx, size_t *ndiff,
					 lt_error *e);

#endif
