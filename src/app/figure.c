/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* figure.c — care figures' use cases; see figure.h. */
#include "app/figure.h"


#include <stdlib.h>
#include <string.h>

#include "app/activity_access.h"
#include "app/activity_json.h"
#include "app/kept.h"
#include "core/page.h"
#include "store/rollup.h"

#define MAX_WARNINGS 64

int lt_app_indicators_list(lt_db *db, const lt_actor *who, int64_t directive_id, lt_arena *a,
			   lt_app_indicators *out, lt_error *e)
{
	int rc = lt_actor_need_role(who, LT_ROLE_CADRE, e);

	memset(out, 0, sizeof(*out));
	if (rc)
		return rc;
	if (!directive_id) {
		out->catalogue = true;
		return lt_indicator_catalogue(db, a, &out->rows, &out->n, e);
	}
	/* The set the directive asks for, in catalogue order. */
	rc = lt_app_act_directive(db, who, directive_id, e);
	return rc ? rc : lt_indicator_set_of(db, directive_id, a, &out->set, &out->n, e);
}

static const lt_indicator_info *find_info(const lt_indicator_info *set, size_t n, const char *code)
{
	for (size_t i = 0; code && i < n; i++)
		if (!strcmp(set[i].def.code, code))
			return &set[i];
	return NULL;
}

/* The set's definitions in set order, for lt_indicator_warnings (arena); NULL: out of memory. */
static lt_indicator_def *defs_of(const lt_indicator_info *set, size_t nset, lt_arena *a)
{
	lt_indicator_def *defs = lt_arena_alloc(a, (nset ? nset : 1) * sizeof(*defs));

	for (size_t i = 0; defs && i < nset; i++)
		defs[i] = set[i].def;
	return defs;
}

/*
 * The warnings that a unit's values v[nset] (against defs) raise, each with
 * its confirmation among acks[nacks], into *w[*nw] (arena).
 */
static int warn(const lt_indicator_def *defs, const lt_app_figure *v, size_t nset,
		const lt_figure_ack_row *acks, size_t nacks, lt_arena *a, lt_app_warning **w,
		size_t *nw, lt_error *e)
{
	lt_indicator_warning raised[MAX_WARNINGS];
	lt_indicator_val *vals = lt_arena_alloc(a, (nset ? nset : 1) * sizeof(*vals));
	size_t k;

	if (!vals)
		return lt_app_act_nomem(e);
	for (size_t i = 0; i < nset; i++)
		vals[i] = (lt_indicator_val){ defs[i].code, v[i].value, v[i].set };
	k = lt_indicator_warnings(defs, nset, vals, nset, raised, MAX_WARNINGS);
	*nw = k < MAX_WARNINGS ? k : MAX_WARNINGS;
	*w = lt_arena_alloc(a, (*nw ? *nw : 1) * sizeof(**w));
	if (!*w)
		return lt_app_act_nomem(e);
	for (size_t i = 0; i < *nw; i++) {
		lt_app_warning *x = &(*w)[i];
		memset(x, 0, sizeof(*x));
		x->w = raised[i];
		for (size_t j = 0; j < nacks; j++)
			if (!strcmp(acks[j].rule, raised[i].rule)) {
				x->confirmed = true;
				x->comment = acks[j].comment;
				x->confirmed_at = acks[j].acked_at;
			}
	}
	return 0;
}

/* A new v[nset] (arena) with no value set; NULL: out of memory. */
static lt_app_figure *no_values(const lt_indicator_info *set, size_t nset, lt_arena *a)
{
	lt_app_figure *v = lt_arena_alloc(a, (nset ? nset : 1) * sizeof(*v));

	for (size_t i = 0; v && i < nset; i++)
		v[i] = (lt_app_figure){ .info = &set[i] };
	return v;
}

/*
 * The values of (d, u) against set[nset] into v[nset] (arena), and the
 * warnings they raise with their confirmations into *w[*nw].
 */
