// SPDX-License-Identifier: AGPL-3.0-or-later
// Bounded responses (issue 10): lists come a page at a time with an opaque
// cursor, every item exactly once; a page over 500 is refused naming limit;
// the dashboard, the report and the figures summary of a unit with many
// children stay small, sending its children a page at a time.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login } from '../lib/server.mjs';

const BOUND = 200 * 1024; // bytes: the target for the national dashboard
let srv, gialam, dir, commune;

before(async () => {
  srv = await startServer();
  gialam = await login(srv.url, 'gialam');
  dir = (await gialam.get('/api/v1/directives?box=inbox')).json.items.find((d) => d.number === '42/LĐLĐ');
  if (!dir) dir = (await gialam.get('/api/v1/directives?box=issued')).json.items.find((d) => d.number === '42/LĐLĐ');
  assert.ok(dir, 'the demo has 42/LĐLĐ');
  commune = (await gialam.get('/api/v1/units?q=' + encodeURIComponent('01.018.00577'))).json.items.find((u) => u.code === '01.018.00577');
  // Many children under one commune (existing on the directive's deadline).
  for (let i = 1; i <= 130; i++) {
    const r = await gialam.post('/api/v1/units', {
      code: `01.018.00577.9${String(i).padStart(3, '0')}`, name: `CĐCS Thử phân trang số ${i}`,
      level: 'grassroots', parent_id: commune.id, members: 40, active_from: '2015-01-01',
    });
    assert.equal(r.status, 201, JSON.stringify(r.json));
  }
});
after(async () => { await srv.stop(); });

// Follow next_cursor from the first page; the ids of every page.
async function pages(s, path, key = 'items', next = 'next_cursor', id = (x) => x.id) {
  const seen = [];
  let cursor = null, n = 0;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const r = await s.get(path + (cursor ? `${sep}cursor=${encodeURIComponent(cursor)}` : ''));
    assert.equal(r.status, 200, JSON.stringify(r.json));
    for (const x of r.json[key]) seen.push(id(x));
    cursor = r.json[next];
    assert.ok(++n < 1000, 'the cursor moves on');
  } while (cursor);
  return { seen, n };
}

test('paging through units with a cursor gives every unit exactly once', async () => {
  const all = await gialam.get('/api/v1/units?limit=500');
  assert.equal(all.status, 200);
  assert.equal(all.json.next_cursor, null);
  const { seen, n } = await pages(gialam, '/api/v1/units?limit=7');
  assert.ok(n > 10, `several pages (${n})`);
  assert.equal(new Set(seen).size, seen.length, 'no unit twice');
  assert.deepEqual([...seen].sort((a, b) => a - b), all.json.items.map((u) => u.id).sort((a, b) => a - b));
  const kids = await pages(gialam, `/api/v1/units?parent_id=${commune.id}&limit=50`);
  assert.ok(kids.seen.length >= 130);
  assert.equal(new Set(kids.seen).size, kids.seen.length);
});

test('paging through activity items (newest first) gives every item exactly once', async () => {
  const all = await gialam.get('/api/v1/activities?limit=500');
  assert.equal(all.status, 200);
  const { seen, n } = await pages(gialam, '/api/v1/activities?limit=9');
  assert.ok(n > 2, `several pages (${n})`);
  assert.equal(new Set(seen).size, seen.length, 'no item twice');
  assert.deepEqual(seen.slice(0, all.json.items.length), all.json.items.map((x) => x.id), 'the same order');
  assert.equal(seen.length, all.json.counts.items, 'every item');
  const r = await gialam.get('/api/v1/activities?limit=501');
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'limit');
  const bad = await gialam.get('/api/v1/activities?cursor=' + Buffer.from('nonsense').toString('hex'));
  assert.equal(bad.status, 400);
  assert.equal(bad.json.error.field, 'cursor');
});

test('paging through feedback (newest first) gives every message exactly once', async () => {
  const first = await gialam.get('/api/v1/feedback?view=subtree&limit=5');
  assert.equal(first.status, 200);
  const { seen, n } = await pages(gialam, '/api/v1/feedback?view=subtree&limit=5');
  assert.ok(n > 2, `several pages (${n})`);
  assert.equal(new Set(seen).size, seen.length, 'no message twice');
  assert.equal(seen.length, first.json.total, 'every message');
  const r = await gialam.get('/api/v1/feedback?limit=1000');
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'limit');
});

test('paging through users gives every user exactly once', async () => {
  const all = await gialam.get('/api/v1/users?limit=500');
  assert.equal(all.status, 200);
  const { seen, n } = await pages(gialam, '/api/v1/users?limit=4');
  assert.ok(n > 3, `several pages (${n})`);
  assert.equal(new Set(seen).size, seen.length, 'no user twice');
  assert.deepEqual(seen, all.json.items.map((u) => u.id));
  assert.equal((await gialam.get('/api/v1/users?limit=501')).json.error.field, 'limit');
});

