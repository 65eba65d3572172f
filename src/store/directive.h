/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * directive.h — directives in the database: drafts, issue to recipients,
 * receipts, lists and the chain of directives implementing others.
 *
 * SQL and typed rows only. The document itself is stored as the JSON text
 * that core/directive.h checked; its searchable and listed parts are kept
 * in columns and rows of their own (lt_directive_parts). Who may read or
 * change a directive, and what its status allows, is decided above
 * (app/directive.h, core/directive.h). Strings of returned rows live in the
 * arena passed in.
 */
#ifndef LT_DIRECTIVE_H
#define LT_DIRECTIVE_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/directive.h"
#include "core/error.h"
#include "store/db.h"

typedef struct lt_directive_meta {
	int64_t id;
	int64_t issuer_id;
	int64_t amends_id;     /* 0: none */
	int64_t implements_id; /* 0: none */
	int64_t created_at;
	int64_t issued_at;     /* 0: draft */
	const char *status;    /* draft | issued */
	const char *kind;      /* directive | amendment */
	const char *number;    /* NULL until given */
	const char *issuer_code;
	const char *issuer_name;
	const char *issuer_path;
	const char *issuer_email;
} lt_directive_meta;

/* A new directive: who issues it, what it is, and its checked content. */
typedef struct lt_directive_new {
	int64_t issuer_id;
	const char *kind;      /* "directive" | "amendment" */
	int64_t amends_id;     /* 0: none */
	int64_t implements_id; /* 0: none */
	lt_directive_parts parts;
} lt_directive_new;

/* One theme of a directive, with its id (activities point at it). */
typedef struct lt_directive_theme {
	int64_t id;
	int64_t pos; /* 1-based */
	const char *title;
	const char *items; /* JSON array text of strings */
} lt_directive_theme;

/* One recipient unit's receipt; times are Unix seconds, 0 when not yet. */
typedef struct lt_receipt {
	int64_t unit_id;
	const char *unit_code, *unit_name;
	int64_t received_at, opened_at, acknowledged_at;
	const char *unit_path; /* set by lt_receipt_page */
} lt_receipt;

typedef struct lt_receipt_counts {
	int64_t recipients, opened, acknowledged, pending;
} lt_receipt_counts;

/* A directive as a line of a list (inbox, issued box, chain). */
typedef struct lt_directive_summary {
	int64_t id;
	const char *number, *date, *subject, *status, *kind, *report_deadline;
	int64_t issuer_id;
	const char *issuer_name;
	int64_t implements_id;    /* chain rows */
	lt_receipt receipt;       /* inbox rows: the unit's receipt */
	lt_receipt_counts counts; /* issued rows: over its recipients (pending not set) */
} lt_directive_summary;

typedef struct lt_directive_filter {
	const char *box;       /* "inbox": addressed to unit_id; "issued": issued in the subtree */
	int64_t unit_id;
	const char *unit_path;
	const char *q;         /* diacritic-insensitive search over number, subject, themes */
	const char *state;     /* inbox: new | opened | acknowledged | pending (not acknowledged) */
	int limit;             /* rows to read (0: 200) */
	const char *after;     /* the key of the last row sent (app/directive.c reads it), or NULL */
	/* Where to go on from (after_id 0: the start): inbox by (received_at, id) going down;
	 * issued box drafts first, then issued ones, each by (date or "", id) going down. */
	int64_t after_id, after_at;
	const char *after_status, *after_date;
} lt_directive_filter;

/* ---------- drafts ---------- */

/* Insert a draft (with its themes and indicators); *id gets its id. actor: user or 0. */
LT_MUST_CHECK int lt_directive_insert(lt_db *db, const lt_directive_new *in, int64_t actor,
				      int64_t *id, lt_error *e);
/* Replace a draft's content; LT_ECONFLICT when it is no longer a draft. */
LT_MUST_CHECK int lt_directive_replace(lt_db *db, int64_t id, const lt_directive_parts *p,
				       int64_t actor, lt_error *e);
/* Load meta and, if doc is not NULL, the document's JSON text (both in a). LT_ENOTFOUND. */
LT_MUST_CHECK int lt_directive_load(lt_db *db, int64_t id, lt_arena *a, lt_directive_meta *m,
				    const char **doc, lt_error *e);
/* Themes with their ids, in order. */
LT_MUST_CHECK int lt_directive_theme_list(lt_db *db, int64_t id, lt_arena *a,
					  lt_directive_theme **items, size_t *n, lt_error *e);
/*
 * Find a directive by id ("12") or by number ("42/LĐLĐ", spaces and case as
 * typed are normalised); an ambiguous number is an error listing the ids.
 */
LT_MUST_CHECK int lt_directive_find(lt_db *db, const char *ref, int64_t *id, lt_error *e);