static int load(lt_db *db, int64_t d, int64_t u, const lt_indicator_info *set, size_t nset,
		lt_arena *a, lt_app_figure **v, lt_app_warning **w, size_t *nw, lt_error *e)
{
	lt_figure_row *rows = NULL;
	lt_figure_ack_row *acks = NULL;
	lt_indicator_def *defs;
	size_t nrows = 0, nacks = 0;
	int rc = lt_figures_values(db, d, u, a, &rows, &nrows, e);

	if (!rc)
		rc = lt_figures_acks(db, d, u, a, &acks, &nacks, e);
	if (rc)
		return rc;
	*v = no_values(set, nset, a);
	defs = defs_of(set, nset, a);
	if (!*v || !defs)
		return lt_app_act_nomem(e);
	for (size_t i = 0; i < nset; i++)
		for (size_t j = 0; j < nrows; j++) {
			if (strcmp(rows[j].code, set[i].def.code))
				continue;
			(*v)[i].set = true;
			(*v)[i].value = rows[j].value;
			(*v)[i].note = rows[j].note;
			(*v)[i].updated_at = rows[j].updated_at;
		}
	return warn(defs, *v, nset, acks, nacks, a, w, nw, e);
}

/* The figures of (d, u) as they are now. */
static int figures_of(lt_db *db, int64_t d, int64_t u, lt_arena *a, lt_app_figures *out,
		      lt_error *e)
{
	lt_indicator_info *set = NULL;
	int rc;

	memset(out, 0, sizeof(*out));
	out->directive_id = d;
	out->unit_id = u;
	rc = lt_indicator_set_of(db, d, a, &set, &out->n, e);
	if (!rc)
		rc = load(db, d, u, set, out->n, a, &out->v, &out->warnings, &out->nwarnings, e);
	if (!rc)
		rc = lt_app_act_locked(db, d, u, &out->locked, &out->waiting, e);
	return rc;
}

int lt_app_figures_get(lt_db *db, const lt_actor *who, int64_t directive_id, int64_t unit_id,
		       lt_arena *a, lt_app_figures *out, lt_error *e)
{
	int64_t u = 0;
	int rc = lt_app_act_directive(db, who, directive_id, e);

	memset(out, 0, sizeof(*out));
	if (!rc)
		rc = lt_app_act_read_unit(db, who, unit_id, &u, e);
	return rc ? rc : figures_of(db, directive_id, u, a, out, e);
}

/* Check vals[n] against the set of directive d: known codes, allowed values, short notes. */
static int check_values(const lt_indicator_info *set, size_t nset, const lt_figure_in *vals,
			size_t n, lt_error *e)
{
	int rc = 0;

	for (size_t i = 0; !rc && i < n; i++) {
		const lt_indicator_info *info = find_info(set, nset, vals[i].code);
		if (!info)
			return lt_error_set(e, LT_EINVAL, "code",
					    "Công văn này không yêu cầu chỉ tiêu \"%s\"",
					    "This directive does not ask for indicator \"%s\"",
					    vals[i].code ? vals[i].code : "");
		/* The error names the indicator's code. */
		if (!vals[i].clear)
			rc = lt_indicator_check(&info->def, vals[i].value, e);
		if (!rc && vals[i].note && strlen(vals[i].note) > 1000)
			rc = lt_error_set(e, LT_EINVAL, "note", "Ghi chú dài quá 1000 byte",
					  "The note is longer than 1000 bytes");
	}
	return rc;
}

int lt_app_figures_set(lt_db *db, const lt_actor *who, int64_t directive_id, int64_t unit_id,
		       const lt_figure_in *vals, size_t n, lt_arena *a, lt_app_figures *out,
		       lt_error *e)
{
	lt_indicator_info *set = NULL;
	size_t nset = 0, bad = 0;
	int64_t u = 0;
	int rc = lt_app_act_writer(db, who, directive_id, unit_id, &u, e);

	memset(out, 0, sizeof(*out));
	if (!rc)
		rc = lt_app_act_begin(db, directive_id, u, e);
	if (rc)
		return rc;
	rc = lt_indicator_set_of(db, directive_id, a, &set, &nset, e);
	if (!rc)
		rc = check_values(set, nset, vals, n, e);
	if (!rc)
		rc = lt_figures_write(db, directive_id, u, vals, n, lt_actor_audit_id(who), &bad, e);
	if (!rc)
		rc = figures_of(db, directive_id, u, a, out, e);
	return lt_db_end(db, rc, e);
}

