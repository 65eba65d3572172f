/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * figure_total.c — the figures summary's totals kept by the writes; see
 * figure_total.h. A figure moves its difference along the strict
 * ancestors named by its unit's path; a sum and a count move by deltas, a
 * largest value grows by a comparison and, when the value that held it
 * falls or goes, is read again from the ancestor's subtree (one indexed
 * range, rare).
 */
#include "store/figure_total.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/tree.h"
#include "store/rollup.h"
#include "store/unit_int.h"

#define DEPTH_MAX 64
#define CODES_MAX 256

static int oom(lt_error *e)
{
	return lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
}

/* 1 when the directive's kept rows wait for their first build, 0 built, < 0 error. */
static int stale(lt_db *db, int64_t d, lt_error *e)
{
	lt_stmt *st;
	int rc = lt_db_row(db, "SELECT 1 FROM rollup_stale WHERE directive_id = $1", &st, e, LT_I(d));

	lt_stmt_done(st);
	return rc;
}

/*
 * Add (dsum, dn) to the row (d, a, code), its largest value raised to top
 * when gain; a row left with no value goes.
 */
static int add_row(lt_db *db, int64_t d, int64_t a, const char *code, double dsum, int64_t dn,
		   bool gain, double top, lt_error *e)
{
	int rc = lt_db_run(db,
			   "INSERT INTO figure_total(directive_id, unit_id, code, total, top, units)"
			   " VALUES ($1, $2, $3, $4, $5, $6)"
			   " ON CONFLICT (directive_id, unit_id, code) DO UPDATE SET"
			   " total = figure_total.total + excluded.total,"
			   " units = figure_total.units + excluded.units,"
			   " top = CASE WHEN $7 = 1 AND excluded.top > figure_total.top"
			   "  THEN excluded.top ELSE figure_total.top END",
			   e, LT_I(d), LT_I(a), LT_T(code), LT_D(dsum), LT_D(top), LT_I(dn),
			   LT_I(gain ? 1 : 0));

	if (!rc && dn < 0)
		rc = lt_db_run(db,
			       "DELETE FROM figure_total WHERE directive_id = $1 AND unit_id = $2"
			       " AND code = $3 AND units <= 0",
			       e, LT_I(d), LT_I(a), LT_T(code));
	return rc;
}

/* The ancestor a's largest value of code may have gone (it was lost): read it again. */
static int retop(lt_db *db, int64_t d, int64_t a, const char *code, double lost, lt_error *e)
{
	lt_stmt *st;
	char path[LT_PATH_MAX], end[LT_PATH_MAX];
	double top = 0;
	bool held;
	int rc;

	if (!*code)
		return 0; /* the recipients' count has no value */
	rc = lt_db_row(db,
			   "SELECT t.top, u.path FROM figure_total t JOIN unit u ON u.id = t.unit_id"
			   " WHERE t.directive_id = $1 AND t.unit_id = $2 AND t.code = $3",
			   &st, e, LT_I(d), LT_I(a), LT_T(code));

	held = rc == 1 && lt_stmt_double(st, 0) <= lost;
	if (held)
		snprintf(path, sizeof(path), "%s", lt_stmt_text(st, 1));
	lt_stmt_done(st);
	if (rc < 0 || !held)
		return rc < 0 ? rc : 0;
	lt_tree_path_end(path, end);
	rc = lt_db_row(db,
		       "SELECT max(v.value) FROM unit u"
		       " JOIN receipt r ON r.directive_id = $1 AND r.unit_id = u.id"
		       " JOIN indicator_value v ON v.directive_id = $1 AND v.unit_id = u.id"
		       "  AND v.code = $2"
		       " WHERE u.path > $3 AND u.path < $4",
		       &st, e, LT_I(d), LT_T(code), LT_T(path), LT_T(end));
	held = rc == 1 && !lt_stmt_is_null(st, 0);
	if (held)
		top = lt_stmt_double(st, 0);
	lt_stmt_done(st);
	if (rc < 0 || !held)
		return rc < 0 ? rc : 0;
	return lt_db_run(db,
			 "UPDATE figure_total SET top = $4 WHERE directive_id = $1 AND unit_id = $2"
			 " AND code = $3",
			 e, LT_I(d), LT_I(a), LT_T(code), LT_D(top));
}

