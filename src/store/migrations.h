/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* migrations.h — the versioned schema. Append only: never edit a released migration. */
#ifndef LT_MIGRATIONS_H
#define LT_MIGRATIONS_H

#include <stddef.h>

typedef struct lt_migration {
	int version;
	const char *name;
	const char *sql; /* portable SQL; {{ID}} = the dialect's auto-increment key */
} lt_migration;

extern const lt_migration lt_migrations[];
extern const size_t lt_migrations_count;

#endif
