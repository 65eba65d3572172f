// SPDX-License-Identifier: AGPL-3.0-or-later
// The daily e-mail digest (issue 12): a user turns it on for itself (off by
// default); once a day, from 7:00 Vietnam time, each such user with open
// to-do items gets one mail listing them (the list of GET /api/v1/todo),
// none when the list is empty, never two for one day — by `lantoa digest
// send [--now]` and by the server's own round. Clocks are pinned (LANTOA_NOW).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, freePort, login, startServer } from '../lib/server.mjs';
import { startSink } from '../lib/smtp_sink.mjs';
import { mails, waitMail } from '../lib/mailbox.mjs';
import { query } from '../lib/db.mjs';

// 06:00 on 07/12/2026 and 08:00 on 08/12/2026, Vietnam time (UTC+7).
const DAY1_0600 = Date.UTC(2026, 11, 6, 23, 0) / 1000;
const DAY2_0800 = Date.UTC(2026, 11, 8, 1, 0) / 1000;
let srv, sink, sinkDir, cfgDir, cfg, config;

before(async () => {
  const port = await freePort();
  sinkDir = mkdtempSync(join(tmpdir(), 'lantoa-digest-'));
  sink = await startSink(port, sinkDir);
  config = `[smtp]\nurl = smtp://127.0.0.1:${port}\nfrom = lantoa@example.org\n`;
  cfgDir = mkdtempSync(join(tmpdir(), 'lantoa-digest-cfg-'));
  cfg = join(cfgDir, 'lantoa.conf');
  writeFileSync(cfg, config);
  srv = await startServer({ config, env: { LANTOA_NOW: String(DAY1_0600) } });
  // A union of its own with one cadre: nothing to do there.
  for (const args of [['unit', 'add', '--code', 'T99', '--name', 'CĐCS Thử nghiệm', '--level', 'grassroots', '--parent', '01.018'],
    ['user', 'add', '--name', 'Người Thử', '--unit', 'T99', '--email', 'thu@example.org', '--password-stdin', 'thu']]) {
    const r = cli(srv.db, args, 'lantoa2024\n');
    assert.equal(r.status, 0, r.stderr);
  }
  query(srv.db, "UPDATE app_user SET email = 'lam.gialam@example.org' WHERE login = 'gialam'");
});
after(async () => {
  await srv.stop();
  sink.kill('SIGTERM');
  rmSync(sinkDir, { recursive: true, force: true });
  rmSync(cfgDir, { recursive: true, force: true });
});

const digestSend = (now, ...args) => {
  const r = cli(srv.db, ['--config', cfg, '--json', 'digest', 'send', ...args], undefined, { LANTOA_NOW: String(now) });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
};
const digestsTo = (addr) => mails(sinkDir).filter((m) => m.to.includes(addr) && /^Việc cần làm ngày/.test(m.subject));

test('off by default; each user turns it on for itself', async () => {
  const lam = await login(srv.url, 'gialam');
  assert.deepEqual((await lam.get('/api/v1/me/digest')).json, { enabled: false });
  const on = await lam.post('/api/v1/me/digest', { enabled: true });
  assert.equal(on.status, 200, on.text);
  assert.deepEqual(on.json, { enabled: true });
  assert.deepEqual((await lam.get('/api/v1/me/digest')).json, { enabled: true });
  const bad = await lam.post('/api/v1/me/digest', { enabled: 'yes' });
  assert.equal(bad.status, 400);
  assert.equal(bad.json.error.field, 'enabled');
  const thu = await login(srv.url, 'thu');
  assert.equal((await thu.post('/api/v1/me/digest', { enabled: true })).status, 200);
  // Nobody else's setting moved.
  const rows = query(srv.db, 'SELECT login FROM app_user WHERE digest = 1 ORDER BY login');
  assert.deepEqual(rows.map((r) => r.login), ['gialam', 'thu']);
});

