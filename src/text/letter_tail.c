/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * letter_tail.c — the closing block of a letter: the "Nơi nhận" list of
 * recipients and the signer (signing authority "TM.", "KT.", "Q.", "TL.",
 * "TUQ.", title, name), whether they sit in two columns flattened onto one
 * line or one under the other; and a bare signature with no label at all.
 */
#include <string.h>

#include "text/letter_int.h"

static const char *const title_words[] = {
	"chu tich", "giam doc", "truong", "chu nhiem", "bi thu", "chanh", "uy vien",
	"thu ky", "tong bien tap", "thu truong", "can bo", NULL
};

static bool has_title_word(const char *f)
{
	const char *const *p;

	for (p = title_words; *p; p++)
		if (strstr(f, *p))
			return true;
	return false;
}

/* An upper-case word of two bytes or more starts at or after byte p. */
static bool upper_word_at(const char *s, size_t n, size_t p)
{
	size_t e;

	while (p < n && s[p] == ' ')
		p++;
	e = p;
	while (e < n && s[e] != ' ')
		e++;
	return e - p >= 2 && lt_letter_word_upper(s + p, e - p);
}

/* "TM. BAN THƯỜNG VỤ", "KT. CHỦ TỊCH", "Q. GIÁM ĐỐC", "TL. …", "TUQ. …". */
bool lt_letter_is_auth(const lt_lctx *c, const lt_lline *x)
{
	regmatch_t m[2];

	if (!lt_letter_re(c, RE_AUTH, x->s, m, 2))
		return false;
	if (x->s[m[1].rm_eo - 1] != '.' && x->s[m[1].rm_eo - 1] != '/' &&
	    m[0].rm_eo == m[1].rm_eo)
		return false;
	return upper_word_at(x->s, x->n, (size_t)m[0].rm_eo);
}


static bool name_like(const lt_lline *x);
static bool capitalised(const lt_lline *x);

/* A whole position, folded, as it closes a signing block flattened onto one line. */
static const char *const whole_titles[] = {
	"chu tich", "pho chu tich", "giam doc", "pho giam doc", "tong giam doc",
	"pho tong giam doc", "truong ban", "pho truong ban", "chanh van phong",
	"pho chanh van phong", "bo truong", "thu truong", "hieu truong", "pho hieu truong",
	"bi thu", "pho bi thu", "chu nhiem", "pho chu nhiem", "truong phong",
	"pho truong phong", "cuc truong", "pho cuc truong", "vu truong", "pho vu truong", NULL
};

/*
 * "TM. ĐOÀN CHỦ TỊCH CHỦ TỊCH Nguyễn Đình Khang": an authority, the title
 * and the name flattened onto one line. The name is the capitalised words
 * after the capitals; the title the longest whole position that ends the
 * capitals and leaves the authority a word of its own. Cuts at *t (title)
 * and *nm (name); false when the line is not so made.
 */
static bool flat_signer(const lt_lctx *c, const lt_lline *x, size_t *t, size_t *nm)
{
	regmatch_t m[2];
	size_t p, e, caps_end = 0, body;

	if (!lt_letter_has_lower(x->s, x->n) || !lt_letter_re(c, RE_AUTH, x->s, m, 2))
		return false;
	body = (size_t)m[0].rm_eo;
	for (p = body; p < x->n;) {
		while (p < x->n && x->s[p] == ' ')
			p++;
		for (e = p; e < x->n && x->s[e] != ' '; e++)
			;
		if (e == p || !lt_letter_word_upper(x->s + p, e - p))
			break;
		caps_end = e;
		p = e;
	}
	if (!caps_end || p >= x->n)
		return false;
	{
		lt_lline name = *x;
		name.s = x->s + p;
		name.n = x->n - p;
		name.f = x->f;
		for (size_t i = 0; i < x->fn; i++)
			if (x->map[i] >= p) {
				name.f = x->f + i;
				name.fn = x->fn - i;
				break;
			}
		if (!name_like(&name) || !capitalised(&name))
			return false;
	}
	*t = 0;
	for (size_t fi = 0; fi < x->fn && x->map[fi] < caps_end; fi++) {
		size_t at = x->map[fi], fe = fi;
		if (at <= body || x->s[at - 1] != ' ' || (fi && x->f[fi - 1] != ' '))
			continue;
		while (fe < x->fn && x->map[fe] < caps_end)
			fe++;
		for (const char *const *w = whole_titles; *w; w++)
			if (strlen(*w) == fe - fi && !strncmp(x->f + fi, *w, fe - fi) &&
			    upper_word_at(x->s, at, body)) {
				*t = at;
				break;
			}
		if (*t)
			break;
	}
	*nm = p;
	return *t != 0;
}

