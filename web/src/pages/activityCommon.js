// SPDX-License-Identifier: AGPL-3.0-or-later
// Shared pieces of the activity pages: the directive the user works on
// (?d=ID, default the newest 42/LĐLĐ-like directive of its inbox), the tabs
// between items, figures, contest, link kits and continuity, and the list of
// every bad cell of a refused import.
import { h } from '../dom.js';
import { activityApi, uploadImport } from '../api_activity.js';
import { t } from '../i18n.js';
import { href } from '../router.js';
import { session } from '../session.js';
import '../styles/activity.css';

export const TABS = [
  ['/activities', 'act.tab.items'],
  ['/activities/figures', 'act.tab.figures'],
  ['/activities/contest', 'act.tab.contest'],
  ['/activities/links', 'act.tab.links'],
  ['/activities/continuity', 'act.tab.continuity'],
];

export const isOfficer = () => !!session.user && session.user.role !== 'cadre';

let cache = null;

/** Issued directives the user may record for or follow: [{id, number, subject, issuer}]. */
export async function directives() {
  if (cache && cache.user === session.user) return cache.list;
  const inbox = (await activityApi.directives('inbox')).items || [];
  let issued = [];
  if (isOfficer()) issued = ((await activityApi.directives('issued')).items || []).filter((d) => d.status === 'issued');
  const seen = new Set();
  // An officer mostly follows what its unit issued; a cadre records for what it received.
  const list = [...issued, ...inbox].filter((d) => !seen.has(d.id) && seen.add(d.id));
  cache = { user: session.user, list };
  return list;
}

/** The directive of the page: ?d=ID when known, else the first one. */
export async function currentDirective(ctx) {
  const list = await directives();
  const want = Number(ctx.query.get('d'));
  return { list, dir: list.find((d) => d.id === want) || list[0] || null };
}

/** Page head: title, the directive picker and the tabs (the current one marked). */
export function pageHead(path, titleKey, list, dir) {
  const picker = list.length > 1
    ? h('div', { class: 'field act-dir' },
      h('label', { class: 'label', for: 'act-dir' }, t('act.directive')),
      h('select', { id: 'act-dir', class: 'input', onchange: (e) => { location.hash = href(path, { d: e.target.value }); } },
        list.map((d) => h('option', { value: d.id, selected: dir && d.id === dir.id }, `${d.number || '#' + d.id} — ${d.subject || ''}`))))
    : dir ? h('p', { class: 'act-dir-one' }, `${dir.number || '#' + dir.id} — ${dir.subject || ''}`) : null;
  return [
    h('h1', { class: 'page-title', tabindex: '-1' }, t(titleKey)),
    h('nav', { class: 'act-tabs', 'aria-label': t('act.tabs') },
      TABS.map(([p, k]) => h('a', { class: ['act-tab', p === path && 'is-current'], href: href(p, dir ? { d: dir.id } : null), 'aria-current': p === path ? 'page' : null }, t(k)))),
    picker,
  ];
}

/** A file input that uploads to path and shows the result (every bad cell on refusal). */
export function importBox(id, path, onDone) {
  const out = h('div', { class: 'act-import-result', role: 'status', 'aria-live': 'polite' });
  const input = h('input', { id, type: 'file', class: 'act-file', accept: '.xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv' });
  input.addEventListener('change', async () => {
    const f = input.files && input.files[0];
    if (!f) return;
    out.replaceChildren(t('act.importing'));
    try {
      const r = await uploadImport(path, f);
      if (r.ok) {
        out.replaceChildren(h('p', { class: 'alert alert--info' }, t('act.imported', { n: r.data.imported })));
        if (onDone) onDone();
      } else {
        const e = r.data.error || {};
        out.replaceChildren(h('div', { class: 'alert alert--error', role: 'alert' },
          h('p', null, e.message || t('error.http', { status: r.status })),
          r.data.errors && r.data.errors.length
            ? h('ul', { class: 'act-errors' }, r.data.errors.map((x) => h('li', null,
              h('span', { class: 'code' }, x.column ? `${x.sheet} ${x.column}${x.row}` : `${x.sheet} ${x.row}`), ' ', x.message)))
            : null));
      }
    } catch (err) {
      out.replaceChildren(h('p', { class: 'alert alert--error', role: 'alert' }, err.message));
    }
    input.value = '';
  });
  return h('div', { class: 'field' }, h('label', { class: 'label', for: id }, t('act.importFile')), input,
    h('p', { class: 'hint' }, t('act.importHint')), out);
}

export function channelName(c) { return t('act.channel.' + c); }
export function kindName(k) { return t('act.kind.' + k); }
export function today() {
  const d = new Date(Date.now() + 7 * 3600 * 1000);
  return d.toISOString().slice(0, 10);
}
