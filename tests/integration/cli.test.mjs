// SPDX-License-Identifier: AGPL-3.0-or-later
// The lantoa command line: imports, users, backup, help and exit codes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, ROOT } from '../lib/server.mjs';
import { BACKEND, testDatabase } from '../lib/db.mjs';

const fresh = () => {
  const dir = mkdtempSync(join(tmpdir(), 'lantoa-cli-'));
  const db = testDatabase(dir, 't.db').url;
  assert.equal(cli(db, ['init']).status, 0);
  return { dir, db };
};
const list = (db, args = []) => JSON.parse(cli(db, ['--json', 'unit', 'list', ...args]).stdout).items;

test('unit import from CSV creates the tree, parents in any order', () => {
  const { dir, db } = fresh();
  const csv = join(dir, 'units.csv');
  // ';' separated as Vietnamese Excel writes it, BOM, a child before its parent, quoted name.
  writeFileSync(csv, '\ufeffcode;name;level;parent_code;email;members\r\n' +
    'Q1.01;"CĐCS Công ty ""Sao Mai""";grassroots;Q1;sm@example.org;120\r\n' +
    'Q1;LĐLĐ quận 1;district;;;\r\n' +
    'Q1.02;CĐCS Trường THCS Đức Thắng;grassroots;Q1;;45\r\n');
  const r = cli(db, ['--json', 'unit', 'import', csv]);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), { created: 3 });
  const units = list(db, ['--q', 'duc thang']);
  assert.equal(units.length, 1);
  assert.equal(units[0].members, 45);
  assert.equal(list(db, ['--parent', 'Q1']).length, 2);
  assert.equal(list(db, ['--q', 'sao mai'])[0].name, 'CĐCS Công ty "Sao Mai"');
  rmSync(dir, { recursive: true });
});

test('a bad CSV row names row and column, and nothing is imported', () => {
  const { dir, db } = fresh();
  const cases = [
    ['code,name,level,parent_code\nA,Unit A,district,\nB,Unit B,grassroots,NOPE\n', 'row 3, column D (parent_code)'],
    ['code,name,level,parent_code\nA,Unit A,district,\nB,Unit B,galaxy,A\n', 'row 3, column C (level)'],
    ['code,name,level,members\nA,Unit A,district,-4\n', 'row 2, column D (members)'],
    ['code,name,level\nA,Unit A,district\nA,Unit A again,district\n', 'row 3, column A (code)', 4],
    ['code,name,level,colour\nA,Unit A,district,red\n', 'row 1'],
    ['code,name\nA,Unit A\n', 'row 1'],
  ];
  for (const [text, where, status = 2] of cases) {
    const f = join(dir, 'bad.csv');
    writeFileSync(f, text);
    const r = cli(db, ['unit', 'import', f]);
    assert.equal(r.status, status, r.stderr);
    assert.ok(r.stderr.includes(where), `${where} in: ${r.stderr}`);
    assert.equal(list(db).length, 0, 'nothing written');
  }
  const latin1 = join(dir, 'latin1.csv');
  writeFileSync(latin1, Buffer.from('code,name,level\nA,Tr\xeen,district\n', 'latin1'));
  const r = cli(db, ['--lang', 'en', 'unit', 'import', latin1]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /UTF-8/);
  rmSync(dir, { recursive: true });
});

