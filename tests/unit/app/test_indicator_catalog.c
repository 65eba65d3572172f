/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Tests for src/app/indicator_catalog.c (and store/indicator_catalog.c):
 * search by label with and without diacritics, one page at a time; a
 * definition added by its Vietnamese label gets an ASCII code, unique; a
 * directive's codes are checked against the catalogue naming
 * indicators[i].code, objects {code} becoming codes.
 */
#include "activity_fx.h"

#include "app/indicator_catalog.h"

static void test_search(void **state)
{
	fx *f = *state;
	lt_app_indicator_page p;
	lt_page pg = { .limit = 500 };
	size_t all;
	lt_arena a;
	lt_error e;

	lt_arena_init(&a);
	assert_int_equal(lt_app_indicator_search(f->db, &f->c1, "qua tet", &pg, &a, &p, &e), 0);
	assert_int_equal(p.n, 1);
	assert_string_equal(p.v[0].row.code, "gift_packages");
	assert_string_equal(p.v[0].row.name_vi, "Số suất quà Tết");
	assert_int_equal(lt_app_indicator_search(f->db, &f->c1, "SỐ NGƯỜI NHẬN QUÀ", &pg, &a, &p, &e), 0);
	assert_int_equal(p.n, 1);
	assert_string_equal(p.v[0].row.code, "gift_recipients");
	assert_int_equal(lt_app_indicator_search(f->db, &f->c1, "gift recipients", &pg, &a, &p, &e), 0);
	assert_int_equal(p.n, 1);
	assert_int_equal(lt_app_indicator_search(f->db, &f->c1, NULL, &pg, &a, &p, &e), 0);
	all = p.n;
	assert_true(all > 20);
	assert_null(p.next_cursor);
	/* Pages of 5 make the whole catalogue, in order. */
	{
		lt_app_indicator_page q;
		const char *first = p.v[0].row.code, *sixth = p.v[5].row.code;
		pg.limit = 5;
		assert_int_equal(lt_app_indicator_search(f->db, &f->c1, NULL, &pg, &a, &q, &e), 0);
		assert_int_equal(q.n, 5);
		assert_string_equal(q.v[0].row.code, first);
		assert_non_null(q.next_cursor);
		assert_int_equal(lt_page_parse("5", q.next_cursor, &a, &pg, &e), 0);
		assert_int_equal(lt_app_indicator_search(f->db, &f->c1, NULL, &pg, &a, &q, &e), 0);
		assert_string_equal(q.v[0].row.code, sixth);
		pg.after = "nonsense";
		assert_int_equal(lt_app_indicator_search(f->db, &f->c1, NULL, &pg, &a, &q, &e), LT_EINVAL);
		assert_string_equal(e.field, "cursor");
	}
	lt_arena_free(&a);
}

static void test_create(void **state)
{
	fx *f = *state;
	lt_indicator_entry x;
	lt_arena a;
	lt_error e;

	lt_arena_init(&a);
	assert_int_equal(lt_app_indicator_create(f->db, &f->c1, &(lt_app_indicator_in){
		.name_vi = "Số suất ăn ca" }, &a, &x, &e), LT_EFORBIDDEN);
	assert_int_equal(lt_app_indicator_create(f->db, &f->od, &(lt_app_indicator_in){
		.name_vi = "Số suất ăn ca", .measure = "kg" }, &a, &x, &e), LT_EINVAL);
	assert_string_equal(e.field, "measure");
	assert_int_equal(lt_app_indicator_create(f->db, &f->od, &(lt_app_indicator_in){
		.name_vi = "Số suất ăn ca (miễn phí!)" }, &a, &x, &e), 0);
	assert_string_equal(x.row.code, "so_suat_an_ca_mien_phi");
	assert_string_equal(x.row.measure, "items");
	assert_string_equal(x.row.name_en, "Số suất ăn ca (miễn phí!)");
	/* Same label (folded): refused with the code that holds it. */
	assert_int_equal(lt_app_indicator_create(f->db, &f->od, &(lt_app_indicator_in){
		.name_vi = "SỐ SUẤT ĂN CA (MIỄN PHÍ!)" }, &a, &x, &e), LT_EEXIST);
	assert_string_equal(e.field, "name_vi");
	assert_non_null(strstr(e.vi, "so_suat_an_ca_mien_phi"));
	/* Another label with the same slug gets the next free code. */
	assert_int_equal(lt_app_indicator_create(f->db, &f->od, &(lt_app_indicator_in){
		.name_vi = "Số suất ăn ca: miễn phí", .measure = "people" }, &a, &x, &e), 0);
	assert_string_equal(x.row.code, "so_suat_an_ca_mien_phi_2");
	assert_int_equal(fx_scalar(f->db, "SELECT count(*) FROM audit_event WHERE entity = 'indicator'"), 2);
	lt_arena_free(&a);
}

static void test_codes_check(void **state)
{
	fx *f = *state;
	lt_error e;
	json_t *doc = json_pack("{s:[s,{s:s}]}", "indicators", "people_supported", "code", "gift_packages");

	assert_int_equal(lt_app_indicator_codes_check(f->db, doc, &e), 0);
	assert_string_equal(json_string_value(json_array_get(json_object_get(doc, "indicators"), 1)),
			    "gift_packages");
	json_decref(doc);
	doc = json_pack("{s:[s,s]}", "indicators", "people_supported", "Số suất quà Tết");
	assert_int_equal(lt_app_indicator_codes_check(f->db, doc, &e), LT_EINVAL);
	assert_string_equal(e.field, "indicators[1].code");
	assert_non_null(strstr(e.vi, "danh mục"));
	json_decref(doc);
	doc = json_pack("{s:[s]}", "indicators", "gift_recipientz");
	assert_int_equal(lt_app_indicator_codes_check(f->db, doc, &e), LT_EINVAL);
	assert_string_equal(e.field, "indicators[0].code");
	json_decref(doc);
	doc = json_pack("{s:[s,s]}", "indicators", "tickets", "tickets");
	assert_int_equal(lt_app_indicator_codes_check(f->db, doc, &e), LT_EINVAL);
	assert_string_equal(e.field, "indicators[1].code");
	json_decref(doc);
	doc = json_pack("{s:[{s:i}]}", "indicators", "code", 7);
	assert_int_equal(lt_app_indicator_codes_check(f->db, doc, &e), LT_EINVAL);
	assert_string_equal(e.field, "indicators[0].code");
	json_decref(doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_search, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_create, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_codes_check, fx_setup, fx_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
