/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * letter_recipients.c — the "Kính gửi" recipients of a letter, inline or in
 * a list (bulleted, on lines of their own, wrapped), read by lt_letter_head
 * once the header is read; where they end, the body starts.
 */
#include <string.h>

#include "text/letter_int.h"

/* How an addressee on a line of its own starts: a body, or the people who lead one. */
static const char *const addressee_starts[] = {
	"cong doan", "lien doan", "ldld", "uy ban", "ubnd", "so ", "phong ", "ban ", "bo ",
	"cuc ", "vien ", "trung tam", "truong ", "cong ty", "lanh dao", "thu truong",
	"chu tich", "giam doc", "hieu truong", NULL
};

/* Does the line start with a small letter ("thuộc Chính phủ;", "đơn vị …")? */
static bool starts_lower(const lt_lline *x)
{
	size_t k = 1;

	while (k < x->n && ((unsigned char)x->s[k] & 0xC0) == 0x80)
		k++;
	return lt_letter_has_lower(x->s, k);
}

/* Is line j a bullet that names an addressee ("- Hiệu trưởng các trường trực thuộc")? */
static bool next_addressee(const lt_lctx *c, size_t j)
{
	const lt_lline *x;
	const char *f;

	if (j >= c->n || c->lines[j].blank)
		return false;
	x = &c->lines[j];
	if (!lt_letter_bullet(x->s, x->n))
		return false;
	for (f = x->f; *f && !(*f >= 'a' && *f <= 'z'); f++)
		;
	return lt_lstarts_with_any(f, addressee_starts);
}

/*
 * "1. ", "2) ", "a) " before a capital: the marker of a numbered addressee
 * and the spaces after it, as bytes; 0 when the line has none.
 */
static size_t num_marker(const lt_lline *x)
{
	size_t i = 0;

	if (x->n > 1 && x->s[0] >= 'a' && x->s[0] <= 'z' && x->s[1] == ')')
		i = 1;
	else
		while (i < x->n && i < 2 && x->s[i] >= '0' && x->s[i] <= '9')
			i++;
	if (!i || i + 1 >= x->n || (x->s[i] != '.' && x->s[i] != ')') || x->s[i + 1] != ' ')
		return 0;
	for (i += 2; i < x->n && x->s[i] == ' '; i++)
		;
	return i < x->n && lt_letter_starts_upper(x->s + i, x->n - i) ? i : 0;
}

/*
 * An addressee's text; a body paragraph glued to it ("- Phòng Giáo dục …
 * huyện Phú Bình Căn cứ Luật giáo dục năm 2005;") is cut off.
 */
static char *addressee_text(lt_lctx *c, const lt_lline *x)
{
	static const char *const glued[] = { " Căn cứ ", " Thực hiện ", " Thi hành ", NULL };
	char *r = lt_lentry_text(c, x, 0, x->n);

	for (size_t i = 0; r && glued[i]; i++) {
		char *g = strstr(r, glued[i]);
		if (g && g > r) {
			*g = '\0';
			lt_letter_rstrip(r, ".;,:");
		}
	}
	return r;
}

