// SPDX-License-Identifier: AGPL-3.0-or-later
// Two stateless app nodes (issue 11): two `lantoa serve` on one PostgreSQL
// database, behind HAProxy (round robin), act as one server. A session made
// through node A works on node B and through the proxy, and a logout on one
// ends it on the other; the login throttle counts failures made on either
// node; one report submitted on both nodes at once is submitted once and the
// other is refused for its state; queued mail is sent exactly once while both
// nodes' mail workers run.
// Needs PostgreSQL: runs in the integration-pg suite, skips otherwise (two
// servers on one SQLite file is not a supported set-up).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, freePort, login, startServer } from '../lib/server.mjs';
import { startSink } from '../lib/smtp_sink.mjs';
import { PG_URL, freshDatabase } from '../lib/pg.mjs';
import { query } from '../lib/db.mjs';

const haproxy = spawnSync('sh', ['-c', 'command -v haproxy'], { encoding: 'utf8' }).stdout.trim();
const skip = !PG_URL ? 'needs PostgreSQL (integration-pg suite)'
  : !haproxy ? 'needs haproxy (scripts/install-deps.sh test)' : false;

// HAProxy on 127.0.0.1:port sharing requests between the nodes in turn; resolves with its process.
async function startProxy(dir, port, nodes) {
  const cfg = join(dir, 'haproxy.cfg');
  writeFileSync(cfg, [
    'global', '  maxconn 200',
    'defaults', '  mode http', '  timeout connect 2s', '  timeout client 20s', '  timeout server 20s',
    'frontend lantoa', `  bind 127.0.0.1:${port}`, '  default_backend nodes',
    'backend nodes', '  balance roundrobin',
    ...nodes.map((u, i) => `  server n${i} ${new URL(u).host}`), '',
  ].join('\n'));
  const p = spawn(haproxy, ['-f', cfg, '-db'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  p.stdout.on('data', (d) => { log += d; });
  p.stderr.on('data', (d) => { log += d; });
  const deadline = Date.now() + 10000;
  for (;;) {
    if (p.exitCode !== null) throw new Error('haproxy exited: ' + log);
    try { if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return p; } catch { /* not yet */ }
    if (Date.now() > deadline) { p.kill('SIGKILL'); throw new Error('haproxy did not start: ' + log); }
    await new Promise((r) => setTimeout(r, 50));
  }
}

const get = (url, path, cookie) => fetch(url + path, { headers: { Cookie: cookie } });
const tryLogin = async (url, password) => (await fetch(url + '/api/v1/login', {
  method: 'POST', headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify({ login: 'cs-00577-01', password }),
})).status;

test('two nodes on one PostgreSQL behind HAProxy act as one', { skip, timeout: 240000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lantoa-2nodes-'));
  const sinkDir = join(dir, 'mail');
  const db = freshDatabase('two_nodes');
  let a, b, proxy, sink;
  try {
    const d = cli(db.url, ['demo']);
    assert.equal(d.status, 0, d.stderr);
    const smtpPort = await freePort();
    spawnSync('mkdir', [sinkDir]);
    sink = await startSink(smtpPort, sinkDir);
    const config = `[smtp]\nurl = smtp://127.0.0.1:${smtpPort}\nfrom = lantoa@example.org\n`;
    a = await startServer({ db: db.url, config });
    b = await startServer({ db: db.url, config });
    const port = await freePort();
    proxy = await startProxy(dir, port, [a.url, b.url]);
    const lb = `http://127.0.0.1:${port}`;

    // A session made on A works on B and through the proxy (both nodes, in turn).
    const s = await login(a.url, 'gialam');
    assert.equal((await get(b.url, '/api/v1/todo', s.cookie)).status, 200);
    for (let i = 0; i < 4; i++) assert.equal((await get(lb, '/api/v1/todo', s.cookie)).status, 200);
    // A write through B with A's CSRF token, then a logout on B ends the session on A.
    const out = await fetch(b.url + '/api/v1/logout', { method: 'POST', headers: { Cookie: s.cookie, 'X-CSRF-Token': s.csrf } });
    assert.ok(out.status === 200 || out.status === 204, `logout ${out.status}`);
    assert.equal((await get(a.url, '/api/v1/todo', s.cookie)).status, 401);

    // The login throttle counts on both nodes: 5 free failures, 3 on A and 2 on B, then 429 anywhere.
    for (const url of [a.url, b.url, a.url, b.url, a.url]) assert.equal(await tryLogin(url, 'wrong-password'), 401);
    assert.equal(await tryLogin(b.url, 'wrong-password'), 429);
    assert.equal(await tryLogin(lb, 'wrong-password'), 429);

    // One report submitted on both nodes at once: one submission, and the other is refused for
    // the report's state (it waited for the first: SELECT … FOR UPDATE), not for a taken revision.
    const [pick] = query(db.url, `SELECT u.login, r.directive_id AS d, u.unit_id AS u FROM app_user u
      JOIN receipt r ON r.unit_id = u.unit_id
      LEFT JOIN report p ON p.directive_id = r.directive_id AND p.unit_id = u.unit_id
      WHERE u.role = 'cadre' AND u.login <> 'cs-00577-01' AND (p.id IS NULL OR p.status = 'draft')
      ORDER BY u.login LIMIT 1`);
    assert.ok(pick, 'a cadre with a report to submit');
    const c = await login(a.url, pick.login);
    // The draft row exists first (a report not yet written is created by the first write, whose
    // unique key already makes the second wait).
    assert.equal((await c.patch(`/api/v1/directives/${pick.d}/units/${pick.u}/report`, { narrative: { general: 'Tốt' } })).status, 200);
    const submit = (url) => fetch(`${url}/api/v1/directives/${pick.d}/units/${pick.u}/report/submit`, {
      method: 'POST', headers: { Cookie: c.cookie, 'X-CSRF-Token': c.csrf, 'Content-Type': 'application/json' },
      body: JSON.stringify({ kind: 'quick' }),
    }).then(async (r) => ({ status: r.status, body: await r.json() }));
    const both = await Promise.all([submit(a.url), submit(b.url)]);
    assert.deepEqual(both.map((r) => r.status).sort(), [200, 409], JSON.stringify(both));
    const refused = both.find((r) => r.status === 409).body.error;
    assert.notEqual(refused.field, 'rev', JSON.stringify(refused));
    const [{ n: revs }] = query(db.url, `SELECT count(*) AS n FROM report_revision v JOIN report p ON p.id = v.report_id
      WHERE p.directive_id = ${pick.d} AND p.unit_id = ${pick.u}`);
    assert.equal(Number(revs), 1);

    // Mail queued at once is sent exactly once while both nodes' workers run.
    const now = Math.floor(Date.now() / 1000) - 5;
    query(db.url, `INSERT INTO mail_queue(kind, ref_id, to_addr, subject, body, next_attempt_at, created_at)
      SELECT 'test', 0, 'unit@example.org', 'two-nodes ' || lpad(g::text, 3, '0'), 'Noi dung', ${now}, ${now}
      FROM generate_series(1, 40) g`);
    const deadline = Date.now() + 60000;
    for (;;) {
      const [{ n }] = query(db.url, "SELECT count(*) AS n FROM mail_queue WHERE kind = 'test' AND status <> 'sent'");
      if (Number(n) === 0) break;
      assert.ok(Date.now() < deadline, `${n} mails still queued`);
      await new Promise((r) => setTimeout(r, 250));
    }
    const seen = {};
    for (const f of readdirSync(sinkDir).filter((x) => x.endsWith('.eml'))) {
      const m = readFileSync(join(sinkDir, f), 'utf8').match(/^Subject: (two-nodes .*)$/m);
      if (m) seen[m[1].trim()] = (seen[m[1].trim()] || 0) + 1;
    }
    assert.equal(Object.keys(seen).length, 40, 'every message arrived');
    assert.deepEqual(Object.entries(seen).filter(([, n]) => n !== 1), [], 'none arrived twice');
    const tries = query(db.url, "SELECT count(*) AS n FROM mail_attempt a JOIN mail_queue q ON q.id = a.mail_id WHERE q.kind = 'test'");
    assert.equal(Number(tries[0].n), 40, 'one attempt logged each');
  } finally {
    if (proxy) { proxy.kill('SIGTERM'); await new Promise((r) => (proxy.exitCode !== null ? r() : proxy.once('exit', r))); }
    if (a) await a.stop();
    if (b) await b.stop();
    if (sink) sink.kill('SIGTERM');
    db.drop();
    rmSync(dir, { recursive: true, force: true });
  }
});
