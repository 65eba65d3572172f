/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * letter_head.c — the header of a letter: issuer and parent body, "Số"
 * (read by letter_number.c), place and date, "V/v" subject; then the "Kính gửi" recipients
 * (letter_recipients.c), after the header's lines are put back as laid out
 * (letter_layout.c). The line pieces both ends of a letter are cut into are
 * in letter_seg.c; the closing block is in letter_tail.c.
 *
 * Header columns are often flattened onto the same lines ("ỦY BAN NHÂN DÂN
 * CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), so each header line is first cut
 * into pieces: the national motto is cut out and dropped, the place and date
 * are cut out and kept, and what is left is classified piece by piece.
 */
#include <string.h>

#include "text/letter_int.h"

/*
 * Text set in capitals: fewer than a third of its words hold a small letter
 * (a capitals title keeps "QĐ-TTg" or "thanh tra" and is still capitals).
 */
static bool caps_text(const char *s, size_t n)
{
	size_t i = 0, words = 0, lower = 0;

	while (i < n) {
		size_t e;
		while (i < n && s[i] == ' ')
			i++;
		for (e = i; e < n && s[e] != ' '; e++)
			;
		if (e > i) {
			words++;
			lower += lt_letter_has_lower(s + i, e - i);
		}
		i = e;
	}
	return words && lower * 3 < words;
}

/* True when the date at folded offset so follows a document number ("số 228/LĐLĐ ngày"). */
static bool is_ref_date(const char *f, size_t so)
{
	size_t p = so, t;
	bool slash = false, letter = false;

	while (p && (f[p - 1] == ' ' || f[p - 1] == ','))
		p--;
	t = p;
	while (t && ((f[t - 1] >= 'a' && f[t - 1] <= 'z') || (f[t - 1] >= '0' && f[t - 1] <= '9') ||
		     f[t - 1] == '/' || f[t - 1] == '-' || f[t - 1] == '.')) {
		if (f[t - 1] == '/')
			slash = true;
		if (f[t - 1] >= 'a' && f[t - 1] <= 'z')
			letter = true;
		t--;
	}
	return slash && letter && t < p && f[t] >= '0' && f[t] <= '9';
}

