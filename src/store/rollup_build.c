/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * rollup_build.c — a directive's kept roll-up computed from scratch in one
 * pass (the tree on its day, its counted reports, its figures, its
 * receipts), to fill the tables (an old database, a bulk load) or to check
 * them against what the writes kept; see rollup.h.
 */
#include "store/rollup.h"
#include "store/activity_count.h"
#include "store/figure_total.h"
#include "store/report_level.h"
#include "store/rollup_int.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/report.h"
#include "core/tree.h"
#include "store/store.h"
#include "store/unit_int.h"

typedef struct cell {
	double value;
	int64_t units, at;
} cell;

typedef struct build {
	int64_t d, maxid;
	char day[11];
	const char **path;   /* per unit id: its path on the day, or NULL */
	uint8_t *counted;    /* per unit id: bit b set when it counts on basis b */
	int32_t *slot;       /* per unit id: its row among units with a subtree, or -1 */
	int32_t nslots;
	char (*code)[40];
	enum agg *how;
	size_t ncodes;
	cell *cells;         /* nslots × ncodes × 2 */
	int64_t (*cnt)[3];   /* per unit id: expected, on time, late */
	rl_item_rows items;  /* the items' counts (rollup_items_build.c) */
	lt_arena arena;
} build;

static int oom(lt_error *e)
{
	return lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
}

static void build_free(build *b)
{
	free(b->path);
	free(b->counted);
	free(b->slot);
	free(b->code);
	free(b->how);
	free(b->cells);
	free(b->cnt);
	rl_item_rows_free(&b->items);
	lt_arena_free(&b->arena);
}

static cell *cell_of(build *b, int32_t slot, size_t code, int basis)
{
	return &b->cells[((size_t)slot * b->ncodes + code) * 2 + (size_t)basis];
}

static int code_index(const build *b, const char *code)
{
	for (size_t i = 0; i < b->ncodes; i++)
		if (!strcmp(b->code[i], code))
			return (int)i;
	return -1;
}

/* The tree on the day, the catalogue and the counted reports. */
static int load_frame(lt_db *db, build *b, lt_error *e)
{
	lt_stmt *st = NULL;
	int64_t ids[RL_DEPTH_MAX];
	int rc = lt_rollup_day(db, b->d, b->day, e);

	if (!rc && (rc = lt_db_int(db, "SELECT COALESCE(max(id), 0) FROM unit", &b->maxid, e)) > 0)
		rc = 0;
	if (rc)
		return rc;
	b->path = calloc((size_t)b->maxid + 1, sizeof(*b->path));
	b->counted = calloc((size_t)b->maxid + 1, 1);
	b->slot = malloc(((size_t)b->maxid + 1) * sizeof(*b->slot));
	b->cnt = calloc((size_t)b->maxid + 1, sizeof(*b->cnt));
	b->code = calloc(MAX_CODES, sizeof(*b->code));
	b->how = calloc(MAX_CODES, sizeof(*b->how));
	if (!b->path || !b->counted || !b->slot || !b->cnt || !b->code || !b->how)
		return oom(e);
	for (int64_t i = 0; i <= b->maxid; i++)
		b->slot[i] = -1;
	rc = lt_db_query(db,
			 "SELECT unit_id, path FROM unit_version WHERE valid_from <= $1"
			 " AND (valid_to IS NULL OR valid_to > $1)",
			 &st, e, LT_T(b->day));
	if (rc)
		return rc;
	while ((rc = lt_stmt_step(st, e)) == 1) {
		int64_t u = lt_stmt_int(st, 0);
		if (u < 0 || u > b->maxid)
			continue;
		b->path[u] = lt_arena_strdup(&b->arena, lt_stmt_text(st, 1));
		if (!b->path[u]) {
			rc = oom(e);
			break;
		}
	}
	lt_stmt_done(st);
	if (rc < 0)
		return rc;
	/* A slot for every unit that has a unit below it on the day. */
	for (int64_t u = 0; u <= b->maxid; u++) {
		size_t n = b->path[u] ? rl_path_ids(b->path[u], ids, RL_DEPTH_MAX) : 0;
		for (size_t k = 0; k + 1 < n; k++)
			if (ids[k] >= 0 && ids[k] <= b->maxid && b->slot[ids[k]] < 0)
				b->slot[ids[k]] = b->nslots++;
	}
	rc = lt_db_query(db, "SELECT code, aggregation FROM indicator ORDER BY pos", &st, e);
	if (rc)
		return rc;
	while (b->ncodes < MAX_CODES && (rc = lt_stmt_step(st, e)) == 1) {
		snprintf(b->code[b->ncodes], sizeof(b->code[0]), "%s", lt_stmt_text(st, 0));
		b->how[b->ncodes++] = rl_agg_of(lt_stmt_text(st, 1));
	}
	lt_stmt_done(st);
	if (rc < 0)
		return rc;
	rc = lt_db_query(db, "SELECT unit_id, status FROM report WHERE directive_id IN " DIRSET, &st,
			 e, LT_I(b->d));
	if (rc)
		return rc;
	while ((rc = lt_stmt_step(st, e)) == 1) {
		int64_t u = lt_stmt_int(st, 0);
		const char *s = lt_stmt_text(st, 1);
		if (u < 0 || u > b->maxid)
			continue;
		if (!strcmp(s, "accepted"))
			b->counted[u] |= 3;
		else if (!strcmp(s, "submitted"))
			b->counted[u] |= 2;
	}
	lt_stmt_done(st);
	return rc < 0 ? rc : 0;
}

