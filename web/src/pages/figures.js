// SPDX-License-Identifier: AGPL-3.0-or-later
// Care figures of the user's unit for a directive: one number field per
// indicator the directive asks for, saved together; errors name the figure,
// warnings are listed and each can be confirmed with a comment; every change
// is kept (history). Officers also see the totals of their subtree.
import { h, replace } from '../dom.js';
import { activityApi, files } from '../api_activity.js';
import { t, fmtNumber, fmtDate, getLang } from '../i18n.js';
import { errorBox, emptyNote } from '../ui/status.js';
import { moreButton } from '../ui/more.js';
import { vnDay } from '../api_home.js';
import { currentDirective, importBox, isOfficer, pageHead } from './activityCommon.js';

/**
 * A server message names a figure by its code ("people_supported phải là
 * một số"): people know it by its name.
 */
function named(message, indicators, en) {
  let m = String(message || '');
  for (const i of indicators) {
    const name = en ? i.name_en : i.name_vi;
    if (name && i.code) m = m.split(i.code).join(`«${name}»`);
  }
  return m;
}

export async function render(ctx) {
  const { list, dir } = await currentDirective(ctx);
  const head = pageHead('/activities/figures', 'fig.title', list, dir);
  if (!dir) return h('section', { class: 'page' }, head, emptyNote(t('act.noDirective')));
  const body = h('div', null);
  const page = h('section', { class: 'page act-page' }, head, body);

  async function load(flash) {
    let fig;
    try {
      fig = await activityApi.figures(dir.id);
    } catch (err) {
      replace(body, errorBox(err, () => load()));
      return;
    }
    replace(body, 
      flash ? h('p', { class: 'alert alert--info', role: 'status' }, flash) : null,
      figureForm(fig, load),
      warnings(fig, load),
      h('details', { class: 'act-files card' }, h('summary', null, t('act.files')),
        h('p', null,
          h('a', { class: 'btn btn--secondary', href: files.figuresTemplate(dir.id), download: '' }, t('act.template')), ' ',
          h('a', { class: 'btn btn--secondary', href: files.figuresXlsx(dir.id), download: '' }, t('act.exportXlsx'))),
        importBox('fig-import', `/api/v1/directives/${dir.id}/figures/import`, () => load())),
      historyBox(fig),
      isOfficer() ? summaryBox() : null);
  }

  function figureForm(fig, reload) {
    const err = h('p', { class: 'form-error', id: 'fig-error', role: 'alert' });
    const en = getLang() === 'en';
    const inputs = fig.indicators.map((i) => h('div', { class: 'field fig-field' },
      h('label', { class: 'label', for: 'fig-' + i.code }, en ? i.name_en : i.name_vi,
        h('span', { class: 'fig-measure' }, ' (' + t('fig.measure.' + i.measure) + ')')),
      h('input', { id: 'fig-' + i.code, name: i.code, class: 'input fig-input', type: 'text', inputmode: 'numeric',
        autocomplete: 'off', value: i.value === null ? '' : fmtNumber(i.value), disabled: fig.locked, 'data-was': i.value === null ? '' : String(i.value) })));
    const form = h('form', {
      class: 'card fig-form', novalidate: true,
      onsubmit: async (e) => {
        e.preventDefault();
        err.textContent = '';
        const values = {};
        for (const el of form.querySelectorAll('.fig-input')) {
          el.removeAttribute('aria-invalid');
          // "1.500.000" / "1,500,000" / "1 500 000" are grouped thousands; "2,5" is a decimal comma.
          const raw = el.value.trim().replace(/[.,\s](?=\d{3}(\D|$))/g, '').replace(',', '.');
          const was = el.dataset.was === '' ? null : Number(el.dataset.was);
          if (raw === '') { if (was !== null) values[el.name] = null; continue; }
          const n = Number(raw);
          if (!Number.isFinite(n)) { err.textContent = t('fig.notNumber'); el.setAttribute('aria-invalid', 'true'); el.focus(); return; }
          if (n !== was) values[el.name] = n;
        }
        if (!Object.keys(values).length) { err.textContent = t('fig.nothing'); return; }
        try {
          await activityApi.setFigures(dir.id, values);
          reload(t('fig.saved'));
        } catch (x) {
          err.textContent = named(x.message, fig.indicators, en);
          const bad = x.field && form.querySelector(`[name="${x.field}"]`);
          if (bad) { bad.setAttribute('aria-invalid', 'true'); bad.focus(); }
        }
      },
    }, h('h2', { class: 'section-title' }, t('fig.yours')),
    fig.locked ? h('p', { class: 'alert alert--info fig-locked' }, t(fig.locked_by === 'submitted' ? 'fig.lockedSubmitted' : 'fig.locked')) : null,
    err, h('div', { class: 'fig-grid' }, inputs),
    fig.locked ? null : h('button', { type: 'submit', class: 'btn btn--primary btn--block' }, t('fig.save')));
    return form;
  }

  function warnings(fig, reload) {
    if (!fig.warnings.length) return null;
    const en = getLang() === 'en';
    return h('section', { class: 'card fig-warnings', 'aria-labelledby': 'fig-w-title' },
      h('h2', { id: 'fig-w-title', class: 'section-title' }, t('fig.warnings')),
      h('ul', null, fig.warnings.map((w, k) => {
        const id = 'fig-w-' + k;
        const comment = h('input', { id, class: 'input', maxlength: 1000, value: w.comment || '' });
        return h('li', { class: ['fig-warning', w.confirmed && 'is-confirmed'] },
          h('p', null, en ? w.en : w.vi),
          w.confirmed ? h('p', { class: 'tag tag--ok' }, t('fig.confirmed')) : null,
          h('label', { class: 'label', for: id }, t('fig.comment')), comment,
          h('button', { type: 'button', class: 'btn btn--secondary', onclick: async () => {
            try { await activityApi.confirm(dir.id, w.rule, comment.value.trim()); reload(t('fig.confirmedNow')); } catch (x) { alert(x.message); }
          } }, t('fig.confirm')));
      })));
  }

  // The history names each figure as the form does, never by its code, and
  // leaves out saves that did not change the value.
  function historyBox(fig) {
    const en = getLang() === 'en';
    const names = new Map(fig.indicators.map((i) => [i.code, en ? i.name_en : i.name_vi]));
    const measures = new Map(fig.indicators.map((i) => [i.code, i.measure]));
    const shown = (x) => x.old !== x.new;
    const value = (v, code) => (v === null ? t('unit.none') : measures.get(code) === 'vnd' ? `${fmtNumber(v)} ${t('rep.currency')}` : fmtNumber(v));
    const box = h('div', null);
    const det = h('details', { class: 'card' }, h('summary', null, t('fig.history')), box);
    det.addEventListener('toggle', async () => {
      if (!det.open) return;
      try {
        const r = await activityApi.history(dir.id);
        const row = (x) => h('li', { 'data-code': x.code },
          h('span', { class: 'fig-h-name' }, names.get(x.code) || t('fig.otherIndicator')), ': ',
          `${value(x.old, x.code)} → ${value(x.new, x.code)}`, ' · ',
          x.by ? x.by.name : t('fig.system'), ' · ', fmtDate(vnDay(x.at)));
        const items = r.items.filter(shown);
        const list = h('ul', { class: 'fig-history' }, items.map(row));
        box.replaceChildren(...(items.length || r.next_cursor ? [list, moreButton(r.next_cursor, async (cursor) => {
          const p = await activityApi.history(dir.id, cursor);
          list.append(...(p.items || []).filter(shown).map(row));
          return p.next_cursor;
        })] : [emptyNote(t('fig.noHistory'))]).filter(Boolean));
      } catch (err) { box.replaceChildren(errorBox(err)); }
    });
    return det;
  }

  function summaryBox() {
    const box = h('div', null);
    const det = h('details', { class: 'card' }, h('summary', null, t('fig.summary')), box);
    det.addEventListener('toggle', async () => {
      if (!det.open) return;
      try {
        const r = await activityApi.summary(dir.id);
        const en = getLang() === 'en';
        box.replaceChildren(h('div', { class: 'table-wrap' }, h('table', { class: 'fig-table' },
          h('thead', null, h('tr', null, h('th', { scope: 'col' }, t('fig.indicator')), h('th', { scope: 'col' }, t('fig.total')), h('th', { scope: 'col' }, t('fig.reporting')))),
          h('tbody', null, r.indicators.map((i) => h('tr', null, h('th', { scope: 'row' }, en ? i.name_en : i.name_vi),
            h('td', { class: 'num' }, fmtNumber(i.total)), h('td', { class: 'num' }, `${fmtNumber(i.units_reporting)}/${fmtNumber(r.recipients)}`)))))));
      } catch (err) { box.replaceChildren(errorBox(err)); }
    });
    return det;
  }

  await load();
  return page;
}

export const title = () => t('fig.title');
