/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* unit_query.c — reading the union tree: search, children, ancestors, history, as-of subtrees. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/tree.h"
#include "core/validate.h"
#include "store/unit.h"
#include "store/unit_int.h"
#include "text/fold.h"

/* UNIT_COLS plus name_fold and the lower-case code, for token filtering. */
#define LIST_COLS UNIT_COLS ", u.name_fold, lower(u.code)"

void *lt_store_grow(lt_arena *a, void *items, size_t n, size_t *cap, size_t size)
{
	void *p;

	if (n < *cap)
		return items;
	*cap = *cap ? *cap * 2 : 32;
	p = lt_arena_alloc(a, *cap * size);
	if (p && n)
		memcpy(p, items, n * size);
	return p;
}

char *lt_store_like_first(lt_arena *a, const char *fold)
{
	size_t n = strcspn(fold, " ");
	char *p, *w;

	if (!n)
		return NULL;
	p = lt_arena_alloc(a, n * 2 + 3);
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

int lt_unit_list(lt_db *db, const lt_unit_query *q, lt_arena *a, lt_unit **items, size_t *n,
		 lt_error *e)
{
	lt_stmt *st = NULL;
	char *fold = NULL, *pat = NULL;
	char end[LT_PATH_MAX];
	lt_unit *arr = NULL;
	size_t cnt = 0, cap = 0;
	int limit = q->limit > 0 ? q->limit : 100;
	int skip = q->offset > 0 ? q->offset : 0;
	int rc;

	*items = NULL;
	*n = 0;
	if (limit > 1000)
		limit = 1000;
	if (q->q) {
		fold = lt_text_fold(q->q, strlen(q->q));
		if (!fold)
			return lt_error_set(e, LT_EINVAL, "q", "Từ khoá không phải UTF-8 hợp lệ",
					    "Search text is not valid UTF-8");
		pat = lt_store_like_first(a, fold);
	}
	lt_tree_path_end(q->within ? q->within : "/", end);
	/*
	 * The first search token narrows in SQL; the others are checked on the
	 * folded name below, so "lam gia" and "gia lam" both match.
	 */
	rc = lt_db_prepare(db,
			   "SELECT " LIST_COLS " FROM unit u"
			   " WHERE ($1 IS NULL OR u.name_fold LIKE $1 ESCAPE '\\'"
			   "        OR lower(u.code) LIKE $1 ESCAPE '\\')"
			   " AND ($2 = 0 OR u.parent_id = $2)"
			   " AND u.path >= $3 AND u.path < $4"
			   " AND ($5 = 1 OR u.active_to IS NULL)"
			   " AND ($6 IS NULL OR u.path > $6)"
			   /* Tree order on the path index: no sort before the limit (keyset paging).
			    * The LIMIT is in the SQL, not only in the loop below: PostgreSQL
			    * computes a statement's whole result (every unit of the national
			    * tree, 1.5 s) where SQLite stops when the loop does. A search
			    * filters further in C, so it cannot be bounded here. */
			   " ORDER BY u.path LIMIT $7",
			   &st, e);
	if (rc)
		goto out;
	lt_stmt_bind_text(st, 1, pat);
	lt_stmt_bind_int(st, 2, q->parent_id);
	lt_stmt_bind_text(st, 3, q->within ? q->within : "/");
	lt_stmt_bind_text(st, 4, end);
	lt_stmt_bind_int(st, 5, q->include_closed ? 1 : 0);
	lt_stmt_bind_text(st, 6, q->after);
	lt_stmt_bind_int(st, 7, fold ? INT64_MAX : (int64_t)limit + skip);
	while ((rc = lt_stmt_step(st, e)) == 1) {
		const char *nf = lt_stmt_text(st, 12), *lc = lt_stmt_text(st, 13);
		if (fold && !lt_text_match_folded(nf, fold) && !lt_text_match_folded(lc, fold))
			continue;
		if (skip > 0) {
			skip--;
			continue;
		}
		arr = lt_store_grow(a, arr, cnt, &cap, sizeof(*arr));
		if (!arr) {
			rc = lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
			break;
		}
		lt_unit_read_row(st, a, &arr[cnt++]);
		if ((int)cnt >= limit)
			break;
	}
	lt_stmt_done(st);
	if (rc < 0)
		goto out;
	rc = 0;
	*items = arr;
	*n = cnt;
out:
	free(fold);
	return rc;
}

int lt_unit_ancestors(lt_db *db, const lt_unit *u, lt_arena *a, lt_unit **items, size_t *n,
		      lt_error *e)
{
	int64_t ids[64];
	size_t k = lt_tree_path_ids(u->path, ids, 64);
	lt_unit *arr;
	int rc = 0;

	*items = NULL;
	*n = 0;
	if (k <= 1)
		return 0;
	arr = lt_arena_alloc(a, (k - 1) * sizeof(*arr));
	if (!arr)
		return lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	for (size_t i = 0; i + 1 < k && !rc; i++)
		rc = lt_unit_get(db, ids[i], a, &arr[i], e);
	if (rc)
		return rc;
	*items = arr;
	*n = k - 1;
	return 0;
}

int lt_unit_history(lt_db *db, int64_t id, const char *after_from, int64_t after_id, int max,
		    lt_arena *a, lt_unit_version **items, size_t *n, lt_error *e)
{
	lt_stmt *st = NULL;
	lt_unit_version *arr = NULL;
	size_t cnt = 0, cap = 0;
	int rc = lt_db_query(db,
			     "SELECT name, parent_id, path, valid_from, valid_to, change, id"
			     " FROM unit_version WHERE unit_id = $1"
			     " AND ($2 = 0 OR valid_from > $3 OR (valid_from = $3 AND id > $2))"
			     " ORDER BY valid_from, id LIMIT $4",
			     &st, e, LT_I(id), LT_I(after_id), LT_T(after_from ? after_from : ""),
			     LT_I(lt_store_limit(max)));

	*items = NULL;
	*n = 0;
	if (rc)
		return rc;
	while ((max <= 0 || cnt < (size_t)max) && (rc = lt_stmt_step(st, e)) == 1) {
		lt_unit_version *v;
		arr = lt_store_grow(a, arr, cnt, &cap, sizeof(*arr));
		if (!arr) {
			rc = lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
			break;
		}
		v = &arr[cnt++];
		v->name = lt_arena_strdup(a, lt_stmt_text(st, 0));
		v->parent_id = lt_stmt_is_null(st, 1) ? 0 : lt_stmt_int(st, 1);
		v->path = lt_arena_strdup(a, lt_stmt_text(st, 2));
		v->valid_from = lt_arena_strdup(a, lt_stmt_text(st, 3));
		v->valid_to = lt_arena_strdup(a, lt_stmt_text(st, 4));
		v->change = lt_arena_strdup(a, lt_stmt_text(st, 5));
		v->id = lt_stmt_int(st, 6);
	}
	lt_stmt_done(st);
	if (rc < 0)
		return rc;
	*items = arr;
	*n = cnt;
	return 0;
}

int lt_unit_subtree_asof(lt_db *db, int64_t root, const char *date, lt_arena *a, int64_t **ids,
			 size_t *n, lt_error *e)
{
	lt_stmt *st = NULL;
	char path[LT_PATH_MAX] = "", end[LT_PATH_MAX];
	int64_t *arr = NULL;
	size_t cnt = 0, cap = 0;
	int rc;

	*ids = NULL;
	*n = 0;
	if (lt_check_date("date", date, e))
		return LT_EINVAL;
	rc = lt_db_prepare(db,
			   "SELECT path FROM unit_version WHERE unit_id = $1 AND valid_from <= $2"
			   " AND (valid_to IS NULL OR valid_to > $2)",
			   &st, e);
	if (rc)
		return rc;
	lt_stmt_bind_int(st, 1, root);
	lt_stmt_bind_text(st, 2, date);
	rc = lt_stmt_step(st, e);
	if (rc == 1)
		snprintf(path, sizeof(path), "%s", lt_stmt_text(st, 0));
	lt_stmt_done(st);
	if (rc <= 0)
		return rc; /* did not exist then: empty subtree */
	lt_tree_path_end(path, end);
	rc = lt_db_prepare(db,
			   "SELECT unit_id FROM unit_version WHERE path >= $1 AND path < $2"
			   " AND valid_from <= $3 AND (valid_to IS NULL OR valid_to > $3)"
			   " ORDER BY path",
			   &st, e);
	if (rc)
		return rc;
	lt_stmt_bind_text(st, 1, path);
	lt_stmt_bind_text(st, 2, end);
	lt_stmt_bind_text(st, 3, date);
	while ((rc = lt_stmt_step(st, e)) == 1) {
		arr = lt_store_grow(a, arr, cnt, &cap, sizeof(*arr));
		if (!arr) {
			rc = lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
			break;
		}
		arr[cnt++] = lt_stmt_int(st, 0);
	}
	lt_stmt_done(st);
	if (rc < 0)
		return rc;
	*ids = arr;
	*n = cnt;
	return 0;
}

int lt_level_list(lt_db *db, lt_arena *a, lt_level **items, size_t *n, lt_error *e)
{
	lt_stmt *st = NULL;
	lt_level *arr = NULL;
	size_t cnt = 0, cap = 0;
	int rc = lt_db_prepare(db,
			       "SELECT code, name_vi, name_en, grassroots, sort FROM level ORDER BY sort",
			       &st, e);

	*items = NULL;
	*n = 0;
	if (rc)
		return rc;
	while ((rc = lt_stmt_step(st, e)) == 1) {
		lt_level *l;
		arr = lt_store_grow(a, arr, cnt, &cap, sizeof(*arr));
		if (!arr) {
			rc = lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
			break;
		}
		l = &arr[cnt++];
		l->code = lt_arena_strdup(a, lt_stmt_text(st, 0));
		l->name_vi = lt_arena_strdup(a, lt_stmt_text(st, 1));
		l->name_en = lt_arena_strdup(a, lt_stmt_text(st, 2));
		l->grassroots = lt_stmt_int(st, 3) != 0;
		l->rank = (int)lt_stmt_int(st, 4);
	}
	lt_stmt_done(st);
	if (rc < 0)
		return rc;
	*items = arr;
	*n = cnt;
	return 0;
}

/* Read one level row (code, name_vi, name_en, grassroots, sort) of st into out. */
static void read_level(lt_stmt *st, lt_arena *a, lt_level *out)
{
	out->code = lt_arena_strdup(a, lt_stmt_text(st, 0));
	out->name_vi = lt_arena_strdup(a, lt_stmt_text(st, 1));
	out->name_en = lt_arena_strdup(a, lt_stmt_text(st, 2));
	out->grassroots = lt_stmt_int(st, 3) != 0;
	out->rank = (int)lt_stmt_int(st, 4);
}

int lt_level_get(lt_db *db, const char *field, const char *code, lt_arena *a, lt_level *out,
		 lt_error *e)
{
	lt_stmt *st = NULL;
	int rc = lt_db_prepare(db,
			       "SELECT code, name_vi, name_en, grassroots, sort FROM level"
			       " WHERE code = $1",
			       &st, e);

	memset(out, 0, sizeof(*out));
	if (rc)
		return rc;
	lt_stmt_bind_text(st, 1, code);
	rc = lt_stmt_step(st, e);
	if (rc == 1)
		read_level(st, a, out);
	lt_stmt_done(st);
	if (rc == 0)
		return lt_error_set(e, LT_EINVAL, field, "Cấp không tồn tại: %s", "Unknown level: %s",
				    code ? code : "");
	if (rc < 0)
		return rc;
	return lt_arena_failed(a) ? lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory") : 0;
}

int lt_unit_top_level(lt_db *db, const char *path, bool strict, lt_arena *a, lt_level *out,
		      bool *found, lt_error *e)
{
	lt_stmt *st = NULL;
	char end[LT_PATH_MAX];
	int rc = lt_db_prepare(db,
			       "SELECT l.code, l.name_vi, l.name_en, l.grassroots, l.sort FROM unit u"
			       " JOIN level l ON l.code = u.level"
			       " WHERE u.path >= $1 AND u.path < $2 AND ($3 = 0 OR u.path != $1)"
			       " ORDER BY l.sort LIMIT 1",
			       &st, e);

	memset(out, 0, sizeof(*out));
	*found = false;
	if (rc)
		return rc;
	lt_tree_path_end(path, end);
	lt_stmt_bind_text(st, 1, path);
	lt_stmt_bind_text(st, 2, end);
	lt_stmt_bind_int(st, 3, strict);
	rc = lt_stmt_step(st, e);
	if (rc == 1) {
		read_level(st, a, out);
		*found = true;
	}
	lt_stmt_done(st);
	if (rc < 0)
		return rc;
	return lt_arena_failed(a) ? lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory") : 0;
}

int lt_store_path_ids(lt_db *db, int64_t unit, int64_t *ids, size_t cap, size_t *n, lt_error *e)
{
	lt_stmt *st = NULL;
	/* Locked against a move (lt_unit_move locks the subtree's rows) until the
	 * writer's transaction ends: the kept rows it moves along this path are
	 * either found by the move or made on the path the move made. */
	int rc = lt_db_row(db, "SELECT path FROM unit WHERE id = $1 FOR SHARE", &st, e,
			   LT_I(unit));

	*n = 0;
	if (rc == 1 && lt_stmt_text(st, 0))
		*n = lt_tree_path_ids(lt_stmt_text(st, 0), ids, cap);
	lt_stmt_done(st);
	return rc < 0 ? rc : 0;
}

int lt_store_move_rows(lt_db *db, int64_t unit, const char *old_path, const char *sql, size_t size,
		       lt_store_move_read_fn read, lt_store_move_apply_fn apply, lt_error *e)
{
	int64_t was[LT_MOVE_DEPTH], now[LT_MOVE_DEPTH];
	size_t nwas = lt_tree_path_ids(old_path, was, LT_MOVE_DEPTH), nnow = 0, c = 0, n = 0,
	       cap = 0;
	lt_store_move m = { .unit = unit };
	lt_stmt *st = NULL;
	char *v = NULL;
	lt_arena a;
	int rc = lt_store_path_ids(db, unit, now, LT_MOVE_DEPTH, &nnow, e);

	if (rc)
		return rc;
	/* Strict ancestors: every id of either path but the last (the unit). */
	nwas = nwas ? nwas - 1 : 0;
	nnow = nnow ? nnow - 1 : 0;
	while (c < nwas && c < nnow && was[c] == now[c])
		c++;
	m.nleave = nwas - c;
	m.njoin = nnow - c;
	memcpy(m.leave, was + c, m.nleave * sizeof(*was));
	memcpy(m.join, now + c, m.njoin * sizeof(*now));
	if (!m.nleave && !m.njoin)
		return 0;
	lt_arena_init(&a);
	rc = lt_db_query(db, sql, &st, e, LT_I(unit)); /* sql is a caller's literal */
	while (!rc && (rc = lt_stmt_step(st, e)) == 1) {
		v = lt_store_grow(&a, v, n, &cap, size);
		if (!v) {
			rc = lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
			break;
		}
		read(st, v + n++ * size);
		rc = 0;
	}
	lt_stmt_done(st);
	rc = rc < 0 ? rc : 0;
	for (size_t i = 0; !rc && i < n; i++)
		rc = apply(db, &m, v + i * size, e);
	lt_arena_free(&a);
	return rc;
}
