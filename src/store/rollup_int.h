/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * rollup_int.h — what rollup.c (the subtree and the figures) and
 * rollup_collect.c (items, contests, completeness, the snapshot) share.
 * Internal to src/store/.
 */
#ifndef LT_ROLLUP_INT_H
#define LT_ROLLUP_INT_H

#include <jansson.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/tree.h"
#include "store/rollup.h"

#define MAX_CODES 256

/*
 * The directive and those carrying it out further down (three levels:
 * city → district → commune → grassroots): figures logged against the
 * district's 42/LĐLĐ count in the district's report on the city's 228.
 */
#define DIRSET                                                                              \
	"(SELECT id FROM directive WHERE id = $1 OR implements_id = $1"                     \
	" OR implements_id IN (SELECT id FROM directive WHERE implements_id = $1)"          \
	" OR implements_id IN (SELECT id FROM directive WHERE implements_id IN"             \
	"   (SELECT id FROM directive WHERE implements_id = $1)))"
#define OUT_SUBTREE (-2)
#define ROOT_ITSELF (-1)

typedef struct child {
	int64_t id;
	const char *code, *name;
} child;

/* The subtree as of a day: which child of the root each unit lies under. */
typedef struct scope {
	int64_t root;
	char day[11];
	char path[LT_PATH_MAX];
	int64_t maxid;
	int64_t inside;   /* units of the subtree on the day, the root included */
	int32_t *where;   /* per unit id: child index, ROOT_ITSELF or OUT_SUBTREE */
	uint8_t *counted; /* per unit id: its figures count in the rollup */
	child *kids;
	size_t nkids, capkids;
	lt_arena arena;
} scope;

enum agg { AGG_SUM, AGG_MAX, AGG_LATEST, AGG_NONE };

typedef struct indicator {
	char code[40];
	const char *name_vi, *name_en, *measure, *agg;
	enum agg how;
	bool asked;
	double value;
	int64_t latest_at;
	int64_t units;
	double *per_kid; /* nkids values, NAN when none */
	int64_t *per_kid_at; /* for "latest": when each child's value was entered */
} indicator;

typedef struct figures {
	indicator ind[MAX_CODES];
	size_t n;
} figures;

/*
 * The units of a small subtree as it stood ($2, $3: its path range, $4:
 * the day): a scan of a small subtree's rows looks them up by unit
 * instead of reading the whole directive's (a commune in the national tree).
 */
#define SCOPE_UNITS                                                                         \
	"(SELECT unit_id FROM unit_version WHERE path >= $2 AND path < $3"                  \
	" AND valid_from <= $4 AND (valid_to IS NULL OR valid_to > $4))"
/* Whether the scans read the subtree's units (SCOPE_UNITS) rather than the whole directive. */
bool rl_scope_small(const scope *s);
/* Bind $2, $3, $4 of SCOPE_UNITS. */
void rl_scope_bind(lt_stmt *st, scope *s, char end[LT_PATH_MAX]);

void rl_scope_free(scope *s);
int rl_scope_build(lt_db *db, int64_t directive, int64_t root, const lt_rollup_opts *o, scope *s,
		   lt_error *e);
/* rl_scope_build in two steps: the day, the arrays and the root's path; then every unit. */
int rl_scope_begin(lt_db *db, int64_t directive, int64_t root, const lt_rollup_opts *o,
		   scope *s, lt_error *e);
int rl_scope_all(lt_db *db, scope *s, lt_error *e);
/* Or, after rl_scope_begin, only the root and its children (a read from the kept rows). */
int rl_scope_kids(lt_db *db, scope *s, lt_error *e);
/* Whether the subtree on the day has at most limit units (the root included), read no further. */
int rl_scope_size(lt_db *db, const scope *s, int64_t limit, bool *within, lt_error *e);
/* rl_scope_count for the root and its children only. */
int rl_scope_count_kids(lt_db *db, int64_t directive, bool include_submitted, scope *s,
			lt_error *e);
int rl_scope_count(lt_db *db, int64_t directive, bool include_submitted, scope *s, lt_error *e);
int rl_scope_names(lt_db *db, scope *s, lt_error *e);
int rl_load_indicators(lt_db *db, int64_t directive, figures *f, size_t nkids, lt_arena *a,
		       lt_error *e);
int rl_scan_values(lt_db *db, int64_t directive, scope *s, figures *f, json_t *unit_vals,
		   lt_error *e);
json_t *rl_num(double v);
/* Fold v (entered at `at`) into *acc by the rule how (NAN *acc: nothing yet). */
void rl_combine(enum agg how, double *acc, int64_t *acc_at, double v, int64_t at);
enum agg rl_agg_of(const char *name);
/* The unit ids of a path ("/1/5/9/" → 1, 5, 9), at most cap: how many. */
size_t rl_path_ids(const char *path, int64_t *ids, size_t cap);
#define RL_DEPTH_MAX 64
/* The directive's upkeep lock (rollup_keep.c), taken before any of its kept rows. */
int rl_lock(lt_db *db, int64_t d, lt_error *e);

