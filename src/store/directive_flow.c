/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * directive_flow.c — a directive on its way down: issue to recipients,
 * receipts (received, opened, acknowledged), listing, cascade to the next
 * level and the implementing chain. See directive.h.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/directive.h"
#include "core/tree.h"
#include "store/audit.h"
#include "store/directive.h"
#include "store/store.h"
#include "store/unit.h"
#include "text/fold.h"

/* Insert a receipt for unit if it lies in the issuer's subtree and is active. */
static int add_receipt(lt_db *db, int64_t id, int64_t unit, const char *issuer_path,
		       int64_t now, int64_t *n, lt_error *e)
{
	lt_stmt *st = NULL;
	char end[LT_PATH_MAX];
	int rc;

	lt_tree_path_end(issuer_path, end);
	rc = lt_db_prepare(db,
			   "INSERT INTO receipt(directive_id, unit_id, received_at)"
			   " SELECT $1, id, $2 FROM unit WHERE id = $3 AND active_to IS NULL"
			   " AND path > $4 AND path < $5",
			   &st, e);
	if (rc)
		return rc;
	lt_stmt_bind_int(st, 1, id);
	lt_stmt_bind_int(st, 2, now);
	lt_stmt_bind_int(st, 3, unit);
	lt_stmt_bind_text(st, 4, issuer_path);
	lt_stmt_bind_text(st, 5, end);
	rc = lt_stmt_run(st, e);
	if (rc == LT_EEXIST)
		return 0; /* listed twice */
	if (rc)
		return rc;
	if (lt_db_changes(db) == 0)
		return lt_error_set(e, LT_EINVAL, "recipients.unit_ids",
				    "Đơn vị #%" PRId64 " không thuộc phạm vi đơn vị ban hành hoặc đã giải thể",
				    "Unit #%" PRId64 " is not an active unit below the issuer", unit);
	(*n)++;
	return 0;
}

/* Receipts for every unit of a rule: grassroots under X, or X's children. */
static int add_receipts_rule(lt_db *db, int64_t id, const char *mode, int64_t root,
			     const char *issuer_path, int64_t now, int64_t *n, lt_error *e)
{
	lt_arena a;
	lt_unit r;
	lt_stmt *st = NULL;
	char end[LT_PATH_MAX];
	int rc;

	lt_arena_init(&a);
	rc = lt_unit_get(db, root, &a, &r, e);
	if (rc) {
		if (e)
			snprintf(e->field, sizeof(e->field), "recipients.unit_id");
		goto out;
	}
	if (!lt_tree_path_under(r.path, issuer_path)) {
		rc = lt_error_set(e, LT_EFORBIDDEN, "recipients.unit_id",
				  "%s nằm ngoài phạm vi đơn vị ban hành",
				  "%s is outside the issuer's part of the tree", r.name);
		goto out;
	}
	lt_tree_path_end(r.path, end);
	if (!strcmp(mode, "grassroots_under"))
		rc = lt_db_prepare(db,
				   "INSERT INTO receipt(directive_id, unit_id, received_at)"
				   " SELECT $1, u.id, $2 FROM unit u JOIN level l ON l.code = u.level"
				   " WHERE u.path > $3 AND u.path < $4 AND u.active_to IS NULL"
				   " AND l.grassroots = 1",
				   &st, e);
	else
		rc = lt_db_prepare(db,
				   "INSERT INTO receipt(directive_id, unit_id, received_at)"
				   " SELECT $1, u.id, $2 FROM unit u WHERE u.parent_id = $5"
				   " AND u.active_to IS NULL AND u.path > $3 AND u.path < $4",
				   &st, e);
	if (rc)
		goto out;
	lt_stmt_bind_int(st, 1, id);
	lt_stmt_bind_int(st, 2, now);
	lt_stmt_bind_text(st, 3, r.path);
	lt_stmt_bind_text(st, 4, end);
	if (strcmp(mode, "grassroots_under"))
		lt_stmt_bind_int(st, 5, root);
	rc = lt_stmt_run(st, e);
	if (!rc)
		*n += lt_db_changes(db);
out:
	lt_arena_free(&a);
	return rc;
}

