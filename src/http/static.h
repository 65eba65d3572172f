/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * static.h — the web UI's files (web/dist), held in memory once read.
 *
 * The web build writes each text asset with content-hashed names
 * (app.<hash>.js) and precompressed siblings (.gz, .br); a file is read
 * with its siblings the first time it is asked for, again only when it
 * changes on disk, and served from memory without a copy. Hashed names are
 * immutable for a year; index.html is revalidated by its ETag.
 */
#ifndef LT_HTTP_STATIC_H
#define LT_HTTP_STATIC_H

#include <stddef.h>
#include <sys/types.h>
#include <time.h>

#include "core/error.h"

enum lt_coding { LT_CODING_IDENTITY, LT_CODING_GZIP, LT_CODING_BR, LT_CODING_COUNT };

typedef struct lt_static_file {
	const char *type;          /* Content-Type */
	const char *cache_control; /* Cache-Control */
	char etag[32];             /* of the identity bytes */
	const char *body[LT_CODING_COUNT]; /* NULL when that coding is not on disk */
	size_t len[LT_CODING_COUNT];
	time_t mtime;              /* of the identity file, to notice a rebuild */
	off_t size;
} lt_static_file;

/*
 * The file rel ("/app.js", safe: no "..") under root, read once and kept for
 * the life of the process (a file rebuilt on disk gets a new entry; the old
 * one stays valid for replies in flight). *out is borrowed.
 * 0, LT_ENOTFOUND, LT_ETOOBIG (over 16 MiB) or LT_ENOMEM.
 */
LT_MUST_CHECK int lt_static_get(const char *root, const char *rel, const lt_static_file **out);

#endif
