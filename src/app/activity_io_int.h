/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * activity_io_int.h — what the activity_io*.c files share: the column
 * tables, the error report, cell readers, header mapping, the unit of a
 * row, and each list's reader, table and template.
 */
#ifndef LT_APP_ACTIVITY_IO_INT_H
#define LT_APP_ACTIVITY_IO_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app/activity_io.h"
#include "render/xlsx_write.h"
#include "store/contest.h"
#include "store/indicator.h"

/* One column of an import list: its key, Vietnamese and English headers. */
typedef struct lt_io_col {
	const char *key;
	const char *vi;
	const char *en;
	bool required;
} lt_io_col;

extern const lt_io_col lt_io_item_cols[];
extern const size_t lt_io_item_ncols;
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
LT_MUST_CHECK int lt_io_header(const lt_table *t, const char *sheet_name, const lt_io_col *cols,
			       size_t ncols, const char *what_vi, lt_sheet **out, int *col_of,
			       lt_import_report *rep, lt_error *e);
/*
 * Start reading a list from t: its header (lt_io_header, *s the sheet), the
 * unit code column (cols[unit_col]) required when no unit is fixed, and
 * the fixed unit's code into *fixed ("" with none). 0; LT_EINVAL with the
 * header's errors in rep (the caller goes on to lt_io_rows_end); or
 * another error in e.
 */
LT_MUST_CHECK int lt_io_start(lt_db *db, const lt_table *t, const char *sheet,
			      const lt_io_col *cols, size_t ncols, const char *what_vi, int unit_col,
			      int64_t unit_id, lt_arena *a, lt_sheet **s, int *col_of,
			      const char **fixed, lt_import_report *rep, lt_error *e);
/*
 * End of reading a list's rows: k good rows (none is an error "no data
 * row"). With any error in rep, the first goes to e and LT_EINVAL is
 * returned; else *n = k and 0.
 */
LT_MUST_CHECK int lt_io_rows_end(const lt_sheet *s, size_t k, size_t *n, lt_import_report *rep,
				 lt_error *e);
/* Cell (col 0 → an empty cell). Borrowed. */
const lt_cell *lt_io_cell(const lt_sheet *s, int row, int col);
/* Trimmed copy of the cell's text in a, or NULL when blank. */
const char *lt_io_text(lt_arena *a, const lt_cell *c);
/* Are all mapped cells of row blank (column index skip ignored, -1: none)? */
bool lt_io_blank(const lt_sheet *s, int row, const int *col_of, size_t ncols, int skip);
/*
 * Cell readers: true when the cell reads as one. Dates: DATE cells,
 * serials, "dd/mm/yyyy", ISO. Counts: whole ≥ 0, "12.345" grouping allowed.
 * Numbers: any, Vietnamese grouping and decimal comma allowed.
 */
bool lt_io_date(const lt_cell *c, char out[11]);
bool lt_io_count(const lt_cell *c, int64_t *out);
bool lt_io_number(const lt_cell *c, double *out);

/* The last unit code a row named and its id, so a run of rows looks it up once. */
typedef struct lt_io_unit_memo {
	char code[64];
	int64_t id;
} lt_io_unit_memo;
/*
 * Unit of row r from its unit-code cell (column col, 0: none) into *id.
 * With unit_id (the importer's unit, code fixed_code) every row is that
 * unit's and another code is an error; else the code is required and must
 * lie in who's subtree. Errors go to rep. memo may be NULL.
 */
void lt_io_row_unit(lt_db *db, const lt_actor *who, lt_arena *a, const lt_sheet *s, int r, int col,
		    int64_t unit_id, const char *fixed_code, lt_io_unit_memo *memo, int64_t *id,
		    lt_import_report *rep);
/* The code of unit_id (0: "") into *code (in a). */
LT_MUST_CHECK int lt_io_unit_code(lt_db *db, int64_t unit_id, lt_arena *a, const char **code,
				  lt_error *e);
/*
 * A template's unit-code column: unit_id's code as a constant, else (0) a
 * drop-down of the active unit codes of who's subtree. Strings in a.
 */
struct lt_xlsx_col;
LT_MUST_CHECK int lt_io_template_unit_col(lt_db *db, const lt_actor *who, int64_t unit_id,
					  lt_arena *a, struct lt_xlsx_col *col, lt_error *e);
/*
 * Write the XLSX template of a list into out: its sheet with cols[ncols]
 * (a column without a header gets heads[k]'s Vietnamese one), nrows rows
 * ready to fill, and a sheet "Hướng dẫn" with the help lines.
 */
LT_MUST_CHECK int lt_io_template_write(const char *sheet, const lt_io_col *heads,
				       struct lt_xlsx_col *cols, int ncols, int nrows,
				       const char *const *help, int nhelp, lt_buf *out, lt_error *e);
/* Channel / activity-kind code of a cell's text (code or Vietnamese name), or NULL. */
const char *lt_io_channel(const char *text);
const char *lt_io_kind(const char *text);

/* Write text v (NULL: nothing) at (r, c); a failure is kept by the table (lt_table_error). */
void lt_io_set_text(lt_sheet *s, int r, int c, const char *v);
/* Row 1: the Vietnamese headers of cols[n]. */
void lt_io_header_row(lt_sheet *s, const lt_io_col *cols, size_t n);
/*
 * End building table t with rc (an earlier failure): unless rc, its first
 * failure (of the cells set without checks) becomes the error; on success
 * *out takes t, else t is freed. Returns the outcome.
 */
