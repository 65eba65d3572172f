/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * rollup_keep.c — the roll-up kept current by the writes that change it,
 * and read back in a handful of indexed rows; see rollup.h.
 *
 * rollup_total(d, A, basis, code) is the figure of A's strict subtree (as
 * it stood on d's day): A's own figures always count in A's roll-up but in
 * its parent's only when A's report counts, so they are added on reading.
 * A sum moves by deltas along the ancestors of the unit that changed; a max
 * or a latest value cannot lose a value by a delta, so its rows on those
 * ancestors are recomputed from the subtree (no indicator of the catalogue
 * uses them today).
 */
#include "store/rollup.h"
#include "store/rollup_int.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/report.h"
#include "core/tree.h"
#include "store/activity_count.h"
#include "store/figure_total.h"
#include "store/report_level.h"
#include "store/store.h"
#include "store/unit_int.h" /* lt_store_grow */

static int oom(lt_error *e)
{
	return lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
}

/* The directive and the ones above it whose DIRSET holds it (four levels). */
int rl_dirs_above(lt_db *db, int64_t d, int64_t out[4], size_t *n, lt_error *e)
{
	*n = 0;
	while (d && *n < 4) {
		lt_stmt *st;
		int rc;
		out[(*n)++] = d;
		rc = lt_db_row(db, "SELECT implements_id FROM directive WHERE id = $1", &st, e,
			       LT_I(d));
		d = rc == 1 && !lt_stmt_is_null(st, 0) ? lt_stmt_int(st, 0) : 0;
		lt_stmt_done(st);
		if (rc < 0)
			return rc;
	}
	return 0;
}

/*
 * Take the directive's upkeep lock (until the transaction ends) and count
 * the write, on PostgreSQL. Every upkeep takes its directives' locks first,
 * in id order, so that two writers never hold ancestor rows the other
 * waits for.
 */
int rl_lock(lt_db *db, int64_t d, lt_error *e)
{
	/* SQLite's writers are one at a time already (BEGIN IMMEDIATE): no row to queue on. */
	if (lt_db_dialect(db) == LT_DIALECT_SQLITE)
		return 0;
	return lt_db_run(db,
			 "INSERT INTO rollup_lock(directive_id, writes) VALUES ($1, 1)"
			 " ON CONFLICT (directive_id) DO UPDATE SET writes = rollup_lock.writes + 1",
			 e, LT_I(d));
}

static int by_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return x < y ? -1 : x > y;
}

/* The locks of dirs[0..n), in id order. */
static int rl_lock_all(lt_db *db, const int64_t *dirs, size_t n, lt_error *e)
{
	int64_t s[4];
	int rc = 0;

	memcpy(s, dirs, n * sizeof(*s));
	qsort(s, n, sizeof(*s), by_id);
	for (size_t i = 0; !rc && i < n; i++)
		rc = rl_lock(db, s[i], e);
	return rc;
}

/* 1 when the directive's rows are not built yet, 0 when they are, < 0 error. */
int rl_stale(lt_db *db, int64_t d, lt_error *e)
{
	lt_stmt *st;
	int rc = lt_db_row(db, "SELECT 1 FROM rollup_stale WHERE directive_id = $1", &st, e, LT_I(d));

	lt_stmt_done(st);
	return rc;
}

/* The unit's path on day: 1 found, 0 it did not stand then, < 0 error. */
int rl_path_on(lt_db *db, int64_t unit, const char *day, char path[LT_PATH_MAX], lt_error *e)
{
	lt_stmt *st;
	int rc = lt_db_row(db,
			   "SELECT path FROM unit_version WHERE unit_id = $1 AND valid_from <= $2"
			   " AND (valid_to IS NULL OR valid_to > $2)",
			   &st, e, LT_I(unit), LT_T(day));

	if (rc == 1)
		snprintf(path, LT_PATH_MAX, "%s", lt_stmt_text(st, 0));
	lt_stmt_done(st);
	return rc;
}

