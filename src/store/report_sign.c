/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * report_sign.c — the rows of report and directive signatures; see
 * report_sign.h. The two tables have the same columns but for the owner
 * (report_id, directive_id), the hash of what was signed (revision_sha256,
 * doc_sha256) and a directive's annex: one reader and one insert serve
 * both.
 */
#include "store/report_sign.h"

#include <string.h>

#include "store/unit_int.h" /* lt_store_grow */

#define SEAL_COLS "seal_name, seal_subject, seal_issuer, seal_serial, seal_not_after"
#define SIG_COLS(OWNER, HASH)                                                               \
	"id, " OWNER ", rev, " HASH ", signed_by, signer_name, position, signed_at,"         \
	" cert_subject, cert_issuer, cert_serial, cert_not_after, pdf_sha256, length(pdf), " \
	SEAL_COLS
/* COL, VAL: "", "" or DIRECTIVE_EXTRA, DIRECTIVE_VALS (a directive's annex). */
#define SIG_INSERT(TABLE, OWNER, HASH, COL, VAL, CONFLICT)                                  \
	"INSERT INTO " TABLE " (" OWNER ", rev, " HASH ", signed_by,"                        \
	" signer_name, position, signed_at, cert_subject, cert_issuer, cert_serial,"         \
	" cert_not_after, pdf, pdf_sha256, " SEAL_COLS COL ")"                               \
	" VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13,"                   \
	" $14, $15, $16, $17, $18" VAL ")"                                                   \
	" ON CONFLICT " CONFLICT " DO NOTHING RETURNING id"

#define REPORT_COLS SIG_COLS("report_id", "revision_sha256")
#define DIRECTIVE_COLS SIG_COLS("directive_id", "doc_sha256")
#define DIRECTIVE_EXTRA ", annex_pdf"
#define DIRECTIVE_VALS ", $19"
/* The seal's first column (SEAL_COLS, migrations 27 and 28), and the first after them. */
enum { SEAL_AT = 14, COMMON_N = SEAL_AT + 5 };

/* A row of SIG_COLS into *s; strings in a. */
static void read_sig(lt_stmt *st, lt_arena *a, lt_report_sig *s)
{
	memset(s, 0, sizeof(*s));
	s->id = lt_stmt_int(st, 0);
	s->report_id = lt_stmt_int(st, 1);
	s->rev = (int)lt_stmt_int(st, 2);
	s->revision_sha256 = lt_arena_strdup(a, lt_stmt_text(st, 3));
	s->signed_by = lt_stmt_is_null(st, 4) ? 0 : lt_stmt_int(st, 4);
	s->signer_name = lt_arena_strdup(a, lt_stmt_text(st, 5));
	s->position = lt_arena_strdup(a, lt_stmt_text(st, 6));
	s->signed_at = lt_stmt_int(st, 7);
	s->cert_subject = lt_arena_strdup(a, lt_stmt_text(st, 8));
	s->cert_issuer = lt_arena_strdup(a, lt_stmt_text(st, 9));
	s->cert_serial = lt_arena_strdup(a, lt_stmt_text(st, 10));
	s->cert_not_after = lt_stmt_int(st, 11);
	s->pdf_sha256 = lt_arena_strdup(a, lt_stmt_text(st, 12));
	s->pdf_len = (size_t)lt_stmt_int(st, 13);
	if (!lt_stmt_is_null(st, SEAL_AT)) {
		s->seal_name = lt_arena_strdup(a, lt_stmt_text(st, SEAL_AT));
		s->seal_subject = lt_arena_strdup(a, lt_stmt_text(st, SEAL_AT + 1));
		s->seal_issuer = lt_arena_strdup(a, lt_stmt_text(st, SEAL_AT + 2));
		s->seal_serial = lt_arena_strdup(a, lt_stmt_text(st, SEAL_AT + 3));
		s->seal_not_after = lt_stmt_int(st, SEAL_AT + 4);
	}
}

static int out_of_memory(lt_error *e)
{
	return lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
}

/*
 * Insert s by sql (SIG_INSERT: parameters 14 to 18 the seal, NULL when
 * none; for a directive, 19 the annex's PDF, may be NULL) as number rev: 1
 * stored (*id), 0 a conflict, < 0 error.
 */
static int add(lt_db *db, const char *sql, const lt_report_sig *s, int rev, bool directive,
	       int64_t *id, lt_error *e)
{
	bool seal = s->seal_name != NULL;
	lt_arg args[] = {
		LT_I(s->report_id), LT_I(rev), LT_T(s->revision_sha256), LT_ID(s->signed_by),
		LT_T(s->signer_name), LT_OT(s->position), LT_I(s->signed_at), LT_T(s->cert_subject),
		LT_T(s->cert_issuer), LT_T(s->cert_serial), LT_I(s->cert_not_after),
		LT_BLOB(s->pdf, s->pdf_len), LT_T(s->pdf_sha256),
		LT_OT(s->seal_name), LT_OT(s->seal_subject), LT_OT(s->seal_issuer),
		LT_OT(s->seal_serial), seal ? LT_I(s->seal_not_after) : LT_NULL,
		s->annex_pdf ? LT_BLOB(s->annex_pdf, s->annex_len) : LT_NULL,
	};

	*id = 0;
	return lt_db_int_args(db, sql, id, e, args, directive ? 19 : 18);
}

