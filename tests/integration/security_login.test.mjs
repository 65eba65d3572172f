// SPDX-License-Identifier: AGPL-3.0-or-later
// Issue 13, finding 6: the login throttle, replayed as the probe found it.
// It was racy (40 concurrent wrong passwords got 8 real checks against a
// limit of 5), and anyone could lock any account (after 5 failures even the
// right password got 429 for 15 minutes; 30 failures from one address
// locked out everyone behind the same NAT). Clients here come from several
// loopback addresses (127.0.0.2, …): the server sees each as its own.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { startServer, DEMO_PASSWORD } from '../lib/server.mjs';

let srv, srv2;
before(async () => {
  srv = await startServer();
  // A second server process on the same database: the counters are shared.
  srv2 = await startServer({ dir: srv.dir, keep: true });
});
after(async () => { await srv2.stop(); await srv.stop(); });

// POST /api/v1/login from the local address from; resolves {status, retry, body}.
function loginFrom(url, from, login, password) {
  const body = JSON.stringify({ login, password });
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({
      host: u.hostname, port: u.port, path: '/api/v1/login', method: 'POST', localAddress: from,
      headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), 'Accept-Language': 'en' },
      agent: false,
    }, (res) => {
      let text = '';
      res.on('data', (d) => { text += d; });
      res.on('end', () => resolve({ status: res.statusCode, retry: res.headers['retry-after'], body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const tally = (rs) => rs.reduce((m, r) => { m[r.status] = (m[r.status] || 0) + 1; return m; }, {});

test('40 concurrent wrong passwords get at most 5 real checks', async () => {
  const rs = await Promise.all(Array.from({ length: 40 }, (_, i) =>
    loginFrom(srv.url, '127.0.0.2', 'cs-00526-03', 'wrong-password-' + i)));
  const t = tally(rs);
  assert.equal(t[401], 5, JSON.stringify(t)); // the free failures, each checked
  assert.equal(t[429], 35, JSON.stringify(t)); // the rest refused unchecked
  for (const r of rs.filter((x) => x.status === 429)) assert.ok(Number(r.retry) >= 1, 'Retry-After');
});

test('two server processes share the counters, concurrently too', async () => {
  const rs = await Promise.all(Array.from({ length: 30 }, (_, i) =>
    loginFrom(i % 2 ? srv2.url : srv.url, '127.0.0.3', 'cs-00526-04', 'wrong-password-' + i)));
  assert.equal(tally(rs)[401], 5, JSON.stringify(tally(rs)));
});

test('an attacker elsewhere cannot lock an account: its owner logs in', async () => {
  for (let i = 0; i < 12; i++) {
    const r = await loginFrom(srv.url, '127.0.0.4', 'gialam', 'guess-' + i);
    assert.ok(r.status === 401 || r.status === 429, String(r.status));
  }
  // The attacker's own address waits, with a growing delay (not a fixed 15 minutes)…
  const blocked = await loginFrom(srv.url, '127.0.0.4', 'gialam', DEMO_PASSWORD);
  assert.equal(blocked.status, 429);
  assert.ok(Number(blocked.retry) >= 1 && Number(blocked.retry) <= 900, blocked.retry);
  assert.match(JSON.parse(blocked.body).error.message, /try again in/);
  // …while the owner, from an address that has not failed, is not refused.
  const owner = await loginFrom(srv.url, '127.0.0.5', 'gialam', DEMO_PASSWORD);
  assert.equal(owner.status, 200, owner.body);
});

test('30 failures from one NAT address do not lock out the colleagues behind it', async () => {
  const nat = '127.0.0.6';
  // A colleague who has logged in from the office before.
  assert.equal((await loginFrom(srv.url, nat, 'cs-00577-02', DEMO_PASSWORD)).status, 200);
  // Someone behind the NAT tries many accounts.
  for (let i = 0; i < 30; i++) {
    const r = await loginFrom(srv.url, nat, i % 2 ? `nat-guess-${i % 10}` : 'cs-00526-0' + (5 + (i % 5)), 'guess-' + i);
    assert.equal(r.status, 401, `attempt ${i}`);
  }
  // The next unknown login from that address is slowed…
  const slowed = await loginFrom(srv.url, nat, 'cs-00577-03', DEMO_PASSWORD);
  assert.equal(slowed.status, 429);
  assert.ok(Number(slowed.retry) >= 1);
  // …the colleague known there is not, nor is anyone elsewhere.
  assert.equal((await loginFrom(srv.url, nat, 'cs-00577-02', DEMO_PASSWORD)).status, 200);
  assert.equal((await loginFrom(srv.url, '127.0.0.7', 'cs-00577-03', DEMO_PASSWORD)).status, 200);
});
