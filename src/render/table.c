/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* table.c — see table.h. */
#include "render/table.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "core/clock.h"
#include "text/fold.h"

static const lt_cell empty_cell = { "", 0, 0.0, LT_CELL_EMPTY, LT_NUMFMT_GENERAL };

void lt_table_limits_resolve(const lt_table_limits *lim, lt_table_limits *out)
{
	lt_table_limits z = { 0 };

	*out = lim ? *lim : z;
	if (!out->max_bytes)
		out->max_bytes = LT_TABLE_MAX_BYTES;
	if (!out->max_unzipped)
		out->max_unzipped = LT_TABLE_MAX_UNZIPPED;
	if (!out->max_ratio)
		out->max_ratio = LT_TABLE_MAX_RATIO;
	if (out->max_rows <= 0)
		out->max_rows = LT_TABLE_MAX_ROWS;
	if (out->max_cols <= 0)
		out->max_cols = LT_TABLE_MAX_COLS;
	if (!out->max_cell_bytes)
		out->max_cell_bytes = LT_TABLE_MAX_CELL_BYTES;
	if (out->max_sheets <= 0)
		out->max_sheets = LT_TABLE_MAX_SHEETS;
}

int lt_table_new(lt_table **out)
{
	lt_table *t = calloc(1, sizeof(*t));

	*out = NULL;
	if (!t)
		return LT_ENOMEM;
	lt_arena_init(&t->arena);
	*out = t;
	return 0;
}

void lt_table_free(lt_table *t)
{
	if (!t)
		return;
	lt_arena_free(&t->arena);
	free(t);
}

/* Grow an arena array of elem-sized items to hold at least need; the old
 * copy stays in the arena (geometric growth bounds the waste to 2x). */
static void *grow_array(lt_arena *a, void *old, int used, int *cap, int need,
			size_t elem, int first)
{
	int ncap = *cap ? *cap : first;
	void *p;

	while (ncap < need) {
		if (ncap > INT32_MAX / 2)
			return NULL;
		ncap *= 2;
	}
	p = lt_arena_alloc(a, (size_t)ncap * elem);
	if (!p)
		return NULL;
	if (used)
		memcpy(p, old, (size_t)used * elem);
	*cap = ncap;
	return p;
}

lt_sheet *lt_table_add_sheet(lt_table *t, const char *name)
{
	lt_sheet *s = NULL;

	if (t->nsheets == t->cap) {
		lt_sheet **n = grow_array(&t->arena, t->sheets, t->nsheets, &t->cap,
					  t->nsheets + 1, sizeof(*n), 4);
		if (!n)
			return NULL;
		t->sheets = n;
	}
	s = lt_arena_alloc(&t->arena, sizeof(*s));
	if (!s)
		return NULL;
	s->name = lt_arena_strdup(&t->arena, name ? name : "");
	if (!s->name)
		return NULL;
	s->table = t;
	t->sheets[t->nsheets++] = s;
	return s;
}

lt_sheet *lt_table_sheet_at(const lt_table *t, int i)
{
	if (!t || i < 0 || i >= t->nsheets)
		return NULL;
	return t->sheets[i];
}

static char *casefold(const char *s)
{
	utf8proc_uint8_t *out = NULL;

	if (utf8proc_map((const utf8proc_uint8_t *)s, 0, &out,
			 UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE |
				 UTF8PROC_CASEFOLD) < 0)
		return NULL;
	return (char *)out;
}

lt_sheet *lt_table_sheet(const lt_table *t, const char *name)
{
	lt_sheet *found = NULL;
	char *want = NULL;
	int hits = 0;

	if (!t || !name)
		return NULL;
	for (int i = 0; i < t->nsheets; i++)
		if (strcmp(t->sheets[i]->name, name) == 0)
			return t->sheets[i];
	want = casefold(name);
	if (!want)
		return NULL;
	for (int i = 0; i < t->nsheets; i++) {
		char *f = casefold(t->sheets[i]->name);
		if (f && strcmp(f, want) == 0) {
			found = t->sheets[i];
			hits++;
		}
		free(f);
	}
	free(want);
	return hits == 1 ? found : NULL;
}

int lt_table_sheet_require(const lt_table *t, const char *name, lt_sheet **out,
			   lt_error *e)
{
	lt_buf names;
	int rc;

	*out = lt_table_sheet(t, name);
	if (*out)
		return 0;
	lt_buf_init(&names, 200); /* the names that fit in a message */
	lt_ignore(lt_table_sheet_names(t, &names)); /* too many to list: the message has none */
	rc = lt_error_set(e, LT_ENOTFOUND, "sheet",
			  "Không có trang “%s” trong tệp; các trang có: %s",
			  "No sheet “%s” in the file; it has: %s", name ? name : "",
			  lt_buf_cstr(&names));
	lt_buf_free(&names);
	return rc;
}

