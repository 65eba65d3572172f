/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * unit_import.c — many units at once, all or nothing: rows, a CSV table
 * (cadres' Excel) and the administrative-units catalogue. See unit.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/unit.h"
#include "text/dvhcvn.h"

/*
 * After the rows are in (inside the import's transaction): may who have
 * made each of them? Officers only below their own unit; the console
 * anywhere. Whoever imports, each new unit's level must be below its
 * parent's. Rows that existed before (existed[i]) were left alone.
 */
static int check_rows(lt_db *db, const lt_actor *who, bool console, const lt_unit_row *rows,
		      size_t n, const bool *existed, int *bad_line, lt_error *e)
{
	lt_arena a;
	lt_unit u, parent;
	int rc = 0;

	lt_arena_init(&a);
	for (size_t i = 0; !rc && i < n; i++) {
		if (existed[i])
			continue;
		rc = lt_unit_get_by_code(db, rows[i].code, &a, &u, e);
		if (!rc && !console && !lt_actor_oversees(who, u.path))
			rc = lt_error_set(e, LT_EFORBIDDEN, "parent_code",
					  "Đơn vị %s nằm ngoài phạm vi của bạn",
					  "Unit %s would be outside your part of the tree", rows[i].code);
		if (!rc && u.parent_id)
			rc = lt_unit_get(db, u.parent_id, &a, &parent, e);
		if (!rc && u.parent_id)
			rc = lt_app_unit_fits_under(db, &parent, u.level, NULL, false, e);
		if (rc)
			*bad_line = rows[i].line;
	}
	lt_arena_free(&a);
	return rc;
}

int lt_app_unit_import(lt_db *db, const lt_actor *who, const lt_unit_row *rows, size_t n,
		       bool skip_existing, lt_progress_fn progress, void *ctx, size_t *created,
		       int *bad_line, lt_error *e)
{
	bool console = who->kind == LT_ACTOR_OPERATOR || who->kind == LT_ACTOR_SYSTEM;
	bool *existed = NULL;
	lt_arena a;
	lt_unit u;
	int rc = lt_actor_need_role(who, LT_ROLE_OFFICER, e);

	*bad_line = 0;
	if (created)
		*created = 0;
	if (rc)
		return rc;
	lt_arena_init(&a);
	existed = calloc(n ? n : 1, sizeof(*existed));
	if (!existed) {
		rc = lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
		goto out;
	}
	rc = lt_db_begin(db, e);
	if (rc)
		goto out;
	for (size_t i = 0; i < n; i++)
		existed[i] = skip_existing && rows[i].code &&
			     lt_unit_get_by_code(db, rows[i].code, &a, &u, NULL) == 0;
	rc = lt_unit_import(db, rows, n, skip_existing, lt_actor_audit_id(who), progress, ctx,
			    created, bad_line, e);
	if (!rc)
		rc = check_rows(db, who, console, rows, n, existed, bad_line, e);
	rc = lt_db_end(db, rc, e);
	if (rc && created)
		*created = 0;
out:
	free(existed);
	lt_arena_free(&a);
	return rc;
}

static const char *const columns[] = { "code",    "name",       "level", "parent_code",
				       "email",   "members",    "active_from" };
#define NCOLS (sizeof(columns) / sizeof(columns[0]))

/* e's field becomes "row R, column C (field)", the column found from the field's name. */
static int place_error(lt_error *e, int rc, int line, const int *col_of)
{
	char field[LT_ERR_FIELD_MAX], col[8] = "?";

	if (!e)
		return rc;
	for (size_t k = 0; k < NCOLS; k++)
		if (!strcmp(e->field, columns[k]) && col_of[k] > 0)
			lt_table_colname(col_of[k], col);
	snprintf(field, sizeof(field), "row %d, column %s (%.60s)", line, col,
		 e->field[0] ? e->field : "?");
	snprintf(e->field, sizeof(e->field), "%s", field);
	return rc;
}

/* Header: known column names in any order; code, name and level required. */
static int read_header(const lt_sheet *s, int *col_of, lt_error *e)
{
	for (int c = 1; c <= lt_sheet_row_len(s, 1); c++) {
		const lt_cell *h = lt_sheet_cell(s, 1, c);
		bool known = false;
		char letter[8];
		for (size_t k = 0; k < NCOLS; k++) {
			if (!strcmp(h->text, columns[k])) {
				col_of[k] = c;
				known = true;
			}
		}
		if (!known && h->len) {
			lt_table_colname(c, letter);
			return lt_error_set(e, LT_EINVAL, "row 1", "Cột %s: tiêu đề không rõ \"%s\"",
					    "Column %s: unknown header \"%s\"", letter, h->text);
		}
	}
	for (size_t k = 0; k < 3; k++)
		if (!col_of[k])
			return lt_error_set(e, LT_EINVAL, "row 1", "Thiếu cột bắt buộc \"%s\"",
					    "Missing required column \"%s\"", columns[k]);
	return 0;
}

int lt_app_unit_import_table(lt_db *db, const lt_actor *who, const lt_table *t,
			     lt_progress_fn progress, void *ctx, size_t *created, lt_error *e)
{
	lt_sheet *s = lt_table_sheet_at(t, 0);
	lt_unit_row *rows = NULL;
	int col_of[NCOLS] = { 0 };
	int bad = 0, nrows = 0, rc;

	*created = 0;
	if (!s || s->nrows < 1)
		return lt_error_set(e, LT_EINVAL, "row 1", "Tệp trống: cần dòng tiêu đề",
				    "Empty file: a header row is required");
	rc = read_header(s, col_of, e);
	if (rc)
		return rc;
	rows = calloc((size_t)s->nrows, sizeof(*rows));
	if (!rows)
		return lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	for (int r = 2; r <= s->nrows; r++) {
		lt_unit_row *u = &rows[nrows];
		const char *v[NCOLS];
		bool blank = true;
		for (size_t k = 0; k < NCOLS; k++) {
			v[k] = col_of[k] ? lt_sheet_cell(s, r, col_of[k])->text : "";
			blank = blank && !*v[k];
		}
		if (blank)
			continue;
		u->line = r;
		u->code = v[0];
		u->name = v[1];
		u->level = v[2];
		u->parent_code = v[3];
		u->email = v[4];
		u->active_from = *v[6] ? v[6] : NULL;
		if (*v[5]) {
			char *end;
			u->members = strtoll(v[5], &end, 10);
			if (*end || u->members < 0) {
				rc = lt_error_set(e, LT_EINVAL, "members",
						  "Số đoàn viên phải là số nguyên không âm: \"%s\"",
						  "Members must be a non-negative integer: \"%s\"", v[5]);
				rc = place_error(e, rc, r, col_of);
				goto out;
			}
		}
		nrows++;
	}
	rc = lt_app_unit_import(db, who, rows, (size_t)nrows, false, progress, ctx, created, &bad, e);
	if (rc)
		rc = place_error(e, rc, bad, col_of);
out:
	free(rows);
	return rc;
}

int lt_app_unit_import_dvhcvn(lt_db *db, const lt_actor *who, const char *json, size_t len,
			      const char *province, const char *district, const char *from,
			      lt_progress_fn progress, void *ctx, size_t *units, size_t *created,
			      lt_error *e)
{
	lt_dvhcvn_unit *cat = NULL;
	lt_unit_row *rows = NULL;
	lt_arena a;
	size_t n = 0;
	int bad = 0, rc;

	*units = *created = 0;
	if (district && !province)
		return lt_error_set(e, LT_EINVAL, "--district", "--district cần --province",
				    "--district needs --province");
	lt_arena_init(&a);
	rc = lt_dvhcvn_parse(json, len, province, district, &a, &cat, &n, e);
	if (rc)
		goto out;
	rows = calloc(n ? n : 1, sizeof(*rows));
	if (!rows) {
		rc = lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		rows[i].line = (int)i + 1;
		rows[i].code = cat[i].code;
		rows[i].name = cat[i].name;
		rows[i].level = cat[i].level;
		rows[i].parent_code = cat[i].parent_code;
		rows[i].active_from = from;
	}
	rc = lt_app_unit_import(db, who, rows, n, true, progress, ctx, created, &bad, e);
	if (!rc)
		*units = n;
out:
	free(rows);
	lt_arena_free(&a);
	return rc;
}
