// SPDX-License-Identifier: AGPL-3.0-or-later
// One link, one record (issue 12): the http:// and https:// forms of one
// article (nld.com.vn) are one canonical link, and a unit that saves the same
// link again for the same directive gets a 409 naming url (in Vietnamese and
// English) instead of a second share being counted. Another unit's share of
// the link, or a PATCH that keeps the item's own link, is fine.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login } from '../lib/server.mjs';
import { sqlText } from '../lib/db.mjs';

let srv, cadreA, cadreB, dir;
const sql = (q) => sqlText(srv.db, q);
const ARTICLE = 'nld.com.vn/cong-doan/chuyen-xe-tet-sum-vay-2024-196240120.htm';

before(async () => {
  srv = await startServer();
  cadreA = await login(srv.url, 'cs-00577-01');
  cadreB = await login(srv.url, 'cs-00577-02', undefined, 'en');
  dir = (await cadreA.get('/api/v1/directives?box=inbox')).json.items.find((d) => d.number === '42/LĐLĐ').id;
});
after(async () => { await srv.stop(); });

test('http:// and https:// of one article are one canonical link', async () => {
  const a = await cadreA.get(`/api/v1/activities/detect?directive_id=${dir}&url=${encodeURIComponent('http://' + ARTICLE)}`);
  const b = await cadreA.get(`/api/v1/activities/detect?directive_id=${dir}&url=${encodeURIComponent('https://' + ARTICLE + '?utm_source=zalo')}`);
  assert.equal(a.status, 200, a.text);
  assert.equal(a.json.url_canonical, 'https://' + ARTICLE);
  assert.equal(b.json.url_canonical, a.json.url_canonical);
});

test('the same link saved twice by one unit: 409 naming url, nothing written', async () => {
  const first = await cadreA.post('/api/v1/activities', { directive_id: dir, url: 'https://' + ARTICLE, kind: 'share', title: 'Chuyến xe Tết', date: '2024-01-21' });
  assert.equal(first.status, 201, first.text);
  const id = first.json.activity ? first.json.activity.id : first.json.id;
  const count = sql('SELECT count(*) FROM activity');
  const audit = sql('SELECT count(*) FROM audit_event');
  const again = await cadreA.post('/api/v1/activities', { directive_id: dir, url: 'http://' + ARTICLE, kind: 'share', title: 'Chuyến xe Tết (lần 2)', date: '2024-01-22' });
  assert.equal(again.status, 409, again.text);
  assert.equal(again.json.error.field, 'url');
  assert.match(again.json.error.message, new RegExp(`đã lưu liên kết này.*#${id}`));
  assert.equal(sql('SELECT count(*) FROM activity'), count);
  assert.equal(sql('SELECT count(*) FROM audit_event'), audit);

  // In English for an English session.
  const b1 = await cadreB.post('/api/v1/activities', { directive_id: dir, url: 'http://' + ARTICLE, kind: 'share', title: 'Xe Tết', date: '2024-01-21' });
  assert.equal(b1.status, 201, 'another unit may share the same article');
  const b2 = await cadreB.post('/api/v1/activities', { directive_id: dir, url: 'https://' + ARTICLE + '/', kind: 'share', title: 'Xe Tết', date: '2024-01-21' });
  assert.equal(b2.status, 409);
  assert.equal(b2.json.error.field, 'url');
  assert.match(b2.json.error.message, /already saved this link/);
  assert.equal(sql(`SELECT count(*) FROM activity WHERE url_canonical = 'https://${ARTICLE}'`), '2');
});

test('PATCH: keeping the own link is fine; taking another item\'s link is a 409', async () => {
  const other = await cadreA.post('/api/v1/activities', { directive_id: dir, url: 'https://laodong.vn/cong-doan/cho-tet-1300777.ldo', kind: 'share', title: 'Chợ Tết', date: '2024-01-23' });
  assert.equal(other.status, 201, other.text);
  const id = other.json.activity ? other.json.activity.id : other.json.id;
  let r = await cadreA.patch(`/api/v1/activities/${id}`, { title: 'Chợ Tết Công đoàn', url: 'http://laodong.vn/cong-doan/cho-tet-1300777.ldo' });
  assert.equal(r.status, 200, r.text);
  r = await cadreA.patch(`/api/v1/activities/${id}`, { url: 'http://' + ARTICLE });
  assert.equal(r.status, 409, r.text);
  assert.equal(r.json.error.field, 'url');
  assert.equal(sql(`SELECT url_canonical FROM activity WHERE id = ${id}`), 'https://laodong.vn/cong-doan/cho-tet-1300777.ldo');
});
