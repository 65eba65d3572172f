/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * doc.h — the in-memory model of an official document (Nghị định
 * 30/2020/NĐ-CP, Phụ lục I): a report ("BÁO CÁO") or a directive (công văn).
 *
 * The model is filled with the lt_doc_* builders and rendered by
 * lt_doc_render_pdf (doc_pdf.h) and lt_doc_render_docx (doc_docx.h).
 * Every string the model stores is copied into the document's arena,
 * validated as UTF-8 and NFC-normalised, so NFD input renders with correct
 * Vietnamese diacritics. Fields that the decree prints in capitals (bodies,
 * signer authority and title, the title "BÁO CÁO") are upper-cased on the way in.
 * Builders borrow their string arguments; the lt_doc owns all it stores.
 *
 * A document is not thread-safe while it is built; once built it is only read
 * by the renderers, so several threads may render the same document.
 */
#ifndef LT_DOC_H
#define LT_DOC_H

#include <stdbool.h>
#include <stddef.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/error.h"

typedef enum lt_doc_kind {
	LT_DOC_REPORT,    /* "BÁO CÁO" with a summary line under the title */
	LT_DOC_DIRECTIVE, /* công văn: no title, "V/v …" under the number */
	LT_DOC_OTHER,     /* any titled document (kế hoạch, thông báo…) */
	LT_DOC_ANNEX,     /* văn bản kèm theo (PDF only): no header and no signer, the
			   * title and its "(Kèm theo …)" line, then the body */
} lt_doc_kind;

/* Run flags. */
enum { LT_RUN_BOLD = 1, LT_RUN_ITALIC = 2 };

typedef struct lt_doc_run {
	const char *text; /* NFC, arena-owned */
	unsigned flags;   /* LT_RUN_* */
} lt_doc_run;

typedef struct lt_doc_strv {
	const char **v; /* arena-owned strings */
	size_t n, alloc;
} lt_doc_strv;

typedef struct lt_doc_row {
	const char **cells; /* ncols strings, "" for empty */
	bool total;         /* a total row: bold */
	bool group;         /* a group heading: cells[0] spans the whole row, bold */
} lt_doc_row;

typedef struct lt_doc_table {
	size_t ncols;
	const char **header; /* ncols column titles */
	double *widths;      /* relative widths, normalised to sum 1 */
	bool *numeric;       /* right-aligned columns */
	lt_doc_row *rows;
	size_t nrows, rows_alloc;
} lt_doc_table;

typedef enum lt_block_type {
	LT_BLOCK_HEADING,   /* level 1–3: "I. …", "1. …", "a) …" */
	LT_BLOCK_PARAGRAPH, /* justified, first-line indent, runs */
	LT_BLOCK_BULLET,    /* a paragraph that starts with marker ("-", "+") */
	LT_BLOCK_TABLE,
} lt_block_type;

typedef struct lt_doc_block {
	lt_block_type type;
	int level;            /* heading level 1..3 */
	const char *marker;   /* bullet marker, NULL otherwise */
	lt_doc_run *runs;     /* heading/paragraph/bullet content */
	size_t nruns, runs_alloc;
	lt_doc_table *table;  /* LT_BLOCK_TABLE */
	struct lt_doc_block *next;
} lt_doc_block;

typedef struct lt_doc {
	lt_arena arena;
	lt_doc_kind kind;
	const char *parent_body;  /* "LĐLĐ THÀNH PHỐ HÀ NỘI" (upper-cased) */
	const char *issuer;       /* "LIÊN ĐOÀN LAO ĐỘNG HUYỆN GIA LÂM" (upper-cased) */
	const char *number;       /* "15/BC-LĐLĐ"; printed as "Số: 15/BC-LĐLĐ" */
	const char *place;        /* "Gia Lâm" */
	int year, month, day;     /* 0 when unset */
	const char *title;        /* "BÁO CÁO"; NULL for a công văn */
	const char *summary;      /* trích yếu: under the title, or "V/v …" */
	lt_doc_strv recipients;   /* "Kính gửi: …" */
	lt_doc_block *blocks, *last;
	size_t nblocks;
	lt_doc_strv cc;           /* "Nơi nhận:" entries */
	const char *sign_authority; /* "TM. BAN THƯỜNG VỤ" */
	const char *sign_title;   /* "CHỦ TỊCH" */
	const char *sign_name;    /* "Nguyễn Đức Thê" */
	const char *sign_note;    /* "(Đã ký)" or NULL */
	const char *footer;       /* "SHA-256: …" small text, or NULL */
	bool footer_every_page;   /* else: last page only */
} lt_doc;

