/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * activity_query.c — reading the activity log as typed rows: one item, its
 * photos, the claims of a link and its check, filtered lists with
 * original/share counts, every item of an export. See activity.h; the
 * lookups around the log are in activity_refs.c.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/tree.h"
#include "store/activity.h"
#include "store/activity_sql.h"
#include "store/unit.h"
#include "text/fold.h"

#define ITEM_COLS                                                                            \
	"a.id, a.unit_id, u.code, u.name, a.directive_id, a.theme_id, t.pos, t.title,"       \
	" a.kit_item_id, a.channel, a.kind, a.url, a.url_canonical, a.title, a.date, a.views," \
	" a.reactions, a.comments, a.shares, a.counts_on, a.is_original, a.created_at,"      \
	" a.updated_at, a.search_fold, u.name,"                                                \
	" (SELECT count(*) FROM activity_photo ap WHERE ap.activity_id = a.id)"

/* A count column: NULL → -1. */
static int64_t count_col(lt_stmt *st, int c)
{
	return lt_stmt_is_null(st, c) ? -1 : lt_stmt_int(st, c);
}

/* Copy the current row of an ITEM_COLS query into row (strings into a). */
static int item_row(lt_stmt *st, lt_arena *a, void *row, void *ctx, lt_error *e)
{
	lt_activity_row *r = row;

	(void)ctx;
	memset(r, 0, sizeof(*r));
	r->id = lt_stmt_int(st, 0);
	r->unit.id = lt_stmt_int(st, 1);
	r->unit.code = lt_arena_strdup(a, lt_stmt_text(st, 2));
	r->unit.name = lt_arena_strdup(a, lt_stmt_text(st, 3));
	r->directive_id = lt_stmt_int(st, 4);
	if (!lt_stmt_is_null(st, 5)) {
		r->theme_id = lt_stmt_int(st, 5);
		r->theme_pos = lt_stmt_int(st, 6);
		r->theme_title = lt_arena_strdup(a, lt_stmt_text(st, 7));
	}
	r->kit_item_id = lt_stmt_is_null(st, 8) ? 0 : lt_stmt_int(st, 8);
	r->channel = lt_arena_strdup(a, lt_stmt_text(st, 9));
	r->kind = lt_arena_strdup(a, lt_stmt_text(st, 10));
	r->url = lt_arena_strdup(a, lt_stmt_text(st, 11));
	r->url_canonical = lt_arena_strdup(a, lt_stmt_text(st, 12));
	r->title = lt_arena_strdup(a, lt_stmt_text(st, 13));
	r->date = lt_arena_strdup(a, lt_stmt_text(st, 14));
	r->views = count_col(st, 15);
	r->reactions = count_col(st, 16);
	r->comments = count_col(st, 17);
	r->shares = count_col(st, 18);
	r->counts_on = lt_arena_strdup(a, lt_stmt_text(st, 19));
	r->is_original = lt_stmt_int(st, 20) != 0;
	r->created_at = lt_stmt_int(st, 21);
	r->updated_at = lt_stmt_int(st, 22);
	r->photo_count = lt_stmt_int(st, 25);
	if (lt_stmt_columns(st) > 26)
		r->unit.path = lt_arena_strdup(a, lt_stmt_text(st, 26));
	if (lt_arena_failed(a))
		return lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	return 0;
}

int lt_activity_get(lt_db *db, int64_t id, lt_arena *a, lt_activity_row *out, lt_error *e)
{
	int rc;

	memset(out, 0, sizeof(*out));
	rc = lt_act_one(db,
			"SELECT " ITEM_COLS ", u.path FROM activity a JOIN unit u ON u.id = a.unit_id"
			" LEFT JOIN directive_theme t ON t.id = a.theme_id WHERE a.id = $1",
			id, a, item_row, out, e);
	if (rc > 0)
		rc = lt_error_set(e, LT_ENOTFOUND, "id", "Không có hoạt động #%" PRId64,
				  "No activity #%" PRId64, id);
	return rc;
}

static int photo_row(lt_stmt *st, lt_arena *a, void *row, void *ctx, lt_error *e)
{
	lt_activity_photo_row *p = row;

	(void)ctx;
	(void)e;
	p->pos = lt_stmt_int(st, 0);
	p->hash = lt_arena_strdup(a, lt_stmt_text(st, 1));
	p->mime = lt_arena_strdup(a, lt_stmt_text(st, 2));
	p->width = lt_stmt_int(st, 3);
	p->height = lt_stmt_int(st, 4);
	p->bytes = lt_stmt_int(st, 5);
	return 0;
}

