// SPDX-License-Identifier: AGPL-3.0-or-later
// Issue 13: what an officer may write is bounded by its part of the union
// tree. Each case is one finding of the outside probe, replayed against the
// real server with the demo (Hà Nội → Gia Lâm → xã Đa Tốn → its unions).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login } from '../lib/server.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv.stop(); });

const unitByCode = async (s, code) => {
  const r = await s.get('/api/v1/units?q=' + encodeURIComponent(code));
  const u = r.json.items.find((x) => x.code === code);
  assert.ok(u, `unit ${code}`);
  return u;
};

// Finding 1: a commune officer wrote `bus_trips,2023,VN,1` and got 200.
test('series import: a commune officer cannot overwrite the national or another unit\'s figures', async () => {
  const xa = await login(srv.url, 'xa-00577');
  const before = (await xa.get('/api/v1/series?indicator=bus_trips&scope=VN')).json.items;
  const y2023 = before.find((p) => p.year === 2023);
  assert.ok(y2023, 'the demo has a national 2023 figure');
  const post = (csv) => xa.call('POST', '/api/v1/series/import', csv, { 'Content-Type': 'text/csv' });

  let r = await post('indicator,year,scope,value\nbus_trips,2023,01.018.00577,3\nbus_trips,2023,VN,1\n');
  assert.equal(r.status, 403);
  assert.equal(r.json.error.field, 'row 3, column C (scope)');
  r = await post('indicator,year,scope,value\nbus_trips,2023,01.018,1\n'); // the district above
  assert.equal(r.status, 403);
  assert.equal(r.json.error.field, 'row 2, column C (scope)');
  r = await post('indicator,year,scope,value\nbus_trips,2023,01.018.00526,1\n'); // a sibling commune
  assert.equal(r.status, 403);
  r = await post('indicator,year,scope,value\nbus_trips,2023,NO-SUCH-UNIT,1\n');
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'row 2, column C (scope)');

  // Nothing was written: not even the row of its own commune in the refused file.
  const after = (await xa.get('/api/v1/series?indicator=bus_trips&scope=VN')).json.items;
  assert.deepEqual(after, before);
  assert.equal((await xa.get('/api/v1/series?indicator=bus_trips&scope=01.018.00577')).json.items.length, 0);

  // Its own commune and a union below it: accepted.
  r = await post('indicator,year,scope,value\nbus_trips,2023,01.018.00577,3\nbus_trips,2023,01.018.00577.01,1\n');
  assert.equal(r.status, 200);
  assert.equal(r.json.imported, 2);
  // The city federation is not the country either (the demo's root is Hà Nội).
  const hanoi = await login(srv.url, 'hanoi');
  r = await hanoi.call('POST', '/api/v1/series/import', 'indicator,year,scope,value\nbus_trips,2023,VN,1\n', { 'Content-Type': 'text/csv' });
  assert.equal(r.status, 403);
});

// Finding 5: every officer could create a "province" under a commune.
test('units: a child\'s level must be below its parent\'s, on create and on move', async () => {
  const xa = await login(srv.url, 'xa-00577');
  const gialam = await login(srv.url, 'gialam');
  const commune = await unitByCode(xa, '01.018.00577');
  const union = await unitByCode(xa, '01.018.00577.01');
  for (const level of ['province', 'district', 'commune']) {
    const r = await xa.post('/api/v1/units', { code: 'LV-' + level, name: 'Cấp sai', level, parent_id: commune.id });
    assert.equal(r.status, 400, level);
    assert.equal(r.json.error.field, 'level');
  }
  assert.equal((await xa.get('/api/v1/units?q=LV-')).json.items.length, 0);
  let r = await xa.post('/api/v1/units', { code: 'LV-OK', name: 'CĐCS mới', level: 'grassroots', parent_id: commune.id });
  assert.equal(r.status, 201);
  // A move under a unit of the same level (a union under a union; a commune under a commune).
  const other = await unitByCode(xa, '01.018.00577.02');
  r = await xa.post(`/api/v1/units/${union.id}/move`, { parent_id: other.id });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'level');
  const sibling = await unitByCode(gialam, '01.018.00526');
  r = await gialam.post(`/api/v1/units/${commune.id}/move`, { parent_id: sibling.id });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'level');
  assert.equal((await unitByCode(xa, '01.018.00577.01')).parent_id, commune.id);
});

// Finding 3: a commune officer's rule re-tagged every future message in the country.
test('feedback rules: a commune\'s rule applies in the commune only, and other subtrees do not see it', async () => {
  const xa = await login(srv.url, 'xa-00577');
  const inside = await login(srv.url, 'cs-00577-01'); // a union of the commune
  const outside = await login(srv.url, 'cs-00526-01'); // a union of another commune
  const gialam = await login(srv.url, 'gialam');
  // A message about pay, which no model reads as safety: only the rule can tag it an_toan.
  const text = 'Công ty trả lương chậm hai tháng, anh em phản ánh mãi';
  const topicsOf = async (s) => {
    const r = await s.post('/api/v1/feedback', { channel: 'hotline', text });
    assert.equal(r.status, 201, r.text);
    return r.json.feedback;
  };
  assert.ok(!(await topicsOf(outside)).topics.includes('an_toan'), 'not tagged before the rule');

  let r = await xa.post('/api/v1/feedback/rules', { topic: 'an_toan', pattern: 'trả lương chậm', weight: 1 });
  assert.equal(r.status, 201, r.text);
  const id = r.json.id;

  const inMsg = await topicsOf(inside);
  assert.ok(inMsg.topics.includes('an_toan'), 'the commune\'s union gets the rule');
  const outMsg = await topicsOf(outside);
  assert.ok(!outMsg.topics.includes('an_toan'), 'another commune does not');
  assert.ok(!outMsg.why.some((w) => w.kind === 'rule' && w.term === 'trả lương chậm'));

  // Seen where it is in force and above it; not from another commune.
  const has = async (s) => (await s.get('/api/v1/feedback/rules')).json.items.some((x) => x.pattern === 'trả lương chậm');
  assert.equal(await has(xa), true);
  assert.equal(await has(inside), true);
  assert.equal(await has(gialam), true);
  assert.equal(await has(outside), false);
  const mine = (await xa.get('/api/v1/feedback/rules')).json.items.find((x) => x.pattern === 'trả lương chậm');
  assert.equal(mine.unit_id, (await unitByCode(xa, '01.018.00577')).id);
  assert.equal(mine.id, id);

  // The district's preview of a veto changes the commune's message only.
  r = await gialam.post('/api/v1/feedback/rules/preview', { topic: 'an_toan', pattern: 'trả lương chậm', weight: -1 });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.changes.map((c) => c.id), [inMsg.id]);
});
