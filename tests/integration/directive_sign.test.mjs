// SPDX-License-Identifier: AGPL-3.0-or-later
// A directive signed with a PKCS#11 token, end to end (issue 15): a SoftHSM2
// token, a test CA and the signer's certificates made by tests/lib/softhsm.sh;
// the district officer signs 42/LĐLĐ with `lantoa directive sign`; lantoa and
// poppler's pdfsig say it is valid, and both see one changed byte; the PDF
// download and the edXML export carry the signed bytes; a wrong PIN or an
// absent token is refused in both languages with nothing stored; the server
// signs with its own token for the designated signers only; a signed draft
// edited needs a new signature; a directive sent to a list of units has its
// annex signed by the agency's key (token lantoa-seal), which also seals the
// directive after the signer, and without that key it is refused (409, exit
// 4) with nothing stored; and any PDF is checked by upload
// (POST /api/v1/doc/verify), as `lantoa doc verify` checks it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, login, cli } from '../lib/server.mjs';
import { query } from '../lib/db.mjs';
import { assertSealed, have, makePki, pdfsig as pdfsigOf, signingConfig } from '../lib/pki.mjs';

let srv, pki, module, env, skip = false;

before(async () => {
  const p = makePki();
  if (p.skip) { skip = p.skip; return; }
  ({ dir: pki, module, env } = p);
  srv = await startServer({ env, config: signingConfig(p, 'gialam', { seal: true }) });
});

after(async () => {
  if (srv) await srv.stop();
  if (pki) rmSync(pki, { recursive: true, force: true });
});

// seal: the agency's PIN: sign with its key too (token lantoa-seal, its PIN on stdin's second line).
const sign = (directive, { as = 'gialam', token = 'lantoa-test', pin = '1234', seal, out, lang, json } = {}) => {
  const args = [];
  if (lang) args.push('--lang', lang);
  if (json) args.push('--json');
  if (as) args.push('--as', as);
  args.push('directive', 'sign', '--directive', directive, '--pkcs11-module', module,
    '--token', token, '--key', 'signer', '--pin-stdin', '--chain', join(pki, 'chain.pem'));
  if (seal) args.push('--seal-key', 'seal', '--seal-token', 'lantoa-seal');
  if (out) args.push('--out', out);
  return cli(srv.db, args, pin + '\n' + (seal ? seal + '\n' : ''), env);
};
const AGENCY = 'Liên đoàn Lao động huyện Gia Lâm';
const unit = (code) => JSON.parse(cli(srv.db, ['--json', 'unit', 'show', code]).stdout).unit;
// A draft of Gia Lâm (officer session off) sent to a list of two units: it has an annex. {id, u1, u2}.
const listedDraft = async (off, number) => {
  const [u1, u2] = [unit('01.018.00577.01'), unit('01.018.00577.02')];
  const r = await off.post('/api/v1/directives', {
    number, place: 'Gia Lâm', date: '2024-02-03', subject: 'gửi các đơn vị trong danh sách',
    recipients: { mode: 'units', unit_ids: [u1.id, u2.id] }, themes: [{ title: 'Tết', items: ['Thăm hỏi'] }],
    report_deadline: '2024-02-08', signer: { authority: 'TM. BAN THƯỜNG VỤ', title: 'CHỦ TỊCH', name: 'Nguyễn Văn Thành' },
  });
  assert.equal(r.status, 201, r.text);
  return { id: r.json.directive.id, u1, u2 };
};
const verify = (file, extra = []) => cli(srv.db, [...extra, 'doc', 'verify', file, '--ca', join(pki, 'ca.pem')]);
const pdfsig = (file) => pdfsigOf(pki, file);
const signatures = () => Number(query(srv.db, 'SELECT count(*) AS n FROM directive_signature')[0].n);
const directiveId = (number) =>
  JSON.parse(cli(srv.db, ['--json', 'directive', 'list']).stdout).items.find((x) => x.number === number).id;
const bytes = async (s, path) => {
  const r = await fetch(srv.url + path, { headers: { Cookie: s.cookie } });
  assert.equal(r.status, 200, path);
  return Buffer.from(await r.arrayBuffer());
};
const attachments = (xml) => [...xml.matchAll(/<edXML:Attachment>[\s\S]*?<edXML:ContentType>([^<]*)<[\s\S]*?<edXML:Value>([^<]*)<\/edXML:Value>/g)]
  .map((m) => ({ type: m[1], bytes: Buffer.from(m[2], 'base64') }));
