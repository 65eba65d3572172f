/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * report_int.h — what the report use cases (report.c, report_read.c) and
 * the report mail (report_mail.c) share. Internal to src/app/.
 */
#ifndef LT_APP_REPORT_INT_H
#define LT_APP_REPORT_INT_H

#include <jansson.h>

#include "app/report.h"

/* Subtrees this small list every counted unit in the roll-up. */
#define LT_REPORT_PER_UNIT_MAX 2000

/*
 * Who may look at ref at all: a logged-in actor who can read the directive
 * and whose part of the tree holds the unit. *u gets the unit.
 */
LT_MUST_CHECK int lt_app_report_target(lt_db *db, const lt_actor *who, const lt_report_ref *ref,
				       lt_arena *a, lt_unit *u, lt_error *e);
/* lt_app_report_target, then the report of ref for a read (lt_report_find) into *r. */
LT_MUST_CHECK int lt_app_report_look(lt_db *db, const lt_actor *who, const lt_report_ref *ref,
				     lt_arena *a, lt_unit *u, lt_report *r, lt_error *e);
/* May who take act on the report of unit u (core/report.h says by whom)? */
LT_MUST_CHECK int lt_app_report_need(const lt_actor *who, const lt_unit *u, lt_report_act act,
				     lt_error *e);
/* The live roll-up of unit u over directive (new reference in *snap). */
LT_MUST_CHECK int lt_app_report_live(lt_db *db, int64_t directive, const lt_unit *u,
				     bool with_submitted, json_t **snap, lt_error *e);
/* Revision rev of report id as JSON (new reference) and its stored hash. */
LT_MUST_CHECK int lt_app_report_snapshot(lt_db *db, int64_t id, int rev, lt_arena *a,
					 json_t **snap, char sha[65], lt_error *e);

/* s when it is neither NULL nor "", else d. */
const char *lt_app_or(const char *s, const char *d);
/* "2024-01-18" → "18/01/2024" (in a); anything else as it is. */
const char *lt_app_vn_date(lt_arena *a, const char *iso);

/*
 * Queue revision r->rev of report r of unit u, rendered, to to (NULL: the
 * directive's address), as who, in one transaction with its audit event.
 * The address must be one plain address (LT_EINVAL naming "to"); a cadre may
 * mail only the directive's report address and the e-mail of u or a unit
 * above it, an officer any address (LT_EFORBIDDEN naming "to").
 */
LT_MUST_CHECK int lt_app_report_mail_queue(lt_db *db, const lt_actor *who, const lt_unit *u,
					   const lt_report *r, const char *to, int64_t *mail_id,
					   lt_error *e);

#endif
