/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* activity.c — writing the activity log: scope facts, create, update, delete, import; see activity.h. */
#include "store/activity.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/validate.h"
#include "store/activity_count.h"
#include "store/activity_photo.h"
#include "store/activity_sql.h"
#include "store/audit.h"
#include "store/rollup.h"
#include "store/store.h"
#include "text/fold.h"

static const char *const kinds[] = { "post", "share", "article", "video", "livestream", "event" };
/* The same codes as net/url.h's lt_channel_code (that layer sits above this one). */
static const char *const channels[] = { "facebook", "zalo",  "youtube", "tiktok",
					"website",  "e-newspaper", "radio", "tv",
					"print",    "event", "other" };

static bool in_list(const char *s, const char *const *list, size_t n)
{
	for (size_t i = 0; s && i < n; i++)
		if (!strcmp(s, list[i]))
			return true;
	return false;
}

bool lt_activity_kind_valid(const char *kind)
{
	return in_list(kind, kinds, sizeof(kinds) / sizeof(kinds[0]));
}

bool lt_activity_channel_valid(const char *channel)
{
	return in_list(channel, channels, sizeof(channels) / sizeof(channels[0]));
}

int lt_activity_scope_of(lt_db *db, int64_t directive_id, int64_t unit_id, lt_activity_scope *out,
			 lt_error *e)
{
	lt_stmt *st;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = lt_db_row(db,
		       "SELECT d.status, d.issuer_id = $2,"
		       " EXISTS (SELECT 1 FROM receipt r WHERE r.directive_id = d.id"
		       "   AND r.unit_id = $2),"
		       " EXISTS (SELECT 1 FROM record_lock l WHERE l.directive_id = d.id"
		       "   AND l.unit_id = $2),"
		       " (SELECT p.status FROM report p WHERE p.directive_id = d.id"
		       "   AND p.unit_id = $2)"
		       " FROM directive d WHERE d.id = $1",
		       &st, e, LT_I(directive_id), LT_I(unit_id));
	if (rc == 1) {
		out->found = true;
		out->issued = !strcmp(lt_stmt_text(st, 0), "issued");
		out->issuer = lt_stmt_int(st, 1) != 0;
		out->recipient = lt_stmt_int(st, 2) != 0;
		out->locked = lt_stmt_int(st, 3) != 0;
		if (lt_stmt_text(st, 4))
			snprintf(out->report, sizeof(out->report), "%s", lt_stmt_text(st, 4));
	}
	lt_stmt_done(st);
	return rc < 0 ? rc : 0;
}

/* The engagement counts as people read them, for messages. */
static const struct {
	const char *field, *vi, *en;
} count_names[] = {
	{ "views", "Lượt xem", "Views" },
	{ "reactions", "Lượt thích", "Reactions" },
	{ "comments", "Bình luận", "Comments" },
	{ "shares", "Lượt chia sẻ", "Shares" },
};

static int check_count(const char *field, int64_t v, lt_error *e)
{
	const char *vi = field, *en = field;

	if (v >= -1 && v <= 10000000000LL)
		return 0;
	for (size_t i = 0; i < sizeof(count_names) / sizeof(count_names[0]); i++)
		if (!strcmp(field, count_names[i].field)) {
			vi = count_names[i].vi;
			en = count_names[i].en;
		}
	return lt_error_set(e, LT_EINVAL, field, "%s phải là số nguyên không âm%.0s",
			    "%.0s%s must be a non-negative whole number", vi, en);
}

