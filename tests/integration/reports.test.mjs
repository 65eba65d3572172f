// SPDX-License-Identifier: AGPL-3.0-or-later
// The reference flow end to end: letter 42/LĐLĐ issued to grassroots unions;
// they log items, figures, contest entries and feedback and submit — one late,
// one returned and resubmitted, one missing; the district's roll-up equals the
// sums computed here; its report goes by e-mail to a real SMTP server; moving a
// union after the deadline changes nothing for that directive.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, login, cli, freePort, ROOT } from '../lib/server.mjs';
import { startSink } from '../lib/smtp_sink.mjs';

// Vietnam times as the server's clock (LANTOA_NOW, epoch seconds).
const at = (iso) => String(Math.floor(Date.parse(iso + '+07:00') / 1000));
const PW = 'mat-khau-thu-1';
let srv, sink, sinkDir, port, dir, config;

before(async () => {
  port = await freePort();
  sinkDir = mkdtempSync(join(tmpdir(), 'lantoa-mail-'));
  sink = await startSink(port, sinkDir);
  config = `[smtp]\nurl = smtp://127.0.0.1:${port}\nfrom = lantoa@example.org\nfrom_name = lantoa Gia Lâm\n`;
  // A tree without the demo's campaign: Hà Nội → Gia Lâm → communes, four unions in Đa Tốn.
  srv = await startServer({ demo: false, keep: true, config, env: { LANTOA_NOW: at('2024-01-30T08:00:00') } });
  dir = srv.dir;
  const run = (args, input) => { const r = cli(srv.db, args, input); assert.equal(r.status, 0, args.join(' ') + r.stderr); return r; };
  run(['unit', 'import-dvhcvn', 'data/demo/dvhcvn-gia-lam-20240901.json', '--province', '01', '--district', '018', '--from', '2015-01-01']);
  for (let i = 1; i <= 4; i++) {
    run(['unit', 'add', '--code', `DT${i}`, '--name', `CĐCS Doanh nghiệp ${i} Đa Tốn`, '--level', 'grassroots', '--parent', '01.018.00577', '--email', `dt${i}@example.org`, '--from', '2015-01-01']);
    run(['user', 'add', `cadre${i}`, '--name', `Cán bộ ${i}`, '--unit', `DT${i}`, '--role', 'cadre', '--password-stdin'], PW + '\n');
  }
  run(['user', 'add', 'district', '--name', 'Cán bộ LĐLĐ Gia Lâm', '--unit', '01.018', '--role', 'officer', '--password-stdin'], PW + '\n');
});

