/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Tests for src/text/classify_fb_delta.c on a small model trained here: a
 * copy is the model (the same bytes saved); the change an update makes,
 * applied to the model it started from, gives the updated model; measuring
 * a change (lt_fbm_change_of) leaves the model exactly as it was, new
 * features' rows included; the difference of a retrained model applied to
 * its base gives it back.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "text/classify_fb_delta.h"

static const lt_fbc_msg msgs[] = {
	{ "1", "công ty nợ lương hai tháng chưa trả", LT_TOPIC_TIEN_LUONG, 1u << 2, 1, "" },
	{ "2", "lương thấp quá không đủ sống", LT_TOPIC_TIEN_LUONG, 1u << 2, 0, "" },
	{ "3", "thưởng tết năm nay bao nhiêu", LT_TOPIC_THUONG_TET, 1u << 3, 0, "" },
	{ "4", "tai nạn ở máy dập, hai người bị thương", LT_TOPIC_AN_TOAN, 1u << 5, 1, "" },
	{ "5", "phòng trọ chật và nóng", LT_TOPIC_DOI_SONG, 1u << 0, 0, "" },
	{ "6", "rút bảo hiểm xã hội một lần", LT_TOPIC_BHXH_PHUC_LOI, 1u << 4, 0, "" },
	{ "7", "công ty cho nghỉ việc không báo trước", LT_TOPIC_VIEC_LAM, 1u << 1, 1, "" },
	{ "8", "tổ trưởng quấy rối chị em", LT_TOPIC_KHAC, 1u << 6, 1, "" },
};

/* Confirmations: words the model never saw (new rows), and corrections. */
static const struct {
	const char *text;
	uint32_t topics;
} learnt[] = {
	{ "karaoke ký túc xá ồn ào đến khuya", 1u << LT_TOPIC_DOI_SONG },
	{ "công ty nợ lương và cắt thưởng tết", 1u << LT_TOPIC_THUONG_TET },
	{ "xe đưa đón công nhân bị hỏng giữa đường", 1u << LT_TOPIC_AN_TOAN },
	{ "karaoke hát suốt đêm không ngủ được", 1u << LT_TOPIC_DOI_SONG },
	{ "phòng trọ nóng, lương thấp", (1u << LT_TOPIC_DOI_SONG) | (1u << LT_TOPIC_TIEN_LUONG) },
};
#define NL (sizeof(learnt) / sizeof(learnt[0]))

static lt_fbm *trained(void)
{
	lt_svm_opts o;
	lt_fbm *m = NULL;
	lt_error e;

	lt_svm_opts_default(&o);
	assert_int_equal(lt_fbm_train(&o, msgs, sizeof(msgs) / sizeof(msgs[0]), &m, &e), 0);
	return m;
}

static void saved(const lt_fbm *m, lt_buf *b)
{
	lt_error e;

	lt_buf_init(b, 1u << 26);
	assert_int_equal(lt_fbm_save(m, b, &e), 0);
}

static void same_bytes(const lt_fbm *x, const lt_fbm *y)
{
	lt_buf a, b;

	saved(x, &a);
	saved(y, &b);
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.ptr, b.ptr, a.len);
	lt_buf_free(&a);
	lt_buf_free(&b);
}

/* x and y score every text of learnt and msgs alike. */
static void same_scores(const lt_fbm *x, const lt_fbm *y)
{
	lt_svm_pred p, q;

	assert_int_equal(lt_svm_nfeatures(lt_fbm_svm(x)), lt_svm_nfeatures(lt_fbm_svm(y)));
	lt_svm_pred_init(&p);
	lt_svm_pred_init(&q);
	for (size_t i = 0; i < NL + sizeof(msgs) / sizeof(msgs[0]); i++) {
		const char *t = i < NL ? learnt[i].text : msgs[i - NL].text;
		assert_int_equal(lt_svm_predict(lt_fbm_svm(x), t, strlen(t), &p), 0);
		assert_int_equal(lt_svm_predict(lt_fbm_svm(y), t, strlen(t), &q), 0);
		for (int k = 0; k < LT_FBM_NOUT; k++)
			assert_true(fabs(p.z[k] - q.z[k]) < 1e-6);
	}
	lt_svm_pred_free(&p);
	lt_svm_pred_free(&q);
}

/* m plus the rows of d (increments over base, summed into sums[]) */
static void apply(lt_fbm *m, const lt_fbm *base, const lt_fbm_delta *d)
{
	lt_error e;

	for (size_t i = 0; i < d->n; i++)
		assert_int_equal(lt_fbm_set_row(m, base, d->v[i].id, d->v[i].idf, d->v[i].w, &e), 0);
}

static void test_a_copy_is_the_model(void **state)
{
	lt_fbm *m = trained(), *c = NULL;
	lt_error e;

	(void)state;
	assert_int_equal(lt_fbm_clone(m, &c, &e), 0);
	same_bytes(m, c);
	/* and its own: learning on the copy leaves the model */
	lt_fbm_delta d;
	lt_fbm_delta_init(&d);
	assert_int_equal(lt_fbm_learn(c, learnt[0].text, strlen(learnt[0].text), learnt[0].topics,
				      &d, &e),
			 0);
	assert_true(lt_svm_nfeatures(lt_fbm_svm(c)) > lt_svm_nfeatures(lt_fbm_svm(m)));
	lt_fbm_delta_free(&d);
	lt_fbm_free(c);
	lt_fbm_free(m);
}

