/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * buf.h — a growable byte buffer with a hard cap (after curl's dynbuf).
 *
 * The buffer is always NUL-terminated when non-empty so that ptr can be
 * handed to C string APIs; len never counts the terminator.
 *
 * A failed append (past the cap: LT_ETOOBIG; no memory: LT_ENOMEM) frees the
 * content and leaves the buffer failed: every later append returns the same
 * error and the content stays empty, so a missed check can never leave a
 * silent gap in the middle of a document. lt_buf_free or lt_buf_reset clear
 * the failure.
 */
#ifndef LT_BUF_H
#define LT_BUF_H

#include <stdarg.h>
#include <stddef.h>

#include "core/error.h"

typedef struct lt_buf {
	char *ptr;
	size_t len;
	size_t alloc;
	size_t cap; /* maximum len */
	int err;    /* 0, or the error of the first failed append (sticky) */
} lt_buf;

/* A (ptr,len) view; never owns. */
typedef struct lt_str {
	const char *ptr;
	size_t len;
} lt_str;

#define LT_STR(s) ((lt_str){ (s), sizeof(s) - 1 })

/* Initialise b empty with maximum length cap. */
void lt_buf_init(lt_buf *b, size_t cap);
/* Free b's memory and reset it (cap is kept, a failure is cleared). */
void lt_buf_free(lt_buf *b);
/* Empty b without freeing (a failure is cleared). */
void lt_buf_reset(lt_buf *b);
/* Make room for n bytes in all (one allocation now instead of doublings later). On
 * failure (LT_ETOOBIG past cap, LT_ENOMEM) b is left as it was, not failed. */
LT_MUST_CHECK int lt_buf_reserve(lt_buf *b, size_t n);
/* Append n bytes (copies). 0, LT_ETOOBIG or LT_ENOMEM (then b is failed, see above). */
LT_MUST_CHECK int lt_buf_add(lt_buf *b, const void *p, size_t n);
/* Append a NUL-terminated string. */
LT_MUST_CHECK int lt_buf_adds(lt_buf *b, const char *s);
/* Append printf-style (LT_EINVAL for a bad format, which also fails b). */
LT_MUST_CHECK int lt_buf_printf(lt_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
LT_MUST_CHECK int lt_buf_vprintf(lt_buf *b, const char *fmt, va_list ap);
/*
 * A writer that builds a whole document from many pieces (an HTML page, a
 * MIME message) appends with lt_buf_put*, which ignore the result: the
 * failure is sticky, so one check of lt_buf_error at the end of the writer
 * sees any of them. Such a writer must end with that check.
 */
void lt_buf_put(lt_buf *b, const void *p, size_t n);
void lt_buf_puts(lt_buf *b, const char *s);
void lt_buf_putf(lt_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* 0, or the error that failed b. */
LT_MUST_CHECK static inline int lt_buf_error(const lt_buf *b)
{
	return b->err;
}
/* Detach the content: returns owned malloc'd string ("" if empty), b is reset. */
char *lt_buf_steal(lt_buf *b);
/* The content as a C string; "" when empty. Borrows. */
const char *lt_buf_cstr(const lt_buf *b);

#endif
