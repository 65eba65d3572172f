/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * report.h — one report per (directive, unit): draft → submitted →
 * returned | accepted, every submission an immutable revision with its
 * snapshot and SHA-256. While a submission is under review or accepted
 * the unit's records for the directive are locked (record_lock); a
 * correction reopens them and the next submission is a new revision.
 */
#ifndef LT_REPORT_H
#define LT_REPORT_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/error.h"
#include "store/db.h"

typedef struct lt_report {
	int64_t id;
	int64_t directive_id;
	int64_t unit_id;
	const char *status; /* draft | submitted | returned | accepted */
	const char *number; /* "15/BC-LĐLĐ" once submitted, else NULL */
	json_t *narrative;  /* borrowed from the arena's owner: freed by lt_report_clear */
	int rev;            /* last submitted revision, 0 if none */
	int64_t first_submitted_at, last_submitted_at, accepted_at;
} lt_report;

/* Load the report of (directive, unit), creating the draft row when absent. */
LT_MUST_CHECK int lt_report_open(lt_db *db, int64_t directive, int64_t unit, lt_arena *a, lt_report *r,
		   lt_error *e);
/* Load by id; LT_ENOTFOUND when absent. */
LT_MUST_CHECK int lt_report_get(lt_db *db, int64_t id, lt_arena *a, lt_report *r, lt_error *e);
/* Release r->narrative. */
void lt_report_clear(lt_report *r);

/* Replace the narrative (an object of strings, per theme id and "general"); draft/returned only. */
LT_MUST_CHECK int lt_report_set_narrative(lt_db *db, int64_t id, json_t *narrative, int64_t actor, lt_error *e);
/*
 * Submit: store snapshot (borrowed) as revision rev+1 of kind "quick" or
 * "final", give the report its number on first submission, lock records.
 * *rev gets the new revision.
 */
LT_MUST_CHECK int lt_report_submit(lt_db *db, int64_t id, const char *kind, json_t *snapshot, int64_t actor,
		     int *rev, lt_error *e);
/* Review the last submission: return with a comment (unlocks) or accept. */
LT_MUST_CHECK int lt_report_return(lt_db *db, int64_t id, const char *comment, int64_t actor, lt_error *e);
LT_MUST_CHECK int lt_report_accept(lt_db *db, int64_t id, int64_t actor, lt_error *e);
/* A correction: back to draft, records unlocked; the next submission is a new revision. */
LT_MUST_CHECK int lt_report_reopen(lt_db *db, int64_t id, const char *reason, int64_t actor, lt_error *e);

/* All revisions without their snapshots: new array. */
LT_MUST_CHECK int lt_report_revisions(lt_db *db, int64_t id, json_t **out, lt_error *e);
/* One revision's snapshot (new reference) and stored hash. */
LT_MUST_CHECK int lt_report_revision(lt_db *db, int64_t id, int rev, json_t **snapshot, char sha[65],
		       lt_error *e);
/* Recompute the hash of a stored revision: *ok when it matches. */
LT_MUST_CHECK int lt_report_verify(lt_db *db, int64_t id, int rev, bool *ok, char stored[65],
		     char computed[65], lt_error *e);

#endif
