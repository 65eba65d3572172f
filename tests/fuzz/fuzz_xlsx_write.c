/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * libFuzzer target for the XLSX writer (src/render/xlsx_write.c): any text,
 * cut into cells at each newline, written into a workbook, must give a file
 * whose XML is well-formed — read back by lt_xlsx_read (libxml2's reader
 * refuses any part that is not), with every cell's text as it was or with
 * U+FFFD in place of what XML cannot carry.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "render/xlsx_read.h"
#include "render/xlsx_write.h"
#include "text/fold.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	lt_table *t = NULL, *back = NULL;
	lt_sheet *s;
	lt_buf b;
	lt_error e;
	const char *p = (const char *)data, *end = p + size;
	int row = 1;

	if (size > 4096 || lt_table_new(&t))
		return 0;
	s = lt_table_add_sheet(t, "Hoạt động");
	while (s && p < end && row < 64) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		/* Text the setter refuses (not UTF-8, a NUL) never reaches the writer. */
		lt_ignore(lt_sheet_set_text(s, row++, 1 + (int)(n % 3), p, n));
		p += n + 1;
	}
	lt_buf_init(&b, 16 << 20);
	if (lt_xlsx_write_buf(t, &b, &e) == 0) {
		if (lt_xlsx_read(b.ptr, b.len, NULL, &back, &e) != 0)
			abort(); /* what we wrote, we must be able to read */
		for (int r = 1; r <= lt_table_sheet_at(back, 0)->nrows; r++)
			for (int c = 1; c <= lt_sheet_row_len(lt_table_sheet_at(back, 0), r); c++) {
				const lt_cell *cell = lt_sheet_cell(lt_table_sheet_at(back, 0), r, c);
				if (lt_text_check(cell->text, cell->len, NULL) != LT_TEXT_OK)
					abort();
			}
	}
	lt_table_free(back);
	lt_table_free(t);
	lt_buf_free(&b);
	return 0;
}
