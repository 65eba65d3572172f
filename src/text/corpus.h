/*
 * corpus.h — read a labelled text corpus split from disk: DIR/sents.txt (one
 * message a line) and DIR/topics.txt (the class number of the same line), as
 * in UIT-VSFC. The one place in src/text that does file I/O.
 */
#ifndef LT_CORPUS_H
#define LT_CORPUS_H

#include <stddef.h>

#include "core/error.h"

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
int lt_corpus_load(const char *dir, int maxclass, lt_corpus *c, lt_error *e);
void lt_corpus_free(lt_corpus *c);

#endif
