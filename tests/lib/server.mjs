// SPDX-License-Identifier: AGPL-3.0-or-later
// Shared harness for integration and browser tests: a real `lantoa serve`
// on a free 127.0.0.1 port with a temporary database holding the demo (SQLite,
// or PostgreSQL when LANTOA_TEST_PG is set: tests/lib/db.mjs).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { watchServer, unwatchServer } from './contract.mjs';
import { testDatabase } from './db.mjs';

import { BIN, ROOT } from './bin.mjs';

export { BIN, ROOT };
export const DEMO_PASSWORD = 'lantoa2024';

export function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => res(port)); });
  });
}

// Run the CLI synchronously against db; returns {status, stdout, stderr}.
export function cli(db, args, input, env) {
  const r = spawnSync(BIN, ['--db', db, ...args], { input, encoding: 'utf8', cwd: ROOT, env: { ...process.env, ...(env || {}) } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

// Start a server. opts.demo (default true) fills the database with the demo.
// opts.config: text of a config file to pass with --config.
// opts.dir: reuse the folder (and database) of an earlier server, e.g. to
// restart it with another clock (opts.env.LANTOA_NOW); opts.keep: leave the
// folder in place on stop. opts.db: serve this database URL (already filled:
// no demo; the test owns it and drops it) instead of the run's test database.
// opts.bin: serve with this lantoa binary instead of the suite's (LANTOA_BIN).
export async function startServer(opts = {}) {
  const reuse = !!opts.dir || !!opts.db;
  const dir = opts.dir || mkdtempSync(join(tmpdir(), 'lantoa-test-'));
  const wantDemo = opts.demo !== false && !reuse;
  const database = opts.db ? { url: opts.db, drop() {} } : testDatabase(dir, undefined, { demo: wantDemo });
  const db = database.url;
  if (!database.seeded) {
    const init = cli(db, ['init']);
    if (init.status !== 0) throw new Error('init failed: ' + init.stderr);
  }
  if (wantDemo && !database.seeded) {
    const d = cli(db, ['demo']);
    if (d.status !== 0) throw new Error('demo failed: ' + d.stderr);
  }
  const port = await freePort();
  const args = ['--db', db];
  if (opts.config) {
    const { writeFileSync } = await import('node:fs');
    const cfg = join(dir, 'lantoa.conf');
    writeFileSync(cfg, opts.config);
    args.push('--config', cfg);
  }
  args.push('serve', '--listen', `127.0.0.1:${port}`);
  const proc = spawn(opts.bin || BIN, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...(opts.env || {}) } });
  let log = '';
  proc.stdout.on('data', (d) => { log += d; });
  proc.stderr.on('data', (d) => { log += d; });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 15000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error('server exited: ' + log);
    try { const r = await fetch(url + '/healthz'); if (r.ok) break; } catch { /* not yet */ }
    if (Date.now() > deadline) { proc.kill('SIGKILL'); throw new Error('server did not start: ' + log); }
    await new Promise((r) => setTimeout(r, 50));
  }
  // From here on every response of this server is held to docs/openapi.yaml.
  watchServer(url);
  return {
    url, db, dir, proc,
    log: () => log,
    async stop() {
      unwatchServer(url);
      if (proc.exitCode === null) {
        proc.kill('SIGTERM');
        await new Promise((r) => { const t = setTimeout(() => { proc.kill('SIGKILL'); r(); }, 5000); proc.once('exit', () => { clearTimeout(t); r(); }); });
      }
      if (!opts.keep) {
        database.drop();
        rmSync(dir, { recursive: true, force: true });
      }
      // Under ASan/UBSan the server's own report is a failure of the test that ran it.
      if (/AddressSanitizer|LeakSanitizer|runtime error:/.test(log)) {
        throw new Error('sanitizer report from the server:\n' + log.slice(-4000));
      }
    },
  };
}

// A logged-in API client: keeps the cookie and sends the CSRF token.
export async function login(url, loginName, password = DEMO_PASSWORD, lang = 'vi') {
  const r = await fetch(url + '/api/v1/login', {
    method: 'POST', headers: { 'Content-Type': 'application/json', 'Accept-Language': lang },
    body: JSON.stringify({ login: loginName, password }),
  });
  if (r.status !== 200) throw new Error(`login ${loginName}: ${r.status} ${await r.text()}`);
  const cookie = r.headers.get('set-cookie').split(';')[0];
  const { csrf_token: csrf, user } = await r.json();
  const call = async (method, path, body, headers = {}) => {
    const h = { Cookie: cookie, 'Accept-Language': lang, ...headers };
    if (method !== 'GET' && method !== 'HEAD') h['X-CSRF-Token'] = csrf;
    let payload = body;
    if (body !== undefined && typeof body !== 'string' && !(body instanceof Uint8Array)) {
      h['Content-Type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    const res = await fetch(url + path, { method, headers: h, body: payload });
    const text = await res.text();
    let json = null;
    try { json = JSON.parse(text); } catch { /* not JSON */ }
    return { status: res.status, json, text, headers: res.headers };
  };
  return { cookie, csrf, user, call, get: (p) => call('GET', p), post: (p, b) => call('POST', p, b), patch: (p, b) => call('PATCH', p, b), put: (p, b) => call('PUT', p, b), del: (p) => call('DELETE', p) };
}
