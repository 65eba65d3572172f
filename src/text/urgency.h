/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * urgency.h — flag a worker's feedback message as urgent ("khẩn") with the
 * reason: wage arrears, unpaid Tết bonus, mass layoffs, accidents, collective
 * action. Uses the keyword-rule engine of topics.h over folded syllables, so
 * "nợ lương" and "no luong", "đình công" and "dinh cong" are the same.
 * The built-in rules are editable text in the topics.h format with the
 * reason codes below as topics. No I/O.
 */
#ifndef LT_URGENCY_H
#define LT_URGENCY_H

#include <stddef.h>
#include <stdint.h>

#include "core/error.h"
#include "text/topics.h"

enum lt_urgency_reason {
	LT_URG_NO_LUONG = 0, /* wage arrears: nợ lương, chậm lương, chưa trả lương */
	LT_URG_THUONG_TET,   /* Tết bonus unpaid: chưa thưởng Tết, không có thưởng */
	LT_URG_CAT_GIAM,     /* job loss: sa thải, ép nghỉ, cắt giảm, đóng cửa */
	LT_URG_TAI_NAN,      /* accidents: tai nạn, bị thương, chết */
	LT_URG_DINH_CONG,    /* collective action: đình công, ngừng việc, lãn công */
	LT_URG_NGUY_HIEM,    /* a present danger or threat: khí độc, nắng nóng, đe dọa */
	LT_URG_HAN_GAN,      /* a near deadline: tuần sau, sắp, giữ sổ */
	LT_URG_COUNT
};

typedef struct lt_urgency {
	int urgent;        /* 1 when any reason matched */
	uint32_t reasons;  /* bit r set for each lt_urgency_reason r */
	/* "nợ lương (chậm lương); đình công (dinh cong)": each reason and the
	 * rule pattern that matched it, in Vietnamese; truncated to fit */
	char why[256];
} lt_urgency;

/* Code ("no_luong"), Vietnamese and English label of reason r; static. */
const char *lt_urgency_code(int r);
const char *lt_urgency_name_vi(int r);
const char *lt_urgency_name_en(int r);

/* The built-in urgency rules as text (to show and edit); static. */
const char *lt_urgency_default_text(void);

/* Initialise r empty over the urgency reasons (no fallback), default abbreviations. */
void lt_urgency_rules_init(lt_topic_rules *r);

/*
 * Check the n bytes at text. rules: from lt_urgency_rules_init + parse, or
 * NULL for the built-in ones. tok: scratch (lt_tokens_init'ed). Fills out.
 * Returns 0 or LT_ENOMEM.
 */
LT_MUST_CHECK int lt_urgency_check(const lt_topic_rules *rules, const char *text, size_t n,
		     lt_tokens *tok, lt_urgency *out);

#endif