int lt_table_sheet_names(const lt_table *t, lt_buf *out)
{
	int rc = 0;

	for (int i = 0; t && i < t->nsheets && !rc; i++)
		rc = lt_buf_printf(out, "%s\xe2\x80\x9c%s\xe2\x80\x9d", i ? ", " : "",
				   t->sheets[i]->name);
	return rc;
}

void lt_table_colname(int col, char buf[8])
{
	char tmp[8];
	int n = 0;

	if (col < 1) {
		strcpy(buf, "?");
		return;
	}
	while (col > 0 && n < 7) {
		int r = (col - 1) % 26;
		tmp[n++] = (char)('A' + r);
		col = (col - 1) / 26;
	}
	for (int i = 0; i < n; i++)
		buf[i] = tmp[n - 1 - i];
	buf[n] = '\0';
}

const lt_cell *lt_sheet_cell(const lt_sheet *s, int row, int col)
{
	const lt_row *r;

	if (!s || row < 1 || row > s->nrows || col < 1)
		return &empty_cell;
	r = &s->rows[row - 1];
	if (col > r->ncells)
		return &empty_cell;
	return &r->cells[col - 1];
}

int lt_sheet_row_len(const lt_sheet *s, int row)
{
	if (!s || row < 1 || row > s->nrows)
		return 0;
	return s->rows[row - 1].ncells;
}

/* The cell at row, col, extending the sheet as needed. */
static lt_cell *slot(lt_sheet *s, int row, int col)
{
	lt_arena *a = &s->table->arena;
	lt_row *r;

	if (row < 1 || col < 1)
		return NULL;
	if (row > s->cap) {
		lt_row *n = grow_array(a, s->rows, s->nrows, &s->cap, row,
				       sizeof(*n), 64);
		if (!n)
			return NULL;
		s->rows = n;
	}
	if (row > s->nrows)
		s->nrows = row; /* new rows are zeroed by the arena */
	r = &s->rows[row - 1];
	if (col > r->cap) {
		lt_cell *n = grow_array(a, r->cells, r->ncells, &r->cap, col,
					sizeof(*n), 8);
		if (!n)
			return NULL;
		r->cells = n;
	}
	for (int c = r->ncells; c < col; c++)
		r->cells[c] = empty_cell;
	if (col > r->ncells)
		r->ncells = col;
	if (col > s->ncols)
		s->ncols = col;
	return &r->cells[col - 1];
}

static int put_cell(lt_sheet *s, int row, int col, const lt_cell *c)
{
	lt_cell *p = slot(s, row, col);

	if (!p)
		return row < 1 || col < 1 ? LT_EINVAL : LT_ENOMEM;
	*p = *c;
	return 0;
}

/* Keep the table's first failure (see lt_table_error). */
static int noted(lt_sheet *s, int rc)
{
	if (rc && !s->table->err)
		s->table->err = rc;
	return rc;
}

int lt_sheet_put(lt_sheet *s, int row, int col, const lt_cell *c)
{
	return noted(s, put_cell(s, row, col, c));
}

/*
 * 0: valid UTF-8, no NUL, and NFC by construction (every code point is one
 * whose NFC is itself and that never composes with a neighbour: ASCII,
 * Latin-1/Extended A-B, precomposed Vietnamese U+1E00–1EFF, punctuation and
 * currency signs); 1: valid but needs utf8proc; -1: invalid or NUL; -2: a
 * code point lantoa does not store (lt_text_cp_ok: C0 controls, noncharacters).
 */
static int scan_utf8(const unsigned char *p, size_t n)
{
	const unsigned char *end = p + n;
	int slow = 0;

	while (p < end) {
		uint32_t c = *p;
		size_t k;

		if (c < 0x80) {
			if (!c)
				return -1;
			if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
				return -2;
			p++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF)
			k = 1, c &= 0x1F;
		else if (c >= 0xE0 && c <= 0xEF)
			k = 2, c &= 0x0F;
		else if (c >= 0xF0 && c <= 0xF4)
			k = 3, c &= 0x07;
		else
			return -1;
		if ((size_t)(end - p) <= k)
			return -1;
		for (size_t i = 1; i <= k; i++) {
			if ((p[i] & 0xC0) != 0x80)
				return -1;
			c = (c << 6) | (p[i] & 0x3F);
		}
		if ((k == 2 && c < 0x800) || (k == 3 && (c < 0x10000 || c > 0x10FFFF)) ||
		    (c >= 0xD800 && c <= 0xDFFF))
			return -1;
		if (!lt_text_cp_ok((int32_t)c))
			return -2;
		if (!(c < 0x300 || (c >= 0x1E00 && c <= 0x1EFF) ||
		      (c >= 0x2010 && c <= 0x206F) || (c >= 0x20A0 && c <= 0x20BF)))
			slow = 1;
		p += k + 1;
	}
	return slow;
}

