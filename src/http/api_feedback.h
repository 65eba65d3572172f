/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * api_feedback.h — workers' feedback over HTTP: the cadres' JSON API
 * (api_feedback.c), rules, model, summary and imports (api_feedback_admin.c),
 * and the public part without login — the form, its result page, the
 * receipt status page and the QR code (api_feedback_public.c).
 */
#ifndef LT_API_FEEDBACK_H
#define LT_API_FEEDBACK_H

#include "http/http.h"

/* api_feedback.c */
int lt_api_feedback_list(lt_http_req *req);
int lt_api_feedback_create(lt_http_req *req);
int lt_api_feedback_get(lt_http_req *req);
int lt_api_feedback_act(lt_http_req *req);
int lt_api_feedback_topics(lt_http_req *req);
int lt_api_feedback_export(lt_http_req *req);
int lt_api_feedback_classify(lt_http_req *req);
/* api_feedback_admin.c */
int lt_api_feedback_summary(lt_http_req *req);
int lt_api_feedback_rules(lt_http_req *req);
int lt_api_feedback_rule_preview(lt_http_req *req);
int lt_api_feedback_rule_add(lt_http_req *req);
int lt_api_feedback_model(lt_http_req *req);
int lt_api_feedback_train(lt_http_req *req);
int lt_api_feedback_import(lt_http_req *req);
/* api_feedback_public.c (LT_ROLE_PUBLIC) */
int lt_api_feedback_form(lt_http_req *req);
int lt_api_feedback_form_post(lt_http_req *req);
int lt_api_feedback_status_page(lt_http_req *req);
int lt_api_feedback_qr(lt_http_req *req);

#endif
