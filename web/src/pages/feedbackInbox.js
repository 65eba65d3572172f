// SPDX-License-Identifier: AGPL-3.0-or-later
// Triage inbox for cadres on a phone: the messages their unit holds or
// received, filtered by topic, urgency and status, one card each, with a
// one-tap "topic is right" and a topic editor. Overdue ones are marked and
// counted; near-duplicates can be folded into one card per case.
import { h } from '../dom.js';
import { t, fmtNumber } from '../i18n.js';
import { href, navigate } from '../router.js';
import { feedbackApi, TOPICS, STATUSES } from '../api_feedback.js';
import { emptyNote } from '../ui/status.js';
import { moreButton, pageLimit } from '../ui/more.js';
import { channelName, flags, fmtTime, senderLine, statusTag, topicChips, topicEditor } from './feedbackCommon.js';

const VIEWS = ['inbox', 'held', 'subtree'];

function readQuery(q) {
  return {
    view: VIEWS.includes(q.get('view')) ? q.get('view') : 'inbox',
    status: q.get('status') ?? 'open',
    topic: q.get('topic') || '',
    urgent: q.get('urgent') || '',
    overdue: q.get('overdue') || '',
    group: q.get('group') || '',
    q: q.get('q') || '',
  };
}

function select(id, label, value, options) {
  return h('div', { class: 'fb-filter' },
    h('label', { class: 'label', for: id }, label),
    h('select', { id, name: id.replace('fb-f-', ''), class: 'input' },
      options.map(([v, text]) => h('option', { value: v, selected: v === value }, text))));
}

function card(f, refresh) {
  const confirmBtn = f.topics_source === 'cadre' ? null : h('button', {
    type: 'button', class: 'btn btn--secondary fb-confirm',
    onclick: async (e) => { e.currentTarget.disabled = true; await feedbackApi.setTopics(f.id, f.topics); refresh(); },
  }, t('fb.confirmTopics'));
  const editorBox = h('div', { class: 'fb-card-editor', hidden: true });
  const changeBtn = h('button', {
    type: 'button', class: 'btn btn--secondary fb-change', 'aria-expanded': 'false',
    onclick: (e) => {
      const open = editorBox.hidden;
      editorBox.hidden = !open;
      e.currentTarget.setAttribute('aria-expanded', String(open));
      if (open && !editorBox.firstChild) editorBox.append(topicEditor(f.topics, async (codes) => { await feedbackApi.setTopics(f.id, codes); refresh(); }));
    },
  }, t('fb.changeTopics'));
  return h('li', { class: ['fb-card', f.overdue && 'fb-card--overdue', f.urgent && 'fb-card--urgent'], 'data-id': f.id },
    h('div', { class: 'fb-card-top' }, statusTag(f), flags(f)),
    h('a', { class: 'fb-card-text', href: href('/feedback/' + f.id) }, f.text),
    h('p', { class: 'fb-card-meta' }, f.unit.name, ' · ', channelName(f.channel), ' · ', fmtTime(f.received_at), ' · ', senderLine(f)),
    topicChips(f.topics),
    f.topics_source === 'cadre' ? h('p', { class: 'fb-confirmed' }, t('fb.confirmed')) : null,
    h('div', { class: 'fb-card-actions' }, confirmBtn, changeBtn,
      h('a', { class: 'btn btn--secondary', href: href('/feedback/' + f.id) }, t('fb.open'))),
    editorBox);
}

