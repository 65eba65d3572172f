// SPDX-License-Identifier: AGPL-3.0-or-later
// A SoftHSM2 token with a test CA and signer certificates (tests/lib/softhsm.sh),
// for the signing tests of reports and directives, and the [signing] section
// that hands it to the server.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './server.mjs';

/**
 * Make the token in a new temporary folder: {dir, module, env, skip}; skip is
 * a reason when softhsm2, opensc or libnss3-tools is missing (dir then gone).
 * The user PIN 1234 is also in dir/pin, for pin_file; the agency's token
 * "lantoa-seal" (key "seal", PIN 4321, in dir/seal-pin) is there too.
 */
export function makePki(prefix = 'lantoa-pki-') {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const r = spawnSync('sh', [join(ROOT, 'tests/lib/softhsm.sh'), dir], { encoding: 'utf8' });
  if (r.status === 77) {
    rmSync(dir, { recursive: true, force: true });
    return { skip: 'softhsm2, opensc or libnss3-tools is missing (scripts/install-deps.sh test)' };
  }
  assert.equal(r.status, 0, r.stderr);
  writeFileSync(join(dir, 'pin'), '1234\n');
  writeFileSync(join(dir, 'seal-pin'), '4321\n');
  return { dir, module: readFileSync(join(dir, 'module'), 'utf8').trim(), env: { SOFTHSM2_CONF: join(dir, 'softhsm2.conf') } };
}

/**
 * The [signing] section for the token of pki, usable by the logins in signers
 * (a string); with seal, the agency's key on its own token (seal_key).
 */
export const signingConfig = (pki, signers, { seal = false } = {}) => `[signing]\npkcs11_module = ${pki.module}\ntoken = lantoa-test\nkey = signer\n` +
  `pin_file = ${join(pki.dir, 'pin')}\nchain_file = ${join(pki.dir, 'chain.pem')}\nca_file = ${join(pki.dir, 'ca.pem')}\nsigners = ${signers}\n` +
  (seal ? `seal_key = seal\nseal_token = lantoa-seal\nseal_pin_file = ${join(pki.dir, 'seal-pin')}\n` : '');

/** Is the tool t on PATH (pdfsig, pdftoppm)? */
export const have = (t) => spawnSync('sh', ['-c', `command -v ${t}`]).status === 0;

/** poppler's pdfsig on file, trusting the token's test CA (pki.dir/nss). */
export const pdfsig = (dir, file) => spawnSync('pdfsig', ['-nssdir', `sql:${join(dir, 'nss')}`, file], { encoding: 'utf8' });

/**
 * file, signed by signer and then sealed by agency (the agency's key): lantoa's
 * `doc verify` (r, its run in Vietnamese) and poppler's pdfsig (dir: the token's
 * folder, when pdfsig is installed) both see two valid, trusted signatures,
 * the person's covered by the agency's update, the agency's over the whole file.
 */
export function assertSealed(r, dir, file, signer, agency) {
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, new RegExp(`chữ ký 1/2: ${signer} — hợp lệ`));
  assert.match(r.stdout, /không đổi; có chữ ký sau/);
  assert.match(r.stdout, new RegExp(`chữ ký 2/2: ${agency} — hợp lệ`));
  assert.match(r.stdout, /toàn bộ tài liệu, không đổi/);
  if (!have('pdfsig')) return;
  const p = pdfsig(dir, file).stdout;
  assert.equal(p.match(/Signature Validation: Signature is Valid\./g)?.length, 2, p);
  assert.equal(p.match(/Certificate Validation: Certificate is Trusted\./g)?.length, 2, p);
  assert.match(p, new RegExp(`Signature #1:[\\s\\S]*Common Name: ${signer}[\\s\\S]*Signature #2:[\\s\\S]*Common Name: ${agency}`));
  assert.match(p, /Signature #2:[\s\S]*Total document signed/);
}
