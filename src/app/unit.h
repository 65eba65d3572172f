/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * unit.h — the union tree's use cases: levels, search, a unit's page,
 * create, edit, move, merge, close, history and imports, each deciding
 * access from the actor (app/actor.h) before it touches the store.
 *
 * Who may do what:
 *   - anyone logged in (and the console) lists and opens units; outside its
 *     subtree a user sees only the public fields (lt_app_unit_json);
 *   - a unit's history needs its full record (its subtree);
 *   - officers create units under a unit of their subtree (a root only at
 *     the console), and move, merge or close units strictly below their
 *     own, into a target of their subtree;
 *   - a unit's details are edited by its officers (subtree) and its own
 *     cadres (contact and members; renaming is an officer's act).
 * Whoever acts, a unit's level stays strictly below its parent's in the
 * level table (levels are data: the table's order decides), on create,
 * move, merge and import.
 * Strings of returned units live in the arena passed in.
 */
#ifndef LT_APP_UNIT_H
#define LT_APP_UNIT_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app/actor.h"
#include "core/arena.h"
#include "core/error.h"
#include "core/page.h"
#include "render/table.h"
#include "store/db.h"
#include "store/unit.h"
#include "store/unit_import.h"

/* A unit's page: the unit, its ancestors (root first) and its active children. */
typedef struct lt_unit_page {
	lt_unit unit;
	lt_unit *ancestors;
	size_t nancestors;
	lt_unit *children;  /* the first page (LT_PAGE_DEFAULT) of the children */
	size_t nchildren;
	const char *children_next_cursor; /* more: GET /units?parent_id=&cursor= */
} lt_unit_page;

/* What an edit changes. */
typedef struct lt_unit_edit {
	const char *name;  /* NULL: keep (a new name is a new version) */
	const char *email; /* NULL: keep, "": clear */
	int64_t members;   /* < 0: keep */
	const char *date;  /* the rename takes effect; NULL: today */
} lt_unit_edit;

/*
 * Load unit id into *u and check that who may read its full record (its
 * subtree). LT_ENOTFOUND / LT_EFORBIDDEN naming "id". For every feature
 * that acts on a unit.
 */
LT_MUST_CHECK int lt_app_unit_in_scope(lt_db *db, const lt_actor *who, int64_t id, lt_arena *a,
				       lt_unit *u, lt_error *e);

/*
 * May units sit under parent? With moving NULL, a new unit of level code
 * level; with moving set, every unit under the path moving (its own unit
 * left out when strict: the children a merge hands over). Each must be of
 * a level strictly below parent's: LT_EINVAL naming "level" otherwise.
 */
LT_MUST_CHECK int lt_app_unit_fits_under(lt_db *db, const lt_unit *parent, const char *level,
					 const char *moving, bool strict, lt_error *e);
/* Every level of the tree. */
LT_MUST_CHECK int lt_app_levels(lt_db *db, const lt_actor *who, lt_arena *a, lt_level **items,
				size_t *n, lt_error *e);
/* Search or list units (q, parent, closed ones, limit, offset as in store/unit.h). */
LT_MUST_CHECK int lt_app_unit_list(lt_db *db, const lt_actor *who, const lt_unit_query *q,
				   lt_arena *a, lt_unit **items, size_t *n, lt_error *e);
/* A unit's page. */
LT_MUST_CHECK int lt_app_unit_get(lt_db *db, const lt_actor *who, int64_t id, lt_arena *a,
				  lt_unit_page *out, lt_error *e);
/* Create a unit (in->parent_id 0: a root, at the console only); *out gets it. */
LT_MUST_CHECK int lt_app_unit_create(lt_db *db, const lt_actor *who, const lt_unit_input *in,
				     lt_arena *a, lt_unit *out, lt_error *e);
/* Edit a unit's name, e-mail or member count; *out gets it as it is now. */
LT_MUST_CHECK int lt_app_unit_update(lt_db *db, const lt_actor *who, int64_t id,
				     const lt_unit_edit *in, lt_arena *a, lt_unit *out, lt_error *e);
/* Move id (and its subtree) under parent from date (NULL: today). */
LT_MUST_CHECK int lt_app_unit_move(lt_db *db, const lt_actor *who, int64_t id, int64_t parent,
				   const char *date, lt_arena *a, lt_unit *out, lt_error *e);
/* Merge id into into: its units move there, then id closes. */
LT_MUST_CHECK int lt_app_unit_merge(lt_db *db, const lt_actor *who, int64_t id, int64_t into,
				    const char *date, lt_arena *a, lt_unit *out, lt_error *e);
/* Close id from date; refused while it has active units. */
LT_MUST_CHECK int lt_app_unit_close(lt_db *db, const lt_actor *who, int64_t id, const char *date,
				    lt_arena *a, lt_unit *out, lt_error *e);
/*
 * The versions of one unit, oldest first: one page of pg (pg->limit + 1
 * rows: more when there are; NULL: all); the cursor's key "valid_from|id".
 */
LT_MUST_CHECK int lt_app_unit_history(lt_db *db, const lt_actor *who, int64_t id,
				      const lt_page *pg, lt_arena *a, lt_unit_version **items,
				      size_t *n, lt_error *e);

/* ---------- imports (unit_import.c), all or nothing ---------- */

/*
 * Create rows (see store/unit_import.h) as who: officers import below
 * their own unit only (a row outside fails the whole import, naming its
 * line in *bad_line), the console anywhere.
 */
LT_MUST_CHECK int lt_app_unit_import(lt_db *db, const lt_actor *who, const lt_unit_row *rows,
				     size_t n, bool skip_existing, lt_progress_fn progress,
				     void *ctx, size_t *created, int *bad_line, lt_error *e);
/*
 * Import the first sheet of t: a header row naming columns code, name,
 * level (required), parent_code, email, members, active_from in any order.
 * Errors name "row R, column C (field)".
 */
LT_MUST_CHECK int lt_app_unit_import_table(lt_db *db, const lt_actor *who, const lt_table *t,
					   lt_progress_fn progress, void *ctx, size_t *created,
					   lt_error *e);
/*
 * Build the federation → commune units of the administrative-units
 * catalogue (text/dvhcvn.h) for province/district (NULL: all), active from
 * from (NULL: today); units already there are left alone. *units gets the
 * catalogue's count, *created the new ones.
 */
LT_MUST_CHECK int lt_app_unit_import_dvhcvn(lt_db *db, const lt_actor *who, const char *json,
					    size_t len, const char *province,
					    const char *district, const char *from,
					    lt_progress_fn progress, void *ctx, size_t *units,
					    size_t *created, lt_error *e);

/* ---------- the API's documents (unit_json.c); new references ---------- */

/*
 * A unit: every field when who may read it (its subtree), else only the
 * public ones (id, code, name, level, parent_id, active, in_scope).
 */
json_t *lt_app_unit_json(const lt_actor *who, const lt_unit *u);
/* {"unit": …} */
json_t *lt_app_unit_doc_json(const lt_actor *who, const lt_unit *u);
/* {"items": […], "total": n} */
json_t *lt_app_units_json(const lt_actor *who, const lt_unit *items, size_t n);
/*
 * A page of units: items (at most limit of the n given: n = limit + 1 means
 * there is a next page), total (items on this page) and next_cursor (the
 * last item's path, or null at the end), written straight into out (the
 * bytes json_dumps(JSON_COMPACT) would print; text/json_write.h says why).
 */
LT_MUST_CHECK int lt_app_units_page_write(const lt_actor *who, const lt_unit *items, size_t n,
					  int limit, lt_arena *a, lt_buf *out, lt_error *e);
/* {"unit": {…, "ancestors": [{id, code, name}]}, "children": […]} */
json_t *lt_app_unit_page_json(const lt_actor *who, const lt_unit_page *p);
/* {"items": [{name, path, parent_id, valid_from, valid_to, change}]} */
json_t *lt_app_unit_history_json(const lt_unit_version *v, size_t n);
/* The same for a page read with limit + 1 rows, with next_cursor. */
json_t *lt_app_unit_history_page_json(const lt_unit_version *v, size_t n, int limit, lt_arena *a);
/* {"items": [{code, name_vi, name_en, grassroots}]} */
json_t *lt_app_levels_json(const lt_level *items, size_t n);

#endif
