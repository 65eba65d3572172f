// SPDX-License-Identifier: AGPL-3.0-or-later
// Summary of the user's subtree: counts, a chart of topics over time (SVG
// bars, no chart library), the largest cases with their proposals — the
// "tổng hợp và đề xuất" of the report — and, for officers, topic rules
// (preview which messages change, then apply) and the topic model.
import { h } from '../dom.js';
import { t, fmtNumber, fmtDate } from '../i18n.js';
import { href, navigate } from '../router.js';
import { session } from '../session.js';
import { feedbackApi, TOPICS } from '../api_feedback.js';
import { emptyNote } from '../ui/status.js';
import { dateInput, dateValue } from '../ui/dateInput.js';
import { statusName, topicChips, topicName } from './feedbackCommon.js';

const NS = 'http://www.w3.org/2000/svg';
function svg(tag, attrs, ...kids) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs || {})) el.setAttribute(k, String(v));
  for (const c of kids) if (c) el.append(c);
  return el;
}

/** Stacked weekly bars of topic counts; a table with the same numbers for screen readers. */
function chart(weeks) {
  if (!weeks.length) return emptyNote(t('fb.noData'));
  const W = 640, H = 220, pad = 28, bw = Math.max(6, Math.min(48, (W - pad) / weeks.length - 8));
  const max = Math.max(1, ...weeks.map((w) => TOPICS.reduce((a, c) => a + (w.topics[c] || 0), 0)));
  const bars = weeks.map((w, i) => {
    let y = H - pad;
    const x = pad + i * ((W - pad) / weeks.length) + 4;
    const segs = TOPICS.map((c) => {
      const n = w.topics[c] || 0;
      if (!n) return null;
      const hgt = (n / max) * (H - 2 * pad);
      y -= hgt;
      return svg('rect', { x, y, width: bw, height: hgt, class: `fb-bar fb-t-${c}` }, svg('title', null, `${topicName(c)}: ${n}`));
    });
    const label = svg('text', { x: x + bw / 2, y: H - 8, 'text-anchor': 'middle', class: 'fb-axis' });
    label.textContent = fmtDate(w.week).slice(0, 5);
    return svg('g', { 'data-week': w.week }, ...segs, label);
  });
  const top = svg('text', { x: 0, y: 14, class: 'fb-axis' });
  top.textContent = String(max);
  const fig = svg('svg', { viewBox: `0 0 ${W} ${H}`, class: 'fb-chart', role: 'img', 'aria-labelledby': 'fb-chart-title' },
    svg('line', { x1: pad, y1: H - pad, x2: W, y2: H - pad, class: 'fb-axis-line' }), top, ...bars);
  const legend = h('ul', { class: 'fb-legend' }, TOPICS.map((c) => h('li', null, h('span', { class: `fb-swatch fb-t-${c}`, 'aria-hidden': 'true' }), topicName(c))));
  const table = h('div', { class: 'visually-hidden' }, h('table', null,
    h('caption', null, t('fb.chartTitle')),
    h('thead', null, h('tr', null, h('th', null, t('fb.week')), TOPICS.map((c) => h('th', null, topicName(c))))),
    h('tbody', null, weeks.map((w) => h('tr', null, h('th', null, fmtDate(w.week)), TOPICS.map((c) => h('td', null, String(w.topics[c] || 0))))))));
  return h('figure', { class: 'fb-figure' }, fig, legend, table);
}

