/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * table.h — the in-memory table that CSV and XLSX files are read into and
 * written from.
 *
 * A table is an ordered list of named sheets; a sheet is rows of cells. Rows
 * and columns are 1-based everywhere (as Excel shows them) so that error
 * messages can say "row 7, column B". Every string, row and cell lives in the
 * table's one arena: lt_table_free() releases everything at once, and any
 * pointer obtained from a table is borrowed until then.
 *
 * Cell text is always valid NFC UTF-8 without NUL, and never NULL ("" for an
 * empty cell). Numbers, booleans and dates also carry a text form, so that an
 * importer may read any cell as text.
 */
#ifndef LT_TABLE_H
#define LT_TABLE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/error.h"

typedef enum lt_cell_type {
	LT_CELL_EMPTY = 0,
	LT_CELL_STRING,
	LT_CELL_NUMBER, /* num; text is the shortest round-trip form ("1234.5") */
	LT_CELL_BOOL,   /* num 0 or 1; text "FALSE" / "TRUE" */
	LT_CELL_DATE,   /* text ISO "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM:SS" (or
			 * "HH:MM:SS" for a time of day); num the Excel serial in
			 * the 1900 system (days since 1899-12-30) */
	LT_CELL_ERROR,  /* a formula error in XLSX: text "#DIV/0!", "#N/A", … */
} lt_cell_type;

/* Number format of a NUMBER cell, kept for the XLSX round trip. */
typedef enum lt_numfmt {
	LT_NUMFMT_GENERAL = 0,
	LT_NUMFMT_MONEY, /* "#,##0": 1.234.567 in a Vietnamese locale */
} lt_numfmt;

typedef struct lt_cell {
	const char *text; /* NFC UTF-8, NUL-terminated, never NULL */
	size_t len;       /* bytes of text */
	double num;
	unsigned char type;   /* lt_cell_type */
	unsigned char numfmt; /* lt_numfmt */
} lt_cell;

typedef struct lt_row {
	lt_cell *cells; /* cells[0] is column 1 */
	int ncells;     /* may differ from row to row (ragged rows) */
	int cap;
} lt_row;

typedef struct lt_table lt_table;

typedef struct lt_sheet {
	const char *name;
	lt_row *rows;   /* rows[0] is row 1 */
	int nrows;      /* last row that has a cell (or was added) */
	int ncols;      /* widest row */
	int cap;
	lt_table *table;
} lt_sheet;

struct lt_table {
	lt_arena arena;
	lt_sheet **sheets;
	int nsheets;
	int cap;
	int err; /* the first failed lt_sheet_set_* / lt_sheet_put, sticky */
};

/*
 * Limits applied while reading. Zero in a field means "the default" (in
 * brackets). A reader given NULL uses all defaults.
 */
typedef struct lt_table_limits {
	size_t max_bytes;      /* input file size [50 MiB] */
	size_t max_unzipped;   /* XLSX: total uncompressed bytes read [100 MiB] */
	unsigned max_ratio;    /* XLSX: uncompressed/compressed per entry
				* over 4 MiB [300] */
	int max_rows;          /* per sheet [200000] */
	int max_cols;          /* per sheet [256] */
	size_t max_cell_bytes; /* one cell's text [64 KiB] */
	int max_sheets;        /* XLSX [64] */
} lt_table_limits;

#define LT_TABLE_MAX_BYTES (50u << 20)
#define LT_TABLE_MAX_UNZIPPED (100u << 20)
#define LT_TABLE_MAX_RATIO 300u
#define LT_TABLE_MAX_ROWS 200000
#define LT_TABLE_MAX_COLS 256
#define LT_TABLE_MAX_CELL_BYTES (64u << 10)
#define LT_TABLE_MAX_SHEETS 64

/* Copy lim (may be NULL) into out with every zero field set to its default. */
void lt_table_limits_resolve(const lt_table_limits *lim, lt_table_limits *out);

/* A new empty table in *out (returns owned; free with lt_table_free). 0 or LT_ENOMEM. */
LT_MUST_CHECK int lt_table_new(lt_table **out);
/* Free t and everything borrowed from it. t may be NULL. */
void lt_table_free(lt_table *t);

/*
 * Append a sheet named name (copied; must be valid UTF-8). Returns the
 * sheet, borrowed from t, or NULL when out of memory.
 */
lt_sheet *lt_table_add_sheet(lt_table *t, const char *name);

/* Sheet i, 0-based, or NULL when out of range. Borrows. */
lt_sheet *lt_table_sheet_at(const lt_table *t, int i);