/* Whether the unit's figures count above it, per basis (accepted; accepted or submitted). */
int rl_counted_of(lt_db *db, int64_t d, int64_t u, bool c[2], lt_error *e)
{
	lt_stmt *st = NULL;
	int rc = lt_db_query(db, "SELECT status FROM report WHERE unit_id = $2 AND directive_id IN " DIRSET,
			     &st, e, LT_I(d), LT_I(u));

	c[0] = c[1] = false;
	if (rc)
		return rc;
	while ((rc = lt_stmt_step(st, e)) == 1) {
		const char *s = lt_stmt_text(st, 0);
		c[0] |= !strcmp(s, "accepted");
		c[1] |= !strcmp(s, "accepted") || !strcmp(s, "submitted");
	}
	lt_stmt_done(st);
	return rc < 0 ? rc : 0;
}

static int agg_of(lt_db *db, const char *code, enum agg *how, lt_error *e)
{
	lt_stmt *st;
	int rc;

	if (code[0] == RL_ITEM_CODE) { /* an item count (rollup_items.c) */
		*how = AGG_SUM;
		return 0;
	}
	rc = lt_db_row(db, "SELECT aggregation FROM indicator WHERE code = $1", &st, e,
			   LT_T(code));

	*how = rc == 1 ? rl_agg_of(lt_stmt_text(st, 0)) : AGG_NONE;
	lt_stmt_done(st);
	return rc < 0 ? rc : 0;
}

/* Add (dv, dn) to the sum of (d, a, basis, code); a row left with no unit goes. */
int rl_add_sum(lt_db *db, int64_t d, int64_t a, int b, const char *code, double dv,
		   int64_t dn, lt_error *e)
{
	int rc = lt_db_run(db,
			   "INSERT INTO rollup_total(directive_id, unit_id, basis, code, value, units, at)"
			   " VALUES ($1, $2, $3, $4, $5, $6, 0)"
			   " ON CONFLICT (directive_id, unit_id, basis, code) DO UPDATE SET"
			   " value = rollup_total.value + excluded.value,"
			   " units = rollup_total.units + excluded.units",
			   e, LT_I(d), LT_I(a), LT_I(b), LT_T(code), LT_D(dv), LT_I(dn));

	if (!rc && dn < 0)
		rc = lt_db_run(db,
			       "DELETE FROM rollup_total WHERE directive_id = $1 AND unit_id = $2"
			       " AND basis = $3 AND code = $4 AND units <= 0",
			       e, LT_I(d), LT_I(a), LT_I(b), LT_T(code));
	return rc;
}

/* A max or latest of (d, a, basis, code) recomputed from a's strict subtree on day. */
static int recompute(lt_db *db, int64_t d, const char *day, int64_t a, int b, const char *code,
		     enum agg how, lt_error *e)
{
	lt_stmt *st = NULL;
	char path[LT_PATH_MAX], end[LT_PATH_MAX];
	double acc = NAN;
	int64_t at = 0, n = 0;
	int rc = rl_path_on(db, a, day, path, e);

	if (rc <= 0)
		return rc;
	lt_tree_path_end(path, end);
	rc = lt_db_query(db,
			 "SELECT v.value, v.updated_at FROM indicator_value v"
			 " JOIN unit_version uv ON uv.unit_id = v.unit_id AND uv.valid_from <= $3"
			 "  AND (uv.valid_to IS NULL OR uv.valid_to > $3)"
			 " WHERE v.directive_id IN " DIRSET " AND v.code = $2"
			 " AND uv.path > $4 AND uv.path < $5"
			 " AND EXISTS (SELECT 1 FROM report p WHERE p.unit_id = v.unit_id"
			 "  AND p.status IN ('accepted', $6) AND p.directive_id IN " DIRSET ")",
			 &st, e, LT_I(d), LT_T(code), LT_T(day), LT_T(path), LT_T(end),
			 LT_T(b ? "submitted" : "accepted"));
	if (rc)
		return rc;
	while ((rc = lt_stmt_step(st, e)) == 1) {
		rl_combine(how, &acc, &at, lt_stmt_double(st, 0), lt_stmt_int(st, 1));
		n++;
	}
	lt_stmt_done(st);
	if (rc < 0)
		return rc;
	if (!n)
		return lt_db_run(db,
				 "DELETE FROM rollup_total WHERE directive_id = $1 AND unit_id = $2"
				 " AND basis = $3 AND code = $4",
				 e, LT_I(d), LT_I(a), LT_I(b), LT_T(code));
	return lt_db_run(db,
			 "INSERT INTO rollup_total(directive_id, unit_id, basis, code, value, units, at)"
			 " VALUES ($1, $2, $3, $4, $5, $6, $7)"
			 " ON CONFLICT (directive_id, unit_id, basis, code) DO UPDATE SET"
			 " value = excluded.value, units = excluded.units, at = excluded.at",
			 e, LT_I(d), LT_I(a), LT_I(b), LT_T(code), LT_D(acc), LT_I(n), LT_I(at));
}

