/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * activity.c — the activity log's use cases: list, detect, create, read,
 * edit and delete an item. See activity.h; access rules in
 * activity_access.c, photos in activity_photo.c, continuity in
 * activity_continuity.c.
 */
#include "app/activity.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/activity_access.h"
#include "core/page.h"
#include "core/clock.h"
#include "core/validate.h"
#include "net/url.h"
#include "store/activity_count.h"

int lt_app_link(const char *url, const char *field, lt_arena *a, const char **canon,
		const char **channel, lt_error *e)
{
	char *c = NULL;
	lt_channel ch = LT_CHANNEL_OTHER;
	int rc = lt_url_canonical(url, &c, &ch, e);

	if (rc) {
		if (field)
			snprintf(e->field, sizeof(e->field), "%s", field);
		return rc;
	}
	*canon = lt_arena_strdup(a, c);
	*channel = lt_channel_code(ch);
	free(c);
	return *canon ? 0 : lt_app_act_nomem(e);
}

const char *lt_app_platform_of(const char *channel)
{
	if (channel && !strcmp(channel, "facebook"))
		return "facebook";
	if (channel && !strcmp(channel, "tiktok"))
		return "tiktok";
	return "other";
}

/* Today (Vietnam time) as YYYY-MM-DD in a. */
static const char *today_in(lt_arena *a)
{
	char today[11];

	lt_today(today);
	return lt_arena_strdup(a, today);
}

/* The theme of directive at position pos into *id; LT_EINVAL naming "theme" when none. */
static int theme_at(lt_db *db, int64_t directive_id, int pos, lt_arena *a, int64_t *id,
		    lt_error *e)
{
	lt_activity_theme *t = NULL;
	size_t n = 0;
	int rc = lt_activity_themes(db, directive_id, a, &t, &n, e);

	*id = 0;
	for (size_t i = 0; !rc && i < n; i++)
		if (t[i].pos == pos)
			*id = t[i].id;
	if (!rc && !*id)
		rc = lt_error_set(e, LT_EINVAL, "theme", "Công văn không có chủ đề số %d",
				  "The directive has no theme %d", pos);
	return rc;
}

/*
 * The stored form of an item from what the user gave (every field of in
 * taken as given): the link canonicalised, the channel detected unless
 * named, the kind, date and title defaulted, the theme resolved from its
 * position or (guess, with a directive) guessed. Strings in a.
 */
static int normalise(lt_db *db, int64_t directive_id, bool guess, const lt_app_item_in *in,
		     lt_arena *a, lt_activity_in *out, lt_error *e)
{
	const char *channel = NULL;
	int rc = 0;

	memset(out, 0, sizeof(*out));
	if (in->url && *in->url) {
		rc = lt_app_link(in->url, "url", a, &out->url_canonical, &channel, e);
		if (rc)
			return rc;
		out->url = in->url;
	}
	out->channel = in->channel ? in->channel : out->url_canonical ? channel : NULL;
	out->kit_item_id = in->kit_item_id;
	out->kind = in->kind ? in->kind : out->kit_item_id ? "share" : "post";
	out->date = in->date ? in->date : today_in(a);
	/* A pasted link without a title keeps the link as its title until someone edits it. */
	out->title = (!in->title || !*in->title) && out->url_canonical ? out->url_canonical : in->title;
	out->views = in->views;
	out->reactions = in->reactions;
	out->comments = in->comments;
	out->shares = in->shares;
	out->counts_on = in->counts_on;
	out->theme_id = in->theme_id;
	if (in->theme_pos > 0 && directive_id)
		rc = theme_at(db, directive_id, in->theme_pos, a, &out->theme_id, e);
	if (!rc && guess && directive_id && !out->theme_id) {
		lt_activity_theme *t = NULL;
		size_t n = 0;
		double score;
		rc = lt_activity_themes(db, directive_id, a, &t, &n, e);
		if (!rc)
			lt_app_guess_theme(t, n, out->title, out->url_canonical, &out->theme_id, &score);
	}
	if (!rc && !out->date)
		rc = lt_app_act_nomem(e);
	return rc;
}

/*
 * The item as the API shows it, read by who. fresh: created in this
 * transaction, after lt_app_act_scope passed in it: it has no photos yet,
 * and its records are not locked (neither is read again).
 */
