// SPDX-License-Identifier: AGPL-3.0-or-later
// Pieces shared by the report page and the dashboard: number, money and
// percentage formats, the report status chip, the figures and items tables,
// the document download links, and the links placed on a directive's page.
import { h, icon } from '../dom.js';
import { t, fmtNumber, getLang } from '../i18n.js';
import { href } from '../router.js';
import { documentUrl, FORMATS } from '../api_reports.js';
import { emptyNote } from '../ui/status.js';

export const STATUSES = ['draft', 'submitted', 'returned', 'accepted'];

/** 0.452 → "45,2%" (vi) / "45.2%" (en); null → "—". */
export function fmtPct(rate) {
  if (typeof rate !== 'number' || !Number.isFinite(rate)) return t('unit.none');
  const v = Math.round(rate * 1000) / 10;
  const s = Number.isInteger(v) ? String(v) : v.toFixed(1);
  return (getLang() === 'vi' ? s.replace('.', ',') : s) + '%';
}

/** 1234567 → "1.234.567 đ" (vi) / "1,234,567 VND" (en). */
export function fmtMoney(n) {
  if (typeof n !== 'number' || !Number.isFinite(n)) return t('unit.none');
  return `${fmtNumber(Math.round(n))} ${t('rep.currency')}`;
}

/** A figure's value by its measure: money in đồng, the rest as counts. */
export function fmtValue(v, measure) {
  return measure === 'vnd' ? fmtMoney(v) : fmtNumber(typeof v === 'number' ? Math.round(v) : v);
}

/** Name of an indicator in the UI language. */
export function figureName(f) {
  return (getLang() === 'en' && f.name_en) ? f.name_en : (f.name || f.code);
}

/** A translated label with a fallback to the raw code (channels, topics from the data). */
export function label(prefix, code) {
  const k = prefix + code;
  const v = t(k);
  return v === k ? String(code) : v;
}

// One channel table for the whole UI (i18n/activities.js "act.channel.*"), the
// same words the documents print (src/render/report_names.c).
export const channelName = (c) => label('act.channel.', c || 'other');
export const topicName = (c) => label('fb.topic.', c);

/** The report status as a chip (draft grey, submitted blue, returned amber, accepted green). */
export function reportChip(status) {
  const s = STATUSES.includes(status) ? status : 'draft';
  return h('span', { class: `chip rchip rchip--${s}`, 'data-status': s }, t('rep.status.' + s));
}

/** Figures by indicator: name, value, units that reported it. */
export function figuresTable(figures, caption) {
  if (!figures || !figures.length) return emptyNote(t('rep.noFigures'));
  // A unit's own figures come from one unit: the count column says nothing then.
  const many = figures.some((f) => f.units > 1);
  return h('div', { class: 'rtable-wrap' },
    h('table', { class: 'rtable rfigures' },
      caption ? h('caption', { class: 'visually-hidden' }, caption) : null,
      h('thead', null, h('tr', null,
        h('th', { scope: 'col' }, t('rep.col.indicator')),
        h('th', { scope: 'col', class: 'num' }, t('rep.col.value')),
        many ? h('th', { scope: 'col', class: 'num' }, t('rep.col.units')) : null)),
      h('tbody', null, figures.map((f) => h('tr', { 'data-code': f.code },
        h('th', { scope: 'row' }, figureName(f)),
        h('td', { class: 'num', 'data-measure': f.measure }, fmtValue(f.value, f.measure)),
        many ? h('td', { class: 'num' }, fmtNumber(f.units)) : null)))));
}

/** Totals of the news items: items, originals, shares, distinct links, kit shares. */
export function itemTotals(tot) {
  if (!tot) return null;
  const stat = (key, n) => h('div', { class: 'rstat', 'data-stat': key },
    h('dt', null, t('rep.items.' + key)), h('dd', null, fmtNumber(n || 0)));
  return h('dl', { class: 'rstats rstats--items' },
    ['items', 'originals', 'shares', 'distinct_links', 'kit_shares'].map((k) => stat(k, tot[k])));
}

