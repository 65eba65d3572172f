/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * activity_io.h — activities, figures and contest entries as spreadsheets
 * (XLSX or CSV): reading an upload, checking every cell, templates and
 * exports. Shared by the HTTP API and the CLI.
 */
#ifndef LT_APP_ACTIVITY_IO_H
#define LT_APP_ACTIVITY_IO_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/error.h"
#include "render/table.h"
#include "store/activity.h"
#include "store/contest.h"
#include "store/db.h"
#include "store/indicator.h"

/* ---------- spreadsheet import / export (also used by the CLI) ---------- */

/* Every bad cell of an import, as the user sees it. */
typedef struct lt_import_error {
	char sheet[64];
	int row;       /* 1-based, as Excel shows it */
	char col[8];   /* "C"; "" when the error is about a whole row */
	char field[48];
	char vi[LT_ERR_MSG_MAX];
	char en[LT_ERR_MSG_MAX];
} lt_import_error;

#define LT_IMPORT_MAX_ERRORS 100

typedef struct lt_import_report {
	lt_import_error v[LT_IMPORT_MAX_ERRORS];
	size_t n;     /* kept (at most LT_IMPORT_MAX_ERRORS) */
	size_t total; /* found */
} lt_import_report;

/*
 * Read an upload into a table: XLSX when it starts like a zip, else CSV
 * (UTF-8). Owned *out (lt_table_free). Errors name the sheet/row/column.
 */
int lt_activity_io_read(const char *data, size_t len, lt_table **out, lt_error *e);

/*
 * One line per error ("Sheet, dòng R, cột C (field): reason") into out,
 * in Vietnamese or English; and e set to the first, with the count.
 */
void lt_import_report_text(const lt_import_report *r, bool en, lt_buf *out);
void lt_import_report_first(const lt_import_report *r, lt_error *e);
/* The report as JSON: [{sheet, row, column, field, message}] (new reference). */
json_t *lt_import_report_json(const lt_import_report *r, bool en);

/*
 * Activities from t for directive. unit_id: the unit every row is for (0:
 * the "Mã đơn vị" column decides, and each code must lie under within).
 * Rows live in a. On bad cells returns LT_EINVAL with rep filled (all of
 * them); the caller then writes nothing.
 */
int lt_activity_io_items(lt_db *db, int64_t directive_id, const lt_table *t, int64_t unit_id,
			 const char *within, lt_arena *a, lt_activity_in **rows, size_t *n,
			 lt_import_report *rep, lt_error *e);
/* Activities matching f as a table (one sheet "Hoạt động", the import columns). */
int lt_activity_io_items_table(lt_db *db, const lt_activity_filter *f, lt_table **out,
			       lt_error *e);
/* The import template for directive, pre-filled with unit's code (0: a unit column with the
 * codes under within as a drop-down), into out. */
int lt_activity_io_items_template(lt_db *db, int64_t directive_id, int64_t unit_id,
				  const char *within, lt_buf *out, lt_error *e);

/* Figures (one row per unit, one column per indicator) — same conventions. */
int lt_activity_io_figures(lt_db *db, int64_t directive_id, const lt_table *t, int64_t unit_id,
			   const char *within, lt_arena *a, lt_figure_in **rows, size_t *n,
			   lt_import_report *rep, lt_error *e);
int lt_activity_io_figures_table(lt_db *db, int64_t directive_id, int64_t unit_id,
				 const char *within, lt_table **out, lt_error *e);
int lt_activity_io_figures_template(lt_db *db, int64_t directive_id, int64_t unit_id,
				    const char *within, lt_buf *out, lt_error *e);

/* Contest entries — same conventions. */
int lt_activity_io_entries(lt_db *db, const lt_table *t, int64_t unit_id, const char *within,
			   lt_arena *a, lt_contest_entry_in **rows, size_t *n,
			   lt_import_report *rep, lt_error *e);
int lt_activity_io_entries_table(lt_db *db, int64_t contest_id, int64_t unit_id,
				 const char *within, lt_table **out, lt_error *e);
int lt_activity_io_entries_template(lt_db *db, int64_t unit_id, const char *within, lt_buf *out,
				    lt_error *e);

/*
 * Turn a store error about row index bad (field in e->field) into one
 * report entry with the column of that field, for the kind of list
 * ("items", "figures", "entries").
 */
void lt_activity_io_store_error(const lt_table *t, const char *list, int line, const lt_error *e,
				lt_import_report *rep);

