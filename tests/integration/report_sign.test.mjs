// SPDX-License-Identifier: AGPL-3.0-or-later
// A report signed with a PKCS#11 token, end to end (issue 15): a SoftHSM2
// token, a test CA and the signer's certificates made here by
// tests/lib/softhsm.sh (the unit tests' helper); a cadre submits, the
// commune officer signs with `lantoa report sign`; lantoa (`doc verify`) and
// poppler's pdfsig both say the PDF is valid, and both see one changed byte;
// a wrong PIN, an absent token or module, an expired or not yet valid certificate are
// refused with nothing stored; the signed report is locked, a reopened one
// leaves its signature with its revision and the next revision is unsigned;
// a PDF signed by pdfsig itself checks too; the signature image and the seal
// (Nghị định 30 Phụ lục I) are drawn, the seal over the signature's left third.
// The agency's key (Nghị định 30/2020: the person's signature and the
// agency's): without it a report carries the person's signature alone and
// says there is no seal; with it (--seal-key, [signing] seal_key, the token
// lantoa-seal) the agency signs after the person, lantoa and pdfsig see two
// valid signatures, and a wrong agency PIN is refused in both languages with
// nothing stored.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { join } from 'node:path';
import { startServer, login, cli, ROOT, BIN } from '../lib/server.mjs';
import { query } from '../lib/db.mjs';
import { assertSealed, have, makePki, pdfsig as pdfsigOf, signingConfig } from '../lib/pki.mjs';

const U1 = '01.018.00577.01';
const U2 = '01.018.00577.02';
let srv, pki, module, env, skip = false;

before(async () => {
  const p = makePki();
  if (p.skip) { skip = p.skip; return; }
  ({ dir: pki, module, env } = p);
  srv = await startServer({ env, config: signingConfig(p, 'xa-00577') });
});

after(async () => {
  if (srv) await srv.stop();
  if (pki) rmSync(pki, { recursive: true, force: true });
});

// seal: the agency's PIN: sign with its key too (token lantoa-seal, its PIN on stdin's second line).
const sign = (unit, { as = 'xa-00577', key = 'signer', token = 'lantoa-test', mod = module, pin = '1234', seal, out, lang } = {}) => {
  const args = [];
  if (lang) args.push('--lang', lang);
  if (as) args.push('--as', as);
  args.push('report', 'sign', '--directive', '42/LĐLĐ', '--unit', unit, '--pkcs11-module', mod,
    '--token', token, '--key', key, '--pin-stdin', '--chain', join(pki, 'chain.pem'));
  if (seal) args.push('--seal-key', 'seal', '--seal-token', 'lantoa-seal');
  if (out) args.push('--out', out);
  return cli(srv.db, args, pin + '\n' + (seal ? seal + '\n' : ''), env);
};
const AGENCY = 'Liên đoàn Lao động huyện Gia Lâm';
const verify = (file, extra = []) => cli(srv.db, [...extra, 'doc', 'verify', file, '--ca', join(pki, 'ca.pem')]);
const pdfsig = (file) => pdfsigOf(pki, file);
const signatures = () => Number(query(srv.db, 'SELECT count(*) AS n FROM report_signature')[0].n);
const report = async (c, unit) => {
  const u = JSON.parse(cli(srv.db, ['--json', 'unit', 'show', unit]).stdout).unit;
  const d = JSON.parse(cli(srv.db, ['--json', 'directive', 'list']).stdout).items.find((x) => x.number === '42/LĐLĐ');
  return `/api/v1/directives/${d.id}/units/${u.id}/report`;
};

