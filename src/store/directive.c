/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* directive.c — drafts, issue and recipients; see directive.h. */
#include "store/directive.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/directive.h"
#include "core/tree.h"
#include "store/audit.h"
#include "store/store.h"
#include "store/unit.h"
#include "text/fold.h"

static const char *or_empty(const char *s)
{
	return s ? s : "";
}

/* Folded text searched by the list: number, subject, motto, themes and items. */
static char *search_text(json_t *doc)
{
	lt_buf b;
	json_t *t, *it;
	size_t i, j;
	char *fold;

	lt_buf_init(&b, 4u << 20);
	lt_buf_putf(&b, "%s %s %s", or_empty(json_string_value(json_object_get(doc, "number"))),
		    or_empty(json_string_value(json_object_get(doc, "subject"))),
		    or_empty(json_string_value(json_object_get(doc, "motto"))));
	json_array_foreach(json_object_get(doc, "themes"), i, t) {
		lt_buf_putf(&b, " %s", json_string_value(json_object_get(t, "title")));
		json_array_foreach(json_object_get(t, "items"), j, it)
			lt_buf_putf(&b, " %s", json_string_value(it));
	}
	fold = lt_buf_error(&b) ? NULL : lt_text_fold(lt_buf_cstr(&b), b.len);
	lt_buf_free(&b);
	return fold;
}

/* Rewrite the theme and indicator rows of a draft from its document. */
static int write_parts(lt_db *db, int64_t id, json_t *doc, lt_error *e)
{
	lt_stmt *st = NULL;
	json_t *t, *x;
	size_t i;
	int rc;

	rc = lt_db_prepare(db, "DELETE FROM directive_theme WHERE directive_id = $1", &st, e);
	if (!rc) {
		lt_stmt_bind_int(st, 1, id);
		rc = lt_stmt_run(st, e);
	}
	if (!rc)
		rc = lt_db_prepare(db, "DELETE FROM directive_indicator WHERE directive_id = $1", &st, e);
	if (!rc) {
		lt_stmt_bind_int(st, 1, id);
		rc = lt_stmt_run(st, e);
	}
	json_array_foreach(json_object_get(doc, "themes"), i, t) {
		char *items;
		if (rc)
			break;
		rc = lt_db_prepare(db,
				   "INSERT INTO directive_theme(directive_id, pos, title, items)"
				   " VALUES ($1, $2, $3, $4)",
				   &st, e);
		if (rc)
			break;
		items = json_dumps(json_object_get(t, "items"), JSON_COMPACT);
		lt_stmt_bind_int(st, 1, id);
		lt_stmt_bind_int(st, 2, (int64_t)i + 1);
		lt_stmt_bind_text(st, 3, json_string_value(json_object_get(t, "title")));
		lt_stmt_bind_text(st, 4, items ? items : "[]");
		free(items);
		rc = lt_stmt_run(st, e);
	}
	json_array_foreach(json_object_get(doc, "indicators"), i, x) {
		if (rc)
			break;
		rc = lt_db_prepare(db,
				   "INSERT INTO directive_indicator(directive_id, code, pos)"
				   " VALUES ($1, $2, $3)",
				   &st, e);
		if (rc)
			break;
		lt_stmt_bind_int(st, 1, id);
		lt_stmt_bind_text(st, 2, json_string_value(x));
		lt_stmt_bind_int(st, 3, (int64_t)i + 1);
		rc = lt_stmt_run(st, e);
		if (rc == LT_EEXIST)
			rc = lt_error_set(e, LT_EINVAL, "indicators", "Chỉ tiêu %s bị lặp",
					  "Indicator %s is listed twice", json_string_value(x));
	}
	return rc;
}

/* Bind the scalar columns shared by insert and update: $2.. */
static void bind_doc(lt_stmt *st, json_t *doc, const char *text, const char *fold)
{
	lt_stmt_bind_text(st, 2, json_string_value(json_object_get(doc, "number")));
	lt_stmt_bind_text(st, 3, json_string_value(json_object_get(doc, "date")));
	lt_stmt_bind_text(st, 4, json_string_value(json_object_get(doc, "subject")));
	lt_stmt_bind_text(st, 5, json_string_value(json_object_get(doc, "report_deadline")));
	lt_stmt_bind_text(st, 6, text);
	lt_stmt_bind_text(st, 7, fold);
	lt_stmt_bind_int(st, 8, lt_now());
}

