/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * migrations.c — schema versions, applied in order by lt_store_migrate:
 * the list of them, and versions 6 on (1 to 5, the first schema, are in
 * migrations_base.c).
 *
 * Conventions: dates of the business calendar are ISO TEXT 'YYYY-MM-DD';
 * instants are BIGINT seconds since the epoch; *_fold columns hold the
 * search fold (text/fold.h) of the column they shadow.
 *
 * The union tree keeps history in unit_version: one row per period in which
 * a unit had a given name, parent and materialised path. valid_from is
 * inclusive, valid_to exclusive (NULL = still current). A subtree as it
 * stood on day D is one range scan on (path) filtered by the period.
 */
#include "store/migrations.h"
#include "store/migrations_int.h"

#include "store/activity_count.h"
#include "store/figure_total.h"
#include "store/report_level.h"

/* Version 6: an image is found by hash when an item lets it go, so that
 * images no item shows are not kept. */
static const char m006_photo_hash[] =
	"CREATE INDEX activity_photo_hash ON activity_photo(hash);"
	"DELETE FROM photo WHERE NOT EXISTS"
	" (SELECT 1 FROM activity_photo ap WHERE ap.hash = photo.hash);";

/*
 * Version 7: a mail is claimed before it is sent (app/mail.c). claimed_by is
 * the claimer's token, claimed_until the end of its lease: a claim whose
 * process died comes back once the lease has passed.
 */
static const char m007_mail_claim[] =
	"ALTER TABLE mail_queue ADD COLUMN claimed_by TEXT;"
	"ALTER TABLE mail_queue ADD COLUMN claimed_until BIGINT;";

/*
 * Version 8: an officer's topic rule has the scope of the unit that made it
 * (issue 13): it applies to messages received in that unit's subtree. NULL
 * is the whole tree (a rule made at the console). The rules made before had
 * no scope and applied everywhere: they become the root's (the oldest root,
 * the tree's top when there is one).
 */
static const char m008_rule_scope[] =
	"ALTER TABLE feedback_rule ADD COLUMN unit_id BIGINT REFERENCES unit(id);"
	"UPDATE feedback_rule SET unit_id ="
	" (SELECT id FROM unit WHERE parent_id IS NULL ORDER BY id LIMIT 1);"
	"CREATE INDEX feedback_rule_unit ON feedback_rule(unit_id);";

/*
 * Version 9: the login throttle of issue 13 (app/auth.c). Counters per
 * (login, address) and per address with growing delays replace the list of
 * failures; login_known remembers from which address a login succeeded, so
 * that an address's counter never slows a login it knows.
 */
static const char m009_login_throttle[] =
	"DROP TABLE login_failure;"
	"CREATE TABLE login_throttle ("
	"  kind TEXT NOT NULL CHECK (kind IN ('pair', 'address')),"
	"  login TEXT NOT NULL,"
	"  ip TEXT NOT NULL,"
	"  failures INTEGER NOT NULL,"
	"  blocked_until BIGINT NOT NULL,"
	"  updated_at BIGINT NOT NULL,"
	"  PRIMARY KEY (kind, login, ip));"
	"CREATE INDEX login_throttle_updated ON login_throttle(updated_at);"
	"CREATE TABLE login_known ("
	"  login TEXT NOT NULL,"
	"  ip TEXT NOT NULL,"
	"  last_ok BIGINT NOT NULL,"
	"  PRIMARY KEY (login, ip));"
	"CREATE INDEX login_known_last ON login_known(last_ok);";

/*
 * Bounded reads at national scale (issue 10): the figures of a directive
 * read from one covering index (no table lookups in roll-ups and the
 * figures summary's totals).
 */
static const char m010_bounded_reads[] =
	"CREATE INDEX indicator_value_cover ON indicator_value(directive_id, unit_id, code, value,"
	" updated_at);";

/*
 * Version 11: a link check is claimed with a lease, as mail is (version 7):
 * with two servers on one database, the one that starts must not put back
 * the checks the other is running, only those whose lease has passed.
 */
static const char m011_linkcheck_lease[] =
	"ALTER TABLE link_check ADD COLUMN claimed_until BIGINT;";

/*
 * Version 12: signed reports (issue 15). A signature belongs to one
 * revision of a report: the revision's hash as the footer printed it, the
 * signed PDF as it left the token (the rendered revision followed by the
 * incremental update), who signed it as lantoa knows them and as the
 * certificate names them. A later revision has no row until it is signed.
 */
