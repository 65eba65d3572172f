/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* contest.c — contests and entries; see contest.h. */
#include "store/contest.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/tree.h"
#include "core/validate.h"
#include "store/activity_sql.h"
#include "store/audit.h"
#include "store/store.h"
#include "store/unit_int.h"
#include "text/fold.h"

int lt_contest_create(lt_db *db, int64_t directive_id, int64_t issuer_id, const char *name,
		      const char *hashtag, int64_t actor, int64_t *id, lt_error *e)
{
	lt_contest_fields f = { .name = name, .hashtag = hashtag };

	return lt_contest_create_with(db, directive_id, issuer_id, &f, actor, id, e);
}

/* The checks every stored contest passes, whoever wrote it. */
static int check_fields(const lt_contest_fields *f, lt_error *e)
{
	int rc = lt_check_text("name", f->name, 300, e);

	if (!rc && f->hashtag && strlen(f->hashtag) > 100)
		rc = lt_error_set(e, LT_EINVAL, "hashtag", "Hashtag dài quá 100 byte",
				  "The hashtag is longer than 100 bytes");
	if (!rc && f->rules && strlen(f->rules) > 8000)
		rc = lt_error_set(e, LT_EINVAL, "rules", "Thể lệ dài quá 8000 byte",
				  "The rules are longer than 8000 bytes");
	if (!rc && f->prize && strlen(f->prize) > 500)
		rc = lt_error_set(e, LT_EINVAL, "prize", "Giải thưởng dài quá 500 byte",
				  "The prize text is longer than 500 bytes");
	if (!rc && f->starts_on)
		rc = lt_check_date("starts_on", f->starts_on, e);
	if (!rc && f->ends_on)
		rc = lt_check_date("ends_on", f->ends_on, e);
	return rc;
}

int lt_contest_create_with(lt_db *db, int64_t directive_id, int64_t issuer_id,
			   const lt_contest_fields *f, int64_t actor, int64_t *id, lt_error *e)
{
	int64_t made = 0;
	int rc = check_fields(f, e);

	if (!rc)
		rc = lt_db_begin(db, e);
	if (rc)
		return rc;
	rc = lt_db_int(db,
		       "INSERT INTO contest(directive_id, issuer_id, name, hashtag, rules, starts_on,"
		       " ends_on, kinds, prize, created_by, created_at, updated_at)"
		       " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
		       &made, e, LT_ID(directive_id), LT_I(issuer_id), LT_T(f->name),
		       LT_OT(f->hashtag), LT_OT(f->rules), LT_OT(f->starts_on), LT_OT(f->ends_on),
		       LT_T(f->kinds ? f->kinds : "writing,video"), LT_OT(f->prize), LT_ID(actor),
		       LT_I(lt_now()), LT_I(lt_now()));
	rc = rc < 0 ? rc : 0;
	return lt_act_tx_end_created(db, rc, actor, "contest", made, id, e);
}

int lt_contest_update(lt_db *db, int64_t id, const lt_contest_fields *f, int64_t actor,
		      lt_error *e)
{
	int rc = check_fields(f, e);

	if (!rc)
		rc = lt_db_begin(db, e);
	if (rc)
		return rc;
	rc = lt_db_run(db,
			     "UPDATE contest SET name = $2, hashtag = $3, rules = $4, starts_on = $5,"
			     " ends_on = $6, kinds = $7, prize = $8, updated_at = $9 WHERE id = $1",
			     e, LT_I(id), LT_T(f->name), LT_OT(f->hashtag), LT_OT(f->rules),
			     LT_OT(f->starts_on), LT_OT(f->ends_on),
			     LT_T(f->kinds ? f->kinds : "writing,video"), LT_OT(f->prize),
			     LT_I(lt_now()));
	if (!rc)
		rc = lt_audit(db, actor, "update", "contest", id, NULL, e);
	return lt_db_end(db, rc, e);
}

#define CONTEST_COLS                                                                     \
	"c.id, c.name, c.hashtag, c.directive_id, u.id, u.code, u.name, u.path,"         \
	" (SELECT count(*) FROM contest_entry x WHERE x.contest_id = c.id),"             \
	" c.rules, c.starts_on, c.ends_on, c.kinds, c.prize"

