// SPDX-License-Identifier: AGPL-3.0-or-later
// The registers of documents sent and received (sổ đăng ký văn bản đi / đến,
// Nghị định 30/2020 Phụ lục IV), issue 15: the demo's directives and reports
// are in them, numbered 1, 2, 3… per unit and year; a page at a time with a
// cursor; a directive issued now is out for its issuer and in for each
// recipient; many reports submitted at once and directives issued at once
// still get unique, gap-free numbers; a unit outside one's subtree is 403;
// the XLSX has the official headings and one row per entry; the migration's
// backfill numbers the same documents in time order.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, login, cli, DEMO_PASSWORD } from '../lib/server.mjs';
import { query } from '../lib/db.mjs';

let srv, work, gialam, xa;
const YEAR = new Date(Date.now() + 7 * 3600e3).getUTCFullYear(); // Vietnam's calendar year

before(async () => {
  srv = await startServer();
  work = mkdtempSync(join(tmpdir(), 'lantoa-reg-'));
  gialam = await login(srv.url, 'gialam');
  xa = await login(srv.url, 'xa-00577');
});

after(async () => {
  await srv?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

const unitOf = (code) => JSON.parse(cli(srv.db, ['--json', 'unit', 'show', code]).stdout).unit;
const reg = (who, unit, dir, qs = '') => who.get(`/api/v1/units/${unit}/registers/${dir}?${qs}`);

// Every entry of a register year, page by page (limit per page).
async function all(who, unit, dir, year, limit = 500) {
  const items = [];
  let cursor = '';
  for (;;) {
    const r = await reg(who, unit, dir, `year=${year}&limit=${limit}${cursor ? '&cursor=' + cursor : ''}`);
    assert.equal(r.status, 200, r.text);
    items.push(...r.json.items);
    if (!r.json.next_cursor) return items;
    assert.equal(r.json.items.length, limit);
    cursor = encodeURIComponent(r.json.next_cursor);
  }
}

const seqs = (items) => items.map((g) => g.seq);
const oneToN = (n) => Array.from({ length: n }, (_, i) => i + 1);

test("the demo's registers: Gia Lâm received 228/LĐLĐ and the unions' reports, sent 42/LĐLĐ", async () => {
  const gl = unitOf('01.018');
  const r = await reg(gialam, gl.id, 'in', 'year=2024&limit=50');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.items.length, 50);
  assert.ok(r.json.next_cursor);
  const items = await all(gialam, gl.id, 'in', 2024, 50);
  assert.deepEqual(seqs(items), oneToN(items.length));
  const first = items[0];
  assert.equal(first.number, '228/LĐLĐ');
  assert.equal(first.party, 'LĐLĐ thành phố Hà Nội');
  assert.equal(first.source, 'directive');
  assert.match(first.registered_date, /^2024-/);
  const reports = items.filter((g) => g.source === 'report');
  assert.ok(reports.length >= 50, `${reports.length} reports received`);
  for (const g of reports) {
    assert.match(g.number, /\/BC-/);
    assert.ok(['submitted', 'accepted', 'returned'].includes(g.status), g.status);
    assert.ok(g.party.startsWith('CĐCS '), g.party);
  }
  assert.ok(reports.some((g) => g.status === 'accepted'));

  const out = await all(gialam, gl.id, 'out', 2024);
  const d42 = out.find((g) => g.number === '42/LĐLĐ');
  assert.ok(d42, 'Gia Lâm sent 42/LĐLĐ');
  assert.equal(d42.copies, 133);
  assert.equal(d42.status, 'sent');
  assert.deepEqual(seqs(out), oneToN(out.length));

  // A grassroots union: 42/LĐLĐ came in, its report went out to Gia Lâm.
  const cadre = await login(srv.url, 'cs-00577-01');
  const cs = cadre.user.unit.id;
  const cin = await all(cadre, cs, 'in', 2024);
  const got = cin.find((g) => g.number === '42/LĐLĐ');
  assert.equal(got.party, 'LĐLĐ huyện Gia Lâm');
  assert.equal(got.deadline, '2024-02-20');
  assert.ok(['received', 'opened', 'acknowledged', 'report_submitted', 'report_accepted', 'report_returned'].includes(got.status));
});

test('a directive issued now: out for the issuer, in for each recipient, status follows the receipt', async () => {
  const dt = unitOf('01.018.00577');
  const before = await all(xa, dt.id, 'out', YEAR);
  let r = await xa.post('/api/v1/directives', {
    number: '7/CĐ', place: 'Đa Tốn', date: `${YEAR}-01-10`, subject: 'sổ văn bản: thử phát hành',
    recipients: { mode: 'grassroots_under', unit_id: dt.id }, report_deadline: `${YEAR}-12-20`,
    themes: [{ title: 'Thử', items: ['Một'] }],
    signer: { authority: 'TM. BAN THƯỜNG VỤ', title: 'CHỦ TỊCH', name: 'Trần Văn Ký' },
  });
  assert.equal(r.status, 201, r.text);
  const id = r.json.directive.id;
  r = await xa.post(`/api/v1/directives/${id}/issue`, {});
  assert.equal(r.status, 200, r.text);
  const n = r.json.counts.recipients;

  const out = await all(xa, dt.id, 'out', YEAR);
  assert.equal(out.length, before.length + 1);
  const mine = out.at(-1);
  assert.equal(mine.seq, before.length + 1);
  assert.equal(mine.number, '7/CĐ');
  assert.equal(mine.copies, n);
  assert.equal(mine.acknowledged, 0);
  assert.equal(mine.subject, 'sổ văn bản: thử phát hành');
  assert.equal(mine.signer, 'Trần Văn Ký', 'Người ký: the directive\'s signer');

  const cadre = await login(srv.url, 'cs-00577-02');
  let cin = await all(cadre, cadre.user.unit.id, 'in', YEAR);
  let g = cin.find((x) => x.directive_id === id);
  assert.equal(g.party, 'Công đoàn xã Đa Tốn');
  assert.equal(g.deadline, `${YEAR}-12-20`);
  assert.equal(g.signer, 'Trần Văn Ký');
  assert.equal(g.status, 'received');
  assert.equal((await cadre.post(`/api/v1/directives/${id}/ack`, {})).status, 200);
  cin = await all(cadre, cadre.user.unit.id, 'in', YEAR);
  g = cin.find((x) => x.directive_id === id);
  assert.equal(g.status, 'acknowledged');
  assert.equal(g.seq, cin.indexOf(g) + 1);
  const again = (await all(xa, dt.id, 'out', YEAR)).at(-1);
  assert.equal(again.acknowledged, 1);
});

test('many submissions and issues at once: numbers unique and gap-free per unit and year', async () => {
  const gl = unitOf('01.018');
  const dt = unitOf('01.018.00577');
  const inBefore = (await all(gialam, gl.id, 'in', YEAR)).length;
  // A directive of this year from Gia Lâm to every grassroots union.
  let r = await gialam.post('/api/v1/directives', {
    number: '90/LĐLĐ', place: 'Gia Lâm', date: `${YEAR}-02-01`, subject: 'sổ văn bản: nộp cùng lúc',
    recipients: { mode: 'grassroots_under', unit_id: gl.id }, report_deadline: `${YEAR}-12-30`,
    themes: [{ title: 'Thử', items: ['Một'] }],
  });
  assert.equal(r.status, 201, r.text);
  const dir = r.json.directive.id;
  assert.equal((await gialam.post(`/api/v1/directives/${dir}/issue`, {})).status, 200);
  // A cadre for each of 24 unions.
  r = await gialam.get(`/api/v1/directives/${dir}/receipts?limit=24`);
  assert.equal(r.status, 200, r.text);
  const units = r.json.items.map((x) => x.unit ?? x).slice(0, 24);
  assert.equal(units.length, 24);
  const cadres = [];
  for (const [i, u] of units.entries()) {
    const loginName = `reg-cs-${i}`;
    const a = cli(srv.db, ['user', 'add', loginName, '--name', `Cán bộ ${i}`, '--unit', u.code, '--role', 'cadre'], DEMO_PASSWORD + '\n');
    assert.equal(a.status, 0, a.stderr);
    cadres.push(await login(srv.url, loginName));
  }
  // Everything at once: 24 reports to Gia Lâm, and two more directives to Đa Tốn's unions.
  const drafts = await Promise.all([gialam, xa].map((who, k) => who.post('/api/v1/directives', {
    number: `${91 + k}/X`, place: 'Gia Lâm', date: `${YEAR}-02-02`, subject: `cùng lúc ${k}`,
    recipients: { mode: 'grassroots_under', unit_id: dt.id }, themes: [{ title: 'Thử', items: ['Một'] }],
  })));
  for (const d of drafts) assert.equal(d.status, 201, d.text);
  const results = await Promise.all([
    ...cadres.map((c, i) => c.post(`/api/v1/directives/${dir}/units/${units[i].id}/report/submit`, {})),
    gialam.post(`/api/v1/directives/${drafts[0].json.directive.id}/issue`, {}),
    xa.post(`/api/v1/directives/${drafts[1].json.directive.id}/issue`, {}),
  ]);
  for (const x of results) assert.equal(x.status, 200, x.text);

  const glIn = await all(gialam, gl.id, 'in', YEAR, 7);
  assert.deepEqual(seqs(glIn), oneToN(inBefore + 24));
  const reports = glIn.filter((g) => g.source === 'report' && g.directive_id === dir);
  assert.equal(reports.length, 24);
  assert.equal(new Set(reports.map((g) => g.report_id)).size, 24);
  assert.ok(reports.every((g) => g.status === 'submitted' && g.subject === 'sổ văn bản: nộp cùng lúc'));
  // Each union sent its report as its first (or next) outgoing document of the year.
  for (const [i, c] of cadres.entries()) {
    const out = await all(c, units[i].id, 'out', YEAR);
    assert.deepEqual(seqs(out), oneToN(out.length));
    const g = out.find((x) => x.directive_id === dir);
    assert.equal(g.party, 'LĐLĐ huyện Gia Lâm');
    assert.match(g.number, /\/BC-/);
  }
  // Đa Tốn's unions received both directives at once: gap-free too.
  const cadre = await login(srv.url, 'cs-00577-03');
  const cin = await all(cadre, cadre.user.unit.id, 'in', YEAR);
  assert.deepEqual(seqs(cin), oneToN(cin.length));
  assert.ok(cin.some((g) => g.number === '91/X') && cin.some((g) => g.number === '92/X'));
  // And across the whole database: every counter equals its entries, numbers 1..n.
  const bad = query(srv.db, `SELECT c.unit_id, c.direction, c.year FROM register_counter c
    WHERE c.last <> (SELECT count(*) FROM register_entry g WHERE g.unit_id = c.unit_id
      AND g.direction = c.direction AND g.year = c.year)
    OR c.last <> (SELECT max(seq) FROM register_entry g WHERE g.unit_id = c.unit_id
      AND g.direction = c.direction AND g.year = c.year)`);
  assert.deepEqual(bad, []);
});

test('access: a unit outside the subtree is 403; bad year, direction or cursor are 400', async () => {
  const cs1 = unitOf('01.018.00577.01');
  const dt = unitOf('01.018.00577');
  const other = await login(srv.url, 'cs-00577-02');
  let r = await reg(other, cs1.id, 'in');
  assert.equal(r.status, 403, r.text);
  r = await other.get(`/api/v1/units/${cs1.id}/registers/out/export.xlsx?year=2024`);
  assert.equal(r.status, 403);
  const tq = await login(srv.url, 'xa-00565');
  assert.equal((await reg(tq, dt.id, 'out')).status, 403);
  // The officer above reads it.
  assert.equal((await reg(xa, cs1.id, 'in', 'year=2024')).status, 200);
  r = await reg(xa, dt.id, 'in', 'year=1899');
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'year');
  r = await reg(xa, dt.id, 'in', 'limit=501');
  assert.equal(r.status, 400);
  r = await reg(xa, dt.id, 'in', 'cursor=zz');
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'cursor');
});

