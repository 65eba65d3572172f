/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* activity_access.c — the activity feature's access decisions; see activity_access.h. */
#include "app/activity_access.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "app/directive.h"
#include "store/activity.h"
#include "store/directive.h"
#include "store/unit.h"

int lt_app_act_nomem(lt_error *e)
{
	return lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
}

int lt_app_act_directive(lt_db *db, const lt_actor *who, int64_t id, lt_error *e)
{
	lt_directive_meta m;
	lt_arena a;
	int acc = LT_DIR_NONE;
	int rc = lt_actor_need_role(who, LT_ROLE_CADRE, e);

	if (rc)
		return rc;
	lt_arena_init(&a);
	rc = lt_directive_get(db, id, &a, &m, NULL, e);
	if (rc == LT_ENOTFOUND)
		snprintf(e->field, sizeof(e->field), "directive_id");
	if (!rc)
		rc = lt_app_directive_access(db, who, &m, &acc, e);
	if (!rc && acc == LT_DIR_NONE)
		rc = lt_error_set(e, LT_ENOTFOUND, "directive_id", "Không có công văn #%" PRId64,
				  "No directive #%" PRId64, id);
	lt_arena_free(&a);
	return rc;
}

bool lt_app_act_may_write(const lt_actor *who, int64_t unit_id, const char *path)
{
	return lt_actor_is_unit(who, unit_id) ||
	       (lt_actor_at_least(who, LT_ROLE_ADMIN) && lt_actor_reads(who, path));
}

/* The unit the operator (or the system) must name: it has no unit of its own. */
static int name_the_unit(lt_error *e)
{
	return lt_error_set(e, LT_EINVAL, "unit_id", "Cần chọn đơn vị (--unit MÃ)",
			    "Name the unit (--unit CODE)");
}

/* Load unit_id's path into *path (in a); LT_ENOTFOUND names "unit_id". */
static int unit_path(lt_db *db, int64_t unit_id, lt_arena *a, const char **path, lt_error *e)
{
	lt_unit u;
	int rc = lt_unit_get(db, unit_id, a, &u, e);

	if (rc == LT_ENOTFOUND)
		snprintf(e->field, sizeof(e->field), "unit_id");
	*path = rc ? NULL : u.path;
	return rc;
}

/*
 * The unit a write (write) or a read is for: unit_id, or (0) the actor's own.
 * A write needs the unit to be the actor's (an admin's subtree); a read, to
 * lie in the actor's subtree.
 */
static int unit_for(lt_db *db, const lt_actor *who, int64_t unit_id, bool write, int64_t *out,
		    lt_error *e)
{
	const char *path = NULL;
	lt_arena a;
	int rc = lt_actor_need_role(who, LT_ROLE_CADRE, e);

	if (rc)
		return rc;
	if (!unit_id || (who->kind == LT_ACTOR_USER && unit_id == who->unit_id)) {
		if (who->kind != LT_ACTOR_USER)
			return name_the_unit(e);
		*out = who->unit_id;
		return 0;
	}
	lt_arena_init(&a);
	rc = unit_path(db, unit_id, &a, &path, e);
	if (!rc && write && !lt_app_act_may_write(who, unit_id, path))
		rc = lt_error_set(e, LT_EFORBIDDEN, "unit_id", "Bạn chỉ ghi nhận được cho đơn vị của mình",
				  "You can only record for your own unit");
	if (!rc && !write)
		rc = lt_actor_need_read(who, path, "unit_id", e);
	lt_arena_free(&a);
	if (!rc)
		*out = unit_id;
	return rc;
}

int lt_app_act_write_unit(lt_db *db, const lt_actor *who, int64_t unit_id, int64_t *out,
			  lt_error *e)
{
	return unit_for(db, who, unit_id, true, out, e);
}

int lt_app_act_read_unit(lt_db *db, const lt_actor *who, int64_t unit_id, int64_t *out,
			 lt_error *e)
{
	return unit_for(db, who, unit_id, false, out, e);
}

int lt_app_act_writer(lt_db *db, const lt_actor *who, int64_t directive_id, int64_t unit_id,
		      int64_t *out, lt_error *e)
{
	int rc = lt_app_act_directive(db, who, directive_id, e);

	return rc ? rc : unit_for(db, who, unit_id, true, out, e);
}

int lt_app_act_within(lt_db *db, const lt_actor *who, int64_t unit_id, lt_arena *a,
		      const char **within, lt_error *e)
{
	const char *path = NULL;
	int rc = lt_actor_need_role(who, LT_ROLE_CADRE, e);

	*within = who->unit_path;
	if (rc || !unit_id)
		return rc;
	rc = unit_path(db, unit_id, a, &path, e);
	if (!rc)
		rc = lt_actor_need_read(who, path, "unit_id", e);
	if (!rc)
		*within = path;
	return rc;
}

