// SPDX-License-Identifier: AGPL-3.0-or-later
// The contests of a directive ("Bên nhau là Tết") under its letter: each
// with its rules, entry period, kinds of entry and prize, and a link for
// the cadres of the receiving unions to enter their members' posts. The
// officers of the directive's issuing side (or of a receiving unit, for its
// own subtree) create one here, and the organising unit's officers edit it.
import { h, replace } from '../dom.js';
import { request } from '../api.js';
import { t, fmtDate, fmtNumber } from '../i18n.js';
import { href } from '../router.js';
import { session } from '../session.js';
import { dateInput, dateValue } from '../ui/dateInput.js';
import { errorBox, loading } from '../ui/status.js';
import { isOfficer } from './directiveCommon.js';

const contestsApi = {
  list: (dirId) => request('GET', '/api/v1/contests', { query: { directive_id: dirId, limit: 500 } }),
  create: (body) => request('POST', '/api/v1/contests', { body }),
  update: (id, body) => request('PATCH', `/api/v1/contests/${encodeURIComponent(id)}`, { body }),
};

const KINDS = ['writing', 'video'];

/** May the user edit contest c (an officer of its organising unit, or an admin above it)? */
function mayEdit(c) {
  const u = session.user;
  if (!u || !isOfficer()) return false;
  if (u.unit && c.issuer && u.unit.id === c.issuer.id) return true;
  return u.role === 'admin';
}

/** "20/01/2024 – 20/02/2024", "từ 20/01/2024", "đến 20/02/2024", or null. */
function period(c) {
  if (c.starts_on && c.ends_on) return t('dcon.period', { from: fmtDate(c.starts_on), to: fmtDate(c.ends_on) });
  if (c.starts_on) return t('dcon.from', { from: fmtDate(c.starts_on) });
  if (c.ends_on) return t('dcon.until', { to: fmtDate(c.ends_on) });
  return null;
}

/**
 * The section: d the directive, canCreate whether the user may create one
 * here (an officer of the issuing side or of a receiving unit).
 */
export function contestsSection(d, canCreate) {
  const box = h('div', { class: 'dcon-box' }, loading());
  const formBox = h('div', { class: 'dcon-form-box' });
  const addBtn = canCreate ? h('button', {
    type: 'button', class: 'btn btn--primary dcon-new',
    onclick: () => { addBtn.hidden = true; replace(formBox, contestForm(d, null, done)); formBox.querySelector('input').focus(); },
  }, t('dcon.create')) : null;

  function done(saved) {
    formBox.replaceChildren();
    if (addBtn) addBtn.hidden = false;
    load(saved && saved.id);
  }

  async function load(focusId) {
    try {
      const items = (await contestsApi.list(d.id)).items || [];
      box.replaceChildren(items.length
        ? h('ul', { class: 'dcon-list' }, items.map((c) => card(c)))
        : h('p', { class: 'slist-empty' }, canCreate ? t('dcon.noneYetOfficer') : t('dcon.noneYet')));
      const el = focusId && box.querySelector(`[data-contest-id="${focusId}"] .dcon-name`);
      if (el) el.focus();
    } catch (ex) { box.replaceChildren(errorBox(ex, () => load())); }
  }

  function card(c) {
    const when = period(c);
    const edit = mayEdit(c) ? h('button', {
      type: 'button', class: 'btn btn--secondary dcon-edit',
      onclick: () => { replace(li, contestForm(d, c, done)); li.querySelector('input').focus(); },
    }, t('dcon.edit')) : null;
    const li = h('li', { class: 'card dcon', 'data-contest-id': c.id },
      h('h3', { class: 'dcon-name', tabindex: '-1' }, c.name),
      h('p', { class: 'dcon-meta' },
        c.hashtag ? h('span', { class: 'tag tag--muted' }, c.hashtag) : null,
        (c.kinds || KINDS).map((k) => h('span', { class: 'tag tag--muted' }, t('dcon.kind.' + k))),
        h('span', { class: 'dcon-org' }, t('dcon.by', { unit: c.issuer ? c.issuer.name : '' }))),
      when ? h('p', { class: 'dcon-period' }, h('strong', null, t('dcon.periodLabel'), ' '), when) : null,
      c.prize ? h('p', { class: 'dcon-prize' }, h('strong', null, t('dcon.prizeLabel'), ' '), c.prize) : null,
      c.rules ? h('details', { class: 'dcon-rules' }, h('summary', null, t('dcon.rulesLabel')), h('p', { class: 'dcon-rules-text' }, c.rules)) : null,
      h('p', { class: 'dcon-actions' },
        h('a', { class: 'btn btn--primary dcon-enter', href: href(`/activities/contest?d=${d.id}&c=${c.id}`) },
          t('dcon.enter'), ' ', h('span', { class: 'dcon-count' }, t('dcon.entries', { n: fmtNumber(c.entries) }))),
        edit));
    return li;
  }

  load();
  return h('section', { class: 'card dcon-sec', 'aria-labelledby': 'dcon-title' },
    h('h2', { class: 'dsec-title', id: 'dcon-title' }, t('dcon.title')),
    box, addBtn, formBox);
}