static const char m012_report_signature[] =
	"CREATE TABLE report_signature ("
	"  id {{ID}},"
	"  report_id BIGINT NOT NULL REFERENCES report(id),"
	"  rev INTEGER NOT NULL,"
	"  revision_sha256 TEXT NOT NULL,"
	"  signed_by BIGINT,"
	"  signer_name TEXT NOT NULL,"
	"  position TEXT,"
	"  signed_at BIGINT NOT NULL,"
	"  cert_subject TEXT NOT NULL,"
	"  cert_issuer TEXT NOT NULL,"
	"  cert_serial TEXT NOT NULL,"
	"  cert_not_after BIGINT NOT NULL,"
	"  pdf BLOB NOT NULL,"
	"  pdf_sha256 TEXT NOT NULL,"
	"  UNIQUE (report_id, rev));";

/*
 * Version 13: every list paged (issue 10): the inbox read in its order (a unit's
 * receipts newest first) and the issued box (drafts, then issued ones, by
 * date and id) along an index, from the cursor's key.
 */
static const char m013_paged_lists[] =
	"CREATE INDEX receipt_unit_order ON receipt(unit_id, received_at, directive_id);"
	"CREATE INDEX directive_status_date ON directive(status, (COALESCE(date, '')), id);";

/*
 * Version 14: the worker's verdict on a published answer (issue 12, as
 * FixMyStreet asks "was it fixed?"): fixed / partly / not_fixed, when, and
 * reopened_at while a case the worker reopened waits on its handler's
 * to-do list (cleared by the handler's next step).
 */
static const char m014_feedback_verdict[] =
	"ALTER TABLE feedback ADD COLUMN verdict TEXT"
	" CHECK (verdict IN ('fixed', 'partly', 'not_fixed'));"
	"ALTER TABLE feedback ADD COLUMN verdict_at BIGINT;"
	"ALTER TABLE feedback ADD COLUMN reopened_at BIGINT;"
	"CREATE INDEX feedback_reopened ON feedback(handler_unit_id, reopened_at);";

/*
 * Version 15: http:// and https:// of one page are one link (net/url.c now
 * writes https unless an http link names its own port). Stored canonical
 * links follow; a row whose https twin already exists where links are
 * unique (contest entries, the link-check cache) keeps its old form, or,
 * for the cache, goes (it is refilled by the next check).
 */
#define M015_HTTPS(t) \
	"UPDATE " t " SET url_canonical = 'https://' || substr(url_canonical, 8)" \
	" WHERE url_canonical LIKE 'http://%' AND url_canonical NOT LIKE 'http://%:%'"
static const char m015_https_links[] =
	M015_HTTPS("activity") ";"
	M015_HTTPS("link_kit_item") ";"
	M015_HTTPS("contest_entry") " AND NOT EXISTS (SELECT 1 FROM contest_entry c"
	" WHERE c.contest_id = contest_entry.contest_id"
	" AND c.url_canonical = 'https://' || substr(contest_entry.url_canonical, 8));"
	M015_HTTPS("link_check") " AND NOT EXISTS (SELECT 1 FROM link_check c"
	" WHERE c.url_canonical = 'https://' || substr(link_check.url_canonical, 8));"
	"DELETE FROM link_check WHERE url_canonical LIKE 'http://%'"
	" AND url_canonical NOT LIKE 'http://%:%';";
#undef M015_HTTPS

/*
 * The roll-up kept current (store/rollup_keep.c): rollup_total holds, per
 * directive, unit, basis (0 accepted, 1 accepted or submitted) and
 * indicator, the figures of the unit's strict subtree as it stood on the
 * directive's reference day (the unit's own figures are added when read);
 * rollup_count the completeness of the unit's subtree, itself included.
 * rollup_lock is the row every upkeep of a directive takes first (and
 * counts its writes in): writers of one directive queue there instead of
 * meeting in a different order on the rows of their common ancestors.
 * rollup_stale lists the directives whose rows are not built yet: every
 * directive of an existing database, filled by the first read or write
 * (or `lantoa rollup verify --repair`) with the builder of rollup_build.c.
 */
