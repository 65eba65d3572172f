/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * rollup_repeats.c — the repeats of links in the kept item counts (see
 * rollup_items.c for why they add up): g of each unit a link's items
 * meet, measured before and after a change of the items, of a unit's
 * report or of the tree, and the difference added to the kept rows.
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

/* ---- The repeats of one link ---- */

struct rl_then {
	int64_t unit;        /* its report counted on other bases: counted[] (0: none) */
	bool counted[2];
	int64_t moved;       /* its subtree stood under was instead of now (0: none) */
	const char *was, *now;
};

typedef struct uinfo {
	int64_t u;
	bool c[2], stood;
	int64_t ids[RL_DEPTH_MAX];
	size_t nids;
} uinfo;

typedef struct meet {
	int b;
	int64_t theme, unit;
	const char *ch;
	const uinfo *at;
} meet;

static int by_row(const void *pa, const void *pb)
{
	const meet *a = pa, *b = pb;

	if (a->b != b->b)
		return a->b - b->b;
	if (a->theme != b->theme)
		return a->theme < b->theme ? -1 : 1;
	return strcmp(a->ch, b->ch);
}

/* The unit as it stood then: its counted bases and its path on the day. */
static int info_of(lt_db *db, int64_t d, const char *day, const rl_then *t, int64_t u, uinfo *x,
		   lt_error *e)
{
	char path[LT_PATH_MAX];
	int rc;

	memset(x, 0, sizeof(*x));
	x->u = u;
	rc = rl_counted_of(db, d, u, x->c, e);
	if (!rc && t && t->unit == u)
		memcpy(x->c, t->counted, sizeof(x->c));
	if (!rc)
		rc = rl_path_on(db, u, day, path, e);
	if (rc < 0)
		return rc;
	x->stood = rc == 1;
	if (t && t->moved) {
		size_t ln = strlen(t->now);
		if (x->stood && ln && !strncmp(path, t->now, ln)) {
			/* Under the moved subtree now: under its old place then. */
			x->stood = t->was[0] && strlen(t->was) + strlen(path + ln) < LT_PATH_MAX;
			if (x->stood) {
				char old[2 * LT_PATH_MAX];
				snprintf(old, sizeof(old), "%s%s", t->was, path + ln);
				memcpy(path, old, sizeof(path));
			}
		} else if (!x->stood && u == t->moved && t->was[0]) {
			x->stood = true;
			snprintf(path, sizeof(path), "%s", t->was);
		}
	}
	if (x->stood)
		x->nids = rl_path_ids(path, x->ids, RL_DEPTH_MAX);
	return 0;
}

typedef struct pair {
	int64_t node, parent;
	int64_t own;
} pair;

static int by_node(const void *pa, const void *pb)
{
	const pair *a = pa, *b = pb;

	return a->node < b->node ? -1 : a->node > b->node;
}

int rl_repeats(const rl_path *at, size_t n, int (*fn)(void *ctx, int64_t node, int64_t g),
	       void *ctx, lt_error *e)
{
	size_t np = 0, nd = 0;
	pair *p;
	int64_t *kids;
	int rc = 0;

	if (n < 2)
		return 0; /* one item repeats nothing */
	for (size_t i = 0; i < n; i++)
		np += at[i].n;
	p = malloc((np + 1) * sizeof(*p));
	kids = calloc(np + 1, sizeof(*kids));
	if (!p || !kids) {
		free(p);
		free(kids);
		return oom(e);
	}
	np = 0;
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < at[i].n; k++)
			p[np++] = (pair){ at[i].ids[k], k ? at[i].ids[k - 1] : 0, k + 1 == at[i].n };
	qsort(p, np, sizeof(*p), by_node);
	/* Each unit once, with its own items summed; then its children in the union. */
	for (size_t i = 0; i < np; i++) {
		if (nd && p[nd - 1].node == p[i].node) {
			p[nd - 1].own += p[i].own;
			continue;
		}
		p[nd++] = p[i];
	}
	for (size_t i = 0; i < nd; i++) {
		pair key = { p[i].parent, 0, 0 };
		pair *up = p[i].parent ? bsearch(&key, p, nd, sizeof(*p), by_node) : NULL;
		if (up)
			kids[up - p]++;
	}
	for (size_t i = 0; !rc && i < nd; i++)
		if (p[i].own + kids[i] != 1)
			rc = fn(ctx, p[i].node, p[i].own + kids[i] - 1);
	free(kids);
	free(p);
	return rc;
}

typedef struct to_deltas {
	rl_deltas *out;
	int64_t d;
	int b, sign;
	const char *code;
	lt_error *e;
} to_deltas;

