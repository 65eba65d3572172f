/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * rollup_items.c — the activity items' counts kept in rollup_total beside
 * the figures, by the writes that change them; the codes are listed in
 * rollup_int.h.
 *
 * Counts per theme, channel and day add up over a subtree, so they move
 * along the ancestors like a figure. The distinct links of a subtree do
 * not: a link met in two children is one link of their parent. But they
 * are the subtree's items with a link less its repeats, and the repeats
 * add up. For a link L let n(A) be L's counted items in A's subtree,
 * c(A) = [n(A) > 0] and own(A) those of A itself. Then
 *
 *     n(X) - c(X) = sum over A in X's subtree of g(A),
 *     g(A) = own(A) + #{children k of A with c(k)} - c(A)  (>= 0),
 *
 * since each child's c(k) is taken once at its parent and once at itself.
 * g(A) is local: the repeats of L that meet at A. So each unit keeps the
 * g of its subtree (itself included) under "#x" (and "#y" per row), and a
 * write recomputes g for the links it touches only: the items of one link
 * are few (a link shared from a kit is one item per unit that shares it).
 * Everything here is a difference: the state before the write is measured,
 * then the state after, and what changed is added to the kept rows.
 */
#include "store/rollup.h"
#include "store/rollup_int.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/tree.h"
#include "store/store.h"

static int oom(lt_error *e)
{
	return lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
}

/* ---- An item's codes ---- */

size_t rl_item_codes(int64_t theme, const char *ch, bool original, bool kit, bool link,
		     const char *day, char out[RL_ITEM_CODES][64])
{
	size_t n = 0;

	/* The fewest rows per item: the totals are sums of these (rollup_items_read.c). */
	snprintf(out[n++], 64, "#t%" PRId64 "|%s", theme, ch);
	if (original)
		snprintf(out[n++], 64, "#r%" PRId64 "|%s", theme, ch);
	if (!link)
		snprintf(out[n++], 64, "#v%" PRId64 "|%s", theme, ch);
	if (kit)
		snprintf(out[n++], 64, "#k");
	if (day && *day)
		snprintf(out[n++], 64, "#d%.10s", day);
	return n;
}

int rl_vals_bump(rl_vals *s, const char *code, int64_t by, lt_error *e)
{
	for (size_t i = s->n; i-- > 0;)
		if (!strcmp(s->v[i].code, code)) {
			s->v[i].value += (double)by;
			s->v[i].units += by;
			return 0;
		}
	return rl_vals_add(s, code, (double)by, by, 0, e);
}

int rl_item_own(lt_db *db, int64_t d, int64_t u, rl_vals *out, lt_error *e)
{
	rl_rows r = { 0 };
	/* "#c": the unit itself, so that a subtree's kept row counts its counted units. */
	int rc = rl_vals_bump(out, "#c", 1, e);

	lt_arena_init(&r.arena);
	if (!rc)
		rc = rl_rows_of_unit(db, d, u, &r, e);
	for (size_t i = 0; !rc && i < r.n; i++) {
		const rl_row *x = &r.v[i];
		char c[RL_ITEM_CODES][64];
		size_t n = rl_item_codes(x->theme, x->ch, x->original, x->kit, x->url != NULL, x->day, c);
		for (size_t k = 0; !rc && k < n; k++)
			rc = rl_vals_bump(out, c[k], 1, e);
	}
	rl_rows_free(&r);
	return rc;
}

/* ---- Differences to the kept rows ---- */

int rl_delta_add(rl_deltas *s, int64_t d, int64_t node, int kind, int b, const char *code,
		     int64_t n, lt_error *e)
{
	if (!n)
		return 0;
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 64;
		rl_delta *v = realloc(s->v, cap * sizeof(*v));
		if (!v)
			return oom(e);
		s->v = v;
		s->cap = cap;
	}
	s->v[s->n] = (rl_delta){ d, node, kind, b, "", n };
	snprintf(s->v[s->n].code, sizeof(s->v[s->n].code), "%s", code);
	s->n++;
	return 0;
}

static int by_key(const void *pa, const void *pb)
{
	const rl_delta *a = pa, *b = pb;

	if (a->d != b->d)
		return a->d < b->d ? -1 : 1;
	if (a->kind != b->kind)
		return a->kind - b->kind;
	if (a->node != b->node)
		return a->node < b->node ? -1 : 1;
	if (a->b != b->b)
		return a->b - b->b;
	return strcmp(a->code, b->code);
}