/* ---------- internals shared by the activity_io*.c files ---------- */

/* One column of an import list: its key, Vietnamese and English headers. */
typedef struct lt_io_col {
	const char *key;
	const char *vi;
	const char *en;
	bool required;
} lt_io_col;

#define LT_IO_ITEMS_SHEET "Hoạt động"
#define LT_IO_FIGURES_SHEET "Chỉ tiêu"
#define LT_IO_ENTRIES_SHEET "Bài dự thi"

extern const lt_io_col lt_io_entry_cols[];
extern const size_t lt_io_entry_ncols;

/* Does header text h name column c (vi/en header, key, or "… [key]"), ignoring case and marks? */
bool lt_io_header_is(const char *h, const lt_io_col *c);
/* Add one error at (sheet s, row, col) to r; printf-style, both formats take the same args. */
void lt_io_err(lt_import_report *r, const lt_sheet *s, int row, int col, const char *field,
	       const char *vi, const char *en, ...) __attribute__((format(printf, 6, 8), format(printf, 7, 8)));
/*
 * Find the list's sheet (by name, else the first) and map its header row to
 * cols: col_of[k] is the column of cols[k] or 0. Unknown headers and missing
 * required columns go to rep; a sheet with no known header is an error in e
 * naming the file's sheets. *out is the sheet (NULL on that error).
 */
int lt_io_header(const lt_table *t, const char *sheet_name, const lt_io_col *cols, size_t ncols,
		 const char *what_vi, const char *what_en, lt_sheet **out, int *col_of,
		 lt_import_report *rep, lt_error *e);
/*
 * End of reading a list's rows: k good rows (none is an error "no data
 * row"). With any error in rep, the first goes to e and LT_EINVAL is
 * returned; else *n = k and 0.
 */
int lt_io_rows_end(const lt_sheet *s, size_t k, size_t *n, lt_import_report *rep, lt_error *e);
/* Cell (col 0 → an empty cell). Borrowed. */
const lt_cell *lt_io_cell(const lt_sheet *s, int row, int col);
/* Trimmed copy of the cell's text in a, or NULL when blank. */
const char *lt_io_text(lt_arena *a, const lt_cell *c);
/* Are all mapped cells of row blank (column index skip ignored, -1: none)? */
bool lt_io_blank(const lt_sheet *s, int row, const int *col_of, size_t ncols, int skip);
/* Cell readers: 0 or -1. Dates: DATE cells, serials, "dd/mm/yyyy", ISO. Counts: whole ≥ 0,
 * "12.345" grouping allowed. Numbers: any, Vietnamese grouping and decimal comma allowed. */
int lt_io_date(const lt_cell *c, char out[11]);
int lt_io_count(const lt_cell *c, int64_t *out);
int lt_io_number(const lt_cell *c, double *out);
/* Unit id of code, which must lie under within (NULL: anywhere). */
int lt_io_unit(lt_db *db, lt_arena *a, const char *code, const char *within, int64_t *id,
	       lt_error *e);
/* The last unit code a row named and its id, so a run of rows looks it up once. */
typedef struct lt_io_unit_memo {
	char code[64];
	int64_t id;
} lt_io_unit_memo;
/*
 * Unit of row r from its unit-code cell (column col, 0: none) into *id.
 * With unit_id (the importer's own unit, code fixed_code) every row is that
 * unit's and another code is an error; else the code is required and must
 * lie under within. Errors go to rep. memo may be NULL.
 */
void lt_io_row_unit(lt_db *db, lt_arena *a, const lt_sheet *s, int r, int col, int64_t unit_id,
		    const char *fixed_code, const char *within, lt_io_unit_memo *memo, int64_t *id,
		    lt_import_report *rep);
/*
 * A template's unit-code column: the importer's own code (unit_id) as a
 * constant, else a drop-down of the active unit codes under within. The
 * strings live in a.
 */
struct lt_xlsx_col;
int lt_io_template_unit_col(lt_db *db, int64_t unit_id, const char *within, lt_arena *a,
			    struct lt_xlsx_col *col, lt_error *e);
/* Channel / activity-kind code of a cell's text (code or Vietnamese name), or NULL. */
const char *lt_io_channel(const char *text);
const char *lt_io_kind(const char *text);
/* Codes of the active units under within, path order, arena array. */
int lt_io_unit_codes(lt_db *db, const char *within, lt_arena *a, const char ***codes, int *n,
		     lt_error *e);

#endif
