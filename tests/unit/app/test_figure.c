/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Tests for src/app/figure.c and figure_json.c: who sets and reads a
 * unit's figures, errors that refuse a whole request (nothing written),
 * warnings confirmed with a comment, the history, and the summary over the
 * reader's subtree.
 */
#include "activity_fx.h"

#include "app/activity_io.h"
#include "app/activity_json.h"
#include "app/figure.h"
#include "render/csv.h"

static void test_who_sets_and_reads(void **state)
{
	fx *f = *state;
	lt_figure_in v[] = { { .code = "programmes", .value = 2 } };
	lt_app_figures fig;
	lt_arena a;
	lt_error e;

	lt_arena_init(&a);
	assert_int_equal(lt_app_figures_set(f->db, &f->c1, f->dir, 0, v, 1, &a, &fig, &e), 0);
	assert_int_equal(fig.unit_id, f->g1);
	/* A sibling neither sets nor reads them; the commune's officer reads but does not set. */
	assert_int_equal(lt_app_figures_set(f->db, &f->c2, f->dir, f->g1, v, 1, &a, &fig, &e),
			 LT_EFORBIDDEN);
	assert_string_equal(e.field, "unit_id");
	assert_int_equal(lt_app_figures_get(f->db, &f->c2, f->dir, f->g1, &a, &fig, &e), LT_EFORBIDDEN);
	assert_int_equal(lt_app_figures_get(f->db, &f->oc, f->dir, f->g1, &a, &fig, &e), 0);
	assert_int_equal(lt_app_figures_set(f->db, &f->oc, f->dir, f->g1, v, 1, &a, &fig, &e),
			 LT_EFORBIDDEN);
	assert_int_equal(lt_app_figures_get(f->db, &f->c4, f->dir, f->g1, &a, &fig, &e), LT_EFORBIDDEN);
	/* Not a recipient, or locked: nothing to set. */
	assert_int_equal(lt_app_figures_set(f->db, &f->cx, f->dir, 0, v, 1, &a, &fig, &e), LT_EFORBIDDEN);
	fx_lock(f, f->dir, f->g1, true);
	assert_int_equal(lt_app_figures_set(f->db, &f->c1, f->dir, 0, v, 1, &a, &fig, &e), LT_ECONFLICT);
	assert_int_equal(lt_app_figures_get(f->db, &f->c1, f->dir, 0, &a, &fig, &e), 0);
	assert_true(fig.locked);
	/* The operator names the unit. */
	assert_int_equal(lt_app_figures_get(f->db, &f->op, f->dir, 0, &a, &fig, &e), LT_EINVAL);
	assert_int_equal(lt_app_figures_get(f->db, &f->op, f->dir, f->g4, &a, &fig, &e), 0);
	lt_arena_free(&a);
}

