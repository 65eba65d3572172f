// SPDX-License-Identifier: AGPL-3.0-or-later
// Text that XLSX, DOCX and PDF cannot carry (noncharacters such as U+FFFE,
// control characters) is refused where it comes in, with a 400 that names the
// field or the cell, and nothing is written (security finding 2 of issue 13).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login } from '../lib/server.mjs';

let srv, cadre, officer, dir;

before(async () => {
  srv = await startServer();
  cadre = await login(srv.url, 'cs-00577-01', undefined, 'en');
  officer = await login(srv.url, 'gialam', undefined, 'en');
  dir = (await cadre.get('/api/v1/directives?box=inbox')).json.items.find((d) => d.number === '42/LĐLĐ').id;
});
after(async () => { await srv.stop(); });

const count = async () => {
  const r = await cadre.get(`/api/v1/activities?directive_id=${dir}&limit=500`);
  assert.equal(r.status, 200);
  assert.ok(Array.isArray(r.json.items) && r.json.items.length < 500);
  return r.json.items.length;
};

test('a noncharacter in a JSON field is refused, naming the field, and nothing is written', async () => {
  const before = await count();
  for (const [title, cp] of [['Tin\uFFFEbài', 'U+FFFE'], ['Tin\uFFFF', 'U+FFFF'], ['Tin\u000bbài', 'U+000B'], ['\uFDD0', 'U+FDD0']]) {
    const r = await cadre.post('/api/v1/activities', {
      directive_id: dir, url: 'https://www.facebook.com/congdoan/posts/1' + cp.slice(2), title,
    });
    assert.equal(r.status, 400, `${cp}: ${r.text}`);
    assert.equal(r.json.error.field, 'title');
    assert.match(r.json.error.message, new RegExp(cp.replace('+', '\\+')));
  }
  assert.equal(await count(), before);
});

test('nested fields are named by their path', async () => {
  const r = await officer.post('/api/v1/directives', {
    number: '99/LĐLĐ', subject: 'Thử', themes: [{ title: 'Chủ đề', items: ['ok', 'xấu\uFFFE'] }],
  });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.field, 'themes[0].items[1]');
});

test('a CSV cell with a noncharacter is refused, naming the cell, and nothing is imported', async () => {
  const before = await count();
  const csv = 'Mã đơn vị,Chủ đề,Kênh,Loại,Đường dẫn,Tiêu đề,Ngày\n'
    + '01.018.00577.01,,facebook,bài gốc,https://www.facebook.com/cd/posts/77,Tin\uFFFE,18/01/2024\n';
  const r = await cadre.call('POST', `/api/v1/directives/${dir}/activities/import`, Buffer.from(csv), { 'Content-Type': 'application/octet-stream' });
  assert.equal(r.status, 400, r.text);
  assert.match(r.text, /F2|row 2, column F/i);
  assert.match(r.text, /noncharacter/);
  assert.equal(await count(), before);
});
