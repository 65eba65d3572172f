// SPDX-License-Identifier: AGPL-3.0-or-later
// The activity log over HTTP against the demo database: paste-a-link detection,
// items and their filters, originals vs shares across units, access and locks,
// the audit trail, photos (metadata stripped, removal), care figures (errors, warnings, confirmations, history),
// contest entries, link kits and continuity.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login } from '../lib/server.mjs';
import { sqlText } from '../lib/db.mjs';
import { tinyPng } from '../lib/png.mjs';

let srv, gialam, cadreA, cadreB, cadreC, dir, themes;

// Run SQL on the test database while the server keeps running (SQLite WAL, or PostgreSQL).
const sql = (q) => sqlText(srv.db, q);
// The audit trail of one activity, oldest first, e.g. "create,update".
const auditOf = (id) => sql(`SELECT action FROM audit_event WHERE entity='activity' AND entity_id=${id} ORDER BY id`).split('\n').join(',');

before(async () => {
  srv = await startServer();
  gialam = await login(srv.url, 'gialam');
  cadreA = await login(srv.url, 'cs-00577-01'); // grassroots unions in xã Đa Tốn
  cadreB = await login(srv.url, 'cs-00577-02');
  cadreC = await login(srv.url, 'cs-00580-01'); // another commune
  const inbox = await cadreA.get('/api/v1/directives?box=inbox');
  dir = inbox.json.items.find((d) => d.number === '42/LĐLĐ').id;
  themes = (await cadreA.get('/api/v1/directives/' + dir)).json.themes;
});
after(async () => { await srv.stop(); });

test('pasting a phone Facebook link gives the canonical link, the channel and a theme guess', async () => {
  const url = 'https://m.facebook.com/story.php?story_fbid=555&id=100064&mibextid=Nif5oz&fbclid=IwAR0x';
  const r = await cadreA.get(`/api/v1/activities/detect?directive_id=${dir}&url=${encodeURIComponent(url)}&title=${encodeURIComponent('Chợ Tết Công đoàn năm 2024: gian hàng 0 đồng')}`);
  assert.equal(r.status, 200);
  assert.equal(r.json.channel, 'facebook');
  assert.equal(r.json.url_canonical, 'https://facebook.com/story.php?id=100064&story_fbid=555');
  const cho = themes.find((t) => /Chợ Tết/.test(t.title));
  assert.equal(r.json.theme.id, cho.id, 'the Chợ Tết theme is guessed');
  const bus = await cadreA.get(`/api/v1/activities/detect?directive_id=${dir}&url=${encodeURIComponent('https://laodong.vn/cong-doan/chuyen-xe-tet-cong-doan-dua-cong-nhan-ve-que-1300001.ldo')}`);
  assert.equal(bus.json.channel, 'e-newspaper');
  assert.match(bus.json.theme.title, /Hành trình Tết Công đoàn/, 'the slug of the link is enough');
  const bad = await cadreA.get('/api/v1/activities/detect?url=' + encodeURIComponent('https://user:pw@facebook.com/x'));
  assert.equal(bad.status, 400);
  assert.equal(bad.json.error.field, 'url');
});

