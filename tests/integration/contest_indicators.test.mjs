// SPDX-License-Identifier: AGPL-3.0-or-later
// Issue 12, defects 4 and 5, over HTTP against the demo: the issuing officer
// creates and edits a real contest on a directive (title, rules, entry
// period, kinds, prize), a cadre of a receiving union enters an entry and
// sees it listed; bad inputs are refused naming the field in both
// languages. The indicator catalogue is searched by Vietnamese label with
// and without diacritics, grows by a label (its code derived), and a
// directive's unknown indicator code is refused naming indicators[i].code
// with nothing written. The directive's view carries labels, not codes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login } from '../lib/server.mjs';
import { sqlText } from '../lib/db.mjs';

let srv, gialam, hanoi, cadreA, dir, en;
const sql = (q) => sqlText(srv.db, q);

before(async () => {
  srv = await startServer();
  gialam = await login(srv.url, 'gialam');
  hanoi = await login(srv.url, 'hanoi');
  cadreA = await login(srv.url, 'cs-00577-01');
  const inbox = await cadreA.get('/api/v1/directives?box=inbox');
  dir = inbox.json.items.find((d) => d.number === '42/LĐLĐ').id;
  en = await login(srv.url, 'gialam', undefined, 'en');
});
after(async () => { await srv.stop(); });

test('the issuing officer creates a contest; a cadre of a receiving union enters an entry and sees it listed', async () => {
  const c = await gialam.post('/api/v1/contests', {
    directive_id: dir, name: 'Bên nhau là Tết – ảnh và clip', hashtag: '#BenNhauLaTet2025',
    rules: 'Mỗi đoàn viên gửi tối đa 2 tác phẩm.', starts_on: '2024-01-20', ends_on: '2024-02-20',
    kinds: ['video'], prize: 'Giải nhất: 5.000.000 đ' });
  assert.equal(c.status, 201, c.text);
  assert.equal(c.json.rules, 'Mỗi đoàn viên gửi tối đa 2 tác phẩm.');
  assert.deepEqual([c.json.starts_on, c.json.ends_on, c.json.kinds, c.json.prize],
    ['2024-01-20', '2024-02-20', ['video'], 'Giải nhất: 5.000.000 đ']);
  // The cadre of a union that received 42/LĐLĐ sees it among the directive's contests.
  const seen = (await cadreA.get('/api/v1/contests?directive_id=' + dir)).json.items.find((x) => x.id === c.json.id);
  assert.ok(seen, 'the contest reaches the receiving union');
  assert.equal(seen.ends_on, '2024-02-20');
  const e1 = await cadreA.post(`/api/v1/contests/${c.json.id}/entries`, {
    member_name: 'Phạm Thu Trang', category: 'video', url: 'https://www.tiktok.com/@trang/video/7330000000000000501', posted_on: '2024-01-30', views: 900 });
  assert.equal(e1.status, 201, e1.text);
  const list = (await cadreA.get(`/api/v1/contests/${c.json.id}/entries`)).json;
  assert.deepEqual(list.items.map((x) => x.member_name), ['Phạm Thu Trang']);
  assert.equal(list.counts.entries, 1);
  // The contest takes video only, and entries within its period only.
  const writing = await cadreA.post(`/api/v1/contests/${c.json.id}/entries`, {
    member_name: 'X', category: 'writing', url: 'https://facebook.com/a/posts/77', posted_on: '2024-01-30' });
  assert.equal(writing.status, 400);
  assert.equal(writing.json.error.field, 'category');
  const late = await cadreA.post(`/api/v1/contests/${c.json.id}/entries`, {
    member_name: 'X', category: 'video', url: 'https://www.tiktok.com/@x/video/7330000000000000502', posted_on: '2024-03-01' });
  assert.equal(late.status, 400);
  assert.equal(late.json.error.field, 'posted_on');
  assert.match(late.json.error.message, /20\/02\/2024/);
  // The officer edits it: now both kinds, a later end.
  const ed = await gialam.call('PATCH', `/api/v1/contests/${c.json.id}`, {
    name: 'Bên nhau là Tết', rules: 'Thể lệ mới', starts_on: '2024-01-20', ends_on: '2024-03-15', kinds: ['writing', 'video'] });
  assert.equal(ed.status, 200, ed.text);
  assert.deepEqual([ed.json.name, ed.json.kinds, ed.json.ends_on, ed.json.prize], ['Bên nhau là Tết', ['writing', 'video'], '2024-03-15', null]);
  assert.equal((await cadreA.post(`/api/v1/contests/${c.json.id}/entries`, {
    member_name: 'Đỗ Văn Hùng', category: 'writing', url: 'https://facebook.com/a/posts/78', posted_on: '2024-03-01' })).status, 201);
  assert.equal(sql(`SELECT count(*) FROM audit_event WHERE entity='contest' AND entity_id=${c.json.id} AND action='update'`), '1');
  // A spreadsheet of entries is held to the same period as the form: a post after the end is refused.
  const n0 = sql(`SELECT count(*) FROM contest_entry WHERE contest_id=${c.json.id}`);
  const csv = 'Mã đơn vị,Họ tên đoàn viên,Thể loại,Nền tảng,Đường dẫn,Hashtag,Ngày đăng,Lượt xem\n' +
    `${cadreA.user.unit.code},Lê Thị Mai,bài viết,,https://facebook.com/mai/posts/5,,01/04/2024,\n`;
  const imp = await cadreA.call('POST', `/api/v1/contests/${c.json.id}/entries/import`, Buffer.from(csv), { 'Content-Type': 'text/csv' });
  assert.equal(imp.status, 400, imp.text);
  assert.match(JSON.stringify(imp.json), /hết hạn nhận bài \(15\/03\/2024\)/);
  assert.equal(sql(`SELECT count(*) FROM contest_entry WHERE contest_id=${c.json.id}`), n0, 'nothing written');
});