const writeTmp = (name, data) => { const f = join(pki, name); writeFileSync(f, data); return f; };
// A tool's stdout, or null when the tool is missing.
const spawnText = (tool, args) => (have(tool) ? spawnSync(tool, args, { encoding: 'utf8' }).stdout : null);
const upload = (s, body, lang) => s.call('POST', '/api/v1/doc/verify', body,
  { 'Content-Type': 'application/pdf', ...(lang ? { 'Accept-Language': lang } : {}) });

test('sign 42/LĐLĐ via the CLI: lantoa and pdfsig verify it, the download and edXML carry it, a changed byte fails', async (t) => {
  if (skip) return t.skip(skip);
  const id = directiveId('42/LĐLĐ');
  const off = await login(srv.url, 'gialam');
  const cadre = await login(srv.url, 'cs-00577-01');
  const plain = await bytes(off, `/api/v1/directives/${id}/document?format=pdf`);
  assert.equal((await cadre.get(`/api/v1/directives/${id}/signature`)).json.signed, false);

  // A commune officer (a recipient, not the issuing side) may not sign: the directive is not theirs.
  let r = sign('42/LĐLĐ', { as: 'xa-00577' });
  assert.notEqual(r.status, 0);
  assert.equal(signatures(), 0);

  const out = join(pki, 'cv42.pdf');
  r = sign('42/LĐLĐ', { out });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /công văn đã ký: Nguyễn Văn Thành, Chủ tịch/);
  assert.equal(signatures(), 1);
  const pdf = readFileSync(out);
  // The signed file is the rendered công văn followed by the signature's update.
  assert.ok(pdf.subarray(0, plain.length).equals(plain), 'the signed PDF begins with the rendered directive');

  // lantoa: valid, trusted, the whole document; pdfsig: valid and trusted.
  r = verify(out);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /Nguyễn Văn Thành — hợp lệ/);
  assert.match(r.stdout, /toàn bộ tài liệu, không đổi/);
  if (have('pdfsig')) {
    const p = pdfsig(out);
    assert.match(p.stdout, /Signature Validation: Signature is Valid\./);
    assert.match(p.stdout, /Certificate Validation: Certificate is Trusted\./);
    assert.match(p.stdout, /Total document signed/);
  }

  // Every reader's PDF download is now the signed file; so is the edXML message's attachment.
  assert.ok((await bytes(cadre, `/api/v1/directives/${id}/document?format=pdf`)).equals(pdf));
  assert.ok((await bytes(cadre, `/api/v1/directives/${id}/signature/pdf`)).equals(pdf));
  const xml = (await off.get(`/api/v1/directives/${id}/edxml`)).text;
  const pdfs = attachments(xml).filter((a) => a.type === 'application/pdf');
  assert.equal(pdfs.length, 1);
  assert.ok(pdfs[0].bytes.equals(pdf), 'the edXML message carries the signed PDF');
  assert.match(xml, new RegExp(`<edXML:AttachmentName>cong-van-${id}-da-ky\\.pdf<`));

  // The API: who signed, when, and that it verifies (the server trusts [signing] ca_file).
  const st = (await cadre.get(`/api/v1/directives/${id}/signature`)).json;
  assert.equal(st.signed, true);
  assert.equal(st.verifies, true);
  assert.equal(st.trusted, true);
  assert.equal(st.changed_after, false);
  assert.equal(st.signature.signed_by, 'Nguyễn Văn Thành');
  assert.equal(st.signature.seal, null, 'no agency key given: no seal');
  assert.equal(st.signature.signed_by_user, off.user.id);
  assert.equal(st.signature.certificate.issuer, 'Lantoa Test Sub CA');
  assert.match(st.signature.doc_sha256, /^[0-9a-f]{64}$/);
  assert.equal(st.signatures.length, 1);
  const audit = query(srv.db, "SELECT count(*) AS n FROM audit_event WHERE action = 'sign' AND entity = 'directive'");
  assert.equal(Number(audit[0].n), 1);

  // Signed twice: refused. An issued directive cannot change at all.
  r = sign('42/LĐLĐ');
  assert.equal(r.status, 4, r.stderr);
  assert.match(r.stderr, /đã được ký/);
  assert.equal((await off.patch(`/api/v1/directives/${id}`, { subject: 'Sửa' })).status, 409);

  // One byte changed: lantoa says changed (exit 4), pdfsig does not validate.
  const bad = Buffer.from(pdf);
  const at = bad.indexOf('/Creator');
  assert.ok(at > 0);
  bad[at + 12] ^= 1;
  const badFile = join(pki, 'cv42-changed.pdf');
  writeFileSync(badFile, bad);
  r = verify(badFile);
  assert.equal(r.status, 4, r.stdout + r.stderr);
  assert.match(r.stderr, /thay đổi sau khi ký/);
  if (have('pdfsig')) assert.doesNotMatch(pdfsig(badFile).stdout, /Signature is Valid\./);
});

