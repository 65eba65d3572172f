/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * feedback_model.c — the feedback model's rows (see store/feedback.h): the
 * head (feedback_model, one row) and the changed features
 * (feedback_model_row, migration 31). A confirmation writes the few dozen
 * rows of its message's features, never a whole copy of the model.
 */
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "core/clock.h"
#include "core/password.h"
#include "store/feedback_int.h"

/* Bytes a row holds: feature, idf, version and the weights (what "bytes" reports). */
#define ROW_BYTES (3 * 8 + 8 * LT_FB_MODEL_NOUT)

int lt_feedback_model_meta(lt_db *db, lt_fb_model_info *out, lt_error *e)
{
	lt_stmt *st = NULL;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = lt_feedback_confirmed_count(db, &out->confirmed, e);
	if (!rc)
		rc = lt_db_prepare(db,
				   "SELECT n_train, updates, trained_at, updated_at, length(model),"
				   " (SELECT count(*) FROM feedback_model_row)"
				   " FROM feedback_model WHERE id = 1",
				   &st, e);
	if (rc)
		return rc;
	rc = lt_stmt_step(st, e);
	if (rc == 1) {
		out->present = true;
		out->n_train = lt_stmt_int(st, 0);
		out->updates = lt_stmt_int(st, 1);
		out->trained_at = lt_stmt_int(st, 2);
		out->updated_at = lt_stmt_int(st, 3);
		out->bytes = (size_t)lt_stmt_int(st, 4) + (size_t)lt_stmt_int(st, 5) * ROW_BYTES;
	}
	lt_stmt_done(st);
	return rc < 0 ? rc : 0;
}

int lt_feedback_model_head(lt_db *db, lt_fb_model_head *out, lt_error *e)
{
	lt_stmt *st = NULL;
	int rc = lt_db_prepare(db,
			       "SELECT stamp, version, base, updates, length(model)"
			       " FROM feedback_model WHERE id = 1",
			       &st, e);

	memset(out, 0, sizeof(*out));
	if (rc)
		return rc;
	rc = lt_stmt_step(st, e);
	if (rc == 1) {
		out->present = true;
		snprintf(out->stamp, sizeof(out->stamp), "%s",
			 lt_stmt_text(st, 0) ? lt_stmt_text(st, 0) : "");
		out->version = lt_stmt_int(st, 1);
		out->base = lt_stmt_int(st, 2);
		out->updates = lt_stmt_int(st, 3);
		out->blob = (size_t)lt_stmt_int(st, 4);
	}
	lt_stmt_done(st);
	return rc < 0 ? rc : 0;
}

int lt_feedback_model_stamp(lt_db *db, char stamp[LT_FB_STAMP_MAX], lt_error *e)
{
	lt_fb_model_head h;
	int rc = lt_feedback_model_head(db, &h, e);

	stamp[0] = '\0';
	if (!rc && h.present)
		snprintf(stamp, LT_FB_STAMP_MAX, "%.43s.%" PRId64, h.stamp, h.version);
	return rc;
}

int lt_feedback_model_blob(lt_db *db, lt_arena *a, const void **p, size_t *n, lt_error *e)
{
	lt_stmt *st = NULL;
	const void *blob;
	void *copy;
	int rc = lt_db_prepare(db, "SELECT model FROM feedback_model WHERE id = 1", &st, e);

	*p = NULL;
	*n = 0;
	if (rc)
		return rc;
	rc = lt_stmt_step(st, e);
	if (rc == 1) {
		blob = lt_stmt_blob(st, 0, n);
		copy = *n ? lt_arena_alloc(a, *n) : NULL;
		if (copy)
			memcpy(copy, blob, *n);
		*p = copy;
		rc = copy || !*n ? 0 : lt_fb_nomem(e);
	}
	lt_stmt_done(st);
	return rc < 0 ? rc : 0;
}