/* Every figure of DIRSET folded into the strict ancestors of its unit; the receipts counted. */
static int fold_all(lt_db *db, build *b, lt_error *e)
{
	lt_stmt *st = NULL;
	int64_t ids[RL_DEPTH_MAX], end;
	int rc;

	b->cells = malloc(((size_t)b->nslots * b->ncodes * 2 + 1) * sizeof(*b->cells));
	if (!b->cells)
		return oom(e);
	for (size_t i = 0; i < (size_t)b->nslots * b->ncodes * 2; i++)
		b->cells[i] = (cell){ NAN, 0, 0 };
	rc = lt_db_query(db,
			 "SELECT unit_id, code, value, updated_at FROM indicator_value"
			 " WHERE directive_id IN " DIRSET,
			 &st, e, LT_I(b->d));
	if (rc)
		return rc;
	while ((rc = lt_stmt_step(st, e)) == 1) {
		int64_t u = lt_stmt_int(st, 0);
		int c;
		size_t n;
		if (u < 0 || u > b->maxid || !b->path[u] || !b->counted[u])
			continue;
		c = code_index(b, lt_stmt_text(st, 1));
		if (c < 0 || b->how[c] == AGG_NONE)
			continue;
		n = rl_path_ids(b->path[u], ids, RL_DEPTH_MAX);
		for (size_t k = 0; k + 1 < n; k++) {
			if (ids[k] < 0 || ids[k] > b->maxid || b->slot[ids[k]] < 0)
				continue;
			for (int basis = 0; basis < 2; basis++) {
				cell *x;
				if (!(b->counted[u] & (1 << basis)))
					continue;
				x = cell_of(b, b->slot[ids[k]], (size_t)c, basis);
				rl_combine(b->how[c], &x->value, &x->at, lt_stmt_double(st, 2),
					   lt_stmt_int(st, 3));
				x->units++;
			}
		}
	}
	lt_stmt_done(st);
	if (rc < 0)
		return rc;
	end = lt_deadline_end(b->day);
	rc = lt_db_query(db,
			 "SELECT r.unit_id, p.first_submitted_at FROM receipt r"
			 " LEFT JOIN report p ON p.directive_id = r.directive_id AND p.unit_id = r.unit_id"
			 " WHERE r.directive_id = $1",
			 &st, e, LT_I(b->d));
	if (rc)
		return rc;
	while ((rc = lt_stmt_step(st, e)) == 1) {
		int64_t u = lt_stmt_int(st, 0);
		bool sub = !lt_stmt_is_null(st, 1);
		bool on_time = sub && lt_stmt_int(st, 1) <= end;
		size_t n;
		if (u < 0 || u > b->maxid || !b->path[u])
			continue;
		n = rl_path_ids(b->path[u], ids, RL_DEPTH_MAX);
		for (size_t k = 0; k < n; k++) {
			if (ids[k] < 0 || ids[k] > b->maxid)
				continue;
			b->cnt[ids[k]][0]++;
			b->cnt[ids[k]][1] += on_time;
			b->cnt[ids[k]][2] += sub && !on_time;
		}
	}
	lt_stmt_done(st);
	return rc < 0 ? rc : 0;
}