/*
 * "Nơi nhận: - Ban …; - Đoàn Chủ tịch TLĐ; - Lưu VT." on one line: the byte
 * after the ";" that ends the first entry followed by " - ", or 0.
 */
static size_t flat_entry_end(const lt_lline *x)
{
	for (size_t p = 1; p + 3 < x->n; p++)
		if (x->s[p] == ';' && x->s[p + 1] == ' ' && lt_letter_bullet(x->s + p + 2, x->n - p - 2))
			return p + 1;
	return 0;
}

/*
 * A closing line flattened from two columns: "- Như trên; CHỦ TỊCH" or
 * "Nơi nhận: TM. BAN THƯỜNG VỤ" → two pieces.
 */
static void tail_line(lt_lctx *c, lt_lsegv *sv, const lt_lline *ln)
{
	regmatch_t m[2];
	lt_lline cur = *ln, right;
	size_t p, k, cut = 0;

	/* two columns kept side by side with spaces: cut where they met */
	if (cur.gap_words) {
		for (p = 0, k = 0; p < cur.n; p++) {
			if ((p && cur.s[p - 1] != ' ') || cur.s[p] == ' ')
				continue;
			if (k++ == cur.gap_words)
				break; /* p: the first word of the right column */
		}
		if (p < cur.n && lt_lline_sub(c, &cur, p, cur.n, &right)) {
			lt_lline left;
			if (lt_lline_sub(c, &cur, 0, p, &left))
				tail_line(c, sv, &left);
			tail_line(c, sv, &right);
			return;
		}
	}
	/* a flattened "Nơi nhận" list: one piece per entry */
	if ((lt_letter_re(c, RE_NN, cur.f, m, 1) || lt_letter_bullet(cur.s, cur.n)) &&
	    (cut = flat_entry_end(&cur)) && lt_lline_sub(c, &cur, cut, cur.n, &right)) {
		lt_lseg_sub(c, sv, &cur, 0, cut);
		tail_line(c, sv, &right);
		return;
	}
	/* "Nơi nhận: Như trên; Lưu VP.": entries with no bullets on the marker's line */
	if (lt_letter_re(c, RE_NN, cur.f, m, 1)) {
		size_t a = 0;
		for (p = 1; p + 2 < cur.n; p++) {
			if (cur.s[p] != ';' || cur.s[p + 1] != ' ')
				continue;
			for (k = p + 1; k < cur.n && cur.s[k] == ' '; k++)
				;
			if (k < cur.n && lt_letter_starts_upper(cur.s + k, cur.n - k)) {
				lt_lseg_sub(c, sv, &cur, a, p + 1);
				a = k;
			}
		}
		if (a && lt_lline_sub(c, &cur, a, cur.n, &right)) {
			tail_line(c, sv, &right);
			return;
		}
	}
	if (flat_signer(c, &cur, &p, &k)) {
		lt_lseg_sub(c, sv, &cur, 0, p);
		lt_lseg_sub(c, sv, &cur, p, k);
		lt_lseg_sub(c, sv, &cur, k, cur.n);
		return;
	}
	cut = 0;
	if (lt_letter_re(c, RE_AUTH_MID, cur.s, m, 2) &&
	    upper_word_at(cur.s, cur.n, (size_t)m[0].rm_eo) &&
	    lt_lline_sub(c, &cur, (size_t)m[1].rm_so, cur.n, &right)) {
		lt_lseg_sub(c, sv, &cur, 0, (size_t)m[1].rm_so);
		lt_lseg_push(c, sv, &right);
		return;
	}
	/* A trailing run of capitals holding a title, after ";" "." "," ":" ")". */
	for (p = cur.n; p > 0;) {
		size_t we = p, ws;
		while (we && cur.s[we - 1] == ' ')
			we--;
		ws = we;
		while (ws && cur.s[ws - 1] != ' ')
			ws--;
		if (ws == we || !lt_letter_word_upper(cur.s + ws, we - ws))
			break;
		k = ws;
		while (k && cur.s[k - 1] == ' ')
			k--;
		if (k && strchr(";.,:)", cur.s[k - 1]) && k < ws)
			cut = ws;
		p = ws;
	}
	/* "BỘ TRƯỞNG, CHỦ NHIỆM" is one title: the left piece must not be capitals only. */
	if (cut && !lt_letter_word_upper(cur.s, cut) && lt_lline_sub(c, &cur, cut, cur.n, &right) &&
	    has_title_word(right.f) &&
	    !lt_letter_is_auth(c, &cur)) {
		lt_lseg_sub(c, sv, &cur, 0, cut);
		lt_lseg_push(c, sv, &right);
		return;
	}
	lt_lseg_push(c, sv, &cur);
}

