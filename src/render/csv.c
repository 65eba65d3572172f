/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* csv.c — see csv.h. */
#include "render/csv.h"

#include <stdio.h>
#include <string.h>

#define DETECT_RECORDS 20

/* Separator counts per record for the first DETECT_RECORDS records. */
static int sep_score(const char *p, size_t len, char sep, int *first)
{
	int counts[DETECT_RECORDS];
	int nrec = 0, cur = 0;
	bool quoted = false, blank = true;
	size_t i;

	for (i = 0; i < len && nrec < DETECT_RECORDS; i++) {
		char c = p[i];
		if (c == '"') {
			quoted = !quoted;
			blank = false;
		} else if (quoted) {
			continue;
		} else if (c == sep) {
			cur++;
			blank = false;
		} else if (c == '\n' || c == '\r') {
			if (c == '\r' && i + 1 < len && p[i + 1] == '\n')
				i++;
			if (!blank)
				counts[nrec++] = cur;
			cur = 0;
			blank = true;
		} else {
			blank = false;
		}
	}
	if (!blank && nrec < DETECT_RECORDS)
		counts[nrec++] = cur;
	*first = nrec ? counts[0] : 0;
	if (!nrec || !counts[0])
		return 0;
	for (int r = 1; r < nrec; r++) {
		if (counts[r] != counts[0])
			return 0; /* not consistent */
	}
	return counts[0];
}

char lt_csv_detect_sep(const char *data, size_t len)
{
	static const char cand[] = { ',', ';', '\t' };
	int best = -1, best_score = 0, best_first = 0, first_pick = 0;

	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
		data += 3;
		len -= 3;
	}
	for (int i = 0; i < 3; i++) {
		int first;
		int score = sep_score(data, len, cand[i], &first);
		if (score > best_score) {
			best_score = score;
			best = i;
		}
		if (first > best_first) {
			best_first = first;
			first_pick = i;
		}
	}
	/* Consistent across records wins; else the most frequent in record 1. */
	return cand[best >= 0 ? best : first_pick];
}

typedef struct csv_state {
	lt_table_limits lim;
	lt_sheet *sheet;
	lt_buf field;
	int row, col;
} csv_state;

/* Set e with a message prefixed by "Row R, column C" in each language; the
 * field is the cell reference ("B7"). Returns code. */
static int where_err(lt_error *e, int code, int row, int col, const char *vi,
		     const char *en)
{
	char cn[8], field[32];

	if (!e)
		return code;
	lt_table_colname(col, cn);
	snprintf(field, sizeof(field), "%s%d", cn, row);
	lt_error_set(e, code, field, "%s", "%s", "");
	snprintf(e->vi, sizeof(e->vi), "Dòng %d, cột %s: %s", row, cn, vi);
	snprintf(e->en, sizeof(e->en), "Row %d, column %s: %s", row, cn, en);
	return code;
}

static int too_long(csv_state *st, lt_error *e)
{
	char vi[96], en[96];

	snprintf(vi, sizeof(vi), "ô quá dài (tối đa %zu byte mỗi ô)", st->lim.max_cell_bytes);
	snprintf(en, sizeof(en), "cell too long (at most %zu bytes per cell)",
		 st->lim.max_cell_bytes);
	return where_err(e, LT_ETOOBIG, st->row, st->col, vi, en);
}

