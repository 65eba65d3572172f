// SPDX-License-Identifier: AGPL-3.0-or-later
// `lantoa db copy`: the demo built on SQLite, copied to a fresh PostgreSQL
// database, serves the same (a login, the same dashboards), and copied back
// to a new SQLite file it has the same rows in every table. A target that
// holds data is refused, naming the table; a copy that fails half-way leaves
// the target as empty as it was. Needs PostgreSQL: runs in the integration-pg
// suite (LANTOA_TEST_PG set), skips otherwise.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, login, startServer } from '../lib/server.mjs';
import { PG_URL, freshDatabase } from '../lib/pg.mjs';
import { query, sqlText, tableNames } from '../lib/db.mjs';

const skip = PG_URL ? false : 'needs PostgreSQL (integration-pg suite)';

const copy = (from, to, lang = 'en') => cli(from, ['--lang', lang, '--json', 'db', 'copy', '--from', from, '--to', to]);
const counts = (db) => Object.fromEntries(tableNames(db).map((t) => [t, Number(sqlText(db, `SELECT count(*) FROM ${t}`))]));

// What an officer sees: the directives and each one's dashboard.
async function seen(url) {
  const off = await login(url, 'gialam');
  const list = (await off.get('/api/v1/directives')).json;
  const out = { list };
  for (const d of list.items) {
    const { generated_at: _, ...dash } = (await off.get(`/api/v1/directives/${d.id}/dashboard`)).json;
    out[d.id] = dash;
  }
  return out;
}

test('SQLite → PostgreSQL → SQLite keeps every row, and the copy serves the same', { skip }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lantoa-dbcopy-'));
  const src = 'sqlite:' + join(dir, 'demo.db');
  assert.equal(cli(src, ['demo']).status, 0);
  const pg = freshDatabase('db_copy');
  try {
    const r = copy(src, pg.url);
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.ok(out.rows > 5000, `rows ${out.rows}`);
    for (const t of out.tables) {
      assert.ok(t.ok, `${t.table} verified`);
      assert.equal(t.hash_from, t.hash_to);
      assert.equal(t.rows_from, t.rows_to);
    }
    assert.ok(out.tables.find((t) => t.table === 'unit').rows_to > 100);
    // The copy leaves PostgreSQL with planner statistics (ANALYZE), not waiting for autovacuum.
    assert.equal(sqlText(pg.url, "SELECT count(*) FROM pg_stat_user_tables WHERE relname = 'unit' AND last_analyze IS NOT NULL"), '1');

    // Both servers answer the same: the session and the figures of every dashboard.
    const a = await startServer({ db: src });
    const b = await startServer({ db: pg.url });
    try {
      const [sa, sb] = [await seen(a.url), await seen(b.url)];
      assert.ok(sa.list.items.length > 0);
      assert.deepEqual(sb, sa);
      // The copy makes new rows after the copied ids (identities synced), on units and audit events.
      const off = await login(b.url, 'gialam');
      const commune = (await off.get('/api/v1/units?q=01.018.00577')).json.items.find((u) => u.code === '01.018.00577');
      const made = await off.post('/api/v1/units', {
        code: '01.018.00577.999', name: 'CĐCS sau khi chép', level: 'grassroots', parent_id: commune.id, active_from: '2024-01-01',
      });
      assert.equal(made.status, 201, JSON.stringify(made.json));
      const id = (made.json.unit || made.json).id;
      assert.equal(id, Number(sqlText(pg.url, 'SELECT max(id) FROM unit')));
      assert.equal(id, Number(sqlText(src, 'SELECT max(id) FROM unit')) + 1);
    } finally {
      await a.stop();
      await b.stop();
    }

    // Back to a new SQLite file (the servers' logins added sessions and audit rows on each side).
    const back = 'sqlite:' + join(dir, 'back.db');
    const r2 = copy(pg.url, back);
    assert.equal(r2.status, 0, r2.stderr);
    assert.deepEqual(counts(back), counts(pg.url));
    assert.equal(counts(back).indicator_value, counts(src).indicator_value);

    // The PostgreSQL database now holds data: refused, naming a table; nothing changes.
    const before = counts(pg.url);
    const r3 = copy(src, pg.url);
    assert.equal(r3.status, 4, r3.stderr);
    assert.match(r3.stderr, /already holds data \(table unit/);
    assert.deepEqual(counts(pg.url), before);
    const r4 = copy(src, pg.url, 'vi');
    assert.match(r4.stderr, /đã có dữ liệu \(bảng unit/);
  } finally {
    pg.drop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a copy that fails half-way leaves the target empty', { skip }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'lantoa-dbcopy-'));
  const src = 'sqlite:' + join(dir, 'demo.db');
  assert.equal(cli(src, ['demo']).status, 0);
  // A row PostgreSQL refuses, in a table copied late: an attempt of a mail that is not there
  // (SQLite's shell connection does not check foreign keys).
  query(src, "INSERT INTO mail_attempt(mail_id, at, ok, reply) VALUES (424242, 1, 0, 'lost')");
  const pg = freshDatabase('db_copy_fail');
  try {
    const empty = counts(pg.url);
    const r = copy(src, pg.url);
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /mail_attempt|mail_id/);
    assert.deepEqual(counts(pg.url), empty);
    assert.equal(empty.unit, 0);
  } finally {
    pg.drop();
    rmSync(dir, { recursive: true, force: true });
  }
});
