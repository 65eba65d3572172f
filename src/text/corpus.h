/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * corpus.h — read a labelled text corpus split from disk, in one of two
 * layouts, the one place in src/text that does file I/O:
 *   - DIR/sents.txt (one message a line) and DIR/topics.txt (the class number
 *     of the same line), as in UIT-VSFC (lt_corpus_load);
 *   - one JSON object a line, as data/feedback/train.jsonl: text, topic (a code
 *     of topics.h), secondary (codes), urgent, urgency_reason (lt_fbc_load).
 */
#ifndef LT_CORPUS_H
#define LT_CORPUS_H

#include <stddef.h>
#include <stdint.h>

#include "core/error.h"
#include "text/classify.h"

typedef struct lt_corpus {
	char **texts;  /* n NUL-terminated lines, pointing into blob */
	int *gold;     /* n class numbers */
	size_t n;
	char *blob;    /* owned */
} lt_corpus;

/*
 * Load DIR/sents.txt and DIR/topics.txt into c (zeroed first). A missing
 * final newline is fine. Errors name the file and line, in Vietnamese and
 * English: missing file (LT_EIO), invalid UTF-8, label not in 0..maxclass-1
 * (LT_EINVAL), different line counts (LT_EINVAL). Free with lt_corpus_free.
 */
LT_MUST_CHECK int lt_corpus_load(const char *dir, int maxclass, lt_corpus *c, lt_error *e);
void lt_corpus_free(lt_corpus *c);

/*
 * Train a new model with options o on c (one label per line; classes named
 * "0".."nclass-1"). OUT *out owned (lt_classify_free).
 */
LT_MUST_CHECK int lt_corpus_train(const lt_corpus *c, size_t nclass, const lt_classify_opts *o,
		    lt_classifier **out, lt_error *e);

/*
 * Predict every line of c with m into scores s; pred (may be NULL, c->n
 * entries) gets the predicted classes. Returns 0 or LT_ENOMEM.
 */
LT_MUST_CHECK int lt_corpus_eval(const lt_classifier *m, const lt_corpus *c, int *pred,
		   lt_classify_scores *s);

/* One labelled worker's message of a JSONL split. */
typedef struct lt_fbc_msg {
	char *id;        /* "lf-0001" or "" */
	char *text;      /* NUL-terminated UTF-8 */
	int topic;       /* main topic (enum lt_topic) */
	uint32_t topics; /* main and secondary topics, bit t for topic t */
	int urgent;      /* 0 or 1 */
	char *reason;    /* urgency_reason, or "" */
	char *site;      /* the publisher (cross-validation folds never split one), or "" */
} lt_fbc_msg;

typedef struct lt_fbc {
	lt_fbc_msg *v;
	size_t n, cap;
} lt_fbc;

/*
 * Append the messages of the JSONL file path to c (lt_fbc c = {0} first;
 * loading several files adds them up). Each line needs "text" (a non-empty
 * string), "topic" (a topic code) and "urgent" (a boolean); "secondary" (an
 * array of codes), "id", "urgency_reason" and "site" are optional; blank lines are
 * skipped. Errors name the file and line, in Vietnamese and English: missing
 * file (LT_EIO), bad JSON, invalid UTF-8 or a bad field (LT_EINVAL; c keeps
 * the lines before). Free with lt_fbc_free.
 */
LT_MUST_CHECK int lt_fbc_load(const char *path, lt_fbc *c, lt_error *e);
void lt_fbc_free(lt_fbc *c);

#endif
