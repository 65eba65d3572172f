// SPDX-License-Identifier: AGPL-3.0-or-later
// Browser test of the web shell: the real server (tests/lib/server.mjs) with the
// demo database, Debian's Chromium driven by playwright-core (never a downloaded
// browser), at a phone and a desktop viewport.
//
//   cd web && npm ci && npm run build && cd .. && node --test tests/e2e/
//
// Env: LANTOA_BIN (server binary, default build/lantoa), E2E_SHOTS (screenshot
// folder, default build/e2e-screenshots), CHROMIUM (default /usr/bin/chromium).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { DESKTOP, PHONE, openBrowser, prepareBrowserTests } from '../lib/browser.mjs';

const VIEWPORTS = { phone: PHONE, desktop: DESKTOP };

before(prepareBrowserTests);

for (const [name, vp] of Object.entries(VIEWPORTS)) {
  test(`web shell at ${name} size (${vp.viewport.width}x${vp.viewport.height})`, { timeout: 90_000 }, async () => {
    // One server per viewport: its login throttle and sessions start clean.
    const server = await startServer();
    let browser = null;
    try {
      // A 401 from /api/v1/login (the wrong password, tried on purpose) is expected.
      browser = await openBrowser({ device: vp, shots: name, allowConsole: [{ status: 401, url: /\/api\/v1\/login$/ }] });
      const { page } = browser;

      // The shell is served with the strict CSP, so the checks below exercise it.
      const resp = await page.goto(server.url + '/');
      assert.equal(resp.status(), 200);
      const csp = resp.headers()['content-security-policy'] || '';
      assert.match(csp, /script-src 'self'/, 'index.html must be served with the strict CSP');
      assert.match(csp, /style-src 'self'/);

      // --- login page, Vietnamese by default
      await page.getByRole('heading', { level: 1, name: 'Đăng nhập' }).waitFor();
      assert.equal(await page.getAttribute('html', 'lang'), 'vi');
      const loginBox = page.getByLabel('Tên đăng nhập');
      const passBox = page.getByLabel('Mật khẩu');
      await loginBox.waitFor();
      await browser.shot('01-login');

      // Wrong password: the API's message appears in the alert region.
      await loginBox.fill('gialam');
      await passBox.fill('not-the-password');
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      const alert = page.locator('#login-error');
      await alert.locator('p').waitFor();
      const viError = (await alert.innerText()).trim();
      assert.ok(viError.length > 3, 'the server error message is shown');
      assert.equal(await passBox.getAttribute('aria-invalid'), 'true');
      assert.equal(await alert.getAttribute('role'), 'alert');
      await browser.shot('02-login-error');

      // --- sign in as the Gia Lâm district officer
      await loginBox.fill('gialam');
      await passBox.fill('lantoa2024');
      await passBox.press('Enter');
      // The start page is the to-do list; the unit directory is one menu entry away.
      await page.getByRole('heading', { level: 1, name: 'Việc cần làm' }).waitFor();
      assert.match(page.url(), /#\/todo$/);
      await page.locator('.mainnav').getByRole('link', { name: 'Đơn vị' }).click();
      await page.getByRole('heading', { level: 1, name: 'Đơn vị' }).waitFor();
      assert.match(page.url(), /#\/units$/);
      const topbar = page.locator('header.topbar');
      assert.equal((await topbar.locator('.brand-name').innerText()).trim(), 'lantoa');
      // Browsing from the user's own unit down: the district and its communes.
      const own = page.locator('.own-unit');
      await own.waitFor();
      assert.match(await own.innerText(), /LĐLĐ huyện Gia Lâm/);
      const ownChildren = page.locator('.browse .unit-list > li');
      const nChildren = await ownChildren.count();
      assert.ok(nChildren >= 20, `Gia Lâm lists its commune/town unions (got ${nChildren})`);
      assert.equal((await page.locator('.browse .section-title .count').innerText()).trim(), String(nChildren));
      assert.match(await page.locator('.browse .unit-list').innerText(), /Công đoàn xã Đa Tốn/);
      await browser.shot('03-units');

      // --- diacritic-insensitive search: "gia lam" finds "LĐLĐ huyện Gia Lâm"
      const search = page.getByLabel('Tìm đơn vị');
      await search.fill('gia lam');
      await search.press('Enter');
      const results = page.locator('#units-results .unit-list');
      await results.getByRole('link', { name: /LĐLĐ huyện Gia Lâm/ }).waitFor();
      assert.match(await page.locator('#units-status').innerText(), /Tìm thấy \d+ đơn vị/);
      assert.match(page.url(), /#\/units\?q=gia\+lam$/);
      await browser.shot('04-search');

      // --- "da ton" → "Công đoàn xã Đa Tốn", opened with the keyboard
      await search.fill('da ton');
      const daTon = results.getByRole('link', { name: /Công đoàn xã Đa Tốn/ });
      await daTon.waitFor(); // typing alone searches (debounced)
      await search.focus();
      let focused = '';
      for (let i = 0; i < 6 && !focused.includes('Đa Tốn'); i++) {
        await page.keyboard.press('Tab');
        focused = await page.evaluate(() => (document.activeElement.closest('a.unit-item') ? document.activeElement.textContent : ''));
      }
      assert.match(focused, /Công đoàn xã Đa Tốn/, 'the result is reachable with Tab');
      const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
      assert.notEqual(outline, 'none', 'keyboard focus is visible');
      await page.keyboard.press('Enter');

      const h1 = page.getByRole('heading', { level: 1 });
      await page.waitForURL(/#\/units\/\d+$/);
      await h1.filter({ hasText: 'Công đoàn xã Đa Tốn' }).waitFor();
      const parent = page.locator('.parent-link a');
      assert.equal((await parent.innerText()).trim(), 'LĐLĐ huyện Gia Lâm');
      const crumbs = page.getByRole('navigation', { name: 'Đường dẫn' });
      const crumbText = await crumbs.innerText();
      assert.match(crumbText, /Hà Nội[\s\S]*Gia Lâm[\s\S]*Đa Tốn/, 'breadcrumb runs root first');
      const details = page.locator('dl.details');
      assert.match(await details.innerText(), /Mã đơn vị/);
      const from = await details.locator('.detail').filter({ hasText: 'Hoạt động từ' }).locator('dd').innerText();
      assert.match(from.trim(), /^\d{2}\/\d{2}\/\d{4}$/, 'dates as dd/mm/yyyy');
      const members = await details.locator('.detail').filter({ hasText: 'Số đoàn viên' }).locator('dd').innerText();
      assert.match(members.trim(), /^(\d{1,3}(\.\d{3})*|—)$/, 'numbers as 1.234.567');
      const kids = page.locator('.children .unit-list > li');
      assert.ok(await kids.count() > 0, 'Đa Tốn has grassroots unions');
      assert.equal(await page.title(), 'Công đoàn xã Đa Tốn · lantoa');
      await browser.shot('05-unit');
      await page.locator('#unit-children-title').evaluate((el) => el.scrollIntoView({ block: 'start' }));
      await browser.shot('05b-unit-children');
      await page.evaluate(() => window.scrollTo(0, 0));

      // The parent link goes up one level.
      await parent.click();
      await h1.filter({ hasText: 'LĐLĐ huyện Gia Lâm' }).waitFor();
      await page.goBack();
      await h1.filter({ hasText: 'Công đoàn xã Đa Tốn' }).waitFor();

      // --- user menu: name, role, unit, language
      const menuBtn = page.locator('.usermenu-button');
      await menuBtn.click();
      assert.equal(await menuBtn.getAttribute('aria-expanded'), 'true');
      const panel = page.locator('#user-panel');
      await panel.waitFor();
      const panelText = await panel.innerText();
      assert.match(panelText, /gialam/);
      assert.match(panelText, /Cán bộ liên đoàn/);
      assert.match(panelText, /LĐLĐ huyện Gia Lâm/);
      await browser.shot('06-menu');

      // --- switch to English: labels change, <html lang> follows, choice is remembered
      await panel.getByRole('button', { name: 'English' }).click();
      await page.waitForFunction(() => document.documentElement.lang === 'en');
      assert.equal(await panel.getByRole('button', { name: 'English' }).getAttribute('aria-pressed'), 'true');
      assert.match(await panel.innerText(), /Federation officer/);
      await page.locator('.parent-label', { hasText: 'Parent unit' }).waitFor();
      assert.match(await page.locator('dl.details').innerText(), /Code[\s\S]*Members[\s\S]*Active from/);
      assert.match(await page.locator('#unit-children-title').innerText(), /Sub-units/);
      assert.match(await page.locator('.mainnav').innerText(), /Units/);
      await browser.shot('07-english-menu');
      await page.keyboard.press('Escape');
      assert.equal(await menuBtn.getAttribute('aria-expanded'), 'false');
      await page.reload();
      await h1.filter({ hasText: 'Công đoàn xã Đa Tốn' }).waitFor();
      assert.equal(await page.getAttribute('html', 'lang'), 'en');
      await page.locator('.parent-label', { hasText: 'Parent unit' }).waitFor();
      await browser.shot('08-english-unit');

      // --- sign out: back to the (English) sign-in page; the session is gone
      await menuBtn.click();
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
      await page.getByText('You have signed out.').waitFor();
      assert.ok(await page.getByLabel('Login').isVisible());
      assert.equal(await page.locator('header.topbar').isVisible(), false);
      const me = await page.evaluate(() => fetch('/api/v1/me').then((r) => r.status));
      assert.equal(me, 401, 'the server session is closed');
      await browser.shot('09-signed-out');
      // Errors now come back in English (Accept-Language follows the UI).
      await page.getByLabel('Login').fill('gialam');
      await page.getByLabel('Password').fill('still-not-the-password');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.locator('#login-error p').waitFor();
      const enError = (await page.locator('#login-error').innerText()).trim();
      assert.ok(enError.length > 3 && enError !== viError, `English error (${enError}) differs from Vietnamese (${viError})`);
      await page.goto(server.url + '/#/units');
      await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();

      assert.deepEqual(browser.errors(), [], 'no console errors, page errors or CSP violations');
    } finally {
      if (browser) await browser.close();
      await server.stop();
    }
  });
}
