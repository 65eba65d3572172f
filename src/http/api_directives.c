/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * api_directives.c — directives over HTTP: drafts, issue, amendments,
 * cascade, inbox and receipts, the implementing chain, and letter import.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/access.h"
#include "core/directive.h"
#include "http/api.h"
#include "store/directive.h"
#include "render/directive_doc.h"
#include "store/unit.h"
#include "text/docx_text.h"
#include "text/letter.h"
#include "text/letter_directive.h"

/* Load directive params[0] with the caller's standing; refuse when it has none. */
static int load(lt_http_req *req, lt_directive_meta *m, json_t **doc, int *acc)
{
	int rc = lt_directive_get(req->db, req->params[0], &req->arena, m, doc, &req->err);

	if (rc)
		return rc;
	*acc = lt_directive_access(req->db, m, req->user.unit_id, req->user.unit_path);
	if (*acc == LT_DIR_NONE) {
		if (doc) {
			json_decref(*doc);
			*doc = NULL;
		}
		/* Same answer as a missing one: a sibling's drafts are not even named. */
		return lt_error_set(&req->err, LT_ENOTFOUND, "id", "Không có công văn #%lld",
				    "No directive #%lld", (long long)req->params[0]);
	}
	return 0;
}

/* Officers and admins of the issuing side may change a directive. */
static int need_issuer_officer(lt_http_req *req, int acc)
{
	if (acc != LT_DIR_ISSUER || lt_role_rank(req->user.role) < 2)
		return lt_req_fail(req, LT_EFORBIDDEN, "id",
				   "Chỉ cán bộ của đơn vị ban hành được làm việc này",
				   "Only officers of the issuing unit may do this");
	return 0;
}

static json_t *meta_json(const lt_directive_meta *m, json_t *doc)
{
	json_t *j = json_deep_copy(doc);

	json_object_set_new(j, "id", json_integer(m->id));
	json_object_set_new(j, "status", json_string(m->status));
	json_object_set_new(j, "kind", json_string(m->kind));
	json_object_set_new(j, "issuer", json_pack("{s:I,s:s,s:s}", "id", (json_int_t)m->issuer_id,
						   "code", m->issuer_code, "name", m->issuer_name));
	json_object_set_new(j, "amends_id", m->amends_id ? json_integer(m->amends_id) : json_null());
	json_object_set_new(j, "implements_id",
			    m->implements_id ? json_integer(m->implements_id) : json_null());
	json_object_set_new(j, "issued_at", m->issued_at ? json_integer(m->issued_at) : json_null());
	return j;
}

int lt_api_directives_list(lt_http_req *req)
{
	lt_directive_filter f = { 0 };
	json_t *items = NULL;
	const char *box = lt_req_query(req, "box");
	int rc;

	f.box = box ? box : "inbox";
	if (strcmp(f.box, "inbox") && strcmp(f.box, "issued"))
		return lt_req_fail(req, LT_EINVAL, "box", "box phải là inbox hoặc issued",
				   "box must be inbox or issued");
	f.unit_id = req->user.unit_id;
	f.unit_path = req->user.unit_path;
	f.q = lt_req_query(req, "q");
	f.state = lt_req_query(req, "state");
	rc = lt_directive_list(req->db, &f, &items, &req->err);
	if (rc)
		return rc;
	return lt_reply_json(req, 200, json_pack("{s:o,s:I}", "items", items, "total",
						 (json_int_t)json_array_size(items)));
}

/* Read {issuer_id?, implements_id?, directive fields…}; check as a draft. */
static int read_draft(lt_http_req *req, int64_t *issuer, json_t **doc)
{
	json_t *b = NULL, *iss;
	int rc;

	*doc = NULL;
	rc = lt_req_json_or_reply(req, (const char *const[]){ "number", "place", "date", "subject",
		"motto", "recipients", "references", "themes", "tasks", "indicators", "contests",
		"report_deadline", "report_email", "signer", "cc", "issuer_id", NULL }, &b);
	if (rc)
		return rc;
	iss = json_object_get(b, "issuer_id");
	if (iss && !json_is_integer(iss)) {
		json_decref(b);
		return lt_req_fail(req, LT_EINVAL, "issuer_id", "issuer_id phải là số nguyên",
				   "issuer_id must be an integer");
	}
	if (issuer && iss)
		*issuer = json_integer_value(iss);
	json_object_del(b, "issuer_id");
	rc = lt_directive_check(b, false, doc, &req->err);
	json_decref(b);
	return rc;
}

