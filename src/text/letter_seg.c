/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * letter_seg.c — the line pieces both ends of a letter are cut into
 * (letter_head.c and letter_tail.c): a growing list of pieces, a piece of a
 * line, a piece's text trimmed as an entry, and where the place name before
 * a header's date starts.
 */
#include <string.h>

#include "text/letter_int.h"

void lt_lseg_push(lt_lctx *c, lt_lsegv *sv, const lt_lline *ln)
{
	if (lt_arena_grow(c->a, &sv->v, sv->n, &sv->cap, sizeof(*sv->v), 32)) {
		c->oom = true;
		return;
	}
	sv->v[sv->n++] = *ln;
}

/* New line from original bytes [a, b) of ln; false when empty or OOM. */
bool lt_lline_sub(lt_lctx *c, const lt_lline *ln, size_t a, size_t b, lt_lline *out)
{
	if (b > ln->n)
		b = ln->n;
	if (a >= b || lt_letter_mkline(c, ln->s + a, b - a, out) < 0 || out->blank)
		return false;
	out->stars = ln->stars;
	return true;
}

void lt_lseg_sub(lt_lctx *c, lt_lsegv *sv, const lt_lline *ln, size_t a, size_t b)
{
	lt_lline x;

	if (lt_lline_sub(c, ln, a, b, &x))
		lt_lseg_push(c, sv, &x);
}

/* Text of a list entry: no bullet, no trailing ".;,:". */
char *lt_lentry_text(lt_lctx *c, const lt_lline *ln, size_t a, size_t b)
{
	char *r;

	if (b > ln->n)
		b = ln->n;
	while (a < b && ln->s[a] == ' ')
		a++;
	a += lt_letter_bullet(ln->s + a, b - a);
	r = lt_letter_subs(c, ln, a, b);
	lt_letter_rstrip(r, ".;,:");
	return r && *r ? r : NULL;
}

/* Start of the word that ends at byte we of s (spaces before we skipped). */
static size_t word_before(const char *s, size_t we)
{
	while (we && s[we - 1] == ' ')
		we--;
	while (we && s[we - 1] != ' ')
		we--;
	return we;
}

/* Is s[a, b) one of the NULL-ended words of list? */
static bool word_in(const char *s, size_t a, size_t b, const char *const *list)
{
	for (; *list; list++)
		if (strlen(*list) == b - a && !memcmp(s + a, *list, b - a))
			return true;
	return false;
}

/*
 * Start of the place name that ends at byte `end` of ln ("Gia Lâm, ngày").
 * A town's own words in small letters stay with its name: "Thành phố Huế",
 * "Thị trấn Sịa", "Thị xã Ba Đồn" (but "xã Đức Hợp" alone is the commune's
 * name only).
 */
size_t lt_letter_place_start(const lt_lline *ln, size_t end)
{
	static const char *const numbered[] = { "Quận", "Phường", NULL };
	static const char *const town_kind[] = { "phố", "trấn", "xã", NULL };
	static const char *const town_head[] = { "Thành", "thành", "Thị", "thị", NULL };
	const char *s = ln->s;
	size_t p, e = end, words = 0, i;

	while (e && (s[e - 1] == ' ' || s[e - 1] == ','))
		e--;
	p = e;
	while (p && words < 6) {
		size_t we = p, ws;
		while (we && s[we - 1] == ' ')
			we--;
		ws = word_before(s, we);
		if (ws == we)
			break;
		/* "Quận 11, ngày …": a number after a place word */
		if (!words && s[ws] >= '0' && s[ws] <= '9' && we - ws <= 3) {
			size_t ps2 = word_before(s, ws), pe = ws;
			while (pe > ps2 && s[pe - 1] == ' ')
				pe--;
			if (word_in(s, ps2, pe, numbered)) {
				p = ws;
				words++;
				continue;
			}
		}
		/* "Thành phố Huế", "Thị trấn Sịa": the town's own word in small letters */
		if (words && ws > 1 && word_in(s, ws, we, town_kind)) {
			size_t ps2 = word_before(s, ws);
			if (word_in(s, ps2, ws - 1, town_head)) {
				p = ps2;
				words += 2;
				continue;
			}
		}
		if (!((lt_letter_starts_upper(s + ws, we - ws) &&
		       !lt_letter_word_upper(s + ws, we - ws)) ||
		      (we - ws <= 3 && s[we - 1] == '.' && lt_letter_starts_upper(s + ws, 1)) ||
		      (we - ws == 2 && !memcmp(s + ws, "TP", 2))))
			break;
		p = ws;
		words++;
	}
	if (words)
		return p;
	/* An upper-case place ("HÀ NỘI, ngày …") alone on its piece. */
	if (lt_letter_words(s, e) > 4)
		return end;
	for (i = 0; i < e; i++)
		if ((s[i] >= '0' && s[i] <= '9') || s[i] == ':' || s[i] == '/')
			return end;
	return 0;
}