test('sign via the CLI, verify with lantoa and pdfsig, a changed byte fails', async (t) => {
  if (skip) return t.skip(skip);
  const cadre = await login(srv.url, 'cs-00577-01');
  const off = await login(srv.url, 'xa-00577');
  const path = await report(cadre, U1);
  assert.equal((await cadre.post(path + '/submit', {})).status, 200);

  // A cadre may not sign, even its own unit's report.
  let r = sign(U1, { as: 'cs-00577-01' });
  assert.equal(r.status, 5, r.stderr);
  assert.match(r.stderr, /Chỉ cán bộ công đoàn/);
  assert.equal(signatures(), 0);

  const out = join(pki, 'signed.pdf');
  r = sign(U1, { out });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /Nguyễn Văn Thành, Chủ tịch/);
  // No agency key: signed by the person alone, and it says so.
  assert.match(r.stdout, /cơ quan: không có con dấu/);
  assert.equal(signatures(), 1);
  assert.equal(query(srv.db, 'SELECT seal_name FROM report_signature')[0].seal_name, null);
  const pdf = readFileSync(out);

  // The signed revision is the rendered one: the document route's bytes come first, unchanged.
  const plain = await fetch(srv.url + path + '/document?format=pdf', { headers: { Cookie: off.cookie } });
  const plainBytes = Buffer.from(await plain.arrayBuffer());
  assert.ok(pdf.subarray(0, plainBytes.length).equals(plainBytes), 'the signed PDF begins with the rendered revision');
  const view = (await off.get(path)).json;
  assert.equal(view.signature.rev, 1);
  assert.equal(view.signature.revision_sha256, view.sha256);
  assert.equal(view.signature.signed_by, 'Nguyễn Văn Thành');
  assert.equal(view.signature.position, 'Chủ tịch');
  assert.equal(view.signature.certificate.issuer, 'Lantoa Test Sub CA');
  assert.equal(view.signatures.length, 1);
  assert.equal(view.signature.seal, null);

  // lantoa: valid, trusted, the whole document.
  r = verify(out);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /Nguyễn Văn Thành — hợp lệ/);
  assert.match(r.stdout, /tin cậy \(3 chứng thư\)/);
  r = verify(out, ['--json']);
  const j = JSON.parse(r.stdout);
  assert.equal(j.valid, true);
  assert.equal(j.signatures.length, 1, 'the person\'s signature alone');
  assert.equal(j.signatures[0].intact, true);
  assert.equal(j.signatures[0].chain_ok, true);
  assert.equal(j.signatures[0].whole_file, true);
  // Without the test root the chain is not trusted: exit 2, the signature itself intact.
  r = cli(srv.db, ['--json', 'doc', 'verify', out]);
  assert.equal(r.status, 2);
  assert.equal(JSON.parse(r.stdout).signatures[0].intact, true);

  // poppler: valid and trusted.
  if (have('pdfsig')) {
    const p = pdfsig(out);
    assert.equal(p.stdout.match(/Signature Validation: Signature is Valid\./g)?.length, 1, p.stdout);
    assert.match(p.stdout, /Certificate Validation: Certificate is Trusted\./);
    assert.match(p.stdout, /Total document signed/);
  }

  // The API: who signed, when, and that it verifies; the stored PDF is the one written.
  const sig = (await off.get(path + '/signature')).json;
  assert.equal(sig.verifies, true);
  assert.equal(sig.trusted, true, 'the server trusts [signing] ca_file');
  assert.equal(sig.changed_after, false);
  assert.equal(sig.signature.signed_by, 'Nguyễn Văn Thành');
  assert.equal(sig.seal, null, 'no agency signature in the PDF');
  assert.equal(sig.signature.seal, null);
  const got = await fetch(srv.url + path + '/signature/pdf', { headers: { Cookie: cadre.cookie } });
  assert.equal(got.status, 200);
  assert.equal(got.headers.get('content-type'), 'application/pdf');
  assert.ok(Buffer.from(await got.arrayBuffer()).equals(pdf));

  // One byte changed in the signed revision: lantoa says changed (exit 4), pdfsig does not validate.
  const bad = Buffer.from(pdf);
  const at = bad.indexOf('/Creator');
  assert.ok(at > 0);
  bad[at + 12] ^= 1;
  const badFile = join(pki, 'changed.pdf');
  writeFileSync(badFile, bad);
  r = verify(badFile);
  assert.equal(r.status, 4, r.stdout + r.stderr);
  assert.match(r.stderr, /thay đổi sau khi ký/);
  r = cli(srv.db, ['--lang', 'en', 'doc', 'verify', badFile, '--ca', join(pki, 'ca.pem')]);
  assert.match(r.stderr, /changed after signing/);
  if (have('pdfsig')) assert.doesNotMatch(pdfsig(badFile).stdout, /Signature is Valid\./);
  // Bytes appended after signing: changed too.
  writeFileSync(badFile, Buffer.concat([pdf, Buffer.from('% appended\n')]));
  r = verify(badFile);
  assert.equal(r.status, 4);
});

