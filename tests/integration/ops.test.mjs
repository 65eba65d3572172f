// SPDX-License-Identifier: AGPL-3.0-or-later
// Operations: health, metrics, security headers, static files.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';

let srv;
before(async () => { srv = await startServer({ demo: false }); });
after(async () => { await srv.stop(); });

test('/healthz answers 200 with the security headers', async () => {
  const r = await fetch(srv.url + '/healthz');
  assert.equal(r.status, 200);
  assert.deepEqual(await r.json(), { status: 'ok' });
  assert.match(r.headers.get('content-security-policy'), /frame-ancestors 'none'/);
  assert.match(r.headers.get('content-security-policy'), /default-src 'self'/);
  assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
});

test('/metrics is Prometheus text and counts requests', async () => {
  await fetch(srv.url + '/api/v1/me');
  const r = await fetch(srv.url + '/metrics');
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /^text\/plain; version=0.0.4/);
  const t = await r.text();
  assert.match(t, /^# TYPE lantoa_http_requests_total counter$/m);
  const fours = Number(t.match(/^lantoa_http_requests_total\{code="4xx"\} (\d+)$/m)[1]);
  assert.ok(fours >= 1);
  assert.match(t, /^lantoa_http_request_duration_seconds_bucket\{le="\+Inf"\} \d+$/m);
});

test('unknown API paths are 404 JSON, wrong methods 405, traversal is refused', async () => {
  let r = await fetch(srv.url + '/api/v1/nope');
  assert.equal(r.status, 404);
  assert.equal((await r.json()).error.code, 'not_found');
  r = await fetch(srv.url + '/healthz', { method: 'DELETE' });
  assert.equal(r.status, 405);
  r = await fetch(srv.url + '/..%2f..%2fetc/passwd');
  assert.equal(r.status, 404);
  r = await fetch(srv.url + '/../../etc/passwd');
  assert.equal(r.status, 404);
});

test('the web UI is served at / when built', async (t) => {
  const r = await fetch(srv.url + '/');
  if (r.status === 404) { t.skip('web/dist not built'); return; }
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /text\/html/);
  assert.match(await r.text(), /<html/i);
});

test('docs/openapi.yaml describes every route of the route table', async () => {
  const { readFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { ROOT } = await import('../lib/server.mjs');
  const routes = [...readFileSync(join(ROOT, 'src/http/routes.def'), 'utf8')
    .matchAll(/\{ "(GET|POST|PUT|PATCH|DELETE)", "([^"]+)"/g)].map((m) => [m[1].toLowerCase(), m[2]]);
  const spec = readFileSync(join(ROOT, 'docs/openapi.yaml'), 'utf8');
  // Path blocks: "  /path:" followed by indented method keys.
  const paths = {};
  let cur = null;
  for (const line of spec.split('\n')) {
    const p = line.match(/^ {2}(\/\S*):\s*$/);
    if (p) { cur = p[1].replace(/\{[^}]+\}/g, '{}'); paths[cur] = paths[cur] || new Set(); continue; }
    const m = line.match(/^ {4}(get|post|put|patch|delete):/);
    if (m && cur) paths[cur].add(m[1]);
    if (/^\S/.test(line)) cur = null;
  }
  const missing = routes.filter(([m, p]) => !paths[p.replace(/\{[^}]+\}/g, '{}')]?.has(m)).map(([m, p]) => `${m.toUpperCase()} ${p}`);
  assert.deepEqual(missing, []);
  assert.ok(routes.length >= 40);
});
