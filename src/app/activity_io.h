/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * activity_io.h — the three lists of the activity feature as spreadsheets
 * (XLSX or CSV): activities and figures of a directive, entries of a
 * contest. The import template (drop-down lists for themes, channels,
 * kinds, indicators, categories; the importer's unit code pre-filled), the
 * export (the import's columns, so that export → import gives the same
 * records), and the import: all or nothing, every bad cell reported by
 * sheet, row and column, nothing written.
 *
 * Who imports for whom: everyone for its own unit (the unit code column,
 * if any, must be its own); an administrator (and the console operator)
 * either for one unit of its subtree or, naming none, for the units of its
 * subtree named in the unit code column. Shared by the HTTP API and the
 * CLI; the decisions are made here from the actor.
 */
#ifndef LT_APP_ACTIVITY_IO_H
#define LT_APP_ACTIVITY_IO_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app/actor.h"
#include "app/io_sink.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/error.h"
#include "render/table.h"
#include "store/activity.h"
#include "store/db.h"

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
 * One line per error ("Sheet, dòng R, cột C (field): reason") into out,
 * in Vietnamese or English; and e set to the first, with the count.
 */
void lt_import_report_text(const lt_import_report *r, bool en, lt_buf *out);
void lt_import_report_first(const lt_import_report *r, lt_error *e);

/* The sheet each list is read from (else the file's first) and written to. */
#define LT_IO_ITEMS_SHEET "Hoạt động"
#define LT_IO_FIGURES_SHEET "Chỉ tiêu"
#define LT_IO_ENTRIES_SHEET "Bài dự thi"


/* The lists. */
typedef enum lt_app_list {
	LT_APP_LIST_ITEMS,   /* activities of a directive */
	LT_APP_LIST_FIGURES, /* figures of a directive */
	LT_APP_LIST_ENTRIES, /* entries of a contest */
} lt_app_list;

/* Which list, of what, for whom. */
typedef struct lt_app_list_ref {
	lt_app_list list;
	int64_t owner;       /* the directive (items, figures) or the contest (entries) */
	int64_t unit_id;     /* 0: see each function */
	const char *channel; /* items' export only: filters (NULL: any) */
	const char *q;
} lt_app_list_ref;

/* Download names: "mau-hoat-dong.xlsx"…, and "hoat-dong"… (an export, without extension). */
const char *lt_app_list_template_name(lt_app_list list);
const char *lt_app_list_export_base(lt_app_list list);

/*
 * The XLSX import template into out: pre-filled with the code of unit_id
 * (0 and an administrator or the operator: a drop-down of the codes of the
 * actor's subtree; 0 otherwise: the actor's own unit).
 */
LT_MUST_CHECK int lt_app_list_template(lt_db *db, const lt_actor *who, const lt_app_list_ref *ref,
				       lt_buf *out, lt_error *e);

/*
 * The list's records under unit_id (0: the actor's subtree) as one table in
 * memory (owned *out): what a streamed export of it must equal, cell for
 * cell (the tests compare them); the routes stream.
 */
LT_MUST_CHECK int lt_app_list_export(lt_db *db, const lt_actor *who, const lt_app_list_ref *ref,
				     lt_table **out, lt_error *e);
/*
 * The same written out to sink a piece at a time, as XLSX (xlsx; streamed
 * in constant memory) or CSV (UTF-8, comma), so that a national export is
 * never whole in memory: the figures 500 units at a time (1.8 million rows
 * nationally), activities and contest entries 1,000 at a time. The CSV is
 * the same bytes as lt_csv_write of lt_app_list_export's table. An XLSX of
 * more rows than a sheet holds is refused with LT_ETOOBIG naming "format":
 * at once when the kept counts know (figures; activities without a
 * search), else when the row past the sheet comes. On an error sink may
 * have had part of the file, which the caller discards.
 */
LT_MUST_CHECK int lt_app_list_export_stream(lt_db *db, const lt_actor *who,
					    const lt_app_list_ref *ref, bool xlsx,
					    lt_io_sink sink, void *ctx, lt_error *e);

/*
 * Import the file data[len] (XLSX when it starts like a zip, else CSV) into
 * the list, for unit_id as above, all or nothing; *n the rows imported.
 * On failure rep->total > 0 when the failure is about cells (every bad
 * cell with LT_EINVAL; a refused row with the store's code: LT_EEXIST for
 * a link entered already, LT_EFORBIDDEN for a unit that may not record…),
 * and e holds the first; else e alone says why (file, access).
 */
LT_MUST_CHECK int lt_app_list_import(lt_db *db, const lt_actor *who, const lt_app_list_ref *ref,
				     const char *data, size_t len, lt_import_report *rep, size_t *n,
				     lt_error *e);

/*
 * The rows of a list read from table t, checked cell by cell, without
 * writing (the first half of an import; benchmarks call it apart). unit_id
 * as for lt_app_list_import once decided: the unit every row is for, or 0
 * (the unit code column decides; each code must lie in the actor's
 * subtree). Rows live in a. On bad cells LT_EINVAL with rep filled.
 */
LT_MUST_CHECK int lt_activity_io_items(lt_db *db, const lt_actor *who, int64_t directive_id,
				       const lt_table *t, int64_t unit_id, lt_arena *a,
				       lt_activity_in **rows, size_t *n, lt_import_report *rep,
				       lt_error *e);

/* Read an upload into a table: XLSX when it starts like a zip, else CSV (UTF-8). Owned *out. */
LT_MUST_CHECK int lt_activity_io_read(const char *data, size_t len, lt_table **out, lt_error *e);

#endif
