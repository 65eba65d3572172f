// SPDX-License-Identifier: AGPL-3.0-or-later
// Browser test of the report's signature card (issue 15) at a phone
// (390×844): a report signed with a SoftHSM2 token (tests/lib/softhsm.sh, as
// in tests/integration/report_sign.test.mjs) shows who signed, when, and
// "Chữ ký hợp lệ"; after one byte of the stored signed PDF changes the card
// says the signature is not valid; an unsigned report shows "chưa được ký số"
// to the officer who may sign it and no card to the unit's cadre; the
// designated signer signs from the button (the server's token) and the card
// turns valid; an officer who is not a designated signer is told why not.
// The agency's seal: the report signed with the person's key alone says it
// has none; the server holds the agency's key, so the report signed from the
// button names the agency and that its signature is valid.
//
//   cd web && npm ci && npm run build && cd .. && node --test tests/e2e/report_signature.test.mjs
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, login, cli } from '../lib/server.mjs';
import { makePki, signingConfig } from '../lib/pki.mjs';
import { query, sqlText, BACKEND } from '../lib/db.mjs';
import { PHONE, openBrowser, prepareBrowserTests, signIn, assertNoSideScroll } from '../lib/browser.mjs';

before(prepareBrowserTests);

const U1 = '01.018.00577.01';
const U2 = '01.018.00577.02';

