/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * edxml.c — directives, reports and statuses out as edXML messages; see
 * edxml.h. The import is edxml_import.c.
 */
#include "app/edxml.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "app/directive.h"
#include "app/directive_int.h"
#include "app/directive_sign.h"
#include "app/edxml_int.h"
#include "app/report.h"
#include "app/report_sign.h"
#include "core/clock.h"
#include "core/page.h"
#include "store/edxml.h"
#include "store/unit.h"
#include "text/edxml.h"

const char *lt_app_edxml_doc_id(const char *organ, const char *date, const char *number,
				lt_arena *a)
{
	/* The standard's form: organ code, date (YYYY/MM/DD) and the document's number. */
	char d[11];

	snprintf(d, sizeof(d), "%s", date ? date : "");
	for (char *p = d; *p; p++)
		if (*p == '-')
			*p = '/';
	return lt_arena_printf(a, "%s,%s,%s", organ, d, number ? number : "");
}

const char *lt_app_edxml_now(lt_arena *a)
{
	char t[32];

	lt_vn_format(lt_now(), "%Y-%m-%dT%H:%M:%S+07:00", t, sizeof(t));
	return lt_arena_strdup(a, t);
}

static void organ_of(const lt_unit *u, lt_edxml_organ *o)
{
	o->id = u->code;
	o->name = u->name;
	o->email = u->email;
}

static const char *str(json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));

	return s && *s ? s : NULL;
}

/* The directive's number, date and issuer, as every message about it names them. */
typedef struct dir_ref {
	lt_directive_meta m;
	json_t *doc; /* owned */
	int acc;
	lt_unit issuer;
	const char *number, *date;
	const char *text; /* the document's JSON, as stored (in the arena) */
} dir_ref;

static int load_directive(lt_db *db, const lt_actor *who, int64_t id, lt_arena *a, dir_ref *d,
			  lt_error *e)
{
	int rc;

	memset(d, 0, sizeof(*d));
	rc = lt_app_directive_load(db, who, id, a, &d->m, &d->text, &d->acc, e);
	if (!rc)
		rc = lt_app_directive_parse_doc(d->text, &d->doc, e);
	if (!rc)
		rc = lt_unit_get(db, d->m.issuer_id, a, &d->issuer, e);
	if (rc)
		return rc;
	d->number = str(d->doc, "number");
	d->date = str(d->doc, "date");
	if (!d->number || !d->date)
		return lt_error_set(e, LT_ECONFLICT, d->number ? "date" : "number",
				    "Công văn chưa có số và ngày: chưa gửi được bằng edXML",
				    "The directive has no number or date yet: it cannot go as edXML");
	return 0;
}

static void response_for(const dir_ref *d, lt_arena *a, lt_edxml_ref *r)
{
	r->organ_id = d->issuer.code;
	r->code = d->number;
	r->date = d->date;
	r->document_id = lt_app_edxml_doc_id(d->issuer.code, d->date, d->number, a);
}

/* The recipients: unit, the reader's own unit, or the receipts (at most LT_EDXML_MAX_TO). */
static int recipients(lt_db *db, const lt_actor *who, const dir_ref *d, int64_t unit,
		      lt_arena *a, lt_edxml_organ **to, size_t *n, lt_error *e)
{
	lt_receipt *items = NULL;
	lt_receipt_counts c;
	lt_page pg = { .limit = LT_EDXML_MAX_TO };
	lt_unit u;
	size_t k = 0;
	int rc = 0;

	*to = lt_arena_alloc(a, (LT_EDXML_MAX_TO + 1) * sizeof(**to));
	if (!*to)
		return lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	if (!unit && d->acc != LT_DIR_ISSUER)
		unit = who->unit_id;
	if (unit) {
		rc = lt_unit_get(db, unit, a, &u, e);
		if (rc && e)
			strcpy(e->field, "unit");
		if (!rc)
			organ_of(&u, &(*to)[0]);
		*n = rc ? 0 : 1;
		return rc;
	}
	rc = lt_app_directive_receipts_page(db, who, d->m.id, NULL, &pg, a, &items, &k, &c, e);
	if (!rc && k > LT_EDXML_MAX_TO)
		rc = lt_error_set(e, LT_ETOOBIG, "unit",
				  "Công văn có hơn %d nơi nhận: hãy chọn một đơn vị nhận",
				  "The directive has over %d recipients: choose one unit",
				  LT_EDXML_MAX_TO);
	if (!rc && !k)
		rc = lt_error_set(e, LT_EINVAL, "unit",
				  "Công văn chưa có nơi nhận: hãy chọn đơn vị nhận",
				  "The directive has no recipients yet: choose the unit it goes to");
	for (size_t i = 0; !rc && i < k; i++) {
		(*to)[i].id = items[i].unit_code;
		(*to)[i].name = items[i].unit_name;
	}
	*n = rc ? 0 : k;
	return rc;
}