int lt_directive_issue(lt_db *db, int64_t id, int64_t actor, int64_t *n, lt_error *e)
{
	lt_arena a;
	lt_directive_meta m;
	lt_stmt *st = NULL;
	json_t *doc = NULL, *checked = NULL, *rec, *x;
	const char *mode;
	int64_t count = 0, now = lt_now();
	size_t i;
	int rc;

	lt_arena_init(&a);
	rc = lt_db_begin(db, e);
	if (rc)
		goto out;
	rc = lt_directive_get(db, id, &a, &m, &doc, e);
	if (!rc && strcmp(m.status, "draft"))
		rc = lt_error_set(e, LT_ECONFLICT, "status", "Công văn này đã được ban hành",
				  "This directive is already issued");
	if (!rc)
		rc = lt_directive_check(doc, true, &checked, e);
	if (rc)
		goto fail;
	rec = json_object_get(checked, "recipients");
	mode = json_string_value(json_object_get(rec, "mode"));
	if (!strcmp(mode, "units")) {
		json_array_foreach(json_object_get(rec, "unit_ids"), i, x) {
			rc = add_receipt(db, id, json_integer_value(x), m.issuer_path, now, &count, e);
			if (rc)
				goto fail;
		}
	} else {
		rc = add_receipts_rule(db, id, mode, json_integer_value(json_object_get(rec, "unit_id")),
				       m.issuer_path, now, &count, e);
		if (rc)
			goto fail;
	}
	if (count == 0) {
		rc = lt_error_set(e, LT_EINVAL, "recipients", "Không có đơn vị nào nhận công văn này",
				  "No unit would receive this directive");
		goto fail;
	}
	rc = lt_db_prepare(db,
			   "UPDATE directive SET status = 'issued', issued_at = $2, issued_by = $3"
			   " WHERE id = $1",
			   &st, e);
	if (rc)
		goto fail;
	lt_stmt_bind_int(st, 1, id);
	lt_stmt_bind_int(st, 2, now);
	lt_stmt_bind_id(st, 3, actor);
	rc = lt_stmt_run(st, e);
	if (rc == LT_EEXIST)
		rc = lt_error_set(e, LT_EEXIST, "number",
				  "Số công văn %s đã được dùng trong năm",
				  "Number %s is already used this year",
				  json_string_value(json_object_get(checked, "number")));
	if (!rc)
		rc = lt_audit(db, actor, "issue", "directive", id, NULL, e);
	if (rc)
		goto fail;
	rc = lt_db_commit(db, e);
	if (!rc && n)
		*n = count;
	goto out;
fail:
	lt_db_rollback(db);
out:
	json_decref(doc);
	json_decref(checked);
	lt_arena_free(&a);
	return rc;
}

int lt_directive_access(lt_db *db, const lt_directive_meta *m, int64_t unit_id,
			const char *unit_path)
{
	int64_t ids[64];
	size_t k = lt_tree_path_ids(unit_path, ids, 64);
	lt_stmt *st = NULL;
	int rc;

	if (lt_tree_path_under(m->issuer_path, unit_path))
		return LT_DIR_ISSUER;
	if (strcmp(m->status, "issued"))
		return LT_DIR_NONE;
	/*
	 * Addressed to the reader's unit or one of its ancestors (the city's
	 * letter to the district is public to the district's unions). A letter
	 * the district sent to another commune's unions is not.
	 */
	(void)unit_id;
	for (size_t i = 0; i < k; i++) {
		if (lt_db_prepare(db, "SELECT 1 FROM receipt WHERE directive_id = $1 AND unit_id = $2",
				  &st, NULL))
			return LT_DIR_NONE;
		lt_stmt_bind_int(st, 1, m->id);
		lt_stmt_bind_int(st, 2, ids[i]);
		rc = lt_stmt_step(st, NULL);
		lt_stmt_done(st);
		if (rc == 1)
			return LT_DIR_READER;
	}
	return LT_DIR_NONE;
}

