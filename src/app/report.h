/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * report.h — a unit's report on a directive, as use cases: show it (with
 * the live roll-up while it is a draft), write its narrative, submit it,
 * return, accept or reopen it, list, compare and verify its revisions,
 * render it, queue it by e-mail, and the roll-up of a subtree (dashboard).
 *
 * Access, decided here for every adapter: the directive must be readable
 * by the actor and the unit inside its part of the tree; the unit itself
 * edits, submits and sends its report; an officer of a unit above it
 * returns and accepts; either may reopen (core/report.h's table says which
 * action is allowed in which state and by whom), except that an accepted
 * report is reopened by an officer above only: its data stays locked. The
 * console operator acts as any unit and above every unit.
 */
#ifndef LT_APP_REPORT_H
#define LT_APP_REPORT_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app/actor.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/report.h"
#include "store/db.h"
#include "store/mail.h"
#include "store/report.h"
#include "store/unit.h"

/* A report is named by its directive and its unit. */
typedef struct lt_report_ref {
	int64_t directive;
	int64_t unit;
} lt_report_ref;

/* A report as its page shows it. Strings and rows in the caller's arena. */
typedef struct lt_report_view {
	lt_unit unit;
	lt_report report;
	json_t *snapshot;    /* the live roll-up of a draft, else the last revision (owned) */
	char sha256[65];     /* the shown revision's hash; "" for a live roll-up */
	json_t *narrative;   /* the report's narrative object (owned) */
	lt_report_rev *revs; /* every revision, oldest first */
	size_t nrevs;
	struct lt_report_sig *sigs; /* the signed revisions (store/report_sign.h), oldest first */
	size_t nsigs;
	bool signed_now;     /* the last revision is signed and the report stands at it */
	bool can_edit;       /* the actor may edit and submit it */
	bool can_review;     /* the actor may return or accept it */
} lt_report_view;

/* Release what a view owns (its JSON); the arena keeps the rest. */
void lt_app_report_view_free(lt_report_view *v);

/*
 * The report of ref. A draft or returned report shows the live roll-up,
 * counting submitted reports too when with_submitted; otherwise the last
 * submitted revision. Reads do not write: a report nobody wrote yet is a
 * draft with id 0 (the row is made by the first write: narrative, submit).
 */
LT_MUST_CHECK int lt_app_report_get(lt_db *db, const lt_actor *who, const lt_report_ref *ref,
				    bool with_submitted, lt_arena *a, lt_report_view *out,
				    lt_error *e);

/* Replace the narrative (an object of strings, per theme id and "general"). out may be NULL. */
LT_MUST_CHECK int lt_app_report_narrative(lt_db *db, const lt_actor *who,
					  const lt_report_ref *ref, json_t *narrative,
					  lt_arena *a, lt_report_view *out, lt_error *e);

typedef struct lt_report_submit_in {
	lt_report_ref ref;
	const char *kind;  /* "quick" or "final"; NULL: final */
	const char *basis; /* "accepted" (NULL) or "accepted_submitted" */
} lt_report_submit_in;

/*
 * Submit: the roll-up as it stands becomes the next revision with its
 * number (given on first submission), kind and narrative, hashed; the
 * unit's records are locked. *rev (may be NULL) gets the revision; out
 * (may be NULL) the report as it now stands.
 */
LT_MUST_CHECK int lt_app_report_submit(lt_db *db, const lt_actor *who,
				       const lt_report_submit_in *in, int *rev, lt_arena *a,
				       lt_report_view *out, lt_error *e);

/*
 * Return (text: the comment, required), accept (text ignored) or reopen
 * (text: the reason, required) the report. out may be NULL.
 */
LT_MUST_CHECK int lt_app_report_review(lt_db *db, const lt_actor *who, const lt_report_ref *ref,
				       lt_report_act act, const char *text, lt_arena *a,
				       lt_report_view *out, lt_error *e);

/* The report row and its revisions (no roll-up). */
LT_MUST_CHECK int lt_app_report_revisions(lt_db *db, const lt_actor *who,
					  const lt_report_ref *ref, lt_arena *a, lt_report *r,
					  lt_report_rev **revs, size_t *n, lt_error *e);

