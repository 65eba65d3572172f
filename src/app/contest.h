/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * contest.h — contests ("Bên nhau là Tết") and their entries: list the
 * contests a reader may enter or follow, create one (officers of the
 * directive's issuing side or its recipients), read one, list and count
 * its entries, add and remove an entry. A contest is open to its issuer's
 * subtree; a reader sees the contests of its ancestors (to enter) and of
 * its subtree (to follow). Access as in app/activity_access.h; JSON in
 * app/activity_json.h; results in the arena.
 */
#ifndef LT_APP_CONTEST_H
#define LT_APP_CONTEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app/actor.h"
#include "core/arena.h"
#include "core/error.h"
#include "core/page.h"
#include "store/contest.h"
#include "store/db.h"

/*
 * The contests of directive (0: any, else it must be visible) the actor
 * sees, newest first: one page of pg (pg->limit + 1 rows: more when
 * there are; NULL: all).
 */
LT_MUST_CHECK int lt_app_contest_list(lt_db *db, const lt_actor *who, int64_t directive_id,
				      const lt_page *pg, lt_arena *a, lt_contest_row **v,
				      size_t *n, lt_error *e);

typedef struct lt_app_contest_in {
	int64_t directive_id; /* create only */
	int64_t issuer_id;    /* create only; 0: the actor's own unit */
	const char *name;
	const char *hashtag;   /* NULL: none */
	const char *rules;     /* NULL: none */
	const char *starts_on; /* YYYY-MM-DD, NULL: open from the start */
	const char *ends_on;   /* YYYY-MM-DD, NULL: no closing day */
	const char *const *kinds; /* "writing" / "video"; nkinds 0: both */
	size_t nkinds;
	const char *prize;     /* NULL: none */
} lt_app_contest_in;

/*
 * Create a contest (officers and above; the issuer must record for the
 * directive). Errors name the field: name (empty), starts_on / ends_on
 * (not a date, the end before the start), kinds[i] (not writing or video).
 */
LT_MUST_CHECK int lt_app_contest_create(lt_db *db, const lt_actor *who, const lt_app_contest_in *in,
					lt_arena *a, lt_contest_row *out, lt_error *e);

/*
 * Replace the fields of contest id (all of in but directive_id and
 * issuer_id): officers of its issuing unit (or an admin above it); another
 * reader gets LT_EFORBIDDEN, one that does not see it LT_ENOTFOUND.
 */
LT_MUST_CHECK int lt_app_contest_update(lt_db *db, const lt_actor *who, int64_t id,
					const lt_app_contest_in *in, lt_arena *a,
					lt_contest_row *out, lt_error *e);

/* Contest id, when the actor sees it; *issuer_side (may be NULL): its issuer's side follows it. */
LT_MUST_CHECK int lt_app_contest_get(lt_db *db, const lt_actor *who, int64_t id, lt_arena *a,
				     lt_contest_row *out, bool *issuer_side, lt_error *e);

/* Entries per unit, for a contest's counts. */
typedef struct lt_app_entry_count {
	lt_act_unit unit;
	int64_t writing, video, total, views;
} lt_app_entry_count;

typedef struct lt_app_entries {
	lt_contest_row contest;
	bool issuer_side;
	lt_contest_entry_row *v;
	size_t n;
	int64_t writing, video;   /* by category */
	bool has_writing, has_video;
	const char *next_cursor;  /* a page's: the next page, or NULL at the end */
	lt_app_entry_count *by_unit; /* in order of first entry (newest first) */
	size_t nunits;
} lt_app_entries;

/*
 * Entries of contest id by units under unit_id (0: the actor's subtree),
 * of category (NULL: both; else "writing" or "video") matching q (NULL:
 * any), newest first, with counts per category and unit.
 */
LT_MUST_CHECK int lt_app_contest_entries(lt_db *db, const lt_actor *who, int64_t id,
					 int64_t unit_id, const char *category, const char *q,
					 lt_arena *a, lt_app_entries *out, lt_error *e);
/*
 * The same with one page of the entries (newest first, pg: limit and
 * cursor); the counts still cover every entry.
 */
struct lt_page;
LT_MUST_CHECK int lt_app_contest_entries_page(lt_db *db, const lt_actor *who, int64_t id,
					      int64_t unit_id, const char *category,
					      const char *q, const struct lt_page *pg,
					      lt_arena *a, lt_app_entries *out, lt_error *e);

/* An entry as a user gives it (strings borrowed). */
typedef struct lt_app_entry_in {
	int64_t unit_id; /* 0: the actor's own unit */
	const char *member_name;
	const char *category;  /* writing | video */
	const char *platform;  /* NULL: from the link (facebook, tiktok, other) */
	const char *url;
	const char *hashtag;
	const char *posted_on; /* NULL: today */
	int64_t views;         /* -1: unknown */
} lt_app_entry_in;

/*
 * Add an entry to contest id: *id the new entry, *url_canonical its link.
 * A link already entered is LT_EEXIST naming "url", *existing (may be NULL)
 * the entry that holds it.
 */
LT_MUST_CHECK int lt_app_contest_entry_add(lt_db *db, const lt_actor *who, int64_t contest_id,
					   const lt_app_entry_in *in, lt_arena *a, int64_t *id,
					   const char **url_canonical, int64_t *existing,
					   lt_error *e);

/* Remove entry id (its unit's, or an admin's above it). */
LT_MUST_CHECK int lt_app_contest_entry_delete(lt_db *db, const lt_actor *who, int64_t id,
					      lt_error *e);

/* May unit_id enter contest c (a unit of its issuer's subtree)? LT_EFORBIDDEN naming "unit". */
/* Does entry x fit contest c's kinds and entry period? LT_EINVAL naming category or posted_on. */
LT_MUST_CHECK int lt_app_contest_entry_fits(const lt_contest_row *c, const lt_contest_entry_in *x,
					    lt_error *e);

LT_MUST_CHECK int lt_app_contest_open_to(lt_db *db, const lt_contest_row *c, int64_t unit_id,
					 lt_error *e);

#endif
