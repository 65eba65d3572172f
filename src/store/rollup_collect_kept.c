/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * rollup_collect_kept.c — the parts of the snapshot of a large subtree read
 * from the kept tables (store/rollup_keep.c) instead of a scan: the root's
 * and each child's figures, the completeness, and the contest entries by
 * one statement; see rollup_collect.c.
 */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/report.h"
#include "store/rollup_int.h"
#include "store/store.h"

/*
 * The contest entries of a large subtree without its units in memory: each
 * entry of the directive's contests whose unit stood in the subtree on the
 * day and counts (the root always), by category; one statement over the
 * entries, which a campaign has far fewer of than items.
 */
int rl_count_contests(lt_db *db, int64_t directive, scope *s, bool sub, json_t **out,
			  lt_error *e)
{
	lt_stmt *st = NULL;
	char end[LT_PATH_MAX];
	json_t *c = json_pack("{s:i,s:i}", "writing", 0, "video", 0);
	int rc = 0;

	*out = NULL;
	if (s->path[0]) {
		lt_tree_path_end(s->path, end);
		rc = lt_db_query(db,
				 "SELECT e.category, count(*) FROM contest_entry e"
				 " JOIN contest k ON k.id = e.contest_id"
				 " JOIN unit_version v ON v.unit_id = e.unit_id AND v.valid_from <= $4"
				 "  AND (v.valid_to IS NULL OR v.valid_to > $4)"
				 " WHERE k.directive_id IN " DIRSET " AND v.path >= $2 AND v.path < $3"
				 " AND (e.unit_id = $5 OR EXISTS (SELECT 1 FROM report p"
				 "  WHERE p.unit_id = e.unit_id AND p.status IN ('accepted', $6)"
				 "  AND p.directive_id IN " DIRSET "))"
				 " GROUP BY e.category",
				 &st, e, LT_I(directive), LT_T(s->path), LT_T(end), LT_T(s->day),
				 LT_I(s->root), LT_T(sub ? "submitted" : "accepted"));
		while (!rc && (rc = lt_stmt_step(st, e)) == 1) {
			json_object_set_new(c, lt_stmt_text(st, 0), json_integer(lt_stmt_int(st, 1)));
			rc = 0;
		}
		lt_stmt_done(st);
	}
	if (rc < 0) {
		json_decref(c);
		return rc;
	}
	*out = c;
	return 0;
}


/* Fold the kept rows of (d, unit, basis) and, when with_own, the unit's own figures into acc[]. */
static int kept_unit(lt_db *db, int64_t directive, int64_t unit, bool sub, bool with_own,
		     figures *f, double *acc, int64_t *acc_at, lt_error *e)
{
	for (int pass = 0; pass < (with_own ? 2 : 1); pass++) {
		lt_stmt *st = NULL;
		size_t hint = 0;
		int rc = pass == 0 ? lt_db_query(db,
						 "SELECT code, value, units, at FROM rollup_total"
						 " WHERE directive_id = $1 AND unit_id = $2 AND basis = $3",
						 &st, e, LT_I(directive), LT_I(unit), LT_I(sub))
				   : lt_db_query(db,
						 "SELECT code, value, 1, updated_at FROM indicator_value"
						 " WHERE unit_id = $2 AND directive_id IN " DIRSET,
						 &st, e, LT_I(directive), LT_I(unit));
		if (rc)
			return rc;
		while ((rc = lt_stmt_step(st, e)) == 1) {
			const char *code = lt_stmt_text(st, 0);
			size_t i;
			for (i = 0; i < f->n; i++) {
				size_t k = (hint + i) % f->n;
				if (!strcmp(f->ind[k].code, code)) {
					i = k;
					break;
				}
			}
			if (i >= f->n || f->ind[i].how == AGG_NONE)
				continue;
			hint = i + 1;
			rl_combine(f->ind[i].how, &acc[i], &acc_at[i], lt_stmt_double(st, 1),
				   lt_stmt_int(st, 3));
		}
		lt_stmt_done(st);
		if (rc < 0)
			return rc;
	}
	return 0;
}

/*
 * The figures of the root and of each child from the kept tables
 * (store/rollup_keep.c) instead of a scan of every figure of the subtree.
 */
int rl_kept_figures(lt_db *db, int64_t directive, int64_t root, scope *s, figures *f,
			bool sub, lt_error *e)
{
	lt_arena a;
	lt_rollup_kept k;
	double *acc = calloc(f->n + 1, sizeof(*acc));
	int64_t *acc_at = calloc(f->n + 1, sizeof(*acc_at));
	int rc;

	lt_arena_init(&a);
	rc = acc && acc_at ? lt_rollup_read(db, directive, root, sub, &a, &k, e)
		 : lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	for (size_t j = 0; !rc && j < k.nfigs; j++)
		for (size_t i = 0; i < f->n; i++)
			if (!strcmp(f->ind[i].code, k.figs[j].code)) {
				f->ind[i].value = k.figs[j].value;
				f->ind[i].units = k.figs[j].units;
				break;
			}
	for (size_t c = 0; !rc && c < s->nkids; c++) {
		int64_t kid = s->kids[c].id;
		for (size_t i = 0; i < f->n; i++) {
			acc[i] = NAN;
			acc_at[i] = 0;
		}
		rc = kept_unit(db, directive, kid, sub, s->counted[kid], f, acc, acc_at, e);
		for (size_t i = 0; !rc && i < f->n; i++)
			f->ind[i].per_kid[c] = acc[i];
	}
	free(acc);
	free(acc_at);
	lt_arena_free(&a);
	return rc;
}

