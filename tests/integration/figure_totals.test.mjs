// SPDX-License-Identifier: AGPL-3.0-or-later
// The figures summary's totals (issue 10: kept per directive, unit and
// indicator instead of summed over every recipient on each request) and its
// count of recipients are the numbers a recount gives, for the district, a
// commune and the city; they move at once with a new value, a larger one, a
// smaller one, a cleared one and a union moved to another commune; `lantoa
// rollup verify` (kept = recomputed, the roll-up's rows too) finds nothing
// after these writes, names a spoiled total, and --repair mends it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login, cli } from '../lib/server.mjs';
import { sqlText } from '../lib/db.mjs';
import { PG_URL } from '../lib/pg.mjs';

let srv, gialam, hanoi, cadre, dir, union, commune, other;
const sql = (q) => sqlText(srv.db, q);
const idOf = (code) => Number(sql(`SELECT id FROM unit WHERE code = '${code}'`));

before(async () => {
  srv = await startServer();
  gialam = await login(srv.url, 'gialam');
  hanoi = await login(srv.url, 'hanoi');
  cadre = await login(srv.url, 'cs-00577-01');
  const inbox = await cadre.get('/api/v1/directives?box=inbox');
  dir = inbox.json.items.find((d) => d.number === '42/LĐLĐ').id;
  union = Number(sql(`SELECT unit_id FROM app_user WHERE login = 'cs-00577-01'`));
  commune = Number(sql(`SELECT parent_id FROM unit WHERE id = ${union}`));
  other = Number(sql(`SELECT parent_id FROM unit u JOIN app_user a ON a.unit_id = u.id WHERE a.login = 'cs-00580-01'`));
});
after(async () => { await srv.stop(); });

// Per indicator, what the recipients of the directive under unit (its current
// subtree, itself included) entered: {code: {sum, max, n}}, straight from SQL.
function recount(unit) {
  const path = sql(`SELECT path FROM unit WHERE id = ${unit}`);
  const end = path.slice(0, -1) + '0';
  const rows = sql(`SELECT v.code, sum(v.value), max(v.value), count(*) FROM indicator_value v
    JOIN receipt r ON r.directive_id = v.directive_id AND r.unit_id = v.unit_id
    JOIN unit u ON u.id = v.unit_id
    WHERE v.directive_id = ${dir} AND u.path >= '${path}' AND u.path < '${end}' GROUP BY v.code`);
  const by = {};
  for (const line of rows ? rows.split('\n') : []) {
    const [code, sum, max, n] = line.split('|');
    by[code] = { sum: Number(sum), max: Number(max), n: Number(n) };
  }
  return by;
}

async function summary(session, unit) {
  const r = await session.get(`/api/v1/directives/${dir}/figures/summary?limit=1&unit_id=${unit}`);
  assert.equal(r.status, 200, r.text);
  assert.ok(r.json.units.length <= 1, 'one page of recipients');
  return r.json;
}
const summaryTotals = async (session, unit) => (await summary(session, unit)).indicators;

// The recipients of the directive in unit's current subtree, itself included.
function recipients(unit) {
  const path = sql(`SELECT path FROM unit WHERE id = ${unit}`);
  return Number(sql(`SELECT count(*) FROM receipt r JOIN unit u ON u.id = r.unit_id
    WHERE r.directive_id = ${dir} AND u.path >= '${path}' AND u.path < '${path.slice(0, -1) + '0'}'`));
}

async function allSame(label) {
  for (const [session, unit] of [[gialam, idOf('01.018')], [gialam, commune], [gialam, other], [hanoi, idOf('01')]]) {
    const real = recount(unit), got = await summary(session, unit);
    assert.equal(got.recipients, recipients(unit), `${label}: recipients under #${unit}`);
    for (const i of got.indicators) {
      const x = real[i.code] || { sum: 0, max: 0, n: 0 };
      const want = i.aggregation === 'sum' ? x.sum : i.aggregation === 'max' ? x.max : 0;
      assert.equal(i.units_reporting, x.n, `${label}: units reporting ${i.code} under #${unit}`);
      assert.ok(Math.abs(i.total - want) < 1e-6, `${label}: ${i.code} under #${unit}: ${i.total} vs ${want}`);
    }
  }
  const v = cli(srv.db, ['rollup', 'verify']);
  assert.equal(v.status, 0, `${label}: kept = recomputed\n${v.stdout}${v.stderr}`);
}

test('the summary totals are the recipients\' numbers and follow every write at once', async () => {
  await allSame('demo');
  const total = async (unit, code) => (await summaryTotals(gialam, unit)).find((i) => i.code === code);
  const before = await total(idOf('01.018'), 'people_supported');
  assert.ok(before.units_reporting > 50, 'the demo filled most units');
  const put = async (values) => {
    const r = await cadre.call('PUT', `/api/v1/directives/${dir}/figures`, { values });
    assert.equal(r.status, 200, r.text);
  };
  const own = Number(sql(`SELECT value FROM indicator_value WHERE directive_id = ${dir} AND unit_id = ${union} AND code = 'people_supported'`) || 0);
  const had = sql(`SELECT count(*) FROM indicator_value WHERE directive_id = ${dir} AND unit_id = ${union} AND code = 'people_supported'`) === '1';
  // The largest value of the district, then a smaller one, then none.
  const big = before.total + 1000;
  await put({ people_supported: big });
  let now = await total(idOf('01.018'), 'people_supported');
  assert.equal(now.total, before.total - own + big, 'the district total moves at once');
  assert.equal(now.units_reporting, before.units_reporting + (had ? 0 : 1));
  await allSame('a larger value');
  await put({ people_supported: 3 });
  now = await total(idOf('01.018'), 'people_supported');
  assert.equal(now.total, before.total - own + 3);
  await allSame('a smaller value');
  await put({ people_supported: null });
  now = await total(idOf('01.018'), 'people_supported');
  assert.equal(now.total, before.total - own);
  assert.equal(now.units_reporting, before.units_reporting - (had ? 1 : 0));
  await allSame('a cleared value');
  await put({ people_supported: 77, tickets: 5 });
  await allSame('two values');
  // The union moves to another commune: its figures leave one commune's total for the other's.
  const inOther = (await total(other, 'people_supported')).total;
  const r = await gialam.post(`/api/v1/units/${union}/move`, { parent_id: other });
  assert.equal(r.status, 200, r.text);
  assert.equal((await total(other, 'people_supported')).total, inOther + 77);
  await allSame('a union moved');
});