int lt_app_edxml_directive(lt_db *db, const lt_actor *who, const lt_edxml_out *in, lt_arena *a,
			   lt_buf *out, lt_error *e)
{
	lt_edxml_msg m = { .steering = LT_EDXML_STEER_DIRECTIVE };
	lt_edxml_file files[3];
	lt_edxml_organ *to = NULL;
	lt_edxml_row prev;
	lt_buf pdf, docx, annex;
	dir_ref d;
	json_t *signer;
	const char *type = NULL, *mode;
	bool signed_now = false, annex_signed = false;
	int rc;

	lt_buf_init(&pdf, 32u << 20);
	lt_buf_init(&docx, 32u << 20);
	lt_buf_init(&annex, 32u << 20);
	if (in->priority < -1 || in->priority > 4)
		return lt_error_set(e, LT_EINVAL, "priority", "Độ khẩn phải từ 0 đến 4",
				    "priority must be 0 to 4");
	rc = lt_db_begin(db, e);
	if (rc)
		return rc;
	rc = load_directive(db, who, in->directive, a, &d, e);
	if (!rc)
		rc = recipients(db, who, &d, in->unit, a, &to, &m.nto, e);
	/* The PDF is the signed one once the directive is signed (directive_sign.h). */
	if (!rc)
		rc = lt_app_directive_document(db, who, d.m.id, "pdf", a, &pdf, &type, e);
	if (!rc) {
		lt_report_sig sig;
		rc = lt_app_directive_sig_current(db, d.m.id, d.text, false, a, &sig, e);
		signed_now = rc == 1;
		rc = rc < 0 ? rc : 0;
	}
	if (!rc)
		rc = lt_app_directive_document(db, who, d.m.id, "docx", a, &docx, &type, e);
	/* Sent to a list of units: the list goes with it (signed with it, once signed). */
	mode = str(json_object_get(d.doc, "recipients"), "mode");
	if (!rc && mode && !strcmp(mode, "units"))
		rc = lt_app_directive_annex(db, who, d.m.id, a, &annex, &annex_signed, e);
	m.priority = in->priority;
	if (!rc && m.priority < 0) {
		rc = lt_edxml_latest(db, "directive", d.m.id, 0, false, a, &prev, e);
		m.priority = rc == 1 ? prev.priority : 0;
		rc = rc < 0 ? rc : 0;
	}
	rc = lt_db_end(db, rc, e);
	if (rc)
		goto out;
	organ_of(&d.issuer, &m.from);
	m.to = to;
	lt_edxml_split_code(d.number, a, &m.code_number, &m.code_notation);
	m.document_id = lt_app_edxml_doc_id(d.issuer.code, d.date, d.number, a);
	m.place = str(d.doc, "place");
	m.date = d.date;
	m.subject = str(d.doc, "subject") ? str(d.doc, "subject") : d.number;
	m.due_date = str(d.doc, "report_deadline");
	signer = json_object_get(d.doc, "signer");
	m.signer_competence = str(signer, "authority");
	m.signer_position = str(signer, "title");
	m.signer_name = str(signer, "name");
	m.timestamp = lt_app_edxml_now(a);
	files[0] = (lt_edxml_file){ lt_arena_printf(a, "cong-van-%" PRId64 "%s.pdf", d.m.id,
						    signed_now ? "-da-ky" : ""),
				    "application/pdf", (const uint8_t *)pdf.ptr, pdf.len };
	/* The letter's text, for the receiver's letter parser (and an editable copy). */
	files[1] = (lt_edxml_file){
		lt_arena_printf(a, "cong-van-%" PRId64 ".docx", d.m.id),
		"application/vnd.openxmlformats-officedocument.wordprocessingml.document",
		(const uint8_t *)docx.ptr, docx.len
	};
	m.files = files;
	m.nfiles = 2;
	if (annex.len)
		files[m.nfiles++] = (lt_edxml_file){
			lt_arena_printf(a, "cong-van-%" PRId64 "-kem-theo%s.pdf", d.m.id,
					annex_signed ? "-da-ky" : ""),
			"application/pdf", (const uint8_t *)annex.ptr, annex.len
		};
	rc = lt_edxml_write(&m, out, e);
out:
	json_decref(d.doc);
	lt_buf_free(&pdf);
	lt_buf_free(&docx);
	lt_buf_free(&annex);
	return rc;
}

