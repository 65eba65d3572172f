/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * db_driver.h — what a storage driver implements (internal to src/store/).
 * Every driver's connection and statement structs begin with the common
 * header below, so db.c can dispatch without knowing the driver.
 */
#ifndef LT_DB_DRIVER_H
#define LT_DB_DRIVER_H

#include "store/db.h"

typedef struct lt_db_driver {
	const char *scheme; /* "sqlite", "postgresql" */
	int dialect;
	int (*open)(const char *target, lt_db **out, lt_error *e);
	void (*close)(lt_db *db);
	int (*exec)(lt_db *db, const char *sql, lt_error *e);
	int (*prepare)(lt_db *db, const char *sql, bool cache, lt_stmt **out, lt_error *e);
	void (*stmt_free)(lt_stmt *st);
	int (*bind_int)(lt_stmt *st, int idx, int64_t v);
	int (*bind_double)(lt_stmt *st, int idx, double v);
	int (*bind_textn)(lt_stmt *st, int idx, const char *s, size_t n);
	int (*bind_blob)(lt_stmt *st, int idx, const void *p, size_t n);
	int (*bind_null)(lt_stmt *st, int idx);
	int (*step)(lt_stmt *st, lt_error *e);
	bool (*is_null)(lt_stmt *st, int col);
	int64_t (*col_int)(lt_stmt *st, int col);
	double (*col_double)(lt_stmt *st, int col);
	const char *(*col_text)(lt_stmt *st, int col);
	const void *(*col_blob)(lt_stmt *st, int col, size_t *n);
	int (*columns)(lt_stmt *st);
	void (*done)(lt_stmt *st);
	int64_t (*changes)(lt_db *db);
	int (*backup)(lt_db *db, const char *path, lt_error *e);
} lt_db_driver;

/* Common head of every driver's connection. */
struct lt_db {
	const lt_db_driver *drv;
	int tx_depth;
	bool tx_failed;
};

/* Common head of every driver's statement. */
struct lt_stmt {
	const lt_db_driver *drv;
	lt_db *db;
	int bind_rc;  /* first failed bind since prepare (< 0), reported by the next step */
	int bind_idx; /* its parameter */
};

extern const lt_db_driver lt_sqlite_driver;

#endif
