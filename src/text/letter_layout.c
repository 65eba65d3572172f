/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * letter_layout.c — the header's lines put back as the letter was laid out,
 * before letter_head.c reads them: a letter flattened onto one line (a PDF
 * preview) is split back into its header lines, and header lines broken by
 * narrow table cells or text extraction are rejoined.
 */
#include <string.h>

#include "text/letter_int.h"

bool lt_letter_join_next(lt_lctx *c, size_t i)
{
	const lt_lline *a = &c->lines[i], *b = &c->lines[i + 1];
	char *t = lt_arena_printf(c->a, "%.*s %.*s", (int)a->n, a->s, (int)b->n, b->s);
	lt_lline x;

	if (!t) {
		c->oom = true;
		return false;
	}
	if (lt_letter_mkline(c, t, strlen(t), &x) < 0)
		return false;
	x.stars = a->stars;
	c->lines[i] = x;
	memmove(&c->lines[i + 1], &c->lines[i + 2], (c->n - i - 2) * sizeof(c->lines[0]));
	c->n--;
	return true;
}

/* Would lines i and i+1, joined, match re where neither does alone? */
static bool joined_match(lt_lctx *c, size_t i, int re)
{
	const lt_lline *a = &c->lines[i], *b = &c->lines[i + 1];
	regmatch_t m[1];
	char *f;

	if (lt_letter_re(c, re, a->f, m, 1) || lt_letter_re(c, re, b->f, m, 1))
		return false;
	f = lt_arena_printf(c->a, "%s %s", a->f, b->f);
	if (!f) {
		c->oom = true;
		return false;
	}
	return lt_letter_re(c, re, f, m, 1);
}

/* Capitalised words only, no digits or marks ("Sơn", "Quảng Trị"): a place's start. */
static bool place_words(const lt_lline *x, size_t maxw)
{
	size_t w = lt_letter_words(x->s, x->n);

	if (!w || w > maxw || !lt_letter_has_lower(x->s, x->n))
		return false;
	for (size_t i = 0; i < x->n; i++)
		if ((x->s[i] >= '0' && x->s[i] <= '9') || strchr(":;/()|\"-", x->s[i]) ||
		    ((i == 0 || x->s[i - 1] == ' ') && !lt_letter_starts_upper(x->s + i, x->n - i)))
			return false;
	return true;
}

/* A name in capitals broken after its "VÀ" or "&" ("BỘ THÔNG TIN VÀ", "CÔNG ĐOÀN NN &"). */
static bool ends_in_and(const lt_lline *a)
{
	return ((a->fn > 3 && !strcmp(a->f + a->fn - 3, " va")) ||
		(a->fn > 2 && !strcmp(a->f + a->fn - 2, " &"))) &&
	       lt_letter_word_upper(a->s, a->n);
}

/*
 * A union name that cannot end on its line: a grassroots union or its
 * committee with no unit named yet ("BAN CHẤP HÀNH CĐCS" / "TRƯỜNG THCS X",
 * "CÔNG ĐOÀN" / "TRƯỜNG ĐẠI HỌC Y").
 */
static bool union_name_open(const lt_lline *a)
{
	static const char *const whole[] = { "cong doan", "ban chap hanh", "bch",
					     "ban chap hanh cong doan", "bch cong doan",
					     "cong doan co so", "cdcs", NULL };
	static const char *const tails[] = { " cdcs", " cong doan co so", NULL };

	if (!lt_letter_word_upper(a->s, a->n))
		return false;
	for (size_t i = 0; whole[i]; i++)
		if (!strcmp(a->f, whole[i]))
			return true;
	for (size_t i = 0; tails[i]; i++) {
		size_t k = strlen(tails[i]);
		if (a->fn > k && !strcmp(a->f + a->fn - k, tails[i]))
			return true;
	}
	return false;
}

/*
 * "CÔNG ĐOÀN NÔNG NGHIỆP VÀ" / blank / "PHÁT TRIỂN NÔNG THÔN VIỆT NAM": a
 * page that gave each header line a paragraph of its own. A name does not
 * end on its "VÀ", so up to two blank lines after line i go when the next
 * line is more of the name (capitals, not the motto) and can be joined to it.
 */
static void drop_blanks_after_and(lt_lctx *c, size_t i)
{
	size_t j = i + 1;
	regmatch_t m[1];

	if (!ends_in_and(&c->lines[i]))
		return;
	while (j < c->n && j <= i + 2 && c->lines[j].blank)
		j++;
	if (j == i + 1 || j >= c->n || c->lines[j].blank ||
	    !lt_letter_word_upper(c->lines[j].s, c->lines[j].n) ||
	    lt_letter_re(c, RE_CHXH, c->lines[j].f, m, 1))
		return;
	memmove(&c->lines[i + 1], &c->lines[j], (c->n - j) * sizeof(c->lines[0]));
	c->n -= j - i - 1;
}

