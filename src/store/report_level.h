/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * report_level.h — approval by level: the recipients of a directive under
 * one unit counted by the state of their reports (kept current), and the
 * unit's direct children holding recipients with their own report's state.
 * Typed rows only; app/report_level.c sums them up.
 */
#ifndef LT_STORE_REPORT_LEVEL_H
#define LT_STORE_REPORT_LEVEL_H

#include <stdbool.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/error.h"
#include "store/db.h"

/*
 * The recipients strictly under each unit by the state of their report, per
 * directive, kept current (migration 25, table report_state_count): the
 * report page's level reads one row instead of walking the subtree's
 * recipients (the national unit: 126k). The tree is the current one
 * (parent links), as lt_report_states_under's paths. A WITH prefix ending
 * in a relation "recount"(d, u, n0..n4: none, draft, submitted, returned,
 * accepted); FILTER narrows the receipts (alias r). Shared by the
 * migration, the rebuild and the verify.
 */
#define LT_REPORT_STATE_REAL(FILTER)                                                            \
	"WITH RECURSIVE st AS (SELECT r.directive_id AS d, r.unit_id AS u,"                     \
	"  COALESCE(p.status, 'none') AS s FROM receipt r LEFT JOIN report p"                   \
	"  ON p.directive_id = r.directive_id AND p.unit_id = r.unit_id WHERE " FILTER "),"     \
	" up(d, s, a) AS (SELECT st.d, st.s, x.parent_id FROM st JOIN unit x ON x.id = st.u"   \
	"  WHERE x.parent_id IS NOT NULL UNION ALL SELECT up.d, up.s, p.parent_id FROM up"      \
	"  JOIN unit p ON p.id = up.a WHERE p.parent_id IS NOT NULL),"                          \
	" recount AS (SELECT d, a AS u,"                                                         \
	"  CAST(sum(CASE WHEN s = 'none' THEN 1 ELSE 0 END) AS BIGINT) AS n0,"                  \
	"  CAST(sum(CASE WHEN s = 'draft' THEN 1 ELSE 0 END) AS BIGINT) AS n1,"                 \
	"  CAST(sum(CASE WHEN s = 'submitted' THEN 1 ELSE 0 END) AS BIGINT) AS n2,"             \
	"  CAST(sum(CASE WHEN s = 'returned' THEN 1 ELSE 0 END) AS BIGINT) AS n3,"              \
	"  CAST(sum(CASE WHEN s = 'accepted' THEN 1 ELSE 0 END) AS BIGINT) AS n4"               \
	"  FROM up GROUP BY d, a)"

#define LT_REPORT_STATE_INSERT                                                                  \
	" INSERT INTO report_state_count(directive_id, unit_id, n_none, n_draft, n_submitted,"  \
	" n_returned, n_accepted) SELECT d, u, n0, n1, n2, n3, n4 FROM recount;"

/* The table and its filling (migration 25). */
#define LT_REPORT_STATE_SCHEMA                                                                  \
	"CREATE TABLE report_state_count ("                                                      \
	"  directive_id BIGINT NOT NULL,"                                                        \
	"  unit_id BIGINT NOT NULL,"                                                             \
	"  n_none BIGINT NOT NULL DEFAULT 0,"                                                    \
	"  n_draft BIGINT NOT NULL DEFAULT 0,"                                                   \
	"  n_submitted BIGINT NOT NULL DEFAULT 0,"                                               \
	"  n_returned BIGINT NOT NULL DEFAULT 0,"                                                \
	"  n_accepted BIGINT NOT NULL DEFAULT 0,"                                                \
	"  PRIMARY KEY (directive_id, unit_id));"                                                \
	"CREATE INDEX report_state_count_unit ON report_state_count(unit_id);"                  \
	LT_REPORT_STATE_REAL("true") LT_REPORT_STATE_INSERT

/* The five states in the table's column order; index of a status (none: 0), name of an index. */
#define LT_REPORT_STATES 5
int lt_report_state_index(const char *status);
const char *lt_report_state_name(int i);

/* A unit and its report's status ("none" when it has no report row). */
typedef struct lt_report_state {
	int64_t unit_id;
	const char *path, *status; /* arena-owned */
} lt_report_state;

/*
 * Every recipient of directive strictly under path (a unit's path), with its
 * report's status, in path order, into *out (arena array of *n). Bounded by
 * the directive's recipients (the national tree: 130k): the walk the kept
 * counts below replace, kept as their reference (the property test).
 */
LT_MUST_CHECK int lt_report_states_under(lt_db *db, int64_t directive, const char *path,
					 lt_arena *a, lt_report_state **out, size_t *n,
					 lt_error *e);

/*
 * The kept counts of recipients strictly under unit (one row; zeros when
 * none), in LT_REPORT_STATES order.
 */
LT_MUST_CHECK int lt_report_state_kept(lt_db *db, int64_t directive, int64_t unit,
					 int64_t out[LT_REPORT_STATES], lt_error *e);

/*
 * parent's direct children (current tree) that are recipients or hold
 * recipients under them, by unit id after `after`, at most max (0: all),
 * each with its own report's status ("none" without a report row; path NULL).
 * An index walk of parent's children: bounded by its fan-out, not its subtree.
 */
LT_MUST_CHECK int lt_report_level_children(lt_db *db, int64_t directive, int64_t parent,
					   int64_t after, int max, lt_arena *a,
					   lt_report_state **out, size_t *n, lt_error *e);

/*
 * The unit's report on directive went from status `from` to `to` ("none":
 * no row): move it along the kept counts of its ancestors when the unit is a
 * recipient. Call inside the write's transaction, after the write (with the
 * report's row locked); it takes the directive's upkeep locks (lt_rollup_lock)
 * before the first count.
 */
LT_MUST_CHECK int lt_report_state_keep(lt_db *db, int64_t directive, int64_t unit,
				       const char *from, const char *to, lt_error *e);

/* The unit's subtree left old_path for its current path: move its counts (every directive). */
LT_MUST_CHECK int lt_report_state_move(lt_db *db, int64_t unit, const char *old_path,
				       lt_error *e);

/* Rebuild directive's kept counts from the receipts and reports. */
LT_MUST_CHECK int lt_report_state_rebuild(lt_db *db, int64_t directive, lt_error *e);

/* One kept row that differs from the recount (verify): counts in LT_REPORT_STATES order. */
typedef struct lt_report_state_diff {
	int64_t directive, unit;
	int64_t kept[LT_REPORT_STATES], real[LT_REPORT_STATES];
} lt_report_state_diff;

typedef void (*lt_report_state_diff_fn)(const lt_report_state_diff *d, void *ctx);

/* Recount directive's rows and compare with the kept ones; *ndiff how many differ. */
LT_MUST_CHECK int lt_report_state_verify(lt_db *db, int64_t directive,
					 lt_report_state_diff_fn fn, void *ctx, size_t *ndiff,
					 lt_error *e);

#endif
