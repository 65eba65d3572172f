/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * todo.h — what the signed-in user must do now, as one bounded, paged list:
 * the unit's returned reports to fix, reports due, directives to
 * acknowledge, reports of units below waiting for review (officers),
 * workers' messages to triage, and late units to remind (officers, on the
 * directives their unit issued). Each task links to the page that does it.
 *
 * Review goes by level: a report waits for the nearest unit above it that
 * has an officer, so a commune union with an officer reviews its grassroots
 * unions and the district does not see them; a tree without a commune tier
 * (or a commune without officers) leaves them to the district, as before.
 */
#ifndef LT_APP_TODO_H
#define LT_APP_TODO_H

#include <jansson.h>
#include <stddef.h>

#include "app/actor.h"
#include "core/arena.h"
#include "core/error.h"
#include "store/db.h"
#include "store/todo.h"

/* Rows fetched per kind at most; more is flagged, not listed. */
#define LT_TODO_KIND_MAX 200
#define LT_TODO_LIMIT_DEFAULT 20
#define LT_TODO_LIMIT_MAX 100

typedef struct lt_todo_in {
	const char *kind; /* one kind's name ("report_review", …), or NULL for all */
	int64_t limit;    /* 1 … LT_TODO_LIMIT_MAX (LT_TODO_LIMIT_DEFAULT when not asked) */
	int64_t offset;   /* 0 … 100 000 */
} lt_todo_in;

typedef struct lt_todo_page {
	lt_todo_row *rows; /* the page's rows (in the arena) */
	size_t n;
	size_t total;                  /* rows of every kind asked for */
	size_t counts[LT_TODO_KINDS];  /* per kind */
	int more[LT_TODO_KINDS];       /* that kind had more than LT_TODO_KIND_MAX */
	int64_t limit, offset;
	char today[11];
} lt_todo_page;

/*
 * The actor's tasks (a user with a unit; the console operator has none:
 * LT_EINVAL). kind, limit and offset are checked (LT_EINVAL naming them).
 */
LT_MUST_CHECK int lt_app_todo_list(lt_db *db, const lt_actor *who, const lt_todo_in *in,
				   lt_arena *a, lt_todo_page *out, lt_error *e);

/* The kind's name: "report_fix", "report_write", … */
const char *lt_app_todo_kind_name(lt_todo_kind k);

/* {items, total, limit, offset, counts, truncated}: a new reference. */
json_t *lt_app_todo_json(const lt_todo_page *p);

#endif
