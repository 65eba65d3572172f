// SPDX-License-Identifier: AGPL-3.0-or-later
// Browser test of the registers of documents (sổ văn bản, issue 15) at a phone
// (390×844): the menu entry "Sổ văn bản" opens the user's own registers; the
// district's register of documents received for 2024 starts at số đến 1 with
// 228/LĐLĐ from Hà Nội, pages with "Xem thêm" until every entry is there; the
// "Văn bản đi" tab lists 42/LĐLĐ to 133 units; the XLSX link downloads the
// register; 42/LĐLĐ names its signer (Người ký); on the "Nhận qua trục liên
// thông" tab an officer gives an edXML file to "Nhận tệp edXML" (a broken one
// is refused naming the element, nothing listed) and the report it carried is
// listed, with its PDF to download; nothing scrolls sideways, at the phone and on a laptop (1366×900).
//
//   cd web && npm ci && npm run build && cd .. && node --test tests/e2e/registers.test.mjs
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login, cli } from '../lib/server.mjs';
import { query } from '../lib/db.mjs';
import { PHONE, openBrowser, prepareBrowserTests, signIn, assertNoSideScroll } from '../lib/browser.mjs';

before(prepareBrowserTests);

test('Sổ văn bản at phone and laptop size: đến / đi tabs, Xem thêm, XLSX', { timeout: 180_000 }, async () => {
  const server = await startServer();
  let browser = null;
  try {
    const gl = await login(server.url, 'gialam');
    const glId = gl.user.unit.id;
    const inAll = (await gl.get(`/api/v1/units/${glId}/registers/in?year=2024&limit=500`)).json.items;
    browser = await openBrowser({ device: PHONE, shots: 'registers-phone', allowConsole: [{ status: 400, url: /edxml\/import$/ }] });
    const { page } = browser;
    await signIn(page, server.url, 'gialam');

    // The menu entry leads to the user's own unit's registers (this year's).
    await page.locator('.mainnav').getByRole('link', { name: 'Sổ văn bản' }).click();
    await page.waitForURL(/#\/registers$/);
    await page.getByRole('heading', { name: 'Sổ văn bản' }).waitFor();
    assert.equal((await page.locator('.mainnav [aria-current="page"]').innerText()).trim(), 'Sổ văn bản');
    assert.equal(await page.locator('.reg-unit').innerText(), 'LĐLĐ huyện Gia Lâm');

    // 2024's register of documents received: số đến 1 is 228/LĐLĐ from Hà Nội.
    await page.locator('#reg-year').selectOption('2024');
    await page.waitForURL(/year=2024/);
    const entries = page.locator('.reg-entry');
    await entries.first().waitFor();
    const first = entries.first();
    assert.match(await first.locator('.reg-seq').innerText(), /^Số đến 1$/);
    assert.match(await first.innerText(), /228\/LĐLĐ/);
    assert.match(await first.innerText(), /LĐLĐ thành phố Hà Nội/);
    assert.equal(await entries.count(), 50);
    await assertNoSideScroll(page, 'register in, phone');
    await browser.shot('01-in');

    // Xem thêm until the last page: every entry, numbered 1..n.
    while (await page.locator('[data-more]').count()) {
      const before = await entries.count();
      await page.locator('[data-more]').click();
      await page.waitForFunction((n) => document.querySelectorAll('.reg-entry').length > n, before);
    }
    assert.equal(await entries.count(), inAll.length);
    const seqs = await entries.evaluateAll((els) => els.map((e) => Number(e.dataset.seq)));
    assert.deepEqual(seqs, inAll.map((_, i) => i + 1));
    // A report received: its status from the review, a link to the report.
    const rep = page.locator('.reg-entry', { hasText: 'Báo cáo' }).first();
    assert.match(await rep.locator('.reg-status').innerText(), /Chờ duyệt|Đã duyệt|Trả lại/);
    assert.match(await rep.locator('.reg-title a').getAttribute('href'), /#\/directives\/\d+\/units\/\d+\/report$/);

    // The XLSX of the year: the link downloads the register with the session.
    const link = page.locator('[data-xlsx]');
    const url = new URL(await link.getAttribute('href'), server.url).toString();
    assert.match(url, /\/registers\/in\/export\.xlsx\?year=2024$/);
    const file = await page.request.get(url);
    assert.equal(file.status(), 200);
    assert.equal((await file.body()).subarray(0, 2).toString(), 'PK');

    // The sent tab: 42/LĐLĐ to the 133 grassroots unions.
    await page.locator('.reg-tabs').getByRole('link', { name: 'Văn bản đi' }).click();
    await page.waitForURL(/dir=out/);
    const d42 = page.locator('.reg-entry', { hasText: '42/LĐLĐ' });
    await d42.waitFor();
    assert.match(await d42.innerText(), /133 đơn vị/);
    assert.match(await d42.innerText(), /Người ký\s*Nguyễn Đức Thê/);
    assert.match(await d42.locator('.reg-seq').innerText(), /^Số đi \d+$/);
    assert.equal(await page.locator('.reg-tabs [aria-current="page"]').innerText(), 'Văn bản đi');
    await assertNoSideScroll(page, 'register out, phone');
    await browser.shot('02-out');

    // A report received as an edXML file, given to the page's "Nhận tệp edXML": listed with its PDF.
    const x = cli(server.db, ['--as', 'gialam', 'doc', 'edxml', 'export', '--directive', '42/LĐLĐ', '--unit', '01.018.00568.01', '--kind', 'report']);
    assert.equal(x.status, 0, x.stderr);
    await page.locator('.reg-tabs').getByRole('link', { name: 'Nhận qua trục liên thông' }).click();
    await page.waitForURL(/dir=edxml/);
    const pick = page.getByLabel('Nhận tệp edXML');
    const result = page.locator('.reg-import-result');
    // A broken file first: the server's reason, naming the element; nothing listed.
    const countBefore = await page.locator('[data-message]').count();
    await pick.setInputFiles({ name: 'hong.xml', mimeType: 'text/xml', buffer: Buffer.from(x.stdout.slice(0, 400)) });
    await result.locator('.alert--error').waitFor();
    assert.match(await result.innerText(), /edxml|dòng/);
    await pick.setInputFiles({ name: 'bao-cao.xml', mimeType: 'text/xml', buffer: Buffer.from(x.stdout.replace('<edXML:PromulgationDate>', '<edXML:PromulgationDate>x')) });
    await page.waitForFunction(() => /PromulgationDate/.test(document.querySelector('.reg-import-result')?.textContent || ''));
    assert.equal(await page.locator('[data-message]').count(), countBefore);
    await pick.setInputFiles({ name: 'bao-cao.xml', mimeType: 'text/xml', buffer: Buffer.from(x.stdout) });
    await result.locator('.alert--info').waitFor();
    assert.match(await result.innerText(), /Đã nhận: Báo cáo/);
    const id = Number(query(server.db, 'SELECT max(id) AS id FROM edxml_message')[0].id);
    const msg = page.locator(`[data-message="${id}"]`);
    await msg.waitFor();
    assert.match(await msg.innerText(), /Báo cáo/);
    assert.match(await msg.innerText(), /42\/LĐLĐ/);
    const pdfUrl = new URL(await msg.locator('[data-attachment]').getAttribute('href'), server.url).toString();
    const pdf = await page.request.get(pdfUrl);
    assert.equal(pdf.status(), 200);
    assert.equal((await pdf.body()).subarray(0, 5).toString(), '%PDF-');
    await assertNoSideScroll(page, 'received over the axis, phone');
    await browser.shot('03-edxml');

    // The same page on a laptop (1366×900): the list keeps to the page, nothing scrolls sideways.
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.locator('.reg-tabs').getByRole('link', { name: 'Văn bản đến' }).click();
    await page.waitForURL(/dir=in/);
    await entries.first().waitFor();
    await assertNoSideScroll(page, 'register in, laptop');
    await browser.shot('04-laptop');
    assert.deepEqual(browser.errors(), []);
  } finally {
    await browser?.close();
    await server.stop();
  }
});
