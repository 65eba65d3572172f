/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Tests for src/app/activity_io*.c: the spreadsheet use cases decide who
 * imports for whom from the actor (a cadre for its own unit; an admin or
 * the operator for the units of its subtree named in the unit column),
 * every bad cell is reported by row and column, and an import is all or
 * nothing — a refused row (a unit that is no recipient, a link entered
 * already) writes nothing and is reported at its cell too.
 */
#include "activity_fx.h"

#include "app/activity_io.h"
#include "app/contest.h"
#include "render/csv.h"
#include "render/table.h"
#include "render/xlsx_read.h"

static const char head[] = "Mã đơn vị,Chủ đề,Kênh,Loại tin,Đường dẫn,Tiêu đề,Ngày đăng,Lượt xem\n";

static int import(fx *f, const lt_actor *who, lt_app_list list, int64_t owner, int64_t unit,
		  const char *csv, lt_import_report *rep, size_t *n, lt_error *e)
{
	lt_app_list_ref ref = { .list = list, .owner = owner, .unit_id = unit };

	return lt_app_list_import(f->db, who, &ref, csv, strlen(csv), rep, n, e);
}

static int64_t items(fx *f)
{
	return fx_scalar(f->db, "SELECT count(*) FROM activity");
}

static void test_cadre_imports_for_its_own_unit(void **state)
{
	fx *f = *state;
	lt_import_report *rep = calloc(1, sizeof(*rep));
	char csv[1024];
	size_t n = 0;
	lt_error e;

	snprintf(csv, sizeof(csv), "%s"
		 "G1,2,,post,https://www.facebook.com/g1/posts/1,Chợ Tết,25/01/2024,150\n"
		 ",,zalo,share,https://zalo.me/s/g1/1,Chia sẻ,2024-01-26,\n", head);
	assert_int_equal(import(f, &f->c1, LT_APP_LIST_ITEMS, f->dir, 0, csv, rep, &n, &e), 0);
	assert_int_equal(n, 2);
	assert_int_equal(fx_scalar(f->db, "SELECT count(*) FROM activity WHERE unit_id = 4"), 2);
	assert_int_equal(fx_scalar(f->db, "SELECT theme_id FROM activity WHERE channel = 'facebook'"), 12);
	/* Another unit's code in the column is refused at its cell; nothing is written. */
	snprintf(csv, sizeof(csv), "%sG2,,,post,https://facebook.com/a/posts/2,Tin,2024-01-20,\n", head);
	assert_int_equal(import(f, &f->c1, LT_APP_LIST_ITEMS, f->dir, 0, csv, rep, &n, &e), LT_EINVAL);
	assert_int_equal(rep->total, 1);
	assert_int_equal(rep->v[0].row, 2);
	assert_string_equal(rep->v[0].col, "A");
	assert_non_null(strstr(rep->v[0].vi, "không phải đơn vị của bạn"));
	/* A cadre cannot name another unit at all; an officer above does not import for it. */
	assert_int_equal(import(f, &f->c1, LT_APP_LIST_ITEMS, f->dir, f->g2, csv, rep, &n, &e),
			 LT_EFORBIDDEN);
	assert_int_equal(rep->total, 0);
	assert_int_equal(import(f, &f->oc, LT_APP_LIST_ITEMS, f->dir, f->g2, csv, rep, &n, &e),
			 LT_EFORBIDDEN);
	/* The public imports nothing. */
	assert_int_equal(import(f, &f->pub, LT_APP_LIST_ITEMS, f->dir, 0, csv, rep, &n, &e), LT_EAUTH);
	assert_int_equal(items(f), 2);
	free(rep);
}