static const char m016_rollup_kept[] =
	"CREATE TABLE rollup_total ("
	"  directive_id BIGINT NOT NULL,"
	"  unit_id BIGINT NOT NULL,"
	"  basis INTEGER NOT NULL,"
	"  code TEXT NOT NULL,"
	"  value DOUBLE PRECISION NOT NULL,"
	"  units BIGINT NOT NULL,"
	"  at BIGINT NOT NULL,"
	"  PRIMARY KEY (directive_id, unit_id, basis, code));"
	"CREATE TABLE rollup_count ("
	"  directive_id BIGINT NOT NULL,"
	"  unit_id BIGINT NOT NULL,"
	"  expected BIGINT NOT NULL,"
	"  on_time BIGINT NOT NULL,"
	"  late BIGINT NOT NULL,"
	"  PRIMARY KEY (directive_id, unit_id));"
	"CREATE TABLE rollup_stale (directive_id BIGINT PRIMARY KEY);"
	"CREATE TABLE rollup_lock (directive_id BIGINT PRIMARY KEY, writes BIGINT NOT NULL);"
	"INSERT INTO rollup_stale(directive_id) SELECT id FROM directive;";

/*
 * Version 18: edXML messages received (issue 15, QCVN 102:2016): a directive
 * created from one, a report attached to the directive it answers, a
 * processing status; with what the message said that lantoa's own rows do not
 * keep (the sender's organ code, the priority, the due date, the status code)
 * and its attachment as it came.
 */
static const char m018_edxml[] =
	"CREATE TABLE edxml_message ("
	"  id {{ID}},"
	"  kind TEXT NOT NULL CHECK (kind IN ('directive', 'report', 'status')),"
	"  document_id TEXT NOT NULL,"
	"  directive_id BIGINT NOT NULL REFERENCES directive(id),"
	"  unit_id BIGINT NOT NULL REFERENCES unit(id),"
	"  from_organ TEXT NOT NULL,"
	"  priority INTEGER NOT NULL DEFAULT 0,"
	"  due_date TEXT,"
	"  status_code TEXT,"
	"  file_name TEXT,"
	"  file_type TEXT,"
	"  file BLOB,"
	"  file_sha256 TEXT,"
	"  imported_by BIGINT,"
	"  imported_at BIGINT NOT NULL);"
	"CREATE INDEX edxml_message_directive ON edxml_message(directive_id, unit_id, kind, id);"
	"CREATE INDEX edxml_message_document ON edxml_message(document_id);";

/*
 * Version 19: a contest is a real record an officer fills in (issue 12,
 * defect 4): its rules, the entry period (ISO dates, inclusive), the kinds
 * of entry it takes ("writing", "video" or both, comma-separated) and an
 * optional prize line; updated_at when it was last edited. The catalogue
 * gains "Số suất quà Tết" (gift packages, counted apart from the people who
 * received them), the figure cadres type and did not find (defect 5); it is
 * not in the Tết default set, so no directive's set changes.
 */
static const char m019_contest_details[] =
	"ALTER TABLE contest ADD COLUMN rules TEXT;"
	"ALTER TABLE contest ADD COLUMN starts_on TEXT;"
	"ALTER TABLE contest ADD COLUMN ends_on TEXT;"
	"ALTER TABLE contest ADD COLUMN kinds TEXT NOT NULL DEFAULT 'writing,video';"
	"ALTER TABLE contest ADD COLUMN prize TEXT;"
	"ALTER TABLE contest ADD COLUMN updated_at BIGINT;"
	"INSERT INTO indicator(code, pos, name_vi, name_en, measure, aggregation, rules, tet_default)"
	" VALUES ('gift_packages', 75, 'Số suất quà Tết', 'Tết gift packages', 'items', 'sum', '{}', 0);";

/*
 * Version 17: the registers of documents sent and received (sổ đăng ký văn
 * bản đi / đến, Nghị định 30/2020 Phụ lục IV). register_counter holds the
 * last number given per unit, direction and calendar year (Vietnam time);
 * an entry takes the next one in the transaction that sends or receives the
 * document, so a rollback gives the number back and the numbers stay gap-free.
 * The entry keeps the document as it was registered; its status is read
 * from the receipt, report or revision it points at.
 *
 * The backfill numbers what already happened in time order: each issued
 * directive (out for its issuer, in for each recipient) and each submitted
 * report revision (out for the unit, in for the directive's issuer when it
 * is above the unit, else the parent). The year of an instant is the civil
 * year of its Vietnam day (UTC+7), computed with integers (H. Hinnant's
 * days_from_civil inverse) so that one statement serves both databases.
 */