int lt_activity_photos(lt_db *db, int64_t id, lt_arena *a, lt_activity_photo_row **v, size_t *n,
		       lt_error *e)
{
	lt_stmt *st = NULL;
	int rc = lt_db_prepare(db,
			       "SELECT ap.pos, p.hash, p.mime, p.width, p.height, p.bytes FROM"
			       " activity_photo ap JOIN photo p ON p.hash = ap.hash"
			       " WHERE ap.activity_id = $1 ORDER BY ap.pos",
			       &st, e);

	*v = NULL;
	*n = 0;
	if (rc)
		return rc;
	lt_stmt_bind_int(st, 1, id);
	return lt_act_rows(st, a, sizeof(**v), photo_row, NULL, (void **)v, n, e);
}

static int claim_row(lt_stmt *st, lt_arena *a, void *row, void *ctx, lt_error *e)
{
	lt_activity_claim *c = row;

	(void)ctx;
	(void)e;
	c->id = lt_stmt_int(st, 0);
	c->unit.id = lt_stmt_int(st, 1);
	c->unit.code = lt_arena_strdup(a, lt_stmt_text(st, 2));
	c->unit.name = lt_arena_strdup(a, lt_stmt_text(st, 3));
	c->kind = lt_arena_strdup(a, lt_stmt_text(st, 4));
	c->date = lt_arena_strdup(a, lt_stmt_text(st, 5));
	c->is_original = lt_stmt_int(st, 6) != 0;
	c->directive_id = lt_stmt_int(st, 7);
	return 0;
}

/* Bind $1 the link, [$2, $3) the subtree range. */
static void bind_link_range(lt_stmt *st, const char *url_canonical, const char *within,
			    const char *end)
{
	lt_stmt_bind_text(st, 1, url_canonical);
	lt_stmt_bind_text(st, 2, within);
	lt_stmt_bind_text(st, 3, end);
}

int lt_activity_claims(lt_db *db, const char *url_canonical, const char *within, lt_arena *a,
		       lt_activity_claim **v, size_t *n, bool *elsewhere, lt_error *e)
{
	char end[LT_PATH_MAX];
	lt_stmt *st = NULL;
	int rc;

	*v = NULL;
	*n = 0;
	*elsewhere = false;
	if (!within)
		return 0;
	lt_tree_path_end(within, end);
	rc = lt_db_prepare(db,
			   "SELECT a.id, u.id, u.code, u.name, a.kind, a.date, a.is_original,"
			   " a.directive_id FROM activity a JOIN unit u ON u.id = a.unit_id"
			   " WHERE a.url_canonical = $1 AND u.path >= $2 AND u.path < $3"
			   " ORDER BY a.is_original DESC, a.date, a.id LIMIT 500",
			   &st, e);
	if (rc)
		return rc;
	bind_link_range(st, url_canonical, within, end);
	rc = lt_act_rows(st, a, sizeof(**v), claim_row, NULL, (void **)v, n, e);
	if (!rc)
		rc = lt_db_prepare(db,
				   "SELECT EXISTS (SELECT 1 FROM activity a JOIN unit u ON u.id = a.unit_id"
				   " WHERE a.url_canonical = $1 AND (u.path < $2 OR u.path >= $3))",
				   &st, e);
	if (rc)
		return rc;
	bind_link_range(st, url_canonical, within, end);
	rc = lt_stmt_step(st, e);
	if (rc == 1)
		*elsewhere = lt_stmt_int(st, 0) != 0;
	lt_stmt_done(st);
	return rc < 0 ? rc : 0;
}

