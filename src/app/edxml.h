/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * edxml.h — directives and reports as edXML messages (QCVN 102:2016), out
 * and in, and their processing statuses (issue 15).
 *
 * Organs: an edXML OrganId is lantoa's unit code, sent as it is and looked
 * up by it on import. lantoa's codes come from the administrative-units list
 * (dvhcvn: "01.018.00577.01" is a grassroots union under ward 00577 of
 * district 018 of Hà Nội, 01), not from the national register of organ
 * codes ("000.00.00.G12", Quyết định 20/2020/QĐ-TTg); an e-office gateway
 * that speaks the national codes maps them to unit codes at its edge.
 *
 * Access, decided here for every adapter:
 *   - export a directive: whoever may read it (app/directive.h);
 *   - export a report or its status: whoever may read the report
 *     (app/report.h), once it has been submitted (a status: always);
 *   - import: officers (or the console). A status about a receipt or a
 *     report is applied (see edxml_import.c, apply_status) only when the
 *     importer could have made that change in lantoa: else it is recorded
 *     as not applied, with the reason. A directive is created as a draft
 *     of its sender's unit, so the importer must be on that unit's issuing
 *     side (app/directive.h, lt_app_directive_create); a report or a status
 *     is recorded against the directive it answers, by the directive's
 *     issuing side.
 * An import writes everything or nothing (one transaction).
 */
#ifndef LT_APP_EDXML_H
#define LT_APP_EDXML_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "app/actor.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/page.h"
#include "store/db.h"
#include "store/edxml.h"

#define LT_EDXML_MAX_BYTES (64u << 20) /* the largest message read or written */

/* What to export. */
typedef struct lt_edxml_out {
	int64_t directive; /* the directive (lt_app_directive_find names it) */
	int64_t unit;      /* directive: the one recipient (0: every recipient, up to 500);
			    * report and status: the reporting unit (required) */
	int priority;      /* directive: 0..4; -1: the priority it came with, else 0 */
} lt_edxml_out;

/* The directive as a SteeringType 2 message with its PDF and DOCX, appended to out. */
LT_MUST_CHECK int lt_app_edxml_directive(lt_db *db, const lt_actor *who, const lt_edxml_out *in,
					 lt_arena *a, lt_buf *out, lt_error *e);
/*
 * The unit's report as a SteeringType 3 message answering the directive,
 * with the signed PDF of its last revision when that revision is signed,
 * else the rendered PDF of that revision. LT_ECONFLICT naming "status"
 * before the first submission.
 */
LT_MUST_CHECK int lt_app_edxml_report(lt_db *db, const lt_actor *who, const lt_edxml_out *in,
				      lt_arena *a, lt_buf *out, lt_error *e);
/* The unit's state for the directive (receipt, or report once written) as an edXML Status. */
LT_MUST_CHECK int lt_app_edxml_status(lt_db *db, const lt_actor *who, const lt_edxml_out *in,
				      lt_arena *a, lt_buf *out, lt_error *e);

/* What an import did. Strings in the caller's arena. */
typedef struct lt_edxml_result {
	const char *kind;          /* "directive", "report" or "status" */
	int64_t id;                /* the edxml_message row */
	int64_t directive_id;      /* made (kind directive) or answered */
	int64_t unit_id;           /* the sender's unit */
	int priority;
	const char *status_code;   /* status: the code, */
	const char *state_kind;    /* … what it means in lantoa ("receipt" | "report" | "directive") */
	const char *state;         /* … and the state ("opened", "submitted", …) */
	bool applied;              /* status: lantoa's receipt or report now says so */
	const char *why_vi, *why_en; /* status not applied: the reason */
	size_t file_len;           /* the attachment kept (bytes), 0: none */
} lt_edxml_result;

/*
 * Import one message data[0..len) (borrowed): a directive becomes a draft
 * (the letter parser reads its DOCX or text attachment, or its Content;
 * the header's number, dates, subject, due date and signer win), a report
 * is attached to the directive it answers, a status is recorded. Errors:
 * lt_edxml_parse's (not well-formed, schema-invalid: LT_EINVAL naming the
 * element); LT_EINVAL naming "OrganId" for an organ code that is no unit,
 * "ResponseFor" for a directive that is not there, "SteeringType" for a
 * kind lantoa does not take, "Attachment" for a report without its PDF;
 * access errors as above. Nothing is written on any error.
 */
LT_MUST_CHECK int lt_app_edxml_import(lt_db *db, const lt_actor *who, const char *data,
				      size_t len, lt_arena *a, lt_edxml_result *out, lt_error *e);

/* {kind, id, directive_id, unit_id, priority, status_code, state_kind, state, file_bytes,
 *  applied (statuses), not_applied {vi, en} (a status not applied)}: new reference. */
json_t *lt_app_edxml_result_json(const lt_edxml_result *r);

/*
 * The messages received, found again (edxml_list.c). Whoever reads a unit
 * a message was addressed to (its To; a status with none: the directive's
 * issuing side) sees it: an officer the messages addressed to his subtree,
 * a cadre those addressed to his unit. Nothing else tells that a message
 * exists.
 */
typedef struct lt_edxml_query {
	int64_t directive; /* 0: any */
	const char *kind;  /* "directive", "report", "status"; NULL or "": any */
	int64_t unit;      /* 0: any; else sent by or addressed to it (a unit the actor reads) */
} lt_edxml_query;

/*
 * A page (pg: limit ≤ 500, cursor) of the messages q selects, newest
 * first, without their bytes: *items and *next (NULL at the end) in a.
 * LT_EINVAL naming "kind", "directive" or "cursor"; "id" for a unit outside
 * the actor's subtree (as lt_app_unit_in_scope).
 */
LT_MUST_CHECK int lt_app_edxml_list(lt_db *db, const lt_actor *who, const lt_edxml_query *q,
				    const lt_page *pg, lt_arena *a, lt_edxml_row **items,
				    size_t *n, const char **next, lt_error *e);
/*
 * Message id (with its attachment's bytes when with_file) into *out (in a).
 * LT_ENOTFOUND naming "id" when there is none the actor sees, naming
 * "attachment" when with_file and it came without one.
 */
LT_MUST_CHECK int lt_app_edxml_message(lt_db *db, const lt_actor *who, int64_t id, bool with_file,
				       lt_arena *a, lt_edxml_row *out, lt_error *e);
/* {id, kind, document_id, directive_id, directive_number, from {id, code, name}, from_organ,
 *  priority, due_date, status_code, file_name, file_type, file_sha256, file_bytes,
 *  imported_at, has_attachment, applied and not_applied (statuses)}: new reference. */
json_t *lt_app_edxml_message_json(const lt_edxml_row *r);
/* {items: [message...], next_cursor}: new reference. */
json_t *lt_app_edxml_list_json(const lt_edxml_row *items, size_t n, const char *next);

#endif
