/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * unit.c — the union tree; see unit.h.
 *
 * Subtree writes are set-based over the materialised path range
 * [path, lt_tree_path_end(path)), never a walk row by row.
 */
#include "store/unit.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/tree.h"
#include "core/validate.h"
#include "store/audit.h"
#include "store/rollup.h"
#include "store/store.h"
#include "store/unit_int.h"
#include "text/fold.h"

void lt_unit_read_row(lt_stmt *st, lt_arena *a, lt_unit *u)
{
	memset(u, 0, sizeof(*u));
	u->id = lt_stmt_int(st, 0);
	u->code = lt_arena_strdup(a, lt_stmt_text(st, 1));
	u->name = lt_arena_strdup(a, lt_stmt_text(st, 2));
	u->level = lt_arena_strdup(a, lt_stmt_text(st, 3));
	u->parent_id = lt_stmt_is_null(st, 4) ? 0 : lt_stmt_int(st, 4);
	u->path = lt_arena_strdup(a, lt_stmt_text(st, 5));
	u->email = lt_arena_strdup(a, lt_stmt_text(st, 6));
	u->members = lt_stmt_int(st, 7);
	u->active_from = lt_arena_strdup(a, lt_stmt_text(st, 8));
	u->active_to = lt_arena_strdup(a, lt_stmt_text(st, 9));
	u->merged_into = lt_stmt_is_null(st, 10) ? 0 : lt_stmt_int(st, 10);
	u->child_count = lt_stmt_int(st, 11);
}

static int not_found(lt_error *e, const char *field, const char *what)
{
	return lt_error_set(e, LT_ENOTFOUND, field, "Không tìm thấy đơn vị %s",
			    "No such unit: %s", what);
}

int lt_unit_get(lt_db *db, int64_t id, lt_arena *a, lt_unit *out, lt_error *e)
{
	lt_stmt *st;
	char idbuf[24];
	int rc = lt_db_row(db, "SELECT " UNIT_COLS " FROM unit u WHERE u.id = $1", &st, e, LT_I(id));

	if (rc == 1)
		lt_unit_read_row(st, a, out);
	lt_stmt_done(st);
	if (rc == 0) {
		snprintf(idbuf, sizeof(idbuf), "#%" PRId64, id);
		return not_found(e, "id", idbuf);
	}
	return rc < 0 ? rc : 0;
}

int lt_unit_get_by_code(lt_db *db, const char *code, lt_arena *a, lt_unit *out, lt_error *e)
{
	lt_stmt *st;
	int rc = lt_db_row(db, "SELECT " UNIT_COLS " FROM unit u WHERE u.code = $1", &st, e,
			   LT_T(code));

	if (rc == 1)
		lt_unit_read_row(st, a, out);
	lt_stmt_done(st);
	if (rc == 0)
		return not_found(e, "code", code);
	return rc < 0 ? rc : 0;
}

int lt_level_check(lt_db *db, const char *field, const char *level, lt_error *e)
{
	int64_t one;
	int rc = lt_db_int(db, "SELECT 1 FROM level WHERE code = $1", &one, e, LT_T(level));

	if (rc == 0)
		return lt_error_set(e, LT_EINVAL, field, "Cấp không tồn tại: %s",
				    "Unknown level: %s", level ? level : "");
	return rc < 0 ? rc : 0;
}

/* The date an operation takes effect: given (validated) or today. */
static int effective_date(const char *date, char out[11], lt_error *e)
{
	if (!date || !*date) {
		lt_today(out);
		return 0;
	}
	if (lt_check_date("date", date, e))
		return LT_EINVAL;
	memcpy(out, date, 11);
	return 0;
}

static int audit_unit(lt_db *db, int64_t actor, const char *action, int64_t id,
		      const char *fmt, int64_t arg, const char *date, lt_error *e)
{
	char detail[160];

	snprintf(detail, sizeof(detail), fmt, arg, date);
	return lt_audit(db, actor, action, "unit", id, detail, e);
}

/*
 * Start a new version of one unit from date with the given name, parent and
 * path; a version that began the same day is changed in place.
 */
