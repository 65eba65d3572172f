// SPDX-License-Identifier: AGPL-3.0-or-later
// Issue 13, finding 10: an acknowledged write must survive a power loss.
// With the WAL journal and synchronous=NORMAL a commit is only written to
// the WAL, not synced: the OS may lose it with the power, after the server
// answered 201. With synchronous=FULL every commit syncs the WAL before the
// answer. The proof here: an LD_PRELOAD shim (shim/fsync_log.c) logs every
// fsync/fdatasync of the server with the file it syncs, and each
// acknowledged write must have synced the database's WAL at least once
// before its answer came back.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, login, ROOT, BIN } from '../lib/server.mjs';
import { BACKEND } from '../lib/db.mjs';
import { preloadableBin } from '../lib/bin.mjs';

const work = mkdtempSync(join(tmpdir(), 'lantoa-fsync-'));
const shim = join(work, 'fsync_log.so');
const log = join(work, 'fsync.log');
let srv, why = null;

// On PostgreSQL the server's commit durability is the database server's (synchronous_commit).
if (BACKEND !== 'sqlite') why = 'SQLite WAL file (PostgreSQL syncs its own WAL)';
// A sanitizer build cannot take the shim: the plain build serves this test (bin.mjs).
let bin = BIN;
if (!why) try {
  ({ bin, why = null } = preloadableBin());
  if (!why) execFileSync('cc', ['-shared', '-fPIC', '-O2', '-o', shim, join(ROOT, 'tests/integration/shim/fsync_log.c'), '-ldl']);
} catch (e) { why = 'no C compiler for the shim: ' + e.message; }

before(async () => {
  if (why) return;
  srv = await startServer({ bin, env: { LD_PRELOAD: shim, FSYNC_LOG: log } });
});
after(async () => { await srv?.stop(); rmSync(work, { recursive: true, force: true }); });

const walSyncs = () => (existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter((l) => l.endsWith('.db-wal')).length : 0);

test('every acknowledged write has synced the WAL before its answer (synchronous=FULL)', { skip: why || false }, async () => {
  const cadre = await login(srv.url, 'cs-00577-01', undefined, 'en');
  const N = 20;
  let prev = walSyncs();
  const short = [];
  for (let i = 0; i < N; i++) {
    const r = await cadre.post('/api/v1/feedback', { channel: 'hotline', text: `Công nhân hỏi về ca đêm số ${i}` });
    assert.equal(r.status, 201, r.text);
    const now = walSyncs();
    if (now <= prev) short.push(i);
    prev = now;
  }
  assert.deepEqual(short, [], `writes acknowledged without a WAL sync (of ${N})`);
});
