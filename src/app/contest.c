/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* contest.c — contests and their entries; see contest.h. */
#include "app/contest.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/activity.h"
#include "app/activity_access.h"
#include "core/clock.h"
#include "core/page.h"
#include "core/tree.h"
#include "core/validate.h"
#include "store/unit.h"

/* Does the actor see contest c: it is issued by the actor's unit or below (issuer side), or above? */
static bool sees(const lt_actor *who, const lt_contest_row *c, bool *issuer_side)
{
	bool iss = who->unit_path && lt_tree_path_under(c->issuer.path, who->unit_path);

	if (issuer_side)
		*issuer_side = iss;
	return iss || (who->unit_path && lt_tree_path_under(who->unit_path, c->issuer.path));
}

int lt_app_contest_list(lt_db *db, const lt_actor *who, int64_t directive_id, const lt_page *pg,
			lt_arena *a, lt_contest_row **v, size_t *n, lt_error *e)
{
	int64_t before = 0;
	int max = 0;
	int rc = lt_actor_need_role(who, LT_ROLE_CADRE, e);

	*v = NULL;
	*n = 0;
	if (!rc && directive_id)
		rc = lt_app_act_directive(db, who, directive_id, e);
	if (!rc)
		rc = lt_page_cursor_id(pg, &before, &max, e);
	/* Contests of the reader's ancestors (to enter) and of its subtree (to follow). */
	if (!rc && who->unit_path)
		rc = lt_contest_list(db, directive_id, who->unit_path, before, max, a, v, n, e);
	return rc;
}

/* Trimmed copy of s in a (NULL when s is NULL or blank). */
static const char *trimmed(lt_arena *a, const char *s)
{
	size_t n;

	if (!s)
		return NULL;
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r'))
		n--;
	return n ? lt_arena_strndup(a, s, n) : NULL;
}

/* "dd/mm/yyyy" of an ISO date, for messages (out[11]). */
static const char *vn_date(const char *iso, char out[11])
{
	snprintf(out, 11, "%.2s/%.2s/%.4s", iso + 8, iso + 5, iso);
	return out;
}

/* Check in and fill f (strings in a) the way every write of a contest does. */
static int contest_fields(const lt_app_contest_in *in, lt_arena *a, lt_contest_fields *f,
			  lt_error *e)
{
	bool writing = false, video = false;
	char d1[11], d2[11];
	int rc = 0;

	memset(f, 0, sizeof(*f));
	f->name = trimmed(a, in->name);
	f->hashtag = trimmed(a, in->hashtag);
	f->rules = trimmed(a, in->rules);
	f->starts_on = trimmed(a, in->starts_on);
	f->ends_on = trimmed(a, in->ends_on);
	f->prize = trimmed(a, in->prize);
	if (!f->name)
		return lt_error_set(e, LT_EINVAL, "name", "Tên cuộc thi không được để trống",
				    "The contest's title is empty");
	if (f->starts_on)
		rc = lt_check_date("starts_on", f->starts_on, e);
	if (!rc && f->ends_on)
		rc = lt_check_date("ends_on", f->ends_on, e);
	if (!rc && f->starts_on && f->ends_on && strcmp(f->ends_on, f->starts_on) < 0)
		rc = lt_error_set(e, LT_EINVAL, "ends_on",
				  "Ngày kết thúc nhận bài (%s) trước ngày bắt đầu (%s)",
				  "The last day for entries (%s) is before the first (%s)",
				  vn_date(f->ends_on, d1), vn_date(f->starts_on, d2));
	for (size_t i = 0; !rc && i < in->nkinds; i++) {
		const char *k = in->kinds[i];
		char field[32];
		snprintf(field, sizeof(field), "kinds[%zu]", i);
		if (k && !strcmp(k, "writing"))
			writing = true;
		else if (k && !strcmp(k, "video"))
			video = true;
		else
			rc = lt_error_set(e, LT_EINVAL, field,
					  "Thể loại dự thi phải là writing (bài viết) hoặc video (clip)",
					  "A kind of entry must be writing or video");
	}
	if (rc)
		return rc;
	f->kinds = writing && !video ? "writing" : video && !writing ? "video" : "writing,video";
	return 0;
}

int lt_app_contest_create(lt_db *db, const lt_actor *who, const lt_app_contest_in *in, lt_arena *a,
			  lt_contest_row *out, lt_error *e)
{
	lt_contest_fields f;
	int64_t issuer = 0, id = 0;
	int rc = lt_actor_need_role(who, LT_ROLE_OFFICER, e);

	memset(out, 0, sizeof(*out));
	if (!rc)
		rc = lt_app_act_writer(db, who, in->directive_id, in->issuer_id, &issuer, e);
	if (!rc)
		rc = contest_fields(in, a, &f, e);
	if (!rc)
		rc = lt_app_act_begin(db, in->directive_id, issuer, e);
	if (rc)
		return rc;
	rc = lt_contest_create_with(db, in->directive_id, issuer, &f, lt_actor_audit_id(who), &id, e);
	if (!rc)
		rc = lt_contest_get(db, id, a, out, e);
	return lt_db_end(db, rc, e);
}

