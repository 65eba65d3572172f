/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* indicator.c — care figures in the database; see indicator.h. */
#include "store/indicator.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/tree.h"
#include "store/activity.h"
#include "store/activity_sql.h"
#include "store/audit.h"
#include "store/store.h"

#define MAX_WARNINGS 64

int lt_indicator_catalogue(lt_db *db, json_t **out, lt_error *e)
{
	lt_stmt *st = NULL;
	json_t *arr = json_array();
	int rc = lt_db_prepare(db,
			       "SELECT code, name_vi, name_en, measure, aggregation, rules, tet_default"
			       " FROM indicator ORDER BY pos, code",
			       &st, e);

	*out = NULL;
	if (rc) {
		json_decref(arr);
		return rc;
	}
	while ((rc = lt_stmt_step(st, e)) == 1) {
		json_t *rules = json_loads(lt_stmt_text(st, 5), 0, NULL);
		json_array_append_new(arr, json_pack("{s:s,s:s,s:s,s:s,s:s,s:o,s:b}", "code",
						     lt_stmt_text(st, 0), "name_vi", lt_stmt_text(st, 1),
						     "name_en", lt_stmt_text(st, 2), "measure",
						     lt_stmt_text(st, 3), "aggregation",
						     lt_stmt_text(st, 4), "rules",
						     rules ? rules : json_object(), "tet_default",
						     (int)lt_stmt_int(st, 6)));
	}
	lt_stmt_done(st);
	if (rc < 0) {
		json_decref(arr);
		return rc;
	}
	*out = arr;
	return 0;
}

int lt_indicator_set_of(lt_db *db, int64_t directive_id, lt_arena *a, lt_indicator_info **items,
			size_t *n, lt_error *e)
{
	lt_stmt *st = NULL;
	lt_indicator_info *v = NULL;
	size_t cap = 0, k = 0;
	int rc;

	*items = NULL;
	*n = 0;
	/* The directive's own list if it has one, else the Tết default set. */
	rc = lt_db_prepare(db,
			   "SELECT i.code, i.measure, i.aggregation, i.rules, i.name_vi, i.name_en"
			   " FROM directive_indicator di JOIN indicator i ON i.code = di.code"
			   " WHERE di.directive_id = $1"
			   " UNION ALL"
			   " SELECT i.code, i.measure, i.aggregation, i.rules, i.name_vi, i.name_en"
			   " FROM indicator i WHERE i.tet_default = 1 AND NOT EXISTS"
			   " (SELECT 1 FROM directive_indicator di WHERE di.directive_id = $1)"
			   " ORDER BY 1",
			   &st, e);
	if (rc)
		return rc;
	lt_stmt_bind_int(st, 1, directive_id);
	while ((rc = lt_stmt_step(st, e)) == 1) {
		if (k == cap) {
			lt_indicator_info *nv;
			cap = cap ? cap * 2 : 32;
			nv = lt_arena_alloc(a, cap * sizeof(*nv));
			if (!nv) {
				rc = lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
				break;
			}
			if (k)
				memcpy(nv, v, k * sizeof(*nv));
			v = nv;
		}
		rc = lt_indicator_def_parse(lt_stmt_text(st, 0), lt_stmt_text(st, 1),
					    lt_stmt_text(st, 2), lt_stmt_text(st, 3), &v[k].def, e);
		if (rc)
			break;
		v[k].name_vi = lt_arena_strdup(a, lt_stmt_text(st, 4));
		v[k].name_en = lt_arena_strdup(a, lt_stmt_text(st, 5));
		v[k].def.name_vi = v[k].name_vi;
		v[k].def.name_en = v[k].name_en;
		k++;
	}
	lt_stmt_done(st);
	if (rc < 0)
		return rc;
	/* Catalogue order (pos) for display. */
	rc = lt_db_prepare(db, "SELECT code FROM indicator ORDER BY pos, code", &st, e);
	if (rc)
		return rc;
	{
		size_t placed = 0;
		while ((rc = lt_stmt_step(st, e)) == 1) {
			const char *c = lt_stmt_text(st, 0);
			for (size_t i = placed; i < k; i++) {
				if (!strcmp(v[i].def.code, c)) {
					lt_indicator_info t = v[placed];
					v[placed] = v[i];
					v[i] = t;
					placed++;
					break;
				}
			}
		}
	}
	lt_stmt_done(st);
	if (rc < 0)
		return rc;
	*items = v;
	*n = k;
	return 0;
}

