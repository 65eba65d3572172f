/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * xlsx_write.h — XLSX files for cadres, written with libxlsxwriter: exports
 * of any lt_table, and import templates with drop-down lists.
 *
 * libxlsxwriter writes only to a file path; the *_buf variants write to a
 * temporary file (mkstemp in $TMPDIR, else /tmp), read it back into an
 * lt_buf and delete it.
 */
#ifndef LT_XLSX_WRITE_H
#define LT_XLSX_WRITE_H

#include "core/buf.h"
#include "core/error.h"
#include "render/table.h"

/*
 * Write every sheet of t (borrowed) to an XLSX file at path. Row 1 of each
 * sheet is its header: bold, shaded, frozen, with an autofilter. Column
 * widths follow the longest text (capped). NUMBER cells are numbers
 * (LT_NUMFMT_MONEY ones with "#,##0", which a Vietnamese Excel shows as
 * 1.234.567), DATE cells are real dates shown as dd/mm/yyyy (dd/mm/yyyy
 * hh:mm with a time, hh:mm:ss for a time of day), BOOL cells booleans.
 * Sheet names are made valid for Excel (at most 31 characters, no []:*?/\).
 * Returns 0, LT_EIO (cannot write path) or LT_ENOMEM.
 */
LT_MUST_CHECK int lt_xlsx_write(const lt_table *t, const char *path, lt_error *e);

/* lt_xlsx_write into out (appended). Also LT_ETOOBIG past out's cap. */
LT_MUST_CHECK int lt_xlsx_write_buf(const lt_table *t, lt_buf *out, lt_error *e);

/*
 * A one-sheet XLSX written as its rows come, in libxlsxwriter's constant
 * memory mode (each row goes to a temporary file once written): an export
 * of a million rows holds one piece of rows in memory, not the workbook.
 * The pieces are sheets of rows 1 (the header, in the first piece only; the
 * others start at row 2). The columns' widths follow the first piece; the
 * header is frozen and filtered as lt_xlsx_write does. Strings are written
 * inline, not shared.
 */
typedef struct lt_xlsx_stream lt_xlsx_stream;

/* Open a stream whose sheet is named sheet. LT_EIO (no temporary file), LT_ENOMEM. */
LT_MUST_CHECK int lt_xlsx_stream_open(const char *sheet, lt_xlsx_stream **out, lt_error *e);
/*
 * Append rows first..s->nrows of s (first 1 on the first piece, with its
 * header; 2 after). LT_ETOOBIG naming "format" past a sheet's 1,048,576
 * rows, LT_EINVAL naming the cell that could not be written.
 */
LT_MUST_CHECK int lt_xlsx_stream_put(lt_xlsx_stream *x, const lt_sheet *s, int first,
				     lt_error *e);
/*
 * Finish the file and hand its bytes to put (0, or -1 when they could not
 * be written: LT_EIO), then free x. rc: the export so far; when it is not
 * 0 the file is dropped and rc returned. x is freed either way.
 */
LT_MUST_CHECK int lt_xlsx_stream_close(lt_xlsx_stream *x, int rc,
				       int (*put)(const void *p, size_t n, void *ctx), void *ctx,
				       lt_error *e);

/* What a template column holds: sets its number format and a validation. */
typedef enum lt_xlsx_kind {
	LT_XLSX_TEXT = 0,
	LT_XLSX_INTEGER, /* whole number ≥ 0 */
	LT_XLSX_MONEY,   /* whole number ≥ 0 shown "#,##0" */
	LT_XLSX_DATE,    /* a date, shown dd/mm/yyyy */
} lt_xlsx_kind;

typedef struct lt_xlsx_col {
	const char *header;   /* row 1 */
	lt_xlsx_kind kind;
	const char *constant; /* if set: pre-filled in every data row (greyed) */
	const char *const *choices; /* if set: a drop-down list of nchoices */
	int nchoices;
	double width;         /* 0: from the header and choices */
	const char *hint;     /* if set: input message shown on the column's cells */
} lt_xlsx_col;

typedef struct lt_xlsx_template {
	const char *sheet;    /* data sheet name, e.g. "Hoạt động" */
	const lt_xlsx_col *cols;
	int ncols;
	int nrows;            /* data rows prepared (2 … nrows+1); 1 … 100000 */
	const char *instructions_sheet;   /* e.g. "Hướng dẫn"; NULL: none */
	const char *const *instructions;  /* one line per row */
	int ninstructions;
} lt_xlsx_template;

/*
 * Write an import template at path: the data sheet first (header row bold
 * and frozen; constant columns pre-filled in rows 2 … nrows+1; each column
 * with choices gets an in-cell drop-down on those rows, its list written
 * inline when it fits Excel's 255-character limit, else on a hidden sheet
 * named "lists"; INTEGER/MONEY/DATE columns get matching formats and
 * validations), then the instructions sheet.
 * Returns 0, LT_EINVAL (bad template), LT_EIO or LT_ENOMEM.
 */
LT_MUST_CHECK int lt_xlsx_template_write(const lt_xlsx_template *tpl, const char *path, lt_error *e);

/* lt_xlsx_template_write into out (appended). */
LT_MUST_CHECK int lt_xlsx_template_write_buf(const lt_xlsx_template *tpl, lt_buf *out, lt_error *e);

#endif
