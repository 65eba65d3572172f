// SPDX-License-Identifier: AGPL-3.0-or-later
// Issue 11: group commit on PostgreSQL when the database server goes away.
// PostgreSQL is stopped at once (pg_ctl -m immediate, as a crash would) and
// started again while 12 clients keep posting activities, three times. Every
// answer is 201 (kept) or 503 with Retry-After (not kept, try again): a batch
// whose connection was lost is never acknowledged. Afterwards every write that
// was acknowledged is there with its title, and the same lantoa process,
// never restarted, answers new writes with 201 (the group writer connected
// again by itself) and ran them in batches (/metrics).
// The run's PostgreSQL is shared with the other test files, so this one
// starts a server of its own (scripts/pg-test.sh, synchronous_commit on).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { startServer, login, cli, ROOT } from '../lib/server.mjs';
import { BACKEND, testDatabase } from '../lib/db.mjs';

const skip = BACKEND !== 'postgresql' ? 'PostgreSQL only (integration-pg); SQLite: group_commit_load.test.mjs' : false;
const PG_TEST = join(ROOT, 'scripts/pg-test.sh');
const CADRES = ['cs-00577-01', 'cs-00577-02', 'cs-00577-03', 'cs-00577-05'];

const metric = async (url, name) => {
  const m = (await (await fetch(url + '/metrics')).text()).match(new RegExp(`^${name} (\\d+)$`, 'm'));
  assert.ok(m, `${name} in /metrics`);
  return Number(m[1]);
};

test('PostgreSQL restarted 3 times under concurrent writes: each answer 201 or 503 Retry-After, no acknowledged write lost, the server writes again by itself', { skip, timeout: 300000 }, async (t) => {
  const env = execFileSync('sh', [PG_TEST, 'start'], { encoding: 'utf8', env: { ...process.env, PG_SYNCHRONOUS_COMMIT: 'on' } });
  const pgDir = env.match(/^LANTOA_TEST_PG_DIR=(.*)$/m)[1];
  const db = env.match(/^LANTOA_TEST_PG=(.*)$/m)[1];
  let srv;
  try {
    for (const args of [['init'], ['demo']]) {
      const r = cli(db, args);
      assert.equal(r.status, 0, `lantoa ${args[0]}: ${r.stderr}`);
    }
    srv = await startServer({ db, config: '[server]\nthreads = 2\ngroup_commit = on\n' });
    const sessions = [];
    for (const l of CADRES) sessions.push(await login(srv.url, l, undefined, 'en'));
    const inbox = await sessions[0].get('/api/v1/directives?box=inbox');
    const directive = inbox.json.items.find((d) => d.number === '42/LĐLĐ').id;
    const post = (s, title) => fetch(srv.url + '/api/v1/activities', {
      method: 'POST',
      headers: { Cookie: s.cookie, 'X-CSRF-Token': s.csrf, 'Content-Type': 'application/json' },
      body: JSON.stringify({ directive_id: directive, channel: 'print', title, date: '2024-01-25' }),
    });
    const acked = []; // { s, id, title }
    const unexpected = [];
    let busy = 0, sent = 0;
    const batches0 = await metric(srv.url, 'lantoa_group_commit_batches_total');
    for (let cycle = 0; cycle < 3; cycle++) {
      let stop = false;
      const writers = Array.from({ length: 12 }, async (_, w) => {
        const s = sessions[w % sessions.length];
        while (!stop) {
          const title = `Bản tin khởi động lại ${cycle}, luồng ${w}, lượt ${sent++}`;
          const r = await post(s, title);
          if (r.status === 201) {
            acked.push({ s, id: (await r.json()).id, title });
          } else if (r.status === 503 && r.headers.get('retry-after')) {
            busy++;
            await r.arrayBuffer();
            await new Promise((res) => setTimeout(res, 20));
          } else {
            unexpected.push(`${r.status} ${r.headers.get('retry-after') ?? '-'} ${await r.text()}`);
          }
        }
      });
      await new Promise((r) => setTimeout(r, 400 + 200 * cycle));
      await promisify(execFile)('sh', [PG_TEST, 'restart', pgDir]);
      await new Promise((r) => setTimeout(r, 1500));
      stop = true;
      await Promise.all(writers);
    }
    assert.deepEqual(unexpected.slice(0, 5), [], `${unexpected.length} answers neither 201 nor 503 with Retry-After`);
    assert.ok(acked.length >= 50, `only ${acked.length} writes were acknowledged (${busy} busy)`);
    // The same process, never restarted: new writes are kept at once.
    for (let i = 0; i < 10; i++) {
      const title = `Sau các lần khởi động lại, lượt ${i}`;
      const r = await post(sessions[i % sessions.length], title);
      assert.equal(r.status, 201, `write ${i} after the restarts: ${r.status} ${await r.clone().text()}`);
      acked.push({ s: sessions[i % sessions.length], id: (await r.json()).id, title });
    }
    const lost = [];
    for (const a of acked) {
      const r = await fetch(`${srv.url}/api/v1/activities/${a.id}`, { headers: { Cookie: a.s.cookie } });
      const body = r.status === 200 ? await r.json() : null;
      if (!body || body.title !== a.title) lost.push(`${a.id} (${r.status})`);
    }
    assert.deepEqual(lost, [], `acknowledged writes lost across the restarts (of ${acked.length})`);
    const batches = (await metric(srv.url, 'lantoa_group_commit_batches_total')) - batches0;
    assert.ok(batches > 0 && batches < acked.length, `${batches} batches for ${acked.length} kept writes`);
    t.diagnostic(`${acked.length} acknowledged, ${busy} answered 503, ${batches} batches`);
  } finally {
    await srv?.stop().catch(() => {});
    execFileSync('sh', [PG_TEST, 'stop', pgDir]);
  }
});