test('an item saved from a pasted link shows in the list and in filtered, diacritic-free searches', async () => {
  const r = await cadreA.post('/api/v1/activities', {
    directive_id: dir, url: 'https://www.facebook.com/cdcs.tieuhocdaton/posts/9001?__cft__[0]=AZX',
    title: 'Trao quà Tết cho giáo viên, nhân viên Trường Tiểu học Đa Tốn', date: '2024-01-25', views: 340, reactions: 51,
  });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.channel, 'facebook');
  assert.equal(r.json.kind, 'post');
  assert.equal(r.json.url_canonical, 'https://facebook.com/cdcs.tieuhocdaton/posts/9001');
  assert.equal(r.json.is_original, true);
  assert.equal(r.json.unit.code, '01.018.00577.01');
  const list = async (q) => (await cadreA.get(`/api/v1/activities?directive_id=${dir}&${q}`)).json;
  assert.ok((await list('q=' + encodeURIComponent('tieu hoc da ton'))).items.some((i) => i.id === r.json.id));
  assert.ok((await list('q=' + encodeURIComponent('TRAO QUÀ'))).items.some((i) => i.id === r.json.id));
  assert.equal((await list('q=khong%20co%20tu%20nay')).items.length, 0);
  assert.ok((await list('channel=facebook')).items.some((i) => i.id === r.json.id));
  assert.ok(!(await list('channel=zalo')).items.some((i) => i.id === r.json.id));
  assert.ok((await list('from=2024-01-25&to=2024-01-25')).items.some((i) => i.id === r.json.id));
  assert.ok(!(await list('from=2024-01-26')).items.some((i) => i.id === r.json.id));
  if (r.json.theme) assert.ok((await list('theme_id=' + r.json.theme.id)).items.some((i) => i.id === r.json.id));
  // A cadre's list holds its own unit's items only.
  assert.ok((await list('limit=500')).items.every((i) => i.unit.code === '01.018.00577.01'));
  // Bad input names the field.
  const noTitle = await cadreA.post('/api/v1/activities', { directive_id: dir, channel: 'print', title: '' , date: '2024-01-25' });
  assert.equal(noTitle.status, 400);
  assert.equal(noTitle.json.error.field, 'title');
  const badKind = await cadreA.post('/api/v1/activities', { directive_id: dir, url: 'https://zalo.me/s/1/2', kind: 'tweet' });
  assert.equal(badKind.status, 400);
  assert.equal(badKind.json.error.field, 'kind');
});

test('the same link claimed by several units counts once as an original and as shares for the others', async () => {
  const link = 'https://www.tiktok.com/@cdcsdaton/video/7329000000000000001?is_from_webapp=1&sender_device=pc';
  const b = await cadreB.post('/api/v1/activities', { directive_id: dir, url: link, kind: 'share', title: 'Clip Chợ Tết', date: '2024-01-20' });
  const a = await cadreA.post('/api/v1/activities', { directive_id: dir, url: link.replace('www.', 'm.'), kind: 'video', title: 'Clip Chợ Tết của trường', date: '2024-01-22' });
  const c = await cadreC.post('/api/v1/activities', { directive_id: dir, url: link + '&_r=1', kind: 'share', title: 'Chia sẻ clip', date: '2024-01-21' });
  assert.equal(a.status, 201); assert.equal(b.status, 201); assert.equal(c.status, 201);
  assert.equal(a.json.url_canonical, b.json.url_canonical);
  // A's own video owns the page: it is the original although B shared it earlier.
  const get = async (s, id) => (await s.get('/api/v1/activities/' + id)).json;
  assert.equal((await get(cadreA, a.json.id)).is_original, true);
  assert.equal((await get(cadreB, b.json.id)).is_original, false);
  assert.equal((await get(cadreC, c.json.id)).is_original, false);
  // A grassroots union sees its own claim, and only that other units posted the link.
  const mine = await get(cadreA, a.json.id);
  assert.deepEqual(mine.claims.map((x) => x.unit.code), ['01.018.00577.01']);
  assert.equal(mine.claimed_elsewhere, true);
  // The district above all three sees every claim, the original first.
  const claims = (await get(gialam, a.json.id)).claims;
  assert.equal(claims.length, 3);
  assert.equal(claims[0].unit.code, '01.018.00577.01');
  // The district sees both numbers for the link.
  const q = encodeURIComponent('7329000000000000001');
  const all = (await gialam.get(`/api/v1/activities?directive_id=${dir}&q=${q}`)).json;
  assert.deepEqual([all.counts.items, all.counts.originals, all.counts.shares], [3, 1, 2]);
  // When A deletes its video, the earliest share (B's) becomes the original.
  assert.equal((await cadreA.del('/api/v1/activities/' + a.json.id)).status, 200);
  assert.equal((await get(cadreB, b.json.id)).is_original, true);
  assert.equal((await get(cadreC, c.json.id)).is_original, false);
  const after = (await gialam.get(`/api/v1/activities?directive_id=${dir}&q=${q}`)).json.counts;
  assert.deepEqual([after.items, after.originals, after.shares], [2, 1, 1]);
});

