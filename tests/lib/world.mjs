// SPDX-License-Identifier: AGPL-3.0-or-later
// A union tree for access tests: the demo (Hà Nội → Gia Lâm → xã Đa Tốn →
// grassroots unions) plus a second district of Hà Nội and a second province,
// each with its own users, and in every unit the records the API serves
// (a directive it issued, an activity with a photo, a feedback message, a
// contest with an entry, a link kit). Built through the CLI (units, users)
// and the API (records), so that it holds what a real deployment would.
import { cli, login, DEMO_PASSWORD } from './server.mjs';
import { tinyPng } from './png.mjs';

// The units, by short name: [code, parent short name or null, level, demo id or null].
export const UNITS = {
  HN: ['01', null, 'province'],
  GL: ['01.018', 'HN', 'district'],
  DT: ['01.018.00577', 'GL', 'commune'],
  CS1: ['01.018.00577.01', 'DT', 'grassroots'],
  CS2: ['01.018.00577.02', 'DT', 'grassroots'],
  DT2: ['01.018.00565', 'GL', 'commune'],
  D2: ['01.999', 'HN', 'district'],
  C2: ['01.999.00001', 'D2', 'commune'],
  G2: ['01.999.00001.01', 'C2', 'grassroots'],
  P2: ['02', null, 'province'],
  PD: ['02.001', 'P2', 'district'],
  PG: ['02.001.00001', 'PD', 'grassroots'],
};
const NEW_UNITS = ['D2', 'C2', 'G2', 'P2', 'PD', 'PG'];

// One user per unit that acts in the fixtures: [login, unit, role]; the first
// six are the demo's.
export const USERS = {
  HN: ['hanoi', 'officer'], GL: ['gialam', 'officer'], DT: ['xa-00577', 'officer'],
  CS1: ['cs-00577-01', 'cadre'], CS2: ['cs-00577-02', 'cadre'], DT2: ['xa-00565', 'officer'],
  D2: ['off-d2', 'officer'], C2: ['off-c2', 'officer'], G2: ['cs-g2', 'cadre'],
  P2: ['off-p2', 'officer'], PD: ['off-pd', 'officer'], PG: ['cs-pg', 'cadre'],
};

/** The units that issue a directive in the fixtures (officers' units). */
export const ISSUERS = ['HN', 'GL', 'DT', 'DT2', 'D2', 'C2', 'P2', 'PD'];

const rand = () => Math.random().toString(36).slice(2, 8);

async function ok(r, what) {
  if (r.status >= 300) throw new Error(`${what}: ${r.status} ${r.text.slice(0, 300)}`);
  return r.json;
}

/**
 * Build the world on a started server (srv from startServer). Returns
 * { unit: {short: {id, code, path}}, as: {short: client}, admin, dir, act,
 *   photoAct, fb, contest, entry, kit, reportDir }, every map keyed by unit.
 */