/* Change (d, anc[0..n), basis) for code by (dv, dn): a delta for a sum, else recomputed. */
static int move_code(lt_db *db, int64_t d, const char *day, const int64_t *anc, size_t n, int b,
		     const char *code, enum agg how, double dv, int64_t dn, lt_error *e)
{
	int rc = 0;

	for (size_t i = 0; !rc && i < n; i++) {
		if (how == AGG_SUM)
			rc = rl_add_sum(db, d, anc[i], b, code, dv, dn, e);
		else if (how != AGG_NONE)
			rc = recompute(db, d, day, anc[i], b, code, how, e);
	}
	return rc;
}

/* Add (sign +1) or take away (-1) the counts of completeness on anc[0..n). */
static int add_counts(lt_db *db, int64_t d, const int64_t *anc, size_t n, int64_t ex, int64_t ot,
		      int64_t la, lt_error *e)
{
	int rc = 0;

	for (size_t i = 0; !rc && i < n; i++) {
		rc = lt_db_run(db,
			       "INSERT INTO rollup_count(directive_id, unit_id, expected, on_time, late)"
			       " VALUES ($1, $2, $3, $4, $5)"
			       " ON CONFLICT (directive_id, unit_id) DO UPDATE SET"
			       " expected = rollup_count.expected + excluded.expected,"
			       " on_time = rollup_count.on_time + excluded.on_time,"
			       " late = rollup_count.late + excluded.late",
			       e, LT_I(d), LT_I(anc[i]), LT_I(ex), LT_I(ot), LT_I(la));
		if (!rc && ex < 0)
			rc = lt_db_run(db,
				       "DELETE FROM rollup_count WHERE directive_id = $1 AND unit_id = $2"
				       " AND expected <= 0",
				       e, LT_I(d), LT_I(anc[i]));
	}
	return rc;
}

int rl_vals_add(rl_vals *s, const char *code, double value, int64_t units, int64_t at,
		    lt_error *e)
{
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 32;
		rl_val *v = realloc(s->v, cap * sizeof(*v));
		if (!v)
			return oom(e);
		s->v = v;
		s->cap = cap;
	}
	snprintf(s->v[s->n].code, sizeof(s->v[s->n].code), "%s", code);
	s->v[s->n].value = value;
	s->v[s->n].units = units;
	s->v[s->n].at = at;
	s->n++;
	return 0;
}

/* The unit's own figures over DIRSET(d). */
static int own_vals(lt_db *db, int64_t d, int64_t u, rl_vals *out, lt_error *e)
{
	lt_stmt *st = NULL;
	int rc = lt_db_query(db,
			     "SELECT code, value, updated_at FROM indicator_value"
			     " WHERE unit_id = $2 AND directive_id IN " DIRSET,
			     &st, e, LT_I(d), LT_I(u));

	if (rc)
		return rc;
	while (!rc && (rc = lt_stmt_step(st, e)) == 1)
		rc = rl_vals_add(out, lt_stmt_text(st, 0), lt_stmt_double(st, 1), 1, lt_stmt_int(st, 2), e);
	lt_stmt_done(st);
	/* And its own items' counts, which move with its figures. */
	return rc < 0 ? rc : rl_item_own(db, d, u, out, e);
}

