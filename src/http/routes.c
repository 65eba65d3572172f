/*
 * routes.c — every HTTP route of lantoa in one table (method, path, handler,
 * least role). The OpenAPI description in docs/openapi.yaml mirrors it.
 */
#include "http/api.h"
#include "http/api_feedback.h"
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
	{ "GET", "/api/v1/feedback", lt_api_feedback_list, LT_ROLE_CADRE, "feedback" },
	{ "POST", "/api/v1/feedback", lt_api_feedback_create, LT_ROLE_CADRE, "feedback_create" },
	{ "GET", "/api/v1/feedback/export", lt_api_feedback_export, LT_ROLE_CADRE, "feedback_export" },
	{ "GET", "/api/v1/feedback/summary", lt_api_feedback_summary, LT_ROLE_CADRE, "feedback_summary" },
	{ "POST", "/api/v1/feedback/import", lt_api_feedback_import, LT_ROLE_CADRE, "feedback_import" },
	{ "POST", "/api/v1/feedback/classify", lt_api_feedback_classify, LT_ROLE_CADRE, "feedback_classify" },
	{ "GET", "/api/v1/feedback/rules", lt_api_feedback_rules, LT_ROLE_CADRE, "feedback_rules" },
	{ "POST", "/api/v1/feedback/rules", lt_api_feedback_rule_add, LT_ROLE_OFFICER, "feedback_rule_add" },
	{ "POST", "/api/v1/feedback/rules/preview", lt_api_feedback_rule_preview, LT_ROLE_OFFICER, "feedback_rule_preview" },
	{ "GET", "/api/v1/feedback/model", lt_api_feedback_model, LT_ROLE_CADRE, "feedback_model" },
	{ "POST", "/api/v1/feedback/model/train", lt_api_feedback_train, LT_ROLE_OFFICER, "feedback_train" },
	{ "GET", "/api/v1/feedback/{id}", lt_api_feedback_get, LT_ROLE_CADRE, "feedback_one" },
	{ "POST", "/api/v1/feedback/{id}/actions", lt_api_feedback_act, LT_ROLE_CADRE, "feedback_act" },
	{ "POST", "/api/v1/feedback/{id}/topics", lt_api_feedback_topics, LT_ROLE_CADRE, "feedback_topics" },
	{ "GET", "/api/v1/units/{id}/feedback-qr.png", lt_api_feedback_qr, LT_ROLE_CADRE, "feedback_qr" },
	{ "GET", "/f/status", lt_api_feedback_status_page, LT_ROLE_PUBLIC, "feedback_status_page" },
	{ "GET", "/f/{id}", lt_api_feedback_form, LT_ROLE_PUBLIC, "feedback_form" },
	{ "POST", "/f/{id}", lt_api_feedback_form_post, LT_ROLE_PUBLIC, "feedback_form_post" },
};

const size_t lt_routes_count = sizeof(lt_routes) / sizeof(lt_routes[0]);
