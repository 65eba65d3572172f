/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* router.c — pattern matching over the route table; see router.h. */
#include "http/router.h"

#include <stdlib.h>
#include <string.h>

/* Match one pattern; captures go to params. */
static bool match(const char *pat, const char *path, int64_t *params, int *np)
{
	int n = 0;

	while (*pat && *path) {
		if (*pat != '/' || *path != '/')
			return false;
		pat++;
		path++;
		if (pat[0] == '{' && !strncmp(pat, "{id}", 4)) {
			char *end;
			long long v;
			if (*path < '1' || *path > '9')
				return false;
			v = strtoll(path, &end, 10);
			if ((*end && *end != '/') || n >= LT_HTTP_MAX_PARAMS || v <= 0)
				return false;
			params[n++] = v;
			path = end;
			pat += 4;
		} else {
			/* One literal segment, byte by byte: nearly every pattern differs from
			 * the path at its first bytes (strcspn + strncmp over the route table
			 * were 3% of a GET /activities, issue 10 P1). */
			while (*pat && *pat != '/' && *pat == *path) {
				pat++;
				path++;
			}
			if ((*pat && *pat != '/') || (*path && *path != '/'))
				return false;
		}
	}
	if (*pat || (*path && strcmp(path, "/")))
		return false;
	*np = n;
	return true;
}

/* The route for method+path, its captures in params and np; see lt_route_find. */
static const lt_route *find(const char *method, const char *path, int64_t *params, int *np,
			    bool *path_known)
{
	bool head = !strcmp(method, "HEAD");

	*path_known = false;
	for (size_t i = 0; i < lt_routes_count; i++) {
		const lt_route *r = &lt_routes[i];
		if (!match(r->pattern, path, params, np))
			continue;
		if (strcmp(r->method, method) && !(head && !strcmp(r->method, "GET"))) {
			*path_known = true;
			continue;
		}
		return r;
	}
	return NULL;
}

const lt_route *lt_route_use(lt_http_req *req, const lt_route_match *m, bool *path_known)
{
	*path_known = m->path_known;
	if (m->route) {
		memcpy(req->params, m->params, sizeof(m->params));
		req->nparams = m->nparams;
	}
	return m->route;
}

const lt_route *lt_route_find(lt_http_req *req, const char *method, const char *path,
			      bool *path_known)
{
	lt_route_match m;

	lt_route_match_find(method, path, &m);
	return lt_route_use(req, &m, path_known);
}

void lt_route_match_find(const char *method, const char *path, lt_route_match *m)
{
	m->nparams = 0;
	m->route = find(method, path, m->params, &m->nparams, &m->path_known);
}

size_t lt_route_body_limit(const lt_route_match *m, size_t dflt)
{
	return m->route && m->route->max_body > dflt ? m->route->max_body : dflt;
}
