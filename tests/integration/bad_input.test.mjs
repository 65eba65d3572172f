// SPDX-License-Identifier: AGPL-3.0-or-later
// Bad input, generated from docs/openapi.yaml: every write route whose body
// the file describes × malformed variants of each of its fields (a wrong
// type, a value past its limit, an impossible date, an unknown enum value,
// CR/LF inside a one-line value, a noncharacter, a missing required field),
// plus an unknown field, invalid UTF-8 and an oversize body. Each answer must
// be a 4xx whose error.field names the field at fault (the body, for bytes
// that are not JSON at all), and no table of the database may change: the
// test counts every table's rows (tests/lib/db.mjs, on either backend) before and after.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sqlText, tableNames } from '../lib/db.mjs';
import { startServer, login, DEMO_PASSWORD } from '../lib/server.mjs';
import { loadSpec } from '../lib/contract.mjs';

const spec = loadSpec();
const deref = (o) => {
  while (o?.$ref) o = o.$ref.slice(2).split('/').reduce((x, k) => x[k], spec);
  return o;
};

let srv, as, ids;

before(async () => {
  // Each route's malformed bodies go at once: more connections than one address's default share.
  srv = await startServer({ config: '[server]\nmax_connections_per_ip = 0\n' });
  as = {
    admin: await login(srv.url, 'admin', undefined, 'en'),
    officer: await login(srv.url, 'gialam', undefined, 'en'),
    cadre: await login(srv.url, 'cs-00577-01', undefined, 'en'),
    // A user of its own for the password change (a change would end its sessions).
    self: await login(srv.url, 'cs-00577-02', undefined, 'en'),
  };
  const inbox = (await as.cadre.get('/api/v1/directives?box=inbox')).json.items;
  const d42 = inbox.find((d) => d.number === '42/LĐLĐ').id;
  const acts = (await as.cadre.get(`/api/v1/activities?directive_id=${d42}&unit_id=${as.cadre.user.unit.id}`)).json.items;
  const fb = (await as.cadre.get('/api/v1/feedback')).json.items;
  const contest = (await as.cadre.get(`/api/v1/contests?directive_id=${d42}`)).json.items[0].id;
  const draft = (await as.officer.post('/api/v1/directives', { number: '77/LĐLĐ', subject: 'Nháp' })).json.directive.id;
  const users = (await as.officer.get('/api/v1/users?limit=500')).json.items;
  ids = { resetUser: users.find((u) => u.login === 'cs-00580-01').id, d42, draft, act: acts[0].id, fb: fb[0].id, contest, unit: as.cadre.user.unit.id, commune: 122, gl: as.officer.user.unit.id };
});
after(async () => { await srv?.stop(); });