/** The create (c null) or edit form; after(saved|null) when it is done or cancelled. */
function contestForm(d, c, after) {
  const x = c || {};
  const fid = (n) => `dcon-${c ? c.id : 'new'}-${n}`;
  const err = h('div', { class: 'form-error', role: 'alert' });
  const f = {
    name: h('input', { id: fid('name'), name: 'name', class: 'input', required: true, value: x.name || '', autocomplete: 'off' }),
    hashtag: h('input', { id: fid('hashtag'), name: 'hashtag', class: 'input', value: x.hashtag || '', autocomplete: 'off', placeholder: '#BenNhauLaTet' }),
    rules: h('textarea', { id: fid('rules'), name: 'rules', class: 'input input--area', rows: 4 }),
    starts_on: dateInput({ id: fid('starts'), name: 'starts_on' }, x.starts_on || ''),
    ends_on: dateInput({ id: fid('ends'), name: 'ends_on' }, x.ends_on || ''),
    prize: h('input', { id: fid('prize'), name: 'prize', class: 'input', value: x.prize || '', autocomplete: 'off' }),
  };
  f.rules.value = x.rules || '';
  const kinds = KINDS.map((k) => h('input', { type: 'checkbox', name: 'kinds', value: k, checked: !x.kinds || x.kinds.includes(k) }));
  const field = (key, label, control, hint) => h('div', { class: 'field', 'data-field': key },
    h('label', { class: 'label', for: control.id }, label), control, hint ? h('p', { class: 'hint' }, hint) : null);
  const submit = h('button', { type: 'submit', class: 'btn btn--primary dcon-save' }, c ? t('dcon.save') : t('dcon.createSubmit'));

  const form = h('form', {
    class: 'card dcon-form', novalidate: true,
    onsubmit: async (e) => {
      e.preventDefault();
      err.replaceChildren();
      form.querySelectorAll('[aria-invalid]').forEach((el) => el.removeAttribute('aria-invalid'));
      const body = {
        name: f.name.value.trim(), hashtag: f.hashtag.value.trim() || null, rules: f.rules.value.trim() || null,
        starts_on: dateValue(f.starts_on) || null, ends_on: dateValue(f.ends_on) || null,
        kinds: kinds.filter((k) => k.checked).map((k) => k.value), prize: f.prize.value.trim() || null,
      };
      if (!body.kinds.length) body.kinds = null; // none ticked: both
      submit.disabled = true;
      try {
        const saved = c ? await contestsApi.update(c.id, body) : await contestsApi.create({ directive_id: d.id, ...body });
        after(saved);
      } catch (ex) {
        submit.disabled = false;
        err.replaceChildren(h('p', null, ex.message));
        const name = (ex.field || '').replace(/\[\d+\]$/, '');
        const bad = name && form.querySelector(`[name="${name}"]`);
        if (bad) { bad.setAttribute('aria-invalid', 'true'); bad.focus(); }
      }
    },
  },
  h('h3', { class: 'dcon-form-title' }, c ? t('dcon.editTitle', { name: c.name }) : t('dcon.createTitle')),
  err,
  field('name', t('dcon.name'), f.name),
  field('rules', t('dcon.rules'), f.rules),
  h('div', { class: 'dgrid' },
    h('div', { class: 'dgrid-half' }, field('starts_on', t('dcon.starts'), f.starts_on, t('dcon.dateHint'))),
    h('div', { class: 'dgrid-half' }, field('ends_on', t('dcon.ends'), f.ends_on, t('dcon.dateHint')))),
  h('fieldset', { class: 'dfs dcon-kinds', 'data-field': 'kinds' },
    h('legend', { class: 'dfs-legend' }, t('dcon.kinds')),
    kinds.map((k) => h('label', { class: 'dradio' }, k, h('span', null, t('dcon.kind.' + k.value))))),
  field('hashtag', t('dcon.hashtag'), f.hashtag),
  field('prize', t('dcon.prize'), f.prize),
  h('div', { class: 'dbar-buttons' },
    h('button', { type: 'button', class: 'btn btn--secondary', onclick: () => after(null) }, t('dcon.cancel')),
    submit));
  return form;
}
