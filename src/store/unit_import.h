/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * unit_import.h — many units at once, all or nothing (CSV files, the
 * administrative-units catalogue, the demo).
 */
#ifndef LT_UNIT_IMPORT_H
#define LT_UNIT_IMPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/error.h"
#include "store/db.h"

typedef struct lt_unit_row {
	int line;                /* source row number, for errors */
	const char *code;
	const char *name;
	const char *level;
	const char *parent_code; /* NULL or "": a root */
	const char *email;
	int64_t members;
	const char *active_from; /* NULL: today */
} lt_unit_row;

typedef void (*lt_progress_fn)(void *ctx, size_t done, size_t total);

/*
 * Create every row in one transaction. A row may name as parent a unit
 * already in the database or any other row of the batch, in any order.
 * With skip_existing, a row whose code exists under the same parent is
 * left alone (so an import can be re-run). actor: the user recorded in
 * the audit trail, 0 for the console. On error nothing is written,
 * *bad_line is the row's line and e->field the row's field name.
 */
LT_MUST_CHECK int lt_unit_import(lt_db *db, const lt_unit_row *rows, size_t n, bool skip_existing,
				 int64_t actor, lt_progress_fn progress, void *ctx, size_t *created,
				 int *bad_line, lt_error *e);

#endif
