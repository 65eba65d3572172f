/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* Tests for src/text/classify.c (and corpus.c): training, prediction with
 * "why", incremental update, save/load, scores, and the UIT-VSFC floor. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <cmocka.h>

#include "../../lib/needs_shared.h"
#include "text/classify.h"
#include "text/corpus.h"

static const char *const names[] = { "tien_luong", "thuong_tet", "an_toan" };

static const char *const texts[] = {
	"công ty nợ lương hai tháng",
	"chậm trả lương tháng này",
	"lương thấp quá không đủ sống",
	"đề nghị tăng lương cơ bản",
	"chưa có thưởng tết",
	"thưởng tết năm nay bao nhiêu",
	"công ty cắt thưởng tết",
	"quà tết cho công nhân",
	"xưởng nóng thiếu bảo hộ",
	"tai nạn ở máy dập",
	"thiếu khẩu trang chống bụi",
	"sàn trơn dễ ngã",
};
static const uint32_t labels[] = { 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4 };
#define N (sizeof(texts) / sizeof(texts[0]))

static lt_classifier *trained(int algo)
{
	lt_classify_opts o;
	lt_classifier *m = NULL;
	lt_error e;

	lt_classify_opts_default(&o, algo);
	o.epochs = 30;
	assert_int_equal(lt_classify_new(&o, 3, names, &m, &e), 0);
	assert_int_equal(lt_classify_train(m, texts, labels, N, &e), 0);
	return m;
}

static int predict(const lt_classifier *m, const char *s, lt_classify_pred *p)
{
	assert_int_equal(lt_classify_predict(m, s, strlen(s), 4, p), 0);
	return p->best;
}

static void check_known_answers(int algo)
{
	lt_classifier *m = trained(algo);
	lt_classify_pred p;
	double sum = 0;

	lt_classify_pred_init(&p);
	/* without diacritics and with chat spellings */
	assert_int_equal(predict(m, "cty no luong", &p), 0);
	assert_int_equal(predict(m, "Bao giờ có THƯỞNG TẾT?", &p), 1);
	assert_int_equal(predict(m, "xuong thieu bao ho", &p), 2);
	for (size_t c = 0; c < 3; c++)
		sum += p.p[c];
	assert_true(sum > 0.999 && sum < 1.001);
	assert_true(p.labels & 4u);
	/* why: the explaining terms are folded text of the message */
	assert_true(p.nwhy >= 1);
	assert_true(!strcmp(p.why[0].term, "bao ho") || !strcmp(p.why[0].term, "xuong") ||
		    !strcmp(p.why[0].term, "thieu") || !strcmp(p.why[0].term, "bao") ||
		    !strcmp(p.why[0].term, "ho") || !strcmp(p.why[0].term, "thieu bao"));
	for (size_t i = 1; i < p.nwhy; i++)
		assert_true(p.why[i - 1].weight >= p.why[i].weight);
	assert_string_equal(lt_classify_class_name(m, 1), "thuong_tet");
	lt_classify_pred_free(&p);
	lt_classify_free(m);
}

static void test_nb_known(void **state)
{
	(void)state;
	check_known_answers(LT_CLASSIFY_NB);
}

static void test_lr_known(void **state)
{
	(void)state;
	check_known_answers(LT_CLASSIFY_LR);
}

/* Every loss of the linear family learns the toy set and survives save/load
 * (format 2 keeps the loss); a v1 buffer loads as softmax. */
