/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * demo_activity.c — the 42/LĐLĐ campaign in progress for `lantoa demo`:
 * a link kit from LĐLĐ huyện Gia Lâm, the communication items most
 * grassroots unions logged between 19 January and 6 February 2024 (some
 * the same post shared by several unions, some shares of the kit's press
 * links), their Tết figures (42/LĐLĐ names no indicators, so the
 * catalogue's Tết set applies — see store/indicator.h), and entries of
 * the contest "Bên nhau là Tết". About one union in eight has logged
 * nothing, so that the continuity view has someone to chase. Everything is
 * written through the use cases of app/ as the console operator, as
 * `lantoa activity add` and the others would.
 */
#include <inttypes.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/activity.h"
#include "app/contest.h"
#include "app/figure.h"
#include "app/linkkit.h"
#include "cli/cmd_activity.h"
#include "cli/demo.h"
#include "store/activity.h"
#include "store/directive.h"
#include "store/unit.h"

static unsigned rnd(unsigned *seed, unsigned n)
{
	*seed = *seed * 1103515245u + 12345u;
	return (*seed >> 8) % n;
}

/* Titles per theme position (1–4); %s is the union's place or name. */
static const char *const titles[4][4] = {
	{ "Nhìn lại 10 năm chương trình “Tết Sum vầy” tại %s",
	  "Những con số ấn tượng sau 10 năm “Tết Sum vầy” của công đoàn %s",
	  "Mô hình hay chăm lo Tết cho đoàn viên ở %s", NULL },
	{ "Chợ Tết Công đoàn 2024: gian hàng 0 đồng cho công nhân %s",
	  "Đoàn viên %s đi Chợ Tết Công đoàn trực tuyến",
	  "Công nhân %s vui mua sắm tại Chợ Tết Công đoàn", NULL },
	{ "Chuyến xe Tết Công đoàn đưa công nhân %s về quê đón Tết",
	  "Hành trình Tết Công đoàn 2024: nghĩa tình những chuyến xe miễn phí",
	  "Tặng vé xe cho đoàn viên %s về quê ăn Tết", NULL },
	{ "Lãnh đạo LĐLĐ huyện Gia Lâm thăm, tặng quà đoàn viên %s",
	  "Tết Sum vầy – Xuân chia sẻ: trao quà cho công nhân %s",
	  "Gói bánh chưng, tặng quà công nhân ở lại %s đón Tết", NULL },
};

/* Links the district recommends (and that several unions share as their own posts too). */
static const struct {
	const char *url, *title, *source;
} press[] = {
	{ "https://laodong.vn/cong-doan/cho-tet-cong-doan-2024-mang-xuan-am-ap-den-cong-nhan-1297561.ldo",
	  "Chợ Tết Công đoàn 2024 mang xuân ấm áp đến công nhân", "Báo Lao Động" },
	{ "https://kinhtedothi.vn/ha-noi-hang-nghin-cong-nhan-duoc-ho-tro-ve-que-don-tet.html",
	  "Hà Nội: Hàng nghìn công nhân được hỗ trợ về quê đón Tết", "Kinh tế & Đô thị" },
	{ "https://hanoimoi.vn/tet-sum-vay-xuan-chia-se-nam-2024-659721.html",
	  "“Tết Sum vầy – Xuân chia sẻ” năm 2024", "Hà Nội Mới" },
	{ "https://vtv.vn/xa-hoi/nhung-chuyen-xe-tet-cong-doan-20240203.htm",
	  "Những chuyến xe Tết Công đoàn", "VTV" },
};

/* The district's own Facebook posts that unions share. */
static const char *const district_posts[] = {
	"https://www.facebook.com/ldldgialam/posts/pfbid02cXk9tet2024a",
	"https://www.facebook.com/ldldgialam/posts/pfbid02cXk9tet2024b",
};

static const char *place_of(const char *name)
{
	static const char *const kinds[] = { "Công ty TNHH May ", "Trường Tiểu học ", "Công ty CP Cơ khí ",
					     "Trường Mầm non ", "Trạm Y tế ", "Công ty TNHH Điện tử ",
					     "Trường THCS ", "Hợp tác xã Dịch vụ ", "Công ty CP Thực phẩm " };
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		const char *p = strstr(name, kinds[i]);
		if (p)
			return p + strlen(kinds[i]);
	}
	return name;
}