test('a wrong PIN, an absent token: refused in Vietnamese and English, nothing written', async (t) => {
  if (skip) return t.skip(skip);
  const before = signatures();
  const out = join(pki, 'never.pdf');
  let r = sign('228/LĐLĐ', { as: null, pin: '9999', out });
  assert.equal(r.status, 5, r.stderr);
  assert.match(r.stderr, /PIN/);
  assert.match(r.stderr, /không đúng/);
  r = sign('228/LĐLĐ', { as: null, pin: '9999', out, lang: 'en' });
  assert.match(r.stderr, /Wrong PIN/i);
  r = sign('228/LĐLĐ', { as: null, token: 'absent', out });
  assert.equal(r.status, 3);
  assert.match(r.stderr, /absent/);
  assert.match(r.stderr, /token/);
  r = sign('228/LĐLĐ', { as: null, token: 'absent', out, lang: 'en' });
  assert.equal(r.status, 3);
  assert.match(r.stderr, /absent/);
  assert.equal(signatures(), before);
  assert.equal(existsSync(out), false);
  const off = await login(srv.url, 'hanoi');
  assert.equal((await off.get(`/api/v1/directives/${directiveId('228/LĐLĐ')}/signature`)).json.signed, false);
});

test('the server signs with its token for the designated signers; a signed draft edited needs a new signature', async (t) => {
  if (skip) return t.skip(skip);
  const off = await login(srv.url, 'gialam');
  const city = await login(srv.url, 'hanoi');
  const commune = (await off.get('/api/v1/units?q=01.018.00577')).json.items.find((u) => u.code === '01.018.00577').id;
  // An incomplete draft cannot be signed: the error names what is missing.
  let r = await off.post('/api/v1/directives', { place: 'Gia Lâm', date: '2024-02-01', subject: 'Thử ký nháp' });
  assert.equal(r.status, 201, r.text);
  const half = r.json.directive.id;
  r = await off.post(`/api/v1/directives/${half}/sign`);
  assert.ok(r.status === 400 || r.status === 422, r.text);
  assert.ok(r.json.error.field, 'the missing field is named');

  const draft = {
    number: '58/LĐLĐ', place: 'Gia Lâm', date: '2024-02-02', subject: 'tổ chức Chợ Tết Công đoàn',
    recipients: { mode: 'grassroots_under', unit_id: commune },
    themes: [{ title: 'Chợ Tết Công đoàn', items: ['Gian hàng 0 đồng'] }],
    report_deadline: '2024-02-08',
    signer: { authority: 'TM. BAN THƯỜNG VỤ', title: 'CHỦ TỊCH', name: 'Nguyễn Văn Thành' }, cc: ['Lưu VP'],
  };
  r = await off.post('/api/v1/directives', draft);
  assert.equal(r.status, 201, r.text);
  const id = r.json.directive.id;
  // A cadre is refused by role; an officer of the issuing side who is not a designated signer too.
  const cadre = await login(srv.url, 'cs-00577-01');
  assert.equal((await cadre.post(`/api/v1/directives/${id}/sign`)).status, 403);
  r = await city.post(`/api/v1/directives/${id}/sign`);
  assert.equal(r.status, 403, r.text);
  assert.equal(r.json.error.field, 'role');
  assert.equal((await city.get(`/api/v1/directives/${id}/signature`)).json.signed, false);
  r = await off.post(`/api/v1/directives/${id}/sign`);
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.signature.rev, 1);
  assert.equal(r.json.signature.signed_by, 'Nguyễn Văn Thành');
  assert.equal((await off.post(`/api/v1/directives/${id}/sign`)).status, 409);
  const signed1 = await bytes(off, `/api/v1/directives/${id}/document?format=pdf`);
  assert.ok(signed1.equals(await bytes(off, `/api/v1/directives/${id}/signature/pdf`)));

  // Edited after signing: the signature no longer covers it; the download is a fresh, unsigned rendering.
  r = await off.patch(`/api/v1/directives/${id}`, { ...draft, subject: 'tổ chức Chợ Tết Công đoàn năm 2024' });
  assert.equal(r.status, 200, r.text);
  let st = (await off.get(`/api/v1/directives/${id}/signature`)).json;
  assert.equal(st.signed, false);
  assert.equal(st.signature, null);
  assert.equal(st.signatures.length, 1, 'the earlier signature is kept');
  const fresh = await bytes(off, `/api/v1/directives/${id}/document?format=pdf`);
  assert.ok(!fresh.equals(signed1));
  assert.equal((await off.get(`/api/v1/directives/${id}/signature/pdf`)).status, 404);
  assert.ok((await bytes(off, `/api/v1/directives/${id}/signature/pdf?rev=1`)).equals(signed1));
  // Signed again, then issued: recipients get the signed file.
  r = await off.post(`/api/v1/directives/${id}/sign`);
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.signature.rev, 2);
  assert.equal((await off.post(`/api/v1/directives/${id}/issue`, {})).status, 200);
  st = (await cadre.get(`/api/v1/directives/${id}/signature`)).json;
  assert.equal(st.signed, true);
  assert.equal(st.signature.rev, 2);
  assert.equal(st.verifies, true);
  assert.deepEqual(st.signatures.map((s) => s.rev), [1, 2]);
  const got = await bytes(cadre, `/api/v1/directives/${id}/document?format=pdf`);
  const file = join(pki, 'cv58.pdf');
  writeFileSync(file, got);
  assert.equal(verify(file).status, 0);
});

