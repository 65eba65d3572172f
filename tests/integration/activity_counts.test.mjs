// SPDX-License-Identifier: AGPL-3.0-or-later
// The activity list's counts (issue 10: kept per directive, unit and channel
// instead of counted on every request) are the numbers a recount of the
// items gives, for a district officer, a commune's cadre and another
// commune's, with and without the directive and channel filters; they move
// at once with a create, an edit that changes the channel and a delete; and
// `lantoa rollup verify` finds a spoiled counter and --repair mends it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login, cli } from '../lib/server.mjs';
import { sqlText } from '../lib/db.mjs';

let srv, users, dir;
const sql = (q) => sqlText(srv.db, q);

before(async () => {
  srv = await startServer();
  users = {};
  for (const name of ['gialam', 'cs-00577-01', 'cs-00580-01']) users[name] = await login(srv.url, name);
  const inbox = await users['cs-00577-01'].get('/api/v1/directives?box=inbox');
  dir = inbox.json.items.find((d) => d.number === '42/LĐLĐ').id;
});
after(async () => { await srv.stop(); });

// The counts as the items give them, straight from SQL, for login's subtree.
function recount(name, { directive, channel } = {}) {
  const path = sql(`SELECT u.path FROM app_user a JOIN unit u ON u.id = a.unit_id WHERE a.login = '${name}'`);
  const end = path.slice(0, -1) + '0';
  const rows = sql(`SELECT a.channel, count(*), sum(a.is_original) FROM activity a JOIN unit u ON u.id = a.unit_id
    WHERE u.path >= '${path}' AND u.path < '${end}'${directive ? ` AND a.directive_id = ${directive}` : ''}
    ${channel ? ` AND a.channel = '${channel}'` : ''} GROUP BY a.channel`);
  const by = {};
  let items = 0, originals = 0;
  for (const line of rows ? rows.split('\n') : []) {
    const [ch, n, o] = line.split('|');
    by[ch] = Number(n);
    items += Number(n);
    originals += Number(o);
  }
  return { items, originals, shares: items - originals, by_channel: by };
}

async function listed(name, { directive, channel } = {}) {
  const q = new URLSearchParams({ limit: '1' });
  if (directive) q.set('directive_id', directive);
  if (channel) q.set('channel', channel);
  const r = await users[name].get('/api/v1/activities?' + q);
  assert.equal(r.status, 200);
  assert.equal(r.json.counts.capped, false, 'no search: exact counts');
  const { items, originals, shares, by_channel } = r.json.counts;
  return { items, originals, shares, by_channel };
}

async function allSame() {
  for (const name of Object.keys(users))
    for (const f of [{}, { directive: dir }, { channel: 'facebook' }, { directive: dir, channel: 'print' }])
      assert.deepEqual(await listed(name, f), recount(name, f), `${name} ${JSON.stringify(f)}`);
}

test('the list counts are the items\' numbers, and follow a create, a channel change and a delete', async () => {
  await allSame();
  const before = await listed('gialam');
  assert.ok(before.items > 0, 'the demo has items');
  const cadre = users['cs-00577-01'];
  const made = await cadre.post('/api/v1/activities', { directive_id: dir, channel: 'print', title: 'Bản tin Tết in', date: '2024-01-20' });
  assert.equal(made.status, 201);
  const after1 = await listed('gialam');
  assert.equal(after1.items, before.items + 1);
  assert.equal(after1.by_channel.print, (before.by_channel.print || 0) + 1);
  await allSame();
  const moved = await cadre.patch('/api/v1/activities/' + made.json.id, { channel: 'radio' });
  assert.equal(moved.status, 200);
  const after2 = await listed('gialam');
  assert.equal(after2.items, before.items + 1);
  assert.equal(after2.by_channel.radio, (before.by_channel.radio || 0) + 1);
  assert.equal(after2.by_channel.print, before.by_channel.print);
  await allSame();
  const gone = await cadre.del('/api/v1/activities/' + made.json.id);
  assert.ok(gone.status === 200 || gone.status === 204);
  assert.deepEqual(await listed('gialam'), before);
  await allSame();
});

test('rollup verify finds a spoiled counter and --repair mends it', () => {
  assert.equal(cli(srv.db, ['rollup', 'verify']).status, 0, 'nothing differs');
  sql(`UPDATE activity_count SET sub = sub + 3 WHERE channel = 'facebook'`);
  const bad = cli(srv.db, ['rollup', 'verify']);
  assert.notEqual(bad.status, 0);
  assert.match(bad.stdout + bad.stderr, /activity:facebook/);
  cli(srv.db, ['rollup', 'verify', '--repair']);
  assert.equal(cli(srv.db, ['rollup', 'verify']).status, 0, 'repaired');
});

test('rollup verify names a link with two originals, and --repair leaves it one', () => {
  const url = sql(`SELECT url_canonical FROM activity WHERE url_canonical IS NOT NULL
    GROUP BY url_canonical HAVING count(*) > 1 ORDER BY url_canonical LIMIT 1`).trim();
  assert.ok(url, 'the demo shares some link');
  sql(`UPDATE activity SET is_original = 1 WHERE url_canonical = '${url}'`);
  const bad = cli(srv.db, ['rollup', 'verify']);
  assert.notEqual(bad.status, 0);
  assert.ok((bad.stdout + bad.stderr).includes('activity:originals ' + url), bad.stdout + bad.stderr);
  cli(srv.db, ['rollup', 'verify', '--repair']);
  assert.equal(sql(`SELECT sum(is_original) FROM activity WHERE url_canonical = '${url}'`).trim(), '1');
  assert.equal(cli(srv.db, ['rollup', 'verify']).status, 0, 'repaired');
});
