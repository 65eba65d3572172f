/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * rollup_items_build.c — a directive's kept item counts computed from
 * scratch in one pass over its items (for lt_rollup_rebuild and
 * lt_rollup_verify); the codes and the repeats are explained in
 * rollup_items.c and rollup_int.h.
 *
 * The counts are summed per unit first, then each unit's sums go up its
 * path once. A link's repeats need its items together: each counted item
 * with a link is kept as a 64-bit hash of the link (not the link: a
 * national directive has two million), the hashes are sorted, and only
 * the runs of equal hashes, a link met more than once, read their links
 * back to tell a true repeat from a collision.
 */
#include "store/rollup.h"
#include "store/rollup_int.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"

static int oom(lt_error *e)
{
	return lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
}

/* ---- Interned codes and a (unit, basis, code) → count map ---- */

typedef struct codes {
	const char **s;
	uint64_t *h;
	size_t n, cap;
	int32_t *slot; /* open addressing over s: index + 1, 0 empty */
	size_t nslot;
} codes;

uint64_t rl_hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h ^ (h >> 29);
}

/* The index of code s, added when new (its string kept in a); -1 out of memory. */
static int32_t code_id(codes *c, lt_arena *a, const char *s)
{
	uint64_t h = rl_hash(s);
	size_t i;

	if (2 * (c->n + 1) > c->nslot) {
		size_t ns = c->nslot ? c->nslot * 2 : 256;
		int32_t *v = calloc(ns, sizeof(*v));
		if (!v)
			return -1;
		for (size_t k = 0; k < c->n; k++) {
			for (i = c->h[k] & (ns - 1); v[i]; i = (i + 1) & (ns - 1))
				;
			v[i] = (int32_t)k + 1;
		}
		free(c->slot);
		c->slot = v;
		c->nslot = ns;
	}
	for (i = h & (c->nslot - 1); c->slot[i]; i = (i + 1) & (c->nslot - 1))
		if (c->h[c->slot[i] - 1] == h && !strcmp(c->s[c->slot[i] - 1], s))
			return c->slot[i] - 1;
	if (c->n == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 64;
		const char **vs = realloc(c->s, cap * sizeof(*vs));
		uint64_t *vh = vs ? realloc(c->h, cap * sizeof(*vh)) : NULL;
		if (vs)
			c->s = vs;
		if (!vh)
			return -1;
		c->h = vh;
		c->cap = cap;
	}
	if (!(c->s[c->n] = lt_arena_strdup(a, s)))
		return -1;
	c->h[c->n] = h;
	c->slot[i] = (int32_t)c->n + 1;
	return (int32_t)c->n++;
}

typedef struct cell {
	int64_t unit; /* 0: empty */
	int32_t code, b;
	int64_t n;
} cell;

typedef struct cells {
	cell *v;
	size_t n, cap;
} cells;

static size_t cell_hash(int64_t unit, int32_t code, int32_t b, size_t cap)
{
	uint64_t h = (uint64_t)unit * 0x9E3779B97F4A7C15ULL ^ (uint64_t)code * 0xC2B2AE3D27D4EB4FULL ^
		     (uint64_t)b;
	return (size_t)(h ^ (h >> 31)) & (cap - 1);
}

/* Add n to (unit, code, b); < 0 out of memory. */
static int cell_add(cells *t, int64_t unit, int32_t code, int32_t b, int64_t n)
{
	size_t i;

	if (2 * (t->n + 1) > t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 4096;
		cell *v = calloc(cap, sizeof(*v));
		if (!v)
			return -1;
		for (size_t k = 0; k < t->cap; k++) {
			if (!t->v[k].unit)
				continue;
			for (i = cell_hash(t->v[k].unit, t->v[k].code, t->v[k].b, cap); v[i].unit;
			     i = (i + 1) & (cap - 1))
				;
			v[i] = t->v[k];
		}
		free(t->v);
		t->v = v;
		t->cap = cap;
	}
	for (i = cell_hash(unit, code, b, t->cap); t->v[i].unit; i = (i + 1) & (t->cap - 1))
		if (t->v[i].unit == unit && t->v[i].code == code && t->v[i].b == b) {
			t->v[i].n += n;
			return 0;
		}
	t->v[i] = (cell){ unit, code, b, n };
	t->n++;
	return 0;
}

/* ---- The pass ---- */

typedef struct link_item {
	uint64_t h;
	int64_t id, unit, theme;
	int32_t ch; /* an interned code: the channel */
	uint8_t counted;
} link_item;

static int by_hash(const void *pa, const void *pb)
{
	const link_item *a = pa, *b = pb;

	if (a->h != b->h)
		return a->h < b->h ? -1 : 1;
	return a->id < b->id ? -1 : a->id > b->id;
}

