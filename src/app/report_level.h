/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * report_level.h — approval by level: what a unit's report page says of the
 * reports below it. Its recipient children by report state (and its whole
 * subtree's), a readiness word for the unit, and the children a page at a
 * time, each with its report's state.
 */
#ifndef LT_APP_REPORT_LEVEL_H
#define LT_APP_REPORT_LEVEL_H

#include <jansson.h>
#include <stdbool.h>

#include "app/actor.h"
#include "app/report.h"
#include "core/page.h"
#include "store/report_level.h"

/* Recipients by the state of their report. */
typedef struct lt_report_state_counts {
	int64_t none, draft, submitted, returned, accepted;
} lt_report_state_counts;

/* A direct child with recipients at or under it, and its own report's state. */
typedef struct lt_report_child {
	int64_t unit_id;
	const char *code, *name;
	const char *status; /* "none" (no report yet), "draft", "submitted", "returned", "accepted" */
} lt_report_child;

typedef struct lt_report_level {
	bool has;                       /* the unit has children with recipients at or under them */
	lt_report_state_counts kids;    /* those direct children, by their own report's state */
	lt_report_state_counts subtree; /* every recipient strictly under it */
	/*
	 * "accepted": its own report is accepted; else "waiting_lower": some
	 * child's report is not accepted yet; else "ready".
	 */
	const char *readiness;
} lt_report_level;

/* The level of ref's unit (read access as the report's). */
LT_MUST_CHECK int lt_app_report_level(lt_db *db, const lt_actor *who, const lt_report_ref *ref,
				      lt_arena *a, lt_report_level *out, lt_error *e);

/*
 * One page of ref's unit's direct children that are recipients or hold
 * recipients under them (the roll-up's children), by unit id, each with its
 * own report's state; *next the cursor of the next page or NULL.
 */
LT_MUST_CHECK int lt_app_report_children(lt_db *db, const lt_actor *who,
					 const lt_report_ref *ref, const lt_page *pg,
					 lt_arena *a, lt_report_child **items, size_t *n,
					 const char **next, lt_error *e);

/* {"readiness", "children": {none, draft, submitted, returned, accepted, total}, "subtree": {…}}, or JSON null without children. */
json_t *lt_app_report_level_json(const lt_report_level *l);

/* {"items": [{unit_id, code, name, status}], "next_cursor"}. */
json_t *lt_app_report_children_json(const lt_report_child *v, size_t n, const char *next);

#endif
