// SPDX-License-Identifier: AGPL-3.0-or-later
// Sign-in page: login + password, the server's error message in an
// aria-live region, language switch available before signing in, and the
// way to a forgotten password (pages/forgot.js).
import { h } from '../dom.js';
import { href } from '../router.js';
import { api } from '../api.js';
import { t } from '../i18n.js';
import { langSwitch } from '../ui/langSwitch.js';

let notice = null; // one-shot message: 'expired' | 'loggedOut' | 'reset'

/** Shows a note above the form the next time the page renders. */
export function setLoginNotice(key) { notice = key; }

/** ctx.onLogin(data) is called with the /login response. */
export function render(ctx) {
  const errId = 'login-error';
  const err = h('div', { id: errId, class: 'form-error', role: 'alert', 'aria-live': 'assertive' });
  const login = h('input', {
    id: 'login', name: 'login', type: 'text', autocomplete: 'username', autocapitalize: 'none',
    spellcheck: 'false', required: true, class: 'input',
  });
  const password = h('input', {
    id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true, class: 'input',
  });
  const submit = h('button', { type: 'submit', class: 'btn btn--primary btn--block' }, t('login.submit'));
  const note = notice ? h('p', { class: 'alert alert--info', role: 'status' }, t('login.' + notice)) : null;
  notice = null;

  function showError(message, field) {
    err.replaceChildren(h('p', null, message));
    for (const inp of [login, password]) {
      if (inp.name === field || !field) inp.setAttribute('aria-invalid', 'true'); else inp.removeAttribute('aria-invalid');
      inp.setAttribute('aria-describedby', errId);
    }
  }

  async function onSubmit(e) {
    e.preventDefault();
    err.replaceChildren();
    if (!login.value.trim() || !password.value) {
      showError(t('login.required'), !login.value.trim() ? 'login' : 'password');
      (login.value.trim() ? password : login).focus();
      return;
    }
    submit.disabled = true;
    submit.textContent = t('login.busy');
    form.setAttribute('aria-busy', 'true');
    try {
      const data = await api.login(login.value.trim(), password.value);
      ctx.onLogin(data);
    } catch (ex) {
      showError(ex.message, ex.field);
      password.value = '';
      (ex.field === 'login' ? login : password).focus();
    } finally {
      submit.disabled = false;
      submit.textContent = t('login.submit');
      form.removeAttribute('aria-busy');
    }
  }

  const form = h('form', { class: 'login-form', novalidate: true, onsubmit: onSubmit },
    h('div', { class: 'field' }, h('label', { for: 'login', class: 'label' }, t('login.login')), login),
    h('div', { class: 'field' }, h('label', { for: 'password', class: 'label' }, t('login.password')), password),
    err,
    submit);

  const page = h('div', { class: 'login-page' },
    h('div', { class: 'login-top' }, langSwitch({ compact: true })),
    h('div', { class: 'login-card' },
      h('div', { class: 'login-brand' },
        h('img', { src: 'favicon.svg', alt: '', width: 56, height: 56, class: 'login-logo' }),
        h('p', { class: 'login-appname' }, t('app.name')),
        h('p', { class: 'login-tagline' }, t('app.tagline'))),
      h('h1', { class: 'login-title', tabindex: '-1' }, t('login.title')),
      note,
      form,
      h('p', { class: 'login-forgot' }, h('a', { href: href('/forgot'), id: 'login-forgot' }, t('forgot.link')))));
  // Focus the first field once the page is in the document.
  ctx.afterMount = () => { if (!ctx.fromLangSwitch) login.focus(); };
  return page;
}

export const title = () => t('login.title');