/* ---------- issue and receipts ---------- */

/*
 * Issue draft id to r: every recipient is an active unit strictly inside
 * the issuer's subtree (LT_EINVAL / LT_EFORBIDDEN naming the recipients
 * field otherwise), each gets a receipt, and the directive becomes issued
 * (LT_EEXIST on "number" when the issuer used it this year). One
 * transaction; *n gets the recipients.
 */
LT_MUST_CHECK int lt_directive_issue_to(lt_db *db, int64_t id, const lt_recipients *r,
					int64_t actor, int64_t *n, lt_error *e);
/* The receipt of unit for directive into *out; *found false when unit is no recipient. */
LT_MUST_CHECK int lt_receipt_of(lt_db *db, int64_t directive, int64_t unit, lt_arena *a,
				lt_receipt *out, bool *found, lt_error *e);
/*
 * Is the directive addressed to the unit at path, one of its ancestors, or
 * a unit below it (an intermediate level, e.g. a commune whose unions
 * received it, follows and reviews their work)?
 */
LT_MUST_CHECK int lt_receipt_addressed(lt_db *db, int64_t directive, const char *path,
				       bool *yes, lt_error *e);
/* Record the first view / the acknowledgement; LT_ENOTFOUND when unit is no recipient. */
LT_MUST_CHECK int lt_receipt_open(lt_db *db, int64_t directive, int64_t unit, int64_t user, lt_error *e);
LT_MUST_CHECK int lt_receipt_ack(lt_db *db, int64_t directive, int64_t unit, int64_t user, lt_error *e);
/*
 * Receipts of a directive in tree order, those matching state (NULL: all;
 * see lt_receipt_state_is); counts (may be NULL) over all of them.
 */
LT_MUST_CHECK int lt_receipt_rows(lt_db *db, int64_t directive, const char *state, lt_arena *a,
				  lt_receipt **items, size_t *n, lt_receipt_counts *counts,
				  lt_error *e);
/*
 * The same, one page: rows whose unit path sorts after `after` (NULL: from
 * the start), at most limit (0: all); the counts still cover every recipient.
 * below (NULL: every recipient): only recipients strictly below the unit of
 * that path, rows and counts alike.
 */
LT_MUST_CHECK int lt_receipt_page(lt_db *db, int64_t directive, const char *state,
				  const char *below, const char *after, int limit, lt_arena *a,
				  lt_receipt **items, size_t *n, lt_receipt_counts *counts,
				  lt_error *e);

/* ---------- lists and the chain ---------- */

/*
 * The inbox or the issued box of f, newest first, at most f->limit (0: 200),
 * from after its key: the inbox along receipt_unit_order, the issued box
 * along directive_status_date (drafts, then issued directives).
 */
LT_MUST_CHECK int lt_directive_summaries(lt_db *db, const lt_directive_filter *f, lt_arena *a,
					 lt_directive_summary **items, size_t *n, lt_error *e);
/*
 * The chain of id: up (what it implements, nearest first) and down (what
 * implements it, breadth first, with implements_id set).
 */
LT_MUST_CHECK int lt_directive_chain_rows(lt_db *db, int64_t id, lt_arena *a,
					  lt_directive_summary **up, size_t *nup,
					  lt_directive_summary **down, size_t *ndown, lt_error *e);

/*
 * ---------- transitional: for the features not yet moved to app/ ----------
 * (directive_compat.c). These keep the old JSON signatures on top of the
 * typed functions above; delete each when its last caller has moved to
 * app/directive.h.
 */

/* lt_directive_parts_of + lt_directive_insert (tests/unit/store/test_report.c). */
LT_MUST_CHECK int lt_directive_create(lt_db *db, int64_t issuer, json_t *doc, const char *kind,
				      int64_t amends_id, int64_t implements_id, int64_t actor,
				      int64_t *id, lt_error *e);
/* Check the draft complete and issue it to its recipients (tests/unit/store/test_report.c). */
LT_MUST_CHECK int lt_directive_issue(lt_db *db, int64_t id, int64_t actor, int64_t *n, lt_error *e);
/* lt_directive_load, the document parsed when doc is not NULL (new reference). */
LT_MUST_CHECK int lt_directive_get(lt_db *db, int64_t id, lt_arena *a, lt_directive_meta *m,
				   json_t **doc, lt_error *e);
/* Themes as [{id, pos, title, items[]}] (new reference). */
LT_MUST_CHECK int lt_directive_themes(lt_db *db, int64_t id, json_t **out, lt_error *e);
/* Receipts as [{unit{id,code,name}, received_at, opened_at, acknowledged_at, state}] and counts. */
LT_MUST_CHECK int lt_receipt_list(lt_db *db, int64_t directive, const char *state, json_t **items,
				  json_t **counts, lt_error *e);

#endif
