// SPDX-License-Identifier: AGPL-3.0-or-later
// Browser test of the report pages on the demo database: a grassroots cadre
// on a phone writes the narrative of its report on 42/LĐLĐ and submits it;
// the Gia Lâm district officer on a desktop opens the dashboard, checks the
// completeness against the API, finds a unit that has not reported, sees the
// cadre's unit counted, drills down and back, downloads the PDF (page 1 is
// rendered to PNG with pdftoppm), and returns the cadre's report with a
// comment, which the cadre then sees. Numbers come from the API, never from
// constants, since the demo's activity data grows.
//
//   meson setup build-x && ninja -C build-x lantoa
//   cd web && npm ci && npm run build && cd ..
//   LANTOA_BIN=$PWD/build-x/lantoa node --test tests/e2e/reports.test.mjs
//
// Env: LANTOA_BIN, E2E_SHOTS (default build/e2e-screenshots), CHROMIUM (default /usr/bin/chromium).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { login, startServer } from '../lib/server.mjs';
import { DESKTOP, PHONE, assertNoSideScroll, openBrowser, prepareBrowserTests, shotPath, signIn } from '../lib/browser.mjs';

const NARRATIVE = 'Đơn vị đã đăng 3 bài về Chợ Tết Công đoàn trên Zalo và Facebook; 120 đoàn viên tham gia.';
const GENERAL = 'Hoàn thành các chỉ tiêu; đề nghị cấp trên hỗ trợ thêm vé xe cho công nhân ở xa.';
const RETURN_COMMENT = 'Bổ sung số người nhận quà và kinh phí từ nguồn xã hội hoá.';

before(prepareBrowserTests);

const digits = (s) => Number(String(s).replace(/\D/g, ''));
const statText = (page, stat) => page.locator(`.dash-summary .dstat[data-stat="${stat}"] dd`).innerText();
const pct = (r) => {
  const v = Math.round(r * 1000) / 10;
  return (Number.isInteger(v) ? String(v) : v.toFixed(1)).replace('.', ',') + '%';
};

