/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* rollup.c — figures, items and completeness over a subtree as it stood; see rollup.h. */
#include "store/rollup.h"
#include "store/rollup_int.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/report.h"
#include "core/tree.h"
#include "store/store.h"
#include "store/unit.h"

bool rl_scope_small(const scope *s)
{
	return s->inside <= LT_ROLLUP_UNITS_MAX;
}

void rl_scope_bind(lt_stmt *st, scope *s, char end[LT_PATH_MAX])
{
	lt_tree_path_end(s->path, end);
	lt_stmt_bind_text(st, 2, s->path);
	lt_stmt_bind_text(st, 3, end);
	lt_stmt_bind_text(st, 4, s->day);
}

void rl_scope_free(scope *s)
{
	free(s->where);
	free(s->counted);
	free(s->kids);
	lt_arena_free(&s->arena);
}

static int64_t scalar(lt_db *db, const char *sql, int64_t arg, lt_error *e, int *rc)
{
	lt_stmt *st = NULL;
	int64_t v = 0;

	*rc = lt_db_prepare(db, sql, &st, e);
	if (*rc)
		return 0;
	lt_stmt_bind_int(st, 1, arg);
	*rc = lt_stmt_step(st, e);
	if (*rc == 1 && !lt_stmt_is_null(st, 0))
		v = lt_stmt_int(st, 0);
	lt_stmt_done(st);
	*rc = *rc < 0 ? *rc : 0;
	return v;
}

int rl_day(lt_db *db, int64_t directive, char day[11], bool *stale, lt_error *e)
{
	lt_stmt *st = NULL;
	int rc = lt_db_row(db,
			   "SELECT COALESCE(report_deadline, date),"
			   " (SELECT count(*) FROM rollup_stale WHERE directive_id = $1) FROM directive"
			   " WHERE id = $1",
			   &st, e, LT_I(directive));

	if (rc == 1 && lt_stmt_text(st, 0))
		snprintf(day, 11, "%s", lt_stmt_text(st, 0));
	else if (rc == 1)
		lt_today(day);
	if (stale)
		*stale = rc == 1 && lt_stmt_int(st, 1) > 0;
	lt_stmt_done(st);
	if (rc == 0)
		return lt_error_set(e, LT_ENOTFOUND, "directive", "Không có công văn #%" PRId64,
				    "No directive #%" PRId64, directive);
	return rc < 0 ? rc : 0;
}

int lt_rollup_day(lt_db *db, int64_t directive, char day[11], lt_error *e)
{
	return rl_day(db, directive, day, NULL, e);
}

/* Index of the child with this id, adding it if new. */
static int32_t kid_index(scope *s, int64_t id)
{
	if (s->where[id] >= 0)
		return s->where[id];
	if (s->nkids == s->capkids) {
		size_t cap = s->capkids ? s->capkids * 2 : 64;
		child *k = realloc(s->kids, cap * sizeof(*k));
		if (!k)
			return OUT_SUBTREE;
		s->kids = k;
		s->capkids = cap;
	}
	memset(&s->kids[s->nkids], 0, sizeof(child));
	s->kids[s->nkids].id = id;
	s->where[id] = (int32_t)s->nkids;
	return (int32_t)s->nkids++;
}

