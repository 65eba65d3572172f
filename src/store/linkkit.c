/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* linkkit.c — link kits, their shares, and the link-check queue; see linkkit.h. */
#include "store/linkkit.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/tree.h"
#include "core/validate.h"
#include "store/activity.h"
#include "store/activity_sql.h"
#include "store/audit.h"
#include "store/store.h"

int lt_linkkit_create(lt_db *db, int64_t directive_id, int64_t issuer_id, int64_t theme_id,
		      const char *title, const char *note, const lt_linkkit_item_in *items,
		      size_t n, int64_t actor, int64_t *id, lt_error *e)
{
	lt_stmt *st = NULL;
	int64_t made = 0;
	int rc = lt_check_text("title", title, 300, e);

	if (!rc && (n < 1 || n > 100))
		rc = lt_error_set(e, LT_EINVAL, "items", "Bộ đường dẫn cần từ 1 đến 100 đường dẫn",
				  "A link kit needs 1 to 100 links");
	for (size_t i = 0; !rc && i < n; i++) {
		char field[48];
		snprintf(field, sizeof(field), "items[%zu].title", i);
		if (!items[i].url_canonical || !*items[i].url_canonical)
			rc = lt_error_set(e, LT_EINVAL, "items", "Đường dẫn thứ %zu trống",
					  "Link %zu is empty", i + 1);
		else
			rc = lt_check_text(field, items[i].title, 500, e);
	}
	if (rc)
		return rc;
	rc = lt_db_begin(db, e);
	if (rc)
		return rc;
	/* The issuer of the directive or a recipient passing links further down. */
	rc = lt_activity_check_scope(db, directive_id, issuer_id, e);
	if (!rc && theme_id) {
		rc = lt_db_prepare(db, "SELECT 1 FROM directive_theme WHERE id = $1 AND directive_id = $2",
				   &st, e);
		if (!rc) {
			lt_stmt_bind_int(st, 1, theme_id);
			lt_stmt_bind_int(st, 2, directive_id);
			rc = lt_stmt_step(st, e);
			lt_stmt_done(st);
			if (rc == 0)
				rc = lt_error_set(e, LT_EINVAL, "theme_id",
						  "Chủ đề không thuộc công văn này",
						  "The theme is not one of this directive's");
			else if (rc == 1)
				rc = 0;
		}
	}
	if (!rc)
		rc = lt_db_prepare(db,
				   "INSERT INTO link_kit(directive_id, theme_id, issuer_id, title, note,"
				   " created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
				   &st, e);
	if (!rc) {
		lt_stmt_bind_int(st, 1, directive_id);
		lt_stmt_bind_id(st, 2, theme_id);
		lt_stmt_bind_int(st, 3, issuer_id);
		lt_stmt_bind_text(st, 4, title);
		lt_act_bind_opt_text(st, 5, note);
		lt_stmt_bind_id(st, 6, actor);
		lt_stmt_bind_int(st, 7, lt_now());
		rc = lt_act_step_id(st, &made, e);
	}
	for (size_t i = 0; !rc && i < n; i++) {
		rc = lt_db_prepare(db,
				   "INSERT INTO link_kit_item(kit_id, pos, url, url_canonical, channel,"
				   " title, source) VALUES ($1, $2, $3, $4, $5, $6, $7)",
				   &st, e);
		if (rc)
			break;
		lt_stmt_bind_int(st, 1, made);
		lt_stmt_bind_int(st, 2, (int64_t)i + 1);
		lt_stmt_bind_text(st, 3, items[i].url ? items[i].url : items[i].url_canonical);
		lt_stmt_bind_text(st, 4, items[i].url_canonical);
		lt_stmt_bind_text(st, 5, items[i].channel ? items[i].channel : "website");
		lt_stmt_bind_text(st, 6, items[i].title);
		lt_act_bind_opt_text(st, 7, items[i].source);
		rc = lt_stmt_run(st, e);
	}
	return lt_act_tx_end_created(db, rc, actor, "link_kit", made, id, e);
}