test('a wrong PIN, an absent token or module, an expired or not yet valid certificate: refused, nothing written', async (t) => {
  if (skip) return t.skip(skip);
  const cadre = await login(srv.url, 'cs-00577-02');
  const path = await report(cadre, U2);
  assert.equal((await cadre.post(path + '/submit', {})).status, 200);
  const before = signatures();
  const out = join(pki, 'never.pdf');

  let r = sign(U2, { pin: '9999', out });
  assert.equal(r.status, 5, r.stderr);
  assert.match(r.stderr, /PIN/);
  assert.match(r.stderr, /không đúng/);
  r = sign(U2, { pin: '9999', out, lang: 'en' });
  assert.match(r.stderr, /Wrong PIN/i);
  r = sign(U2, { token: 'absent', out });
  assert.equal(r.status, 3);
  assert.match(r.stderr, /absent/);
  r = sign(U2, { mod: '/nonexistent/libpkcs11.so', out, lang: 'en' });
  assert.equal(r.status, 3);
  assert.match(r.stderr, /module/);
  r = sign(U2, { key: 'expired', out, lang: 'en' });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /expired/);
  // Not yet valid: the clock ten days before the certificate was issued (today).
  const pinned = { ...env, LANTOA_NOW: String(Math.floor(Date.now() / 1000) - 10 * 86400) };
  for (const [lang, re] of [['en', /certificate: .*is not yet valid/], ['vi', /certificate: .*chưa có hiệu lực/]]) {
    r = cli(srv.db, ['--lang', lang, '--as', 'xa-00577', 'report', 'sign', '--directive', '42/LĐLĐ', '--unit', U2,
      '--pkcs11-module', module, '--token', 'lantoa-test', '--key', 'signer', '--pin-stdin', '--out', out], '1234\n', pinned);
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, re);
  }
  // An --out that cannot be written is found before the token is used.
  r = sign(U2, { out: join(pki, 'no-such-dir', 'x.pdf') });
  assert.equal(r.status, 74);
  assert.match(r.stderr, /--out/);
  // Not submitted: nothing to sign.
  r = sign('01.018.00577.03', { out });
  assert.equal(r.status, 4);
  assert.equal(signatures(), before);
  assert.equal(existsSync(out), false);
  assert.equal((await cadre.get(path)).json.signature, null);
});

test('a signed report is locked; reopened, its signature stays with its revision', async (t) => {
  if (skip) return t.skip(skip);
  const cadre = await login(srv.url, 'cs-00577-01');
  const off = await login(srv.url, 'xa-00577');
  const path = await report(cadre, U1);
  let v = (await cadre.get(path)).json;
  assert.equal(v.signature.rev, 1);
  // Locked: no edit, no new submission.
  assert.equal((await cadre.patch(path, { narrative: { general: 'Sửa' } })).status, 409);
  assert.equal((await cadre.post(path + '/submit', {})).status, 409);
  // Signed twice: refused.
  let r = sign(U1);
  assert.equal(r.status, 4);
  assert.match(r.stderr, /đã được ký/);
  // Accepting keeps the signature.
  assert.equal((await off.post(path + '/accept', {})).status, 200);
  assert.equal((await cadre.get(path)).json.signature.rev, 1);
  // Reopening (by the level above: the unit may not, once accepted) supersedes it, and says so in the audit.
  assert.equal((await cadre.post(path + '/reopen', { reason: 'Sửa số người' })).status, 403);
  assert.equal((await off.post(path + '/reopen', { reason: 'Sửa số người' })).status, 200);
  v = (await cadre.get(path)).json;
  assert.equal(v.report.status, 'draft');
  assert.equal(v.signature, null);
  assert.equal(v.signatures.length, 1);
  assert.equal(v.signatures[0].rev, 1);
  const audit = query(srv.db, "SELECT detail FROM audit_event WHERE action = 'reopen' ORDER BY id DESC LIMIT 1");
  assert.equal(JSON.parse(audit[0].detail).superseded_signature.rev, 1);
  // The next revision is unsigned and needs its own signature.
  assert.equal((await cadre.post(path + '/submit', {})).status, 200);
  v = (await cadre.get(path)).json;
  assert.equal(v.report.rev, 2);
  assert.equal(v.signature, null);
  assert.equal((await cadre.get(path + '/signature')).status, 404);
  assert.equal((await cadre.get(path + '/signature?rev=1')).json.signature.rev, 1);
  r = sign(U1);
  assert.equal(r.status, 0, r.stderr);
  v = (await cadre.get(path)).json;
  assert.equal(v.signature.rev, 2);
  assert.equal(v.signature.revision_sha256, v.sha256);
  assert.deepEqual(v.signatures.map((s) => s.rev), [1, 2]);
});

test('the server signs with its own token, for the designated signers only', async (t) => {
  if (skip) return t.skip(skip);
  const U = '01.018.00577.04';
  const cadre = await login(srv.url, 'cs-00577-04');
  const path = await report(cadre, U);
  const off = await login(srv.url, 'xa-00577');
  const district = await login(srv.url, 'gialam');
  // A draft: nothing to sign yet.
  assert.equal((await off.post(path + '/sign')).status, 409);
  assert.equal((await cadre.post(path + '/submit', {})).status, 200);
  // A cadre is refused by role, an officer above who is not a designated signer too.
  assert.equal((await cadre.post(path + '/sign')).status, 403);
  let r = await district.post(path + '/sign');
  assert.equal(r.status, 403);
  assert.equal(r.json.error.field, 'role');
  r = await off.post(path + '/sign');
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.signature.signed_by, 'Nguyễn Văn Thành');
  assert.equal(r.json.signature.signed_by_user, off.user.id);
  assert.equal((await off.post(path + '/sign')).status, 409);
  const v = (await cadre.get(path + '/signature')).json;
  assert.equal(v.verifies, true);
  assert.equal(v.trusted, true);
});