static int new_version(lt_db *db, int64_t id, const char *name, int64_t parent,
		       const char *path, const char *date, const char *change, int64_t actor,
		       lt_error *e)
{
	lt_stmt *st;
	int rc;
	char from[11] = "";

	rc = lt_db_row(db, "SELECT valid_from FROM unit_version WHERE unit_id = $1 AND valid_to IS NULL",
		       &st, e, LT_I(id));
	if (rc == 1)
		snprintf(from, sizeof(from), "%s", lt_stmt_text(st, 0));
	lt_stmt_done(st);
	if (rc < 0)
		return rc;
	if (from[0] && strcmp(date, from) < 0)
		return lt_error_set(e, LT_ECONFLICT, "date",
				    "Đơn vị đã có thay đổi từ %s; không thể ghi lùi về %s",
				    "The unit already changed on %s; cannot go back to %s", from,
				    date);
	if (from[0] && !strcmp(date, from))
		return lt_db_run(db,
				 "UPDATE unit_version SET name = $2, parent_id = $3, path = $4,"
				 " change = $5 WHERE unit_id = $1 AND valid_to IS NULL",
				 e, LT_I(id), LT_T(name), LT_ID(parent), LT_T(path), LT_T(change));
	rc = lt_db_run(db,
		       "UPDATE unit_version SET valid_to = $2 WHERE unit_id = $1 AND valid_to IS NULL",
		       e, LT_I(id), LT_T(date));
	if (rc)
		return rc;
	return lt_db_run(db,
			 "INSERT INTO unit_version(unit_id, name, parent_id, path, change,"
			 " valid_from, changed_by, changed_at) VALUES ($1, $2, $3, $4, $5,"
			 " $6, $7, $8)",
			 e, LT_I(id), LT_T(name), LT_ID(parent), LT_T(path), LT_T(change), LT_T(date),
			 LT_ID(actor), LT_I(lt_now()));
}

int lt_unit_create(lt_db *db, const lt_unit_input *in, int64_t actor, int64_t *id_out,
		   lt_error *e)
{
	lt_arena a;
	lt_unit parent;
	char *fold = NULL;
	char date[11], path[LT_PATH_MAX];
	int64_t id = 0;
	int rc;

	lt_arena_init(&a);
	rc = lt_check_code("code", in->code, e);
	if (!rc)
		rc = lt_check_text("name", in->name, 200, e);
	if (!rc)
		rc = lt_check_email("email", in->email, e);
	if (!rc && in->members < 0)
		rc = lt_error_set(e, LT_EINVAL, "members", "Số đoàn viên không được âm",
				  "Member count must not be negative");
	if (!rc)
		rc = effective_date(in->active_from, date, e);
	if (rc)
		goto out;
	fold = lt_text_fold(in->name, strlen(in->name));
	if (!fold) {
		rc = lt_error_set(e, LT_EINVAL, "name", "Tên không phải UTF-8 hợp lệ",
				  "Name is not valid UTF-8");
		goto out;
	}
	rc = lt_db_begin(db, e);
	if (rc)
		goto out;
	rc = lt_level_check(db, "level", in->level, e);
	if (rc)
		goto fail;
	if (in->parent_id) {
		rc = lt_unit_get(db, in->parent_id, &a, &parent, e);
		if (rc) {
			if (e)
				snprintf(e->field, sizeof(e->field), "parent_id");
			goto fail;
		}
		if (parent.active_to) {
			rc = lt_error_set(e, LT_ECONFLICT, "parent_id",
					  "Đơn vị cấp trên %s đã giải thể",
					  "Parent unit %s is closed",
					  parent.name);
			goto fail;
		}
	}
	rc = lt_db_int(db,
		       "INSERT INTO unit(code, name, name_fold, level, parent_id, path, email,"
		       " members, active_from, created_at, updated_at)"
		       " VALUES ($1, $2, $3, $4, $5, '', $6, $7, $8, $9, $9) RETURNING id",
		       &id, e, LT_T(in->code), LT_T(in->name), LT_T(fold), LT_T(in->level),
		       LT_ID(in->parent_id), LT_OT(in->email), LT_I(in->members), LT_T(date),
		       LT_I(lt_now()));
	if (rc == LT_EEXIST) {
		lt_error_set(e, LT_EEXIST, "code", "Mã đơn vị %s đã được dùng",
			     "Unit code %s is already used", in->code);
		goto fail;
	}
	if (rc < 0)
		goto fail;
	rc = lt_tree_path_child(in->parent_id ? parent.path : NULL, id, path);
	if (rc) {
		lt_error_set(e, rc, "parent", "Cây quá sâu", "The tree is too deep");
		goto fail;
	}
	rc = lt_db_run(db, "UPDATE unit SET path = $2 WHERE id = $1", e, LT_I(id), LT_T(path));
	if (!rc)
		rc = new_version(db, id, in->name, in->parent_id, path, date, "create", actor, e);
	if (!rc)
		rc = audit_unit(db, actor, "create", id, "{\"parent_id\":%" PRId64 ",\"date\":\"%s\"}",
				in->parent_id, date, e);
fail:
	rc = lt_db_end(db, rc, e);
	if (!rc && id_out)
		*id_out = id;
out:
	free(fold);
	lt_arena_free(&a);
	return rc;
}

