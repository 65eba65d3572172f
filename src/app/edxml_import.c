/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * edxml_import.c — an edXML message in: a directive becomes a draft, a
 * report is attached to the directive it answers, a status is recorded;
 * see edxml.h. One transaction: all of it or nothing.
 */
#include <stdio.h>
#include <string.h>

#include "app/directive.h"
#include "app/directive_int.h"
#include "app/edxml.h"
#include "app/edxml_int.h"
#include "app/report.h"
#include "app/report_int.h"
#include "core/report.h"
#include "core/clock.h"
#include "core/password.h" /* lt_sha256_hex */
#include "store/audit.h"
#include "store/directive.h"
#include "store/edxml.h"
#include "store/register.h"
#include "store/unit.h"
#include "text/edxml.h"
#include "text/letter_directive.h"

/* The unit whose code is organ, or LT_EINVAL naming "OrganId" under where (From, To…). */
static int unit_of(lt_db *db, const char *organ, const char *where, lt_arena *a, lt_unit *u,
		   lt_error *e)
{
	int rc = lt_unit_get_by_code(db, organ, a, u, e);

	if (rc == LT_ENOTFOUND)
		return lt_error_set(e, LT_EINVAL, "OrganId",
				    "<%s><OrganId>: không có đơn vị nào mang mã cơ quan \"%s\"",
				    "<%s><OrganId>: no unit has the organ code \"%s\"", where, organ);
	return rc;
}

static const lt_edxml_file *file_of(const lt_edxml_msg *m, const char *type, const char *ext)
{
	for (size_t i = 0; i < m->nfiles; i++) {
		const char *n = m->files[i].name, *t = m->files[i].type;
		size_t nl = n ? strlen(n) : 0, el = strlen(ext);

		if ((t && strstr(t, type)) || (nl > el && !strcmp(n + nl - el, ext)))
			return &m->files[i];
	}
	return NULL;
}

static void set_str(json_t *o, const char *k, const char *v)
{
	if (v && *v)
		json_object_set_new(o, k, json_string(v));
}

/* The draft's document: the letter parser on the text the message carries, the header over it. */
static int directive_doc(const lt_edxml_msg *m, int64_t issuer, lt_arena *a, json_t **out,
			 lt_error *e)
{
	const lt_edxml_file *f = file_of(m, "wordprocessingml", ".docx");
	lt_letter *l = NULL;
	json_t *doc = NULL, *signer;
	int rc = 0;

	if (!f)
		f = file_of(m, "text/plain", ".txt");
	if (f)
		rc = lt_app_letter_read((const char *)f->data, f->len, &l, e);
	else if (m->content && *m->content)
		rc = lt_app_letter_read(m->content, strlen(m->content), &l, e);
	if (rc) {
		lt_error why = { 0 };

		if (e)
			why = *e;
		return lt_error_set(e, rc, "Attachment",
				    "<Attachment>: không đọc được nội dung công văn đính kèm: %s%.0s",
				    "<Attachment>: cannot read the attached letter: %.0s%s", why.vi,
				    why.en);
	}
	doc = l ? lt_letter_to_directive(l, issuer, NULL) : json_object();
	lt_letter_free(l);
	if (!doc)
		return lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	/* What the header states is the record; the parser only fills the rest. */
	set_str(doc, "number", m->code_notation && *m->code_notation
				       ? lt_arena_printf(a, "%s/%s", m->code_number,
							 m->code_notation)
				       : m->code_number);
	set_str(doc, "date", m->date);
	set_str(doc, "place", m->place);
	set_str(doc, "subject", m->subject);
	set_str(doc, "report_deadline", m->due_date);
	if (m->signer_competence || m->signer_position || m->signer_name) {
		signer = json_object_get(doc, "signer");
		if (!json_is_object(signer)) {
			signer = json_object();
			json_object_set_new(doc, "signer", signer);
		}
		set_str(signer, "authority", m->signer_competence);
		set_str(signer, "title", m->signer_position);
		set_str(signer, "name", m->signer_name);
	}
	*out = doc;
	return 0;
}

static void keep_file(const lt_edxml_file *f, lt_arena *a, lt_edxml_row *row)
{
	char sha[65];

	if (!f)
		return;
	lt_sha256_hex(f->data, f->len, sha);
	row->file_name = f->name;
	row->file_type = f->type;
	row->file = f->data;
	row->file_len = f->len;
	row->file_sha256 = lt_arena_strdup(a, sha);
}