int lt_activity_link_check(lt_db *db, const char *url_canonical, lt_arena *a,
			   lt_link_check_row *out, bool *found, lt_error *e)
{
	lt_stmt *st = NULL;
	int rc = lt_db_prepare(db,
			       "SELECT state, http_status, title, og_title, final_url, error, checked_at"
			       " FROM link_check WHERE url_canonical = $1",
			       &st, e);

	memset(out, 0, sizeof(*out));
	*found = false;
	if (rc)
		return rc;
	lt_stmt_bind_text(st, 1, url_canonical);
	rc = lt_stmt_step(st, e);
	if (rc == 1) {
		*found = true;
		out->state = lt_arena_strdup(a, lt_stmt_text(st, 0));
		out->http_status = lt_stmt_is_null(st, 1) ? 0 : lt_stmt_int(st, 1);
		out->title = lt_arena_strdup(a, lt_stmt_text(st, 2));
		out->og_title = lt_arena_strdup(a, lt_stmt_text(st, 3));
		out->final_url = lt_arena_strdup(a, lt_stmt_text(st, 4));
		out->error = lt_arena_strdup(a, lt_stmt_text(st, 5));
		out->checked_at = lt_stmt_is_null(st, 6) ? 0 : lt_stmt_int(st, 6);
		rc = lt_arena_failed(a) ? lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory")
					: 0;
	}
	lt_stmt_done(st);
	return rc < 0 ? rc : 0;
}

/* "%first-token%" of a folded query, LIKE wildcards escaped; NULL when empty. */
static char *like_first(const char *fold)
{
	size_t n = strcspn(fold, " ");
	char *p, *w;

	if (!n)
		return NULL;
	p = malloc(n * 2 + 3);
	if (!p)
		return NULL;
	w = p;
	*w++ = '%';
	for (size_t i = 0; i < n; i++) {
		if (fold[i] == '%' || fold[i] == '_' || fold[i] == '\\')
			*w++ = '\\';
		*w++ = fold[i];
	}
	*w++ = '%';
	*w = '\0';
	return p;
}

/* Count one more item of channel ch in the page's by_channel (first appearance order). */
static int count_channel(lt_activity_page *p, size_t *cap, const char *ch, lt_arena *a,
			 lt_error *e)
{
	int rc;

	for (size_t i = 0; i < p->nchannels; i++)
		if (!strcmp(p->by_channel[i].channel, ch)) {
			p->by_channel[i].n++;
			return 0;
		}
	rc = lt_act_grow(a, (void **)&p->by_channel, cap, p->nchannels, sizeof(*p->by_channel), e);
	if (rc)
		return rc;
	p->by_channel[p->nchannels].channel = lt_arena_strdup(a, ch);
	p->by_channel[p->nchannels++].n = 1;
	return 0;
}

/* Does the current row match every word of the folded query (title, link, unit name)? */
static bool row_matches(lt_stmt *st, const char *fold)
{
	const char *un = lt_stmt_text(st, 24);
	char *ufold = lt_text_fold(un, strlen(un));
	lt_buf b;
	bool ok;

	lt_buf_init(&b, 1 << 16);
	lt_buf_putf(&b, "%s %s", lt_stmt_text(st, 23), ufold ? ufold : "");
	ok = !lt_buf_error(&b) && lt_text_match_folded(lt_buf_cstr(&b), fold);
	lt_buf_free(&b);
	free(ufold);
	return ok;
}

/* The filters every form of the list shares: $1..$11 (see bind_filter). */
#define LIST_JOIN                                                                       \
	" FROM activity a JOIN unit u ON u.id = a.unit_id"                              \
	" LEFT JOIN directive_theme t ON t.id = a.theme_id"
#define LIST_REST                                                                       \
	" AND ($3 = 0 OR a.directive_id = $3) AND ($4 = 0 OR a.unit_id = $4)"            \
	" AND ($5 = 0 OR a.theme_id = $5) AND ($6 IS NULL OR a.channel = $6)"            \
	" AND ($7 IS NULL OR a.kind = $7) AND ($8 IS NULL OR a.date >= $8)"              \
	" AND ($9 IS NULL OR a.date <= $9) AND ($10 = 0 OR a.kit_item_id = $10)"         \
	" AND ($11 IS NULL OR a.search_fold LIKE $11 ESCAPE '\\'"                        \
	"   OR u.name_fold LIKE $11 ESCAPE '\\')"
#define LIST_FROM LIST_JOIN " WHERE u.path >= $1 AND u.path < $2" LIST_REST
/* LIST_FROM with the subtree's path test opaque to an index (see list_keyset). */
#define LIST_FROM_OPAQUE LIST_JOIN " WHERE u.path || '' >= $1 AND u.path || '' < $2" LIST_REST
/*
 * The page after the cursor's (date, id) ($12, $13; none when $12 is NULL),
 * newest first, $14 rows. As a row value, PostgreSQL walks activity_date
 * from the cursor instead of filtering every newer item out.
 */
