/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* kept.c — see kept.h. A table of a few slots under one mutex: a lookup is a
 * scan of 32 keys and a copy, far below the reply it saves. */
#include "app/kept.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

typedef struct slot {
	lt_db_stamp st;
	char *key;   /* NULL: free */
	char *bytes;
	size_t n;
	unsigned long long used; /* the tick of its last use: the least recent goes first */
} slot;

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static slot slots[LT_KEPT_SLOTS];
static unsigned long long tick;
static long long hits, misses;

static void drop(slot *s)
{
	free(s->key);
	free(s->bytes);
	memset(s, 0, sizeof(*s));
}

bool lt_kept_get(const lt_db_stamp *st, const char *key, lt_buf *out)
{
	bool hit = false;

	if (!st->conn)
		return false;
	pthread_mutex_lock(&mu);
	for (size_t i = 0; i < LT_KEPT_SLOTS; i++) {
		slot *s = &slots[i];
		if (!s->key || s->st.conn != st->conn || strcmp(s->key, key))
			continue;
		/* The connection has seen a change since: the entry is of no use to anyone. */
		if (!lt_db_stamp_same(&s->st, st)) {
			drop(s);
			break;
		}
		lt_buf_put(out, s->bytes, s->n);
		s->used = ++tick;
		/* A buffer that could not take it fails the caller's own writing too. */
		hit = !lt_buf_error(out);
		break;
	}
	hits += hit;
	misses += !hit;
	pthread_mutex_unlock(&mu);
	return hit;
}

void lt_kept_put(const lt_db_stamp *st, const char *key, const char *p, size_t n)
{
	slot *to = NULL;
	char *k, *b;

	if (!st->conn || n > LT_KEPT_MAX)
		return;
	k = strdup(key);
	b = malloc(n ? n : 1);
	if (!k || !b) {
		free(k);
		free(b);
		return;
	}
	memcpy(b, p, n);
	pthread_mutex_lock(&mu);
	/* The same key on the same connection is replaced; else a free slot, else the least recent. */
	for (size_t i = 0; i < LT_KEPT_SLOTS && !to; i++)
		if (slots[i].key && slots[i].st.conn == st->conn && !strcmp(slots[i].key, key))
			to = &slots[i];
	for (size_t i = 0; i < LT_KEPT_SLOTS && !to; i++)
		if (!slots[i].key)
			to = &slots[i];
	if (!to) {
		to = &slots[0];
		for (size_t i = 1; i < LT_KEPT_SLOTS; i++)
			if (slots[i].used < to->used)
				to = &slots[i];
	}
	drop(to);
	*to = (slot){ *st, k, b, n, ++tick };
	pthread_mutex_unlock(&mu);
}

void lt_kept_counts(long long *h, long long *m)
{
	pthread_mutex_lock(&mu);
	*h = hits;
	*m = misses;
	pthread_mutex_unlock(&mu);
}
