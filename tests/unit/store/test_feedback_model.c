/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Tests for src/store/feedback_model.c, the feedback model's rows: a
 * confirmation's rows add to the stored sums (never replace them) as the
 * next version; a reader asks for the rows after the version it has; the
 * head's stamp changes with a reset, its token with every version; a reset
 * and a drop leave no row; the bytes reported are the rows' (and an old
 * whole copy's). With LANTOA_TEST_PG set (unit-pg), on PostgreSQL.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "store/feedback.h"
#include "store/store.h"
#include "../../lib/pg.h"

typedef struct rows {
	lt_fb_model_row v[16];
	size_t n;
} rows;

static int collect(void *ctx, const lt_fb_model_row *r, lt_error *e)
{
	rows *s = ctx;

	(void)e;
	assert_true(s->n < 16);
	s->v[s->n++] = *r;
	return 0;
}

static const lt_fb_model_row *find(const rows *s, uint64_t feature)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->v[i].feature == feature)
			return &s->v[i];
	return NULL;
}

static int setup(void **state)
{
	lt_db *db = NULL;
	lt_error e;

	assert_int_equal(lt_test_db_open(&db, &e), 0);
	assert_int_equal(lt_store_migrate(db, &e), 0);
	*state = db;
	return 0;
}

static int teardown(void **state)
{
	lt_db_close(*state);
	return 0;
}

static void add(lt_db *db, const lt_fb_model_row *r, size_t n, bool update)
{
	lt_error e;

	assert_int_equal(lt_db_begin(db, &e), 0);
	assert_int_equal(lt_feedback_model_lock(db, true, &e), 0);
	assert_int_equal(lt_feedback_model_add(db, r, n, update, &e), 0);
	assert_int_equal(lt_db_end(db, 0, &e), 0);
}

static void test_rows_add_up_version_by_version(void **state)
{
	lt_db *db = *state;
	/* feature ids are 64-bit hashes: the high bit set too */
	const uint64_t big = 0xfedcba9876543210ULL;
	lt_fb_model_row a[] = { { .feature = 0, .w = { 0.5, -0.5 } },
				{ .feature = 7, .idf = 2.5, .w = { 1, 0, 0, 0, 0, 0, 0, -1 } },
				{ .feature = big, .idf = 3.25, .w = { 0, 0.25 } } };
	lt_fb_model_row b[] = { { .feature = 0, .w = { 0.25, 0.5 } },
				{ .feature = 7, .idf = 9, .w = { 2, 0, 0, 0, 0, 0, 0, 1 } },
				{ .feature = 9, .idf = 1.5, .w = { 0, 0, 4 } } };
	lt_fb_model_head h;
	lt_fb_model_info info;
	char s0[LT_FB_STAMP_MAX], s1[LT_FB_STAMP_MAX], s2[LT_FB_STAMP_MAX];
	rows all = { .n = 0 }, since = { .n = 0 };
	lt_error e;

	assert_int_equal(lt_feedback_model_head(db, &h, &e), 0);
	assert_false(h.present);
	assert_int_equal(lt_feedback_model_stamp(db, s0, &e), 0);
	assert_string_equal(s0, "");
	/* the first confirmation: an empty head, reset to a shipped model, then its rows */
	assert_int_equal(lt_db_begin(db, &e), 0);
	assert_int_equal(lt_feedback_model_lock(db, true, &e), 0);
	assert_int_equal(lt_feedback_model_head(db, &h, &e), 0);
	assert_true(h.present);
	assert_int_equal(h.base, 0); /* derived from nothing yet */
	assert_int_equal(lt_feedback_model_reset(db, 12345, 1, &e), 0);
	assert_int_equal(lt_feedback_model_add(db, a, 3, false, &e), 0);
	assert_int_equal(lt_db_end(db, 0, &e), 0);
	assert_int_equal(lt_feedback_model_head(db, &h, &e), 0);
	assert_int_equal(h.base, 12345);
	assert_int_equal(h.version, 1);
	assert_int_equal(h.updates, 0);
	assert_int_equal(h.blob, 0);
	assert_int_equal(lt_feedback_model_stamp(db, s1, &e), 0);
	/* the next one adds to the sums; the token changes, the stamp stays */
	add(db, b, 3, true);
	assert_int_equal(lt_feedback_model_head(db, &h, &e), 0);
	assert_int_equal(h.version, 2);
	assert_int_equal(h.updates, 1);
	assert_int_equal(lt_feedback_model_stamp(db, s2, &e), 0);
	assert_string_not_equal(s1, s2);
	assert_memory_equal(s1, s2, 43);
	assert_int_equal(lt_feedback_model_rows(db, -1, collect, &all, &e), 0);
	assert_int_equal(all.n, 4);
	assert_true(find(&all, 0)->w[0] == 0.75 && find(&all, 0)->w[1] == 0);
	assert_true(find(&all, 7)->w[0] == 3 && find(&all, 7)->w[7] == 0);
	assert_true(find(&all, 7)->idf == 2.5); /* a row's idf is the first one's */
	assert_true(find(&all, big)->w[1] == 0.25 && find(&all, big)->idf == 3.25);
	assert_int_equal(find(&all, big)->version, 1);
	assert_int_equal(find(&all, 9)->version, 2);
	/* a reader at version 1 reads the rows version 2 changed, nothing else */
	assert_int_equal(lt_feedback_model_rows(db, 1, collect, &since, &e), 0);
	assert_int_equal(since.n, 3);
	assert_null(find(&since, big));
	assert_int_equal(lt_feedback_model_meta(db, &info, &e), 0);
	assert_int_equal(info.bytes, 4 * 88);
	assert_int_equal(info.updates, 1);
	/* a reset (a training) starts over: no row, a new stamp */
	assert_int_equal(lt_db_begin(db, &e), 0);
	assert_int_equal(lt_feedback_model_reset(db, 12345, 3, &e), 0);
	assert_int_equal(lt_db_end(db, 0, &e), 0);
	all.n = 0;
	assert_int_equal(lt_feedback_model_rows(db, -1, collect, &all, &e), 0);
	assert_int_equal(all.n, 0);
	assert_int_equal(lt_feedback_model_stamp(db, s0, &e), 0);
	assert_memory_not_equal(s0, s2, 43);
	assert_int_equal(lt_feedback_model_drop(db, &e), 0);
	assert_int_equal(lt_feedback_model_head(db, &h, &e), 0);
	assert_false(h.present);
}