test("the agency's key: a wrong agency PIN is refused in both languages with nothing stored; sealed, lantoa and pdfsig see two valid signatures", async (t) => {
  if (skip) return t.skip(skip);
  // 01.018.00577.06 is submitted by the demo, unsigned.
  const U = '01.018.00577.06';
  const off = await login(srv.url, 'xa-00577');
  const path = await report(off, U);
  const rid = query(srv.db, `SELECT r.id FROM report r JOIN unit u ON u.id = r.unit_id WHERE u.code = '${U}'`)[0].id;
  const mine = () => Number(query(srv.db, `SELECT count(*) AS n FROM report_signature WHERE report_id = ${rid}`)[0].n);
  const audits = () => Number(query(srv.db, `SELECT count(*) AS n FROM audit_event WHERE action = 'sign' AND entity = 'report' AND entity_id = ${rid}`)[0].n);
  const out = join(pki, 'sealed.pdf');
  assert.equal(mine(), 0);

  // The agency's PIN wrong (the chairman's right): whose token it is, in both languages; nothing stored.
  let r = sign(U, { seal: '0000', out });
  assert.equal(r.status, 5, r.stderr);
  assert.match(r.stderr, /Khoá ký số của cơ quan/);
  assert.match(r.stderr, /PIN của token "lantoa-seal" không đúng/);
  r = sign(U, { seal: '0000', out, lang: 'en' });
  assert.equal(r.status, 5);
  assert.match(r.stderr, /agency's signing key/);
  assert.match(r.stderr, /Wrong PIN for token "lantoa-seal"/);
  assert.equal(mine(), 0, 'no partial signature row');
  assert.equal(audits(), 0);
  assert.equal(existsSync(out), false);
  assert.equal((await off.get(path + '/signature')).status, 404);
  // --seal-token without --seal-key names the missing option (a usage error).
  r = cli(srv.db, ['--as', 'xa-00577', 'report', 'sign', '--directive', '42/LĐLĐ', '--unit', U, '--pkcs11-module', module,
    '--token', 'lantoa-test', '--key', 'signer', '--seal-token', 'lantoa-seal'], '', env);
  assert.equal(r.status, 2, r.stderr);
  assert.match(r.stderr, /--seal-key/);

  // Signed with both: the chairman's, then the agency's over it.
  r = sign(U, { seal: '4321', out });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /Nguyễn Văn Thành, Chủ tịch/);
  assert.match(r.stdout, new RegExp(`cơ quan: ${AGENCY} \\(số hiệu [0-9A-F]+\\)`));
  assert.equal(mine(), 1);
  const row = query(srv.db, `SELECT signer_name, seal_name, seal_issuer, seal_serial, cert_serial FROM report_signature WHERE report_id = ${rid}`)[0];
  assert.deepEqual([row.signer_name, row.seal_name, row.seal_issuer], ['Nguyễn Văn Thành', AGENCY, 'Lantoa Test Sub CA']);
  assert.notEqual(row.seal_serial, row.cert_serial);
  assert.match(query(srv.db, `SELECT detail FROM audit_event WHERE action = 'sign' AND entity = 'report' AND entity_id = ${rid}`)[0].detail, new RegExp(`"seal_serial":"${row.seal_serial}"`));
  assertSealed(verify(out), pki, out, 'Nguyễn Văn Thành', AGENCY);
  // The API: the record names the agency; the check finds its signature valid over the whole file.
  const st = (await off.get(path + '/signature')).json;
  assert.equal(st.verifies, true);
  assert.equal(st.trusted, true);
  assert.equal(st.check.signatures.length, 2);
  assert.deepEqual([st.seal.signed_by, st.seal.valid, st.seal.trusted, st.seal.changed_after], [AGENCY, true, true, false]);
  assert.equal(st.signature.seal.signed_by, AGENCY);
  assert.equal(st.signature.seal.serial, row.seal_serial);
  assert.equal((await off.get(path)).json.signature.seal.signed_by, AGENCY);
});