test('a cadre edits only its own unit; officers read their subtree; locked records do not change', async () => {
  const mine = await cadreA.post('/api/v1/activities', { directive_id: dir, url: 'https://zalo.me/s/123/456', title: 'Tin Zalo', date: '2024-01-26' });
  assert.equal(mine.status, 201);
  const id = mine.json.id;
  // A sibling unit's cadre neither sees nor changes it.
  assert.equal((await cadreB.get('/api/v1/activities/' + id)).status, 404);
  assert.equal((await cadreB.patch('/api/v1/activities/' + id, { title: 'x' })).status, 404);
  assert.equal((await cadreB.del('/api/v1/activities/' + id)).status, 404);
  // The district reads it but records only for its own unit.
  const seen = await gialam.get('/api/v1/activities/' + id);
  assert.equal(seen.status, 200);
  assert.equal(seen.json.can_edit, false);
  assert.equal((await gialam.patch('/api/v1/activities/' + id, { title: 'x' })).status, 403);
  const forOther = await cadreA.post('/api/v1/activities', { directive_id: dir, unit_id: seen.json.unit.id + 1, url: 'https://zalo.me/s/1/9', title: 't' });
  assert.equal(forOther.status, 403);
  // The owner edits it; the link change re-detects the channel.
  const ed = await cadreA.patch('/api/v1/activities/' + id, { title: 'Tin Zalo đã sửa', url: 'https://www.youtube.com/watch?v=abcdEFGHijk&t=42' });
  assert.equal(ed.status, 200, ed.text);
  assert.equal(ed.json.title, 'Tin Zalo đã sửa');
  assert.equal(ed.json.channel, 'youtube');
  assert.equal(ed.json.url_canonical, 'https://www.youtube.com/watch?v=abcdEFGHijk');
  // Every create, update and delete is in the audit log.
  const actions = auditOf(id);
  assert.equal(actions, 'create,update');
  // Once the unit's report is accepted (record_lock), nothing changes.
  const unit = ed.json.unit.id;
  sql(`INSERT INTO record_lock(directive_id, unit_id, locked_at) VALUES (${dir}, ${unit}, 0)`);
  const locked = await cadreA.patch('/api/v1/activities/' + id, { title: 'y' });
  assert.equal(locked.status, 409);
  assert.match(locked.json.error.message, /đã được duyệt/);
  assert.equal((await cadreA.del('/api/v1/activities/' + id)).status, 409);
  assert.equal((await cadreA.post('/api/v1/activities', { directive_id: dir, url: 'https://zalo.me/s/9/9', title: 'z' })).status, 409);
  assert.equal((await cadreA.call('PUT', `/api/v1/directives/${dir}/figures`, { values: { programmes: 1 } })).status, 409);
  assert.equal((await cadreA.get('/api/v1/activities/' + id)).json.can_edit, false);
  sql(`DELETE FROM record_lock WHERE directive_id=${dir} AND unit_id=${unit}`);
  assert.equal((await cadreA.del('/api/v1/activities/' + id)).status, 200);
  assert.equal(auditOf(id), 'create,update,delete');
});

