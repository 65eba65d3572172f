/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * libFuzzer target for the XLSX reader (src/render/xlsx_read.c): any input
 * either fails with a message or gives a table whose every cell text is
 * valid, NUL-free and as long as it says. Limits are small to keep runs fast.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "render/xlsx_read.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	lt_table_limits lim = { .max_bytes = 1 << 20, .max_unzipped = 8 << 20,
				.max_rows = 5000, .max_cols = 64, .max_cell_bytes = 4096,
				.max_sheets = 8 };
	lt_table *t = NULL;
	lt_error e;

	if (lt_xlsx_read(data, size, &lim, &t, &e) != 0) {
		if (t || !e.vi[0] || !e.en[0])
			abort();
		return 0;
	}
	for (int i = 0; i < t->nsheets; i++) {
		const lt_sheet *s = lt_table_sheet_at(t, i);
		if (s->nrows > lim.max_rows || s->ncols > lim.max_cols)
			abort();
		for (int r = 1; r <= s->nrows; r++)
			for (int c = 1; c <= lt_sheet_row_len(s, r); c++) {
				const lt_cell *cell = lt_sheet_cell(s, r, c);
				if (strlen(cell->text) != cell->len ||
				    cell->len > lim.max_cell_bytes + 32)
					abort();
			}
	}
	lt_table_free(t);
	return 0;
}
