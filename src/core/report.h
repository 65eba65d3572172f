/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * report.h — pure rules of a unit report: the workflow as a table of
 * transitions, the canonical text of a snapshot and its SHA-256, comparing
 * two revisions, the deadline's last second, report numbers.
 */
#ifndef LT_REPORT_RULES_H
#define LT_REPORT_RULES_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "core/error.h"

/*
 * The workflow. A report is a draft until its unit submits it; an officer
 * above returns it (with a comment) or accepts it; a correction reopens a
 * submitted or accepted report as a draft, and the next submission is a
 * new revision. While a report is submitted or accepted the unit's records
 * for the directive are locked.
 *
 *   action   from               to          by
 *   edit     draft, returned    (same)      the unit
 *   submit   draft, returned    submitted   the unit
 *   return   submitted          returned    a reviewer above
 *   accept   submitted          accepted    a reviewer above
 *   reopen   submitted,accepted draft       the unit or a reviewer above (accepted:
 *                                           the reviewer only, app/report.c)
 */
typedef enum lt_report_act {
	LT_REPORT_EDIT,
	LT_REPORT_SUBMIT,
	LT_REPORT_RETURN,
	LT_REPORT_ACCEPT,
	LT_REPORT_REOPEN,
} lt_report_act;

/* Who may take an action (bits). */
enum { LT_REPORT_BY_UNIT = 1, LT_REPORT_BY_REVIEWER = 2 };

/*
 * May act be taken on a report in state from? 0 and *to (the state after,
 * a static string), or LT_ECONFLICT naming "status" and saying why (also
 * for an unknown state).
 */
LT_MUST_CHECK int lt_report_transition(const char *from, lt_report_act act, const char **to,
				       lt_error *e);
/* Who may take act: LT_REPORT_BY_* bits. */
int lt_report_act_by(lt_report_act act);
/* Are the unit's records locked while its report is in state? */
bool lt_report_state_locks(const char *state);
/*
 * Signatures (issue 15). A revision is signed once it is sealed and stands:
 * while the report is submitted or accepted. The signature stays with that
 * revision for good. While the last revision is signed the report is
 * locked: it cannot be edited or submitted; accepting keeps the signature;
 * returning or reopening it is allowed (a correction must stay possible) but
 * supersedes the signature: the next revision is unsigned and needs its own,
 * and the action is recorded with the signed revision it leaves behind.
 *
 *   action on a signed report   effect
 *   edit, submit                refused
 *   accept                      keeps the signature
 *   return, reopen              supersedes it (recorded)
 */
typedef enum lt_report_signed_effect {
	LT_SIGNED_KEEPS,
	LT_SIGNED_SUPERSEDES,
	LT_SIGNED_REFUSED,
} lt_report_signed_effect;

/* Can the last revision of a report in state be signed? */
bool lt_report_state_signable(const char *state);
/* What act does to the signature of a report whose last revision is signed. */
lt_report_signed_effect lt_report_signed_effect_of(lt_report_act act);
/*
 * May act be taken on a report whose revision rev is signed? 0, or
 * LT_ECONFLICT naming "status" (the action is refused while it is signed).
 */
LT_MUST_CHECK int lt_report_signed_allows(lt_report_act act, int rev, lt_error *e);

/*
 * Is narrative a report's narrative: an object of strings (per theme id and
 * "general") of at most 20,000 bytes each? 0, or LT_EINVAL naming "narrative".
 */
LT_MUST_CHECK int lt_report_narrative_check(json_t *narrative, lt_error *e);
/* Is kind a kind of submission ("quick" or "final")? */
bool lt_report_kind_valid(const char *kind);

/*
 * The canonical text of a snapshot (sorted keys, compact, UTF-8) as a
 * malloc'd string, and its SHA-256 in hex into sha[65]. Returns owned text.
 */
char *lt_report_canonical(json_t *snapshot, char sha[65]);

/*
 * What changed between two snapshots (borrowed): a new array of
 * {what: "figure"|"items"|"contests"|"feedback", key, name, old, new, delta}
 * for every figure and count that differs.
 */
json_t *lt_report_compare(json_t *a, json_t *b);

/* The last second (epoch) of ISO day d in Vietnam (UTC+7): submissions up to it are on time. */
int64_t lt_deadline_end(const char *d);

/* A report number "N/BC-SYMBOL" for the unit's level (LĐLĐ for federations, CĐCS, CĐ). */
void lt_report_number_format(int n, const char *level, char out[64]);

#endif