static void test_every_bad_cell_and_nothing_written(void **state)
{
	fx *f = *state;
	lt_import_report *rep = calloc(1, sizeof(*rep));
	char csv[1024];
	size_t n = 0;
	lt_error e;

	snprintf(csv, sizeof(csv), "%s"
		 "G1,,,post,https://facebook.com/a/posts/1,Tin 1,31/02/2024,\n"
		 "G1,,,post,https://facebook.com/a/posts/2,Tin 2,hôm qua,12a\n"
		 "G1,,,post,ftp://x.example/3,Tin 3,2024-01-20,\n"
		 "G1,9,,post,https://facebook.com/a/posts/4,Tin 4,2024-01-20,\n"
		 "G1,,,post,https://facebook.com/a/posts/5,Tin tốt,2024-01-20,\n", head);
	assert_int_equal(import(f, &f->c1, LT_APP_LIST_ITEMS, f->dir, 0, csv, rep, &n, &e), LT_EINVAL);
	assert_int_equal(rep->total, 5);
	assert_int_equal(rep->v[0].row, 2);
	assert_string_equal(rep->v[0].col, "G");
	assert_string_equal(rep->v[2].col, "H");
	assert_string_equal(rep->v[3].col, "E");
	assert_string_equal(rep->v[4].col, "B");
	assert_string_equal(rep->v[4].field, "theme");
	assert_non_null(strstr(e.vi, "và 4 lỗi khác; không dòng nào được nhập"));
	assert_int_equal(items(f), 0);
	free(rep);
}

static void test_admin_names_units_in_its_subtree(void **state)
{
	fx *f = *state;
	lt_import_report *rep = calloc(1, sizeof(*rep));
	char csv[1024];
	size_t n = 0;
	lt_error e;

	/* X1 is in the admin's subtree but no recipient: the row is refused at its unit cell. */
	snprintf(csv, sizeof(csv), "%s"
		 "G1,,,post,https://facebook.com/g1/posts/7,Tin G1,2024-01-20,\n"
		 "G4,,,post,https://facebook.com/g4/posts/7,Tin G4,2024-01-20,\n"
		 "X1,,,post,https://facebook.com/x1/posts/7,Tin X1,2024-01-20,\n", head);
	assert_int_equal(import(f, &f->ad, LT_APP_LIST_ITEMS, f->dir, 0, csv, rep, &n, &e),
			 LT_EFORBIDDEN);
	assert_int_equal(rep->total, 1);
	assert_int_equal(rep->v[0].row, 4);
	assert_string_equal(rep->v[0].col, "A");
	assert_int_equal(items(f), 0);
	/* Without it, both rows go in, each for its unit. */
	snprintf(csv, sizeof(csv), "%s"
		 "G1,,,post,https://facebook.com/g1/posts/7,Tin G1,2024-01-20,\n"
		 "G4,,,post,https://facebook.com/g4/posts/7,Tin G4,2024-01-20,\n", head);
	assert_int_equal(import(f, &f->ad, LT_APP_LIST_ITEMS, f->dir, 0, csv, rep, &n, &e), 0);
	assert_int_equal(n, 2);
	assert_int_equal(fx_scalar(f->db, "SELECT count(DISTINCT unit_id) FROM activity"), 2);
	/* The operator the same over the whole tree; a unit outside an officer's subtree is named. */
	snprintf(csv, sizeof(csv), "%sG4,,,post,https://facebook.com/g4/posts/8,Tin,2024-01-20,\n",
		 head);
	assert_int_equal(import(f, &f->op, LT_APP_LIST_ITEMS, f->dir, 0, csv, rep, &n, &e), 0);
	assert_int_equal(items(f), 3);
	free(rep);
}