static int emit(csv_state *st, const char *p, size_t n, lt_error *e)
{
	lt_cell c = { "", 0, 0.0, LT_CELL_EMPTY, LT_NUMFMT_GENERAL };
	int rc;

	if (n > st->lim.max_cell_bytes)
		return too_long(st, e);
	if (n) {
		rc = lt_table_intern(st->sheet->table, p, n, &c.text, &c.len);
		if (rc == LT_EINVAL)
			return where_err(e, rc, st->row, st->col,
					 "văn bản không phải UTF-8. Hãy lưu tệp dưới dạng "
					 "“CSV UTF-8 (phân cách bằng dấu phẩy)”",
					 "text is not UTF-8. Save the file as "
					 "\"CSV UTF-8 (Comma delimited)\"");
		if (rc == LT_EUNSUPPORTED)
			return where_err(e, LT_EINVAL, st->row, st->col,
					 "ô chứa ký tự điều khiển hoặc không phải ký tự (như U+FFFE)",
					 "the cell holds a control character or a noncharacter "
					 "(such as U+FFFE)");
		if (rc)
			return lt_error_set(e, rc, NULL, "Hết bộ nhớ", "Out of memory");
		c.type = LT_CELL_STRING;
	}
	rc = lt_sheet_put(st->sheet, st->row, st->col, &c);
	if (rc)
		return lt_error_set(e, rc, NULL, "Hết bộ nhớ", "Out of memory");
	return 0;
}

/* Parse a quoted field starting at *pos (on the opening quote) into st->field. */
static int quoted_field(csv_state *st, const char *data, size_t len, size_t *pos,
			char sep, lt_error *e)
{
	size_t i = *pos + 1;
	int rc = 0;

	lt_buf_reset(&st->field);
	for (;;) {
		const char *q = memchr(data + i, '"', len - i);
		if (!q)
			return where_err(e, LT_EINVAL, st->row, st->col,
					 "dấu ngoặc kép mở ở đây không được đóng",
					 "a quote opened here is never closed");
		rc = lt_buf_add(&st->field, data + i, (size_t)(q - (data + i)));
		if (rc)
			goto add_fail;
		i = (size_t)(q - data) + 1;
		if (i < len && data[i] == '"') {
			rc = lt_buf_add(&st->field, "\"", 1);
			if (rc)
				goto add_fail;
			i++;
			continue;
		}
		break;
	}
	/* Text after the closing quote: Excel keeps it; so do we. */
	while (i < len && data[i] != sep && data[i] != '\r' && data[i] != '\n') {
		rc = lt_buf_add(&st->field, data + i, 1);
		if (rc)
			goto add_fail;
		i++;
	}
	*pos = i;
	return 0;
add_fail:
	if (rc == LT_ETOOBIG)
		return too_long(st, e);
	return lt_error_set(e, rc, NULL, "Hết bộ nhớ", "Out of memory");
}

