/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* report_level.c — report states below a unit; see report_level.h. */
#include "store/report_level.h"

#include <string.h>

#include "core/tree.h"
#include "store/rollup.h"
#include "store/store.h"
#include "store/unit_int.h"

/* Rows (unit_id, path or NULL, status) of st into *out. */
static int rows(lt_stmt *st, lt_arena *a, lt_report_state **out, size_t *n, lt_error *e)
{
	lt_report_state *v = NULL;
	size_t cap = 0;
	int rc;

	while ((rc = lt_stmt_step(st, e)) == 1) {
		v = lt_store_grow(a, v, *n, &cap, sizeof(*v));
		if (!v)
			break;
		v[*n].unit_id = lt_stmt_int(st, 0);
		v[*n].path = lt_stmt_text(st, 1) ? lt_arena_strdup(a, lt_stmt_text(st, 1)) : NULL;
		v[*n].status = lt_arena_strdup(a, lt_stmt_text(st, 2));
		(*n)++;
	}
	lt_stmt_done(st);
	if (rc < 0)
		return rc;
	if (lt_arena_failed(a))
		return lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	*out = v;
	return 0;
}

int lt_report_states_under(lt_db *db, int64_t directive, const char *path, lt_arena *a,
			   lt_report_state **out, size_t *n, lt_error *e)
{
	lt_stmt *st = NULL;
	char end[LT_PATH_MAX];
	int rc;

	*out = NULL;
	*n = 0;
	lt_tree_path_end(path, end);
	/* Strictly under path: the unit's own report is not its subtree's. */
	rc = lt_db_query(db,
			 "SELECT u.id, u.path, COALESCE(r.status, 'none') FROM receipt c"
			 " JOIN unit u ON u.id = c.unit_id"
			 " LEFT JOIN report r ON r.directive_id = c.directive_id AND r.unit_id = u.id"
			 " WHERE c.directive_id = $1 AND u.path > $2 AND u.path < $3 ORDER BY u.path",
			 &st, e, LT_I(directive), LT_T(path), LT_T(end));
	return rc ? rc : rows(st, a, out, n, e);
}

/* ---- The kept counts (report_state_count, migration 25) ---- */

#define DEPTH_MAX 64

static const char *const state_names[LT_REPORT_STATES] = { "none", "draft", "submitted",
							    "returned", "accepted" };

const char *lt_report_state_name(int i)
{
	return i >= 0 && i < LT_REPORT_STATES ? state_names[i] : "none";
}

int lt_report_state_index(const char *status)
{
	for (int i = 1; status && i < LT_REPORT_STATES; i++)
		if (!strcmp(status, state_names[i]))
			return i;
	return 0;
}

int lt_report_state_kept(lt_db *db, int64_t directive, int64_t unit,
			   int64_t out[LT_REPORT_STATES], lt_error *e)
{
	lt_stmt *st = NULL;
	int rc = lt_db_row(db,
			   "SELECT n_none, n_draft, n_submitted, n_returned, n_accepted"
			   " FROM report_state_count WHERE directive_id = $1 AND unit_id = $2",
			   &st, e, LT_I(directive), LT_I(unit));

	for (int i = 0; i < LT_REPORT_STATES; i++)
		out[i] = rc == 1 ? lt_stmt_int(st, i) : 0;
	lt_stmt_done(st);
	return rc < 0 ? rc : 0;
}

