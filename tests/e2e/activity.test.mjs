// Browser test of the activity pages: a grassroots cadre on a phone-sized
// screen pastes a Facebook link (channel and theme filled in), saves it and
// sees it in the list; enters a figure and sees it kept; glances at the
// contest and continuity pages. Debian's Chromium through playwright-core,
// the real server with the demo database.
//
//   cd web && npm ci && npm run build && cd .. && node --test tests/e2e/activity.test.mjs
//
// Screenshots go to build/e2e-screenshots/activity-*.png (E2E_SHOTS to change).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { DESKTOP, PHONE, openBrowser, prepareBrowserTests, signIn } from '../lib/browser.mjs';

before(prepareBrowserTests);

test('a cadre on a phone adds a Facebook link and a figure and sees them', { timeout: 120_000 }, async () => {
  const server = await startServer();
  let browser = null;
  try {
    // The refused figure below (2,5 people) is a 400 on purpose; a 401 is allowed anywhere.
    browser = await openBrowser({ device: PHONE, shots: 'activity',
      allowConsole: [{ status: 400, url: /\/figures$/ }, { status: 401 }] });
    const { page } = browser;
    await signIn(page, server.url, 'cs-00577-01');

    // --- the items page from the main navigation
    const t0 = Date.now();
    await page.goto(server.url + '/#/activities');
    await page.getByRole('heading', { level: 1, name: 'Tin bài, hoạt động' }).waitFor();
    await page.locator('#act-counts').filter({ hasText: 'tin' }).waitFor();
    await browser.shot('01-items');

    // Paste a phone link: the channel and the theme are filled in.
    const link = 'https://m.facebook.com/story.php?story_fbid=8801&id=100077&mibextid=Nif5oz';
    await page.getByLabel('Tiêu đề').fill('Chợ Tết Công đoàn tại trường: 30 gian hàng 0 đồng');
    await page.getByLabel('Đường dẫn (dán link bài đăng)').fill(link);
    await page.locator('#act-detect').filter({ hasText: 'Facebook' }).waitFor();
    assert.equal(await page.locator('#act-channel').inputValue(), 'facebook');
    const themeText = await page.locator('#act-theme option:checked').innerText();
    assert.match(themeText, /Chợ Tết/, 'the theme is guessed from the title');
    await browser.shot('02-pasted');
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await page.locator('.act-saved').filter({ hasText: 'Đã lưu' }).waitFor();
    const seconds = (Date.now() - t0) / 1000;
    assert.ok(seconds < 30, `paste → save took ${seconds}s`);
    const item = page.locator('.act-item').filter({ hasText: '30 gian hàng 0 đồng' });
    await item.waitFor();
    assert.match(await item.innerText(), /Facebook/);
    assert.match(await item.innerText(), /Bản gốc/);
    await item.scrollIntoViewIfNeeded();
    await browser.shot('03-saved-in-list');

    // Search without diacritics finds it.
    await page.getByLabel('Tìm kiếm').fill('tai truong 30 gian hang');
    await page.locator('#act-counts').filter({ hasText: /^1 tin/ }).waitFor();
    assert.equal(await page.locator('.act-item').count(), 1);

    // --- a figure
    await page.getByRole('link', { name: 'Số liệu' }).click();
    await page.getByRole('heading', { level: 1, name: 'Số liệu chăm lo' }).waitFor();
    const field = page.locator('#fig-health_consultations');
    await field.fill('35');
    await page.getByRole('button', { name: 'Lưu số liệu' }).click();
    await page.locator('.alert--info').filter({ hasText: 'Đã lưu số liệu' }).waitFor();
    assert.equal(await page.locator('#fig-health_consultations').inputValue(), '35');
    await page.locator('#fig-health_consultations').scrollIntoViewIfNeeded();
    await browser.shot('04-figure-saved');
    // A fraction of a person is refused, naming the field.
    await page.locator('#fig-people_supported').fill('2,5');
    await page.getByRole('button', { name: 'Lưu số liệu' }).click();
    await page.locator('#fig-error').filter({ hasText: 'số nguyên' }).waitFor();
    assert.equal(await page.locator('#fig-people_supported').getAttribute('aria-invalid'), 'true');
    await browser.shot('05-figure-error');

    // --- back in the list, the item is still there (and the figure stays saved)
    await page.getByRole('link', { name: 'Tin bài' }).click();
    await page.locator('.act-item').filter({ hasText: '30 gian hàng 0 đồng' }).waitFor();
    await page.getByRole('link', { name: 'Cuộc thi' }).click();
    await page.getByRole('heading', { name: /Thêm bài dự thi “Bên nhau là Tết”/ }).waitFor();
    await browser.shot('06-contest');
    await page.getByRole('link', { name: 'Theo dõi' }).click();
    await page.locator('.cont-table').waitFor();
    await browser.shot('07-continuity');
    assert.deepEqual(browser.errors(), []);
  } finally {
    if (browser) await browser.close();
    await server.stop();
  }
});

test('the district officer sees the heat map and the figure totals on a desktop', { timeout: 120_000 }, async () => {
  const server = await startServer();
  let browser = null;
  try {
    browser = await openBrowser({ device: DESKTOP, shots: 'activity' });
    const { page } = browser;
    await signIn(page, server.url, 'gialam');
    await page.goto(server.url + '/#/activities/continuity');
    await page.locator('.cont-table').waitFor();
    const rows = await page.locator('.cont-table tbody tr').count();
    assert.ok(rows > 100, `one row per grassroots union (${rows})`);
    assert.ok(await page.locator('.cont-none').count() > 0, 'silent unions stand out');
    await browser.shot('08-continuity-desktop');
    await page.goto(server.url + '/#/activities/figures');
    await page.locator('summary').filter({ hasText: 'Tổng hợp các đơn vị' }).click();
    await page.locator('.fig-table').waitFor();
    assert.match(await page.locator('.fig-table').innerText(), /Số người lao động được hỗ trợ/);
    await browser.shot('09-figure-totals', true);
    assert.deepEqual(browser.errors(), [], 'no console errors, page errors or CSP violations');
  } finally {
    if (browser) await browser.close();
    await server.stop();
  }
});
