/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * letter_norm.c — the letter parser's lines: normalisation (white space,
 * table cells, rules, bold markers), the folded copy of each line with its
 * offset map, the patterns, and small helpers shared by the other parts.
 * See letter_int.h.
 */
#include <stdio.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "text/fold.h"
#include "text/letter_int.h"

/* Patterns on the fold (lower case, no marks) unless noted "on s". */
static const char *const re_src[RE_COUNT] = {
	[RE_NGAY] = "ngay[ ]*([0-9]{1,2})[ ]*(thang|/|-|\\.)[ ]*([0-9]{1,2})"
		    "[ ]*(nam|/|-|\\.)[ ]*([0-9]{4})",
	/* and "ngày ….. tháng 12 năm 2021": the day left as dots, the month given */
	[RE_NGAY_BLANK] = "ngay([ ._]|…)*thang([ ._]|…)*([0-9]{1,2}[ ]*)?nam[ ]*([0-9]{4})",
	[RE_PLACE_DATE] = ",[ ]*([0-9]{1,2})[ ]*(thang|/|-|\\.)[ ]*([0-9]{1,2})"
			  "[ ]*(nam|/|-|\\.)[ ]*([0-9]{4})[ .]*$",
	/* a number may end in one letter: "Số: 06b /NQ-TLĐ" */
	[RE_NUMBER] = "^so[ ]*[:.]?[ ]*([0-9]{0,7}|[0-9]{1,7}[a-z])[ ]*(/|-|[ ])[ ]*"
		      "([^ ]*[a-z][^ ]*)",
	[RE_NUMBER_MID] = "[ ]so[ ]*:[ ]*([0-9]{0,7}|[0-9]{1,7}[a-z])[ ]*(/|-|[ ])[ ]*"
			  "([^ ]*[a-z][^ ]*)",
	/* and "V.v", "Vv:" and "Trích yếu:" */
	[RE_VV] = "^(v[ ]?[/.][ ]?v[.]?([ ]*[:.])?|vv([ ]*[:.])?[ ]|ve[ ]*viec([ ]*[:.])?|ve[ ]*:|"
		  "trich[ ]*yeu[ ]*:)[ ]*",
	[RE_KG] = "^kinh[ ]*g(u|o)i[ ]*:?[ ]*",
	[RE_NN] = "^noi[ ]*nhan[ ]*:?[ ]*",
	/* and the motto of 1945-1976, "Việt Nam Dân chủ Cộng hòa", and "CHXHCN VIỆT NAM" */
	[RE_CHXH] = "cong[ ]*hoa[ ]*xa[ ]*hoi[ ]*chu[ ]*nghia[ ]*viet[ ]*nam|"
		    "viet[ ]*nam[ ]*dan[ ]*chu[ ]*cong[ ]*hoa|(^|[^a-z])chxhcn[ ]*(viet[ ]*nam|vn)",
	[RE_DLTD] = "doc[ ]*lap[^a-z0-9]*tu[ ]*do[^a-z0-9]*hanh[ ]*phuc",
	[RE_DCS] = "dang[ ]*cong[ ]*san[ ]*viet[ ]*nam",
	[RE_DTN] = "doan[ ]*(tncs|thanh[ ]*nien[ ]*cong[ ]*san)[ ]*ho[ ]*chi[ ]*minh[ ]*$",
	[RE_REF] = "(^|[^a-z0-9])(cong van|ke hoach|quyet dinh|chi thi|thong bao|"
		   "huong dan|nghi quyet|nghi dinh|thong tu|chuong trinh|bao cao|"
		   "to trinh|ket luan|quy dinh|luat|dieu le|van ban|cong dien|"
		   "giay moi|so)([ ]*so)?[ ]*[:.]?[ ]*([0-9]{1,7})[ ]*/[ ]*"
		   "([a-z0-9./-]*[a-z][a-z0-9./-]*)",
	[RE_REF_DATE] = "^[ ,]*(ngay|ngay ban hanh)?[ ]*([0-9]{1,2})[ ]*"
			"(thang|/|-|\\.)[ ]*([0-9]{1,2})[ ]*(nam|/|-|\\.)[ ]*([0-9]{4})",
	[RE_REF_BY] = "^[ ,]*(cua|do)[ ]+",
	[RE_DATE_Y] = "(^|[^0-9./-])([0-9]{1,2})[ ]*(thang|/|-|\\.)[ ]*([0-9]{1,2})"
		      "[ ]*(nam|/|-|\\.)[ ]*([0-9]{4})",
	/* "trước ngày 20/12." may end its sentence: a "." after it but not "20/12.2023" */
	[RE_DATE_NY] = "(^|[^0-9./-])([0-9]{1,2})[ ]*(thang|/)[ ]*([0-9]{1,2})"
		       "([^0-9/.-]|[.]([^0-9]|$)|$)",
	[RE_ROMAN] = "^(I|II|III|IV|V|VI|VII|VIII|IX|X|XI|XII|XIII|XIV|XV)"
		     "([.)]|[ ]?-)[ ]",
	[RE_AUTH] = "^(T/M|T\\.M\\.?|TM[./]?|K/T|K\\.T\\.?|KT[./]?|Q\\.|T/L|T\\.L\\.?|"
		    "TL[./]?|TUQ[./]?|T\\.U\\.Q\\.?|THAY MẶT|KÝ THAY|THỪA LỆNH|"
		    "THỪA (ỦY|UỶ) QUYỀN)[ ]*",
	[RE_AUTH_MID] = "[ ;,.:](T/M|TM\\.|K/T|KT\\.|TL\\.|TUQ\\.|Q\\.)[ ]*",
};

