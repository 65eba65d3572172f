/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * api_activity.h — activities, care figures, contests and link kits over
 * HTTP, and the spreadsheet side shared with the CLI: reading an import
 * file (XLSX or CSV, told apart by content) into store rows with every bad
 * cell reported by sheet, row and column, exporting the same records, and
 * writing the import templates (drop-down lists for themes, channels,
 * kinds, indicators, categories).
 */
#ifndef LT_API_ACTIVITY_H
#define LT_API_ACTIVITY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/error.h"
#include "app/activity_io.h"
#include "http/http.h"
#include "render/table.h"
#include "store/activity.h"
#include "store/contest.h"
#include "store/indicator.h"

/* ---------- handlers (routes.c) ---------- */

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

/* ---------- access helpers shared by the handlers ---------- */

/*
 * Load directive id and check the user may read it (recipient side or
 * issuing side); a directive it may not read is "not found".
 */
int lt_api_act_directive(lt_http_req *req, int64_t id);
/*
 * The subtree a read covers: unit's path when unit is given (it must lie in
 * the reader's scope, else the reply's error), else the reader's own. *within
 * borrows from the request's arena or user.
 */
int lt_api_act_within(lt_http_req *req, int64_t unit, const char **within);
/*
 * The unit a write is for: unit_id (0 → the user's own unit). Everyone
 * records for its own unit only; an admin may record for any unit of its
 * subtree (corrections).
 */
int lt_api_act_write_unit(lt_http_req *req, int64_t unit_id, int64_t *out);
/* The unit a read is for: unit_id (0 → the user's own) must be in the user's subtree. */
int lt_api_act_read_unit(lt_http_req *req, int64_t unit_id, int64_t *out);

#endif