int lt_activity_validate(const lt_activity_in *in, lt_error *e)
{
	int rc;

	if (!in->unit_id)
		return lt_error_set(e, LT_EINVAL, "unit", "Thiếu đơn vị", "The unit is missing");
	if (!lt_activity_channel_valid(in->channel))
		return lt_error_set(e, LT_EINVAL, "channel",
				    "Kênh không hợp lệ \"%s\" (facebook, zalo, youtube, tiktok, website,"
				    " e-newspaper, radio, tv, print, event, other)",
				    "Unknown channel \"%s\" (facebook, zalo, youtube, tiktok, website,"
				    " e-newspaper, radio, tv, print, event, other)",
				    in->channel ? in->channel : "");
	if (!lt_activity_kind_valid(in->kind))
		return lt_error_set(e, LT_EINVAL, "kind",
				    "Loại tin không hợp lệ \"%s\" (post, share, article, video,"
				    " livestream, event)",
				    "Unknown kind \"%s\" (post, share, article, video, livestream, event)",
				    in->kind ? in->kind : "");
	rc = lt_check_text("title", in->title, LT_ACTIVITY_TITLE_MAX, e);
	if (!rc)
		rc = lt_check_date("date", in->date, e);
	if (!rc && in->counts_on && *in->counts_on)
		rc = lt_check_date("counts_on", in->counts_on, e);
	if (!rc && in->counts_on && *in->counts_on && strcmp(in->counts_on, in->date) < 0)
		rc = lt_error_set(e, LT_EINVAL, "counts_on",
				  "Ngày đọc số liệu trước ngày đăng", "Counts read before the item's date");
	if (!rc)
		rc = check_count("views", in->views, e);
	if (!rc)
		rc = check_count("reactions", in->reactions, e);
	if (!rc)
		rc = check_count("comments", in->comments, e);
	if (!rc)
		rc = check_count("shares", in->shares, e);
	if (rc)
		return rc;
	/* Online channels need their link; print and in-person events may have none. */
	if ((!in->url_canonical || !*in->url_canonical) && strcmp(in->channel, "print") &&
	    strcmp(in->channel, "event") && strcmp(in->channel, "radio") &&
	    strcmp(in->channel, "tv"))
		return lt_error_set(e, LT_EINVAL, "url", "Thiếu đường dẫn (link) của tin",
				    "The item's link is missing");
	if (!strcmp(in->kind, "share") && !in->url_canonical)
		return lt_error_set(e, LT_EINVAL, "url", "Tin chia sẻ cần đường dẫn",
				    "A share needs a link");
	return 0;
}

int lt_activity_find_link(lt_db *db, int64_t directive_id, int64_t unit_id, const char *canon,
			  int64_t except, int64_t *id, lt_error *e)
{
	return lt_db_int(db,
			 "SELECT id FROM activity WHERE url_canonical = $1 AND unit_id = $2"
			 " AND directive_id = $3 AND id <> $4 ORDER BY id LIMIT 1",
			 id, e, LT_T(canon), LT_I(unit_id), LT_I(directive_id), LT_I(except));
}

/* The theme must belong to the directive, the kit link to one of its kits. */
static int check_refs(lt_db *db, int64_t directive_id, const lt_activity_in *in, lt_error *e)
{
	int64_t one;
	int rc = 0;

	if (in->theme_id) {
		rc = lt_db_int(db, "SELECT 1 FROM directive_theme WHERE id = $1 AND directive_id = $2",
			       &one, e, LT_I(in->theme_id), LT_I(directive_id));
		if (rc == 0)
			return lt_error_set(e, LT_EINVAL, "theme", "Chủ đề #%" PRId64 " không thuộc công văn này",
					    "Theme #%" PRId64 " is not one of this directive's", in->theme_id);
		if (rc < 0)
			return rc;
	}
	if (in->kit_item_id) {
		rc = lt_db_int(db,
			       "SELECT 1 FROM link_kit_item i JOIN link_kit k ON k.id = i.kit_id"
			       " WHERE i.id = $1 AND k.directive_id = $2",
			       &one, e, LT_I(in->kit_item_id), LT_I(directive_id));
		if (rc == 0)
			return lt_error_set(e, LT_EINVAL, "kit_item_id",
					    "Đường dẫn #%" PRId64 " không thuộc bộ đường dẫn của công văn này",
					    "Link #%" PRId64 " is not in a link kit of this directive",
					    in->kit_item_id);
		if (rc < 0)
			return rc;
	}
	return 0;
}

/* Folded text searched by lists: title and link. */
static char *search_text(const lt_activity_in *in)
{
	lt_buf b;
	char *fold;

	lt_buf_init(&b, 8192);
	if (lt_buf_printf(&b, "%s %s", in->title ? in->title : "",
			  in->url_canonical ? in->url_canonical : ""))
		return NULL; /* the caller's out of memory */
	fold = lt_text_fold(lt_buf_cstr(&b), b.len);
	lt_buf_free(&b);
	return fold;
}

/*
 * Bind an activity's content, theme_id … counts_on in the column order of
 * both the INSERT and the UPDATE, at first, first + 1, …; fold is the
 * search text of the title.
 */
