/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* linkkit.c — link kits, their shares, and the link-check queue; see linkkit.h. */
#include "store/linkkit.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/tree.h"
#include "core/validate.h"
#include "store/activity.h"
#include "store/activity_sql.h"
#include "store/audit.h"
#include "store/store.h"
#include "store/unit_int.h"

int lt_linkkit_create(lt_db *db, int64_t directive_id, int64_t issuer_id, int64_t theme_id,
		      const char *title, const char *note, const lt_linkkit_item_in *items,
		      size_t n, int64_t actor, int64_t *id, lt_error *e)
{
	int64_t made = 0;
	int rc = lt_check_text("title", title, 300, e);

	if (!rc && (n < 1 || n > 100))
		rc = lt_error_set(e, LT_EINVAL, "items", "Bộ đường dẫn cần từ 1 đến 100 đường dẫn",
				  "A link kit needs 1 to 100 links");
	for (size_t i = 0; !rc && i < n; i++) {
		char field[48];
		snprintf(field, sizeof(field), "items[%zu].title", i);
		if (!items[i].url_canonical || !*items[i].url_canonical)
			rc = lt_error_set(e, LT_EINVAL, "items", "Đường dẫn thứ %zu trống",
					  "Link %zu is empty", i + 1);
		else
			rc = lt_check_text(field, items[i].title, 500, e);
	}
	if (rc)
		return rc;
	rc = lt_db_begin(db, e);
	if (rc)
		return rc;
	if (theme_id) {
		int64_t one = 0;
		rc = lt_db_int(db, "SELECT 1 FROM directive_theme WHERE id = $1 AND directive_id = $2",
			       &one, e, LT_I(theme_id), LT_I(directive_id));
		if (rc == 0)
			rc = lt_error_set(e, LT_EINVAL, "theme_id", "Chủ đề không thuộc công văn này",
					  "The theme is not one of this directive's");
		else if (rc == 1)
			rc = 0;
	}
	if (!rc) {
		rc = lt_db_int(db,
			       "INSERT INTO link_kit(directive_id, theme_id, issuer_id, title, note,"
			       " created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
			       &made, e, LT_I(directive_id), LT_ID(theme_id), LT_I(issuer_id),
			       LT_T(title), LT_OT(note), LT_ID(actor), LT_I(lt_now()));
		rc = rc < 0 ? rc : 0;
	}
	for (size_t i = 0; !rc && i < n; i++)
		rc = lt_db_run(db,
			       "INSERT INTO link_kit_item(kit_id, pos, url, url_canonical, channel,"
			       " title, source) VALUES ($1, $2, $3, $4, $5, $6, $7)",
			       e, LT_I(made), LT_I((int64_t)i + 1),
			       LT_T(items[i].url ? items[i].url : items[i].url_canonical),
			       LT_T(items[i].url_canonical),
			       LT_T(items[i].channel ? items[i].channel : "website"), LT_T(items[i].title),
			       LT_OT(items[i].source));
	return lt_act_tx_end_created(db, rc, actor, "link_kit", made, id, e);
}

static int kit_item_row(lt_stmt *st, lt_arena *a, void *row, void *ctx, lt_error *e)
{
	lt_linkkit_item_row *x = row;

	(void)ctx;
	(void)e;
	x->id = lt_stmt_int(st, 0);
	x->url = lt_arena_strdup(a, lt_stmt_text(st, 1));
	x->url_canonical = lt_arena_strdup(a, lt_stmt_text(st, 2));
	x->channel = lt_arena_strdup(a, lt_stmt_text(st, 3));
	x->title = lt_arena_strdup(a, lt_stmt_text(st, 4));
	x->source = lt_arena_strdup(a, lt_stmt_text(st, 5));
	x->shares = lt_stmt_int(st, 6);
	x->units_shared = lt_stmt_int(st, 7);
	x->my_share = lt_stmt_is_null(st, 8) ? 0 : lt_stmt_int(st, 8);
	return 0;
}

