// SPDX-License-Identifier: AGPL-3.0-or-later
// Slowloris from one address: the server took 1000 connections in all and
// none per address, and a connection lives as long as a byte arrives every
// 30 s. One client holding 1005 half-sent requests left every other user
// without an answer (curl from elsewhere timed out). Now one address holds
// at most [server] max_connections_per_ip (100 by default) and the rest of
// the world is still served.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import http from 'node:http';
import { readFileSync } from 'node:fs';
import { startServer } from '../lib/server.mjs';

let srv;
before(async () => { srv = await startServer({ demo: false }); });
after(async () => { await srv.stop(); });

// A connection from 127.0.0.1 that sends half a request and stays; resolves once
// it is open (or closed by the server). Each records whether it is still open.
function halfRequest(port) {
  return new Promise((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port, localAddress: '127.0.0.1' });
    const st = { s, open: false };
    s.on('connect', () => { st.open = true; s.write('GET /healthz HTTP/1.1\r\nHost: x\r\n'); resolve(st); });
    s.on('close', () => { st.open = false; resolve(st); });
    s.on('error', () => { st.open = false; resolve(st); });
  });
}

// GET /healthz from another local address (127.0.0.2): its status, or 0 when unanswered in 5 s.
function healthFromElsewhere(port) {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/healthz', localAddress: '127.0.0.2', timeout: 5000, agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    req.on('timeout', () => { req.destroy(); resolve(0); });
    req.on('error', () => resolve(0));
  });
}

test('1005 half-sent requests from one address: others are still served, that address holds at most 100', { timeout: 60000 }, async () => {
  const port = Number(new URL(srv.url).port);
  const conns = [];
  for (let i = 0; i < 1005; i++) conns.push(await halfRequest(port));
  await new Promise((r) => setTimeout(r, 500)); // the server closes what is over the limit
  try {
    assert.equal(await healthFromElsewhere(port), 200, 'a client at another address is answered');
    const open = conns.filter((c) => c.open).length;
    assert.ok(open <= 100, `at most 100 connections of one address stay open, got ${open}`);
  } finally {
    for (const c of conns) c.s.destroy();
  }
});

// Uploads before login: the server took an upload route's 20 MiB body into
// memory before it looked at the session, so 20 anonymous connections each
// sending 19 MiB (and holding the last bytes) grew it by 400 MB; 1000 would
// need 19 GB. Now an upload route takes more than the JSON limit (1 MiB)
// only from a live session; anyone else is answered 401 and held to 1 MiB.
const rssKiB = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]);

function heldUpload(port, size, cookie = '') {
  return new Promise((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port }, async () => {
      s.write(`POST /api/v1/directives/parse HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n${cookie ? `Cookie: ${cookie}\r\n` : ''}Content-Length: ${size}\r\n\r\n`);
      const chunk = Buffer.alloc(1 << 20, 0x61);
      let sent = 0;
      while (sent < size - 1024) {
        const k = Math.min(chunk.length, size - 1024 - sent);
        if (!s.write(chunk.subarray(0, k))) await new Promise((r) => s.once('drain', r));
        sent += k;
      }
      resolve(s);
    });
    s.on('error', () => resolve(s));
  });
}

test('anonymous uploads are held to the JSON limit: 20 × 19 MiB do not grow the server by 380 MB', { timeout: 60000 }, async () => {
  const port = Number(new URL(srv.url).port);
  const pid = srv.proc.pid;
  const before = rssKiB(pid);
  const socks = [];
  for (let i = 0; i < 20; i++) socks.push(await heldUpload(port, 19 << 20));
  await new Promise((r) => setTimeout(r, 1000));
  const grown = rssKiB(pid) - before;
  for (const s of socks) s.destroy();
  assert.ok(grown < 100 * 1024, `the server grew by ${Math.round(grown / 1024)} MB`);
  const r = await fetch(srv.url + '/api/v1/directives/parse', { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: Buffer.alloc(2 << 20, 0x61) });
  assert.equal(r.status, 401, 'an anonymous upload past 1 MiB is told to log in');
});

// Bodies of every connection at once: each connection is held to its route's
// limit, but a thousand connections at 1 MiB (anonymous) or 20 MiB (an upload
// with a session) would hold gigabytes. [server] body_memory bounds what the
// bodies of all connections hold together; past it a request is refused 503
// with Retry-After, naming the body, and once the others end it is taken again.
test('request bodies held at once stay within body_memory: past it 503 with Retry-After', { timeout: 60000 }, async () => {
  const small = await startServer({ demo: false, config: '[server]\nbody_memory = 2097152\n' });
  try {
    const port = Number(new URL(small.url).port);
    const post = () => fetch(small.url + '/api/v1/login', { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ login: 'x', password: 'y'.repeat(100 * 1024) }) });
    let r = await post();
    assert.notEqual(r.status, 503, 'alone, a 100 kB body is taken');
    // Two connections hold 1 MiB − 1 kB each, of the 2 MiB in all.
    const held = [await heldUpload(port, 1 << 20), await heldUpload(port, 1 << 20)];
    await new Promise((res) => setTimeout(res, 500));
    r = await post();
    assert.equal(r.status, 503, 'a body past what all connections may hold is refused');
    assert.equal(r.headers.get('retry-after'), '5');
    const j = await r.json();
    assert.equal(j.error.field, 'body');
    assert.match(j.error.message, /gửi lại|send it again/);
    for (const s of held) s.destroy();
    await new Promise((res) => setTimeout(res, 500));
    r = await post();
    assert.notEqual(r.status, 503, 'once the held bodies are gone, the same request is taken');
  } finally {
    await small.stop();
  }
});
