// SPDX-License-Identifier: AGPL-3.0-or-later
// The union tree over HTTP: search, unit pages, subtree scoping, structure changes, bad input.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login } from '../lib/server.mjs';

let srv, gialam, cadreA;
const byCode = async (s, code) => (await s.get('/api/v1/units?q=' + encodeURIComponent(code))).json.items.find((u) => u.code === code);

before(async () => {
  srv = await startServer();
  gialam = await login(srv.url, 'gialam');
  cadreA = await login(srv.url, 'cs-00577-01'); // a grassroots union in xã Đa Tốn
});
after(async () => { await srv.stop(); });

test('search ignores diacritics and case', async () => {
  let r = await gialam.get('/api/v1/units?q=gia%20lam');
  assert.equal(r.status, 200);
  assert.ok(r.json.items.some((u) => u.name === 'LĐLĐ huyện Gia Lâm'));
  r = await gialam.get('/api/v1/units?q=' + encodeURIComponent('ĐA TỐN'));
  const names = r.json.items.map((u) => u.name);
  assert.ok(names.includes('Công đoàn xã Đa Tốn'));
  r = await gialam.get('/api/v1/units?q=da%20ton');
  assert.deepEqual(r.json.items.map((u) => u.name).sort(), names.sort());
  r = await gialam.get('/api/v1/units?q=kieu%20ky');
  assert.ok(r.json.items.some((u) => u.name === 'Công đoàn xã Kiêu Kỵ'));
});

test('a unit page has details, ancestors and children', async () => {
  const daton = await byCode(gialam, '01.018.00577');
  const r = await gialam.get('/api/v1/units/' + daton.id);
  assert.equal(r.status, 200);
  assert.equal(r.json.unit.name, 'Công đoàn xã Đa Tốn');
  assert.deepEqual(r.json.unit.ancestors.map((a) => a.code), ['01', '01.018']);
  assert.equal(r.json.children.length, r.json.unit.child_count);
  assert.ok(r.json.children.length >= 5);
  assert.ok(r.json.children.every((c) => c.level === 'grassroots' && c.in_scope));
  const levels = await gialam.get('/api/v1/levels');
  assert.ok(levels.json.items.some((l) => l.code === 'grassroots' && l.grassroots === true));
});

test('a cadre reads only public fields of a sibling unit and can change nothing there', async () => {
  const mine = await byCode(cadreA, '01.018.00577.01');
  const sibling = await byCode(cadreA, '01.018.00577.02');
  assert.equal(mine.in_scope, true);
  assert.equal(typeof mine.email, 'string');
  assert.equal(sibling.in_scope, false);
  assert.equal(sibling.email, undefined);
  assert.equal(sibling.members, undefined);
  const page = await cadreA.get('/api/v1/units/' + sibling.id);
  assert.equal(page.status, 200);
  assert.deepEqual(Object.keys(page.json.unit).sort(), ['active', 'ancestors', 'code', 'id', 'in_scope', 'level', 'name', 'parent_id']);
  const hist = await cadreA.get(`/api/v1/units/${sibling.id}/history`);
  assert.equal(hist.status, 403);
  const patch = await cadreA.patch('/api/v1/units/' + sibling.id, { email: 'x@example.org' });
  assert.equal(patch.status, 403);
  assert.equal(patch.json.error.code, 'forbidden');
  const after = await gialam.get('/api/v1/units/' + sibling.id);
  assert.notEqual(after.json.unit.email, 'x@example.org');
  // Own unit: contact and members yes, renaming no, structure no.
  const own = await cadreA.patch('/api/v1/units/' + mine.id, { email: 'cd.maydaton@example.org', members: 321 });
  assert.equal(own.status, 200, own.text);
  assert.equal(own.json.unit.members, 321);
  assert.equal((await cadreA.patch('/api/v1/units/' + mine.id, { name: 'Tên mới' })).status, 403);
  assert.equal((await cadreA.post('/api/v1/units', { code: 'X1', name: 'X', level: 'grassroots', parent_id: mine.id })).status, 403);
  assert.equal((await cadreA.get('/api/v1/users')).status, 403);
});

test('an officer cannot act outside the district subtree', async () => {
  const hanoi = await byCode(gialam, '01');
  assert.equal(hanoi.in_scope, false);
  const commune = await byCode(gialam, '01.018.00526');
  let r = await gialam.post(`/api/v1/units/${commune.id}/move`, { parent_id: hanoi.id });
  assert.equal(r.status, 403);
  assert.equal(r.json.error.field, 'parent_id');
  const district = await byCode(gialam, '01.018');
  r = await gialam.post(`/api/v1/units/${district.id}/close`, {});
  assert.equal(r.status, 403); // nobody closes the unit they belong to
});

