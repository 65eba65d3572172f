/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * rollup_collect.c — the report snapshot: items per theme and channel,
 * contest entries, completeness per child and headers; see rollup.h.
 */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/report.h"
#include "store/rollup_int.h"
#include "store/store.h"
#include "store/unit.h"
#include "store/unit_int.h"

static int by_theme_then_items(const void *pa, const void *pb)
{
	json_t *a = *(json_t *const *)pa, *b = *(json_t *const *)pb;
	json_int_t ta = json_integer_value(json_object_get(a, "theme_id"));
	json_int_t tb = json_integer_value(json_object_get(b, "theme_id"));
	json_int_t na = json_integer_value(json_object_get(a, "items"));
	json_int_t nb = json_integer_value(json_object_get(b, "items"));
	const char *ca, *cb;

	/* Items with no theme (0) go last. */
	if (ta != tb)
		return ta == 0 ? 1 : tb == 0 ? -1 : ta < tb ? -1 : 1;
	if (na != nb)
		return na > nb ? -1 : 1;
	/* Ties by channel: the rows come in the backend's order, and qsort is not stable. */
	ca = json_string_value(json_object_get(a, "channel"));
	cb = json_string_value(json_object_get(b, "channel"));
	return strcmp(ca ? ca : "", cb ? cb : "");
}

/* Sort the rows of items[] as by_theme_then_items says. */
static void sort_rows(json_t *items)
{
	size_t n = json_array_size(items);
	json_t **v = calloc(n + 1, sizeof(*v));

	if (!v)
		return;
	for (size_t i = 0; i < n; i++)
		v[i] = json_incref(json_array_get(items, i));
	qsort(v, n, sizeof(*v), by_theme_then_items);
	json_array_clear(items);
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, v[i]);
	free(v);
}

/*
 * The links met by the item scan: each once, with the first row of items[]
 * it was met in; a link met in another row too gets an entry per further
 * row, tagged with the row (most links are met in one row only). Open
 * addressing on a 64-bit hash, a slot with no string is empty, the strings
 * kept once in an arena. A national directive's items are met once each,
 * so no JSON object per link, and a slot is small (the national set has
 * about as many links as items: its probing and its memory were most of
 * the dashboard's time).
 */
typedef struct strset {
	struct slot {
		uint64_t h;
		const char *s;
		int32_t tag; /* -1, or the row of a tagged entry */
		int32_t row; /* untagged: the first row the link was met in */
	} *v;
	size_t n, cap;
	lt_arena arena;
} strset;

/*
 * The slot of (s, tag), added when new (*added) with the string `keep`
 * (NULL: a copy of s); NULL when out of memory.
 */
static struct slot *strset_slot(strset *t, const char *s, uint64_t h, int32_t tag,
				const char *keep, bool *added)
{
	size_t i;

	*added = false;
	if (2 * (t->n + 1) > t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 1024;
		struct slot *v = calloc(cap, sizeof(*v));
		if (!v)
			return NULL;
		for (size_t j = 0; j < t->cap; j++) {
			if (!t->v[j].s)
				continue;
			for (i = t->v[j].h & (cap - 1); v[i].s; i = (i + 1) & (cap - 1))
				;
			v[i] = t->v[j];
		}
		free(t->v);
		t->v = v;
		t->cap = cap;
	}
	for (i = h & (t->cap - 1); t->v[i].s; i = (i + 1) & (t->cap - 1))
		if (t->v[i].h == h && t->v[i].tag == tag && !strcmp(t->v[i].s, s))
			return &t->v[i];
	t->v[i].s = keep ? keep : lt_arena_strdup(&t->arena, s);
	if (!t->v[i].s)
		return NULL;
	t->v[i].h = h;
	t->v[i].tag = tag;
	t->v[i].row = tag;
	t->n++;
	*added = true;
	return &t->v[i];
}

/*
 * Note link s met in row: *new_link when first met at all, *new_in_row when
 * first met in that row. < 0 out of memory.
 */
static int strset_meet(strset *t, const char *s, size_t row, bool *new_link, bool *new_in_row)
{
	uint64_t h = rl_hash(s);
	struct slot *x = strset_slot(t, s, h, -1, NULL, new_link);

	if (!x)
		return -1;
	if (*new_link)
		x->row = (int32_t)row;
	if (*new_link || x->row == (int32_t)row) {
		*new_in_row = *new_link;
		return 0;
	}
	return strset_slot(t, s, h ^ (row * 0x9E3779B97F4A7C15ULL), (int32_t)row, x->s,
			   new_in_row) ? 0 : -1;
}

