/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* auth_int.h — what auth.c shares with auth_reset.c (not for other modules). */
#ifndef LT_APP_AUTH_INT_H
#define LT_APP_AUTH_INT_H

#include <stdint.h>

#include "app/config.h"
#include "core/error.h"
#include "store/db.h"

/*
 * Count an attempt on one throttle counter (kind, login, ip), refused with
 * LT_ETHROTTLE (and *wait, seconds) while it is blocked. The free_failures-th
 * attempt and each after it block the counter for a delay that doubles
 * each time (cfg's login_delay … login_delay_max).
 */
LT_MUST_CHECK int lt_auth_charge(lt_db *db, const lt_http_config *cfg, const char *kind,
				 const char *login, const char *ip, int free_failures, int64_t now,
				 int64_t *wait, lt_error *e);

/*
 * rc, with an LT_ETHROTTLE reworded for the caller's counter: vi and en
 * each take the wait in seconds as their one %lld; field names the input.
 */
LT_MUST_CHECK int lt_auth_throttle_say(int rc, int64_t wait, const char *field, const char *vi,
				       const char *en, lt_error *e);

#endif
