/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * activity.h — the activity log's use cases: list items, paste a link to
 * detect its channel and theme, record / edit / delete an item, its photos,
 * and the campaign's continuity. Shared by the HTTP API, the CLI and the
 * demo; each takes the actor and decides access itself (the rules are in
 * app/activity_access.h). Their JSON is app/activity_json.h's.
 *
 * Results live in the arena a passed in.
 */
#ifndef LT_APP_ACTIVITY_H
#define LT_APP_ACTIVITY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app/actor.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/error.h"
#include "store/activity.h"
#include "store/db.h"

/* One item as the API shows it: the row, its photos, the claims of its link, its check. */
typedef struct lt_app_item {
	lt_activity_row row;
	lt_activity_photo_row *photos;
	size_t nphotos;
	lt_activity_claim *claims; /* when it has a link: those in the reader's subtree */
	size_t nclaims;
	bool claimed_elsewhere;    /* a unit outside the reader's subtree claims it too */
	bool has_check;
	lt_link_check_row check;
	bool can_edit; /* may the actor change it now (its unit's, not locked)? */
} lt_app_item;

/* Which fields of an lt_app_item_in were given (an update keeps the others). */
enum lt_item_field {
	LT_ITEM_THEME = 1u << 0,
	LT_ITEM_KIT = 1u << 1,
	LT_ITEM_CHANNEL = 1u << 2,
	LT_ITEM_KIND = 1u << 3,
	LT_ITEM_URL = 1u << 4,
	LT_ITEM_TITLE = 1u << 5,
	LT_ITEM_DATE = 1u << 6,
	LT_ITEM_VIEWS = 1u << 7,
	LT_ITEM_REACTIONS = 1u << 8,
	LT_ITEM_COMMENTS = 1u << 9,
	LT_ITEM_SHARES = 1u << 10,
	LT_ITEM_COUNTS_ON = 1u << 11,
};

/*
 * An item as a user gives it: the link as typed (canonicalised here; it
 * gives the channel unless one is named), the kind ("share" for a link-kit
 * share, else "post"), the date (today), the title (the link), the theme
 * (guessed from the title and link when not given). Strings borrowed; a
 * given NULL string or -1 count is a cleared field.
 */
typedef struct lt_app_item_in {
	unsigned given;       /* LT_ITEM_* */
	int64_t directive_id; /* create only */
	int64_t unit_id;      /* create only; 0: the actor's own unit */
	int64_t theme_id;     /* 0: none */
	int theme_pos;        /* instead of theme_id: the theme at this position (> 0) */
	int64_t kit_item_id;
	const char *channel, *kind, *url, *title, *date, *counts_on;
	int64_t views, reactions, comments, shares;
} lt_app_item_in;

/* Record an item for in->directive_id; *out the item as stored. */
LT_MUST_CHECK int lt_app_activity_create(lt_db *db, const lt_actor *who, const lt_app_item_in *in,
					 lt_arena *a, lt_app_item *out, lt_error *e);
/* Item id, when the actor may read it (its unit in the actor's subtree), else LT_ENOTFOUND. */
LT_MUST_CHECK int lt_app_activity_get(lt_db *db, const lt_actor *who, int64_t id, lt_arena *a,
				      lt_app_item *out, lt_error *e);
/* Change the given fields of item id (a new link re-detects its channel unless one is named). */
LT_MUST_CHECK int lt_app_activity_update(lt_db *db, const lt_actor *who, int64_t id,
					 const lt_app_item_in *in, lt_arena *a, lt_app_item *out,
					 lt_error *e);
/* Delete item id. */
LT_MUST_CHECK int lt_app_activity_delete(lt_db *db, const lt_actor *who, int64_t id, lt_error *e);

/* What a list asks for; strings borrowed (NULL or "": any). */
typedef struct lt_app_activity_query {
	int64_t directive_id; /* 0: any */
	int64_t unit_id;      /* 0: the actor's subtree, else that unit and its subtree */
	int64_t theme_id;
	int theme_pos;        /* instead of theme_id (needs directive_id) */
	int64_t kit_item_id;
	const char *channel, *kind, *from, *to, *q;
	int64_t limit;        /* capped at 10000 */
	int64_t offset;
	const char *after;    /* a page's cursor key ("YYYY-MM-DD|id", core/page.h), or NULL */
} lt_app_activity_query;