static void strset_free(strset *t)
{
	free(t->v);
	lt_arena_free(&t->arena);
}

/* One row of items[]: a theme (0: none) and a channel. */
typedef struct item_row {
	int64_t theme_id;
	bool no_theme;
	const char *theme, *channel;
	int64_t items, originals, distinct;
} item_row;

#define ITEMS_SQL                                                                               \
	"SELECT a.unit_id, a.theme_id, t.title, a.channel, a.is_original, a.url_canonical,"      \
	" a.kit_item_id, a.date FROM activity a LEFT JOIN directive_theme t ON t.id = a.theme_id" \
	" WHERE a.directive_id IN " DIRSET

/* Items per theme and channel; originals, shares, distinct links, link-kit shares. */
static int scan_items(lt_db *db, int64_t directive, scope *s, json_t **items, json_t **totals,
		      json_t *per_kid_items, json_t *unit_items, json_t *per_day, lt_error *e)
{
	lt_stmt *st = NULL;
	strset links = { 0 };
	item_row *rows = NULL;
	size_t nrows = 0, caprows = 0, last = 0;
	int64_t *per_kid = calloc(s->nkids + 1, sizeof(*per_kid));
	int64_t n = 0, orig = 0, kit = 0, distinct = 0;
	char day[16] = "", end[LT_PATH_MAX];
	int64_t day_n = 0;
	int rc = !per_kid ? lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory")
			  : lt_db_prepare(db,
					 rl_scope_small(s) ? ITEMS_SQL " AND a.unit_id IN " SCOPE_UNITS
							   : ITEMS_SQL,
					 &st, e);

	*items = *totals = NULL;
	lt_arena_init(&links.arena);
	if (rc)
		goto out;
	lt_stmt_bind_int(st, 1, directive);
	if (rl_scope_small(s))
		rl_scope_bind(st, s, end);
	while ((rc = lt_stmt_step(st, e)) == 1) {
		int64_t u = lt_stmt_int(st, 0);
		const char *url = lt_stmt_text(st, 5), *ch = lt_stmt_text(st, 3);
		bool original = lt_stmt_int(st, 4) != 0, none = lt_stmt_is_null(st, 1);
		int64_t theme = none ? 0 : lt_stmt_int(st, 1);
		item_row *r = NULL;
		if (u < 0 || u > s->maxid || !s->counted[u])
			continue;
		/* The row of (theme, channel): the last one hit first, then a walk. */
		for (size_t k = 0; k < nrows && !r; k++) {
			item_row *x = &rows[(last + k) % nrows];
			if (x->theme_id == theme && !strcmp(x->channel, ch ? ch : ""))
				r = x;
		}
		if (!r) {
			item_row *v = lt_store_grow(&s->arena, rows, nrows, &caprows, sizeof(*rows));
			if (!v) {
				rc = LT_ENOMEM;
				break;
			}
			rows = v;
			r = &rows[nrows++];
			memset(r, 0, sizeof(*r));
			r->theme_id = theme;
			r->no_theme = none;
			r->theme = lt_arena_strdup(&s->arena, lt_stmt_text(st, 2));
			r->channel = lt_arena_strdup(&s->arena, ch ? ch : "");
		}
		last = (size_t)(r - rows);
		r->items++;
		r->originals += original;
		if (url && *url) {
			bool a, b;
			if (strset_meet(&links, url, last, &b, &a) < 0) {
				rc = LT_ENOMEM;
				break;
			}
			r->distinct += a;
			distinct += b;
		}
		n++;
		orig += original;
		kit += !lt_stmt_is_null(st, 6);
		if (per_day && lt_stmt_text(st, 7)) {
			const char *d = lt_stmt_text(st, 7);
			/* Runs of one day are common: count them before touching the object. */
			if (strcmp(d, day)) {
				if (day[0])
					json_object_set_new(per_day, day,
							    json_integer(json_integer_value(json_object_get(per_day, day)) + day_n));
				snprintf(day, sizeof(day), "%s", d);
				day_n = 0;
			}
			day_n++;
		}
		if (s->where[u] >= 0)
			per_kid[s->where[u]]++;
		if (unit_items) {
			char k[24];
			snprintf(k, sizeof(k), "%" PRId64, u);
			json_object_set_new(unit_items, k,
					    json_integer(json_integer_value(json_object_get(unit_items, k)) + 1));
		}
	}
	lt_stmt_done(st);
	if (rc == LT_ENOMEM)
		rc = lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	if (rc < 0)
		goto out;
	rc = 0;
	if (per_day && day[0])
		json_object_set_new(per_day, day,
				    json_integer(json_integer_value(json_object_get(per_day, day)) + day_n));
	for (size_t k = 0; per_kid_items && k < s->nkids; k++)
		if (per_kid[k]) {
			char key[24];
			snprintf(key, sizeof(key), "%zu", k);
			json_object_set_new(per_kid_items, key, json_integer(per_kid[k]));
		}
	*items = json_array();
	{
		/* Theme by theme in the directive's order, each theme's busiest channel first. */
		json_t **sorted = calloc(nrows + 1, sizeof(*sorted));
		for (size_t i = 0; sorted && i < nrows; i++)
			sorted[i] = json_pack("{s:o,s:s?,s:s,s:I,s:I,s:I,s:I}", "theme_id",
					      rows[i].no_theme ? json_null() : json_integer(rows[i].theme_id),
					      "theme", rows[i].theme, "channel", rows[i].channel, "items",
					      (json_int_t)rows[i].items, "originals",
					      (json_int_t)rows[i].originals, "shares",
					      (json_int_t)(rows[i].items - rows[i].originals),
					      "distinct_links", (json_int_t)rows[i].distinct);
		if (sorted)
			qsort(sorted, nrows, sizeof(*sorted), by_theme_then_items);
		for (size_t i = 0; sorted && i < nrows; i++)
			json_array_append_new(*items, sorted[i]);
		free(sorted);
	}
	*totals = json_pack("{s:I,s:I,s:I,s:I,s:I}", "items", (json_int_t)n, "originals",
			    (json_int_t)orig, "shares", (json_int_t)(n - orig), "distinct_links",
			    (json_int_t)distinct, "kit_shares", (json_int_t)kit);
out:
	strset_free(&links);
	free(per_kid);
	return rc;
}

