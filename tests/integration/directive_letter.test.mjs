// SPDX-License-Identifier: AGPL-3.0-or-later
// The printed công văn lists the figures it asks for by their Vietnamese label
// and unit ("Các chỉ tiêu báo cáo"), never by their codes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, login } from '../lib/server.mjs';

let srv, gialam;
before(async () => {
  srv = await startServer();
  gialam = await login(srv.url, 'gialam');
});
after(async () => { await srv.stop(); });

test('the letter names each requested indicator by label and unit, never by code', async () => {
  const r = await gialam.post('/api/v1/directives', {
    number: '61/LĐLĐ', date: '2024-01-20', subject: 'Tặng quà Tết cho người lao động',
    tasks: ['Báo cáo kết quả'], indicators: ['gift_packages', 'gift_recipients'],
  });
  assert.equal(r.status, 201, r.text);
  const id = r.json.directive.id;
  const pdf = await fetch(`${srv.url}/api/v1/directives/${id}/document?format=pdf`, { headers: { Cookie: gialam.cookie } });
  assert.equal(pdf.status, 200);
  const text = spawnSync('pdftotext', ['-layout', '-', '-'], { input: Buffer.from(await pdf.arrayBuffer()), encoding: 'utf8' }).stdout;
  assert.ok(text.includes('CÁC CHỈ TIÊU BÁO CÁO'), text);
  assert.ok(text.includes('Số suất quà Tết'), text);
  assert.ok(text.includes('Số người nhận quà (đơn vị tính: người)'), text);
  assert.ok(!text.includes('gift_recipients') && !text.includes('gift_packages'), text);
  // The DOCX says the same: its document.xml holds the labels, not the codes.
  const docx = Buffer.from(await (await fetch(`${srv.url}/api/v1/directives/${id}/document?format=docx`, { headers: { Cookie: gialam.cookie } })).arrayBuffer());
  const file = join(mkdtempSync(join(tmpdir(), 'lt-letter-')), 'cv.docx');
  writeFileSync(file, docx);
  const xml = spawnSync('python3', ['-c', "import sys, zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read('word/document.xml').decode())", file], { encoding: 'utf8' });
  assert.equal(xml.status, 0, xml.stderr);
  assert.ok(xml.stdout.includes('Số suất quà Tết'));
  assert.ok(!xml.stdout.includes('gift_recipients'));
});
