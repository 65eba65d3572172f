/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * demo.h — the parts of `lantoa demo`, each in a file of its own, run in
 * order inside one transaction by cmd_demo.c. Each may move the clock
 * (setenv LANTOA_NOW, read by lt_now) to give records realistic times.
 */
#ifndef LT_DEMO_H
#define LT_DEMO_H

#include "cli/cli.h"
#include "core/arena.h"
#include "store/db.h"

/* The demo's data folder: $LANTOA_DEMO_DIR or data/demo. */
const char *lt_demo_dir(void);
/* Set the clock used by lt_now() to an ISO local (UTC+7) time "YYYY-MM-DD HH:MM". */
void lt_demo_clock(const char *when);

/* A grassroots union's name pattern (printf, one %s: the place), i modulo their number. */
const char *lt_demo_kind(size_t i);
/* The place name of a commune union: "Công đoàn xã Đa Tốn" → "Đa Tốn". */
const char *lt_demo_place(const char *name);
/* A login of the demo at the unit with unit_code (password hash shared). */
int lt_demo_user(lt_cli *cli, lt_db *db, lt_arena *a, const char *login, const char *name,
		 const char *role, const char *unit_code, const char *hash);

/*
 * demo_national.c: the national tree from the catalogue file (NULL: the
 * default under ../shared/data/dvhcvn/; absent: generated), one directive
 * to every grassroots union, figures, reports and items.
 */
int lt_demo_national(lt_cli *cli, lt_db *db, lt_arena *a, const char *file, const char *hash);
/*
 * demo_national_feedback.c: workers' messages to the n grassroots unions
 * units (names and member counts beside them), about 8 each over the last
 * four months, carried on to every status; *count += how many.
 */
LT_MUST_CHECK int lt_demo_national_feedback(lt_cli *cli, lt_db *db, const int64_t *units,
					    const char *const *names, const int64_t *members,
					    size_t n, long *count);

/* demo_directives.c: 228/LĐLĐ (city → district) and 42/LĐLĐ (district → grassroots). */
int lt_demo_directives(lt_cli *cli, lt_db *db, lt_arena *a);

/* The multi-year national series (data/demo/tet-sum-vay-series.csv). */
int lt_demo_series(lt_cli *cli, lt_db *db, lt_arena *a);

/* demo_reports.c: the unions' reports on 42/LĐLĐ in their various states. */
int lt_demo_reports(lt_cli *cli, lt_db *db, lt_arena *a);

#endif