static void test_figures_and_entries(void **state)
{
	fx *f = *state;
	lt_import_report *rep = calloc(1, sizeof(*rep));
	lt_app_contest_in cin = { .directive_id = 1, .name = "Bên nhau là Tết" };
	lt_contest_row c;
	const char *fhead = "Mã đơn vị,Chỉ tiêu,Giá trị,Ghi chú\n";
	const char *chead = "Mã đơn vị,Họ tên đoàn viên,Thể loại,Nền tảng,Đường dẫn,Hashtag,Ngày đăng,Lượt xem\n";
	char csv[1024];
	lt_arena a;
	size_t n = 0;
	lt_error e;

	lt_arena_init(&a);
	snprintf(csv, sizeof(csv), "%sG1,health_consultations,12,\nG1,gift_vnd,-5,\nG1,không có,3,\n",
		 fhead);
	assert_int_equal(import(f, &f->c1, LT_APP_LIST_FIGURES, f->dir, 0, csv, rep, &n, &e), LT_EINVAL);
	assert_int_equal(rep->total, 2);
	assert_string_equal(rep->v[0].col, "C");
	assert_string_equal(rep->v[1].col, "B");
	assert_int_equal(fx_scalar(f->db, "SELECT count(*) FROM indicator_value"), 0);
	snprintf(csv, sizeof(csv), "%sG1,health_consultations,12,khám\nG1,Số lượt tư vấn pháp luật,\"1.250\",\n",
		 fhead);
	assert_int_equal(import(f, &f->c1, LT_APP_LIST_FIGURES, f->dir, 0, csv, rep, &n, &e), 0);
	assert_int_equal(fx_scalar(f->db, "SELECT value FROM indicator_value WHERE code = 'legal_consultations'"),
			 1250);
	/* Locked: the whole file is refused at the first row's unit. */
	fx_lock(f, f->dir, f->g1, true);
	assert_int_equal(import(f, &f->c1, LT_APP_LIST_FIGURES, f->dir, 0, csv, rep, &n, &e),
			 LT_ECONFLICT);
	assert_int_equal(rep->v[0].row, 2);
	fx_lock(f, f->dir, f->g1, false);

	assert_int_equal(lt_app_contest_create(f->db, &f->od, &cin, &a, &c, &e), 0);
	snprintf(csv, sizeof(csv), "%s"
		 "G1,Lê Văn Tú,bài viết,,https://www.facebook.com/tu.le/posts/11,#Tet,26/01/2024,320\n"
		 "G1,Trần Thị Na,clip,,https://www.tiktok.com/@na/video/777,,27/01/2024,\n", chead);
	assert_int_equal(import(f, &f->c1, LT_APP_LIST_ENTRIES, c.id, 0, csv, rep, &n, &e), 0);
	assert_int_equal(n, 2);
	/* The same link again: refused by the store, reported at the link's column, nothing written. */
	snprintf(csv, sizeof(csv), "%s"
		 "G1,Người mới,video,,https://www.tiktok.com/@na/video/888,,28/01/2024,\n"
		 "G1,Người khác,video,,https://m.tiktok.com/@na/video/777?_r=1,,28/01/2024,\n", chead);
	assert_int_equal(import(f, &f->c1, LT_APP_LIST_ENTRIES, c.id, 0, csv, rep, &n, &e), LT_EEXIST);
	assert_int_equal(rep->v[0].row, 3);
	assert_string_equal(rep->v[0].col, "E");
	assert_non_null(strstr(rep->v[0].vi, "Trần Thị Na"));
	assert_int_equal(fx_scalar(f->db, "SELECT count(*) FROM contest_entry"), 2);
	lt_arena_free(&a);
	free(rep);
}

static void test_template_and_export_follow_the_reader(void **state)
{
	fx *f = *state;
	lt_app_list_ref ref = { .list = LT_APP_LIST_ITEMS, .owner = 1 };
	lt_table *t = NULL;
	lt_buf b;
	lt_error e;

	lt_buf_init(&b, 50u << 20);
	assert_int_equal(lt_app_list_template(f->db, &f->c1, &ref, &b, &e), 0);
	assert_true(b.len > 1000);
	ref.unit_id = f->g2;
	assert_int_equal(lt_app_list_template(f->db, &f->c1, &ref, &b, &e), LT_EFORBIDDEN);
	assert_int_equal(lt_app_list_export(f->db, &f->c4, &ref, &t, &e), LT_EFORBIDDEN);
	assert_null(t);
	ref.unit_id = 0;
	ref.owner = f->draft;
	assert_int_equal(lt_app_list_export(f->db, &f->c4, &ref, &t, &e), LT_ENOTFOUND);
	ref.owner = f->dir;
	ref.list = LT_APP_LIST_FIGURES;
	assert_int_equal(lt_app_list_export(f->db, &f->oc, &ref, &t, &e), 0);
	assert_non_null(lt_table_sheet(t, LT_IO_FIGURES_SHEET));
	lt_table_free(t);
	lt_buf_free(&b);
}

static int to_buf(const void *p, size_t n, void *ctx)
{
	return lt_buf_add(ctx, p, n) ? -1 : 0;
}

