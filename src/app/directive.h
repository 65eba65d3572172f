/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * directive.h — directives' use cases: drafts, issue, receipts, cascade,
 * amendments, the chain, letters imported as drafts, the official
 * document and the lists.
 *
 * Access, decided here for every adapter:
 *   - the issuing side — a user whose subtree holds the issuer — reads the
 *     directive, draft or issued; its officers change, issue and amend it
 *     and see every recipient's receipt;
 *   - once issued, a directive addressed to the reader's unit or one of its
 *     ancestors is readable (core/directive.h lt_directive_standing);
 *   - anything else answers "no such directive", so that a sibling's
 *     drafts are not even named;
 *   - a unit acknowledges, opens and carries further down (cascade, its
 *     officers) only as itself; the console acts as any unit.
 * A directive is a JSON document (core/directive.h); functions that take
 * one borrow it and check it themselves.
 */
#ifndef LT_APP_DIRECTIVE_H
#define LT_APP_DIRECTIVE_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app/actor.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/error.h"
#include "store/db.h"
#include "store/directive.h"
#include "text/letter.h"

/* A directive as its reader sees it. */
typedef struct lt_directive_view {
	lt_directive_meta meta;
	json_t *doc; /* owned: lt_app_directive_view_free */
	int access;  /* LT_DIR_READER or LT_DIR_ISSUER */
	lt_directive_theme *themes;
	size_t nthemes;
	bool has_receipt;         /* the actor's unit is a recipient */
	lt_receipt receipt;
	bool has_counts;          /* the issuing side sees the counts */
	lt_receipt_counts counts;
	struct lt_indicator_row *indicators; /* the figures asked for, labelled, in the doc's order */
	size_t nindicators;
} lt_directive_view;

/* A draft to create. */
typedef struct lt_directive_draft {
	json_t *doc;           /* unchecked document, borrowed */
	int64_t issuer_id;     /* 0: the actor's unit */
	int64_t implements_id; /* the directive it carries out, or 0 */
	bool issue;            /* issue it at once, in the same transaction */
} lt_directive_draft;

/* The chain of a directive. */
typedef struct lt_directive_chain {
	lt_directive_meta meta;
	lt_directive_summary *up, *down;
	size_t nup, ndown;
} lt_directive_chain;

void lt_app_directive_view_free(lt_directive_view *v);

/* ---------- access, for every feature that works on a directive ---------- */

/* *acc gets who's standing towards m (enum lt_directive_access). */
LT_MUST_CHECK int lt_app_directive_access(lt_db *db, const lt_actor *who,
					  const lt_directive_meta *m, int *acc, lt_error *e);
/*
 * Load directive id (meta; doc text too when doc is not NULL) if who may
 * read it; *acc (may be NULL) gets the standing. LT_ENOTFOUND naming "id"
 * otherwise, the same answer as for a missing one.
 */
LT_MUST_CHECK int lt_app_directive_load(lt_db *db, const lt_actor *who, int64_t id, lt_arena *a,
					lt_directive_meta *m, const char **doc, int *acc,
					lt_error *e);
/* A directive named by id ("12") or number ("42/LĐLĐ"), as the CLI names them. */
LT_MUST_CHECK int lt_app_directive_find(lt_db *db, const lt_actor *who, const char *ref,
					int64_t *id, lt_error *e);

/* ---------- use cases (directive.c) ---------- */

/*
 * The inbox (addressed to f->unit_id) or the issued box (issued in
 * f->unit_path's subtree); f->unit_id 0 means the actor's unit.
 */
LT_MUST_CHECK int lt_app_directive_list(lt_db *db, const lt_actor *who,
					const lt_directive_filter *f, lt_arena *a,
					lt_directive_summary **items, size_t *n, lt_error *e);
/* Open a directive; the first view by a recipient unit is recorded. */
LT_MUST_CHECK int lt_app_directive_get(lt_db *db, const lt_actor *who, int64_t id, lt_arena *a,
				       lt_directive_view *out, lt_error *e);
/*
 * The functions that change a directive end by filling *out (may be NULL)
 * with the directive as the actor now sees it (lt_app_directive_get), in
 * the same transaction; strings in a, out->doc owned.
 */

/*
 * Create a draft (officers, for a unit of their subtree); with in->issue,
 * issue it too (then out->counts.recipients says to how many units).
 */
LT_MUST_CHECK int lt_app_directive_create(lt_db *db, const lt_actor *who,
					  const lt_directive_draft *in, lt_arena *a,
					  lt_directive_view *out, lt_error *e);
/* Replace a draft's content (the issuing side's officers). */
LT_MUST_CHECK int lt_app_directive_update(lt_db *db, const lt_actor *who, int64_t id, json_t *doc,
					  lt_arena *a, lt_directive_view *out, lt_error *e);
/*
 * Issue a draft to its recipients; *n gets their count. With dry_run
 * nothing is kept (and out is not filled): the officer sees who would
 * receive it, or what is missing.
 */
LT_MUST_CHECK int lt_app_directive_issue(lt_db *db, const lt_actor *who, int64_t id, bool dry_run,
					 int64_t *n, lt_arena *a, lt_directive_view *out,
					 lt_error *e);
