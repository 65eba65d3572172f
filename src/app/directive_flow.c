/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * directive_flow.c — drafts made from other documents: the implementing
 * directive (cascade), an amendment, a letter imported as text or .docx;
 * and the official document. See directive.h.
 */
#include <stdlib.h>
#include <string.h>

#include "app/directive_int.h"
#include "app/unit.h"
#include "render/directive_doc.h"
#include "store/indicator.h"
#include "store/unit.h"
#include "text/docx_text.h"
#include "text/letter_directive.h"

/* The cited directive m with document pdoc, as a reference {number, date, issuer, directive_id}. */
static json_t *reference(const lt_directive_meta *m, json_t *pdoc)
{
	return json_pack("{s:O?,s:O?,s:s,s:I}", "number", json_object_get(pdoc, "number"), "date",
			 json_object_get(pdoc, "date"), "issuer", m->issuer_name, "directive_id",
			 (json_int_t)m->id);
}

/* The draft implementing pdoc (directive m) at unit u. New reference. */
static json_t *implementing(const lt_directive_meta *m, json_t *pdoc, const lt_unit *u)
{
	static const char *const copied[] = { "subject", "motto",    "themes",
					      "indicators", "contests", "tasks" };
	json_t *doc = json_object();
	const char *deadline = json_string_value(json_object_get(pdoc, "report_deadline"));
	char d[11];

	for (size_t i = 0; i < sizeof(copied) / sizeof(copied[0]); i++)
		json_object_set(doc, copied[i], json_object_get(pdoc, copied[i]));
	json_object_set_new(doc, "references", json_pack("[o]", reference(m, pdoc)));
	if (deadline) {
		/* Leave the level above a few days to aggregate. */
		lt_date_minus_days(deadline, 3, d);
		json_object_set_new(doc, "report_deadline", json_string(d));
	}
	json_object_set_new(doc, "recipients", json_pack("{s:s,s:I}", "mode", "grassroots_under",
							 "unit_id", (json_int_t)u->id));
	if (u->email)
		json_object_set_new(doc, "report_email", json_string(u->email));
	return doc;
}

/* Check doc as a draft and store it as base says (*id); in the caller's transaction. */
static int save_draft(lt_db *db, const lt_actor *who, json_t *doc, const lt_directive_new *base,
		      int64_t *id, lt_error *e)
{
	json_t *checked = NULL;
	int rc = lt_directive_check(doc, false, &checked, e);

	if (!rc)
		rc = lt_app_directive_insert(db, who, checked, base, id, e);
	json_decref(checked);
	return rc;
}

int lt_app_directive_cascade(lt_db *db, const lt_actor *who, int64_t id, int64_t unit_id,
			     lt_arena *a, lt_directive_view *out, lt_error *e)
{
	lt_directive_new base = { .kind = "directive", .implements_id = id };
	lt_directive_meta m;
	lt_receipt r;
	lt_unit u;
	json_t *pdoc = NULL, *doc = NULL;
	const char *text = NULL;
	bool found = false;
	int64_t made = 0;
	int rc = lt_app_directive_begin(db, out, e);

	if (rc)
		return rc;
	rc = lt_app_directive_load(db, who, id, a, &m, &text, NULL, e);
	if (!rc && !lt_actor_at_least(who, LT_ROLE_OFFICER))
		rc = lt_error_set(e, LT_EFORBIDDEN, "id", "Chỉ cán bộ liên đoàn được triển khai",
				  "Only officers may carry a directive further down");
	if (!rc)
		rc = lt_app_directive_acting_unit(who, unit_id, &base.issuer_id, e);
	if (!rc)
		rc = lt_directive_may(m.status, LT_DIR_ACT_CASCADE, e);
	if (!rc)
		rc = lt_unit_get(db, base.issuer_id, a, &u, e);
	if (!rc)
		rc = lt_receipt_of(db, id, u.id, a, &r, &found, e);
	if (!rc && !found)
		rc = lt_error_set(e, LT_EFORBIDDEN, "id", "Chỉ đơn vị nhận công văn mới triển khai được",
				  "Only a recipient unit can carry out this directive");
	if (!rc)
		rc = lt_app_directive_parse_doc(text, &pdoc, e);
	if (!rc) {
		doc = implementing(&m, pdoc, &u);
		rc = save_draft(db, who, doc, &base, &made, e);
	}
	rc = lt_app_directive_finish(db, who, made, rc, a, out, e);
	json_decref(pdoc);
	json_decref(doc);
	return rc;
}