#define PAGE_AFTER " AND ($12 IS NULL OR (a.date, a.id) < ($12, $13))"
#define PAGE_ORDER " ORDER BY a.date DESC, a.id DESC LIMIT $14"
/*
 * PostgreSQL's form of a page sorted from the matches: the matches (id and
 * date) collected behind a fence (MATERIALIZED: the planner may not walk
 * activity_date instead, the order and the limit being outside), sorted,
 * and the page's rows read for the page only (its photo count, its theme).
 */
#define PAGE_SORTED_PG                                                                  \
	"WITH m AS MATERIALIZED (SELECT a.id, a.date FROM activity a JOIN unit u"         \
	" ON u.id = a.unit_id WHERE u.path >= $1 AND u.path < $2" LIST_REST PAGE_AFTER ")," \
	" p AS (SELECT id FROM m ORDER BY date DESC, id DESC LIMIT $14)"                   \
	" SELECT " ITEM_COLS " FROM p JOIN activity a ON a.id = p.id"                      \
	" JOIN unit u ON u.id = a.unit_id LEFT JOIN directive_theme t ON t.id = a.theme_id" \
	" ORDER BY a.date DESC, a.id DESC"

static void bind_filter(lt_stmt *st, const lt_activity_filter *f, const char *end,
			const char *pat)
{
	lt_stmt_bind_text(st, 1, f->within ? f->within : "/");
	lt_stmt_bind_text(st, 2, end);
	lt_stmt_bind_int(st, 3, f->directive_id);
	lt_stmt_bind_int(st, 4, f->unit_id);
	lt_stmt_bind_int(st, 5, f->theme_id);
	lt_act_bind_opt_text(st, 6, f->channel);
	lt_act_bind_opt_text(st, 7, f->kind);
	lt_act_bind_opt_text(st, 8, f->from);
	lt_act_bind_opt_text(st, 9, f->to);
	lt_stmt_bind_int(st, 10, f->kit_item_id);
	lt_stmt_bind_text(st, 11, pat);
}

/* Is within a district's subtree or smaller (three levels from the top or more)? */
static bool small_subtree(const char *within)
{
	return within && lt_tree_path_depth(within) >= 3;
}

/* The walk of a search: each candidate's key, channel, original flag and searched text. */
#define SCAN_COLS "a.id, a.date, a.channel, a.is_original, a.search_fold, u.name_fold"
/*
 * A large subtree's search: the items after the cursor newest first, $14 of
 * them read off activity(date, id) alone, each then joined and tested by
 * every filter (the last column): the bound counts the items looked at, not
 * the matches, which for a province would be most of the log.
 */
#define SCAN_WINDOW                                                                         \
	"SELECT " SCAN_COLS ", CASE WHEN u.path >= $1 AND u.path < $2" LIST_REST              \
	" THEN 1 ELSE 0 END FROM (SELECT a.id FROM activity a WHERE 1 = 1" PAGE_AFTER          \
	PAGE_ORDER ") w JOIN activity a ON a.id = w.id JOIN unit u ON u.id = a.unit_id"      \
	" ORDER BY a.date DESC, a.id DESC"
/* A small subtree's: its matching items, sorted (a district's are a few thousand). */
#define SCAN_SMALL "SELECT " SCAN_COLS ", 1" LIST_FROM PAGE_AFTER PAGE_ORDER

/*
 * A search (every word of q, matched in C on the folded title, link and
 * unit name) or an offset: the items after the cursor, newest first, are
 * looked at LT_ACTIVITY_SCAN at most; the matches among them are counted
 * (up to LT_ACTIVITY_COUNT_CAP) and the page is their first. A subtree of
 * more than LT_ACTIVITY_SMALL units (the nation's) reads the log by date
 * (activity_date) from the cursor (SCAN_WINDOW) instead of sorting every
 * matching item of the country first (5.1 s for "chợ Tết" on the national
 * demo's 1.9 million items); a smaller one, up to the largest province
 * (Hà Nội: 7,627 units, 104,612 items), has its matching items sorted
 * (SCAN_SMALL): a window of the nation's newest items may hold none of a
 * province's. When the look ends before the log does, the counts are
 * floors (capped) and the next page resumes after the last item looked at.
 */