/* A header piece: cut out the place and the date (first one only). */
static void date_piece(lt_lctx *c, lt_lsegv *sv, const lt_lline *ln, size_t a, size_t b)
{
	lt_letter *l = c->l;
	lt_lline x;
	regmatch_t m[6];
	size_t off = 0;

	if (!lt_lline_sub(c, ln, a, b, &x))
		return;
	while (!l->date && !l->place && off < x.fn &&
	       lt_letter_re_at(c, RE_NGAY, x.f, off, x.fn, m, 6)) {
		size_t so = (size_t)m[0].rm_so, eo = (size_t)m[0].rm_eo;
		size_t ds = x.map[so], ps;
		char iso[11];
		if (is_ref_date(x.f, so)) {
			off = eo;
			continue;
		}
		ps = lt_letter_place_start(&x, ds);
		/*
		 * No place before it and more than four words in ordinary case: a
		 * date inside a sentence ("Về sơ kết … Thông tri số 17- TT/TU ngày
		 * 07 tháng 10 năm 2008 …"), not the letter's own. (Capitals before
		 * it are a flattened header's other column.)
		 */
		if (ps == ds && lt_letter_words(x.s, ds) > 4 && !caps_text(x.s, ds)) {
			off = eo;
			continue;
		}
		if (lt_letter_iso(lt_letter_num(x.f, m[1]), lt_letter_num(x.f, m[3]),
				  lt_letter_num(x.f, m[5]), iso))
			l->date = lt_arena_strdup(c->a, iso);
		else
			lt_letter_warn(c, "date", "not a valid date", "ngày ban hành không hợp lệ");
		if (ps < ds) {
			char *pl = lt_letter_subs(c, &x, ps, ds);
			lt_letter_rstrip(pl, ",");
			l->place = pl && *pl ? pl : NULL;
		}
		lt_lseg_sub(c, sv, &x, 0, ps);
		lt_lseg_sub(c, sv, &x, x.map[eo], x.n);
		return;
	}
	/*
	 * "Nam Đàn, 05/12/2023", "Hà Nội, 5 tháng 12 năm 2023": a place and the
	 * date with no "ngày" between, the date ending the piece right after the
	 * place's comma, and nothing before the place but capitals (a flattened
	 * header's other column).
	 */
	if (!l->date && !l->place && lt_letter_re(c, RE_PLACE_DATE, x.f, m, 6)) {
		size_t ds = x.map[m[0].rm_so], ps = lt_letter_place_start(&x, ds);
		char iso[11];
		if (ps < ds && (!lt_letter_words(x.s, ps) || caps_text(x.s, ps)) &&
		    lt_letter_iso(lt_letter_num(x.f, m[1]), lt_letter_num(x.f, m[3]),
				  lt_letter_num(x.f, m[5]), iso)) {
			char *pl = lt_letter_subs(c, &x, ps, ds);
			lt_letter_rstrip(pl, ",");
			l->place = pl && *pl ? pl : NULL;
			l->date = lt_arena_strdup(c->a, iso);
			lt_lseg_sub(c, sv, &x, 0, ps);
			return;
		}
	}
	/* A draft's "Hà Nội, ngày    tháng   năm 2020": day and month blank, the place stands. */
	if (!l->date && !l->place && lt_letter_re(c, RE_NGAY_BLANK, x.f, m, 1)) {
		size_t ds = x.map[m[0].rm_so], ps = lt_letter_place_start(&x, ds);
		if (ps < ds) {
			char *pl = lt_letter_subs(c, &x, ps, ds);
			lt_letter_rstrip(pl, ",");
			l->place = pl && *pl ? pl : NULL;
			lt_letter_warn(c, "date", "the day and month are blank",
				       "ngày, tháng ban hành để trống");
			lt_lseg_sub(c, sv, &x, 0, ps);
			lt_lseg_sub(c, sv, &x, x.map[m[0].rm_eo], x.n);
			return;
		}
	}
	lt_lseg_push(c, sv, &x);
}

/* A header line: drop the national motto wherever it sits, then dates. */
static void header_line(lt_lctx *c, lt_lsegv *sv, const lt_lline *ln)
{
	static const int motto[] = { RE_CHXH, RE_DLTD, RE_DCS, RE_DTN };
	lt_lline cur = *ln, next;
	size_t before = sv->n, k;
	bool motto_cut = false;

	/* Two columns hold the motto in two pieces at most; more is not a header. */
	for (int round = 0; round < 4; round++) {
		regmatch_t m[1], best = { -1, -1 };
		for (k = 0; k < 4; k++) {
			if (!lt_letter_re(c, motto[k], cur.f, m, 1))
				continue;
			/* "Đảng Cộng sản Việt Nam" is a motto only in capitals. */
			if ((motto[k] == RE_DCS || motto[k] == RE_DTN) &&
			    !lt_letter_word_upper(cur.s + cur.map[m[0].rm_so],
						  cur.map[m[0].rm_eo] - cur.map[m[0].rm_so]))
				continue;
			/*
			 * "ĐOÀN TNCS HỒ CHÍ MINH", the Đoàn's heading where a state
			 * letter has the motto: a line of its own, or the column after a
			 * run of spaces ("BAN CHẤP HÀNH TRUNG ƯƠNG      ĐOÀN TNCS …").
			 */
			if (motto[k] == RE_DTN && m[0].rm_so &&
			    (!cur.gap_words ||
			     lt_letter_words(cur.s, cur.map[m[0].rm_so]) != cur.gap_words))
				continue;
			if (best.rm_so < 0 || m[0].rm_so < best.rm_so)
				best = m[0];
		}
		if (best.rm_so < 0)
			break;
		motto_cut = true;
		date_piece(c, sv, &cur, 0, cur.map[best.rm_so]);
		if (!lt_lline_sub(c, &cur, cur.map[best.rm_eo], cur.n, &next))
			goto done;
		cur = next;
	}
	date_piece(c, sv, &cur, 0, cur.n);
done:
	/* A line that held only the motto ends a wrapped subject; a date alone does not. */
	if (motto_cut && sv->n == before) {
		lt_lline mark = *ln;
		mark.cut = true;
		lt_lseg_push(c, sv, &mark);
	}
}