int rl_scope_begin(lt_db *db, int64_t directive, int64_t root, const lt_rollup_opts *o,
		   scope *s, lt_error *e)
{
	lt_stmt *st = NULL;
	int rc;

	memset(s, 0, sizeof(*s));
	lt_arena_init(&s->arena);
	s->root = root;
	if (o && o->as_of)
		snprintf(s->day, sizeof(s->day), "%s", o->as_of);
	else if ((rc = lt_rollup_day(db, directive, s->day, e)))
		return rc;
	s->maxid = scalar(db, "SELECT max(id) + $1 FROM unit", 0, e, &rc);
	if (rc)
		return rc;
	s->where = malloc((size_t)(s->maxid + 1) * sizeof(*s->where));
	s->counted = calloc((size_t)s->maxid + 1, 1);
	if (!s->where || !s->counted)
		return lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	for (int64_t i = 0; i <= s->maxid; i++)
		s->where[i] = OUT_SUBTREE;
	/* The root's path on the day; a unit that did not exist then has an empty subtree. */
	rc = lt_db_prepare(db,
			   "SELECT path FROM unit_version WHERE unit_id = $1 AND valid_from <= $2"
			   " AND (valid_to IS NULL OR valid_to > $2)",
			   &st, e);
	if (rc)
		return rc;
	lt_stmt_bind_int(st, 1, root);
	lt_stmt_bind_text(st, 2, s->day);
	rc = lt_stmt_step(st, e);
	if (rc == 1)
		snprintf(s->path, sizeof(s->path), "%s", lt_stmt_text(st, 0));
	lt_stmt_done(st);
	return rc < 0 ? rc : 0;
}

/* Every unit of the subtree on the day: which child of the root it lies under. */
int rl_scope_all(lt_db *db, scope *s, lt_error *e)
{
	lt_stmt *st = NULL;
	char end[LT_PATH_MAX];
	size_t plen;
	int64_t root = s->root;
	int rc;

	if (!s->path[0])
		return 0; /* the root did not stand on the day: an empty subtree */
	plen = strlen(s->path);
	lt_tree_path_end(s->path, end);
	rc = lt_db_prepare(db,
			   "SELECT unit_id, path FROM unit_version WHERE path >= $1 AND path < $2"
			   " AND valid_from <= $3 AND (valid_to IS NULL OR valid_to > $3) ORDER BY path",
			   &st, e);
	if (rc)
		return rc;
	lt_stmt_bind_text(st, 1, s->path);
	lt_stmt_bind_text(st, 2, end);
	lt_stmt_bind_text(st, 3, s->day);
	while ((rc = lt_stmt_step(st, e)) == 1) {
		int64_t id = lt_stmt_int(st, 0);
		const char *p = lt_stmt_text(st, 1);
		char *tail;
		int64_t kid;
		if (id < 0 || id > s->maxid)
			continue;
		s->inside++;
		if (id == root) {
			s->where[id] = ROOT_ITSELF;
			continue;
		}
		/* The first id after the root's path names the child it lies under. */
		kid = strtoll(p + plen, &tail, 10);
		if (kid < 0 || kid > s->maxid)
			continue;
		s->where[id] = kid_index(s, kid);
	}
	lt_stmt_done(st);
	return rc < 0 ? rc : 0;
}

int rl_scope_build(lt_db *db, int64_t directive, int64_t root, const lt_rollup_opts *o, scope *s,
		   lt_error *e)
{
	int rc = rl_scope_begin(db, directive, root, o, s, e);

	return rc ? rc : rl_scope_all(db, s, e);
}

/*
 * The root and its children on the day, and no unit below them: a seek on
 * the path index per child (the first path after the last child's subtree
 * is the next child's), for the roll-up read from the kept rows.
 */
int rl_scope_kids(lt_db *db, scope *s, lt_error *e)
{
	char cur[LT_PATH_MAX], end[LT_PATH_MAX];
	int rc = 0;

	if (!s->path[0])
		return 0;
	if (s->root >= 0 && s->root <= s->maxid)
		s->where[s->root] = ROOT_ITSELF;
	s->inside = 1;
	lt_tree_path_end(s->path, end);
	snprintf(cur, sizeof(cur), "%s", s->path);
	for (;;) {
		lt_stmt *st = NULL;
		int64_t kid;
		char *tail;
		rc = lt_db_row(db,
			       "SELECT unit_id, path FROM unit_version WHERE path > $1 AND path < $2"
			       " AND valid_from <= $3 AND (valid_to IS NULL OR valid_to > $3)"
			       " ORDER BY path LIMIT 1",
			       &st, e, LT_T(cur), LT_T(end), LT_T(s->day));
		if (rc != 1) {
			lt_stmt_done(st);
			break;
		}
		rc = 0;
		kid = strtoll(lt_stmt_text(st, 1) + strlen(s->path), &tail, 10);
		if (kid >= 0 && kid <= s->maxid && kid_index(s, kid) < 0)
			rc = lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
		/* Past the child's subtree: "/1/5/" → "/1/50" sorts after every "/1/5/…". */
		if (!rc) {
			char kp[LT_PATH_MAX];
			int n = snprintf(kp, sizeof(kp), "%.*s%" PRId64 "/", (int)strlen(s->path),
					 s->path, kid);
			if (n <= 0 || (size_t)n >= sizeof(kp))
				rc = lt_error_set(e, LT_ETOOBIG, "path", "Đường dẫn quá dài", "Path too long");
			else
				lt_tree_path_end(kp, cur);
		}
		lt_stmt_done(st);
		if (rc)
			break;
	}
	return rc < 0 ? rc : 0;
}

