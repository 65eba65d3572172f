/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * activity_io_run.c — the spreadsheet use cases (template, export,
 * import) of the three lists, run from one table of what differs between
 * them: who may see the list's owner (a directive or a contest), its
 * template and table, how its rows are read, checked for their units and
 * stored. The HTTP API and the CLI both call these; before, each adapter
 * had its own import runner. See activity_io.h.
 */
#include <assert.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "app/activity_access.h"
#include "app/activity_io_int.h"
#include "app/contest.h"
#include "app/figure.h"
#include "render/csv.h"
#include "render/xlsx_write.h"

typedef struct list_kind {
	const char *template_name;
	const char *export_base;
	/* Is the list's owner visible to who? */
	int (*visible)(lt_db *db, const lt_actor *who, int64_t owner, lt_arena *a, lt_error *e);
	int (*tmpl)(lt_db *db, const lt_actor *who, int64_t owner, int64_t unit_id, lt_buf *out,
		    lt_error *e);
	int (*table)(lt_db *db, const lt_actor *who, const lt_app_list_ref *ref, lt_arena *a,
		     lt_table **out, lt_error *e);
	/* The same rows as CSV or XLSX, written out to sink a piece at a time. */
	int (*stream)(lt_db *db, const lt_actor *who, const lt_app_list_ref *ref, lt_arena *a,
		      bool xlsx, lt_io_sink sink, void *ctx, lt_error *e);
	int (*parse)(lt_db *db, const lt_actor *who, int64_t owner, const lt_table *t,
		     int64_t unit_id, lt_arena *a, void **rows, size_t *n, lt_import_report *rep,
		     lt_error *e);
	/* May each row's unit record now? *bad the first row that may not. */
	int (*check)(lt_db *db, int64_t owner, const void *rows, size_t n, lt_arena *a, size_t *bad,
		     lt_error *e);
	int (*store)(lt_db *db, int64_t owner, const void *rows, size_t n, int64_t actor,
		     size_t *bad, lt_error *e);
	int (*line)(const void *rows, size_t i);
} list_kind;

/* ---------- activities ---------- */

static int directive_visible(lt_db *db, const lt_actor *who, int64_t owner, lt_arena *a,
			     lt_error *e)
{
	(void)a;
	return lt_app_act_directive(db, who, owner, e);
}

/* The export's filter: the directive's items under unit_id (0: the actor's subtree). */
static int items_filter(lt_db *db, const lt_actor *who, const lt_app_list_ref *ref, lt_arena *a,
			lt_activity_filter *f, lt_error *e)
{
	memset(f, 0, sizeof(*f));
	f->directive_id = ref->owner;
	f->channel = ref->channel;
	f->q = ref->q;
	return lt_app_act_within(db, who, ref->unit_id, a, &f->within, e);
}

static int items_table(lt_db *db, const lt_actor *who, const lt_app_list_ref *ref, lt_arena *a,
		       lt_table **out, lt_error *e)
{
	lt_activity_filter f;
	int rc = items_filter(db, who, ref, a, &f, e);

	return rc ? rc : lt_io_items_table(db, &f, out, e);
}

static int items_stream(lt_db *db, const lt_actor *who, const lt_app_list_ref *ref, lt_arena *a,
			bool xlsx, lt_io_sink sink, void *ctx, lt_error *e)
{
	lt_activity_filter f;
	int rc = items_filter(db, who, ref, a, &f, e);

	return rc ? rc : lt_io_items_stream(db, &f, xlsx, sink, ctx, e);
}

static int items_parse(lt_db *db, const lt_actor *who, int64_t owner, const lt_table *t,
		       int64_t unit_id, lt_arena *a, void **rows, size_t *n, lt_import_report *rep,
		       lt_error *e)
{
	return lt_activity_io_items(db, who, owner, t, unit_id, a, (lt_activity_in **)rows, n, rep,
				    e);
}