// Who sends each route, on which record: a caller for whom the valid body
// would pass, so that a refusal is the variant's doing.
const ROUTES = {
  // A wrong login is "wrong login or password" (401 naming password), whatever it holds.
  'POST /api/v1/login': { as: null, path: () => '/api/v1/login', skip: ['login'] },
  'POST /api/v1/units': { as: 'officer', path: () => '/api/v1/units' },
  'PATCH /api/v1/units/{id}': { as: 'officer', path: () => `/api/v1/units/${ids.commune}` },
  'POST /api/v1/units/{id}/move': { as: 'officer', path: () => `/api/v1/units/${ids.unit}/move` },
  'POST /api/v1/units/{id}/merge': { as: 'officer', path: () => `/api/v1/units/${ids.unit}/merge` },
  'POST /api/v1/units/{id}/close': { as: 'officer', path: () => `/api/v1/units/${ids.unit}/close` },
  'POST /api/v1/users': { as: 'officer', path: () => '/api/v1/users' },
  'POST /api/v1/directives': { as: 'officer', path: () => '/api/v1/directives' },
  // On an edit the issuer stays: issuer_id is read and ignored.
  'PATCH /api/v1/directives/{id}': { as: 'officer', path: () => `/api/v1/directives/${ids.draft}`, skip: ['issuer_id'] },
  'PATCH /api/v1/directives/{id}/units/{unitId}/report': { as: 'cadre', path: () => `/api/v1/directives/${ids.d42}/units/${ids.unit}/report` },
  'POST /api/v1/directives/{id}/units/{unitId}/report/submit': { as: 'cadre', path: () => `/api/v1/directives/${ids.d42}/units/${ids.unit}/report/submit` },
  'POST /api/v1/directives/{id}/units/{unitId}/report/return': { as: 'officer', path: () => `/api/v1/directives/${ids.d42}/units/${ids.unit}/report/return` },
  'POST /api/v1/directives/{id}/units/{unitId}/report/reopen': { as: 'cadre', path: () => `/api/v1/directives/${ids.d42}/units/${ids.unit}/report/reopen` },
  'POST /api/v1/directives/{id}/units/{unitId}/report/send': { as: 'cadre', path: () => `/api/v1/directives/${ids.d42}/units/${ids.unit}/report/send` },
  'POST /api/v1/feedback': { as: 'cadre', path: () => '/api/v1/feedback' },
  'POST /api/v1/feedback/{id}/actions': { as: 'cadre', path: () => `/api/v1/feedback/${ids.fb}/actions` },
  'POST /api/v1/feedback/{id}/topics': { as: 'cadre', path: () => `/api/v1/feedback/${ids.fb}/topics` },
  'POST /api/v1/feedback/import': { as: 'cadre', path: () => '/api/v1/feedback/import', limit: 20 << 20 },
  'POST /api/v1/feedback/classify': { as: 'cadre', path: () => '/api/v1/feedback/classify' },
  'POST /api/v1/feedback/rules': { as: 'officer', path: () => '/api/v1/feedback/rules' },
  'POST /api/v1/feedback/rules/preview': { as: 'officer', path: () => '/api/v1/feedback/rules/preview' },
  'POST /api/v1/activities': { as: 'cadre', path: () => '/api/v1/activities', also: ['url', 'title'] },
  'PATCH /api/v1/activities/{id}': { as: 'cadre', path: () => `/api/v1/activities/${ids.act}` },
  'PUT /api/v1/directives/{id}/figures': { as: 'cadre', path: () => `/api/v1/directives/${ids.d42}/figures` },
  'POST /api/v1/directives/{id}/figures/confirm': { as: 'cadre', path: () => `/api/v1/directives/${ids.d42}/figures/confirm` },
  'POST /api/v1/directives/{id}/linkkits': { as: 'officer', path: () => `/api/v1/directives/${ids.d42}/linkkits` },
  'POST /api/v1/contests': { as: 'officer', path: () => '/api/v1/contests' },
  'POST /api/v1/contests/{id}/entries': { as: 'cadre', path: () => `/api/v1/contests/${ids.contest}/entries` },
  'POST /api/v1/me/password': { as: 'self', path: () => '/api/v1/me/password' },
  'POST /api/v1/users/{id}/password': { as: 'officer', path: () => `/api/v1/users/${ids.resetUser}/password` },
  // contest editing and the indicator catalogue's picker (issue 12, defects 4 and 5)
  'PATCH /api/v1/contests/{id}': { as: 'officer', path: () => `/api/v1/contests/${ids.contest}` },
  'POST /api/v1/indicators': { as: 'officer', path: () => '/api/v1/indicators' },
  // A forgotten password (public) and the digest setting.
  'POST /api/v1/password/forgot': { as: null, path: () => '/api/v1/password/forgot' },
  'POST /api/v1/password/reset': { as: null, path: () => '/api/v1/password/reset' },
  'POST /api/v1/me/digest': { as: 'cadre', path: () => '/api/v1/me/digest' },
};