// A TCP proxy in front of PostgreSQL that can cut every connection it carries
// at the moment the client next sends: the idle connection looks alive (the
// driver's probe finds nothing to read), and the command sent dies with it, as
// when the server crashes or the network drops right then. It runs in a child
// process: startServer runs `lantoa init` synchronously, through the proxy.
// SIGUSR2 arms it: each connection open then is cut at its next command; new
// ones pass.
const PROXY = `
const net = require('node:net');
const [host, port] = [process.argv[1], Number(process.argv[2])];
const live = new Set();
process.on('SIGUSR2', () => { for (const p of live) p.armed = true; process.stdout.write('armed\\n'); });
const server = net.createServer((client) => {
  const up = net.connect(port, host);
  const pair = { armed: false };
  live.add(pair);
  const end = () => { client.destroy(); up.destroy(); live.delete(pair); };
  client.on('data', (b) => { if (pair.armed) end(); else up.write(b); });
  up.on('data', (b) => { if (!pair.armed) client.write(b); });
  for (const s of [client, up]) { s.on('error', end); s.on('close', end); }
});
server.listen(0, '127.0.0.1', () => process.stdout.write(server.address().port + '\\n'));
`;

async function cuttingProxy(target) {
  const child = spawn(process.execPath, ['-e', PROXY, target.hostname, target.port], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = [];
  let wake = null;
  child.stdout.setEncoding('utf8').on('data', (d) => { lines.push(...d.split('\n').filter(Boolean)); wake?.(); });
  const next = async () => { while (!lines.length) await new Promise((r) => { wake = r; }); return lines.shift(); };
  const port = Number(await next());
  return {
    port,
    async cutAtNextCommand() { child.kill('SIGUSR2'); assert.equal(await next(), 'armed'); },
    close() { child.kill(); },
  };
}

test('A connection cut as the group writer sends BEGIN: that batch answers 503, and the writer connects again for the next (it once answered 503 to every write after)', { skip, timeout: 120000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lantoa-gc-cut-'));
  const tdb = testDatabase(dir, 'test.db', { demo: true });
  const target = new URL(tdb.url);
  const proxy = await cuttingProxy(target);
  let srv;
  try {
    if (!tdb.seeded) assert.equal(cli(tdb.url, ['demo']).status, 0);
    const via = new URL(tdb.url);
    via.port = String(proxy.port);
    srv = await startServer({ db: via.toString(), config: '[server]\nthreads = 2\ngroup_commit = on\n' });
    const s = await login(srv.url, CADRES[0], undefined, 'en');
    const inbox = await s.get('/api/v1/directives?box=inbox');
    const directive = inbox.json.items.find((d) => d.number === '42/LĐLĐ').id;
    const post = (title) => fetch(srv.url + '/api/v1/activities', {
      method: 'POST',
      headers: { Cookie: s.cookie, 'X-CSRF-Token': s.csrf, 'Content-Type': 'application/json' },
      body: JSON.stringify({ directive_id: directive, channel: 'print', title, date: '2024-01-25' }),
    });
    const first = await post('Trước khi cắt kết nối');
    assert.equal(first.status, 201, await first.clone().text());
    await proxy.cutAtNextCommand();
    // The reading connection and the writer's each lose one command: 503 with
    // Retry-After, never a hang and never a 201 for a write not kept.
    const answers = [];
    let kept = null;
    for (let i = 0; i < 6 && !kept; i++) {
      const r = await post(`Sau khi cắt kết nối, lượt ${i}`);
      answers.push(r.status);
      if (r.status === 201) kept = (await r.json()).id;
      else {
        assert.equal(r.status, 503, await r.text());
        assert.ok(r.headers.get('retry-after'), 'Retry-After on the 503');
      }
    }
    assert.ok(kept, `no write kept after the cut: answers ${answers.join(', ')}`);
    assert.ok(answers.includes(503), `the cut connections lost no command: answers ${answers.join(', ')}`);
    for (let i = 0; i < 5; i++) {
      const r = await post(`Ổn định lại, lượt ${i}`);
      assert.equal(r.status, 201, `write ${i} after reconnecting: ${r.status} ${await r.clone().text()}`);
    }
    // A reading connection not used since the cut loses its first command too.
    let got;
    for (let i = 0; i < 3 && got?.status !== 200; i++) {
      got = await s.get(`/api/v1/activities/${kept}`);
      if (got.status !== 200) assert.equal(got.status, 503, JSON.stringify(got.json));
    }
    assert.equal(got.status, 200);
    assert.equal(got.json.title, answers.length === 1 ? 'Sau khi cắt kết nối, lượt 0' : `Sau khi cắt kết nối, lượt ${answers.length - 1}`);
  } finally {
    await srv?.stop().catch(() => {});
    proxy.close();
    tdb.drop();
    rmSync(dir, { recursive: true, force: true });
  }
});
