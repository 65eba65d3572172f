// SPDX-License-Identifier: AGPL-3.0-or-later
// Browser test of paged lists (issue 10): a list shows its first page (50)
// and a "Xem thêm" button that appends the next page, until the last one.
// The units search of the Gia Lâm officer ("cd" finds every union, over
// 130) and the feedback inbox of its subtree once it holds more than 50
// messages are what a real user would page through.
//
//   cd web && npm run build && cd .. && node --test tests/e2e/paging.test.mjs
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login } from '../lib/server.mjs';
import { PHONE, openBrowser, prepareBrowserTests, signIn, assertNoSideScroll } from '../lib/browser.mjs';

before(prepareBrowserTests);

test('"Xem thêm" appends the next page of units and of feedback', { timeout: 120_000 }, async () => {
  const server = await startServer();
  let browser = null;
  try {
    const gialam = await login(server.url, 'gialam');
    // More messages than one page holds in the district's subtree view.
    const before = (await gialam.get('/api/v1/feedback?view=subtree&status=open&limit=500')).json.total;
    for (let i = before; i <= 60; i++) {
      const r = await gialam.post('/api/v1/feedback', { channel: 'hotline', text: `Ý kiến thử phân trang số ${i}` });
      assert.equal(r.status, 201, r.text);
    }
    const total = (await gialam.get('/api/v1/feedback?view=subtree&status=open&limit=500')).json.total;
    assert.ok(total > 50, `${total} open messages`);
    const units = (await gialam.get('/api/v1/units?q=cd&limit=500')).json.items.length;
    assert.ok(units > 100, `${units} units match "cd"`);

    browser = await openBrowser({ device: PHONE, shots: 'paging' });
    const { page } = browser;
    await signIn(page, server.url, 'gialam');

    // --- units: search, 50 shown, "Xem thêm" twice, then no button
    await page.goto(server.url + '/#/units?q=cd');
    const list = page.locator('#units-results .unit-item');
    const more = page.locator('#units-results').getByRole('button', { name: 'Xem thêm' });
    await more.waitFor();
    assert.equal(await list.count(), 50);
    const first = await list.evaluateAll((els) => els.map((e) => e.dataset.unitId));
    await more.scrollIntoViewIfNeeded();
    await browser.shot('01-units-first-page');
    await more.click();
    await page.waitForFunction(() => document.querySelectorAll('#units-results .unit-item').length === 100);
    await more.click();
    await page.waitForFunction((n) => document.querySelectorAll('#units-results .unit-item').length === n, units);
    await more.waitFor({ state: 'detached' });
    const all = await list.evaluateAll((els) => els.map((e) => e.dataset.unitId));
    assert.equal(new Set(all).size, units, 'every unit once');
    assert.deepEqual(all.slice(0, 50), first, 'the next pages come after the first');
    assert.match(await page.locator('#units-status').innerText(), new RegExp(`${units}`));
    await assertNoSideScroll(page, 'units after three pages');
    await browser.shot('02-units-all-pages');

    // --- feedback inbox (the subtree view): 50, then the rest
    await page.goto(server.url + '/#/feedback?view=subtree');
    const cards = page.locator('.fb-card');
    const fbMore = page.getByRole('button', { name: 'Xem thêm' });
    await fbMore.waitFor();
    assert.equal(await cards.count(), 50);
    await fbMore.scrollIntoViewIfNeeded();
    await browser.shot('03-feedback-first-page');
    await fbMore.click();
    await page.waitForFunction((n) => document.querySelectorAll('.fb-card').length === n, total);
    await fbMore.waitFor({ state: 'detached' });
    const ids = await cards.evaluateAll((els) => els.map((e) => e.dataset.id));
    assert.equal(new Set(ids).size, total, 'every message once');
    assert.match(await page.locator('.fb-summary').innerText(), new RegExp(`${total} / ${total}`));
    await browser.shot('04-feedback-all');
    assert.deepEqual(browser.errors(), []);
  } finally {
    if (browser) await browser.close();
    await server.stop();
  }
});