/* The kept rows of (d, u, basis): u's strict subtree. */
int rl_kept_vals(lt_db *db, int64_t d, int64_t u, int b, rl_vals *out, lt_error *e)
{
	lt_stmt *st = NULL;
	int rc = lt_db_query(db,
			     "SELECT code, value, units, at FROM rollup_total WHERE directive_id = $1"
			     " AND unit_id = $2 AND basis = $3",
			     &st, e, LT_I(d), LT_I(u), LT_I(b));

	if (rc)
		return rc;
	while (!rc && (rc = lt_stmt_step(st, e)) == 1)
		rc = rl_vals_add(out, lt_stmt_text(st, 0), lt_stmt_double(st, 1), lt_stmt_int(st, 2),
			      lt_stmt_int(st, 3), e);
	lt_stmt_done(st);
	return rc < 0 ? rc : 0;
}

/* Apply rows (sign +1 or -1) to the ancestors anc[0..n) of basis b. */
static int apply_vals(lt_db *db, int64_t d, const char *day, const int64_t *anc, size_t n, int b,
		      const rl_vals *s, int sign, lt_error *e)
{
	int rc = 0;

	for (size_t i = 0; !rc && i < s->n; i++) {
		enum agg how;
		rc = agg_of(db, s->v[i].code, &how, e);
		if (!rc)
			rc = move_code(db, d, day, anc, n, b, s->v[i].code, how, sign * s->v[i].value,
				       sign * s->v[i].units, e);
	}
	return rc;
}

int lt_rollup_lock(lt_db *db, int64_t directive, lt_error *e)
{
	int64_t dirs[4];
	size_t nd = 0;
	int rc = rl_dirs_above(db, directive, dirs, &nd, e);

	return rc ? rc : rl_lock_all(db, dirs, nd, e);
}

int lt_rollup_keep_figure(lt_db *db, int64_t directive, int64_t unit, const char *code, bool had,
			  double old, bool has, double now, lt_error *e)
{
	int64_t dirs[4], anc[RL_DEPTH_MAX];
	size_t nd = 0;
	enum agg how;
	int rc = agg_of(db, code, &how, e);

	/* Locked by the caller (lt_rollup_lock) before it wrote the figure. */
	if (!rc && how != AGG_NONE)
		rc = rl_dirs_above(db, directive, dirs, &nd, e);
	for (size_t i = 0; !rc && i < nd; i++) {
		char day[11], path[LT_PATH_MAX];
		bool c[2];
		size_t n;
		if ((rc = rl_stale(db, dirs[i], e)) != 0) {
			rc = rc < 0 ? rc : 0; /* built from scratch when first read */
			continue;
		}
		rc = lt_rollup_day(db, dirs[i], day, e);
		if (!rc)
			rc = rl_path_on(db, unit, day, path, e);
		if (rc <= 0)
			continue; /* 0: the unit was not in the tree on that directive's day */
		rc = rl_counted_of(db, dirs[i], unit, c, e);
		n = rl_path_ids(path, anc, RL_DEPTH_MAX);
		n = n ? n - 1 : 0; /* its strict ancestors */
		for (int b = 0; !rc && b < 2; b++)
			if (c[b])
				rc = move_code(db, dirs[i], day, anc, n, b, code, how,
					       (has ? now : 0) - (had ? old : 0),
					       (int64_t)has - (int64_t)had, e);
	}
	return rc;
}

