/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * arena.h — a per-request memory pool (after h2o's mem pool, lwan's arena).
 *
 * Allocations live until lt_arena_free(); nothing is freed one by one.
 * Chunks grow geometrically; a large allocation gets a chunk of its own.
 * An allocation that fails returns NULL and marks the arena failed, so a
 * builder that cannot check every small string (a document's cells) checks
 * lt_arena_failed once before it hands the result out.
 */
#ifndef LT_ARENA_H
#define LT_ARENA_H

#include <stddef.h>

#include "core/buf.h"

typedef struct lt_arena_chunk lt_arena_chunk;

typedef struct lt_arena {
	lt_arena_chunk *head;
	size_t total; /* bytes handed out, for limits and metrics */
	int failed;   /* an allocation failed since init (sticky until lt_arena_free) */
} lt_arena;

void lt_arena_init(lt_arena *a);
/* Free every allocation made from a. */
void lt_arena_free(lt_arena *a);
/* Zeroed memory, 16-byte aligned, owned by the arena; NULL when out of memory. */
void *lt_arena_alloc(lt_arena *a, size_t n);
/*
 * Room for one more element in an arena array: *(T **)pv holds n used of
 * *cap elements of elem bytes. When full, a new array of twice the capacity
 * (first when empty) is taken from the arena and the n used copied over (the
 * old one stays with the arena). 0, or LT_ENOMEM with *pv and *cap unchanged.
 */
int lt_arena_grow(lt_arena *a, void *pv, size_t n, size_t *cap, size_t elem, size_t first)
	__attribute__((warn_unused_result));
/* Copy of s (NULL → NULL), owned by the arena. */
char *lt_arena_strdup(lt_arena *a, const char *s);
/* Copy of the n bytes at s plus a NUL, owned by the arena. */
char *lt_arena_strndup(lt_arena *a, const char *s, size_t n);
/*
 * Copy what b holds into the arena and free b. NULL (and the arena marked
 * failed) when b failed or the copy cannot be made.
 */
char *lt_arena_take_buf(lt_arena *a, lt_buf *b);
/* LT_ENOMEM when an allocation from a failed, else 0. */
int lt_arena_failed(const lt_arena *a) __attribute__((warn_unused_result));
/* printf into the arena. */
char *lt_arena_printf(lt_arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
