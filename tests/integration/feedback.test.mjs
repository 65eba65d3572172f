// SPDX-License-Identifier: AGPL-3.0-or-later
// Workers' feedback end to end against the real server and the demo database:
// the public form (no JavaScript, receipt code, status page, honeypot, rate
// limit), the handling flow across two levels with the answer published to
// the receipt code, personal-data masking for every role in lists, pages and
// exports (each full view in audit_event), rules previewed then applied,
// near-duplicate cases, imports all or nothing, the summary and the QR code.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login } from '../lib/server.mjs';
import { sqlText } from '../lib/db.mjs';

let srv, cadre, commune, district, admin, otherCadre;
let unitId; // CĐCS Công ty CP Thực phẩm Đa Tốn (01.018.00577.05)

const sql = (q) => sqlText(srv.db, q);
const byCode = async (s, code) => (await s.get('/api/v1/units?q=' + encodeURIComponent(code))).json.items.find((u) => u.code === code);
const form = (id, fields, headers = {}) => fetch(`${srv.url}/f/${id}`, {
  method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
  body: new URLSearchParams(fields).toString(),
});
const receiptOf = (html) => (/id="receipt-code">([A-Z0-9]{4}-[A-Z0-9]{4})</.exec(html) || [])[1];

before(async () => {
  srv = await startServer({ config: '[feedback]\nform_max_per_ip = 1000\nurgent_days = 2\nnormal_days = 7\n' });
  cadre = await login(srv.url, 'cs-00577-05');
  otherCadre = await login(srv.url, 'cs-00577-01');
  commune = await login(srv.url, 'xa-00577');
  district = await login(srv.url, 'gialam');
  admin = await login(srv.url, 'admin');
  unitId = (await byCode(cadre, '01.018.00577.05')).id;
});
after(async () => { await srv.stop(); });