/* Items of kit with share counts; shared_by_me for unit_id. */
static int kit_items(lt_db *db, int64_t kit_id, int64_t unit_id, json_t **out, lt_error *e)
{
	lt_stmt *st = NULL;
	json_t *arr = json_array();
	int rc = lt_db_prepare(db,
			       "SELECT i.id, i.url, i.url_canonical, i.channel, i.title, i.source,"
			       " (SELECT count(*) FROM activity a WHERE a.kit_item_id = i.id),"
			       " (SELECT count(DISTINCT a.unit_id) FROM activity a WHERE a.kit_item_id = i.id),"
			       " (SELECT min(a.id) FROM activity a WHERE a.kit_item_id = i.id"
			       "   AND a.unit_id = $2)"
			       " FROM link_kit_item i WHERE i.kit_id = $1 ORDER BY i.pos",
			       &st, e);

	*out = NULL;
	if (rc) {
		json_decref(arr);
		return rc;
	}
	lt_stmt_bind_int(st, 1, kit_id);
	lt_stmt_bind_int(st, 2, unit_id);
	while ((rc = lt_stmt_step(st, e)) == 1) {
		json_t *o = json_pack("{s:I,s:s,s:s,s:s,s:s,s:s?,s:I,s:I}", "id",
				      (json_int_t)lt_stmt_int(st, 0), "url", lt_stmt_text(st, 1),
				      "url_canonical", lt_stmt_text(st, 2), "channel",
				      lt_stmt_text(st, 3), "title", lt_stmt_text(st, 4), "source",
				      lt_stmt_text(st, 5), "shares", (json_int_t)lt_stmt_int(st, 6),
				      "units_shared", (json_int_t)lt_stmt_int(st, 7));
		json_object_set_new(o, "my_share", lt_stmt_is_null(st, 8)
							   ? json_null()
							   : json_integer(lt_stmt_int(st, 8)));
		json_array_append_new(arr, o);
	}
	lt_stmt_done(st);
	if (rc < 0) {
		json_decref(arr);
		return rc;
	}
	*out = arr;
	return 0;
}

#define KIT_COLS                                                                         \
	"k.id, k.title, k.note, k.theme_id, t.pos, t.title, u.id, u.code, u.name, u.path," \
	" k.directive_id, k.created_at"

static json_t *kit_row(lt_stmt *st)
{
	json_t *o = json_pack("{s:I,s:s,s:s?,s:{s:I,s:s,s:s,s:s},s:I,s:I}", "id",
			      (json_int_t)lt_stmt_int(st, 0), "title", lt_stmt_text(st, 1), "note",
			      lt_stmt_text(st, 2), "issuer", "id", (json_int_t)lt_stmt_int(st, 6),
			      "code", lt_stmt_text(st, 7), "name", lt_stmt_text(st, 8), "path",
			      lt_stmt_text(st, 9), "directive_id", (json_int_t)lt_stmt_int(st, 10),
			      "created_at", (json_int_t)lt_stmt_int(st, 11));

	json_object_set_new(o, "theme", lt_stmt_is_null(st, 3)
						? json_null()
						: json_pack("{s:I,s:I,s:s}", "id",
							    (json_int_t)lt_stmt_int(st, 3), "pos",
							    (json_int_t)lt_stmt_int(st, 4), "title",
							    lt_stmt_text(st, 5)));
	return o;
}

int lt_linkkit_list(lt_db *db, int64_t directive_id, int64_t unit_id, const char *unit_path,
		    json_t **out, lt_error *e)
{
	lt_stmt *st = NULL;
	json_t *arr = json_array(), *k;
	size_t i;
	int rc = lt_db_prepare(db,
			       "SELECT " KIT_COLS " FROM link_kit k JOIN unit u ON u.id = k.issuer_id"
			       " LEFT JOIN directive_theme t ON t.id = k.theme_id"
			       " WHERE k.directive_id = $1 ORDER BY k.id DESC",
			       &st, e);

	*out = NULL;
	if (rc) {
		json_decref(arr);
		return rc;
	}
	lt_stmt_bind_int(st, 1, directive_id);
	while ((rc = lt_stmt_step(st, e)) == 1) {
		const char *ipath = lt_stmt_text(st, 9);
		/* Kits from above (to share) and kits issued in the reader's subtree (to follow). */
		if (!lt_tree_path_under(unit_path, ipath) && !lt_tree_path_under(ipath, unit_path))
			continue;
		json_array_append_new(arr, kit_row(st));
	}
	lt_stmt_done(st);
	if (rc < 0) {
		json_decref(arr);
		return rc;
	}
	json_array_foreach(arr, i, k) {
		json_t *items = NULL;
		rc = kit_items(db, json_integer_value(json_object_get(k, "id")), unit_id, &items, e);
		if (rc) {
			json_decref(arr);
			return rc;
		}
		json_object_set_new(k, "items", items);
	}
	*out = arr;
	return 0;
}