static const char m017_registers[] =
	"CREATE TABLE register_counter ("
	"  unit_id BIGINT NOT NULL REFERENCES unit(id),"
	"  direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),"
	"  year INTEGER NOT NULL,"
	"  last BIGINT NOT NULL,"
	"  PRIMARY KEY (unit_id, direction, year));"
	"CREATE TABLE register_entry ("
	"  id {{ID}},"
	"  unit_id BIGINT NOT NULL REFERENCES unit(id),"
	"  direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),"
	"  year INTEGER NOT NULL,"
	"  seq BIGINT NOT NULL,"
	"  registered_at BIGINT NOT NULL,"
	"  source TEXT NOT NULL CHECK (source IN ('directive', 'report', 'edxml', 'other')),"
	"  directive_id BIGINT REFERENCES directive(id),"
	"  report_id BIGINT REFERENCES report(id),"
	"  rev INTEGER,"
	"  doc_number TEXT,"
	"  doc_date TEXT,"
	"  kind TEXT NOT NULL,"
	"  subject TEXT,"
	"  party TEXT,"
	"  party_unit_id BIGINT REFERENCES unit(id),"
	"  signer TEXT,"
	"  deadline TEXT,"
	"  copies INTEGER NOT NULL DEFAULT 1,"
	"  status TEXT,"
	"  UNIQUE (unit_id, direction, year, seq));"
	"CREATE INDEX register_entry_directive ON register_entry(directive_id);"
	"CREATE INDEX register_entry_report ON register_entry(report_id, rev);"
	"WITH rp AS ("
	"  SELECT v.id AS vid, v.rev, v.submitted_at, p.id AS pid, p.unit_id, p.number,"
	"    d.id AS did, d.subject, ru.name AS rname,"
	"    CASE WHEN ru.id <> iu.id AND substr(ru.path, 1, length(iu.path)) = iu.path"
	"      THEN iu.id ELSE ru.parent_id END AS to_id"
	"  FROM report_revision v JOIN report p ON p.id = v.report_id"
	"  JOIN directive d ON d.id = p.directive_id JOIN unit ru ON ru.id = p.unit_id"
	"  JOIN unit iu ON iu.id = d.issuer_id),"
	" ev AS ("
	"  SELECT d.issuer_id AS unit_id, 'out' AS direction, d.issued_at AS at, 1 AS ord,"
	"    d.id AS src, 'directive' AS source, d.id AS directive_id,"
	"    CAST(NULL AS BIGINT) AS report_id, CAST(NULL AS INTEGER) AS rev, d.number,"
	"    d.date AS doc_date, d.kind, d.subject,"
	"    (SELECT min(x.name) FROM receipt r JOIN unit x ON x.id = r.unit_id"
	"      WHERE r.directive_id = d.id HAVING count(*) = 1) AS party,"
	"    CAST(NULL AS BIGINT) AS party_unit_id, d.report_deadline AS deadline,"
	"    (SELECT count(*) FROM receipt r WHERE r.directive_id = d.id) AS copies"
	"  FROM directive d WHERE d.status = 'issued' AND d.issued_at IS NOT NULL"
	"  UNION ALL"
	"  SELECT r.unit_id, 'in', r.received_at, 2, d.id, 'directive', d.id,"
	"    CAST(NULL AS BIGINT), CAST(NULL AS INTEGER), d.number, d.date, d.kind, d.subject,"
	"    u.name, u.id, d.report_deadline, 1"
	"  FROM receipt r JOIN directive d ON d.id = r.directive_id"
	"  JOIN unit u ON u.id = d.issuer_id"
	"  UNION ALL"
	"  SELECT rp.unit_id, 'out', rp.submitted_at, 3, rp.vid, 'report', rp.did, rp.pid, rp.rev,"
	"    rp.number, CAST(NULL AS TEXT), 'report', rp.subject, t.name, t.id,"
	"    CAST(NULL AS TEXT), 1"
	"  FROM rp LEFT JOIN unit t ON t.id = rp.to_id"
	"  UNION ALL"
	"  SELECT rp.to_id, 'in', rp.submitted_at, 4, rp.vid, 'report', rp.did, rp.pid, rp.rev,"
	"    rp.number, CAST(NULL AS TEXT), 'report', rp.subject, rp.rname, rp.unit_id,"
	"    CAST(NULL AS TEXT), 1"
	"  FROM rp WHERE rp.to_id IS NOT NULL),"
	" e1 AS (SELECT ev.*, (at + 25200) / 86400 + 719468 AS z FROM ev),"
	" e2 AS (SELECT e1.*, z / 146097 AS era, z - (z / 146097) * 146097 AS doe FROM e1),"
	" e3 AS (SELECT e2.*, (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365 AS yoe FROM e2),"
	" e4 AS (SELECT e3.*, doe - (365 * yoe + yoe / 4 - yoe / 100) AS doy FROM e3),"
	" ey AS (SELECT e4.*, yoe + era * 400"
	"   + CASE WHEN (5 * doy + 2) / 153 >= 10 THEN 1 ELSE 0 END AS yr FROM e4)"
	" INSERT INTO register_entry(unit_id, direction, year, seq, registered_at, source,"
	"  directive_id, report_id, rev, doc_number, doc_date, kind, subject, party,"
	"  party_unit_id, deadline, copies)"
	" SELECT unit_id, direction, yr,"
	"  ROW_NUMBER() OVER (PARTITION BY unit_id, direction, yr ORDER BY at, ord, src),"
	"  at, source, directive_id, report_id, rev, number, doc_date, kind, subject, party,"
	"  party_unit_id, deadline, copies FROM ey;"
	"INSERT INTO register_counter(unit_id, direction, year, last)"
	" SELECT unit_id, direction, year, max(seq) FROM register_entry"
	" GROUP BY unit_id, direction, year;";

