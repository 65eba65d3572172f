// SPDX-License-Identifier: AGPL-3.0-or-later
// A forgotten password by e-mail (issue 12): "Quên mật khẩu?" mails a
// one-time link through the mail queue (caught here by the SMTP sink); the
// link sets a new password and ends every session; it works once, for 30
// minutes, and only the token's hash is stored. The answer never tells
// whether the account exists, and the requests are throttled like logins.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_PASSWORD, freePort, login, startServer } from '../lib/server.mjs';
import { startSink } from '../lib/smtp_sink.mjs';
import { mails, waitMail } from '../lib/mailbox.mjs';
import { query } from '../lib/db.mjs';

const NOW = 1765000000; // the servers' clock (LANTOA_NOW)
let srv, later, sink, sinkDir, smtpPort;

before(async () => {
  const port = smtpPort = await freePort();
  sinkDir = mkdtempSync(join(tmpdir(), 'lantoa-forgot-'));
  sink = await startSink(port, sinkDir);
  const config = `[smtp]\nurl = smtp://127.0.0.1:${port}\nfrom = lantoa@example.org\n`;
  srv = await startServer({ config, env: { LANTOA_NOW: String(NOW) } });
  // The same database 31 minutes later: every link mailed by srv has ended there.
  later = await startServer({ dir: srv.dir, keep: true, config, env: { LANTOA_NOW: String(NOW + 31 * 60) } });
  query(srv.db, "UPDATE app_user SET email = 'lam.gialam@example.org' WHERE login = 'gialam';\n" +
    "UPDATE app_user SET email = 'ha.hanoi@example.org' WHERE login = 'hanoi';\n" +
    "UPDATE app_user SET email = 'cs03@example.org' WHERE login = 'cs-00526-03'");
});
after(async () => {
  await later.stop();
  await srv.stop();
  sink.kill('SIGTERM');
  rmSync(sinkDir, { recursive: true, force: true });
});

// POST path with a JSON body from the loopback address from (the throttle counts per address);
// extra: more request headers (a Host other than the address connected to, X-Forwarded-Proto).
function post(url, path, body, from = '127.0.0.1', extra = {}) {
  const data = JSON.stringify(body);
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({
      host: u.hostname, port: u.port, path, method: 'POST', localAddress: from, agent: false,
      headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(data), 'Accept-Language': 'en', ...extra },
    }, (res) => {
      let text = '';
      res.on('data', (d) => { text += d; });
      res.on('end', () => {
        let json = null;
        try { json = JSON.parse(text); } catch { /* not JSON */ }
        resolve({ status: res.statusCode, headers: res.headers, text, json });
      });
    });
    req.on('error', reject);
    req.end(data);
  });
}

const forgot = (url, ident, from, extra) => post(url, '/api/v1/password/forgot', { login: ident }, from, extra);
const reset = (url, token, pw, from) => post(url, '/api/v1/password/reset', { token, new_password: pw }, from);
const tokenOf = (m) => {
  const t = m.body.match(/\/#\/reset\?token=([A-Za-z0-9_-]{43})\b/);
  assert.ok(t, 'the mail holds the reset link: ' + m.body);
  return t[1];
};

test('the full path: the link in the mail sets a new password and ends every session', async () => {
  const seen = new Set(mails(sinkDir).map((m) => m.file));
  const before = await login(srv.url, 'gialam');
  assert.equal((await before.get('/api/v1/me')).status, 200);

  const r = await forgot(srv.url, 'gialam', '127.0.0.11');
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json, { sent: true, expires_in_minutes: 30 });
  const m = await waitMail(sinkDir, (x) => x.to.includes('lam.gialam@example.org'), seen);
  assert.match(m.subject, /Đặt lại mật khẩu/);
  assert.ok(m.body.startsWith('Kính gửi: Nguyễn Văn Lâm'), m.body);
  assert.ok(m.body.includes(`${srv.url}/#/reset?token=`), 'the link points at the server asked');
  const token = tokenOf(m);

  // Only the token's SHA-256 is stored.
  const rows = query(srv.db, 'SELECT token_hash, expires_at - created_at AS ttl, used_at FROM password_reset WHERE user_id = (SELECT id FROM app_user WHERE login = ?)', ['gialam']);
  assert.equal(rows.length, 1);
  assert.equal(rows[0].token_hash, createHash('sha256').update(token).digest('hex'));
  assert.equal(Number(rows[0].ttl), 30 * 60);
  assert.equal(query(srv.db, 'SELECT count(*) AS n FROM password_reset WHERE token_hash = ?', [token])[0].n * 1, 0);

  const done = await reset(srv.url, token, 'Mat-khau-moi-2026', '127.0.0.11');
  assert.equal(done.status, 200, done.text);
  assert.equal((await before.get('/api/v1/me')).status, 401, 'the old session ended');
  await assert.rejects(login(srv.url, 'gialam'), /401/, 'the old password no longer works');
  const after = await login(srv.url, 'gialam', 'Mat-khau-moi-2026');
  assert.equal(after.user.login, 'gialam');

  // Used once: the same link is refused, naming the token.
  const again = await reset(srv.url, token, 'Mot-mat-khau-khac-1', '127.0.0.11');
  assert.equal(again.status, 400, again.text);
  assert.equal(again.json.error.field, 'token');
  await login(srv.url, 'gialam', 'Mat-khau-moi-2026'); // unchanged by the refused reuse
  // Put the demo password back for the other tests.
  const back = await after.post('/api/v1/me/password', { current_password: 'Mat-khau-moi-2026', new_password: DEMO_PASSWORD });
  assert.equal(back.status, 200, back.text);
});