/* lt_rollup_day, and (stale, may be NULL) whether the directive's kept rows are not built yet. */
int rl_day(lt_db *db, int64_t directive, char day[11], bool *stale, lt_error *e);

/* ---- What rollup_keep.c lends the item counts (rollup_items*.c) ---- */

/* The directive and the ones above it whose DIRSET holds it (four levels). */
int rl_dirs_above(lt_db *db, int64_t d, int64_t out[4], size_t *n, lt_error *e);
/* 1 when the directive's kept rows are not built yet, 0 when they are. */
int rl_stale(lt_db *db, int64_t d, lt_error *e);
/* The unit's path on day: 1 found, 0 it did not stand then. */
int rl_path_on(lt_db *db, int64_t unit, const char *day, char path[LT_PATH_MAX], lt_error *e);
/* Whether the unit's own rows count above it, per basis. */
int rl_counted_of(lt_db *db, int64_t d, int64_t u, bool c[2], lt_error *e);
/* Add (dv, dn) to the kept sum of (d, a, basis, code); a row left with no unit goes. */
int rl_add_sum(lt_db *db, int64_t d, int64_t a, int b, const char *code, double dv, int64_t dn,
	       lt_error *e);

/* Kept rows of one unit held in memory while others are written. */
typedef struct rl_val {
	char code[64];
	double value;
	int64_t units, at;
} rl_val;

typedef struct rl_vals {
	rl_val *v;
	size_t n, cap;
} rl_vals;

int rl_vals_add(rl_vals *s, const char *code, double value, int64_t units, int64_t at,
		lt_error *e);
/* The kept rows of (d, u, basis b), u's strict subtree, added to out. */
int rl_kept_vals(lt_db *db, int64_t d, int64_t u, int b, rl_vals *out, lt_error *e);

/* ---- The items' counts kept beside the figures (rollup_items.c) ----
 *
 * An item counts where its unit's figures count, as a handful of sums in
 * rollup_total whose code starts with RL_ITEM_CODE: per row (THEME|CHANNEL,
 * theme 0 when none) "#t" items, "#r" originals and "#v" items with no
 * link; "#k" link-kit shares; "#dDAY" items per day; "#c" the unit itself
 * (a subtree's counted units). The totals are the rows' sums. Like a
 * figure they are a unit's own, moved with it.
 * "#x" (every link) and "#yTHEME|CHANNEL" (per row) are not: they count
 * the repeats of links, and a unit's row holds those of its whole subtree
 * (itself included); the distinct links of a subtree are its items with a
 * link less its repeats (rollup_items.c says why that adds up).
 */
#define RL_ITEM_CODE '#'

/* The ids of a unit's path, root first. */
typedef struct rl_path {
	const int64_t *ids;
	size_t n;
} rl_path;
/*
 * The repeats g of one link at each unit its items at[0..n) meet (the
 * union of their paths): fn(ctx, unit, g) for each g that is not 0; a
 * non-zero return from fn stops and is returned.
 */
int rl_repeats(const rl_path *at, size_t n, int (*fn)(void *ctx, int64_t node, int64_t g),
	       void *ctx, lt_error *e);

/* The codes one item adds 1 to (theme 0: none; day NULL: none): how many. */
#define RL_ITEM_CODES 10
size_t rl_item_codes(int64_t theme, const char *ch, bool original, bool kit, bool link,
		     const char *day, char out[RL_ITEM_CODES][64]);

/* The item rows of a directive built from scratch (rollup_items_build.c). */
typedef struct rl_item_row {
	int64_t unit;
	int b;
	const char *code;
	int64_t n;
} rl_item_row;

typedef struct rl_item_rows {
	rl_item_row *v; /* by unit, basis, code */
	size_t n;
	lt_arena arena;
} rl_item_rows;

/*
 * Every item of DIRSET(d) whose unit stands on the day (path[u], NULL when
 * not) and counts (counted[u]: bit b for basis b), into the rows of its
 * strict ancestors (slot[u]: the unit's row among the nslots units with a
 * subtree, or -1); and the repeats of every link met more than once.
 */
int rl_items_build(lt_db *db, int64_t d, int64_t maxid, const char *const *path,
		   const uint8_t *counted, const int32_t *slot, int32_t nslots, rl_item_rows *out,
		   lt_error *e);
void rl_item_rows_free(rl_item_rows *r);
/* Order of rl_item_rows: unit, basis, code. */
int rl_item_row_cmp(const void *a, const void *b);
/* A 64-bit hash of a string (FNV-1a, its high bits folded in). */
uint64_t rl_hash(const char *s);

/*
 * The repeats at the root of a read that its own items add when counted
 * on basis b though its report is not (a roll-up always counts its root's
 * own rows): bumped into out's "#x" and "#y" codes.
 */