function rulesCard() {
  const err = h('div', { class: 'form-error', role: 'alert' });
  const out = h('div', { class: 'fb-rule-out', 'aria-live': 'polite' });
  const topic = h('select', { id: 'fb-rule-topic', class: 'input' }, TOPICS.map((c) => h('option', { value: c }, topicName(c))));
  const pattern = h('input', { id: 'fb-rule-pattern', class: 'input', maxlength: 200, placeholder: t('fb.rulePlaceholder') });
  const rule = () => ({ topic: topic.value, pattern: pattern.value.trim() });
  const apply = h('button', {
    type: 'button', class: 'btn btn--primary', id: 'fb-rule-apply', hidden: true,
    onclick: async () => {
      err.replaceChildren();
      try {
        const r = await feedbackApi.addRule(rule());
        out.replaceChildren(h('p', { class: 'alert alert--info' }, t('fb.ruleApplied', { n: r.changed })));
        apply.hidden = true;
      } catch (e) { err.append(h('p', null, e.message)); }
    },
  }, t('fb.ruleApply'));
  const preview = h('button', {
    type: 'submit', class: 'btn btn--secondary', id: 'fb-rule-preview',
  }, t('fb.rulePreview'));
  const form = h('form', {
    class: 'fb-rule-form',
    onsubmit: async (e) => {
      e.preventDefault();
      err.replaceChildren();
      out.replaceChildren();
      apply.hidden = true;
      try {
        const r = await feedbackApi.previewRule(rule());
        out.replaceChildren(h('p', null, t('fb.ruleChanges', { n: r.count })),
          h('ul', { class: 'fb-rule-changes' }, r.changes.map((c) => h('li', null,
            h('a', { href: href('/feedback/' + c.id) }, c.text), ' ',
            h('span', { class: 'fb-change-topics' }, c.before.map(topicName).join(', '), ' → ', c.after.map(topicName).join(', '))))));
        apply.hidden = false;
      } catch (ex) { err.append(h('p', null, ex.message)); }
    },
  }, err,
  h('div', { class: 'field' }, h('label', { class: 'label', for: 'fb-rule-topic' }, t('fb.topic')), topic),
  h('div', { class: 'field' }, h('label', { class: 'label', for: 'fb-rule-pattern' }, t('fb.rulePattern')), pattern,
    h('p', { class: 'hint' }, t('fb.ruleHint'))),
  h('div', { class: 'fb-actions-row' }, preview, apply));
  return h('section', { class: 'card fb-rules', 'aria-labelledby': 'fb-rules-title' },
    h('h2', { id: 'fb-rules-title', class: 'card-kicker' }, t('fb.rules')), form, out);
}

async function modelCard() {
  const { model: m } = await feedbackApi.model();
  const status = h('p', { role: 'status' }, m.present
    ? t('fb.modelOn', { n: fmtNumber(m.n_train), updates: fmtNumber(m.updates) })
    : t('fb.modelOff', { n: fmtNumber(m.confirmed) }));
  const btn = h('button', {
    type: 'button', class: 'btn btn--secondary',
    onclick: async () => {
      btn.disabled = true;
      try {
        const r = await feedbackApi.train();
        status.textContent = r.trained ? t('fb.modelOn', { n: fmtNumber(r.messages), updates: '0' })
          : t('fb.modelOff', { n: fmtNumber(r.messages) });
      } catch (e) { status.textContent = e.message; } finally { btn.disabled = false; }
    },
  }, t('fb.train'));
  return h('section', { class: 'card fb-model', 'aria-labelledby': 'fb-model-title' },
    h('h2', { id: 'fb-model-title', class: 'card-kicker' }, t('fb.model')), status, btn);
}

