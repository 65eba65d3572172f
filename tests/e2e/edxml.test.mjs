// SPDX-License-Identifier: AGPL-3.0-or-later
// Browser test of the edXML download links (issue 15): the Gia Lâm officer on
// a phone opens 42/LĐLĐ and downloads it as an edXML message (SteeringType 2,
// its number and due date), then opens a grassroots union's submitted report
// and downloads that (SteeringType 3 answering 42/LĐLĐ). Nothing sticks out
// sideways; no console error.
//
// Env: LANTOA_BIN, E2E_SHOTS (default build/e2e-screenshots), CHROMIUM (default /usr/bin/chromium).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { login, startServer } from '../lib/server.mjs';
import { PHONE, assertNoSideScroll, openBrowser, prepareBrowserTests, signIn } from '../lib/browser.mjs';

before(prepareBrowserTests);

const el = (xml, name) => { const m = xml.match(new RegExp(`<edXML:${name}>([^<]*)</edXML:${name}>`)); return m && m[1]; };

test('edXML: the directive and report pages download their messages', { timeout: 180_000 }, async () => {
  const server = await startServer();
  const b = await openBrowser({ device: PHONE, timeout: 30_000, shots: 'edxml', options: { acceptDownloads: true } });
  try {
    const gialam = await login(server.url, 'gialam');
    const d42 = (await gialam.get('/api/v1/directives?box=issued')).json.items.find((d) => d.number === '42/LĐLĐ');
    const unit = (await gialam.get('/api/v1/units?q=01.018.00568.01')).json.items.find((u) => u.code === '01.018.00568.01');
    const { page } = b;
    await signIn(page, server.url, 'gialam');

    await page.goto(`${server.url}/#/directives/${d42.id}`);
    const link = page.getByRole('link', { name: 'Tải edXML (liên thông văn bản)' });
    await link.scrollIntoViewIfNeeded();
    await b.shot('01-directive-link');
    await assertNoSideScroll(page, 'directive page');
    let [dl] = await Promise.all([page.waitForEvent('download'), link.click()]);
    let xml = readFileSync(await dl.path(), 'utf8');
    assert.equal(dl.suggestedFilename(), `cong-van-${d42.id}.xml`);
    assert.equal(el(xml, 'SteeringType'), '2');
    assert.equal(el(xml, 'CodeNumber'), '42');
    assert.equal(el(xml, 'DueDate'), '2024-02-20');

    await page.goto(`${server.url}/#/directives/${d42.id}/units/${unit.id}/report`);
    const rlink = page.getByRole('link', { name: 'Tải edXML của lần nộp cuối' });
    await rlink.scrollIntoViewIfNeeded();
    await b.shot('02-report-link');
    await assertNoSideScroll(page, 'report page');
    [dl] = await Promise.all([page.waitForEvent('download'), rlink.click()]);
    xml = readFileSync(await dl.path(), 'utf8');
    assert.equal(el(xml, 'SteeringType'), '3');
    assert.match(xml, /<edXML:ResponseFor>\s*<edXML:OrganId>01\.018<\/edXML:OrganId>\s*<edXML:Code>42\/LĐLĐ</);
    assert.deepEqual(b.errors(), []);
  } finally {
    await b.close();
    await server.stop();
  }
});