test('a directive sent to a list of units: its annex is signed with it as an attachment (top right: number and time)', async (t) => {
  if (skip) return t.skip(skip);
  const off = await login(srv.url, 'gialam');
  const cadre = await login(srv.url, 'cs-00577-01');
  const { id, u1, u2 } = await listedDraft(off, '59/LĐLĐ');
  let r;
  // 42/LĐLĐ goes to a subtree: no annex.
  assert.equal((await off.get(`/api/v1/directives/${directiveId('42/LĐLĐ')}/annex`)).status, 404);
  // Unsigned, the annex is the list, rendered; it has no signature.
  assert.equal((await off.get(`/api/v1/directives/${id}/signature`)).json.annex, true);
  const plainAnnex = await bytes(off, `/api/v1/directives/${id}/annex`);
  const text = spawnText('pdftotext', [writeTmp('annex-plain.pdf', plainAnnex), '-']);
  if (text !== null) {
    assert.match(text, /DANH SÁCH CÁC ĐƠN VỊ NHẬN CÔNG VĂN/);
    assert.match(text.replace(/\s+/g, ' '), /\(Kèm theo Công văn số 59\/LĐLĐ ngày 03\/02\/2024 của LĐLĐ huyện Gia Lâm\)/);
    assert.match(text, new RegExp(u1.code.replace(/\./g, '\\.')));
    assert.ok(text.includes(u2.name), 'the second unit is named');
  }
  assert.equal(verify(join(pki, 'annex-plain.pdf')).status, 3, 'unsigned: no signature');

  r = await off.post(`/api/v1/directives/${id}/sign`);
  assert.equal(r.status, 201, r.text);
  assert.equal((await off.post(`/api/v1/directives/${id}/issue`, {})).status, 200);
  const annex = await bytes(cadre, `/api/v1/directives/${id}/annex`);
  assert.ok(annex.subarray(0, plainAnnex.length).equals(plainAnnex), 'the signed annex begins with the rendered one');
  const file = writeTmp('annex-signed.pdf', annex);
  const v = verify(file, ['--json']);
  assert.equal(v.status, 0, v.stderr);
  const annexSig = JSON.parse(v.stdout).signatures;
  assert.equal(annexSig.length, 1);
  assert.equal(annexSig[0].whole_file, true);
  assert.equal(annexSig[0].signer_cn, AGENCY, 'the annex is signed by the agency, not the person');
  if (have('pdfsig')) {
    const p = pdfsig(file).stdout;
    assert.match(p, /Signature is Valid\./);
    assert.match(p, new RegExp(`Signer Certificate Common Name: ${AGENCY}`));
    assert.doesNotMatch(p, /Nguyễn Văn Thành/);
  }
  // The API says so too: annex_check and the agency's seal over the directive.
  const st = (await cadre.get(`/api/v1/directives/${id}/signature`)).json;
  assert.equal(st.signature.signed_by, 'Nguyễn Văn Thành');
  assert.equal(st.annex_check.signed_by, AGENCY);
  assert.equal(st.annex_check.valid, true);
  assert.equal(st.annex_check.trusted, true);
  assert.equal(st.annex_check.changed_after, false);
  assert.equal(st.seal.signed_by, AGENCY);
  assert.equal(st.seal.valid, true);
  assert.equal(st.signature.seal.signed_by, AGENCY, 'the record names the agency too');
  assert.equal(st.signature.seal.issuer, 'Lantoa Test Sub CA');
  // The attachment's appearance: a widget at the top right of page 1, in the top margin.
  const rect = annex.subarray(plainAnnex.length).toString('latin1').match(/\/Rect\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]/);
  assert.ok(rect, 'the signature has a widget');
  const [x0, , x1, y1] = rect.slice(1).map(Number);
  assert.ok(x0 > 595 / 2 && x1 <= 595, `right half of the page (${rect[0]})`);
  assert.ok(y1 > 842 - 20 * 72 / 25.4, `in the top margin (${rect[0]})`);
  // The edXML message carries the signed directive and the signed annex.
  const xml = (await off.get(`/api/v1/directives/${id}/edxml`)).text;
  const pdfs = attachments(xml).filter((a) => a.type === 'application/pdf');
  assert.equal(pdfs.length, 2);
  assert.ok(pdfs.some((a) => a.bytes.equals(annex)), 'the edXML message carries the signed annex');
  assert.match(xml, new RegExp(`<edXML:AttachmentName>cong-van-${id}-kem-theo-da-ky\\.pdf<`));
});

