// SPDX-License-Identifier: AGPL-3.0-or-later
/* bulk.c — see bulk.h. */
#include "store/bulk.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/password.h"
#include "text/fold.h"

int lt_bulk_cache(lt_db *db, int mb, lt_error *e)
{
	char sql[64];

	if (lt_db_dialect(db) == LT_DIALECT_POSTGRES)
		return 0;
	snprintf(sql, sizeof(sql), "PRAGMA cache_size=-%d", mb * 1024);
	return lt_db_exec(db, sql, e);
}

int lt_bulk_figure(lt_db *db, int64_t directive, int64_t unit, const char *code, double value,
		   int64_t at, lt_error *e)
{
	lt_stmt *st = NULL;
	int rc = lt_db_prepare(db,
			       "INSERT INTO indicator_value(directive_id, unit_id, code, value,"
			       " updated_at) VALUES ($1, $2, $3, $4, $5)"
			       " ON CONFLICT (directive_id, unit_id, code) DO UPDATE SET"
			       " value = excluded.value, updated_at = excluded.updated_at",
			       &st, e);

	if (rc)
		return rc;
	lt_stmt_bind_int(st, 1, directive);
	lt_stmt_bind_int(st, 2, unit);
	lt_stmt_bind_text(st, 3, code);
	lt_stmt_bind_double(st, 4, value);
	lt_stmt_bind_int(st, 5, at);
	return lt_stmt_run(st, e);
}

int lt_bulk_report(lt_db *db, int64_t directive, int64_t unit, const char *status, int64_t at,
		   const char *snapshot, lt_error *e)
{
	lt_stmt *st = NULL;
	char sha[65];
	int64_t id = 0;
	bool accepted = !strcmp(status, "accepted");
	int rc = lt_db_prepare(db,
			       "INSERT INTO report(directive_id, unit_id, status, rev,"
			       " first_submitted_at, last_submitted_at, accepted_at, created_at,"
			       " updated_at) VALUES ($1, $2, $3, 1, $4, $4, $5, $4, $4) RETURNING id",
			       &st, e);

	if (rc)
		return rc;
	lt_stmt_bind_int(st, 1, directive);
	lt_stmt_bind_int(st, 2, unit);
	lt_stmt_bind_text(st, 3, status);
	lt_stmt_bind_int(st, 4, at);
	if (accepted)
		lt_stmt_bind_int(st, 5, at + 86400);
	else
		lt_stmt_bind_null(st, 5);
	rc = lt_stmt_step(st, e);
	if (rc == 1)
		id = lt_stmt_int(st, 0);
	lt_stmt_done(st);
	if (rc < 0)
		return rc;
	lt_sha256_hex(snapshot, strlen(snapshot), sha);
	rc = lt_db_prepare(db,
			   "INSERT INTO report_revision(report_id, rev, kind, snapshot, sha256,"
			   " submitted_at, review, reviewed_at) VALUES ($1, 1, 'final', $2, $3, $4,"
			   " $5, $6)",
			   &st, e);
	if (rc)
		return rc;
	lt_stmt_bind_int(st, 1, id);
	lt_stmt_bind_text(st, 2, snapshot);
	lt_stmt_bind_text(st, 3, sha);
	lt_stmt_bind_int(st, 4, at);
	if (!strcmp(status, "submitted")) {
		lt_stmt_bind_null(st, 5);
		lt_stmt_bind_null(st, 6);
	} else {
		lt_stmt_bind_text(st, 5, status);
		lt_stmt_bind_int(st, 6, at + 86400);
	}
	return lt_stmt_run(st, e);
}

int lt_bulk_activity(lt_db *db, const lt_bulk_item *it, lt_error *e)
{
	lt_stmt *st = NULL;
	char *fold = lt_text_fold(it->title, strlen(it->title));
	int rc;

	if (!fold)
		return lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	rc = lt_db_prepare(db,
			   "INSERT INTO activity(unit_id, directive_id, theme_id, channel, kind, url,"
			   " url_canonical, title, search_fold, date, is_original, created_at,"
			   " updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6, $7, $8, $9, 1, $10, $10)",
			   &st, e);
	if (!rc) {
		lt_stmt_bind_int(st, 1, it->unit);
		lt_stmt_bind_int(st, 2, it->directive);
		if (it->theme)
			lt_stmt_bind_int(st, 3, it->theme);
		else
			lt_stmt_bind_null(st, 3);
		lt_stmt_bind_text(st, 4, it->channel);
		lt_stmt_bind_text(st, 5, it->kind);
		lt_stmt_bind_text(st, 6, it->url);
		lt_stmt_bind_text(st, 7, it->title);
		lt_stmt_bind_text(st, 8, fold);
		lt_stmt_bind_text(st, 9, it->day);
		lt_stmt_bind_int(st, 10, it->at);
		rc = lt_stmt_run(st, e);
	}
	free(fold);
	return rc;
}