bool lt_lstarts_with_any(const char *f, const char *const *list)
{
	for (; *list; list++)
		if (!strncmp(f, *list, strlen(*list)))
			return true;
	return false;
}

static const char *const org_starts[] = {
	"lien doan", "ldld", "cong doan", "tong lien doan", "uy ban", "ubnd", "so ",
	"phong ", "ban ", "dang uy", "dang bo", "hoi ", "truong ", "cong ty", "bo ",
	"cuc ", "vien ", "trung tam", "doan ", "tinh uy", "thanh uy", "huyen uy", NULL
};

static const char *const localities[] = {
	"huyen ", "quan ", "tinh ", "thanh pho ", "tp ", "tp.", "thi xa ", "xa ",
	"phuong ", "thi tran ", "khu ", NULL
};

/*
 * Does folded f name a place ("TỈNH BÌNH DƯƠNG", "UBND HUYỆN …")? "xã" of
 * "bảo hiểm xã hội" is no commune, and "TỈNH ĐOÀN", "HUYỆN ỦY" name a body
 * (the Đoàn's, the Party's), not the place.
 */
static bool has_locality(const char *f)
{
	const char *const *p;

	for (p = localities; *p; p++) {
		for (const char *h = strstr(f, *p); h; h = strstr(h + 1, *p)) {
			const char *w = h + strlen(*p);
			if ((h == f || h[-1] == ' ') && strncmp(h, "xa hoi", 6) &&
			    !((!strncmp(w, "doan", 4) && (w[4] == ' ' || !w[4])) ||
			      (!strncmp(w, "uy", 2) && (w[2] == ' ' || !w[2]))))
				return true;
		}
	}
	return strstr(f, "viet nam") != NULL;
}

/* A capitals name with one colon, after its first word ("TRƯỜNG: THCS MÔNG ÂN"). */
static bool head_colon(const lt_lline *x)
{
	const char *col = memchr(x->s, ':', x->n), *sp = memchr(x->s, ' ', x->n);

	return col && sp && col + 1 == sp && !memchr(col + 1, ':', x->n - (size_t)(col + 1 - x->s)) &&
	       lt_letter_word_upper(x->s, x->n) && lt_letter_words(x->s, x->n) >= 3;
}

static bool issuer_like(const lt_lline *x)
{
	size_t i, k, up = 0, lo = 0, w = lt_letter_words(x->s, x->n);

	/* A long name is an issuer only in capitals ("TỔ CÔNG TÁC … CỦA THỦ TƯỚNG CHÍNH PHỦ"). */
	if (w > 14 && (w > 22 || lt_letter_has_lower(x->s, x->n)))
		return false;
	/* a colon marks a label ("Số:", "Nơi nhận:"), but for "TRƯỜNG: THCS MÔNG ÂN" */
	if (w < 1 || lt_letter_bullet(x->s, x->n) || (memchr(x->s, ':', x->n) && !head_colon(x)) ||
	    memchr(x->s, '@', x->n) || (x->s[0] >= '0' && x->s[0] <= '9'))
		return false;
	for (i = 0; i < x->n; i += k) {
		const char *p = x->s + i;
		k = 1;
		while (i + k < x->n && ((unsigned char)p[k] & 0xC0) == 0x80)
			k++;
		if (lt_letter_word_upper(p, k))
			up++;
		else if (lt_letter_has_lower(p, k))
			lo++;
	}
	if (up + lo < 2)
		return false;
	return up * 10 >= (up + lo) * 7 || lt_lstarts_with_any(x->f, org_starts);
}