/* The report's PDF: the signed one when its last revision is signed, else rendered. */
static int report_pdf(lt_db *db, const lt_actor *who, const lt_report_ref *ref,
		      const lt_report_view *v, lt_arena *a, lt_edxml_file *f, lt_error *e)
{
	lt_report_file_in fin = { .ref = *ref, .format = "pdf", .rev = v->report.rev };
	lt_report_file file = { 0 };
	lt_report_sig sig;
	int rc;

	f->type = "application/pdf";
	f->name = lt_arena_printf(a, "bao-cao-%s-lan-%d.pdf", v->unit.code, v->report.rev);
	if (v->signed_now) {
		rc = lt_app_report_signature(db, who, ref, v->report.rev, true, a, &sig, e);
		f->data = sig.pdf;
		f->len = sig.pdf_len;
		f->name = lt_arena_printf(a, "bao-cao-%s-lan-%d-da-ky.pdf", v->unit.code,
					  v->report.rev);
		return rc;
	}
	lt_buf_init(&file.bytes, 32u << 20);
	rc = lt_app_report_document(db, who, &fin, a, &file, e);
	if (!rc) {
		uint8_t *p = lt_arena_alloc(a, file.bytes.len ? file.bytes.len : 1);

		if (p)
			memcpy(p, file.bytes.ptr, file.bytes.len);
		else
			rc = lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
		f->data = p;
		f->len = file.bytes.len;
	}
	lt_buf_free(&file.bytes);
	return rc;
}

int lt_app_edxml_report(lt_db *db, const lt_actor *who, const lt_edxml_out *in, lt_arena *a,
			lt_buf *out, lt_error *e)
{
	lt_edxml_msg m = { .steering = LT_EDXML_STEER_REPORT, .has_response_for = true };
	lt_report_ref ref = { .directive = in->directive, .unit = in->unit };
	lt_report_view v = { 0 };
	lt_edxml_file file = { 0 };
	lt_edxml_organ to;
	dir_ref d = { 0 };
	char day[11];
	int rc = lt_db_begin(db, e);

	if (rc)
		return rc;
	rc = lt_app_report_get(db, who, &ref, false, a, &v, e);
	if (!rc && v.report.rev <= 0)
		rc = lt_error_set(e, LT_ECONFLICT, "status",
				  "Báo cáo chưa được nộp: chưa gửi được bằng edXML",
				  "The report has not been submitted: it cannot go as edXML");
	if (!rc)
		rc = load_directive(db, who, in->directive, a, &d, e);
	if (!rc)
		rc = report_pdf(db, who, &ref, &v, a, &file, e);
	rc = lt_db_end(db, rc, e);
	if (rc)
		goto out;
	organ_of(&v.unit, &m.from);
	organ_of(&d.issuer, &to);
	m.to = &to;
	m.nto = 1;
	lt_vn_date(v.report.last_submitted_at, day);
	m.date = lt_arena_strdup(a, day);
	lt_edxml_split_code(v.report.number ? v.report.number : "", a, &m.code_number,
			    &m.code_notation);
	m.document_id = lt_app_edxml_doc_id(v.unit.code, m.date, v.report.number, a);
	m.subject = lt_arena_printf(a, "Báo cáo kết quả thực hiện công văn số %s", d.number);
	response_for(&d, a, &m.response_for);
	m.timestamp = lt_app_edxml_now(a);
	m.files = &file;
	m.nfiles = 1;
	rc = lt_edxml_write(&m, out, e);
out:
	json_decref(d.doc);
	lt_app_report_view_free(&v);
	return rc;
}