static int scan_contests(lt_db *db, int64_t directive, scope *s, json_t **out, lt_error *e)
{
	lt_stmt *st = NULL;
	json_t *c = json_pack("{s:i,s:i}", "writing", 0, "video", 0);
	int rc = lt_db_prepare(db,
			       "SELECT e.unit_id, e.category FROM contest_entry e"
			       " JOIN contest c ON c.id = e.contest_id WHERE c.directive_id IN " DIRSET,
			       &st, e);

	*out = NULL;
	if (rc) {
		json_decref(c);
		return rc;
	}
	lt_stmt_bind_int(st, 1, directive);
	while ((rc = lt_stmt_step(st, e)) == 1) {
		int64_t u = lt_stmt_int(st, 0);
		const char *cat = lt_stmt_text(st, 1);
		if (u < 0 || u > s->maxid || !s->counted[u])
			continue;
		json_object_set_new(c, cat, json_integer(json_integer_value(json_object_get(c, cat)) + 1));
	}
	lt_stmt_done(st);
	if (rc < 0) {
		json_decref(c);
		return rc;
	}
	*out = c;
	return 0;
}

/*
 * Who was expected to report (recipients in the subtree as it stood on
 * the day) and how they did: on time, late, missing; per child too.
 */
static int completeness(lt_db *db, int64_t directive, scope *s, json_t *kids, bool statuses_too,
			json_t **out, lt_error *e)
{
	lt_stmt *st = NULL;
	int64_t due = lt_deadline_end(s->day), expected = 0, on_time = 0, late = 0;
	json_t *missing = json_array(), *statuses = json_object();
	char end[LT_PATH_MAX];
	/*
	 * The recipients of the subtree as it stood, in the order of the day's
	 * tree: a walk of its range (CROSS JOIN keeps SQLite from reading every
	 * receipt of the directive first and sorting them).
	 */
	int rc = lt_db_prepare(db,
			       "SELECT r.unit_id, u.code, u.name, p.status, p.first_submitted_at"
			       " FROM unit_version v CROSS JOIN receipt r JOIN unit u ON u.id = v.unit_id"
			       " LEFT JOIN report p ON p.directive_id = r.directive_id"
			       "  AND p.unit_id = r.unit_id AND p.first_submitted_at IS NOT NULL"
			       " WHERE r.directive_id = $1 AND r.unit_id = v.unit_id"
			       " AND v.path >= $2 AND v.path < $3 AND v.valid_from <= $4"
			       " AND (v.valid_to IS NULL OR v.valid_to > $4) ORDER BY v.path",
			       &st, e);

	*out = NULL;
	if (rc)
		goto out;
	lt_stmt_bind_int(st, 1, directive);
	rl_scope_bind(st, s, end);
	while ((rc = lt_stmt_step(st, e)) == 1) {
		int64_t u = lt_stmt_int(st, 0);
		int32_t w;
		const char *state;
		json_t *kid = NULL;
		if (u < 0 || u > s->maxid || s->where[u] == OUT_SUBTREE)
			continue;
		w = s->where[u];
		expected++;
		if (lt_stmt_is_null(st, 4))
			state = "missing";
		else if (lt_stmt_int(st, 4) <= due)
			state = "on_time";
		else
			state = "late";
		on_time += state[0] == 'o';
		late += state[0] == 'l';
		if (state[0] == 'm' && json_array_size(missing) < LT_ROLLUP_MISSING_MAX)
			json_array_append_new(missing, json_pack("{s:I,s:s,s:s}", "id", (json_int_t)u,
								 "code", lt_stmt_text(st, 1), "name",
								 lt_stmt_text(st, 2)));
		/* Each unit's status only for the per-unit list (small subtrees). */
		if (statuses_too)
			json_object_set_new(statuses, lt_stmt_text(st, 1),
					    json_string(lt_stmt_is_null(st, 3) ? "missing"
										: lt_stmt_text(st, 3)));
		if (w >= 0)
			kid = json_array_get(kids, (size_t)w);
		if (kid) {
			json_t *c = json_object_get(kid, "completeness");
			json_object_set_new(c, "expected", json_integer(json_integer_value(json_object_get(c, "expected")) + 1));
			json_object_set_new(c, state, json_integer(json_integer_value(json_object_get(c, state)) + 1));
		}
	}
	lt_stmt_done(st);
	if (rc < 0)
		goto out;
	rc = 0;
	/* Rates per child (DHIS2's reporting rate and on-time rate). */
	{
		size_t i;
		json_t *k;
		json_array_foreach(kids, i, k) {
			json_t *c = json_object_get(k, "completeness");
			double ex = (double)json_integer_value(json_object_get(c, "expected"));
			double ot = (double)json_integer_value(json_object_get(c, "on_time"));
			double lt = (double)json_integer_value(json_object_get(c, "late"));
			json_object_set_new(c, "reporting_rate", ex > 0 ? json_real((ot + lt) / ex) : json_null());
			json_object_set_new(c, "on_time_rate", ex > 0 ? json_real(ot / ex) : json_null());
		}
	}
	*out = json_pack("{s:s,s:I,s:I,s:I,s:I,s:I,s:o,s:o,s:o,s:O}", "deadline", s->day, "expected",
			 (json_int_t)expected, "submitted", (json_int_t)(on_time + late), "on_time",
			 (json_int_t)on_time, "late", (json_int_t)late, "missing",
			 (json_int_t)(expected - on_time - late), "reporting_rate",
			 expected ? json_real((double)(on_time + late) / (double)expected) : json_null(),
			 "on_time_rate", expected ? json_real((double)on_time / (double)expected) : json_null(),
			 "missing_units", missing, "statuses", statuses);
	missing = NULL;
out:
	json_decref(missing);
	json_decref(statuses);
	return rc;
}

