/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * vndate.h — Vietnamese date and number formatting for official documents.
 *
 * Dates follow Nghị định 30/2020/NĐ-CP: "Gia Lâm, ngày 05 tháng 02 năm 2024"
 * (a leading zero for days 1–9 and for months 1 and 2 only). Numbers use "."
 * between thousands and "," before decimals: "12.345", "7,5", money
 * "1.234.567 đ". Every function appends to a caller-owned lt_buf.
 */
#ifndef LT_VNDATE_H
#define LT_VNDATE_H

#include "core/error.h"

#include <stdbool.h>
#include <stdint.h>

#include "core/buf.h"

/* True when y-m-d is a real calendar date with 1900 <= y <= 9999. */
bool lt_vndate_valid(int y, int m, int d);

/*
 * Parse an ISO date "YYYY-MM-DD" (exactly 10 characters, NUL-terminated)
 * into *y, *m, *d. Returns 0 or LT_EINVAL (outputs untouched on error).
 */
LT_MUST_CHECK int lt_vndate_parse_iso(const char *s, int *y, int *m, int *d);

/*
 * Append the place-and-date line: "Gia Lâm, ngày 05 tháng 02 năm 2024".
 * place (borrowed, UTF-8) may be NULL or "" → "ngày 05 tháng 02 năm 2024".
 * Returns 0, LT_EINVAL for an invalid date, or the lt_buf error.
 */
LT_MUST_CHECK int lt_vndate_format_line(lt_buf *b, const char *place, int y, int m, int d);

/* Append "dd/mm/yyyy" ("05/02/2024"). 0, LT_EINVAL or the lt_buf error. */
LT_MUST_CHECK int lt_vndate_format_short(lt_buf *b, int y, int m, int d);

/* Append an integer with "." thousands separators: 12345 → "12.345", -5 → "-5". */
LT_MUST_CHECK int lt_vndate_format_number(lt_buf *b, int64_t v);

/* Append money in đồng: 1234567 → "1.234.567 đ", 0 → "0 đ", -2500 → "-2.500 đ". */
LT_MUST_CHECK int lt_vndate_format_money(lt_buf *b, int64_t v);

/*
 * Append v rounded to `decimals` (0–6) places with "," as the decimal mark and
 * "." between thousands, trailing zeros dropped: 7.5 → "7,5", 10500.25 →
 * "10.500,25". Returns LT_EINVAL for NaN/inf or out-of-range values.
 */
LT_MUST_CHECK int lt_vndate_format_decimal(lt_buf *b, double v, int decimals);

#endif
