/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * kept.h — replies kept between requests while the data under them stands
 * (issue 10 P1: the figures summary's page costs about 400 µs of CPU to
 * compute, mostly SQLite reading 700 values, against 20 µs for nginx to send
 * its 30 kB).
 *
 * An entry is the bytes of a reply under a key (what the use case read it
 * for: route, directive, subtree, page) and the store's stamp of the
 * snapshot it was computed in (store/db.h lt_db_stamp). A lookup hits only
 * under the very same stamp: the same connection, with nothing committed by
 * anyone and nothing changed by itself since. So a kept reply is never older
 * than what the request would read, and any write anywhere retires every
 * entry made before it. The access decision is made before a lookup, on
 * every request, and the key names the subtree it allowed; a reply kept must
 * not depend on who asks beyond that.
 *
 * At most LT_KEPT_SLOTS entries of at most LT_KEPT_MAX bytes each (a bigger
 * reply is not kept), for the whole process, least recently used out first:
 * a few MB whatever the traffic. Thread-safe. Without a stamp (PostgreSQL,
 * the CLI) nothing is kept.
 */
#ifndef LT_APP_KEPT_H
#define LT_APP_KEPT_H

#include <stdbool.h>
#include <stddef.h>

#include "core/buf.h"
#include "store/db.h"

#define LT_KEPT_SLOTS 32
#define LT_KEPT_MAX ((size_t)256 << 10)

/* The reply kept under key and stamp st appended to out: true; else false, out untouched. */
bool lt_kept_get(const lt_db_stamp *st, const char *key, lt_buf *out);
/* Keep p[n] under key and stamp st (nothing without a stamp, or past LT_KEPT_MAX). */
void lt_kept_put(const lt_db_stamp *st, const char *key, const char *p, size_t n);
/* Lookups that hit and missed since the process started (for tests and the metrics). */
void lt_kept_counts(long long *hits, long long *misses);

#endif