int lt_figure_total_keep(lt_db *db, int64_t d, int64_t u, const char *code, bool had, double old,
			 bool has, double now, lt_error *e)
{
	lt_stmt *st;
	int64_t ids[DEPTH_MAX];
	size_t n = 0;
	int rc = stale(db, d, e);

	if (rc)
		return rc < 0 ? rc : 0; /* built from scratch when first read */
	/* Only a recipient's figures count in the summary. */
	rc = lt_db_row(db,
		       "SELECT u.path FROM unit u JOIN receipt r ON r.directive_id = $1"
		       " AND r.unit_id = u.id WHERE u.id = $2 FOR SHARE OF u",
		       &st, e, LT_I(d), LT_I(u)); /* against a move: lt_store_path_ids */
	if (rc == 1 && lt_stmt_text(st, 0))
		n = lt_tree_path_ids(lt_stmt_text(st, 0), ids, DEPTH_MAX);
	lt_stmt_done(st);
	if (rc < 0)
		return rc;
	/* Its strict ancestors: every id of the path but the last. */
	for (size_t k = 0; n && k + 1 < n; k++) {
		rc = add_row(db, d, ids[k], code, (has ? now : 0) - (had ? old : 0),
			     (int64_t)has - (int64_t)had, has, has ? now : old, e);
		if (!rc && had && (!has || now < old))
			rc = retop(db, d, ids[k], code, old, e);
		if (rc)
			return rc;
	}
	return 0;
}

/* One total of the subtree that moves. */
typedef struct moved {
	int64_t d;
	char code[40];
	double sum, max;
	int64_t units;
} moved;

static void read_moved(lt_stmt *st, void *item)
{
	moved *v = item;

	v->d = lt_stmt_int(st, 0);
	snprintf(v->code, sizeof(v->code), "%s", lt_stmt_text(st, 1));
	v->sum = lt_stmt_double(st, 2);
	v->max = lt_stmt_double(st, 3);
	v->units = lt_stmt_int(st, 4);
}

/* Leave the old strict ancestors (their largest values read again), join the new, root first. */
static int apply_moved(lt_db *db, const lt_store_move *m, void *item, lt_error *e)
{
	const moved *v = item;
	int rc = 0;

	for (size_t k = 0; !rc && k < m->nleave; k++) {
		rc = add_row(db, v->d, m->leave[k], v->code, -v->sum, -v->units, false, 0, e);
		if (!rc)
			rc = retop(db, v->d, m->leave[k], v->code, v->max, e);
	}
	for (size_t k = 0; !rc && k < m->njoin; k++)
		rc = add_row(db, v->d, m->join[k], v->code, v->sum, v->units, true, v->max, e);
	return rc;
}

int lt_figure_total_move(lt_db *db, int64_t u, const char *old_path, lt_error *e)
{
	/*
	 * What the subtree holds: its kept rows and, where it is a recipient,
	 * itself and its own values.
	 */
	return lt_store_move_rows(
		db, u, old_path,
		"SELECT directive_id, code, total, top, units FROM figure_total"
		" WHERE unit_id = $1"
		" AND directive_id NOT IN (SELECT directive_id FROM rollup_stale)"
		" UNION ALL SELECT directive_id, '', 0, 0, 1 FROM receipt WHERE unit_id = $1"
		" AND directive_id NOT IN (SELECT directive_id FROM rollup_stale)"
		" UNION ALL SELECT v.directive_id, v.code, v.value, v.value, 1"
		" FROM indicator_value v JOIN receipt r ON r.directive_id = v.directive_id"
		"  AND r.unit_id = v.unit_id WHERE v.unit_id = $1"
		" AND v.directive_id NOT IN (SELECT directive_id FROM rollup_stale)",
		sizeof(moved), read_moved, apply_moved, e);
}

/* ---- From scratch ---- */

typedef struct cell {
	double sum, max;
	int64_t units;
} cell;

typedef struct build {
	int64_t d, maxid;
	int32_t *slot;     /* per unit id: its row among units with a recipient below, or -1 */
	int64_t *unit;     /* per slot: the unit id (in arena) */
	size_t nslots, capslots;
	char (*code)[40];
	size_t ncodes;
	cell *cells;       /* capslots × ncodes (in arena) */
	lt_arena arena;
} build;

static void build_free(build *b)
{
	free(b->slot);
	free(b->code);
	lt_arena_free(&b->arena);
	memset(b, 0, sizeof(*b));
}

/* The column of code: "" (the recipients) first, then the catalogue's; -1 when unknown. */
static int code_index(const build *b, const char *code)
{
	for (size_t i = 0; i < b->ncodes; i++)
		if (!strcmp(b->code[i], code))
			return (int)i;
	return -1;
}