test('an e-mail address (any case) works as well as the login', async () => {
  const seen = new Set(mails(sinkDir).map((m) => m.file));
  const r = await forgot(srv.url, 'Ha.Hanoi@Example.ORG', '127.0.0.12');
  assert.equal(r.status, 200, r.text);
  const m = await waitMail(sinkDir, (x) => x.to.includes('ha.hanoi@example.org'), seen);
  assert.match(m.body, /tài khoản hanoi\b/);
});

test('an unknown login or address gets the same answer, and no mail goes out', async () => {
  const seen = new Set(mails(sinkDir).map((m) => m.file));
  const known = await forgot(srv.url, 'cs-00526-03', '127.0.0.13');
  const unknown = await forgot(srv.url, 'khong-co-ai-ten-nay', '127.0.0.13');
  const noMail = await forgot(srv.url, 'cs-00526-04', '127.0.0.13'); // exists, without an e-mail address
  const address = await forgot(srv.url, 'nobody@example.org', '127.0.0.13');
  for (const r of [unknown, noMail, address]) {
    assert.equal(r.status, known.status);
    assert.equal(r.text, known.text);
    assert.equal(r.headers['content-type'], known.headers['content-type']);
  }
  const queued = query(srv.db, "SELECT to_addr FROM mail_queue WHERE kind = 'password_reset'").map((x) => x.to_addr);
  assert.ok(queued.includes('cs03@example.org'));
  // Delivered before the next test asks again (its link would void this one).
  await waitMail(sinkDir, (x) => x.to.includes('cs03@example.org'), seen);
  assert.ok(!queued.some((a) => /nobody|khong-co-ai/.test(a)), JSON.stringify(queued));
  assert.equal(query(srv.db, "SELECT count(*) AS n FROM password_reset r JOIN app_user u ON u.id = r.user_id WHERE u.login = 'cs-00526-04'")[0].n * 1, 0);
});

test('a wrong token, a malformed one and a too-short password are refused', async () => {
  const wrong = await reset(srv.url, randomBytes(32).toString('base64url'), 'Mat-khau-moi-2026');
  assert.equal(wrong.status, 400);
  assert.equal(wrong.json.error.field, 'token');
  const short = await reset(srv.url, 'abc', 'Mat-khau-moi-2026');
  assert.equal(short.status, 400);
  assert.equal(short.json.error.field, 'token');

  // A too-short password names new_password and leaves the link usable.
  const seen = new Set(mails(sinkDir).map((m) => m.file));
  assert.equal((await forgot(srv.url, 'cs-00526-03', '127.0.0.14')).status, 200);
  const token = tokenOf(await waitMail(sinkDir, (x) => x.to.includes('cs03@example.org'), seen));
  const weak = await reset(srv.url, token, 'short');
  assert.equal(weak.status, 400, weak.text);
  assert.equal(weak.json.error.field, 'new_password');
  const ok = await reset(srv.url, token, DEMO_PASSWORD);
  assert.equal(ok.status, 200, ok.text);
  await login(srv.url, 'cs-00526-03');
});

