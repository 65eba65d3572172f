/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* dbcopy.c — see dbcopy.h. */
#include "app/dbcopy.h"

#include <stdlib.h>
#include <string.h>

#include "store/dbcopy.h"
#include "store/migrations.h"
#include "store/store.h"

static int need_operator(const lt_actor *who, lt_error *e)
{
	if (who->kind == LT_ACTOR_SYSTEM || who->kind == LT_ACTOR_OPERATOR)
		return 0;
	return lt_error_set(e, LT_EFORBIDDEN, NULL, "Chỉ người vận hành được chép cơ sở dữ liệu",
			    "Only the operator copies a database");
}

/* Both schemas at one version, the tables alike on both sides, to empty; totals the rows. */
static int check(lt_db *from, lt_db *to, lt_table_shape *shape, lt_db_copy_result *out,
		 size_t *total, lt_error *e)
{
	int vf = lt_store_schema_version(from), vt = lt_store_schema_version(to);
	int rc = 0;

	if (vf <= 0)
		return lt_error_set(e, LT_EINVAL, "--from",
				    "Nguồn không phải CSDL lantoa (chưa có cấu trúc)",
				    "The source is not a lantoa database (it has no schema)");
	if (vf != vt)
		return lt_error_set(e, LT_ECONFLICT, "--to",
				    "Phiên bản cấu trúc khác nhau: nguồn %d, đích %d (chạy lantoa init"
				    " trên nguồn trước)",
				    "Schema versions differ: source %d, target %d (run lantoa init on"
				    " the source first)",
				    vf, vt);
	for (size_t i = 0; !rc && i < out->n; i++) {
		const lt_schema_table *t = &lt_schema_tables[i];
		lt_table_shape other;
		int64_t there = 0;

		rc = lt_table_shape_read(from, t->name, &shape[i], e);
		if (!rc)
			rc = lt_table_shape_read(to, t->name, &other, e);
		if (!rc && !lt_table_shape_equal(&shape[i], &other))
			rc = lt_error_set(e, LT_ECONFLICT, t->name,
					  "Bảng %s có các cột khác nhau ở nguồn và đích",
					  "Table %s has different columns in the source and the target",
					  t->name);
		if (!rc)
			rc = lt_table_count(from, t->name, &out->tables[i].rows_from, e);
		if (!rc && !t->seeded)
			rc = lt_table_count(to, t->name, &there, e);
		if (!rc && there)
			rc = lt_error_set(e, LT_EEXIST, "--to",
					  "CSDL đích đã có dữ liệu (bảng %s: %lld dòng); hãy chép vào"
					  " một CSDL mới",
					  "The target database already holds data (table %s: %lld"
					  " rows); copy into a new database",
					  t->name, (long long)there);
		*total += (size_t)out->tables[i].rows_from;
	}
	return rc;
}

/* Copy every table in catalogue order; ids kept, and identities moved past them. */
static int copy_all(lt_db *from, lt_db *to, const lt_table_shape *shape, lt_progress_fn copied,
		    void *ctx, size_t total, lt_db_copy_result *out, lt_error *e)
{
	size_t done = 0;
	int rc = 0;

	for (size_t i = 0; !rc && i < out->n; i++) {
		const lt_schema_table *t = &lt_schema_tables[i];
		const lt_table_shape *s = &shape[i];

		if (t->seeded)
			rc = lt_table_clear(to, t->name, e);
		if (!rc)
			rc = lt_table_copy(from, to, t->name, s, out->tables[i].rows_from, t->late,
					   copied, ctx, &done, total, e);
		if (!rc && s->nkey == 1 && !strcmp(s->name[s->key[0]], "id"))
			rc = lt_db_sync_ids(to, t->name, e);
	}
	out->rows = (int64_t)done;
	return rc;
}

/* Count and hash every table on both sides; LT_ECONFLICT naming the first that differs. */
static int verify(lt_db *from, lt_db *to, const lt_table_shape *shape, lt_progress_fn checked,
		  void *ctx, lt_db_copy_result *out, lt_error *e)
{
	const lt_db_copy_table *bad = NULL;
	int rc = 0;

	for (size_t i = 0; !rc && i < out->n; i++) {
		lt_db_copy_table *r = &out->tables[i];

		rc = lt_table_hash(from, r->name, &shape[i], r->hash_from, &r->rows_from, e);
		if (!rc)
			rc = lt_table_hash(to, r->name, &shape[i], r->hash_to, &r->rows_to, e);
		r->ok = !rc && r->rows_from == r->rows_to && !strcmp(r->hash_from, r->hash_to);
		if (!rc && !r->ok && !bad)
			bad = r;
		if (checked)
			checked(ctx, i + 1, out->n);
	}
	if (rc)
		return rc;
	out->verified = true;
	if (bad)
		return lt_error_set(e, LT_ECONFLICT, bad->name,
				    "Bảng %s khác nhau sau khi chép (nguồn %lld dòng, đích %lld dòng,"
				    " mã băm khác): không ghi gì vào đích",
				    "Table %s differs after the copy (source %lld rows, target %lld"
				    " rows, hashes differ): nothing was written to the target",
				    bad->name, (long long)bad->rows_from, (long long)bad->rows_to);
	return 0;
}

int lt_app_db_copy(lt_db *from, lt_db *to, const lt_actor *who, lt_progress_fn copied,
		   lt_progress_fn checked, void *ctx, lt_db_copy_result *out, lt_error *e)
{
	lt_table_shape *shape = NULL;
	size_t total = 0;
	int rc = need_operator(who, e);

	memset(out, 0, sizeof(*out));
	if (rc)
		return rc;
	out->n = lt_schema_tables_count;
	out->tables = calloc(out->n, sizeof(*out->tables));
	shape = calloc(out->n, sizeof(*shape));
	if (!out->tables || !shape) {
		rc = lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
		goto fail;
	}
	for (size_t i = 0; i < out->n; i++)
		out->tables[i].name = lt_schema_tables[i].name;
	rc = lt_db_begin_snapshot(from, e);
	if (rc)
		goto fail;
	rc = lt_db_begin(to, e);
	if (!rc) {
		rc = check(from, to, shape, out, &total, e);
		if (!rc)
			rc = copy_all(from, to, shape, copied, ctx, total, out, e);
		if (!rc)
			rc = verify(from, to, shape, checked, ctx, out, e);
		rc = lt_db_end(to, rc, e);
	}
	/*
	 * A new PostgreSQL copy has no planner statistics until autovacuum
	 * reaches it: a list's plan would guess (the national unit list took
	 * seconds). The copy is committed and verified; a failed ANALYZE only
	 * leaves that to autovacuum. Not on SQLite: statistics there can steer
	 * small lists off their index (bench/RESULTS.md, issue 10).
	 */
	if (!rc && lt_db_dialect(to) == LT_DIALECT_POSTGRES) {
		lt_error ignored;
		lt_ignore(lt_db_exec(to, "ANALYZE", &ignored));
	}
	{
		lt_error ignored;
		lt_ignore(lt_db_end(from, 0, &ignored)); /* a read: nothing to keep */
	}
fail:
	free(shape);
	if (rc && !out->verified) {
		free(out->tables);
		out->tables = NULL;
		out->n = 0;
	}
	return rc;
}
