/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * edxml_list.c — the edXML messages received, found again: a page of them,
 * one's metadata, one's attachment (the PDF a report came with); see
 * edxml.h. A message is seen by whoever reads a unit it was addressed to.
 */
#include <string.h>

#include "app/edxml.h"
#include "app/unit.h"
#include "core/page.h"
#include "store/edxml.h"

int lt_app_edxml_list(lt_db *db, const lt_actor *who, const lt_edxml_query *q,
		      const lt_page *pg, lt_arena *a, lt_edxml_row **items, size_t *n,
		      const char **next, lt_error *e)
{
	lt_edxml_filter f = { .path = who->unit_path, .directive = q->directive,
			      .kind = q->kind && *q->kind ? q->kind : NULL, .unit = q->unit };
	lt_unit u;
	int rc = lt_actor_need_role(who, LT_ROLE_CADRE, e);

	*items = NULL;
	*n = 0;
	*next = NULL;
	if (!rc && f.kind && strcmp(f.kind, "directive") && strcmp(f.kind, "report") &&
	    strcmp(f.kind, "status"))
		rc = lt_error_set(e, LT_EINVAL, "kind", "kind phải là directive, report hoặc status",
				  "kind must be directive, report or status");
	if (!rc && q->directive < 0)
		rc = lt_error_set(e, LT_EINVAL, "directive", "Mã công văn không hợp lệ",
				  "Not a directive id");
	/* A unit named must be one the actor reads: no probing outside the subtree. */
	if (!rc && q->unit)
		rc = lt_app_unit_in_scope(db, who, q->unit, a, &u, e);
	if (!rc && !who->unit_path)
		rc = lt_error_set(e, LT_EFORBIDDEN, NULL, "Không có quyền", "Not allowed");
	if (!rc)
		rc = lt_page_cursor_id(pg, &f.before, &f.max, e);
	if (!rc && !f.max)
		f.max = LT_PAGE_MAX;
	if (!rc)
		rc = lt_edxml_list(db, &f, a, items, n, e);
	if (!rc)
		rc = lt_page_next_id(pg, n, pg && *n > (size_t)pg->limit ? (*items)[pg->limit - 1].id : 0,
				     a, next, e);
	return rc;
}

int lt_app_edxml_message(lt_db *db, const lt_actor *who, int64_t id, bool with_file,
			 lt_arena *a, lt_edxml_row *out, lt_error *e)
{
	int rc = lt_actor_need_role(who, LT_ROLE_CADRE, e);

	if (!rc && who->unit_path)
		rc = lt_edxml_get(db, id, who->unit_path, with_file, a, out, e);
	/* Not addressed to the subtree (or no subtree) reads as absent: its existence is not told. */
	if (rc == 0)
		return lt_error_set(e, LT_ENOTFOUND, "id", "Không có thông điệp này",
				    "No such message");
	if (rc == 1 && with_file && !out->file_name)
		return lt_error_set(e, LT_ENOTFOUND, "attachment",
				    "Thông điệp này không kèm tệp", "This message has no attachment");
	return rc < 0 ? rc : 0;
}

json_t *lt_app_edxml_message_json(const lt_edxml_row *r)
{
	json_t *j = json_pack("{s:I, s:s, s:s, s:I, s:s?, s:{s:I, s:s?, s:s?}, s:s?, s:i, s:s?, s:s?,"
			 " s:s?, s:s?, s:s?, s:I, s:I, s:b}",
			 "id", (json_int_t)r->id, "kind", r->kind, "document_id", r->document_id,
			 "directive_id", (json_int_t)r->directive_id, "directive_number",
			 r->directive_number, "from", "id", (json_int_t)r->unit_id, "code",
			 r->unit_code, "name", r->unit_name, "from_organ", r->from_organ,
			 "priority", r->priority, "due_date", r->due_date, "status_code",
			 r->status_code, "file_name", r->file_name, "file_type", r->file_type,
			 "file_sha256", r->file_sha256, "file_bytes", (json_int_t)r->file_bytes,
			 "imported_at", (json_int_t)r->imported_at, "has_attachment",
			 r->file_name != NULL);

	if (j && r->applied >= 0)
		json_object_set_new(j, "applied", json_boolean(r->applied));
	if (j && r->applied == 0 && r->not_applied)
		json_object_set_new(j, "not_applied", json_string(r->not_applied));
	return j;
}

json_t *lt_app_edxml_list_json(const lt_edxml_row *items, size_t n, const char *next)
{
	json_t *arr = json_array();

	for (size_t i = 0; arr && i < n; i++)
		json_array_append_new(arr, lt_app_edxml_message_json(&items[i]));
	return json_pack("{s:o, s:s?}", "items", arr ? arr : json_array(), "next_cursor", next);
}
