// SPDX-License-Identifier: AGPL-3.0-or-later
// edXML (QCVN 102:2016) end to end (issue 15): two lantoa nodes with the same
// union tree. A directive exported by one as a SteeringType 2 message and
// imported by the other becomes a draft with the same number, date, subject,
// sender, due date, priority and attachment bytes; a report (SteeringType 3,
// ResponseFor the directive) is attached to the directive it answers; the
// status of a receipt or a report goes out as an edXML Status and comes back as
// the same lantoa state. A message that is not well-formed, not valid against
// the schema, or names an organ no unit has is refused naming the element, in
// Vietnamese and English, and writes nothing. Runs on SQLite and PostgreSQL.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, login, cli, ROOT } from '../lib/server.mjs';
import { query } from '../lib/db.mjs';

let A, B, gA, gB, gBen, tmp, d42A, d42B;
const sha = (b) => createHash('sha256').update(b).digest('hex');
const unitId = async (s, code) => (await s.get('/api/v1/units?q=' + encodeURIComponent(code))).json.items.find((u) => u.code === code).id;
const byNumber = async (s, number) => (await s.get(`/api/v1/directives?box=issued&q=${encodeURIComponent(number)}`)).json.items.find((d) => d.number === number && d.status === 'issued');
const count = (srv, table) => Number(query(srv.db, `SELECT count(*) AS n FROM ${table}`)[0].n);
const counts = (srv) => ['directive', 'edxml_message', 'audit_event', 'directive_theme', 'register_entry'].map((t) => count(srv, t));
// The elements of a message, as a receiver reads them.
const el = (xml, name) => { const m = xml.match(new RegExp(`<edXML:${name}>([^<]*)</edXML:${name}>`)); return m && m[1]; };
const attachments = (xml) => [...xml.matchAll(/<edXML:Attachment>[\s\S]*?<edXML:ContentType>([^<]*)<[\s\S]*?<edXML:Value>([^<]*)<\/edXML:Value>/g)]
  .map((m) => ({ type: m[1], bytes: Buffer.from(m[2], 'base64') }));
const importXml = (s, xml) => s.call('POST', '/api/v1/edxml/import', xml, { 'Content-Type': 'application/xml' });

before(async () => {
  [A, B] = await Promise.all([startServer(), startServer()]);
  [gA, gB, gBen] = await Promise.all([login(A.url, 'gialam'), login(B.url, 'gialam'), login(B.url, 'gialam', undefined, 'en')]);
  d42A = await byNumber(gA, '42/LĐLĐ');
  d42B = await byNumber(gB, '42/LĐLĐ');
  tmp = mkdtempSync(join(tmpdir(), 'lantoa-edxml-'));
});

