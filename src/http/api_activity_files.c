/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * api_activity_files.c — import templates, exports (XLSX, CSV) and imports
 * of the three lists: activities and figures of a directive, entries of a
 * contest. An import is all or nothing; a file with bad cells is answered
 * 400 with every bad cell ({"error": first, "errors": [{sheet, row,
 * column, field, message}]}) and nothing written.
 *
 * Who imports for whom: everyone for its own unit (the unit code column,
 * if any, must be its own); an admin for the units of its subtree named in
 * the unit code column.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/tree.h"
#include "http/api.h"
#include "http/api_activity.h"
#include "render/csv.h"
#include "render/xlsx_write.h"
#include "store/contest.h"

#define XLSX_TYPE "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#define CSV_TYPE "text/csv; charset=utf-8"

static int reply_file(lt_http_req *req, const char *type, const char *name, lt_buf *b)
{
	int rc = lt_reply_bytes(req, 200, type, b->ptr ? b->ptr : "", b->len);

	lt_reply_header(req, "Content-Disposition",
			lt_arena_printf(&req->arena, "attachment; filename=\"%s\"", name));
	return rc;
}

static int reply_table(lt_http_req *req, lt_table *t, bool xlsx, const char *base)
{
	lt_buf b;
	int rc;

	lt_buf_init(&b, 200u << 20);
	rc = xlsx ? lt_xlsx_write_buf(t, &b, &req->err) : lt_csv_write(lt_table_sheet_at(t, 0), ',', &b, &req->err);
	if (!rc)
		rc = reply_file(req, xlsx ? XLSX_TYPE : CSV_TYPE,
				lt_arena_printf(&req->arena, "%s.%s", base, xlsx ? "xlsx" : "csv"), &b);
	lt_buf_free(&b);
	return rc;
}

/* The reader's scope for an export: ?unit_id (in its subtree) or its whole subtree. */
static int export_scope(lt_http_req *req, int64_t *unit, const char **within)
{
	int rc = lt_query_int_or_reply(req, "unit_id", unit);

	*within = req->user.unit_path;
	return rc ? rc : lt_api_act_within(req, *unit, within);
}

/* Who an import is for: the own unit, or (admin, no ?unit_id) the unit column under the subtree. */
static int import_unit(lt_http_req *req, int64_t *unit)
{
	int64_t q = 0;
	int rc = lt_query_int_or_reply(req, "unit_id", &q);

	if (rc)
		return rc;
	if (!strcmp(req->user.role, "admin") && !q) {
		*unit = 0;
		return 0;
	}
	return lt_api_act_write_unit(req, q, unit);
}

static int reply_report(lt_http_req *req, const lt_import_report *rep, int status)
{
	json_t *j;
	lt_error first;

	lt_error_clear(&first);
	lt_import_report_first(rep, &first);
	j = json_pack("{s:{s:s,s:s,s:s},s:o,s:I}", "error", "code", "invalid", "message",
		      lt_error_msg(&first, req->en), "field", first.field, "errors",
		      lt_import_report_json(rep, req->en), "error_count", (json_int_t)rep->total);
	return lt_reply_json(req, status, j);
}

/*
 * One list's file round trip: who may see the list's owner (the directive
 * or contest params[0]), its template, its export table, and how its rows
 * are read and stored. rows are the list's own row structs.
 */
typedef struct list_kind {
	const char *sheet;         /* list name in store errors: "items", … */
	const char *template_name; /* download name of the template */
	const char *export_base;   /* download name of an export, without extension */
	int (*visible)(lt_http_req *req);
	int (*template)(lt_http_req *req, int64_t unit, lt_buf *b);
	int (*table)(lt_http_req *req, int64_t unit, const char *within, lt_table **t);
	int (*parse)(lt_http_req *req, const lt_table *t, int64_t unit, void **rows, size_t *n,
		     lt_import_report *rep);
	int (*store)(lt_http_req *req, const void *rows, size_t n, size_t *bad);
	int (*line)(const void *rows, size_t i);
} list_kind;