static void test_losses(void **state)
{
	static const char *const probe[] = { "cty no luong", "thưởng tết", "xuong thieu bao ho" };
	(void)state;
	for (int loss = LT_CLASSIFY_LOSS_SOFTMAX; loss <= LT_CLASSIFY_LOSS_OVR_HINGE; loss++) {
		lt_classify_opts o;
		lt_classifier *m = NULL, *m2 = NULL;
		lt_classify_pred p;
		lt_buf buf;
		lt_error e;

		lt_classify_opts_default(&o, LT_CLASSIFY_LR);
		o.loss = loss;
		assert_int_equal(lt_classify_new(&o, 3, names, &m, &e), 0);
		assert_int_equal(lt_classify_train(m, texts, labels, N, &e), 0);
		lt_buf_init(&buf, 64u << 20);
		assert_int_equal(lt_classify_save(m, &buf, &e), 0);
		assert_int_equal(((const char *)buf.ptr)[5], 2);
		assert_int_equal(lt_classify_load(buf.ptr, buf.len, &m2, &e), 0);
		lt_classify_pred_init(&p);
		for (int k = 0; k < 3; k++) {
			assert_int_equal(predict(m, probe[k], &p), k);
			assert_int_equal(predict(m2, probe[k], &p), k);
		}
		if (loss == LT_CLASSIFY_LOSS_OVR_SQHINGE) {
			/* v1 = v2 without the u32 loss at byte 70 (after the seed) */
			unsigned char *b = (unsigned char *)buf.ptr;
			lt_classifier *m1 = NULL;
			lt_buf again;
			assert_int_equal(b[70], LT_CLASSIFY_LOSS_OVR_SQHINGE);
			memmove(b + 70, b + 74, buf.len - 74);
			b[5] = 1;
			assert_int_equal(lt_classify_load(b, buf.len - 4, &m1, &e), 0);
			assert_int_equal(predict(m1, probe[2], &p), 2);
			lt_buf_init(&again, 64u << 20);
			assert_int_equal(lt_classify_save(m1, &again, &e), 0);
			assert_int_equal(((unsigned char *)again.ptr)[70], LT_CLASSIFY_LOSS_SOFTMAX);
			lt_buf_free(&again);
			lt_classify_free(m1);
		}
		lt_classify_pred_free(&p);
		lt_classify_free(m2);
		lt_classify_free(m);
		lt_buf_free(&buf);
	}
	{
		lt_classify_opts o;
		lt_classifier *m = NULL;
		lt_error e;
		lt_classify_opts_default(&o, LT_CLASSIFY_LR);
		o.loss = 4;
		assert_int_equal(lt_classify_new(&o, 3, names, &m, &e), LT_EINVAL);
	}
}

static void check_update(int algo)
{
	const char *msg = "điện giật ở dây chuyền";
	lt_classifier *m = trained(algo);
	lt_classify_pred p;
	lt_error e;

	lt_classify_pred_init(&p);
	/* a new kind of message: correcting it to an_toan must stick */
	assert_int_equal(lt_classify_update(m, "tăng ca không được trả tiền", 1, &e), 0);
	predict(m, msg, &p);
	if (p.best == 2)
		assert_int_equal(lt_classify_update(m, msg, 1, &e), 0);
	else
		assert_int_equal(lt_classify_update(m, msg, 4, &e), 0);
	{
		int before = p.best;
		predict(m, msg, &p);
		assert_int_not_equal(p.best, before);
	}
	assert_int_equal(lt_classify_update(m, msg, 0, &e), LT_EINVAL);
	lt_classify_pred_free(&p);
	lt_classify_free(m);
}

static void test_update_changes_prediction(void **state)
{
	(void)state;
	check_update(LT_CLASSIFY_NB);
	check_update(LT_CLASSIFY_LR);
}

static void check_roundtrip(int algo)
{
	lt_classifier *m = trained(algo), *m2 = NULL;
	lt_classify_pred a, b;
	lt_buf buf;
	lt_error e;

	lt_classify_pred_init(&a);
	lt_classify_pred_init(&b);
	lt_buf_init(&buf, 64u << 20);
	assert_int_equal(lt_classify_save(m, &buf, &e), 0);
	assert_int_equal(lt_classify_load(buf.ptr, buf.len, &m2, &e), 0);
	assert_int_equal(lt_classify_nfeatures(m2), lt_classify_nfeatures(m));
	for (size_t i = 0; i < N; i++) {
		predict(m, texts[i], &a);
		predict(m2, texts[i], &b);
		assert_int_equal(a.best, b.best);
		for (size_t c = 0; c < 3; c++)
			assert_true(a.p[c] - b.p[c] < 1e-6 && b.p[c] - a.p[c] < 1e-6);
	}
	/* truncated, trailing garbage and foreign buffers are refused */
	lt_classify_free(m2);
	m2 = NULL;
	assert_int_equal(lt_classify_load(buf.ptr, buf.len - 1, &m2, &e), LT_EINVAL);
	assert_null(m2);
	assert_int_equal(lt_buf_add(&buf, "x", 1), 0);
	assert_int_equal(lt_classify_load(buf.ptr, buf.len, &m2, &e), LT_EINVAL);
	assert_int_equal(lt_classify_load("LTCLF", 5, &m2, &e), LT_EINVAL);
	assert_int_equal(lt_classify_load("hello world", 11, &m2, &e), LT_EINVAL);
	lt_buf_free(&buf);
	lt_classify_pred_free(&a);
	lt_classify_pred_free(&b);
	lt_classify_free(m);
}

static void test_save_load(void **state)
{
	(void)state;
	check_roundtrip(LT_CLASSIFY_NB);
	check_roundtrip(LT_CLASSIFY_LR);
}

/* The first-syllable feature: one extra feature, spanning the first
 * syllable, different from that syllable's plain unigram. */
