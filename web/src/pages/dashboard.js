// SPDX-License-Identifier: AGPL-3.0-or-later
// The officer's dashboard ("Tổng hợp") for one directive and one unit: who
// has reported (per child unit, as a table and a bar chart), the units still
// missing, the figures by indicator and by child, news items by theme and
// channel, feedback by topic, the items-per-day curve, and the documents of
// the officer's own report. Clicking a child drills down (?unit=ID); the
// breadcrumb goes back up. The basis switch (?basis=) reloads in place.
import { h, replace } from '../dom.js';
import { api } from '../api.js';
import { reportsApi, BASES } from '../api_reports.js';
import { directivesApi } from '../api_directives.js';
import { t, fmtDate, fmtNumber } from '../i18n.js';
import { href, replaceQuery } from '../router.js';
import { session } from '../session.js';
import { barList, columnChart } from '../ui/chart.js';
import { emptyNote, errorBox, loading } from '../ui/status.js';
import { isOfficer, numberOf } from './directiveCommon.js';
import { homeApi } from '../api_home.js';
import {
  downloadLinks, figureName, figuresTable, fmtPct, fmtValue, itemsTable, itemTotals, topicName,
} from './reportCommon.js';

let lastTitle = '';

export const title = () => lastTitle || t('dash.title');

