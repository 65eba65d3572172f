/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * linkcheck.h — fetch a shared link once to see that it is alive and what
 * page it is: HTTP status, final URL after redirects, <title> and og:title.
 *
 * Safe to point at any URL a user typed: http/https only (redirects too),
 * connect and total timeouts, a cap on the body read, a redirect limit, and
 * no connection to loopback, private, link-local, unique-local, CGNAT,
 * multicast or reserved addresses. That check is made on the address each
 * socket is about to connect to (CURLOPT_OPENSOCKETFUNCTION), for every
 * redirect hop, so a DNS name that resolves to 127.0.0.1 (or changes its
 * answer between checks: DNS rebinding) is refused all the same.
 * Environment proxies are not used: the address check must see the server.
 * Thread-safe; blocking (run it from a worker, not a request handler).
 */
#ifndef LT_NET_LINKCHECK_H
#define LT_NET_LINKCHECK_H

#include <stdbool.h>
#include <stddef.h>

#include "core/error.h"

typedef struct lt_linkcheck_opts {
	long connect_timeout_ms; /* per connection; default 5000 */
	long total_timeout_ms;   /* whole fetch, redirects included; default 15000 */
	size_t max_bytes;        /* body bytes read at most; default 1 MiB */
	long max_redirects;      /* default 5 */
	bool allow_private;      /* tests only: allow loopback / private addresses */
	const char *user_agent;  /* borrowed; NULL → "lantoa-linkcheck/0.1" */
} lt_linkcheck_opts;

typedef struct lt_linkcheck_result {
	long status;       /* HTTP status of the last response (404, 200, …) */
	char *final_url;   /* owned: URL of the last response */
	char *title;       /* owned or NULL: <title>, white space collapsed, UTF-8 */
	char *og_title;    /* owned or NULL: <meta property="og:title" content=…> */
	char *content_type; /* owned or NULL: as the server sent it */
	size_t bytes;      /* body bytes read (at most max_bytes) */
	bool truncated;    /* the body was longer than max_bytes: reading stopped there */
} lt_linkcheck_result;

/* Fill o with the defaults above. */
void lt_linkcheck_opts_default(lt_linkcheck_opts *o);

/*
 * Fetch url (borrowed) with options o (NULL → defaults) into r (OUT; owned
 * strings inside: release with lt_linkcheck_result_free even on error).
 * An HTTP error status is a result, not a failure: 0 is returned with
 * r->status = 404. A body over max_bytes is cut there (r->truncated) and its
 * head still parsed for the title. Returns 0, or with e (field "url") filled:
 * LT_EINVAL (not an http/https URL), LT_EFORBIDDEN (private/loopback address),
 * LT_EIO (DNS, connection, TLS, timeout, too many redirects), LT_ENOMEM.
 */
LT_MUST_CHECK int lt_linkcheck_fetch(const char *url, const lt_linkcheck_opts *o, lt_linkcheck_result *r,
		       lt_error *e);

/* Free the strings of r and zero it; r may be NULL. */
void lt_linkcheck_result_free(lt_linkcheck_result *r);

#endif