int rl_scope_size(lt_db *db, const scope *s, int64_t limit, bool *within, lt_error *e)
{
	char end[LT_PATH_MAX];
	int64_t n = 0;
	int rc;

	*within = true;
	if (!s->path[0])
		return 0;
	lt_tree_path_end(s->path, end);
	rc = lt_db_int(db,
		       "SELECT count(*) FROM (SELECT 1 FROM unit_version WHERE path >= $1 AND path < $2"
		       " AND valid_from <= $3 AND (valid_to IS NULL OR valid_to > $3) LIMIT $4) x",
		       &n, e, LT_T(s->path), LT_T(end), LT_T(s->day), LT_I(limit + 1));
	*within = n <= limit;
	return rc < 0 ? rc : 0;
}

/* Whether the root (always) and each child count, each child's report read alone. */
int rl_scope_count_kids(lt_db *db, int64_t directive, bool include_submitted, scope *s,
			lt_error *e)
{
	int rc = 0;

	if (s->root >= 0 && s->root <= s->maxid && s->where[s->root] == ROOT_ITSELF)
		s->counted[s->root] = 1;
	for (size_t i = 0; !rc && i < s->nkids; i++) {
		lt_stmt *st = NULL;
		rc = lt_db_query(db,
				 "SELECT status FROM report WHERE unit_id = $2 AND directive_id IN " DIRSET,
				 &st, e, LT_I(directive), LT_I(s->kids[i].id));
		while (!rc && (rc = lt_stmt_step(st, e)) == 1) {
			const char *status = lt_stmt_text(st, 0);
			if (!strcmp(status, "accepted") ||
			    (include_submitted && !strcmp(status, "submitted")))
				s->counted[s->kids[i].id] = 1;
			rc = 0;
		}
		lt_stmt_done(st);
		rc = rc < 0 ? rc : 0;
	}
	return rc;
}

/* Mark the units whose figures count: the root and the reviewed reports. */
int rl_scope_count(lt_db *db, int64_t directive, bool include_submitted, scope *s,
		   lt_error *e)
{
	lt_stmt *st = NULL;
	int rc;

	char end[LT_PATH_MAX];

	if (s->where[s->root] == ROOT_ITSELF)
		s->counted[s->root] = 1;
	rc = lt_db_prepare(db,
			   rl_scope_small(s)
				   ? "SELECT unit_id, status FROM report WHERE directive_id IN " DIRSET
				     " AND unit_id IN " SCOPE_UNITS
				   : "SELECT unit_id, status FROM report WHERE directive_id IN " DIRSET,
			   &st, e);
	if (rc)
		return rc;
	lt_stmt_bind_int(st, 1, directive);
	if (rl_scope_small(s))
		rl_scope_bind(st, s, end);
	while ((rc = lt_stmt_step(st, e)) == 1) {
		int64_t id = lt_stmt_int(st, 0);
		const char *status = lt_stmt_text(st, 1);
		if (id < 0 || id > s->maxid || s->where[id] == OUT_SUBTREE)
			continue;
		if (!strcmp(status, "accepted") ||
		    (include_submitted && !strcmp(status, "submitted")))
			s->counted[id] = 1;
	}
	lt_stmt_done(st);
	return rc < 0 ? rc : 0;
}

