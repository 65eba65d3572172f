/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* register.c — the registers of documents sent and received as use cases; see register.h. */
#include "app/register.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "app/unit.h"
#include "core/clock.h"
#include "core/validate.h"
#include "render/table.h"
#include "render/xlsx_write.h"
#include "store/audit.h"

/* An XLSX holds at most this many entries (a year of a busy federation fits easily). */
#define REGISTER_XLSX_MAX 100000

/* Check the register named by ref and that who may read its unit (*u). */
static int open_ref(lt_db *db, const lt_actor *who, lt_register_ref *ref, lt_arena *a, lt_unit *u,
		    lt_error *e)
{
	int rc = lt_actor_need_role(who, LT_ROLE_CADRE, e);

	if (!rc && (!ref->direction || (strcmp(ref->direction, "in") && strcmp(ref->direction, "out"))))
		rc = lt_error_set(e, LT_EINVAL, "direction", "Sổ là in (văn bản đến) hoặc out (văn bản đi)",
				  "The register is in (received) or out (sent)");
	if (!rc && ref->year == 0)
		ref->year = lt_register_year(lt_now());
	if (!rc && (ref->year < 2000 || ref->year > 2100))
		rc = lt_error_set(e, LT_EINVAL, "year", "Năm phải từ 2000 đến 2100",
				  "The year must be between 2000 and 2100");
	if (!rc)
		rc = lt_app_unit_in_scope(db, who, ref->unit_id, a, u, e);
	return rc;
}

int lt_app_register_page(lt_db *db, const lt_actor *who, lt_register_ref *ref, const lt_page *pg,
			 lt_arena *a, lt_register_entry **items, size_t *n, const char **next,
			 lt_error *e)
{
	lt_unit u;
	int64_t after = 0;
	int max = 0;
	int rc = open_ref(db, who, ref, a, &u, e);

	*items = NULL;
	*n = 0;
	*next = NULL;
	if (!rc)
		rc = lt_page_cursor_id(pg, &after, &max, e);
	if (!rc)
		rc = lt_register_page(db, u.id, ref->direction, ref->year, after,
				      max ? max : LT_PAGE_MAX, a, items, n, e);
	if (!rc && *n) {
		size_t last = pg && *n > (size_t)pg->limit ? (size_t)pg->limit - 1 : *n - 1;
		rc = lt_page_next_id(pg, n, (*items)[last].seq, a, next, e);
	}
	return rc;
}

const char *lt_app_register_status(const lt_register_entry *g)
{
	bool in = !strcmp(g->direction, "in");
	const char *s = g->doc.source ? g->doc.source : "";

	if (!strcmp(s, "report"))
		return g->review ? g->review : "submitted";
	if (strcmp(s, "directive"))
		return g->doc.status ? g->doc.status : in ? "received" : "sent";
	if (!in)
		return g->doc.copies > 0 && g->acknowledged >= g->doc.copies ? "acknowledged_all" : "sent";
	if (g->report_status && !strcmp(g->report_status, "submitted"))
		return "report_submitted";
	if (g->report_status && !strcmp(g->report_status, "returned"))
		return "report_returned";
	if (g->report_status && !strcmp(g->report_status, "accepted"))
		return "report_accepted";
	if (g->acknowledged_at)
		return "acknowledged";
	return g->opened_at ? "opened" : "received";
}

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *id_or_null(int64_t id)
{
	return id ? json_integer(id) : json_null();
}

static json_t *date_or_null(int64_t t)
{
	char d[11];

	if (!t)
		return json_null();
	lt_vn_date(t, d);
	return json_string(d);
}