test('a link has ended 30 minutes after it was mailed; a newer mail voids the older link', async () => {
  const seen = new Set(mails(sinkDir).map((m) => m.file));
  assert.equal((await forgot(srv.url, 'hanoi', '127.0.0.15')).status, 200);
  const first = await waitMail(sinkDir, (x) => x.to.includes('ha.hanoi@example.org'), seen);
  seen.add(first.file);
  const token = tokenOf(first);
  // 31 minutes later (another server on the same database, its clock ahead): ended.
  const late = await reset(later.url, token, 'Mat-khau-moi-2026');
  assert.equal(late.status, 400, late.text);
  assert.equal(late.json.error.field, 'token');
  await login(srv.url, 'hanoi'); // the password did not change

  // Asked again: the first link no longer works, the second does.
  assert.equal((await forgot(srv.url, 'hanoi', '127.0.0.15')).status, 200);
  const second = tokenOf(await waitMail(sinkDir, (x) => x.to.includes('ha.hanoi@example.org'), seen));
  assert.notEqual(second, token);
  assert.equal((await reset(srv.url, token, 'Mat-khau-moi-2026')).status, 400);
  assert.equal((await reset(srv.url, second, DEMO_PASSWORD)).status, 200);
});

test('requests are throttled like logins, for known and unknown accounts alike', async () => {
  for (const [ident, from] of [['cs-00526-03', '127.0.0.21'], ['khong-ton-tai', '127.0.0.22']]) {
    const rs = [];
    for (let i = 0; i < 6; i++) rs.push(await forgot(srv.url, ident, from));
    assert.deepEqual(rs.map((r) => r.status), [200, 200, 200, 200, 200, 429], ident);
    assert.ok(Number(rs[5].headers['retry-after']) >= 1, 'Retry-After');
    assert.equal(rs[5].json.error.code, 'too_many_requests');
    assert.equal(rs[5].json.error.field, 'login');
  }
  // Another address is not held back by them, and logins are not spent by them.
  assert.equal((await forgot(srv.url, 'cs-00526-03', '127.0.0.23')).status, 200);
  await login(srv.url, 'cs-00526-03');
});

test('the link\'s address: [server] public_url first, then [feedback] public_url, then the listen address, never the request\'s Host', async () => {
  // Three servers on the same database, each configured one way; xa-00577 asks on each.
  query(srv.db, "UPDATE app_user SET email = 'xa.daton@example.org' WHERE login = 'xa-00577'");
  const smtp = `[smtp]\nurl = smtp://127.0.0.1:${smtpPort}\nfrom = lantoa@example.org\n`;
  const both = await startServer({ dir: srv.dir, keep: true, env: { LANTOA_NOW: String(NOW) },
    config: smtp + '[server]\npublic_url = https://lantoa.congdoan.example/\n[feedback]\npublic_url = https://gopy.congdoan.example\n' });
  const feedbackOnly = await startServer({ dir: srv.dir, keep: true, env: { LANTOA_NOW: String(NOW) },
    config: smtp + '[feedback]\npublic_url = https://gopy.congdoan.example/\n' });
  const neither = await startServer({ dir: srv.dir, keep: true, env: { LANTOA_NOW: String(NOW) }, config: smtp });
  try {
    // The mail as queued (the sink's delivery is proven by the tests above).
    const queued = () => query(srv.db, "SELECT id, body FROM mail_queue WHERE kind = 'password_reset' AND to_addr = 'xa.daton@example.org' ORDER BY id DESC LIMIT 1")[0];
    const linkOf = async (server, extra, from) => {
      const last = queued()?.id ?? 0;
      const r = await forgot(server.url, 'xa-00577', from, extra);
      assert.equal(r.status, 200, r.text);
      const m = queued();
      assert.ok(m && m.id !== last, 'a reset mail was queued');
      tokenOf(m);
      return m.body.match(/(\S*)\/#\/reset\?token=/)[1];
    };
    // Both set: the server's own address wins (its trailing slash dropped), whatever the Host said.
    assert.equal(await linkOf(both, { Host: 'ke-gia-mao.example' }, '127.0.0.31'), 'https://lantoa.congdoan.example');
    // Only the feedback form's address: that one.
    assert.equal(await linkOf(feedbackOnly, { Host: 'ke-gia-mao.example' }, '127.0.0.32'), 'https://gopy.congdoan.example');
    // Neither: the address the server listens on. Never the request's Host, which the
    // requester chose: the victim's token would go to the requester's site.
    assert.equal(await linkOf(neither, { Host: 'ke-gia-mao.example' }, '127.0.0.33'), neither.url);
    assert.equal(await linkOf(neither, { Host: 'ke-gia-mao.example', 'X-Forwarded-Proto': 'https' }, '127.0.0.34'), neither.url);
  } finally {
    for (const s of [both, feedbackOnly, neither]) await s.stop();
  }
});