static cell *cell_of(build *b, int64_t u, int c)
{
	if (u < 0 || u > b->maxid || c < 0)
		return NULL;
	if (b->slot[u] < 0) {
		if (b->nslots == b->capslots) {
			/* A slot is a row of ncodes cells; both arrays grow together. */
			size_t cap = b->capslots, ucap = b->capslots;
			cell *x = lt_store_grow(&b->arena, b->cells, b->nslots, &cap,
						b->ncodes * sizeof(*x));
			int64_t *w = lt_store_grow(&b->arena, b->unit, b->nslots, &ucap, sizeof(*w));
			if (!x || !w)
				return NULL;
			b->cells = x;
			b->unit = w;
			b->capslots = cap;
		}
		for (size_t i = 0; i < b->ncodes; i++)
			b->cells[b->nslots * b->ncodes + i] = (cell){ 0, -INFINITY, 0 };
		b->unit[b->nslots] = u;
		b->slot[u] = (int32_t)b->nslots++;
	}
	return &b->cells[(size_t)b->slot[u] * b->ncodes + (size_t)c];
}

/* Every recipient's value folded into its strict ancestors, in one scan. */
static int build_all(lt_db *db, int64_t d, build *b, lt_error *e)
{
	lt_stmt *st = NULL;
	int64_t ids[DEPTH_MAX];
	int rc;

	memset(b, 0, sizeof(*b));
	lt_arena_init(&b->arena);
	b->d = d;
	rc = lt_db_int(db, "SELECT COALESCE(max(id), 0) FROM unit", &b->maxid, e);
	if (rc < 0)
		return rc;
	b->slot = malloc(((size_t)b->maxid + 1) * sizeof(*b->slot));
	b->code = calloc(CODES_MAX, sizeof(*b->code));
	if (!b->slot || !b->code)
		return oom(e);
	for (int64_t i = 0; i <= b->maxid; i++)
		b->slot[i] = -1;
	/* The columns: the recipients, then every code of the catalogue (a figure's code is one). */
	b->ncodes = 1;
	rc = lt_db_query(db, "SELECT code FROM indicator ORDER BY pos", &st, e);
	if (rc)
		return rc;
	while (b->ncodes < CODES_MAX && (rc = lt_stmt_step(st, e)) == 1)
		snprintf(b->code[b->ncodes++], sizeof(b->code[0]), "%s", lt_stmt_text(st, 0));
	lt_stmt_done(st);
	if (rc < 0)
		return rc;
	/* Every recipient's values, and each recipient itself under the code "" (value 0). */
	rc = lt_db_query(db,
			 "SELECT u.path, v.code, v.value FROM indicator_value v"
			 " JOIN receipt r ON r.directive_id = v.directive_id AND r.unit_id = v.unit_id"
			 " JOIN unit u ON u.id = v.unit_id WHERE v.directive_id = $1"
			 " UNION ALL SELECT u.path, '', 0 FROM receipt r JOIN unit u ON u.id = r.unit_id"
			 " WHERE r.directive_id = $1",
			 &st, e, LT_I(d));
	if (rc)
		return rc;
	while ((rc = lt_stmt_step(st, e)) == 1) {
		size_t n = lt_tree_path_ids(lt_stmt_text(st, 0), ids, DEPTH_MAX);
		int c = code_index(b, lt_stmt_text(st, 1));
		double x = lt_stmt_double(st, 2);
		for (size_t k = 0; k + 1 < n; k++) {
			cell *t = cell_of(b, ids[k], c);
			if (!t && c >= 0 && ids[k] >= 0 && ids[k] <= b->maxid) {
				rc = oom(e);
				break;
			}
			if (!t)
				continue;
			t->sum += x;
			t->max = x > t->max ? x : t->max;
			t->units++;
		}
		if (rc < 0)
			break;
	}
	lt_stmt_done(st);
	return rc < 0 ? rc : 0;
}

static int write_all(lt_db *db, build *b, lt_error *e)
{
	int rc = lt_db_run(db, "DELETE FROM figure_total WHERE directive_id = $1", e, LT_I(b->d));

	for (size_t s = 0; !rc && s < b->nslots; s++)
		for (size_t c = 0; !rc && c < b->ncodes; c++) {
			cell *x = &b->cells[s * b->ncodes + c];
			if (!x->units)
				continue;
			rc = lt_db_run(db,
				       "INSERT INTO figure_total(directive_id, unit_id, code, total, top,"
				       " units) VALUES ($1, $2, $3, $4, $5, $6)",
				       e, LT_I(b->d), LT_I(b->unit[s]), LT_T(b->code[c]), LT_D(x->sum),
				       LT_D(x->max), LT_I(x->units));
		}
	return rc;
}

int lt_figure_total_rebuild(lt_db *db, int64_t d, lt_error *e)
{
	build b;
	int rc = build_all(db, d, &b, e);

	if (!rc)
		rc = write_all(db, &b, e);
	build_free(&b);
	return rc;
}

static bool same(double a, double b)
{
	return fabs(a - b) <= 1e-9 * fmax(1.0, fmax(fabs(a), fabs(b)));
}