/* A rolled back confirmation leaves neither its rows nor its version. */
static void test_a_rollback_keeps_nothing(void **state)
{
	lt_db *db = *state;
	lt_fb_model_row a[] = { { .feature = 0, .w = { 1 } }, { .feature = 5, .idf = 1, .w = { 1 } } };
	lt_fb_model_head h;
	rows all = { .n = 0 };
	lt_error e;

	add(db, a, 2, false);
	assert_int_equal(lt_db_begin(db, &e), 0);
	assert_int_equal(lt_feedback_model_lock(db, true, &e), 0);
	assert_int_equal(lt_feedback_model_add(db, a, 2, true, &e), 0);
	assert_int_equal(lt_db_end(db, LT_EINVAL, &e), LT_EINVAL);
	assert_int_equal(lt_feedback_model_head(db, &h, &e), 0);
	assert_int_equal(h.version, 1);
	assert_int_equal(lt_feedback_model_rows(db, -1, collect, &all, &e), 0);
	assert_true(find(&all, 5)->w[0] == 1);
}

static int count_into(void *ctx, const lt_fb_model_row *r, lt_error *e)
{
	double *sum = ctx;

	(void)e;
	sum[0] += 1;
	sum[1] += r->w[3] * (double)(r->feature % 1000);
	sum[2] += r->idf;
	return 0;
}

/* Rows go in several to a statement (32, 8, then one by one): 45 rows twice, every one summed. */
static void test_many_rows_at_once(void **state)
{
	lt_db *db = *state;
	lt_fb_model_row r[45];
	double sum[3] = { 0, 0, 0 }, want = 0;
	lt_error e;

	memset(r, 0, sizeof(r));
	for (int i = 0; i < 45; i++) {
		r[i].feature = 1000u * (uint64_t)(i + 1) + (uint64_t)i;
		r[i].idf = 1;
		r[i].w[3] = 0.5;
		want += 2 * 0.5 * i;
	}
	add(db, r, 45, false);
	add(db, r, 45, true);
	assert_int_equal(lt_feedback_model_rows(db, -1, count_into, sum, &e), 0);
	assert_true(sum[0] == 45 && sum[2] == 45);
	assert_true(sum[1] == want);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_rows_add_up_version_by_version, setup, teardown),
		cmocka_unit_test_setup_teardown(test_a_rollback_keeps_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_many_rows_at_once, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