/*
 * The sheet named name: exact match first, then a unique match ignoring
 * case. NULL when there is none; the caller reports the error, listing the
 * names with lt_table_sheet_names(). Borrows.
 */
lt_sheet *lt_table_sheet(const lt_table *t, const char *name);

/*
 * Like lt_table_sheet, for importers: *out is the sheet (borrowed), or
 * LT_ENOTFOUND with e saying which sheets the file has:
 * "Không có trang “X” trong tệp; các trang có: “A”, “B”".
 */
LT_MUST_CHECK int lt_table_sheet_require(const lt_table *t, const char *name, lt_sheet **out,
			   lt_error *e);

/* Append the sheet names, quoted and comma-separated, to out ("“A”, “B”"). */
LT_MUST_CHECK int lt_table_sheet_names(const lt_table *t, lt_buf *out);

/* Excel column name of col (1-based) into buf: 1 → "A", 27 → "AA". "?" if col < 1. */
void lt_table_colname(int col, char buf[8]);

/*
 * The cell at row, col (1-based). Never NULL: a cell outside the data is an
 * empty cell. Borrows from the sheet's table.
 */
const lt_cell *lt_sheet_cell(const lt_sheet *s, int row, int col);

/* Number of cells in row (1-based); 0 for a row outside the data. */
int lt_sheet_row_len(const lt_sheet *s, int row);

/*
 * Setters, used by the readers and by code that builds a table to export.
 * Each copies what it is given into the table's arena and returns 0,
 * LT_EINVAL (row/col < 1, bad UTF-8 or date) or LT_ENOMEM. Setting a cell
 * past the current end extends the sheet with empty cells.
 * The table keeps its first failure (sticky, like lt_buf): a writer that
 * fills many cells may ignore each result with lt_ignore() and check
 * lt_table_error() once before the table is written out.
 */
/* Text (n bytes; validated and NFC-normalised; a code point an XLSX cannot carry becomes
 * U+FFFD). Empty text → empty cell. */
LT_MUST_CHECK int lt_sheet_set_text(lt_sheet *s, int row, int col, const char *text, size_t n);
LT_MUST_CHECK int lt_sheet_set_number(lt_sheet *s, int row, int col, double v, lt_numfmt fmt);
LT_MUST_CHECK int lt_sheet_set_bool(lt_sheet *s, int row, int col, bool v);
/* iso: "YYYY-MM-DD", optionally followed by "THH:MM[:SS]" or " HH:MM[:SS]". */
LT_MUST_CHECK int lt_sheet_set_date(lt_sheet *s, int row, int col, const char *iso);

/*
 * Store *c at row, col as it is: c->text must already be NFC UTF-8 owned by
 * s's table arena (the readers use this to share strings). 0 or LT_ENOMEM.
 */
LT_MUST_CHECK int lt_sheet_put(lt_sheet *s, int row, int col, const lt_cell *c);
/* The table's first failed setter, or 0. */
LT_MUST_CHECK int lt_table_error(const lt_table *t);

/*
 * Text of the n bytes at p as NFC, copied into t's arena (returns borrowed
 * pointer in *out, length in *outlen). LT_EINVAL when p is not valid UTF-8
 * or holds a NUL; LT_EUNSUPPORTED when it holds a code point lantoa does not
 * store (lt_text_cp_ok: C0 controls, noncharacters such as U+FFFE); LT_ENOMEM.
 * ASCII and precomposed Vietnamese skip utf8proc.
 */
LT_MUST_CHECK int lt_table_intern(lt_table *t, const char *p, size_t n, const char **out,
		    size_t *outlen);

/* True when the n bytes at p are valid UTF-8 with no NUL and already NFC
 * by the fast check (ASCII, Latin, precomposed Vietnamese, punctuation). */
bool lt_table_fast_nfc(const char *p, size_t n);

/*
 * Excel serial (1900 system, with its phantom 29 Feb 1900) ↔ ISO text.
 * lt_table_serial_to_iso writes "YYYY-MM-DD", "YYYY-MM-DDTHH:MM:SS" when
 * the serial has a time, or "HH:MM:SS" when time_only and serial < 1, into
 * buf (≥ 20 bytes). Returns -1 when the serial is out of range (< 0 or
 * past 9999-12-31), else 0.
 */
LT_MUST_CHECK int lt_table_serial_to_iso(double serial, bool time_only, char buf[20]);
/* Parse iso (see lt_sheet_set_date) into an Excel 1900 serial. 0 or -1. */
LT_MUST_CHECK int lt_table_iso_to_serial(const char *iso, double *serial);

/* Shortest text that reads back as v ("%.15g", or "%.17g" when needed). */
void lt_table_format_number(double v, char buf[32]);

#endif
