/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Tests for src/app/contest.c and linkkit.c: who creates a contest or a
 * link kit (officers of a unit that records for the directive), who sees
 * which (ancestors' to enter or share, the subtree's to follow), entries
 * open to the issuer's subtree with duplicates refused, and the shares
 * only the issuing side sees.
 */
#include "activity_fx.h"

#include "app/activity.h"
#include "app/activity_json.h"
#include "app/contest.h"
#include "app/linkkit.h"

static void test_contests(void **state)
{
	fx *f = *state;
	lt_app_contest_in in = { .directive_id = 1, .name = "Bên nhau là Tết", .hashtag = "#BNLT" };
	lt_app_entry_in en = { .member_name = "Nguyễn Thị Hoa", .category = "video",
			       .url = "https://www.tiktok.com/@hoa/video/1?_r=1", .posted_on = "2024-01-25",
			       .views = 100 };
	lt_contest_row c, c2, other, *v = NULL;
	lt_app_entries x;
	const char *canon = NULL;
	int64_t id = 0, nam = 0, existing = 0;
	size_t n = 0;
	bool iss = false;
	lt_arena a;
	lt_error e;

	lt_arena_init(&a);
	/* A cadre creates none; an officer of a recipient or the issuer does, for its own unit. */
	assert_int_equal(lt_app_contest_create(f->db, &f->c1, &in, &a, &c, &e), LT_EFORBIDDEN);
	assert_int_equal(lt_app_contest_create(f->db, &f->od, &in, &a, &c, &e), 0);
	assert_int_equal(c.issuer.id, f->district);
	assert_int_equal(lt_app_contest_create(f->db, &f->oc, &in, &a, &c2, &e), 0);
	in.issuer_id = f->g1;
	assert_int_equal(lt_app_contest_create(f->db, &f->oc, &in, &a, &other, &e), LT_EFORBIDDEN);
	/* G1 sees both (above it); G4 only the district's; the district follows the commune's too. */
	assert_int_equal(lt_app_contest_list(f->db, &f->c1, 0, NULL, &a, &v, &n, &e), 0);
	assert_int_equal(n, 2);
	assert_int_equal(lt_app_contest_list(f->db, &f->c4, 0, NULL, &a, &v, &n, &e), 0);
	assert_int_equal(n, 1);
	/* A page of one (two rows read: there is more), then the page after its id. */
	{
		lt_page pg = { .limit = 1 };
		char key[24];
		assert_int_equal(lt_app_contest_list(f->db, &f->c1, 0, &pg, &a, &v, &n, &e), 0);
		assert_int_equal(n, 2);
		assert_int_equal(v[0].id, c2.id);
		snprintf(key, sizeof(key), "%lld", (long long)v[0].id);
		pg.after = key;
		assert_int_equal(lt_app_contest_list(f->db, &f->c1, 0, &pg, &a, &v, &n, &e), 0);
		assert_int_equal(n, 1);
		assert_int_equal(v[0].id, c.id);
		pg.after = "x";
		assert_int_equal(lt_app_contest_list(f->db, &f->c1, 0, &pg, &a, &v, &n, &e), LT_EINVAL);
		assert_string_equal(e.field, "cursor");
	}
	assert_int_equal(lt_app_contest_get(f->db, &f->c4, c2.id, &a, &other, NULL, &e), LT_ENOTFOUND);
	assert_int_equal(lt_app_contest_get(f->db, &f->od, c.id, &a, &c, &iss, &e), 0);
	assert_true(iss);
	assert_int_equal(lt_app_contest_get(f->db, &f->c1, c.id, &a, &c, &iss, &e), 0);
	assert_false(iss);
	/* An entry for one's own unit; the link canonical; once only. */
	assert_int_equal(lt_app_contest_entry_add(f->db, &f->c1, c.id, &en, &a, &id, &canon, &existing, &e), 0);
	assert_string_equal(canon, "https://www.tiktok.com/@hoa/video/1");
	en.member_name = "Trần Văn Nam";
	en.url = "https://m.tiktok.com/@hoa/video/1";
	assert_int_equal(lt_app_contest_entry_add(f->db, &f->c2, c.id, &en, &a, &id, &canon, &existing, &e),
			 LT_EEXIST);
	assert_string_equal(e.field, "url");
	assert_non_null(strstr(e.vi, "Nguyễn Thị Hoa"));
	en.url = "https://facebook.com/nam/posts/2";
	en.category = "poem";
	assert_int_equal(lt_app_contest_entry_add(f->db, &f->c2, c.id, &en, &a, &id, &canon, &existing, &e),
			 LT_EINVAL);
	assert_string_equal(e.field, "category");
	en.category = "writing";
	en.unit_id = f->g1;
	assert_int_equal(lt_app_contest_entry_add(f->db, &f->c2, c.id, &en, &a, &id, &canon, &existing, &e),
			 LT_EFORBIDDEN);
	en.unit_id = 0;
	assert_int_equal(lt_app_contest_entry_add(f->db, &f->c2, c.id, &en, &a, &nam, &canon, &existing, &e), 0);
	/* The commune's contest is open to its subtree only. */
	en.url = "https://facebook.com/k/posts/3";
	assert_int_equal(lt_app_contest_entry_add(f->db, &f->op, c2.id, &(lt_app_entry_in){
		.unit_id = f->g4, .member_name = "K", .category = "video", .url = en.url, .views = -1 },
		&a, &id, &canon, &existing, &e), LT_EFORBIDDEN);
	assert_string_equal(e.field, "unit");
	/* Counts per category and unit, over the reader's subtree. */
	assert_int_equal(lt_app_contest_entries(f->db, &f->od, c.id, 0, NULL, NULL, &a, &x, &e), 0);
	assert_int_equal(x.n, 2);
	assert_int_equal(x.video, 1);
	assert_int_equal(x.writing, 1);
	assert_int_equal(x.nunits, 2);
	assert_int_equal(lt_app_contest_entries(f->db, &f->c1, c.id, 0, NULL, NULL, &a, &x, &e), 0);
	assert_int_equal(x.n, 1);
	assert_int_equal(lt_app_contest_entries(f->db, &f->c1, c.id, 0, "poem", NULL, &a, &x, &e), LT_EINVAL);
	/* An entry is removed by its unit only. */
	assert_int_equal(lt_app_contest_entry_delete(f->db, &f->c1, nam, &e), LT_EFORBIDDEN);
	assert_int_equal(lt_app_contest_entry_delete(f->db, &f->oc, nam, &e), LT_EFORBIDDEN);
	assert_int_equal(lt_app_contest_entry_delete(f->db, &f->c2, nam, &e), 0);
	assert_int_equal(fx_scalar(f->db, "SELECT count(*) FROM contest_entry"), 1);
	lt_arena_free(&a);
}