/* Fill the children's code and name. */
int rl_scope_names(lt_db *db, scope *s, lt_error *e)
{
	for (size_t i = 0; i < s->nkids; i++) {
		lt_unit u;
		int rc = lt_unit_get(db, s->kids[i].id, &s->arena, &u, e);
		if (rc)
			return rc;
		s->kids[i].code = u.code;
		s->kids[i].name = u.name;
	}
	return 0;
}

void rl_combine(enum agg how, double *acc, int64_t *acc_at, double v, int64_t at)
{
	switch (how) {
	case AGG_SUM:
		*acc = (isnan(*acc) ? 0 : *acc) + v;
		break;
	case AGG_MAX:
		*acc = isnan(*acc) || v > *acc ? v : *acc;
		break;
	case AGG_LATEST:
		if (isnan(*acc) || at >= *acc_at) {
			*acc = v;
			*acc_at = at;
		}
		break;
	case AGG_NONE:
		break;
	}
}

int rl_load_indicators(lt_db *db, int64_t directive, figures *f, size_t nkids, lt_arena *a,
		       lt_error *e)
{
	lt_stmt *st = NULL;
	int rc = lt_db_prepare(db,
			       "SELECT i.code, i.name_vi, i.name_en, i.measure, i.aggregation,"
			       " EXISTS (SELECT 1 FROM directive_indicator d WHERE d.directive_id = $1"
			       "   AND d.code = i.code)"
			       " FROM indicator i ORDER BY i.pos",
			       &st, e);

	if (rc)
		return rc;
	lt_stmt_bind_int(st, 1, directive);
	while (f->n < MAX_CODES && (rc = lt_stmt_step(st, e)) == 1) {
		indicator *x = &f->ind[f->n++];
		snprintf(x->code, sizeof(x->code), "%s", lt_stmt_text(st, 0));
		x->name_vi = lt_arena_strdup(a, lt_stmt_text(st, 1));
		x->name_en = lt_arena_strdup(a, lt_stmt_text(st, 2));
		x->measure = lt_arena_strdup(a, lt_stmt_text(st, 3));
		x->agg = lt_arena_strdup(a, lt_stmt_text(st, 4));
		x->how = rl_agg_of(x->agg);
		x->asked = lt_stmt_int(st, 5) != 0;
		x->value = NAN;
		x->per_kid = lt_arena_alloc(a, (nkids ? nkids : 1) * sizeof(double));
		x->per_kid_at = lt_arena_alloc(a, (nkids ? nkids : 1) * sizeof(int64_t));
		for (size_t k = 0; k < nkids; k++) {
			x->per_kid[k] = NAN;
			x->per_kid_at[k] = 0;
		}
	}
	lt_stmt_done(st);
	return rc < 0 ? rc : 0;
}

/* Find the indicator for code, trying the one after the last hit first (rows come in code order). */
static indicator *find_ind(figures *f, const char *code, size_t *hint)
{
	for (size_t t = 0; t < f->n; t++) {
		size_t i = (*hint + t) % f->n;
		if (!strcmp(f->ind[i].code, code)) {
			*hint = i + 1;
			return &f->ind[i];
		}
	}
	return NULL;
}

