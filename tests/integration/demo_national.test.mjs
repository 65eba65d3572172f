// SPDX-License-Identifier: AGPL-3.0-or-later
// `lantoa demo --national` on a small catalogue in the dvhcvn format (one
// province, two districts, three communes of the real file's first entries):
// it builds grassroots unions under every commune, cascades one national
// directive to all of them, loads figures and reports in mixed states, and
// prints the logins, which then work; the national dashboard's kept totals
// agree with the figures of the accepted units it lists.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, startServer, login } from '../lib/server.mjs';
import { testDatabase } from '../lib/db.mjs';

const dir = mkdtempSync(join(tmpdir(), 'lt-national-'));
const database = testDatabase(dir, 'national.db');
let srv;
after(async () => {
  if (srv) await srv.stop();
  database.drop();
  rmSync(dir, { recursive: true, force: true });
});

const commune = (id, name) => ({ level3_id: id, name, type: 'Phường' });
const catalogue = {
  data: [{
    level1_id: '01', name: 'Thành phố Hà Nội', type: 'Thành phố Trung ương',
    level2s: [
      { level2_id: '001', name: 'Quận Ba Đình', type: 'Quận', level3s: [commune('00001', 'Phường Phúc Xá'), commune('00004', 'Phường Trúc Bạch')] },
      { level2_id: '002', name: 'Quận Hoàn Kiếm', type: 'Quận', level3s: [commune('00037', 'Phường Phúc Tân')] },
    ],
  }],
};

test('demo --national builds the tree, the directive and its reports, and prints logins that work', async () => {
  const file = join(dir, 'dvhcvn.json');
  writeFileSync(file, JSON.stringify(catalogue));
  assert.equal(cli(database.url, ['init']).status, 0);
  const r = cli(database.url, ['demo', '--national', '--file', file]);
  assert.equal(r.status, 0, r.stderr);
  for (const name of ['vn', 'hanoi', 'cs-demo', 'admin']) assert.match(r.stdout, new RegExp(`^  ${name} `, 'm'), r.stdout);
  const m = /(\d+) (?:units|đơn vị) \((\d+) (?:grassroots|CĐCS), (\d+) (?:members|đoàn viên)\)/.exec(r.stderr);
  assert.ok(m, r.stderr);
  const [units, grassroots, members] = m.slice(1).map(Number);
  // 1 confederation + 1 province + 2 districts + 3 communes, and 8–16 unions under each commune.
  assert.equal(units, 7 + grassroots);
  assert.ok(grassroots >= 3 * 8 && grassroots <= 3 * 16, `${grassroots} grassroots unions`);
  assert.ok(members > grassroots * 10, `${members} members`);

  // A second run refuses: the demo only fills an empty database.
  const again = cli(database.url, ['demo', '--national', '--file', file]);
  assert.notEqual(again.status, 0);

  srv = await startServer({ db: database.url, dir: mkdtempSync(join(tmpdir(), 'lt-national-srv-')) });
  const vn = await login(srv.url, 'vn');
  assert.equal(vn.user.unit.level, 'national');
  const issued = (await vn.get('/api/v1/directives?box=issued')).json.items;
  assert.equal(issued.length, 1);
  assert.equal(issued[0].counts.recipients, grassroots, 'the directive reached every grassroots union');

  const dash = (await vn.get(`/api/v1/directives/${issued[0].id}/dashboard`)).json;
  const c = dash.completeness;
  assert.equal(c.expected, grassroots);
  assert.equal(c.submitted + c.missing, c.expected);
  assert.ok(c.missing > 0 && c.submitted > 0, 'some reports are in, some are missing');
  assert.equal(dash.children_total, 1, 'one province');
  // The kept national totals are the sum of the accepted units' own figures.
  const accepted = dash.units.filter((u) => u.status === 'accepted');
  assert.ok(accepted.length > 0);
  for (const f of dash.rollup.figures.filter((x) => x.aggregation === 'sum')) {
    const sum = accepted.reduce((s, u) => s + ((u.figures && u.figures[f.code]) || 0), 0);
    assert.equal(f.value, sum, f.code);
    assert.equal(dash.children[0].figures[f.code], sum, `province ${f.code}`);
  }

  // The report page's level, from the kept counts by report state (the demo loads reports in
  // bulk, then rebuilds): every recipient is under the national unit, as many accepted as
  // the dashboard lists, and its one child, the province, holds them.
  const level = (await vn.get(`/api/v1/directives/${issued[0].id}/units/${vn.user.unit.id}/report`)).json.level;
  assert.equal(level.subtree.total, grassroots);
  assert.equal(level.subtree.accepted, accepted.length);
  assert.ok(level.subtree.submitted > 0 && level.subtree.none > 0, 'reports in several states');
  assert.equal(level.children.total, 1);
  assert.equal(level.readiness, 'waiting_lower');
  assert.equal(cli(database.url, ['rollup', 'verify']).status, 0, 'the kept rows agree with a recount');

  const hanoi = await login(srv.url, 'hanoi');
  assert.equal(hanoi.user.unit.code, '01');
  const cadre = await login(srv.url, 'cs-demo');
  assert.equal(cadre.user.unit.level, 'grassroots');
  const inbox = (await cadre.get('/api/v1/directives?box=inbox')).json.items;
  assert.ok(inbox.some((d) => d.number === '01/TLĐ'), 'the cadre received the national directive');

  // Activity items and workers' messages at the issue's scale: about 16 items and 7
  // messages a union, as printed, and the national views count every one of them.
  const counts = /(\d+) (?:items|tin bài), (\d+) (?:feedback messages|ý kiến)/.exec(r.stderr);
  assert.ok(counts, r.stderr);
  const [items, messages] = counts.slice(1).map(Number);
  assert.ok(items >= grassroots * 8 && items <= grassroots * 30, `${items} items`);
  assert.ok(messages >= grassroots * 4 && messages <= grassroots * 20, `${messages} messages`);
  const acts = (await vn.get(`/api/v1/activities?directive_id=${issued[0].id}&limit=5`)).json;
  assert.equal(acts.counts.items, items);
  assert.ok(acts.items.every((a) => a.theme && a.theme.title), 'every item has one of the four themes');
  const sum = (await vn.get('/api/v1/feedback/summary')).json.summary;
  assert.equal(sum.total, messages);
  for (const st of ['new', 'in_progress', 'answered', 'closed', 'spam']) assert.ok(sum.by_status[st] > 0, st);
  assert.ok(sum.overdue > 0 && sum.urgent > 0);
  assert.equal(sum.by_unit.reduce((s, u) => s + u.total, 0), messages);
  // Every message reaches the national subtree's list, page after page.
  let seen = 0;
  let cursor = '';
  for (let i = 0; i < 1000; i++) {
    const page = (await vn.get(`/api/v1/feedback?view=subtree&limit=500${cursor}`)).json;
    seen += page.items.length;
    if (!page.next_cursor) break;
    cursor = `&cursor=${page.next_cursor}`;
  }
  assert.equal(seen, messages);
});