static json_t *entry_json(const lt_register_entry *g)
{
	char day[11];
	json_t *o;

	lt_vn_date(g->registered_at, day);
	o = json_pack("{s:I,s:I,s:i,s:s,s:I,s:s,s:s?,s:o,s:o,s:o,s:o,s:o,s:s,s:o,s:o,s:o,s:o,s:o,"
		      "s:i,s:s}",
		      "id", (json_int_t)g->id, "seq", (json_int_t)g->seq, "year", g->year,
		      "direction", g->direction, "registered_at", (json_int_t)g->registered_at,
		      "registered_date", day, "source", g->doc.source, "directive_id",
		      id_or_null(g->doc.directive_id), "report_id", id_or_null(g->doc.report_id),
		      "rev", g->doc.rev ? json_integer(g->doc.rev) : json_null(), "number",
		      str_or_null(g->doc.number), "date", str_or_null(g->doc.date), "kind",
		      g->doc.kind ? g->doc.kind : "", "subject", str_or_null(g->doc.subject), "party",
		      str_or_null(g->doc.party), "party_unit_id", id_or_null(g->doc.party_unit_id),
		      "signer", str_or_null(g->doc.signer), "deadline", str_or_null(g->doc.deadline),
		      "copies", g->doc.copies, "status", lt_app_register_status(g));
	if (!o)
		return NULL;
	if (!strcmp(g->direction, "out") && g->doc.source && !strcmp(g->doc.source, "directive"))
		json_object_set_new(o, "acknowledged", json_integer(g->acknowledged));
	if (!strcmp(g->direction, "in") && g->doc.source && !strcmp(g->doc.source, "directive")) {
		json_object_set_new(o, "opened_date", date_or_null(g->opened_at));
		json_object_set_new(o, "acknowledged_date", date_or_null(g->acknowledged_at));
	}
	if (g->reviewed_at)
		json_object_set_new(o, "reviewed_date", date_or_null(g->reviewed_at));
	return o;
}

json_t *lt_app_register_page_json(const lt_register_ref *ref, const lt_register_entry *items,
				  size_t n, const char *next)
{
	json_t *arr = json_array();

	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, entry_json(&items[i]));
	return json_pack("{s:I,s:s,s:i,s:o,s:o}", "unit_id", (json_int_t)ref->unit_id, "direction",
			 ref->direction, "year", ref->year, "items", arr, "next_cursor",
			 str_or_null(next));
}

/* --- XLSX: the register's columns as Phụ lục IV heads them ------------------------ */

static const char *const in_heads[] = {
	"Ngày đến", "Số đến", "Tác giả", "Số, ký hiệu", "Ngày tháng",
	"Tên loại và trích yếu nội dung", "Đơn vị hoặc người nhận", "Ký nhận", "Ghi chú",
	"Hạn giải quyết", "Tình trạng",
};

static const char *const out_heads[] = {
	"Số đi", "Số, ký hiệu văn bản", "Ngày tháng văn bản",
	"Tên loại và trích yếu nội dung văn bản", "Người ký", "Nơi nhận văn bản",
	"Đơn vị, người nhận bản lưu", "Số lượng bản", "Ngày chuyển", "Ký nhận", "Ghi chú",
	"Hạn giải quyết", "Tình trạng",
};

static const char *kind_vi(const char *k)
{
	if (!k || !strcmp(k, "directive"))
		return "Công văn";
	if (!strcmp(k, "amendment"))
		return "Công văn điều chỉnh";
	if (!strcmp(k, "report"))
		return "Báo cáo";
	return k;
}

static const char *status_vi(const char *s)
{
	static const char *const map[][2] = {
		{ "received", "Đã nhận" },
		{ "opened", "Đã mở" },
		{ "acknowledged", "Đã xác nhận" },
		{ "report_submitted", "Đã nộp báo cáo" },
		{ "report_returned", "Báo cáo bị trả lại" },
		{ "report_accepted", "Báo cáo được duyệt" },
		{ "sent", "Đã gửi" },
		{ "acknowledged_all", "Tất cả đã xác nhận" },
		{ "submitted", "Chờ duyệt" },
		{ "returned", "Trả lại" },
		{ "accepted", "Đã duyệt" },
	};

	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (!strcmp(map[i][0], s))
			return map[i][1];
	return s;
}

static int put_text(lt_sheet *s, int row, int col, const char *t)
{
	return t && *t ? lt_sheet_set_text(s, row, col, t, strlen(t)) : 0;
}

static int put_date(lt_sheet *s, int row, int col, const char *iso)
{
	return iso && lt_date_valid(iso) ? lt_sheet_set_date(s, row, col, iso) : put_text(s, row, col, iso);
}

static int put_day(lt_sheet *s, int row, int col, int64_t t)
{
	char d[11];

	if (!t)
		return 0;
	lt_vn_date(t, d);
	return lt_sheet_set_date(s, row, col, d);
}