export async function render(ctx) {
  const dirId = ctx.params.id;
  const own = session.user && session.user.unit ? session.user.unit : null;
  const unitId = ctx.query.get('unit') || (own ? String(own.id) : '');
  let basis = BASES.includes(ctx.query.get('basis')) ? ctx.query.get('basis') : 'accepted';

  const [snap, dres, ures] = await Promise.all([
    reportsApi.dashboard(dirId, unitId || undefined, basis),
    directivesApi.get(dirId).catch(() => null),
    unitId ? api.unit(unitId).catch(() => null) : Promise.resolve(null),
  ]);
  const d = snap.directive || {};
  const u = snap.unit || {};
  lastTitle = `${t('dash.title')} · ${numberOf(d)}`;

  const body = h('div', { class: 'dash-body' });
  const status = h('p', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite' });
  let seq = 0;

  async function reload() {
    const my = ++seq;
    replaceQuery({ unit: ctx.query.get('unit') || '', basis: basis === 'accepted' ? '' : basis });
    body.setAttribute('aria-busy', 'true');
    try {
      const s = await reportsApi.dashboard(dirId, unitId || undefined, basis);
      if (my !== seq) return;
      replace(body, sections(dirId, s, basis, own));
      status.textContent = t('dash.updated');
    } catch (ex) {
      if (my !== seq) return;
      replace(body, errorBox(ex, reload));
    } finally {
      if (my === seq) body.removeAttribute('aria-busy');
    }
  }

  const basisSwitch = h('fieldset', { class: 'dfilter dash-basis' },
    h('legend', { class: 'dfilter-legend' }, t('dash.basis')),
    h('div', { class: 'dfilter-options' }, BASES.map((b) => h('label', { class: 'dfilter-opt' },
      h('input', {
        type: 'radio', name: 'dash-basis', value: b, checked: b === basis, class: 'dfilter-input',
        onchange: () => { basis = b; replace(body, loading()); drawCrumbs(); reload(); },
      }),
      h('span', { class: 'dfilter-text' }, t('dash.basis.' + b))))));

  replace(body, sections(dirId, snap, basis, own));
  // The breadcrumb's links carry the basis, so they are redrawn when it changes.
  const crumbs = h('div', { class: 'dash-crumbs-box' });
  const drawCrumbs = () => replace(crumbs, breadcrumb(dirId, ures && ures.unit, own, u, basis));
  drawCrumbs();

  return h('article', { class: 'page dash' },
    h('p', { class: 'dback-row' }, h('a', { class: 'dback', href: href('/directives/' + dirId) }, t('dash.backDirective', { number: numberOf(d) }))),
    crumbs,
    h('header', { class: 'dash-head' },
      h('p', { class: 'dash-kicker' }, t('dash.title'), ' · ', h('span', { class: 'dash-number' }, numberOf(d))),
      h('h1', { class: 'page-title dash-title', tabindex: '-1' }, u.name || ''),
      h('p', { class: 'dash-subject' }, d.subject ? `${t('dir.vv')} ${d.subject}` : ''),
      h('p', { class: 'dash-meta' },
        d.report_deadline ? h('span', null, t('dir.deadlineShort', { date: fmtDate(d.report_deadline) })) : null,
        snap.as_of ? h('span', null, t('dash.asOf', { date: fmtDate(snap.as_of) })) : null,
        dres && dres.directive && dres.directive.issuer ? h('span', null, t('dash.issuer', { name: dres.directive.issuer.name })) : null)),
    basisSwitch,
    status,
    body);
}

/** Own unit › … › the unit shown; only the part from the user's unit down. */
function breadcrumb(dirId, unit, own, u, basis) {
  if (!own || String(u.id) === String(own.id)) return null;
  const anc = unit && Array.isArray(unit.ancestors) ? unit.ancestors : [];
  const from = anc.findIndex((a) => String(a.id) === String(own.id));
  const trail = from >= 0 ? anc.slice(from) : [{ id: own.id, name: own.name }];
  const link = (a) => h('a', { href: href(`/directives/${dirId}/dashboard`, { unit: String(a.id) === String(own.id) ? '' : a.id, basis: basis === 'accepted' ? '' : basis }) }, a.name);
  return h('nav', { class: 'breadcrumb dash-crumbs', 'aria-label': t('dash.crumbs') },
    h('ol', null,
      trail.map((a) => h('li', null, link(a))),
      h('li', null, h('span', { 'aria-current': 'page' }, u.name))));
}

function section(key, titleText, ...children) {
  const id = `dash-${key}-title`;
  return h('section', { class: `card dash-sec dash-sec--${key}`, 'aria-labelledby': id },
    h('h2', { class: 'dsec-title', id, tabindex: '-1' }, titleText), ...children);
}

function jumpTo(id) {
  const el = document.getElementById(id);
  if (!el) return;
  el.scrollIntoView({ block: 'start' });
  el.focus({ preventScroll: true });
}

function sections(dirId, s, basis, own) {
  const r = s.rollup || {};
  const c = s.completeness || {};
  const kids = s.children || [];
  const fb = r.feedback;
  const perDay = r.items_per_day && typeof r.items_per_day === 'object' ? r.items_per_day : null;
  return [
    summary(c),
    kids.length ? completenessSection(dirId, kids, basis) : ownStatus(dirId, s),
    missingSection(dirId, c.missing_units || [], c.missing || 0, kids),
    section('figures', t('dash.figures'),
      figuresTable(r.figures, t('dash.figures')),
      kids.length && (r.figures || []).length ? figuresByChild(r.figures, kids) : null),
    section('items', t('dash.items'), itemTotals(r.item_totals), itemsTable(r.items, t('dash.items')),
      kids.length && kids.some((k) => k.items) ? h('div', { class: 'dash-sub' },
        h('h3', { class: 'dash-subtitle' }, t('dash.itemsByChild')),
        barList(kids.filter((k) => k.items).sort((a, b) => b.items - a.items)
          .map((k) => ({ label: k.name, value: k.items, text: fmtNumber(k.items) })), { label: t('dash.itemsByChild') })) : null),
    perDay && Object.keys(perDay).length ? section('perday', t('dash.perDay'), perDayChart(perDay)) : null,
    r.contests ? section('contests', t('dash.contests'), h('dl', { class: 'rstats' },
      h('div', { class: 'rstat' }, h('dt', null, t('dash.contest.writing')), h('dd', null, fmtNumber(r.contests.writing || 0))),
      h('div', { class: 'rstat' }, h('dt', null, t('dash.contest.video')), h('dd', null, fmtNumber(r.contests.video || 0))))) : null,
    fb ? feedbackSection(fb) : null,
    own ? section('docs', t('dash.docs'),
      h('p', { class: 'hint' }, t('dash.docsHint', { unit: own.name })),
      downloadLinks(dirId, own.id, { basis }),
      h('p', { class: 'dash-report-link' }, h('a', { href: href(`/directives/${dirId}/units/${own.id}/report`) }, t('dash.ownReport')))) : null,
  ];
}

/** The headline numbers and one stacked bar: on time, late, missing. */
function summary(c) {
  const stat = (key, n, cls) => h('div', { class: `dstat dstat--${cls || key}`, 'data-stat': key },
    h('dt', null, t('dash.c.' + key)), h('dd', null, n));
  const ex = c.expected || 0;
  return h('section', { class: 'card dash-summary', 'aria-labelledby': 'dash-summary-title' },
    h('h2', { class: 'card-kicker', id: 'dash-summary-title' }, t('dash.completeness')),
    h('dl', { class: 'dstats dash-stats' },
      stat('expected', fmtNumber(ex)),
      stat('submitted', fmtNumber(c.submitted || 0), 'acknowledged'),
      stat('on_time', fmtNumber(c.on_time || 0), 'ontime'),
      stat('late', fmtNumber(c.late || 0), 'late'),
      stat('missing', fmtNumber(c.missing || 0), 'missing'),
      stat('reporting_rate', fmtPct(c.reporting_rate), 'rate'),
      stat('on_time_rate', fmtPct(c.on_time_rate), 'rate')),
    barList([{
      label: t('dash.progress'), value: ex,
      text: t('dash.submittedOf', { n: fmtNumber(c.submitted || 0), total: fmtNumber(ex) }),
      parts: [
        { value: c.on_time || 0, cls: 'chart-ontime', title: `${t('dash.c.on_time')}: ${c.on_time || 0}` },
        { value: c.late || 0, cls: 'chart-late', title: `${t('dash.c.late')}: ${c.late || 0}` }],
    }], { cls: 'chart-bars--big', max: ex }),
    legend(),
    c.deadline ? h('p', { class: 'hint' }, t('dash.deadlineNote', { date: fmtDate(c.deadline) })) : null,
    c.missing ? h('p', { class: 'dash-jump' }, h('a', {
      href: '#dash-missing-title', class: 'btn btn--secondary',
      onclick: (e) => { e.preventDefault(); jumpTo('dash-missing-title'); },
    }, t('dash.seeMissing', { n: fmtNumber(c.missing) }))) : null);
}

function legend() {
  const item = (cls, key) => h('li', null, h('span', { class: `chart-swatch ${cls}`, 'aria-hidden': 'true' }), t(key));
  return h('ul', { class: 'chart-legend' },
    item('chart-ontime', 'dash.c.on_time'), item('chart-late', 'dash.c.late'), item('chart-missing', 'dash.c.missing'));
}

function drill(dirId, k, basis) {
  return href(`/directives/${dirId}/dashboard`, { unit: k.id, basis: basis === 'accepted' ? '' : basis });
}

/** Per child: a table (expected / on time / late / missing / rates) and the same as bars. */
function completenessSection(dirId, kids, basis) {
  const rows = kids.filter((k) => (k.completeness || {}).expected > 0);
  const sorted = rows.slice().sort((a, b) => (a.completeness.reporting_rate ?? 0) - (b.completeness.reporting_rate ?? 0)
    || a.name.localeCompare(b.name, 'vi'));
  const single = rows.length && rows.every((k) => k.completeness.expected === 1);
  const cell = (labelKey, v, cls) => h('td', { class: ['num', cls], 'data-label': t(labelKey) }, v);
  const table = h('div', { class: 'rtable-wrap' }, h('table', { class: 'rtable rcomp' },
    h('caption', { class: 'visually-hidden' }, t('dash.byChild')),
    h('thead', null, h('tr', null,
      h('th', { scope: 'col' }, t('rep.col.unit')),
      single ? h('th', { scope: 'col' }, t('dash.col.state')) : [
        h('th', { scope: 'col', class: 'num' }, t('dash.c.expected')),
        h('th', { scope: 'col', class: 'num' }, t('dash.c.on_time')),
        h('th', { scope: 'col', class: 'num' }, t('dash.c.late')),
        h('th', { scope: 'col', class: 'num' }, t('dash.c.missing'))],
      h('th', { scope: 'col', class: 'num' }, t('dash.c.reporting_rate')),
      h('th', { scope: 'col', class: 'num' }, t('dash.c.on_time_rate')))),
    h('tbody', null, rows.map((k) => {
      const c = k.completeness;
      const state = c.on_time ? 'on_time' : c.late ? 'late' : 'missing';
      return h('tr', { 'data-unit-id': k.id, 'data-unit-code': k.code, 'data-missing': c.missing },
        h('th', { scope: 'row', class: 'rcomp-unit' },
          h('a', { href: drill(dirId, k, basis) }, k.name),
          h('span', { class: 'code' }, k.code)),
        single ? h('td', { 'data-label': t('dash.col.state') }, h('span', { class: `chip cstate cstate--${state}`, 'data-state': state }, t('dash.c.' + state))) : [
          cell('dash.c.expected', fmtNumber(c.expected)),
          cell('dash.c.on_time', fmtNumber(c.on_time)),
          cell('dash.c.late', fmtNumber(c.late)),
          cell('dash.c.missing', fmtNumber(c.missing), c.missing ? 'rcomp-missing' : null)],
        cell('dash.c.reporting_rate', fmtPct(c.reporting_rate)),
        cell('dash.c.on_time_rate', fmtPct(c.on_time_rate)));
    }))));
  const chart = barList(sorted.map((k) => {
    const c = k.completeness;
    return {
      label: h('a', { href: drill(dirId, k, basis), tabindex: '-1' }, k.name),
      value: c.expected,
      max: c.expected, // each row full at its own count: rows compare by rate
      text: `${fmtNumber(c.on_time + c.late)}/${fmtNumber(c.expected)} · ${fmtPct(c.reporting_rate)}`,
      parts: [
        { value: c.on_time, cls: 'chart-ontime', title: `${t('dash.c.on_time')}: ${c.on_time}` },
        { value: c.late, cls: 'chart-late', title: `${t('dash.c.late')}: ${c.late}` }],
      attrs: { 'data-unit-id': k.id },
    };
  }), { label: t('dash.chartByChild'), cls: 'chart-bars--rates' });
  // Table or chart, one at a time (the page stays short on a phone); the table first.
  const chartBox = h('div', { class: 'dash-sub dash-chartbox', hidden: true },
    h('h3', { class: 'dash-subtitle' }, t('dash.chartByChild')), chart, legend());
  const views = [['table', table], ['chart', chartBox]];
  const toggle = h('fieldset', { class: 'dfilter dash-view' },
    h('legend', { class: 'visually-hidden' }, t('dash.view')),
    h('div', { class: 'dfilter-options' }, views.map(([v], i) => h('label', { class: 'dfilter-opt' },
      h('input', {
        type: 'radio', name: 'dash-view', value: v, checked: i === 0, class: 'dfilter-input',
        onchange: () => { for (const [w, el] of views) el.hidden = w !== v; },
      }),
      h('span', { class: 'dfilter-text' }, t('dash.view.' + v))))));
  return section('children', t('dash.byChild'),
    h('p', { class: 'hint' }, t('dash.drillHint')),
    toggle,
    table,
    chartBox);
}

/** A unit without children (a grassroots union): its own state and a link to its report. */
function ownStatus(dirId, s) {
  const c = s.completeness || {};
  const state = c.on_time ? 'on_time' : c.late ? 'late' : c.expected ? 'missing' : null;
  return section('own', t('dash.ownState'),
    state ? h('p', null, h('span', { class: `chip cstate cstate--${state}`, 'data-state': state }, t('dash.c.' + state))) : emptyNote(t('dash.notExpected')),
    h('p', null, h('a', { class: 'btn btn--primary', href: href(`/directives/${dirId}/units/${s.unit.id}/report`) }, t('dash.openReport'))));
}

/** "Nhắc": queue a reminder now to every unit not reported (once a day each; the issuing side only). */
function remindBox(dirId) {
  const out = h('div', { class: 'dash-remind-out', role: 'status', 'aria-live': 'polite' });
  const btn = h('button', { type: 'button', class: 'btn btn--primary dash-remind', onclick: async () => {
    btn.disabled = true;
    btn.textContent = t('remind.busy');
    replace(out);
    try {
      const r = await homeApi.remind(dirId);
      replace(out, h('p', { class: 'alert alert--info' }, t(r.queued ? 'remind.done' : 'remind.none', { queued: fmtNumber(r.queued), late: fmtNumber(r.late) })));
    } catch (err) {
      replace(out, errorBox(err));
    } finally {
      btn.disabled = false;
      btn.textContent = t('remind.button');
    }
  } }, t('remind.button'));
  return h('div', { class: 'dash-remind-box' }, btn, h('p', { class: 'hint' }, t('remind.hint')), out);
}

/** The units that have not reported, with a filter; grouped under the child they belong to. */
function missingSection(dirId, missing, total, kids) {
  const parentOf = (m) => kids.find((k) => m.code === k.code || m.code.startsWith(k.code + '.'));
  const list = h('ul', { class: 'dash-missing-list', id: 'dash-missing-list' });
  const count = h('p', { class: 'search-status', role: 'status', 'aria-live': 'polite' });
  const input = h('input', {
    id: 'dash-missing-q', class: 'input input--search', type: 'search', autocomplete: 'off',
    'aria-describedby': 'dash-missing-hint', oninput: () => draw(),
  });
  const fold = (x) => String(x || '').normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
  function draw() {
    const q = fold(input.value.trim());
    const shown = missing.filter((m) => !q || fold(m.name).includes(q) || m.code.includes(q) || fold((parentOf(m) || {}).name).includes(q));
    count.textContent = q ? t('dash.missingFound', { n: fmtNumber(shown.length) }) : '';
    replace(list, shown.length ? shown.map((m) => {
      const p = parentOf(m);
      return h('li', { class: 'dash-missing-item', 'data-unit-id': m.id, 'data-unit-code': m.code },
        h('a', { class: 'dash-missing-link', href: href(`/directives/${dirId}/units/${m.id}/report`) },
          h('span', { class: 'dash-missing-name' }, m.name),
          h('span', { class: 'dash-missing-meta' }, h('span', { class: 'code' }, m.code), p && p.code !== m.code ? h('span', null, p.name) : null)));
    }) : h('li', { class: 'dash-missing-none' }, t('dash.missingNone')));
  }
  draw();
  if (!total) return section('missing', t('dash.missing'), emptyNote(t('dash.allReported')));
  return h('section', { class: 'card dash-sec dash-sec--missing', 'aria-labelledby': 'dash-missing-title' },
    h('h2', { class: 'dsec-title', id: 'dash-missing-title', tabindex: '-1' },
      t('dash.missing'), ' ', h('span', { class: 'count count--warn' }, fmtNumber(total))),
    isOfficer() ? remindBox(dirId) : null,
    missing.length < total ? h('p', { class: 'hint' }, t('dash.missingFirst', { n: fmtNumber(missing.length) })) : null,
    missing.length > 8 ? h('div', { class: 'field dash-missing-search' },
      h('label', { class: 'label', for: 'dash-missing-q' }, t('dash.missingSearch')),
      input,
      h('p', { class: 'hint', id: 'dash-missing-hint' }, t('dash.missingHint'))) : null,
    count,
    list);
}

/** One indicator at a time (a select), per child, as bars. */
function figuresByChild(figures, kids) {
  const id = 'dash-fig-pick';
  const box = h('div', { class: 'dash-fig-box' });
  const pick = h('select', { id, class: 'input dash-fig-select', onchange: () => draw() },
    figures.map((f) => h('option', { value: f.code }, figureName(f))));
  function draw() {
    const f = figures.find((x) => x.code === pick.value) || figures[0];
    const rows = kids.map((k) => ({ k, v: (k.figures || {})[f.code] }))
      .filter((x) => typeof x.v === 'number').sort((a, b) => b.v - a.v);
    replace(box, rows.length ? barList(rows.map(({ k, v }) => ({
      label: k.name, value: v, text: fmtValue(v, f.measure), attrs: { 'data-unit-id': k.id },
    })), { label: `${figureName(f)} — ${t('dash.byChildShort')}` }) : emptyNote(t('dash.noChildFigures')));
  }
  draw();
  return h('div', { class: 'dash-sub' },
    h('h3', { class: 'dash-subtitle' }, t('dash.figuresByChild')),
    h('div', { class: 'field' }, h('label', { class: 'label', for: id }, t('dash.pickIndicator')), pick),
    box);
}

function perDayChart(perDay) {
  const days = Object.keys(perDay).sort();
  const points = days.map((d) => ({ key: d, label: fmtDate(d), value: Number(perDay[d]) || 0 }));
  return columnChart(points, {
    caption: t('dash.perDayCaption', { n: fmtNumber(points.reduce((a, p) => a + p.value, 0)) }),
    headers: [t('dash.day'), t('dash.items')],
    valueText: (v) => fmtNumber(v),
  });
}

/** Feedback by topic (array [{code, count}] or object {code: n}) and the main cases. */
function feedbackSection(fb) {
  const raw = fb.by_topic || {};
  const topics = Array.isArray(raw)
    ? raw.map((x) => ({ code: x.code, n: x.count || 0 }))
    : Object.entries(raw).map(([code, n]) => ({ code, n: Number(n) || 0 }));
  const rows = topics.filter((x) => x.n > 0).sort((a, b) => b.n - a.n);
  const cases = fb.top_cases || [];
  if (!rows.length && !cases.length) return null;
  return section('feedback', t('dash.feedback'),
    rows.length ? barList(rows.map((x) => ({ label: topicName(x.code), value: x.n, text: fmtNumber(x.n), cls: `chart-fill fb-t-${x.code}` })),
      { label: t('dash.feedbackByTopic') }) : null,
    cases.length ? h('div', { class: 'dash-sub' },
      h('h3', { class: 'dash-subtitle' }, t('dash.topCases')),
      h('ol', { class: 'dash-cases' }, cases.map((x) => h('li', null,
        h('p', { class: 'dash-case-text' }, x.text || ''),
        h('p', { class: 'dash-case-meta' },
          t('dash.caseCount', { n: fmtNumber(x.count || 0) }),
          x.unit && x.unit.name ? ` · ${x.unit.name}` : ''),
        x.proposal ? h('p', { class: 'dash-case-proposal' }, h('strong', null, t('dash.proposal'), ' '), x.proposal) : null)))) : null);
}