static int add_repeat(void *ctx, int64_t node, int64_t g)
{
	to_deltas *t = ctx;

	return rl_delta_add(t->out, t->d, node, RL_REPEAT, t->b, t->code, t->sign * g, t->e);
}

/* The repeats of the items m[0..n) of one link (and row), with sign, as RL_REPEAT differences. */
static int repeats(const meet *m, size_t n, int64_t d, int b, const char *code, int sign,
		   rl_deltas *out, lt_error *e)
{
	to_deltas t = { out, d, b, sign, code, e };
	rl_path *p = malloc((n + 1) * sizeof(*p));
	int rc;

	if (!p)
		return oom(e);
	for (size_t i = 0; i < n; i++)
		p[i] = (rl_path){ m[i].at->ids, m[i].at->nids };
	rc = rl_repeats(p, n, add_repeat, &t, e);
	free(p);
	return rc;
}

/*
 * The repeats of link url among the items of DIRSET(d) as they stood then
 * (t; NULL: now), with sign: "#x" for the link, "#y" for each of its rows;
 * with own, each item's own counts too (RL_OWN differences).
 */
/* ---- Item rows, read once and measured as they stood ---- */

static int rows_read(lt_stmt *st, rl_rows *out, lt_error *e)
{
	int rc;

	while ((rc = lt_stmt_step(st, e)) == 1) {
		rl_row *r;
		if (out->n == out->cap) {
			size_t cap = out->cap ? out->cap * 2 : 16;
			rl_row *v = realloc(out->v, cap * sizeof(*v));
			if (!v) {
				rc = oom(e);
				break;
			}
			out->v = v;
			out->cap = cap;
		}
		r = &out->v[out->n];
		*r = (rl_row){ lt_stmt_int(st, 0), lt_stmt_int(st, 1), lt_stmt_int(st, 2),
			       lt_arena_strdup(&out->arena, lt_stmt_text(st, 3)),
			       lt_stmt_is_null(st, 4) ? NULL : lt_arena_strdup(&out->arena, lt_stmt_text(st, 4)),
			       lt_stmt_is_null(st, 5) || !*lt_stmt_text(st, 5)
				       ? NULL
				       : lt_arena_strdup(&out->arena, lt_stmt_text(st, 5)),
			       lt_stmt_int(st, 6) != 0, lt_stmt_int(st, 7) != 0 };
		if (!r->ch || lt_arena_failed(&out->arena)) {
			rc = oom(e);
			break;
		}
		out->n++;
	}
	lt_stmt_done(st);
	return rc < 0 ? rc : 0;
}

#define ROW_COLS                                                                               \
	"unit_id, directive_id, COALESCE(theme_id, 0), COALESCE(channel, ''), date,"          \
	" url_canonical, is_original, CASE WHEN kit_item_id IS NULL THEN 0 ELSE 1 END"

int rl_rows_of_link(lt_db *db, const char *url, rl_rows *out, lt_error *e)
{
	lt_stmt *st = NULL;
	int rc = lt_db_query(db, "SELECT " ROW_COLS " FROM activity WHERE url_canonical = $1", &st,
			     e, LT_T(url));

	return rc ? rc : rows_read(st, out, e);
}

int rl_rows_of_unit(lt_db *db, int64_t d, int64_t u, rl_rows *out, lt_error *e)
{
	lt_stmt *st = NULL;
	int rc = lt_db_query(db,
			     "SELECT " ROW_COLS " FROM activity WHERE unit_id = $2 AND directive_id IN " DIRSET,
			     &st, e, LT_I(d), LT_I(u));

	return rc ? rc : rows_read(st, out, e);
}

int rl_rows_by_id(lt_db *db, int64_t first, int64_t last, rl_rows *out, lt_error *e)
{
	lt_stmt *st = NULL;
	int rc = lt_db_query(db,
			     "SELECT " ROW_COLS " FROM activity WHERE id >= $1 AND id <= $2"
			     " AND (url_canonical IS NULL OR url_canonical = '')",
			     &st, e, LT_I(first), LT_I(last));

	return rc ? rc : rows_read(st, out, e);
}

void rl_rows_free(rl_rows *r)
{
	free(r->v);
	lt_arena_free(&r->arena);
	memset(r, 0, sizeof(*r));
	lt_arena_init(&r->arena);
}

int rl_dirset(lt_db *db, int64_t d, int64_t ids[RL_DIRSET_MAX], size_t *n, lt_error *e)
{
	lt_stmt *st = NULL;
	int rc = lt_db_query(db, "SELECT id FROM directive WHERE id IN " DIRSET, &st, e, LT_I(d));

	*n = 0;
	if (rc)
		return rc;
	while ((rc = lt_stmt_step(st, e)) == 1)
		if (*n < RL_DIRSET_MAX)
			ids[(*n)++] = lt_stmt_int(st, 0);
	lt_stmt_done(st);
	return rc < 0 ? rc : 0;
}