int lt_app_directive_amend(lt_db *db, const lt_actor *who, int64_t id, lt_arena *a,
			   lt_directive_view *out, lt_error *e)
{
	lt_directive_new base = { .kind = "amendment", .amends_id = id };
	lt_directive_meta m;
	json_t *doc = NULL;
	const char *text = NULL;
	int64_t made = 0;
	int rc = lt_app_directive_begin(db, out, e);

	if (rc)
		return rc;
	rc = lt_app_directive_load_issuer(db, who, id, a, &m, &text, e);
	if (!rc)
		rc = lt_directive_may(m.status, LT_DIR_ACT_AMEND, e);
	if (!rc)
		rc = lt_app_directive_parse_doc(text, &doc, e);
	if (!rc) {
		/* The amendment starts as a copy that cites the amended directive. */
		json_array_insert_new(json_object_get(doc, "references"), 0, reference(&m, doc));
		json_object_set_new(doc, "number", json_null());
		base.issuer_id = m.issuer_id;
		base.implements_id = m.implements_id;
		rc = save_draft(db, who, doc, &base, &made, e);
	}
	rc = lt_app_directive_finish(db, who, made, rc, a, out, e);
	json_decref(doc);
	return rc;
}

/*
 * doc's "indicator_labels": each code of "indicators" as {label, measure}
 * from the catalogue, so the letter names figures, never codes. A code the
 * catalogue lacks is left out of the letter.
 */
static int indicator_labels(lt_db *db, json_t *doc, lt_arena *a, lt_error *e)
{
	json_t *x, *out = NULL;
	lt_indicator_row *cat = NULL;
	size_t ncat = 0, i;
	int rc;

	if (!json_array_size(json_object_get(doc, "indicators")))
		return 0;
	rc = lt_indicator_catalogue(db, a, &cat, &ncat, e);
	if (!rc && !(out = json_array()))
		rc = lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	json_array_foreach(json_object_get(doc, "indicators"), i, x) {
		const char *code = json_string_value(x);
		for (size_t k = 0; !rc && code && k < ncat; k++)
			if (!strcmp(cat[k].code, code))
				json_array_append_new(out, json_pack("{s:s,s:s}", "label", cat[k].name_vi,
								     "measure", cat[k].measure));
	}
	if (!rc)
		json_object_set_new(doc, "indicator_labels", out);
	return rc;
}

int lt_app_directive_render(lt_db *db, const lt_directive_meta *m, const char *text,
			    const char *format, lt_arena *a, lt_buf *out, const char **type,
			    lt_doc_pdf_spot *spot, lt_error *e)
{
	lt_unit issuer, parent, root;
	json_t *doc = NULL;
	const char *recipients, *above = NULL;
	char rec[400];
	int64_t root_id;
	int rc = lt_app_directive_parse_doc(text, &doc, e);

	if (!rc)
		rc = indicator_labels(db, doc, a, e);
	if (!rc)
		rc = lt_unit_get(db, m->issuer_id, a, &issuer, e);
	if (rc)
		goto out;
	/* Names that only decorate the letter: a missing one leaves the line out. */
	root_id = json_integer_value(json_object_get(json_object_get(doc, "recipients"), "unit_id"));
	recipients = lt_directive_recipients_text(
		doc, root_id && !lt_unit_get(db, root_id, a, &root, NULL) ? root.name : NULL, rec,
		sizeof(rec));
	if (issuer.parent_id && !lt_unit_get(db, issuer.parent_id, a, &parent, NULL))
		above = parent.name;
	if (spot) {
		*type = "application/pdf";
		rc = lt_directive_render_pdf_spot(doc, above, issuer.name, recipients, out, spot, e);
	} else {
		rc = lt_directive_render(doc, above, issuer.name, recipients, format ? format : "pdf",
					 out, type, e);
	}
out:
	json_decref(doc);
	return rc;
}

