/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * feedback_rules.c — the rows behind classification: the officers' topic
 * rules (table feedback_rule, each with the scope of the unit that made
 * it), the texts they apply to and the training set (messages a cadre
 * confirmed); the model's rows are in feedback_model.c. Loading rules into
 * a rule set, classifying and training happen in app/feedback_classify.c.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "core/clock.h"
#include "core/password.h"
#include "core/tree.h"
#include "store/feedback_int.h"
#include "store/unit_int.h"

/* ---------- officers' rules ---------- */

int lt_feedback_rule_insert(lt_db *db, int64_t unit_id, const char *topic, const char *pattern,
			    double weight, int64_t actor, int64_t *rule_id, lt_error *e)
{
	lt_stmt *st = NULL;
	int rc = lt_db_prepare(db,
			       "INSERT INTO feedback_rule(topic, pattern, weight, created_by,"
			       " created_at, unit_id) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
			       &st, e);

	if (rc)
		return rc;
	lt_stmt_bind_text(st, 1, topic);
	lt_stmt_bind_text(st, 2, pattern);
	lt_stmt_bind_double(st, 3, weight);
	lt_stmt_bind_id(st, 4, actor);
	lt_stmt_bind_int(st, 5, lt_now());
	lt_stmt_bind_id(st, 6, unit_id);
	rc = lt_stmt_step(st, e);
	if (rc == 1)
		*rule_id = lt_stmt_int(st, 0);
	lt_stmt_done(st);
	return rc < 0 ? rc : 0;
}

int lt_feedback_rule_scoped(lt_db *db, const char *path, unsigned which, int64_t after_id,
			    int max, lt_arena *a, lt_fb_rule **items, size_t *n, lt_error *e)
{
	lt_stmt *st = NULL;
	lt_fb_rule *arr = NULL;
	size_t cnt = 0, cap = 0;
	char end[LT_PATH_MAX];
	/* Rules are few (one officer writes a handful): the scan is cheap. */
	int rc = lt_db_prepare(db,
			       "SELECT r.id, r.topic, r.pattern, r.weight, r.created_by, r.created_at,"
			       " r.unit_id, u.path FROM feedback_rule r LEFT JOIN unit u ON u.id = r.unit_id"
			       " WHERE ((r.unit_id IS NULL AND $3 != 0) OR (u.path IS NOT NULL AND"
			       " (($4 != 0 AND substr($1, 1, length(u.path)) = u.path)"
			       " OR ($5 != 0 AND u.path >= $1 AND u.path < $2))))"
			       " AND ($6 = 0 OR r.id > $6)"
			       " ORDER BY r.id LIMIT $7",
			       &st, e);

	*items = NULL;
	*n = 0;
	if (rc)
		return rc;
	lt_tree_path_end(path, end);
	lt_stmt_bind_text(st, 1, path);
	lt_stmt_bind_text(st, 2, end);
	lt_stmt_bind_int(st, 3, (which & LT_FB_RULES_WHOLE_TREE) != 0);
	lt_stmt_bind_int(st, 4, (which & LT_FB_RULES_ABOVE) != 0);
	lt_stmt_bind_int(st, 5, (which & LT_FB_RULES_BELOW) != 0);
	lt_stmt_bind_int(st, 6, after_id);
	lt_stmt_bind_int(st, 7, lt_store_limit(max));
	while ((max <= 0 || cnt < (size_t)max) && (rc = lt_stmt_step(st, e)) == 1) {
		arr = lt_fb_grow(a, arr, cnt, &cap, sizeof(*arr));
		if (!arr) {
			lt_stmt_done(st);
			return lt_fb_nomem(e);
		}
		arr[cnt].id = lt_stmt_int(st, 0);
		arr[cnt].topic = lt_arena_strdup(a, lt_stmt_text(st, 1));
		arr[cnt].pattern = lt_arena_strdup(a, lt_stmt_text(st, 2));
		arr[cnt].weight = lt_stmt_double(st, 3);
		arr[cnt].created_by = lt_stmt_is_null(st, 4) ? 0 : lt_stmt_int(st, 4);
		arr[cnt].created_at = lt_stmt_int(st, 5);
		arr[cnt].unit_id = lt_stmt_is_null(st, 6) ? 0 : lt_stmt_int(st, 6);
		arr[cnt].unit_path = lt_arena_strdup(a, lt_stmt_is_null(st, 7) ? "/" : lt_stmt_text(st, 7));
		cnt++;
	}
	lt_stmt_done(st);
	if (rc < 0)
		return rc;
	if (lt_arena_failed(a))
		return lt_fb_nomem(e);
	*items = arr;
	*n = cnt;
	return 0;
}

