/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * libFuzzer target for the CSV reader (src/render/csv.c) and writer.
 * Property: whatever reads without error writes back to a CSV that reads
 * again to the same cells (apart from the apostrophe added before
 * formula-like text).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "render/csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int same_row(const lt_sheet *a, const lt_sheet *b, int r)
{
	for (int c = 1; c <= a->ncols; c++) {
		const lt_cell *x = lt_sheet_cell(a, r, c), *y = lt_sheet_cell(b, r, c);
		const char *xt = x->text, *yt = y->text;
		if (x->len && strchr("=+-@\t\r", xt[0]) && yt[0] == '\'')
			yt++;
		if (strcmp(xt, yt) != 0)
			return 0;
	}
	return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	lt_table_limits lim = { .max_bytes = 1 << 20, .max_rows = 2000, .max_cols = 64,
				.max_cell_bytes = 4096 };
	lt_table *t = NULL, *back = NULL;
	lt_error e;
	lt_buf out;
	const lt_sheet *s;

	if (lt_csv_read((const char *)data, size, &lim, &t, &e) != 0) {
		if (t || !e.vi[0] || !e.en[0])
			abort(); /* an error always comes with its message */
		return 0;
	}
	s = lt_table_sheet_at(t, 0);
	for (int r = 1; r <= s->nrows; r++)
		for (int c = 1; c <= lt_sheet_row_len(s, r); c++) {
			const lt_cell *cell = lt_sheet_cell(s, r, c);
			utf8proc_uint8_t *nfc = NULL;
			if (strlen(cell->text) != cell->len)
				abort();
			/* valid UTF-8 and already NFC */
			if (utf8proc_map((const utf8proc_uint8_t *)cell->text,
					 (utf8proc_ssize_t)cell->len, &nfc,
					 UTF8PROC_STABLE | UTF8PROC_COMPOSE) != (utf8proc_ssize_t)cell->len ||
			    memcmp(nfc, cell->text, cell->len) != 0)
				abort();
			free(nfc);
		}
	lt_buf_init(&out, 64 << 20);
	if (lt_csv_write(s, 0, &out, NULL) != 0)
		abort();
	lim.max_cell_bytes = 8192; /* room for the apostrophes */
	lim.max_bytes = 64 << 20;
	if (lt_csv_read(out.ptr, out.len, &lim, &back, &e) != 0)
		abort();
	{
		const lt_sheet *b = lt_table_sheet_at(back, 0);
		/* Every row written has ncols cells; rows whose cells are all
		 * empty still count, so the row count is the same. */
		if (b->nrows != s->nrows)
			abort();
		for (int r = 1; r <= s->nrows; r++)
			if (!same_row(s, b, r))
				abort();
	}
	lt_buf_free(&out);
	lt_table_free(back);
	lt_table_free(t);
	return 0;
}
