// SPDX-License-Identifier: AGPL-3.0-or-later
// Browser test of issue 12's sharing and account pieces on the demo, at a
// phone (390×844) and a laptop (1366×900): copy-link / share / Zalo buttons on
// the link kits (the copy puts the exact link in the clipboard), the union's
// printable QR poster (its QR image loads, the address printed is the one of
// the public form), the forgotten-password path through the mail (SMTP sink),
// and the daily digest switch on the password page.
//
//   cd web && npm ci && npm run build && cd .. && node --test tests/e2e/share.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_PASSWORD, freePort, startServer } from '../lib/server.mjs';
import { startSink } from '../lib/smtp_sink.mjs';
import { mails, waitMail } from '../lib/mailbox.mjs';
import { query } from '../lib/db.mjs';
import { LAPTOP, PHONE, openBrowser, prepareBrowserTests, signIn, assertNoSideScroll } from '../lib/browser.mjs';

let server, sink, sinkDir;
before(async () => {
  prepareBrowserTests();
  const port = await freePort();
  sinkDir = mkdtempSync(join(tmpdir(), 'lantoa-e2e-share-'));
  sink = await startSink(port, sinkDir);
  server = await startServer({ config: `[smtp]\nurl = smtp://127.0.0.1:${port}\nfrom = lantoa@example.org\n` });
  query(server.db, "UPDATE app_user SET email = 'cs-00577-02@example.org' WHERE login = 'cs-00577-02'");
});
after(async () => {
  await server.stop();
  sink.kill('SIGTERM');
  rmSync(sinkDir, { recursive: true, force: true });
});

const CLIPBOARD = { permissions: ['clipboard-read', 'clipboard-write'] };

