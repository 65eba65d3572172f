/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * page.h — one page of a list: how many items (limit, default 50, at most
 * 500) and where the previous page stopped (an opaque cursor).
 *
 * The cursor is the key of the last item sent in the list's index order
 * (a path, "date|id", an id…) in hexadecimal, so that the next page is one
 * range scan from there (keyset paging, never OFFSET). Clients pass back
 * next_cursor as it came; a cursor that is not one of ours is refused
 * naming "cursor".
 */
#ifndef LT_PAGE_H
#define LT_PAGE_H

#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/error.h"

#define LT_PAGE_DEFAULT 50
#define LT_PAGE_MAX 500
#define LT_PAGE_KEY_MAX 512

typedef struct lt_page {
	int limit;       /* 1..LT_PAGE_MAX */
	const char *after; /* the decoded key of the last item sent, or NULL: from the start */
} lt_page;

/*
 * Read limit (NULL: the default) and cursor (NULL or "": the start), both
 * as the client sent them. LT_EINVAL naming "limit" (not a whole number in
 * 1..500) or "cursor" (not a cursor of ours). The key is allocated in a.
 */
LT_MUST_CHECK int lt_page_parse(const char *limit, const char *cursor, lt_arena *a, lt_page *out,
				lt_error *e);

/* The cursor for key (allocated in a; NULL when out of memory). */
char *lt_page_cursor(lt_arena *a, const char *key);

/* LT_EINVAL naming "cursor": the key is not one this list makes. */
LT_MUST_CHECK int lt_page_bad_cursor(lt_error *e);

/*
 * Split a key "head|id" (the last "|" parts them; id a positive whole
 * number): *head (allocated in a) and *id. LT_EINVAL naming "cursor"
 * otherwise. head may be NULL when the key is the id alone.
 */
LT_MUST_CHECK int lt_page_key_id(const char *key, lt_arena *a, const char **head, int64_t *id,
				 lt_error *e);

/*
 * The next_cursor of a page read with pg->limit + 1 rows: n rows came;
 * when more than pg->limit, *next is the cursor of key (the last row
 * sent), else NULL. LT_ENOMEM.
 */
LT_MUST_CHECK int lt_page_next(const lt_page *pg, size_t n, const char *key, lt_arena *a,
			       const char **next, lt_error *e);

/*
 * A list keyed by id (newest first going down, or oldest first going up):
 * *id is the cursor's id, the last one sent (0: from the start), and *max
 * the rows to read (pg->limit + 1, to know whether a next page exists).
 * pg NULL: every row (*id 0, *max 0). LT_EINVAL naming "cursor".
 */
LT_MUST_CHECK int lt_page_cursor_id(const lt_page *pg, int64_t *id, int *max, lt_error *e);

/*
 * After reading pg->limit + 1 rows into *n: when more came, *n becomes
 * pg->limit and *next the cursor of last_id (the id of the last row kept),
 * else *next is NULL. pg NULL: nothing cut. LT_ENOMEM.
 */
LT_MUST_CHECK int lt_page_next_id(const lt_page *pg, size_t *n, int64_t last_id, lt_arena *a,
				  const char **next, lt_error *e);

#endif