static bool in_set(const int64_t *ids, size_t n, int64_t x)
{
	for (size_t i = 0; i < n; i++)
		if (ids[i] == x)
			return true;
	return false;
}

/* The repeats of one link's items m[0..nm) (its rows of DIRSET(d)), as they stood then. */
static int group_repeats(lt_db *db, int64_t d, const char *day, meet *m, size_t nm,
			 const rl_then *t, int sign, rl_deltas *out, lt_error *e)
{
	uinfo *u = NULL;
	meet *both = NULL;
	size_t nu = 0, nb = 0, k = 0;
	int rc = 0;

	if (nm < 2)
		return 0; /* one item repeats nothing */
	u = malloc(nm * sizeof(*u));
	both = malloc(2 * nm * sizeof(*both));
	if (!u || !both)
		rc = oom(e);
	/* Each unit once (the items come by unit). */
	for (size_t i = 0; !rc && i < nm; i++)
		if (!nu || u[nu - 1].u != m[i].unit)
			rc = info_of(db, d, day, t, m[i].unit, &u[nu++], e);
	/* Each item once per basis it counts on. */
	for (size_t i = 0; !rc && i < nm; i++) {
		while (u[k].u != m[i].unit)
			k++;
		for (int b = 0; b < 2; b++)
			if (u[k].stood && u[k].c[b])
				both[nb++] = (meet){ b, m[i].theme, m[i].unit, m[i].ch, &u[k] };
	}
	if (!rc && nb)
		qsort(both, nb, sizeof(*both), by_row);
	for (size_t i = 0, j; !rc && i < nb; i = j) {
		size_t r, q;
		for (j = i; j < nb && both[j].b == both[i].b; j++)
			;
		rc = repeats(both + i, j - i, d, both[i].b, "#x", sign, out, e);
		for (r = i; !rc && r < j; r = q) {
			char code[64];
			for (q = r; q < j && !by_row(&both[q], &both[r]); q++)
				;
			snprintf(code, sizeof(code), "#y%" PRId64 "|%s", both[r].theme, both[r].ch);
			rc = repeats(both + r, q - r, d, both[i].b, code, sign, out, e);
		}
	}
	free(both);
	free(u);
	return rc;
}

static int by_unit(const void *pa, const void *pb)
{
	const meet *a = pa, *b = pb;

	return a->unit < b->unit ? -1 : a->unit > b->unit;
}

static int by_url(const void *pa, const void *pb)
{
	const rl_row *a = *(const rl_row *const *)pa, *b = *(const rl_row *const *)pb;

	return strcmp(a->url, b->url);
}

int rl_rows_deltas(lt_db *db, int64_t d, const char *day, const int64_t *dirs, size_t ndirs,
		   const rl_rows *r, const rl_then *t, int sign, bool own, rl_deltas *out,
		   lt_error *e)
{
	const rl_row **linked = malloc((r->n + 1) * sizeof(*linked));
	meet *m = malloc((r->n + 1) * sizeof(*m));
	size_t nl = 0;
	int rc = linked && m ? 0 : oom(e);

	for (size_t i = 0; !rc && i < r->n; i++) {
		const rl_row *x = &r->v[i];
		char c[RL_ITEM_CODES][64];
		size_t n;
		if (!in_set(dirs, ndirs, x->dir))
			continue;
		if (x->url)
			linked[nl++] = x;
		if (!own)
			continue;
		n = rl_item_codes(x->theme, x->ch, x->original, x->kit, x->url != NULL, x->day, c);
		for (size_t k = 0; !rc && k < n; k++)
			rc = rl_delta_add(out, d, x->unit, RL_OWN, 0, c[k], sign, e);
	}
	if (!rc && nl)
		qsort(linked, nl, sizeof(*linked), by_url);
	/* Each link's items together, by unit. */
	for (size_t i = 0, j; !rc && i < nl; i = j) {
		for (j = i; j < nl && !strcmp(linked[j]->url, linked[i]->url); j++)
			m[j - i] = (meet){ 0, linked[j]->theme, linked[j]->unit, linked[j]->ch, NULL };
		if (j - i < 2)
			continue;
		qsort(m, j - i, sizeof(*m), by_unit);
		rc = group_repeats(db, d, day, m, j - i, t, sign, out, e);
	}
	free(linked);
	free(m);
	return rc;
}