const DVHCVN = join(ROOT, '..', 'shared', 'data', 'dvhcvn', 'dvhcvn_20240901.json');
test('import-dvhcvn builds Hà Nội → Gia Lâm → 22 communes with official codes, idempotently', (t) => {
  if (!existsSync(DVHCVN)) { t.skip('needs ../shared/data: dvhcvn'); return; }
  const { dir, db } = fresh();
  let r = cli(db, ['--json', 'unit', 'import-dvhcvn', DVHCVN, '--province', '01', '--district', '018']);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), { units: 24, created: 24 });
  const communes = list(db, ['--parent', '01.018']);
  assert.equal(communes.length, 22);
  assert.ok(communes.some((u) => u.code === '01.018.00577' && u.name === 'Công đoàn xã Đa Tốn'));
  assert.ok(communes.some((u) => u.name === 'Công đoàn thị trấn Trâu Quỳ'));
  assert.equal(list(db, ['--q', 'gia lam'])[0].name, 'LĐLĐ huyện Gia Lâm');
  r = cli(db, ['--json', 'unit', 'import-dvhcvn', DVHCVN, '--province', '01', '--district', '018']);
  assert.deepEqual(JSON.parse(r.stdout), { units: 24, created: 0 });
  r = cli(db, ['unit', 'import-dvhcvn', DVHCVN, '--province', '99']);
  assert.equal(r.status, 3);
  assert.match(r.stderr, /--province/);
  rmSync(dir, { recursive: true });
});

test('move, merge, close and history from the CLI keep the past', () => {
  const { dir, db } = fresh();
  assert.equal(cli(db, ['demo']).status, 0);
  let r = cli(db, ['unit', 'move', '01.018.00577.01', '--to', '01.018.00526', '--date', '2025-01-01']);
  assert.equal(r.status, 0, r.stderr);
  r = cli(db, ['--json', 'unit', 'history', '01.018.00577.01']);
  const h = JSON.parse(r.stdout).items;
  assert.deepEqual(h.map((v) => v.change), ['create', 'move']);
  assert.equal(h[0].valid_to, '2025-01-01');
  r = cli(db, ['unit', 'close', '01.018.00577']);
  assert.equal(r.status, 4); // still has unions under it
  assert.match(r.stderr, /đơn vị trực thuộc/);
  r = cli(db, ['unit', 'merge', '01.018.00577', '--into', '01.018.00580', '--date', '2025-07-01']);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(list(db, ['--parent', '01.018.00577']).length, 0);
  r = cli(db, ['unit', 'show', 'NO-SUCH']);
  assert.equal(r.status, 3);
  rmSync(dir, { recursive: true });
});

test('user add, list --json and backup', () => {
  const { dir, db } = fresh();
  assert.equal(cli(db, ['demo']).status, 0);
  let r = cli(db, ['user', 'add', 'new.officer', '--name', 'Lê Thị Hoa', '--unit', '01.018', '--role', 'officer', '--password-stdin'], 'correct-horse-1\n');
  assert.equal(r.status, 0, r.stderr);
  r = cli(db, ['user', 'add', 'new.officer', '--name', 'X', '--unit', '01.018', '--password-stdin'], 'correct-horse-1\n');
  assert.equal(r.status, 4);
  r = cli(db, ['user', 'add', 'short.pw', '--name', 'X', '--unit', '01.018', '--password-stdin'], 'abc\n');
  assert.equal(r.status, 2);
  assert.match(r.stderr, /password/);
  const users = JSON.parse(cli(db, ['--json', 'user', 'list', '--unit', '01.018', '--q', 'hoa']).stdout).items;
  assert.deepEqual(users.map((u) => [u.login, u.role]), [['new.officer', 'officer']]);
  const out = join(dir, 'backup.db');
  r = cli(db, ['backup', out]);
  if (BACKEND === 'sqlite') {
    assert.equal(r.status, 0, r.stderr);
    assert.equal(list('sqlite:' + out, ['--q', 'gia lam'])[0].code, '01.018');
    assert.equal(cli(db, ['backup', out]).status, 4); // never overwrites
  } else { // the online backup is SQLite's; PostgreSQL has pg_dump, and says so
    assert.equal(r.status, 2);
    assert.match(r.stderr, /pg_dump/);
    assert.equal(existsSync(out), false);
  }
  assert.equal(cli(db, ['demo']).status, 4);           // demo only fills an empty database
  rmSync(dir, { recursive: true });
});

