/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Tests for src/app/activity.c, activity_access.c, activity_photo.c,
 * activity_continuity.c and activity_guess.c: who may record, read, edit
 * and delete an item (own unit, ancestor officer, sibling, other subtree,
 * cadre vs officer vs admin, the operator, the public), the recipient and
 * lock rules, nothing written by a refused request, bad input naming its
 * field, the theme guess, lists and continuity.
 */
#include "activity_fx.h"

#include "app/activity.h"
#include "app/activity_access.h"
#include "app/activity_json.h"

/* An item for unit (0: the actor's own) of directive d. */
static lt_app_item_in item_in(int64_t d, int64_t unit, const char *url, const char *title)
{
	lt_app_item_in in;

	memset(&in, 0, sizeof(in));
	in.directive_id = d;
	in.unit_id = unit;
	in.url = url;
	in.title = title;
	in.date = "2024-01-25";
	return in;
}

static int create(fx *f, const lt_actor *who, const lt_app_item_in *in, int64_t *id, lt_error *e)
{
	lt_app_item it;
	lt_arena a;
	int rc;

	lt_arena_init(&a);
	rc = lt_app_activity_create(f->db, who, in, &a, &it, e);
	if (id)
		*id = rc ? 0 : it.row.id;
	lt_arena_free(&a);
	return rc;
}

static int64_t count_items(fx *f)
{
	return fx_scalar(f->db, "SELECT count(*) FROM activity");
}

static void test_who_records_for_which_unit(void **state)
{
	fx *f = *state;
	lt_app_item_in in = item_in(f->dir, 0, "https://www.facebook.com/g1/posts/1?fbclid=x", "Tin G1");
	int64_t id = 0;
	lt_error e;

	/* A cadre records for its own unit: the link is canonical, the channel detected. */
	assert_int_equal(create(f, &f->c1, &in, &id, &e), 0);
	assert_int_equal(fx_scalar(f->db, "SELECT count(*) FROM activity WHERE unit_id = 4"
					  " AND channel = 'facebook' AND kind = 'post'"
					  " AND url_canonical = 'https://facebook.com/g1/posts/1'"),
			 1);
	/* …not for its sibling's, */
	in.unit_id = f->g2;
	assert_int_equal(create(f, &f->c1, &in, NULL, &e), LT_EFORBIDDEN);
	assert_string_equal(e.field, "unit_id");
	/* an officer above does not record for the units below it, */
	assert_int_equal(create(f, &f->od, &in, NULL, &e), LT_EFORBIDDEN);
	assert_int_equal(create(f, &f->oc, &in, NULL, &e), LT_EFORBIDDEN);
	/* an administrator does, for its subtree only, */
	assert_int_equal(create(f, &f->ad, &in, NULL, &e), 0);
	in.unit_id = f->city;
	assert_int_equal(create(f, &f->ad, &in, NULL, &e), LT_EFORBIDDEN);
	/* the operator for any unit, which it must name; the public for none. */
	in.unit_id = f->g4;
	assert_int_equal(create(f, &f->op, &in, NULL, &e), 0);
	in.unit_id = 0;
	assert_int_equal(create(f, &f->op, &in, NULL, &e), LT_EINVAL);
	assert_string_equal(e.field, "unit_id");
	assert_int_equal(create(f, &f->pub, &in, NULL, &e), LT_EAUTH);
	assert_int_equal(count_items(f), 3);
	/* The audit names the user, or nobody for the operator. */
	assert_int_equal(fx_scalar(f->db, "SELECT count(*) FROM audit_event WHERE entity = 'activity'"
					  " AND action = 'create' AND user_id IS NULL"),
			 1);
}

static void test_recipients_drafts_and_locks(void **state)
{
	fx *f = *state;
	lt_app_item_in in = item_in(f->dir, 0, "https://zalo.me/s/1/2", "Tin Zalo");
	lt_error e;

	/* The letter reaches X1 through its commune, but X1 is no recipient: nothing to record. */
	assert_int_equal(create(f, &f->cx, &in, NULL, &e), LT_EFORBIDDEN);
	assert_string_equal(e.field, "unit_id");
	/* A draft is not found on the recipient side, and not open to records on the issuer's. */
	in.directive_id = f->draft;
	assert_int_equal(create(f, &f->c1, &in, NULL, &e), LT_ENOTFOUND);
	assert_string_equal(e.field, "directive_id");
	assert_int_equal(create(f, &f->od, &in, NULL, &e), LT_ECONFLICT);
	assert_int_equal(create(f, &f->c4, &(lt_app_item_in){ .directive_id = 99 }, NULL, &e),
			 LT_ENOTFOUND);
	/* The issuer records its own items. */
	in.directive_id = f->dir;
	assert_int_equal(create(f, &f->od, &in, NULL, &e), 0);
	/* Once the unit's report is accepted, nothing more. */
	fx_lock(f, f->dir, f->g1, true);
	assert_int_equal(create(f, &f->c1, &in, NULL, &e), LT_ECONFLICT);
	assert_non_null(strstr(e.vi, "đã được duyệt"));
	assert_int_equal(count_items(f), 1);
}

