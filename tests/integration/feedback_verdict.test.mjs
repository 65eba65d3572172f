// SPDX-License-Identifier: AGPL-3.0-or-later
// Feedback closure, as FixMyStreet does it (issue 12): once the answer to a
// worker's message is published, the receipt page asks whether the problem
// was fixed. "fixed" closes it; "partly" and "not_fixed" reopen it on its
// handler's to-do list; each answer is in the history and the audit; the
// cadre's JSON shows it; one answer per published answer; rate-limited like
// the form; the language link keeps the receipt code.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login } from '../lib/server.mjs';
import { sqlText } from '../lib/db.mjs';

let srv, cadre, unitId;
const sql = (q) => sqlText(srv.db, q);
const post = (path, fields, headers = {}) => fetch(`${srv.url}${path}`, {
  method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
  body: new URLSearchParams(fields).toString(),
});
const receiptOf = (html) => (/id="receipt-code">([A-Z0-9]{4}-[A-Z0-9]{4})</.exec(html) || [])[1];

/* A message through the public form; OUT its code and id. */
async function message(text) {
  const code = receiptOf(await (await post(`/f/${unitId}`, { text })).text());
  assert.ok(code);
  return { code, id: Number(sql(`SELECT id FROM feedback WHERE receipt = '${code}'`)) };
}
async function answer(id, publish = true) {
  const r = await cadre.post(`/api/v1/feedback/${id}/actions`, { action: 'answer', text: 'Công ty đã trả đủ lương ngày 25/01', publish });
  assert.equal(r.status, 200, r.text);
}
const todoOf = async (id) => (await cadre.get('/api/v1/todo?kind=feedback_triage&limit=100')).json.items.find((t) => t.feedback_id === id);

before(async () => {
  srv = await startServer({ config: '[feedback]\nform_max_per_ip = 20\n' });
  cadre = await login(srv.url, 'cs-00577-05');
  const units = (await cadre.get('/api/v1/units?q=' + encodeURIComponent('01.018.00577.05'))).json.items;
  unitId = units.find((u) => u.code === '01.018.00577.05').id;
});
after(async () => { await srv.stop(); });

test('no question before an answer is published; a post then is refused with 409', async () => {
  const m = await message('Nhà vệ sinh xưởng 2 hỏng vòi nước cả tuần nay');
  let html = await (await fetch(`${srv.url}/f/status?code=${m.code}`)).text();
  assert.doesNotMatch(html, /name="verdict"/);
  await answer(m.id, false); // answered, not yet published
  html = await (await fetch(`${srv.url}/f/status?code=${m.code}`)).text();
  assert.doesNotMatch(html, /name="verdict"/);
  const r = await post('/f/status', { code: m.code, verdict: 'fixed' });
  assert.equal(r.status, 409);
  assert.match(await r.text(), /chưa công bố câu trả lời/);
  assert.equal(sql(`SELECT status FROM feedback WHERE id = ${m.id}`), 'answered');
});

