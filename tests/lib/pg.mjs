// SPDX-License-Identifier: AGPL-3.0-or-later
// PostgreSQL for node tests: a fresh, migrated database per test file, on the
// server scripts/pg-test.sh started (its URL in LANTOA_TEST_PG; the runner's
// unit-pg suite and, later, integration-pg set it). Without LANTOA_TEST_PG the
// tests run on SQLite and nothing here is used.
//
//   import { PG_URL, freshDatabase } from '../lib/pg.mjs';
//   const db = freshDatabase('reports');   // { url, name, drop() }
//   ... cli(db.url, [...]) / lantoa --db db.url serve ...
//   db.drop();
//
// Speed: the schema is made once per server and lantoa binary, by
// `lantoa init` into a template database; each fresh database is a copy of it
// (CREATE DATABASE … TEMPLATE), which takes a fraction of the migrations' time.
// Talks to the server with Debian's psql (postgresql-client), so no npm module.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';

const ROOT = resolve(new URL('../..', import.meta.url).pathname);
const BIN = process.env.LANTOA_BIN || join(ROOT, 'build', 'lantoa');

export const PG_URL = process.env.LANTOA_TEST_PG || null;

// The URL of database `name` on the same server, as the same user.
export function urlOf(name) {
  const u = new URL(PG_URL);
  u.pathname = '/' + name;
  return u.toString();
}

// Run SQL on the server's main database (or on `db`); returns psql's unaligned output.
export function psql(sql, db) {
  return execFileSync('psql', ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-d', db ? urlOf(db) : PG_URL, '-c', sql],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

function exists(name) {
  return psql(`SELECT count(*) FROM pg_database WHERE datname = '${name}'`) === '1';
}

// Retry what fails only because another process touches the template at the same instant.
function withRetry(fn) {
  for (let i = 0; ; i++) {
    try { return fn(); } catch (err) {
      if (i >= 20 || !/being accessed by other users|already exists/.test(String(err.stderr || err))) throw err;
      spawnSync('sleep', ['0.1']);
    }
  }
}

// The migrated template for this lantoa binary (its size and time stand for its migrations).
export function templateName() {
  const st = statSync(BIN);
  const tag = createHash('sha256').update(`${st.size}:${st.mtimeMs}`).digest('hex').slice(0, 12);
  const name = `lantoa_tpl_${tag}`;
  if (exists(name)) return name;
  const tmp = `${name}_${process.pid}`;
  psql(`CREATE DATABASE ${tmp}`);
  const r = spawnSync(BIN, ['--db', urlOf(tmp), 'init'], { encoding: 'utf8' });
  if (r.status !== 0) {
    psql(`DROP DATABASE IF EXISTS ${tmp}`);
    throw new Error(`lantoa init on PostgreSQL failed (exit ${r.status}): ${r.stderr}`);
  }
  try {
    psql(`ALTER DATABASE ${tmp} RENAME TO ${name}`); // atomic: the template is whole or absent
  } catch (err) {
    psql(`DROP DATABASE IF EXISTS ${tmp}`);
    if (!exists(name)) throw err; // else another test file made it first
  }
  return name;
}

// A fresh, migrated database for one test file; label names it (e.g. the file's name).
export function freshDatabase(label = 'test') {
  if (!PG_URL) throw new Error('LANTOA_TEST_PG is not set (scripts/pg-test.sh start prints it)');
  const tpl = templateName();
  const safe = basename(label).toLowerCase().replace(/[^a-z0-9]+/g, '_').slice(0, 30);
  const name = `t_${safe}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  // FILE_COPY: for a small template, copying its files beats logging every page (PostgreSQL 15's default).
  withRetry(() => psql(`CREATE DATABASE ${name} TEMPLATE ${tpl} STRATEGY FILE_COPY`));
  return {
    name,
    url: urlOf(name),
    drop() { psql(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`); },
  };
}
