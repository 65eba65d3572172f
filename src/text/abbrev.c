/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* abbrev.c — see abbrev.h. Keys are stored by their syllable hash so that
 * the tokenizer looks them up with the hash it computes anyway. */
#include "text/abbrev.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "text/tokens.h"

struct lt_abbrev {
	uint64_t *keys; /* 0 = empty slot */
	char **exp;     /* owned, NUL-terminated */
	size_t *len;
	size_t mask;    /* slots - 1 */
	size_t count;
};

static const char default_text[] =
	"# viết tắt\tnghĩa\n"
	"ko\tkhông\n"
	"k\tkhông\n"
	"kh\tkhông\n"
	"khg\tkhông\n"
	"hok\tkhông\n"
	"hem\tkhông\n"
	"dc\tđược\n"
	"đc\tđược\n"
	"dk\tđược\n"
	"đk\tđược\n"
	"bhxh\tbảo hiểm xã hội\n"
	"bhyt\tbảo hiểm y tế\n"
	"bhtn\tbảo hiểm thất nghiệp\n"
	"ncc\tnhà cung cấp\n"
	"cty\tcông ty\n"
	"cti\tcông ty\n"
	"ct\tcông ty\n"
	"nld\tngười lao động\n"
	"nlđ\tngười lao động\n"
	"ld\tlao động\n"
	"lđ\tlao động\n"
	"hdld\thợp đồng lao động\n"
	"hđlđ\thợp đồng lao động\n"
	"hd\thợp đồng\n"
	"hđ\thợp đồng\n"
	"cn\tcông nhân\n"
	"cnv\tcông nhân viên\n"
	"nv\tnhân viên\n"
	"lg\tlương\n"
	"sx\tsản xuất\n"
	"tc\ttăng ca\n"
	"ot\ttăng ca\n"
	"t13\ttháng 13\n"
	"thg\ttháng\n"
	"cd\tcông đoàn\n"
	"cđ\tcông đoàn\n"
	"cdcs\tcông đoàn cơ sở\n"
	"cđcs\tcông đoàn cơ sở\n"
	"kcn\tkhu công nghiệp\n"
	"tnld\ttai nạn lao động\n"
	"tnlđ\ttai nạn lao động\n"
	"atld\tan toàn lao động\n"
	"atlđ\tan toàn lao động\n"
	"ng\tngười\n"
	"ntn\tnhư thế nào\n"
	"bn\tbao nhiêu\n"
	"vs\tvới\n"
	"j\tgì\n"
	"r\trồi\n"
	"ms\tmới\n"
	"mn\tmọi người\n"
	"ae\tanh em\n"
	"sv\tsinh viên\n"
	"gv\tgiảng viên\n";

static lt_abbrev *default_table;
static pthread_once_t default_once = PTHREAD_ONCE_INIT;

const char *lt_abbrev_default_text(void)
{
	return default_text;
}

size_t lt_abbrev_count(const lt_abbrev *a)
{
	return a ? a->count : 0;
}

const char *lt_abbrev_lookup(const lt_abbrev *a, uint64_t h, size_t *n)
{
	size_t i;

	if (!a || !a->count)
		return NULL;
	for (i = h & a->mask; a->keys[i]; i = (i + 1) & a->mask) {
		if (a->keys[i] == h) {
			*n = a->len[i];
			return a->exp[i];
		}
	}
	return NULL;
}

void lt_abbrev_free(lt_abbrev *a)
{
	if (!a)
		return;
	for (size_t i = 0; i <= a->mask; i++)
		free(a->exp[i]);
	free(a->keys);
	free(a->exp);
	free(a->len);
	free(a);
}

/* Insert or replace; steals x. The table is sized for every line up front. */
static void put(lt_abbrev *a, uint64_t h, char *x, size_t n)
{
	size_t i;

	for (i = h & a->mask; a->keys[i] && a->keys[i] != h; i = (i + 1) & a->mask)
		;
	if (a->keys[i]) {
		free(a->exp[i]);
	} else {
		a->keys[i] = h;
		a->count++;
	}
	a->exp[i] = x;
	a->len[i] = n;
}

int lt_abbrev_parse(const char *s, size_t n, lt_abbrev **out, lt_error *e)
{
	lt_abbrev *a = NULL;
	lt_tokens kt, xt;
	size_t lines = 1, slots = 16, lineno = 0, pos = 0;
	char *x = NULL;
	int rc;

	lt_tokens_init(&kt);
	lt_tokens_init(&xt);
	*out = NULL;
	for (size_t i = 0; i < n; i++)
		lines += s[i] == '\n';
	while (slots < 2 * lines)
		slots *= 2;
	a = calloc(1, sizeof(*a));
	if (!a)
		goto nomem;
	a->keys = calloc(slots, sizeof(*a->keys));
	a->exp = calloc(slots, sizeof(*a->exp));
	a->len = calloc(slots, sizeof(*a->len));
	if (!a->keys || !a->exp || !a->len)
		goto nomem;
	a->mask = slots - 1;
	while (pos < n) {
		const char *line = s + pos, *tab;
		size_t ln = 0;

		while (pos + ln < n && s[pos + ln] != '\n')
			ln++;
		pos += ln + 1;
		lineno++;
		if (ln && line[ln - 1] == '\r')
			ln--;
		if (!ln || line[0] == '#')
			continue;
		tab = memchr(line, '\t', ln);
		if (!tab) {
			rc = lt_error_set(e, LT_EINVAL, "abbrev",
					  "dòng %zu: thiếu dấu TAB giữa chữ viết tắt và nghĩa",
					  "line %zu: missing TAB between abbreviation and expansion",
					  lineno);
			goto fail;
		}
		if (lt_tokenize(line, (size_t)(tab - line), NULL, &kt) ||
		    lt_tokenize(tab + 1, ln - (size_t)(tab - line) - 1, NULL, &xt))
			goto nomem;
		if (kt.n != 1) {
			rc = lt_error_set(e, LT_EINVAL, "abbrev",
					  "dòng %zu: chữ viết tắt phải là một âm tiết",
					  "line %zu: the abbreviation must be one syllable", lineno);
			goto fail;
		}
		if (!xt.n) {
			rc = lt_error_set(e, LT_EINVAL, "abbrev", "dòng %zu: thiếu nghĩa",
					  "line %zu: missing expansion", lineno);
			goto fail;
		}
		x = strdup(xt.text);
		if (!x)
			goto nomem;
		put(a, kt.v[0].h, x, xt.text_len);
		x = NULL;
	}
	*out = a;
	a = NULL;
	rc = 0;
	goto done;
nomem:
	rc = lt_error_set(e, LT_ENOMEM, "abbrev", "hết bộ nhớ", "out of memory");
fail:
done:
	free(x);
	lt_abbrev_free(a);
	lt_tokens_free(&kt);
	lt_tokens_free(&xt);
	return rc;
}

static void default_build(void)
{
	if (lt_abbrev_parse(default_text, sizeof(default_text) - 1, &default_table, NULL))
		default_table = NULL; /* out of memory: tokenise without expansion */
}

const lt_abbrev *lt_abbrev_default(void)
{
	pthread_once(&default_once, default_build);
	return default_table;
}
