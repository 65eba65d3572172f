// SPDX-License-Identifier: AGPL-3.0-or-later
// Access matrix, generated from the route table: every route of
// src/http/routes.c × every role (admin, officers of the city, of a district
// and of a commune, a grassroots cadre, anonymous) × the relation of the
// target to the actor's unit (own, ancestor, descendant, sibling, a unit
// elsewhere in the province, another province). The tree is the demo plus a
// second district and a second province with their own users (tests/lib/world.mjs).
//
// A commune reads a directive its unions received (it follows and reviews
// their work), as a district reads one addressed to it (issue 12); their
// officers see the receipts of the recipients below them, and only those.
//
// Each cell's expected status comes from RULES below, one line per route,
// written from the access rules of src/app/actor.h, core/access and each
// feature. A route added to the route table without a line here fails.
// Lists, exports and the link detector must not carry another subtree's units.
//
// Writes are sent so that they change nothing a later cell reads (an
// invalid date that is checked after access, an issued directive to edit,
// a fresh record to delete): a write that passes access answers one of
// 200/201/202/400/409 ("ok" below), never 401, 403 or 404.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, login, ROOT, DEMO_PASSWORD } from '../lib/server.mjs';
import { buildWorld, relation, UNITS, USERS } from '../lib/world.mjs';
import { tinyPng } from '../lib/png.mjs';
import { BACKEND, query } from '../lib/db.mjs';

const ROLES = ['admin', 'city', 'district', 'commune', 'cadre', 'anon'];
const ACTOR_UNIT = { admin: 'HN', city: 'HN', district: 'GL', commune: 'DT', cadre: 'CS1' };
const RELATIONS = ['own', 'ancestor', 'descendant', 'sibling', 'other', 'other_province'];
const TARGETS = Object.keys(UNITS);
const DISCOVER = process.env.ACCESS_MATRIX_DISCOVER === '1';
const COMMON_URL = 'https://www.facebook.com/congdoan/posts/4242';

let srv, w;
const client = {};

before(async () => {
  // The public form's rate limits would otherwise answer 429 to the matrix's many posts.
  srv = await startServer({ config: '[feedback]\nform_max_per_ip = 100000\nform_max_per_unit = 100000\n[security]\nlogin_free_ip = 100000\n' });
  w = await buildWorld(srv);
  client.admin = w.admin;
  client.city = w.as.HN;
  client.district = w.as.GL;
  client.commune = w.as.DT;
  client.cadre = w.as.CS1;
  w.userId = {};
  for (const T of TARGETS) {
    const found = (await w.admin.get('/api/v1/users?limit=500&q=' + encodeURIComponent(USERS[T][0]))).json.items;
    w.userId[T] = found?.find((u) => u.login === USERS[T][0])?.id;
  }
  for (const T of TARGETS) {
    if (!w.userId[T]) w.userId[T] = (await w.as[T].get('/api/v1/me')).json.user.id;
  }
  // One link posted by every unit: the detector and each item's claims must
  // show only the claims of the reader's subtree (issue 13 finding 4).
  w.common = {};
  await Promise.all(TARGETS.map(async (T) => {
    const r = await w.as[T].post('/api/v1/activities', { directive_id: w.reportDir[T], url: COMMON_URL, title: 'Tin chung', date: '2024-01-27' });
    assert.equal(r.status, 201, r.text);
    w.common[T] = r.json.id;
  }));
});
after(async () => { await srv?.stop(); });

// --- requests: how each route is called for a target unit T ------------------------
const n = { v: 0 };
const uniq = () => `${Date.now().toString(36)}${(n.v++).toString(36)}`;
const csv = (rows) => Buffer.from(rows.map((r) => r.join(',')).join('\n') + '\n');
const parentOf = (T) => UNITS[T][1];
const below = { province: 'district', district: 'commune', commune: 'grassroots' };

