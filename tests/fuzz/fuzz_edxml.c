/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * fuzz_edxml.c — libFuzzer target for lt_edxml_parse() and lt_edxml_write().
 *
 * Any bytes: no crash, no leak, no sanitizer report, no file or network
 * read. A refusal is LT_EINVAL or LT_ETOOBIG with a field and both
 * messages. A message that is read is written again, and what is written
 * reads back with the same header fields and attachment bytes.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text/edxml.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void same(const char *a, const char *b)
{
	if ((a == NULL) != (b == NULL) || (a && strcmp(a, b)))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	lt_edxml_msg m, r;
	lt_arena a;
	lt_error e = { 0 };
	lt_buf b;
	int rc;

	lt_arena_init(&a);
	lt_buf_init(&b, LT_EDXML_MAX);
	rc = lt_edxml_parse((const char *)data, size, &a, &m, &e);
	if (rc) {
		if ((rc != LT_EINVAL && rc != LT_ETOOBIG && rc != LT_ENOMEM) || !e.field[0] ||
		    !e.vi[0] || !e.en[0])
			abort();
		goto out;
	}
	/* Values read are values the writer takes (it may still refuse, never crash). */
	if (lt_edxml_write(&m, &b, &e))
		goto out;
	if (lt_edxml_parse(b.ptr, b.len, &a, &r, &e))
		abort();
	if (r.is_status != m.is_status || r.nfiles != m.nfiles || r.priority != m.priority)
		abort();
	same(r.from.id, m.from.id);
	same(r.subject, m.subject);
	same(r.due_date, m.due_date);
	same(r.response_for.code, m.response_for.code);
	for (size_t i = 0; i < r.nfiles; i++)
		if (r.files[i].len != m.files[i].len ||
		    (r.files[i].len && memcmp(r.files[i].data, m.files[i].data, r.files[i].len)))
			abort();
out:
	lt_buf_free(&b);
	lt_arena_free(&a);
	return 0;
}
