// SPDX-License-Identifier: AGPL-3.0-or-later
// Approval by level (issue 12) on the demo: the commune xã Đa Tốn
// (xa-00577) sees on its own report page how many of its unions are not
// started, waiting for review, returned or accepted, and one readiness word
// ("Đang chờ cấp dưới" / "Sẵn sàng" / "Đã được duyệt"); the counts follow
// each review; the children come a page at a time, each with its state; the
// district sees its communes; a union without children has no level.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login } from '../lib/server.mjs';

let srv, xa, gialam, dir, commune, unions;
const rep = (unit) => `/api/v1/directives/${dir}/units/${unit}/report`;

before(async () => {
  srv = await startServer();
  xa = await login(srv.url, 'xa-00577');
  gialam = await login(srv.url, 'gialam');
  commune = (await xa.get('/api/v1/me')).json.user.unit.id;
  const todo = (await xa.get('/api/v1/todo')).json;
  dir = todo.items.find((i) => i.kind === 'report_review' && i.directive.number === '42/LĐLĐ').directive.id;
});
after(async () => { if (srv) await srv.stop(); });

async function level(who, unit) {
  const r = await who.get(rep(unit));
  assert.equal(r.status, 200, r.text);
  return r.json.level;
}

async function allChildren(who, unit, limit) {
  const out = [];
  let cursor;
  do {
    const r = await who.get(rep(unit) + `/children?limit=${limit}` + (cursor ? '&cursor=' + encodeURIComponent(cursor) : ''));
    assert.equal(r.status, 200, r.text);
    assert.ok(r.json.items.length <= limit);
    out.push(...r.json.items);
    cursor = r.json.next_cursor;
  } while (cursor);
  return out;
}

test('the commune sees its unions by report state, and the counts follow each review', async () => {
  const l0 = await level(xa, commune);
  assert.ok(l0, 'a commune with unions among the recipients has a level');
  assert.equal(l0.children.total, 6, 'six unions of Đa Tốn work on 42/LĐLĐ');
  assert.equal(l0.readiness, 'waiting_lower');
  // The children list agrees with the counts, a page of 4 at a time.
  unions = await allChildren(xa, commune, 4);
  assert.equal(unions.length, 6);
  assert.equal(new Set(unions.map((u) => u.unit_id)).size, 6, 'no child twice across pages');
  const by = (s) => unions.filter((u) => u.status === s).length;
  assert.equal(by('submitted'), l0.children.submitted);
  assert.equal(by('none') + by('draft'), l0.children.none + l0.children.draft);
  assert.ok(unions.every((u) => /Đa Tốn/.test(u.name)));
  const waiting = unions.find((u) => u.status === 'submitted');
  assert.ok(waiting, 'one union waits for review');

  // Returned: one fewer waiting, one more returned, in the children and the subtree.
  let r = await xa.post(rep(waiting.unit_id) + '/return', { comment: 'Bổ sung số suất quà Tết.' });
  assert.equal(r.status, 200, r.text);
  const l1 = await level(xa, commune);
  assert.equal(l1.children.submitted, l0.children.submitted - 1);
  assert.equal(l1.children.returned, l0.children.returned + 1);
  assert.equal(l1.subtree.returned, l0.subtree.returned + 1);
  assert.equal((await allChildren(xa, commune, 500)).find((u) => u.unit_id === waiting.unit_id).status, 'returned');

  // Resubmitted and accepted: one more accepted.
  const cadre = await login(srv.url, 'cs-00577-06');
  assert.equal((await cadre.post(rep(waiting.unit_id) + '/submit', {})).status, 200);
  r = await xa.post(rep(waiting.unit_id) + '/accept', {});
  assert.equal(r.status, 200, r.text);
  const l2 = await level(xa, commune);
  assert.equal(l2.children.accepted, l0.children.accepted + 1);
  assert.equal(l2.children.returned, l0.children.returned);
  assert.equal(l2.subtree.accepted, l0.subtree.accepted + 1);
  assert.equal(l2.readiness, 'waiting_lower', 'five unions are not accepted yet');

  // Every union submits and is accepted: the commune is ready, then accepted itself.
  for (const u of unions) {
    if (u.unit_id === waiting.unit_id) continue;
    const code = u.code.split('.').pop();
    const c = await login(srv.url, `cs-00577-${code}`);
    const s = await c.post(rep(u.unit_id) + '/submit', {});
    assert.equal(s.status, 200, s.text);
    assert.equal((await xa.post(rep(u.unit_id) + '/accept', {})).status, 200);
  }
  const l3 = await level(xa, commune);
  assert.equal(l3.children.accepted, 6);
  assert.equal(l3.readiness, 'ready');
  assert.equal((await xa.post(rep(commune) + '/submit', {})).status, 200);
  assert.equal((await gialam.post(rep(commune) + '/accept', {})).status, 200);
  assert.equal((await level(xa, commune)).readiness, 'accepted');
});