test('figures: errors block, warnings are listed and confirmed with a comment, every change is kept', async () => {
  const put = (values, s = cadreB) => s.call('PUT', `/api/v1/directives/${dir}/figures`, { values });
  let r = await put({ support_vnd: -5000 });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'support_vnd');
  assert.match(r.json.error.message, /âm/);
  r = await put({ people_supported: 12.5 });
  assert.equal(r.status, 400);
  assert.match(r.json.error.message, /số nguyên/);
  r = await put({ not_an_indicator: 3 });
  assert.equal(r.status, 400);
  // Nothing of a refused request is written.
  r = await put({ health_consultations: 2, people_supported: 1.5 });
  assert.equal(r.status, 400);
  assert.equal((await cadreB.get(`/api/v1/directives/${dir}/figures`)).json.indicators.find((i) => i.code === 'health_consultations').value, null);
  // Valid values, two of them inconsistent: warnings, not errors.
  r = await put({ people_supported: 40, support_vnd: 30000000, support_vnd_union: 20000000, support_vnd_other: 5000000,
    gift_recipients: 40, gift_vnd: 400000 /* 10.000 đ per gift: a typing slip */ });
  assert.equal(r.status, 200, r.text);
  const rules = r.json.warnings.map((w) => w.rule).sort();
  assert.deepEqual(rules, ['parts:support_vnd', 'per:gift_vnd']);
  assert.ok(r.json.warnings.every((w) => w.confirmed === false));
  assert.match(r.json.warnings.find((w) => w.rule === 'parts:support_vnd').vi, /25\.000\.000/);
  // A confirmation needs a comment; then it is kept.
  let c = await cadreB.post(`/api/v1/directives/${dir}/figures/confirm`, { rule: 'per:gift_vnd', comment: '' });
  assert.equal(c.status, 400);
  c = await cadreB.post(`/api/v1/directives/${dir}/figures/confirm`, { rule: 'per:gift_vnd', comment: 'Quà là suất ăn 10.000 đ do nhà ăn tài trợ' });
  assert.equal(c.status, 200);
  assert.equal(c.json.warnings.find((w) => w.rule === 'per:gift_vnd').confirmed, true);
  c = await cadreB.post(`/api/v1/directives/${dir}/figures/confirm`, { rule: 'per:programmes', comment: 'x' });
  assert.equal(c.status, 404);
  // Fixing the parts removes that warning; clearing a value with null.
  r = await put({ support_vnd_other: 10000000, gift_vnd: null });
  assert.deepEqual(r.json.warnings.map((w) => w.rule), []);
  assert.equal(r.json.indicators.find((i) => i.code === 'gift_vnd').value, null);
  const h = (await cadreB.get(`/api/v1/directives/${dir}/figures/history`)).json.items;
  const other = h.filter((x) => x.code === 'support_vnd_other');
  assert.deepEqual([other[0].old, other[0].new], [5000000, 10000000]);
  assert.equal(other[1].new, 5000000, 'the older change is kept too (after the demo\'s own value)');
  assert.equal(other[0].by.login, 'cs-00577-02');
  assert.deepEqual(h.find((x) => x.code === 'gift_vnd').new, null);
  // A cadre cannot set another unit's figures; the district sees the subtree summary.
  assert.equal((await cadreA.call('PUT', `/api/v1/directives/${dir}/figures`, { unit_id: r.json.unit_id, values: { programmes: 1 } })).status, 403);
  const sum = (await gialam.get(`/api/v1/directives/${dir}/figures/summary?limit=500`)).json; // one page holds the whole district
  const row = sum.units.find((u) => u.unit.code === '01.018.00577.02');
  assert.equal(row.values.people_supported, 40);
  const total = sum.indicators.find((i) => i.code === 'people_supported');
  assert.equal(total.total, sum.units.reduce((s, u) => s + (u.values.people_supported || 0), 0));
  assert.ok(total.units_reporting > 50, 'the demo filled most units');
  assert.equal((await cadreB.get(`/api/v1/directives/${dir}/figures/summary`)).json.units.length, 1);
});

test('contest entries: duplicates by canonical link refused with a pointer, counts per unit and category', async () => {
  const list = (await cadreA.get('/api/v1/contests?directive_id=' + dir)).json.items;
  const contest = list.find((c) => c.name === 'Bên nhau là Tết');
  assert.ok(contest, 'the demo contest exists');
  const e1 = await cadreA.post(`/api/v1/contests/${contest.id}/entries`, {
    member_name: 'Nguyễn Thị Hằng', category: 'video', url: 'https://www.tiktok.com/@hang.dt/video/7330000000000000099?_t=8j&_r=1',
    hashtag: '#BenNhauLaTet', posted_on: '2024-01-28', views: 1200 });
  assert.equal(e1.status, 201, e1.text);
  assert.equal(e1.json.url_canonical, 'https://www.tiktok.com/@hang.dt/video/7330000000000000099');
  const dup = await cadreB.post(`/api/v1/contests/${contest.id}/entries`, {
    member_name: 'Người khác', category: 'video', url: 'https://m.tiktok.com/@hang.dt/video/7330000000000000099', posted_on: '2024-01-29' });
  assert.equal(dup.status, 409);
  assert.equal(dup.json.error.existing_id, e1.json.id);
  assert.match(dup.json.error.message, new RegExp(`#${e1.json.id}.*Nguyễn Thị Hằng`));
  const bad = await cadreA.post(`/api/v1/contests/${contest.id}/entries`, { member_name: 'X', category: 'poem', url: 'https://facebook.com/a/posts/1' });
  assert.equal(bad.status, 400);
  assert.equal(bad.json.error.field, 'category');
  const en = (await gialam.get(`/api/v1/contests/${contest.id}/entries?limit=500`)).json;
  const mine = en.counts.by_unit.find((u) => u.unit.code === '01.018.00577.01');
  assert.ok(mine.video >= 1);
  assert.equal(mine.total, mine.video + mine.writing);
  assert.equal(en.counts.entries, en.items.length);
  assert.equal(en.counts.by_category.video + (en.counts.by_category.writing || 0), en.counts.entries);
  const search = (await gialam.get(`/api/v1/contests/${contest.id}/entries?q=${encodeURIComponent('nguyen thi hang')}`)).json;
  assert.ok(search.items.some((i) => i.id === e1.json.id));
  assert.equal((await cadreA.post('/api/v1/contests', { directive_id: dir, name: 'x' })).status, 403);
});

