/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* indicator.c — care figures in the database; see indicator.h. */
#include "store/indicator.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/tree.h"
#include "store/activity_sql.h"
#include "store/audit.h"
#include "store/figure_total.h"
#include "store/rollup.h"
#include "store/store.h"
#include "store/unit_int.h"

static int catalogue_row(lt_stmt *st, lt_arena *a, void *row, void *ctx, lt_error *e)
{
	lt_indicator_row *x = row;

	(void)ctx;
	(void)e;
	x->code = lt_arena_strdup(a, lt_stmt_text(st, 0));
	x->name_vi = lt_arena_strdup(a, lt_stmt_text(st, 1));
	x->name_en = lt_arena_strdup(a, lt_stmt_text(st, 2));
	x->measure = lt_arena_strdup(a, lt_stmt_text(st, 3));
	x->aggregation = lt_arena_strdup(a, lt_stmt_text(st, 4));
	x->rules = lt_arena_strdup(a, lt_stmt_text(st, 5));
	x->tet_default = lt_stmt_int(st, 6) != 0;
	return 0;
}

int lt_indicator_catalogue(lt_db *db, lt_arena *a, lt_indicator_row **v, size_t *n, lt_error *e)
{
	lt_stmt *st = NULL;
	int rc = lt_db_prepare(db,
			       "SELECT code, name_vi, name_en, measure, aggregation, rules, tet_default"
			       " FROM indicator ORDER BY pos, code",
			       &st, e);

	*v = NULL;
	*n = 0;
	return rc ? rc : lt_act_rows(st, a, sizeof(**v), catalogue_row, NULL, (void **)v, n, e);
}

int lt_indicator_set_of(lt_db *db, int64_t directive_id, lt_arena *a, lt_indicator_info **items,
			size_t *n, lt_error *e)
{
	lt_stmt *st = NULL;
	lt_indicator_info *v = NULL;
	size_t cap = 0, k = 0;
	int rc;

	*items = NULL;
	*n = 0;
	/* The directive's own list if it has one, else the Tết default set. */
	rc = lt_db_query(db,
			 "SELECT i.code, i.measure, i.aggregation, i.rules, i.name_vi, i.name_en"
			 " FROM directive_indicator di JOIN indicator i ON i.code = di.code"
			 " WHERE di.directive_id = $1"
			 " UNION ALL"
			 " SELECT i.code, i.measure, i.aggregation, i.rules, i.name_vi, i.name_en"
			 " FROM indicator i WHERE i.tet_default = 1 AND NOT EXISTS"
			 " (SELECT 1 FROM directive_indicator di WHERE di.directive_id = $1)"
			 " ORDER BY 1",
			 &st, e, LT_I(directive_id));
	if (rc)
		return rc;
	while ((rc = lt_stmt_step(st, e)) == 1) {
		rc = lt_act_grow(a, (void **)&v, &cap, k, sizeof(*v), e);
		if (!rc)
				rc = lt_indicator_def_parse(lt_stmt_text(st, 0), lt_stmt_text(st, 1),
						    lt_stmt_text(st, 2), lt_stmt_text(st, 3), &v[k].def, e);
		if (rc)
			break;
		v[k].name_vi = lt_arena_strdup(a, lt_stmt_text(st, 4));
		v[k].name_en = lt_arena_strdup(a, lt_stmt_text(st, 5));
		v[k].def.name_vi = v[k].name_vi;
		v[k].def.name_en = v[k].name_en;
		k++;
	}
	lt_stmt_done(st);
	if (rc < 0)
		return rc;
	/* Catalogue order (pos) for display. */
	rc = lt_db_prepare(db, "SELECT code FROM indicator ORDER BY pos, code", &st, e);
	if (rc)
		return rc;
	{
		size_t placed = 0;
		while ((rc = lt_stmt_step(st, e)) == 1) {
			const char *c = lt_stmt_text(st, 0);
			for (size_t i = placed; i < k; i++) {
				if (!strcmp(v[i].def.code, c)) {
					lt_indicator_info t = v[placed];
					v[placed] = v[i];
					v[i] = t;
					placed++;
					break;
				}
			}
		}
	}
	lt_stmt_done(st);
	if (rc < 0)
		return rc;
	*items = v;
	*n = k;
	return 0;
}

