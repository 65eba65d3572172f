/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* audit.h — who did what, when, to which record. */
#ifndef LT_AUDIT_H
#define LT_AUDIT_H

#include <stdint.h>

#include "core/error.h"
#include "store/db.h"

/*
 * Record an audit event inside the caller's transaction. actor: user id or
 * 0 for the CLI/system; detail: a short JSON text or NULL. Borrows all.
 */
LT_MUST_CHECK int lt_audit(lt_db *db, int64_t actor, const char *action, const char *entity,
	     int64_t entity_id, const char *detail, lt_error *e);

#endif