/* "Kính gửi: A" or "Kính gửi:" followed by "- A;" lines. */
void lt_letter_recipients(lt_lctx *c, size_t k, size_t rest)
{
	lt_letter *l = c->l;
	const lt_lline *ln = &c->lines[k];
	size_t a = ln->map[rest], j, nb;
	bool more = true, wrapped = false, own = false, greeting, numbered = false;

	while (a < ln->n) {
		const char *semi = memchr(ln->s + a, ';', ln->n - a);
		size_t b = semi ? (size_t)(semi - ln->s) : ln->n, p = a;
		char *r = lt_lentry_text(c, ln, a, b);
		if (r)
			lt_letter_push(c, &l->recipients, r);
		/*
		 * "Kính gửi:   - Hội Nông dân các tỉnh, thành phố" with no end mark:
		 * a dash list begun on the marker's line goes on below it.
		 */
		while (p < b && ln->s[p] == ' ')
			p++;
		more = semi != NULL || (r && lt_letter_bullet(ln->s + p, b - p) && ln->s[b - 1] != '.');
		a = b + 1;
	}
	/*
	 * An inline addressee that ends with "," or ":" goes on below ("Kính gởi:
	 * Chủ tịch CĐCS các trường THPT, TCCN, CĐ," / "TTGDTX và đơn vị trực
	 * thuộc."; "… các tỉnh:" / "Lào Cai, …," / "Cà Mau, … Quảng Bình"),
	 * blank lines between its pieces aside. A greeting with no colon after
	 * the marker ("Kính gửi quý Chủ tịch Công đoàn Bộ phận,") ends at its
	 * comma, as "Dear …," does: the body follows.
	 */
	greeting = !memchr(ln->f, ':', rest) && ln->n && ln->s[ln->n - 1] == ',';
	for (j = k + 1; l->recipients.n && ln->n && strchr(own ? ",;" : ",:", ln->s[ln->n - 1]) &&
			!greeting && j < c->n && j < k + 9;
	     j++) {
		const lt_lline *x = &c->lines[j];
		regmatch_t mm[1];
		char *r;
		if (x->blank)
			continue;
		if (lt_letter_bullet(x->s, x->n) || lt_letter_words(x->s, x->n) > 25 ||
		    lt_letter_re(c, RE_VV, x->f, mm, 1) || lt_letter_re(c, RE_NN, x->f, mm, 1))
			break;
		/*
		 * "Kính gửi: Các Bộ, các ngành ở Trung ương," / "Các Uỷ ban hành
		 * chính khu, thành, tỉnh;" / "Các Sở, Ty, Phòng Lao động.": a line
		 * under a "," or ";" that opens on "Các" or a body names one more.
		 */
		if (ln->s[ln->n - 1] != ':' && lt_letter_starts_upper(x->s, x->n) &&
		    (!strncmp(x->f, "cac ", 4) || lt_lstarts_with_any(x->f, addressee_starts))) {
			r = lt_lentry_text(c, x, 0, x->n);
			if (r)
				lt_letter_push(c, &l->recipients, r);
			own = true;
			ln = x;
			k = j;
			wrapped = true;
			continue;
		}
		if (own)
			break;
		r = lt_lentry_text(c, x, 0, x->n);
		if (r)
			l->recipients.v[l->recipients.n - 1] = lt_arena_printf(
				c->a, "%s%c %s", l->recipients.v[l->recipients.n - 1], ln->s[ln->n - 1], r);
		if (!l->recipients.v[l->recipients.n - 1])
			c->oom = true;
		ln = x;
		k = j;
		wrapped = true;
	}
	/*
	 * More addressees on lines of their own, with no bullet and no ";"
	 * ("Kính gửi: Lãnh đạo các bộ, ban, ngành …" / "Công đoàn các bộ, ban,
	 * ngành …"): short lines in ordinary case that name a body.
	 */
	for (j = k + 1; l->recipients.n == 1 && !wrapped && !more &&
			!strchr(",:;.", ln->s[ln->n - 1]) && j < c->n && j < k + 6;
	     j++) {
		const lt_lline *x = &c->lines[j];
		char *r;
		if (x->blank)
			continue;
		if (lt_letter_words(x->s, x->n) > 12 || strchr(".:", x->s[x->n - 1]) ||
		    lt_letter_bullet(x->s, x->n) || !lt_letter_starts_upper(x->s, x->n) ||
		    !lt_letter_has_lower(x->s, x->n) || !lt_lstarts_with_any(x->f, addressee_starts))
			break;
		r = lt_lentry_text(c, x, 0, x->n);
		if (r)
			lt_letter_push(c, &l->recipients, r);
		k = j;
	}
	for (j = k + 1; j < c->hz_end + 40 && j < c->n; j++) {
		const lt_lline *x = &c->lines[j];
		if (x->blank) {
			if (l->recipients.n && !more)
				break;
			continue;
		}
		if (lt_letter_bullet(x->s, x->n)) {
			char *r = addressee_text(c, x);
			if (r)
				lt_letter_push(c, &l->recipients, r);
			more = x->s[x->n - 1] != '.';
			/*
			 * "- Các Bộ, cơ quan ngang Bộ, cơ quan" / "thuộc Chính phủ;", "-
			 * Trưởng phòng GD-ĐT các huyện," / "thị.": an entry with no end
			 * mark, or ending in a comma, goes on in the line below when that
			 * starts in small letters.
			 */
			while (r && (!strchr(";.,:", x->s[x->n - 1]) || x->s[x->n - 1] == ',') &&
			       j + 1 < c->n && !c->lines[j + 1].blank && starts_lower(&c->lines[j + 1])) {
				const char *sep = x->s[x->n - 1] == ',' ? ", " : " ";
				char *t;
				x = &c->lines[++j];
				t = lt_lentry_text(c, x, 0, x->n);
				more = x->s[x->n - 1] != '.';
				if (!t)
					continue;
				r = lt_arena_printf(c->a, "%s%s%s", r, sep, t);
				if (!r)
					c->oom = true;
				else
					l->recipients.v[l->recipients.n - 1] = r;
			}
			/* "… thị." / "- Hiệu trưởng các trường …": a full stop and, right under it, one more addressee */
			if (!more && next_addressee(c, j + 1))
				continue;
			if (!more) {
				j++;
				break;
			}
			continue;
		}
		/*
		 * "Kính gửi:" / "1. Ban Chấp hành các CĐCS;" / "2. Các công đoàn bộ
		 * phận.": a numbered list of addressees under a marker with none on
		 * its line, begun at "1." or "a)", read as a bulleted one.
		 */
		nb = num_marker(x);
		if (nb && lt_letter_words(x->s, x->n) <= 25 &&
		    (numbered || (!l->recipients.n && (x->s[0] == '1' || x->s[0] == 'a') &&
				  (x->s[1] == '.' || x->s[1] == ')')))) {
			char *r = lt_lentry_text(c, x, nb, x->n);
			if (r)
				lt_letter_push(c, &l->recipients, r);
			numbered = true;
			more = x->s[x->n - 1] != '.';
			if (!more) {
				j++;
				break;
			}
			continue;
		}
		if (numbered)
			break;
		/* One addressee on its own line: long ones name many places, in one sentence. */
		if (!l->recipients.n && (lt_letter_words(x->s, x->n) <= 20 ||
					 (lt_letter_words(x->s, x->n) <= 40 &&
					  !memchr(x->s, '.', x->n - 1)))) {
			char *r = lt_lentry_text(c, x, 0, x->n);
			/* "Công ty TNHH Nhật Quang" / "(16C Hàm Long, TP. Hà Nội)": its address */
			if (r && j + 1 < c->n && c->lines[j + 1].n > 2 && c->lines[j + 1].s[0] == '(' &&
			    c->lines[j + 1].s[c->lines[j + 1].n - 1] == ')' &&
			    lt_letter_words(c->lines[j + 1].s, c->lines[j + 1].n) <= 12) {
				r = lt_arena_printf(c->a, "%s %s", r, c->lines[j + 1].s);
				j++;
			}
			if (r)
				lt_letter_push(c, &l->recipients, r);
			j++;
		}
		break;
	}
	c->body_start = j;
}
