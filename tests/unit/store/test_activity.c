/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Tests for src/store/activity.c, activity_query.c, activity_photo.c,
 * indicator.c and contest.c: originals vs shares across units, scope and
 * locks, all-or-nothing imports, the theme guess, figures with history and
 * warnings, contest duplicates, photo checks, metadata stripping and removal.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "store/activity.h"
#include "store/activity_photo.h"
#include "store/contest.h"
#include "store/indicator.h"
#include "store/store.h"
#include "store/unit.h"
#include "../../lib/pg.h"

typedef struct fx {
	lt_db *db;
	int64_t district, commune, g1, g2, g3, outsider, dir, draft, theme_cho, theme_bus;
} fx;

static int64_t mk(lt_db *db, const char *code, const char *name, const char *level, int64_t parent)
{
	lt_unit_input in = { .code = code, .name = name, .level = level, .parent_id = parent,
			     .active_from = "2020-01-01" };
	lt_error e;
	int64_t id = 0;

	if (lt_unit_create(db, &in, 0, &id, &e))
		fail_msg("create %s: %s", code, e.en);
	return id;
}

static void exec(lt_db *db, const char *sql)
{
	lt_error e;

	if (lt_db_exec(db, sql, &e))
		fail_msg("%s: %s", sql, e.en);
}

static int64_t scalar(lt_db *db, const char *sql)
{
	lt_stmt *st = NULL;
	int64_t v = -1;

	assert_int_equal(lt_db_prepare_once(db, sql, &st, NULL), 0);
	if (lt_stmt_step(st, NULL) == 1)
		v = lt_stmt_int(st, 0);
	lt_stmt_free(st);
	return v;
}

static int setup(void **state)
{
	fx *f = calloc(1, sizeof(*f));
	lt_error e;
	char sql[1024];
	int64_t city;

	assert_int_equal(lt_test_db_open(&f->db, &e), 0);
	assert_int_equal(lt_store_migrate(f->db, &e), 0);
	city = mk(f->db, "01", "LĐLĐ thành phố Hà Nội", "province", 0);
	f->district = mk(f->db, "01.018", "LĐLĐ huyện Gia Lâm", "district", city);
	f->commune = mk(f->db, "01.018.00577", "Công đoàn xã Đa Tốn", "commune", f->district);
	f->g1 = mk(f->db, "G1", "CĐCS Trường Tiểu học Đa Tốn", "grassroots", f->commune);
	f->g2 = mk(f->db, "G2", "CĐCS Công ty May Đa Tốn", "grassroots", f->commune);
	f->g3 = mk(f->db, "G3", "CĐCS Trạm Y tế Đa Tốn", "grassroots", f->commune);
	f->outsider = mk(f->db, "X1", "CĐCS không nhận công văn", "grassroots", f->commune);
	snprintf(sql, sizeof(sql),
		 "INSERT INTO directive(id, issuer_id, number, date, subject, status, doc, search_fold,"
		 " created_at, updated_at) VALUES (1, %lld, '42/LĐLĐ', '2024-01-18', 'Tết 2024', 'issued',"
		 " '{}', '', 0, 0), (2, %lld, NULL, NULL, 'nháp', 'draft', '{}', '', 0, 0);"
		 "INSERT INTO directive_theme(id, directive_id, pos, title, items) VALUES"
		 " (11, 1, 1, '10 năm “Tết Sum vầy”', '[\"Số liệu, mô hình, bài học\"]'),"
		 " (12, 1, 2, 'Truyền thông về “Chợ Tết Công đoàn năm 2024”', '[\"Gian hàng 0 đồng\",\"Chợ Tết trực tuyến\"]'),"
		 " (13, 1, 3, '“Hành trình Tết Công đoàn”', '[\"Chuyến xe miễn phí đưa công nhân về quê\"]');"
		 "INSERT INTO receipt(directive_id, unit_id, received_at) VALUES (1, %lld, 1705545000),"
		 " (1, %lld, 1705545000), (1, %lld, 1705545000), (2, %lld, 0);",
		 (long long)f->district, (long long)f->district, (long long)f->g1, (long long)f->g2,
		 (long long)f->g3, (long long)f->g1);
	exec(f->db, sql);
	f->dir = 1;
	f->draft = 2;
	f->theme_cho = 12;
	f->theme_bus = 13;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fx *f = *state;

	lt_db_close(f->db);
	free(f);
	return 0;
}

