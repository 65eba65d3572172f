/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * rollup_items_read.c — the snapshot's activity items read from the kept
 * rows (rollup_items.c) instead of a scan of every item of the subtree:
 * the root's rows, its own items, and one row per child.
 */
#include "store/rollup.h"
#include "store/rollup_int.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"

static int oom(lt_error *e)
{
	return lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
}

/* The sum of code over v. */
static int64_t count_of(const rl_vals *v, const char *code)
{
	int64_t n = 0;

	for (size_t i = 0; i < v->n; i++)
		if (!strcmp(v->v[i].code, code))
			n += v->v[i].units;
	return n;
}

/* The sum over v of the codes that start with prefix (every row's). */
static int64_t count_all(const rl_vals *v, const char *prefix)
{
	int64_t n = 0;
	size_t k = strlen(prefix);

	for (size_t i = 0; i < v->n; i++)
		if (!strncmp(v->v[i].code, prefix, k))
			n += v->v[i].units;
	return n;
}

/* The unit's items counted: kept for its subtree, and its own when they count. */
static int kid_items(lt_db *db, int64_t d, int64_t kid, int b, bool own, int64_t *n, lt_error *e)
{
	lt_stmt *st = NULL;
	int64_t mine = 0;
	int rc = lt_db_row(db,
			   "SELECT COALESCE(sum(units), 0) FROM rollup_total WHERE directive_id = $1"
			   " AND unit_id = $2 AND basis = $3 AND code LIKE '#t%'",
			   &st, e, LT_I(d), LT_I(kid), LT_I(b));

	*n = rc == 1 ? lt_stmt_int(st, 0) : 0;
	lt_stmt_done(st);
	if (rc < 0 || !own)
		return rc < 0 ? rc : 0;
	rc = lt_db_int(db, "SELECT count(*) FROM activity WHERE unit_id = $2 AND directive_id IN " DIRSET,
		       &mine, e, LT_I(d), LT_I(kid));
	*n += mine;
	return rc < 0 ? rc : 0;
}

/* The title of a theme (NULL: none, or gone). */
static int theme_title(lt_db *db, int64_t id, lt_arena *a, const char **out, lt_error *e)
{
	lt_stmt *st = NULL;
	int rc = id ? lt_db_row(db, "SELECT title FROM directive_theme WHERE id = $1", &st, e, LT_I(id))
		    : 0;

	*out = rc == 1 ? lt_arena_strdup(a, lt_stmt_text(st, 0)) : NULL;
	lt_stmt_done(st);
	return rc < 0 ? rc : 0;
}

/* One row per "#t" code: its items, originals and distinct links. */
static int rows_of(lt_db *db, const rl_vals *v, lt_arena *a, json_t *items, lt_error *e)
{
	int rc = 0;

	for (size_t i = 0; !rc && i < v->n; i++) {
		const char *code = v->v[i].code, *bar, *title;
		char key[64];
		int64_t theme, n;
		if (strncmp(code, "#t", 2) || !(bar = strchr(code, '|')))
			continue;
		n = count_of(v, code);
		/* Each row once: the first of its code's entries. */
		for (size_t k = 0; k < i && n; k++)
			if (!strcmp(v->v[k].code, code))
				n = 0;
		if (n <= 0)
			continue;
		theme = strtoll(code + 2, NULL, 10);
		rc = theme_title(db, theme, a, &title, e);
		if (rc)
			break;
		snprintf(key, sizeof(key), "#r%s", code + 2);
		{
			int64_t orig = count_of(v, key), linked, rep;
			key[1] = 'v';
			linked = n - count_of(v, key);
			key[1] = 'y';
			rep = count_of(v, key);
			if (json_array_append_new(items,
						  json_pack("{s:o,s:s?,s:s,s:I,s:I,s:I,s:I}", "theme_id",
							    theme ? json_integer(theme) : json_null(),
							    "theme", title, "channel", bar + 1, "items",
							    (json_int_t)n, "originals", (json_int_t)orig,
							    "shares", (json_int_t)(n - orig),
							    "distinct_links", (json_int_t)(linked - rep))))
				rc = oom(e);
		}
	}
	return rc;
}

int rl_items_read(lt_db *db, int64_t d, scope *s, bool sub, json_t **items, json_t **totals,
		  json_t *per_kid_items, json_t *per_day, int64_t *units_counted, lt_error *e)
{
	rl_vals v = { 0 };
	int b = sub ? 1 : 0;
	int rc = 0;

	*items = *totals = NULL;
	/* The root's kept rows (its figures' too, which no item code below matches). */
	if (s->where[s->root] == ROOT_ITSELF)
		rc = rl_kept_vals(db, d, s->root, b, &v, e);
	/* The root's own items always count in its own roll-up. */
	if (!rc && s->counted[s->root]) {
		bool c[2];
		rc = rl_item_own(db, d, s->root, &v, e);
		if (!rc)
			rc = rl_counted_of(db, d, s->root, c, e);
		if (!rc && !c[b])
			rc = rl_items_root_repeats(db, d, s->day, s->root, b, &v, e);
	}
	for (size_t k = 0; !rc && k < s->nkids; k++) {
		int64_t n = 0;
		char key[24];
		rc = kid_items(db, d, s->kids[k].id, b, s->counted[s->kids[k].id] != 0, &n, e);
		snprintf(key, sizeof(key), "%zu", k);
		if (!rc && n && per_kid_items)
			json_object_set_new(per_kid_items, key, json_integer(n));
	}
	if (!rc) {
		*items = json_array();
		rc = *items ? rows_of(db, &v, &s->arena, *items, e) : oom(e);
	}
	for (size_t i = 0; !rc && per_day && i < v.n; i++)
		if (!strncmp(v.v[i].code, "#d", 2)) {
			const char *day = v.v[i].code + 2;
			json_int_t was = json_integer_value(json_object_get(per_day, day));
			json_object_set_new(per_day, day, json_integer(was + v.v[i].units));
		}
	*units_counted = count_of(&v, "#c");
	if (!rc) {
		int64_t n = count_all(&v, "#t"), orig = count_all(&v, "#r");
		*totals = json_pack("{s:I,s:I,s:I,s:I,s:I}", "items", (json_int_t)n, "originals",
				    (json_int_t)orig, "shares", (json_int_t)(n - orig),
				    "distinct_links",
				    (json_int_t)(n - count_all(&v, "#v") - count_of(&v, "#x")),
				    "kit_shares", (json_int_t)count_of(&v, "#k"));
		if (!*totals)
			rc = oom(e);
	}
	free(v.v);
	if (rc) {
		json_decref(*items);
		*items = NULL;
	}
	return rc;
}
