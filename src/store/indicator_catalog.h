/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * indicator_catalog.h — the indicator catalogue as a picker reads and grows
 * it: one page of the definitions whose Vietnamese or English label (or
 * code) holds every word of a query, diacritics and case ignored ("qua tet"
 * finds "Số suất quà Tết"), in catalogue order; and a new definition added
 * at the end of the catalogue. Which code a new label gets and who may add
 * one are app/'s (app/indicator_catalog.c). Rows keep their strings in the
 * caller's arena.
 */
#ifndef LT_STORE_INDICATOR_CATALOG_H
#define LT_STORE_INDICATOR_CATALOG_H

#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/error.h"
#include "store/db.h"
#include "store/indicator.h"

/* A catalogue row with its place (the key of the catalogue's order: pos, code). */
typedef struct lt_indicator_entry {
	lt_indicator_row row;
	int64_t pos;
} lt_indicator_entry;

/*
 * The definitions matching q (already folded, lt_text_fold; NULL or "":
 * all) after (after_pos, after_code) in (pos, code) order (after_code NULL:
 * from the start), at most max (> 0) into the arena array *v of *n.
 */
LT_MUST_CHECK int lt_indicator_catalog_search(lt_db *db, const char *q, int64_t after_pos,
					      const char *after_code, int max, lt_arena *a,
					      lt_indicator_entry **v, size_t *n, lt_error *e);

/* Is code in the catalogue (*found)? */
LT_MUST_CHECK int lt_indicator_catalog_has(lt_db *db, const char *code, bool *found, lt_error *e);

/*
 * Add r (code, name_vi, name_en, measure, aggregation; rules "{}", not in
 * the Tết default set) at the end of the catalogue, audited "create" by
 * actor. A code already there is LT_EEXIST naming "code".
 */
LT_MUST_CHECK int lt_indicator_catalog_add(lt_db *db, const lt_indicator_row *r, int64_t actor,
					   lt_error *e);

#endif
