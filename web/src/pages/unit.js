// SPDX-License-Identifier: AGPL-3.0-or-later
// One unit: breadcrumb of ancestors, details, parent link, children.
// Outside the user's subtree the server sends public fields only.
import { h, icon, ICONS } from '../dom.js';
import { api } from '../api.js';
import { t, fmtNumber, fmtDate } from '../i18n.js';
import { loadLevels, levelName } from '../levels.js';
import { href } from '../router.js';
import { emptyNote } from '../ui/status.js';
import { pageLimit } from '../ui/more.js';
import { childList } from './units.js';

let lastTitle = '';

export async function render(ctx) {
  const limit = pageLimit(ctx.query);
  const [r] = await Promise.all([api.unit(ctx.params.id), loadLevels()]);
  const u = r.unit;
  // The unit page carries the first 50 children; another page size asks for its own.
  const c = limit === 50 ? { items: r.children, next_cursor: r.children_next_cursor }
    : await api.childUnits(u.id, null, limit);
  const children = c.items || [];
  const ancestors = Array.isArray(u.ancestors) ? u.ancestors : [];
  const parent = ancestors.length ? ancestors[ancestors.length - 1] : null;
  lastTitle = u.name;

  const crumbs = h('nav', { class: 'breadcrumb', 'aria-label': t('unit.breadcrumb') },
    h('ol', null,
      h('li', null, h('a', { href: href('/units') }, t('nav.units'))),
      ancestors.map((a) => h('li', null, h('a', { href: href('/units/' + a.id) }, a.name))),
      h('li', null, h('span', { 'aria-current': 'page' }, u.name))));

  const parentLink = parent
    ? h('p', { class: 'parent-link' },
      h('span', { class: 'parent-label' }, t('unit.parent'), ': '),
      h('a', { href: href('/units/' + parent.id), 'data-parent-id': parent.id }, icon(ICONS.up), parent.name))
    : (u.parent_id ? h('p', { class: 'parent-link' },
      h('a', { href: href('/units/' + u.parent_id), 'data-parent-id': u.parent_id }, icon(ICONS.up), t('unit.parent'))) : null);

  const none = t('unit.none');
  const row = (key, value, cls) => h('div', { class: ['detail', cls] }, h('dt', null, t(key)), h('dd', null, value));
  const inScope = u.in_scope !== false;
  const details = [
    row('unit.code', h('span', { class: 'code' }, u.code)),
    row('unit.level', levelName(u.level) || none),
  ];
  if (inScope) {
    details.push(
      row('unit.email', u.email ? h('a', { href: 'mailto:' + u.email, class: 'break' }, u.email) : none),
      row('unit.members', typeof u.members === 'number' ? fmtNumber(u.members) : none, 'detail--num'),
      row('unit.activeFrom', u.active_from ? fmtDate(u.active_from) : none),
      row('unit.activeTo', u.active_to ? fmtDate(u.active_to) : none),
      row('unit.status', u.active_to ? h('span', { class: 'tag tag--muted' }, t('unit.inactive')) : h('span', { class: 'tag tag--ok' }, t('unit.active'))));
  }

  const count = typeof u.child_count === 'number' ? u.child_count : children.length;
  return h('article', { class: 'page unit-page' },
    crumbs,
    h('header', { class: 'unit-head' },
      h('p', { class: 'unit-level' }, levelName(u.level)),
      h('h1', { class: 'page-title', tabindex: '-1' }, u.name),
      parentLink),
    inScope ? null : h('p', { class: 'alert alert--info', role: 'note' }, h('strong', null, t('unit.outOfScope')), '. ', t('unit.outOfScopeNote')),
    h('section', { class: 'card', 'aria-labelledby': 'unit-details-title' },
      h('h2', { id: 'unit-details-title', class: 'card-kicker' }, t('unit.details')),
      h('dl', { class: 'details' }, details)),
    !inScope && !children.length ? null : h('section', { class: 'children', 'aria-labelledby': 'unit-children-title' },
      h('h2', { id: 'unit-children-title', class: 'section-title' }, t('units.children'), ' ', h('span', { class: 'count' }, fmtNumber(count))),
      children.length ? childList(u.id, children, c.next_cursor, 'unit-children-title', limit) : emptyNote(t('units.noChildren'))));
}

export const title = () => lastTitle || t('nav.units');