test('the server seals with [signing] seal_key; its wrong agency PIN is the server\'s error and stores nothing', async (t) => {
  if (skip) return t.skip(skip);
  // A union of another commune (no report in the demo), signed by the district's officer as designated signer.
  const U = '01.018.00580.01';
  const pinFile = join(pki, 'seal-pin-wrong');
  writeFileSync(pinFile, '9999\n');
  const base = signingConfig({ dir: pki, module }, 'gialam', { seal: true });
  let s2 = await startServer({ db: srv.db, env, config: base.replace(join(pki, 'seal-pin'), pinFile) });
  try {
    const cadre = await login(s2.url, 'cs-00580-01');
    const path = await report(cadre, U);
    assert.equal((await cadre.post(path + '/submit', {})).status, 200);
    const rid = query(srv.db, `SELECT r.id FROM report r JOIN unit u ON u.id = r.unit_id WHERE u.code = '${U}'`)[0].id;
    let r = await (await login(s2.url, 'gialam')).post(path + '/sign');
    assert.ok(r.status >= 500, r.text);
    assert.equal(r.json.error.field, 'seal_pin');
    assert.match(r.json.error.message, /Khoá ký số của cơ quan/);
    r = await (await login(s2.url, 'gialam', undefined, 'en')).post(path + '/sign');
    assert.match(r.json.error.message, /agency's signing key/);
    assert.equal(Number(query(srv.db, `SELECT count(*) AS n FROM report_signature WHERE report_id = ${rid}`)[0].n), 0);
    await s2.stop();
    s2 = await startServer({ db: srv.db, env, config: base });
    const off = await login(s2.url, 'gialam');
    r = await off.post(path + '/sign');
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.signature.signed_by, 'Nguyễn Văn Thành');
    assert.equal(r.json.signature.seal.signed_by, AGENCY);
    const st = (await off.get(path + '/signature')).json;
    assert.equal(st.verifies, true);
    assert.equal(st.check.signatures.length, 2);
    assert.deepEqual([st.seal.signed_by, st.seal.valid], [AGENCY, true]);
  } finally {
    await s2.stop();
  }
});

test('a PDF signed elsewhere (poppler, NSS) checks', async (t) => {
  if (skip) return t.skip(skip);
  if (!have('pdfsig')) return t.skip('pdfsig is missing');
  const plain = join(pki, 'plain.pdf');
  const signed = join(pki, 'nss-signed.pdf');
  let r = cli(srv.db, ['report', 'render', '--directive', '42/LĐLĐ', '--unit', '01.018', '--format', 'pdf', '--out', plain]);
  assert.equal(r.status, 0, r.stderr);
  const p = spawnSync('pdfsig', ['-nssdir', `sql:${join(pki, 'nss')}`, '-add-signature', '-nick', 'signer', '-reason', 'Ky bang NSS', plain, signed], { encoding: 'utf8' });
  assert.equal(p.status, 0, p.stderr);
  r = verify(signed, ['--json']);
  assert.equal(r.status, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.equal(j.signatures[0].subfilter, 'adbe.pkcs7.detached');
  assert.equal(j.signatures[0].signer_cn, 'Nguyễn Văn Thành');
  // An unsigned PDF: no signature (exit 3).
  r = verify(plain);
  assert.equal(r.status, 3);
  assert.match(r.stderr, /không có chữ ký số/);
});

// --- the appearance of Nghị định 30 Phụ lục I, and an RFC 3161 timestamp ---

// A PNG of w×h RGBA pixels px(x, y) → [r, g, b, a], written by hand (zlib, CRC-32).
const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const png = (w, h, px) => {
  const chunk = (type, data) => {
    const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(td));
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0); ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8; ihdr[9] = 6; // 8 bits, RGBA
  const raw = Buffer.alloc((w * 4 + 1) * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) raw.set(px(x, y), y * (w * 4 + 1) + 1 + x * 4);
  }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
};
// A blue signature (a thick wave) and a red seal (a ring), on transparent backgrounds.
const signaturePng = () => png(300, 120, (x, y) =>
  Math.abs(y - (60 + 35 * Math.sin(x / 30))) < 6 ? [20, 40, 200, 255] : [0, 0, 0, 0]);
const sealPng = () => png(200, 200, (x, y) => {
  const r = Math.hypot(x - 100, y - 100);
  return r < 98 && r > 80 ? [220, 20, 20, 255] : [0, 0, 0, 0];
});