/* Record an item as the operator would (the link canonicalised and its channel detected by app/). */
static int item(lt_cli *cli, lt_db *db, const lt_actor *op, int64_t dir, int64_t unit,
		int64_t theme, const char *url, const char *title, const char *kind,
		const char *date, unsigned *seed, int64_t kit_item)
{
	lt_app_item_in in;
	lt_app_item it;
	lt_arena a; /* the item as stored, dropped at once */
	const char *canon = NULL;
	const char *ch = NULL;
	int64_t dup = 0;
	int rc;

	memset(&in, 0, sizeof(in));
	in.given = LT_ITEM_THEME | LT_ITEM_VIEWS | LT_ITEM_REACTIONS | LT_ITEM_COMMENTS |
		   LT_ITEM_SHARES;
	in.directive_id = dir;
	in.unit_id = unit;
	in.theme_id = theme;
	in.kit_item_id = kit_item;
	in.kind = kind;
	in.url = url;
	in.title = title;
	in.date = date;
	in.views = 80 + rnd(seed, 3000);
	in.reactions = in.views / (8 + rnd(seed, 10));
	in.comments = rnd(seed, 40);
	in.shares = rnd(seed, 25);
	in.counts_on = "2024-02-06";
	lt_arena_init(&a);
	/* A union the dice send to a link it already shared records it once (app/ would refuse it). */
	rc = lt_app_link(url, "url", &a, &canon, &ch, &cli->err);
	if (!rc)
		rc = lt_activity_find_link(db, dir, unit, canon, 0, &dup, &cli->err);
	if (rc > 0)
		rc = 0;
	else if (!rc)
		rc = lt_app_activity_create(db, op, &in, &a, &it, &cli->err);
	lt_arena_free(&a);
	return rc;
}

static int link_kit(lt_cli *cli, lt_db *db, const lt_actor *op, lt_arena *a, int64_t dir,
		    int64_t district, int64_t *first_item)
{
	lt_app_kit_link links[4];
	lt_app_kit_in in;
	lt_linkkit_row kit;
	int rc;

	for (size_t i = 0; i < 4; i++) {
		links[i].url = press[i].url;
		links[i].title = press[i].title;
		links[i].source = press[i].source;
	}
	memset(&in, 0, sizeof(in));
	in.directive_id = dir;
	in.issuer_id = district;
	in.title = "Tin, bài báo chí về chương trình Tết 2024";
	in.note = "Đề nghị các CĐCS chia sẻ trên trang Facebook, nhóm Zalo của đơn vị"
		  " và ghi lại đường dẫn bài chia sẻ.";
	in.links = links;
	in.n = 4;
	lt_demo_clock("2024-01-22 10:00");
	rc = lt_app_linkkit_create(db, op, &in, a, &kit, &cli->err);
	if (!rc)
		*first_item = kit.items[0].id;
	return rc;
}

/* A union's figures: plausible, consistent (parts add up), one gift-value slip left as a warning. */
static int figures(lt_cli *cli, lt_db *db, const lt_actor *op, int64_t dir, int64_t unit,
		   unsigned *seed, bool slip)
{
	int64_t people = 20 + rnd(seed, 180), gifts = people - rnd(seed, 10);
	int64_t gift_each = 300000 + 100000 * rnd(seed, 8);
	int64_t union_vnd = people * 500000, other_vnd = people * 100000 * rnd(seed, 6);
	int64_t tickets = rnd(seed, 12), trips = rnd(seed, 3);
	lt_figure_in v[] = {
		{ .code = "people_supported", .value = (double)people },
		{ .code = "support_vnd_union", .value = (double)union_vnd },
		{ .code = "support_vnd_other", .value = (double)other_vnd },
		{ .code = "support_vnd", .value = (double)(union_vnd + other_vnd) },
		{ .code = "gift_recipients", .value = (double)gifts },
		/* A slip: the value of one gift typed instead of the total. */
		{ .code = "gift_vnd", .value = slip ? (double)gift_each : (double)(gifts * gift_each) },
		{ .code = "tickets", .value = (double)tickets },
		{ .code = "ticket_vnd", .value = (double)(tickets * 800000) },
		{ .code = "bus_trips", .value = (double)trips },
		{ .code = "bus_passengers", .value = (double)(trips * (25 + rnd(seed, 20))) },
		{ .code = "programmes", .value = (double)(1 + rnd(seed, 3)) },
		{ .code = "legal_consultations", .value = (double)rnd(seed, 30) },
	};
	lt_app_figures f;
	lt_arena a; /* the figures as stored, dropped at once */
	int rc;

	lt_arena_init(&a);
	rc = lt_app_figures_set(db, op, dir, unit, v, sizeof(v) / sizeof(v[0]), &a, &f, &cli->err);
	lt_arena_free(&a);
	return rc;
}

