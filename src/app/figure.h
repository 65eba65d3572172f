/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * figure.h — care figures' use cases: the indicator catalogue (or the set
 * a directive asks for), a unit's figures for a directive (read, set,
 * confirm a warning, history) and the summary over a subtree. Values are
 * checked with core/indicator.h's rules: errors refuse a value, warnings
 * are shown until the unit confirms each with a comment. Access as in
 * app/activity_access.h. JSON in app/activity_json.h. Results in the arena.
 */
#ifndef LT_APP_FIGURE_H
#define LT_APP_FIGURE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app/actor.h"
#include "core/arena.h"
#include "core/error.h"
#include "core/page.h"
#include "core/indicator.h"
#include "store/db.h"
#include "store/indicator.h"

/* The catalogue, or (with a directive) the set it asks for. */
typedef struct lt_app_indicators {
	bool catalogue;          /* rows below; else set */
	lt_indicator_row *rows;
	lt_indicator_info *set;
	size_t n;
} lt_app_indicators;

/* The whole catalogue (directive_id 0), or the set directive_id asks for (it must be visible). */
LT_MUST_CHECK int lt_app_indicators_list(lt_db *db, const lt_actor *who, int64_t directive_id,
					 lt_arena *a, lt_app_indicators *out, lt_error *e);

/* One indicator of a unit's figures. */
typedef struct lt_app_figure {
	const lt_indicator_info *info;
	bool set;
	double value;
	const char *note;   /* NULL: none */
	int64_t updated_at; /* with set */
} lt_app_figure;

/* A warning raised by the values, and its confirmation if any. */
typedef struct lt_app_warning {
	lt_indicator_warning w;
	bool confirmed;
	const char *comment; /* with confirmed */
	int64_t confirmed_at;
} lt_app_warning;

typedef struct lt_app_figures {
	int64_t directive_id, unit_id;
	lt_app_figure *v; /* one per indicator of the directive's set */
	size_t n;
	lt_app_warning *warnings;
	size_t nwarnings;
	bool locked;
	bool waiting; /* locked while the report only waits for review (not accepted) */
} lt_app_figures;

/* The figures of unit_id (0: the actor's own unit; else in its subtree) for directive. */
LT_MUST_CHECK int lt_app_figures_get(lt_db *db, const lt_actor *who, int64_t directive_id,
				     int64_t unit_id, lt_arena *a, lt_app_figures *out, lt_error *e);

/*
 * Set vals[n] for unit_id (0: the actor's own) and directive, all or
 * nothing: each code must be one the directive asks for (LT_EINVAL naming
 * "code"), each value pass the indicator's rules (naming the code), each
 * note be at most 1000 bytes. A value with clear removes it. *out the
 * figures as they now are.
 */
LT_MUST_CHECK int lt_app_figures_set(lt_db *db, const lt_actor *who, int64_t directive_id,
				     int64_t unit_id, const lt_figure_in *vals, size_t n, lt_arena *a,
				     lt_app_figures *out, lt_error *e);

/*
 * Confirm the warning rule (e.g. "per:gift_vnd") raised now for unit_id's
 * figures with comment (required, at most 1000 bytes). LT_ENOTFOUND naming
 * "rule" when that warning is not raised.
 */
LT_MUST_CHECK int lt_app_figures_confirm(lt_db *db, const lt_actor *who, int64_t directive_id,
					 int64_t unit_id, const char *rule, const char *comment,
					 lt_arena *a, lt_app_figures *out, lt_error *e);

/*
 * The changes of unit_id's figures for directive, newest first: one page
 * of pg (pg->limit + 1 rows: more when there are; NULL: all).
 */
LT_MUST_CHECK int lt_app_figures_history(lt_db *db, const lt_actor *who, int64_t directive_id,
					 int64_t unit_id, const lt_page *pg, lt_arena *a,
					 lt_figure_change **v, size_t *n, lt_error *e);

/* A recipient's line in a summary. */
typedef struct lt_app_summary_unit {
	lt_act_unit unit;
	lt_app_figure *v; /* per indicator of the set (set: has a value; no note, no time) */
	lt_app_warning *warnings;
	size_t nwarnings;
	size_t unconfirmed;
} lt_app_summary_unit;

typedef struct lt_app_summary {
	lt_indicator_info *set;
	size_t nset;
	double *total;          /* per indicator, by its aggregation */
	int64_t *reporting;     /* per indicator: units with a value */
	lt_app_summary_unit *units;
	size_t nunits;
	int64_t recipients;      /* recipient units under unit_id, all pages */
	const char *next_cursor; /* a page's: the next page, or NULL at the end */
} lt_app_summary;

/*
 * Figures of every recipient of directive under unit_id (0: the actor's
 * subtree), in tree order, with the totals: the CLI's summary and the
 * figures export. Unbounded: the API pages it (below).
 */
LT_MUST_CHECK int lt_app_figures_summary(lt_db *db, const lt_actor *who, int64_t directive_id,
					 int64_t unit_id, lt_arena *a, lt_app_summary *out,
					 lt_error *e);

/*
 * The same a stretch of units at a time, for an export that streams: fn
 * gets each stretch in tree order (part: the set and up to 500 units with
 * their values and warnings; no totals), which lives until fn returns. The
 * memory held is one stretch's, whatever the subtree's size. fn's error
 * (0 or a negative LT_E*, e set) ends it and is returned.
 */
typedef int (*lt_app_summary_fn)(const lt_app_summary *part, void *ctx, lt_error *e);
LT_MUST_CHECK int lt_app_figures_each(lt_db *db, const lt_actor *who, int64_t directive_id,
				      int64_t unit_id, lt_app_summary_fn fn, void *ctx,
				      lt_error *e);

/*
 * How many values the recipients under unit_id (0: the actor's subtree)
 * have, from the kept totals (a handful of rows): the rows of a figures
 * export of the subtree, known before it is made.
 */
LT_MUST_CHECK int lt_app_figures_count(lt_db *db, const lt_actor *who, int64_t directive_id,
				       int64_t unit_id, int64_t *n, lt_error *e);

/*
 * The same bounded, for the API, as its reply written into out: totals over
 * every recipient under unit_id (kept per directive, unit and indicator:
 * sum and max indicators; latest and none give 0), and one page of the
 * recipients (pg: limit and cursor) with their figures and warnings
 * (app/activity_json.h lt_app_summary_write). Access is decided on every
 * call; the reply is then kept (app/kept.h) and given again while the
 * database under it stands.
 */
struct lt_page;
LT_MUST_CHECK int lt_app_figures_summary_reply(lt_db *db, const lt_actor *who,
					       int64_t directive_id, int64_t unit_id,
					       const struct lt_page *pg, lt_arena *a, lt_buf *out,
					       lt_error *e);

#endif
