/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* edxml.c — the rows of edXML messages received; see edxml.h. */
#include "store/edxml.h"

#include <string.h>

int lt_edxml_add(lt_db *db, const lt_edxml_row *r, int64_t *id, lt_error *e)
{
	int rc;

	*id = 0;
	rc = lt_db_int(db,
		       "INSERT INTO edxml_message (kind, document_id, directive_id, unit_id,"
		       " from_organ, priority, due_date, status_code, file_name, file_type, file,"
		       " file_sha256, imported_by, imported_at)"
		       " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)"
		       " RETURNING id",
		       id, e, LT_T(r->kind), LT_T(r->document_id), LT_I(r->directive_id),
		       LT_I(r->unit_id), LT_T(r->from_organ), LT_I(r->priority),
		       LT_OT(r->due_date), LT_OT(r->status_code), LT_OT(r->file_name),
		       LT_OT(r->file_type),
		       r->file_name ? LT_BLOB(r->file ? (const void *)r->file : "", r->file_len)
				    : LT_NULL,
		       LT_OT(r->file_sha256), LT_ID(r->imported_by), LT_I(r->imported_at));
	return rc < 0 ? rc : 0;
}

int lt_edxml_latest(lt_db *db, const char *kind, int64_t directive, int64_t unit,
		    bool with_file, lt_arena *a, lt_edxml_row *out, lt_error *e)
{
	lt_stmt *st = NULL;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = lt_db_row(db,
		       "SELECT id, kind, document_id, directive_id, unit_id, from_organ, priority,"
		       " due_date, status_code, file_name, file_type, file_sha256, imported_by,"
		       " imported_at, file FROM edxml_message"
		       " WHERE kind = $1 AND directive_id = $2 AND ($3 = 0 OR unit_id = $3)"
		       " ORDER BY id DESC LIMIT 1",
		       &st, e, LT_T(kind), LT_I(directive), LT_I(unit));
	if (rc == 1) {
		out->id = lt_stmt_int(st, 0);
		out->kind = lt_arena_strdup(a, lt_stmt_text(st, 1));
		out->document_id = lt_arena_strdup(a, lt_stmt_text(st, 2));
		out->directive_id = lt_stmt_int(st, 3);
		out->unit_id = lt_stmt_int(st, 4);
		out->from_organ = lt_arena_strdup(a, lt_stmt_text(st, 5));
		out->priority = (int)lt_stmt_int(st, 6);
		out->due_date = lt_arena_strdup(a, lt_stmt_text(st, 7));
		out->status_code = lt_arena_strdup(a, lt_stmt_text(st, 8));
		out->file_name = lt_arena_strdup(a, lt_stmt_text(st, 9));
		out->file_type = lt_arena_strdup(a, lt_stmt_text(st, 10));
		out->file_sha256 = lt_arena_strdup(a, lt_stmt_text(st, 11));
		out->imported_by = lt_stmt_is_null(st, 12) ? 0 : lt_stmt_int(st, 12);
		out->imported_at = lt_stmt_int(st, 13);
		if (with_file && !lt_stmt_is_null(st, 14)) {
			size_t n = 0;
			const void *p = lt_stmt_blob(st, 14, &n);
			uint8_t *copy = lt_arena_alloc(a, n ? n : 1);

			if (copy && n)
				memcpy(copy, p, n);
			out->file = copy;
			out->file_len = n;
		}
	}
	lt_stmt_done(st);
	if (rc == 1 && lt_arena_failed(a))
		return lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	return rc;
}

int lt_edxml_find_directive(lt_db *db, const char *number, const char *organ, const char *date,
			    int64_t *id, lt_error *e)
{
	*id = 0;
	return lt_db_int(db,
			 "SELECT d.id FROM directive d JOIN unit u ON u.id = d.issuer_id"
			 " WHERE d.number = $1 AND u.code = $2 AND d.date = $3"
			 " ORDER BY CASE WHEN d.status = 'issued' THEN 0 ELSE 1 END, d.id LIMIT 1",
			 id, e, LT_T(number), LT_T(organ), LT_T(date));
}

int lt_edxml_imported(lt_db *db, const char *document_id, int64_t *id, lt_error *e)
{
	*id = 0;
	return lt_db_int(db,
			 "SELECT directive_id FROM edxml_message WHERE kind = 'directive'"
			 " AND document_id = $1 ORDER BY id LIMIT 1",
			 id, e, LT_T(document_id));
}
