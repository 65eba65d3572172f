// SPDX-License-Identifier: AGPL-3.0-or-later
// Issue 13, finding 9: a password is changed over HTTP by its user (with
// the current one; every other session ends, the caller gets a new one) and
// reset by an officer or administrator for a user of its subtree whose role
// is not above its own (every session of that user ends). Stored Argon2id.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sqlText } from '../lib/db.mjs';
import { startServer, login, DEMO_PASSWORD, BIN, ROOT } from '../lib/server.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv?.stop(); });

const hashOf = (loginName) => sqlText(srv.db, `SELECT pw_hash FROM app_user WHERE login = '${loginName}'`);
const tryLogin = (loginName, password) => fetch(srv.url + '/api/v1/login', {
  method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ login: loginName, password }),
}).then((r) => r.status);

test('a user changes its own password: the current one is checked, other sessions end, the caller stays in', async () => {
  const phone = await login(srv.url, 'cs-00577-02', DEMO_PASSWORD, 'en');
  const laptop = await login(srv.url, 'cs-00577-02', DEMO_PASSWORD, 'en');
  const before = hashOf('cs-00577-02');

  let r = await laptop.post('/api/v1/me/password', { current_password: 'not-it-at-all', new_password: 'mat-khau-moi-2024' });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.field, 'current_password');
  r = await laptop.post('/api/v1/me/password', { current_password: DEMO_PASSWORD, new_password: 'short' });
  assert.deepEqual([r.status, r.json.error.field], [400, 'new_password']);
  r = await laptop.post('/api/v1/me/password', { current_password: DEMO_PASSWORD, new_password: DEMO_PASSWORD });
  assert.deepEqual([r.status, r.json.error.field], [400, 'new_password']);
  r = await laptop.call('POST', '/api/v1/me/password', { current_password: 'sai', new_password: 'mat-khau-moi-2024' }, { 'Accept-Language': 'vi' });
  assert.equal(r.json.error.message, 'Mật khẩu hiện tại không đúng');
  assert.equal(hashOf('cs-00577-02'), before, 'nothing changed by the refusals');

  r = await laptop.post('/api/v1/me/password', { current_password: DEMO_PASSWORD, new_password: 'mat-khau-moi-2024' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.user.login, 'cs-00577-02');
  const cookie = r.headers.get('set-cookie').split(';')[0];
  assert.notEqual(cookie, laptop.cookie, 'a new session');
  // The phone's session and the laptop's old one are over; the new one works.
  assert.equal((await phone.get('/api/v1/me')).status, 401);
  assert.equal((await laptop.get('/api/v1/me')).status, 401);
  const me = await fetch(srv.url + '/api/v1/me', { headers: { Cookie: cookie } });
  assert.equal(me.status, 200);
  // Stored as Argon2id; the old password no longer logs in, the new one does.
  assert.match(hashOf('cs-00577-02'), /^\$argon2id\$/);
  assert.equal(await tryLogin('cs-00577-02', DEMO_PASSWORD), 401);
  assert.equal(await tryLogin('cs-00577-02', 'mat-khau-moi-2024'), 200);
});

test('a wrong current password counts like a failed login: guessing is throttled (429 with Retry-After)', async () => {
  const c = await login(srv.url, 'cs-00580-01', DEMO_PASSWORD, 'en');
  const statuses = [];
  let retry = null;
  for (let i = 0; i < 12; i++) {
    const r = await c.post('/api/v1/me/password', { current_password: 'guess-' + i, new_password: 'mat-khau-moi-2024' });
    statuses.push(r.status);
    if (r.status === 429) { retry = r.headers.get('retry-after'); break; }
  }
  assert.equal(statuses.at(-1), 429, statuses.join(' '));
  assert.ok(Number(retry) >= 1, `Retry-After ${retry}`);
  assert.ok(statuses.slice(0, -1).every((s) => s === 400));
});