/*
 * Version 20: forgotten passwords and the daily digest (issue 12). A reset
 * token is mailed; only its SHA-256 is kept, with when it ends and when it
 * was used (single use). A user may ask for a daily e-mail of its to-do
 * list (off by default); digest_day is the last (Vietnam) day one was
 * queued, so that no day gets two.
 */
static const char m020_reset_digest[] =
	"CREATE TABLE password_reset ("
	"  token_hash TEXT PRIMARY KEY,"
	"  user_id BIGINT NOT NULL REFERENCES app_user(id),"
	"  created_at BIGINT NOT NULL,"
	"  expires_at BIGINT NOT NULL,"
	"  used_at BIGINT);"
	"CREATE INDEX password_reset_user ON password_reset(user_id);"
	"ALTER TABLE app_user ADD COLUMN digest INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE app_user ADD COLUMN digest_day TEXT;";

/*
 * Version 21: the activity list's counts kept by the writes (issue 10):
 * per directive × unit × channel, the unit's own items and originals and
 * its subtree's; filled from the items (see store/activity_count.h).
 */
static const char m021_activity_count[] = LT_ACTIVITY_COUNT_SCHEMA;

/*
 * Version 22: the units an edXML message was addressed to (issue 15), so
 * that an officer finds the messages addressed to his subtree. Backfill:
 * a directive or report was entered in the incoming register of each unit
 * it was addressed to, at its import time; a status goes to the directive's
 * issuing side. And whether a status changed lantoa's receipt or report
 * (applied 1/0, NULL: not a status; not_applied: why not, "vi / en"); the
 * statuses before it changed nothing (0).
 */
static const char m022_edxml_recipient[] =
	"CREATE TABLE edxml_recipient ("
	"  message_id BIGINT NOT NULL REFERENCES edxml_message(id) ON DELETE CASCADE,"
	"  unit_id BIGINT NOT NULL REFERENCES unit(id),"
	"  PRIMARY KEY (message_id, unit_id));"
	"CREATE INDEX edxml_recipient_unit ON edxml_recipient(unit_id, message_id);"
	"INSERT INTO edxml_recipient(message_id, unit_id)"
	" SELECT DISTINCT m.id, g.unit_id FROM edxml_message m JOIN register_entry g"
	"  ON g.source = 'edxml' AND g.direction = 'in' AND g.directive_id = m.directive_id"
	"  AND g.registered_at = m.imported_at WHERE m.kind <> 'status';"
	"INSERT INTO edxml_recipient(message_id, unit_id)"
	" SELECT m.id, d.issuer_id FROM edxml_message m JOIN directive d ON d.id = m.directive_id"
	" WHERE m.kind = 'status';"
	"ALTER TABLE edxml_message ADD COLUMN applied INTEGER;"
	"ALTER TABLE edxml_message ADD COLUMN not_applied TEXT;"
	"UPDATE edxml_message SET applied = 0,"
	" not_applied = 'nhập trước khi trạng thái được áp dụng / imported before statuses applied'"
	" WHERE kind = 'status';";

/*
 * Version 23: the figures summary's totals kept by the writes (issue 10):
 * per directive × unit × indicator, the sum, largest value and count of the
 * recipients' values in the unit's strict subtree (store/figure_total.h).
 * Built per directive from the figures on its first read.
 */