static int list_template(lt_http_req *req, const list_kind *k)
{
	lt_buf b;
	int64_t unit = 0;
	int rc = k->visible(req);

	lt_buf_init(&b, 50u << 20);
	if (!rc)
		rc = import_unit(req, &unit);
	if (!rc)
		rc = k->template(req, unit, &b);
	if (!rc)
		rc = reply_file(req, XLSX_TYPE, k->template_name, &b);
	lt_buf_free(&b);
	return rc;
}

static int list_export(lt_http_req *req, const list_kind *k, bool xlsx)
{
	lt_table *t = NULL;
	int64_t unit = 0;
	const char *within = NULL;
	int rc = k->visible(req);

	if (!rc)
		rc = export_scope(req, &unit, &within);
	if (!rc)
		rc = k->table(req, unit, within, &t);
	if (!rc)
		rc = reply_table(req, t, xlsx, k->export_base);
	lt_table_free(t);
	return rc;
}

/* All or nothing: every bad cell answered 400, a store refusal with its row, else 201. */
static int list_import(lt_http_req *req, const list_kind *k)
{
	lt_import_report *rep = lt_arena_alloc(&req->arena, sizeof(*rep));
	lt_table *t = NULL;
	void *rows = NULL;
	size_t n = 0, bad = 0;
	int64_t unit = 0;
	int rc = k->visible(req);

	if (!rc)
		rc = import_unit(req, &unit);
	if (!rc)
		rc = lt_activity_io_read(req->body, req->body_len, &t, &req->err);
	if (rc)
		goto out;
	rc = k->parse(req, t, unit, &rows, &n, rep);
	if (rc == LT_EINVAL && rep->total) {
		rc = reply_report(req, rep, 400);
		goto out;
	}
	if (!rc)
		rc = k->store(req, rows, n, &bad);
	if (rc && n && bad < n) {
		lt_activity_io_store_error(t, k->sheet, k->line(rows, bad), &req->err, rep);
		rc = reply_report(req, rep, lt_err_http_status(rc));
		goto out;
	}
	if (!rc)
		rc = lt_reply_json(req, 201, json_pack("{s:I}", "imported", (json_int_t)n));
out:
	lt_table_free(t);
	return rc;
}

/* ---------- activities ---------- */

static int directive_visible(lt_http_req *req)
{
	return lt_api_act_directive(req, req->params[0]);
}

static int items_template(lt_http_req *req, int64_t unit, lt_buf *b)
{
	return lt_activity_io_items_template(req->db, req->params[0], unit, req->user.unit_path, b,
					     &req->err);
}

static int items_table(lt_http_req *req, int64_t unit, const char *within, lt_table **t)
{
	lt_activity_filter f = { 0 };

	(void)unit; /* within already names it */
	f.within = within;
	f.directive_id = req->params[0];
	f.channel = lt_req_query(req, "channel");
	f.q = lt_req_query(req, "q");
	return lt_activity_io_items_table(req->db, &f, t, &req->err);
}

static int items_parse(lt_http_req *req, const lt_table *t, int64_t unit, void **rows,
		       size_t *n, lt_import_report *rep)
{
	return lt_activity_io_items(req->db, req->params[0], t, unit, req->user.unit_path,
				    &req->arena, (lt_activity_in **)rows, n, rep, &req->err);
}

static int items_store(lt_http_req *req, const void *rows, size_t n, size_t *bad)
{
	return lt_activity_import(req->db, req->params[0], rows, n, req->user.id, bad, &req->err);
}

static int items_line(const void *rows, size_t i)
{
	return ((const lt_activity_in *)rows)[i].line;
}

static const list_kind items = {
	.sheet = "items",
	.template_name = "mau-hoat-dong.xlsx",
	.export_base = "hoat-dong",
	.visible = directive_visible,
	.template = items_template,
	.table = items_table,
	.parse = items_parse,
	.store = items_store,
	.line = items_line,
};

int lt_api_activities_template(lt_http_req *req)
{
	return list_template(req, &items);
}

int lt_api_activities_export_xlsx(lt_http_req *req)
{
	return list_export(req, &items, true);
}

int lt_api_activities_export_csv(lt_http_req *req)
{
	return list_export(req, &items, false);
}

int lt_api_activities_import(lt_http_req *req)
{
	return list_import(req, &items);
}

/* ---------- figures ---------- */