// A valid value for each field, by route and name where the schema alone does not say.
function valid(route, name, s) {
  const v = {
    login: 'nguoi-moi', password: 'mat-khau-dai-123', current_password: DEMO_PASSWORD, new_password: 'mat-khau-moi-2024', code: 'MOI-01', name: 'Đơn vị mới', level: 'grassroots',
    parent_id: ids.commune, into_id: ids.commune, unit_id: ids.unit, role: 'cadre', email: 'a@example.org',
    number: '78/LĐLĐ', subject: 'V/v thử', narrative: { general: 'Tốt' }, kind: 'final', basis: 'accepted',
    comment: 'Xem lại', reason: 'Sửa', to: 'bc@example.org', text: 'Công nhân hỏi về lương', action: 'start',
    topics: ['tien_luong'], format: 'csv', data: 'text\nHỏi lương\n', columns: { text: 'A' }, topic: 'khac',
    pattern: 'bình nước', directive_id: ids.d42, url: 'https://www.facebook.com/cdcs/posts/991', title: 'Tin mới',
    values: { people_supported: 10 }, rule: 'per:gift_vnd', items: [{ url: 'https://vtv.vn/a' }],
    member_name: 'Đoàn viên', category: 'writing', date: '2024-01-20',
  }[name];
  if (v !== undefined) return v;
  if (s.enum) return s.enum[0];
  if (s.format === 'date') return '2024-01-20';
  const t = Array.isArray(s.type) ? s.type.find((x) => x !== 'null') : s.type;
  return { string: 'x', integer: 1, number: 1, boolean: false, array: [], object: {} }[t];
}

const LINE = /^(login|code|number|email|to|date|posted_on|counts_on|active_from|report_deadline|url|role|level|kind|basis|action|category|platform|channel|format|topic|rule|hashtag|sender_phone)$/;

// The variants of one field: [what, value] pairs.
function variants(name, s) {
  const out = [];
  const types = [].concat(s.type || (s.oneOf ? s.oneOf.flatMap((o) => [].concat(deref(o).type)) : []));
  const t = types.find((x) => x !== 'null');
  if (t === 'string') out.push(['a number for a string', 12345]);
  if (t === 'integer' || t === 'number') out.push(['a string for a number', '12'], ['an object for a number', { n: 1 }]);
  if (t === 'integer') out.push(['a fraction for an integer', 1.5]);
  if (t === 'boolean') out.push(['a string for a boolean', 'yes']);
  if (t === 'array') out.push(['an object for a list', { a: 1 }]);
  if (t === 'object') out.push(['a list for an object', [1]]);
  if (t === 'string' && s.maxLength) out.push([`${s.maxLength + 1} bytes, over maxLength`, 'x'.repeat(s.maxLength + 1)]);
  // 0 stands for "absent" in the readers (lt_json_int_or_reply); an id below it is wrong.
  if ((t === 'integer' || t === 'number') && s.minimum !== undefined) out.push(['below the minimum', s.minimum === 1 ? -5 : s.minimum - 1]);
  if (s.format === 'date') out.push(['30 February', '2024-02-30'], ['month 13', '2024-13-01'], ['dd/mm/yyyy', '18/01/2024']);
  if (s.enum) out.push(['a value outside the enum', 'bogus-value']);
  if (s.format === 'email') out.push(['two addresses', 'a@b.vn, c@d.vn'], ['no @', 'abc']);
  if (t === 'string') out.push(['a noncharacter U+FFFE', 'ab\uFFFEcd'], ['a C0 control', 'ab\u0007cd']);
  if (t === 'string' && LINE.test(name)) out.push(['CR/LF injection', 'a@b.vn\r\nBcc: x@y.z']);
  return out;
}

// The login throttle's counters count guesses (passwords, receipt codes on the
// status page a refused verdict shows again): bookkeeping, not the request's data.
function rowCounts() {
  const tables = tableNames(srv.db).filter((x) => !['session', 'login_failure', 'login_throttle'].includes(x));
  return sqlText(srv.db, tables.map((x) => `SELECT '${x}', count(*) FROM "${x}"`).join(' UNION ALL '));
}

async function send(route, body, raw) {
  const r = ROUTES[route];
  const method = route.split(' ')[0];
  const headers = { 'Content-Type': 'application/json' };
  const payload = raw ?? JSON.stringify(body);
  if (!r.as) {
    const res = await fetch(srv.url + r.path(), { method, headers, body: payload });
    const text = await res.text();
    let json = null;
    try { json = JSON.parse(text); } catch { /* not JSON */ }
    return { status: res.status, json, text };
  }
  return as[r.as].call(method, r.path(), payload, headers);
}