/* Completeness from the kept counts; the missing units (at most LT_ROLLUP_MISSING_MAX) by a bounded read. */
int rl_kept_completeness(lt_db *db, int64_t directive, scope *s, json_t *kids, json_t **out,
			     lt_error *e)
{
	lt_stmt *st = NULL;
	int64_t c[3] = { 0, 0, 0 };
	char end[LT_PATH_MAX];
	json_t *missing = json_array();
	size_t i;
	json_t *k;
	int rc = lt_db_row(db,
			   "SELECT expected, on_time, late FROM rollup_count WHERE directive_id = $1"
			   " AND unit_id = $2",
			   &st, e, LT_I(directive), LT_I(s->root));

	*out = NULL;
	if (rc == 1 && s->where[s->root] == ROOT_ITSELF)
		for (int j = 0; j < 3; j++)
			c[j] = lt_stmt_int(st, j);
	lt_stmt_done(st);
	json_array_foreach(kids, i, k) {
		json_t *kc = json_object_get(k, "completeness");
		int64_t x[3] = { 0, 0, 0 };
		if (rc < 0)
			break;
		rc = lt_db_row(db,
			       "SELECT expected, on_time, late FROM rollup_count WHERE directive_id = $1"
			       " AND unit_id = $2",
			       &st, e, LT_I(directive), LT_I(s->kids[i].id));
		if (rc == 1)
			for (int j = 0; j < 3; j++)
				x[j] = lt_stmt_int(st, j);
		lt_stmt_done(st);
		json_object_set_new(kc, "expected", json_integer(x[0]));
		json_object_set_new(kc, "on_time", json_integer(x[1]));
		json_object_set_new(kc, "late", json_integer(x[2]));
		json_object_set_new(kc, "missing", json_integer(x[0] - x[1] - x[2]));
		json_object_set_new(kc, "reporting_rate",
				    x[0] > 0 ? json_real((double)(x[1] + x[2]) / (double)x[0]) : json_null());
		json_object_set_new(kc, "on_time_rate",
				    x[0] > 0 ? json_real((double)x[1] / (double)x[0]) : json_null());
	}
	/*
	 * The first missing recipients in the order of the tree as it stood on
	 * the day: a walk of the root's subtree on the path index of the unit
	 * versions, which stops at the list's bound.
	 */
	st = NULL;
	lt_tree_path_end(s->path, end);
	if (rc >= 0 && c[0] > c[1] + c[2])
		rc = lt_db_query(db,
				 "SELECT v.unit_id, u.code, u.name FROM unit_version v"
				 " JOIN unit u ON u.id = v.unit_id"
				 " WHERE v.path >= $2 AND v.path < $3 AND v.valid_from <= $4"
				 " AND (v.valid_to IS NULL OR v.valid_to > $4)"
				 " AND EXISTS (SELECT 1 FROM receipt r WHERE r.directive_id = $1"
				 "  AND r.unit_id = v.unit_id)"
				 " AND NOT EXISTS (SELECT 1 FROM report p WHERE p.directive_id = $1"
				 "  AND p.unit_id = v.unit_id AND p.first_submitted_at IS NOT NULL)"
				 " ORDER BY v.path",
				 &st, e, LT_I(directive), LT_T(s->path), LT_T(end), LT_T(s->day));
	while (rc >= 0 && st && json_array_size(missing) < LT_ROLLUP_MISSING_MAX &&
	       (rc = lt_stmt_step(st, e)) == 1) {
		int64_t u = lt_stmt_int(st, 0);
		json_array_append_new(missing, json_pack("{s:I,s:s,s:s}", "id", (json_int_t)u, "code",
							 lt_stmt_text(st, 1), "name", lt_stmt_text(st, 2)));
	}
	lt_stmt_done(st);
	if (rc < 0) {
		json_decref(missing);
		return rc;
	}
	*out = json_pack("{s:s,s:I,s:I,s:I,s:I,s:I,s:o,s:o,s:o,s:o}", "deadline", s->day, "expected",
			 (json_int_t)c[0], "submitted", (json_int_t)(c[1] + c[2]), "on_time",
			 (json_int_t)c[1], "late", (json_int_t)c[2], "missing",
			 (json_int_t)(c[0] - c[1] - c[2]), "reporting_rate",
			 c[0] ? json_real((double)(c[1] + c[2]) / (double)c[0]) : json_null(),
			 "on_time_rate", c[0] ? json_real((double)c[1] / (double)c[0]) : json_null(),
			 "missing_units", missing, "statuses", json_object());
	return 0;
}