int lt_app_contest_update(lt_db *db, const lt_actor *who, int64_t id, const lt_app_contest_in *in,
			  lt_arena *a, lt_contest_row *out, lt_error *e)
{
	lt_contest_fields f;
	lt_contest_row c;
	int rc = lt_app_contest_get(db, who, id, a, &c, NULL, e);

	memset(out, 0, sizeof(*out));
	if (!rc)
		rc = lt_actor_need_role(who, LT_ROLE_OFFICER, e);
	if (!rc && !lt_app_act_may_write(who, c.issuer.id, c.issuer.path))
		rc = lt_error_set(e, LT_EFORBIDDEN, "id",
				  "Chỉ cán bộ của đơn vị tổ chức (%s) sửa được cuộc thi này",
				  "Only officers of the organising unit (%s) may edit this contest",
				  c.issuer.name ? c.issuer.name : "");
	if (!rc)
		rc = contest_fields(in, a, &f, e);
	if (!rc)
		rc = lt_db_begin(db, e);
	if (rc)
		return rc;
	rc = lt_contest_update(db, id, &f, lt_actor_audit_id(who), e);
	if (!rc)
		rc = lt_contest_get(db, id, a, out, e);
	return lt_db_end(db, rc, e);
}

int lt_app_contest_get(lt_db *db, const lt_actor *who, int64_t id, lt_arena *a,
		       lt_contest_row *out, bool *issuer_side, lt_error *e)
{
	int rc = lt_actor_need_role(who, LT_ROLE_CADRE, e);

	if (!rc)
		rc = lt_contest_get(db, id, a, out, e);
	if (!rc && !sees(who, out, issuer_side))
		rc = lt_error_set(e, LT_ENOTFOUND, "id", "Không có cuộc thi #%" PRId64,
				  "No contest #%" PRId64, id);
	return rc;
}

/* The count line of unit u in out (added in order of first entry). */
static lt_app_entry_count *count_of(lt_app_entries *out, const lt_act_unit *u, size_t *cap,
				    lt_arena *a)
{
	for (size_t i = 0; i < out->nunits; i++)
		if (out->by_unit[i].unit.id == u->id)
			return &out->by_unit[i];
	if (out->nunits == *cap) {
		size_t ncap = *cap ? *cap * 2 : 16;
		lt_app_entry_count *nv = lt_arena_alloc(a, ncap * sizeof(*nv));
		if (!nv)
			return NULL;
		if (out->nunits)
			memcpy(nv, out->by_unit, out->nunits * sizeof(*nv));
		out->by_unit = nv;
		*cap = ncap;
	}
	memset(&out->by_unit[out->nunits], 0, sizeof(*out->by_unit));
	out->by_unit[out->nunits].unit = *u;
	return &out->by_unit[out->nunits++];
}

int lt_app_contest_entries(lt_db *db, const lt_actor *who, int64_t id, int64_t unit_id,
			   const char *category, const char *q, lt_arena *a, lt_app_entries *out,
			   lt_error *e)
{
	const char *within = NULL;
	size_t cap = 0;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = lt_app_contest_get(db, who, id, a, &out->contest, &out->issuer_side, e);
	if (!rc)
		rc = lt_app_act_within(db, who, unit_id, a, &within, e);
	if (!rc && category && strcmp(category, "writing") && strcmp(category, "video"))
		rc = lt_error_set(e, LT_EINVAL, "category", "category phải là writing hoặc video",
				  "category must be writing or video");
	if (!rc)
		rc = lt_contest_entries(db, id, within, 0, category, q, a, &out->v, &out->n, e);
	for (size_t i = 0; !rc && i < out->n; i++) {
		const lt_contest_entry_row *x = &out->v[i];
		lt_app_entry_count *c = count_of(out, &x->unit, &cap, a);
		bool video = !strcmp(x->category, "video");
		if (!c)
			return lt_app_act_nomem(e);
		if (video) {
			out->video++;
			out->has_video = true;
			c->video++;
		} else {
			out->writing++;
			out->has_writing = true;
			c->writing++;
		}
		c->total++;
		if (x->views > 0)
			c->views += x->views;
	}
	return rc;
}

int lt_app_contest_entries_page(lt_db *db, const lt_actor *who, int64_t id, int64_t unit_id,
				const char *category, const char *q, const lt_page *pg,
				lt_arena *a, lt_app_entries *out, lt_error *e)
{
	const char *bar = pg->after ? strchr(pg->after, '|') : NULL;
	char *end = NULL;
	int64_t after_id = bar ? strtoll(bar + 1, &end, 10) : 0;
	size_t from = 0, k;
	int rc;

	if (pg->after && (!bar || !end || *end || after_id <= 0))
		return lt_page_bad_cursor(e);
	rc = lt_app_contest_entries(db, who, id, unit_id, category, q, a, out, e);
	if (rc)
		return rc;
	/* Newest first by (posted_on, id): skip up to the cursor's key. */
	while (pg->after && from < out->n) {
		const lt_contest_entry_row *x = &out->v[from];
		int c = strncmp(x->posted_on ? x->posted_on : "", pg->after,
				(size_t)(bar - pg->after));
		if (c < 0 || (c == 0 && x->id < after_id))
			break;
		from++;
	}
	k = out->n - from < (size_t)pg->limit ? out->n - from : (size_t)pg->limit;
	if (from + k < out->n) {
		const lt_contest_entry_row *last = &out->v[from + k - 1];
		char *key = lt_arena_printf(a, "%s|%lld", last->posted_on ? last->posted_on : "",
					    (long long)last->id);
		out->next_cursor = key ? lt_page_cursor(a, key) : NULL;
		if (!out->next_cursor)
			return lt_app_act_nomem(e);
	}
	out->v += from;
	out->n = k;
	return 0;
}

