/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* encode.c — see encode.h. */
#include "http/encode.h"

#include <ctype.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zlib.h>

bool lt_accepts_coding(const char *ae, const char *coding)
{
	size_t n = strlen(coding);

	while (ae && *ae) {
		const char *end = strchr(ae, ','), *semi;
		size_t len;
		while (*ae == ' ' || *ae == '\t')
			ae++;
		len = end ? (size_t)(end - ae) : strlen(ae);
		semi = memchr(ae, ';', len);
		{
			size_t tok = semi ? (size_t)(semi - ae) : len;
			while (tok && (ae[tok - 1] == ' ' || ae[tok - 1] == '\t'))
				tok--;
			if (tok == n && !strncasecmp(ae, coding, n)) {
				/* "gzip;q=0" refuses it; any other q accepts. */
				const char *q = semi ? strstr(semi, "q=") : NULL;
				return !(q && q < ae + len && strtod(q + 2, NULL) <= 0.0);
			}
		}
		ae = end ? end + 1 : NULL;
	}
	return false;
}

int lt_gzip(const void *p, size_t n, lt_buf *out)
{
	z_stream z;
	unsigned char chunk[16384];
	int zrc, rc = 0;

	memset(&z, 0, sizeof(z));
	/* Level 4: most of level 9's ratio on JSON at a fraction of its time. 31 = gzip framing. */
	if (deflateInit2(&z, 4, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY) != Z_OK)
		return LT_ENOMEM;
	z.next_in = (unsigned char *)(uintptr_t)p;
	z.avail_in = (uInt)n;
	do {
		z.next_out = chunk;
		z.avail_out = sizeof(chunk);
		zrc = deflate(&z, Z_FINISH);
		if (zrc == Z_STREAM_ERROR) {
			rc = LT_ENOMEM;
			break;
		}
		rc = lt_buf_add(out, chunk, sizeof(chunk) - z.avail_out);
	} while (!rc && zrc != Z_STREAM_END);
	deflateEnd(&z);
	return rc;
}

/*
 * SipHash-2-4 with 128-bit output and a fixed key (every node of a cluster
 * gives one body one tag): a validator needs to tell a page's versions
 * apart, not to resist someone who forges bodies, and it runs on every API
 * read. BLAKE2b (the tag before) took 36 µs for a 12 kB page on the bench
 * machine, SipHash 7–11 µs; it was a tenth of GET /units?limit=50's CPU in
 * perf (issue 10, P1). A tag names a body, never anything secret.
 */
void lt_etag_of(const void *p, size_t n, char out[32])
{
	static const unsigned char key[crypto_shorthash_siphashx24_KEYBYTES] = { 0 };
	unsigned char h[crypto_shorthash_siphashx24_BYTES];
	char b64[sodium_base64_ENCODED_LEN(crypto_shorthash_siphashx24_BYTES,
					   sodium_base64_VARIANT_URLSAFE_NO_PADDING)];

	crypto_shorthash_siphashx24(h, p, n, key);
	sodium_bin2base64(b64, sizeof(b64), h, sizeof(h), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	snprintf(out, 32, "\"%s\"", b64);
}

bool lt_etag_matches(const char *inm, const char *etag)
{
	size_t n = strlen(etag);

	while (inm && *inm) {
		const char *end;
		size_t len;
		while (*inm == ' ' || *inm == ',')
			inm++;
		if (!strncmp(inm, "W/", 2))
			inm += 2; /* weak comparison, as If-None-Match asks */
		end = strchr(inm, ',');
		len = end ? (size_t)(end - inm) : strlen(inm);
		while (len && inm[len - 1] == ' ')
			len--;
		if ((len == 1 && *inm == '*') || (len == n && !strncmp(inm, etag, n)))
			return true;
		inm = end;
	}
	return false;
}