static lt_activity_in item(int64_t unit, const char *url, const char *kind, const char *date)
{
	lt_activity_in in = { .unit_id = unit, .channel = "tiktok", .kind = kind, .url = url,
			      .url_canonical = url, .title = "Clip Chợ Tết", .date = date,
			      .views = -1, .reactions = -1, .comments = -1, .shares = -1 };
	return in;
}

static bool original(fx *f, int64_t id)
{
	char sql[96];

	snprintf(sql, sizeof(sql), "SELECT is_original FROM activity WHERE id = %lld", (long long)id);
	return scalar(f->db, sql) == 1;
}

static void test_originals_and_shares(void **state)
{
	fx *f = *state;
	const char *L = "https://www.tiktok.com/@cdcs/video/7329";
	lt_activity_in a = item(f->g1, L, "video", "2024-01-22"), b = item(f->g2, L, "share", "2024-01-20"),
		       c = item(f->g3, L, "share", "2024-01-21");
	lt_activity_filter flt = { .directive_id = f->dir, .within = "/", .q = "7329" };
	json_t *items = NULL, *counts = NULL;
	int64_t ia, ib, ic;
	lt_error e;

	assert_int_equal(lt_activity_create(f->db, f->dir, &b, 0, &ib, &e), 0);
	assert_true(original(f, ib)); /* alone, a share is the original */
	assert_int_equal(lt_activity_create(f->db, f->dir, &a, 0, &ia, &e), 0);
	assert_int_equal(lt_activity_create(f->db, f->dir, &c, 0, &ic, &e), 0);
	/* The unit that posted it owns the page, however late it logged it. */
	assert_true(original(f, ia));
	assert_false(original(f, ib));
	assert_false(original(f, ic));
	assert_int_equal(lt_activity_list(f->db, &flt, &items, &counts, &e), 0);
	assert_int_equal(json_integer_value(json_object_get(counts, "items")), 3);
	assert_int_equal(json_integer_value(json_object_get(counts, "originals")), 1);
	assert_int_equal(json_integer_value(json_object_get(counts, "shares")), 2);
	json_decref(items);
	json_decref(counts);
	/* Without the owner, the earliest share counts as the original. */
	assert_int_equal(lt_activity_delete(f->db, ia, 0, &e), 0);
	assert_true(original(f, ib));
	assert_false(original(f, ic));
	/* Moving the link of c elsewhere makes it an original of its own group. */
	c.url = c.url_canonical = "https://www.tiktok.com/@other/video/1";
	assert_int_equal(lt_activity_update(f->db, ic, &c, 0, &e), 0);
	assert_true(original(f, ic));
	assert_true(original(f, ib));
	/* An item without a link (print) is always an original. */
	a = item(f->g1, NULL, "article", "2024-01-23");
	a.channel = "print";
	assert_int_equal(lt_activity_create(f->db, f->dir, &a, 0, &ia, &e), 0);
	assert_true(original(f, ia));
}

static void test_scope_and_lock(void **state)
{
	fx *f = *state;
	lt_activity_in a = item(f->g1, "https://zalo.me/s/1/2", "post", "2024-01-25");
	lt_activity_in x = item(f->outsider, "https://zalo.me/s/1/3", "post", "2024-01-25");
	int64_t id = 0;
	lt_error e;

	a.channel = x.channel = "zalo";
	assert_int_equal(lt_activity_create(f->db, f->dir, &x, 0, &id, &e), LT_EFORBIDDEN);
	assert_int_equal(lt_activity_create(f->db, f->draft, &a, 0, &id, &e), LT_ECONFLICT);
	assert_int_equal(lt_activity_create(f->db, 99, &a, 0, &id, &e), LT_ENOTFOUND);
	/* The issuer records its own items too. */
	x.unit_id = f->district;
	assert_int_equal(lt_activity_create(f->db, f->dir, &x, 0, &id, &e), 0);
	assert_int_equal(lt_activity_create(f->db, f->dir, &a, 0, &id, &e), 0);
	assert_false(lt_activity_locked(f->db, f->dir, f->g1));
	exec(f->db, "INSERT INTO record_lock(directive_id, unit_id, locked_at) VALUES (1, 4, 0)");
	assert_true(lt_activity_locked(f->db, f->dir, f->g1));
	assert_int_equal(lt_activity_update(f->db, id, &a, 0, &e), LT_ECONFLICT);
	assert_int_equal(lt_activity_delete(f->db, id, 0, &e), LT_ECONFLICT);
	assert_int_equal(lt_activity_create(f->db, f->dir, &a, 0, &id, &e), LT_ECONFLICT);
	assert_int_equal(scalar(f->db, "SELECT count(*) FROM audit_event WHERE entity = 'activity'"), 2);
	/* Bad fields are named. */
	a.kind = "tweet";
	assert_int_equal(lt_activity_validate(&a, &e), LT_EINVAL);
	assert_string_equal(e.field, "kind");
	a.kind = "post";
	a.date = "2024-02-30";
	assert_int_equal(lt_activity_validate(&a, &e), LT_EINVAL);
	assert_string_equal(e.field, "date");
	a.date = "2024-02-01";
	a.url = a.url_canonical = NULL;
	assert_int_equal(lt_activity_validate(&a, &e), LT_EINVAL);
	assert_string_equal(e.field, "url");
}

