/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * letter_body.c — what the body of a letter says: the documents it cites
 * (with their dates and issuers), the motto after "phương châm", themes with
 * their items, tasks, e-mail addresses and deadlines. See letter_int.h.
 *
 * Themes and tasks come from a small state machine over the body lines:
 * a heading ("*** …", "**…**", "I. …", capitals, "1. …" followed by
 * bullets) opens a theme whose "- " lines are its items; a paragraph that
 * asks something ("đề nghị", "yêu cầu") and ends with ":" switches to task
 * mode, where "+ " / "- " / numbered lines are tasks. A line that is not a
 * list line continues the previous entry when the entry's text was cut
 * mid-sentence (PDF and hard-wrapped text).
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "text/letter_int.h"

/* Lists that are de-duplicated stop here: a letter cites a handful, not thousands. */
#define LIST_MAX 256
/* A wrapped line is joined to the entry before it only while that stays short. */
#define JOIN_MAX 4000

/* ---- documents cited ---- */

static const char *const by_stops[] = {
	"ve", "v/v", "ban hanh", "nham", "trong", "theo", "voi", "thuc hien", "de nghi",
	"huong dan", "quy dinh", "tai", "da", "dang", "cho", "lien quan", "gui",
	"trien khai", "sau", "nay", "thi", "ngay", "so", "va cac", NULL
};

/* End (folded offset) of an issuer name starting at p: a stop word or punctuation. */
static size_t by_end(const char *f, size_t p, size_t fn)
{
	const char *const *w;
	size_t i = p, words = 0;

	while (i < fn) {
		unsigned char ch = (unsigned char)f[i];
		if (ch == ' ') {
			for (w = by_stops; *w; w++) {
				size_t k = strlen(*w);
				char nx;
				if (strncmp(f + i + 1, *w, k))
					continue;
				nx = f[i + 1 + k];
				if (nx == ' ' || nx == '\0' || strchr(";,.:", nx))
					return i;
			}
			if (++words >= 20)
				return i;
		} else if (ch == '.') {
			/* "TP. Hà Nội": a short abbreviation, not the end of the name. */
			size_t ws = i;
			while (ws > p && f[ws - 1] != ' ')
				ws--;
			if (i - ws > 3 || i + 1 >= fn)
				return i;
		} else if (strchr(";,:()\"!?", ch) || ch == 0xE2 || ch == 0xC2) {
			return i; /* quotes, dashes, « » */
		}
		i++;
	}
	return fn;
}

static void refs_line(lt_lctx *c, const lt_lline *x)
{
	lt_letter *l = c->l;
	regmatch_t m[6], dm[7], bm[2];
	size_t off = 0, i;
	char head[100];

	while (off < x->fn && lt_letter_re_at(c, RE_REF, x->f, off, x->fn, m, 6)) {
		size_t e = (size_t)m[0].rm_eo;
		char *sym = lt_letter_sub(c, x, (size_t)m[5].rm_so, (size_t)m[5].rm_eo);
		char *num;
		lt_letter_ref r = { 0 };
		bool dup = false;

		lt_letter_rstrip(sym, ".-/");
		num = sym ? lt_arena_printf(c->a, "%.*s/%s", (int)(m[4].rm_eo - m[4].rm_so),
					    x->f + m[4].rm_so, sym)
			  : NULL;
		if (!num) {
			c->oom = true;
			return;
		}
		for (i = 0; i < l->n_refs; i++)
			if (!strcmp(l->refs[i].number, num))
				dup = true;
		off = e > off ? e : off + 1;
		if (dup || (l->number && !strcmp(l->number, num)) || l->n_refs >= LIST_MAX)
			continue;
		r.number = num;
		/* The date and "của" follow closely: match on a short copy, not the whole line. */
		snprintf(head, sizeof(head), "%.*s", (int)(x->fn - e < 96 ? x->fn - e : 96), x->f + e);
		if (lt_letter_re(c, RE_REF_DATE, head, dm, 7)) {
			char iso[11];
			if (lt_letter_iso(lt_letter_num(head, dm[2]), lt_letter_num(head, dm[4]),
					  lt_letter_num(head, dm[6]), iso))
				r.date = lt_arena_strdup(c->a, iso);
			e += (size_t)dm[0].rm_eo;
		}
		snprintf(head, sizeof(head), "%.*s", (int)(x->fn - e < 96 ? x->fn - e : 96), x->f + e);
		if (lt_letter_re(c, RE_REF_BY, head, bm, 2)) {
			size_t p = e + (size_t)bm[0].rm_eo, q = by_end(x->f, p, x->fn);
			if (q > p)
				r.issuer = lt_letter_sub(c, x, p, q);
		}
		if (lt_arena_grow(c->a, &l->refs, l->n_refs, &l->cap_refs, sizeof(*l->refs), 8)) {
			c->oom = true;
			return;
		}
		l->refs[l->n_refs++] = r;
	}
}