/*
 * The patterns are compiled once per process: compiling them was two thirds
 * of a parse's time. glibc's regexec is safe on a shared pattern from several
 * threads (it locks the pattern's automaton while it grows it).
 */
static regex_t re_shared[RE_COUNT];
static pthread_once_t re_once = PTHREAD_ONCE_INIT;
static int re_status;

static void compile_all(void)
{
	for (int i = 0; i < RE_COUNT; i++)
		if (regcomp(&re_shared[i], re_src[i], REG_EXTENDED) != 0)
			re_status = LT_EINTERNAL;
}

int lt_letter_re_init(lt_lctx *c)
{
	pthread_once(&re_once, compile_all);
	c->re = re_shared;
	return re_status;
}

bool lt_letter_re(const lt_lctx *c, int re, const char *str, regmatch_t *m, size_t nm)
{
	return regexec(&c->re[re], str, nm, m, 0) == 0;
}

bool lt_letter_re_at(const lt_lctx *c, int re, const char *str, size_t off, size_t n,
		     regmatch_t *m, size_t nm)
{
	m[0].rm_so = (regoff_t)off;
	m[0].rm_eo = (regoff_t)n;
	return regexec(&c->re[re], str, nm, m, REG_STARTEND) == 0;
}

/* Decode one codepoint of valid UTF-8; returns its length (1 on a stray byte). */
static size_t cp_at(const char *s, size_t n, int32_t *cp)
{
	utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s,
					      (utf8proc_ssize_t)n, cp);
	if (k <= 0) {
		*cp = (unsigned char)*s;
		return 1;
	}
	return (size_t)k;
}