static int contest_row(lt_stmt *st, lt_arena *a, void *row, void *ctx, lt_error *e)
{
	lt_contest_row *c = row;

	(void)ctx;
	c->id = lt_stmt_int(st, 0);
	c->name = lt_arena_strdup(a, lt_stmt_text(st, 1));
	c->hashtag = lt_arena_strdup(a, lt_stmt_text(st, 2));
	c->directive_id = lt_stmt_is_null(st, 3) ? 0 : lt_stmt_int(st, 3);
	c->issuer.id = lt_stmt_int(st, 4);
	c->issuer.code = lt_arena_strdup(a, lt_stmt_text(st, 5));
	c->issuer.name = lt_arena_strdup(a, lt_stmt_text(st, 6));
	c->issuer.path = lt_arena_strdup(a, lt_stmt_text(st, 7));
	c->entries = lt_stmt_int(st, 8);
	c->rules = lt_arena_strdup(a, lt_stmt_text(st, 9));
	c->starts_on = lt_arena_strdup(a, lt_stmt_text(st, 10));
	c->ends_on = lt_arena_strdup(a, lt_stmt_text(st, 11));
	c->kinds = lt_arena_strdup(a, lt_stmt_text(st, 12));
	c->prize = lt_arena_strdup(a, lt_stmt_text(st, 13));
	(void)e; /* out of memory in a is the caller's check */
	return 0;
}

int lt_contest_get(lt_db *db, int64_t id, lt_arena *a, lt_contest_row *out, lt_error *e)
{
	int rc;

	memset(out, 0, sizeof(*out));
	rc = lt_act_one(db,
			"SELECT " CONTEST_COLS " FROM contest c JOIN unit u ON u.id = c.issuer_id"
			" WHERE c.id = $1",
			id, a, contest_row, out, e);
	if (rc > 0)
		rc = lt_error_set(e, LT_ENOTFOUND, "id", "Không có cuộc thi #%" PRId64,
				  "No contest #%" PRId64, id);
	return rc;
}

int lt_contest_list(lt_db *db, int64_t directive_id, const char *related, int64_t before_id,
		    int max, lt_arena *a, lt_contest_row **v, size_t *n, lt_error *e)
{
	char end[LT_PATH_MAX];
	lt_stmt *st;
	int rc;

	*v = NULL;
	*n = 0;
	lt_tree_path_end(related, end);
	rc = lt_db_query(db,
			 "SELECT " CONTEST_COLS " FROM contest c JOIN unit u ON u.id = c.issuer_id"
			 " WHERE ($1 = 0 OR c.directive_id = $1) AND ($4 = 0 OR c.id < $4)"
			 " AND ((u.path >= $2 AND u.path < $3)"
			 "   OR substr($2, 1, length(u.path)) = u.path)"
			 " ORDER BY c.id DESC LIMIT $5",
			 &st, e, LT_I(directive_id), LT_T(related), LT_T(end), LT_I(before_id),
			 LT_I(lt_store_limit(max)));
	if (rc)
		return rc;
	return lt_act_rows_max(st, a, sizeof(**v), contest_row, NULL, max, (void **)v, n, e);
}

int lt_contest_find(lt_db *db, int64_t directive_id, const char *name, int64_t *id, lt_error *e)
{
	lt_stmt *st;
	char *want = lt_text_fold(name, strlen(name));
	int rc;

	*id = 0;
	if (!want)
		return lt_error_set(e, LT_EINVAL, "contest", "Tên cuộc thi không hợp lệ",
				    "Invalid contest name");
	rc = lt_db_query(db,
			 "SELECT id, name FROM contest WHERE ($1 = 0 OR directive_id = $1) ORDER BY id",
			 &st, e, LT_I(directive_id));
	if (!rc) {
		while ((rc = lt_stmt_step(st, e)) == 1) {
			const char *n = lt_stmt_text(st, 1);
			char *f = lt_text_fold(n, strlen(n));
			if (f && !strcmp(f, want))
				*id = lt_stmt_int(st, 0);
			free(f);
		}
		lt_stmt_done(st);
		rc = rc < 0 ? rc : 0;
	}
	free(want);
	if (!rc && !*id)
		rc = lt_error_set(e, LT_ENOTFOUND, "contest", "Không có cuộc thi \"%s\"",
				  "No contest \"%s\"", name);
	return rc;
}