/* Each distinct unit of rows (at unit_id of stride bytes) may record for directive d. */
static int check_units(lt_db *db, int64_t d, const void *rows, size_t n, size_t stride,
		       size_t unit_off, size_t *bad, lt_error *e)
{
	int64_t seen[16];
	size_t nseen = 0;

	for (size_t i = 0; i < n; i++) {
		int64_t u;
		bool known = false;
		int rc;
		memcpy(&u, (const char *)rows + i * stride + unit_off, sizeof(u));
		for (size_t k = 0; k < nseen; k++)
			known = known || seen[k] == u;
		if (known)
			continue;
		rc = lt_app_act_scope(db, d, u, e);
		if (rc) {
			*bad = i;
			snprintf(e->field, sizeof(e->field), "unit");
			return rc;
		}
		if (nseen < 16)
			seen[nseen++] = u;
	}
	return 0;
}

static int items_check(lt_db *db, int64_t owner, const void *rows, size_t n, lt_arena *a,
		       size_t *bad, lt_error *e)
{
	(void)a;
	return check_units(db, owner, rows, n, sizeof(lt_activity_in),
			   offsetof(lt_activity_in, unit_id), bad, e);
}

static int items_store(lt_db *db, int64_t owner, const void *rows, size_t n, int64_t actor,
		       size_t *bad, lt_error *e)
{
	return lt_activity_import(db, owner, rows, n, actor, bad, e);
}

static int items_line(const void *rows, size_t i)
{
	return ((const lt_activity_in *)rows)[i].line;
}

/* ---------- figures ---------- */

static int figures_table(lt_db *db, const lt_actor *who, const lt_app_list_ref *ref, lt_arena *a,
			 lt_table **out, lt_error *e)
{
	(void)a;
	return lt_io_figures_table(db, who, ref->owner, ref->unit_id, out, e);
}

static int figures_stream(lt_db *db, const lt_actor *who, const lt_app_list_ref *ref,
			  lt_arena *a, bool xlsx, lt_io_sink sink, void *ctx, lt_error *e)
{
	(void)a;
	return lt_io_figures_stream(db, who, ref->owner, ref->unit_id, xlsx, sink, ctx, e);
}

static int figures_parse(lt_db *db, const lt_actor *who, int64_t owner, const lt_table *t,
			 int64_t unit_id, lt_arena *a, void **rows, size_t *n,
			 lt_import_report *rep, lt_error *e)
{
	return lt_io_figures(db, who, owner, t, unit_id, a, (lt_figure_in **)rows, n, rep, e);
}

static int figures_check(lt_db *db, int64_t owner, const void *rows, size_t n, lt_arena *a,
			 size_t *bad, lt_error *e)
{
	const lt_figure_in *v = rows;
	lt_indicator_info *set = NULL;
	size_t nset = 0;
	int rc = check_units(db, owner, rows, n, sizeof(lt_figure_in), offsetof(lt_figure_in, unit_id),
			     bad, e);

	if (!rc)
		rc = lt_indicator_set_of(db, owner, a, &set, &nset, e);
	/* The cells were read against the same set: this only guards the rules. */
	for (size_t i = 0; !rc && i < n; i++) {
		const lt_indicator_info *info = NULL;
		for (size_t k = 0; k < nset && !info; k++)
			if (!strcmp(set[k].def.code, v[i].code))
				info = &set[k];
		*bad = i;
		if (!info)
			rc = lt_error_set(e, LT_EINVAL, "indicator",
					  "Công văn này không yêu cầu chỉ tiêu \"%s\"",
					  "This directive does not ask for indicator \"%s\"", v[i].code);
		else if (!v[i].clear)
			rc = lt_indicator_check(&info->def, v[i].value, e);
	}
	return rc;
}

static int figures_store(lt_db *db, int64_t owner, const void *rows, size_t n, int64_t actor,
			 size_t *bad, lt_error *e)
{
	return lt_figures_write(db, owner, 0, rows, n, actor, bad, e);
}

static int figures_line(const void *rows, size_t i)
{
	return ((const lt_figure_in *)rows)[i].line;
}

/* ---------- contest entries ---------- */

static int contest_visible(lt_db *db, const lt_actor *who, int64_t owner, lt_arena *a,
			   lt_error *e)
{
	lt_contest_row c;

	return lt_app_contest_get(db, who, owner, a, &c, NULL, e);
}