static json_t *receipt_row(lt_stmt *st, int c)
{
	json_t *o = json_object();

	json_object_set_new(o, "received_at", json_integer(lt_stmt_int(st, c)));
	json_object_set_new(o, "opened_at",
			    lt_stmt_is_null(st, c + 1) ? json_null() : json_integer(lt_stmt_int(st, c + 1)));
	json_object_set_new(o, "acknowledged_at",
			    lt_stmt_is_null(st, c + 2) ? json_null() : json_integer(lt_stmt_int(st, c + 2)));
	json_object_set_new(o, "state",
			    json_string(!lt_stmt_is_null(st, c + 2)   ? "acknowledged"
					: !lt_stmt_is_null(st, c + 1) ? "opened"
								      : "new"));
	return o;
}

/* "%first-token%" for LIKE (wildcards escaped); NULL when q is empty. */
static char *like_first(const char *fold)
{
	size_t n = strcspn(fold, " ");
	char *p, *w;

	if (!n)
		return NULL;
	p = malloc(n * 2 + 3);
	if (!p)
		return NULL;
	w = p;
	*w++ = '%';
	for (size_t i = 0; i < n; i++) {
		if (fold[i] == '%' || fold[i] == '_' || fold[i] == '\\')
			*w++ = '\\';
		*w++ = fold[i];
	}
	*w++ = '%';
	*w = '\0';
	return p;
}

static bool state_ok(const char *want, lt_stmt *st, int c)
{
	bool opened = !lt_stmt_is_null(st, c + 1), acked = !lt_stmt_is_null(st, c + 2);

	if (!want || !*want)
		return true;
	if (!strcmp(want, "new"))
		return !opened && !acked;
	if (!strcmp(want, "opened"))
		return opened && !acked;
	if (!strcmp(want, "acknowledged"))
		return acked;
	if (!strcmp(want, "pending"))
		return !acked;
	return true;
}

int lt_directive_list(lt_db *db, const lt_directive_filter *f, json_t **out, lt_error *e)
{
	lt_stmt *st = NULL;
	char end[LT_PATH_MAX];
	char *fold = NULL, *pat = NULL;
	json_t *arr = json_array();
	bool inbox = f->box && !strcmp(f->box, "inbox");
	int limit = f->limit > 0 && f->limit <= 1000 ? f->limit : 200, n = 0;
	int rc;

	*out = NULL;
	if (f->q && *f->q) {
		fold = lt_text_fold(f->q, strlen(f->q));
		if (!fold) {
			json_decref(arr);
			return lt_error_set(e, LT_EINVAL, "q", "Từ khoá không phải UTF-8 hợp lệ",
					    "Search text is not valid UTF-8");
		}
		pat = like_first(fold);
	}
	lt_tree_path_end(f->unit_path, end);
	if (inbox)
		rc = lt_db_prepare(db,
				   "SELECT d.id, d.number, d.date, d.subject, d.status, d.kind,"
				   " d.report_deadline, u.id, u.name, d.search_fold,"
				   " r.received_at, r.opened_at, r.acknowledged_at"
				   " FROM receipt r JOIN directive d ON d.id = r.directive_id"
				   " JOIN unit u ON u.id = d.issuer_id"
				   " WHERE r.unit_id = $1 AND ($2 IS NULL OR d.search_fold LIKE $2 ESCAPE '\\')"
				   " ORDER BY r.received_at DESC, d.id DESC",
				   &st, e);
	else
		rc = lt_db_prepare(db,
				   "SELECT d.id, d.number, d.date, d.subject, d.status, d.kind,"
				   " d.report_deadline, u.id, u.name, d.search_fold,"
				   " (SELECT count(*) FROM receipt r WHERE r.directive_id = d.id),"
				   " (SELECT count(*) FROM receipt r WHERE r.directive_id = d.id"
				   "   AND r.opened_at IS NOT NULL),"
				   " (SELECT count(*) FROM receipt r WHERE r.directive_id = d.id"
				   "   AND r.acknowledged_at IS NOT NULL)"
				   " FROM directive d JOIN unit u ON u.id = d.issuer_id"
				   " WHERE u.path >= $3 AND u.path < $4"
				   " AND ($2 IS NULL OR d.search_fold LIKE $2 ESCAPE '\\')"
				   " ORDER BY d.status = 'draft' DESC, d.date DESC, d.id DESC",
				   &st, e);
	if (rc)
		goto out;
	if (inbox)
		lt_stmt_bind_int(st, 1, f->unit_id);
	lt_stmt_bind_text(st, 2, pat);
	if (!inbox) {
		lt_stmt_bind_text(st, 3, f->unit_path);
		lt_stmt_bind_text(st, 4, end);
	}
	while (n < limit && (rc = lt_stmt_step(st, e)) == 1) {
		json_t *o;
		if (fold && !lt_text_match_folded(lt_stmt_text(st, 9), fold))
			continue;
		if (inbox && !state_ok(f->state, st, 10))
			continue;
		o = json_pack("{s:I,s:s?,s:s?,s:s?,s:s,s:s,s:s?,s:{s:I,s:s}}", "id",
			      (json_int_t)lt_stmt_int(st, 0), "number", lt_stmt_text(st, 1), "date",
			      lt_stmt_text(st, 2), "subject", lt_stmt_text(st, 3), "status",
			      lt_stmt_text(st, 4), "kind", lt_stmt_text(st, 5), "report_deadline",
			      lt_stmt_text(st, 6), "issuer", "id", (json_int_t)lt_stmt_int(st, 7),
			      "name", lt_stmt_text(st, 8));
		if (inbox)
			json_object_set_new(o, "receipt", receipt_row(st, 10));
		else
			json_object_set_new(o, "counts",
					    json_pack("{s:I,s:I,s:I}", "recipients",
						      (json_int_t)lt_stmt_int(st, 10), "opened",
						      (json_int_t)lt_stmt_int(st, 11), "acknowledged",
						      (json_int_t)lt_stmt_int(st, 12)));
		json_array_append_new(arr, o);
		n++;
	}
	lt_stmt_done(st);
	if (rc < 0)
		goto out;
	rc = 0;
	*out = arr;
	arr = NULL;
out:
	json_decref(arr);
	free(fold);
	free(pat);
	return rc;
}