LT_MUST_CHECK int lt_io_table_end(lt_table *t, int rc, lt_table **out, lt_error *e);
/* A new table with one sheet named name, its header row written. */
LT_MUST_CHECK int lt_io_table_new(const char *name, const lt_io_col *cols, size_t n,
				  lt_table **t, lt_sheet **s, lt_error *e);

/*
 * Turn a store error about row line (field in e->field) into one report
 * entry with the column of that field, for the list.
 */
void lt_io_store_error(const lt_table *t, lt_app_list list, int line, const lt_error *e,
		       lt_import_report *rep);

/*
 * An export's rows, one at a time: into one table (sink NULL), or written
 * out to sink (activity_io.h) a piece at a time, as CSV or (xlsx) as an
 * XLSX streamed in constant memory (render/xlsx_write.h). Add a row to
 * r->s, then call lt_io_rows_added, which writes the rows out once more
 * than LT_IO_PIECE wait. Each piece is a table of its own, header row
 * first: the first is written with its header (and the CSV's BOM), the
 * others with their rows only, so that a CSV is lt_csv_write's of one whole
 * table. lt_io_rows_finish ends it: *out the table (table mode), or the
 * last piece written (the header alone when no row came).
 */
enum { LT_IO_PIECE = 1000 };
/* The data rows an XLSX sheet holds under its header (ECMA-376: 1,048,576 rows in all). */
enum { LT_IO_XLSX_ROWS = 1048575 };

typedef struct lt_io_rows {
	const char *sheet;
	const lt_io_col *cols;
	size_t ncols;
	lt_table *t;
	lt_sheet *s;
	/* streamed mode */
	lt_io_sink sink;
	void *ctx;
	bool started; /* the header (and the CSV's BOM) are written */
	lt_buf csv;
	lt_xlsx_stream *xlsx; /* an XLSX export's; NULL: CSV */
} lt_io_rows;

LT_MUST_CHECK int lt_io_rows_begin(lt_io_rows *r, const char *sheet, const lt_io_col *cols,
				   size_t ncols, lt_io_sink sink, void *ctx, bool xlsx, lt_error *e);
LT_MUST_CHECK int lt_io_rows_added(lt_io_rows *r, lt_error *e);
/* rc: the export's result so far (on error everything is freed and rc returned). */
LT_MUST_CHECK int lt_io_rows_finish(lt_io_rows *r, int rc, lt_table **out, lt_error *e);

/* ---------- the lists (activity_io_items.c, activity_io_figures.c, activity_io_entries.c) ---------- */

LT_MUST_CHECK int lt_io_items_table(lt_db *db, const lt_activity_filter *f, lt_table **out,
				    lt_error *e);
/* The same as CSV or XLSX written out 1,000 items at a time to sink (as lt_io_figures_stream). */
LT_MUST_CHECK int lt_io_items_stream(lt_db *db, const lt_activity_filter *f, bool xlsx,
				     lt_io_sink sink, void *ctx, lt_error *e);
LT_MUST_CHECK int lt_io_items_template(lt_db *db, const lt_actor *who, int64_t directive_id,
				       int64_t unit_id, lt_buf *out, lt_error *e);

LT_MUST_CHECK int lt_io_figures(lt_db *db, const lt_actor *who, int64_t directive_id,
				const lt_table *t, int64_t unit_id, lt_arena *a, lt_figure_in **rows,
				size_t *n, lt_import_report *rep, lt_error *e);
/* The figures of unit_id (0: every recipient of the actor's subtree); access is checked. */
LT_MUST_CHECK int lt_io_figures_table(lt_db *db, const lt_actor *who, int64_t directive_id,
				      int64_t unit_id, lt_table **out, lt_error *e);
/*
 * The same as CSV or XLSX written out a stretch of units at a time
 * (app/figure.h lt_app_figures_each) to sink, never the whole file in
 * memory: the CSV is the same bytes as lt_csv_write of lt_io_figures_table's
 * table; an XLSX of more values than a sheet's rows is refused at once.
 */
LT_MUST_CHECK int lt_io_figures_stream(lt_db *db, const lt_actor *who, int64_t directive_id,
				       int64_t unit_id, bool xlsx, lt_io_sink sink, void *ctx,
				       lt_error *e);
LT_MUST_CHECK int lt_io_figures_template(lt_db *db, const lt_actor *who, int64_t directive_id,
					 int64_t unit_id, lt_buf *out, lt_error *e);

LT_MUST_CHECK int lt_io_entries(lt_db *db, const lt_actor *who, const lt_table *t, int64_t unit_id,
				lt_arena *a, lt_contest_entry_in **rows, size_t *n,
				lt_import_report *rep, lt_error *e);
LT_MUST_CHECK int lt_io_entries_table(lt_db *db, int64_t contest_id, const char *within,
				      lt_table **out, lt_error *e);
/* The same as CSV or XLSX written out 1,000 entries at a time to sink. */
LT_MUST_CHECK int lt_io_entries_stream(lt_db *db, int64_t contest_id, const char *within,
				       bool xlsx, lt_io_sink sink, void *ctx, lt_error *e);
LT_MUST_CHECK int lt_io_entries_template(lt_db *db, const lt_actor *who, int64_t unit_id,
					 lt_buf *out, lt_error *e);

#endif