int lt_api_directive_create(lt_http_req *req)
{
	int64_t issuer = req->user.unit_id, id = 0;
	lt_unit u;
	json_t *doc = NULL;
	int rc = read_draft(req, &issuer, &doc);

	if (!rc)
		rc = lt_api_unit_in_scope(req, issuer, &u);
	if (rc) {
		if (rc == LT_EFORBIDDEN || rc == LT_ENOTFOUND)
			strcpy(req->err.field, "issuer_id");
		json_decref(doc);
		return rc;
	}
	rc = lt_directive_create(req->db, issuer, doc, "directive", 0, 0, req->user.id, &id,
				 &req->err);
	json_decref(doc);
	if (rc)
		return rc;
	req->params[0] = id;
	rc = lt_api_directive_get(req);
	req->status = rc ? req->status : 201;
	return rc;
}

int lt_api_directive_get(lt_http_req *req)
{
	lt_directive_meta m;
	json_t *doc = NULL, *themes = NULL, *mine = NULL, *out;
	int acc, rc = load(req, &m, &doc, &acc);

	if (rc)
		return rc;
	rc = lt_directive_themes(req->db, m.id, &themes, &req->err);
	if (!rc)
		rc = lt_receipt_get(req->db, m.id, req->user.unit_id, &mine, &req->err);
	/* The first view by a recipient unit is recorded. */
	if (!rc && !json_is_null(mine) && json_is_null(json_object_get(mine, "opened_at"))) {
		rc = lt_receipt_open(req->db, m.id, req->user.unit_id, req->user.id, &req->err);
		json_decref(mine);
		mine = NULL;
		if (!rc)
			rc = lt_receipt_get(req->db, m.id, req->user.unit_id, &mine, &req->err);
	}
	if (rc) {
		json_decref(doc);
		json_decref(themes);
		json_decref(mine);
		return rc;
	}
	out = json_pack("{s:o,s:o,s:o,s:s}", "directive", meta_json(&m, doc), "themes", themes,
			"receipt", mine, "access", acc == LT_DIR_ISSUER ? "issuer" : "reader");
	if (acc == LT_DIR_ISSUER) {
		json_t *items = NULL, *counts = NULL;
		if (!lt_receipt_list(req->db, m.id, NULL, &items, &counts, NULL))
			json_object_set_new(out, "counts", counts);
		json_decref(items);
	}
	json_decref(doc);
	return lt_reply_json(req, 200, out);
}

int lt_api_directive_update(lt_http_req *req)
{
	lt_directive_meta m;
	json_t *doc = NULL;
	int acc, rc = load(req, &m, NULL, &acc);

	if (!rc)
		rc = need_issuer_officer(req, acc);
	if (!rc)
		rc = read_draft(req, NULL, &doc);
	if (!rc)
		rc = lt_directive_update(req->db, m.id, doc, req->user.id, &req->err);
	json_decref(doc);
	return rc ? rc : lt_api_directive_get(req);
}

int lt_api_directive_issue(lt_http_req *req)
{
	lt_directive_meta m;
	const char *dry = lt_req_query(req, "dry_run");
	int64_t n = 0;
	int acc, rc = load(req, &m, NULL, &acc);

	if (!rc)
		rc = need_issuer_officer(req, acc);
	if (!rc && dry && !strcmp(dry, "1")) {
		/*
		 * A rehearsal: issue inside a transaction that is rolled back, so the
		 * officer sees exactly who would receive it (or what is missing).
		 */
		rc = lt_db_begin(req->db, &req->err);
		if (!rc) {
			rc = lt_directive_issue(req->db, m.id, req->user.id, &n, &req->err);
			lt_db_rollback(req->db);
		}
		return rc ? rc : lt_reply_json(req, 200, json_pack("{s:b,s:I}", "dry_run", 1,
								   "recipients", (json_int_t)n));
	}
	if (!rc)
		rc = lt_directive_issue(req->db, m.id, req->user.id, &n, &req->err);
	return rc ? rc : lt_api_directive_get(req);
}

