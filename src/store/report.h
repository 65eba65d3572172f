/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * report.h — the rows of a unit's report: one report per (directive,
 * unit), every submission an immutable revision with its snapshot and
 * SHA-256, the record lock while a submission is under review or
 * accepted, report numbers, and what reminders need. SQL and rows only:
 * which transition is allowed is core/report.h's table, who may make it
 * and the transaction around it are app/report.c's.
 */
#ifndef LT_REPORT_H
#define LT_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/error.h"
#include "store/db.h"

typedef struct lt_report {
	int64_t id;
	int64_t directive_id;
	int64_t unit_id;
	const char *status;    /* draft | submitted | returned | accepted */
	const char *number;    /* "15/BC-LĐLĐ" once submitted, else NULL */
	const char *narrative; /* the stored JSON object of strings (per theme id and "general") */
	int rev;               /* last submitted revision, 0 if none */
	int64_t first_submitted_at, last_submitted_at, accepted_at;
} lt_report;

/* One revision without its snapshot. */
typedef struct lt_report_rev {
	int rev;
	const char *kind;   /* quick | final */
	const char *sha256;
	int64_t submitted_at;
	const char *review; /* accepted | returned, or NULL while under review */
	int64_t reviewed_at; /* 0: not reviewed */
	const char *comment;
} lt_report_rev;

/* A recipient unit with nothing submitted, for reminders. */
typedef struct lt_report_due {
	int64_t unit_id;
	const char *name;
	const char *email; /* NULL: none on file */
} lt_report_due;

/* The directive as a report cites it. */
typedef struct lt_report_dir {
	int64_t id;
	const char *number, *date, *subject;
	const char *deadline; /* report deadline (ISO day), or NULL */
	const char *issuer;   /* the issuing unit's name */
	const char *doc;      /* the stored JSON document (report_email lives there) */
} lt_report_dir;

/*
 * Load the report of (directive, unit) for a write, creating the draft row
 * when absent (strings in a). Inside the caller's transaction the row stays
 * locked until it ends (SELECT … FOR UPDATE on PostgreSQL): a concurrent
 * write of the same report waits, then reads the new status.
 */
LT_MUST_CHECK int lt_report_open(lt_db *db, int64_t directive, int64_t unit, lt_arena *a,
				 lt_report *r, lt_error *e);
/*
 * Load the report of (directive, unit) for a read: when no row exists, the
 * draft it would be (id 0, status "draft", rev 0, narrative "{}"), and
 * nothing is written.
 */
LT_MUST_CHECK int lt_report_find(lt_db *db, int64_t directive, int64_t unit, lt_arena *a,
				 lt_report *r, lt_error *e);
/* Load by id; LT_ENOTFOUND when absent. */
LT_MUST_CHECK int lt_report_get(lt_db *db, int64_t id, lt_arena *a, lt_report *r, lt_error *e);

/* Replace the stored narrative text. */
LT_MUST_CHECK int lt_report_set_narrative(lt_db *db, int64_t id, const char *text, int64_t at,
					  lt_error *e);
/* The next number of unit's reports in year (1, 2, …): one counter per unit and year. */
LT_MUST_CHECK int lt_report_next_number(lt_db *db, int64_t unit, int year, int *n, lt_error *e);
/* Store revision rev of report id: its canonical snapshot text and hash. */
LT_MUST_CHECK int lt_report_add_revision(lt_db *db, int64_t id, int rev, const char *kind,
					 const char *text, const char *sha, int64_t actor,
					 int64_t at, lt_error *e);
/* The report is submitted as its next revision; number is kept once given (NULL: keep). */
LT_MUST_CHECK int lt_report_mark_submitted(lt_db *db, int64_t id, const char *number, int64_t at,
					   lt_error *e);
/* Close the review of revision rev with verdict (accepted | returned) and set the status. */
LT_MUST_CHECK int lt_report_mark_reviewed(lt_db *db, int64_t id, int rev, const char *verdict,
					  const char *comment, int64_t actor, int64_t at,
					  lt_error *e);
/* Back to draft (a correction): the acceptance is cleared. */
LT_MUST_CHECK int lt_report_mark_draft(lt_db *db, int64_t id, int64_t at, lt_error *e);
/* Lock (or unlock) the unit's records for the directive. */
LT_MUST_CHECK int lt_report_lock(lt_db *db, int64_t directive, int64_t unit, bool lock,
				 int64_t at, lt_error *e);

/* All revisions without their snapshots, oldest first (rows in a). */
LT_MUST_CHECK int lt_report_revisions(lt_db *db, int64_t id, lt_arena *a, lt_report_rev **out,
				      size_t *n, lt_error *e);
/*
 * The stored text of revision rev (exactly the bytes hashed at submission,
 * in a) and its stored hash; LT_ENOTFOUND naming "rev" when absent.
 */
LT_MUST_CHECK int lt_report_revision_text(lt_db *db, int64_t id, int rev, lt_arena *a,
					  const char **text, char sha[65], lt_error *e);

/* The directive id as a report cites it (strings in a); LT_ENOTFOUND naming "directive". */
LT_MUST_CHECK int lt_report_dir_get(lt_db *db, int64_t id, lt_arena *a, lt_report_dir *d,
				    lt_error *e);
/* Issued directives whose report deadline lies in [lo, hi] (ISO days), at most max. */
LT_MUST_CHECK int lt_report_deadlines_between(lt_db *db, const char *lo, const char *hi,
					      int64_t *ids, size_t max, size_t *n, lt_error *e);
/* Active recipient units of directive with nothing submitted yet (rows in a). */
LT_MUST_CHECK int lt_report_unsubmitted(lt_db *db, int64_t directive, lt_arena *a,
					lt_report_due **out, size_t *n, lt_error *e);
/* Note that unit was reminded at offset days: *fresh is false when it already was. */
LT_MUST_CHECK int lt_reminder_mark(lt_db *db, int64_t directive, int64_t unit, int offset,
				   bool *fresh, lt_error *e);

#endif
