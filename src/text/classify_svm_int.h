/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * classify_svm_int.h — the inside of lt_svm, shared by classify_svm.c
 * (features, training, prediction) and classify_svm_io.c (save/load).
 * Not for other modules.
 */
#ifndef LT_CLASSIFY_SVM_INT_H
#define LT_CLASSIFY_SVM_INT_H

#include "text/classify_svm.h"

typedef struct lt_svm_slot {
	uint64_t key;
	uint32_t row;
} lt_svm_slot;

struct lt_svm {
	lt_svm_opts o;
	size_t K;
	char names[LT_SVM_MAX_OUT][LT_CLASSIFY_NAME_MAX];
	/* lexicons: their text and labels are owned copies; rules parsed from them */
	size_t nlex;
	char *lex_text[LT_SVM_MAX_LEX];
	char lex_lab[LT_SVM_MAX_LEX][LT_TOPICS_MAX_LABELS][LT_CLASSIFY_NAME_MAX];
	const char *lex_labp[LT_SVM_MAX_LEX][LT_TOPICS_MAX_LABELS];
	lt_topic_rules lex[LT_SVM_MAX_LEX];
	/* every lexicon's rules in one set, matched in one pass: label
	 * lab_off[j] + l is label l of lexicon j, rule rule_off[j] + i its rule i */
	lt_topic_rules all;
	char all_lab[LT_TOPICS_MAX_LABELS][LT_CLASSIFY_NAME_MAX];
	const char *all_labp[LT_TOPICS_MAX_LABELS];
	size_t lab_off[LT_SVM_MAX_LEX + 1], rule_off[LT_SVM_MAX_LEX + 1];
	/* feature table: id → row; a slot and a row are one cache line each,
	 * so that a feature costs two memory reads */
	lt_svm_slot *slots; /* key 0 = empty */
	size_t mask;      /* slots - 1 */
	size_t nrows, cap;
	float *w;         /* nrows × (K + 1): the idf, then the K weights */
	double bias[LT_SVM_MAX_OUT];
	double ndocs;     /* training messages (for the IDF of new features) */
	uint64_t updates;
};

/* The idf of row r, and its K weights. */
#define LT_SVM_IDF(m, r) ((m)->w[(size_t)(r) * ((m)->K + 1)])
#define LT_SVM_W(m, r) ((m)->w + (size_t)(r) * ((m)->K + 1) + 1)

/* Empty model with options, outputs and lexicons (parsed). */
LT_MUST_CHECK int lt_svm_new(const lt_svm_opts *o, size_t K, const char *const *names,
			     const lt_svm_lexicon *lex, size_t nlex, lt_svm **out, lt_error *e);
/* Row of feature id, or -1. */
long lt_svm_find(const lt_svm *m, uint64_t id);
/* Row of feature id, created (weights 0, idf given) when absent; < 0 when out of memory. */
long lt_svm_row(lt_svm *m, uint64_t id, float idf);

#endif