int lt_app_figures_confirm(lt_db *db, const lt_actor *who, int64_t directive_id, int64_t unit_id,
			   const char *rule, const char *comment, lt_arena *a, lt_app_figures *out,
			   lt_error *e)
{
	bool raised = false;
	int64_t u = 0;
	int rc = lt_app_act_writer(db, who, directive_id, unit_id, &u, e);

	memset(out, 0, sizeof(*out));
	if (rc)
		return rc;
	if (!comment || !*comment || strlen(comment) > 1000)
		return lt_error_set(e, LT_EINVAL, "comment",
				    "Cần ghi chú giải thích (tối đa 1000 byte) để xác nhận cảnh báo",
				    "A comment (at most 1000 bytes) is needed to confirm a warning");
	rc = lt_app_act_begin(db, directive_id, u, e);
	if (rc)
		return rc;
	rc = figures_of(db, directive_id, u, a, out, e);
	for (size_t i = 0; !rc && i < out->nwarnings; i++)
		raised = raised || !strcmp(out->warnings[i].w.rule, rule ? rule : "");
	if (!rc && !raised)
		rc = lt_error_set(e, LT_ENOTFOUND, "rule", "Không có cảnh báo \"%s\" để xác nhận",
				  "There is no warning \"%s\" to confirm", rule ? rule : "");
	if (!rc)
		rc = lt_figures_ack_put(db, directive_id, u, rule, comment, lt_actor_audit_id(who), e);
	if (!rc)
		rc = figures_of(db, directive_id, u, a, out, e);
	return lt_db_end(db, rc, e);
}

int lt_app_figures_history(lt_db *db, const lt_actor *who, int64_t directive_id, int64_t unit_id,
			   const lt_page *pg, lt_arena *a, lt_figure_change **v, size_t *n,
			   lt_error *e)
{
	int64_t u = 0, before = 0;
	int max = 0;
	int rc = lt_app_act_directive(db, who, directive_id, e);

	*v = NULL;
	*n = 0;
	if (!rc)
		rc = lt_app_act_read_unit(db, who, unit_id, &u, e);
	if (!rc)
		rc = lt_page_cursor_id(pg, &before, &max, e);
	return rc ? rc : lt_figures_history(db, directive_id, u, before, max, a, v, n, e);
}

/* Totals per indicator over the units' values, by each indicator's aggregation. */
static int totals(lt_app_summary *s, lt_arena *a, lt_error *e)
{
	double *v = lt_arena_alloc(a, (s->nunits ? s->nunits : 1) * sizeof(*v));

	s->total = lt_arena_alloc(a, (s->nset ? s->nset : 1) * sizeof(*s->total));
	s->reporting = lt_arena_alloc(a, (s->nset ? s->nset : 1) * sizeof(*s->reporting));
	if (!v || !s->total || !s->reporting)
		return lt_app_act_nomem(e);
	for (size_t j = 0; j < s->nset; j++) {
		size_t k = 0;
		for (size_t i = 0; i < s->nunits; i++)
			if (s->units[i].v[j].set)
				v[k++] = s->units[i].v[j].value;
		s->reporting[j] = (int64_t)k;
		s->total[j] = lt_indicator_aggregate(&s->set[j].def, v, NULL, k);
	}
	return 0;
}

/*
 * The set's indices in code order, to find a code's place in the set in a
 * comparison or a few: a page's values come about 700 at a time against a
 * set of 21 (the Tết default), where a scan of the set took 10% of the
 * summary's time in strcmp.
 */
typedef struct set_index {
	const lt_indicator_info *set;
	size_t n;
	size_t *ord;  /* set indices, by code */
	size_t last;  /* the place in ord of the last code found: a unit's codes come in order */
} set_index;

static int set_index_init(set_index *x, const lt_indicator_info *set, size_t n, lt_arena *a)
{
	x->set = set;
	x->n = n;
	x->last = 0;
	x->ord = lt_arena_alloc(a, (n ? n : 1) * sizeof(*x->ord));
	if (!x->ord)
		return -1;
	/* Insertion sort: a set is a few dozen indicators at most. */
	for (size_t i = 0; i < n; i++) {
		size_t k = i;
		for (; k > 0 && strcmp(set[x->ord[k - 1]].def.code, set[i].def.code) > 0; k--)
			x->ord[k] = x->ord[k - 1];
		x->ord[k] = i;
	}
	return 0;
}

