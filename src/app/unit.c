/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* unit.c — the union tree's use cases; see unit.h. */
#include "app/unit.h"
#include "core/page.h"

#include <assert.h>
#include <stdio.h>
#include <string.h>

#include "core/validate.h"

/* The field of e becomes field (a lookup's "id" is the caller's parent_id, into_id…). */
static int name_field(int rc, lt_error *e, const char *field)
{
	if (rc && e)
		snprintf(e->field, sizeof(e->field), "%s", field);
	return rc;
}

/* The role check, then the transaction of a change. */
static int begin_as(lt_db *db, const lt_actor *who, int role, lt_error *e)
{
	int rc = lt_actor_need_role(who, role, e);

	return rc ? rc : lt_db_begin(db, e);
}

int lt_app_unit_in_scope(lt_db *db, const lt_actor *who, int64_t id, lt_arena *a, lt_unit *u,
			 lt_error *e)
{
	int rc = lt_unit_get(db, id, a, u, e);

	if (rc)
		return rc;
	assert(who && u->path);
	if (!lt_actor_reads(who, u->path))
		return lt_error_set(e, LT_EFORBIDDEN, "id", "Đơn vị này nằm ngoài phạm vi của bạn",
				    "This unit is outside your part of the tree");
	return 0;
}

int lt_app_unit_fits_under(lt_db *db, const lt_unit *parent, const char *level,
			   const char *moving, bool strict, lt_error *e)
{
	lt_arena a;
	lt_level up, down;
	bool found = true;
	int rc;

	lt_arena_init(&a);
	rc = lt_level_get(db, "level", parent->level, &a, &up, e);
	if (!rc && moving)
		rc = lt_unit_top_level(db, moving, strict, &a, &down, &found, e);
	else if (!rc)
		rc = lt_level_get(db, "level", level, &a, &down, e);
	if (!rc && found && down.rank <= up.rank)
		rc = lt_error_set(e, LT_EINVAL, "level",
				  "Đơn vị cấp \"%s\" không thể nằm dưới %s (cấp \"%s\"): cấp dưới"
				  " phải thấp hơn cấp trên",
				  "A unit of level \"%s\" cannot sit under %s (level \"%s\"): a"
				  " child's level must be below its parent's",
				  down.code, parent->name, up.code);
	lt_arena_free(&a);
	return rc;
}

int lt_app_levels(lt_db *db, const lt_actor *who, lt_arena *a, lt_level **items, size_t *n,
		  lt_error *e)
{
	int rc = lt_actor_need_role(who, LT_ROLE_CADRE, e);

	*items = NULL;
	*n = 0;
	return rc ? rc : lt_level_list(db, a, items, n, e);
}

int lt_app_unit_list(lt_db *db, const lt_actor *who, const lt_unit_query *q, lt_arena *a,
		     lt_unit **items, size_t *n, lt_error *e)
{
	int rc = lt_actor_need_role(who, LT_ROLE_CADRE, e);

	*items = NULL;
	*n = 0;
	if (!rc && q->q && strlen(q->q) > 200)
		rc = lt_error_set(e, LT_EINVAL, "q", "Từ khoá quá dài", "Search text too long");
	return rc ? rc : lt_unit_list(db, q, a, items, n, e);
}

int lt_app_unit_get(lt_db *db, const lt_actor *who, int64_t id, lt_arena *a, lt_unit_page *out,
		    lt_error *e)
{
	lt_page pg = { .limit = LT_PAGE_DEFAULT };
	lt_unit_query q = { .limit = LT_PAGE_DEFAULT + 1 };
	int rc = lt_actor_need_role(who, LT_ROLE_CADRE, e);

	memset(out, 0, sizeof(*out));
	/* Outside the actor's subtree the page shows public fields only (unit_json.c). */
	if (!rc)
		rc = lt_unit_get(db, id, a, &out->unit, e);
	if (!rc)
		rc = lt_unit_ancestors(db, &out->unit, a, &out->ancestors, &out->nancestors, e);
	q.parent_id = out->unit.id;
	if (!rc)
		rc = lt_unit_list(db, &q, a, &out->children, &out->nchildren, e);
	/* The first page of children; the rest from /units?parent_id (same cursor, a path). */
	if (!rc)
		rc = lt_page_next(&pg, out->nchildren,
				  out->nchildren > (size_t)pg.limit ? out->children[pg.limit - 1].path
								    : NULL,
				  a, &out->children_next_cursor, e);
	if (!rc && out->nchildren > (size_t)pg.limit)
		out->nchildren = (size_t)pg.limit;
	return rc;
}

int lt_app_unit_create(lt_db *db, const lt_actor *who, const lt_unit_input *in, lt_arena *a,
		       lt_unit *out, lt_error *e)
{
	lt_unit parent;
	int64_t id = 0;
	int rc = begin_as(db, who, LT_ROLE_OFFICER, e);

	if (rc)
		return rc;
	if (in->parent_id) {
		rc = name_field(lt_unit_get(db, in->parent_id, a, &parent, e), e, "parent_id");
		if (!rc && !lt_actor_reads(who, parent.path))
			rc = lt_error_set(e, LT_EFORBIDDEN, "parent_id",
					  "Bạn chỉ được tạo đơn vị trong phạm vi của mình",
					  "You may only create units within your part of the tree");
		if (!rc)
			rc = lt_app_unit_fits_under(db, &parent, in->level, NULL, false, e);
	} else if (!lt_actor_reads(who, "/")) {
		rc = lt_error_set(e, LT_EFORBIDDEN, "parent_id",
				  "Chỉ quản trị tại máy chủ mới tạo được đơn vị gốc",
				  "Only the console may create a root unit");
	}
	/* The date a unit starts is named as the body names it. */
	if (!rc && in->active_from && *in->active_from)
		rc = lt_check_date("active_from", in->active_from, e);
	if (!rc)
		rc = lt_unit_create(db, in, lt_actor_audit_id(who), &id, e);
	if (!rc)
		rc = lt_unit_get(db, id, a, out, e);
	return lt_db_end(db, rc, e);
}