test('--help works on every command and unknown commands exit 2', () => {
  const db = 'sqlite::memory:';
  for (const c of [['serve'], ['init'], ['demo'], ['backup'], ['unit', 'list'], ['unit', 'show'], ['unit', 'add'],
    ['unit', 'rename'], ['unit', 'move'], ['unit', 'merge'], ['unit', 'close'], ['unit', 'history'],
    ['unit', 'import'], ['unit', 'import-dvhcvn'], ['user', 'add'], ['user', 'passwd'], ['user', 'list']]) {
    const r = cli(db, [...c, '--help']);
    assert.equal(r.status, 0, c.join(' ') + r.stderr);
    assert.match(r.stdout, new RegExp('lantoa ' + c.join(' ')));
  }
  assert.equal(cli(db, ['frobnicate']).status, 2);
});

// Issue 9: a command used to ignore what it did not know (`user list --bogus`
// listed users). Every unit, user and directive command now refuses an unknown
// option or a stray argument with exit 2, naming it, and prints its usage.
test('unit, user and directive commands refuse unknown options and stray arguments', () => {
  const { dir, db } = fresh();
  const commands = [['unit', 'list'], ['unit', 'show', 'X'], ['unit', 'add'], ['unit', 'rename', 'X'],
    ['unit', 'move', 'X'], ['unit', 'merge', 'X'], ['unit', 'close', 'X'], ['unit', 'history', 'X'],
    ['unit', 'import', 'f.csv'], ['unit', 'import-dvhcvn', 'f.json'], ['user', 'add', 'x'],
    ['user', 'passwd', 'x'], ['user', 'list'], ['directive', 'list'], ['directive', 'show', '1'],
    ['directive', 'create', 'f.json'], ['directive', 'issue', '1'], ['directive', 'ack', '1'],
    ['directive', 'receipts', '1'], ['directive', 'cascade', '1'], ['directive', 'parse', 'f.txt']];
  for (const c of commands) {
    let r = cli(db, [...c, '--bogus']);
    assert.equal(r.status, 2, c.join(' ') + r.stderr);
    assert.match(r.stderr, /--bogus/, c.join(' '));
    assert.match(r.stderr, new RegExp('lantoa ' + c.slice(0, 2).join(' ')), c.join(' '));
    r = cli(db, [...c, 'stray-1', 'stray-2']);
    assert.equal(r.status, 2, c.join(' ') + r.stderr);
    assert.match(r.stderr, /stray-/, c.join(' '));
    r = cli(db, [...c.slice(0, 2), '--help']);
    assert.equal(r.status, 0, c.join(' ') + r.stderr);
  }
  rmSync(dir, { recursive: true });
});

test('--as makes a command act with that user\'s access', () => {
  const { dir, db } = fresh();
  assert.equal(cli(db, ['demo']).status, 0);
  // A cadre sees its own unit's history, not a sibling's; the console sees both.
  assert.equal(cli(db, ['--as', 'cs-00577-01', 'unit', 'history', '01.018.00577.01']).status, 0);
  let r = cli(db, ['--as', 'cs-00577-01', 'unit', 'history', '01.018.00577.02']);
  assert.equal(r.status, 5, r.stderr);
  assert.equal(cli(db, ['unit', 'history', '01.018.00577.02']).status, 0);
  // Only the issuing side sees who acknowledged; a cadre cannot list users.
  r = cli(db, ['--as', 'cs-00577-01', 'directive', 'receipts', '42/LĐLĐ']);
  assert.equal(r.status, 5, r.stderr);
  r = cli(db, ['--json', '--as', 'gialam', 'directive', 'receipts', '42/LĐLĐ', '--state', 'acknowledged']);
  assert.equal(r.status, 0, r.stderr);
  const rec = JSON.parse(r.stdout);
  assert.equal(rec.items.length, rec.counts.acknowledged);
  assert.equal(cli(db, ['--as', 'cs-00577-01', 'user', 'list']).status, 5);
  rmSync(dir, { recursive: true });
});
