// SPDX-License-Identifier: AGPL-3.0-or-later
// Login, sessions, CSRF and throttling against the real server.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login, DEMO_PASSWORD } from '../lib/server.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv.stop(); });

const post = (path, body, headers = {}) => fetch(srv.url + path, {
  method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body),
});

test('login sets an HttpOnly SameSite=Strict session cookie and returns a CSRF token', async () => {
  const r = await post('/api/v1/login', { login: 'gialam', password: DEMO_PASSWORD });
  assert.equal(r.status, 200);
  const cookie = r.headers.get('set-cookie');
  assert.match(cookie, /^lantoa_session=[A-Za-z0-9_-]{43};/);
  assert.match(cookie, /HttpOnly/);
  assert.match(cookie, /SameSite=Strict/);
  assert.doesNotMatch(cookie, /Secure/); // not configured
  const j = await r.json();
  assert.equal(j.user.login, 'gialam');
  assert.equal(j.user.role, 'officer');
  assert.equal(j.user.unit.name, 'LĐLĐ huyện Gia Lâm');
  assert.equal(j.csrf_token.length, 43);
});

test('wrong password is 401 with the error body, in Vietnamese or English', async () => {
  let r = await post('/api/v1/login', { login: 'hanoi', password: 'wrong-password' });
  assert.equal(r.status, 401);
  let j = await r.json();
  assert.equal(j.error.code, 'unauthorized');
  assert.equal(j.error.field, 'password');
  assert.equal(j.error.message, 'Sai tên đăng nhập hoặc mật khẩu');
  r = await post('/api/v1/login', { login: 'nobody-here', password: 'whatever1' }, { 'Accept-Language': 'en-US,en;q=0.9' });
  j = await r.json();
  assert.equal(r.status, 401);
  assert.equal(j.error.message, 'Wrong login or password');
});

test('every /api/v1 route except the public ones (login, a forgotten password) answers 401 without a session', async () => {
  // Read the route table itself, so that a new route cannot slip through.
  const { readFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { ROOT } = await import('../lib/server.mjs');
  const routes = [...readFileSync(join(ROOT, 'src/http/routes.def'), 'utf8')
    .matchAll(/\{ "(GET|POST|PUT|PATCH|DELETE)", "(\/api\/v1\/[^"]+)"/g)]
    .map((m) => [m[1], m[2].replace(/\{id\}/g, '1')])
    .filter(([, path]) => !['/api/v1/login', '/api/v1/password/forgot', '/api/v1/password/reset'].includes(path));
  assert.ok(routes.length > 60, `${routes.length} routes`);
  for (const [method, path] of routes) {
    const r = await fetch(srv.url + path, { method, headers: { 'Content-Type': 'application/json' }, body: method === 'GET' ? undefined : '{}' });
    assert.equal(r.status, 401, `${method} ${path}`);
    const j = await r.json();
    assert.equal(j.error.code, 'unauthorized');
  }
});

test('a state-changing request without the CSRF token is refused and writes nothing', async () => {
  const s = await login(srv.url, 'gialam');
  const before = await s.get('/api/v1/units?q=csrf-test-unit');
  assert.equal(before.json.items.length, 0);
  const body = JSON.stringify({ code: 'CSRF1', name: 'csrf-test-unit', level: 'grassroots', parent_id: 3 });
  for (const token of [undefined, 'not-the-token']) {
    const h = { Cookie: s.cookie, 'Content-Type': 'application/json' };
    if (token) h['X-CSRF-Token'] = token;
    const r = await fetch(srv.url + '/api/v1/units', { method: 'POST', headers: h, body });
    assert.equal(r.status, 403);
    assert.equal((await r.json()).error.code, 'csrf');
  }
  const afterList = await s.get('/api/v1/units?q=csrf-test-unit');
  assert.equal(afterList.json.items.length, 0);
  // With the token the same request works.
  const ok = await s.post('/api/v1/units', JSON.parse(body));
  assert.equal(ok.status, 201);
});

test('me returns the session user; logout ends the session', async () => {
  const s = await login(srv.url, 'hanoi');
  let r = await s.get('/api/v1/me');
  assert.equal(r.status, 200);
  assert.equal(r.json.user.unit.code, '01');
  assert.equal(r.json.csrf_token, s.csrf);
  r = await s.post('/api/v1/logout', {});
  assert.equal(r.status, 200);
  assert.match(r.headers.get('set-cookie'), /Max-Age=0/);
  r = await s.get('/api/v1/me');
  assert.equal(r.status, 401);
});

test('login is throttled per account after repeated failures', async () => {
  for (let i = 0; i < 5; i++) {
    const r = await post('/api/v1/login', { login: 'cs-00526-01', password: 'bad-password-' + i });
    assert.equal(r.status, 401);
  }
  // Even the right password is refused while throttled.
  const r = await post('/api/v1/login', { login: 'cs-00526-01', password: DEMO_PASSWORD });
  assert.equal(r.status, 429);
  assert.equal((await r.json()).error.code, 'too_many_requests');
  assert.ok(r.headers.get('retry-after'));
  // Another account from the same address is still fine.
  const other = await post('/api/v1/login', { login: 'cs-00526-02', password: DEMO_PASSWORD });
  assert.equal(other.status, 200);
});

test('password set from the CLI works at once and old sessions end', async () => {
  const { cli } = await import('../lib/server.mjs');
  const s = await login(srv.url, 'cs-00577-01');
  const r = cli(srv.db, ['user', 'passwd', 'cs-00577-01', '--password-stdin'], 'a-new-password-1\n');
  assert.equal(r.status, 0, r.stderr);
  assert.equal((await s.get('/api/v1/me')).status, 401);
  await login(srv.url, 'cs-00577-01', 'a-new-password-1');
});

// Behind TLS the session cookie must be Secure. An operator who gives the https://
// address people use ([server] public_url) and forgets secure_cookies still gets
// it; secure_cookies said either way wins.
test('the session cookie is Secure when public_url is https://, unless secure_cookies says otherwise', async () => {
  const cookieWith = async (config) => {
    const s = await startServer({ dir: srv.dir, keep: true, config });
    try {
      const r = await fetch(s.url + '/api/v1/login', { method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ login: 'gialam', password: DEMO_PASSWORD }) });
      assert.equal(r.status, 200);
      return r.headers.get('set-cookie');
    } finally {
      await s.stop();
    }
  };
  assert.match(await cookieWith('[server]\npublic_url = https://lantoa.congdoan.example\n'), /; Secure/);
  assert.doesNotMatch(await cookieWith('[server]\npublic_url = https://lantoa.congdoan.example\nsecure_cookies = false\n'), /Secure/);
  assert.doesNotMatch(await cookieWith('[server]\npublic_url = http://10.0.0.5:8080\n'), /Secure/);
  assert.match(await cookieWith('[server]\nsecure_cookies = true\n'), /; Secure/);
});
