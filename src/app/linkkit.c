/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* linkkit.c — link kits and their shares; see linkkit.h. */
#include "app/linkkit.h"

#include <stdio.h>
#include <string.h>

#include "app/activity.h"
#include "app/activity_access.h"
#include "core/tree.h"

int lt_app_linkkit_list(lt_db *db, const lt_actor *who, int64_t directive_id, const lt_page *pg,
			lt_arena *a, lt_linkkit_row **v, size_t *n, lt_error *e)
{
	int64_t before = 0;
	int max = 0;
	int rc = lt_app_act_directive(db, who, directive_id, e);

	*v = NULL;
	*n = 0;
	if (!rc)
		rc = lt_page_cursor_id(pg, &before, &max, e);
	/* Kits from above (to share) and kits issued in the reader's subtree (to follow). */
	if (!rc && who->unit_path)
		rc = lt_linkkit_list(db, directive_id, who->unit_id, who->unit_path, before, max, a,
				     v, n, e);
	return rc;
}

/* Canonicalise the links of in into items (arena); errors name "items[i].url". */
static int kit_links(const lt_app_kit_in *in, lt_arena *a, lt_linkkit_item_in **items, lt_error *e)
{
	lt_linkkit_item_in *v;

	if (!in->links || !in->n || in->n > 100)
		return lt_error_set(e, LT_EINVAL, "items", "items: 1 đến 100 đường dẫn",
				    "items: 1 to 100 links");
	v = lt_arena_alloc(a, in->n * sizeof(*v));
	if (!v)
		return lt_app_act_nomem(e);
	for (size_t i = 0; i < in->n; i++) {
		const lt_app_kit_link *l = &in->links[i];
		char field[32];
		int rc;
		snprintf(field, sizeof(field), "items[%zu].url", i);
		if (!l->url)
			return lt_error_set(e, LT_EINVAL, field, "Thiếu đường dẫn", "Missing link");
		rc = lt_app_link(l->url, field, a, &v[i].url_canonical, &v[i].channel, e);
		if (rc)
			return rc;
		v[i].url = l->url;
		v[i].title = l->title && *l->title ? l->title : v[i].url_canonical;
		v[i].source = l->source;
	}
	*items = v;
	return 0;
}

int lt_app_linkkit_create(lt_db *db, const lt_actor *who, const lt_app_kit_in *in, lt_arena *a,
			  lt_linkkit_row *out, lt_error *e)
{
	lt_linkkit_item_in *items = NULL;
	int64_t issuer = 0, id = 0;
	int rc = lt_actor_need_role(who, LT_ROLE_CADRE, e);

	memset(out, 0, sizeof(*out));
	if (!rc && !lt_actor_at_least(who, LT_ROLE_OFFICER))
		rc = lt_error_set(e, LT_EFORBIDDEN, NULL, "Chỉ cán bộ liên đoàn được gửi bộ đường dẫn",
				  "Only federation officers may publish link kits");
	if (!rc)
		rc = lt_app_act_writer(db, who, in->directive_id, in->issuer_id, &issuer, e);
	if (!rc)
		rc = kit_links(in, a, &items, e);
	/* The issuer of the directive or a recipient passing links further down. */
	if (!rc)
		rc = lt_app_act_begin(db, in->directive_id, issuer, e);
	if (rc)
		return rc;
	rc = lt_linkkit_create(db, in->directive_id, issuer, in->theme_id, in->title, in->note, items,
			       in->n, lt_actor_audit_id(who), &id, e);
	if (!rc)
		rc = lt_linkkit_get(db, id, issuer, a, out, e);
	return lt_db_end(db, rc, e);
}

/* The line of unit u in out->units, added in order of first share; NULL when out of memory. */
static lt_app_unit_shares *unit_line(lt_app_kit_shares *out, const lt_act_unit *u, size_t max,
				     lt_arena *a)
{
	lt_app_unit_shares *x;

	for (size_t i = 0; i < out->nunits; i++)
		if (out->units[i].unit.id == u->id)
			return &out->units[i];
	x = &out->units[out->nunits++];
	x->unit = *u;
	x->items = lt_arena_alloc(a, max * sizeof(*x->items));
	return x->items ? x : NULL;
}

int lt_app_linkkit_shares(lt_db *db, const lt_actor *who, int64_t id, lt_arena *a,
			  lt_app_kit_shares *out, lt_error *e)
{
	lt_linkkit_share_row *rows = NULL;
	size_t n = 0;
	int rc = lt_actor_need_role(who, LT_ROLE_CADRE, e);

	memset(out, 0, sizeof(*out));
	if (!rc)
		rc = lt_linkkit_get(db, id, who->unit_id, a, &out->kit, e);
	if (rc)
		return rc;
	/* The issuer's side (its unit and above) follows the shares. */
	if (!lt_tree_path_under(out->kit.issuer.path, who->unit_path))
		return lt_error_set(e, LT_EFORBIDDEN, "id",
				    "Chỉ đơn vị gửi bộ đường dẫn xem được số lượt chia sẻ",
				    "Only the issuing side sees a link kit's shares");
	rc = lt_linkkit_shares(db, id, out->kit.issuer.path, a, &rows, &n, e);
	if (rc)
		return rc;
	out->links = lt_arena_alloc(a, (n ? n : 1) * sizeof(*out->links));
	out->units = lt_arena_alloc(a, (n ? n : 1) * sizeof(*out->units));
	if (!out->links || !out->units)
		return lt_app_act_nomem(e);
	for (size_t i = 0; i < n; i++) {
		lt_app_link_shares *l = out->nlinks ? &out->links[out->nlinks - 1] : NULL;
		lt_app_unit_shares *u;
		if (!l || l->item_id != rows[i].item_id) {
			l = &out->links[out->nlinks++];
			l->item_id = rows[i].item_id;
			l->title = rows[i].item_title;
			l->url_canonical = rows[i].item_url;
			l->shares = &rows[i];
		}
		if (!rows[i].unit.id)
			continue; /* not shared (or shared outside the issuer's subtree) */
		/* Rows of one link are consecutive: its shares are a run from its first share. */
		if (!l->n)
			l->shares = &rows[i];
		l->n++;
		u = unit_line(out, &rows[i].unit, n, a);
		if (!u)
			return lt_app_act_nomem(e);
		u->items[u->n++] = rows[i].item_id;
	}
	return 0;
}
