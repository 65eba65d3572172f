/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * feedback_rules.c — the rows behind classification: the officers' topic
 * rules (table feedback_rule, each with the scope of the unit that made
 * it), the texts they apply to, the training set
 * (messages a cadre confirmed) and the model kept in feedback_model as a
 * blob. Loading rules into a rule set, classifying and training happen in
 * app/feedback_classify.c.
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

/* ---------- the model ---------- */

int lt_feedback_model_meta(lt_db *db, lt_fb_model_info *out, lt_error *e)
{
	lt_stmt *st = NULL;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = lt_feedback_confirmed_count(db, &out->confirmed, e);
	if (!rc)
		rc = lt_db_prepare(db,
				   "SELECT n_train, updates, trained_at, updated_at, length(model)"
				   " FROM feedback_model WHERE id = 1",
				   &st, e);
	if (rc)
		return rc;
	rc = lt_stmt_step(st, e);
	if (rc == 1) {
		out->present = true;
		out->n_train = lt_stmt_int(st, 0);
		out->updates = lt_stmt_int(st, 1);
		out->trained_at = lt_stmt_int(st, 2);
		out->updated_at = lt_stmt_int(st, 3);
		out->bytes = (size_t)lt_stmt_int(st, 4);
	}
	lt_stmt_done(st);
	return rc < 0 ? rc : 0;
}

int lt_feedback_model_blob(lt_db *db, lt_arena *a, const void **p, size_t *n, lt_error *e)
{
	lt_stmt *st = NULL;
	const void *blob;
	void *copy;
	int rc = lt_db_prepare(db, "SELECT model FROM feedback_model WHERE id = 1", &st, e);

	*p = NULL;
	*n = 0;
	if (rc)
		return rc;
	rc = lt_stmt_step(st, e);
	if (rc == 1) {
		blob = lt_stmt_blob(st, 0, n);
		copy = lt_arena_alloc(a, *n ? *n : 1);
		if (copy && *n)
			memcpy(copy, blob, *n);
		*p = copy;
		rc = copy ? 0 : lt_fb_nomem(e);
	}
	lt_stmt_done(st);
	return rc < 0 ? rc : 0;
}

int lt_feedback_model_stamp(lt_db *db, char stamp[LT_FB_STAMP_MAX], lt_error *e)
{
	lt_stmt *st = NULL;
	int rc = lt_db_prepare(db, "SELECT stamp FROM feedback_model WHERE id = 1", &st, e);

	stamp[0] = '\0';
	if (rc)
		return rc;
	rc = lt_stmt_step(st, e);
	if (rc == 1)
		snprintf(stamp, LT_FB_STAMP_MAX, "%s", lt_stmt_text(st, 0) ? lt_stmt_text(st, 0) : "");
	lt_stmt_done(st);
	return rc < 0 ? rc : 0;
}

int lt_feedback_model_put(lt_db *db, const void *p, size_t n, int64_t n_train, lt_error *e)
{
	lt_stmt *st = NULL;
	char stamp[44];
	int rc;

	if (n_train > 0)
		rc = lt_db_prepare(db,
				   "INSERT INTO feedback_model(id, algo, model, n_train, updates,"
				   " trained_at, updated_at, stamp) VALUES (1, 'lr', $1, $2, 0, $3, $3, $4)"
				   " ON CONFLICT (id) DO UPDATE SET model = excluded.model,"
				   " n_train = excluded.n_train, updates = 0,"
				   " trained_at = excluded.trained_at, updated_at = excluded.updated_at,"
				   " stamp = excluded.stamp",
				   &st, e);
	else
		rc = lt_db_prepare(db,
				   "UPDATE feedback_model SET model = $1, updates = updates + 1,"
				   " updated_at = $3, stamp = $4 WHERE id = 1 AND $2 = 0",
				   &st, e);
	if (rc)
		return rc;
	lt_random_token(stamp);
	lt_stmt_bind_blob(st, 1, n ? p : "", n);
	lt_stmt_bind_int(st, 2, n_train);
	lt_stmt_bind_int(st, 3, lt_now());
	lt_stmt_bind_text(st, 4, stamp);
	return lt_stmt_run(st, e);
}

int lt_feedback_model_drop(lt_db *db, lt_error *e)
{
	lt_stmt *st = NULL;
	int rc = lt_db_prepare(db, "DELETE FROM feedback_model", &st, e);

	return rc ? rc : lt_stmt_run(st, e);
}