test("the agency's key: an annex without it is refused (409, exit 4) with nothing stored; a wrong agency PIN is said so; signed, both signatures verify", async (t) => {
  if (skip) return t.skip(skip);
  const off = await login(srv.url, 'gialam');
  const { id } = await listedDraft(off, '63/LĐLĐ');
  const before = signatures();
  const audits = () => Number(query(srv.db, "SELECT count(*) AS n FROM audit_event WHERE action = 'sign'")[0].n);
  const auditsBefore = audits();
  const out = join(pki, 'cv63.pdf');

  // A server whose [signing] has no seal_key: 409 naming seal_key, in the reader's language.
  const bare = await startServer({ db: srv.db, env, config: signingConfig({ dir: pki, module }, 'gialam') });
  try {
    let r = await (await login(bare.url, 'gialam')).post(`/api/v1/directives/${id}/sign`);
    assert.equal(r.status, 409, r.text);
    assert.equal(r.json.error.field, 'seal_key');
    assert.match(r.json.error.message, /chữ ký số của cơ quan/);
    r = await (await login(bare.url, 'gialam', undefined, 'en')).post(`/api/v1/directives/${id}/sign`);
    assert.equal(r.status, 409);
    assert.match(r.json.error.message, /agency's digital signature/);
  } finally {
    await bare.stop();
  }
  // The CLI without --seal-key: exit 4, the option named, no file.
  let r = sign('63/LĐLĐ', { out });
  assert.equal(r.status, 4, r.stderr);
  assert.match(r.stderr, /--seal-key/);
  assert.match(r.stderr, /chữ ký số của cơ quan/);
  r = sign('63/LĐLĐ', { out, lang: 'en' });
  assert.equal(r.status, 4);
  assert.match(r.stderr, /agency's digital signature/);
  // --seal-token alone names the missing --seal-key (a usage error, exit 2).
  r = cli(srv.db, ['--as', 'gialam', 'directive', 'sign', '--directive', '63/LĐLĐ', '--pkcs11-module', module,
    '--token', 'lantoa-test', '--key', 'signer', '--seal-token', 'lantoa-seal'], '', env);
  assert.equal(r.status, 2, r.stderr);
  assert.match(r.stderr, /--seal-key/);
  // The agency's PIN wrong (the chairman's right): whose token it is, in both languages.
  r = sign('63/LĐLĐ', { seal: '0000', out });
  assert.equal(r.status, 5, r.stderr);
  assert.match(r.stderr, /Khoá ký số của cơ quan/);
  assert.match(r.stderr, /PIN của token "lantoa-seal" không đúng/);
  r = sign('63/LĐLĐ', { seal: '0000', out, lang: 'en' });
  assert.equal(r.status, 5);
  assert.match(r.stderr, /agency's signing key/);
  assert.match(r.stderr, /Wrong PIN for token "lantoa-seal"/);
  assert.equal(signatures(), before, 'no partial signature row');
  assert.equal(audits(), auditsBefore);
  assert.equal(existsSync(out), false);
  assert.equal((await off.get(`/api/v1/directives/${id}/signature`)).json.signed, false);

  // Signed with both: the chairman's signature, then the agency's over it; lantoa and pdfsig agree.
  r = sign('63/LĐLĐ', { seal: '4321', out });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, new RegExp(`cơ quan: ${AGENCY}`));
  assert.equal(signatures(), before + 1);
  const row = query(srv.db, `SELECT signer_name, seal_name FROM directive_signature WHERE directive_id = ${id}`);
  assert.deepEqual([row[0].signer_name, row[0].seal_name], ['Nguyễn Văn Thành', AGENCY]);
  assertSealed(verify(out), pki, out, 'Nguyễn Văn Thành', AGENCY);
  const annex = writeTmp('annex63.pdf', await bytes(off, `/api/v1/directives/${id}/annex`));
  r = verify(annex, ['--json']);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).signatures[0].signer_cn, AGENCY);
  if (have('pdfsig')) assert.match(pdfsig(annex).stdout, /Signature is Valid\.[\s\S]*Certificate is Trusted\./);
  const st = (await off.get(`/api/v1/directives/${id}/signature`)).json;
  assert.equal(st.verifies, true);
  assert.equal(st.trusted, true);
  assert.equal(st.check.signatures.length, 2);
  assert.deepEqual([st.seal.signed_by, st.seal.valid, st.seal.changed_after], [AGENCY, true, false]);
  assert.deepEqual([st.annex_check.signed_by, st.annex_check.valid, st.annex_check.changed_after], [AGENCY, true, false]);
});