static int build_all(lt_db *db, int64_t d, build *b, lt_error *e)
{
	int rc;

	memset(b, 0, sizeof(*b));
	lt_arena_init(&b->arena);
	b->d = d;
	lt_arena_init(&b->items.arena);
	rc = load_frame(db, b, e);
	if (!rc)
		rc = fold_all(db, b, e);
	if (!rc)
		rc = rl_items_build(db, d, b->maxid, b->path, b->counted, b->slot, b->nslots,
				    &b->items, e);
	return rc;
}

/* Write the built rows in place of the kept ones. */
static int write_all(lt_db *db, build *b, lt_error *e)
{
	int rc = lt_db_run(db, "DELETE FROM rollup_total WHERE directive_id = $1", e, LT_I(b->d));

	if (!rc)
		rc = lt_db_run(db, "DELETE FROM rollup_count WHERE directive_id = $1", e, LT_I(b->d));
	if (!rc)
		rc = lt_db_run(db, "DELETE FROM rollup_stale WHERE directive_id = $1", e, LT_I(b->d));
	for (int64_t u = 0; !rc && u <= b->maxid; u++) {
		if (b->slot[u] >= 0)
			for (size_t c = 0; !rc && c < b->ncodes; c++)
				for (int basis = 0; !rc && basis < 2; basis++) {
					cell *x = cell_of(b, b->slot[u], c, basis);
					if (!x->units)
						continue;
					rc = lt_db_run(db,
						       "INSERT INTO rollup_total(directive_id, unit_id, basis,"
						       " code, value, units, at) VALUES ($1, $2, $3, $4, $5,"
						       " $6, $7)",
						       e, LT_I(b->d), LT_I(u), LT_I(basis), LT_T(b->code[c]),
						       LT_D(x->value), LT_I(x->units),
						       LT_I(b->how[c] == AGG_SUM ? 0 : x->at));
				}
		if (!rc && b->cnt[u][0])
			rc = lt_db_run(db,
				       "INSERT INTO rollup_count(directive_id, unit_id, expected, on_time,"
				       " late) VALUES ($1, $2, $3, $4, $5)",
				       e, LT_I(b->d), LT_I(u), LT_I(b->cnt[u][0]), LT_I(b->cnt[u][1]),
				       LT_I(b->cnt[u][2]));
	}
	for (size_t i = 0; !rc && i < b->items.n; i++) {
		const rl_item_row *x = &b->items.v[i];
		rc = lt_db_run(db,
			       "INSERT INTO rollup_total(directive_id, unit_id, basis, code, value,"
			       " units, at) VALUES ($1, $2, $3, $4, $5, $6, 0)",
			       e, LT_I(b->d), LT_I(x->unit), LT_I(x->b), LT_T(x->code),
			       LT_D((double)x->n), LT_I(x->n));
	}
	return rc;
}

int lt_rollup_rebuild(lt_db *db, int64_t directive, lt_error *e)
{
	build b;
	int rc = lt_db_begin(db, e);

	if (rc)
		return rc;
	/* Writers of the directive wait while it is rebuilt (their rows are read after). */
	rc = rl_lock(db, directive, e);
	if (rc) {
		memset(&b, 0, sizeof(b));
		lt_arena_init(&b.arena);
	} else
		rc = build_all(db, directive, &b, e);
	if (!rc)
		rc = write_all(db, &b, e);
	/* Bulk loads (the national demo) skip the upkeep of the activity list's counts too. */
	if (!rc)
		rc = lt_activity_count_rebuild(db, directive, e);
	/* And the figures summary's totals (store/figure_total.h). */
	if (!rc)
		rc = lt_figure_total_rebuild(db, directive, e);
	/* And the report level's counts by state (store/report_level.h). */
	if (!rc)
		rc = lt_report_state_rebuild(db, directive, e);
	build_free(&b);
	return lt_db_end(db, rc, e);
}

