/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * directive_compat.c — the old JSON signatures of directive.h, kept for the
 * features that have not moved to app/directive.h yet (activities, reports
 * and their tests). Each is a thin wrapper over the typed functions; delete
 * it when its last caller is gone. New code calls app/directive.h.
 */
#include <stdlib.h>
#include <string.h>

#include "store/directive.h"

int lt_directive_create(lt_db *db, int64_t issuer, json_t *doc, const char *kind,
			int64_t amends_id, int64_t implements_id, int64_t actor, int64_t *id,
			lt_error *e)
{
	lt_arena a;
	lt_directive_new in = { .issuer_id = issuer, .kind = kind, .amends_id = amends_id,
				.implements_id = implements_id };
	int rc;

	lt_arena_init(&a);
	rc = lt_directive_parts_of(doc, &a, &in.parts, e);
	if (!rc)
		rc = lt_directive_insert(db, &in, actor, id, e);
	lt_arena_free(&a);
	return rc;
}

int lt_directive_issue(lt_db *db, int64_t id, int64_t actor, int64_t *n, lt_error *e)
{
	lt_arena a;
	lt_directive_meta m;
	lt_recipients r;
	json_t *doc = NULL, *checked = NULL;
	const char *text = NULL;
	int rc;

	lt_arena_init(&a);
	rc = lt_directive_load(db, id, &a, &m, &text, e);
	if (!rc)
		rc = lt_directive_may(m.status, LT_DIR_ACT_ISSUE, e);
	if (!rc) {
		doc = json_loads(text, 0, NULL);
		rc = doc ? lt_directive_check(doc, true, &checked, e)
			 : lt_error_set(e, LT_EDB, "doc", "Nội dung công văn hỏng", "Corrupt directive");
	}
	if (!rc)
		rc = lt_directive_recipients_of(checked, &a, &r, e);
	if (!rc)
		rc = lt_directive_issue_to(db, id, &r, actor, n, e);
	json_decref(doc);
	json_decref(checked);
	lt_arena_free(&a);
	return rc;
}

int lt_directive_get(lt_db *db, int64_t id, lt_arena *a, lt_directive_meta *m, json_t **doc,
		     lt_error *e)
{
	const char *text = NULL;
	int rc = lt_directive_load(db, id, a, m, doc ? &text : NULL, e);

	if (doc)
		*doc = NULL;
	if (rc || !doc)
		return rc;
	*doc = json_loads(text ? text : "", 0, NULL);
	if (!*doc)
		return lt_error_set(e, LT_EDB, "doc", "Nội dung công văn hỏng", "Corrupt directive");
	return 0;
}

int lt_directive_themes(lt_db *db, int64_t id, json_t **out, lt_error *e)
{
	lt_arena a;
	lt_directive_theme *t;
	size_t n;
	json_t *arr = NULL;
	int rc;

	*out = NULL;
	lt_arena_init(&a);
	rc = lt_directive_theme_list(db, id, &a, &t, &n, e);
	if (!rc)
		arr = json_array();
	for (size_t i = 0; !rc && i < n; i++) {
		json_t *items = json_loads(t[i].items ? t[i].items : "[]", 0, NULL);
		json_array_append_new(arr, json_pack("{s:I,s:I,s:s?,s:o}", "id", (json_int_t)t[i].id,
						     "pos", (json_int_t)t[i].pos, "title",
						     t[i].title, "items",
						     items ? items : json_array()));
	}
	lt_arena_free(&a);
	if (!rc)
		*out = arr;
	return rc;
}

int lt_receipt_list(lt_db *db, int64_t directive, const char *state, json_t **items,
		    json_t **counts, lt_error *e)
{
	lt_arena a;
	lt_receipt *r;
	lt_receipt_counts c;
	size_t n;
	json_t *arr;
	int rc;

	*items = *counts = NULL;
	lt_arena_init(&a);
	rc = lt_receipt_rows(db, directive, state, &a, &r, &n, &c, e);
	if (rc)
		goto out;
	arr = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *o = json_pack("{s:{s:I,s:s?,s:s?},s:I,s:s}", "unit", "id",
				      (json_int_t)r[i].unit_id, "code", r[i].unit_code, "name",
				      r[i].unit_name, "received_at", (json_int_t)r[i].received_at,
				      "state", lt_receipt_state(r[i].opened_at, r[i].acknowledged_at));
		json_object_set_new(o, "opened_at",
				    r[i].opened_at ? json_integer(r[i].opened_at) : json_null());
		json_object_set_new(o, "acknowledged_at", r[i].acknowledged_at
								  ? json_integer(r[i].acknowledged_at)
								  : json_null());
		json_array_append_new(arr, o);
	}
	*items = arr;
	*counts = json_pack("{s:I,s:I,s:I,s:I}", "recipients", (json_int_t)c.recipients, "opened",
			    (json_int_t)c.opened, "acknowledged", (json_int_t)c.acknowledged,
			    "pending", (json_int_t)c.pending);
out:
	lt_arena_free(&a);
	return rc;
}
