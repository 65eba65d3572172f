// SPDX-License-Identifier: AGPL-3.0-or-later
// The web UI on the wire: precompressed assets, immutable hashed names,
// ETag revalidation, gzip for large API answers, and the first page's weight.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { gunzipSync, brotliDecompressSync } from 'node:zlib';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, startServer, login } from '../lib/server.mjs';

let srv;
const dist = join(ROOT, 'web', 'dist');

// A raw GET that does not decompress: {status, headers, body (Buffer)}.
function raw(path, headers = {}) {
  const u = new URL(srv.url + path);
  return new Promise((res, rej) => {
    const r = request({ host: u.hostname, port: u.port, path: u.pathname + u.search, headers }, (resp) => {
      const chunks = [];
      resp.on('data', (c) => chunks.push(c));
      resp.on('end', () => res({ status: resp.statusCode, headers: resp.headers, body: Buffer.concat(chunks) }));
    });
    r.on('error', rej);
    r.end();
  });
}

before(async () => { srv = await startServer(); });
after(async () => { await srv.stop(); });

test('index.html names hashed assets, served brotli to whoever takes it', { skip: !existsSync(dist) && 'web/dist not built' }, async () => {
  const r = await raw('/', { 'Accept-Encoding': 'gzip, br' });
  assert.equal(r.status, 200);
  assert.equal(r.headers['content-encoding'], 'br');
  assert.equal(r.headers['cache-control'], 'no-cache');
  assert.match(r.headers.vary, /Accept-Encoding/);
  const html = brotliDecompressSync(r.body).toString();
  assert.equal(html, readFileSync(join(dist, 'index.html'), 'utf8'));
  const js = html.match(/src="(app\.[0-9a-f]{12}\.js)"/)[1];
  const css = html.match(/href="(app\.[0-9a-f]{12}\.css)"/)[1];
  for (const f of [js, css]) {
    const a = await raw('/' + f, { 'Accept-Encoding': 'gzip' });
    assert.equal(a.status, 200);
    assert.equal(a.headers['content-encoding'], 'gzip');
    assert.equal(a.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.deepEqual(gunzipSync(a.body), readFileSync(join(dist, f)));
  }
  // A client that takes nothing gets the file as it is.
  const plain = await raw('/' + js);
  assert.equal(plain.headers['content-encoding'], undefined);
  assert.deepEqual(plain.body, readFileSync(join(dist, js)));
});

test('the first page load weighs at most 100 KB on the wire', { skip: !existsSync(dist) && 'web/dist not built' }, async () => {
  const ae = { 'Accept-Encoding': 'gzip, deflate, br' };
  const index = await raw('/', ae);
  const html = brotliDecompressSync(index.body).toString();
  const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => '/' + m[1].replace(/^\//, ''));
  let bytes = index.body.length;
  for (const a of assets) bytes += (await raw(a, ae)).body.length;
  assert.ok(assets.length >= 3, 'script, stylesheet and icon');
  assert.ok(bytes <= 100 * 1024, `first load is ${bytes} bytes`);
});

test('a client holding the file revalidates with its ETag and gets 304', async () => {
  const a = await raw('/favicon.svg');
  assert.equal(a.status, 200);
  assert.ok(a.headers.etag);
  const b = await raw('/favicon.svg', { 'If-None-Match': a.headers.etag });
  assert.equal(b.status, 304);
  assert.equal(b.body.length, 0);
  const c = await raw('/favicon.svg', { 'If-None-Match': '"other"' });
  assert.equal(c.status, 200);
});

test('large API answers are gzipped; reads carry an ETag; personal reads are not stored', async () => {
  const gl = await login(srv.url, 'gialam');
  const r = await raw('/api/v1/units?limit=200', { Cookie: gl.cookie, 'Accept-Encoding': 'gzip' });
  assert.equal(r.status, 200);
  assert.equal(r.headers['content-encoding'], 'gzip');
  const json = JSON.parse(gunzipSync(r.body).toString());
  assert.ok(Array.isArray(json.items) && json.items.length > 10);
  assert.equal(r.headers['cache-control'], 'no-store');
  assert.ok(r.headers.etag);
  const again = await raw('/api/v1/units?limit=200', { Cookie: gl.cookie, 'If-None-Match': r.headers.etag });
  assert.equal(again.status, 304);
  // Levels are the same for everyone: the browser may keep them and revalidate.
  const lv = await raw('/api/v1/levels', { Cookie: gl.cookie });
  assert.equal(lv.status, 200);
  assert.equal(lv.headers['cache-control'], 'private, no-cache');
  // An error is never cacheable.
  const anon = await raw('/api/v1/levels');
  assert.equal(anon.status, 401);
  assert.equal(anon.headers['cache-control'], 'no-store');
});