export async function render(ctx) {
  const from = ctx.query.get('from') || '', to = ctx.query.get('to') || '';
  const { summary: s } = await feedbackApi.summary({ from, to, top: 8 });
  const officer = session.user && session.user.role !== 'cadre';
  const fromIn = dateInput({ id: 'fb-from', name: 'from' }, from);
  const toIn = dateInput({ id: 'fb-to', name: 'to' }, to);
  const stat = (label, n, cls) => h('div', { class: ['fb-stat', cls] }, h('span', { class: 'fb-stat-n' }, fmtNumber(n)), h('span', { class: 'fb-stat-l' }, label));

  return h('section', { class: 'page fb-page fb-stats-page' },
    h('nav', { class: 'breadcrumb', 'aria-label': t('unit.breadcrumb') },
      h('ol', null, h('li', null, h('a', { href: href('/feedback') }, t('fb.title'))), h('li', null, h('span', { 'aria-current': 'page' }, t('fb.stats'))))),
    h('h1', { class: 'page-title', tabindex: '-1' }, t('fb.statsOf', { unit: s.unit.name })),
    h('form', { class: 'fb-period', onsubmit: (e) => { e.preventDefault(); navigate('/feedback/stats', { from: dateValue(fromIn), to: dateValue(toIn) }); } },
      h('div', { class: 'field' }, h('label', { class: 'label', for: 'fb-from' }, t('fb.from')), fromIn),
      h('div', { class: 'field' }, h('label', { class: 'label', for: 'fb-to' }, t('fb.to')), toIn),
      h('button', { type: 'submit', class: 'btn btn--secondary' }, t('fb.apply'))),
    h('div', { class: 'fb-stats' },
      stat(t('fb.total'), s.total), stat(t('fb.urgent'), s.urgent, 'fb-stat--urgent'), stat(t('fb.overdue'), s.overdue, 'fb-stat--late'),
      stat(statusName('escalated'), s.by_status.escalated || 0), stat(statusName('answered'), (s.by_status.answered || 0) + (s.by_status.closed || 0))),
    h('section', { class: 'card', 'aria-labelledby': 'fb-chart-title' },
      h('h2', { id: 'fb-chart-title', class: 'card-kicker' }, t('fb.chartTitle')), chart(s.by_week || [])),
    h('section', { class: 'card', 'aria-labelledby': 'fb-bytopic-title' },
      h('h2', { id: 'fb-bytopic-title', class: 'card-kicker' }, t('fb.byTopic')),
      h('ul', { class: 'fb-hbars' }, s.by_topic.map((x) => h('li', null,
        h('span', { class: 'fb-hbar-label' }, topicName(x.code)),
        h('meter', { class: `fb-meter fb-t-${x.code}`, min: 0, max: Math.max(1, s.total), value: x.count }),
        h('span', { class: 'fb-hbar-n' }, fmtNumber(x.count)))))),
    h('section', { class: 'card', 'aria-labelledby': 'fb-top-title' },
      h('h2', { id: 'fb-top-title', class: 'card-kicker' }, t('fb.topCases')),
      s.top_cases.length ? h('ol', { class: 'fb-top' }, s.top_cases.map((c) => h('li', null,
        h('a', { href: href('/feedback/' + c.case_id) }, t('fb.caseLine', { n: c.count, unit: c.unit.name })), ' ',
        c.urgent ? h('span', { class: 'tag fb-urgent' }, t('fb.urgent')) : null,
        h('p', { class: 'fb-top-text' }, c.text), topicChips(c.topics),
        c.proposal ? h('p', { class: 'fb-top-prop' }, h('strong', null, t('fb.proposal'), ': '), c.proposal) : null,
        c.answer ? h('p', { class: 'fb-top-prop' }, h('strong', null, t('fb.answer'), ': '), c.answer) : null))) : emptyNote(t('fb.noData'))),
    h('section', { class: 'card', 'aria-labelledby': 'fb-byunit-title' },
      h('h2', { id: 'fb-byunit-title', class: 'card-kicker' }, t('fb.byUnit')),
      h('table', { class: 'fb-table' },
        h('thead', null, h('tr', null, h('th', null, t('fb.unit')), h('th', null, t('fb.total')), h('th', null, t('fb.open.statuses')), h('th', null, t('fb.overdue')))),
        h('tbody', null, s.by_unit.map((u) => h('tr', null, h('th', null, u.name), h('td', null, fmtNumber(u.total)), h('td', null, fmtNumber(u.open)), h('td', null, fmtNumber(u.overdue))))))),
    officer ? rulesCard() : null,
    officer ? await modelCard() : null);
}

export const title = () => t('fb.stats');
