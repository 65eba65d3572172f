// SPDX-License-Identifier: AGPL-3.0-or-later
// The public feedback form under its rate limits ([feedback] form_max_per_ip and
// form_max_per_unit, set low here): excess posts get 429 and nothing is stored.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login } from '../lib/server.mjs';
import { sqlText } from '../lib/db.mjs';

let srv, unitA, unitB;
const count = () => Number(sqlText(srv.db, 'SELECT count(*) FROM feedback'));
const post = (id, text) => fetch(`${srv.url}/f/${id}`, {
  method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams({ text }).toString(),
});

before(async () => {
  srv = await startServer({ config: '[feedback]\nform_max_per_ip = 3\nform_max_per_unit = 100\nform_window = 600\n' });
  const s = await login(srv.url, 'gialam');
  const find = async (code) => (await s.get('/api/v1/units?q=' + code)).json.items.find((u) => u.code === code).id;
  unitA = await find('01.018.00565.04');
  unitB = await find('01.018.00580.05');
});
after(async () => { await srv.stop(); });

test('per-IP limit: the fourth post within the window gets 429 and is not stored', async () => {
  const n0 = count();
  for (let i = 0; i < 3; i++) {
    const r = await post(unitA, `Ý kiến thứ ${i + 1} về tiền ăn ca`);
    assert.equal(r.status, 200);
  }
  assert.equal(count(), n0 + 3);
  const r = await post(unitB, 'Ý kiến thứ tư, sang đơn vị khác cũng không được');
  assert.equal(r.status, 429);
  assert.equal(r.headers.get('retry-after'), '600');
  const html = await r.text();
  assert.match(html, /role="alert"/);
  assert.match(html, /chưa được lưu/);
  assert.equal(count(), n0 + 3);
  // The form itself still shows, and the status page still answers.
  assert.equal((await fetch(`${srv.url}/f/${unitA}`)).status, 200);
  assert.equal((await fetch(`${srv.url}/f/status?code=AAAA-AAAA`)).status, 404);
});
