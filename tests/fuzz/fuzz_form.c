/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * fuzz_form.c — libFuzzer target for lt_form_parse() (the public feedback
 * form's urlencoded bodies).
 *
 * Any input: no crash, no leak, no sanitizer report. On success every key is
 * non-empty, keys are distinct, every key and value is valid UTF-8 without
 * NUL and its recorded length is right, and lt_form_get finds each value; on
 * failure the error is LT_EINVAL (or LT_ENOMEM) and names a field.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http/form.h"
#include "text/fold.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	lt_arena a;
	lt_form f;
	lt_error e = { 0 };
	int rc;

	lt_arena_init(&a);
	rc = lt_form_parse((const char *)data, size, 16, &a, &f, &e);
	if (rc == 0) {
		if (f.n > 16)
			abort();
		for (size_t i = 0; i < f.n; i++) {
			const lt_form_field *x = &f.v[i];
			if (!x->key[0] || strlen(x->value) != x->value_len ||
			    !lt_utf8_valid(x->key, strlen(x->key)) ||
			    !lt_utf8_valid(x->value, x->value_len) || lt_form_get(&f, x->key) != x->value)
				abort();
			for (size_t j = 0; j < i; j++)
				if (!strcmp(f.v[j].key, x->key))
					abort();
		}
	} else if ((rc != LT_EINVAL && rc != LT_ENOMEM) || e.code != rc || !e.field[0]) {
		abort();
	}
	lt_arena_free(&a);
	return 0;
}
