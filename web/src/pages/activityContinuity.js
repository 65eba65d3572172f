// SPDX-License-Identifier: AGPL-3.0-or-later
// Continuity of the campaign: per unit, items per day as a heat map (one
// cell per day, darker for more), the first item after the directive was
// received, and the units silent for N days. Colours are classes (CSP: no
// inline styles); every cell also has a text label for screen readers.
import { h } from '../dom.js';
import { activityApi } from '../api_activity.js';
import { t, fmtNumber, fmtDate } from '../i18n.js';
import { errorBox, emptyNote } from '../ui/status.js';
import { moreButton } from '../ui/more.js';
import { currentDirective, pageHead } from './activityCommon.js';

const MAX_DAYS = 62;

function days(from, to) {
  const out = [];
  const d = new Date(from + 'T00:00:00Z');
  const end = new Date(to + 'T00:00:00Z');
  while (d <= end && out.length < MAX_DAYS) {
    out.push(d.toISOString().slice(0, 10));
    d.setUTCDate(d.getUTCDate() + 1);
  }
  return out;
}

const level = (n) => (n <= 0 ? 0 : n === 1 ? 1 : n <= 3 ? 2 : n <= 6 ? 3 : 4);

export async function render(ctx) {
  const { list, dir } = await currentDirective(ctx);
  const head = pageHead('/activities/continuity', 'cont.title', list, dir);
  if (!dir) return h('section', { class: 'page' }, head, emptyNote(t('act.noDirective')));
  const silent = Number(ctx.query.get('silent') || 0);
  let r;
  try {
    r = await activityApi.continuity(dir.id, silent || undefined);
  } catch (err) {
    return h('section', { class: 'page act-page' }, head, errorBox(err));
  }
  // The campaign so far: from receipt to the last day with an item (or today, capped).
  let last = r.from;
  for (const u of r.units) if (u.last_date && u.last_date > last) last = u.last_date;
  const cols = days(r.from, last < r.to ? last : r.to);
  const quiet = r.units.filter((u) => u.total === 0).length;
  const row = (u) => h('tr', { class: u.total ? null : 'cont-none' },
    h('th', { scope: 'row', class: 'cont-unit' }, u.unit.name),
    h('td', { class: 'num' }, u.first_date ? `${fmtDate(u.first_date)} (+${u.first_after_days})` : '—'),
    h('td', { class: 'num' }, fmtNumber(u.silent_days)),
    cols.map((d) => {
      const n = u.days[d] || 0;
      return h('td', { class: ['cont-cell', 'heat-' + level(n)], title: `${fmtDate(d)}: ${n}` },
        h('span', { class: 'visually-hidden' }, `${fmtDate(d)}: ${n}`));
    }));
  const body = h('tbody', null, r.units.map(row));
  return h('section', { class: 'page act-page' }, head,
    h('form', { class: 'act-row cont-filter', onsubmit: (e) => { e.preventDefault(); location.hash = `#/activities/continuity?d=${dir.id}&silent=${e.target.silent.value}`; } },
      h('div', { class: 'field' }, h('label', { class: 'label', for: 'cont-silent' }, t('cont.silentFor')),
        h('input', { id: 'cont-silent', name: 'silent', type: 'number', min: 0, class: 'input', value: silent || '' })),
      h('button', { type: 'submit', class: 'btn btn--secondary' }, t('cont.filter'))),
    h('p', { class: 'search-status', role: 'status' }, t('cont.summary', { units: fmtNumber(r.units.length), quiet: fmtNumber(quiet) })),
    r.units.length ? h('div', { class: 'table-wrap cont-wrap' }, h('table', { class: 'cont-table' },
      h('caption', { class: 'visually-hidden' }, t('cont.caption')),
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, t('con.unit')),
        h('th', { scope: 'col' }, t('cont.first')), h('th', { scope: 'col' }, t('cont.silent')),
        cols.map((d) => h('th', { scope: 'col', class: 'cont-day' }, d.slice(8))))),
      body)) : emptyNote(t('cont.none')),
    // 500 units a page (the heat map's days are those of the first page).
    r.units.length ? moreButton(r.next_cursor, async (cursor) => {
      const p = await activityApi.continuity(dir.id, silent || undefined, cursor);
      body.append(...(p.units || []).map(row));
      return p.next_cursor;
    }) : null);
}

export const title = () => t('cont.title');
