// SPDX-License-Identifier: AGPL-3.0-or-later
// An imported edXML status changes lantoa's receipt or report only when the
// importer could have made that change in lantoa (issue 15): "04 acknowledged"
// of a unit applies when the console (which acts as any unit) imports it, and
// is recorded as not applied, with the reason, when the district officer does
// (only the unit acknowledges for itself) — the receipt stays as it was;
// "02 returned" of a submitted report applies when the district (the
// reviewer) imports it: the report is returned with the message's description
// as the comment, and the same status again is not applied (already
// returned). The import's result says so (JSON and CLI line), and so does the
// message's metadata. Runs on SQLite and PostgreSQL.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, login, cli } from '../lib/server.mjs';
import { query } from '../lib/db.mjs';

let A, B, gA, gB, tmp, d42A, d42B;
const byNumber = async (s, number) => (await s.get(`/api/v1/directives?box=issued&q=${encodeURIComponent(number)}`)).json.items.find((d) => d.number === number && d.status === 'issued');
const unitId = async (s, code) => (await s.get('/api/v1/units?q=' + encodeURIComponent(code))).json.items.find((u) => u.code === code).id;
const importXml = (s, xml) => s.call('POST', '/api/v1/edxml/import', xml, { 'Content-Type': 'application/xml' });
// The status of unit code on node A, with its code (and description) set as another node would send it.
async function status(code, statusCode, description) {
  const out = await gA.get(`/api/v1/directives/${d42A.id}/units/${await unitId(gA, code)}/report/edxml?kind=status`);
  assert.equal(out.status, 200, out.text);
  let xml = out.text.replace(/<edXML:StatusCode>[^<]*<\/edXML:StatusCode>/, `<edXML:StatusCode>${statusCode}</edXML:StatusCode>`);
  if (description) xml = xml.replace(/<edXML:Description>[^<]*<\/edXML:Description>/, `<edXML:Description>${description}</edXML:Description>`);
  return xml;
}

before(async () => {
  [A, B] = await Promise.all([startServer(), startServer()]);
  [gA, gB] = await Promise.all([login(A.url, 'gialam'), login(B.url, 'gialam')]);
  [d42A, d42B] = await Promise.all([byNumber(gA, '42/LĐLĐ'), byNumber(gB, '42/LĐLĐ')]);
  tmp = mkdtempSync(join(tmpdir(), 'lantoa-edxml-st-'));
});

after(async () => {
  await Promise.all([A, B].filter(Boolean).map((s) => s.stop()));
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

test('04 acknowledged: not applied for the district (only the unit acknowledges), applied for the console', async () => {
  // A recipient on B that has not acknowledged and has no report.
  const row = query(B.db, `SELECT u.code, u.id FROM receipt r JOIN unit u ON u.id = r.unit_id
    WHERE r.directive_id = ${d42B.id} AND r.acknowledged_at IS NULL
    AND NOT EXISTS (SELECT 1 FROM report p WHERE p.directive_id = r.directive_id AND p.unit_id = r.unit_id)
    ORDER BY u.code LIMIT 1`)[0];
  assert.ok(row, 'a recipient that has not acknowledged');
  const xml = await status(row.code, '04');
  const acked = () => query(B.db, `SELECT acknowledged_at FROM receipt WHERE directive_id = ${d42B.id} AND unit_id = ${row.id}`)[0].acknowledged_at;

  const r = await importXml(gB, xml);
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.state, 'acknowledged');
  assert.equal(r.json.applied, false);
  assert.match(r.json.not_applied.vi, new RegExp(`Chỉ đơn vị ${row.code.replace(/\./g, '\\.')} tự xác nhận`));
  assert.match(r.json.not_applied.en, /acknowledges the directive itself/);
  assert.equal(acked(), null, 'the receipt is as it was');
  const meta = await gB.get(`/api/v1/edxml/messages/${r.json.id}`);
  assert.equal(meta.json.applied, false);
  assert.match(meta.json.not_applied, /tự xác nhận/);

  // The CLI says it in a line of its own; as the console, it applies.
  const file = join(tmp, 'ack.xml');
  writeFileSync(file, xml);
  let c = cli(B.db, ['--as', 'gialam', 'doc', 'edxml', 'import', file]);
  assert.equal(c.status, 0, c.stderr);
  assert.match(c.stdout, /^không áp dụng: Chỉ đơn vị .* tự xác nhận/m);
  assert.equal(acked(), null);
  c = cli(B.db, ['doc', 'edxml', 'import', file]);
  assert.equal(c.status, 0, c.stderr);
  assert.match(c.stdout, /^đã áp dụng$/m);
  assert.ok(acked(), 'the receipt is acknowledged');
  // The register of the unit follows: its entry of 42/LĐLĐ is acknowledged.
  const reg = query(B.db, `SELECT count(*) AS n FROM register_entry WHERE unit_id = ${row.id} AND directive_id = ${d42B.id} AND direction = 'in'`)[0];
  assert.equal(Number(reg.n), 1);
  const g = (await gB.get(`/api/v1/units/${row.id}/registers/in?year=2024&limit=500`)).json.items.find((x) => x.directive_id === d42B.id && x.source === 'directive');
  assert.equal(g.status, 'acknowledged');
  // Again: nothing left to change.
  c = cli(B.db, ['--json', 'doc', 'edxml', 'import', file]);
  assert.equal(c.status, 0, c.stderr);
  assert.equal(JSON.parse(c.stdout).applied, false);
  assert.match(JSON.parse(c.stdout).not_applied.en, /already/);
});

test('02 returned: the reviewer\'s import returns the submitted report with the message\'s comment; again, not applied', async () => {
  const row = query(B.db, `SELECT u.code, u.id FROM report p JOIN unit u ON u.id = p.unit_id
    WHERE p.directive_id = ${d42B.id} AND p.status = 'submitted' ORDER BY u.code LIMIT 1`)[0];
  assert.ok(row, 'a submitted report');
  const xml = await status(row.code, '02', 'Thiếu số liệu xe buýt');
  let r = await importXml(gB, xml);
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.state, 'returned');
  assert.equal(r.json.applied, true, JSON.stringify(r.json));
  assert.equal(r.json.not_applied, undefined);
  const rep = await gB.get(`/api/v1/directives/${d42B.id}/units/${row.id}/report`);
  assert.equal(rep.status, 200, rep.text);
  assert.equal(rep.json.report.status, 'returned');
  assert.ok(rep.text.includes('Thiếu số liệu xe buýt'), 'the comment is the message\'s description');
  const audit = query(B.db, `SELECT count(*) AS n FROM audit_event WHERE action = 'return' AND entity = 'report' AND at >= ${Math.floor(Date.now() / 1000) - 600}`)[0];
  assert.ok(Number(audit.n) >= 1, 'the return is in the audit trail, as from the API');

  r = await importXml(gB, xml);
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.applied, false);
  assert.ok(r.json.not_applied.vi && r.json.not_applied.en);
});
