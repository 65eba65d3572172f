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

#endif