int lt_rollup_mark_report(lt_db *db, int64_t report_id, lt_rollup_mark *m, lt_error *e)
{
	lt_stmt *st;
	int rc = lt_db_row(db,
			   "SELECT directive_id, unit_id, first_submitted_at, status FROM report"
			   " WHERE id = $1",
			   &st, e, LT_I(report_id));

	memset(m, 0, sizeof(*m));
	if (rc == 1) {
		m->directive = lt_stmt_int(st, 0);
		m->unit = lt_stmt_int(st, 1);
		m->submitted = !lt_stmt_is_null(st, 2);
		snprintf(m->status, sizeof(m->status), "%s", lt_stmt_text(st, 3));
	}
	lt_stmt_done(st);
	if (rc <= 0)
		return rc;
	/*
	 * Whether the unit counts is read under the locks: two reports of the
	 * unit on directives of one set (a directive and one implementing it)
	 * change it both, and the second must see the first's change.
	 */
	rc = rl_dirs_above(db, m->directive, m->dirs, &m->n, e);
	if (!rc)
		rc = rl_lock_all(db, m->dirs, m->n, e);
	for (size_t i = 0; !rc && i < m->n; i++)
		rc = rl_counted_of(db, m->dirs[i], m->unit, m->counted[i], e);
	return rc;
}

/* The report's first submission: its unit moves from missing to on time or late. */
static int keep_submitted(lt_db *db, const lt_rollup_mark *m, const char *day, const int64_t *anc,
			  size_t n, lt_error *e)
{
	lt_stmt *st;
	int64_t first = 0;
	int rc = lt_db_row(db,
			   "SELECT p.first_submitted_at FROM report p JOIN receipt r"
			   " ON r.directive_id = p.directive_id AND r.unit_id = p.unit_id"
			   " WHERE p.directive_id = $1 AND p.unit_id = $2",
			   &st, e, LT_I(m->directive), LT_I(m->unit));

	if (rc == 1 && !lt_stmt_is_null(st, 0))
		first = lt_stmt_int(st, 0);
	lt_stmt_done(st);
	if (rc <= 0 || !first)
		return rc < 0 ? rc : 0;
	if (first <= lt_deadline_end(day))
		return add_counts(db, m->directive, anc, n, 0, 1, 0, e);
	return add_counts(db, m->directive, anc, n, 0, 0, 1, e);
}

/* The report's state in the counts by state of its unit's ancestors (store/report_level.h). */
static int keep_state(lt_db *db, const lt_rollup_mark *m, lt_error *e)
{
	lt_stmt *st = NULL;
	char now[12] = "";
	int rc = lt_db_row(db, "SELECT status FROM report WHERE directive_id = $1 AND unit_id = $2",
			   &st, e, LT_I(m->directive), LT_I(m->unit));

	if (rc == 1)
		snprintf(now, sizeof(now), "%s", lt_stmt_text(st, 0));
	lt_stmt_done(st);
	return rc <= 0 ? rc : lt_report_state_keep(db, m->directive, m->unit, m->status, now, e);
}

int lt_rollup_keep_report(lt_db *db, const lt_rollup_mark *m, lt_error *e)
{
	int64_t anc[RL_DEPTH_MAX];
	int rc = 0; /* locked by lt_rollup_mark_report */

	if (m->directive)
		rc = keep_state(db, m, e);

	for (size_t i = 0; !rc && i < m->n; i++) {
		char day[11], path[LT_PATH_MAX];
		bool c[2];
		size_t n;
		rl_vals own = { 0 };
		if ((rc = rl_stale(db, m->dirs[i], e)) != 0) {
			rc = rc < 0 ? rc : 0;
			continue;
		}
		rc = lt_rollup_day(db, m->dirs[i], day, e);
		if (!rc)
			rc = rl_path_on(db, m->unit, day, path, e);
		if (rc <= 0)
			continue;
		rc = rl_counted_of(db, m->dirs[i], m->unit, c, e);
		n = rl_path_ids(path, anc, RL_DEPTH_MAX);
		if (!rc && i == 0 && !m->submitted)
			rc = keep_submitted(db, m, day, anc, n, e);
		n = n ? n - 1 : 0;
		if (!rc && (c[0] != m->counted[i][0] || c[1] != m->counted[i][1]))
			rc = own_vals(db, m->dirs[i], m->unit, &own, e);
		for (int b = 0; !rc && b < 2; b++)
			if (c[b] != m->counted[i][b])
				rc = apply_vals(db, m->dirs[i], day, anc, n, b, &own, c[b] ? 1 : -1, e);
		/* Its links may now repeat, or no longer repeat, others of the subtrees above. */
		if (!rc && (c[0] != m->counted[i][0] || c[1] != m->counted[i][1]))
			rc = rl_items_recounted(db, m->dirs[i], day, m->unit, m->counted[i], e);
		free(own.v);
	}
	return rc;
}