/* Whether the directive reached the unit cannot be read (on PostgreSQL: the connection
 * lost in a failover): recording an item or figures fails with that error (503 for a
 * lost connection), not LT_ENOTFOUND, which the API answers 404 "no such directive". */
static void test_a_failed_receipt_lookup_is_not_a_missing_directive(void **state)
{
	fx *f = *state;
	lt_app_item_in in = item_in(f->dir, 0, "https://www.facebook.com/g1/posts/9", "Tin G1");
	int64_t unit = 0;
	lt_error e;

	fx_exec(f->db, "ALTER TABLE receipt RENAME TO receipt_gone");
	assert_int_equal(create(f, &f->c1, &in, NULL, &e), LT_EDB);
	assert_int_equal(lt_app_act_writer(f->db, &f->c1, f->dir, 0, &unit, &e), LT_EDB);
	assert_int_equal(count_items(f), 0);
	fx_exec(f->db, "ALTER TABLE receipt_gone RENAME TO receipt");
	assert_int_equal(create(f, &f->c1, &in, NULL, &e), 0);
}

static void test_bad_input_names_the_field_and_writes_nothing(void **state)
{
	fx *f = *state;
	lt_app_item_in in = item_in(f->dir, 0, "https://zalo.me/s/1/2", "Tin");
	char long_title[600];
	lt_error e;

	in.given = LT_ITEM_KIND;
	in.kind = "tweet";
	assert_int_equal(create(f, &f->c1, &in, NULL, &e), LT_EINVAL);
	assert_string_equal(e.field, "kind");
	in.kind = NULL;
	in.url = "javascript:alert(1)";
	assert_int_equal(create(f, &f->c1, &in, NULL, &e), LT_EINVAL);
	assert_string_equal(e.field, "url");
	in.url = "https://zalo.me/s/1/2";
	memset(long_title, 'a', sizeof(long_title) - 1);
	long_title[sizeof(long_title) - 1] = '\0';
	in.title = long_title;
	assert_int_equal(create(f, &f->c1, &in, NULL, &e), LT_EINVAL);
	assert_string_equal(e.field, "title");
	in.title = "Tin";
	in.given = LT_ITEM_VIEWS;
	in.views = -5;
	assert_int_equal(create(f, &f->c1, &in, NULL, &e), LT_EINVAL);
	assert_string_equal(e.field, "views");
	assert_string_equal(e.en, "Views must be a non-negative whole number");
	in.given = LT_ITEM_THEME;
	in.theme_pos = 9;
	assert_int_equal(create(f, &f->c1, &in, NULL, &e), LT_EINVAL);
	assert_string_equal(e.field, "theme");
	in.theme_pos = 0;
	in.theme_id = 999;
	assert_int_equal(create(f, &f->c1, &in, NULL, &e), LT_EINVAL);
	assert_string_equal(e.field, "theme");
	assert_int_equal(count_items(f), 0);
	assert_int_equal(fx_scalar(f->db, "SELECT count(*) FROM link_check"), 0);
	assert_int_equal(fx_scalar(f->db, "SELECT count(*) FROM audit_event WHERE entity = 'activity'"), 0);
}

