// SPDX-License-Identifier: AGPL-3.0-or-later
// Browser test of the directive (công văn) pages on the demo database: a
// grassroots cadre on a phone reads and acknowledges 42/LĐLĐ; the Gia Lâm
// district officer on a desktop sees the acknowledgement in the receipts,
// imports a letter file into a draft (issue: confirm step, field error,
// success), and carries the city's 228/LĐLĐ down as a new draft.
//
//   meson setup build-x && ninja -C build-x lantoa
//   cd web && npm ci && npm run build && cd ..
//   LANTOA_BIN=$PWD/build-x/lantoa node --test tests/e2e/directives.test.mjs
//
// Env: LANTOA_BIN, E2E_SHOTS (default build/e2e-screenshots), CHROMIUM (default /usr/bin/chromium).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ROOT, login, startServer } from '../lib/server.mjs';
import { DESKTOP, PHONE, assertNoSideScroll, openBrowser, prepareBrowserTests, signIn } from '../lib/browser.mjs';

const LETTER = join(ROOT, 'data', 'demo', '42-LDLD-gia-lam-2024.txt');
const SUBJECT = 'truyền thông các hoạt động chăm lo đoàn viên, NLĐ dịp Tết Giáp Thìn 2024';
const THEMES = [
  'Truyền thông về tổng kết 10 năm Chương trình “Tết Sum vầy”',
  'Truyền thông về “Chợ Tết Công đoàn năm 2024”',
  'Hành trình Tết Công đoàn - Xuân 2024',
  'Chương trình “Tết Sum vầy - Xuân chia sẻ”',
];
const TIME_RE = /\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/;

before(prepareBrowserTests);

const statValue = async (page, stat) => Number((await page.locator(`.dstat[data-stat="${stat}"] dd`).innerText()).replace(/\D/g, ''));