function unzipText(file, member) {
  const r = spawnSync('python3', ['-c', 'import sys,zipfile;print(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode())', file, member], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

test('XLSX of a year: the headings of Phụ lục IV and one row per entry', async () => {
  const gl = unitOf('01.018');
  for (const [dir, heads] of [
    ['in', ['Ngày đến', 'Số đến', 'Tác giả', 'Số, ký hiệu', 'Ngày tháng', 'Tên loại và trích yếu nội dung', 'Đơn vị hoặc người nhận', 'Ký nhận', 'Ghi chú', 'Hạn giải quyết', 'Tình trạng']],
    ['out', ['Số đi', 'Số, ký hiệu văn bản', 'Ngày tháng văn bản', 'Tên loại và trích yếu nội dung văn bản', 'Người ký', 'Nơi nhận văn bản', 'Đơn vị, người nhận bản lưu', 'Số lượng bản', 'Ngày chuyển', 'Ký nhận', 'Ghi chú', 'Hạn giải quyết', 'Tình trạng']],
  ]) {
    const res = await fetch(`${srv.url}/api/v1/units/${gl.id}/registers/${dir}/export.xlsx?year=2024`, { headers: { Cookie: gialam.cookie } });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type'), /spreadsheetml/);
    assert.match(res.headers.get('content-disposition'), new RegExp(`so-van-ban-${dir === 'in' ? 'den' : 'di'}-01\\.018-2024\\.xlsx`));
    const f = join(work, `${dir}.xlsx`);
    writeFileSync(f, Buffer.from(await res.arrayBuffer()));
    const strings = unzipText(f, 'xl/sharedStrings.xml');
    for (const h of heads) assert.ok(strings.includes(`>${h}<`), `heading ${h}`);
    const sheet = unzipText(f, 'xl/worksheets/sheet1.xml');
    const rows = (sheet.match(/<row /g) || []).length;
    const entries = await all(gialam, gl.id, dir, 2024);
    assert.equal(rows, entries.length + 1);
    if (dir === 'in') {
      assert.ok(strings.includes('>LĐLĐ thành phố Hà Nội<'));
      assert.ok(strings.includes('>Công văn — truyền thông'), 'kind and subject together');
    } else {
      assert.ok(strings.includes('>42/LĐLĐ<'));
      assert.ok(strings.includes('>133 đơn vị<'));
      assert.ok(strings.includes('>Nguyễn Đức Thê<'), 'Người ký of 42/LĐLĐ');
    }
  }
});

test('lantoa register add: a paper letter takes the next number; bad input and other units refused', async () => {
  const gl = unitOf('01.018');
  const n = (await all(gialam, gl.id, 'in', YEAR)).length;
  let r = cli(srv.db, ['--json', 'register', 'add', '--unit', '01.018', '--dir', 'in', '--kind', 'Quyết định',
    '--subject', 'thành lập ban chỉ đạo Tết', '--party', 'UBND huyện Gia Lâm', '--number', '12/QĐ-UBND',
    '--date', `${YEAR}-01-05`, '--deadline', `${YEAR}-12-31`]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).seq, n + 1);
  const items = await all(gialam, gl.id, 'in', YEAR);
  const g = items.at(-1);
  assert.equal(g.seq, n + 1);
  assert.equal(g.source, 'other');
  assert.equal(g.number, '12/QĐ-UBND');
  assert.equal(g.party, 'UBND huyện Gia Lâm');
  assert.equal(g.status, 'received');
  // A bad date names the field, in Vietnamese; nothing is numbered.
  r = cli(srv.db, ['register', 'add', '--unit', '01.018', '--dir', 'in', '--kind', 'Công văn', '--subject', 'x',
    '--party', 'y', '--date', `${YEAR}-13-01`]);
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /date: Ngày không hợp lệ/);
  r = cli(srv.db, ['--lang', 'en', 'register', 'add', '--unit', '01.018', '--dir', 'in', '--kind', 'Công văn', '--party', 'y']);
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /subject/);
  // A cadre of a union cannot register for the district; the CLI list reads like the API.
  r = cli(srv.db, ['--as', 'cs-00577-01', 'register', 'add', '--unit', '01.018', '--dir', 'in', '--kind', 'K', '--subject', 'S', '--party', 'P']);
  assert.equal(r.status, 5, r.stderr);
  r = cli(srv.db, ['register', 'list', '--unit', '01.018', '--dir', 'in', '--year', String(YEAR), '--limit', '500']);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(seqs(JSON.parse(r.stdout).items), oneToN(n + 1));
});

