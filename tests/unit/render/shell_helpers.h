/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * shell_helpers.h — the render tests check their output with the tools a
 * user would open it with (poppler, LibreOffice): is a tool installed, the
 * output of a command, white space collapsed for comparing wrapped text.
 * Header-only, test code only; include after <cmocka.h>.
 */
#ifndef LT_TEST_SHELL_HELPERS_H
#define LT_TEST_SHELL_HELPERS_H

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/buf.h"

static inline bool have(const char *tool)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "command -v %s >/dev/null 2>&1", tool);
	return system(cmd) == 0;
}

/* Output of a shell command, owned; NULL when it could not run or exited non-zero. */
static inline char *run(const char *cmd)
{
	FILE *f = popen(cmd, "r");
	lt_buf b;
	char chunk[4096];
	size_t n;

	if (!f)
		return NULL;
	lt_buf_init(&b, 16 << 20);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		assert_int_equal(lt_buf_add(&b, chunk, n), 0);
	if (pclose(f) != 0) {
		lt_buf_free(&b);
		return NULL;
	}
	return lt_buf_steal(&b);
}

/* Collapse white space runs into one space, in place, so that wrapped lines
 * compare as one. */
static inline char *squash(char *s)
{
	char *r = s, *w = s;
	bool sp = false;

	for (; *r; r++) {
		if (*r == ' ' || *r == '\n' || *r == '\t' || *r == '\f') {
			sp = true;
			continue;
		}
		if (sp && w != s)
			*w++ = ' ';
		sp = false;
		*w++ = *r;
	}
	*w = '\0';
	return s;
}

#endif