/*
 * Add each n[i] to (d, ids[k], b, code[i]) for the ncodes codes (at most
 * CODE_SLOTS) and each of ids[0..nids): one statement for each PATH_SLOTS
 * ids (the tree is 4 to 6 levels deep), the rows falling to 0 dropped by
 * one more. The rows are the directive's, under its upkeep lock.
 */
#define PATH_SLOTS 8
#define CODE_SLOTS 6
static int add_path(lt_db *db, int64_t d, int b, const char *const *code, const int64_t *n,
		    size_t ncodes, const int64_t *ids, size_t nids, lt_error *e)
{
	lt_stmt *st = NULL;
	bool fall = false;
	int rc = 0;

	for (size_t i = 0; i < ncodes; i++)
		fall |= n[i] < 0;
	for (size_t from = 0; !rc && from < nids; from += PATH_SLOTS) {
		size_t end = from + PATH_SLOTS < nids ? from + PATH_SLOTS : nids;
		rc = lt_db_prepare(db,
				   "INSERT INTO rollup_total(directive_id, unit_id, basis, code, value,"
				   " units, at) SELECT CAST($1 AS BIGINT), u.id, CAST($2 AS INTEGER),"
				   " c.column1, CAST(c.column2 AS DOUBLE PRECISION), c.column2, 0"
				   " FROM unit u CROSS JOIN (VALUES (CAST($3 AS TEXT), CAST($4 AS BIGINT)),"
				   " ($5, $6), ($7, $8), ($9, $10), ($11, $12), ($13, $14)) AS c"
				   " WHERE u.id IN ($15, $16, $17, $18, $19, $20, $21, $22)"
				   " AND c.column1 IS NOT NULL"
				   " ON CONFLICT (directive_id, unit_id, basis, code) DO UPDATE SET"
				   " value = rollup_total.value + excluded.value,"
				   " units = rollup_total.units + excluded.units",
				   &st, e);
		if (!rc) {
			lt_stmt_bind_int(st, 1, d);
			lt_stmt_bind_int(st, 2, b);
			for (size_t i = 0; i < ncodes; i++) { /* the slots left stay NULL */
				lt_stmt_bind_text(st, 3 + 2 * (int)i, code[i]);
				lt_stmt_bind_int(st, 4 + 2 * (int)i, n[i]);
			}
			for (size_t k = from; k < end; k++)
				lt_stmt_bind_int(st, 15 + (int)(k - from), ids[k]);
			rc = lt_stmt_run(st, e);
			lt_stmt_done(st);
		}
		if (!rc && fall)
			rc = lt_db_prepare(db,
					   "DELETE FROM rollup_total WHERE directive_id = $1 AND basis = $2"
					   " AND units <= 0 AND code IN ($3, $4, $5, $6, $7, $8)"
					   " AND unit_id IN ($9, $10, $11, $12, $13, $14, $15, $16)",
					   &st, e);
		if (!rc && fall) {
			lt_stmt_bind_int(st, 1, d);
			lt_stmt_bind_int(st, 2, b);
			for (size_t i = 0; i < ncodes; i++)
				lt_stmt_bind_text(st, 3 + (int)i, code[i]);
			for (size_t k = from; k < end; k++)
				lt_stmt_bind_int(st, 9 + (int)(k - from), ids[k]);
			rc = lt_stmt_run(st, e);
			lt_stmt_done(st);
		}
	}
	return rc;
}

/*
 * Add the summed differences to the kept rows: a unit's own counts to its
 * strict ancestors on each basis it counts on, a repeat to the unit and
 * its ancestors; the codes of one unit and basis CODE_SLOTS at a time.
 */
