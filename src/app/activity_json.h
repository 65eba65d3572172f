/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * activity_json.h — the JSON documents of the activity feature, built in
 * one place so that the HTTP API and the CLI's --json print the same
 * thing: items and their lists, link detection, continuity, figures,
 * contests and entries, link kits and shares, import reports.
 *
 * Each builder writes a new reference into *out and returns 0, or
 * LT_ENOMEM with e set (then *out is NULL). Inputs are borrowed.
 */
#ifndef LT_APP_ACTIVITY_JSON_H
#define LT_APP_ACTIVITY_JSON_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app/activity.h"
#include "app/activity_io.h"
#include "app/contest.h"
#include "app/figure.h"
#include "app/linkkit.h"
#include "core/error.h"
#include "text/json_write.h"

/* An item: its fields, unit (with path), theme, photos, claims, link check, can_edit. */
LT_MUST_CHECK int lt_app_item_json(const lt_app_item *it, json_t **out, lt_error *e);
/* The same written straight into out (the bytes json_dumps(JSON_COMPACT) prints for the tree):
 * the reply of the item routes, with no tree built, parsed and dumped again (issue 10 P2). */
LT_MUST_CHECK int lt_app_item_write(const lt_app_item *it, lt_buf *out, lt_error *e);
/* A page of items: {items: [...], counts: {items, originals, shares, by_channel, capped},
 * next_cursor}, written straight into out (the bytes json_dumps(JSON_COMPACT) would print
 * for the tree below; text/json_write.h says why), and the same as a tree. */
LT_MUST_CHECK int lt_app_activity_page_write(const lt_activity_page *p, lt_buf *out, lt_error *e);
LT_MUST_CHECK int lt_app_activity_page_json(const lt_activity_page *p, json_t **out, lt_error *e);
/* A pasted link: {url_canonical, channel, theme: {id, pos, title, score} | null, claims}. */
LT_MUST_CHECK int lt_app_detect_json(const lt_app_detect *d, json_t **out, lt_error *e);
/* {from, to, units: [{unit, received, first_date, first_after_days, last_date, total, silent_days, days}]}. */
LT_MUST_CHECK int lt_app_continuity_json(const lt_app_continuity *c, json_t **out, lt_error *e);

/* {items: [...]}: the set of a directive, or the catalogue with rules and tet_default. */
LT_MUST_CHECK int lt_app_indicators_json(const lt_app_indicators *x, json_t **out, lt_error *e);
/* {indicators, warnings, locked, unit_id, directive_id}. */
LT_MUST_CHECK int lt_app_figures_json(const lt_app_figures *f, json_t **out, lt_error *e);
/* {items: [{code, old, new, at, note, by}]}. */
LT_MUST_CHECK int lt_app_figures_history_json(const lt_figure_change *v, size_t n, json_t **out,
					      lt_error *e);
/* {indicators: [{…, total, units_reporting}], recipients, units: [{unit, values, warnings,
 * unconfirmed_warnings}], next_cursor}, written straight into out (the API's page, as the
 * activity page is), and the same as a tree (the CLI's). */
LT_MUST_CHECK int lt_app_summary_write(const lt_app_summary *s, lt_buf *out, lt_error *e);
LT_MUST_CHECK int lt_app_summary_json(const lt_app_summary *s, json_t **out, lt_error *e);

/*
 * The tail of a builder that writes with text/json_write.h: w, started on its own
 * buffer (lt_jw_init(w, NULL)), and rc, the writing's result. 0 with the document
 * as a tree in *out; else rc (or LT_ENOMEM) with *out NULL. Frees w's buffer.
 */
LT_MUST_CHECK int lt_app_json_tree(lt_jw *w, int rc, json_t **out, lt_error *e);

/* A unit as every document names it, {id, code, name} (with_path: and path), into w. */
void lt_app_unit_ref_write(lt_jw *w, const lt_act_unit *u, bool with_path);

/* A contest; issuer_side < 0 leaves that field out. */
LT_MUST_CHECK int lt_app_contest_json(const lt_contest_row *c, int issuer_side, json_t **out,
				      lt_error *e);
/* {items: [contests]}. */
LT_MUST_CHECK int lt_app_contests_json(const lt_contest_row *v, size_t n, json_t **out, lt_error *e);
/* {contest, items, counts: {entries, by_category, by_unit}}. */
LT_MUST_CHECK int lt_app_entries_json(const lt_app_entries *x, json_t **out, lt_error *e);
/* {id, url_canonical} of an added entry. */
LT_MUST_CHECK int lt_app_entry_added_json(int64_t id, const char *url_canonical, json_t **out,
					  lt_error *e);
/* The 409 of a link entered already: {error: {code, message, field, existing_id}}. */
LT_MUST_CHECK int lt_app_entry_exists_json(const lt_error *why, bool en, int64_t existing,
					   json_t **out, lt_error *e);

/* A link kit with its links. */
LT_MUST_CHECK int lt_app_linkkit_json(const lt_linkkit_row *k, json_t **out, lt_error *e);
/* {items: [kits]}. */
LT_MUST_CHECK int lt_app_linkkits_json(const lt_linkkit_row *v, size_t n, json_t **out,
				       lt_error *e);
/* The kit with its shares: {…kit, shares: {links: [...], units: [...]}}. */
LT_MUST_CHECK int lt_app_kit_shares_json(const lt_app_kit_shares *x, json_t **out, lt_error *e);

/* A refused import: {error: {code, message, field}, errors: [{sheet, row, column, field, message}], error_count}. */
LT_MUST_CHECK int lt_app_import_report_json(const lt_import_report *r, bool en, json_t **out,
					    lt_error *e);
/* {imported: n}. */
LT_MUST_CHECK int lt_app_imported_json(size_t n, json_t **out, lt_error *e);

/* ---------- helpers the feature's JSON files share ---------- */

/* s, or null. */
json_t *lt_app_json_str(const char *s);
/* A count (-1: null). */
json_t *lt_app_json_count(int64_t v);
/* A figure: an integer when whole, else a real. */
json_t *lt_app_json_num(double v);
/* {id, code, name} (+ path when with_path). */
json_t *lt_app_json_unit(const lt_act_unit *u, bool with_path);
/* Set o[k] = v (stolen); nonzero when that failed (v NULL, out of memory). */
int lt_app_json_put(json_t *o, const char *k, json_t *v);
/* Append v (stolen) to arr; nonzero when that failed. */
int lt_app_json_push(json_t *arr, json_t *v);
/* Hand j out unless building it failed (bad or j NULL): then release it and say out of memory. */
LT_MUST_CHECK int lt_app_json_done(json_t *j, int bad, json_t **out, lt_error *e);

#endif
