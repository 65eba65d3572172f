/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * topics.h — editable keyword rules that tag workers' feedback messages with
 * topics (đời sống, việc làm, tiền lương, thưởng Tết, BHXH & phúc lợi, an toàn
 * lao động, khác), say which rule matched ("why"), and show an officer at
 * once which messages a new rule would change.
 *
 * Rule text, one rule a line ('#' starts a comment line):
 *     TOPIC | PATTERN [| WEIGHT]
 * (a TAB works as well as '|'). PATTERN is a phrase, matched as consecutive
 * folded syllables ("chưa trả lương" also matches "chua tra luong" and
 * "ch tra lg"; but a syllable written with diacritics on both sides must
 * agree: "bỏng" matches "bong", not "bóng"), or several phrases joined by
 * '+' that must all occur anywhere in the message ("thưởng + tết"). WEIGHT (default 1, non-zero,
 * -100..100) adds to the topic's score; a topic is assigned when its score
 * reaches 1, so a negative weight can veto and two 0.5 rules must agree.
 * The same engine, with other labels, drives urgency (urgency.h).
 */
#ifndef LT_TOPICS_H
#define LT_TOPICS_H

#include <stddef.h>
#include <stdint.h>

#include "core/error.h"
#include "text/tokens.h"

enum lt_topic {
	LT_TOPIC_DOI_SONG = 0, /* đời sống: living conditions, housing, transport */
	LT_TOPIC_VIEC_LAM,     /* việc làm: jobs, contracts, layoffs */
	LT_TOPIC_TIEN_LUONG,   /* tiền lương: wages, arrears, overtime pay */
	LT_TOPIC_THUONG_TET,   /* thưởng Tết */
	LT_TOPIC_BHXH_PHUC_LOI, /* BHXH & phúc lợi: insurance, welfare */
	LT_TOPIC_AN_TOAN,      /* an toàn lao động */
	LT_TOPIC_KHAC,         /* khác: nothing else matched */
	LT_TOPIC_COUNT
};

#define LT_TOPICS_MAX_LABELS 32

/* Code ("tien_luong"), Vietnamese and English names of topic t; static. */
const char *lt_topic_code(int t);
const char *lt_topic_name_vi(int t);
const char *lt_topic_name_en(int t);
/* Topic of code (n bytes), or -1. */
int lt_topic_from_code(const char *code, size_t n);
/* The LT_TOPIC_COUNT codes in enum order; static. */
const char *const *lt_topic_codes(void);

typedef struct lt_topic_rule {
	int label;        /* index into the rule set's labels */
	double weight;
	uint64_t *tok;    /* syllable hashes of all parts, owned */
	uint64_t *tokx;   /* their hashes with diacritics (lt_tok.hx), owned */
	uint64_t first;   /* tok[0], kept here for the quick check */
	uint32_t *part;   /* syllables in each part, owned */
	size_t ntok, nparts;
	char *text;       /* the pattern as written, owned */
	size_t line;      /* line in the parsed text (0 when added directly) */
} lt_topic_rule;

typedef struct lt_topic_rules {
	lt_topic_rule *v;
	size_t n, cap;
	const char *const *labels; /* borrowed, usually static */
	size_t nlabels;
	int fallback;              /* label given when nothing matched, or -1 */
	const lt_abbrev *ab;       /* borrowed */
	/* the rules by their first syllable (topics.c), rebuilt as rules are added */
	uint32_t *by_first, *next_same;
	size_t by_mask;
} lt_topic_rules;

/* A rule that matched a message. */
typedef struct lt_topic_match {
	size_t rule;  /* index in lt_topic_rules.v */
	int label;
} lt_topic_match;

/* A message whose labels a new rule changes. */
typedef struct lt_topic_change {
	size_t index;     /* in the message list */
	uint32_t before, after; /* label masks */
} lt_topic_change;

/*
 * Empty rule set over labels[0..nlabels-1] (borrowed; ≤ LT_TOPICS_MAX_LABELS)
 * with fallback label (or -1) and abbreviation table ab (borrowed, may be NULL).
 */
void lt_topics_init(lt_topic_rules *r, const char *const *labels, size_t nlabels,
		    int fallback, const lt_abbrev *ab);
/* Empty rule set over the seven topics, fallback khac, default abbreviations. */
void lt_topics_init_default(lt_topic_rules *r);
void lt_topics_free(lt_topic_rules *r);

/*
 * Parse rule text (format above, n bytes at s, borrowed) and append its rules
 * to r. All or nothing: on LT_EINVAL (e names the line and why) r is unchanged.
 */
LT_MUST_CHECK int lt_topics_parse(lt_topic_rules *r, const char *s, size_t n, lt_error *e);

/* Append one rule for label code with pattern (format above) and weight. */
LT_MUST_CHECK int lt_topics_add(lt_topic_rules *r, const char *code, const char *pattern,
		  double weight, lt_error *e);

/* The built-in Vietnamese topic rules as text (to show and edit); static. */
const char *lt_topics_default_text(void);

/*
 * Apply r to the tokens t (from lt_tokenize with r->ab). Returns the label
 * mask (fallback when no label reached 1). The first max matched rules go to
 * m (may be NULL), their number to *nm (may be NULL).
 */
uint32_t lt_topics_apply(const lt_topic_rules *r, const lt_tokens *t,
			 lt_topic_match *m, size_t max, size_t *nm);

/* Same on the n bytes at text; tok is scratch (lt_tokens_init'ed). */
LT_MUST_CHECK int lt_topics_apply_text(const lt_topic_rules *r, const char *text, size_t n,
			 lt_tokens *tok, uint32_t *labels, lt_topic_match *m,
			 size_t max, size_t *nm);

/*
 * Which of the n messages msgs[] would change labels if the rules in
 * rule_text (one or more lines, format above) were added to r? r itself is
 * not changed. OUT *out: owned array of *nout changes (free()), in message
 * order; NULL when none.
 */
LT_MUST_CHECK int lt_topics_diff(const lt_topic_rules *r, const char *rule_text,
		   const char *const *msgs, size_t n, lt_topic_change **out,
		   size_t *nout, lt_error *e);

#endif
