// SPDX-License-Identifier: AGPL-3.0-or-later
// The to-do list (GET /api/v1/todo) and "remind now" (POST
// /api/v1/directives/{id}/remind) on the demo: each user sees what they must
// do now, with a link to the page that does it; review goes by level (the
// commune with an officer reviews its unions, not the district); a return
// lands in the unit's list with its comment; the list is bounded and paged.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login } from '../lib/server.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { if (srv) await srv.stop(); });

const KINDS = ['report_fix', 'report_write', 'directive_ack', 'report_review', 'feedback_triage', 'units_remind'];

async function todo(who, qs = '') {
  const r = await who.get('/api/v1/todo' + qs);
  assert.equal(r.status, 200, r.text);
  return r.json;
}

test('the demo shows a new user each state: waiting at the commune tier, returned, accepted, a contest with entries', async () => {
  const gialam = await login(srv.url, 'gialam');
  const d42 = (await todo(gialam, '?kind=units_remind')).items.find((i) => i.directive.number === '42/LĐLĐ').directive.id;
  const level = (await gialam.get(`/api/v1/directives/${d42}/units/${gialam.user.unit.id}/report`)).json.level;
  assert.ok(level.subtree.submitted >= 1 && level.subtree.returned >= 1 && level.subtree.accepted >= 1, JSON.stringify(level.subtree));
  // Waiting at the commune tier: in the commune officer's queue (checked with its shape above).
  const xa = await login(srv.url, 'xa-00577');
  assert.ok((await todo(xa, '?kind=report_review')).items.some((i) => i.directive.id === d42));
  // Returned: its union finds it at home with the reviewer's reason.
  const returned = await login(srv.url, 'cs-00571-02');
  const fix = (await todo(returned, '?kind=report_fix')).items;
  assert.equal(fix.length, 1);
  assert.equal(fix[0].directive.id, d42);
  assert.ok(fix[0].note.length > 10, 'the reason for the return');
  const rep = await returned.get(fix[0].url.replace('/#', '/api/v1'));
  assert.equal(rep.json.report.status, 'returned');
  // A contest with entries.
  const contests = (await gialam.get('/api/v1/contests?directive_id=' + d42)).json.items;
  assert.ok(contests.some((c) => c.entries > 0), JSON.stringify(contests.map((c) => [c.name, c.entries])));
});

