// SPDX-License-Identifier: AGPL-3.0-or-later
// Browser test of issue 12, defects 4 and 5, on a phone (390×844): the
// district officer creates a contest on its directive (an end before the
// start is refused next to its field, dates typed dd/mm/yyyy), then a
// grassroots cadre of a receiving union opens it from the letter and enters
// a member's clip, which is listed. The officer picks "Số suất quà Tết" in
// a new directive's indicator picker by typing it without diacritics, and
// the letter then shows the labels, never the codes. Debian's Chromium
// through playwright-core, the real server with the demo database.
//
//   cd web && npm ci && npm run build && cd .. && node --test tests/e2e/contest_indicators.test.mjs
//
// Screenshots go to build/e2e-screenshots/contest-*.png (E2E_SHOTS to change).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { login, startServer } from '../lib/server.mjs';
import { PHONE, assertNoSideScroll, openBrowser, prepareBrowserTests, signIn } from '../lib/browser.mjs';

before(prepareBrowserTests);

test('an officer creates a contest on a directive and a cadre of a receiving union submits an entry', { timeout: 420_000 }, async () => {
  const server = await startServer();
  let officer = null;
  let cadre = null;
  try {
    const api = await login(server.url, 'gialam');
    const dir = (await api.get('/api/v1/directives?box=issued')).json.items.find((d) => d.number === '42/LĐLĐ').id;
    // The refused period (end before start) is a 400 on purpose.
    officer = await openBrowser({ device: PHONE, shots: 'contest', allowConsole: [{ status: 400, url: /\/contests$/ }, { status: 401 }] });
    const { page } = officer;
    await signIn(page, server.url, 'gialam');
    await page.goto(`${server.url}/#/directives/${dir}`);
    const sec = page.locator('.dcon-sec');
    await sec.getByRole('heading', { name: 'Cuộc thi của công văn' }).waitFor();
    await sec.getByRole('button', { name: 'Tạo cuộc thi' }).click();
    const form = page.locator('.dcon-form');
    await form.getByLabel('Tên cuộc thi').fill('Tết của tôi 2025');
    await form.getByLabel('Thể lệ, mô tả').fill('Mỗi đoàn viên gửi một clip dưới 3 phút về cái Tết của gia đình mình.');
    await form.getByLabel('Ngày bắt đầu nhận bài').fill('20/01/2024');
    await form.getByLabel('Ngày kết thúc nhận bài').fill('10/01/2024');
    await form.getByLabel('Bài viết').uncheck();
    await form.getByLabel('Giải thưởng (không bắt buộc)').fill('Giải nhất: 3.000.000 đ');
    await officer.shot('01-form');
    await form.getByRole('button', { name: 'Tạo cuộc thi' }).click();
    const err = form.locator('.form-error');
    await err.filter({ hasText: 'Ngày kết thúc nhận bài (10/01/2024) trước ngày bắt đầu (20/01/2024)' }).waitFor();
    assert.equal(await form.getByLabel('Ngày kết thúc nhận bài').getAttribute('aria-invalid'), 'true', 'the end date is marked');
    await officer.shot('02-end-before-start');
    await form.getByLabel('Ngày kết thúc nhận bài').fill('20/02/2024');
    await form.getByRole('button', { name: 'Tạo cuộc thi' }).click();
    const card = sec.locator('.dcon').filter({ hasText: 'Tết của tôi 2025' });
    await card.waitFor();
    const text = await card.innerText();
    assert.match(text, /20\/01\/2024 – 20\/02\/2024/);
    assert.match(text, /Video clip/);
    assert.doesNotMatch(text, /Bài viết/, 'video only');
    assert.match(text, /Giải nhất: 3\.000\.000 đ/);
    await assertNoSideScroll(page, 'the directive with its contests');
    await card.scrollIntoViewIfNeeded();
    await officer.shot('03-created');
    assert.deepEqual(officer.errors(), []);

    // --- a cadre of a union that received 42/LĐLĐ enters a clip from the letter
    cadre = await openBrowser({ device: PHONE, shots: 'contest' });
    const p2 = cadre.page;
    await signIn(p2, server.url, 'cs-00577-01');
    await p2.goto(`${server.url}/#/directives/${dir}`);
    const ccard = p2.locator('.dcon').filter({ hasText: 'Tết của tôi 2025' });
    await ccard.waitFor();
    assert.equal(await ccard.getByRole('button', { name: 'Sửa' }).count(), 0, 'a cadre does not edit it');
    assert.equal(await p2.getByRole('button', { name: 'Tạo cuộc thi' }).count(), 0, 'nor creates one');
    await ccard.scrollIntoViewIfNeeded();
    await cadre.shot('04-cadre-sees-contest');
    await ccard.getByRole('link', { name: /Gửi bài dự thi/ }).click();
    // The directive page holds the rules too (in a closed <details>), so wait
    // for the contest page's own entry form before reading its options.
    await p2.locator('#con-cat option').first().waitFor({ state: 'attached' });
    await p2.locator('.con-info').getByText('Mỗi đoàn viên gửi một clip', { exact: false }).waitFor({ state: 'attached' });
    const cats = await p2.locator('#con-cat option').allInnerTexts();
    assert.deepEqual(cats, ['Video clip'], 'only the kinds the contest takes');
    await p2.getByLabel('Họ tên đoàn viên').fill('Lê Thị Mai');
    await p2.getByLabel('Đường dẫn', { exact: false }).first().fill('https://www.tiktok.com/@mai.le/video/7330000000000000777');
    await p2.locator('#con-date').fill('28/01/2024');
    await p2.getByRole('button', { name: 'Lưu', exact: true }).click();
    const entry = p2.locator('.act-item').filter({ hasText: 'Lê Thị Mai' });
    await entry.waitFor();
    assert.match(await entry.innerText(), /28\/01\/2024/);
    await entry.scrollIntoViewIfNeeded();
    await cadre.shot('05-entry-listed');
    await assertNoSideScroll(p2, 'the contest page');
    assert.deepEqual(cadre.errors(), []);
  } finally {
    if (officer) await officer.close();
    if (cadre) await cadre.close();
    await server.stop();
  }
});