static const lt_indicator_info *find_info(const lt_indicator_info *v, size_t n, const char *code)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(v[i].def.code, code))
			return &v[i];
	return NULL;
}

/* Current value of one figure: 1 found (*v), 0 none, < 0 error. */
static int current(lt_db *db, int64_t d, int64_t u, const char *code, double *v, lt_error *e)
{
	lt_stmt *st = NULL;
	int rc = lt_db_prepare(db,
			       "SELECT value FROM indicator_value WHERE directive_id = $1"
			       " AND unit_id = $2 AND code = $3",
			       &st, e);

	if (rc)
		return rc;
	lt_stmt_bind_int(st, 1, d);
	lt_stmt_bind_int(st, 2, u);
	lt_stmt_bind_text(st, 3, code);
	rc = lt_stmt_step(st, e);
	if (rc == 1)
		*v = lt_stmt_double(st, 0);
	lt_stmt_done(st);
	return rc;
}

static void bind_opt_double(lt_stmt *st, int idx, bool has, double v)
{
	if (has)
		lt_stmt_bind_double(st, idx, v);
	else
		lt_stmt_bind_null(st, idx);
}

/* Write one figure (already checked) with its history row and audit event. */
static int write_one(lt_db *db, int64_t d, int64_t u, const lt_figure_in *x, int64_t actor,
		     int64_t now, lt_error *e)
{
	lt_stmt *st = NULL;
	double old = 0;
	char detail[256];
	int had = current(db, d, u, x->code, &old, e), rc;

	if (had < 0)
		return had;
	if ((x->clear && !had) || (!x->clear && had && old == x->value))
		return 0; /* nothing changes */
	if (x->clear)
		rc = lt_db_prepare(db,
				   "DELETE FROM indicator_value WHERE directive_id = $1 AND unit_id = $2"
				   " AND code = $3",
				   &st, e);
	else
		rc = lt_db_prepare(db,
				   "INSERT INTO indicator_value(directive_id, unit_id, code, value, note,"
				   " updated_by, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7)"
				   " ON CONFLICT (directive_id, unit_id, code) DO UPDATE SET"
				   " value = excluded.value, note = excluded.note,"
				   " updated_by = excluded.updated_by, updated_at = excluded.updated_at",
				   &st, e);
	if (rc)
		return rc;
	lt_stmt_bind_int(st, 1, d);
	lt_stmt_bind_int(st, 2, u);
	lt_stmt_bind_text(st, 3, x->code);
	if (!x->clear) {
		lt_stmt_bind_double(st, 4, x->value);
		lt_act_bind_opt_text(st, 5, x->note);
		lt_stmt_bind_id(st, 6, actor);
		lt_stmt_bind_int(st, 7, now);
	}
	rc = lt_stmt_run(st, e);
	if (rc)
		return rc;
	rc = lt_db_prepare(db,
			   "INSERT INTO indicator_value_history(directive_id, unit_id, code, old_value,"
			   " new_value, note, changed_by, changed_at) VALUES ($1, $2, $3, $4, $5, $6,"
			   " $7, $8)",
			   &st, e);
	if (rc)
		return rc;
	lt_stmt_bind_int(st, 1, d);
	lt_stmt_bind_int(st, 2, u);
	lt_stmt_bind_text(st, 3, x->code);
	bind_opt_double(st, 4, had == 1, old);
	bind_opt_double(st, 5, !x->clear, x->value);
	lt_act_bind_opt_text(st, 6, x->note);
	lt_stmt_bind_id(st, 7, actor);
	lt_stmt_bind_int(st, 8, now);
	rc = lt_stmt_run(st, e);
	if (rc)
		return rc;
	snprintf(detail, sizeof(detail),
		 "{\"directive_id\":%" PRId64 ",\"unit_id\":%" PRId64 ",\"code\":\"%s\"}", d, u,
		 x->code);
	return lt_audit(db, actor, x->clear ? "delete" : (had ? "update" : "create"),
			"indicator_value", u, detail, e);
}