/* Items matching q in the actor's subtree, newest first, with the counts. */
LT_MUST_CHECK int lt_app_activity_list(lt_db *db, const lt_actor *who,
				       const lt_app_activity_query *q, lt_arena *a,
				       lt_activity_page *out, lt_error *e);

/* What the form fills in after a paste. */
typedef struct lt_app_detect {
	const char *url_canonical;
	const char *channel;
	bool has_theme;
	int64_t theme_id, theme_pos;
	const char *theme_title;
	double score;
	lt_activity_claim *claims; /* in the reader's subtree */
	size_t nclaims;
	bool claimed_elsewhere;    /* a unit outside the reader's subtree claims it too */
} lt_app_detect;

/*
 * Canonicalise url, detect its channel, guess its theme within
 * directive_id (0: none; else it must be visible) from title (may be
 * NULL), and list the units that already claimed the link.
 */
LT_MUST_CHECK int lt_app_activity_detect(lt_db *db, const lt_actor *who, const char *url,
					 const char *title, int64_t directive_id, lt_arena *a,
					 lt_app_detect *out, lt_error *e);

/* ---------- photos ---------- */

/* Attach the image bytes p[n] to item id (the owner's); *out the item as it now is. */
LT_MUST_CHECK int lt_app_activity_photo_add(lt_db *db, const lt_actor *who, int64_t id,
					    const unsigned char *p, size_t n, lt_arena *a,
					    lt_app_item *out, lt_error *e);
/* The photo at pos of item id: bytes appended to out, *mime static. */
LT_MUST_CHECK int lt_app_activity_photo_get(lt_db *db, const lt_actor *who, int64_t id, int pos,
					    lt_buf *out, const char **mime, lt_error *e);
/* Remove the photo at pos of item id; *out the item as it now is. */
LT_MUST_CHECK int lt_app_activity_photo_delete(lt_db *db, const lt_actor *who, int64_t id, int pos,
					       lt_arena *a, lt_app_item *out, lt_error *e);

/* ---------- continuity ---------- */

typedef struct lt_app_day {
	const char *date;
	int64_t n;
} lt_app_day;

typedef struct lt_app_continuity_unit {
	lt_act_unit unit;
	char received[11];
	const char *first_date, *last_date; /* NULL: no item */
	int64_t first_after_days;           /* with first_date */
	int64_t total;
	int64_t silent_days;
	lt_app_day *days;
	size_t ndays;
} lt_app_continuity_unit;

typedef struct lt_app_continuity {
	char from[11], to[11];
	lt_app_continuity_unit *units;
	size_t n;
	const char *next_cursor; /* a page's: the next page, or NULL at the end */
} lt_app_continuity;

/*
 * The campaign's continuity for the recipients of directive under unit_id
 * (0: the actor's subtree): per unit the items per day, the first item and
 * how many days after receipt it came, the last item and the days of
 * silence up to today or the report deadline, whichever comes first. With
 * silent_days > 0 (at most 3650), only units silent that long.
 */
/*
 * pg (NULL: every recipient) asks for one page of the recipients in tree
 * order; with silent_days a page may hold fewer units than its limit.
 */
struct lt_page;
LT_MUST_CHECK int lt_app_activity_continuity(lt_db *db, const lt_actor *who, int64_t directive_id,
					     int64_t unit_id, int64_t silent_days,
					     const struct lt_page *pg, lt_arena *a,
					     lt_app_continuity *out, lt_error *e);

/* ---------- shared by the feature's use cases ---------- */

/*
 * Guess the theme an item belongs to among themes[n] from its title and
 * link (both may be NULL): folded words matched against each theme's title
 * and items, rarer words weighing more. *theme_id 0 when nothing matches;
 * *score the winning score (for tests and the UI's confidence).
 */
void lt_app_guess_theme(const lt_activity_theme *themes, size_t n, const char *title,
			const char *url, int64_t *theme_id, double *score);

/*
 * Canonicalise url (net/url.h) into *canon (in a) and its channel code
 * into *channel (static). Errors name field.
 */
LT_MUST_CHECK int lt_app_link(const char *url, const char *field, lt_arena *a, const char **canon,
			      const char **channel, lt_error *e);

/* The contest platform of a channel code: facebook, tiktok or other. */
const char *lt_app_platform_of(const char *channel);

#endif