int lt_unit_update(lt_db *db, int64_t id, const char *name, const char *email, int64_t members,
		   const char *date_in, int64_t actor, lt_error *e)
{
	lt_arena a;
	lt_unit u;
	char *fold = NULL;
	char date[11];
	int rc;

	lt_arena_init(&a);
	rc = effective_date(date_in, date, e);
	if (!rc && name)
		rc = lt_check_text("name", name, 200, e);
	if (!rc && email)
		rc = lt_check_email("email", email, e);
	if (rc)
		goto out;
	if (name) {
		fold = lt_text_fold(name, strlen(name));
		if (!fold) {
			rc = lt_error_set(e, LT_EINVAL, "name", "Tên không phải UTF-8 hợp lệ",
					  "Name is not valid UTF-8");
			goto out;
		}
	}
	rc = lt_db_begin(db, e);
	if (rc)
		goto out;
	rc = lt_unit_get(db, id, &a, &u, e);
	if (rc)
		goto fail;
	if (u.active_to) {
		rc = lt_error_set(e, LT_ECONFLICT, "id", "Đơn vị %s đã giải thể",
				  "Unit %s is closed", u.name);
		goto fail;
	}
	rc = lt_db_run(db,
		       "UPDATE unit SET name = COALESCE($2, name),"
		       " name_fold = COALESCE($3, name_fold),"
		       " email = CASE WHEN $4 IS NULL THEN email WHEN $4 = '' THEN NULL ELSE $4 END,"
		       " members = CASE WHEN $5 < 0 THEN members ELSE $5 END, updated_at = $6"
		       " WHERE id = $1",
		       e, LT_I(id), LT_T(name), LT_T(fold), LT_T(email), LT_I(members),
		       LT_I(lt_now()));
	if (!rc && name && strcmp(name, u.name))
		rc = new_version(db, id, name, u.parent_id, u.path, date, "rename", actor, e);
	if (!rc)
		rc = audit_unit(db, actor, "update", id, "{\"members\":%" PRId64 ",\"date\":\"%s\"}",
				members, date, e);
fail:
	rc = lt_db_end(db, rc, e);
out:
	free(fold);
	lt_arena_free(&a);
	return rc;
}

/*
 * $1..$6 of the path-rewriting statements below: the old subtree range
 * [$1, $2), the new prefix $3 replacing the first $4 - 1 characters, and
 * the moved unit $5 getting parent $6.
 */
#define REWRITE_ARGS                                                                      \
	LT_T(old_path), LT_T(end), LT_T(new_path), LT_I((int64_t)strlen(old_path) + 1),   \
		LT_I(id), LT_I(new_parent)

/*
 * Rewrite the paths of the subtree at old_path to new_path from date on:
 * versions that began on date are changed in place, the others are closed
 * and copied. Three set-based statements over the path range.
 */
