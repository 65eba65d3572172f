// SPDX-License-Identifier: AGPL-3.0-or-later
// Issue 13, findings 8 and the contract: when the database stays locked past
// the busy timeout (another process holds the write lock), a write answers
// 503 `busy` with Retry-After, writes nothing, and the answer is the one the
// OpenAPI file documents (every response here is validated against it). The
// file lists 503 on every API route and 507 storage_full on every write.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { startServer, login } from '../lib/server.mjs';
import { loadSpec } from '../lib/contract.mjs';
import { BACKEND } from '../lib/db.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv?.stop(); });

test('the OpenAPI file documents 503 busy on every API route and 507 storage_full on every write', () => {
  const spec = loadSpec();
  const missing = [];
  for (const [p, item] of Object.entries(spec.paths)) {
    if (!p.startsWith('/api/v1/')) continue;
    for (const m of ['get', 'post', 'put', 'patch', 'delete']) {
      if (!item[m]) continue;
      const r = item[m].responses;
      if (!r['503']) missing.push(`${m} ${p}: 503`);
      // A POST that only reads (x-writes-nothing: the PDF check) cannot meet a full disk.
      if (m !== 'get' && !item[m]['x-writes-nothing'] && !r['507']) missing.push(`${m} ${p}: 507`);
      if (item[m]['x-writes-nothing'] && r['507']) missing.push(`${m} ${p}: 507 on a route that writes nothing`);
    }
  }
  assert.deepEqual(missing, []);
  assert.ok(spec.components.responses.Busy.headers['Retry-After']);
});

test('a write that finds the database locked past the busy timeout: 503 busy, Retry-After, nothing written', { timeout: 60000, skip: BACKEND !== 'sqlite' && 'SQLite write lock (PostgreSQL locks rows, not the file)' }, async () => {
  const cadre = await login(srv.url, 'cs-00577-01', undefined, 'en');
  const count = async () => (await cadre.get('/api/v1/feedback?limit=1')).json;
  const before = await count();
  // Another process takes the write lock and keeps it longer than the server's 10 s busy timeout.
  const holder = spawn('sqlite3', [srv.db.replace(/^sqlite:/, '')], { stdio: ['pipe', 'ignore', 'ignore'] });
  holder.stdin.write('BEGIN IMMEDIATE;\nINSERT INTO audit_event (id) SELECT NULL WHERE 0;\n');
  await new Promise((r) => setTimeout(r, 500));
  try {
    const r = await cadre.post('/api/v1/feedback', { channel: 'hotline', text: 'Hỏi về lương tháng 13' });
    assert.equal(r.status, 503, r.text);
    assert.equal(r.json.error.code, 'busy');
    assert.ok(Number(r.headers.get('retry-after')) >= 1);
  } finally {
    holder.stdin.end('ROLLBACK;\n');
    await new Promise((r) => holder.once('exit', r));
  }
  assert.deepEqual(await count(), before, 'nothing written');
  const ok = await cadre.post('/api/v1/feedback', { channel: 'hotline', text: 'Hỏi về lương tháng 13' });
  assert.equal(ok.status, 201, 'works again once the lock is gone');
});