static void test_who_reads_edits_and_deletes(void **state)
{
	fx *f = *state;
	lt_app_item_in in = item_in(f->dir, 0, "https://zalo.me/s/123/456", "Tin Zalo");
	lt_app_item_in patch;
	lt_app_item it;
	lt_arena a;
	int64_t id = 0;
	lt_error e;

	lt_arena_init(&a);
	assert_int_equal(create(f, &f->c1, &in, &id, &e), 0);
	/* The owner, the officers above and the operator read it; a sibling or another subtree does not. */
	assert_int_equal(lt_app_activity_get(f->db, &f->c1, id, &a, &it, &e), 0);
	assert_true(it.can_edit);
	assert_string_equal(it.row.unit.code, "G1");
	assert_int_equal(lt_app_activity_get(f->db, &f->oc, id, &a, &it, &e), 0);
	assert_false(it.can_edit);
	assert_int_equal(lt_app_activity_get(f->db, &f->ad, id, &a, &it, &e), 0);
	assert_true(it.can_edit);
	assert_int_equal(lt_app_activity_get(f->db, &f->op, id, &a, &it, &e), 0);
	assert_true(it.can_edit);
	assert_int_equal(lt_app_activity_get(f->db, &f->c2, id, &a, &it, &e), LT_ENOTFOUND);
	assert_string_equal(e.field, "id");
	assert_int_equal(lt_app_activity_get(f->db, &f->c4, id, &a, &it, &e), LT_ENOTFOUND);
	/* Only the owner (or an admin above) changes it. */
	memset(&patch, 0, sizeof(patch));
	patch.given = LT_ITEM_TITLE | LT_ITEM_URL;
	patch.title = "Tin Zalo đã sửa";
	patch.url = "https://www.youtube.com/watch?v=abcdEFGHijk&t=42";
	assert_int_equal(lt_app_activity_update(f->db, &f->c2, id, &patch, &a, &it, &e), LT_ENOTFOUND);
	assert_int_equal(lt_app_activity_update(f->db, &f->oc, id, &patch, &a, &it, &e), LT_EFORBIDDEN);
	assert_int_equal(lt_app_activity_delete(f->db, &f->oc, id, &e), LT_EFORBIDDEN);
	assert_int_equal(lt_app_activity_update(f->db, &f->c1, id, &patch, &a, &it, &e), 0);
	/* A new link re-detects its channel; the fields not given stay. */
	assert_string_equal(it.row.channel, "youtube");
	assert_string_equal(it.row.title, "Tin Zalo đã sửa");
	assert_string_equal(it.row.date, "2024-01-25");
	/* Locked: neither edited nor deleted, and can_edit says so. */
	fx_lock(f, f->dir, f->g1, true);
	patch.given = LT_ITEM_TITLE;
	patch.title = "y";
	assert_int_equal(lt_app_activity_update(f->db, &f->c1, id, &patch, &a, &it, &e), LT_ECONFLICT);
	assert_int_equal(lt_app_activity_delete(f->db, &f->c1, id, &e), LT_ECONFLICT);
	assert_int_equal(lt_app_activity_get(f->db, &f->c1, id, &a, &it, &e), 0);
	assert_false(it.can_edit);
	assert_string_equal(it.row.title, "Tin Zalo đã sửa");
	fx_lock(f, f->dir, f->g1, false);
	assert_int_equal(lt_app_activity_delete(f->db, &f->c1, id, &e), 0);
	assert_int_equal(count_items(f), 0);
	assert_int_equal(fx_scalar(f->db, "SELECT count(*) FROM audit_event WHERE entity = 'activity'"), 3);
	lt_arena_free(&a);
}

static void test_theme_guess(void **state)
{
	fx *f = *state;
	lt_activity_theme *t = NULL;
	lt_app_item_in in = item_in(f->dir, 0, "https://zalo.me/s/7/7",
				    "Gian hàng 0 đồng tại Chợ Tết Công đoàn");
	size_t n = 0;
	int64_t theme = 0, id = 0;
	double score = 0;
	lt_arena a;
	lt_error e;

	lt_arena_init(&a);
	assert_int_equal(lt_activity_themes(f->db, f->dir, &a, &t, &n, &e), 0);
	assert_int_equal(n, 3);
	lt_app_guess_theme(t, n, "Gian hàng 0 đồng tại Chợ Tết Công đoàn", NULL, &theme, &score);
	assert_int_equal(theme, 12);
	/* Each shared word weighs 1 / (themes holding it), each shared pair 1 more. */
	assert_float_equal(score, 25.0 / 3, 1e-9);
	/* The slug of a link is enough. */
	lt_app_guess_theme(t, n, NULL,
			   "https://laodong.vn/cong-doan/chuyen-xe-mien-phi-dua-cong-nhan-ve-que-123.ldo",
			   &theme, &score);
	assert_int_equal(theme, 13);
	assert_float_equal(score, 16.0, 1e-9);
	assert_true(score >= 1.0);
	/* Nothing in common: no guess rather than a wrong one. */
	lt_app_guess_theme(t, n, "Họp chi bộ tháng 1", NULL, &theme, &score);
	assert_int_equal(theme, 0);
	/* A created item gets the guess unless a theme is given (even none). */
	assert_int_equal(create(f, &f->c1, &in, &id, &e), 0);
	assert_int_equal(fx_scalar(f->db, "SELECT theme_id FROM activity ORDER BY id DESC LIMIT 1"), 12);
	in.given = LT_ITEM_THEME;
	in.url = "https://zalo.me/s/7/8";
	assert_int_equal(create(f, &f->c1, &in, &id, &e), 0);
	assert_int_equal(fx_scalar(f->db, "SELECT count(*) FROM activity WHERE theme_id IS NULL"), 1);
	lt_arena_free(&a);
}