int rl_deltas_apply(lt_db *db, rl_deltas *s, lt_error *e)
{
	int64_t anc[RL_DEPTH_MAX], dday = 0, at = 0;
	char day[11] = "";
	size_t nanc = 0;
	bool c[2] = { false, false }, stood = false;
	int rc = 0, kind = -1;

	if (s->n)
		qsort(s->v, s->n, sizeof(*s->v), by_key);
	/* Sum the equal keys in place: v[0..m). */
	size_t m = 0;
	for (size_t i = 0; i < s->n; i++) {
		if (m && !by_key(&s->v[m - 1], &s->v[i]))
			s->v[m - 1].n += s->v[i].n;
		else
			s->v[m++] = s->v[i];
	}
	for (size_t i = 0, j; !rc && i < m; i = j) {
		const rl_delta *x = &s->v[i];
		const char *code[CODE_SLOTS];
		int64_t n[CODE_SLOTS];
		size_t k = 0;
		/* A run of one directive, kind, unit and basis, at most CODE_SLOTS codes. */
		for (j = i; j < m && k < CODE_SLOTS && s->v[j].d == x->d && s->v[j].kind == x->kind &&
			    s->v[j].node == x->node && s->v[j].b == x->b;
		     j++)
			if (s->v[j].n) {
				code[k] = s->v[j].code;
				n[k++] = s->v[j].n;
			}
		if (!k)
			continue;
		if (x->d != dday) {
			rc = lt_rollup_day(db, x->d, day, e);
			dday = x->d;
			at = 0;
		}
		/* The unit's path and bases once for its codes (the keys come by unit). */
		if (!rc && (x->node != at || x->kind != kind)) {
			char path[LT_PATH_MAX];
			at = x->node;
			kind = x->kind;
			c[0] = c[1] = true;
			/* A unit's own counts go nowhere when its report counts on no basis. */
			rc = x->kind == RL_OWN ? rl_counted_of(db, x->d, x->node, c, e) : 0;
			stood = false;
			if (!rc && (c[0] || c[1])) {
				rc = rl_path_on(db, x->node, day, path, e);
				stood = rc == 1;
				rc = rc < 0 ? rc : 0;
			}
			nanc = stood ? rl_path_ids(path, anc, RL_DEPTH_MAX) : 0;
			if (x->kind == RL_OWN)
				nanc = nanc ? nanc - 1 : 0;
		}
		if (rc || !stood)
			continue; /* not standing on the day: nothing above it to change */
		for (int b = 0; !rc && b < 2; b++)
			if (x->kind == RL_OWN ? c[b] : x->b == b)
				rc = add_path(db, x->d, b, code, n, k, anc, nanc, e);
	}
	return rc;
}

/* ---- The hooks of the item writes ---- */

/*
 * What a write may change: the items of its links (whose original it is
 * moves within a link's items, in any directive) and its items without a
 * link, by id. Their rows are read before the write (under the links'
 * locks, which every writer of those items holds) and again after it;
 * the units' bases and paths are read after it, for both, and the
 * difference is added to the kept rows, under the directives' upkeep
 * locks: a report change or a tree move that landed in between held them
 * too, and what is read after it sees its effect. A writer holds the
 * locks to its commit, so the later it takes them the less the others of
 * the directive wait (a create takes them after its insert).
 */
struct lt_rollup_items_state {
	int64_t dirs[64];      /* the roll-ups the items count in, in id order */
	size_t nd;
	char **links;          /* each once */
	size_t nlinks;
	rl_rows before;        /* the rows as they were */
	bool locked;           /* the upkeep locks taken by the mark */
	lt_arena arena;
};

void lt_rollup_items_mark_free(lt_rollup_items *m)
{
	if (!m->s)
		return;
	free(m->s->links);
	rl_rows_free(&m->s->before);
	lt_arena_free(&m->s->arena);
	free(m->s);
	m->s = NULL;
}

static int by_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return x < y ? -1 : x > y;
}