static bool same(double a, double b)
{
	if (isnan(a) || isnan(b))
		return isnan(a) && isnan(b);
	return fabs(a - b) <= 1e-9 * fmax(1.0, fmax(fabs(a), fabs(b)));
}

static void report(lt_rollup_diff_fn fn, void *ctx, size_t *nd, const lt_rollup_diff *d)
{
	(*nd)++;
	if (fn)
		fn(d, ctx);
}

/* Compare the kept rows with the built ones; each kept row is marked off in seen. */
static int compare(lt_db *db, build *b, lt_rollup_diff_fn fn, void *ctx, size_t *nd, lt_error *e)
{
	lt_stmt *st = NULL;
	uint8_t *seen = calloc((size_t)b->nslots * b->ncodes * 2 + 1, 1);
	uint8_t *seen_cnt = calloc((size_t)b->maxid + 1, 1);
	uint8_t *seen_items = calloc(b->items.n + 1, 1);
	int rc;

	if (!seen || !seen_cnt || !seen_items) {
		free(seen);
		free(seen_cnt);
		free(seen_items);
		return oom(e);
	}
	rc = lt_db_query(db,
			 "SELECT unit_id, basis, code, value, units FROM rollup_total"
			 " WHERE directive_id = $1",
			 &st, e, LT_I(b->d));
	while (!rc && (rc = lt_stmt_step(st, e)) == 1) {
		int64_t u = lt_stmt_int(st, 0);
		int basis = (int)lt_stmt_int(st, 1);
		const char *code = lt_stmt_text(st, 2);
		int c = code_index(b, code);
		lt_rollup_diff d = { b->d, u, basis, code, lt_stmt_double(st, 3), NAN,
				     lt_stmt_int(st, 4), 0, false };
		cell *x = NULL;
		if (code[0] == RL_ITEM_CODE) {
			/* An item count: against the built rows (by unit, basis, code). */
			rl_item_row key = { u, basis, code, 0 }, *r;
			r = bsearch(&key, b->items.v, b->items.n, sizeof(key), rl_item_row_cmp);
			if (r) {
				seen_items[r - b->items.v] = 1;
				d.fresh = (double)r->n;
				d.fresh_units = r->n;
			}
			if (!r || d.kept_units != d.fresh_units || !same(d.kept, d.fresh))
				report(fn, ctx, nd, &d);
			rc = 0;
			continue;
		}
		if (c >= 0 && u >= 0 && u <= b->maxid && b->slot[u] >= 0 && (basis == 0 || basis == 1)) {
			x = cell_of(b, b->slot[u], (size_t)c, basis);
			seen[((size_t)b->slot[u] * b->ncodes + (size_t)c) * 2 + (size_t)basis] = 1;
			d.fresh = x->units ? x->value : NAN;
			d.fresh_units = x->units;
		}
		if (!x || d.kept_units != d.fresh_units || !same(d.kept, d.fresh))
			report(fn, ctx, nd, &d);
		rc = 0;
	}
	lt_stmt_done(st);
	for (int64_t u = 0; rc >= 0 && u <= b->maxid; u++)
		if (b->slot[u] >= 0)
			for (size_t c = 0; c < b->ncodes; c++)
				for (int basis = 0; basis < 2; basis++) {
					cell *x = cell_of(b, b->slot[u], c, basis);
					lt_rollup_diff d = { b->d, u, basis, b->code[c], NAN, x->value,
							     0, x->units, false };
					if (x->units &&
					    !seen[((size_t)b->slot[u] * b->ncodes + c) * 2 + (size_t)basis])
						report(fn, ctx, nd, &d);
				}
	for (size_t i = 0; rc >= 0 && i < b->items.n; i++)
		if (!seen_items[i]) {
			const rl_item_row *r = &b->items.v[i];
			lt_rollup_diff d = { b->d, r->unit, r->b, r->code, NAN, (double)r->n, 0,
					     r->n, false };
			report(fn, ctx, nd, &d);
		}
	free(seen_items);
	if (rc >= 0)
		rc = lt_db_query(db,
				 "SELECT unit_id, expected, on_time, late FROM rollup_count"
				 " WHERE directive_id = $1",
				 &st, e, LT_I(b->d));
	while (rc >= 0 && (rc = lt_stmt_step(st, e)) == 1) {
		static const char *const what[3] = { "expected", "on_time", "late" };
		int64_t u = lt_stmt_int(st, 0);
		bool in = u >= 0 && u <= b->maxid;
		if (in)
			seen_cnt[u] = 1;
		for (int k = 0; k < 3; k++) {
			int64_t kept = lt_stmt_int(st, 1 + k), fresh = in ? b->cnt[u][k] : 0;
			lt_rollup_diff d = { b->d, u, -1, what[k], (double)kept, (double)fresh, 0, 0,
					     false };
			if (kept != fresh)
				report(fn, ctx, nd, &d);
		}
	}
	lt_stmt_done(st);
	for (int64_t u = 0; rc >= 0 && u <= b->maxid; u++)
		if (b->cnt[u][0] && !seen_cnt[u]) {
			lt_rollup_diff d = { b->d, u, -1, "expected", 0, (double)b->cnt[u][0], 0, 0,
					     false };
			report(fn, ctx, nd, &d);
		}
	free(seen);
	free(seen_cnt);
	return rc < 0 ? rc : 0;
}