/* The officer's fields: checked naming the field, kept, edited by the organising unit only. */
static void test_contest_details(void **state)
{
	fx *f = *state;
	const char *video[] = { "video" }, *bad[] = { "writing", "poem" };
	lt_app_contest_in in = { .directive_id = 1, .name = "  Tết của tôi  ", .rules = "Một clip",
				 .starts_on = "2024-01-20", .ends_on = "2024-01-10",
				 .kinds = video, .nkinds = 1, .prize = "Giải nhất" };
	lt_app_entry_in en = { .member_name = "Lê Thị Mai", .category = "writing",
			       .url = "https://www.tiktok.com/@mai/video/9", .posted_on = "2024-01-25",
			       .views = -1 };
	lt_contest_row c, d;
	const char *canon = NULL;
	int64_t id = 0, existing = 0;
	lt_arena a;
	lt_error e;

	lt_arena_init(&a);
	assert_int_equal(lt_app_contest_create(f->db, &f->od, &in, &a, &c, &e), LT_EINVAL);
	assert_string_equal(e.field, "ends_on");
	assert_non_null(strstr(e.vi, "10/01/2024"));
	assert_non_null(strstr(e.en, "before the first (20/01/2024)"));
	in.ends_on = "2024-02-20";
	in.kinds = bad;
	in.nkinds = 2;
	assert_int_equal(lt_app_contest_create(f->db, &f->od, &in, &a, &c, &e), LT_EINVAL);
	assert_string_equal(e.field, "kinds[1]");
	in.kinds = video;
	in.nkinds = 1;
	in.name = " ";
	assert_int_equal(lt_app_contest_create(f->db, &f->od, &in, &a, &c, &e), LT_EINVAL);
	assert_string_equal(e.field, "name");
	assert_int_equal(fx_scalar(f->db, "SELECT count(*) FROM contest"), 0);
	in.name = "  Tết của tôi  ";
	assert_int_equal(lt_app_contest_create(f->db, &f->od, &in, &a, &c, &e), 0);
	assert_string_equal(c.name, "Tết của tôi");
	assert_string_equal(c.kinds, "video");
	assert_string_equal(c.starts_on, "2024-01-20");
	assert_string_equal(c.ends_on, "2024-02-20");
	assert_string_equal(c.prize, "Giải nhất");
	/* Entries: only the kinds it takes, only within its period. */
	assert_int_equal(lt_app_contest_entry_add(f->db, &f->c1, c.id, &en, &a, &id, &canon, &existing, &e),
			 LT_EINVAL);
	assert_string_equal(e.field, "category");
	en.category = "video";
	en.posted_on = "2024-01-19";
	assert_int_equal(lt_app_contest_entry_add(f->db, &f->c1, c.id, &en, &a, &id, &canon, &existing, &e),
			 LT_EINVAL);
	assert_string_equal(e.field, "posted_on");
	en.posted_on = "2024-02-20";
	assert_int_equal(lt_app_contest_entry_add(f->db, &f->c1, c.id, &en, &a, &id, &canon, &existing, &e), 0);
	/* Edited by the organising unit's officer (or its admin), not by a reader or a cadre. */
	in.kinds = NULL;
	in.nkinds = 0;
	in.prize = NULL;
	in.name = "Tết sum vầy";
	assert_int_equal(lt_app_contest_update(f->db, &f->oc, c.id, &in, &a, &d, &e), LT_EFORBIDDEN);
	assert_int_equal(lt_app_contest_update(f->db, &f->c1, c.id, &in, &a, &d, &e), LT_EFORBIDDEN);
	assert_int_equal(lt_app_contest_update(f->db, &f->c4, c.id + 100, &in, &a, &d, &e), LT_ENOTFOUND);
	in.ends_on = "2024-01-01";
	assert_int_equal(lt_app_contest_update(f->db, &f->od, c.id, &in, &a, &d, &e), LT_EINVAL);
	assert_string_equal(e.field, "ends_on");
	in.ends_on = "2024-03-01";
	assert_int_equal(lt_app_contest_update(f->db, &f->ad, c.id, &in, &a, &d, &e), 0);
	assert_string_equal(d.name, "Tết sum vầy");
	assert_string_equal(d.kinds, "writing,video");
	assert_null(d.prize);
	assert_int_equal(fx_scalar(f->db, "SELECT count(*) FROM audit_event WHERE entity = 'contest'"
				      " AND action = 'update'"), 1);
	lt_arena_free(&a);
}

