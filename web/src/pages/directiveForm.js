// SPDX-License-Identifier: AGPL-3.0-or-later
// Building blocks of the directive editor: labelled fields that know their
// JSON path (so a server error "themes[2].title" lands next to its input),
// add/remove/reorder lists, and a unit picker on the units search API.
import { h, icon, ICONS } from '../dom.js';
import { api } from '../api.js';
import { t, fmtDate } from '../i18n.js';
import { isoFromDmy } from '../ui/dateInput.js';

/** "18/01/2024" (or 18-1-2024, 18.01.2024) → "2024-01-18"; anything else as typed, for the server to refuse. */
export { isoFromDmy };

let uid = 0;
/** A DOM id for a JSON path ("themes[1].items[0]" → "df-themes-1-items-0-7"). */
export function fieldId(path) {
  return 'df-' + path.replace(/[^a-z0-9]+/gi, '-').replace(/-+$/, '') + '-' + (++uid);
}

/**
 * A labelled control bound to obj[key]. opts: {type, textarea, rows, hint,
 * required, list, inputmode, autocomplete, labelText, class}.
 */
export function boundField(path, labelKey, obj, key, opts = {}) {
  const id = fieldId(path);
  const hintId = opts.hint ? id + '-hint' : null;
  const attrs = {
    id, name: path, class: ['input', opts.textarea && 'input--area', opts.class], 'data-path': path,
    'aria-describedby': hintId, required: !!opts.required, list: opts.list, inputmode: opts.inputmode,
    autocomplete: opts.autocomplete || 'off', spellcheck: opts.spellcheck,
    oninput: (e) => { obj[key] = opts.date ? isoFromDmy(e.target.value) : e.target.value; clearFieldError(e.target); },
  };
  // Dates are typed dd/mm/yyyy whatever the browser's locale (a native date
  // input would show mm/dd/yyyy in an English browser); the model keeps ISO.
  if (opts.date) Object.assign(attrs, { inputmode: 'numeric', placeholder: t('dir.ed.datePlaceholder'), maxlength: 10, class: ['input', 'input--date'] });
  let control;
  if (opts.textarea) {
    control = h('textarea', { ...attrs, rows: opts.rows || 3 });
    control.value = obj[key] || '';
  } else {
    control = h('input', { ...attrs, type: opts.type || 'text' });
    control.value = opts.date && /^\d{4}-\d{2}-\d{2}$/.test(obj[key] || '') ? fmtDate(obj[key]) : (obj[key] || '');
  }
  return h('div', { class: ['field', opts.wrapClass], 'data-field': path },
    h('label', { for: id, class: 'label' }, opts.labelText || t(labelKey), opts.required ? h('span', { class: 'req', 'aria-hidden': 'true' }, ' *') : null),
    control,
    opts.hint ? h('p', { id: hintId, class: 'hint' }, opts.hint) : null);
}

/** Removes the error mark of a control once the user changes it. */
export function clearFieldError(control) {
  const wrap = control.closest('[data-field]');
  if (!wrap) return;
  const err = wrap.querySelector(':scope > .field-error');
  if (err) err.remove();
  control.removeAttribute('aria-invalid');
  const desc = (control.getAttribute('aria-describedby') || '').split(' ').filter((x) => x && !x.endsWith('-err')).join(' ');
  if (desc) control.setAttribute('aria-describedby', desc); else control.removeAttribute('aria-describedby');
}

/** Clears every field error in root. */
export function clearAllErrors(root) {
  root.querySelectorAll('.field-error').forEach((e) => e.remove());
  root.querySelectorAll('[aria-invalid="true"]').forEach((c) => clearFieldError(c));
}

/**
 * Marks the field for JSON path (or its nearest parent: "themes[2].items[0]"
 * → "themes[2]" → "themes") with message; returns its control, or null.
 */
export function showFieldError(root, path, message) {
  let p = path || '';
  let wrap = null;
  while (p) {
    wrap = root.querySelector(`[data-field="${CSS.escape(p)}"]`);
    if (wrap) break;
    const cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
    p = cut > 0 ? p.slice(0, cut) : '';
  }
  if (!wrap) return null;
  const control = wrap.querySelector('input:not([type="radio"]):not([type="file"]), textarea, select') ||
    wrap.querySelector('input, button');
  const errId = (control && control.id ? control.id : fieldId(p)) + '-err';
  const old = wrap.querySelector(':scope > .field-error');
  if (old) old.remove();
  const msg = h('p', { class: 'field-error', id: errId }, icon(WARN, 'icon field-error-icon'), message);
  const label = wrap.querySelector(':scope > label, :scope > legend');
  if (label && label.nextSibling) wrap.insertBefore(msg, label.nextSibling); else wrap.prepend(msg);
  if (control) {
    control.setAttribute('aria-invalid', 'true');
    const desc = (control.getAttribute('aria-describedby') || '').split(' ').filter(Boolean);
    if (!desc.includes(errId)) control.setAttribute('aria-describedby', [errId, ...desc].join(' '));
  }
  return control || wrap;
}

const WARN = ['M12 3 1.8 20.5h20.4L12 3Zm0 3.1 7.6 13H4.4L12 6.1Zm-.75 4.4v4.5h1.5v-4.5h-1.5Zm0 5.75v1.5h1.5v-1.5h-1.5Z'];
export const ICON_UP = ['M12 7.5 5.5 14l1.06 1.06L12 9.62l5.44 5.44L18.5 14 12 7.5Z'];
export const ICON_DOWN = ['M12 16.5 18.5 10l-1.06-1.06L12 14.38 6.56 8.94 5.5 10l6.5 6.5Z'];
export const ICON_X = ['M6.53 5.47 5.47 6.53 10.94 12l-5.47 5.47 1.06 1.06L12 13.06l5.47 5.47 1.06-1.06L13.06 12l5.47-5.47-1.06-1.06L12 10.94 6.53 5.47Z'];
export const ICON_PLUS = ['M11.25 5v6.25H5v1.5h6.25V19h1.5v-6.25H19v-1.5h-6.25V5h-1.5Z'];