int lt_app_directive_document(lt_db *db, const lt_actor *who, int64_t id, const char *format,
			      lt_arena *a, lt_buf *out, const char **type, lt_error *e)
{
	lt_directive_meta m;
	lt_report_sig sig;
	const char *text = NULL;
	int rc = lt_app_directive_load(db, who, id, a, &m, &text, NULL, e);

	/* A signed document is the PDF as it was signed (directive_sign.c), never a new rendering. */
	if (!rc && (!format || !strcmp(format, "pdf"))) {
		rc = lt_app_directive_sig_current(db, id, text, true, a, &sig, e);
		if (rc == 1) {
			*type = "application/pdf";
			return lt_buf_add(out, sig.pdf, sig.pdf_len)
				       ? lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory")
				       : 0;
		}
	}
	if (!rc)
		rc = lt_app_directive_render(db, &m, text, format, a, out, type, NULL, e);
	return rc;
}

int lt_app_letter_read(const char *data, size_t len, lt_letter **out, lt_error *e)
{
	lt_buf text;
	int rc = 0;

	*out = NULL;
	lt_buf_init(&text, 4u << 20);
	if (!len)
		rc = lt_error_set(e, LT_EINVAL, "body", "Hãy gửi nội dung công văn (văn bản hoặc .docx)",
				  "Send the letter as plain text or .docx");
	if (!rc && lt_docx_is_zip(data, len)) {
		rc = lt_docx_text(data, len, &text, e);
		data = lt_buf_cstr(&text);
		len = text.len;
	}
	if (!rc)
		rc = lt_letter_parse(data, len, out, e);
	lt_buf_free(&text);
	return rc;
}

int lt_app_directive_parse(lt_db *db, const lt_actor *who, const char *data, size_t len,
			   bool save, json_t **out, int64_t *id, lt_error *e)
{
	lt_directive_new base = { .kind = "directive" };
	lt_letter *l = NULL;
	json_t *doc = NULL, *notes = NULL, *checked = NULL;
	int rc = lt_actor_need_role(who, LT_ROLE_CADRE, e);

	*out = NULL;
	*id = 0;
	if (!rc)
		rc = lt_app_letter_read(data, len, &l, e);
	if (rc)
		goto out;
	doc = lt_letter_to_directive(l, who->unit_id, &notes);
	if (save && !lt_actor_at_least(who, LT_ROLE_OFFICER))
		rc = lt_error_set(e, LT_EFORBIDDEN, NULL, "Chỉ cán bộ liên đoàn được tạo công văn",
				  "Only officers may create directives");
	if (!rc && save)
		rc = lt_directive_check(doc, false, &checked, e);
	base.issuer_id = who->unit_id;
	if (!rc && save)
		rc = lt_app_directive_insert(db, who, checked, &base, id, e);
	if (!rc)
		*out = json_pack("{s:o,s:O,s:O}", "letter", lt_letter_to_json(l), "directive", doc,
				 "notes", notes);
	if (!rc && *id)
		json_object_set_new(*out, "id", json_integer(*id));
out:
	json_decref(doc);
	json_decref(notes);
	json_decref(checked);
	lt_letter_free(l);
	return rc;
}

int lt_app_directive_import(lt_db *db, const lt_actor *who, const char *data, size_t len,
			    int64_t issuer_id, bool issue, lt_arena *a, lt_directive_view *out,
			    json_t **notes, lt_error *e)
{
	lt_directive_draft in = { .issuer_id = issuer_id, .issue = issue };
	lt_letter *l = NULL;
	json_error_t jerr;
	int rc = 0;

	*notes = NULL;
	if (out)
		memset(out, 0, sizeof(*out));
	if (len && data[0] == '{') {
		in.doc = json_loadb(data, len, JSON_REJECT_DUPLICATES, &jerr);
		if (!in.doc)
			rc = lt_error_set(e, LT_EINVAL, "FILE", "JSON lỗi ở dòng %d: %s",
					  "Invalid JSON on line %d: %s", jerr.line, jerr.text);
	} else {
		rc = lt_app_letter_read(data, len, &l, e);
		if (!rc)
			in.doc = lt_letter_to_directive(l, issuer_id ? issuer_id : who->unit_id, notes);
	}
	if (!rc)
		rc = lt_app_directive_create(db, who, &in, a, out, e);
	json_decref(in.doc);
	lt_letter_free(l);
	return rc;
}