int lt_feedback_model_rows(lt_db *db, int64_t since,
			   int (*fn)(void *ctx, const lt_fb_model_row *r, lt_error *e), void *ctx,
			   lt_error *e)
{
	lt_stmt *st = NULL;
	lt_fb_model_row r;
	int rc = lt_db_query(db,
			     "SELECT feature, idf, w0, w1, w2, w3, w4, w5, w6, w7, version"
			     " FROM feedback_model_row WHERE version > $1",
			     &st, e, LT_I(since));

	_Static_assert(LT_FB_MODEL_NOUT == 8, "the columns w0 to w7");
	while (!rc && (rc = lt_stmt_step(st, e)) == 1) {
		r.feature = (uint64_t)lt_stmt_int(st, 0);
		r.idf = lt_stmt_double(st, 1);
		for (int k = 0; k < LT_FB_MODEL_NOUT; k++)
			r.w[k] = lt_stmt_double(st, 2 + k);
		r.version = lt_stmt_int(st, 10);
		rc = fn(ctx, &r, e);
	}
	lt_stmt_done(st);
	return rc < 0 ? rc : 0;
}

int lt_feedback_model_lock(lt_db *db, bool create, lt_error *e)
{
	int64_t now = lt_now();
	int rc = 0;

	/* an empty head (base 0: derived from no shipped model) for the caller to reset */
	if (create)
		rc = lt_db_run(db,
			       "INSERT INTO feedback_model(id, algo, model, n_train, updates,"
			       " trained_at, updated_at, stamp, version, base)"
			       " VALUES ($1, 'rows', $2, 0, 0, $3, $3, '', 0, 0)"
			       " ON CONFLICT (id) DO NOTHING",
			       e, LT_I(1), LT_BLOB("", 0), LT_I(now));
	if (!rc)
		rc = lt_db_run(db, "UPDATE feedback_model SET version = version WHERE id = $1", e,
			       LT_I(1));
	return rc;
}

/*
 * The rows go in by INSERT … ON CONFLICT of up to ROWS_AT_ONCE rows a
 * statement (a confirmation has tens to a couple of hundred: on
 * PostgreSQL one round trip each cost more than the rest of the
 * confirmation). The statements for each size in `sizes` are written once,
 * at the first use, from fixed pieces, and kept for the process (the
 * statement caches key them by address, like a literal).
 */
#define ROWS_AT_ONCE 32
static const size_t sizes[] = { ROWS_AT_ONCE, 8, 1 };
static char upsert_sql[sizeof(sizes) / sizeof(sizes[0])][ROWS_AT_ONCE * 96 + 1024];
static pthread_once_t upsert_once = PTHREAD_ONCE_INIT;

static void upsert_build(void)
{
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		char *p = upsert_sql[i];
		size_t cap = sizeof(upsert_sql[i]), w;

		w = (size_t)snprintf(p, cap, "INSERT INTO feedback_model_row(feature, idf, w0, w1, w2,"
				     " w3, w4, w5, w6, w7, version) VALUES ");
		for (size_t r = 0; r < sizes[i]; r++) {
			int b = 2 + 10 * (int)r; /* $1 is the version */
			w += (size_t)snprintf(p + w, cap - w,
					      "%s($%d, $%d, $%d, $%d, $%d, $%d, $%d, $%d, $%d, $%d, $1)",
					      r ? ", " : "", b, b + 1, b + 2, b + 3, b + 4, b + 5, b + 6,
					      b + 7, b + 8, b + 9);
		}
		snprintf(p + w, cap - w, "%s",
			 " ON CONFLICT (feature) DO UPDATE SET"
			 " w0 = feedback_model_row.w0 + excluded.w0,"
			 " w1 = feedback_model_row.w1 + excluded.w1,"
			 " w2 = feedback_model_row.w2 + excluded.w2,"
			 " w3 = feedback_model_row.w3 + excluded.w3,"
			 " w4 = feedback_model_row.w4 + excluded.w4,"
			 " w5 = feedback_model_row.w5 + excluded.w5,"
			 " w6 = feedback_model_row.w6 + excluded.w6,"
			 " w7 = feedback_model_row.w7 + excluded.w7,"
			 " version = excluded.version");
	}
}

/*
 * Additive, not a read-modify-write of the values the caller read: a row
 * holds the sum of the increments every confirmation computed, so that two
 * nodes that learnt from the same state (a database that does not make the
 * second wait, see lt_feedback_model_lock) both keep their update. The
 * caller passes the rows sorted by feature, so that two transactions lock
 * them in the same order and cannot deadlock.
 */
