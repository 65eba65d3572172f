/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * rollup.h — the kept roll-up's check (`lantoa rollup verify`): recompute
 * every directive's totals and completeness from scratch and compare them
 * with the tables the writes keep (store/rollup.h).
 */
#ifndef LT_APP_ROLLUP_H
#define LT_APP_ROLLUP_H

#include <stdbool.h>
#include <stdint.h>

#include "app/actor.h"
#include "core/error.h"
#include "store/db.h"
#include "store/rollup.h"

typedef struct lt_app_rollup_check {
	size_t directives;  /* directives compared */
	size_t differences; /* rows that differ (a directive never built counts one) */
	bool repaired;      /* the differing directives were rebuilt (repair) */
} lt_app_rollup_check;

/*
 * Compare directive's kept roll-up (0: every directive's) with a
 * recomputation; each difference goes to fn (may be NULL). repair rebuilds
 * the directives that differ, each in its own transaction. Administrators
 * only (the console is one). LT_ENOTFOUND naming "directive" when it does
 * not exist.
 */
LT_MUST_CHECK int lt_app_rollup_verify(lt_db *db, const lt_actor *who, int64_t directive,
				       bool repair, lt_rollup_diff_fn fn, void *ctx,
				       lt_app_rollup_check *out, lt_error *e);

#endif