test('the public form works without JavaScript and gives a receipt code', async () => {
  const page = await fetch(`${srv.url}/f/${unitId}`);
  assert.equal(page.status, 200);
  assert.match(page.headers.get('content-type'), /text\/html/);
  assert.match(page.headers.get('content-security-policy'), /script-src 'self'/);
  const html = await page.text();
  assert.match(html, /CĐCS Công ty CP Thực phẩm Đa Tốn/);
  assert.match(html, /<form method="post" action="\/f\/\d+"/);
  assert.doesNotMatch(html, /<script|style="/);
  assert.match(html, /name="website"/); // the honeypot is there, hidden by CSS

  const before = Number(sql('SELECT count(*) FROM feedback'));
  const r = await form(unitId, { text: 'Công ty <b>chưa trả</b> lương tháng 11 cho tổ đóng gói', name: 'Nguyễn Thị Bé', phone: '0912 000 111', anonymous: '1', website: '' });
  assert.equal(r.status, 200);
  const done = await r.text();
  const code = receiptOf(done);
  assert.ok(code, 'the result page shows the receipt code');
  assert.doesNotMatch(done, /<b>chưa/); // nothing echoed unescaped
  assert.equal(Number(sql('SELECT count(*) FROM feedback')), before + 1);
  assert.equal(sql(`SELECT channel || '|' || anonymous || '|' || status FROM feedback WHERE receipt = '${code}'`), 'form|1|new');

  const st = await fetch(`${srv.url}/f/status?code=${code.toLowerCase().replace('-', '')}`);
  assert.equal(st.status, 200);
  const sh = await st.text();
  assert.match(sh, /id="fb-status">Đã tiếp nhận</);
  // The code reveals nothing else: no text, no sender, no unit.
  assert.doesNotMatch(sh, /lương|Nguyễn|0912|Thực phẩm/);
  assert.equal((await fetch(`${srv.url}/f/status?code=ZZZZ-ZZZZ`)).status, 404);
  assert.equal((await fetch(`${srv.url}/f/999999`)).status, 404);
});

test('the honeypot looks accepted and stores nothing; bad input keeps the text', async () => {
  const before = sql('SELECT count(*) FROM feedback');
  const r = await form(unitId, { text: 'Mua thuốc giảm cân giá rẻ', website: 'http://spam.example' });
  assert.equal(r.status, 200);
  assert.ok(receiptOf(await r.text()), 'a receipt-looking code is shown');
  assert.equal(sql('SELECT count(*) FROM feedback'), before);
  const bad = await form(unitId, { text: 'Có việc cần hỏi', phone: 'gọi tôi nhé' });
  assert.equal(bad.status, 400);
  const html = await bad.text();
  assert.match(html, /role="alert"/);
  assert.match(html, /Có việc cần hỏi<\/textarea>/);
  assert.equal(sql('SELECT count(*) FROM feedback'), before);
  const json = await fetch(`${srv.url}/f/${unitId}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"text":"x"}' });
  assert.equal(json.status, 415);
});

test('a cadre records a hotline message; the JSON API checks scope and input', async () => {
  let r = await cadre.post('/api/v1/feedback', { channel: 'hotline', text: 'Anh em ca 3 hỏi về tiền phụ cấp độc hại', sender_name: 'Lê Văn Tư', received_at: '2024-01-20 07:45' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.feedback.channel, 'hotline');
  assert.equal(r.json.feedback.sender.name, 'Lê Văn Tư');
  assert.equal(r.json.feedback.received_at, 1705711500);
  r = await cadre.post('/api/v1/feedback', { text: '' });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'text');
  const sibling = await byCode(cadre, '01.018.00577.01');
  r = await cadre.post('/api/v1/feedback', { unit_id: sibling.id, text: 'x' });
  assert.equal(r.status, 403);
  r = await cadre.post('/api/v1/feedback', { text: 'x', colour: 'red' });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'colour');
});

test('escalation across two levels, the answer back down and published to the receipt code', async () => {
  const r0 = await form(unitId, { text: 'Đề nghị công đoàn bố trí xe đưa công nhân về quê ăn Tết, năm nay chưa thấy đăng ký' });
  const code = receiptOf(await r0.text());
  const id = Number(sql(`SELECT id FROM feedback WHERE receipt = '${code}'`));

  // The receiving unit's cadre finds it in the inbox, confirms the topic, proposes, escalates.
  let inbox = await cadre.get('/api/v1/feedback?status=new');
  assert.ok(inbox.json.items.some((f) => f.id === id));
  let r = await cadre.post(`/api/v1/feedback/${id}/topics`, { topics: ['doi_song', 'thuong_tet'] });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.feedback.topics, ['doi_song', 'thuong_tet']);
  assert.equal(r.json.feedback.topics_source, 'cadre');
  r = await cadre.post(`/api/v1/feedback/${id}/actions`, { action: 'escalate' });
  assert.equal(r.status, 409); // no proposal yet
  r = await cadre.post(`/api/v1/feedback/${id}/actions`, { action: 'propose', text: 'Đề nghị đưa 35 công nhân vào chuyến xe Tết Sum vầy' });
  assert.equal(r.json.feedback.status, 'proposed');
  r = await cadre.post(`/api/v1/feedback/${id}/actions`, { action: 'escalate', note: 'Vượt khả năng CĐCS' });
  assert.equal(r.json.feedback.status, 'escalated');
  assert.equal(r.json.feedback.handler.name, 'Công đoàn xã Đa Tốn');
  // The grassroots cadre can no longer move it; the commune sees it as held.
  r = await cadre.post(`/api/v1/feedback/${id}/actions`, { action: 'answer', text: 'x' });
  assert.equal(r.status, 403);
  const held = await commune.get('/api/v1/feedback?view=held');
  assert.ok(held.json.items.some((f) => f.id === id));
  assert.ok(!(await cadre.get('/api/v1/feedback?view=held')).json.items.some((f) => f.id === id));
  r = await commune.post(`/api/v1/feedback/${id}/actions`, { action: 'escalate', text: 'Xã đề nghị huyện bố trí thêm 1 xe tuyến Thanh Hóa' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.feedback.handler.name, 'LĐLĐ huyện Gia Lâm');
  assert.equal(r.json.feedback.proposal, 'Xã đề nghị huyện bố trí thêm 1 xe tuyến Thanh Hóa');
  assert.equal((await commune.post(`/api/v1/feedback/${id}/actions`, { action: 'answer', text: 'x' })).status, 403);
  // The district answers back down and publishes the answer.
  r = await district.post(`/api/v1/feedback/${id}/actions`, { action: 'answer', text: 'Huyện bố trí xe ngày 03/02, đăng ký tại CĐCS', publish: true });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.feedback.status, 'answered');
  assert.equal(r.json.feedback.handler.name, 'CĐCS Công ty CP Thực phẩm Đa Tốn');
  assert.deepEqual(r.json.feedback.steps.map((s) => s.action), ['receive', 'topics', 'propose', 'escalate', 'escalate', 'answer']);
  assert.deepEqual(r.json.feedback.steps.map((s) => s.unit), [
    'CĐCS Công ty CP Thực phẩm Đa Tốn', 'CĐCS Công ty CP Thực phẩm Đa Tốn', 'CĐCS Công ty CP Thực phẩm Đa Tốn',
    'CĐCS Công ty CP Thực phẩm Đa Tốn', 'Công đoàn xã Đa Tốn', 'LĐLĐ huyện Gia Lâm']);
  const page = await (await fetch(`${srv.url}/f/status?code=${code}`)).text();
  assert.match(page, /id="fb-status">Đã có trả lời</);
  assert.match(page, /id="fb-answer">Huyện bố trí xe ngày 03\/02, đăng ký tại CĐCS</);
  // Back at the grassroots: close it.
  r = await cadre.post(`/api/v1/feedback/${id}/actions`, { action: 'close', note: 'Đã báo công nhân' });
  assert.equal(r.json.feedback.status, 'closed');
  r = await cadre.post(`/api/v1/feedback/${id}/actions`, { action: 'spam' });
  assert.equal(r.status, 409);
});

test('senders are masked for every role but the receiving unit and admins, and each full view is logged', async () => {
  let r = await cadre.post('/api/v1/feedback', { channel: 'zalo', text: 'Hỏi về chế độ ốm đau khi con nằm viện', sender_name: 'Đặng Thị Cúc', sender_phone: '0904 123 987' });
  const plain = r.json.feedback.id;
  r = await cadre.post('/api/v1/feedback', { channel: 'zalo', text: 'Quản đốc xưởng 2 bắt ký khống bảng chấm công', sender_name: 'Vương Văn Kiên', sender_phone: '0977 555 444', anonymous: true });
  const anon = r.json.feedback.id;
  assert.equal(r.json.feedback.sender.shown, 'hidden'); // the enterprise union never sees it
  const logged = () => Number(sql(`SELECT count(*) FROM audit_event WHERE action = 'view_personal' AND entity = 'feedback' AND entity_id IN (${plain}, ${anon})`));

  const expect = {
    cadre: { plain: ['full', 'Đặng Thị Cúc', '0904 123 987'], anon: ['hidden', null, null] },
    commune: { plain: ['masked', 'Đ***', '090*****87'], anon: ['hidden', null, null] },
    district: { plain: ['masked', 'Đ***', '090*****87'], anon: ['hidden', null, null] },
    admin: { plain: ['full', 'Đặng Thị Cúc', '0904 123 987'], anon: ['full', 'Vương Văn Kiên', '0977 555 444'] },
  };
  const clients = { cadre, commune, district, admin };
  for (const [role, client] of Object.entries(clients)) {
    for (const [which, id] of Object.entries({ plain, anon })) {
      const [shown, name, phone] = expect[role][which];
      const n0 = logged();
      const one = (await client.get(`/api/v1/feedback/${id}`)).json.feedback;
      assert.deepEqual([one.sender.shown, one.sender.name, one.sender.phone], [shown, name, phone], `${role} page ${which}`);
      assert.equal(logged(), n0 + (shown === 'full' ? 1 : 0), `${role} page view of ${which} logged`);
      const list = (await client.get(`/api/v1/feedback?view=subtree&unit_id=${unitId}&limit=500`)).json.items.find((f) => f.id === id);
      assert.deepEqual([list.sender.shown, list.sender.name, list.sender.phone], [shown, name, phone], `${role} list ${which}`);
    }
    const csv = await client.call('GET', `/api/v1/feedback/export?view=subtree&unit_id=${unitId}&format=csv`);
    assert.equal(csv.status, 200);
    assert.match(csv.headers.get('content-type'), /text\/csv/);
    const full = expect[role].plain[0] === 'full';
    assert.equal(csv.text.includes('0904 123 987'), full, `${role} export shows the phone only in full view`);
    assert.equal(csv.text.includes('Vương Văn Kiên'), role === 'admin', `${role} export and the anonymous sender`);
    if (!full) assert.match(csv.text, /Đ\*\*\*/);
  }
  assert.ok(Number(sql("SELECT count(*) FROM audit_event WHERE action = 'view_personal' AND detail LIKE '%\"via\":\"export\"%'")) >= 2);
  // A sibling grassroots union cannot open the message at all.
  assert.equal((await otherCadre.get(`/api/v1/feedback/${plain}`)).status, 403);
  assert.ok(!(await otherCadre.get('/api/v1/feedback?view=subtree&limit=500')).json.items.some((f) => f.id === plain));
});

test('an officer previews a rule, then applies it; confirmed topics stay', async () => {
  const texts = ['Bình nước uống ở xưởng để cả tuần không thay', 'Bình nước uống xưởng bẩn quá', 'Bình nước uống chưa ai thay'];
  // drinking water as the employer's welfare: not what the model says, so the rule shows
  const ids = [];
  for (const text of texts) ids.push((await cadre.post('/api/v1/feedback', { text })).json.feedback.id);
  await cadre.post(`/api/v1/feedback/${ids[2]}/topics`, { topics: ['doi_song'] });
  assert.equal((await cadre.post('/api/v1/feedback/rules/preview', { topic: 'bhxh_phuc_loi', pattern: 'bình nước uống' })).status, 403); // officers only
  let r = await district.post('/api/v1/feedback/rules/preview', { topic: 'bhxh_phuc_loi', pattern: 'bình nước uống', weight: 1 });
  assert.equal(r.status, 200, r.text);
  const changed = r.json.changes.map((c) => c.id).sort();
  assert.deepEqual(changed, ids.slice(0, 2).sort());
  assert.ok(r.json.changes.every((c) => c.after.includes('bhxh_phuc_loi')));
  assert.equal((await cadre.get(`/api/v1/feedback/${ids[0]}`)).json.feedback.topics.includes('bhxh_phuc_loi'), false); // preview wrote nothing
  r = await district.post('/api/v1/feedback/rules', { topic: 'bhxh_phuc_loi', pattern: 'bình nước uống' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.changed, 2);
  const f0 = (await cadre.get(`/api/v1/feedback/${ids[0]}`)).json.feedback;
  assert.ok(f0.topics.includes('bhxh_phuc_loi'));
  assert.ok(f0.why.some((w) => w.kind === 'rule' && w.term === 'bình nước uống'));
  assert.ok(f0.why.some((w) => w.kind === 'overridden_model')); // the why says the rule won over the model
  assert.deepEqual((await cadre.get(`/api/v1/feedback/${ids[2]}`)).json.feedback.topics, ['doi_song']);
  const rules = await cadre.get('/api/v1/feedback/rules');
  assert.ok(rules.json.items.some((x) => x.pattern === 'bình nước uống'));
  r = await district.post('/api/v1/feedback/rules/preview', { topic: 'bhxh_phuc_loi', pattern: 'a | b' });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'pattern');
});

test('near-duplicate messages become one case with a count, and none is merged', async () => {
  const variants = [
    'Công ty Thực phẩm Đa Tốn chưa trả tiền làm thêm giờ tháng 11 cho tổ bốc xếp',
    'Cty thực phẩm Đa Tốn chưa trả tiền làm thêm giờ tháng 11 cho tổ bốc xếp!!',
    'cong ty thuc pham da ton chua tra tien lam them gio thang 11 cho to boc xep',
    'Công ty Thực phẩm Đa Tốn chưa trả tiền làm thêm giờ tháng 11 cho tổ bốc xếp ạ',
  ];
  const codes = [];
  for (const text of variants) codes.push(receiptOf(await (await form(unitId, { text })).text()));
  assert.equal(new Set(codes).size, 4);
  const ids = codes.map((c) => Number(sql(`SELECT id FROM feedback WHERE receipt = '${c}'`)));
  const one = (await cadre.get(`/api/v1/feedback/${ids[3]}`)).json.feedback;
  assert.equal(one.case_id, ids[0]);
  assert.equal(one.case_count, 4);
  assert.equal(one.case_messages.length, 3);
  const grouped = await cadre.get('/api/v1/feedback?group=case&q=' + encodeURIComponent('bốc xếp tháng 11'));
  assert.equal(grouped.json.items.length, 1);
  assert.equal(grouped.json.items[0].case_count, 4);
  const all = await cadre.get('/api/v1/feedback?q=' + encodeURIComponent('bốc xếp tháng 11'));
  assert.equal(all.json.total, 4);
});

test('imports are all or nothing, with the row and column of the error', async () => {
  const before = sql('SELECT count(*) FROM feedback');
  const csv = 'Thời gian,Người gửi,Nội dung\n18/01/2024 08:30,Chị Hoa,Tổ may 3 chưa nhận lương tháng 12\n18/01/2024 09:10,,Xin hỏi lịch nghỉ Tết\nhôm qua,Anh Nam,Điều hòa xưởng hỏng\n';
  const columns = { time: 'A', sender: 'B', text: 'C' };
  let r = await cadre.post('/api/v1/feedback/import', { format: 'csv', data: csv, columns, channel: 'zalo' });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'A4');
  assert.match(r.json.error.message, /Dòng 4, cột A/);
  assert.equal(sql('SELECT count(*) FROM feedback'), before);
  const fixed = csv.replace('hôm qua', '17/01/2024 21:00');
  r = await cadre.post('/api/v1/feedback/import', { format: 'csv', data: fixed, columns, channel: 'zalo', dry_run: true });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.rows, 3);
  assert.deepEqual(r.json.preview[0], ['Thời gian', 'Người gửi', 'Nội dung']);
  assert.equal(sql('SELECT count(*) FROM feedback'), before);
  r = await cadre.post('/api/v1/feedback/import', { format: 'csv', data: fixed, columns, channel: 'zalo' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.created, 3);
  assert.equal(Number(sql('SELECT count(*) FROM feedback')), Number(before) + 3);
  assert.equal(sql("SELECT received_at FROM feedback WHERE text = 'Tổ may 3 chưa nhận lương tháng 12'"), '1705541400');
  r = await cadre.post('/api/v1/feedback/import', { format: 'csv', data: fixed, columns: { time: 'A' } });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'columns.text');
});

test('the summary counts by topic, status, urgency, unit and week, with the top cases', async () => {
  const daton = await byCode(district, '01.018.00577');
  const r = await district.get(`/api/v1/feedback/summary?unit_id=${daton.id}`);
  assert.equal(r.status, 200, r.text);
  const s = r.json.summary;
  assert.equal(s.unit.name, 'Công đoàn xã Đa Tốn');
  assert.equal(s.total, Number(sql(`SELECT count(*) FROM feedback f JOIN unit u ON u.id = f.unit_id WHERE u.path LIKE '%/${daton.id}/%'`)));
  assert.equal(s.by_topic.length, 7);
  assert.equal(Object.values(s.by_status).reduce((a, b) => a + b, 0), s.total);
  assert.equal(s.by_urgency.urgent + s.by_urgency.normal, s.total);
  assert.ok(s.by_unit.some((u) => u.code === '01.018.00577.05'));
  assert.ok(s.by_week.length >= 1);
  assert.ok(s.top_cases[0].count >= 4);
  assert.ok(!JSON.stringify(s).includes('0904 123 987'));
  // Outside the officer's subtree: refused.
  const hanoi = await byCode(district, '01');
  assert.equal((await district.get(`/api/v1/feedback/summary?unit_id=${hanoi.id}`)).status, 403);
});

test('the QR code is a PNG of the short link', async () => {
  const r = await cadre.call('GET', `/api/v1/units/${unitId}/feedback-qr.png`);
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-type'), 'image/png');
  assert.match(r.headers.get('x-feedback-url'), new RegExp(`/f/${unitId}$`));
  const raw = await fetch(`${srv.url}/api/v1/units/${unitId}/feedback-qr.png`, { headers: { Cookie: cadre.cookie } });
  const bytes = new Uint8Array(await raw.arrayBuffer());
  assert.deepEqual([...bytes.slice(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  assert.equal((await fetch(`${srv.url}/api/v1/units/${unitId}/feedback-qr.png`)).status, 401);
});

test('the inbox counts overdue messages and filters by topic and urgency', async () => {
  const r = await district.get('/api/v1/feedback?view=subtree&urgent=1&limit=500');
  assert.equal(r.status, 200);
  assert.ok(r.json.items.length > 0 && r.json.items.every((f) => f.urgent));
  assert.ok(r.json.overdue > 0, 'the demo has overdue messages');
  const t = await district.get('/api/v1/feedback?view=subtree&topic=thuong_tet&limit=500');
  assert.ok(t.json.items.length > 0 && t.json.items.every((f) => f.topics.includes('thuong_tet')));
  const late = await district.get('/api/v1/feedback?view=subtree&overdue=1&limit=500');
  assert.ok(late.json.items.every((f) => f.overdue));
  assert.equal((await district.get('/api/v1/feedback?topic=nope')).status, 400);
  assert.equal((await district.get('/api/v1/feedback?view=everything')).status, 400);
});
