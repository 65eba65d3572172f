/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * buf.h — a growable byte buffer with a hard cap (after curl's dynbuf).
 *
 * The buffer is always NUL-terminated when non-empty so that ptr can be
 * handed to C string APIs; len never counts the terminator. Appending past
 * the cap fails with LT_ETOOBIG and leaves the content as it was.
 */
#ifndef LT_BUF_H
#define LT_BUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct lt_buf {
	char *ptr;
	size_t len;
	size_t alloc;
	size_t cap; /* maximum len */
} lt_buf;

/* A (ptr,len) view; never owns. */
typedef struct lt_str {
	const char *ptr;
	size_t len;
} lt_str;

#define LT_STR(s) ((lt_str){ (s), sizeof(s) - 1 })

/* Initialise b empty with maximum length cap. */
void lt_buf_init(lt_buf *b, size_t cap);
/* Free b's memory and reset it (cap is kept). */
void lt_buf_free(lt_buf *b);
/* Empty b without freeing. */
void lt_buf_reset(lt_buf *b);
/* Append n bytes (copies). 0, LT_ETOOBIG or LT_ENOMEM. */
int lt_buf_add(lt_buf *b, const void *p, size_t n);
/* Append a NUL-terminated string. */
int lt_buf_adds(lt_buf *b, const char *s);
/* Append printf-style. */
int lt_buf_printf(lt_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int lt_buf_vprintf(lt_buf *b, const char *fmt, va_list ap);
/* Detach the content: returns owned malloc'd string ("" if empty), b is reset. */
char *lt_buf_steal(lt_buf *b);
/* The content as a C string; "" when empty. Borrows. */
const char *lt_buf_cstr(const lt_buf *b);

#endif