test('directives: cadre acknowledges on a phone, officer follows receipts, imports a letter and cascades', { timeout: 180_000 }, async () => {
  const server = await startServer();
  let officer = null;
  let cadre = null;
  try {
    // --- the demo: 42/LĐLĐ from Gia Lâm to its grassroots unions, 228/LĐLĐ from the city.
    const gialam = await login(server.url, 'gialam');
    const issued = (await gialam.get('/api/v1/directives?box=issued')).json.items;
    const d42 = issued.find((d) => d.number === '42/LĐLĐ');
    assert.ok(d42, 'the demo has 42/LĐLĐ issued by LĐLĐ huyện Gia Lâm');
    const inbox = (await gialam.get('/api/v1/directives?box=inbox')).json.items;
    const d228 = inbox.find((d) => d.number === '228/LĐLĐ');
    assert.ok(d228, 'the demo has 228/LĐLĐ from the city in Gia Lâm\'s inbox');
    // A grassroots union whose receipt the demo leaves "new": cs-00577-02 if it
    // still is, else another Đa Tốn one (account cs-MÃXÃ-STT ↔ unit 01.018.MÃXÃ.STT).
    const fresh = (await gialam.get(`/api/v1/directives/${d42.id}/receipts?state=new`)).json.items;
    const mine = fresh.find((r) => r.unit.code === '01.018.00577.02') ||
      fresh.find((r) => r.unit.code.startsWith('01.018.00577.')) || fresh[0];
    assert.ok(mine, 'some grassroots union has not opened 42/LĐLĐ yet');
    const cadreLogin = 'cs-' + mine.unit.code.split('.').slice(2).join('-');
    const cadreUnit = mine.unit;

    // --- the officer (desktop) reads the acknowledged count before the cadre acts
    // Issuing (here: its dry run) a draft whose number is taken, done on purpose below, is a 409.
    officer = await openBrowser({ device: DESKTOP, timeout: 15_000, shots: 'directives',
      allowConsole: [{ status: 409, url: /\/api\/v1\/directives\/\d+\/issue\?dry_run=1$/ }] });
    const op = officer.page;
    const resp = await op.goto(server.url + '/');
    assert.match(resp.headers()['content-security-policy'] || '', /script-src 'self'/);
    await signIn(op, server.url, 'gialam');
    await op.locator('.mainnav').getByRole('link', { name: 'Công văn' }).click();
    await op.getByRole('heading', { level: 1, name: 'Công văn đến' }).waitFor();
    await op.getByRole('navigation', { name: 'Hộp công văn' }).getByRole('link', { name: 'Công văn đi' }).click();
    await op.getByRole('heading', { level: 1, name: 'Công văn đi' }).waitFor();
    const item42 = op.locator(`a.ditem[data-directive-id="${d42.id}"]`);
    await item42.waitFor();
    assert.match(await item42.innerText(), /42\/LĐLĐ[\s\S]*18\/01\/2024/);
    assert.match(await item42.innerText(), /\d+\/133 đơn vị đã xác nhận/);
    await officer.shot('desktop-01-issued');
    await item42.click();
    await op.locator('.dstats').waitFor();
    const before = await statValue(op, 'acknowledged');
    assert.equal(await statValue(op, 'recipients'), 133, 'every grassroots union under Gia Lâm received it');
    assert.equal(await statValue(op, 'pending'), 133 - before);
    await op.locator('table.dreceipts tbody tr').first().waitFor();

    // --- the cadre on a phone: inbox → 42/LĐLĐ → read → acknowledge
    cadre = await openBrowser({ device: PHONE, timeout: 15_000, shots: 'directives' });
    const cp = cadre.page;
    await signIn(cp, server.url, cadreLogin);
    await cp.locator('.mainnav').getByRole('link', { name: 'Công văn' }).click();
    await cp.getByRole('heading', { level: 1, name: 'Công văn đến' }).waitFor();
    assert.equal(await cp.getByRole('navigation', { name: 'Hộp công văn' }).count(), 0, 'cadres have no outgoing box');
    const c42 = cp.locator(`a.ditem[data-directive-id="${d42.id}"]`);
    await c42.waitFor();
    assert.match(await c42.innerText(), /42\/LĐLĐ/);
    assert.equal((await c42.locator('.chip').innerText()).trim(), 'Mới');
    // filter by state, then search without diacritics
    await cp.getByRole('radio', { name: 'Đã nhận' }).check();
    await cp.getByText('Không có công văn nào khớp.').waitFor();
    await cp.getByRole('radio', { name: 'Mới' }).check();
    await c42.waitFor();
    await cp.getByLabel('Tìm công văn').fill('cho tet cong doan');
    await cp.getByLabel('Tìm công văn').press('Enter');
    await cp.locator('#dl-inbox-status', { hasText: 'Tìm thấy 1 công văn.' }).waitFor();
    assert.match(cp.url(), /#\/directives\?q=cho\+tet\+cong\+doan&state=new$/);
    await assertNoSideScroll(cp, 'inbox');
    await cadre.shot('phone-01-inbox');

    await c42.click();
    const h1 = cp.getByRole('heading', { level: 1 });
    await h1.filter({ hasText: SUBJECT }).waitFor();
    assert.match(await h1.innerText(), /^V\/v /);
    const letterText = await cp.locator('.dletter').innerText();
    assert.match(letterText, /LĐLĐ HUYỆN GIA LÂM/i);
    assert.match(letterText, /Số: 42\/LĐLĐ/);
    assert.match(letterText, /Gia Lâm, ngày 18\/01\/2024/);
    assert.match(letterText, /Tất cả đoàn viên, người lao động đều có Tết/);
    assert.match(letterText, /Công văn số 228\/LĐLĐ ngày 16\/01\/2024/);
    assert.match(letterText, /TM\. BAN THƯỜNG VỤ[\s\S]*Nguyễn Đức Thê/);
    const themeTitles = cp.locator('.dtheme-title');
    assert.equal(await themeTitles.count(), 4, 'the four themes of the letter');
    for (let i = 0; i < 4; i++) {
      assert.equal((await themeTitles.nth(i).innerText()).trim(), THEMES[i]);
      await themeTitles.nth(i).scrollIntoViewIfNeeded();
      assert.ok(await themeTitles.nth(i).isVisible());
    }
    // the reference is a link to 228/LĐLĐ; the chain runs city → district
    assert.equal(await cp.locator('.dletter-refs a').getAttribute('href'), `#/directives/${d228.id}`);
    const chain = await cp.getByRole('navigation', { name: 'Chuỗi triển khai' }).innerText();
    assert.match(chain, /thành phố Hà Nội[\s\S]*228\/LĐLĐ[\s\S]*huyện Gia Lâm[\s\S]*42\/LĐLĐ/);
    // the first view is recorded: "đã xem", with its time
    const card = cp.locator('.dreceipt');
    assert.equal((await card.locator('.chip').innerText()).trim(), 'Đã xem');
    assert.match(await card.locator('.dtimes').innerText(), /Xem lúc\s+\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
    assert.equal(await card.getByRole('button', { name: 'Triển khai xuống cấp dưới' }).count(), 0, 'cadres do not cascade');
    await assertNoSideScroll(cp, 'directive');
    await cp.evaluate(() => window.scrollTo(0, 0));
    await cadre.shot('phone-02-directive');
    await cadre.shot('phone-03-directive-full', true);

    const ack = cp.getByRole('button', { name: 'Xác nhận đã nhận' });
    await ack.scrollIntoViewIfNeeded();
    const box = await ack.boundingBox();
    assert.ok(box.height >= 48 && box.width >= 300, `a big button (${box.width}x${box.height})`);
    await ack.click();
    const done = card.locator('.dreceipt-done');
    await done.waitFor();
    assert.match(await done.innerText(), new RegExp('Đã xác nhận lúc ' + TIME_RE.source));
    assert.equal((await card.locator('.chip').innerText()).trim(), 'Đã nhận');
    assert.equal(await ack.count(), 0, 'one click: the button is gone');
    assert.ok(await done.evaluate((el) => el === document.activeElement), 'focus moves to the confirmation');
    await cadre.shot('phone-04-acknowledged');
    // the same card in English
    await cp.locator('.usermenu-button').click();
    await cp.locator('#user-panel').getByRole('button', { name: 'English' }).click();
    await cp.locator('.dreceipt-done', { hasText: /^Receipt confirmed at / }).waitFor();
    assert.equal((await card.locator('.chip').innerText()).trim(), 'Received');
    assert.match(await cp.locator('.dletter').innerText(), /No\. 42\/LĐLĐ[\s\S]*Gia Lâm, 18\/01\/2024[\s\S]*Re: /);
    await cp.keyboard.press('Escape');
    await cadre.shot('phone-05-english');
    await cp.locator('.usermenu-button').click();
    await cp.locator('#user-panel').getByRole('button', { name: 'Tiếng Việt' }).click();
    await cp.keyboard.press('Escape');
    await cp.getByRole('link', { name: '‹ Công văn đến' }).click();
    await c42.waitFor();
    assert.equal((await c42.locator('.chip').innerText()).trim(), 'Đã nhận');

    // --- the officer sees one more acknowledgement, and the cadre's unit in it
    await op.reload();
    await op.locator('.dstats').waitFor();
    assert.equal(await statValue(op, 'acknowledged'), before + 1, 'the acknowledged count went up by one');
    assert.equal(await statValue(op, 'pending'), 133 - before - 1);
    await op.getByRole('button', { name: 'Xem các đơn vị nhận' }).click();
    assert.ok(await op.locator('#dreceipts-title').evaluate((el) => el === document.activeElement), 'the jump moves focus to the receipts');
    await op.getByRole('radio', { name: 'Đã xác nhận' }).check();
    // The receipts come 50 at a time: "Xem thêm" appends the next page until the last.
    await receiptsOnly(op, 'acknowledged', true);
    await showAllReceipts(op);
    const row = op.locator(`table.dreceipts tr[data-unit-code="${cadreUnit.code}"]`);
    await row.waitFor();
    assert.equal(await row.getAttribute('data-state'), 'acknowledged');
    assert.match(await row.innerText(), new RegExp(cadreUnit.name));
    assert.match(await row.locator('td').last().innerText(), TIME_RE);
    assert.equal(await op.locator('table.dreceipts tbody tr').count(), before + 1);
    assert.match(op.url(), /receipts=acknowledged$/);
    await row.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await officer.shot('desktop-02-receipts-acknowledged');
    // the filter is a real radio group: arrow keys move it, and focus shows on the chip
    await op.getByRole('radio', { name: 'Đã xác nhận' }).focus();
    await op.keyboard.press('ArrowLeft');
    assert.ok(await op.getByRole('radio', { name: 'Chưa xác nhận' }).isChecked());
    const ring = await op.evaluate(() => getComputedStyle(document.activeElement.nextElementSibling).outlineStyle);
    assert.notEqual(ring, 'none', 'keyboard focus is visible on the filter chip');
    await receiptsOnly(op, 'acknowledged', false);
    await showAllReceipts(op);
    await op.locator('.search-status', { hasText: `${133 - before - 1} đơn vị.` }).waitFor();
    assert.equal(await op.locator(`table.dreceipts tr[data-unit-code="${cadreUnit.code}"]`).count(), 0);
    await op.evaluate(() => window.scrollTo(0, 0));
    await officer.shot('desktop-03-receipts-pending');

    // --- import a letter file through the editor
    await op.locator('.mainnav').getByRole('link', { name: 'Công văn' }).click();
    await op.getByRole('link', { name: 'Công văn đi' }).click();
    await op.getByRole('link', { name: 'Nhập từ văn bản' }).click();
    await op.getByRole('heading', { level: 1, name: 'Soạn công văn' }).waitFor();
    await op.getByLabel('Tệp công văn (.txt hoặc .docx)').setInputFiles(LETTER);
    await op.getByRole('button', { name: 'Đọc văn bản' }).click();
    await op.getByRole('heading', { level: 1, name: 'Sửa bản nháp 42/LĐLĐ' }).waitFor();
    assert.match(op.url(), /#\/directives\/\d+\/edit$/);
    const draftId = Number(op.url().match(/directives\/(\d+)\/edit/)[1]);
    const titles = op.locator('textarea.dtheme-title-input');
    assert.equal(await titles.count(), 4, 'the draft has the letter\'s four themes');
    for (let i = 0; i < 4; i++) assert.equal(await titles.nth(i).inputValue(), THEMES[i]);
    assert.equal(await op.locator('[data-field="themes[3].items"] textarea').count(), 4);
    assert.equal(await op.getByLabel('Số công văn').inputValue(), '42/LĐLĐ');
    assert.equal(await op.getByLabel('Ngày ban hành').inputValue(), '18/01/2024', 'dates typed and shown as dd/mm/yyyy');
    assert.equal(await op.getByLabel('Trích yếu (V/v)').inputValue(), SUBJECT);
    assert.equal(await op.getByLabel('Thẩm quyền ký').inputValue(), 'TM. BAN THƯỜNG VỤ');
    assert.equal(await op.locator('[data-field="references[0].number"] input').inputValue(), '228/LĐLĐ');
    const notes = op.locator('.dnotes');
    assert.match(await notes.innerText(), /Cần xem lại[\s\S]*không tìm thấy/);
    await officer.shot('desktop-04-imported-draft');

    // reorder: theme 2 moves up, then back down (keyboard focus follows the button)
    await op.getByRole('button', { name: 'Chuyển Nội dung 2 lên' }).click();
    assert.equal(await titles.nth(0).inputValue(), THEMES[1]);
    await op.getByRole('button', { name: 'Chuyển Nội dung 1 xuống' }).click();
    assert.equal(await titles.nth(0).inputValue(), THEMES[0]);

    // issue: the server's dry run finds the taken number before any confirm step,
    // and the error comes back next to its field
    await op.getByRole('button', { name: 'Ban hành…' }).click();
    const dialog = op.getByRole('dialog');
    const numberErr = op.locator('[data-field="number"] .field-error');
    await numberErr.waitFor();
    assert.match(await numberErr.innerText(), /42\/LĐLĐ/);
    const numberBox = op.getByLabel('Số công văn');
    assert.equal(await numberBox.getAttribute('aria-invalid'), 'true');
    assert.ok(await numberBox.evaluate((el) => el === document.activeElement), 'focus goes to the field in error');
    await officer.shot('desktop-06-field-error');
    assert.equal(await dialog.isVisible(), false, 'no confirm step for a directive that cannot be issued');
    await numberBox.fill('43/LĐLĐ');
    assert.equal(await numberErr.count(), 0, 'the error clears once the field changes');
    // now the confirm step names the exact count, from the server's dry run
    await op.getByRole('button', { name: 'Ban hành…' }).click();
    await dialog.waitFor();
    assert.match(await dialog.innerText(), /Công văn sẽ được gửi đến 133 đơn vị\./);
    await officer.shot('desktop-05-issue-confirm');
    await dialog.getByRole('button', { name: 'Ban hành', exact: true }).click();
    await op.getByText('Đã ban hành công văn 43/LĐLĐ, gửi đến 133 đơn vị.').waitFor();
    assert.match(op.url(), new RegExp(`#/directives/${draftId}$`));
    assert.equal(await statValue(op, 'recipients'), 133);
    assert.equal(await statValue(op, 'acknowledged'), 0);
    await officer.shot('desktop-07-issued');

    // --- cascade: the city's 228/LĐLĐ carried down by the district
    await op.locator('.mainnav').getByRole('link', { name: 'Công văn' }).click();
    const i228 = op.locator(`a.ditem[data-directive-id="${d228.id}"]`);
    await i228.click();
    await op.getByRole('heading', { level: 1, name: new RegExp(SUBJECT) }).waitFor();
    assert.match(await op.locator('.dletter').innerText(), /Số: 228\/LĐLĐ/);
    await officer.shot('desktop-08-228');
    await op.getByRole('button', { name: 'Triển khai xuống cấp dưới' }).click();
    await op.getByRole('heading', { level: 1, name: /Sửa bản nháp/ }).waitFor();
    assert.match(await op.locator('.dctx').innerText(), /triển khai công văn 228\/LĐLĐ/);
    assert.equal(await op.locator('[data-field="references[0].number"] input').inputValue(), '228/LĐLĐ');
    assert.equal(await op.locator('[data-field="references[0].date"] input').inputValue(), '16/01/2024');
    assert.equal(await op.locator('input[name="drec-mode"][value="grassroots_under"]').isChecked(), true);
    await op.locator('.upick-current-name', { hasText: 'LĐLĐ huyện Gia Lâm' }).waitFor();
    assert.match(await op.locator('[data-field="tasks[0]"] textarea').inputValue(), /Tết Giáp Thìn 2024/);
    assert.equal(await op.getByLabel('Gửi báo cáo về').inputValue(), 'gialam@congdoanhanoi.org.vn');
    await officer.shot('desktop-09-cascade-draft');
    // fill in the number and date, save, and find them again after a reload
    await op.getByLabel('Số công văn').fill('15/LĐLĐ');
    await op.getByLabel('Ngày ban hành').fill('19/01/2024');
    await op.getByRole('button', { name: 'Lưu bản nháp' }).click();
    await op.locator('.dsaved', { hasText: /Đã lưu lúc \d{2}:\d{2}/ }).waitFor();
    await op.reload();
    await op.getByRole('heading', { level: 1, name: 'Sửa bản nháp 15/LĐLĐ' }).waitFor();
    assert.equal(await op.getByLabel('Ngày ban hành').inputValue(), '19/01/2024');
    // the same draft on the officer's phone-width window
    await op.setViewportSize(PHONE.viewport);
    await assertNoSideScroll(op, 'editor');
    await officer.shot('phone-06-editor');

    assert.deepEqual(cadre.errors(), [], 'phone: no console errors, page errors or CSP violations');
    assert.deepEqual(officer.errors(), [], 'desktop: no console errors, page errors or CSP violations');
  } finally {
    if (cadre) await cadre.close();
    if (officer) await officer.close();
    await server.stop();
  }
});

// Wait until the receipts table shows the filter's rows only (the new page has replaced the old):
// every row in state (is true) or none in it (is false).
async function receiptsOnly(page, state, is) {
  await page.waitForFunction(([st, yes]) => {
    const rows = [...document.querySelectorAll('table.dreceipts tbody tr')];
    return rows.length > 0 && rows.every((r) => (r.dataset.state === st) === yes);
  }, [state, is]);
}

// Press "Xem thêm" under the receipts until every page is in the table.
async function showAllReceipts(page) {
  const more = page.locator('.dreceipts-box .list-more-btn');
  while (await more.count()) {
    const n = await page.locator('table.dreceipts tbody tr').count();
    await more.click();
    await page.waitForFunction((k) => document.querySelectorAll('table.dreceipts tbody tr').length > k, n);
  }
}
