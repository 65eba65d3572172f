/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* doc.c — see doc.h. */
#include "render/doc.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "render/vndate.h"
#include "text/fold.h"

#define DOC_STR_MAX (64 * 1024) /* one stored string */
#define DOC_COLS_MAX 32

int lt_doc_new(lt_doc **out, lt_doc_kind kind, lt_error *e)
{
	lt_doc *d = calloc(1, sizeof(*d));

	*out = NULL;
	if (!d)
		return lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	lt_arena_init(&d->arena);
	d->kind = kind;
	*out = d;
	return 0;
}

void lt_doc_free(lt_doc *d)
{
	if (!d)
		return;
	lt_arena_free(&d->arena);
	free(d);
}

static int oom(lt_error *e)
{
	return lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
}

/* Upper-case NFC UTF-8 (valid) in a malloc'd copy; Vietnamese letters all have
 * simple upper-case mappings in utf8proc, ư→Ư, đ→Đ, ế→Ế included. */
static char *upper(const char *s)
{
	size_t n = strlen(s);
	char *out = malloc(n * 2 + 1); /* an upper-case form is at most 2× longer in UTF-8 here */
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	size_t w = 0;

	if (!out)
		return NULL;
	while (*p) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate(p, -1, &cp);
		if (k <= 0)
			break;
		w += (size_t)utf8proc_encode_char(utf8proc_toupper(cp),
						  (utf8proc_uint8_t *)out + w);
		p += k;
	}
	out[w] = '\0';
	return out;
}

/*
 * Validate, NFC-normalise (and optionally upper-case) s into d's arena.
 * NULL s stores NULL. field names the argument in errors.
 */
static int store(lt_doc *d, const char *s, bool up, const char **dst, const char *field,
		 lt_error *e)
{
	char *nfc = NULL, *u = NULL;
	const char *src;
	size_t n;
	int rc = 0;

	if (!s) {
		*dst = NULL;
		return 0;
	}
	n = strlen(s);
	if (n > DOC_STR_MAX) {
		rc = lt_error_set(e, LT_ETOOBIG, field, "Chuỗi quá dài (tối đa %d byte)",
				  "String too long (max %d bytes)", DOC_STR_MAX);
		goto fail;
	}
	if (!lt_utf8_valid(s, n)) {
		rc = lt_error_set(e, LT_EINVAL, field, "Không phải UTF-8 hợp lệ",
				  "Not valid UTF-8");
		goto fail;
	}
	nfc = lt_text_nfc(s, n);
	if (!nfc) {
		rc = oom(e);
		goto fail;
	}
	src = nfc;
	if (up) {
		u = upper(nfc);
		if (!u) {
			rc = oom(e);
			goto fail;
		}
		src = u;
	}
	if (lt_text_check(src, strlen(src), NULL) != LT_TEXT_OK) {
		/* Refused where text comes in; should any reach a document, it must
		 * not make the PDF or the DOCX unreadable. */
		lt_buf safe;
		lt_buf_init(&safe, 4 * DOC_STR_MAX);
		if (lt_text_xml_safe(&safe, src, strlen(src)))
			lt_buf_free(&safe);
		*dst = lt_arena_take_buf(&d->arena, &safe);
	} else {
		*dst = lt_arena_strdup(&d->arena, src);
	}
	if (!*dst)
		rc = oom(e);
fail:
	free(nfc);
	free(u);
	return rc;
}

/* Grow an arena-backed array of elem-sized items to hold one more. */
static int grow(lt_doc *d, void **v, size_t n, size_t *alloc, size_t elem)
{
	size_t na;
	void *nv;

	if (n < *alloc)
		return 0;
	na = *alloc ? *alloc * 2 : 8;
	nv = lt_arena_alloc(&d->arena, na * elem);
	if (!nv)
		return LT_ENOMEM;
	if (n)
		memcpy(nv, *v, n * elem);
	*v = nv;
	*alloc = na;
	return 0;
}

static int strv_add(lt_doc *d, lt_doc_strv *sv, const char *s, const char *field,
		    lt_error *e)
{
	const char *c = NULL;
	void *v = (void *)sv->v;
	int rc;

	if (!s || !s[0])
		return lt_error_set(e, LT_EINVAL, field, "Không được để trống",
				    "Must not be empty");
	rc = store(d, s, false, &c, field, e);
	if (rc)
		return rc;
	if (grow(d, &v, sv->n, &sv->alloc, sizeof(*sv->v)))
		return oom(e);
	sv->v = v;
	sv->v[sv->n++] = c;
	return 0;
}

static int need(const char *s, const char *field, lt_error *e)
{
	if (!s || !s[0])
		return lt_error_set(e, LT_EINVAL, field, "Không được để trống",
				    "Must not be empty");
	return 0;
}