/* Header objects of the snapshot. */
static int headers(lt_db *db, int64_t directive, int64_t unit, lt_arena *a, json_t *snap,
		   lt_error *e)
{
	lt_stmt *st = NULL;
	lt_unit u, p;
	int rc = lt_unit_get(db, unit, a, &u, e);

	if (rc)
		return rc;
	json_object_set_new(snap, "unit", json_pack("{s:I,s:s,s:s,s:s,s:s?}", "id", (json_int_t)u.id,
						    "code", u.code, "name", u.name, "level", u.level,
						    "email", u.email));
	if (u.parent_id && !lt_unit_get(db, u.parent_id, a, &p, NULL))
		json_object_set_new(json_object_get(snap, "unit"), "parent",
				    json_pack("{s:I,s:s,s:s?}", "id", (json_int_t)p.id, "name", p.name,
					      "email", p.email));
	rc = lt_db_prepare(db,
			   "SELECT d.number, d.date, d.subject, d.report_deadline, x.name, d.doc"
			   " FROM directive d JOIN unit x ON x.id = d.issuer_id WHERE d.id = $1",
			   &st, e);
	if (rc)
		return rc;
	lt_stmt_bind_int(st, 1, directive);
	rc = lt_stmt_step(st, e);
	if (rc == 1) {
		json_t *doc = json_loads(lt_stmt_text(st, 5), 0, NULL);
		json_object_set_new(snap, "directive",
				    json_pack("{s:I,s:s?,s:s?,s:s?,s:s?,s:s,s:O?}", "id",
					      (json_int_t)directive, "number", lt_stmt_text(st, 0),
					      "date", lt_stmt_text(st, 1), "subject", lt_stmt_text(st, 2),
					      "report_deadline", lt_stmt_text(st, 3), "issuer",
					      lt_stmt_text(st, 4), "report_email",
					      json_object_get(doc, "report_email")));
		json_decref(doc);
	}
	lt_stmt_done(st);
	if (rc == 0)
		return lt_error_set(e, LT_ENOTFOUND, "directive", "Không có công văn #%" PRId64,
				    "No directive #%" PRId64, directive);
	return rc < 0 ? rc : 0;
}

