// SPDX-License-Identifier: AGPL-3.0-or-later
// The indicator picker of the directive form: the figures a directive asks
// for are chosen from the catalogue by their Vietnamese label (search as you
// type, diacritics optional: "qua tet" finds "Số suất quà Tết"), shown with
// their unit of measure, never as codes. A label the catalogue lacks can be
// added on the spot (the server derives its code). The chosen list is the
// array of codes the API takes; each row carries data-field="indicators[i]"
// so that an error naming indicators[i].code lands on it.
import { h, icon, ICONS } from '../dom.js';
import { request } from '../api.js';
import { t } from '../i18n.js';

let uid = 0;
const MEASURES = ['items', 'people', 'vnd', 'tickets', 'trips', 'stalls', 'programmes', 'visits', 'percent'];

/** The catalogue API: one page of matches, or a new definition. */
export const indicatorsApi = {
  search: (q, limit = 20) => request('GET', '/api/v1/indicators', { query: { q, limit } }),
  create: (body) => request('POST', '/api/v1/indicators', { body }),
};

/** "Số suất quà Tết · suất" */
export function indicatorLabel(x) {
  const unit = x && x.measure ? t('dir.ind.measure.' + x.measure) : '';
  return unit ? `${x.name_vi} (${unit})` : (x ? x.name_vi : '');
}

/**
 * The picker for codes (an array, changed in place). labels: Map code →
 * catalogue row (filled from the directive's view and by picks).
 * opts.announce(text) speaks changes.
 */
export function indicatorPicker(path, codes, labels, opts = {}) {
  const id = `ipick-${++uid}`;
  const box = h('div', { class: 'ipick', 'data-field': path });
  const chosenBox = h('div', { class: 'ipick-chosen-box' });
  const results = h('ul', { class: 'ipick-results', id: id + '-results' });
  const status = h('p', { class: 'hint ipick-status', role: 'status', 'aria-live': 'polite' });
  const announce = opts.announce || (() => {});
  let timer = null;
  let seq = 0;

  const input = h('input', {
    id, type: 'search', class: 'input input--search', autocomplete: 'off', spellcheck: 'false', enterkeyhint: 'search',
    'aria-controls': id + '-results', 'aria-describedby': id + '-hint',
    oninput: () => { clearTimeout(timer); timer = setTimeout(run, 200); },
    onkeydown: (e) => { if (e.key === 'Enter') { e.preventDefault(); clearTimeout(timer); run(); } },
  });

  function drawChosen() {
    const rows = codes.map((code, i) => {
      const x = labels.get(code);
      const name = x ? x.name_vi : code;
      return h('li', { class: 'ipick-chosen-item', 'data-field': `${path}[${i}]`, 'data-code': code },
        h('span', { class: 'ipick-name' }, name),
        x && x.measure ? h('span', { class: 'ipick-unit' }, t('dir.ind.measure.' + x.measure)) : null,
        h('button', {
          type: 'button', class: 'ibtn ipick-remove', 'aria-label': t('dir.ind.remove', { name }), title: t('dir.ind.remove', { name }),
          onclick: () => { codes.splice(i, 1); drawChosen(); announce(t('dir.ind.removed', { name })); input.focus(); },
        }, '×'));
    });
    chosenBox.replaceChildren(rows.length
      ? h('ol', { class: 'ipick-chosen', 'aria-label': t('dir.ind.chosen', { n: rows.length }) }, rows)
      : h('p', { class: 'slist-empty' }, t('dir.ind.none')));
  }

  function pick(x) {
    labels.set(x.code, x);
    if (!codes.includes(x.code)) codes.push(x.code);
    input.value = '';
    results.replaceChildren();
    status.textContent = '';
    drawChosen();
    announce(t('dir.ind.added', { name: x.name_vi }));
    input.focus();
  }

  /** "Add “label” to the catalogue" with its unit of measure. */
  function createRow(q) {
    const sel = h('select', { class: 'input ipick-measure', 'aria-label': t('dir.ind.measure') },
      MEASURES.map((m) => h('option', { value: m }, t('dir.ind.measure.' + m))));
    const err = h('p', { class: 'form-error', role: 'alert' });
    const btn = h('button', {
      type: 'button', class: 'btn btn--secondary ipick-create',
      onclick: async () => {
        btn.disabled = true;
        err.textContent = '';
        try {
          pick(await indicatorsApi.create({ name_vi: q, measure: sel.value }));
        } catch (ex) {
          btn.disabled = false;
          err.textContent = ex.message;
        }
      },
    }, t('dir.ind.create', { name: q }));
    return h('li', { class: 'ipick-new' },
      h('div', { class: 'ipick-new-row' }, h('label', { class: 'label label--sub' }, t('dir.ind.measure'), sel), btn), err);
  }

  async function run() {
    const q = input.value.trim();
    const my = ++seq;
    if (!q) { results.replaceChildren(); status.textContent = ''; return; }
    status.textContent = t('dir.ind.searching');
    try {
      const r = await indicatorsApi.search(q);
      if (my !== seq) return;
      const items = r.items || [];
      // A new definition only when nothing matches: "suat qua tet" must lead to "Số suất quà Tết", not to a copy of it.
      const offerNew = !items.length;
      status.textContent = items.length ? t('dir.ind.found', { n: items.length }) : t('dir.ind.noMatch', { q });
      results.replaceChildren(...[
        ...items.map((x) => h('li', null, h('button', {
          type: 'button', class: 'ipick-item', 'data-code': x.code, disabled: codes.includes(x.code),
          onclick: () => pick(x),
        }, h('span', { class: 'ipick-name' }, x.name_vi),
        h('span', { class: 'ipick-unit' }, codes.includes(x.code) ? t('dir.ind.already') : t('dir.ind.measure.' + x.measure))))),
        offerNew && opts.canCreate !== false ? createRow(q) : null].filter(Boolean));
    } catch (ex) {
      if (my !== seq) return;
      status.textContent = ex.message;
    }
  }

  drawChosen();
  box.append(chosenBox,
    h('div', { class: 'ipick-search' },
      h('label', { for: id, class: 'label label--sub' }, t('dir.ind.search')),
      h('div', { class: 'search-row' }, h('span', { class: 'search-icon' }, icon(ICONS.search)), input),
      h('p', { class: 'hint', id: id + '-hint' }, t('dir.ind.searchHint'))),
    status, results);
  return box;
}