int lt_doc_set_header(lt_doc *d, const char *parent_body, const char *issuer,
		      const char *number, lt_error *e)
{
	int rc = need(issuer, "issuer", e);

	if (!rc)
		rc = store(d, parent_body && parent_body[0] ? parent_body : NULL, true,
			   &d->parent_body, "parent_body", e);
	if (!rc)
		rc = store(d, issuer, true, &d->issuer, "issuer", e);
	if (!rc)
		rc = store(d, number && number[0] ? number : NULL, false, &d->number,
			   "number", e);
	return rc;
}

int lt_doc_set_place_date(lt_doc *d, const char *place, const char *iso_date, lt_error *e)
{
	int y, m, dd;

	if (lt_vndate_parse_iso(iso_date, &y, &m, &dd))
		return lt_error_set(e, LT_EINVAL, "date",
				    "Ngày phải có dạng YYYY-MM-DD và có thật",
				    "Date must be a real YYYY-MM-DD date");
	d->year = y;
	d->month = m;
	d->day = dd;
	return store(d, place && place[0] ? place : NULL, false, &d->place, "place", e);
}

int lt_doc_set_title(lt_doc *d, const char *title, const char *summary, lt_error *e)
{
	int rc = store(d, title && title[0] ? title : NULL, true, &d->title, "title", e);

	if (rc)
		return rc;
	/* Keep "V/v" out of the model: the renderers add it for a công văn. */
	if (summary && d->kind == LT_DOC_DIRECTIVE && strncmp(summary, "V/v ", 4) == 0)
		summary += 4;
	return store(d, summary && summary[0] ? summary : NULL, false, &d->summary, "summary",
		     e);
}

int lt_doc_add_recipient(lt_doc *d, const char *name, lt_error *e)
{
	return strv_add(d, &d->recipients, name, "recipients", e);
}

int lt_doc_add_cc(lt_doc *d, const char *entry, lt_error *e)
{
	return strv_add(d, &d->cc, entry, "cc", e);
}

static lt_doc_block *new_block(lt_doc *d, lt_block_type type)
{
	lt_doc_block *b = lt_arena_alloc(&d->arena, sizeof(*b));

	if (!b)
		return NULL;
	b->type = type;
	if (d->last)
		d->last->next = b;
	else
		d->blocks = b;
	d->last = b;
	d->nblocks++;
	return b;
}

int lt_doc_add_run(lt_doc *d, lt_doc_block *b, const char *text, unsigned flags,
		   lt_error *e)
{
	const char *c = NULL;
	void *v;
	int rc;

	if (!b || b->type == LT_BLOCK_TABLE)
		return lt_error_set(e, LT_EINVAL, "block", "Khối không nhận văn bản",
				    "Block does not take text");
	rc = store(d, text ? text : "", false, &c, "text", e);
	if (rc)
		return rc;
	v = b->runs;
	if (grow(d, &v, b->nruns, &b->runs_alloc, sizeof(*b->runs)))
		return oom(e);
	b->runs = v;
	b->runs[b->nruns].text = c;
	b->runs[b->nruns].flags = flags & (LT_RUN_BOLD | LT_RUN_ITALIC);
	b->nruns++;
	return 0;
}

int lt_doc_add_heading(lt_doc *d, int level, const char *text, lt_error *e)
{
	lt_doc_block *b;
	int rc = need(text, "heading", e);

	if (rc)
		return rc;
	if (level < 1 || level > 3)
		return lt_error_set(e, LT_EINVAL, "level", "Cấp tiêu đề phải từ 1 đến 3",
				    "Heading level must be 1 to 3");
	b = new_block(d, LT_BLOCK_HEADING);
	if (!b)
		return oom(e);
	b->level = level;
	return lt_doc_add_run(d, b, text, 0, e);
}

int lt_doc_begin_paragraph(lt_doc *d, const char *marker, lt_doc_block **out, lt_error *e)
{
	lt_doc_block *b = new_block(d, marker ? LT_BLOCK_BULLET : LT_BLOCK_PARAGRAPH);
	int rc;

	*out = NULL;
	if (!b)
		return oom(e);
	if (marker) {
		rc = store(d, marker, false, &b->marker, "marker", e);
		if (rc)
			return rc;
	}
	*out = b;
	return 0;
}

int lt_doc_add_paragraph(lt_doc *d, const char *text, lt_error *e)
{
	lt_doc_block *b = NULL;
	int rc = lt_doc_begin_paragraph(d, NULL, &b, e);

	return rc ? rc : lt_doc_add_run(d, b, text, 0, e);
}

int lt_doc_add_bullet(lt_doc *d, const char *marker, const char *text, lt_error *e)
{
	lt_doc_block *b = NULL;
	int rc = lt_doc_begin_paragraph(d, marker && marker[0] ? marker : "-", &b, e);

	return rc ? rc : lt_doc_add_run(d, b, text, 0, e);
}

