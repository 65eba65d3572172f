/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* api.h — the handlers behind the route table (routes.def), one file per resource. */
#ifndef LT_API_H
#define LT_API_H

#include "http/http.h"
#include "store/unit.h"

/* Every handler of the route table, declared from routes.def. */
#define ROUTE(a, b, handler, ...) int handler(lt_http_req *req);
#include "http/routes.def"
#undef ROUTE

/*
 * A unit as JSON: every field when the user may read it (in its subtree),
 * else only the public ones (id, code, name, level, parent_id). New ref.
 */
json_t *lt_api_unit_json(lt_http_req *req, const lt_unit *u);
/* Load unit params[0] and check the user may read it fully; 0 or < 0 with req->err. */
int lt_api_unit_in_scope(lt_http_req *req, int64_t id, lt_unit *u);

#endif
