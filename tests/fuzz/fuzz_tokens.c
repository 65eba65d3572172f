/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* libFuzzer target for the Vietnamese tokenizer (src/text/tokens.c) and the
 * two editable tables parsed with it (abbrev.c, topics.c). The first byte
 * picks what the rest of the input is fed to. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "text/abbrev.h"
#include "text/tokens.h"
#include "text/topics.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data + 1;
	size_t n = size ? size - 1 : 0;
	lt_tokens t;
	lt_feats f;

	if (!size)
		return 0;
	lt_tokens_init(&t);
	lt_feats_init(&f);
	switch (data[0] % 3) {
	case 0:
		if (!lt_tokenize(s, n, lt_abbrev_default(), &t)) {
			/* invariants: text is the tokens joined by one space */
			size_t len = 0;
			for (size_t i = 0; i < t.n; i++) {
				if (t.v[i].len == 0 || t.v[i].off != len + (i ? 1 : 0))
					__builtin_trap();
				len = t.v[i].off + t.v[i].len;
			}
			if (len != t.text_len || strlen(t.text) != t.text_len)
				__builtin_trap();
			lt_features(&t, 63, &f);
			for (size_t i = 0; i < f.n; i++)
				if (f.v[i].off + f.v[i].len > t.text_len)
					__builtin_trap();
		}
		break;
	case 1: {
		lt_abbrev *a = NULL;
		if (!lt_abbrev_parse(s, n, &a, NULL)) {
			lt_tokenize(s, n, a, &t);
			lt_abbrev_free(a);
		}
		break;
	}
	default: {
		lt_topic_rules r;
		uint32_t mask;
		lt_topics_init_default(&r);
		if (!lt_topics_parse(&r, s, n, NULL))
			lt_topics_apply_text(&r, s, n, &t, &mask, NULL, 0, NULL);
		lt_topics_free(&r);
		break;
	}
	}
	lt_tokens_free(&t);
	lt_feats_free(&f);
	return 0;
}