/* One scan of the directive's values. unit_vals (may be NULL) gets {unit_id: {code: value}}. */
int rl_scan_values(lt_db *db, int64_t directive, scope *s, figures *f, json_t *unit_vals,
		   lt_error *e)
{
	lt_stmt *st = NULL;
	size_t hint = 0;
	char end[LT_PATH_MAX];
	int rc, n = (int)scalar(db, "SELECT count(*) FROM directive WHERE id IN " DIRSET, directive,
				e, &rc);

	if (rc)
		return rc;
	/*
	 * Usually the directive has no implementing directives below it: then a
	 * plain scan with an equality test ("+" keeps SQLite from walking the
	 * key index and fetching each row twice) beats probing the IN set.
	 */
	if (rl_scope_small(s))
		rc = lt_db_prepare(db,
				   "SELECT unit_id, code, value, updated_at FROM indicator_value"
				   " WHERE directive_id IN " DIRSET " AND unit_id IN " SCOPE_UNITS,
				   &st, e);
	else if (n <= 1)
		rc = lt_db_prepare(db,
				   "SELECT unit_id, code, value, updated_at FROM indicator_value"
				   " WHERE +directive_id = $1",
				   &st, e);
	else
		rc = lt_db_prepare(db,
				   "SELECT unit_id, code, value, updated_at FROM indicator_value"
				   " WHERE directive_id IN " DIRSET,
				   &st, e);
	if (rc)
		return rc;
	lt_stmt_bind_int(st, 1, directive);
	if (rl_scope_small(s))
		rl_scope_bind(st, s, end);
	while ((rc = lt_stmt_step(st, e)) == 1) {
		int64_t u = lt_stmt_int(st, 0);
		indicator *x;
		double v;
		int64_t at;
		if (u < 0 || u > s->maxid || !s->counted[u])
			continue;
		x = find_ind(f, lt_stmt_text(st, 1), &hint);
		if (!x || x->how == AGG_NONE)
			continue;
		v = lt_stmt_double(st, 2);
		/* Only "latest" needs the time a value was entered. */
		at = x->how == AGG_LATEST ? lt_stmt_int(st, 3) : 0;
		rl_combine(x->how, &x->value, &x->latest_at, v, at);
		x->units++;
		/* Each child's latest value is the one entered last in its subtree. */
		if (s->where[u] >= 0)
			rl_combine(x->how, &x->per_kid[s->where[u]], &x->per_kid_at[s->where[u]], v, at);
		if (unit_vals) {
			char key[24];
			json_t *o;
			snprintf(key, sizeof(key), "%" PRId64, u);
			o = json_object_get(unit_vals, key);
			if (!o) {
				o = json_object();
				json_object_set_new(unit_vals, key, o);
			}
			json_object_set_new(o, x->code, json_real(v));
		}
	}
	lt_stmt_done(st);
	return rc < 0 ? rc : 0;
}

enum agg rl_agg_of(const char *name)
{
	return !strcmp(name, "sum")    ? AGG_SUM
	       : !strcmp(name, "max")    ? AGG_MAX
	       : !strcmp(name, "latest") ? AGG_LATEST
					 : AGG_NONE;
}

size_t rl_path_ids(const char *path, int64_t *ids, size_t cap)
{
	size_t n = 0;

	while (path && *path) {
		char *tail;
		long long v;
		if (*path == '/') {
			path++;
			continue;
		}
		v = strtoll(path, &tail, 10);
		if (tail == path)
			break;
		if (n < cap)
			ids[n++] = (int64_t)v;
		path = tail;
	}
	return n;
}

json_t *rl_num(double v)
{
	if (isnan(v))
		return json_null();
	if (v == floor(v) && fabs(v) < 9e15)
		return json_integer((json_int_t)v);
	return json_real(v);
}

int lt_rollup_figures(lt_db *db, int64_t directive, int64_t unit, const lt_rollup_opts *o,
		      json_t **out, lt_error *e)
{
	scope s;
	figures *f = calloc(1, sizeof(*f));
	json_t *res = NULL;
	int rc;

	*out = NULL;
	if (!f)
		return lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	rc = rl_scope_build(db, directive, unit, o, &s, e);
	if (!rc)
		rc = rl_scope_count(db, directive, o && o->include_submitted, &s, e);
	if (!rc)
		rc = rl_load_indicators(db, directive, f, s.nkids, &s.arena, e);
	if (!rc)
		rc = rl_scan_values(db, directive, &s, f, NULL, e);
	if (!rc) {
		res = json_object();
		for (size_t i = 0; i < f->n; i++)
			if (f->ind[i].units || f->ind[i].asked)
				json_object_set_new(res, f->ind[i].code, rl_num(f->ind[i].value));
		*out = res;
	}
	rl_scope_free(&s);
	free(f);
	return rc;
}

