/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * linkkit.h — link kits and the link-check queue.
 *
 * A link kit is a list of links (quality press, radio, TV coverage) that a
 * higher unit recommends for sharing under a directive, optionally for one
 * theme. A lower unit records that it shared one by creating an activity
 * of kind "share" with kit_item_id set and the URL of its own post; the
 * issuer then sees the shares per link and per unit.
 *
 * The link-check queue holds every canonical link of an activity; the
 * optional worker (http/linkcheck_worker.c, through app/linkcheck.h)
 * claims pending ones and stores the HTTP status and the page title.
 *
 * Who may publish a kit and who sees which kits is app/'s decision; rows
 * keep their strings in the caller's arena.
 */
#ifndef LT_LINKKIT_H
#define LT_LINKKIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/error.h"
#include "store/activity.h"
#include "store/db.h"

typedef struct lt_linkkit_item_in {
	const char *url;
	const char *url_canonical; /* net/url.h canonical form */
	const char *channel;       /* detected channel code */
	const char *title;
	const char *source;        /* e.g. "Báo Lao Động", optional */
} lt_linkkit_item_in;

/*
 * Create a kit for directive issued by issuer, theme_id 0 for all themes
 * (else one of the directive's), with items[n] (1…100). *id gets its id.
 */
LT_MUST_CHECK int lt_linkkit_create(lt_db *db, int64_t directive_id, int64_t issuer_id,
				    int64_t theme_id, const char *title, const char *note,
				    const lt_linkkit_item_in *items, size_t n, int64_t actor,
				    int64_t *id, lt_error *e);

typedef struct lt_linkkit_item_row {
	int64_t id;
	const char *url, *url_canonical, *channel, *title;
	const char *source;   /* NULL: none */
	int64_t shares;       /* items that share it */
	int64_t units_shared; /* distinct units among them */
	int64_t my_share;     /* the reader unit's first share, 0: none */
} lt_linkkit_item_row;

typedef struct lt_linkkit_row {
	int64_t id;
	const char *title;
	const char *note;     /* NULL: none */
	int64_t theme_id;     /* 0: all themes */
	int64_t theme_pos;
	const char *theme_title;
	lt_act_unit issuer;   /* with its path */
	int64_t directive_id;
	int64_t created_at;
	lt_linkkit_item_row *items;
	size_t nitems;
} lt_linkkit_row;

/*
 * The kits of directive issued by the unit at path related, in its subtree
 * or above it, newest first with their items: ids below before_id (0: from
 * the newest), at most max (0: all); my_share is unit_id's (the reader's).
 */
LT_MUST_CHECK int lt_linkkit_list(lt_db *db, int64_t directive_id, int64_t unit_id,
				  const char *related, int64_t before_id, int max, lt_arena *a,
				  lt_linkkit_row **v, size_t *n, lt_error *e);

/* One kit with its items (as in the list). LT_ENOTFOUND naming "id". */
LT_MUST_CHECK int lt_linkkit_get(lt_db *db, int64_t kit_id, int64_t unit_id, lt_arena *a,
				 lt_linkkit_row *out, lt_error *e);

/*
 * The kit's links joined with their shares by units under within, ordered
 * by link position then unit path: a row with unit.id 0 only says the link
 * exists (no share by a unit under within).
 */
typedef struct lt_linkkit_share_row {
	int64_t item_id;
	const char *item_title, *item_url;
	lt_act_unit unit; /* id 0: not shared */
	int64_t activity_id;
	const char *url;  /* NULL: none */
	const char *date;
} lt_linkkit_share_row;

LT_MUST_CHECK int lt_linkkit_shares(lt_db *db, int64_t kit_id, const char *within, lt_arena *a,
				    lt_linkkit_share_row **v, size_t *n, lt_error *e);

/* ---------- link-check queue ---------- */

/*
 * Claim the newest pending link (state → running, attempts + 1, leased
 * until `until`) in one statement, into *url (owned, free()); *url NULL when
 * the queue is empty. A running link whose lease has passed (its checker
 * died) is claimed as a pending one. Two claimers (two servers on one
 * PostgreSQL) never get the same link. Newest first: a link just pasted is
 * checked before an old backlog (or a retry).
 */
LT_MUST_CHECK int lt_linkcheck_claim(lt_db *db, int64_t now, int64_t until, char **url,
				     lt_error *e);
/*
 * Record the result for url: http_status > 0 with titles on success, or an
 * error text (then state failed after max_attempts, else pending again).
 */
LT_MUST_CHECK int lt_linkcheck_record(lt_db *db, const char *url, long http_status, const char *final_url,
			const char *title, const char *og_title, const char *error,
			int max_attempts, lt_error *e);
/*
 * Put links left running by a stopped worker back to pending: those whose
 * lease has passed at now (or that have none), never those another server
 * is checking.
 */
LT_MUST_CHECK int lt_linkcheck_reset_running(lt_db *db, int64_t now, lt_error *e);

#endif
