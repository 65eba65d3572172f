// SPDX-License-Identifier: AGPL-3.0-or-later
// Approval by level on a unit's report page: its readiness ("Đang chờ cấp
// dưới" / "Sẵn sàng" / "Đã được duyệt"), its direct children and its whole
// subtree by report state, and the children a page at a time, each linking
// to its own report. Units without recipient children show nothing here.
import { h } from '../dom.js';
import { reportsApi } from '../api_reports.js';
import { t, fmtNumber } from '../i18n.js';
import { href } from '../router.js';
import { errorBox } from '../ui/status.js';
import { reportChip } from './reportCommon.js';

const PAGE = 50;
const ROWS = ['none', 'submitted', 'returned', 'accepted'];

/** none + draft are one column: nothing is waiting for a reviewer. */
const cell = (c, k) => fmtNumber(k === 'none' ? (c.none || 0) + (c.draft || 0) : c[k] || 0);

/** States down, scopes across (three narrow columns: it fits a phone). */
function countsTable(level) {
  const scopes = [['kids', level.children], ['subtree', level.subtree]];
  const row = (k, value) => h('tr', { class: `lvl-row lvl-row--${k}` },
    h('th', { scope: 'row' }, t('lvl.' + k)),
    ...scopes.map(([sc, c]) => h('td', { class: `num lvl-n lvl-n--${sc}-${k}` }, value(c))));
  return h('div', { class: 'rtable-wrap lvl-wrap' },
    h('table', { class: 'rtable lvl-table' },
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, t('lvl.state')),
        ...scopes.map(([sc]) => h('th', { scope: 'col', class: 'num' }, t('lvl.' + sc))))),
      h('tbody', null, ...ROWS.map((k) => row(k, (c) => cell(c, k))),
        row('total', (c) => fmtNumber(c.total || 0)))));
}

function childRow(st, c) {
  return h('li', { class: 'lvl-child', 'data-unit': String(c.unit_id) },
    h('a', { class: 'lvl-child-link', href: href(`/directives/${st.dirId}/units/${c.unit_id}/report`) },
      h('span', { class: 'lvl-child-name' }, c.name)),
    c.status === 'none' ? h('span', { class: 'chip rchip rchip--draft', 'data-status': 'none' }, t('lvl.childStatus.none')) : reportChip(c.status));
}

/** The section, or null when the unit has no recipient children (a tree without that tier). */
export function levelSection(st, level) {
  if (!level) return null;
  const list = h('ul', { class: 'lvl-children' });
  const more = h('button', { type: 'button', class: 'btn btn--secondary btn--small lvl-more' }, t('lvl.more'));
  // The button is there only while a next page is (a .btn's display beats [hidden]).
  const moreBox = h('p', { class: 'lvl-more-row' });
  const err = h('div', { class: 'lvl-err' });
  let cursor;
  async function load() {
    more.disabled = true;
    try {
      const page = await reportsApi.children(st.dirId, st.unitId, cursor, PAGE);
      for (const c of page.items) list.append(childRow(st, c));
      cursor = page.next_cursor || undefined;
      if (cursor) moreBox.replaceChildren(more); else moreBox.replaceChildren();
    } catch (e) {
      err.replaceChildren(errorBox(e));
    }
    more.disabled = false;
  }
  more.addEventListener('click', load);
  load();
  const r = level.readiness;
  return h('section', { class: 'card dash-sec rsec rsec--level', 'aria-labelledby': 'rsec-level-title' },
    h('div', { class: 'rstatus-head' },
      h('h2', { class: 'dsec-title', id: 'rsec-level-title' }, t('lvl.title')),
      h('span', { class: `chip lvl-ready lvl-ready--${r}`, 'data-readiness': r }, t('lvl.readiness.' + r))),
    h('p', { class: 'hint lvl-text' }, t('lvl.readinessText.' + r)),
    countsTable(level),
    h('h3', { class: 'lvl-list-title' }, t('lvl.list')),
    list, err, moreBox);
}