/* Current value of one figure: 1 found (*v), 0 none, < 0 error. */
static int current(lt_db *db, int64_t d, int64_t u, const char *code, double *v, lt_error *e)
{
	lt_stmt *st;
	int rc = lt_db_row(db,
			   "SELECT value FROM indicator_value WHERE directive_id = $1"
			   " AND unit_id = $2 AND code = $3",
			   &st, e, LT_I(d), LT_I(u), LT_T(code));

	if (rc == 1)
		*v = lt_stmt_double(st, 0);
	lt_stmt_done(st);
	return rc;
}

/* Write one figure (already checked) with its history row and audit event. */
static int write_one(lt_db *db, int64_t d, int64_t u, const lt_figure_in *x, int64_t actor,
		     int64_t now, lt_error *e)
{
	double old = 0;
	char detail[256];
	int had = current(db, d, u, x->code, &old, e), rc;

	if (had < 0)
		return had;
	if ((x->clear && !had) || (!x->clear && had && old == x->value))
		return 0; /* nothing changes */
	if (x->clear)
		rc = lt_db_run(db,
			       "DELETE FROM indicator_value WHERE directive_id = $1 AND unit_id = $2"
			       " AND code = $3",
			       e, LT_I(d), LT_I(u), LT_T(x->code));
	else
		rc = lt_db_run(db,
			       "INSERT INTO indicator_value(directive_id, unit_id, code, value, note,"
			       " updated_by, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7)"
			       " ON CONFLICT (directive_id, unit_id, code) DO UPDATE SET"
			       " value = excluded.value, note = excluded.note,"
			       " updated_by = excluded.updated_by, updated_at = excluded.updated_at",
			       e, LT_I(d), LT_I(u), LT_T(x->code), LT_D(x->value), LT_OT(x->note),
			       LT_ID(actor), LT_I(now));
	if (!rc)
		rc = lt_rollup_keep_figure(db, d, u, x->code, had == 1, old, !x->clear, x->value, e);
	if (!rc)
		rc = lt_figure_total_keep(db, d, u, x->code, had == 1, old, !x->clear, x->value, e);
	if (rc)
		return rc;
	rc = lt_db_run(db,
		       "INSERT INTO indicator_value_history(directive_id, unit_id, code, old_value,"
		       " new_value, note, changed_by, changed_at) VALUES ($1, $2, $3, $4, $5, $6,"
		       " $7, $8)",
		       e, LT_I(d), LT_I(u), LT_T(x->code), LT_OD(had == 1, old),
		       LT_OD(!x->clear, x->value), LT_OT(x->note), LT_ID(actor), LT_I(now));
	if (rc)
		return rc;
	snprintf(detail, sizeof(detail),
		 "{\"directive_id\":%" PRId64 ",\"unit_id\":%" PRId64 ",\"code\":\"%s\"}", d, u,
		 x->code);
	return lt_audit(db, actor, x->clear ? "delete" : (had ? "update" : "create"),
			"indicator_value", u, detail, e);
}

int lt_figures_write(lt_db *db, int64_t directive_id, int64_t unit_id, const lt_figure_in *vals,
		     size_t n, int64_t actor, size_t *bad, lt_error *e)
{
	int64_t now = lt_now();
	int rc = lt_db_begin(db, e);

	/*
	 * The directive's upkeep locks before the first value is read or written:
	 * a writer holding a value row while it waits for them would deadlock with
	 * one holding them while it writes that row, and two writers of one value
	 * would each move the kept totals by a difference from the same old value.
	 */
	if (!rc && n)
		rc = lt_rollup_lock(db, directive_id, e);
	for (size_t i = 0; !rc && i < n; i++) {
		if (bad)
			*bad = i;
		rc = write_one(db, directive_id, unit_id ? unit_id : vals[i].unit_id, &vals[i], actor,
			       now, e);
	}
	return lt_db_end(db, rc, e);
}

/* Rows of the (directive, unit) query sql ($1, $2), one of size bytes each made by fill. */
static int unit_rows(lt_db *db, const char *sql, int64_t directive_id, int64_t unit_id,
		     lt_arena *a, size_t size, lt_act_row_fn fill, void **v, size_t *n, lt_error *e)
{
	lt_stmt *st;
	int rc;

	*v = NULL;
	*n = 0;
	/* sql is one of the literals below */
	rc = lt_db_query(db, sql, &st, e, LT_I(directive_id), LT_I(unit_id));
	if (rc)
		return rc;
	return lt_act_rows(st, a, size, fill, NULL, v, n, e);
}

