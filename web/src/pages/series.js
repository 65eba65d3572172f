// SPDX-License-Identifier: AGPL-3.0-or-later
// "Số liệu nhiều năm": any indicator across past campaigns (e.g. the
// national "Tết Sum vầy" figures since 2015), as columns by year with the
// figures and their sources in a table; officers can import more years
// from a CSV or XLSX file (indicator, year, scope, value, source).
import { h } from '../dom.js';
import { request } from '../api.js';
import { t, fmtNumber, getLang } from '../i18n.js';
import { navigate } from '../router.js';
import { errorBox, emptyNote } from '../ui/status.js';
import { barList } from '../ui/chart.js';
import { isOfficer } from './directiveCommon.js';

export const title = () => t('ser.title');

const seriesApi = {
  list: () => request('GET', '/api/v1/series'),
  get: (indicator, scope) => request('GET', '/api/v1/series', { query: { indicator, scope } }),
  importFile: (file) => request('POST', '/api/v1/series/import', { body: file }),
};

function fmtValue(v, measure) {
  return measure === 'vnd' ? `${fmtNumber(Math.round(v))} đ` : fmtNumber(Math.round(v));
}

function chartAndTable(series, meta) {
  const items = series.items || [];
  if (!items.length) return emptyNote(t('ser.empty'));
  const name = getLang() === 'en' ? meta.name_en : meta.name_vi;
  return h('div', { class: 'series-body' },
    barList(items.map((x) => ({ label: String(x.year), value: x.value, text: fmtValue(x.value, meta.measure) })),
      { label: t('ser.chartLabel', { name }), cls: 'series-chart' }),
    h('table', { class: 'table series-table' },
      h('caption', null, t('ser.tableCaption', { name, scope: series.scope })),
      h('thead', null, h('tr', null,
        h('th', { scope: 'col' }, t('ser.year')), h('th', { scope: 'col', class: 'num' }, t('ser.value')),
        h('th', { scope: 'col' }, t('ser.source')))),
      h('tbody', null, items.map((x) => h('tr', null,
        h('th', { scope: 'row' }, String(x.year)),
        h('td', { class: 'num' }, fmtValue(x.value, meta.measure)),
        h('td', null, x.source || '—'))))));
}

export async function render(ctx) {
  const list = (await seriesApi.list()).items || [];
  const wanted = ctx.query.indicator || (list[0] && list[0].indicator);
  const meta = list.find((s) => s.indicator === wanted) || list[0];
  const status = h('div', { role: 'status', 'aria-live': 'polite', class: 'series-status' });
  const body = h('div', { class: 'series-wrap' });

  async function show(m) {
    body.replaceChildren();
    if (!m) { body.append(emptyNote(t('ser.none'))); return; }
    try {
      body.append(chartAndTable(await seriesApi.get(m.indicator, m.scope), m));
    } catch (err) {
      body.append(errorBox(err));
    }
  }

  const select = h('select', { id: 'series-indicator', class: 'input' },
    list.map((s) => h('option', { value: s.indicator, selected: meta && s.indicator === meta.indicator },
      `${getLang() === 'en' ? s.name_en : s.name_vi} (${s.from}–${s.to})`)));
  select.addEventListener('change', () => show(list.find((s) => s.indicator === select.value)));

  let upload = null;
  if (isOfficer()) {
    const file = h('input', { type: 'file', id: 'series-file', accept: '.csv,.xlsx,text/csv' });
    const btn = h('button', { type: 'submit', class: 'btn' }, t('ser.import'));
    upload = h('form', { class: 'series-import', novalidate: true },
      h('label', { for: 'series-file' }, t('ser.importLabel')),
      h('p', { class: 'hint' }, t('ser.importHint')),
      file, btn);
    upload.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      if (!file.files[0]) { status.textContent = t('ser.pickFile'); return; }
      btn.disabled = true;
      try {
        const r = await seriesApi.importFile(file.files[0]);
        status.textContent = t('ser.imported', { n: r.imported });
        if (!list.length) navigate('/reports');
        else await show(list.find((s) => s.indicator === select.value));
      } catch (err) {
        // The server names the cell at fault ("row 2, column D (value)"): show it with the message.
        status.replaceChildren(errorBox(err), err.field ? h('p', { class: 'hint' }, err.field) : '');
      } finally {
        btn.disabled = false;
      }
    });
  }
  await show(meta);
  return h('section', { class: 'page series' },
    h('h1', { class: 'page-title', tabindex: '-1' }, t('ser.title')),
    h('p', { class: 'hint' }, t('ser.intro')),
    list.length ? h('div', { class: 'field' }, h('label', { for: 'series-indicator' }, t('ser.indicator')), select) : null,
    body, status, upload);
}