static int move_paths(lt_db *db, int64_t id, int64_t new_parent, const char *old_path,
		      const char *new_path, const char *date, int64_t actor, lt_error *e)
{
	char end[LT_PATH_MAX], last[11] = "";
	lt_stmt *st;
	int rc;

	lt_tree_path_end(old_path, end);
	/* Refuse to rewrite history: no member may have changed after date. */
	rc = lt_db_row(db,
		       "SELECT max(valid_from) FROM unit_version WHERE path >= $1 AND path < $2"
		       " AND valid_to IS NULL",
		       &st, e, LT_T(old_path), LT_T(end));
	if (rc == 1 && lt_stmt_text(st, 0))
		snprintf(last, sizeof(last), "%s", lt_stmt_text(st, 0));
	lt_stmt_done(st);
	if (rc < 0)
		return rc;
	if (last[0] && strcmp(date, last) < 0)
		return lt_error_set(e, LT_ECONFLICT, "date",
				    "Cây con đã có thay đổi từ %s; không thể chuyển từ %s",
				    "The subtree already changed on %s; cannot move it from %s",
				    last, date);

	rc = lt_db_run(db,
		       "UPDATE unit_version SET path = $3 || substr(path, $4),"
		       " parent_id = CASE WHEN unit_id = $5 THEN $6 ELSE parent_id END,"
		       " change = CASE WHEN unit_id = $5 THEN 'move' ELSE change END"
		       " WHERE path >= $1 AND path < $2 AND valid_to IS NULL AND valid_from = $7",
		       e, REWRITE_ARGS, LT_T(date));
	if (!rc)
		rc = lt_db_run(db,
			       "INSERT INTO unit_version(unit_id, name, parent_id, path, valid_from,"
			       " change, changed_by, changed_at)"
			       " SELECT unit_id, name, CASE WHEN unit_id = $5 THEN $6 ELSE parent_id END,"
			       " $3 || substr(path, $4), $7, 'move', $8, $9 FROM unit_version"
			       " WHERE path >= $1 AND path < $2 AND valid_to IS NULL AND valid_from < $7",
			       e, REWRITE_ARGS, LT_T(date), LT_ID(actor), LT_I(lt_now()));
	if (!rc)
		rc = lt_db_run(db,
			       "UPDATE unit_version SET valid_to = $3 WHERE path >= $1 AND path < $2"
			       " AND valid_to IS NULL AND valid_from < $3",
			       e, LT_T(old_path), LT_T(end), LT_T(date));
	if (!rc)
		rc = lt_db_run(db,
			       "UPDATE unit SET path = $3 || substr(path, $4),"
			       " parent_id = CASE WHEN id = $5 THEN $6 ELSE parent_id END, updated_at = $7"
			       " WHERE path >= $1 AND path < $2",
			       e, REWRITE_ARGS, LT_I(lt_now()));
	return rc;
}

/*
 * The subtree's unit rows, locked until the move commits (PostgreSQL), after
 * the upkeep locks (lt_rollup_mark_tree), as the writes take them: a write
 * of kept rows reads its unit's path FOR SHARE (lt_store_path_ids), so it
 * either ends before the move reads what the subtree holds, or waits and
 * reads the new path. NO KEY UPDATE, as the path's UPDATE takes: the key
 * share a foreign key's check takes (a new report, figure or item of a unit
 * in the subtree) does not wait for it.
 */
static int lock_subtree(lt_db *db, const char *path, lt_error *e)
{
	char end[LT_PATH_MAX];
	lt_stmt *st = NULL;
	int rc;

	lt_tree_path_end(path, end);
	rc = lt_db_query(db,
			 "SELECT id FROM unit WHERE path >= $1 AND path < $2 ORDER BY path"
			 " FOR NO KEY UPDATE",
			 &st, e, LT_T(path), LT_T(end));
	while (!rc && (rc = lt_stmt_step(st, e)) == 1)
		rc = 0;
	lt_stmt_done(st);
	return rc < 0 ? rc : 0;
}