static void test_edge_feature(void **state)
{
	lt_tokens t;
	lt_feats a, b;
	(void)state;
	lt_tokens_init(&t);
	lt_feats_init(&a);
	lt_feats_init(&b);
	assert_int_equal(lt_tokenize("Thầy dạy hay", strlen("Thầy dạy hay"), NULL, &t), 0);
	assert_int_equal(lt_features(&t, LT_FEAT_UNI, &a), 0);
	assert_int_equal(lt_features(&t, LT_FEAT_UNI | LT_FEAT_EDGE, &b), 0);
	assert_int_equal(a.n, 3);
	assert_int_equal(b.n, 4);
	assert_int_equal(b.v[1].off, 0);
	assert_int_equal(b.v[1].len, 4); /* "thay" */
	assert_true(b.v[1].id != a.v[0].id && b.v[1].id != a.v[1].id && b.v[1].id != a.v[2].id);
	lt_tokens_free(&t);
	lt_feats_free(&a);
	lt_feats_free(&b);
}

static void test_scores(void **state)
{
	const int gold[] = { 0, 0, 0, 1, 1, 2 };
	const int pred[] = { 0, 0, 1, 1, 1, 0 };
	lt_classify_scores s;
	(void)state;
	lt_classify_score(gold, pred, 6, 3, &s);
	assert_true(s.accuracy > 0.6666 && s.accuracy < 0.6667);
	/* F1: c0 = 2·2/(4+1+1) = 2/3, c1 = 2·2/(4+1) = 0.8, c2 = 0 */
	assert_true(s.macro_f1 > (2.0 / 3 + 0.8) / 3 - 1e-9 && s.macro_f1 < (2.0 / 3 + 0.8) / 3 + 1e-9);
	assert_true(s.weighted_f1 > (3 * 2.0 / 3 + 2 * 0.8) / 6 - 1e-9 &&
		    s.weighted_f1 < (3 * 2.0 / 3 + 2 * 0.8) / 6 + 1e-9);
}

static void test_bad_options(void **state)
{
	lt_classify_opts o;
	lt_classifier *m = NULL;
	lt_error e;
	(void)state;
	lt_classify_opts_default(&o, LT_CLASSIFY_LR);
	assert_int_equal(lt_classify_new(&o, 1, names, &m, &e), LT_EINVAL);
	o.algo = 7;
	assert_int_equal(lt_classify_new(&o, 3, names, &m, &e), LT_EINVAL);
	assert_null(m);
}

/* UIT-VSFC topics: trained on train, test weighted F1 measured 0.8690 with the
 * LR defaults (squared-hinge SVM, first-syllable feature); floor = that − 0.01. */
#define UIT_FLOOR 0.859

static void test_uit_vsfc_floor(void **state)
{
	const char *root = getenv("LT_SHARED_DATA");
	char dir[1024], sub[1100];
	lt_corpus tr, te;
	lt_classifier *m = NULL;
	lt_classify_opts o;
	lt_classify_scores s;
	struct stat sb;
	lt_error e;
	(void)state;
	snprintf(dir, sizeof(dir), "%s/uit-vsfc", root ? root : "../shared/data");
	if (stat(dir, &sb) || !S_ISDIR(sb.st_mode))
		LT_SKIP_NEEDS_SHARED(dir);
	snprintf(sub, sizeof(sub), "%s/train", dir);
	assert_int_equal(lt_corpus_load(sub, 4, &tr, &e), 0);
	snprintf(sub, sizeof(sub), "%s/test", dir);
	assert_int_equal(lt_corpus_load(sub, 4, &te, &e), 0);
	assert_int_equal(tr.n, 11426);
	assert_int_equal(te.n, 3166);
	lt_classify_opts_default(&o, LT_CLASSIFY_LR);
	assert_int_equal(lt_corpus_train(&tr, 4, &o, &m, &e), 0);
	assert_int_equal(lt_corpus_eval(m, &te, NULL, &s), 0);
	print_message("UIT-VSFC test: accuracy %.4f macro-F1 %.4f weighted-F1 %.4f\n",
		      s.accuracy, s.macro_f1, s.weighted_f1);
	assert_true(s.weighted_f1 >= UIT_FLOOR);
	lt_classify_free(m);
	lt_corpus_free(&tr);
	lt_corpus_free(&te);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nb_known),
		cmocka_unit_test(test_lr_known),
		cmocka_unit_test(test_losses),
		cmocka_unit_test(test_update_changes_prediction),
		cmocka_unit_test(test_save_load),
		cmocka_unit_test(test_edge_feature),
		cmocka_unit_test(test_scores),
		cmocka_unit_test(test_bad_options),
		cmocka_unit_test(test_uit_vsfc_floor),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