int lt_contest_entry_validate(const lt_contest_entry_in *in, lt_error *e)
{
	int rc;

	if (!in->unit_id)
		return lt_error_set(e, LT_EINVAL, "unit", "Thiếu đơn vị", "The unit is missing");
	rc = lt_check_text("member_name", in->member_name, 200, e);
	if (rc)
		return rc;
	if (!in->category || (strcmp(in->category, "writing") && strcmp(in->category, "video")))
		return lt_error_set(e, LT_EINVAL, "category",
				    "Thể loại phải là writing (bài viết) hoặc video (clip)",
				    "Category must be writing or video");
	if (!in->platform || (strcmp(in->platform, "facebook") && strcmp(in->platform, "tiktok") &&
			      strcmp(in->platform, "other")))
		return lt_error_set(e, LT_EINVAL, "platform",
				    "Nền tảng phải là facebook, tiktok hoặc other",
				    "Platform must be facebook, tiktok or other");
	if (!in->url_canonical || !*in->url_canonical)
		return lt_error_set(e, LT_EINVAL, "url", "Thiếu đường dẫn bài dự thi",
				    "The entry's link is missing");
	if (in->hashtag && strlen(in->hashtag) > 200)
		return lt_error_set(e, LT_EINVAL, "hashtag", "Hashtag dài quá 200 byte",
				    "The hashtag is longer than 200 bytes");
	rc = lt_check_date("posted_on", in->posted_on, e);
	if (rc)
		return rc;
	if (in->views < -1)
		return lt_error_set(e, LT_EINVAL, "views", "Lượt xem phải là số nguyên không âm",
				    "Views must be a non-negative whole number");
	return 0;
}

/* Explain which entry already holds the link. */
static int duplicate(lt_db *db, int64_t contest_id, const char *url, int64_t *existing,
		     lt_error *e)
{
	lt_stmt *st;
	int rc = lt_db_row(db,
			   "SELECT x.id, u.name, x.member_name FROM contest_entry x JOIN unit u"
			   " ON u.id = x.unit_id WHERE x.contest_id = $1 AND x.url_canonical = $2",
			   &st, e, LT_I(contest_id), LT_T(url));

	if (rc == 1) {
		if (existing)
			*existing = lt_stmt_int(st, 0);
		rc = lt_error_set(e, LT_EEXIST, "url",
				  "Bài dự thi này đã được ghi nhận: bài #%" PRId64 " của %s (%s)",
				  "This entry is already recorded: entry #%" PRId64 " by %s (%s)",
				  lt_stmt_int(st, 0), lt_stmt_text(st, 2), lt_stmt_text(st, 1));
	}
	lt_stmt_done(st);
	return rc;
}

static int insert_entry(lt_db *db, int64_t contest_id, const lt_contest_entry_in *in,
			int64_t actor, int64_t now, int64_t *id, int64_t *existing, lt_error *e)
{
	lt_buf b;
	char *fold;
	int rc;

	lt_buf_init(&b, 8192);
	lt_buf_putf(&b, "%s %s %s", in->member_name, in->hashtag ? in->hashtag : "",
		    in->url_canonical);
	if (lt_buf_error(&b)) {
		lt_buf_free(&b);
		return lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	}
	fold = lt_text_fold(lt_buf_cstr(&b), b.len);
	lt_buf_free(&b);
	if (!fold)
		return lt_error_set(e, LT_EINVAL, "member_name", "Tên không phải UTF-8 hợp lệ",
				    "The name is not valid UTF-8");
	rc = duplicate(db, contest_id, in->url_canonical, existing, e);
	if (rc)
		goto out;
	rc = lt_db_int(db,
		       "INSERT INTO contest_entry(contest_id, unit_id, member_name, search_fold,"
		       " category, platform, url, url_canonical, hashtag, posted_on, views,"
		       " created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7,"
		       " $8, $9, $10, $11, $12, $13, $13) RETURNING id",
		       id, e, LT_I(contest_id), LT_I(in->unit_id), LT_T(in->member_name), LT_T(fold),
		       LT_T(in->category), LT_T(in->platform),
		       LT_T(in->url ? in->url : in->url_canonical), LT_T(in->url_canonical),
		       LT_OT(in->hashtag), LT_T(in->posted_on),
		       in->views < 0 ? LT_NULL : LT_I(in->views), LT_ID(actor), LT_I(now));
	rc = rc < 0 ? rc : 0;
out:
	free(fold);
	return rc;
}

