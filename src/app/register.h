/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * register.h — the registers of documents sent and received (sổ đăng ký văn
 * bản đi / đến, Nghị định 30/2020 Phụ lục IV) as use cases: read a page,
 * export a year as XLSX with the official column headings, and record a
 * document that came or went another way (an EDXML message).
 *
 * Directives and reports are recorded by the flows that send them, in
 * their own transaction (store/register.h); nothing here records those.
 * Anyone who may read a unit (its subtree) reads its registers.
 */
#ifndef LT_APP_REGISTER_H
#define LT_APP_REGISTER_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "app/actor.h"
#include "core/buf.h"
#include "core/page.h"
#include "store/register.h"

/* Which register: unit_id's "in" or "out" register of year (0: this year). */
typedef struct lt_register_ref {
	int64_t unit_id;
	const char *direction;
	int year;
} lt_register_ref;

/*
 * A page of a register (pg: limit and cursor), in number order. *items
 * and *next (the next page's cursor, NULL at the end) are allocated in a.
 * ref->year 0 becomes this year. LT_EINVAL naming "direction", "year" or
 * "cursor"; LT_EFORBIDDEN / LT_ENOTFOUND naming "id" for a unit the actor
 * may not read.
 */
LT_MUST_CHECK int lt_app_register_page(lt_db *db, const lt_actor *who, lt_register_ref *ref,
				       const lt_page *pg, lt_arena *a, lt_register_entry **items,
				       size_t *n, const char **next, lt_error *e);

/* {unit_id, direction, year, items: [...], next_cursor}. New reference. */
json_t *lt_app_register_page_json(const lt_register_ref *ref, const lt_register_entry *items,
				  size_t n, const char *next);

/*
 * The whole register of a year as an XLSX workbook appended to out, one
 * row per entry under the headings of Phụ lục IV (and the handling
 * deadline and status). *name: the file name, in a. Access as for a page.
 */
LT_MUST_CHECK int lt_app_register_xlsx(lt_db *db, const lt_actor *who, lt_register_ref *ref,
				       lt_arena *a, lt_buf *out, const char **name, lt_error *e);

/*
 * Record a document received or sent outside the directive and report
 * flows (an EDXML message imported or exported, a paper letter) in
 * unit_id's register of direction, now; *seq (may be NULL) gets its
 * number. doc (borrowed) must have source "edxml" (or "other": paper), a
 * kind, a subject and a party; number, date, deadline, signer, status
 * optional (dates ISO YYYY-MM-DD). Runs in its own transaction, or in the
 * caller's when one is open (lt_db_begin nests), so an importer can record
 * the message with whatever it writes. The actor must edit the unit (an
 * officer above or at it, a cadre of it; the operator and the system act
 * anywhere). LT_EINVAL naming the field.
 */
LT_MUST_CHECK int lt_app_register_record(lt_db *db, const lt_actor *who, int64_t unit_id,
					 const char *direction, const lt_register_doc *doc,
					 int64_t *seq, lt_error *e);

/* The entry's status, derived from its receipt, report or revision:
 * received, opened, acknowledged, report_submitted, report_returned,
 * report_accepted (in, directive); sent, acknowledged_all (out, directive);
 * submitted, returned, accepted (reports); the gateway's own for EDXML. */
const char *lt_app_register_status(const lt_register_entry *g);

#endif