static int list_scan(lt_db *db, const lt_activity_filter *f, const char *end, const char *fold,
		     int limit, lt_arena *a, lt_activity_page *out, lt_error *e)
{
	lt_stmt *st = NULL;
	size_t chcap = 0, seen = 0;
	int64_t pos = 0, *ids = lt_arena_alloc(a, ((size_t)limit + 1) * sizeof(*ids));
	char last_date[16] = "";
	int64_t last_id = 0;
	int scan = f->scan > 0 ? f->scan : LT_ACTIVITY_SCAN;
	int64_t units = 0;
	int small;
	lt_buf b;
	int rc;

	if (!ids)
		return lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	small = f->small > 0 ? f->small : LT_ACTIVITY_SMALL;
	rc = lt_unit_count_under(db, f->within ? f->within : "/", small, &units, e);
	if (!rc)
		rc = lt_db_prepare(db, units <= small ? SCAN_SMALL : SCAN_WINDOW, &st, e);
	if (rc)
		return rc;
	bind_filter(st, f, end, NULL);
	lt_stmt_bind_text(st, 12, f->after_date);
	lt_stmt_bind_int(st, 13, f->after_id);
	lt_stmt_bind_int(st, 14, scan);
	lt_buf_init(&b, 1 << 16);
	while ((rc = lt_stmt_step(st, e)) == 1) {
		seen++;
		last_id = lt_stmt_int(st, 0);
		snprintf(last_date, sizeof(last_date), "%s", lt_stmt_text(st, 1));
		if (!lt_stmt_int(st, 6))
			continue;
		if (fold) {
			lt_buf_reset(&b);
			lt_buf_putf(&b, "%s %s", lt_stmt_text(st, 4), lt_stmt_text(st, 5));
			if (lt_buf_error(&b) || !lt_text_match_folded(lt_buf_cstr(&b), fold))
				continue;
		}
		/* The counts stop at LT_ACTIVITY_COUNT_CAP matches; then only the page fills. */
		if (out->total >= LT_ACTIVITY_COUNT_CAP) {
			out->capped = true;
		} else {
			out->total++;
			out->originals += lt_stmt_int(st, 3) != 0;
			rc = count_channel(out, &chcap, lt_stmt_text(st, 2), a, e);
			if (rc)
				break;
		}
		if (++pos <= f->offset)
			continue;
		if (out->n == (size_t)limit) {
			out->more = true;
			if (out->capped)
				break;
			continue;
		}
		ids[out->n++] = last_id;
	}
	lt_stmt_done(st);
	lt_buf_free(&b);
	if (rc < 0)
		return rc;
	/* The look ended first: the next page goes on after the last item looked at. */
	if (seen == (size_t)scan && !out->more) {
		out->more = out->capped = true;
		out->resume_date = lt_arena_strdup(a, last_date);
		out->resume_id = last_id;
	} else if (seen == (size_t)scan) {
		out->capped = true;
	}
	if (out->n && !(out->rows = lt_arena_alloc(a, out->n * sizeof(*out->rows))))
		return lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	rc = 0;
	for (size_t i = 0; !rc && i < out->n; i++)
		rc = lt_activity_get(db, ids[i], a, &out->rows[i], e);
	return rc;
}

/* May the list's counts come from the kept counters (activity_count.c)? */
static bool kept_counts(const lt_activity_filter *f)
{
	return !f->unit_id && !f->theme_id && !f->kind && !f->from && !f->to && !f->kit_item_id;
}

/*
 * Should the page walk the items by date (1) rather than collect its
 * matches and sort them (0)? When the matches are half the log or more.
 */
static int by_date(lt_db *db, int64_t matches, lt_error *e)
{
	int64_t all = 0;
	int rc;

	if (!matches)
		return 0;
	rc = lt_db_int(db,
		       "SELECT CAST(COALESCE(sum(sub), 0) AS BIGINT) FROM activity_count WHERE unit_id IN"
		       " (SELECT id FROM unit WHERE parent_id IS NULL)",
		       &all, e);
	if (rc < 0)
		return rc;
	/*
	 * Items cluster by unit (a province's are often the oldest), so a
	 * uniform estimate can mislead; at least half the log under the
	 * subtree bounds the walk to the other half plus the page, never more
	 * than the sort of the matches would read.
	 */
	return matches * 2 >= all;
}



