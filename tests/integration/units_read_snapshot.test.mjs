// SPDX-License-Identifier: AGPL-3.0-or-later
// Issue 10 P1: an API read runs all its statements (the session, the access
// checks, the list, its count) in one read snapshot on SQLite, not one read
// transaction per statement (server.c serve_route, store/db.h lt_db_read_begin).
// /metrics counts the reading statements run outside any transaction
// (lantoa_sqlite_lone_reads_total): the lists of units and activities read by
// an officer and by a cadre add none (each would add at least three without the
// snapshot). A write after a read on the same server is seen by the next read
// (the snapshot ends with its request). On PostgreSQL the count stays 0 (each
// statement keeps its own snapshot there) and the rest holds the same.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login } from '../lib/server.mjs';

let srv, gialam, cadre;
const READS = ['/api/v1/units?limit=50', '/api/v1/activities?limit=20', '/api/v1/units?q=da%20ton'];

const loneReads = async () => {
  const t = await (await fetch(srv.url + '/metrics')).text();
  const m = t.match(/^lantoa_sqlite_lone_reads_total (\d+)$/m);
  assert.ok(m, 'lantoa_sqlite_lone_reads_total in /metrics');
  return Number(m[1]);
};

before(async () => {
  srv = await startServer();
  gialam = await login(srv.url, 'gialam');
  cadre = await login(srv.url, 'cs-00577-01');
});
after(async () => { await srv.stop(); });

test('the lists of units and activities read in one snapshot each: no statement reads on its own', async () => {
  const N = 10;
  for (const p of READS) assert.equal((await gialam.get(p)).status, 200, p); // statements prepared
  const before = await loneReads();
  for (let i = 0; i < N; i++) {
    for (const s of [gialam, cadre]) {
      for (const p of READS) {
        const r = await s.get(p);
        assert.equal(r.status, 200, `${p}: ${r.text}`);
        assert.ok(Array.isArray(r.json.items), p);
      }
    }
  }
  const lone = (await loneReads()) - before;
  // 60 reads of 3+ statements each: without the snapshot 180 or more. A timer
  // of the server (mail queue, link checks) may read on its own meanwhile.
  assert.ok(lone <= 5, `${lone} statements read outside a transaction during ${N * 2 * READS.length} API reads`);
});

test('a read after a write sees it: the snapshot ends with its request', async () => {
  const inbox = await cadre.get('/api/v1/directives?box=inbox');
  const dir = inbox.json.items.find((d) => d.number === '42/LĐLĐ').id;
  const list = async () => (await cadre.get('/api/v1/activities?limit=500')).json.items.map((i) => i.id);
  const first = await list();
  const r = await cadre.post('/api/v1/activities', {
    directive_id: dir, channel: 'facebook', kind: 'post', title: 'Ảnh chụp nhanh sau khi ghi', url: 'https://facebook.com/lantoa/posts/snapshot-1', date: '2024-01-20',
  });
  assert.equal(r.status, 201, r.text);
  const second = await list();
  assert.ok(!first.includes(r.json.id));
  assert.ok(second.includes(r.json.id), 'the next read sees the write');
  assert.equal(second.length, first.length + 1);
});
