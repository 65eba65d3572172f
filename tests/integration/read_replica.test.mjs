// SPDX-License-Identifier: AGPL-3.0-or-later
// --db-read (issue 11): lantoa on a throw-away PostgreSQL primary with a real
// streaming replica (pg_basebackup -R, tests/lib/pg_extra.mjs). Lists,
// dashboards and exports answer from the replica: with the replica's replay
// paused, a row written on the primary behind lantoa's back is not in the
// caller's list, and appears once replay resumes. A caller who has just
// written reads from the primary: an activity created through lantoa is in
// that caller's list at once, replay paused or not. With the replica gone,
// the primary answers the lists.
// PostgreSQL only (the integration-pg suite).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cli, login } from '../lib/server.mjs';
import { PG_URL } from '../lib/pg.mjs';
import { serve, startPg } from '../lib/pg_extra.mjs';

const skip = PG_URL ? false : 'PostgreSQL only (integration-pg suite): SQLite has no replicas';

// Wait until fn() is true (replication has no fixed delay).
async function until(what, fn) {
  const deadline = Date.now() + 60000;
  while (!(await fn())) {
    if (Date.now() > deadline) throw new Error('timed out waiting: ' + what);
    await new Promise((r) => setTimeout(r, 200));
  }
}

test('--db-read: lists read from the replica, a caller sees its own write at once', { skip, timeout: 600000 }, async () => {
  const pg = startPg();
  let replica, srv;
  try {
    assert.equal(cli(pg.url, ['init']).status, 0);
    const demo = cli(pg.url, ['demo']);
    assert.equal(demo.status, 0, demo.stderr);
    replica = pg.replica();
    assert.equal(replica.psql('SELECT pg_is_in_recovery()'), 't', 'a standby');
    srv = await serve(['--db', pg.url, '--db-read', replica.url]);

    const s = await login(srv.url, 'cs-00577-01');
    const plain = { Cookie: s.cookie }; // the session alone: reads go to the replica
    const get = async (path, headers = plain) => {
      const r = await fetch(srv.url + path, { headers });
      return { status: r.status, json: r.headers.get('content-type')?.includes('json') ? await r.json() : null, r };
    };
    // The session is written on the primary; reads without the write cookie wait for the replica to have it.
    await until('the session on the replica', async () => (await get('/api/v1/todo')).status === 200);

    const inbox = await get('/api/v1/directives?box=inbox');
    assert.equal(inbox.status, 200);
    const dir = inbox.json.items.find((d) => d.number === '42/LĐLĐ').id;
    const unit = s.user.unit.id;
    // Every replica route answers from a read-only server (none of them writes), for the
    // district that issued the directive.
    const district = await login(srv.url, 'gialam');
    const asDistrict = { Cookie: district.cookie };
    await until('the district session on the replica', async () => (await get('/api/v1/todo', asDistrict)).status === 200);
    for (const path of ['/api/v1/units', '/api/v1/directives', `/api/v1/directives/${dir}/receipts`,
      `/api/v1/directives/${dir}/dashboard`, '/api/v1/series', '/api/v1/feedback', '/api/v1/feedback/summary',
      '/api/v1/activities', `/api/v1/directives/${dir}/figures/summary`, `/api/v1/directives/${dir}/linkkits`,
      '/api/v1/contests', '/api/v1/todo', `/api/v1/directives/${dir}/activities/export.csv`,
      `/api/v1/directives/${dir}/activities/export.xlsx`, `/api/v1/directives/${dir}/figures/export.csv`,
      `/api/v1/directives/${dir}/figures/export.xlsx`]) {
      const r = await get(path, asDistrict);
      assert.equal(r.status, 200, `${path}: ${r.status} ${JSON.stringify(r.json)}`);
    }
    assert.ok(Number(replica.psql("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'lantoa'")) > 0,
      'lantoa holds connections to the replica');

    // Replay paused: the replica stops where it is.
    replica.psql('SELECT pg_wal_replay_pause()');
    await until('replay paused', () => replica.psql('SELECT pg_get_wal_replay_pause_state()') === 'paused');

    // A row written on the primary behind lantoa's back is not seen by a plain read: it came from the replica.
    pg.psql(`UPDATE unit SET name = name || ' (đổi tên)' WHERE id = ${unit}`);
    const units = async (headers) => (await get(`/api/v1/units/${unit}`, headers)).json;
    assert.equal((await get('/api/v1/units?limit=500', plain)).status, 200);
    const listed = async (headers) => JSON.stringify((await get('/api/v1/units?limit=500', headers)).json);
    assert.doesNotMatch(await listed(plain), /\(đổi tên\)/, 'a list reads the (paused) replica');
    // The unit's own page is not a replica route: it reads the primary.
    assert.match((await units(plain)).unit.name, /\(đổi tên\)/);

    // A write through lantoa, then an immediate read by the same caller: the write is there.
    const created = await fetch(srv.url + '/api/v1/activities', {
      method: 'POST', headers: { ...plain, 'X-CSRF-Token': s.csrf, 'Content-Type': 'application/json' },
      body: JSON.stringify({ directive_id: dir, channel: 'print', title: 'Bài báo về bản sao đọc', date: '2024-01-25' }),
    });
    assert.equal(created.status, 201, await created.clone().text());
    const id = (await created.json()).id;
    const w = created.headers.getSetCookie().find((c) => c.startsWith('lantoa_w='));
    assert.ok(w, 'a write sets the read-your-writes cookie');
    const mine = { Cookie: `${s.cookie}; ${w.split(';')[0]}` };
    const withWrite = await get(`/api/v1/activities?directive_id=${dir}&limit=500`, mine);
    assert.equal(withWrite.status, 200);
    assert.ok(withWrite.json.items.some((a) => a.id === id), 'the writer sees its activity at once');
    // Without the cookie (another caller's view) the replica still lags: replay is paused.
    const other = await get(`/api/v1/activities?directive_id=${dir}&limit=500`, plain);
    assert.ok(!other.json.items.some((a) => a.id === id), 'the paused replica has not got it');

    // Replay resumes: the replica catches up and plain reads see both writes.
    replica.psql('SELECT pg_wal_replay_resume()');
    await until('the replica catches up', async () =>
      (await get(`/api/v1/activities?directive_id=${dir}&limit=500`, plain)).json.items.some((a) => a.id === id));
    assert.match(await listed(plain), /\(đổi tên\)/);

    // A write is still refused on the replica, so nothing can have written there.
    assert.throws(() => replica.psql('CREATE TABLE nope (x int)'), /read-only/);

    // The replica lost: lists are answered by the primary (they only read), not refused.
    replica.stop();
    const fallback = await get(`/api/v1/activities?directive_id=${dir}&limit=500`, plain);
    assert.equal(fallback.status, 200, JSON.stringify(fallback.json));
    assert.ok(fallback.json.items.some((a) => a.id === id));
    assert.equal((await get(`/api/v1/directives/${dir}/dashboard`, asDistrict)).status, 200);
  } finally {
    if (srv && srv.proc.exitCode === null) srv.proc.kill('SIGKILL');
    if (replica) replica.destroy();
    pg.destroy();
  }
});