static void bind_content(lt_stmt *st, int first, const lt_activity_in *in, const char *fold)
{
	lt_stmt_bind_id(st, first, in->theme_id);
	lt_stmt_bind_id(st, first + 1, in->kit_item_id);
	lt_stmt_bind_text(st, first + 2, in->channel);
	lt_stmt_bind_text(st, first + 3, in->kind);
	lt_act_bind_opt_text(st, first + 4, in->url);
	lt_act_bind_opt_text(st, first + 5, in->url_canonical);
	lt_stmt_bind_text(st, first + 6, in->title);
	lt_stmt_bind_text(st, first + 7, fold);
	lt_stmt_bind_text(st, first + 8, in->date);
	lt_act_bind_count(st, first + 9, in->views);
	lt_act_bind_count(st, first + 10, in->reactions);
	lt_act_bind_count(st, first + 11, in->comments);
	lt_act_bind_count(st, first + 12, in->shares);
	lt_act_bind_opt_text(st, first + 13, in->counts_on);
}

/* Queue a link for the link-check worker (ignored when already queued). */
static int queue_link(lt_db *db, const char *url, int64_t now, lt_error *e)
{
	if (!url)
		return 0;
	return lt_db_run(db,
			 "INSERT INTO link_check(url_canonical, queued_at) VALUES ($1, $2)"
			 " ON CONFLICT (url_canonical) DO NOTHING",
			 e, LT_T(url), LT_I(now));
}

/* INSERT one validated row; *id gets its id, *original its original flag as inserted. */
static int insert_row(lt_db *db, int64_t directive_id, const lt_activity_in *in, int64_t actor,
		      int64_t now, int64_t *id, bool *original, lt_error *e)
{
	lt_stmt *st = NULL;
	char *fold = search_text(in);
	int rc;

	if (!fold)
		return lt_error_set(e, LT_EINVAL, "title", "Tiêu đề không phải UTF-8 hợp lệ",
				    "The title is not valid UTF-8");
	rc = lt_db_prepare(db,
			   "INSERT INTO activity(unit_id, directive_id, theme_id, kit_item_id, channel,"
			   " kind, url, url_canonical, title, search_fold, date, views, reactions,"
			   " comments, shares, counts_on, created_by, created_at, updated_at)"
			   " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15,"
			   " $16, $17, $18, $18) RETURNING id, is_original",
			   &st, e);
	if (rc)
		goto out;
	lt_stmt_bind_int(st, 1, in->unit_id);
	lt_stmt_bind_int(st, 2, directive_id);
	bind_content(st, 3, in, fold);
	lt_stmt_bind_id(st, 17, actor);
	lt_stmt_bind_int(st, 18, now);
	rc = lt_stmt_step(st, e);
	if (rc == 1) {
		*id = lt_stmt_int(st, 0);
		*original = lt_stmt_int(st, 1) != 0;
		rc = 0;
	} else if (rc == 0) {
		rc = lt_error_set(e, LT_EDB, NULL, "Không ghi được hoạt động", "Insert returned no id");
	}
	lt_stmt_done(st);
out:
	free(fold);
	return rc;
}

int lt_activity_create(lt_db *db, int64_t directive_id, const lt_activity_in *in, int64_t actor,
		       int64_t *id, lt_error *e)
{
	int64_t made = 0, now = lt_now();
	bool link = in->url_canonical && *in->url_canonical, original = true;
	lt_rollup_items kept = { 0 };
	int rc = lt_activity_validate(in, e);

	if (rc)
		return rc;
	rc = lt_db_begin(db, e);
	if (rc)
		return rc;
	/* The link's group first (lt_activity_lock_links: the order of the locks). */
	rc = lt_activity_lock_links(db, &in->url_canonical, 1, e);
	if (!rc)
		rc = check_refs(db, directive_id, in, e);
	/* The roll-up's item counts the new item and its link's group may change. */
	if (!rc)
		rc = lt_rollup_items_mark(db, directive_id, 0, 0, &in->url_canonical, 1, false, &kept,
					  e);
	if (!rc)
		rc = insert_row(db, directive_id, in, actor, now, &made, &original, e);
	if (!rc && link)
		rc = lt_activity_originals(db, in->url_canonical, 0, e);
	/* Kept here, before the list's counts read the unit's row (rollup.h: the locks' order). */
	if (!rc)
		rc = lt_rollup_items_keep(db, &kept, link ? 0 : made, link ? 0 : made, e);
	lt_rollup_items_mark_free(&kept);
	/*
	 * The list's kept counts: the new item's (as inserted when it has no link;
	 * else as the link's originals left it), and those whose original moved.
	 */
	if (!rc && link)
		rc = lt_activity_count_item(db, made, 1, e);
	else if (!rc)
		rc = lt_activity_count_add(db, directive_id, in->unit_id, in->channel, original, 1, e);
	if (!rc)
		rc = lt_activity_count_fix_link(db, in->url_canonical, e);
	if (!rc)
		rc = queue_link(db, in->url_canonical && *in->url_canonical ? in->url_canonical : NULL,
				now, e);
	return lt_act_tx_end_created(db, rc, actor, "activity", made, id, e);
}

