/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* directive.c — drafts: insert, replace, load, themes, find; see directive.h. */
#include "store/directive.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/audit.h"
#include "store/store.h"
#include "store/unit_int.h"
#include "text/fold.h"

/* Rewrite the theme and indicator rows of a draft from its parts. */
static int write_parts(lt_db *db, int64_t id, const lt_directive_parts *p, lt_error *e)
{
	int rc = lt_db_run(db, "DELETE FROM directive_theme WHERE directive_id = $1", e, LT_I(id));

	if (!rc)
		rc = lt_db_run(db, "DELETE FROM directive_indicator WHERE directive_id = $1", e,
			       LT_I(id));
	for (size_t i = 0; !rc && i < p->nthemes; i++)
		rc = lt_db_run(db,
			       "INSERT INTO directive_theme(directive_id, pos, title, items)"
			       " VALUES ($1, $2, $3, $4)",
			       e, LT_I(id), LT_I((int64_t)i + 1), LT_T(p->themes[i].title),
			       LT_T(p->themes[i].items ? p->themes[i].items : "[]"));
	for (size_t i = 0; !rc && i < p->nindicators; i++) {
		rc = lt_db_run(db,
			       "INSERT INTO directive_indicator(directive_id, code, pos)"
			       " VALUES ($1, $2, $3)",
			       e, LT_I(id), LT_T(p->indicators[i]), LT_I((int64_t)i + 1));
		if (rc == LT_EEXIST)
			rc = lt_error_set(e, LT_EINVAL, "indicators", "Chỉ tiêu %s bị lặp",
					  "Indicator %s is listed twice", p->indicators[i]);
	}
	return rc;
}

/* The folded search text of p (owned), or NULL with e set. */
static char *search_fold(const lt_directive_parts *p, lt_error *e)
{
	const char *s = p->search ? p->search : "";
	char *fold = lt_text_fold(s, strlen(s));

	if (!fold)
		lt_error_set(e, LT_EINVAL, "subject", "Nội dung không phải UTF-8 hợp lệ",
			     "The text is not valid UTF-8");
	return fold;
}

/* Bind the scalar columns shared by insert and replace: $2..$8. */
static void bind_parts(lt_stmt *st, const lt_directive_parts *p, const char *fold)
{
	lt_stmt_bind_text(st, 2, p->number);
	lt_stmt_bind_text(st, 3, p->date);
	lt_stmt_bind_text(st, 4, p->subject);
	lt_stmt_bind_text(st, 5, p->report_deadline);
	lt_stmt_bind_text(st, 6, p->doc);
	lt_stmt_bind_text(st, 7, fold);
	lt_stmt_bind_int(st, 8, lt_now());
}

int lt_directive_insert(lt_db *db, const lt_directive_new *in, int64_t actor, int64_t *id,
			lt_error *e)
{
	lt_stmt *st = NULL;
	char *fold = search_fold(&in->parts, e);
	int64_t made = 0;
	int rc;

	if (!fold)
		return LT_EINVAL;
	rc = lt_db_begin(db, e);
	if (rc)
		goto out;
	rc = lt_db_prepare(db,
			   "INSERT INTO directive(issuer_id, number, date, subject, report_deadline,"
			   " doc, search_fold, created_at, updated_at, kind, amends_id, implements_id,"
			   " created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $9, $10, $11, $12)"
			   " RETURNING id",
			   &st, e);
	if (!rc) {
		lt_stmt_bind_int(st, 1, in->issuer_id);
		bind_parts(st, &in->parts, fold);
		lt_stmt_bind_text(st, 9, in->kind);
		lt_stmt_bind_id(st, 10, in->amends_id);
		lt_stmt_bind_id(st, 11, in->implements_id);
		lt_stmt_bind_id(st, 12, actor);
		rc = lt_stmt_step(st, e);
		if (rc == 1)
			made = lt_stmt_int(st, 0);
		lt_stmt_done(st);
		rc = rc < 0 ? rc : 0;
	}
	if (!rc)
		rc = write_parts(db, made, &in->parts, e);
	if (!rc)
		rc = lt_audit(db, actor, "create", "directive", made, NULL, e);
	rc = lt_db_end(db, rc, e);
	if (!rc && id)
		*id = made;
out:
	free(fold);
	return rc;
}

