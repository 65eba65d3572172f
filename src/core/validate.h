/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * validate.h — field rules shared by every entry point (API, CLI, import),
 * pure. Each returns 0 or LT_EINVAL with e naming field and reason.
 */
#ifndef LT_VALIDATE_H
#define LT_VALIDATE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/error.h"

/* ISO calendar date YYYY-MM-DD that exists (leap years checked). */
bool lt_date_valid(const char *s);
LT_MUST_CHECK int lt_check_date(const char *field, const char *s, lt_error *e);
/* Unit code: 1–32 of [A-Za-z0-9._-]. */
LT_MUST_CHECK int lt_check_code(const char *field, const char *s, lt_error *e);
/* Required text: non-empty after trimming, at most max bytes. */
LT_MUST_CHECK int lt_check_text(const char *field, const char *s, size_t max, lt_error *e);
/*
 * Optional e-mail address (NULL or "" allowed), strict: exactly one plain
 * address local@domain.tld in ASCII (an IDN in its xn-- form), dot-atom
 * local part, DNS labels, no display name, list, quote or control
 * character (validate.c says which subset of RFC 5321).
 */
LT_MUST_CHECK int lt_check_email(const char *field, const char *s, lt_error *e);
/* Login: 2–64 of [a-z0-9._-] (two: short names such as "vn" or "hn"). */
LT_MUST_CHECK int lt_check_login(const char *field, const char *s, lt_error *e);

#endif