/* Check vals against the set (already loaded) and write them; *bad on error. */
static int set_many(lt_db *db, int64_t d, const lt_indicator_info *set, size_t nset,
		    const lt_figure_in *vals, size_t n, int64_t unit_fixed, int64_t actor,
		    size_t *bad, lt_error *e)
{
	int64_t now = lt_now(), checked_unit = 0;
	int rc = 0;

	for (size_t i = 0; i < n && !rc; i++) {
		const lt_indicator_info *info = find_info(set, nset, vals[i].code ? vals[i].code : "");
		int64_t u = unit_fixed ? unit_fixed : vals[i].unit_id;
		if (bad)
			*bad = i;
		if (!info) {
			rc = lt_error_set(e, LT_EINVAL, "code",
					  "Công văn này không yêu cầu chỉ tiêu \"%s\"",
					  "This directive does not ask for indicator \"%s\"",
					  vals[i].code ? vals[i].code : "");
			break;
		}
		if (!vals[i].clear)
			rc = lt_indicator_check(&info->def, vals[i].value, e);
		if (!rc && vals[i].note && strlen(vals[i].note) > 1000)
			rc = lt_error_set(e, LT_EINVAL, "note", "Ghi chú dài quá 1000 byte",
					  "The note is longer than 1000 bytes");
		if (rc)
			break; /* e->field names the indicator code */
		if (u != checked_unit) {
			rc = lt_activity_check_scope(db, d, u, e);
			if (rc) {
				if (e)
					snprintf(e->field, sizeof(e->field), "unit");
				break;
			}
			checked_unit = u;
		}
		rc = write_one(db, d, u, &vals[i], actor, now, e);
	}
	return rc;
}

/*
 * Write vals in one transaction. With one_unit every value is unit_id's
 * (checked to be a recipient first); else each row names its unit (an
 * import, unit_id 0).
 */
static int figures_write(lt_db *db, int64_t directive_id, bool one_unit, int64_t unit_id,
			 const lt_figure_in *vals, size_t n, int64_t actor, size_t *bad,
			 lt_error *e)
{
	lt_arena a;
	lt_indicator_info *set = NULL;
	size_t nset = 0;
	int rc;

	lt_arena_init(&a);
	rc = lt_db_begin(db, e);
	if (rc)
		goto out;
	if (one_unit)
		rc = lt_activity_check_scope(db, directive_id, unit_id, e);
	if (!rc)
		rc = lt_indicator_set_of(db, directive_id, &a, &set, &nset, e);
	if (!rc)
		rc = set_many(db, directive_id, set, nset, vals, n, unit_id, actor, bad, e);
	rc = lt_db_end(db, rc, e);
out:
	lt_arena_free(&a);
	return rc;
}

int lt_figures_set(lt_db *db, int64_t directive_id, int64_t unit_id, const lt_figure_in *vals,
		   size_t n, int64_t actor, size_t *bad, lt_error *e)
{
	return figures_write(db, directive_id, true, unit_id, vals, n, actor, bad, e);
}

int lt_figures_import(lt_db *db, int64_t directive_id, const lt_figure_in *rows, size_t n,
		      int64_t actor, size_t *bad, lt_error *e)
{
	return figures_write(db, directive_id, false, 0, rows, n, actor, bad, e);
}

/* Values of (d, u) into vals (codes borrowed from set). */
static int load_values(lt_db *db, int64_t d, int64_t u, const lt_indicator_info *set, size_t nset,
		       lt_indicator_val *vals, json_t *notes, json_t *stamps, lt_error *e)
{
	lt_stmt *st = NULL;
	int rc = lt_db_prepare(db,
			       "SELECT code, value, note, updated_at FROM indicator_value"
			       " WHERE directive_id = $1 AND unit_id = $2",
			       &st, e);

	for (size_t i = 0; i < nset; i++) {
		vals[i].code = set[i].def.code;
		vals[i].set = false;
		vals[i].v = 0;
	}
	if (rc)
		return rc;
	lt_stmt_bind_int(st, 1, d);
	lt_stmt_bind_int(st, 2, u);
	while ((rc = lt_stmt_step(st, e)) == 1) {
		const char *code = lt_stmt_text(st, 0);
		for (size_t i = 0; i < nset; i++) {
			if (strcmp(set[i].def.code, code))
				continue;
			vals[i].set = true;
			vals[i].v = lt_stmt_double(st, 1);
			if (notes && !lt_stmt_is_null(st, 2))
				json_object_set_new(notes, code, json_string(lt_stmt_text(st, 2)));
			if (stamps)
				json_object_set_new(stamps, code, json_integer(lt_stmt_int(st, 3)));
		}
	}
	lt_stmt_done(st);
	return rc < 0 ? rc : 0;
}

