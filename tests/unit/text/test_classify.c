/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* Tests for src/text/classify.c (and corpus.c): training, prediction with
 * "why", incremental update, save/load, scores, and the UIT-VSFC floor;
 * the SVM and the feedback model (classify_svm.c, classify_fb.c): determinism,
 * save/load, explanations, updates, bad input, and the workers' corpus floor. */
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
#include "text/classify_fb.h"
#include "text/classify_svm.h"
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

/* ---------- the SVM and the feedback model ---------- */

static const lt_fbc_msg fb_msgs[] = {
	{ "1", "công ty nợ lương hai tháng chưa trả", LT_TOPIC_TIEN_LUONG, 1u << 2, 1, "nợ lương" },
	{ "2", "chậm trả lương tháng này", LT_TOPIC_TIEN_LUONG, 1u << 2, 1, "chậm lương" },
	{ "3", "lương thấp quá không đủ sống", LT_TOPIC_TIEN_LUONG, 1u << 2, 0, "" },
	{ "4", "thưởng tết năm nay bao nhiêu", LT_TOPIC_THUONG_TET, 1u << 3, 0, "" },
	{ "5", "công ty cắt thưởng tết rồi", LT_TOPIC_THUONG_TET, 1u << 3, 1, "cắt thưởng" },
	{ "6", "quà tết cho công nhân", LT_TOPIC_THUONG_TET, 1u << 3, 0, "" },
	{ "7", "tai nạn ở máy dập, hai người bị thương", LT_TOPIC_AN_TOAN, 1u << 5, 1, "tai nạn" },
	{ "8", "xưởng nóng thiếu bảo hộ", LT_TOPIC_AN_TOAN, 1u << 5, 0, "" },
	{ "9", "phòng trọ chật và nóng", LT_TOPIC_DOI_SONG, 1u << 0, 0, "" },
	{ "10", "tiền điện nhà trọ tăng", LT_TOPIC_DOI_SONG, 1u << 0, 0, "" },
	{ "11", "rút bảo hiểm xã hội một lần", LT_TOPIC_BHXH_PHUC_LOI, 1u << 4, 0, "" },
	{ "12", "chốt sổ bảo hiểm khi nghỉ việc", LT_TOPIC_BHXH_PHUC_LOI, (1u << 4) | (1u << 1), 0,
	  "" },
	{ "13", "công ty cho nghỉ việc không báo trước", LT_TOPIC_VIEC_LAM, 1u << 1, 1, "mất việc" },
	{ "14", "hợp đồng thử việc hai tháng", LT_TOPIC_VIEC_LAM, 1u << 1, 0, "" },
	{ "15", "tổ trưởng quấy rối chị em", LT_TOPIC_KHAC, 1u << 6, 1, "quấy rối" },
};
#define NFB (sizeof(fb_msgs) / sizeof(fb_msgs[0]))

static lt_fbm *fb_trained(lt_buf *saved)
{
	lt_svm_opts o;
	lt_fbm *m = NULL;
	lt_error e;

	lt_svm_opts_default(&o);
	assert_int_equal(lt_fbm_train(&o, fb_msgs, NFB, &m, &e), 0);
	assert_int_equal(lt_fbm_calibrate(m, fb_msgs, NFB, NULL), 0);
	if (saved)
		assert_int_equal(lt_fbm_save(m, saved, &e), 0);
	return m;
}

