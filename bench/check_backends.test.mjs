// SPDX-License-Identifier: AGPL-3.0-or-later
// bench/bench_backends.sh (part of `make bench`) works: in its quick mode (the
// national demo on a tiny catalogue, 2 s runs) it starts its own durable
// PostgreSQL, copies the demo into it, measures one node per backend and prints
// the side-by-side table with a number for SQLite and for PostgreSQL on every
// line, and leaves no server behind. No timing is asserted (the numbers of a
// quick run mean nothing). `make bench` runs it first (about 2 minutes), so a
// broken benchmark stops before the long runs; it is not in `make test`, whose
// machine has no bench tools. It needs wrk, nginx (`scripts/install-deps.sh
// bench`) and PostgreSQL 15 with pgbench, and skips without them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { BIN, ROOT, freePort } from '../tests/lib/server.mjs';

const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
const missing = ['wrk', 'pgbench', 'psql', 'sqlite3', 'curl'].filter((c) => !has(c));
if (!has('nginx') && !existsSync('/usr/sbin/nginx')) missing.push('nginx');
if (!existsSync('/usr/lib/postgresql/15/bin/initdb')) missing.push('postgresql-15');
const skip = process.env.LANTOA_TEST_PG ? 'runs both backends itself: once, in the SQLite pass'
  : missing.length ? `needs ${missing.join(', ')} (scripts/install-deps.sh bench)` : false;

test('the benchmark prints both backends side by side and stops its servers', { skip, timeout: 600000 }, async () => {
  const cache = mkdtempSync(join(tmpdir(), 'lantoa-benchq-'));
  try {
    const r = spawnSync('sh', [join(ROOT, 'bench/bench_backends.sh'), dirname(BIN)], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, LANTOA_BENCH_QUICK: '1', LANTOA_BENCH_CACHE: cache, LANTOA_BENCH_PORT: String(await freePort()) },
    });
    assert.equal(r.status, 0, r.stderr);
    const out = r.stdout;
    assert.match(out, /^## SQLite and PostgreSQL side by side/m);
    assert.match(out, /fsync\/synchronous_commit\/full_page_writes\non\/on\/on\)/, 'PostgreSQL durable like synchronous=FULL');
    assert.match(out, /\| measure \| SQLite \| its baseline \| ratio \| PostgreSQL \| its baseline \| ratio \|/);
    const num = '[0-9][0-9.]*';
    const cell = `${num}×`;
    for (const row of ['P1 `GET /api/v1/units', 'P1 `GET /api/v1/activities', 'P2 `POST /api/v1/activities`',
      'roll-up: national total', 'national dashboard snapshot', 'memory: node RSS']) {
      const line = out.split('\n').find((l) => l.startsWith(`| ${row}`));
      assert.ok(line, `row ${row} printed`);
      const cells = line.split('|').slice(2, -1).map((c) => c.trim());
      assert.equal(cells.length, 6, line);
      for (const [i, c] of cells.entries())
        assert.match(c, new RegExp(`^${i % 3 === 2 ? cell : num}$`), `${row}: ${i < 3 ? 'SQLite' : 'PostgreSQL'} cell ${i % 3 + 1} is a number (${line})`);
    }
    // Every write acknowledged was a 2xx, on both backends, and the kept total was fresh on both.
    assert.match(out, /SQLite \d+ activities written, 0 non-2xx/);
    assert.match(out, /PostgreSQL \d+ written, 0 non-2xx/);
    assert.match(out, /read fresh after a write: SQLite yes,\s+PostgreSQL yes/);
    const pgdir = r.stderr.match(/starting PostgreSQL in (\S+)/)?.[1];
    assert.ok(pgdir, r.stderr);
    assert.equal(existsSync(pgdir), false, 'its PostgreSQL stopped and its folder removed');
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
});
