/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * indicator.h — the rules for care figures (indicators), pure.
 *
 * An indicator is a figure a directive asks every recipient unit for:
 * people supported, VND, tickets, trips, stalls… Its definition names the
 * measure (which decides the value's type and bounds) and carries rules
 * as a small JSON object:
 *   {"parts": ["a", "b"]}                 warn when a + b ≠ this total
 *   {"per": "x", "per_min": m, "per_max": M}
 *                                         warn when this / x is outside [m, M]
 *   {"min": m, "max": M}                  error outside these bounds
 * Errors block a value (negative money, a fraction of a person); warnings
 * do not, but a unit confirms each one with a comment before its report
 * goes up. A warning has a stable rule id ("parts:support_vnd",
 * "per:gift_vnd") so that its confirmation can be stored.
 */
#ifndef LT_INDICATOR_H
#define LT_INDICATOR_H

#include <stdbool.h>
#include <stddef.h>

#include "core/error.h"

#define LT_IND_CODE_MAX 48
#define LT_IND_PARTS_MAX 8

typedef struct lt_indicator_def {
	char code[LT_IND_CODE_MAX];
	char measure[24];     /* people, vnd, tickets, trips, stalls, programmes, items, visits, … */
	char aggregation[8];  /* sum, max, latest, none */
	bool integer;         /* whole numbers only (every measure but "ratio"/"score") */
	double min, max;      /* hard bounds (errors) */
	int nparts;
	char parts[LT_IND_PARTS_MAX][LT_IND_CODE_MAX];
	char per[LT_IND_CODE_MAX]; /* "" when no ratio rule */
	double per_min, per_max;
	const char *name_vi;  /* borrowed, may be NULL: the name errors use instead of the code */
	const char *name_en;
} lt_indicator_def;

/*
 * Fill d from a code, a measure, an aggregation and a rules JSON text
 * (borrowed; NULL or "" = no rules). Returns 0 or LT_EINVAL (bad JSON,
 * unknown measure/aggregation, too many parts) with e naming "rules".
 */
LT_MUST_CHECK int lt_indicator_def_parse(const char *code, const char *measure, const char *aggregation,
			   const char *rules, lt_indicator_def *d, lt_error *e);

/*
 * Check one value of d: finite, not negative, a whole number when d is,
 * within d's bounds. Returns 0 or LT_EINVAL with e (field = d->code) saying
 * why in Vietnamese and English.
 */
LT_MUST_CHECK int lt_indicator_check(const lt_indicator_def *d, double v, lt_error *e);

/* One value as the warning rules see it. */
typedef struct lt_indicator_val {
	const char *code; /* borrowed */
	double v;
	bool set;
} lt_indicator_val;

typedef struct lt_indicator_warning {
	char rule[LT_IND_CODE_MAX + 8]; /* "parts:CODE" / "per:CODE" */
	char code[LT_IND_CODE_MAX];    /* the indicator the warning is about */
	char vi[256];
	char en[256];
} lt_indicator_warning;

/*
 * Warnings for a unit's values vals[nvals] against the definitions
 * defs[ndefs] (both borrowed). Writes at most max warnings to out and
 * returns how many there are in all (so a caller can size out).
 * A rule is only judged when every value it needs is set, and a ratio
 * only when its denominator is positive.
 */
size_t lt_indicator_warnings(const lt_indicator_def *defs, size_t ndefs,
			     const lt_indicator_val *vals, size_t nvals,
			     lt_indicator_warning *out, size_t max);

/*
 * Combine values of one indicator across units by d->aggregation:
 * sum → sum, max → largest, latest → the one with the largest stamp,
 * none → 0. stamps may be NULL (then latest = the last one).
 */
double lt_indicator_aggregate(const lt_indicator_def *d, const double *v,
			      const long long *stamps, size_t n);

/* Is measure a known measure code? */
bool lt_indicator_measure_known(const char *measure);

#endif