/* Checks shared by move and merge, then the move itself (inside a transaction). */
static int move_one(lt_db *db, lt_arena *a, int64_t id, int64_t new_parent, const char *date,
		    int64_t actor, lt_error *e)
{
	lt_unit u, p;
	char new_path[LT_PATH_MAX];
	int rc;

	rc = lt_unit_get(db, id, a, &u, e);
	if (!rc)
		rc = lt_unit_get(db, new_parent, a, &p, e);
	if (rc)
		return rc;
	if (u.active_to || p.active_to)
		return lt_error_set(e, LT_ECONFLICT, "parent_id",
				    "Không thể chuyển: đơn vị đã giải thể",
				    "Cannot move: a unit involved is closed");
	if (lt_tree_check_move(u.path, p.path))
		return lt_error_set(e, LT_EINVAL, "parent_id",
				    "Không thể chuyển %s vào chính nó hoặc đơn vị cấp dưới của nó",
				    "Cannot move %s under itself or one of its own units", u.name);
	if (u.parent_id == new_parent)
		return 0;
	rc = lt_tree_path_child(p.path, id, new_path);
	if (rc)
		return lt_error_set(e, rc, "parent_id", "Cây quá sâu", "The tree is too deep");
	{
		/* The roll-ups whose day the move reaches follow the subtree to its new parent. */
		lt_rollup_tree_mark t;
		rc = lt_rollup_mark_tree(db, id, date, &t, e);
		if (!rc)
			rc = lock_subtree(db, u.path, e);
		if (!rc)
			rc = move_paths(db, id, new_parent, u.path, new_path, date, actor, e);
		if (!rc)
			rc = lt_rollup_keep_tree(db, &t, e);
		else
			lt_rollup_tree_mark_free(&t);
	}
	if (!rc)
		rc = audit_unit(db, actor, "move", id, "{\"parent_id\":%" PRId64 ",\"date\":\"%s\"}",
				new_parent, date, e);
	return rc;
}

int lt_unit_move(lt_db *db, int64_t id, int64_t new_parent, const char *date_in, int64_t actor,
		 lt_error *e)
{
	lt_arena a;
	char date[11];
	int rc;

	lt_arena_init(&a);
	rc = effective_date(date_in, date, e);
	if (!rc)
		rc = lt_db_begin(db, e);
	if (rc)
		goto out;
	rc = move_one(db, &a, id, new_parent, date, actor, e);
	rc = lt_db_end(db, rc, e);
out:
	lt_arena_free(&a);
	return rc;
}

/* Close one unit from date: the unit row and its current version. */
static int close_one(lt_db *db, const lt_unit *u, int64_t merged_into, const char *date,
		     lt_error *e)
{
	lt_rollup_tree_mark t;
	int rc;

	if (strcmp(date, u->active_from) <= 0)
		return lt_error_set(e, LT_EINVAL, "date",
				    "Ngày giải thể phải sau ngày thành lập (%s)",
				    "The closing date must be after the unit's start (%s)",
				    u->active_from);
	rc = lt_rollup_mark_tree(db, u->id, date, &t, e);
	if (!rc)
		rc = lt_db_run(db,
			       "UPDATE unit SET active_to = $2, merged_into = $3, updated_at = $4"
			       " WHERE id = $1",
			       e, LT_I(u->id), LT_T(date), LT_ID(merged_into), LT_I(lt_now()));
	if (!rc)
		rc = lt_db_run(db,
			       "UPDATE unit_version SET valid_to = $2 WHERE unit_id = $1 AND valid_to IS NULL",
			       e, LT_I(u->id), LT_T(date));
	/* The roll-ups whose day is on or after the closing no longer count the unit. */
	if (!rc)
		return lt_rollup_keep_tree(db, &t, e);
	lt_rollup_tree_mark_free(&t);
	return rc;
}