/*
 * The kept counts of the subtree at within (its root unit's row per
 * channel; every top unit's when within is the whole tree), for one
 * directive or all, one channel or all: a few rows however large the tree.
 */
static int prepare_kept(lt_db *db, const lt_activity_filter *f, lt_stmt **st, lt_error *e)
{
	int64_t ids[64];
	size_t n = lt_tree_path_ids(f->within ? f->within : "/", ids, 64);
	int rc = lt_db_prepare(db,
			       "SELECT channel, CAST(sum(sub) AS BIGINT), CAST(sum(sub_orig) AS BIGINT)"
			       " FROM activity_count WHERE (unit_id = $1 OR ($1 = 0 AND unit_id IN"
			       " (SELECT id FROM unit WHERE parent_id IS NULL)))"
			       " AND ($2 = 0 OR directive_id = $2) AND ($3 IS NULL OR channel = $3)"
			       " GROUP BY channel HAVING sum(sub) > 0 ORDER BY 2 DESC, channel",
			       st, e);

	if (rc)
		return rc;
	lt_stmt_bind_int(*st, 1, n ? ids[n - 1] : 0);
	lt_stmt_bind_int(*st, 2, f->directive_id);
	lt_act_bind_opt_text(*st, 3, f->channel);
	return 0;
}

/*
 * No search: the counts come from the kept counters when the filters are
 * ones they keep (else one aggregate over the matches, no row built), and
 * the page from the cursor's keyset with a LIMIT, so a national list reads
 * its 20 rows, not every item of the country.
 */
static int list_keyset(lt_db *db, const lt_activity_filter *f, const char *end, int limit,
		       lt_arena *a, lt_activity_page *out, lt_error *e)
{
	lt_stmt *st = NULL;
	size_t cap = 0, chcap = 0;
	bool pg = lt_db_dialect(db) == LT_DIALECT_POSTGRES, once = false;
	int rc;

	if (kept_counts(f)) {
		rc = prepare_kept(db, f, &st, e);
	} else {
		rc = lt_db_prepare(db,
				   "SELECT a.channel, count(*),"
				   " sum(CASE WHEN a.is_original <> 0 THEN 1 ELSE 0 END)" LIST_FROM
				   " GROUP BY a.channel ORDER BY count(*) DESC, a.channel",
				   &st, e);
		if (!rc)
			bind_filter(st, f, end, NULL);
	}
	if (rc)
		return rc;
	while ((rc = lt_stmt_step(st, e)) == 1) {
		int64_t n = lt_stmt_int(st, 1);

		out->total += n;
		out->originals += lt_stmt_int(st, 2);
		rc = count_channel(out, &chcap, lt_stmt_text(st, 0), a, e);
		if (rc)
			break;
		out->by_channel[out->nchannels - 1].n = n;
	}
	lt_stmt_done(st);
	if (rc < 0)
		return rc;
	rc = by_date(db, out->total, e);
	if (rc < 0)
		return rc;
	/*
	 * Matches making half the log or more (a national list) walk the items
	 * newest first on activity_date from the cursor and stop after the
	 * page: at most the other half plus the page is read. Fewer matches
	 * (a province, a district, a commune, a rare filter) are collected by
	 * the cheapest way the filters give (the subtree's units, then their
	 * items) and sorted: never more than the matches. A walk by date there
	 * could read the whole log, items being clustered by unit (a province's
	 * are often the oldest), which PostgreSQL's estimates do not know: it
	 * walked 58,099 items (0.15 s warm, 2.7 s cold) for a province of the
	 * national demo, and so is given the matches behind a fence
	 * (PAGE_SORTED_PG). For the walk, each planner must see the subtree as
	 * most of the log:
	 * PostgreSQL from its statistics of the plain path test (an opaque one
	 * it guesses at 0.5%, and plans a parallel walk whose worker costs
	 * 100 ms a request), SQLite only if the test is opaque to it (else it
	 * starts from the subtree's units).
	 *
	 * PostgreSQL plans the fenced form anew for each request (an unnamed
	 * statement): a cached one goes to its generic plan after five runs,
	 * whose "$3 = 0 OR …" filters it guesses at one row, and that plan
	 * (every item of the log joined to its unit, 330 ms) looks cheaper than
	 * the custom plans of a province. The walk's custom plans cost so little
	 * that the generic one is never taken; nor are those of a district's
	 * subtree or smaller (a few hundred units at most: PostgreSQL starts
	 * from them), which keep the cached plain form, planning the fence
	 * costing them more than their whole read (2.5 ms a request against 6).
	 */
	once = rc == 0 && pg && !small_subtree(f->within);
	if (once)
		rc = lt_db_prepare_once(db, PAGE_SORTED_PG, &st, e);
	else if (rc == 1 && !pg)
		rc = lt_db_prepare(db, "SELECT " ITEM_COLS LIST_FROM_OPAQUE PAGE_AFTER PAGE_ORDER,
				   &st, e);
	else
		rc = lt_db_prepare(db, "SELECT " ITEM_COLS LIST_FROM PAGE_AFTER PAGE_ORDER, &st, e);
	if (rc)
		return rc;
	bind_filter(st, f, end, NULL);
	lt_stmt_bind_text(st, 12, f->after_date);
	lt_stmt_bind_int(st, 13, f->after_id);
	lt_stmt_bind_int(st, 14, (int64_t)limit + 1);
	while ((rc = lt_stmt_step(st, e)) == 1) {
		if (out->n == (size_t)limit) {
			out->more = true;
			continue;
		}
		rc = lt_act_grow(a, (void **)&out->rows, &cap, out->n, sizeof(*out->rows), e);
		if (!rc)
			rc = item_row(st, a, &out->rows[out->n++], NULL, e);
		if (rc)
			break;
	}
	if (once)
		lt_stmt_free(st);
	else
		lt_stmt_done(st);
	return rc > 0 ? 0 : rc;
}