/* Record that unit (0: the actor's) opened / acknowledged the directive. */
LT_MUST_CHECK int lt_app_directive_open(lt_db *db, const lt_actor *who, int64_t id,
					int64_t unit_id, lt_error *e);
LT_MUST_CHECK int lt_app_directive_ack(lt_db *db, const lt_actor *who, int64_t id,
				       int64_t unit_id, lt_arena *a, lt_directive_view *out,
				       lt_error *e);
/*
 * Every recipient's receipt, filtered by state: on the issuing side; for an
 * officer of a unit that reads it, the recipients below that unit only.
 */
LT_MUST_CHECK int lt_app_directive_receipts(lt_db *db, const lt_actor *who, int64_t id,
					    const char *state, lt_arena *a, lt_receipt **items,
					    size_t *n, lt_receipt_counts *counts, lt_error *e);
/*
 * One page of them in tree order (pg: limit and cursor; NULL: all): up to pg->limit + 1
 * rows, the last only saying there is more; the counts cover every recipient.
 */
struct lt_page;
LT_MUST_CHECK int lt_app_directive_receipts_page(lt_db *db, const lt_actor *who, int64_t id,
						 const char *state, const struct lt_page *pg,
						 lt_arena *a, lt_receipt **items, size_t *n,
						 lt_receipt_counts *counts, lt_error *e);
/* The directives it implements and those implementing it. */
LT_MUST_CHECK int lt_app_directive_chain(lt_db *db, const lt_actor *who, int64_t id, lt_arena *a,
					 lt_directive_chain *out, lt_error *e);

/* ---------- drafts from others (directive_flow.c) ---------- */

/*
 * Draft the implementing directive of id for unit (0: the actor's), a
 * recipient, by its officers: themes, items, indicators and contests
 * copied, the deadline three days earlier, id cited, recipients the
 * grassroots unions under unit. *out gets the draft.
 */
LT_MUST_CHECK int lt_app_directive_cascade(lt_db *db, const lt_actor *who, int64_t id,
					   int64_t unit_id, lt_arena *a, lt_directive_view *out,
					   lt_error *e);
/* Draft an amendment of issued directive id: a copy citing it, without a number. */
LT_MUST_CHECK int lt_app_directive_amend(lt_db *db, const lt_actor *who, int64_t id, lt_arena *a,
					 lt_directive_view *out, lt_error *e);
/* The công văn itself as "pdf" or "docx" (NULL: pdf), appended to out; *type its MIME type. */
LT_MUST_CHECK int lt_app_directive_document(lt_db *db, const lt_actor *who, int64_t id,
					    const char *format, lt_arena *a, lt_buf *out,
					    const char **type, lt_error *e);

/*
 * Read an official letter: plain text or a .docx (told apart by content,
 * not by name). *out is owned (lt_letter_free).
 */
LT_MUST_CHECK int lt_app_letter_read(const char *data, size_t len, lt_letter **out, lt_error *e);
/*
 * A letter as a reviewable draft: *out gets {letter, directive, notes} (new
 * reference); with save, the draft is also stored for the actor's unit (its
 * officers) and *id gets it (else 0).
 */
LT_MUST_CHECK int lt_app_directive_parse(lt_db *db, const lt_actor *who, const char *data,
					 size_t len, bool save, json_t **out, int64_t *id,
					 lt_error *e);
/*
 * A directive from a file: its JSON document, or a letter (text or .docx)
 * mapped for issuer_id (0: the actor's unit); then as
 * lt_app_directive_create. *notes gets what the officer should check about
 * a letter (new reference, or NULL).
 */
LT_MUST_CHECK int lt_app_directive_import(lt_db *db, const lt_actor *who, const char *data,
					  size_t len, int64_t issuer_id, bool issue, lt_arena *a,
					  lt_directive_view *out, json_t **notes, lt_error *e);

/* ---------- the API's documents (directive_json.c); new references ---------- */

/* {directive: {…document, id, status, kind, issuer, amends_id, implements_id, issued_at}, themes, receipt, access, counts?} */
json_t *lt_app_directive_view_json(const lt_directive_view *v);
/* {"items": […], "total": n}; inbox rows carry their receipt, issued rows their counts. */
json_t *lt_app_directive_list_json(const lt_directive_summary *items, size_t n, bool inbox);
/* One page: items read with limit + 1 rows (f.limit), next_cursor when there were more. */
json_t *lt_app_directive_list_page_json(const lt_directive_summary *items, size_t n, bool inbox,
					int limit, lt_arena *a);
/* {"items": [{unit, received_at, opened_at, acknowledged_at, state}], "counts": {…}} */
/* A page of receipts: items (at most limit of n), counts, next_cursor (null at the end). */
json_t *lt_app_directive_receipts_page_json(const lt_receipt *items, size_t n,
					    const lt_receipt_counts *c, int limit, lt_arena *a);
json_t *lt_app_directive_receipts_json(const lt_receipt *items, size_t n,
				       const lt_receipt_counts *c);
/* {"up": […], "self": {id, issuer}, "down": […]} */
json_t *lt_app_directive_chain_json(const lt_directive_chain *c);
/* Themes as [{id, pos, title, items[]}]. */
json_t *lt_app_directive_themes_json(const lt_directive_theme *t, size_t n);

#endif