/* Items of kit with share counts; my_share for unit_id. */
static int kit_items(lt_db *db, lt_linkkit_row *k, int64_t unit_id, lt_arena *a, lt_error *e)
{
	lt_stmt *st;
	int rc;

	k->items = NULL;
	k->nitems = 0;
	rc = lt_db_query(db,
			 "SELECT i.id, i.url, i.url_canonical, i.channel, i.title, i.source,"
			 " (SELECT count(*) FROM activity a WHERE a.kit_item_id = i.id),"
			 " (SELECT count(DISTINCT a.unit_id) FROM activity a WHERE a.kit_item_id = i.id),"
			 " (SELECT min(a.id) FROM activity a WHERE a.kit_item_id = i.id"
			 "   AND a.unit_id = $2)"
			 " FROM link_kit_item i WHERE i.kit_id = $1 ORDER BY i.pos",
			 &st, e, LT_I(k->id), LT_I(unit_id));
	if (rc)
		return rc;
	return lt_act_rows(st, a, sizeof(*k->items), kit_item_row, NULL, (void **)&k->items,
			   &k->nitems, e);
}

#define KIT_COLS                                                                         \
	"k.id, k.title, k.note, k.theme_id, t.pos, t.title, u.id, u.code, u.name, u.path," \
	" k.directive_id, k.created_at"

static int kit_row(lt_stmt *st, lt_arena *a, void *row, void *ctx, lt_error *e)
{
	lt_linkkit_row *k = row;

	(void)ctx;
	(void)e;
	k->id = lt_stmt_int(st, 0);
	k->title = lt_arena_strdup(a, lt_stmt_text(st, 1));
	k->note = lt_arena_strdup(a, lt_stmt_text(st, 2));
	if (!lt_stmt_is_null(st, 3)) {
		k->theme_id = lt_stmt_int(st, 3);
		k->theme_pos = lt_stmt_int(st, 4);
		k->theme_title = lt_arena_strdup(a, lt_stmt_text(st, 5));
	}
	k->issuer.id = lt_stmt_int(st, 6);
	k->issuer.code = lt_arena_strdup(a, lt_stmt_text(st, 7));
	k->issuer.name = lt_arena_strdup(a, lt_stmt_text(st, 8));
	k->issuer.path = lt_arena_strdup(a, lt_stmt_text(st, 9));
	k->directive_id = lt_stmt_int(st, 10);
	k->created_at = lt_stmt_int(st, 11);
	return 0;
}

int lt_linkkit_list(lt_db *db, int64_t directive_id, int64_t unit_id, const char *related,
		    int64_t before_id, int max, lt_arena *a, lt_linkkit_row **v, size_t *n,
		    lt_error *e)
{
	char end[LT_PATH_MAX];
	lt_stmt *st;
	int rc;

	*v = NULL;
	*n = 0;
	lt_tree_path_end(related, end);
	rc = lt_db_query(db,
			 "SELECT " KIT_COLS " FROM link_kit k JOIN unit u ON u.id = k.issuer_id"
			 " LEFT JOIN directive_theme t ON t.id = k.theme_id"
			 " WHERE k.directive_id = $1 AND ($4 = 0 OR k.id < $4)"
			 " AND ((u.path >= $2 AND u.path < $3)"
			 "   OR substr($2, 1, length(u.path)) = u.path)"
			 " ORDER BY k.id DESC LIMIT $5",
			 &st, e, LT_I(directive_id), LT_T(related), LT_T(end), LT_I(before_id),
			 LT_I(lt_store_limit(max)));
	if (rc)
		return rc;
	rc = lt_act_rows_max(st, a, sizeof(**v), kit_row, NULL, max, (void **)v, n, e);
	/* The items once the kits' statement is done (one statement at a time per cache slot). */
	for (size_t i = 0; !rc && i < *n; i++)
		rc = kit_items(db, &(*v)[i], unit_id, a, e);
	return rc;
}

int lt_linkkit_get(lt_db *db, int64_t kit_id, int64_t unit_id, lt_arena *a, lt_linkkit_row *out,
		   lt_error *e)
{
	int rc;

	memset(out, 0, sizeof(*out));
	rc = lt_act_one(db,
			"SELECT " KIT_COLS " FROM link_kit k JOIN unit u ON u.id = k.issuer_id"
			" LEFT JOIN directive_theme t ON t.id = k.theme_id WHERE k.id = $1",
			kit_id, a, kit_row, out, e);
	if (rc > 0)
		rc = lt_error_set(e, LT_ENOTFOUND, "id", "Không có bộ đường dẫn #%" PRId64,
				  "No link kit #%" PRId64, kit_id);
	return rc ? rc : kit_items(db, out, unit_id, a, e);
}

