/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * directive.h — directives in the database: drafts, issue, receipts,
 * cascade down the tree, and the chain of directives implementing others.
 *
 * A directive's content is the checked JSON of core/directive.h; this
 * module stores it, resolves recipients when it is issued (each recipient
 * unit gets a receipt), and keeps issued directives immutable.
 */
#ifndef LT_DIRECTIVE_H
#define LT_DIRECTIVE_H

#include <jansson.h>
#include <stdint.h>

#include "core/arena.h"
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
	const char *issuer_code;
	const char *issuer_name;
	const char *issuer_path;
	const char *issuer_email;
} lt_directive_meta;

/* How the reader stands to a directive. */
enum lt_directive_access {
	LT_DIR_NONE = 0,
	LT_DIR_READER = 1, /* addressed to its unit or to one of its ancestors */
	LT_DIR_ISSUER = 2, /* the issuer is the reader's unit or below it */
};

/*
 * Create a draft from a checked document doc (borrowed) for issuer.
 * kind "directive" or "amendment" (then amends_id names the amended one);
 * implements_id: the directive this one carries out, or 0.
 */
LT_MUST_CHECK int lt_directive_create(lt_db *db, int64_t issuer, json_t *doc, const char *kind,
			int64_t amends_id, int64_t implements_id, int64_t actor, int64_t *id,
			lt_error *e);
/* Replace a draft's content (LT_ECONFLICT once issued). */
LT_MUST_CHECK int lt_directive_update(lt_db *db, int64_t id, json_t *doc, int64_t actor, lt_error *e);
/* Load meta (strings in a) and, if doc is not NULL, the content (new reference). */
LT_MUST_CHECK int lt_directive_get(lt_db *db, int64_t id, lt_arena *a, lt_directive_meta *m, json_t **doc,
		     lt_error *e);
/* Themes with their ids: new array [{id, pos, title, items[]}]. */
LT_MUST_CHECK int lt_directive_themes(lt_db *db, int64_t id, json_t **out, lt_error *e);
/*
 * Issue a complete draft: check it, resolve recipients inside the issuer's
 * subtree and give each a receipt, all in one transaction. *n gets the count.
 */
LT_MUST_CHECK int lt_directive_issue(lt_db *db, int64_t id, int64_t actor, int64_t *n, lt_error *e);
/* What the user of a unit (path, id) may do with a directive. */
LT_MUST_CHECK int lt_directive_access(lt_db *db, const lt_directive_meta *m, int64_t unit_id,
			const char *unit_path);

typedef struct lt_directive_filter {
	const char *box;       /* "inbox": addressed to unit_id; "issued": issued in the subtree */
	int64_t unit_id;
	const char *unit_path;
	const char *q;         /* diacritic-insensitive search over number, subject, themes */
	const char *state;     /* inbox: new | opened | acknowledged | pending (not acknowledged) */
	int limit;
} lt_directive_filter;

/* Summaries for a list view: new array of objects. */
LT_MUST_CHECK int lt_directive_list(lt_db *db, const lt_directive_filter *f, json_t **out, lt_error *e);

/* The receipt of unit for directive, or JSON null (new reference). */
LT_MUST_CHECK int lt_receipt_get(lt_db *db, int64_t directive, int64_t unit, json_t **out, lt_error *e);
/* Record the first view / the acknowledgement; LT_ENOTFOUND when unit is no recipient. */
LT_MUST_CHECK int lt_receipt_open(lt_db *db, int64_t directive, int64_t unit, int64_t user, lt_error *e);
LT_MUST_CHECK int lt_receipt_ack(lt_db *db, int64_t directive, int64_t unit, int64_t user, lt_error *e);
/*
 * Receipts of a directive with unit names and times, filtered by state
 * (NULL, new, opened, acknowledged, pending); counts {recipients, opened,
 * acknowledged, pending} over all of them. New references.
 */
LT_MUST_CHECK int lt_receipt_list(lt_db *db, int64_t directive, const char *state, json_t **items,
		    json_t **counts, lt_error *e);

/*
 * Draft an implementing directive from parent for issuer (a recipient):
 * themes, items, indicators and contests copied, the deadline three days
 * earlier, the parent cited, recipients = the grassroots unions under issuer.
 */
LT_MUST_CHECK int lt_directive_cascade(lt_db *db, int64_t parent, int64_t issuer, int64_t actor,
			 int64_t *id, lt_error *e);
/*
 * Find a directive by id ("12") or by number ("42/LĐLĐ", spaces and case as
 * typed are normalised); an ambiguous number is an error listing the ids.
 */
LT_MUST_CHECK int lt_directive_find(lt_db *db, const char *ref, int64_t *id, lt_error *e);
/* The chain: up (what this implements, nearest first) and down (what implements it). */
LT_MUST_CHECK int lt_directive_chain(lt_db *db, int64_t id, json_t **up, json_t **down, lt_error *e);

#endif