static int import_directive(lt_db *db, const lt_actor *who, const lt_edxml_msg *m,
			    const lt_unit *from, lt_arena *a, lt_edxml_row *row, lt_error *e)
{
	lt_directive_draft in = { .issuer_id = from->id };
	lt_directive_view v = { 0 };
	lt_unit u;
	int64_t made = 0;
	int rc = 0;

	for (size_t i = 0; !rc && i < m->nto; i++)
		rc = unit_of(db, m->to[i].id, "To", a, &u, e);
	/* The same message twice is one directive: the second is refused. */
	if (!rc)
		rc = lt_edxml_imported(db, m->document_id, &made, e);
	if (rc == 1)
		return lt_error_set(e, LT_EEXIST, "DocumentId",
				    "<DocumentId> %s: thông điệp này đã được nhập (công văn %lld)",
				    "<DocumentId> %s: this message was imported already (directive %lld)",
				    m->document_id, (long long)made);
	if (!rc)
		rc = directive_doc(m, from->id, a, &in.doc, e);
	if (!rc)
		rc = lt_app_directive_create(db, who, &in, a, &v, e);
	if (!rc)
		row->directive_id = v.meta.id;
	keep_file(file_of(m, "application/pdf", ".pdf"), a, row);
	lt_app_directive_view_free(&v);
	json_decref(in.doc);
	return rc;
}

/* The directive a report or status answers: its number, from its issuer's organ. */
static int answered(lt_db *db, const lt_actor *who, const lt_edxml_msg *m, lt_arena *a,
		    lt_directive_meta *dm, int *acc, lt_error *e)
{
	const lt_edxml_ref *r = &m->response_for;
	int64_t id = 0;
	int rc;

	if (!m->has_response_for)
		return lt_error_set(e, LT_EINVAL, "ResponseFor",
				    "Báo cáo phải có <ResponseFor> nêu công văn được trả lời",
				    "A report needs <ResponseFor> naming the directive it answers");
	rc = lt_edxml_find_directive(db, r->code, r->organ_id, r->date, &id, e);
	if (rc == 1)
		rc = lt_app_directive_load(db, who, id, a, dm, NULL, acc, e);
	else if (rc == 0)
		rc = LT_ENOTFOUND;
	if (rc == LT_ENOTFOUND)
		return lt_error_set(e, LT_EINVAL, "ResponseFor",
				    "<ResponseFor>: không có công văn số %s ngày %s của cơ quan %s",
				    "<ResponseFor>: there is no directive %s of %s by organ %s", r->code,
				    r->date, r->organ_id);
	return rc;
}

/* The status is recorded but changes nothing: why, in both languages (in a). */
static int not_applied(lt_edxml_result *out, const char *vi, const char *en)
{
	out->applied = false;
	out->why_vi = vi;
	out->why_en = en;
	return 0;
}

static int refused(lt_edxml_result *out, const lt_error *why, lt_arena *a)
{
	return not_applied(out, lt_arena_strdup(a, why->vi), lt_arena_strdup(a, why->en));
}

/*
 * A status about unit u's receipt or report of directive dm changes it when,
 * and only when, the importer could have made that same change in lantoa:
 *   - 03 (opened) and 04 (acknowledged): the importer acts as u (u's own
 *     user, or the console), as for POST /directives/{id}/ack; through
 *     lt_app_directive_open / _ack;
 *   - 02 (returned; and accepted, should a table row map to it): the importer
 *     may review u's report and the report's state allows it, as for POST
 *     …/report/return; through lt_app_report_review, the status's
 *     Description as the comment;
 *   - 01, 05, 06, 13: nothing to do here (a receipt exists from the issue,
 *     a report is written and submitted in lantoa or comes as a report
 *     message, lantoa never withdraws a directive).
 * Access and state are checked first, without writing, so a status that
 * cannot apply is recorded as not applied (with the reason) and the rest
 * of the import stands; one that can goes through the same app function as
 * the API (history, roll-up and registers follow) in the import's
 * transaction. An error past the checks fails the whole import.
 */