int lt_api_directive_ack(lt_http_req *req)
{
	lt_directive_meta m;
	int acc, rc = load(req, &m, NULL, &acc);

	if (!rc)
		rc = lt_receipt_ack(req->db, m.id, req->user.unit_id, req->user.id, &req->err);
	return rc ? rc : lt_api_directive_get(req);
}

int lt_api_directive_receipts(lt_http_req *req)
{
	lt_directive_meta m;
	json_t *items = NULL, *counts = NULL;
	const char *state = lt_req_query(req, "state");
	int acc, rc = load(req, &m, NULL, &acc);

	if (!rc && acc != LT_DIR_ISSUER)
		rc = lt_req_fail(req, LT_EFORBIDDEN, "id",
				 "Chỉ đơn vị ban hành xem được tình trạng nhận của các đơn vị",
				 "Only the issuing side sees the recipients' receipts");
	if (!rc && state && strcmp(state, "new") && strcmp(state, "opened") &&
	    strcmp(state, "acknowledged") && strcmp(state, "pending"))
		rc = lt_req_fail(req, LT_EINVAL, "state",
				 "state phải là new, opened, acknowledged hoặc pending",
				 "state must be new, opened, acknowledged or pending");
	if (!rc)
		rc = lt_receipt_list(req->db, m.id, state, &items, &counts, &req->err);
	if (rc)
		return rc;
	return lt_reply_json(req, 200, json_pack("{s:o,s:o}", "items", items, "counts", counts));
}

int lt_api_directive_cascade(lt_http_req *req)
{
	lt_directive_meta m;
	int64_t id = 0;
	int acc, rc = load(req, &m, NULL, &acc);

	if (!rc && lt_role_rank(req->user.role) < 2)
		rc = lt_req_fail(req, LT_EFORBIDDEN, "id", "Chỉ cán bộ liên đoàn được triển khai",
				 "Only officers may carry a directive further down");
	if (!rc)
		rc = lt_directive_cascade(req->db, m.id, req->user.unit_id, req->user.id, &id,
					  &req->err);
	if (rc)
		return rc;
	req->params[0] = id;
	rc = lt_api_directive_get(req);
	req->status = rc ? req->status : 201;
	return rc;
}

int lt_api_directive_amend(lt_http_req *req)
{
	lt_directive_meta m;
	json_t *doc = NULL;
	int64_t id = 0;
	int acc, rc = load(req, &m, &doc, &acc);

	if (!rc)
		rc = need_issuer_officer(req, acc);
	if (!rc && strcmp(m.status, "issued"))
		rc = lt_req_fail(req, LT_ECONFLICT, "status", "Bản nháp thì sửa trực tiếp",
				 "A draft is edited directly");
	if (!rc) {
		/* The amendment starts as a copy that cites the amended directive. */
		json_t *refs = json_object_get(doc, "references");
		json_array_insert_new(refs, 0, json_pack("{s:O,s:O,s:s,s:I}", "number",
							 json_object_get(doc, "number"), "date",
							 json_object_get(doc, "date"), "issuer",
							 m.issuer_name, "directive_id",
							 (json_int_t)m.id));
		json_object_set_new(doc, "number", json_null());
		rc = lt_directive_create(req->db, m.issuer_id, doc, "amendment", m.id,
					 m.implements_id, req->user.id, &id, &req->err);
	}
	json_decref(doc);
	if (rc)
		return rc;
	req->params[0] = id;
	rc = lt_api_directive_get(req);
	req->status = rc ? req->status : 201;
	return rc;
}

int lt_api_directive_chain(lt_http_req *req)
{
	lt_directive_meta m;
	json_t *up = NULL, *down = NULL, *self;
	int acc, rc = load(req, &m, NULL, &acc);

	if (!rc)
		rc = lt_directive_chain(req->db, m.id, &up, &down, &req->err);
	if (rc)
		return rc;
	self = json_pack("{s:I,s:{s:I,s:s}}", "id", (json_int_t)m.id, "issuer", "id",
			 (json_int_t)m.issuer_id, "name", m.issuer_name);
	return lt_reply_json(req, 200, json_pack("{s:o,s:o,s:o}", "up", up, "self", self, "down",
						 down));
}

