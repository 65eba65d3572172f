/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* simhash.c — see simhash.h. Content syllables weigh three times the
 * 2-shingles, and function words ("công ty", "chưa", "cho"…) as little as a
 * shingle, so that the words that make a complaint (thưởng, Tết, lương…)
 * decide the signature and one inserted word changes few bits. */
#include "text/simhash.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "text/abbrev.h"

static uint64_t mix(uint64_t k)
{
	k ^= k >> 33;
	k *= 0xff51afd7ed558ccdULL;
	k ^= k >> 33;
	k *= 0xc4ceb9fe1a85ec53ULL;
	k ^= k >> 33;
	return k;
}

/* Folded syllables common to nearly every message. */
static const char *const common[] = {
	"cong", "ty", "nhan", "chua", "da", "la", "cho", "va", "cua", "co", "khong",
	"duoc", "toi", "em", "chung", "a", "thi", "ma", "o", "nay", "nam", "den",
	"gio", "roi", "van", "voi", "cac", "nhung", "mot", "nguoi", "lao", "dong",
};
static uint64_t common_h[sizeof(common) / sizeof(common[0])];
static pthread_once_t common_once = PTHREAD_ONCE_INIT;

static void common_build(void)
{
	for (size_t i = 0; i < sizeof(common) / sizeof(common[0]); i++)
		common_h[i] = lt_tok_hash(common[i], strlen(common[i]));
}

static int is_common(uint64_t h)
{
	for (size_t i = 0; i < sizeof(common) / sizeof(common[0]); i++)
		if (common_h[i] == h)
			return 1;
	return 0;
}

static void add(int *v, uint64_t h, int w)
{
	for (int b = 0; b < 64; b++)
		v[b] += (h >> b) & 1 ? w : -w;
}

uint64_t lt_simhash(const lt_tokens *t)
{
	int v[64] = { 0 };
	uint64_t sig = 0;

	if (!t->n)
		return 0;
	pthread_once(&common_once, common_build);
	for (size_t i = 0; i < t->n; i++) {
		add(v, mix(t->v[i].h ^ 0x51ed27a3ULL), is_common(t->v[i].h) ? 1 : 3);
		if (i + 1 < t->n)
			add(v, mix(t->v[i].h * 31 + t->v[i + 1].h), 1);
	}
	for (int b = 0; b < 64; b++)
		if (v[b] > 0)
			sig |= 1ULL << b;
	return sig ? sig : 1;
}

int lt_simhash_text(const char *s, size_t n, lt_tokens *tok, uint64_t *out)
{
	int rc = lt_tokenize(s, n, lt_abbrev_default(), tok);

	if (rc)
		return rc;
	*out = lt_simhash(tok);
	return 0;
}

int lt_simhash_distance(uint64_t a, uint64_t b)
{
	return __builtin_popcountll(a ^ b);
}

static size_t root(size_t *p, size_t i)
{
	while (p[i] != i) {
		p[i] = p[p[i]];
		i = p[i];
	}
	return i;
}

size_t lt_simhash_group(const uint64_t *sig, size_t n, int maxdist, size_t *cluster)
{
	size_t *p = malloc((n ? n : 1) * sizeof(*p)), k = 0;

	if (!p)
		return (size_t)-1;
	for (size_t i = 0; i < n; i++)
		p[i] = i;
	for (size_t i = 0; i < n; i++) {
		if (!sig[i])
			continue;
		for (size_t j = i + 1; j < n; j++) {
			size_t a, b;
			if (!sig[j] || lt_simhash_distance(sig[i], sig[j]) > maxdist)
				continue;
			a = root(p, i);
			b = root(p, j);
			/* the smaller index stays the root: cluster id = first message */
			if (a < b)
				p[b] = a;
			else if (b < a)
				p[a] = b;
		}
	}
	for (size_t i = 0; i < n; i++) {
		cluster[i] = root(p, i);
		k += cluster[i] == i;
	}
	free(p);
	return k;
}