static int apply_status(lt_db *db, const lt_actor *who, const lt_edxml_msg *m,
			const lt_directive_meta *dm, const lt_unit *u, const lt_receipt *rcpt,
			lt_arena *a, lt_edxml_result *out, lt_error *e)
{
	lt_report_ref ref = { .directive = dm->id, .unit = u->id };
	lt_error why = { 0 };
	lt_unit ru;
	lt_report r;
	const char *to = NULL;
	int64_t acting = 0;
	bool ack = !strcmp(out->state, "acknowledged");
	lt_report_act act = !strcmp(out->state, "accepted") ? LT_REPORT_ACCEPT : LT_REPORT_RETURN;
	int rc;

	if (!strcmp(out->state_kind, "receipt") && (ack || !strcmp(out->state, "opened"))) {
		if (ack ? rcpt->acknowledged_at != 0 : rcpt->opened_at != 0)
			return not_applied(out, "Đơn vị đã ở trạng thái này trong lantoa",
					   "The unit is in this state in lantoa already");
		if (lt_app_directive_acting_unit(who, u->id, &acting, &why))
			return not_applied(out, lt_arena_printf(a, "Chỉ đơn vị %s tự xác nhận công văn: %s",
								u->code, why.vi),
					   lt_arena_printf(a, "Only unit %s acknowledges the directive itself: %s",
							   u->code, why.en));
		rc = ack ? lt_app_directive_ack(db, who, dm->id, u->id, a, NULL, e)
			 : lt_app_directive_open(db, who, dm->id, u->id, e);
		out->applied = !rc;
		return rc;
	}
	if (!strcmp(out->state_kind, "report") &&
	    (!strcmp(out->state, "returned") || !strcmp(out->state, "accepted"))) {
		rc = lt_app_report_look(db, who, &ref, a, &ru, &r, &why);
		if (rc == LT_ENOTFOUND || (!rc && !r.id))
			return not_applied(out, "Đơn vị chưa có báo cáo để duyệt",
					   "The unit has no report to review");
		if (rc)
			return refused(out, &why, a);
		if (lt_app_report_need(who, &ru, act, &why) ||
		    lt_report_transition(r.status, act, &to, &why))
			return refused(out, &why, a);
		rc = lt_app_report_review(db, who, &ref, act,
					  m->description && *m->description
						  ? m->description
						  : lt_arena_printf(a, "Trả lại qua trục liên thông (mã %s)",
								    m->status_code),
					  a, NULL, e);
		out->applied = !rc;
		return rc;
	}
	if (!strcmp(out->state_kind, "directive"))
		return not_applied(out, "lantoa không thu hồi công văn; hãy sửa hoặc ban hành công văn điều chỉnh",
				   "lantoa does not revoke a directive; amend it instead");
	if (!strcmp(out->state_kind, "report"))
		return not_applied(out, "Báo cáo được lập và nộp trong lantoa, hoặc gửi đến dưới dạng thông điệp báo cáo",
				   "A report is written and submitted in lantoa, or comes as a report message");
	return not_applied(out, "Công văn đã đến đơn vị từ khi ban hành: không có gì thay đổi",
			   "The directive reached the unit when it was issued: nothing changes");
}

static int import_answer(lt_db *db, const lt_actor *who, const lt_edxml_msg *m,
			 const lt_unit *from, lt_arena *a, lt_edxml_row *row,
			 lt_edxml_result *out, lt_error *e)
{
	lt_directive_meta dm;
	lt_receipt rcpt;
	lt_report_view v = { 0 };
	lt_report_ref ref = { .unit = from->id };
	const lt_edxml_file *pdf = NULL;
	bool found = false;
	int acc = 0, rc = answered(db, who, m, a, &dm, &acc, e);

	if (!rc) {
		row->directive_id = ref.directive = dm.id;
		rc = lt_receipt_of(db, dm.id, from->id, a, &rcpt, &found, e);
	}
	if (!rc && !found)
		rc = lt_error_set(e, LT_EINVAL, "OrganId",
				  "<From><OrganId>: đơn vị %s không nhận công văn %s",
				  "<From><OrganId>: unit %s is not a recipient of directive %s",
				  from->code, m->response_for.code);
	/* Reports go to the issuing side; a status is recorded by whoever reads the report. */
	if (!rc && !m->is_status)
		rc = lt_app_need_issuer_officer(who, acc, e);
	if (!rc)
		rc = lt_app_report_get(db, who, &ref, false, a, &v, e);
	lt_app_report_view_free(&v);
	if (!rc && m->is_status) {
		row->status_code = m->status_code;
		out->status_code = lt_arena_strdup(a, m->status_code); /* m dies with the import */
		rc = lt_edxml_status_state(m->status_code, &out->state_kind, &out->state, NULL,
					   NULL, e);
		if (!rc)
			rc = apply_status(db, who, m, &dm, from, &rcpt, a, out, e);
		row->applied = out->applied;
		row->not_applied = out->applied ? NULL
				   : lt_arena_printf(a, "%s / %s", out->why_vi, out->why_en);
	}
	if (!rc && !m->is_status) {
		pdf = file_of(m, "application/pdf", ".pdf");
		if (!pdf)
			rc = lt_error_set(e, LT_EINVAL, "Attachment",
					  "<Attachment>: báo cáo phải kèm tệp PDF",
					  "<Attachment>: a report must carry its PDF");
		keep_file(pdf, a, row);
	}
	return rc;
}

/*
 * A directive or report that came in is entered in the incoming register
 * (sổ văn bản đến) of each unit it is addressed to, in the import's
 * transaction: the sender is the author, the message's due date the
 * handling deadline. A status message is not a document: it is not entered.
 */