/*
 * lt_activity_owner; with link, the row locked until the transaction ends
 * and its canonical link appended to link (nothing when it has none): a
 * second delete of the item waits there for the first, then finds it gone,
 * instead of taking the item's part from the kept counts once more.
 */
static int owner(lt_db *db, int64_t id, lt_buf *link, int64_t *directive_id, int64_t *unit_id,
		 lt_error *e)
{
	lt_stmt *st;
	int rc = lt_db_row(db,
			   link ? "UPDATE activity SET updated_at = updated_at WHERE id = $1"
				  " RETURNING directive_id, unit_id, url_canonical"
				: "SELECT directive_id, unit_id FROM activity WHERE id = $1",
			   &st, e, LT_I(id));

	if (rc == 1) {
		*directive_id = lt_stmt_int(st, 0);
		*unit_id = lt_stmt_int(st, 1);
		if (link && lt_stmt_text(st, 2) && lt_buf_adds(link, lt_stmt_text(st, 2)))
			rc = lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	}
	lt_stmt_done(st);
	if (rc == 0)
		return lt_error_set(e, LT_ENOTFOUND, "id", "Không có hoạt động #%" PRId64,
				    "No activity #%" PRId64, id);
	return rc < 0 ? rc : 0;
}

int lt_activity_owner(lt_db *db, int64_t id, int64_t *directive_id, int64_t *unit_id,
		      lt_error *e)
{
	return owner(db, id, NULL, directive_id, unit_id, e);
}

/* Append the canonical link item id has now to out (nothing when it has none). */
static int old_link(lt_db *db, int64_t id, lt_buf *out, lt_error *e)
{
	lt_stmt *st;
	int rc = lt_db_row(db, "SELECT url_canonical FROM activity WHERE id = $1", &st, e, LT_I(id));

	if (rc == 1 && lt_stmt_text(st, 0))
		rc = lt_buf_adds(out, lt_stmt_text(st, 0));
	else if (rc == 1)
		rc = 0;
	lt_stmt_done(st);
	return rc < 0 ? rc : 0;
}

/*
 * Before an update or a delete of item id: lock the group of its link and
 * of next (the link an update gives it; NULL: none), then its row; was gets
 * its link as it stands under those locks. The link is read before its lock
 * and again under it: an update committed in between (it held the link's
 * lock) moved the item to another link. Then the locks are let go and
 * taken again for the link it has now: on PostgreSQL they are taken inside a
 * savepoint, and rolling back to it releases them. Holding the stale link's
 * lock while waiting for the new one would take the locks out of key order,
 * and a writer taking both in order (an import of both links) would wait
 * the other way: PostgreSQL would then fail one of the two as a deadlock.
 * Past the loop no writer can change the link before this transaction ends.
 */
static int lock_item(lt_db *db, int64_t id, const char *next, int64_t *directive_id,
		     int64_t *unit_id, lt_buf *was, lt_error *e)
{
	bool pg = lt_db_dialect(db) == LT_DIALECT_POSTGRES; /* SQLite's writer holds it all */
	lt_buf seen;
	int rc;

	lt_buf_init(&seen, 4096);
	rc = old_link(db, id, &seen, e);
	for (int tries = 0; !rc; tries++) {
		const char *urls[2] = { seen.len ? lt_buf_cstr(&seen) : NULL, next };

		if (pg)
			rc = lt_db_exec(db, "SAVEPOINT lt_lock", e);
		if (!rc)
			rc = lt_activity_lock_links(db, urls, 2, e);
		lt_buf_reset(was);
		if (!rc)
			rc = owner(db, id, was, directive_id, unit_id, e);
		if (rc)
			break; /* the caller's lt_db_end rolls back the savepoint with the rest */
		if (!strcmp(lt_buf_cstr(was), lt_buf_cstr(&seen))) {
			if (pg)
				rc = lt_db_exec(db, "RELEASE lt_lock", e);
			break;
		}
		/* Moved meanwhile: let go of the stale link's lock before taking the new one. */
		if (pg)
			rc = lt_db_exec(db, "ROLLBACK TO lt_lock; RELEASE lt_lock", e);
		if (!rc && tries == 3)
			rc = lt_error_set(e, LT_EBUSY, "id",
					  "Hoạt động #%" PRId64 " đang được sửa, hãy thử lại",
					  "Activity #%" PRId64 " is being edited; try again", id);
		lt_buf_reset(&seen);
		if (!rc && lt_buf_adds(&seen, lt_buf_cstr(was)))
			rc = lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	}
	lt_buf_free(&seen);
	return rc;
}

