/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* routes.c — the route table, built from routes.def (one line per route). */
#include "http/api.h"
#include "http/router.h"

#define ROUTE(...) __VA_ARGS__,
const lt_route lt_routes[] = {
#include "http/routes.def"
};
#undef ROUTE

const size_t lt_routes_count = sizeof(lt_routes) / sizeof(lt_routes[0]);