static bool skip_sig_line(const lt_lline *x)
{
	return x->s[0] == '(' || x->s[0] == '[' || !strncmp(x->f, "da ky", 5) ||
	       !strncmp(x->f, "ky ten", 6) || !strncmp(x->f, "ky,", 3) ||
	       !strncmp(x->f, "chu ky", 6);
}

/* A title in any case ("Chủ tịch", "PHÓ GIÁM ĐỐC"); "truong" alone may be a surname. */
static const char *const title_starts[] = {
	"chu tich", "pho ", "giam doc", "truong ban", "truong phong", "chu nhiem",
	"bi thu", "chanh ", "uy vien", "thu ky", "tong bien tap", "thu truong", NULL
};

static bool name_like(const lt_lline *x)
{
	size_t w = lt_letter_words(x->s, x->n), i;

	if (w < 2 || w > 7 || !lt_letter_starts_upper(x->s, x->n) ||
	    lt_lstarts_with_any(x->f, title_starts))
		return false;
	for (i = 0; i < x->n; i++)
		if ((x->s[i] >= '0' && x->s[i] <= '9') || strchr(":;@/()\"", x->s[i]))
			return false;
	return !(lt_letter_word_upper(x->s, x->n) && has_title_word(x->f));
}

/*
 * The title line: "CHỦ TỊCH", or glued to the name ("PHÓ CHỦ NHIỆMNguyễn
 * Quốc Huy") — split before the capital that precedes the first small letter.
 * Returns false when the line has no capitals-only head.
 */
static bool title_line(lt_lctx *c, const lt_lline *x)
{
	lt_letter *l = c->l;
	size_t i, prev = 0, k;

	if (!lt_letter_has_lower(x->s, x->n)) {
		/* "TỔ CHỨC CUỘC THI “…”": the title of a text sent with the letter */
		if (lt_letter_words(x->s, x->n) > 8)
			return false;
		l->signer.title = lt_letter_subs(c, x, 0, x->n);
		return true;
	}
	for (i = 0; i < x->n; i += k) {
		k = 1;
		while (i + k < x->n && ((unsigned char)x->s[i + k] & 0xC0) == 0x80)
			k++;
		if (lt_letter_has_lower(x->s + i, k))
			break;
		prev = i;
	}
	if (!i || !lt_letter_word_upper(x->s, prev) ||
	    !lt_letter_starts_upper(x->s + prev, x->n - prev)) {
		if (lt_letter_words(x->s, x->n) > 5 || !lt_lstarts_with_any(x->f, title_starts))
			return false;
		l->signer.title = lt_letter_subs(c, x, 0, x->n);
		return true;
	}
	l->signer.title = lt_letter_subs(c, x, 0, prev);
	l->signer.name = lt_letter_subs(c, x, prev, x->n);
	return true;
}

static bool is_title_line(const lt_lline *x)
{
	return lt_letter_words(x->s, x->n) <= 8 && has_title_word(x->f) &&
	       lt_letter_starts_upper(x->s, x->n) && upper_word_at(x->s, x->n, 0);
}

/* The prefixes written out in words, and the abbreviation each stands for. */
static const char *const spelled_auth[][2] = {
	{ "THAY MẶT", "TM." },
	{ "KÝ THAY", "KT." },
	{ "THỪA LỆNH", "TL." },
	{ "THỪA ", "TUQ." }, /* "THỪA ỦY QUYỀN", "THỪA UỶ QUYỀN" */
};

/*
 * "KT.VỤ TRƯỞNG …", "TM/BCH …", "K/T CHỦ TỊCH", "THAY MẶT BAN CHẤP HÀNH" →
 * {"KT.", "VỤ TRƯỞNG …"}, {"TM.", "BAN CHẤP HÀNH"} in signer.auth.
 */
