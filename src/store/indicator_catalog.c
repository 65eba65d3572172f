/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* indicator_catalog.c — the catalogue as a picker reads and grows it; see indicator_catalog.h. */
#include "store/indicator_catalog.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "store/activity_sql.h"
#include "store/audit.h"
#include "store/unit_int.h"
#include "text/fold.h"

/* Does the row at st (columns 0..2: code, name_vi, name_en) match the folded query q? */
static bool matches(lt_stmt *st, const char *q)
{
	lt_buf b;
	char *t;
	bool ok;

	lt_buf_init(&b, 4096);
	lt_buf_putf(&b, "%s %s %s", lt_stmt_text(st, 1), lt_stmt_text(st, 2), lt_stmt_text(st, 0));
	if (lt_buf_error(&b)) {
		lt_buf_free(&b);
		return false;
	}
	t = lt_text_fold(lt_buf_cstr(&b), b.len);
	lt_buf_free(&b);
	/* A code's words are parted by "_": "gift recipients" finds gift_recipients too. */
	for (char *p = t; p && *p; p++)
		if (*p == '_')
			*p = ' ';
	ok = t && lt_text_match_folded(t, q);
	free(t);
	return ok;
}

int lt_indicator_catalog_search(lt_db *db, const char *q, int64_t after_pos,
				const char *after_code, int max, lt_arena *a,
				lt_indicator_entry **v, size_t *n, lt_error *e)
{
	lt_stmt *st = NULL;
	size_t cap = 0;
	int rc;

	*v = NULL;
	*n = 0;
	/* The catalogue is small (tens of rows, a few hundred at most): read in order, match here. */
	rc = lt_db_query(db,
			 "SELECT code, name_vi, name_en, measure, aggregation, rules, tet_default, pos"
			 " FROM indicator WHERE $1 = 0 OR pos > $2 OR (pos = $2 AND code > $3)"
			 " ORDER BY pos, code LIMIT $4",
			 &st, e, LT_I(after_code != NULL), LT_I(after_pos),
			 LT_T(after_code ? after_code : ""), LT_I(lt_store_limit(q && *q ? 0 : max)));
	if (rc)
		return rc;
	while ((rc = lt_stmt_step(st, e)) == 1 && *n < (size_t)max) {
		lt_indicator_entry *x;
		if (q && *q && !matches(st, q))
			continue;
		rc = lt_act_grow(a, (void **)v, &cap, *n, sizeof(**v), e);
		if (rc)
			break;
		x = &(*v)[(*n)++];
		memset(x, 0, sizeof(*x));
		x->row.code = lt_arena_strdup(a, lt_stmt_text(st, 0));
		x->row.name_vi = lt_arena_strdup(a, lt_stmt_text(st, 1));
		x->row.name_en = lt_arena_strdup(a, lt_stmt_text(st, 2));
		x->row.measure = lt_arena_strdup(a, lt_stmt_text(st, 3));
		x->row.aggregation = lt_arena_strdup(a, lt_stmt_text(st, 4));
		x->row.rules = lt_arena_strdup(a, lt_stmt_text(st, 5));
		x->row.tet_default = lt_stmt_int(st, 6) != 0;
		x->pos = lt_stmt_int(st, 7);
		if (!x->row.code || !x->row.name_vi || !x->row.name_en || !x->row.measure) {
			rc = lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
			break;
		}
	}
	lt_stmt_done(st);
	return rc < 0 ? rc : 0;
}

int lt_indicator_catalog_has(lt_db *db, const char *code, bool *found, lt_error *e)
{
	int64_t one = 0;
	int rc = lt_db_int(db, "SELECT 1 FROM indicator WHERE code = $1", &one, e, LT_T(code));

	*found = rc == 1;
	return rc < 0 ? rc : 0;
}

int lt_indicator_catalog_add(lt_db *db, const lt_indicator_row *r, int64_t actor, lt_error *e)
{
	bool taken = false;
	int rc = lt_db_begin(db, e);

	if (rc)
		return rc;
	rc = lt_indicator_catalog_has(db, r->code, &taken, e);
	if (!rc && taken)
		rc = lt_error_set(e, LT_EEXIST, "code", "Mã chỉ tiêu \"%s\" đã có trong danh mục",
				  "The indicator code \"%s\" is already in the catalogue", r->code);
	if (!rc)
		rc = lt_db_run(db,
			       "INSERT INTO indicator(code, pos, name_vi, name_en, measure, aggregation,"
			       " rules, tet_default) SELECT $1, COALESCE(max(pos), 0) + 10, $2, $3, $4,"
			       " $5, '{}', 0 FROM indicator",
			       e, LT_T(r->code), LT_T(r->name_vi), LT_T(r->name_en), LT_T(r->measure),
			       LT_T(r->aggregation));
	if (!rc) {
		char detail[64]; /* codes are at most 32 ASCII letters, digits and . _ - */
		snprintf(detail, sizeof(detail), "{\"code\":\"%s\"}", r->code);
		rc = lt_audit(db, actor, "create", "indicator", 0, detail, e);
	}
	return lt_db_end(db, rc, e);
}
