/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * feedback_sheet.c — messages as spreadsheets: importing chat exports
 * (Zalo, Facebook, Excel; the caller says which column holds what), all or
 * nothing with the cell of the first error; and exporting a list as CSV or
 * XLSX, senders masked as the list shows them.
 */
#include <assert.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/feedback_int.h"
#include "core/clock.h"
#include "render/csv.h"
#include "render/table.h"
#include "render/xlsx_read.h"
#include "render/xlsx_write.h"

#define IMPORT_MAX_ROWS 20000

int lt_app_feedback_column(const char *s)
{
	int c = 0;

	if (!s || !*s)
		return 0;
	if (*s >= '0' && *s <= '9') {
		char *end;
		long n = strtol(s, &end, 10);
		return !*end && n > 0 && n <= 256 ? (int)n : -1;
	}
	for (; *s; s++) {
		char ch = (char)(*s & ~0x20);
		if (ch < 'A' || ch > 'Z')
			return -1;
		c = c * 26 + (ch - 'A' + 1);
		if (c > 256)
			return -1;
	}
	return c;
}

/* ---------- import ---------- */

/* The file as a table: by in->format, or XLSX when it starts like a zip. Owned *t. */
static int read_table(const lt_fb_import_in *in, lt_table **t, lt_error *e)
{
	const char *d = in->data;
	bool xlsx = in->format ? !strcmp(in->format, "xlsx")
			       : in->len > 2 && d[0] == 'P' && d[1] == 'K';

	*t = NULL;
	if (in->format && !xlsx && strcmp(in->format, "csv"))
		return lt_error_set(e, LT_EINVAL, "format", "format phải là csv hoặc xlsx",
				    "format must be csv or xlsx");
	return xlsx ? lt_xlsx_read(in->data, in->len, NULL, t, e)
		    : lt_csv_read(in->data, in->len, NULL, t, e);
}

/* Say which cell an error is about: field "C4", "Dòng 4, cột C: …" / "Row 4, column C: …". */
static void place(lt_error *e, int row, int col)
{
	char name[8] = "?", msg[LT_ERR_MSG_MAX];

	if (!e)
		return;
	lt_table_colname(col, name);
	snprintf(e->field, sizeof(e->field), "%s%d", name, row);
	snprintf(msg, sizeof(msg), "Dòng %d, cột %s: %.300s", row, name, e->vi);
	memcpy(e->vi, msg, sizeof(msg));
	snprintf(msg, sizeof(msg), "Row %d, column %s: %.300s", row, name, e->en);
	memcpy(e->en, msg, sizeof(msg));
}

/* The column of the input field an intake error names. */
static int column_of(const lt_fb_import_in *in, const lt_error *e)
{
	if (!strcmp(e->field, "sender_name"))
		return in->col_sender;
	if (!strcmp(e->field, "sender_phone"))
		return in->col_phone;
	if (!strcmp(e->field, "received_at"))
		return in->col_time;
	return in->col_text;
}

/* Import the rows of s from row `first` on, in the caller's transaction. */
static int import_rows(lt_db *db, const lt_fb_import_in *in, int64_t unit, const char *channel,
		       const lt_sheet *s, int first, int64_t actor, size_t *n, lt_error *e)
{
	lt_fb_clf clf;
	int rc = lt_app_fb_clf_open_at(db, unit, &clf, e);

	*n = 0;
	assert(in->col_text > 0); /* checked by lt_app_feedback_import */
	if (rc)
		return rc;
	for (int row = first; !rc && row <= s->nrows; row++) {
		lt_feedback_input r = { .unit_id = unit, .channel = channel };
		const char *when = in->col_time ? lt_sheet_cell(s, row, in->col_time)->text : "";

		r.text = lt_sheet_cell(s, row, in->col_text)->text;
		if (!*r.text && !*when)
			continue; /* a blank line */
		r.sender_name = in->col_sender ? lt_sheet_cell(s, row, in->col_sender)->text : NULL;
		r.sender_phone = in->col_phone ? lt_sheet_cell(s, row, in->col_phone)->text : NULL;
		if (in->col_time && lt_feedback_parse_time(when, &r.received_at, "received_at", e)) {
			rc = lt_error_set(e, LT_EINVAL, "received_at",
					  "thời điểm \"%.40s\" không đọc được (dùng DD/MM/YYYY HH:MM)",
					  "cannot read the time \"%.40s\" (use DD/MM/YYYY HH:MM)",
					  when);
		} else {
			rc = lt_app_fb_intake(db, &clf, &r, actor, NULL, e);
			(*n)++;
		}
		if (rc)
			place(e, row, column_of(in, e));
	}
	lt_app_fb_clf_close(&clf);
	return rc;
}