int lt_linkkit_get(lt_db *db, int64_t kit_id, int64_t unit_id, json_t **out, lt_error *e)
{
	lt_stmt *st = NULL;
	json_t *o = NULL, *items = NULL;
	int rc = lt_db_prepare(db,
			       "SELECT " KIT_COLS " FROM link_kit k JOIN unit u ON u.id = k.issuer_id"
			       " LEFT JOIN directive_theme t ON t.id = k.theme_id WHERE k.id = $1",
			       &st, e);

	*out = NULL;
	if (rc)
		return rc;
	lt_stmt_bind_int(st, 1, kit_id);
	rc = lt_stmt_step(st, e);
	if (rc == 1)
		o = kit_row(st);
	lt_stmt_done(st);
	if (rc == 0)
		return lt_error_set(e, LT_ENOTFOUND, "id", "Không có bộ đường dẫn #%" PRId64,
				    "No link kit #%" PRId64, kit_id);
	if (rc < 0)
		return rc;
	rc = kit_items(db, kit_id, unit_id, &items, e);
	if (rc) {
		json_decref(o);
		return rc;
	}
	json_object_set_new(o, "items", items);
	*out = o;
	return 0;
}

int lt_linkkit_shares(lt_db *db, int64_t kit_id, const char *within, json_t **out, lt_error *e)
{
	lt_stmt *st = NULL;
	char end[LT_PATH_MAX];
	json_t *per_link = json_object(), *per_unit = json_object(), *links, *units;
	const char *key;
	json_t *v;
	int rc;

	*out = NULL;
	lt_tree_path_end(within, end);
	rc = lt_db_prepare(db,
			   "SELECT i.id, i.title, i.url_canonical, u.id, u.code, u.name, a.id, a.url,"
			   " a.date FROM link_kit_item i LEFT JOIN activity a ON a.kit_item_id = i.id"
			   " LEFT JOIN unit u ON u.id = a.unit_id AND u.path >= $2 AND u.path < $3"
			   " WHERE i.kit_id = $1 ORDER BY i.pos, u.path, a.id",
			   &st, e);
	if (rc)
		goto out;
	lt_stmt_bind_int(st, 1, kit_id);
	lt_stmt_bind_text(st, 2, within);
	lt_stmt_bind_text(st, 3, end);
	while ((rc = lt_stmt_step(st, e)) == 1) {
		char lk[24];
		json_t *l, *u;
		snprintf(lk, sizeof(lk), "%" PRId64, lt_stmt_int(st, 0));
		l = json_object_get(per_link, lk);
		if (!l) {
			l = json_pack("{s:{s:I,s:s,s:s},s:I,s:[]}", "item", "id",
				      (json_int_t)lt_stmt_int(st, 0), "title", lt_stmt_text(st, 1),
				      "url_canonical", lt_stmt_text(st, 2), "shares", (json_int_t)0,
				      "units");
			json_object_set_new(per_link, lk, l);
		}
		if (lt_stmt_is_null(st, 3))
			continue; /* not shared (or shared outside within) */
		json_object_set_new(l, "shares",
				    json_integer(json_integer_value(json_object_get(l, "shares")) + 1));
		json_array_append_new(json_object_get(l, "units"),
				      json_pack("{s:I,s:s,s:s,s:I,s:s?,s:s}", "id",
						(json_int_t)lt_stmt_int(st, 3), "code",
						lt_stmt_text(st, 4), "name", lt_stmt_text(st, 5),
						"activity_id", (json_int_t)lt_stmt_int(st, 6), "url",
						lt_stmt_text(st, 7), "date", lt_stmt_text(st, 8)));
		u = json_object_get(per_unit, lt_stmt_text(st, 4));
		if (!u) {
			u = json_pack("{s:{s:I,s:s,s:s},s:I,s:[]}", "unit", "id",
				      (json_int_t)lt_stmt_int(st, 3), "code", lt_stmt_text(st, 4),
				      "name", lt_stmt_text(st, 5), "shares", (json_int_t)0, "items");
			json_object_set_new(per_unit, lt_stmt_text(st, 4), u);
		}
		json_object_set_new(u, "shares",
				    json_integer(json_integer_value(json_object_get(u, "shares")) + 1));
		json_array_append_new(json_object_get(u, "items"), json_integer(lt_stmt_int(st, 0)));
	}
	lt_stmt_done(st);
	if (rc < 0)
		goto out;
	rc = 0;
	links = json_array();
	units = json_array();
	json_object_foreach(per_link, key, v)
		json_array_append(links, v);
	json_object_foreach(per_unit, key, v)
		json_array_append(units, v);
	*out = json_pack("{s:o,s:o}", "links", links, "units", units);
out:
	json_decref(per_link);
	json_decref(per_unit);
	return rc;
}