static const char m023_figure_total[] = LT_FIGURE_TOTAL_SCHEMA;

/*
 * Version 25: the report page's level (recipients strictly under a unit by
 * their report's state) kept per directive and unit (store/report_level.h),
 * instead of a walk of the unit's subtree per request; filled from the
 * receipts and reports.
 */
static const char m025_report_state[] = LT_REPORT_STATE_SCHEMA;

/*
 * Version 26: signed directives (issue 15). A directive's signature belongs
 * to one version of its document, named by the SHA-256 of the document's
 * JSON text: the signed PDF as it left the token, who signed it, and the
 * signed annex (the list of recipient units) when the directive has one. A draft
 * edited after signing no longer matches its signature's hash and needs a
 * new one; the earlier row stays, numbered (rev), as a report's earlier
 * revisions keep theirs.
 */
static const char m026_directive_signature[] =
	"CREATE TABLE directive_signature ("
	"  id {{ID}},"
	"  directive_id BIGINT NOT NULL REFERENCES directive(id),"
	"  rev INTEGER NOT NULL,"
	"  doc_sha256 TEXT NOT NULL,"
	"  signed_by BIGINT,"
	"  signer_name TEXT NOT NULL,"
	"  position TEXT,"
	"  signed_at BIGINT NOT NULL,"
	"  cert_subject TEXT NOT NULL,"
	"  cert_issuer TEXT NOT NULL,"
	"  cert_serial TEXT NOT NULL,"
	"  cert_not_after BIGINT NOT NULL,"
	"  pdf BLOB NOT NULL,"
	"  pdf_sha256 TEXT NOT NULL,"
	"  annex_pdf BLOB,"
	"  UNIQUE (directive_id, rev),"
	"  UNIQUE (directive_id, doc_sha256));";

/*
 * Version 27: the agency's signature of a directive (chữ ký số của cơ quan,
 * Nghị định 30/2020): the certificate of the key that sealed the signed PDF
 * after the signer and signed its annex; NULL where the agency did not sign.
 */
static const char m027_directive_seal[] =
	"ALTER TABLE directive_signature ADD COLUMN seal_name TEXT;"
	"ALTER TABLE directive_signature ADD COLUMN seal_subject TEXT;"
	"ALTER TABLE directive_signature ADD COLUMN seal_issuer TEXT;"
	"ALTER TABLE directive_signature ADD COLUMN seal_serial TEXT;"
	"ALTER TABLE directive_signature ADD COLUMN seal_not_after BIGINT;";

/*
 * Version 28: the agency's signature of a report, as version 27 for a
 * directive: the certificate of the key that sealed the signed PDF after
 * the signer; NULL where the agency did not sign (a grassroots union with
 * no agency key signs with the person's key alone).
 */
static const char m028_report_seal[] =
	"ALTER TABLE report_signature ADD COLUMN seal_name TEXT;"
	"ALTER TABLE report_signature ADD COLUMN seal_subject TEXT;"
	"ALTER TABLE report_signature ADD COLUMN seal_issuer TEXT;"
	"ALTER TABLE report_signature ADD COLUMN seal_serial TEXT;"
	"ALTER TABLE report_signature ADD COLUMN seal_not_after BIGINT;";

/*
 * Version 29: a unit's count of open children (UNIT_COLS: every unit list
 * and page) read from the index alone: (parent_id, active_to) in place of
 * (parent_id), whose every entry cost a lookup of the child's row for
 * active_to. The first 50 units of the national tree have 143 children:
 * the statement took 106 µs, then 56 µs (issue 10, P1).
 */
static const char m029_unit_children[] =
	"CREATE INDEX unit_parent_open ON unit(parent_id, active_to);"
	"DROP INDEX unit_parent;";

/*
 * Version 30: the feedback model's stamp, a random token written with every
 * new or updated model: a server keeps the copy it parsed (1.2 MB, tens of
 * milliseconds) for as long as the stamp it was parsed from is the stored one,
 * and no other node's write can leave it a stale copy with the same stamp.
 */
static const char m030_model_stamp[] =
	"ALTER TABLE feedback_model ADD COLUMN stamp TEXT NOT NULL DEFAULT '';"
	"UPDATE feedback_model SET stamp = 'm030';";