static void test_lists_cover_the_readers_subtree(void **state)
{
	fx *f = *state;
#define L "https://www.tiktok.com/@cdcs/video/7329"
	lt_app_item_in a = item_in(f->dir, 0, L, "Clip Chợ Tết"), b = a, c = a;
	lt_app_activity_query q;
	lt_activity_page p;
	lt_app_detect d;
	lt_arena ar;
	json_t *j = NULL;
	lt_error e;

	lt_arena_init(&ar);
	a.given = b.given = c.given = LT_ITEM_KIND | LT_ITEM_DATE;
	a.kind = "video";
	a.date = "2024-01-22";
	b.kind = c.kind = "share";
	b.date = "2024-01-20";
	c.date = "2024-01-21";
	assert_int_equal(create(f, &f->c2, &b, NULL, &e), 0);
	assert_int_equal(create(f, &f->c1, &a, NULL, &e), 0);
	assert_int_equal(create(f, &f->c4, &c, NULL, &e), 0);
	memset(&q, 0, sizeof(q));
	q.directive_id = f->dir;
	q.limit = 100;
	assert_int_equal(lt_app_activity_list(f->db, &f->c1, &q, &ar, &p, &e), 0);
	assert_int_equal(p.total, 1);
	assert_int_equal(lt_app_activity_list(f->db, &f->oc, &q, &ar, &p, &e), 0);
	assert_int_equal(p.total, 2);
	assert_int_equal(lt_app_activity_list(f->db, &f->od, &q, &ar, &p, &e), 0);
	assert_int_equal(p.total, 3);
	/* The unit that posted it owns the page; the others share it. */
	assert_int_equal(p.originals, 1);
	assert_int_equal(lt_app_activity_page_json(&p, &j, &e), 0);
	assert_int_equal(json_integer_value(json_object_get(json_object_get(j, "counts"), "shares")), 2);
	json_decref(j);
	/* A unit outside the reader's subtree is refused; so is a bad date. */
	q.unit_id = f->g4;
	assert_int_equal(lt_app_activity_list(f->db, &f->oc, &q, &ar, &p, &e), LT_EFORBIDDEN);
	assert_string_equal(e.field, "unit_id");
	q.unit_id = 0;
	q.from = "2024-13-01";
	assert_int_equal(lt_app_activity_list(f->db, &f->od, &q, &ar, &p, &e), LT_EINVAL);
	assert_string_equal(e.field, "from");
	/*
	 * Pasting the link again shows who claimed it already: the claims of
	 * the reader's subtree; of the others only that they exist.
	 */
	assert_int_equal(lt_app_activity_detect(f->db, &f->c1, L "?is_from_webapp=1", NULL, f->dir, &ar,
						&d, &e),
			 0);
	assert_int_equal(d.nclaims, 1);
	assert_string_equal(d.claims[0].unit.code, "G1");
	assert_true(d.claimed_elsewhere);
	assert_int_equal(lt_app_activity_detect(f->db, &f->od, L, NULL, f->dir, &ar, &d, &e), 0);
	assert_int_equal(d.nclaims, 3);
	assert_string_equal(d.claims[0].unit.code, "G1");
	assert_false(d.claimed_elsewhere);
	assert_int_equal(lt_app_activity_detect(f->db, &f->c1, "", NULL, 0, &ar, &d, &e), LT_EINVAL);
	assert_string_equal(e.field, "url");
	lt_arena_free(&ar);
}
#undef L

