// SPDX-License-Identifier: AGPL-3.0-or-later
// Issue 13, finding 8: a full disk gave a 500 carrying SQLite's own message.
// The probe ran the server on a 20 MiB tmpfs; this test does the same on a
// small one (mounting needs root, which `make test` has; without it the test
// says why it skips), fills it, and expects a 507 with a message in both
// languages, nothing half-written, and the server working again once there
// is room.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, openSync, writeSync, closeSync, statfsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, login, cli } from '../lib/server.mjs';
import { BACKEND } from '../lib/db.mjs';

// Write zeros into path until the file system is full (ENOSPC).
function fill(path) {
  const fd = openSync(path, 'w');
  const chunk = Buffer.alloc(64 * 1024);
  let size = chunk.length;
  try {
    for (;;) {
      try { writeSync(fd, chunk, 0, size); } catch (e) {
        if (e.code !== 'ENOSPC') throw e;
        if (size === 1) break;
        size = Math.max(1, size >> 1); // the last few bytes too
      }
    }
  } finally { closeSync(fd); }
}

test('a full disk is 507 in Vietnamese and English, writes nothing, and passes', async (t) => {
  if (BACKEND !== 'sqlite') {
    t.skip('the full disk here is the SQLite file\'s; a PostgreSQL server\'s disk is its own');
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'lantoa-full-'));
  const m = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=16m', 'tmpfs', dir], { encoding: 'utf8' });
  if (m.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    t.skip('cannot mount a tmpfs here (needs root): ' + (m.stderr || '').trim());
    return;
  }
  let srv;
  try {
    const db = 'sqlite:' + join(dir, 'test.db');
    assert.equal(cli(db, ['init']).status, 0);
    assert.equal(cli(db, ['demo']).status, 0);
    srv = await startServer({ dir, keep: true });
    const cadre = await login(srv.url, 'cs-00577-05');
    const en = await login(srv.url, 'cs-00577-05', undefined, 'en');
    const count = () => Number(spawnSync('sqlite3', [join(dir, 'test.db'), 'SELECT count(*) FROM feedback'], { encoding: 'utf8' }).stdout);
    const n0 = count();
    assert.ok(statfsSync(dir).bavail > 0);
    fill(join(dir, 'filler'));

    // Write until the database has no room left (the WAL may hold a few pages).
    const text = 'Công nhân hỏi về thưởng Tết và tiền làm thêm giờ. '.repeat(50);
    let r, accepted = 0;
    for (let i = 0; i < 400; i++) {
      r = await cadre.post('/api/v1/feedback', { channel: 'hotline', text: `${i}: ${text}` });
      if (r.status !== 201) break;
      accepted++;
    }
    assert.equal(r.status, 507, r.text);
    assert.equal(r.json.error.code, 'storage_full');
    assert.match(r.json.error.message, /lưu trữ/);
    assert.doesNotMatch(r.text, /database or disk is full|disk I\/O error|SQLITE/i);
    const r2 = await en.post('/api/v1/feedback', { channel: 'hotline', text });
    assert.equal(r2.status, 507);
    assert.match(r2.json.error.message, /storage is full/);
    // Reads that write nothing still work (a view of personal data is
    // audited, so it is refused too: fail closed).
    assert.equal((await cadre.get('/api/v1/units?q=00577')).status, 200);
    assert.equal((await cadre.get('/api/v1/feedback/summary')).status, 200);

    // Room again: the same write goes through.
    rmSync(join(dir, 'filler'));
    r = await cadre.post('/api/v1/feedback', { channel: 'hotline', text: 'sau khi có chỗ: ' + text });
    assert.equal(r.status, 201, r.text);
    assert.equal(count(), n0 + accepted + 1);
  } finally {
    if (srv) await srv.stop();
    spawnSync('umount', [dir]);
    rmSync(dir, { recursive: true, force: true });
  }
});
