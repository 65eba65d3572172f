// SPDX-License-Identifier: AGPL-3.0-or-later
// What a cadre and an officer read on a phone (390×844, issue 12): the
// theme × channel table becomes one card per theme (no one-word-per-line
// grid, no hidden sideways scroll), a long link stays inside its card and
// stays reachable, every date reads dd/mm/yyyy, the figures history names
// indicators and not their codes, and the check code of a submission is
// shortened under a plain label. On the demo database.
//
// Env: LANTOA_BIN, E2E_SHOTS (default build/e2e-screenshots), CHROMIUM.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { login, startServer } from '../lib/server.mjs';
import { PHONE, assertNoSideScroll, openBrowser, prepareBrowserTests, shotPath, signIn } from '../lib/browser.mjs';

before(prepareBrowserTests);

const LONG_URL = 'https://www.facebook.com/congdoangialam/posts/pfbid02Xk9fQwErTyUiOpAsDfGhJkLzXcVbNm1234567890'
  + 'QwErTyUiOpAsDfGhJkLzXcVbNmQwErTyUiOpAsDfGhJkLzXcVbNm0987654321ZyXwVuTsRqPoNmLkJiHgFeDcBa';

// Every date on the page reads dd/mm/yyyy: no ISO day, no d/m/yy, no 5/2/2024.
async function assertDates(page, what) {
  const text = await page.locator('main').innerText();
  const iso = text.match(/\b\d{4}-\d{2}-\d{2}\b/g) || [];
  assert.deepEqual(iso, [], `${what}: ISO dates shown`);
  const dates = text.match(/\b\d{1,4}[/.]\d{1,2}[/.]\d{2,4}\b/g) || [];
  // "1.234.567" is a number, not a date: only slashes are dates here.
  const bad = dates.filter((d) => d.includes('/') && !/^\d{2}\/\d{2}\/\d{4}$/.test(d));
  assert.deepEqual(bad, [], `${what}: dates not dd/mm/yyyy`);
}

// The element's box stays inside its card's box.
async function assertInside(page, inner, outer, what) {
  const [a, b] = await Promise.all([page.locator(inner).first().boundingBox(), page.locator(outer).first().boundingBox()]);
  assert.ok(a && b, `${what}: both boxes exist`);
  assert.ok(a.x >= b.x - 0.5 && a.x + a.width <= b.x + b.width + 0.5, `${what}: ${JSON.stringify(a)} sticks out of ${JSON.stringify(b)}`);
}

