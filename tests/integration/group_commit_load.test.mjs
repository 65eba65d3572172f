// SPDX-License-Identifier: AGPL-3.0-or-later
// Issue 10 item 4, under load: group commit on SQLite with the connection of
// each grouped write suspended while the writer runs it (server.c), so that a
// server thread never waits for a batch.
//   - With 2 server threads, 48 writes sent at once meet in batches larger
//     than the thread count (a thread that waited for its batch would cap a
//     batch at 2), all are 201 and all kept, and no writer slept in SQLite's
//     busy handler (/metrics).
//   - kill -9 while writes are in flight, over several cycles: every write
//     that was acknowledged (201) is there after the restart, with its text.
// The fsync side (each answer after a WAL sync) is group_commit.test.mjs's.
// Both run on PostgreSQL too (issue 11): there the busy-handler count stays 0
// (SQLite's), and kill -9 is of lantoa, not of the database server (a
// restart of PostgreSQL under writes: group_commit_pg.test.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login } from '../lib/server.mjs';

const CADRES = ['cs-00577-01', 'cs-00577-02', 'cs-00577-03', 'cs-00577-05'];

const metric = (text, name) => {
  const m = text.match(new RegExp(`^${name} (\\d+)$`, 'm'));
  assert.ok(m, `${name} in /metrics`);
  return Number(m[1]);
};
const metrics = async (url) => {
  const t = await (await fetch(url + '/metrics')).text();
  return {
    batches: metric(t, 'lantoa_group_commit_batches_total'),
    jobs: metric(t, 'lantoa_group_commit_jobs_total'),
    largest: metric(t, 'lantoa_group_commit_largest_batch'),
    busy: metric(t, 'lantoa_sqlite_busy_sleeps_total'),
  };
};

test('2 server threads, 48 writes at once with logins beside them: batches larger than the thread count, all kept, no busy sleep', async () => {
  const srv = await startServer({ config: '[server]\nthreads = 2\ngroup_commit = on\n' });
  try {
    const sessions = [];
    for (const l of CADRES) sessions.push(await login(srv.url, l, undefined, 'en'));
    const N = 48;
    const before = await metrics(srv.url);
    // Logins write their session outside the group writer, on their own connections:
    // they and the group's batches wait for each other on the file's write lock
    // (sqlite_db.c), not in SQLite's sleeping busy handler.
    const [answers, logins] = await Promise.all([
      Promise.all(Array.from({ length: N }, (_, i) =>
        sessions[i % sessions.length].post('/api/v1/feedback', { channel: 'hotline', text: `Tải cao, lượt ghi ${i}` }))),
      Promise.all(Array.from({ length: 8 }, (_, i) => login(srv.url, CADRES[i % CADRES.length], undefined, 'en'))),
    ]);
    const after = await metrics(srv.url);
    assert.equal(logins.length, 8);
    answers.forEach((r, i) => assert.equal(r.status, 201, `write ${i}: ${r.text}`));
    assert.equal(after.jobs - before.jobs, N, 'every write went through the group writer');
    assert.ok(after.largest > 2, `largest batch ${after.largest}: not above the 2 server threads`);
    assert.ok(after.batches - before.batches < N, `${after.batches - before.batches} batches for ${N} writes`);
    assert.equal(after.busy - before.busy, 0, 'a writer slept in the busy handler');
    for (let i = 0; i < N; i++) {
      const f = await sessions[i % sessions.length].get(`/api/v1/feedback/${answers[i].json.feedback.id}`);
      assert.equal(f.status, 200, f.text);
      assert.equal(f.json.feedback.text, `Tải cao, lượt ghi ${i}`);
    }
  } finally {
    await srv.stop();
  }
});

test('kill -9 during concurrent writes, 5 cycles: no acknowledged write is lost', { timeout: 300000 }, async () => {
  const config = '[server]\nthreads = 2\ngroup_commit = on\n';
  let srv = await startServer({ config, keep: true });
  const dir = srv.dir;
  const acked = []; // { s, id, title }
  let sent = 0;
  try {
    // Sessions live in the database: they outlast each restart.
    const sessions = [];
    for (const l of CADRES) sessions.push(await login(srv.url, l, undefined, 'en'));
    const inbox = await sessions[0].get('/api/v1/directives?box=inbox');
    const directive = inbox.json.items.find((d) => d.number === '42/LĐLĐ').id;
    for (let cycle = 0; cycle < 5; cycle++) {
      const url = srv.url;
      let stop = false;
      // 12 writers, each posting one activity after another until the server dies.
      const writers = Array.from({ length: 12 }, async (_, w) => {
        const s = sessions[w % sessions.length];
        const post = (title) => fetch(url + '/api/v1/activities', {
          method: 'POST',
          headers: { Cookie: s.cookie, 'X-CSRF-Token': s.csrf, 'Content-Type': 'application/json' },
          body: JSON.stringify({ directive_id: directive, channel: 'print', title, date: '2024-01-25' }),
        });
        while (!stop) {
          const title = `Bản tin chu kỳ ${cycle}, luồng ${w}, lượt ${sent++}`;
          let r;
          try { r = await post(title); } catch { return; } // the server died under it
          if (r.status === 201) acked.push({ s, id: (await r.json()).id, title });
          else await r.arrayBuffer();
        }
      });
      await new Promise((r) => setTimeout(r, 300 + 150 * cycle));
      srv.proc.kill('SIGKILL');
      await new Promise((r) => (srv.proc.exitCode !== null || srv.proc.signalCode ? r() : srv.proc.once('exit', r)));
      stop = true;
      await Promise.all(writers);
      await srv.stop(); // folder kept: the next server opens the same database
      srv = await startServer({ config, dir, keep: true });
    }
    assert.ok(acked.length >= 50, `only ${acked.length} writes were acknowledged`);
    const lost = [];
    for (const a of acked) {
      const r = await fetch(`${srv.url}/api/v1/activities/${a.id}`, { headers: { Cookie: a.s.cookie } });
      const body = r.status === 200 ? await r.json() : null;
      if (!body || body.title !== a.title) lost.push(`${a.id} (${r.status})`);
    }
    assert.deepEqual(lost, [], `acknowledged writes lost after kill -9 (of ${acked.length})`);
  } finally {
    await srv.stop().catch(() => {});
    const { rmSync } = await import('node:fs');
    rmSync(dir, { recursive: true, force: true });
  }
});