static void test_fbm_deterministic_and_reloads(void **state)
{
	lt_buf a, b, c;
	lt_fbm *m1, *m2, *m3 = NULL;
	lt_svm_pred p;
	lt_fbm_result r1, r2;
	lt_error e;
	(void)state;
	lt_buf_init(&a, 1u << 26);
	lt_buf_init(&b, 1u << 26);
	lt_buf_init(&c, 1u << 26);
	m1 = fb_trained(&a);
	m2 = fb_trained(&b);
	/* the same messages and options give the same bytes */
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.ptr, b.ptr, a.len);
	assert_int_equal(lt_fbm_load(a.ptr, a.len, &m3, &e), 0);
	assert_int_equal(lt_fbm_save(m3, &c, &e), 0);
	assert_memory_equal(a.ptr, c.ptr, a.len);
	/* the loaded model predicts exactly as the trained one */
	lt_svm_pred_init(&p);
	for (size_t i = 0; i < NFB; i++) {
		assert_int_equal(lt_fbm_predict(m1, fb_msgs[i].text, strlen(fb_msgs[i].text), 1, &p,
						&r1),
				 0);
		assert_int_equal(lt_fbm_predict(m3, fb_msgs[i].text, strlen(fb_msgs[i].text), 1, &p,
						&r2),
				 0);
		assert_int_equal(r1.main, fb_msgs[i].topic); /* it fits its training set */
		assert_int_equal(r1.main, r2.main);
		assert_int_equal(r1.topics, r2.topics);
		assert_true(r1.score[r1.main] == r2.score[r2.main]);
		assert_int_equal(r1.urgent, fb_msgs[i].urgent);
	}
	/* truncated or foreign bytes are refused */
	lt_fbm_free(m3);
	assert_int_equal(lt_fbm_load(a.ptr, a.len - 1, &m3, &e), LT_EINVAL);
	assert_null(m3);
	assert_int_equal(lt_fbm_load("LTCLF\x02" "abc", 9, &m3, &e), LT_EINVAL);
	lt_svm_pred_free(&p);
	lt_fbm_free(m1);
	lt_fbm_free(m2);
	lt_buf_free(&a);
	lt_buf_free(&b);
	lt_buf_free(&c);
}

/* A message with a secondary topic is a weak negative of it (lt_svm_opts.weak_cost):
 * the cheaper such a negative, the higher that topic scores on it; a cost
 * outside (0, 1] is refused. */
static void test_fbm_secondary_is_a_weak_negative(void **state)
{
	const lt_fbc_msg *sec = &fb_msgs[11]; /* bhxh, with viec_lam as a secondary */
	double z[2];
	lt_svm_pred p;
	lt_fbm_result r;
	lt_error e;
	(void)state;
	assert_int_equal(sec->topics, (1u << LT_TOPIC_BHXH_PHUC_LOI) | (1u << LT_TOPIC_VIEC_LAM));
	lt_svm_pred_init(&p);
	for (int k = 0; k < 2; k++) {
		lt_svm_opts o;
		lt_fbm *m = NULL;
		lt_svm_opts_default(&o);
		o.weak_cost = k ? 0.05 : 1;
		assert_int_equal(lt_fbm_train(&o, fb_msgs, NFB, &m, &e), 0);
		assert_int_equal(lt_fbm_predict(m, sec->text, strlen(sec->text), 0, &p, &r), 0);
		assert_int_equal(r.main, LT_TOPIC_BHXH_PHUC_LOI);
		z[k] = r.score[LT_TOPIC_VIEC_LAM];
		lt_fbm_free(m);
	}
	assert_true(z[1] > z[0] + 0.01);
	for (int k = 0; k < 2; k++) {
		lt_svm_opts o;
		lt_fbm *m = NULL;
		lt_svm_opts_default(&o);
		o.weak_cost = k ? 1.5 : 0;
		assert_int_equal(lt_fbm_train(&o, fb_msgs, NFB, &m, &e), LT_EINVAL);
		assert_null(m);
		assert_string_equal(e.field, "weak_cost");
	}
	lt_svm_pred_free(&p);
}