/* The run of one unit's items being read: its codes and counts. */
typedef struct run {
	int64_t unit;
	int32_t code[512];
	int64_t n[512];
	size_t k;
} run;

typedef struct pass {
	int64_t d, maxid;
	const char *const *path;
	const uint8_t *counted;
	const int32_t *slot; /* per unit id: its row among units with a subtree, or -1 */
	int32_t nslots;
	codes c;
	int64_t **dense;     /* per code: nslots × 2 sums, allocated when first met */
	size_t ndense;
	cells leaf;          /* the repeats of units with nothing below them */
	run r;
	link_item *links;
	size_t nlinks, caplinks;
	lt_arena *a;
} pass;

/* Add n to (unit, code, b): a unit with a subtree in dense, another in leaf. < 0 out of memory. */
static int sum_add(pass *p, int64_t unit, int32_t code, int32_t b, int64_t n)
{
	int32_t slot = p->slot[unit];

	if (slot < 0)
		return cell_add(&p->leaf, unit, code, b, n);
	if ((size_t)code >= p->ndense) {
		size_t nd = (size_t)code + 64;
		int64_t **v = realloc(p->dense, nd * sizeof(*v));
		if (!v)
			return -1;
		memset(v + p->ndense, 0, (nd - p->ndense) * sizeof(*v));
		p->dense = v;
		p->ndense = nd;
	}
	if (!p->dense[code] && !(p->dense[code] = calloc((size_t)p->nslots * 2 + 1, sizeof(int64_t))))
		return -1;
	p->dense[code][(size_t)slot * 2 + (size_t)b] += n;
	return 0;
}

/* The unit's run of own counts up its strict ancestors, on each basis it counts on. */
static int run_flush(pass *p)
{
	int64_t ids[RL_DEPTH_MAX];
	size_t n;

	if (!p->r.k)
		return 0;
	n = rl_path_ids(p->path[p->r.unit], ids, RL_DEPTH_MAX);
	for (size_t k = 0; k + 1 < n; k++) {
		if (ids[k] < 0 || ids[k] > p->maxid)
			continue;
		for (int32_t b = 0; b < 2; b++)
			for (size_t i = 0; (p->counted[p->r.unit] & (1 << b)) && i < p->r.k; i++)
				if (sum_add(p, ids[k], p->r.code[i], b, p->r.n[i]) < 0)
					return -1;
	}
	p->r.k = 0;
	return 0;
}

/* Count code once in the unit's run (a new unit flushes the last one's). */
static int run_add(pass *p, int64_t unit, int32_t code)
{
	if (unit != p->r.unit || p->r.k == sizeof(p->r.code) / sizeof(p->r.code[0])) {
		if (run_flush(p) < 0)
			return -1;
		p->r.unit = unit;
	}
	for (size_t i = p->r.k; i-- > 0;)
		if (p->r.code[i] == code) {
			p->r.n[i]++;
			return 0;
		}
	p->r.code[p->r.k] = code;
	p->r.n[p->r.k++] = 1;
	return 0;
}

/* Each item's codes into its unit's own cells; each with a link kept for the repeats. */
static int read_items(lt_db *db, pass *p, lt_error *e)
{
	lt_stmt *st = NULL;
	int rc = lt_db_query(db,
			     "SELECT unit_id, COALESCE(theme_id, 0), COALESCE(channel, ''), is_original,"
			     " CASE WHEN kit_item_id IS NULL THEN 0 ELSE 1 END, url_canonical, date, id"
			     " FROM activity WHERE directive_id IN " DIRSET,
			     &st, e, LT_I(p->d));

	if (rc)
		return rc;
	while ((rc = lt_stmt_step(st, e)) == 1) {
		int64_t u = lt_stmt_int(st, 0);
		const char *url = lt_stmt_text(st, 5), *ch = lt_stmt_text(st, 2);
		bool link = url && *url;
		char c[RL_ITEM_CODES][64];
		size_t n;
		if (u < 0 || u > p->maxid || !p->path[u] || !p->counted[u])
			continue;
		n = rl_item_codes(lt_stmt_int(st, 1), ch, lt_stmt_int(st, 3) != 0,
				  lt_stmt_int(st, 4) != 0, link, lt_stmt_text(st, 6), c);
		for (size_t i = 0; i < n; i++) {
			int32_t k = code_id(&p->c, p->a, c[i]);
			if (k < 0 || run_add(p, u, k) < 0) {
				rc = -1;
				break;
			}
		}
		if (rc == -1)
			break;
		if (link) {
			link_item *v = p->links;
			int32_t k = code_id(&p->c, p->a, ch);
			if (p->nlinks == p->caplinks) {
				p->caplinks = p->caplinks ? p->caplinks * 2 : 4096;
				v = realloc(p->links, p->caplinks * sizeof(*v));
			}
			if (!v || k < 0) {
				rc = -1;
				break;
			}
			p->links = v;
			p->links[p->nlinks++] = (link_item){ rl_hash(url), lt_stmt_int(st, 7), u,
							     lt_stmt_int(st, 1), k, p->counted[u] };
		}
	}
	lt_stmt_done(st);
	if (rc != -1 && run_flush(p) < 0)
		rc = -1;
	if (rc == -1)
		return oom(e);
	return rc < 0 ? rc : 0;
}

