/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * xlsx_read.h — read an XLSX workbook (Excel, LibreOffice, libxlsxwriter)
 * into an lt_table, from memory, with libzip and libxml2's streaming reader.
 *
 * Every worksheet becomes a sheet of the table, in workbook order, under its
 * name (chart sheets are skipped). Cells come out as:
 *   shared / inline / formula strings → STRING (rich-text runs joined,
 *     phonetic runs dropped, _xHHHH_ escapes decoded, NFC);
 *   numbers → NUMBER, or DATE when the cell's style has a date or time
 *     format (built-in 14–22, 45–47 or a custom code with d/m/y/h/s outside
 *     quotes); serials of the 1900 system (with its phantom 29 Feb 1900) or
 *     of the 1904 system (workbookPr date1904) become ISO text and a 1900
 *     serial; "#,##0" numbers are flagged LT_NUMFMT_MONEY;
 *   b → BOOL, e → ERROR ("#N/A"…), d (ISO date) → DATE.
 * Empty cells (style only) are not stored.
 *
 * Defences: the file must be a zip (else "not an XLSX file"); an entry's
 * declared uncompressed size, its ratio to the compressed size and the
 * total actually inflated are all capped (zip bombs); XML with a DTD is
 * refused (no entities), no network access; the row, column, cell and sheet
 * limits of lt_table_limits apply, and errors name the sheet, row and column.
 */
#ifndef LT_XLSX_READ_H
#define LT_XLSX_READ_H

#include <stddef.h>

#include "core/error.h"
#include "render/table.h"

/*
 * Read the len bytes at data (borrowed) as an XLSX workbook. lim may be
 * NULL (defaults). On success *out is an owned table (lt_table_free); on
 * error *out is NULL and e says why, with e->field like "Sheet1!B7" when the
 * error is about a cell.
 * Returns 0, LT_EINVAL (not an XLSX file, damaged zip, bad XML, missing
 * workbook or worksheet), LT_ETOOBIG (a limit or a zip bomb) or LT_ENOMEM.
 */
LT_MUST_CHECK int lt_xlsx_read(const void *data, size_t len, const lt_table_limits *lim,
		 lt_table **out, lt_error *e);

#endif