export async function render(ctx) {
  const q = readQuery(ctx.query);
  const query = { ...q, status: q.status === 'all' ? '' : q.status, limit: pageLimit(ctx.query) };
  const r = await feedbackApi.list(query);
  const items = r.items || [];
  let shown = items.length;
  const refresh = () => navigate('/feedback', { ...q });
  const go = (patch) => navigate('/feedback', { ...q, ...patch });

  const tabs = h('nav', { class: 'fb-tabs', 'aria-label': t('fb.views') },
    VIEWS.map((v) => h('a', { class: 'fb-tab', href: href('/feedback', { ...q, view: v }), 'aria-current': v === q.view ? 'page' : null }, t('fb.view.' + v))));

  const filters = h('form', {
    class: 'fb-filters', role: 'search',
    onchange: (e) => { const fd = new FormData(e.currentTarget); go({ status: fd.get('status'), topic: fd.get('topic'), urgent: fd.get('urgent'), overdue: fd.get('overdue') ? '1' : '', group: fd.get('group') ? 'case' : '' }); },
    onsubmit: (e) => { e.preventDefault(); const fd = new FormData(e.currentTarget); go({ q: fd.get('q') }); },
  },
  select('fb-f-topic', t('fb.topic'), q.topic, [['', t('fb.all')], ...TOPICS.map((c) => [c, t('fb.topic.' + c)])]),
  select('fb-f-urgent', t('fb.urgency'), q.urgent, [['', t('fb.all')], ['1', t('fb.urgent')], ['0', t('fb.notUrgent')]]),
  select('fb-f-status', t('fb.status'), q.status, [['open', t('fb.open.statuses')], ['all', t('fb.all')], ...STATUSES.map((s) => [s, t('fb.status.' + s)])]),
  h('div', { class: 'fb-filter fb-filter--checks' },
    h('label', { class: 'fb-check' }, h('input', { type: 'checkbox', name: 'overdue', checked: !!q.overdue }), ' ', t('fb.onlyOverdue')),
    h('label', { class: 'fb-check' }, h('input', { type: 'checkbox', name: 'group', checked: !!q.group }), ' ', t('fb.groupCases'))),
  h('div', { class: 'fb-filter fb-filter--q' },
    h('label', { class: 'label', for: 'fb-f-q' }, t('fb.search')),
    h('div', { class: 'search-row' },
      h('input', { id: 'fb-f-q', name: 'q', type: 'search', class: 'input', value: q.q }),
      h('button', { type: 'submit', class: 'btn btn--primary' }, t('units.searchButton')))));

  // A page looks at a bounded window of messages: its total counts the matches it saw from
  // its cursor on, and says "more" when the window ended first (then it is a floor).
  const count = (n, more) => fmtNumber(n) + (more ? '+' : '');
  const shownText = h('span', null, t('fb.shown', { n: fmtNumber(shown), total: count(r.total ?? shown, r.total_more) }));
  const summary = h('p', { class: 'fb-summary', role: 'status' },
    shownText, ' ',
    r.overdue ? h('a', { class: 'tag fb-overdue', href: href('/feedback', { ...q, overdue: '1', status: 'open' }) }, t('fb.overdueCount', { n: count(r.overdue, r.overdue_more) })) : null);

  const list = h('ul', { class: 'fb-list' }, items.map((f) => card(f, refresh)));
  const exportQ = { view: q.view, status: query.status, topic: q.topic, urgent: q.urgent, overdue: q.overdue, q: q.q };
  return h('section', { class: 'page fb-page' },
    h('div', { class: 'fb-head' },
      h('h1', { class: 'page-title', tabindex: '-1' }, t('fb.title')),
      h('div', { class: 'fb-head-links' },
        h('a', { class: 'btn btn--primary', href: href('/feedback/new') }, t('fb.new')),
        h('a', { class: 'btn btn--secondary', href: href('/feedback/stats') }, t('fb.stats')))),
    tabs, filters, summary,
    items.length ? list : emptyNote(t(r.next_cursor ? 'fb.emptySoFar' : 'fb.empty')),
    items.length ? null : list,
    moreButton(r.next_cursor, async (cursor) => {
      const p = await feedbackApi.list({ ...query, cursor });
      const before = shown;
      list.append(...(p.items || []).map((f) => card(f, refresh)));
      shown += (p.items || []).length;
      shownText.textContent = t('fb.shown', { n: fmtNumber(shown), total: count(before + (p.total ?? 0), p.total_more) });
      return p.next_cursor;
    }),
    h('p', { class: 'fb-export' }, t('fb.export'), ' ',
      h('a', { href: feedbackApi.exportUrl(exportQ, 'csv'), download: 'y-kien.csv' }, 'CSV'), ' · ',
      h('a', { href: feedbackApi.exportUrl(exportQ, 'xlsx'), download: 'y-kien.xlsx' }, 'XLSX')));
}

export const title = () => t('fb.title');