/* The line naming who decides, under a decision's title ("ỦY BAN NHÂN DÂN TỈNH …"). */
static const char *const deciders[] = {
	"uy ban nhan dan", "chu tich uy ban", "bo truong", "thu tuong", "doan chu tich",
	"ban chap hanh", "ban thuong vu", "giam doc", "tong giam doc", "hieu truong",
	"cuc truong", "tong cuc truong", NULL
};

typedef struct hstate {
	bool closed;    /* issuer candidates end at the number / subject */
	int subj_lines; /* lines taken into the subject so far, 0 = not in one */
	bool subj_done;
	lt_lsegv cands;
} hstate;

/* Next word of folded f from *p (letters and digits), its length; 0 at the end. */
static size_t fword(const char *f, size_t n, size_t *p)
{
	size_t a = *p, e;

	while (a < n && !((f[a] >= 'a' && f[a] <= 'z') || (f[a] >= '0' && f[a] <= '9')))
		a++;
	for (e = a; e < n && ((f[e] >= 'a' && f[e] <= 'z') || (f[e] >= '0' && f[e] <= '9')); e++)
		;
	*p = a;
	return e - a;
}

/* Are the three or more words of x all words of the issuer candidates? */
static bool issuers_words(const lt_lsegv *cands, const lt_lline *x)
{
	size_t p = 0, k, count = 0;

	while ((k = fword(x->f, x->fn, &p)) > 0) {
		bool found = false;
		for (size_t i = 0; i < cands->n && !found; i++) {
			const lt_lline *y = &cands->v[i];
			size_t q = 0, kk;
			while (!found && (kk = fword(y->f, y->fn, &q)) > 0) {
				found = kk == k && !memcmp(y->f + q, x->f + p, k);
				q += kk;
			}
		}
		if (!found)
			return false;
		count++;
		p += k;
	}
	return count >= 3;
}

static void subject_add(lt_lctx *c, const lt_lline *x, size_t fa)
{
	lt_letter *l = c->l;
	char *t;

	/* "V/v" / ": Thực hiện …": the marker's colon opens the next line */
	if (l->subject && !*l->subject)
		while (fa < x->fn && (x->f[fa] == ':' || x->f[fa] == '.' || x->f[fa] == ' '))
			fa++;
	t = lt_letter_sub(c, x, fa, x->fn);

	if (!t || !*t)
		return;
	if (l->subject && *l->subject)
		t = lt_arena_printf(c->a, "%s %s", l->subject, t);
	if (!t)
		c->oom = true;
	else
		l->subject = t;
}

/*
 * A letter with no header that opens on a heading in ordinary case: "Thông
 * báo khẩn về việc tổ chức …" is the type, at most one word, "về việc" and
 * the trích yếu, on its one line.
 */
static void sentence_heading(lt_lctx *c, hstate *st, const lt_lline *x)
{
	const char *tn = NULL, *vv = strstr(x->f, " ve viec ");
	size_t tp = lt_letter_type_prefix(x->f, &tn), at;

	if (!tp || !vv || !lt_letter_starts_upper(x->s, x->n) || lt_letter_words(x->s, x->n) > 40)
		return;
	at = (size_t)(vv - x->f);
	if (at >= tp && lt_letter_words(x->f + tp, at - tp) > 1)
		return;
	c->l->doc_type = tn;
	c->l->subject = "";
	subject_add(c, x, at + 9);
	st->closed = true;
	st->subj_done = true;
}

