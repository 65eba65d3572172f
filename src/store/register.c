/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* register.c — the registers of documents sent and received; see register.h. */
#include "store/register.h"

#include <jansson.h>
#include <string.h>
#include <time.h>

#include "core/clock.h"
#include "core/tree.h"
#include "store/store.h"
#include "store/unit.h"
#include "store/unit_int.h"

int lt_register_year(int64_t at)
{
	struct tm tm;

	lt_vn_tm(at, &tm);
	return tm.tm_year + 1900;
}

static bool direction_ok(const char *d)
{
	return d && (!strcmp(d, "in") || !strcmp(d, "out"));
}

/* Raise the counter of (unit, direction, year) by one: *seq is the new number. */
static int next_seq(lt_db *db, int64_t unit, const char *direction, int year, int64_t *seq,
		    lt_error *e)
{
	int rc = lt_db_int(db,
			   "INSERT INTO register_counter(unit_id, direction, year, last)"
			   " VALUES ($1, $2, $3, 1) ON CONFLICT (unit_id, direction, year)"
			   " DO UPDATE SET last = register_counter.last + 1 RETURNING last",
			   seq, e, LT_I(unit), LT_T(direction), LT_I(year));

	if (rc == 0)
		return lt_error_set(e, LT_EDB, NULL, "Không cấp được số đăng ký",
				    "Could not take a register number");
	return rc < 0 ? rc : 0;
}

int lt_register_add(lt_db *db, int64_t unit, const char *direction, int64_t at,
		    const lt_register_doc *d, int64_t *seq, lt_error *e)
{
	int year = lt_register_year(at);
	int64_t n = 0;
	int rc;

	if (!direction_ok(direction))
		return lt_error_set(e, LT_EINVAL, "direction", "Sổ là in (đến) hoặc out (đi)",
				    "The register is in or out");
	rc = next_seq(db, unit, direction, year, &n, e);
	if (!rc)
		rc = lt_db_run(db,
			       "INSERT INTO register_entry(unit_id, direction, year, seq, registered_at,"
			       " source, directive_id, report_id, rev, doc_number, doc_date, kind, subject,"
			       " party, party_unit_id, signer, deadline, copies, status) VALUES ($1, $2,"
			       " $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)",
			       e, LT_I(unit), LT_T(direction), LT_I(year), LT_I(n), LT_I(at),
			       LT_T(d->source), LT_ID(d->directive_id), LT_ID(d->report_id),
			       d->rev ? LT_I(d->rev) : LT_NULL, LT_OT(d->number), LT_OT(d->date),
			       LT_T(d->kind), LT_OT(d->subject), LT_OT(d->party), LT_ID(d->party_unit_id),
			       LT_OT(d->signer), LT_OT(d->deadline), LT_I(d->copies > 0 ? d->copies : 1),
			       LT_OT(d->status));
	if (!rc && seq)
		*seq = n;
	return rc;
}

/*
 * The register's "Người ký" of a directive: the signer's name from its
 * document (doc, borrowed JSON text), else the signer's title; NULL when
 * the letter names neither. In a.
 */
static const char *signer_of(const char *doc, lt_arena *a)
{
	json_t *j = doc ? json_loads(doc, 0, NULL) : NULL;
	json_t *s = json_object_get(j, "signer");
	const char *name = json_string_value(json_object_get(s, "name"));
	const char *title = json_string_value(json_object_get(s, "title"));
	const char *out = NULL;

	if (name && *name)
		out = lt_arena_strdup(a, name);
	else if (title && *title)
		out = lt_arena_strdup(a, title);
	json_decref(j);
	return out;
}

