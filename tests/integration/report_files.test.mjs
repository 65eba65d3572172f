// SPDX-License-Identifier: AGPL-3.0-or-later
// The report documents as a federation officer saves and reads them (issue
// 12): each file is named from the directive, the unit and the day
// ("bao-cao-42-LDLD-gia-lam-2024-12-05.pdf", with the Vietnamese name in a
// UTF-8 filename*), never "bao-cao-01.018.pdf" whatever the report; and the
// PDF shows channels by the names the web UI uses, not their codes, and no
// row of dashes for the reporting unit; a long list of missing units ends
// with "và N đơn vị khác". On the demo database.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, login } from '../lib/server.mjs';

let srv, gialam, tmp;

// The day in Vietnam (UTC+7) at epoch milliseconds ms, as yyyy-mm-dd.
const vnDay = (ms) => new Date(ms + 7 * 3600 * 1000).toISOString().slice(0, 10);

before(async () => {
  srv = await startServer();
  gialam = await login(srv.url, 'gialam');
  tmp = mkdtempSync(join(tmpdir(), 'lantoa-rf-'));
});

after(async () => {
  if (srv) await srv.stop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

async function download(path) {
  const t0 = Date.now();
  const r = await fetch(srv.url + path, { headers: { Cookie: gialam.cookie } });
  const bytes = Buffer.from(await r.arrayBuffer());
  return { status: r.status, cd: r.headers.get('content-disposition') || '', bytes, days: [vnDay(t0), vnDay(Date.now())] };
}

// filename="…" and filename*=UTF-8''… of a Content-Disposition.
function names(cd) {
  const ascii = /filename="([^"]*)"/.exec(cd);
  const star = /filename\*=UTF-8''([^;]*)/.exec(cd);
  return { ascii: ascii && ascii[1], utf8: star && decodeURIComponent(star[1]) };
}

test('report files are named from directive, unit and day, in ASCII and in UTF-8', async () => {
  const d42 = (await gialam.get('/api/v1/directives?box=issued')).json.items.find((d) => d.number === '42/LĐLĐ');
  assert.ok(d42, 'the demo has 42/LĐLĐ');
  const district = gialam.user.unit.id;
  const base = `/api/v1/directives/${d42.id}/units/${district}/report/document`;
  for (const fmt of ['pdf', 'docx', 'xlsx', 'csv']) {
    const r = await download(`${base}?format=${fmt}`);
    assert.equal(r.status, 200, fmt);
    assert.match(r.cd, /^attachment; /, fmt);
    const n = names(r.cd);
    const day = r.days.find((x) => n.ascii === `bao-cao-42-LDLD-gia-lam-${x}.${fmt}`);
    assert.ok(day, `${fmt}: ${r.cd}`);
    assert.match(n.ascii, /^[A-Za-z0-9.-]+$/, 'ASCII only, nothing to escape');
    assert.equal(n.utf8, `Báo cáo 42-LĐLĐ Gia Lâm ${day}.${fmt}`);
    if (fmt === 'pdf') writeFileSync(join(tmp, 'district.pdf'), r.bytes);
  }
  // The HTML view opens in the browser: no attachment.
  assert.equal((await download(`${base}?format=html`)).cd, 'inline');

  // A commune under Gia Lâm gets its own name, not the district's.
  const commune = (await gialam.get('/api/v1/units?q=da%20ton')).json.items.find((u) => u.code === '01.018.00577');
  assert.ok(commune);
  const rc = await download(`/api/v1/directives/${d42.id}/units/${commune.id}/report/document?format=pdf`);
  assert.equal(rc.status, 200);
  assert.ok(rc.days.some((x) => names(rc.cd).ascii === `bao-cao-42-LDLD-da-ton-${x}.pdf`), rc.cd);
  assert.ok(rc.days.some((x) => names(rc.cd).utf8 === `Báo cáo 42-LĐLĐ Đa Tốn ${x}.pdf`), rc.cd);
});