static void classify(lt_lctx *c, hstate *st, const lt_lline *x, int depth)
{
	lt_letter *l = c->l;
	regmatch_t m[4];
	lt_lline rest;
	bool mid = false;

	if (!l->number && (lt_letter_number_match(c, x, RE_NUMBER, m) ||
			   (mid = lt_letter_number_match(c, x, RE_NUMBER_MID, m)))) {
		size_t e;
		if (mid && !st->closed) {
			lt_lline pre;
			if (lt_lline_sub(c, x, 0, x->map[m[0].rm_so], &pre) && issuer_like(&pre))
				lt_lseg_push(c, &st->cands, &pre);
		}
		e = lt_letter_take_number(c, x, m);
		st->closed = true;
		st->subj_lines = 0;
		if (depth < 2 && lt_lline_sub(c, x, x->map[e], x->n, &rest))
			classify(c, st, &rest, depth + 1);
		return;
	}
	if (!st->subj_done && !l->subject && lt_letter_re(c, RE_VV, x->f, m, 1)) {
		l->subject = "";
		subject_add(c, x, (size_t)m[0].rm_eo);
		st->subj_lines = 1;
		st->closed = true;
		return;
	}
	if (st->subj_lines > 0 && !st->subj_done && l->subject && !*l->subject) {
		/*
		 * The first line under a type name ("QUYẾT ĐỊNH"): its "Về việc"
		 * marker, or "CỦA HỘI ĐỒNG BỘ TRƯỞNG SỐ … VỀ VIỆC …", is dropped.
		 */
		const char *vv = !strncmp(x->f, "cua ", 4) ? strstr(x->f, " ve viec ") : NULL;
		if (!vv && lt_letter_type_line_number(c, x))
			return;
		if (vv) {
			subject_add(c, x, (size_t)(vv - x->f) + 9);
			st->subj_lines++;
			return;
		}
		/* "CHỈ THỊ" / "VỀ ĐẨY MẠNH …": "Về" alone is the marker of a capitals title too */
		if (lt_letter_re(c, RE_VV, x->f, m, 1) ||
		    (!strncmp(x->f, "ve ", 3) && lt_letter_word_upper(x->s, x->n))) {
			subject_add(c, x, lt_letter_re(c, RE_VV, x->f, m, 1) ? (size_t)m[0].rm_eo : 3);
			st->subj_lines++;
			return;
		}
		/*
		 * "THÔNG TƯ LIÊN BỘ" / "LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI - TÀI
		 * CHÍNH": a capitals line made of the issuers' own words names who
		 * issues the type, the subject comes after it.
		 */
		if (lt_letter_word_upper(x->s, x->n) && issuers_words(&st->cands, x))
			return;
	}
	if (st->subj_lines > 0 && !st->subj_done && l->subject && *l->subject &&
	    lt_letter_word_upper(x->s, x->n) && lt_lstarts_with_any(x->f, deciders)) {
		/* "ỦY BAN NHÂN DÂN TỈNH …" under a decision's title: who decides, not what */
		st->subj_done = true;
		return;
	}
	if (st->subj_lines > 0 && !st->subj_done) {
		/*
		 * A capitals-only line after a normal subject is another column;
		 * a title in capitals may run to six lines ("… TRÊN ĐỊA BÀN TỈNH" /
		 * "LÀO CAI"), one in ordinary case to three.
		 */
		bool caps = l->subject && caps_text(l->subject, strlen(l->subject));
		/* "… NĂM 2022" / "Năm 2022, dự báo …": a title in capitals ends at a sentence */
		if (caps && *l->subject && !caps_text(x->s, x->n) && lt_letter_words(x->s, x->n) >= 8) {
			st->subj_done = true;
			return;
		}
		if (st->subj_lines >= (caps && caps_text(x->s, x->n) ? 7 : 4) ||
		    (lt_letter_word_upper(x->s, x->n) && l->subject && *l->subject && !caps)) {
			st->subj_done = true;
			return;
		}
		subject_add(c, x, 0);
		st->subj_lines++;
		return;
	}
	/* Under the number, "Về vận động …": a trích yếu whose marker is "Về" alone. */
	if (!l->subject && !st->subj_done && l->number && !strncmp(x->f, "ve ", 3) &&
	    x->s[0] == 'V' && lt_letter_has_lower(x->s + 1, x->n - 1) &&
	    lt_letter_words(x->s, x->n) <= 60) {
		l->subject = "";
		subject_add(c, x, 3);
		st->subj_lines = 1;
		st->closed = true;
		return;
	}
	if (!l->subject && !st->subj_done && lt_letter_word_upper(x->s, x->n)) {
		char f[32];
		size_t n = x->fn < sizeof(f) - 1 ? x->fn : sizeof(f) - 1, tp;
		const char *cua, *vv, *tn = NULL;
		memcpy(f, x->f, n);
		f[n] = '\0';
		/* "QUYẾT ĐỊNH CỦA UBND TỈNH LÀO CAI": the type name, then its issuer. */
		cua = x->fn > 4 ? strstr(x->f, " cua ") : NULL;
		if (cua && (size_t)(cua - x->f) < n)
			f[cua - x->f] = '\0';
		/* "THÔNG BÁO VỀ VIỆC ĐIỀU CHỈNH …": the type name, then its subject. */
		vv = strstr(x->f, " ve viec ");
		if (vv && (size_t)(vv - x->f) < n)
			f[vv - x->f] = '\0';
		else
			vv = NULL;
		lt_letter_rstrip(f, ":.");
		/*
		 * "QUY ĐỊNH VỀ VIỆC …" under a TT- number: a type the symbol does
		 * not name, then "về việc", is the title of a text whose own type
		 * line is missing.
		 */
		if (vv && lt_letter_doc_type(f) && lt_letter_symbol_type(l->symbol) &&
		    strcmp(lt_letter_doc_type(f), lt_letter_symbol_type(l->symbol))) {
			l->subject = "";
			subject_add(c, x, 0);
			st->subj_lines = 1;
			st->closed = true;
			return;
		}
		if (lt_letter_doc_type(f) || lt_letter_cut_type(l, f)) {
			if (!l->doc_type)
				l->doc_type = lt_letter_doc_type(f) ? lt_letter_doc_type(f)
								    : lt_letter_symbol_type(l->symbol);
			l->subject = "";
			st->subj_lines = 1;
			st->closed = true;
			if (vv)
				subject_add(c, x, (size_t)(vv - x->f) + 9);
			return;
		}
		/*
		 * "THÔNG BÁO HOÃN TRẠI HÈ QUÂN SỰ": the type name and its title on
		 * one line, unless the symbol names another type (a title "QUY ĐỊNH
		 * VỀ …" under a TT- number whose own type line was dropped).
		 */
		tp = lt_letter_type_prefix(x->f, &tn);
		if (tp && !l->doc_type && !vv &&
		    (!lt_letter_symbol_type(l->symbol) || !strcmp(tn, lt_letter_symbol_type(l->symbol)))) {
			l->doc_type = tn;
			l->subject = "";
			subject_add(c, x, tp);
			st->subj_lines = 1;
			st->closed = true;
			return;
		}
	}
	if (!st->closed && issuer_like(x))
		lt_lseg_push(c, &st->cands, x);
	else if (!st->closed && !st->cands.n && !l->number && !l->subject && !l->doc_type)
		sentence_heading(c, st, x);
}

