/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* audit.c — see audit.h. */
#include "store/audit.h"

#include "store/store.h"

int lt_audit(lt_db *db, int64_t actor, const char *action, const char *entity,
	     int64_t entity_id, const char *detail, lt_error *e)
{
	lt_stmt *st = NULL;
	int rc = lt_db_prepare(db,
			       "INSERT INTO audit_event(at, user_id, action, entity, entity_id, detail)"
			       " VALUES ($1, $2, $3, $4, $5, $6)",
			       &st, e);

	if (rc)
		return rc;
	lt_stmt_bind_int(st, 1, lt_now());
	lt_stmt_bind_id(st, 2, actor);
	lt_stmt_bind_text(st, 3, action);
	lt_stmt_bind_text(st, 4, entity);
	lt_stmt_bind_int(st, 5, entity_id);
	lt_stmt_bind_text(st, 6, detail);
	return lt_stmt_run(st, e);
}