test('the commune officer xa-00577 has the Đa Tốn report waiting for review, and can accept or return it', async () => {
  const xa = await login(srv.url, 'xa-00577');
  const list = await todo(xa);
  const reviews = list.items.filter((i) => i.kind === 'report_review');
  assert.ok(reviews.length >= 1, 'a report waits at the commune tier');
  const it = reviews[0];
  assert.match(it.unit.name, /Đa Tốn/);
  assert.equal(it.status, 'submitted');
  assert.equal(it.directive.number, '42/LĐLĐ');
  assert.equal(it.url, `/#/directives/${it.directive.id}/units/${it.unit.id}/report`);
  assert.equal(list.counts.report_review, reviews.length);
  // The contract scripts rely on: {"items":[{"kind","title","url","due",…}]}.
  for (const i of list.items) {
    assert.ok(KINDS.includes(i.kind), i.kind);
    assert.equal(typeof i.title, 'string');
    assert.match(i.url, /^\/#\//);
    assert.ok('due' in i && (i.due === null || /^\d{4}-\d{2}-\d{2}$/.test(i.due)), JSON.stringify(i.due));
  }
  // The district does not see it: its commune (with an officer) reviews it.
  const gialam = await login(srv.url, 'gialam');
  const g = await todo(gialam, '?kind=report_review&limit=100');
  assert.ok(g.items.length > 0, 'the district reviews unions of communes without an officer');
  assert.ok(g.items.every((i) => i.kind === 'report_review'));
  assert.ok(!g.items.some((i) => i.unit.id === it.unit.id), 'the Đa Tốn report is not in the district queue');

  // The commune opens the report (it can: its unions received the directive) and may review it.
  const page = await xa.get(`/api/v1/directives/${it.directive.id}/units/${it.unit.id}/report`);
  assert.equal(page.status, 200, page.text);
  assert.equal(page.json.can_review, true);
  // A return needs a comment; with one the unit finds it in its own list.
  const base = `/api/v1/directives/${it.directive.id}/units/${it.unit.id}/report`;
  const bare = await xa.post(base + '/return', {});
  assert.equal(bare.status, 400);
  const ret = await xa.post(base + '/return', { comment: 'Bổ sung số suất quà Tết.' });
  assert.equal(ret.status, 200, ret.text);
  assert.equal((await todo(xa)).counts.report_review, list.counts.report_review - 1, 'gone from the queue');
  const cadre = await login(srv.url, 'cs-00577-06');
  const c = await todo(cadre);
  const fix = c.items.find((i) => i.kind === 'report_fix');
  assert.ok(fix, 'the returned report is in the unit\'s list');
  assert.equal(fix.note, 'Bổ sung số suất quà Tết.');
  assert.equal(fix.url, `/#/directives/${it.directive.id}/units/${it.unit.id}/report`);
  assert.equal(c.items[0].kind, 'report_fix', 'a returned report comes first');
  // Resubmitted, then accepted by the commune: nothing left for either side.
  assert.equal((await cadre.post(base + '/submit', {})).status, 200);
  assert.equal((await todo(cadre)).counts.report_fix, 0);
  assert.equal((await xa.post(base + '/accept', {})).status, 200);
  assert.ok(!(await todo(xa)).items.some((i) => i.kind === 'report_review' && i.unit.id === it.unit.id));
});

test('a cadre sees the report to write with its deadline; a cadre reviews and reminds nothing', async () => {
  const cadre = await login(srv.url, 'cs-00577-01');
  const l = await todo(cadre);
  const w = l.items.find((i) => i.kind === 'report_write');
  assert.ok(w, 'the 42/LĐLĐ report is due');
  assert.equal(w.due, '2024-02-20');
  assert.equal(typeof w.days_left, 'number');
  assert.ok(w.days_left < 0, 'the demo deadline has passed');
  assert.match(w.title, /^42\/LĐLĐ — /);
  assert.equal(w.url, `/#/directives/${w.directive.id}/units/${cadre.user.unit.id}/report`);
  assert.equal(l.counts.report_review, 0);
  assert.equal(l.counts.units_remind, 0);
  for (const k of KINDS) assert.equal(typeof l.counts[k], 'number');
  for (const i of l.items) assert.match(i.url, /^\/#\//);
});

test('the district has late units to remind and feedback to triage, each linking to its page', async () => {
  const gialam = await login(srv.url, 'gialam');
  const l = await todo(gialam, '?limit=100');
  const late = l.items.find((i) => i.kind === 'units_remind');
  assert.ok(late, 'late units on 42/LĐLĐ');
  assert.ok(late.count > 0);
  assert.equal(late.url, `/#/directives/${late.directive.id}/dashboard`);
  // Kinds come in their fixed order.
  const order = l.items.map((i) => KINDS.indexOf(i.kind));
  assert.deepEqual(order, [...order].sort((a, b) => a - b));
  for (const f of l.items.filter((i) => i.kind === 'feedback_triage')) {
    assert.equal(f.url, `/#/feedback/${f.feedback_id}`);
    assert.ok(f.title.length > 0);
  }
});

test('the list is paged and its input checked', async () => {
  const gialam = await login(srv.url, 'gialam');
  const all = await todo(gialam, '?limit=100');
  assert.ok(all.total >= 3);
  const p1 = await todo(gialam, '?limit=2');
  const p2 = await todo(gialam, '?limit=2&offset=2');
  assert.equal(p1.items.length, 2);
  assert.equal(p1.total, all.total);
  assert.deepEqual([...p1.items, ...p2.items].map((i) => i.url), all.items.slice(0, 4).map((i) => i.url));
  const beyond = await todo(gialam, `?offset=${all.total}`);
  assert.equal(beyond.items.length, 0);
  for (const [qs, field] of [['?limit=0', 'limit'], ['?limit=101', 'limit'], ['?offset=-1', 'offset'], ['?kind=everything', 'kind'], ['?limit=abc', 'limit']]) {
    const r = await gialam.get('/api/v1/todo' + qs);
    assert.equal(r.status, 400, qs);
    assert.equal(r.json.error.field, field, qs);
  }
  const anon = await fetch(srv.url + '/api/v1/todo');
  assert.equal(anon.status, 401);
});

test('remind now: the issuing district queues one mail per late unit with an address, once a day', async () => {
  const gialam = await login(srv.url, 'gialam');
  const late = (await todo(gialam, '?kind=units_remind')).items[0];
  const r = await gialam.post(`/api/v1/directives/${late.directive.id}/remind`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.late, late.count);
  assert.ok(r.json.queued > 0 && r.json.queued <= r.json.late, JSON.stringify(r.json));
  const again = await gialam.post(`/api/v1/directives/${late.directive.id}/remind`);
  assert.equal(again.status, 200);
  assert.equal(again.json.queued, 0, 'a second press the same day sends nothing');
  // Only the issuing side: a cadre is refused by role, the commune by standing.
  const cadre = await login(srv.url, 'cs-00577-01');
  assert.equal((await cadre.post(`/api/v1/directives/${late.directive.id}/remind`)).status, 403);
  const xa = await login(srv.url, 'xa-00577');
  assert.equal((await xa.post(`/api/v1/directives/${late.directive.id}/remind`)).status, 403);
  assert.equal((await gialam.post('/api/v1/directives/999999/remind')).status, 404);
});

test('a new directive to acknowledge, then its report due with the days left; gone once done', async () => {
  const gialam = await login(srv.url, 'gialam');
  const commune = (await gialam.get('/api/v1/units?q=da%20ton')).json.items.find((u) => u.code === '01.018.00577').id;
  const cadre = await login(srv.url, 'cs-00577-02');
  const today = (await todo(cadre)).today;
  const due = new Date(Date.parse(today) + 30 * 86400e3).toISOString().slice(0, 10);
  let r = await gialam.post('/api/v1/directives', {
    number: '88/LĐLĐ', place: 'Gia Lâm', date: today, subject: 'tổ chức Tháng Công nhân tại xã Đa Tốn',
    recipients: { mode: 'grassroots_under', unit_id: commune },
    themes: [{ title: 'Tháng Công nhân', items: ['Thăm hỏi công nhân'] }], tasks: ['Báo cáo kết quả'],
    indicators: ['people_supported'], report_deadline: due, report_email: 'gialam@congdoanhanoi.org.vn',
    signer: { authority: 'KT. CHỦ TỊCH', title: 'PHÓ CHỦ TỊCH', name: 'Nguyễn Văn A' }, cc: ['Lưu VP'],
  });
  assert.equal(r.status, 201, r.text);
  const id = r.json.directive.id;
  // A draft is no task for anyone below.
  assert.ok(!(await todo(cadre)).items.some((i) => i.directive?.id === id));
  assert.equal((await gialam.post(`/api/v1/directives/${id}/issue`, {})).status, 200);

  const mine = async () => (await todo(cadre, '?limit=100')).items.filter((i) => i.directive?.id === id);
  let items = await mine();
  const ack = items.find((i) => i.kind === 'directive_ack');
  assert.ok(ack, 'the new directive asks to be acknowledged');
  assert.equal(ack.url, `/#/directives/${id}`);
  assert.match(ack.title, /^88\/LĐLĐ — tổ chức Tháng Công nhân/);
  const write = items.find((i) => i.kind === 'report_write');
  assert.ok(write, 'its report is due');
  assert.equal(write.due, due);
  assert.equal(write.days_left, 30);
  // Acknowledged: that task is gone, the report stays until it is sent.
  assert.equal((await cadre.post(`/api/v1/directives/${id}/ack`, {})).status, 200);
  items = await mine();
  assert.deepEqual(items.map((i) => i.kind), ['report_write']);
  assert.equal((await cadre.post(`/api/v1/directives/${id}/units/${cadre.user.unit.id}/report/submit`, {})).status, 200);
  assert.deepEqual(await mine(), []);
  // The commune (an officer above the union) now has it to review.
  const xa = await login(srv.url, 'xa-00577');
  assert.ok((await todo(xa, '?kind=report_review&limit=100')).items.some((i) => i.directive.id === id && i.unit.id === cadre.user.unit.id));
});

test('workers\' messages: new ones, escalated ones at the unit above, and open ones past their deadline', async () => {
  const cadre = await login(srv.url, 'cs-00577-03');
  const xa = await login(srv.url, 'xa-00577');
  const triage = async (who) => (await todo(who, '?kind=feedback_triage&limit=100')).items;
  const record = async (text, at) => {
    const r = await cadre.post('/api/v1/feedback', { channel: 'hotline', text, received_at: at });
    assert.equal(r.status, 201, r.text);
    return r.json.feedback.id;
  };
  const act = async (who, id, body) => {
    const r = await who.post(`/api/v1/feedback/${id}/actions`, body);
    assert.equal(r.status, 200, r.text);
  };
  const today = (await todo(cadre)).today;
  const old = await record('Công nhân ca đêm chưa được bồi dưỡng giữa ca', '2024-01-10 08:00');
  const fresh = await record('Nhà xe của công ty bị dột khi trời mưa', `${today} 07:00`);
  let list = await triage(cadre);
  for (const id of [old, fresh]) {
    const it = list.find((i) => i.feedback_id === id);
    assert.ok(it, `new message ${id} is to triage`);
    assert.equal(it.status, 'new');
    assert.equal(it.url, `/#/feedback/${id}`);
  }
  // Both taken up: only the one past its deadline stays, overdue.
  await act(cadre, old, { action: 'start' });
  await act(cadre, fresh, { action: 'start' });
  list = await triage(cadre);
  const late = list.find((i) => i.feedback_id === old);
  assert.ok(late, 'an open message past its deadline stays on the list');
  assert.equal(late.status, 'in_progress');
  assert.ok(late.days_left < 0, `overdue (${late.days_left})`);
  assert.ok(!list.some((i) => i.feedback_id === fresh), 'one in progress within its deadline is not a task');
  // Escalated: it leaves the union's list and lands in the commune's.
  await act(cadre, fresh, { action: 'propose', text: 'Đề nghị xã hỗ trợ sửa nhà xe' });
  await act(cadre, fresh, { action: 'escalate' });
  assert.ok(!(await triage(cadre)).some((i) => i.feedback_id === fresh));
  const up = (await triage(xa)).find((i) => i.feedback_id === fresh);
  assert.ok(up, 'the commune has the escalated message');
  assert.equal(up.status, 'escalated');
  assert.match(up.title, /^Nhà xe của công ty bị dột/);
});