static int contest(lt_cli *cli, lt_db *db, const lt_actor *op, lt_arena *a, int64_t dir,
		   int64_t district, json_t *units, unsigned *seed)
{
	static const char *const names[] = { "Nguyễn Thị Hoa", "Trần Văn Nam", "Lê Thị Thu",
					     "Phạm Minh Đức", "Đỗ Thị Lan", "Vũ Văn Hùng",
					     "Hoàng Thị Mai", "Bùi Quang Huy", "Ngô Thị Hằng" };
	lt_app_contest_in cin = { .directive_id = dir, .issuer_id = district,
				  .name = "Bên nhau là Tết", .hashtag = "#BenNhauLaTet" };
	lt_contest_row c;
	size_t i;
	json_t *u;
	int rc;

	lt_demo_clock("2024-01-20 08:00");
	rc = lt_app_contest_create(db, op, &cin, a, &c, &cli->err);
	json_array_foreach(units, i, u) {
		lt_app_entry_in in = { 0 };
		char url[256], date[11];
		const char *canon = NULL;
		int64_t id = 0, existing = 0;
		bool video = rnd(seed, 2);
		if (rc)
			break;
		if (i % 3)
			continue; /* one union in three has an entry */
		if (video)
			snprintf(url, sizeof(url), "https://www.tiktok.com/@doanvien.gialam%zu/video/73291%08u",
				 i, rnd(seed, 99999999));
		else
			snprintf(url, sizeof(url), "https://www.facebook.com/doanvien.gialam%zu/posts/%u", i,
				 100000 + rnd(seed, 900000));
		snprintf(date, sizeof(date), "2024-01-%02u", 22 + rnd(seed, 9));
		in.unit_id = json_integer_value(json_object_get(u, "id"));
		in.member_name = names[rnd(seed, 9)];
		in.category = video ? "video" : "writing";
		in.platform = video ? "tiktok" : "facebook";
		in.url = url;
		in.hashtag = "#BenNhauLaTet";
		in.posted_on = date;
		in.views = 150 + rnd(seed, 12000);
		rc = lt_app_contest_entry_add(db, op, c.id, &in, a, &id, &canon, &existing, &cli->err);
	}
	return rc;
}

