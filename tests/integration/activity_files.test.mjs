// SPDX-License-Identifier: AGPL-3.0-or-later
// Spreadsheets in and out of the activity log: the XLSX template (pre-filled
// unit code, drop-down lists), the XLSX round trip (export → import gives the
// same records), an XLSX written by LibreOffice, and bad files (not a zip, a
// zip bomb, a wrong sheet, bad dates, a 1 MB cell, every bad cell listed) that
// give clear errors and write nothing. Figures and contest entries too.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, login } from '../lib/server.mjs';

let srv, cadreA, cadreB, dir, work;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

before(async () => {
  srv = await startServer();
  cadreA = await login(srv.url, 'cs-00577-01');
  cadreB = await login(srv.url, 'cs-00577-02');
  dir = (await cadreA.get('/api/v1/directives?box=inbox')).json.items.find((d) => d.number === '42/LĐLĐ').id;
  work = mkdtempSync(join(tmpdir(), 'lantoa-act-files-'));
});
after(async () => { rmSync(work, { recursive: true, force: true }); await srv.stop(); });

async function download(s, path) {
  const r = await fetch(srv.url + path, { headers: { Cookie: s.cookie } });
  return { status: r.status, type: r.headers.get('content-type'), body: Buffer.from(await r.arrayBuffer()) };
}
const upload = (s, path, bytes) => s.call('POST', path, bytes, { 'Content-Type': 'application/octet-stream' });
// Every item of the directive, page after page (the API sends at most 500 at a time).
const items = async (s) => {
  let r = (await s.get(`/api/v1/activities?directive_id=${dir}&limit=500`)).json;
  const all = { ...r, items: [...r.items] };
  while (r.next_cursor) {
    r = (await s.get(`/api/v1/activities?directive_id=${dir}&limit=500&cursor=${r.next_cursor}`)).json;
    all.items.push(...r.items);
  }
  return all;
};
const fields = (i) => [i.unit.code, i.theme && i.theme.id, i.channel, i.kind, i.url, i.url_canonical, i.title, i.date,
  i.views, i.reactions, i.comments, i.shares, i.counts_on, i.kit_item_id].join('|');

