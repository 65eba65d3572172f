/*
 * migrations.c — schema versions, applied in order by lt_store_migrate.
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

static const char m001_tree_users[] =
	"CREATE TABLE level ("
	"  code TEXT PRIMARY KEY,"
	"  name_vi TEXT NOT NULL,"
	"  name_en TEXT NOT NULL,"
	"  grassroots INTEGER NOT NULL DEFAULT 0,"
	"  sort INTEGER NOT NULL DEFAULT 0);"
	"INSERT INTO level(code, name_vi, name_en, grassroots, sort) VALUES"
	"  ('national', 'Tổng Liên đoàn', 'National confederation', 0, 10),"
	"  ('province', 'LĐLĐ tỉnh, thành phố', 'Provincial federation', 0, 20),"
	"  ('sector', 'Công đoàn ngành', 'Sector union', 0, 25),"
	"  ('district', 'LĐLĐ quận, huyện', 'District federation', 0, 30),"
	"  ('commune', 'Công đoàn xã, phường', 'Commune union', 0, 40),"
	"  ('grassroots', 'Công đoàn cơ sở', 'Grassroots union', 1, 50);"
	"CREATE TABLE unit ("
	"  id {{ID}},"
	"  code TEXT NOT NULL UNIQUE,"
	"  name TEXT NOT NULL,"
	"  name_fold TEXT NOT NULL,"
	"  level TEXT NOT NULL REFERENCES level(code),"
	"  parent_id BIGINT REFERENCES unit(id),"
	"  path TEXT NOT NULL,"
	"  email TEXT,"
	"  members INTEGER NOT NULL DEFAULT 0,"
	"  active_from TEXT NOT NULL,"
	"  active_to TEXT,"
	"  merged_into BIGINT REFERENCES unit(id),"
	"  created_at BIGINT NOT NULL,"
	"  updated_at BIGINT NOT NULL);"
	"CREATE INDEX unit_path ON unit(path);"
	"CREATE INDEX unit_parent ON unit(parent_id);"
	"CREATE INDEX unit_name_fold ON unit(name_fold);"
	"CREATE TABLE unit_version ("
	"  id {{ID}},"
	"  unit_id BIGINT NOT NULL REFERENCES unit(id),"
	"  name TEXT NOT NULL,"
	"  parent_id BIGINT REFERENCES unit(id),"
	"  path TEXT NOT NULL,"
	"  valid_from TEXT NOT NULL,"
	"  valid_to TEXT,"
	"  change TEXT NOT NULL,"
	"  changed_by BIGINT,"
	"  changed_at BIGINT NOT NULL);"
	"CREATE INDEX unit_version_path ON unit_version(path, valid_from);"
	"CREATE INDEX unit_version_unit ON unit_version(unit_id, valid_from);"
	"CREATE TABLE app_user ("
	"  id {{ID}},"
	"  login TEXT NOT NULL UNIQUE,"
	"  name TEXT NOT NULL,"
	"  name_fold TEXT NOT NULL,"
	"  unit_id BIGINT NOT NULL REFERENCES unit(id),"
	"  role TEXT NOT NULL CHECK (role IN ('admin', 'officer', 'cadre')),"
	"  email TEXT,"
	"  pw_hash TEXT NOT NULL,"
	"  disabled INTEGER NOT NULL DEFAULT 0,"
	"  created_at BIGINT NOT NULL);"
	"CREATE INDEX app_user_unit ON app_user(unit_id);"
	"CREATE TABLE session ("
	"  token_hash TEXT PRIMARY KEY,"
	"  user_id BIGINT NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,"
	"  csrf TEXT NOT NULL,"
	"  created_at BIGINT NOT NULL,"
	"  expires_at BIGINT NOT NULL,"
	"  ip TEXT);"
	"CREATE INDEX session_user ON session(user_id);"
	"CREATE TABLE login_failure ("
	"  id {{ID}},"
	"  login TEXT NOT NULL,"
	"  ip TEXT NOT NULL,"
	"  at BIGINT NOT NULL);"
	"CREATE INDEX login_failure_login ON login_failure(login, at);"
	"CREATE INDEX login_failure_ip ON login_failure(ip, at);"
	"CREATE TABLE audit_event ("
	"  id {{ID}},"
	"  at BIGINT NOT NULL,"
	"  user_id BIGINT,"
	"  action TEXT NOT NULL,"
	"  entity TEXT NOT NULL,"
	"  entity_id BIGINT,"
	"  detail TEXT);"
	"CREATE INDEX audit_entity ON audit_event(entity, entity_id);";

/*
 * Directives: the document itself is kept as checked JSON (doc) with the
 * columns that are searched, joined or constrained beside it. Themes get
 * rows of their own so that activities can point at a stable theme id.
 * A receipt is one recipient unit's copy: received, opened, acknowledged.
 */
static const char m002_directives[] =
	"CREATE TABLE directive ("
	"  id {{ID}},"
	"  issuer_id BIGINT NOT NULL REFERENCES unit(id),"
	"  number TEXT,"
	"  date TEXT,"
	"  subject TEXT,"
	"  status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'issued')),"
	"  kind TEXT NOT NULL DEFAULT 'directive' CHECK (kind IN ('directive', 'amendment')),"
	"  amends_id BIGINT REFERENCES directive(id),"
	"  implements_id BIGINT REFERENCES directive(id),"
	"  report_deadline TEXT,"
	"  doc TEXT NOT NULL,"
	"  search_fold TEXT NOT NULL,"
	"  created_by BIGINT,"
	"  created_at BIGINT NOT NULL,"
	"  updated_at BIGINT NOT NULL,"
	"  issued_by BIGINT,"
	"  issued_at BIGINT);"
	"CREATE UNIQUE INDEX directive_number ON directive(issuer_id, number, substr(date, 1, 4))"
	"  WHERE status = 'issued';"
	"CREATE INDEX directive_issuer ON directive(issuer_id, status);"
	"CREATE INDEX directive_implements ON directive(implements_id);"
	"CREATE TABLE directive_theme ("
	"  id {{ID}},"
	"  directive_id BIGINT NOT NULL REFERENCES directive(id) ON DELETE CASCADE,"
	"  pos INTEGER NOT NULL,"
	"  title TEXT NOT NULL,"
	"  items TEXT NOT NULL);"
	"CREATE INDEX directive_theme_dir ON directive_theme(directive_id, pos);"
	"CREATE TABLE directive_indicator ("
	"  directive_id BIGINT NOT NULL REFERENCES directive(id) ON DELETE CASCADE,"
	"  code TEXT NOT NULL,"
	"  pos INTEGER NOT NULL,"
	"  PRIMARY KEY (directive_id, code));"
	"CREATE TABLE receipt ("
	"  directive_id BIGINT NOT NULL REFERENCES directive(id),"
	"  unit_id BIGINT NOT NULL REFERENCES unit(id),"
	"  received_at BIGINT NOT NULL,"
	"  opened_at BIGINT,"
	"  opened_by BIGINT,"
	"  acknowledged_at BIGINT,"
	"  acknowledged_by BIGINT,"
	"  PRIMARY KEY (directive_id, unit_id));"
	"CREATE INDEX receipt_unit ON receipt(unit_id);";

const lt_migration lt_migrations[] = {
	{ 1, "union tree, users, sessions, audit", m001_tree_users },
	{ 2, "directives, themes, receipts", m002_directives },
};

const size_t lt_migrations_count = sizeof(lt_migrations) / sizeof(lt_migrations[0]);
