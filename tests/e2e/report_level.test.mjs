// SPDX-License-Identifier: AGPL-3.0-or-later
// Browser test of approval by level (issue 12) on the demo, at a phone
// (390×844) and a laptop (1366×900): the commune xã Đa Tốn (xa-00577) opens
// its own report on 42/LĐLĐ and sees "Đang chờ cấp dưới" with its six unions
// counted by state (five not started, one waiting for review), the list of
// unions with their states, and goes through to the waiting union's report;
// on the directive's page it follows its six unions' receipts.
// A commune with more unions than one page (50) holds shows the first page
// and a "Xem thêm" that appends the rest, each union once.
//
//   cd web && npm ci && npm run build && cd .. && node --test tests/e2e/report_level.test.mjs
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, login, cli } from '../lib/server.mjs';
import { LAPTOP, PHONE, openBrowser, prepareBrowserTests, signIn, assertNoSideScroll } from '../lib/browser.mjs';

before(prepareBrowserTests);

for (const [name, vp] of Object.entries({ phone: PHONE, laptop: LAPTOP })) {
  test(`the commune's report page sums up its unions at ${name} size`, { timeout: 120_000 }, async () => {
    const server = await startServer();
    let browser = null;
    try {
      const xa = await login(server.url, 'xa-00577');
      const commune = (await xa.get('/api/v1/me')).json.user.unit.id;
      const dir = (await xa.get('/api/v1/todo')).json.items.find((i) => i.kind === 'report_review').directive.id;
      browser = await openBrowser({ device: vp, shots: `report-level-${name}` });
      const { page } = browser;
      await signIn(page, server.url, 'xa-00577');
      await page.goto(`${server.url}/#/directives/${dir}/units/${commune}/report`);
      await page.getByRole('heading', { level: 1, name: 'Công đoàn xã Đa Tốn' }).waitFor();
      const sec = page.locator('section.rsec--level');
      await sec.getByRole('heading', { name: 'Duyệt theo cấp' }).waitFor();
      assert.equal((await sec.locator('.lvl-ready').innerText()).trim(), 'Đang chờ cấp dưới');
      const n = async (k) => (await sec.locator(`.lvl-n--kids-${k}`).innerText()).trim();
      assert.equal(await n('none'), '5');
      assert.equal(await n('submitted'), '1');
      assert.equal(await n('returned'), '0');
      assert.equal(await n('accepted'), '0');
      assert.equal(await n('total'), '6');
      assert.equal((await sec.locator('.lvl-row--submitted th').innerText()).trim(), 'Đã nộp, chờ duyệt');
      // The list: six unions, the one waiting marked so.
      const items = sec.locator('.lvl-child');
      await items.nth(5).waitFor();
      assert.equal(await items.count(), 6);
      assert.equal(await sec.locator('.lvl-more').count(), 0, 'no "Xem thêm" when every union is shown');
      const waiting = sec.locator('.lvl-child', { has: page.locator('[data-status="submitted"]') });
      assert.equal(await waiting.count(), 1);
      const childName = (await waiting.locator('.lvl-child-name').innerText()).trim();
      assert.match(childName, /Đa Tốn/);
      await sec.scrollIntoViewIfNeeded();
      await browser.shot('01-level');
      await assertNoSideScroll(page, `${name}: report page with the level`);
      // Through to the union's report, which the commune may review.
      await waiting.getByRole('link').click();
      await page.getByRole('heading', { level: 1, name: childName }).waitFor();
      assert.match(page.url(), /#\/directives\/\d+\/units\/\d+\/report$/);
      await page.getByRole('button', { name: 'Duyệt' }).first().waitFor();
      assert.equal(await page.locator('section.rsec--level').count(), 0, 'a union has no level');
      await browser.shot('02-child');
      // The directive itself: the commune follows its six unions' receipts, and only theirs.
      const receipts = (await xa.get(`/api/v1/directives/${dir}/receipts?limit=500`)).json;
      await page.goto(`${server.url}/#/directives/${dir}`);
      const rsec = page.locator('section.dreceipts-sec');
      await rsec.getByRole('heading', { name: 'Các đơn vị trực thuộc đã nhận' }).waitFor();
      await rsec.locator('table.dreceipts tbody tr').nth(5).waitFor();
      const codes = await rsec.locator('table.dreceipts tbody tr').evaluateAll((rows) => rows.map((r) => r.dataset.unitCode));
      assert.equal(codes.length, 6);
      assert.ok(codes.every((c) => c.startsWith('01.018.00577.')), codes.join(' '));
      assert.equal((await rsec.locator('.dreceipts-progress').innerText()).trim(), `${receipts.counts.acknowledged}/6 đơn vị đã xác nhận`);
      await rsec.scrollIntoViewIfNeeded();
      await browser.shot('03-receipts');
      await assertNoSideScroll(page, `${name}: the directive with its unions' receipts`);
      // A union's cadre has no such section.
      await page.context().clearCookies();
      await page.goto('about:blank');
      await signIn(page, server.url, 'cs-00577-01');
      await page.goto(`${server.url}/#/directives/${dir}`);
      await page.locator('.dletter').waitFor();
      assert.equal(await page.locator('section.dreceipts-sec').count(), 0);
      assert.deepEqual(browser.errors(), []);
    } finally {
      if (browser) await browser.close();
      await server.stop();
    }
  });
}

test('"Xem thêm" on the commune\'s list of unions appends the next page, on a phone', { timeout: 120_000 }, async () => {
  const server = await startServer();
  let browser = null;
  try {
    // 51 more unions in Đa Tốn (57 in all), then a directive from Gia Lâm to every union of Đa Tốn.
    const csv = join(server.dir, 'more-unions.csv');
    const rows = Array.from({ length: 51 }, (_, i) => {
      const n = String(i + 60).padStart(2, '0');
      return `01.018.00577.${n};CĐCS Doanh nghiệp thử ${n} Đa Tốn;grassroots;01.018.00577`;
    });
    writeFileSync(csv, 'code;name;level;parent_code\n' + rows.join('\n') + '\n');
    const imp = cli(server.db, ['--json', 'unit', 'import', csv]);
    assert.equal(imp.status, 0, imp.stderr);
    assert.deepEqual(JSON.parse(imp.stdout), { created: 51 });
    const gialam = await login(server.url, 'gialam');
    const xa = await login(server.url, 'xa-00577');
    const commune = (await xa.get('/api/v1/me')).json.user.unit.id;
    let r = await gialam.post('/api/v1/directives', {
      number: '77/LĐLĐ', place: 'Gia Lâm', date: '2024-03-01', subject: 'báo cáo Tháng Công nhân tại xã Đa Tốn',
      recipients: { mode: 'grassroots_under', unit_id: commune },
      themes: [{ title: 'Tháng Công nhân', items: ['Thăm hỏi công nhân'] }],
      tasks: ['Báo cáo kết quả trước ngày 30/03/2024'], indicators: ['people_supported'],
      report_deadline: '2024-03-30', report_email: 'gialam@congdoanhanoi.org.vn',
      signer: { authority: 'KT. CHỦ TỊCH', title: 'PHÓ CHỦ TỊCH', name: 'Nguyễn Văn A' }, cc: ['Lưu VP'],
    });
    assert.equal(r.status, 201, r.text);
    const dir = r.json.directive.id;
    r = await gialam.post(`/api/v1/directives/${dir}/issue`, {});
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.counts.recipients, 57);

    browser = await openBrowser({ device: PHONE, shots: 'report-level-more' });
    const { page } = browser;
    await signIn(page, server.url, 'xa-00577');
    await page.goto(`${server.url}/#/directives/${dir}/units/${commune}/report`);
    const sec = page.locator('section.rsec--level');
    await sec.getByRole('heading', { name: 'Duyệt theo cấp' }).waitFor();
    assert.equal((await sec.locator('.lvl-n--kids-total').innerText()).trim(), '57');
    assert.equal((await sec.locator('.lvl-n--kids-none').innerText()).trim(), '57');
    const items = sec.locator('.lvl-child');
    const more = sec.getByRole('button', { name: 'Xem thêm' });
    await more.waitFor();
    assert.equal(await items.count(), 50, 'the first page');
    const first = await items.evaluateAll((els) => els.map((e) => e.dataset.unit));
    await more.scrollIntoViewIfNeeded();
    await browser.shot('01-first-page');
    await assertNoSideScroll(page, 'the level with its first page');
    await more.click();
    await page.waitForFunction(() => document.querySelectorAll('section.rsec--level .lvl-child').length === 57);
    await more.waitFor({ state: 'detached' });
    const all = await items.evaluateAll((els) => els.map((e) => e.dataset.unit));
    assert.equal(new Set(all).size, 57, 'every union once');
    assert.deepEqual(all.slice(0, 50), first, 'the next page comes after the first');
    assert.ok(all.every((u) => u), 'each row names its unit');
    assert.equal(await sec.locator('.lvl-child [data-status="none"]').count(), 57, 'none has started');
    // The last union (from the second page) goes to its own report.
    const last = items.last();
    const name = (await last.locator('.lvl-child-name').innerText()).trim();
    await last.scrollIntoViewIfNeeded();
    await browser.shot('02-all-pages');
    await last.getByRole('link').click();
    await page.getByRole('heading', { level: 1, name }).waitFor();
    assert.match(page.url(), new RegExp(`#/directives/${dir}/units/${all[56]}/report$`));
    assert.deepEqual(browser.errors(), []);
  } finally {
    if (browser) await browser.close();
    await server.stop();
  }
});