static int value_row(lt_stmt *st, lt_arena *a, void *row, void *ctx, lt_error *e)
{
	lt_figure_row *x = row;

	(void)ctx;
	(void)e;
	x->code = lt_arena_strdup(a, lt_stmt_text(st, 0));
	x->value = lt_stmt_double(st, 1);
	x->note = lt_arena_strdup(a, lt_stmt_text(st, 2));
	x->updated_at = lt_stmt_int(st, 3);
	return 0;
}

int lt_figures_values(lt_db *db, int64_t directive_id, int64_t unit_id, lt_arena *a,
		      lt_figure_row **v, size_t *n, lt_error *e)
{
	return unit_rows(db,
			 "SELECT code, value, note, updated_at FROM indicator_value"
			 " WHERE directive_id = $1 AND unit_id = $2",
			 directive_id, unit_id, a, sizeof(**v), value_row, (void **)v, n, e);
}

/* A confirmation from columns col (rule), col + 1 (comment) and col + 2 (when). */
static void ack_fields(lt_stmt *st, int col, lt_arena *a, lt_figure_ack_row *x)
{
	x->rule = lt_arena_strdup(a, lt_stmt_text(st, col));
	x->comment = lt_arena_strdup(a, lt_stmt_text(st, col + 1));
	x->acked_at = lt_stmt_int(st, col + 2);
}

static int ack_row(lt_stmt *st, lt_arena *a, void *row, void *ctx, lt_error *e)
{
	(void)ctx;
	(void)e;
	ack_fields(st, 0, a, row);
	return 0;
}

int lt_figures_acks(lt_db *db, int64_t directive_id, int64_t unit_id, lt_arena *a,
		    lt_figure_ack_row **v, size_t *n, lt_error *e)
{
	return unit_rows(db,
			 "SELECT rule, comment, acked_at FROM indicator_ack WHERE directive_id = $1"
			 " AND unit_id = $2",
			 directive_id, unit_id, a, sizeof(**v), ack_row, (void **)v, n, e);
}

/* Rows of the (directive, first path, last path) query sql ($1, $2, $3), as unit_rows. */
static int range_rows(lt_db *db, const char *sql, int64_t directive_id, const char *first,
		      const char *last, lt_arena *a, size_t size, lt_act_row_fn fill, void **v,
		      size_t *n, lt_error *e)
{
	lt_stmt *st;
	int rc;

	*v = NULL;
	*n = 0;
	/* sql is one of the literals below */
	rc = lt_db_query(db, sql, &st, e, LT_I(directive_id), LT_T(first), LT_T(last));
	if (rc)
		return rc;
	return lt_act_rows(st, a, size, fill, NULL, v, n, e);
}

static int unit_value_row(lt_stmt *st, lt_arena *a, void *row, void *ctx, lt_error *e)
{
	lt_figure_unit_value *x = row;

	(void)ctx;
	(void)e;
	x->unit_id = lt_stmt_int(st, 0);
	x->code = lt_arena_strdup(a, lt_stmt_text(st, 1));
	x->value = lt_stmt_double(st, 2);
	return 0;
}

/*
 * CROSS JOIN: SQLite walks the page's stretch of the path index and looks
 * each unit's values up, where a plain join began from every value of the
 * directive (1.8 million nationally); PostgreSQL plans it as any join.
 */
int lt_figures_values_in(lt_db *db, int64_t directive_id, const char *first, const char *last,
			 lt_arena *a, lt_figure_unit_value **v, size_t *n, lt_error *e)
{
	return range_rows(db,
			  "SELECT v.unit_id, v.code, v.value FROM unit u CROSS JOIN indicator_value v"
			  " WHERE u.path >= $2 AND u.path <= $3 AND v.directive_id = $1"
			  " AND v.unit_id = u.id",
			  directive_id, first, last, a, sizeof(**v), unit_value_row, (void **)v, n, e);
}

static int unit_ack_row(lt_stmt *st, lt_arena *a, void *row, void *ctx, lt_error *e)
{
	lt_figure_unit_ack *x = row;

	(void)ctx;
	(void)e;
	x->unit_id = lt_stmt_int(st, 0);
	ack_fields(st, 1, a, &x->ack);
	return 0;
}

int lt_figures_acks_in(lt_db *db, int64_t directive_id, const char *first, const char *last,
		       lt_arena *a, lt_figure_unit_ack **v, size_t *n, lt_error *e)
{
	return range_rows(db,
			  "SELECT k.unit_id, k.rule, k.comment, k.acked_at FROM unit u"
			  " CROSS JOIN indicator_ack k WHERE u.path >= $2 AND u.path <= $3"
			  " AND k.directive_id = $1 AND k.unit_id = u.id",
			  directive_id, first, last, a, sizeof(**v), unit_ack_row, (void **)v, n, e);
}