/* Lines a and b, neither a type name, make one joined ("THÔNG" / "TƯ", "QUYẾT" / "ĐỊNH"). */
static bool broken_type(lt_lctx *c, const lt_lline *a, const lt_lline *b)
{
	char *f;

	if (lt_letter_doc_type(a->f) || lt_letter_doc_type(b->f))
		return false;
	f = lt_arena_printf(c->a, "%s %s", a->f, b->f);
	if (!f)
		c->oom = true;
	return f && lt_letter_doc_type(f);
}

/*
 * Header lines that narrow table cells or text extraction broke in two
 * ("CỘNG" / "HÒA XÃ HỘI …", "Số:" / "1312/KH-UBND", "Sơn" / "La, ngày 11
 * tháng 3" / "năm 2020", "Hà Nội," / "ngày …", "Kính" / "gửi:", "VỀ" /
 * "VIỆC …", "ỦY BAN NHÂN" / "DÂN") are joined again before the header is
 * read. Only adjacent non-blank lines near the top are joined, and only when
 * the joined text is a whole motto, number, date, marker or name.
 */
void lt_letter_join_wraps(lt_lctx *c)
{
	size_t i, lim;

	for (i = 0; i + 1 < c->n && i < 80 && !c->oom;) {
		const lt_lline *a = &c->lines[i], *b = &c->lines[i + 1];
		regmatch_t m[6];
		bool join = false;

		if (a->blank || b->blank) {
			i++;
			continue;
		}
		if (joined_match(c, i, RE_CHXH) || joined_match(c, i, RE_DLTD))
			join = true;
		else if ((!strcmp(a->f, "so") || !strcmp(a->f, "so:")) && b->f[0] >= '0' &&
			 b->f[0] <= '9')
			join = true;
		else if (!strcmp(a->f, "kinh") && (!strncmp(b->f, "gui", 3) || !strncmp(b->f, "goi", 3)))
			join = true;
		else if ((!strcmp(a->f, "ve") || !strcmp(a->f, "ve:")) && !strncmp(b->f, "viec", 4))
			join = true;
		else if (strstr(a->f, "ngay") && joined_match(c, i, RE_NGAY))
			join = true; /* "La, ngày 11 tháng 3" / "năm 2020" */
		else if (a->s[a->n - 1] == ',' && place_words(a, 4) && !strncmp(b->f, "ngay ", 5) &&
			 lt_letter_re(c, RE_NGAY, b->f, m, 1) && m[0].rm_so == 0)
			join = true; /* "Hà Nội," / "ngày 15 tháng 3 năm 2022" */
		else if (lt_letter_words(a->s, a->n) == 1 && lt_letter_word_upper(a->s, a->n) &&
			 lt_letter_word_upper(b->s, b->n) && broken_type(c, a, b))
			join = true; /* "THÔNG" / "TƯ": a type name broken at its word */
		/* a joined line is looked at again with the one after it */
		if (!join || !lt_letter_join_next(c, i))
			i++;
	}
	/*
	 * "Sơn" / "La, ngày …", "Phan" / "Rang ngày …", "TP Hồ Chí" / "Minh, ngày
	 * …": a place's first words alone on the line above its date. Three words
	 * above take only one more: a title-case name above "Hà Nội, ngày" stays.
	 */
	for (i = 0; i + 1 < c->n && i < 80 && !c->oom; i++) {
		const lt_lline *a = &c->lines[i], *b = &c->lines[i + 1];
		regmatch_t m[6];
		const char *comma;
		size_t end, aw, bw;
		lt_lline head;

		if (a->blank || b->blank || !place_words(a, 3) ||
		    !lt_letter_re(c, RE_NGAY, b->f, m, 1))
			continue;
		end = b->map[m[0].rm_so];
		comma = memchr(b->s, ',', end);
		if (comma)
			end = (size_t)(comma - b->s);
		while (end && b->s[end - 1] == ' ')
			end--;
		aw = lt_letter_words(a->s, a->n);
		bw = end ? lt_letter_words(b->s, end) : 0;
		if (bw && lt_lline_sub(c, b, 0, end, &head) && place_words(&head, 3) &&
		    (aw <= 2 ? bw <= 2 : bw == 1))
			lt_letter_join_next(c, i);
	}
	/*
	 * An issuer name broken by a narrow cell: a one-word line in capitals
	 * among the first lines ("UỶ BAN NHÂN" / "DÂN" / "TỈNH BẾN TRE") goes
	 * back onto the line above, or onto the one below when it is first ("BỘ"
	 * / "TÀI CHÍNH"); a line that ends inside a two-word term takes the next.
	 */
	for (lim = 0, i = 0; i < c->n && lim < 4; i++) {
		const lt_lline *a = &c->lines[i];
		regmatch_t m[1];

		if (a->blank)
			continue;
		lim++;
		drop_blanks_after_and(c, i);
		/*
		 * "TỔNG LIÊN" / "ĐOÀN LAO ĐỘNG": a line broken inside a two-word term;
		 * "THƯỜNG TRỰC" / "HĐND - UBND TỈNH HÒA BÌNH": a standing body with
		 * its council on the next line is one issuer, not a parent body; so
		 * is a name broken after its "VÀ" ("BỘ THÔNG TIN VÀ" / "TRUYỀN THÔNG")
		 * and a union or committee that names no unit yet ("BAN CHẤP HÀNH
		 * CĐCS" / "TRƯỜNG THCS X").
		 */
		if (i + 1 < c->n &&
		    (lt_letter_split_term(a, &c->lines[i + 1]) ||
		     ((!strcmp(a->f, "thuong truc") || ends_in_and(a) || union_name_open(a)) &&
		      !c->lines[i + 1].blank &&
		      lt_letter_word_upper(c->lines[i + 1].s, c->lines[i + 1].n) &&
		      !lt_letter_re(c, RE_CHXH, c->lines[i + 1].f, m, 1))) &&
		    lt_letter_join_next(c, i)) {
			i--;
			lim--;
			continue;
		}
		if (lt_letter_words(a->s, a->n) != 1 || lt_letter_has_lower(a->s, a->n) ||
		    !lt_letter_word_upper(a->s, a->n) || lt_letter_re(c, RE_CHXH, a->f, m, 1))
			continue;
		if (i && !c->lines[i - 1].blank &&
		    lt_letter_word_upper(c->lines[i - 1].s, c->lines[i - 1].n) &&
		    lt_letter_words(c->lines[i - 1].s, c->lines[i - 1].n) <= 6) {
			if (lt_letter_join_next(c, i - 1))
				i--;
		} else if (i + 1 < c->n && !c->lines[i + 1].blank &&
			   lt_letter_word_upper(c->lines[i + 1].s, c->lines[i + 1].n) &&
			   lt_letter_words(c->lines[i + 1].s, c->lines[i + 1].n) <= 6) {
			lt_letter_join_next(c, i);
		}
	}
}