// Page `page` of a PDF at 72 dpi, as {w, h, at(x, y) → [r, g, b]} (pdftoppm's PPM).
const renderPage = (file, page) => {
  const r = spawnSync('pdftoppm', ['-r', '72', '-f', String(page), '-l', String(page), file], { maxBuffer: 1 << 26 });
  assert.equal(r.status, 0, String(r.stderr));
  const b = r.stdout;
  const head = b.subarray(0, 40).toString('latin1').match(/^P6\s+(\d+)\s+(\d+)\s+255\s/);
  assert.ok(head, 'pdftoppm wrote a PPM');
  const [w, h, off] = [Number(head[1]), Number(head[2]), head[0].length];
  return { w, h, at: (x, y) => b.subarray(off + (y * w + x) * 3, off + (y * w + x) * 3 + 3) };
};
// The leftmost and rightmost columns with a pixel matching is(r, g, b), or null.
const extent = (img, is) => {
  let x0 = Infinity, x1 = -1;
  for (let y = 0; y < img.h; y++) {
    for (let x = 0; x < img.w; x++) {
      const [r, g, b] = img.at(x, y);
      if (is(r, g, b)) { x0 = Math.min(x0, x); x1 = Math.max(x1, x); }
    }
  }
  return x1 < 0 ? null : [x0, x1];
};
const isBlue = (r, g, b) => b > 150 && r < 90 && g < 110;
const isRed = (r, g, b) => r > 170 && g < 90 && b < 90;

test('the signed PDF shows the signature image with the seal over its left third (Phụ lục I)', async (t) => {
  if (skip) return t.skip(skip);
  if (!have('pdftoppm')) return t.skip('pdftoppm is missing');
  const cadre = await login(srv.url, 'cs-00577-02');
  const path = await report(cadre, U2);
  if ((await cadre.get(path)).json.report?.status !== 'submitted') {
    assert.equal((await cadre.post(path + '/submit', {})).status, 200); // when run alone
  }
  writeFileSync(join(pki, 'chu-ky.png'), signaturePng());
  writeFileSync(join(pki, 'con-dau.png'), sealPng());
  writeFileSync(join(pki, 'not.png'), 'not a picture\n');
  const before = signatures();
  const images = (sig, seal) => ['--signature-image', join(pki, sig), '--seal-image', join(pki, seal)];
  const signWith = (extra, lang) => cli(srv.db, [...(lang ? ['--lang', lang] : []), '--as', 'xa-00577', 'report', 'sign',
    '--directive', '42/LĐLĐ', '--unit', U2, '--pkcs11-module', module, '--token', 'lantoa-test', '--key', 'signer',
    '--pin-stdin', '--chain', join(pki, 'chain.pem'), ...extra], '1234\n', env);

  // Not a PNG, or no such file: refused naming the option, nothing stored.
  let r = signWith(images('not.png', 'con-dau.png'), 'en');
  assert.equal(r.status, 2, r.stderr);
  assert.match(r.stderr, /--signature-image: The image is not a PNG/);
  r = signWith(images('chu-ky.png', 'not.png'));
  assert.match(r.stderr, /--seal-image: Ảnh không phải tệp PNG/);
  r = signWith(images('chu-ky.png', 'missing.png'));
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /--seal-image/);
  assert.equal(signatures(), before);

  const out = join(pki, 'with-images.pdf');
  r = signWith([...images('chu-ky.png', 'con-dau.png'), '--out', out]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(signatures(), before + 1);
  assert.equal(verify(out).status, 0);
  if (have('pdfsig')) assert.match(pdfsig(out).stdout, /Signature is Valid\./);

  assertSealOverSignature(out);
});

// Rendered: blue signature and red seal on the same page, the seal left and over about a third.
// (The text beside them, signer, position and time, is drawn as outlines: tests/unit/render/test_pdf_sign.c.)
const assertSealOverSignature = (file) => {
  const pages = Number(spawnSync('pdfinfo', [file], { encoding: 'utf8' }).stdout.match(/Pages:\s+(\d+)/)[1]);
  let img = null, blue = null, red = null;
  for (let p = pages; p >= 1 && !blue; p--) {
    img = renderPage(file, p);
    blue = extent(img, isBlue);
    red = extent(img, isRed);
  }
  assert.ok(blue && red, 'the signature and the seal are drawn');
  assert.ok(red[0] < blue[0], `the seal (${red}) starts left of the signature (${blue})`);
  const third = (red[1] - blue[0]) / (blue[1] - blue[0]);
  assert.ok(third > 0.2 && third < 0.45, `the seal covers ${third.toFixed(2)} of the signature`);
};