int lt_app_unit_update(lt_db *db, const lt_actor *who, int64_t id, const lt_unit_edit *in,
		       lt_arena *a, lt_unit *out, lt_error *e)
{
	lt_unit u;
	int rc = begin_as(db, who, LT_ROLE_CADRE, e);

	if (rc)
		return rc;
	rc = lt_unit_get(db, id, a, &u, e);
	/* Cadres keep their own unit's contact and member count; renaming is an officer's act. */
	if (!rc && (!lt_actor_edits(who, u.path) ||
		    (in->name && !lt_actor_at_least(who, LT_ROLE_OFFICER))))
		rc = lt_error_set(e, LT_EFORBIDDEN, "id", "Bạn không được sửa đơn vị này",
				  "You may not edit this unit");
	if (!rc)
		rc = lt_unit_update(db, u.id, in->name, in->email, in->members, in->date,
				    lt_actor_audit_id(who), e);
	if (!rc)
		rc = lt_unit_get(db, u.id, a, out, e);
	return lt_db_end(db, rc, e);
}

/* Unit id, which who may restructure: a unit strictly below its own. */
static int structural_target(lt_db *db, const lt_actor *who, int64_t id, lt_arena *a, lt_unit *u,
			     lt_error *e)
{
	int rc = lt_unit_get(db, id, a, u, e);

	if (!rc && !lt_actor_oversees(who, u->path))
		rc = lt_error_set(e, LT_EFORBIDDEN, "id",
				  "Bạn chỉ được thay đổi các đơn vị cấp dưới trong phạm vi của mình",
				  "You may only restructure units below your own");
	return rc;
}

/* The unit a structure change leads to (named by field, in *t), in who's subtree. */
static int destination(lt_db *db, const lt_actor *who, int64_t id, const char *field, lt_arena *a,
		       lt_unit *t, lt_error *e)
{
	int rc = name_field(lt_unit_get(db, id, a, t, e), e, field);

	if (!rc && !lt_actor_reads(who, t->path))
		rc = lt_error_set(e, LT_EFORBIDDEN, field, "Đơn vị đích nằm ngoài phạm vi của bạn",
				  "The target unit is outside your part of the tree");
	return rc;
}

enum structure_op { OP_MOVE, OP_MERGE, OP_CLOSE };

/* Move, merge and close share their checks and their shape. */
static int restructure(lt_db *db, const lt_actor *who, enum structure_op op, int64_t id,
		       int64_t target, const char *date, lt_arena *a, lt_unit *out, lt_error *e)
{
	int64_t actor = lt_actor_audit_id(who);
	lt_unit u, to;
	int rc = begin_as(db, who, LT_ROLE_OFFICER, e);

	if (rc)
		return rc;
	assert(op == OP_MOVE || op == OP_MERGE || op == OP_CLOSE);
	rc = structural_target(db, who, id, a, &u, e);
	if (!rc && op != OP_CLOSE)
		rc = destination(db, who, target, op == OP_MOVE ? "parent_id" : "into_id", a, &to, e);
	/* What moves (the unit and its subtree; a merge's units) must fit under the target. */
	if (!rc && op != OP_CLOSE)
		rc = lt_app_unit_fits_under(db, &to, NULL, u.path, op == OP_MERGE, e);
	if (!rc)
		rc = op == OP_MOVE    ? lt_unit_move(db, id, target, date, actor, e)
		     : op == OP_MERGE ? lt_unit_merge(db, id, target, date, actor, e)
				      : lt_unit_close(db, id, date, actor, e);
	if (!rc)
		rc = lt_unit_get(db, id, a, out, e);
	return lt_db_end(db, rc, e);
}

int lt_app_unit_move(lt_db *db, const lt_actor *who, int64_t id, int64_t parent, const char *date,
		     lt_arena *a, lt_unit *out, lt_error *e)
{
	return restructure(db, who, OP_MOVE, id, parent, date, a, out, e);
}

int lt_app_unit_merge(lt_db *db, const lt_actor *who, int64_t id, int64_t into, const char *date,
		      lt_arena *a, lt_unit *out, lt_error *e)
{
	return restructure(db, who, OP_MERGE, id, into, date, a, out, e);
}

int lt_app_unit_close(lt_db *db, const lt_actor *who, int64_t id, const char *date, lt_arena *a,
		      lt_unit *out, lt_error *e)
{
	return restructure(db, who, OP_CLOSE, id, 0, date, a, out, e);
}

int lt_app_unit_history(lt_db *db, const lt_actor *who, int64_t id, const lt_page *pg,
			lt_arena *a, lt_unit_version **items, size_t *n, lt_error *e)
{
	const char *from = NULL;
	int64_t after = 0;
	lt_unit u;
	int rc = lt_actor_need_role(who, LT_ROLE_CADRE, e);

	*items = NULL;
	*n = 0;
	if (!rc)
		rc = lt_app_unit_in_scope(db, who, id, a, &u, e);
	if (!rc && pg && pg->after)
		rc = lt_page_key_id(pg->after, a, &from, &after, e);
	return rc ? rc
		  : lt_unit_history(db, u.id, from, after, pg ? pg->limit + 1 : 0, a, items, n, e);
}
