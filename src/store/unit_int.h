/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* unit_int.h — what unit.c and unit_query.c share (internal to src/store/). */
#ifndef LT_UNIT_INT_H
#define LT_UNIT_INT_H

#include "core/arena.h"
#include "store/db.h"
#include "store/unit.h"

/* The columns lt_unit_read_row reads, from "unit u". */
#define UNIT_COLS                                                                          \
	"u.id, u.code, u.name, u.level, u.parent_id, u.path, u.email, u.members,"          \
	" u.active_from, u.active_to, u.merged_into,"                                       \
	" (SELECT count(*) FROM unit c WHERE c.parent_id = u.id AND c.active_to IS NULL)"

/* Read a UNIT_COLS row into *u; strings copied into a. */
void lt_unit_read_row(lt_stmt *st, lt_arena *a, lt_unit *u);

#endif