test('bad contest inputs are refused naming the field, in Vietnamese and English, and write nothing', async () => {
  const before = sql('SELECT count(*) FROM contest');
  const endFirst = await gialam.post('/api/v1/contests', { directive_id: dir, name: 'Thi', starts_on: '2024-02-10', ends_on: '2024-02-01' });
  assert.equal(endFirst.status, 400);
  assert.equal(endFirst.json.error.field, 'ends_on');
  assert.match(endFirst.json.error.message, /01\/02\/2024.*trước.*10\/02\/2024/);
  const endFirstEn = await en.post('/api/v1/contests', { directive_id: dir, name: 'Thi', starts_on: '2024-02-10', ends_on: '2024-02-01' });
  assert.equal(endFirstEn.json.error.field, 'ends_on');
  assert.match(endFirstEn.json.error.message, /last day for entries \(01\/02\/2024\) is before the first \(10\/02\/2024\)/);
  const empty = await gialam.post('/api/v1/contests', { directive_id: dir, name: '   ' });
  assert.equal(empty.status, 400);
  assert.equal(empty.json.error.field, 'name');
  assert.match(empty.json.error.message, /Tên cuộc thi/);
  const kind = await gialam.post('/api/v1/contests', { directive_id: dir, name: 'Thi', kinds: ['poem'] });
  assert.equal(kind.status, 400);
  assert.equal(kind.json.error.field, 'kinds[0]');
  const date = await gialam.post('/api/v1/contests', { directive_id: dir, name: 'Thi', starts_on: '31/02/2024' });
  assert.equal(date.status, 400);
  assert.equal(date.json.error.field, 'starts_on');
  // Not the officer's directive: the city reads Gia Lâm's letter but does not run it.
  const notMine = await hanoi.post('/api/v1/contests', { directive_id: dir, name: 'Thi của thành phố' });
  assert.equal(notMine.status, 403);
  // A cadre cannot create one; the city cannot edit Gia Lâm's.
  assert.equal((await cadreA.post('/api/v1/contests', { directive_id: dir, name: 'x' })).status, 403);
  assert.equal(sql('SELECT count(*) FROM contest'), before, 'nothing written');
  const mine = (await gialam.get('/api/v1/contests?directive_id=' + dir)).json.items[0];
  const edit = await hanoi.call('PATCH', `/api/v1/contests/${mine.id}`, { name: 'Sửa' });
  assert.equal(edit.status, 403);
  const cadreEdit = await cadreA.call('PATCH', `/api/v1/contests/${mine.id}`, { name: 'Sửa' });
  assert.equal(cadreEdit.status, 403);
  const badEdit = await gialam.call('PATCH', `/api/v1/contests/${mine.id}`, { name: mine.name, starts_on: '2024-02-10', ends_on: '2024-02-01' });
  assert.equal(badEdit.json.error.field, 'ends_on');
  assert.equal((await gialam.get(`/api/v1/contests/${mine.id}`)).json.name, mine.name, 'the failed edit changed nothing');
});

