// SPDX-License-Identifier: AGPL-3.0-or-later
// Browser test of the activity pages: a grassroots cadre on a phone-sized
// screen pastes a Facebook link (channel and theme filled in), saves it and
// sees it in the list; attaches a photo (and sees a non-image refused) and
// sees its thumbnail, removes one of two; edits the item (a negative count refused next to its
// field, then a new title seen in the list); enters a figure and sees it kept;
// glances at the contest and continuity pages. Once the unit's report is
// accepted, an edit or a photo gets the server's 409 message. Debian's Chromium through playwright-core,
// the real server with the demo database.
//
//   cd web && npm ci && npm run build && cd .. && node --test tests/e2e/activity.test.mjs
//
// Screenshots go to build/e2e-screenshots/activity-*.png (E2E_SHOTS to change).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { login, startServer } from '../lib/server.mjs';
import { tinyPng } from '../lib/png.mjs';
import { DESKTOP, PHONE, assertNoSideScroll, openBrowser, prepareBrowserTests, signIn } from '../lib/browser.mjs';

before(prepareBrowserTests);

test('a cadre on a phone adds a Facebook link and a figure and sees them', { timeout: 120_000 }, async () => {
  const server = await startServer();
  let browser = null;
  try {
    // The refused figure below (2,5 people) is a 400 on purpose; a 401 is allowed anywhere.
    // So are the refused non-image (415) and the negative count (400) of the photo and edit steps.
    browser = await openBrowser({ device: PHONE, shots: 'activity',
      allowConsole: [{ status: 400, url: /\/figures$/ }, { status: 401 },
        { status: 415, url: /\/photos$/ }, { status: 400, url: /\/activities\/\d+$/ },
        // The same link saved a second time is refused (409) on purpose.
        { status: 409, url: /\/activities$/ }] });
    const { page } = browser;
    await signIn(page, server.url, 'cs-00577-01');

    // --- the items page from the main navigation
    const t0 = Date.now();
    await page.goto(server.url + '/#/activities');
    await page.getByRole('heading', { level: 1, name: 'Tin bài, hoạt động' }).waitFor();
    await page.locator('#act-counts').filter({ hasText: 'tin' }).waitFor();
    await browser.shot('01-items');
    // On a phone, the short lists (channel, kind) show their whole choice beside their arrow.
    for (const id of ['#act-channel', '#act-kind']) {
      const fits = await page.locator(id).evaluate((el) => {
        const cs = getComputedStyle(el);
        const ctx = document.createElement('canvas').getContext('2d');
        ctx.font = cs.font;
        const text = ctx.measureText(el.selectedOptions[0].text).width;
        return { text, room: el.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight) };
      });
      assert.ok(fits.text <= fits.room, `${id}: the choice is ${fits.text}px wide, the list shows ${fits.room}px`);
    }

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

    // The same link again (pasted as the desktop link): refused with the saved item's number, no second item.
    await page.getByLabel('Tiêu đề').fill('Chợ Tết Công đoàn (đăng lại)');
    await page.getByLabel('Đường dẫn (dán link bài đăng)').fill(link.replace('m.facebook', 'www.facebook'));
    await page.locator('#act-detect').filter({ hasText: 'Facebook' }).waitFor();
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    const refusal = page.locator('#act-form-error').filter({ hasText: /đã lưu liên kết này.*#\d+/ });
    await refusal.waitFor();
    assert.equal((await page.locator('.act-saved').innerText()).trim(), '', 'no "Đã lưu" beside the refusal');
    assert.ok(await refusal.evaluate((el) => { const r = el.getBoundingClientRect(); const bar = document.querySelector('header.topbar').getBoundingClientRect().bottom; return r.top >= bar && r.bottom <= innerHeight; }), 'the refusal is on screen, below the top bar');
    await browser.shot('03b-same-link');
    assert.equal(await page.locator('.act-item').filter({ hasText: '30 gian hàng 0 đồng' }).count(), 1);
    assert.equal(await page.locator('.act-item').filter({ hasText: '(đăng lại)' }).count(), 0, 'no second item, no share counted');

    // Search without diacritics finds it.
    await page.getByLabel('Tìm kiếm').fill('tai truong 30 gian hang');
    await page.locator('#act-counts').filter({ hasText: /^1 tin/ }).waitFor();
    assert.equal(await page.locator('.act-item').count(), 1);

    // --- a photo from the phone's gallery: a text file named .png is refused by its content, the PNG is kept
    const mine = page.locator('.act-item').filter({ hasText: '30 gian hàng 0 đồng' });
    await mine.getByRole('button', { name: /^Ảnh của “Chợ Tết/ }).click();
    const picker = mine.locator('input[type=file][multiple]');
    assert.equal(await picker.getAttribute('accept'), 'image/jpeg,image/png,image/webp');
    assert.equal(await mine.locator('input[type=file][capture]').getAttribute('accept'), 'image/jpeg,image/png,image/webp');
    await mine.locator('.act-nophoto').filter({ hasText: 'Chưa có ảnh' }).waitFor();
    await picker.setInputFiles({ name: 'ghi-chu.png', mimeType: 'image/png', buffer: Buffer.from('không phải ảnh') });
    await mine.locator('.act-ph-errors').filter({ hasText: /ghi-chu\.png: Chỉ nhận ảnh JPEG, PNG hoặc WebP/ }).waitFor();
    await mine.locator('.act-ph-progress').filter({ hasText: 'Đã gửi 0/1 ảnh' }).waitFor();
    await picker.setInputFiles({ name: 'cho-tet.png', mimeType: 'image/png', buffer: tinyPng() });
    await mine.locator('.act-ph-progress').filter({ hasText: 'Đã gửi 1/1 ảnh' }).waitFor();
    const thumb = mine.getByRole('img', { name: /^Ảnh 1 của “Chợ Tết/ });
    await thumb.waitFor();
    assert.match(await thumb.getAttribute('src'), /^\/api\/v1\/activities\/\d+\/photos\/1$/);
    await page.waitForFunction(() => { const i = document.querySelector('.act-thumb'); return i && i.complete && i.naturalWidth === 24; });
    assert.equal(await mine.locator('.act-ph-errors').innerText(), '', 'the earlier error is gone');
    await assertNoSideScroll(page, 'photos panel');
    await mine.scrollIntoViewIfNeeded();
    await browser.shot('03b-photo');

    // --- a second photo, then the first one removed after a confirmation: the second keeps its address
    await picker.setInputFiles({ name: 'cho-tet-2.png', mimeType: 'image/png', buffer: tinyPng(24, 16, { colour: [0x10, 0x40, 0xc8] }) });
    await mine.getByRole('img', { name: /^Ảnh 2 của “Chợ Tết/ }).waitFor();
    assert.equal(await mine.getByRole('button', { name: /^Ảnh của “Chợ Tết/ }).innerText(), 'Ảnh (2)');
    let asked = '';
    page.once('dialog', (d) => { asked = d.message(); d.accept(); });
    await mine.getByRole('button', { name: /^Xoá ảnh 1 của “Chợ Tết/ }).click();
    await mine.locator('.act-ph-progress').filter({ hasText: 'Đã xoá ảnh 1.' }).waitFor();
    assert.equal(asked, 'Xoá ảnh 1 khỏi tin này?');
    assert.equal(await mine.locator('.act-thumb').count(), 1);
    assert.equal(await mine.getByRole('button', { name: /^Ảnh của “Chợ Tết/ }).innerText(), 'Ảnh (1)', 'the button counts the photos');
    assert.match(await mine.locator('.act-thumb').getAttribute('src'), /\/photos\/2$/);
    await assertNoSideScroll(page, 'photos panel after a removal');
    await browser.shot('03b2-photo-removed');

    // --- edit the item: a negative count is refused next to its field, then the new title is in the list
    await mine.getByRole('button', { name: /^Sửa “Chợ Tết/ }).click();
    const edit = mine.getByRole('form', { name: /^Sửa “Chợ Tết/ });
    await edit.getByLabel('Lượt xem').fill('-5');
    await edit.getByRole('button', { name: 'Lưu thay đổi' }).click();
    const viewsErr = edit.locator('.field-error').filter({ hasText: 'không âm' });
    await viewsErr.waitFor();
    assert.equal(await edit.getByLabel('Lượt xem').getAttribute('aria-invalid'), 'true');
    assert.equal(await viewsErr.getAttribute('id'), await edit.getByLabel('Lượt xem').getAttribute('aria-describedby'));
    await browser.shot('03c-edit-error');
    await edit.getByLabel('Lượt xem').fill('120');
    await edit.getByLabel('Tiêu đề').fill('Chợ Tết Công đoàn tại trường: 30 gian hàng 0 đồng cho giáo viên');
    await edit.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await page.locator('#act-live').filter({ hasText: 'Đã cập nhật' }).waitFor();
    const edited = page.locator('.act-item').filter({ hasText: '0 đồng cho giáo viên' });
    await edited.waitFor();
    assert.match(await edited.innerText(), /120 lượt xem/);
    assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Sửa', 'focus is back on the Edit button');
    await edited.scrollIntoViewIfNeeded();
    await browser.shot('03d-edited');
    // The photo stays with the edited item.
    await edited.getByRole('button', { name: /^Ảnh của/ }).click();
    await edited.getByRole('img', { name: /^Ảnh 1 của “Chợ Tết Công đoàn tại trường: 30 gian hàng 0 đồng cho giáo viên”/ }).waitFor();

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

test('after its report is accepted, the cadre\'s edit and photo get the server\'s lock message', { timeout: 120_000 }, async () => {
  const server = await startServer();
  let browser = null;
  try {
    // Set up through the API: an item of the unit, then its report submitted and accepted by the district.
    const cadre = await login(server.url, 'cs-00577-01');
    const gialam = await login(server.url, 'gialam');
    const d42 = (await cadre.get('/api/v1/directives?box=inbox')).json.items.find((d) => d.number === '42/LĐLĐ');
    const made = await cadre.post('/api/v1/activities', { directive_id: d42.id, title: 'Tặng quà Tết đoàn viên khó khăn',
      url: 'https://www.facebook.com/cdcsdaton/posts/77001' });
    assert.equal(made.status, 201, made.text);
    const report = `/api/v1/directives/${d42.id}/units/${cadre.user.unit.id}/report`;
    assert.equal((await cadre.post(report + '/submit', {})).status, 200);
    assert.equal((await gialam.post(report + '/accept', {})).status, 200);

    browser = await openBrowser({ device: PHONE, shots: 'activity', allowConsole: [{ status: 401 }, { status: 409 }] });
    const { page } = browser;
    await signIn(page, server.url, 'cs-00577-01');
    await page.goto(server.url + `/#/activities?d=${d42.id}`);
    const item = page.locator('.act-item').filter({ hasText: 'Tặng quà Tết đoàn viên khó khăn' });
    await item.waitFor();
    await item.getByRole('button', { name: /^Sửa “Tặng quà Tết/ }).click();
    const edit = item.getByRole('form', { name: /^Sửa “Tặng quà Tết/ });
    await edit.getByLabel('Tiêu đề').fill('Tặng quà Tết đoàn viên khó khăn (sửa)');
    await edit.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await edit.getByRole('alert').filter({ hasText: 'đã được duyệt: không sửa được nữa' }).waitFor();
    await item.scrollIntoViewIfNeeded();
    await browser.shot('10-locked-edit');
    await item.getByRole('button', { name: /^Ảnh của “Tặng quà Tết/ }).click();
    await item.locator('input[type=file][multiple]').setInputFiles({ name: 'qua-tet.png', mimeType: 'image/png', buffer: tinyPng() });
    await item.locator('.act-ph-errors').filter({ hasText: /qua-tet\.png: .*đã được duyệt/ }).waitFor();
    assert.equal(await item.locator('.act-thumb').count(), 0);
    await browser.shot('11-locked-photo');
    const stored = (await cadre.get('/api/v1/activities/' + made.json.id)).json;
    assert.equal(stored.title, 'Tặng quà Tết đoàn viên khó khăn', 'the locked record is unchanged');
    assert.deepEqual(stored.photos, []);
    // The accepted report's page offers the unit no "Mở lại": only a level above reopens it.
    await page.goto(server.url + '/' + report.replace('/api/v1', '#'));
    await page.locator('.rstatus .rchip[data-status="accepted"]').waitFor();
    assert.equal(await page.locator('.rreopen-form').count(), 0);
    await browser.shot('12-accepted-no-reopen');
    assert.deepEqual(browser.errors(), []);
  } finally {
    if (browser) await browser.close();
    await server.stop();
  }
});
