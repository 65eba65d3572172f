/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * store.h — the database as the rest of lantoa sees it: a pool of
 * connections, opened and migrated once, handed out one per request.
 */
#ifndef LT_STORE_H
#define LT_STORE_H

#include <stdbool.h>
#include <stdint.h>

#include "core/clock.h"
#include "core/error.h"
#include "store/db.h"

typedef struct lt_store lt_store;

/*
 * Open url with up to nconn connections and bring the schema up to date
 * (migrations run in one transaction). Returns an owned store in *out.
 */
LT_MUST_CHECK int lt_store_open(const char *url, int nconn, lt_store **out, lt_error *e);
void lt_store_close(lt_store *s);
/*
 * Open nconn read connections to url (--db-read: a streaming replica, which
 * may lag the primary by a moment). No migrations: the replica follows the
 * primary's schema. Reads that may lag go there (lt_store_acquire_read).
 */
LT_MUST_CHECK int lt_store_open_read(lt_store *s, const char *url, int nconn, lt_error *e);
/* Has the store read connections of its own? */
bool lt_store_has_read(const lt_store *s);
/* Borrow a connection to the primary (blocks while all are in use). Give it back with
 * lt_store_release. */
lt_db *lt_store_acquire(lt_store *s);
/* Borrow a read connection (the primary's when there is no --db-read). */
lt_db *lt_store_acquire_read(lt_store *s);
void lt_store_release(lt_store *s, lt_db *db);

/* Apply pending migrations on db. Returns 0 or < 0. */
LT_MUST_CHECK int lt_store_migrate(lt_db *db, lt_error *e);
/* Schema version of db (0 when empty). */
LT_MUST_CHECK int lt_store_schema_version(lt_db *db);


#endif
