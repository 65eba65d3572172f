/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * indicator.h — care figures in the database: the indicator catalogue,
 * the set a directive asks for, each recipient unit's values with every
 * change kept (who, when, old → new), the confirmations of warnings, and
 * the recipients a summary covers.
 *
 * The set a directive asks for is its directive_indicator rows; when it
 * has none (a letter that names no figures), the catalogue's Tết set
 * (indicator.tet_default) applies. This keeps issued directives immutable
 * while every campaign still gets the figures Tết campaigns report.
 *
 * Checking values (core/indicator.h), the warnings they raise, and who may
 * write for which unit are app/'s (app/figure.c). Rows keep their strings
 * in the caller's arena.
 */
#ifndef LT_STORE_INDICATOR_H
#define LT_STORE_INDICATOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/error.h"
#include "core/indicator.h"
#include "store/activity.h"
#include "store/db.h"

/* One indicator as the catalogue holds it. Strings owned by the arena. */
typedef struct lt_indicator_info {
	lt_indicator_def def;
	const char *name_vi;
	const char *name_en;
} lt_indicator_info;

/* A catalogue row as stored (rules: a JSON object text). */
typedef struct lt_indicator_row {
	const char *code, *name_vi, *name_en, *measure, *aggregation, *rules;
	bool tet_default;
} lt_indicator_row;

/* The whole catalogue, by position. */
LT_MUST_CHECK int lt_indicator_catalogue(lt_db *db, lt_arena *a, lt_indicator_row **v, size_t *n,
					 lt_error *e);

/*
 * The indicators directive asks for, in catalogue order (or the Tết
 * default set), into an arena array *items of *n.
 */
LT_MUST_CHECK int lt_indicator_set_of(lt_db *db, int64_t directive_id, lt_arena *a,
				      lt_indicator_info **items, size_t *n, lt_error *e);

/* One value to write. */
typedef struct lt_figure_in {
	int line;          /* import: source row; else 0 */
	int64_t unit_id;   /* import only (a single unit's write names it apart) */
	const char *code;
	double value;
	bool clear;        /* remove the value instead */
	const char *note;  /* optional comment, kept with the value and its history */
} lt_figure_in;

/*
 * Write vals[n] (already checked) for directive in one transaction: every
 * value is unit_id's, or (unit_id 0) its own row's. An unchanged value is
 * skipped; every change goes to the history and the audit log. On error
 * nothing is written and *bad (may be NULL) is the failing index.
 */
LT_MUST_CHECK int lt_figures_write(lt_db *db, int64_t directive_id, int64_t unit_id,
				   const lt_figure_in *vals, size_t n, int64_t actor, size_t *bad,
				   lt_error *e);

/* A unit's current value of one indicator. */
typedef struct lt_figure_row {
	const char *code;
	double value;
	const char *note;   /* NULL: none */
	int64_t updated_at;
} lt_figure_row;

/* The values of (directive, unit). */
LT_MUST_CHECK int lt_figures_values(lt_db *db, int64_t directive_id, int64_t unit_id, lt_arena *a,
				    lt_figure_row **v, size_t *n, lt_error *e);

/* A confirmed warning: its rule, the comment and when. */
typedef struct lt_figure_ack_row {
	const char *rule;
	const char *comment;
	int64_t acked_at;
} lt_figure_ack_row;

/* The confirmations of (directive, unit). */
LT_MUST_CHECK int lt_figures_acks(lt_db *db, int64_t directive_id, int64_t unit_id, lt_arena *a,
				  lt_figure_ack_row **v, size_t *n, lt_error *e);

/*
 * The same for a page of units at once (the figures summary's, in tree
 * order: store/rollup.h): the values and the confirmations of directive's
 * units whose path is in [first, last], one statement each instead of two
 * per unit. Each row names its unit; the values carry no note and no time
 * (the summary shows neither; the covering index has the rest). Any order.
 */
typedef struct lt_figure_unit_value {
	int64_t unit_id;
	const char *code;
	double value;
} lt_figure_unit_value;

typedef struct lt_figure_unit_ack {
	int64_t unit_id;
	lt_figure_ack_row ack;
} lt_figure_unit_ack;

LT_MUST_CHECK int lt_figures_values_in(lt_db *db, int64_t directive_id, const char *first,
				       const char *last, lt_arena *a, lt_figure_unit_value **v,
				       size_t *n, lt_error *e);
LT_MUST_CHECK int lt_figures_acks_in(lt_db *db, int64_t directive_id, const char *first,
				     const char *last, lt_arena *a, lt_figure_unit_ack **v,
				     size_t *n, lt_error *e);

/* Keep (or replace) the confirmation of rule for (directive, unit), with its audit event. */
LT_MUST_CHECK int lt_figures_ack_put(lt_db *db, int64_t directive_id, int64_t unit_id,
				     const char *rule, const char *comment, int64_t actor,
				     lt_error *e);

typedef struct lt_figure_change {
	int64_t id;           /* the change's own, the key of its list */
	const char *code;
	bool had_old, has_new;
	double old_value, new_value;
	const char *note;     /* NULL: none */
	int64_t at;
	int64_t by_id;        /* 0: the system or the console */
	const char *by_login; /* NULL when by_id is 0 */
	const char *by_name;
} lt_figure_change;

/*
 * The changes of (directive, unit) figures, newest first (id down, along
 * indicator_value_history_du): ids below before_id (0: from the newest),
 * at most max (0: all).
 */
LT_MUST_CHECK int lt_figures_history(lt_db *db, int64_t directive_id, int64_t unit_id,
				     int64_t before_id, int max, lt_arena *a, lt_figure_change **v,
				     size_t *n, lt_error *e);

/* The recipient units of directive under within, in path order, with their paths. */
LT_MUST_CHECK int lt_figures_units(lt_db *db, int64_t directive_id, const char *within, lt_arena *a,
				   lt_act_unit **v, size_t *n, lt_error *e);

#endif