/*
 * A subject wrapped over a blank line ("V/v … chương trình" / blank /
 * "\"Tháng Công nhân\" lần thứ 11"): the text so far is open and the next
 * piece is a short line in ordinary case that is no other header part.
 */
static bool subject_goes_on(lt_lctx *c, const lt_lsegv *sv, size_t i)
{
	const char *s = c->l->subject;
	size_t n = strlen(s), w;
	const lt_lline *x;
	regmatch_t m[4];

	if (!n || strchr(".;:!?", s[n - 1]))
		return false;
	while (i < sv->n && sv->v[i].blank)
		i++;
	if (i >= sv->n || sv->v[i].cut)
		return false;
	x = &sv->v[i];
	w = lt_letter_words(x->s, x->n);
	/*
	 * A title in capitals does not go on in ordinary case ("Trân trọng."),
	 * but does in a capitals "VỀ …" line ("… KHÓA XI" / "VỀ NÂNG CAO …") and
	 * in a short line of its year ("… CÔNG ĐOÀN" / "NĂM HỌC: 2021-2022").
	 */
	if (caps_text(s, n))
		return caps_text(x->s, x->n) &&
		       ((!strncmp(x->f, "ve ", 3) && strncmp(x->f, "ve viec", 7) && w <= 30) ||
			(!strncmp(x->f, "nam ", 4) && w <= 4 && strpbrk(x->f, "0123456789")));
	return w >= 2 && w <= 15 && lt_letter_has_lower(x->s, x->n) &&
	       !lt_letter_re(c, RE_NUMBER, x->f, m, 4) && !lt_letter_re(c, RE_VV, x->f, m, 1) &&
	       !lt_letter_re(c, RE_NGAY, x->f, m, 1) && !issuer_like(x);
}

