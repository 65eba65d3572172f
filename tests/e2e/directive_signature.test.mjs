// SPDX-License-Identifier: AGPL-3.0-or-later
// Browser test of the directive's signature card (issue 15) at a phone
// (390×844): the district officer, a designated signer of the server's
// SoftHSM2 token (tests/lib/softhsm.sh), opens 42/LĐLĐ, reads "chưa được ký
// số", presses the sign button; the card turns to "Chữ ký hợp lệ" with who
// signed and the agency's seal (the server also holds the agency's key), and
// its PDF link gives the signed file. A cadre of a recipient sees the
// signature but no button. On "Sổ văn bản", the verify box takes that PDF
// and says both its signatures are valid, and says a text file is not a PDF.
// A directive sent to a list of units shows its annex signed by the agency.
//
//   cd web && npm ci && npm run build && cd .. && node --test tests/e2e/directive_signature.test.mjs
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, cli, login } from '../lib/server.mjs';
import { makePki, signingConfig } from '../lib/pki.mjs';
import { query } from '../lib/db.mjs';
import { PHONE, openBrowser, prepareBrowserTests, signIn, assertNoSideScroll } from '../lib/browser.mjs';

before(prepareBrowserTests);

const settled = () => !/Đang kiểm tra/.test(document.querySelector('.dsign .rsign-verdict')?.textContent || 'Đang kiểm tra');