/* The repeats of each link of st's rows (column 0) now less as they stood then, into ds. */
static int links_measure(lt_db *db, int64_t d, const char *day, lt_stmt *st, const rl_then *t,
			 rl_deltas *ds, lt_error *e)
{
	char **links = NULL;
	int64_t dirs[RL_DIRSET_MAX];
	size_t n = 0, cap = 0, nd = 0;
	lt_arena a;
	int rc;

	lt_arena_init(&a);
	while ((rc = lt_stmt_step(st, e)) == 1) {
		char **v = n < cap ? links : realloc(links, (cap = cap ? cap * 2 : 16) * sizeof(*links));
		if (!v || !(v[n] = lt_arena_strdup(&a, lt_stmt_text(st, 0)))) {
			links = v ? v : links;
			rc = oom(e);
			break;
		}
		links = v;
		n++;
	}
	lt_stmt_done(st);
	rc = rc < 0 ? rc : 0;
	if (!rc)
		rc = rl_dirset(db, d, dirs, &nd, e);
	/* Each link's items read once: only their units' bases or paths differ then and now. */
	for (size_t i = 0; !rc && i < n; i++) {
		rl_rows r = { 0 };
		lt_arena_init(&r.arena);
		rc = rl_rows_of_link(db, links[i], &r, e);
		if (!rc)
			rc = rl_rows_deltas(db, d, day, dirs, nd, &r, t, -1, false, ds, e);
		if (!rc)
			rc = rl_rows_deltas(db, d, day, dirs, nd, &r, NULL, 1, false, ds, e);
		rl_rows_free(&r);
	}
	free(links);
	lt_arena_free(&a);
	return rc;
}

/* The repeats of each link of st's rows, then and now: their difference to the kept rows. */
static int links_changed(lt_db *db, int64_t d, const char *day, lt_stmt *st, const rl_then *t,
			 lt_error *e)
{
	rl_deltas ds = { 0 };
	int rc = links_measure(db, d, day, st, t, &ds, e);

	if (!rc)
		rc = rl_deltas_apply(db, &ds, e);
	free(ds.v);
	return rc;
}

int rl_items_recounted(lt_db *db, int64_t d, const char *day, int64_t unit, const bool was[2],
		       lt_error *e)
{
	lt_stmt *st = NULL;
	rl_then t = { .unit = unit, .counted = { was[0], was[1] } };
	int rc = lt_db_query(db,
			     "SELECT DISTINCT url_canonical FROM activity WHERE unit_id = $2"
			     " AND url_canonical <> '' AND directive_id IN " DIRSET,
			     &st, e, LT_I(d), LT_I(unit));

	return rc ? rc : links_changed(db, d, day, st, &t, e);
}

int rl_items_moved(lt_db *db, int64_t d, const char *day, int64_t unit, const char *was,
		   const char *now, lt_error *e)
{
	lt_stmt *st = NULL;
	rl_then t = { .moved = unit, .was = was, .now = now };
	char end[LT_PATH_MAX];
	int rc;

	/* The links of the subtree where it stands now (only the unit when it no longer does). */
	if (now[0]) {
		lt_tree_path_end(now, end);
		rc = lt_db_query(db,
				 "SELECT DISTINCT a.url_canonical FROM unit_version v"
				 " CROSS JOIN activity a WHERE a.unit_id = v.unit_id"
				 " AND v.path >= $2 AND v.path < $3 AND v.valid_from <= $4"
				 " AND (v.valid_to IS NULL OR v.valid_to > $4)"
				 " AND a.url_canonical <> '' AND a.directive_id IN " DIRSET,
				 &st, e, LT_I(d), LT_T(now), LT_T(end), LT_T(day));
	} else
		rc = lt_db_query(db,
				 "SELECT DISTINCT url_canonical FROM activity WHERE unit_id = $2"
				 " AND url_canonical <> '' AND directive_id IN " DIRSET,
				 &st, e, LT_I(d), LT_I(unit));
	return rc ? rc : links_changed(db, d, day, st, &t, e);
}

/* ---- The root of a read, counted though its report is not ---- */

int rl_items_root_repeats(lt_db *db, int64_t d, const char *day, int64_t root, int b,
			  rl_vals *out, lt_error *e)
{
	lt_stmt *st = NULL;
	rl_deltas ds = { 0 };
	rl_then t = { .unit = root, .counted = { b == 0, true } };
	int rc = lt_db_query(db,
			     "SELECT DISTINCT url_canonical FROM activity WHERE unit_id = $2"
			     " AND url_canonical <> '' AND directive_id IN " DIRSET,
			     &st, e, LT_I(d), LT_I(root));

	/* Its items counted (t) less as they are (now - then, negated): what that adds at the root. */
	if (!rc)
		rc = links_measure(db, d, day, st, &t, &ds, e);
	for (size_t i = 0; !rc && i < ds.n; i++)
		if (ds.v[i].node == root && ds.v[i].b == b)
			rc = rl_vals_bump(out, ds.v[i].code, -ds.v[i].n, e);
	free(ds.v);
	return rc;
}