int lt_register_directive_issued(lt_db *db, int64_t id, int64_t at, lt_error *e)
{
	lt_register_doc d = { .source = "directive", .directive_id = id };
	lt_arena a;
	lt_stmt *st = NULL;
	int64_t issuer = 0;
	int year = lt_register_year(at);
	int rc;

	lt_arena_init(&a);
	rc = lt_db_row(db,
		       "SELECT d.issuer_id, d.number, d.date, d.kind, d.subject, d.report_deadline,"
		       " (SELECT count(*) FROM receipt r WHERE r.directive_id = d.id),"
		       " (SELECT min(x.name) FROM receipt r JOIN unit x ON x.id = r.unit_id"
		       "   WHERE r.directive_id = d.id HAVING count(*) = 1), d.doc"
		       " FROM directive d WHERE d.id = $1",
		       &st, e, LT_I(id));
	if (rc == 1) {
		issuer = lt_stmt_int(st, 0);
		d.number = lt_arena_strdup(&a, lt_stmt_text(st, 1));
		d.date = lt_arena_strdup(&a, lt_stmt_text(st, 2));
		d.kind = lt_arena_strdup(&a, lt_stmt_text(st, 3));
		d.subject = lt_arena_strdup(&a, lt_stmt_text(st, 4));
		d.deadline = lt_arena_strdup(&a, lt_stmt_text(st, 5));
		d.copies = (int)lt_stmt_int(st, 6);
		d.party = lt_arena_strdup(&a, lt_stmt_text(st, 7));
		d.signer = signer_of(lt_stmt_text(st, 8), &a);
	}
	lt_stmt_done(st);
	if (rc == 0)
		rc = lt_error_set(e, LT_ENOTFOUND, "id", "Không có công văn này", "No such directive");
	if (rc < 0)
		goto out;
	rc = lt_register_add(db, issuer, "out", at, &d, NULL, e);
	/* Every recipient at once: each has one receipt, so its counter rises by one
	 * and its entry takes the counter's new value. In unit order, so that two
	 * issues to overlapping units lock the counters in the same order. */
	if (!rc)
		rc = lt_db_run(db,
			       "INSERT INTO register_counter(unit_id, direction, year, last)"
			       " SELECT unit_id, 'in', $2, 1 FROM receipt WHERE directive_id = $1"
			       " ORDER BY unit_id"
			       " ON CONFLICT (unit_id, direction, year)"
			       " DO UPDATE SET last = register_counter.last + 1",
			       e, LT_I(id), LT_I(year));
	if (!rc)
		rc = lt_db_run(db,
			       "INSERT INTO register_entry(unit_id, direction, year, seq, registered_at,"
			       " source, directive_id, doc_number, doc_date, kind, subject, party,"
			       " party_unit_id, signer, deadline, copies)"
			       " SELECT r.unit_id, 'in', $2, c.last, $3, 'directive', d.id, d.number, d.date,"
			       " d.kind, d.subject, u.name, u.id, $4, d.report_deadline, 1"
			       " FROM receipt r JOIN directive d ON d.id = r.directive_id"
			       " JOIN unit u ON u.id = d.issuer_id"
			       " JOIN register_counter c ON c.unit_id = r.unit_id AND c.direction = 'in'"
			       "  AND c.year = $2"
			       " WHERE r.directive_id = $1",
			       e, LT_I(id), LT_I(year), LT_I(at), LT_OT(d.signer));
out:
	lt_arena_free(&a);
	return rc;
}

int lt_register_report_submitted(lt_db *db, int64_t id, int rev, int64_t at, lt_error *e)
{
	lt_register_doc d = { .source = "report", .report_id = id, .rev = rev, .kind = "report" };
	lt_arena a;
	lt_stmt *st = NULL;
	lt_unit parent;
	int64_t unit = 0, parent_id = 0, issuer = 0, to = 0;
	const char *unit_path = NULL, *unit_name = NULL, *issuer_path = NULL, *issuer_name = NULL;
	int rc;

	lt_arena_init(&a);
	rc = lt_db_row(db,
		       "SELECT p.unit_id, p.number, p.directive_id, d.subject, ru.name, ru.path,"
		       " ru.parent_id, iu.id, iu.path, iu.name FROM report p"
		       " JOIN directive d ON d.id = p.directive_id JOIN unit ru ON ru.id = p.unit_id"
		       " JOIN unit iu ON iu.id = d.issuer_id WHERE p.id = $1",
		       &st, e, LT_I(id));
	if (rc == 1) {
		unit = lt_stmt_int(st, 0);
		d.number = lt_arena_strdup(&a, lt_stmt_text(st, 1));
		d.directive_id = lt_stmt_int(st, 2);
		d.subject = lt_arena_strdup(&a, lt_stmt_text(st, 3));
		unit_name = lt_arena_strdup(&a, lt_stmt_text(st, 4));
		unit_path = lt_arena_strdup(&a, lt_stmt_text(st, 5));
		parent_id = lt_stmt_is_null(st, 6) ? 0 : lt_stmt_int(st, 6);
		issuer = lt_stmt_int(st, 7);
		issuer_path = lt_arena_strdup(&a, lt_stmt_text(st, 8));
		issuer_name = lt_arena_strdup(&a, lt_stmt_text(st, 9));
	}
	lt_stmt_done(st);
	if (rc == 0)
		rc = lt_error_set(e, LT_ENOTFOUND, "id", "Không có báo cáo này", "No such report");
	if (rc < 0)
		goto out;
	rc = 0;
	/* The report goes to the unit that asked for it when that unit is above. */
	if (issuer != unit && unit_path && issuer_path && lt_tree_path_under(unit_path, issuer_path)) {
		to = issuer;
		d.party = issuer_name;
	} else if (parent_id) {
		rc = lt_unit_get(db, parent_id, &a, &parent, e);
		to = parent_id;
		d.party = parent.name;
	}
	d.party_unit_id = to;
	if (!rc)
		rc = lt_register_add(db, unit, "out", at, &d, NULL, e);
	if (!rc && to) {
		d.party = unit_name;
		d.party_unit_id = unit;
		rc = lt_register_add(db, to, "in", at, &d, NULL, e);
	}
out:
	lt_arena_free(&a);
	return rc;
}