/* One directive a tree change may touch, with the unit's path on its day before the change. */
struct lt_rollup_was {
	int64_t directive;
	char day[11];
	char path[LT_PATH_MAX]; /* "" when the unit did not stand on the day */
};

void lt_rollup_tree_mark_free(lt_rollup_tree_mark *t)
{
	free(t->was);
	t->was = NULL;
	t->n = 0;
}

/*
 * The locks of every directive whose kept rows the move of t->unit's subtree
 * changes: the roll-ups of t->was, and the figure totals and report-state
 * counts of the directives the subtree holds rows, recipients or figures
 * of, all of them in one id order before the first row, as the writes do.
 */
static int lock_tree(lt_db *db, const lt_rollup_tree_mark *t, lt_error *e)
{
	lt_stmt *st = NULL;
	int64_t *v = NULL;
	size_t n = 0, k = 0, cap = 0;
	lt_arena a;
	int rc = lt_db_query(db,
			     "SELECT directive_id FROM figure_total WHERE unit_id = $1"
			     " UNION SELECT directive_id FROM report_state_count WHERE unit_id = $1"
			     " UNION SELECT directive_id FROM receipt WHERE unit_id = $1"
			     " ORDER BY 1",
			     &st, e, LT_I(t->unit));

	if (rc)
		return rc;
	lt_arena_init(&a);
	while ((rc = lt_stmt_step(st, e)) == 1) {
		v = lt_store_grow(&a, v, n, &cap, sizeof(*v));
		if (!v) {
			rc = oom(e);
			break;
		}
		v[n++] = lt_stmt_int(st, 0);
	}
	lt_stmt_done(st);
	rc = rc < 0 ? rc : 0;
	/* Merge with t->was (in id order too), each directive once. */
	for (size_t i = 0; !rc && (i < t->n || k < n);) {
		int64_t d;
		if (k == n || (i < t->n && t->was[i].directive <= v[k]))
			d = t->was[i++].directive;
		else
			d = v[k++];
		while (i < t->n && t->was[i].directive == d)
			i++;
		while (k < n && v[k] == d)
			k++;
		rc = rl_lock(db, d, e);
	}
	lt_arena_free(&a);
	return rc;
}

int lt_rollup_mark_tree(lt_db *db, int64_t unit, const char *date, lt_rollup_tree_mark *t,
			lt_error *e)
{
	lt_stmt *st = NULL;
	size_t cap = 0;
	int rc;

	memset(t, 0, sizeof(*t));
	t->unit = unit;
	/* The activity list's counts follow the current tree, not the day's. */
	rc = lt_db_row(db, "SELECT path FROM unit WHERE id = $1", &st, e, LT_I(unit));
	if (rc == 1 && lt_stmt_text(st, 0))
		snprintf(t->path, sizeof(t->path), "%s", lt_stmt_text(st, 0));
	lt_stmt_done(st);
	if (rc < 0)
		return rc;
	/* Only the directives whose day is on or after the change see the tree change. */
	rc = lt_db_query(db,
			 "SELECT id, COALESCE(report_deadline, date) FROM directive"
			 " WHERE COALESCE(report_deadline, date) >= $1"
			 " AND id NOT IN (SELECT directive_id FROM rollup_stale) ORDER BY id",
			 &st, e, LT_T(date));
	if (rc)
		return rc;
	while ((rc = lt_stmt_step(st, e)) == 1) {
		if (t->n == cap) {
			struct lt_rollup_was *w;
			cap = cap ? cap * 2 : 8;
			w = realloc(t->was, cap * sizeof(*w));
			if (!w) {
				rc = oom(e);
				break;
			}
			t->was = w;
		}
		t->was[t->n].directive = lt_stmt_int(st, 0);
		snprintf(t->was[t->n].day, sizeof(t->was[t->n].day), "%s", lt_stmt_text(st, 1));
		t->n++;
	}
	lt_stmt_done(st);
	for (size_t i = 0; rc >= 0 && i < t->n; i++) {
		rc = rl_path_on(db, unit, t->was[i].day, t->was[i].path, e);
		if (rc == 0)
			t->was[i].path[0] = '\0';
	}
	if (rc >= 0)
		rc = lock_tree(db, t, e);
	if (rc < 0)
		lt_rollup_tree_mark_free(t);
	return rc < 0 ? rc : 0;
}