/*
 * A page that dropped the type line ("QUYẾT ĐỊNH") but kept the title: under
 * the number, a capitals line right above the deciding authority ("BAN HÀNH
 * PHƯƠNG ÁN …" / "ỦY BAN NHÂN DÂN TỈNH QUẢNG NAM") is the title.
 */
static void untyped_title(lt_lctx *c, const lt_lsegv *sv)
{
	regmatch_t m[4];
	size_t i, j, num = sv->n;

	for (i = 0; i < sv->n && num == sv->n; i++)
		if (!sv->v[i].blank && lt_letter_number_match(c, &sv->v[i], RE_NUMBER, m))
			num = i;
	for (i = num + 1; i < sv->n; i++) {
		const lt_lline *x = &sv->v[i];
		if (x->blank || x->cut || !lt_letter_word_upper(x->s, x->n) ||
		    lt_letter_words(x->s, x->n) < 3 || lt_lstarts_with_any(x->f, deciders))
			continue;
		for (j = i + 1; j < sv->n && (sv->v[j].blank || sv->v[j].cut); j++)
			;
		if (j < sv->n && lt_letter_word_upper(sv->v[j].s, sv->v[j].n) &&
		    lt_lstarts_with_any(sv->v[j].f, deciders)) {
			c->l->subject = lt_letter_subs(c, x, 0, x->n);
			return;
		}
	}
}

static void issuer_from(lt_lctx *c, const lt_lsegv *cands)
{
	const char *out[64];
	const char *fo[64];
	size_t i, n = 0;

	for (i = 0; i < cands->n && n < 64; i++) {
		const lt_lline *x = &cands->v[i];
		/*
		 * "BẢO HIỂM XÃ HỘI" / "VIỆT NAM", "LIÊN ĐOÀN LAO ĐỘNG - TỈNH ĐOÀN" /
		 * "TỈNH BÌNH DƯƠNG": the country or a place alone ends the name above.
		 */
		if (n && (!strcmp(x->f, "viet nam") ||
			  (lt_lstarts_with_any(x->f, localities) && has_locality(x->f) &&
			   !has_locality(fo[n - 1])))) {
			out[n - 1] = lt_arena_printf(c->a, "%s %s", out[n - 1], x->s);
			fo[n - 1] = x->f;
			continue;
		}
		out[n] = x->s;
		fo[n++] = x->f;
	}
	/* "THỦ TƯỚNG" / "CHÍNH PHỦ": an office over its body's name is one issuer. */
	if (n >= 2 && (!strcmp(fo[n - 2], "thu tuong") || !strcmp(fo[n - 2], "chu tich"))) {
		out[n - 2] = lt_arena_printf(c->a, "%s %s", out[n - 2], out[n - 1]);
		n--;
	}
	if (n >= 1)
		c->l->issuer = out[n - 1];
	if (n >= 2)
		c->l->parent_body = out[n - 2];
}

