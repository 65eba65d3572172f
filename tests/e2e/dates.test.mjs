// SPDX-License-Identifier: AGPL-3.0-or-later
// Dates read dd/mm/yyyy everywhere on a page, even on a phone set to English
// (issue 12: a native date field showed 12/05/2026, month first, next to the
// list's 05/12/2026). On a 390x844 phone with locale en-US: the activities
// page's date fields show and take dd/mm/yyyy, an item saved with a typed
// date lists with it, the period filter applies a typed date, and the
// feedback summary's period fields read dd/mm/yyyy too.
//
//   cd web && npm run build && cd .. && node --test tests/e2e/dates.test.mjs
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { PHONE, openBrowser, prepareBrowserTests, signIn } from '../lib/browser.mjs';

before(prepareBrowserTests);

const DMY = /^\d{2}\/\d{2}\/\d{4}$/;

test('date fields read dd/mm/yyyy on a phone set to English', { timeout: 120_000 }, async () => {
  const server = await startServer();
  let browser = null;
  try {
    browser = await openBrowser({ device: PHONE, shots: 'dates', options: { locale: 'en-US' } });
    const { page } = browser;
    await signIn(page, server.url, 'cs-00577-01');
    await page.goto(server.url + '/#/activities');
    await page.locator('#act-counts').filter({ hasText: 'tin' }).waitFor();
    assert.equal(await page.locator('input[type=date]').count(), 0, 'no locale-dependent date field');
    const date = page.locator('#act-date');
    assert.match(await date.inputValue(), DMY, 'today as dd/mm/yyyy');
    assert.equal(await date.getAttribute('inputmode'), 'numeric');

    await page.getByLabel('Tiêu đề').fill('Thăm hỏi công nhân ở lại dịp Tết');
    await page.getByLabel('Đường dẫn (dán link bài đăng)').fill('https://www.facebook.com/cdcs.daton/posts/556677');
    await date.fill('7/2/2024');
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await page.locator('.act-saved').filter({ hasText: 'Đã lưu' }).waitFor();
    const item = page.locator('.act-item').filter({ hasText: 'Thăm hỏi công nhân ở lại' });
    await item.waitFor();
    assert.match(await item.innerText(), /07\/02\/2024/);

    // The period filter takes a typed date once it is whole.
    await page.locator('#act-f-from').fill('07/02/2024');
    await page.locator('#act-f-from').press('Enter');
    await page.locator('.act-item').first().waitFor();
    await page.waitForTimeout(500);
    const dates = await page.locator('.act-item .act-date').allInnerTexts();
    assert.ok(dates.length > 0);
    for (const d of dates) {
      assert.match(d.trim(), DMY);
      const [dd, mm, yyyy] = d.trim().split('/').map(Number);
      assert.ok(yyyy * 10000 + mm * 100 + dd >= 20240207, `${d} is on or after 07/02/2024`);
    }
    // Nothing on the page shows an ISO date or a month-first one.
    const text = await page.locator('main').innerText();
    assert.doesNotMatch(text, /\b\d{4}-\d{2}-\d{2}\b/);
    await page.locator('#act-f-from').scrollIntoViewIfNeeded();
    await browser.shot('01-activities');

    await page.context().clearCookies();
    await signIn(page, server.url, 'gialam');
    await page.goto(server.url + '/#/feedback/stats?from=2024-01-01&to=2024-02-29');
    const from = page.locator('#fb-from');
    await from.waitFor();
    assert.equal(await from.inputValue(), '01/01/2024');
    assert.equal(await page.locator('#fb-to').inputValue(), '29/02/2024');
    await from.fill('15/01/2024');
    await from.press('Enter');
    await page.waitForURL(/from=2024-01-15/);
    await browser.shot('02-feedback-stats');
  } finally {
    if (browser) await browser.close();
    await server.stop();
  }
});