// path: (T) → path, or null when T has no such record; body: (T) → JSON body or
// {raw, type}; fresh: (T) → a record made anew for this cell (deletes).
const CALLS = {
  'GET /healthz': { path: () => '/healthz' },
  'GET /metrics': { path: () => '/metrics' },
  'POST /api/v1/login': { path: () => '/api/v1/login', body: () => ({ login: 'nobody-' + uniq(), password: 'x' }) },
  'POST /api/v1/logout': { path: () => '/api/v1/logout', last: true },
  'GET /api/v1/me': { path: () => '/api/v1/me' },
  // A body that passes access and is then refused (no new password): nothing changes.
  'POST /api/v1/me/password': { path: () => '/api/v1/me/password', body: () => ({ current_password: 'x' }) },
  'GET /api/v1/levels': { path: () => '/api/v1/levels' },
  'GET /api/v1/units': { path: (T) => `/api/v1/units?parent_id=${w.unit[T].id}&limit=500` },
  'POST /api/v1/units': {
    path: () => '/api/v1/units',
    body: (T) => below[UNITS[T][2]] && { code: 'X' + uniq(), name: 'Đơn vị mới', level: below[UNITS[T][2]], parent_id: w.unit[T].id },
  },
  'GET /api/v1/units/{id}': { path: (T) => `/api/v1/units/${w.unit[T].id}` },
  'PATCH /api/v1/units/{id}': { path: (T) => `/api/v1/units/${w.unit[T].id}`, body: () => ({ members: 120 }) },
  // Structure changes with 30 February: access is decided first, then the date refused.
  'POST /api/v1/units/{id}/move': { path: (T) => parentOf(T) && `/api/v1/units/${w.unit[T].id}/move`, body: (T) => ({ parent_id: w.unit[parentOf(T)].id, date: '2024-02-30' }) },
  'POST /api/v1/units/{id}/merge': { path: (T) => parentOf(T) && `/api/v1/units/${w.unit[T].id}/merge`, body: (T) => ({ into_id: w.unit[parentOf(T)].id, date: '2024-02-30' }) },
  'POST /api/v1/units/{id}/close': { path: (T) => `/api/v1/units/${w.unit[T].id}/close`, body: () => ({ date: '2024-02-30' }) },
  'GET /api/v1/units/{id}/history': { path: (T) => `/api/v1/units/${w.unit[T].id}/history` },
  'GET /api/v1/directives': { path: () => '/api/v1/directives?box=issued' },
  'POST /api/v1/directives': { path: () => '/api/v1/directives', body: (T) => ({ number: `${uniq()}/TH`, subject: 'Thử', issuer_id: w.unit[T].id }) },
  'POST /api/v1/directives/parse': { path: () => '/api/v1/directives/parse', body: () => ({ raw: 'Số: 1/LĐLĐ\nV/v thử', type: 'text/plain' }) },
  'GET /api/v1/directives/{id}': { path: (T) => w.dir[T] && `/api/v1/directives/${w.dir[T]}` },
  'PATCH /api/v1/directives/{id}': { path: (T) => w.dir[T] && `/api/v1/directives/${w.dir[T]}`, body: () => ({ subject: 'Sửa' }) },
  'POST /api/v1/directives/{id}/issue': { path: (T) => w.dir[T] && `/api/v1/directives/${w.dir[T]}/issue?dry_run=1` },
  'POST /api/v1/directives/{id}/ack': { path: (T) => w.dir[T] && `/api/v1/directives/${w.dir[T]}/ack` },
  'GET /api/v1/directives/{id}/receipts': { path: (T) => w.dir[T] && `/api/v1/directives/${w.dir[T]}/receipts` },
  'POST /api/v1/directives/{id}/cascade': { path: (T) => w.dir[T] && `/api/v1/directives/${w.dir[T]}/cascade` },
  'POST /api/v1/directives/{id}/amend': { path: (T) => w.dir[T] && `/api/v1/directives/${w.dir[T]}/amend` },
  'GET /api/v1/directives/{id}/document': { path: (T) => w.dir[T] && `/api/v1/directives/${w.dir[T]}/document?format=docx` },
  'GET /api/v1/directives/{id}/chain': { path: (T) => w.dir[T] && `/api/v1/directives/${w.dir[T]}/chain` },
  // No [signing] here: an officer of the issuing side passes access and gets 409 (no server token).
  'POST /api/v1/directives/{id}/sign': { path: (T) => w.dir[T] && `/api/v1/directives/${w.dir[T]}/sign` },
  'GET /api/v1/directives/{id}/signature': { path: (T) => w.dir[T] && `/api/v1/directives/${w.dir[T]}/signature` },
  'GET /api/v1/directives/{id}/signature/pdf': { path: (T) => w.dir[T] && `/api/v1/directives/${w.dir[T]}/signature/pdf` },
  'GET /api/v1/directives/{id}/annex': { path: (T) => w.dir[T] && `/api/v1/directives/${w.dir[T]}/annex` },
  // Not a PDF: refused (400) once logged in, whoever asks.
  'POST /api/v1/doc/verify': { path: () => '/api/v1/doc/verify', body: () => ({ raw: 'not a PDF', type: 'application/pdf' }) },
  'GET /api/v1/directives/{id}/dashboard': { path: (T) => `/api/v1/directives/${w.reportDir[T]}/dashboard?unit_id=${w.unit[T].id}` },
  'GET /api/v1/directives/{id}/units/{id}/report': { path: (T) => report(T) },
  'PATCH /api/v1/directives/{id}/units/{id}/report': { path: (T) => report(T), body: () => ({ narrative: { general: 'Tốt' } }) },
  'POST /api/v1/directives/{id}/units/{id}/report/submit': { path: (T) => report(T) + '/submit', body: () => ({ kind: 'bogus' }) },
  'POST /api/v1/directives/{id}/units/{id}/report/return': { path: (T) => report(T) + '/return', body: () => ({ comment: 'Xem lại' }) },
  'POST /api/v1/directives/{id}/units/{id}/report/accept': { path: (T) => report(T) + '/accept' },
  'POST /api/v1/directives/{id}/units/{id}/report/reopen': { path: (T) => report(T) + '/reopen', body: () => ({ reason: 'Sửa số liệu' }) },
  'GET /api/v1/directives/{id}/units/{id}/report/compare': { path: (T) => report(T) + '/compare' },
  'GET /api/v1/directives/{id}/units/{id}/report/verify': { path: (T) => report(T) + '/verify' },
  'GET /api/v1/directives/{id}/units/{id}/report/document': { path: (T) => report(T) + '/document?format=csv' },
  'POST /api/v1/directives/{id}/units/{id}/report/sign': { path: (T) => report(T) + '/sign' },
  'GET /api/v1/directives/{id}/units/{id}/report/signature': { path: (T) => report(T) + '/signature' },
  'GET /api/v1/directives/{id}/units/{id}/report/signature/pdf': { path: (T) => report(T) + '/signature/pdf' },
  'POST /api/v1/directives/{id}/units/{id}/report/send': { path: (T) => report(T) + '/send' },
  'GET /api/v1/directives/{id}/units/{id}/report/mail': { path: (T) => report(T) + '/mail' },
  'GET /api/v1/directives/{id}/units/{id}/report/children': { path: (T) => report(T) + '/children' },
  'GET /api/v1/series': { path: () => '/api/v1/series' },
  'POST /api/v1/series/import': {
    path: () => '/api/v1/series/import',
    body: (T) => ({ raw: csv([['indicator', 'year', 'scope', 'value', 'source'], ['bus_trips', '1999', w.unit[T].code, '1', 'thử']]), type: 'text/csv' }),
  },
  'GET /api/v1/users': { path: () => '/api/v1/users' },
  'POST /api/v1/users': {
    path: () => '/api/v1/users',
    body: (T) => ({ login: 'u' + uniq(), name: 'Người mới', role: 'cadre', unit_id: w.unit[T].id, password: 'mat-khau-dai-123' }),
  },
  // A password too short: refused after access, nothing changes.
  'POST /api/v1/users/{id}/password': { path: (T) => `/api/v1/users/${w.userId[T]}/password`, body: () => ({ password: 'short' }) },
  'GET /api/v1/feedback': { path: (T) => `/api/v1/feedback?view=subtree&unit_id=${w.unit[T].id}&limit=500` },
  'POST /api/v1/feedback': { path: () => '/api/v1/feedback', body: (T) => ({ unit_id: w.unit[T].id, channel: 'hotline', text: 'Hỏi lương ' + uniq() }) },
  'GET /api/v1/feedback/export': { path: (T) => `/api/v1/feedback/export?view=subtree&unit_id=${w.unit[T].id}` },
  'GET /api/v1/feedback/summary': { path: (T) => `/api/v1/feedback/summary?unit_id=${w.unit[T].id}` },
  'POST /api/v1/feedback/import': {
    path: () => '/api/v1/feedback/import',
    body: (T) => ({ unit_id: w.unit[T].id, format: 'csv', data: 'text\nHỏi về thưởng Tết\n', columns: { text: 'A' }, dry_run: true }),
  },
  'POST /api/v1/feedback/classify': { path: () => '/api/v1/feedback/classify', body: () => ({ text: 'Công ty nợ lương' }) },
  'GET /api/v1/feedback/rules': { path: () => '/api/v1/feedback/rules' },
  'POST /api/v1/feedback/rules': { path: () => '/api/v1/feedback/rules', body: () => ({ topic: 'khac', pattern: 'zzz' + uniq() }) },
  'POST /api/v1/feedback/rules/preview': { path: () => '/api/v1/feedback/rules/preview', body: () => ({ topic: 'khac', pattern: 'thưởng tết' }) },
  'GET /api/v1/feedback/model': { path: () => '/api/v1/feedback/model' },
  'POST /api/v1/feedback/model/train': { path: () => '/api/v1/feedback/model/train' },
  'GET /api/v1/feedback/{id}': { path: (T) => `/api/v1/feedback/${w.fb[T]}` },
  'POST /api/v1/feedback/{id}/actions': { path: (T) => `/api/v1/feedback/${w.fb[T]}/actions`, body: () => ({ action: 'start' }) },
  'POST /api/v1/feedback/{id}/topics': { path: (T) => `/api/v1/feedback/${w.fb[T]}/topics`, body: () => ({ topics: ['thuong_tet'] }) },
  'GET /api/v1/units/{id}/feedback-qr.png': { path: (T) => `/api/v1/units/${w.unit[T].id}/feedback-qr.png` },
  'GET /f/status': { path: () => '/f/status?code=ZZZZ-ZZZZ' },
  'POST /f/status': { path: () => '/f/status', body: () => ({ raw: 'code=ZZZZ-ZZZZ&verdict=fixed', type: 'application/x-www-form-urlencoded' }) },
  'GET /f/{id}': { path: (T) => `/f/${w.unit[T].id}` },
  'POST /f/{id}': { path: (T) => `/f/${w.unit[T].id}`, body: () => ({ raw: 'text=&website=', type: 'application/x-www-form-urlencoded' }) },
  'GET /api/v1/activities': { path: (T) => `/api/v1/activities?unit_id=${w.unit[T].id}&limit=500` },
  'POST /api/v1/activities': { path: () => '/api/v1/activities', body: (T) => ({ directive_id: w.reportDir[T], unit_id: w.unit[T].id, title: 'Mới', date: '2024-02-30' }) },
  'GET /api/v1/activities/detect': { path: (T) => `/api/v1/activities/detect?url=${encodeURIComponent(w.actUrl[T])}&directive_id=${w.reportDir[T]}` },
  'GET /api/v1/activities/{id}': { path: (T) => `/api/v1/activities/${w.act[T]}` },
  'PATCH /api/v1/activities/{id}': { path: (T) => `/api/v1/activities/${w.act[T]}`, body: () => ({ date: '2024-02-30' }) },
  'DELETE /api/v1/activities/{id}': { fresh: 'activity', path: (T, f) => `/api/v1/activities/${f}` },
  'POST /api/v1/activities/{id}/photos': { path: (T) => `/api/v1/activities/${w.act[T]}/photos`, body: () => ({ raw: Buffer.from('GIF89a'), type: 'application/octet-stream' }) },
  'GET /api/v1/activities/{id}/photos/{id}': { path: (T) => `/api/v1/activities/${w.act[T]}/photos/1` },
  'DELETE /api/v1/activities/{id}/photos/{id}': { fresh: 'photo', path: (T, f) => `/api/v1/activities/${f}/photos/1` },
  'GET /api/v1/directives/{id}/continuity': { path: (T) => `/api/v1/directives/${w.reportDir[T]}/continuity?unit_id=${w.unit[T].id}` },
  'GET /api/v1/directives/{id}/activities/template.xlsx': { path: (T) => w.dir[T] && `/api/v1/directives/${w.dir[T]}/activities/template.xlsx` },
  'GET /api/v1/directives/{id}/activities/export.xlsx': { path: (T) => `/api/v1/directives/${w.reportDir[T]}/activities/export.xlsx?unit_id=${w.unit[T].id}` },
  'GET /api/v1/directives/{id}/activities/export.csv': { path: (T) => `/api/v1/directives/${w.reportDir[T]}/activities/export.csv?unit_id=${w.unit[T].id}` },
  'POST /api/v1/directives/{id}/activities/import': { path: (T) => w.dir[T] && `/api/v1/directives/${w.dir[T]}/activities/import`, body: () => ({ raw: csv([['Mã đơn vị', 'Tiêu đề']]), type: 'text/csv' }) },
  'GET /api/v1/indicators': { path: (T) => w.dir[T] && `/api/v1/indicators?directive_id=${w.dir[T]}` },
  'GET /api/v1/directives/{id}/figures': { path: (T) => `/api/v1/directives/${w.reportDir[T]}/figures?unit_id=${w.unit[T].id}` },
  'PUT /api/v1/directives/{id}/figures': { path: (T) => `/api/v1/directives/${w.reportDir[T]}/figures`, body: (T) => ({ unit_id: w.unit[T].id, values: { people_supported: -1 } }) },
  'POST /api/v1/directives/{id}/figures/confirm': { path: (T) => `/api/v1/directives/${w.reportDir[T]}/figures/confirm`, body: (T) => ({ unit_id: w.unit[T].id, rule: 'per:none', comment: 'ok' }) },
  'GET /api/v1/directives/{id}/figures/history': { path: (T) => `/api/v1/directives/${w.reportDir[T]}/figures/history?unit_id=${w.unit[T].id}` },
  'GET /api/v1/directives/{id}/figures/summary': { path: (T) => `/api/v1/directives/${w.reportDir[T]}/figures/summary?unit_id=${w.unit[T].id}` },
  'GET /api/v1/directives/{id}/figures/template.xlsx': { path: (T) => w.dir[T] && `/api/v1/directives/${w.dir[T]}/figures/template.xlsx` },
  'GET /api/v1/directives/{id}/figures/export.xlsx': { path: (T) => `/api/v1/directives/${w.reportDir[T]}/figures/export.xlsx?unit_id=${w.unit[T].id}` },
  'GET /api/v1/directives/{id}/figures/export.csv': { path: (T) => `/api/v1/directives/${w.reportDir[T]}/figures/export.csv?unit_id=${w.unit[T].id}` },
  'POST /api/v1/directives/{id}/figures/import': { path: (T) => w.dir[T] && `/api/v1/directives/${w.dir[T]}/figures/import`, body: () => ({ raw: csv([['Mã đơn vị', 'Chỉ tiêu', 'Giá trị']]), type: 'text/csv' }) },
  'GET /api/v1/directives/{id}/linkkits': { path: (T) => w.dir[T] && `/api/v1/directives/${w.dir[T]}/linkkits` },
  'POST /api/v1/directives/{id}/linkkits': { path: (T) => w.dir[T] && `/api/v1/directives/${w.dir[T]}/linkkits`, body: () => ({ title: 'Bộ mới', items: [{ url: 'ftp://x' }] }) },
  'GET /api/v1/linkkits/{id}/shares': { path: (T) => w.kit[T] && `/api/v1/linkkits/${w.kit[T]}/shares` },
  'GET /api/v1/contests': { path: (T) => w.dir[T] && `/api/v1/contests?directive_id=${w.dir[T]}` },
  'POST /api/v1/contests': { path: () => '/api/v1/contests', body: (T) => w.dir[T] && ({ directive_id: w.dir[T], name: 'Thi ' + uniq() }) },
  'GET /api/v1/contests/{id}': { path: (T) => w.contest[T] && `/api/v1/contests/${w.contest[T]}` },
  'GET /api/v1/contests/{id}/entries': { path: (T) => w.contest[T] && `/api/v1/contests/${w.contest[T]}/entries` },
  'POST /api/v1/contests/{id}/entries': {
    path: (T) => w.contest[T] && `/api/v1/contests/${w.contest[T]}/entries`,
    body: () => ({ member_name: 'Đoàn viên', category: 'writing', url: 'ftp://not-a-link' }),
  },
  'DELETE /api/v1/contest-entries/{id}': { fresh: 'entry', path: (T, f) => `/api/v1/contest-entries/${f}` },
  'GET /api/v1/contests/{id}/entries/template.xlsx': { path: (T) => w.contest[T] && `/api/v1/contests/${w.contest[T]}/entries/template.xlsx` },
  'GET /api/v1/contests/{id}/entries/export.xlsx': { path: (T) => w.contest[T] && `/api/v1/contests/${w.contest[T]}/entries/export.xlsx` },
  'GET /api/v1/contests/{id}/entries/export.csv': { path: (T) => w.contest[T] && `/api/v1/contests/${w.contest[T]}/entries/export.csv` },
  'POST /api/v1/contests/{id}/entries/import': { path: (T) => w.contest[T] && `/api/v1/contests/${w.contest[T]}/entries/import`, body: () => ({ raw: csv([['Mã đơn vị', 'Đường dẫn']]), type: 'text/csv' }) },
  // the to-do list and "remind now" (api_todo.c)
  'GET /api/v1/todo': { path: () => '/api/v1/todo' },
  'POST /api/v1/directives/{id}/remind': { path: (T) => w.dir[T] && `/api/v1/directives/${w.dir[T]}/remind` },
  // edXML (api_edxml.c): a draft without a number, a report not submitted answer 409 after access
  'GET /api/v1/directives/{id}/edxml': { path: (T) => w.dir[T] && `/api/v1/directives/${w.dir[T]}/edxml` },
  'GET /api/v1/directives/{id}/units/{id}/report/edxml': { path: (T) => report(T) + '/edxml?kind=status' },
  'POST /api/v1/edxml/import': { path: () => '/api/v1/edxml/import', body: () => ({ raw: '<edXMLEnvelope/>', type: 'application/xml' }) },
  // contest editing and the indicator catalogue's picker: bodies refused after access (an end
  // before the start, an unknown measure), so that nothing changes
  'PATCH /api/v1/contests/{id}': { path: (T) => w.contest[T] && `/api/v1/contests/${w.contest[T]}`, body: () => ({ name: 'Thi', starts_on: '2024-02-10', ends_on: '2024-02-01' }) },
  'POST /api/v1/indicators': { path: () => '/api/v1/indicators', body: () => ({ name_vi: 'Chỉ tiêu ' + uniq(), measure: 'kg' }) },
  // the registers of documents sent and received (api_register.c)
  'GET /api/v1/units/{id}/registers/in': { path: (T) => `/api/v1/units/${w.unit[T].id}/registers/in?year=2024` },
  'GET /api/v1/units/{id}/registers/out': { path: (T) => `/api/v1/units/${w.unit[T].id}/registers/out?year=2024` },
  'GET /api/v1/units/{id}/registers/in/export.xlsx': { path: (T) => `/api/v1/units/${w.unit[T].id}/registers/in/export.xlsx?year=2024` },
  'GET /api/v1/units/{id}/registers/out/export.xlsx': { path: (T) => `/api/v1/units/${w.unit[T].id}/registers/out/export.xlsx?year=2024` },
  // a forgotten password and the digest setting (api_auth.c): no account of that name, a wrong token, a bad setting
  'POST /api/v1/password/forgot': { path: () => '/api/v1/password/forgot', body: () => ({ login: 'nobody-' + uniq() }) },
  'POST /api/v1/password/reset': { path: () => '/api/v1/password/reset', body: () => ({ token: 'x', new_password: 'x' }) },
  'GET /api/v1/me/digest': { path: () => '/api/v1/me/digest' },
  // edXML messages received (api_edxml.c): one addressed to T, with a PDF
  'GET /api/v1/edxml/messages': { path: (T) => `/api/v1/edxml/messages?unit=${w.unit[T].id}` },
  'GET /api/v1/edxml/messages/{id}': { path: (T) => `/api/v1/edxml/messages/${edxmlTo(T)}` },
  'GET /api/v1/edxml/messages/{id}/attachment': { path: (T) => `/api/v1/edxml/messages/${edxmlTo(T)}/attachment` },
  'POST /api/v1/me/digest': { path: () => '/api/v1/me/digest', body: () => ({ enabled: 'x' }) },
};
// An edXML message from T addressed to T (as an import would leave it), one per
// target, all written at the first call in one script.
function edxmlTo(T) {
  if (w.edxml) return w.edxml[T];
  const pdf = BACKEND === 'postgresql' ? "convert_to('%PDF-1.4', 'UTF8')" : "CAST('%PDF-1.4' AS BLOB)";
  const ins = TARGETS.map((X) => `INSERT INTO edxml_message (kind, document_id, directive_id, unit_id, from_organ, priority, file_name, file_type, file, imported_at) VALUES ('report', 'matrix-${X}', ${w.reportDir[X]}, ${w.unit[X].id}, '${w.unit[X].code}', 0, 'báo cáo.pdf', 'application/pdf', ${pdf}, 1700000000)`);
  query(srv.db, [...ins, "INSERT INTO edxml_recipient (message_id, unit_id) SELECT id, unit_id FROM edxml_message WHERE document_id LIKE 'matrix-%'"].join(';\n'));
  w.edxml = Object.fromEntries(query(srv.db, "SELECT id, document_id FROM edxml_message WHERE document_id LIKE 'matrix-%'").map((r) => [r.document_id.slice(7), Number(r.id)]));
  return w.edxml[T];
}
function report(T) { return `/api/v1/directives/${w.reportDir[T]}/units/${w.unit[T].id}/report`; }

