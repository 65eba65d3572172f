// SPDX-License-Identifier: AGPL-3.0-or-later
// bench/bench_two_nodes.sh (part of `make bench`) works: in its quick mode (the
// national demo on a tiny catalogue, 2 s runs) it measures one SQLite node, the
// same behind HAProxy, and one and two PostgreSQL nodes behind HAProxy, prints
// a number in every cell, shows that both PostgreSQL nodes answered and that
// every write was a 2xx, and leaves no server behind. No timing is asserted
// (the numbers of a quick run mean nothing). `make bench` runs it before the
// long runs; it needs wrk, haproxy and PostgreSQL 15, and skips without them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { BIN, ROOT, freePort } from '../tests/lib/server.mjs';

const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
const missing = ['wrk', 'psql', 'sqlite3', 'curl'].filter((c) => !has(c));
if (!has('haproxy') && !existsSync('/usr/sbin/haproxy')) missing.push('haproxy');
if (!existsSync('/usr/lib/postgresql/15/bin/initdb')) missing.push('postgresql-15');
const skip = process.env.LANTOA_TEST_PG ? 'runs both backends itself: once, in the SQLite pass'
  : missing.length ? `needs ${missing.join(', ')} (scripts/install-deps.sh bench)` : false;

test('two PostgreSQL nodes behind HAProxy are measured beside one SQLite node', { skip, timeout: 600000 }, async () => {
  const port = await freePort();
  const r = spawnSync('sh', [join(ROOT, 'bench/bench_two_nodes.sh'), dirname(BIN)], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, LANTOA_BENCH_QUICK: '1', LANTOA_BENCH_PORT: String(port) },
  });
  assert.equal(r.status, 0, r.stderr);
  const out = r.stdout;
  assert.match(out, /^## PostgreSQL with two app nodes behind HAProxy vs one SQLite node/m);
  const num = '[0-9][0-9.]*';
  for (const row of ['P1 `GET /api/v1/units', 'P1 `GET /api/v1/activities', 'P2 `POST /api/v1/activities`']) {
    const line = out.split('\n').find((l) => l.startsWith(`| ${row}`));
    assert.ok(line, `row ${row} printed`);
    const cells = line.split('|').slice(2, -1).map((c) => c.trim());
    assert.equal(cells.length, 6, line);
    for (const [i, c] of cells.entries()) assert.match(c, new RegExp(`^${num}${i >= 4 ? '×' : ''}$`), `${row}: cell ${i + 1} (${line})`);
  }
  // Every write a 2xx in each configuration, and both nodes served.
  const detail = out.match(/SQLite (\d+)\/(\d+)\/\d+,\s+behind HAProxy (\d+)\/(\d+)\/\d+; PostgreSQL 1 node (\d+)\/(\d+)\/\d+,\s+2 nodes (\d+)\/(\d+)\/\d+/);
  assert.ok(detail, out);
  for (const k of [1, 3, 5, 7]) assert.ok(Number(detail[k]) > 0, `activities written (${detail[0]})`);
  for (const k of [2, 4, 6, 8]) assert.equal(detail[k], '0', `no non-2xx (${detail[0]})`);
  const nodes = out.match(/node 1 (\d+), node 2 (\d+)/);
  assert.ok(nodes && Number(nodes[1]) > 0 && Number(nodes[2]) > 0, `both nodes answered (${nodes?.[0]})`);
  assert.match(out, /HAProxy's failed health checks: node 1 \d+, node 2 \d+; 5xx answered by HAProxy itself: \d+\./);
  const pgdir = r.stderr.match(/starting PostgreSQL in (\S+)/)?.[1];
  assert.ok(pgdir, r.stderr);
  assert.equal(existsSync(pgdir), false, 'its PostgreSQL stopped and its folder removed');
  // The nodes (port+0..2) and HAProxy (port+3..5) are gone.
  for (let k = 0; k < 6; k++) {
    const res = await fetch(`http://127.0.0.1:${port + k}/healthz`).then(() => 'answered', () => 'refused');
    assert.equal(res, 'refused', `port +${k} closed after the run`);
  }
});