static void test_errors_refuse_warnings_are_confirmed(void **state)
{
	fx *f = *state;
	lt_figure_in bad[] = { { .code = "programmes", .value = 1 }, { .code = "people_supported", .value = 1.5 } };
	lt_figure_in unknown[] = { { .code = "not_an_indicator", .value = 3 } };
	lt_figure_in v[] = { { .code = "gift_recipients", .value = 40 }, { .code = "gift_vnd", .value = 400000 } };
	lt_figure_in fix = { .code = "gift_vnd", .value = 20000000, .note = "sửa" };
	lt_figure_change *h = NULL;
	lt_app_figures fig;
	json_t *j = NULL;
	size_t n = 0;
	lt_arena a;
	lt_error e;

	lt_arena_init(&a);
	assert_int_equal(lt_app_figures_set(f->db, &f->c1, f->dir, 0, bad, 2, &a, &fig, &e), LT_EINVAL);
	assert_string_equal(e.field, "people_supported");
	assert_int_equal(lt_app_figures_set(f->db, &f->c1, f->dir, 0, unknown, 1, &a, &fig, &e), LT_EINVAL);
	assert_string_equal(e.field, "code");
	assert_int_equal(fx_scalar(f->db, "SELECT count(*) FROM indicator_value"), 0);
	/* 10.000 đ per gift: a warning, not an error. */
	assert_int_equal(lt_app_figures_set(f->db, &f->c1, f->dir, 0, v, 2, &a, &fig, &e), 0);
	assert_int_equal(fig.nwarnings, 1);
	assert_string_equal(fig.warnings[0].w.rule, "per:gift_vnd");
	assert_false(fig.warnings[0].confirmed);
	assert_int_equal(lt_app_figures_confirm(f->db, &f->c1, f->dir, 0, "per:gift_vnd", "", &a, &fig, &e),
			 LT_EINVAL);
	assert_string_equal(e.field, "comment");
	assert_int_equal(lt_app_figures_confirm(f->db, &f->c1, f->dir, 0, "parts:support_vnd", "x", &a,
						&fig, &e),
			 LT_ENOTFOUND);
	assert_string_equal(e.field, "rule");
	assert_int_equal(lt_app_figures_confirm(f->db, &f->c2, f->dir, f->g1, "per:gift_vnd", "x", &a,
						&fig, &e),
			 LT_EFORBIDDEN);
	assert_int_equal(lt_app_figures_confirm(f->db, &f->c1, f->dir, 0, "per:gift_vnd", "suất ăn nhỏ",
						&a, &fig, &e),
			 0);
	assert_true(fig.warnings[0].confirmed);
	assert_string_equal(fig.warnings[0].comment, "suất ăn nhỏ");
	assert_int_equal(lt_app_figures_json(&fig, &j, &e), 0);
	assert_true(json_is_true(json_object_get(json_array_get(json_object_get(j, "warnings"), 0),
						 "confirmed")));
	json_decref(j);
	/* The same value again is no change; a new one is kept with the old. */
	assert_int_equal(lt_app_figures_set(f->db, &f->c1, f->dir, 0, v, 2, &a, &fig, &e), 0);
	assert_int_equal(lt_app_figures_set(f->db, &f->c1, f->dir, 0, &fix, 1, &a, &fig, &e), 0);
	assert_int_equal(fig.nwarnings, 0);
	assert_int_equal(lt_app_figures_history(f->db, &f->c1, f->dir, 0, NULL, &a, &h, &n, &e), 0);
	assert_int_equal(n, 3);
	assert_true(h[0].old_value == 400000 && h[0].new_value == 20000000);
	assert_string_equal(h[0].by_login, "u-c1");
	assert_int_equal(lt_app_figures_history(f->db, &f->c4, f->dir, f->g1, NULL, &a, &h, &n, &e),
			 LT_EFORBIDDEN);
	lt_arena_free(&a);
}

static void test_summary_over_the_subtree(void **state)
{
	fx *f = *state;
	lt_figure_in v = { .code = "people_supported", .value = 40 };
	lt_figure_in w = { .code = "people_supported", .value = 2 };
	lt_app_figures fig;
	lt_app_summary s;
	lt_arena a;
	lt_error e;

	lt_arena_init(&a);
	assert_int_equal(lt_app_figures_set(f->db, &f->c1, f->dir, 0, &v, 1, &a, &fig, &e), 0);
	assert_int_equal(lt_app_figures_set(f->db, &f->c4, f->dir, 0, &w, 1, &a, &fig, &e), 0);
	assert_int_equal(lt_app_figures_summary(f->db, &f->oc, f->dir, 0, &a, &s, &e), 0);
	assert_int_equal(s.nunits, 3); /* the commune and its two recipients */
	for (size_t j = 0; j < s.nset; j++)
		if (!strcmp(s.set[j].def.code, "people_supported")) {
			assert_true(s.total[j] == 40);
			assert_int_equal(s.reporting[j], 1);
		}
	assert_int_equal(lt_app_figures_summary(f->db, &f->od, f->dir, 0, &a, &s, &e), 0);
	assert_int_equal(s.nunits, 5); /* every recipient: two communes, three grassroots unions */
	for (size_t j = 0; j < s.nset; j++)
		if (!strcmp(s.set[j].def.code, "people_supported"))
			assert_true(s.total[j] == 42);
	assert_int_equal(lt_app_figures_summary(f->db, &f->oc, f->dir, f->g4, &a, &s, &e), LT_EFORBIDDEN);
	assert_int_equal(lt_app_figures_summary(f->db, &f->c1, f->draft, 0, &a, &s, &e), LT_ENOTFOUND);
	lt_arena_free(&a);
}