/* The unit's subtree as a whole (kept rows, its own figures when counted) leaves or joins anc. */
static int move_subtree(lt_db *db, int64_t d, const char *day, int64_t u, const int64_t *anc,
			size_t n, int sign, lt_error *e)
{
	lt_stmt *st;
	bool c[2];
	int rc = rl_counted_of(db, d, u, c, e);

	for (int b = 0; !rc && b < 2; b++) {
		rl_vals s = { 0 };
		rc = rl_kept_vals(db, d, u, b, &s, e);
		if (!rc && c[b])
			rc = own_vals(db, d, u, &s, e);
		if (!rc)
			rc = apply_vals(db, d, day, anc, n, b, &s, sign, e);
		free(s.v);
	}
	if (rc)
		return rc;
	rc = lt_db_row(db,
		       "SELECT expected, on_time, late FROM rollup_count WHERE directive_id = $1"
		       " AND unit_id = $2",
		       &st, e, LT_I(d), LT_I(u));
	if (rc == 1) {
		int64_t ex = lt_stmt_int(st, 0), ot = lt_stmt_int(st, 1), la = lt_stmt_int(st, 2);
		lt_stmt_done(st);
		return add_counts(db, d, anc, n, sign * ex, sign * ot, sign * la, e);
	}
	lt_stmt_done(st);
	return rc;
}

int lt_rollup_keep_tree(lt_db *db, lt_rollup_tree_mark *t, lt_error *e)
{
	int64_t anc[RL_DEPTH_MAX];
	int rc = 0;

	/* The locks were taken by lt_rollup_mark_tree, before the tree changed. */
	for (size_t i = 0; !rc && i < t->n; i++) {
		struct lt_rollup_was *w = &t->was[i];
		char now[LT_PATH_MAX] = "";
		size_t n;
		rc = rl_path_on(db, t->unit, w->day, now, e);
		if (rc < 0)
			break;
		rc = 0;
		if (!strcmp(now, w->path))
			continue;
		/* Ancestors recomputed (max, latest) read the tree as it now stands. */
		if (w->path[0]) {
			n = rl_path_ids(w->path, anc, RL_DEPTH_MAX);
			rc = move_subtree(db, w->directive, w->day, t->unit, anc, n ? n - 1 : 0, -1, e);
		}
		if (!rc && now[0]) {
			n = rl_path_ids(now, anc, RL_DEPTH_MAX);
			rc = move_subtree(db, w->directive, w->day, t->unit, anc, n ? n - 1 : 0, 1, e);
		}
		if (!rc)
			rc = rl_items_moved(db, w->directive, w->day, t->unit, w->path, now, e);
		if (!rc && !now[0])
			rc = lt_db_run(db, "DELETE FROM rollup_total WHERE directive_id = $1 AND unit_id = $2",
				       e, LT_I(w->directive), LT_I(t->unit));
		if (!rc && !now[0])
			rc = lt_db_run(db, "DELETE FROM rollup_count WHERE directive_id = $1 AND unit_id = $2",
				       e, LT_I(w->directive), LT_I(t->unit));
	}
	if (!rc && t->path[0])
		rc = lt_activity_count_move(db, t->unit, t->path, e);
	if (!rc && t->path[0])
		rc = lt_figure_total_move(db, t->unit, t->path, e);
	if (!rc && t->path[0])
		rc = lt_report_state_move(db, t->unit, t->path, e);
	lt_rollup_tree_mark_free(t);
	return rc;
}