// A record of unit T made anew for one cell, by T's own user.
async function fresh(kind, T) {
  const c = w.as[T];
  const a = await c.post('/api/v1/activities', { directive_id: w.reportDir[T], url: `https://zalo.me/s/${T}-${uniq()}`, title: 'Tạm', date: '2024-01-26' });
  assert.equal(a.status, 201, a.text);
  if (kind === 'activity') return a.json.id;
  if (kind === 'photo') {
    const p = await c.call('POST', `/api/v1/activities/${a.json.id}/photos`, tinyPng(4, 4), { 'Content-Type': 'application/octet-stream' });
    assert.equal(p.status, 201, p.text);
    return a.json.id;
  }
  let x = T;
  while (!w.contest[x]) x = UNITS[x][1];
  const e = await c.post(`/api/v1/contests/${w.contest[x]}/entries`, { member_name: 'Tạm', category: 'video', url: `https://www.tiktok.com/@t${uniq()}/video/1` });
  assert.equal(e.status, 201, e.text);
  return e.json.id;
}

// --- the cells ---------------------------------------------------------------------

async function call(role, key, T) {
  const spec = CALLS[key];
  const f = spec.fresh ? await fresh(spec.fresh, T) : null;
  const path = spec.path(T, f);
  if (!path) return null;
  let body = spec.body?.(T);
  if (spec.body && !body) return null;
  const method = key.split(' ')[0];
  const headers = {};
  if (body?.raw !== undefined) { headers['Content-Type'] = body.type; body = body.raw; }
  if (role === 'anon') {
    if (body !== undefined && typeof body !== 'string' && !Buffer.isBuffer(body)) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(body);
    }
    const r = await fetch(srv.url + path, { method, headers, body });
    return { status: r.status, text: await r.text(), type: r.headers.get('content-type') };
  }
  const r = await client[role].call(method, path, body, headers);
  return { status: r.status, text: r.text, type: r.headers.get('content-type') };
}