static void auth_add(lt_lctx *c, const lt_lline *x)
{
	lt_letter *l = c->l;
	regmatch_t m[2];
	char pre[8];
	size_t i, k = 0;
	char *of;

	if (l->signer.n_auth >= LT_LETTER_MAX_AUTH || !lt_letter_re(c, RE_AUTH, x->s, m, 2))
		return;
	for (i = 0; i < sizeof(spelled_auth) / sizeof(spelled_auth[0]); i++)
		if (!strncmp(x->s + m[1].rm_so, spelled_auth[i][0], strlen(spelled_auth[i][0])))
			break;
	if (i < sizeof(spelled_auth) / sizeof(spelled_auth[0])) {
		strcpy(pre, spelled_auth[i][1]);
	} else {
		for (i = (size_t)m[1].rm_so; i < (size_t)m[1].rm_eo && k + 2 < sizeof(pre); i++)
			if (x->s[i] >= 'A' && x->s[i] <= 'Z')
				pre[k++] = x->s[i];
		pre[k++] = '.';
		pre[k] = '\0';
	}
	of = lt_letter_subs(c, x, (size_t)m[0].rm_eo, x->n);
	lt_letter_rstrip(of, ".;,:");
	l->signer.auth[l->signer.n_auth].prefix = lt_arena_strdup(c->a, pre);
	l->signer.auth[l->signer.n_auth].of = of && *of ? of : NULL;
	if (!l->signer.auth[l->signer.n_auth].prefix)
		c->oom = true;
	l->signer.n_auth++;
}

/* The first line at or after i that is not blank starts with a bullet. */
static bool next_is_bullet(const lt_lsegv *sv, size_t i)
{
	while (i < sv->n && (sv->v[i].blank || sv->v[i].cut))
		i++;
	return i < sv->n && lt_letter_bullet(sv->v[i].s, sv->v[i].n);
}

/*
 * Lines from i on reach a bulleted line within three: with no blank between,
 * or, when the entries stand one to a paragraph (para), across blank lines.
 */
static bool wraps_entry(const lt_lctx *c, const lt_lsegv *sv, size_t i, bool para)
{
	for (size_t k = 0; k < 3 && i < sv->n; i++) {
		const lt_lline *x = &sv->v[i];
		if (para && (x->blank || x->cut))
			continue;
		if (x->blank || x->cut || lt_letter_is_auth(c, x) || !lt_letter_has_lower(x->s, x->n))
			return false;
		if (lt_letter_bullet(x->s, x->n))
			return true;
		k++;
	}
	return false;
}

/*
 * Line i, in capitals and with no title word, sits between an authority line
 * and a title in capitals, or the authority line above broke inside a term
 * ("TL. CHỦ TỊCH ỦY" / "BAN NHÂN DÂN TỈNH"): it is the rest of the authority.
 */
static bool auth_goes_on(const lt_lsegv *sv, size_t i)
{
	const lt_lline *x = &sv->v[i], *y;
	size_t j = i + 1, p = i;

	while (p && (sv->v[p - 1].blank || sv->v[p - 1].cut))
		p--;
	if (p && lt_letter_split_term(&sv->v[p - 1], x))
		return true;
	if (lt_letter_has_lower(x->s, x->n) || has_title_word(x->f) ||
	    lt_letter_words(x->s, x->n) > 6)
		return false;
	while (j < sv->n && (sv->v[j].blank || sv->v[j].cut))
		j++;
	if (j >= sv->n)
		return false;
	y = &sv->v[j];
	return !lt_letter_has_lower(y->s, y->n) && is_title_line(y);
}

/*
 * "(Ban hành kèm theo Quyết định số …)", "(Kèm theo …)", or "(Ban hành"
 * alone where a narrow cell broke the note: the line that names the
 * decision a text was sent with.
 */
bool lt_letter_attached_note(const lt_lline *x)
{
	return !strncmp(x->f, "(ban hanh kem theo", 18) || !strncmp(x->f, "(kem theo", 9) ||
	       !strcmp(x->f, "(ban hanh");
}

/*
 * The start of a text sent with the letter, after its closing block: its own
 * type alone in capitals ("QUY CHẾ", "QUY ĐỊNH", "THỂ LỆ", "PHỤ LỤC") or
 * "(Ban hành kèm theo …)" / "(Kèm theo …)".
 */