static json_t *figures_json(figures *f)
{
	json_t *arr = json_array();

	for (size_t i = 0; i < f->n; i++) {
		indicator *x = &f->ind[i];
		if (!x->units && !x->asked)
			continue;
		json_array_append_new(arr, json_pack("{s:s,s:s,s:s,s:s,s:s,s:o,s:I,s:b}", "code",
						     x->code, "name", x->name_vi, "name_en", x->name_en,
						     "measure", x->measure, "aggregation", x->agg,
						     "value", rl_num(x->value), "units", (json_int_t)x->units,
						     "asked", x->asked));
	}
	return arr;
}

int lt_rollup_collect(lt_db *db, int64_t directive, int64_t unit, const lt_rollup_opts *o,
		      json_t **out, lt_error *e)
{
	scope s;
	figures *f = calloc(1, sizeof(*f));
	json_t *snap = json_object(), *kids = json_array(), *kid_items = json_object();
	json_t *unit_vals = o && o->per_unit ? json_object() : NULL;
	json_t *unit_items = o && o->per_unit ? json_object() : NULL;
	json_t *items = NULL, *totals = NULL, *contests = NULL, *comp = NULL, *per_day = json_object();
	bool kept;
	int64_t units_counted = 0;
	int rc;

	*out = NULL;
	if (!f) {
		json_decref(snap);
		return lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	}
	rc = rl_scope_begin(db, directive, unit, o, &s, e);
	if (!rc && unit_vals) {
		/* The per-unit list only for small subtrees: the response stays bounded. */
		bool small = false;
		rc = rl_scope_size(db, &s, LT_ROLLUP_UNITS_MAX, &small, e);
		if (!rc && !small) {
			json_decref(unit_vals);
			json_decref(unit_items);
			unit_vals = unit_items = NULL;
		}
	}
	/*
	 * Without the per-unit list (a large subtree) the figures, the items and
	 * the completeness come from the kept tables: no scan of the subtree's
	 * rows, and of its units only the root and its children.
	 */
	kept = !(o && (o->as_of || o->recompute)) && !unit_vals;
	if (!rc)
		rc = kept ? rl_scope_kids(db, &s, e) : rl_scope_all(db, &s, e);
	if (!rc)
		rc = (kept ? rl_scope_count_kids : rl_scope_count)(db, directive,
								  o && o->include_submitted, &s, e);
	if (!rc)
		rc = rl_scope_names(db, &s, e);
	if (!rc)
		rc = headers(db, directive, unit, &s.arena, snap, e);
	if (!rc)
		rc = rl_load_indicators(db, directive, f, s.nkids, &s.arena, e);
	if (!rc && kept)
		rc = rl_kept_figures(db, directive, unit, &s, f, o && o->include_submitted, e);
	else if (!rc)
		rc = rl_scan_values(db, directive, &s, f, unit_vals, e);
	/* The items likewise: from the kept counts, or a scan of the subtree's items. */
	if (!rc && kept) {
		rc = rl_items_read(db, directive, &s, o && o->include_submitted, &items, &totals,
				   kid_items, per_day, &units_counted, e);
		if (!rc)
			sort_rows(items);
	} else if (!rc)
		rc = scan_items(db, directive, &s, &items, &totals, kid_items, unit_items, per_day, e);
	if (!rc)
		rc = kept ? rl_count_contests(db, directive, &s, o && o->include_submitted, &contests, e)
			  : scan_contests(db, directive, &s, &contests, e);
	for (size_t k = 0; !rc && k < s.nkids; k++) {
		json_t *fig = json_object();
		char key[24];
		for (size_t i = 0; i < f->n; i++)
			if (!isnan(f->ind[i].per_kid[k]))
				json_object_set_new(fig, f->ind[i].code, rl_num(f->ind[i].per_kid[k]));
		snprintf(key, sizeof(key), "%zu", k);
		json_array_append_new(kids, json_pack("{s:I,s:s,s:s,s:o,s:I,s:{s:i,s:i,s:i,s:i}}", "id",
						      (json_int_t)s.kids[k].id, "code", s.kids[k].code,
						      "name", s.kids[k].name, "figures", fig, "items",
						      json_integer_value(json_object_get(kid_items, key)),
						      "completeness", "expected", 0, "on_time", 0,
						      "late", 0, "missing", 0));
	}
	if (!rc && kept)
		rc = rl_kept_completeness(db, directive, &s, kids, &comp, e);
	else if (!rc)
		rc = completeness(db, directive, &s, kids, unit_vals != NULL, &comp, e);
	if (rc)
		goto out;
	json_object_set_new(snap, "as_of", json_string(s.day));
	json_object_set_new(snap, "basis", json_string(o && o->include_submitted
							    ? "accepted_submitted" : "accepted"));
	json_object_set_new(snap, "generated_at", json_integer(lt_now()));
	json_object_set_new(snap, "rollup",
			    json_pack("{s:o,s:O,s:O,s:O,s:O,s:I}", "figures", figures_json(f),
				      "item_totals", totals, "items", items, "items_per_day", per_day,
				      "contests", contests, "units_counted", (json_int_t)0));
	if (!kept) {
		units_counted = 0;
		for (int64_t i = 0; i <= s.maxid; i++)
			units_counted += s.counted[i];
	}
	json_object_set_new(json_object_get(snap, "rollup"), "units_counted",
			    json_integer(units_counted));
	json_object_set(snap, "children", kids);
	json_object_set(snap, "completeness", comp);
	if (unit_vals) {
		/* Every counted unit with its figures, in tree order (small subtrees). */
		json_t *list = json_array();
		for (int64_t i = 0; i <= s.maxid; i++) {
			char key[24];
			lt_unit u;
			if (!s.counted[i] || lt_unit_get(db, i, &s.arena, &u, NULL))
				continue;
			snprintf(key, sizeof(key), "%" PRId64, i);
			json_array_append_new(list, json_pack("{s:I,s:s,s:s,s:O?,s:I,s:O?}", "id",
							      (json_int_t)i, "code", u.code, "name", u.name,
							      "figures", json_object_get(unit_vals, key),
							      "items",
							      json_integer_value(json_object_get(unit_items, key)),
							      "status",
							      json_object_get(json_object_get(comp, "statuses"), u.code)));
		}
		json_object_set_new(snap, "units", list);
	}
	json_object_del(comp, "statuses");
	*out = snap;
	snap = NULL;
out:
	json_decref(snap);
	json_decref(kids);
	json_decref(kid_items);
	json_decref(unit_vals);
	json_decref(unit_items);
	json_decref(items);
	json_decref(totals);
	json_decref(contests);
	json_decref(comp);
	json_decref(per_day);
	rl_scope_free(&s);
	free(f);
	return rc;
}