/* ---- Reading ---- */

int lt_rollup_read(lt_db *db, int64_t directive, int64_t unit, bool include_submitted, lt_arena *a,
		   lt_rollup_kept *out, lt_error *e)
{
	lt_stmt *st = NULL;
	char path[LT_PATH_MAX];
	lt_rollup_fig *f = NULL;
	int64_t *at = NULL;
	size_t n = 0;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = rl_stale(db, directive, e);
	if (rc == 1)
		rc = lt_rollup_rebuild(db, directive, e);
	if (!rc)
		rc = lt_rollup_day(db, directive, out->day, e);
	if (!rc && (rc = rl_path_on(db, unit, out->day, path, e)) >= 0) {
		out->stood = rc == 1;
		rc = 0;
	}
	/* The catalogue, with what the directive asks for. */
	if (!rc)
		rc = lt_db_query(db,
				 "SELECT i.code, i.aggregation, EXISTS (SELECT 1 FROM directive_indicator d"
				 "  WHERE d.directive_id = $1 AND d.code = i.code)"
				 " FROM indicator i ORDER BY i.pos",
				 &st, e, LT_I(directive));
	if (rc)
		return rc;
	while ((rc = lt_stmt_step(st, e)) == 1 && n < MAX_CODES) {
		if (!f) {
			f = lt_arena_alloc(a, MAX_CODES * sizeof(*f));
			at = lt_arena_alloc(a, MAX_CODES * sizeof(*at));
			if (!f || !at) {
				rc = oom(e);
				break;
			}
		}
		f[n].code = lt_arena_strdup(a, lt_stmt_text(st, 0));
		f[n].aggregation = lt_arena_strdup(a, lt_stmt_text(st, 1));
		f[n].asked = lt_stmt_int(st, 2) != 0;
		f[n].value = NAN;
		f[n].units = 0;
		at[n] = 0;
		n++;
	}
	lt_stmt_done(st);
	if (rc < 0 || !out->stood)
		goto done;
	/* The subtree's kept rows, then the unit's own figures (always counted in its own roll-up). */
	for (int pass = 0; pass < 2; pass++) {
		if (pass == 0)
			rc = lt_db_query(db,
					 "SELECT code, value, units, at FROM rollup_total"
					 " WHERE directive_id = $1 AND unit_id = $2 AND basis = $3",
					 &st, e, LT_I(directive), LT_I(unit), LT_I(include_submitted));
		else
			rc = lt_db_query(db,
					 "SELECT code, value, 1, updated_at FROM indicator_value"
					 " WHERE unit_id = $2 AND directive_id IN " DIRSET,
					 &st, e, LT_I(directive), LT_I(unit));
		if (rc)
			return rc;
		while ((rc = lt_stmt_step(st, e)) == 1) {
			const char *code = lt_stmt_text(st, 0);
			for (size_t i = 0; i < n; i++) {
				enum agg how;
				if (strcmp(f[i].code, code))
					continue;
				how = rl_agg_of(f[i].aggregation);
				if (how == AGG_NONE)
					break;
				/* A kept sum is a partial sum: add it like one value. */
				rl_combine(how, &f[i].value, &at[i], lt_stmt_double(st, 1), lt_stmt_int(st, 3));
				f[i].units += lt_stmt_int(st, 2);
				break;
			}
		}
		lt_stmt_done(st);
		if (rc < 0)
			return rc;
	}
	rc = lt_db_row(db,
		       "SELECT expected, on_time, late FROM rollup_count WHERE directive_id = $1"
		       " AND unit_id = $2",
		       &st, e, LT_I(directive), LT_I(unit));
	if (rc == 1) {
		out->expected = lt_stmt_int(st, 0);
		out->on_time = lt_stmt_int(st, 1);
		out->late = lt_stmt_int(st, 2);
	}
	lt_stmt_done(st);
done:
	if (rc < 0)
		return rc;
	out->figs = f;
	for (size_t i = 0; i < n; i++)
		if (f[i].units || f[i].asked)
			f[out->nfigs++] = f[i];
	return 0;
}