test('an officer resets the password of a user of its subtree; outside it the user does not exist; not above its role, not itself', async () => {
  const gialam = await login(srv.url, 'gialam', DEMO_PASSWORD, 'en');
  const other = await login(srv.url, 'xa-00565', DEMO_PASSWORD, 'en'); // another commune of Gia Lâm
  const cadre = await login(srv.url, 'cs-00577-01', DEMO_PASSWORD, 'en');
  const users = (await gialam.get('/api/v1/users?limit=500')).json.items;
  const id = (l) => users.find((u) => u.login === l)?.id ?? (l === 'admin' ? null : assert.fail(l));
  const target = id('cs-00577-01');
  const before = hashOf('cs-00577-01');

  let r = await other.post(`/api/v1/users/${target}/password`, { password: 'dat-lai-2024-x' });
  assert.deepEqual([r.status, r.json.error.field], [404, 'id'], 'outside the subtree: not found');
  r = await cadre.post(`/api/v1/users/${target}/password`, { password: 'dat-lai-2024-x' });
  assert.equal(r.status, 403, 'a cadre resets nobody');
  r = await gialam.post(`/api/v1/users/${gialam.user.id}/password`, { password: 'dat-lai-2024-x' });
  assert.deepEqual([r.status, r.json.error.field], [403, 'id'], 'not oneself');
  r = await gialam.post('/api/v1/users/999999/password', { password: 'dat-lai-2024-x' });
  assert.equal(r.status, 404);
  r = await gialam.post(`/api/v1/users/${target}/password`, { password: 'short' });
  assert.deepEqual([r.status, r.json.error.field], [400, 'password']);
  assert.equal(hashOf('cs-00577-01'), before, 'nothing changed by the refusals');
  assert.equal((await cadre.get('/api/v1/me')).status, 200);

  r = await gialam.post(`/api/v1/users/${target}/password`, { password: 'dat-lai-2024-x' });
  assert.equal(r.status, 200, r.text);
  assert.equal((await cadre.get('/api/v1/me')).status, 401, "the user's sessions end");
  assert.match(hashOf('cs-00577-01'), /^\$argon2id\$/);
  assert.equal(await tryLogin('cs-00577-01', DEMO_PASSWORD), 401);
  assert.equal(await tryLogin('cs-00577-01', 'dat-lai-2024-x'), 200);

  // The city's officer cannot reset an administrator (a role above its own).
  const hanoi = await login(srv.url, 'hanoi', DEMO_PASSWORD, 'en');
  const all = (await hanoi.get('/api/v1/users?limit=500')).json.items;
  const adminUser = all.find((u) => u.role === 'admin');
  if (adminUser) {
    r = await hanoi.post(`/api/v1/users/${adminUser.id}/password`, { password: 'dat-lai-2024-x' });
    assert.deepEqual([r.status, r.json.error.field], [403, 'id']);
  }
});

// The memory of a new hash is the operator's ([security] hash_memory, or
// LANTOA_HASH_MEMORY), never below OWASP's minimum for Argon2id: a lower or
// malformed one stops the command at start and names where it came from.
test('the Argon2id memory cost: set by the config or LANTOA_HASH_MEMORY, refused below 19456 KiB', () => {
  const env = { ...process.env };
  delete env.LANTOA_HASH_MEMORY; // the suite's own cost (tests/lib/bin.mjs)
  const run = (args, input, extra = {}) => spawnSync(BIN, ['--db', srv.db, ...args],
    { input, encoding: 'utf8', cwd: ROOT, env: { ...env, LANG: 'en_US.UTF-8', ...extra } });
  const dir = mkdtempSync(join(tmpdir(), 'lantoa-hash-'));
  try {
    const conf = (v) => { const f = join(dir, `c${v}.conf`); writeFileSync(f, `[security]\nhash_memory = ${v}\n`); return f; };
    let r = run(['--config', conf(24576), 'user', 'passwd', 'cs-00580-02', '--password-stdin'], 'mat-khau-cau-hinh\n');
    assert.equal(r.status, 0, r.stderr);
    assert.match(hashOf('cs-00580-02'), /^\$argon2id\$v=19\$m=24576,t=2,p=1\$/);
    r = run(['--config', conf(24576), 'user', 'passwd', 'cs-00580-02', '--password-stdin'], 'mat-khau-bien-moi\n',
      { LANTOA_HASH_MEMORY: '20480' });
    assert.equal(r.status, 0, r.stderr);
    assert.match(hashOf('cs-00580-02'), /\$m=20480,t=2,/, 'the variable wins over the file');
    r = run(['user', 'passwd', 'cs-00580-02', '--password-stdin'], 'mat-khau-mac-dinh\n');
    assert.equal(r.status, 0, r.stderr);
    assert.match(hashOf('cs-00580-02'), /\$m=65536,t=2,/, "the default: libsodium's interactive limit");
    const before = hashOf('cs-00580-02');

    r = run(['user', 'passwd', 'cs-00580-02', '--password-stdin'], 'khong-duoc-ghi\n', { LANTOA_HASH_MEMORY: '8192' });
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /LANTOA_HASH_MEMORY = "8192".*from 19456 \(OWASP's minimum for Argon2id\)/);
    r = run(['--config', conf('64MiB'), 'user', 'passwd', 'cs-00580-02', '--password-stdin'], 'khong-duoc-ghi\n', { LANG: 'vi_VN.UTF-8' });
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /security\.hash_memory = "64MiB": bộ nhớ của một lần băm mật khẩu/);
    assert.equal(hashOf('cs-00580-02'), before, 'a refused cost writes nothing');
    assert.equal(run(['user', 'list'], '', { LANTOA_HASH_MEMORY: '1e9' }).status === 0, false);
  } finally { rmSync(dir, { recursive: true, force: true }); }
});