test('paging through a directive\'s receipts gives every recipient exactly once, counts over all', async () => {
  const first = await gialam.get(`/api/v1/directives/${dir.id}/receipts?limit=10`);
  assert.equal(first.status, 200);
  assert.equal(first.json.items.length, 10);
  const { seen } = await pages(gialam, `/api/v1/directives/${dir.id}/receipts?limit=40`, 'items', 'next_cursor', (x) => x.unit.id);
  assert.equal(new Set(seen).size, seen.length, 'no recipient twice');
  assert.equal(seen.length, first.json.counts.recipients);
});

test('paging through continuity gives every recipient exactly once', async () => {
  const all = await gialam.get(`/api/v1/directives/${dir.id}/continuity?limit=500`);
  assert.equal(all.status, 200);
  const { seen, n } = await pages(gialam, `/api/v1/directives/${dir.id}/continuity?limit=30`, 'units', 'next_cursor', (u) => u.unit.id);
  assert.ok(n > 2);
  assert.deepEqual(seen, all.json.units.map((u) => u.unit.id));
});

test('a page over 500, a page of 0 and a foreign cursor are 400 naming the field', async () => {
  for (const q of ['limit=501', 'limit=0', 'limit=abc', 'limit=-1']) {
    const r = await gialam.get('/api/v1/units?' + q);
    assert.equal(r.status, 400, q);
    assert.equal(r.json.error.field, 'limit', q);
  }
  for (const p of [`/api/v1/directives/${dir.id}/dashboard?unit_id=${commune.id}&limit=501`,
    `/api/v1/directives/${dir.id}/figures/summary?limit=1000`]) {
    const r = await gialam.get(p);
    assert.equal(r.status, 400, p);
    assert.equal(r.json.error.field, 'limit');
  }
  const bad = await gialam.get('/api/v1/units?cursor=zz');
  assert.equal(bad.status, 400);
  assert.equal(bad.json.error.field, 'cursor');
});

test('the dashboard and the report of a unit with many children stay bounded, children paged', async () => {
  for (const path of [`/api/v1/directives/${dir.id}/dashboard?unit_id=${commune.id}`,
    `/api/v1/directives/${dir.id}/units/${commune.id}/report`]) {
    const r = await gialam.get(path);
    assert.equal(r.status, 200, JSON.stringify(r.json));
    const snap = r.json.snapshot || r.json;
    assert.ok(r.text.length < BOUND, `${path}: ${r.text.length} bytes`);
    assert.equal(snap.children.length, 50);
    assert.ok(snap.children_total >= 130);
    const key = r.json.snapshot ? null : 'children';
    if (key) {
      const { seen } = await pages(gialam, path, 'children', 'children_next_cursor');
      assert.equal(seen.length, snap.children_total);
      assert.equal(new Set(seen).size, seen.length, 'no child twice');
    }
  }
  const sum = await gialam.get(`/api/v1/directives/${dir.id}/figures/summary?limit=20`);
  assert.equal(sum.status, 200);
  assert.ok(sum.json.units.length <= 20);
  assert.ok(sum.text.length < BOUND);
  const { seen } = await pages(gialam, `/api/v1/directives/${dir.id}/figures/summary?limit=20`, 'units', 'next_cursor', (u) => u.unit.id);
  assert.equal(new Set(seen).size, seen.length, 'no recipient twice');
  assert.ok(seen.length > 20);
  // Every recipient of the subtree and no other unit (the issuing district has no receipt).
  assert.equal(seen.length, sum.json.recipients, 'the pages hold the recipients, each once');
});

// A newly paged list: walking the cursors with a small page gives the rows
// of one 500-row page, in its order, each once; bad limits and cursors are
// 400 naming the field. Returns the rows seen.
async function walks(s, path, { key = 'items', size = 2, min = 3, id = (x) => x.id } = {}) {
  const sep = path.includes('?') ? '&' : '?';
  const all = await s.get(`${path}${sep}limit=500`);
  assert.equal(all.status, 200, `${path}: ${JSON.stringify(all.json)}`);
  assert.equal(all.json.next_cursor, null, `${path}: one page of 500 holds them all`);
  const { seen, n } = await pages(s, `${path}${sep}limit=${size}`, key, 'next_cursor', id);
  assert.ok(seen.length >= min, `${path}: at least ${min} rows (${seen.length})`);
  assert.ok(n >= Math.ceil(seen.length / size), `${path}: ${n} pages of ${size}`);
  assert.equal(new Set(seen).size, seen.length, `${path}: no row twice`);
  assert.deepEqual(seen, all.json[key].map(id), `${path}: every row, in order`);
  for (const q of ['limit=0', 'limit=501', 'limit=abc']) {
    const r = await s.get(`${path}${sep}${q}`);
    assert.equal(r.status, 400, `${path} ${q}`);
    assert.equal(r.json.error.field, 'limit', `${path} ${q}`);
  }
  for (const c of ['zz', Buffer.from('nonsense').toString('hex'), Buffer.from('x|y|z').toString('hex')]) {
    const r = await s.get(`${path}${sep}cursor=${c}`);
    assert.equal(r.status, 400, `${path} cursor ${c}`);
    assert.equal(r.json.error.field, 'cursor', `${path} cursor ${c}`);
  }
  return seen;
}