test('reports: cadre submits on a phone, officer follows the dashboard, downloads the PDF and returns the report', { timeout: 240_000 }, async () => {
  const server = await startServer();
  // Full-page screenshots; the officer downloads the PDF.
  const open = (device) => openBrowser({ device, timeout: 15_000, shots: 'reports', fullPage: true, options: { acceptDownloads: true } });
  let officer = null;
  let cadre = null;
  try {
    // --- the demo: 42/LĐLĐ from Gia Lâm to its grassroots unions
    const gialam = await login(server.url, 'gialam');
    const d42 = (await gialam.get('/api/v1/directives?box=issued')).json.items.find((d) => d.number === '42/LĐLĐ');
    assert.ok(d42, 'the demo has 42/LĐLĐ issued by LĐLĐ huyện Gia Lâm');
    const dashPath = `/api/v1/directives/${d42.id}/dashboard`;
    const before0 = (await gialam.get(dashPath)).json;
    assert.ok(before0.completeness.expected > 0, 'some units are expected to report');
    // A grassroots union that has not reported: cs-00577-03 if it still has not,
    // else another (account cs-MÃXÃ-STT ↔ unit 01.018.MÃXÃ.STT) whose report is a draft.
    const missing0 = before0.completeness.missing_units;
    const candidates = [missing0.find((m) => m.code === '01.018.00577.03'), ...missing0].filter(Boolean);
    let cadreUnit = null;
    for (const m of candidates) {
      const r = await gialam.get(`/api/v1/directives/${d42.id}/units/${m.id}/report`);
      if (r.status === 200 && r.json.report.status === 'draft' && m.code.split('.').length === 4) { cadreUnit = m; break; }
    }
    assert.ok(cadreUnit, 'some grassroots union still has a draft report');
    const cadreLogin = 'cs-' + cadreUnit.code.split('.').slice(2).join('-');
    const communeCode = cadreUnit.code.split('.').slice(0, 3).join('.');
    const reportHash = `#/directives/${d42.id}/units/${cadreUnit.id}/report`;

    // === (1) the cadre, on a phone, opens its report from the directive and submits it
    cadre = await open(PHONE);
    const cp = cadre.page;
    await signIn(cp, server.url, cadreLogin);
    await cp.goto(server.url + `/#/directives/${d42.id}`);
    await cp.getByRole('link', { name: 'Báo cáo kết quả' }).click();
    await cp.getByRole('heading', { level: 1, name: cadreUnit.name }).waitFor();
    assert.equal(await cp.locator('.rstatus .rchip').getAttribute('data-status'), 'draft');
    assert.match(await cp.locator('.rstatus').innerText(), /Chưa có \(cấp khi nộp\)/);
    // the live figures are those of the API's roll-up
    const live = (await login(server.url, cadreLogin)).get;
    const liveRep = (await live(`/api/v1/directives/${d42.id}/units/${cadreUnit.id}/report`)).json;
    const liveFigures = liveRep.snapshot.rollup.figures;
    assert.equal(await cp.locator('.rfigures tbody tr').count(), liveFigures.length);
    const money = liveFigures.find((f) => f.measure === 'vnd' && f.value >= 1000);
    if (money) {
      const want = `${new Intl.NumberFormat('de-DE').format(Math.round(money.value))} đ`;
      assert.equal(await cp.locator(`.rfigures tr[data-code="${money.code}"] td`).first().innerText(), want);
    }
    // the narrative: the first theme, the general part and the signer; saved with PATCH
    const themeBoxes = cp.locator('.rnar-form textarea[data-key]:not([data-key="general"])');
    assert.ok(await themeBoxes.count() >= 1, 'one textarea per theme of the directive');
    const themeKey = await themeBoxes.first().getAttribute('data-key');
    await themeBoxes.first().fill(NARRATIVE);
    await cp.getByLabel('Đánh giá chung, khó khăn, kiến nghị').fill(GENERAL);
    await cp.getByLabel('Thẩm quyền ký').fill('TM. BAN CHẤP HÀNH');
    await cp.getByLabel('Chức vụ').fill('CHỦ TỊCH');
    await cp.getByLabel('Họ và tên').fill('Nguyễn Thị Hoa');
    await cp.getByRole('button', { name: 'Lưu thuyết minh' }).click();
    await cp.locator('.rsaved', { hasText: /Đã lưu lúc/ }).waitFor();
    const saved = (await live(`/api/v1/directives/${d42.id}/units/${cadreUnit.id}/report`)).json.report.narrative;
    assert.equal(saved[themeKey], NARRATIVE);
    assert.equal(saved.general, GENERAL);
    assert.equal(saved.signer_name, 'Nguyễn Thị Hoa');
    await assertNoSideScroll(cp, 'report page (draft)');
    await cadre.shot('phone-report-draft');
    // submit: a confirm dialog, then the status, number and first revision
    await cp.getByRole('button', { name: 'Nộp báo cáo' }).click();
    const dialog = cp.getByRole('dialog', { name: 'Nộp báo cáo?' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Nộp báo cáo' }).click();
    await cp.locator('.rnote', { hasText: /Đã nộp báo cáo số/ }).waitFor();
    assert.equal(await cp.locator('.rstatus .rchip').getAttribute('data-status'), 'submitted');
    const afterSubmit = (await live(`/api/v1/directives/${d42.id}/units/${cadreUnit.id}/report`)).json;
    assert.equal(afterSubmit.report.status, 'submitted');
    assert.equal(await cp.locator('.rnumber').innerText(), afterSubmit.report.number);
    const rev1 = cp.locator('.rrev[data-rev="1"]');
    // The check code: its start under a plain label, the whole of it one tap away.
    assert.equal(await rev1.locator('.rsha-short').innerText(), afterSubmit.revisions[0].sha256.slice(0, 12) + '…');
    await rev1.locator('.rsha-box summary').click();
    assert.equal(await rev1.locator('.rsha').innerText(), afterSubmit.revisions[0].sha256);
    assert.match(afterSubmit.revisions[0].sha256, /^[0-9a-f]{64}$/);
    await rev1.getByRole('button', { name: /Kiểm tra mã của lần nộp 1/ }).click();
    await rev1.locator('.rverify-out--ok', { hasText: 'Khớp' }).waitFor();
    // locked now: the narrative is text, not a form
    assert.equal(await cp.locator('.rnar-form').count(), 0);
    assert.match(await cp.locator('.rsec--narrative').innerText(), /Chợ Tết Công đoàn trên Zalo/);
    await assertNoSideScroll(cp, 'report page (submitted)');
    await cadre.shot('phone-report-submitted');
    // the figures page says the report waits for review, never that it is accepted (defect 7)
    await cp.goto(server.url + `/#/activities/figures?d=${d42.id}`);
    const lockNote = cp.locator('.fig-locked');
    await lockNote.waitFor();
    assert.match(await lockNote.innerText(), /đã nộp, đang chờ cấp trên duyệt/);
    assert.doesNotMatch(await lockNote.innerText(), /được duyệt/);
    assert.equal(await cp.locator('.fig-input').first().isDisabled(), true);
    await cadre.shot('phone-figures-submitted');
    await cp.goBack();
    await cp.locator('.rstatus .rchip[data-status="submitted"]').waitFor();

    // === (2) the district officer, on a desktop: the dashboard of 42/LĐLĐ
    officer = await open(DESKTOP);
    const op = officer.page;
    await signIn(op, server.url, 'gialam');
    await op.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Báo cáo', exact: true }).click();
    await op.getByRole('heading', { level: 1, name: 'Báo cáo và tổng hợp' }).waitFor();
    await op.locator(`.rlist-sec a[href="#/directives/${d42.id}/dashboard"]`).click();
    await op.getByRole('heading', { level: 1, name: 'LĐLĐ huyện Gia Lâm' }).waitFor();
    const dash = (await gialam.get(dashPath)).json;
    const c = dash.completeness;
    assert.equal(c.submitted, before0.completeness.submitted + 1, 'the API counts the new submission');
    assert.equal(digits(await statText(op, 'expected')), c.expected);
    assert.equal(digits(await statText(op, 'submitted')), c.submitted);
    assert.equal(digits(await statText(op, 'on_time')), c.on_time);
    assert.equal(digits(await statText(op, 'late')), c.late);
    assert.equal(digits(await statText(op, 'missing')), c.missing);
    assert.equal(await statText(op, 'reporting_rate'), pct(c.reporting_rate));
    assert.equal(await statText(op, 'on_time_rate'), pct(c.on_time_rate));
    // the cadre's commune counts it (on time or late, as the API says)
    const commune = dash.children.find((k) => k.code === communeCode);
    assert.ok(commune, 'the cadre\'s commune is a child of Gia Lâm');
    const row = op.locator(`.rcomp tr[data-unit-code="${communeCode}"]`);
    const cells = await row.locator('td').allInnerTexts();
    assert.deepEqual(cells.slice(0, 4).map(digits),
      [commune.completeness.expected, commune.completeness.on_time, commune.completeness.late, commune.completeness.missing]);
    assert.equal(commune.completeness.on_time + commune.completeness.late >= 1, true);
    // the units that have not reported: a named one is listed, the cadre's is not
    const listed = op.locator('#dash-missing-list');
    assert.ok(c.missing_units.some((m) => m.id === cadreUnit.id) === false, 'the API no longer lists the cadre\'s unit as missing');
    const someMissing = c.missing_units[c.missing_units.length - 1];
    await op.getByRole('link', { name: /Xem \d+ đơn vị chưa báo cáo/ }).click();
    await op.getByLabel('Tìm trong danh sách').fill(someMissing.name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd'));
    await listed.locator(`.dash-missing-item[data-unit-id="${someMissing.id}"]`, { hasText: someMissing.name }).waitFor();
    await op.getByLabel('Tìm trong danh sách').fill('');
    assert.equal(await listed.locator('.dash-missing-item').count(), c.missing_units.length);
    assert.equal(await listed.locator(`.dash-missing-item[data-unit-id="${cadreUnit.id}"]`).count(), 0);
    await op.locator('#dash-summary-title').scrollIntoViewIfNeeded();
    await officer.shot('desktop-dashboard');

    // the PDF of the officer's own report
    const pdfPath = shotPath('reports-dashboard.pdf');
    const [download] = await Promise.all([op.waitForEvent('download'), op.locator('.dash-sec--docs a[data-format="pdf"]').click()]);
    await download.saveAs(pdfPath);
    // Named from directive, unit and day (filename*, which the browser prefers to the ASCII name).
    assert.match(download.suggestedFilename(), /^Báo cáo 42-LĐLĐ Gia Lâm \d{4}-\d{2}-\d{2}\.pdf$/);
    assert.equal(readFileSync(pdfPath).subarray(0, 5).toString('latin1'), '%PDF-');
    const ppm = spawnSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', pdfPath, shotPath('reports-pdf-page1')], { encoding: 'utf8' });
    assert.equal(ppm.status, 0, 'pdftoppm: ' + ppm.stderr);
    assert.ok(existsSync(shotPath('reports-pdf-page1.png')));

    // drill down into the commune: the cadre's unit is counted there, then back up
    await row.getByRole('link', { name: commune.name }).click();
    await op.getByRole('heading', { level: 1, name: commune.name }).waitFor();
    const sub = (await gialam.get(`${dashPath}?unit_id=${commune.id}`)).json;
    const mineRow = sub.children.find((k) => k.id === cadreUnit.id);
    const state = mineRow.completeness.on_time ? 'on_time' : 'late';
    assert.equal(await op.locator(`.rcomp tr[data-unit-id="${cadreUnit.id}"] .cstate`).getAttribute('data-state'), state);
    assert.equal(digits(await statText(op, 'expected')), sub.completeness.expected);
    assert.equal(digits(await statText(op, 'submitted')), sub.completeness.submitted);
    // the basis switch: submitted reports count now, so the unit's figures appear
    await op.getByRole('radio', { name: 'Đã duyệt + đã nộp' }).check();
    const subBoth = (await gialam.get(`${dashPath}?unit_id=${commune.id}&basis=accepted_submitted`)).json;
    await op.waitForFunction((n) => document.querySelectorAll('.dash-sec--figures .rfigures tbody tr').length === n || (n === 0 && document.querySelector('.dash-sec--figures .empty')), subBoth.rollup.figures.length);
    assert.match(op.url(), /basis=accepted_submitted/);
    await officer.shot('desktop-dashboard-commune');
    await op.locator('.dash-crumbs').getByRole('link', { name: 'LĐLĐ huyện Gia Lâm' }).click();
    await op.getByRole('heading', { level: 1, name: 'LĐLĐ huyện Gia Lâm' }).waitFor();
    assert.equal(await op.locator('input[name="dash-basis"][value="accepted_submitted"]').isChecked(), true, 'the basis stays while going up');

    // the same dashboard on a phone-width window
    await op.setViewportSize(PHONE.viewport);
    await op.locator('.dash-summary').waitFor();
    await assertNoSideScroll(op, 'dashboard');
    await officer.shot('phone-dashboard');
    await op.setViewportSize(DESKTOP.viewport);

    // === (3) the officer returns the cadre's report with a comment
    await op.goto(server.url + '/' + reportHash);
    await op.getByRole('heading', { level: 1, name: cadreUnit.name }).waitFor();
    await op.getByLabel('Ý kiến khi trả lại').fill(RETURN_COMMENT);
    await op.getByRole('button', { name: 'Trả lại' }).click();
    await op.locator('.rnote', { hasText: 'Đã trả lại báo cáo cho đơn vị.' }).waitFor();
    assert.equal(await op.locator('.rstatus .rchip').getAttribute('data-status'), 'returned');
    await officer.shot('desktop-report-returned');
    const returned = (await gialam.get(`/api/v1/directives/${d42.id}/units/${cadreUnit.id}/report`)).json;
    assert.equal(returned.report.status, 'returned');
    assert.equal(returned.revisions[0].comment, RETURN_COMMENT);

    // the cadre sees "returned" with the comment, and the form is open again
    await cp.reload();
    await cp.getByRole('heading', { level: 1, name: cadreUnit.name }).waitFor();
    assert.equal(await cp.locator('.rstatus .rchip').innerText(), 'Bị trả lại');
    assert.equal(await cp.locator('.rreturned-comment').innerText(), RETURN_COMMENT);
    assert.equal(await cp.locator(`.rnar-form textarea[data-key="${themeKey}"]`).inputValue(), NARRATIVE);
    await cp.getByRole('button', { name: 'Nộp lại báo cáo' }).waitFor();
    await assertNoSideScroll(cp, 'report page (returned)');
    await cadre.shot('phone-report-returned');

    // the returned report leads the cadre to the figures to correct (this directive's)
    const fixHref = await cp.locator('#rfix-figures').getAttribute('href');
    assert.equal(fixHref, `#/activities/figures?d=${d42.id}`);
    await cp.locator('#rfix-figures').click();
    await cp.locator('.fig-input').first().waitFor();
    assert.equal(await cp.locator('.fig-input').first().isDisabled(), false, 'the figures are open again');
    await cp.goBack();
    await cp.getByRole('heading', { level: 1, name: cadreUnit.name }).waitFor();

    // the cadre corrects only the narrative and submits again; the officer's comparison shows it
    const CORRECTED = NARRATIVE + ' Đã bổ sung danh sách 5 đoàn viên nhận quà.';
    await cp.locator(`.rnar-form textarea[data-key="${themeKey}"]`).fill(CORRECTED);
    await cp.getByRole('button', { name: 'Lưu thuyết minh' }).click();
    await cp.locator('.rsaved', { hasText: /Đã lưu lúc/ }).waitFor();
    await cp.getByRole('button', { name: 'Nộp lại báo cáo' }).click();
    const again = cp.getByRole('dialog');
    await again.waitFor();
    await again.locator('[data-act="confirm"]').click();
    await cp.locator('.rnote', { hasText: /Đã nộp báo cáo số/ }).waitFor();
    await op.reload();
    await op.getByRole('heading', { level: 1, name: cadreUnit.name }).waitFor();
    await op.getByRole('button', { name: 'So sánh' }).click();
    const narRow = op.locator('.rchanges tr[data-what="narrative"]');
    await narRow.waitFor();
    assert.equal(await narRow.getAttribute('data-key'), themeKey);
    assert.match(await narRow.innerText(), /^THUYẾT MINH 1\. /i, "named by its theme, not its id");
    assert.equal(await narRow.locator('td.rchange-text').nth(1).innerText(), CORRECTED);
    await officer.shot('desktop-report-compare-narrative');

    assert.deepEqual(cadre.errors(), [], 'phone: no console errors, page errors or CSP violations');
    assert.deepEqual(officer.errors(), [], 'desktop: no console errors, page errors or CSP violations');
  } finally {
    if (cadre) await cadre.close();
    if (officer) await officer.close();
    await server.stop();
  }
});