/* ---- motto, e-mails, deadlines ---- */

/* Length of a quote mark at p (“ ” ‘ ’ « » "), or 0. */
static size_t quote_len(const char *p)
{
	const unsigned char *u = (const unsigned char *)p;

	if (u[0] == '"')
		return 1;
	if (u[0] == 0xE2 && u[1] == 0x80 && u[2] >= 0x98 && u[2] <= 0x9D && u[2] != 0x9A &&
	    u[2] != 0x9B)
		return 3;
	if (u[0] == 0xC2 && (u[1] == 0xAB || u[1] == 0xBB))
		return 2;
	return 0;
}

static void motto_line(lt_lctx *c, const lt_lline *x)
{
	const char *h = strstr(x->f, "phuong cham");
	size_t i, k = 0, q;

	if (!h)
		return;
	for (i = (size_t)(h - x->f) + 11; i < x->fn && i < (size_t)(h - x->f) + 60; i++) {
		k = quote_len(x->f + i);
		if (k)
			break;
	}
	if (!k)
		return;
	for (q = i + k; q < x->fn && !quote_len(x->f + q); q++)
		;
	if (q >= x->fn || q == i + k)
		return;
	c->l->motto = lt_letter_sub(c, x, i + k, q);
}

static bool email_local(char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
	       (ch && strchr("._%+-", ch));
}

static bool email_label(char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
	       ch == '-';
}

/*
 * The next match of [A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+ in
 * s[off, n) as [*a, *b): found from each '@' outwards. A regexec search
 * tried every start and ran each to the end of a run of letters, O(n²) on a
 * long line with no '@' (a cadre's 2 MB upload held a thread for hours);
 * here each byte is looked at a bounded number of times.
 */
static bool next_email(const char *s, size_t off, size_t n, size_t *a, size_t *b)
{
	for (const char *at = memchr(s + off, '@', n - off); at;
	     at = (size_t)(at - s) + 1 < n ? memchr(at + 1, '@', n - (size_t)(at - s) - 1) : NULL) {
		size_t p = (size_t)(at - s), lo = p, hi = p + 1, groups = 0;

		while (lo > off && email_local(s[lo - 1]))
			lo--;
		if (lo == p)
			continue;
		while (hi < n && email_label(s[hi]))
			hi++;
		if (hi == p + 1)
			continue;
		while (hi + 1 < n && s[hi] == '.' && email_label(s[hi + 1])) {
			for (hi++; hi < n && email_label(s[hi]); hi++)
				;
			groups++;
		}
		if (!groups)
			continue;
		*a = lo;
		*b = hi;
		return true;
	}
	return false;
}