test('officer creates, moves, renames, merges and closes units, with history', async () => {
  const a = await byCode(gialam, '01.018.00526');   // TT Yên Viên
  const b = await byCode(gialam, '01.018.00529');   // xã Yên Thường
  let r = await gialam.post('/api/v1/units', { code: 'T-NEW', name: 'CĐCS Công ty TNHH Bao bì Yên Viên', level: 'grassroots', parent_id: a.id, email: 'bb@example.org', members: 80, active_from: '2023-03-01' });
  assert.equal(r.status, 201, r.text);
  const id = r.json.unit.id;
  assert.equal(r.json.unit.parent_id, a.id);
  r = await gialam.post(`/api/v1/units/${id}/move`, { parent_id: b.id, date: '2024-07-01' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.unit.parent_id, b.id);
  r = await gialam.patch(`/api/v1/units/${id}`, { name: 'CĐCS Công ty CP Bao bì Yên Thường', date: '2024-08-01' });
  assert.equal(r.status, 200, r.text);
  r = await gialam.get(`/api/v1/units/${id}/history`);
  assert.deepEqual(r.json.items.map((v) => [v.change, v.valid_from, v.valid_to]), [
    ['create', '2023-03-01', '2024-07-01'], ['move', '2024-07-01', '2024-08-01'], ['rename', '2024-08-01', null],
  ]);
  r = await gialam.post(`/api/v1/units/${b.id}/merge`, { into_id: a.id, date: '2025-07-01' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.unit.active, false);
  r = await gialam.get(`/api/v1/units/${id}`);
  assert.equal(r.json.unit.parent_id, a.id);
  r = await gialam.post(`/api/v1/units/${id}/close`, { date: '2025-12-31' });
  assert.equal(r.status, 200);
  assert.equal(r.json.unit.active_to, '2025-12-31');
  r = await gialam.post(`/api/v1/units/${id}/close`, { date: '2026-01-31' });
  assert.equal(r.status, 409);
});

test('bad input gets a 4xx naming the field, and nothing is written', async () => {
  const parent = await byCode(gialam, '01.018.00577');
  const send = (body, headers = {}) => fetch(srv.url + '/api/v1/units', {
    method: 'POST', headers: { Cookie: gialam.cookie, 'X-CSRF-Token': gialam.csrf, 'Content-Type': 'application/json', ...headers }, body,
  });
  const cases = [
    ['{"code": "BAD1", "name": ', 400, 'invalid', 'body'],
    [Buffer.from([0x7b, 0x22, 0x63, 0x6f, 0x64, 0x65, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]), 400, 'invalid', 'body'],
    [JSON.stringify({ code: 'BAD1', name: 'x', level: 'grassroots', parent_id: parent.id, colour: 'red' }), 400, 'invalid', 'colour'],
    [JSON.stringify({ code: 'BAD1', name: 42, level: 'grassroots', parent_id: parent.id }), 400, 'invalid', 'name'],
    [JSON.stringify({ code: 'BAD1', name: 'x', level: 'grassroots', parent_id: 'three' }), 400, 'invalid', 'parent_id'],
    [JSON.stringify({ code: 'BAD1', name: 'x', level: 'no-level', parent_id: parent.id }), 400, 'invalid', 'level'],
    [JSON.stringify({ code: 'BAD1', name: 'x', level: 'grassroots', parent_id: 999999 }), 404, 'not_found', 'parent_id'],
    [JSON.stringify({ code: 'BAD1', name: 'x', level: 'grassroots', parent_id: parent.id, active_from: '2024-02-30' }), 400, 'invalid', 'active_from'],
    [JSON.stringify({ code: 'BAD1', name: 'x', level: 'grassroots', parent_id: parent.id, email: 'no-at-sign' }), 400, 'invalid', 'email'],
    [JSON.stringify([1, 2]), 400, 'invalid', 'body'],
    ['{"code":"BAD1","code":"BAD2"}', 400, 'invalid', 'body'],
    ['{"code":"BAD1","name":"x","level":"grassroots","parent_id":' + parent.id + ',"name":"' + 'x'.repeat(2 * 1024 * 1024) + '"}', 413, 'too_large', 'body'],
  ];
  for (const [body, status, code, field] of cases) {
    const r = await send(body);
    const j = await r.json();
    assert.equal(r.status, status, `${String(body).slice(0, 80)} → ${JSON.stringify(j)}`);
    assert.equal(j.error.code, code);
    assert.equal(j.error.field, field);
    assert.ok(j.error.message.length > 5);
  }
  const wrongType = await send(JSON.stringify({ code: 'BAD1' }), { 'Content-Type': 'text/plain' });
  assert.equal(wrongType.status, 415);
  const en = await send('{', { 'Accept-Language': 'en' });
  assert.match((await en.json()).error.message, /^Invalid JSON/);
  const r = await gialam.get('/api/v1/units?q=BAD');
  assert.equal(r.json.items.filter((u) => u.code.startsWith('BAD')).length, 0);
});
