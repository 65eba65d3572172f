// SPDX-License-Identifier: AGPL-3.0-or-later
// Many sessions: every login added a session row and none was removed but at
// logout, so one account logging in in a loop (17 a second from one client
// on the test machine) grew the session table without bound. Now a login
// drops the user's expired sessions and keeps at most 20 live ones: the
// newest, the one just opened always among them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sqlText } from '../lib/db.mjs';
import { startServer, login } from '../lib/server.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv.stop(); });

const sessionsOf = (loginName) => Number(sqlText(srv.db,
  `SELECT count(*) FROM session s JOIN app_user u ON u.id = s.user_id WHERE u.login = '${loginName}'`));

test('30 logins of one user leave at most 20 sessions; the newest work, the oldest ended', async () => {
  const first = await login(srv.url, 'cs-00577-02');
  const other = await login(srv.url, 'cs-00577-01');
  let last;
  for (let i = 0; i < 29; i++) last = await login(srv.url, 'cs-00577-02');
  assert.ok(sessionsOf('cs-00577-02') <= 20, `sessions kept: ${sessionsOf('cs-00577-02')}`);
  assert.equal((await last.get('/api/v1/me')).status, 200, 'the newest session works');
  assert.equal((await first.get('/api/v1/me')).status, 401, 'the oldest session ended');
  assert.equal((await other.get('/api/v1/me')).status, 200, 'another user\'s session is untouched');
});

test('a login removes the user\'s expired sessions', async () => {
  await login(srv.url, 'cs-00577-03');
  sqlText(srv.db, `UPDATE session SET expires_at = 1 WHERE user_id = (SELECT id FROM app_user WHERE login = 'cs-00577-03')`);
  await login(srv.url, 'cs-00577-03');
  assert.equal(sessionsOf('cs-00577-03'), 1);
});