static int entries_template(lt_db *db, const lt_actor *who, int64_t owner, int64_t unit_id,
			    lt_buf *out, lt_error *e)
{
	(void)owner; /* one template serves every contest */
	return lt_io_entries_template(db, who, unit_id, out, e);
}

static int entries_table(lt_db *db, const lt_actor *who, const lt_app_list_ref *ref, lt_arena *a,
			 lt_table **out, lt_error *e)
{
	const char *within = NULL;
	int rc = lt_app_act_within(db, who, ref->unit_id, a, &within, e);

	return rc ? rc : lt_io_entries_table(db, ref->owner, within, out, e);
}

static int entries_stream(lt_db *db, const lt_actor *who, const lt_app_list_ref *ref,
			  lt_arena *a, bool xlsx, lt_io_sink sink, void *ctx, lt_error *e)
{
	const char *within = NULL;
	int rc = lt_app_act_within(db, who, ref->unit_id, a, &within, e);

	return rc ? rc : lt_io_entries_stream(db, ref->owner, within, xlsx, sink, ctx, e);
}

static int entries_parse(lt_db *db, const lt_actor *who, int64_t owner, const lt_table *t,
			 int64_t unit_id, lt_arena *a, void **rows, size_t *n,
			 lt_import_report *rep, lt_error *e)
{
	(void)owner; /* an entry's row names its unit; the contest is the import's */
	return lt_io_entries(db, who, t, unit_id, a, (lt_contest_entry_in **)rows, n, rep, e);
}

static int entries_check(lt_db *db, int64_t owner, const void *rows, size_t n, lt_arena *a,
			 size_t *bad, lt_error *e)
{
	const lt_contest_entry_in *v = rows;
	lt_contest_row c;
	int64_t checked = 0;
	int rc = lt_contest_get(db, owner, a, &c, e);

	for (size_t i = 0; !rc && i < n; i++) {
		*bad = i;
		/* A file is held to the contest's kinds and entry period as the form is. */
		rc = lt_app_contest_entry_fits(&c, &v[i], e);
		if (rc || v[i].unit_id == checked)
			continue;
		rc = lt_app_contest_open_to(db, &c, v[i].unit_id, e);
		checked = v[i].unit_id;
	}
	return rc;
}

static int entries_store(lt_db *db, int64_t owner, const void *rows, size_t n, int64_t actor,
			 size_t *bad, lt_error *e)
{
	return lt_contest_import(db, owner, rows, n, actor, bad, e);
}

static int entries_line(const void *rows, size_t i)
{
	return ((const lt_contest_entry_in *)rows)[i].line;
}

static const list_kind kinds[] = {
	[LT_APP_LIST_ITEMS] = {
		.template_name = "mau-hoat-dong.xlsx",
		.export_base = "hoat-dong",
		.visible = directive_visible,
		.tmpl = lt_io_items_template,
		.table = items_table,
		.stream = items_stream,
		.parse = items_parse,
		.check = items_check,
		.store = items_store,
		.line = items_line,
	},
	[LT_APP_LIST_FIGURES] = {
		.template_name = "mau-chi-tieu.xlsx",
		.export_base = "chi-tieu",
		.visible = directive_visible,
		.tmpl = lt_io_figures_template,
		.table = figures_table,
		.stream = figures_stream,
		.parse = figures_parse,
		.check = figures_check,
		.store = figures_store,
		.line = figures_line,
	},
	[LT_APP_LIST_ENTRIES] = {
		.template_name = "mau-bai-du-thi.xlsx",
		.export_base = "bai-du-thi",
		.visible = contest_visible,
		.tmpl = entries_template,
		.table = entries_table,
		.stream = entries_stream,
		.parse = entries_parse,
		.check = entries_check,
		.store = entries_store,
		.line = entries_line,
	},
};

static const list_kind *kind_of(lt_app_list list)
{
	assert(list >= LT_APP_LIST_ITEMS && list <= LT_APP_LIST_ENTRIES);
	return &kinds[list];
}