static void emails_line(lt_lctx *c, const lt_lline *x)
{
	lt_letter *l = c->l;
	size_t off = 0, a, b, i;

	while (off < x->n && next_email(x->s, off, x->n, &a, &b)) {
		char *em;
		bool dup = false;
		off = b > off ? b : off + 1;
		while (b > a && (x->s[b - 1] == '.' || x->s[b - 1] == '-'))
			b--;
		while (a < b && (x->s[a] == '.' || x->s[a] == '-'))
			a++;
		if (b - a > 254 || !memchr(x->s + a, '@', b - a))
			continue;
		em = lt_letter_subs(c, x, a, b);
		if (!em || !strchr(strchr(em, '@'), '.'))
			continue;
		for (i = 0; i < l->emails.n; i++)
			if (!strcasecmp(l->emails.v[i], em))
				dup = true;
		if (!dup && l->emails.n < LIST_MAX)
			lt_letter_push(c, &l->emails, em);
	}
}

static const char *const dl_words[] = {
	"truoc", "cham nhat", "muon nhat", "han chot", "han cuoi", "thoi han", "han nop",
	"khong qua", "het ngay", NULL
};

static void deadline_add(lt_lctx *c, long d, long mo, long y)
{
	lt_letter *l = c->l;
	char iso[11];
	size_t i;

	if (y < 0) {
		/* "trước ngày 25/01": the year of the letter, or the next one. */
		if (!l->date) {
			lt_letter_warn(c, "deadlines", "a deadline without a year was skipped",
				       "bỏ qua thời hạn không ghi năm");
			return;
		}
		y = (l->date[0] - '0') * 1000 + (l->date[1] - '0') * 100 +
		    (l->date[2] - '0') * 10 + (l->date[3] - '0');
		if (lt_letter_iso(d, mo, y, iso) && strcmp(iso, l->date) < 0)
			y++;
		lt_letter_warn(c, "deadlines", "year taken from the letter's date",
			       "năm của thời hạn lấy theo ngày ban hành");
	}
	if (!lt_letter_iso(d, mo, y, iso) || l->deadlines.n >= LIST_MAX)
		return;
	for (i = 0; i < l->deadlines.n; i++)
		if (!strcmp(l->deadlines.v[i], iso))
			return;
	lt_letter_push(c, &l->deadlines, lt_arena_strdup(c->a, iso));
}

/* Dates in a line that follow "trước", "chậm nhất", "hạn chót", …: deadlines. */
static void deadlines_line(lt_lctx *c, const lt_lline *x)
{
	regmatch_t a[7], b[6];
	size_t off = 0, last = 0;
	bool ha = true, hb = true, fresh_a = false, fresh_b = false;

	while (off < x->fn) {
		size_t ds, de, ws, wl;
		bool y;
		char win[64];
		const char *const *w;

		/* Each pattern's next match is kept until passed: one scan per pattern. */
		if (ha && (!fresh_a || (size_t)a[2].rm_so < off)) {
			ha = lt_letter_re_at(c, RE_DATE_Y, x->f, off, x->fn, a, 7);
			fresh_a = true;
		}
		if (hb && (!fresh_b || (size_t)b[2].rm_so < off)) {
			hb = lt_letter_re_at(c, RE_DATE_NY, x->f, off, x->fn, b, 6);
			fresh_b = true;
		}
		if (!ha && !hb)
			break;
		y = ha && (!hb || a[2].rm_so <= b[2].rm_so);
		ds = (size_t)(y ? a[2].rm_so : b[2].rm_so);
		de = (size_t)(y ? a[6].rm_eo : b[4].rm_eo);
		ws = ds > last + 48 ? ds - 48 : last;
		if (ws > ds)
			ws = ds;
		memcpy(win, x->f + ws, ds - ws);
		win[ds - ws] = '\0';
		lt_letter_rstrip(win, " ");
		/*
		 * "… nghỉ học từ ngày 01/02/2021. … đã thông báo trước đó, tức là đến
		 * hết ngày 16/02/2021": right before a date that follows an earlier
		 * one, "đến hết ngày" ends the period, whatever deadline word stands
		 * further back.
		 */
		wl = strlen(win);
		if (last && wl >= 12 && !strcmp(win + wl - 12, "den het ngay"))
			w = NULL;
		else
			w = dl_words;
		for (; w && *w; w++) {
			if (!strstr(win, *w))
				continue;
			/*
			 * "Từ ngày 15 tháng 01 đến hết ngày 19 tháng 01 năm 2018": after
			 * an earlier date in the line, "đến hết ngày" ends a period (an
			 * absence, a holiday), it sets no deadline.
			 */
			if (last && !strcmp(*w, "het ngay") && strstr(win, "den het ngay"))
				break;
			if (y)
				deadline_add(c, lt_letter_num(x->f, a[2]), lt_letter_num(x->f, a[4]),
					     lt_letter_num(x->f, a[6]));
			else
				deadline_add(c, lt_letter_num(x->f, b[2]), lt_letter_num(x->f, b[4]),
					     -1);
			break;
		}
		last = de;
		off = de > off ? de : off + 1;
	}
}