static void test_import_all_or_nothing(void **state)
{
	fx *f = *state;
	lt_activity_in rows[4];
	size_t bad = 99;
	lt_error e;

	rows[0] = item(f->g1, "https://facebook.com/a/posts/1", "post", "2024-01-20");
	rows[1] = item(f->g2, "https://facebook.com/a/posts/1", "share", "2024-01-19");
	rows[2] = item(f->g2, "https://facebook.com/a/posts/2", "post", "2024-13-01");
	rows[3] = item(f->outsider, "https://facebook.com/a/posts/3", "post", "2024-01-21");
	for (int i = 0; i < 4; i++)
		rows[i].channel = "facebook";
	assert_int_equal(lt_activity_import(f->db, f->dir, rows, 4, 0, &bad, &e), LT_EINVAL);
	assert_int_equal(bad, 2);
	assert_string_equal(e.field, "date");
	rows[2].date = "2024-01-21";
	assert_int_equal(lt_activity_import(f->db, f->dir, rows, 4, 0, &bad, &e), LT_EFORBIDDEN);
	assert_int_equal(bad, 3);
	assert_int_equal(scalar(f->db, "SELECT count(*) FROM activity"), 0);
	rows[3].theme_id = 999;
	rows[3].unit_id = f->g3;
	assert_int_equal(lt_activity_import(f->db, f->dir, rows, 4, 0, &bad, &e), LT_EINVAL);
	assert_string_equal(e.field, "theme");
	assert_int_equal(scalar(f->db, "SELECT count(*) FROM activity"), 0);
	rows[3].theme_id = f->theme_bus;
	assert_int_equal(lt_activity_import(f->db, f->dir, rows, 4, 0, &bad, &e), 0);
	assert_int_equal(scalar(f->db, "SELECT count(*) FROM activity"), 4);
	/* One audit event for the batch; originals computed over the batch. */
	assert_int_equal(scalar(f->db, "SELECT count(*) FROM audit_event WHERE action = 'import'"), 1);
	assert_int_equal(scalar(f->db, "SELECT count(*) FROM activity WHERE is_original = 1"), 3);
	assert_int_equal(scalar(f->db, "SELECT is_original FROM activity WHERE unit_id = 4"), 1);
	assert_int_equal(scalar(f->db, "SELECT count(*) FROM link_check WHERE state = 'pending'"), 3);
}

static void test_theme_guess(void **state)
{
	fx *f = *state;
	int64_t theme = 0;
	double score = 0;
	lt_error e;

	(void)e;
	assert_int_equal(lt_activity_guess_theme(f->db, f->dir, "Gian hàng 0 đồng tại Chợ Tết Công đoàn",
						 NULL, &theme, &score, &e), 0);
	assert_int_equal(theme, f->theme_cho);
	assert_int_equal(lt_activity_guess_theme(f->db, f->dir, NULL,
						 "https://laodong.vn/cong-doan/chuyen-xe-mien-phi-dua-cong-nhan-ve-que-123.ldo",
						 &theme, &score, &e), 0);
	assert_int_equal(theme, f->theme_bus);
	assert_true(score >= 1.0);
	/* Nothing in common: no guess rather than a wrong one. */
	assert_int_equal(lt_activity_guess_theme(f->db, f->dir, "Họp chi bộ tháng 1", NULL, &theme,
						 &score, &e), 0);
	assert_int_equal(theme, 0);
}