/* ---------- link-check queue ---------- */

int lt_linkcheck_claim(lt_db *db, char **url, lt_error *e)
{
	lt_stmt *st = NULL;
	char *got = NULL;
	int rc;

	*url = NULL;
	rc = lt_db_begin(db, e);
	if (rc)
		return rc;
	rc = lt_db_prepare(db,
			   "SELECT url_canonical FROM link_check WHERE state = 'pending'"
			   " ORDER BY queued_at DESC, url_canonical LIMIT 1",
			   &st, e);
	if (!rc) {
		rc = lt_stmt_step(st, e);
		if (rc == 1)
			got = strdup(lt_stmt_text(st, 0));
		lt_stmt_done(st);
		rc = rc < 0 ? rc : 0;
	}
	if (!rc && got)
		rc = lt_db_prepare(db,
				   "UPDATE link_check SET state = 'running', attempts = attempts + 1"
				   " WHERE url_canonical = $1",
				   &st, e);
	if (!rc && got) {
		lt_stmt_bind_text(st, 1, got);
		rc = lt_stmt_run(st, e);
	}
	if (rc) {
		lt_db_rollback(db);
		free(got);
		return rc;
	}
	rc = lt_db_commit(db, e);
	if (rc) {
		free(got);
		return rc;
	}
	*url = got;
	return 0;
}

int lt_linkcheck_record(lt_db *db, const char *url, long http_status, const char *final_url,
			const char *title, const char *og_title, const char *error,
			int max_attempts, lt_error *e)
{
	lt_stmt *st = NULL;
	int rc = lt_db_prepare(db,
			       "UPDATE link_check SET state = CASE WHEN $2 > 0 THEN 'done'"
			       " WHEN attempts >= $7 THEN 'failed' ELSE 'pending' END,"
			       " http_status = CASE WHEN $2 > 0 THEN $2 ELSE http_status END,"
			       " final_url = $3, title = $4, og_title = $5, error = $6, checked_at = $8"
			       " WHERE url_canonical = $1",
			       &st, e);

	if (rc)
		return rc;
	lt_stmt_bind_text(st, 1, url);
	lt_stmt_bind_int(st, 2, http_status);
	lt_stmt_bind_text(st, 3, final_url);
	lt_stmt_bind_text(st, 4, title);
	lt_stmt_bind_text(st, 5, og_title);
	lt_stmt_bind_text(st, 6, error);
	lt_stmt_bind_int(st, 7, max_attempts);
	lt_stmt_bind_int(st, 8, lt_now());
	return lt_stmt_run(st, e);
}

int lt_linkcheck_reset_running(lt_db *db, lt_error *e)
{
	lt_stmt *st = NULL;
	int rc = lt_db_prepare(db, "UPDATE link_check SET state = 'pending' WHERE state = 'running'",
			       &st, e);

	return rc ? rc : lt_stmt_run(st, e);
}