/* The list's whole table (lt_app_list_export) as CSV into out: what a streamed export must equal. */
static int whole_csv(lt_db *db, const lt_actor *who, const lt_app_list_ref *ref, lt_buf *out,
		     lt_error *e)
{
	lt_table *t = NULL;
	int rc = lt_app_list_export(db, who, ref, &t, e);

	if (!rc)
		rc = lt_csv_write(lt_table_sheet_at(t, 0), ',', out, e);
	lt_table_free(t);
	return rc;
}

/*
 * The list's XLSX streamed (constant memory, pieces of 1,000 rows), read
 * back: the same cells, row for row, as its whole table.
 */
static void xlsx_is_the_table(fx *f, const lt_actor *who, const lt_app_list_ref *ref)
{
	lt_table *t = NULL, *back = NULL;
	lt_table_limits lim = { 0 };
	const lt_sheet *a, *b;
	lt_buf x;
	lt_error e;

	lt_buf_init(&x, 64u << 20);
	assert_int_equal(lt_app_list_export_stream(f->db, who, ref, true, to_buf, &x, &e), 0);
	assert_int_equal(lt_app_list_export(f->db, who, ref, &t, &e), 0);
	lim.max_rows = 2000000;
	assert_int_equal(lt_xlsx_read(x.ptr, x.len, &lim, &back, &e), 0);
	a = lt_table_sheet_at(t, 0);
	b = lt_table_sheet_at(back, 0);
	assert_string_equal(b->name, a->name);
	assert_int_equal(b->nrows, a->nrows);
	for (int r = 1; r <= a->nrows; r++)
		for (int c = 1; c <= lt_sheet_row_len(a, r); c++) {
			const lt_cell *ca = lt_sheet_cell(a, r, c), *cb = lt_sheet_cell(b, r, c);
			if (ca->type == LT_CELL_STRING)
				assert_true(cb->len == ca->len && !memcmp(cb->text, ca->text, ca->len));
			else if (ca->type == LT_CELL_NUMBER || ca->type == LT_CELL_DATE)
				assert_true(cb->num == ca->num);
		}
	lt_table_free(t);
	lt_table_free(back);
	lt_buf_free(&x);
}

/* The data row k (1: the first after the header) of a CSV, or NULL. */
static const char *csv_row(const lt_buf *b, size_t k)
{
	const char *p = b->ptr, *end = b->ptr + b->len;

	for (size_t i = 0; i < k && p; i++) {
		p = memchr(p, '\n', (size_t)(end - p));
		p = p ? p + 1 : NULL;
	}
	return p && p < end ? p : NULL;
}

/* Does data row k hold text? */
static bool row_has(const lt_buf *b, size_t k, const char *text)
{
	const char *p = csv_row(b, k), *nl = p ? memchr(p, '\n', (size_t)(b->ptr + b->len - p)) : NULL;
	const char *at = p ? strstr(p, text) : NULL;

	return at && nl && at < nl;
}

/*
 * An export of more items than a list's page (10,000), written out 1,000 at
 * a time: every item, oldest first, the same bytes as the whole table's CSV
 * (the export took only the newest 10,000 before). A contest's entries past
 * a piece the same way.
 */
enum { MANY = 10050, ENTRIES = 1050 };

