/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Tests for src/store/activity.c, activity_query.c, activity_photo.c,
 * indicator.c and contest.c: originals vs shares across units, the facts
 * the access rules read (recipient, issued, locked), all-or-nothing
 * imports, figures with their history and confirmations, contest
 * duplicates, photo checks, metadata stripping and removal. Who may do
 * what is tested in tests/unit/app.
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
	lt_activity_page page;
	lt_arena ar;
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
	lt_arena_init(&ar);
	assert_int_equal(lt_activity_list(f->db, &flt, &ar, &page, &e), 0);
	assert_int_equal(page.total, 3);
	assert_int_equal(page.originals, 1);
	assert_int_equal(page.n, 3);
	assert_int_equal(page.nchannels, 1);
	assert_string_equal(page.by_channel[0].channel, "tiktok");
	assert_int_equal(page.by_channel[0].n, 3);
	/* Newest first. */
	assert_string_equal(page.rows[0].date, "2024-01-22");
	assert_int_equal(page.rows[0].views, -1);
	lt_arena_free(&ar);
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

/* Every item a search finds, page after page, from looks of `scan` items; how many pages. */
static size_t search_all(fx *f, lt_activity_filter flt, int limit, int scan, int64_t *ids,
			 size_t *n, bool *capped_first)
{
	lt_activity_page page;
	lt_arena ar;
	lt_error e;
	size_t pages = 0;
	char date[16] = "";

	*n = 0;
	flt.limit = limit;
	flt.scan = scan;
	lt_arena_init(&ar);
	do {
		assert_int_equal(lt_activity_list(f->db, &flt, &ar, &page, &e), 0);
		assert_true(page.n <= (size_t)limit);
		if (!pages)
			*capped_first = page.capped;
		for (size_t i = 0; i < page.n; i++)
			ids[(*n)++] = page.rows[i].id;
		/* The cursor the app makes: after the page's last, or where the look ended. */
		if (page.more) {
			snprintf(date, sizeof(date), "%s",
				 page.resume_date ? page.resume_date : page.rows[page.n - 1].date);
			flt.after_date = date;
			flt.after_id = page.resume_date ? page.resume_id : page.rows[page.n - 1].id;
		}
		pages++;
	} while (page.more && pages < 100);
	lt_arena_free(&ar);
	return pages;
}

/*
 * A search looks at a bounded number of items a request: its counts say when
 * they are floors, and the pages still reach every match, newest first,
 * whether the subtree is read by date (a city) or unit by unit (a commune).
 */
static void test_search_looks_are_bounded(void **state)
{
	fx *f = *state;
	int64_t all[40], want[40], got[40];
	size_t k = 0, n;
	bool capped;
	lt_error e;

	for (int i = 0; i < 40; i++) {
		char url[64], date[11];
		lt_activity_in in;
		snprintf(url, sizeof(url), "https://www.tiktok.com/@cdcs/video/%d", 100 + i);
		snprintf(date, sizeof(date), "2024-01-%02d", 1 + i % 28);
		in = item(i % 2 ? f->g1 : f->g2, url, "video", date);
		in.title = i % 3 ? "Xe mùa xuân về quê" : "Clip Chợ Tết";
		assert_int_equal(lt_activity_create(f->db, f->dir, &in, 0, &all[i], &e), 0);
	}
	/* Newest first: by date, then id. */
	for (int d = 28; d >= 1; d--)
		for (int i = 39; i >= 0; i--)
			if (1 + i % 28 == d && i % 3 == 0)
				want[k++] = all[i];
	/*
	 * The whole tree read by date (more units than `small`), then sorted
	 * whole; the commune read by date, then sorted whole.
	 */
	for (int w = 0; w < 4; w++) {
		lt_activity_filter flt = { .directive_id = f->dir, .q = "cho tet",
					   .small = w % 2 ? 0 : 1 };
		lt_unit u;
		lt_arena ar;
		lt_arena_init(&ar);
		assert_int_equal(lt_unit_get(f->db, f->commune, &ar, &u, &e), 0);
		flt.within = w < 2 ? "/" : u.path;
		/* Looks of 5 items for pages of 2: every match once, in order. */
		assert_true(search_all(f, flt, 2, 5, got, &n, &capped) > 1);
		assert_true(capped);
		assert_int_equal(n, k);
		assert_memory_equal(got, want, k * sizeof(*got));
		/* A look wide enough: one page, exact counts. */
		assert_int_equal(search_all(f, flt, 40, 1000, got, &n, &capped), 1);
		assert_false(capped);
		assert_int_equal(n, k);
		lt_arena_free(&ar);
	}
}

