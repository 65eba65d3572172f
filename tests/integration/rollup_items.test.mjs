// SPDX-License-Identifier: AGPL-3.0-or-later
// The roll-up's kept item counts (issue 10: per theme, channel and day, and
// the repeats of links, src/store/rollup_items.c) under concurrent writes:
// two cadres post, edit and delete items on three shared links while their
// reports are submitted, returned and accepted. Afterwards `lantoa rollup
// verify` rebuilds everything from scratch and finds no difference. On
// PostgreSQL (the integration-pg suite) the writes run on separate
// connections at once; on SQLite the group-commit writer takes them in turn.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login, cli } from '../lib/server.mjs';
import { sqlText } from '../lib/db.mjs';

const CADRES = ['cs-00577-01', 'cs-00580-01'];
const LINKS = ['https://facebook.com/ldld/posts/chung-1', 'https://facebook.com/ldld/posts/chung-2',
  'https://zalo.me/ldld/chung-3'];
let srv, users, dir, units;

before(async () => {
  srv = await startServer();
  users = {};
  for (const name of ['gialam', ...CADRES]) users[name] = await login(srv.url, name);
  const inbox = await users[CADRES[0]].get('/api/v1/directives?box=inbox');
  dir = inbox.json.items.find((d) => d.number === '42/LĐLĐ').id;
  units = {};
  for (const name of CADRES)
    units[name] = Number(sqlText(srv.db, `SELECT unit_id FROM app_user WHERE login = '${name}'`));
});
after(async () => { await srv.stop(); });

// One cadre's turn: a post on a shared link, an edit of it, sometimes a delete.
async function writes(name, round) {
  const who = users[name];
  const link = LINKS[round % LINKS.length];
  const made = await who.post('/api/v1/activities', {
    directive_id: dir, channel: link.includes('zalo') ? 'zalo' : 'facebook', url: link,
    title: `Tin chung ${name} ${round}`, date: `2024-01-${String(10 + (round % 9)).padStart(2, '0')}`,
  });
  // A unit whose report was accepted meanwhile has its records locked: refused, not failed.
  assert.ok(made.status === 201 || (made.status >= 400 && made.status < 500), `post ${made.status}`);
  if (made.status !== 201) return;
  const edited = await who.patch('/api/v1/activities/' + made.json.id,
    { url: LINKS[(round + 1) % LINKS.length], channel: 'facebook' });
  assert.ok(edited.status < 500, `edit ${edited.status}`);
  if (round % 3 === 0) {
    const gone = await who.del('/api/v1/activities/' + made.json.id);
    assert.ok(gone.status < 500, `delete ${gone.status}`);
  }
}

// The district's turn on one cadre's report: submitted by the cadre, then returned or accepted.
async function review(name, round) {
  const path = `/api/v1/directives/${dir}/units/${units[name]}/report`;
  const sent = await users[name].post(path + '/submit', { kind: 'final' });
  assert.ok(sent.status < 500, `submit ${sent.status}`);
  const verdict = (round >> 2) % 2 ? 'return' : 'accept';
  const r = await users.gialam.post(`${path}/${verdict}`, verdict === 'return' ? { note: 'Bổ sung số liệu' } : {});
  assert.ok(r.status < 500, `${verdict} ${r.status} ${r.text || ''}`);
}

test('concurrent item writes and report reviews leave the kept counts equal to a rebuild', async () => {
  assert.equal(cli(srv.db, ['rollup', 'verify']).status, 0, 'nothing differs at the start');
  const jobs = [];
  for (let round = 0; round < 12; round++) {
    for (const name of CADRES) jobs.push(writes(name, round));
    if (round % 4 === 1) jobs.push(review(CADRES[(round >> 2) % 2], round));
  }
  await Promise.all(jobs);
  const shared = Number(sqlText(srv.db, `SELECT count(*) FROM activity WHERE url_canonical LIKE '%chung%'`));
  assert.ok(shared >= 4, `some shared items remain (${shared})`);
  const v = cli(srv.db, ['rollup', 'verify']);
  assert.equal(v.status, 0, v.stdout + v.stderr);
});