int lt_contest_entry_add(lt_db *db, int64_t contest_id, const lt_contest_entry_in *in,
			 int64_t actor, int64_t *id, int64_t *existing, lt_error *e)
{
	int64_t made = 0;
	int rc = lt_contest_entry_validate(in, e);

	if (rc)
		return rc;
	rc = lt_db_begin(db, e);
	if (rc)
		return rc;
	rc = insert_entry(db, contest_id, in, actor, lt_now(), &made, existing, e);
	return lt_act_tx_end_created(db, rc, actor, "contest_entry", made, id, e);
}

int lt_contest_entry_owner(lt_db *db, int64_t entry_id, int64_t *contest_id, int64_t *unit_id,
			   lt_error *e)
{
	lt_stmt *st;
	int rc = lt_db_row(db, "SELECT contest_id, unit_id FROM contest_entry WHERE id = $1", &st,
			   e, LT_I(entry_id));

	if (rc == 1) {
		*contest_id = lt_stmt_int(st, 0);
		*unit_id = lt_stmt_int(st, 1);
	}
	lt_stmt_done(st);
	if (rc == 0)
		return lt_error_set(e, LT_ENOTFOUND, "id", "Không có bài dự thi #%" PRId64,
				    "No contest entry #%" PRId64, entry_id);
	return rc < 0 ? rc : 0;
}

int lt_contest_entry_delete(lt_db *db, int64_t entry_id, int64_t actor, lt_error *e)
{
	int rc = lt_db_begin(db, e);

	if (rc)
		return rc;
	rc = lt_db_run(db, "DELETE FROM contest_entry WHERE id = $1", e, LT_I(entry_id));
	if (!rc && lt_db_changes(db) == 0)
		rc = lt_error_set(e, LT_ENOTFOUND, "id", "Không có bài dự thi #%" PRId64,
				  "No contest entry #%" PRId64, entry_id);
	if (!rc)
		rc = lt_audit(db, actor, "delete", "contest_entry", entry_id, NULL, e);
	return lt_db_end(db, rc, e);
}

int lt_contest_import(lt_db *db, int64_t contest_id, const lt_contest_entry_in *rows, size_t n,
		      int64_t actor, size_t *bad, lt_error *e)
{
	int64_t id = 0, first = 0, now = lt_now();
	char detail[96];
	size_t i;
	int rc = 0;

	*bad = 0;
	for (i = 0; i < n && !rc; i++) {
		rc = lt_contest_entry_validate(&rows[i], e);
		if (rc)
			*bad = i;
	}
	if (rc)
		return rc;
	rc = lt_db_begin(db, e);
	if (rc)
		return rc;
	for (i = 0; i < n && !rc; i++) {
		rc = insert_entry(db, contest_id, &rows[i], actor, now, &id, NULL, e);
		if (rc)
			*bad = i;
		if (!first)
			first = id;
	}
	snprintf(detail, sizeof(detail), "{\"contest_id\":%" PRId64 ",\"count\":%zu}", contest_id, n);
	if (!rc && n)
		rc = lt_audit(db, actor, "import", "contest_entry", first, detail, e);
	return lt_db_end(db, rc, e);
}

/*
 * The current entry row into row, unless the folded query ctx (may be NULL)
 * misses one of its words in the entry (member, hashtag, link) and the unit's name.
 */
/* An entry's columns as entry_row reads them, and the join to its unit. */
#define ENTRY_COLS                                                                       \
	"SELECT x.id, x.member_name, x.category, x.platform, x.url, x.url_canonical,"    \
	" x.hashtag, x.posted_on, x.views, u.id, u.code, u.name, x.search_fold,"          \
	" u.name_fold, x.created_at FROM contest_entry x JOIN unit u ON u.id = x.unit_id"

