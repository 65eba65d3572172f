/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * register.h — the registers of documents sent and received (sổ đăng ký văn
 * bản đi / đến, Nghị định 30/2020 Phụ lục IV), one pair per unit.
 *
 * Every entry gets the unit's next number for its direction and calendar
 * year (Vietnam time): số đi / số đến. The number comes from one counter
 * row per (unit, direction, year), raised in the transaction that records
 * the entry, so that two writers queue on the row and a rollback gives the
 * number back: numbers are unique and gap-free on SQLite and PostgreSQL.
 * Entries are never deleted or renumbered.
 *
 * The writers call these inside their own transaction (lt_db_begin nests).
 */
#ifndef LT_STORE_REGISTER_H
#define LT_STORE_REGISTER_H

#include <stdbool.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/error.h"
#include "store/db.h"

/* What the register keeps of a document, as it was when registered. */
typedef struct lt_register_doc {
	const char *source;    /* "directive", "report", "edxml" or "other" (paper) */
	int64_t directive_id;  /* the directive (or the one a report answers); 0: none */
	int64_t report_id;     /* 0: none */
	int rev;               /* the report's revision; 0: none */
	const char *number;    /* số, ký hiệu ("42/LĐLĐ"); NULL: none */
	const char *date;      /* the document's date, ISO YYYY-MM-DD; NULL: none */
	const char *kind;      /* tên loại: "directive", "amendment", "report" or a name */
	const char *subject;   /* trích yếu; NULL: none */
	const char *party;     /* in: the sender (tác giả); out: the recipients (nơi nhận) */
	int64_t party_unit_id; /* the other side when it is a unit of the tree; 0: none */
	const char *signer;    /* người ký; NULL: none */
	const char *deadline;  /* hạn giải quyết, ISO; NULL: none */
	int copies;            /* số lượng bản (recipients); 0 is taken as 1 */
	const char *status;    /* edxml: the state the gateway keeps; NULL: derived */
} lt_register_doc;

/* One entry with what its status is read from. Strings borrowed from the arena. */
typedef struct lt_register_entry {
	int64_t id;
	int64_t unit_id;
	const char *direction; /* "in" / "out" */
	int year;
	int64_t seq;           /* số đến / số đi */
	int64_t registered_at; /* ngày đến / ngày chuyển (epoch seconds) */
	lt_register_doc doc;
	/* in, directive: the unit's receipt and report */
	int64_t opened_at, acknowledged_at; /* 0: not yet */
	const char *report_status;          /* NULL: no report row */
	/* out, directive: recipients that acknowledged */
	int64_t acknowledged;
	/* report: the revision's review ("returned" / "accepted"), NULL: none yet */
	const char *review;
	int64_t reviewed_at;
} lt_register_entry;

/*
 * Record doc (borrowed) in unit's register of direction ("in"/"out") at
 * instant at; *seq (may be NULL) gets its number. In the caller's
 * transaction. 0, LT_EINVAL (direction), LT_EDB.
 */
LT_MUST_CHECK int lt_register_add(lt_db *db, int64_t unit, const char *direction, int64_t at,
				  const lt_register_doc *doc, int64_t *seq, lt_error *e);

/*
 * Directive id was issued at at: out for its issuer, in for each unit that
 * has a receipt of it (one statement each, whatever the count). Call after
 * the receipts are written, in the same transaction. Người ký: the signer
 * named in the directive's document (name, else title).
 */
LT_MUST_CHECK int lt_register_directive_issued(lt_db *db, int64_t id, int64_t at, lt_error *e);

/*
 * Revision rev of report id was submitted at at: out for the reporting
 * unit, in for the unit it goes to (the directive's issuer when it is above
 * the unit, else the parent; none at the root). After the report row
 * carries its number, in the same transaction.
 */
LT_MUST_CHECK int lt_register_report_submitted(lt_db *db, int64_t id, int rev, int64_t at,
					       lt_error *e);

/*
 * A page of unit's register of direction and year, in number order, the
 * entries numbered after after_seq (0: from the first), at most limit
 * (> 0). *items allocated in a.
 */
LT_MUST_CHECK int lt_register_page(lt_db *db, int64_t unit, const char *direction, int year,
				   int64_t after_seq, int limit, lt_arena *a,
				   lt_register_entry **items, size_t *n, lt_error *e);

/* The calendar year (Vietnam time) an instant is registered in. */
int lt_register_year(int64_t at);

#endif