test('the server\'s token draws [signing] signature_image and seal_image; an unreadable one is refused naming it', async (t) => {
  if (skip) return t.skip(skip);
  if (!have('pdftoppm')) return t.skip('pdftoppm is missing');
  writeFileSync(join(pki, 'srv-chu-ky.png'), signaturePng());
  writeFileSync(join(pki, 'srv-con-dau.png'), sealPng());
  const base = `[signing]\npkcs11_module = ${module}\ntoken = lantoa-test\nkey = signer\n` +
    `pin_file = ${join(pki, 'pin')}\nchain_file = ${join(pki, 'chain.pem')}\nca_file = ${join(pki, 'ca.pem')}\n` +
    `signers = xa-00577\nsignature_image = ${join(pki, 'srv-chu-ky.png')}\n`;
  const U = '01.018.00577.03';
  const path = async (s) => {
    const u = JSON.parse(cli(s.db, ['--json', 'unit', 'show', U]).stdout).unit.id;
    const d = JSON.parse(cli(s.db, ['--json', 'directive', 'list']).stdout).items.find((x) => x.number === '42/LĐLĐ').id;
    return `/api/v1/directives/${d}/units/${u}/report`;
  };
  const count = (s) => Number(query(s.db, 'SELECT count(*) AS n FROM report_signature')[0].n);
  // A seal that cannot be read: 500-class refusal naming the key, nothing stored.
  let s = await startServer({ env, config: base + `seal_image = ${join(pki, 'no-such-seal.png')}\n` });
  try {
    const p = await path(s);
    assert.equal((await (await login(s.url, 'cs-00577-03')).post(p + '/submit', {})).status, 200);
    const before = count(s);
    const r = await (await login(s.url, 'xa-00577')).post(p + '/sign');
    assert.ok(r.status >= 500, r.text);
    assert.equal(r.json.error.field, 'seal_image');
    assert.match(r.json.error.message, /\[signing\] seal_image/);
    assert.equal(count(s), before);
  } finally {
    await s.stop();
  }
  // Both images readable: the web's signature shows them as the CLI's does.
  s = await startServer({ env, config: base + `seal_image = ${join(pki, 'srv-con-dau.png')}\n` });
  try {
    const p = await path(s);
    assert.equal((await (await login(s.url, 'cs-00577-03')).post(p + '/submit', {})).status, 200);
    const off = await login(s.url, 'xa-00577');
    const r = await off.post(p + '/sign');
    assert.equal(r.status, 201, r.text);
    const got = await fetch(s.url + p + '/signature/pdf', { headers: { Cookie: off.cookie } });
    assert.equal(got.status, 200);
    const file = join(pki, 'server-with-images.pdf');
    writeFileSync(file, Buffer.from(await got.arrayBuffer()));
    assert.equal(cli(s.db, ['doc', 'verify', file, '--ca', join(pki, 'ca.pem')]).status, 0);
    assertSealOverSignature(file);
  } finally {
    await s.stop();
  }
});