int lt_figures_ack_put(lt_db *db, int64_t directive_id, int64_t unit_id, const char *rule,
		       const char *comment, int64_t actor, lt_error *e)
{
	char detail[256];
	int rc = lt_db_begin(db, e);

	if (!rc)
		rc = lt_db_run(db,
			       "INSERT INTO indicator_ack(directive_id, unit_id, rule, comment,"
			       " acked_by, acked_at) VALUES ($1, $2, $3, $4, $5, $6)"
			       " ON CONFLICT (directive_id, unit_id, rule) DO UPDATE SET"
			       " comment = excluded.comment, acked_by = excluded.acked_by,"
			       " acked_at = excluded.acked_at",
			       e, LT_I(directive_id), LT_I(unit_id), LT_T(rule), LT_T(comment),
			       LT_ID(actor), LT_I(lt_now()));
	snprintf(detail, sizeof(detail), "{\"directive_id\":%" PRId64 ",\"rule\":\"%.100s\"}",
		 directive_id, rule);
	if (!rc)
		rc = lt_audit(db, actor, "confirm", "indicator_warning", unit_id, detail, e);
	return lt_db_end(db, rc, e);
}

static int change_row(lt_stmt *st, lt_arena *a, void *row, void *ctx, lt_error *e)
{
	lt_figure_change *x = row;

	(void)ctx;
	(void)e;
	x->code = lt_arena_strdup(a, lt_stmt_text(st, 0));
	x->had_old = !lt_stmt_is_null(st, 1);
	x->old_value = lt_stmt_double(st, 1);
	x->has_new = !lt_stmt_is_null(st, 2);
	x->new_value = lt_stmt_double(st, 2);
	x->note = lt_arena_strdup(a, lt_stmt_text(st, 3));
	x->at = lt_stmt_int(st, 4);
	x->id = lt_stmt_int(st, 8);
	if (!lt_stmt_is_null(st, 5)) {
		x->by_id = lt_stmt_int(st, 5);
		x->by_login = lt_arena_strdup(a, lt_stmt_text(st, 6));
		x->by_name = lt_arena_strdup(a, lt_stmt_text(st, 7));
	}
	return 0;
}

int lt_figures_history(lt_db *db, int64_t directive_id, int64_t unit_id, int64_t before_id,
		       int max, lt_arena *a, lt_figure_change **v, size_t *n, lt_error *e)
{
	lt_stmt *st;
	int rc;

	*v = NULL;
	*n = 0;
	rc = lt_db_query(db,
			 "SELECT h.code, h.old_value, h.new_value, h.note, h.changed_at,"
			 " h.changed_by, usr.login, usr.name, h.id FROM indicator_value_history h"
			 " LEFT JOIN app_user usr ON usr.id = h.changed_by"
			 " WHERE h.directive_id = $1 AND h.unit_id = $2 AND ($3 = 0 OR h.id < $3)"
			 " ORDER BY h.id DESC LIMIT $4",
			 &st, e, LT_I(directive_id), LT_I(unit_id), LT_I(before_id),
			 LT_I(lt_store_limit(max)));
	if (rc)
		return rc;
	return lt_act_rows_max(st, a, sizeof(**v), change_row, NULL, max, (void **)v, n, e);
}

static int unit_row(lt_stmt *st, lt_arena *a, void *row, void *ctx, lt_error *e)
{
	lt_act_unit *x = row;

	(void)ctx;
	(void)e;
	x->id = lt_stmt_int(st, 0);
	x->code = lt_arena_strdup(a, lt_stmt_text(st, 1));
	x->name = lt_arena_strdup(a, lt_stmt_text(st, 2));
	x->path = lt_arena_strdup(a, lt_stmt_text(st, 3));
	return 0;
}

int lt_figures_units(lt_db *db, int64_t directive_id, const char *within, lt_arena *a,
		     lt_act_unit **v, size_t *n, lt_error *e)
{
	return lt_act_subtree_rows(db,
				   "SELECT u.id, u.code, u.name, u.path FROM receipt r"
				   " JOIN unit u ON u.id = r.unit_id WHERE r.directive_id = $1"
				   " AND u.path >= $2 AND u.path < $3 ORDER BY u.path",
				   directive_id, within, a, sizeof(**v), unit_row, (void **)v, n, e);
}