test("the migration's backfill numbers the same documents in time order", async () => {
  const cols = `unit_id, direction, year, registered_at, source, directive_id, report_id, rev,
    doc_number, kind, subject, party, party_unit_id, deadline, copies`;
  const key = (g) => JSON.stringify([g.unit_id, g.direction, g.year, g.registered_at, g.source,
    g.directive_id, g.report_id, g.rev, g.doc_number, g.kind, g.subject, g.party,
    g.party_unit_id, g.deadline, g.copies].map((v) => (v === null ? null : String(v))));
  // What the flows recorded (a paper letter added by hand has nothing to be rebuilt from).
  const live = query(srv.db, `SELECT ${cols} FROM register_entry WHERE source IN ('directive', 'report')`).map(key).sort();
  // The server stays up, idle: the test is the file's last.
  query(srv.db, `DROP TABLE register_entry;\nDROP TABLE register_counter;\nDELETE FROM schema_migration WHERE version = 17`);
  const r = cli(srv.db, ['unit', 'show', '01']); // opening the database migrates it
  assert.equal(r.status, 0, r.stderr);
  const rows = query(srv.db, `SELECT ${cols}, seq FROM register_entry ORDER BY unit_id, direction, year, seq`);
  assert.deepEqual(rows.map(key).sort(), live);
  // Within a unit and year the numbers run 1..n in time order.
  let prev = null;
  for (const g of rows) {
    const same = prev && prev.unit_id === g.unit_id && prev.direction === g.direction && prev.year === g.year;
    assert.equal(Number(g.seq), same ? Number(prev.seq) + 1 : 1);
    if (same) assert.ok(Number(g.registered_at) >= Number(prev.registered_at));
    prev = g;
  }
});