static void test_scope_facts(void **state)
{
	fx *f = *state;
	lt_activity_in a = item(f->g1, "https://zalo.me/s/1/2", "post", "2024-01-25");
	lt_activity_scope sc;
	lt_error e;

	a.channel = "zalo";
	assert_int_equal(lt_activity_scope_of(f->db, f->dir, f->outsider, &sc, &e), 0);
	assert_true(sc.found && sc.issued && !sc.issuer && !sc.recipient && !sc.locked);
	assert_int_equal(lt_activity_scope_of(f->db, f->draft, f->g1, &sc, &e), 0);
	assert_true(sc.found && !sc.issued && sc.recipient);
	assert_int_equal(lt_activity_scope_of(f->db, 99, f->g1, &sc, &e), 0);
	assert_false(sc.found);
	assert_int_equal(lt_activity_scope_of(f->db, f->dir, f->district, &sc, &e), 0);
	assert_true(sc.issuer);
	assert_int_equal(lt_activity_scope_of(f->db, f->dir, f->g1, &sc, &e), 0);
	assert_true(sc.recipient && !sc.locked);
	exec(f->db, "INSERT INTO record_lock(directive_id, unit_id, locked_at) VALUES (1, 4, 0)");
	assert_int_equal(lt_activity_scope_of(f->db, f->dir, f->g1, &sc, &e), 0);
	assert_true(sc.locked);
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
	rows[3].theme_id = 999;
	rows[3].unit_id = f->g3;
	assert_int_equal(lt_activity_import(f->db, f->dir, rows, 4, 0, &bad, &e), LT_EINVAL);
	assert_string_equal(e.field, "theme");
	assert_int_equal(bad, 3);
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

static void test_figures_history(void **state)
{
	fx *f = *state;
	lt_figure_in v[] = {
		{ .code = "gift_recipients", .value = 40 },
		{ .code = "gift_vnd", .value = 400000 },
	};
	lt_figure_in fix = { .code = "gift_vnd", .value = 20000000, .note = "sửa" };
	lt_figure_in clear = { .code = "gift_recipients", .clear = true };
	lt_figure_row *vals = NULL;
	lt_figure_change *hist = NULL;
	lt_figure_ack_row *acks = NULL;
	size_t n = 0, at = 0;
	lt_arena ar;
	lt_error e;

	lt_arena_init(&ar);
	assert_int_equal(lt_figures_write(f->db, f->dir, f->g1, v, 2, 7, &at, &e), 0);
	assert_int_equal(lt_figures_values(f->db, f->dir, f->g1, &ar, &vals, &n, &e), 0);
	assert_int_equal(n, 2);
	/* The same value again is no change; a new one is kept with the old. */
	assert_int_equal(lt_figures_write(f->db, f->dir, f->g1, v, 2, 7, &at, &e), 0);
	assert_int_equal(lt_figures_write(f->db, f->dir, f->g1, &fix, 1, 8, &at, &e), 0);
	assert_int_equal(lt_figures_write(f->db, f->dir, f->g1, &clear, 1, 8, &at, &e), 0);
	assert_int_equal(lt_figures_history(f->db, f->dir, f->g1, 0, 0, &ar, &hist, &n, &e), 0);
	assert_int_equal(n, 4);
	assert_string_equal(hist[0].code, "gift_recipients");
	assert_true(hist[0].had_old && !hist[0].has_new);
	assert_string_equal(hist[1].code, "gift_vnd");
	assert_true(hist[1].old_value == 400000 && hist[1].new_value == 20000000);
	assert_string_equal(hist[1].note, "sửa");
	assert_int_equal(scalar(f->db, "SELECT count(*) FROM audit_event WHERE entity = 'indicator_value'"), 4);
	/* Each row names its own unit when none is fixed (an import). */
	v[0].unit_id = f->g2;
	v[1].unit_id = f->g3;
	assert_int_equal(lt_figures_write(f->db, f->dir, 0, v, 2, 7, &at, &e), 0);
	assert_int_equal(scalar(f->db, "SELECT count(DISTINCT unit_id) FROM indicator_value"), 3);
	/* A confirmation is kept once per rule, replaced by a new comment. */
	assert_int_equal(lt_figures_ack_put(f->db, f->dir, f->g1, "per:gift_vnd", "a", 7, &e), 0);
	assert_int_equal(lt_figures_ack_put(f->db, f->dir, f->g1, "per:gift_vnd", "b", 7, &e), 0);
	assert_int_equal(lt_figures_acks(f->db, f->dir, f->g1, &ar, &acks, &n, &e), 0);
	assert_int_equal(n, 1);
	assert_string_equal(acks[0].comment, "b");
	lt_arena_free(&ar);
}

static void test_contest_duplicates(void **state)
{
	fx *f = *state;
	lt_contest_entry_in in = { .unit_id = f->g1, .member_name = "Nguyễn Thị Hoa", .category = "video",
				   .platform = "tiktok", .url = "https://www.tiktok.com/@hoa/video/1",
				   .url_canonical = "https://www.tiktok.com/@hoa/video/1",
				   .posted_on = "2024-01-25", .views = 100 };
	int64_t cid = 0, id = 0, existing = 0;
	lt_contest_entry_row *v = NULL;
	lt_contest_row c;
	size_t n = 0;
	lt_arena ar;
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
	lt_arena_init(&ar);
	assert_int_equal(lt_contest_entries(f->db, cid, "/", 0, NULL, NULL, &ar, &v, &n, &e), 0);
	assert_int_equal(n, 2);
	assert_int_equal(lt_contest_entries(f->db, cid, "/", 0, "video", NULL, &ar, &v, &n, &e), 0);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].member_name, "Nguyễn Thị Hoa");
	assert_int_equal(lt_contest_entries(f->db, cid, "/", 0, NULL, "nguyen thi", &ar, &v, &n, &e), 0);
	assert_int_equal(n, 1);
	assert_int_equal(lt_contest_get(f->db, cid, &ar, &c, &e), 0);
	assert_int_equal(c.entries, 2);
	assert_string_equal(c.issuer.code, "01.018");
	lt_arena_free(&ar);
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
	char h1[65], h2[65];
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
	/* The last link takes the image with it. */
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
		cmocka_unit_test_setup_teardown(test_search_looks_are_bounded, setup, teardown),
		cmocka_unit_test_setup_teardown(test_scope_facts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_import_all_or_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_figures_history, setup, teardown),
		cmocka_unit_test_setup_teardown(test_contest_duplicates, setup, teardown),
		cmocka_unit_test(test_photo_inspect_and_strip),
		cmocka_unit_test_setup_teardown(test_photo_stored_once, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