static int load_item(lt_db *db, const lt_actor *who, int64_t id, bool fresh, lt_arena *a,
		     lt_app_item *out, lt_error *e)
{
	bool locked = false;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = lt_activity_get(db, id, a, &out->row, e);
	if (!rc && !fresh)
		rc = lt_activity_photos(db, id, a, &out->photos, &out->nphotos, e);
	if (!rc && out->row.url_canonical)
		rc = lt_activity_claims(db, out->row.url_canonical, who->unit_path, a, &out->claims,
					&out->nclaims, &out->claimed_elsewhere, e);
	if (!rc && out->row.url_canonical)
		rc = lt_activity_link_check(db, out->row.url_canonical, a, &out->check,
					    &out->has_check, e);
	if (!rc && !fresh)
		rc = lt_app_act_locked(db, out->row.directive_id, out->row.unit.id, &locked, NULL, e);
	out->can_edit = !locked && lt_app_act_may_write(who, out->row.unit.id, out->row.unit.path);
	return rc;
}

/* A create's field: what was given, else its default. */
/*
 * A unit records one link once per directive: a second save of the same page
 * (http or https, with or without tracking parameters: net/url.c makes them
 * one) would count the share twice. except: the item being changed (0: none),
 * was its link now (NULL: none). The check runs under the lock of the links'
 * groups that the write takes anyway (lt_activity_lock_links, taken again
 * there): a second save of the link at the same moment waits for the first
 * and then finds it.
 */
static int link_once(lt_db *db, int64_t directive_id, const lt_activity_in *row, int64_t except,
		     const char *was, lt_error *e)
{
	const char *links[2] = { row->url_canonical, was };
	int64_t id = 0;
	int rc;

	if (!row->url_canonical)
		return 0;
	rc = lt_activity_lock_links(db, links, 2, e);
	if (!rc)
		rc = lt_activity_find_link(db, directive_id, row->unit_id, row->url_canonical,
					   except, &id, e);
	if (rc <= 0)
		return rc;
	return lt_error_set(e, LT_ECONFLICT, "url",
			    "Đơn vị đã lưu liên kết này cho công văn này (mục #%" PRId64
			    "); hãy sửa mục đó thay vì lưu lại",
			    "The unit has already saved this link for this directive (item #%" PRId64
			    "); edit that item instead of saving it again",
			    id);
}

static int64_t count_in(const lt_app_item_in *in, unsigned flag, int64_t v)
{
	return in->given & flag ? v : -1;
}

int lt_app_activity_create(lt_db *db, const lt_actor *who, const lt_app_item_in *in, lt_arena *a,
			   lt_app_item *out, lt_error *e)
{
	lt_app_item_in g = *in;
	lt_activity_in row;
	int64_t id = 0;
	int own, rc;

	g.views = count_in(in, LT_ITEM_VIEWS, in->views);
	g.reactions = count_in(in, LT_ITEM_REACTIONS, in->reactions);
	g.comments = count_in(in, LT_ITEM_COMMENTS, in->comments);
	g.shares = count_in(in, LT_ITEM_SHARES, in->shares);
	rc = lt_db_begin(db, e);
	if (rc)
		return rc;
	/* A user's own unit that may record sees the directive: one check for both. */
	own = lt_app_act_own_scope(db, who, in->directive_id, in->unit_id, &g.unit_id, e);
	rc = own < 0 ? own : 0;
	if (!own)
		rc = lt_app_act_writer(db, who, in->directive_id, in->unit_id, &g.unit_id, e);
	if (!rc)
		rc = normalise(db, in->directive_id, !(in->given & LT_ITEM_THEME), &g, a, &row, e);
	row.unit_id = g.unit_id;
	if (!rc)
		rc = lt_activity_validate(&row, e);
	if (!rc && !own)
		rc = lt_app_act_scope(db, in->directive_id, row.unit_id, e);
	if (!rc)
		rc = link_once(db, in->directive_id, &row, 0, NULL, e);
	if (!rc)
		rc = lt_activity_create(db, in->directive_id, &row, lt_actor_audit_id(who), &id, e);
	if (!rc)
		rc = load_item(db, who, id, true, a, out, e);
	return lt_db_end(db, rc, e);
}

int lt_app_activity_get(lt_db *db, const lt_actor *who, int64_t id, lt_arena *a, lt_app_item *out,
			lt_error *e)
{
	int64_t dir = 0, unit = 0;
	const char *path = NULL;
	int rc = lt_app_act_item(db, who, id, a, &dir, &unit, &path, e);

	return rc ? rc : load_item(db, who, id, false, a, out, e);
}