/* Create an empty document of the given kind. *out is owned: free with lt_doc_free. */
LT_MUST_CHECK int lt_doc_new(lt_doc **out, lt_doc_kind kind, lt_error *e);
/* Free d and everything it stores (NULL is fine). */
void lt_doc_free(lt_doc *d);

/*
 * Header lines: parent body (may be NULL), issuing body and number (without
 * "Số:"). Bodies are upper-cased. Borrows the strings.
 */
LT_MUST_CHECK int lt_doc_set_header(lt_doc *d, const char *parent_body, const char *issuer,
		      const char *number, lt_error *e);
/* Place and ISO date "YYYY-MM-DD" of issue. LT_EINVAL for a bad date. */
LT_MUST_CHECK int lt_doc_set_place_date(lt_doc *d, const char *place, const char *iso_date, lt_error *e);
/*
 * Title (upper-cased; NULL: none, as for a công văn) and summary line (trích
 * yếu, may be NULL). For a công văn the summary is the "V/v …" line, given
 * with or without its "V/v " prefix.
 */
LT_MUST_CHECK int lt_doc_set_title(lt_doc *d, const char *title, const char *summary, lt_error *e);
/* Add one "Kính gửi" recipient. */
LT_MUST_CHECK int lt_doc_add_recipient(lt_doc *d, const char *name, lt_error *e);
/* Add a heading of level 1–3 with plain text (bold when rendered). */
LT_MUST_CHECK int lt_doc_add_heading(lt_doc *d, int level, const char *text, lt_error *e);
/*
 * Start a paragraph (marker NULL) or a bullet item (marker "-", "+", "•")
 * and return it in *out (borrowed, owned by d) to add runs to.
 */
LT_MUST_CHECK int lt_doc_begin_paragraph(lt_doc *d, const char *marker, lt_doc_block **out, lt_error *e);
/* Append a run of text with LT_RUN_* flags to a paragraph/bullet/heading. */
LT_MUST_CHECK int lt_doc_add_run(lt_doc *d, lt_doc_block *b, const char *text, unsigned flags,
		   lt_error *e);
/* A paragraph of one plain run. */
LT_MUST_CHECK int lt_doc_add_paragraph(lt_doc *d, const char *text, lt_error *e);
/* A bullet item of one plain run. */
LT_MUST_CHECK int lt_doc_add_bullet(lt_doc *d, const char *marker, const char *text, lt_error *e);
/*
 * Add a table of ncols (1–32) columns: header titles, relative widths (NULL:
 * equal) and numeric flags (NULL: none). *out (borrowed) receives the table.
 */
LT_MUST_CHECK int lt_doc_add_table(lt_doc *d, size_t ncols, const char *const *header,
		     const double *widths, const bool *numeric, lt_doc_table **out,
		     lt_error *e);
/* Append a row of t->ncols cells (NULL cell → ""); total rows print in bold. */
LT_MUST_CHECK int lt_doc_table_add_row(lt_doc *d, lt_doc_table *t, const char *const *cells,
			 bool total, lt_error *e);
/*
 * Append a group heading row: text across all columns, bold, for the rows
 * that follow it (a theme over its channels). Borrows text.
 */
LT_MUST_CHECK int lt_doc_table_add_group(lt_doc *d, lt_doc_table *t, const char *text,
					 lt_error *e);
/* Add one "Nơi nhận" entry ("Như kính gửi;", "Lưu: VT."). */
LT_MUST_CHECK int lt_doc_add_cc(lt_doc *d, const char *entry, lt_error *e);
/*
 * Signer block: authority prefix (may be NULL, "TM. BAN THƯỜNG VỤ"), title
 * ("CHỦ TỊCH"), name and an optional note such as "(Đã ký)".
 */
LT_MUST_CHECK int lt_doc_set_signer(lt_doc *d, const char *authority, const char *title,
		      const char *name, const char *note, lt_error *e);
/* Small footer note (content hash…), on the last page or on every page. */
LT_MUST_CHECK int lt_doc_set_footer(lt_doc *d, const char *text, bool every_page, lt_error *e);

/*
 * Append the document's title for metadata to out ("BÁO CÁO Kết quả …",
 * "Công văn số 42/LĐLĐ V/v …"). 0 or the lt_buf error.
 */
LT_MUST_CHECK int lt_doc_meta_title(const lt_doc *d, lt_buf *out);

#endif
