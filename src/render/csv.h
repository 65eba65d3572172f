/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * csv.h — CSV files as cadres' Excel writes and reads them.
 *
 * Reading (RFC 4180 and what Excel does around it): fields may be quoted,
 * with doubled quotes and embedded newlines; the separator is detected from
 * the first record among ',', ';' (Vietnamese Excel) and TAB; a UTF-8 BOM is
 * dropped; CRLF, LF and lone CR all end a record. Input must be UTF-8: a
 * Windows-1258/cp1252 or UTF-16 file is rejected with a message that says to
 * save as "CSV UTF-8", naming the row and column of the first bad byte.
 * Every cell is a STRING (or EMPTY) cell, NFC-normalised; typing is the
 * importer's business. Row numbers are records, as Excel shows them.
 *
 * Writing: UTF-8 with a BOM (so Excel shows Vietnamese), CRLF, fields quoted
 * only when they hold a quote, CR, LF or any of the separators ',', ';', TAB
 * (so that detection on reading cannot pick another one). Formula injection is
 * defused: a STRING cell that starts with = + - @ TAB or CR is written with a
 * leading apostrophe ('=SUM(A1) stays text when the file is opened in a
 * spreadsheet), as OWASP advises. Numbers are written plainly ("1234567.5"),
 * dates as ISO "YYYY-MM-DD", booleans as TRUE/FALSE.
 */
#ifndef LT_CSV_H
#define LT_CSV_H

#include <stddef.h>

#include "core/buf.h"
#include "core/error.h"
#include "render/table.h"

/*
 * Parse the len bytes at data (borrowed) into a new table with one sheet
 * named "CSV". lim may be NULL (defaults). On success *out is an owned
 * table (free with lt_table_free); on error *out is NULL and e names the
 * row and column ("B7") in e->field.
 * Returns 0, LT_EINVAL (bad UTF-8, unterminated quote), LT_ETOOBIG (a limit)
 * or LT_ENOMEM.
 */
LT_MUST_CHECK int lt_csv_read(const char *data, size_t len, const lt_table_limits *lim,
		lt_table **out, lt_error *e);

/* The separator lt_csv_read would pick for data: ',', ';' or '\t'. */
char lt_csv_detect_sep(const char *data, size_t len);

/*
 * Append sheet s (borrowed) as CSV to out: BOM, CRLF, separator sep (0 → ',').
 * Returns 0, LT_ETOOBIG (out's cap) or LT_ENOMEM; on error out may hold a
 * partial file, which the caller discards.
 */
LT_MUST_CHECK int lt_csv_write(const lt_sheet *s, char sep, lt_buf *out, lt_error *e);

/*
 * The same without the BOM, rows first.. of s only: a file written a piece
 * at a time (a streamed export: BOM and header once, then each piece's rows).
 */
LT_MUST_CHECK int lt_csv_write_rows(const lt_sheet *s, int first, char sep, lt_buf *out,
				    lt_error *e);

#endif