int lt_unit_close(lt_db *db, int64_t id, const char *date_in, int64_t actor, lt_error *e)
{
	lt_arena a;
	lt_unit u;
	char date[11];
	int rc;

	lt_arena_init(&a);
	rc = effective_date(date_in, date, e);
	if (!rc)
		rc = lt_db_begin(db, e);
	if (rc)
		goto out;
	rc = lt_unit_get(db, id, &a, &u, e);
	if (rc)
		goto fail;
	if (u.active_to) {
		rc = lt_error_set(e, LT_ECONFLICT, "id", "Đơn vị %s đã giải thể từ %s",
				  "Unit %s is already closed since %s", u.name, u.active_to);
		goto fail;
	}
	if (u.child_count > 0) {
		rc = lt_error_set(e, LT_ECONFLICT, "id",
				  "Đơn vị %s còn %" PRId64 " đơn vị trực thuộc: hãy chuyển hoặc"
				  " giải thể chúng trước",
				  "Unit %s still has %" PRId64 " active units under it: move or close"
				  " them first",
				  u.name, u.child_count);
		goto fail;
	}
	rc = close_one(db, &u, 0, date, e);
	if (!rc)
		rc = audit_unit(db, actor, "close", id, "{\"merged_into\":%" PRId64 ",\"date\":\"%s\"}",
				(int64_t)0, date, e);
fail:
	rc = lt_db_end(db, rc, e);
out:
	lt_arena_free(&a);
	return rc;
}

int lt_unit_merge(lt_db *db, int64_t id, int64_t into, const char *date_in, int64_t actor,
		  lt_error *e)
{
	lt_arena a;
	lt_unit u, v;
	lt_unit_query q = { 0 };
	lt_unit *kids = NULL;
	size_t nkids = 0;
	char date[11];
	int rc;

	lt_arena_init(&a);
	rc = effective_date(date_in, date, e);
	if (!rc && id == into)
		rc = lt_error_set(e, LT_EINVAL, "into_id", "Không thể sáp nhập đơn vị vào chính nó",
				  "Cannot merge a unit into itself");
	if (!rc)
		rc = lt_db_begin(db, e);
	if (rc)
		goto out;
	rc = lt_unit_get(db, id, &a, &u, e);
	if (!rc)
		rc = lt_unit_get(db, into, &a, &v, e);
	if (rc)
		goto fail;
	if (u.active_to || v.active_to) {
		rc = lt_error_set(e, LT_ECONFLICT, "into_id", "Không thể sáp nhập: đơn vị đã giải thể",
				  "Cannot merge: a unit involved is closed");
		goto fail;
	}
	if (lt_tree_path_under(v.path, u.path)) {
		rc = lt_error_set(e, LT_EINVAL, "into_id",
				  "Không thể sáp nhập %s vào đơn vị cấp dưới của nó",
				  "Cannot merge %s into one of its own units", u.name);
		goto fail;
	}
	q.parent_id = id;
	q.limit = 1000;
	rc = lt_unit_list(db, &q, &a, &kids, &nkids, e);
	for (size_t i = 0; !rc && i < nkids; i++)
		rc = move_one(db, &a, kids[i].id, into, date, actor, e);
	if (!rc)
		rc = close_one(db, &u, into, date, e);
	if (!rc)
		rc = audit_unit(db, actor, "merge", id, "{\"into_id\":%" PRId64 ",\"date\":\"%s\"}",
				into, date, e);
fail:
	rc = lt_db_end(db, rc, e);
out:
	lt_arena_free(&a);
	return rc;
}

int lt_unit_count_under(lt_db *db, const char *path, int max, int64_t *n, lt_error *e)
{
	lt_stmt *st = NULL;
	char end[LT_PATH_MAX];
	int rc = lt_db_prepare(db,
			       "SELECT count(*) FROM (SELECT 1 FROM unit WHERE path >= $1"
			       " AND path < $2 LIMIT $3) x",
			       &st, e);

	*n = 0;
	if (rc)
		return rc;
	lt_tree_path_end(path, end);
	lt_stmt_bind_text(st, 1, path);
	lt_stmt_bind_text(st, 2, end);
	lt_stmt_bind_int(st, 3, (int64_t)max + 1);
	rc = lt_stmt_step(st, e);
	if (rc == 1)
		*n = lt_stmt_int(st, 0);
	lt_stmt_done(st);
	return rc < 0 ? rc : 0;
}
