/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * contest.h — contests such as "Bên nhau là Tết" and their entries.
 *
 * A contest belongs to a directive (it names it) and to its issuing unit.
 * An entry is one member's post: member name, unit, category (writing,
 * video), platform (facebook, tiktok, other), canonical link, hashtag, date
 * posted, views. The same canonical link cannot enter one contest twice:
 * the second attempt is refused with a pointer to the existing entry.
 * Links arrive canonical (app/ uses net/url.h). Which units may enter (the
 * issuer's subtree) and who may create a contest is app/'s decision.
 * Rows keep their strings in the caller's arena.
 */
#ifndef LT_CONTEST_H
#define LT_CONTEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/error.h"
#include "store/activity.h"
#include "store/db.h"

/* Create a contest of directive for issuer; *id gets its id. */
LT_MUST_CHECK int lt_contest_create(lt_db *db, int64_t directive_id, int64_t issuer_id, const char *name,
		      const char *hashtag, int64_t actor, int64_t *id, lt_error *e);
/* What an officer writes of a contest (strings borrowed; NULL: none). */
typedef struct lt_contest_fields {
	const char *name;
	const char *hashtag;
	const char *rules;     /* the rules, free text */
	const char *starts_on; /* YYYY-MM-DD: the first day entries are taken */
	const char *ends_on;   /* YYYY-MM-DD: the last day */
	const char *kinds;     /* "writing", "video" or "writing,video" (NULL: both) */
	const char *prize;
} lt_contest_fields;

/* Create a contest with all its fields; *id gets its id. */
LT_MUST_CHECK int lt_contest_create_with(lt_db *db, int64_t directive_id, int64_t issuer_id,
					 const lt_contest_fields *f, int64_t actor, int64_t *id,
					 lt_error *e);
/* Replace the fields of contest id (audited "update"). */
LT_MUST_CHECK int lt_contest_update(lt_db *db, int64_t id, const lt_contest_fields *f,
				    int64_t actor, lt_error *e);

typedef struct lt_contest_row {
	int64_t id;
	const char *name;
	const char *hashtag;  /* NULL: none */
	const char *rules, *starts_on, *ends_on, *prize; /* NULL: none */
	const char *kinds;    /* "writing,video", "writing" or "video" */
	int64_t directive_id; /* 0: none */
	lt_act_unit issuer;   /* with its path */
	int64_t entries;
} lt_contest_row;

/* One contest. LT_ENOTFOUND naming "id". */
LT_MUST_CHECK int lt_contest_get(lt_db *db, int64_t id, lt_arena *a, lt_contest_row *out,
				 lt_error *e);
/*
 * Contests of directive (0: all) issued by the unit at path related, in its
 * subtree or above it, newest first: ids below before_id (0: from the
 * newest), at most max (0: all).
 */
LT_MUST_CHECK int lt_contest_list(lt_db *db, int64_t directive_id, const char *related,
				  int64_t before_id, int max, lt_arena *a, lt_contest_row **v,
				  size_t *n, lt_error *e);
/* Find a contest by name (folded, exact) for directive (0: any). */
LT_MUST_CHECK int lt_contest_find(lt_db *db, int64_t directive_id, const char *name, int64_t *id, lt_error *e);

typedef struct lt_contest_entry_in {
	int line;                  /* import: source row; else 0 */
	int64_t unit_id;
	const char *member_name;
	const char *category;      /* writing | video */
	const char *platform;      /* facebook | tiktok | other */
	const char *url;
	const char *url_canonical;
	const char *hashtag;       /* optional */
	const char *posted_on;     /* YYYY-MM-DD */
	int64_t views;             /* -1: unknown */
} lt_contest_entry_in;

/* Validate the fields of in without the database. */
LT_MUST_CHECK int lt_contest_entry_validate(const lt_contest_entry_in *in, lt_error *e);
/*
 * Add an entry. A link already entered gives LT_EEXIST with e saying which
 * entry (#id, unit, member) holds it; *existing (may be NULL) gets its id.
 */
LT_MUST_CHECK int lt_contest_entry_add(lt_db *db, int64_t contest_id, const lt_contest_entry_in *in,
			 int64_t actor, int64_t *id, int64_t *existing, lt_error *e);
/* Delete one entry. */
LT_MUST_CHECK int lt_contest_entry_delete(lt_db *db, int64_t entry_id, int64_t actor, lt_error *e);
/* Contest and unit of an entry (for access checks). */
LT_MUST_CHECK int lt_contest_entry_owner(lt_db *db, int64_t entry_id, int64_t *contest_id, int64_t *unit_id,
			   lt_error *e);
/* Insert rows[n] all or nothing (validated first); *bad the failing index. */
LT_MUST_CHECK int lt_contest_import(lt_db *db, int64_t contest_id, const lt_contest_entry_in *rows, size_t n,
		      int64_t actor, size_t *bad, lt_error *e);

typedef struct lt_contest_entry_row {
	int64_t id;
	const char *member_name, *category, *platform, *url, *url_canonical;
	const char *hashtag; /* NULL: none */
	const char *posted_on;
	int64_t views;       /* -1: unknown */
	lt_act_unit unit;
	int64_t created_at;
} lt_contest_entry_row;

/*
 * Entries of contest by units under within (unit_id 0: all; category, q
 * may be NULL; q matched diacritic-insensitively against the member, the
 * hashtag, the link and the unit's name), newest first.
 */
LT_MUST_CHECK int lt_contest_entries(lt_db *db, int64_t contest_id, const char *within,
				     int64_t unit_id, const char *category, const char *q,
				     lt_arena *a, lt_contest_entry_row **v, size_t *n, lt_error *e);

/*
 * Every entry of contest by units under within, oldest first (posted_on,
 * then id), given to fn one at a time from one statement: an export of any
 * size, holding one row. The row lives until fn returns; fn's error (0 or a
 * negative LT_E*, e set) ends the walk and is returned.
 */
typedef int (*lt_contest_entry_fn)(const lt_contest_entry_row *r, void *ctx, lt_error *e);
LT_MUST_CHECK int lt_contest_entries_each(lt_db *db, int64_t contest_id, const char *within,
					  lt_contest_entry_fn fn, void *ctx, lt_error *e);

#endif