static int by_text(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sort v[0..*n) and keep each value once. */
static void uniq(int64_t *v, size_t *n)
{
	size_t k = 0;

	if (*n)
		qsort(v, *n, sizeof(*v), by_id);
	for (size_t i = 0; i < *n; i++)
		if (!k || v[k - 1] != v[i])
			v[k++] = v[i];
	*n = k;
}

/* The rows a write touches: every item of its links, and first..last without a link. */
static int rows_now(lt_db *db, const struct lt_rollup_items_state *s, int64_t first,
		    int64_t last, rl_rows *out, lt_error *e)
{
	int rc = first ? rl_rows_by_id(db, first, last, out, e) : 0;

	for (size_t k = 0; !rc && k < s->nlinks; k++)
		rc = rl_rows_of_link(db, s->links[k], out, e);
	return rc;
}

/* Append x to *v (n values, room for *cap). */
static int push(int64_t **v, size_t *n, size_t *cap, int64_t x, lt_error *e)
{
	if (*n == *cap) {
		size_t c = *cap ? *cap * 2 : 16;
		int64_t *w = realloc(*v, c * sizeof(*w));
		if (!w)
			return oom(e);
		*v = w;
		*cap = c;
	}
	(*v)[(*n)++] = x;
	return 0;
}

int lt_rollup_items_mark(lt_db *db, int64_t directive, int64_t first, int64_t last,
			 const char *const *links, size_t nlinks, bool lock, lt_rollup_items *m,
			 lt_error *e)
{
	struct lt_rollup_items_state *s = calloc(1, sizeof(*s));
	int64_t *idirs = NULL, above[4];
	size_t nidirs = 0, capd = 0;
	int rc = 0;

	m->s = s;
	if (!s)
		return oom(e);
	lt_arena_init(&s->arena);
	lt_arena_init(&s->before.arena);
	s->links = calloc(nlinks + 1, sizeof(*s->links));
	if (!s->links)
		rc = oom(e);
	if (!rc)
		rc = push(&idirs, &nidirs, &capd, directive, e);
	for (size_t i = 0; !rc && i < nlinks; i++)
		if (links[i] && *links[i] && !(s->links[s->nlinks++] = lt_arena_strdup(&s->arena, links[i])))
			rc = oom(e);
	/* Each link once (an import names thousands): a state measured twice would add its change twice. */
	if (!rc && s->nlinks) {
		size_t k = 0;
		qsort(s->links, s->nlinks, sizeof(*s->links), by_text);
		for (size_t i = 0; i < s->nlinks; i++)
			if (!k || strcmp(s->links[k - 1], s->links[i]))
				s->links[k++] = s->links[i];
		s->nlinks = k;
	}
	/* The rows as they are, and the directives they belong to. */
	if (!rc)
		rc = rows_now(db, s, first, last, &s->before, e);
	for (size_t i = 0; !rc && i < s->before.n; i++)
		rc = push(&idirs, &nidirs, &capd, s->before.v[i].dir, e);
	if (!rc)
		uniq(idirs, &nidirs);
	/* The roll-ups they count in: each item's directive and those above it. */
	for (size_t i = 0; !rc && i < nidirs; i++) {
		size_t na = 0;
		rc = rl_dirs_above(db, idirs[i], above, &na, e);
		for (size_t j = 0; !rc && j < na; j++) {
			if (s->nd == sizeof(s->dirs) / sizeof(s->dirs[0]))
				rc = lt_error_set(e, LT_ETOOBIG, "url_canonical",
						  "Đường dẫn thuộc quá nhiều công văn",
						  "The link is in too many directives");
			else
				s->dirs[s->nd++] = above[j];
		}
	}
	free(idirs);
	if (!rc)
		uniq(s->dirs, &s->nd);
	/*
	 * Their locks, in id order, before the write takes any unit's row (the
	 * activity list's counts do): a tree move takes the same locks first,
	 * then the units' rows, so the other order would deadlock. Now, or in
	 * keep when the caller keeps before it touches a unit's row.
	 */
	s->locked = lock;
	for (size_t i = 0; !rc && lock && i < s->nd; i++)
		rc = rl_lock(db, s->dirs[i], e);
	if (rc)
		lt_rollup_items_mark_free(m);
	return rc;
}

int lt_rollup_items_keep(lt_db *db, lt_rollup_items *m, int64_t first, int64_t last,
			 lt_error *e)
{
	struct lt_rollup_items_state *s = m->s;
	rl_rows after = { 0 };
	rl_deltas diff = { 0 };
	int rc = 0;

	lt_arena_init(&after.arena);
	if (!s)
		return 0;
	/* The locks (unless the mark took them), then the rows as the write left them. */
	for (size_t i = 0; !rc && !s->locked && i < s->nd; i++)
		rc = rl_lock(db, s->dirs[i], e);
	if (!rc)
		rc = rows_now(db, s, first, last, &after, e);
	for (size_t i = 0; !rc && i < s->nd; i++) {
		int64_t dirs[RL_DIRSET_MAX] = { s->dirs[i] };
		size_t nds = 1;
		char day[11];
		bool stale = false, others = false;
		/* One not built yet is built from scratch when first read. */
		rc = rl_day(db, s->dirs[i], day, &stale, e);
		if (rc || stale)
			continue;
		/* Which directives count here, only when some row is of another one. */
		for (size_t k = 0; k < s->before.n && !others; k++)
			others = s->before.v[k].dir != s->dirs[i];
		for (size_t k = 0; k < after.n && !others; k++)
			others = after.v[k].dir != s->dirs[i];
		if (others)
			rc = rl_dirset(db, s->dirs[i], dirs, &nds, e);
		if (!rc)
			rc = rl_rows_deltas(db, s->dirs[i], day, dirs, nds, &s->before, NULL, -1, true,
					    &diff, e);
		if (!rc)
			rc = rl_rows_deltas(db, s->dirs[i], day, dirs, nds, &after, NULL, 1, true, &diff,
					    e);
	}
	if (!rc)
		rc = rl_deltas_apply(db, &diff, e);
	free(diff.v);
	rl_rows_free(&after);
	lt_rollup_items_mark_free(m);
	return rc;
}