/* One entry as row r of the sheet; u is the register's unit. */
static int put_entry(lt_sheet *s, int r, const lt_register_entry *g, const lt_unit *u, lt_arena *a)
{
	bool in = !strcmp(g->direction, "in");
	bool dir = g->doc.source && !strcmp(g->doc.source, "directive");
	const char *what = lt_arena_printf(a, "%s%s%s", kind_vi(g->doc.kind),
					   g->doc.subject ? " — " : "",
					   g->doc.subject ? g->doc.subject : "");
	const char *note = g->doc.rev > 1 ? lt_arena_printf(a, "Lần nộp %d", g->doc.rev) : NULL;
	const char *signed_for = NULL;
	int c = 1, rc = 0;

	if (in) {
		rc |= put_day(s, r, c++, g->registered_at);
		rc |= lt_sheet_set_number(s, r, c++, (double)g->seq, LT_NUMFMT_GENERAL);
		rc |= put_text(s, r, c++, g->doc.party);
		rc |= put_text(s, r, c++, g->doc.number);
		if (g->doc.date)
			rc |= put_date(s, r, c++, g->doc.date);
		else
			rc |= put_day(s, r, c++, g->registered_at);
		rc |= put_text(s, r, c++, what);
		rc |= put_text(s, r, c++, u->name);
		if (dir && g->acknowledged_at) {
			char d[11];
			lt_vn_date(g->acknowledged_at, d);
			signed_for = lt_arena_printf(a, "Đã xác nhận %.2s/%.2s/%.4s", d + 8, d + 5, d);
		}
		rc |= put_text(s, r, c++, signed_for);
	} else {
		rc |= lt_sheet_set_number(s, r, c++, (double)g->seq, LT_NUMFMT_GENERAL);
		rc |= put_text(s, r, c++, g->doc.number);
		if (g->doc.date)
			rc |= put_date(s, r, c++, g->doc.date);
		else
			rc |= put_day(s, r, c++, g->registered_at);
		rc |= put_text(s, r, c++, what);
		rc |= put_text(s, r, c++, g->doc.signer);
		rc |= put_text(s, r, c++, g->doc.party ? g->doc.party
					   : lt_arena_printf(a, "%d đơn vị", g->doc.copies));
		rc |= put_text(s, r, c++, u->name);
		rc |= lt_sheet_set_number(s, r, c++, g->doc.copies, LT_NUMFMT_GENERAL);
		rc |= put_day(s, r, c++, g->registered_at);
		if (dir)
			signed_for = lt_arena_printf(a, "%" PRId64 "/%d đã xác nhận", g->acknowledged,
						     g->doc.copies);
		rc |= put_text(s, r, c++, signed_for);
	}
	rc |= put_text(s, r, c++, note);
	rc |= put_date(s, r, c++, g->doc.deadline);
	rc |= put_text(s, r, c++, status_vi(lt_app_register_status(g)));
	return rc ? LT_ENOMEM : 0;
}

int lt_app_register_xlsx(lt_db *db, const lt_actor *who, lt_register_ref *ref, lt_arena *a,
			 lt_buf *out, const char **name, lt_error *e)
{
	lt_table *t = NULL;
	lt_sheet *s = NULL;
	lt_unit u;
	bool in;
	const char *const *heads;
	size_t nheads, total = 0;
	int64_t after = 0;
	int rc = open_ref(db, who, ref, a, &u, e);

	if (rc)
		return rc;
	in = !strcmp(ref->direction, "in");
	heads = in ? in_heads : out_heads;
	nheads = in ? sizeof(in_heads) / sizeof(in_heads[0]) : sizeof(out_heads) / sizeof(out_heads[0]);
	*name = lt_arena_printf(a, "so-van-ban-%s-%s-%d.xlsx", in ? "den" : "di", u.code, ref->year);
	rc = lt_table_new(&t);
	if (!rc) {
		s = lt_table_add_sheet(t, lt_arena_printf(a, "Sổ văn bản %s %d", in ? "đến" : "đi",
							   ref->year));
		if (!s)
			rc = LT_ENOMEM;
	}
	for (size_t i = 0; !rc && i < nheads; i++)
		rc = put_text(s, 1, (int)i + 1, heads[i]);
	/* Page through the year so that memory stays bounded by a page's arena. */
	while (!rc) {
		lt_arena pa;
		lt_register_entry *items = NULL;
		size_t n = 0;

		lt_arena_init(&pa);
		rc = lt_register_page(db, u.id, ref->direction, ref->year, after, LT_PAGE_MAX, &pa,
				      &items, &n, e);
		for (size_t i = 0; !rc && i < n; i++)
			rc = put_entry(s, (int)(total + i) + 2, &items[i], &u, &pa);
		if (!rc && n)
			after = items[n - 1].seq;
		total += n;
		lt_arena_free(&pa);
		if (!rc && total > REGISTER_XLSX_MAX)
			rc = lt_error_set(e, LT_ETOOBIG, "year",
					  "Sổ năm %d có hơn %d văn bản: quá lớn để xuất một tệp",
					  "The %d register holds more than %d documents, too many for one file",
					  ref->year, REGISTER_XLSX_MAX);
		if (rc || n < LT_PAGE_MAX)
			break;
	}
	if (rc == LT_ENOMEM)
		rc = lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	if (!rc)
		rc = lt_xlsx_write_buf(t, out, e);
	lt_table_free(t);
	return rc;
}