/* Check that who may change item id now: visible, its unit's (or an admin's), not locked. */
static int may_change(lt_db *db, const lt_actor *who, int64_t id, lt_arena *a, int64_t *dir,
		      int64_t *unit, lt_error *e)
{
	const char *path = NULL;
	int64_t w = 0;
	int rc = lt_app_act_item(db, who, id, a, dir, unit, &path, e);

	if (!rc)
		rc = lt_app_act_write_unit(db, who, *unit, &w, e);
	return rc;
}

/* pick(given, new, stored): an update's field. */
#define PICK(flag, field, stored) (in->given & (flag) ? in->field : (stored))

int lt_app_activity_update(lt_db *db, const lt_actor *who, int64_t id, const lt_app_item_in *in,
			   lt_arena *a, lt_app_item *out, lt_error *e)
{
	lt_activity_row cur;
	lt_app_item_in m;
	lt_activity_in row;
	int64_t dir = 0, unit = 0;
	int rc = may_change(db, who, id, a, &dir, &unit, e);

	if (rc)
		return rc;
	rc = lt_app_act_begin(db, dir, unit, e);
	if (rc)
		return rc;
	rc = lt_activity_get(db, id, a, &cur, e);
	if (rc)
		goto out;
	/* PATCH: the stored fields, overridden by the given ones. */
	memset(&m, 0, sizeof(m));
	m.theme_id = PICK(LT_ITEM_THEME, theme_id, cur.theme_id);
	m.theme_pos = in->given & LT_ITEM_THEME ? in->theme_pos : 0;
	m.kit_item_id = PICK(LT_ITEM_KIT, kit_item_id, cur.kit_item_id);
	/* A new link re-detects its channel unless one is named. */
	m.channel = PICK(LT_ITEM_CHANNEL, channel, in->given & LT_ITEM_URL ? NULL : cur.channel);
	m.kind = PICK(LT_ITEM_KIND, kind, cur.kind);
	m.url = PICK(LT_ITEM_URL, url, cur.url);
	m.title = PICK(LT_ITEM_TITLE, title, cur.title);
	m.date = PICK(LT_ITEM_DATE, date, cur.date);
	m.views = PICK(LT_ITEM_VIEWS, views, cur.views);
	m.reactions = PICK(LT_ITEM_REACTIONS, reactions, cur.reactions);
	m.comments = PICK(LT_ITEM_COMMENTS, comments, cur.comments);
	m.shares = PICK(LT_ITEM_SHARES, shares, cur.shares);
	m.counts_on = PICK(LT_ITEM_COUNTS_ON, counts_on, cur.counts_on);
	rc = normalise(db, dir, false, &m, a, &row, e);
	row.unit_id = unit;
	if (!rc && (in->given & LT_ITEM_URL))
		rc = link_once(db, dir, &row, id, cur.url_canonical, e);
	if (!rc)
		rc = lt_activity_update(db, id, &row, lt_actor_audit_id(who), e);
	if (!rc)
		rc = load_item(db, who, id, false, a, out, e);
out:
	return lt_db_end(db, rc, e);
}

#undef PICK

int lt_app_activity_delete(lt_db *db, const lt_actor *who, int64_t id, lt_error *e)
{
	lt_arena a;
	int64_t dir = 0, unit = 0;
	int rc;

	lt_arena_init(&a);
	rc = may_change(db, who, id, &a, &dir, &unit, e);
	lt_arena_free(&a);
	if (rc)
		return rc;
	rc = lt_app_act_begin(db, dir, unit, e);
	if (rc)
		return rc;
	rc = lt_activity_delete(db, id, lt_actor_audit_id(who), e);
	return lt_db_end(db, rc, e);
}