/* ---- themes and tasks ---- */

enum { K_PLAIN, K_HEAD, K_NUM, K_BULLET, K_PLUS };

/* Length of "1. ", "2) ", "1.2. " numbering at s, or 0. */
static size_t num_len(const char *s, size_t n)
{
	size_t i = 0, d = 0;
	bool mark = false;

	while (i < n && s[i] >= '0' && s[i] <= '9' && d < 3) {
		i++;
		d++;
	}
	if (!d || d > 2)
		return 0;
	while (i + 1 < n && s[i] == '.' && s[i + 1] >= '0' && s[i + 1] <= '9') {
		i++;
		mark = true;
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++;
	}
	if (i < n && (s[i] == '.' || s[i] == ')')) {
		i++;
		mark = true;
	}
	return mark && i < n && s[i] == ' ' ? i + 1 : 0;
}

static bool asks(const char *f)
{
	return strstr(f, "de nghi") || strstr(f, "yeu cau");
}

static int line_kind(const lt_lctx *c, const lt_lline *x, size_t *skip)
{
	regmatch_t m[1];
	size_t w = lt_letter_words(x->s, x->n), k;
	bool colon = x->s[x->n - 1] == ':';

	*skip = 0;
	if (lt_letter_re(c, RE_ROMAN, x->s, m, 1)) {
		*skip = (size_t)m[0].rm_eo;
		return K_HEAD;
	}
	if (x->stars >= 2 && w <= 30 && !(colon && asks(x->f))) {
		*skip = num_len(x->s, x->n);
		return K_HEAD;
	}
	k = num_len(x->s, x->n);
	if (k) {
		*skip = k;
		return K_NUM;
	}
	k = lt_letter_bullet(x->s, x->n);
	if (k) {
		*skip = k;
		return x->s[0] == '+' ? K_PLUS : K_BULLET;
	}
	if (x->fn > 3 && x->f[0] >= 'a' && x->f[0] <= 'h' && (x->f[1] == ')' || x->f[1] == '.') &&
	    x->f[2] == ' ') {
		*skip = x->map[3];
		return K_BULLET;
	}
	if (w >= 2 && w <= 20 && lt_letter_word_upper(x->s, x->n))
		return K_HEAD;
	return K_PLAIN;
}

static bool ends_open(const char *s)
{
	size_t n = strlen(s);

	while (n && strchr(" \"')]", s[n - 1]))
		n--;
	/* closing quotes ” ’ */
	while (n >= 3 && (unsigned char)s[n - 3] == 0xE2 && (unsigned char)s[n - 2] == 0x80 &&
	       ((unsigned char)s[n - 1] == 0x9D || (unsigned char)s[n - 1] == 0x99))
		n -= 3;
	return !n || !strchr(".;:!?", s[n - 1]);
}