test('directive signature card: sign from the button at 390×844, then check the PDF on Sổ văn bản', { timeout: 480_000 }, async (t) => {
  const p = makePki();
  if (p.skip) return t.skip(p.skip);
  const { dir: pki, env } = p;
  const server = await startServer({ env, config: signingConfig(p, 'gialam', { seal: true }) });
  let browser = null;
  try {
    const dir = JSON.parse(cli(server.db, ['--json', 'directive', 'list']).stdout).items.find((x) => x.number === '42/LĐLĐ').id;
    browser = await openBrowser({ device: PHONE, shots: 'directive-signature-phone' });
    const { page } = browser;
    await signIn(page, server.url, 'gialam');
    await page.goto(`${server.url}/#/directives/${dir}`);
    const card = page.locator('section.dsign');
    await card.waitFor();
    await page.waitForFunction(settled);
    assert.match(await card.innerText(), /Công văn chưa được ký số/);
    const button = card.getByRole('button', { name: 'Ký số bằng token của máy chủ' });
    await button.scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollBy(0, 120)); // clear of the bottom menu
    await assertNoSideScroll(page, 'unsigned directive, phone');
    await browser.shot('01-unsigned');

    await button.click();
    await card.locator('.alert--ok').waitFor();
    const verdict = card.locator('.rsign-verdict');
    assert.match(await verdict.innerText(), /Chữ ký hợp lệ/);
    assert.match(await verdict.getAttribute('class'), /rverify-out--ok/);
    const text = await card.innerText();
    assert.match(text, /Đã ký số công văn/);
    assert.match(text, /Người ký\s*Nguyễn Văn Thành, Chủ tịch/);
    assert.match(text, /Thời gian ký\s*\d{2}\/\d{2}\/\d{4}/);
    assert.match(await card.locator('.dsign-seal').innerText(), /Chữ ký số của cơ quan\s*Liên đoàn Lao động huyện Gia Lâm — hợp lệ/);
    assert.equal(await card.locator('.dsign-annex-check').count(), 0, '42/LĐLĐ has no annex');
    assert.equal(await card.getByRole('button').count(), 0, 'no second signature');
    assert.equal(Number(query(server.db, `SELECT count(*) AS n FROM directive_signature WHERE directive_id = ${dir}`)[0].n), 1);
    await card.scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollBy(0, 120));
    await assertNoSideScroll(page, 'signed directive, phone');
    await browser.shot('02-signed');

    // The card's PDF link is the signed file.
    const href = await card.locator('a.dsign-pdf').getAttribute('href');
    const pdf = Buffer.from(await (await page.request.get(server.url + href)).body());
    const stored = Buffer.from(await (await page.request.get(`${server.url}/api/v1/directives/${dir}/signature/pdf`)).body());
    assert.ok(pdf.equals(stored), 'the PDF link gives the signed file');
    const file = join(pki, 'cong-van-42.pdf');
    writeFileSync(file, pdf);

    // Sổ văn bản: the verify box says the file's signature is valid; a text file is not a PDF.
    await page.goto(`${server.url}/#/registers`);
    const box = page.locator('section.vfy-box');
    await box.waitFor();
    await box.locator('input[type=file]').setInputFiles(file);
    await box.locator('.vfy-result .alert').waitFor();
    const result = await box.locator('.vfy-result').innerText();
    assert.match(result, /Tệp có 2 chữ ký số, tất cả hợp lệ/);
    assert.match(result, /Nguyễn Văn Thành — hợp lệ/);
    assert.match(result, /Liên đoàn Lao động huyện Gia Lâm — hợp lệ/);
    assert.match(result, /toàn bộ tài liệu, không đổi/);
    await box.scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollBy(0, 120));
    await assertNoSideScroll(page, 'verify box, phone');
    await browser.shot('03-verify-box');
    assert.deepEqual(browser.errors(), []);
    await browser.close();

    browser = await openBrowser({ device: PHONE, shots: 'directive-signature-cadre', allowConsole: [{ status: 400, url: /doc\/verify$/ }] });
    await signIn(browser.page, server.url, 'cs-00577-01');
    await browser.page.goto(`${server.url}/#/directives/${dir}`);
    const seen = browser.page.locator('section.dsign');
    await seen.waitFor();
    await browser.page.waitForFunction(settled);
    assert.match(await seen.locator('.rsign-verdict').innerText(), /Chữ ký hợp lệ/);
    assert.equal(await seen.getByRole('button').count(), 0, 'a cadre has no sign button');
    const text2 = join(pki, 'not-a-pdf.pdf');
    writeFileSync(text2, 'hello\n');
    await browser.page.goto(`${server.url}/#/registers`);
    const box2 = browser.page.locator('section.vfy-box');
    await box2.waitFor();
    await box2.locator('input[type=file]').setInputFiles(text2);
    await box2.locator('.vfy-result .alert--error').waitFor();
    assert.match(await box2.locator('.vfy-result').innerText(), /không phải PDF/);
    assert.deepEqual(browser.errors(), []);
    await browser.close();

    // A signed draft: its edit page says that saving a change voids the signature.
    const off = await login(server.url, 'gialam');
    const commune = (await off.get('/api/v1/units?q=01.018.00577')).json.items.find((u) => u.code === '01.018.00577').id;
    const made = await off.post('/api/v1/directives', {
      number: '58/LĐLĐ', place: 'Gia Lâm', date: '2024-02-02', subject: 'tổ chức Chợ Tết Công đoàn',
      recipients: { mode: 'grassroots_under', unit_id: commune }, themes: [{ title: 'Chợ Tết', items: ['Gian hàng 0 đồng'] }],
      report_deadline: '2024-02-08', signer: { authority: 'TM. BAN THƯỜNG VỤ', title: 'CHỦ TỊCH', name: 'Nguyễn Văn Thành' },
    });
    assert.equal(made.status, 201, made.text);
    assert.equal((await off.post(`/api/v1/directives/${made.json.directive.id}/sign`)).status, 201);
    browser = await openBrowser({ device: PHONE, shots: 'directive-signature-draft' });
    await signIn(browser.page, server.url, 'gialam');
    await browser.page.goto(`${server.url}/#/directives/${made.json.directive.id}/edit`);
    const warn = browser.page.locator('.dsigned-note');
    await warn.waitFor();
    assert.match(await warn.innerText(), /đã được Nguyễn Văn Thành ký số.*ký lại/s);
    await assertNoSideScroll(browser.page, 'signed draft edit, phone');
    await browser.shot('01-edit-warns');

    // A directive sent to a list of units: its annex is signed by the agency, and the card says so.
    const unit = (code) => JSON.parse(cli(server.db, ['--json', 'unit', 'show', code]).stdout).unit.id;
    const listed = await off.post('/api/v1/directives', {
      number: '64/LĐLĐ', place: 'Gia Lâm', date: '2024-02-03', subject: 'gửi các đơn vị trong danh sách',
      recipients: { mode: 'units', unit_ids: [unit('01.018.00577.01'), unit('01.018.00577.02')] },
      themes: [{ title: 'Tết', items: ['Thăm hỏi'] }], report_deadline: '2024-02-08',
      signer: { authority: 'TM. BAN THƯỜNG VỤ', title: 'CHỦ TỊCH', name: 'Nguyễn Văn Thành' },
    });
    assert.equal(listed.status, 201, listed.text);
    assert.equal((await off.post(`/api/v1/directives/${listed.json.directive.id}/sign`)).status, 201);
    await browser.page.goto(`${server.url}/#/directives/${listed.json.directive.id}`);
    const annexRow = browser.page.locator('section.dsign .dsign-annex-check');
    await annexRow.waitFor();
    assert.match(await annexRow.innerText(), /Văn bản kèm theo\s*Liên đoàn Lao động huyện Gia Lâm — hợp lệ/);
    await annexRow.scrollIntoViewIfNeeded();
    await browser.page.evaluate(() => window.scrollBy(0, 120));
    await assertNoSideScroll(browser.page, 'annex signed by the agency, phone');
    await browser.shot('02-annex-agency');
    assert.deepEqual(browser.errors(), []);
  } finally {
    await browser?.close();
    await server.stop();
    rmSync(pki, { recursive: true, force: true });
  }
});
