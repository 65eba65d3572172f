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

const lt_route *lt_route_find(lt_http_req *req, const char *method, const char *path,
			      bool *path_known)
{
	int64_t params[LT_HTTP_MAX_PARAMS];
	int np = 0;
	bool head = !strcmp(method, "HEAD");

	*path_known = false;
	for (size_t i = 0; i < lt_routes_count; i++) {
		const lt_route *r = &lt_routes[i];
		if (!match(r->pattern, path, params, &np))
			continue;
		if (strcmp(r->method, method) && !(head && !strcmp(r->method, "GET"))) {
			*path_known = true;
			continue;
		}
		memcpy(req->params, params, sizeof(params));
		req->nparams = np;
		return r;
	}
	return NULL;
}

size_t lt_route_body_limit(const char *method, const char *path, size_t dflt)
{
	lt_http_req probe;
	bool known = false;
	const lt_route *r;

	memset(&probe, 0, sizeof(probe));
	r = lt_route_find(&probe, method, path, &known);
	return r && r->max_body > dflt ? r->max_body : dflt;
}