// The kept replies' counts in /metrics (app/kept.h).
async function kept() {
  const t = await (await fetch(srv.url + '/metrics')).text();
  const n = (r) => Number((t.match(new RegExp(`lantoa_kept_replies_total\\{result="${r}"\\} (\\d+)`)) || [])[1]);
  return { hit: n('hit'), miss: n('miss') };
}

test('rollup verify names a spoiled summary total and --repair mends it', async () => {
  assert.equal(cli(srv.db, ['rollup', 'verify']).status, 0, 'nothing differs');
  // The summary is read twice first: on SQLite the second reply is a kept one. Another
  // process's write to the file (the sqlite3 shell below) must still show at the next read.
  const district = idOf('01.018');
  const people = async () => (await summaryTotals(gialam, district)).find((i) => i.code === 'people_supported').total;
  const k0 = await kept();
  const was = await people();
  for (let i = 0; i < 4; i++) assert.equal(await people(), was);
  const k1 = await kept();
  if (!PG_URL) assert.ok(k1.hit > k0.hit, `the same page again is a kept reply (${JSON.stringify([k0, k1])})`);
  sql(`UPDATE figure_total SET total = total + 7 WHERE code = 'people_supported'`);
  assert.equal(await people(), was + 7, 'the spoiled total shows at once, kept reply or not');
  const bad = cli(srv.db, ['rollup', 'verify']);
  assert.notEqual(bad.status, 0);
  assert.match(bad.stdout + bad.stderr, /summary:people_supported/);
  cli(srv.db, ['rollup', 'verify', '--repair']); // exits non-zero too: it found differences
  assert.equal(cli(srv.db, ['rollup', 'verify']).status, 0, 'repaired');
  assert.equal(await people(), was, 'and the mended total shows at once');
});

// A page of the summary reads its recipients' values and confirmations for the
// whole page at once (issue 10 P1); each recipient's line must still be what
// its own figures say: the same values, the same warnings with their
// confirmations, across page boundaries.
test('each recipient on a summary page has the values and warnings of its own figures', async () => {
  // A warning on the union (its parts do not add up), then confirmed with a comment.
  let r = await cadre.call('PUT', `/api/v1/directives/${dir}/figures`,
    { values: { support_vnd: 30000000, support_vnd_union: 20000000, support_vnd_other: 5000000 } });
  assert.equal(r.status, 200, r.text);
  assert.ok(r.json.warnings.some((w) => w.rule === 'parts:support_vnd'), r.text);
  r = await cadre.post(`/api/v1/directives/${dir}/figures/confirm`, { rule: 'parts:support_vnd', comment: 'Có khoản hỗ trợ từ doanh nghiệp' });
  assert.equal(r.status, 200, r.text);
  let seen = 0, pagesRead = 0, confirmed = 0, warned = 0;
  let path = `/api/v1/directives/${dir}/figures/summary?limit=7&unit_id=${idOf('01.018')}`;
  while (path) {
    const page = await gialam.get(path);
    assert.equal(page.status, 200, page.text);
    pagesRead++;
    for (const line of page.json.units) {
      const own = await gialam.get(`/api/v1/directives/${dir}/figures?unit_id=${line.unit.id}`);
      assert.equal(own.status, 200, own.text);
      const values = Object.fromEntries(own.json.indicators.filter((i) => i.value !== null).map((i) => [i.code, i.value]));
      assert.deepEqual(line.values, values, `values of ${line.unit.code}`);
      assert.deepEqual(line.warnings, own.json.warnings, `warnings of ${line.unit.code}`);
      assert.equal(line.unconfirmed_warnings, own.json.warnings.filter((w) => !w.confirmed).length);
      warned += line.warnings.length > 0;
      confirmed += line.warnings.filter((w) => w.confirmed).length;
      if (line.unit.id === union) {
        const w = line.warnings.find((x) => x.rule === 'parts:support_vnd');
        assert.equal(w.confirmed, true);
        assert.equal(w.comment, 'Có khoản hỗ trợ từ doanh nghiệp');
      }
      seen++;
    }
    const next = page.json.next_cursor;
    path = next ? `/api/v1/directives/${dir}/figures/summary?limit=7&unit_id=${idOf('01.018')}&cursor=${encodeURIComponent(next)}` : null;
  }
  assert.equal(seen, recipients(idOf('01.018')), 'every recipient once');
  assert.ok(pagesRead > 3, `several pages (${pagesRead})`);
  assert.ok(confirmed >= 1 && warned >= 1, `a confirmed warning was on a page (${confirmed} of ${warned} units warned)`);
});
