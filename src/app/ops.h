/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * ops.h — the operators' use cases: the health check and who may read the
 * server's metrics (addresses in [server] metrics_allow, loopback by default).
 */
#ifndef LT_APP_OPS_H
#define LT_APP_OPS_H

#include <stdbool.h>

#include "app/actor.h"
#include "core/error.h"
#include "store/db.h"

/*
 * Does ip ("127.0.0.1", "::1") fall in list, a comma- or space-separated list of
 * addresses and CIDR blocks ("127.0.0.1, 10.0.0.0/8, ::1, fd00::/8")?
 */
bool lt_app_addr_in_list(const char *ip, const char *list);
/* 0 when list is well-formed, else LT_EINVAL naming the bad entry. */
LT_MUST_CHECK int lt_app_addr_list_check(const char *list, const char *field, lt_error *e);

/* May who read /metrics? 0, or LT_EFORBIDDEN (the address is not in allow). */
LT_MUST_CHECK int lt_app_ops_metrics_allowed(const lt_actor *who, const char *allow,
					     lt_error *e);
/* The database answers: 0, or the storage error. */
LT_MUST_CHECK int lt_app_ops_health(lt_db *db, lt_error *e);

#endif
