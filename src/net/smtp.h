/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * smtp.h — sending one e-mail with libcurl: a UTF-8 subject encoded per
 * RFC 2047, a text/plain UTF-8 body and attachments as MIME parts, over
 * SMTP with STARTTLS when offered (or required), authenticated when the
 * configuration says so. Nothing here is hard-coded: all of it comes from
 * the [smtp] section of the configuration.
 */
#ifndef LT_SMTP_H
#define LT_SMTP_H

#include <stdbool.h>
#include <stddef.h>

#include "core/buf.h"
#include "core/error.h"

typedef struct lt_smtp_config {
	char url[512];      /* smtp://host:port or smtps://host:port; empty: mail is off */
	char from[256];     /* envelope and header sender */
	char from_name[256];/* display name, UTF-8 */
	char username[256];
	char password[256];
	char starttls[16];  /* "try" (default), "require" or "no" */
	long timeout_s;     /* whole transfer, default 30 */
	bool insecure;      /* skip certificate checks (test servers only) */
} lt_smtp_config;

typedef struct lt_mail_part {
	const char *filename;
	const char *content_type;
	const void *data;
	size_t len;
} lt_mail_part;

/* Defaults: no URL, STARTTLS try, 30 s. */
void lt_smtp_config_defaults(lt_smtp_config *c);

/*
 * Encode s as RFC 2047 encoded-words ("=?UTF-8?B?…?="), split on character
 * boundaries so that each word stays under 76 characters; ASCII without
 * specials is written as is. Appends to out.
 */
LT_MUST_CHECK int lt_smtp_encode_header(lt_buf *out, const char *s);

/*
 * Send one message. reply (may be NULL) gets the server's last response
 * line or curl's error text, for the attempt log. 0, LT_EIO on a transfer
 * failure, LT_EINVAL on a bad address or configuration.
 */
LT_MUST_CHECK int lt_smtp_send(const lt_smtp_config *c, const char *to, const char *subject, const char *body,
		 const lt_mail_part *parts, size_t nparts, lt_buf *reply, lt_error *e);

#endif
