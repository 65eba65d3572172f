/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* edxml.c — the rows of edXML messages received; see edxml.h. */
#include "store/edxml.h"

#include <string.h>

#include "core/tree.h"
#include "store/store.h"
#include "store/unit_int.h" /* lt_store_grow */

int lt_edxml_add(lt_db *db, const lt_edxml_row *r, int64_t *id, lt_error *e)
{
	int rc;

	*id = 0;
	rc = lt_db_int(db,
		       "INSERT INTO edxml_message (kind, document_id, directive_id, unit_id,"
		       " from_organ, priority, due_date, status_code, file_name, file_type, file,"
		       " file_sha256, imported_by, imported_at, applied, not_applied)"
		       " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15,"
		       " $16)"
		       " RETURNING id",
		       id, e, LT_T(r->kind), LT_T(r->document_id), LT_I(r->directive_id),
		       LT_I(r->unit_id), LT_T(r->from_organ), LT_I(r->priority),
		       LT_OT(r->due_date), LT_OT(r->status_code), LT_OT(r->file_name),
		       LT_OT(r->file_type),
		       r->file_name ? LT_BLOB(r->file ? (const void *)r->file : "", r->file_len)
				    : LT_NULL,
		       LT_OT(r->file_sha256), LT_ID(r->imported_by), LT_I(r->imported_at),
		       r->applied < 0 ? LT_NULL : LT_I(r->applied), LT_OT(r->not_applied));
	return rc < 0 ? rc : 0;
}

/*
 * Columns 0..13 of a message (id, kind, document_id, directive_id, unit_id,
 * from_organ, priority, due_date, status_code, file_name, file_type,
 * file_sha256, imported_by, imported_at) into r, strings in a.
 */
static void read_head(lt_stmt *st, lt_arena *a, lt_edxml_row *r)
{
	r->id = lt_stmt_int(st, 0);
	r->kind = lt_arena_strdup(a, lt_stmt_text(st, 1));
	r->document_id = lt_arena_strdup(a, lt_stmt_text(st, 2));
	r->directive_id = lt_stmt_int(st, 3);
	r->unit_id = lt_stmt_int(st, 4);
	r->from_organ = lt_arena_strdup(a, lt_stmt_text(st, 5));
	r->priority = (int)lt_stmt_int(st, 6);
	r->due_date = lt_arena_strdup(a, lt_stmt_text(st, 7));
	r->status_code = lt_arena_strdup(a, lt_stmt_text(st, 8));
	r->file_name = lt_arena_strdup(a, lt_stmt_text(st, 9));
	r->file_type = lt_arena_strdup(a, lt_stmt_text(st, 10));
	r->file_sha256 = lt_arena_strdup(a, lt_stmt_text(st, 11));
	r->imported_by = lt_stmt_is_null(st, 12) ? 0 : lt_stmt_int(st, 12);
	r->imported_at = lt_stmt_int(st, 13);
}