/* The first rows of s as read, copied into a. */
static void preview(const lt_sheet *s, lt_arena *a, lt_fb_import_out *out)
{
	out->preview_rows = s->nrows < LT_FB_PREVIEW_ROWS ? s->nrows : LT_FB_PREVIEW_ROWS;
	out->preview_cols = s->ncols < LT_FB_PREVIEW_COLS ? s->ncols : LT_FB_PREVIEW_COLS;
	for (int r = 0; r < out->preview_rows; r++)
		for (int c = 0; c < out->preview_cols; c++)
			out->preview[r][c] = lt_arena_strdup(a, lt_sheet_cell(s, r + 1, c + 1)->text);
}

int lt_app_feedback_import(lt_db *db, const lt_actor *who, const lt_fb_import_in *in,
			   lt_arena *a, lt_fb_import_out *out, lt_error *e)
{
	const char *channel = in->channel ? in->channel : "import";
	int64_t unit = in->unit_id ? in->unit_id : who->unit_id;
	lt_table *t = NULL;
	lt_sheet *s = NULL;
	lt_unit u;
	size_t n = 0;
	int rc = lt_actor_need_role(who, LT_ROLE_CADRE, e);

	memset(out, 0, sizeof(*out));
	if (!rc && !lt_fb_channel_valid(channel))
		rc = lt_error_set(e, LT_EINVAL, "channel", "Kênh không hợp lệ", "Unknown channel");
	if (!rc && (in->col_text <= 0 || in->col_time < 0 || in->col_sender < 0 ||
		    in->col_phone < 0))
		rc = lt_error_set(e, LT_EINVAL, "columns.text", "Cần chọn cột nội dung (text)",
				  "The text column is required");
	if (!rc && !unit)
		rc = lt_error_set(e, LT_EINVAL, "unit_id", "Cần chọn đơn vị nhận",
				  "The receiving unit is required");
	if (!rc)
		rc = lt_app_fb_unit(db, who, unit, "unit_id", a, &u, e);
	if (!rc)
		rc = read_table(in, &t, e);
	if (!rc && !(s = in->sheet ? lt_table_sheet(t, in->sheet) : lt_table_sheet_at(t, 0)))
		rc = lt_error_set(e, LT_EINVAL, "sheet", "Không có trang tính này", "No such sheet");
	if (!rc && s->nrows - (in->header ? 1 : 0) > IMPORT_MAX_ROWS)
		rc = lt_error_set(e, LT_ETOOBIG, "file", "Tệp quá nhiều dòng (tối đa 20.000)",
				  "Too many rows (at most 20,000)");
	if (rc)
		goto out;
	rc = lt_db_begin(db, e);
	if (rc)
		goto out;
	rc = import_rows(db, in, unit, channel, s, in->header ? 2 : 1, lt_actor_audit_id(who), &n,
			 e);
	/* A dry run makes the same checks and writes, then rolls them back. */
	if (!rc && in->dry_run)
		lt_ignore(lt_db_end(db, LT_ECONFLICT, e));
	else
		rc = lt_db_end(db, rc, e);
	if (rc)
		goto out;
	out->rows = n;
	out->created = in->dry_run ? 0 : n;
	out->dry_run = in->dry_run;
	preview(s, a, out);
	if (lt_arena_failed(a))
		rc = lt_app_fb_nomem(e);
out:
	lt_table_free(t);
	return rc;
}

/* ---------- export ---------- */

static void topics_text(uint32_t m, char *buf, size_t n)
{
	size_t k = 0;

	buf[0] = '\0';
	for (int t = 0; t < LT_TOPIC_COUNT && k < n; t++)
		if (m & (1u << t))
			k += (size_t)snprintf(buf + k, n - k, "%s%s", k ? ", " : "",
					      lt_topic_name_vi(t));
}