int lt_report_level_children(lt_db *db, int64_t directive, int64_t parent, int64_t after,
			     int max, lt_arena *a, lt_report_state **out, size_t *n, lt_error *e)
{
	lt_stmt *st = NULL;
	int rc;

	*out = NULL;
	*n = 0;
	/* A child holds recipients when it is one or has some strictly under it. */
	rc = lt_db_query(db,
			 "SELECT c.id, CAST(NULL AS TEXT), COALESCE(p.status, 'none') FROM unit c"
			 " LEFT JOIN report p ON p.directive_id = $1 AND p.unit_id = c.id"
			 " WHERE c.parent_id = $2 AND c.id > $3"
			 " AND (EXISTS (SELECT 1 FROM receipt r WHERE r.directive_id = $1"
			 "  AND r.unit_id = c.id)"
			 " OR EXISTS (SELECT 1 FROM report_state_count k WHERE k.directive_id = $1"
			 "  AND k.unit_id = c.id AND k.n_none + k.n_draft + k.n_submitted"
			 "  + k.n_returned + k.n_accepted > 0))"
			 " ORDER BY c.id LIMIT $4",
			 &st, e, LT_I(directive), LT_I(parent), LT_I(after),
			 LT_I(max > 0 ? max : INT64_MAX));
	return rc ? rc : rows(st, a, out, n, e);
}

/* Add k[] to the rows of (d, each of ids[0..n)). */
static int add_counts(lt_db *db, int64_t d, const int64_t *ids, size_t n,
		      const int64_t k[LT_REPORT_STATES], lt_error *e)
{
	int rc = 0;
	bool any = false;

	for (int i = 0; i < LT_REPORT_STATES; i++)
		any |= k[i] != 0;
	for (size_t j = 0; any && !rc && j < n; j++)
		rc = lt_db_run(db,
			       "INSERT INTO report_state_count(directive_id, unit_id, n_none, n_draft,"
			       " n_submitted, n_returned, n_accepted) VALUES ($1, $2, $3, $4, $5, $6, $7)"
			       " ON CONFLICT (directive_id, unit_id) DO UPDATE SET"
			       " n_none = report_state_count.n_none + excluded.n_none,"
			       " n_draft = report_state_count.n_draft + excluded.n_draft,"
			       " n_submitted = report_state_count.n_submitted + excluded.n_submitted,"
			       " n_returned = report_state_count.n_returned + excluded.n_returned,"
			       " n_accepted = report_state_count.n_accepted + excluded.n_accepted",
			       e, LT_I(d), LT_I(ids[j]), LT_I(k[0]), LT_I(k[1]), LT_I(k[2]), LT_I(k[3]),
			       LT_I(k[4]));
	return rc;
}

/* The unit's strict ancestors in the current tree, root first: how many (< 0 on error). */
static int ancestors(lt_db *db, int64_t unit, int64_t ids[DEPTH_MAX], size_t *n, lt_error *e)
{
	int rc = lt_store_path_ids(db, unit, ids, DEPTH_MAX, n, e);

	*n = *n ? *n - 1 : 0;
	return rc;
}

int lt_report_state_keep(lt_db *db, int64_t directive, int64_t unit, const char *from,
			 const char *to, lt_error *e)
{
	int64_t ids[DEPTH_MAX], k[LT_REPORT_STATES] = { 0 };
	int f = lt_report_state_index(from), t = lt_report_state_index(to);
	size_t n = 0;
	lt_stmt *st = NULL;
	int rc;

	if (f == t)
		return 0;
	rc = lt_db_row(db, "SELECT 1 FROM receipt WHERE directive_id = $1 AND unit_id = $2", &st, e,
		       LT_I(directive), LT_I(unit));
	lt_stmt_done(st);
	if (rc <= 0)
		return rc; /* not a recipient: counted nowhere */
	/* A new draft's caller holds no lock yet; a review's has it already (no wait). */
	rc = lt_rollup_lock(db, directive, e);
	if (!rc)
		rc = ancestors(db, unit, ids, &n, e);
	k[f] = -1;
	k[t] = 1;
	return rc ? rc : add_counts(db, directive, ids, n, k, e);
}

/* What a subtree holds for one directive: its kept row, or itself when a recipient (own). */
typedef struct held {
	int64_t d;
	bool own;
	int64_t k[LT_REPORT_STATES];
} held;

static void read_held(lt_stmt *st, void *item)
{
	held *v = item;

	v->d = lt_stmt_int(st, 0);
	v->own = lt_stmt_int(st, 1) != 0;
	for (int i = 0; i < LT_REPORT_STATES; i++)
		v->k[i] = lt_stmt_int(st, 2 + i);
}

