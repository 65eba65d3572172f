// SPDX-License-Identifier: AGPL-3.0-or-later
// A list of units as large tap targets: name, code · level, sub-unit count.
import { h, icon, ICONS } from '../dom.js';
import { t, fmtNumber } from '../i18n.js';
import { levelName } from '../levels.js';
import { href } from '../router.js';

export function unitItem(u) {
  const n = typeof u.child_count === 'number' ? u.child_count : 0;
  return h('li', null,
    h('a', { class: 'unit-item', href: href('/units/' + u.id), 'data-unit-id': u.id },
      h('span', { class: 'unit-item-body' },
        h('span', { class: 'unit-item-name' }, u.name),
        h('span', { class: 'unit-item-meta' },
          h('span', { class: 'code' }, u.code),
          u.level ? h('span', null, levelName(u.level)) : null,
          u.active === false ? h('span', { class: 'tag tag--muted' }, t('unit.inactive')) : null,
          u.in_scope === false ? h('span', { class: 'tag tag--muted' }, t('unit.outOfScope')) : null),
        n > 0 ? h('span', { class: 'unit-item-count' }, t('units.childCount', { n, nFmt: fmtNumber(n) })) : null),
      icon(ICONS.chevron, 'icon unit-item-chevron')));
}

/** items: units as returned by /api/v1/units; labelledBy: id of the heading. */
export function unitList(items, labelledBy) {
  return h('ul', { class: 'unit-list', 'aria-labelledby': labelledBy }, items.map(unitItem));
}