int lt_receipt_get(lt_db *db, int64_t directive, int64_t unit, json_t **out, lt_error *e)
{
	lt_stmt *st = NULL;
	int rc = lt_db_prepare(db,
			       "SELECT received_at, opened_at, acknowledged_at FROM receipt"
			       " WHERE directive_id = $1 AND unit_id = $2",
			       &st, e);

	*out = NULL;
	if (rc)
		return rc;
	lt_stmt_bind_int(st, 1, directive);
	lt_stmt_bind_int(st, 2, unit);
	rc = lt_stmt_step(st, e);
	*out = rc == 1 ? receipt_row(st, 0) : json_null();
	lt_stmt_done(st);
	return rc < 0 ? rc : 0;
}

/* Set a receipt timestamp once (first view / acknowledgement). */
static int stamp(lt_db *db, const char *sql, int64_t directive, int64_t unit, int64_t user,
		 const char *action, lt_error *e)
{
	lt_stmt *st = NULL;
	json_t *r = NULL;
	int rc = lt_db_begin(db, e);

	if (rc)
		return rc;
	rc = lt_receipt_get(db, directive, unit, &r, e);
	if (!rc && json_is_null(r))
		rc = lt_error_set(e, LT_ENOTFOUND, "id", "Đơn vị của bạn không nhận công văn này",
				  "Your unit is not a recipient of this directive");
	json_decref(r);
	if (!rc)
		rc = lt_db_prepare(db, sql, &st, e);
	if (!rc) {
		lt_stmt_bind_int(st, 1, directive);
		lt_stmt_bind_int(st, 2, unit);
		lt_stmt_bind_int(st, 3, lt_now());
		lt_stmt_bind_int(st, 4, user);
		rc = lt_stmt_run(st, e);
	}
	if (!rc && lt_db_changes(db) > 0)
		rc = lt_audit(db, user, action, "directive", directive, NULL, e);
	if (rc) {
		lt_db_rollback(db);
		return rc;
	}
	return lt_db_commit(db, e);
}

