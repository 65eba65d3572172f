/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * activity.h — the activity log in the database: communication items a
 * unit records for a directive (what it published or shared, where, when,
 * with what reach), as SQL and typed rows.
 *
 * Links arrive here already canonical (the app layer canonicalises them
 * with net/url.h). The same canonical link claimed by several units counts
 * once as an original and as shares for the others: the original is the
 * earliest item whose kind is an own publication (post, article, video,
 * livestream, event) — the unit that owns the page says so by not calling
 * it a share — and, when every claim is a share, the earliest one (date,
 * then id). is_original is recomputed for the link's group in every
 * writing statement set below, each under the lock of the group
 * (lt_activity_lock_links, activity_count.h: the order of the locks).
 *
 * Who may record for which unit and directive (recipients, locks) is
 * decided in app/ (app/activity_access.c) from lt_activity_scope_of: the
 * writes here trust their caller. Every write is one transaction (nested
 * in the caller's) with an audit event.
 *
 * Rows read here keep their strings in the arena the caller passes.
 */
#ifndef LT_ACTIVITY_H
#define LT_ACTIVITY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/error.h"
#include "store/db.h"

#define LT_ACTIVITY_TITLE_MAX 500
/* A free-text search counts up to this many matches ("10.000+"). */
#define LT_ACTIVITY_COUNT_CAP 10000
/* A search of a subtree of more than LT_ACTIVITY_SMALL units looks at this many items after its cursor, at most. */
#define LT_ACTIVITY_SCAN 20000
#define LT_ACTIVITY_SMALL 10000

/* A unit as the activity lists name it (strings in the caller's arena). */
typedef struct lt_act_unit {
	int64_t id;
	const char *code;
	const char *name;
	const char *path; /* NULL where the query does not read it */
} lt_act_unit;

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

/* Validate the fields of in (borrowed) without touching the database. */
LT_MUST_CHECK int lt_activity_validate(const lt_activity_in *in, lt_error *e);

/*
 * What the database says about (directive, unit) for a write: does the
 * directive exist, is it issued, is the unit its issuer or a recipient, are
 * the unit's records for it locked (its report accepted: a row in
 * record_lock). The decision is app/'s.
 */
typedef struct lt_activity_scope {
	bool found;     /* the directive exists */
	bool issued;
	bool issuer;    /* unit is the directive's issuer */
	bool recipient; /* unit has a receipt */
	bool locked;
	char report[16]; /* the unit's report status ("submitted", "accepted", …), "" without one */
} lt_activity_scope;

LT_MUST_CHECK int lt_activity_scope_of(lt_db *db, int64_t directive_id, int64_t unit_id,
				       lt_activity_scope *out, lt_error *e);

/*
 * Create one item (validated here, and its theme and kit link checked to be
 * the directive's); *id (may be NULL) gets its id. actor: user id or 0.
 */
LT_MUST_CHECK int lt_activity_create(lt_db *db, int64_t directive_id, const lt_activity_in *in,
				     int64_t actor, int64_t *id, lt_error *e);
/*
 * The item of unit_id for directive_id whose canonical link is canon, other
 * than item except (0: none): 1 with *id, 0 when there is none, < 0 on error.
 */
LT_MUST_CHECK int lt_activity_find_link(lt_db *db, int64_t directive_id, int64_t unit_id,
					const char *canon, int64_t except, int64_t *id, lt_error *e);
/* Replace the fields of item id (its unit and directive stay). */
LT_MUST_CHECK int lt_activity_update(lt_db *db, int64_t id, const lt_activity_in *in, int64_t actor,
				     lt_error *e);
/* Delete item id (and its photo links; images no other item shows go too). */
LT_MUST_CHECK int lt_activity_delete(lt_db *db, int64_t id, int64_t actor, lt_error *e);

/*
 * Insert rows[n] for directive in one transaction: one audit event
 * "import" for the batch (with the count and the id range). Every row is
 * validated first. On error *bad is the index of the failing row
 * (rows[*bad].line for the message) and e->field its field name.
 */
LT_MUST_CHECK int lt_activity_import(lt_db *db, int64_t directive_id, const lt_activity_in *rows,
				     size_t n, int64_t actor, size_t *bad, lt_error *e);

/* Directive and unit of item id (for access checks). LT_ENOTFOUND naming "id". */
LT_MUST_CHECK int lt_activity_owner(lt_db *db, int64_t id, int64_t *directive_id, int64_t *unit_id,
				    lt_error *e);

/* ---------- reading ---------- */

typedef struct lt_activity_row {
	int64_t id;
	lt_act_unit unit;          /* path read by lt_activity_get only */
	int64_t directive_id;
	int64_t theme_id;          /* 0: none */
	int64_t theme_pos;
	const char *theme_title;
	int64_t kit_item_id;       /* 0: none */
	const char *channel;
	const char *kind;
	const char *url;           /* NULL: none */
	const char *url_canonical; /* NULL: none */
	const char *title;
	const char *date;
	int64_t views, reactions, comments, shares; /* -1: unknown */
	const char *counts_on;     /* NULL: none */
	bool is_original;
	int64_t created_at, updated_at;
	int64_t photo_count;
} lt_activity_row;

/* One item. LT_ENOTFOUND naming "id". */
LT_MUST_CHECK int lt_activity_get(lt_db *db, int64_t id, lt_arena *a, lt_activity_row *out,
				  lt_error *e);

typedef struct lt_activity_photo_row {
	int64_t pos;
	const char *hash, *mime;
	int64_t width, height, bytes;
} lt_activity_photo_row;

/* The photos of item id, by position. */
LT_MUST_CHECK int lt_activity_photos(lt_db *db, int64_t id, lt_arena *a, lt_activity_photo_row **v,
				     size_t *n, lt_error *e);

typedef struct lt_activity_claim {
	int64_t id;
	lt_act_unit unit;
	const char *kind;
	const char *date;
	bool is_original;
	int64_t directive_id;
} lt_activity_claim;

/*
 * The items claiming the link url_canonical whose unit lies under within (the
 * reader's subtree), the original first (at most 500); *elsewhere: whether a
 * unit outside within claims it too (no more is said of those).
 */
LT_MUST_CHECK int lt_activity_claims(lt_db *db, const char *url_canonical, const char *within,
				     lt_arena *a, lt_activity_claim **v, size_t *n,
				     bool *elsewhere, lt_error *e);

typedef struct lt_link_check_row {
	const char *state;     /* pending, running, done, failed */
	int64_t http_status;   /* 0: none yet */
	const char *title, *og_title, *final_url, *error; /* NULL: none */
	int64_t checked_at;    /* 0: never */
} lt_link_check_row;

/* The link check of url_canonical, if any (*found false when the link is not queued). */
LT_MUST_CHECK int lt_activity_link_check(lt_db *db, const char *url_canonical, lt_arena *a,
					 lt_link_check_row *out, bool *found, lt_error *e);

typedef struct lt_activity_filter {
	int64_t directive_id;  /* 0: any */
	const char *within;    /* only units under this path (NULL: the whole tree) */
	int64_t unit_id;       /* 0: every unit under within */
	int64_t theme_id;
	int64_t kit_item_id;
	const char *channel;
	const char *kind;
	const char *from, *to; /* dates, inclusive */
	const char *q;         /* diacritic-insensitive search over title, link, unit */
	int limit;             /* 0: 100; at most 10000 */
	int offset;
	const char *after_date; /* keyset paging: only rows after (date, id) in the list's order */
	int64_t after_id;
	int scan;              /* a search looks at this many items at most (0: LT_ACTIVITY_SCAN) */
	int small;             /* a subtree of up to this many units is searched whole (0: LT_ACTIVITY_SMALL) */
} lt_activity_filter;

typedef struct lt_channel_count {
	const char *channel;
	int64_t n;
} lt_channel_count;

/* One page of items and the counts over every match. */
typedef struct lt_activity_page {
	lt_activity_row *rows; /* newest first, after offset/limit */
	size_t n;
	int64_t total, originals;     /* over every match */
	lt_channel_count *by_channel; /* in order of first appearance */
	size_t nchannels;
	bool more;                    /* rows remain after this page */
	bool capped;                  /* a search's counts are floors: it stopped counting at
					 LT_ACTIVITY_COUNT_CAP, or looked at LT_ACTIVITY_SCAN items */
	const char *resume_date;      /* a search that looked at LT_ACTIVITY_SCAN items before its */
	int64_t resume_id;            /* page filled: the next page starts after this (date, id) */
	const char *next_cursor;      /* set by app/: the page's cursor, or NULL */
} lt_activity_page;

LT_MUST_CHECK int lt_activity_list(lt_db *db, const lt_activity_filter *f, lt_arena *a,
				   lt_activity_page *out, lt_error *e);

/*
 * Every item f matches (its limit, offset and cursor aside), oldest first
 * (date, then id), given to fn one at a time from one statement: an export
 * of any size, holding one row. The row lives until fn returns; fn's error
 * (0 or a negative LT_E*, e set) ends the walk and is returned.
 */
typedef int (*lt_activity_row_fn)(const lt_activity_row *r, void *ctx, lt_error *e);
LT_MUST_CHECK int lt_activity_each(lt_db *db, const lt_activity_filter *f,
				   lt_activity_row_fn fn, void *ctx, lt_error *e);

/* A theme of a directive, with its items as stored (a JSON array text). */
typedef struct lt_activity_theme {
	int64_t id;
	int64_t pos;
	const char *title;
	const char *items;
} lt_activity_theme;

/* The themes of directive, by position. */
LT_MUST_CHECK int lt_activity_themes(lt_db *db, int64_t directive_id, lt_arena *a,
				     lt_activity_theme **v, size_t *n, lt_error *e);

/* The codes of the active units under within (path order, at most 5000), for a drop-down. */
LT_MUST_CHECK int lt_activity_unit_codes(lt_db *db, const char *within, lt_arena *a,
					 const char ***codes, size_t *n, lt_error *e);

/* ---------- continuity ---------- */

typedef struct lt_activity_recipient {
	lt_act_unit unit;
	int64_t received_at;
} lt_activity_recipient;

typedef struct lt_activity_day {
	int64_t unit_id;
	const char *date;
	int64_t n;
} lt_activity_day;

/*
 * What the continuity view is made of, for the recipient units of
 * directive under within: *deadline its report deadline (NULL: none), the
 * recipients with their receipt time (path order), and the items per unit
 * and day (by unit, then date).
 */
typedef struct lt_activity_days {
	const char *deadline;
	lt_activity_recipient *units;
	size_t nunits;
	lt_activity_day *days;
	size_t ndays;
} lt_activity_days;

/* One page: recipients whose path sorts after `after` (NULL: the start), at most limit (0: all). */
LT_MUST_CHECK int lt_activity_continuity_rows(lt_db *db, int64_t directive_id, const char *within,
					      const char *after, int limit, lt_arena *a,
					      lt_activity_days *out, lt_error *e);

#endif
