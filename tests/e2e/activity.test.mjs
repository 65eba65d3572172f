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
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ROOT, startServer } from '../lib/server.mjs';

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const SHOTS = resolve(ROOT, process.env.E2E_SHOTS || join('build', 'e2e-screenshots'));
const DIST = join(ROOT, 'web', 'dist', 'index.html');
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
const requireWeb = createRequire(join(ROOT, 'web', 'package.json'));
const { chromium } = requireWeb('playwright-core');

before(() => {
  assert.ok(existsSync(DIST), `${DIST} is missing: run \`npm ci && npm run build\` in web/ first`);
  mkdirSync(SHOTS, { recursive: true });
});

test('a cadre on a phone adds a Facebook link and a figure and sees them', { timeout: 120_000 }, async () => {
  const server = await startServer();
  const profile = mkdtempSync(join(tmpdir(), 'lantoa-chromium-'));
  const shot = (page, n) => page.screenshot({ path: join(SHOTS, `activity-${n}.png`), fullPage: false });
  let context = null;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM, headless: true, args: ARGS,
      viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true,
      locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh',
    });
    const problems = [];
    const page = context.pages()[0] || await context.newPage();
    page.on('pageerror', (e) => problems.push('page error: ' + e.message));
    page.on('console', (m) => {
      // The refused figure below (2,5 people) is a 400 on purpose.
      const expected = /status of 400/.test(m.text()) && /\/figures$/.test(m.location().url || '');
      if (m.type() === 'error' && !/status of 401/.test(m.text()) && !expected) problems.push('console: ' + m.text());
    });
    page.setDefaultTimeout(10_000);
    await page.goto(server.url + '/');
    await page.getByLabel('Tên đăng nhập').fill('cs-00577-01');
    await page.getByLabel('Mật khẩu').fill('lantoa2024');
    await page.getByLabel('Mật khẩu').press('Enter');
    await page.getByRole('heading', { level: 1 }).first().waitFor();

    // --- the items page from the main navigation
    const t0 = Date.now();
    await page.goto(server.url + '/#/activities');
    await page.getByRole('heading', { level: 1, name: 'Tin bài, hoạt động' }).waitFor();
    await page.locator('#act-counts').filter({ hasText: 'tin' }).waitFor();
    await shot(page, '01-items');

    // Paste a phone link: the channel and the theme are filled in.
    const link = 'https://m.facebook.com/story.php?story_fbid=8801&id=100077&mibextid=Nif5oz';
    await page.getByLabel('Tiêu đề').fill('Chợ Tết Công đoàn tại trường: 30 gian hàng 0 đồng');
    await page.getByLabel('Đường dẫn (dán link bài đăng)').fill(link);
    await page.locator('#act-detect').filter({ hasText: 'Facebook' }).waitFor();
    assert.equal(await page.locator('#act-channel').inputValue(), 'facebook');
    const themeText = await page.locator('#act-theme option:checked').innerText();
    assert.match(themeText, /Chợ Tết/, 'the theme is guessed from the title');
    await shot(page, '02-pasted');
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await page.locator('.act-saved').filter({ hasText: 'Đã lưu' }).waitFor();
    const seconds = (Date.now() - t0) / 1000;
    assert.ok(seconds < 30, `paste → save took ${seconds}s`);
    const item = page.locator('.act-item').filter({ hasText: '30 gian hàng 0 đồng' });
    await item.waitFor();
    assert.match(await item.innerText(), /Facebook/);
    assert.match(await item.innerText(), /Bản gốc/);
    await item.scrollIntoViewIfNeeded();
    await shot(page, '03-saved-in-list');

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
    await shot(page, '04-figure-saved');
    // A fraction of a person is refused, naming the field.
    await page.locator('#fig-people_supported').fill('2,5');
    await page.getByRole('button', { name: 'Lưu số liệu' }).click();
    await page.locator('#fig-error').filter({ hasText: 'số nguyên' }).waitFor();
    assert.equal(await page.locator('#fig-people_supported').getAttribute('aria-invalid'), 'true');
    await shot(page, '05-figure-error');

    // --- back in the list, the item is still there (and the figure stays saved)
    await page.getByRole('link', { name: 'Tin bài' }).click();
    await page.locator('.act-item').filter({ hasText: '30 gian hàng 0 đồng' }).waitFor();
    await page.getByRole('link', { name: 'Cuộc thi' }).click();
    await page.getByRole('heading', { name: /Thêm bài dự thi “Bên nhau là Tết”/ }).waitFor();
    await shot(page, '06-contest');
    await page.getByRole('link', { name: 'Theo dõi' }).click();
    await page.locator('.cont-table').waitFor();
    await shot(page, '07-continuity');
    assert.deepEqual(problems, []);
  } finally {
    if (context) await context.close();
    rmSync(profile, { recursive: true, force: true });
    await server.stop();
  }
});

test('the district officer sees the heat map and the figure totals on a desktop', { timeout: 120_000 }, async () => {
  const server = await startServer();
  const profile = mkdtempSync(join(tmpdir(), 'lantoa-chromium-'));
  let context = null;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM, headless: true, args: ARGS, viewport: { width: 1280, height: 800 }, locale: 'vi-VN',
    });
    const page = context.pages()[0] || await context.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(server.url + '/');
    await page.getByLabel('Tên đăng nhập').fill('gialam');
    await page.getByLabel('Mật khẩu').fill('lantoa2024');
    await page.getByLabel('Mật khẩu').press('Enter');
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await page.goto(server.url + '/#/activities/continuity');
    await page.locator('.cont-table').waitFor();
    const rows = await page.locator('.cont-table tbody tr').count();
    assert.ok(rows > 100, `one row per grassroots union (${rows})`);
    assert.ok(await page.locator('.cont-none').count() > 0, 'silent unions stand out');
    await page.screenshot({ path: join(SHOTS, 'activity-08-continuity-desktop.png') });
    await page.goto(server.url + '/#/activities/figures');
    await page.locator('summary').filter({ hasText: 'Tổng hợp các đơn vị' }).click();
    await page.locator('.fig-table').waitFor();
    assert.match(await page.locator('.fig-table').innerText(), /Số người lao động được hỗ trợ/);
    await page.screenshot({ path: join(SHOTS, 'activity-09-figure-totals.png'), fullPage: true });
  } finally {
    if (context) await context.close();
    rmSync(profile, { recursive: true, force: true });
    await server.stop();
  }
});
