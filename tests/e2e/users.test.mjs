// SPDX-License-Identifier: AGPL-3.0-or-later
// Browser test of issue 12, defect 10 ("admins cannot reset one"), on a
// phone (390×844): the district officer opens "Đặt lại mật khẩu người dùng"
// from the user menu, finds a union's cadre, is told when the new password
// is too short or typed twice differently, sets it; the cadre's old
// password stops working and the new one signs in. The officer's own row
// offers no reset (that is "Đổi mật khẩu"), and a cadre has no such entry.
//
//   cd web && npm ci && npm run build && cd .. && node --test tests/e2e/users.test.mjs
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO_PASSWORD, startServer } from '../lib/server.mjs';
import { PHONE, openBrowser, prepareBrowserTests, signIn, assertNoSideScroll } from '../lib/browser.mjs';

before(prepareBrowserTests);

async function tryLogin(url, login, password) {
  const r = await fetch(url + '/api/v1/login', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ login, password }) });
  return r.status;
}

test('an officer resets a cadre\'s password from the user menu, on a phone', { timeout: 120_000 }, async () => {
  const server = await startServer();
  let browser = null;
  try {
    browser = await openBrowser({ device: PHONE, shots: 'users-phone' });
    const { page } = browser;
    await signIn(page, server.url, 'gialam');
    await page.locator('.usermenu-button').click();
    await page.locator('#user-panel').getByRole('link', { name: 'Đặt lại mật khẩu người dùng' }).click();
    await page.getByRole('heading', { level: 1, name: 'Đặt lại mật khẩu người dùng' }).waitFor();
    assert.match(page.url(), /#\/account\/users$/);

    // Own row: no reset button.
    await page.getByLabel('Tìm theo tên, tên đăng nhập hoặc đơn vị').fill('gialam');
    await page.getByRole('button', { name: 'Tìm', exact: true }).click();
    const own = page.locator('.usr-item[data-login="gialam"]');
    await own.waitFor();
    assert.equal(await own.locator('.usr-reset').count(), 0);

    await page.getByLabel('Tìm theo tên, tên đăng nhập hoặc đơn vị').fill('cs-00577-01');
    await page.getByRole('button', { name: 'Tìm', exact: true }).click();
    const row = page.locator('.usr-item[data-login="cs-00577-01"]');
    await row.waitFor();
    assert.match(await row.innerText(), /Cán bộ công đoàn cơ sở/);
    await row.getByRole('button', { name: 'Đặt lại mật khẩu' }).click();
    // "Hủy" puts the button back; open it again.
    await row.getByRole('button', { name: 'Hủy' }).click();
    assert.equal(await row.locator('form').count(), 0);
    await row.getByRole('button', { name: 'Đặt lại mật khẩu' }).click();
    assert.equal(await row.getByRole('button', { name: 'Đặt lại mật khẩu' }).count(), 0, 'the form replaces the button');
    const pw = row.getByLabel('Mật khẩu mới', { exact: true });
    const again = row.getByLabel('Nhập lại mật khẩu mới');
    await pw.fill('ngan');
    await again.fill('ngan');
    await row.getByRole('button', { name: 'Đặt mật khẩu mới' }).click();
    await row.getByRole('alert').filter({ hasText: 'Mật khẩu mới cần ít nhất 8 ký tự.' }).waitFor();
    assert.equal(await pw.getAttribute('aria-invalid'), 'true');
    await pw.fill('Mat-khau-cap-lai-2026');
    await again.fill('Mat-khau-khac-2026');
    await row.getByRole('button', { name: 'Đặt mật khẩu mới' }).click();
    await row.getByRole('alert').filter({ hasText: 'Hai lần nhập mật khẩu mới không khớp.' }).waitFor();
    await again.fill('Mat-khau-cap-lai-2026');
    await browser.shot('01-form');
    await assertNoSideScroll(page, 'the reset form');
    await row.getByRole('button', { name: 'Đặt mật khẩu mới' }).click();
    await row.locator('.usr-done', { hasText: /Đã đặt lại mật khẩu cho .*\(cs-00577-01\)/ }).waitFor();
    await browser.shot('02-done');
    assert.equal(await tryLogin(server.url, 'cs-00577-01', DEMO_PASSWORD), 401, 'the old password no longer works');
    assert.equal(await tryLogin(server.url, 'cs-00577-01', 'Mat-khau-cap-lai-2026'), 200, 'the new one does');

    // A cadre's user menu has no such entry.
    await page.context().clearCookies();
    await page.goto('about:blank');
    await signIn(page, server.url, 'cs-00577-02');
    await page.locator('.usermenu-button').click();
    await page.locator('#user-panel').getByRole('link', { name: 'Đổi mật khẩu' }).waitFor();
    assert.equal(await page.locator('#user-panel .usermenu-users').count(), 0);
    assert.deepEqual(browser.errors(), []);
  } finally {
    if (browser) await browser.close();
    await server.stop();
  }
});