static bool starts_lower(const lt_lline *x)
{
	size_t k = 1;

	while (k < x->n && ((unsigned char)x->s[k] & 0xC0) == 0x80)
		k++;
	return lt_letter_has_lower(x->s, k);
}

static void add_section(lt_lctx *c, char *title)
{
	lt_letter *l = c->l;

	if (!title)
		return;
	lt_letter_rstrip(title, ":");
	if (l->n_sections == l->cap_sections) {
		size_t nc = l->cap_sections ? l->cap_sections * 2 : 8;
		lt_letter_section *ns = lt_arena_alloc(c->a, nc * sizeof(*ns));
		if (!ns) {
			c->oom = true;
			return;
		}
		if (l->n_sections)
			memcpy(ns, l->sections, l->n_sections * sizeof(*ns));
		l->sections = ns;
		l->cap_sections = nc;
	}
	memset(&l->sections[l->n_sections], 0, sizeof(l->sections[0]));
	l->sections[l->n_sections++].title = title;
}

static void lists(lt_lctx *c)
{
	lt_letter *l = c->l;
	lt_letter_strv *last = NULL; /* the list whose last entry a wrapped line continues */
	bool task_mode = false, prev_blank = true, prev_plain = false, para_ask = false;
	bool in_sec = false;
	size_t i, j, skip, nskip;

	for (i = c->body_start; i < c->body_end; i++) {
		const lt_lline *x = &c->lines[i];
		int kind;
		char *t;

		if (x->blank) {
			prev_blank = true;
			continue;
		}
		kind = line_kind(c, x, &skip);
		if (kind == K_NUM) {
			/* "1. …" with bullets under it is a theme; in task mode, a task. */
			int nk = K_PLAIN;
			for (j = i + 1; j < c->body_end; j++) {
				if (!c->lines[j].blank) {
					nk = line_kind(c, &c->lines[j], &nskip);
					break;
				}
			}
			if (nk == K_BULLET || nk == K_PLUS || !task_mode)
				kind = K_HEAD;
		}
		switch (kind) {
		case K_HEAD:
			add_section(c, lt_letter_subs(c, x, skip, x->n));
			in_sec = true;
			task_mode = false;
			last = NULL;
			break;
		case K_NUM:
		case K_BULLET:
		case K_PLUS:
			t = lt_letter_subs(c, x, skip, x->n);
			last = NULL;
			if (!t || !*t)
				break;
			if (task_mode || (kind == K_PLUS && !in_sec) || kind == K_NUM)
				last = &l->tasks;
			else if (in_sec && l->n_sections)
				last = &l->sections[l->n_sections - 1].items;
			if (last)
				lt_letter_push(c, last, t);
			break;
		default:
			if (!prev_blank && last && last->n && strlen(last->v[last->n - 1]) < JOIN_MAX &&
			    (ends_open(last->v[last->n - 1]) || starts_lower(x))) {
				t = lt_arena_printf(c->a, "%s %s", last->v[last->n - 1], x->s);
				if (t)
					last->v[last->n - 1] = t;
				else
					c->oom = true;
				break;
			}
			if (prev_blank || !prev_plain)
				para_ask = false;
			para_ask = para_ask || asks(x->f);
			if (x->s[x->n - 1] == ':' && para_ask) {
				task_mode = true;
				in_sec = false;
			} else if (x->s[x->n - 1] != ':') {
				task_mode = false;
			}
			last = NULL;
		}
		prev_blank = false;
		prev_plain = kind == K_PLAIN;
	}
}

void lt_letter_body(lt_lctx *c)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		emails_line(c, &c->lines[i]);
	for (i = c->body_start; i < c->body_end; i++) {
		const lt_lline *x = &c->lines[i];
		if (x->blank)
			continue;
		refs_line(c, x);
		if (!c->l->motto)
			motto_line(c, x);
		deadlines_line(c, x);
	}
	lists(c);
}
