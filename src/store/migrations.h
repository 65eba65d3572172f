/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* migrations.h — the versioned schema. Append only: never edit a released migration. */
#ifndef LT_MIGRATIONS_H
#define LT_MIGRATIONS_H

#include <stdbool.h>
#include <stddef.h>

typedef struct lt_migration {
	int version;
	const char *name;
	const char *sql; /* portable SQL; {{ID}} = the dialect's auto-increment key */
} lt_migration;

extern const lt_migration lt_migrations[];
extern const size_t lt_migrations_count;

/*
 * Every table the migrations make (schema_migration aside), in an order in
 * which each table's foreign keys point at tables before it: `lantoa db
 * copy` writes them in this order. late: the columns that may point forward
 * (a unit moved under a unit made after it), written in a second pass; NULL
 * when none, else comma-separated. seeded: the migrations fill the table
 * (levels, the indicator catalogue), so a fresh database holds its rows and
 * a copy replaces them.
 */
typedef struct lt_schema_table {
	const char *name;
	const char *late;
	bool seeded;
} lt_schema_table;

extern const lt_schema_table lt_schema_tables[];
extern const size_t lt_schema_tables_count;

#endif