bool lt_table_fast_nfc(const char *p, size_t n)
{
	return scan_utf8((const unsigned char *)p, n) == 0;
}

int lt_table_intern(lt_table *t, const char *p, size_t n, const char **out,
		    size_t *outlen)
{
	int k = scan_utf8((const unsigned char *)p, n);
	utf8proc_uint8_t *m = NULL;
	utf8proc_ssize_t r;
	char *s;

	if (k == -2)
		return LT_EUNSUPPORTED;
	if (k < 0)
		return LT_EINVAL;
	if (k == 0) {
		s = lt_arena_strndup(&t->arena, p, n);
		if (!s)
			return LT_ENOMEM;
		*out = s;
		*outlen = n;
		return 0;
	}
	r = utf8proc_map((const utf8proc_uint8_t *)p, (utf8proc_ssize_t)n, &m,
			 UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	if (r < 0)
		return r == UTF8PROC_ERROR_NOMEM ? LT_ENOMEM : LT_EINVAL;
	s = lt_arena_strndup(&t->arena, (const char *)m, (size_t)r);
	free(m);
	if (!s)
		return LT_ENOMEM;
	*out = s;
	*outlen = (size_t)r;
	return 0;
}

static int sheet_set_text_cell(lt_sheet *s, int row, int col, const char *text, size_t n)
{
	lt_cell c = empty_cell;
	int rc;

	if (n) {
		rc = lt_table_intern(s->table, text, n, &c.text, &c.len);
		if (rc == LT_EUNSUPPORTED) {
			/* A table being written (an export) gets U+FFFD in place of what an
			 * XLSX cannot carry; the readers refuse such text instead. */
			lt_buf safe;
			lt_buf_init(&safe, 3 * n + 3);
			rc = lt_text_xml_safe(&safe, text, n);
			if (!rc)
				rc = lt_table_intern(s->table, safe.ptr, safe.len, &c.text, &c.len);
			lt_buf_free(&safe);
		}
		if (rc)
			return rc;
		c.type = LT_CELL_STRING;
	}
	return put_cell(s, row, col, &c);
}

void lt_table_format_number(double v, char buf[32])
{
	if (v == 0) {
		strcpy(buf, "0"); /* also for -0 */
		return;
	}
	if (fabs(v) < 1e15 && v == (double)(long long)v) {
		/* counts and money are whole numbers: skip printf */
		char tmp[24];
		unsigned long long u = (unsigned long long)(v < 0 ? -v : v);
		int n = 0, w = 0;
		while (u) {
			tmp[n++] = (char)('0' + u % 10);
			u /= 10;
		}
		if (v < 0)
			buf[w++] = '-';
		while (n)
			buf[w++] = tmp[--n];
		buf[w] = '\0';
		return;
	}
	snprintf(buf, 32, "%.15g", v);
	if (strtod(buf, NULL) != v)
		snprintf(buf, 32, "%.17g", v);
}

static int sheet_set_number_cell(lt_sheet *s, int row, int col, double v, lt_numfmt fmt)
{
	lt_cell c = empty_cell;
	char buf[32];

	if (!isfinite(v))
		return LT_EINVAL;
	lt_table_format_number(v, buf);
	c.len = strlen(buf);
	c.text = lt_arena_strndup(&s->table->arena, buf, c.len);
	if (!c.text)
		return LT_ENOMEM;
	c.type = LT_CELL_NUMBER;
	c.num = v;
	c.numfmt = (unsigned char)fmt;
	return put_cell(s, row, col, &c);
}

static int sheet_set_bool_cell(lt_sheet *s, int row, int col, bool v)
{
	lt_cell c = empty_cell;

	c.type = LT_CELL_BOOL;
	c.num = v ? 1 : 0;
	c.text = v ? "TRUE" : "FALSE"; /* static: outlives any table */
	c.len = strlen(c.text);
	return put_cell(s, row, col, &c);
}

static int sheet_set_date_cell(lt_sheet *s, int row, int col, const char *iso)
{
	lt_cell c = empty_cell;
	char buf[20];
	double serial;
	bool time_only = iso && strlen(iso) <= 8 && iso[0] && iso[2] == ':';

	if (!iso || lt_table_iso_to_serial(iso, &serial) ||
	    lt_table_serial_to_iso(serial, time_only, buf))
		return LT_EINVAL;
	c.len = strlen(buf);
	c.text = lt_arena_strndup(&s->table->arena, buf, c.len);
	if (!c.text)
		return LT_ENOMEM;
	c.type = LT_CELL_DATE;
	c.num = serial;
	return put_cell(s, row, col, &c);
}

int lt_sheet_set_text(lt_sheet *s, int row, int col, const char *text, size_t n)
{
	return noted(s, sheet_set_text_cell(s, row, col, text, n));
}

int lt_sheet_set_number(lt_sheet *s, int row, int col, double v, lt_numfmt fmt)
{
	return noted(s, sheet_set_number_cell(s, row, col, v, fmt));
}

int lt_sheet_set_bool(lt_sheet *s, int row, int col, bool v)
{
	return noted(s, sheet_set_bool_cell(s, row, col, v));
}

int lt_sheet_set_date(lt_sheet *s, int row, int col, const char *iso)
{
	return noted(s, sheet_set_date_cell(s, row, col, iso));
}

int lt_table_error(const lt_table *t)
{
	return t->err;
}

#define EXCEL_EPOCH (-25569L) /* days_from_civil(1899, 12, 30) */
#define SERIAL_MAX 2958465.0  /* 9999-12-31 */

int lt_table_serial_to_iso(double serial, bool time_only, char buf[20])
{
	long n, days, y, secs;
	unsigned m, d;
	char tmp[64];

	if (!isfinite(serial) || serial < 0 || serial >= SERIAL_MAX + 1)
		return LT_EINVAL;
	n = (long)floor(serial);
	secs = lround((serial - (double)n) * 86400.0);
	if (secs >= 86400) {
		n++;
		secs -= 86400;
	}
	if (time_only && n == 0) {
		snprintf(tmp, sizeof(tmp), "%02ld:%02ld:%02ld", secs / 3600,
			 secs / 60 % 60, secs % 60);
		goto out;
	}
	/* Excel counts a 29 Feb 1900 that never was: serials 1–59 are one day
	 * later than a straight count from 1899-12-30; 60 is shown as 28 Feb. */
	days = n < 60 ? n + 1 : (n == 60 ? 60 : n);
	lt_civil_from_days(EXCEL_EPOCH + days, &y, &m, &d);
	if (y > 9999)
		return LT_EINVAL;
	if (secs)
		snprintf(tmp, sizeof(tmp), "%04ld-%02u-%02uT%02ld:%02ld:%02ld", y, m, d,
			 secs / 3600, secs / 60 % 60, secs % 60);
	else
		snprintf(tmp, sizeof(tmp), "%04ld-%02u-%02u", y, m, d);
out:
	snprintf(buf, 20, "%.19s", tmp);
	return 0;
}

/* Parse exactly n digits at *p into *v. */
static int digits(const char **p, int n, int *v)
{
	*v = 0;
	for (int i = 0; i < n; i++) {
		if ((*p)[i] < '0' || (*p)[i] > '9')
			return LT_EINVAL;
		*v = *v * 10 + ((*p)[i] - '0');
	}
	*p += n;
	return 0;
}

static int parse_time(const char *p, double *frac)
{
	int h, mi, se = 0;

	if (digits(&p, 2, &h) || *p++ != ':' || digits(&p, 2, &mi))
		return LT_EINVAL;
	if (*p == ':') {
		p++;
		if (digits(&p, 2, &se))
			return LT_EINVAL;
	}
	if (*p || h > 23 || mi > 59 || se > 59)
		return LT_EINVAL;
	*frac = (h * 3600 + mi * 60 + se) / 86400.0;
	return 0;
}

int lt_table_iso_to_serial(const char *iso, double *serial)
{
	static const unsigned char mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	const char *p = iso;
	int y, m, d;
	double frac = 0;
	long days;

	if (strlen(iso) <= 8)
		return parse_time(iso, serial);
	if (digits(&p, 4, &y) || *p++ != '-' || digits(&p, 2, &m) || *p++ != '-' ||
	    digits(&p, 2, &d))
		return LT_EINVAL;
	if (y < 1900 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return LT_EINVAL;
	if (m == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)))
		return LT_EINVAL;
	if (*p == 'T' || *p == ' ') {
		if (parse_time(p + 1, &frac))
			return LT_EINVAL;
	} else if (*p) {
		return LT_EINVAL;
	}
	days = lt_days_from_civil((int)y, m, d) - EXCEL_EPOCH;
	if (days <= 60)
		days--; /* before the phantom 29 Feb 1900 */
	*serial = (double)days + frac;
	return 0;
}
