// SPDX-License-Identifier: AGPL-3.0-or-later
// A second, throw-away PostgreSQL for the tests that must stop, start or
// replicate a server (db_loss, read_replica): never the run's shared one
// (LANTOA_TEST_PG), which other tests use at the same time. Made by
// scripts/pg-test.sh start in its own folder; stopped and started again in
// place with pg_ctl; a streaming replica made with pg_basebackup -R.
//
//   const pg = startPg();            // { dir, url, port, stop(), start(), destroy(), psql(sql) }
//   const r = pg.replica();          // the same shape, a hot standby of pg on its own port
//   const srv = await serve(['--db', pg.url]);   // `lantoa serve` on it: { url, proc, log() }
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(new URL('../..', import.meta.url).pathname);
const BIN = process.env.LANTOA_BIN || join(ROOT, 'build', 'lantoa');
const PG_BIN = process.env.PG_BIN || '/usr/lib/postgresql/15/bin';

// Run a PostgreSQL program as the user that owns dir (pg-test.sh drops root to it).
function asOwner(dir, prog, args, opts = {}) {
  let cmd = join(PG_BIN, prog);
  let argv = args;
  if (process.getuid && process.getuid() === 0) {
    const user = execFileSync('id', ['-nu', String(statSync(dir).uid)], { encoding: 'utf8' }).trim();
    argv = ['-u', user, '--', cmd, ...args];
    cmd = 'runuser';
  }
  const r = spawnSync(cmd, argv, { encoding: 'utf8', ...opts });
  if (r.status !== 0 && !opts.mayFail) throw new Error(`${prog} ${args.join(' ')}: ${r.stderr}${r.stdout}`);
  return r;
}

function freePortSync() {
  return Number(execFileSync('python3', ['-c',
    'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'],
  { encoding: 'utf8' }).trim());
}

// A server whose data is dir/data, on 127.0.0.1:port and a socket in dir.
function server(dir, port, url) {
  const pg = {
    dir, port, url,
    start() {
      // synchronous_commit stays on: stop() is a crash (-m immediate), and a commit
      // lantoa acknowledged (a login's session) must survive it, as on a real server.
      // fsync=off is safe here: the operating system does not crash under the test.
      asOwner(dir, 'pg_ctl', ['-D', join(dir, 'data'), '-l', join(dir, 'server.log'), '-w', '-t', '60', '-s',
        '-o', `-c listen_addresses=127.0.0.1 -p ${port} -c unix_socket_directories=${dir} -c fsync=off` +
          ' -c full_page_writes=off -c max_connections=200', 'start']);
    },
    // Gone at once, as a crash or a lost network would leave it (no goodbye to the clients).
    stop() {
      asOwner(dir, 'pg_ctl', ['-D', join(dir, 'data'), '-m', 'immediate', '-w', '-t', '60', '-s', 'stop'], { mayFail: true });
    },
    psql(sql) {
      return asOwner(dir, 'psql', ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-h', dir, '-p', String(port),
        '-U', 'postgres', '-d', 'lantoa', '-c', sql]).stdout.trim();
    },
    // A hot standby streaming from this server, on its own port.
    replica() {
      const rdir = mkdtempSync(join(tmpdir(), 'lantoa-pg-replica.'));
      spawnSync('chmod', ['0700', rdir]);
      spawnSync('chown', [String(statSync(dir).uid), rdir]);
      const rport = freePortSync();
      const u = new URL(url);
      u.port = String(rport);
      const r = server(rdir, rport, u.toString());
      try {
        asOwner(rdir, 'pg_basebackup', ['-h', dir, '-p', String(port), '-U', 'postgres', '-D', join(rdir, 'data'),
          '-R', '-X', 'stream', '--no-sync', '--checkpoint=fast']); // not a spread checkpoint: minutes
        r.start();
      } catch (err) {
        r.destroy();
        throw err;
      }
      return r;
    },
    destroy() {
      pg.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return pg;
}

// A new server from scripts/pg-test.sh, with its role and database `lantoa`.
export function startPg() {
  const dir = mkdtempSync(join(tmpdir(), 'lantoa-pg-own.'));
  // Commits survive stop() (a crash) from the first one: see start() above.
  execFileSync('sh', [join(ROOT, 'scripts', 'pg-test.sh'), 'start', dir],
    { encoding: 'utf8', env: { ...process.env, PG_SYNCHRONOUS_COMMIT: 'on' } });
  const url = readFileSync(join(dir, 'url'), 'utf8').trim();
  const port = Number(readFileSync(join(dir, 'port'), 'utf8').trim());
  return server(dir, port, url);
}

// `lantoa ARGS serve` on a free port (4 threads), not held to the OpenAPI contract (its
// answers while the database is away are the point); resolves when /healthz answers.
export async function serve(args) {
  const port = freePortSync();
  const proc = spawn(BIN, [...args, 'serve', '--listen', `127.0.0.1:${port}`, '--threads', '4'],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  proc.stdout.on('data', (d) => { log += d; });
  proc.stderr.on('data', (d) => { log += d; });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error('server exited: ' + log);
    try { if ((await fetch(url + '/healthz')).ok) break; } catch { /* not yet */ }
    if (Date.now() > deadline) { proc.kill('SIGKILL'); throw new Error('server did not start: ' + log); }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, proc, log: () => log };
}
