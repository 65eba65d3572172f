// SPDX-License-Identifier: AGPL-3.0-or-later
// The edXML messages received, found again (issue 15): a report (SteeringType
// 3) exported by one lantoa node and imported by another is listed for the
// officers of the unit it was addressed to (the directive's issuer), by API and
// CLI; its metadata names the directive and the sender; its PDF downloads byte
// for byte with a UTF-8 file name. An officer whose subtree does not hold the
// addressee (a ward under the district, another district's user) neither sees
// it in the list nor reads it (404). Runs on SQLite and PostgreSQL.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, login, cli } from '../lib/server.mjs';

let A, B, gB, xaB, csB, tmp, pdf, msgId;
const attachmentOf = (xml) => {
  const m = xml.match(/<edXML:Attachment>[\s\S]*?<edXML:ContentType>application\/pdf<[\s\S]*?<edXML:Value>([^<]*)<\/edXML:Value>/);
  return Buffer.from(m[1], 'base64');
};

before(async () => {
  [A, B] = await Promise.all([startServer(), startServer()]);
  [gB, xaB, csB] = await Promise.all([login(B.url, 'gialam'), login(B.url, 'xa-00577'), login(B.url, 'cs-00568-01')]);
  tmp = mkdtempSync(join(tmpdir(), 'lantoa-edxml-msg-'));
  const file = join(tmp, 'report.xml');
  const r = cli(A.db, ['--as', 'gialam', 'doc', 'edxml', 'export', '--directive', '42/LĐLĐ', '--unit', '01.018.00568.01', '--kind', 'report', '--out', file]);
  assert.equal(r.status, 0, r.stderr);
  const xml = readFileSync(file, 'utf8');
  pdf = attachmentOf(xml);
  const imp = await gB.call('POST', '/api/v1/edxml/import', xml, { 'Content-Type': 'application/xml' });
  assert.equal(imp.status, 201, imp.text);
  assert.equal(imp.json.kind, 'report');
  msgId = imp.json.id;
});

after(async () => {
  await Promise.all([A, B].filter(Boolean).map((s) => s.stop()));
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

test('the district lists the report it received, reads its metadata and downloads its PDF byte for byte', async () => {
  let r = await gB.get('/api/v1/edxml/messages?kind=report&limit=10');
  assert.equal(r.status, 200, r.text);
  const m = r.json.items.find((x) => x.id === msgId);
  assert.ok(m, 'the imported report is in the list');
  assert.equal(m.kind, 'report');
  assert.equal(m.directive_number, '42/LĐLĐ');
  assert.equal(m.from.code, '01.018.00568.01');
  assert.equal(m.file_type, 'application/pdf');
  assert.equal(m.file_bytes, pdf.length);
  assert.equal(m.has_attachment, true);

  // Filters: by directive, by unit (the sender), by another kind.
  const d42 = m.directive_id;
  r = await gB.get(`/api/v1/edxml/messages?directive=${d42}&unit=${m.from.id}`);
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.items.map((x) => x.id), [msgId]);
  r = await gB.get('/api/v1/edxml/messages?kind=directive');
  assert.ok(!r.json.items.some((x) => x.id === msgId), 'kind=directive leaves the report out');
  r = await gB.get('/api/v1/edxml/messages?kind=memo');
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'kind');

  r = await gB.get(`/api/v1/edxml/messages/${msgId}`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.document_id, m.document_id);
  assert.equal(r.json.from.name, m.from.name);

  const res = await fetch(`${B.url}/api/v1/edxml/messages/${msgId}/attachment`, { headers: { Cookie: gB.cookie } });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'application/pdf');
  const cd = res.headers.get('content-disposition');
  assert.match(cd, /^attachment; filename="edxml-\d+\.pdf"; filename\*=UTF-8''/);
  assert.equal(decodeURIComponent(cd.split("UTF-8''")[1]), m.file_name);
  assert.ok(Buffer.from(await res.arrayBuffer()).equals(pdf), 'the PDF as it came');
});

test('paged: limit 1 walks the list with a cursor, newest first', async () => {
  // A second message: the same report again (a report may be sent twice).
  const file = join(tmp, 'report2.xml');
  const x = cli(A.db, ['--as', 'gialam', 'doc', 'edxml', 'export', '--directive', '42/LĐLĐ', '--unit', '01.018.00568.01', '--kind', 'status', '--out', file]);
  assert.equal(x.status, 0, x.stderr);
  const imp = await gB.call('POST', '/api/v1/edxml/import', readFileSync(file, 'utf8'), { 'Content-Type': 'application/xml' });
  assert.equal(imp.status, 201, imp.text);
  let r = await gB.get('/api/v1/edxml/messages?limit=1');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.items.length, 1);
  assert.equal(r.json.items[0].id, imp.json.id);
  assert.ok(r.json.next_cursor);
  r = await gB.get('/api/v1/edxml/messages?limit=1&cursor=' + encodeURIComponent(r.json.next_cursor));
  assert.equal(r.json.items[0].id, msgId);
  assert.equal((await gB.get('/api/v1/edxml/messages?limit=501')).status, 400);
});

test('outside the addressee\'s subtree: not listed, 404 on the message and its PDF', async () => {
  for (const who of [xaB, csB]) {
    const r = await who.get('/api/v1/edxml/messages?limit=500');
    assert.equal(r.status, 200, r.text);
    assert.ok(!r.json.items.some((x) => x.id === msgId), `${who.user.login} does not see it`);
    assert.equal((await who.get(`/api/v1/edxml/messages/${msgId}`)).status, 404);
    assert.equal((await who.get(`/api/v1/edxml/messages/${msgId}/attachment`)).status, 404);
  }
  // Naming a unit outside one's subtree is refused, not answered empty.
  const gl = (await gB.get('/api/v1/me')).json.user.unit.id;
  assert.equal((await xaB.get(`/api/v1/edxml/messages?unit=${gl}`)).status, 403);
});

test('lantoa doc edxml list and attachment: the same list and the same bytes', () => {
  let r = cli(B.db, ['--as', 'gialam', '--json', 'doc', 'edxml', 'list', '--kind', 'report', '--directive', '42/LĐLĐ']);
  assert.equal(r.status, 0, r.stderr);
  assert.ok(JSON.parse(r.stdout).items.some((x) => x.id === msgId));
  r = cli(B.db, ['--as', 'gialam', 'doc', 'edxml', 'list', '--unit', '01.018.00568.01']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, new RegExp(`^${msgId}\\treport\\t42/LĐLĐ\\t01\\.018\\.00568\\.01\\t`, 'm'));
  r = cli(B.db, ['--as', 'xa-00577', '--json', 'doc', 'edxml', 'list']);
  assert.equal(r.status, 0, r.stderr);
  assert.ok(!JSON.parse(r.stdout).items.some((x) => x.id === msgId));
  const out = join(tmp, 'got.pdf');
  r = cli(B.db, ['--as', 'gialam', 'doc', 'edxml', 'attachment', String(msgId), '--out', out]);
  assert.equal(r.status, 0, r.stderr);
  assert.ok(readFileSync(out).equals(pdf));
  r = cli(B.db, ['--as', 'xa-00577', 'doc', 'edxml', 'attachment', String(msgId)]);
  assert.notEqual(r.status, 0);
  r = cli(B.db, ['--as', 'gialam', 'doc', 'edxml', 'list', '--kind', 'memo']);
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /--kind/);
});