static void test_figures_history_warnings(void **state)
{
	fx *f = *state;
	lt_figure_in v[] = {
		{ .code = "gift_recipients", .value = 40 },
		{ .code = "gift_vnd", .value = 400000 },
	};
	lt_figure_in bad[] = { { .code = "programmes", .value = 1 }, { .code = "people_supported", .value = 1.5 } };
	lt_figure_in fix = { .code = "gift_vnd", .value = 20000000, .note = "sửa" };
	json_t *fig = NULL, *hist = NULL;
	size_t at = 0;
	lt_error e;

	assert_int_equal(lt_figures_set(f->db, f->dir, f->g1, bad, 2, 0, &at, &e), LT_EINVAL);
	assert_int_equal(at, 1);
	assert_string_equal(e.field, "people_supported");
	assert_int_equal(scalar(f->db, "SELECT count(*) FROM indicator_value"), 0);
	assert_int_equal(lt_figures_set(f->db, f->dir, f->g1, v, 2, 7, &at, &e), 0);
	assert_int_equal(lt_figures_get(f->db, f->dir, f->g1, &fig, &e), 0);
	assert_int_equal(json_array_size(json_object_get(fig, "warnings")), 1);
	assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(fig, "warnings"), 0), "rule")),
			    "per:gift_vnd");
	json_decref(fig);
	assert_int_equal(lt_figures_ack(f->db, f->dir, f->g1, "per:gift_vnd", "", 7, &e), LT_EINVAL);
	assert_int_equal(lt_figures_ack(f->db, f->dir, f->g1, "parts:support_vnd", "x", 7, &e), LT_ENOTFOUND);
	assert_int_equal(lt_figures_ack(f->db, f->dir, f->g1, "per:gift_vnd", "suất ăn nhỏ", 7, &e), 0);
	assert_int_equal(lt_figures_get(f->db, f->dir, f->g1, &fig, &e), 0);
	assert_true(json_is_true(json_object_get(json_array_get(json_object_get(fig, "warnings"), 0), "confirmed")));
	json_decref(fig);
	/* The same value again is no change; a new one is kept with the old. */
	assert_int_equal(lt_figures_set(f->db, f->dir, f->g1, v, 2, 7, &at, &e), 0);
	assert_int_equal(lt_figures_set(f->db, f->dir, f->g1, &fix, 1, 8, &at, &e), 0);
	assert_int_equal(lt_figures_history(f->db, f->dir, f->g1, &hist, &e), 0);
	assert_int_equal(json_array_size(hist), 3);
	assert_string_equal(json_string_value(json_object_get(json_array_get(hist, 0), "code")), "gift_vnd");
	assert_int_equal(json_integer_value(json_object_get(json_array_get(hist, 0), "old")), 400000);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(hist, 0), "new")), 20000000);
	json_decref(hist);
	assert_int_equal(scalar(f->db, "SELECT count(*) FROM audit_event WHERE entity = 'indicator_value'"), 3);
	/* A unit that is not a recipient has no figures to set. */
	assert_int_equal(lt_figures_set(f->db, f->dir, f->outsider, v, 2, 0, &at, &e), LT_EFORBIDDEN);
}

static void test_contest_duplicates(void **state)
{
	fx *f = *state;
	lt_contest_entry_in in = { .unit_id = f->g1, .member_name = "Nguyễn Thị Hoa", .category = "video",
				   .platform = "tiktok", .url = "https://www.tiktok.com/@hoa/video/1",
				   .url_canonical = "https://www.tiktok.com/@hoa/video/1",
				   .posted_on = "2024-01-25", .views = 100 };
	int64_t cid = 0, id = 0, existing = 0;
	json_t *items = NULL, *counts = NULL;
	lt_error e;

	assert_int_equal(lt_contest_create(f->db, f->dir, f->district, "Bên nhau là Tết", "#BenNhauLaTet", 0,
					   &cid, &e), 0);
	assert_int_equal(lt_contest_entry_add(f->db, cid, &in, 0, &id, &existing, &e), 0);
	in.unit_id = f->g2;
	in.member_name = "Trần Văn Nam";
	assert_int_equal(lt_contest_entry_add(f->db, cid, &in, 0, NULL, &existing, &e), LT_EEXIST);
	assert_int_equal(existing, id);
	assert_non_null(strstr(e.vi, "Nguyễn Thị Hoa"));
	in.url = in.url_canonical = "https://facebook.com/nam/posts/2";
	in.category = "writing";
	assert_int_equal(lt_contest_entry_add(f->db, cid, &in, 0, NULL, NULL, &e), 0);
	assert_int_equal(lt_contest_entries(f->db, cid, "/", 0, NULL, NULL, &items, &counts, &e), 0);
	assert_int_equal(json_integer_value(json_object_get(counts, "entries")), 2);
	assert_int_equal(json_integer_value(json_object_get(json_object_get(counts, "by_category"), "video")), 1);
	assert_int_equal(json_array_size(json_object_get(counts, "by_unit")), 2);
	json_decref(items);
	json_decref(counts);
	assert_int_equal(lt_contest_find(f->db, f->dir, "ben nhau la tet", &id, &e), 0);
	assert_int_equal(id, cid);
}