/* Folded offset of needle in x at or after off, preceded by a space; x->fn if none. */
static size_t fpos(const lt_lline *x, size_t off, const char *needle)
{
	const char *h = off < x->fn ? strstr(x->f + off, needle) : NULL;

	for (; h; h = strstr(h + 1, needle))
		if (h > x->f && h[-1] == ' ')
			return (size_t)(h - x->f);
	return x->fn;
}

/*
 * A PDF preview that put a whole letter on one line ("1. UBND TỈNH … CỘNG
 * HÒA … Số : 2917 /SGDĐT-VP Phan Rang-Tháp Chàm, ngày … V/v … Kính gửi: -
 * A; - B. Vừa qua, …"): the line is cut again where a letter's lines start
 * (the number, the trích yếu, "Kính gửi", each "- " addressee after its ":"
 * or ";", the body after the last one) before the header is read. The
 * preview's own item number before the first line ("1. UBND …") is dropped.
 */
void lt_letter_split_flat(lt_lctx *c)
{
	size_t i, seen = 0;

	for (i = 0; i < c->n && seen < 3 && !c->oom; i++) {
		const lt_lline *x = &c->lines[i];
		size_t cut[64], nc = 0, p, kg, k, start = 0;
		regmatch_t m[4];
		lt_lline *nl;

		if (x->blank)
			continue;
		seen++;
		if (lt_letter_words(x->s, x->n) < 40 || !lt_letter_re(c, RE_CHXH, x->f, m, 1) ||
		    m[0].rm_so == 0)
			continue;
		kg = fpos(x, 0, "kinh gui");
		if (kg == x->fn)
			kg = fpos(x, 0, "kinh goi");
		if (kg == x->fn)
			continue;
		/* "1. UBND …": the preview's item number */
		for (p = 0; p < x->fn && x->f[p] >= '0' && x->f[p] <= '9'; p++)
			;
		if (p && p + 2 < x->fn && x->f[p] == '.' && x->f[p + 1] == ' ' &&
		    lt_letter_starts_upper(x->s + x->map[p + 2], x->n - x->map[p + 2]))
			start = p + 2;
		if (lt_letter_re(c, RE_NUMBER_MID, x->f, m, 4) && (size_t)m[0].rm_so < kg)
			cut[nc++] = (size_t)m[0].rm_so + 1;
		p = fpos(x, nc ? cut[0] : 0, "v/v");
		if (p < kg)
			cut[nc++] = p;
		cut[nc++] = kg;
		/* each "- " addressee after the ":" of Kính gửi or the ";" of the one before */
		p = kg;
		for (;;) {
			size_t q = fpos(x, p, "- "), b = q;
			while (b > kg && x->f[b - 1] == ' ')
				b--;
			const char *stop = strstr(x->f + p, ". ");
			if (q == x->fn || nc >= 62 || !(x->f[b - 1] == ':' || x->f[b - 1] == ';') ||
			    (stop && (size_t)(stop - x->f) < q))
				break;
			cut[nc++] = q;
			p = q + 2;
		}
		/* the body: after the first ". " past the last addressee, at a capital */
		for (k = p; k + 2 < x->fn; k++) {
			size_t a;
			if (x->f[k] != '.' || x->f[k + 1] != ' ')
				continue;
			a = x->map[k + 2];
			while (a < x->n && (x->s[a] == ' ' || (unsigned char)x->s[a] == 0xCC ||
					    (unsigned char)x->s[a] == 0xCD ||
					    ((unsigned char)x->s[a] >= 0x80 && (unsigned char)x->s[a] < 0xC0)))
				a++;
			if (a < x->n && lt_letter_starts_upper(x->s + a, x->n - a)) {
				cut[nc++] = k + 2;
				break;
			}
		}
		nl = lt_arena_alloc(c->a, (c->n + nc) * sizeof(*nl));
		if (!nl) {
			c->oom = true;
			return;
		}
		memcpy(nl, c->lines, i * sizeof(*nl));
		k = i;
		for (size_t j = 0; j <= nc; j++) {
			size_t a = j ? cut[j - 1] : start, b = j < nc ? cut[j] : x->fn;
			if (a < b && lt_lline_sub(c, x, x->map[a], x->map[b], &nl[k]))
				k++;
		}
		memcpy(nl + k, c->lines + i + 1, (c->n - i - 1) * sizeof(*nl));
		c->n = k + c->n - i - 1;
		c->lines = nl;
		return;
	}
}