typedef struct repeat_ctx {
	pass *p;
	int32_t code, b;
} repeat_ctx;

/* A repeat g at node counts in the node's row and its ancestors'. */
static int add_repeat(void *ctx, int64_t node, int64_t g)
{
	repeat_ctx *r = ctx;
	int64_t ids[RL_DEPTH_MAX];
	size_t n;

	if (node < 0 || node > r->p->maxid || !r->p->path[node])
		return 0;
	n = rl_path_ids(r->p->path[node], ids, RL_DEPTH_MAX);
	for (size_t k = 0; k < n; k++)
		if (ids[k] >= 0 && ids[k] <= r->p->maxid && sum_add(r->p, ids[k], r->code, r->b, g) < 0)
			return LT_ENOMEM;
	return 0;
}

typedef struct at_item {
	link_item *x;
	rl_path path;
	int64_t ids[RL_DEPTH_MAX];
} at_item;

static int by_row(const void *pa, const void *pb)
{
	const at_item *a = pa, *b = pb;

	if (a->x->theme != b->x->theme)
		return a->x->theme < b->x->theme ? -1 : 1;
	return a->x->ch - b->x->ch;
}

/* The repeats of one link's items v[0..n) on basis b: "#x", then "#y" per row. */
static int link_repeats(pass *p, at_item *v, size_t n, int32_t b, lt_error *e)
{
	rl_path *paths = malloc((n + 1) * sizeof(*paths));
	repeat_ctx r = { p, code_id(&p->c, p->a, "#x"), b };
	int rc = paths && r.code >= 0 ? 0 : oom(e);

	for (size_t i = 0; i < n; i++)
		paths[i] = v[i].path;
	if (!rc)
		rc = rl_repeats(paths, n, add_repeat, &r, e);
	qsort(v, n, sizeof(*v), by_row);
	for (size_t i = 0; !rc && i < n; i++) {
		v[i].path.ids = v[i].ids; /* the ids moved with the item */
		paths[i] = v[i].path;
	}
	for (size_t i = 0, j; !rc && i < n; i = j) {
		char code[64];
		for (j = i + 1; j < n && !by_row(&v[i], &v[j]); j++)
			;
		if (j - i < 2)
			continue;
		snprintf(code, sizeof(code), "#y%" PRId64 "|%s", v[i].x->theme, p->c.s[v[i].x->ch]);
		r.code = code_id(&p->c, p->a, code);
		rc = r.code < 0 ? oom(e) : rl_repeats(paths + i, j - i, add_repeat, &r, e);
	}
	free(paths);
	return rc == LT_ENOMEM ? oom(e) : rc;
}

/*
 * The runs of equal hashes: the links read back by item id, each true link
 * (a run may hold two links whose hashes collide) with its repeats.
 */
static int all_repeats(lt_db *db, pass *p, lt_error *e)
{
	int rc = 0;

	if (p->nlinks) /* qsort wants a non-null array even for none */
		qsort(p->links, p->nlinks, sizeof(*p->links), by_hash);
	for (size_t i = 0, j; !rc && i < p->nlinks; i = j) {
		at_item *v;
		char **url;
		size_t n;
		for (j = i + 1; j < p->nlinks && p->links[j].h == p->links[i].h; j++)
			;
		if ((n = j - i) < 2)
			continue;
		v = calloc(n, sizeof(*v));
		url = calloc(n, sizeof(*url));
		if (!v || !url)
			rc = oom(e);
		for (size_t k = 0; !rc && k < n; k++) {
			lt_stmt *st;
			v[k].x = &p->links[i + k];
			v[k].path = (rl_path){ v[k].ids,
					       rl_path_ids(p->path[v[k].x->unit], v[k].ids, RL_DEPTH_MAX) };
			rc = lt_db_row(db, "SELECT url_canonical FROM activity WHERE id = $1", &st, e,
				       LT_I(v[k].x->id));
			if (rc == 1 && !(url[k] = strdup(lt_stmt_text(st, 0))))
				rc = oom(e);
			lt_stmt_done(st);
			rc = rc < 0 ? rc : 0;
		}
		/* Group by link: each unclaimed item with the items of the same link. */
		for (size_t k = 0; !rc && k < n; k++) {
			size_t m = 0;
			at_item *g;
			if (!url[k])
				continue;
			g = malloc(n * sizeof(*g));
			if (!g) {
				rc = oom(e);
				break;
			}
			for (size_t q = k; q < n; q++)
				if (url[q] && !strcmp(url[q], url[k]) && q != k) {
					g[m++] = v[q];
					free(url[q]);
					url[q] = NULL;
				}
			g[m++] = v[k];
			for (int32_t b = 0; !rc && b < 2; b++) {
				size_t mb = 0;
				at_item *gb = malloc(m * sizeof(*gb));
				if (!gb) {
					rc = oom(e);
					break;
				}
				for (size_t q = 0; q < m; q++)
					if (g[q].x->counted & (1 << b)) {
						gb[mb] = g[q];
						gb[mb].path.ids = gb[mb].ids;
						mb++;
					}
				rc = link_repeats(p, gb, mb, b, e);
				free(gb);
			}
			free(g);
		}
		for (size_t k = 0; url && k < n; k++)
			free(url[k]);
		free(url);
		free(v);
	}
	return rc;
}