// A zip member's text, read with python3's zipfile (no npm package needed).
function unzipText(file, member) {
  const r = spawnSync('python3', ['-c', 'import sys,zipfile;print(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode())', file, member], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout;
}

// A minimal XLSX by hand: one sheet of inline strings; big: bytes of filler in the sheet.
function makeXlsx(file, sheetName, rows, big = 0) {
  const py = `
import sys, zipfile, json
f, name, rows, big = sys.argv[1], sys.argv[2], json.loads(sys.argv[3]), int(sys.argv[4])
def col(i):
    s = ''
    i += 1
    while i: i, r = divmod(i - 1, 26); s = chr(65 + r) + s
    return s
cells = ''.join('<row r="%d">%s</row>' % (r + 1, ''.join('<c r="%s%d" t="inlineStr"><is><t>%s</t></is></c>' % (col(c), r + 1, v) for c, v in enumerate(row))) for r, row in enumerate(rows))
sheet = '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' + cells + '</sheetData>' + (' ' * big) + '</worksheet>'
z = zipfile.ZipFile(f, 'w', zipfile.ZIP_DEFLATED)
z.writestr('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>')
z.writestr('_rels/.rels', '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
z.writestr('xl/workbook.xml', '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="%s" sheetId="1" r:id="rId1"/></sheets></workbook>' % name)
z.writestr('xl/_rels/workbook.xml.rels', '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
z.writestr('xl/worksheets/sheet1.xml', sheet)
z.close()`;
  const r = spawnSync('python3', ['-c', py, file, sheetName, JSON.stringify(rows), String(big)], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return readFileSync(file);
}

test('the XLSX template is pre-filled with the unit code and has drop-down lists of themes, channels and kinds', async () => {
  const r = await download(cadreA, `/api/v1/directives/${dir}/activities/template.xlsx`);
  assert.equal(r.status, 200);
  assert.equal(r.type, XLSX);
  const f = join(work, 'template.xlsx');
  writeFileSync(f, r.body);
  const sheet = unzipText(f, 'xl/worksheets/sheet1.xml');
  const strings = unzipText(f, 'xl/sharedStrings.xml');
  assert.match(strings, /01\.018\.00577\.01/, 'the unit code is pre-filled');
  assert.match(strings, /Mã đơn vị/);
  const lists = (sheet.match(/<dataValidation [^>]*type="list"/g) || []).length;
  assert.ok(lists >= 3, `theme, channel and kind drop-downs (got ${lists})`);
  assert.match(sheet + unzipText(f, 'xl/workbook.xml'), /facebook|lists/);
  const fig = await download(cadreA, `/api/v1/directives/${dir}/figures/template.xlsx`);
  writeFileSync(join(work, 'fig.xlsx'), fig.body);
  assert.match(unzipText(join(work, 'fig.xlsx'), 'xl/sharedStrings.xml'), /gift_vnd — Giá trị quà tặng|lists/);
});

test('XLSX round trip: export, delete, import gives the same records', async () => {
  // Something of everything: counts, a date the counts were read, a kit share.
  const kits = (await cadreA.get(`/api/v1/directives/${dir}/linkkits`)).json.items;
  const kitItem = kits[0].items[0].id;
  assert.equal((await cadreA.post('/api/v1/activities', { directive_id: dir, url: 'https://www.facebook.com/cdcs.daton/posts/424242', title: 'Bài có đủ số liệu, dấu "ngoặc", phẩy', date: '2024-02-01', views: 1234, reactions: 56, comments: 7, shares: 8, counts_on: '2024-02-03' })).status, 201);
  assert.equal((await cadreA.post('/api/v1/activities', { directive_id: dir, kit_item_id: kitItem, url: 'https://zalo.me/s/daton/424242', title: 'Chia sẻ bài báo', date: '2024-02-02' })).status, 201);
  const before = await items(cadreA);
  assert.ok(before.items.length >= 3);
  const x = await download(cadreA, `/api/v1/directives/${dir}/activities/export.xlsx`);
  assert.equal(x.status, 200);
  assert.equal(x.type, XLSX);
  const csvBefore = (await cadreA.get(`/api/v1/directives/${dir}/activities/export.csv`)).text;
  for (const i of before.items) assert.equal((await cadreA.del('/api/v1/activities/' + i.id)).status, 200);
  assert.equal((await items(cadreA)).items.length, 0);
  const imp = await upload(cadreA, `/api/v1/directives/${dir}/activities/import`, x.body);
  assert.equal(imp.status, 201, imp.text);
  assert.equal(imp.json.imported, before.items.length);
  const after = await items(cadreA);
  assert.deepEqual(after.items.map(fields).sort(), before.items.map(fields).sort());
  // The CSV export reads the same too (the original/share column aside).
  const strip = (csv) => csv.split('\r\n').map((l) => l.replace(/,(gốc|chia sẻ)$/, '')).join('\n');
  assert.equal(strip((await cadreA.get(`/api/v1/directives/${dir}/activities/export.csv`)).text), strip(csvBefore));
  // And the CSV imports as well (into B, whose code differs: refused, then fixed).
  const refused = await upload(cadreB, `/api/v1/directives/${dir}/activities/import`, Buffer.from(csvBefore));
  assert.equal(refused.status, 400);
  assert.match(refused.json.errors[0].message, /không phải đơn vị của bạn/);
  assert.equal(refused.json.errors[0].column, 'A');
  // The same error in English when the UI asks for it.
  const en = await cadreB.call('POST', `/api/v1/directives/${dir}/activities/import`, Buffer.from(csvBefore),
    { 'Content-Type': 'application/octet-stream', 'Accept-Language': 'en' });
  assert.equal(en.status, 400);
  assert.doesNotMatch(en.json.errors[0].message, /không phải đơn vị của bạn/);
  assert.match(en.json.errors[0].message, /unit/i);
});

test('an XLSX written by LibreOffice imports correctly', { timeout: 120_000 }, async (t) => {
  if (spawnSync('libreoffice', ['--version']).status !== 0) { t.skip('libreoffice not installed'); return; }
  const csv = 'Mã đơn vị,Chủ đề,Kênh,Loại tin,Đường dẫn,Tiêu đề,Ngày đăng,Lượt xem\n' +
    '01.018.00577.02,2,,post,https://www.facebook.com/cdcs.mamnon/posts/31,Chợ Tết Công đoàn ở trường mầm non,2024-01-27,150\n' +
    '01.018.00577.02,,zalo,share,https://zalo.me/s/mn/31,Chia sẻ tin Chợ Tết,2024-01-28,\n' +
    '01.018.00577.02,4,,video,https://www.tiktok.com/@mamnondaton/video/7329111111111111111,Gói bánh chưng tặng cô nuôi,2024-01-29,2300\n';
  const src = join(work, 'lo-input.csv');
  writeFileSync(src, csv);
  const r = spawnSync('libreoffice', [`-env:UserInstallation=file://${join(work, 'lo-profile')}`, '--headless',
    '--infilter=CSV:44,34,76,1', '--convert-to', 'xlsx', '--outdir', work, src], { encoding: 'utf8', timeout: 90_000 });
  const out = join(work, 'lo-input.xlsx');
  assert.ok(existsSync(out), 'LibreOffice wrote the file: ' + r.stderr);
  const n0 = (await items(cadreB)).counts.items;
  const imp = await upload(cadreB, `/api/v1/directives/${dir}/activities/import`, readFileSync(out));
  assert.equal(imp.status, 201, imp.text);
  assert.equal(imp.json.imported, 3);
  const got = (await items(cadreB)).items.filter((i) => /cdcs\.mamnon|zalo\.me\/s\/mn|mamnondaton/.test(i.url_canonical));
  assert.equal(got.length, 3);
  const byTitle = Object.fromEntries(got.map((i) => [i.title, i]));
  assert.equal(byTitle['Chợ Tết Công đoàn ở trường mầm non'].date, '2024-01-27');
  assert.equal(byTitle['Chợ Tết Công đoàn ở trường mầm non'].views, 150);
  assert.equal(byTitle['Chợ Tết Công đoàn ở trường mầm non'].channel, 'facebook');
  assert.equal(byTitle['Chợ Tết Công đoàn ở trường mầm non'].theme.pos, 2);
  assert.equal(byTitle['Chia sẻ tin Chợ Tết'].kind, 'share');
  assert.equal(byTitle['Gói bánh chưng tặng cô nuôi'].channel, 'tiktok');
  assert.equal((await items(cadreB)).counts.items, n0 + 3);
});

test('bad files give clear errors with sheet, row and column, and write nothing', async () => {
  const path = `/api/v1/directives/${dir}/activities/import`;
  const n0 = (await items(cadreA)).counts.items;
  const head = 'Mã đơn vị,Chủ đề,Kênh,Loại tin,Đường dẫn,Tiêu đề,Ngày đăng,Lượt xem\n';
  // Not a zip, though it starts like one.
  let r = await upload(cadreA, path, Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(300, 7)]));
  assert.equal(r.status, 400);
  assert.match(r.json.error.message, /XLSX|zip/i);
  // Binary junk is not a CSV either (and not UTF-8): the message says to save as CSV UTF-8.
  r = await upload(cadreA, path, Buffer.from([0xff, 0xfe, 0x41, 0x00, 0xe9, 0x0a]));
  assert.equal(r.status, 400);
  assert.match(r.json.error.message, /UTF-8/);
  // A zip bomb: 60 MB of spaces squeezed into a few KB.
  const bomb = makeXlsx(join(work, 'bomb.xlsx'), 'Hoạt động', [['Tiêu đề']], 60 << 20);
  assert.ok(bomb.length < 200_000);
  r = await upload(cadreA, path, bomb);
  assert.ok(r.status === 413 || r.status === 400, `status ${r.status}`);
  assert.match(r.json.error.message, /nén|lớn|giới hạn|quá/i);
  // The wrong sheet: no known column; the error lists the file's sheets.
  r = await upload(cadreA, path, makeXlsx(join(work, 'wrong.xlsx'), 'Bảng lương', [['Họ tên', 'Lương'], ['A', '1']]));
  assert.equal(r.status, 400);
  assert.match(r.json.error.message, /Bảng lương/);
  assert.match(r.json.error.message, /không phải danh sách hoạt động/);
  // Bad dates, a bad count and a bad link: every bad cell, in Vietnamese, with row and column.
  r = await upload(cadreA, path, Buffer.from(head +
    '01.018.00577.01,,,post,https://facebook.com/a/posts/1,Tin 1,31/02/2024,\n' +
    '01.018.00577.01,,,post,https://facebook.com/a/posts/2,Tin 2,hôm qua,12a\n' +
    '01.018.00577.01,,,post,ftp://x.example/3,Tin 3,2024-01-20,\n' +
    '01.018.00577.01,9,,post,https://facebook.com/a/posts/4,Tin 4,2024-01-20,\n'));
  assert.equal(r.status, 400);
  const where = r.json.errors.map((e) => `${e.row}${e.column}`);
  assert.deepEqual(where, ['2G', '3G', '3H', '4E', '5B']);
  assert.equal(r.json.errors[0].sheet, 'CSV');
  assert.match(r.json.errors[0].message, /Ngày không hợp lệ "31\/02\/2024"/);
  assert.match(r.json.error.message, /và 4 lỗi khác; không dòng nào được nhập/);
  assert.match(r.json.error.field, /CSV, dòng 2, cột G \(date\)/);
  // A 1 MB cell.
  r = await upload(cadreA, path, Buffer.from(head + '01.018.00577.01,,,post,https://facebook.com/a/posts/5,' + 'a'.repeat(1_000_000) + ',2024-01-20,\n'));
  assert.ok(r.status === 413 || r.status === 400, `status ${r.status}`);
  assert.match(r.json.error.field + r.json.error.message, /F2|dòng 2|ô/);
  // An unknown header is named, with its column.
  r = await upload(cadreA, path, Buffer.from('Tiêu đề,Ngày đăng,Ghi chú riêng\nTin,2024-01-20,x\n'));
  assert.equal(r.status, 400);
  assert.ok(r.json.errors.some((e) => e.row === 1 && e.column === 'C' && /Ghi chú riêng/.test(e.message)));
  // Good rows with one bad row: nothing at all is written.
  r = await upload(cadreA, path, Buffer.from(head +
    '01.018.00577.01,,,post,https://facebook.com/a/posts/6,Tin tốt,2024-01-20,\n' +
    '01.018.00577.01,,,post,https://facebook.com/a/posts/7,Tin xấu,2024-13-01,\n'));
  assert.equal(r.status, 400);
  assert.equal((await items(cadreA)).counts.items, n0, 'nothing was written by any bad file');
});

