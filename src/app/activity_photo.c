/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * activity_photo.c — photos of an activity: the owner (or an admin above
 * it) adds and removes them while the item is not locked; whoever reads the
 * item reads its photos. See activity.h.
 */
#include "app/activity.h"

#include <string.h>

#include "app/activity_access.h"
#include "store/activity_photo.h"

/* Item id must be readable; for a write, the actor's (or an admin's) and not locked. */
static int item_scope(lt_db *db, const lt_actor *who, int64_t id, bool write, lt_arena *a,
		      int64_t *dir, int64_t *unit, lt_error *e)
{
	const char *path = NULL;
	int64_t w = 0;
	int rc = lt_app_act_item(db, who, id, a, dir, unit, &path, e);

	if (!rc && write)
		rc = lt_app_act_write_unit(db, who, *unit, &w, e);
	return rc;
}

int lt_app_activity_photo_add(lt_db *db, const lt_actor *who, int64_t id, const unsigned char *p,
			      size_t n, lt_arena *a, lt_app_item *out, lt_error *e)
{
	int64_t dir = 0, unit = 0;
	int pos = 0;
	int rc = item_scope(db, who, id, true, a, &dir, &unit, e);

	if (!rc && !n)
		rc = lt_error_set(e, LT_EINVAL, "body", "Hãy gửi ảnh (JPEG, PNG hoặc WebP)",
				  "Send a JPEG, PNG or WebP photo");
	if (rc)
		return rc;
	rc = lt_app_act_begin(db, dir, unit, e);
	if (rc)
		return rc;
	rc = lt_activity_photo_add(db, id, p, n, lt_actor_audit_id(who), &pos, NULL, e);
	if (!rc)
		rc = lt_app_activity_get(db, who, id, a, out, e);
	return lt_db_end(db, rc, e);
}

int lt_app_activity_photo_get(lt_db *db, const lt_actor *who, int64_t id, int pos, lt_buf *out,
			      const char **mime, lt_error *e)
{
	lt_arena a;
	int64_t dir = 0, unit = 0;
	int rc;

	lt_arena_init(&a);
	rc = item_scope(db, who, id, false, &a, &dir, &unit, e);
	lt_arena_free(&a);
	return rc ? rc : lt_activity_photo_get(db, id, pos, out, mime, e);
}

int lt_app_activity_photo_delete(lt_db *db, const lt_actor *who, int64_t id, int pos, lt_arena *a,
				 lt_app_item *out, lt_error *e)
{
	int64_t dir = 0, unit = 0;
	int rc = item_scope(db, who, id, true, a, &dir, &unit, e);

	if (rc)
		return rc;
	rc = lt_app_act_begin(db, dir, unit, e);
	if (rc)
		return rc;
	rc = lt_activity_photo_delete(db, id, pos, lt_actor_audit_id(who), e);
	if (!rc)
		rc = lt_app_activity_get(db, who, id, a, out, e);
	return lt_db_end(db, rc, e);
}