int lt_feedback_model_add(lt_db *db, const lt_fb_model_row *rows, size_t n, bool update,
			  lt_error *e)
{
	int64_t v = 0;
	size_t i = 0;
	int rc = lt_db_int(db,
			   "UPDATE feedback_model SET version = version + 1,"
			   " updates = updates + $3, updated_at = $2 WHERE id = $1 RETURNING version",
			   &v, e, LT_I(1), LT_I(lt_now()), LT_I(update ? 1 : 0));

	if (rc == 0)
		rc = lt_error_set(e, LT_EINTERNAL, "model", "chưa có mô hình để cập nhật",
				  "no model to update");
	rc = rc < 0 ? rc : 0;
	pthread_once(&upsert_once, upsert_build);
	for (size_t k = 0; !rc && i < n; k += n - i < sizes[k]) {
		lt_stmt *st = NULL;
		if (n - i < sizes[k])
			continue; /* a smaller statement for the rest */
		rc = lt_db_prepare(db, upsert_sql[k], &st, e);
		if (rc)
			break;
		lt_stmt_bind_int(st, 1, v);
		for (size_t r = 0; r < sizes[k]; r++, i++) {
			int b = 2 + 10 * (int)r;
			lt_stmt_bind_int(st, b, (int64_t)rows[i].feature);
			lt_stmt_bind_double(st, b + 1, rows[i].idf);
			for (int o = 0; o < LT_FB_MODEL_NOUT; o++)
				lt_stmt_bind_double(st, b + 2 + o, rows[i].w[o]);
		}
		rc = lt_stmt_run(st, e);
	}
	return rc;
}

int lt_feedback_model_reset(lt_db *db, int64_t base, int64_t n_train, lt_error *e)
{
	char stamp[44];
	int64_t now = lt_now();
	lt_stmt *st = NULL;
	int rc;

	/* the head first: its lock makes a confirmation on another node wait, and the
	 * rows are deleted after it committed (PostgreSQL: a statement's own snapshot) */
	lt_random_token(stamp);
	rc = lt_db_run(db,
		       "INSERT INTO feedback_model(id, algo, model, n_train, updates,"
		       " trained_at, updated_at, stamp, version, base)"
		       " VALUES ($1, 'rows', $2, $3, 0, $4, $4, $5, 0, $6)"
		       " ON CONFLICT (id) DO UPDATE SET algo = excluded.algo,"
		       " model = excluded.model, n_train = excluded.n_train, updates = 0,"
		       " trained_at = excluded.trained_at, updated_at = excluded.updated_at,"
		       " stamp = excluded.stamp, version = 0, base = excluded.base",
		       e, LT_I(1), LT_BLOB("", 0), LT_I(n_train), LT_I(now), LT_T(stamp), LT_I(base));
	if (!rc)
		rc = lt_db_prepare(db, "DELETE FROM feedback_model_row", &st, e);
	if (!rc)
		rc = lt_stmt_run(st, e);
	return rc;
}

int lt_feedback_model_put(lt_db *db, const void *p, size_t n, int64_t n_train, lt_error *e)
{
	lt_stmt *st = NULL;
	char stamp[44];
	int rc;

	if (n_train > 0)
		rc = lt_db_prepare(db,
				   "INSERT INTO feedback_model(id, algo, model, n_train, updates,"
				   " trained_at, updated_at, stamp) VALUES (1, 'lr', $1, $2, 0, $3, $3, $4)"
				   " ON CONFLICT (id) DO UPDATE SET model = excluded.model,"
				   " n_train = excluded.n_train, updates = 0,"
				   " trained_at = excluded.trained_at, updated_at = excluded.updated_at,"
				   " stamp = excluded.stamp",
				   &st, e);
	else
		rc = lt_db_prepare(db,
				   "UPDATE feedback_model SET model = $1, updates = updates + 1,"
				   " updated_at = $3, stamp = $4 WHERE id = 1 AND $2 = 0",
				   &st, e);
	if (rc)
		return rc;
	lt_random_token(stamp);
	lt_stmt_bind_blob(st, 1, n ? p : "", n);
	lt_stmt_bind_int(st, 2, n_train);
	lt_stmt_bind_int(st, 3, lt_now());
	lt_stmt_bind_text(st, 4, stamp);
	return lt_stmt_run(st, e);
}

int lt_feedback_model_drop(lt_db *db, lt_error *e)
{
	lt_stmt *st = NULL;
	int rc = lt_db_prepare(db, "DELETE FROM feedback_model_row", &st, e);

	if (!rc)
		rc = lt_stmt_run(st, e);
	if (!rc)
		rc = lt_db_prepare(db, "DELETE FROM feedback_model", &st, e);
	return rc ? rc : lt_stmt_run(st, e);
}