/*
 * Version 31: the feedback model keeps only what confirmations changed
 * (issue 10): one row per feature whose weights a confirmation moved, with
 * the sums of the increments of the eight outputs (w0..w6 the topics, w7
 * urgency) and the biases as feature 0, so that a confirmation writes a few
 * dozen rows instead of the whole 1.2 MB model. The head row says which
 * shipped model the rows add to (base, its id) and counts the versions; a
 * reader applies only the rows of versions it has not seen. A whole copy
 * written by an older lantoa stays in the head's blob: the rows add to it
 * until a training replaces it (app/feedback_model.c). The feature is the
 * key as {{ID}} (64 bits; never generated: every insert gives it), which on
 * SQLite makes it the rowid: the rows are the table's b-tree, no second index.
 */
static const char m031_model_rows[] =
	"CREATE TABLE feedback_model_row ("
	"  feature {{ID}},"
	"  idf DOUBLE PRECISION NOT NULL,"
	"  w0 DOUBLE PRECISION NOT NULL,"
	"  w1 DOUBLE PRECISION NOT NULL,"
	"  w2 DOUBLE PRECISION NOT NULL,"
	"  w3 DOUBLE PRECISION NOT NULL,"
	"  w4 DOUBLE PRECISION NOT NULL,"
	"  w5 DOUBLE PRECISION NOT NULL,"
	"  w6 DOUBLE PRECISION NOT NULL,"
	"  w7 DOUBLE PRECISION NOT NULL,"
	"  version BIGINT NOT NULL);"
	"CREATE INDEX feedback_model_row_version ON feedback_model_row(version);"
	"ALTER TABLE feedback_model ADD COLUMN version BIGINT NOT NULL DEFAULT 0;"
	"ALTER TABLE feedback_model ADD COLUMN base BIGINT NOT NULL DEFAULT 0;";

/*
 * Version 32: feedback at national size (a million messages). A unit's
 * messages by time carry the columns the summary counts (topics, status,
 * urgency, deadline, case), so that a subtree's summary reads the index
 * alone, unit by unit; it replaces feedback(unit_id, received_at), its
 * prefix. Each status's messages by time, with their deadline: the overdue
 * ones of a large subtree newest first without reading the others
 * (store/feedback_list.c).
 */
static const char m032_feedback_scale[] =
	"CREATE INDEX feedback_unit_summary ON feedback(unit_id, received_at, topics, status,"
	" urgent, due_at, case_id);"
	"DROP INDEX feedback_unit;"
	"CREATE INDEX feedback_status_time ON feedback(status, received_at, due_at);";

/*
 * Version 33: a session's opening to the microsecond. A login keeps the
 * user's 20 newest sessions; by the second alone, a burst of logins in one
 * second kept an arbitrary 20 of them (the session table's order was the
 * token's hash), and the oldest could outlive newer ones.
 */
static const char m033_session_order[] =
	"ALTER TABLE session ADD COLUMN created_us BIGINT NOT NULL DEFAULT 0;"
	"UPDATE session SET created_us = created_at * 1000000;";

/*
 * Version 34: the messages whose topics a cadre confirmed, by themselves:
 * the model's page counts them and a training reads them, which scanned a
 * national union's million messages for a few thousand (0.4 s a read).
 */
static const char m034_confirmed[] =
	"CREATE INDEX feedback_confirmed ON feedback(id) WHERE topics_source = 'cadre';";

/*
 * Version 35: the roll-up keeps the activity items' counts too (per theme,
 * channel and day, and the repeats of links: store/rollup_items.c). Every
 * directive is built again on its first read or write.
 */
static const char m035_rollup_items[] =
	"DELETE FROM rollup_stale;"
	"INSERT INTO rollup_stale(directive_id) SELECT id FROM directive;";

