// SPDX-License-Identifier: AGPL-3.0-or-later
// Losing PostgreSQL while running (issue 11): lantoa serves a throw-away
// PostgreSQL of its own (tests/lib/pg_extra.mjs); the server is stopped under
// it, and requests get 503 with Retry-After and a JSON error in the asked
// language naming the server, promptly (bounded connect and statement
// timeouts); the server comes back and the same session works again, reads and
// writes, without restarting lantoa (the pool reconnects on next use).
// A primary demoted while it stays up (its connections live on, read-only)
// gives 503 with Retry-After on writes, and each pooled connection is made
// anew at its next use, so writes work again without a restart.
// At start, a malformed URL, a refused connection and a failed
// authentication each stop `lantoa serve` with a non-zero status and a
// message naming the server and the reason.
// PostgreSQL only (the integration-pg suite): an SQLite file cannot go away
// like a server can.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { BIN, ROOT, cli, freePort, login } from '../lib/server.mjs';
import { PG_URL } from '../lib/pg.mjs';
import { serve, startPg } from '../lib/pg_extra.mjs';

const skip = PG_URL ? false : 'PostgreSQL only (integration-pg suite): an SQLite file cannot go away like a server';

// A request with a bound: a reply that never comes fails the test instead of hanging it.
const bounded = (url, init = {}) => fetch(url, { ...init, signal: AbortSignal.timeout(25000) });

// A throw-away PostgreSQL with the demo, served by lantoa: fn(pg, srv); both go afterwards.
async function withDemoServer(fn) {
  const pg = startPg();
  let srv;
  try {
    assert.equal(cli(pg.url, ['init']).status, 0);
    const demo = cli(pg.url, ['demo']);
    assert.equal(demo.status, 0, demo.stderr);
    srv = await serve(['--db', pg.url]);
    await fn(pg, srv);
  } finally {
    if (srv && srv.proc.exitCode === null) srv.proc.kill('SIGKILL');
    pg.destroy();
  }
}