int lt_activity_update(lt_db *db, int64_t id, const lt_activity_in *in, int64_t actor,
		       lt_error *e)
{
	lt_stmt *st = NULL;
	lt_buf was;
	int64_t dir = 0, unit = 0, now = lt_now();
	char *fold = NULL;
	lt_rollup_items kept = { 0 };
	bool link_now = in->url_canonical && *in->url_canonical;
	int rc;

	lt_buf_init(&was, 4096);
	rc = lt_db_begin(db, e);
	if (rc)
		goto out;
	/* The old and the new link's groups, then the item (lt_activity_lock_links). */
	rc = lock_item(db, id, in->url_canonical, &dir, &unit, &was, e);
	if (!rc) {
		lt_activity_in fixed = *in;
		fixed.unit_id = unit;
		rc = lt_activity_validate(&fixed, e);
		if (!rc)
			rc = check_refs(db, dir, &fixed, e);
	}
	if (!rc) {
		const char *links[2] = { was.len ? lt_buf_cstr(&was) : NULL, in->url_canonical };
		int64_t bare = was.len ? 0 : id; /* measured by id only without a link */
		rc = lt_rollup_items_mark(db, dir, bare, bare, links, 2, true, &kept, e);
	}
	fold = rc ? NULL : search_text(in);
	if (!rc && !fold)
		rc = lt_error_set(e, LT_EINVAL, "title", "Tiêu đề không phải UTF-8 hợp lệ",
				  "The title is not valid UTF-8");
	if (!rc)
		rc = lt_db_prepare(db,
				   "UPDATE activity SET theme_id = $2, kit_item_id = $3, channel = $4,"
				   " kind = $5, url = $6, url_canonical = $7, title = $8, search_fold = $9,"
				   " date = $10, views = $11, reactions = $12, comments = $13, shares = $14,"
				   " counts_on = $15, updated_at = $16 WHERE id = $1",
				   &st, e);
	if (!rc) {
		lt_stmt_bind_int(st, 1, id);
		bind_content(st, 2, in, fold);
		lt_stmt_bind_int(st, 16, now);
		rc = lt_stmt_run(st, e);
	}
	/* Both the old and the new link group may change original. */
	if (!rc && was.len)
		rc = lt_activity_originals(db, lt_buf_cstr(&was), 0, e);
	if (!rc && in->url_canonical && *in->url_canonical)
		rc = lt_activity_originals(db, in->url_canonical, 0, e);
	/* The item may change channel, and either link group its original. */
	if (!rc)
		rc = lt_activity_count_fix(db, dir, unit, e);
	if (!rc && was.len)
		rc = lt_activity_count_fix_link(db, lt_buf_cstr(&was), e);
	if (!rc)
		rc = lt_activity_count_fix_link(db, in->url_canonical, e);
	if (!rc)
		rc = lt_rollup_items_keep(db, &kept, link_now ? 0 : id, link_now ? 0 : id, e);
	lt_rollup_items_mark_free(&kept);
	if (!rc)
		rc = queue_link(db, in->url_canonical && *in->url_canonical ? in->url_canonical : NULL,
				now, e);
	if (!rc)
		rc = lt_audit(db, actor, "update", "activity", id, NULL, e);
	rc = lt_db_end(db, rc, e);
out:
	free(fold);
	lt_buf_free(&was);
	return rc;
}

