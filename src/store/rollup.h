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
#include "core/tree.h"
#include "store/db.h"

/* Bounds of a snapshot: units[] only for subtrees this small; missing_units[] at most this long. */
#define LT_ROLLUP_UNITS_MAX 500
#define LT_ROLLUP_MISSING_MAX 200

typedef struct lt_rollup_opts {
	bool include_submitted; /* count submitted reports too, not only accepted */
	bool per_unit;          /* list every counted unit's figures (small subtrees) */
	const char *as_of;      /* override the reference day (tests), or NULL */
	bool recompute;         /* figures and completeness from the rows, never the kept tables */
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
 * lies under within (NULL: all), read from the kept totals of
 * store/figure_total.h: a handful of rows whatever the subtree. Rows in a.
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

/* ---- The roll-up kept current (rollup_keep.c, rollup_build.c) ----
 *
 * rollup_total and rollup_count (migration 16) hold, per directive and
 * unit, the figures of the unit's strict subtree and the completeness of
 * its subtree, by the rule above (the tree as it stood on the reference
 * day, DIRSET, the counted reports). Every write that changes them keeps
 * them in its own transaction: a figure (store/indicator.c), a report's
 * state (store/report.c), a unit moved or closed (store/unit.c), a
 * directive issued (its receipts). lt_rollup_collect stays the reference;
 * lt_rollup_verify compares the two.
 */

/* One indicator of a kept roll-up. value is NAN when no counted unit has one. */
typedef struct lt_rollup_fig {
	const char *code;
	const char *aggregation;
	double value;
	int64_t units;
	bool asked;
} lt_rollup_fig;

typedef struct lt_rollup_kept {
	char day[11];     /* the reference day */
	bool stood;       /* the unit stood in the tree on the day */
	lt_rollup_fig *figs; /* indicators with units > 0 or asked, catalogue order */
	size_t nfigs;
	int64_t expected, on_time, late; /* recipients in the subtree, itself included */
} lt_rollup_kept;

/*
 * The roll-up of (directive, unit) read from the kept tables: a handful of
 * indexed rows whatever the subtree's size. include_submitted: the
 * accepted-or-submitted basis. Builds the directive's rows first when they
 * are not built yet (an old database). Rows in a.
 */
LT_MUST_CHECK int lt_rollup_read(lt_db *db, int64_t directive, int64_t unit,
				 bool include_submitted, lt_arena *a, lt_rollup_kept *out,
				 lt_error *e);

/* Build the directive's kept rows from scratch (inside the caller's transaction if any). */
LT_MUST_CHECK int lt_rollup_rebuild(lt_db *db, int64_t directive, lt_error *e);

/* One difference between the kept rows and a recomputation. */
typedef struct lt_rollup_diff {
	int64_t directive, unit;
	int basis;         /* 0 accepted, 1 with submitted; -1 for completeness */
	const char *code;  /* indicator, or "expected" / "on_time" / "late" */
	double kept, fresh;
	int64_t kept_units, fresh_units;
	bool stale;        /* the directive's rows were never built */
} lt_rollup_diff;

typedef void (*lt_rollup_diff_fn)(const lt_rollup_diff *d, void *ctx);

/*
 * Recompute the directive's roll-up from scratch and compare it with the
 * kept rows: each difference goes to fn (may be NULL), *ndiff counts them.
 * repair: rebuild the rows when they differ. Runs in one transaction.
 */
LT_MUST_CHECK int lt_rollup_verify(lt_db *db, int64_t directive, bool repair, lt_rollup_diff_fn fn,
				   void *ctx, size_t *ndiff, lt_error *e);

/* The ids of every directive, in order (for a verify of them all). Rows in a. */
LT_MUST_CHECK int lt_rollup_directives(lt_db *db, lt_arena *a, int64_t **ids, size_t *n,
				       lt_error *e);

/* --- The hooks of the writes (called inside the writer's transaction) --- */

/*
 * Take the upkeep locks of directive and of the directives it rolls up into
 * (rollup_lock rows, in id order, held until the transaction ends). Every
 * write of a directive's kept rows (roll-up, figure totals, report-state
 * counts) takes them before its first write of a row they guard, so that
 * two writers never wait for each other's rows; taking them again in the
 * same transaction does not wait.
 */
LT_MUST_CHECK int lt_rollup_lock(lt_db *db, int64_t directive, lt_error *e);

/*
 * A figure of (directive, unit, code) went from old (had) to new (has). The
 * caller holds lt_rollup_lock(directive), taken before it wrote the figure.
 */
LT_MUST_CHECK int lt_rollup_keep_figure(lt_db *db, int64_t directive, int64_t unit,
					const char *code, bool had, double old, bool has,
					double now, lt_error *e);

/*
 * What a report's change may alter, taken before it (lt_rollup_mark_report,
 * which takes the upkeep locks first: call it with the report's row locked,
 * lt_report_open, as the writes lock the row before the directive).
 */
typedef struct lt_rollup_mark {
	int64_t directive, unit;
	size_t n;
	int64_t dirs[4];     /* the directive and those it rolls up into */
	bool counted[4][2];  /* per dirs[i], per basis */
	bool submitted;      /* first_submitted_at was set */
	char status[12];     /* the report's status before the change */
} lt_rollup_mark;

LT_MUST_CHECK int lt_rollup_mark_report(lt_db *db, int64_t report_id, lt_rollup_mark *m,
					lt_error *e);
/*
 * After the report's change: move the unit's figures and completeness where
 * they now count, and its state in the counts by report state above it.
 */
LT_MUST_CHECK int lt_rollup_keep_report(lt_db *db, const lt_rollup_mark *m, lt_error *e);

/*
 * The items' counts (rollup_items.c). Before an item write, after its
 * links' locks: name the items' directive, the written items without a
 * link by id (first..last; 0: none yet) and every link the write touches
 * (old and new); the mark reads the rows the write may change, and with
 * lock takes the upkeep locks; without, keep takes them, and must come
 * before the write reads any unit's row FOR SHARE (a tree move takes the
 * locks, then the rows). After the write, keep reads them again (first..last:
 * the items as they now are, a new one included) and adds the difference
 * to the kept rows. keep frees m; so does lt_rollup_items_mark_free.
 */
struct lt_rollup_items_state;
typedef struct lt_rollup_items {
	struct lt_rollup_items_state *s;
} lt_rollup_items;

LT_MUST_CHECK int lt_rollup_items_mark(lt_db *db, int64_t directive, int64_t first, int64_t last,
				       const char *const *links, size_t nlinks, bool lock,
				       lt_rollup_items *m, lt_error *e);
LT_MUST_CHECK int lt_rollup_items_keep(lt_db *db, lt_rollup_items *m, int64_t first, int64_t last,
				       lt_error *e);
void lt_rollup_items_mark_free(lt_rollup_items *m);

/* The paths of a unit before a tree change, per directive whose day is on or after date. */
typedef struct lt_rollup_tree_mark {
	int64_t unit;
	size_t n;
	struct lt_rollup_was *was; /* malloc'd */
	char path[LT_PATH_MAX];    /* the unit's current path before the change (activity counts) */
} lt_rollup_tree_mark;

/*
 * Before the change: t gets the unit's paths, and the transaction the upkeep
 * locks (lt_rollup_lock) of every directive whose kept rows the change will
 * move, in id order, before the tree changes (as every write takes them
 * before its rows). The caller then locks the subtree's unit rows.
 */
LT_MUST_CHECK int lt_rollup_mark_tree(lt_db *db, int64_t unit, const char *date,
				      lt_rollup_tree_mark *t, lt_error *e);
/* After the move or close: the unit's subtree leaves its old ancestors for the new. Frees t. */
LT_MUST_CHECK int lt_rollup_keep_tree(lt_db *db, lt_rollup_tree_mark *t, lt_error *e);
void lt_rollup_tree_mark_free(lt_rollup_tree_mark *t);

#endif