int lt_directive_create(lt_db *db, int64_t issuer, json_t *doc, const char *kind,
			int64_t amends_id, int64_t implements_id, int64_t actor, int64_t *id,
			lt_error *e)
{
	lt_stmt *st = NULL;
	char *text = json_dumps(doc, JSON_COMPACT), *fold = search_text(doc);
	int64_t made = 0;
	int rc;

	if (!text || !fold) {
		rc = lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
		goto out;
	}
	rc = lt_db_begin(db, e);
	if (rc)
		goto out;
	rc = lt_db_prepare(db,
			   "INSERT INTO directive(issuer_id, number, date, subject, report_deadline,"
			   " doc, search_fold, created_at, updated_at, kind, amends_id, implements_id,"
			   " created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $9, $10, $11, $12)"
			   " RETURNING id",
			   &st, e);
	if (rc)
		goto fail;
	lt_stmt_bind_int(st, 1, issuer);
	bind_doc(st, doc, text, fold);
	lt_stmt_bind_text(st, 9, kind);
	lt_stmt_bind_id(st, 10, amends_id);
	lt_stmt_bind_id(st, 11, implements_id);
	lt_stmt_bind_id(st, 12, actor);
	rc = lt_stmt_step(st, e);
	if (rc == 1)
		made = lt_stmt_int(st, 0);
	lt_stmt_done(st);
	if (rc < 0)
		goto fail;
	rc = write_parts(db, made, doc, e);
	if (!rc)
		rc = lt_audit(db, actor, "create", "directive", made, NULL, e);
	if (rc)
		goto fail;
	rc = lt_db_commit(db, e);
	if (!rc && id)
		*id = made;
	goto out;
fail:
	lt_db_rollback(db);
out:
	free(text);
	free(fold);
	return rc;
}

int lt_directive_get(lt_db *db, int64_t id, lt_arena *a, lt_directive_meta *m, json_t **doc,
		     lt_error *e)
{
	lt_stmt *st = NULL;
	json_error_t jerr;
	int rc = lt_db_prepare(db,
			       "SELECT d.id, d.issuer_id, d.amends_id, d.implements_id, d.created_at,"
			       " d.issued_at, d.status, d.kind, u.code, u.name, u.path, u.email, d.doc"
			       " FROM directive d JOIN unit u ON u.id = d.issuer_id WHERE d.id = $1",
			       &st, e);

	if (doc)
		*doc = NULL;
	if (rc)
		return rc;
	lt_stmt_bind_int(st, 1, id);
	rc = lt_stmt_step(st, e);
	if (rc == 1) {
		memset(m, 0, sizeof(*m));
		m->id = lt_stmt_int(st, 0);
		m->issuer_id = lt_stmt_int(st, 1);
		m->amends_id = lt_stmt_is_null(st, 2) ? 0 : lt_stmt_int(st, 2);
		m->implements_id = lt_stmt_is_null(st, 3) ? 0 : lt_stmt_int(st, 3);
		m->created_at = lt_stmt_int(st, 4);
		m->issued_at = lt_stmt_is_null(st, 5) ? 0 : lt_stmt_int(st, 5);
		m->status = lt_arena_strdup(a, lt_stmt_text(st, 6));
		m->kind = lt_arena_strdup(a, lt_stmt_text(st, 7));
		m->issuer_code = lt_arena_strdup(a, lt_stmt_text(st, 8));
		m->issuer_name = lt_arena_strdup(a, lt_stmt_text(st, 9));
		m->issuer_path = lt_arena_strdup(a, lt_stmt_text(st, 10));
		m->issuer_email = lt_arena_strdup(a, lt_stmt_text(st, 11));
		if (doc)
			*doc = json_loads(lt_stmt_text(st, 12), 0, &jerr);
	}
	lt_stmt_done(st);
	if (rc == 0)
		return lt_error_set(e, LT_ENOTFOUND, "id", "Không có công văn #%" PRId64,
				    "No directive #%" PRId64, id);
	if (rc < 0)
		return rc;
	if (doc && !*doc)
		return lt_error_set(e, LT_EDB, "doc", "Nội dung công văn hỏng", "Corrupt directive");
	return 0;
}