int lt_app_act_locked(lt_db *db, int64_t directive_id, int64_t unit_id, bool *locked,
		      bool *waiting, lt_error *e)
{
	lt_activity_scope s;
	int rc = lt_activity_scope_of(db, directive_id, unit_id, &s, e);

	*locked = !rc && s.locked;
	if (waiting)
		*waiting = *locked && !strcmp(s.report, "submitted");
	return rc;
}

/* Whether the unit whose scope s is may record for the directive, and if not why. */
static LT_MUST_CHECK int scope_verdict(const lt_activity_scope *s, int64_t directive_id, int64_t unit_id,
			 lt_error *e)
{
	if (!s->found)
		return lt_error_set(e, LT_ENOTFOUND, "directive_id", "Không có công văn #%" PRId64,
				    "No directive #%" PRId64, directive_id);
	if (!s->issued)
		return lt_error_set(e, LT_ECONFLICT, "directive_id",
				    "Công văn chưa ban hành: chưa ghi nhận hoạt động được",
				    "The directive is not issued yet: nothing can be recorded for it");
	if (!s->issuer && !s->recipient)
		return lt_error_set(e, LT_EFORBIDDEN, "unit_id",
				    "Đơn vị #%" PRId64 " không nhận công văn này",
				    "Unit #%" PRId64 " is not a recipient of this directive", unit_id);
	/* Submitted and waiting for review is not accepted: say which (issue 12, defect 7). */
	if (s->locked && !strcmp(s->report, "submitted"))
		return lt_error_set(e, LT_ECONFLICT, "directive_id",
				    "Báo cáo của đơn vị cho công văn này đã nộp, đang chờ duyệt: muốn"
				    " sửa, hãy mở lại báo cáo",
				    "The unit's report for this directive is submitted and waiting for"
				    " review: reopen it to change its records");
	if (s->locked)
		return lt_error_set(e, LT_ECONFLICT, "directive_id",
				    "Báo cáo của đơn vị cho công văn này đã được duyệt: không sửa được nữa",
				    "The unit's report for this directive is accepted: its records are locked");
	return 0;
}

int lt_app_act_scope(lt_db *db, int64_t directive_id, int64_t unit_id, lt_error *e)
{
	lt_activity_scope s;
	int rc = lt_activity_scope_of(db, directive_id, unit_id, &s, e);

	return rc ? rc : scope_verdict(&s, directive_id, unit_id, e);
}

int lt_app_act_own_scope(lt_db *db, const lt_actor *who, int64_t directive_id, int64_t unit_id,
			 int64_t *out, lt_error *e)
{
	lt_activity_scope s;
	lt_error ignored;
	int rc;

	if (who->kind != LT_ACTOR_USER || !lt_actor_at_least(who, LT_ROLE_CADRE) ||
	    (unit_id && unit_id != who->unit_id))
		return 0;
	rc = lt_activity_scope_of(db, directive_id, who->unit_id, &s, e);
	if (rc)
		return rc;
	/* Issuer (the directive's issuer is the reader's unit, lt_directive_standing)
	 * or recipient of an issued one: the verdict of lt_app_act_scope. When it
	 * fails, the caller's two checks say why, in their order. */
	if (scope_verdict(&s, directive_id, who->unit_id, &ignored))
		return 0;
	*out = who->unit_id;
	return 1;
}

int lt_app_act_begin(lt_db *db, int64_t directive_id, int64_t unit_id, lt_error *e)
{
	int rc = lt_db_begin(db, e);

	if (rc)
		return rc;
	rc = lt_app_act_scope(db, directive_id, unit_id, e);
	return rc ? lt_db_end(db, rc, e) : 0;
}

int lt_app_act_item(lt_db *db, const lt_actor *who, int64_t id, lt_arena *a, int64_t *directive_id,
		    int64_t *unit_id, const char **path, lt_error *e)
{
	int rc = lt_actor_need_role(who, LT_ROLE_CADRE, e);

	if (!rc)
		rc = lt_activity_owner(db, id, directive_id, unit_id, e);
	if (!rc)
		rc = unit_path(db, *unit_id, a, path, e);
	if (!rc && !lt_actor_reads(who, *path))
		rc = lt_error_set(e, LT_ENOTFOUND, "id", "Không có hoạt động #%" PRId64,
				  "No activity #%" PRId64, id);
	return rc;
}
