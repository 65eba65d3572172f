/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * todo.h — the reads behind a user's to-do list (app/todo.h): one bounded
 * query per kind of task, each returning rows of the same shape.
 */
#ifndef LT_STORE_TODO_H
#define LT_STORE_TODO_H

#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/error.h"
#include "store/db.h"

/* Kinds of task, in the order the list shows them. */
typedef enum lt_todo_kind {
	LT_TODO_REPORT_FIX,      /* the unit's report was returned: fix and resubmit */
	LT_TODO_REPORT_WRITE,    /* the unit's report on a directive is due */
	LT_TODO_DIRECTIVE_ACK,   /* a directive received and not acknowledged */
	LT_TODO_REPORT_REVIEW,   /* a report of a unit below waits for review */
	LT_TODO_FEEDBACK_TRIAGE, /* a worker's message new, escalated or overdue */
	LT_TODO_UNITS_REMIND,    /* a directive the unit issued has late units */
	LT_TODO_KINDS
} lt_todo_kind;

/* One task. Strings in the caller's arena; absent ones NULL, absent ids 0. */
typedef struct lt_todo_row {
	lt_todo_kind kind;
	int64_t directive_id;
	const char *number, *subject; /* the directive's */
	int64_t unit_id;              /* the unit the task is about */
	const char *unit_name;
	const char *status;           /* the report's or the message's status */
	const char *due;              /* ISO day: report deadline */
	int64_t due_at;               /* a message's answer deadline (epoch), else 0 */
	int64_t at;                   /* when it arrived: received, submitted, returned */
	int64_t ref_id;               /* the report's or the message's id */
	const char *note;             /* the return comment, the start of a message */
	int64_t count;                /* late units (units_remind) */
} lt_todo_row;

/* Who asks, and how much. */
typedef struct lt_todo_query {
	int64_t unit_id;
	const char *unit_path;
	int reviewer;      /* an officer: reviews and reminders too */
	int64_t now;       /* epoch: an open message past due_at is overdue */
	const char *today; /* ISO day: a deadline before it has passed */
	size_t max;        /* rows per kind at most */
	int only;          /* one kind (lt_todo_kind), or -1 for all */
} lt_todo_query;

/*
 * The tasks of q, kind by kind in lt_todo_kind order (rows in a; *n rows).
 * more[k] (LT_TODO_KINDS entries, may be NULL) is set when kind k had more
 * than q->max rows.
 */
LT_MUST_CHECK int lt_todo_collect(lt_db *db, const lt_todo_query *q, lt_arena *a,
				  lt_todo_row **out, size_t *n, int *more, lt_error *e);

#endif
