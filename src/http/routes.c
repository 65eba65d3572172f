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
	{ "GET", "/api/v1/directives", lt_api_directives_list, LT_ROLE_CADRE, "directives" },
	{ "POST", "/api/v1/directives", lt_api_directive_create, LT_ROLE_OFFICER, "directive_create" },
	{ "POST", "/api/v1/directives/parse", lt_api_directive_parse, LT_ROLE_CADRE, "directive_parse" },
	{ "GET", "/api/v1/directives/{id}", lt_api_directive_get, LT_ROLE_CADRE, "directive" },
	{ "PATCH", "/api/v1/directives/{id}", lt_api_directive_update, LT_ROLE_OFFICER, "directive_update" },
	{ "POST", "/api/v1/directives/{id}/issue", lt_api_directive_issue, LT_ROLE_OFFICER, "directive_issue" },
	{ "POST", "/api/v1/directives/{id}/ack", lt_api_directive_ack, LT_ROLE_CADRE, "directive_ack" },
	{ "GET", "/api/v1/directives/{id}/receipts", lt_api_directive_receipts, LT_ROLE_CADRE, "directive_receipts" },
	{ "POST", "/api/v1/directives/{id}/cascade", lt_api_directive_cascade, LT_ROLE_OFFICER, "directive_cascade" },
	{ "POST", "/api/v1/directives/{id}/amend", lt_api_directive_amend, LT_ROLE_OFFICER, "directive_amend" },
	{ "GET", "/api/v1/directives/{id}/chain", lt_api_directive_chain, LT_ROLE_CADRE, "directive_chain" },
	{ "GET", "/api/v1/users", lt_api_users_list, LT_ROLE_OFFICER, "users" },
	{ "POST", "/api/v1/users", lt_api_user_create, LT_ROLE_OFFICER, "user_create" },
};

const size_t lt_routes_count = sizeof(lt_routes) / sizeof(lt_routes[0]);