test('every route of the route table has a line in the matrix', () => {
  const routes = [...readFileSync(join(ROOT, 'src/http/routes.def'), 'utf8')
    .matchAll(/\{ "(GET|POST|PUT|PATCH|DELETE)", "([^"]+)"/g)].map((m) => `${m[1]} ${m[2]}`);
  assert.ok(routes.length >= 90);
  assert.deepEqual(routes.filter((r) => !CALLS[r] || !RULES[r]), [], 'routes without a line in CALLS and RULES');
  assert.deepEqual(Object.keys(CALLS).filter((r) => !routes.includes(r)), [], 'lines for routes that no longer exist');
});

const results = [];

test('each cell answers as the rules say', { timeout: 480000 }, async (t) => {
  w.actUrl = {};
  await Promise.all(TARGETS.map(async (T) => {
    const a = await w.as[T].get(`/api/v1/activities/${w.act[T]}`);
    w.actUrl[T] = a.json.url;
  }));
  const cells = [];
  for (const key of Object.keys(CALLS)) {
    for (const role of ROLES) for (const T of TARGETS) cells.push({ key, role, T });
  }
  // Logout ends the sessions: those cells go last.
  const order = (c) => (CALLS[c.key].last ? 1 : 0);
  const queue = cells.sort((a, b) => order(a) - order(b));
  const late = queue.filter((c) => CALLS[c.key].last);
  const early = queue.filter((c) => !CALLS[c.key].last);
  const run = async (list, width) => {
    let i = 0;
    await Promise.all(Array.from({ length: width }, async () => {
      while (i < list.length) {
        const c = list[i++];
        let r;
        try { r = await call(c.role, c.key, c.T); } catch (e) { r = { status: 'error', text: e.message, type: '' }; }
        if (r) results.push({ ...c, ...r });
      }
    }));
  };
  await run(early, 8);
  await run(late, 1);
  if (DISCOVER) { discover(); return; }
  const wrong = [];
  for (const r of results) {
    for (const l of leaks(r)) wrong.push('leak: ' + l);
  }
  for (const r of results) {
    const rel = r.role === 'anon' ? 'any' : relation(w.unit[ACTOR_UNIT[r.role]].path, w.unit[r.T].path);
    const want = expected(r.key, r.role, rel, r.T);
    const ok = want.split('|').includes(String(norm(r.status)));
    const line = `${r.key} as ${r.role} on ${r.T} (${rel}): ${r.status}, expected ${want}  ${r.text.slice(0, 120)}`;
    if (!ok) wrong.push(line);
  }
  assert.ok(results.length > 5000, `${results.length} cells`);
  const triples = new Set(results.map((r) => `${r.key}|${r.role}|${r.role === 'anon' ? 'any' : relation(w.unit[ACTOR_UNIT[r.role]].path, w.unit[r.T].path)}`));
  t.diagnostic(`${results.length} requests: ${new Set(results.map((r) => r.key)).size} routes × ${ROLES.length} roles, ${triples.size} (route, role, relation) cells`);
  assert.deepEqual(wrong, []);
});

// ACCESS_MATRIX_DISCOVER=1 prints the observed table in the format of TABLE,
// to review against the rules when a route is added or changed.
function discover() {
  for (const r of results.filter((x) => x.status === 'error')) console.log('ERROR', r.key, r.role, r.T, r.text.slice(0, 700));
  const by = new Map();
  for (const r of results) {
    if (!by.has(r.key)) by.set(r.key, {});
    const rel = r.role === 'anon' ? 'any' : relation(w.unit[ACTOR_UNIT[r.role]].path, w.unit[r.T].path);
    const m = by.get(r.key);
    (m[`${r.role}:${rel}`] ||= []).push([r.T, norm(r.status)]);
  }
  const cell = (xs) => {
    if (!xs) return '-';
    const count = {};
    for (const [, st] of xs) count[st] = (count[st] || 0) + 1;
    const main = Object.keys(count).sort((a, b) => count[b] - count[a])[0];
    return [main, ...xs.filter(([, st]) => String(st) !== main).map(([T, st]) => `${T}=${st}`)].join(',');
  };
  for (const [k, m] of by) {
    const line = ROLES.map((role) => (role === 'anon' ? [cell(m['anon:any'])] : RELATIONS.map((rel) => cell(m[`${role}:${rel}`]))).join(' ')).join(' | ');
    console.log(`  ['${k}', '${line}'],`);
  }
}

// --- the rules ----------------------------------------------------------------------
// A write or read that passed access (2xx, or 409 for a record whose state
// does not allow it) is "ok"; refusals keep their status.
function norm(st) { return (st >= 200 && st < 300) || st === 409 ? 'ok' : st; }

// TABLE: one line per route. Cells, for admin | city officer | district officer
// | commune officer | grassroots cadre, by the relation of the target unit to
// the actor's unit: own ancestor descendant sibling other other_province; then
// anonymous. A cell is a status ("ok" = passed access, see norm), "-" where
// no unit of the tree stands in that relation (the city has no ancestor; a
// grassroots union no descendant) or the target has no such record (only
// officers' units issue directives), and "S,T=S2" where target T differs
// because of the records it holds (e.g. the directive's recipients).
//
// The rules it follows (src/app/actor.h, core/access, each feature):
// - reads of a unit's records: own unit and its subtree; outside, 404 when
//   the record's directive is not visible to the actor, 403 when it is (the
//   unit is known, its records are not yours); a unit page is public (200);
// - directives: visible to their issuing side (issuer and the units above
//   it that see it) and to their recipients; edits by issuing-side officers;
// - writes of an item (activity, photo, figures, entry): the unit itself (an
//   admin: any unit of its subtree); reviews (return, accept): an officer
//   strictly above the reporting unit; structure changes: an officer above
//   the unit (400 here = access granted, then the 30 February refused);
// - officer-only routes answer 403 to a cadre; anonymous callers 401.
const TABLE = [
  ['GET /healthz', 'ok - ok - - ok | ok - ok - - ok | ok ok ok ok ok ok | ok ok ok ok ok ok | ok ok - ok ok ok | ok'],
  ['GET /metrics', 'ok - ok - - ok | ok - ok - - ok | ok ok ok ok ok ok | ok ok ok ok ok ok | ok ok - ok ok ok | ok'],
  // A wrong password: 401, or 429 once the address has failed too often (finding 6).
  ['POST /api/v1/login', '401|429 - 401|429 - - 401|429 | 401|429 - 401|429 - - 401|429 | 401|429 401|429 401|429 401|429 401|429 401|429 | 401|429 401|429 401|429 401|429 401|429 401|429 | 401|429 401|429 - 401|429 401|429 401|429 | 401|429'],
  ['GET /api/v1/me', 'ok - ok - - ok | ok - ok - - ok | ok ok ok ok ok ok | ok ok ok ok ok ok | ok ok - ok ok ok | 401'],
  // One's own password: everyone logged in (the body is refused after access).
  ['POST /api/v1/me/password', '400 - 400 - - 400 | 400 - 400 - - 400 | 400 400 400 400 400 400 | 400 400 400 400 400 400 | 400 400 - 400 400 400 | 401'],
  ['GET /api/v1/levels', 'ok - ok - - ok | ok - ok - - ok | ok ok ok ok ok ok | ok ok ok ok ok ok | ok ok - ok ok ok | 401'],
  ['GET /api/v1/units', 'ok - ok - - ok | ok - ok - - ok | ok ok ok ok ok ok | ok ok ok ok ok ok | ok ok - ok ok ok | 401'],
  ['POST /api/v1/units', 'ok - ok - - 403 | ok - ok - - 403 | ok 403 ok 403 403 403 | ok 403 - 403 403 403 | - 403 - - 403 403 | 401'],
  ['GET /api/v1/units/{id}', 'ok - ok - - ok | ok - ok - - ok | ok ok ok ok ok ok | ok ok ok ok ok ok | ok ok - ok ok ok | 401'],
  ['PATCH /api/v1/units/{id}', 'ok - ok - - 403 | ok - ok - - 403 | ok 403 ok 403 403 403 | ok 403 ok 403 403 403 | ok 403 - 403 403 403 | 401'],
  ['POST /api/v1/units/{id}/move', '- - 400 - - 403 | - - 400 - - 403 | 403 - 400 403 403 403 | 403 403 400 403 403 403 | 403 403 - 403 403 403 | 401'],
  ['POST /api/v1/units/{id}/merge', '- - 400 - - 403 | - - 400 - - 403 | 403 - 400 403 403 403 | 403 403 400 403 403 403 | 403 403 - 403 403 403 | 401'],
  ['POST /api/v1/units/{id}/close', '403 - 400 - - 403 | 403 - 400 - - 403 | 403 403 400 403 403 403 | 403 403 400 403 403 403 | 403 403 - 403 403 403 | 401'],
  ['GET /api/v1/units/{id}/history', 'ok - ok - - 403 | ok - ok - - 403 | ok 403 ok 403 403 403 | ok 403 ok 403 403 403 | ok 403 - 403 403 403 | 401'],
  ['GET /api/v1/directives', 'ok - ok - - ok | ok - ok - - ok | ok ok ok ok ok ok | ok ok ok ok ok ok | ok ok - ok ok ok | 401'],
  ['POST /api/v1/directives', 'ok - ok - - 403 | ok - ok - - 403 | ok 403 ok 403 403 403 | ok 403 ok 403 403 403 | 403 403 - 403 403 403 | 401'],
  ['POST /api/v1/directives/parse', 'ok - ok - - ok | ok - ok - - ok | ok ok ok ok ok ok | ok ok ok ok ok ok | ok ok - ok ok ok | 401'],
  ['GET /api/v1/directives/{id}', 'ok - ok - - 404 | ok - ok - - 404 | ok ok ok 404 404 404 | ok ok - 404 404 404 | - ok - - 404 404 | 401'],
  ['PATCH /api/v1/directives/{id}', 'ok - ok - - 404 | ok - ok - - 404 | ok 403 ok 404 404 404 | ok 403 - 404 404 404 | - 403 - - 403 403 | 401'],
  ['POST /api/v1/directives/{id}/issue', 'ok - ok - - 404 | ok - ok - - 404 | ok 403 ok 404 404 404 | ok 403 - 404 404 404 | - 403 - - 403 403 | 401'],
  ['POST /api/v1/directives/{id}/ack', '404 - 404 - - 404 | 404 - 404 - - 404 | 404 ok 404 404 404 404 | 404 404 - 404 404 404 | - ok,HN=404 - - 404 404 | 401'],
  ['GET /api/v1/directives/{id}/receipts', 'ok - ok - - 404 | ok - ok - - 404 | ok ok ok 404 404 404 | ok ok - 404 404 404 | - 403 - - 404 404 | 401'],
  ['POST /api/v1/directives/{id}/cascade', '403 - 403 - - 404 | 403 - 403 - - 404 | 403 ok 403 404 404 404 | 403 403 - 404 404 404 | - 403 - - 403 403 | 401'],
  ['POST /api/v1/directives/{id}/amend', 'ok - ok - - 404 | ok - ok - - 404 | ok 403 ok 404 404 404 | ok 403 - 404 404 404 | - 403 - - 403 403 | 401'],
  ['GET /api/v1/directives/{id}/document', 'ok - ok - - 404 | ok - ok - - 404 | ok ok ok 404 404 404 | ok ok - 404 404 404 | - ok - - 404 404 | 401'],
  // Signed by the issuing side's officers (and designated on the server's token); read as the directive is.
  ['POST /api/v1/directives/{id}/sign', 'ok - ok - - 404 | ok - ok - - 404 | ok 403 ok 404 404 404 | ok 403 - 404 404 404 | - 403 - - 403 403 | 401'],
  ['GET /api/v1/directives/{id}/signature', 'ok - ok - - 404 | ok - ok - - 404 | ok ok ok 404 404 404 | ok ok - 404 404 404 | - ok - - 404 404 | 401'],
  // Nothing is signed in the matrix's world: 404 for a reader as for a stranger.
  ['GET /api/v1/directives/{id}/signature/pdf', '404 - 404 - - 404 | 404 - 404 - - 404 | 404 404 404 404 404 404 | 404 404 - 404 404 404 | - 404 - - 404 404 | 401'],
  // The matrix's directives go to a subtree, not to a list of units: no annex, 404 for a reader as for a stranger.
  ['GET /api/v1/directives/{id}/annex', '404 - 404 - - 404 | 404 - 404 - - 404 | 404 404 404 404 404 404 | 404 404 - 404 404 404 | - 404 - - 404 404 | 401'],
  // Any logged-in user checks an uploaded PDF; not a PDF is 400.
  ['POST /api/v1/doc/verify', '400 - 400 - - 400 | 400 - 400 - - 400 | 400 400 400 400 400 400 | 400 400 400 400 400 400 | 400 400 - 400 400 400 | 401'],
  ['GET /api/v1/directives/{id}/chain', 'ok - ok - - 404 | ok - ok - - 404 | ok ok ok 404 404 404 | ok ok - 404 404 404 | - ok - - 404 404 | 401'],
  ['GET /api/v1/directives/{id}/dashboard', 'ok - ok - - 404 | ok - ok - - 404 | ok 403 ok 404 404 404 | ok 403 ok 404 404 404 | ok 403 - 403 404 404 | 401'],
  ['GET /api/v1/directives/{id}/units/{id}/report', 'ok - ok - - 404 | ok - ok - - 404 | ok 403 ok 404 404 404 | ok 403 ok 404 404 404 | ok 403 - 403 404 404 | 401'],
  ['PATCH /api/v1/directives/{id}/units/{id}/report', 'ok - 403 - - 404 | ok - 403 - - 404 | ok 403 403 404 404 404 | ok 403 403 404 404 404 | ok 403 - 403 404 404 | 401'],
  ['POST /api/v1/directives/{id}/units/{id}/report/submit', '400 - 403 - - 404 | 400 - 403 - - 404 | 400 403 403 404 404 404 | 400 403 403 404 404 404 | 400 403 - 403 404 404 | 401'],
  ['POST /api/v1/directives/{id}/units/{id}/report/return', '403 - ok - - 404 | 403 - ok - - 404 | 403 403 ok 404 404 404 | 403 403 ok 404 404 404 | 403 403 - 403 403 403 | 401'],
  ['POST /api/v1/directives/{id}/units/{id}/report/accept', '403 - ok - - 404 | 403 - ok - - 404 | 403 403 ok 404 404 404 | 403 403 ok 404 404 404 | 403 403 - 403 403 403 | 401'],
  ['POST /api/v1/directives/{id}/units/{id}/report/reopen', 'ok - ok - - 404 | ok - ok - - 404 | ok 403 ok 404 404 404 | ok 403 ok 404 404 404 | ok 403 - 403 404 404 | 401'],
  ['GET /api/v1/directives/{id}/units/{id}/report/compare', '404 - 404 - - 404 | 404 - 404 - - 404 | 404 403 404 404 404 404 | 404 403 404 404 404 404 | 404 403 - 403 404 404 | 401'],
  ['GET /api/v1/directives/{id}/units/{id}/report/verify', '404 - 404 - - 404 | 404 - 404 - - 404 | 404 403 404 404 404 404 | 404 403 404 404 404 404 | 404 403 - 403 404 404 | 401'],
  ['POST /api/v1/directives/{id}/units/{id}/report/sign', 'ok - ok - - 404 | ok - ok - - 404 | ok 403 ok 404 404 404 | ok 403 ok 404 404 404 | 403 403 - 403 403 403 | 401'],
  ['GET /api/v1/directives/{id}/units/{id}/report/signature', '404 - 404 - - 404 | 404 - 404 - - 404 | 404 403 404 404 404 404 | 404 403 404 404 404 404 | 404 403 - 403 404 404 | 401'],
  ['GET /api/v1/directives/{id}/units/{id}/report/signature/pdf', '404 - 404 - - 404 | 404 - 404 - - 404 | 404 403 404 404 404 404 | 404 403 404 404 404 404 | 404 403 - 403 404 404 | 401'],
  ['GET /api/v1/directives/{id}/units/{id}/report/document', 'ok - ok - - 404 | ok - ok - - 404 | ok 403 ok 404 404 404 | ok 403 ok 404 404 404 | ok 403 - 403 404 404 | 401'],
  ['POST /api/v1/directives/{id}/units/{id}/report/send', 'ok - 403 - - 404 | ok - 403 - - 404 | ok 403 403 404 404 404 | ok 403 403 404 404 404 | ok 403 - 403 404 404 | 401'],
  ['GET /api/v1/directives/{id}/units/{id}/report/mail', 'ok - ok - - 404 | ok - ok - - 404 | ok 403 ok 404 404 404 | ok 403 ok 404 404 404 | ok 403 - 403 404 404 | 401'],
  ['GET /api/v1/directives/{id}/units/{id}/report/children', 'ok - ok - - 404 | ok - ok - - 404 | ok 403 ok 404 404 404 | ok 403 ok 404 404 404 | ok 403 - 403 404 404 | 401'],
  ['GET /api/v1/series', 'ok - ok - - ok | ok - ok - - ok | ok ok ok ok ok ok | ok ok ok ok ok ok | ok ok - ok ok ok | 401'],
  // A scope is written by its own unit or one above it (issue 13 finding 1).
  ['POST /api/v1/series/import', 'ok - ok - - 403 | ok - ok - - 403 | ok 403 ok 403 403 403 | ok 403 ok 403 403 403 | 403 403 - 403 403 403 | 401'],
  ['GET /api/v1/users', 'ok - ok - - ok | ok - ok - - ok | ok ok ok ok ok ok | ok ok ok ok ok ok | 403 403 - 403 403 403 | 401'],
  ['POST /api/v1/users', 'ok - ok - - 403 | ok - ok - - 403 | ok 403 ok 403 403 403 | ok 403 ok 403 403 403 | 403 403 - 403 403 403 | 401'],
  // A reset: officers for the users of their subtree (400 = passed access, the
  // password refused), never themselves (403); a user outside is not found.
  ['POST /api/v1/users/{id}/password', '400 - 400 - - 404 | 403 - 400 - - 404 | 403 404 400 404 404 404 | 403 404 400 404 404 404 | 403 403 - 403 403 403 | 401'],
  ['GET /api/v1/feedback', 'ok - ok - - 403 | ok - ok - - 403 | ok 403 ok 403 403 403 | ok 403 ok 403 403 403 | ok 403 - 403 403 403 | 401'],
  ['POST /api/v1/feedback', 'ok - ok - - 403 | ok - ok - - 403 | ok 403 ok 403 403 403 | ok 403 ok 403 403 403 | ok 403 - 403 403 403 | 401'],
  ['GET /api/v1/feedback/export', 'ok - ok - - 403 | ok - ok - - 403 | ok 403 ok 403 403 403 | ok 403 ok 403 403 403 | ok 403 - 403 403 403 | 401'],
  ['GET /api/v1/feedback/summary', 'ok - ok - - 403 | ok - ok - - 403 | ok 403 ok 403 403 403 | ok 403 ok 403 403 403 | ok 403 - 403 403 403 | 401'],
  ['POST /api/v1/feedback/import', 'ok - ok - - 403 | ok - ok - - 403 | ok 403 ok 403 403 403 | ok 403 ok 403 403 403 | ok 403 - 403 403 403 | 401'],
  ['POST /api/v1/feedback/classify', 'ok - ok - - ok | ok - ok - - ok | ok ok ok ok ok ok | ok ok ok ok ok ok | ok ok - ok ok ok | 401'],
  ['GET /api/v1/feedback/rules', 'ok - ok - - ok | ok - ok - - ok | ok ok ok ok ok ok | ok ok ok ok ok ok | ok ok - ok ok ok | 401'],
  ['POST /api/v1/feedback/rules', 'ok - ok - - ok | ok - ok - - ok | ok ok ok ok ok ok | ok ok ok ok ok ok | 403 403 - 403 403 403 | 401'],
  ['POST /api/v1/feedback/rules/preview', 'ok - ok - - ok | ok - ok - - ok | ok ok ok ok ok ok | ok ok ok ok ok ok | 403 403 - 403 403 403 | 401'],
  ['GET /api/v1/feedback/model', 'ok - ok - - ok | ok - ok - - ok | ok ok ok ok ok ok | ok ok ok ok ok ok | ok ok - ok ok ok | 401'],
  ['POST /api/v1/feedback/model/train', 'ok - ok - - ok | ok - ok - - ok | ok ok ok ok ok ok | ok ok ok ok ok ok | 403 403 - 403 403 403 | 401'],
  ['GET /api/v1/feedback/{id}', 'ok - ok - - 403 | ok - ok - - 403 | ok 403 ok 403 403 403 | ok 403 ok 403 403 403 | ok 403 - 403 403 403 | 401'],
  ['POST /api/v1/feedback/{id}/actions', 'ok - ok - - 403 | ok - ok - - 403 | ok 403 ok 403 403 403 | ok 403 ok 403 403 403 | ok 403 - 403 403 403 | 401'],
  ['POST /api/v1/feedback/{id}/topics', 'ok - ok - - 403 | ok - ok - - 403 | ok 403 ok 403 403 403 | ok 403 ok 403 403 403 | ok 403 - 403 403 403 | 401'],
  ['GET /api/v1/units/{id}/feedback-qr.png', 'ok - ok - - 403 | ok - ok - - 403 | ok 403 ok 403 403 403 | ok 403 ok 403 403 403 | ok 403 - 403 403 403 | 401'],
  ['GET /f/status', '404 - 404 - - 404 | 404 - 404 - - 404 | 404 404 404 404 404 404 | 404 404 404 404 404 404 | 404 404 - 404 404 404 | 404'],
  ['POST /f/status', '404 - 404 - - 404 | 404 - 404 - - 404 | 404 404 404 404 404 404 | 404 404 404 404 404 404 | 404 404 - 404 404 404 | 404'],
  ['GET /f/{id}', 'ok - ok - - ok | ok - ok - - ok | ok ok ok ok ok ok | ok ok ok ok ok ok | ok ok - ok ok ok | ok'],
  ['POST /f/{id}', '400 - 400 - - 400 | 400 - 400 - - 400 | 400 400 400 400 400 400 | 400 400 400 400 400 400 | 400 400 - 400 400 400 | 400'],
  ['GET /api/v1/activities', 'ok - ok - - 403 | ok - ok - - 403 | ok 403 ok 403 403 403 | ok 403 ok 403 403 403 | ok 403 - 403 403 403 | 401'],
  ['POST /api/v1/activities', '400 - 400 - - 404 | 400 - 403 - - 404 | 400 403 403 404 404 404 | 400 403 403 404 404 404 | 400 403 - 403 404 404 | 401'],
  ['GET /api/v1/activities/detect', 'ok - ok - - 404 | ok - ok - - 404 | ok ok ok 404 404 404 | ok ok ok 404 404 404 | ok ok - ok 404 404 | 401'],
  ['GET /api/v1/activities/{id}', 'ok - ok - - 404 | ok - ok - - 404 | ok 404 ok 404 404 404 | ok 404 ok 404 404 404 | ok 404 - 404 404 404 | 401'],
  ['PATCH /api/v1/activities/{id}', '400 - 400 - - 404 | 400 - 403 - - 404 | 400 404 403 404 404 404 | 400 404 403 404 404 404 | 400 404 - 404 404 404 | 401'],
  ['DELETE /api/v1/activities/{id}', 'ok - ok - - 404 | ok - 403 - - 404 | ok 404 403 404 404 404 | ok 404 403 404 404 404 | ok 404 - 404 404 404 | 401'],
  ['POST /api/v1/activities/{id}/photos', '415 - 415 - - 404 | 415 - 403 - - 404 | 415 404 403 404 404 404 | 415 404 403 404 404 404 | 415 404 - 404 404 404 | 401'],
  ['GET /api/v1/activities/{id}/photos/{id}', 'ok - ok - - 404 | ok - ok - - 404 | ok 404 ok 404 404 404 | ok 404 ok 404 404 404 | ok 404 - 404 404 404 | 401'],
  ['DELETE /api/v1/activities/{id}/photos/{id}', 'ok - ok - - 404 | ok - 403 - - 404 | ok 404 403 404 404 404 | ok 404 403 404 404 404 | ok 404 - 404 404 404 | 401'],
  ['GET /api/v1/directives/{id}/continuity', 'ok - ok - - 404 | ok - ok - - 404 | ok 403 ok 404 404 404 | ok 403 ok 404 404 404 | ok 403 - 403 404 404 | 401'],
  ['GET /api/v1/directives/{id}/activities/template.xlsx', 'ok - ok - - 404 | ok - ok - - 404 | ok ok ok 404 404 404 | ok ok - 404 404 404 | - ok - - 404 404 | 401'],
  ['GET /api/v1/directives/{id}/activities/export.xlsx', 'ok - ok - - 404 | ok - ok - - 404 | ok 403 ok 404 404 404 | ok 403 ok 404 404 404 | ok 403 - 403 404 404 | 401'],
  ['GET /api/v1/directives/{id}/activities/export.csv', 'ok - ok - - 404 | ok - ok - - 404 | ok 403 ok 404 404 404 | ok 403 ok 404 404 404 | ok 403 - 403 404 404 | 401'],
  ['POST /api/v1/directives/{id}/activities/import', '400 - 400 - - 404 | 400 - 400 - - 404 | 400 400 400 404 404 404 | 400 400 - 404 404 404 | - 400 - - 404 404 | 401'],
  ['GET /api/v1/indicators', 'ok - ok - - 404 | ok - ok - - 404 | ok ok ok 404 404 404 | ok ok - 404 404 404 | - ok - - 404 404 | 401'],
  ['GET /api/v1/directives/{id}/figures', 'ok - ok - - 404 | ok - ok - - 404 | ok 403 ok 404 404 404 | ok 403 ok 404 404 404 | ok 403 - 403 404 404 | 401'],
  ['PUT /api/v1/directives/{id}/figures', '400 - 400 - - 404 | 400 - 403 - - 404 | 400 403 403 404 404 404 | 400 403 403 404 404 404 | 400 403 - 403 404 404 | 401'],
  ['POST /api/v1/directives/{id}/figures/confirm', '404 - 404 - - 404 | 404 - 403 - - 404 | 404 403 403 404 404 404 | 404 403 403 404 404 404 | 404 403 - 403 404 404 | 401'],
  ['GET /api/v1/directives/{id}/figures/history', 'ok - ok - - 404 | ok - ok - - 404 | ok 403 ok 404 404 404 | ok 403 ok 404 404 404 | ok 403 - 403 404 404 | 401'],
  ['GET /api/v1/directives/{id}/figures/summary', 'ok - ok - - 404 | ok - ok - - 404 | ok 403 ok 404 404 404 | ok 403 ok 404 404 404 | ok 403 - 403 404 404 | 401'],
  ['GET /api/v1/directives/{id}/figures/template.xlsx', 'ok - ok - - 404 | ok - ok - - 404 | ok ok ok 404 404 404 | ok ok - 404 404 404 | - ok - - 404 404 | 401'],
  ['GET /api/v1/directives/{id}/figures/export.xlsx', 'ok - ok - - 404 | ok - ok - - 404 | ok 403 ok 404 404 404 | ok 403 ok 404 404 404 | ok 403 - 403 404 404 | 401'],
  ['GET /api/v1/directives/{id}/figures/export.csv', 'ok - ok - - 404 | ok - ok - - 404 | ok 403 ok 404 404 404 | ok 403 ok 404 404 404 | ok 403 - 403 404 404 | 401'],
  ['POST /api/v1/directives/{id}/figures/import', '400 - 400 - - 404 | 400 - 400 - - 404 | 400 400 400 404 404 404 | 400 400 - 404 404 404 | - 400 - - 404 404 | 401'],
  ['GET /api/v1/directives/{id}/linkkits', 'ok - ok - - 404 | ok - ok - - 404 | ok ok ok 404 404 404 | ok ok - 404 404 404 | - ok - - 404 404 | 401'],
  ['POST /api/v1/directives/{id}/linkkits', '400 - 400 - - 404 | 400 - 400 - - 404 | 400 400 400 404 404 404 | 400 400 - 404 404 404 | - 403 - - 403 403 | 401'],
  ['GET /api/v1/linkkits/{id}/shares', 'ok - ok - - 403 | ok - ok - - 403 | ok 403 ok 403 403 403 | ok 403 - 403 403 403 | - 403 - - 403 403 | 401'],
  ['GET /api/v1/contests', 'ok - ok - - 404 | ok - ok - - 404 | ok ok ok 404 404 404 | ok ok - 404 404 404 | - ok - - 404 404 | 401'],
  ['POST /api/v1/contests', 'ok - 403 - - 404 | ok - 403 - - 404 | ok ok 403 404 404 404 | ok 403 - 404 404 404 | - 403 - - 403 403 | 401'],
  ['GET /api/v1/contests/{id}', 'ok - ok - - 404 | ok - ok - - 404 | ok ok ok 404 404 404 | ok ok - 404 404 404 | - ok - - 404 404 | 401'],
  ['GET /api/v1/contests/{id}/entries', 'ok - ok - - 404 | ok - ok - - 404 | ok ok ok 404 404 404 | ok ok - 404 404 404 | - ok - - 404 404 | 401'],
  ['POST /api/v1/contests/{id}/entries', '400 - 400 - - 404 | 400 - 400 - - 404 | 400 400 400 404 404 404 | 400 400 - 404 404 404 | - 400 - - 404 404 | 401'],
  ['DELETE /api/v1/contest-entries/{id}', 'ok - ok - - 403 | ok - 403 - - 403 | ok 403 403 403 403 403 | ok 403 403 403 403 403 | ok 403 - 403 403 403 | 401'],
  ['GET /api/v1/contests/{id}/entries/template.xlsx', 'ok - ok - - 404 | ok - ok - - 404 | ok ok ok 404 404 404 | ok ok - 404 404 404 | - ok - - 404 404 | 401'],
  ['GET /api/v1/contests/{id}/entries/export.xlsx', 'ok - ok - - 404 | ok - ok - - 404 | ok ok ok 404 404 404 | ok ok - 404 404 404 | - ok - - 404 404 | 401'],
  ['GET /api/v1/contests/{id}/entries/export.csv', 'ok - ok - - 404 | ok - ok - - 404 | ok ok ok 404 404 404 | ok ok - 404 404 404 | - ok - - 404 404 | 401'],
  ['POST /api/v1/contests/{id}/entries/import', '400 - 400 - - 404 | 400 - 400 - - 404 | 400 400 400 404 404 404 | 400 400 - 404 404 404 | - 400 - - 404 404 | 401'],
  ['POST /api/v1/logout', 'ok - 401 - - 401 | ok - 401 - - 401 | 401 ok 401 401 401 401 | 401 401,HN=ok 401 401 401 401 | 401 401,HN=ok - 401 401 401 | 401'],
  ['GET /api/v1/todo', 'ok - ok - - ok | ok - ok - - ok | ok ok ok ok ok ok | ok ok ok ok ok ok | ok ok - ok ok ok | 401'],
  ['POST /api/v1/directives/{id}/remind', 'ok - ok - - 404 | ok - ok - - 404 | ok 403 ok 404 404 404 | ok 403 - 404 404 404 | - 403 - - 403 403 | 401'],
  // edXML: a directive's message as its document, a report's (or its status) as its document;
  // import: officers (400: the message sent is refused after access).
  ['GET /api/v1/directives/{id}/edxml', 'ok - ok - - 404 | ok - ok - - 404 | ok ok ok 404 404 404 | ok ok - 404 404 404 | - ok - - 404 404 | 401'],
  ['GET /api/v1/directives/{id}/units/{id}/report/edxml', 'ok - ok - - 404 | ok - ok - - 404 | ok 403 ok 404 404 404 | ok 403 ok 404 404 404 | ok 403 - 403 404 404 | 401'],
  ['POST /api/v1/edxml/import', '400 - 400 - - 400 | 400 - 400 - - 400 | 400 400 400 400 400 400 | 400 400 400 400 400 400 | 403 403 - 403 403 403 | 401'],
  ['GET /api/v1/edxml/messages', 'ok - ok - - 403 | ok - ok - - 403 | ok 403 ok 403 403 403 | ok 403 ok 403 403 403 | ok 403 - 403 403 403 | 401'],
  ['GET /api/v1/edxml/messages/{id}', 'ok - ok - - 404 | ok - ok - - 404 | ok 404 ok 404 404 404 | ok 404 ok 404 404 404 | ok 404 - 404 404 404 | 401'],
  ['GET /api/v1/edxml/messages/{id}/attachment', 'ok - ok - - 404 | ok - ok - - 404 | ok 404 ok 404 404 404 | ok 404 ok 404 404 404 | ok 404 - 404 404 404 | 401'],
  // A contest is edited by officers of its organising unit (an admin above it too); readers get 403.
  ['PATCH /api/v1/contests/{id}', '400 - 400 - - 404 | 400 - 403 - - 404 | 400 403 403 404 404 404 | 400 403 - 404 404 404 | - 403 - - 403 403 | 401'],
  ['POST /api/v1/indicators', '400 - 400 - - 400 | 400 - 400 - - 400 | 400 400 400 400 400 400 | 400 400 400 400 400 400 | 403 403 - 403 403 403 | 401'],
  ['GET /api/v1/units/{id}/registers/in', 'ok - ok - - 403 | ok - ok - - 403 | ok 403 ok 403 403 403 | ok 403 ok 403 403 403 | ok 403 - 403 403 403 | 401'],
  ['GET /api/v1/units/{id}/registers/out', 'ok - ok - - 403 | ok - ok - - 403 | ok 403 ok 403 403 403 | ok 403 ok 403 403 403 | ok 403 - 403 403 403 | 401'],
  ['GET /api/v1/units/{id}/registers/in/export.xlsx', 'ok - ok - - 403 | ok - ok - - 403 | ok 403 ok 403 403 403 | ok 403 ok 403 403 403 | ok 403 - 403 403 403 | 401'],
  ['GET /api/v1/units/{id}/registers/out/export.xlsx', 'ok - ok - - 403 | ok - ok - - 403 | ok 403 ok 403 403 403 | ok 403 ok 403 403 403 | ok 403 - 403 403 403 | 401'],
  // Public: the same answer for any name (429 once one address asked too often); a wrong token is refused.
  ['POST /api/v1/password/forgot', 'ok|429 - ok|429 - - ok|429 | ok|429 - ok|429 - - ok|429 | ok|429 ok|429 ok|429 ok|429 ok|429 ok|429 | ok|429 ok|429 ok|429 ok|429 ok|429 ok|429 | ok|429 ok|429 - ok|429 ok|429 ok|429 | ok|429'],
  ['POST /api/v1/password/reset', '400 - 400 - - 400 | 400 - 400 - - 400 | 400 400 400 400 400 400 | 400 400 400 400 400 400 | 400 400 - 400 400 400 | 400'],
  // One's own setting: everyone logged in.
  ['GET /api/v1/me/digest', 'ok - ok - - ok | ok - ok - - ok | ok ok ok ok ok ok | ok ok ok ok ok ok | ok ok - ok ok ok | 401'],
  ['POST /api/v1/me/digest', '400 - 400 - - 400 | 400 - 400 - - 400 | 400 400 400 400 400 400 | 400 400 400 400 400 400 | 400 400 - 400 400 400 | 401'],
];
const RULES = Object.fromEntries(TABLE.map(([k, line]) => [k, line]));

function expected(key, role, rel, T) {
  const groups = RULES[key].split(' | ');
  const cells = role === 'anon' ? [groups[5]] : groups[ROLES.indexOf(role)].split(' ');
  const cell = cells[role === 'anon' ? 0 : RELATIONS.indexOf(rel)];
  const [main, ...exceptions] = cell.split(',');
  for (const e of exceptions) {
    const [t, st] = e.split('=');
    if (t === T) return st;
  }
  return main;
}

// Answers that list records (lists, exports, the link detector, roll-ups) may
// name the actor's subtree and the units above it, and nothing else: no unit
// of a sibling, of elsewhere in the province or of another province.
const LISTS = new Set(['GET /api/v1/todo', 'GET /api/v1/activities', 'GET /api/v1/activities/detect', 'GET /api/v1/feedback',
  'GET /api/v1/feedback/export', 'GET /api/v1/feedback/summary', 'GET /api/v1/directives', 'GET /api/v1/contests',
  'GET /api/v1/contests/{id}/entries', 'GET /api/v1/contests/{id}/entries/export.csv', 'GET /api/v1/users',
  'GET /api/v1/directives/{id}/activities/export.csv', 'GET /api/v1/directives/{id}/figures/export.csv',
  'GET /api/v1/directives/{id}/linkkits', 'GET /api/v1/directives/{id}/figures/summary',
  'GET /api/v1/directives/{id}/continuity', 'GET /api/v1/directives/{id}/dashboard',
  'GET /api/v1/directives/{id}/receipts', 'GET /api/v1/directives/{id}/units/{id}/report',
  'GET /api/v1/directives/{id}/units/{id}/report/document', 'GET /api/v1/linkkits/{id}/shares',
  'GET /api/v1/directives/{id}/chain', 'GET /api/v1/directives/{id}']);
// the registers name the unit's senders and recipients: its subtree and the units above it
LISTS.add('GET /api/v1/units/{id}/registers/in').add('GET /api/v1/units/{id}/registers/out');
LISTS.add('GET /api/v1/edxml/messages');
// Those that list units' own records (items, messages, entries, users, figures)
// may not name the units above the actor either.
const SUBTREE_ONLY = new Set(['GET /api/v1/activities', 'GET /api/v1/activities/detect', 'GET /api/v1/feedback',
  'GET /api/v1/feedback/export', 'GET /api/v1/users', 'GET /api/v1/directives/{id}/activities/export.csv',
  'GET /api/v1/directives/{id}/figures/export.csv', 'GET /api/v1/directives/{id}/figures/summary',
  'GET /api/v1/directives/{id}/continuity', 'GET /api/v1/directives/{id}/receipts']);
// Answers that carry claims of a link (the detector, an item) may carry
// none of an item outside the actor's subtree: not its id, not its unit.
const CLAIMS = new Set(['GET /api/v1/activities/detect', 'GET /api/v1/activities/{id}']);

// The claims of an answer that name an item or a unit outside the actor's subtree.
function claimLeaks(r) {
  if (r.role === 'anon' || !CLAIMS.has(r.key) || r.status !== 200) return [];
  const me = w.unit[ACTOR_UNIT[r.role]].path;
  const inside = (T) => ['own', 'descendant'].includes(relation(me, w.unit[T].path));
  const outsideActs = new Map(TARGETS.filter((T) => !inside(T)).flatMap((T) => [[w.act[T], T], [w.common[T], T]]));
  const outsideUnits = new Map(TARGETS.filter((T) => !inside(T)).map((T) => [w.unit[T].id, T]));
  const claims = JSON.parse(r.text).claims || [];
  return claims.filter((c) => outsideActs.has(c.id) || outsideUnits.has(c.unit?.id))
    .map((c) => `${r.key} as ${r.role} (target ${r.T}) carries claim ${c.id} of ${outsideActs.get(c.id) || outsideUnits.get(c.unit?.id)}`);
}

function leaks(r) {
  if (r.role === 'anon' || !LISTS.has(r.key) || r.status !== 200) return claimLeaks(r);
  const me = w.unit[ACTOR_UNIT[r.role]].path;
  const cells = new Set(r.text.split(/[\r\n,;"]+/));
  const outside = SUBTREE_ONLY.has(r.key) ? ['ancestor', 'sibling', 'other', 'other_province'] : ['sibling', 'other', 'other_province'];
  return TARGETS.filter((T) => outside.includes(relation(me, w.unit[T].path)))
    .filter((T) => r.text.includes(`"code":"${w.unit[T].code}"`) || cells.has(w.unit[T].code))
    .map((T) => `${r.key} as ${r.role} (target ${r.T}) names ${T} (${w.unit[T].code})`)
    .concat(claimLeaks(r));
}

// A link every unit posted: the detector and each readable item show exactly
// the claims of the reader's subtree, and of the others only that they exist.
test('the link detector and an item\'s claims carry no other subtree\'s ids', async () => {
  const wrong = [];
  // Sessions of their own: the matrix's logout cells end the shared ones.
  const LOGIN = { admin: 'admin', city: 'hanoi', district: 'gialam', commune: 'xa-00577', cadre: 'cs-00577-01' };
  const as = {};
  for (const role of Object.keys(LOGIN)) as[role] = await login(srv.url, LOGIN[role], DEMO_PASSWORD, 'en');
  for (const role of ROLES.filter((x) => x !== 'anon')) {
    const me = w.unit[ACTOR_UNIT[role]].path;
    const inside = TARGETS.filter((T) => ['own', 'descendant'].includes(relation(me, w.unit[T].path)));
    const want = inside.map((T) => w.common[T]).sort((a, b) => a - b);
    const check = (what, r) => {
      if (r.status !== 200) return wrong.push(`${what} as ${role}: ${r.status} ${r.text.slice(0, 120)}`);
      const got = r.json.claims.map((c) => c.id).sort((a, b) => a - b);
      if (JSON.stringify(got) !== JSON.stringify(want)) wrong.push(`${what} as ${role}: claims ${got}, want ${want}`);
      if (r.json.claimed_elsewhere !== true) wrong.push(`${what} as ${role}: claimed_elsewhere ${r.json.claimed_elsewhere}`);
    };
    check('detect', await as[role].get(`/api/v1/activities/detect?url=${encodeURIComponent(COMMON_URL)}`));
    for (const T of TARGETS) {
      const r = await as[role].get(`/api/v1/activities/${w.common[T]}`);
      if (inside.includes(T)) check(`item of ${T}`, r);
      else if (r.status !== 404) wrong.push(`item of ${T} as ${role}: ${r.status}, want 404`);
    }
  }
  // The other province sees its own claim, and that the link is claimed elsewhere.
  const p2 = await (await login(srv.url, 'cs-pg', DEMO_PASSWORD, 'en')).get(`/api/v1/activities/detect?url=${encodeURIComponent(COMMON_URL)}`);
  assert.deepEqual(p2.json.claims.map((c) => c.unit.code), [w.unit.PG.code]);
  assert.equal(p2.json.claimed_elsewhere, true);
  // A link no one else posted is not claimed elsewhere.
  const own = await as.cadre.get(`/api/v1/activities/detect?url=${encodeURIComponent('https://www.facebook.com/chi-minh/posts/1')}`);
  assert.deepEqual([own.json.claims, own.json.claimed_elsewhere], [[], false]);
  assert.deepEqual(wrong, []);
});
