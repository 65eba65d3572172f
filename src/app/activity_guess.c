/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * activity_guess.c — the theme an item belongs to, guessed from its title
 * and link; see activity.h (lt_app_guess_theme).
 *
 * Written here rather than with the feedback classifier (text/classify.h):
 * that one is trained on labelled messages, while a directive's themes are
 * a handful of titles known only when the letter arrives, so the words are
 * matched directly, rarer words weighing more.
 */
#include <ctype.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "app/activity.h"
#include "core/buf.h"
#include "text/fold.h"

#define GUESS_MAX_WORDS 256
#define GUESS_MAX_THEMES 32

/* Words common to every Vietnamese title: no help in telling themes apart. */
static const char *const stop[] = { "va", "cua", "cac", "nhung", "mot", "voi", "trong", "tai",
				    "la", "co", "duoc", "cho", "den", "tu", "nam", "ngay", "http",
				    "https", "www", "com", "vn", "html", "htm", "php", "the",
				    "nguoi", "de", "ve", "nay", "khi", "da", "se", "post", "posts",
				    "watch", "video", "story", "fbid", "id" };

static bool is_stop(const char *w)
{
	for (size_t i = 0; i < sizeof(stop) / sizeof(stop[0]); i++)
		if (!strcmp(w, stop[i]))
			return true;
	return false;
}

/* Split folded text into words of [a-z0-9] (in place); returns the count. */
static size_t words_of(char *s, char **w, size_t max)
{
	size_t n = 0;
	char *p = s;

	while (*p && n < max) {
		while (*p && !isalnum((unsigned char)*p))
			*p++ = '\0';
		if (!*p)
			break;
		w[n++] = p;
		while (*p && isalnum((unsigned char)*p))
			p++;
	}
	while (*p) {
		if (!isalnum((unsigned char)*p))
			*p = '\0';
		p++;
	}
	return n;
}

static bool has_word(char **w, size_t n, const char *x)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(w[i], x))
			return true;
	return false;
}

static bool has_pair(char **w, size_t n, const char *x, const char *y)
{
	for (size_t i = 0; i + 1 < n; i++)
		if (!strcmp(w[i], x) && !strcmp(w[i + 1], y))
			return true;
	return false;
}

/* Folded title + link path of an item (owned), or NULL. */
static char *query_text(const char *title, const char *url)
{
	lt_buf b;
	char *q;

	lt_buf_init(&b, 1 << 16);
	lt_buf_puts(&b, title ? title : "");
	lt_buf_puts(&b, " ");
	/* The link's path often carries the headline as a slug: "cho-tet-cong-doan". */
	if (url) {
		const char *p = strstr(url, "://");
		p = p ? strchr(p + 3, '/') : NULL;
		if (p)
			lt_buf_puts(&b, p);
	}
	q = lt_buf_error(&b) ? NULL : lt_text_fold(lt_buf_cstr(&b), b.len);
	lt_buf_free(&b);
	return q;
}

/* Folded title + items of a theme (owned), or NULL. */
static char *theme_text(const lt_activity_theme *t)
{
	lt_buf b;
	char *txt;

	lt_buf_init(&b, 1 << 20);
	lt_buf_puts(&b, t->title); /* not putf: vfprintf over the items cost more than the fold */
	lt_buf_puts(&b, " ");
	lt_buf_puts(&b, t->items ? t->items : "");
	txt = lt_buf_error(&b) ? NULL : lt_text_fold(lt_buf_cstr(&b), b.len);
	lt_buf_free(&b);
	return txt;
}

void lt_app_guess_theme(const lt_activity_theme *themes, size_t nthemes, const char *title,
			const char *url, int64_t *theme_id, double *score)
{
	char *q = query_text(title, url), *tt[GUESS_MAX_THEMES] = { 0 };
	char *qw[GUESS_MAX_WORDS], *tw[GUESS_MAX_THEMES][GUESS_MAX_WORDS];
	size_t nq, nt[GUESS_MAX_THEMES] = { 0 }, ntheme = 0;
	uint32_t in[GUESS_MAX_WORDS]; /* bit k: theme k holds query word i */
	int64_t ids[GUESS_MAX_THEMES];
	double best = 0;

	*theme_id = 0;
	*score = 0;
	if (!q)
		return;
	nq = words_of(q, qw, GUESS_MAX_WORDS);
	for (size_t i = 0; i < nthemes && ntheme < GUESS_MAX_THEMES; i++) {
		char *txt = theme_text(&themes[i]);
		if (!txt)
			continue;
		ids[ntheme] = themes[i].id;
		tt[ntheme] = txt;
		nt[ntheme] = words_of(txt, tw[ntheme], GUESS_MAX_WORDS);
		ntheme++;
	}
	/* Which themes hold each query word: one scan of the themes' words per
	 * query word, not one per theme and word pair (it ran on every new item). */
	for (size_t i = 0; i < nq; i++) {
		bool dup = false;
		in[i] = 0;
		if (is_stop(qw[i]) || strlen(qw[i]) < 2)
			continue;
		for (size_t j = 0; j < i && !dup; j++)
			dup = !strcmp(qw[j], qw[i]);
		for (size_t m = 0; m < ntheme && !dup; m++)
			if (has_word(tw[m], nt[m], qw[i]))
				in[i] |= (uint32_t)1 << m;
	}
	for (size_t k = 0; k < ntheme; k++) {
		double s = 0;
		for (size_t i = 0; i < nq; i++) {
			if (!(in[i] & (uint32_t)1 << k))
				continue;
			/* A word found in one theme only decides more than one found in all. */
			s += 1.0 / (double)__builtin_popcount(in[i]);
			if (i + 1 < nq && has_pair(tw[k], nt[k], qw[i], qw[i + 1]))
				s += 1.0;
		}
		if (s > best + 1e-9) {
			best = s;
			*theme_id = ids[k];
		}
	}
	*score = best;
	/* One shared common word is not a guess. */
	if (best < 1.0) {
		*theme_id = 0;
		*score = 0;
	}
	for (size_t k = 0; k < ntheme; k++)
		free(tt[k]);
	free(q);
}