static void test_export_past_a_page(void **state)
{
	fx *f = *state;
	lt_import_report *rep = calloc(1, sizeof(*rep));
	lt_app_list_ref ref = { .list = LT_APP_LIST_ITEMS, .owner = 1 };
	lt_buf csv, whole, streamed;
	size_t n = 0, rows = 0;
	lt_error e;
	char want[64];

	lt_buf_init(&csv, 64u << 20);
	lt_buf_init(&whole, 64u << 20);
	lt_buf_init(&streamed, 64u << 20);
	assert_int_equal(lt_buf_adds(&csv, head), 0);
	/* Dates rise with the row, so the oldest first is the order of the file. */
	for (int i = 0; i < MANY; i++)
		assert_int_equal(lt_buf_printf(&csv, ",,,post,https://www.facebook.com/g1/posts/%d,Tin %05d,"
					       "2024-01-%02d,\n", i, i, 1 + i / 400),
				 0);
	assert_int_equal(lt_app_list_import(f->db, &f->c1, &ref, csv.ptr, csv.len, rep, &n, &e), 0);
	assert_int_equal(n, MANY);
	assert_int_equal(lt_app_list_export_stream(f->db, &f->oc, &ref, false, to_buf, &streamed, &e), 0);
	assert_int_equal(whole_csv(f->db, &f->oc, &ref, &whole, &e), 0);
	assert_int_equal(streamed.len, whole.len);
	assert_memory_equal(streamed.ptr, whole.ptr, whole.len);
	for (size_t k = 0; k < streamed.len; k++)
		rows += streamed.ptr[k] == '\n';
	assert_int_equal(rows, 1 + MANY);
	/* The first, both sides of a piece's end, and the last. */
	for (int k = 1; k <= MANY; k += k == 1 ? 999 : k == 1000 ? 1 : MANY - 1001) {
		snprintf(want, sizeof(want), ",Tin %05d,", k - 1);
		assert_true(row_has(&streamed, (size_t)k, want));
	}
	/* The XLSX the same way, across pieces: every cell of the whole table. */
	xlsx_is_the_table(f, &f->oc, &ref);
	/* A sibling's cadre exports none of them: the header alone. */
	lt_buf_reset(&streamed);
	assert_int_equal(lt_app_list_export_stream(f->db, &f->c2, &ref, false, to_buf, &streamed, &e), 0);
	assert_null(csv_row(&streamed, 1));

	/* A contest's entries past a piece (1,000), the same way. */
	{
		lt_app_contest_in cin = { .directive_id = 1, .name = "Bên nhau là Tết" };
		lt_contest_row c;
		lt_arena a;
		int k;
		lt_arena_init(&a);
		assert_int_equal(lt_app_contest_create(f->db, &f->od, &cin, &a, &c, &e), 0);
		lt_buf_reset(&csv);
		assert_int_equal(lt_buf_adds(&csv, "Mã đơn vị,Họ tên đoàn viên,Thể loại,Nền tảng,"
						   "Đường dẫn,Hashtag,Ngày đăng,Lượt xem\n"),
				 0);
		for (int i = 0; i < ENTRIES; i++)
			assert_int_equal(lt_buf_printf(&csv, "G1,Người %05d,video,,https://www.tiktok.com/"
							     "@g1/video/%d,,2024-01-%02d,\n",
						       i, 7000 + i, 1 + i / 40),
					 0);
		ref = (lt_app_list_ref){ .list = LT_APP_LIST_ENTRIES, .owner = c.id };
		assert_int_equal(lt_app_list_import(f->db, &f->c1, &ref, csv.ptr, csv.len, rep, &n, &e), 0);
		assert_int_equal(n, ENTRIES);
		lt_buf_reset(&whole);
		lt_buf_reset(&streamed);
		assert_int_equal(lt_app_list_export_stream(f->db, &f->oc, &ref, false, to_buf, &streamed, &e), 0);
		assert_int_equal(whole_csv(f->db, &f->oc, &ref, &whole, &e), 0);
		assert_int_equal(streamed.len, whole.len);
		assert_memory_equal(streamed.ptr, whole.ptr, whole.len);
		assert_non_null(csv_row(&streamed, ENTRIES));
		assert_null(csv_row(&streamed, ENTRIES + 1));
		xlsx_is_the_table(f, &f->oc, &ref);
		for (k = 1; k <= ENTRIES; k += k == 1 ? 999 : k == 1000 ? 1 : ENTRIES - 1001) {
			snprintf(want, sizeof(want), ",Người %05d,", k - 1);
			assert_true(row_has(&streamed, (size_t)k, want));
		}
		lt_arena_free(&a);
	}
	lt_buf_free(&csv);
	lt_buf_free(&whole);
	lt_buf_free(&streamed);
	free(rep);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_cadre_imports_for_its_own_unit, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_every_bad_cell_and_nothing_written, fx_setup,
						fx_teardown),
		cmocka_unit_test_setup_teardown(test_admin_names_units_in_its_subtree, fx_setup,
						fx_teardown),
		cmocka_unit_test_setup_teardown(test_figures_and_entries, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_template_and_export_follow_the_reader, fx_setup,
						fx_teardown),
		cmocka_unit_test_setup_teardown(test_export_past_a_page, fx_setup, fx_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