/** Items by theme (rows) and channel (columns), with totals. */
export function itemsTable(items, caption) {
  if (!items || !items.length) return emptyNote(t('rep.noItems'));
  const themes = [];
  const byTheme = new Map();
  const channels = [];
  for (const it of items) {
    const key = String(it.theme_id ?? it.theme ?? '');
    if (!byTheme.has(key)) { byTheme.set(key, { name: it.theme || t('rep.noTheme'), cells: new Map(), total: 0 }); themes.push(key); }
    if (!channels.includes(it.channel)) channels.push(it.channel);
    const row = byTheme.get(key);
    row.cells.set(it.channel, (row.cells.get(it.channel) || 0) + (it.items || 0));
    row.total += it.items || 0;
  }
  const colTotal = (c) => themes.reduce((a, k) => a + (byTheme.get(k).cells.get(c) || 0), 0);
  const grand = themes.reduce((a, k) => a + byTheme.get(k).total, 0);
  // Wide screens: the theme × channel grid. A phone cannot show it without
  // one word per line or a hidden sideways scroll, so it gets one card per
  // theme with its channels as lines (CSS picks one of the two).
  const table = h('div', { class: 'rtable-wrap ritems-grid' },
    h('table', { class: 'rtable ritems' },
      caption ? h('caption', { class: 'visually-hidden' }, caption) : null,
      h('thead', null, h('tr', null,
        h('th', { scope: 'col' }, t('rep.col.theme')),
        channels.map((c) => h('th', { scope: 'col', class: 'num' }, channelName(c))),
        h('th', { scope: 'col', class: 'num' }, t('rep.col.total')))),
      h('tbody', null, themes.map((k) => {
        const row = byTheme.get(k);
        return h('tr', { 'data-theme-id': k },
          h('th', { scope: 'row' }, row.name),
          channels.map((c) => h('td', { class: 'num' }, row.cells.get(c) ? fmtNumber(row.cells.get(c)) : '·')),
          h('td', { class: 'num rtotal' }, fmtNumber(row.total)));
      })),
      h('tfoot', null, h('tr', null,
        h('th', { scope: 'row' }, t('rep.col.total')),
        channels.map((c) => h('td', { class: 'num' }, fmtNumber(colTotal(c)))),
        h('td', { class: 'num rtotal' }, fmtNumber(grand))))));
  const line = (name, n, cls) => h('div', { class: 'ricard-line' + (cls ? ' ' + cls : '') },
    h('dt', null, name), h('dd', null, fmtNumber(n)));
  const cards = h('ul', { class: 'ritems-cards', 'aria-label': caption || t('rep.col.theme') },
    themes.map((k) => {
      const row = byTheme.get(k);
      return h('li', { class: 'ricard', 'data-theme-id': k },
        h('p', { class: 'ricard-title' }, row.name),
        h('dl', { class: 'ricard-lines' },
          channels.filter((c) => row.cells.get(c)).map((c) => line(channelName(c), row.cells.get(c))),
          line(t('rep.col.total'), row.total, 'rtotal')));
    }),
    h('li', { class: 'ricard ricard--total' },
      h('dl', { class: 'ricard-lines' }, line(t('rep.items.allThemes'), grand, 'rtotal'))));
  return h('div', { class: 'ritems-block' }, table, cards);
}

const DOC_ICON = ['M6 2.5h8.6L19.5 7.4V20a1.5 1.5 0 0 1-1.5 1.5H6A1.5 1.5 0 0 1 4.5 20V4A1.5 1.5 0 0 1 6 2.5Zm0 1.5v16h12V8.5h-4.5V4H6Zm5.25 5h1.5v5.19l1.72-1.72 1.06 1.06L12 17.06l-3.53-3.53 1.06-1.06 1.72 1.72V9Z'];

/**
 * Download links for a report's documents. Plain links: the browser sends
 * the session cookie and saves the attachment; the HTML view opens inline.
 * opts: {rev, basis, idPrefix}
 */
export function downloadLinks(dirId, unitId, opts = {}) {
  return h('ul', { class: 'rdownloads' }, FORMATS.map((f) => {
    const url = documentUrl(dirId, unitId, f, opts);
    const a = f === 'html'
      ? h('a', { class: 'btn btn--secondary rdl', href: url, target: '_blank', rel: 'noopener', 'data-format': f })
      : h('a', { class: 'btn btn--secondary rdl', href: url, download: '', 'data-format': f });
    a.append(icon(DOC_ICON), h('span', null, t('rep.fmt.' + f)));
    return h('li', null, a);
  }));
}

/** Links from a directive's page: the unit's own report, and for officers the dashboard. */
export function reportLinks(d, r, user) {
  if (!d || d.status !== 'issued' || !user) return null;
  const officer = user.role === 'officer' || user.role === 'admin';
  const recipient = !!r.receipt;
  const issuer = r.access === 'issuer';
  const links = [];
  if (recipient && user.unit) {
    links.push(h('a', { class: 'btn btn--primary rlink-report', href: href(`/directives/${d.id}/units/${user.unit.id}/report`) }, t('rep.open')));
  }
  if (officer && (issuer || recipient)) {
    links.push(h('a', { class: 'btn btn--secondary rlink-dashboard', href: href(`/directives/${d.id}/dashboard`) }, t('dash.open')));
  }
  if (!links.length) return null;
  return h('div', { class: 'rlinks' }, links);
}