/* --- record a document that came or went another way (EDXML) ------------------- */

static int check_optional_date(const char *field, const char *s, lt_error *e)
{
	return s ? lt_check_date(field, s, e) : 0;
}

static int check_optional_text(const char *field, const char *s, size_t max, lt_error *e)
{
	return s ? lt_check_text(field, s, max, e) : 0;
}

int lt_app_register_record(lt_db *db, const lt_actor *who, int64_t unit_id, const char *direction,
			   const lt_register_doc *doc, int64_t *seq, lt_error *e)
{
	lt_arena a;
	lt_unit u;
	int64_t n = 0;
	int rc = 0;

	lt_arena_init(&a);
	if (!doc->source || (strcmp(doc->source, "edxml") && strcmp(doc->source, "other")))
		rc = lt_error_set(e, LT_EINVAL, "source",
				  "Công văn và báo cáo được vào sổ khi gửi; ở đây là edxml hoặc other",
				  "Directives and reports are registered as they are sent; here edxml or other");
	if (!rc && (!direction || (strcmp(direction, "in") && strcmp(direction, "out"))))
		rc = lt_error_set(e, LT_EINVAL, "direction", "Sổ là in (văn bản đến) hoặc out (văn bản đi)",
				  "The register is in (received) or out (sent)");
	if (!rc)
		rc = lt_check_text("kind", doc->kind, 100, e);
	if (!rc)
		rc = lt_check_text("subject", doc->subject, 2000, e);
	if (!rc)
		rc = lt_check_text("party", doc->party, 1000, e);
	if (!rc)
		rc = check_optional_text("number", doc->number, 100, e);
	if (!rc)
		rc = check_optional_text("signer", doc->signer, 200, e);
	if (!rc)
		rc = check_optional_text("status", doc->status, 40, e);
	if (!rc)
		rc = check_optional_date("date", doc->date, e);
	if (!rc)
		rc = check_optional_date("deadline", doc->deadline, e);
	if (!rc && (doc->copies < 0 || doc->copies > 100000))
		rc = lt_error_set(e, LT_EINVAL, "copies", "Số lượng bản từ 0 đến 100.000",
				  "copies is between 0 and 100,000");
	if (!rc)
		rc = lt_unit_get(db, unit_id, &a, &u, e);
	if (!rc && who->kind != LT_ACTOR_SYSTEM && !lt_actor_edits(who, u.path))
		rc = lt_error_set(e, LT_EFORBIDDEN, "unit_id",
				  "Chỉ cán bộ của đơn vị hoặc cấp trên mới vào sổ được",
				  "Only the unit's own officers or those above it may register a document");
	if (rc)
		goto out;
	rc = lt_db_begin(db, e);
	if (rc)
		goto out;
	rc = lt_register_add(db, u.id, direction, lt_now(), doc, &n, e);
	if (!rc)
		rc = lt_audit(db, lt_actor_audit_id(who), "register", "unit", u.id, NULL, e);
	rc = lt_db_end(db, rc, e);
	if (!rc && seq)
		*seq = n;
out:
	lt_arena_free(&a);
	return rc;
}
