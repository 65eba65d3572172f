// SPDX-License-Identifier: AGPL-3.0-or-later
// Self-test of tests/lib/pg.mjs: fresh databases are migrated, independent,
// usable by the lantoa command, and gone once dropped. Skipped without
// LANTOA_TEST_PG (the runner's unit-pg suite sets it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';

import { PG_URL, freshDatabase, psql, templateName } from './pg.mjs';

const ROOT = resolve(new URL('../..', import.meta.url).pathname);
const BIN = process.env.LANTOA_BIN || join(ROOT, 'build', 'lantoa');
const skip = PG_URL ? false : 'LANTOA_TEST_PG is not set';

test('a fresh database is migrated, its own, and gone once dropped', { skip }, () => {
  const a = freshDatabase('pg self-test a');
  const b = freshDatabase('pg self-test b');
  try {
    assert.notEqual(a.name, b.name);
    const latest = psql('SELECT max(version) FROM schema_migration', a.name);
    assert.ok(Number(latest) >= 6, `schema version ${latest}`);
    assert.equal(psql('SELECT count(*) FROM level', a.name), '6');
    psql("INSERT INTO unit(code, name, name_fold, level, path, active_from, created_at, updated_at)"
      + " VALUES ('X', 'X', 'x', 'national', '/1/', '2020-01-01', 0, 0)", a.name);
    assert.equal(psql('SELECT count(*) FROM unit', a.name), '1');
    assert.equal(psql('SELECT count(*) FROM unit', b.name), '0');
    // The command line opens it, finds it up to date, and does not print its password.
    const r = spawnSync(BIN, ['--db', a.url, 'init'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
  } finally {
    a.drop();
    b.drop();
  }
  assert.equal(psql(`SELECT count(*) FROM pg_database WHERE datname IN ('${a.name}', '${b.name}')`), '0');
});

test('the template is made once and reused', { skip }, () => {
  const t1 = templateName();
  const t2 = templateName();
  assert.equal(t1, t2);
  assert.equal(psql(`SELECT count(*) FROM pg_database WHERE datname LIKE 'lantoa_tpl_%'`), '1');
});
