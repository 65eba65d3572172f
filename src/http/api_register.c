/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * api_register.c — GET /api/v1/units/{id}/registers/{in|out} (a page of the
 * register of documents received or sent, ?year=&limit=&cursor=) and
 * .../export.xlsx (the year's register as XLSX). Adapters over app/register.h.
 */
#include "app/register.h"
#include "http/api.h"

#define XLSX_TYPE "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

/* The register of params[0] named by direction and ?year (absent: this year). */
static int ref_or_reply(lt_http_req *req, const char *direction, lt_register_ref *ref)
{
	int64_t year = 0;
	int rc = lt_query_int_or_reply(req, "year", &year);

	ref->unit_id = req->params[0];
	ref->direction = direction;
	ref->year = year < 0 || year > 9999 ? -1 : (int)year;
	return rc;
}

static int page(lt_http_req *req, const char *direction)
{
	lt_register_ref ref;
	lt_register_entry *items = NULL;
	lt_page pg;
	const char *next = NULL;
	size_t n = 0;
	int rc = ref_or_reply(req, direction, &ref);

	if (!rc)
		rc = lt_page_or_reply(req, &pg);
	if (!rc)
		rc = lt_app_register_page(req->db, &req->actor, &ref, &pg, &req->arena, &items, &n,
					  &next, &req->err);
	return rc ? rc : lt_reply_json(req, 200, lt_app_register_page_json(&ref, items, n, next));
}

static int export_xlsx(lt_http_req *req, const char *direction)
{
	lt_register_ref ref;
	lt_buf b;
	const char *name = NULL;
	int rc = ref_or_reply(req, direction, &ref);

	lt_buf_init(&b, 100u << 20);
	if (!rc)
		rc = lt_app_register_xlsx(req->db, &req->actor, &ref, &req->arena, &b, &name,
					  &req->err);
	if (!rc) {
		rc = lt_reply_bytes(req, 200, XLSX_TYPE, b.ptr ? b.ptr : "", b.len);
		lt_reply_header(req, "Content-Disposition",
				lt_arena_printf(&req->arena, "attachment; filename=\"%s\"", name));
	}
	lt_buf_free(&b);
	return rc;
}

int lt_api_register_in(lt_http_req *req)
{
	return page(req, "in");
}

int lt_api_register_out(lt_http_req *req)
{
	return page(req, "out");
}

int lt_api_register_in_xlsx(lt_http_req *req)
{
	return export_xlsx(req, "in");
}

int lt_api_register_out_xlsx(lt_http_req *req)
{
	return export_xlsx(req, "out");
}
