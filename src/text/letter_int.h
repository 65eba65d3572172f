/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * letter_int.h — internals of the letter parser, shared by letter.c (API,
 * JSON), letter_norm.c (lines, folding, helpers), letter_types.c (document
 * types), letter_number.c (its own number), letter_head.c (header,
 * recipients, "Nơi nhận", signer) and letter_body.c (references, themes,
 * tasks, e-mails, deadlines). Not for use outside src/text/letter*.c.
 *
 * Every line is kept twice: its NFC text (s) and its search fold (f: lower
 * case, no diacritics, đ → d) with map[i] = offset in s of the character
 * that gave byte i of f, so that patterns matched on f (POSIX regexes over
 * ASCII-ish text) cut the original text out of s.
 */
#ifndef LT_LETTER_INT_H
#define LT_LETTER_INT_H

#include "core/error.h"

#include <regex.h>
#include <stdbool.h>
#include <stdint.h>

#include "text/letter.h"

typedef struct lt_lline {
	const char *s; /* NFC, white space collapsed, trimmed, "**" removed */
	size_t n;
	const char *f; /* fold of s */
	size_t fn;
	const uint32_t *map; /* fn + 1 entries; map[fn] == n */
	int stars;           /* leading '*' in the raw line ("***" heading, "**" bold) */
	bool blank;
	bool cut; /* emptied by cutting out a motto / date: ends a wrapped subject */
	uint16_t gap_words; /* words before a wide run of spaces (two columns side by side), 0: none */
} lt_lline;

enum lt_lre {
	RE_NGAY,      /* ngày D tháng M năm Y | ngày D/M/Y */
	RE_NGAY_BLANK, /* ngày    tháng   năm 2020 (a draft's blank date) */
	RE_PLACE_DATE, /* , 05/12/2023 | , 5 tháng 12 năm 2023 ending a piece (no "ngày") */
	RE_NUMBER,    /* ^Số: 42 /LĐLĐ | 101-HĐBT | 1041 TCT/NV6: 1 number, 2 separator, 3 symbol */
	RE_NUMBER_MID, /* … Số: 42/LĐLĐ (flattened header) */
	RE_VV,        /* ^V/v | ^Về việc | ^VỀVIỆC | ^Về: */
	RE_KG,        /* ^Kính gửi */
	RE_NN,        /* ^Nơi nhận */
	RE_CHXH,      /* Cộng hòa xã hội chủ nghĩa Việt Nam */
	RE_DLTD,      /* Độc lập - Tự do - Hạnh phúc */
	RE_DCS,       /* Đảng Cộng sản Việt Nam */
	RE_DTN,       /* Đoàn TNCS Hồ Chí Minh (the Đoàn's heading) */
	RE_REF,       /* Công văn số 228/LĐLĐ */
	RE_REF_DATE,  /* ^ ngày 16/01/2024 */
	RE_REF_BY,    /* ^ của | do */
	RE_DATE_Y,    /* D/M/Y, D tháng M năm Y */
	RE_DATE_NY,   /* D/M */
	RE_ROMAN,     /* on s: ^IV. */
	RE_AUTH,      /* on s: ^TM. | KT. | Q. | TL. | TUQ. | THAY MẶT | KÝ THAY | THỪA LỆNH | … */
	RE_AUTH_MID,  /* on s: … TM. BAN */
	RE_COUNT
};

typedef struct lt_lctx {
	lt_letter *l;
	lt_arena *a;
	lt_lline *lines;
	size_t n;
	const regex_t *re; /* RE_COUNT patterns, compiled once per process */
	bool oom;
	size_t hz_end;     /* header zone: [0, hz_end) */
	size_t body_start; /* first line after the recipients */
	size_t body_end;   /* "Nơi nhận" / signer block, or n */
	bool have_kg;      /* a "Kính gửi" line was found */
	bool have_tail;    /* a "Nơi nhận" line or a signer block was found */
} lt_lctx;

/* letter_norm.c */
/* Point c at the compiled patterns (compiled on the first call, kept until exit). */
LT_MUST_CHECK int lt_letter_re_init(lt_lctx *c);
/* Normalise text (valid UTF-8, no BOM) into c->lines. */
LT_MUST_CHECK int lt_letter_norm(lt_lctx *c, const char *text, size_t len);
/* Build a line from n bytes of NFC text: trim, collapse, fold. */
LT_MUST_CHECK int lt_letter_mkline(lt_lctx *c, const char *s, size_t n, lt_lline *out);
/* Match re on str (NUL-terminated); m gets nm groups. */
bool lt_letter_re(const lt_lctx *c, int re, const char *str, regmatch_t *m, size_t nm);
/*
 * Match re in str[off, n) (REG_STARTEND: no strlen per call, and the byte
 * before off is seen as context); offsets in m are from str.
 */
bool lt_letter_re_at(const lt_lctx *c, int re, const char *str, size_t off, size_t n,
		     regmatch_t *m, size_t nm);