int lt_doc_add_table(lt_doc *d, size_t ncols, const char *const *header,
		     const double *widths, const bool *numeric, lt_doc_table **out,
		     lt_error *e)
{
	lt_doc_table *t;
	lt_doc_block *b;
	double sum = 0;
	int rc;

	*out = NULL;
	if (ncols < 1 || ncols > DOC_COLS_MAX || !header)
		return lt_error_set(e, LT_EINVAL, "table", "Bảng phải có từ 1 đến %d cột",
				    "A table needs 1 to %d columns", DOC_COLS_MAX);
	for (size_t i = 0; widths && i < ncols; i++) {
		if (!(widths[i] > 0))
			return lt_error_set(e, LT_EINVAL, "widths",
					    "Độ rộng cột phải dương",
					    "Column widths must be positive");
		sum += widths[i];
	}
	t = lt_arena_alloc(&d->arena, sizeof(*t));
	if (!t)
		return oom(e);
	t->ncols = ncols;
	t->header = lt_arena_alloc(&d->arena, ncols * sizeof(*t->header));
	t->widths = lt_arena_alloc(&d->arena, ncols * sizeof(*t->widths));
	t->numeric = lt_arena_alloc(&d->arena, ncols * sizeof(*t->numeric));
	if (!t->header || !t->widths || !t->numeric)
		return oom(e);
	for (size_t i = 0; i < ncols; i++) {
		rc = store(d, header[i] ? header[i] : "", false, &t->header[i], "header", e);
		if (rc)
			return rc;
		t->widths[i] = widths ? widths[i] / sum : 1.0 / (double)ncols;
		t->numeric[i] = numeric ? numeric[i] : false;
	}
	b = new_block(d, LT_BLOCK_TABLE);
	if (!b)
		return oom(e);
	b->table = t;
	*out = t;
	return 0;
}

int lt_doc_table_add_row(lt_doc *d, lt_doc_table *t, const char *const *cells,
			 bool total, lt_error *e)
{
	const char **row;
	void *v = t->rows;
	int rc;

	row = lt_arena_alloc(&d->arena, t->ncols * sizeof(*row));
	if (!row)
		return oom(e);
	for (size_t i = 0; i < t->ncols; i++) {
		rc = store(d, cells && cells[i] ? cells[i] : "", false, &row[i], "cells", e);
		if (rc)
			return rc;
	}
	if (grow(d, &v, t->nrows, &t->rows_alloc, sizeof(*t->rows)))
		return oom(e);
	t->rows = v;
	t->rows[t->nrows].cells = row;
	t->rows[t->nrows].total = total;
	t->rows[t->nrows].group = false;
	t->nrows++;
	return 0;
}

int lt_doc_table_add_group(lt_doc *d, lt_doc_table *t, const char *text, lt_error *e)
{
	const char *cells[32] = { text };
	int rc;

	assert(t->ncols <= 32);
	rc = lt_doc_table_add_row(d, t, cells, true, e);
	if (!rc)
		t->rows[t->nrows - 1].group = true;
	return rc;
}

int lt_doc_set_signer(lt_doc *d, const char *authority, const char *title,
		      const char *name, const char *note, lt_error *e)
{
	int rc = need(name, "sign_name", e);

	if (!rc)
		rc = store(d, authority && authority[0] ? authority : NULL, true,
			   &d->sign_authority, "sign_authority", e);
	if (!rc)
		rc = store(d, title && title[0] ? title : NULL, true, &d->sign_title,
			   "sign_title", e);
	if (!rc)
		rc = store(d, name, false, &d->sign_name, "sign_name", e);
	if (!rc)
		rc = store(d, note && note[0] ? note : NULL, false, &d->sign_note,
			   "sign_note", e);
	return rc;
}

int lt_doc_set_footer(lt_doc *d, const char *text, bool every_page, lt_error *e)
{
	d->footer_every_page = every_page;
	return store(d, text && text[0] ? text : NULL, false, &d->footer, "footer", e);
}

int lt_doc_meta_title(const lt_doc *d, lt_buf *out)
{
	int rc = 0;

	if (d->kind == LT_DOC_DIRECTIVE && !d->title) {
		rc = lt_buf_adds(out, "Công văn");
		if (!rc && d->number)
			rc = lt_buf_printf(out, " số %s", d->number);
		if (!rc && d->summary)
			rc = lt_buf_printf(out, " V/v %s", d->summary);
		return rc;
	}
	if (d->title)
		rc = lt_buf_adds(out, d->title);
	if (!rc && d->summary)
		rc = lt_buf_printf(out, "%s%s", d->title ? " " : "", d->summary);
	return rc;
}
