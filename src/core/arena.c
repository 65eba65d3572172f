/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* arena.c — see arena.h. */
#include "core/arena.h"

#include "core/error.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct lt_arena_chunk {
	lt_arena_chunk *next;
	size_t size;
	size_t used;
	_Alignas(16) unsigned char data[];
};

#define ARENA_FIRST 4096

void lt_arena_init(lt_arena *a)
{
	a->head = NULL;
	a->total = 0;
	a->failed = 0;
}

void lt_arena_free(lt_arena *a)
{
	lt_arena_chunk *c = a->head;

	while (c) {
		lt_arena_chunk *n = c->next;
		free(c);
		c = n;
	}
	a->head = NULL;
	a->total = 0;
	a->failed = 0;
}

int lt_arena_grow(lt_arena *a, void *pv, size_t n, size_t *cap, size_t elem, size_t first)
{
	size_t nc = *cap ? *cap * 2 : first;
	void *old, *nv;

	if (n < *cap)
		return 0;
	if (nc < *cap || nc > SIZE_MAX / elem) {
		a->failed = 1;
		return LT_ENOMEM;
	}
	nv = lt_arena_alloc(a, nc * elem);
	if (!nv)
		return LT_ENOMEM;
	memcpy(&old, pv, sizeof(old));
	if (n)
		memcpy(nv, old, n * elem);
	memcpy(pv, &nv, sizeof(nv));
	*cap = nc;
	return 0;
}

int lt_arena_failed(const lt_arena *a)
{
	return a->failed ? LT_ENOMEM : 0;
}

void *lt_arena_alloc(lt_arena *a, size_t n)
{
	lt_arena_chunk *c = a->head;
	size_t need = (n + 15) & ~(size_t)15;
	void *p;

	if (need < n) {
		a->failed = 1;
		return NULL;
	}
	if (!c || c->size - c->used < need) {
		size_t sz = c ? c->size * 2 : ARENA_FIRST;
		if (sz < need)
			sz = need;
		c = malloc(sizeof(*c) + sz);
		if (!c) {
			a->failed = 1;
			return NULL;
		}
		c->size = sz;
		c->used = 0;
		c->next = a->head;
		a->head = c;
	}
	p = c->data + c->used;
	c->used += need;
	a->total += need;
	memset(p, 0, n);
	return p;
}

char *lt_arena_strndup(lt_arena *a, const char *s, size_t n)
{
	char *p = lt_arena_alloc(a, n + 1);

	if (!p)
		return NULL;
	if (n)
		memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *lt_arena_strdup(lt_arena *a, const char *s)
{
	return s ? lt_arena_strndup(a, s, strlen(s)) : NULL;
}

char *lt_arena_take_buf(lt_arena *a, lt_buf *b)
{
	char *p = NULL;

	if (lt_buf_error(b))
		a->failed = 1;
	else
		p = lt_arena_strndup(a, lt_buf_cstr(b), b->len);
	lt_buf_free(b);
	return p;
}

char *lt_arena_printf(lt_arena *a, const char *fmt, ...)
{
	va_list ap;
	int n;
	char *p;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0) {
		a->failed = 1;
		return NULL;
	}
	p = lt_arena_alloc(a, (size_t)n + 1);
	if (!p)
		return NULL;
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}
