/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * form.h — application/x-www-form-urlencoded bodies (the public feedback
 * form works without JavaScript, so the browser posts one of these).
 *
 * Strict, like the JSON input: '+' is a space and %XX a byte; a bad escape,
 * invalid UTF-8 after decoding, a NUL, a duplicate key or more than max
 * fields is an error naming the field. Keys and values are decoded into the
 * arena and NUL-terminated.
 */
#ifndef LT_FORM_H
#define LT_FORM_H

#include <stddef.h>

#include "core/arena.h"
#include "core/error.h"

typedef struct lt_form_field {
	const char *key;
	const char *value;
	size_t value_len;
} lt_form_field;

typedef struct lt_form {
	lt_form_field *v; /* arena array */
	size_t n;
} lt_form;

/*
 * Parse the len bytes at body (borrowed; need not be NUL-terminated) into
 * out, with at most max_fields fields. Strings are owned by a. Returns 0,
 * LT_EINVAL (e->field names the key, or "body") or LT_ENOMEM.
 */
LT_MUST_CHECK int lt_form_parse(const char *body, size_t len, size_t max_fields, lt_arena *a,
				lt_form *out, lt_error *e);

/* Value of key, or NULL when absent. Borrows from f. */
const char *lt_form_get(const lt_form *f, const char *key);

#endif