/* Fold of one codepoint into out[] (codepoints); returns their count. */
static int fold_cp(int32_t cp, int32_t out[8])
{
	utf8proc_int32_t tmp[32];
	utf8proc_ssize_t k;
	int i, n = 0;

	if (cp < 0x80) {
		out[0] = (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
		return 1;
	}
	if (cp == 0x110 || cp == 0x111) {
		out[0] = 'd';
		return 1;
	}
	k = utf8proc_decompose_char(cp, tmp, 32,
				    UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD |
					    UTF8PROC_STRIPMARK, NULL);
	if (k < 0 || k > 32) {
		out[0] = cp;
		return 1;
	}
	for (i = 0; i < k && n < 8; i++)
		out[n++] = tmp[i] == 0x111 ? 'd' : tmp[i];
	return n;
}

int lt_letter_mkline(lt_lctx *c, const char *s, size_t n, lt_lline *out)
{
	char *t, *f = NULL;
	uint32_t *map = NULL;
	size_t i, tn = 0, fn = 0, k;
	bool sp = false;

	memset(out, 0, sizeof(*out));
	t = lt_arena_alloc(c->a, n + 1);
	if (!t)
		goto oom;
	for (i = 0; i < n; i++) {
		if (s[i] == ' ') {
			sp = tn > 0;
			continue;
		}
		if (sp)
			t[tn++] = ' ';
		sp = false;
		t[tn++] = s[i];
	}
	t[tn] = '\0';
	/* Two passes: size the fold, then write it with its map. */
	for (i = 0; i < tn; i += k) {
		int32_t cp, o[8];
		int j, m;
		k = cp_at(t + i, tn - i, &cp);
		m = fold_cp(cp, o);
		for (j = 0; j < m; j++) {
			utf8proc_uint8_t enc[4];
			fn += (size_t)utf8proc_encode_char(o[j], enc);
		}
	}
	f = lt_arena_alloc(c->a, fn + 1);
	map = lt_arena_alloc(c->a, (fn + 1) * sizeof(*map));
	if (!f || !map)
		goto oom;
	fn = 0;
	for (i = 0; i < tn; i += k) {
		int32_t cp, o[8];
		int j, m;
		k = cp_at(t + i, tn - i, &cp);
		m = fold_cp(cp, o);
		for (j = 0; j < m; j++) {
			utf8proc_uint8_t enc[4];
			utf8proc_ssize_t e = utf8proc_encode_char(o[j], enc);
			utf8proc_ssize_t q;
			for (q = 0; q < e; q++) {
				map[fn] = (uint32_t)i;
				f[fn++] = (char)enc[q];
			}
		}
	}
	f[fn] = '\0';
	map[fn] = (uint32_t)tn;
	out->s = t;
	out->n = tn;
	out->f = f;
	out->fn = fn;
	out->map = map;
	out->blank = tn == 0;
	return 0;
oom:
	c->oom = true;
	return LT_ENOMEM;
}

/* Characters that count as space, and invisible ones that are dropped. */
static int space_kind(int32_t cp)
{
	if (cp == '\t' || cp == ' ' || (cp < 0x20 && cp != '\n') || cp == 0x7F ||
	    cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F ||
	    cp == 0x205F || cp == 0x3000)
		return 1;
	if ((cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 || cp == 0xFEFF || cp == 0xAD)
		return 2;
	return 0;
}

/*
 * Length of a rule ("-----", "*****", "___", "────") starting at s, or 0.
 * Stars count only as a whole cell: "***** Mục**" is a bold "*** Mục" heading.
 */
static size_t rule_len(const char *s, size_t n, bool cell_empty)
{
	size_t i = 0, j, count = 0;
	char ch = s[0];

	if (ch == '-' || ch == '_' || ch == '=' || ch == '~' || ch == '*' || ch == '.') {
		while (i < n && s[i] == ch)
			i++;
		if (i < (ch == '*' || ch == '.' ? 5u : 4u))
			return 0;
		if (ch == '*') {
			for (j = i; j < n && (s[j] == ' ' || s[j] == '*'); j++)
				;
			if (!cell_empty || (j < n && s[j] != '|'))
				return 0;
		}
		return i;
	}
	/* U+2013/2014 dashes and U+2500 box drawing, three or more */
	while (i + 3 <= n && (unsigned char)s[i] == 0xE2 &&
	       (((unsigned char)s[i + 1] == 0x80 &&
		 ((unsigned char)s[i + 2] == 0x93 || (unsigned char)s[i + 2] == 0x94)) ||
		((unsigned char)s[i + 1] == 0x94 && (unsigned char)s[i + 2] >= 0x80 &&
		 (unsigned char)s[i + 2] <= 0x81))) {
		i += 3;
		count++;
	}
	return count >= 3 ? i : 0;
}

static int push_line(lt_lctx *c, size_t *cap, const lt_lline *ln)
{
	if (lt_arena_grow(c->a, &c->lines, c->n, cap, sizeof(*c->lines), 256)) {
		c->oom = true;
		return LT_ENOMEM;
	}
	c->lines[c->n++] = *ln;
	return 0;
}

/*
 * One table cell / column piece: count and strip the leading stars, drop
 * trailing stars and inner "**". A piece that held only marks is dropped
 * (it was a rule or an empty cell, not a paragraph break).
 */
static int add_cell(lt_lctx *c, size_t *cap, char *s, size_t n, size_t gap)
{
	lt_lline ln;
	int stars = 0;
	size_t i, w, gap_words = gap ? lt_letter_words(s, gap) : 0;

	while (n && s[0] == ' ') {
		s++;
		n--;
	}
	while (n && (s[n - 1] == ' ' || s[n - 1] == '*'))
		n--;
	if (!n)
		return 0;
	while (n && (s[0] == '*' || (s[0] == ' ' && stars))) {
		if (s[0] == '*')
			stars++;
		s++;
		n--;
	}
	/* "Trang 1UỶ BAN NHÂN DÂN": a PDF page mark glued to the first line of its page */
	if (n > 8 && !memcmp(s, "Trang ", 6) && s[6] >= '0' && s[6] <= '9') {
		size_t d = 7;
		while (d < n && s[d] >= '0' && s[d] <= '9')
			d++;
		if (d < n && lt_letter_starts_upper(s + d, n - d)) {
			s += d;
			n -= d;
		}
	}
	for (i = w = 0; i < n; i++) {
		if (s[i] == '*' && i + 1 < n && s[i + 1] == '*') {
			while (i + 1 < n && s[i + 1] == '*')
				i++;
			continue;
		}
		s[w++] = s[i];
	}
	if (lt_letter_mkline(c, s, w, &ln) < 0)
		return LT_ENOMEM;
	if (ln.blank)
		return 0;
	ln.stars = stars;
	if (gap_words && gap_words < lt_letter_words(ln.s, ln.n))
		ln.gap_words = (uint16_t)(gap_words < 0xFFFF ? gap_words : 0);
	return push_line(c, cap, &ln);
}

/*
 * One raw line: clean spaces, split at "|" and rules into cells. A run of
 * GAP_SPACES spaces or more inside a cell is where two columns kept side by
 * side meet ("- BGĐ Sở GD&ĐT;" … "(đã ký)"): the cell's line keeps the number
 * of words before it, for the closing block to cut there.
 */
#define GAP_SPACES 8
static int add_raw(lt_lctx *c, size_t *cap, const char *s, size_t n, char *tmp)
{
	static const uint32_t zero_map[1] = { 0 };
	size_t i = 0, tn = 0, k, cell = 0, run = 0, gap = 0;
	bool any = false, cell_has = false; /* non-space text in the current cell */
	lt_lline blank;

	while (i < n) {
		int32_t cp;
		int kind;
		size_t r;
		k = cp_at(s + i, n - i, &cp);
		kind = space_kind(cp);
		if (kind == 1) {
			if (++run == GAP_SPACES && cell_has && !gap)
				gap = tn - cell;
			tmp[tn++] = ' ';
			i += k;
			continue;
		}
		run = 0;
		if (kind == 2) {
			i += k;
			continue;
		}
		any = true;
		r = cp == '|' ? 1 : rule_len(s + i, n - i, !cell_has);
		if (r) {
			if (add_cell(c, cap, tmp + cell, tn - cell, gap) < 0)
				return LT_ENOMEM;
			tmp[tn++] = ' ';
			cell = tn;
			cell_has = false;
			gap = 0;
			i += r;
			continue;
		}
		cell_has = true;
		memcpy(tmp + tn, s + i, k);
		tn += k;
		i += k;
	}
	if (tn > cell && add_cell(c, cap, tmp + cell, tn - cell, gap) < 0)
		return LT_ENOMEM;
	if (any)
		return 0;
	/* A truly empty line: one blank, runs collapsed. */
	if (c->n && c->lines[c->n - 1].blank)
		return 0;
	memset(&blank, 0, sizeof(blank));
	blank.s = blank.f = "";
	blank.map = zero_map;
	blank.blank = true;
	return push_line(c, cap, &blank);
}

/* Words in [a, b) and whether the line ends with "|" (spaces aside). */
static size_t line_words(const char *s, size_t a, size_t b, bool *bar, bool *has_bar)
{
	size_t w = 0, i;
	bool in = false;

	*has_bar = memchr(s + a, '|', b - a) != NULL;
	while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t' || s[b - 1] == '\r'))
		b--;
	*bar = b > a && s[b - 1] == '|';
	for (i = a; i < b; i++) {
		bool sp = s[i] == ' ' || s[i] == '\t' || s[i] == '|';
		if (!sp && !in)
			w++;
		in = !sp;
	}
	return w;
}

/*
 * Pages that store a letter as table cells end each cell with " |" and wrap a
 * long cell over several lines ("TM. BAN THƯỜNG" / "VỤ |", "BẢO" / "HIỂM XÃ
 * HỘI |"). In a text with three or more such cell ends, a short line with no
 * "|" that is followed by a short line ending with "|" is joined to it (its
 * line end becomes a space), so the cell reads as one line again.
 */
static void join_wrapped_cells(char *s, size_t n)
{
	size_t i, a, bars = 0, pe = 0, pw = 0;
	bool pbar = true, phas = true, pblank = true;

	for (a = i = 0; i <= n; i++) {
		bool bar, has;
		if (i < n && s[i] != '\n')
			continue;
		line_words(s, a, i, &bar, &has);
		bars += bar;
		a = i + 1;
	}
	if (bars < 3)
		return;
	for (a = i = 0; i <= n; i++) {
		bool bar, has;
		size_t w;
		if (i < n && s[i] != '\n')
			continue;
		w = line_words(s, a, i, &bar, &has);
		if (bar && w >= 1 && w <= 8 && !pblank && !phas && !pbar && pw <= 12) {
			for (size_t k = pe; k < a; k++)
				s[k] = ' '; /* the "\r\n" between the two lines */
		}
		pe = i < n && i && s[i - 1] == '\r' ? i - 1 : i;
		pw = w;
		pbar = bar;
		phas = has;
		pblank = w == 0;
		a = i + 1;
	}
}

/*
 * Pages that stored the HTML source's line ends as text ("\r\n ỦY BAN NHÂN
 * DÂN | \r\n" with a real backslash, r, backslash, n): in a text with three
 * or more such literal pairs, each becomes a line end (and three spaces, so
 * that nothing moves). Fewer than three are left alone: a lone "\r\n" may be
 * part of a path or an example.
 */
static void literal_line_ends(char *s, size_t n)
{
	size_t i, count = 0;

	for (i = 0; i + 4 <= n && count < 3; i++)
		if (!memcmp(s + i, "\\r\\n", 4))
			count++;
	if (count < 3)
		return;
	for (i = 0; i + 4 <= n; i++)
		if (!memcmp(s + i, "\\r\\n", 4))
			memcpy(s + i, "\n   ", 4);
}

int lt_letter_norm(lt_lctx *c, const char *text, size_t len)
{
	char *nfc = NULL, *tmp = NULL;
	size_t n, i, start, cap = 0;
	int rc = 0;

	nfc = lt_text_nfc(text, len);
	if (!nfc) {
		rc = LT_ENOMEM;
		goto fail;
	}
	n = strlen(nfc);
	tmp = malloc(n + 1);
	if (!tmp) {
		rc = LT_ENOMEM;
		goto fail;
	}
	literal_line_ends(nfc, n);
	join_wrapped_cells(nfc, n);
	for (i = start = 0; i <= n; i++) {
		char ch = i < n ? nfc[i] : '\n';
		if (ch != '\n' && ch != '\r' && ch != '\f' && ch != '\v')
			continue;
		rc = add_raw(c, &cap, nfc + start, i - start, tmp);
		if (rc < 0)
			goto fail;
		if (ch == '\r' && i + 1 < n && nfc[i + 1] == '\n')
			i++;
		start = i + 1;
	}
fail:
	free(tmp);
	free(nfc);
	return rc;
}

char *lt_letter_subs(lt_lctx *c, const lt_lline *ln, size_t a, size_t b)
{
	char *r;

	if (b > ln->n)
		b = ln->n;
	if (a > b)
		a = b;
	while (a < b && ln->s[a] == ' ')
		a++;
	while (b > a && ln->s[b - 1] == ' ')
		b--;
	r = lt_arena_strndup(c->a, ln->s + a, b - a);
	if (!r)
		c->oom = true;
	return r;
}

char *lt_letter_sub(lt_lctx *c, const lt_lline *ln, size_t fa, size_t fb)
{
	if (fb > ln->fn)
		fb = ln->fn;
	if (fa > fb)
		fa = fb;
	return lt_letter_subs(c, ln, ln->map[fa], ln->map[fb]);
}

void lt_letter_rstrip(char *s, const char *set)
{
	size_t n;

	if (!s)
		return;
	n = strlen(s);
	for (;;) {
		while (n && (s[n - 1] == ' ' || strchr(set, s[n - 1])))
			s[--n] = '\0';
		/*
		 * A combining mark standing alone after a space (U+0300-U+036F):
		 * what a PDF font left of a letter's tone mark ("Đao tao. ̉ ̀ ́").
		 */
		if (n >= 2 && (((unsigned char)s[n - 2] == 0xCC && (unsigned char)s[n - 1] >= 0x80) ||
			       ((unsigned char)s[n - 2] == 0xCD && (unsigned char)s[n - 1] <= 0xAF)) &&
		    (n == 2 || s[n - 3] == ' ')) {
			n -= 2;
			s[n] = '\0';
			continue;
		}
		break;
	}
}

void lt_letter_push(lt_lctx *c, lt_letter_strv *v, const char *s)
{
	if (!s) {
		c->oom = true;
		return;
	}
	if (lt_arena_grow(c->a, &v->v, v->n, &v->cap, sizeof(*v->v), 8)) {
		c->oom = true;
		return;
	}
	v->v[v->n++] = s;
}

void lt_letter_warn(lt_lctx *c, const char *field, const char *en, const char *vi)
{
	lt_letter_push(c, &c->l->warnings,
		       lt_arena_printf(c->a, "%s: %s / %s", field, en, vi));
}

bool lt_letter_iso(long d, long m, long y, char iso[11])
{
	static const int mdays[12] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return false;
	if (m == 2 && d == 29 && !leap)
		return false;
	snprintf(iso, 11, "%04d-%02d-%02d", (int)y % 10000, (int)m % 100, (int)d % 100);
	return true;
}

long lt_letter_num(const char *f, regmatch_t m)
{
	long v = 0;
	regoff_t i;

	for (i = m.rm_so; i >= 0 && i < m.rm_eo && v < 100000000; i++)
		if (f[i] >= '0' && f[i] <= '9')
			v = v * 10 + (f[i] - '0');
	return v;
}

bool lt_letter_has_lower(const char *s, size_t n)
{
	size_t i, k;

	for (i = 0; i < n; i += k) {
		int32_t cp;
		k = cp_at(s + i, n - i, &cp);
		if (utf8proc_islower(cp))
			return true;
	}
	return false;
}

bool lt_letter_word_upper(const char *s, size_t n)
{
	size_t i, k;
	bool letter = false;

	for (i = 0; i < n; i += k) {
		int32_t cp;
		k = cp_at(s + i, n - i, &cp);
		if (utf8proc_islower(cp))
			return false;
		if (utf8proc_isupper(cp))
			letter = true;
	}
	return letter;
}

bool lt_letter_starts_upper(const char *s, size_t n)
{
	int32_t cp;

	if (!n)
		return false;
	cp_at(s, n, &cp);
	return utf8proc_isupper(cp);
}

size_t lt_letter_words(const char *s, size_t n)
{
	size_t i, w = 0;
	bool in = false;

	for (i = 0; i < n; i++) {
		if (s[i] == ' ') {
			in = false;
		} else if (!in) {
			in = true;
			w++;
		}
	}
	return w;
}

size_t lt_letter_bullet(const char *s, size_t n)
{
	static const char *const b[] = { "-", "+", "\xE2\x80\x93", "\xE2\x80\x94",
					 "\xE2\x80\xA2", "\xC2\xB7", "\xE2\x97\x8F",
					 "\xE2\x96\xAA", "\xEF\x82\xA7" };
	size_t i;

	for (i = 0; i < sizeof(b) / sizeof(b[0]); i++) {
		size_t k = strlen(b[i]);
		if (n > k && !memcmp(s, b[i], k))
			return k;
	}
	return 0;
}

/*
 * A name broken inside one of its two-word terms: the last word of a and the
 * first word of b make "ỦY BAN", "LIÊN ĐOÀN", "LAO ĐỘNG", "NHÂN DÂN", "CÔNG
 * ĐOÀN", "THƯƠNG BINH" ("TỔNG LIÊN" / "ĐOÀN LAO ĐỘNG", "TL. CHỦ TỊCH ỦY" /
 * "BAN NHÂN DÂN TỈNH"). Both lines must be in capitals.
 */
bool lt_letter_split_term(const lt_lline *a, const lt_lline *b)
{
	static const char *const terms[][2] = {
		{ "uy", "ban" },     { "lien", "doan" }, { "lien", "hiep" }, { "lao", "dong" },
		{ "nhan", "dan" },   { "cong", "doan" }, { "thuong", "binh" },
	};
	const char *last;
	size_t lw, fw;

	if (a->blank || b->blank || !lt_letter_word_upper(a->s, a->n) ||
	    !lt_letter_word_upper(b->s, b->n))
		return false;
	last = strrchr(a->f, ' ');
	last = last ? last + 1 : a->f;
	lw = strlen(last);
	for (fw = 0; fw < b->fn && b->f[fw] != ' '; fw++)
		;
	for (size_t i = 0; i < sizeof(terms) / sizeof(terms[0]); i++)
		if (lw == strlen(terms[i][0]) && !memcmp(last, terms[i][0], lw) &&
		    fw == strlen(terms[i][1]) && !memcmp(b->f, terms[i][1], fw))
			return true;
	return false;
}
