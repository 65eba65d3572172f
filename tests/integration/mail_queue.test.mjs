// SPDX-License-Identifier: AGPL-3.0-or-later
// The mail queue claims before it sends (issue 9, item 2): however many
// senders compete — `lantoa mail run` processes, the server's worker — each
// queued message reaches the SMTP server exactly once, with one attempt
// logged; a claim whose process died comes back once its lease has passed,
// and not before.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, ROOT, cli, freePort, startServer } from '../lib/server.mjs';
import { startSink } from '../lib/smtp_sink.mjs';
import { query, testDatabase } from '../lib/db.mjs';

const NOW = 1708000000; // the clock every process runs on (LANTOA_NOW)
let port, sink, sinkDir, dir;

before(async () => {
  port = await freePort();
  sinkDir = mkdtempSync(join(tmpdir(), 'lantoa-mailq-'));
  sink = await startSink(port, sinkDir);
  dir = mkdtempSync(join(tmpdir(), 'lantoa-mailq-db-'));
});

after(() => {
  sink.kill('SIGTERM');
  rmSync(sinkDir, { recursive: true, force: true });
  rmSync(dir, { recursive: true, force: true });
});

// A fresh database with the schema, and a config pointing at the sink.
function fresh(name) {
  const db = testDatabase(dir, name + '.db').url;
  const r = cli(db, ['init']);
  assert.equal(r.status, 0, r.stderr);
  const cfg = join(dir, name + '.conf');
  writeFileSync(cfg, `[smtp]\nurl = smtp://127.0.0.1:${port}\nfrom = lantoa@example.org\n`);
  return { db, cfg };
}

// SQL on the test database (the statements a test needs to set a scene), on either backend.
const sql = (db, script, params = []) => query(db, script, params);

// Queue n messages with subjects "<tag> 000" … and return their subjects.
function queue(db, tag, n) {
  const subjects = Array.from({ length: n }, (_, i) => `${tag} ${String(i).padStart(3, '0')}`);
  // One statement for all: each query() is a process (python3 or psql).
  const row = `('test', 0, 'unit@example.org', ?, 'Noi dung', ${NOW}, ${NOW})`;
  sql(db, `INSERT INTO mail_queue(kind, ref_id, to_addr, subject, body, next_attempt_at, created_at) VALUES ${subjects.map(() => row).join(', ')}`, subjects);
  return subjects;
}

// `lantoa mail run` as a child process; resolves with its exit code and output.
function mailRun(m) {
  return new Promise((resolve) => {
    const p = spawn(BIN, ['--db', m.db, '--config', m.cfg, '--json', 'mail', 'run'], { cwd: ROOT, env: { ...process.env, LANTOA_NOW: String(NOW) } });
    let out = '';
    p.stdout.on('data', (d) => { out += d; });
    p.stderr.on('data', (d) => { out += d; });
    p.on('close', (code) => resolve({ code, out })); // 'close': after stdout has drained ('exit' may come before it)
  });
}

// How many times the sink received each subject with the given tag.
function received(tag) {
  const seen = {};
  for (const f of readdirSync(sinkDir).filter((x) => x.endsWith('.eml'))) {
    const m = readFileSync(join(sinkDir, f), 'utf8').match(/^Subject: (.*)$/m);
    if (m && m[1].trim().startsWith(tag)) seen[m[1].trim()] = (seen[m[1].trim()] || 0) + 1;
  }
  return seen;
}

function assertOnceEach(m, tag, subjects) {
  const seen = received(tag);
  assert.deepEqual(Object.keys(seen).sort(), subjects, 'every message arrived');
  assert.deepEqual(Object.entries(seen).filter(([, n]) => n !== 1), [], 'none arrived twice');
  const rows = sql(m.db, "SELECT status, attempts, claimed_by, (SELECT count(*) FROM mail_attempt a WHERE a.mail_id = q.id) AS tries FROM mail_queue q WHERE kind = 'test'");
  assert.equal(rows.length, subjects.length);
  for (const r of rows) assert.deepEqual(r, { status: 'sent', attempts: 1, claimed_by: null, tries: 1 });
}

test('two `lantoa mail run` at once send each queued message exactly once', async () => {
  const m = fresh('two-cli');
  const subjects = queue(m.db, 'two-cli', 40);
  const [a, b] = await Promise.all([mailRun(m), mailRun(m)]);
  assert.equal(a.code, 0, a.out);
  assert.equal(b.code, 0, b.out);
  const ja = JSON.parse(a.out), jb = JSON.parse(b.out);
  assert.equal(ja.sent + jb.sent, 40, 'the two runs shared the queue: ' + a.out + b.out);
  assert.equal(ja.lost + jb.lost, 0);
  assertOnceEach(m, 'two-cli', subjects);
  // Nothing is left: a third run sends nothing.
  const c = await mailRun(m);
  assert.deepEqual(JSON.parse(c.out), { sent: 0, failed: 0, lost: 0 });
});

test("the server's worker and two console runs compete: still once each", async () => {
  // Queued before the server starts, so that its worker sets to work at once.
  const sdir = mkdtempSync(join(tmpdir(), 'lantoa-mailq-srv-'));
  const m = { db: testDatabase(sdir).url, cfg: join(dir, 'server.conf') };
  assert.equal(cli(m.db, ['init']).status, 0);
  writeFileSync(m.cfg, `[smtp]\nurl = smtp://127.0.0.1:${port}\nfrom = lantoa@example.org\n`);
  const subjects = queue(m.db, 'server', 150);
  const srv = await startServer({ dir: sdir, demo: false, config: readFileSync(m.cfg, 'utf8'), env: { LANTOA_NOW: String(NOW) } });
  try {
    const [a, b] = await Promise.all([mailRun(m), mailRun(m)]);
    assert.equal(a.code, 0, a.out);
    assert.equal(b.code, 0, b.out);
    for (let t = 0; t < 100; t++) {
      if (sql(m.db, "SELECT count(*) AS n FROM mail_queue WHERE status <> 'sent' OR claimed_by IS NOT NULL")[0].n === 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    assertOnceEach(m, 'server', subjects);
  } finally {
    await srv.stop();
  }
});

test('a claim whose sender died comes back after its lease, not before', async () => {
  const m = fresh('lease');
  queue(m.db, 'lease', 2);
  // One claim expired a second ago (its process died); one is still live.
  sql(m.db, `UPDATE mail_queue SET claimed_by = 'dead', claimed_until = ${NOW - 1} WHERE subject = 'lease 000';
UPDATE mail_queue SET claimed_by = 'alive', claimed_until = ${NOW + 300} WHERE subject = 'lease 001'`);
  let r = await mailRun(m);
  assert.equal(r.code, 0, r.out);
  assert.deepEqual(JSON.parse(r.out), { sent: 1, failed: 0, lost: 0 });
  assert.deepEqual(received('lease'), { 'lease 000': 1 });
  // The live claim's owner never came back: after the lease it is sent.
  r = await new Promise((resolve) => {
    const p = spawn(BIN, ['--db', m.db, '--config', m.cfg, '--json', 'mail', 'run'], { cwd: ROOT, env: { ...process.env, LANTOA_NOW: String(NOW + 301) } });
    let out = '';
    p.stdout.on('data', (d) => { out += d; });
    p.on('close', (code) => resolve({ code, out })); // 'close': after stdout has drained ('exit' may come before it)
  });
  assert.equal(r.code, 0);
  assert.deepEqual(JSON.parse(r.out), { sent: 1, failed: 0, lost: 0 });
  assert.deepEqual(received('lease'), { 'lease 000': 1, 'lease 001': 1 });
});