/*
 * POST /api/v1/directives/parse: the body is a letter as plain text or a
 * .docx (told apart by content). ?draft=1 also saves it as a draft.
 */
int lt_api_directive_parse(lt_http_req *req)
{
	lt_letter *l = NULL;
	lt_buf text;
	json_t *doc = NULL, *notes = NULL, *checked = NULL, *out;
	const char *draft = lt_req_query(req, "draft");
	const char *p = req->body;
	size_t n = req->body_len;
	int64_t id = 0;
	int rc;

	lt_buf_init(&text, 4u << 20);
	if (!n) {
		rc = lt_req_fail(req, LT_EINVAL, "body", "Hãy gửi nội dung công văn (văn bản hoặc .docx)",
				 "Send the letter as plain text or .docx");
		goto out;
	}
	if (lt_docx_is_zip(p, n)) {
		rc = lt_docx_text(p, n, &text, &req->err);
		if (rc)
			goto out;
		p = lt_buf_cstr(&text);
		n = text.len;
	}
	rc = lt_letter_parse(p, n, &l, &req->err);
	if (rc)
		goto out;
	doc = lt_letter_to_directive(l, req->user.unit_id, &notes);
	out = json_pack("{s:o,s:O,s:O}", "letter", lt_letter_to_json(l), "directive", doc, "notes",
			notes);
	if (draft && !strcmp(draft, "1")) {
		if (lt_role_rank(req->user.role) < 2) {
			json_decref(out);
			rc = lt_req_fail(req, LT_EFORBIDDEN, NULL, "Chỉ cán bộ liên đoàn được tạo công văn",
					 "Only officers may create directives");
			goto out;
		}
		rc = lt_directive_check(doc, false, &checked, &req->err);
		if (!rc)
			rc = lt_directive_create(req->db, req->user.unit_id, checked, "directive", 0, 0,
						 req->user.id, &id, &req->err);
		if (rc) {
			json_decref(out);
			goto out;
		}
		json_object_set_new(out, "id", json_integer(id));
	}
	rc = lt_reply_json(req, id ? 201 : 200, out);
out:
	json_decref(doc);
	json_decref(notes);
	json_decref(checked);
	lt_letter_free(l);
	lt_buf_free(&text);
	return rc;
}

/* GET /api/v1/directives/{id}/document?format=pdf|docx: the công văn itself. */
int lt_api_directive_document(lt_http_req *req)
{
	lt_directive_meta m;
	lt_unit issuer, parent, root;
	json_t *doc = NULL;
	lt_buf out;
	char rec[400];
	const char *format = lt_req_query(req, "format"), *type = NULL, *recipients = NULL;
	int acc, rc = load(req, &m, &doc, &acc);

	lt_buf_init(&out, 64u << 20);
	if (!rc)
		rc = lt_unit_get(req->db, m.issuer_id, &req->arena, &issuer, &req->err);
	if (!rc && json_integer_value(json_object_get(json_object_get(doc, "recipients"), "unit_id")) &&
	    !lt_unit_get(req->db,
			 json_integer_value(json_object_get(json_object_get(doc, "recipients"), "unit_id")),
			 &req->arena, &root, NULL))
		recipients = lt_directive_recipients_text(doc, root.name, rec, sizeof(rec));
	else if (!rc)
		recipients = lt_directive_recipients_text(doc, NULL, rec, sizeof(rec));
	if (!rc)
		rc = lt_directive_render(doc,
					 issuer.parent_id && !lt_unit_get(req->db, issuer.parent_id,
									  &req->arena, &parent, NULL)
						 ? parent.name
						 : NULL,
					 issuer.name, recipients, format ? format : "pdf", &out, &type,
					 &req->err);
	if (!rc) {
		rc = lt_reply_bytes(req, 200, type, out.ptr, out.len);
		lt_reply_header(req, "Content-Disposition",
				lt_arena_printf(&req->arena, "attachment; filename=\"cong-van-%lld.%s\"",
						(long long)m.id, format ? format : "pdf"));
	}
	json_decref(doc);
	lt_buf_free(&out);
	return rc;
}
