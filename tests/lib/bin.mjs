// SPDX-License-Identifier: AGPL-3.0-or-later
// The lantoa binary the tests run (LANTOA_BIN, else build/lantoa) and a tag
// that changes whenever it is rebuilt, for caches made by that binary: the
// migrated PostgreSQL template (pg.mjs) and the demo database (db.mjs).
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(new URL('../..', import.meta.url).pathname);
export const BIN = process.env.LANTOA_BIN || join(ROOT, 'build', 'lantoa');

// Every lantoa the tests start (servers, CLI runs, the cached demo and the
// PostgreSQL template) hashes new passwords with OWASP's minimum memory for
// Argon2id, 19 MiB, not the default 64 MiB: a hash then costs about 50 ms of
// CPU, not 165 ms, and the demo's one hash is what every test login verifies.
// The default cost keeps its own tests (unit core_password, and
// security_password.test.mjs, which unsets this).
process.env.LANTOA_HASH_MEMORY ??= '19456';

// 12 hex digits of the binary's path, size and modification time, and of
// `extra` (what else the cached thing depends on).
export function binaryTag(extra = '') {
  const st = statSync(BIN);
  return createHash('sha256').update(`${BIN}:${st.size}:${st.mtimeMs}:${extra}`).digest('hex').slice(0, 12);
}

// The binary a test may LD_PRELOAD a shim into: a sanitizer runtime must come
// first in the library list, so when the suite's binary is sanitized (the
// SQLite integration suite) the plain -O2 build beside it serves instead.
// Returns { bin } or { why } when there is none.
export function preloadableBin() {
  const sanitized = (bin) => /libasan|libubsan/.test(execFileSync('ldd', [bin], { encoding: 'utf8' }));
  let bin = BIN;
  if (sanitized(bin)) bin = join(ROOT, 'build', 'lantoa');
  if (!existsSync(bin) || sanitized(bin)) return { why: 'sanitizer build, and no plain build at build/lantoa' };
  return { bin };
}