int lt_demo_activity(lt_cli *cli, lt_db *db, lt_arena *a)
{
	json_t *recips = NULL, *counts = NULL, *units = json_array(), *r;
	lt_activity_theme *themes = NULL;
	size_t nthemes = 0;
	int64_t dir = 0, district = 0, kit_first = 0;
	unsigned seed = 20240206;
	lt_actor op;
	lt_unit d;
	size_t i;
	int rc = lt_directive_find(db, "42/LĐLĐ", &dir, &cli->err);

	lt_actor_operator(&op);
	if (!rc)
		rc = lt_unit_get_by_code(db, "01.018", a, &d, &cli->err);
	if (!rc)
		rc = lt_activity_themes(db, dir, a, &themes, &nthemes, &cli->err);
	if (!rc && nthemes < 4)
		rc = lt_error_set(&cli->err, LT_EINTERNAL, "demo", "Công văn 42/LĐLĐ thiếu chủ đề",
				  "Letter 42/LĐLĐ lacks its themes");
	if (!rc)
		rc = lt_receipt_list(db, dir, NULL, &recips, &counts, &cli->err);
	if (rc)
		goto out;
	district = d.id;
	rc = link_kit(cli, db, &op, a, dir, district, &kit_first);
	json_array_foreach(recips, i, r) {
		json_t *unit = json_object_get(r, "unit");
		int64_t uid = json_integer_value(json_object_get(unit, "id"));
		const char *name = json_string_value(json_object_get(unit, "name"));
		const char *place = place_of(name);
		unsigned n;
		if (rc)
			break;
		json_array_append_new(units, json_pack("{s:I}", "id", (json_int_t)uid));
		if (i % 8 == 5)
			continue; /* silent since it received the letter */
		n = 2 + rnd(&seed, 6);
		for (unsigned k = 0; k < n && !rc; k++) {
			unsigned tpos = rnd(&seed, 4), day = 19 + rnd(&seed, 18), pick = rnd(&seed, 10);
			char url[300], title[400], date[11], when[32];
			const char *kind = "post";
			int64_t kit_item = 0;
			snprintf(date, sizeof(date), day <= 31 ? "2024-01-%02u" : "2024-02-%02u",
				 day <= 31 ? day : day - 31);
			snprintf(when, sizeof(when), "%s %02u:%02u", date, 7 + rnd(&seed, 12), rnd(&seed, 60));
			lt_demo_clock(when);
			snprintf(title, sizeof(title), titles[tpos][rnd(&seed, 3)], place);
			if (pick < 4) {
				snprintf(url, sizeof(url), "https://www.facebook.com/cdcs%.5s%s/posts/%u",
					 json_string_value(json_object_get(unit, "code")) + 7,
					 json_string_value(json_object_get(unit, "code")) + 13,
					 1000000 + rnd(&seed, 8000000));
			} else if (pick == 4) {
				snprintf(url, sizeof(url), "https://zalo.me/s/cdcs%" PRId64 "/%u", uid,
					 rnd(&seed, 100000));
			} else if (pick == 5) {
				snprintf(url, sizeof(url), "https://www.tiktok.com/@cdcs%" PRId64 "/video/7329%011u",
					 uid, rnd(&seed, 2000000000));
			} else if (pick <= 7) {
				/* The district's post, shared by many unions: one original, many shares. */
				snprintf(url, sizeof(url), "%s", district_posts[pick - 6]);
				snprintf(title, sizeof(title), "%s",
					 pick == 6 ? "LĐLĐ huyện Gia Lâm phát động Tháng công nhân đón Tết 2024"
						   : "Chợ Tết Công đoàn huyện Gia Lâm năm 2024");
				kind = "share";
			} else {
				/* A press link of the district's kit, shared on the union's page. */
				unsigned p = rnd(&seed, 4);
				snprintf(url, sizeof(url), "%s", press[p].url);
				snprintf(title, sizeof(title), "%s", press[p].title);
				kind = "share";
				kit_item = kit_first + p;
			}
			rc = item(cli, db, &op, dir, uid, themes[tpos].id, url, title, kind, date,
				  &seed, kit_item);
		}
		if (!rc && i % 8 != 6) {
			lt_demo_clock("2024-02-05 16:30");
			rc = figures(cli, db, &op, dir, uid, &seed, i % 11 == 3);
		}
	}
	/* The district posts its own two items first-hand (the originals of the shared posts). */
	lt_demo_clock("2024-01-19 08:00");
	if (!rc)
		rc = item(cli, db, &op, dir, district, themes[3].id, district_posts[0],
			  "LĐLĐ huyện Gia Lâm phát động Tháng công nhân đón Tết 2024", "post",
			  "2024-01-19", &seed, 0);
	if (!rc)
		rc = item(cli, db, &op, dir, district, themes[1].id, district_posts[1],
			  "Chợ Tết Công đoàn huyện Gia Lâm năm 2024", "post", "2024-01-20", &seed, 0);
	if (!rc)
		rc = contest(cli, db, &op, a, dir, district, units, &seed);
	lt_demo_clock("2024-02-06 17:00");
out:
	json_decref(recips);
	json_decref(counts);
	json_decref(units);
	return rc;
}