static json_t *num_json(double v)
{
	if (v == floor(v) && fabs(v) < 9e15)
		return json_integer((json_int_t)v);
	return json_real(v);
}

/* Warnings of (d, u) with their confirmations: new array. */
static int warnings_json(lt_db *db, int64_t d, int64_t u, const lt_indicator_info *set,
			 size_t nset, const lt_indicator_val *vals, json_t **out, lt_error *e)
{
	lt_indicator_def *defs = calloc(nset ? nset : 1, sizeof(*defs));
	lt_indicator_warning w[MAX_WARNINGS];
	lt_stmt *st = NULL;
	json_t *arr = json_array();
	size_t nw;
	int rc = 0;

	*out = NULL;
	if (!defs) {
		json_decref(arr);
		return lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	}
	for (size_t i = 0; i < nset; i++)
		defs[i] = set[i].def;
	nw = lt_indicator_warnings(defs, nset, vals, nset, w, MAX_WARNINGS);
	free(defs);
	for (size_t i = 0; i < nw && i < MAX_WARNINGS && !rc; i++) {
		json_t *o = json_pack("{s:s,s:s,s:s,s:s,s:b,s:n}", "rule", w[i].rule, "code", w[i].code,
				      "vi", w[i].vi, "en", w[i].en, "confirmed", 0, "comment");
		rc = lt_db_prepare(db,
				   "SELECT comment, acked_at FROM indicator_ack WHERE directive_id = $1"
				   " AND unit_id = $2 AND rule = $3",
				   &st, e);
		if (!rc) {
			lt_stmt_bind_int(st, 1, d);
			lt_stmt_bind_int(st, 2, u);
			lt_stmt_bind_text(st, 3, w[i].rule);
			rc = lt_stmt_step(st, e);
			if (rc == 1) {
				json_object_set_new(o, "confirmed", json_true());
				json_object_set_new(o, "comment", json_string(lt_stmt_text(st, 0)));
				json_object_set_new(o, "confirmed_at", json_integer(lt_stmt_int(st, 1)));
			}
			lt_stmt_done(st);
			rc = rc < 0 ? rc : 0;
		}
		json_array_append_new(arr, o);
	}
	if (rc) {
		json_decref(arr);
		return rc;
	}
	*out = arr;
	return 0;
}

int lt_figures_get(lt_db *db, int64_t directive_id, int64_t unit_id, json_t **out, lt_error *e)
{
	lt_arena a;
	lt_indicator_info *set = NULL;
	lt_indicator_val *vals = NULL;
	json_t *notes = json_object(), *stamps = json_object(), *inds = json_array(), *warn = NULL;
	size_t nset = 0;
	int rc;

	*out = NULL;
	lt_arena_init(&a);
	rc = lt_indicator_set_of(db, directive_id, &a, &set, &nset, e);
	if (rc)
		goto out;
	vals = lt_arena_alloc(&a, (nset ? nset : 1) * sizeof(*vals));
	rc = load_values(db, directive_id, unit_id, set, nset, vals, notes, stamps, e);
	if (!rc)
		rc = warnings_json(db, directive_id, unit_id, set, nset, vals, &warn, e);
	if (rc)
		goto out;
	for (size_t i = 0; i < nset; i++) {
		const char *c = set[i].def.code;
		json_t *o = json_pack("{s:s,s:s,s:s,s:s,s:o}", "code", c, "name_vi", set[i].name_vi,
				      "name_en", set[i].name_en, "measure", set[i].def.measure,
				      "value", vals[i].set ? num_json(vals[i].v) : json_null());
		json_object_set(o, "note", json_object_get(notes, c) ? json_object_get(notes, c)
								    : json_null());
		json_object_set(o, "updated_at", json_object_get(stamps, c)
							 ? json_object_get(stamps, c)
							 : json_null());
		json_array_append_new(inds, o);
	}
	*out = json_pack("{s:O,s:o,s:b}", "indicators", inds, "warnings", warn, "locked",
			 lt_activity_locked(db, directive_id, unit_id));
	warn = NULL;
out:
	json_decref(notes);
	json_decref(stamps);
	json_decref(inds);
	json_decref(warn);
	lt_arena_free(&a);
	return rc;
}