int lt_app_edxml_status(lt_db *db, const lt_actor *who, const lt_edxml_out *in, lt_arena *a,
			lt_buf *out, lt_error *e)
{
	lt_edxml_msg m = { .is_status = true, .has_response_for = true };
	lt_report_ref ref = { .directive = in->directive, .unit = in->unit };
	lt_report_view v = { 0 };
	lt_receipt r;
	dir_ref d = { 0 };
	const char *kind = "report", *state = NULL, *code, *k2, *s2, *vi = NULL, *en = NULL;
	bool found = false;
	int rc = lt_db_begin(db, e);

	if (rc)
		return rc;
	rc = lt_app_report_get(db, who, &ref, false, a, &v, e);
	if (!rc)
		rc = load_directive(db, who, in->directive, a, &d, e);
	/* A report nobody wrote yet says nothing: the receipt tells how far the unit is. */
	if (!rc && v.report.id)
		state = v.report.status;
	if (!rc && !v.report.id) {
		rc = lt_receipt_of(db, d.m.id, v.unit.id, a, &r, &found, e);
		kind = "receipt";
		state = lt_receipt_state(r.opened_at, r.acknowledged_at);
		if (!rc && !found)
			rc = lt_error_set(e, LT_ECONFLICT, "unit",
					  "Đơn vị không nhận công văn này: chưa có trạng thái xử lý",
					  "The unit is not a recipient of this directive: it has no status");
	}
	rc = lt_db_end(db, rc, e);
	if (rc)
		goto out;
	code = lt_edxml_status_code(kind, state);
	if (!code || lt_edxml_status_state(code, &k2, &s2, &vi, &en, NULL)) {
		rc = lt_error_set(e, LT_EINTERNAL, "status", "Trạng thái %s không có mã edXML",
				  "State %s has no edXML code", state ? state : "");
		goto out;
	}
	organ_of(&v.unit, &m.from);
	response_for(&d, a, &m.response_for);
	snprintf(m.status_code, sizeof(m.status_code), "%s", code);
	m.description = vi;
	m.timestamp = lt_app_edxml_now(a);
	rc = lt_edxml_write(&m, out, e);
out:
	json_decref(d.doc);
	lt_app_report_view_free(&v);
	return rc;
}

json_t *lt_app_edxml_result_json(const lt_edxml_result *r)
{
	json_t *j = json_pack("{s:s, s:I, s:I, s:I, s:i, s:s?, s:s?, s:s?, s:I}", "kind", r->kind,
			      "id", (json_int_t)r->id, "directive_id", (json_int_t)r->directive_id,
			      "unit_id", (json_int_t)r->unit_id, "priority", r->priority,
			      "status_code", r->status_code, "state_kind", r->state_kind, "state",
			      r->state, "file_bytes", (json_int_t)r->file_len);

	if (j && r->status_code) {
		json_object_set_new(j, "applied", json_boolean(r->applied));
		if (!r->applied)
			json_object_set_new(j, "not_applied",
					    json_pack("{s:s?, s:s?}", "vi", r->why_vi, "en", r->why_en));
	}
	return j;
}