test('signature card: valid, then one changed byte, and an unsigned report', { timeout: 480_000 }, async (t) => {
  const p = makePki();
  if (p.skip) return t.skip(p.skip);
  const { dir: pki, module, env } = p;
  const server = await startServer({ env, config: signingConfig(p, 'xa-00577', { seal: true }) });
  let browser = null;
  try {
    const unit = (code) => JSON.parse(cli(server.db, ['--json', 'unit', 'show', code]).stdout).unit.id;
    const dir = JSON.parse(cli(server.db, ['--json', 'directive', 'list']).stdout).items.find((x) => x.number === '42/LĐLĐ').id;
    const u1 = unit(U1), u2 = unit(U2);
    // Both unions submit; the commune officer signs the first with the token.
    const c1 = await login(server.url, 'cs-00577-01');
    const c2 = await login(server.url, 'cs-00577-02');
    assert.equal((await c1.post(`/api/v1/directives/${dir}/units/${u1}/report/submit`, {})).status, 200);
    assert.equal((await c2.post(`/api/v1/directives/${dir}/units/${u2}/report/submit`, {})).status, 200);
    const s = cli(server.db, ['--as', 'xa-00577', 'report', 'sign', '--directive', '42/LĐLĐ', '--unit', U1,
      '--pkcs11-module', module, '--token', 'lantoa-test', '--key', 'signer', '--pin-stdin',
      '--chain', join(pki, 'chain.pem')], '1234\n', env);
    assert.equal(s.status, 0, s.stderr);

    browser = await openBrowser({ device: PHONE, shots: 'report-signature-phone' });
    const { page } = browser;
    await signIn(page, server.url, 'xa-00577');
    await page.goto(`${server.url}/#/directives/${dir}/units/${u1}/report`);
    const card = page.locator('section.rsign');
    await card.waitFor();
    const verdict = card.locator('.rsign-verdict');
    await page.waitForFunction(() => !/Đang kiểm tra/.test(document.querySelector('.rsign-verdict')?.textContent || 'Đang kiểm tra'));
    assert.match(await verdict.innerText(), /Chữ ký hợp lệ/);
    assert.match(await verdict.getAttribute('class'), /rverify-out--ok/);
    const text = await card.innerText();
    assert.match(text, /Người ký\s*Nguyễn Văn Thành, Chủ tịch/);
    assert.match(text, /Thời gian ký\s*\d{2}\/\d{2}\/\d{4}/);
    assert.match(text, /Lantoa Test Sub CA/);
    assert.match(await card.locator('.rsign-seal').innerText(), /Chữ ký số của cơ quan\s*Không có \(chỉ có chữ ký của người ký\)/);
    await card.scrollIntoViewIfNeeded();
    await assertNoSideScroll(page, 'signed report, phone');
    await browser.shot('01-valid');

    // One byte of the stored signed PDF changes: the card says so.
    const pdf = Buffer.from(await (await page.request.get(`${server.url}/api/v1/directives/${dir}/units/${u1}/report/signature/pdf`)).body());
    const at = pdf.indexOf('/Creator');
    assert.ok(at > 0);
    pdf[at + 12] ^= 1;
    const rid = query(server.db, 'SELECT id FROM report WHERE directive_id = ? AND unit_id = ?', [dir, u1])[0].id;
    if (BACKEND === 'sqlite') {
      const f = join(pki, 'changed.pdf');
      writeFileSync(f, pdf);
      sqlText(server.db, `UPDATE report_signature SET pdf = readfile('${f}') WHERE report_id = ${rid}`);
    } else {
      sqlText(server.db, `UPDATE report_signature SET pdf = overlay(pdf placing decode('${pdf.subarray(at + 12, at + 13).toString('hex')}', 'hex') from ${at + 13} for 1) WHERE report_id = ${rid}`);
    }
    await page.reload();
    await card.waitFor();
    await page.waitForFunction(() => !/Đang kiểm tra/.test(document.querySelector('.rsign-verdict')?.textContent || 'Đang kiểm tra'));
    assert.match(await verdict.innerText(), /Chữ ký không hợp lệ/);
    assert.match(await verdict.getAttribute('class'), /rverify-out--bad/);
    assert.match(await card.innerText(), /Nguyễn Văn Thành/);
    await card.scrollIntoViewIfNeeded();
    await browser.shot('02-changed');

    // The unsigned report: the officer is told, with the button to sign; the cadre sees no card.
    await page.goto(`${server.url}/#/directives/${dir}/units/${u2}/report`);
    const unsigned = page.locator('section.rsign--unsigned');
    await unsigned.waitFor();
    assert.match(await unsigned.innerText(), /Lần nộp này chưa được ký số/);
    assert.equal(await unsigned.getByRole('button').count(), 1);
    await unsigned.getByRole('button').scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollBy(0, 120)); // clear of the bottom menu
    await browser.shot('03-unsigned');

    // The designated signer presses the button: the server's token signs, the card says valid.
    await unsigned.getByRole('button', { name: 'Ký số bằng token của máy chủ' }).click();
    await page.locator('section.rsign:not(.rsign--unsigned) .rsign-verdict').waitFor();
    await page.waitForFunction(() => !/Đang kiểm tra/.test(document.querySelector('.rsign-verdict')?.textContent || 'Đang kiểm tra'));
    const signed = page.locator('section.rsign');
    assert.match(await signed.locator('.rsign-verdict').innerText(), /Chữ ký hợp lệ/);
    assert.match(await signed.innerText(), /Người ký\s*Nguyễn Văn Thành, Chủ tịch/);
    // The server holds the agency's key: its signature follows the person's, named and valid.
    const sealRow = signed.locator('.rsign-seal');
    await page.waitForFunction(() => /hợp lệ|không hợp lệ|thay đổi/.test(document.querySelector('section.rsign .rsign-seal')?.textContent || ''));
    assert.match(await sealRow.innerText(), /Chữ ký số của cơ quan\s*Liên đoàn Lao động huyện Gia Lâm — hợp lệ/);
    await sealRow.scrollIntoViewIfNeeded();
    await assertNoSideScroll(page, 'sealed report, phone');
    assert.equal(Number(query(server.db, `SELECT count(*) AS n FROM report_signature s JOIN report r ON r.id = s.report_id WHERE r.unit_id = ${u2} AND s.seal_name IS NOT NULL`)[0].n), 1);
    await browser.shot('04-signed-from-web');
    assert.deepEqual(browser.errors(), []);
    await browser.close();

    // An officer above who is not a designated signer: the button answers why not, nothing signed.
    const c3 = await login(server.url, 'cs-00577-03');
    const u3 = unit('01.018.00577.03');
    assert.equal((await c3.post(`/api/v1/directives/${dir}/units/${u3}/report/submit`, {})).status, 200);
    browser = await openBrowser({ device: PHONE, shots: 'report-signature-nonsigner', allowConsole: [{ status: 403, url: /report\/sign$/ }] });
    await signIn(browser.page, server.url, 'gialam');
    await browser.page.goto(`${server.url}/#/directives/${dir}/units/${u3}/report`);
    const refused = browser.page.locator('section.rsign--unsigned');
    await refused.waitFor();
    await refused.getByRole('button').click();
    const alert = refused.locator('.rsign-err .alert--error');
    await alert.waitFor();
    assert.match(await alert.innerText(), /Chỉ người ký được chỉ định/);
    assert.equal(await refused.getByRole('button').isEnabled(), true);
    assert.equal(Number(query(server.db, `SELECT count(*) AS n FROM report_signature s JOIN report r ON r.id = s.report_id WHERE r.unit_id = ${u3}`)[0].n), 0);
    assert.deepEqual(browser.errors(), []);
    await browser.close();

    browser = await openBrowser({ device: PHONE, shots: 'report-signature-cadre' });
    await signIn(browser.page, server.url, 'cs-00577-03'); // its unsigned, submitted report
    await browser.page.goto(`${server.url}/#/directives/${dir}/units/${u3}/report`);
    await browser.page.locator('section.rstatus').waitFor(); // the report page is drawn
    assert.equal(await browser.page.locator('section.rsign').count(), 0);
    assert.deepEqual(browser.errors(), []);
  } finally {
    await browser?.close();
    await server.stop();
    rmSync(pki, { recursive: true, force: true });
  }
});