static void test_link_kits(void **state)
{
	fx *f = *state;
	lt_app_kit_link links[] = {
		{ .url = "https://vtv.vn/xa-hoi/tet-sum-vay-2024.htm?utm_source=zalo", .title = "Tết Sum vầy", .source = "VTV" },
		{ .url = "https://hanoitv.vn/cho-tet-cong-doan-2024-d12345.html" },
	};
	lt_app_kit_in in = { .directive_id = 1, .title = "Phóng sự", .links = links, .n = 2 };
	lt_app_item_in share;
	lt_app_item it;
	lt_linkkit_row k, *v = NULL;
	lt_app_kit_shares s;
	json_t *j = NULL;
	size_t n = 0;
	lt_arena a;
	lt_error e;

	lt_arena_init(&a);
	assert_int_equal(lt_app_linkkit_create(f->db, &f->c1, &in, &a, &k, &e), LT_EFORBIDDEN);
	links[1].url = "ftp://x";
	assert_int_equal(lt_app_linkkit_create(f->db, &f->od, &in, &a, &k, &e), LT_EINVAL);
	assert_string_equal(e.field, "items[1].url");
	links[1].url = "https://hanoitv.vn/cho-tet-cong-doan-2024-d12345.html";
	assert_int_equal(lt_app_linkkit_create(f->db, &f->od, &in, &a, &k, &e), 0);
	assert_string_equal(k.items[0].url_canonical, "https://vtv.vn/xa-hoi/tet-sum-vay-2024.htm");
	assert_string_equal(k.items[0].channel, "tv");
	assert_string_equal(k.items[1].title, k.items[1].url_canonical);
	assert_int_equal(lt_app_linkkit_list(f->db, &f->c1, 1, NULL, &a, &v, &n, &e), 0);
	assert_int_equal(n, 1);
	/* G1 shares the first link. */
	memset(&share, 0, sizeof(share));
	share.directive_id = 1;
	share.given = LT_ITEM_KIT;
	share.kit_item_id = k.items[0].id;
	share.url = "https://www.facebook.com/g1/posts/777";
	share.title = "Chia sẻ";
	assert_int_equal(lt_app_activity_create(f->db, &f->c1, &share, &a, &it, &e), 0);
	assert_string_equal(it.row.kind, "share");
	assert_int_equal(lt_app_linkkit_list(f->db, &f->c1, 1, NULL, &a, &v, &n, &e), 0);
	assert_int_equal(v[0].items[0].my_share, it.row.id);
	/* Only the issuing side sees the shares. */
	assert_int_equal(lt_app_linkkit_shares(f->db, &f->c1, k.id, &a, &s, &e), LT_EFORBIDDEN);
	assert_int_equal(lt_app_linkkit_shares(f->db, &f->od, k.id, &a, &s, &e), 0);
	assert_int_equal(s.nlinks, 2);
	assert_int_equal(s.links[0].n, 1);
	assert_string_equal(s.links[0].shares[0].unit.code, "G1");
	assert_int_equal(s.links[1].n, 0);
	assert_int_equal(s.nunits, 1);
	assert_int_equal(lt_app_kit_shares_json(&s, &j, &e), 0);
	assert_int_equal(json_array_size(json_object_get(json_object_get(j, "shares"), "links")), 2);
	json_decref(j);
	lt_arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_contests, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_contest_details, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_link_kits, fx_setup, fx_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
