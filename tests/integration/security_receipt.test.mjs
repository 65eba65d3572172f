// SPDX-License-Identifier: AGPL-3.0-or-later
// Guessing receipt codes: GET /f/status?code= and POST /f/status answered
// every guess (a probe made 2,000 wrong guesses at 619 a second from one
// client, all 404, none refused), so an address could sweep the code space
// for messages' status pages (the union's published answer, the "was it
// fixed?" question). Now a code no message has counts on the login
// throttle's address counter (key "receipt:"): past [security]
// login_free_ip failures the address waits (429 with Retry-After) for every
// code, right or wrong, so a refused address learns nothing; a found code
// takes its attempt back, and other addresses are not affected.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { startServer, login } from '../lib/server.mjs';

let srv, code;
before(async () => {
  srv = await startServer({ config: '[security]\nlogin_free_ip = 5\n' });
  const cadre = await login(srv.url, 'cs-00577-01');
  const r = await cadre.post('/api/v1/feedback', { channel: 'hotline', text: 'Công ty nợ lương tháng 12, xin công đoàn giúp' });
  assert.equal(r.status, 201, r.text);
  code = r.json.feedback.receipt;
  assert.match(code, /^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
});
after(async () => { await srv.stop(); });

// A request from a chosen local address: { status, retryAfter, body }.
function from(addr, method, path, body) {
  return new Promise((resolve, reject) => {
    const u = new URL(srv.url + path);
    const req = http.request({ host: u.hostname, port: u.port, path: u.pathname + u.search, method, localAddress: addr, agent: false,
      headers: body ? { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': Buffer.byteLength(body) } : {} }, (res) => {
      let t = '';
      res.setEncoding('utf8');
      res.on('data', (d) => { t += d; });
      res.on('end', () => resolve({ status: res.statusCode, retryAfter: res.headers['retry-after'], body: t }));
    });
    req.on('error', reject);
    if (body) req.write(body);
    req.end();
  });
}

test('wrong receipt codes are throttled per address; a refused address learns nothing', async () => {
  const A = '127.0.0.1', B = '127.0.0.2';
  // A right code from A takes its attempt back: checking one's own message is free.
  for (let i = 0; i < 8; i++) assert.equal((await from(A, 'GET', `/f/status?code=${code}`)).status, 200);
  const wrong = (i) => `ZZZZ-${'23456789'[i % 8]}${'23456789'[(i >> 3) % 8]}ZZ`;
  const seen = [];
  for (let i = 0; i < 12; i++) seen.push((await from(A, 'GET', `/f/status?code=${wrong(i)}`)).status);
  assert.deepEqual(seen.slice(0, 5), [404, 404, 404, 404, 404], 'the first failures are answered');
  assert.ok(seen.slice(5).every((s) => s === 429), `then refused: ${seen}`);
  const right = await from(A, 'GET', `/f/status?code=${code}`);
  assert.equal(right.status, 429, 'the right code is refused too while A waits');
  assert.ok(Number(right.retryAfter) > 0, 'with Retry-After');
  assert.match(right.body, /thử lại sau/);
  assert.doesNotMatch(right.body, /id="fb-status"/, 'no status shown');
  const post = await from(A, 'POST', '/f/status', `code=${wrong(99)}&verdict=fixed`);
  assert.equal(post.status, 429, 'the verdict form is throttled alike');
  // Another address is not affected.
  assert.equal((await from(B, 'GET', `/f/status?code=${code}`)).status, 200);
  assert.equal((await from(B, 'GET', `/f/status?code=${wrong(1)}`)).status, 404);
});