test('link kits: the district publishes links, units record shares, the district sees shares per link and per unit', async () => {
  const k = await gialam.post(`/api/v1/directives/${dir}/linkkits`, {
    title: 'Phóng sự truyền hình về Tết Sum vầy', items: [
      { url: 'https://vtv.vn/xa-hoi/tet-sum-vay-2024-20240125.htm?utm_source=zalo', title: 'Tết Sum vầy 2024', source: 'VTV' },
      { url: 'https://hanoitv.vn/cho-tet-cong-doan-2024-d12345.html', title: 'Chợ Tết Công đoàn', source: 'Hà Nội TV' }] });
  assert.equal(k.status, 201, k.text);
  assert.equal(k.json.items[0].url_canonical, 'https://vtv.vn/xa-hoi/tet-sum-vay-2024-20240125.htm');
  assert.equal(k.json.items[0].channel, 'tv');
  assert.equal((await cadreA.post(`/api/v1/directives/${dir}/linkkits`, { title: 't', items: [{ url: 'https://vtv.vn/a' }] })).status, 403);
  const seen = (await cadreA.get(`/api/v1/directives/${dir}/linkkits`)).json.items.find((x) => x.id === k.json.id);
  assert.ok(seen, 'the kit reaches the grassroots unions');
  const item = seen.items[0];
  assert.equal(item.my_share, null);
  const s1 = await cadreA.post('/api/v1/activities', { directive_id: dir, kit_item_id: item.id, url: 'https://www.facebook.com/cdcs.daton/posts/777', title: item.title });
  assert.equal(s1.status, 201, s1.text);
  assert.equal(s1.json.kind, 'share');
  await cadreB.post('/api/v1/activities', { directive_id: dir, kit_item_id: item.id, url: 'https://zalo.me/s/b/1', title: item.title });
  assert.equal((await cadreA.get(`/api/v1/directives/${dir}/linkkits`)).json.items.find((x) => x.id === k.json.id).items[0].my_share, s1.json.id);
  const sh = await gialam.get(`/api/v1/linkkits/${k.json.id}/shares`);
  assert.equal(sh.status, 200);
  const l0 = sh.json.shares.links.find((l) => l.item.id === item.id);
  assert.equal(l0.shares, 2);
  assert.deepEqual(l0.units.map((u) => u.code).sort(), ['01.018.00577.01', '01.018.00577.02']);
  assert.equal(sh.json.shares.links.find((l) => l.item.id !== item.id).shares, 0);
  assert.equal(sh.json.shares.units.length, 2);
  assert.equal((await cadreA.get(`/api/v1/linkkits/${k.json.id}/shares`)).status, 403);
  // A kit link of another directive is refused.
  const wrong = await cadreA.post('/api/v1/activities', { directive_id: dir, kit_item_id: 999999, url: 'https://zalo.me/s/x/1', title: 't' });
  assert.equal(wrong.status, 400);
  assert.equal(wrong.json.error.field, 'kit_item_id');
});

test('continuity: items per day per unit, first item after receipt, units silent for N days', async () => {
  const r = await gialam.get(`/api/v1/directives/${dir}/continuity?limit=500`); // the district's recipients fit one page
  assert.equal(r.status, 200);
  const units = r.json.units;
  assert.ok(units.length > 100, 'every grassroots recipient under the district');
  const active = units.filter((u) => u.total > 0);
  assert.ok(active.length / units.length > 0.75, 'most unions have logged items');
  const u = active.find((x) => Object.keys(x.days).length > 1);
  assert.equal(Object.values(u.days).reduce((a, b) => a + b, 0), u.total);
  assert.equal(u.first_date, Object.keys(u.days).sort()[0]);
  assert.equal(u.received, '2024-01-18');
  assert.ok(u.first_after_days >= 0);
  const silent = (await gialam.get(`/api/v1/directives/${dir}/continuity?silent_days=30&limit=500`)).json.units;
  assert.ok(silent.length > 0 && silent.length < units.length);
  assert.ok(silent.every((x) => x.silent_days >= 30));
  assert.ok(silent.some((x) => x.total === 0), 'units with nothing at all are listed');
  const mine = (await cadreA.get(`/api/v1/directives/${dir}/continuity`)).json.units;
  assert.deepEqual(mine.map((x) => x.unit.code), ['01.018.00577.01']);
});