int lt_feedback_rule_list(lt_db *db, lt_arena *a, lt_fb_rule **items, size_t *n, lt_error *e)
{
	return lt_feedback_rule_scoped(db, "/", LT_FB_RULES_WHOLE_TREE, 0, 0, a, items, n, e);
}

/* ---------- texts ---------- */

/* Read (id, text, topics[, unit path]) rows of a prepared statement into an arena array. */
static int read_texts(lt_stmt *st, bool with_path, lt_arena *a, lt_fb_text **items, size_t *n,
		      lt_error *e)
{
	lt_fb_text *arr = NULL;
	size_t cnt = 0, cap = 0;
	int rc;

	while ((rc = lt_stmt_step(st, e)) == 1) {
		arr = lt_fb_grow(a, arr, cnt, &cap, sizeof(*arr));
		if (!arr) {
			lt_stmt_done(st);
			return lt_fb_nomem(e);
		}
		arr[cnt].id = lt_stmt_int(st, 0);
		arr[cnt].text = lt_arena_strdup(a, lt_stmt_text(st, 1));
		arr[cnt].topics = (uint32_t)lt_stmt_int(st, 2);
		arr[cnt].unit_path = with_path ? lt_arena_strdup(a, lt_stmt_text(st, 3)) : NULL;
		cnt++;
	}
	lt_stmt_done(st);
	if (rc < 0)
		return rc;
	if (lt_arena_failed(a))
		return lt_fb_nomem(e);
	*items = arr;
	*n = cnt;
	return 0;
}

int lt_feedback_unconfirmed(lt_db *db, const char *within, lt_arena *a, lt_fb_text **items,
			    size_t *n, lt_error *e)
{
	lt_stmt *st = NULL;
	char end[LT_PATH_MAX];
	int rc = lt_db_prepare(db,
			       "SELECT f.id, f.text, f.topics, u.path FROM feedback f"
			       " JOIN unit u ON u.id = f.unit_id"
			       " WHERE u.path >= $1 AND u.path < $2 AND f.topics_source != 'cadre'"
			       " ORDER BY f.id DESC LIMIT 20000",
			       &st, e);

	*items = NULL;
	*n = 0;
	if (rc)
		return rc;
	lt_tree_path_end(within ? within : "/", end);
	lt_stmt_bind_text(st, 1, within ? within : "/");
	lt_stmt_bind_text(st, 2, end);
	return read_texts(st, true, a, items, n, e);
}

int lt_feedback_confirmed(lt_db *db, lt_arena *a, lt_fb_text **items, size_t *n, lt_error *e)
{
	lt_stmt *st = NULL;
	int rc = lt_db_prepare(db,
			       "SELECT id, text, topics FROM feedback WHERE topics_source = 'cadre'"
			       " ORDER BY id",
			       &st, e);

	*items = NULL;
	*n = 0;
	return rc ? rc : read_texts(st, false, a, items, n, e);
}

int lt_feedback_confirmed_count(lt_db *db, int64_t *n, lt_error *e)
{
	lt_stmt *st = NULL;
	int rc = lt_db_prepare(db, "SELECT count(*) FROM feedback WHERE topics_source = 'cadre'",
			       &st, e);

	*n = 0;
	if (rc)
		return rc;
	rc = lt_stmt_step(st, e);
	if (rc == 1)
		*n = lt_stmt_int(st, 0);
	lt_stmt_done(st);
	return rc < 0 ? rc : 0;
}