/*
 * How the first body paragraph of a letter without "Kính gửi" starts, in
 * ordinary case: "THỰC HIỆN CHƯƠNG TRÌNH …" in capitals is a plan's title.
 */
static const char *const body_starts[] = { "can cu ", "thuc hien ", "thi hanh ", NULL };

void lt_letter_head(lt_lctx *c)
{
	hstate st;
	lt_lsegv sv = { 0 };
	regmatch_t m[1];
	size_t i, kg = c->n;

	memset(&st, 0, sizeof(st));
	lt_letter_split_flat(c);
	lt_letter_split_type_number(c);
	lt_letter_join_wraps(c);
	for (i = 0; i < c->n; i++) {
		if (lt_letter_re(c, RE_KG, c->lines[i].f, m, 1)) {
			kg = i;
			break;
		}
	}
	c->have_kg = kg < c->n;
	c->hz_end = kg;
	if (!c->have_kg) {
		/* No "Kính gửi": the header ends at the first body paragraph. */
		for (i = 0; i < c->n && i < 40; i++) {
			const lt_lline *x = &c->lines[i];
			/*
			 * A long line in capitals is a decision's title, not the body;
			 * so is any line right under a type name ("QUYẾT ĐỊNH" / "Về
			 * việc công bố … của Bộ Giáo dục và Đào tạo").
			 */
			if ((lt_letter_words(x->s, x->n) >= 25 && lt_letter_has_lower(x->s, x->n) &&
			     !lt_letter_under_type_line(c, i)) ||
			    (lt_lstarts_with_any(x->f, body_starts) && !caps_text(x->s, x->n)) ||
			    lt_letter_bullet(x->s, x->n) || lt_letter_re(c, RE_ROMAN, x->s, m, 1) ||
			    lt_letter_re(c, RE_NN, x->f, m, 1) || lt_letter_is_auth(c, x) ||
			    lt_letter_attached_note(x))
				break;
		}
		c->hz_end = i;
	}
	for (i = 0; i < c->hz_end; i++) {
		if (c->lines[i].blank)
			lt_lseg_push(c, &sv, &c->lines[i]);
		else
			header_line(c, &sv, &c->lines[i]);
	}
	for (i = 0; i < sv.n; i++) {
		const lt_lline *x = &sv.v[i];
		if (x->blank || x->cut) {
			/* A blank line under a type name does not end its (empty) subject. */
			if (st.subj_lines && c->l->subject &&
			    (!*c->l->subject || subject_goes_on(c, &sv, i)))
				continue;
			if (st.subj_lines)
				st.subj_done = true;
			st.subj_lines = 0;
			continue;
		}
		classify(c, &st, x, 0);
	}
	if (c->l->subject && !*c->l->subject)
		c->l->subject = NULL;
	if (!c->l->number)
		lt_letter_self_number(c);
	if (!c->l->subject && !c->l->doc_type && lt_letter_symbol_type(c->l->symbol))
		untyped_title(c, &sv);
	/* A letter with a "V/v" or a "Kính gửi" and no type name is a công văn. */
	if (!c->l->doc_type)
		c->l->doc_type = lt_letter_symbol_type(c->l->symbol);
	if (!c->l->doc_type && (c->l->subject || c->have_kg))
		c->l->doc_type = "công văn";
	lt_letter_rstrip((char *)c->l->subject, ".;,:");
	issuer_from(c, &st.cands);
	c->body_start = c->hz_end;
	if (c->have_kg && lt_letter_re(c, RE_KG, c->lines[kg].f, m, 1))
		lt_letter_recipients(c, kg, (size_t)m[0].rm_eo);
}