/*
 * A summary wider than one stretch of load_page (500 units): 1,100 more
 * recipients, each with its own value, some with a warning and one with it
 * confirmed past the first stretch. Every line of the summary is what the
 * unit's own figures show, and the totals add all of them up.
 */
enum { WIDE = 1100 };

static int to_buf(const void *p, size_t n, void *ctx)
{
	return lt_buf_add(ctx, p, n) ? -1 : 0;
}

/* A sink that cannot write: a full disk. */
static int fail_sink(const void *p, size_t n, void *ctx)
{
	(void)p;
	(void)ctx;
	return n ? -1 : 0;
}

static void test_summary_past_a_stretch(void **state)
{
	fx *f = *state;
	lt_app_figures fig;
	lt_app_summary s;
	int64_t first = 0, acked = 0;
	double sum = 40; /* g1's, below */
	size_t bad, seen = 0;
	lt_arena a;
	lt_error e;
	char code[32], sql[256];

	lt_arena_init(&a);
	for (int i = 0; i < WIDE; i++) {
		lt_figure_in v[] = { { .code = "people_supported", .value = i + 1 },
				     { .code = "gift_recipients", .value = 40 },
				     { .code = "gift_vnd", .value = 400000 } };
		int64_t id;
		snprintf(code, sizeof(code), "W%04d", i);
		id = fx_unit(f->db, code, "CĐCS rộng", "grassroots", f->commune2);
		first = first ? first : id;
		snprintf(sql, sizeof(sql),
			 "INSERT INTO receipt(directive_id, unit_id, received_at) VALUES (1, %lld, 0)",
			 (long long)id);
		fx_exec(f->db, sql);
		/* Every seventh unit gets 10.000 đ per gift: the per:gift_vnd warning. */
		assert_int_equal(lt_figures_write(f->db, f->dir, id, v, i % 7 ? 1 : 3, 0, &bad, &e), 0);
		sum += i + 1;
		if (i == 777)
			acked = id;
	}
	{
		lt_figure_in v = { .code = "people_supported", .value = 40 };
		assert_int_equal(lt_app_figures_set(f->db, &f->c1, f->dir, 0, &v, 1, &a, &fig, &e), 0);
	}
	assert_int_equal(lt_figures_ack_put(f->db, f->dir, acked, "per:gift_vnd", "suất nhỏ", 0, &e), 0);
	assert_int_equal(lt_app_figures_summary(f->db, &f->od, f->dir, 0, &a, &s, &e), 0);
	assert_int_equal(s.nunits, 5 + WIDE);
	assert_int_equal(s.recipients, 5 + WIDE);
	for (size_t i = 0; i < s.nunits; i++) {
		const lt_app_summary_unit *u = &s.units[i];
		size_t unconfirmed = 0;
		if (i)
			assert_true(strcmp(s.units[i - 1].unit.path, u->unit.path) < 0);
		assert_int_equal(lt_app_figures_get(f->db, &f->od, f->dir, u->unit.id, &a, &fig, &e), 0);
		assert_int_equal(fig.n, s.nset);
		for (size_t j = 0; j < s.nset; j++) {
			assert_int_equal(u->v[j].set, fig.v[j].set);
			assert_true(!fig.v[j].set || u->v[j].value == fig.v[j].value);
		}
		assert_int_equal(u->nwarnings, fig.nwarnings);
		for (size_t k = 0; k < fig.nwarnings; k++) {
			assert_string_equal(u->warnings[k].w.rule, fig.warnings[k].w.rule);
			assert_int_equal(u->warnings[k].confirmed, fig.warnings[k].confirmed);
			unconfirmed += !fig.warnings[k].confirmed;
		}
		assert_int_equal(u->unconfirmed, unconfirmed);
		seen += u->unit.id == acked && u->nwarnings == 1 && u->warnings[0].confirmed &&
			!strcmp(u->warnings[0].comment, "suất nhỏ");
	}
	assert_int_equal(seen, 1);
	for (size_t j = 0; j < s.nset; j++)
		if (!strcmp(s.set[j].def.code, "people_supported")) {
			assert_true(s.total[j] == sum);
			assert_int_equal(s.reporting[j], WIDE + 1);
		} else if (!strcmp(s.set[j].def.code, "gift_vnd")) {
			assert_int_equal(s.reporting[j], (WIDE + 6) / 7);
		}
	/* The CSV export written a stretch at a time is the whole table's CSV, byte for byte. */
	{
		lt_app_list_ref ref = { .list = LT_APP_LIST_FIGURES, .owner = f->dir };
		lt_buf whole, streamed;
		size_t rows = 0;
		lt_buf_init(&whole, 64u << 20);
		lt_buf_init(&streamed, 64u << 20);
		lt_table *t = NULL;
		assert_int_equal(lt_app_list_export(f->db, &f->od, &ref, &t, &e), 0);
		assert_int_equal(lt_csv_write(lt_table_sheet_at(t, 0), ',', &whole, &e), 0);
		lt_table_free(t);
		assert_int_equal(lt_app_list_export_stream(f->db, &f->od, &ref, false, to_buf, &streamed, &e), 0);
		assert_int_equal(streamed.len, whole.len);
		assert_memory_equal(streamed.ptr, whole.ptr, whole.len);
		for (size_t k = 0; k < streamed.len; k++)
			rows += streamed.ptr[k] == '\n';
		/* The header, then one row per value: 1,100 + g1's + 2 per seventh unit. */
		assert_int_equal(rows, 1 + WIDE + 1 + 2 * ((WIDE + 6) / 7));
		/* The kept totals count the same values, before any export is made. */
		{
			int64_t nv = -1;
			assert_int_equal(lt_app_figures_count(f->db, &f->od, f->dir, 0, &nv, &e), 0);
			assert_int_equal(nv, (int64_t)rows - 1);
			assert_int_equal(lt_app_figures_count(f->db, &f->oc, f->dir, 0, &nv, &e), 0);
			assert_int_equal(nv, 1); /* g1's alone under the commune */
			assert_int_equal(lt_app_figures_count(f->db, &f->c1, f->dir, f->g4, &nv, &e),
					 LT_EFORBIDDEN);
		}
		/* A cadre of a unit without values gets the header alone. */
		lt_buf_reset(&streamed);
		assert_int_equal(lt_app_list_export_stream(f->db, &f->c4, &ref, false, to_buf, &streamed, &e), 0);
		assert_non_null(memchr(streamed.ptr, '\n', streamed.len));
		assert_ptr_equal(memchr(streamed.ptr, '\n', streamed.len), streamed.ptr + streamed.len - 1);
		assert_memory_equal(streamed.ptr, "\xEF\xBB\xBFM\xC3\xA3 \xC4\x91\xC6\xA1n v\xE1\xBB\x8B", 15);
		assert_int_equal(lt_app_list_export_stream(f->db, &f->od, &ref, false, fail_sink, NULL, &e), LT_EIO);
		assert_int_equal(lt_app_list_export_stream(f->db, &f->od, &ref, true, fail_sink, NULL, &e), LT_EIO);
		ref.owner = f->draft;
		assert_int_equal(lt_app_list_export_stream(f->db, &f->c1, &ref, false, to_buf, &streamed, &e),
				 LT_ENOTFOUND);
		lt_buf_free(&whole);
		lt_buf_free(&streamed);
	}
	lt_arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_who_sets_and_reads, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_errors_refuse_warnings_are_confirmed, fx_setup,
						fx_teardown),
		cmocka_unit_test_setup_teardown(test_summary_over_the_subtree, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_summary_past_a_stretch, fx_setup, fx_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