int lt_directive_replace(lt_db *db, int64_t id, const lt_directive_parts *p, int64_t actor,
			 lt_error *e)
{
	lt_stmt *st = NULL;
	char *fold = search_fold(p, e);
	int rc;

	if (!fold)
		return LT_EINVAL;
	rc = lt_db_begin(db, e);
	if (rc)
		goto out;
	rc = lt_db_prepare(db,
			   "UPDATE directive SET number = $2, date = $3, subject = $4,"
			   " report_deadline = $5, doc = $6, search_fold = $7, updated_at = $8"
			   " WHERE id = $1 AND status = 'draft'",
			   &st, e);
	if (!rc) {
		lt_stmt_bind_int(st, 1, id);
		bind_parts(st, p, fold);
		rc = lt_stmt_run(st, e);
	}
	if (!rc && lt_db_changes(db) == 0)
		rc = lt_directive_may("issued", LT_DIR_ACT_EDIT, e);
	if (!rc)
		rc = write_parts(db, id, p, e);
	if (!rc)
		rc = lt_audit(db, actor, "update", "directive", id, NULL, e);
	rc = lt_db_end(db, rc, e);
out:
	free(fold);
	return rc;
}

int lt_directive_load(lt_db *db, int64_t id, lt_arena *a, lt_directive_meta *m, const char **doc,
		      lt_error *e)
{
	lt_stmt *st;
	int rc;

	if (doc)
		*doc = NULL;
	rc = lt_db_row(db,
		       "SELECT d.id, d.issuer_id, d.amends_id, d.implements_id, d.created_at,"
		       " d.issued_at, d.status, d.kind, u.code, u.name, u.path, u.email, d.doc, d.number"
		       " FROM directive d JOIN unit u ON u.id = d.issuer_id WHERE d.id = $1",
		       &st, e, LT_I(id));
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
		m->number = lt_arena_strdup(a, lt_stmt_text(st, 13));
		if (doc)
			*doc = lt_arena_strdup(a, lt_stmt_text(st, 12));
	}
	lt_stmt_done(st);
	if (rc == 0)
		return lt_error_set(e, LT_ENOTFOUND, "id", "Không có công văn #%" PRId64,
				    "No directive #%" PRId64, id);
	if (rc < 0)
		return rc;
	if (lt_arena_failed(a))
		return lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	return 0;
}

int lt_directive_theme_list(lt_db *db, int64_t id, lt_arena *a, lt_directive_theme **items,
			    size_t *n, lt_error *e)
{
	lt_stmt *st = NULL;
	lt_directive_theme *arr = NULL;
	size_t cnt = 0, cap = 0;
	int rc;

	*items = NULL;
	*n = 0;
	rc = lt_db_query(db,
			 "SELECT id, pos, title, items FROM directive_theme WHERE directive_id = $1"
			 " ORDER BY pos",
			 &st, e, LT_I(id));
	if (rc)
		return rc;
	while ((rc = lt_stmt_step(st, e)) == 1) {
		lt_directive_theme *t;
		arr = lt_store_grow(a, arr, cnt, &cap, sizeof(*arr));
		if (!arr) {
			rc = lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
			break;
		}
		t = &arr[cnt++];
		t->id = lt_stmt_int(st, 0);
		t->pos = lt_stmt_int(st, 1);
		t->title = lt_arena_strdup(a, lt_stmt_text(st, 2));
		t->items = lt_arena_strdup(a, lt_stmt_text(st, 3));
	}
	lt_stmt_done(st);
	if (rc < 0)
		return rc;
	*items = arr;
	*n = cnt;
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
	rc = lt_db_query(db, "SELECT id FROM directive WHERE number = $1 ORDER BY id", &st, e,
			 LT_T(num));
	if (rc)
		return rc;
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
