// SPDX-License-Identifier: AGPL-3.0-or-later
// Browser test of feedback closure (issue 12) on a phone: the worker opens the
// receipt page of an answered message, switches to English and back (the
// code stays), says "No, not fixed" with one tap (a plain form, no script);
// the handler sees the message on the to-do list as reopened and the
// worker's verdict on the message page.
//
//   cd web && npm run build && cd .. && node --test tests/e2e/feedback_verdict.test.mjs
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login } from '../lib/server.mjs';
import { PHONE, assertNoSideScroll, openBrowser, prepareBrowserTests, signIn } from '../lib/browser.mjs';

before(prepareBrowserTests);

test('the worker says "not fixed" on the receipt page; the handler sees it reopened', { timeout: 120_000 }, async () => {
  const server = await startServer();
  let browser = null;
  try {
    const cadre = await login(server.url, 'cs-00577-05');
    const unit = (await cadre.get('/api/v1/units?q=01.018.00577.05')).json.items.find((u) => u.code === '01.018.00577.05');
    const post = await fetch(`${server.url}/f/${unit.id}`, {
      method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ text: 'Phòng thay đồ nữ ở xưởng may chưa có khoá cửa' }).toString(),
    });
    const code = /id="receipt-code">([A-Z0-9-]{9})</.exec(await post.text())[1];
    const id = (await cadre.get('/api/v1/feedback?q=' + encodeURIComponent('phòng thay đồ nữ'))).json.items[0].id;
    const r = await cadre.post(`/api/v1/feedback/${id}/actions`, { action: 'answer', text: 'Công ty đã lắp khoá mới ngày 22/01', publish: true });
    assert.equal(r.status, 200, r.text);

    browser = await openBrowser({ device: PHONE, shots: 'feedback-verdict' });
    const { page } = browser;
    await page.goto(`${server.url}/f/status?code=${code}`);
    assert.equal(await page.locator('script').count(), 0, 'the status page has no script');
    assert.equal(await page.locator('#fb-status').innerText(), 'Đã có trả lời');
    await page.getByRole('heading', { name: 'Vấn đề của bạn đã được giải quyết chưa?' }).waitFor();
    await assertNoSideScroll(page, 'the status page');
    await browser.shot('01-asked', true);

    // The English switch keeps the code, and back.
    await page.getByRole('link', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Was your problem fixed?' }).waitFor();
    assert.match(page.url(), new RegExp(`code=${code}&lang=en`));
    assert.equal(await page.locator('#fb-status').innerText(), 'Answered');
    await browser.shot('02-english', true);
    await page.getByRole('link', { name: 'Tiếng Việt' }).click();
    await page.getByRole('heading', { name: 'Vấn đề của bạn đã được giải quyết chưa?' }).waitFor();

    await page.getByRole('button', { name: 'Chưa', exact: true }).click();
    await page.locator('#fb-note').waitFor();
    assert.match(await page.locator('#fb-note').innerText(), /Cảm ơn bạn/);
    assert.equal(await page.locator('#fb-status').innerText(), 'Đang xử lý lại theo đánh giá của bạn');
    assert.equal(await page.locator('#fb-verdict').innerText(), 'Chưa được giải quyết');
    assert.equal(await page.locator('button[name="verdict"]').count(), 0, 'asked once');
    await browser.shot('03-thanks', true);

    // The handler: on the to-do list as reopened, the verdict on the message page.
    await signIn(page, server.url, 'cs-00577-05');
    const item = page.locator(`a[href="#/feedback/${id}"], a[href="/#/feedback/${id}"]`).first();
    await item.waitFor();
    const row = page.locator('li').filter({ has: item }).first();
    assert.match(await row.innerText(), /Người lao động báo chưa giải quyết/);
    await row.scrollIntoViewIfNeeded();
    await browser.shot('04-todo');
    await page.goto(`${server.url}/#/feedback/${id}`);
    const box = page.locator('#fb-verdict');
    await box.waitFor();
    assert.match(await box.innerText(), /Chưa được giải quyết/);
    assert.match(await box.innerText(), /đã được mở lại/);
    assert.match(await box.innerText(), /Đánh giá lúc \d\d\/\d\d\/\d{4}/);
    assert.match(await page.locator('.fb-step[data-action="verdict"]').innerText(), /Người lao động đánh giá → Đang xử lý · người lao động/);
    await assertNoSideScroll(page, 'the message page');
    await box.scrollIntoViewIfNeeded();
    await browser.shot('05-case');
  } finally {
    if (browser) await browser.close();
    await server.stop();
  }
});
