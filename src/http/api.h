/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* api.h — the handlers behind the route table (routes.c), one file per resource. */
#ifndef LT_API_H
#define LT_API_H

#include "http/http.h"
#include "store/unit.h"

/* api_auth.c */
int lt_api_login(lt_http_req *req);
int lt_api_logout(lt_http_req *req);
int lt_api_me(lt_http_req *req);
/* api_units.c */
int lt_api_levels(lt_http_req *req);
int lt_api_units_list(lt_http_req *req);
int lt_api_unit_get(lt_http_req *req);
int lt_api_unit_create(lt_http_req *req);
int lt_api_unit_update(lt_http_req *req);
int lt_api_unit_move(lt_http_req *req);
int lt_api_unit_merge(lt_http_req *req);
int lt_api_unit_close(lt_http_req *req);
int lt_api_unit_history(lt_http_req *req);
/* api_users.c */
int lt_api_users_list(lt_http_req *req);
int lt_api_user_create(lt_http_req *req);
/* api_directives.c */
int lt_api_directives_list(lt_http_req *req);
int lt_api_directive_create(lt_http_req *req);
int lt_api_directive_get(lt_http_req *req);
int lt_api_directive_update(lt_http_req *req);
int lt_api_directive_issue(lt_http_req *req);
int lt_api_directive_ack(lt_http_req *req);
int lt_api_directive_receipts(lt_http_req *req);
int lt_api_directive_cascade(lt_http_req *req);
int lt_api_directive_amend(lt_http_req *req);
int lt_api_directive_chain(lt_http_req *req);
int lt_api_directive_parse(lt_http_req *req);
int lt_api_directive_document(lt_http_req *req);
/* api_reports.c */
int lt_api_report_get(lt_http_req *req);
int lt_api_report_narrative(lt_http_req *req);
int lt_api_report_submit(lt_http_req *req);
int lt_api_report_return(lt_http_req *req);
int lt_api_report_accept(lt_http_req *req);
int lt_api_report_reopen(lt_http_req *req);
int lt_api_report_compare(lt_http_req *req);
int lt_api_report_verify(lt_http_req *req);
int lt_api_report_document(lt_http_req *req);
int lt_api_report_send(lt_http_req *req);
int lt_api_report_mail(lt_http_req *req);
int lt_api_directive_dashboard(lt_http_req *req);
/* api_series.c */
int lt_api_series(lt_http_req *req);
int lt_api_series_import(lt_http_req *req);
/* api_ops.c */
int lt_api_healthz(lt_http_req *req);
int lt_api_metrics(lt_http_req *req);

/*
 * A unit as JSON: every field when the user may read it (in its subtree),
 * else only the public ones (id, code, name, level, parent_id). New ref.
 */
json_t *lt_api_unit_json(lt_http_req *req, const lt_unit *u);
/* Load unit params[0] and check the user may read it fully; 0 or < 0 with req->err. */
int lt_api_unit_in_scope(lt_http_req *req, int64_t id, lt_unit *u);

#endif