int lt_app_contest_open_to(lt_db *db, const lt_contest_row *c, int64_t unit_id, lt_error *e)
{
	lt_arena a;
	lt_unit u;
	int rc;

	lt_arena_init(&a);
	rc = lt_unit_get(db, unit_id, &a, &u, e);
	if (rc == LT_ENOTFOUND)
		snprintf(e->field, sizeof(e->field), "unit");
	if (!rc && !lt_tree_path_under(u.path, c->issuer.path))
		rc = lt_error_set(e, LT_EFORBIDDEN, "unit", "Đơn vị không thuộc phạm vi của cuộc thi",
				  "The unit is outside the contest's part of the tree");
	lt_arena_free(&a);
	return rc;
}

int lt_app_contest_entry_fits(const lt_contest_row *c, const lt_contest_entry_in *x, lt_error *e)
{
	char d1[11], d2[11];

	if (c->kinds && !strstr(c->kinds, x->category))
		return lt_error_set(e, LT_EINVAL, "category",
				    "Cuộc thi này chỉ nhận thể loại %s",
				    "This contest takes only %s entries", c->kinds);
	if (c->starts_on && strcmp(x->posted_on, c->starts_on) < 0)
		return lt_error_set(e, LT_EINVAL, "posted_on",
				    "Ngày đăng trước ngày bắt đầu nhận bài (%s)",
				    "The post is dated before entries open (%s)",
				    vn_date(c->starts_on, d1));
	if (c->ends_on && strcmp(x->posted_on, c->ends_on) > 0)
		return lt_error_set(e, LT_EINVAL, "posted_on",
				    "Ngày đăng sau ngày hết hạn nhận bài (%s)",
				    "The post is dated after entries closed (%s)",
				    vn_date(c->ends_on, d2));
	return 0;
}

int lt_app_contest_entry_add(lt_db *db, const lt_actor *who, int64_t contest_id,
			     const lt_app_entry_in *in, lt_arena *a, int64_t *id,
			     const char **url_canonical, int64_t *existing, lt_error *e)
{
	lt_contest_row c;
	lt_contest_entry_in x;
	const char *channel = NULL;
	char today[11];
	int rc = lt_app_contest_get(db, who, contest_id, a, &c, NULL, e);

	*id = 0;
	*url_canonical = NULL;
	memset(&x, 0, sizeof(x));
	if (!rc)
		rc = lt_app_act_write_unit(db, who, in->unit_id, &x.unit_id, e);
	if (!rc && !in->url)
		rc = lt_error_set(e, LT_EINVAL, "url", "Thiếu đường dẫn bài dự thi",
				  "The entry's link is missing");
	if (!rc)
		rc = lt_app_link(in->url, "url", a, &x.url_canonical, &channel, e);
	if (rc)
		return rc;
	lt_today(today);
	x.member_name = in->member_name;
	x.category = in->category;
	x.platform = in->platform ? in->platform : lt_app_platform_of(channel);
	x.url = in->url;
	x.hashtag = in->hashtag;
	x.posted_on = in->posted_on ? in->posted_on : today;
	x.views = in->views;
	rc = lt_contest_entry_validate(&x, e);
	if (!rc)
		rc = lt_app_contest_entry_fits(&c, &x, e);
	if (rc)
		return rc;
	rc = lt_db_begin(db, e);
	if (rc)
		return rc;
	rc = lt_app_contest_open_to(db, &c, x.unit_id, e);
	if (!rc)
		rc = lt_contest_entry_add(db, contest_id, &x, lt_actor_audit_id(who), id, existing, e);
	rc = lt_db_end(db, rc, e);
	if (!rc)
		*url_canonical = x.url_canonical;
	return rc;
}

int lt_app_contest_entry_delete(lt_db *db, const lt_actor *who, int64_t id, lt_error *e)
{
	int64_t contest = 0, unit = 0, w = 0;
	int rc = lt_actor_need_role(who, LT_ROLE_CADRE, e);

	if (!rc)
		rc = lt_contest_entry_owner(db, id, &contest, &unit, e);
	if (!rc)
		rc = lt_app_act_write_unit(db, who, unit, &w, e);
	if (rc)
		return rc;
	rc = lt_db_begin(db, e);
	if (!rc)
		rc = lt_contest_entry_delete(db, id, lt_actor_audit_id(who), e);
	return lt_db_end(db, rc, e);
}