/* The set index of code, or x->n when the set does not ask for it. */
static size_t set_find(set_index *x, const char *code)
{
	size_t lo = 0, hi = x->n;

	if (x->last + 1 < x->n && !strcmp(x->set[x->ord[x->last + 1]].def.code, code))
		return x->ord[++x->last];
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(x->set[x->ord[mid]].def.code, code);
		if (!c) {
			x->last = mid;
			return x->ord[mid];
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return x->n;
}

/* A page's unit id and its index on the page, for finding a row's unit. */
typedef struct page_ref {
	int64_t id;
	size_t i;
} page_ref;

static int cmp_ref(const void *x, const void *y)
{
	int64_t a = ((const page_ref *)x)->id, b = ((const page_ref *)y)->id;

	return (a > b) - (a < b);
}

/* The index on the page of unit id (refs[n] sorted by id), or n when it is not there. */
static size_t page_index(const page_ref *refs, size_t n, int64_t id)
{
	page_ref key = { id, 0 };
	const page_ref *r = bsearch(&key, refs, n, sizeof(*refs), cmp_ref);

	return r ? r->i : n;
}

/*
 * The values and warnings of a page's units (s->units[s->nunits], in tree
 * order, each unit set): one statement for the values and one for the
 * confirmations of every unit on the page's stretch of paths (store/
 * indicator.h's *_in), where load() asks two per unit. A row of a unit in
 * that stretch but not on the page (no receipt) is passed over. Each unit
 * gets what load() gives it, without the values' notes and times. ix: the
 * set by code (set_index_init).
 */
static int load_page(lt_db *db, int64_t d, lt_app_summary *s, set_index *ix, lt_arena *a,
		     lt_error *e)
{
	lt_figure_unit_value *vals = NULL;
	lt_figure_unit_ack *acks = NULL;
	lt_figure_ack_row *mine;
	lt_indicator_def *defs;
	page_ref *refs;
	size_t nvals = 0, nacks = 0, n = s->nunits;
	int rc;

	if (!n)
		return 0;
	rc = lt_figures_values_in(db, d, s->units[0].unit.path, s->units[n - 1].unit.path, a, &vals,
				  &nvals, e);
	if (!rc)
		rc = lt_figures_acks_in(db, d, s->units[0].unit.path, s->units[n - 1].unit.path, a,
					&acks, &nacks, e);
	if (rc)
		return rc;
	defs = defs_of(s->set, s->nset, a);
	refs = lt_arena_alloc(a, n * sizeof(*refs));
	mine = lt_arena_alloc(a, (nacks ? nacks : 1) * sizeof(*mine));
	if (!defs || !refs || !mine)
		return lt_app_act_nomem(e);
	for (size_t i = 0; i < n; i++) {
		refs[i] = (page_ref){ s->units[i].unit.id, i };
		s->units[i].v = no_values(s->set, s->nset, a);
		if (!s->units[i].v)
			return lt_app_act_nomem(e);
	}
	qsort(refs, n, sizeof(*refs), cmp_ref);
	for (size_t k = 0; k < nvals; k++) {
		size_t i = page_index(refs, n, vals[k].unit_id), j;
		if (i == n || (j = set_find(ix, vals[k].code)) == s->nset)
			continue;
		s->units[i].v[j].set = true;
		s->units[i].v[j].value = vals[k].value;
	}
	for (size_t i = 0; !rc && i < n; i++) {
		lt_app_summary_unit *u = &s->units[i];
		size_t m = 0;
		for (size_t k = 0; k < nacks; k++)
			if (acks[k].unit_id == u->unit.id)
				mine[m++] = acks[k].ack;
		rc = warn(defs, u->v, s->nset, mine, m, a, &u->warnings, &u->nwarnings, e);
		for (size_t k = 0; !rc && k < u->nwarnings; k++)
			u->unconfirmed += !u->warnings[k].confirmed;
	}
	return rc;
}

/*
 * The whole summary of a subtree (the CLI's and the figures export's): its
 * recipients read in path order, then their values and warnings a stretch
 * of SUMMARY_STRETCH units at a time, two statements each (load_page), where
 * a national export asked two per unit, 276,000 in all.
 */
enum { SUMMARY_STRETCH = 500 };

/* Access, the set and every recipient unit, in out (no values yet); ix: the set by code. */
static int summary_units(lt_db *db, const lt_actor *who, int64_t directive_id, int64_t unit_id,
			 lt_arena *a, lt_app_summary *out, set_index *ix, lt_error *e)
{
	lt_act_unit *units = NULL;
	const char *within = NULL;
	int rc = lt_app_act_directive(db, who, directive_id, e);

	memset(out, 0, sizeof(*out));
	if (!rc)
		rc = lt_app_act_within(db, who, unit_id, a, &within, e);
	if (!rc)
		rc = lt_indicator_set_of(db, directive_id, a, &out->set, &out->nset, e);
	if (!rc)
		rc = lt_figures_units(db, directive_id, within, a, &units, &out->nunits, e);
	if (rc)
		return rc;
	out->units = lt_arena_alloc(a, (out->nunits ? out->nunits : 1) * sizeof(*out->units));
	if (!out->units || set_index_init(ix, out->set, out->nset, a))
		return lt_app_act_nomem(e);
	for (size_t i = 0; i < out->nunits; i++)
		out->units[i] = (lt_app_summary_unit){ .unit = units[i] };
	out->recipients = (int64_t)out->nunits;
	return 0;
}

/* The stretch of s's units from from on, as a summary of its own (no totals). */
static lt_app_summary stretch_of(const lt_app_summary *s, size_t from)
{
	lt_app_summary part = *s;

	part.units = s->units + from;
	part.nunits = s->nunits - from < SUMMARY_STRETCH ? s->nunits - from : SUMMARY_STRETCH;
	part.total = NULL;
	part.reporting = NULL;
	return part;
}

int lt_app_figures_summary(lt_db *db, const lt_actor *who, int64_t directive_id, int64_t unit_id,
			   lt_arena *a, lt_app_summary *out, lt_error *e)
{
	set_index ix;
	int rc = summary_units(db, who, directive_id, unit_id, a, out, &ix, e);

	for (size_t from = 0; !rc && from < out->nunits; from += SUMMARY_STRETCH) {
		lt_app_summary part = stretch_of(out, from);
		rc = load_page(db, directive_id, &part, &ix, a, e);
	}
	return rc ? rc : totals(out, a, e);
}

int lt_app_figures_each(lt_db *db, const lt_actor *who, int64_t directive_id, int64_t unit_id,
			lt_app_summary_fn fn, void *ctx, lt_error *e)
{
	lt_app_summary all;
	set_index ix;
	lt_arena a, part_a;
	int rc;

	lt_arena_init(&a);
	rc = summary_units(db, who, directive_id, unit_id, &a, &all, &ix, e);
	for (size_t from = 0; !rc && from < all.nunits; from += SUMMARY_STRETCH) {
		lt_app_summary part = stretch_of(&all, from);
		/* A stretch's values and warnings live until fn returns. */
		lt_arena_init(&part_a);
		rc = load_page(db, directive_id, &part, &ix, &part_a, e);
		if (!rc)
			rc = fn(&part, ctx, e);
		lt_arena_free(&part_a);
	}
	lt_arena_free(&a);
	return rc;
}

int lt_app_figures_count(lt_db *db, const lt_actor *who, int64_t directive_id, int64_t unit_id,
			 int64_t *n, lt_error *e)
{
	lt_indicator_info *set = NULL;
	lt_rollup_total *tot = NULL;
	const char *within = NULL;
	size_t nset = 0, ntot = 0;
	lt_arena a;
	int rc = lt_app_act_directive(db, who, directive_id, e);

	*n = 0;
	lt_arena_init(&a);
	if (!rc)
		rc = lt_app_act_within(db, who, unit_id, &a, &within, e);
	if (!rc)
		rc = lt_indicator_set_of(db, directive_id, &a, &set, &nset, e);
	if (!rc)
		rc = lt_rollup_recipient_totals(db, directive_id, within, &a, &tot, &ntot, e);
	/* The code "" counts the recipients; a code the set does not ask for is not exported. */
	for (size_t t = 0; !rc && t < ntot; t++)
		for (size_t j = 0; *tot[t].code && j < nset; j++)
			if (!strcmp(tot[t].code, set[j].def.code))
				*n += tot[t].units;
	lt_arena_free(&a);
	return rc;
}

/* A page of the summary of directive_id over the subtree within (access decided). */
static int summary_page(lt_db *db, int64_t directive_id, const char *within, const lt_page *pg,
			lt_arena *a, lt_app_summary *out, lt_error *e)
{
	lt_act_unit *units = NULL;
	lt_rollup_total *tot = NULL;
	set_index ix;
	size_t ntot = 0;
	int rc = lt_indicator_set_of(db, directive_id, a, &out->set, &out->nset, e);

	if (!rc)
		rc = lt_rollup_recipients_page(db, directive_id, within, pg->after, pg->limit + 1, a,
					       &units, &out->nunits, e);
	if (!rc)
		rc = lt_rollup_recipient_totals(db, directive_id, within, a, &tot, &ntot, e);
	if (rc)
		return rc;
	if (out->nunits > (size_t)pg->limit) {
		out->nunits = (size_t)pg->limit;
		out->next_cursor = lt_page_cursor(a, units[pg->limit - 1].path);
		if (!out->next_cursor)
			return lt_app_act_nomem(e);
	}
	out->units = lt_arena_alloc(a, (out->nunits ? out->nunits : 1) * sizeof(*out->units));
	out->total = lt_arena_alloc(a, (out->nset ? out->nset : 1) * sizeof(*out->total));
	out->reporting = lt_arena_alloc(a, (out->nset ? out->nset : 1) * sizeof(*out->reporting));
	/* The set by code, for the page's values and for the totals. */
	if (!out->units || !out->total || !out->reporting ||
	    set_index_init(&ix, out->set, out->nset, a))
		return lt_app_act_nomem(e);
	for (size_t i = 0; i < out->nunits; i++)
		out->units[i] = (lt_app_summary_unit){ .unit = units[i] };
	rc = load_page(db, directive_id, out, &ix, a, e);
	/* The code "" counts the recipients (store/figure_total.h). */
	for (size_t t = 0; t < ntot; t++)
		if (!*tot[t].code)
			out->recipients = tot[t].units;
	for (size_t j = 0; !rc && j < out->nset; j++) {
		out->total[j] = 0;
		out->reporting[j] = 0;
	}
	for (size_t t = 0; !rc && t < ntot; t++) {
		size_t j = set_find(&ix, tot[t].code);
		const char *agg = j < out->nset ? out->set[j].def.aggregation : "";
		if (j == out->nset)
			continue;
		out->reporting[j] = tot[t].units;
		out->total[j] = !strcmp(agg, "sum") ? tot[t].sum : !strcmp(agg, "max") ? tot[t].max : 0;
	}
	return rc;
}

int lt_app_figures_summary_reply(lt_db *db, const lt_actor *who, int64_t directive_id,
				 int64_t unit_id, const lt_page *pg, lt_arena *a, lt_buf *out,
				 lt_error *e)
{
	lt_app_summary s;
	lt_db_stamp st;
	const char *within = NULL;
	char key[512];
	size_t from = out->len;
	int rc = lt_app_act_directive(db, who, directive_id, e), k;

	memset(&s, 0, sizeof(s));
	if (!rc)
		rc = lt_app_act_within(db, who, unit_id, a, &within, e);
	if (!rc)
		rc = lt_db_stamp_get(db, &st, e);
	if (rc)
		return rc;
	/* The reply depends on the directive, the subtree allowed and the page, on nothing else. */
	k = snprintf(key, sizeof(key), "figures/summary %lld %s %s %d", (long long)directive_id,
		     within ? within : "/", pg->after ? pg->after : "", pg->limit);
	if (k < 0 || (size_t)k >= sizeof(key))
		st.conn = 0; /* too long a key to keep under: computed every time */
	if (lt_kept_get(&st, key, out))
		return 0;
	rc = summary_page(db, directive_id, within, pg, a, &s, e);
	if (!rc)
		rc = lt_app_summary_write(&s, out, e);
	if (!rc)
		lt_kept_put(&st, key, out->ptr + from, out->len - from);
	return rc;
}