static bool attached_start(const lt_lline *x)
{
	static const char *const heads[] = {
		"quy che", "quy dinh", "ke hoach", "the le", "dieu le", "huong dan",
		"chuong trinh", "phu luc", "danh sach", "danh muc", "de an", "noi quy", NULL
	};
	size_t n = x->fn;

	if (lt_letter_attached_note(x))
		return true;
	while (n && strchr(".: ", x->f[n - 1]))
		n--;
	if (lt_letter_has_lower(x->s, x->n))
		return false;
	for (const char *const *h = heads; *h; h++)
		if (strlen(*h) == n && !strncmp(x->f, *h, n))
			return true;
	return false;
}

/*
 * "Nguyễn Văn An (đã ký)", "… (Ký tên, đóng dấu)": a note of the signing put
 * after the name by the page. The byte where the name before it ends, or 0.
 */
static size_t signed_note(const lt_lline *x)
{
	const char *fo = x->fn > 2 ? strrchr(x->f, '(') : NULL;
	size_t k = x->n;

	if (!fo || !strstr(fo, "ky") || x->n < 3 || x->s[x->n - 1] != ')')
		return 0;
	while (k && x->s[k - 1] != '(')
		k--;
	if (!k--)
		return 0;
	while (k && x->s[k - 1] == ' ')
		k--;
	return k;
}

static void closing(lt_lctx *c, const lt_lsegv *sv)
{
	lt_letter *l = c->l;
	regmatch_t m[1];
	bool cc = false, cc_bullets = false, cc_para = false; /* cc_para: entries one to a paragraph */
	char cc_tail = 0; /* the punctuation cut off the last entry, put back when it goes on */
	int stage = 0; /* 0 looking, 1 after authority, 2 after title, 3 done */
	size_t i, k;
	lt_lline nm;

	for (i = 0; i < sv->n; i++) {
		const lt_lline *x = &sv->v[i];
		if (x->blank || x->cut) {
			/* Entries one to a paragraph ("- Như trên;" / blank / "- …"). */
			if (cc && l->cc.n && !(cc_bullets && next_is_bullet(sv, i + 1))) {
				/* "- VPCP: BTCN;" / blank / "Các Vụ: TH;" / blank / "- Lưu …" */
				if (cc_bullets && wraps_entry(c, sv, i + 1, true))
					cc_para = true;
				else
					cc = false;
			}
			continue;
		}
		if ((cc || stage) && attached_start(x)) {
			cc = false;
			stage = 3;
			continue;
		}
		if (lt_letter_re(c, RE_NN, x->f, m, 1)) {
			char *r = lt_lentry_text(c, x, x->map[m[0].rm_eo], x->n);
			cc = true;
			if (r)
				lt_letter_push(c, &l->cc, r);
			continue;
		}
		if (lt_letter_is_auth(c, x)) {
			if (!l->signer.authority) {
				l->signer.authority = lt_letter_subs(c, x, 0, x->n);
				stage = 1;
			}
			if (stage == 1)
				auth_add(c, x);
			continue;
		}
		/*
		 * In a bulleted list, a line with no bullet between two bulleted
		 * ones continues the entry above ("- VPCP: BTCN;" / "Vụ TH; Cổng TTĐT;").
		 */
		if (cc && cc_bullets && l->cc.n && !lt_letter_bullet(x->s, x->n) &&
		    lt_letter_has_lower(x->s, x->n) && wraps_entry(c, sv, i + 1, cc_para)) {
			char *r = lt_lentry_text(c, x, 0, x->n);
			const char *prev = l->cc.v[l->cc.n - 1];
			if (r)
				l->cc.v[l->cc.n - 1] =
					cc_tail ? lt_arena_printf(c->a, "%s%c %s", prev, cc_tail, r)
						: lt_arena_printf(c->a, "%s %s", prev, r);
			cc_tail = strchr(".;,:", x->s[x->n - 1]) ? x->s[x->n - 1] : 0;
			if (!l->cc.v[l->cc.n - 1])
				c->oom = true;
			continue;
		}
		/* The list runs to a blank line; signer pieces may sit between its lines. */
		if (cc && (lt_letter_bullet(x->s, x->n) || !strncmp(x->f, "nhu ", 4) ||
			   !strncmp(x->f, "luu", 3) || x->s[x->n - 1] == ';')) {
			char *r = lt_lentry_text(c, x, 0, x->n);
			if (r)
				lt_letter_push(c, &l->cc, r);
			cc_bullets = cc_bullets || lt_letter_bullet(x->s, x->n);
			cc_tail = strchr(".;,:", x->s[x->n - 1]) ? x->s[x->n - 1] : 0;
			continue;
		}
		if (stage == 3 || skip_sig_line(x))
			continue;
		if (stage == 1 && auth_goes_on(sv, i)) {
			/* "TM. ỦY BAN" / "NHÂN DÂN" / "CHỦ TỊCH": the authority wrapped */
			const char **of = l->signer.n_auth ? &l->signer.auth[l->signer.n_auth - 1].of
							   : NULL;
			l->signer.authority = lt_arena_printf(c->a, "%s %s", l->signer.authority, x->s);
			if (!l->signer.authority)
				c->oom = true;
			if (of && *of && !(*of = lt_arena_printf(c->a, "%s %s", *of, x->s)))
				c->oom = true;
			continue;
		}
		if ((stage == 1 || (stage == 0 && is_title_line(x))) && title_line(c, x)) {
			stage = l->signer.name ? 3 : 2;
			continue;
		}
		if (stage >= 1 && name_like(x)) {
			l->signer.name = lt_letter_subs(c, x, 0, x->n);
			stage = 3;
		} else if (stage >= 1 && (k = signed_note(x)) && lt_lline_sub(c, x, 0, k, &nm) &&
			   name_like(&nm)) {
			l->signer.name = lt_letter_subs(c, &nm, 0, nm.n);
			stage = 3;
		}
	}
}

