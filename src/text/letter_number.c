/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * letter_number.c — a letter's own number and symbol ("Số: 42/LĐLĐ", "Số:
 * 101-HĐBT", "Số: 1041 TCT/NV6"), read from its "Số" line by letter_head.c,
 * and, when no header gives one, from where the text names itself: the line
 * under its type name ("THÔNG TƯ" / "CỦA BỘ LAO ĐỘNG SỐ 15-LĐ/TT NGÀY 10
 * THÁNG 8 NĂM 1961"), a first line that is a sentence about it ("Hướng dẫn
 * số 1803/HD-TLĐ ngày 29 tháng 11 năm 2013 của …"), or the note closing an
 * extract of it ("(Trích thông báo số 27/TB-CĐĐHĐT ngày 11 tháng 8 năm
 * 2017)"). The date right after such a number is the text's own date too.
 */
#include <string.h>

#include "text/letter_int.h"

/*
 * "Số: 42/LĐLĐ", "Số: 101-HĐBT", "Số: 1041 TCT/NV6": a number needs digits
 * unless its separator is "/" ("Số:   /LĐLĐ" is a blank number), and a
 * symbol after a bare space must hold "/" or "-" ("Số lượng" is no number).
 */
bool lt_letter_number_match(const lt_lctx *c, const lt_lline *x, int re, regmatch_t m[4])
{
	char sep;

	if (!lt_letter_re(c, re, x->f, m, 4))
		return false;
	sep = x->f[m[2].rm_so];
	if (sep == '/')
		return true;
	if (m[1].rm_eo == m[1].rm_so)
		return false;
	return sep == '-' || memchr(x->f + m[3].rm_so, '/', (size_t)(m[3].rm_eo - m[3].rm_so)) ||
	       memchr(x->f + m[3].rm_so, '-', (size_t)(m[3].rm_eo - m[3].rm_so));
}

/* Length of a dash at f ("-", "–", "—"), or 0. */
static size_t dash_len(const char *f)
{
	if (f[0] == '-')
		return 1;
	if ((unsigned char)f[0] == 0xE2 && (unsigned char)f[1] == 0x80 &&
	    ((unsigned char)f[2] == 0x93 || (unsigned char)f[2] == 0x94))
		return 3;
	return 0;
}

/*
 * A symbol spaced around its dashes ("LĐTBXH - LĐTL", "GDĐT –KT&KĐCL",
 * "QĐ- UB"): folded end of the symbol that starts before e.
 */
static size_t symbol_end(const lt_lline *x, size_t e)
{
	for (int k = 0; k < 3; k++) {
		size_t p = e, d, q, a, b;
		bool prev = e && x->f[e - 1] == '-';
		while (p < x->fn && x->f[p] == ' ')
			p++;
		if (p == e && !prev)
			break;
		d = dash_len(x->f + p);
		if (!d && !prev)
			break;
		p += d;
		while (p < x->fn && x->f[p] == ' ')
			p++;
		for (q = p; q < x->fn && x->f[q] != ' '; q++)
			;
		a = x->map[p];
		b = x->map[q];
		if (q == p || q - p > 16 || !lt_letter_word_upper(x->s + a, b - a))
			break;
		e = q;
	}
	return e;
}

/* The symbol's text from original bytes [a, b): spaces dropped, dashes as "-". */
static char *symbol_text(lt_lctx *c, const lt_lline *x, size_t a, size_t b)
{
	char *r = lt_arena_alloc(c->a, b - a + 1);
	size_t i, k = 0;

	if (!r) {
		c->oom = true;
		return NULL;
	}
	for (i = a; i < b; i++) {
		size_t d = dash_len(x->s + i);
		if (x->s[i] == ' ')
			continue;
		if (d) {
			r[k++] = '-';
			i += d - 1;
			continue;
		}
		r[k++] = x->s[i];
	}
	r[k] = '\0';
	return r;
}

size_t lt_letter_take_number(lt_lctx *c, const lt_lline *x, const regmatch_t m[4])
{
	lt_letter *l = c->l;
	size_t e = symbol_end(x, (size_t)m[3].rm_eo);
	char *sym = symbol_text(c, x, x->map[m[3].rm_so], x->map[e]);
	char sep = x->f[m[2].rm_so];

	lt_letter_rstrip(sym, ".,;:)-/");
	if (sym && *sym) {
		const char *bare = sym;
		/* "18/2009/QĐ-UBND": the symbol has no year. */
		while (*bare >= '0' && *bare <= '9') {
			const char *q = bare;
			while (*q >= '0' && *q <= '9')
				q++;
			if (*q != '/')
				break;
			bare = q + 1;
		}
		l->symbol = *bare ? bare : sym;
	}
	if (m[1].rm_eo > m[1].rm_so && sym && *sym) {
		l->number = lt_arena_printf(c->a, "%.*s%c%s", (int)(m[1].rm_eo - m[1].rm_so),
					    x->f + m[1].rm_so, sep, sym);
	} else {
		/* a draft's "Số:      /2020/TT-BLĐTBXH": no number, the symbol is known */
		lt_letter_warn(c, "number", "the number is blank", "số văn bản để trống");
	}
	return e;
}

/*
 * "số 1803/HD-TLĐ ngày 29 tháng 11 năm 2013" from folded offset so of x:
 * the text's number, and its date when the date follows the number at once.
 */
static bool number_at(lt_lctx *c, const lt_lline *x, size_t so)
{
	lt_letter *l = c->l;
	regmatch_t m[6];
	lt_lline rest;
	size_t e;
	char iso[11];

	if (!lt_lline_sub(c, x, x->map[so], x->n, &rest) ||
	    !lt_letter_number_match(c, &rest, RE_NUMBER, m) || m[1].rm_eo == m[1].rm_so)
		return false;
	e = lt_letter_take_number(c, &rest, m);
	while (e < rest.fn && (rest.f[e] == ' ' || rest.f[e] == ','))
		e++;
	if (!l->date && lt_letter_re_at(c, RE_NGAY, rest.f, e, rest.fn, m, 6) &&
	    (size_t)m[0].rm_so == e &&
	    lt_letter_iso(lt_letter_num(rest.f, m[1]), lt_letter_num(rest.f, m[3]),
			  lt_letter_num(rest.f, m[5]), iso))
		l->date = lt_arena_strdup(c->a, iso);
	return l->number != NULL;
}

bool lt_letter_type_line_number(lt_lctx *c, const lt_lline *x)
{
	const char *so = strstr(x->f, " so ");

	return !c->l->number && !strncmp(x->f, "cua ", 4) && so &&
	       number_at(c, x, (size_t)(so - x->f) + 1);
}

/*
 * A type name and "số" opening folded f at offset at ("hướng dẫn số …",
 * "thông báo số …"): the type, and the offset of "số"; 0 when not so.
 */
static size_t type_then_number(const char *f, size_t at, const char **type)
{
	size_t tp = lt_letter_type_prefix(f + at, type);

	return tp && !strncmp(f + at + tp, "so ", 3) ? at + tp : 0;
}

void lt_letter_self_number(lt_lctx *c)
{
	lt_letter *l = c->l;
	const char *type = NULL;
	size_t i = 0, j = c->n, so;

	while (i < c->n && c->lines[i].blank)
		i++;
	while (j > i && c->lines[j - 1].blank)
		j--;
	if (i == c->n)
		return;
	/* "Hướng dẫn số 1803/HD-TLĐ ngày … của …": a first line that names the text */
	if (lt_letter_starts_upper(c->lines[i].s, c->lines[i].n) &&
	    (so = type_then_number(c->lines[i].f, 0, &type)) && number_at(c, &c->lines[i], so)) {
		if (!l->doc_type)
			l->doc_type = type;
		return;
	}
	/* "(Trích thông báo số 27/TB-CĐĐHĐT ngày 11 tháng 8 năm 2017)" closing the text */
	if (j - 1 > i && !strncmp(c->lines[j - 1].f, "(trich ", 7) &&
	    c->lines[j - 1].f[c->lines[j - 1].fn - 1] == ')' &&
	    (so = type_then_number(c->lines[j - 1].f, 7, &type)) &&
	    number_at(c, &c->lines[j - 1], so) && !l->doc_type)
		l->doc_type = type;
}