test('"fixed" closes the message, once; history, audit and the cadre see it', async () => {
  const m = await message('Căng tin ca đêm đóng cửa sớm, công nhân không có cơm');
  await answer(m.id);
  let html = await (await fetch(`${srv.url}/f/status?code=${m.code}`)).text();
  assert.match(html, /id="fb-status">Đã có trả lời</);
  assert.match(html, /Vấn đề của bạn đã được giải quyết chưa\?/);
  assert.match(html, /<button type="submit" name="verdict" value="fixed"/);
  assert.match(html, /<button type="submit" name="verdict" value="not_fixed"/);
  assert.doesNotMatch(html, /<script|style="/);

  let r = await post('/f/status', { code: m.code.toLowerCase(), verdict: 'fixed' });
  assert.equal(r.status, 200);
  html = await r.text();
  assert.match(html, /id="fb-note"><p>Cảm ơn bạn/);
  assert.match(html, /id="fb-status">Đã kết thúc</);
  assert.match(html, /id="fb-verdict">Đã được giải quyết</);
  assert.doesNotMatch(html, /name="verdict"/); // asked once
  assert.equal(sql(`SELECT status || '|' || verdict || '|' || COALESCE(reopened_at, 0) FROM feedback WHERE id = ${m.id}`), 'closed|fixed|0');

  r = await post('/f/status', { code: m.code, verdict: 'not_fixed' });
  assert.equal(r.status, 409);
  assert.match(await r.text(), /đã đánh giá câu trả lời này/);
  assert.equal(sql(`SELECT status FROM feedback WHERE id = ${m.id}`), 'closed');

  const f = (await cadre.get(`/api/v1/feedback/${m.id}`)).json.feedback;
  assert.equal(f.verdict, 'fixed');
  assert.equal(typeof f.verdict_at, 'number');
  assert.equal(f.reopened, false);
  const step = f.steps.find((s) => s.action === 'verdict');
  assert.ok(step, 'the verdict is in the history');
  assert.equal(step.from_status, 'answered');
  assert.equal(step.to_status, 'closed');
  assert.equal(step.note, 'fixed');
  assert.equal(step.user, null);
  assert.equal(sql(`SELECT count(*) FROM audit_event WHERE entity = 'feedback' AND entity_id = ${m.id} AND action = 'verdict'`), '1');
});

test('"not_fixed" reopens it on the handler\'s to-do list until the handler acts; a new answer may be judged again', async () => {
  const m = await message('Tiền thưởng Tết chưa được trả cho tổ may 3');
  await answer(m.id);
  assert.equal(await todoOf(m.id), undefined);
  const r = await post('/f/status', { code: m.code, verdict: 'not_fixed', lang: 'en' });
  assert.equal(r.status, 200);
  const html = await r.text();
  assert.match(html, /id="fb-status">Being handled again, as you asked</);
  assert.match(html, /id="fb-verdict">Not fixed</);
  assert.equal(sql(`SELECT status || '|' || verdict || '|' || CASE WHEN reopened_at > 0 THEN 'reopened' ELSE '-' END FROM feedback WHERE id = ${m.id}`), 'in_progress|not_fixed|reopened');
  const due = Number(sql(`SELECT due_at FROM feedback WHERE id = ${m.id}`));
  assert.ok(due > Date.now() / 1000, 'a fresh deadline');

  const todo = await todoOf(m.id);
  assert.ok(todo, 'on the handler\'s to-do list');
  assert.equal(todo.status, 'reopened');
  assert.equal(todo.url, `/#/feedback/${m.id}`);
  const f = (await cadre.get(`/api/v1/feedback/${m.id}`)).json.feedback;
  assert.equal(f.verdict, 'not_fixed');
  assert.equal(f.reopened, true);
  assert.equal(f.status, 'in_progress');

  // The handler answers again: off the to-do list, the old verdict goes, the worker is asked again.
  await answer(m.id);
  assert.equal(await todoOf(m.id), undefined);
  const g = (await cadre.get(`/api/v1/feedback/${m.id}`)).json.feedback;
  assert.equal(g.verdict, null);
  assert.equal(g.reopened, false);
  assert.equal(g.steps.filter((s) => s.action === 'verdict').length, 1); // the history keeps it
  assert.match(await (await fetch(`${srv.url}/f/status?code=${m.code}`)).text(), /name="verdict" value="partly"/);
});

test('"partly" reopens it too (the handler decides what more can be done)', async () => {
  const m = await message('Xe đưa đón công nhân về quê mới có một chuyến');
  await answer(m.id);
  const r = await post('/f/status', { code: m.code, verdict: 'partly' });
  assert.equal(r.status, 200);
  assert.equal(sql(`SELECT status || '|' || verdict FROM feedback WHERE id = ${m.id}`), 'in_progress|partly');
  assert.equal((await todoOf(m.id)).status, 'reopened');
});

test('the language link of the status page keeps the receipt code', async () => {
  const m = await message('Hỏi về chế độ nghỉ phép năm');
  const vi = await (await fetch(`${srv.url}/f/status?code=${m.code}`)).text();
  const link = /<a id="fb-lang" href="([^"]+)"/.exec(vi)[1].replace(/&amp;/g, '&');
  assert.equal(link, `/f/status?code=${m.code}&lang=en`);
  const en = await fetch(srv.url + link);
  assert.equal(en.status, 200);
  const html = await en.text();
  assert.match(html, /<html lang="en">/);
  assert.match(html, new RegExp(`<span class="code">${m.code}</span>`));
  assert.match(html, /id="fb-status">Received</);
  const back = /<a id="fb-lang" href="([^"]+)"/.exec(html)[1].replace(/&amp;/g, '&');
  assert.equal(back, `/f/status?code=${m.code}&lang=vi`);
  // The page that shows a new code once: its language link goes to that code's status page.
  const sent = await (await post(`/f/${unitId}`, { text: 'Hỏi về tiền làm thêm giờ ngày Tết' })).text();
  const code2 = receiptOf(sent);
  assert.equal(/<a href="([^"]+)" hreflang="en"/.exec(sent)[1].replace(/&amp;/g, '&'), `/f/status?code=${code2}&lang=en`);
  // Without a code the link is the plain page; a code is percent-encoded.
  const none = await (await fetch(`${srv.url}/f/status?lang=en`)).text();
  assert.match(none, /<a id="fb-lang" href="\/f\/status\?lang=vi"/);
  const odd = await (await fetch(`${srv.url}/f/status?code=${encodeURIComponent('a"b&c')}`)).text();
  assert.match(odd, /<a id="fb-lang" href="\/f\/status\?code=a%22b%26c&amp;lang=en"/);
});