int lt_figures_ack(lt_db *db, int64_t directive_id, int64_t unit_id, const char *rule,
		   const char *comment, int64_t actor, lt_error *e)
{
	lt_stmt *st = NULL;
	json_t *fig = NULL, *w;
	bool raised = false;
	size_t i;
	char detail[256];
	int rc;

	if (!comment || !*comment || strlen(comment) > 1000)
		return lt_error_set(e, LT_EINVAL, "comment",
				    "Cần ghi chú giải thích (tối đa 1000 byte) để xác nhận cảnh báo",
				    "A comment (at most 1000 bytes) is needed to confirm a warning");
	rc = lt_db_begin(db, e);
	if (rc)
		return rc;
	rc = lt_activity_check_scope(db, directive_id, unit_id, e);
	if (!rc)
		rc = lt_figures_get(db, directive_id, unit_id, &fig, e);
	if (!rc) {
		json_array_foreach(json_object_get(fig, "warnings"), i, w)
			raised = raised || !strcmp(json_string_value(json_object_get(w, "rule")), rule);
		if (!raised)
			rc = lt_error_set(e, LT_ENOTFOUND, "rule",
					  "Không có cảnh báo \"%s\" để xác nhận",
					  "There is no warning \"%s\" to confirm", rule);
	}
	if (!rc)
		rc = lt_db_prepare(db,
				   "INSERT INTO indicator_ack(directive_id, unit_id, rule, comment,"
				   " acked_by, acked_at) VALUES ($1, $2, $3, $4, $5, $6)"
				   " ON CONFLICT (directive_id, unit_id, rule) DO UPDATE SET"
				   " comment = excluded.comment, acked_by = excluded.acked_by,"
				   " acked_at = excluded.acked_at",
				   &st, e);
	if (!rc) {
		lt_stmt_bind_int(st, 1, directive_id);
		lt_stmt_bind_int(st, 2, unit_id);
		lt_stmt_bind_text(st, 3, rule);
		lt_stmt_bind_text(st, 4, comment);
		lt_stmt_bind_id(st, 5, actor);
		lt_stmt_bind_int(st, 6, lt_now());
		rc = lt_stmt_run(st, e);
	}
	snprintf(detail, sizeof(detail), "{\"directive_id\":%" PRId64 ",\"rule\":\"%.100s\"}",
		 directive_id, rule);
	if (!rc)
		rc = lt_audit(db, actor, "confirm", "indicator_warning", unit_id, detail, e);
	json_decref(fig);
	return lt_db_end(db, rc, e);
}

int lt_figures_history(lt_db *db, int64_t directive_id, int64_t unit_id, json_t **out,
		       lt_error *e)
{
	lt_stmt *st = NULL;
	json_t *arr = json_array();
	int rc = lt_db_prepare(db,
			       "SELECT h.code, h.old_value, h.new_value, h.note, h.changed_at,"
			       " h.changed_by, usr.login, usr.name FROM indicator_value_history h"
			       " LEFT JOIN app_user usr ON usr.id = h.changed_by"
			       " WHERE h.directive_id = $1 AND h.unit_id = $2 ORDER BY h.id DESC",
			       &st, e);

	*out = NULL;
	if (rc) {
		json_decref(arr);
		return rc;
	}
	lt_stmt_bind_int(st, 1, directive_id);
	lt_stmt_bind_int(st, 2, unit_id);
	while ((rc = lt_stmt_step(st, e)) == 1) {
		json_t *o = json_pack("{s:s,s:o,s:o,s:I}", "code", lt_stmt_text(st, 0), "old",
				      lt_stmt_is_null(st, 1) ? json_null()
							     : num_json(lt_stmt_double(st, 1)),
				      "new",
				      lt_stmt_is_null(st, 2) ? json_null()
							     : num_json(lt_stmt_double(st, 2)),
				      "at", (json_int_t)lt_stmt_int(st, 4));
		json_object_set_new(o, "note", lt_stmt_is_null(st, 3) ? json_null()
								      : json_string(lt_stmt_text(st, 3)));
		json_object_set_new(o, "by", lt_stmt_is_null(st, 5)
						     ? json_null()
						     : json_pack("{s:I,s:s?,s:s?}", "id",
								 (json_int_t)lt_stmt_int(st, 5), "login",
								 lt_stmt_text(st, 6), "name",
								 lt_stmt_text(st, 7)));
		json_array_append_new(arr, o);
	}
	lt_stmt_done(st);
	if (rc < 0) {
		json_decref(arr);
		return rc;
	}
	*out = arr;
	return 0;
}