test('lantoa digest send: not before 7:00 unless --now; one mail with the open to-do items; none for an empty list; never twice a day', async () => {
  const early = digestSend(DAY1_0600);
  assert.equal(early.early, true);
  assert.equal(early.queued, 0);
  assert.equal(digestsTo('lam.gialam@example.org').length, 0);

  const run = digestSend(DAY1_0600, '--now');
  assert.equal(run.queued, 1, JSON.stringify(run));
  assert.equal(run.empty, 1, 'thu has nothing to do: no mail');
  // The command delivers the queue, unless the running server's mail worker
  // claimed the message first (FOR UPDATE SKIP LOCKED; seen on PostgreSQL under
  // load): either way it leaves once, and nothing fails.
  assert.equal(run.failed, 0, JSON.stringify(run));
  assert.ok(run.sent <= 1, JSON.stringify(run));
  const m = await waitMail(sinkDir, (x) => x.to.includes('lam.gialam@example.org'));
  assert.equal(digestsTo('lam.gialam@example.org').length, 1, 'sent once');
  // The same list the user sees (the server runs on the same clock).
  const lam = await login(srv.url, 'gialam');
  const todo = (await lam.get('/api/v1/todo?limit=50')).json;
  assert.ok(todo.total > 0, 'the demo leaves the district work to do');
  assert.equal(m.subject, `Việc cần làm ngày 07/12: ${todo.total} việc (lantoa)`);
  assert.ok(m.body.startsWith('Kính gửi: Nguyễn Văn Lâm'), m.body);
  assert.match(m.body, new RegExp(`Việc cần làm ngày 07/12/2026 trên lantoa: ${todo.total} việc`));
  for (const it of todo.items) {
    assert.ok(m.body.includes(it.title), 'lists ' + it.title);
    // A mail link is absolute: no [server] public_url here, so the address served (the default listen).
    assert.ok(m.body.includes('   http://127.0.0.1:8080' + it.url + '\n'), 'links ' + it.url + ' absolutely');
  }
  assert.doesNotMatch(m.body, /^\s*\/#\//m, 'no bare path links');
  assert.match(m.body, /Tắt thư này tại http:\/\/127\.0\.0\.1:8080\/#\/account\/password/);
  assert.equal(mails(sinkDir).filter((x) => x.to.includes('thu@example.org')).length, 0);

  const again = digestSend(DAY1_0600, '--now');
  assert.equal(again.queued, 0, 'never twice for one day');
  assert.equal(again.empty, 0);
  assert.equal(digestsTo('lam.gialam@example.org').length, 1);
  assert.equal(query(srv.db, "SELECT digest_day FROM app_user WHERE login = 'gialam'")[0].digest_day, '2026-12-07');
});

test("the server's round sends the next day's digest by itself, once", async () => {
  // [server] public_url is the base of every link in the mail.
  const day2 = await startServer({ dir: srv.dir, keep: true, config: config + '[server]\npublic_url = https://lantoa.example.org/\n', env: { LANTOA_NOW: String(DAY2_0800) } });
  try {
    const m = await waitMail(sinkDir, (x) => x.to.includes('lam.gialam@example.org') && /ngày 08\/12/.test(x.subject));
    assert.match(m.body, /Duyệt báo cáo|Nộp báo cáo|Xác nhận|Xử lý|Nhắc/);
    const links = m.body.split('\n').filter((l) => /^   \S/.test(l)).map((l) => l.trim());
    assert.ok(links.length > 0);
    for (const l of links) assert.match(l, /^https:\/\/lantoa\.example\.org\/#\//, l);
    // The console, run after it on the same day, finds it sent.
    const r = digestSend(DAY2_0800, '--now');
    assert.equal(r.queued, 0);
    assert.equal(digestsTo('lam.gialam@example.org').length, 2);
    // Turned off: the next day brings nothing.
    const lam = await login(day2.url, 'gialam');
    assert.equal((await lam.post('/api/v1/me/digest', { enabled: false })).status, 200);
    assert.equal(digestSend(DAY2_0800 + 86400, '--now').queued, 0);
  } finally {
    await day2.stop();
  }
});

test('[server] public_url must be an http(s) address: a bad one stops the command naming the setting', () => {
  const bad = join(cfgDir, 'bad.conf');
  writeFileSync(bad, config + '[server]\npublic_url = lantoa.example.org\n');
  const r = cli(srv.db, ['--config', bad, 'digest', 'send', '--now']);
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /server\.public_url/);
  assert.match(r.stderr, /http:\/\/ hoặc https:\/\//);
});
