/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * activity_count.c — the activity list's counts kept by the writes; see
 * activity_count.h. A unit's row holds its own items and its subtree's
 * (itself included): a new or deleted item adds or takes away its own
 * part; another write recounts the unit's own items of the directive and
 * moves the difference along the ancestors named by its path, so a read
 * takes one row per channel.
 */
#include "store/activity_count.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/tree.h"
#include "store/unit_int.h"

#define CH_MAX 32  /* channels are one of 11 codes (activity.c) */
#define DEPTH_MAX 64

typedef struct {
	char ch[CH_MAX][32];
	int64_t n[CH_MAX], o[CH_MAX];
	size_t k;
} chans;

static int too_many(lt_error *e)
{
	return lt_error_set(e, LT_EINVAL, "channel", "Quá nhiều kênh", "Too many channels");
}

/* The slot of ch in c, added (zero) when new; -1 when full. */
static int slot(chans *c, const char *ch)
{
	for (size_t i = 0; i < c->k; i++)
		if (!strcmp(c->ch[i], ch))
			return (int)i;
	if (c->k == CH_MAX)
		return -1;
	snprintf(c->ch[c->k], sizeof(c->ch[0]), "%s", ch);
	c->n[c->k] = c->o[c->k] = 0;
	return (int)c->k++;
}

/*
 * Read (side, channel, n, o) rows of st: side 0 into c[0], 1 into c[1].
 */
static int read_chans(lt_stmt *st, chans c[2], lt_error *e)
{
	int rc;

	while ((rc = lt_stmt_step(st, e)) == 1) {
		chans *to = &c[lt_stmt_int(st, 0) != 0];
		int i = slot(to, lt_stmt_text(st, 1));
		if (i < 0) {
			rc = too_many(e);
			break;
		}
		to->n[i] = lt_stmt_int(st, 2);
		to->o[i] = lt_stmt_int(st, 3);
	}
	lt_stmt_done(st);
	return rc < 0 ? rc : 0;
}

/*
 * Add (n, o) to the rows (d, ids[k], ch) of a unit's path (root first, the
 * unit u last, which alone also counts them as its own), from the deepest up
 * as the moves take them: one statement for each PATH_SLOTS ids (the tree is
 * 4 to 6 levels deep), the rows falling to 0 dropped by one more.
 */
#define PATH_SLOTS 8
static int add_path(lt_db *db, int64_t d, int64_t u, const char *ch, const int64_t *ids,
		    size_t nids, int64_t n, int64_t o, lt_error *e)
{
	lt_stmt *st = NULL;
	int rc = 0;

	for (size_t end = nids; !rc && end > 0;) {
		size_t from = end > PATH_SLOTS ? end - PATH_SLOTS : 0;
		rc = lt_db_prepare(db,
				   "INSERT INTO activity_count(directive_id, unit_id, channel, own,"
				   " own_orig, sub, sub_orig)"
				   " SELECT CAST($1 AS BIGINT), id, CAST($2 AS TEXT),"
				   " CASE WHEN id = $3 THEN CAST($4 AS BIGINT) ELSE 0 END,"
				   " CASE WHEN id = $3 THEN CAST($5 AS BIGINT) ELSE 0 END,"
				   " CAST($4 AS BIGINT), CAST($5 AS BIGINT) FROM unit"
				   " WHERE id IN ($6, $7, $8, $9, $10, $11, $12, $13) ORDER BY path DESC"
				   " ON CONFLICT (directive_id, unit_id, channel) DO UPDATE SET"
				   " own = activity_count.own + excluded.own,"
				   " own_orig = activity_count.own_orig + excluded.own_orig,"
				   " sub = activity_count.sub + excluded.sub,"
				   " sub_orig = activity_count.sub_orig + excluded.sub_orig",
				   &st, e);
		if (!rc) {
			lt_stmt_bind_int(st, 1, d);
			lt_stmt_bind_text(st, 2, ch);
			lt_stmt_bind_int(st, 3, u);
			lt_stmt_bind_int(st, 4, n);
			lt_stmt_bind_int(st, 5, o);
			for (size_t k = from; k < end; k++) /* the slots left stay NULL */
				lt_stmt_bind_int(st, 6 + (int)(k - from), ids[k]);
			rc = lt_stmt_run(st, e);
			lt_stmt_done(st);
		}
		if (!rc && n < 0)
			rc = lt_db_prepare(db,
					   "DELETE FROM activity_count WHERE directive_id = $1"
					   " AND channel = $2 AND sub = 0"
					   " AND unit_id IN ($3, $4, $5, $6, $7, $8, $9, $10)",
					   &st, e);
		if (!rc && n < 0) {
			lt_stmt_bind_int(st, 1, d);
			lt_stmt_bind_text(st, 2, ch);
			for (size_t k = from; k < end; k++)
				lt_stmt_bind_int(st, 3 + (int)(k - from), ids[k]);
			rc = lt_stmt_run(st, e);
			lt_stmt_done(st);
		}
		end = from;
	}
	return rc;
}

