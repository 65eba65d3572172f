// SPDX-License-Identifier: AGPL-3.0-or-later
// Pieces shared by the directive pages: time format, state chips, the
// inbox/issued tabs, list items, and a one-shot note carried across a navigation.
import { h, icon, ICONS } from '../dom.js';
import { t, fmtDate, fmtNumber, getLang } from '../i18n.js';
import { href } from '../router.js';
import { session } from '../session.js';

const TZ = 'Asia/Ho_Chi_Minh';
let timeFmt = null;

/** Unix seconds → "18/01/2024 09:30" in Vietnam's time zone (both languages). */
export function fmtTime(sec) {
  if (typeof sec !== 'number' || !Number.isFinite(sec)) return t('unit.none');
  if (!timeFmt) {
    timeFmt = new Intl.DateTimeFormat('en-GB', {
      timeZone: TZ, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
    });
  }
  const p = Object.fromEntries(timeFmt.formatToParts(new Date(sec * 1000)).map((x) => [x.type, x.value]));
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
}

/** Officers and admins write directives; cadres only read and acknowledge. */
export function isOfficer() {
  const r = session.user && session.user.role;
  return r === 'officer' || r === 'admin';
}

/** A receipt state (new | opened | acknowledged) as a coloured chip. */
export function stateChip(state) {
  const s = ['new', 'opened', 'acknowledged'].includes(state) ? state : 'new';
  return h('span', { class: `chip chip--${s}`, 'data-state': s }, t('dir.state.' + s));
}

/** Draft / issued / amendment chips for the issuing side. */
export function statusChips(d) {
  return [
    d.status === 'draft' ? h('span', { class: 'chip chip--draft' }, t('dir.status.draft')) : null,
    d.kind === 'amendment' ? h('span', { class: 'chip chip--amend' }, t('dir.kind.amendment')) : null,
  ];
}

/** "42/LĐLĐ" or "(chưa có số)" for a draft without one. */
export function numberOf(d) {
  return d && d.number ? d.number : t('dir.noNumber');
}

/** Tabs between the inbox and the issued list (officers only). */
export function boxTabs(active) {
  if (!isOfficer()) return null;
  const tab = (box, path) => h('a', { class: 'dtabs-link', href: href(path), 'aria-current': active === box ? 'page' : null },
    t('dir.box.' + box));
  return h('nav', { class: 'dtabs', 'aria-label': t('dir.box.label') },
    tab('inbox', '/directives'), tab('issued', '/directives/issued'));
}

/** One directive in a list: number · date, subject, issuer, state or counts. */
export function directiveItem(d, box) {
  const r = d.receipt;
  const c = d.counts;
  const target = box === 'issued' && d.status === 'draft' ? `/directives/${d.id}/edit` : `/directives/${d.id}`;
  let side = null;
  if (box === 'inbox' && r) side = stateChip(r.state);
  let progress = null;
  if (box === 'issued' && d.status !== 'draft' && c) {
    const label = t('dir.ackOf', { n: c.acknowledged, total: c.recipients, nFmt: fmtNumber(c.acknowledged), totalFmt: fmtNumber(c.recipients) });
    progress = h('span', { class: 'ditem-progress' },
      h('progress', { class: 'dprogress', max: Math.max(c.recipients, 1), value: c.acknowledged, 'aria-label': label }),
      h('span', { class: 'ditem-progress-text' }, label));
  }
  return h('li', null,
    h('a', { class: ['ditem', box === 'inbox' && r && r.state === 'new' && 'ditem--new'], href: href(target), 'data-directive-id': d.id },
      h('span', { class: 'ditem-body' },
        h('span', { class: 'ditem-top' },
          h('span', { class: 'ditem-number' }, numberOf(d)),
          d.date ? h('span', { class: 'ditem-date' }, fmtDate(d.date)) : null,
          statusChips(d),
          side),
        h('span', { class: 'ditem-subject' }, d.subject ? `${t('dir.vv')} ${d.subject}` : t('dir.noSubject')),
        h('span', { class: 'ditem-meta' },
          box === 'inbox' && d.issuer ? h('span', null, d.issuer.name) : null,
          d.report_deadline ? h('span', null, t('dir.deadlineShort', { date: fmtDate(d.report_deadline) })) : null),
        progress),
      icon(ICONS.chevron, 'icon ditem-chevron')));
}

// A note to show once on the next page (e.g. "issued to 133 units"), and the
// letter parser's notes for a freshly imported draft, keyed by its id.
let flash = null;
const importNotes = new Map();

export function setFlash(text, kind = 'ok') { flash = { text, kind }; }
export function takeFlash() {
  const f = flash;
  flash = null;
  if (!f) return null;
  return h('p', { class: `alert ${f.kind === 'ok' ? 'alert--ok' : 'alert--info'}`, role: 'status', tabindex: '-1' }, f.text);
}
export function setImportNotes(id, notes) { importNotes.set(String(id), notes); }
export function getImportNotes(id) { return importNotes.get(String(id)) || null; }

/**
 * Parser notes come as "field: english / vietnamese" (either order); keep the
 * half in the UI language when the note has both.
 */
export function noteText(note) {
  const s = String(note);
  const i = s.indexOf(' / ');
  if (i < 0) return s;
  const colon = s.indexOf(': ');
  const head = colon >= 0 && colon < i ? s.slice(0, colon + 2) : '';
  const a = s.slice(head.length, i);
  const b = s.slice(i + 3);
  const viLike = (x) => /[ăâđêôơưàáạảãèéẹẻẽìíịỉĩòóọỏõùúụủũỳýỵỷỹ]/i.test(x);
  const vi = viLike(a) && !viLike(b) ? a : viLike(b) && !viLike(a) ? b : a;
  const en = vi === a ? b : a;
  const field = head.slice(0, -2);
  const label = field && t('dir.note.' + field) !== 'dir.note.' + field ? t('dir.note.' + field) + ': ' : head;
  return label + (getLang() === 'vi' ? vi : en);
}