/* Take the counts from the ancestors left, add them to those joined, root first. */
static int apply_held(lt_db *db, const lt_store_move *m, void *item, lt_error *e)
{
	held *v = item;
	int64_t minus[LT_REPORT_STATES];
	int rc;

	if (v->own) {
		/* The unit itself, a recipient: its report's state now. */
		lt_stmt *st = NULL;
		rc = lt_db_row(db, "SELECT status FROM report WHERE directive_id = $1 AND unit_id = $2",
			       &st, e, LT_I(v->d), LT_I(m->unit));
		v->k[rc == 1 ? lt_report_state_index(lt_stmt_text(st, 0)) : 0] = 1;
		lt_stmt_done(st);
		if (rc < 0)
			return rc;
	}
	for (int j = 0; j < LT_REPORT_STATES; j++)
		minus[j] = -v->k[j];
	rc = add_counts(db, v->d, m->leave, m->nleave, minus, e);
	return rc ? rc : add_counts(db, v->d, m->join, m->njoin, v->k, e);
}

int lt_report_state_move(lt_db *db, int64_t unit, const char *old_path, lt_error *e)
{
	return lt_store_move_rows(
		db, unit, old_path,
		"SELECT directive_id, 0, n_none, n_draft, n_submitted, n_returned, n_accepted"
		" FROM report_state_count WHERE unit_id = $1"
		" UNION ALL SELECT r.directive_id, 1, 0, 0, 0, 0, 0 FROM receipt r"
		" WHERE r.unit_id = $1",
		sizeof(held), read_held, apply_held, e);
}

int lt_report_state_rebuild(lt_db *db, int64_t directive, lt_error *e)
{
	int rc = lt_db_run(db, "DELETE FROM report_state_count WHERE directive_id = $1", e,
			   LT_I(directive));

	return rc ? rc
		  : lt_db_run(db, LT_REPORT_STATE_REAL("r.directive_id = $1") LT_REPORT_STATE_INSERT,
			      e, LT_I(directive));
}

int lt_report_state_verify(lt_db *db, int64_t directive, lt_report_state_diff_fn fn, void *ctx,
			   size_t *ndiff, lt_error *e)
{
	lt_stmt *st = NULL;
	int rc;

	*ndiff = 0;
	/* Both sides, a missing row as zeros; a row of zeros is no difference. */
	rc = lt_db_query(db,
			 LT_REPORT_STATE_REAL("r.directive_id = $1")
			 " SELECT u, sum(k0), sum(k1), sum(k2), sum(k3), sum(k4), sum(r0), sum(r1),"
			 " sum(r2), sum(r3), sum(r4) FROM ("
			 " SELECT unit_id AS u, n_none AS k0, n_draft AS k1, n_submitted AS k2,"
			 "  n_returned AS k3, n_accepted AS k4, 0 AS r0, 0 AS r1, 0 AS r2, 0 AS r3,"
			 "  0 AS r4 FROM report_state_count WHERE directive_id = $1"
			 " UNION ALL SELECT u, 0, 0, 0, 0, 0, n0, n1, n2, n3, n4 FROM recount) x"
			 " GROUP BY u HAVING sum(k0) <> sum(r0) OR sum(k1) <> sum(r1)"
			 " OR sum(k2) <> sum(r2) OR sum(k3) <> sum(r3) OR sum(k4) <> sum(r4)"
			 " ORDER BY u",
			 &st, e, LT_I(directive));
	if (rc)
		return rc;
	while ((rc = lt_stmt_step(st, e)) == 1) {
		lt_report_state_diff d = { directive, lt_stmt_int(st, 0), { 0 }, { 0 } };
		for (int i = 0; i < LT_REPORT_STATES; i++) {
			d.kept[i] = lt_stmt_int(st, 1 + i);
			d.real[i] = lt_stmt_int(st, 1 + LT_REPORT_STATES + i);
		}
		(*ndiff)++;
		if (fn)
			fn(&d, ctx);
	}
	lt_stmt_done(st);
	return rc < 0 ? rc : 0;
}
