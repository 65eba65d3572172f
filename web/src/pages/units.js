// SPDX-License-Identifier: AGPL-3.0-or-later
// Units home: a diacritic-insensitive search (the server folds "gia lam" to
// match "Gia Lâm") and, when not searching, the user's own unit and its
// children to browse down the tree.
import { h, icon, ICONS } from '../dom.js';
import { api } from '../api.js';
import { t, fmtNumber } from '../i18n.js';
import { loadLevels, levelName } from '../levels.js';
import { href, replaceQuery } from '../router.js';
import { session } from '../session.js';
import { unitItem, unitList } from '../ui/unitList.js';
import { errorBox, emptyNote, loading } from '../ui/status.js';
import { moreButton, pageLimit } from '../ui/more.js';
const DEBOUNCE_MS = 250;

export async function render(ctx) {
  await loadLevels();
  let seq = 0;
  let timer = null;
  const initial = (ctx.query.get('q') || '').trim();
  const limit = pageLimit(ctx.query);

  const status = h('p', { id: 'units-status', class: 'search-status', role: 'status', 'aria-live': 'polite' });
  const results = h('div', { class: 'search-results' });
  const browse = h('div', { class: 'browse' });

  const input = h('input', {
    id: 'unit-search', name: 'q', type: 'search', class: 'input input--search', value: initial,
    autocomplete: 'off', spellcheck: 'false', enterkeyhint: 'search',
    'aria-describedby': 'unit-search-hint units-status', 'aria-controls': 'units-results',
    oninput: () => { clearTimeout(timer); timer = setTimeout(() => run(input.value), DEBOUNCE_MS); },
  });

  async function run(raw) {
    const q = raw.trim();
    const my = ++seq;
    clearTimeout(timer);
    replaceQuery(q ? { q } : null);
    if (!q) {
      status.textContent = '';
      results.replaceChildren();
      results.hidden = true;
      browse.hidden = false;
      return;
    }
    browse.hidden = true;
    results.hidden = false;
    status.textContent = t('units.searching');
    try {
      const r = await api.searchUnits(q, limit);
      if (my !== seq) return; // a newer search is on its way
      const items = r.items || [];
      let shown = items.length;
      const say = (more) => {
        status.textContent = more ? t('units.shown', { shownFmt: fmtNumber(shown) })
          : t('units.found', { total: shown, totalFmt: fmtNumber(shown) });
      };
      say(!!r.next_cursor);
      const list = items.length ? unitList(items, 'units-results-title') : null;
      results.replaceChildren(
        h('h2', { id: 'units-results-title', class: 'section-title visually-hidden' }, t('units.results')),
        list,
        moreButton(r.next_cursor, async (cursor) => {
          const p = await api.searchUnits(q, limit, cursor);
          if (my !== seq) return null;
          list.append(...(p.items || []).map(unitItem));
          shown += (p.items || []).length;
          say(!!p.next_cursor);
          return p.next_cursor;
        }));
      results.id = 'units-results';
    } catch (err) {
      if (my !== seq) return;
      status.textContent = '';
      results.replaceChildren(errorBox(err, () => run(input.value)));
    }
  }

  const form = h('form', { class: 'search', role: 'search', onsubmit: (e) => { e.preventDefault(); run(input.value); } },
    h('label', { for: 'unit-search', class: 'label' }, t('units.search')),
    h('div', { class: 'search-row' },
      h('span', { class: 'search-icon' }, icon(ICONS.search)),
      input,
      h('button', { type: 'submit', class: 'btn btn--primary search-btn' }, t('units.searchButton'))),
    h('p', { id: 'unit-search-hint', class: 'hint' }, t('units.searchHint')));

  results.id = 'units-results';
  results.hidden = !initial;
  browse.hidden = !!initial;
  browse.append(loading());
  loadBrowse(browse, limit);
  if (initial) run(initial);

  return h('section', { class: 'page' },
    h('h1', { class: 'page-title', tabindex: '-1' }, t('units.title')),
    form, status, results, browse);
}

// The user's own unit as a card, then its children.
async function loadBrowse(el, limit) {
  const own = session.user && session.user.unit;
  if (!own) { el.replaceChildren(); return; }
  try {
    const r = await api.unit(own.id);
    // The unit page carries the first 50 children; another page size asks for its own.
    const c = limit === 50 ? { items: r.children, next_cursor: r.children_next_cursor }
      : await api.childUnits(own.id, null, limit);
    const u = r.unit || own;
    const children = c.items || [];
    const count = typeof u.child_count === 'number' ? u.child_count : children.length;
    el.replaceChildren(
      h('section', { class: 'card own-unit', 'aria-labelledby': 'own-unit-title' },
        h('h2', { id: 'own-unit-title', class: 'card-kicker' }, t('units.yours')),
        h('a', { class: 'own-unit-link', href: href('/units/' + u.id) },
          h('span', { class: 'own-unit-name' }, u.name),
          h('span', { class: 'unit-item-meta' }, h('span', { class: 'code' }, u.code), h('span', null, levelName(u.level))),
          icon(ICONS.chevron, 'icon own-unit-chevron'))),
      h('section', { class: 'children', 'aria-labelledby': 'own-children-title' },
        h('h2', { id: 'own-children-title', class: 'section-title' },
          t('units.children'), ' ', h('span', { class: 'count' }, fmtNumber(count))),
        children.length ? childList(own.id, children, c.next_cursor, 'own-children-title', limit) : emptyNote(t('units.noChildren'))));
  } catch (err) {
    el.replaceChildren(errorBox(err, () => { el.replaceChildren(loading()); loadBrowse(el, limit); }));
  }
}

/** A unit's children, a page at a time: the first page, then "Show more". */
export function childList(parentId, first, cursor, labelledBy, limit) {
  const list = unitList(first, labelledBy);
  return h('div', null, list, moreButton(cursor, async (c) => {
    const p = await api.childUnits(parentId, c, limit);
    list.append(...(p.items || []).map(unitItem));
    return p.next_cursor;
  }));
}

export const title = () => t('units.title');