// An RFC 3161 server on 127.0.0.1: OpenSSL's own responder (`openssl ts -reply`)
// behind a tiny HTTP front, with the test PKI's TSA certificate.
const startTsa = async () => {
  const cnf = join(pki, 'tsa.cnf');
  writeFileSync(cnf, `[tsa]\ndefault_tsa = lantoa\n[lantoa]\nserial = ${join(pki, 'tsaserial')}\n` +
    `crypto_device = builtin\nsigner_cert = ${join(pki, 'tsa.pem')}\ncerts = ${join(pki, 'sub.pem')}\n` +
    `signer_key = ${join(pki, 'tsa.key')}\nsigner_digest = sha256\ndefault_policy = 1.3.6.1.4.1.61000.1.1\n` +
    'digests = sha256\naccuracy = secs:1\nordering = no\ntsa_name = yes\ness_cert_id_chain = no\ness_cert_id_alg = sha256\n');
  writeFileSync(join(pki, 'tsaserial'), '01\n');
  let requests = 0;
  const server = createServer((req, res) => {
    const parts = [];
    req.on('data', (c) => parts.push(c));
    req.on('end', () => {
      requests++;
      const q = join(pki, `q${requests}.tsq`), a = join(pki, `a${requests}.tsr`);
      writeFileSync(q, Buffer.concat(parts));
      const r = spawnSync('openssl', ['ts', '-reply', '-config', cnf, '-queryfile', q, '-out', a], { encoding: 'utf8' });
      if (r.status !== 0) { res.writeHead(500); res.end(r.stderr); return; }
      res.writeHead(200, { 'Content-Type': 'application/timestamp-reply' });
      res.end(readFileSync(a));
    });
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return { url: `http://127.0.0.1:${server.address().port}/tsa`, requests: () => requests, close: () => server.close() };
};
// The CLI without blocking this process (the TSA above answers it).
const cliAsync = (args, input) => new Promise((ok) => {
  const p = spawn(BIN, ['--db', srv.db, ...args], { cwd: ROOT, env: { ...process.env, ...env } });
  let stdout = '', stderr = '';
  p.stdout.on('data', (d) => { stdout += d; });
  p.stderr.on('data', (d) => { stderr += d; });
  p.on('close', (status) => ok({ status, stdout, stderr }));
  p.stdin.end(input);
});

test('with --tsa or [signing] tsa_url, the signature carries an RFC 3161 timestamp that doc verify and pdfsig read', async (t) => {
  if (skip) return t.skip(skip);
  const U3 = '01.018.00577.03';
  const cadre = await login(srv.url, 'cs-00577-03');
  const path = await report(cadre, U3);
  assert.equal((await cadre.post(path + '/submit', {})).status, 200);
  // A TSA that does not answer: refused, nothing stored, the report still unsigned.
  const before = signatures();
  const down = await cliAsync(['--lang', 'en', '--as', 'xa-00577', 'report', 'sign', '--directive', '42/LĐLĐ', '--unit', U3,
    '--pkcs11-module', module, '--token', 'lantoa-test', '--key', 'signer', '--pin-stdin',
    '--chain', join(pki, 'chain.pem'), '--tsa', 'http://127.0.0.1:1/tsa'], '1234\n');
  assert.notEqual(down.status, 0);
  assert.match(down.stderr, /Cannot get a timestamp from http:\/\/127\.0\.0\.1:1\/tsa/);
  assert.equal(signatures(), before);
  const tsa = await startTsa();
  try {
    const out = join(pki, 'timestamped.pdf');
    const r = await cliAsync(['--as', 'xa-00577', 'report', 'sign', '--directive', '42/LĐLĐ', '--unit', U3,
      '--pkcs11-module', module, '--token', 'lantoa-test', '--key', 'signer', '--pin-stdin',
      '--chain', join(pki, 'chain.pem'), '--tsa', tsa.url, '--out', out], '1234\n');
    assert.equal(r.status, 0, r.stderr);
    assert.equal(tsa.requests(), 1, 'one timestamp asked of the TSA');
    // lantoa: the time is the timestamp's, and the chain holds.
    const v = verify(out, ['--json']);
    assert.equal(v.status, 0, v.stderr);
    const s = JSON.parse(v.stdout).signatures[0];
    assert.equal(s.timestamp, true);
    assert.equal(s.time_source, 'timestamp');
    assert.ok(Math.abs(s.signed_at - Date.now() / 1000) < 300);
    assert.equal(s.chain_ok, true);
    assert.match(verify(out).stdout, /dấu t\.gian: \d{2}\/\d{2}\/\d{4}/);
    if (have('pdfsig')) {
      const p = pdfsig(out);
      assert.match(p.stdout, /Signature is Valid\./);
      assert.match(p.stdout, /Signature Type: ETSI\.CAdES\.detached/);
    }

    // The server's token with [signing] tsa_url: the web's signature is timestamped too.
    const config = `[signing]\npkcs11_module = ${module}\ntoken = lantoa-test\nkey = signer\n` +
      `pin_file = ${join(pki, 'pin')}\nchain_file = ${join(pki, 'chain.pem')}\nca_file = ${join(pki, 'ca.pem')}\n` +
      `signers = xa-00577\ntsa_url = ${tsa.url}\n`;
    const srv2 = await startServer({ env, config });
    try {
      const U5 = '01.018.00577.05';
      const c5 = await login(srv2.url, 'cs-00577-05');
      const off = await login(srv2.url, 'xa-00577');
      const u5 = JSON.parse(cli(srv2.db, ['--json', 'unit', 'show', U5]).stdout).unit.id;
      const d = JSON.parse(cli(srv2.db, ['--json', 'directive', 'list']).stdout).items.find((x) => x.number === '42/LĐLĐ').id;
      const p5 = `/api/v1/directives/${d}/units/${u5}/report`;
      assert.equal((await c5.post(p5 + '/submit', {})).status, 200);
      const asked = tsa.requests();
      const signed = await off.post(p5 + '/sign');
      assert.equal(signed.status, 201, signed.text);
      assert.equal(tsa.requests(), asked + 1, 'the server asked the TSA');
      const got = await fetch(srv2.url + p5 + '/signature/pdf', { headers: { Cookie: off.cookie } });
      const file = join(pki, 'server-timestamped.pdf');
      writeFileSync(file, Buffer.from(await got.arrayBuffer()));
      const v = cli(srv2.db, ['--json', 'doc', 'verify', file, '--ca', join(pki, 'ca.pem')]);
      assert.equal(v.status, 0, v.stderr);
      assert.equal(JSON.parse(v.stdout).signatures[0].time_source, 'timestamp');
    } finally {
      await srv2.stop();
    }
  } finally {
    tsa.close();
  }
});
