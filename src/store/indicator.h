/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * indicator.h — care figures in the database: the indicator catalogue,
 * the set a directive asks for, each recipient unit's values with every
 * change kept (who, when, old → new), warnings and their confirmations,
 * and the aggregate over a subtree.
 *
 * The set a directive asks for is its directive_indicator rows; when it
 * has none (a letter that names no figures), the catalogue's Tết set
 * (indicator.tet_default) applies. This keeps issued directives immutable
 * while every campaign still gets the figures Tết campaigns report.
 */
#ifndef LT_STORE_INDICATOR_H
#define LT_STORE_INDICATOR_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/error.h"
#include "core/indicator.h"
#include "store/db.h"

/* One indicator as the catalogue holds it. Strings owned by the arena. */
typedef struct lt_indicator_info {
	lt_indicator_def def;
	const char *name_vi;
	const char *name_en;
} lt_indicator_info;

/* The whole catalogue (by position) as JSON: new array. */
LT_MUST_CHECK int lt_indicator_catalogue(lt_db *db, json_t **out, lt_error *e);

/*
 * The indicators directive asks for, in its order (or the Tết default
 * set), into an arena array *items of *n.
 */
LT_MUST_CHECK int lt_indicator_set_of(lt_db *db, int64_t directive_id, lt_arena *a, lt_indicator_info **items,
			size_t *n, lt_error *e);

/* One value to write. */
typedef struct lt_figure_in {
	int line;          /* import: source row; else 0 */
	int64_t unit_id;   /* import only (lt_figures_set takes its unit apart) */
	const char *code;
	double value;
	bool clear;        /* remove the value instead */
	const char *note;  /* optional comment, kept with the value and its history */
} lt_figure_in;

/*
 * Write vals[n] for (directive, unit) in one transaction: each code must be
 * one the directive asks for and each value pass lt_indicator_check; an
 * unchanged value is skipped; every change goes to the history and the
 * audit log. On error nothing is written and *bad (may be NULL) is the
 * failing index.
 */
LT_MUST_CHECK int lt_figures_set(lt_db *db, int64_t directive_id, int64_t unit_id, const lt_figure_in *vals,
		   size_t n, int64_t actor, size_t *bad, lt_error *e);

/* Import rows[n] (each with its unit_id) all or nothing. */
LT_MUST_CHECK int lt_figures_import(lt_db *db, int64_t directive_id, const lt_figure_in *rows, size_t n,
		      int64_t actor, size_t *bad, lt_error *e);

/*
 * A unit's figures for directive: {indicators:[{code, name_vi, name_en,
 * measure, value|null, note, updated_at}], warnings:[{rule, code, vi, en,
 * confirmed, comment}], locked}. New reference.
 */
LT_MUST_CHECK int lt_figures_get(lt_db *db, int64_t directive_id, int64_t unit_id, json_t **out, lt_error *e);

/*
 * Confirm the current warning rule (e.g. "per:gift_vnd") of (directive,
 * unit) with a comment (required, at most 1000 bytes). LT_ENOTFOUND when
 * that warning is not raised now.
 */
LT_MUST_CHECK int lt_figures_ack(lt_db *db, int64_t directive_id, int64_t unit_id, const char *rule,
		   const char *comment, int64_t actor, lt_error *e);

/* Every change of (directive, unit) figures, newest first: new array. */
LT_MUST_CHECK int lt_figures_history(lt_db *db, int64_t directive_id, int64_t unit_id, json_t **out,
		       lt_error *e);

/*
 * Figures of the recipient units of directive under within: {indicators:
 * [{code, name_vi, name_en, measure, total, units_reporting}], units:
 * [{unit{id,code,name}, values{code: v}, warnings}]}. New reference.
 */
LT_MUST_CHECK int lt_figures_summary(lt_db *db, int64_t directive_id, const char *within, json_t **out,
		       lt_error *e);

#endif