test('an officer picks "Số suất quà Tết" with the indicator picker and the letter shows labels, not codes', { timeout: 300_000 }, async () => {
  const server = await startServer();
  let browser = null;
  try {
    browser = await openBrowser({ device: PHONE, shots: 'contest', allowConsole: [{ status: 401 }] });
    const { page } = browser;
    await signIn(page, server.url, 'gialam');
    await page.goto(`${server.url}/#/directives/new`);
    await page.getByLabel('Số công văn', { exact: false }).first().fill('88/LĐLĐ');
    await page.getByLabel('Trích yếu', { exact: false }).first().fill('Báo cáo quà Tết');
    const picker = page.locator('.ipick');
    const search = picker.getByLabel('Tìm chỉ tiêu theo tên');
    await search.scrollIntoViewIfNeeded();
    // Typed without diacritics, as on a phone keyboard in a hurry.
    await search.fill('suat qua tet');
    const hit = picker.locator('.ipick-item').filter({ hasText: 'Số suất quà Tết' });
    await hit.waitFor();
    assert.match(await hit.innerText(), /suất/, 'shown with its unit');
    assert.doesNotMatch(await picker.innerText(), /gift_/, 'no code on screen');
    assert.equal(await picker.locator('.ipick-create').count(), 0, 'no offer to copy what the catalogue has');
    assert.doesNotMatch(await picker.locator('.ipick-results').innerText(), /null|undefined/);
    await browser.shot('06-picker-search');
    await hit.click();
    await search.fill('người nhận quà');
    await picker.locator('.ipick-item').filter({ hasText: 'Số người nhận quà' }).click();
    // A figure the catalogue lacks is added by its label, with its unit.
    await search.fill('Số suất ăn ca miễn phí');
    await picker.getByText('Danh mục chưa có chỉ tiêu “Số suất ăn ca miễn phí”.').waitFor();
    await picker.getByRole('button', { name: 'Thêm chỉ tiêu mới “Số suất ăn ca miễn phí” vào danh mục' }).click();
    const chosen = picker.locator('.ipick-chosen-item');
    await chosen.nth(2).waitFor();
    assert.deepEqual(await chosen.locator('.ipick-name').allInnerTexts(), ['Số suất quà Tết', 'Số người nhận quà', 'Số suất ăn ca miễn phí']);
    await assertNoSideScroll(page, 'the picker');
    await chosen.first().scrollIntoViewIfNeeded();
    await browser.shot('07-picked');
    await page.getByRole('button', { name: 'Lưu bản nháp', exact: true }).first().click();
    await page.waitForURL(/#\/directives\/\d+\/edit/);
    const id = page.url().match(/directives\/(\d+)\/edit/)[1];
    const api = await login(server.url, 'gialam');
    assert.deepEqual((await api.get('/api/v1/directives/' + id)).json.directive.indicators, ['gift_packages', 'gift_recipients', 'so_suat_an_ca_mien_phi']);
    // The letter itself: labels and units, never the codes.
    await page.goto(`${server.url}/#/directives/${id}`);
    const inds = page.locator('.dsec--indicators');
    await inds.waitFor();
    const letterText = await page.locator('.dletter').innerText();
    assert.match(letterText, /Số suất quà Tết \(suất\)/);
    assert.match(letterText, /Số người nhận quà \(người\)/);
    assert.doesNotMatch(letterText, /gift_recipients|gift_packages/);
    await inds.scrollIntoViewIfNeeded();
    await browser.shot('08-letter-labels');
    assert.deepEqual(browser.errors(), []);
  } finally {
    if (browser) await browser.close();
    await server.stop();
  }
});
