// SPDX-License-Identifier: AGPL-3.0-or-later
// The activity commands of the CLI against a demo database: activity add (link
// canonicalised, channel detected, theme guessed), list with originals/shares,
// export → import round trip, an import with bad cells (every one on stderr,
// nothing written, non-zero exit), figure set with errors and warnings, figure
// list, contest entries with a duplicate refused, and contest export.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../lib/server.mjs';
import { testDatabase } from '../lib/db.mjs';

let dir, db;
const D = ['--directive', '42/LĐLĐ'];
const U = ['--unit', '01.018.00577.03'];

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'lantoa-act-cli-'));
  db = testDatabase(dir, 't.db').url;
  assert.equal(cli(db, ['init']).status, 0);
  const d = cli(db, ['demo']);
  assert.equal(d.status, 0, d.stderr);
});
after(() => rmSync(dir, { recursive: true, force: true }));

const count = () => JSON.parse(cli(db, ['--json', 'activity', 'list', ...D, ...U]).stdout).counts.items;

test('activity add canonicalises the link, detects the channel and guesses the theme', () => {
  const r = cli(db, ['--json', 'activity', 'add', ...D, ...U, '--url', 'https://m.facebook.com/cdcs.mamnon/posts/77?fbclid=abc',
    '--title', 'Xe đưa công nhân về quê ăn Tết', '--date', '2024-02-02', '--views', '90']);
  assert.equal(r.status, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.equal(j.channel, 'facebook');
  assert.equal(j.url_canonical, 'https://facebook.com/cdcs.mamnon/posts/77');
  const list = JSON.parse(cli(db, ['--json', 'activity', 'list', ...D, ...U, '--q', 've que an tet']).stdout);
  const it = list.items.find((i) => i.id === j.id);
  assert.ok(it, 'found without diacritics');
  assert.match(it.theme.title, /Hành trình Tết Công đoàn/);
  assert.equal(it.views, 90);
  const plain = cli(db, ['activity', 'list', ...D, ...U]);
  assert.match(plain.stderr, /\d+ tin: \d+ bản gốc, \d+ lượt chia sẻ/);
  const bad = cli(db, ['activity', 'add', ...D, ...U, '--url', 'javascript:alert(1)']);
  assert.notEqual(bad.status, 0);
  assert.match(bad.stderr, /url/);
  const outsider = cli(db, ['activity', 'add', ...D, '--unit', '01', '--url', 'https://zalo.me/s/1/1']);
  assert.notEqual(outsider.status, 0);
  assert.match(outsider.stderr, /không nhận công văn/);
});

test('export → import round trip, and a bad file writes nothing and names every bad cell', () => {
  const x = join(dir, 'items.xlsx');
  let r = cli(db, ['activity', 'export', ...D, ...U, '-o', x]);
  assert.equal(r.status, 0, r.stderr);
  assert.ok(existsSync(x) && readFileSync(x).subarray(0, 2).toString() === 'PK');
  const n = count();
  r = cli(db, ['--json', 'activity', 'import', ...D, ...U, x]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).imported, n);
  assert.equal(count(), 2 * n, 'the same rows once more');
  const csv = join(dir, 'bad.csv');
  writeFileSync(csv, 'Tiêu đề,Ngày đăng,Đường dẫn,Lượt xem\nA,2024-01-20,https://facebook.com/x/posts/1,-3\nB,32/01/2024,https://facebook.com/x/posts/2,\n');
  r = cli(db, ['activity', 'import', ...D, ...U, csv]);
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /CSV, dòng 2, cột D \(views\)/);
  assert.match(r.stderr, /CSV, dòng 3, cột B \(date\): Ngày không hợp lệ "32\/01\/2024"/);
  assert.equal(count(), 2 * n);
  r = cli(db, ['--lang', 'en', 'activity', 'import', ...D, ...U, csv]);
  assert.match(r.stderr, /row 3, column B \(date\)/);
  const tpl = join(dir, 'tpl.xlsx');
  assert.equal(cli(db, ['activity', 'template', ...D, ...U, '-o', tpl]).status, 0);
  assert.ok(readFileSync(tpl).length > 3000);
});