int rl_items_root_repeats(lt_db *db, int64_t d, const char *day, int64_t root, int b,
			  rl_vals *out, lt_error *e);
/*
 * The snapshot's items from the kept rows (rollup_items_read.c): the rows
 * per theme and channel (unsorted), the totals, per day, and per child of
 * the root (per_kid_items: "child index" → items).
 */
struct scope;
int rl_items_read(lt_db *db, int64_t d, struct scope *s, bool sub, json_t **items,
		  json_t **totals, json_t *per_kid_items, json_t *per_day, int64_t *units_counted,
		  lt_error *e);

/* ---- What rollup_items.c and rollup_repeats.c share ---- */

/*
 * A difference to the kept rows: RL_OWN a unit's own count (added to its
 * strict ancestors on each basis it counts on), RL_REPEAT a repeat on
 * basis b (added to the unit and its ancestors).
 */
enum { RL_OWN, RL_REPEAT };

typedef struct rl_delta {
	int64_t d, node;
	int kind, b; /* RL_OWN (b unused: both bases where the unit counts) or RL_REPEAT (basis b) */
	char code[64];
	int64_t n;
} rl_delta;

typedef struct rl_deltas {
	rl_delta *v;
	size_t n, cap;
} rl_deltas;

int rl_delta_add(rl_deltas *s, int64_t d, int64_t node, int kind, int b, const char *code,
		 int64_t n, lt_error *e);
/* Sum the equal differences and add them to the kept rows. */
int rl_deltas_apply(lt_db *db, rl_deltas *s, lt_error *e);

/* How a state to measure differs from the rows as they stand now (rollup_repeats.c). */
typedef struct rl_then rl_then;

/* An item's row as the counts see it: read before a write, measured after it. */
typedef struct rl_row {
	int64_t unit, dir, theme; /* theme 0: none */
	const char *ch, *day, *url; /* url NULL: no link */
	bool original, kit;
} rl_row;

typedef struct rl_rows {
	rl_row *v;
	size_t n, cap;
	lt_arena arena; /* the strings */
} rl_rows;

/* Every item of the link, in any directive, added to out. */
int rl_rows_of_link(lt_db *db, const char *url, rl_rows *out, lt_error *e);
/* The unit's items of DIRSET(d), added to out. */
int rl_rows_of_unit(lt_db *db, int64_t d, int64_t u, rl_rows *out, lt_error *e);
/* The items first..last that have no link, added to out. */
int rl_rows_by_id(lt_db *db, int64_t first, int64_t last, rl_rows *out, lt_error *e);
/* Empty r (ready for more rows). */
void rl_rows_free(rl_rows *r);
/* The ids of DIRSET(d): d and the directives carrying it out. */
#define RL_DIRSET_MAX 256
int rl_dirset(lt_db *db, int64_t d, int64_t ids[RL_DIRSET_MAX], size_t *n, lt_error *e);
/*
 * The rows of r in DIRSET(d) (dirs[0..ndirs)) as they stood then (t;
 * NULL: now), with sign: with own, each one's own counts (RL_OWN); the
 * repeats of each link among them (RL_REPEAT "#x", and "#y" per row).
 */
int rl_rows_deltas(lt_db *db, int64_t d, const char *day, const int64_t *dirs, size_t ndirs,
		   const rl_rows *r, const rl_then *t, int sign, bool own, rl_deltas *out,
		   lt_error *e);
/* Add by to code's entry of s (a new entry when none). */
int rl_vals_bump(rl_vals *s, const char *code, int64_t by, lt_error *e);

/* ---- The snapshot of a large subtree from the kept tables (rollup_collect_kept.c) ---- */

/* The figures of the root and of each child (f->ind[].per_kid). */
int rl_kept_figures(lt_db *db, int64_t directive, int64_t root, struct scope *s, figures *f,
		    bool sub, lt_error *e);
/* The completeness of the root and of each child (kids[]), and the first missing units. */
int rl_kept_completeness(lt_db *db, int64_t directive, struct scope *s, json_t *kids,
			 json_t **out, lt_error *e);
/* The contest entries counted in the subtree, by category, in one statement. */
int rl_count_contests(lt_db *db, int64_t directive, struct scope *s, bool sub, json_t **out,
		      lt_error *e);

/* The unit's own item counts over DIRSET(d), added to out. */
int rl_item_own(lt_db *db, int64_t d, int64_t u, rl_vals *out, lt_error *e);
/* The unit's report changed whether it counts (was: before, per basis): its links' repeats. */
int rl_items_recounted(lt_db *db, int64_t d, const char *day, int64_t unit, const bool was[2],
		       lt_error *e);
/* The unit's subtree moved from path was to now on d's day ("": not standing): its links' repeats. */
int rl_items_moved(lt_db *db, int64_t d, const char *day, int64_t unit, const char *was,
		   const char *now, lt_error *e);

#endif