export async function buildWorld(srv) {
  for (const s of NEW_UNITS) {
    const [code, parent, level] = UNITS[s];
    const args = ['unit', 'add', '--code', code, '--name', `Đơn vị thử ${s}`, '--level', level,
      '--from', '2015-01-01', '--email', `${s.toLowerCase()}@example.org`];
    if (parent) args.push('--parent', UNITS[parent][0]);
    const r = cli(srv.db, args);
    if (r.status !== 0) throw new Error(`unit add ${s}: ${r.stderr}`);
  }
  for (const s of NEW_UNITS) {
    const [loginName, role] = USERS[s];
    const r = cli(srv.db, ['user', 'add', loginName, '--name', `Người dùng ${s}`, '--unit', UNITS[s][0], '--role', role], DEMO_PASSWORD + '\n');
    if (r.status !== 0) throw new Error(`user add ${s}: ${r.stderr}`);
  }
  const adminP2 = cli(srv.db, ['user', 'add', 'admin-p2', '--name', 'Quản trị tỉnh 2', '--unit', '02', '--role', 'admin'], DEMO_PASSWORD + '\n');
  if (adminP2.status !== 0) throw new Error('user add admin-p2: ' + adminP2.stderr);

  const w = { unit: {}, as: {}, dir: {}, act: {}, fb: {}, contest: {}, entry: {}, kit: {}, reportDir: {} };
  const shorts = Object.keys(UNITS);
  await Promise.all(shorts.map(async (s) => { w.as[s] = await login(srv.url, USERS[s][0], DEMO_PASSWORD, 'en'); }));
  w.admin = await login(srv.url, 'admin', DEMO_PASSWORD, 'en');
  w.adminP2 = await login(srv.url, 'admin-p2', DEMO_PASSWORD, 'en');
  for (const s of shorts) {
    const u = w.as[s].user.unit;
    w.unit[s] = { id: u.id, code: u.code };
  }
  // Materialised paths, as the tree stores them: the ids from the root down.
  for (const s of shorts) {
    const parent = UNITS[s][1];
    w.unit[s].path = (parent ? w.unit[parent].path : '/') + w.unit[s].id + '/';
  }

  // Directives: the demo's 228 (HN) and 42 (GL); one issued by every other officer unit.
  const inbox = await ok(await w.as.CS1.get('/api/v1/directives?box=inbox'), 'inbox');
  w.dir.HN = inbox.items.find((d) => d.number === '228/LĐLĐ')?.id
    ?? (await ok(await w.as.GL.get('/api/v1/directives?box=inbox'), 'inbox GL')).items.find((d) => d.number === '228/LĐLĐ').id;
  w.dir.GL = inbox.items.find((d) => d.number === '42/LĐLĐ').id;
  let n = 100;
  for (const s of ISSUERS.filter((x) => !w.dir[x])) {
    const off = w.as[s];
    const d = await ok(await off.post('/api/v1/directives', {
      number: `${n++}/CĐ`, date: '2024-01-20', subject: `Triển khai thử ${s}`,
      recipients: { mode: 'grassroots_under', unit_id: w.unit[s].id },
      themes: [{ title: 'Chợ Tết Công đoàn', items: ['Gian hàng 0 đồng'] }],
      indicators: ['people_supported'], report_deadline: '2024-02-20', report_email: 'bc@example.org',
      signer: { authority: 'TM. BAN THƯỜNG VỤ', title: 'CHỦ TỊCH', name: 'Nguyễn Văn A' },
    }), `directive ${s}`);
    await ok(await off.post(`/api/v1/directives/${d.directive.id}/issue`), `issue ${s}`);
    w.dir[s] = d.directive.id;
  }
  // The directive each unit works under: its own, else the nearest issuer above it.
  for (const s of shorts) {
    let x = s;
    while (x && !w.dir[x]) x = UNITS[x][1];
    w.reportDir[s] = w.dir[x];
  }

  // Per unit: an activity (with a photo), a feedback message, a contest entry.
  await Promise.all(shorts.map(async (s) => {
    const c = w.as[s];
    const a = await ok(await c.post('/api/v1/activities', {
      directive_id: w.reportDir[s], url: `https://www.facebook.com/${s.toLowerCase()}/posts/${rand()}`,
      title: `Tin của ${s}`, date: '2024-01-25',
    }), `activity ${s}`);
    w.act[s] = a.id;
    await ok(await c.call('POST', `/api/v1/activities/${a.id}/photos`, tinyPng(8, 6), { 'Content-Type': 'application/octet-stream' }), `photo ${s}`);
    const f = await ok(await c.post('/api/v1/feedback', {
      channel: 'hotline', text: `Công nhân ${s} hỏi về thưởng Tết ${rand()}`, sender_name: 'Nguyễn Văn B', sender_phone: '0900000000',
    }), `feedback ${s}`);
    w.fb[s] = f.feedback.id;
  }));
  // Contests and link kits of the issuing officers; entries by every unit under them.
  for (const s of ISSUERS) {
    const c = await ok(await w.as[s].post('/api/v1/contests', { directive_id: w.dir[s], name: `Cuộc thi ${s}`, hashtag: `#thi${s}` }), `contest ${s}`);
    w.contest[s] = c.id;
    const k = await ok(await w.as[s].post(`/api/v1/directives/${w.dir[s]}/linkkits`, {
      title: `Bộ đường dẫn ${s}`, items: [{ url: `https://vtv.vn/${s.toLowerCase()}-${rand()}`, title: 'Phóng sự' }],
    }), `linkkit ${s}`);
    w.kit[s] = k.id;
  }
  await Promise.all(shorts.map(async (s) => {
    let x = s;
    while (x && !w.contest[x]) x = UNITS[x][1];
    const e = await ok(await w.as[s].post(`/api/v1/contests/${w.contest[x]}/entries`, {
      member_name: `Đoàn viên ${s}`, category: 'writing', url: `https://www.facebook.com/dv.${s.toLowerCase()}/posts/${rand()}`, posted_on: '2024-01-30',
    }), `entry ${s}`);
    w.entry[s] = e.id;
  }));
  return w;
}

/** Relation of the unit at path t to the unit at path a: own, ancestor, descendant, sibling, other, other_province. */
export function relation(a, t) {
  if (a === t) return 'own';
  if (a.startsWith(t)) return 'ancestor';
  if (t.startsWith(a)) return 'descendant';
  const up = (p) => p.replace(/[0-9]+\/$/, '');
  if (up(a) === up(t) && up(a) !== '/') return 'sibling';
  if (a.split('/')[1] !== t.split('/')[1]) return 'other_province';
  return 'other';
}
