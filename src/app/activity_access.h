/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * activity_access.h — the access decisions of the activity feature
 * (activities, figures, contests, link kits, their spreadsheets), made once
 * here from the actor and shared by app/activity*.c, figure.c, contest.c
 * and linkkit.c. An adapter never makes them.
 *
 * The rules:
 *  - a directive is visible to a reader on its issuing side (the issuer is
 *    the reader's unit or below it) or when it is addressed to the reader's
 *    unit or one of its ancestors; otherwise it is "not found";
 *  - everyone records for its own unit; an administrator also for any unit
 *    of its subtree (corrections); the console operator for any unit, which
 *    it must name;
 *  - a read covers the reader's subtree, or a unit of it;
 *  - a unit records for a directive only when the directive is issued, the
 *    unit is its issuer or one of its recipients, and the unit's report for
 *    it is not accepted yet (its records are locked then).
 */
#ifndef LT_APP_ACTIVITY_ACCESS_H
#define LT_APP_ACTIVITY_ACCESS_H

#include <stdbool.h>
#include <stdint.h>

#include "app/actor.h"
#include "core/arena.h"
#include "core/error.h"
#include "store/db.h"

/*
 * Is directive id visible to who? 0, LT_EAUTH for the public, or
 * LT_ENOTFOUND naming "directive_id" (absent, or not the actor's to read).
 */
LT_MUST_CHECK int lt_app_act_directive(lt_db *db, const lt_actor *who, int64_t id, lt_error *e);

/*
 * The unit a write is for, into *out: unit_id, or (0) the actor's own unit.
 * Everyone records for its own unit; an administrator for any unit of its
 * subtree; the operator for any unit but must name it. LT_EFORBIDDEN /
 * LT_EINVAL / LT_ENOTFOUND naming "unit_id".
 */
LT_MUST_CHECK int lt_app_act_write_unit(lt_db *db, const lt_actor *who, int64_t unit_id,
					int64_t *out, lt_error *e);

/* Both checks of a write: directive visible to who, and the unit it writes for (as above). */
LT_MUST_CHECK int lt_app_act_writer(lt_db *db, const lt_actor *who, int64_t directive_id,
				    int64_t unit_id, int64_t *out, lt_error *e);

/* The unit a read is for: unit_id (0: the actor's own), in the actor's subtree. */
LT_MUST_CHECK int lt_app_act_read_unit(lt_db *db, const lt_actor *who, int64_t unit_id,
				       int64_t *out, lt_error *e);

/*
 * The subtree a read covers: the path of unit_id (which must lie in the
 * actor's subtree), or (0) the actor's own subtree. *within borrows from a
 * or from the actor.
 */
LT_MUST_CHECK int lt_app_act_within(lt_db *db, const lt_actor *who, int64_t unit_id, lt_arena *a,
				    const char **within, lt_error *e);

/* May who change the records of the unit unit_id at path (its own; an admin's subtree)? */
bool lt_app_act_may_write(const lt_actor *who, int64_t unit_id, const char *path);

/*
 * May unit record for directive? (issued; the unit is its issuer or a
 * recipient; not locked.) 0, LT_ENOTFOUND ("directive_id"), LT_ECONFLICT
 * (not issued, or locked) or LT_EFORBIDDEN ("unit_id": not a recipient).
 */
LT_MUST_CHECK int lt_app_act_scope(lt_db *db, int64_t directive_id, int64_t unit_id, lt_error *e);

/*
 * The checks of lt_app_act_writer and lt_app_act_scope in one statement, for
 * the common case: who, a user, records for its own unit (unit_id 0 or its
 * unit's). A unit that may record for the directive (issued, the unit its
 * issuer or a recipient) sees it, so the directive's own visibility check
 * (its load and a walk up the receipts) is not needed then. 1 when that case
 * holds (*out: the unit), 0 when the caller must make the two checks (another
 * actor or unit, or a check fails: those checks then answer, in their order,
 * "not found" before "not a recipient"), < 0 on a database error. Read
 * inside the write's transaction, as lt_app_act_scope is.
 */
LT_MUST_CHECK int lt_app_act_own_scope(lt_db *db, const lt_actor *who, int64_t directive_id,
				       int64_t unit_id, int64_t *out, lt_error *e);

/*
 * Open the transaction of a write by unit for directive and check that the
 * unit may record (lt_app_act_scope). 0 with the transaction open (the
 * caller ends it with lt_db_end), else the error and none open.
 */
LT_MUST_CHECK int lt_app_act_begin(lt_db *db, int64_t directive_id, int64_t unit_id, lt_error *e);

/*
 * Are (directive, unit)'s records locked (its report submitted or accepted)?
 * *waiting (may be NULL): locked while the report only waits for review.
 */
LT_MUST_CHECK int lt_app_act_locked(lt_db *db, int64_t directive_id, int64_t unit_id, bool *locked,
				    bool *waiting, lt_error *e);

/* The item id, visible to who (its unit in who's subtree), else LT_ENOTFOUND naming "id". */
LT_MUST_CHECK int lt_app_act_item(lt_db *db, const lt_actor *who, int64_t id, lt_arena *a,
				  int64_t *directive_id, int64_t *unit_id, const char **unit_path,
				  lt_error *e);

/* "Out of memory" in both languages, for the arena and JSON builders. */
int lt_app_act_nomem(lt_error *e);

#endif
