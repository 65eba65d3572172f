/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* unit_import.c — see unit_import.h. */
#include "store/unit_import.h"

#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "store/unit.h"

/* Resolve a code to an id through the database; 0 when absent. */
static int64_t id_of(lt_db *db, lt_arena *a, const char *code, int64_t *parent)
{
	lt_unit u;

	if (lt_unit_get_by_code(db, code, a, &u, NULL))
		return 0;
	if (parent)
		*parent = u.parent_id;
	return u.id;
}

int lt_unit_import(lt_db *db, const lt_unit_row *rows, size_t n, bool skip_existing,
		   int64_t actor, lt_progress_fn progress, void *ctx, size_t *created,
		   int *bad_line, lt_error *e)
{
	lt_arena a;
	bool *done = NULL;
	size_t ndone = 0, made = 0;
	int rc;

	*bad_line = 0;
	if (created)
		*created = 0;
	lt_arena_init(&a);
	done = calloc(n ? n : 1, sizeof(*done));
	if (!done)
		return lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	rc = lt_db_begin(db, e);
	if (rc)
		goto out;
	/* Parents first: sweep until every row is placed or no sweep makes progress. */
	while (ndone < n) {
		size_t before = ndone;
		for (size_t i = 0; i < n; i++) {
			const lt_unit_row *r = &rows[i];
			lt_unit_input in = { 0 };
			int64_t parent = 0, existing_parent = 0;
			bool root = !r->parent_code || !*r->parent_code;
			if (done[i])
				continue;
			if (!root) {
				parent = id_of(db, &a, r->parent_code, NULL);
				if (!parent)
					continue; /* maybe a later row; next sweep */
			}
			if (skip_existing && r->code && id_of(db, &a, r->code, &existing_parent) &&
			    existing_parent == parent) {
				done[i] = true;
				ndone++;
				continue;
			}
			in.code = r->code;
			in.name = r->name;
			in.level = r->level;
			in.parent_id = parent;
			in.email = r->email;
			in.members = r->members;
			in.active_from = r->active_from;
			rc = lt_unit_create(db, &in, actor, NULL, e);
			if (rc) {
				*bad_line = r->line;
				goto fail;
			}
			done[i] = true;
			ndone++;
			made++;
			if (progress && made % 64 == 0)
				progress(ctx, ndone, n);
		}
		if (ndone == before)
			break;
	}
	for (size_t i = 0; i < n; i++) {
		if (!done[i]) {
			*bad_line = rows[i].line;
			rc = lt_error_set(e, LT_EINVAL, "parent_code",
					  "Không tìm thấy đơn vị cấp trên có mã %s",
					  "No parent unit with code %s", rows[i].parent_code);
			goto fail;
		}
	}
fail:
	rc = lt_db_end(db, rc, e);
	if (!rc && created)
		*created = made;
	if (!rc && progress)
		progress(ctx, n, n);
out:
	free(done);
	lt_arena_free(&a);
	return rc;
}