/* q's folded words (*fold) and its LIKE pattern (*pat), both NULL without q; the caller frees them. */
static int search_of(const lt_activity_filter *f, char **fold, char **pat, lt_error *e)
{
	*fold = *pat = NULL;
	if (!f->q || !*f->q)
		return 0;
	*fold = lt_text_fold(f->q, strlen(f->q));
	if (!*fold)
		return lt_error_set(e, LT_EINVAL, "q", "Từ khoá không phải UTF-8 hợp lệ",
				    "Search text is not valid UTF-8");
	*pat = like_first(*fold);
	return 0;
}

int lt_activity_list(lt_db *db, const lt_activity_filter *f, lt_arena *a, lt_activity_page *out,
		     lt_error *e)
{
	char end[LT_PATH_MAX];
	char *fold = NULL, *pat = NULL;
	int limit = f->limit > 0 ? (f->limit > 10000 ? 10000 : f->limit) : 100;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = search_of(f, &fold, &pat, e);
	if (rc)
		return rc;
	lt_tree_path_end(f->within ? f->within : "/", end);
	if (fold || f->offset > 0)
		rc = list_scan(db, f, end, fold, limit, a, out, e);
	else
		rc = list_keyset(db, f, end, limit, a, out, e);
	if (!rc && lt_arena_failed(a))
		rc = lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	free(fold);
	free(pat);
	return rc;
}

int lt_activity_each(lt_db *db, const lt_activity_filter *f, lt_activity_row_fn fn, void *ctx,
		     lt_error *e)
{
	char end[LT_PATH_MAX];
	char *fold = NULL, *pat = NULL;
	lt_stmt *st = NULL;
	int rc = search_of(f, &fold, &pat, e);

	lt_tree_path_end(f->within ? f->within : "/", end);
	if (!rc)
		rc = lt_db_prepare(db, "SELECT " ITEM_COLS LIST_FROM " ORDER BY a.date, a.id", &st, e);
	if (!rc) {
		bind_filter(st, f, end, pat);
		while ((rc = lt_stmt_step(st, e)) == 1) {
			lt_activity_row r;
			lt_arena a; /* one row's strings: the memory held is a row's */
			if (fold && !row_matches(st, fold))
				continue;
			lt_arena_init(&a);
			rc = item_row(st, &a, &r, NULL, e);
			if (!rc && lt_arena_failed(&a))
				rc = lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
			if (!rc)
				rc = fn(&r, ctx, e);
			lt_arena_free(&a);
			if (rc)
				break;
		}
		lt_stmt_done(st);
	}
	free(fold);
	free(pat);
	return rc > 0 ? 0 : rc;
}
