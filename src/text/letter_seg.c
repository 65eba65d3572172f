/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * letter_seg.c — the line pieces both ends of a letter are cut into
 * (letter_head.c and letter_tail.c): a growing list of pieces, a piece of a
 * line, and a piece's text trimmed as an entry.
 */
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