/* One message as a row of the export. */
static int export_row(lt_sheet *s, int row, const lt_feedback *f, lt_arena *a)
{
	char when[20], due[20], topics[256];
	const char *cells[13];
	int rc = 0;

	lt_vn_format(f->received_at, "%Y-%m-%d %H:%M", when, sizeof(when));
	lt_vn_format(f->due_at, "%Y-%m-%d %H:%M", due, sizeof(due));
	topics_text(f->topics, topics, sizeof(topics));
	cells[0] = lt_arena_printf(a, "%" PRId64, f->id);
	cells[1] = when;
	cells[2] = f->unit_name;
	cells[3] = f->channel;
	cells[4] = topics;
	cells[5] = f->urgent ? "khẩn" : "";
	cells[6] = lt_fb_status_code(f->status);
	cells[7] = due;
	cells[8] = f->sender == LT_FB_SENDER_HIDDEN ? "(ẩn danh)" : f->sender_name;
	cells[9] = f->sender_phone;
	cells[10] = f->text;
	cells[11] = f->proposal;
	cells[12] = f->answer;
	for (int c = 0; c < 13 && !rc; c++)
		if (cells[c])
			rc = lt_sheet_set_text(s, row, c + 1, cells[c], strlen(cells[c]));
	return rc;
}

/* The export's table so far: the header row, then rows from 2 on. */
static int export_table(lt_table **t, lt_sheet **s, lt_error *e)
{
	static const char *const head[] = { "Mã", "Thời điểm nhận", "Đơn vị nhận", "Kênh",
					    "Chủ đề", "Khẩn", "Trạng thái", "Hạn xử lý", "Người gửi",
					    "Điện thoại", "Nội dung", "Đề xuất", "Trả lời" };
	int rc = 0;

	if (lt_table_new(t) || !(*s = lt_table_add_sheet(*t, "Ý kiến")))
		return lt_app_fb_nomem(e);
	for (int c = 0; !rc && c < 13; c++)
		rc = lt_sheet_set_text(*s, 1, c + 1, head[c], strlen(head[c]));
	return rc ? lt_app_fb_nomem(e) : 0;
}

/* Write buf to sink and empty it. */
static int flush(lt_buf *b, lt_io_sink sink, void *ctx, lt_error *e)
{
	int rc = b->len && sink(b->ptr, b->len, ctx) ? LT_EIO : 0;

	b->len = 0;
	return rc ? lt_error_set(e, LT_EIO, NULL, "Không ghi được tệp xuất",
				 "Cannot write the export")
		  : 0;
}

/* An export under way: the batch's table, and the XLSX being streamed (NULL: a CSV). */
typedef struct export_ctx {
	lt_table *t;
	lt_sheet *s;
	bool started; /* the header is out */
	lt_xlsx_stream *xlsx;
	lt_buf out;
	lt_io_sink sink;
	void *ctx;
} export_ctx;

/* The batch's table (header and rows) written out, the CSV's or the XLSX's way; a new one begun. */
static int export_piece(export_ctx *x, lt_error *e)
{
	int first = x->started ? 2 : 1;
	int rc = x->xlsx ? lt_xlsx_stream_put(x->xlsx, x->s, first, e)
		 : first == 1 ? lt_csv_write(x->s, ',', &x->out, e)
			      : lt_csv_write_rows(x->s, 2, ',', &x->out, e);

	x->started = true;
	if (!rc)
		rc = flush(&x->out, x->sink, x->ctx, e);
	lt_table_free(x->t);
	x->t = NULL;
	return rc ? rc : export_table(&x->t, &x->s, e);
}

static int export_batch(lt_feedback *rows, size_t n, void *c, lt_error *e)
{
	export_ctx *x = c;
	lt_arena a;
	int rc = 0;

	lt_arena_init(&a);
	/* Each batch is a table of its own, its rows from 2 on. */
	for (size_t i = 0; !rc && i < n; i++)
		rc = export_row(x->s, (int)i + 2, &rows[i], &a);
	lt_arena_free(&a);
	if (rc)
		return lt_error_set(e, rc, NULL, "Không tạo được tệp xuất", "Cannot build the export");
	return export_piece(x, e);
}

int lt_app_feedback_export(lt_db *db, const lt_actor *who, const lt_fb_list_in *in, bool xlsx,
			   lt_io_sink sink, void *ctx, lt_error *e)
{
	lt_fb_list_in x = *in;
	export_ctx c = { .sink = sink, .ctx = ctx };
	int rc;

	lt_buf_init(&c.out, 64u << 20);
	x.via = "export";
	rc = export_table(&c.t, &c.s, e);
	if (!rc && xlsx)
		rc = lt_xlsx_stream_open("Ý kiến", &c.xlsx, e);
	if (!rc)
		rc = lt_app_fb_each(db, who, &x, export_batch, &c, e);
	/* No message at all: the header alone. */
	if (!rc && !c.started)
		rc = export_piece(&c, e);
	if (c.xlsx)
		rc = lt_xlsx_stream_close(c.xlsx, rc, sink, ctx, e);
	lt_table_free(c.t);
	lt_buf_free(&c.out);
	return rc;
}
