/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * api_activity.h — activities, care figures, contests, link kits and their
 * spreadsheets over HTTP. Each handler is an adapter: it parses the
 * request, calls one use case of app/ (activity.h, figure.h, contest.h,
 * linkkit.h, activity_io.h) with the request's actor, and replies with the
 * document app/activity_json.h builds. Access is decided in app/.
 */
#ifndef LT_API_ACTIVITY_H
#define LT_API_ACTIVITY_H

#include "http/api.h"

/* Reply with the document j built with rc (0: j, else rc's error). Steals j. */
int lt_api_act_reply(lt_http_req *req, int status, int rc, json_t *j);
struct lt_app_item;
/* Reply with item it (built with rc), written straight into the reply (no json_t tree). */
int lt_api_act_reply_item(lt_http_req *req, int status, int rc, const struct lt_app_item *it);

/* GET /api/v1/indicators?directive_id=: the set a directive asks for (the route's handler,
 * api_indicator_catalog.c, hands it that form and serves the catalogue's search itself). */
int lt_api_indicators(lt_http_req *req);

#endif