test('answers sent at once: one is taken, the others are told it was already answered', async () => {
  const m = await message('Nước uống ở xưởng 3 có mùi lạ');
  await answer(m.id);
  const all = await Promise.all(['fixed', 'not_fixed', 'partly', 'fixed'].map((verdict) => post('/f/status', { code: m.code, verdict })));
  const statuses = all.map((r) => r.status).sort();
  assert.deepEqual(statuses, [200, 409, 409, 409]);
  assert.equal(sql(`SELECT count(*) FROM feedback_step WHERE feedback_id = ${m.id} AND action = 'verdict'`), '1');
});

test('bad input, unknown codes, another site and the rate limit', async () => {
  const m = await message('Đề nghị lắp thêm quạt ở xưởng đóng gói');
  await answer(m.id);
  let r = await post('/f/status', { code: m.code, verdict: 'maybe' });
  assert.equal(r.status, 400);
  assert.match(await r.text(), /role="alert"/);
  r = await post('/f/status', { code: m.code });
  assert.equal(r.status, 400);
  r = await post('/f/status', { code: 'ZZZZ-ZZZZ', verdict: 'fixed' });
  assert.equal(r.status, 404);
  r = await post('/f/status', { code: '<b>x</b>', verdict: 'fixed' });
  assert.equal(r.status, 404);
  assert.doesNotMatch(await r.text(), /<b>x/);
  r = await fetch(`${srv.url}/f/status`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
  assert.equal(r.status, 415);
  r = await post('/f/status', { code: m.code, verdict: 'not_fixed' }, { 'Sec-Fetch-Site': 'cross-site' });
  assert.equal(r.status, 403);
  assert.equal(sql(`SELECT status FROM feedback WHERE id = ${m.id}`), 'answered');

  // form_max_per_ip = 20 posts an hour from one address, forms and answers together.
  let last;
  for (let i = 0; i < 22 && (!last || last.status !== 429); i++)
    last = await post('/f/status', { code: m.code, verdict: 'fixed' });
  assert.equal(last.status, 429);
  assert.ok(last.headers.get('retry-after'));
});
