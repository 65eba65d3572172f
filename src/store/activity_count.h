/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * activity_count.h — the activity list's counts kept current (issue 10):
 * per directive × unit × channel, the unit's own items and originals and
 * those of its whole subtree, changed in the same transaction as every
 * write that changes them, so that a national list counts in a few rows.
 */
#ifndef LT_ACTIVITY_COUNT_H
#define LT_ACTIVITY_COUNT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/error.h"
#include "store/db.h"

/*
 * The counts as the items make them, per directive × unit × channel: a
 * WITH prefix ending in a relation "recount"(d, u, ch, own_n, own_o, sub_n,
 * sub_o), where sub is the unit's subtree (parent links); FILTER narrows
 * the items (SQL text after WHERE, e.g. "true"). Shared by the migration
 * that fills the table, the rebuild and verify.
 */
#define LT_ACTIVITY_COUNT_REAL(FILTER)                                                          \
	"WITH RECURSIVE own AS (SELECT directive_id AS d, unit_id AS u, channel AS ch,"         \
	"  count(*) AS n, CAST(sum(CASE WHEN is_original <> 0 THEN 1 ELSE 0 END) AS BIGINT) AS o" \
	"  FROM activity WHERE " FILTER " GROUP BY directive_id, unit_id, channel),"            \
	" up(u, a) AS (SELECT DISTINCT u, u FROM own UNION ALL SELECT up.u, p.parent_id"        \
	"  FROM up JOIN unit p ON p.id = up.a WHERE p.parent_id IS NOT NULL),"                  \
	" sub AS (SELECT own.d AS d, up.a AS u, own.ch AS ch, CAST(sum(own.n) AS BIGINT) AS n," \
	"  CAST(sum(own.o) AS BIGINT) AS o FROM up JOIN own ON own.u = up.u"                    \
	"  GROUP BY own.d, up.a, own.ch),"                                                       \
	" recount AS (SELECT sub.d AS d, sub.u AS u, sub.ch AS ch, COALESCE(own.n, 0) AS own_n,"   \
	"  COALESCE(own.o, 0) AS own_o, sub.n AS sub_n, sub.o AS sub_o FROM sub LEFT JOIN own"  \
	"  ON own.d = sub.d AND own.u = sub.u AND own.ch = sub.ch)"

/* The table and its filling (migration 21). */
#define LT_ACTIVITY_COUNT_SCHEMA                                                                \
	"CREATE TABLE activity_count ("                                                          \
	"  directive_id BIGINT NOT NULL,"                                                        \
	"  unit_id BIGINT NOT NULL,"                                                             \
	"  channel TEXT NOT NULL,"                                                               \
	"  own BIGINT NOT NULL DEFAULT 0,"                                                       \
	"  own_orig BIGINT NOT NULL DEFAULT 0,"                                                  \
	"  sub BIGINT NOT NULL DEFAULT 0,"                                                       \
	"  sub_orig BIGINT NOT NULL DEFAULT 0,"                                                  \
	"  PRIMARY KEY (directive_id, unit_id, channel));"                                       \
	"CREATE INDEX activity_count_unit ON activity_count(unit_id, directive_id);"             \
	"CREATE INDEX activity_date ON activity(date, id);"                                      \
	LT_ACTIVITY_COUNT_REAL("true")                                                           \
	" INSERT INTO activity_count(directive_id, unit_id, channel, own, own_orig, sub,"       \
	" sub_orig) SELECT d, u, ch, own_n, own_o, sub_n, sub_o FROM recount;"

