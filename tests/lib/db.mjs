// SPDX-License-Identifier: AGPL-3.0-or-later
// The test database, on whichever backend the run uses: SQLite in the test's
// folder, or, when LANTOA_TEST_PG is set (the runner's integration-pg suite), a
// fresh PostgreSQL database from tests/lib/pg.mjs. Tests that must look into
// the database (row counts, audit rows, a scene set up by hand) go through
// sqlText/query here, never through sqlite3 directly, so that they run on both.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { BIN, ROOT, binaryTag } from './bin.mjs';
import { PG_URL, psqlPath, freshDatabase, urlOf, psql } from './pg.mjs';

export const BACKEND = PG_URL ? 'postgresql' : 'sqlite';

// The label of a database: the test file's name.
const label = () => basename(process.argv[1] || 'test').replace(/\.test\.mjs$/, '');

// A database for a test whose files live in dir: { url, drop(), seeded }. On
// PostgreSQL its name is kept in dir, so that a second call with the same dir
// (a server restarted on the same data) gets the same database.
// With demo: true the caller wants the demo in it. `seeded` says whether it is
// there already: the demo is made once per lantoa binary and copied (on
// PostgreSQL always, from a template database; on SQLite when the runner gives
// a cache folder in LANTOA_TEST_CACHE). Otherwise the caller runs `lantoa demo`.
export function testDatabase(dir, file = 'test.db', { demo = false } = {}) {
  if (!PG_URL) {
    const path = join(dir, file);
    const seeded = demo && !existsSync(path) && copyCachedDemo(path);
    return { url: 'sqlite:' + path, drop() {}, seeded };
  }
  const keep = join(dir, file + '.pg');
  let name;
  let seeded = false;
  if (existsSync(keep)) {
    name = readFileSync(keep, 'utf8').trim();
  } else {
    name = freshDatabase(label(), { demo }).name;
    seeded = demo;
    writeFileSync(keep, name);
  }
  return { url: urlOf(name), name, seeded, drop() { psql(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`); } };
}

// Copy the cached SQLite demo database to path, making it first if need be;
// false when there is no cache folder.
function copyCachedDemo(path) {
  const cache = process.env.LANTOA_TEST_CACHE;
  if (!cache) return false;
  const cached = join(cache, `demo-${binaryTag(process.env.LANTOA_NOW || '')}.db`);
  if (!existsSync(cached)) {
    const tmp = `${cached}.${process.pid}.tmp`;
    for (const args of [['init'], ['demo']]) {
      const r = spawnSync(BIN, ['--db', 'sqlite:' + tmp, ...args], { encoding: 'utf8', cwd: ROOT });
      if (r.status !== 0) throw new Error(`lantoa ${args[0]} failed (exit ${r.status}): ${r.stderr}`);
    }
    // lantoa leaves no -wal behind once it has closed the database; the file is whole.
    for (const side of ['-wal', '-shm']) if (existsSync(tmp + side)) throw new Error(`${tmp}${side} left behind`);
    renameSync(tmp, cached); // atomic: another test file making it at the same time writes the same
  }
  copyFileSync(cached, path);
  return true;
}

const isPg = (db) => /^postgres(ql)?:/.test(db);

// Rows as the sqlite3 shell prints them by default: columns joined by '|', one
// line a row, trimmed (psql -A -t prints the same).
export function sqlText(db, q) {
  if (isPg(db)) {
    return execFileSync(psqlPath(), ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-d', db, '-c', q],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 28 }).trim();
  }
  const r = spawnSync('sqlite3', [db.replace(/^sqlite:/, ''), q], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error('sqlite3: ' + r.stderr);
  return r.stdout.trim();
}

// The names of the database's own tables, sorted.
export function tableNames(db) {
  const q = isPg(db)
    ? "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1"
    : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY 1";
  return sqlText(db, q).split('\n').filter(Boolean);
}

// A quoted SQL literal for a test's own parameter (test data, not user input).
function literal(v) {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'number') return String(v);
  return "'" + String(v).replace(/'/g, "''") + "'";
}

// Run a script of statements separated by ";\n"; `?` placeholders take params in
// order. Returns the rows of the last statement as objects.
export function query(db, script, params = []) {
  if (isPg(db)) {
    let rows = [];
    let i = 0;
    for (const raw of script.split(';\n')) {
      const stmt = raw.trim().replace(/\?/g, () => literal(params[i++]));
      if (!stmt) continue;
      if (/^(select|with)\b/i.test(stmt)) {
        rows = JSON.parse(sqlText(db, `SELECT coalesce(json_agg(t), '[]') FROM (${stmt}) t`) || '[]');
      } else {
        sqlText(db, stmt);
        rows = [];
      }
    }
    return rows;
  }
  const r = spawnSync('/usr/bin/python3', ['-c', `
import json, sqlite3, sys
c = sqlite3.connect(sys.argv[1]); c.row_factory = sqlite3.Row
rows = []
for stmt in sys.argv[2].split(';\\n'):
    if stmt.strip(): rows = [dict(r) for r in c.execute(stmt, json.loads(sys.argv[3]) if '?' in stmt else [])]
c.commit(); print(json.dumps(rows))`, db.replace(/^sqlite:/, ''), script, JSON.stringify(params)], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error('sqlite: ' + r.stderr);
  return JSON.parse(r.stdout);
}
