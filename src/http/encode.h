/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * encode.h — content negotiation for replies: which coding a client takes
 * (Accept-Encoding), gzip for dynamic bodies (zlib), and entity tags
 * (ETag / If-None-Match) so that a client revalidates instead of fetching
 * again. Static files come precompressed from the web build (static.h).
 */
#ifndef LT_HTTP_ENCODE_H
#define LT_HTTP_ENCODE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/buf.h"
#include "core/error.h"

/* Bodies smaller than this are sent as they are: the framing would eat the gain. */
#define LT_GZIP_MIN 1024

/* Does the Accept-Encoding value ae (may be NULL) accept coding ("gzip", "br")? q=0 refuses. */
bool lt_accepts_coding(const char *ae, const char *coding);
/* gzip the n bytes at p into out (appended). 0, LT_ENOMEM or LT_ETOOBIG (out's cap). */
LT_MUST_CHECK int lt_gzip(const void *p, size_t n, lt_buf *out);
/* A strong entity tag for the n bytes at p, quoted: "\"…\"" into out[32]. */
void lt_etag_of(const void *p, size_t n, char out[32]);
/* Does If-None-Match inm (may be NULL; a list, "*", W/ tags) match etag? */
bool lt_etag_matches(const char *inm, const char *etag);

#endif