int lt_receipt_open(lt_db *db, int64_t directive, int64_t unit, int64_t user, lt_error *e)
{
	return stamp(db,
		     "UPDATE receipt SET opened_at = $3, opened_by = $4"
		     " WHERE directive_id = $1 AND unit_id = $2 AND opened_at IS NULL",
		     directive, unit, user, "open", e);
}

int lt_receipt_ack(lt_db *db, int64_t directive, int64_t unit, int64_t user, lt_error *e)
{
	return stamp(db,
		     "UPDATE receipt SET acknowledged_at = $3, acknowledged_by = $4,"
		     " opened_at = COALESCE(opened_at, $3), opened_by = COALESCE(opened_by, $4)"
		     " WHERE directive_id = $1 AND unit_id = $2 AND acknowledged_at IS NULL",
		     directive, unit, user, "acknowledge", e);
}

int lt_receipt_list(lt_db *db, int64_t directive, const char *state, json_t **items,
		    json_t **counts, lt_error *e)
{
	lt_stmt *st = NULL;
	json_t *arr = json_array();
	int64_t total = 0, opened = 0, acked = 0;
	int rc = lt_db_prepare(db,
			       "SELECT u.id, u.code, u.name, r.received_at, r.opened_at,"
			       " r.acknowledged_at FROM receipt r JOIN unit u ON u.id = r.unit_id"
			       " WHERE r.directive_id = $1 ORDER BY u.path",
			       &st, e);

	*items = *counts = NULL;
	if (rc) {
		json_decref(arr);
		return rc;
	}
	lt_stmt_bind_int(st, 1, directive);
	while ((rc = lt_stmt_step(st, e)) == 1) {
		json_t *o;
		total++;
		opened += !lt_stmt_is_null(st, 4);
		acked += !lt_stmt_is_null(st, 5);
		if (!state_ok(state, st, 3))
			continue;
		o = receipt_row(st, 3);
		json_object_set_new(o, "unit", json_pack("{s:I,s:s,s:s}", "id",
							 (json_int_t)lt_stmt_int(st, 0), "code",
							 lt_stmt_text(st, 1), "name", lt_stmt_text(st, 2)));
		json_array_append_new(arr, o);
	}
	lt_stmt_done(st);
	if (rc < 0) {
		json_decref(arr);
		return rc;
	}
	*items = arr;
	*counts = json_pack("{s:I,s:I,s:I,s:I}", "recipients", (json_int_t)total, "opened",
			    (json_int_t)opened, "acknowledged", (json_int_t)acked, "pending",
			    (json_int_t)(total - acked));
	return 0;
}

int lt_directive_cascade(lt_db *db, int64_t parent, int64_t issuer, int64_t actor,
			 int64_t *id, lt_error *e)
{
	lt_arena a;
	lt_directive_meta m;
	lt_unit u;
	json_t *pdoc = NULL, *doc = NULL, *checked = NULL, *r = NULL, *ref;
	const char *deadline;
	char d[11];
	int rc;

	lt_arena_init(&a);
	rc = lt_directive_get(db, parent, &a, &m, &pdoc, e);
	if (!rc && strcmp(m.status, "issued"))
		rc = lt_error_set(e, LT_ECONFLICT, "id", "Chỉ triển khai được công văn đã ban hành",
				  "Only an issued directive can be carried out");
	if (!rc)
		rc = lt_unit_get(db, issuer, &a, &u, e);
	if (!rc)
		rc = lt_receipt_get(db, parent, issuer, &r, e);
	if (!rc && json_is_null(r))
		rc = lt_error_set(e, LT_EFORBIDDEN, "id",
				  "Chỉ đơn vị nhận công văn mới triển khai được",
				  "Only a recipient unit can carry out this directive");
	if (rc)
		goto out;
	doc = json_object();
	json_object_set(doc, "subject", json_object_get(pdoc, "subject"));
	json_object_set(doc, "motto", json_object_get(pdoc, "motto"));
	json_object_set(doc, "themes", json_object_get(pdoc, "themes"));
	json_object_set(doc, "indicators", json_object_get(pdoc, "indicators"));
	json_object_set(doc, "contests", json_object_get(pdoc, "contests"));
	json_object_set(doc, "tasks", json_object_get(pdoc, "tasks"));
	ref = json_pack("{s:O,s:O,s:s,s:I}", "number", json_object_get(pdoc, "number"), "date",
			json_object_get(pdoc, "date"), "issuer", m.issuer_name, "directive_id",
			(json_int_t)parent);
	json_object_set_new(doc, "references", json_pack("[o]", ref));
	deadline = json_string_value(json_object_get(pdoc, "report_deadline"));
	if (deadline) {
		/* Leave the level above a few days to aggregate. */
		lt_date_minus_days(deadline, 3, d);
		json_object_set_new(doc, "report_deadline", json_string(d));
	}
	json_object_set_new(doc, "recipients",
			    json_pack("{s:s,s:I}", "mode", "grassroots_under", "unit_id", (json_int_t)issuer));
	if (u.email)
		json_object_set_new(doc, "report_email", json_string(u.email));
	rc = lt_directive_check(doc, false, &checked, e);
	if (!rc)
		rc = lt_directive_create(db, issuer, checked, "directive", 0, parent, actor, id, e);
out:
	json_decref(pdoc);
	json_decref(doc);
	json_decref(checked);
	json_decref(r);
	lt_arena_free(&a);
	return rc;
}