static int share_row(lt_stmt *st, lt_arena *a, void *row, void *ctx, lt_error *e)
{
	lt_linkkit_share_row *x = row;

	(void)ctx;
	(void)e;
	x->item_id = lt_stmt_int(st, 0);
	x->item_title = lt_arena_strdup(a, lt_stmt_text(st, 1));
	x->item_url = lt_arena_strdup(a, lt_stmt_text(st, 2));
	if (lt_stmt_is_null(st, 3))
		return 0;
	x->unit.id = lt_stmt_int(st, 3);
	x->unit.code = lt_arena_strdup(a, lt_stmt_text(st, 4));
	x->unit.name = lt_arena_strdup(a, lt_stmt_text(st, 5));
	x->activity_id = lt_stmt_int(st, 6);
	x->url = lt_arena_strdup(a, lt_stmt_text(st, 7));
	x->date = lt_arena_strdup(a, lt_stmt_text(st, 8));
	return 0;
}

int lt_linkkit_shares(lt_db *db, int64_t kit_id, const char *within, lt_arena *a,
		      lt_linkkit_share_row **v, size_t *n, lt_error *e)
{
	return lt_act_subtree_rows(db,
				   "SELECT i.id, i.title, i.url_canonical, u.id, u.code, u.name, a.id,"
				   " a.url, a.date FROM link_kit_item i"
				   " LEFT JOIN activity a ON a.kit_item_id = i.id"
				   " LEFT JOIN unit u ON u.id = a.unit_id AND u.path >= $2 AND u.path < $3"
				   " WHERE i.kit_id = $1 ORDER BY i.pos, u.path, a.id",
				   kit_id, within, a, sizeof(**v), share_row, (void **)v, n, e);
}

/* ---------- link-check queue ---------- */

/* A link that may be claimed: waiting, or running under a lease that has passed ($1 = now). */
#define CHECK_FREE \
	" (state = 'pending' OR (state = 'running' AND (claimed_until IS NULL OR claimed_until <= $1)))"

int lt_linkcheck_claim(lt_db *db, int64_t now, int64_t until, char **url, lt_error *e)
{
	lt_stmt *st = NULL;
	char *got = NULL;
	int rc;

	/*
	 * One statement, so that two servers never claim one link: the WHERE
	 * re-checks what the sub-select chose, and on PostgreSQL the sub-select
	 * skips a row another claimer holds (SQLite has one writer: the driver
	 * drops the clause).
	 */
	*url = NULL;
	rc = lt_db_row(db,
		       "UPDATE link_check SET state = 'running', attempts = attempts + 1,"
		       " claimed_until = $2 WHERE url_canonical = (SELECT url_canonical FROM link_check"
		       " WHERE" CHECK_FREE " ORDER BY queued_at DESC, url_canonical LIMIT 1"
		       " FOR UPDATE SKIP LOCKED) AND" CHECK_FREE " RETURNING url_canonical",
		       &st, e, LT_I(now), LT_I(until));
	if (rc == 1) {
		got = strdup(lt_stmt_text(st, 0));
		rc = got ? 0 : lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	}
	lt_stmt_done(st);
	if (rc < 0)
		return rc;
	*url = got;
	return 0;
}

int lt_linkcheck_record(lt_db *db, const char *url, long http_status, const char *final_url,
			const char *title, const char *og_title, const char *error,
			int max_attempts, lt_error *e)
{
	return lt_db_run(db,
			 "UPDATE link_check SET state = CASE WHEN $2 > 0 THEN 'done'"
			 " WHEN attempts >= $7 THEN 'failed' ELSE 'pending' END,"
			 " http_status = CASE WHEN $2 > 0 THEN $2 ELSE http_status END,"
			 " final_url = $3, title = $4, og_title = $5, error = $6, checked_at = $8,"
			 " claimed_until = NULL"
			 " WHERE url_canonical = $1",
			 e, LT_T(url), LT_I(http_status), LT_T(final_url), LT_T(title), LT_T(og_title),
			 LT_T(error), LT_I(max_attempts), LT_I(lt_now()));
}

int lt_linkcheck_reset_running(lt_db *db, int64_t now, lt_error *e)
{
	return lt_db_run(db,
			 "UPDATE link_check SET state = 'pending', claimed_until = NULL"
			 " WHERE state = 'running' AND (claimed_until IS NULL OR claimed_until <= $1)",
			 e, LT_I(now));
}