/* Every word capitalised, as a person's name is ("Hoàng Ngọc Lâm"). */
static bool capitalised(const lt_lline *x)
{
	for (size_t i = 0; i < x->n; i++)
		if ((i == 0 || x->s[i - 1] == ' ') && !lt_letter_starts_upper(x->s + i, x->n - i))
			return false;
	return true;
}

static bool short_title(const lt_lline *x)
{
	return lt_letter_words(x->s, x->n) <= 5 && lt_lstarts_with_any(x->f, title_starts) &&
	       lt_letter_starts_upper(x->s, x->n);
}

/*
 * No "Nơi nhận", no authority, no title in capitals: the last lines may still
 * sign — "Phó Chủ tịch" / "(Đã ký)" / "Hoàng Ngọc Lâm", or a name beside
 * "(Đã ký)" alone. Sets the signer; returns the first line of the block, or
 * c->n when there is none.
 */
static size_t bare_signature(lt_lctx *c)
{
	lt_letter *l = c->l;
	size_t i, j, found = c->n;

	for (i = c->n; i > c->body_start && i + 8 > c->n; i--) {
		const lt_lline *x = &c->lines[i - 1];
		if (x->blank || !skip_sig_line(x))
			continue;
		/* the name: the nearest line before or after "(Đã ký)" */
		for (j = i; j < c->n && c->lines[j].blank; j++)
			;
		if (j < c->n && name_like(&c->lines[j]) && capitalised(&c->lines[j])) {
			found = j;
		} else {
			for (j = i - 1; j > c->body_start && c->lines[j - 1].blank; j--)
				;
			if (j > c->body_start && name_like(&c->lines[j - 1]) &&
			    capitalised(&c->lines[j - 1]))
				found = j - 1;
		}
		break;
	}
	if (found == c->n)
		return c->n;
	l->signer.name = lt_letter_subs(c, &c->lines[found], 0, c->lines[found].n);
	/* a title just above, in any case */
	for (j = found < i - 1 ? found : i - 1; j > c->body_start; j--) {
		const lt_lline *x = &c->lines[j - 1];
		if (x->blank || skip_sig_line(x) || name_like(x))
			continue;
		if (short_title(x)) {
			l->signer.title = lt_letter_subs(c, x, 0, x->n);
			return j - 1;
		}
		break;
	}
	return found < i - 1 ? found : i - 1;
}

/*
 * "TM." alone on its line, its body on the next ("TM." / "ỦY BAN NHÂN DÂN
 * TỈNH" / "KT. CHỦ TỊCH"): the two lines are one authority.
 */