for (const [name, vp] of Object.entries({ phone: PHONE, laptop: LAPTOP })) {
  test(`link kit share buttons and the QR poster at ${name} size`, { timeout: 120_000 }, async () => {
    const browser = await openBrowser({ device: vp, shots: `share-${name}`, options: CLIPBOARD });
    try {
      const { page } = browser;
      await signIn(page, server.url, 'cs-00577-01');

      // --- link kits: every link has its buttons; the copy is the link itself
      await page.goto(server.url + '/#/activities/links');
      const first = page.locator('.kit-link').first();
      await first.waitFor();
      const href = await first.locator('a').first().getAttribute('href');
      const bar = first.getByRole('group', { name: 'Chia sẻ liên kết' });
      await bar.getByRole('button', { name: 'Sao chép liên kết' }).click();
      await bar.getByText('Đã sao chép liên kết').waitFor();
      assert.equal(await page.evaluate(() => navigator.clipboard.readText()), href);
      assert.equal(await bar.getByRole('button', { name: 'Zalo' }).count(), 1);
      const native = await page.evaluate(() => typeof navigator.share === 'function');
      assert.equal(await bar.getByRole('button', { name: 'Chia sẻ', exact: true }).count(), native ? 1 : 0,
        '"Chia sẻ" only where the browser can share');
      assert.equal(await page.locator('.kit-link').count(), await page.locator('.kit-link .share-copy').count());
      await assertNoSideScroll(page, 'link kits');
      await browser.shot('01-kits');

      // --- the poster of the user's own union
      const me = await page.evaluate(() => fetch('/api/v1/me').then((r) => r.json()));
      const unit = me.user.unit;
      // The feedback page shares the public form and leads to the poster.
      await page.goto(`${server.url}/#/feedback/new`);
      await page.locator('#fb-form-copy').click();
      await page.getByText('Đã sao chép liên kết').first().waitFor();
      assert.equal(await page.evaluate(() => navigator.clipboard.readText()), `${server.url}/f/${unit.id}`);
      await page.evaluate(() => navigator.clipboard.writeText(''));
      await page.locator('#fb-poster-link').click();
      await page.waitForURL(`**/#/units/${unit.id}/poster`);
      await page.getByRole('heading', { level: 1, name: unit.name }).waitFor();
      await page.getByText('Góp ý, phản ánh với Công đoàn').waitFor();
      const img = page.locator('#poster-qr');
      await page.waitForFunction(() => { const i = document.getElementById('poster-qr'); return i && i.complete && i.naturalWidth > 0; });
      const size = await img.evaluate((i) => [i.naturalWidth, i.naturalHeight]);
      assert.ok(size[0] >= 200 && size[0] === size[1], `the QR image loaded (${size})`);
      const formUrl = `${server.url}/f/${unit.id}`;
      assert.equal((await page.locator('#poster-url').innerText()).trim(), formUrl.replace(/^http:\/\//, ''));
      await page.locator('#poster-copy').click();
      await page.getByText('Đã sao chép liên kết').waitFor();
      assert.equal(await page.evaluate(() => navigator.clipboard.readText()), formUrl);
      await assertNoSideScroll(page, 'poster');
      await browser.shot('02-poster', true);
      // Printed: only the poster (no menu, no buttons), on one A4 page.
      await page.emulateMedia({ media: 'print' });
      assert.equal(await page.locator('.poster-tools').isVisible(), false);
      assert.equal(await page.locator('#poster-qr').isVisible(), true);
      await browser.shot('03-poster-print', true);
      const pdf = await page.pdf({ format: 'A4', printBackground: true });
      const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
      assert.equal(pages, 1, 'the poster fits one A4 page');
      await page.emulateMedia({ media: 'screen' });
      assert.deepEqual(browser.errors(), []);
    } finally {
      await browser.close();
    }
  });
}

test('forgotten password through the mail, then the digest switch', { timeout: 120_000 }, async () => {
  const browser = await openBrowser({
    device: PHONE, shots: 'forgot-phone',
    // A reuse of the link is refused on purpose (400 naming the token).
    allowConsole: [{ status: 400, url: /\/api\/v1\/password\/reset$/ }],
  });
  try {
    const { page } = browser;
    await page.goto(server.url + '/#/login');
    await page.getByRole('link', { name: 'Quên mật khẩu?' }).click();
    await page.getByRole('heading', { level: 1, name: 'Quên mật khẩu' }).waitFor();
    const seen = new Set(mails(sinkDir).map((m) => m.file));
    await page.getByLabel('Tên đăng nhập hoặc e-mail').fill('cs-00577-02@example.org');
    await page.getByRole('button', { name: 'Gửi liên kết đặt lại' }).click();
    await page.locator('.forgot-sent').waitFor();
    assert.match(await page.locator('.forgot-sent').innerText(), /30 phút/);
    await assertNoSideScroll(page, 'forgot');
    await browser.shot('01-sent');

    const mail = await waitMail(sinkDir, (m) => m.to.includes('cs-00577-02@example.org'), seen);
    const link = mail.body.match(/(http\S+\/#\/reset\?token=[A-Za-z0-9_-]{43})/)[1];
    await page.goto(link);
    await page.getByRole('heading', { level: 1, name: 'Đặt mật khẩu mới' }).waitFor();
    await page.getByLabel('Mật khẩu mới', { exact: true }).fill('Mat-khau-moi-2026');
    await page.getByLabel('Nhập lại mật khẩu mới').fill('Mat-khau-moi-2026');
    await browser.shot('02-reset');
    await page.getByRole('button', { name: 'Đặt mật khẩu mới' }).click();
    await page.getByText('Đã đặt mật khẩu mới. Hãy đăng nhập bằng mật khẩu mới.').waitFor();
    assert.match(page.url(), /#\/login$/);

    // The link works once.
    await page.goto(link);
    await page.getByLabel('Mật khẩu mới', { exact: true }).fill('Mot-mat-khau-khac-1');
    await page.getByLabel('Nhập lại mật khẩu mới').fill('Mot-mat-khau-khac-1');
    await page.getByRole('button', { name: 'Đặt mật khẩu mới' }).click();
    await page.getByRole('alert').getByText(/đã được dùng hoặc đã hết hạn/).waitFor();
    await page.getByRole('link', { name: 'Yêu cầu liên kết mới' }).waitFor();
    await browser.shot('03-reused');

    // Signed in with the new password; the digest is off until switched on.
    await page.goto(server.url + '/#/login');
    await page.getByLabel('Tên đăng nhập').fill('cs-00577-02');
    await page.getByLabel('Mật khẩu').fill('Mat-khau-moi-2026');
    await page.getByLabel('Mật khẩu').press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Việc cần làm' }).waitFor();
    await page.goto(server.url + '/#/account/password');
    // The switch is drawn with the page (absent until then: a reload or a hash change),
    // then enabled once the setting has been read; a wait that throws on null fails at once.
    const digestReady = () => { const b = document.getElementById('digest-enabled'); return !!b && !b.disabled; };
    const box = page.getByLabel('Nhận thư tóm tắt việc cần làm mỗi ngày');
    await page.waitForFunction(digestReady);
    assert.equal(await box.isChecked(), false);
    await box.check();
    await page.getByText('Đã bật thư tóm tắt hằng ngày.').waitFor();
    await browser.shot('04-digest', true);
    await page.reload();
    await page.waitForFunction(digestReady);
    assert.equal(await page.getByLabel('Nhận thư tóm tắt việc cần làm mỗi ngày').isChecked(), true, 'kept');
    assert.deepEqual(browser.errors(), []);
  } finally {
    await browser.close();
    // Put the demo password back (other tests of this file sign in as other users only).
    query(server.db, "UPDATE app_user SET pw_hash = (SELECT pw_hash FROM app_user WHERE login = 'cs-00577-01') WHERE login = 'cs-00577-02'");
  }
});