test('PostgreSQL lost while running: 503 + Retry-After, then back without a restart', { skip, timeout: 600000 }, async () => {
  await withDemoServer(async (pg, srv) => {
    const s = await login(srv.url, 'gialam');
    const en = await login(srv.url, 'gialam', undefined, 'en');
    assert.equal((await s.get('/api/v1/todo')).status, 200);

    pg.stop();
    // Reads, writes, an English and a Vietnamese caller, and the health check all get 503.
    const get = await bounded(srv.url + '/api/v1/todo', { headers: { Cookie: s.cookie } });
    assert.equal(get.status, 503);
    assert.ok(Number(get.headers.get('retry-after')) > 0, 'Retry-After');
    const vi = await get.json();
    assert.equal(vi.error.code, 'busy');
    assert.match(vi.error.message, /PostgreSQL/);
    assert.match(vi.error.message, new RegExp(`127\\.0\\.0\\.1:${pg.port}`));
    assert.match(vi.error.message, /kết nối/);
    const eng = await bounded(srv.url + '/api/v1/directives', { headers: { Cookie: en.cookie, 'Accept-Language': 'en' } });
    assert.equal(eng.status, 503);
    assert.match((await eng.json()).error.message, /connect|connection/i);
    const write = await bounded(srv.url + '/api/v1/logout', { method: 'POST', headers: { Cookie: en.cookie, 'X-CSRF-Token': en.csrf } });
    assert.equal(write.status, 503);
    assert.ok(write.headers.get('retry-after'));
    const health = await bounded(srv.url + '/healthz');
    assert.equal(health.status, 503);
    assert.equal(srv.proc.exitCode, null, 'lantoa keeps running');

    pg.start();
    // The same lantoa process, the same sessions: each connection of the pool reconnects on its next use.
    let status = 0;
    const deadline = Date.now() + 60000;
    while (Date.now() < deadline) {
      status = (await bounded(srv.url + '/api/v1/todo', { headers: { Cookie: s.cookie } })).status;
      if (status === 200) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    assert.equal(status, 200, 'reads work again');
    for (let i = 0; i < 10; i++) assert.equal((await s.get('/api/v1/directives')).status, 200); // every pooled connection
    const out = await bounded(srv.url + '/api/v1/logout', { method: 'POST', headers: { Cookie: en.cookie, 'X-CSRF-Token': en.csrf } });
    assert.ok(out.status === 200 || out.status === 204, `a write works again: ${out.status}`);
    assert.equal((await bounded(srv.url + '/api/v1/todo', { headers: { Cookie: en.cookie } })).status, 401);
    assert.equal(srv.proc.exitCode, null);
  });
});

// A write: a login (it makes a session row). Returns the response.
const loginPost = (url) => bounded(url + '/api/v1/login', {
  method: 'POST', headers: { 'Content-Type': 'application/json', 'Accept-Language': 'en' },
  body: JSON.stringify({ login: 'gialam', password: 'lantoa2024' }),
});

test('a primary demoted while it stays up: 503 + Retry-After, then writes on new connections', { skip, timeout: 600000 }, async () => {
  // The simulation: the server's own setting turns read-only (ALTER SYSTEM +
  // reload reaches every open session at its next command), while the
  // database's setting, which only sessions opened later read and which
  // outranks the server's, keeps them writable. So lantoa's open connections
  // see what they would see on a demoted primary that stays up (each write
  // refused, SQLSTATE 25006, for as long as the connection lives), and a new
  // connection sees what HAProxy would hand it, a writable primary. Writes
  // work again only if lantoa makes its connections anew: a driver that just
  // answered 503 would refuse them for ever.
  await withDemoServer(async (pg, srv) => {
    assert.equal((await loginPost(srv.url)).status, 200);

    pg.psql('ALTER DATABASE lantoa SET default_transaction_read_only = off');
    pg.psql('ALTER SYSTEM SET default_transaction_read_only = on');
    pg.psql('SELECT pg_reload_conf()');

    const first = await loginPost(srv.url);
    assert.equal(first.status, 503);
    assert.ok(Number(first.headers.get('retry-after')) > 0, 'Retry-After');
    const body = await first.json();
    assert.equal(body.error.code, 'busy');
    assert.match(body.error.message, /read-only/);
    assert.match(body.error.message, new RegExp(`127\\.0\\.0\\.1:${pg.port}`));

    // Each pooled connection (threads + 1 = 5) fails at most one write, then is made anew.
    let refused = 1, ok = 0;
    for (let i = 0; i < 40 && ok < 12; i++) {
      const r = await loginPost(srv.url);
      if (r.status === 503) {
        assert.ok(r.headers.get('retry-after'), 'Retry-After');
        refused++;
      } else {
        assert.equal(r.status, 200, await r.text());
        ok++;
      }
    }
    assert.equal(ok, 12, `writes work again without a restart (${refused} refused)`);
    assert.ok(refused <= 5, `each connection fails at most once: ${refused} refused`);
    assert.equal(srv.proc.exitCode, null, 'lantoa kept running');
    assert.ok(Number(pg.psql('SELECT count(*) FROM session')) >= 13, 'the sessions were kept');
  });
});

// `lantoa --db url serve` must exit non-zero at once; returns its status and stderr.
async function failedStart(url, flags = []) {
  const port = await freePort();
  const r = spawnSync(BIN, [...flags, '--db', url, 'serve', '--listen', `127.0.0.1:${port}`], { cwd: ROOT, encoding: 'utf8', timeout: 30000 });
  assert.notEqual(r.status, 0, `serve ${url} must not start`);
  assert.notEqual(r.status, null, 'it exits by itself');
  return r;
}

test('start-up: a malformed URL, a refused connection and a failed login are named', { skip, timeout: 120000 }, async () => {
  const u = new URL(PG_URL);

  const bad = await failedStart('postgresql://lantoa@127.0.0.1:5432/lantoa?sslmod=require');
  assert.match(bad.stderr, /Địa chỉ PostgreSQL không hợp lệ/);
  assert.match(bad.stderr, /sslmod/);
  const badEn = await failedStart('postgresql://lantoa@127.0.0.1:5432/lantoa?sslmod=require', ['--lang', 'en']);
  assert.match(badEn.stderr, /Invalid PostgreSQL URL: invalid URI query parameter: "sslmod"/);
  const wrongValue = await failedStart('postgresql://lantoa@127.0.0.1:5432/lantoa?sslmode=sometimes', ['--lang', 'en']);
  assert.match(wrongValue.stderr, /PostgreSQL at 127\.0\.0\.1:5432\/lantoa: invalid sslmode value: "sometimes"/);

  const port = await freePort(); // nothing listens there
  const refused = await failedStart(`postgresql://lantoa:x@127.0.0.1:${port}/lantoa`, ['--lang', 'en']);
  assert.match(refused.stderr, new RegExp(`Cannot connect to PostgreSQL at 127\\.0\\.0\\.1:${port}/lantoa: .*Connection refused`));
  const refusedVi = await failedStart(`postgresql://lantoa:x@127.0.0.1:${port}/lantoa`);
  assert.match(refusedVi.stderr, new RegExp(`Không kết nối được PostgreSQL tại 127\\.0\\.0\\.1:${port}/lantoa`));

  u.password = 'not-the-password';
  const auth = await failedStart(u.toString(), ['--lang', 'en']);
  assert.match(auth.stderr, new RegExp(`PostgreSQL.*127\\.0\\.0\\.1:${u.port}`));
  assert.match(auth.stderr, /password authentication failed for user "lantoa"/);
  assert.doesNotMatch(auth.stderr, /not-the-password/, 'the password is never printed');
});