static json_t *chain_row(lt_stmt *st)
{
	return json_pack("{s:I,s:s?,s:s?,s:s?,s:s,s:{s:I,s:s}}", "id", (json_int_t)lt_stmt_int(st, 0),
			 "number", lt_stmt_text(st, 1), "date", lt_stmt_text(st, 2), "subject",
			 lt_stmt_text(st, 3), "status", lt_stmt_text(st, 4), "issuer", "id",
			 (json_int_t)lt_stmt_int(st, 5), "name", lt_stmt_text(st, 6));
}

int lt_directive_chain(lt_db *db, int64_t id, json_t **up, json_t **down, lt_error *e)
{
	lt_stmt *st = NULL;
	json_t *u = json_array(), *d = json_array();
	int64_t cur = id;
	int rc = 0;

	*up = *down = NULL;
	/* Upward: follow implements_id (a chain is a handful of levels). */
	for (int depth = 0; depth < 16 && cur && !rc; depth++) {
		int64_t next = 0;
		rc = lt_db_prepare(db,
				   "SELECT p.id, p.number, p.date, p.subject, p.status, x.id, x.name"
				   " FROM directive c JOIN directive p ON p.id = c.implements_id"
				   " JOIN unit x ON x.id = p.issuer_id WHERE c.id = $1",
				   &st, e);
		if (rc)
			break;
		lt_stmt_bind_int(st, 1, cur);
		rc = lt_stmt_step(st, e);
		if (rc == 1) {
			json_array_append_new(u, chain_row(st));
			next = lt_stmt_int(st, 0);
			rc = 0;
		}
		lt_stmt_done(st);
		cur = next;
	}
	/* Downward: every directive implementing this one, breadth first. */
	if (!rc) {
		json_t *queue = json_pack("[I]", (json_int_t)id);
		for (size_t i = 0; i < json_array_size(queue) && i < 10000 && !rc; i++) {
			rc = lt_db_prepare(db,
					   "SELECT c.id, c.number, c.date, c.subject, c.status, x.id,"
					   " x.name, c.implements_id FROM directive c"
					   " JOIN unit x ON x.id = c.issuer_id WHERE c.implements_id = $1"
					   " ORDER BY x.path",
					   &st, e);
			if (rc)
				break;
			lt_stmt_bind_int(st, 1, json_integer_value(json_array_get(queue, i)));
			while ((rc = lt_stmt_step(st, e)) == 1) {
				json_t *row = chain_row(st);
				json_object_set_new(row, "implements_id", json_integer(lt_stmt_int(st, 7)));
				json_array_append_new(d, row);
				json_array_append_new(queue, json_integer(lt_stmt_int(st, 0)));
			}
			lt_stmt_done(st);
			if (rc > 0)
				rc = 0;
		}
		json_decref(queue);
	}
	if (rc < 0) {
		json_decref(u);
		json_decref(d);
		return rc;
	}
	*up = u;
	*down = d;
	return 0;
}