int lt_csv_read(const char *data, size_t len, const lt_table_limits *lim,
		lt_table **out, lt_error *e)
{
	csv_state st = { 0 };
	lt_table *t = NULL;
	size_t pos = 0;
	char sep;
	int rc;

	*out = NULL;
	lt_table_limits_resolve(lim, &st.lim);
	lt_buf_init(&st.field, st.lim.max_cell_bytes);
	if (len > st.lim.max_bytes) {
		rc = lt_error_set(e, LT_ETOOBIG, "file", "Tệp quá lớn (tối đa %zu MiB)",
				  "File too large (at most %zu MiB)", st.lim.max_bytes >> 20);
		goto fail;
	}
	if (len >= 2 && ((unsigned char)data[0] == 0xFF || (unsigned char)data[0] == 0xFE) &&
	    ((unsigned char)data[1] == 0xFE || (unsigned char)data[1] == 0xFF)) {
		rc = lt_error_set(e, LT_EINVAL, "file",
				  "Tệp ở dạng UTF-16. Hãy lưu tệp dưới dạng “CSV UTF-8”",
				  "The file is UTF-16. Save it as \"CSV UTF-8\"");
		goto fail;
	}
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		pos = 3;
	sep = lt_csv_detect_sep(data + pos, len - pos);
	rc = lt_table_new(&t);
	if (rc || !(st.sheet = lt_table_add_sheet(t, "CSV"))) {
		rc = lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
		goto fail;
	}
	st.row = 1;
	st.col = 1;
	while (pos < len) {
		if (st.row > st.lim.max_rows) {
			rc = lt_error_set(e, LT_ETOOBIG, "file", "Quá nhiều dòng (tối đa %d)",
					  "Too many rows (at most %d)", st.lim.max_rows);
			goto fail;
		}
		if (data[pos] == '"') {
			rc = quoted_field(&st, data, len, &pos, sep, e);
			if (rc)
				goto fail;
			rc = emit(&st, st.field.ptr ? st.field.ptr : "", st.field.len, e);
		} else {
			size_t start = pos;
			while (pos < len && data[pos] != sep && data[pos] != '\n' &&
			       data[pos] != '\r')
				pos++;
			rc = emit(&st, data + start, pos - start, e);
		}
		if (rc)
			goto fail;
		if (pos >= len)
			break;
		if (data[pos] == sep) {
			pos++;
			st.col++;
			if (st.col > st.lim.max_cols) {
				rc = where_err(e, LT_ETOOBIG, st.row, st.col, "quá nhiều cột",
					       "too many columns");
				goto fail;
			}
			if (pos == len) /* "a,b," at the very end: one more empty field */
				rc = emit(&st, "", 0, e);
			if (rc)
				goto fail;
			continue;
		}
		pos += (data[pos] == '\r' && pos + 1 < len && data[pos + 1] == '\n') ? 2 : 1;
		st.row++;
		st.col = 1;
	}
	lt_buf_free(&st.field);
	*out = t;
	return 0;
fail:
	lt_buf_free(&st.field);
	lt_table_free(t);
	return rc;
}

/* True when a STRING cell could be read as a formula by a spreadsheet. */
static bool risky(const lt_cell *c)
{
	if (c->type != LT_CELL_STRING || !c->len)
		return false;
	return strchr("=+-@\t\r", c->text[0]) != NULL;
}

int lt_csv_write(const lt_sheet *s, char sep, lt_buf *out, lt_error *e)
{
	if (lt_buf_add(out, "\xEF\xBB\xBF", 3))
		return lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	return lt_csv_write_rows(s, 1, sep, out, e);
}

int lt_csv_write_rows(const lt_sheet *s, int first, char sep, lt_buf *out, lt_error *e)
{
	int rc = 0;

	if (!sep)
		sep = ',';
	for (int r = first; r <= s->nrows && !rc; r++) {
		for (int col = 1; col <= s->ncols && !rc; col++) {
			const lt_cell *c = lt_sheet_cell(s, r, col);
			bool quote = false;

			if (col > 1)
				rc = lt_buf_add(out, &sep, 1);
			/* Any separator a reader might detect is quoted, so that the
			 * file reads back the same whichever one it picks. */
			for (size_t i = 0; i < c->len && !quote; i++)
				quote = c->text[i] == sep || memchr(",;\t\"\r\n", c->text[i], 6);
			if (!rc && quote)
				rc = lt_buf_add(out, "\"", 1);
			if (!rc && risky(c))
				rc = lt_buf_add(out, "'", 1);
			for (size_t i = 0; i < c->len && !rc;) {
				const char *q = quote ? memchr(c->text + i, '"', c->len - i) : NULL;
				size_t n = q ? (size_t)(q - (c->text + i)) + 1 : c->len - i;
				rc = lt_buf_add(out, c->text + i, n);
				if (!rc && q)
					rc = lt_buf_add(out, "\"", 1); /* double it */
				i += n;
			}
			if (!rc && quote)
				rc = lt_buf_add(out, "\"", 1);
		}
		if (!rc)
			rc = lt_buf_add(out, "\r\n", 2);
	}
	if (rc == LT_ETOOBIG)
		return lt_error_set(e, rc, "file", "Tệp CSV quá lớn", "CSV file too large");
	if (rc)
		return lt_error_set(e, rc, NULL, "Hết bộ nhớ", "Out of memory");
	return 0;
}
