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
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { BIN, ROOT, binaryTag } from './bin.mjs';

export const PG_URL = process.env.LANTOA_TEST_PG || null;

// The client's own psql, not Debian's /usr/bin/psql: that is pg_wrapper, a Perl
// script that picks a cluster and then runs this one, 55 ms of CPU a call where
// psql alone takes 16 ms. An integration file makes a hundred calls and more.
let psqlBin = null;
export function psqlPath() {
  if (psqlBin) return psqlBin;
  psqlBin = 'psql';
  try {
    const bin = join(execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim(), 'psql');
    if (existsSync(bin)) psqlBin = bin;
  } catch { /* no pg_config: the wrapper */ }
  return psqlBin;
}

// The URL of database `name` on the same server, as the same user.
export function urlOf(name) {
  const u = new URL(PG_URL);
  u.pathname = '/' + name;
  return u.toString();
}

// Run SQL on the server's main database (or on `db`); returns psql's unaligned output.
export function psql(sql, db) {
  return execFileSync(psqlPath(), ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-d', db ? urlOf(db) : PG_URL, '-c', sql],
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

// Make template `name` once, atomically: `fill` runs lantoa on a scratch
// database, which is then renamed, so the template is whole or absent.
function makeTemplate(name, from, fill) {
  if (exists(name)) return name;
  const tmp = `${name}_${process.pid}`;
  withRetry(() => psql(from ? `CREATE DATABASE ${tmp} TEMPLATE ${from} STRATEGY FILE_COPY` : `CREATE DATABASE ${tmp}`));
  for (const args of fill) {
    const r = spawnSync(BIN, ['--db', urlOf(tmp), ...args], { encoding: 'utf8', cwd: ROOT });
    if (r.status !== 0) {
      psql(`DROP DATABASE IF EXISTS ${tmp}`);
      throw new Error(`lantoa ${args.join(' ')} on PostgreSQL failed (exit ${r.status}): ${r.stderr}`);
    }
  }
  try {
    psql(`ALTER DATABASE ${tmp} RENAME TO ${name}`);
  } catch (err) {
    psql(`DROP DATABASE IF EXISTS ${tmp}`);
    if (!exists(name)) throw err; // else another test file made it first
  }
  return name;
}

// The migrated template for this lantoa binary (its size and time stand for its migrations).
export function templateName() {
  return makeTemplate(`lantoa_tpl_${binaryTag()}`, null, [['init']]);
}

// The same with `lantoa demo` in it (the demo reads the clock: LANTOA_NOW is part of the tag).
export function demoTemplateName() {
  return makeTemplate(`lantoa_demo_${binaryTag(process.env.LANTOA_NOW || '')}`, templateName(), [['demo']]);
}

// A fresh, migrated database for one test file; label names it (e.g. the file's name).
// With demo: true it holds the demo already (a copy of demoTemplateName()).
export function freshDatabase(label = 'test', { demo = false } = {}) {
  if (!PG_URL) throw new Error('LANTOA_TEST_PG is not set (scripts/pg-test.sh start prints it)');
  const tpl = demo ? demoTemplateName() : templateName();
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
