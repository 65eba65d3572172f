/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * indicator_catalog.h — the indicator catalogue as the directive form's
 * picker uses it: search it by label (diacritics and case ignored, one
 * page at a time), add a definition by its Vietnamese label (the code is
 * derived: an ASCII slug of the label, made unique), and check a
 * directive's list of codes against it so that an unknown code is refused
 * naming indicators[i].code instead of being kept and dropped later.
 */
#ifndef LT_APP_INDICATOR_CATALOG_H
#define LT_APP_INDICATOR_CATALOG_H

#include <jansson.h>
#include <stddef.h>

#include "app/actor.h"
#include "core/arena.h"
#include "core/error.h"
#include "core/page.h"
#include "store/db.h"
#include "store/indicator_catalog.h"

/* One page of the catalogue. */
typedef struct lt_app_indicator_page {
	lt_indicator_entry *v;
	size_t n;
	const char *next_cursor; /* NULL: the last page */
} lt_app_indicator_page;

/*
 * The definitions matching q (NULL or "": all) in catalogue order, one page
 * of pg (cadres and above). A bad cursor is LT_EINVAL naming "cursor".
 */
LT_MUST_CHECK int lt_app_indicator_search(lt_db *db, const lt_actor *who, const char *q,
					  const lt_page *pg, lt_arena *a,
					  lt_app_indicator_page *out, lt_error *e);

/* A definition to add (strings borrowed). */
typedef struct lt_app_indicator_in {
	const char *name_vi; /* required */
	const char *name_en; /* NULL: name_vi */
	const char *measure; /* NULL: "items"; else a known measure (core/indicator.h) */
} lt_app_indicator_in;

/*
 * Add a definition (officers and above), summed up the tree. Its code is
 * the label's ASCII slug ("Số suất quà Tết" → so_suat_qua_tet), with _2,
 * _3… when taken. A label already in the catalogue (folded) is LT_EEXIST
 * naming "name_vi" with the code that holds it. *out the new row.
 */
LT_MUST_CHECK int lt_app_indicator_create(lt_db *db, const lt_actor *who,
					  const lt_app_indicator_in *in, lt_arena *a,
					  lt_indicator_entry *out, lt_error *e);

/*
 * Check the "indicators" member of a directive document doc (borrowed; may
 * be absent): each element a code of the catalogue, as a string or as an
 * object {code}. Objects are replaced by their code in place. An unknown
 * code or a label typed where a code belongs is LT_EINVAL naming
 * "indicators[i].code"; a code listed twice names the second.
 */
LT_MUST_CHECK int lt_app_indicator_codes_check(lt_db *db, json_t *doc, lt_error *e);

/* The JSON of one row and of a page ({items, next_cursor}); NULL / LT_ENOMEM when out of memory. */
json_t *lt_app_indicator_json(const lt_indicator_row *r);
LT_MUST_CHECK int lt_app_indicator_page_json(const lt_app_indicator_page *p, json_t **out,
					     lt_error *e);

#endif