test('every write route with a JSON body is in the table', () => {
  const writes = Object.entries(spec.paths).flatMap(([p, item]) => ['post', 'put', 'patch', 'delete']
    .filter((m) => item[m] && deref(item[m].requestBody)?.content?.['application/json'])
    .map((m) => `${m.toUpperCase()} ${p}`));
  assert.deepEqual(writes.filter((w) => !ROUTES[w]), []);
});

const stats = { routes: 0, variants: 0 };

test('each malformed body gets a 4xx naming the field, and nothing is written', { timeout: 240000 }, async (t) => {
  const wrong = [];
  for (const route of Object.keys(ROUTES)) {
    const [method, path] = route.split(' ');
    const schema = deref(deref(spec.paths[path][method.toLowerCase()].requestBody).content['application/json'].schema);
    const props = Object.entries(schema.properties || {}).map(([k, s]) => [k, deref(s)]);
    const also = ROUTES[route].also || [];
    const base = Object.fromEntries(props.filter(([k]) => (schema.required || []).includes(k) || k === 'date' || also.includes(k)).map(([k, s]) => [k, valid(route, k, s)]));
    const cases = [];
    for (const [k, s] of props) {
      if (ROUTES[route].skip?.includes(k)) continue;
      for (const [what, v] of variants(k, s)) cases.push({ what: `${k}: ${what}`, field: k, body: { ...base, [k]: v } });
    }
    // A link is entered once: each case gets its own, so that none is refused for that.
    cases.forEach((c, i) => { if (c.body && c.body.url === base.url && base.url) c.body.url = `${base.url}${i}`; });
    for (const k of schema.required || []) {
      const b = { ...base };
      delete b[k];
      cases.push({ what: `${k}: missing`, field: k, body: b });
    }
    cases.push({ what: 'an unknown field', field: 'zz_unknown', body: { ...base, zz_unknown: 1 } });
    const json = JSON.stringify(base);
    cases.push({ what: 'invalid UTF-8', field: 'body', raw: Buffer.concat([Buffer.from(json.slice(0, -1) + ',"x":"'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('"}')]) });
    const limit = ROUTES[route].limit || 1 << 20; // the server's body_limit, or the route's own
    cases.push({ what: `a body over ${limit >> 20} MiB`, field: 'body', status: 413, raw: JSON.stringify({ ...base, pad: 'x'.repeat(limit + 10) }) });
    cases.push({ what: 'not an object', field: 'body', raw: '[1,2]' });
    cases.push({ what: 'a duplicate key', field: 'body', raw: json.length > 2 ? json.slice(0, -1) + ',' + json.slice(1) : '{"zz":1,"zz":1}' });
    const before = rowCounts();
    const answers = await Promise.all(cases.map(async (c) => [c, await send(route, c.body, c.raw)]));
    for (const [c, r] of answers) {
      const field = r.json?.error?.field;
      const okStatus = c.status ? r.status === c.status : r.status >= 400 && r.status < 500 && r.status !== 401;
      // A nested value may be named by its path inside the field ("recipients.mode").
      const named = field === c.field || (typeof field === 'string' && (field.startsWith(c.field + '.') || field.startsWith(c.field + '[')));
      if (!okStatus || !named) wrong.push(`${route} ${c.what}: ${r.status} field=${JSON.stringify(field)} (want ${c.status || '4xx'} naming ${c.field})  ${r.text.slice(0, 140)}`);
    }
    const afterCounts = rowCounts();
    if (afterCounts !== before) wrong.push(`${route}: rows changed:\n${diffCounts(before, afterCounts)}`);
    stats.routes++;
    stats.variants += cases.length;
  }
  t.diagnostic(`${stats.variants} malformed requests on ${stats.routes} routes`);
  assert.ok(stats.variants > 500, `${stats.variants} variants`);
  if (process.env.BAD_INPUT_LIST) for (const x of wrong) console.log('WRONG ' + x.slice(0, 400));
  assert.deepEqual(wrong, []);
});

function diffCounts(a, b) {
  const m = new Map(a.split('\n').map((l) => l.split('|')));
  return b.split('\n').map((l) => l.split('|')).filter(([k, v]) => m.get(k) !== v).map(([k, v]) => `  ${k}: ${m.get(k)} → ${v}`).join('\n');
}

// The routes whose body is a file or a form: too large, not UTF-8 where text is
// read, a noncharacter inside the text, not the type the route takes.
test('file and form bodies: oversize, invalid UTF-8, noncharacters, wrong type; nothing written', { timeout: 120000 }, async () => {
  const MiB = 1 << 20;
  const csvOf = (s) => Buffer.from('Mã đơn vị,Tiêu đề\n01.018.00577.01,' + s + '\n');
  const bad = Buffer.concat([Buffer.from('Mã đơn vị,Tiêu đề\n01.018.00577.01,Tin '), Buffer.from([0xc3, 0x28]), Buffer.from('\n')]);
  const routes = [
    ['cadre', 'POST', `/api/v1/activities/${ids.act}/photos`, 'application/octet-stream', 20 * MiB, [['GIF89a', 415, 'photo']]],
    ['officer', 'POST', '/api/v1/directives/parse', 'text/plain', 20 * MiB, [[bad, 400, 'body'], [Buffer.from('Số: 1/LĐLĐ\uFFFE'), 400, 'body']]],
    ['officer', 'POST', '/api/v1/series/import', 'text/csv', 20 * MiB, [[bad, 400, 'body'], [csvOf('\uFFFE'), 400, 'body']]],
    ['cadre', 'POST', `/api/v1/directives/${ids.d42}/activities/import`, 'text/csv', 20 * MiB, [[bad, 400, 'body'], [csvOf('Tin\uFFFF'), 400, 'body']]],
    ['cadre', 'POST', `/api/v1/directives/${ids.d42}/figures/import`, 'text/csv', 20 * MiB, [[bad, 400, 'body']]],
    ['cadre', 'POST', `/api/v1/contests/${ids.contest}/entries/import`, 'text/csv', 20 * MiB, [[bad, 400, 'body']]],
    [null, 'POST', `/f/${ids.unit}`, 'application/x-www-form-urlencoded', MiB, [[Buffer.from('text=%C3%28'), 400, null], [Buffer.from('text=a%EF%BF%BEb'), 400, null]]],
    [null, 'POST', '/f/status', 'application/x-www-form-urlencoded', MiB, [[Buffer.from('code=%C3%28&verdict=fixed'), 400, null], [Buffer.from('code=ZZZZ-ZZZZ&verdict=fix%EF%BF%BEed'), 400, null], [Buffer.from('code=ZZZZ-ZZZZ'), 400, null]]],
  ];
  const wrong = [];
  for (const [who, method, path, type, limit, cases] of routes) {
    const before = rowCounts();
    const all = [[Buffer.alloc(limit + 16, 0x41), 413, 'body'], ...cases];
    for (const [body, status, field] of all) {
      const r = who ? await as[who].call(method, path, body, { 'Content-Type': type })
        : await fetch(srv.url + path, { method, headers: { 'Content-Type': type }, body }).then(async (x) => ({ status: x.status, text: await x.text() }));
      let json = r.json;
      if (json === undefined) { try { json = JSON.parse(r.text); } catch { json = null; } }
      // The public form answers its own errors as an HTML page (no field to name).
      const named = field === null || json?.error?.field === field || (field === 'body' && /^[A-Z]+[0-9]+$|dòng|row/.test(json?.error?.field || ''));
      if (r.status !== status || !named) wrong.push(`${method} ${path} (${body.length} bytes): ${r.status} field=${JSON.stringify(json?.error?.field)}, want ${status} naming ${field}  ${String(r.text).slice(0, 120)}`);
    }
    if (rowCounts() !== before) wrong.push(`${method} ${path}: rows changed`);
  }
  assert.deepEqual(wrong, []);
});
