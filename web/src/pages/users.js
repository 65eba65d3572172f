// SPDX-License-Identifier: AGPL-3.0-or-later
// An officer resets the password of a user of its subtree (issue 12, defect
// 10): GET /api/v1/users?q= finds them (a page at a time), POST
// /api/v1/users/{id}/password {password} sets a new one and ends every
// session of that user. The server decides who may be reset (not oneself,
// not a role above one's own, only below one's unit) and says why not.
import { h, replace } from '../dom.js';
import { request } from '../api.js';
import { t } from '../i18n.js';
import { session } from '../session.js';
import { errorBox, emptyNote, loading } from '../ui/status.js';
import { moreButton } from '../ui/more.js';
import '../styles/share.css';

export const title = () => t('usr.title');

const PAGE = 50;

function resetForm(u, onCancel) {
  const id = `usr-pw-${u.id}`;
  const input = h('input', { id, class: 'input', type: 'password', autocomplete: 'new-password', minlength: 8, required: true, 'aria-describedby': id + '-hint' });
  const again = h('input', { id: id + '-again', class: 'input', type: 'password', autocomplete: 'new-password', required: true });
  const alert = h('div', { class: 'form-error', role: 'alert' });
  const btn = h('button', { type: 'submit', class: 'btn btn--primary' }, t('usr.resetSubmit'));
  const form = h('form', { class: 'usr-form', novalidate: true },
    h('div', { class: 'field' }, h('label', { class: 'label', for: id }, t('usr.newPassword')), input,
      h('p', { class: 'hint', id: id + '-hint' }, t('usr.hint'))),
    h('div', { class: 'field' }, h('label', { class: 'label', for: id + '-again' }, t('usr.again')), again),
    alert,
    h('div', { class: 'usr-actions' }, btn,
      h('button', { type: 'button', class: 'btn btn--secondary', onclick: () => { form.remove(); onCancel(); } }, t('usr.cancel'))));
  const fail = (msg, el) => { replace(alert, h('p', null, msg)); if (el) { el.setAttribute('aria-invalid', 'true'); el.focus(); } };
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    input.removeAttribute('aria-invalid');
    again.removeAttribute('aria-invalid');
    replace(alert);
    if (input.value.length < 8) return fail(t('usr.short'), input);
    if (input.value !== again.value) return fail(t('pw.mismatch'), again);
    btn.disabled = true;
    try {
      await request('POST', `/api/v1/users/${encodeURIComponent(u.id)}/password`, { body: { password: input.value } });
      form.replaceWith(h('p', { class: 'alert alert--info usr-done', role: 'status' }, t('usr.done', { name: u.name, login: u.login })));
    } catch (x) {
      btn.disabled = false;
      fail(x.message, x.field === 'password' ? input : null);
    }
  });
  return form;
}

function userRow(u) {
  const me = session.user && session.user.id === u.id;
  const row = h('li', { class: 'card usr-item', 'data-login': u.login },
    h('p', { class: 'usr-name' }, h('strong', null, u.name), ' ', h('span', { class: 'code' }, u.login)),
    h('p', { class: 'hint usr-meta' }, `${t('role.' + u.role)} · ${u.unit ? u.unit.name : ''}${u.disabled ? ' · ' + t('usr.disabled') : ''}`));
  if (!me) {
    const open = h('button', { type: 'button', class: 'btn btn--secondary btn--small usr-reset' }, t('usr.reset'));
    // The button gives way to the form (a .btn's display beats [hidden]) and comes back on "Hủy".
    open.addEventListener('click', () => {
      const f = resetForm(u, () => { row.append(open); open.focus(); });
      open.replaceWith(f);
      f.querySelector('input').focus();
    });
    row.append(open);
  }
  return row;
}

export function render(ctx) {
  const q = ctx.query.get('q') || '';
  const box = h('div', { class: 'usr-results', 'aria-live': 'polite' }, loading());
  const search = h('input', { id: 'usr-q', class: 'input', type: 'search', value: q, autocomplete: 'off' });
  let seq = 0;
  async function load() {
    const my = ++seq;
    try {
      const first = await request('GET', '/api/v1/users', { query: { q: search.value.trim() || undefined, limit: PAGE } });
      if (my !== seq) return;
      const list = h('ul', { class: 'usr-list' }, (first.items || []).map(userRow));
      replace(box, ...(first.items?.length ? [list, moreButton(first.next_cursor, async (cursor) => {
        const p = await request('GET', '/api/v1/users', { query: { q: search.value.trim() || undefined, limit: PAGE, cursor } });
        list.append(...(p.items || []).map(userRow));
        return p.next_cursor;
      })] : [emptyNote(t('usr.none'))]).filter(Boolean));
    } catch (x) {
      if (my === seq) replace(box, errorBox(x, load));
    }
  }
  load();
  return h('section', { class: 'page usr' },
    h('h1', { class: 'page-title', tabindex: '-1' }, t('usr.title')),
    h('p', { class: 'hint' }, t('usr.intro')),
    h('form', { class: 'usr-search', role: 'search', onsubmit: (e) => { e.preventDefault(); load(); } },
      h('label', { class: 'label', for: 'usr-q' }, t('usr.search')), search,
      h('button', { type: 'submit', class: 'btn btn--primary' }, t('usr.find'))),
    box);
}