test('the demo holds a campaign in progress under 42/LĐLĐ', async () => {
  const all = (await gialam.get(`/api/v1/activities?directive_id=${dir}&limit=500`)).json;
  assert.ok(all.counts.items > 300, `items: ${all.counts.items}`);
  assert.ok(all.counts.shares > 20 && all.counts.originals > 200);
  for (const ch of ['facebook', 'zalo', 'tiktok', 'e-newspaper']) assert.ok(all.counts.by_channel[ch] > 0, ch);
  const inCampaign = all.items.filter((i) => i.date >= '2024-01-18' && i.date <= '2024-02-29');
  assert.ok(inCampaign.length > 300, 'the demo items are dated during the campaign');
  const kits = (await gialam.get(`/api/v1/directives/${dir}/linkkits`)).json.items;
  assert.ok(kits.some((k) => k.issuer.code === '01.018' && k.items.some((i) => i.shares > 0)));
  const contests = (await gialam.get('/api/v1/contests?directive_id=' + dir)).json.items;
  assert.ok(contests.find((c) => c.name === 'Bên nhau là Tết').entries >= 20);
  const cat = (await gialam.get('/api/v1/indicators?directive_id=' + dir)).json.items;
  assert.ok(cat.length >= 20, 'the Tết indicator set applies to a directive that names none');
});

test('a bad engagement count names the field as people read it, in both languages', async () => {
  const body = { directive_id: dir, channel: 'facebook', kind: 'post', url: 'https://www.facebook.com/x/posts/neg1', title: 'Số âm', date: '2024-01-20', views: -5 };
  let r = await cadreA.post('/api/v1/activities', body);
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'views');
  assert.equal(r.json.error.message, 'Lượt xem phải là số nguyên không âm');
  r = await cadreA.call('POST', '/api/v1/activities', body, { 'Accept-Language': 'en' });
  assert.equal(r.json.error.message, 'Views must be a non-negative whole number');
  r = await cadreA.post('/api/v1/activities', { ...body, views: 0, shares: -2 });
  assert.equal(r.json.error.field, 'shares');
  assert.match(r.json.error.message, /^Lượt chia sẻ/);
});

test('photos: one image attached to one item while another item lets it go, many times at once: every call succeeds and the image stays while shown', async () => {
  // On PostgreSQL the two run side by side: the removal must not delete the
  // image the other transaction is attaching (it broke the foreign key: 400).
  const png = tinyPng(8, 8, { colour: [0x20, 0x90, 0x30] });
  const item = async (n) => (await cadreA.post('/api/v1/activities', { directive_id: dir, channel: 'zalo', kind: 'post', url: `https://zalo.me/s/photo-race/${n}`, title: 'Ảnh ' + n, date: '2024-01-26' })).json.id;
  const upload = (id) => cadreA.call('POST', `/api/v1/activities/${id}/photos`, new Uint8Array(png), { 'Content-Type': 'image/png' });
  const wrong = [];
  for (let round = 0; round < 12; round++) {
    const holder = await item(`h${round}`);
    assert.equal((await upload(holder)).status, 201);
    const taker = await item(`t${round}`);
    const [del, add] = await Promise.all([cadreA.del(`/api/v1/activities/${holder}/photos/1`), upload(taker)]);
    if (del.status !== 200) wrong.push(`round ${round}: remove ${del.status} ${del.text}`);
    if (add.status !== 201) wrong.push(`round ${round}: attach ${add.status} ${add.text}`);
    const shown = await fetch(`${srv.url}/api/v1/activities/${taker}/photos/1`, { headers: { Cookie: cadreA.cookie } });
    if (shown.status !== 200) wrong.push(`round ${round}: the attached image reads ${shown.status}`);
    assert.equal((await cadreA.del(`/api/v1/activities/${taker}/photos/1`)).status, 200);
  }
  assert.deepEqual(wrong, []);
});

