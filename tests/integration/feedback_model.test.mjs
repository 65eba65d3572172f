// SPDX-License-Identifier: AGPL-3.0-or-later
// The shipped feedback model end to end: on a fresh demo database, messages
// posted on the public form get the model's topics (main topic first in the
// why), its urgency and reasons, exactly what `lantoa feedback classify`
// says; the classify contract (topics, why, urgent, urgency_why) holds for
// bad input too (empty, emoji, a phone number, 100 KB).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login, cli } from '../lib/server.mjs';

let srv, cadre, unitId;

const form = (id, fields) => fetch(`${srv.url}/f/${id}`, {
  method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
});
const receiptOf = (html) => (/id="receipt-code">([A-Z0-9]{4}-[A-Z0-9]{4})</.exec(html) || [])[1];
const classify = (text) => {
  const r = cli(srv.db, ['--json', 'feedback', 'classify', '-'], text);
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
};

// Written for this test (not in data/feedback), one per topic the model must know.
const messages = [
  { text: 'Em nghỉ việc từ tháng 3 mà công ty vẫn giữ sổ bảo hiểm xã hội, không chốt sổ nên em chưa làm được hồ sơ hưởng trợ cấp thất nghiệp', main: 'bhxh_phuc_loi' },
  { text: 'Tổ em có chị bị máy ép kẹp dập hai ngón tay, công ty chỉ cho tiền thuốc rồi bắt đi làm lại', main: 'an_toan', urgent: true },
  { text: 'Năm nay công ty thông báo không thưởng Tết, tháng lương 13 cũng cắt luôn dù năm ngoái đã hứa', main: 'thuong_tet' },
  { text: 'cty no luong 2 thang roi, goi dien cho giam doc ko nghe may', main: 'tien_luong', urgent: true },
];

before(async () => {
  srv = await startServer();
  cadre = await login(srv.url, 'cs-00577-05');
  unitId = (await cadre.get('/api/v1/units?q=' + encodeURIComponent('01.018.00577.05'))).json.items
    .find((u) => u.code === '01.018.00577.05').id;
});
after(async () => { await srv.stop(); });

test('a fresh demo database classifies with the shipped model', async () => {
  const m = await cadre.get('/api/v1/feedback/model');
  assert.equal(m.status, 200, m.text);
  assert.equal(m.json.model.present, true);
  assert.ok(['shipped', 'database'].includes(m.json.model.source));
  assert.ok(m.json.model.features > 1000, 'the model has its features');
});

test('messages posted on the public form get the model\'s topics, urgency and reasons', async () => {
  for (const m of messages) {
    const r = await form(unitId, { text: m.text, website: '' });
    assert.equal(r.status, 200);
    const code = receiptOf(await r.text());
    assert.ok(code);
    const list = await cadre.get('/api/v1/feedback?limit=5&q=' + encodeURIComponent(m.text.slice(0, 40)));
    const item = list.json.items.find((x) => x.text === m.text);
    assert.ok(item, m.text);
    const f = (await cadre.get(`/api/v1/feedback/${item.id}`)).json.feedback;
    assert.equal(f.topics_source, 'model');
    assert.ok(f.topics.includes(m.main), `${m.main} in ${f.topics}`);
    assert.equal(f.why[0].kind, 'model');
    assert.equal(f.why[0].topic, m.main, 'the why explains the main topic');
    const c = classify(m.text);
    assert.equal(c.topics[0], m.main, 'classify puts the main topic first');
    assert.deepEqual([...c.topics].sort(), [...f.topics].sort(), 'intake and classify agree');
    assert.equal(f.urgent, c.urgent);
    if (m.urgent) {
      assert.equal(f.urgent, true, m.text);
      assert.ok(f.urgency_why.length > 0, 'an urgent message says why');
    }
  }
});

test('bad input is classified "khac" with the reason, never an error', () => {
  for (const text of ['', '😀🎉🙏', '0912 345 678']) {
    const c = classify(text);
    assert.deepEqual(c.topics, ['khac'], JSON.stringify(text));
    assert.equal(c.why[0].kind, 'no_words');
    assert.equal(c.urgent, false);
  }
  const big = 'Công ty nợ lương ba tháng rồi. '.repeat(3500); // ≈ 100 KB
  assert.ok(Buffer.byteLength(big) > 100000);
  const c = classify(big);
  assert.equal(c.topics[0], 'tien_luong');
  assert.equal(c.urgent, true);
});