typedef struct act_sink {
	lt_rollup_diff_fn fn;
	void *ctx;
} act_sink;

/* An activity count difference as a roll-up one: code "activity:CHANNEL", originals as units. */
static void act_diff(const lt_activity_count_diff *d, void *ctx)
{
	act_sink *s = ctx;
	char code[2200]; /* a link (at most LT_URL_MAX, 2,048 bytes) after "activity:originals " */
	lt_rollup_diff r = { d->directive, d->unit, -1, code, (double)d->kept_sub,
			     (double)d->real_sub, d->kept_orig, d->real_orig, false };

	if (d->link) /* a link whose count of originals is not one: name the link */
		snprintf(code, sizeof(code), "activity:%s %s", d->channel ? d->channel : "",
			 d->link);
	else
		snprintf(code, sizeof(code), "activity:%s", d->channel ? d->channel : "");
	if (s->fn)
		s->fn(&r, s->ctx);
}

/* A figures summary difference as a roll-up one: code "summary:CODE", the sums and counts. */
static void total_diff(const lt_figure_total_diff *d, void *ctx)
{
	act_sink *s = ctx;
	char code[64];
	lt_rollup_diff r = { d->directive, d->unit, -1, code, d->kept_sum, d->real_sum,
			     d->kept_units, d->real_units, false };

	snprintf(code, sizeof(code), "summary:%s", d->code ? d->code : "");
	if (s->fn)
		s->fn(&r, s->ctx);
}

/* A difference in the counts by report state: code "reports:STATE", kept and recounted. */
static void state_diff(const lt_report_state_diff *d, void *ctx)
{
	act_sink *s = ctx;

	for (int i = 0; s->fn && i < LT_REPORT_STATES; i++)
		if (d->kept[i] != d->real[i]) {
			char code[64];
			lt_rollup_diff r = { d->directive, d->unit, -1, code, (double)d->kept[i],
					     (double)d->real[i], 0, 0, false };
			snprintf(code, sizeof(code), "reports:%s", lt_report_state_name(i));
			s->fn(&r, s->ctx);
		}
}

