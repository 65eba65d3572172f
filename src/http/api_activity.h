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

#include "http/http.h"

/* api_activity.c */
int lt_api_activities_list(lt_http_req *req);
int lt_api_activity_create(lt_http_req *req);
int lt_api_activity_detect(lt_http_req *req);
int lt_api_activity_get(lt_http_req *req);
int lt_api_activity_update(lt_http_req *req);
int lt_api_activity_delete(lt_http_req *req);
int lt_api_activity_continuity(lt_http_req *req);
/* api_activity_photo.c */
int lt_api_activity_photo_add(lt_http_req *req);
int lt_api_activity_photo_get(lt_http_req *req);
int lt_api_activity_photo_delete(lt_http_req *req);
/* api_activity_figures.c */
int lt_api_indicators(lt_http_req *req);
int lt_api_figures_get(lt_http_req *req);
int lt_api_figures_set(lt_http_req *req);
int lt_api_figures_confirm(lt_http_req *req);
int lt_api_figures_history(lt_http_req *req);
int lt_api_figures_summary(lt_http_req *req);
/* api_activity_contest.c */
int lt_api_contests_list(lt_http_req *req);
int lt_api_contest_create(lt_http_req *req);
int lt_api_contest_get(lt_http_req *req);
int lt_api_contest_entries(lt_http_req *req);
int lt_api_contest_entry_add(lt_http_req *req);
int lt_api_contest_entry_delete(lt_http_req *req);
int lt_api_linkkits_list(lt_http_req *req);
int lt_api_linkkit_create(lt_http_req *req);
int lt_api_linkkit_shares(lt_http_req *req);
/* api_activity_files.c: templates, exports, imports */
int lt_api_activities_template(lt_http_req *req);
int lt_api_activities_export_xlsx(lt_http_req *req);
int lt_api_activities_export_csv(lt_http_req *req);
int lt_api_activities_import(lt_http_req *req);
int lt_api_figures_template(lt_http_req *req);
int lt_api_figures_export_xlsx(lt_http_req *req);
int lt_api_figures_export_csv(lt_http_req *req);
int lt_api_figures_import(lt_http_req *req);
int lt_api_contest_template(lt_http_req *req);
int lt_api_contest_export_xlsx(lt_http_req *req);
int lt_api_contest_export_csv(lt_http_req *req);
int lt_api_contest_import(lt_http_req *req);

/* Reply with the document j built with rc (0: j, else rc's error). Steals j. */
int lt_api_act_reply(lt_http_req *req, int status, int rc, json_t *j);

#endif
