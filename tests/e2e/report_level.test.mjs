// SPDX-License-Identifier: AGPL-3.0-or-later
// Browser test of approval by level (issue 12) on the demo, at a phone
// (390×844) and a laptop (1366×900): the commune xã Đa Tốn (xa-00577) opens
// its own report on 42/LĐLĐ and sees "Đang chờ cấp dưới" with its six unions
// counted by state (five not started, one waiting for review), the list of
// unions with their states, and goes through to the waiting union's report.
//
//   cd web && npm ci && npm run build && cd .. && node --test tests/e2e/report_level.test.mjs
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login } from '../lib/server.mjs';
import { LAPTOP, PHONE, openBrowser, prepareBrowserTests, signIn, assertNoSideScroll } from '../lib/browser.mjs';

before(prepareBrowserTests);

for (const [name, vp] of Object.entries({ phone: PHONE, laptop: LAPTOP })) {
  test(`the commune's report page sums up its unions at ${name} size`, { timeout: 120_000 }, async () => {
    const server = await startServer();
    let browser = null;
    try {
      const xa = await login(server.url, 'xa-00577');
      const commune = (await xa.get('/api/v1/me')).json.user.unit.id;
      const dir = (await xa.get('/api/v1/todo')).json.items.find((i) => i.kind === 'report_review').directive.id;
      browser = await openBrowser({ device: vp, shots: `report-level-${name}` });
      const { page } = browser;
      await signIn(page, server.url, 'xa-00577');
      await page.goto(`${server.url}/#/directives/${dir}/units/${commune}/report`);
      await page.getByRole('heading', { level: 1, name: 'Công đoàn xã Đa Tốn' }).waitFor();
      const sec = page.locator('section.rsec--level');
      await sec.getByRole('heading', { name: 'Duyệt theo cấp' }).waitFor();
      assert.equal((await sec.locator('.lvl-ready').innerText()).trim(), 'Đang chờ cấp dưới');
      const n = async (k) => (await sec.locator(`.lvl-n--kids-${k}`).innerText()).trim();
      assert.equal(await n('none'), '5');
      assert.equal(await n('submitted'), '1');
      assert.equal(await n('returned'), '0');
      assert.equal(await n('accepted'), '0');
      assert.equal(await n('total'), '6');
      assert.equal((await sec.locator('.lvl-row--submitted th').innerText()).trim(), 'Đã nộp, chờ duyệt');
      // The list: six unions, the one waiting marked so.
      const items = sec.locator('.lvl-child');
      await items.nth(5).waitFor();
      assert.equal(await items.count(), 6);
      assert.equal(await sec.locator('.lvl-more').count(), 0, 'no "Xem thêm" when every union is shown');
      const waiting = sec.locator('.lvl-child', { has: page.locator('[data-status="submitted"]') });
      assert.equal(await waiting.count(), 1);
      const childName = (await waiting.locator('.lvl-child-name').innerText()).trim();
      assert.match(childName, /Đa Tốn/);
      await sec.scrollIntoViewIfNeeded();
      await browser.shot('01-level');
      await assertNoSideScroll(page, `${name}: report page with the level`);
      // Through to the union's report, which the commune may review.
      await waiting.getByRole('link').click();
      await page.getByRole('heading', { level: 1, name: childName }).waitFor();
      assert.match(page.url(), /#\/directives\/\d+\/units\/\d+\/report$/);
      await page.getByRole('button', { name: 'Duyệt' }).first().waitFor();
      assert.equal(await page.locator('section.rsec--level').count(), 0, 'a union has no level');
      await browser.shot('02-child');
      assert.deepEqual(browser.errors(), []);
    } finally {
      if (browser) await browser.close();
      await server.stop();
    }
  });
}