/* The attachment's bytes in column col (NULL: none) into out, copied into a. */
static void read_file(lt_stmt *st, int col, lt_arena *a, lt_edxml_row *out)
{
	size_t n = 0;
	const void *p;
	uint8_t *copy;

	if (lt_stmt_is_null(st, col))
		return;
	p = lt_stmt_blob(st, col, &n);
	copy = lt_arena_alloc(a, n ? n : 1);
	if (copy && n)
		memcpy(copy, p, n);
	out->file = copy;
	out->file_len = n;
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
		read_head(st, a, out);
		if (with_file)
			read_file(st, 14, a, out);
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

int lt_edxml_add_recipient(lt_db *db, int64_t id, int64_t unit, lt_error *e)
{
	return lt_db_run(db,
			 "INSERT INTO edxml_recipient(message_id, unit_id) VALUES ($1, $2)"
			 " ON CONFLICT (message_id, unit_id) DO NOTHING",
			 e, LT_I(id), LT_I(unit));
}

#define LIST_COLS                                                                            \
	"SELECT m.id, m.kind, m.document_id, m.directive_id, m.unit_id, m.from_organ,"        \
	" m.priority, m.due_date, m.status_code, m.file_name, m.file_type, m.file_sha256,"    \
	" m.imported_by, m.imported_at, d.number, u.code, u.name,"                            \
	" CASE WHEN m.file IS NULL THEN 0 ELSE length(m.file) END, m.applied, m.not_applied"

#define LIST_FROM                                                                            \
	" FROM edxml_message m JOIN directive d ON d.id = m.directive_id"                      \
	" JOIN unit u ON u.id = m.unit_id"

/* Addressed to a unit of the subtree [$lo, $hi). */
#define ADDRESSED(lo, hi)                                                                    \
	" EXISTS (SELECT 1 FROM edxml_recipient t JOIN unit x ON x.id = t.unit_id"            \
	"  WHERE t.message_id = m.id AND x.path >= " lo " AND x.path < " hi ")"

static void read_row(lt_stmt *st, lt_arena *a, lt_edxml_row *r)
{
	memset(r, 0, sizeof(*r));
	read_head(st, a, r);
	r->directive_number = lt_arena_strdup(a, lt_stmt_text(st, 14));
	r->unit_code = lt_arena_strdup(a, lt_stmt_text(st, 15));
	r->unit_name = lt_arena_strdup(a, lt_stmt_text(st, 16));
	r->file_bytes = lt_stmt_int(st, 17);
	r->applied = lt_stmt_is_null(st, 18) ? -1 : (int)lt_stmt_int(st, 18);
	r->not_applied = lt_arena_strdup(a, lt_stmt_text(st, 19));
}

int lt_edxml_list(lt_db *db, const lt_edxml_filter *f, lt_arena *a, lt_edxml_row **items,
		  size_t *n, lt_error *e)
{
	char hi[LT_PATH_MAX];
	lt_stmt *st = NULL;
	lt_edxml_row *arr = NULL;
	size_t cnt = 0, cap = 0;
	int rc;

	*items = NULL;
	*n = 0;
	lt_tree_path_end(f->path, hi);
	rc = lt_db_query(db,
			 LIST_COLS LIST_FROM " WHERE" ADDRESSED("$1", "$2")
			 " AND ($3 = 0 OR m.id < $3) AND ($4 = 0 OR m.directive_id = $4)"
			 " AND ($5 = '' OR m.kind = $5)"
			 " AND ($6 = 0 OR m.unit_id = $6 OR EXISTS (SELECT 1 FROM edxml_recipient w"
			 "  WHERE w.message_id = m.id AND w.unit_id = $6))"
			 " ORDER BY m.id DESC LIMIT $7",
			 &st, e, LT_T(f->path), LT_T(hi), LT_I(f->before), LT_I(f->directive),
			 LT_T(f->kind ? f->kind : ""), LT_I(f->unit), LT_I(f->max));
	if (rc)
		return rc;
	while ((rc = lt_stmt_step(st, e)) == 1) {
		arr = lt_store_grow(a, arr, cnt, &cap, sizeof(*arr));
		if (!arr) {
			rc = lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
			break;
		}
		read_row(st, a, &arr[cnt++]);
	}
	lt_stmt_done(st);
	if (rc < 0)
		return rc;
	if (lt_arena_failed(a))
		return lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	*items = arr;
	*n = cnt;
	return 0;
}

int lt_edxml_get(lt_db *db, int64_t id, const char *path, bool with_file, lt_arena *a,
		 lt_edxml_row *out, lt_error *e)
{
	char hi[LT_PATH_MAX];
	lt_stmt *st = NULL;
	int rc;

	memset(out, 0, sizeof(*out));
	lt_tree_path_end(path, hi);
	rc = lt_db_row(db, LIST_COLS ", CASE WHEN $4 = 1 THEN m.file END" LIST_FROM
			   " WHERE m.id = $3 AND" ADDRESSED("$1", "$2"),
		       &st, e, LT_T(path), LT_T(hi), LT_I(id), LT_I(with_file ? 1 : 0));
	if (rc == 1) {
		read_row(st, a, out);
		if (with_file)
			read_file(st, 20, a, out);
	}
	lt_stmt_done(st);
	if (rc == 1 && lt_arena_failed(a))
		return lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	return rc;
}
