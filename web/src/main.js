// SPDX-License-Identifier: AGPL-3.0-or-later
// Entry point: wires the shell, the routes and the session together.
import 'modern-normalize/modern-normalize.css';
import './styles/app.css';

import { h, replace } from './dom.js';
import { api, setUnauthorizedHandler } from './api.js';
import { applyLang, onLangChange, getLang, t } from './i18n.js';
import { closeMenu, focusLangButton, mountShell, renderHeader } from './layout.js';
import { current, match, navigate, route, start, href } from './router.js';
import { clearSession, session, setSession } from './session.js';
import { errorBox, loading } from './ui/status.js';
import * as loginPage from './pages/login.js';
import * as unitsPage from './pages/units.js';
import * as unitPage from './pages/unit.js';
import * as notFoundPage from './pages/notFound.js';
import './pages/directiveRoutes.js'; // registers the /directives routes
import './pages/reportRoutes.js'; // registers /reports, the dashboard and the report page
import './pages/feedbackRoutes.js'; // registers the /feedback routes
import './pages/activityRoutes.js'; // registers /activities (items, figures, contest, link kits, continuity)
import './pages/homeRoutes.js'; // registers /todo (the home page), /review and /account/password
import './pages/registerRoutes.js'; // registers /registers and /units/:id/registers (sổ văn bản)
import './pages/posterRoutes.js'; // registers the QR poster, /forgot and /reset

route('/login', loginPage, { public: true });
route('/units', unitsPage);
route('/units/:id', unitPage);

let main;
let seq = 0;
let returnTo = null;
let booted = false;

function goLogin(noticeKey) {
  const { path, query } = current();
  if (path !== '/login') returnTo = href(path, Object.fromEntries(query));
  if (noticeKey) loginPage.setLoginNotice(noticeKey);
  navigate('/login');
}

function onLogin(data) {
  setSession(data);
  const target = returnTo && !returnTo.startsWith('#/login') ? returnTo : href('/todo');
  returnTo = null;
  if (location.hash === target) render(); else location.hash = target;
}

async function logout() {
  try { await api.logout(); } catch { /* the session is gone either way */ }
  clearSession();
  returnTo = null;
  loginPage.setLoginNotice('loggedOut');
  navigate('/login');
}

/** Renders the current route. opts.fromLangSwitch keeps focus where it was. */
async function render(opts = {}) {
  const my = ++seq;
  const { path, query } = current();
  if (!opts.fromLangSwitch) closeMenu();
  if (path === '/') { navigate('/todo'); return; }
  const m = match(path);
  if ((!m || !m.route.public) && !session.user) { goLogin(); return; }
  if (path === '/login' && session.user) { navigate('/todo'); return; }
  const page = m ? m.route.page : notFoundPage;
  const ctx = { params: m ? m.params : {}, query, onLogin, fromLangSwitch: !!opts.fromLangSwitch, afterMount: null };

  renderHeader(session.user, path);
  document.body.classList.toggle('is-auth', !!session.user);
  main.setAttribute('aria-busy', 'true');
  // Show the spinner only if the page is slow, so fast pages do not flicker.
  const slow = setTimeout(() => { if (my === seq) replace(main, loading()); }, 150);
  let node;
  try {
    node = await page.render(ctx);
  } catch (err) {
    if (err && err.status === 401) { clearTimeout(slow); return; } // handled by goLogin
    const missing = err && err.status === 404;
    node = h('section', { class: 'page' },
      h('h1', { class: 'page-title', tabindex: '-1' }, missing ? t('error.notFoundTitle') : t('error.title')),
      errorBox(err, missing ? null : () => render()),
      h('p', null, h('a', { href: href('/todo') }, t('error.home'))));
  }
  clearTimeout(slow);
  if (my !== seq) return; // the user navigated again meanwhile
  replace(main, node);
  main.removeAttribute('aria-busy');
  document.title = `${page.title ? page.title(ctx) : t('app.name')} · ${t('app.name')}`;
  if (ctx.afterMount) ctx.afterMount();
  if (opts.fromLangSwitch) focusLangButton(getLang());
  else if (opts.navigated) {
    // Move focus to the new page's heading so screen readers announce it.
    const h1 = main.querySelector('h1');
    if (h1) h1.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }
}

async function boot() {
  applyLang();
  const app = document.getElementById('app');
  main = mountShell(app, { logout });
  setUnauthorizedHandler(() => { clearSession(); goLogin('expired'); });
  onLangChange(() => render({ fromLangSwitch: true }));
  try {
    setSession(await api.me());
  } catch (err) {
    if (err.status !== 401) {
      replace(main, h('section', { class: 'page' }, errorBox(err, () => location.reload())));
      return;
    }
  }
  start(() => {
    const opts = { navigated: booted };
    booted = true;
    render(opts);
  });
}

boot();