/* The ids of the unit's path, root first (the unit last); 0 when it has none. */
static int path_ids(lt_db *db, int64_t u, int64_t ids[DEPTH_MAX], size_t *n, lt_error *e)
{
	return lt_store_path_ids(db, u, ids, DEPTH_MAX, n, e);
}

/* FNV-1a, 64 bits: a link's lock key. */
static int64_t link_key(const char *url)
{
	uint64_t h = 14695981039346656037ULL;

	for (const unsigned char *p = (const unsigned char *)url; *p; p++)
		h = (h ^ *p) * 1099511628211ULL;
	return (int64_t)h;
}

static int cmp_key(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

int lt_activity_lock_links(lt_db *db, const char *const *urls, size_t n, lt_error *e)
{
	int64_t *keys;
	size_t k = 0;
	lt_buf list;
	int rc = 0;

	if (lt_db_dialect(db) != LT_DIALECT_POSTGRES || !n)
		return 0; /* SQLite: the writer holds the whole database already */
	keys = malloc(n * sizeof(*keys));
	if (!keys)
		return lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	for (size_t i = 0; i < n; i++)
		if (urls[i] && *urls[i])
			keys[k++] = link_key(urls[i]);
	qsort(keys, k, sizeof(*keys), cmp_key);
	lt_buf_init(&list, k * 21 + 16); /* a key is at most 20 characters and a comma */
	/* Each key once, in order: "k1,k2,…". */
	for (size_t i = 0; !rc && i < k; i++)
		if (!i || keys[i] != keys[i - 1])
			rc = lt_buf_printf(&list, i ? ",%lld" : "%lld", (long long)keys[i]);
	if (rc)
		rc = lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	/* One statement takes them all, in the list's order (the locks' order). */
	else if (k)
		rc = lt_db_run(db,
			       "SELECT pg_advisory_xact_lock(CAST(t.k AS BIGINT))"
			       " FROM unnest(string_to_array($1, ',')) WITH ORDINALITY AS t(k, i)"
			       " ORDER BY t.i",
			       e, LT_T(lt_buf_cstr(&list)));
	lt_buf_free(&list);
	free(keys);
	return rc;
}

int lt_activity_originals(lt_db *db, const char *url, int64_t first_id, lt_error *e)
{
	if (url)
		return lt_db_run(db,
				 "UPDATE activity SET is_original = CASE WHEN id = (SELECT b.id FROM"
				 " activity b WHERE b.url_canonical = activity.url_canonical"
				 " ORDER BY CASE WHEN b.kind = 'share' THEN 1 ELSE 0 END, b.date, b.id"
				 " LIMIT 1) THEN 1 ELSE 0 END WHERE url_canonical = $1",
				 e, LT_T(url));
	return lt_db_run(db,
			 "UPDATE activity SET is_original = CASE WHEN id = (SELECT b.id FROM"
			 " activity b WHERE b.url_canonical = activity.url_canonical"
			 " ORDER BY CASE WHEN b.kind = 'share' THEN 1 ELSE 0 END, b.date, b.id"
			 " LIMIT 1) THEN 1 ELSE 0 END WHERE url_canonical IN"
			 " (SELECT url_canonical FROM activity WHERE id >= $1"
			 "  AND url_canonical IS NOT NULL)",
			 e, LT_I(first_id));
}


/*
 * The unit's path is read (and its row locked against a move) first, as
 * lt_activity_count_add does; then its items and its kept own counts in ONE
 * statement. Two statements would read two snapshots under PostgreSQL's
 * READ COMMITTED: an item posted or deleted (with its kept part) by another
 * writer committing between them would be missing from one and counted in
 * the other, and the difference written here would undo or double its part.
 * One snapshot sees either both or neither; what this adds is a difference,
 * so it lands on whatever the other writer left.
 */
int lt_activity_count_fix(lt_db *db, int64_t d, int64_t u, lt_error *e)
{
	chans side[2] = { 0 }, *now = &side[0], *kept = &side[1];
	int64_t ids[DEPTH_MAX];
	size_t nids = 0;
	lt_stmt *st = NULL;
	int rc = path_ids(db, u, ids, &nids, e);

	if (!rc)
		rc = lt_db_query(db,
				 "SELECT 0, channel, count(*),"
				 " CAST(sum(CASE WHEN is_original <> 0 THEN 1 ELSE 0 END) AS BIGINT)"
				 " FROM activity WHERE directive_id = $1 AND unit_id = $2 GROUP BY channel"
				 " UNION ALL SELECT 1, channel, own, own_orig FROM activity_count"
				 " WHERE directive_id = $1 AND unit_id = $2",
				 &st, e, LT_I(d), LT_I(u));
	if (!rc)
		rc = read_chans(st, side, e);
	/* Every channel either side: now's slots first, kept's new ones after. */
	for (size_t i = 0; !rc && i < kept->k; i++)
		if (slot(now, kept->ch[i]) < 0)
			rc = too_many(e);
	for (size_t i = 0; !rc && i < now->k; i++) {
		int j = slot(kept, now->ch[i]);
		int64_t dn, dor;
		if (j < 0) {
			rc = too_many(e);
			break;
		}
		dn = now->n[i] - kept->n[j];
		dor = now->o[i] - kept->o[j];
		if (!dn && !dor)
			continue;
		/* The unit itself (its own count moves) and each ancestor (only the subtree's). */
		rc = add_path(db, d, u, now->ch[i], ids, nids, dn, dor, e);
	}
	return rc;
}

int lt_activity_count_add(lt_db *db, int64_t d, int64_t u, const char *channel, bool original,
			  int sign, lt_error *e)
{
	int64_t ids[DEPTH_MAX];
	size_t nids = 0;
	int rc = path_ids(db, u, ids, &nids, e);

	/* The unit itself (its own count moves) and each ancestor (only the subtree's). */
	return rc ? rc : add_path(db, d, u, channel, ids, nids, sign, original ? sign : 0, e);
}

int lt_activity_count_item(lt_db *db, int64_t item, int sign, lt_error *e)
{
	int64_t d, u, o;
	char ch[32];
	lt_stmt *st = NULL;
	int rc = lt_db_row(db,
			   "SELECT directive_id, unit_id, channel,"
			   " CASE WHEN is_original <> 0 THEN 1 ELSE 0 END FROM activity WHERE id = $1",
			   &st, e, LT_I(item));

	if (rc != 1) {
		lt_stmt_done(st);
		return rc < 0 ? rc : 0; /* no such item: nothing counted */
	}
	d = lt_stmt_int(st, 0);
	u = lt_stmt_int(st, 1);
	snprintf(ch, sizeof(ch), "%s", lt_stmt_text(st, 2));
	o = lt_stmt_int(st, 3);
	lt_stmt_done(st);
	return lt_activity_count_add(db, d, u, ch, o != 0, sign, e);
}

typedef struct {
	int64_t d, u;
} pair;

/* Fix every (directive, unit) pair st yields. */
static int fix_pairs(lt_db *db, lt_stmt *st, lt_error *e)
{
	pair *v = NULL;
	size_t n = 0, cap = 0;
	lt_arena a;
	int rc;

	lt_arena_init(&a);
	while ((rc = lt_stmt_step(st, e)) == 1) {
		v = lt_store_grow(&a, v, n, &cap, sizeof(*v));
		if (!v) {
			rc = lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
			break;
		}
		v[n].d = lt_stmt_int(st, 0);
		v[n++].u = lt_stmt_int(st, 1);
	}
	lt_stmt_done(st);
	for (size_t i = 0; rc >= 0 && i < n; i++)
		rc = lt_activity_count_fix(db, v[i].d, v[i].u, e);
	lt_arena_free(&a);
	return rc < 0 ? rc : 0;
}

int lt_activity_count_fix_link(lt_db *db, const char *url, lt_error *e)
{
	lt_stmt *st = NULL;
	int rc;

	if (!url || !*url)
		return 0;
	rc = lt_db_query(db,
			 "SELECT DISTINCT directive_id, unit_id FROM activity WHERE url_canonical = $1",
			 &st, e, LT_T(url));
	return rc ? rc : fix_pairs(db, st, e);
}

int lt_activity_count_fix_since(lt_db *db, int64_t first, lt_error *e)
{
	lt_stmt *st = NULL;
	int rc = lt_db_query(db,
			     "SELECT DISTINCT directive_id, unit_id FROM activity WHERE id >= $1"
			     " OR url_canonical IN (SELECT url_canonical FROM activity WHERE id >= $1"
			     "  AND url_canonical IS NOT NULL)",
			     &st, e, LT_I(first));

	return rc ? rc : fix_pairs(db, st, e);
}

int lt_activity_count_rebuild(lt_db *db, int64_t directive, lt_error *e)
{
	int rc = lt_db_run(db, "DELETE FROM activity_count WHERE ($1 = 0 OR directive_id = $1)", e,
			   LT_I(directive));

	if (!rc)
		rc = lt_db_run(db,
			       LT_ACTIVITY_COUNT_REAL("($1 = 0 OR directive_id = $1)")
			       " INSERT INTO activity_count(directive_id, unit_id, channel, own,"
			       " own_orig, sub, sub_orig) SELECT d, u, ch, own_n, own_o, sub_n, sub_o"
			       " FROM recount",
			       e, LT_I(directive));
	return rc;
}

/* One kept row of the subtree that moves: its counts of a channel. */
typedef struct moved {
	int64_t d, n, o;
	char ch[32];
} moved;

static void read_moved(lt_stmt *st, void *item)
{
	moved *v = item;

	v->d = lt_stmt_int(st, 0);
	snprintf(v->ch, sizeof(v->ch), "%s", lt_stmt_text(st, 1));
	v->n = lt_stmt_int(st, 2);
	v->o = lt_stmt_int(st, 3);
}

/*
 * Leave the old ancestors, join the new, each from the deepest up: the
 * order an item's write takes them in (lt_activity_count_item), so that a
 * move and the writes never wait for each other's rows. Nothing else orders
 * them: the activity writes take no directive lock.
 */
static int apply_moved(lt_db *db, const lt_store_move *m, void *item, lt_error *e)
{
	const moved *v = item;
	/* m->unit is on neither list: no row counts the items as its own. */
	int rc = add_path(db, v->d, m->unit, v->ch, m->leave, m->nleave, -v->n, -v->o, e);

	return rc ? rc : add_path(db, v->d, m->unit, v->ch, m->join, m->njoin, v->n, v->o, e);
}

int lt_activity_count_move(lt_db *db, int64_t u, const char *old_path, lt_error *e)
{
	return lt_store_move_rows(db, u, old_path,
				  "SELECT directive_id, channel, sub, sub_orig FROM activity_count"
				  " WHERE unit_id = $1 ORDER BY directive_id, channel",
				  sizeof(moved), read_moved, apply_moved, e);
}

/* The links to mark again (verify's repair), in an arena. */
typedef struct relink {
	lt_arena a;
	const char **v;
	size_t n, cap;
	bool on;
} relink;

/*
 * Pass each row of st, (directive, unit, channel, kept sub, kept orig, real
 * sub, real orig, link), to fn and count it; with r->on, keep its link.
 */
static int read_diffs(lt_stmt *st, lt_activity_count_diff_fn fn, void *ctx, size_t *ndiff,
		      relink *r, lt_error *e)
{
	int rc;

	/* Every row: rc is 1 after each, so it must not stop the loop (only an error does). */
	while ((rc = lt_stmt_step(st, e)) == 1) {
		lt_activity_count_diff d = {
			.directive = lt_stmt_int(st, 0),
			.unit = lt_stmt_int(st, 1),
			.channel = lt_stmt_text(st, 2),
			.kept_sub = lt_stmt_int(st, 3),
			.kept_orig = lt_stmt_int(st, 4),
			.real_sub = lt_stmt_int(st, 5),
			.real_orig = lt_stmt_int(st, 6),
			.link = lt_stmt_text(st, 7),
		};
		(*ndiff)++;
		if (fn)
			fn(&d, ctx);
		if (!r->on || !d.link)
			continue;
		r->v = lt_store_grow(&r->a, r->v, r->n, &r->cap, sizeof(*r->v));
		if (!r->v || !(r->v[r->n++] = lt_arena_strdup(&r->a, d.link))) {
			rc = lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
			break;
		}
	}
	lt_stmt_done(st);
	return rc < 0 ? rc : 0;
}

/*
 * What verify reads, as read_diffs' rows, $1 the directive (0: all): the
 * recounted rows that differ from the kept and the kept rows with nothing
 * behind them; then the links with an item of the directive whose items
 * have other than one original (the recount trusts the flags), as rows of
 * channel "originals".
 */
static const char *const verify_sql[] = {
	LT_ACTIVITY_COUNT_REAL("($1 = 0 OR directive_id = $1)")
	" SELECT r.d, r.u, r.ch, COALESCE(c.sub, 0), COALESCE(c.sub_orig, 0), r.sub_n, r.sub_o,"
	" NULL FROM recount r LEFT JOIN activity_count c ON c.directive_id = r.d"
	" AND c.unit_id = r.u AND c.channel = r.ch WHERE c.unit_id IS NULL"
	" OR c.sub <> r.sub_n OR c.sub_orig <> r.sub_o OR c.own <> r.own_n"
	" OR c.own_orig <> r.own_o"
	" UNION ALL SELECT c.directive_id, c.unit_id, c.channel, c.sub, c.sub_orig, 0, 0, NULL"
	" FROM activity_count c WHERE ($1 = 0 OR c.directive_id = $1)"
	" AND NOT EXISTS (SELECT 1 FROM recount r WHERE r.d = c.directive_id"
	" AND r.u = c.unit_id AND r.ch = c.channel)",
	"SELECT CASE WHEN $1 = 0 THEN min(directive_id) ELSE $1 END, 0, 'originals', count(*), 1,"
	" count(*), CAST(sum(CASE WHEN is_original <> 0 THEN 1 ELSE 0 END) AS BIGINT),"
	" url_canonical FROM activity WHERE url_canonical IN (SELECT url_canonical FROM activity"
	" WHERE ($1 = 0 OR directive_id = $1) AND url_canonical IS NOT NULL)"
	" GROUP BY url_canonical HAVING sum(CASE WHEN is_original <> 0 THEN 1 ELSE 0 END) <> 1"
	" ORDER BY url_canonical",
};

int lt_activity_count_verify(lt_db *db, int64_t directive, bool repair,
			     lt_activity_count_diff_fn fn, void *ctx, size_t *ndiff, lt_error *e)
{
	lt_stmt *st = NULL;
	relink r = { .on = repair };
	int rc;

	*ndiff = 0;
	rc = lt_db_begin(db, e);
	if (rc)
		return rc;
	lt_arena_init(&r.a);
	for (size_t i = 0; !rc && i < sizeof(verify_sql) / sizeof(verify_sql[0]); i++) {
		rc = lt_db_query(db, verify_sql[i], &st, e, LT_I(directive));
		if (!rc)
			rc = read_diffs(st, fn, ctx, ndiff, &r, e);
	}
	/*
	 * Repair: the wrong links' originals marked again, under their locks as
	 * a write's, and the kept counts of every directive with an item of them
	 * (a link's group spans directives; the rebuild below is directive's).
	 */
	if (!rc && r.n)
		rc = lt_activity_lock_links(db, r.v, r.n, e);
	for (size_t i = 0; !rc && i < r.n; i++) {
		rc = lt_activity_originals(db, r.v[i], 0, e);
		if (!rc)
			rc = lt_activity_count_fix_link(db, r.v[i], e);
	}
	if (!rc && repair && *ndiff)
		rc = lt_activity_count_rebuild(db, directive, e);
	lt_arena_free(&r.a);
	return lt_db_end(db, rc, e);
}