/*
 * The lock on links' original groups (issue 11). A canonical link's items
 * have one original across units and directives (activity.h): a write that
 * can move it (create, update of the old and the new link, delete, import)
 * takes the lock of each link it touches FIRST, before any row, so that the
 * recompute of the group's originals sees every committed item of it and no
 * other writer's item is half-way. Without it, two writers posting the same
 * new link at once under PostgreSQL's READ COMMITTED each recompute without
 * the other's uncommitted item, and both end original (or, the original
 * deleted while another posts the link, none).
 *
 * PostgreSQL: pg_advisory_xact_lock on a 64-bit hash of the link, held to
 * the end of the transaction; several links are taken in the order of their
 * keys (a repeat or a hash collision is taken twice, which is harmless).
 * SQLite: nothing (one writer at a time holds the whole database).
 *
 * The order of the locks an activity write takes, on PostgreSQL:
 *   1. the links' locks, by key (here);
 *   2. the items' rows (the write, then the recompute of the originals);
 *   3. each unit's row FOR SHARE (lt_store_path_ids), then its kept
 *      activity_count rows from the deepest up (lt_activity_count_add, _fix).
 * A unit move takes unit rows (FOR NO KEY UPDATE) then the same kept rows
 * from the deepest up, and never a link's lock nor an item's row: no cycle.
 * urls[n] may hold NULL or empty entries (items without a link). Call
 * inside the write's transaction.
 */
LT_MUST_CHECK int lt_activity_lock_links(lt_db *db, const char *const *urls, size_t n,
					 lt_error *e);
/*
 * Mark the original of the link group url (url NULL: of every group with an
 * item of id >= first). Call after lt_activity_lock_links of those links.
 */
LT_MUST_CHECK int lt_activity_originals(lt_db *db, const char *url, int64_t first, lt_error *e);

/*
 * Bring the kept own counts of (directive, unit) to what its items are now
 * and move the difference along the unit's ancestors. Call inside the
 * write's transaction, after the write.
 */
LT_MUST_CHECK int lt_activity_count_fix(lt_db *db, int64_t directive, int64_t unit, lt_error *e);
/*
 * Add one item's own part (sign +1: it was just inserted; -1: it is about to
 * be deleted) to the kept counts of its (directive, unit, channel) and along
 * its ancestors: what lt_activity_count_fix would find, without recounting
 * the unit's other items (a busy unit has thousands). Other items whose
 * original flag the write moves are lt_activity_count_fix_link's.
 */
LT_MUST_CHECK int lt_activity_count_item(lt_db *db, int64_t item, int sign, lt_error *e);
/* lt_activity_count_item for an item whose fields the caller holds (channel borrowed). */
LT_MUST_CHECK int lt_activity_count_add(lt_db *db, int64_t directive, int64_t unit,
					const char *channel, bool original, int sign, lt_error *e);
/* Fix every (directive, unit) with an item of the link (the original flag may have moved). */
LT_MUST_CHECK int lt_activity_count_fix_link(lt_db *db, const char *url_canonical, lt_error *e);
/* Fix every (directive, unit) with an item of id >= first, or sharing a link with one. */
LT_MUST_CHECK int lt_activity_count_fix_since(lt_db *db, int64_t first, lt_error *e);
/* Rebuild the kept counts of directive (0: all) from the items. Call inside a transaction. */
LT_MUST_CHECK int lt_activity_count_rebuild(lt_db *db, int64_t directive, lt_error *e);
/* The unit's subtree left old_path for its current path: move its totals. */
LT_MUST_CHECK int lt_activity_count_move(lt_db *db, int64_t unit, const char *old_path,
					 lt_error *e);

/*
 * One kept row that differs from the recount (verify); or, with link set,
 * a link whose items have other than one original (the recount trusts the
 * flags, so it cannot see that): channel "originals", unit 0, kept_orig 1
 * (what it must be), real_orig the originals found, kept_sub = real_sub
 * the link's items; directive the one verified (0: the link's first).
 */
typedef struct {
	int64_t directive, unit;
	const char *channel;
	int64_t kept_sub, kept_orig, real_sub, real_orig;
	const char *link; /* NULL: a kept row */
} lt_activity_count_diff;

typedef void (*lt_activity_count_diff_fn)(const lt_activity_count_diff *d, void *ctx);

/*
 * Recount the rows of directive (0: every one) from the items and compare
 * with the kept ones, then check that each link with an item of directive
 * has exactly one original; *ndiff gets how many differ (each passed to fn
 * when given). With repair, the wrong links' originals are marked again and
 * the kept rows rebuilt, in the same transaction.
 */
LT_MUST_CHECK int lt_activity_count_verify(lt_db *db, int64_t directive, bool repair,
					   lt_activity_count_diff_fn fn, void *ctx, size_t *ndiff,
					   lt_error *e);

#endif