int rl_item_row_cmp(const void *pa, const void *pb)
{
	const rl_item_row *a = pa, *b = pb;

	if (a->unit != b->unit)
		return a->unit < b->unit ? -1 : 1;
	if (a->b != b->b)
		return a->b - b->b;
	return strcmp(a->code, b->code);
}

void rl_item_rows_free(rl_item_rows *r)
{
	free(r->v);
	r->v = NULL;
	r->n = 0;
	lt_arena_free(&r->arena);
}

int rl_items_build(lt_db *db, int64_t d, int64_t maxid, const char *const *path,
		   const uint8_t *counted, const int32_t *slot, int32_t nslots, rl_item_rows *out,
		   lt_error *e)
{
	pass p = { .d = d, .maxid = maxid, .path = path, .counted = counted, .slot = slot,
		   .nslots = nslots, .a = &out->arena };
	size_t n = 0;
	int rc;

	memset(out, 0, sizeof(*out));
	lt_arena_init(&out->arena);
	rc = read_items(db, &p, e);
	/* Each counted unit once ("#c") in its strict ancestors' rows, as rl_item_own gives it. */
	for (int64_t u = 0; !rc && u <= maxid; u++) {
		int64_t ids[RL_DEPTH_MAX];
		int32_t c = path[u] && counted[u] ? code_id(&p.c, p.a, "#c") : 0;
		size_t depth = path[u] && counted[u] ? rl_path_ids(path[u], ids, RL_DEPTH_MAX) : 0;
		if (c < 0)
			rc = oom(e);
		for (size_t k = 0; !rc && k + 1 < depth; k++)
			for (int32_t b = 0; !rc && b < 2; b++)
				if ((counted[u] & (1 << b)) && ids[k] >= 0 && ids[k] <= maxid &&
				    sum_add(&p, ids[k], c, b, 1) < 0)
					rc = oom(e);
	}
	if (!rc)
		rc = all_repeats(db, &p, e);
	/* The rows: every sum that is not 0, by unit, basis, code. */
	for (size_t c = 0; !rc && c < p.ndense; c++)
		for (size_t i = 0; p.dense[c] && i < (size_t)nslots * 2; i++)
			n += p.dense[c][i] != 0;
	if (!rc && !(out->v = malloc((n + p.leaf.n + 1) * sizeof(*out->v))))
		rc = oom(e);
	for (int64_t u = 0; !rc && u <= maxid; u++)
		for (size_t c = 0; slot[u] >= 0 && c < p.ndense; c++)
			for (int b = 0; p.dense[c] && b < 2; b++) {
				int64_t x = p.dense[c][(size_t)slot[u] * 2 + (size_t)b];
				if (x)
					out->v[out->n++] = (rl_item_row){ u, b, p.c.s[c], x };
			}
	for (size_t i = 0; !rc && i < p.leaf.cap; i++)
		if (p.leaf.v[i].unit && p.leaf.v[i].n)
			out->v[out->n++] = (rl_item_row){ p.leaf.v[i].unit, p.leaf.v[i].b,
							  p.c.s[p.leaf.v[i].code], p.leaf.v[i].n };
	if (!rc)
		qsort(out->v, out->n, sizeof(*out->v), rl_item_row_cmp);
	for (size_t c = 0; c < p.ndense; c++)
		free(p.dense[c]);
	free(p.dense);
	free(p.c.s);
	free(p.c.h);
	free(p.c.slot);
	free(p.leaf.v);
	free(p.links);
	if (rc)
		rl_item_rows_free(out);
	return rc;
}
