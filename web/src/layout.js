// SPDX-License-Identifier: AGPL-3.0-or-later
// The application shell: skip link, top bar (brand, navigation, user menu)
// and the <main> outlet pages render into.
import { h, icon, ICONS, replace } from './dom.js';
import { t } from './i18n.js';
import { NAV } from './nav.js';
import { href } from './router.js';
import { langSwitch } from './ui/langSwitch.js';

let root, header, main, menuOpen = false;
let actions = { logout: () => {} };

/** Builds the static frame once inside el. acts.logout() signs out. */
export function mountShell(el, acts) {
  actions = acts;
  root = el;
  main = h('main', { id: 'main', class: 'main', tabindex: '-1' });
  header = h('header', { class: 'topbar' });
  const skip = h('a', { class: 'skip-link', href: '#main', onclick: (e) => { e.preventDefault(); main.focus(); } });
  replace(root, skip, header, main);
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && menuOpen) { setMenu(false); const b = header.querySelector('.usermenu-button'); if (b) b.focus(); }
  });
  // Tabbing out of the menu closes it (a re-render has no relatedTarget: stays open).
  header.addEventListener('focusout', (e) => {
    if (menuOpen && e.relatedTarget && !e.relatedTarget.closest('.usermenu')) setMenu(false);
  });
  document.addEventListener('click', (e) => {
    if (menuOpen && !e.target.closest('.usermenu')) setMenu(false);
  });
  return main;
}

export function outlet() { return main; }

function initials(name) {
  // "Nguyễn Văn Lâm (LĐLĐ Gia Lâm)" → "NL": ignore a bracketed note.
  const parts = String(name || '?').replace(/\(.*$/, '').trim().split(/\s+/);
  const first = parts[0] ? parts[0][0] : '?';
  const last = parts.length > 1 ? parts[parts.length - 1][0] : '';
  return (first + last).toUpperCase();
}

function setMenu(open) {
  menuOpen = open;
  const b = header.querySelector('.usermenu-button');
  const p = header.querySelector('.usermenu-panel');
  if (!b || !p) return;
  b.setAttribute('aria-expanded', String(open));
  p.hidden = !open;
}

/**
 * Re-renders the top bar for user (null hides it) and the active path.
 * Keeps the user menu open across a language switch.
 */
export function renderHeader(user, path) {
  root.querySelector('.skip-link').textContent = t('app.skip');
  if (!user) { header.hidden = true; replace(header); menuOpen = false; return; }
  header.hidden = false;
  const navList = h('ul', { class: 'mainnav-list' }, NAV.map((n) => {
    const active = n.active ? n.active(path) : path === n.path || path.startsWith(n.path + '/');
    return h('li', null, h('a', { class: 'mainnav-link', href: href(n.path), 'aria-current': active ? 'page' : null },
      icon(n.icon), h('span', null, t(n.key))));
  }));
  const panel = h('div', { id: 'user-panel', class: 'usermenu-panel', hidden: !menuOpen },
    h('div', { class: 'usermenu-who' },
      h('span', { class: 'avatar avatar--lg', 'aria-hidden': 'true' }, initials(user.name)),
      h('span', null,
        h('strong', { class: 'usermenu-fullname' }, user.name),
        h('span', { class: 'usermenu-login' }, user.login))),
    h('dl', { class: 'usermenu-facts' },
      h('div', null, h('dt', null, t('user.role')), h('dd', { 'data-role': user.role }, t('role.' + user.role))),
      user.unit ? h('div', null, h('dt', null, t('user.unit')),
        h('dd', null, h('a', { href: href('/units/' + user.unit.id), onclick: () => setMenu(false) }, user.unit.name))) : null),
    h('div', { class: 'usermenu-row' }, h('span', { class: 'usermenu-label', 'aria-hidden': 'true' }, t('lang.label')), langSwitch()),
    h('a', { class: 'btn btn--secondary btn--block usermenu-password', href: href('/account/password'), onclick: () => setMenu(false) }, t('pw.link')),
    user.role !== 'cadre' ? h('a', { class: 'btn btn--secondary btn--block usermenu-users', href: href('/account/users'), onclick: () => setMenu(false) }, t('usr.link')) : null,
    h('button', { type: 'button', class: 'btn btn--secondary btn--block usermenu-logout', onclick: () => { setMenu(false); actions.logout(); } },
      icon(ICONS.logout), t('user.logout')));
  replace(header,
    h('div', { class: 'topbar-inner' },
      h('a', { class: 'brand', href: href('/todo') },
        h('img', { src: 'favicon.svg', alt: '', width: 28, height: 28, class: 'brand-logo' }),
        h('span', { class: 'brand-name' }, t('app.name'))),
      h('nav', { class: 'mainnav', 'aria-label': t('nav.label') }, navList),
      h('div', { class: 'usermenu' },
        h('button', {
          type: 'button', class: 'usermenu-button', 'aria-expanded': String(menuOpen), 'aria-controls': 'user-panel',
          'aria-label': `${t('user.menu')}: ${user.name}`,
          onclick: (e) => { e.stopPropagation(); setMenu(!menuOpen); },
        },
        h('span', { class: 'avatar', 'aria-hidden': 'true' }, initials(user.name)),
        h('span', { class: 'usermenu-name' }, user.name),
        icon(ICONS.caret, 'icon usermenu-caret')),
        panel)));
}

/** Closes the user menu (on navigation). */
export function closeMenu() { if (menuOpen) setMenu(false); }

/** After a language switch from the menu, put focus back on the pressed button. */
export function focusLangButton(lang) {
  const b = root.querySelector(`.lang-switch-btn[data-lang="${lang}"]`);
  if (b) b.focus();
}
