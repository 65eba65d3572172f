// SPDX-License-Identifier: AGPL-3.0-or-later
// Issue 13, finding 7: a report's e-mail address is checked when the report
// is queued, not at SMTP time: one plain address (the probe queued
// "a@b.vn\r\nBcc: x@y.z" and address lists with 202), and a cadre mails only
// the union's addresses; an officer may mail outside, audited.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sqlText } from '../lib/db.mjs';
import { startServer, login } from '../lib/server.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv.stop(); });

const sql = (q) => sqlText(srv.db, q);
const byCode = async (s, code) => (await s.get('/api/v1/units?q=' + encodeURIComponent(code))).json.items.find((u) => u.code === code);

test('report mail: bad addresses are 400 naming "to"; a cadre mails only the union', async () => {
  const cadre = await login(srv.url, 'cs-00577-01');
  const unit = (await byCode(cadre, '01.018.00577.01')).id;
  const dir = (await cadre.get('/api/v1/directives')).json.items.find((d) => d.number === '42/LĐLĐ').id;
  const base = `/api/v1/directives/${dir}/units/${unit}/report`;
  let r = await cadre.post(base + '/submit', { kind: 'final' });
  assert.equal(r.status, 200, r.text);
  const queued = () => Number(sql('SELECT count(*) FROM mail_queue'));
  const n0 = queued();

  for (const to of ['a@b.vn\r\nBcc: x@y.z', 'a@b.vn\nBcc: x@y.z', 'a@b.vn, c@d.vn', 'a@b.vn;c@d.vn',
    'Ban <a@b.vn>', 'thư@b.vn', 'a@b']) {
    r = await cadre.post(base + '/send', { to });
    assert.equal(r.status, 400, JSON.stringify(to));
    assert.equal(r.json.error.field, 'to');
    assert.equal(r.json.error.code, 'invalid');
  }
  // Valid, but outside the union: a cadre may not.
  r = await cadre.post(base + '/send', { to: 'someone@example.com' });
  assert.equal(r.status, 403);
  assert.equal(r.json.error.field, 'to');
  // A sibling union's address is not "above" either.
  const sibling = await byCode(cadre, '01.018.00577.02');
  sql(`UPDATE unit SET email = 'cs-00577-02@example.org' WHERE id = ${sibling.id}`);
  assert.equal((await cadre.post(base + '/send', { to: 'cs-00577-02@example.org' })).status, 403);
  assert.equal(queued(), n0);

  // The directive's report address (by default), the district's address, its own.
  assert.equal((await cadre.post(base + '/send', {})).status, 202);
  // (The same address again, in other case, as if the first mail went out an hour ago.)
  sql("UPDATE mail_queue SET status = 'sent', created_at = created_at - 3600");
  assert.equal((await cadre.post(base + '/send', { to: 'GiaLam@CongDoanHaNoi.org.vn' })).status, 202);
  assert.equal((await cadre.post(base + '/send', { to: 'cs-00577-01@example.org' })).status, 202);
  assert.equal(queued(), n0 + 3);
  assert.equal(sql("SELECT count(*) FROM mail_queue WHERE to_addr LIKE '%\n%' OR to_addr LIKE '%,%'"), '0');

  // An officer sends its own unit's report outside the union; it is audited.
  const gialam = await login(srv.url, 'gialam');
  const district = (await byCode(gialam, '01.018')).id;
  const dbase = `/api/v1/directives/${dir}/units/${district}/report`;
  r = await gialam.post(dbase + '/submit', { kind: 'final' });
  assert.equal(r.status, 200, r.text);
  r = await gialam.post(dbase + '/send', { to: 'vanphong@ubnd.example.vn' });
  assert.equal(r.status, 202, r.text);
  assert.equal(sql("SELECT count(*) FROM audit_event WHERE action = 'send' AND entity = 'report' AND detail LIKE '%vanphong@ubnd.example.vn%'"), '1');
  r = await gialam.post(dbase + '/send', { to: 'a@b.vn\r\nBcc: x@y.z' });
  assert.equal(r.status, 400);
});

// Mail flooding: a cadre could send its report again and again (15 sends in
// a row were all 202), each a queued mail with the PDF and XLSX stored in
// the database and delivered to the district. Now one report goes to one
// address once while that mail waits and for 10 minutes after: 429 naming
// "to", nothing queued; another address, or later, is fine.
test('report mail: a report goes to one address once in 10 minutes (429 naming "to")', async () => {
  const cadre = await login(srv.url, 'cs-00577-03');
  const unit = (await byCode(cadre, '01.018.00577.03')).id;
  const dir = (await cadre.get('/api/v1/directives')).json.items.find((d) => d.number === '42/LĐLĐ').id;
  const base = `/api/v1/directives/${dir}/units/${unit}/report`;
  assert.equal((await cadre.post(base + '/submit', { kind: 'final' })).status, 200);
  const queued = () => Number(sql('SELECT count(*) FROM mail_queue'));
  assert.equal((await cadre.post(base + '/send', {})).status, 202);
  const n1 = queued();
  for (let i = 0; i < 5; i++) {
    const r = await cadre.post(base + '/send', { to: 'GIALAM@congdoanhanoi.org.vn' });
    assert.equal(r.status, 429, r.text);
    assert.equal(r.json.error.field, 'to');
    assert.match(r.json.error.message, /vừa được gửi/);
  }
  assert.equal(queued(), n1, 'nothing more queued');
  // Sent, but just now: still refused; ten minutes later it may go again.
  sql(`UPDATE mail_queue SET status = 'sent' WHERE id = (SELECT max(id) FROM mail_queue)`);
  assert.equal((await cadre.post(base + '/send', {})).status, 429);
  sql(`UPDATE mail_queue SET created_at = created_at - 601 WHERE id = (SELECT max(id) FROM mail_queue)`);
  assert.equal((await cadre.post(base + '/send', {})).status, 202);
});
