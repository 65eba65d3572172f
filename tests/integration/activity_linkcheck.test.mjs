// SPDX-License-Identifier: AGPL-3.0-or-later
// The optional link-check worker: a local HTTP server on 127.0.0.1 serves
// fixture pages; lantoa runs with [linkcheck] enabled (allow_private on, since
// the fixtures are on loopback) and records each new link's HTTP status and
// its <title> / og:title. With allow_private off, the same link is refused.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { startServer, login } from '../lib/server.mjs';

let fixture, base, hits = 0;

before(async () => {
  fixture = createServer((req, res) => {
    hits++;
    if (req.url === '/bai-viet/cho-tet') {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end('<!doctype html><html><head><title>Chợ Tết Công đoàn 2024 | Báo Lao Động</title>' +
        '<meta property="og:title" content="Chợ Tết Công đoàn 2024 mang xuân ấm áp"></head><body>…</body></html>');
    } else if (req.url === '/chuyen-huong') {
      res.writeHead(301, { Location: '/bai-viet/cho-tet' });
      res.end();
    } else {
      res.writeHead(404, { 'Content-Type': 'text/html' });
      res.end('<html><head><title>Không tìm thấy</title></head></html>');
    }
  });
  await new Promise((r) => fixture.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${fixture.address().port}`;
});
after(() => new Promise((r) => fixture.close(r)));

async function waitCheck(s, id) {
  for (let i = 0; i < 600; i++) {
    const a = (await s.get('/api/v1/activities/' + id)).json;
    if (a.link_check && a.link_check.state !== 'pending' && a.link_check.state !== 'running') return a.link_check;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the link was not checked in time');
}

async function directive(s) {
  return (await s.get('/api/v1/directives?box=inbox')).json.items.find((d) => d.number === '42/LĐLĐ').id;
}

test('new links are fetched: status and title / og:title recorded; a redirect and a 404 too', { timeout: 60_000 }, async () => {
  const srv = await startServer({ config: '[linkcheck]\nenabled = true\nallow_private = true\ninterval_ms = 30\ntimeout_ms = 3000\nconnect_timeout_ms = 1000\n' });
  try {
    const cadre = await login(srv.url, 'cs-00577-01');
    const dir = await directive(cadre);
    const add = (url, title) => cadre.post('/api/v1/activities', { directive_id: dir, url, title, channel: 'e-newspaper', date: '2024-01-30' });
    const a = await add(base + '/bai-viet/cho-tet', 'Chợ Tết');
    const b = await add(base + '/chuyen-huong', 'Chuyển hướng');
    const c = await add(base + '/khong-co', 'Mất trang');
    assert.equal(a.status, 201, a.text);
    let ck = await waitCheck(cadre, a.json.id);
    assert.equal(ck.state, 'done');
    assert.equal(ck.http_status, 200);
    assert.equal(ck.title, 'Chợ Tết Công đoàn 2024 | Báo Lao Động');
    assert.equal(ck.og_title, 'Chợ Tết Công đoàn 2024 mang xuân ấm áp');
    ck = await waitCheck(cadre, b.json.id);
    assert.equal(ck.http_status, 200);
    assert.equal(ck.final_url, base + '/bai-viet/cho-tet');
    ck = await waitCheck(cadre, c.json.id);
    assert.equal(ck.state, 'done');
    assert.equal(ck.http_status, 404);
    // The same link claimed again (by another union: one union saves a link once) is not fetched again.
    const before = hits;
    const other = await login(srv.url, 'cs-00577-02');
    const again = await other.post('/api/v1/activities', { directive_id: dir, url: base + '/bai-viet/cho-tet', kind: 'share', title: 'Lại', date: '2024-01-31' });
    assert.equal(again.status, 201, again.text);
    assert.equal((await waitCheck(other, again.json.id)).http_status, 200);
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(hits, before);
  } finally {
    await srv.stop();
  }
});

test('without allow_private, a loopback link is refused, not fetched; off by default, nothing is fetched', { timeout: 60_000 }, async () => {
  let srv = await startServer({ config: '[linkcheck]\nenabled = true\ninterval_ms = 30\ntimeout_ms = 3000\nconnect_timeout_ms = 1000\n' });
  try {
    const cadre = await login(srv.url, 'cs-00577-01');
    const dir = await directive(cadre);
    const before = hits;
    const a = await cadre.post('/api/v1/activities', { directive_id: dir, url: base + '/bai-viet/cho-tet', title: 'Nội bộ', channel: 'website', date: '2024-01-30' });
    const ck = await waitCheck(cadre, a.json.id);
    assert.equal(ck.state, 'failed');
    assert.equal(ck.http_status, null);
    assert.match(ck.error, /private|loopback|address/i);
    assert.equal(hits, before, 'the fixture server was never contacted');
  } finally {
    await srv.stop();
  }
  srv = await startServer();
  try {
    const cadre = await login(srv.url, 'cs-00577-01');
    const dir = await directive(cadre);
    const before = hits;
    const a = await cadre.post('/api/v1/activities', { directive_id: dir, url: base + '/bai-viet/cho-tet', title: 'Tắt', channel: 'website', date: '2024-01-30' });
    await new Promise((r) => setTimeout(r, 300));
    assert.equal((await cadre.get('/api/v1/activities/' + a.json.id)).json.link_check.state, 'pending');
    assert.equal(hits, before);
  } finally {
    await srv.stop();
  }
  // A bad [linkcheck] value is a configuration error naming the key.
  const { cli } = await import('../lib/server.mjs');
  const { writeFileSync, mkdtempSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { tmpdir } = await import('node:os');
  const d = mkdtempSync(join(tmpdir(), 'lantoa-lc-'));
  writeFileSync(join(d, 'bad.conf'), '[linkcheck]\nenabled = maybe\n');
  const r = cli('sqlite:' + join(d, 'x.db'), ['--config', join(d, 'bad.conf'), 'init']);
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /linkcheck\.enabled/);
});
