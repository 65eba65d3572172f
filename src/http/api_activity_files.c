/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * api_activity_files.c — import templates, exports (XLSX, CSV) and imports
 * of the three lists: activities and figures of a directive, entries of a
 * contest. Adapters over app/activity_io.h, which decides who imports for
 * whom. An import is all or nothing; a file with bad cells is answered 400
 * with every bad cell ({"error": first, "errors": [{sheet, row, column,
 * field, message}]}) and nothing written; a row the store refuses is
 * answered the same way with the refusal's status.
 */
#include <stdio.h>
#include <string.h>

#include "app/activity_io.h"
#include "app/activity_json.h"
#include "http/api_activity.h"

#define XLSX_TYPE "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#define CSV_TYPE "text/csv; charset=utf-8"

static int reply_file(lt_http_req *req, const char *type, const char *name, lt_buf *b)
{
	int rc = lt_reply_bytes(req, 200, type, b->ptr ? b->ptr : "", b->len);

	lt_reply_header(req, "Content-Disposition",
			lt_arena_printf(&req->arena, "attachment; filename=\"%s\"", name));
	return rc;
}

/* The list's owner (params[0]) and ?unit_id. */
static int list_ref(lt_http_req *req, lt_app_list list, lt_app_list_ref *ref)
{
	memset(ref, 0, sizeof(*ref));
	ref->list = list;
	ref->owner = req->params[0];
	return lt_query_int_or_reply(req, "unit_id", &ref->unit_id);
}

static int list_template(lt_http_req *req, lt_app_list list)
{
	lt_app_list_ref ref;
	lt_buf b;
	int rc = list_ref(req, list, &ref);

	lt_buf_init(&b, 50u << 20);
	if (!rc)
		rc = lt_app_list_template(req->db, &req->actor, &ref, &b, &req->err);
	if (!rc)
		rc = reply_file(req, XLSX_TYPE, lt_app_list_template_name(list), &b);
	lt_buf_free(&b);
	return rc;
}

/*
 * An export is written as it is made into an unlinked temporary file and
 * sent from there: a national figures CSV is 230 MB, which the server's
 * memory would otherwise hold, whole, for the length of the download.
 */
static int list_export(lt_http_req *req, lt_app_list list, bool xlsx)
{
	lt_app_list_ref ref;
	FILE *f;
	int rc = list_ref(req, list, &ref);

	if (rc)
		return rc;
	if (list == LT_APP_LIST_ITEMS) {
		ref.channel = lt_req_query(req, "channel");
		ref.q = lt_req_query(req, "q");
	}
	if (!(f = tmpfile()))
		return lt_req_fail(req, LT_EIO, NULL, "Không tạo được tệp tạm",
				   "Cannot create a temporary file");
	rc = lt_app_list_export_stream(req->db, &req->actor, &ref, xlsx, lt_file_sink, f,
				       &req->err);
	if (rc) {
		fclose(f);
		return rc;
	}
	rc = lt_reply_file(req, 200, xlsx ? XLSX_TYPE : CSV_TYPE, f);
	lt_reply_header(req, "Content-Disposition",
			lt_arena_printf(&req->arena, "attachment; filename=\"%s.%s\"",
					lt_app_list_export_base(list), xlsx ? "xlsx" : "csv"));
	return rc;
}

static int list_import(lt_http_req *req, lt_app_list list)
{
	lt_import_report *rep = lt_arena_alloc(&req->arena, sizeof(*rep));
	lt_app_list_ref ref;
	json_t *j = NULL;
	size_t n = 0;
	int rc = list_ref(req, list, &ref);

	if (!rep)
		return lt_req_fail(req, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	if (!rc)
		rc = lt_app_list_import(req->db, &req->actor, &ref, req->body, req->body_len, rep, &n,
					&req->err);
	if (rc && rep->total) {
		/* Every bad cell (or the refused row) with the failure's status. */
		int status = lt_err_http_status(rc);
		rc = lt_app_import_report_json(rep, req->en, &j, &req->err);
		return lt_api_act_reply(req, status, rc, j);
	}
	if (!rc)
		rc = lt_app_imported_json(n, &j, &req->err);
	return lt_api_act_reply(req, 201, rc, j);
}

int lt_api_activities_template(lt_http_req *req)
{
	return list_template(req, LT_APP_LIST_ITEMS);
}

int lt_api_activities_export_xlsx(lt_http_req *req)
{
	return list_export(req, LT_APP_LIST_ITEMS, true);
}

int lt_api_activities_export_csv(lt_http_req *req)
{
	return list_export(req, LT_APP_LIST_ITEMS, false);
}

int lt_api_activities_import(lt_http_req *req)
{
	return list_import(req, LT_APP_LIST_ITEMS);
}

int lt_api_figures_template(lt_http_req *req)
{
	return list_template(req, LT_APP_LIST_FIGURES);
}

int lt_api_figures_export_xlsx(lt_http_req *req)
{
	return list_export(req, LT_APP_LIST_FIGURES, true);
}

int lt_api_figures_export_csv(lt_http_req *req)
{
	return list_export(req, LT_APP_LIST_FIGURES, false);
}

int lt_api_figures_import(lt_http_req *req)
{
	return list_import(req, LT_APP_LIST_FIGURES);
}

int lt_api_contest_template(lt_http_req *req)
{
	return list_template(req, LT_APP_LIST_ENTRIES);
}

int lt_api_contest_export_xlsx(lt_http_req *req)
{
	return list_export(req, LT_APP_LIST_ENTRIES, true);
}

int lt_api_contest_export_csv(lt_http_req *req)
{
	return list_export(req, LT_APP_LIST_ENTRIES, false);
}

int lt_api_contest_import(lt_http_req *req)
{
	return list_import(req, LT_APP_LIST_ENTRIES);
}
