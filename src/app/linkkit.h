/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * linkkit.h — link kits: links (press, radio, TV coverage) a higher unit
 * recommends for sharing under a directive. Officers publish them; a
 * reader sees the kits of its unit and ancestors (to share) and of its
 * subtree (to follow); only the issuing side sees the shares per link and
 * per unit. A unit records a share as an activity with kit_item_id (see
 * activity.h). JSON in app/activity_json.h; results in the arena.
 */
#ifndef LT_APP_LINKKIT_H
#define LT_APP_LINKKIT_H

#include <stddef.h>
#include <stdint.h>

#include "app/actor.h"
#include "core/arena.h"
#include "core/error.h"
#include "core/page.h"
#include "store/db.h"
#include "store/linkkit.h"

/*
 * The kits of directive (visible) the actor sees, newest first: one page
 * of pg (pg->limit + 1 rows: more when there are; NULL: all).
 */
LT_MUST_CHECK int lt_app_linkkit_list(lt_db *db, const lt_actor *who, int64_t directive_id,
				      const lt_page *pg, lt_arena *a, lt_linkkit_row **v,
				      size_t *n, lt_error *e);

/* One link of a new kit as a user gives it (strings borrowed). */
typedef struct lt_app_kit_link {
	const char *url;    /* canonicalised here; errors name "items[i].url" */
	const char *title;  /* NULL or "": the canonical link */
	const char *source; /* optional */
} lt_app_kit_link;

typedef struct lt_app_kit_in {
	int64_t directive_id;
	int64_t issuer_id; /* 0: the actor's own unit */
	int64_t theme_id;  /* 0: every theme */
	const char *title;
	const char *note;
	const lt_app_kit_link *links;
	size_t n;          /* 1…100 */
} lt_app_kit_in;

/* Publish a kit (officers and above; the issuer must record for the directive). */
LT_MUST_CHECK int lt_app_linkkit_create(lt_db *db, const lt_actor *who, const lt_app_kit_in *in,
					lt_arena *a, lt_linkkit_row *out, lt_error *e);

/* One kit link's shares, and one unit's. */
typedef struct lt_app_link_shares {
	int64_t item_id;
	const char *title, *url_canonical;
	lt_linkkit_share_row *shares; /* points into the rows: unit, activity, url, date */
	size_t n;
} lt_app_link_shares;

typedef struct lt_app_unit_shares {
	lt_act_unit unit;
	int64_t *items; /* kit link ids, one per share */
	size_t n;
} lt_app_unit_shares;

typedef struct lt_app_kit_shares {
	lt_linkkit_row kit;
	lt_app_link_shares *links; /* in link order */
	size_t nlinks;
	lt_app_unit_shares *units; /* in order of first share */
	size_t nunits;
} lt_app_kit_shares;

/* The shares of kit id by units under its issuer; only its issuing side may see them. */
LT_MUST_CHECK int lt_app_linkkit_shares(lt_db *db, const lt_actor *who, int64_t id, lt_arena *a,
					lt_app_kit_shares *out, lt_error *e);

#endif