test('the indicator catalogue is searched by Vietnamese label, with or without diacritics, a page at a time', async () => {
  // What cadres typed, with or without marks and case, finds the catalogue's own "Số suất quà Tết".
  for (const q of ['Số suất quà Tết', 'qua tet', 'SUAT QUA']) {
    const r = await cadreA.get('/api/v1/indicators?q=' + encodeURIComponent(q));
    assert.equal(r.status, 200);
    assert.equal(r.json.items[0].code, 'gift_packages', `"${q}" finds Số suất quà Tết first`);
    assert.equal(r.json.items[0].name_vi, 'Số suất quà Tết');
    assert.ok(r.json.items.every((i) => /qua/.test(i.name_vi.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase())), `"${q}" finds only labels with its words`);
  }
  // A label the catalogue lacks is added by its Vietnamese label, its code derived (ASCII, unique).
  const add = await gialam.post('/api/v1/indicators', { name_vi: 'Số suất ăn ca miễn phí', measure: 'items' });
  assert.equal(add.status, 201, add.text);
  assert.equal(add.json.code, 'so_suat_an_ca_mien_phi');
  assert.equal(add.json.name_vi, 'Số suất ăn ca miễn phí');
  assert.equal((await cadreA.get('/api/v1/indicators?q=' + encodeURIComponent('an ca mien phi'))).json.items[0].code, 'so_suat_an_ca_mien_phi');
  const again = await gialam.post('/api/v1/indicators', { name_vi: 'số suất quà tết' });
  assert.equal(again.status, 409);
  assert.equal(again.json.error.field, 'name_vi');
  assert.match(again.json.error.message, /gift_packages/);
  assert.equal((await cadreA.post('/api/v1/indicators', { name_vi: 'Chỉ tiêu của cán bộ' })).status, 403);
  const badMeasure = await gialam.post('/api/v1/indicators', { name_vi: 'Số chuyến tàu', measure: 'kg' });
  assert.equal(badMeasure.json.error.field, 'measure');
  const gifts = (await cadreA.get('/api/v1/indicators?q=' + encodeURIComponent('nhận quà'))).json.items.map((i) => i.code);
  assert.deepEqual(gifts, ['gift_recipients']);
  // Paged: two at a time, the pages together are the whole catalogue, none twice.
  const all = (await cadreA.get('/api/v1/indicators?limit=500')).json.items.map((i) => i.code);
  const seen = [];
  let cursor = null;
  do {
    const p = (await cadreA.get('/api/v1/indicators?limit=2' + (cursor ? '&cursor=' + encodeURIComponent(cursor) : ''))).json;
    assert.ok(p.items.length <= 2);
    seen.push(...p.items.map((i) => i.code));
    cursor = p.next_cursor;
  } while (cursor);
  assert.deepEqual(seen, all);
  assert.ok(all.length > 20);
  assert.equal((await cadreA.get('/api/v1/indicators?cursor=zz')).json.error.field, 'cursor');
});

test('an unknown indicator code is refused naming indicators[i].code, nothing written; the view shows labels', async () => {
  const before = sql('SELECT count(*) FROM directive');
  const doc = { number: '77/LĐLĐ', subject: 'Chỉ tiêu Tết', indicators: ['people_supported', 'Số suất quà Tết'] };
  const typed = await gialam.post('/api/v1/directives', doc);
  assert.equal(typed.status, 400, typed.text);
  assert.equal(typed.json.error.field, 'indicators[1].code');
  assert.match(typed.json.error.message, /danh mục/);
  const unknown = await gialam.post('/api/v1/directives', { ...doc, indicators: ['people_supported', 'gift_recipientz'] });
  assert.equal(unknown.status, 400);
  assert.equal(unknown.json.error.field, 'indicators[1].code');
  assert.match(unknown.json.error.message, /gift_recipientz/);
  assert.equal(sql('SELECT count(*) FROM directive'), before, 'nothing written');
  // Picked codes (as strings or {code}) are kept, and the view gives their labels.
  const ok = await gialam.post('/api/v1/directives', { ...doc, indicators: [{ code: 'gift_recipients' }, 'gift_packages'] });
  assert.equal(ok.status, 201, ok.text);
  const v = (await gialam.get('/api/v1/directives/' + ok.json.directive.id)).json;
  assert.deepEqual(v.directive.indicators, ['gift_recipients', 'gift_packages']);
  assert.deepEqual(v.indicators.map((i) => i.name_vi), ['Số người nhận quà', 'Số suất quà Tết']);
  // An edit with an unknown code changes nothing.
  const ed = await gialam.call('PATCH', '/api/v1/directives/' + ok.json.directive.id, { ...doc, indicators: ['gift_recipients', 'nope'] });
  assert.equal(ed.status, 400);
  assert.equal(ed.json.error.field, 'indicators[1].code');
  assert.deepEqual((await gialam.get('/api/v1/directives/' + ok.json.directive.id)).json.directive.indicators, ['gift_recipients', 'gift_packages']);
});