/* ---------- photos ---------- */

static const unsigned char jpeg_exif[] = {
	0xFF, 0xD8,                                                 /* SOI */
	0xFF, 0xE0, 0x00, 0x06, 'J', 'F', 'I', 'F',                 /* APP0 (kept) */
	0xFF, 0xE1, 0x00, 0x0C, 'E', 'x', 'i', 'f', 0, 0, 'G', 'P', 'S', '!', /* APP1 Exif */
	0xFF, 0xC0, 0x00, 0x0B, 0x08, 0x00, 0x20, 0x00, 0x30, 0x01, 0x01, 0x11, 0x00, /* SOF0 48x32 */
	0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00, 0x12, 0x34, 0xFF, 0xD9,
};

static void test_photo_inspect_and_strip(void **state)
{
	unsigned char png[64], webp[64], gif[] = "GIF89a\x10\x00\x10\x00";
	lt_photo_info info;
	lt_buf out;
	lt_error e;

	(void)state;
	assert_int_equal(lt_photo_inspect(jpeg_exif, sizeof(jpeg_exif), &info, &e), 0);
	assert_string_equal(info.mime, "image/jpeg");
	assert_int_equal(info.width, 48);
	assert_int_equal(info.height, 32);
	lt_buf_init(&out, 1 << 20);
	assert_int_equal(lt_photo_strip(jpeg_exif, sizeof(jpeg_exif), &info, &out, &e), 0);
	assert_int_equal(out.len, sizeof(jpeg_exif) - 14);
	assert_null(memmem(out.ptr, out.len, "GPS", 3));
	assert_non_null(memmem(out.ptr, out.len, "JFIF", 4));
	lt_buf_free(&out);
	/* PNG: IHDR size, eXIf chunk dropped. */
	memset(png, 0, sizeof(png));
	memcpy(png, "\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR\x00\x00\x01\x00\x00\x00\x00\x80\x08\x02\x00\x00\x00"
		    "\x00\x00\x00\x00" /* crc */ "\x00\x00\x00\x03" "eXIfGPS\x00\x00\x00\x00"
		    "\x00\x00\x00\x00IEND\xae\x42\x60\x82", 8 + 25 + 15 + 12);
	assert_int_equal(lt_photo_inspect(png, 60, &info, &e), 0);
	assert_string_equal(info.mime, "image/png");
	assert_int_equal(info.width, 256);
	assert_int_equal(info.height, 128);
	lt_buf_init(&out, 1 << 20);
	assert_int_equal(lt_photo_strip(png, 60, &info, &out, &e), 0);
	assert_int_equal(out.len, 60 - 15);
	assert_null(memmem(out.ptr, out.len, "eXIf", 4));
	lt_buf_free(&out);
	/* WebP VP8X with an EXIF chunk: dropped, flag cleared, RIFF size fixed. */
	memset(webp, 0, sizeof(webp));
	memcpy(webp, "RIFF\x26\x00\x00\x00WEBPVP8X\x0a\x00\x00\x00\x08\x00\x00\x00\x3f\x00\x00\x1f\x00\x00"
		     "EXIF" "\x04\x00\x00\x00GPS!", 12 + 18 + 12);
	assert_int_equal(lt_photo_inspect(webp, 42, &info, &e), 0);
	assert_string_equal(info.mime, "image/webp");
	assert_int_equal(info.width, 64);
	assert_int_equal(info.height, 32);
	lt_buf_init(&out, 1 << 20);
	assert_int_equal(lt_photo_strip(webp, 42, &info, &out, &e), 0);
	assert_int_equal(out.len, 30);
	assert_int_equal((unsigned char)out.ptr[4], 22);
	assert_int_equal(out.ptr[20] & 0x08, 0);
	lt_buf_free(&out);
	/* Type by content: a GIF is refused whatever its name; so are huge images. */
	assert_int_equal(lt_photo_inspect(gif, sizeof(gif), &info, &e), LT_EUNSUPPORTED);
	png[16] = 0x00, png[17] = 0x01, png[18] = 0x00, png[19] = 0x00; /* width 65536 */
	assert_int_equal(lt_photo_inspect(png, 60, &info, &e), LT_ETOOBIG);
	assert_int_equal(lt_photo_inspect(jpeg_exif, 20, &info, &e), LT_EINVAL);
}