#define PAGE_SQL                                                                                  \
	"SELECT g.id, g.year, g.seq, g.registered_at, g.source, g.directive_id, g.report_id,"      \
	" g.rev, g.doc_number, g.doc_date, g.kind, g.subject, g.party, g.party_unit_id, g.signer," \
	" g.deadline, g.copies, g.status, r.opened_at, r.acknowledged_at, p.status, v.review,"     \
	" v.reviewed_at,"                                                                          \
	" CASE WHEN g.source = 'directive' AND g.direction = 'out' THEN"                           \
	"  (SELECT count(*) FROM receipt x WHERE x.directive_id = g.directive_id"                  \
	"   AND x.acknowledged_at IS NOT NULL) ELSE 0 END"                                         \
	" FROM register_entry g"                                                                   \
	" LEFT JOIN receipt r ON g.source = 'directive' AND g.direction = 'in'"                    \
	"  AND r.directive_id = g.directive_id AND r.unit_id = g.unit_id"                          \
	" LEFT JOIN report p ON g.source = 'directive' AND g.direction = 'in'"                     \
	"  AND p.directive_id = g.directive_id AND p.unit_id = g.unit_id"                          \
	" LEFT JOIN report_revision v ON g.source = 'report' AND v.report_id = g.report_id"        \
	"  AND v.rev = g.rev"                                                                      \
	" WHERE g.unit_id = $1 AND g.direction = $2 AND g.year = $3 AND g.seq > $4"                \
	" ORDER BY g.seq LIMIT $5"

static int64_t int_or_0(lt_stmt *st, int col)
{
	return lt_stmt_is_null(st, col) ? 0 : lt_stmt_int(st, col);
}

static void read_entry(lt_stmt *st, lt_arena *a, int64_t unit, const char *direction,
		       lt_register_entry *g)
{
	memset(g, 0, sizeof(*g));
	g->id = lt_stmt_int(st, 0);
	g->unit_id = unit;
	g->direction = direction;
	g->year = (int)lt_stmt_int(st, 1);
	g->seq = lt_stmt_int(st, 2);
	g->registered_at = lt_stmt_int(st, 3);
	g->doc.source = lt_arena_strdup(a, lt_stmt_text(st, 4));
	g->doc.directive_id = int_or_0(st, 5);
	g->doc.report_id = int_or_0(st, 6);
	g->doc.rev = (int)int_or_0(st, 7);
	g->doc.number = lt_arena_strdup(a, lt_stmt_text(st, 8));
	g->doc.date = lt_arena_strdup(a, lt_stmt_text(st, 9));
	g->doc.kind = lt_arena_strdup(a, lt_stmt_text(st, 10));
	g->doc.subject = lt_arena_strdup(a, lt_stmt_text(st, 11));
	g->doc.party = lt_arena_strdup(a, lt_stmt_text(st, 12));
	g->doc.party_unit_id = int_or_0(st, 13);
	g->doc.signer = lt_arena_strdup(a, lt_stmt_text(st, 14));
	g->doc.deadline = lt_arena_strdup(a, lt_stmt_text(st, 15));
	g->doc.copies = (int)lt_stmt_int(st, 16);
	g->doc.status = lt_arena_strdup(a, lt_stmt_text(st, 17));
	g->opened_at = int_or_0(st, 18);
	g->acknowledged_at = int_or_0(st, 19);
	g->report_status = lt_arena_strdup(a, lt_stmt_text(st, 20));
	g->review = lt_arena_strdup(a, lt_stmt_text(st, 21));
	g->reviewed_at = int_or_0(st, 22);
	g->acknowledged = lt_stmt_int(st, 23);
}

int lt_register_page(lt_db *db, int64_t unit, const char *direction, int year, int64_t after_seq,
		     int limit, lt_arena *a, lt_register_entry **items, size_t *n, lt_error *e)
{
	lt_stmt *st = NULL;
	lt_register_entry *arr = NULL;
	const char *dir = direction && !strcmp(direction, "in") ? "in" : "out";
	size_t cnt = 0, cap = 0;
	int rc;

	*items = NULL;
	*n = 0;
	if (!direction_ok(direction))
		return lt_error_set(e, LT_EINVAL, "direction", "Sổ là in (đến) hoặc out (đi)",
				    "The register is in or out");
	rc = lt_db_query(db, PAGE_SQL, &st, e, LT_I(unit), LT_T(dir), LT_I(year), LT_I(after_seq),
			 LT_I(limit));
	if (rc)
		return rc;
	while ((rc = lt_stmt_step(st, e)) == 1) {
		arr = lt_store_grow(a, arr, cnt, &cap, sizeof(*arr));
		if (!arr) {
			rc = lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
			break;
		}
		read_entry(st, a, unit, dir, &arr[cnt++]);
	}
	lt_stmt_done(st);
	if (rc < 0)
		return rc;
	if (lt_arena_failed(a))
		return lt_error_set(e, LT_ENOMEM, NULL, "Hết bộ nhớ", "Out of memory");
	*items = arr;
	*n = cnt;
	return 0;
}
