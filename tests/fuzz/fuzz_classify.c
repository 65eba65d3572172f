/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* libFuzzer target for the feedback classifier's input (src/text/classify_svm.c,
 * classify_svm_io.c, classify_fb.c): any bytes as a message to classify (with
 * the "why" and the urgency reasons), as a cadre's correction, or as a saved
 * model to load. The first byte picks which. A small model is trained once. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "text/classify_fb.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const lt_fbc_msg msgs[] = {
	{ "1", "công ty nợ lương hai tháng chưa trả", 2, 1u << 2, 1, "" },
	{ "2", "thưởng tết năm nay bao nhiêu", 3, 1u << 3, 0, "" },
	{ "3", "tai nạn ở máy dập, hai người bị thương", 5, 1u << 5, 1, "" },
	{ "4", "phòng trọ chật và nóng", 0, 1u << 0, 0, "" },
	{ "5", "rút bảo hiểm xã hội một lần", 4, (1u << 4) | (1u << 1), 0, "" },
	{ "6", "công ty cho nghỉ việc không báo trước", 1, 1u << 1, 1, "" },
	{ "7", "tổ trưởng quấy rối chị em", 6, 1u << 6, 1, "" },
};

static lt_fbm *model(void)
{
	static lt_fbm *m;
	lt_svm_opts o;

	if (!m) {
		lt_svm_opts_default(&o);
		o.max_bytes = 512; /* so that long inputs are cut too */
		if (lt_fbm_train(&o, msgs, sizeof(msgs) / sizeof(msgs[0]), &m, NULL) ||
		    lt_fbm_calibrate(m, msgs, sizeof(msgs) / sizeof(msgs[0]), NULL))
			__builtin_trap();
	}
	return m;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data + 1;
	size_t n = size ? size - 1 : 0;
	lt_svm_pred p;
	lt_fbm_result r;
	lt_fbm *m = model(), *l = NULL;
	lt_buf b;

	if (!size)
		return 0;
	lt_svm_pred_init(&p);
	switch (data[0] % 3) {
	case 0:
		if (lt_fbm_predict(m, s, n, 1, &p, &r))
			break;
		/* invariants: the main topic is among the topics; no word → khac */
		if (!(r.topics & (1u << r.main)) || (r.no_words && r.main != LT_TOPIC_KHAC) ||
		    strlen(r.urgency_why) >= sizeof(r.urgency_why) || r.nwhy > LT_FBM_WHY)
			__builtin_trap();
		for (size_t i = 1; i < r.nwhy; i++)
			if (r.why[i - 1].weight < r.why[i].weight)
				__builtin_trap();
		break;
	case 1: {
		/* a correction on a copy, which must still save and load */
		lt_buf_init(&b, 1u << 26);
		if (!lt_fbm_save(m, &b, NULL) && !lt_fbm_load(b.ptr, b.len, &l, NULL) &&
		    !lt_fbm_update(l, s, n, (1u << (data[0] % 7)) | 1u, NULL)) {
			b.len = 0;
			if (lt_fbm_save(l, &b, NULL))
				__builtin_trap();
		}
		lt_fbm_free(l);
		lt_buf_free(&b);
		break;
	}
	default:
		if (!lt_fbm_load(s, n, &l, NULL) && lt_fbm_predict(l, "nợ lương", 10, 1, &p, &r))
			__builtin_trap();
		lt_fbm_free(l);
		break;
	}
	lt_svm_pred_free(&p);
	return 0;
}