/* Column col of st (a BLOB, or NULL) copied into a: *len its size. */
static const uint8_t *blob(lt_stmt *st, int col, lt_arena *a, size_t *len)
{
	size_t n = 0;
	const void *p = lt_stmt_is_null(st, col) ? NULL : lt_stmt_blob(st, col, &n);
	uint8_t *copy = p && n ? lt_arena_alloc(a, n) : NULL;

	if (copy)
		memcpy(copy, p, n);
	*len = copy ? n : 0;
	return copy;
}

/*
 * The row of st (sql's first row: the PDF after the signature's columns and,
 * for a directive, the annex's after it) into *out; as lt_report_sig_get.
 */
static int get(lt_stmt *st, int rc, bool with_pdf, bool directive, lt_arena *a,
	       lt_report_sig *out, lt_error *e)
{
	if (rc == 1) {
		read_sig(st, a, out);
		if (with_pdf)
			out->pdf = blob(st, COMMON_N, a, &out->pdf_len);
		if (with_pdf && directive)
			out->annex_pdf = blob(st, COMMON_N + 1, a, &out->annex_len);
	}
	lt_stmt_done(st);
	if (rc == 1 && lt_arena_failed(a))
		return out_of_memory(e);
	return rc;
}

/* Every row of sql (SIG_COLS, bound to id) into *out. */
static int list(lt_db *db, const char *sql, int64_t id, lt_arena *a, lt_report_sig **out,
		size_t *n, lt_error *e)
{
	lt_stmt *st = NULL;
	lt_report_sig *v = NULL;
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	rc = lt_db_query(db, sql, &st, e, LT_I(id));
	if (rc)
		return rc;
	while ((rc = lt_stmt_step(st, e)) == 1) {
		v = lt_store_grow(a, v, *n, &cap, sizeof(*v));
		if (!v)
			break;
		read_sig(st, a, &v[(*n)++]);
	}
	lt_stmt_done(st);
	if (rc < 0)
		return rc;
	if (lt_arena_failed(a))
		return out_of_memory(e);
	*out = v;
	return 0;
}

int lt_report_sig_add(lt_db *db, const lt_report_sig *s, int64_t *id, lt_error *e)
{
	int rc = add(db,
		     SIG_INSERT("report_signature", "report_id", "revision_sha256", "", "",
				"(report_id, rev)"),
		     s, s->rev, false, id, e);

	if (rc == 0)
		return lt_error_set(e, LT_ECONFLICT, "rev", "Lần nộp %d đã được ký",
				    "Revision %d is signed already", s->rev);
	return rc < 0 ? rc : 0;
}

int lt_report_sig_get(lt_db *db, int64_t id, int rev, bool with_pdf, lt_arena *a,
		      lt_report_sig *out, lt_error *e)
{
	lt_stmt *st = NULL;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = lt_db_row(db, "SELECT " REPORT_COLS ", pdf FROM report_signature"
			   " WHERE report_id = $1 AND rev = $2",
		       &st, e, LT_I(id), LT_I(rev));
	return get(st, rc, with_pdf, false, a, out, e);
}

int lt_report_sig_list(lt_db *db, int64_t id, lt_arena *a, lt_report_sig **out, size_t *n,
		       lt_error *e)
{
	return list(db, "SELECT " REPORT_COLS " FROM report_signature WHERE report_id = $1"
			" ORDER BY rev",
		    id, a, out, n, e);
}

int lt_directive_sig_add(lt_db *db, const lt_report_sig *s, int64_t *id, int *rev, lt_error *e)
{
	int64_t next = 0;
	int rc = lt_db_int(db, "SELECT COALESCE(MAX(rev), 0) + 1 FROM directive_signature"
			       " WHERE directive_id = $1",
			   &next, e, LT_I(s->directive_id));

	if (rc == 1)
		rc = add(db,
			 SIG_INSERT("directive_signature", "directive_id", "doc_sha256", DIRECTIVE_EXTRA,
				    DIRECTIVE_VALS,
				    "(directive_id, doc_sha256)"),
			 s, (int)next, true, id, e);
	if (rc == 0)
		return lt_error_set(e, LT_ECONFLICT, "doc", "Nội dung này của công văn đã được ký",
				    "This version of the directive is signed already");
	if (rc > 0 && rev)
		*rev = (int)next;
	return rc < 0 ? rc : 0;
}

int lt_directive_sig_get(lt_db *db, int64_t id, const char *doc_sha256, int rev, bool with_pdf,
			 lt_arena *a, lt_report_sig *out, lt_error *e)
{
	lt_stmt *st = NULL;
	int rc;

	memset(out, 0, sizeof(*out));
	if (doc_sha256)
		rc = lt_db_row(db, "SELECT " DIRECTIVE_COLS ", pdf, annex_pdf FROM directive_signature"
				   " WHERE directive_id = $1 AND doc_sha256 = $2",
			       &st, e, LT_I(id), LT_T(doc_sha256));
	else
		rc = lt_db_row(db, "SELECT " DIRECTIVE_COLS ", pdf, annex_pdf FROM directive_signature"
				   " WHERE directive_id = $1 AND rev = $2",
			       &st, e, LT_I(id), LT_I(rev));
	return get(st, rc, with_pdf, true, a, out, e);
}

int lt_directive_sig_list(lt_db *db, int64_t id, lt_arena *a, lt_report_sig **out, size_t *n,
			  lt_error *e)
{
	return list(db, "SELECT " DIRECTIVE_COLS " FROM directive_signature"
			" WHERE directive_id = $1 ORDER BY rev",
		    id, a, out, n, e);
}