int lt_directive_update(lt_db *db, int64_t id, json_t *doc, int64_t actor, lt_error *e)
{
	lt_arena a;
	lt_directive_meta m;
	lt_stmt *st = NULL;
	char *text = json_dumps(doc, JSON_COMPACT), *fold = search_text(doc);
	int rc;

	lt_arena_init(&a);
	rc = (!text || !fold) ? lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory")
			      : lt_db_begin(db, e);
	if (rc)
		goto out;
	rc = lt_directive_get(db, id, &a, &m, NULL, e);
	if (!rc && strcmp(m.status, "draft"))
		rc = lt_error_set(e, LT_ECONFLICT, "status",
				  "Công văn đã ban hành thì không sửa được; hãy ban hành văn bản đính chính",
				  "An issued directive cannot change; issue an amendment instead");
	if (!rc)
		rc = lt_db_prepare(db,
				   "UPDATE directive SET number = $2, date = $3, subject = $4,"
				   " report_deadline = $5, doc = $6, search_fold = $7, updated_at = $8"
				   " WHERE id = $1",
				   &st, e);
	if (!rc) {
		lt_stmt_bind_int(st, 1, id);
		bind_doc(st, doc, text, fold);
		rc = lt_stmt_run(st, e);
	}
	if (!rc)
		rc = write_parts(db, id, doc, e);
	if (!rc)
		rc = lt_audit(db, actor, "update", "directive", id, NULL, e);
	if (rc) {
		lt_db_rollback(db);
		goto out;
	}
	rc = lt_db_commit(db, e);
out:
	free(text);
	free(fold);
	lt_arena_free(&a);
	return rc;
}

int lt_directive_themes(lt_db *db, int64_t id, json_t **out, lt_error *e)
{
	lt_stmt *st = NULL;
	json_t *arr = json_array();
	int rc = lt_db_prepare(db,
			       "SELECT id, pos, title, items FROM directive_theme WHERE directive_id = $1"
			       " ORDER BY pos",
			       &st, e);

	*out = NULL;
	if (rc) {
		json_decref(arr);
		return rc;
	}
	lt_stmt_bind_int(st, 1, id);
	while ((rc = lt_stmt_step(st, e)) == 1) {
		json_t *items = json_loads(lt_stmt_text(st, 3), 0, NULL);
		json_array_append_new(arr, json_pack("{s:I,s:I,s:s,s:o}", "id",
						     (json_int_t)lt_stmt_int(st, 0), "pos",
						     (json_int_t)lt_stmt_int(st, 1), "title",
						     lt_stmt_text(st, 2), "items",
						     items ? items : json_array()));
	}
	lt_stmt_done(st);
	if (rc < 0) {
		json_decref(arr);
		return rc;
	}
	*out = arr;
	return 0;
}

int lt_directive_find(lt_db *db, const char *ref, int64_t *id, lt_error *e)
{
	lt_stmt *st = NULL;
	char num[128], *end;
	long long v = strtoll(ref, &end, 10);
	int64_t found = 0;
	int n = 0, rc;

	if (*ref && !*end && v > 0) {
		*id = v;
		return 0;
	}
	snprintf(num, sizeof(num), "%s", ref);
	lt_directive_number_normalise(num);
	rc = lt_db_prepare(db, "SELECT id FROM directive WHERE number = $1 ORDER BY id", &st, e);
	if (rc)
		return rc;
	lt_stmt_bind_text(st, 1, num);
	while ((rc = lt_stmt_step(st, e)) == 1) {
		found = lt_stmt_int(st, 0);
		n++;
	}
	lt_stmt_done(st);
	if (rc < 0)
		return rc;
	if (n == 0)
		return lt_error_set(e, LT_ENOTFOUND, "directive", "Không có công văn số %s",
				    "No directive numbered %s", num);
	if (n > 1)
		return lt_error_set(e, LT_ECONFLICT, "directive",
				    "Có %d công văn số %s: hãy dùng mã số (id)",
				    "%d directives are numbered %s: use the id", n, num);
	*id = found;
	return 0;
}
