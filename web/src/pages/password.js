// SPDX-License-Identifier: AGPL-3.0-or-later
// Change one's own password: POST /api/v1/me/password {current_password,
// new_password} → 200 with a fresh session (every other session ends); 400 names
// the field, current_password when the current password is wrong.
// Below it, the daily digest setting: GET/POST /api/v1/me/digest {enabled}.
import { h, replace } from '../dom.js';
import { request } from '../api.js';
import { homeApi } from '../api_home.js';
import { t } from '../i18n.js';
import '../styles/share.css';

export const title = () => t('pw.title');

export function render() {
  const field = (id, key, auto) => {
    const input = h('input', { id, name: id, class: 'input', type: 'password', autocomplete: auto, required: true, 'aria-describedby': id + '-err' });
    return [input, h('div', { class: 'field' },
      h('label', { class: 'label', for: id }, t(key)), input,
      h('p', { class: 'field-error', id: id + '-err' }))];
  };
  const [cur, curBox] = field('pw-current', 'pw.current', 'current-password');
  const [nw, nwBox] = field('pw-new', 'pw.new', 'new-password');
  const [rep, repBox] = field('pw-repeat', 'pw.repeat', 'new-password');
  const inputs = { current_password: cur, new_password: nw, repeat: rep };
  const alert = h('div', { id: 'pw-alert', class: 'form-error', role: 'alert' });
  const ok = h('div', { role: 'status', 'aria-live': 'polite' });
  const btn = h('button', { type: 'submit', class: 'btn btn--primary btn--block' }, t('pw.submit'));
  const show = h('input', { type: 'checkbox', id: 'pw-show', onchange: (e) => { for (const i of [cur, nw, rep]) i.type = e.target.checked ? 'text' : 'password'; } });

  function mark(name, msg) {
    const i = inputs[name] || null;
    if (i) {
      i.setAttribute('aria-invalid', 'true');
      document.getElementById(i.id + '-err').textContent = msg;
    }
    replace(alert, h('p', null, msg));
    (i || cur).focus();
  }
  function clear() {
    replace(alert);
    replace(ok);
    for (const i of [cur, nw, rep]) { i.removeAttribute('aria-invalid'); document.getElementById(i.id + '-err').textContent = ''; }
  }

  async function submit(e) {
    e.preventDefault();
    clear();
    if (!cur.value || !nw.value || !rep.value) { mark(!cur.value ? 'current_password' : !nw.value ? 'new_password' : 'repeat', t('pw.required')); return; }
    if (nw.value !== rep.value) { mark('repeat', t('pw.mismatch')); return; }
    if (nw.value === cur.value) { mark('new_password', t('pw.same')); return; }
    btn.disabled = true;
    btn.textContent = t('pw.busy');
    try {
      await homeApi.changePassword(cur.value, nw.value);
      for (const i of [cur, nw, rep]) i.value = '';
      replace(ok, h('p', { class: 'alert alert--info pw-done' }, t('pw.done')));
    } catch (err) {
      mark(err.field in inputs ? err.field : null, err.message);
    } finally {
      btn.disabled = false;
      btn.textContent = t('pw.submit');
    }
  }

  return h('section', { class: 'page pw' },
    h('h1', { class: 'page-title', tabindex: '-1' }, t('pw.title')),
    h('div', { class: 'card pw-card' },
      h('p', { class: 'hint pw-intro' }, t('pw.intro')),
      h('form', { class: 'pw-form', novalidate: true, onsubmit: submit },
        alert, curBox, nwBox, repBox,
        h('label', { class: 'pw-show', for: 'pw-show' }, show, h('span', null, t('pw.show'))),
        btn),
      ok),
    digestCard());
}

/** The daily digest's switch: saved as soon as it changes. */
function digestCard() {
  const box = h('input', { type: 'checkbox', id: 'digest-enabled', disabled: true });
  const said = h('p', { class: 'hint', role: 'status', 'aria-live': 'polite', id: 'digest-status' });
  const err = h('p', { class: 'form-error', role: 'alert' });
  request('GET', '/api/v1/me/digest').then((r) => { box.checked = !!r.enabled; box.disabled = false; })
    .catch((x) => { err.textContent = x.message; });
  box.addEventListener('change', async () => {
    const want = box.checked;
    box.disabled = true;
    err.textContent = '';
    try {
      const r = await request('POST', '/api/v1/me/digest', { body: { enabled: want } });
      box.checked = !!r.enabled;
      said.textContent = t(r.enabled ? 'digest.on' : 'digest.off');
    } catch (x) {
      box.checked = !want;
      err.textContent = x.message;
    } finally { box.disabled = false; }
  });
  return h('div', { class: 'card digest-card', role: 'group', 'aria-labelledby': 'digest-title' },
    h('h2', { class: 'card-kicker', id: 'digest-title' }, t('digest.title')),
    h('p', { class: 'hint' }, t('digest.intro')),
    h('label', { class: 'digest-check', for: 'digest-enabled' }, box, h('span', null, t('digest.enable'))),
    said, err);
}