const lt_migration lt_migrations[] = {
	{ 1, "union tree, users, sessions, audit", lt_m001_tree_users },
	{ 2, "directives, themes, receipts", lt_m002_directives },
	{ 3, "feedback", lt_m003_feedback },
	{ 4, "activities, indicators, contests, link kits", lt_m004_activities },
	{ 5, "reports, revisions, mail queue, reminders, campaign series", lt_m005_reports },
	{ 6, "photo lookup by hash; drop images no item shows", m006_photo_hash },
	{ 7, "mail queue claims", m007_mail_claim },
	{ 8, "topic rules scoped to the unit that made them", m008_rule_scope },
	{ 9, "login throttle: counters per login and address, growing delays", m009_login_throttle },
	{ 10, "covering index on figures for bounded roll-ups", m010_bounded_reads },
	{ 11, "link-check claims with a lease", m011_linkcheck_lease },
	{ 12, "report signatures: the signed PDF of a revision", m012_report_signature },
	{ 13, "indexes for the paged inbox and issued box", m013_paged_lists },
	{ 14, "feedback: the worker's verdict on the answer, reopened cases", m014_feedback_verdict },
	{ 15, "links: http and https of one page are one canonical link", m015_https_links },
	{ 16, "the roll-up kept current: totals and completeness per directive and unit", m016_rollup_kept },
	{ 17, "registers of documents sent and received, backfilled", m017_registers },
	{ 18, "edXML messages received: directives, reports, statuses", m018_edxml },
	{ 19, "contests: rules, entry period, kinds of entry, prize", m019_contest_details },
	{ 20, "password reset tokens; the daily digest setting", m020_reset_digest },
	{ 21, "the activity list's counts kept per directive, unit and channel", m021_activity_count },
	{ 22, "edXML messages: the units each was addressed to; statuses applied or not", m022_edxml_recipient },
	{ 23, "the figures summary's totals kept per directive, unit and indicator", m023_figure_total },
	{ 25, "the report level's recipients by report state kept per directive and unit", m025_report_state },
	{ 26, "directive signatures: the signed PDF of a version of the document", m026_directive_signature },
	{ 27, "directive signatures: the agency's seal (its certificate)", m027_directive_seal },
	{ 28, "report signatures: the agency's seal (its certificate)", m028_report_seal },
	{ 29, "a unit's count of open children from the index alone", m029_unit_children },
	{ 30, "the feedback model's stamp: a parsed copy is kept while it is current", m030_model_stamp },
	{ 31, "the feedback model's changed features as rows, not a whole copy", m031_model_rows },
	{ 32, "feedback: the summary from an index, each status by time", m032_feedback_scale },
	{ 33, "sessions ordered by their opening to the microsecond", m033_session_order },
	{ 34, "feedback: the messages a cadre confirmed, indexed apart", m034_confirmed },
	{ 35, "the roll-up keeps the activity items' counts and link repeats", m035_rollup_items },
};

const size_t lt_migrations_count = sizeof(lt_migrations) / sizeof(lt_migrations[0]);

const lt_schema_table lt_schema_tables[] = {
	{ "level", NULL, true },
	{ "unit", "parent_id,merged_into", false },
	{ "unit_version", NULL, false },
	{ "app_user", NULL, false },
	{ "session", NULL, false },
	{ "audit_event", NULL, false },
	{ "login_throttle", NULL, false },
	{ "login_known", NULL, false },
	{ "directive", "amends_id,implements_id", false },
	{ "directive_theme", NULL, false },
	{ "directive_indicator", NULL, false },
	{ "receipt", NULL, false },
	{ "feedback", NULL, false },
	{ "feedback_step", NULL, false },
	{ "feedback_rule", NULL, false },
	{ "feedback_model", NULL, false },
	{ "feedback_model_row", NULL, false },
	{ "feedback_rate", NULL, false },
	{ "record_lock", NULL, false },
	{ "link_kit", NULL, false },
	{ "link_kit_item", NULL, false },
	{ "activity", NULL, false },
	{ "photo", NULL, false },
	{ "activity_photo", NULL, false },
	{ "indicator", NULL, true },
	{ "indicator_value", NULL, false },
	{ "indicator_value_history", NULL, false },
	{ "indicator_ack", NULL, false },
	{ "contest", NULL, false },
	{ "contest_entry", NULL, false },
	{ "link_check", NULL, false },
	{ "report", NULL, false },
	{ "report_revision", NULL, false },
	{ "report_number", NULL, false },
	{ "report_signature", NULL, false },
	{ "mail_queue", NULL, false },
	{ "mail_attachment", NULL, false },
	{ "mail_attempt", NULL, false },
	{ "reminder_log", NULL, false },
	{ "campaign_series", NULL, false },
	{ "rollup_total", NULL, false },
	{ "rollup_count", NULL, false },
	{ "report_state_count", NULL, false },
	{ "rollup_stale", NULL, false },
	{ "rollup_lock", NULL, false },
	{ "edxml_message", NULL, false },
	{ "register_counter", NULL, false },
	{ "register_entry", NULL, false },
	{ "password_reset", NULL, false },
	{ "activity_count", NULL, false },
	{ "edxml_recipient", NULL, false },
	{ "figure_total", NULL, false },
	{ "directive_signature", NULL, false },
};

const size_t lt_schema_tables_count = sizeof(lt_schema_tables) / sizeof(lt_schema_tables[0]);