test('figures and contest entries import from CSV, all or nothing, with row and column errors', async () => {
  const figPath = `/api/v1/directives/${dir}/figures/import`;
  const before = (await cadreA.get(`/api/v1/directives/${dir}/figures`)).json.indicators;
  let r = await upload(cadreA, figPath, Buffer.from('Mã đơn vị,Chỉ tiêu,Giá trị,Ghi chú\n' +
    '01.018.00577.01,health_consultations,12,\n01.018.00577.01,gift_vnd,-5,\n01.018.00577.01,không có,3,\n'));
  assert.equal(r.status, 400);
  assert.deepEqual(r.json.errors.map((e) => `${e.row}${e.column}`), ['3C', '4B']);
  assert.deepEqual((await cadreA.get(`/api/v1/directives/${dir}/figures`)).json.indicators, before, 'nothing written');
  r = await upload(cadreA, figPath, Buffer.from('Mã đơn vị,Chỉ tiêu,Giá trị,Ghi chú\n' +
    '01.018.00577.01,health_consultations,12,khám tại trạm y tế\n01.018.00577.01,Số lượt tư vấn pháp luật,"1.250",\n'));
  assert.equal(r.status, 201, r.text);
  const now = (await cadreA.get(`/api/v1/directives/${dir}/figures`)).json.indicators;
  assert.equal(now.find((i) => i.code === 'health_consultations').value, 12);
  assert.equal(now.find((i) => i.code === 'health_consultations').note, 'khám tại trạm y tế');
  assert.equal(now.find((i) => i.code === 'legal_consultations').value, 1250);
  // The CSV export (sent from a temporary file, not from memory) has the values and reads back in.
  const r0 = await fetch(srv.url + `/api/v1/directives/${dir}/figures/export.csv`, { headers: { Cookie: cadreA.cookie } });
  const csv = Buffer.from(await r0.arrayBuffer());
  assert.equal(r0.status, 200);
  assert.match(r0.headers.get('content-type'), /^text\/csv/);
  assert.match(r0.headers.get('content-disposition'), /filename="chi-tieu\.csv"/);
  assert.equal(Number(r0.headers.get('content-length')), csv.length);
  const lines = csv.toString('utf8').split('\r\n');
  assert.equal(lines[0], '\uFEFFMã đơn vị,Chỉ tiêu,Giá trị,Ghi chú,Tên đơn vị,Đơn vị tính');
  assert.ok(lines.some((l) => /^01\.018\.00577\.01,legal_consultations — [^,]+,1250,/.test(l)), lines.join('\n'));
  assert.equal((await upload(cadreA, figPath, csv)).status, 201);
  // The export reads back in.
  const ex = await download(cadreA, `/api/v1/directives/${dir}/figures/export.xlsx`);
  const back = await upload(cadreA, figPath, ex.body);
  assert.equal(back.status, 201, back.text);

  const contest = (await cadreA.get('/api/v1/contests?directive_id=' + dir)).json.items.find((c) => c.name === 'Bên nhau là Tết');
  const cPath = `/api/v1/contests/${contest.id}/entries/import`;
  const n0 = (await cadreA.get(`/api/v1/contests/${contest.id}/entries`)).json.counts.entries;
  const chead = 'Mã đơn vị,Họ tên đoàn viên,Thể loại,Nền tảng,Đường dẫn,Hashtag,Ngày đăng,Lượt xem\n';
  r = await upload(cadreA, cPath, Buffer.from(chead +
    '01.018.00577.01,Lê Văn Tú,bài viết,,https://www.facebook.com/tu.le/posts/11,#BenNhauLaTet,26/01/2024,320\n' +
    '01.018.00577.01,Lê Văn Tú,video,,https://m.facebook.com/tu.le/posts/11?fbclid=1,,26/01/2024,\n'));
  assert.equal(r.status, 400);
  assert.match(r.json.errors[0].message, /trùng với dòng 2/);
  r = await upload(cadreA, cPath, Buffer.from(chead +
    '01.018.00577.01,Lê Văn Tú,bài viết,,https://www.facebook.com/tu.le/posts/11,#BenNhauLaTet,26/01/2024,320\n' +
    '01.018.00577.01,Trần Thị Na,clip,,https://www.tiktok.com/@na.tran/video/7330000000000000777,,27/01/2024,\n'));
  assert.equal(r.status, 201, r.text);
  // Importing the same link again is refused by the store, pointing at the row and the link column.
  r = await upload(cadreA, cPath, Buffer.from(chead +
    '01.018.00577.01,Người khác,video,,https://www.tiktok.com/@na.tran/video/7330000000000000777?_r=1,,28/01/2024,\n'));
  assert.equal(r.status, 409);
  assert.equal(r.json.errors[0].column, 'E');
  assert.match(r.json.errors[0].message, /đã được ghi nhận: bài #\d+ của Trần Thị Na/);
  const en = (await cadreA.get(`/api/v1/contests/${contest.id}/entries?limit=500`)).json;
  assert.equal(en.counts.entries, n0 + 2);
  const tu = en.items.find((i) => i.member_name === 'Lê Văn Tú');
  assert.deepEqual([tu.category, tu.platform, tu.posted_on, tu.views], ['writing', 'facebook', '2024-01-26', 320]);
});
