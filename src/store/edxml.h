/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * edxml.h — the rows of edXML messages received (migration 18): what a
 * message said that the directive, receipt and report rows do not keep —
 * the sender's organ code, priority, due date, status code — and its
 * attachment as it came. SQL only; app/edxml.c decides who may write them.
 */
#ifndef LT_STORE_EDXML_H
#define LT_STORE_EDXML_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/error.h"
#include "store/db.h"

typedef struct lt_edxml_row {
	int64_t id;
	const char *kind;        /* "directive", "report" or "status" */
	const char *document_id; /* the message's DocumentId */
	int64_t directive_id;    /* the directive made, answered or spoken of */
	int64_t unit_id;         /* the sender's unit */
	const char *from_organ;
	int priority;
	const char *due_date;    /* YYYY-MM-DD or NULL */
	const char *status_code; /* a status's code, else NULL */
	const char *file_name, *file_type, *file_sha256; /* NULL without a file */
	const uint8_t *file;     /* the bytes when asked for, else NULL */
	size_t file_len;
	int64_t imported_by;     /* the user; 0: the console */
	int64_t imported_at;     /* epoch seconds */
	int applied;             /* a status: 1 applied, 0 not (see not_applied); -1: not a status */
	const char *not_applied; /* a status not applied: the reason, "vi / en" */
	/* Read by lt_edxml_list / lt_edxml_get only: */
	const char *directive_number; /* the directive's number, NULL: none */
	const char *unit_code, *unit_name; /* the sender's unit */
	int64_t file_bytes;      /* the attachment's size, 0: none */
} lt_edxml_row;

/* What lt_edxml_list reads. */
typedef struct lt_edxml_filter {
	const char *path;   /* messages addressed to a unit of the subtree at path ("/": all) */
	int64_t directive;  /* 0: any */
	const char *kind;   /* NULL: any */
	int64_t unit;       /* > 0: sent by or addressed to this unit */
	int64_t before;     /* > 0: ids below it (the cursor), newest first */
	int max;            /* rows to read */
} lt_edxml_filter;

/* Insert r (borrowed); *id gets the new row's id. */
LT_MUST_CHECK int lt_edxml_add(lt_db *db, const lt_edxml_row *r, int64_t *id, lt_error *e);

/*
 * The newest row of kind for directive (and unit, when unit > 0) into *out
 * (strings and, with with_file, the bytes in a): 1 found, 0 none, < 0 error.
 */
LT_MUST_CHECK int lt_edxml_latest(lt_db *db, const char *kind, int64_t directive, int64_t unit,
				  bool with_file, lt_arena *a, lt_edxml_row *out, lt_error *e);

/*
 * The directive numbered number, of date (YYYY-MM-DD), issued by the unit
 * coded organ — what a ResponseFor names — into *id: the issued one before
 * any draft of the same number. 1 found, 0 none, < 0 error.
 */
LT_MUST_CHECK int lt_edxml_find_directive(lt_db *db, const char *number, const char *organ,
					  const char *date, int64_t *id, lt_error *e);

/* The directive made from the message document_id, if one was: 1 (*id set), 0 none, < 0 error. */
LT_MUST_CHECK int lt_edxml_imported(lt_db *db, const char *document_id, int64_t *id, lt_error *e);

/* Message id was addressed to unit. */
LT_MUST_CHECK int lt_edxml_add_recipient(lt_db *db, int64_t id, int64_t unit, lt_error *e);

/*
 * The messages f selects, newest first, without their bytes: *items (in
 * a) and *n. 0 or < 0.
 */
LT_MUST_CHECK int lt_edxml_list(lt_db *db, const lt_edxml_filter *f, lt_arena *a,
				lt_edxml_row **items, size_t *n, lt_error *e);

/*
 * Message id, when it was addressed to a unit of the subtree at path, into
 * *out (strings and, with with_file, the bytes in a): 1 found, 0 none
 * (no such message, or not addressed there), < 0 error.
 */
LT_MUST_CHECK int lt_edxml_get(lt_db *db, int64_t id, const char *path, bool with_file,
			       lt_arena *a, lt_edxml_row *out, lt_error *e);

#endif