static void test_fbm_why_reasons_and_bad_input(void **state)
{
	lt_fbm *m = fb_trained(NULL);
	lt_svm_pred p;
	lt_fbm_result r;
	char big[9000];
	(void)state;
	lt_svm_pred_init(&p);
	/* without diacritics, with chat spellings */
	assert_int_equal(lt_fbm_predict(m, "cty no luong hai thang chua tra", 31, 1, &p, &r), 0);
	assert_int_equal(r.main, LT_TOPIC_TIEN_LUONG);
	assert_true(r.nwhy >= 1);
	for (size_t i = 1; i < r.nwhy; i++) {
		assert_true(r.why[i - 1].weight >= r.why[i].weight);
		assert_true(strcmp(r.why[i - 1].term, r.why[i].term)); /* each term once */
	}
	/* urgency says why: the urgency keywords found, then the terms */
	assert_int_equal(lt_fbm_predict(m, fb_msgs[0].text, strlen(fb_msgs[0].text), 1, &p, &r), 0);
	assert_true(r.urgent);
	assert_non_null(strstr(r.urgency_why, "nợ lương"));
	assert_true(r.reasons & 1u); /* LT_URG_NO_LUONG */
	/* nothing to go by */
	assert_int_equal(lt_fbm_predict(m, "😀 0912345678 !!", strlen("😀 0912345678 !!"), 1, &p,
					&r),
			 0);
	assert_true(r.no_words);
	assert_int_equal(r.topics, 1u << LT_TOPIC_KHAC);
	assert_false(r.urgent);
	assert_int_equal(lt_fbm_predict(m, "", 0, 1, &p, &r), 0);
	assert_true(r.no_words);
	/* a long message is cut (not mid-character) and still classified */
	for (size_t i = 0; i + 16 < sizeof(big); i += 15)
		memcpy(big + i, "tiền điện trọ ", 15);
	assert_int_equal(lt_fbm_predict(m, big, sizeof(big) - 20, 0, &p, &r), 0);
	assert_true(r.cut > 0);
	assert_int_equal(r.main, LT_TOPIC_DOI_SONG);
	lt_svm_pred_free(&p);
	lt_fbm_free(m);
}

static void test_fbm_update_learns_a_new_word(void **state)
{
	lt_fbm *m = fb_trained(NULL);
	lt_svm_pred p;
	lt_fbm_result r;
	lt_error e;
	(void)state;
	lt_svm_pred_init(&p);
	assert_int_equal(lt_fbm_update(m, "karaoke ồn cả đêm", 19, 0, &e), LT_EINVAL);
	assert_int_equal(lt_fbm_update(m, "karaoke ồn cả đêm", strlen("karaoke ồn cả đêm"),
				       1u << LT_TOPIC_DOI_SONG, &e),
			 0);
	assert_int_equal(lt_fbm_predict(m, "karaoke", 7, 1, &p, &r), 0);
	assert_int_equal(r.main, LT_TOPIC_DOI_SONG);
	assert_string_equal(r.why[0].term, "karaoke");
	assert_int_equal(lt_svm_updates(lt_fbm_svm(m)), 1);
	lt_svm_pred_free(&p);
	lt_fbm_free(m);
}

static void test_fbc_load_names_the_line(void **state)
{
	char path[] = "/tmp/lt-fbc-XXXXXX";
	int fd = mkstemp(path);
	FILE *f = fdopen(fd, "w");
	lt_fbc c = { 0 };
	lt_error e;
	(void)state;
	fputs("{\"id\":\"a\",\"text\":\"nợ lương\",\"topic\":\"tien_luong\",\"secondary\":"
	      "[\"viec_lam\"],\"urgent\":true,\"urgency_reason\":\"nợ\"}\n\n"
	      "{\"text\":\"x\",\"topic\":\"luong\",\"urgent\":false}\n",
	      f);
	fclose(f);
	assert_int_equal(lt_fbc_load(path, &c, &e), LT_EINVAL);
	assert_non_null(strstr(e.en, "line 3"));
	assert_non_null(strstr(e.en, "topic"));
	assert_int_equal(c.n, 1);
	assert_int_equal(c.v[0].topic, LT_TOPIC_TIEN_LUONG);
	assert_int_equal(c.v[0].topics, (1u << LT_TOPIC_TIEN_LUONG) | (1u << LT_TOPIC_VIEC_LAM));
	assert_true(c.v[0].urgent);
	lt_fbc_free(&c);
	remove(path);
	assert_int_equal(lt_fbc_load(path, &c, &e), LT_EIO);
}

/* The workers' corpus (data/feedback): trained on train, calibrated and scored
 * on dev, as `make model` does. Measured on the 303-message dev of 2026-12-06:
 * top-1 0.802, macro-F1 0.812, urgency P 0.807 R 0.814 (the 277-message dev
 * before it gave 0.823 / 0.827 / 0.840 / 0.798); floors a little below, so that
 * a change that loses ground fails. */
