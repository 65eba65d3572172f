/*
 * routes.c — every HTTP route of lantoa in one table (method, path, handler,
 * least role). The OpenAPI description in docs/openapi.yaml mirrors it.
 */
#include "http/api.h"
#include "http/router.h"

const lt_route lt_routes[] = {
	{ "GET", "/healthz", lt_api_healthz, LT_ROLE_PUBLIC, "healthz" },
	{ "GET", "/metrics", lt_api_metrics, LT_ROLE_PUBLIC, "metrics" },
	{ "POST", "/api/v1/login", lt_api_login, LT_ROLE_PUBLIC, "login" },
	{ "POST", "/api/v1/logout", lt_api_logout, LT_ROLE_CADRE, "logout" },
	{ "GET", "/api/v1/me", lt_api_me, LT_ROLE_CADRE, "me" },
	{ "GET", "/api/v1/levels", lt_api_levels, LT_ROLE_CADRE, "levels" },
	{ "GET", "/api/v1/units", lt_api_units_list, LT_ROLE_CADRE, "units" },
	{ "POST", "/api/v1/units", lt_api_unit_create, LT_ROLE_OFFICER, "unit_create" },
	{ "GET", "/api/v1/units/{id}", lt_api_unit_get, LT_ROLE_CADRE, "unit" },
	{ "PATCH", "/api/v1/units/{id}", lt_api_unit_update, LT_ROLE_CADRE, "unit_update" },
	{ "POST", "/api/v1/units/{id}/move", lt_api_unit_move, LT_ROLE_OFFICER, "unit_move" },
	{ "POST", "/api/v1/units/{id}/merge", lt_api_unit_merge, LT_ROLE_OFFICER, "unit_merge" },
	{ "POST", "/api/v1/units/{id}/close", lt_api_unit_close, LT_ROLE_OFFICER, "unit_close" },
	{ "GET", "/api/v1/units/{id}/history", lt_api_unit_history, LT_ROLE_CADRE, "unit_history" },
	{ "GET", "/api/v1/users", lt_api_users_list, LT_ROLE_OFFICER, "users" },
	{ "POST", "/api/v1/users", lt_api_user_create, LT_ROLE_OFFICER, "user_create" },
};

const size_t lt_routes_count = sizeof(lt_routes) / sizeof(lt_routes[0]);
