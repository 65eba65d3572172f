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
/* A route found once for a request, when its headers arrive (server.c): the body limit
 * needs it then, and the dispatch after the body (the table was searched twice). */
typedef struct lt_route_match {
	const lt_route *route; /* NULL: none */
	bool path_known;       /* as in lt_route_find */
	int nparams;
	int64_t params[LT_HTTP_MAX_PARAMS];
} lt_route_match;

/* Find the route for method+path into m (as lt_route_find). */
void lt_route_match_find(const char *method, const char *path, lt_route_match *m);
/* The route m found, its captures put into req->params; *path_known as in lt_route_find. */
const lt_route *lt_route_use(lt_http_req *req, const lt_route_match *m, bool *path_known);
/* The body limit of the route m found: the route's own, else dflt. */
size_t lt_route_body_limit(const lt_route_match *m, size_t dflt);

#endif
