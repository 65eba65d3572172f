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
 * optional worker (http/linkcheck_worker.c) claims pending ones and stores
 * the HTTP status and the page title.
 */
#ifndef LT_LINKKIT_H
#define LT_LINKKIT_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "core/error.h"
#include "store/db.h"

typedef struct lt_linkkit_item_in {
	const char *url;
	const char *url_canonical; /* net/url.h canonical form */
	const char *channel;       /* detected channel code */
	const char *title;
	const char *source;        /* e.g. "Báo Lao Động", optional */
} lt_linkkit_item_in;

/*
 * Create a kit for directive issued by issuer (which must be the
 * directive's issuer or one of its recipients with units below it),
 * theme_id 0 for all themes, with items[n] (1…100). *id gets its id.
 */
LT_MUST_CHECK int lt_linkkit_create(lt_db *db, int64_t directive_id, int64_t issuer_id, int64_t theme_id,
		      const char *title, const char *note, const lt_linkkit_item_in *items,
		      size_t n, int64_t actor, int64_t *id, lt_error *e);

/*
 * Kits of directive a reader of unit (path) sees: those issued by its unit
 * or an ancestor (to share) and those issued in its subtree (to follow).
 * Each kit {id, title, note, theme, issuer, items:[{id, url, url_canonical,
 * channel, title, source, shares, shared_by_me}]}; unit_id is the reader's
 * unit for shared_by_me. New array.
 */
LT_MUST_CHECK int lt_linkkit_list(lt_db *db, int64_t directive_id, int64_t unit_id, const char *unit_path,
		    json_t **out, lt_error *e);

/* One kit with its items (as in the list) — plus issuer path for access checks. */
LT_MUST_CHECK int lt_linkkit_get(lt_db *db, int64_t kit_id, int64_t unit_id, json_t **out, lt_error *e);

/*
 * Shares of a kit for its issuer: per link {item, shares, units[]} and per
 * unit {unit, shares, items[]}, over the units under within. New reference.
 */
LT_MUST_CHECK int lt_linkkit_shares(lt_db *db, int64_t kit_id, const char *within, json_t **out, lt_error *e);

/* ---------- link-check queue ---------- */

/*
 * Claim the newest pending link (state → running, attempts + 1) into
 * *url (owned, free()); *url NULL when the queue is empty. Newest first:
 * a link just pasted is checked before an old backlog (or a retry).
 */
LT_MUST_CHECK int lt_linkcheck_claim(lt_db *db, char **url, lt_error *e);
/*
 * Record the result for url: http_status > 0 with titles on success, or an
 * error text (then state failed after max_attempts, else pending again).
 */
LT_MUST_CHECK int lt_linkcheck_record(lt_db *db, const char *url, long http_status, const char *final_url,
			const char *title, const char *og_title, const char *error,
			int max_attempts, lt_error *e);
/* Put links left running by a stopped worker back to pending. */
LT_MUST_CHECK int lt_linkcheck_reset_running(lt_db *db, lt_error *e);

#endif
