/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * fuzz_page.c — libFuzzer target for lt_page_parse() (?limit= and ?cursor=
 * of every list). The input is split at its first NUL into limit and cursor.
 *
 * Any input: no crash, no leak, no sanitizer report. On success the limit is
 * 1..500 and the key, when any, is printable text that lt_page_cursor turns
 * back into the same cursor; on failure the error is LT_EINVAL naming limit
 * or cursor (or LT_ENOMEM).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/page.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf = malloc(size + 2);
	const char *limit, *cursor;
	lt_arena a;
	lt_page pg;
	lt_error e = { 0 };
	int rc;

	if (!buf)
		return 0;
	memcpy(buf, data, size);
	buf[size] = buf[size + 1] = '\0';
	limit = buf;
	cursor = buf + strlen(buf) + 1;
	if (cursor > buf + size)
		cursor = NULL;
	lt_arena_init(&a);
	rc = lt_page_parse(*limit ? limit : NULL, cursor, &a, &pg, &e);
	if (rc == 0) {
		if (pg.limit < 1 || pg.limit > LT_PAGE_MAX)
			abort();
		if (pg.after) {
			char *again = lt_page_cursor(&a, pg.after);
			for (const char *p = pg.after; *p; p++)
				if ((unsigned char)*p < 0x20 || *p == 0x7f)
					abort();
			if (again && strcmp(again, cursor))
				abort();
		}
	} else if (rc != LT_ENOMEM &&
		   (rc != LT_EINVAL || (strcmp(e.field, "limit") && strcmp(e.field, "cursor")))) {
		abort();
	}
	lt_arena_free(&a);
	free(buf);
	return 0;
}