after(async () => {
  if (srv) await srv.stop();
  sink.kill('SIGTERM');
  rmSync(sinkDir, { recursive: true, force: true });
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function restart(iso) {
  await srv.stop();
  srv = await startServer({ dir, keep: true, config, env: { LANTOA_NOW: at(iso) } });
}

const sum = (xs) => xs.reduce((a, b) => a + b, 0);
const figure = (snap, code) => snap.rollup.figures.find((f) => f.code === code)?.value;

test('the reference flow: issue, log, submit, review, roll up, e-mail', async () => {
  let off = await login(srv.url, 'district', PW);
  // Import the real letter as a draft, check it, point it at Đa Tốn's unions, issue.
  const letter = readFileSync(join(ROOT, 'data/demo/42-LDLD-gia-lam-2024.txt'));
  let r = await fetch(srv.url + '/api/v1/directives/parse?draft=1', { method: 'POST', headers: { Cookie: off.cookie, 'X-CSRF-Token': off.csrf, 'Content-Type': 'text/plain' }, body: letter });
  assert.equal(r.status, 201);
  const id = (await r.json()).id;
  const d = (await off.get('/api/v1/directives/' + id)).json.directive;
  const commune = (await off.get('/api/v1/units?q=da%20ton')).json.items.find((u) => u.code === '01.018.00577').id;
  const body = {};
  for (const k of ['number', 'place', 'date', 'subject', 'motto', 'references', 'themes', 'tasks', 'cc', 'signer', 'report_email']) body[k] = d[k];
  Object.assign(body, { recipients: { mode: 'grassroots_under', unit_id: commune }, report_deadline: '2024-02-20', indicators: ['people_supported', 'support_vnd', 'gift_recipients'] });
  r = await off.patch('/api/v1/directives/' + id, body);
  assert.equal(r.status, 200, r.text);
  r = await off.post(`/api/v1/directives/${id}/issue`, {});
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.counts.recipients, 4);
  const themes = r.json.themes;
  r = await off.post('/api/v1/contests', { directive_id: id, name: 'Bên nhau là Tết', hashtag: '#BenNhauLaTet' });
  assert.equal(r.status, 201, r.text);
  const contest = r.json.contest?.id ?? r.json.id;

  // Four unions: 1, 2 and 3 log; 4 does nothing.
  const c = [];
  for (let i = 1; i <= 4; i++) c[i] = await login(srv.url, `cadre${i}`, PW);
  const fig = { 1: { people_supported: 50, support_vnd: 10000000, gift_recipients: 40 },
    2: { people_supported: 30, support_vnd: 4500000, gift_recipients: 30 },
    3: { people_supported: 20, support_vnd: 2000000, gift_recipients: 20 } };
  const link = 'https://www.facebook.com/congdoangialam/posts/pfbid02abc?fbclid=XYZ';
  for (const i of [1, 2, 3]) {
    r = await c[i].put(`/api/v1/directives/${id}/figures`, { values: fig[i] });
    assert.equal(r.status, 200, `figures ${i}: ${r.text}`);
  }
  const item = (i, url, title) => c[i].post('/api/v1/activities', { directive_id: id, theme_id: themes[1].id, channel: 'facebook', kind: 'post', url, title, date: '2024-01-25' });
  assert.equal((await item(1, link, 'Chợ Tết Công đoàn tại Đa Tốn')).status, 201);
  assert.equal((await item(1, 'https://vnexpress.net/cho-tet-cong-doan-2024-123.html', 'Báo chí viết về Chợ Tết')).status, 201);
  assert.equal((await item(2, link.replace('www.', 'm.'), 'Chia sẻ bài Chợ Tết')).status, 201); // the same link: a share
  assert.equal((await c[1].post(`/api/v1/contests/${contest}/entries`, { member_name: 'Nguyễn Thị Hoa', category: 'writing', platform: 'facebook', url: 'https://www.facebook.com/hoa/posts/1', posted_on: '2024-01-28' })).status, 201);
  assert.equal((await c[2].post(`/api/v1/contests/${contest}/entries`, { member_name: 'Trần Văn Nam', category: 'video', platform: 'tiktok', url: 'https://www.tiktok.com/@nam/video/7321', posted_on: '2024-01-29' })).status, 201);
  r = await c[1].post('/api/v1/feedback', { channel: 'hotline', text: 'Công ty chưa trả thưởng Tết cho công nhân', received_at: '2024-01-26 10:00' });
  assert.equal(r.status, 201, r.text);

  await restart('2024-02-19T10:00:00'); // before the deadline
  off = await login(srv.url, 'district', PW);
  for (let i = 1; i <= 4; i++) c[i] = await login(srv.url, `cadre${i}`, PW);
  const rep = (i) => `/api/v1/directives/${id}/units/${c[i].user.unit.id}/report`;
  // Union 1: submitted on time and accepted.
  r = await c[1].post(rep(1) + '/submit', { kind: 'final' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.report.status, 'submitted');
  assert.match(r.json.report.number, /^1\/BC-CĐCS$/);
  // Locked while it waits for review, and said so: not "accepted" (issue 12, defect 7).
  r = await c[1].put(`/api/v1/directives/${id}/figures`, { values: { people_supported: 999 } });
  assert.equal(r.status, 409);
  assert.match(r.json.error.message, /đã nộp, đang chờ duyệt/);
  assert.doesNotMatch(r.json.error.message, /đã được duyệt/);
  r = await c[1].get(`/api/v1/directives/${id}/figures`);
  assert.deepEqual([r.json.locked, r.json.locked_by], [true, 'submitted']);
  assert.equal((await off.post(rep(1) + '/accept', {})).status, 200);
  r = await c[1].put(`/api/v1/directives/${id}/figures`, { values: { people_supported: 999 } });
  assert.equal(r.status, 409);
  assert.match(r.json.error.message, /đã được duyệt/);
  r = await c[1].get(`/api/v1/directives/${id}/figures`);
  assert.deepEqual([r.json.locked, r.json.locked_by], [true, 'accepted']);
  r = await c[4].get(`/api/v1/directives/${id}/figures`);
  assert.deepEqual([r.json.locked, r.json.locked_by], [false, null]);
  // Union 2: returned, corrected, resubmitted, accepted.
  assert.equal((await c[2].post(rep(2) + '/submit', { kind: 'quick' })).status, 200);
  assert.equal((await c[2].post(rep(2) + '/accept', {})).status, 403); // not its own reviewer
  assert.equal((await c[2].get(rep(1))).status, 403); // a sibling's report is not readable
  assert.equal((await c[2].get(rep(1) + '/document?format=pdf')).status, 403);
  assert.equal((await c[2].post(rep(1) + '/submit', { kind: 'final' })).status, 403);
  r = await off.post(rep(2) + '/return', { comment: 'Số quà chưa khớp với số người' });
  assert.equal(r.json.report.status, 'returned');
  fig[2].gift_recipients = 25;
  assert.equal((await c[2].put(`/api/v1/directives/${id}/figures`, { values: fig[2] })).status, 200);
  assert.equal((await c[2].patch(rep(2), { narrative: { general: 'Đã đối chiếu lại danh sách nhận quà' } })).status, 200);
  assert.equal((await c[2].post(rep(2) + '/submit', { kind: 'final' })).status, 200);
  r = await off.get(rep(2) + '/compare?from=1&to=2');
  // The corrected figure and the narrative written for the resubmission are both changes.
  assert.deepEqual(r.json.changes.map((x) => [x.what, x.key, x.old, x.new]),
    [['figure', 'gift_recipients', 30, 25], ['narrative', 'general', null, 'Đã đối chiếu lại danh sách nhận quà']]);
  assert.equal((await off.post(rep(2) + '/accept', {})).status, 200);

  await restart('2024-02-25T09:00:00'); // after the deadline
  off = await login(srv.url, 'district', PW);
  c[3] = await login(srv.url, 'cadre3', PW);
  assert.equal((await c[3].post(rep(3) + '/submit', { kind: 'final' })).status, 200);
  assert.equal((await off.post(rep(3) + '/accept', {})).status, 200);

  // The district's roll-up against the sums computed here.
  const district = off.user.unit.id;
  r = await off.get(`/api/v1/directives/${id}/units/${district}/report`);
  assert.equal(r.status, 200, r.text);
  const snap = r.json.snapshot;
  for (const code of ['people_supported', 'support_vnd', 'gift_recipients'])
    assert.equal(figure(snap, code), sum([1, 2, 3].map((i) => fig[i][code])), code);
  assert.deepEqual(snap.rollup.item_totals, { items: 3, originals: 2, shares: 1, distinct_links: 2, kit_shares: 0 });
  assert.deepEqual(snap.rollup.contests, { writing: 1, video: 1 });
  assert.equal(snap.rollup.feedback.total, 1);
  assert.equal(snap.rollup.feedback.by_topic.find((t) => t.code === 'thuong_tet').count, 1);
  const comp = snap.completeness;
  assert.deepEqual([comp.expected, comp.on_time, comp.late, comp.missing], [4, 2, 1, 1]);
  assert.deepEqual(comp.missing_units.map((u) => u.code), ['DT4']);
  assert.equal(comp.reporting_rate, 0.75);
  assert.equal(comp.on_time_rate, 0.5);
  // The district submits and sends its report.
  r = await off.post(`/api/v1/directives/${id}/units/${district}/report/submit`, { kind: 'final' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.report.number, '1/BC-LĐLĐ');
  const sha = r.json.sha256;
  assert.match(sha, /^[0-9a-f]{64}$/);
  r = await off.get(`/api/v1/directives/${id}/units/${district}/report/verify`);
  assert.equal(r.json.ok, true);
  r = await off.post(`/api/v1/directives/${id}/units/${district}/report/send`, {});
  assert.equal(r.status, 202, r.text);
  let log;
  for (let t = 0; t < 100; t++) {
    log = (await off.get(`/api/v1/directives/${id}/units/${district}/report/mail`)).json.items;
    if (log[0]?.status === 'sent') break;
    await new Promise((res) => setTimeout(res, 200));
  }
  assert.equal(log[0].status, 'sent');
  assert.match(log[0].log[0].reply, /^250 /);
  // What the SMTP server received: the report, and the worker's reminders to
  // units that had nothing submitted when the deadline came near.
  const att = mkdtempSync(join(tmpdir(), 'lantoa-att-'));
  const mails = readdirSync(sinkDir).filter((f) => f.endsWith('.eml')).map((f) =>
    JSON.parse(spawnSync('/usr/bin/python3', [join(ROOT, 'tests/lib/parse_mail.py'), join(sinkDir, f), att], { encoding: 'utf8' }).stdout));
  const reports = mails.filter((m) => m.subject.startsWith('Báo cáo số'));
  assert.equal(reports.length, 1);
  const reminders = mails.filter((m) => m.subject.startsWith('Nhắc báo cáo'));
  assert.ok(reminders.some((m) => m.to === 'dt4@example.org'), 'the missing union was reminded');
  assert.ok(reminders.every((m) => /^dt[1-4]@example\.org$/.test(m.to)), 'reminders go to recipient unions only');
  // Union 4 (still missing after the deadline) got the overdue reminder too.
  assert.ok(reminders.some((m) => m.to === 'dt4@example.org' && /quá hạn/.test(m.body)));
  const parsed = reports[0];
  assert.equal(parsed.subject, 'Báo cáo số 1/BC-LĐLĐ: kết quả thực hiện Công văn số 42/LĐLĐ – LĐLĐ huyện Gia Lâm');
  assert.match(parsed.raw_subject, /=\?UTF-8\?B\?/);
  assert.equal(parsed.to, 'gialam@congdoanhanoi.org.vn');
  assert.match(parsed.body, /Kính gửi/);
  assert.ok(parsed.body.includes(sha));
  assert.deepEqual(parsed.attachments.map((a) => a.content_type), ['application/pdf', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']);
  const pdf = parsed.attachments[0], xlsx = parsed.attachments[1];
  assert.equal(pdf.head.slice(0, 8), '25504446'); // %PDF
  assert.equal(xlsx.head.slice(0, 4), '504b');    // PK
  const text = spawnSync('pdftotext', ['-layout', join(att, pdf.filename), '-'], { encoding: 'utf8' }).stdout;
  assert.ok(text.includes('Số: 1/BC-LĐLĐ'));
  assert.ok(text.includes('LĐLĐ HUYỆN GIA LÂM'));
  assert.ok(text.includes('16.500.000 đ'), 'total support in the PDF');
  assert.ok(text.includes(sha));
  const sheets = spawnSync('/usr/bin/python3', ['-c', `import zipfile,sys;print(zipfile.ZipFile(sys.argv[1]).read('xl/workbook.xml').decode())`, join(att, xlsx.filename)], { encoding: 'utf8' }).stdout;
  assert.ok(sheets.includes('Số liệu') && sheets.includes('Tin bài') && sheets.includes('Tiến độ'));
  rmSync(att, { recursive: true, force: true });

  // The tree as it stood: union 1 moves to another commune after the deadline.
  const other = (await off.get('/api/v1/units?q=kieu%20ky')).json.items.find((u) => u.level === 'commune').id;
  r = await off.post(`/api/v1/units/${c[1].user.unit.id}/move`, { parent_id: other, date: '2024-07-01' });
  assert.equal(r.status, 200, r.text);
  r = await off.get(`/api/v1/directives/${id}/dashboard?unit_id=${commune}`);
  assert.equal(figure(r.json, 'people_supported'), 100);
  assert.equal(r.json.completeness.expected, 4);
  r = await off.get(`/api/v1/directives/${id}/dashboard?unit_id=${other}`);
  assert.equal(figure(r.json, 'people_supported'), null);
});