static int register_incoming(lt_db *db, const lt_edxml_msg *m, const lt_unit *from,
			     const lt_edxml_row *row, lt_arena *a, lt_error *e)
{
	lt_register_doc doc = {
		.source = "edxml",
		.directive_id = row->directive_id,
		.number = m->code_notation && *m->code_notation
				  ? lt_arena_printf(a, "%s/%s", m->code_number, m->code_notation)
				  : m->code_number,
		.date = m->date,
		.kind = !strcmp(row->kind, "directive") ? "directive" : "report",
		.subject = m->subject,
		.party = from->name,
		.party_unit_id = from->id,
		.signer = m->signer_name,
		.deadline = m->due_date,
		.copies = 1,
	};
	lt_unit u;
	int rc = 0;

	for (size_t i = 0; !rc && i < m->nto; i++) {
		rc = unit_of(db, m->to[i].id, "To", a, &u, e);
		if (!rc)
			rc = lt_register_add(db, u.id, "in", row->imported_at, &doc, NULL, e);
	}
	return rc;
}

/*
 * The units message id was addressed to (its To), who find it in their
 * list (app/edxml.h, lt_app_edxml_list). A status may name organs that are
 * no unit: those are skipped, and a status addressed to none goes to the
 * directive's issuing side.
 */
static int keep_recipients(lt_db *db, const lt_edxml_msg *m, int64_t id, int64_t directive,
			   lt_arena *a, lt_error *e)
{
	lt_unit u;
	size_t kept = 0;
	int rc = 0;

	for (size_t i = 0; !rc && i < m->nto; i++) {
		rc = lt_unit_get_by_code(db, m->to[i].id, a, &u, e);
		if (rc == LT_ENOTFOUND && m->is_status) {
			rc = 0;
			continue;
		}
		if (!rc)
			rc = lt_edxml_add_recipient(db, id, u.id, e);
		kept += !rc;
	}
	if (!rc && !kept) {
		lt_directive_meta dm;

		rc = lt_directive_load(db, directive, a, &dm, NULL, e);
		if (!rc)
			rc = lt_edxml_add_recipient(db, id, dm.issuer_id, e);
	}
	return rc;
}

int lt_app_edxml_import(lt_db *db, const lt_actor *who, const char *data, size_t len,
			lt_arena *a, lt_edxml_result *out, lt_error *e)
{
	lt_edxml_msg m;
	lt_edxml_row row = { 0 };
	lt_unit from;
	char detail[200];
	int rc = lt_actor_need_role(who, LT_ROLE_OFFICER, e);

	memset(out, 0, sizeof(*out));
	if (!rc)
		rc = lt_edxml_parse(data, len, a, &m, e);
	if (rc)
		return rc;
	if (!m.is_status && m.steering != LT_EDXML_STEER_DIRECTIVE &&
	    m.steering != LT_EDXML_STEER_REPORT)
		return lt_error_set(e, LT_EINVAL, "SteeringType",
				    "<SteeringType> %d: lantoa nhận chỉ đạo (2) và báo cáo (3)",
				    "<SteeringType> %d: lantoa takes directives (2) and reports (3)",
				    m.steering);
	rc = lt_db_begin(db, e);
	if (rc)
		return rc;
	rc = unit_of(db, m.from.id, "From", a, &from, e);
	row.kind = m.is_status ? "status"
		   : m.steering == LT_EDXML_STEER_DIRECTIVE ? "directive" : "report";
	row.document_id = m.is_status ? m.response_for.document_id : m.document_id;
	row.from_organ = m.from.id;
	row.priority = m.priority;
	row.due_date = m.due_date;
	row.imported_by = lt_actor_audit_id(who);
	row.imported_at = lt_now();
	row.applied = -1;
	if (!rc) {
		row.unit_id = from.id;
		if (!strcmp(row.kind, "directive"))
			rc = import_directive(db, who, &m, &from, a, &row, e);
		else
			rc = import_answer(db, who, &m, &from, a, &row, out, e);
	}
	if (!rc && !m.is_status)
		rc = register_incoming(db, &m, &from, &row, a, e);
	if (!rc)
		rc = lt_edxml_add(db, &row, &out->id, e);
	if (!rc)
		rc = keep_recipients(db, &m, out->id, row.directive_id, a, e);
	snprintf(detail, sizeof(detail), "{\"kind\":\"%s\",\"directive_id\":%lld}", row.kind,
		 (long long)row.directive_id);
	if (!rc)
		rc = lt_audit(db, lt_actor_audit_id(who), "edxml_import", "edxml_message", out->id,
			      detail, e);
	rc = lt_db_end(db, rc, e);
	if (rc)
		return rc;
	out->kind = row.kind;
	out->directive_id = row.directive_id;
	out->unit_id = row.unit_id;
	out->priority = row.priority;
	out->file_len = row.file_name ? row.file_len : 0;
	return 0;
}