static void test_photo_stored_once(void **state)
{
	fx *f = *state;
	lt_activity_in a = item(f->g1, "https://zalo.me/s/9/9", "post", "2024-01-25");
	int64_t id1 = 0, id2 = 0;
	char h1[65], h2[65], sql[160];
	int pos = 0;
	lt_buf out;
	const char *mime = NULL;
	lt_error e;

	a.channel = "zalo";
	assert_int_equal(lt_activity_create(f->db, f->dir, &a, 0, &id1, &e), 0);
	a.unit_id = f->g2;
	assert_int_equal(lt_activity_create(f->db, f->dir, &a, 0, &id2, &e), 0);
	assert_int_equal(lt_activity_photo_add(f->db, id1, jpeg_exif, sizeof(jpeg_exif), 0, &pos, h1, &e), 0);
	assert_int_equal(pos, 1);
	assert_int_equal(lt_activity_photo_add(f->db, id2, jpeg_exif, sizeof(jpeg_exif), 0, &pos, h2, &e), 0);
	assert_string_equal(h1, h2);
	assert_int_equal(scalar(f->db, "SELECT count(*) FROM photo"), 1);
	lt_buf_init(&out, 1 << 20);
	assert_int_equal(lt_activity_photo_get(f->db, id2, 1, &out, &mime, &e), 0);
	assert_string_equal(mime, "image/jpeg");
	assert_null(memmem(out.ptr, out.len, "GPS", 3));
	lt_buf_free(&out);
	/* Removing: the other item still shows the shared image, so it stays stored. */
	assert_int_equal(lt_activity_photo_delete(f->db, id1, 1, 0, &e), 0);
	assert_int_equal(scalar(f->db, "SELECT count(*) FROM activity_photo"), 1);
	assert_int_equal(scalar(f->db, "SELECT count(*) FROM photo"), 1);
	assert_int_equal(lt_activity_photo_delete(f->db, id1, 1, 0, &e), LT_ENOTFOUND);
	assert_string_equal(e.field, "pos");
	/* A locked record keeps its photo; once unlocked, the last link takes the image with it. */
	snprintf(sql, sizeof(sql), "INSERT INTO record_lock(directive_id, unit_id, locked_at) VALUES (%lld, %lld, 0)",
		 (long long)f->dir, (long long)f->g2);
	exec(f->db, sql);
	assert_int_equal(lt_activity_photo_delete(f->db, id2, 1, 0, &e), LT_ECONFLICT);
	assert_int_equal(scalar(f->db, "SELECT count(*) FROM activity_photo"), 1);
	exec(f->db, "DELETE FROM record_lock");
	assert_int_equal(lt_activity_photo_delete(f->db, id2, 1, 0, &e), 0);
	assert_int_equal(scalar(f->db, "SELECT count(*) FROM photo"), 0);
	/* Deleting an item lets its images go too. */
	assert_int_equal(lt_activity_photo_add(f->db, id1, jpeg_exif, sizeof(jpeg_exif), 0, &pos, h1, &e), 0);
	assert_int_equal(scalar(f->db, "SELECT count(*) FROM photo"), 1);
	assert_int_equal(lt_activity_delete(f->db, id1, 0, &e), 0);
	assert_int_equal(scalar(f->db, "SELECT count(*) FROM photo"), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_originals_and_shares, setup, teardown),
		cmocka_unit_test_setup_teardown(test_scope_and_lock, setup, teardown),
		cmocka_unit_test_setup_teardown(test_import_all_or_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_theme_guess, setup, teardown),
		cmocka_unit_test_setup_teardown(test_figures_history_warnings, setup, teardown),
		cmocka_unit_test_setup_teardown(test_contest_duplicates, setup, teardown),
		cmocka_unit_test(test_photo_inspect_and_strip),
		cmocka_unit_test_setup_teardown(test_photo_stored_once, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