test('figure set: errors refuse, warnings are shown, list shows values and totals', () => {
  let r = cli(db, ['figure', 'set', ...D, ...U, 'people_supported=12.5']);
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /số nguyên/);
  r = cli(db, ['figure', 'set', ...D, ...U, 'gift_recipients=50', 'gift_vnd=250000']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /cảnh báo: “Giá trị quà tặng” \/ “Số người nhận quà” = 5\.000/);
  r = cli(db, ['--json', 'figure', 'list', ...D, ...U]);
  const f = JSON.parse(r.stdout);
  assert.equal(f.indicators.find((i) => i.code === 'gift_vnd').value, 250000);
  r = cli(db, ['figure', 'list', ...D]);
  assert.match(r.stdout, /people_supported\s+\d+\s+Số người lao động được hỗ trợ/);
  const giftTotal = Number(/gift_vnd\s+(\d+)/.exec(r.stdout)[1]);
  assert.ok(giftTotal >= 250000, 'the whole tree\'s totals hold the unit\'s value just set');
  // The totals with --json come as the API gives them: the totals and a page of units.
  r = cli(db, ['--json', 'figure', 'list', ...D, '--limit', '1']);
  assert.equal(r.status, 0, r.stderr);
  const p1 = JSON.parse(r.stdout);
  assert.equal(p1.indicators.find((i) => i.code === 'gift_vnd').total, giftTotal);
  assert.equal(p1.units.length, 1);
  assert.ok(p1.recipients > 1 && p1.next_cursor);
  const p2 = JSON.parse(cli(db, ['--json', 'figure', 'list', ...D, '--limit', '1', '--cursor', p1.next_cursor]).stdout);
  assert.equal(p2.units.length, 1);
  assert.notEqual(p2.units[0].unit.id, p1.units[0].unit.id);
  r = cli(db, ['figure', 'list', ...D, '--limit', '0']);
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /limit/);
  const x = join(dir, 'fig.csv');
  assert.equal(cli(db, ['figure', 'export', ...D, ...U, '-o', x]).status, 0);
  assert.match(readFileSync(x, 'utf8'), /gift_vnd — Giá trị quà tặng,250000/);
  assert.equal(cli(db, ['figure', 'import', ...D, ...U, x]).status, 0);
});

test('contest entries: add, duplicate refused, counts, export', () => {
  const C = ['--contest', 'Bên nhau là Tết', ...D];
  let r = cli(db, ['contest', 'list', ...D]);
  assert.match(r.stdout, /Bên nhau là Tết/);
  r = cli(db, ['contest', 'entry', ...C, ...U, '--member', 'Phạm Thu Trang', '--category', 'writing',
    '--url', 'https://www.facebook.com/trang.pham/posts/555?mibextid=x', '--date', '2024-01-30', '--views', '40']);
  assert.equal(r.status, 0, r.stderr);
  r = cli(db, ['contest', 'entry', ...C, '--unit', '01.018.00577.04', '--member', 'Ai đó', '--category', 'video',
    '--url', 'https://m.facebook.com/trang.pham/posts/555']);
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /đã được ghi nhận: bài #\d+ của Phạm Thu Trang/);
  r = cli(db, ['--json', 'contest', 'entries', ...C, ...U]);
  const j = JSON.parse(r.stdout);
  assert.ok(j.items.some((i) => i.member_name === 'Phạm Thu Trang' && i.platform === 'facebook'));
  assert.equal(j.counts.by_unit[0].unit.code, '01.018.00577.03');
  const x = join(dir, 'entries.csv');
  assert.equal(cli(db, ['contest', 'export', ...C, '-o', x]).status, 0);
  assert.match(readFileSync(x, 'utf8'), /Phạm Thu Trang,writing,facebook/);
});