after(async () => {
  await Promise.all([A, B].filter(Boolean).map((s) => s.stop()));
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

test('a directive goes out as SteeringType 2 and comes back in with the same fields and bytes', async () => {
  const out = await gA.get(`/api/v1/directives/${d42A.id}/edxml?priority=2`);
  assert.equal(out.status, 200, out.text);
  assert.match(out.headers.get('content-type'), /^application\/xml/);
  const xml = out.text;
  assert.equal(el(xml, 'SteeringType'), '2');
  assert.equal(el(xml, 'Priority'), '2');
  assert.equal(el(xml, 'DueDate'), '2024-02-20');
  assert.equal(el(xml, 'CodeNumber'), '42');
  assert.equal(el(xml, 'CodeNotation'), 'LĐLĐ');
  assert.equal(el(xml, 'OrganId'), '01.018', 'From is the issuing unit, by its code');
  assert.equal((xml.match(/<edXML:To>/g) || []).length, 133, 'To: every recipient');
  const files = attachments(xml);
  assert.deepEqual(files.map((f) => f.type), ['application/pdf',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document']);
  assert.equal(files[0].bytes.subarray(0, 5).toString(), '%PDF-');

  const before = counts(B);
  const r = await importXml(gB, xml);
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.kind, 'directive');
  assert.equal(r.json.priority, 2);
  assert.equal(r.json.file_bytes, files[0].bytes.length);
  assert.equal(count(B, 'directive'), before[0] + 1);
  assert.equal(count(B, 'edxml_message'), before[1] + 1);
  // Entered in the incoming register (sổ văn bản đến) of each of the 133 units it is addressed to.
  assert.equal(count(B, 'register_entry'), before[4] + 133);
  const cs = await unitId(gB, '01.018.00577.01');
  const reg = await gB.get(`/api/v1/units/${cs}/registers/in?year=${new Date().getFullYear()}&limit=500`);
  assert.equal(reg.status, 200, reg.text);
  const entry = reg.json.items.find((x) => x.source === 'edxml');
  assert.ok(entry, 'an edXML entry in the union\'s incoming register');
  assert.equal(entry.number, '42/LĐLĐ');
  assert.equal(entry.deadline, '2024-02-20');
  assert.match(entry.party, /Gia Lâm/);

  const a = (await gA.get(`/api/v1/directives/${d42A.id}`)).json;
  const b = (await gB.get(`/api/v1/directives/${r.json.directive_id}`)).json;
  assert.equal(b.directive.status, 'draft');
  for (const k of ['number', 'date', 'subject', 'place', 'report_deadline'])
    assert.equal(b.directive[k], a.directive[k], k);
  assert.deepEqual(b.directive.signer, a.directive.signer);
  assert.equal(b.directive.issuer.code, a.directive.issuer.code, 'the sender');
  // The letter parser read the attached text: the themes came through it.
  assert.ok(b.themes.length >= 4, 'themes from the letter text');
  // The PDF is kept byte for byte.
  const row = query(B.db, `SELECT file_sha256, priority, due_date, from_organ FROM edxml_message WHERE id = ${r.json.id}`)[0];
  assert.equal(row.file_sha256, sha(files[0].bytes));
  assert.equal(Number(row.priority), 2);
  assert.equal(row.due_date, '2024-02-20');
  assert.equal(row.from_organ, '01.018');

  // The same message twice is one directive: the second import is refused, nothing written.
  const twice = counts(B);
  const dup = await importXml(gB, xml);
  assert.equal(dup.status, 409, dup.text);
  assert.equal(dup.json.error.field, 'DocumentId');
  assert.match(dup.json.error.message, new RegExp(`${r.json.directive_id}`));
  assert.deepEqual(counts(B), twice);

  // Out again from the second node: the priority it came with, the same header.
  const again = await gB.get(`/api/v1/directives/${r.json.directive_id}/edxml?unit=${await unitId(gB, '01.018.00577.01')}`);
  assert.equal(again.status, 200, again.text);
  assert.equal(el(again.text, 'Priority'), '2');
  for (const k of ['CodeNumber', 'CodeNotation', 'PromulgationDate', 'Subject', 'DueDate', 'Place', 'FullName'])
    assert.equal(el(again.text, k), el(xml, k), k);
  assert.equal((again.text.match(/<edXML:To>/g) || []).length, 1, '?unit= sends to that unit only');
});

test('a report goes out as SteeringType 3 answering the directive and is attached to it on import (CLI)', () => {
  const file = join(tmp, 'report.xml');
  let r = cli(A.db, ['--as', 'gialam', 'doc', 'edxml', 'export', '--directive', '42/LĐLĐ', '--unit', '01.018.00568.01', '--kind', 'report', '--out', file]);
  assert.equal(r.status, 0, r.stderr);
  const xml = readFileSync(file, 'utf8');
  assert.equal(el(xml, 'SteeringType'), '3');
  assert.match(xml, /<edXML:ResponseFor>\s*<edXML:OrganId>01\.018<\/edXML:OrganId>\s*<edXML:Code>42\/LĐLĐ<\/edXML:Code>\s*<edXML:PromulgationDate>2024-01-18</);
  const pdf = attachments(xml)[0];
  assert.equal(pdf.type, 'application/pdf');
  assert.equal(pdf.bytes.subarray(0, 5).toString(), '%PDF-');

  const before = counts(B);
  r = cli(B.db, ['--as', 'gialam', '--json', 'doc', 'edxml', 'import', file]);
  assert.equal(r.status, 0, r.stderr);
  const res = JSON.parse(r.stdout);
  assert.equal(res.kind, 'report');
  assert.equal(res.directive_id, d42B.id, 'attached to the issued 42/LĐLĐ of the receiving node');
  assert.equal(count(B, 'directive'), before[0], 'a report makes no directive');
  const row = query(B.db, `SELECT u.code, m.file_sha256, m.kind FROM edxml_message m JOIN unit u ON u.id = m.unit_id WHERE m.id = ${res.id}`)[0];
  assert.equal(row.code, '01.018.00568.01');
  assert.equal(row.file_sha256, sha(pdf.bytes));

  // A report not yet submitted has nothing to send.
  r = cli(A.db, ['--as', 'gialam', 'doc', 'edxml', 'export', '--directive', '42/LĐLĐ', '--unit', '01.018.00577.01', '--kind', 'report']);
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /status/);
});

test('statuses go out as edXML Status and come back as the same lantoa state', async () => {
  const cases = [['01.018.00571.02', '02', 'report', 'returned'], ['01.018.00568.01', '06', 'report', 'submitted']];
  // A recipient that has acknowledged and not written its report: 04.
  const rcpt = query(A.db, `SELECT u.code FROM receipt r JOIN unit u ON u.id = r.unit_id
    WHERE r.directive_id = ${d42A.id} AND r.acknowledged_at IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM report p WHERE p.directive_id = r.directive_id AND p.unit_id = r.unit_id) LIMIT 1`)[0];
  if (rcpt) cases.push([rcpt.code, '04', 'receipt', 'acknowledged']);
  for (const [code, want, kind, state] of cases) {
    const out = await gA.get(`/api/v1/directives/${d42A.id}/units/${await unitId(gA, code)}/report/edxml?kind=status`);
    assert.equal(out.status, 200, out.text);
    assert.equal(el(out.text, 'StatusCode'), want, code);
    const r = await importXml(gB, out.text);
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.kind, 'status');
    assert.equal(r.json.status_code, want);
    assert.equal(r.json.state_kind, kind);
    assert.equal(r.json.state, state);
    assert.equal(r.json.directive_id, d42B.id);
  }
});

test('a bad message is refused naming the element, in both languages, and writes nothing', async () => {
  const xml = (await gA.get(`/api/v1/directives/${d42A.id}/edxml?unit=${await unitId(gA, '01.018.00577.01')}`)).text;
  const status = (await gA.get(`/api/v1/directives/${d42A.id}/units/${await unitId(gA, '01.018.00571.02')}/report/edxml?kind=status`)).text;
  const bad = [
    ['not well-formed', xml.slice(0, 600), 'edxml', /dòng|line/],
    ['schema: a date that is no date', xml.replace('<edXML:DueDate>2024-02-20', '<edXML:DueDate>20/02/2024'), 'DueDate', /DueDate/],
    ['schema: an unknown status code', status.replace('<edXML:StatusCode>02', '<edXML:StatusCode>99'), 'StatusCode', /StatusCode/],
    ['an organ no unit has', xml.replace('<edXML:OrganId>01.018</edXML:OrganId>', '<edXML:OrganId>000.00.00.G12</edXML:OrganId>'), 'OrganId', /000\.00\.00\.G12/],
    ['a recipient organ no unit has', xml.replace('<edXML:OrganId>01.018.00577.01</edXML:OrganId>', '<edXML:OrganId>01.999.99999.99</edXML:OrganId>'), 'OrganId', /01\.999/],
    ['a directive that is not there', status.replace('<edXML:Code>42/LĐLĐ', '<edXML:Code>4242/LĐLĐ'), 'ResponseFor', /4242/],
    ['a status code lantoa has no state for', status.replace('<edXML:StatusCode>02', '<edXML:StatusCode>08'), 'StatusCode', /08/],
  ];
  const before = counts(B);
  for (const [what, body, field, text] of bad) {
    const vi = await importXml(gB, body);
    assert.equal(vi.status, 400, `${what}: ${vi.text}`);
    assert.equal(vi.json.error.field, field, what);
    assert.match(vi.json.error.message, text, what);
    const en = await importXml(gBen, body);
    assert.equal(en.json.error.field, field, what);
    assert.notEqual(en.json.error.message, vi.json.error.message, `${what}: one message per language`);
    assert.match(en.json.error.message, /[a-z]/);
  }
  assert.deepEqual(counts(B), before, 'nothing written');
});

test('access: officers import; a cadre exports its own report and status, not another unit\'s', async () => {
  const cadre = await login(B.url, 'cs-00568-01');
  const other = await login(B.url, 'cs-00571-02');
  const xml = (await gA.get(`/api/v1/directives/${d42A.id}/units/${await unitId(gA, '01.018.00568.01')}/report/edxml?kind=status`)).text;
  const before = counts(B);
  const r = await importXml(cadre, xml);
  assert.equal(r.status, 403, r.text);
  assert.deepEqual(counts(B), before);
  const own = `/api/v1/directives/${d42B.id}/units/${await unitId(gB, '01.018.00568.01')}/report/edxml`;
  assert.equal((await cadre.get(own)).status, 200);
  assert.equal((await cadre.get(own + '?kind=status')).status, 200);
  const theirs = await other.get(own);
  assert.ok([403, 404].includes(theirs.status), theirs.text);
  // No session: no message.
  assert.equal((await fetch(B.url + own)).status, 401);
});

test('a signed report goes out with its signed PDF, byte for byte', async (t) => {
  // A SoftHSM2 token and a test CA (tests/lib/softhsm.sh, as report_sign.test.mjs).
  const pki = join(tmp, 'pki');
  const made = spawnSync('sh', [join(ROOT, 'tests/lib/softhsm.sh'), pki], { encoding: 'utf8' });
  if (made.status === 77) return t.skip('softhsm2, opensc or libnss3-tools is missing (scripts/install-deps.sh test)');
  assert.equal(made.status, 0, made.stderr);
  const env = { SOFTHSM2_CONF: join(pki, 'softhsm2.conf') };
  const module = readFileSync(join(pki, 'module'), 'utf8').trim();
  const U = '01.018.00577.01';
  const cadre = await login(A.url, 'cs-00577-01');
  const path = `/api/v1/directives/${d42A.id}/units/${await unitId(gA, U)}/report`;
  const sub = await cadre.post(path + '/submit', {});
  assert.equal(sub.status, 200, sub.text);
  // Submitted, not signed: the rendered PDF of the revision.
  let out = await gA.get(path + '/edxml');
  assert.equal(out.status, 200, out.text);
  const rendered = attachments(out.text)[0].bytes;
  const r = cli(A.db, ['--as', 'xa-00577', 'report', 'sign', '--directive', '42/LĐLĐ', '--unit', U, '--pkcs11-module', module,
    '--token', 'lantoa-test', '--key', 'signer', '--pin-stdin', '--chain', join(pki, 'chain.pem')], '1234\n', env);
  assert.equal(r.status, 0, r.stderr);
  const signed = await fetch(A.url + path + '/signature/pdf', { headers: { Cookie: gA.cookie } });
  assert.equal(signed.status, 200);
  const signedBytes = Buffer.from(await signed.arrayBuffer());
  out = await gA.get(path + '/edxml');
  assert.equal(out.status, 200, out.text);
  const att = attachments(out.text)[0];
  assert.equal(att.type, 'application/pdf');
  assert.ok(att.bytes.equals(signedBytes), 'the attachment is the stored signed PDF');
  assert.ok(att.bytes.length > rendered.length && att.bytes.subarray(0, rendered.length).equals(rendered),
    'the signed PDF is the rendered revision plus its signature');
  assert.match(out.text, /<edXML:AttachmentName>[^<]*da-ky\.pdf</);
});

test('the CLI names the option at fault and refuses strays', () => {
  const cases = [
    [['doc', 'edxml', 'export', '--directive', '42/LĐLĐ', '--bogus'], /--bogus/],
    [['doc', 'edxml', 'import', 'a.xml', 'b.xml'], /b\.xml/],
    [['doc', 'edxml', 'export', '--directive', String(d42A.id), '--priority', '7'], /--priority/],
    [['doc', 'edxml', 'export', '--directive', '42/LĐLĐ', '--kind', 'report'], /--unit/],
    [['doc', 'edxml', 'export', '--directive', '42/LĐLĐ', '--kind', 'memo'], /--kind/],
    [['doc', 'edxml', 'frobnicate'], /export|import/],
  ];
  for (const [args, err] of cases) {
    const r = cli(A.db, args);
    assert.equal(r.status, 2, args.join(' ') + r.stderr);
    assert.match(r.stderr, err, args.join(' '));
  }
  const h = cli(A.db, ['doc', 'edxml', 'export', '--help']);
  assert.equal(h.status, 0);
  assert.match(h.stdout, /lantoa doc edxml export/);
});