static void test_continuity(void **state)
{
	fx *f = *state;
	lt_app_item_in in = item_in(f->dir, 0, "https://zalo.me/s/1/1", "Tin");
	lt_app_continuity c;
	lt_arena a;
	lt_error e;

	lt_arena_init(&a);
	fx_exec(f->db, "UPDATE directive SET report_deadline = '2024-02-10' WHERE id = 1");
	assert_int_equal(create(f, &f->c1, &in, NULL, &e), 0);
	in.url = "https://zalo.me/s/1/3";
	in.date = "2024-01-28";
	assert_int_equal(create(f, &f->c1, &in, NULL, &e), 0);
	assert_int_equal(lt_app_activity_continuity(f->db, &f->oc, f->dir, 0, 0, NULL, &a, &c, &e), 0);
	assert_int_equal(c.n, 3); /* the commune and its two recipients */
	assert_string_equal(c.to, "2024-02-10");
	assert_string_equal(c.units[1].unit.code, "G1");
	assert_int_equal(c.units[1].total, 2);
	assert_int_equal(c.units[1].ndays, 2);
	assert_string_equal(c.units[1].first_date, "2024-01-25");
	assert_int_equal(c.units[1].first_after_days, 7);
	assert_int_equal(c.units[1].silent_days, 13);
	/* Only the silent ones. */
	assert_int_equal(lt_app_activity_continuity(f->db, &f->oc, f->dir, 0, 20, NULL, &a, &c, &e), 0);
	assert_int_equal(c.n, 2);
	assert_int_equal(lt_app_activity_continuity(f->db, &f->c1, f->dir, f->g2, 0, NULL, &a, &c, &e),
			 LT_EFORBIDDEN);
	lt_arena_free(&a);
}

static const unsigned char jpeg[] = {
	0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x06, 'J', 'F', 'I', 'F',
	0xFF, 0xC0, 0x00, 0x0B, 0x08, 0x00, 0x20, 0x00, 0x30, 0x01, 0x01, 0x11, 0x00,
	0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00, 0x12, 0x34, 0xFF, 0xD9,
};

static void test_photos(void **state)
{
	fx *f = *state;
	lt_app_item_in in = item_in(f->dir, 0, "https://zalo.me/s/9/9", "Ảnh");
	lt_app_item it;
	lt_buf b;
	const char *mime = NULL;
	int64_t id = 0;
	lt_arena a;
	lt_error e;

	lt_arena_init(&a);
	lt_buf_init(&b, 1 << 20);
	assert_int_equal(create(f, &f->c1, &in, &id, &e), 0);
	assert_int_equal(lt_app_activity_photo_add(f->db, &f->c2, id, jpeg, sizeof(jpeg), &a, &it, &e),
			 LT_ENOTFOUND);
	assert_int_equal(lt_app_activity_photo_add(f->db, &f->oc, id, jpeg, sizeof(jpeg), &a, &it, &e),
			 LT_EFORBIDDEN);
	assert_int_equal(lt_app_activity_photo_add(f->db, &f->c1, id, jpeg, 0, &a, &it, &e), LT_EINVAL);
	assert_string_equal(e.field, "body");
	assert_int_equal(lt_app_activity_photo_add(f->db, &f->c1, id, jpeg, sizeof(jpeg), &a, &it, &e), 0);
	assert_int_equal(it.nphotos, 1);
	assert_int_equal(it.photos[0].width, 48);
	/* The officer above reads it. */
	assert_int_equal(lt_app_activity_photo_get(f->db, &f->oc, id, 1, &b, &mime, &e), 0);
	assert_string_equal(mime, "image/jpeg");
	/* A locked record keeps its photo. */
	fx_lock(f, f->dir, f->g1, true);
	assert_int_equal(lt_app_activity_photo_delete(f->db, &f->c1, id, 1, &a, &it, &e), LT_ECONFLICT);
	assert_int_equal(fx_scalar(f->db, "SELECT count(*) FROM activity_photo"), 1);
	fx_lock(f, f->dir, f->g1, false);
	assert_int_equal(lt_app_activity_photo_delete(f->db, &f->c1, id, 1, &a, &it, &e), 0);
	assert_int_equal(it.nphotos, 0);
	assert_int_equal(fx_scalar(f->db, "SELECT count(*) FROM photo"), 0);
	lt_buf_free(&b);
	lt_arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_who_records_for_which_unit, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_recipients_drafts_and_locks, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_a_failed_receipt_lookup_is_not_a_missing_directive,
						fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_bad_input_names_the_field_and_writes_nothing, fx_setup,
						fx_teardown),
		cmocka_unit_test_setup_teardown(test_who_reads_edits_and_deletes, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_theme_guess, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_lists_cover_the_readers_subtree, fx_setup,
						fx_teardown),
		cmocka_unit_test_setup_teardown(test_continuity, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_photos, fx_setup, fx_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
