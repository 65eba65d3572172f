/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * xlsx_int.h — internals shared by xlsx_read.c (worksheets, entry point) and
 * xlsx_parts.c (zip entries streamed into libxml2, workbook, relationships,
 * styles, shared strings). Not for use outside the XLSX reader.
 */
#ifndef LT_XLSX_INT_H
#define LT_XLSX_INT_H

#include <libxml/xmlreader.h>
#include <stdbool.h>
#include <stddef.h>
#include <zip.h>

#include "core/buf.h"
#include "core/error.h"
#include "render/table.h"

#define MAX_ENTRIES 10000
#define MAX_SST 2000000
#define MAX_XFS 100000
#define RATIO_FLOOR (4u << 20) /* small entries may compress very well */

enum fmt_kind { FK_NONE = 0, FK_DATE, FK_TIME, FK_MONEY };

typedef struct sst_entry {
	const char *text; /* NULL: longer than max_cell_bytes (len says how long) */
	size_t len;
	bool bad; /* holds a code point lantoa does not store (text is NULL) */
} sst_entry;

typedef struct rel {
	char *id, *target, *type;
} rel;

typedef struct wb_sheet {
	char *name, *rid;
} wb_sheet;

typedef struct lt_xr {
	zip_t *za;
	lt_table_limits lim;
	lt_error *e;
	lt_table *t;
	size_t total; /* bytes inflated so far, all entries */
	int err;      /* set by the IO callback when a limit trips */
	bool date1904;
	/* current entry */
	zip_file_t *zf;
	const char *entry;
	size_t declared, got;
	xmlTextReaderPtr r;
	char xml_msg[160];
	int xml_line;
	/* workbook parts */
	sst_entry *sst;
	size_t nsst, capsst;
	unsigned char *xf;
	size_t nxf;
	struct { int id; unsigned char kind; } *numfmt;
	size_t nnumfmt;
	rel *rels;
	size_t nrels;
	wb_sheet *sheets;
	size_t nsheets;
	lt_buf text; /* scratch for one cell's text */
} lt_xr;

/* Errors: each sets x->e (both languages) and returns the code. */
LT_MUST_CHECK int lt_xlsx_set2(lt_error *e, int code, const char *field, const char *vi,
		 const char *en);
int lt_xlsx_bad_file(lt_xr *x, const char *vi, const char *en);
int lt_xlsx_oom(lt_xr *x);
int lt_xlsx_cell_err(lt_xr *x, int code, const char *sheet, int row, int col,
		     const char *vi, const char *en);

/* Open a zip entry as an XML reader in x->r: 1 when absent, 0 when open,
 * or a negative code. lt_xlsx_next: 1 node, 0 end, or a negative code (DTDs
 * refused). */
LT_MUST_CHECK int lt_xlsx_entry_open(lt_xr *x, const char *name);
void lt_xlsx_entry_close(lt_xr *x);
int lt_xlsx_next(lt_xr *x);
bool lt_xlsx_is_elem(lt_xr *x, const char *local);
bool lt_xlsx_is_end(lt_xr *x, const char *local);
char *lt_xlsx_attr(lt_xr *x, const char *local, bool ns);
bool lt_xlsx_is_text(lt_xr *x);

/* Text of the <t> elements up to the end of `until` into x->text (phonetic
 * runs skipped, _xHHHH_ decoded); *over when longer than max_cell_bytes. */
LT_MUST_CHECK int lt_xlsx_collect_text(lt_xr *x, const char *until, bool *over);
void lt_xlsx_unescape_x(lt_buf *b);
void lt_xlsx_resolve(const char *target, char *buf, size_t n);
bool lt_xlsx_ends_with(const char *s, const char *suffix);

/* The workbook parts, each filling x. */
LT_MUST_CHECK int lt_xlsx_read_workbook(lt_xr *x);
LT_MUST_CHECK int lt_xlsx_read_rels(lt_xr *x);
LT_MUST_CHECK int lt_xlsx_read_styles(lt_xr *x);
LT_MUST_CHECK int lt_xlsx_read_sst(lt_xr *x);

#endif