/** A small square icon button with an accessible name. */
export function iconBtn(paths, label, onclick, extra = {}) {
  return h('button', { type: 'button', class: 'ibtn', 'aria-label': label, title: label, onclick, ...extra }, icon(paths));
}

/** Up / down / remove buttons for row i of arr; after(i2, what) re-renders and refocuses. */
export function rowTools(arr, i, name, after) {
  const n = arr.length;
  const move = (d) => { const [x] = arr.splice(i, 1); arr.splice(i + d, 0, x); after(i + d, d < 0 ? 'up' : 'down'); };
  return h('div', { class: 'rowtools' },
    iconBtn(ICON_UP, t('dir.ed.moveUp', { name }), () => move(-1), { disabled: i === 0, 'data-act': 'up' }),
    iconBtn(ICON_DOWN, t('dir.ed.moveDown', { name }), () => move(1), { disabled: i === n - 1, 'data-act': 'down' }),
    iconBtn(ICON_X, t('dir.ed.remove', { name }), () => { arr.splice(i, 1); after(Math.min(i, arr.length - 1), 'remove'); }, { 'data-act': 'remove', class: 'ibtn ibtn--danger' }));
}

/**
 * An editable list of strings at path (arr is mutated in place). opts:
 * {itemKey: label of one item ("Nhiệm vụ"), addKey, textarea, announce(text)}.
 */
export function stringList(path, arr, opts) {
  const box = h('div', { class: 'slist', 'data-field': path });
  function draw(focusIdx, what) {
    const rows = arr.map((_, i) => {
      const name = `${t(opts.itemKey)} ${i + 1}`;
      const f = boundField(`${path}[${i}]`, null, arr, i, {
        textarea: opts.textarea, rows: opts.rows || 2, labelText: name, class: opts.inputClass, wrapClass: 'slist-field',
      });
      return h('li', { class: 'slist-row' }, f, rowTools(arr, i, name, draw));
    });
    box.replaceChildren(
      arr.length ? h('ol', { class: 'slist-rows' }, rows) : h('p', { class: 'slist-empty' }, t(opts.emptyKey || 'dir.ed.emptyList')),
      h('button', {
        type: 'button', class: 'btn btn--ghost slist-add',
        onclick: () => { arr.push(''); draw(arr.length - 1, 'add'); },
      }, icon(ICON_PLUS), t(opts.addKey)));
    if (what) refocus(box, focusIdx, what, opts, arr.length);
  }
  draw();
  return box;
}

/** After a structural change: focus the moved/new row's control, announce it. */
export function refocus(box, i, what, opts, n) {
  const rows = box.querySelectorAll(':scope > ol > li');
  const row = rows[i];
  let target = null;
  if (what === 'add') target = row && row.querySelector('input, textarea');
  else if (what === 'up' || what === 'down') {
    target = row && row.querySelector(`:scope > .rowtools [data-act="${what}"]`);
    if (target && target.disabled) target = row.querySelector(`:scope > .rowtools [data-act="${what === 'up' ? 'down' : 'up'}"]`);
  } else if (what === 'remove') target = row ? row.querySelector('input, textarea') : box.querySelector(':scope > .slist-add, :scope > .btn');
  if (target) target.focus();
  if (opts && opts.announce) {
    opts.announce(t('dir.ed.announce.' + what, { pos: i + 1, n }));
  }
}

/**
 * Picks units from the units search (diacritic-insensitive). onPick(unit)
 * gets {id, name, code}. Returns the search block.
 */
export function unitSearch(labelText, onPick) {
  const id = fieldId('unit-search');
  const results = h('ul', { class: 'upick-results', id: id + '-results' });
  const status = h('p', { class: 'hint', role: 'status', 'aria-live': 'polite' });
  let timer = null;
  let seq = 0;
  const input = h('input', {
    id, type: 'search', class: 'input input--search', autocomplete: 'off', spellcheck: 'false', enterkeyhint: 'search',
    'aria-controls': id + '-results', 'aria-describedby': id + '-hint',
    oninput: () => { clearTimeout(timer); timer = setTimeout(run, 250); },
    onkeydown: (e) => { if (e.key === 'Enter') { e.preventDefault(); run(); } },
  });
  async function run() {
    const q = input.value.trim();
    const my = ++seq;
    if (!q) { results.replaceChildren(); status.textContent = ''; return; }
    status.textContent = t('units.searching');
    try {
      const r = await api.searchUnits(q, 20);
      if (my !== seq) return;
      const items = r.items || [];
      status.textContent = t('units.found', { total: items.length, totalFmt: String(items.length) });
      results.replaceChildren(...items.map((u) => h('li', null, h('button', {
        type: 'button', class: 'upick-item', 'data-unit-id': u.id,
        onclick: () => { onPick(u); input.value = ''; results.replaceChildren(); status.textContent = ''; },
      }, h('span', { class: 'upick-name' }, u.name), h('span', { class: 'code' }, u.code)))));
    } catch (ex) {
      if (my !== seq) return;
      status.textContent = ex.message;
    }
  }
  return h('div', { class: 'upick' },
    h('label', { for: id, class: 'label label--sub' }, labelText),
    h('div', { class: 'search-row' }, h('span', { class: 'search-icon' }, icon(ICONS.search)), input),
    h('p', { class: 'hint', id: id + '-hint' }, t('dir.ed.unitSearchHint')),
    status, results);
}