test('POST /api/v1/doc/verify checks an uploaded PDF as lantoa doc verify does', async (t) => {
  if (skip) return t.skip(skip);
  const cadre = await login(srv.url, 'cs-00577-02');
  const id = directiveId('42/LĐLĐ');
  const off = await login(srv.url, 'gialam');
  if (!(await off.get(`/api/v1/directives/${id}/signature`)).json.signed) {
    assert.equal((await off.post(`/api/v1/directives/${id}/sign`)).status, 201); // when run alone
  }
  const pdf = await bytes(cadre, `/api/v1/directives/${id}/document?format=pdf`);
  const file = join(pki, 'upload.pdf');
  writeFileSync(file, pdf);
  const local = JSON.parse(verify(file, ['--json']).stdout);

  // Anyone logged in; the answer is the command's JSON.
  let r = await upload(cadre, pdf);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.valid, true);
  assert.equal(r.json.signatures.length, 1);
  const s = r.json.signatures[0];
  assert.equal(s.signer_cn, 'Nguyễn Văn Thành');
  assert.equal(s.chain_ok, true);
  assert.equal(s.changed_after, false);
  assert.equal(s.whole_file, true);
  for (const k of ['name', 'signer_cn', 'subject', 'issuer', 'serial', 'signed_at', 'intact', 'chain_ok', 'whole_file']) {
    assert.deepEqual(s[k], local.signatures[0][k], k);
  }

  // One changed byte: not valid, changed after signing, with the reason in both languages.
  const bad = Buffer.from(pdf);
  bad[bad.indexOf('/Creator') + 12] ^= 1;
  r = await upload(cadre, bad);
  assert.equal(r.status, 200);
  assert.equal(r.json.valid, false);
  assert.equal(r.json.signatures[0].intact, false);
  assert.match(r.json.error.vi, /thay đổi sau khi ký/);
  assert.match(r.json.error.en, /changed after signing/);

  // An unsigned PDF: no signature.
  r = await upload(cadre, await bytes(cadre, `/api/v1/directives/${directiveId('228/LĐLĐ')}/document?format=pdf`));
  assert.equal(r.status, 200);
  assert.equal(r.json.valid, false);
  assert.deepEqual(r.json.signatures, []);
  assert.match(r.json.error.vi, /không có chữ ký số/);

  // Not a PDF: 400 naming the body, in the reader's language.
  r = await upload(cadre, 'hello, this is text');
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'body');
  assert.match(r.json.error.message, /không phải PDF/);
  r = await upload(await login(srv.url, 'cs-00577-02', undefined, 'en'), 'hello');
  assert.match(r.json.error.message, /not a PDF/);
  // Too big: 413. Not logged in: 401.
  r = await upload(cadre, Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(21 << 20, 32)]));
  assert.equal(r.status, 413);
  const anon = await fetch(srv.url + '/api/v1/doc/verify', { method: 'POST', body: pdf, headers: { 'Content-Type': 'application/pdf' } });
  assert.equal(anon.status, 401);
});