/*
 * A page that kept no header and glued the type name to the number
 * ("THÔNG TƯ15/2017/TT-BCT" as its first line): the line is read as the
 * number ("Số: 15/2017/TT-BCT") and then the type line above the title.
 */
void lt_letter_split_type_number(lt_lctx *c)
{
	size_t i, d, k;
	char pre[32];
	const lt_lline *x;
	lt_lline *nl;
	char *num;

	for (i = 0; i < c->n && c->lines[i].blank; i++)
		;
	if (i == c->n)
		return;
	x = &c->lines[i];
	for (d = 0; d < x->fn && d < sizeof(pre) - 1 && !(x->f[d] >= '0' && x->f[d] <= '9'); d++)
		pre[d] = x->f[d];
	if (!d || d >= x->fn || d >= sizeof(pre) - 1 || !lt_letter_word_upper(x->s, x->map[d]))
		return;
	pre[d] = '\0';
	lt_letter_rstrip(pre, " ");
	for (k = d; k < x->fn && x->f[k] >= '0' && x->f[k] <= '9'; k++)
		;
	if (!lt_letter_doc_type(pre) || k >= x->fn || x->f[k] != '/')
		return;
	nl = lt_arena_alloc(c->a, (c->n + 1) * sizeof(*nl));
	num = lt_arena_printf(c->a, "Số: %.*s", (int)(x->n - x->map[d]), x->s + x->map[d]);
	if (!nl || !num || lt_letter_mkline(c, num, strlen(num), &nl[i]) < 0 ||
	    !lt_lline_sub(c, x, 0, x->map[d], &nl[i + 1])) {
		c->oom = true;
		return;
	}
	memcpy(nl, c->lines, i * sizeof(*nl));
	memcpy(nl + i + 2, c->lines + i + 1, (c->n - i - 1) * sizeof(*nl));
	c->lines = nl;
	c->n++;
}