static int figures_template(lt_http_req *req, int64_t unit, lt_buf *b)
{
	return lt_activity_io_figures_template(req->db, req->params[0], unit, req->user.unit_path,
					       b, &req->err);
}

static int figures_table(lt_http_req *req, int64_t unit, const char *within, lt_table **t)
{
	return lt_activity_io_figures_table(req->db, req->params[0], unit, within, t, &req->err);
}

static int figures_parse(lt_http_req *req, const lt_table *t, int64_t unit, void **rows,
			 size_t *n, lt_import_report *rep)
{
	return lt_activity_io_figures(req->db, req->params[0], t, unit, req->user.unit_path,
				      &req->arena, (lt_figure_in **)rows, n, rep, &req->err);
}

static int figures_store(lt_http_req *req, const void *rows, size_t n, size_t *bad)
{
	return lt_figures_import(req->db, req->params[0], rows, n, req->user.id, bad, &req->err);
}

static int figures_line(const void *rows, size_t i)
{
	return ((const lt_figure_in *)rows)[i].line;
}

static const list_kind figures = {
	.sheet = "figures",
	.template_name = "mau-chi-tieu.xlsx",
	.export_base = "chi-tieu",
	.visible = directive_visible,
	.template = figures_template,
	.table = figures_table,
	.parse = figures_parse,
	.store = figures_store,
	.line = figures_line,
};

int lt_api_figures_template(lt_http_req *req)
{
	return list_template(req, &figures);
}

int lt_api_figures_export_xlsx(lt_http_req *req)
{
	return list_export(req, &figures, true);
}

int lt_api_figures_export_csv(lt_http_req *req)
{
	return list_export(req, &figures, false);
}

int lt_api_figures_import(lt_http_req *req)
{
	return list_import(req, &figures);
}

/* ---------- contest entries ---------- */

/* The contest params[0], visible to the reader (issuer side or below it). */
static int contest_visible(lt_http_req *req)
{
	json_t *c = NULL;
	const char *p;
	int rc = lt_contest_get(req->db, req->params[0], &c, &req->err);

	if (rc)
		return rc;
	p = json_string_value(json_object_get(json_object_get(c, "issuer"), "path"));
	if (!lt_tree_path_under(p, req->user.unit_path) && !lt_tree_path_under(req->user.unit_path, p))
		rc = lt_error_set(&req->err, LT_ENOTFOUND, "id", "Không có cuộc thi #%lld",
				  "No contest #%lld", (long long)req->params[0]);
	json_decref(c);
	return rc;
}

static int entries_template(lt_http_req *req, int64_t unit, lt_buf *b)
{
	return lt_activity_io_entries_template(req->db, unit, req->user.unit_path, b, &req->err);
}

static int entries_table(lt_http_req *req, int64_t unit, const char *within, lt_table **t)
{
	(void)unit; /* within already names it */
	return lt_activity_io_entries_table(req->db, req->params[0], 0, within, t, &req->err);
}

static int entries_parse(lt_http_req *req, const lt_table *t, int64_t unit, void **rows,
			 size_t *n, lt_import_report *rep)
{
	return lt_activity_io_entries(req->db, t, unit, req->user.unit_path, &req->arena,
				      (lt_contest_entry_in **)rows, n, rep, &req->err);
}

static int entries_store(lt_http_req *req, const void *rows, size_t n, size_t *bad)
{
	return lt_contest_import(req->db, req->params[0], rows, n, req->user.id, bad, &req->err);
}

static int entries_line(const void *rows, size_t i)
{
	return ((const lt_contest_entry_in *)rows)[i].line;
}

static const list_kind entries = {
	.sheet = "entries",
	.template_name = "mau-bai-du-thi.xlsx",
	.export_base = "bai-du-thi",
	.visible = contest_visible,
	.template = entries_template,
	.table = entries_table,
	.parse = entries_parse,
	.store = entries_store,
	.line = entries_line,
};

int lt_api_contest_template(lt_http_req *req)
{
	return list_template(req, &entries);
}

int lt_api_contest_export_xlsx(lt_http_req *req)
{
	return list_export(req, &entries, true);
}

int lt_api_contest_export_csv(lt_http_req *req)
{
	return list_export(req, &entries, false);
}

int lt_api_contest_import(lt_http_req *req)
{
	return list_import(req, &entries);
}
