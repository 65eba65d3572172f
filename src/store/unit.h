/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * unit.h — the union tree in the database: create, edit, move, merge,
 * close, each kept in unit_version so that the tree can be read as it
 * stood on any day. Every write function runs in one transaction (nested
 * in the caller's, if any) and records an audit event.
 *
 * Strings in returned lt_unit values are owned by the arena passed in.
 */
#ifndef LT_UNIT_H
#define LT_UNIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/error.h"
#include "store/db.h"

typedef struct lt_unit {
	int64_t id;
	int64_t parent_id;   /* 0 for a root */
	int64_t merged_into; /* 0 unless merged */
	int64_t members;
	int64_t child_count; /* active children */
	const char *code;
	const char *name;
	const char *level;
	const char *path;
	const char *email;       /* NULL when unknown */
	const char *active_from; /* YYYY-MM-DD */
	const char *active_to;   /* NULL while active */
} lt_unit;

typedef struct lt_unit_input {
	const char *code;
	const char *name;
	const char *level;
	int64_t parent_id; /* 0: a root */
	const char *email;
	int64_t members;
	const char *active_from; /* NULL: today */
} lt_unit_input;

typedef struct lt_unit_query {
	const char *q;      /* diacritic-insensitive search over name and code, or NULL */
	int64_t parent_id;  /* children of this unit, or 0 */
	const char *within; /* only units whose path lies under this path, or NULL */
	bool include_closed;
	int limit;          /* 0: 100; capped at 1000 */
	int offset;
	const char *after;  /* keyset paging: only units whose path sorts after this one */
} lt_unit_query;

typedef struct lt_unit_version {
	int64_t id; /* the version's own, with valid_from the key of the history's pages */
	const char *name;
	int64_t parent_id;
	const char *path;
	const char *valid_from;
	const char *valid_to; /* NULL: current */
	const char *change;
} lt_unit_version;

/* A level of the tree (data, not code: district federations came and went). */
typedef struct lt_level {
	const char *code;
	const char *name_vi;
	const char *name_en;
	bool grassroots; /* units of this level report and receive "grassroots_under" letters */
	int rank;        /* the level table's order: a larger rank sits lower in the tree */
} lt_level;

/* Fetch one unit by id / by code into *out. LT_ENOTFOUND when absent. */
LT_MUST_CHECK int lt_unit_get(lt_db *db, int64_t id, lt_arena *a, lt_unit *out, lt_error *e);
LT_MUST_CHECK int lt_unit_get_by_code(lt_db *db, const char *code, lt_arena *a, lt_unit *out, lt_error *e);

/* Validate and create a unit; *id_out gets its id. actor: user id or 0 (CLI/system). */
LT_MUST_CHECK int lt_unit_create(lt_db *db, const lt_unit_input *in, int64_t actor, int64_t *id_out,
		   lt_error *e);
/*
 * Change name (NULL: keep), e-mail (NULL: keep, "": clear) and member count
 * (< 0: keep). A new name is a new version from date (NULL: today).
 */
LT_MUST_CHECK int lt_unit_update(lt_db *db, int64_t id, const char *name, const char *email, int64_t members,
		   const char *date, int64_t actor, lt_error *e);
/* Move id and its subtree under new_parent from date on. */
LT_MUST_CHECK int lt_unit_move(lt_db *db, int64_t id, int64_t new_parent, const char *date, int64_t actor,
		 lt_error *e);
/* Merge id into into: id's active children move under into, then id closes. */
LT_MUST_CHECK int lt_unit_merge(lt_db *db, int64_t id, int64_t into, const char *date, int64_t actor,
		  lt_error *e);
/* Close id from date on; refused while it has active children. */
LT_MUST_CHECK int lt_unit_close(lt_db *db, int64_t id, const char *date, int64_t actor, lt_error *e);

/* List units matching q into an arena array *items of *n. */
LT_MUST_CHECK int lt_unit_list(lt_db *db, const lt_unit_query *q, lt_arena *a, lt_unit **items, size_t *n,
		 lt_error *e);
/* Ancestors of u, root first, excluding u itself. */
/*
 * How many units (open or closed) have a path in the subtree at path,
 * counted up to max + 1 along the path index: whether a subtree is small
 * enough to read unit by unit.
 */
LT_MUST_CHECK int lt_unit_count_under(lt_db *db, const char *path, int max, int64_t *n, lt_error *e);
LT_MUST_CHECK int lt_unit_ancestors(lt_db *db, const lt_unit *u, lt_arena *a, lt_unit **items, size_t *n,
		      lt_error *e);
/*
 * Versions of one unit, oldest first by (valid_from, id) along
 * unit_version_unit: after (after_from, after_id) (after_id 0: from the
 * oldest), at most max (0: all).
 */
LT_MUST_CHECK int lt_unit_history(lt_db *db, int64_t id, const char *after_from, int64_t after_id,
				  int max, lt_arena *a, lt_unit_version **items, size_t *n,
				  lt_error *e);
/*
 * Ids of the units in root's subtree as it stood on date (root included
 * when it existed then), in path order. Arena-owned array.
 */
LT_MUST_CHECK int lt_unit_subtree_asof(lt_db *db, int64_t root, const char *date, lt_arena *a, int64_t **ids,
			 size_t *n, lt_error *e);
/* Every level, in their order (arena array). */
LT_MUST_CHECK int lt_level_list(lt_db *db, lt_arena *a, lt_level **items, size_t *n, lt_error *e);
/* The level of code (strings in a); LT_EINVAL naming field when unknown. */
LT_MUST_CHECK int lt_level_get(lt_db *db, const char *field, const char *code, lt_arena *a,
			       lt_level *out, lt_error *e);
/*
 * The highest level (smallest rank) among the units under path, path's own
 * unit left out when strict. *found is false when there is none (strings in a).
 */
LT_MUST_CHECK int lt_unit_top_level(lt_db *db, const char *path, bool strict, lt_arena *a,
				    lt_level *out, bool *found, lt_error *e);
/* Is level a known level code? */
LT_MUST_CHECK int lt_level_check(lt_db *db, const char *field, const char *level, lt_error *e);

#endif
