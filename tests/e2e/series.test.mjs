// SPDX-License-Identifier: AGPL-3.0-or-later
// Multi-year figures: the district officer opens the national "Tết Sum vầy"
// series, reads the chart and the table with their sources, imports a year of
// its own district from a CSV file and is refused the national series (only
// the console writes it) — on a phone.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../lib/server.mjs';
import { PHONE, openBrowser, prepareBrowserTests, signIn, assertNoSideScroll } from '../lib/browser.mjs';

before(prepareBrowserTests);

test('an officer charts an indicator across years and imports another year', async () => {
  const srv = await startServer();
  const b = await openBrowser({ device: PHONE, shots: 'series' });
  const dir = mkdtempSync(join(tmpdir(), 'lantoa-series-'));
  try {
    const { page } = b;
    await signIn(page, srv.url, 'gialam');
    await page.goto(srv.url + '/#/reports');
    await page.getByRole('link', { name: /Số liệu các năm trước/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Số liệu nhiều năm' }).waitFor();
    await page.getByLabel('Chỉ tiêu').selectOption('bus_trips');
    await page.getByRole('table').locator('tbody tr', { hasText: '5.049' }).waitFor();
    const rows = page.getByRole('table').locator('tbody tr');
    assert.equal(await rows.count(), 10);
    assert.equal(await page.locator('caption').innerText(), 'Số chuyến xe miễn phí — phạm vi VN');
    assert.match(await rows.last().innerText(), /2024\s+5\.049\s+Tết Giáp Thìn 2024/);
    assert.match(await rows.first().innerText(), /minh hoạ/);
    assert.equal(await page.locator('.series-chart li').count(), 10);
    await assertNoSideScroll(page, 'series');
    await b.shot('01-chart', true);
    // One more year of its own district from a file (the national series is the console's: issue 13).
    const csv = join(dir, 'tet-2025.csv');
    writeFileSync(csv, 'indicator,year,scope,value,source\nbus_trips,2025,01.018,53,"kiểm thử"\n');
    await page.getByLabel('Nhập số liệu các năm (CSV hoặc XLSX)').setInputFiles(csv);
    await page.getByRole('button', { name: 'Nhập tệp' }).click();
    await page.getByText('Đã nhập 1 dòng.').waitFor();
    // The national series is refused, naming the row, and nothing changes.
    writeFileSync(csv, 'indicator,year,scope,value,source\nbus_trips,2025,VN,5300,"kiểm thử"\n');
    await page.getByLabel('Nhập số liệu các năm (CSV hoặc XLSX)').setInputFiles(csv);
    await page.getByRole('button', { name: 'Nhập tệp' }).click();
    await page.getByText(/row 2, column C/).waitFor();
    assert.equal(await page.locator('.series-chart li').count(), 10);
    // A bad file is refused, naming the row and column, and nothing changes.
    writeFileSync(csv, 'indicator,year,scope,value\nbus_trips,2026,VN,abc\n');
    await page.getByLabel('Nhập số liệu các năm (CSV hoặc XLSX)').setInputFiles(csv);
    await page.getByRole('button', { name: 'Nhập tệp' }).click();
    await page.getByText(/row 2, column D/).waitFor();
    assert.equal(await page.getByRole('table').locator('tbody tr', { hasText: '2026' }).count(), 0);
    await b.shot('02-imported', true);
    assert.deepEqual(b.errors().filter((e) => !/status of 40[03]/.test(e)), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await b.close();
    await srv.stop();
  }
});
