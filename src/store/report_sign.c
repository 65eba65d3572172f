/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* report_sign.c — the rows of report signatures; see report_sign.h. */
#include "store/report_sign.h"

#include <string.h>

#include "store/unit_int.h" /* lt_store_grow */

#define SIG_COLS                                                                            \
	"id, report_id, rev, revision_sha256, signed_by, signer_name, position, signed_at,"  \
	" cert_subject, cert_issuer, cert_serial, cert_not_after, pdf_sha256, length(pdf)"

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
}

static int out_of_memory(lt_error *e)
{
	return lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
}

int lt_report_sig_add(lt_db *db, const lt_report_sig *s, int64_t *id, lt_error *e)
{
	int rc;

	*id = 0;
	rc = lt_db_int(db,
		       "INSERT INTO report_signature (report_id, rev, revision_sha256, signed_by,"
		       " signer_name, position, signed_at, cert_subject, cert_issuer, cert_serial,"
		       " cert_not_after, pdf, pdf_sha256)"
		       " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)"
		       " ON CONFLICT (report_id, rev) DO NOTHING RETURNING id",
		       id, e, LT_I(s->report_id), LT_I(s->rev), LT_T(s->revision_sha256),
		       LT_ID(s->signed_by), LT_T(s->signer_name), LT_OT(s->position),
		       LT_I(s->signed_at), LT_T(s->cert_subject), LT_T(s->cert_issuer),
		       LT_T(s->cert_serial), LT_I(s->cert_not_after), LT_BLOB(s->pdf, s->pdf_len),
		       LT_T(s->pdf_sha256));
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
	rc = lt_db_row(db, "SELECT " SIG_COLS ", pdf FROM report_signature"
			   " WHERE report_id = $1 AND rev = $2",
		       &st, e, LT_I(id), LT_I(rev));
	if (rc == 1) {
		read_sig(st, a, out);
		if (with_pdf) {
			size_t n = 0;
			const void *p = lt_stmt_blob(st, 14, &n);
			uint8_t *copy = n ? lt_arena_alloc(a, n) : NULL;
			if (copy)
				memcpy(copy, p, n);
			out->pdf = copy;
			out->pdf_len = n;
		}
	}
	lt_stmt_done(st);
	if (rc == 1 && lt_arena_failed(a))
		return out_of_memory(e);
	return rc;
}

int lt_report_sig_list(lt_db *db, int64_t id, lt_arena *a, lt_report_sig **out, size_t *n,
		       lt_error *e)
{
	lt_stmt *st = NULL;
	lt_report_sig *v = NULL;
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	rc = lt_db_query(db, "SELECT " SIG_COLS " FROM report_signature WHERE report_id = $1"
			     " ORDER BY rev",
			 &st, e, LT_I(id));
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