/*
 * The sums of the changes of every update, applied to the model they started
 * from, give the updated model: one base, totals per feature as a store keeps.
 */
static void test_changes_summed_give_the_updated_model(void **state)
{
	lt_fbm *base = trained(), *mem = NULL, *rebuilt = NULL;
	lt_fbm_delta d, sum;
	lt_error e;
	bool has_new = false;

	(void)state;
	assert_int_equal(lt_fbm_clone(base, &mem, &e), 0);
	lt_fbm_delta_init(&d);
	lt_fbm_delta_init(&sum);
	sum.v = calloc(4096, sizeof(*sum.v));
	sum.cap = 4096;
	for (size_t i = 0; i < NL; i++) {
		assert_int_equal(lt_fbm_learn(mem, learnt[i].text, strlen(learnt[i].text),
					      learnt[i].topics, &d, &e),
				 0);
		assert_true(d.n >= 2);
		assert_int_equal(d.v[0].id, LT_FBM_BIAS_ROW);
		for (size_t j = 0; j < d.n; j++) {
			size_t k = 0;
			has_new |= d.v[j].new_row;
			while (k < sum.n && sum.v[k].id != d.v[j].id)
				k++;
			if (k == sum.n) {
				sum.v[sum.n++] = d.v[j];
				continue;
			}
			for (int o = 0; o < LT_FBM_NOUT; o++)
				sum.v[k].w[o] += d.v[j].w[o];
		}
	}
	assert_true(has_new);
	assert_int_equal(lt_fbm_clone(base, &rebuilt, &e), 0);
	apply(rebuilt, base, &sum);
	same_scores(rebuilt, mem);
	lt_fbm_delta_free(&d);
	lt_fbm_delta_free(&sum);
	lt_fbm_free(rebuilt);
	lt_fbm_free(mem);
	lt_fbm_free(base);
}

static void test_measuring_a_change_leaves_the_model(void **state)
{
	lt_fbm *m = trained(), *ref = NULL, *c = NULL;
	lt_fbm_delta d, want;
	lt_buf before;
	lt_error e;

	(void)state;
	lt_fbm_delta_init(&d);
	lt_fbm_delta_init(&want);
	for (size_t i = 0; i < NL; i++) {
		size_t nf = lt_svm_nfeatures(lt_fbm_svm(m));
		saved(m, &before);
		assert_int_equal(lt_fbm_clone(m, &c, &e), 0);
		assert_int_equal(lt_fbm_learn(c, learnt[i].text, strlen(learnt[i].text),
					      learnt[i].topics, &want, &e),
				 0);
		assert_int_equal(lt_fbm_change_of(m, learnt[i].text, strlen(learnt[i].text),
						  learnt[i].topics, &d, &e),
				 0);
		/* the same change as learning on a copy */
		assert_int_equal(d.n, want.n);
		for (size_t j = 0; j < d.n; j++) {
			assert_true(d.v[j].id == want.v[j].id);
			assert_int_equal(d.v[j].new_row, want.v[j].new_row);
			assert_memory_equal(d.v[j].w, want.v[j].w, sizeof(d.v[j].w));
		}
		/* and the model as it was: no new row left, the same bytes */
		assert_int_equal(lt_svm_nfeatures(lt_fbm_svm(m)), nf);
		{
			lt_buf after;
			saved(m, &after);
			assert_int_equal(after.len, before.len);
			assert_memory_equal(after.ptr, before.ptr, before.len);
			lt_buf_free(&after);
		}
		lt_buf_free(&before);
		/* the next one starts from the model with this change (as the store's rows give) */
		apply(m, m, &d);
		lt_fbm_free(c);
	}
	/* a model whose table has since been searched: every old feature still found */
	assert_int_equal(lt_fbm_clone(m, &ref, &e), 0);
	same_scores(ref, m);
	lt_fbm_delta_free(&d);
	lt_fbm_delta_free(&want);
	lt_fbm_free(ref);
	lt_fbm_free(m);
}

static void test_the_difference_of_a_retrained_model(void **state)
{
	lt_fbm *base = trained(), *mem = NULL, *rebuilt = NULL;
	lt_fbm_delta d;
	lt_error e;

	(void)state;
	assert_int_equal(lt_fbm_clone(base, &mem, &e), 0);
	lt_fbm_delta_init(&d);
	for (size_t i = 0; i < NL; i++)
		assert_int_equal(lt_fbm_update(mem, learnt[i].text, strlen(learnt[i].text),
					       learnt[i].topics, &e),
				 0);
	assert_int_equal(lt_fbm_diff(mem, base, &d, &e), 0);
	assert_true(d.n > 1 && d.n <= lt_svm_nfeatures(lt_fbm_svm(mem)) + 1);
	for (size_t j = 1; j < d.n; j++)
		assert_true(d.v[j - 1].id < d.v[j].id); /* sorted: a store locks rows in one order */
	assert_int_equal(lt_fbm_clone(base, &rebuilt, &e), 0);
	apply(rebuilt, base, &d);
	same_scores(rebuilt, mem);
	lt_fbm_delta_free(&d);
	lt_fbm_free(rebuilt);
	lt_fbm_free(mem);
	lt_fbm_free(base);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_a_copy_is_the_model),
		cmocka_unit_test(test_changes_summed_give_the_updated_model),
		cmocka_unit_test(test_measuring_a_change_leaves_the_model),
		cmocka_unit_test(test_the_difference_of_a_retrained_model),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
