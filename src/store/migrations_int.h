/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* migrations_int.h — the first schema's SQL (migrations_base.c), for the list in migrations.c. */
#ifndef LT_STORE_MIGRATIONS_INT_H
#define LT_STORE_MIGRATIONS_INT_H

extern const char lt_m001_tree_users[];
extern const char lt_m002_directives[];
extern const char lt_m003_feedback[];
extern const char lt_m004_activities[];
extern const char lt_m005_reports[];

#endif