int lt_activity_delete(lt_db *db, int64_t id, int64_t actor, lt_error *e)
{
	lt_buf was;
	int64_t dir = 0, unit = 0;
	char detail[64], photos[LT_PHOTO_MAX_PER_ITEM][65];
	size_t nphotos = 0;
	lt_rollup_items kept = { 0 };
	int rc;

	lt_buf_init(&was, 4096);
	rc = lt_db_begin(db, e);
	if (rc)
		goto out;
	rc = lock_item(db, id, NULL, &dir, &unit, &was, e);
	if (!rc) {
		const char *link = was.len ? lt_buf_cstr(&was) : NULL;
		rc = lt_rollup_items_mark(db, dir, link ? 0 : id, link ? 0 : id, &link, 1, true, &kept,
					  e);
	}
	if (!rc)
		rc = lt_activity_photo_hashes(db, id, photos, &nphotos, e);
	if (!rc)
		rc = lt_activity_count_item(db, id, -1, e); /* the item's part, before it goes */
	if (!rc)
		rc = lt_db_run(db, "DELETE FROM activity_photo WHERE activity_id = $1", e, LT_I(id));
	if (!rc)
		rc = lt_db_run(db, "DELETE FROM activity WHERE id = $1", e, LT_I(id));
	for (size_t i = 0; !rc && i < nphotos; i++)
		rc = lt_photo_drop_if_unused(db, photos[i], e);
	if (!rc && was.len)
		rc = lt_activity_originals(db, lt_buf_cstr(&was), 0, e);
	if (!rc && was.len)
		rc = lt_activity_count_fix_link(db, lt_buf_cstr(&was), e);
	if (!rc)
		rc = lt_rollup_items_keep(db, &kept, 0, 0, e); /* the item is gone */
	lt_rollup_items_mark_free(&kept);
	snprintf(detail, sizeof(detail), "{\"directive_id\":%" PRId64 ",\"unit_id\":%" PRId64 "}",
		 dir, unit);
	if (!rc)
		rc = lt_audit(db, actor, "delete", "activity", id, detail, e);
	rc = lt_db_end(db, rc, e);
out:
	lt_buf_free(&was);
	return rc;
}

int lt_activity_import(lt_db *db, int64_t directive_id, const lt_activity_in *rows, size_t n,
		       int64_t actor, size_t *bad, lt_error *e)
{
	int64_t first = 0, last = 0, id = 0, now = lt_now();
	char detail[128];
	size_t i = 0;
	bool original; /* counted by lt_activity_count_fix_since below */
	const char **links;
	lt_rollup_items kept = { 0 };
	int rc;

	*bad = 0;
	for (i = 0; i < n; i++) {
		rc = lt_activity_validate(&rows[i], e);
		if (rc) {
			*bad = i;
			return rc;
		}
	}
	rc = lt_db_begin(db, e);
	if (rc)
		return rc;
	/* Every link's group first, in the locks' order (lt_activity_lock_links sorts them). */
	links = malloc((n ? n : 1) * sizeof(*links));
	if (!links)
		rc = lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	for (i = 0; !rc && i < n; i++)
		links[i] = rows[i].url_canonical;
	if (!rc)
		rc = lt_activity_lock_links(db, links, n, e);
	if (!rc)
		rc = lt_rollup_items_mark(db, directive_id, 0, 0, links, n, true, &kept, e);
	free(links);
	for (i = 0; !rc && i < n; i++) {
		/* Lists repeat a handful of themes: check a (theme, kit link) pair once in a row. */
		if (!i || rows[i].theme_id != rows[i - 1].theme_id ||
		    rows[i].kit_item_id != rows[i - 1].kit_item_id)
			rc = check_refs(db, directive_id, &rows[i], e);
		if (!rc)
			rc = insert_row(db, directive_id, &rows[i], actor, now, &id, &original, e);
		if (!rc && rows[i].url_canonical && *rows[i].url_canonical)
			rc = queue_link(db, rows[i].url_canonical, now, e);
		if (rc)
			*bad = i;
		if (!first)
			first = id;
		last = id;
	}
	if (!rc && n)
		rc = lt_activity_originals(db, NULL, first, e);
	if (!rc && n)
		rc = lt_activity_count_fix_since(db, first, e);
	if (!rc)
		rc = lt_rollup_items_keep(db, &kept, first, last, e);
	lt_rollup_items_mark_free(&kept);
	snprintf(detail, sizeof(detail),
		 "{\"directive_id\":%" PRId64 ",\"count\":%zu,\"first_id\":%" PRId64
		 ",\"last_id\":%" PRId64 "}",
		 directive_id, n, first, last);
	if (!rc && n)
		rc = lt_audit(db, actor, "import", "activity", first, detail, e);
	return lt_db_end(db, rc, e);
}
