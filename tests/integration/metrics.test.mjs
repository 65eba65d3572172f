// SPDX-License-Identifier: AGPL-3.0-or-later
// /metrics is served to configured addresses only, and counts refused CSRF
// tokens (issue 13, finding 9).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login } from '../lib/server.mjs';

const metric = (text, name) => Number((text.match(new RegExp(`^${name}\\S* (\\d+)`, 'm')) || [])[1] || 0);

test('a write without its CSRF token is refused and counted', async () => {
  const srv = await startServer();
  try {
    const gl = await login(srv.url, 'gialam');
    const before = metric(await (await fetch(srv.url + '/metrics')).text(), 'lantoa_events_total\\{event="csrf_rejected"\\}');
    for (let i = 0; i < 3; i++) {
      const r = await fetch(srv.url + '/api/v1/logout', { method: 'POST', headers: { Cookie: gl.cookie } });
      assert.equal(r.status, 403);
    }
    const after = metric(await (await fetch(srv.url + '/metrics')).text(), 'lantoa_events_total\\{event="csrf_rejected"\\}');
    assert.equal(after - before, 3);
  } finally { await srv.stop(); }
});

test('/metrics from an address outside [server] metrics_allow is refused', async () => {
  const srv = await startServer({ demo: false, config: '[server]\nmetrics_allow = 10.0.0.0/8, fd00::/8\n' });
  try {
    const r = await fetch(srv.url + '/metrics');
    assert.equal(r.status, 403);
    assert.equal((await r.json()).error.code, 'forbidden');
    assert.equal((await fetch(srv.url + '/healthz')).status, 200); /* health stays open */
  } finally { await srv.stop(); }
});

test('a bad metrics_allow stops the server at start, naming the key', async () => {
  await assert.rejects(startServer({ demo: false, config: '[server]\nmetrics_allow = 10.0.0.0/99\n' }), /metrics_allow/);
});