static int entry_row(lt_stmt *st, lt_arena *a, void *row, void *ctx, lt_error *e)
{
	lt_contest_entry_row *x = row;
	const char *fold = ctx;

	if (fold) {
		lt_buf b;
		bool ok;
		lt_buf_init(&b, 1 << 16);
		lt_buf_putf(&b, "%s %s", lt_stmt_text(st, 12), lt_stmt_text(st, 13));
		ok = !lt_buf_error(&b) && lt_text_match_folded(lt_buf_cstr(&b), fold);
		lt_buf_free(&b);
		if (!ok)
			return 1;
	}
	(void)e;
	x->id = lt_stmt_int(st, 0);
	x->member_name = lt_arena_strdup(a, lt_stmt_text(st, 1));
	x->category = lt_arena_strdup(a, lt_stmt_text(st, 2));
	x->platform = lt_arena_strdup(a, lt_stmt_text(st, 3));
	x->url = lt_arena_strdup(a, lt_stmt_text(st, 4));
	x->url_canonical = lt_arena_strdup(a, lt_stmt_text(st, 5));
	x->hashtag = lt_arena_strdup(a, lt_stmt_text(st, 6));
	x->posted_on = lt_arena_strdup(a, lt_stmt_text(st, 7));
	x->views = lt_stmt_is_null(st, 8) ? -1 : lt_stmt_int(st, 8);
	x->unit.id = lt_stmt_int(st, 9);
	x->unit.code = lt_arena_strdup(a, lt_stmt_text(st, 10));
	x->unit.name = lt_arena_strdup(a, lt_stmt_text(st, 11));
	x->created_at = lt_stmt_int(st, 14);
	return 0;
}

int lt_contest_entries(lt_db *db, int64_t contest_id, const char *within, int64_t unit_id,
		       const char *category, const char *q, lt_arena *a, lt_contest_entry_row **v,
		       size_t *n, lt_error *e)
{
	lt_stmt *st = NULL;
	char end[LT_PATH_MAX];
	char *fold = NULL;
	int rc;

	*v = NULL;
	*n = 0;
	if (q && *q) {
		fold = lt_text_fold(q, strlen(q));
		if (!fold)
			return lt_error_set(e, LT_EINVAL, "q", "Từ khoá không phải UTF-8 hợp lệ",
					    "Search text is not valid UTF-8");
	}
	lt_tree_path_end(within, end);
	rc = lt_db_query(db,
			 ENTRY_COLS " WHERE x.contest_id = $1 AND u.path >= $2 AND u.path < $3"
			 " AND ($4 = 0 OR x.unit_id = $4) AND ($5 IS NULL OR x.category = $5)"
			 " ORDER BY x.posted_on DESC, x.id DESC",
			 &st, e, LT_I(contest_id), LT_T(within), LT_T(end), LT_I(unit_id),
			 LT_OT(category));
	if (rc)
		goto out;
	rc = lt_act_rows(st, a, sizeof(**v), entry_row, fold, (void **)v, n, e);
out:
	free(fold);
	return rc;
}

int lt_contest_entries_each(lt_db *db, int64_t contest_id, const char *within,
			    lt_contest_entry_fn fn, void *ctx, lt_error *e)
{
	lt_stmt *st = NULL;
	char end[LT_PATH_MAX];
	int rc;

	lt_tree_path_end(within, end);
	rc = lt_db_query(db,
			 ENTRY_COLS " WHERE x.contest_id = $1 AND u.path >= $2 AND u.path < $3"
			 " ORDER BY x.posted_on, x.id",
			 &st, e, LT_I(contest_id), LT_T(within), LT_T(end));
	while (!rc && (rc = lt_stmt_step(st, e)) == 1) {
		lt_contest_entry_row r;
		lt_arena a; /* one row's strings */
		lt_arena_init(&a);
		rc = entry_row(st, &a, &r, NULL, e);
		if (!rc && lt_arena_failed(&a))
			rc = lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
		if (!rc)
			rc = fn(&r, ctx, e);
		lt_arena_free(&a);
	}
	lt_stmt_done(st);
	return rc > 0 ? 0 : rc;
}