test('phone: report cards, long links, dates, figure history and check codes', { timeout: 240_000 }, async () => {
  const server = await startServer();
  let b = null;
  try {
    const gialam = await login(server.url, 'gialam');
    const d42 = (await gialam.get('/api/v1/directives?box=issued')).json.items.find((d) => d.number === '42/LĐLĐ');
    assert.ok(d42);
    const district = gialam.user.unit.id;
    const snap = (await gialam.get(`/api/v1/directives/${d42.id}/units/${district}/report`)).json.snapshot;
    const themes = [...new Set(snap.rollup.items.map((i) => String(i.theme_id ?? i.theme ?? '')))];
    assert.ok(themes.length > 1 && new Set(snap.rollup.items.map((i) => i.channel)).size > 2, 'the demo has a real grid');

    b = await openBrowser({ device: PHONE, timeout: 15_000, shots: 'phone-reading', fullPage: false });
    const p = b.page;
    await signIn(p, server.url, 'gialam');

    // (1) The district's report: one card per theme, channels by name.
    await p.goto(server.url + `/#/directives/${d42.id}/units/${district}/report`);
    await p.locator('.page.rview .ritems-cards').first().waitFor();
    assert.equal(await p.locator('.ritems-grid').first().isVisible(), false, 'no grid on a phone');
    assert.equal(await p.locator('.ritems-cards').first().locator('.ricard[data-theme-id]').count(), themes.length);
    const cards = await p.locator('.ritems-cards').first().innerText();
    if (snap.rollup.items.some((i) => i.channel === 'e-newspaper')) assert.ok(cards.includes('Báo điện tử'));
    assert.ok(!/e-newspaper|\btv\b/.test(cards), 'no channel codes');
    // Every card's figures sum to the API's per-theme totals.
    const first = snap.rollup.items[0];
    const sumFirst = snap.rollup.items.filter((i) => String(i.theme_id ?? i.theme ?? '') === String(first.theme_id ?? first.theme ?? ''))
      .reduce((a, i) => a + i.items, 0);
    const total = await p.locator('.ritems-cards').first().locator('.ricard').first().locator('.ricard-line.rtotal dd').innerText();
    assert.equal(Number(total.replace(/\D/g, '')), sumFirst);
    await assertNoSideScroll(p, 'report page');
    await assertDates(p, 'report page');
    await p.locator('.ritems-cards').first().scrollIntoViewIfNeeded();
    await b.shot('01-report');

    // (2) The dashboard: the same cards, nothing wider than the phone.
    // A hash change keeps the document: wait for the dashboard's own cards, not the report's.
    await p.goto(server.url + `/#/directives/${d42.id}/dashboard`);
    await p.locator('.page.dash .ritems-cards').first().waitFor();
    await assertNoSideScroll(p, 'dashboard');
    await assertDates(p, 'dashboard');
    await p.locator('.page.dash .ritems-cards').first().scrollIntoViewIfNeeded();
    await b.shot('02-dashboard');

    // (3c) Continuity, a wide grid by nature: it scrolls inside its box, the unit names stay.
    await p.goto(server.url + `/#/activities/continuity?d=${d42.id}`);
    await p.locator('.cont-table').first().waitFor();
    await assertNoSideScroll(p, 'continuity');
    assert.equal(await p.locator('.cont-table tbody th').first().evaluate((e) => getComputedStyle(e).position), 'sticky');
    await p.locator('.table-wrap').first().evaluate((e) => { e.scrollLeft = 200; });
    await assertInside(p, '.cont-table tbody th', '.table-wrap', 'the unit column while scrolled');
    await p.locator('.cont-table').first().scrollIntoViewIfNeeded();
    await b.shot('03c-continuity');

    // (3) A cadre pastes a long link with no title: the card holds it.
    const cadreLogin = 'cs-00577-03';
    const cadre = await login(server.url, cadreLogin);
    const r = await cadre.post('/api/v1/activities', { directive_id: d42.id, channel: 'facebook', kind: 'post', url: LONG_URL, date: '2024-01-26' });
    assert.equal(r.status, 201, r.text);
    // and saves a figure, so that the history has a line
    const figs = (await cadre.get(`/api/v1/directives/${d42.id}/figures`)).json;
    const ind = figs.indicators.find((i) => i.measure !== 'vnd') || figs.indicators[0];
    const put = await cadre.put(`/api/v1/directives/${d42.id}/figures`, { values: { [ind.code]: (ind.value || 0) + 7 } });
    assert.ok(put.status === 200 || put.status === 409, put.text); // 409: the report is already locked

    const c = await openBrowser({ device: PHONE, timeout: 15_000, shots: 'phone-reading', fullPage: false });
    try {
      const cp = c.page;
      await signIn(cp, server.url, cadreLogin);
      await cp.goto(server.url + `/#/activities?d=${d42.id}`);
      const item = cp.locator('.act-item', { has: cp.locator(`a.act-title[href="${LONG_URL}"]`) });
      await item.first().waitFor();
      await assertInside(cp, `a.act-title[href="${LONG_URL}"]`, '.act-item:has(a.act-title[href^="https://www.facebook.com/congdoangialam/posts/pfbid02Xk9"])', 'long link');
      // The whole link is reachable: the anchor goes to it and says it.
      assert.equal(await item.first().locator('a.act-title').getAttribute('href'), LONG_URL);
      assert.ok((await item.first().locator('a.act-title').innerText()).replace(/\s/g, '').includes('pfbid02Xk9'));
      await assertNoSideScroll(cp, 'activities');
      await assertDates(cp, 'activities');
      await item.first().scrollIntoViewIfNeeded();
      await c.shot('03-activities-long-link');

      // (3b) A link kit whose link is its own title: inside its card too.
      const kitUrl = LONG_URL.replace('pfbid02Xk9', 'pfbid07Kit');
      const kit = await gialam.post(`/api/v1/directives/${d42.id}/linkkits`, { title: 'Bộ tin Chợ Tết', items: [{ url: kitUrl, title: kitUrl }] });
      assert.equal(kit.status, 201, kit.text);
      await cp.goto(server.url + `/#/activities/links?d=${d42.id}`);
      const kitLink = cp.locator('.kit-link a[href*="pfbid07Kit"]');
      await kitLink.first().waitFor();
      await assertInside(cp, '.kit-link a[href*="pfbid07Kit"]', '.kit:has(.kit-link a[href*="pfbid07Kit"])', 'link kit link');
      assert.ok((await kitLink.first().getAttribute('href')).includes('pfbid07Kit'));
      await assertNoSideScroll(cp, 'link kits');
      await kitLink.first().scrollIntoViewIfNeeded();
      await c.shot('03b-link-kit');

      // (4) Figures: the history names the indicator, never its code.
      await cp.goto(server.url + `/#/activities/figures?d=${d42.id}`);
      await cp.locator('.fig-form').waitFor();
      await cp.getByText('Lịch sử thay đổi').click();
      await cp.locator('.fig-history li, .empty').first().waitFor();
      if (put.status === 200) {
        const hist = await cp.locator('.fig-history').innerText();
        assert.ok(hist.includes(ind.name_vi), `history names "${ind.name_vi}"`);
        assert.ok(!hist.includes(ind.code), `history shows no code ${ind.code}`);
        assert.ok(!/(\S+) → \1(\s|·|$)/.test(hist.split('\n').find((l) => l.includes(ind.name_vi)) || ''), 'no change that is none');
      }
      await assertNoSideScroll(cp, 'figures');
      await assertDates(cp, 'figures');
      await cp.locator('.fig-history, .empty').first().scrollIntoViewIfNeeded();
      await c.shot('04-figures-history');

      // (5) The cadre's report: submitted, the check code shortened under a plain label.
      const unit = cadre.user.unit.id;
      const rep = (await cadre.get(`/api/v1/directives/${d42.id}/units/${unit}/report`)).json;
      if (rep.report.status === 'draft' || rep.report.status === 'returned')
        assert.equal((await cadre.post(`/api/v1/directives/${d42.id}/units/${unit}/report/submit`, { kind: 'quick' })).status, 200);
      const after = (await cadre.get(`/api/v1/directives/${d42.id}/units/${unit}/report`)).json;
      await cp.goto(server.url + `/#/directives/${d42.id}/units/${unit}/report`);
      await cp.locator('.rstatus').waitFor();
      const status = await cp.locator('.rstatus').innerText();
      assert.ok(status.includes('Mã kiểm tra'), 'a plain label');
      assert.ok(!status.includes(after.revisions[after.revisions.length - 1].sha256), 'the full SHA-256 is not on show');
      assert.ok(status.includes(after.revisions[after.revisions.length - 1].sha256.slice(0, 12)), 'its start is');
      await cp.locator('.rstatus .rsha-box summary').click();
      assert.ok((await cp.locator('.rstatus').innerText()).includes(after.revisions[after.revisions.length - 1].sha256), 'one tap shows it whole');
      await assertNoSideScroll(cp, 'cadre report');
      await assertDates(cp, 'cadre report');
      await cp.locator('.rstatus').scrollIntoViewIfNeeded();
      await c.shot('05-cadre-report');
      await cp.locator('.rrevs').first().screenshot({ path: shotPath('phone-reading-06-revisions.png') });
      assert.deepEqual(c.errors(), []);
    } finally {
      await c.close();
    }

    // (6) The unit page.
    await p.goto(server.url + `/#/units/${district}`);
    await p.locator('h1').first().waitFor();
    await assertNoSideScroll(p, 'unit page');
    await assertDates(p, 'unit page');
    assert.deepEqual(b.errors(), []);
  } finally {
    if (b) await b.close();
    await server.stop();
  }
});
