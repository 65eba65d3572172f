// SPDX-License-Identifier: AGPL-3.0-or-later
// A forgotten password, without signing in:
//  #/forgot — a login or an e-mail address → POST /api/v1/password/forgot; the
//             answer is the same whether the account exists or not;
//  #/reset?token=… — the link of the mail: a new password (twice) →
//             POST /api/v1/password/reset; then back to sign in.
import { h, replace } from '../dom.js';
import { request } from '../api.js';
import { t } from '../i18n.js';
import { href, navigate } from '../router.js';
import { clearSession } from '../session.js';
import { langSwitch } from '../ui/langSwitch.js';
import { setLoginNotice } from './login.js';
import '../styles/share.css';

/** The login page's frame (brand, language switch) around a card's content. */
function frame(titleKey, ...content) {
  return h('div', { class: 'login-page' },
    h('div', { class: 'login-top' }, langSwitch({ compact: true })),
    h('div', { class: 'login-card' },
      h('div', { class: 'login-brand' },
        h('img', { src: 'favicon.svg', alt: '', width: 56, height: 56, class: 'login-logo' }),
        h('p', { class: 'login-appname' }, t('app.name'))),
      h('h1', { class: 'login-title', tabindex: '-1' }, t(titleKey)),
      ...content));
}

export const forgotPage = {
  title: () => t('forgot.title'),
  render(ctx) {
    const err = h('div', { id: 'forgot-error', class: 'form-error', role: 'alert', 'aria-live': 'assertive' });
    const done = h('div', { role: 'status', 'aria-live': 'polite' });
    const ident = h('input', { id: 'forgot-ident', name: 'login', type: 'text', class: 'input', autocomplete: 'username', autocapitalize: 'none', spellcheck: 'false', required: true, 'aria-describedby': 'forgot-error' });
    const btn = h('button', { type: 'submit', class: 'btn btn--primary btn--block' }, t('forgot.submit'));
    const form = h('form', { class: 'login-form', novalidate: true, onsubmit: async (e) => {
      e.preventDefault();
      replace(err);
      const v = ident.value.trim();
      if (!v) { replace(err, h('p', null, t('forgot.required'))); ident.setAttribute('aria-invalid', 'true'); ident.focus(); return; }
      ident.removeAttribute('aria-invalid');
      btn.disabled = true;
      btn.textContent = t('forgot.busy');
      try {
        const r = await request('POST', '/api/v1/password/forgot', { body: { login: v } });
        replace(done, h('p', { class: 'alert alert--info forgot-sent' }, t('forgot.sent', { min: r.expires_in_minutes || 30 })));
        form.hidden = true;
      } catch (x) {
        replace(err, h('p', null, x.message));
      } finally {
        btn.disabled = false;
        btn.textContent = t('forgot.submit');
      }
    } },
    h('p', { class: 'hint' }, t('forgot.intro')),
    h('div', { class: 'field' }, h('label', { class: 'label', for: 'forgot-ident' }, t('forgot.ident')), ident),
    err, btn);
    ctx.afterMount = () => { if (!ctx.fromLangSwitch) ident.focus(); };
    return frame('forgot.title', form, done,
      h('p', { class: 'login-forgot' }, h('a', { href: href('/login') }, t('forgot.back'))));
  },
};

export const resetPage = {
  title: () => t('reset.title'),
  render(ctx) {
    const token = ctx.query.get('token') || '';
    const again = h('p', { class: 'login-forgot' }, h('a', { href: href('/forgot') }, t('reset.again')));
    if (!token) return frame('reset.title', h('p', { class: 'form-error', role: 'alert' }, t('reset.noToken')), again);
    const err = h('div', { id: 'reset-error', class: 'form-error', role: 'alert', 'aria-live': 'assertive' });
    const pw = (id) => h('input', { id, type: 'password', class: 'input', autocomplete: 'new-password', required: true, 'aria-describedby': 'reset-error' });
    const nw = pw('reset-new');
    const rep = pw('reset-repeat');
    const btn = h('button', { type: 'submit', class: 'btn btn--primary btn--block' }, t('reset.submit'));
    const fail = (msg, input) => {
      replace(err, h('p', null, msg));
      if (input) { input.setAttribute('aria-invalid', 'true'); input.focus(); }
    };
    const form = h('form', { class: 'login-form', novalidate: true, onsubmit: async (e) => {
      e.preventDefault();
      replace(err);
      for (const i of [nw, rep]) i.removeAttribute('aria-invalid');
      if (!nw.value || !rep.value) { fail(t('pw.required'), !nw.value ? nw : rep); return; }
      if (nw.value !== rep.value) { fail(t('pw.mismatch'), rep); return; }
      btn.disabled = true;
      try {
        await request('POST', '/api/v1/password/reset', { body: { token, new_password: nw.value } });
        nw.value = rep.value = '';
        clearSession(); // every session of the account has ended
        setLoginNotice('reset');
        navigate('/login');
      } catch (x) {
        fail(x.message, x.field === 'new_password' ? nw : null);
        if (x.field === 'token') form.append(again);
      } finally { btn.disabled = false; }
    } },
    h('p', { class: 'hint' }, t('reset.intro')),
    h('div', { class: 'field' }, h('label', { class: 'label', for: 'reset-new' }, t('pw.new')), nw),
    h('div', { class: 'field' }, h('label', { class: 'label', for: 'reset-repeat' }, t('pw.repeat')), rep),
    err, btn);
    ctx.afterMount = () => { if (!ctx.fromLangSwitch) nw.focus(); };
    return frame('reset.title', form);
  },
};