/* What changed between revisions *from and *to (0: the last); both set to what was compared. */
LT_MUST_CHECK int lt_app_report_compare(lt_db *db, const lt_actor *who,
					const lt_report_ref *ref, int *from, int *to,
					json_t **changes, lt_error *e);

/* The hash of a stored revision, recomputed from its bytes. */
typedef struct lt_report_check {
	int rev;
	bool ok;
	char stored[65], computed[65];
} lt_report_check;

/* Verify revision rev (0: the last). */
LT_MUST_CHECK int lt_app_report_verify(lt_db *db, const lt_actor *who, const lt_report_ref *ref,
				       int rev, lt_report_check *out, lt_error *e);

typedef struct lt_report_file_in {
	lt_report_ref ref;
	const char *format;  /* pdf | docx | xlsx | csv | html */
	int rev;             /* > 0: that revision; 0: the last, or the live draft when none */
	bool with_submitted; /* the live draft counts submitted reports too */
} lt_report_file_in;

/* A rendered document. */
typedef struct lt_report_file {
	lt_buf bytes;       /* owned: lt_buf_free */
	const char *type;   /* MIME type */
	const char *ext;    /* file extension */
	const char *unit_code;
	const char *filename;      /* ASCII: "bao-cao-42-LDLD-gia-lam-2024-12-05.pdf" */
	const char *filename_utf8; /* "Báo cáo 42-LĐLĐ Gia Lâm 2024-12-05.pdf" */
} lt_report_file;

/* Render the report (bytes appended to out->bytes, which the caller initialises). */
LT_MUST_CHECK int lt_app_report_document(lt_db *db, const lt_actor *who,
					 const lt_report_file_in *in, lt_arena *a,
					 lt_report_file *out, lt_error *e);

/*
 * Queue the last submitted revision (PDF and XLSX attached) to to (NULL:
 * the address the directive names). *mail_id gets the message; the mail
 * queue's worker or `lantoa mail run` delivers it. When log is not NULL it
 * gets the report's messages as they now stand (rows in a).
 * to must be one plain address (core/validate.h: LT_EINVAL naming "to").
 * A cadre mails only the union's addresses: the directive's report
 * address, its own unit's and the units' above it; an officer (or the
 * console) any address. Every send is audited with its address.
 */
LT_MUST_CHECK int lt_app_report_send(lt_db *db, const lt_actor *who, const lt_report_ref *ref,
				     const char *to, int64_t *mail_id, lt_arena *a,
				     lt_mail_entry **log, size_t *nlog, lt_error *e);

/* The report's messages and their attempts, newest first. */
LT_MUST_CHECK int lt_app_report_mail_log(lt_db *db, const lt_actor *who,
					 const lt_report_ref *ref, lt_arena *a,
					 lt_mail_entry **out, size_t *n, lt_error *e);

/*
 * The live roll-up of ref's unit over the directive (the dashboard): new
 * reference in *snap.
 */
LT_MUST_CHECK int lt_app_report_rollup(lt_db *db, const lt_actor *who, const lt_report_ref *ref,
				       bool with_submitted, json_t **snap, lt_error *e);

/* --- JSON of the API documents (report_json.c), the same for HTTP and --json --- */

/*
 * {report, snapshot, revisions, can_edit, can_review[, sha256], signature,
 * signatures}: new reference. signature is the last revision's while the
 * report stands at it (null otherwise: a later revision needs its own).
 */
json_t *lt_app_report_json(const lt_report_view *v);

/*
 * Keep one page of a snapshot's children[] (the unit's direct children, in
 * tree order): at most pg->limit after pg->after, with
 * children_total (all of them) and children_next_cursor (null at the end).
 * The dashboard and the report page send a page, never the whole level.
 */
struct lt_page;
void lt_app_snapshot_page(json_t *snap, const struct lt_page *pg, lt_arena *a);
/* The report row alone: new reference. */
json_t *lt_app_report_row_json(const lt_report *r, json_t *narrative);
/* Revisions as an array: new reference. */
json_t *lt_app_report_revs_json(const lt_report_rev *revs, size_t n);
/* Messages and their attempts as an array: new reference. */
json_t *lt_app_mail_log_json(const lt_mail_entry *m, size_t n);
/* {rev, ok, sha256, computed}: new reference. */
json_t *lt_app_report_check_json(const lt_report_check *c);

#endif