int lt_figures_summary(lt_db *db, int64_t directive_id, const char *within, json_t **out,
		       lt_error *e)
{
	lt_arena a;
	lt_stmt *st = NULL;
	lt_indicator_info *set = NULL;
	lt_indicator_val *vals = NULL;
	double *sums = NULL;
	int64_t *reporting = NULL;
	json_t *units = json_array(), *inds = json_array();
	char end[LT_PATH_MAX];
	size_t nset = 0;
	int rc;

	*out = NULL;
	lt_arena_init(&a);
	lt_tree_path_end(within, end);
	rc = lt_indicator_set_of(db, directive_id, &a, &set, &nset, e);
	if (rc)
		goto out;
	vals = lt_arena_alloc(&a, (nset ? nset : 1) * sizeof(*vals));
	sums = lt_arena_alloc(&a, (nset ? nset : 1) * sizeof(*sums));
	reporting = lt_arena_alloc(&a, (nset ? nset : 1) * sizeof(*reporting));
	rc = lt_db_prepare(db,
			   "SELECT u.id, u.code, u.name FROM receipt r JOIN unit u ON u.id = r.unit_id"
			   " WHERE r.directive_id = $1 AND u.path >= $2 AND u.path < $3 ORDER BY u.path",
			   &st, e);
	if (rc)
		goto out;
	lt_stmt_bind_int(st, 1, directive_id);
	lt_stmt_bind_text(st, 2, within);
	lt_stmt_bind_text(st, 3, end);
	while ((rc = lt_stmt_step(st, e)) == 1)
		json_array_append_new(units, json_pack("{s:{s:I,s:s,s:s}}", "unit", "id",
						       (json_int_t)lt_stmt_int(st, 0), "code",
						       lt_stmt_text(st, 1), "name", lt_stmt_text(st, 2)));
	lt_stmt_done(st);
	if (rc < 0)
		goto out;
	rc = 0;
	{
		size_t i;
		json_t *u;
		json_array_foreach(units, i, u) {
			int64_t uid = json_integer_value(json_object_get(json_object_get(u, "unit"), "id"));
			json_t *values = json_object(), *warn = NULL;
			int unconfirmed = 0;
			size_t k;
			json_t *w;
			rc = load_values(db, directive_id, uid, set, nset, vals, NULL, NULL, e);
			if (!rc)
				rc = warnings_json(db, directive_id, uid, set, nset, vals, &warn, e);
			if (rc) {
				json_decref(values);
				goto out;
			}
			for (size_t j = 0; j < nset; j++) {
				if (!vals[j].set)
					continue;
				json_object_set_new(values, set[j].def.code, num_json(vals[j].v));
				/* Sum is the only aggregation of the seed set; max/latest use the core rule. */
				if (!strcmp(set[j].def.aggregation, "max"))
					sums[j] = reporting[j] ? fmax(sums[j], vals[j].v) : vals[j].v;
				else if (!strcmp(set[j].def.aggregation, "latest"))
					sums[j] = vals[j].v;
				else if (!strcmp(set[j].def.aggregation, "sum"))
					sums[j] += vals[j].v;
				reporting[j]++;
			}
			json_array_foreach(warn, k, w)
				unconfirmed += !json_is_true(json_object_get(w, "confirmed"));
			json_object_set_new(u, "values", values);
			json_object_set_new(u, "warnings", warn);
			json_object_set_new(u, "unconfirmed_warnings", json_integer(unconfirmed));
		}
	}
	for (size_t j = 0; j < nset; j++)
		json_array_append_new(inds, json_pack("{s:s,s:s,s:s,s:s,s:s,s:o,s:I}", "code",
						      set[j].def.code, "name_vi", set[j].name_vi,
						      "name_en", set[j].name_en, "measure",
						      set[j].def.measure, "aggregation",
						      set[j].def.aggregation, "total", num_json(sums[j]),
						      "units_reporting", (json_int_t)reporting[j]));
	*out = json_pack("{s:O,s:O}", "indicators", inds, "units", units);
out:
	json_decref(units);
	json_decref(inds);
	lt_arena_free(&a);
	return rc;
}
