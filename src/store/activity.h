/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * activity.h — the activity log: communication items a unit records for a
 * directive (what it published or shared, where, when, with what reach).
 *
 * Links arrive here already canonical (net/url.h lives above this layer:
 * the HTTP and CLI adapters canonicalise and detect the channel). The same
 * canonical link claimed by several units counts once as an original and
 * as shares for the others: the original is the earliest item whose kind
 * is an own publication (post, article, video, livestream, event) — the
 * unit that owns the page says so by not calling it a share — and, when
 * every claim is a share, the earliest one (date, then id). is_original is
 * recomputed for the link's group in every writing transaction.
 *
 * Rules: the directive must be issued and the unit one of its recipients
 * (or its issuer); nothing changes once lt_activity_locked() says the
 * unit's report for the directive is accepted. Every write is one
 * transaction (nested in the caller's) with an audit event.
 */
#ifndef LT_ACTIVITY_H
#define LT_ACTIVITY_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/error.h"
#include "store/db.h"

#define LT_ACTIVITY_TITLE_MAX 500

/* Counts not given are -1. */
typedef struct lt_activity_in {
	int line;                  /* import: source row number, for errors; else 0 */
	int64_t unit_id;
	int64_t theme_id;          /* 0: none */
	int64_t kit_item_id;       /* 0: not a share of a link-kit link */
	const char *channel;       /* a code of net/url.h: facebook, zalo, … */
	const char *kind;          /* post, share, article, video, livestream, event */
	const char *url;           /* as typed, or NULL (print, in-person event) */
	const char *url_canonical; /* canonical form of url, or NULL */
	const char *title;
	const char *date;          /* YYYY-MM-DD */
	int64_t views, reactions, comments, shares;
	const char *counts_on;     /* date the counts were read, or NULL */
} lt_activity_in;

/* Is kind a known activity kind? Are the channel codes known? */
bool lt_activity_kind_valid(const char *kind);
bool lt_activity_channel_valid(const char *channel);

/*
 * The lock hook for reports: true when (directive, unit)'s records are
 * frozen (for now: a row in record_lock). A storage error counts as locked.
 */
bool lt_activity_locked(lt_db *db, int64_t directive_id, int64_t unit_id);

/*
 * May unit record activities and figures for directive? The directive is
 * issued, the unit is a recipient or the issuer, and not locked.
 * 0, LT_ENOTFOUND, LT_EFORBIDDEN or LT_ECONFLICT (locked) with e set.
 */
LT_MUST_CHECK int lt_activity_check_scope(lt_db *db, int64_t directive_id, int64_t unit_id, lt_error *e);

/* Validate the fields of in (borrowed) without touching the database. */
LT_MUST_CHECK int lt_activity_validate(const lt_activity_in *in, lt_error *e);

/* Create one item; *id gets its id. actor: user id or 0 (CLI/system). */
LT_MUST_CHECK int lt_activity_create(lt_db *db, int64_t directive_id, const lt_activity_in *in, int64_t actor,
		       int64_t *id, lt_error *e);
/* Replace the fields of item id (its unit and directive stay). */
LT_MUST_CHECK int lt_activity_update(lt_db *db, int64_t id, const lt_activity_in *in, int64_t actor,
		       lt_error *e);
/* Delete item id (and its photo links). */
LT_MUST_CHECK int lt_activity_delete(lt_db *db, int64_t id, int64_t actor, lt_error *e);

/*
 * Import rows[n] for directive, all or nothing, in one transaction: one
 * audit event "import" for the batch (with the count and the id range).
 * On error *bad is the index of the failing row (rows[*bad].line for the
 * message) and e->field its field name.
 */
LT_MUST_CHECK int lt_activity_import(lt_db *db, int64_t directive_id, const lt_activity_in *rows, size_t n,
		       int64_t actor, size_t *bad, lt_error *e);

/*
 * One item as JSON (new reference): fields, unit {id, code, name, path},
 * theme, is_original, the other claims of the same link, photos, and the
 * link check when there is one.
 */
LT_MUST_CHECK int lt_activity_get(lt_db *db, int64_t id, json_t **out, lt_error *e);
/* Directive and unit of item id (for access checks). */
LT_MUST_CHECK int lt_activity_owner(lt_db *db, int64_t id, int64_t *directive_id, int64_t *unit_id,
		      lt_error *e);

typedef struct lt_activity_filter {
	int64_t directive_id;  /* 0: any */
	const char *within;    /* only units under this path (the reader's subtree) */
	int64_t unit_id;       /* 0: every unit under within */
	int64_t theme_id;
	int64_t kit_item_id;
	const char *channel;
	const char *kind;
	const char *from, *to; /* dates, inclusive */
	const char *q;         /* diacritic-insensitive search over title, link, unit */
	int limit;             /* 0: 100; at most 10000 */
	int offset;
} lt_activity_filter;

/*
 * Items matching f, newest first: *items an array (after offset/limit),
 * *counts {items, originals, shares, by_channel{}} over every match.
 */
LT_MUST_CHECK int lt_activity_list(lt_db *db, const lt_activity_filter *f, json_t **items, json_t **counts,
		     lt_error *e);

/* The items claiming the link url_canonical: [{id, unit, kind, date, is_original}]. */
LT_MUST_CHECK int lt_activity_claims(lt_db *db, const char *url_canonical, json_t **out, lt_error *e);

/*
 * Guess the theme of directive an item belongs to from its title and link
 * (borrowed): the folded words are matched against each theme's title and
 * items, rarer words weighing more. *theme_id 0 when nothing matches;
 * *score the winning score (for tests and the UI's confidence).
 */
LT_MUST_CHECK int lt_activity_guess_theme(lt_db *db, int64_t directive_id, const char *title, const char *url,
			    int64_t *theme_id, double *score, lt_error *e);

/*
 * Continuity of the campaign for the recipient units of directive under
 * within: per unit the items per day, the first item and how many days
 * after receipt it came, the last item and the days of silence up to
 * today (YYYY-MM-DD) or the report deadline, whichever comes first. With
 * silent_days > 0, only units silent that long.
 * *out {from, to, units:[…]} (new reference).
 */
LT_MUST_CHECK int lt_activity_continuity(lt_db *db, int64_t directive_id, const char *within,
			   const char *today, int silent_days, json_t **out, lt_error *e);

#endif