const char *lt_app_list_template_name(lt_app_list list)
{
	return kind_of(list)->template_name;
}

const char *lt_app_list_export_base(lt_app_list list)
{
	return kind_of(list)->export_base;
}

/*
 * Who an import (or its template) is for: unit_id, or with none, the
 * actor's own unit — except for an administrator or the operator, whose
 * rows then name their units (0).
 */
static int import_unit(lt_db *db, const lt_actor *who, int64_t unit_id, int64_t *out, lt_error *e)
{
	int rc = lt_actor_need_role(who, LT_ROLE_CADRE, e);

	*out = 0;
	if (rc || (!unit_id && lt_actor_at_least(who, LT_ROLE_ADMIN)))
		return rc;
	return lt_app_act_write_unit(db, who, unit_id, out, e);
}

int lt_app_list_template(lt_db *db, const lt_actor *who, const lt_app_list_ref *ref, lt_buf *out,
			 lt_error *e)
{
	const list_kind *k = kind_of(ref->list);
	lt_arena a;
	int64_t unit = 0;
	int rc;

	lt_arena_init(&a);
	rc = k->visible(db, who, ref->owner, &a, e);
	if (!rc)
		rc = import_unit(db, who, ref->unit_id, &unit, e);
	if (!rc)
		rc = k->tmpl(db, who, ref->owner, unit, out, e);
	lt_arena_free(&a);
	return rc;
}

int lt_app_list_export(lt_db *db, const lt_actor *who, const lt_app_list_ref *ref, lt_table **out,
		       lt_error *e)
{
	const list_kind *k = kind_of(ref->list);
	lt_arena a;
	int rc;

	*out = NULL;
	lt_arena_init(&a);
	rc = k->visible(db, who, ref->owner, &a, e);
	if (!rc)
		rc = k->table(db, who, ref, &a, out, e);
	lt_arena_free(&a);
	return rc;
}

int lt_app_list_export_stream(lt_db *db, const lt_actor *who, const lt_app_list_ref *ref,
			      bool xlsx, lt_io_sink sink, void *ctx, lt_error *e)
{
	const list_kind *k = kind_of(ref->list);
	lt_arena a;
	int rc;

	lt_arena_init(&a);
	rc = k->visible(db, who, ref->owner, &a, e);
	if (!rc)
		rc = k->stream(db, who, ref, &a, xlsx, sink, ctx, e);
	lt_arena_free(&a);
	return rc;
}

int lt_app_list_import(lt_db *db, const lt_actor *who, const lt_app_list_ref *ref,
		       const char *data, size_t len, lt_import_report *rep, size_t *n, lt_error *e)
{
	const list_kind *k = kind_of(ref->list);
	lt_table *t = NULL;
	lt_arena a;
	void *rows = NULL;
	size_t count = 0, bad = 0;
	int64_t unit = 0;
	int rc;

	memset(rep, 0, sizeof(*rep));
	*n = 0;
	lt_arena_init(&a);
	rc = k->visible(db, who, ref->owner, &a, e);
	if (!rc)
		rc = import_unit(db, who, ref->unit_id, &unit, e);
	if (!rc)
		rc = lt_activity_io_read(data, len, &t, e);
	if (rc)
		goto out;
	/* Cells are read before the write lock is taken; the checks and the rows go in one transaction. */
	rc = k->parse(db, who, ref->owner, t, unit, &a, &rows, &count, rep, e);
	if (rc)
		goto out;
	rc = lt_db_begin(db, e);
	if (rc)
		goto out;
	rc = k->check(db, ref->owner, rows, count, &a, &bad, e);
	if (!rc)
		rc = k->store(db, ref->owner, rows, count, lt_actor_audit_id(who), &bad, e);
	/* A refused row is reported at its cell, like a bad one. */
	if (rc && !rep->total && count && bad < count) {
		lt_io_store_error(t, ref->list, k->line(rows, bad), e, rep);
		lt_import_report_first(rep, e);
		e->code = rc;
	}
	rc = lt_db_end(db, rc, e);
	if (!rc)
		*n = count;
out:
	lt_table_free(t);
	lt_arena_free(&a);
	return rc;
}