test('the district sees its communes; a union has no level; the list is bounded and checked', async () => {
  const me = (await gialam.get('/api/v1/me')).json.user.unit.id;
  const l = await level(gialam, me);
  assert.ok(l.children.total > 1);
  assert.ok(l.subtree.total >= 133, 'every recipient under the district');
  const kids = await allChildren(gialam, me, 500);
  assert.equal(kids.length, l.children.total);
  assert.ok(kids.some((k) => k.unit_id === commune && k.status === 'accepted'), 'Đa Tốn is accepted at the district');
  assert.equal(l.children.accepted, kids.filter((k) => k.status === 'accepted').length);
  const union = (await allChildren(xa, commune, 1))[0];
  assert.equal(await level(xa, union.unit_id), null, 'a union without children: no level');
  assert.equal((await xa.get(rep(commune) + '/children?limit=501')).status, 400);
  // Out of the caller's subtree: refused.
  const other = kids.find((k) => k.unit_id !== commune);
  assert.equal((await xa.get(rep(other.unit_id) + '/children')).status, 403);
});

test('the commune follows its unions\' receipts of the district\'s directive, and no other unit\'s', async () => {
  const r = await xa.get(`/api/v1/directives/${dir}/receipts?limit=500`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.items.length, 6, 'the six unions of Đa Tốn');
  assert.ok(r.json.items.every((x) => x.unit.code.startsWith('01.018.00577.')), JSON.stringify(r.json.items.map((x) => x.unit.code)));
  assert.equal(r.json.counts.recipients, 6, 'the counts are over its unions only');
  assert.equal(r.json.counts.acknowledged, r.json.items.filter((x) => x.state === 'acknowledged').length);
  const pending = await xa.get(`/api/v1/directives/${dir}/receipts?state=pending&limit=500`);
  assert.equal(pending.json.items.length, 6 - r.json.counts.acknowledged);
  // The issuer sees every recipient; a union's cadre sees none of its siblings' receipts.
  assert.ok((await gialam.get(`/api/v1/directives/${dir}/receipts?limit=1`)).json.counts.recipients >= 133);
  const cadre = await login(srv.url, 'cs-00577-01');
  assert.equal((await cadre.get(`/api/v1/directives/${dir}/receipts`)).status, 403);
});

test('a higher level acts through the chain: the district reopens and returns a union\'s report over the commune', async () => {
  // After the first test every Đa Tốn union and the commune itself are accepted.
  const union = unions[0];
  const code = union.code.split('.').pop();
  const cadre = await login(srv.url, `cs-00577-${code}`);
  const figures = `/api/v1/directives/${dir}/figures`;
  assert.equal((await cadre.get(rep(union.unit_id))).json.report.status, 'accepted');
  let r = await cadre.put(figures, { values: { people_supported: 7 } });
  assert.equal(r.status, 409, 'accepted: the data is locked');
  assert.match(r.json.error.message, /đã được duyệt/);

  // Nor may the union take it back itself: an accepted report is reopened from above.
  r = await cadre.post(rep(union.unit_id) + '/reopen', { reason: 'Muốn sửa số liệu' });
  assert.equal(r.status, 403, r.text);
  assert.equal(r.json.error.field, 'unit_id');
  // The district reopens the commune's report and the union's (the commune's officer is passed over).
  r = await gialam.post(rep(commune) + '/reopen', {});
  assert.equal(r.status, 400, 'a reason is required');
  assert.equal(r.json.error.field, 'reason');
  assert.equal((await gialam.post(rep(commune) + '/reopen', { reason: 'Huyện cần số liệu bổ sung của một CĐCS' })).status, 200);
  r = await gialam.post(rep(union.unit_id) + '/reopen', { reason: 'Bổ sung số người được hỗ trợ' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.report.status, 'draft');
  const l = await level(xa, commune);
  assert.equal(l.children.accepted, 5, 'the commune sees one union no longer accepted');
  assert.equal(l.readiness, 'waiting_lower');
  // Unlocked: the union corrects its figure and finds the report to write again.
  assert.equal((await cadre.put(figures, { values: { people_supported: 7 } })).status, 200);
  assert.ok((await cadre.get('/api/v1/todo?kind=report_write')).json.items.some((i) => i.directive.id === dir));

  // Resubmitted: it waits at the commune, yet the district may return it, and the union reads why.
  assert.equal((await cadre.post(rep(union.unit_id) + '/submit', {})).status, 200);
  assert.ok((await xa.get('/api/v1/todo?kind=report_review')).json.items.some((i) => i.unit.id === union.unit_id));
  assert.ok(!(await gialam.get('/api/v1/todo?kind=report_review&limit=100')).json.items.some((i) => i.unit.id === union.unit_id));
  r = await gialam.post(rep(union.unit_id) + '/return', { comment: 'Huyện trả lại: ghi rõ nguồn kinh phí.' });
  assert.equal(r.status, 200, r.text);
  const fix = (await cadre.get('/api/v1/todo?kind=report_fix')).json.items.find((i) => i.directive.id === dir);
  assert.equal(fix.note, 'Huyện trả lại: ghi rõ nguồn kinh phí.');
  assert.equal((await level(xa, commune)).children.returned, 1);
  // A sibling commune's officer cannot do the same.
  const other = await login(srv.url, 'xa-00565');
  assert.equal((await other.post(rep(union.unit_id) + '/reopen', { reason: 'x' })).status, 403);
});