/* Original text behind folded bytes [fa, fb) of ln, trimmed, in the arena. */
char *lt_letter_sub(lt_lctx *c, const lt_lline *ln, size_t fa, size_t fb);
/* Same for original bytes [a, b) of ln->s. */
char *lt_letter_subs(lt_lctx *c, const lt_lline *ln, size_t a, size_t b);
/* Strip trailing chars of set and spaces from the arena string s in place. */
void lt_letter_rstrip(char *s, const char *set);
/* Append s (NULL: out of memory) to v; a failure sets c->oom, which lt_letter_parse checks. */
void lt_letter_push(lt_lctx *c, lt_letter_strv *v, const char *s);
/* Add "field: en / vi" to the warnings. */
void lt_letter_warn(lt_lctx *c, const char *field, const char *en, const char *vi);
/* Write "YYYY-MM-DD" into iso[11] when d/m/y is a real date in 1900..2100. */
bool lt_letter_iso(long d, long m, long y, char iso[11]);
/* Parse the number in f[m.rm_so, m.rm_eo). */
long lt_letter_num(const char *f, regmatch_t m);
/* Codepoint helpers on NFC text. */
bool lt_letter_has_lower(const char *s, size_t n);
bool lt_letter_word_upper(const char *s, size_t n); /* letters, none lower */
bool lt_letter_starts_upper(const char *s, size_t n);
size_t lt_letter_words(const char *s, size_t n);
/* Capitals lines a and b split a two-word term ("ỦY" / "BAN …", "TỔNG LIÊN" / "ĐOÀN …"). */
bool lt_letter_split_term(const lt_lline *a, const lt_lline *b);
/* Length of the list mark ("-", "+", "•", "–", …) s starts with, or 0. */
size_t lt_letter_bullet(const char *s, size_t n);

/* letter_head.c: the header and "Kính gửi"; letter_seg.c: the line pieces both ends use. */
typedef struct lt_lsegv {
	lt_lline *v;
	size_t n, cap;
} lt_lsegv;
void lt_letter_head(lt_lctx *c);
/* letter_layout.c, run by lt_letter_head first: split a letter flattened onto
 * one line into its header lines, then rejoin header lines broken by wrapping. */
void lt_letter_split_flat(lt_lctx *c);
void lt_letter_split_type_number(lt_lctx *c);
void lt_letter_join_wraps(lt_lctx *c);
/* Replace line i by "line i + ' ' + line i+1" and drop line i+1 (false: out of memory). */
bool lt_letter_join_next(lt_lctx *c, size_t i);
/* letter_recipients.c: the "Kính gửi" list from line k, its text from byte rest on;
 * sets c->body_start after it. */
void lt_letter_recipients(lt_lctx *c, size_t k, size_t rest);
/* Append a copy of *ln to sv (out of memory sets c->oom). */
void lt_lseg_push(lt_lctx *c, lt_lsegv *sv, const lt_lline *ln);
/* New line from original bytes [a, b) of ln; false when empty or out of memory. */
bool lt_lline_sub(lt_lctx *c, const lt_lline *ln, size_t a, size_t b, lt_lline *out);
/* Append the line of bytes [a, b) of ln to sv, when not empty. */
void lt_lseg_sub(lt_lctx *c, lt_lsegv *sv, const lt_lline *ln, size_t a, size_t b);
/* Start of the place name that ends at byte end of a header piece ("Gia Lâm, ngày"). */
size_t lt_letter_place_start(const lt_lline *ln, size_t end);
/* Text of a list entry: no bullet, no trailing ".;,:" (NULL when empty). */
char *lt_lentry_text(lt_lctx *c, const lt_lline *ln, size_t a, size_t b);
/* Does folded f start with one of the NULL-ended list? */
bool lt_lstarts_with_any(const char *f, const char *const *list);

/* letter_number.c: the letter's own number and symbol. */
/* A "Số" line's number (re: RE_NUMBER or RE_NUMBER_MID); m gets 4 groups. */
bool lt_letter_number_match(const lt_lctx *c, const lt_lline *x, int re, regmatch_t m[4]);
/* Set number and symbol from a match; returns the folded end of the symbol. */
size_t lt_letter_take_number(lt_lctx *c, const lt_lline *x, const regmatch_t m[4]);
/* "CỦA BỘ … SỐ 15-LĐ/TT NGÀY …" under the type name: number and date taken (true). */
bool lt_letter_type_line_number(lt_lctx *c, const lt_lline *x);
/* No "Số" line: the number and date a first line or a closing "(Trích …)" note give. */
void lt_letter_self_number(lt_lctx *c);

/* letter_types.c: the document types. */
/* "quyết định" for the folded type line "quyet dinh", or NULL. */
const char *lt_letter_doc_type(const char *f);
/* The type a symbol names before its first "-": "QĐ-UBND" → "quyết định"; or NULL. */
const char *lt_letter_symbol_type(const char *sym);
/* Folded length of a type name and its space that open a longer title line, or 0. */
size_t lt_letter_type_prefix(const char *f, const char **name);
/* The nearest line above line i that is not blank is a type name alone. */
bool lt_letter_under_type_line(const lt_lctx *c, size_t i);
/* The note naming the decision a text was sent with ("(Ban hành kèm theo …)"). */
bool lt_letter_attached_note(const lt_lline *x);
/* A one-word type line cut short that begins the type the symbol names. */
bool lt_letter_cut_type(const lt_letter *l, const char *f);

/* letter_tail.c: the closing block ("Nơi nhận" and the signer). */
void lt_letter_tail(lt_lctx *c);
/* "TM. BAN THƯỜNG VỤ", "KT. CHỦ TỊCH", "Q. GIÁM ĐỐC", "TL. …", "TUQ. …". */
bool lt_letter_is_auth(const lt_lctx *c, const lt_lline *x);

/* letter_body.c */
void lt_letter_body(lt_lctx *c);

#endif