int lt_rollup_verify(lt_db *db, int64_t directive, bool repair, lt_rollup_diff_fn fn, void *ctx,
		     size_t *ndiff, lt_error *e)
{
	build b;
	lt_stmt *st;
	bool built = false;
	int rc = lt_db_begin(db, e);

	*ndiff = 0;
	if (rc)
		return rc;
	memset(&b, 0, sizeof(b));
	lt_arena_init(&b.arena);
	rc = lt_db_row(db, "SELECT 1 FROM directive WHERE id = $1", &st, e, LT_I(directive));
	lt_stmt_done(st);
	st = NULL;
	if (rc == 0)
		rc = lt_error_set(e, LT_ENOTFOUND, "directive", "Không có công văn #%" PRId64,
				  "No directive #%" PRId64, directive);
	else if (rc == 1) {
		/* Under the upkeep lock: no write lands between the recount and the kept rows. */
		rc = rl_lock(db, directive, e);
		if (!rc)
			rc = lt_db_row(db, "SELECT 1 FROM rollup_stale WHERE directive_id = $1", &st,
				       e, LT_I(directive));
		lt_stmt_done(st);
	}
	/*
	 * A repair marks the links' originals again first in the directives
	 * carrying this one out: their items count here too, and the counts
	 * built below must see the originals as they will be left (their own
	 * verify reports what was wrong).
	 */
	if (rc == 0 && repair) {
		int64_t below[RL_DIRSET_MAX];
		size_t nb = 0;
		rc = rl_dirset(db, directive, below, &nb, e);
		for (size_t i = 0; !rc && i < nb; i++) {
			size_t na = 0;
			if (below[i] != directive)
				rc = lt_activity_count_verify(db, below[i], true, NULL, NULL, &na, e);
		}
	}
	if (rc == 1) {
		/* Never built: nothing kept to compare. */
		lt_rollup_diff d = { directive, 0, -1, "stale", NAN, NAN, 0, 0, true };
		report(fn, ctx, ndiff, &d);
		rc = 0;
	} else if (rc == 0) {
		built = true;
		build_free(&b);
		rc = build_all(db, directive, &b, e);
		if (!rc)
			rc = compare(db, &b, fn, ctx, ndiff, e);
	}
	/* The activity list's kept counts of the directive: an item count per channel. */
	if (!rc) {
		act_sink s = { fn, ctx };
		size_t na = 0;
		rc = lt_activity_count_verify(db, directive, repair, act_diff, &s, &na, e);
		*ndiff += na;
	}
	/* The figures summary's kept totals (built with the rest: none while stale). */
	if (!rc && built) {
		act_sink s = { fn, ctx };
		size_t nt = 0;
		rc = lt_figure_total_verify(db, directive, false, total_diff, &s, &nt, e);
		*ndiff += nt;
	}
	/* The report level's counts by state (kept whether or not the rest is built). */
	if (!rc) {
		act_sink s = { fn, ctx };
		size_t ns = 0;
		rc = lt_report_state_verify(db, directive, state_diff, &s, &ns, e);
		*ndiff += ns;
	}
	if (!rc && repair && *ndiff) {
		build_free(&b);
		rc = build_all(db, directive, &b, e);
		if (!rc)
			rc = write_all(db, &b, e);
		if (!rc)
			rc = lt_figure_total_rebuild(db, directive, e);
		if (!rc)
			rc = lt_report_state_rebuild(db, directive, e);
	}
	build_free(&b);
	return lt_db_end(db, rc, e);
}

int lt_rollup_directives(lt_db *db, lt_arena *a, int64_t **ids, size_t *n, lt_error *e)
{
	lt_stmt *st = NULL;
	size_t cap = 0;
	int rc = lt_db_query(db, "SELECT id FROM directive ORDER BY id", &st, e);

	*ids = NULL;
	*n = 0;
	if (rc)
		return rc;
	while ((rc = lt_stmt_step(st, e)) == 1) {
		int64_t *v = lt_store_grow(a, *ids, *n, &cap, sizeof(**ids));
		if (!v) {
			rc = oom(e);
			break;
		}
		*ids = v;
		(*ids)[(*n)++] = lt_stmt_int(st, 0);
	}
	lt_stmt_done(st);
	return rc < 0 ? rc : 0;
}