static void join_bare_prefix(lt_lctx *c)
{
	regmatch_t m[2];

	for (size_t i = c->body_start; i + 1 < c->n && !c->oom; i++) {
		const lt_lline *x = &c->lines[i], *y = &c->lines[i + 1];
		if (!lt_letter_re(c, RE_AUTH, x->s, m, 2) || (size_t)m[0].rm_eo != x->n ||
		    (x->s[x->n - 1] != '.' && x->s[x->n - 1] != '/') || y->blank ||
		    !lt_letter_word_upper(y->s, y->n) || lt_letter_words(y->s, y->n) > 8 ||
		    lt_letter_re(c, RE_AUTH, y->s, m, 2))
			continue;
		lt_letter_join_next(c, i);
	}
}

/*
 * No signature block at all, the letter closing on its signer's title alone
 * ("… tiếp theo." / "Hiệu trưởng."): the last line, when it is only a title,
 * is the signer's title. Returns its line, or c->n.
 */
static size_t closing_title(lt_lctx *c)
{
	static const char *const titles[] = {
		"hieu truong", "hieu pho", "giam doc", "pho giam doc", "tong giam doc",
		"chu tich", "pho chu tich", "truong ban", "truong phong", "bi thu", NULL
	};
	size_t i = c->n, k;
	const lt_lline *x;

	while (i > c->body_start && c->lines[i - 1].blank)
		i--;
	if (i <= c->body_start + 1)
		return c->n;
	x = &c->lines[i - 1];
	k = x->fn && x->f[x->fn - 1] == '.' ? x->fn - 1 : x->fn;
	for (const char *const *t = titles; *t; t++)
		if (strlen(*t) == k && !strncmp(x->f, *t, k) && lt_letter_starts_upper(x->s, x->n)) {
			c->l->signer.title = lt_letter_subs(c, x, 0, x->n);
			lt_letter_rstrip((char *)c->l->signer.title, ".");
			return i - 1;
		}
	return c->n;
}

/*
 * A letter whose header gave no date but that sets its place and date on a
 * line of their own at its close ("Nam Đàn, ngày 05 tháng 12 năm 2023" right
 * above the signing block, or under it): that line gives both. Only a line
 * that is a place and the date, nothing else, within the last lines.
 */
static void date_at_close(lt_lctx *c)
{
	lt_letter *l = c->l;
	size_t i = c->body_end > c->body_start + 2 ? c->body_end - 2 : c->body_start;

	for (; i < c->n && !l->date; i++) {
		const lt_lline *x = &c->lines[i];
		regmatch_t m[6];
		size_t ds, ps, e;
		char iso[11];
		char *pl;

		if (x->blank || lt_letter_words(x->s, x->n) > 12 ||
		    !lt_letter_re(c, RE_NGAY, x->f, m, 6))
			continue;
		ds = x->map[m[0].rm_so];
		ps = lt_letter_place_start(x, ds);
		for (e = (size_t)m[0].rm_eo; e < x->fn && strchr(" .", x->f[e]); e++)
			;
		if (ps || ps == ds || e < x->fn ||
		    !lt_letter_iso(lt_letter_num(x->f, m[1]), lt_letter_num(x->f, m[3]),
				   lt_letter_num(x->f, m[5]), iso))
			continue;
		pl = lt_letter_subs(c, x, 0, ds);
		lt_letter_rstrip(pl, ", ");
		l->place = pl && *pl ? pl : NULL;
		l->date = lt_arena_strdup(c->a, iso);
	}
}

void lt_letter_tail(lt_lctx *c)
{
	regmatch_t m[1];
	lt_lsegv sv = { 0 };
	size_t i, start = c->n;

	join_bare_prefix(c);
	for (i = c->body_start; i < c->n && i < start; i++) {
		const lt_lline *x = &c->lines[i];
		if (lt_letter_re(c, RE_NN, x->f, m, 1) || lt_letter_is_auth(c, x))
			start = i;
	}
	if (start == c->n) {
		/* No "Nơi nhận" and no "TM."/"KT.": a bare title near the end. */
		for (i = c->n; i > c->body_start && i + 12 > c->n; i--) {
			if (is_title_line(&c->lines[i - 1]) &&
			    lt_letter_word_upper(c->lines[i - 1].s, c->lines[i - 1].n))
				start = i - 1;
		}
	}
	if (start == c->n)
		start = bare_signature(c);
	if (start == c->n && !c->l->signer.name)
		start = closing_title(c);
	c->body_end = start;
	c->have_tail = start < c->n;
	for (i = start; i < c->n; i++)
		tail_line(c, &sv, &c->lines[i]);
	closing(c, &sv);
	if (!c->l->date && !c->l->place)
		date_at_close(c);
}