test('photos: added by the owning cadre with their text metadata stripped, read back by position, removed one at a time', async () => {
  const made = await cadreA.post('/api/v1/activities', { directive_id: dir, channel: 'zalo', kind: 'post', url: 'https://zalo.me/s/photo/1', title: 'Ảnh trao quà', date: '2024-01-26' });
  assert.equal(made.status, 201, made.text);
  const id = made.json.id;
  const red = tinyPng(24, 16, { text: 'Comment\0GPS 21.0285N 105.8542E' });
  const blue = tinyPng(24, 16, { colour: [0x10, 0x40, 0xc8] });
  const upload = (item, png) => cadreA.call('POST', `/api/v1/activities/${item}/photos`, new Uint8Array(png), { 'Content-Type': 'image/png' });
  let r = await upload(id, red);
  assert.equal(r.status, 201, r.text);
  r = await upload(id, blue);
  assert.equal(r.status, 201, r.text);
  assert.deepEqual(r.json.photos.map((p) => [p.pos, p.mime, p.width, p.height]), [[1, 'image/png', 24, 16], [2, 'image/png', 24, 16]]);
  assert.equal(r.json.photo_count, 2);
  const inList = async () => (await gialam.get(`/api/v1/activities?directive_id=${dir}&q=${encodeURIComponent('anh trao qua')}`)).json.items.find((i) => i.id === id);
  assert.equal((await inList()).photo_count, 2, 'the district sees the count in its list');
  const bytes = async (pos) => {
    const res = await fetch(`${srv.url}/api/v1/activities/${id}/photos/${pos}`, { headers: { Cookie: cadreA.cookie } });
    return { status: res.status, type: res.headers.get('content-type'), body: Buffer.from(await res.arrayBuffer()) };
  };
  const first = await bytes(1);
  assert.equal(first.status, 200);
  assert.equal(first.type, 'image/png');
  assert.equal(first.body.length, red.length - 12 - 'Comment\0GPS 21.0285N 105.8542E'.length, 'only the tEXt chunk is gone');
  assert.equal(first.body.indexOf('GPS'), -1);
  const stored = Number(sql('SELECT count(*) FROM photo'));

  // Another grassroots union cannot see the item, so cannot remove its photo either.
  r = await cadreB.del(`/api/v1/activities/${id}/photos/1`);
  assert.equal(r.status, 404);
  assert.equal(r.json.error.field, 'id');
  // The district reads it but does not own it.
  r = await gialam.del(`/api/v1/activities/${id}/photos/1`);
  assert.equal(r.status, 403, r.text);

  r = await cadreA.del(`/api/v1/activities/${id}/photos/1`);
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.photos.map((p) => p.pos), [2], 'the other photo keeps its position');
  assert.equal((await inList()).photo_count, 1);
  assert.equal((await bytes(1)).status, 404);
  assert.equal((await bytes(2)).status, 200);
  assert.equal(Number(sql('SELECT count(*) FROM photo')), stored - 1, 'an image no item shows is not kept');
  assert.match(sql(`SELECT action || ' ' || detail FROM audit_event WHERE entity = 'activity' AND entity_id = ${id} ORDER BY id DESC LIMIT 1`), /^photo_delete \{"pos":1\}$/);
  r = await cadreA.del(`/api/v1/activities/${id}/photos/1`);
  assert.equal(r.status, 404);
  assert.equal(r.json.error.field, 'pos');

  // An image shown by two items stays stored until the last one lets it go.
  const other = await cadreA.post('/api/v1/activities', { directive_id: dir, channel: 'zalo', kind: 'post', url: 'https://zalo.me/s/photo/2', title: 'Ảnh trao quà (2)', date: '2024-01-27' });
  assert.equal((await upload(other.json.id, blue)).status, 201);
  assert.equal(Number(sql('SELECT count(*) FROM photo')), stored - 1, 'the same image is stored once');
  assert.equal((await cadreA.del(`/api/v1/activities/${id}/photos/2`)).status, 200);
  assert.equal(Number(sql('SELECT count(*) FROM photo')), stored - 1, 'still shown by the other item');
  assert.equal((await cadreA.del(`/api/v1/activities/${other.json.id}/photos/1`)).status, 200);
  assert.equal(Number(sql('SELECT count(*) FROM photo')), stored - 2);
});
