/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* rollup.c — the kept roll-up's check and repair; see rollup.h. */
#include "app/rollup.h"

#include <string.h>

#include "core/access.h"

int lt_app_rollup_verify(lt_db *db, const lt_actor *who, int64_t directive, bool repair,
			 lt_rollup_diff_fn fn, void *ctx, lt_app_rollup_check *out, lt_error *e)
{
	lt_arena a;
	int64_t *ids = &directive;
	size_t n = 1;
	int rc = lt_actor_need_role(who, LT_ROLE_ADMIN, e);

	memset(out, 0, sizeof(*out));
	lt_arena_init(&a);
	if (!rc && directive <= 0)
		rc = lt_rollup_directives(db, &a, &ids, &n, e);
	for (size_t i = 0; !rc && i < n; i++) {
		size_t nd = 0;
		rc = lt_rollup_verify(db, ids[i], repair, fn, ctx, &nd, e);
		out->directives++;
		out->differences += nd;
	}
	out->repaired = !rc && repair && out->differences > 0;
	lt_arena_free(&a);
	return rc;
}