test('the PDF names channels as the UI does and has no row of dashes', async () => {
  const d42 = (await gialam.get('/api/v1/directives?box=issued')).json.items.find((d) => d.number === '42/LĐLĐ');
  const district = gialam.user.unit.id;
  const snap = (await gialam.get(`/api/v1/directives/${d42.id}/units/${district}/report`)).json.snapshot;
  const channels = [...new Set(snap.rollup.items.map((i) => i.channel))];
  assert.ok(channels.length > 1, 'the demo logs news on several channels');
  const text = spawnSync('pdftotext', ['-layout', join(tmp, 'district.pdf'), '-'], { encoding: 'utf8' }).stdout;
  assert.ok(text.includes('KẾT QUẢ CÔNG TÁC TRUYỀN THÔNG'));
  // The words of web/src/i18n/activities.js "act.channel.*".
  const label = { facebook: 'Facebook', zalo: 'Zalo', youtube: 'YouTube', tiktok: 'TikTok', website: 'Trang web',
    'e-newspaper': 'Báo điện tử', radio: 'Phát thanh', tv: 'Truyền hình', print: 'Báo in', event: 'Sự kiện trực tiếp', other: 'Khác' };
  for (const c of channels) {
    assert.ok(text.includes(label[c]), `channel ${c} as "${label[c]}"`);
    if (label[c] !== c) assert.ok(!new RegExp(`(^|\\s)${c}(\\s|$)`, 'm').test(text), `no raw code ${c}`);
  }
  // Each theme once, however many channels it has.
  const themes = [...new Set(snap.rollup.items.map((i) => i.theme).filter(Boolean))];
  for (const th of themes) {
    const first = th.slice(0, 30);
    assert.equal(text.split(first).length - 1, 1, `theme "${first}" once`);
  }
  // The district itself has no figure of its own: it is not a row of dashes.
  for (const line of text.split('\n'))
    if (line.includes('LĐLĐ huyện Gia Lâm')) assert.ok(!/—\s+—/.test(line), line);
});

test('the missing units are listed up to 50, then "và N đơn vị khác" with the rest counted, in PDF and DOCX', async () => {
  // A directive to every union of Gia Lâm that none has answered: all of them are missing.
  let r = await gialam.post('/api/v1/directives', {
    number: '90/LĐLĐ', place: 'Gia Lâm', date: '2024-03-01', subject: 'báo cáo Tháng Công nhân',
    recipients: { mode: 'grassroots_under', unit_id: gialam.user.unit.id },
    themes: [{ title: 'Tháng Công nhân', items: ['Thăm hỏi công nhân'] }], tasks: ['Báo cáo kết quả'],
    indicators: ['people_supported'], report_deadline: '2024-03-30', report_email: 'gialam@congdoanhanoi.org.vn',
    signer: { authority: 'KT. CHỦ TỊCH', title: 'PHÓ CHỦ TỊCH', name: 'Nguyễn Văn A' }, cc: ['Lưu VP'],
  });
  assert.equal(r.status, 201, r.text);
  const id = r.json.directive.id;
  r = await gialam.post(`/api/v1/directives/${id}/issue`, {});
  assert.equal(r.status, 200, r.text);
  const n = r.json.counts.recipients;
  assert.ok(n > 60, `${n} recipients`);
  const base = `/api/v1/directives/${id}/units/${gialam.user.unit.id}/report`;
  const snap = (await gialam.get(base)).json.snapshot;
  assert.equal(snap.completeness.missing, n);
  const pdf = await download(base + '/document?format=pdf');
  assert.equal(pdf.status, 200);
  writeFileSync(join(tmp, 'missing.pdf'), pdf.bytes);
  const text = spawnSync('pdftotext', ['-layout', join(tmp, 'missing.pdf'), '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, ' ');
  assert.ok(text.includes(`và ${n - 50} đơn vị khác`), 'the PDF counts the units it does not list');
  const names = snap.completeness.missing_units.map((u) => u.name);
  assert.ok(names.length > 50, `${names.length} missing units in the snapshot`);
  assert.ok(text.includes(names[0]) && text.includes(names[49]), 'the first 50 are named');
  assert.ok(!text.includes(names[50]), 'the 51st is not');
  const docx = await download(base + '/document?format=docx');
  const xml = spawnSync('/usr/bin/python3', ['-c', 'import zipfile,sys;print(zipfile.ZipFile(sys.stdin.buffer and __import__("io").BytesIO(sys.stdin.buffer.read())).read("word/document.xml").decode())'], { input: docx.bytes, encoding: 'utf8' }).stdout;
  assert.ok(xml.includes(`và ${n - 50} đơn vị khác`), 'the DOCX too');
});