test('the directive boxes are paged: inbox newest first, issued box drafts first', async () => {
  await walks(gialam, '/api/v1/directives?box=inbox', { size: 1, min: 1 });
  const issued = await walks(gialam, '/api/v1/directives?box=issued', { size: 1, min: 1 });
  const drafts = [];
  for (let i = 0; i < 3; i++) {
    const r = await gialam.post('/api/v1/directives', { subject: `Bản nháp phân trang ${i}` });
    assert.equal(r.status, 201, JSON.stringify(r.json));
    drafts.push(r.json.directive.id);
  }
  const after = await walks(gialam, '/api/v1/directives?box=issued', { size: 2, min: issued.length + 3 });
  const all = (await gialam.get('/api/v1/directives?box=issued&limit=500')).json.items;
  const firstIssued = all.findIndex((d) => d.status !== 'draft');
  assert.ok(all.slice(firstIssued).every((d) => d.status !== 'draft'), 'drafts first');
  assert.deepEqual(after.filter((id) => drafts.includes(id)), [...drafts].reverse(), 'undated drafts newest first');
});

test('contests, link kits and a unit\'s figure history are paged, newest first', async () => {
  for (let i = 0; i < 3; i++) {
    let r = await gialam.post('/api/v1/contests', { directive_id: dir.id, name: `Cuộc thi phân trang ${i}` });
    assert.equal(r.status, 201, r.text);
    r = await gialam.post(`/api/v1/directives/${dir.id}/linkkits`, { title: `Bộ đường dẫn ${i}`, items: [{ url: `https://vtv.vn/phan-trang-${i}.htm`, title: `Bài ${i}` }] });
    assert.equal(r.status, 201, r.text);
  }
  const contests = await walks(gialam, '/api/v1/contests', { min: 3 });
  assert.ok(contests.every((id, i) => i === 0 || id < contests[i - 1]), 'newest first');
  await walks(gialam, `/api/v1/contests?directive_id=${dir.id}`, { min: 3 });
  const kits = await walks(gialam, `/api/v1/directives/${dir.id}/linkkits`, { min: 3 });
  assert.ok(kits.every((id, i) => i === 0 || id < kits[i - 1]), 'newest first');
  // A grassroots union records its figures three times: every change once.
  const cadre = await login(srv.url, 'cs-00577-02');
  for (const n of [1, 2, 3]) {
    const r = await cadre.call('PUT', `/api/v1/directives/${dir.id}/figures`, { values: { programmes: n, people_supported: 10 * n } });
    assert.equal(r.status, 200, r.text);
  }
  const hist = await walks(cadre, `/api/v1/directives/${dir.id}/figures/history`, { min: 6, size: 4, id: (x) => `${x.code}@${x.at}:${x.new}` });
  assert.equal(hist[0].split(':')[1], '30', 'the newest change first');
});

test('topic rules (oldest first) and a unit\'s history are paged', async () => {
  const words = ['nước uống ca đêm', 'xe đưa đón', 'nhà trọ công nhân'];
  for (const pattern of words) {
    const r = await gialam.post('/api/v1/feedback/rules', { topic: 'doi_song', pattern });
    assert.equal(r.status, 201, r.text);
  }
  const rules = await walks(gialam, '/api/v1/feedback/rules', { min: 3 });
  assert.ok(rules.every((id, i) => i === 0 || id > rules[i - 1]), 'oldest first');
  // A union renamed three times has four versions, each once.
  const kid = (await gialam.get(`/api/v1/units?parent_id=${commune.id}&limit=1`)).json.items[0];
  for (const [i, date] of ['2020-01-01', '2021-06-01', '2023-03-15'].entries()) {
    const r = await gialam.patch(`/api/v1/units/${kid.id}`, { name: `${kid.name} (tên ${i + 1})`, date });
    assert.equal(r.status, 200, r.text);
  }
  const versions = await walks(gialam, `/api/v1/units/${kid.id}/history`, { size: 1, min: 4, id: (v) => `${v.valid_from}:${v.name}` });
  assert.deepEqual(versions.map((v) => v.split(':')[0]), [...versions.map((v) => v.split(':')[0])].sort(), 'oldest first');
});
