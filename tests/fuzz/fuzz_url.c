/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * fuzz_url.c — libFuzzer target for lt_url_canonical().
 *
 * Any input: no crash, no leak, no sanitizer report. On success the result
 * fits LT_URL_MAX, the channel is in range and canonicalising the result
 * gives it back unchanged (idempotence); on failure the error names "url".
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "net/url.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *in = malloc(size + 1), *out = NULL, *again = NULL;
	lt_channel ch = LT_CHANNEL_COUNT, ch2 = LT_CHANNEL_COUNT;
	lt_error e = { 0 };
	int rc;

	if (!in)
		return 0;
	memcpy(in, data, size);
	in[size] = '\0';
	rc = lt_url_canonical(in, &out, &ch, &e);
	if (rc == 0) {
		if (strlen(out) > LT_URL_MAX || (unsigned)ch >= LT_CHANNEL_COUNT)
			abort();
		if (lt_url_canonical(out, &again, &ch2, &e) != 0 || strcmp(out, again) != 0 || ch2 != ch)
			abort();
	} else if (out || e.code != rc || strcmp(e.field, "url") != 0) {
		abort();
	}
	free(in);
	free(out);
	free(again);
	return 0;
}
