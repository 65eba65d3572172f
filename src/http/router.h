/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * router.h — the route table: method, path pattern, handler, least role.
 * Patterns are literal segments and "{id}" (a positive integer captured
 * into req->params). The table itself lives in routes.c.
 */
#ifndef LT_ROUTER_H
#define LT_ROUTER_H

#include "http/http.h"

typedef struct lt_route {
	const char *method;
	const char *pattern;
	lt_http_handler handler;
	int role;         /* enum lt_role */
	const char *name; /* for logs and metrics */
	size_t max_body;  /* 0: the configured body_limit; uploads of files set their own */
} lt_route;

/* Larger bodies for the routes that take files (photos, letters, spreadsheets). */
#define LT_UPLOAD_LIMIT ((size_t)20 << 20)

extern const lt_route lt_routes[];
extern const size_t lt_routes_count;

/*
 * Find the route for method+path. Returns the route and fills req->params,
 * or NULL; *path_known is set when the path matched with another method.
 */
const lt_route *lt_route_find(lt_http_req *req, const char *method, const char *path,
			      bool *path_known);
/* The body limit for method+path: the route's own, else dflt. */
size_t lt_route_body_limit(const char *method, const char *path, size_t dflt);

#endif
