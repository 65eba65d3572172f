/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* buf.c — see buf.h. */
#include "core/buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"

void lt_buf_init(lt_buf *b, size_t cap)
{
	b->ptr = NULL;
	b->len = 0;
	b->alloc = 0;
	b->cap = cap;
	b->err = 0;
}

void lt_buf_free(lt_buf *b)
{
	free(b->ptr);
	b->ptr = NULL;
	b->len = 0;
	b->alloc = 0;
	b->err = 0;
}

void lt_buf_reset(lt_buf *b)
{
	b->len = 0;
	b->err = 0;
	if (b->ptr)
		b->ptr[0] = '\0';
}

/* Free the content and remember why: every later append fails the same way. */
static int fail(lt_buf *b, int rc)
{
	free(b->ptr);
	b->ptr = NULL;
	b->len = 0;
	b->alloc = 0;
	b->err = rc;
	return rc;
}

static int grow(lt_buf *b, size_t need)
{
	size_t want;
	char *p;

	if (need > b->cap)
		return LT_ETOOBIG;
	if (need + 1 <= b->alloc)
		return 0;
	want = b->alloc ? b->alloc : 64;
	while (want < need + 1)
		want *= 2;
	if (want > b->cap + 1)
		want = b->cap + 1;
	p = realloc(b->ptr, want);
	if (!p)
		return LT_ENOMEM;
	b->ptr = p;
	b->alloc = want;
	return 0;
}

int lt_buf_reserve(lt_buf *b, size_t n)
{
	int rc;

	if (b->err)
		return b->err;
	rc = grow(b, n);
	if (!rc && b->len == 0)
		b->ptr[0] = '\0';
	return rc;
}

int lt_buf_add(lt_buf *b, const void *p, size_t n)
{
	int rc;

	if (b->err)
		return b->err;
	if (n > b->cap - b->len)
		return fail(b, LT_ETOOBIG);
	rc = grow(b, b->len + n);
	if (rc)
		return fail(b, rc);
	if (n)
		memcpy(b->ptr + b->len, p, n);
	b->len += n;
	b->ptr[b->len] = '\0';
	return 0;
}

int lt_buf_adds(lt_buf *b, const char *s)
{
	return lt_buf_add(b, s, strlen(s));
}

int lt_buf_vprintf(lt_buf *b, const char *fmt, va_list ap)
{
	va_list ap2;
	int n, rc;

	if (b->err)
		return b->err;
	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		return fail(b, LT_EINVAL);
	if ((size_t)n > b->cap - b->len)
		return fail(b, LT_ETOOBIG);
	rc = grow(b, b->len + (size_t)n);
	if (rc)
		return fail(b, rc);
	vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
	return 0;
}

int lt_buf_printf(lt_buf *b, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = lt_buf_vprintf(b, fmt, ap);
	va_end(ap);
	return rc;
}

void lt_buf_put(lt_buf *b, const void *p, size_t n)
{
	lt_ignore(lt_buf_add(b, p, n));
}

void lt_buf_puts(lt_buf *b, const char *s)
{
	lt_ignore(lt_buf_add(b, s, strlen(s)));
}

void lt_buf_putf(lt_buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	lt_ignore(lt_buf_vprintf(b, fmt, ap));
	va_end(ap);
}

char *lt_buf_steal(lt_buf *b)
{
	char *p = b->ptr;

	if (!p)
		p = calloc(1, 1);
	b->ptr = NULL;
	b->len = 0;
	b->alloc = 0;
	b->err = 0;
	return p;
}

const char *lt_buf_cstr(const lt_buf *b)
{
	return b->ptr ? b->ptr : "";
}