int lt_figure_total_verify(lt_db *db, int64_t d, bool repair, lt_figure_total_diff_fn fn,
			   void *ctx, size_t *ndiff, lt_error *e)
{
	lt_stmt *st = NULL;
	uint8_t *seen = NULL;
	build b;
	int rc = build_all(db, d, &b, e);

	*ndiff = 0;
	if (!rc) {
		seen = calloc(b.nslots * b.ncodes + 1, 1);
		rc = seen ? lt_db_query(db,
					"SELECT unit_id, code, total, top, units FROM figure_total"
					" WHERE directive_id = $1",
					&st, e, LT_I(d))
			  : oom(e);
	}
	while (!rc && (rc = lt_stmt_step(st, e)) == 1) {
		int64_t u = lt_stmt_int(st, 0);
		int c = code_index(&b, lt_stmt_text(st, 1));
		cell *x = u >= 0 && u <= b.maxid && b.slot[u] >= 0 && c >= 0
				  ? &b.cells[(size_t)b.slot[u] * b.ncodes + (size_t)c]
				  : NULL;
		lt_figure_total_diff df = { d, u, lt_stmt_text(st, 1), lt_stmt_double(st, 2), 0,
					    lt_stmt_double(st, 3), NAN, lt_stmt_int(st, 4), 0 };
		if (x) {
			seen[(size_t)b.slot[u] * b.ncodes + (size_t)c] = 1;
			df.real_sum = x->sum;
			df.real_max = x->units ? x->max : NAN;
			df.real_units = x->units;
		}
		if (!x || df.kept_units != df.real_units || !same(df.kept_sum, df.real_sum) ||
		    !same(df.kept_max, df.real_max)) {
			(*ndiff)++;
			if (fn)
				fn(&df, ctx);
		}
		rc = 0;
	}
	lt_stmt_done(st);
	for (size_t s = 0; rc >= 0 && s < b.nslots; s++)
		for (size_t c = 0; c < b.ncodes; c++) {
			cell *x = &b.cells[s * b.ncodes + c];
			lt_figure_total_diff df = { d, b.unit[s], b.code[c], 0, x->sum, NAN, x->max,
						    0, x->units };
			if (!x->units || seen[s * b.ncodes + c])
				continue;
			(*ndiff)++;
			if (fn)
				fn(&df, ctx);
		}
	if (rc >= 0 && repair && *ndiff)
		rc = write_all(db, &b, e);
	free(seen);
	build_free(&b);
	return rc < 0 ? rc : 0;
}

/* ---- Reading ---- */

int lt_figure_total_read(lt_db *db, int64_t d, int64_t unit, lt_arena *a, lt_figure_total **out,
			 size_t *n, lt_error *e)
{
	lt_stmt *st = NULL;
	lt_figure_total *v = NULL;
	size_t cap = 0;
	int rc = stale(db, d, e);

	*out = NULL;
	*n = 0;
	if (rc == 1)
		rc = lt_rollup_rebuild(db, d, e);
	if (rc)
		return rc;
	/* The kept rows of the unit (of every root) and its (their) own values as a recipient. */
#define FT_READ(WHO)                                                                     \
	"SELECT code, sum(total), max(top), sum(units) FROM ("                                    \
	" SELECT t.code, t.total, t.top, t.units FROM figure_total t"                             \
	"  WHERE t.directive_id = $1 AND t.unit_id " WHO                                        \
	" UNION ALL SELECT '', 0, 0, 1 FROM receipt r"                                            \
	"  WHERE r.directive_id = $1 AND r.unit_id " WHO                                        \
	" UNION ALL SELECT v.code, v.value, v.value, 1 FROM indicator_value v"                    \
	"  JOIN receipt r ON r.directive_id = v.directive_id AND r.unit_id = v.unit_id"           \
	"  WHERE v.directive_id = $1 AND v.unit_id " WHO                                        \
	") x GROUP BY code ORDER BY code"
	if (unit)
		rc = lt_db_query(db, FT_READ("= $2"), &st, e, LT_I(d), LT_I(unit));
	else
		rc = lt_db_query(db,
				 FT_READ("IN (SELECT id FROM unit WHERE parent_id IS NULL)"),
				 &st, e, LT_I(d));
#undef FT_READ
	if (rc)
		return rc;
	while ((rc = lt_stmt_step(st, e)) == 1) {
		lt_figure_total *w = lt_store_grow(a, v, *n, &cap, sizeof(*v));
		if (!w) {
			rc = oom(e);
			break;
		}
		v = w;
		v[*n].code = lt_arena_strdup(a, lt_stmt_text(st, 0));
		v[*n].sum = lt_stmt_double(st, 1);
		v[*n].max = lt_stmt_double(st, 2);
		v[*n].units = lt_stmt_int(st, 3);
		(*n)++;
	}
	lt_stmt_done(st);
	if (rc < 0)
		return rc;
	*out = v;
	return 0;
}
