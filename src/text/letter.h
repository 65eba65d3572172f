/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * letter.h — the official-letter parser (công văn): plain text of a letter in,
 * its structure out (number, issuer, date, subject, recipients, the documents
 * it implements, themes with items, tasks, deadlines, "Nơi nhận", signer).
 *
 * The parser takes any bytes. It refuses only input that is not UTF-8 or is
 * too big; otherwise it never fails on content: it fills what it finds and
 * names every field it could not find in `warnings` — it never guesses.
 * Matching is case- and diacritic-insensitive ("Kinh gửi" = "Kính gửi");
 * output keeps the letter's own NFC text. Dates are ISO "YYYY-MM-DD".
 */
#ifndef LT_LETTER_H
#define LT_LETTER_H

#include <jansson.h>
#include <stddef.h>

#include "core/arena.h"
#include "core/error.h"

/* Largest input accepted by lt_letter_parse (bytes). */
#define LT_LETTER_MAX ((size_t)2 * 1024 * 1024)

/* Signing-authority lines kept per letter ("TL. BỘ TRƯỞNG / KT. VỤ TRƯỞNG …"). */
#define LT_LETTER_MAX_AUTH 4

/* A list of strings; every string and the array live in the letter's arena. */
typedef struct lt_letter_strv {
	const char **v;
	size_t n;
	size_t cap;
} lt_letter_strv;

/* A document the letter cites: "Công văn số 228/LĐLĐ ngày 16/01/2024 của …". */
typedef struct lt_letter_ref {
	const char *number; /* "228/LĐLĐ" */
	const char *date;   /* ISO or NULL */
	const char *issuer; /* "Liên đoàn Lao động thành phố Hà Nội" or NULL */
} lt_letter_ref;

/* A theme: its heading and the "- " items under it. */
typedef struct lt_letter_section {
	const char *title;
	lt_letter_strv items;
} lt_letter_section;

typedef struct lt_letter {
	const char *number;      /* "42/LĐLĐ" */
	const char *symbol;      /* the ký hiệu alone: "LĐLĐ", "QĐ-UBND" (no number, no year) */
	const char *doc_type;    /* "công văn", "quyết định", "kế hoạch", … (lower case) */
	const char *issuer;      /* "LĐLĐ HUYỆN GIA LÂM" */
	const char *parent_body; /* "LĐLĐ THÀNH PHỐ HÀ NỘI" */
	const char *place;       /* "Gia Lâm" */
	const char *date;        /* "2024-01-18" */
	const char *subject;     /* text after "V/v", lines joined */
	const char *motto;       /* quoted text after "phương châm" */
	lt_letter_strv recipients;
	lt_letter_ref *refs;
	size_t n_refs, cap_refs;
	lt_letter_section *sections;
	size_t n_sections, cap_sections;
	lt_letter_strv tasks;
	lt_letter_strv emails;
	lt_letter_strv deadlines; /* ISO dates */
	lt_letter_strv cc;        /* "Nơi nhận" entries */
	struct {
		const char *authority; /* "TM. BAN THƯỜNG VỤ", "KT. CHỦ TỊCH" */
		const char *title;     /* "CHỦ TỊCH" */
		const char *name;      /* "Nguyễn Đức Thê" */
		/* Every authority line, top to bottom: "TL." + "BỘ TRƯỞNG", "KT." + "VỤ TRƯỞNG …". */
		struct {
			const char *prefix; /* canonical: "TM.", "KT.", "TL.", "TUQ.", "Q." */
			const char *of;     /* "BAN THƯỜNG VỤ" */
		} auth[LT_LETTER_MAX_AUTH];
		size_t n_auth;
	} signer;
	lt_letter_strv warnings; /* "date: not found / không tìm thấy …" */
	lt_arena arena;          /* owns everything above */
} lt_letter;

/*
 * Parse the len bytes at text (borrowed; need not be NUL-terminated).
 * On success *out is an owned letter (free with lt_letter_free) and 0 is
 * returned. Errors: LT_ETOOBIG over LT_LETTER_MAX, LT_EINVAL when the bytes
 * are not valid UTF-8 (or hold a NUL), LT_ENOMEM. *out is NULL on error.
 * A leading BOM, CRLF/CR line ends, NFD text, tabs and "|" table cells are
 * accepted.
 */
LT_MUST_CHECK int lt_letter_parse(const char *text, size_t len, lt_letter **out, lt_error *e);

/* Free a letter from lt_letter_parse (NULL is fine). */
void lt_letter_free(lt_letter *l);

/*
 * The letter as a JSON object with the keys number, symbol, doc_type, issuer,
 * parent_body, place, date, subject, recipients, references, motto, sections, tasks,
 * emails, deadlines, cc, signer {authority, authorities [{authority, for}],
 * title, name}, warnings (missing strings are null).
 * Borrows l; returns a new reference (NULL when out of memory).
 */
json_t *lt_letter_to_json(const lt_letter *l);

#endif
