// SPDX-License-Identifier: AGPL-3.0-or-later
// Issue 13, finding 9: reads do not write. Every GET route of the route
// table, for users at four levels, leaves the database as it was, but for
// the writes a read is meant to make: a recipient's receipt is "opened" on
// first view, and a full view of personal data is audited. A report nobody
// wrote reads as a draft with no row; a rejected PATCH makes no row either.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sqlText, tableNames } from '../lib/db.mjs';
import { startServer, login, ROOT } from '../lib/server.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv.stop(); });

const sql = (q) => sqlText(srv.db, q);

// Every table's rows, but for the intended writes of a read: sessions
// (logins happen before), audit events (views of personal data), and when
// a receipt was opened and by whom.
const IGNORED = new Set(['session', 'audit_event']);
function snapshot() {
  const out = {};
  for (const t of tableNames(srv.db)) {
    if (IGNORED.has(t)) continue;
    const cols = t === 'receipt' ? 'directive_id, unit_id, received_at, acknowledged_at, acknowledged_by' : '*';
    // Sorted here, not by SQL: a table may have one column (rollup_stale).
    out[t] = sql(`SELECT ${cols} FROM "${t}"`).split('\n').sort().join('\n');
  }
  return out;
}

const byCode = async (s, code) => (await s.get('/api/v1/units?q=' + encodeURIComponent(code))).json.items.find((u) => u.code === code);

test('no GET route writes, for any role, but receipts opened and audited views', async () => {
  const users = [];
  for (const l of ['hanoi', 'gialam', 'xa-00577', 'cs-00577-01']) users.push(await login(srv.url, l));
  const [, gialam] = users;
  const units = [];
  for (const code of ['01', '01.018', '01.018.00577', '01.018.00577.01']) units.push((await byCode(gialam, code)).id);
  const directives = (await gialam.get('/api/v1/directives')).json.items.map((d) => d.id);
  assert.ok(directives.length > 0, 'the demo has directives');
  const first = async (path) => {
    const r = await gialam.get(path);
    const items = r.json && (r.json.items || r.json);
    return Array.isArray(items) && items.length ? items[0].id : 1;
  };
  const ids = {
    feedback: await first('/api/v1/feedback'),
    activity: await first('/api/v1/activities'),
    contest: await first('/api/v1/contests'),
    linkkit: await first(`/api/v1/directives/${directives[0]}/linkkits`),
    edxml: await first('/api/v1/edxml/messages'),
  };

  const routes = [...readFileSync(join(ROOT, 'src/http/routes.def'), 'utf8')
    .matchAll(/\{ "GET", "([^"]+)"/g)].map((m) => m[1]);
  assert.ok(routes.length > 40, `${routes.length} GET routes`);
  // Each route with its {id}s filled in, in as many ways as there are units and directives.
  const fill = (path) => {
    const out = [];
    for (const d of directives.slice(0, 3)) {
      for (const u of units) {
        out.push(path
          .replace(/^\/api\/v1\/directives\/\{id\}/, `/api/v1/directives/${d}`)
          .replace(/\/units\/\{id\}/, `/units/${u}`)
          .replace(/\/feedback\/\{id\}/, `/feedback/${ids.feedback}`)
          .replace(/\/activities\/\{id\}\/photos\/\{id\}/, `/activities/${ids.activity}/photos/1`)
          .replace(/\/activities\/\{id\}/, `/activities/${ids.activity}`)
          .replace(/\/contests\/\{id\}/, `/contests/${ids.contest}`)
          .replace(/\/linkkits\/\{id\}/, `/linkkits/${ids.linkkit}`)
          .replace(/\/edxml\/messages\/\{id\}/, `/edxml/messages/${ids.edxml}`)
          .replace(/^\/f\/\{id\}/, `/f/${u}`));
      }
    }
    return [...new Set(out)];
  };

  const before = snapshot();
  let calls = 0;
  for (const route of routes) {
    assert.doesNotMatch(fill(route)[0], /\{id\}/, `an id for ${route}`);
    for (const path of fill(route)) {
      for (const s of users) {
        const r = await s.get(path);
        assert.ok(r.status < 500, `${path}: ${r.status} ${r.text.slice(0, 200)}`);
        calls++;
      }
    }
  }
  const after = snapshot();
  for (const t of Object.keys(before)) assert.equal(after[t], before[t], `table ${t} changed after ${calls} GETs`);
});

test('a report nobody wrote reads as a draft without a row; a rejected PATCH makes none', async () => {
  const cadre = await login(srv.url, 'cs-00577-01');
  const officer = await login(srv.url, 'gialam');
  const unit = (await byCode(cadre, '01.018.00577.01')).id;
  const dir = (await cadre.get('/api/v1/directives')).json.items.find((d) => d.number === '42/LĐLĐ').id;
  const rows = () => Number(sql(`SELECT count(*) FROM report WHERE directive_id = ${dir} AND unit_id = ${unit}`));
  assert.equal(rows(), 0);
  const path = `/api/v1/directives/${dir}/units/${unit}/report`;
  let r = await cadre.get(path);
  assert.equal(r.status, 200);
  assert.equal(r.json.report.status, 'draft');
  assert.equal(r.json.report.id, null);
  assert.equal((await officer.get(path)).status, 200);
  assert.equal((await cadre.get(path + '/document?format=csv')).status, 200);
  assert.equal(rows(), 0);
  r = await cadre.patch(path, { narrative: { general: 5 } });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'narrative');
  assert.equal((await officer.patch(path, { narrative: { general: 'không phải của tôi' } })).status, 403);
  assert.equal(rows(), 0);
  r = await cadre.patch(path, { narrative: { general: 'Đã làm' } });
  assert.equal(r.status, 200);
  assert.ok(r.json.report.id > 0);
  assert.equal(rows(), 1);
});