static void test_feedback_corpus_floor(void **state)
{
	const char *dir = getenv("LT_FEEDBACK_CORPUS");
	char path[1100];
	lt_fbc tr = { 0 }, dv = { 0 };
	lt_svm_opts o;
	lt_fbm *m = NULL;
	lt_fbm_scores s;
	lt_error e;
	(void)state;
	if (!dir)
		dir = "data/feedback"; /* from the repository's root */
	snprintf(path, sizeof(path), "%s/train.jsonl", dir);
	assert_int_equal(lt_fbc_load(path, &tr, &e), 0);
	snprintf(path, sizeof(path), "%s/dev.jsonl", dir);
	assert_int_equal(lt_fbc_load(path, &dv, &e), 0);
	lt_svm_opts_default(&o);
	assert_int_equal(lt_fbm_train(&o, tr.v, tr.n, &m, &e), 0);
	assert_int_equal(lt_fbm_calibrate(m, dv.v, dv.n, NULL), 0);
	assert_int_equal(lt_fbm_eval(m, dv.v, dv.n, &s), 0);
	print_message("feedback dev: top-1 %.4f macro-F1 %.4f urgency P %.3f R %.3f\n", s.top1,
		      s.macro_f1, s.urgent_precision, s.urgent_recall);
	assert_true(s.top1 >= 0.79);
	assert_true(s.macro_f1 >= 0.80);
	assert_true(s.urgent_precision >= 0.78 && s.urgent_recall >= 0.78);
	lt_fbm_free(m);
	lt_fbc_free(&tr);
	lt_fbc_free(&dv);
}

/* lt_fbm_train_cv: deterministic, out-of-fold margins differ from the final
 * model's own, a site is never split (its messages are all scored by the same
 * fold model: equal sites, equal texts, equal margins), bad fold counts refused. */
static void test_fbm_train_cv(void **state)
{
	lt_fbc_msg v[NFB + 1];
	double oof[(NFB + 1) * LT_FBM_NOUT], z[(NFB + 1) * LT_FBM_NOUT];
	lt_buf a, b;
	lt_svm_opts o;
	lt_fbm *m = NULL, *m2 = NULL;
	lt_fbm_calib cal;
	lt_error e;
	int differ = 0;
	(void)state;
	memcpy(v, fb_msgs, sizeof(fb_msgs));
	for (size_t i = 0; i < NFB; i++)
		v[i].site = (char *)(i % 2 ? "a.vn" : i % 3 ? "b.vn" : "c.vn");
	v[NFB] = v[0]; /* the same text on the same site */
	lt_svm_opts_default(&o);
	lt_buf_init(&a, 1u << 26);
	lt_buf_init(&b, 1u << 26);
	assert_int_equal(lt_fbm_train_cv(&o, v, NFB + 1, 3, &m, oof, &cal, &e), 0);
	assert_int_equal(lt_fbm_train_cv(&o, v, NFB + 1, 3, &m2, NULL, NULL, &e), 0);
	assert_int_equal(lt_fbm_save(m, &a, &e), 0);
	assert_int_equal(lt_fbm_save(m2, &b, &e), 0);
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.ptr, b.ptr, a.len);
	assert_int_equal(lt_fbm_margins(m, v, NFB + 1, z), 0);
	for (size_t k = 0; k < LT_FBM_NOUT; k++) {
		assert_true(oof[k] == oof[NFB * LT_FBM_NOUT + k]);
		differ |= oof[k] != z[k];
	}
	assert_true(differ);
	lt_fbm_free(m2);
	m2 = NULL;
	assert_int_equal(lt_fbm_train_cv(&o, v, NFB + 1, 1, &m2, NULL, NULL, &e), LT_EINVAL);
	assert_null(m2);
	lt_fbm_free(m);
	lt_buf_free(&a);
	lt_buf_free(&b);
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
		cmocka_unit_test(test_fbm_deterministic_and_reloads),
		cmocka_unit_test(test_fbm_why_reasons_and_bad_input),
		cmocka_unit_test(test_fbm_secondary_is_a_weak_negative),
		cmocka_unit_test(test_fbm_update_learns_a_new_word),
		cmocka_unit_test(test_fbc_load_names_the_line),
		cmocka_unit_test(test_feedback_corpus_floor),
		cmocka_unit_test(test_fbm_train_cv),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