int lt_app_activity_list(lt_db *db, const lt_actor *who, const lt_app_activity_query *q,
			 lt_arena *a, lt_activity_page *out, lt_error *e)
{
	lt_activity_filter f;
	int rc;

	memset(out, 0, sizeof(*out));
	memset(&f, 0, sizeof(f));
	/* A unit and its subtree (a commune union sees its grassroots unions too). */
	rc = lt_app_act_within(db, who, q->unit_id, a, &f.within, e);
	if (!rc && q->directive_id)
		rc = lt_app_act_directive(db, who, q->directive_id, e);
	if (rc)
		return rc;
	if (q->theme_pos > 0 && !q->directive_id)
		return lt_error_set(e, LT_EINVAL, "theme", "Chọn chủ đề cần chọn công văn (--directive)",
				    "A theme needs its directive (--directive)");
	if (q->from && *q->from && !lt_date_valid(q->from))
		return lt_error_set(e, LT_EINVAL, "from", "Ngày phải có dạng YYYY-MM-DD",
				    "Dates must be YYYY-MM-DD");
	if (q->to && *q->to && !lt_date_valid(q->to))
		return lt_error_set(e, LT_EINVAL, "to", "Ngày phải có dạng YYYY-MM-DD",
				    "Dates must be YYYY-MM-DD");
	if (q->q && strlen(q->q) > 200)
		return lt_error_set(e, LT_EINVAL, "q", "Từ khoá quá dài", "Search text too long");
	f.directive_id = q->directive_id;
	f.theme_id = q->theme_id;
	if (q->theme_pos > 0)
		rc = theme_at(db, q->directive_id, q->theme_pos, a, &f.theme_id, e);
	if (rc)
		return rc;
	f.kit_item_id = q->kit_item_id;
	f.channel = q->channel;
	f.kind = q->kind;
	f.from = q->from;
	f.to = q->to;
	f.q = q->q;
	f.limit = (int)(q->limit > 10000 ? 10000 : q->limit < 0 ? 0 : q->limit);
	f.offset = (int)(q->offset > 1000000 ? 1000000 : q->offset < 0 ? 0 : q->offset);
	if (q->after) {
		/* The cursor's key: the last item's date and id. */
		const char *bar = strchr(q->after, '|');
		char *end = NULL;
		char *date = bar ? lt_arena_strndup(a, q->after, (size_t)(bar - q->after)) : NULL;
		f.after_id = bar ? strtoll(bar + 1, &end, 10) : 0;
		if (!date || !lt_date_valid(date) || !end || *end || f.after_id <= 0)
			return lt_page_bad_cursor(e);
		f.after_date = date;
	}
	rc = lt_activity_list(db, &f, a, out, e);
	if (!rc && out->more && (out->n || out->resume_date)) {
		/* After the page's last item, or where a search's look ended before it filled. */
		char *key = out->resume_date
				    ? lt_arena_printf(a, "%s|%lld", out->resume_date,
						      (long long)out->resume_id)
				    : lt_arena_printf(a, "%s|%lld", out->rows[out->n - 1].date,
						      (long long)out->rows[out->n - 1].id);
		out->next_cursor = key ? lt_page_cursor(a, key) : NULL;
		if (!out->next_cursor)
			rc = lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	}
	return rc;
}

int lt_app_activity_detect(lt_db *db, const lt_actor *who, const char *url, const char *title,
			   int64_t directive_id, lt_arena *a, lt_app_detect *out, lt_error *e)
{
	lt_activity_theme *t = NULL;
	size_t n = 0;
	int rc = lt_actor_need_role(who, LT_ROLE_CADRE, e);

	memset(out, 0, sizeof(*out));
	if (rc)
		return rc;
	if (!url || !*url)
		return lt_error_set(e, LT_EINVAL, "url", "Hãy dán đường dẫn", "Paste a link");
	if (directive_id)
		rc = lt_app_act_directive(db, who, directive_id, e);
	if (!rc)
		rc = lt_app_link(url, "url", a, &out->url_canonical, &out->channel, e);
	if (!rc && directive_id)
		rc = lt_activity_themes(db, directive_id, a, &t, &n, e);
	if (!rc && directive_id)
		lt_app_guess_theme(t, n, title, out->url_canonical, &out->theme_id, &out->score);
	for (size_t i = 0; !rc && out->theme_id && i < n; i++)
		if (t[i].id == out->theme_id) {
			out->has_theme = true;
			out->theme_pos = t[i].pos;
			out->theme_title = t[i].title;
		}
	/*
	 * The claims in the reader's subtree; of those outside it only that
	 * another unit has posted the link (issue 13 finding 4: no ids, units,
	 * kinds, dates or directives of records the reader may not read).
	 */
	if (!rc)
		rc = lt_activity_claims(db, out->url_canonical, who->unit_path, a, &out->claims,
					&out->nclaims, &out->claimed_elsewhere, e);
	return rc;
}
